//! The sender: picks due messages from `sms_outbox`, claims each one, opens it, sends it and
//! wipes it. The clock is a parameter so quiet hours and backoff are testable.
//!
//! The claim is one conditional UPDATE (`queued` and due, or `sending` with a lapsed lease ->
//! `sending` with a new lease, attempts + 1): of two instances, or a restarted one, only the
//! one whose UPDATE changed the row sends. A claim left by a sender that stopped mid-send lapses
//! after [`LEASE_SECS`]; the next sender treats the message as possibly sent and asks Notify for
//! its reference before sending (see `notify`), so a restart does not send it twice.

use super::notify::NotifyError;
use super::phone::UkMobile;
use super::{SealedMessage, Sms, Transport};
use crate::storage::entities::sms_outbox::{self, Column};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, Condition, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::time::Duration;
use time::OffsetDateTime;

pub const QUEUED: &str = "queued";
pub const SENDING: &str = "sending";
pub const SENT: &str = "sent";
pub const OFFLINE: &str = "offline";
pub const FAILED: &str = "failed";

/// How long a claim lasts: well beyond one send with all its in-process retries.
pub const LEASE_SECS: i64 = 600;
/// Queue-level tries before a message is given up (each try has its own quick retries).
pub const MAX_QUEUE_ATTEMPTS: i32 = 8;
/// How often the background task looks for due messages.
pub const POLL_INTERVAL: Duration = Duration::from_secs(10);
const BATCH: u64 = 100;

/// What happened to one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Sent,
    /// Written to the local outbox (no Notify key).
    Offline,
    /// Not sent now (quiet hours or a failure worth retrying); tried again from this time.
    Retrying {
        not_before: i64,
    },
    /// Given up; the ciphertext is wiped. The reason has no digits of the number.
    Failed {
        reason: String,
    },
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DispatchReport {
    pub sent: usize,
    pub offline: usize,
    pub retrying: usize,
    pub failed: usize,
}

/// Sends every message due at `now`, unless `now` is in quiet hours.
pub async fn process_due(sms: &Sms, now: OffsetDateTime) -> Result<DispatchReport, DbErr> {
    let mut report = DispatchReport::default();
    forget_old(sms, now).await?;
    if sms.quiet_hours().is_some_and(|q| q.contains(now)) {
        return Ok(report);
    }
    let at = now.unix_timestamp();
    let due: Vec<String> = sms_outbox::Entity::find()
        .select_only()
        .column(Column::Id)
        .filter(due_condition(at))
        .order_by_asc(Column::NotBefore)
        .limit(BATCH)
        .into_tuple()
        .all(&sms.db)
        .await?;
    for id in due {
        match process_message(sms, &id, now).await? {
            None => {}
            Some(Outcome::Sent) => report.sent += 1,
            Some(Outcome::Offline) => report.offline += 1,
            Some(Outcome::Retrying { .. }) => report.retrying += 1,
            Some(Outcome::Failed { .. }) => report.failed += 1,
        }
    }
    Ok(report)
}

/// Claims and sends one message if it is due; `None` when it is not due or another sender
/// holds it.
pub async fn process_message(
    sms: &Sms,
    id: &str,
    now: OffsetDateTime,
) -> Result<Option<Outcome>, DbErr> {
    if sms.quiet_hours().is_some_and(|q| q.contains(now)) {
        return Ok(None);
    }
    let Some(row) = claim(sms, id, now).await? else {
        return Ok(None);
    };
    let lease = row.claimed_until.unwrap_or_default();
    let Some(message) = row
        .sealed
        .as_deref()
        .and_then(|sealed| sms.key().open(&row.id, sealed))
        .and_then(|plain| serde_json::from_slice::<SealedMessage>(&plain).ok())
    else {
        let reason = "the message could not be opened with this queue key (VV_QUEUE_KEY)";
        tracing::error!(sms_id = %row.id, "{reason}; giving it up");
        return finish_failed(sms, &row.id, lease, reason, now).await;
    };
    let Some(phone) = message
        .phone
        .as_deref()
        .and_then(|p| UkMobile::parse(p).ok())
    else {
        return finish_failed(sms, &row.id, lease, "the queued number is not usable", now).await;
    };
    match sms.transport() {
        Transport::Offline => {
            let kept = SealedMessage {
                phone: None,
                hint: message.hint,
                link: message.link,
            };
            let plaintext = serde_json::to_vec(&kept).expect("serialisable");
            let resealed = sms.key().seal(&row.id, &plaintext);
            finish(
                sms,
                &row.id,
                lease,
                OFFLINE,
                Some(resealed),
                now.unix_timestamp(),
                None,
            )
            .await?;
            tracing::info!(sms_id = %row.id, "no NOTIFY_API_KEY: text message written to the local outbox");
            Ok(Some(Outcome::Offline))
        }
        Transport::Notify(client) => {
            let personalisation = serde_json::json!({ "link": message.link });
            let tried_before = row.attempts > 1;
            match client
                .send_sms(&phone, &personalisation, &row.id, tried_before)
                .await
            {
                Ok(sent) => {
                    finish(sms, &row.id, lease, SENT, None, now.unix_timestamp(), None).await?;
                    tracing::info!(sms_id = %row.id, notify_id = %sent.id, "text message sent");
                    Ok(Some(Outcome::Sent))
                }
                Err(error) => retry_or_fail(sms, &row, lease, &error, now).await,
            }
        }
    }
}

async fn retry_or_fail(
    sms: &Sms,
    row: &sms_outbox::Model,
    lease: i64,
    error: &NotifyError,
    now: OffsetDateTime,
) -> Result<Option<Outcome>, DbErr> {
    let reason = error.to_string();
    if !error.is_retryable() || row.attempts >= MAX_QUEUE_ATTEMPTS {
        tracing::error!(sms_id = %row.id, %error, attempts = row.attempts, "text message not sent; giving up");
        return finish_failed(sms, &row.id, lease, &reason, now).await;
    }
    let backoff = time::Duration::minutes(1 << (row.attempts - 1).clamp(0, 6));
    let mut next = now + backoff;
    if let Some(quiet) = sms.quiet_hours() {
        next = quiet.next_allowed(next);
    }
    let not_before = next.unix_timestamp();
    finish(
        sms,
        &row.id,
        lease,
        QUEUED,
        row.sealed.clone(),
        not_before,
        Some(reason),
    )
    .await?;
    tracing::warn!(sms_id = %row.id, %error, not_before, "text message not sent; will retry");
    Ok(Some(Outcome::Retrying { not_before }))
}

async fn finish_failed(
    sms: &Sms,
    id: &str,
    lease: i64,
    reason: &str,
    now: OffsetDateTime,
) -> Result<Option<Outcome>, DbErr> {
    let at = now.unix_timestamp();
    finish(sms, id, lease, FAILED, None, at, Some(reason.to_string())).await?;
    Ok(Some(Outcome::Failed {
        reason: reason.to_string(),
    }))
}

fn due_condition(at: i64) -> Condition {
    Condition::any()
        .add(
            Condition::all()
                .add(Column::Status.eq(QUEUED))
                .add(Column::NotBefore.lte(at)),
        )
        .add(
            Condition::all()
                .add(Column::Status.eq(SENDING))
                .add(Column::ClaimedUntil.lt(at)),
        )
}

/// The claim: one conditional UPDATE; the row is ours only if it changed.
async fn claim(
    sms: &Sms,
    id: &str,
    now: OffsetDateTime,
) -> Result<Option<sms_outbox::Model>, DbErr> {
    let at = now.unix_timestamp();
    let lease = at + LEASE_SECS;
    let result = sms_outbox::Entity::update_many()
        .col_expr(Column::Status, Expr::value(SENDING))
        .col_expr(Column::ClaimedUntil, Expr::value(lease))
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
        .filter(Column::Id.eq(id))
        .filter(due_condition(at))
        .exec(&sms.db)
        .await?;
    if result.rows_affected != 1 {
        return Ok(None);
    }
    let row = sms_outbox::Entity::find_by_id(id.to_string())
        .one(&sms.db)
        .await?;
    Ok(row.filter(|r| r.status == SENDING && r.claimed_until == Some(lease)))
}

/// Ends a claim: only while it is still ours (same lease), so a lapsed claim taken over by
/// another sender is not overwritten. `sealed = None` wipes the ciphertext.
async fn finish(
    sms: &Sms,
    id: &str,
    lease: i64,
    status: &str,
    sealed: Option<String>,
    not_before: i64,
    last_error: Option<String>,
) -> Result<(), DbErr> {
    sms_outbox::Entity::update_many()
        .col_expr(Column::Status, Expr::value(status))
        .col_expr(Column::Sealed, Expr::value(sealed))
        .col_expr(Column::NotBefore, Expr::value(not_before))
        .col_expr(Column::ClaimedUntil, Expr::value(Option::<i64>::None))
        .col_expr(Column::LastError, Expr::value(last_error))
        .filter(Column::Id.eq(id))
        .filter(Column::Status.eq(SENDING))
        .filter(Column::ClaimedUntil.eq(lease))
        .exec(&sms.db)
        .await?;
    Ok(())
}

/// Rows finished longer ago than an invitation lives are deleted, offline ones (which still
/// hold a sealed link) included: the link has expired by then anyway.
async fn forget_old(sms: &Sms, now: OffsetDateTime) -> Result<(), DbErr> {
    let cutoff = now.unix_timestamp() - i64::from(sms.invite_ttl_days()) * 86_400;
    sms_outbox::Entity::delete_many()
        .filter(Column::Status.is_in([SENT, OFFLINE, FAILED]))
        .filter(Column::NotBefore.lt(cutoff))
        .exec(&sms.db)
        .await?;
    Ok(())
}

/// The background sender: every [`POLL_INTERVAL`], sends what is due.
pub fn spawn(sms: Sms) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(POLL_INTERVAL);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            match process_due(&sms, OffsetDateTime::now_utc()).await {
                Ok(report) if report == DispatchReport::default() => {}
                Ok(report) => tracing::info!(
                    sent = report.sent,
                    offline = report.offline,
                    retrying = report.retrying,
                    failed = report.failed,
                    "SMS queue processed"
                ),
                Err(error) => tracing::error!(%error, "SMS sender failed; will retry"),
            }
        }
    })
}
