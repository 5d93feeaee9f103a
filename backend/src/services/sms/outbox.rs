//! The admin's view of the SMS queue and the offline outbox. Without a Notify key, messages
//! are "sent" here: the admin can read the text (with its link) and the last three digits of
//! the number; the full number was wiped when the message was delivered here.

use super::{templates, SealedMessage, Sms};
use crate::storage::entities::sms_outbox;
use sea_orm::{DbErr, EntityTrait, QueryOrder};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OutboxEntry {
    pub id: String,
    /// `queued`, `sending`, `sent`, `offline` or `failed`.
    pub status: String,
    /// `07*** ***123` while the message is queued or held in the offline outbox.
    pub phone_hint: Option<String>,
    /// The text as it would be sent; only for offline messages (it carries the link).
    pub body: Option<String>,
    pub attempts: i32,
    /// Unix seconds: when it may be sent (queued) or when it was finished.
    pub not_before: i64,
    pub last_error: Option<String>,
}

/// Every message, newest first.
pub async fn list(sms: &Sms) -> Result<Vec<OutboxEntry>, DbErr> {
    let rows = sms_outbox::Entity::find()
        .order_by_desc(sms_outbox::Column::NotBefore)
        .all(&sms.db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let message = row
                .sealed
                .as_deref()
                .and_then(|sealed| sms.key().open(&row.id, sealed))
                .and_then(|plain| serde_json::from_slice::<SealedMessage>(&plain).ok());
            let body = match (&message, row.status.as_str()) {
                (Some(message), super::sender::OFFLINE) => {
                    Some(templates::render(&templates::INVITATION, &message.link))
                }
                _ => None,
            };
            OutboxEntry {
                phone_hint: message.map(|m| m.hint),
                body,
                id: row.id,
                status: row.status,
                attempts: row.attempts,
                not_before: row.not_before,
                last_error: row.last_error,
            }
        })
        .collect())
}
