//! Playing the attacker against the staff statistics core. A realistic data set where one
//! unit x stage x month cell (CE, court) has 3 responses and another (CE, investigation) has
//! 12; dashboards fetched through the service functions for every filter combination; every
//! figure checked against the suppression rules; hidden cells attacked by differencing and by
//! an exact search over everything the views reveal.

use backend::services::dashboard::{self, advocate_csv, unit_csv};
use backend::services::responses::{self, NewResponse};
use backend::services::suppression::Thresholds;
use backend::storage::entities::{comment, comment_theme, response};
use backend::week::week_label;
use sea_orm::EntityTrait;
use shared::{
    AdvocateDashboard, AnswerValue, Channel, DashboardFilters, Figure, Stage, UnitDashboard,
    YesNoNotSure,
};
use std::collections::{BTreeMap, BTreeSet};
use tests::{db_tests, spawn_app, TestApp};

/// Months of data: index 0 is seven months before the current one, index 6 the latest
/// complete month.
const MONTHS: usize = 7;
const TARGET_MONTH: usize = 2;
const CE_COURT: [i64; MONTHS] = [25, 18, 3, 30, 22, 16, 20];
const CE_INVESTIGATION: [i64; MONTHS] = [15, 14, 20, 12, 17, 15, 14];
const CE_REPORTING: [i64; MONTHS] = [20; MONTHS];
const CHANNELS: [Channel; 3] = [Channel::Sms, Channel::Advocate, Channel::Link];

fn month_date(k: usize, day: u8) -> time::Date {
    let today = time::OffsetDateTime::now_utc().date();
    let index = today.year() * 12 + today.month() as i32 - 1 - (MONTHS as i32 - k as i32);
    let month = time::Month::try_from((index.rem_euclid(12) + 1) as u8).unwrap();
    time::Date::from_calendar_date(index.div_euclid(12), month, day).unwrap()
}

fn month_text(k: usize) -> String {
    let d = month_date(k, 1);
    format!("{:04}-{:02}", d.year(), d.month() as u8)
}

/// Stores `count` responses for a unit, stage and month; `text(i)` gives the i-th one's free
/// text, if any. Answers vary with `i` so shares are neither 0 nor 1.
async fn load_cell(
    app: &TestApp,
    unit: i32,
    stage: Stage,
    k: usize,
    count: i64,
    text: impl Fn(i64) -> Option<&'static str>,
) {
    let tagger = analysis::Tagger::default();
    for i in 0..count {
        let mut answers = BTreeMap::from([
            ("overall".to_string(), AnswerValue::Scale((i % 5 + 1) as u8)),
            (
                "kept_informed".to_string(),
                AnswerValue::Scale(((i * 3) % 5 + 1) as u8),
            ),
            ("dignity".to_string(), AnswerValue::Scale(4)),
        ]);
        if stage == Stage::Court {
            let yes = if i % 2 == 0 {
                YesNoNotSure::Yes
            } else {
                YesNoNotSure::No
            };
            answers.insert("dates_in_time".to_string(), AnswerValue::YesNo(yes));
        }
        if let Some(body) = text(i) {
            answers.insert("one_thing".to_string(), AnswerValue::Text(body.to_string()));
        }
        let new = NewResponse {
            stage,
            unit_id: unit,
            channel: CHANNELS[(i % 3) as usize],
            survey_version: 1,
            week: week_label(month_date(k, 8 + (i % 20) as u8)),
            answers,
        };
        responses::store(&app.db, &tagger, &new).await.unwrap();
    }
}

const NO_UPDATES: &str = "I got no updates at all about my case";
const ADJOURNED: &str = "The hearing was adjourned twice and nobody told me";
const THANKS: &str = "Thank you, the advocate was brilliant";

/// The realistic data set. `target` is the CE court count in the target month (3 in the real
/// data set; an attacker's candidate in the twin). The extra responses of a candidate carry no
/// answers, so only the response count differs.
async fn load(app: &TestApp, target: i64) {
    let ce = app.unit_id("CE").await;
    let cn = app.unit_id("CN").await;
    let nw = app.unit_id("NW").await;
    for k in 0..MONTHS {
        let court = if k == TARGET_MONTH { 3 } else { CE_COURT[k] };
        load_cell(app, ce, Stage::Court, k, court, |i| match i % 3 {
            0 => Some(NO_UPDATES),
            1 => Some(ADJOURNED),
            _ => None,
        })
        .await;
        load_cell(app, ce, Stage::Investigation, k, CE_INVESTIGATION[k], |i| {
            (i % 2 == 0).then_some(NO_UPDATES)
        })
        .await;
        load_cell(app, ce, Stage::Reporting, k, CE_REPORTING[k], |i| {
            (i % 10 == 0).then_some(THANKS)
        })
        .await;
        // CN: steady communication complaints (12 of 30 every month): no alert.
        load_cell(app, cn, Stage::Reporting, k, 30, |i| {
            (i < 12).then_some(NO_UPDATES)
        })
        .await;
        // NW: 2 of 20 a month, then 16 of 20 in the latest complete month: an alert.
        let complaints = if k == MONTHS - 1 { 16 } else { 2 };
        load_cell(app, nw, Stage::Reporting, k, 20, move |i| {
            (i < complaints).then_some(NO_UPDATES)
        })
        .await;
    }
    for i in 0..(target - 3) {
        let new = NewResponse {
            stage: Stage::Court,
            unit_id: ce,
            channel: CHANNELS[(i % 3) as usize],
            survey_version: 1,
            week: week_label(month_date(TARGET_MONTH, 8)),
            answers: BTreeMap::new(),
        };
        responses::store(&app.db, &analysis::Tagger::default(), &new)
            .await
            .unwrap();
    }
    // As the dashboard routes do before they read (through the writer).
    app.fold_rollups().await;
}

/// Every filter an attacker can send: stage (or none) x channel (or none) x every period
/// inside the loaded months.
fn all_filters() -> Vec<DashboardFilters> {
    let stages: Vec<Option<Stage>> = std::iter::once(None)
        .chain(Stage::ALL.into_iter().map(Some))
        .collect();
    let channels: Vec<Option<Channel>> = std::iter::once(None)
        .chain(CHANNELS.into_iter().map(Some))
        .collect();
    let mut filters = Vec::new();
    for stage in &stages {
        for channel in &channels {
            for a in 0..MONTHS {
                for b in a..MONTHS {
                    filters.push(DashboardFilters {
                        stage: *stage,
                        channel: *channel,
                        from: Some(month_text(a)),
                        to: Some(month_text(b)),
                    });
                }
            }
        }
    }
    filters
}

/// Filters without a channel (themes and the advocate view do not depend on it).
fn advocate_filters() -> Vec<DashboardFilters> {
    all_filters()
        .into_iter()
        .filter(|f| f.channel.is_none())
        .collect()
}

struct Views {
    unit: Vec<(DashboardFilters, UnitDashboard)>,
    advocate: Vec<(DashboardFilters, AdvocateDashboard)>,
}

async fn fetch_views(app: &TestApp, code: &str) -> Views {
    let th = Thresholds::default();
    let unit = app.unit_id(code).await;
    let mut views = Views {
        unit: Vec::new(),
        advocate: Vec::new(),
    };
    for filters in all_filters() {
        let d = dashboard::unit_dashboard(&app.db, unit, &filters, &th, None)
            .await
            .unwrap();
        views.unit.push((filters, d));
    }
    for filters in advocate_filters() {
        let d = dashboard::advocate_dashboard(&app.db, &filters, &th, None)
            .await
            .unwrap();
        views.advocate.push((filters, d));
    }
    views
}

/// Every count in a JSON document must be shown at >= 10 and a multiple of 5, or hidden.
fn check_figures(value: &serde_json::Value, path: &str) {
    match value {
        serde_json::Value::Object(map) => {
            if map.get("status").and_then(|s| s.as_str()) == Some("shown")
                && !map.contains_key("low")
            {
                let v = map["value"].as_i64().expect("a shown count is an integer");
                assert!(v >= 10 && v % 5 == 0, "{path}: shown count {v}");
            }
            if let Some(observed) = map.get("observed") {
                let v = observed.as_i64().unwrap();
                assert!(v >= 10 && v % 5 == 0, "{path}: alert shows {v}");
            }
            for (key, inner) in map {
                check_figures(inner, &format!("{path}.{key}"));
            }
        }
        serde_json::Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                check_figures(inner, &format!("{path}[{i}]"));
            }
        }
        _ => {}
    }
}

/// Observations of one series (CE court responses, all channels) from every view whose figure
/// is a sum over a range of its months: (first, last, shown value or hidden).
fn court_observations(views: &Views) -> Vec<(usize, usize, Option<i64>)> {
    let index = |m: &str| (0..MONTHS).find(|&k| month_text(k) == m).unwrap();
    let mut seen = BTreeSet::new();
    for (filters, d) in &views.unit {
        if filters.channel.is_some() {
            continue;
        }
        let a = index(filters.from.as_deref().unwrap());
        let b = index(filters.to.as_deref().unwrap());
        for stage in d.stages.iter().filter(|s| s.stage == Stage::Court) {
            seen.insert((a, b, stage.responses.value()));
            for point in &stage.trend {
                let k = index(&point.month);
                seen.insert((k, k, point.figure.value()));
            }
        }
        if filters.stage == Some(Stage::Court) {
            seen.insert((a, b, d.responses.value()));
        }
    }
    seen.into_iter().collect()
}

/// The exact attacker for the court series, knowing the mechanism (each month rounded to 5
/// once, periods summed from those, shown only when both the exact and rounded sums are at
/// least 10): every assignment of monthly counts consistent with every shown figure is found,
/// and the values the target month takes across them are returned. A hidden figure may be
/// hidden by secondary suppression, so it only says "below 10" for a month hidden in every
/// view.
fn exact_attack(observations: &[(usize, usize, Option<i64>)]) -> BTreeSet<i64> {
    let round = |x: i64| (x + 2) / 5 * 5;
    let shown: Vec<(usize, usize, i64)> = observations
        .iter()
        .filter_map(|&(a, b, v)| v.map(|v| (a, b, v)))
        .collect();
    // Monthly rounded values follow from differencing shown ranges.
    let mut rounded: Vec<Option<i64>> = vec![None; MONTHS];
    for &(a, b, v) in &shown {
        if a == b {
            rounded[a] = Some(v);
        }
        for &(c, d, w) in &shown {
            if c == a && d + 1 == b {
                rounded[b] = Some(v - w);
            }
            if d == b && c == a + 1 {
                rounded[a] = Some(v - w);
            }
        }
    }
    let candidates: Vec<Vec<i64>> = (0..MONTHS)
        .map(|k| {
            let never_shown = !shown.iter().any(|&(a, b, _)| a == k && b == k);
            (0..=60)
                .filter(|&x| !never_shown || x < 10)
                .filter(|&x| rounded[k].is_none_or(|r| round(x) == r))
                .collect()
        })
        .collect();
    for (k, c) in candidates.iter().enumerate() {
        assert!(c.len() <= 10, "month {k} has {} candidates", c.len());
    }
    fn search(
        k: usize,
        candidates: &[Vec<i64>],
        assignment: &mut Vec<i64>,
        shown: &[(usize, usize, i64)],
        feasible: &mut BTreeSet<i64>,
    ) {
        if k == candidates.len() {
            let round = |x: i64| (x + 2) / 5 * 5;
            let consistent = shown.iter().all(|&(a, b, v)| {
                let exact: i64 = assignment[a..=b].iter().sum();
                let value: i64 = assignment[a..=b].iter().map(|&x| round(x)).sum();
                exact >= 10 && value == v
            });
            if consistent {
                feasible.insert(assignment[TARGET_MONTH]);
            }
            return;
        }
        for &x in &candidates[k] {
            assignment[k] = x;
            search(k + 1, candidates, assignment, shown, feasible);
        }
    }
    let mut feasible = BTreeSet::new();
    let mut assignment = vec![0i64; MONTHS];
    search(0, &candidates, &mut assignment, &shown, &mut feasible);
    feasible
}

async fn the_attacker_cannot_recover_hidden_cells(app: TestApp) {
    load(&app, 3).await;
    let views = fetch_views(&app, "CE").await;

    // 1. Nothing shown anywhere is small or unrounded, in any view or export.
    let th = Thresholds::default();
    let ce = app.unit_id("CE").await;
    for (filters, d) in &views.unit {
        check_figures(&serde_json::to_value(d).unwrap(), "unit");
        let export = dashboard::export_unit(&app.db, ce, filters, &th, None)
            .await
            .unwrap();
        check_figures(&serde_json::from_str(&export.json).unwrap(), "unit export");
        for line in export.csv.lines().skip(1) {
            let fields: Vec<&str> = line.split(',').collect();
            if fields[7] == "shown" && fields[9].is_empty() {
                let v: i64 = fields[8].parse().unwrap();
                assert!(v >= 10 && v % 5 == 0, "csv {line}");
            }
        }
    }
    for (_, d) in &views.advocate {
        check_figures(&serde_json::to_value(d).unwrap(), "advocate");
    }

    // 2. The 3-response cell is hidden in every trend; the 12-response cell shows as 10.
    let target = month_text(TARGET_MONTH);
    for (_, d) in &views.unit {
        for stage in &d.stages {
            for point in &stage.trend {
                if stage.stage == Stage::Court && point.month == target {
                    assert_eq!(point.figure, Figure::Suppressed);
                }
                if stage.stage == Stage::Investigation
                    && point.month == month_text(3)
                    && d.filters.channel.is_none()
                {
                    assert_eq!(point.figure, Figure::Shown { value: 10 });
                }
            }
        }
    }

    // 3. Differencing: within any one view, a hidden cell never stands alone in a group whose
    //    total is shown (so subtracting shown cells from a shown total never isolates it).
    for (_, d) in &views.unit {
        let mut groups: Vec<(Figure, Vec<Figure>)> =
            vec![(d.responses, d.stages.iter().map(|s| s.responses).collect())];
        for s in &d.stages {
            groups.push((s.responses, s.trend.iter().map(|p| p.figure).collect()));
        }
        for t in &d.themes {
            groups.push((t.count, t.trend.iter().map(|p| p.figure).collect()));
            groups.push((t.count, vec![t.negative, t.positive, t.neutral]));
        }
        for (total, members) in groups {
            if total.is_shown() {
                let hidden = members.iter().filter(|f| !f.is_shown()).count();
                assert!(hidden != 1, "one hidden cell beside a shown total");
            }
        }
    }
    for (_, d) in &views.advocate {
        for row in &d.table {
            if row.total.is_shown() {
                let hidden = row.months.iter().filter(|p| !p.figure.is_shown()).count();
                assert!(hidden != 1, "one hidden month beside a shown total");
            }
        }
    }

    // 4. Differencing across views: a period that includes the target month minus the same
    //    period without it gives a multiple of 5, never the count itself.
    let observations = court_observations(&views);
    for &(a, b, v) in &observations {
        for &(c, d, w) in &observations {
            if let (Some(v), Some(w)) = (v, w) {
                if (c == a && d + 1 == b && b == TARGET_MONTH)
                    || (d == b && c == a + 1 && a == TARGET_MONTH)
                {
                    assert_ne!(v - w, 3, "differencing recovered the hidden count");
                    assert_eq!((v - w) % 5, 0);
                }
            }
        }
    }

    // 5. The exact attacker: every monthly assignment consistent with all those views. The
    //    hidden month keeps several possible values, the true one among them.
    let feasible = exact_attack(&observations);
    assert!(feasible.contains(&3), "{feasible:?}");
    assert!(
        feasible.len() >= 2,
        "the attacker pinned the hidden cell: {feasible:?}"
    );

    // 6. The twin: a second database where that cell holds 6, not 3. Every view of every
    //    filter is identical, so no attack on the views can tell 3 from 6.
    let twin = spawn_app(app.backend).await.expect("second app");
    load(&twin, 6).await;
    let twin_views = fetch_views(&twin, "CE").await;
    assert_eq!(views.unit.len(), twin_views.unit.len());
    for ((filters, a), (_, b)) in views.unit.iter().zip(&twin_views.unit) {
        assert_eq!(a, b, "unit view differs for {filters:?}");
    }
    for ((filters, a), (_, b)) in views.advocate.iter().zip(&twin_views.advocate) {
        assert_eq!(a, b, "advocate view differs for {filters:?}");
    }
}

async fn exports_equal_the_dashboards(app: TestApp) {
    load(&app, 3).await;
    let th = Thresholds::default();
    let ce = app.unit_id("CE").await;
    for filters in [
        DashboardFilters {
            from: Some(month_text(0)),
            to: Some(month_text(MONTHS - 1)),
            ..Default::default()
        },
        DashboardFilters {
            stage: Some(Stage::Court),
            channel: Some(Channel::Sms),
            from: Some(month_text(1)),
            to: Some(month_text(4)),
        },
    ] {
        let d = dashboard::unit_dashboard(&app.db, ce, &filters, &th, None)
            .await
            .unwrap();
        let export = dashboard::export_unit(&app.db, ce, &filters, &th, None)
            .await
            .unwrap();
        // Byte for byte (floats compared as text: a JSON round trip may move the last digit).
        assert_eq!(export.json, serde_json::to_string_pretty(&d).unwrap());
        let from_json: UnitDashboard = serde_json::from_str(&export.json).unwrap();
        assert_eq!(from_json.stages.len(), d.stages.len());
        assert_eq!(export.csv, unit_csv(&d));
        // The CSV carries each stage's response figure exactly as the dashboard does.
        for stage in &d.stages {
            let line = export
                .csv
                .lines()
                .find(|l| l.starts_with(&format!("stage,CE,{},", stage.stage)))
                .unwrap();
            let value = line.split(',').nth(8).unwrap();
            match stage.responses {
                Figure::Shown { value: v } => assert_eq!(value, v.to_string()),
                Figure::Suppressed => assert!(line.contains(",suppressed,,")),
            }
        }
        let a = dashboard::advocate_dashboard(&app.db, &filters, &th, None)
            .await
            .unwrap();
        let export = dashboard::export_advocate(&app.db, &filters, &th, None)
            .await
            .unwrap();
        assert_eq!(export.json, serde_json::to_string_pretty(&a).unwrap());
        let from_json: AdvocateDashboard = serde_json::from_str(&export.json).unwrap();
        assert_eq!(from_json.table, a.table);
        assert_eq!(export.csv, advocate_csv(&a));
    }
}

async fn dashboards_read_only_rollups(app: TestApp) {
    load(&app, 3).await;
    let th = Thresholds::default();
    let ce = app.unit_id("CE").await;
    let filters = DashboardFilters {
        from: Some(month_text(0)),
        to: Some(month_text(MONTHS - 1)),
        ..Default::default()
    };
    let unit_before = dashboard::unit_dashboard(&app.db, ce, &filters, &th, None)
        .await
        .unwrap();
    let advocate_before = dashboard::advocate_dashboard(&app.db, &filters, &th, None)
        .await
        .unwrap();
    assert!(unit_before.responses.is_shown());
    comment_theme::Entity::delete_many()
        .exec(&app.db)
        .await
        .unwrap();
    comment::Entity::delete_many().exec(&app.db).await.unwrap();
    response::Entity::delete_many().exec(&app.db).await.unwrap();
    assert_eq!(app.response_count().await, 0);
    assert_eq!(
        dashboard::unit_dashboard(&app.db, ce, &filters, &th, None)
            .await
            .unwrap(),
        unit_before
    );
    assert_eq!(
        dashboard::advocate_dashboard(&app.db, &filters, &th, None)
            .await
            .unwrap(),
        advocate_before
    );
}

/// Every question share a unit dashboard shows, for the unit and for all units together,
/// equals the one computed from the raw responses (answers counted again, then rounded per
/// month and suppressed as the dashboard does): the all-units figures come from their own
/// rollup, so this checks it against the responses.
async fn question_shares_equal_a_recount_from_responses(app: TestApp) {
    use backend::services::suppression::{self, Cell};
    load(&app, 3).await;
    let th = Thresholds::default();
    let ce = app.unit_id("CE").await;
    let months: Vec<String> = (0..MONTHS).map(month_text).collect();
    let filters = DashboardFilters {
        from: Some(months[0].clone()),
        to: Some(months[MONTHS - 1].clone()),
        ..Default::default()
    };
    // (all units?, stage, question, month, positive) -> answers.
    let mut counted: BTreeMap<(bool, String, String, String, bool), i64> = BTreeMap::new();
    for row in response::Entity::find().all(&app.db).await.unwrap() {
        let answers: BTreeMap<String, AnswerValue> = serde_json::from_str(&row.answers).unwrap();
        for (question, answer) in answers {
            if !dashboard::COMMON_QUESTIONS.contains(&question.as_str()) {
                continue;
            }
            for token in answer.tokens() {
                let positive = dashboard::is_positive(&token);
                let month = row.week[..7].to_string();
                let scopes = if row.unit_id == ce {
                    vec![true, false]
                } else {
                    vec![true]
                };
                for all in scopes {
                    let key = (
                        all,
                        row.stage.clone(),
                        question.clone(),
                        month.clone(),
                        positive,
                    );
                    *counted.entry(key).or_default() += 1;
                }
            }
        }
    }
    let expected = |all: bool, stage: Stage, question: &str| {
        let part = |positive: bool| {
            Cell::sum(months.iter().map(|m| {
                let key = (
                    all,
                    stage.as_str().to_string(),
                    question.to_string(),
                    m.clone(),
                    positive,
                );
                th.month(counted.get(&key).copied().unwrap_or(0))
            }))
        };
        suppression::share(&th, part(true), part(false))
    };
    let d = dashboard::unit_dashboard(&app.db, ce, &filters, &th, None)
        .await
        .unwrap();
    let mut shown_and_different = 0;
    for stage in &d.stages {
        for q in &stage.questions {
            assert_eq!(
                q.unit,
                expected(false, stage.stage, &q.question_id),
                "{q:?}"
            );
            assert_eq!(
                q.all_units,
                expected(true, stage.stage, &q.question_id),
                "{q:?}"
            );
            if q.all_units.is_shown() && q.all_units != q.unit {
                shown_and_different += 1;
            }
        }
    }
    assert!(
        shown_and_different > 0,
        "no all-units share shown that differs from the unit's: {d:?}"
    );
}

/// A period ending in January 2000 (the earliest month a filter takes) starts, and looks back
/// for alerts, before it: every dashboard and export still answers (schemathesis found a 500).
async fn the_earliest_period_is_answered(app: TestApp) {
    load(&app, 3).await;
    let th = Thresholds::default();
    let filters = DashboardFilters {
        to: Some("2000-01".into()),
        ..Default::default()
    };
    let d = dashboard::advocate_dashboard(&app.db, &filters, &th, None)
        .await
        .unwrap();
    assert_eq!(d.months.first().map(String::as_str), Some("1999-02"));
    assert_eq!(d.months.last().map(String::as_str), Some("2000-01"));
    assert!(d.alerts.is_empty());
    let ce = app.unit_id("CE").await;
    dashboard::unit_dashboard(&app.db, ce, &filters, &th, None)
        .await
        .unwrap();
}

async fn alerts_fire_for_a_spike_and_not_for_steady_data(app: TestApp) {
    load(&app, 3).await;
    let th = Thresholds::default();
    let filters = DashboardFilters {
        from: Some(month_text(0)),
        to: Some(month_text(MONTHS - 1)),
        ..Default::default()
    };
    let d = dashboard::advocate_dashboard(&app.db, &filters, &th, None)
        .await
        .unwrap();
    assert_eq!(d.theme_trends[0].theme, "communication");
    let spike = d
        .alerts
        .iter()
        .find(|a| a.unit_code == "NW" && a.theme == "communication")
        .unwrap_or_else(|| panic!("no alert for the spike: {:?}", d.alerts));
    assert_eq!(spike.month, month_text(MONTHS - 1));
    assert_eq!(spike.observed, 15);
    assert!(spike.p_value < 0.05);
    assert!(spike.test.contains("binomial") && spike.test.contains("Holm"));
    assert!(
        !d.alerts.iter().any(|a| a.unit_code == "CN"),
        "steady data raised an alert: {:?}",
        d.alerts
    );
    assert!(!d.alerts.iter().any(|a| a.unit_code == "CE"));
}

async fn comments_need_the_text_threshold(app: TestApp) {
    load(&app, 3).await;
    let th = Thresholds::default();
    let ce = app.unit_id("CE").await;
    let nw = app.unit_id("NW").await;
    // CE court: 45 comments mention the hearing being adjourned.
    let shown =
        dashboard::comments_for_theme(&app.db, Some(ce), "court_process", Stage::Court, &th, None)
            .await
            .unwrap();
    let shared::ThemeComments::Shown { comments } = shown else {
        panic!("expected comments");
    };
    assert!(comments.len() >= 20);
    assert!(comments.iter().all(|c| c.text == ADJOURNED));
    // NW reporting has fewer than 20 comments tagged positive (none at all).
    assert_eq!(
        dashboard::comments_for_theme(&app.db, Some(nw), "positive", Stage::Reporting, &th, None)
            .await
            .unwrap(),
        shared::ThemeComments::TooFewToShow
    );
    // CE reporting: 14 thank-you comments (2 a month), under the text threshold although over 10.
    assert_eq!(
        dashboard::comments_for_theme(&app.db, Some(ce), "positive", Stage::Reporting, &th, None)
            .await
            .unwrap(),
        shared::ThemeComments::TooFewToShow
    );
}

db_tests!(
    the_attacker_cannot_recover_hidden_cells,
    exports_equal_the_dashboards,
    dashboards_read_only_rollups,
    question_shares_equal_a_recount_from_responses,
    the_earliest_period_is_answered,
    alerts_fire_for_a_spike_and_not_for_steady_data,
    comments_need_the_text_threshold,
);
