//! What each member of staff's own theme corrections changed in the theme rollups
//! (`own_correction_deltas`), so that their own dashboards can leave those changes out before
//! suppression. Without it, someone who may correct could add a theme to comments they can
//! see, one at a time, and watch a hidden cell appear: that would tell them the count the
//! threshold hid (DESIGN.md: hidden cells cannot be recovered).
//!
//! A row holds a staff id and a rollup cell at month level (unit, stage, month, theme,
//! polarity) with the change one correction made to it. No comment, response or text: the
//! rows outlive the comments retention deletes, as the rollups they mirror do. Corrections
//! made before this table existed are not in it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum StaffUsers {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum OwnCorrectionDeltas {
    Table,
    Id,
    StaffUserId,
    UnitId,
    Stage,
    Month,
    Theme,
    Polarity,
    Delta,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use OwnCorrectionDeltas as T;
        manager
            .create_table(
                Table::create()
                    .table(T::Table)
                    .col(
                        ColumnDef::new(T::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(T::StaffUserId).integer().not_null())
                    .col(ColumnDef::new(T::UnitId).integer().not_null())
                    .col(ColumnDef::new(T::Stage).string_len(16).not_null())
                    .col(ColumnDef::new(T::Month).string_len(7).not_null())
                    .col(ColumnDef::new(T::Theme).string_len(64).not_null())
                    .col(ColumnDef::new(T::Polarity).string_len(16).not_null())
                    .col(ColumnDef::new(T::Delta).integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(T::Table, T::StaffUserId)
                            .to(StaffUsers::Table, StaffUsers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("own_correction_deltas_staff")
                    .table(T::Table)
                    .col(T::StaffUserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(OwnCorrectionDeltas::Table).to_owned())
            .await
    }
}
