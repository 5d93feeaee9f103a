//! Staff requests to issue invitations (a link to hand over, or a text message), and the
//! response-rate figures the dashboards show.

use crate::staff::{Figure, Share};
use crate::stage::{Channel, Stage};
use serde::{Deserialize, Serialize};
use validator::Validate;

/// One invitation. `phone` is required for `sms` and refused otherwise; the sender must
/// confirm that a text message is safe for this person.
#[derive(Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StaffInvitationRequest {
    pub stage: Stage,
    #[validate(length(min = 1, max = 16, message = "choose a unit"))]
    pub unit_code: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 16))]
    pub channel: Channel,
    #[validate(length(min = 1, max = 40, message = "enter a UK mobile number"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 40))]
    pub phone: Option<String>,
    #[serde(default)]
    pub safe_contact_confirmed: bool,
}

impl std::fmt::Debug for StaffInvitationRequest {
    // A phone number must never reach a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaffInvitationRequest")
            .field("stage", &self.stage)
            .field("unit_code", &self.unit_code)
            .field("channel", &self.channel)
            .field("phone", &self.phone.as_ref().map(|_| "[redacted]"))
            .finish()
    }
}

/// A batch of text messages from CSV text (one number per row in the first column).
#[derive(Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StaffBatchRequest {
    pub stage: Stage,
    #[validate(length(min = 1, max = 16, message = "choose a unit"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 16))]
    pub unit_code: String,
    #[validate(length(min = 1, max = 200000, message = "paste or upload a CSV of numbers"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200000))]
    pub csv: String,
    #[serde(default)]
    pub safe_contact_confirmed: bool,
}

impl std::fmt::Debug for StaffBatchRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaffBatchRequest")
            .field("stage", &self.stage)
            .field("unit_code", &self.unit_code)
            .field("csv", &format_args!("[{} bytes]", self.csv.len()))
            .finish()
    }
}

/// What issuing one invitation gives back: a link to hand over, or the queued text message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IssuedInvitation {
    Link {
        link: String,
        expires_at: i64,
    },
    Sms {
        queued: bool,
        held_for_quiet_hours: bool,
        not_before: i64,
    },
}

/// Invitations issued and used for one stage and channel, suppressed like every figure.
/// Nothing links an invitation to a response: "used" is the invitation's own flag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResponseRate {
    pub stage: Stage,
    pub channel: Channel,
    pub issued: Figure,
    pub used: Figure,
    pub rate: Share,
}
