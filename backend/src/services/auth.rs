//! Staff sign-in: argon2id password hashes, per-account lockout after repeated failures,
//! sessions held server-side (the cookie carries a random token stored only as its hash) with
//! idle and absolute expiry, and a per-session CSRF token.

use crate::error::{ApiError, ApiResult};
use crate::services::{advocacy, units};
use crate::storage::entities::{advocacy_service, staff_session, staff_user, unit};
use crate::token::InvitationToken;
use crate::week::now_unix;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use shared::{NewStaffUser, StaffMe, StaffRole, StaffUserView};
use std::str::FromStr;

/// A session ends after this long without a request...
pub const IDLE_TIMEOUT_SECS: i64 = 30 * 60;
/// ...and after this long in any case.
pub const ABSOLUTE_TIMEOUT_SECS: i64 = 12 * 3600;
/// A request moves its session's last-seen time on only when it is at least this old: one
/// write a minute instead of one per request (a committed write each, on every dashboard
/// view). The idle timeout can so end a session up to this much early, never late.
pub const SESSION_TOUCH_EVERY_SECS: i64 = 60;
pub const MAX_FAILED_LOGINS: i32 = 5;
pub const LOCKOUT_SECS: i64 = 15 * 60;

/// Runs argon2 (tens of milliseconds of CPU and 19 MB by design) on tokio's blocking pool, so
/// a sign-in or a password change never holds up the async workers serving victims.
async fn off_the_workers<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> ApiResult<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("password hashing stopped: {e}")))
}

async fn hash_password_off_the_workers(password: &str) -> ApiResult<String> {
    let password = password.to_string();
    off_the_workers(move || hash_password(&password)).await?
}

fn hash_password(password: &str) -> ApiResult<String> {
    let mut salt_bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut salt_bytes);
    let salt = SaltString::encode_b64(&salt_bytes)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("making a salt: {e}")))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("hashing a password: {e}")))
}

fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|hash| {
            Argon2::default()
                .verify_password(password.as_bytes(), &hash)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A signed-in staff member as every staff handler sees them.
#[derive(Debug, Clone)]
pub struct StaffUser {
    pub id: i32,
    pub email: String,
    pub role: StaffRole,
    pub unit_id: Option<i32>,
    pub advocacy_service_id: Option<i32>,
    pub csrf_token: String,
}

impl StaffUser {
    /// Whether this person may read figures for one unit. Advocates, analysts and admins
    /// read aggregates for all units; a BCU lead only their own.
    pub fn may_read_unit(&self, unit_id: i32) -> bool {
        match self.role {
            StaffRole::BcuLead => self.unit_id == Some(unit_id),
            StaffRole::Admin | StaffRole::Advocate | StaffRole::Analyst => true,
        }
    }

    /// Publishing "you said, we did" for a unit: its BCU lead, or an admin.
    pub fn may_act_for_unit(&self, unit_id: i32) -> bool {
        match self.role {
            StaffRole::BcuLead => self.unit_id == Some(unit_id),
            StaffRole::Admin => true,
            StaffRole::Advocate | StaffRole::Analyst => false,
        }
    }

    pub fn require(&self, allowed: &[StaffRole]) -> ApiResult<()> {
        if allowed.contains(&self.role) {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }
}

/// The unit behind a code, if this person may read it: 404 for no such unit, 403 otherwise.
pub async fn readable_unit(
    db: &DatabaseConnection,
    user: &StaffUser,
    code: &str,
) -> ApiResult<unit::Model> {
    let unit = units::find_by_code(db, code)
        .await?
        .ok_or(ApiError::NotFound("unit"))?;
    if user.may_read_unit(unit.id) {
        Ok(unit)
    } else {
        Err(ApiError::Forbidden)
    }
}

pub async fn create_user(db: &DatabaseConnection, new: &NewStaffUser) -> ApiResult<StaffUserView> {
    let email = new.email.trim().to_lowercase();
    if staff_user::Entity::find()
        .filter(staff_user::Column::Email.eq(&email))
        .one(db)
        .await?
        .is_some()
    {
        return Err(ApiError::field(
            "email",
            "an account with this email already exists",
        ));
    }
    let unit_id = match (new.role, &new.unit_code) {
        (StaffRole::BcuLead, Some(code)) => Some(
            units::find_by_code(db, code)
                .await?
                .ok_or_else(|| ApiError::field("unit_code", "there is no unit with this code"))?
                .id,
        ),
        (StaffRole::BcuLead, None) => {
            return Err(ApiError::field("unit_code", "a BCU lead needs a unit"))
        }
        (_, Some(_)) => return Err(ApiError::field("unit_code", "only a BCU lead has a unit")),
        (_, None) => None,
    };
    let advocacy_service_id = match (new.role, &new.advocacy_code) {
        (StaffRole::Advocate, Some(code)) => Some(
            advocacy::find_by_code(db, code)
                .await
                .map_err(|_| {
                    ApiError::field(
                        "advocacy_code",
                        "there is no advocacy service with this code",
                    )
                })?
                .id,
        ),
        (StaffRole::Advocate, None) => {
            return Err(ApiError::field(
                "advocacy_code",
                "an advocate needs an advocacy service",
            ))
        }
        (_, Some(_)) => {
            return Err(ApiError::field(
                "advocacy_code",
                "only an advocate has an advocacy service",
            ))
        }
        (_, None) => None,
    };
    let row = staff_user::ActiveModel {
        email: Set(email),
        password_hash: Set(hash_password_off_the_workers(&new.password).await?),
        role: Set(new.role.as_str().to_string()),
        unit_id: Set(unit_id),
        advocacy_service_id: Set(advocacy_service_id),
        active: Set(true),
        failed_logins: Set(0),
        locked_until: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    view(db, row).await
}

pub async fn view(db: &DatabaseConnection, row: staff_user::Model) -> ApiResult<StaffUserView> {
    let unit_code = match row.unit_id {
        Some(id) => unit::Entity::find_by_id(id).one(db).await?.map(|u| u.code),
        None => None,
    };
    let advocacy_code = match row.advocacy_service_id {
        Some(id) => advocacy_service::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|s| s.code),
        None => None,
    };
    Ok(StaffUserView {
        id: row.id,
        email: row.email,
        role: parse_role(&row.role)?,
        unit_code,
        advocacy_code,
        active: row.active,
    })
}

fn parse_role(text: &str) -> ApiResult<StaffRole> {
    StaffRole::from_str(text).map_err(|e| ApiError::Internal(anyhow::anyhow!("stored role: {e}")))
}

pub async fn me(db: &DatabaseConnection, user: &StaffUser) -> ApiResult<StaffMe> {
    let row = staff_user::Entity::find_by_id(user.id)
        .one(db)
        .await?
        .ok_or(ApiError::Unauthorized)?;
    let view = view(db, row).await?;
    Ok(StaffMe {
        id: view.id,
        email: view.email,
        role: view.role,
        unit_code: view.unit_code,
        advocacy_code: view.advocacy_code,
        csrf_token: user.csrf_token.clone(),
    })
}

/// A new session: the token for the cookie, and the user with the session's CSRF token.
pub struct SignedIn {
    pub session_token: String,
    pub user: StaffUser,
}

/// Checks the password; after `MAX_FAILED_LOGINS` failures the account is locked for
/// `LOCKOUT_SECS`. Every failure gets the same answer, so the response does not reveal
/// whether an email has an account.
pub async fn login(db: &DatabaseConnection, email: &str, password: &str) -> ApiResult<SignedIn> {
    let now = now_unix();
    let email = email.trim().to_lowercase();
    let row = staff_user::Entity::find()
        .filter(staff_user::Column::Email.eq(&email))
        .one(db)
        .await?;
    let Some(row) = row else {
        // Spend the same time as a real check, so timing does not reveal unknown emails.
        let _ = hash_password_off_the_workers(password).await;
        return Err(ApiError::LoginFailed);
    };
    if row.locked_until.is_some_and(|until| until > now) {
        return Err(ApiError::LoginFailed);
    }
    let matches = {
        let (password, stored) = (password.to_string(), row.password_hash.clone());
        off_the_workers(move || verify_password(&password, &stored)).await?
    };
    if !row.active || !matches {
        let failures = row.failed_logins + 1;
        let locked_until = (failures >= MAX_FAILED_LOGINS).then_some(now + LOCKOUT_SECS);
        staff_user::Entity::update_many()
            .col_expr(
                staff_user::Column::FailedLogins,
                Expr::value(if locked_until.is_some() { 0 } else { failures }),
            )
            .col_expr(staff_user::Column::LockedUntil, Expr::value(locked_until))
            .filter(staff_user::Column::Id.eq(row.id))
            .exec(db)
            .await?;
        return Err(ApiError::LoginFailed);
    }
    staff_user::Entity::update_many()
        .col_expr(staff_user::Column::FailedLogins, Expr::value(0))
        .col_expr(
            staff_user::Column::LockedUntil,
            Expr::value(Option::<i64>::None),
        )
        .filter(staff_user::Column::Id.eq(row.id))
        .exec(db)
        .await?;
    let session_token = InvitationToken::generate();
    let csrf_token = InvitationToken::generate().as_str().to_string();
    staff_session::ActiveModel {
        token_hash: Set(session_token.hash()),
        user_id: Set(row.id),
        csrf_token: Set(csrf_token.clone()),
        created_at: Set(now),
        last_seen_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(SignedIn {
        session_token: session_token.as_str().to_string(),
        user: StaffUser {
            id: row.id,
            email: row.email,
            role: parse_role(&row.role)?,
            unit_id: row.unit_id,
            advocacy_service_id: row.advocacy_service_id,
            csrf_token,
        },
    })
}

/// The user behind a session cookie, if the session is live; refreshes its idle timer.
pub async fn session_user(
    db: &DatabaseConnection,
    session_token: &str,
) -> ApiResult<Option<StaffUser>> {
    let Some(token) = InvitationToken::parse(session_token) else {
        return Ok(None);
    };
    let now = now_unix();
    let Some(session) = staff_session::Entity::find()
        .filter(staff_session::Column::TokenHash.eq(token.hash()))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if now - session.last_seen_at > IDLE_TIMEOUT_SECS
        || now - session.created_at > ABSOLUTE_TIMEOUT_SECS
    {
        staff_session::Entity::delete_by_id(session.id)
            .exec(db)
            .await?;
        return Ok(None);
    }
    let Some(row) = staff_user::Entity::find_by_id(session.user_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if !row.active {
        return Ok(None);
    }
    if now - session.last_seen_at >= SESSION_TOUCH_EVERY_SECS {
        staff_session::Entity::update_many()
            .col_expr(staff_session::Column::LastSeenAt, Expr::value(now))
            .filter(staff_session::Column::Id.eq(session.id))
            .exec(db)
            .await?;
    }
    Ok(Some(StaffUser {
        id: row.id,
        email: row.email,
        role: parse_role(&row.role)?,
        unit_id: row.unit_id,
        advocacy_service_id: row.advocacy_service_id,
        csrf_token: session.csrf_token,
    }))
}

pub async fn logout(db: &DatabaseConnection, session_token: &str) -> ApiResult<()> {
    if let Some(token) = InvitationToken::parse(session_token) {
        staff_session::Entity::delete_many()
            .filter(staff_session::Column::TokenHash.eq(token.hash()))
            .exec(db)
            .await?;
    }
    Ok(())
}

pub async fn list_users(db: &DatabaseConnection) -> ApiResult<Vec<StaffUserView>> {
    let mut views = Vec::new();
    for row in staff_user::Entity::find().all(db).await? {
        views.push(view(db, row).await?);
    }
    Ok(views)
}

pub async fn update_user(
    db: &DatabaseConnection,
    id: i32,
    update: &shared::UpdateStaffUser,
) -> ApiResult<StaffUserView> {
    let row = staff_user::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("staff account"))?;
    let mut active: staff_user::ActiveModel = row.into();
    if let Some(flag) = update.active {
        active.active = Set(flag);
    }
    if let Some(password) = &update.password {
        active.password_hash = Set(hash_password_off_the_workers(password).await?);
    }
    let row = active.update(db).await?;
    if update.active == Some(false) || update.password.is_some() {
        // A deactivated account or a new password ends every session of that account.
        staff_session::Entity::delete_many()
            .filter(staff_session::Column::UserId.eq(id))
            .exec(db)
            .await?;
    }
    view(db, row).await
}
