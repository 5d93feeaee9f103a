//! SMS invitations: validate the number, check that contact is safe, issue an invitation,
//! queue its text message sealed (encrypted) until it may be sent, and send it through
//! GOV.UK Notify, or into the local outbox when no Notify key is configured.
//!
//! How the queue keeps a phone number: only inside `sms_outbox.sealed`, the XChaCha20-Poly1305
//! ciphertext of `{phone, link}` under a key held outside the database (`VV_QUEUE_KEY` or the
//! 0600 key file in the data directory, see [`seal`]). The column is set to NULL the moment the
//! message is sent or given up; an offline (no Notify key) message is re-sealed without the
//! number, keeping only the link and the number's last three digits for the admin. No row
//! refers to the invitation, and the number is never logged (see [`phone::UkMobile`]).
//!
//! Handlers stay thin: parse the request, authorise, call [`Sms::invite`] or
//! [`Sms::invite_batch`], map the result; [`outbox::list`] is the admin's view.

pub mod batch;
pub mod notify;
pub mod outbox;
pub mod phone;
pub mod quiet_hours;
pub mod seal;
pub mod sender;
pub mod templates;

pub use batch::{BatchReport, RejectedRow};
pub use notify::{NotifyClient, NotifyError, RetryPolicy};
pub use phone::UkMobile;
pub use quiet_hours::QuietHours;
pub use seal::QueueKey;

use crate::config::Settings;
use crate::error::{ApiError, ApiResult};
use crate::services::{invitations, units};
use crate::storage::entities::sms_outbox;
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};
use serde::{Deserialize, Serialize};
use shared::{Channel, Stage};
use std::sync::Arc;
use time::OffsetDateTime;

/// Most rows one batch may hold.
pub const MAX_BATCH_ROWS: usize = 2000;

/// Where messages go.
#[derive(Clone, Debug)]
pub enum Transport {
    Notify(NotifyClient),
    /// No Notify key: messages go to the local outbox (`outbox::list`).
    Offline,
}

/// Everything SMS needs; cheap to clone. Build with [`Sms::from_settings`].
#[derive(Clone)]
pub struct Sms {
    pub db: DatabaseConnection,
    key: QueueKey,
    transport: Transport,
    quiet_hours: Option<QuietHours>,
    public_url: Arc<str>,
    invite_ttl_days: u32,
}

/// One invitation by SMS, as a staff endpoint or the command line receives it.
#[derive(Clone, Deserialize)]
pub struct SmsInvitationRequest {
    pub stage: Stage,
    pub unit_code: String,
    pub phone: String,
    /// The sender confirms that a text message is safe for this person (firm: required).
    #[serde(default)]
    pub safe_contact_confirmed: bool,
}

impl std::fmt::Debug for SmsInvitationRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmsInvitationRequest")
            .field("stage", &self.stage)
            .field("unit_code", &self.unit_code)
            .field("phone", &"[redacted]")
            .field("safe_contact_confirmed", &self.safe_contact_confirmed)
            .finish()
    }
}

/// A batch: CSV text with one phone number per row (first column), an optional header row.
#[derive(Clone, Deserialize)]
pub struct SmsBatchRequest {
    pub stage: Stage,
    pub unit_code: String,
    pub csv: String,
    #[serde(default)]
    pub safe_contact_confirmed: bool,
}

impl std::fmt::Debug for SmsBatchRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmsBatchRequest")
            .field("stage", &self.stage)
            .field("unit_code", &self.unit_code)
            .field("csv", &format_args!("[{} bytes]", self.csv.len()))
            .field("safe_contact_confirmed", &self.safe_contact_confirmed)
            .finish()
    }
}

/// A message in the queue.
#[derive(Debug, Clone, Serialize)]
pub struct QueuedSms {
    /// The queue row's id (also Notify's `reference`); not the invitation.
    pub id: String,
    /// Unix seconds it may be sent from.
    pub not_before: i64,
    /// True when quiet hours hold it until the morning.
    pub held_for_quiet_hours: bool,
}

/// What the sealed column holds.
#[derive(Serialize, Deserialize)]
pub(crate) struct SealedMessage {
    /// `+447...`; None once delivered to the offline outbox.
    pub phone: Option<String>,
    /// `07*** ***123`.
    pub hint: String,
    pub link: String,
}

impl Sms {
    pub fn from_settings(
        db: DatabaseConnection,
        settings: &Settings,
        public_url: &str,
    ) -> anyhow::Result<Self> {
        let quiet_hours = QuietHours::parse(&settings.quiet_hours)
            .map_err(|e| anyhow::anyhow!("VV_QUIET_HOURS: {e}"))?;
        let key = QueueKey::load(
            settings.queue_key.as_ref().map(|k| k.expose()),
            &settings.data_dir,
        )?;
        let transport = match settings.notify_api_key.as_ref() {
            Some(api_key) if !api_key.expose().trim().is_empty() => {
                Transport::Notify(NotifyClient::new(
                    api_key.expose(),
                    &settings.notify_base_url,
                    settings.notify_template_id.as_deref().unwrap_or(""),
                )?)
            }
            _ => Transport::Offline,
        };
        Ok(Self {
            db,
            key,
            transport,
            quiet_hours,
            public_url: public_url.trim_end_matches('/').into(),
            invite_ttl_days: settings.invite_ttl_days,
        })
    }

    /// Changes the Notify client's retry timing (tests use milliseconds).
    pub fn with_retry_policy(mut self, policy: RetryPolicy) -> Self {
        if let Transport::Notify(client) = self.transport {
            self.transport = Transport::Notify(client.with_retry(policy));
        }
        self
    }

    pub fn is_offline(&self) -> bool {
        matches!(self.transport, Transport::Offline)
    }

    pub fn quiet_hours(&self) -> Option<QuietHours> {
        self.quiet_hours
    }

    pub(crate) fn key(&self) -> &QueueKey {
        &self.key
    }

    pub(crate) fn transport(&self) -> &Transport {
        &self.transport
    }

    pub(crate) fn invite_ttl_days(&self) -> u32 {
        self.invite_ttl_days
    }

    /// Issues one SMS invitation and queues its message (sent by the sender task, or at once
    /// by the command line). `now` decides quiet hours.
    #[tracing::instrument(skip_all, fields(stage = %request.stage, unit = %request.unit_code))]
    pub async fn invite(
        &self,
        request: &SmsInvitationRequest,
        now: OffsetDateTime,
    ) -> ApiResult<QueuedSms> {
        require_safe_contact(request.safe_contact_confirmed)?;
        let phone = UkMobile::parse(&request.phone)
            .map_err(|reason| ApiError::field("phone", &format!("The phone number {reason}.")))?;
        self.require_neutral_link()?;
        self.issue_and_queue(request.stage, &request.unit_code, &phone, now)
            .await
    }

    /// Issues and queues one invitation per good row; bad rows are reported by row number
    /// and reason, never by the number itself. Duplicates in one batch are sent once.
    #[tracing::instrument(skip_all, fields(stage = %request.stage, unit = %request.unit_code))]
    pub async fn invite_batch(
        &self,
        request: &SmsBatchRequest,
        now: OffsetDateTime,
    ) -> ApiResult<BatchReport> {
        require_safe_contact(request.safe_contact_confirmed)?;
        self.require_neutral_link()?;
        if units::find_by_code(&self.db, &request.unit_code)
            .await?
            .is_none()
        {
            return Err(ApiError::field("unit", "there is no unit with this code"));
        }
        let rows = batch::parse(&request.csv)?;
        let mut report = BatchReport {
            queued: 0,
            held_for_quiet_hours: false,
            rejected: rows.rejected,
        };
        for (_, phone) in &rows.numbers {
            let queued = self
                .issue_and_queue(request.stage, &request.unit_code, phone, now)
                .await?;
            report.queued += 1;
            report.held_for_quiet_hours |= queued.held_for_quiet_hours;
        }
        tracing::info!(
            queued = report.queued,
            rejected = report.rejected.len(),
            "SMS batch queued"
        );
        Ok(report)
    }

    fn require_neutral_link(&self) -> ApiResult<()> {
        let words = templates::revealing_words_in(&self.public_url);
        if words.is_empty() {
            Ok(())
        } else {
            Err(ApiError::BadRequest(format!(
                "Text messages are not sent: the site address (VV_PUBLIC_URL) contains \"{}\", \
                 which would tell anyone reading the phone what the message is about.",
                words.join("\", \"")
            )))
        }
    }

    async fn issue_and_queue(
        &self,
        stage: Stage,
        unit_code: &str,
        phone: &UkMobile,
        now: OffsetDateTime,
    ) -> ApiResult<QueuedSms> {
        let issued = invitations::issue(
            &self.db,
            stage,
            unit_code,
            Channel::Sms,
            self.invite_ttl_days,
        )
        .await?;
        let link = format!("{}/s/{}", self.public_url, issued.token.as_str());
        let not_before = match self.quiet_hours {
            Some(quiet) => quiet.next_allowed(now),
            None => now,
        };
        let id = uuid::Uuid::new_v4().to_string();
        let plaintext = serde_json::to_vec(&SealedMessage {
            phone: Some(phone.expose().to_string()),
            hint: phone.hint(),
            link,
        })
        .map_err(anyhow::Error::from)?;
        sms_outbox::ActiveModel {
            id: Set(id.clone()),
            status: Set(sender::QUEUED.to_string()),
            sealed: Set(Some(self.key.seal(&id, &plaintext))),
            attempts: Set(0),
            not_before: Set(not_before.unix_timestamp()),
            claimed_until: Set(None),
            last_error: Set(None),
        }
        .insert(&self.db)
        .await?;
        let held = not_before > now;
        tracing::info!(sms_id = %id, held_for_quiet_hours = held, "text message queued");
        Ok(QueuedSms {
            id,
            not_before: not_before.unix_timestamp(),
            held_for_quiet_hours: held,
        })
    }
}

fn require_safe_contact(confirmed: bool) -> ApiResult<()> {
    if confirmed {
        Ok(())
    } else {
        Err(ApiError::field(
            "safe_contact_confirmed",
            "Confirm that a text message is safe for this person before sending: someone else \
             may read their phone. Nothing has been sent.",
        ))
    }
}
