//! Service functions: everything that touches the database, called by thin handlers and by
//! the command line. Handlers never use sea-orm directly.

pub mod actions;
pub mod advocacy;
pub mod audit;
pub mod auth;
pub mod claim_and_store;
pub mod corrections;
pub mod dashboard;
pub mod demo;
pub mod held_connection;
pub mod invitations;
pub mod refine;
pub mod response_rates;
pub mod responses;
pub mod retention;
pub mod rollups;
pub mod sms;
pub mod sqlite_writer;
pub mod suppression;
pub mod surveys;
pub mod units;
