//! One page per kind of address: the survey flow for `/s/{token}`, the advocate-link page for
//! `/a/{code}`, and the calm "link problem" page for anything else (or a link that is unknown,
//! used or expired).

mod advocate;
mod link_problem;
mod survey;

pub use crate::hooks::Problem;
pub use advocate::AdvocatePage;
pub use link_problem::LinkProblem;
pub use survey::SurveyPage;
