//! Staff issuing invitations: a link to hand over in person, a text message, or a batch of
//! text messages from CSV; the offline outbox; response rates. Admins issue for any unit, a
//! BCU lead for their own, an advocate for any unit (as channel `advocate`); analysts only read.

use crate::error::{ApiError, ApiResult};
use crate::extract::ValidatedJson;
use crate::services::auth::{self, StaffUser};
use crate::services::sms::{outbox, BatchReport, SmsBatchRequest, SmsInvitationRequest};
use crate::services::{audit, invitations, response_rates, units};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::{
    Channel, IssuedInvitation, ResponseRate, StaffBatchRequest, StaffInvitationRequest, StaffRole,
};
use time::OffsetDateTime;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/staff/invitations", post(issue))
        .route("/api/v1/staff/invitations/batch", post(issue_batch))
        .route("/api/v1/staff/sms-outbox", get(sms_outbox))
        .route("/api/v1/staff/units/{code}/response-rates", get(unit_rates))
        .route("/api/v1/staff/response-rates", get(all_rates))
}

/// The unit an invitation may be issued for by this person.
async fn issuable_unit(state: &AppState, user: &StaffUser, code: &str) -> ApiResult<i32> {
    let unit = units::find_by_code(&state.db, code)
        .await?
        .ok_or_else(|| ApiError::field("unit_code", "there is no unit with this code"))?;
    let allowed = match user.role {
        StaffRole::Admin | StaffRole::Advocate => true,
        StaffRole::BcuLead => user.unit_id == Some(unit.id),
        StaffRole::Analyst => false,
    };
    if allowed {
        Ok(unit.id)
    } else {
        Err(ApiError::Forbidden)
    }
}

#[utoipa::path(
    post, path = "/api/v1/staff/invitations", tag = "staff",
    security(("staff_session" = [], "csrf_token" = [])),
    request_body = StaffInvitationRequest,
    responses(
        (status = 201, description = "A link to hand over, or a queued text message", body = IssuedInvitation),
        crate::openapi::JsonBodyErrors,
        crate::openapi::SignedOut,
        crate::openapi::ForbiddenOrCsrf,
    )
)]
async fn issue(
    State(state): State<AppState>,
    user: StaffUser,
    ValidatedJson(request): ValidatedJson<StaffInvitationRequest>,
) -> ApiResult<(StatusCode, Json<IssuedInvitation>)> {
    issuable_unit(&state, &user, &request.unit_code).await?;
    let issued = match (request.channel, &request.phone) {
        (Channel::Sms, Some(phone)) => {
            let queued = state
                .sms
                .invite(
                    &SmsInvitationRequest {
                        stage: request.stage,
                        unit_code: request.unit_code.clone(),
                        phone: phone.clone(),
                        safe_contact_confirmed: request.safe_contact_confirmed,
                    },
                    OffsetDateTime::now_utc(),
                )
                .await?;
            IssuedInvitation::Sms {
                queued: true,
                held_for_quiet_hours: queued.held_for_quiet_hours,
                not_before: queued.not_before,
            }
        }
        (Channel::Sms, None) => return Err(ApiError::field("phone", "enter a UK mobile number")),
        (_, Some(_)) => {
            return Err(ApiError::field(
                "phone",
                "a phone number is only for a text message",
            ))
        }
        (channel, None) => {
            // A link handed over by an advocate counts as the advocate channel.
            let channel = if user.role == StaffRole::Advocate {
                Channel::Advocate
            } else {
                channel
            };
            let issued = invitations::issue(
                &state.db,
                request.stage,
                &request.unit_code,
                channel,
                state.settings.invite_ttl_days,
            )
            .await?;
            IssuedInvitation::Link {
                link: format!("{}/s/{}", state.public_url(), issued.token.as_str()),
                expires_at: issued.expires_at,
            }
        }
    };
    audit::record(
        &state.db,
        user.id,
        "issue_invitation",
        &format!(
            "{} {} {}",
            request.unit_code,
            request.stage,
            request.channel.as_str()
        ),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(issued)))
}

#[utoipa::path(
    post, path = "/api/v1/staff/invitations/batch", tag = "staff",
    security(("staff_session" = [], "csrf_token" = [])),
    request_body = StaffBatchRequest,
    responses(
        (status = 200, description = "Messages queued, and the rows refused by number and reason", body = BatchReport),
        crate::openapi::JsonBodyErrors,
        crate::openapi::SignedOut,
        crate::openapi::ForbiddenOrCsrf,
    )
)]
async fn issue_batch(
    State(state): State<AppState>,
    user: StaffUser,
    ValidatedJson(request): ValidatedJson<StaffBatchRequest>,
) -> ApiResult<Json<BatchReport>> {
    issuable_unit(&state, &user, &request.unit_code).await?;
    let report = state
        .sms
        .invite_batch(
            &SmsBatchRequest {
                stage: request.stage,
                unit_code: request.unit_code.clone(),
                csv: request.csv.clone(),
                safe_contact_confirmed: request.safe_contact_confirmed,
            },
            OffsetDateTime::now_utc(),
        )
        .await?;
    audit::record(
        &state.db,
        user.id,
        "issue_sms_batch",
        &format!(
            "{} {} queued={}",
            request.unit_code, request.stage, report.queued
        ),
    )
    .await?;
    Ok(Json(report))
}

#[utoipa::path(
    get, path = "/api/v1/staff/sms-outbox", tag = "staff",
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "Every text message, newest first (admins only)", body = Vec<outbox::OutboxEntry>),
        crate::openapi::SignedOut,
        crate::openapi::Forbidden,
    )
)]
async fn sms_outbox(
    State(state): State<AppState>,
    user: StaffUser,
) -> ApiResult<Json<Vec<outbox::OutboxEntry>>> {
    user.require(&[StaffRole::Admin])?;
    Ok(Json(outbox::list(&state.sms).await?))
}

#[utoipa::path(
    get, path = "/api/v1/staff/units/{code}/response-rates", tag = "staff",
    security(("staff_session" = [])),
    params(("code" = String, Path, description = "The unit's code")),
    responses(
        (status = 200, description = "Suppressed response rates per stage and channel", body = Vec<ResponseRate>),
        crate::openapi::SignedOut,
        crate::openapi::Forbidden,
        crate::openapi::NotFound,
    )
)]
async fn unit_rates(
    State(state): State<AppState>,
    user: StaffUser,
    Path(code): Path<String>,
) -> ApiResult<Json<Vec<ResponseRate>>> {
    let unit = auth::readable_unit(&state.db, &user, &code).await?;
    Ok(Json(
        response_rates::rates(&state.db, Some(unit.id), &state.thresholds).await?,
    ))
}

#[utoipa::path(
    get, path = "/api/v1/staff/response-rates", tag = "staff",
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "Suppressed response rates across units", body = Vec<ResponseRate>),
        crate::openapi::SignedOut,
        crate::openapi::Forbidden,
    )
)]
async fn all_rates(
    State(state): State<AppState>,
    user: StaffUser,
) -> ApiResult<Json<Vec<ResponseRate>>> {
    user.require(&[StaffRole::Admin, StaffRole::Advocate, StaffRole::Analyst])?;
    Ok(Json(
        response_rates::rates(&state.db, None, &state.thresholds).await?,
    ))
}
