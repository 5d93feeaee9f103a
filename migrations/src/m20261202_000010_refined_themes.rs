//! `comments.themes_refined`: whether the background refiner (`services::refine`) has re-tagged
//! a comment with the slow tagger, or staff have corrected it (a correction sets it, so the
//! refiner never overwrites one). New comments start unrefined; comments corrected before this
//! column existed start refined, for the same reason. A partial index lists only unrefined
//! comments in the order the refiner takes them (oldest week first), so finding the next few
//! stays cheap however many are already done.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Comments {
    Table,
    ThemesRefined,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Comments::Table)
                    .add_column(
                        ColumnDef::new(Comments::ThemesRefined)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE comments SET themes_refined = true \
             WHERE id IN (SELECT comment_id FROM comment_corrections)",
        )
        .await?;
        // Partial indexes are written the same way on SQLite and PostgreSQL.
        db.execute_unprepared(
            "CREATE INDEX comments_unrefined ON comments (week, id) WHERE themes_refined = false",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name("comments_unrefined").to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Comments::Table)
                    .drop_column(Comments::ThemesRefined)
                    .to_owned(),
            )
            .await
    }
}
