//! Reusable pieces of the staff pages.

mod chart;
mod comment;
mod error_summary;
mod fields;
mod figures;
mod filters;
mod layout;
mod rates;

pub use chart::{TrendChart, TrendTable};
pub use comment::{may_correct_themes, CommentCard};
pub use error_summary::{field_items, summary_items, ErrorSummary, SummaryItem};
pub use fields::{field_error, SelectField, TextAreaField, TextField};
pub use figures::{FigureText, ShareText, SuppressionNote};
pub use filters::FilterForm;
pub use layout::{AccessDenied, Loading, NotFound, PageError, SetTitle};
pub use rates::ResponseRates;
