//! The demo data `serve --demo` loads: responses through the real storage path, demo staff
//! who can sign in and see figures, an advocate link and published actions; loaded once only.

use backend::services::demo;
use shared::{Figure, StaffRole};
use tests::{db_tests, TestApp};

async fn demo_data_fills_the_dashboards_once(app: TestApp) {
    let tagger = analysis::Tagger::default();
    assert_eq!(
        demo::load_if_empty(&app.db, &tagger).await.unwrap(),
        demo::DEMO_RESPONSES
    );
    assert_eq!(app.response_count().await, demo::DEMO_RESPONSES as u64);
    assert_eq!(
        demo::load_if_empty(&app.db, &tagger).await.unwrap(),
        0,
        "loaded once only"
    );

    let lead = app
        .sign_in(demo::DEMO_STAFF[1], demo::DEMO_STAFF_PASSWORD)
        .await;
    assert_eq!(lead.me.role, StaffRole::BcuLead);
    assert_eq!(lead.me.unit_code.as_deref(), Some("CE"));
    let dashboard: shared::UnitDashboard = lead
        .get("/api/v1/staff/units/CE/dashboard")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        matches!(dashboard.responses, Figure::Shown { value } if value >= 10),
        "the demo unit has enough responses to show: {:?}",
        dashboard.responses
    );
    let actions: Vec<shared::PublishedAction> = app
        .client
        .get(app.url("/api/v1/units/CE/actions"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(!actions.is_empty());
    for (email, role) in [
        (demo::DEMO_STAFF[0], StaffRole::Admin),
        (demo::DEMO_STAFF[2], StaffRole::Advocate),
        (demo::DEMO_STAFF[3], StaffRole::Analyst),
    ] {
        assert_eq!(
            app.sign_in(email, demo::DEMO_STAFF_PASSWORD).await.me.role,
            role
        );
    }
}

db_tests!(demo_data_fills_the_dashboards_once);
