//! `victim-voice invite --phone/--csv` and `victim-voice sms-outbox`: the command line over
//! `services::sms`. Numbers are never printed; bad batch rows are named by row number.

use backend::error::ApiError;
use backend::services::sms::quiet_hours::to_london;
use backend::services::sms::sender::{self, Outcome};
use backend::services::sms::{outbox, Sms, SmsBatchRequest, SmsInvitationRequest};
use backend::{startup, Settings};
use shared::Stage;
use std::path::PathBuf;
use time::OffsetDateTime;

fn describe(error: ApiError) -> anyhow::Error {
    match error {
        ApiError::Validation(fields) => anyhow::anyhow!(
            "{}",
            fields
                .iter()
                .flat_map(|(field, messages)| messages.iter().map(move |m| format!("{field}: {m}")))
                .collect::<Vec<_>>()
                .join("\n")
        ),
        ApiError::BadRequest(message) => anyhow::anyhow!("{message}"),
        other => anyhow::anyhow!("{other}"),
    }
}

fn london(unix: i64) -> String {
    let at =
        to_london(OffsetDateTime::from_unix_timestamp(unix).unwrap_or(OffsetDateTime::UNIX_EPOCH));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02} London time",
        at.year(),
        at.month() as u8,
        at.day(),
        at.hour(),
        at.minute()
    )
}

async fn build(settings: &Settings) -> anyhow::Result<Sms> {
    let db = startup::prepare_database(settings).await?;
    Sms::from_settings(db, settings, &settings.public_url(settings.bind))
}

pub async fn invite(
    settings: &Settings,
    stage: Stage,
    unit: &str,
    phone: Option<String>,
    csv: Option<PathBuf>,
    safe_contact_confirmed: bool,
) -> anyhow::Result<()> {
    if !safe_contact_confirmed {
        anyhow::bail!(
            "refused: add --safe-contact-confirmed to confirm that a text message is safe for \
             this person (someone else may read their phone). Nothing has been sent."
        );
    }
    let sms = build(settings).await?;
    let now = OffsetDateTime::now_utc();
    if let Some(phone) = phone {
        let request = SmsInvitationRequest {
            stage,
            unit_code: unit.to_string(),
            phone,
            safe_contact_confirmed,
        };
        let queued = sms.invite(&request, now).await.map_err(describe)?;
        if queued.held_for_quiet_hours {
            println!(
                "queued: quiet hours; it will be sent from {} by the running server",
                london(queued.not_before)
            );
            return Ok(());
        }
        match sender::process_message(&sms, &queued.id, now).await? {
            Some(Outcome::Sent) => println!("sent: 1 text message through GOV.UK Notify"),
            Some(Outcome::Offline) => println!(
                "no NOTIFY_API_KEY: the text message is in the local outbox (victim-voice sms-outbox)"
            ),
            Some(Outcome::Retrying { not_before }) => println!(
                "queued: Notify did not accept it yet; the running server retries from {}",
                london(not_before)
            ),
            Some(Outcome::Failed { reason }) => anyhow::bail!("not sent: {reason}"),
            None => println!("queued: the running server will send it"),
        }
        return Ok(());
    }
    let path = csv.expect("--phone or --csv");
    let text = if path.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin())?
    } else {
        std::fs::read_to_string(&path)
            .map_err(|e| anyhow::anyhow!("reading {}: {e}", path.display()))?
    };
    let request = SmsBatchRequest {
        stage,
        unit_code: unit.to_string(),
        csv: text,
        safe_contact_confirmed,
    };
    let report = sms.invite_batch(&request, now).await.map_err(describe)?;
    for rejected in &report.rejected {
        eprintln!("row {}: {}", rejected.row, rejected.reason);
    }
    if report.held_for_quiet_hours {
        println!(
            "queued {} text messages: quiet hours; the running server sends them in the morning; {} rows rejected",
            report.queued,
            report.rejected.len()
        );
        return Ok(());
    }
    let sent = sender::process_due(&sms, now).await?;
    println!(
        "queued {}, sent {}, to the local outbox {}, retrying later {}, failed {}; {} rows rejected",
        report.queued,
        sent.sent,
        sent.offline,
        sent.retrying,
        sent.failed,
        report.rejected.len()
    );
    Ok(())
}

pub async fn outbox(settings: &Settings) -> anyhow::Result<()> {
    let sms = build(settings).await?;
    let entries = outbox::list(&sms).await?;
    if entries.is_empty() {
        println!("the SMS outbox is empty");
    }
    for entry in entries {
        println!(
            "{} {} {} attempts={} {}{}",
            entry.id,
            entry.status,
            entry.phone_hint.as_deref().unwrap_or("-"),
            entry.attempts,
            london(entry.not_before),
            entry
                .last_error
                .map(|e| format!(" error: {e}"))
                .unwrap_or_default()
        );
        if let Some(body) = entry.body {
            println!("    {body}");
        }
    }
    Ok(())
}
