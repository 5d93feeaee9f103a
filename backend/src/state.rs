//! The state every handler shares.

use crate::config::Settings;
use crate::web::assets::FrontendIndex;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    /// Themes free text: the taxonomy data plus what staff corrections taught it, rebuilt
    /// after each correction (`services::corrections`).
    pub tagger: Arc<crate::services::corrections::LiveTagger>,
    pub settings: Arc<Settings>,
    pub index: Arc<FrontendIndex>,
    pub staff_index: Arc<FrontendIndex>,
    /// Base of links the app prints or encodes, e.g. `https://vv.example`.
    pub public_url: Arc<str>,
    /// Small-number suppression every staff figure passes (DESIGN.md, firm).
    pub thresholds: crate::services::suppression::Thresholds,
    /// Text-message invitations: the sealed queue and the Notify client (or offline outbox).
    pub sms: crate::services::sms::Sms,
    /// The submission writer (group commit; see `services::responses`).
    pub submissions: crate::services::responses::Submissions,
    /// When a request was last served: the theme refiner waits for a quiet moment.
    pub activity: crate::web::activity::Activity,
}

impl AppState {
    pub fn public_url(&self) -> &str {
        &self.public_url
    }
}
