//! State and effects shared by the survey page: the survey reducer and focus management.

mod focus;
mod survey_state;

pub use focus::{focus_element, use_focus_on_change};
pub use survey_state::{
    Failure, Message, Problem, Screen, SurveyAction, SurveyErrors, SurveyState,
};
