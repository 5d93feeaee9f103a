//! Which comments staff have corrected. A comment's themes after a correction are in
//! `comment_themes` with source `staff`; this table also records a correction to "no theme at
//! all", which leaves no theme row behind but still teaches the tagger (a cue that fired
//! wrongly). One row per comment, nothing else: no staff member, no time (the audit log has
//! those), and it goes when retention deletes the comment's text.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Comments {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum CommentCorrections {
    Table,
    CommentId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CommentCorrections::Table)
                    .col(
                        ColumnDef::new(CommentCorrections::CommentId)
                            .string_len(36)
                            .not_null()
                            .primary_key(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CommentCorrections::Table, CommentCorrections::CommentId)
                            .to(Comments::Table, Comments::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CommentCorrections::Table).to_owned())
            .await
    }
}
