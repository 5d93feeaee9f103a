//! Rollups follow the responses instead of being written with them: `responses.rolled_up`
//! says whether a response is counted yet (existing ones are), and a partial index lets the
//! fold find the few that are not without reading the rest. The fold looks up the themes of
//! the responses it counts through their comments, hence the index on `comments.response_id`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Responses {
    Table,
    RolledUp,
}

#[derive(DeriveIden, Clone, Copy)]
enum Comments {
    Table,
    ResponseId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Responses::Table)
                    .add_column(
                        ColumnDef::new(Responses::RolledUp)
                            .boolean()
                            .not_null()
                            .default(true),
                    )
                    .to_owned(),
            )
            .await?;
        // Partial indexes are written the same way on SQLite and PostgreSQL.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE INDEX responses_not_rolled_up ON responses (id) WHERE rolled_up = false",
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("comments_response")
                    .table(Comments::Table)
                    .col(Comments::ResponseId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name("comments_response").to_owned())
            .await?;
        manager
            .drop_index(Index::drop().name("responses_not_rolled_up").to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Responses::Table)
                    .drop_column(Responses::RolledUp)
                    .to_owned(),
            )
            .await
    }
}
