//! The SMS send queue and offline outbox. A row never holds a phone number or a link in clear:
//! `sealed` is their ciphertext under a key kept outside the database, and it is set to NULL
//! once the message is sent or given up. Nothing in the row refers to an invitation.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum SmsOutbox {
    Table,
    Id,
    Status,
    Sealed,
    Attempts,
    NotBefore,
    ClaimedUntil,
    LastError,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SmsOutbox::Table)
                    .col(
                        ColumnDef::new(SmsOutbox::Id)
                            .string_len(36)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(SmsOutbox::Status).string_len(16).not_null())
                    .col(ColumnDef::new(SmsOutbox::Sealed).text().null())
                    .col(
                        ColumnDef::new(SmsOutbox::Attempts)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(SmsOutbox::NotBefore)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(SmsOutbox::ClaimedUntil).big_integer().null())
                    .col(ColumnDef::new(SmsOutbox::LastError).text().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("sms_outbox_due")
                    .table(SmsOutbox::Table)
                    .col(SmsOutbox::Status)
                    .col(SmsOutbox::NotBefore)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SmsOutbox::Table).to_owned())
            .await
    }
}
