//! Units, survey versions, invitations, anonymous responses, free-text comments and the
//! rollups dashboards read. Nothing here can join an invitation to a response, and no table
//! holds a contact detail or an exact time next to an answer (DESIGN.md, firm).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Units {
    Table,
    Id,
    Code,
    Name,
    Areas,
}

#[derive(DeriveIden, Clone, Copy)]
enum Surveys {
    Table,
    Id,
    Stage,
    Version,
    Definition,
}

#[derive(DeriveIden, Clone, Copy)]
enum Invitations {
    Table,
    Id,
    TokenHash,
    Stage,
    UnitId,
    Channel,
    ExpiresAt,
    Used,
}

#[derive(DeriveIden, Clone, Copy)]
enum Responses {
    Table,
    Id,
    Stage,
    UnitId,
    Channel,
    SurveyVersion,
    Week,
    Answers,
}

#[derive(DeriveIden, Clone, Copy)]
enum Comments {
    Table,
    Id,
    ResponseId,
    QuestionId,
    Body,
    Stage,
    UnitId,
    Week,
}

#[derive(DeriveIden, Clone, Copy)]
enum RollupAnswers {
    Table,
    Id,
    UnitId,
    Stage,
    Week,
    QuestionId,
    Value,
    Count,
}

#[derive(DeriveIden, Clone, Copy)]
enum RollupResponses {
    Table,
    Id,
    UnitId,
    Stage,
    Week,
    Channel,
    Count,
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
                    .table(Units::Table)
                    .col(
                        ColumnDef::new(Units::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Units::Code)
                            .string_len(16)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Units::Name).string_len(200).not_null())
                    .col(ColumnDef::new(Units::Areas).text().not_null())
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Surveys::Table)
                    .col(
                        ColumnDef::new(Surveys::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Surveys::Stage).string_len(16).not_null())
                    .col(ColumnDef::new(Surveys::Version).integer().not_null())
                    .col(ColumnDef::new(Surveys::Definition).text().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("surveys_stage_version")
                    .table(Surveys::Table)
                    .col(Surveys::Stage)
                    .col(Surveys::Version)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Invitations::Table)
                    .col(
                        ColumnDef::new(Invitations::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Invitations::TokenHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Invitations::Stage).string_len(16).not_null())
                    .col(ColumnDef::new(Invitations::UnitId).integer().not_null())
                    .col(
                        ColumnDef::new(Invitations::Channel)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Invitations::ExpiresAt)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Invitations::Used)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .foreign_key(&mut unit_fk(Invitations::Table, Invitations::UnitId))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Responses::Table)
                    .col(
                        ColumnDef::new(Responses::Id)
                            .string_len(36)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Responses::Stage).string_len(16).not_null())
                    .col(ColumnDef::new(Responses::UnitId).integer().not_null())
                    .col(ColumnDef::new(Responses::Channel).string_len(16).not_null())
                    .col(
                        ColumnDef::new(Responses::SurveyVersion)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Responses::Week).string_len(10).not_null())
                    .col(ColumnDef::new(Responses::Answers).text().not_null())
                    .foreign_key(&mut unit_fk(Responses::Table, Responses::UnitId))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Comments::Table)
                    .col(
                        ColumnDef::new(Comments::Id)
                            .string_len(36)
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Comments::ResponseId)
                            .string_len(36)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Comments::QuestionId)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Comments::Body).text().not_null())
                    .col(ColumnDef::new(Comments::Stage).string_len(16).not_null())
                    .col(ColumnDef::new(Comments::UnitId).integer().not_null())
                    .col(ColumnDef::new(Comments::Week).string_len(10).not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Comments::Table, Comments::ResponseId)
                            .to(Responses::Table, Responses::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut unit_fk(Comments::Table, Comments::UnitId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("comments_week")
                    .table(Comments::Table)
                    .col(Comments::Week)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RollupAnswers::Table)
                    .col(
                        ColumnDef::new(RollupAnswers::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(RollupAnswers::UnitId).integer().not_null())
                    .col(
                        ColumnDef::new(RollupAnswers::Stage)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RollupAnswers::Week)
                            .string_len(10)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RollupAnswers::QuestionId)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RollupAnswers::Value)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RollupAnswers::Count)
                            .big_integer()
                            .not_null(),
                    )
                    .foreign_key(&mut unit_fk(RollupAnswers::Table, RollupAnswers::UnitId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("rollup_answers_cell")
                    .table(RollupAnswers::Table)
                    .col(RollupAnswers::UnitId)
                    .col(RollupAnswers::Stage)
                    .col(RollupAnswers::Week)
                    .col(RollupAnswers::QuestionId)
                    .col(RollupAnswers::Value)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RollupResponses::Table)
                    .col(
                        ColumnDef::new(RollupResponses::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(RollupResponses::UnitId).integer().not_null())
                    .col(
                        ColumnDef::new(RollupResponses::Stage)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RollupResponses::Week)
                            .string_len(10)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RollupResponses::Channel)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RollupResponses::Count)
                            .big_integer()
                            .not_null(),
                    )
                    .foreign_key(&mut unit_fk(
                        RollupResponses::Table,
                        RollupResponses::UnitId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("rollup_responses_cell")
                    .table(RollupResponses::Table)
                    .col(RollupResponses::UnitId)
                    .col(RollupResponses::Stage)
                    .col(RollupResponses::Week)
                    .col(RollupResponses::Channel)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            RollupResponses::Table.into_iden(),
            RollupAnswers::Table.into_iden(),
            Comments::Table.into_iden(),
            Responses::Table.into_iden(),
            Invitations::Table.into_iden(),
            Surveys::Table.into_iden(),
            Units::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
