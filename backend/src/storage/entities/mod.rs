//! sea-orm entities, one per table created in `migrations`.

pub mod comment;
pub mod invitation;
pub mod response;
pub mod rollup_answer;
pub mod rollup_response;
pub mod survey;
pub mod unit;
