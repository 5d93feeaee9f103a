//! The audit log: who viewed, exported or changed what. Admins read it.

use crate::error::ApiResult;
use crate::storage::entities::{audit_entry, staff_user};
use crate::week::now_unix;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, QueryOrder, QuerySelect, Set};
use shared::AuditEntryView;
use std::collections::HashMap;

pub async fn record(
    db: &DatabaseConnection,
    user_id: i32,
    action: &str,
    target: &str,
) -> ApiResult<()> {
    audit_entry::ActiveModel {
        user_id: Set(user_id),
        action: Set(action.to_string()),
        target: Set(target.chars().take(255).collect()),
        at: Set(now_unix()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn recent(db: &DatabaseConnection, limit: u64) -> ApiResult<Vec<AuditEntryView>> {
    let emails: HashMap<i32, String> = staff_user::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.email))
        .collect();
    Ok(audit_entry::Entity::find()
        .order_by_desc(audit_entry::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|e| AuditEntryView {
            at: e.at,
            email: emails.get(&e.user_id).cloned().unwrap_or_default(),
            action: e.action,
            target: e.target,
        })
        .collect())
}
