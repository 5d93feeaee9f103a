//! One queued, sent or offline text message. `sealed` is the encrypted phone number and link
//! (see `services::sms::seal`), NULL once sent or given up; nothing here refers to an invitation.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sms_outbox")]
pub struct Model {
    /// Random UUID; also the `reference` sent to Notify.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// `queued`, `sending`, `sent`, `offline` (kept for the admin to read), `failed`.
    pub status: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub sealed: Option<String>,
    pub attempts: i32,
    /// Unix seconds: not sent before this (quiet hours, backoff).
    pub not_before: i64,
    /// Unix seconds: while `sending`, the claim lapses at this time (a sender that stopped).
    pub claimed_until: Option<i64>,
    /// The provider's reason when given up, with digits blanked.
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
