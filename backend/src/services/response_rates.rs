//! Response rates: invitations issued and used per stage and channel, from the invitations
//! table alone (its own `used` flag), so nothing ties an invitation to a response. Every
//! figure passes the one suppression function; each unit's and the all-units figures are
//! rounded on their own.

use crate::error::ApiResult;
use crate::services::suppression::{self, Table, Thresholds};
use crate::storage::entities::invitation;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};
use shared::{Channel, ResponseRate, Stage};
use std::collections::BTreeMap;

/// Rates for one unit, or for all units when `unit_id` is None.
pub async fn rates(
    db: &DatabaseConnection,
    unit_id: Option<i32>,
    thresholds: &Thresholds,
) -> ApiResult<Vec<ResponseRate>> {
    let mut query = invitation::Entity::find()
        .select_only()
        .column(invitation::Column::Stage)
        .column(invitation::Column::Channel)
        .column(invitation::Column::Used);
    if let Some(unit_id) = unit_id {
        query = query.filter(invitation::Column::UnitId.eq(unit_id));
    }
    let rows: Vec<(String, String, bool)> = query.into_tuple().all(db).await?;
    // (stage, channel) -> (used, unused)
    let mut counts: BTreeMap<(String, String), (i64, i64)> = BTreeMap::new();
    for (stage, channel, used) in rows {
        let entry = counts.entry((stage, channel)).or_default();
        if used {
            entry.0 += 1;
        } else {
            entry.1 += 1;
        }
    }
    let mut out = Vec::new();
    for stage in Stage::ALL {
        for channel in [Channel::Sms, Channel::Advocate, Channel::Link] {
            let (used, unused) = counts
                .get(&(stage.to_string(), channel.as_str().to_string()))
                .copied()
                .unwrap_or_default();
            let mut table = Table::default();
            let used_cell = table.push(thresholds.month(used));
            let unused_cell = table.push(thresholds.month(unused));
            let issued_cell = table.push(thresholds.month(used + unused));
            table.group(issued_cell, vec![used_cell, unused_cell]);
            let figures = suppression::suppress(thresholds, &table);
            out.push(ResponseRate {
                stage,
                channel,
                issued: figures[issued_cell],
                used: figures[used_cell],
                rate: suppression::share(
                    thresholds,
                    thresholds.month(used),
                    thresholds.month(unused),
                ),
            });
        }
    }
    Ok(out)
}
