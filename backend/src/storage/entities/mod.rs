//! sea-orm entities, one per table created in `migrations`.

pub mod action;
pub mod advocacy_service;
pub mod audit_entry;
pub mod comment;
pub mod comment_correction;
pub mod comment_theme;
pub mod invitation;
pub mod own_correction_delta;
pub mod response;
pub mod rollup_answer;
pub mod rollup_answer_month;
pub mod rollup_answer_month_all_units;
pub mod rollup_response;
pub mod rollup_response_month;
pub mod rollup_theme;
pub mod rollup_theme_month;
pub mod rollup_theme_month_all_stages;
pub mod sms_outbox;
pub mod staff_session;
pub mod staff_user;
pub mod survey;
pub mod unit;
