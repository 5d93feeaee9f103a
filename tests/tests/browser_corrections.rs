//! Theme corrections in the staff pages, in headless Chromium: a BCU lead opens the comments
//! of a theme, changes one comment's themes with the keyboard and the form's own controls,
//! saves, and sees it marked "Corrected by staff" (also after a reload, from the server); an
//! advocate reading the same comments gets no form. axe-core checks the open form and the
//! corrected state for WCAG 2.0/2.1/2.2 A and AA violations.

use backend::storage::entities::comment_theme;
use fantoccini::key::Key;
use fantoccini::Locator;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use shared::{StaffRole, Stage};
use tests::axe;
use tests::browser::{
    self, click, select, staff_built, staff_sign_in, wait_for, wait_for_text, Browser,
};
use tests::{spawn_app, Backend};

const NO_UPDATES: &str = "I got no updates about my case from anyone";
const COMMENTS: &str = "/staff/units/CE/comments?theme=communication&stage=reporting";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bcu_lead_corrects_a_comments_themes_in_the_page() {
    if !browser::available() || !staff_built() {
        return;
    }
    let axe = axe::axe_source();
    let app = spawn_app(Backend::Sqlite).await.expect("app");
    // Twenty victims write about updates (enough for their words to be shown), via the API.
    for _ in 0..20 {
        let token = app.invite(Stage::Reporting, "CE").await;
        let body = json!({"survey_version": 1, "answers": {
            "one_thing": {"kind": "text", "value": NO_UPDATES}
        }});
        assert_eq!(app.post_response(&token, &body).await.status(), 201);
    }
    let lead_password = app
        .create_staff("lead@example.org", StaffRole::BcuLead, Some("CE"), None)
        .await;
    let advocate_password = {
        let service = backend::services::advocacy::create(&app.db, "Service")
            .await
            .unwrap();
        app.create_staff(
            "advocate@example.org",
            StaffRole::Advocate,
            None,
            Some(&service.code),
        )
        .await
    };

    let browser = Browser::start().await;
    let c = &browser.client;
    let mut failures = Vec::new();
    staff_sign_in(c, &app, "lead@example.org", &lead_password).await;
    wait_for(c, "#unit-heading").await;
    c.goto(&app.url(COMMENTS)).await.unwrap();
    wait_for_text(c, "#comments", "no updates").await;
    // Every comment shows its themes; none is marked corrected yet.
    wait_for(
        c,
        "#comment-1 [data-theme='communication'][data-polarity='negative']",
    )
    .await;
    assert!(c
        .find(Locator::Css("#comments .tag--corrected"))
        .await
        .is_err());
    let comment_id = wait_for(c, "#comment-1")
        .await
        .attr("data-comment-id")
        .await
        .unwrap()
        .expect("comment id");

    // Open the form; tick "Safety advice" with the keyboard, say it is neutral, save.
    click(c, "#comment-1-edit").await;
    let safety = wait_for(c, "#comment-1-theme-safety_advice").await;
    assert_eq!(
        wait_for(c, "#comment-1-theme-communication")
            .await
            .prop("checked")
            .await
            .unwrap()
            .as_deref(),
        Some("true"),
        "the form starts from the comment's themes"
    );
    safety.send_keys(" ").await.unwrap();
    let polarity = wait_for(c, "#comment-1-polarity-safety_advice").await;
    assert_eq!(
        polarity.prop("value").await.unwrap().as_deref(),
        Some("negative")
    );
    axe::check_if_present(c, &axe, "theme form open", &mut failures).await;
    select(c, "#comment-1-polarity-safety_advice", "neutral").await;
    let save = wait_for(c, "#comment-1-save").await;
    save.send_keys(&Key::Enter.to_string()).await.unwrap();

    wait_for_text(c, "#comment-1-saved", "Themes saved").await;
    wait_for_text(c, "#comment-1 .tag--corrected", "Corrected by staff").await;
    wait_for(
        c,
        "#comment-1 [data-theme='safety_advice'][data-polarity='neutral']",
    )
    .await;
    axe::check_if_present(c, &axe, "comment corrected", &mut failures).await;

    // Stored as the staff's themes.
    let mut stored: Vec<(String, String, String)> = comment_theme::Entity::find()
        .filter(comment_theme::Column::CommentId.eq(comment_id.clone()))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.theme, r.polarity, r.source))
        .collect();
    stored.sort();
    assert_eq!(
        stored,
        [
            ("communication".into(), "negative".into(), "staff".into()),
            ("safety_advice".into(), "neutral".into(), "staff".into()),
        ]
    );

    // After a reload the marker comes from the server, on the same comment and no other.
    c.refresh().await.unwrap();
    wait_for_text(c, "#comments", "no updates").await;
    let marked = format!("[data-comment-id='{comment_id}'] .tag--corrected");
    wait_for_text(c, &marked, "Corrected by staff").await;
    let tags = c
        .find_all(Locator::Css("#comments .tag--corrected"))
        .await
        .unwrap();
    assert_eq!(tags.len(), 1);

    // An advocate reads the same comments and the marker, with no way to change them.
    click(c, "#sign-out").await;
    staff_sign_in(c, &app, "advocate@example.org", &advocate_password).await;
    // The advocate lands on the all-units view once signed in (the sign-in page has a `main h1`
    // too, so waiting for any heading raced the sign-in request under load).
    wait_for(c, "#advocate-heading").await;
    c.goto(&app.url(COMMENTS)).await.unwrap();
    wait_for_text(c, &marked, "Corrected by staff").await;
    assert!(c
        .find(Locator::Css("#comments button[id$='-edit']"))
        .await
        .is_err());
    browser.close().await;
    assert!(
        failures.is_empty(),
        "axe-core found WCAG 2.2 AA violations:\n{}",
        failures.join("\n")
    );
}
