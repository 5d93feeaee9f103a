//! Advocate links (`/a/{code}`): what the page shows to let a victim pick their stage and
//! area, and the single-use survey session it asks for.

use crate::stage::Stage;
use serde::{Deserialize, Serialize};
use validator::Validate;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitOption {
    pub code: String,
    pub name: String,
    /// Boroughs or areas the unit covers, so a victim can pick where they live.
    pub areas: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdvocateLinkView {
    pub stages: Vec<Stage>,
    pub units: Vec<UnitOption>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AdvocateSessionRequest {
    pub stage: Stage,
    #[validate(length(min = 1, max = 16, message = "choose an area"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 16))]
    pub unit_code: String,
}

/// A fresh single-use token; the page moves to `/s/{token}` by replacing its history entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdvocateSessionCreated {
    pub token: String,
}

/// A "you said, we did" action as the victim's thank-you page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishedAction {
    pub theme: String,
    pub you_said: String,
    pub we_did: String,
    /// `YYYY-MM`.
    pub published: String,
}

/// A published action with the unit it belongs to, for staff views across units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitAction {
    pub unit_code: String,
    pub action: PublishedAction,
}
