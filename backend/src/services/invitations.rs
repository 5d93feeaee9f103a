//! Single-use invitations: issuing one (the token is returned once and only its hash is kept)
//! and finding the open invitation behind a link.

use crate::error::{ApiError, ApiResult};
use crate::services::units;
use crate::storage::entities::invitation;
use crate::token::InvitationToken;
use crate::week::now_unix;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use shared::{Channel, Stage};

pub struct IssuedInvitation {
    pub token: InvitationToken,
    pub expires_at: i64,
}

pub async fn issue(
    db: &DatabaseConnection,
    stage: Stage,
    unit_code: &str,
    channel: Channel,
    ttl_days: u32,
) -> ApiResult<IssuedInvitation> {
    let unit = units::find_by_code(db, unit_code)
        .await?
        .ok_or_else(|| ApiError::field("unit", "there is no unit with this code"))?;
    let token = InvitationToken::generate();
    let expires_at = now_unix() + i64::from(ttl_days) * 86_400;
    invitation::ActiveModel {
        token_hash: Set(token.hash()),
        stage: Set(stage.to_string()),
        unit_id: Set(unit.id),
        channel: Set(channel.as_str().to_string()),
        expires_at: Set(expires_at),
        used: Set(false),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(IssuedInvitation { token, expires_at })
}

/// The invitation behind a link text, if it can still be answered: 404 for a malformed or
/// unknown link, 410 for one used or expired.
pub async fn find_open(
    db: &impl ConnectionTrait,
    token_text: &str,
) -> ApiResult<invitation::Model> {
    let token = InvitationToken::parse(token_text).ok_or(ApiError::InvitationNotFound)?;
    let row = invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(token.hash()))
        .one(db)
        .await?
        .ok_or(ApiError::InvitationNotFound)?;
    match why_closed(&row) {
        Some(refusal) => Err(refusal),
        None => Ok(row),
    }
}

/// Why a stored invitation can no longer be answered (410), or `None` while it is open.
pub fn why_closed(row: &invitation::Model) -> Option<ApiError> {
    if row.used {
        Some(ApiError::InvitationUsed)
    } else if row.expires_at <= now_unix() {
        Some(ApiError::InvitationExpired)
    } else {
        None
    }
}
