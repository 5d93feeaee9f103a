//! Advocate links and published actions over real HTTP: a reusable link gives each visit its
//! own single-use session, sessions are rate limited, the QR code is real SVG, and a unit's
//! published actions reach the victim's thank-you page API.

use backend::services::{actions, advocacy, units};
use serde_json::json;
use tests::{db_tests, TestApp};

async fn each_visit_to_an_advocate_link_gets_its_own_single_use_session(app: TestApp) {
    let service = advocacy::create(&app.db, "Test service").await.unwrap();
    let code = service.code;
    let page = app
        .client
        .get(app.url(&format!("/a/{code}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["cache-control"], "no-store");

    let view: shared::AdvocateLinkView = app
        .client
        .get(app.url(&format!("/api/v1/advocate-links/{code}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(view.stages.len(), 5);
    assert_eq!(view.units.len(), 12);
    assert!(view
        .units
        .iter()
        .any(|u| u.areas.contains(&"Hackney".to_string())));

    let mut tokens = Vec::new();
    for _ in 0..2 {
        let created = app
            .client
            .post(app.url(&format!("/api/v1/advocate-links/{code}/sessions")))
            .json(&json!({"stage": "court", "unit_code": "NE"}))
            .send()
            .await
            .unwrap();
        assert_eq!(created.status(), 201);
        let body: shared::AdvocateSessionCreated = created.json().await.unwrap();
        tokens.push(body.token);
    }
    assert_ne!(tokens[0], tokens[1]);
    let view: shared::SurveyView = app.get_survey(&tokens[0]).await.json().await.unwrap();
    assert_eq!(view.survey.stage, shared::Stage::Court);
    assert_eq!(view.unit_code, "NE");
    let invitations = app.invitations().await;
    assert!(invitations.iter().all(|i| i.channel == "advocate"));

    let body = json!({"survey_version": 1, "answers": {"overall": {"kind": "scale", "value": 3}}});
    assert_eq!(app.post_response(&tokens[0], &body).await.status(), 201);
    assert_eq!(app.post_response(&tokens[0], &body).await.status(), 410);
    assert_eq!(app.responses().await[0].channel, "advocate");
}

async fn advocate_links_refuse_bad_input(app: TestApp) {
    let code = advocacy::create(&app.db, "Test service")
        .await
        .unwrap()
        .code;
    let unknown = app.client.get(app.url("/a/zzzzzzzz")).send().await.unwrap();
    assert_eq!(unknown.status(), 404);
    let unknown_api = app
        .client
        .get(app.url("/api/v1/advocate-links/zzzzzzzz"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown_api.status(), 404);
    let sessions = app.url(&format!("/api/v1/advocate-links/{code}/sessions"));
    for (body, field) in [
        (json!({"stage": "trial", "unit_code": "CE"}), "stage"),
        (json!({"stage": "court", "unit_code": "ZZ"}), "unit_code"),
        (json!({"stage": "court", "unit_code": ""}), "unit_code"),
        (json!({"stage": "court"}), "unit_code"),
    ] {
        let response = app.client.post(&sessions).json(&body).send().await.unwrap();
        assert_eq!(response.status(), 422, "{body}");
        let error: shared::ErrorBody = response.json().await.unwrap();
        assert!(
            error.fields.contains_key(field),
            "{body}: {:?}",
            error.fields
        );
    }
    assert!(app.invitations().await.is_empty());
}

async fn advocate_sessions_are_rate_limited(app: TestApp) {
    let code = advocacy::create(&app.db, "Test service")
        .await
        .unwrap()
        .code;
    let sessions = app.url(&format!("/api/v1/advocate-links/{code}/sessions"));
    let mut statuses = Vec::new();
    for _ in 0..15 {
        let response = app
            .client
            .post(&sessions)
            .json(&json!({"stage": "support", "unit_code": "WA"}))
            .send()
            .await
            .unwrap();
        statuses.push(response.status().as_u16());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        10,
        "{statuses:?}"
    );
    assert_eq!(statuses.last(), Some(&429));
    assert_eq!(app.invitations().await.len(), 10);
}

async fn the_qr_code_is_svg_of_the_link(app: TestApp) {
    let code = advocacy::create(&app.db, "Test service")
        .await
        .unwrap()
        .code;
    let response = app
        .client
        .get(app.url(&format!("/api/v1/advocate-links/{code}/qr.svg")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/svg+xml");
    let svg = response.text().await.unwrap();
    assert!(svg.contains("<svg") && svg.contains("<path"), "{svg}");
}

async fn published_actions_are_listed_for_the_unit_newest_first(app: TestApp) {
    let unit = units::find_by_code(&app.db, "SN").await.unwrap().unwrap();
    let empty: Vec<shared::PublishedAction> = app
        .client
        .get(app.url("/api/v1/units/SN/actions"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(empty.is_empty());
    actions::publish(
        &app.db,
        unit.id,
        "communication",
        "Not kept informed",
        "Monthly updates",
    )
    .await
    .unwrap();
    actions::publish(
        &app.db,
        unit.id,
        "court_process",
        "Dates not told",
        "Text reminders",
    )
    .await
    .unwrap();
    let listed: Vec<shared::PublishedAction> = app
        .client
        .get(app.url("/api/v1/units/SN/actions"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].theme, "court_process");
    let other: Vec<shared::PublishedAction> = app
        .client
        .get(app.url("/api/v1/units/CE/actions"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(other.is_empty());
    let unknown = app
        .client
        .get(app.url("/api/v1/units/ZZ/actions"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
}

db_tests!(
    each_visit_to_an_advocate_link_gets_its_own_single_use_session,
    advocate_links_refuse_bad_input,
    advocate_sessions_are_rate_limited,
    the_qr_code_is_svg_of_the_link,
    published_actions_are_listed_for_the_unit_newest_first,
);
