//! Retention: raw free text is deleted once older than the configured period; responses and
//! rollups stay, so dashboards keep their history while what people wrote does not linger.

use crate::storage::entities::comment;
use crate::week::week_label;
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use std::time::Duration;
use time::OffsetDateTime;

/// Deletes comments from weeks that began more than `days` ago. Returns how many went.
pub async fn purge_old_text(db: &DatabaseConnection, days: u32) -> Result<u64, DbErr> {
    let cutoff =
        week_label(OffsetDateTime::now_utc().date() - time::Duration::days(i64::from(days)));
    // Week labels are ISO dates, so text order is date order.
    let result = comment::Entity::delete_many()
        .filter(comment::Column::Week.lt(cutoff))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// Runs the purge now and then every six hours for as long as the server runs.
pub fn spawn_job(db: DatabaseConnection, days: u32) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(6 * 3600));
        loop {
            every.tick().await;
            match purge_old_text(&db, days).await {
                Ok(0) => {}
                Ok(deleted) => tracing::info!(deleted, days, "deleted free text past retention"),
                Err(error) => tracing::error!(%error, "retention job failed; will retry"),
            }
        }
    });
}
