//! Staff accounts and the requests the staff pages send: sign-in, accounts, units, actions.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use validator::Validate;

/// What a staff member may do; enforced by the server on every staff endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// Manages accounts, units and advocate links; reads everything including the audit log.
    Admin,
    /// Reads and acts for one BCU only.
    BcuLead,
    /// One advocacy service; reads aggregates across all BCUs.
    Advocate,
    /// Read-only, all units.
    Analyst,
}

impl StaffRole {
    pub const ALL: [StaffRole; 4] = [
        StaffRole::Admin,
        StaffRole::BcuLead,
        StaffRole::Advocate,
        StaffRole::Analyst,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StaffRole::Admin => "admin",
            StaffRole::BcuLead => "bcu_lead",
            StaffRole::Advocate => "advocate",
            StaffRole::Analyst => "analyst",
        }
    }
}

impl fmt::Display for StaffRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for StaffRole {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        StaffRole::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                format!("unknown role '{s}': expected admin, bcu_lead, advocate or analyst")
            })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[validate(length(min = 3, max = 254, message = "enter your email address"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 3, max_length = 254))]
    pub email: String,
    #[validate(length(min = 1, max = 1024, message = "enter your password"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1024))]
    pub password: String,
}

/// The signed-in staff member, and the token to send back in `X-CSRF-Token` on every
/// state-changing request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffMe {
    pub id: i32,
    pub email: String,
    pub role: StaffRole,
    pub unit_code: Option<String>,
    pub advocacy_code: Option<String>,
    pub csrf_token: String,
}

pub const MIN_PASSWORD_CHARS: u64 = 12;

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewStaffUser {
    #[validate(
        length(min = 3, max = 254, message = "enter an email address"),
        custom(function = "looks_like_email")
    )]
    #[cfg_attr(feature = "openapi", schema(min_length = 3, max_length = 254))]
    pub email: String,
    #[validate(length(min = 12, max = 1024, message = "use at least 12 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 12, max_length = 1024))]
    pub password: String,
    pub role: StaffRole,
    /// Required for a BCU lead.
    #[validate(length(min = 1, max = 16))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 16))]
    pub unit_code: Option<String>,
    /// Required for an advocate.
    #[validate(length(min = 1, max = 16))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 16))]
    pub advocacy_code: Option<String>,
}

/// A cheap shape check (something@something.something); email delivery is not our business.
fn looks_like_email(email: &str) -> Result<(), validator::ValidationError> {
    let ok = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
    }) && !email.chars().any(char::is_whitespace);
    if ok {
        Ok(())
    } else {
        let mut error = validator::ValidationError::new("email");
        error.message = Some("enter an email address like name@example.org".into());
        Err(error)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateStaffUser {
    pub active: Option<bool>,
    #[validate(length(min = 12, max = 1024, message = "use at least 12 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 12, max_length = 1024))]
    pub password: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffUserView {
    pub id: i32,
    pub email: String,
    pub role: StaffRole,
    pub unit_code: Option<String>,
    pub advocacy_code: Option<String>,
    pub active: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewUnit {
    #[validate(length(min = 1, max = 16, message = "give a short code"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 16))]
    pub code: String,
    #[validate(length(min = 1, max = 200, message = "give a name"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub name: String,
    #[validate(length(max = 50, message = "at most 50 areas"))]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub areas: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewAction {
    #[validate(length(min = 1, max = 64, message = "choose a theme"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub theme: String,
    #[validate(length(
        min = 1,
        max = 1000,
        message = "say what people told you, in up to 1000 characters"
    ))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1000))]
    pub you_said: String,
    #[validate(length(
        min = 1,
        max = 1000,
        message = "say what you did, in up to 1000 characters"
    ))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1000))]
    pub we_did: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntryView {
    pub at: i64,
    pub email: String,
    pub action: String,
    pub target: String,
}
