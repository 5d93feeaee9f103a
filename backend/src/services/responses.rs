//! Storing a response: check it against the survey version it answered, redact and theme free
//! text, then in one transaction claim the invitation, write the anonymous response and its
//! comments, and bump the rollups. The response row gets a random id and the week only.
//!
//! Writes go through the application's writer tasks ([`Submissions`]): a writer commits every
//! submission waiting at that moment in one transaction (group commit) and answers each only
//! after that commit, so a 201 still means stored. SQLite gets one writer, so its connections
//! never wait on each other's write lock; PostgreSQL a few, so commits overlap. On both, a batch
//! costs a handful of multi-row statements instead of a dozen per answer. If a batch fails,
//! its submissions are retried one by one, so one bad row cannot fail the others.

use crate::error::{ApiError, ApiResult};
use crate::services::{invitations, surveys, units};
use crate::storage::entities::{comment, comment_theme, invitation, response};
use crate::week::{current_week, now_unix};
use analysis::{Polarity, Tagger, ThemeTag};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, EntityTrait, Set,
    TransactionTrait, Value,
};
use shared::{AnswerValue, Channel, Stage, SubmissionReceipt, SubmissionRequest, SurveyDefinition};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

/// A response ready to store: answers already checked against its survey version.
pub struct NewResponse {
    pub stage: Stage,
    pub unit_id: i32,
    pub channel: Channel,
    pub survey_version: u32,
    pub week: String,
    pub answers: BTreeMap<String, AnswerValue>,
}

/// Most submissions one transaction commits.
const MAX_BATCH: usize = 128;
/// Submissions waiting for the writer beyond which new ones wait to be queued.
const QUEUE_DEPTH: usize = 1024;
/// Writer tasks on PostgreSQL (each holds one pooled connection while it writes).
const POSTGRES_WRITERS: usize = 4;

/// Published survey versions by stage and version.
type SurveyCache = HashMap<(Stage, u32), Arc<SurveyDefinition>>;

/// The application's submission writer and what submitting reads but never changes: published
/// survey versions (a published version cannot change in place) and unit codes.
#[derive(Clone)]
pub struct Submissions {
    db: DatabaseConnection,
    queue: mpsc::Sender<Job>,
    surveys: Arc<Mutex<SurveyCache>>,
    unit_codes: Arc<Mutex<HashMap<i32, String>>>,
}

/// One submission waiting for the writer: its response with the themes of its comments (in
/// answer order), and where to send the outcome once committed.
struct Job {
    invitation_id: i32,
    new: NewResponse,
    themes: Vec<Vec<ThemeTag>>,
    reply: oneshot::Sender<ApiResult<()>>,
}

impl Submissions {
    /// Starts the writer task on `db`; it ends when the last `Submissions` clone is dropped.
    pub fn start(db: DatabaseConnection) -> Self {
        let (queue, jobs) = mpsc::channel(QUEUE_DEPTH);
        let jobs = Arc::new(tokio::sync::Mutex::new(jobs));
        // SQLite has one write lock: one writer. PostgreSQL commits several transactions
        // at once (its WAL flushes group them), so a few writers overlap their commits.
        let writers = match db.get_database_backend() {
            DatabaseBackend::Sqlite => 1,
            _ => POSTGRES_WRITERS,
        };
        for _ in 0..writers {
            tokio::spawn(write_loop(db.clone(), jobs.clone()));
        }
        Self {
            db,
            queue,
            surveys: Arc::default(),
            unit_codes: Arc::default(),
        }
    }

    async fn survey(&self, stage: Stage, version: u32) -> ApiResult<Arc<SurveyDefinition>> {
        if let Some(found) = lock(&self.surveys).get(&(stage, version)) {
            return Ok(found.clone());
        }
        let definition = surveys::find_version(&self.db, stage, version)
            .await?
            .ok_or_else(|| {
                ApiError::field("survey_version", "there is no such version of this survey")
            })?;
        let definition = Arc::new(definition);
        lock(&self.surveys).insert((stage, version), definition.clone());
        Ok(definition)
    }

    async fn unit_code(&self, unit_id: i32) -> ApiResult<String> {
        if let Some(code) = lock(&self.unit_codes).get(&unit_id) {
            return Ok(code.clone());
        }
        let unit = units::find_by_id(&self.db, unit_id).await?.ok_or_else(|| {
            ApiError::Internal(anyhow::anyhow!("invitation names a missing unit"))
        })?;
        lock(&self.unit_codes).insert(unit_id, unit.code.clone());
        Ok(unit.code)
    }
}

/// The caches hold plain data, so a panic elsewhere cannot leave them half-written.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub async fn submit(
    submissions: &Submissions,
    tagger: &Tagger,
    token_text: &str,
    request: SubmissionRequest,
) -> ApiResult<SubmissionReceipt> {
    let invitation = invitations::find_open(&submissions.db, token_text).await?;
    let stage = Stage::from_str(&invitation.stage)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("stored invitation: {e}")))?;
    let channel = Channel::from_str(&invitation.channel)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("stored invitation: {e}")))?;
    let definition = submissions.survey(stage, request.survey_version).await?;
    definition
        .check_submission(&request)
        .map_err(ApiError::Validation)?;
    let unit_code = submissions.unit_code(invitation.unit_id).await?;

    let new = NewResponse {
        stage,
        unit_id: invitation.unit_id,
        channel,
        survey_version: request.survey_version,
        week: current_week(),
        answers: redact_free_text(request.answers),
    };
    let themes = theme_comments(tagger, &new);
    let (reply, outcome) = oneshot::channel();
    let job = Job {
        invitation_id: invitation.id,
        new,
        themes,
        reply,
    };
    let stopped = || ApiError::Internal(anyhow::anyhow!("the submission writer has stopped"));
    submissions.queue.send(job).await.map_err(|_| stopped())?;
    outcome.await.map_err(|_| stopped())??;
    Ok(SubmissionReceipt {
        stored: true,
        unit_code,
    })
}

async fn write_loop(db: DatabaseConnection, jobs: Arc<tokio::sync::Mutex<mpsc::Receiver<Job>>>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    // Take whatever is waiting (at least one), then let another writer take the next lot.
    while jobs.lock().await.recv_many(&mut batch, MAX_BATCH).await > 0 {
        match write_batch(&db, &batch).await {
            Ok(claimed) => answer(std::mem::take(&mut batch), &claimed),
            Err(error) if batch.len() == 1 => {
                tracing::error!(%error, "storing a submission");
                if let Some(job) = batch.pop() {
                    let _ = job.reply.send(Err(error.into()));
                }
            }
            Err(error) => {
                tracing::warn!(%error, size = batch.len(), "a batch failed; storing one by one");
                for job in batch.drain(..) {
                    let single = [job];
                    match write_batch(&db, &single).await {
                        Ok(claimed) => answer(Vec::from(single), &claimed),
                        Err(error) => {
                            tracing::error!(%error, "storing a submission");
                            let [job] = single;
                            let _ = job.reply.send(Err(error.into()));
                        }
                    }
                }
            }
        }
    }
}

/// Answers each job after its batch committed: stored when its invitation was claimed by it,
/// else "used" (claimed before, expired meanwhile, or by an earlier job in the same batch).
fn answer(batch: Vec<Job>, claimed: &HashSet<i32>) {
    let mut seen = HashSet::new();
    for job in batch {
        let stored = claimed.contains(&job.invitation_id) && seen.insert(job.invitation_id);
        let outcome = if stored {
            Ok(())
        } else {
            Err(ApiError::InvitationUsed)
        };
        // A client that went away still has its answer stored; nobody is left to tell.
        let _ = job.reply.send(outcome);
    }
}

/// One transaction for the batch: claim every invitation still open (one conditional UPDATE,
/// so two racing submissions, even from two instances, cannot both succeed), then store the
/// responses whose claim succeeded. Returns the invitation ids claimed.
async fn write_batch(db: &DatabaseConnection, batch: &[Job]) -> Result<HashSet<i32>, DbErr> {
    let txn = db.begin().await?;
    let ids: Vec<i32> = batch.iter().map(|job| job.invitation_id).collect();
    let claimed = claim_all(&txn, &ids).await?;
    let mut seen = HashSet::new();
    let stored: Vec<(&NewResponse, &[Vec<ThemeTag>])> = batch
        .iter()
        .filter(|job| claimed.contains(&job.invitation_id) && seen.insert(job.invitation_id))
        .map(|job| (&job.new, job.themes.as_slice()))
        .collect();
    store_all(&txn, &stored).await?;
    txn.commit().await?;
    Ok(claimed)
}

async fn claim_all(db: &impl ConnectionTrait, ids: &[i32]) -> Result<HashSet<i32>, DbErr> {
    let mut update = Query::update();
    update
        .table(invitation::Entity)
        .value(invitation::Column::Used, true)
        .and_where(Expr::col(invitation::Column::Id).is_in(ids.iter().copied()))
        .and_where(Expr::col(invitation::Column::Used).eq(false))
        .and_where(Expr::col(invitation::Column::ExpiresAt).gt(now_unix()))
        .returning_col(invitation::Column::Id);
    let mut claimed = HashSet::new();
    for row in db.query_all(&update).await? {
        claimed.insert(row.try_get::<i32>("", "id")?);
    }
    Ok(claimed)
}

/// Free text is redacted before it goes anywhere else, including logs.
fn redact_free_text(answers: BTreeMap<String, AnswerValue>) -> BTreeMap<String, AnswerValue> {
    answers
        .into_iter()
        .map(|(id, answer)| match answer {
            AnswerValue::Text(text) => (id, AnswerValue::Text(analysis::redact(&text).text)),
            other => (id, other),
        })
        .collect()
}

/// The themes of each free-text answer, in answer order (tagging is CPU work, done before
/// the writer so requests tag in parallel).
fn theme_comments(tagger: &Tagger, new: &NewResponse) -> Vec<Vec<ThemeTag>> {
    new.answers
        .values()
        .filter_map(|answer| match answer {
            AnswerValue::Text(body) => Some(tagger.tag(body)),
            _ => None,
        })
        .collect()
}

/// Where a comment's theme came from.
pub const THEME_SOURCE_AUTO: &str = "auto";
pub const THEME_SOURCE_STAFF: &str = "staff";

pub fn polarity_name(polarity: Polarity) -> &'static str {
    match polarity {
        Polarity::Negative => "negative",
        Polarity::Positive => "positive",
        Polarity::Neutral => "neutral",
    }
}

/// Writes one response, its comments with their themes, and its rollup counts on `db` (a
/// transaction in practice). Free text must already be redacted. Also used by the demo
/// loader, so demo data goes through the same path as real answers.
pub async fn store(
    db: &impl ConnectionTrait,
    tagger: &Tagger,
    new: &NewResponse,
) -> Result<(), DbErr> {
    let themes = theme_comments(tagger, new);
    store_all(db, &[(new, themes.as_slice())]).await
}

/// Writes responses (each with the themes of its free-text answers, in answer order), their
/// comments and themes, and their rollup counts: one multi-row statement per table.
async fn store_all(
    db: &impl ConnectionTrait,
    responses: &[(&NewResponse, &[Vec<ThemeTag>])],
) -> Result<(), DbErr> {
    if responses.is_empty() {
        return Ok(());
    }
    let mut response_rows = Vec::with_capacity(responses.len());
    let mut comment_rows = Vec::new();
    let mut theme_rows = Vec::new();
    let mut answer_cells = Vec::new();
    let mut response_cells = Vec::with_capacity(responses.len());
    let mut theme_cells = Vec::new();
    for &(new, themes) in responses {
        let response_id = Uuid::new_v4().to_string();
        let stage = new.stage.to_string();
        let counted: BTreeMap<&String, &AnswerValue> = new
            .answers
            .iter()
            .filter(|(_, a)| !matches!(a, AnswerValue::Text(_)))
            .collect();
        response_rows.push(response::ActiveModel {
            id: Set(response_id.clone()),
            stage: Set(stage.clone()),
            unit_id: Set(new.unit_id),
            channel: Set(new.channel.as_str().to_string()),
            survey_version: Set(new.survey_version as i32),
            week: Set(new.week.clone()),
            answers: Set(
                serde_json::to_string(&counted).map_err(|e| DbErr::Custom(e.to_string()))?
            ),
        });

        let unit = Value::from(new.unit_id);
        let stage_value = Value::from(stage.clone());
        let week = Value::from(new.week.clone());
        let texts = new
            .answers
            .iter()
            .filter_map(|(question_id, answer)| match answer {
                AnswerValue::Text(body) => Some((question_id, body)),
                _ => None,
            });
        for ((question_id, body), tags) in texts.zip(themes) {
            let comment_id = Uuid::new_v4().to_string();
            comment_rows.push(comment::ActiveModel {
                id: Set(comment_id.clone()),
                response_id: Set(response_id.clone()),
                question_id: Set(question_id.clone()),
                body: Set(body.clone()),
                stage: Set(stage.clone()),
                unit_id: Set(new.unit_id),
                week: Set(new.week.clone()),
            });
            for tag in tags {
                theme_rows.push(comment_theme::ActiveModel {
                    comment_id: Set(comment_id.clone()),
                    theme: Set(tag.id.clone()),
                    polarity: Set(polarity_name(tag.polarity).to_string()),
                    source: Set(THEME_SOURCE_AUTO.to_string()),
                    ..Default::default()
                });
                theme_cells.push(vec![
                    unit.clone(),
                    stage_value.clone(),
                    week.clone(),
                    Value::from(tag.id.clone()),
                    Value::from(polarity_name(tag.polarity)),
                ]);
            }
        }
        for (question_id, answer) in &counted {
            for token in answer.tokens() {
                answer_cells.push(vec![
                    unit.clone(),
                    stage_value.clone(),
                    week.clone(),
                    Value::from((*question_id).clone()),
                    Value::from(token),
                ]);
            }
        }
        response_cells.push(vec![
            unit,
            stage_value,
            week,
            Value::from(new.channel.as_str()),
        ]);
    }

    // Rows per statement stay well under SQLite's and PostgreSQL's bound-parameter limits.
    for chunk in response_rows.chunks(500) {
        response::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(db)
            .await?;
    }
    for chunk in comment_rows.chunks(500) {
        comment::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(db)
            .await?;
    }
    for chunk in theme_rows.chunks(500) {
        comment_theme::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(db)
            .await?;
    }
    bump_counts(
        db,
        "rollup_answers",
        &["unit_id", "stage", "week", "question_id", "value"],
        answer_cells,
    )
    .await?;
    bump_counts(
        db,
        "rollup_responses",
        &["unit_id", "stage", "week", "channel"],
        response_cells,
    )
    .await?;
    bump_counts(
        db,
        "rollup_themes",
        &["unit_id", "stage", "week", "theme", "polarity"],
        theme_cells,
    )
    .await?;
    Ok(())
}

/// Adds one to the `count` of each cell (keyed by `key_columns`, which include `week`) per
/// time it is listed. See [`add_to_counts`].
pub async fn bump_counts(
    db: &impl ConnectionTrait,
    table: &str,
    key_columns: &[&str],
    cells: Vec<Vec<Value>>,
) -> Result<(), DbErr> {
    add_to_counts(
        db,
        table,
        key_columns,
        cells.into_iter().map(|c| (c, 1)).collect(),
    )
    .await
}

/// Weekly rollups that also keep a monthly table with the stage summed out
/// (`{table}_monthly_all_stages`).
const STAGELESS_MONTHLY: &[&str] = &["rollup_themes"];

/// Adds `delta` (which may be negative, e.g. a staff correction taking a theme away) to the
/// `count` of each cell of a weekly rollup table (`key_columns` include `week`) and of its
/// month-level twin `<table>_monthly` (the same key with `month`, the month of the week's
/// Monday), plus `<table>_monthly_all_stages` for the tables in [`STAGELESS_MONTHLY`],
/// inserting cells not yet there and deleting cells that reach zero. Every rollup write goes
/// through here, so the levels always agree. One upsert per table keeps the
/// transaction short.
pub async fn add_to_counts(
    db: &impl ConnectionTrait,
    table: &str,
    key_columns: &[&str],
    cells: Vec<(Vec<Value>, i64)>,
) -> Result<(), DbErr> {
    let week_at = key_columns
        .iter()
        .position(|c| *c == "week")
        .ok_or_else(|| DbErr::Custom(format!("{table}: rollup keys must include week")))?;
    let monthly_cells: Vec<(Vec<Value>, i64)> = cells
        .iter()
        .map(|(cell, delta)| {
            let mut cell = cell.clone();
            if let Value::String(Some(week)) = &mut cell[week_at] {
                week.truncate(7);
            }
            (cell, *delta)
        })
        .collect();
    let monthly_columns: Vec<&str> = key_columns
        .iter()
        .map(|c| if *c == "week" { "month" } else { *c })
        .collect();
    let taken_away = cells.iter().any(|(_, delta)| *delta < 0);
    let monthly_table = format!("{table}_monthly");
    let mut touched = vec![table.to_string(), monthly_table.clone()];
    // Themes also keep a month level with every stage together, which the advocate dashboard
    // reads when no stage is filtered.
    let stage_at = key_columns.iter().position(|c| *c == "stage");
    if let (true, Some(stage_at)) = (STAGELESS_MONTHLY.contains(&table), stage_at) {
        let stageless_table = format!("{table}_monthly_all_stages");
        let stageless_columns: Vec<&str> = monthly_columns
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != stage_at)
            .map(|(_, c)| *c)
            .collect();
        let stageless_cells = monthly_cells
            .iter()
            .map(|(cell, delta)| {
                let mut cell = cell.clone();
                cell.remove(stage_at);
                (cell, *delta)
            })
            .collect();
        upsert_counts(db, &stageless_table, &stageless_columns, stageless_cells).await?;
        touched.push(stageless_table);
    }
    upsert_counts(db, table, key_columns, cells).await?;
    upsert_counts(db, &monthly_table, &monthly_columns, monthly_cells).await?;
    if taken_away {
        // A recount would not have empty cells, at any level.
        for table in &touched {
            db.execute_unprepared(&format!("DELETE FROM {table} WHERE count <= 0"))
                .await?;
        }
    }
    Ok(())
}

async fn upsert_counts(
    db: &impl ConnectionTrait,
    table: &str,
    key_columns: &[&str],
    cells: Vec<(Vec<Value>, i64)>,
) -> Result<(), DbErr> {
    // PostgreSQL refuses an upsert that touches one row twice, so equal cells (two comments
    // with the same theme) are sent once with their summed count. Cells hold numbers and
    // text only, so their debug form is a faithful key.
    let mut merged: BTreeMap<String, (Vec<Value>, i64)> = BTreeMap::new();
    for (cell, delta) in cells {
        merged
            .entry(format!("{cell:?}"))
            .or_insert_with(|| (cell, 0))
            .1 += delta;
    }
    if merged.is_empty() {
        return Ok(());
    }
    let table = Alias::new(table);
    let count = Alias::new("count");
    let mut columns: Vec<Alias> = key_columns.iter().map(|c| Alias::new(*c)).collect();
    columns.push(count.clone());
    let mut insert = Query::insert();
    insert.into_table(table.clone()).columns(columns);
    for (cell, delta) in merged.into_values() {
        let row = cell.into_iter().chain([Value::from(delta)]).map(Expr::val);
        insert
            .values(row)
            .map_err(|e| DbErr::Custom(e.to_string()))?;
    }
    insert.on_conflict(
        OnConflict::columns(key_columns.iter().map(|c| Alias::new(*c)))
            .value(
                count.clone(),
                Expr::col((table, count.clone())).add(Expr::col((Alias::new("excluded"), count))),
            )
            .to_owned(),
    );
    db.execute(&insert).await?;
    Ok(())
}
