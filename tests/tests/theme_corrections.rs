//! Staff theme corrections over real HTTP, on SQLite and PostgreSQL: a correction is stored
//! and shown as made by staff, moves the theme rollups so they still equal a recount, is
//! refused outside the role and unit scope and for bad input (with nothing changed), and
//! teaches the server's tagger, so later comments with similar wording, submitted by victims
//! through the survey API, get the theme staff gave (also after a restart). Rollups are checked
//! against a recount at both levels (weeks, and the months summed from them), also when
//! corrections of one comment race each other. Nobody can learn a hidden count by moving it
//! themselves: their own dashboards and comment lists leave their own corrections out.

use backend::storage::entities::{comment, comment_correction, comment_theme, rollup_theme};
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};
use shared::{ErrorBody, Figure, StaffComment, StaffRole, Stage, ThemeComments, UnitDashboard};
use std::collections::BTreeMap;
use tests::{
    assert_theme_rollups_equal_recount, db_tests, recount_themes as recount, StaffClient, TestApp,
    ThemeCell,
};

const NO_UPDATES: &str = "I got no updates about my case from anyone";
/// Wording the default tagger does not tie to safety advice (checked in the learning test).
const STAIRWELL: &str = "No updates from anyone and the stairwell lights smashed again";
const LATER_STAIRWELL: &str = "The stairwell lights smashed for weeks now";

/// A victim answers a survey for `code` and `stage` with one comment, through the API.
async fn submit(app: &TestApp, code: &str, stage: Stage, text: &str) {
    let token = app.invite(stage, code).await;
    let body = json!({"survey_version": 1, "answers": {
        "overall": {"kind": "scale", "value": 2},
        "one_thing": {"kind": "text", "value": text}
    }});
    let response = app.post_response(&token, &body).await;
    assert_eq!(response.status(), 201, "submission for {code}");
}

fn comments_path(code: &str, theme: &str, stage: Stage) -> String {
    format!("/api/v1/staff/units/{code}/comments?theme={theme}&stage={stage}")
}

async fn list(client: &StaffClient, code: &str, theme: &str, stage: Stage) -> ThemeComments {
    let response = client
        .get(&comments_path(code, theme, stage))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn shown(client: &StaffClient, code: &str, theme: &str, stage: Stage) -> Vec<StaffComment> {
    match list(client, code, theme, stage).await {
        ThemeComments::Shown { comments } => comments,
        ThemeComments::TooFewToShow => panic!("{code} {theme} {stage}: expected comments"),
    }
}

async fn put_themes(client: &StaffClient, id: &str, body: &Value) -> reqwest::Response {
    client
        .send(Method::PUT, &format!("/api/v1/staff/comments/{id}/themes"))
        .json(body)
        .send()
        .await
        .unwrap()
}

/// The themes stored for one comment: (theme, polarity, source), sorted.
async fn stored_themes(app: &TestApp, id: &str) -> Vec<(String, String, String)> {
    let mut rows: Vec<_> = comment_theme::Entity::find()
        .filter(comment_theme::Column::CommentId.eq(id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.theme, r.polarity, r.source))
        .collect();
    rows.sort();
    rows
}

async fn rollups(app: &TestApp) -> BTreeMap<ThemeCell, i64> {
    app.fold_rollups().await;
    rollup_theme::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| ((r.unit_id, r.stage, r.week, r.theme, r.polarity), r.count))
        .collect()
}

fn count_of(cells: &BTreeMap<ThemeCell, i64>, theme: &str, polarity: &str) -> i64 {
    cells
        .iter()
        .filter(|((_, _, _, t, p), _)| t == theme && p == polarity)
        .map(|(_, n)| *n)
        .sum()
}

async fn comment_with_text(app: &TestApp, text: &str) -> comment::Model {
    let found: Vec<comment::Model> = comment::Entity::find()
        .filter(comment::Column::Body.eq(text))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(found.len(), 1, "exactly one comment reads {text:?}");
    found.into_iter().next().unwrap()
}

async fn a_correction_is_stored_and_shown_as_made_by_staff(app: TestApp) {
    for _ in 0..20 {
        submit(&app, "CE", Stage::Investigation, NO_UPDATES).await;
    }
    let lead = app.staff(StaffRole::BcuLead).await;
    let before = shown(&lead, "CE", "communication", Stage::Investigation).await;
    assert_eq!(before.len(), 20);
    for c in &before {
        assert_eq!(c.text, NO_UPDATES);
        assert!(!c.corrected_by_staff, "nothing corrected yet: {c:?}");
        assert!(
            c.themes
                .iter()
                .any(|t| t.theme == "communication" && t.polarity.as_str() == "negative"),
            "{c:?}"
        );
        // The id is the comment's own random id, nothing a response or a time could be read from.
        assert_eq!(c.id.len(), 36);
    }
    let target = &before[3];
    let response = put_themes(
        &lead,
        &target.id,
        &json!({"themes": [
            {"theme": "taken_seriously", "polarity": "negative"},
            {"theme": "communication", "polarity": "neutral"}
        ]}),
    )
    .await;
    assert_eq!(response.status(), 200);
    let saved: StaffComment = response.json().await.unwrap();
    assert!(saved.corrected_by_staff);
    assert_eq!(saved.id, target.id);
    assert_eq!(saved.text, NO_UPDATES);
    let themes: Vec<(&str, &str)> = saved
        .themes
        .iter()
        .map(|t| (t.theme.as_str(), t.polarity.as_str()))
        .collect();
    assert_eq!(
        themes,
        [
            ("communication", "neutral"),
            ("taken_seriously", "negative")
        ]
    );

    // Kept in the database as the staff's themes...
    assert_eq!(
        stored_themes(&app, &target.id).await,
        [
            ("communication".into(), "neutral".into(), "staff".into()),
            ("taken_seriously".into(), "negative".into(), "staff".into()),
        ]
    );
    // ...and shown as such to everyone who reads the list, the others untouched.
    let analyst = app.staff(StaffRole::Analyst).await;
    let after = shown(&analyst, "CE", "communication", Stage::Investigation).await;
    assert_eq!(after.len(), 20);
    let corrected: Vec<&StaffComment> = after.iter().filter(|c| c.corrected_by_staff).collect();
    assert_eq!(corrected.len(), 1);
    assert_eq!(corrected[0], &saved);

    // Correcting again replaces the set; "no theme applies" is a correction too, and the comment
    // leaves the theme's list (which, at 19, is now under the text threshold).
    let response = put_themes(&analyst, &target.id, &json!({"themes": []})).await;
    assert_eq!(response.status(), 200);
    let cleared: StaffComment = response.json().await.unwrap();
    assert!(cleared.corrected_by_staff && cleared.themes.is_empty());
    assert!(stored_themes(&app, &target.id).await.is_empty());
    let marked = comment_correction::Entity::find_by_id(target.id.clone())
        .one(&app.db)
        .await
        .unwrap();
    assert!(marked.is_some(), "an empty correction is still recorded");
    assert_eq!(
        list(&lead, "CE", "communication", Stage::Investigation).await,
        ThemeComments::TooFewToShow
    );

    // The audit log names who corrected which comment.
    let admin = app.staff(StaffRole::Admin).await;
    let log: Vec<shared::AuditEntryView> = admin
        .get("/api/v1/staff/audit")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let entries: Vec<_> = log
        .iter()
        .filter(|e| e.action == "correct_themes" && e.target.contains(&target.id))
        .collect();
    assert_eq!(entries.len(), 2, "{log:?}");
    assert!(entries.iter().any(|e| e.email == "bcu_lead@example.org"
        && e.target.starts_with("CE investigation")
        && e.target.contains("taken_seriously:negative")));
    assert!(entries.iter().any(|e| e.email == "analyst@example.org"));
}

async fn rollups_follow_corrections_and_equal_a_recount(app: TestApp) {
    for _ in 0..20 {
        submit(&app, "CE", Stage::Court, NO_UPDATES).await;
    }
    submit(&app, "CN", Stage::Court, NO_UPDATES).await;
    let start = rollups(&app).await;
    assert_eq!(start, recount(&app).await);
    assert_eq!(count_of(&start, "communication", "negative"), 21);
    let analyst = app.staff(StaffRole::Analyst).await;
    let ids: Vec<String> = shown(&analyst, "CE", "communication", Stage::Court)
        .await
        .into_iter()
        .map(|c| c.id)
        .collect();
    let start_themes = stored_themes(&app, &ids[4]).await;

    // Add a theme; change a polarity; take a theme away; the same set twice (no change).
    let steps: [(&str, Value); 5] = [
        (
            ids[0].as_str(),
            json!({"themes": [{"theme": "communication", "polarity": "negative"}, {"theme": "court_process", "polarity": "negative"}]}),
        ),
        (
            ids[1].as_str(),
            json!({"themes": [{"theme": "communication", "polarity": "positive"}]}),
        ),
        (ids[2].as_str(), json!({"themes": []})),
        (
            ids[3].as_str(),
            json!({"themes": [{"theme": "withdrawal", "polarity": "neutral"}]}),
        ),
        (
            ids[3].as_str(),
            json!({"themes": [{"theme": "withdrawal", "polarity": "neutral"}]}),
        ),
    ];
    for (id, body) in &steps {
        let response = put_themes(&analyst, id, body).await;
        assert_eq!(response.status(), 200, "{body}");
        assert_eq!(rollups(&app).await, recount(&app).await, "after {body}");
        // Every level: the weeks again, the months and the months over every stage.
        assert_theme_rollups_equal_recount(&app).await;
    }
    // Corrections of one comment racing each other: each sees the one before it (the comment
    // is locked first), so none takes back a theme another already took back.
    let mut racing = Vec::new();
    for i in 0..12 {
        let body = if i % 2 == 0 {
            json!({"themes": [{"theme": "respect_equality", "polarity": "negative"}]})
        } else {
            json!({"themes": [{"theme": "communication", "polarity": "neutral"}, {"theme": "positive", "polarity": "positive"}]})
        };
        let request = analyst
            .send(
                Method::PUT,
                &format!("/api/v1/staff/comments/{}/themes", ids[4]),
            )
            .json(&body);
        racing.push(tokio::spawn(async move {
            request.send().await.unwrap().status()
        }));
    }
    for task in racing {
        assert_eq!(task.await.unwrap(), 200);
    }
    assert_eq!(
        rollups(&app).await,
        recount(&app).await,
        "after racing corrections"
    );
    assert_theme_rollups_equal_recount(&app).await;
    // Put comment 4 back as the tagger had it, so the totals below concern comments 0 to 3.
    let auto: Vec<Value> = start_themes
        .iter()
        .map(|(theme, polarity, _)| json!({"theme": theme, "polarity": polarity}))
        .collect();
    let restored = put_themes(&analyst, &ids[4], &json!({ "themes": auto })).await;
    assert_eq!(restored.status(), 200);

    let end = rollups(&app).await;
    let moved = |theme: &str, polarity: &str| {
        count_of(&end, theme, polarity) - count_of(&start, theme, polarity)
    };
    // Comments 1, 2 and 3 no longer complain about communication; 1 praises it; 0 adds court
    // process, 3 is about withdrawal.
    assert_eq!(moved("communication", "negative"), -3);
    assert_eq!(moved("communication", "positive"), 1);
    assert_eq!(moved("court_process", "negative"), 1);
    assert_eq!(moved("withdrawal", "neutral"), 1);
    // Nothing moved outside the corrected comments' cells: CN is as it was.
    let cn = app.unit_id("CN").await;
    let cn_cells = |cells: &BTreeMap<ThemeCell, i64>| -> Vec<(ThemeCell, i64)> {
        cells
            .iter()
            .filter(|(k, _)| k.0 == cn)
            .map(|(k, v)| (k.clone(), *v))
            .collect()
    };
    assert_eq!(cn_cells(&start), cn_cells(&end));
    // No cell is left at zero: a recount would not have it.
    assert!(end.values().all(|n| *n > 0), "{end:?}");
}

async fn corrections_are_refused_outside_role_and_scope(app: TestApp) {
    submit(&app, "CE", Stage::Reporting, NO_UPDATES).await;
    submit(&app, "CN", Stage::Reporting, NO_UPDATES).await;
    let all = app.comments().await;
    let (ce_unit, cn_unit) = (app.unit_id("CE").await, app.unit_id("CN").await);
    let ce_id = all
        .iter()
        .find(|c| c.unit_id == ce_unit)
        .unwrap()
        .id
        .clone();
    let cn_id = all
        .iter()
        .find(|c| c.unit_id == cn_unit)
        .unwrap()
        .id
        .clone();
    let before_ce = stored_themes(&app, &ce_id).await;
    let before_cn = stored_themes(&app, &cn_id).await;
    let start = rollups(&app).await;
    let body = json!({"themes": [{"theme": "positive", "polarity": "positive"}]});

    let lead = app.staff(StaffRole::BcuLead).await; // CE's BCU lead
    let advocate = app.staff(StaffRole::Advocate).await;
    // A BCU lead and another unit's comment: refused as the dashboards refuse another unit.
    let other = put_themes(&lead, &cn_id, &body).await;
    assert_eq!(other.status(), 403);
    // Advocates read comments but do not correct them, not even for a unit they can read.
    assert_eq!(put_themes(&advocate, &ce_id, &body).await.status(), 403);
    assert_eq!(put_themes(&advocate, &cn_id, &body).await.status(), 403);
    // No session.
    let anonymous = app
        .client
        .put(app.url(&format!("/api/v1/staff/comments/{ce_id}/themes")))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    // A session but no CSRF header, or a wrong one.
    let path = format!("/api/v1/staff/comments/{ce_id}/themes");
    let no_csrf = lead
        .client
        .put(app.url(&path))
        .header("cookie", &lead.cookie)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(no_csrf.status(), 403);
    let error: ErrorBody = no_csrf.json().await.unwrap();
    assert_eq!(error.code, "csrf_rejected");
    let wrong_csrf = lead
        .client
        .put(app.url(&path))
        .header("cookie", &lead.cookie)
        .header("x-csrf-token", "AAAAAAAAAAAAAAAAAAAAAA")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_csrf.status(), 403);
    // Unknown ids: 404, whoever asks, however long.
    for id in [
        "00000000-0000-4000-8000-000000000000".to_string(),
        "x".repeat(400),
    ] {
        let response = put_themes(&lead, &id, &body).await;
        assert_eq!(response.status(), 404, "{id}");
    }
    // Nothing changed by any refusal.
    assert_eq!(stored_themes(&app, &ce_id).await, before_ce);
    assert_eq!(stored_themes(&app, &cn_id).await, before_cn);
    assert_eq!(rollups(&app).await, start);
    assert!(comment_correction::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .is_empty());

    // Those allowed: the lead for their own unit, analysts and admins for any.
    assert_eq!(put_themes(&lead, &ce_id, &body).await.status(), 200);
    let analyst = app.staff(StaffRole::Analyst).await;
    assert_eq!(put_themes(&analyst, &cn_id, &body).await.status(), 200);
    let admin = app.staff(StaffRole::Admin).await;
    assert_eq!(put_themes(&admin, &cn_id, &body).await.status(), 200);
    assert_eq!(rollups(&app).await, recount(&app).await);
}

async fn bad_input_gets_field_errors_and_changes_nothing(app: TestApp) {
    submit(&app, "CE", Stage::Cps, NO_UPDATES).await;
    let id = app.comments().await.remove(0).id;
    let before = stored_themes(&app, &id).await;
    let start = rollups(&app).await;
    let lead = app.staff(StaffRole::BcuLead).await;
    let many: Vec<Value> = (0..21)
        .map(|i| json!({"theme": format!("theme_{i}"), "polarity": "neutral"}))
        .collect();
    let cases: Vec<(Value, &str)> = vec![
        (
            json!({"themes": [{"theme": "weather", "polarity": "negative"}]}),
            "themes[0].theme",
        ),
        (
            json!({"themes": [{"theme": "communication", "polarity": "negative"}, {"theme": "not_a_theme", "polarity": "negative"}]}),
            "themes[1].theme",
        ),
        (
            json!({"themes": [{"theme": "communication", "polarity": "furious"}]}),
            "themes[0].polarity",
        ),
        (
            json!({"themes": [{"theme": "communication"}]}),
            "themes[0].polarity",
        ),
        (
            json!({"themes": [{"theme": "", "polarity": "neutral"}]}),
            "themes[0].theme",
        ),
        (
            json!({"themes": [{"theme": "communication", "polarity": "negative"}, {"theme": "communication", "polarity": "positive"}]}),
            "themes",
        ),
        (json!({"themes": many}), "themes"),
        (json!({}), "themes"),
        (json!({"themes": "communication"}), "themes"),
        (json!({"themes": [], "unit": "CN"}), "unit"),
    ];
    for (body, field) in cases {
        let response = put_themes(&lead, &id, &body).await;
        assert_eq!(response.status(), 422, "{body}");
        let error: ErrorBody = response.json().await.unwrap();
        assert_eq!(error.code, "validation_failed");
        assert!(
            error.fields.contains_key(field),
            "{body}: expected {field} in {:?}",
            error.fields
        );
    }
    // Not JSON at all, and not saying it is JSON.
    let path = format!("/api/v1/staff/comments/{id}/themes");
    let broken = lead
        .send(Method::PUT, &path)
        .header("content-type", "application/json")
        .body("{\"themes\": [")
        .send()
        .await
        .unwrap();
    assert_eq!(broken.status(), 400);
    let form = lead
        .send(Method::PUT, &path)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("themes=communication")
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 415);

    assert_eq!(stored_themes(&app, &id).await, before);
    assert_eq!(rollups(&app).await, start);
    assert!(comment_correction::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .is_empty());
}

/// Themes of the one comment whose text is `text`, as stored by the submission path.
async fn themes_of_text(app: &TestApp, text: &str) -> Vec<(String, String, String)> {
    let c = comment_with_text(app, text).await;
    stored_themes(app, &c.id).await
}

/// Twenty CE support comments about updates (enough to be shown), three also about the
/// stairwell; the BCU lead adds safety advice to those three and confirms the tagger on three
/// plain ones (so "updates" alone is not what safety advice is learned from).
async fn teach_safety_advice(app: &TestApp) {
    for i in 0..20 {
        let text = if i < 3 { STAIRWELL } else { NO_UPDATES };
        submit(app, "CE", Stage::Support, text).await;
    }
    let lead = app.staff(StaffRole::BcuLead).await;
    let listed = shown(&lead, "CE", "communication", Stage::Support).await;
    let stairwell: Vec<&StaffComment> = listed.iter().filter(|c| c.text == STAIRWELL).collect();
    let plain: Vec<&StaffComment> = listed.iter().filter(|c| c.text == NO_UPDATES).collect();
    assert_eq!(stairwell.len(), 3);
    let with_safety = json!({"themes": [
        {"theme": "communication", "polarity": "negative"},
        {"theme": "safety_advice", "polarity": "negative"}
    ]});
    let confirmed = json!({"themes": [{"theme": "communication", "polarity": "negative"}]});
    for c in &stairwell {
        assert_eq!(put_themes(&lead, &c.id, &with_safety).await.status(), 200);
    }
    for c in plain.iter().take(3) {
        assert_eq!(put_themes(&lead, &c.id, &confirmed).await.status(), 200);
    }
}

async fn later_comments_get_the_theme_staff_taught(app: TestApp) {
    // Before any correction, the wording says nothing about safety to the tagger.
    submit(
        &app,
        "CE",
        Stage::Support,
        "Before: the stairwell lights smashed",
    )
    .await;
    let control = themes_of_text(&app, "Before: the stairwell lights smashed").await;
    assert!(
        control.iter().all(|(t, _, _)| t != "safety_advice"),
        "{control:?}"
    );

    teach_safety_advice(&app).await;

    // A victim in another unit writes something similar, later: tagged with what staff taught,
    // automatically (source auto), and a plain complaint about updates is not.
    submit(&app, "NW", Stage::Reporting, LATER_STAIRWELL).await;
    let later = themes_of_text(&app, LATER_STAIRWELL).await;
    assert!(
        later.contains(&("safety_advice".into(), "negative".into(), "auto".into())),
        "{later:?}"
    );
    submit(
        &app,
        "NW",
        Stage::Reporting,
        "Still no updates from anyone at all",
    )
    .await;
    let unrelated = themes_of_text(&app, "Still no updates from anyone at all").await;
    assert!(
        unrelated.iter().all(|(t, _, _)| t != "safety_advice"),
        "{unrelated:?}"
    );
    assert_eq!(rollups(&app).await, recount(&app).await);

    // After a restart the tagger is built from the corrections in the database.
    let app = app.restart().await;
    let after_restart = "Since the stairwell lights smashed I dread coming home";
    submit(&app, "SW", Stage::Court, after_restart).await;
    let themes = themes_of_text(&app, after_restart).await;
    assert!(
        themes
            .iter()
            .any(|(t, _, s)| t == "safety_advice" && s == "auto"),
        "{themes:?}"
    );
}

/// Corrections are learned from the stored text only while it exists: retention deletes the
/// corrected comments, their staff themes and correction rows go with them, and a tagger built
/// afterwards no longer knows what they taught.
async fn retention_takes_corrections_with_the_text(app: TestApp) {
    teach_safety_advice(&app).await;
    submit(&app, "NW", Stage::Reporting, LATER_STAIRWELL).await;
    let taught = themes_of_text(&app, LATER_STAIRWELL).await;
    assert!(
        taught.iter().any(|(t, _, _)| t == "safety_advice"),
        "{taught:?}"
    );
    let rollups_before = rollups(&app).await;

    // Time passes for the CE comments (the corrected ones among them) past the retention period.
    let ce = app.unit_id("CE").await;
    use sea_orm::ConnectionTrait;
    app.db
        .execute_unprepared(&format!(
            "UPDATE comments SET week = '2020-01-06' WHERE unit_id = {ce}"
        ))
        .await
        .unwrap();
    let deleted = backend::services::retention::purge_old_text(&app.db, 365)
        .await
        .unwrap();
    assert_eq!(deleted, 20);
    assert!(comment_correction::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .is_empty());
    assert!(comment_theme::Entity::find()
        .filter(comment_theme::Column::Source.eq("staff"))
        .all(&app.db)
        .await
        .unwrap()
        .is_empty());
    // The rollups keep what the corrections counted (retention never touches them).
    assert_eq!(rollups(&app).await, rollups_before);

    // A tagger built now (at start-up, as the periodic rebuild would) has nothing to learn from.
    let app = app.restart().await;
    let later = "Again the stairwell lights smashed and nobody came";
    submit(&app, "NW", Stage::Reporting, later).await;
    let themes = themes_of_text(&app, later).await;
    assert!(
        themes.iter().all(|(t, _, _)| t != "safety_advice"),
        "{themes:?}"
    );
}

/// A theme's count over the unit dashboard's default period, as `client` sees it.
async fn theme_count(client: &StaffClient, code: &str, theme: &str) -> Figure {
    let response = client
        .get(&format!("/api/v1/staff/units/{code}/dashboard"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let dashboard: UnitDashboard = response.json().await.unwrap();
    dashboard
        .themes
        .into_iter()
        .find(|t| t.theme == theme)
        .expect("every theme is listed")
        .count
}

/// `client` gives each comment of `ids` the themes in `body`.
async fn correct_each(client: &StaffClient, ids: Vec<String>, body: &Value) {
    for id in ids {
        assert_eq!(put_themes(client, &id, body).await.status(), 200);
    }
}

async fn own_corrections_cannot_reveal_a_hidden_count(app: TestApp) {
    for _ in 0..20 {
        submit(&app, "CE", Stage::Investigation, NO_UPDATES).await;
    }
    let analyst = app.staff(StaffRole::Analyst).await;
    let lead = app.staff(StaffRole::BcuLead).await;
    // Someone who corrects nothing here.
    let observer = app.staff(StaffRole::Admin).await;
    let comments = shown(&lead, "CE", "communication", Stage::Investigation).await;
    assert_eq!(comments.len(), 20);
    let add_theme = json!({"themes": [
        {"theme": "communication", "polarity": "negative"},
        {"theme": "taken_seriously", "polarity": "negative"}
    ]});
    let ids = |range: std::ops::Range<usize>| -> Vec<String> {
        comments[range].iter().map(|c| c.id.clone()).collect()
    };
    let theme = "taken_seriously";

    // A colleague's corrections put 7 comments in the cell: under the threshold for everyone.
    correct_each(&analyst, ids(0..7), &add_theme).await;
    for client in [&lead, &analyst, &observer] {
        assert_eq!(theme_count(client, "CE", theme).await, Figure::Suppressed);
    }

    // The lead probes with 3 more: the cell now holds 10, which everyone else may see.
    correct_each(&lead, ids(7..10), &add_theme).await;
    assert_eq!(count_of(&rollups(&app).await, theme, "negative"), 10);
    assert_eq!(
        theme_count(&observer, "CE", theme).await,
        Figure::Shown { value: 10 }
    );
    // The lead sees the 7 there were without their own 3, still hidden; the analyst sees 3.
    assert_eq!(theme_count(&lead, "CE", theme).await, Figure::Suppressed);
    assert_eq!(theme_count(&analyst, "CE", theme).await, Figure::Suppressed);

    // All 20 now: enough for the comments themselves, for those who did not put them there.
    correct_each(&lead, ids(10..20), &add_theme).await;
    assert_eq!(count_of(&rollups(&app).await, theme, "negative"), 20);
    match list(&observer, "CE", theme, Stage::Investigation).await {
        ThemeComments::Shown { comments } => assert_eq!(comments.len(), 20),
        ThemeComments::TooFewToShow => panic!("20 comments meet the text threshold"),
    }
    assert_eq!(
        theme_count(&observer, "CE", theme).await,
        Figure::Shown { value: 20 }
    );
    // The lead: 20 less their own 13 is 7. The analyst: 20 less 7 is 13, shown rounded, but
    // under the text threshold.
    assert_eq!(
        list(&lead, "CE", theme, Stage::Investigation).await,
        ThemeComments::TooFewToShow
    );
    assert_eq!(theme_count(&lead, "CE", theme).await, Figure::Suppressed);
    assert_eq!(
        list(&analyst, "CE", theme, Stage::Investigation).await,
        ThemeComments::TooFewToShow
    );
    assert_eq!(
        theme_count(&analyst, "CE", theme).await,
        Figure::Shown { value: 15 }
    );

    // Taking a theme away is left out too: the lead removes it from one of the analyst's
    // comments, and still sees 7 (19 less their net 12), while the observer sees 19 as 20.
    let remove = json!({"themes": [{"theme": "communication", "polarity": "negative"}]});
    assert_eq!(
        put_themes(&lead, &comments[0].id, &remove).await.status(),
        200
    );
    assert_eq!(count_of(&rollups(&app).await, theme, "negative"), 19);
    assert_eq!(theme_count(&lead, "CE", theme).await, Figure::Suppressed);
    assert_eq!(
        theme_count(&observer, "CE", theme).await,
        Figure::Shown { value: 20 }
    );
}

db_tests!(
    a_correction_is_stored_and_shown_as_made_by_staff,
    rollups_follow_corrections_and_equal_a_recount,
    corrections_are_refused_outside_role_and_scope,
    bad_input_gets_field_errors_and_changes_nothing,
    later_comments_get_the_theme_staff_taught,
    retention_takes_corrections_with_the_text,
    own_corrections_cannot_reveal_a_hidden_count,
);
