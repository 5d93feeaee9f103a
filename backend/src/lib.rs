//! Victim Voice backend: an axum service over sea-orm that stores survey answers anonymously
//! and serves the survey client. `startup::Application` is the entry point for the binary and
//! for the black-box tests.

pub mod config;
pub mod error;
pub mod extract;
pub mod openapi;
pub mod routes;
pub mod services;
pub mod startup;
pub mod state;
pub mod storage;
pub mod telemetry;
pub mod token;
pub mod web;
pub mod week;

pub use config::Settings;
pub use startup::Application;
