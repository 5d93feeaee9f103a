//! Answers per stage, month, question and value with every unit together
//! (`rollup_answers_monthly_all_units`), and an index on `rollup_answers_monthly` by unit.
//!
//! Every unit dashboard compares its unit's answers with all units'. Summing all units' cells
//! of `rollup_answers_monthly` on each request read every unit's rows (about 8,000 for a year
//! of 1M responses over 12 units, 15 ms of the dashboard's 23 ms on a 2-core machine); the
//! all-units sums are the same for every unit, so they are kept summed, as the stage-less theme
//! months are (migration 7), and the unit's own rows are found by the new index. Kept in step
//! by `rollups::add_to_counts` in the same transaction; existing counts are summed in here.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum RollupAnswersMonthlyAllUnits {
    Table,
    Stage,
    Month,
    QuestionId,
    Value,
    Count,
}

#[derive(DeriveIden, Clone, Copy)]
enum RollupAnswersMonthly {
    Table,
    UnitId,
    Month,
}

const UNIT_INDEX: &str = "rollup_answers_monthly_unit";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use RollupAnswersMonthlyAllUnits as A;
        // Keyed as `rollup_answers_monthly` without the unit; clustered on SQLite.
        let clustered = match manager.get_database_backend() {
            sea_orm_migration::sea_orm::DatabaseBackend::Sqlite => "WITHOUT ROWID",
            _ => "",
        };
        manager
            .create_table(
                Table::create()
                    .table(A::Table)
                    .col(ColumnDef::new(A::Stage).string_len(16).not_null())
                    .col(ColumnDef::new(A::Month).string_len(7).not_null())
                    .col(ColumnDef::new(A::QuestionId).string_len(64).not_null())
                    .col(ColumnDef::new(A::Value).string_len(64).not_null())
                    .col(ColumnDef::new(A::Count).big_integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(A::Month)
                            .col(A::QuestionId)
                            .col(A::Stage)
                            .col(A::Value),
                    )
                    .extra(clustered)
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO rollup_answers_monthly_all_units (stage, month, question_id, value, count) \
                 SELECT stage, month, question_id, value, SUM(count) \
                 FROM rollup_answers_monthly GROUP BY stage, month, question_id, value",
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(UNIT_INDEX)
                    .table(RollupAnswersMonthly::Table)
                    .col(RollupAnswersMonthly::UnitId)
                    .col(RollupAnswersMonthly::Month)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(UNIT_INDEX)
                    .table(RollupAnswersMonthly::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(RollupAnswersMonthlyAllUnits::Table)
                    .to_owned(),
            )
            .await
    }
}
