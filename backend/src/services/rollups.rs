//! The rollup tables every staff figure is read from, and how they follow the raw responses.
//!
//! A submission's transaction stores the response marked `rolled_up = false` and leaves the
//! rollups alone. [`fold_pending`] later adds every response not yet rolled up to the weekly,
//! monthly and stage-less rollups in one transaction that also marks those responses rolled
//! up, so each response is counted exactly once: the conditional `UPDATE ... RETURNING` claims
//! a response as the invitation claim does, so two racing folds (two writer tasks, two
//! instances) cannot both count it, and a response committed just before a crash is picked up
//! by the next fold (the one at start-up, before the server listens, or on PostgreSQL, where a
//! killed server's last transaction can still commit after that, the next sweep).
//!
//! Why not in the submission's transaction: seven upserts per batch made a submission several
//! times dearer than its insert (issue 6's bare baseline), while a fold every [`FOLD_EVERY`]
//! adds hundreds of responses to the same few cells at once. Nobody sees the lag: the dashboard
//! routes ask the writer to fold first (`responses::Submissions::fold_now`, so on SQLite the
//! fold never waits for the writer's write lock), and staff corrections fold inside their own
//! transaction ([`fold_pending`]), so they always read every response acknowledged before them.
//!
//! A fold reads and writes through a [`FoldStore`]: any sea-orm connection, or on SQLite the
//! writer's own thread and connection (`sqlite_writer`), where another connection's commit
//! every fold would make the writer drop and re-read its page cache.

use crate::storage::entities::{comment, comment_theme};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, Statement, TransactionTrait, Value,
};
use shared::AnswerValue;
use std::collections::BTreeMap;
use std::future::Future;
use std::time::Duration;

/// How long a writer lets responses wait before folding them (when no reader folds sooner).
pub const FOLD_EVERY: Duration = Duration::from_millis(200);
/// How often a writer folds even when it stored nothing itself (a cheap index probe when
/// nothing is waiting).
pub const SWEEP_EVERY: Duration = Duration::from_secs(2);
/// Most responses one fold statement claims; a fold repeats until none are left.
const FOLD_CHUNK: usize = 2000;
/// Ids per `IN (...)` list, well under both databases' bound-parameter limits.
const IDS_PER_QUERY: usize = 500;
/// Bound values per upsert statement (SQLite allows 32,766, PostgreSQL 65,535).
const VALUES_PER_UPSERT: usize = 6000;

/// The key of a `rollup_themes` cell; [`theme_cell`] gives its values.
pub const THEME_KEYS: &[&str] = &["unit_id", "stage", "week", "theme", "polarity"];

/// The `rollup_themes` cell (see [`THEME_KEYS`]) one comment's theme counts in.
pub fn theme_cell(
    unit_id: i32,
    stage: &str,
    week: &str,
    theme: &str,
    polarity: &str,
) -> Vec<Value> {
    vec![
        Value::from(unit_id),
        Value::from(stage),
        Value::from(week),
        Value::from(theme),
        Value::from(polarity),
    ]
}

/// The rollup cells some responses add one to, per table.
#[derive(Default)]
struct Cells {
    /// `rollup_answers`: unit, stage, week, question, value (one per answer token).
    answers: Vec<Vec<Value>>,
    /// `rollup_responses`: unit, stage, week, channel.
    responses: Vec<Vec<Value>>,
    /// `rollup_themes`: unit, stage, week, theme, polarity.
    themes: Vec<Vec<Value>>,
}

impl Cells {
    /// A response's own cells and those of its counted (not free-text) answers.
    fn add_response(
        &mut self,
        unit_id: i32,
        stage: &str,
        week: &str,
        channel: &str,
        answers: &BTreeMap<String, AnswerValue>,
    ) {
        let key = [Value::from(unit_id), Value::from(stage), Value::from(week)];
        for (question_id, answer) in answers {
            for token in answer.tokens() {
                let mut cell = key.to_vec();
                cell.extend([Value::from(question_id.as_str()), Value::from(token)]);
                self.answers.push(cell);
            }
        }
        let mut cell = key.to_vec();
        cell.push(Value::from(channel));
        self.responses.push(cell);
    }

    fn add_theme(&mut self, unit_id: i32, stage: &str, week: &str, theme: &str, polarity: &str) {
        self.themes
            .push(theme_cell(unit_id, stage, week, theme, polarity));
    }

    /// The statements that add the cells to the rollups (every level: see
    /// [`count_statements`]).
    fn statements(self, backend: DatabaseBackend) -> Result<Vec<Statement>, DbErr> {
        let ones = |cells: Vec<Vec<Value>>| cells.into_iter().map(|c| (c, 1)).collect();
        let mut statements = count_statements(
            backend,
            "rollup_answers",
            &["unit_id", "stage", "week", "question_id", "value"],
            ones(self.answers),
        )?;
        statements.extend(count_statements(
            backend,
            "rollup_responses",
            &["unit_id", "stage", "week", "channel"],
            ones(self.responses),
        )?);
        statements.extend(count_statements(
            backend,
            "rollup_themes",
            THEME_KEYS,
            ones(self.themes),
        )?);
        Ok(statements)
    }
}

/// A response a fold claimed: what its cells are made of.
pub struct ClaimedResponse {
    pub id: String,
    pub unit_id: i32,
    pub stage: String,
    pub week: String,
    pub channel: String,
    /// The counted answers, as stored (JSON).
    pub answers: String,
}

/// A theme of a claimed response's comment, with where the comment was made.
pub struct ClaimedTheme {
    pub unit_id: i32,
    pub stage: String,
    pub week: String,
    pub theme: String,
    pub polarity: String,
}

/// The columns of [`ClaimedResponse`], as the claim returns them.
pub const CLAIMED_COLUMNS: &[&str] = &["id", "unit_id", "stage", "week", "channel", "answers"];
/// The columns of [`ClaimedTheme`], as the themes query returns them.
pub const THEME_COLUMNS: &[&str] = &["unit_id", "stage", "week", "theme", "polarity"];

/// Where a fold reads and writes, inside a transaction its caller began: a sea-orm connection
/// (any [`ConnectionTrait`]), or the SQLite writer's own thread (`sqlite_writer`), so that the
/// fold there needs no other connection.
pub trait FoldStore {
    fn backend(&self) -> DatabaseBackend;
    /// Runs the claim and reads the responses it returns ([`CLAIMED_COLUMNS`]).
    fn claimed(
        &self,
        claim: Statement,
    ) -> impl Future<Output = Result<Vec<ClaimedResponse>, DbErr>>;
    /// Runs a themes query and reads its rows ([`THEME_COLUMNS`]).
    fn themes(&self, query: Statement) -> impl Future<Output = Result<Vec<ClaimedTheme>, DbErr>>;
    fn execute(&self, statement: Statement) -> impl Future<Output = Result<(), DbErr>>;
}

impl<C: ConnectionTrait> FoldStore for C {
    fn backend(&self) -> DatabaseBackend {
        self.get_database_backend()
    }

    async fn claimed(&self, claim: Statement) -> Result<Vec<ClaimedResponse>, DbErr> {
        let rows = self.query_all_raw(claim).await?;
        rows.iter()
            .map(|row| {
                Ok(ClaimedResponse {
                    id: row.try_get("", "id")?,
                    unit_id: row.try_get("", "unit_id")?,
                    stage: row.try_get("", "stage")?,
                    week: row.try_get("", "week")?,
                    channel: row.try_get("", "channel")?,
                    answers: row.try_get("", "answers")?,
                })
            })
            .collect()
    }

    async fn themes(&self, query: Statement) -> Result<Vec<ClaimedTheme>, DbErr> {
        let rows = self.query_all_raw(query).await?;
        rows.iter()
            .map(|row| {
                Ok(ClaimedTheme {
                    unit_id: row.try_get("", "unit_id")?,
                    stage: row.try_get("", "stage")?,
                    week: row.try_get("", "week")?,
                    theme: row.try_get("", "theme")?,
                    polarity: row.try_get("", "polarity")?,
                })
            })
            .collect()
    }

    async fn execute(&self, statement: Statement) -> Result<(), DbErr> {
        self.execute_raw(statement).await.map(drop)
    }
}

/// The claim of up to [`FOLD_CHUNK`] responses not yet rolled up, returning
/// [`CLAIMED_COLUMNS`].
///
/// The outer `rolled_up = false` is what makes a race safe on PostgreSQL: a fold that waited
/// for another's row locks re-checks the rows it claims against the outer condition only
/// (the subquery's list is not re-run), so without it both would count the same responses.
fn claim_statement(backend: DatabaseBackend) -> Statement {
    Statement::from_string(
        backend,
        format!(
            "UPDATE responses SET rolled_up = true WHERE rolled_up = false AND id IN \
             (SELECT id FROM responses WHERE rolled_up = false LIMIT {FOLD_CHUNK}) \
             RETURNING {}",
            CLAIMED_COLUMNS.join(", ")
        ),
    )
}

/// The themes of the comments of the responses `ids` ([`THEME_COLUMNS`]).
fn themes_statement(backend: DatabaseBackend, ids: &[String]) -> Statement {
    let mut themes = Query::select();
    themes
        .columns([
            (comment::Entity, comment::Column::UnitId),
            (comment::Entity, comment::Column::Stage),
            (comment::Entity, comment::Column::Week),
        ])
        .columns([
            (comment_theme::Entity, comment_theme::Column::Theme),
            (comment_theme::Entity, comment_theme::Column::Polarity),
        ])
        .from(comment_theme::Entity)
        .inner_join(
            comment::Entity,
            Expr::col((comment::Entity, comment::Column::Id))
                .equals((comment_theme::Entity, comment_theme::Column::CommentId)),
        )
        .and_where(
            Expr::col((comment::Entity, comment::Column::ResponseId)).is_in(ids.iter().cloned()),
        );
    backend.build(&themes)
}

/// Folds every response not yet rolled up into the rollups, through `db` (call it inside a
/// transaction: the claim and the counts must commit together). Returns how many it folded.
pub async fn fold_pending(db: &impl FoldStore) -> Result<usize, DbErr> {
    let backend = db.backend();
    let mut folded = 0;
    loop {
        let claimed = db.claimed(claim_statement(backend)).await?;
        let mut cells = Cells::default();
        for response in &claimed {
            let answers: BTreeMap<String, AnswerValue> = serde_json::from_str(&response.answers)
                .map_err(|e| DbErr::Custom(format!("stored answers: {e}")))?;
            cells.add_response(
                response.unit_id,
                &response.stage,
                &response.week,
                &response.channel,
                &answers,
            );
        }
        let ids: Vec<String> = claimed.iter().map(|r| r.id.clone()).collect();
        for chunk in ids.chunks(IDS_PER_QUERY) {
            for theme in db.themes(themes_statement(backend, chunk)).await? {
                cells.add_theme(
                    theme.unit_id,
                    &theme.stage,
                    &theme.week,
                    &theme.theme,
                    &theme.polarity,
                );
            }
        }
        for statement in cells.statements(backend)? {
            db.execute(statement).await?;
        }
        folded += claimed.len();
        if claimed.len() < FOLD_CHUNK {
            return Ok(folded);
        }
    }
}

/// The probe that tells whether anything waits to be folded (a row, or none).
pub fn pending_probe(backend: DatabaseBackend) -> Statement {
    Statement::from_string(
        backend,
        "SELECT id FROM responses WHERE rolled_up = false LIMIT 1",
    )
}

/// Folds what is pending in a transaction of its own; a cheap read when nothing is.
pub async fn fold_pending_now(db: &DatabaseConnection) -> Result<usize, DbErr> {
    if db
        .query_one_raw(pending_probe(db.get_database_backend()))
        .await?
        .is_none()
    {
        return Ok(0);
    }
    let txn = db.begin().await?;
    let folded = fold_pending(&txn).await?;
    txn.commit().await?;
    Ok(folded)
}

/// Month-level twins with one key summed out, kept beside `{table}_monthly`: (weekly table,
/// key column summed out, twin table). The advocate dashboard with no stage filter reads theme
/// months with every stage together; every unit dashboard compares its answers with all
/// units' answers.
const SUMMED_OUT_MONTHLY: &[(&str, &str, &str)] = &[
    ("rollup_themes", "stage", "rollup_themes_monthly_all_stages"),
    (
        "rollup_answers",
        "unit_id",
        "rollup_answers_monthly_all_units",
    ),
];

/// Adds `delta` (which may be negative, e.g. a staff correction taking a theme away) to the
/// `count` of each cell of a weekly rollup table (`key_columns` include `week`) and of its
/// month-level twin `<table>_monthly` (the same key with `month`, the month of the week's
/// Monday), plus the twins in [`SUMMED_OUT_MONTHLY`] with one key summed out,
/// inserting cells not yet there and deleting cells that reach zero. Every rollup write goes
/// through here, so the levels always agree. One upsert per table keeps the
/// transaction short.
pub async fn add_to_counts(
    db: &impl ConnectionTrait,
    table: &str,
    key_columns: &[&str],
    cells: Vec<(Vec<Value>, i64)>,
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    for statement in count_statements(backend, table, key_columns, cells)? {
        db.execute_raw(statement).await?;
    }
    Ok(())
}

/// The statements [`add_to_counts`] runs, to run in this order.
fn count_statements(
    backend: DatabaseBackend,
    table: &str,
    key_columns: &[&str],
    cells: Vec<(Vec<Value>, i64)>,
) -> Result<Vec<Statement>, DbErr> {
    let mut statements = Vec::new();
    if cells.is_empty() {
        return Ok(statements);
    }
    let week_at = key_columns
        .iter()
        .position(|c| *c == "week")
        .ok_or_else(|| DbErr::Custom(format!("{table}: rollup keys must include week")))?;
    let cells = merge(cells);
    let monthly_cells: Vec<(Vec<Value>, i64)> = merge(
        cells
            .iter()
            .map(|(cell, delta)| {
                let mut cell = cell.clone();
                if let Value::String(Some(week)) = &mut cell[week_at] {
                    week.truncate(7);
                }
                (cell, *delta)
            })
            .collect(),
    );
    let monthly_columns: Vec<&str> = key_columns
        .iter()
        .map(|c| if *c == "week" { "month" } else { *c })
        .collect();
    let taken_away = cells.iter().any(|(_, delta)| *delta < 0);
    let monthly_table = format!("{table}_monthly");
    let mut touched = vec![table.to_string(), monthly_table.clone()];
    for (_, summed_out, twin) in SUMMED_OUT_MONTHLY.iter().filter(|(t, _, _)| *t == table) {
        let at = monthly_columns
            .iter()
            .position(|c| c == summed_out)
            .ok_or_else(|| DbErr::Custom(format!("{table}: no {summed_out} to sum out")))?;
        let twin_columns: Vec<&str> = monthly_columns
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != at)
            .map(|(_, c)| *c)
            .collect();
        let twin_cells = merge(
            monthly_cells
                .iter()
                .map(|(cell, delta)| {
                    let mut cell = cell.clone();
                    cell.remove(at);
                    (cell, *delta)
                })
                .collect(),
        );
        upsert_counts(&mut statements, backend, twin, &twin_columns, twin_cells)?;
        touched.push(twin.to_string());
    }
    upsert_counts(&mut statements, backend, table, key_columns, cells)?;
    upsert_counts(
        &mut statements,
        backend,
        &monthly_table,
        &monthly_columns,
        monthly_cells,
    )?;
    if taken_away {
        // A recount would not have empty cells, at any level.
        for table in &touched {
            statements.push(Statement::from_string(
                backend,
                format!("DELETE FROM {table} WHERE count <= 0"),
            ));
        }
    }
    Ok(statements)
}

/// Equal cells summed into one, in key order. PostgreSQL refuses an upsert that touches one
/// row twice (two comments with the same theme), and a fold of many responses lists the same
/// few cells hundreds of times.
fn merge(cells: Vec<(Vec<Value>, i64)>) -> Vec<(Vec<Value>, i64)> {
    let mut merged: BTreeMap<String, (Vec<Value>, i64)> = BTreeMap::new();
    for (cell, delta) in cells {
        merged.entry(cell_key(&cell)).or_insert_with(|| (cell, 0)).1 += delta;
    }
    merged.into_values().collect()
}

/// A cell written out as a key that equal cells, and only they, share. Cells hold text and
/// numbers: text is written with its length, so no two cells' keys run into each other; any
/// other value by its debug form (the key used to be the whole cell's debug form, which a
/// profile of the writer found costly: it escapes text a character at a time).
fn cell_key(cell: &[Value]) -> String {
    use std::fmt::Write;
    let mut key = String::with_capacity(64);
    for value in cell {
        // Writing to a String cannot fail.
        let _ = match value {
            Value::String(Some(text)) => write!(key, "s{}:{text};", text.len()),
            Value::Int(Some(n)) => write!(key, "i{n};"),
            Value::BigInt(Some(n)) => write!(key, "b{n};"),
            other => write!(key, "{other:?};"),
        };
    }
    key
}

/// The upserts of already merged cells, in chunks that stay under the parameter limits.
fn upsert_counts(
    statements: &mut Vec<Statement>,
    backend: DatabaseBackend,
    table: &str,
    key_columns: &[&str],
    cells: Vec<(Vec<Value>, i64)>,
) -> Result<(), DbErr> {
    let rows_per_statement = VALUES_PER_UPSERT / (key_columns.len() + 1);
    for chunk in cells.chunks(rows_per_statement.max(1)) {
        let table = Alias::new(table);
        let count = Alias::new("count");
        let mut columns: Vec<Alias> = key_columns.iter().map(|c| Alias::new(*c)).collect();
        columns.push(count.clone());
        let mut insert = Query::insert();
        insert.into_table(table.clone()).columns(columns);
        for (cell, delta) in chunk {
            let row = cell
                .iter()
                .cloned()
                .chain([Value::from(*delta)])
                .map(Expr::val);
            insert
                .values(row)
                .map_err(|e| DbErr::Custom(e.to_string()))?;
        }
        insert.on_conflict(
            OnConflict::columns(key_columns.iter().map(|c| Alias::new(*c)))
                .value(
                    count.clone(),
                    Expr::col((table, count.clone()))
                        .add(Expr::col((Alias::new("excluded"), count))),
                )
                .to_owned(),
        );
        statements.push(backend.build(&insert));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Value {
        Value::from(s.to_string())
    }

    #[test]
    fn merge_sums_equal_cells_and_keeps_others_apart() {
        let cells = vec![
            (vec![text("court"), Value::from(3i32)], 1),
            (vec![text("a;s1:b")], 1),
            (vec![text("a"), text("b")], 1),
            (vec![text("court"), Value::from(3i32)], 2),
            (vec![text("court"), Value::from(3i64)], 5),
            (vec![Value::String(None)], 1),
            (vec![text("")], 1),
        ];
        let mut merged = merge(cells);
        merged.sort_by_key(|(_, count)| *count);
        let counts: Vec<i64> = merged.iter().map(|(_, count)| *count).collect();
        assert_eq!(counts, vec![1, 1, 1, 1, 3, 5]);
        let court = merged.iter().find(|(_, count)| *count == 3).unwrap();
        assert_eq!(court.0, vec![text("court"), Value::from(3i32)]);
    }
}
