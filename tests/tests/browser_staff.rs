//! The staff pages in headless Chromium. A BCU lead signs in through the form, reads a figure
//! of their unit's dashboard, publishes a "you said, we did" action that then shows on the
//! dashboard, through the public API the victim's thank-you page reads, and in the all-units
//! view; opening another unit's page is refused. axe-core then checks every staff page state
//! for WCAG 2.0/2.1/2.2 A and AA violations.

use backend::services::responses::{self, NewResponse};
use backend::week::week_label;
use fantoccini::{Client, Locator};
use shared::{AnswerValue, Channel, StaffRole, Stage, UnitDashboard, YesNoNotSure};
use std::collections::BTreeMap;
use tests::axe;
use tests::browser::{
    self, click, fill, staff_built, staff_sign_in, wait_for, wait_for_text, Browser,
};
use tests::{spawn_app, Backend, TestApp};

const NO_UPDATES: &str = "I got no updates at all about my case";
const YOU_SAID: &str = "Nobody told you when the suspect was released on bail";
const WE_DID: &str = "Every officer in the case now calls within a day of a bail decision";

/// `count` responses for a unit and stage in the month `back` months before this one, every
/// one with free text about not being updated (so comments pass the text threshold).
async fn load(app: &TestApp, code: &str, stage: Stage, back: i32, count: i64) {
    let unit = app.unit_id(code).await;
    let today = time::OffsetDateTime::now_utc().date();
    let index = today.year() * 12 + today.month() as i32 - 1 - back;
    let month = time::Month::try_from((index.rem_euclid(12) + 1) as u8).unwrap();
    let tagger = analysis::Tagger::default();
    for i in 0..count {
        let day = 8 + (i % 12) as u8;
        let date = time::Date::from_calendar_date(index.div_euclid(12), month, day).unwrap();
        let mut answers = BTreeMap::from([
            ("overall".to_string(), AnswerValue::Scale((i % 5 + 1) as u8)),
            (
                "kept_informed".to_string(),
                AnswerValue::Scale(((i * 3) % 5 + 1) as u8),
            ),
            ("dignity".to_string(), AnswerValue::Scale(4)),
            (
                "one_thing".to_string(),
                AnswerValue::Text(NO_UPDATES.into()),
            ),
        ]);
        if stage == Stage::Court {
            answers.insert(
                "dates_in_time".to_string(),
                AnswerValue::YesNo(YesNoNotSure::No),
            );
        }
        let new = NewResponse {
            stage,
            unit_id: unit,
            channel: [Channel::Sms, Channel::Advocate, Channel::Link][(i % 3) as usize],
            survey_version: 1,
            week: week_label(date),
            answers,
        };
        responses::store(&app.db, &tagger, &new).await.unwrap();
    }
}

/// Enough data for shown figures in CE (reporting) and a comparison from CN.
async fn load_data(app: &TestApp) {
    for back in 1..=3 {
        load(app, "CE", Stage::Reporting, back, 20).await;
        load(app, "CN", Stage::Reporting, back, 20).await;
    }
}

async fn sign_out(c: &Client) {
    click(c, "#sign-out").await;
    wait_for(c, "#sign-in-email").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bcu_lead_reads_their_dashboard_publishes_an_action_and_is_refused_another_unit() {
    if !browser::available() || !staff_built() {
        return;
    }
    let app = spawn_app(Backend::Sqlite).await.expect("app");
    load_data(&app).await;
    let lead_password = app
        .create_staff("lead@example.org", StaffRole::BcuLead, Some("CE"), None)
        .await;
    let analyst_password = app
        .create_staff("analyst@example.org", StaffRole::Analyst, None, None)
        .await;
    // The figure the page must show, as the API computes it for this lead.
    let api = app.sign_in("lead@example.org", &lead_password).await;
    let dashboard: UnitDashboard = api
        .get("/api/v1/staff/units/CE/dashboard")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let reporting = dashboard
        .stages
        .iter()
        .find(|s| s.stage == Stage::Reporting)
        .expect("reporting stage");
    let responses = reporting
        .responses
        .value()
        .expect("60 reporting responses are shown, not suppressed");
    assert!(responses >= 10);

    let browser = Browser::start().await;
    let c = &browser.client;
    staff_sign_in(c, &app, "lead@example.org", &lead_password).await;

    // The lead lands on their own unit's dashboard and reads a figure from the loaded data.
    let heading = wait_for_text(c, "#unit-heading", "(CE)").await;
    assert!(heading.contains("Central East"), "{heading}");
    let path = c
        .execute("return location.pathname;", vec![])
        .await
        .unwrap();
    assert_eq!(path, "/staff/units/CE");
    wait_for_text(
        c,
        "[data-figure='reporting-responses']",
        &responses.to_string(),
    )
    .await;
    // Themes ranked, with the communication complaints loaded above.
    wait_for(c, "#themes tr[data-theme='communication']").await;
    // Export links carry the dashboard's filters.
    let csv = wait_for(c, "#export-csv").await;
    assert_eq!(
        csv.attr("href").await.unwrap().as_deref(),
        Some("/api/v1/staff/units/CE/export/csv")
    );

    // "You said, we did": an empty submission is refused with an error summary first.
    click(c, "#publish-action").await;
    wait_for_text(c, ".error-summary", "There is a problem").await;
    wait_for(c, "#action-theme-error").await;
    wait_for(c, "#action-theme")
        .await
        .select_by_value("communication")
        .await
        .unwrap();
    fill(c, "#action-you_said", YOU_SAID).await;
    fill(c, "#action-we_did", WE_DID).await;
    click(c, "#publish-action").await;
    wait_for(c, "#action-published").await;
    // On the dashboard...
    wait_for_text(c, "#published-actions", YOU_SAID).await;
    wait_for_text(c, "#published-actions", WE_DID).await;
    // ...and where the victim's thank-you page reads it.
    let public: Vec<shared::PublishedAction> = app
        .client
        .get(app.url("/api/v1/units/CE/actions"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        public
            .iter()
            .any(|a| a.you_said == YOU_SAID && a.we_did == WE_DID && a.theme == "communication"),
        "{public:?}"
    );

    // Another unit's page: refused, clearly, and no figure of it shown.
    c.goto(&app.url("/staff/units/CN")).await.unwrap();
    let refused = wait_for_text(c, "#access-denied h1", "You do not have access").await;
    assert_eq!(refused, "You do not have access to this unit");
    assert!(c.find(Locator::Css("#unit-heading")).await.is_err());
    // The all-units view is not theirs either.
    c.goto(&app.url("/staff/advocate")).await.unwrap();
    wait_for_text(c, "#access-denied h1", "You do not have access").await;

    // The action shows in the all-units view, for someone allowed to read it.
    sign_out(c).await;
    staff_sign_in(c, &app, "analyst@example.org", &analyst_password).await;
    click(c, "nav a[href='/staff/advocate']").await;
    wait_for(c, "#advocate-heading").await;
    wait_for_text(c, "#all-actions [data-unit='CE']", YOU_SAID).await;
    browser.close().await;
}

// ----- accessibility -----

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_staff_page_passes_axe_wcag_22_aa() {
    if !browser::available() || !staff_built() {
        return;
    }
    let Some(axe) = axe::axe_source() else {
        return;
    };
    let app = spawn_app(Backend::Sqlite).await.expect("app");
    load_data(&app).await;
    let lead_password = app
        .create_staff("lead@example.org", StaffRole::BcuLead, Some("CE"), None)
        .await;
    let admin_password = app
        .create_staff("admin@example.org", StaffRole::Admin, None, None)
        .await;
    let browser = Browser::start().await;
    let c = &browser.client;
    let mut failures = Vec::new();

    c.goto(&app.url("/staff/")).await.unwrap();
    wait_for(c, "#sign-in-email").await;
    axe::check(c, &axe, "sign-in", &mut failures).await;
    // The check works: a planted violation is reported.
    c.execute(
        "const i = document.createElement('img'); i.id = 'canary'; i.src = '/favicon.svg';
         document.querySelector('main').appendChild(i);",
        vec![],
    )
    .await
    .unwrap();
    let planted = axe::violations(c, &axe).await;
    assert!(
        planted.iter().any(|v| v.starts_with("image-alt")),
        "axe must catch an image without alt text: {planted:?}"
    );
    c.execute("document.getElementById('canary').remove();", vec![])
        .await
        .unwrap();

    fill(c, "#sign-in-email", "lead@example.org").await;
    fill(c, "#sign-in-password", "not the password").await;
    click(c, "#sign-in-button").await;
    wait_for_text(c, ".error-summary", "not right").await;
    axe::check(c, &axe, "sign-in error", &mut failures).await;

    fill(c, "#sign-in-password", &lead_password).await;
    click(c, "#sign-in-button").await;
    wait_for(c, "#unit-heading").await;
    wait_for(c, "#themes").await;
    axe::check(c, &axe, "BCU dashboard", &mut failures).await;

    click(c, "#publish-action").await;
    wait_for(c, "#action-theme-error").await;
    axe::check(c, &axe, "publish action error", &mut failures).await;

    // Comments (read through the dashboard's link, then a stage), and the too-few message.
    c.goto(&app.url("/staff/units/CE/comments?theme=communication&stage=reporting"))
        .await
        .unwrap();
    wait_for_text(c, "#comments", "no updates").await;
    axe::check(c, &axe, "comments", &mut failures).await;
    c.goto(&app.url("/staff/units/CE/comments?theme=court_process&stage=court"))
        .await
        .unwrap();
    wait_for(c, "#too-few").await;
    axe::check(c, &axe, "comments too few", &mut failures).await;
    c.goto(&app.url("/staff/units/CN")).await.unwrap();
    wait_for(c, "#access-denied").await;
    axe::check(c, &axe, "access denied", &mut failures).await;

    sign_out(c).await;
    axe::check(c, &axe, "signed out", &mut failures).await;
    fill(c, "#sign-in-email", "admin@example.org").await;
    fill(c, "#sign-in-password", &admin_password).await;
    click(c, "#sign-in-button").await;
    wait_for(c, "#unit-list").await;
    axe::check(c, &axe, "unit picker", &mut failures).await;

    c.goto(&app.url("/staff/advocate")).await.unwrap();
    wait_for(c, "#unit-theme-table").await;
    wait_for(c, "#all-actions").await;
    axe::check(c, &axe, "advocate dashboard", &mut failures).await;

    c.goto(&app.url("/staff/admin/accounts")).await.unwrap();
    wait_for(c, "#accounts").await;
    axe::check(c, &axe, "admin accounts", &mut failures).await;
    click(c, "#create-account").await;
    wait_for(c, "#account-email-error").await;
    axe::check(c, &axe, "admin accounts error", &mut failures).await;
    // Deactivate the lead: the list says so.
    click(c, "tr[data-email='lead@example.org'] button").await;
    wait_for_text(c, "#accounts-notice", "deactivated").await;

    c.goto(&app.url("/staff/admin/units")).await.unwrap();
    wait_for(c, "#units").await;
    axe::check(c, &axe, "admin units", &mut failures).await;

    c.goto(&app.url("/staff/admin/audit")).await.unwrap();
    wait_for_text(c, "#audit", "update user").await;
    axe::check(c, &axe, "audit log", &mut failures).await;

    browser.close().await;
    assert!(
        failures.is_empty(),
        "axe-core found WCAG 2.2 AA violations:\n{}",
        failures.join("\n")
    );
}
