//! Issuing invitations from the staff pages in headless Chromium. A BCU lead signs in, gives a
//! link (shown with its expiry, and opening it shows the survey), is stopped from texting
//! without confirming safe contact (an error summary, nothing issued), texts once confirmed
//! (queued, and the number is nowhere in the page afterwards), uploads a CSV with a bad row
//! (reported by row number) and sees the response-rates table; an admin then finds the
//! messages in the text message outbox. axe-core checks every state for WCAG 2.2 AA.

use fantoccini::{Client, Locator};
use shared::StaffRole;
use tests::axe;
use tests::browser::{
    self, click, fill, select, staff_built, staff_sign_in, value_of, wait_for, wait_for_text,
    Browser,
};
use tests::{spawn_app, TestApp};

const PHONE: &str = "07700 900461";
/// Every way the number typed could show up in the page.
const PHONE_FORMS: [&str; 4] = ["07700 900461", "07700900461", "7700900461", "900461"];
const CSV: &str = "phone\n07700 900124\nnot a number\n07700 900125\n";

/// The page's HTML and every form control's current value (a value typed is a property, not
/// an attribute, so the HTML alone would not show it).
async fn page_text(c: &Client) -> String {
    let values = c
        .execute(
            "return Array.from(document.querySelectorAll('input, textarea, select'))
                 .map(e => e.value).join('\\n');",
            vec![],
        )
        .await
        .unwrap();
    format!(
        "{}\n{}",
        c.source().await.unwrap(),
        values.as_str().unwrap_or_default()
    )
}

async fn assert_no_phone_number(c: &Client, state: &str) {
    let text = page_text(c).await;
    for form in PHONE_FORMS {
        if let Some(at) = text.find(form) {
            let start = text.floor_char_boundary(at.saturating_sub(300));
            let end = text.ceil_char_boundary((at + 100).min(text.len()));
            panic!(
                "{state}: the number ({form}) is still in the page: …{}…",
                &text[start..end]
            );
        }
    }
}

async fn outbox_len(app: &TestApp, admin: &tests::StaffClient) -> usize {
    let response = admin.get("/api/v1/staff/sms-outbox").send().await.unwrap();
    assert_eq!(response.status(), 200);
    let _ = app;
    response
        .json::<Vec<serde_json::Value>>()
        .await
        .unwrap()
        .len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bcu_lead_gives_a_link_texts_only_with_safe_contact_and_sends_a_csv() {
    if !browser::available() || !staff_built() {
        return;
    }
    let axe = axe::axe_source();
    let app = spawn_app(tests::Backend::Sqlite).await.expect("app");
    let lead_password = app
        .create_staff("lead@example.org", StaffRole::BcuLead, Some("CE"), None)
        .await;
    let admin_password = app
        .create_staff("admin@example.org", StaffRole::Admin, None, None)
        .await;
    let admin_api = app.sign_in("admin@example.org", &admin_password).await;
    let browser = Browser::start().await;
    let c = &browser.client;
    let mut failures = Vec::new();

    staff_sign_in(c, &app, "lead@example.org", &lead_password).await;
    wait_for_text(c, "#unit-heading", "(CE)").await;
    click(c, "nav a[href='/staff/invite']").await;
    wait_for(c, "#invite-heading").await;
    // A BCU lead's unit is fixed to their own.
    wait_for_text(c, "#invite-unit-fixed", "CE").await;
    assert!(c
        .find(Locator::Css("select#invite-unit_code"))
        .await
        .is_err());
    axe::check_if_present(c, &axe, "invite page", &mut failures).await;

    // Nothing chosen: the stage is asked for, nothing issued.
    click(c, "#invite-submit").await;
    wait_for_text(c, ".error-summary", "Choose a stage").await;
    wait_for(c, "#invite-stage-error").await;
    axe::check_if_present(c, &axe, "invite page error", &mut failures).await;
    assert!(app.invitations().await.is_empty());

    // A link, shown with its expiry; opening it shows the survey.
    select(c, "#invite-stage", "reporting").await;
    click(c, "#invite-submit").await;
    wait_for_text(c, "#issued", "Link created").await;
    let link = value_of(c, "#issued-link").await;
    assert!(
        link.starts_with(&app.base_url) && link.contains("/s/"),
        "{link}"
    );
    wait_for_text(c, "#issued-link-hint", "expires on").await;
    let invitations = app.invitations().await;
    assert_eq!(invitations.len(), 1);
    assert_eq!(invitations[0].channel, "link");
    axe::check_if_present(c, &axe, "link issued", &mut failures).await;
    c.goto(&link).await.unwrap();
    wait_for(c, "#start").await.click().await.unwrap();
    wait_for(c, "fieldset[data-question]").await;

    // A text message without the safe-contact box ticked: refused, nothing issued or queued.
    c.goto(&app.url("/staff/invite")).await.unwrap();
    select(c, "#invite-stage", "court").await;
    click(c, "#invite-how-sms").await;
    wait_for_text(c, "#quiet-hours", "08:00").await;
    fill(c, "#invite-phone", PHONE).await;
    click(c, "#invite-submit").await;
    wait_for_text(c, ".error-summary", "There is a problem").await;
    wait_for(c, ".error-summary a[href='#invite-safe_contact_confirmed']").await;
    wait_for(c, "#invite-safe_contact_confirmed-error").await;
    assert!(c.find(Locator::Css("#issued")).await.is_err());
    axe::check_if_present(c, &axe, "text message without safe contact", &mut failures).await;
    assert_eq!(app.invitations().await.len(), 1, "nothing issued");
    assert_eq!(outbox_len(&app, &admin_api).await, 0, "nothing queued");

    // Ticked, but a landline: the server refuses it, named on the phone field.
    click(c, "#invite-safe_contact_confirmed").await;
    fill(c, "#invite-phone", "020 7946 0958").await;
    click(c, "#invite-submit").await;
    wait_for(c, ".error-summary a[href='#invite-phone']").await;
    wait_for(c, "#invite-phone-error").await;
    assert_eq!(app.invitations().await.len(), 1, "nothing issued");
    assert_eq!(outbox_len(&app, &admin_api).await, 0, "nothing queued");

    // A mobile: queued, and the number has gone from the page.
    fill(c, "#invite-phone", PHONE).await;
    click(c, "#invite-submit").await;
    wait_for_text(c, "#issued", "Text message queued").await;
    assert_eq!(value_of(c, "#invite-phone").await, "");
    assert!(
        !wait_for(c, "#invite-safe_contact_confirmed")
            .await
            .is_selected()
            .await
            .unwrap(),
        "each message is confirmed afresh"
    );
    assert_no_phone_number(c, "after sending a text message").await;
    axe::check_if_present(c, &axe, "text message queued", &mut failures).await;
    assert_eq!(outbox_len(&app, &admin_api).await, 1);

    // A CSV file with one bad row: the report names the row.
    click(c, "#invite-how-csv").await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("numbers.csv");
    std::fs::write(&file, CSV).unwrap();
    wait_for(c, "#invite-csv-file")
        .await
        .send_keys(file.to_str().unwrap())
        .await
        .unwrap();
    wait_for_text(c, "#invite-csv-file-note", "4 rows").await;
    assert!(value_of(c, "#invite-csv").await.contains("not a number"));
    click(c, "#invite-safe_contact_confirmed").await;
    click(c, "#invite-submit").await;
    wait_for_text(c, "#batch-queued", "2 text messages queued").await;
    let rejected = wait_for_text(c, "#batch-rejected tr[data-row='3']", "3").await;
    assert!(rejected.len() > 2, "the row has a reason: {rejected}");
    let text = page_text(c).await;
    for number in ["07700 900124", "07700 900125", "not a number"] {
        assert!(!text.contains(number), "{number} is still in the page");
    }
    axe::check_if_present(c, &axe, "CSV report", &mut failures).await;
    assert_eq!(outbox_len(&app, &admin_api).await, 3);

    // Response rates on the unit dashboard, through the same suppression as every figure.
    click(c, "nav a[href='/staff/units/CE']").await;
    wait_for(c, "#unit-heading").await;
    let row = wait_for_text(
        c,
        "#response-rates-table tr[data-stage='reporting'][data-channel='link']",
        "Reporting",
    )
    .await;
    assert!(row.contains('—'), "one link is a small number: {row}");
    wait_for_text(c, "#response-rates", "never linked").await;
    axe::check_if_present(c, &axe, "dashboard with response rates", &mut failures).await;

    // The admin finds the messages in the outbox, the number never in full.
    click(c, "#sign-out").await;
    wait_for(c, "#sign-in-email").await;
    staff_sign_in(c, &app, "admin@example.org", &admin_password).await;
    click(c, "nav a[href='/staff/admin/outbox']").await;
    wait_for(c, "#outbox-heading").await;
    wait_for(c, "#outbox").await;
    let rows = c.find_all(Locator::Css("#outbox tbody tr")).await.unwrap();
    assert_eq!(rows.len(), 3);
    assert_no_phone_number(c, "outbox").await;
    axe::check_if_present(c, &axe, "text message outbox", &mut failures).await;
    // The all-units view has the response rates too.
    c.goto(&app.url("/staff/advocate")).await.unwrap();
    wait_for(c, "#response-rates-table").await;
    wait_for_text(c, "#response-rates-caption", "every unit").await;

    browser.close().await;
    assert!(
        failures.is_empty(),
        "axe-core found WCAG 2.2 AA violations:\n{}",
        failures.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_advocate_sees_their_link_and_qr_code_and_an_analyst_cannot_invite() {
    if !browser::available() || !staff_built() {
        return;
    }
    let axe = axe::axe_source();
    let app = spawn_app(tests::Backend::Sqlite).await.expect("app");
    let service = backend::services::advocacy::create(&app.db, "Service")
        .await
        .unwrap();
    let advocate_password = app
        .create_staff(
            "advocate@example.org",
            StaffRole::Advocate,
            None,
            Some(&service.code),
        )
        .await;
    let analyst_password = app
        .create_staff("analyst@example.org", StaffRole::Analyst, None, None)
        .await;
    let browser = Browser::start().await;
    let c = &browser.client;
    let mut failures = Vec::new();

    staff_sign_in(c, &app, "advocate@example.org", &advocate_password).await;
    click(c, "nav a[href='/staff/invite']").await;
    let link = wait_for_text(c, "#advocate-link-url", "/a/").await;
    assert!(link.ends_with(&format!("/a/{}", service.code)), "{link}");
    let qr = wait_for(c, "#advocate-qr").await;
    assert_eq!(
        qr.attr("src").await.unwrap().as_deref(),
        Some(format!("/api/v1/advocate-links/{}/qr.svg", service.code).as_str())
    );
    assert!(qr
        .attr("alt")
        .await
        .unwrap()
        .is_some_and(|alt| alt.contains("QR code")));
    // The image loads.
    let loaded = c
        .execute(
            "const i = document.getElementById('advocate-qr');
             return i.complete && i.naturalWidth > 0;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(loaded, serde_json::Value::Bool(true), "QR code image loads");
    // An advocate chooses the unit; their link counts as the advocate channel.
    select(c, "#invite-stage", "support").await;
    select(c, "#invite-unit_code", "SW").await;
    axe::check_if_present(c, &axe, "advocate invite page", &mut failures).await;
    click(c, "#invite-submit").await;
    wait_for_text(c, "#issued", "Link created").await;
    let invitations = app.invitations().await;
    assert_eq!(invitations.len(), 1);
    assert_eq!(invitations[0].channel, "advocate");

    click(c, "#sign-out").await;
    wait_for(c, "#sign-in-email").await;
    staff_sign_in(c, &app, "analyst@example.org", &analyst_password).await;
    wait_for(c, "nav").await;
    wait_for(c, "#unit-list").await;
    assert!(c
        .find(Locator::Css("nav a[href='/staff/invite']"))
        .await
        .is_err());
    c.goto(&app.url("/staff/invite")).await.unwrap();
    wait_for_text(c, "#access-denied h1", "You do not have access").await;

    browser.close().await;
    assert!(
        failures.is_empty(),
        "axe-core found WCAG 2.2 AA violations:\n{}",
        failures.join("\n")
    );
}
