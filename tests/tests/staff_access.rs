//! Staff sign-in, sessions, CSRF and roles, over real HTTP. Every staff endpoint is tried by
//! every role (and by nobody), including a BCU lead asking for another BCU's data.

use reqwest::Method;
use serde_json::{json, Value};
use shared::StaffRole;
use tests::{db_tests, StaffClient, TestApp};

/// One staff endpoint and what each role must get.
struct Case {
    method: Method,
    path: String,
    body: Option<Value>,
    allowed: Vec<StaffRole>,
}

/// `comments`: the id of one comment in CE and one in CN.
fn endpoint_cases(user_id: i32, comments: &(String, String)) -> Vec<Case> {
    use StaffRole::*;
    let all = vec![Admin, BcuLead, Advocate, Analyst];
    vec![
        Case {
            method: Method::GET,
            path: "/api/v1/staff/me".into(),
            body: None,
            allowed: all.clone(),
        },
        Case {
            method: Method::GET,
            path: "/api/v1/staff/units".into(),
            body: None,
            allowed: all.clone(),
        },
        Case {
            method: Method::GET,
            path: "/api/v1/staff/users".into(),
            body: None,
            allowed: vec![Admin],
        },
        Case {
            method: Method::POST,
            path: "/api/v1/staff/users".into(),
            body: Some(
                json!({"email": "new@example.org", "password": "a long enough password", "role": "analyst"}),
            ),
            allowed: vec![Admin],
        },
        Case {
            method: Method::PATCH,
            path: format!("/api/v1/staff/users/{user_id}"),
            body: Some(json!({"password": "another long password"})),
            allowed: vec![Admin],
        },
        Case {
            method: Method::POST,
            path: "/api/v1/staff/units".into(),
            body: Some(json!({"code": "ZZ", "name": "Test unit", "areas": ["Somewhere"]})),
            allowed: vec![Admin],
        },
        Case {
            method: Method::GET,
            path: "/api/v1/staff/audit".into(),
            body: None,
            allowed: vec![Admin],
        },
        Case {
            method: Method::GET,
            path: "/api/v1/staff/actions".into(),
            body: None,
            allowed: all.clone(),
        },
        Case {
            method: Method::POST,
            path: "/api/v1/staff/invitations".into(),
            body: Some(json!({"stage": "court", "unit_code": "CE", "channel": "link"})),
            allowed: vec![Admin, BcuLead, Advocate],
        },
        Case {
            method: Method::POST,
            path: "/api/v1/staff/invitations".into(),
            body: Some(json!({"stage": "court", "unit_code": "CN", "channel": "link"})),
            allowed: vec![Admin, Advocate],
        },
        Case {
            method: Method::POST,
            path: "/api/v1/staff/invitations/batch".into(),
            body: Some(
                json!({"stage": "court", "unit_code": "CE", "csv": "07700900123\n", "safe_contact_confirmed": true}),
            ),
            allowed: vec![Admin, BcuLead, Advocate],
        },
        Case {
            method: Method::GET,
            path: "/api/v1/staff/sms-outbox".into(),
            body: None,
            allowed: vec![Admin],
        },
        Case {
            method: Method::GET,
            path: "/api/v1/staff/units/CE/response-rates".into(),
            body: None,
            allowed: all.clone(),
        },
        Case {
            method: Method::GET,
            path: "/api/v1/staff/units/CN/response-rates".into(),
            body: None,
            allowed: vec![Admin, Advocate, Analyst],
        },
        Case {
            method: Method::GET,
            path: "/api/v1/staff/response-rates".into(),
            body: None,
            allowed: vec![Admin, Advocate, Analyst],
        },
        Case {
            method: Method::POST,
            path: "/api/v1/staff/units/CE/actions".into(),
            body: Some(
                json!({"theme": "communication", "you_said": "Not kept informed", "we_did": "Monthly updates"}),
            ),
            allowed: vec![Admin, BcuLead],
        },
        Case {
            method: Method::GET,
            path: "/api/v1/staff/units/CE/dashboard".into(),
            body: None,
            allowed: all.clone(),
        },
        Case {
            method: Method::GET,
            path: "/api/v1/staff/units/CN/dashboard?stage=court".into(),
            body: None,
            allowed: vec![Admin, Advocate, Analyst],
        },
        Case {
            method: Method::GET,
            path: "/api/v1/staff/units/CE/comments?theme=communication&stage=court".into(),
            body: None,
            allowed: all.clone(),
        },
        Case {
            method: Method::GET,
            path: "/api/v1/staff/units/CN/comments?theme=communication&stage=court".into(),
            body: None,
            allowed: vec![Admin, Advocate, Analyst],
        },
        Case {
            method: Method::GET,
            path: "/api/v1/staff/units/CE/export/csv".into(),
            body: None,
            allowed: all.clone(),
        },
        Case {
            method: Method::GET,
            path: "/api/v1/staff/units/CN/export/json".into(),
            body: None,
            allowed: vec![Admin, Advocate, Analyst],
        },
        Case {
            method: Method::GET,
            path: "/api/v1/staff/advocate/dashboard".into(),
            body: None,
            allowed: vec![Admin, Advocate, Analyst],
        },
        Case {
            method: Method::GET,
            path: "/api/v1/staff/advocate/export/csv".into(),
            body: None,
            allowed: vec![Admin, Advocate, Analyst],
        },
        Case {
            method: Method::POST,
            path: "/api/v1/staff/units/CN/actions".into(),
            body: Some(
                json!({"theme": "communication", "you_said": "Not kept informed", "we_did": "Monthly updates"}),
            ),
            allowed: vec![Admin],
        },
        // Theme corrections: BCU lead (own unit only), analyst, admin; never an advocate.
        Case {
            method: Method::PUT,
            path: format!("/api/v1/staff/comments/{}/themes", comments.0),
            body: Some(json!({"themes": [{"theme": "communication", "polarity": "negative"}]})),
            allowed: vec![Admin, BcuLead, Analyst],
        },
        Case {
            method: Method::PUT,
            path: format!("/api/v1/staff/comments/{}/themes", comments.1),
            body: Some(json!({"themes": [{"theme": "communication", "polarity": "negative"}]})),
            allowed: vec![Admin, Analyst],
        },
    ]
}

/// One victim comment in CE and one in CN, through the survey API: (CE id, CN id).
async fn one_comment_per_unit(app: &TestApp) -> (String, String) {
    let mut ids = Vec::new();
    for code in ["CE", "CN"] {
        let token = app.invite(shared::Stage::Court, code).await;
        let body = json!({"survey_version": 1, "answers": {
            "one_thing": {"kind": "text", "value": "Nobody kept me informed"}
        }});
        assert_eq!(app.post_response(&token, &body).await.status(), 201);
        let unit = backend::services::units::find_by_code(&app.db, code)
            .await
            .unwrap()
            .unwrap();
        let comment = app
            .comments()
            .await
            .into_iter()
            .find(|c| c.unit_id == unit.id)
            .expect("the comment is stored");
        ids.push(comment.id);
    }
    (ids[0].clone(), ids[1].clone())
}

async fn send(client: &StaffClient, case: &Case) -> reqwest::Response {
    let mut request = client.send(case.method.clone(), &case.path);
    if let Some(body) = &case.body {
        request = request.json(body);
    }
    request.send().await.unwrap()
}

async fn every_staff_endpoint_enforces_every_role(app: TestApp) {
    let target = app
        .create_staff("target@example.org", StaffRole::Analyst, None, None)
        .await;
    let _ = target;
    let target_id = backend::services::auth::list_users(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.email == "target@example.org")
        .unwrap()
        .id;
    let comments = one_comment_per_unit(&app).await;
    for role in StaffRole::ALL {
        let client = app.staff(role).await;
        for case in endpoint_cases(target_id, &comments) {
            let status = send(&client, &case).await.status().as_u16();
            if case.allowed.contains(&role) {
                assert!(
                    (200..300).contains(&status),
                    "{role} {} {} got {status}",
                    case.method,
                    case.path
                );
            } else {
                assert_eq!(status, 403, "{role} {} {}", case.method, case.path);
            }
        }
        // Clean up what an allowed POST created, so the next role's POST is not a duplicate.
        use sea_orm::ConnectionTrait;
        app.db
            .execute_unprepared("DELETE FROM staff_users WHERE email = 'new@example.org'")
            .await
            .unwrap();
        app.db
            .execute_unprepared("DELETE FROM units WHERE code = 'ZZ'")
            .await
            .unwrap();
    }
    // Nobody signed in: every staff endpoint answers 401.
    for case in endpoint_cases(target_id, &comments) {
        let mut request = app.client.request(case.method.clone(), app.url(&case.path));
        if let Some(body) = &case.body {
            request = request.json(body);
        }
        assert_eq!(
            request.send().await.unwrap().status(),
            401,
            "{} {}",
            case.method,
            case.path
        );
    }
}

async fn state_changes_need_the_csrf_token(app: TestApp) {
    let admin = app.staff(StaffRole::Admin).await;
    let without = admin
        .client
        .post(app.url("/api/v1/staff/units"))
        .header("cookie", &admin.cookie)
        .json(&json!({"code": "ZZ", "name": "Test", "areas": []}))
        .send()
        .await
        .unwrap();
    assert_eq!(without.status(), 403);
    let body: shared::ErrorBody = without.json().await.unwrap();
    assert_eq!(body.code, "csrf_rejected");
    let wrong = admin
        .client
        .post(app.url("/api/v1/staff/units"))
        .header("cookie", &admin.cookie)
        .header("x-csrf-token", "AAAAAAAAAAAAAAAAAAAAAA")
        .json(&json!({"code": "ZZ", "name": "Test", "areas": []}))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 403);
    assert!(backend::services::units::find_by_code(&app.db, "ZZ")
        .await
        .unwrap()
        .is_none());
}

async fn sessions_are_http_only_strict_and_end(app: TestApp) {
    let password = app
        .create_staff("lead@example.org", StaffRole::BcuLead, Some("CE"), None)
        .await;
    let response = app.sign_in_response("lead@example.org", &password).await;
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let lead = app.sign_in("lead@example.org", &password).await;
    assert_eq!(
        lead.get("/api/v1/staff/me").send().await.unwrap().status(),
        200
    );

    // A request keeps a session alive: one last seen 20 minutes ago is moved on by a request,
    // so 20 minutes more (40 since the first) stay inside the 30-minute idle timeout. One
    // seen less than a minute ago is left as it is (no write per request).
    use sea_orm::ConnectionTrait;
    let last_seen = || async {
        app.db
            .query_one_raw(sea_orm::Statement::from_string(
                app.db.get_database_backend(),
                "SELECT MAX(last_seen_at) AS t FROM staff_sessions WHERE user_id = \
                 (SELECT id FROM staff_users WHERE email = 'lead@example.org')",
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get::<i64>("", "t")
            .unwrap()
    };
    for _ in 0..2 {
        app.db
            .execute_unprepared("UPDATE staff_sessions SET last_seen_at = last_seen_at - 1200")
            .await
            .unwrap();
        assert_eq!(
            lead.get("/api/v1/staff/me").send().await.unwrap().status(),
            200
        );
    }
    let touched = last_seen().await;
    app.db
        .execute_unprepared("UPDATE staff_sessions SET last_seen_at = last_seen_at - 30")
        .await
        .unwrap();
    assert_eq!(
        lead.get("/api/v1/staff/me").send().await.unwrap().status(),
        200
    );
    assert_eq!(
        last_seen().await,
        touched - 30,
        "not written again within a minute"
    );

    // Idle expiry: a session not used for longer than the idle timeout is gone.
    app.db
        .execute_unprepared("UPDATE staff_sessions SET last_seen_at = last_seen_at - 7200")
        .await
        .unwrap();
    assert_eq!(
        lead.get("/api/v1/staff/me").send().await.unwrap().status(),
        401
    );

    // Absolute expiry, even when in use.
    let lead = app.sign_in("lead@example.org", &password).await;
    app.db
        .execute_unprepared("UPDATE staff_sessions SET created_at = created_at - 90000")
        .await
        .unwrap();
    assert_eq!(
        lead.get("/api/v1/staff/me").send().await.unwrap().status(),
        401
    );

    // Logout ends the session.
    let lead = app.sign_in("lead@example.org", &password).await;
    let out = lead
        .send(Method::DELETE, "/api/v1/staff/session")
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    assert_eq!(
        lead.get("/api/v1/staff/me").send().await.unwrap().status(),
        401
    );
}

async fn repeated_wrong_passwords_lock_the_account(app: TestApp) {
    let password = app
        .create_staff("analyst@example.org", StaffRole::Analyst, None, None)
        .await;
    for _ in 0..5 {
        let response = app
            .sign_in_response("analyst@example.org", "wrong password!")
            .await;
        assert_eq!(response.status(), 401);
    }
    let locked = app.sign_in_response("analyst@example.org", &password).await;
    assert_eq!(locked.status(), 401, "locked even with the right password");
    let unknown = app.sign_in_response("nobody@example.org", "whatever").await;
    let body: shared::ErrorBody = unknown.json().await.unwrap();
    assert_eq!(
        body.code, "login_failed",
        "same answer for an unknown email"
    );
}

async fn sign_in_attempts_are_rate_limited(app: TestApp) {
    let mut statuses = Vec::new();
    for _ in 0..12 {
        statuses.push(
            app.sign_in_response("someone@example.org", "wrong")
                .await
                .status()
                .as_u16(),
        );
    }
    assert!(statuses.contains(&429), "{statuses:?}");
}

async fn staff_input_is_validated_field_by_field(app: TestApp) {
    let admin = app.staff(StaffRole::Admin).await;
    for (body, field) in [
        (
            json!({"email": "not-an-email", "password": "a long enough password", "role": "analyst"}),
            "email",
        ),
        (
            json!({"email": "a@example.org", "password": "short", "role": "analyst"}),
            "password",
        ),
        (
            json!({"email": "a@example.org", "password": "a long enough password", "role": "chief"}),
            "role",
        ),
        (
            json!({"email": "a@example.org", "password": "a long enough password", "role": "bcu_lead"}),
            "unit_code",
        ),
        (
            json!({"email": "a@example.org", "password": "a long enough password", "role": "bcu_lead", "unit_code": "QQ"}),
            "unit_code",
        ),
        (
            json!({"email": "a@example.org", "password": "a long enough password", "role": "advocate"}),
            "advocacy_code",
        ),
    ] {
        let response = admin
            .send(Method::POST, "/api/v1/staff/users")
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 422, "{body}");
        let error: shared::ErrorBody = response.json().await.unwrap();
        assert!(
            error.fields.contains_key(field),
            "{body}: {:?}",
            error.fields
        );
    }
    let lead = app.staff(StaffRole::BcuLead).await;
    let bad_theme = lead
        .send(Method::POST, "/api/v1/staff/units/CE/actions")
        .json(&json!({"theme": "weather", "you_said": "x", "we_did": "y"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad_theme.status(), 422);
}

async fn admins_read_an_audit_log_of_staff_activity(app: TestApp) {
    let admin = app.staff(StaffRole::Admin).await;
    let lead = app.staff(StaffRole::BcuLead).await;
    lead.send(Method::POST, "/api/v1/staff/units/CE/actions")
        .json(&json!({"theme": "communication", "you_said": "Not kept informed", "we_did": "Monthly updates"}))
        .send()
        .await
        .unwrap();
    let log: Vec<shared::AuditEntryView> = admin
        .get("/api/v1/staff/audit")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(log.iter().any(|e| e.email == "bcu_lead@example.org"
        && e.action == "publish_action"
        && e.target == "CE:communication"));
    assert!(log
        .iter()
        .any(|e| e.email == "admin@example.org" && e.action == "sign_in"));
}

/// A BCU lead cannot reach another unit through a filter, a lower-case code or a bad format.
async fn a_bcu_lead_cannot_reach_another_unit_by_any_route(app: TestApp) {
    let lead = app.staff(StaffRole::BcuLead).await;
    for path in [
        "/api/v1/staff/units/CE/dashboard?unit=CN",
        "/api/v1/staff/units/CE/dashboard?unit_id=2",
        "/api/v1/staff/units/CE/export/csv?unit=CN",
    ] {
        let status = lead.get(path).send().await.unwrap().status();
        assert_eq!(status, 422, "{path}");
    }
    for path in [
        "/api/v1/staff/units/cn/dashboard",
        "/api/v1/staff/units/NW/comments?theme=communication&stage=cps",
    ] {
        let status = lead.get(path).send().await.unwrap().status().as_u16();
        assert!(status == 403 || status == 404, "{path}: {status}");
    }
    let own: shared::UnitDashboard = lead
        .get("/api/v1/staff/units/CE/dashboard")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(own.unit_code, "CE");
    let bad_format = lead
        .get("/api/v1/staff/units/CE/export/xlsx")
        .send()
        .await
        .unwrap();
    assert_eq!(bad_format.status(), 422);
    let bad_month = lead
        .get("/api/v1/staff/units/CE/dashboard?from=2026-13")
        .send()
        .await
        .unwrap();
    assert_eq!(bad_month.status(), 422);
}

async fn staff_pages_are_served_without_trace_headers(app: TestApp) {
    for path in ["/staff", "/staff/", "/staff/units/CE", "/staff/admin/audit"] {
        let page = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(page.status(), 200, "{path}");
        assert_eq!(page.headers()["cache-control"], "no-store");
        assert!(page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
    }
    let missing = app
        .client
        .get(app.url("/staff/no-such-file.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
}

/// A published action reaches the unit's staff list, the cross-unit list and the thank-you
/// page API; a BCU lead's list holds only their own unit's actions.
async fn a_published_action_appears_everywhere_it_should(app: TestApp) {
    let lead = app.staff(StaffRole::BcuLead).await;
    let published = lead
        .send(Method::POST, "/api/v1/staff/units/CE/actions")
        .json(&json!({"theme": "court_process", "you_said": "Dates were not told", "we_did": "Text reminders"}))
        .send()
        .await
        .unwrap();
    assert_eq!(published.status(), 201);
    let other = backend::services::units::find_by_code(&app.db, "NW")
        .await
        .unwrap()
        .unwrap();
    backend::services::actions::publish(&app.db, other.id, "communication", "a", "b")
        .await
        .unwrap();

    let own: Vec<shared::UnitAction> = lead
        .get("/api/v1/staff/actions")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(own.len(), 1);
    assert_eq!(own[0].unit_code, "CE");
    let advocate = app.staff(StaffRole::Advocate).await;
    let all: Vec<shared::UnitAction> = advocate
        .get("/api/v1/staff/actions")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
    let victim_page: Vec<shared::PublishedAction> = app
        .client
        .get(app.url("/api/v1/units/CE/actions"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(victim_page[0].we_did, "Text reminders");
}

db_tests!(
    a_published_action_appears_everywhere_it_should,
    staff_pages_are_served_without_trace_headers,
    a_bcu_lead_cannot_reach_another_unit_by_any_route,
    every_staff_endpoint_enforces_every_role,
    state_changes_need_the_csrf_token,
    sessions_are_http_only_strict_and_end,
    repeated_wrong_passwords_lock_the_account,
    sign_in_attempts_are_rate_limited,
    staff_input_is_validated_field_by_field,
    admins_read_an_audit_log_of_staff_activity,
);
