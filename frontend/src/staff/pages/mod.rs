//! One page per route.

mod actions;
mod admin;
mod advocate;
mod comments;
mod invite;
mod outbox;
mod sign_in;
mod unit_dashboard;
mod units;

pub use admin::{AccountsPage, AdminUnitsPage, AuditPage};
pub use advocate::AdvocatePage;
pub use comments::CommentsPage;
pub use invite::InvitePage;
pub use outbox::OutboxPage;
pub use sign_in::SignIn;
pub use unit_dashboard::UnitDashboardPage;
pub use units::UnitsPage;
