//! Reusable pieces of the survey page.

mod actions;
mod error_summary;
mod exit_button;
mod language_switch;
mod progress;
mod question;
mod review;

pub use actions::UnitActions;
pub use error_summary::{ErrorSummary, SummaryItem};
pub use exit_button::ExitButton;
pub use language_switch::LanguageSwitch;
pub use progress::Progress;
pub use question::{first_input_id, QuestionView};
pub use review::ReviewList;
