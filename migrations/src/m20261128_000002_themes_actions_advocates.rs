//! Themes on comments (automatic or corrected by staff) and their rollup; "you said, we did"
//! actions a unit publishes; advocacy services with their reusable link codes.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Units {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Comments {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum CommentThemes {
    Table,
    Id,
    CommentId,
    Theme,
    Polarity,
    Source,
}

#[derive(DeriveIden, Clone, Copy)]
enum RollupThemes {
    Table,
    Id,
    UnitId,
    Stage,
    Week,
    Theme,
    Polarity,
    Count,
}

#[derive(DeriveIden, Clone, Copy)]
enum Actions {
    Table,
    Id,
    UnitId,
    Theme,
    YouSaid,
    WeDid,
    PublishedMonth,
}

#[derive(DeriveIden, Clone, Copy)]
enum AdvocacyServices {
    Table,
    Id,
    Code,
    Name,
}

fn unit_fk(table: impl IntoIden, column: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Units::Table, Units::Id)
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CommentThemes::Table)
                    .col(
                        ColumnDef::new(CommentThemes::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(CommentThemes::CommentId)
                            .string_len(36)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CommentThemes::Theme)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CommentThemes::Polarity)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CommentThemes::Source)
                            .string_len(16)
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CommentThemes::Table, CommentThemes::CommentId)
                            .to(Comments::Table, Comments::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("comment_themes_comment")
                    .table(CommentThemes::Table)
                    .col(CommentThemes::CommentId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RollupThemes::Table)
                    .col(
                        ColumnDef::new(RollupThemes::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(RollupThemes::UnitId).integer().not_null())
                    .col(
                        ColumnDef::new(RollupThemes::Stage)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(ColumnDef::new(RollupThemes::Week).string_len(10).not_null())
                    .col(
                        ColumnDef::new(RollupThemes::Theme)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RollupThemes::Polarity)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(ColumnDef::new(RollupThemes::Count).big_integer().not_null())
                    .foreign_key(&mut unit_fk(RollupThemes::Table, RollupThemes::UnitId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("rollup_themes_cell")
                    .table(RollupThemes::Table)
                    .col(RollupThemes::UnitId)
                    .col(RollupThemes::Stage)
                    .col(RollupThemes::Week)
                    .col(RollupThemes::Theme)
                    .col(RollupThemes::Polarity)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Actions::Table)
                    .col(
                        ColumnDef::new(Actions::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Actions::UnitId).integer().not_null())
                    .col(ColumnDef::new(Actions::Theme).string_len(64).not_null())
                    .col(ColumnDef::new(Actions::YouSaid).text().not_null())
                    .col(ColumnDef::new(Actions::WeDid).text().not_null())
                    .col(
                        ColumnDef::new(Actions::PublishedMonth)
                            .string_len(7)
                            .not_null(),
                    )
                    .foreign_key(&mut unit_fk(Actions::Table, Actions::UnitId))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AdvocacyServices::Table)
                    .col(
                        ColumnDef::new(AdvocacyServices::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(AdvocacyServices::Code)
                            .string_len(16)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(AdvocacyServices::Name)
                            .string_len(200)
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AdvocacyServices::Table.into_iden(),
            Actions::Table.into_iden(),
            RollupThemes::Table.into_iden(),
            CommentThemes::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
