//! Staff dashboards, theme comments and exports: the statistics core the staff routes call.
//! No authorisation here: callers pass the scope (a unit id, or none for all units) they have
//! already checked.
//!
//! Figures come only from the month-level rollup tables (`rollup_responses_monthly`,
//! `rollup_answers_monthly`, `rollup_themes_monthly`: the weekly rollups summed to the month
//! their Monday falls in; `rollup_themes_monthly_all_stages`, the theme months with stages
//! summed, read when no stage is filtered; `rollup_answers_monthly_all_units`, the answer months
//! with units summed, which every unit dashboard compares with; all kept in step by
//! `rollups::add_to_counts`), never
//! from `responses`. Callers fold responses not yet counted first (the routes ask the writer:
//! `responses::Submissions::fold_now`), so a dashboard includes every response acknowledged
//! before it. Every count is rounded once per month and every figure over a period is the sum of
//! those monthly figures, then passes [`suppression::suppress`] (see that module's header for
//! why this defeats differencing of filtered views). Exports are built from the dashboard DTOs,
//! so they carry exactly the same numbers.
//!
//! Theme counts are those of the staff member looking at them (the `viewer`): their own
//! corrections' changes (`own_correction_deltas`) are taken back out before suppression, so
//! nobody can learn a hidden count by moving it themselves (`corrections` says more).
//!
//! # Alerts
//! For each unit x theme, the latest complete month's negative mentions are compared with the
//! previous six months relative to response volume, by the **one-sided exact conditional
//! binomial test for two Poisson rates** (Przyborowski & Wilenski, 1940): given `n = O + B`
//! mentions (O in the latest month, B in the baseline), under "same rate per response" O is
//! Binomial(n, R_latest / (R_latest + R_baseline)); p = P(X >= O). The p-values are adjusted
//! with **Holm's step-down (Bonferroni-Holm) correction** across every unit x theme pair tested,
//! and an alert is raised when the adjusted p < 0.05 and the observed count is at least the
//! count threshold. The test runs on the same rounded monthly counts the dashboard shows, so an
//! alert reveals nothing the tables do not.

use crate::error::{ApiError, ApiResult};
use crate::services::suppression::{self, Cell, Table, Thresholds};
use crate::services::units;
use crate::storage::entities::{comment, comment_theme, rollup_response_month};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
    Statement,
};
use shared::staff::parse_month;
use shared::{
    AdvocateDashboard, DashboardExport, DashboardFilters, Figure, MonthFigure, QuestionShare,
    Share, Stage, StageSummary, ThemeAlert, ThemeComments, ThemeSummary, ThemeTrend, UnitDashboard,
    UnitThemeRow,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;
use validator::Validate;

/// The scale questions every stage's survey asks, in display order.
pub const COMMON_QUESTIONS: [&str; 5] = [
    "overall",
    "kept_informed",
    "dignity",
    "believed",
    "understood_next",
];

/// The theme advocates see first.
pub const FOREMOST_THEME: &str = "communication";

/// Months of the default period (ending with the current month).
pub const DEFAULT_MONTHS: i32 = 12;
/// Longest period a dashboard covers.
pub const MAX_MONTHS: i32 = 120;
/// Months of baseline an alert compares with.
pub const ALERT_BASELINE_MONTHS: i32 = 6;
/// Family-wise significance level for alerts.
pub const ALERT_ALPHA: f64 = 0.05;
/// The name carried by every alert.
pub const ALERT_TEST: &str = "one-sided exact conditional binomial test of two Poisson rates \
(latest month vs previous 6 months, per response), Holm-adjusted across unit x theme pairs";

/// Comment polarities, negative first (alerts count negative mentions).
const POLARITIES: [&str; 3] = ["negative", "positive", "neutral"];

/// Answers that count as positive: a scale answer of 4 or 5, or "yes".
const POSITIVE_VALUES: [&str; 3] = ["4", "5", "yes"];

pub fn is_positive(value: &str) -> bool {
    POSITIVE_VALUES.contains(&value)
}

// ---------- months ----------

fn month_index(month: &str) -> Option<i32> {
    parse_month(month).map(|(y, m)| y * 12 + (m as i32 - 1))
}

fn month_label(index: i32) -> String {
    format!(
        "{:04}-{:02}",
        index.div_euclid(12),
        index.rem_euclid(12) + 1
    )
}

fn current_month_index() -> i32 {
    let today = time::OffsetDateTime::now_utc().date();
    today.year() * 12 + (today.month() as i32 - 1)
}

/// The months a filter covers, oldest first: `to` defaults to the current month, `from` to
/// eleven months before `to`.
pub fn period_months(filters: &DashboardFilters) -> ApiResult<Vec<String>> {
    let (from, to) = period_bounds(filters)?;
    Ok((from..=to).map(month_label).collect())
}

/// The first and last month (as [`month_index`]) of [`period_months`]. The months before the
/// first labelled one (year 2000) may appear here, for an early `to`.
fn period_bounds(filters: &DashboardFilters) -> ApiResult<(i32, i32)> {
    filters
        .validate()
        .map_err(|e| ApiError::Validation(shared::error::from_validation_errors(&e)))?;
    let to = match &filters.to {
        Some(to) => month_index(to).ok_or_else(|| ApiError::field("to", "must be YYYY-MM"))?,
        None => current_month_index(),
    };
    let from = match &filters.from {
        Some(from) => {
            month_index(from).ok_or_else(|| ApiError::field("from", "must be YYYY-MM"))?
        }
        None => to - (DEFAULT_MONTHS - 1),
    };
    if from > to {
        return Err(ApiError::field("from", "must not be after the end month"));
    }
    if to - from + 1 > MAX_MONTHS {
        return Err(ApiError::field(
            "from",
            "the period is longer than ten years",
        ));
    }
    Ok((from, to))
}

// ---------- rollup reads (the only tables dashboards touch) ----------
//
// Dashboards read the month-level rollups (`*_monthly`, bumped with the weekly ones in the
// same transaction) and let the database sum what a figure does not split by, so a request
// reads a few thousand rows whatever the number of responses.

#[derive(Clone, Copy)]
struct Scope<'a> {
    unit_id: Option<i32>,
    stage: Option<Stage>,
    first: &'a str,
    last: &'a str,
}

/// A quoted SQL list of constants (never of input).
fn sql_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("'{i}'")).collect();
    quoted.join(", ")
}

/// A query whose parameters are written `?` (numbered for PostgreSQL by `storage::raw_statement`).
fn statement(db: &DatabaseConnection, sql: &str, values: Vec<sea_orm::Value>) -> Statement {
    crate::storage::raw_statement(db.get_database_backend(), sql, values)
}

/// `month BETWEEN first AND last` plus the scope's unit and stage, with their values.
fn scope_filter(scope: &Scope<'_>) -> (String, Vec<sea_orm::Value>) {
    let mut sql = String::from("month >= ? AND month <= ?");
    let mut values = vec![scope.first.into(), scope.last.into()];
    if let Some(unit) = scope.unit_id {
        sql.push_str(" AND unit_id = ?");
        values.push(unit.into());
    }
    if let Some(stage) = scope.stage {
        sql.push_str(" AND stage = ?");
        values.push(stage.as_str().into());
    }
    (sql, values)
}

/// Responses per unit, stage, month and channel.
async fn read_responses(
    db: &DatabaseConnection,
    scope: &Scope<'_>,
) -> ApiResult<Vec<rollup_response_month::Model>> {
    use rollup_response_month::{Column, Entity};
    let mut query = Entity::find()
        .filter(Column::Month.gte(scope.first))
        .filter(Column::Month.lte(scope.last));
    if let Some(unit) = scope.unit_id {
        query = query.filter(Column::UnitId.eq(unit));
    }
    if let Some(stage) = scope.stage {
        query = query.filter(Column::Stage.eq(stage.as_str()));
    }
    Ok(query.all(db).await?)
}

/// Responses per unit and month, every stage and channel together.
async fn read_volumes(
    db: &DatabaseConnection,
    scope: &Scope<'_>,
) -> ApiResult<Vec<(i32, String, i64)>> {
    let (filter, values) = scope_filter(scope);
    let sql = format!(
        "SELECT unit_id, month, CAST(SUM(count) AS BIGINT) AS n FROM rollup_responses_monthly \
         WHERE {filter} GROUP BY unit_id, month"
    );
    let mut out = Vec::new();
    for row in db.query_all_raw(statement(db, &sql, values)).await? {
        out.push((
            row.try_get("", "unit_id")?,
            row.try_get("", "month")?,
            row.try_get("", "n")?,
        ));
    }
    Ok(out)
}

/// Positive and other answers to the common questions per stage, question and month, for
/// every unit in scope (`all_units`) and for `unit` among them.
struct AnswerCount {
    stage: String,
    question_id: String,
    month: String,
    positive: bool,
    all_units: i64,
    unit: i64,
}

/// `scope` is the comparison's (no unit): all units' sums come from the unit-summed twin, the
/// unit's own from its rows of `rollup_answers_monthly` (found by unit), in one statement.
async fn read_answers(
    db: &DatabaseConnection,
    unit: i32,
    scope: &Scope<'_>,
) -> ApiResult<Vec<AnswerCount>> {
    let (all_filter, mut values) = scope_filter(scope);
    let (unit_filter, unit_values) = scope_filter(&Scope {
        unit_id: Some(unit),
        ..*scope
    });
    values.extend(unit_values);
    let positive = format!(
        "CASE WHEN value IN ({}) THEN 1 ELSE 0 END",
        sql_list(&POSITIVE_VALUES)
    );
    let questions = sql_list(&COMMON_QUESTIONS);
    let sql = format!(
        "SELECT stage, question_id, month, {positive} AS positive, \
           CAST(SUM(all_units) AS BIGINT) AS all_units, CAST(SUM(unit) AS BIGINT) AS unit \
         FROM (SELECT stage, question_id, month, value, count AS all_units, 0 AS unit \
               FROM rollup_answers_monthly_all_units \
               WHERE {all_filter} AND question_id IN ({questions}) \
               UNION ALL \
               SELECT stage, question_id, month, value, 0, count \
               FROM rollup_answers_monthly \
               WHERE {unit_filter} AND question_id IN ({questions})) AS v \
         GROUP BY stage, question_id, month, {positive}"
    );
    let mut out = Vec::new();
    for row in db.query_all_raw(statement(db, &sql, values)).await? {
        out.push(AnswerCount {
            stage: row.try_get("", "stage")?,
            question_id: row.try_get("", "question_id")?,
            month: row.try_get("", "month")?,
            positive: row.try_get::<i32>("", "positive")? == 1,
            all_units: row.try_get("", "all_units")?,
            unit: row.try_get("", "unit")?,
        });
    }
    Ok(out)
}

/// Theme mentions per unit, theme and month over the scope's stages: every polarity together
/// and each polarity (in [`POLARITIES`] order).
struct ThemeCount {
    unit_id: i32,
    theme: String,
    month: String,
    total: i64,
    by_polarity: [i64; 3],
}

async fn read_themes(
    db: &DatabaseConnection,
    scope: &Scope<'_>,
    viewer: Option<i32>,
) -> ApiResult<Vec<ThemeCount>> {
    let (filter, values) = scope_filter(scope);
    let per_polarity: Vec<String> = POLARITIES
        .iter()
        .map(|p| {
            format!("CAST(SUM(CASE WHEN polarity = '{p}' THEN count ELSE 0 END) AS BIGINT) AS {p}")
        })
        .collect();
    // With no stage filter the stage-summed table holds the same sums in about a fifth of the
    // cells; rounding happens later, per month, after stages are summed either way.
    let table = match scope.stage {
        Some(_) => "rollup_themes_monthly",
        None => "rollup_themes_monthly_all_stages",
    };
    let sql = format!(
        "SELECT unit_id, theme, month, CAST(SUM(count) AS BIGINT) AS total, {} \
         FROM {table} WHERE {filter} GROUP BY unit_id, theme, month",
        per_polarity.join(", ")
    );
    let mut out = Vec::new();
    for row in db.query_all_raw(statement(db, &sql, values)).await? {
        out.push(ThemeCount {
            unit_id: row.try_get("", "unit_id")?,
            theme: row.try_get("", "theme")?,
            month: row.try_get("", "month")?,
            total: row.try_get("", "total")?,
            by_polarity: [
                row.try_get("", POLARITIES[0])?,
                row.try_get("", POLARITIES[1])?,
                row.try_get("", POLARITIES[2])?,
            ],
        });
    }
    if let Some(viewer) = viewer {
        leave_out_own_corrections(db, scope, viewer, &mut out).await?;
    }
    Ok(out)
}

/// Takes `viewer`'s own corrections back out of theme counts read for `scope`: what they
/// added is subtracted, what they took away is added back.
async fn leave_out_own_corrections(
    db: &DatabaseConnection,
    scope: &Scope<'_>,
    viewer: i32,
    counts: &mut Vec<ThemeCount>,
) -> ApiResult<()> {
    let (filter, mut values) = scope_filter(scope);
    values.insert(0, viewer.into());
    let sql = format!(
        "SELECT unit_id, theme, month, polarity, CAST(SUM(delta) AS BIGINT) AS delta \
         FROM own_correction_deltas WHERE staff_user_id = ? AND {filter} \
         GROUP BY unit_id, theme, month, polarity"
    );
    let rows = db.query_all_raw(statement(db, &sql, values)).await?;
    if rows.is_empty() {
        return Ok(());
    }
    let mut at: HashMap<(i32, String, String), usize> = counts
        .iter()
        .enumerate()
        .map(|(i, c)| ((c.unit_id, c.theme.clone(), c.month.clone()), i))
        .collect();
    for row in rows {
        let key: (i32, String, String) = (
            row.try_get("", "unit_id")?,
            row.try_get("", "theme")?,
            row.try_get("", "month")?,
        );
        let polarity: String = row.try_get("", "polarity")?;
        let delta: i64 = row.try_get("", "delta")?;
        let Some(p) = POLARITIES.iter().position(|known| *known == polarity) else {
            continue;
        };
        let i = *at.entry(key.clone()).or_insert_with(|| {
            counts.push(ThemeCount {
                unit_id: key.0,
                theme: key.1,
                month: key.2,
                total: 0,
                by_polarity: [0; 3],
            });
            counts.len() - 1
        });
        // Never below zero: a count another correction has since taken away stays at nothing.
        let count = &mut counts[i];
        let taken = delta.min(count.by_polarity[p]);
        count.by_polarity[p] -= taken;
        count.total -= taken;
    }
    Ok(())
}

/// Every theme id a dashboard lists: the taxonomy's, then any other id found in the rollups of
/// any unit. Listing all of them always, present or not, means a row's presence says nothing.
async fn theme_ids(db: &DatabaseConnection) -> ApiResult<Vec<String>> {
    static TAXONOMY: OnceLock<Vec<String>> = OnceLock::new();
    let mut ids = TAXONOMY
        .get_or_init(|| {
            analysis::Tagger::default()
                .taxonomy()
                .themes
                .iter()
                .map(|t| t.id.clone())
                .collect()
        })
        .clone();
    // The distinct themes by a walk along the theme index (one lookup per theme), not a scan.
    let walk = Statement::from_string(
        db.get_database_backend(),
        "WITH RECURSIVE t(theme) AS ( \
           SELECT MIN(theme) FROM rollup_themes_monthly \
           UNION ALL \
           SELECT (SELECT MIN(theme) FROM rollup_themes_monthly WHERE theme > t.theme) \
           FROM t WHERE t.theme IS NOT NULL) \
         SELECT theme FROM t WHERE theme IS NOT NULL",
    );
    let mut stored = Vec::new();
    for row in db.query_all_raw(walk).await? {
        stored.push(row.try_get::<String>("", "theme")?);
    }
    let mut extra: Vec<String> = stored.into_iter().filter(|t| !ids.contains(t)).collect();
    extra.sort();
    ids.extend(extra);
    Ok(ids)
}

/// Exact counts by key; missing keys are zero.
#[derive(Default)]
struct Counts<K: std::hash::Hash + Eq>(HashMap<K, i64>);

impl<K: std::hash::Hash + Eq> Counts<K> {
    fn add(&mut self, key: K, count: i64) {
        *self.0.entry(key).or_insert(0) += count;
    }
    fn get(&self, key: &K) -> i64 {
        self.0.get(key).copied().unwrap_or(0)
    }
}

fn trend(months: &[String], figures: &[Figure]) -> Vec<MonthFigure> {
    months
        .iter()
        .zip(figures)
        .map(|(month, figure)| MonthFigure {
            month: month.clone(),
            figure: *figure,
        })
        .collect()
}

// ---------- unit dashboard ----------

/// The dashboard of one unit. `unit_id` is the caller's already-authorised scope; `viewer`
/// the staff member it is for (their own corrections are left out of theme counts), `None`
/// for the counts as stored.
pub async fn unit_dashboard(
    db: &DatabaseConnection,
    unit_id: i32,
    filters: &DashboardFilters,
    thresholds: &Thresholds,
    viewer: Option<i32>,
) -> ApiResult<UnitDashboard> {
    let months = period_months(filters)?;
    let (first, last) = (months[0].as_str(), months[months.len() - 1].as_str());
    let unit_scope = Scope {
        unit_id: Some(unit_id),
        stage: filters.stage,
        first,
        last,
    };
    let all_scope = Scope {
        unit_id: None,
        ..unit_scope
    };
    let stages: Vec<Stage> = match filters.stage {
        Some(stage) => vec![stage],
        None => Stage::ALL.to_vec(),
    };

    // Independent reads, each on a connection of its own: the request waits for the slowest,
    // not for their sum.
    let (unit, responses, answers, themes, theme_ids) = tokio::try_join!(
        async { Ok(units::find_by_id(db, unit_id).await?) },
        read_responses(db, &unit_scope),
        read_answers(db, unit_id, &all_scope),
        read_themes(db, &unit_scope, viewer),
        theme_ids(db),
    )?;
    let unit = unit.ok_or(ApiError::NotFound("unit"))?;
    let (stage_figures, total) =
        response_figures(thresholds, &responses, &stages, &months, filters);

    // Shares: positive and other answers per stage, question, month, for this unit and all.
    let mut unit_answers: Counts<(String, String, String, bool)> = Counts::default();
    let mut all_answers: Counts<(String, String, String, bool)> = Counts::default();
    for row in answers {
        let key = (row.stage, row.question_id, row.month, row.positive);
        unit_answers.add(key.clone(), row.unit);
        all_answers.add(key, row.all_units);
    }
    let share_of = |counts: &Counts<(String, String, String, bool)>, stage: Stage, q: &str| {
        let part = |positive: bool| {
            Cell::sum(months.iter().map(|m| {
                thresholds.month(counts.get(&(
                    stage.as_str().to_string(),
                    q.to_string(),
                    m.clone(),
                    positive,
                )))
            }))
        };
        suppression::share(thresholds, part(true), part(false))
    };

    let stage_summaries = stages
        .iter()
        .zip(stage_figures)
        .map(|(&stage, (responses, trend_figures))| StageSummary {
            stage,
            responses,
            trend: trend(&months, &trend_figures),
            questions: COMMON_QUESTIONS
                .iter()
                .map(|q| QuestionShare {
                    question_id: q.to_string(),
                    unit: share_of(&unit_answers, stage, q),
                    all_units: share_of(&all_answers, stage, q),
                })
                .collect(),
        })
        .collect();

    // Themes: mentions per theme and month (every polarity), and per polarity.
    let mut by_month: Counts<(String, String)> = Counts::default();
    let mut by_polarity: Counts<(String, String, String)> = Counts::default();
    for row in themes {
        by_month.add((row.theme.clone(), row.month.clone()), row.total);
        for (polarity, count) in POLARITIES.iter().zip(row.by_polarity) {
            by_polarity.add(
                (row.theme.clone(), polarity.to_string(), row.month.clone()),
                count,
            );
        }
    }
    let mut table = Table::default();
    let mut layout = Vec::new();
    for theme in theme_ids {
        let cells: Vec<usize> = months
            .iter()
            .map(|m| table.push(thresholds.month(by_month.get(&(theme.clone(), m.clone())))))
            .collect();
        let total = Cell::sum(cells.iter().map(|&i| table.cells[i]));
        let total = table.push(total);
        table.group(total, cells.clone());
        let polarity: Vec<usize> = POLARITIES
            .iter()
            .map(|p| {
                table.push(Cell::sum(months.iter().map(|m| {
                    thresholds.month(by_polarity.get(&(theme.clone(), p.to_string(), m.clone())))
                })))
            })
            .collect();
        table.group(total, polarity.clone());
        layout.push((theme, cells, total, polarity));
    }
    let figures = suppression::suppress(thresholds, &table);
    let mut theme_summaries: Vec<ThemeSummary> = layout
        .into_iter()
        .map(|(theme, cells, total, polarity)| ThemeSummary {
            theme,
            count: figures[total],
            negative: figures[polarity[0]],
            positive: figures[polarity[1]],
            neutral: figures[polarity[2]],
            trend: trend(
                &months,
                &cells.iter().map(|&i| figures[i]).collect::<Vec<_>>(),
            ),
        })
        .collect();
    // Ranked by what is shown, never by exact counts (an order would leak them).
    theme_summaries.sort_by(|a, b| {
        b.count
            .value()
            .unwrap_or(-1)
            .cmp(&a.count.value().unwrap_or(-1))
            .then_with(|| a.theme.cmp(&b.theme))
    });

    Ok(UnitDashboard {
        unit_code: unit.code,
        unit_name: unit.name,
        filters: filters.clone(),
        months,
        responses: total,
        stages: stage_summaries,
        themes: theme_summaries,
        channel_applies_to_responses_only: filters.channel.is_some(),
    })
}

/// Response figures for one unit: per stage (period total, monthly trend) and the total
/// across stages, for the filter's channel or all channels. One table holds every channel and
/// the all-channel figures, so secondary suppression protects a channel view against the
/// unfiltered one as well.
fn response_figures(
    thresholds: &Thresholds,
    rows: &[rollup_response_month::Model],
    stages: &[Stage],
    months: &[String],
    filters: &DashboardFilters,
) -> (Vec<(Figure, Vec<Figure>)>, Figure) {
    const CHANNELS: [&str; 3] = ["sms", "advocate", "link"];
    let mut counts: Counts<(String, String, String)> = Counts::default();
    for row in rows {
        counts.add(
            (row.stage.clone(), row.month.clone(), row.channel.clone()),
            row.count,
        );
    }
    // Layers: 0 = all channels, 1.. = one channel each.
    let layers: Vec<Option<&str>> = std::iter::once(None)
        .chain(CHANNELS.iter().map(|c| Some(*c)))
        .collect();
    let mut table = Table::default();
    // month_cells[layer][stage][month], stage_totals[layer][stage], overall[layer]
    let mut month_cells = vec![vec![Vec::new(); stages.len()]; layers.len()];
    let mut stage_totals = vec![Vec::new(); layers.len()];
    let mut overall = Vec::new();
    for (l, layer) in layers.iter().enumerate() {
        for (s, stage) in stages.iter().enumerate() {
            for month in months {
                let exact = match layer {
                    Some(channel) => counts.get(&(
                        stage.as_str().to_string(),
                        month.clone(),
                        channel.to_string(),
                    )),
                    None => CHANNELS
                        .iter()
                        .map(|c| {
                            counts.get(&(stage.as_str().to_string(), month.clone(), c.to_string()))
                        })
                        .sum(),
                };
                month_cells[l][s].push(table.push(thresholds.month(exact)));
            }
            let total = Cell::sum(month_cells[l][s].iter().map(|&i| table.cells[i]));
            let total = table.push(total);
            table.group(total, month_cells[l][s].clone());
            stage_totals[l].push(total);
        }
        let total = Cell::sum(stage_totals[l].iter().map(|&i| table.cells[i]));
        let total = table.push(total);
        table.group(total, stage_totals[l].clone());
        overall.push(total);
    }
    // Within a month, the channels add up to the all-channel figure.
    for s in 0..stages.len() {
        for (m, &all_channels) in month_cells[0][s].iter().enumerate() {
            let parts = (1..layers.len()).map(|l| month_cells[l][s][m]).collect();
            table.group(all_channels, parts);
        }
        let parts = (1..layers.len()).map(|l| stage_totals[l][s]).collect();
        table.group(stage_totals[0][s], parts);
    }
    let figures = suppression::suppress(thresholds, &table);
    let layer = match filters.channel {
        None => 0,
        Some(channel) => {
            1 + CHANNELS
                .iter()
                .position(|c| *c == channel.as_str())
                .unwrap_or(0)
        }
    };
    let per_stage = (0..stages.len())
        .map(|s| {
            (
                figures[stage_totals[layer][s]],
                month_cells[layer][s].iter().map(|&i| figures[i]).collect(),
            )
        })
        .collect();
    (per_stage, figures[overall[layer]])
}

// ---------- advocate dashboard ----------

/// The advocate (all units) dashboard: theme trends, unit x theme x month table, alerts.
/// `viewer` as for [`unit_dashboard`].
pub async fn advocate_dashboard(
    db: &DatabaseConnection,
    filters: &DashboardFilters,
    thresholds: &Thresholds,
    viewer: Option<i32>,
) -> ApiResult<AdvocateDashboard> {
    let (period_first, period_last) = period_bounds(filters)?;
    let period: Vec<i32> = (period_first..=period_last).collect();
    let months: Vec<String> = period.iter().map(|&m| month_label(m)).collect();
    // One read covers the period and the months alerts look at (usually inside it); figures
    // look up only their own months. It is the largest read, so it goes in two halves (by
    // month), each summed by a database connection of its own, beside the other reads: the
    // request waits for the slowest read, not for their sum.
    let latest = alert_month(filters);
    let first = period_first.min(latest - ALERT_BASELINE_MONTHS);
    let last = period_last.max(latest);
    let middle = first + (last - first) / 2;
    let labels = [first, middle, middle + 1, last].map(month_label);
    let halves = [(&labels[0], &labels[1]), (&labels[2], &labels[3])].map(|(first, last)| Scope {
        unit_id: None,
        stage: filters.stage,
        first,
        last,
    });
    let (alert_first, alert_last) = (
        month_label(latest - ALERT_BASELINE_MONTHS),
        month_label(latest),
    );
    let alert_scope = Scope {
        unit_id: None,
        stage: filters.stage,
        first: &alert_first,
        last: &alert_last,
    };
    let (mut all_units, themes, early, late, volumes) = tokio::try_join!(
        async { Ok(units::all(db).await?) },
        theme_ids(db),
        read_themes(db, &halves[0], viewer),
        read_themes(db, &halves[1], viewer),
        read_volumes(db, &alert_scope),
    )?;
    all_units.sort_by(|a, b| a.code.cmp(&b.code));
    let grid = ThemeGrid::new(
        early.into_iter().chain(late),
        &all_units,
        &themes,
        first,
        last,
    );

    let mut table = Table::default();
    let mut trend_layout = Vec::new();
    // The all-units cell of each theme and period month, at `t * period.len() + m`.
    let mut column_cells = Vec::with_capacity(themes.len() * period.len());
    for (t, theme) in themes.iter().enumerate() {
        let all_units_sum = |month: i32, of: fn(&ThemeGrid, usize, usize, i32) -> i64| {
            (0..all_units.len())
                .map(|u| of(&grid, u, t, month))
                .sum::<i64>()
        };
        let cells: Vec<usize> = period
            .iter()
            .map(|&month| table.push(thresholds.month(all_units_sum(month, ThemeGrid::total))))
            .collect();
        column_cells.extend(&cells);
        let total = Cell::sum(cells.iter().map(|&i| table.cells[i]));
        let total = table.push(total);
        table.group(total, cells.clone());
        let negative =
            table.push(Cell::sum(period.iter().map(|&month| {
                thresholds.month(all_units_sum(month, ThemeGrid::negative))
            })));
        trend_layout.push((theme.clone(), cells, total, negative));
    }
    let mut row_layout = Vec::new();
    // The unit cells under each all-units cell (same index as `column_cells`).
    let mut unit_columns: Vec<Vec<usize>> = vec![Vec::new(); column_cells.len()];
    for (u, unit) in all_units.iter().enumerate() {
        for (t, theme) in themes.iter().enumerate() {
            let cells: Vec<usize> = period
                .iter()
                .enumerate()
                .map(|(m, &month)| {
                    let i = table.push(thresholds.month(grid.total(u, t, month)));
                    unit_columns[t * period.len() + m].push(i);
                    i
                })
                .collect();
            let total = Cell::sum(cells.iter().map(|&i| table.cells[i]));
            let total = table.push(total);
            table.group(total, cells.clone());
            row_layout.push((unit.code.clone(), theme.clone(), cells, total));
        }
    }
    // Each theme-month across units adds up to the all-units figure.
    for (all_units_cell, parts) in column_cells.into_iter().zip(unit_columns) {
        table.group(all_units_cell, parts);
    }
    let figures = suppression::suppress(thresholds, &table);
    let pick = |cells: &[usize]| {
        trend(
            &months,
            &cells.iter().map(|&i| figures[i]).collect::<Vec<_>>(),
        )
    };

    let mut theme_trends: Vec<ThemeTrend> = trend_layout
        .into_iter()
        .map(|(theme, cells, total, negative)| ThemeTrend {
            theme,
            count: figures[total],
            negative: figures[negative],
            trend: pick(&cells),
        })
        .collect();
    theme_trends.sort_by(|a, b| {
        (b.theme == FOREMOST_THEME)
            .cmp(&(a.theme == FOREMOST_THEME))
            .then_with(|| {
                b.count
                    .value()
                    .unwrap_or(-1)
                    .cmp(&a.count.value().unwrap_or(-1))
            })
            .then_with(|| a.theme.cmp(&b.theme))
    });
    let table_rows = row_layout
        .into_iter()
        .map(|(unit_code, theme, cells, total)| UnitThemeRow {
            unit_code,
            theme,
            total: figures[total],
            months: pick(&cells),
        })
        .collect();

    let alerts = theme_alerts(latest, thresholds, &all_units, &themes, &grid, volumes);
    Ok(AdvocateDashboard {
        filters: filters.clone(),
        months,
        theme_trends,
        table: table_rows,
        alerts,
    })
}

/// Theme mentions of every unit by position: units in the order of the list given, themes in
/// theirs, months (as [`month_index`]) from `first` to `last`. The advocate dashboard and its
/// alerts look cells up here by position instead of by (unit, theme, month) text keys.
struct ThemeGrid {
    themes: usize,
    first: i32,
    months: usize,
    total: Vec<i64>,
    negative: Vec<i64>,
}

impl ThemeGrid {
    /// Rows of a unit, theme or month outside the lists are left out: nothing shows them.
    fn new(
        rows: impl Iterator<Item = ThemeCount>,
        units: &[crate::storage::entities::unit::Model],
        themes: &[String],
        first: i32,
        last: i32,
    ) -> ThemeGrid {
        let unit_at: HashMap<i32, usize> =
            units.iter().enumerate().map(|(i, u)| (u.id, i)).collect();
        let theme_at: HashMap<&str, usize> = themes
            .iter()
            .enumerate()
            .map(|(i, t)| (t.as_str(), i))
            .collect();
        let months = usize::try_from(last - first + 1).unwrap_or(0);
        let cells = units.len() * themes.len() * months;
        let mut grid = ThemeGrid {
            themes: themes.len(),
            first,
            months,
            total: vec![0; cells],
            negative: vec![0; cells],
        };
        for row in rows {
            let (Some(&u), Some(&t), Some(month)) = (
                unit_at.get(&row.unit_id),
                theme_at.get(row.theme.as_str()),
                month_index(&row.month),
            ) else {
                continue;
            };
            if let Some(i) = grid.at(u, t, month) {
                grid.total[i] += row.total;
                grid.negative[i] += row.by_polarity[0];
            }
        }
        grid
    }

    fn at(&self, unit: usize, theme: usize, month: i32) -> Option<usize> {
        let offset = usize::try_from(month - self.first)
            .ok()
            .filter(|&m| m < self.months)?;
        Some((unit * self.themes + theme) * self.months + offset)
    }

    /// Mentions of every polarity.
    fn total(&self, unit: usize, theme: usize, month: i32) -> i64 {
        self.at(unit, theme, month).map_or(0, |i| self.total[i])
    }

    fn negative(&self, unit: usize, theme: usize, month: i32) -> i64 {
        self.at(unit, theme, month).map_or(0, |i| self.negative[i])
    }
}

/// The latest complete month an alert looks at: the month before the current one, or the
/// filter's end month when that is earlier.
fn alert_month(filters: &DashboardFilters) -> i32 {
    let last_complete = current_month_index() - 1;
    filters
        .to
        .as_deref()
        .and_then(month_index)
        .map_or(last_complete, |to| to.min(last_complete))
}

/// Alerts for the month `latest` (see the module header) from the negative theme mentions and
/// the response volumes per unit and month (read by [`advocate_dashboard`]).
fn theme_alerts(
    latest: i32,
    thresholds: &Thresholds,
    all_units: &[crate::storage::entities::unit::Model],
    themes: &[String],
    grid: &ThemeGrid,
    volumes: Vec<(i32, String, i64)>,
) -> Vec<ThemeAlert> {
    let last = month_label(latest);
    let mut volume: Counts<(i32, i32)> = Counts::default();
    for (unit_id, month, count) in volumes {
        if let Some(m) = month_index(&month) {
            volume.add((unit_id, m), count);
        }
    }
    // Rounded monthly counts, the same the dashboard shows.
    let rounded = |exact: i64| thresholds.month(exact).rounded;
    let baseline = (latest - ALERT_BASELINE_MONTHS)..latest;
    let mut tested = Vec::new();
    for (u, unit) in all_units.iter().enumerate() {
        let volume_latest = rounded(volume.get(&(unit.id, latest)));
        let volume_before: i64 = baseline
            .clone()
            .map(|m| rounded(volume.get(&(unit.id, m))))
            .sum();
        if volume_latest == 0 || volume_before == 0 {
            continue;
        }
        for (t, theme) in themes.iter().enumerate() {
            let observed_exact = grid.negative(u, t, latest);
            let observed = rounded(observed_exact);
            let before: i64 = baseline
                .clone()
                .map(|m| rounded(grid.negative(u, t, m)))
                .sum();
            let share = volume_latest as f64 / (volume_latest + volume_before) as f64;
            let p = binomial_upper_tail(observed + before, observed, share);
            let expected = before as f64 * volume_latest as f64 / volume_before as f64;
            tested.push((
                unit.code.clone(),
                theme.clone(),
                observed_exact,
                observed,
                expected,
                p,
            ));
        }
    }
    let adjusted = holm(&tested.iter().map(|t| t.5).collect::<Vec<_>>());
    let mut alerts: Vec<ThemeAlert> = tested
        .into_iter()
        .zip(adjusted)
        .filter(|((_, _, exact, observed, expected, _), p)| {
            *p < ALERT_ALPHA
                && *exact >= thresholds.count_min
                && *observed >= thresholds.count_min
                && (*observed as f64) > *expected
        })
        .map(
            |((unit_code, theme, _, observed, expected, _), p)| ThemeAlert {
                unit_code,
                theme,
                month: last.clone(),
                observed,
                expected: (expected * 10.0).round() / 10.0,
                p_value: p,
                test: ALERT_TEST.to_string(),
            },
        )
        .collect();
    alerts.sort_by(|a, b| {
        a.p_value
            .total_cmp(&b.p_value)
            .then_with(|| a.unit_code.cmp(&b.unit_code))
            .then_with(|| a.theme.cmp(&b.theme))
    });
    alerts
}

/// ln(x!): summed for small x, else Stirling's series (error below 1e-14 from x = 16), so a
/// tail costs the same at any count.
fn ln_factorial(x: i64) -> f64 {
    if x < 16 {
        return (2..=x).map(|i| (i as f64).ln()).sum();
    }
    let x = x as f64;
    let (x2, x3) = (x * x, x * x * x);
    x * x.ln() - x + 0.5 * (2.0 * std::f64::consts::PI * x).ln() + 1.0 / (12.0 * x)
        - 1.0 / (360.0 * x3)
        + 1.0 / (1260.0 * x3 * x2)
        - 1.0 / (1680.0 * x3 * x3 * x)
}

/// P(X >= k) for X ~ Binomial(n, p), summed in log space.
pub fn binomial_upper_tail(n: i64, k: i64, p: f64) -> f64 {
    if k <= 0 {
        return 1.0;
    }
    if k > n {
        return 0.0;
    }
    if p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return 1.0;
    }
    let (lp, lq) = (p.ln(), (1.0 - p).ln());
    // Terms for j = k..=n, computed incrementally from the first.
    let mut ln_term = ln_factorial(n) - ln_factorial(k) - ln_factorial(n - k)
        + k as f64 * lp
        + (n - k) as f64 * lq;
    let mut total = 0.0;
    for j in k..=n {
        let term = ln_term.exp();
        total += term;
        if j == n {
            break;
        }
        let ln_ratio = ((n - j) as f64 / (j + 1) as f64).ln() + lp - lq;
        // Past the mode the terms only shrink: stop once they no longer move the sum.
        if ln_ratio < 0.0 && term < total * 1e-17 {
            break;
        }
        ln_term += ln_ratio;
    }
    total.min(1.0)
}

/// Holm's step-down adjustment: adjusted p-values in the input order.
pub fn holm(p_values: &[f64]) -> Vec<f64> {
    let m = p_values.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| p_values[a].total_cmp(&p_values[b]));
    let mut adjusted = vec![1.0; m];
    let mut running: f64 = 0.0;
    for (rank, &i) in order.iter().enumerate() {
        let value = ((m - rank) as f64 * p_values[i]).min(1.0);
        running = running.max(value);
        adjusted[i] = running;
    }
    adjusted
}

// ---------- comments ----------

/// Redacted comments with a theme, for one unit (or all units) and stage, only when the cell
/// holds at least the text threshold; otherwise an explicit "too few to show". Comments come
/// without their week or response, in an order unrelated to time (their random ids). The
/// threshold is tested on the count without `viewer`'s own corrections of this theme.
pub async fn comments_for_theme(
    db: &DatabaseConnection,
    unit_id: Option<i32>,
    theme: &str,
    stage: Stage,
    thresholds: &Thresholds,
    viewer: Option<i32>,
) -> ApiResult<ThemeComments> {
    let tagged: BTreeSet<String> = comment_theme::Entity::find()
        .select_only()
        .column(comment_theme::Column::CommentId)
        .filter(comment_theme::Column::Theme.eq(theme))
        .into_tuple::<String>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut query = comment::Entity::find().filter(comment::Column::Stage.eq(stage.as_str()));
    if let Some(unit) = unit_id {
        query = query.filter(comment::Column::UnitId.eq(unit));
    }
    let rows: BTreeMap<String, String> = query
        .select_only()
        .column(comment::Column::Id)
        .column(comment::Column::Body)
        .into_tuple::<(String, String)>()
        .all(db)
        .await?
        .into_iter()
        .filter(|(id, _)| tagged.contains(id))
        .collect();
    let own = match viewer {
        Some(viewer) => own_net_corrections(db, viewer, unit_id, theme, stage).await?,
        None => 0,
    };
    if !thresholds.text_allowed(rows.len() as i64 - own) {
        return Ok(ThemeComments::TooFewToShow);
    }
    Ok(ThemeComments::Shown {
        comments: super::corrections::views(db, rows).await?,
    })
}

/// How many comments of `theme` (any polarity) `viewer`'s own corrections added, net, in a
/// unit (or all) and stage.
async fn own_net_corrections(
    db: &DatabaseConnection,
    viewer: i32,
    unit_id: Option<i32>,
    theme: &str,
    stage: Stage,
) -> ApiResult<i64> {
    let mut sql = String::from(
        "SELECT CAST(COALESCE(SUM(delta), 0) AS BIGINT) AS delta FROM own_correction_deltas \
         WHERE staff_user_id = ? AND theme = ? AND stage = ?",
    );
    let mut values: Vec<sea_orm::Value> = vec![viewer.into(), theme.into(), stage.as_str().into()];
    if let Some(unit) = unit_id {
        sql.push_str(" AND unit_id = ?");
        values.push(unit.into());
    }
    let row = db.query_one_raw(statement(db, &sql, values)).await?;
    Ok(match row {
        Some(row) => row.try_get("", "delta")?,
        None => 0,
    })
}

// ---------- exports ----------

const CSV_HEADER: &str = "section,unit,stage,question,theme,month,measure,status,value,low,high\n";

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[derive(Default)]
struct CsvRow<'a> {
    section: &'a str,
    unit: &'a str,
    stage: &'a str,
    question: &'a str,
    theme: &'a str,
    month: &'a str,
    measure: &'a str,
}

fn push_figure(out: &mut String, row: CsvRow<'_>, figure: Figure) {
    let (status, value) = match figure {
        Figure::Shown { value } => ("shown", value.to_string()),
        Figure::Suppressed => ("suppressed", String::new()),
    };
    push_line(out, &row, status, &value, "", "");
}

fn push_share(out: &mut String, row: CsvRow<'_>, share: Share) {
    match share {
        Share::Shown { value, low, high } => push_line(
            out,
            &row,
            "shown",
            &value.to_string(),
            &low.to_string(),
            &high.to_string(),
        ),
        Share::Suppressed => push_line(out, &row, "suppressed", "", "", ""),
    }
}

fn push_line(out: &mut String, row: &CsvRow<'_>, status: &str, value: &str, low: &str, high: &str) {
    let fields = [
        row.section,
        row.unit,
        row.stage,
        row.question,
        row.theme,
        row.month,
        row.measure,
        status,
        value,
        low,
        high,
    ];
    let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    out.push_str(&line.join(","));
    out.push('\n');
}

/// The unit dashboard as CSV, one figure per line; suppressed figures say so and carry no value.
pub fn unit_csv(dashboard: &UnitDashboard) -> String {
    let mut out = String::from(CSV_HEADER);
    let unit = dashboard.unit_code.as_str();
    push_figure(
        &mut out,
        CsvRow {
            section: "responses",
            unit,
            measure: "responses",
            ..Default::default()
        },
        dashboard.responses,
    );
    for stage in &dashboard.stages {
        let s = stage.stage.as_str();
        push_figure(
            &mut out,
            CsvRow {
                section: "stage",
                unit,
                stage: s,
                measure: "responses",
                ..Default::default()
            },
            stage.responses,
        );
        for point in &stage.trend {
            push_figure(
                &mut out,
                CsvRow {
                    section: "stage_trend",
                    unit,
                    stage: s,
                    month: &point.month,
                    measure: "responses",
                    ..Default::default()
                },
                point.figure,
            );
        }
        for q in &stage.questions {
            for (measure, share) in [
                ("share_positive", q.unit),
                ("share_positive_all_units", q.all_units),
            ] {
                push_share(
                    &mut out,
                    CsvRow {
                        section: "question",
                        unit,
                        stage: s,
                        question: &q.question_id,
                        measure,
                        ..Default::default()
                    },
                    share,
                );
            }
        }
    }
    for theme in &dashboard.themes {
        for (measure, figure) in [
            ("mentions", theme.count),
            ("negative", theme.negative),
            ("positive", theme.positive),
            ("neutral", theme.neutral),
        ] {
            push_figure(
                &mut out,
                CsvRow {
                    section: "theme",
                    unit,
                    theme: &theme.theme,
                    measure,
                    ..Default::default()
                },
                figure,
            );
        }
        for point in &theme.trend {
            push_figure(
                &mut out,
                CsvRow {
                    section: "theme_trend",
                    unit,
                    theme: &theme.theme,
                    month: &point.month,
                    measure: "mentions",
                    ..Default::default()
                },
                point.figure,
            );
        }
    }
    out
}

/// The advocate dashboard as CSV (alerts as their own section, value = observed count).
pub fn advocate_csv(dashboard: &AdvocateDashboard) -> String {
    let mut out = String::from(CSV_HEADER);
    for theme in &dashboard.theme_trends {
        for (measure, figure) in [("mentions", theme.count), ("negative", theme.negative)] {
            push_figure(
                &mut out,
                CsvRow {
                    section: "theme",
                    unit: "all",
                    theme: &theme.theme,
                    measure,
                    ..Default::default()
                },
                figure,
            );
        }
        for point in &theme.trend {
            push_figure(
                &mut out,
                CsvRow {
                    section: "theme_trend",
                    unit: "all",
                    theme: &theme.theme,
                    month: &point.month,
                    measure: "mentions",
                    ..Default::default()
                },
                point.figure,
            );
        }
    }
    for row in &dashboard.table {
        push_figure(
            &mut out,
            CsvRow {
                section: "unit_theme",
                unit: &row.unit_code,
                theme: &row.theme,
                measure: "mentions",
                ..Default::default()
            },
            row.total,
        );
        for point in &row.months {
            push_figure(
                &mut out,
                CsvRow {
                    section: "unit_theme_month",
                    unit: &row.unit_code,
                    theme: &row.theme,
                    month: &point.month,
                    measure: "mentions",
                    ..Default::default()
                },
                point.figure,
            );
        }
    }
    for alert in &dashboard.alerts {
        push_line(
            &mut out,
            &CsvRow {
                section: "alert",
                unit: &alert.unit_code,
                theme: &alert.theme,
                month: &alert.month,
                measure: "negative_mentions",
                ..Default::default()
            },
            "shown",
            &alert.observed.to_string(),
            &alert.expected.to_string(),
            &alert.p_value.to_string(),
        );
    }
    out
}

fn export_of<T: serde::Serialize>(dashboard: &T, csv: String) -> ApiResult<DashboardExport> {
    let json = serde_json::to_string_pretty(dashboard)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("serialising an export: {e}")))?;
    Ok(DashboardExport { csv, json })
}

/// CSV and JSON of exactly the unit dashboard's figures (built from the dashboard itself).
pub async fn export_unit(
    db: &DatabaseConnection,
    unit_id: i32,
    filters: &DashboardFilters,
    thresholds: &Thresholds,
    viewer: Option<i32>,
) -> ApiResult<DashboardExport> {
    let dashboard = unit_dashboard(db, unit_id, filters, thresholds, viewer).await?;
    export_of(&dashboard, unit_csv(&dashboard))
}

/// CSV and JSON of exactly the advocate dashboard's figures.
pub async fn export_advocate(
    db: &DatabaseConnection,
    filters: &DashboardFilters,
    thresholds: &Thresholds,
    viewer: Option<i32>,
) -> ApiResult<DashboardExport> {
    let dashboard = advocate_dashboard(db, filters, thresholds, viewer).await?;
    export_of(&dashboard, advocate_csv(&dashboard))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binomial_tail_matches_known_values() {
        // P(X >= 3), X ~ Bin(4, 0.5) = 5/16.
        assert!((binomial_upper_tail(4, 3, 0.5) - 0.3125).abs() < 1e-12);
        assert_eq!(binomial_upper_tail(10, 0, 0.3), 1.0);
        assert_eq!(binomial_upper_tail(10, 11, 0.3), 0.0);
        // P(X >= 10), X ~ Bin(10, 0.1) = 1e-10.
        assert!((binomial_upper_tail(10, 10, 0.1) - 1e-10).abs() < 1e-20);
    }

    #[test]
    fn binomial_tail_matches_a_direct_sum_at_large_counts() {
        // The plain sum of every term with exact log-factorials, as the tail was first written.
        let direct = |n: i64, k: i64, p: f64| -> f64 {
            let ln_fact = |x: i64| -> f64 { (2..=x).map(|i| (i as f64).ln()).sum() };
            (k..=n)
                .map(|j| {
                    (ln_fact(n) - ln_fact(j) - ln_fact(n - j)
                        + j as f64 * p.ln()
                        + (n - j) as f64 * (1.0 - p).ln())
                    .exp()
                })
                .sum::<f64>()
                .min(1.0)
        };
        for (n, k, p) in [
            (1400, 190, 0.14),
            (1400, 250, 0.14),
            (3000, 1500, 0.5),
            (3000, 1400, 0.5),
            (500, 30, 0.03),
            (40, 17, 0.3),
            (17, 9, 0.25),
        ] {
            let (fast, slow) = (binomial_upper_tail(n, k, p), direct(n, k, p));
            assert!(
                (fast - slow).abs() <= 1e-9 * slow.max(1e-300),
                "n={n} k={k} p={p}: {fast} vs {slow}"
            );
        }
    }

    #[test]
    fn holm_adjusts_step_down_and_stays_monotone() {
        let adjusted = holm(&[0.01, 0.04, 0.03, 0.5]);
        assert!((adjusted[0] - 0.04).abs() < 1e-12);
        assert!((adjusted[2] - 0.09).abs() < 1e-12);
        assert!((adjusted[1] - 0.09).abs() < 1e-12);
        assert!((adjusted[3] - 0.5).abs() < 1e-12);
    }

    #[test]
    fn months_and_weeks() {
        assert_eq!(month_label(month_index("2026-01").unwrap() - 1), "2025-12");
        let months = period_months(&DashboardFilters {
            from: Some("2025-11".into()),
            to: Some("2026-02".into()),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(months, ["2025-11", "2025-12", "2026-01", "2026-02"]);
    }
}
