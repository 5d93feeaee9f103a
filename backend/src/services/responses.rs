//! Storing a response: redact and theme free text, check the answers against the survey
//! version they answer, then in one transaction claim the invitation and write the anonymous
//! response and its comments; the rollups count it at the next fold (`rollups`,
//! every `FOLD_EVERY` or before anyone reads them). The response row gets a random id and the
//! week only.
//!
//! Writes go through the application's writer tasks ([`Submissions`]): a writer commits every
//! submission waiting at that moment in one transaction (group commit) and answers each only
//! after that commit, so a 201 still means stored. SQLite gets one writer, so its connections
//! never wait on each other's write lock; PostgreSQL a few, so commits overlap. On both, a batch
//! costs one round trip whatever its size ([`claim_and_store`]), on a connection the writer
//! keeps ([`HeldConnection`]), plus one read of the links it could not claim, if any. If a
//! batch fails, its submissions are retried one by one, so one bad row cannot fail the others.
//! The writers also run the periodic rollup fold, so on SQLite it never waits for their write
//! lock, and on SQLite finish a WAL checkpoint between batches once the WAL has grown.

use crate::error::{ApiError, ApiResult};
use crate::services::held_connection::HeldConnection;
use crate::services::{claim_and_store, invitations, rollups, surveys};
use crate::storage::entities::{comment, comment_theme, invitation, response};
use crate::token::InvitationToken;
use crate::week::{current_week, now_unix};
use analysis::{Polarity, Tagger, ThemeTag};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryTrait, Set, Statement, TransactionSession, TransactionTrait,
};
use shared::{AnswerValue, Channel, Stage, SubmissionReceipt, SubmissionRequest, SurveyDefinition};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};
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
const POSTGRES_WRITERS: u32 = 4;

/// Published survey versions by stage and version.
type SurveyCache = HashMap<(Stage, u32), Arc<SurveyDefinition>>;

/// The application's submission writer.
#[derive(Clone)]
pub struct Submissions {
    queue: mpsc::Sender<Work>,
}

/// What the writers read but never change: published survey versions (a published version
/// cannot change in place).
struct Lookups {
    db: DatabaseConnection,
    surveys: Mutex<SurveyCache>,
}

/// One submission waiting for the writer: the link's token hash, the answers as sent (checked
/// against the survey once the link says which one) and as stored (free text redacted), the
/// themes of its comments (in answer order), and where to send the outcome once committed.
struct Job {
    token_hash: String,
    request: SubmissionRequest,
    redacted: BTreeMap<String, AnswerValue>,
    themes: Vec<Vec<ThemeTag>>,
    reply: oneshot::Sender<ApiResult<SubmissionReceipt>>,
}

/// How many writer tasks a database gets. SQLite has one write lock: one writer. PostgreSQL
/// commits several transactions at once (its WAL flushes group them), so a few writers
/// overlap their commits.
fn writer_count(backend: DatabaseBackend) -> u32 {
    match backend {
        DatabaseBackend::Sqlite => 1,
        _ => POSTGRES_WRITERS,
    }
}

/// The size of the writers' pool: a connection each writer keeps for its batches, and one
/// more for everything else they do (folds, checkpoints, reading why a link was refused).
pub fn writer_connections(backend: DatabaseBackend) -> u32 {
    writer_count(backend) + 1
}

impl Submissions {
    /// Starts the writer tasks on `db` (a pool of [`writer_connections`] for them alone, from
    /// `storage::connect_writers`); on SQLite, `checkpoints` (another pool) checkpoints
    /// the WAL for them. They end when the last `Submissions` clone is dropped.
    pub fn start(db: DatabaseConnection, checkpoints: DatabaseConnection) -> Self {
        let (queue, work) = mpsc::channel(QUEUE_DEPTH);
        let work = Arc::new(tokio::sync::Mutex::new(work));
        let stored_since_fold = Arc::new(AtomicBool::new(false));
        let lookups = Arc::new(Lookups {
            db: db.clone(),
            surveys: Mutex::default(),
        });
        for _ in 0..writer_count(db.get_database_backend()) {
            tokio::spawn(write_loop(
                lookups.clone(),
                work.clone(),
                stored_since_fold.clone(),
            ));
        }
        tokio::spawn(fold_ticker(queue.downgrade(), stored_since_fold));
        if checkpoints.get_database_backend() == DatabaseBackend::Sqlite {
            tokio::spawn(checkpoint_ticker(queue.downgrade(), checkpoints));
        }
        Self { queue }
    }
}

/// Cache misses read on the writers' own pool, never inside a batch's transaction.
impl Lookups {
    async fn survey(
        &self,
        db: &impl ConnectionTrait,
        stage: Stage,
        version: u32,
    ) -> ApiResult<Arc<SurveyDefinition>> {
        if let Some(found) = lock(&self.surveys).get(&(stage, version)) {
            return Ok(found.clone());
        }
        let definition = surveys::find_version(db, stage, version)
            .await?
            .ok_or_else(|| {
                ApiError::field("survey_version", "there is no such version of this survey")
            })?;
        let definition = Arc::new(definition);
        lock(&self.surveys).insert((stage, version), definition.clone());
        Ok(definition)
    }

    /// The stages whose published survey, at the version these answers give, they fit.
    async fn fitting_stages(&self, request: &SubmissionRequest) -> ApiResult<Vec<Stage>> {
        let mut fitting = Vec::with_capacity(1);
        for stage in Stage::ALL {
            match self.survey(&self.db, stage, request.survey_version).await {
                Ok(definition) if definition.check_submission(request).is_ok() => {
                    fitting.push(stage)
                }
                // No such version of this stage's survey, or answers that do not fit it.
                Ok(_) | Err(ApiError::Validation(_)) => {}
                Err(other) => return Err(other),
            }
        }
        Ok(fitting)
    }

    /// Why a job's link was not claimed, given the stored invitation (if any): unknown,
    /// used or expired, or answers that do not fit its survey.
    async fn why_refused(
        &self,
        invitation: Option<invitation::Model>,
        request: &SubmissionRequest,
    ) -> ApiError {
        let Some(invitation) = invitation else {
            return ApiError::InvitationNotFound;
        };
        if let Some(closed) = invitations::why_closed(&invitation) {
            return closed;
        }
        let stage = match Stage::from_str(&invitation.stage) {
            Ok(stage) => stage,
            Err(e) => return ApiError::Internal(anyhow::anyhow!("stored invitation: {e}")),
        };
        match self.survey(&self.db, stage, request.survey_version).await {
            Ok(definition) => match definition.check_submission(request) {
                Err(fields) => ApiError::Validation(fields),
                // Open and fitting, yet not claimed: a concurrent submission was taking it.
                Ok(()) => ApiError::InvitationUsed,
            },
            Err(refusal) => refusal,
        }
    }
}

/// The caches hold plain data, so a panic elsewhere cannot leave them half-written.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Stores a submission through the writer and answers once it is committed. The CPU work
/// (redaction, tagging) happens here, in parallel across requests; finding the link, checking
/// the answers against its survey and storing them happen in the writer's batch, so a busy
/// server reads the invitations once per batch instead of once per request.
pub async fn submit(
    submissions: &Submissions,
    tagger: Arc<Tagger>,
    token_text: &str,
    request: SubmissionRequest,
) -> ApiResult<SubmissionReceipt> {
    let token = InvitationToken::parse(token_text).ok_or(ApiError::InvitationNotFound)?;
    let inline = free_text_bytes(&request.answers) <= INLINE_TEXT_BYTES;
    let redact_and_theme = move || {
        let redacted = redact_free_text(&request.answers);
        let themes = theme_comments(&tagger, &redacted);
        (request, redacted, themes)
    };
    let (request, redacted, themes) = if inline {
        redact_and_theme()
    } else {
        tokio::task::spawn_blocking(redact_and_theme)
            .await
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("redacting an answer stopped: {e}")))?
    };
    let (reply, outcome) = oneshot::channel();
    let job = Job {
        token_hash: token.hash(),
        request,
        redacted,
        themes,
        reply,
    };
    submissions
        .queue
        .send(Work::Submit(job))
        .await
        .map_err(|_| writer_stopped())?;
    outcome.await.map_err(|_| writer_stopped())?
}

fn writer_stopped() -> ApiError {
    ApiError::Internal(anyhow::anyhow!("the submission writer has stopped"))
}

/// What a writer task does next: store a submission, or fold stored responses into the
/// rollups (queued by [`fold_ticker`], or by a reader through [`Submissions::fold_now`], who
/// waits for the outcome). On SQLite the fold so takes the one writer's turn instead of
/// waiting for its write lock.
enum Work {
    Submit(Job),
    Fold(Option<oneshot::Sender<Result<usize, DbErr>>>),
    /// Finish checkpointing the WAL between batches ([`checkpoint_ticker`]).
    Checkpoint,
}

impl Submissions {
    /// Counts every stored response into the rollups before returning: what a reader of the
    /// rollups (a dashboard) calls first, so it includes every answer acknowledged before it.
    pub async fn fold_now(&self) -> ApiResult<()> {
        let (reply, outcome) = oneshot::channel();
        self.queue
            .send(Work::Fold(Some(reply)))
            .await
            .map_err(|_| writer_stopped())?;
        outcome.await.map_err(|_| writer_stopped())??;
        Ok(())
    }
}

async fn write_loop(
    lookups: Arc<Lookups>,
    queue: Arc<tokio::sync::Mutex<mpsc::Receiver<Work>>>,
    stored_since_fold: Arc<AtomicBool>,
) {
    let mut connection = HeldConnection::new(lookups.db.clone());
    let mut received = Vec::with_capacity(MAX_BATCH);
    // Take whatever is waiting (at least one), then let another writer take the next lot.
    while queue.lock().await.recv_many(&mut received, MAX_BATCH).await > 0 {
        let mut folds = Vec::new();
        let mut checkpoint = false;
        let mut jobs = Vec::with_capacity(received.len());
        for work in received.drain(..) {
            match work {
                Work::Submit(job) => jobs.push(job),
                Work::Fold(reply) => folds.push(reply),
                Work::Checkpoint => checkpoint = true,
            }
        }
        if !jobs.is_empty() {
            // A link sent twice in one lot: the second goes in a batch after the first's
            // commit, so it meets the link as the first left it.
            while !jobs.is_empty() {
                let (batch, later) = one_per_link(jobs);
                write_and_answer(&lookups, &mut connection, batch).await;
                jobs = later;
            }
            stored_since_fold.store(true, Ordering::Release);
        }
        if !folds.is_empty() {
            let outcome = connection.fold().await;
            if let Err(error) = &outcome {
                // The responses stay marked unfolded; the next fold counts them.
                tracing::error!(%error, "folding responses into the rollups");
            }
            for reply in folds.into_iter().flatten() {
                let _ = reply.send(outcome.clone());
            }
        }
        if checkpoint {
            checkpoint_wal(&lookups.db).await;
        }
    }
}

/// Splits jobs into the first for each link and the rest.
fn one_per_link(jobs: Vec<Job>) -> (Vec<Job>, Vec<Job>) {
    let mut seen = HashSet::new();
    jobs.into_iter()
        .partition(|job| seen.insert(job.token_hash.clone()))
}

/// Every [`rollups::FOLD_EVERY`], queues a fold if anything was stored since the last one,
/// and every [`rollups::SWEEP_EVERY`] in any case: responses this writer did not store (another
/// instance's, or a killed server's transaction that PostgreSQL committed after this server's
/// start-up fold) are then counted too. Holds the queue weakly, so the writers still stop when
/// the last `Submissions` goes.
async fn fold_ticker(queue: mpsc::WeakSender<Work>, stored_since_fold: Arc<AtomicBool>) {
    let mut last_fold = tokio::time::Instant::now();
    loop {
        tokio::time::sleep(rollups::FOLD_EVERY).await;
        let Some(queue) = queue.upgrade() else { return };
        let stored = stored_since_fold.swap(false, Ordering::AcqRel);
        if stored || last_fold.elapsed() >= rollups::SWEEP_EVERY {
            last_fold = tokio::time::Instant::now();
            if queue.send(Work::Fold(None)).await.is_err() {
                return;
            }
        }
    }
}

/// How often the WAL is checkpointed for the SQLite writer (whose own connection does not).
const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_millis(250);
/// WAL frames (pages) beyond which the writer itself finishes a checkpoint between batches,
/// so the WAL starts again from its beginning: 16 MB of 4 KB pages.
const WAL_RESTART_FRAMES: i64 = 4096;
/// The checkpoint both the ticker and the writer run: it neither waits for nor blocks anyone.
const CHECKPOINT: &str = "PRAGMA wal_checkpoint(PASSIVE)";

/// Every [`CHECKPOINT_EVERY`] while the writers run, copies the WAL's committed pages into the
/// database file on `db` (not the writer's connection). PASSIVE: it neither waits for nor
/// blocks the writer or readers, and copies what no reader still needs.
///
/// Under steady submissions such a checkpoint never copies the whole WAL, because the writer
/// has committed more by the time it ends, and SQLite starts the WAL again from its beginning
/// only once every frame is copied: the file would grow for as long as the load lasts (by
/// about 100 MB a second under the bench's load on this machine), and every commit would
/// write to newly allocated file pages.
/// So once the WAL holds [`WAL_RESTART_FRAMES`], the writer is asked to checkpoint between
/// batches: with no commit in between, only what this pass left is copied, the checkpoint
/// completes, and the writer's next commit reuses the WAL from its start.
async fn checkpoint_ticker(queue: mpsc::WeakSender<Work>, db: DatabaseConnection) {
    loop {
        tokio::time::sleep(CHECKPOINT_EVERY).await;
        let Some(queue) = queue.upgrade() else { return };
        match db
            .query_one_raw(Statement::from_string(DatabaseBackend::Sqlite, CHECKPOINT))
            .await
        {
            // Columns: busy, frames in the WAL, frames copied (-1 when not in WAL mode).
            Ok(Some(row)) => {
                let frames: i64 = row.try_get_by_index(1).unwrap_or(0);
                if frames >= WAL_RESTART_FRAMES && queue.send(Work::Checkpoint).await.is_err() {
                    return;
                }
            }
            Ok(None) => {}
            Err(error) => tracing::warn!(%error, "checkpointing the WAL"),
        }
    }
}

/// A checkpoint on the writer's own connection, run between batches.
async fn checkpoint_wal(db: &DatabaseConnection) {
    if let Err(error) = db.execute_unprepared(CHECKPOINT).await {
        tracing::warn!(%error, "checkpointing the WAL between batches");
    }
}

/// Stores a batch (one job per link) and answers each job in it. If the batch fails, nothing
/// of it was kept, and each job is tried again alone, on a fresh connection if the failure
/// closed the writer's ([`claim_and_store`]): one bad row cannot fail the others, and a
/// connection the database dropped (a restart, an idle-connection limit) costs no answer.
async fn write_and_answer(lookups: &Lookups, connection: &mut HeldConnection, batch: Vec<Job>) {
    let outcomes = match write_batch(lookups, connection, &batch).await {
        Ok(outcomes) => outcomes,
        Err(error) => {
            tracing::warn!(%error, size = batch.len(), "a batch failed; storing one by one");
            let mut outcomes = Vec::with_capacity(batch.len());
            for job in &batch {
                match write_batch(lookups, connection, std::slice::from_ref(job)).await {
                    Ok(mut one) => outcomes.append(&mut one),
                    Err(error) => {
                        tracing::error!(%error, "storing a submission");
                        outcomes.push(Err(error.into()));
                    }
                }
            }
            outcomes
        }
    };
    for (job, outcome) in batch.into_iter().zip(outcomes) {
        // A client that went away still has its answer stored; nobody is left to tell.
        let _ = job.reply.send(outcome);
    }
}

/// The batch (one job per link) in one round trip ([`claim_and_store`]): each job's answers
/// are first checked against every stage's survey at the version they answer, and its link is
/// claimed (and its response stored) only if its stage is one they fit. Links left unclaimed
/// are read back once to say why: unknown (404), used or expired (410), or answers that do not
/// fit the link's survey (field errors; the link stays open). Returns each job's outcome; a
/// database error fails the whole batch and nothing of it is kept.
async fn write_batch(
    lookups: &Lookups,
    connection: &mut HeldConnection,
    batch: &[Job],
) -> Result<Vec<ApiResult<SubmissionReceipt>>, DbErr> {
    let mut outcomes: Vec<Option<ApiResult<SubmissionReceipt>>> = Vec::with_capacity(batch.len());
    let mut to_claim = Vec::with_capacity(batch.len());
    for job in batch {
        match lookups.fitting_stages(&job.request).await {
            Ok(stages) if stages.is_empty() => outcomes.push(None),
            Ok(stages) => {
                to_claim.push(submission_row(job, &stages));
                outcomes.push(None);
            }
            Err(ApiError::Database(error)) => return Err(error),
            Err(refusal) => outcomes.push(Some(Err(refusal))),
        }
    }
    let claimed = if to_claim.is_empty() {
        HashMap::new()
    } else {
        claim_and_store::claim_and_store(connection, &to_claim, &current_week(), now_unix()).await?
    };
    let unclaimed: Vec<&str> = batch
        .iter()
        .zip(&outcomes)
        .filter(|(job, outcome)| outcome.is_none() && !claimed.contains_key(&job.token_hash))
        .map(|(job, _)| job.token_hash.as_str())
        .collect();
    let mut invitations = invitations_by_hash(&lookups.db, &unclaimed).await?;
    let mut answered = Vec::with_capacity(batch.len());
    for (job, outcome) in batch.iter().zip(outcomes) {
        let outcome = match (outcome, claimed.get(&job.token_hash)) {
            (Some(refused), _) => refused,
            (None, Some(unit_code)) => Ok(SubmissionReceipt {
                stored: true,
                unit_code: unit_code.clone(),
            }),
            (None, None) => Err(lookups
                .why_refused(invitations.remove(&job.token_hash), &job.request)
                .await),
        };
        answered.push(outcome);
    }
    Ok(answered)
}

/// A job as the batch statement stores it: a fresh random response id, the answers counted in
/// the rollups, and its comments with their themes.
fn submission_row<'a>(job: &'a Job, fitting: &[Stage]) -> claim_and_store::Submission<'a> {
    claim_and_store::Submission {
        token_hash: &job.token_hash,
        response_id: Uuid::new_v4().to_string(),
        survey_version: job.request.survey_version,
        counted_answers: counted_answers_json(&job.redacted),
        fitting_stages: claim_and_store::stage_list(fitting.iter().map(|s| s.as_str())),
        comments: free_texts(&job.redacted)
            .zip(&job.themes)
            .map(|((question_id, body), themes)| claim_and_store::Comment {
                id: Uuid::new_v4().to_string(),
                question_id,
                body,
                themes,
            })
            .collect(),
    }
}

/// The invitations among `hashes`, by token hash (a link missing from the answer is unknown).
/// One read for the batch, none when every link was claimed.
async fn invitations_by_hash(
    db: &impl ConnectionTrait,
    hashes: &[&str],
) -> Result<HashMap<String, invitation::Model>, DbErr> {
    if hashes.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = invitation::Entity::find()
        .filter(invitation::Column::TokenHash.is_in(hashes.iter().copied()))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| (row.token_hash.clone(), row))
        .collect())
}

/// Free text up to this many bytes in one submission is redacted and tagged on the async
/// worker that received it (tens of microseconds for an ordinary answer); more goes to tokio's
/// blocking pool, so a submission full of long (or hostile) text, up to about 100 ms of work,
/// never holds up the other requests on that worker.
const INLINE_TEXT_BYTES: usize = 2048;

fn free_text_bytes(answers: &BTreeMap<String, AnswerValue>) -> usize {
    free_texts(answers).map(|(_, text)| text.len()).sum()
}

/// Free text is redacted before it goes anywhere else, including logs.
fn redact_free_text(answers: &BTreeMap<String, AnswerValue>) -> BTreeMap<String, AnswerValue> {
    answers
        .iter()
        .map(|(id, answer)| match answer {
            AnswerValue::Text(text) => (id.clone(), AnswerValue::Text(analysis::redact(text).text)),
            other => (id.clone(), other.clone()),
        })
        .collect()
}

/// The themes of each free-text answer, in answer order (tagging is CPU work, done before
/// the writer so requests tag in parallel).
fn theme_comments(tagger: &Tagger, answers: &BTreeMap<String, AnswerValue>) -> Vec<Vec<ThemeTag>> {
    free_texts(answers)
        .map(|(_, body)| tagger.tag(body))
        .collect()
}

/// The free-text answers (question id, text) in answer order: what is stored as comments.
fn free_texts(
    answers: &BTreeMap<String, AnswerValue>,
) -> impl Iterator<Item = (&String, &String)> + '_ {
    answers
        .iter()
        .filter_map(|(question_id, answer)| match answer {
            AnswerValue::Text(body) => Some((question_id, body)),
            _ => None,
        })
}

/// The answers counted in the rollups (all but free text), as a response row stores them.
fn counted_answers_json(answers: &BTreeMap<String, AnswerValue>) -> String {
    let counted: BTreeMap<&String, &AnswerValue> = answers
        .iter()
        .filter(|(_, a)| !matches!(a, AnswerValue::Text(_)))
        .collect();
    // String keys and plain values: serialising cannot fail.
    serde_json::to_string(&counted).unwrap_or_default()
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

/// Writes one response and its comments with their themes, in one transaction (a savepoint
/// when `db` is already one), to be counted by the next rollup fold. Free text must already
/// be redacted. The demo loader's path: the same rows, themes and fold as a real answer,
/// without a link to claim (real answers go through [`claim_and_store`]).
///
/// Why a transaction even for one response: the server's periodic fold claims every stored
/// response it can see, so one that ran between the response's insert and its themes'
/// would count the response without its themes, for good (CI caught a test doing so).
pub async fn store<C>(db: &C, tagger: &Tagger, new: &NewResponse) -> Result<(), DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let themes = theme_comments(tagger, &new.answers);
    let txn = db.begin().await?;
    store_all(&txn, &[(new, themes.as_slice())]).await?;
    txn.commit().await
}

/// Writes responses (each with the themes of its free-text answers, in answer order), their
/// comments and themes: one multi-row statement per table. The rollups follow at the next
/// fold (`rollups::fold_pending`).
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
    for &(new, themes) in responses {
        let response_id = Uuid::new_v4().to_string();
        let stage = new.stage.to_string();
        response_rows.push(response::ActiveModel {
            id: Set(response_id.clone()),
            stage: Set(stage.clone()),
            unit_id: Set(new.unit_id),
            channel: Set(new.channel.as_str().to_string()),
            survey_version: Set(new.survey_version as i32),
            week: Set(new.week.clone()),
            answers: Set(counted_answers_json(&new.answers)),
            // Counted by the next fold (`rollups`), not here.
            rolled_up: Set(false),
        });

        for ((question_id, body), tags) in free_texts(&new.answers).zip(themes) {
            let comment_id = Uuid::new_v4().to_string();
            comment_rows.push(comment::ActiveModel {
                id: Set(comment_id.clone()),
                response_id: Set(response_id.clone()),
                question_id: Set(question_id.clone()),
                body: Set(body.clone()),
                stage: Set(stage.clone()),
                unit_id: Set(new.unit_id),
                week: Set(new.week.clone()),
                // Re-tagged later by the refiner (`refine`), off the request path.
                themes_refined: Set(false),
            });
            for tag in tags {
                theme_rows.push(comment_theme::ActiveModel {
                    comment_id: Set(comment_id.clone()),
                    theme: Set(tag.id.clone()),
                    polarity: Set(polarity_name(tag.polarity).to_string()),
                    source: Set(THEME_SOURCE_AUTO.to_string()),
                });
            }
        }
    }

    // Rows per statement stay well under SQLite's and PostgreSQL's bound-parameter limits.
    let mut inserts = Vec::new();
    for chunk in response_rows.chunks(500) {
        inserts.push(response::Entity::insert_many(chunk.to_vec()).into_query());
    }
    for chunk in comment_rows.chunks(500) {
        inserts.push(comment::Entity::insert_many(chunk.to_vec()).into_query());
    }
    for chunk in theme_rows.chunks(500) {
        inserts.push(comment_theme::Entity::insert_many(chunk.to_vec()).into_query());
    }
    for insert in &inserts {
        db.execute(insert).await?;
    }
    Ok(())
}
