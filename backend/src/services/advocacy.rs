//! Advocacy services and their reusable links `/a/{code}`: each visit asks for its own
//! single-use invitation (channel `advocate`) for the stage and area the victim picks.

use crate::error::{ApiError, ApiResult};
use crate::services::{invitations, units};
use crate::storage::entities::advocacy_service;
use rand::Rng;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use shared::{AdvocateLinkView, AdvocateSessionRequest, Channel, Stage};

/// Codes avoid look-alike characters, so one read aloud or typed from paper still works.
const CODE_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
const CODE_LEN: usize = 8;

/// A session from an advocate link is answered there and then; it expires within a day.
pub const SESSION_TTL_DAYS: u32 = 1;

pub async fn create(db: &DatabaseConnection, name: &str) -> ApiResult<advocacy_service::Model> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(ApiError::field(
            "name",
            "give the service a name of 1 to 200 characters",
        ));
    }
    let code: String = {
        let mut rng = rand::rng();
        (0..CODE_LEN)
            .map(|_| CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())] as char)
            .collect()
    };
    Ok(advocacy_service::ActiveModel {
        code: Set(code),
        name: Set(name.to_string()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

pub async fn find_by_code(
    db: &DatabaseConnection,
    code: &str,
) -> ApiResult<advocacy_service::Model> {
    if code.len() != CODE_LEN {
        return Err(ApiError::NotFound("advocate link"));
    }
    advocacy_service::Entity::find()
        .filter(advocacy_service::Column::Code.eq(code))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("advocate link"))
}

pub async fn all(db: &DatabaseConnection) -> ApiResult<Vec<advocacy_service::Model>> {
    Ok(advocacy_service::Entity::find().all(db).await?)
}

/// What the advocate-link page needs. The service's name is left out on purpose: it could
/// reveal the subject to someone looking at the screen.
pub async fn link_view(db: &DatabaseConnection, code: &str) -> ApiResult<AdvocateLinkView> {
    find_by_code(db, code).await?;
    let units = units::options(db).await?;
    Ok(AdvocateLinkView {
        stages: Stage::ALL.to_vec(),
        units,
    })
}

pub async fn start_session(
    db: &DatabaseConnection,
    code: &str,
    request: &AdvocateSessionRequest,
) -> ApiResult<String> {
    find_by_code(db, code).await?;
    let issued = invitations::issue(
        db,
        request.stage,
        &request.unit_code,
        Channel::Advocate,
        SESSION_TTL_DAYS,
    )
    .await
    .map_err(|error| match error {
        ApiError::Validation(_) => ApiError::field("unit_code", "there is no area with this code"),
        other => other,
    })?;
    Ok(issued.token.as_str().to_string())
}

/// The QR code of a link, as a standalone SVG an advocate can print.
pub fn qr_svg(link: &str) -> ApiResult<String> {
    let code = qrcode::QrCode::with_error_correction_level(link.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("QR encoding failed: {e}")))?;
    Ok(code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .build())
}
