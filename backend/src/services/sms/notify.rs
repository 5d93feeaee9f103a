//! A client of the GOV.UK Notify HTTP API (v2), for text messages.
//!
//! - Authentication: a JWT (HS256) per request, `{"iss": service id, "iat": now}`, signed with
//!   the secret half of the API key. Keys look like `{name}-{service id}-{secret}`, where the
//!   last two parts are UUIDs; Notify rejects a token whose `iat` is more than 30 s off.
//! - Sending: `POST {base}/v2/notifications/sms` with `phone_number`, `template_id`,
//!   `personalisation` and our own `reference` (the queue row's random id).
//! - Errors: Notify answers `{"status_code": 400, "errors": [{"error", "message"}]}`.
//!   A 4xx other than 429 is final and not retried; 429 and 5xx, and failures to connect, are
//!   retried with exponential backoff, a bounded number of times.
//! - No double send: Notify has no idempotency key, so before any resend that might follow a
//!   message Notify did create (a 5xx, a timeout or a dropped connection after the request went
//!   out, or a previous run that stopped mid-send), the client asks Notify for notifications
//!   with our reference (`GET /v2/notifications?reference=...`). Found: it counts as sent.
//!   Not found: it sends. If that lookup fails, it does not send; the attempt counts as failed
//!   and is retried later. A lost message is possible only if Notify's own lookup lags its
//!   create; a second text on a phone someone else may read is the worse outcome.
//!
//! Numbers are never logged; Notify's error messages are kept with digit runs blanked.

use super::phone::UkMobile;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use std::sync::Arc;
use std::time::Duration;

pub const DEFAULT_BASE_URL: &str = "https://api.notifications.service.gov.uk";

/// A Notify API key split into the parts the JWT needs. Debug never shows the secret.
#[derive(Clone)]
pub struct NotifyKey {
    service_id: String,
    secret: String,
}

impl std::fmt::Debug for NotifyKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NotifyKey")
            .field("service_id", &self.service_id)
            .field("secret", &"..")
            .finish()
    }
}

impl NotifyKey {
    pub fn parse(key: &str) -> Result<Self, String> {
        let key = key.trim();
        let shape = "a Notify API key looks like {key_name}-{service_id}-{secret}, the last two being UUIDs";
        if key.len() < 73 || !key.is_ascii() {
            return Err(shape.to_string());
        }
        let secret = &key[key.len() - 36..];
        let service_id = &key[key.len() - 73..key.len() - 37];
        if &key[key.len() - 37..key.len() - 36] != "-"
            || uuid::Uuid::parse_str(secret).is_err()
            || uuid::Uuid::parse_str(service_id).is_err()
        {
            return Err(shape.to_string());
        }
        Ok(Self {
            service_id: service_id.to_string(),
            secret: secret.to_string(),
        })
    }

    pub fn service_id(&self) -> &str {
        &self.service_id
    }

    /// The bearer token for a request made at `iat` (Unix seconds).
    pub fn token(&self, iat: i64) -> String {
        let header = URL_SAFE_NO_PAD.encode(br#"{"typ":"JWT","alg":"HS256"}"#);
        let claims = URL_SAFE_NO_PAD.encode(
            serde_json::json!({"iss": self.service_id, "iat": iat})
                .to_string()
                .as_bytes(),
        );
        let signing_input = format!("{header}.{claims}");
        let mut mac = Hmac::<Sha256>::new_from_slice(self.secret.as_bytes())
            .expect("HMAC takes a key of any length");
        mac.update(signing_input.as_bytes());
        let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        format!("{signing_input}.{signature}")
    }
}

#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Requests in all, the first included.
    pub max_attempts: u32,
    pub first_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            first_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
        }
    }
}

impl RetryPolicy {
    /// The wait before retry number `retry` (1-based): first, 2x first, 4x first, ... capped.
    pub fn delay(&self, retry: u32) -> Duration {
        let factor = 1u32 << retry.saturating_sub(1).min(16);
        self.first_delay.saturating_mul(factor).min(self.max_delay)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotifyErrorItem {
    pub error: String,
    pub message: String,
}

#[derive(Debug, Clone, Deserialize)]
struct NotifyErrorBody {
    #[serde(default)]
    errors: Vec<NotifyErrorItem>,
}

/// Notify's answer to a created text message (the parts we read).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SentSms {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub reference: Option<String>,
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum NotifyError {
    /// A 4xx other than 429: the request itself is wrong (bad key, template, number...).
    #[error("Notify refused the message ({status}): {}", summary(errors))]
    Rejected {
        status: u16,
        errors: Vec<NotifyErrorItem>,
    },
    /// 429 or 5xx after the last retry.
    #[error("Notify did not accept the message ({status}): {}", summary(errors))]
    Unavailable {
        status: u16,
        errors: Vec<NotifyErrorItem>,
    },
    /// No answer. `maybe_sent` when the request may have reached Notify.
    #[error("could not reach Notify: {detail}")]
    Transport { detail: String, maybe_sent: bool },
}

impl NotifyError {
    pub fn is_retryable(&self) -> bool {
        !matches!(self, NotifyError::Rejected { .. })
    }
}

fn summary(errors: &[NotifyErrorItem]) -> String {
    if errors.is_empty() {
        return "no detail".to_string();
    }
    errors
        .iter()
        .map(|e| format!("{}: {}", e.error, e.message))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Blanks runs of 5 or more digits (spaces and `+` allowed between), so text from Notify
/// that quoted a number can be logged and stored.
pub fn scrub_digits(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() || chars[i] == '+' {
            let mut j = i;
            let mut digits = 0;
            while j < chars.len()
                && (chars[j].is_ascii_digit() || matches!(chars[j], ' ' | '+' | '-'))
            {
                digits += usize::from(chars[j].is_ascii_digit());
                j += 1;
            }
            if digits >= 5 {
                out.push_str("[digits]");
                if chars[j - 1] == ' ' {
                    out.push(' ');
                }
            } else {
                out.extend(&chars[i..j]);
            }
            i = j;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[derive(Clone)]
pub struct NotifyClient {
    http: reqwest::Client,
    base_url: Arc<str>,
    key: NotifyKey,
    template_id: Arc<str>,
    retry: RetryPolicy,
}

impl std::fmt::Debug for NotifyClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NotifyClient")
            .field("base_url", &self.base_url)
            .field("key", &self.key)
            .finish()
    }
}

#[derive(Serialize)]
struct SmsRequest<'a> {
    phone_number: &'a str,
    template_id: &'a str,
    personalisation: &'a serde_json::Value,
    reference: &'a str,
}

#[derive(Deserialize)]
struct NotificationList {
    #[serde(default)]
    notifications: Vec<SentSms>,
}

enum Attempt {
    Sent(SentSms),
    Failed(NotifyError),
}

impl NotifyClient {
    pub fn new(api_key: &str, base_url: &str, template_id: &str) -> anyhow::Result<Self> {
        let key = NotifyKey::parse(api_key).map_err(|e| anyhow::anyhow!("NOTIFY_API_KEY: {e}"))?;
        if template_id.trim().is_empty() {
            anyhow::bail!("NOTIFY_TEMPLATE_ID must name the Notify text message template");
        }
        let http = reqwest::Client::builder()
            .user_agent(concat!("victim-voice/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(20))
            .build()?;
        Ok(Self {
            http,
            base_url: base_url.trim_end_matches('/').into(),
            key,
            template_id: template_id.trim().into(),
            retry: RetryPolicy::default(),
        })
    }

    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    pub fn retry_policy(&self) -> RetryPolicy {
        self.retry
    }

    /// Sends one text message. `maybe_sent_before` says an earlier run may already have
    /// created it (the queue passes true for a message it has tried before), so Notify is
    /// asked about `reference` before anything is sent.
    pub async fn send_sms(
        &self,
        phone: &UkMobile,
        personalisation: &serde_json::Value,
        reference: &str,
        maybe_sent_before: bool,
    ) -> Result<SentSms, NotifyError> {
        let mut maybe_sent = maybe_sent_before;
        let mut last_error = None;
        for attempt in 0..self.retry.max_attempts.max(1) {
            if attempt > 0 {
                tokio::time::sleep(self.retry.delay(attempt)).await;
            }
            if maybe_sent {
                match self.find_by_reference(reference).await {
                    Ok(Some(found)) => {
                        tracing::info!("Notify already had this message; not sending it again");
                        return Ok(found);
                    }
                    Ok(None) => {}
                    Err(error) if error.is_retryable() => {
                        tracing::warn!(%error, attempt, "could not check Notify before a resend");
                        last_error = Some(error);
                        continue;
                    }
                    Err(error) => return Err(error),
                }
            }
            match self.post_sms(phone, personalisation, reference).await {
                Attempt::Sent(sent) => return Ok(sent),
                Attempt::Failed(error) if error.is_retryable() => {
                    maybe_sent |= match &error {
                        NotifyError::Unavailable { status, .. } => *status != 429,
                        NotifyError::Transport { maybe_sent, .. } => *maybe_sent,
                        NotifyError::Rejected { .. } => false,
                    };
                    tracing::warn!(%error, attempt, "Notify send failed; will retry");
                    last_error = Some(error);
                }
                Attempt::Failed(error) => return Err(error),
            }
        }
        Err(last_error.expect("at least one attempt was made"))
    }

    fn bearer(&self) -> String {
        format!("Bearer {}", self.key.token(crate::week::now_unix()))
    }

    async fn post_sms(
        &self,
        phone: &UkMobile,
        personalisation: &serde_json::Value,
        reference: &str,
    ) -> Attempt {
        let body = SmsRequest {
            phone_number: phone.expose(),
            template_id: &self.template_id,
            personalisation,
            reference,
        };
        let result = self
            .http
            .post(format!("{}/v2/notifications/sms", self.base_url))
            .header(reqwest::header::AUTHORIZATION, self.bearer())
            .json(&body)
            .send()
            .await;
        let response = match result {
            Ok(response) => response,
            Err(error) => return Attempt::Failed(transport_error(&error)),
        };
        let status = response.status();
        if status.is_success() {
            // Created. Even if the body cannot be read, the message exists: never resend.
            let sent = response.json::<SentSms>().await.unwrap_or_default();
            return Attempt::Sent(sent);
        }
        Attempt::Failed(error_from(status.as_u16(), response).await)
    }

    /// The notification Notify holds with this reference, if any.
    pub async fn find_by_reference(&self, reference: &str) -> Result<Option<SentSms>, NotifyError> {
        let result = self
            .http
            .get(format!("{}/v2/notifications", self.base_url))
            .query(&[("reference", reference), ("template_type", "sms")])
            .header(reqwest::header::AUTHORIZATION, self.bearer())
            .send()
            .await;
        let response = result.map_err(|e| transport_error(&e))?;
        let status = response.status();
        if !status.is_success() {
            return Err(error_from(status.as_u16(), response).await);
        }
        let list: NotificationList =
            response
                .json()
                .await
                .map_err(|error| NotifyError::Transport {
                    detail: format!("unreadable notification list: {error}"),
                    maybe_sent: true,
                })?;
        Ok(list
            .notifications
            .into_iter()
            .find(|n| n.reference.as_deref() == Some(reference)))
    }
}

fn transport_error(error: &reqwest::Error) -> NotifyError {
    NotifyError::Transport {
        // reqwest's text names the URL, never the body.
        detail: scrub_digits(&error.to_string()),
        maybe_sent: !error.is_connect() && !error.is_builder(),
    }
}

async fn error_from(status: u16, response: reqwest::Response) -> NotifyError {
    let text = response.text().await.unwrap_or_default();
    let errors = serde_json::from_str::<NotifyErrorBody>(&text)
        .map(|body| body.errors)
        .unwrap_or_default()
        .into_iter()
        .map(|e| NotifyErrorItem {
            error: scrub_digits(&e.error),
            message: scrub_digits(&e.message),
        })
        .collect();
    if status == 429 || status >= 500 {
        NotifyError::Unavailable { status, errors }
    } else {
        NotifyError::Rejected { status, errors }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str =
        "my_test_key-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0";

    #[test]
    fn api_keys_split_into_service_id_and_secret() {
        let key = NotifyKey::parse(KEY).unwrap();
        assert_eq!(key.service_id(), "26785a09-ab16-4eb0-8407-a37497a57506");
        assert_eq!(key.secret, "3d844edf-8d35-48ac-975b-e847b4f122b0");
        assert!(!format!("{key:?}").contains("3d844edf"));
        for bad in [
            "",
            "short",
            &KEY[..KEY.len() - 1],
            &KEY.replace("-3d8", "x3d8"),
        ] {
            assert!(NotifyKey::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_jwt_is_hs256_over_iss_and_iat() {
        let key = NotifyKey::parse(KEY).unwrap();
        let token = key.token(1_700_000_000);
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3);
        let header: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
        assert_eq!(header["alg"], "HS256");
        assert_eq!(header["typ"], "JWT");
        let claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        assert_eq!(claims["iss"], "26785a09-ab16-4eb0-8407-a37497a57506");
        assert_eq!(claims["iat"], 1_700_000_000);
        let mut mac =
            Hmac::<Sha256>::new_from_slice(b"3d844edf-8d35-48ac-975b-e847b4f122b0").unwrap();
        mac.update(format!("{}.{}", parts[0], parts[1]).as_bytes());
        mac.verify_slice(&URL_SAFE_NO_PAD.decode(parts[2]).unwrap())
            .unwrap();
    }

    #[test]
    fn backoff_doubles_and_is_capped() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.delay(1), Duration::from_millis(500));
        assert_eq!(policy.delay(2), Duration::from_secs(1));
        assert_eq!(policy.delay(3), Duration::from_secs(2));
        assert_eq!(policy.delay(10), Duration::from_secs(8));
    }

    #[test]
    fn digits_are_scrubbed_from_provider_text() {
        assert_eq!(
            scrub_digits("phone_number +44 7700 900123 is not allowed"),
            "phone_number [digits] is not allowed"
        );
        assert_eq!(
            scrub_digits("Error 429 in 60 seconds"),
            "Error 429 in 60 seconds"
        );
        assert_eq!(scrub_digits("07700900123"), "[digits]");
    }
}
