//! Staff issuing invitations over HTTP (links, text messages, CSV batches) with the
//! safe-contact rule and field errors, and response rates shown through suppression.

use reqwest::Method;
use serde_json::json;
use shared::{Figure, StaffRole};
use tests::{db_tests, TestApp};

async fn a_staff_link_works_once_and_advocate_links_count_as_advocate(app: TestApp) {
    let admin = app.staff(StaffRole::Admin).await;
    let issued: shared::IssuedInvitation = admin
        .send(Method::POST, "/api/v1/staff/invitations")
        .json(&json!({"stage": "support", "unit_code": "EA", "channel": "link"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let shared::IssuedInvitation::Link { link, .. } = issued else {
        panic!("expected a link")
    };
    let token = link.rsplit('/').next().unwrap();
    assert!(link.starts_with(&app.base_url));
    assert_eq!(app.get_survey(token).await.status(), 200);

    let advocate = app.staff(StaffRole::Advocate).await;
    let response = advocate
        .send(Method::POST, "/api/v1/staff/invitations")
        .json(&json!({"stage": "court", "unit_code": "SW", "channel": "link"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let channels: Vec<String> = app
        .invitations()
        .await
        .into_iter()
        .map(|i| i.channel)
        .collect();
    assert_eq!(channels, vec!["link".to_string(), "advocate".to_string()]);
}

async fn text_messages_need_safe_contact_and_a_mobile_and_land_in_the_outbox(app: TestApp) {
    let lead = app.staff(StaffRole::BcuLead).await;
    for (body, field) in [
        (
            json!({"stage": "court", "unit_code": "CE", "channel": "sms", "phone": "07700 900123"}),
            "safe_contact_confirmed",
        ),
        (
            json!({"stage": "court", "unit_code": "CE", "channel": "sms", "phone": "020 7946 0958", "safe_contact_confirmed": true}),
            "phone",
        ),
        (
            json!({"stage": "court", "unit_code": "CE", "channel": "sms", "safe_contact_confirmed": true}),
            "phone",
        ),
        (
            json!({"stage": "court", "unit_code": "CE", "channel": "link", "phone": "07700 900123"}),
            "phone",
        ),
        (
            json!({"stage": "court", "unit_code": "QQ", "channel": "link"}),
            "unit_code",
        ),
    ] {
        let response = lead
            .send(Method::POST, "/api/v1/staff/invitations")
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 422, "{body}");
        let error: shared::ErrorBody = response.json().await.unwrap();
        assert!(
            error.fields.keys().any(|k| k.starts_with(field)),
            "{body}: {:?}",
            error.fields
        );
    }
    assert!(
        app.invitations().await.is_empty(),
        "nothing issued by a refused request"
    );

    let sent = lead
        .send(Method::POST, "/api/v1/staff/invitations")
        .json(&json!({"stage": "court", "unit_code": "CE", "channel": "sms", "phone": "07700 900123", "safe_contact_confirmed": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 201);
    let issued: shared::IssuedInvitation = sent.json().await.unwrap();
    assert!(matches!(
        issued,
        shared::IssuedInvitation::Sms { queued: true, .. }
    ));
    assert_eq!(app.invitations().await.len(), 1);
    assert_eq!(app.invitations().await[0].channel, "sms");

    let report: serde_json::Value = lead
        .send(Method::POST, "/api/v1/staff/invitations/batch")
        .json(
            &json!({"stage": "court", "unit_code": "CE", "safe_contact_confirmed": true,
                      "csv": "phone\n07700 900124\nnot a number\n07700 900125\n"}),
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(report["queued"], 2);
    assert_eq!(report["rejected"][0]["row"], 3);
    assert!(
        !report.to_string().contains("not a number"),
        "bad rows are not echoed"
    );
}

async fn response_rates_are_suppressed_and_scoped(app: TestApp) {
    let body = json!({"survey_version": 1, "answers": {"overall": {"kind": "scale", "value": 4}}});
    for index in 0..14 {
        let token = app.invite(shared::Stage::Reporting, "CE").await;
        if index < 11 {
            assert_eq!(app.post_response(&token, &body).await.status(), 201);
        }
    }
    for _ in 0..3 {
        app.invite(shared::Stage::Reporting, "CN").await;
    }
    let lead = app.staff(StaffRole::BcuLead).await;
    let rates: Vec<shared::ResponseRate> = lead
        .get("/api/v1/staff/units/CE/response-rates")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let reporting = rates
        .iter()
        .find(|r| r.stage == shared::Stage::Reporting && r.channel == shared::Channel::Link)
        .unwrap();
    assert_eq!(
        reporting.issued,
        Figure::Shown { value: 15 },
        "14 rounds to 15"
    );
    // 11 used and 3 unused: the 3 is hidden, so the 11 must be hidden too (secondary).
    assert_eq!(reporting.used, Figure::Suppressed);
    assert_eq!(reporting.rate, shared::Share::Suppressed);
    assert_eq!(
        lead.get("/api/v1/staff/units/CN/response-rates")
            .send()
            .await
            .unwrap()
            .status(),
        403
    );

    let analyst = app.staff(StaffRole::Analyst).await;
    let cn: Vec<shared::ResponseRate> = analyst
        .get("/api/v1/staff/units/CN/response-rates")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(cn.iter().all(|r| r.issued == Figure::Suppressed
        || r.issued == Figure::Shown { value: 0 }
        || matches!(r.issued, Figure::Suppressed)));
    assert!(cn
        .iter()
        .all(|r| !matches!(r.issued, Figure::Shown { value } if value > 0 && value < 10)));
}

db_tests!(
    a_staff_link_works_once_and_advocate_links_count_as_advocate,
    text_messages_need_safe_contact_and_a_mobile_and_land_in_the_outbox,
    response_rates_are_suppressed_and_scoped,
);
