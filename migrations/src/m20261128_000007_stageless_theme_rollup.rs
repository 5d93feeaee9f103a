//! Theme mentions per unit, theme, month and polarity with every stage together
//! (`rollup_themes_monthly_all_stages`): the advocate dashboard with no stage filter reads
//! these instead of summing the stage cells of `rollup_themes_monthly` on every request (about
//! five times fewer cells). Dashboards round a month's count only after summing the stages it
//! selects, so the figures are exactly those of the stage-summed cells. Kept in step by
//! `rollups::add_to_counts` in the same transaction; existing counts are summed into it here.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Units {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum RollupThemesMonthlyAllStages {
    Table,
    UnitId,
    Month,
    Theme,
    Polarity,
    Count,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use RollupThemesMonthlyAllStages as T;
        // Keyed in the order the dashboard groups (unit, theme, month); clustered on SQLite.
        let clustered = match manager.get_database_backend() {
            sea_orm_migration::sea_orm::DatabaseBackend::Sqlite => "WITHOUT ROWID",
            _ => "",
        };
        manager
            .create_table(
                Table::create()
                    .table(T::Table)
                    .col(ColumnDef::new(T::UnitId).integer().not_null())
                    .col(ColumnDef::new(T::Month).string_len(7).not_null())
                    .col(ColumnDef::new(T::Theme).string_len(64).not_null())
                    .col(ColumnDef::new(T::Polarity).string_len(16).not_null())
                    .col(ColumnDef::new(T::Count).big_integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(T::UnitId)
                            .col(T::Theme)
                            .col(T::Month)
                            .col(T::Polarity),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(T::Table, T::UnitId)
                            .to(Units::Table, Units::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .extra(clustered)
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO rollup_themes_monthly_all_stages (unit_id, month, theme, polarity, count) \
                 SELECT unit_id, month, theme, polarity, SUM(count) \
                 FROM rollup_themes_monthly GROUP BY unit_id, month, theme, polarity",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(RollupThemesMonthlyAllStages::Table)
                    .to_owned(),
            )
            .await
    }
}
