//! "You said, we did": actions a unit publishes against a theme, shown on its dashboards and
//! on the thank-you page of every victim whose answers count towards that unit.

use crate::error::{ApiError, ApiResult};
use crate::services::units;
use crate::storage::entities::action;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use shared::PublishedAction;
use time::OffsetDateTime;

/// How many actions the thank-you page shows: the latest few, so it stays short.
pub const THANK_YOU_LIMIT: u64 = 5;

/// A stored action as pages show it (the month only).
pub fn published(row: action::Model) -> PublishedAction {
    PublishedAction {
        theme: row.theme,
        you_said: row.you_said,
        we_did: row.we_did,
        published: row.published_month,
    }
}

pub async fn publish(
    db: &DatabaseConnection,
    unit_id: i32,
    theme: &str,
    you_said: &str,
    we_did: &str,
) -> ApiResult<action::Model> {
    let today = OffsetDateTime::now_utc().date();
    Ok(action::ActiveModel {
        unit_id: Set(unit_id),
        theme: Set(theme.to_string()),
        you_said: Set(you_said.to_string()),
        we_did: Set(we_did.to_string()),
        published_month: Set(format!("{:04}-{:02}", today.year(), today.month() as u8)),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

pub async fn latest_for_unit(
    db: &DatabaseConnection,
    unit_code: &str,
    limit: u64,
) -> ApiResult<Vec<PublishedAction>> {
    let unit = units::find_by_code(db, unit_code)
        .await?
        .ok_or(ApiError::NotFound("unit"))?;
    let rows = action::Entity::find()
        .filter(action::Column::UnitId.eq(unit.id))
        .order_by_desc(action::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(published).collect())
}

/// Every unit's published actions, newest first (for the advocate view), or one unit's.
pub async fn all_with_units(
    db: &DatabaseConnection,
    unit_id: Option<i32>,
) -> ApiResult<Vec<shared::UnitAction>> {
    let codes: std::collections::HashMap<i32, String> = units::all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.code))
        .collect();
    let mut query = action::Entity::find().order_by_desc(action::Column::Id);
    if let Some(unit_id) = unit_id {
        query = query.filter(action::Column::UnitId.eq(unit_id));
    }
    Ok(query
        .limit(500)
        .all(db)
        .await?
        .into_iter()
        .map(|row| shared::UnitAction {
            unit_code: codes.get(&row.unit_id).cloned().unwrap_or_default(),
            action: published(row),
        })
        .collect())
}
