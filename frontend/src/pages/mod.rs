//! One page per kind of address: the survey flow for `/s/{token}`, and the calm "link problem"
//! page for anything else (or a link that is unknown, used or expired).

mod link_problem;
mod survey;

pub use crate::hooks::Problem;
pub use link_problem::LinkProblem;
pub use survey::SurveyPage;
