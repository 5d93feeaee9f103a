//! SMS invitations end to end: the real service layer and database, a stand-in GOV.UK Notify
//! over real HTTP, an injected clock for quiet hours. Each database test runs on SQLite and
//! PostgreSQL.

use backend::config::Secret;
use backend::error::ApiError;
use backend::services::sms::sender::{self, DispatchReport};
use backend::services::sms::{
    outbox, templates, QueueKey, RetryPolicy, Sms, SmsBatchRequest, SmsInvitationRequest,
};
use backend::storage::entities::sms_outbox;
use backend::Settings;
use sea_orm::{ConnectionTrait, EntityTrait};
use shared::Stage;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use tests::notify_stub::{Failure, NotifyStub};
use tests::{db_tests, Backend, TestApp};
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time};

const PUBLIC_URL: &str = "https://vv.example";

fn utc(year: i32, month: Month, day: u8, hour: u8, minute: u8) -> OffsetDateTime {
    PrimitiveDateTime::new(
        Date::from_calendar_date(year, month, day).unwrap(),
        Time::from_hms(hour, minute, 0).unwrap(),
    )
    .assume_utc()
}

/// A December weekday at noon: outside quiet hours, GMT.
fn noon() -> OffsetDateTime {
    utc(2026, Month::December, 1, 12, 0)
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 4,
        first_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(40),
    }
}

fn settings_for(app: &TestApp, stub: Option<&NotifyStub>) -> Settings {
    let mut settings = app.settings.clone();
    if let Some(stub) = stub {
        settings.notify_api_key = Some(Secret::new(stub.api_key.clone()));
        settings.notify_base_url = stub.base_url.clone();
        settings.notify_template_id = Some(stub.template_id.clone());
    }
    settings
}

fn sms_from(app: &TestApp, settings: &Settings) -> Sms {
    Sms::from_settings(app.db.clone(), settings, PUBLIC_URL)
        .expect("sms builds")
        .with_retry_policy(fast_retries())
}

fn sms_for(app: &TestApp, stub: Option<&NotifyStub>) -> Sms {
    sms_from(app, &settings_for(app, stub))
}

fn request(phone: &str) -> SmsInvitationRequest {
    SmsInvitationRequest {
        stage: Stage::Court,
        unit_code: "CE".to_string(),
        phone: phone.to_string(),
        safe_contact_confirmed: true,
    }
}

async fn outbox_rows(app: &TestApp) -> Vec<sms_outbox::Model> {
    sms_outbox::Entity::find().all(&app.db).await.unwrap()
}

fn field_messages(error: ApiError, field: &str) -> Vec<String> {
    match error {
        ApiError::Validation(fields) => fields.get(field).cloned().unwrap_or_default(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

async fn an_sms_invitation_reaches_notify_with_a_valid_jwt_and_payload(app: TestApp) {
    let stub = NotifyStub::start().await;
    let sms = sms_for(&app, Some(&stub));
    let queued = sms.invite(&request("07700 900123"), noon()).await.unwrap();
    assert!(!queued.held_for_quiet_hours);

    let report = sender::process_due(&sms, noon()).await.unwrap();
    assert_eq!(report.sent, 1, "{report:?}");

    // The stand-in accepted it: JWT, content type and payload passed its checks.
    let requests = stub.requests();
    assert_eq!(requests.len(), 1);
    let sent = &requests[0];
    assert_eq!(sent.status, 201);
    assert_eq!(sent.content_type.as_deref(), Some("application/json"));
    assert!(sent
        .user_agent
        .as_deref()
        .unwrap()
        .starts_with("victim-voice/"));
    assert!(sent
        .authorization
        .as_deref()
        .unwrap()
        .starts_with("Bearer "));
    assert_eq!(sent.body["phone_number"], "+447700900123");
    assert_eq!(sent.body["template_id"], stub.template_id.as_str());
    assert_eq!(sent.body["reference"], queued.id.as_str());
    let link = sent.body["personalisation"]["link"].as_str().unwrap();
    let token = link.strip_prefix("https://vv.example/s/").expect(link);
    // The site address plus 25 characters (`/s/` and a 22-character token).
    assert_eq!(link.len(), PUBLIC_URL.len() + 25, "{link}");
    // Only the link is personalised: the text is the neutral template.
    assert_eq!(
        sent.body["personalisation"].as_object().unwrap().len(),
        1,
        "{}",
        sent.body
    );
    let delivered = stub.delivered();
    assert_eq!(delivered.len(), 1);
    assert_eq!(
        delivered[0].body,
        templates::render(&templates::INVITATION, link)
    );

    // The link is a working SMS invitation.
    assert_eq!(app.get_survey(token).await.status(), 200);
    let invitations = app.invitations().await;
    assert_eq!(invitations.len(), 1);
    assert_eq!(invitations[0].channel, "sms");

    // Sent: the ciphertext is wiped and nothing more goes out.
    let rows = outbox_rows(&app).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].status, "sent");
    assert_eq!(rows[0].sealed, None);
    assert_eq!(
        sender::process_due(&sms, noon()).await.unwrap(),
        DispatchReport::default()
    );
    assert_eq!(stub.requests().len(), 1);
}

async fn server_errors_and_rate_limits_are_retried_with_exactly_one_message_delivered(
    app: TestApp,
) {
    let stub = NotifyStub::start().await;
    stub.fail_next(2, Failure::ServerError);
    stub.fail_next(1, Failure::RateLimited);
    let sms = sms_for(&app, Some(&stub));
    sms.invite(&request("07700900124"), noon()).await.unwrap();

    let report = sender::process_due(&sms, noon()).await.unwrap();

    assert_eq!(report.sent, 1, "{report:?}");
    let statuses: Vec<u16> = stub.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, vec![500, 500, 429, 201]);
    assert_eq!(stub.delivered().len(), 1);
    // After a 500 the client asked Notify whether the message existed before resending.
    assert!(stub.lookups() >= 1);
}

async fn an_ambiguous_failure_is_checked_by_reference_and_not_sent_twice(app: TestApp) {
    let stub = NotifyStub::start().await;
    stub.fail_next(1, Failure::CreateThenServerError);
    let sms = sms_for(&app, Some(&stub));
    sms.invite(&request("07700900125"), noon()).await.unwrap();

    let report = sender::process_due(&sms, noon()).await.unwrap();

    assert_eq!(report.sent, 1, "{report:?}");
    assert_eq!(stub.requests().len(), 1, "no second POST");
    assert_eq!(stub.delivered().len(), 1);
    assert_eq!(stub.lookups(), 1);
}

async fn retries_run_out_and_continue_from_the_queue_later(app: TestApp) {
    let stub = NotifyStub::start().await;
    stub.fail_next(4, Failure::RateLimited);
    let sms = sms_for(&app, Some(&stub));
    sms.invite(&request("07700900126"), noon()).await.unwrap();

    let report = sender::process_due(&sms, noon()).await.unwrap();
    assert_eq!(report.retrying, 1, "{report:?}");
    let row = &outbox_rows(&app).await[0];
    assert_eq!(row.status, "queued");
    assert!(row.sealed.is_some());
    assert!(row.not_before > noon().unix_timestamp());
    assert!(row.last_error.as_deref().unwrap().contains("429"));
    // Not due yet; then due.
    let report = sender::process_due(&sms, noon() + time::Duration::seconds(30))
        .await
        .unwrap();
    assert_eq!(report, DispatchReport::default());
    let report = sender::process_due(&sms, noon() + time::Duration::minutes(2))
        .await
        .unwrap();
    assert_eq!(report.sent, 1, "{report:?}");
    assert_eq!(stub.delivered().len(), 1);
}

async fn client_errors_are_not_retried_and_are_reported(app: TestApp) {
    let stub = NotifyStub::start().await;
    let mut settings = settings_for(&app, Some(&stub));
    settings.notify_template_id = Some(uuid::Uuid::new_v4().to_string());
    let sms = sms_from(&app, &settings);
    sms.invite(&request("07700900127"), noon()).await.unwrap();

    let report = sender::process_due(&sms, noon()).await.unwrap();

    assert_eq!(report.failed, 1, "{report:?}");
    assert_eq!(stub.requests().len(), 1, "a 400 is not retried");
    assert_eq!(stub.delivered().len(), 0);
    let entries = outbox::list(&sms).await.unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].status, "failed");
    let reason = entries[0].last_error.as_deref().unwrap();
    assert!(reason.contains("400"), "{reason}");
    assert!(
        reason.contains("BadRequestError: Template not found"),
        "{reason}"
    );
    assert_eq!(
        outbox_rows(&app).await[0].sealed,
        None,
        "wiped when given up"
    );

    // A key with the wrong secret: Notify's 403 AuthError, not retried either.
    let mut settings = settings_for(&app, Some(&stub));
    let wrong = format!("test_key-{}-{}", stub.service_id, uuid::Uuid::new_v4());
    settings.notify_api_key = Some(Secret::new(wrong));
    let sms = sms_from(&app, &settings);
    sms.invite(&request("07700900128"), noon()).await.unwrap();
    let report = sender::process_due(&sms, noon()).await.unwrap();
    assert_eq!(report.failed, 1, "{report:?}");
    assert_eq!(stub.requests().len(), 2);
    assert_eq!(stub.requests()[1].status, 403);
    let entries = outbox::list(&sms).await.unwrap();
    assert!(entries.iter().any(|e| e
        .last_error
        .as_deref()
        .is_some_and(|r| r.contains("AuthError"))));
}

async fn without_a_key_messages_go_to_the_offline_outbox(app: TestApp) {
    let sms = sms_for(&app, None);
    assert!(sms.is_offline());
    sms.invite(&request("+44 7700 900129"), noon())
        .await
        .unwrap();

    let report = sender::process_due(&sms, noon()).await.unwrap();

    assert_eq!(report.offline, 1, "{report:?}");
    let entries = outbox::list(&sms).await.unwrap();
    assert_eq!(entries.len(), 1);
    let entry = &entries[0];
    assert_eq!(entry.status, "offline");
    assert_eq!(entry.phone_hint.as_deref(), Some("07*** ***129"));
    let body = entry.body.as_deref().unwrap();
    let link = body.split_whitespace().last().unwrap();
    assert_eq!(body, templates::render(&templates::INVITATION, link));
    let token = link.strip_prefix("https://vv.example/s/").expect(link);
    assert_eq!(app.get_survey(token).await.status(), 200);

    // The number itself is gone: the row keeps only the sealed link and the hint.
    let row = &outbox_rows(&app).await[0];
    let key = QueueKey::load(None, &app.settings.data_dir).unwrap();
    let opened = key.open(&row.id, row.sealed.as_deref().unwrap()).unwrap();
    let opened = String::from_utf8(opened).unwrap();
    assert!(!opened.contains("900129"), "{opened}");
    assert_eq!(
        sender::process_due(&sms, noon()).await.unwrap(),
        DispatchReport::default()
    );
}

async fn quiet_hours_hold_messages_until_the_london_morning(app: TestApp) {
    let stub = NotifyStub::start().await;
    let sms = sms_for(&app, Some(&stub));
    // 21:00 in December is 21:00 in London (GMT): held until 08:00 GMT.
    let evening = utc(2026, Month::December, 1, 21, 0);
    let queued = sms.invite(&request("07700900130"), evening).await.unwrap();
    assert!(queued.held_for_quiet_hours);
    let morning = utc(2026, Month::December, 2, 8, 0);
    assert_eq!(queued.not_before, morning.unix_timestamp());
    for now in [
        evening,
        utc(2026, Month::December, 2, 3, 0),
        utc(2026, Month::December, 2, 7, 59),
    ] {
        assert_eq!(
            sender::process_due(&sms, now).await.unwrap(),
            DispatchReport::default()
        );
    }
    assert!(stub.requests().is_empty());
    assert_eq!(sender::process_due(&sms, morning).await.unwrap().sent, 1);
    assert_eq!(stub.delivered().len(), 1);

    // In July, 19:30 UTC is 20:30 BST: quiet; the morning is 08:00 BST = 07:00 UTC.
    let summer = sms
        .invite(&request("07700900131"), utc(2026, Month::July, 1, 19, 30))
        .await
        .unwrap();
    assert!(summer.held_for_quiet_hours);
    assert_eq!(
        summer.not_before,
        utc(2026, Month::July, 2, 7, 0).unix_timestamp()
    );

    // A due message is not sent in quiet hours either (e.g. a retry that fell due at night).
    assert_eq!(
        sender::process_due(&sms, utc(2026, Month::July, 2, 22, 0))
            .await
            .unwrap(),
        DispatchReport::default()
    );

    // VV_QUIET_HOURS empty: no quiet hours.
    let mut settings = settings_for(&app, Some(&stub));
    settings.quiet_hours = String::new();
    let always = sms_from(&app, &settings);
    let queued = always
        .invite(&request("07700900132"), evening)
        .await
        .unwrap();
    assert!(!queued.held_for_quiet_hours);
    let report = sender::process_due(&always, evening).await.unwrap();
    assert_eq!(report.sent, 2, "the July message is due too: {report:?}");
}

async fn queued_messages_survive_a_restart_and_are_sent_once(app: TestApp) {
    let stub = NotifyStub::start().await;
    let evening = utc(2026, Month::December, 1, 21, 0);
    let morning = utc(2026, Month::December, 2, 8, 0);
    {
        let sms = sms_for(&app, Some(&stub));
        sms.invite(&request("07700900133"), evening).await.unwrap();
        sms.invite(&request("07700900134"), evening).await.unwrap();
    }
    let app = app.restart().await;

    // Two senders (two instances, or a restart racing the old one) work the same queue.
    let first = sms_for(&app, Some(&stub));
    let second = sms_for(&app, Some(&stub));
    let (a, b) = tokio::join!(
        sender::process_due(&first, morning),
        sender::process_due(&second, morning)
    );
    assert_eq!(a.unwrap().sent + b.unwrap().sent, 2);
    let mut phones: Vec<String> = stub
        .delivered()
        .into_iter()
        .map(|d| d.phone_number)
        .collect();
    phones.sort();
    assert_eq!(phones, vec!["+447700900133", "+447700900134"]);
    assert_eq!(stub.requests().len(), 2);
}

async fn a_send_interrupted_by_a_restart_is_checked_before_it_is_resent(app: TestApp) {
    let stub = NotifyStub::start().await;
    // Notify creates the message but the answer is lost, and the server stops before it can
    // record anything: the row is left claimed ("sending") by a sender that no longer runs.
    stub.fail_next(1, Failure::CreateThenServerError);
    let mut settings = settings_for(&app, Some(&stub));
    settings.quiet_hours = String::new();
    let sms = Sms::from_settings(app.db.clone(), &settings, PUBLIC_URL)
        .unwrap()
        .with_retry_policy(RetryPolicy {
            max_attempts: 1,
            ..fast_retries()
        });
    sms.invite(&request("07700900135"), noon()).await.unwrap();
    let report = sender::process_due(&sms, noon()).await.unwrap();
    assert_eq!(report.retrying, 1, "{report:?}");
    app.db
        .execute_unprepared(&format!(
            "UPDATE sms_outbox SET status = 'sending', claimed_until = {}",
            noon().unix_timestamp() + 60
        ))
        .await
        .unwrap();
    let app = app.restart().await;
    let sms = sms_for(&app, Some(&stub));

    // While the old claim lasts, nobody touches it; once it lapses, Notify is asked first.
    let report = sender::process_due(&sms, noon() + time::Duration::seconds(30))
        .await
        .unwrap();
    assert_eq!(report, DispatchReport::default());
    let report = sender::process_due(&sms, noon() + time::Duration::minutes(5))
        .await
        .unwrap();
    assert_eq!(report.sent, 1, "{report:?}");
    assert_eq!(stub.requests().len(), 1, "not sent a second time");
    assert_eq!(stub.delivered().len(), 1);
    assert_eq!(outbox_rows(&app).await[0].sealed, None);
}

async fn safe_contact_must_be_confirmed(app: TestApp) {
    let stub = NotifyStub::start().await;
    let sms = sms_for(&app, Some(&stub));
    let mut unconfirmed = request("07700900136");
    unconfirmed.safe_contact_confirmed = false;
    let error = sms.invite(&unconfirmed, noon()).await.unwrap_err();
    let messages = field_messages(error, "safe_contact_confirmed");
    assert!(messages[0].contains("safe"), "{messages:?}");

    let batch = SmsBatchRequest {
        stage: Stage::Support,
        unit_code: "CE".to_string(),
        csv: "07700900137\n".to_string(),
        safe_contact_confirmed: false,
    };
    let error = sms.invite_batch(&batch, noon()).await.unwrap_err();
    assert!(!field_messages(error, "safe_contact_confirmed").is_empty());

    // A site address that gives the subject away is refused too.
    let revealing = Sms::from_settings(
        app.db.clone(),
        &settings_for(&app, Some(&stub)),
        "https://stalking-feedback.example",
    )
    .unwrap();
    let error = revealing
        .invite(&request("07700900138"), noon())
        .await
        .unwrap_err();
    assert!(
        matches!(error, ApiError::BadRequest(ref m) if m.contains("stalking")),
        "{error:?}"
    );

    assert!(app.invitations().await.is_empty());
    assert!(outbox_rows(&app).await.is_empty());
    sender::process_due(&sms, noon()).await.unwrap();
    assert!(stub.requests().is_empty());
}

async fn bad_numbers_are_refused_and_bad_batch_rows_reported(app: TestApp) {
    let sms = sms_for(&app, None);
    let error = sms
        .invite(&request("020 7946 0999"), noon())
        .await
        .unwrap_err();
    let messages = field_messages(error, "phone");
    assert!(messages[0].contains("landline"), "{messages:?}");
    assert!(!messages[0].contains("7946"), "{messages:?}");
    let error = sms
        .invite(&request("07700 9001"), noon())
        .await
        .unwrap_err();
    assert!(field_messages(error, "phone")[0].contains("too short"));

    let mut unknown_unit = request("07700900139");
    unknown_unit.unit_code = "ZZ".to_string();
    let error = sms.invite(&unknown_unit, noon()).await.unwrap_err();
    assert!(!field_messages(error, "unit").is_empty());
    assert!(app.invitations().await.is_empty());

    let batch = SmsBatchRequest {
        stage: Stage::Investigation,
        unit_code: "NE".to_string(),
        csv: "mobile\n07700900140\nphone me\n01632 960999\n+44 7700 900141\n07700 900140\n077009001\n"
            .to_string(),
        safe_contact_confirmed: true,
    };
    let report = sms.invite_batch(&batch, noon()).await.unwrap();
    assert_eq!(report.queued, 2);
    let rows: Vec<usize> = report.rejected.iter().map(|r| r.row).collect();
    assert_eq!(rows, vec![3, 4, 6, 7]);
    let reasons: Vec<&str> = report.rejected.iter().map(|r| r.reason.as_str()).collect();
    assert!(reasons[0].contains("letters"), "{reasons:?}");
    assert!(reasons[1].contains("landline"), "{reasons:?}");
    assert!(reasons[2].contains("same number as row 2"), "{reasons:?}");
    assert!(reasons[3].contains("too short"), "{reasons:?}");
    let reported = serde_json::to_string(&report).unwrap();
    for digits in ["960999", "900140", "900141", "77009001"] {
        assert!(!reported.contains(digits), "{reported}");
    }
    assert_eq!(app.invitations().await.len(), 2);
    assert_eq!(outbox_rows(&app).await.len(), 2);
}

/// Every log line of this test process, at every level, kept in memory.
fn captured_logs() -> Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let writer = buffer.clone();
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new("trace"))
            .with_ansi(false)
            .with_writer(move || LogWriter(writer.clone()))
            .try_init();
        tracing::info!("log capture on");
        buffer
    })
    .clone()
}

struct LogWriter(Arc<Mutex<Vec<u8>>>);

impl Write for LogWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The ways a number could be written down, `+447700900201` to `900201`.
fn forms(national: &str) -> Vec<String> {
    let ten = &national[1..];
    vec![
        format!("+44{ten}"),
        format!("44{ten}"),
        national.to_string(),
        ten.to_string(),
        format!("{} {}", &national[..5], &national[5..]),
        format!("{} {}", &ten[..4], &ten[4..]),
        national[5..].to_string(),
    ]
}

async fn a_batch_send_leaves_no_phone_number_in_the_database_files_or_logs(app: TestApp) {
    let logs = captured_logs();
    let stub = NotifyStub::start().await;
    let sms = sms_for(&app, Some(&stub));
    let numbers = ["07700900201", "07700900202", "07700900203", "07700900204"];
    let csv = format!(
        "phone\n{}\n+44 {}\n0044-{}\n020 7946 0555\n",
        numbers[0],
        &numbers[1][1..],
        &numbers[2][1..]
    );
    let batch = SmsBatchRequest {
        stage: Stage::Reporting,
        unit_code: "SW".to_string(),
        csv,
        safe_contact_confirmed: true,
    };
    let report = sms.invite_batch(&batch, noon()).await.unwrap();
    assert_eq!(report.queued, 3);
    assert_eq!(report.rejected.len(), 1);
    assert_eq!(sender::process_due(&sms, noon()).await.unwrap().sent, 3);
    assert_eq!(stub.delivered().len(), 3);
    // One more waits in the queue overnight, sealed, and one goes to an offline outbox.
    let evening = utc(2026, Month::December, 1, 22, 0);
    assert!(
        sms.invite(&request(numbers[3]), evening)
            .await
            .unwrap()
            .held_for_quiet_hours
    );
    let offline = sms_for(&app, None);
    offline.invite(&request(numbers[3]), noon()).await.unwrap();
    assert_eq!(
        sender::process_due(&offline, noon()).await.unwrap().offline,
        1
    );
    outbox::list(&offline).await.unwrap();

    let mut haystacks: Vec<(String, Vec<u8>)> = Vec::new();
    haystacks.push(("logs".into(), logs.lock().unwrap().clone()));
    if app.backend == Backend::Sqlite {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(&app.settings.data_dir).unwrap() {
            let path = entry.unwrap().path();
            files.push(path.file_name().unwrap().to_string_lossy().to_string());
            haystacks.push((path.display().to_string(), std::fs::read(&path).unwrap()));
        }
        assert!(files.iter().any(|f| f == "victim-voice.db"), "{files:?}");
        assert!(
            files.iter().any(|f| f == "victim-voice.db-wal"),
            "{files:?}"
        );
    }
    // On either database, no column of any SMS row holds a number in clear.
    let rows = format!("{:?}", outbox_rows(&app).await);
    haystacks.push(("sms_outbox rows".into(), rows.into_bytes()));
    let captured = String::from_utf8_lossy(&logs.lock().unwrap()).to_string();
    assert!(
        captured.contains("SMS batch queued"),
        "the logs were captured"
    );
    assert!(
        captured.contains("text message sent"),
        "the logs were captured"
    );
    for national in numbers.iter().chain(["02079460555"].iter()) {
        for form in forms(national) {
            for (name, bytes) in &haystacks {
                assert!(
                    !bytes.windows(form.len()).any(|w| w == form.as_bytes()),
                    "{form} found in {name}"
                );
            }
        }
    }
}

#[test]
fn every_message_template_is_neutral() {
    for template in templates::ALL {
        let found = templates::revealing_words_in(template.text);
        assert!(
            found.is_empty(),
            "template {} reveals {found:?}",
            template.id
        );
        for word in [
            "stalking",
            "stalker",
            "police",
            "crime",
            "victim",
            "abuse",
            "harassment",
            "court",
            "CPS",
            "offence",
            "domestic",
            "violence",
            "survivor",
        ] {
            assert!(
                !template.text.to_lowercase().contains(&word.to_lowercase()),
                "template {} contains {word}",
                template.id
            );
        }
    }
}

db_tests!(
    an_sms_invitation_reaches_notify_with_a_valid_jwt_and_payload,
    server_errors_and_rate_limits_are_retried_with_exactly_one_message_delivered,
    an_ambiguous_failure_is_checked_by_reference_and_not_sent_twice,
    retries_run_out_and_continue_from_the_queue_later,
    client_errors_are_not_retried_and_are_reported,
    without_a_key_messages_go_to_the_offline_outbox,
    quiet_hours_hold_messages_until_the_london_morning,
    queued_messages_survive_a_restart_and_are_sent_once,
    a_send_interrupted_by_a_restart_is_checked_before_it_is_resent,
    safe_contact_must_be_confirmed,
    bad_numbers_are_refused_and_bad_batch_rows_reported,
    a_batch_send_leaves_no_phone_number_in_the_database_files_or_logs,
);

/// The stand-in refuses what Notify refuses, in Notify's error format, so a client that
/// passes it gets the JWT, headers and payload right.
#[tokio::test]
async fn the_stand_in_checks_what_notify_checks() {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use hmac::{Hmac, Mac};

    let stub = NotifyStub::start().await;
    let secret = stub
        .api_key
        .rsplit_once(&format!("{}-", stub.service_id))
        .unwrap()
        .1
        .to_string();
    let token = |iss: &str, iat: i64, key: &str| {
        let head = URL_SAFE_NO_PAD.encode(br#"{"typ":"JWT","alg":"HS256"}"#);
        let claims =
            URL_SAFE_NO_PAD.encode(serde_json::json!({"iss": iss, "iat": iat}).to_string());
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes()).unwrap();
        mac.update(format!("{head}.{claims}").as_bytes());
        let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        format!("Bearer {head}.{claims}.{signature}")
    };
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let good_body = serde_json::json!({
        "phone_number": "+447700900401",
        "template_id": stub.template_id,
        "personalisation": {"link": "https://vv.example/s/x"},
        "reference": "r1",
    });
    let client = reqwest::Client::new();
    let url = format!("{}/v2/notifications/sms", stub.base_url);
    let send = |auth: Option<String>, content_type: &str, body: String| {
        let mut request = client
            .post(&url)
            .header("content-type", content_type)
            .body(body);
        if let Some(auth) = auth {
            request = request.header("authorization", auth);
        }
        request.send()
    };
    let good = token(&stub.service_id, now, &secret);
    let cases = [
        (None, "application/json", good_body.to_string(), 403, "AuthError"),
        (Some(token(&stub.service_id, now, "wrong-secret")), "application/json", good_body.to_string(), 403, "signature"),
        (Some(token(&uuid::Uuid::new_v4().to_string(), now, &secret)), "application/json", good_body.to_string(), 403, "service"),
        (Some(token(&stub.service_id, now - 60, &secret)), "application/json", good_body.to_string(), 403, "30 seconds"),
        (Some(good.clone()), "text/plain", good_body.to_string(), 400, "application/json"),
        (Some(good.clone()), "application/json", serde_json::json!({"template_id": stub.template_id}).to_string(), 400, "phone_number is a required property"),
        (Some(good.clone()), "application/json", serde_json::json!({"phone_number": "+447700900401"}).to_string(), 400, "template_id is a required property"),
        (Some(good.clone()), "application/json", serde_json::json!({"phone_number": "+442079460000", "template_id": stub.template_id, "personalisation": {"link": "x"}}).to_string(), 400, "Not a UK mobile number"),
    ];
    for (auth, content_type, body, status, message) in cases {
        let response = send(auth, content_type, body).await.unwrap();
        assert_eq!(response.status().as_u16(), status, "{message}");
        let error: serde_json::Value = response.json().await.unwrap();
        assert_eq!(error["status_code"], status);
        let text = format!(
            "{}: {}",
            error["errors"][0]["error"].as_str().unwrap(),
            error["errors"][0]["message"].as_str().unwrap()
        );
        assert!(text.contains(message), "{text}");
    }
    assert!(stub.delivered().is_empty());

    let created = send(Some(good), "application/json", good_body.to_string())
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let body: serde_json::Value = created.json().await.unwrap();
    assert_eq!(body["reference"], "r1");
    assert!(body["id"].is_string());
    assert!(body["uri"]
        .as_str()
        .unwrap()
        .ends_with(body["id"].as_str().unwrap()));
    assert_eq!(body["content"]["from_number"], "GOVUK");
    assert!(body["content"]["body"]
        .as_str()
        .unwrap()
        .ends_with("https://vv.example/s/x"));
    assert_eq!(body["template"]["id"], stub.template_id.as_str());
    assert_eq!(body["template"]["version"], 1);
    assert!(body["template"]["uri"].is_string());
}
