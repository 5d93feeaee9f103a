//! Month-level rollups beside the weekly ones: the same cells keyed by the month a week's Monday
//! falls in (`YYYY-MM`), bumped by the same helper in the same transaction as the weekly rows.
//! Dashboards round and show monthly figures only, so they read these (about a quarter of the
//! weekly rows) and aggregate in SQL. Existing weekly counts are summed into them here.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Units {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum RollupResponsesMonthly {
    Table,
    UnitId,
    Stage,
    Month,
    Channel,
    Count,
}

#[derive(DeriveIden, Clone, Copy)]
enum RollupAnswersMonthly {
    Table,
    UnitId,
    Stage,
    Month,
    QuestionId,
    Value,
    Count,
}

#[derive(DeriveIden, Clone, Copy)]
enum RollupThemesMonthly {
    Table,
    UnitId,
    Stage,
    Month,
    Theme,
    Polarity,
    Count,
}

fn unit_fk(table: impl IntoIden, column: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Units::Table, Units::Id)
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

fn key(column: impl IntoIden, len: u32) -> ColumnDef {
    ColumnDef::new(column).string_len(len).not_null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use RollupAnswersMonthly as A;
        use RollupResponsesMonthly as R;
        use RollupThemesMonthly as T;
        // Primary keys are in the order dashboards read and group: a unit and a month range
        // for responses; a month range across every unit for answers (shares are compared
        // with all units); unit, theme, month for themes. On SQLite the tables are clustered
        // on that key (WITHOUT ROWID), so a read touches only the rows it sums.
        let clustered = match manager.get_database_backend() {
            sea_orm_migration::sea_orm::DatabaseBackend::Sqlite => "WITHOUT ROWID",
            _ => "",
        };
        manager
            .create_table(
                Table::create()
                    .table(R::Table)
                    .col(ColumnDef::new(R::UnitId).integer().not_null())
                    .col(key(R::Stage, 16))
                    .col(key(R::Month, 7))
                    .col(key(R::Channel, 16))
                    .col(ColumnDef::new(R::Count).big_integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(R::UnitId)
                            .col(R::Month)
                            .col(R::Stage)
                            .col(R::Channel),
                    )
                    .foreign_key(&mut unit_fk(R::Table, R::UnitId))
                    .extra(clustered)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(A::Table)
                    .col(ColumnDef::new(A::UnitId).integer().not_null())
                    .col(key(A::Stage, 16))
                    .col(key(A::Month, 7))
                    .col(key(A::QuestionId, 64))
                    .col(key(A::Value, 64))
                    .col(ColumnDef::new(A::Count).big_integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(A::Month)
                            .col(A::QuestionId)
                            .col(A::Stage)
                            .col(A::Value)
                            .col(A::UnitId),
                    )
                    .foreign_key(&mut unit_fk(A::Table, A::UnitId))
                    .extra(clustered)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(T::Table)
                    .col(ColumnDef::new(T::UnitId).integer().not_null())
                    .col(key(T::Stage, 16))
                    .col(key(T::Month, 7))
                    .col(key(T::Theme, 64))
                    .col(key(T::Polarity, 16))
                    .col(ColumnDef::new(T::Count).big_integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(T::UnitId)
                            .col(T::Theme)
                            .col(T::Month)
                            .col(T::Stage)
                            .col(T::Polarity),
                    )
                    .foreign_key(&mut unit_fk(T::Table, T::UnitId))
                    .extra(clustered)
                    .to_owned(),
            )
            .await?;
        // Dashboards list every theme ever stored: a walk along this index finds them.
        manager
            .create_index(
                Index::create()
                    .name("rollup_themes_monthly_theme")
                    .table(T::Table)
                    .col(T::Theme)
                    .to_owned(),
            )
            .await?;

        // Counts already stored, summed from their weeks (a week counts towards the month of
        // its Monday, the first seven characters of its label).
        let db = manager.get_connection();
        db.execute_unprepared(
            "INSERT INTO rollup_responses_monthly (unit_id, stage, month, channel, count) \
             SELECT unit_id, stage, substr(week, 1, 7), channel, SUM(count) \
             FROM rollup_responses GROUP BY unit_id, stage, substr(week, 1, 7), channel",
        )
        .await?;
        db.execute_unprepared(
            "INSERT INTO rollup_answers_monthly (unit_id, stage, month, question_id, value, count) \
             SELECT unit_id, stage, substr(week, 1, 7), question_id, value, SUM(count) \
             FROM rollup_answers GROUP BY unit_id, stage, substr(week, 1, 7), question_id, value",
        )
        .await?;
        db.execute_unprepared(
            "INSERT INTO rollup_themes_monthly (unit_id, stage, month, theme, polarity, count) \
             SELECT unit_id, stage, substr(week, 1, 7), theme, polarity, SUM(count) \
             FROM rollup_themes GROUP BY unit_id, stage, substr(week, 1, 7), theme, polarity",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            RollupThemesMonthly::Table.into_iden(),
            RollupAnswersMonthly::Table.into_iden(),
            RollupResponsesMonthly::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
