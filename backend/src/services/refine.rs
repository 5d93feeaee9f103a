//! The refiner: re-tags stored comments, in the background, with the slow and better tagger
//! ([`Tagger::refine`], tens of milliseconds of CPU per comment).
//!
//! Why in the background: submissions are tagged with the fast tagger (`Tagger::tag`, about
//! 0.1 ms) on the request path, whose throughput is benchmarked. This loop then takes a few
//! unrefined comments at a time, oldest week first, and gives them the refined themes. The
//! CPU work runs on one dedicated thread under Linux's `SCHED_IDLE` policy (nice 19 where
//! that is refused), so it only uses what requests leave idle: a waking request thread takes
//! the core from it at once, where a nice-19 thread could still hold it for a time slice.
//!
//! A batch starts only once the server has served no request for half a second, and stops
//! before its next comment when a request comes in; under traffic with no such pause, one
//! whole batch runs every 30 s. After each batch the refiner hands back its memory (the
//! encoder's buffers and weight pages, and what the allocator holds free). The refiner is
//! there to catch up in the quiet moments a victims' service mostly has, not to compete with
//! a burst of submissions or a dashboard for the CPU, the database's write lock or memory.
//! Under steady traffic comments keep their fast themes for longer; nothing else changes.
//!
//! A batch is stored in one transaction, so on SQLite the submission writer meets the
//! refiner's write lock once a batch rather than once a comment (each meeting can cost it
//! SQLite's busy-wait sleep). In it, each comment is claimed by a conditional `UPDATE comments
//! SET themes_refined = true WHERE id = ? AND themes_refined = false` (no row: another
//! instance or a staff correction got there first, and the comment is left alone), then its
//! themes are replaced (source `auto`) and the theme rollups moved by the difference through
//! `corrections::adjust_theme_rollups`, so they still equal a recount. A staff correction sets
//! the same flag while holding the same row lock (PostgreSQL) or write lock (SQLite), so the
//! refiner never overwrites staff themes, whichever comes first. Only comments whose response
//! the rollups already count (`rolled_up`) are taken: moving the counts of a comment the fold
//! has not added yet would take back what was never there.
//!
//! A comment is refined once, by the tagger of the moment (with what corrections had taught it
//! by then). `VV_REFINE_THEMES=false` turns the refiner off.

use crate::services::corrections::{self, LiveTagger};
use crate::services::responses::THEME_SOURCE_AUTO;
use crate::storage::entities::{comment, comment_theme};
use crate::web::activity::Activity;
use analysis::{Tagger, ThemeTag};
use anyhow::Context;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait, QueryFilter, Set,
    Statement, TransactionTrait,
};
use shared::{CommentTheme, ThemePolarity};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{mpsc, Arc};
use std::time::Duration;
use tokio::sync::oneshot;

/// Comments taken at a time: about a second of the encoder's CPU.
const BATCH: usize = 32;
/// How long the refiner waits when nothing is left to refine (new comments are taken a few
/// seconds after they arrive: this, plus the fold that counts their response first).
const IDLE: Duration = Duration::from_secs(2);
/// A batch starts once the server has served no request for this long...
const QUIET: Duration = Duration::from_millis(500);
/// ...or once this long has passed since the last batch, so steady traffic slows the refiner
/// to a batch per interval but never stops it.
const AT_LEAST_EVERY: Duration = Duration::from_secs(30);

/// Texts to refine with a tagger, and where their themes go.
struct Job {
    tagger: Arc<Tagger>,
    texts: Vec<String>,
    /// Stop before the next text once a request has come in (`None`: a batch that waited as
    /// long as it may, run whole).
    yield_to: Option<Activity>,
    /// The themes of the texts refined, in order, as many as were done before stopping
    /// (`None` for a text the tagger panicked on).
    reply: oneshot::Sender<Vec<Option<Vec<ThemeTag>>>>,
}

/// Starts the refiner: its low-priority thread, and the loop that feeds it for as long as the
/// server runs.
pub fn spawn(
    db: DatabaseConnection,
    tagger: Arc<LiveTagger>,
    activity: Activity,
) -> std::io::Result<()> {
    let worker = start_worker()?;
    tokio::spawn(async move {
        loop {
            let quiet = activity.until_quiet(QUIET, AT_LEAST_EVERY).await;
            let yield_to = quiet.then(|| activity.clone());
            match refine_next(&db, &tagger, &worker, yield_to).await {
                Ok(0) => tokio::time::sleep(IDLE).await,
                Ok(taken) => tracing::debug!(taken, "comments refined"),
                Err(error) => {
                    tracing::error!(error = format!("{error:#}"), "refining themes; will retry");
                    tokio::time::sleep(IDLE).await;
                }
            }
        }
    });
    Ok(())
}

/// The thread that runs the tagger, at the lowest priority. It ends when the loop (the only
/// sender) is gone.
fn start_worker() -> std::io::Result<mpsc::Sender<Job>> {
    let (jobs, queue) = mpsc::channel::<Job>();
    std::thread::Builder::new()
        .name("theme-refiner".into())
        .spawn(move || {
            lowest_priority();
            for job in queue {
                let mut refined = Vec::with_capacity(job.texts.len());
                for text in &job.texts {
                    let traffic = job.yield_to.as_ref().map(Activity::quiet_for);
                    if traffic.is_some_and(|quiet| quiet < QUIET) {
                        break;
                    }
                    // A text the tagger panics on fails alone, not the batch or the thread.
                    refined.push(catch_unwind(AssertUnwindSafe(|| job.tagger.refine(text))).ok());
                }
                let _ = job.reply.send(refined);
                release_memory();
            }
        })?;
    Ok(jobs)
}

/// Hands the batch's working memory back: the encoder's buffers and weight pages, then
/// whatever the allocator holds free (mimalloc would otherwise keep it for a while, and the
/// refiner may be idle for long). Once per batch, so the cost (a few milliseconds) is nothing
/// beside the batch's.
fn release_memory() {
    analysis::encoder::release_memory();
    // SAFETY: takes no pointers; collects the calling thread's heap and purges free pages.
    unsafe { libmimalloc_sys::mi_collect(true) };
}

/// `SCHED_IDLE` for the calling thread alone (Linux sets the policy per thread), or nice 19
/// if the policy is refused.
#[cfg(target_os = "linux")]
fn lowest_priority() {
    let param = libc::sched_param { sched_priority: 0 };
    // SAFETY: system calls about the calling thread itself (pid 0 and its own tid); `param`
    // outlives the call and nothing else is shared.
    let idle = unsafe { libc::sched_setscheduler(0, libc::SCHED_IDLE, &param) };
    if idle == 0 {
        return;
    }
    // SAFETY: as above, about the calling thread only.
    let nice = unsafe { libc::setpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t, 19) };
    if nice != 0 {
        let error = std::io::Error::last_os_error();
        tracing::warn!(%error, "the theme refiner runs at normal priority");
    }
}

#[cfg(not(target_os = "linux"))]
fn lowest_priority() {}

/// Refines the next batch, stopping early once a request comes in if `yield_to` says so;
/// returns how many comments it refined (0: none left, or traffic came back at once).
async fn refine_next(
    db: &DatabaseConnection,
    tagger: &LiveTagger,
    worker: &mpsc::Sender<Job>,
    yield_to: Option<Activity>,
) -> anyhow::Result<usize> {
    let comments = unrefined(db).await?;
    if comments.is_empty() {
        return Ok(0);
    }
    let (reply, refined) = oneshot::channel();
    let job = Job {
        tagger: tagger.current(),
        texts: comments.iter().map(|c| c.body.clone()).collect(),
        yield_to,
        reply,
    };
    worker
        .send(job)
        .ok()
        .context("the refiner thread has stopped")?;
    let refined = refined
        .await
        .ok()
        .context("the refiner thread has stopped")?;
    let done = refined.len();
    if done == 0 {
        return Ok(0);
    }
    let txn = db.begin().await?;
    for (comment, tags) in comments.iter().zip(refined) {
        if tags.is_none() {
            // Marked refined with the fast tagger's themes, so one bad text cannot hold up
            // every comment after it (they are taken oldest first).
            tracing::error!(comment = %comment.id, "the encoder tagger panicked; fast themes kept");
        }
        store(&txn, comment, tags.as_deref()).await?;
    }
    txn.commit().await?;
    Ok(done)
}

/// The next unrefined comments whose response the rollups count, oldest week first (through
/// the partial index `comments_unrefined`, whose condition is written here as it is there).
async fn unrefined(db: &DatabaseConnection) -> Result<Vec<comment::Model>, DbErr> {
    let sql = format!(
        "SELECT * FROM comments WHERE themes_refined = false AND EXISTS \
         (SELECT 1 FROM responses WHERE responses.id = comments.response_id \
         AND responses.rolled_up = true) ORDER BY week, id LIMIT {BATCH}"
    );
    comment::Entity::find()
        .from_raw_sql(Statement::from_string(db.get_database_backend(), sql))
        .all(db)
        .await
}

/// Gives one comment its refined themes (`None`: keeps the themes it has) and moves the
/// rollups with them, in the batch's transaction, unless it is refined (or corrected by staff)
/// already; then nothing of it is written.
async fn store(
    txn: &DatabaseTransaction,
    comment: &comment::Model,
    tags: Option<&[ThemeTag]>,
) -> Result<(), DbErr> {
    let claimed = comment::Entity::update_many()
        .col_expr(comment::Column::ThemesRefined, Expr::value(true))
        .filter(comment::Column::Id.eq(&comment.id))
        .filter(comment::Column::ThemesRefined.eq(false))
        .exec(txn)
        .await?;
    let Some(tags) = tags.filter(|_| claimed.rows_affected > 0) else {
        return Ok(());
    };
    let after: Vec<CommentTheme> = tags
        .iter()
        .map(|tag| CommentTheme {
            theme: tag.id.clone(),
            polarity: corrections::from_analysis(tag.polarity),
        })
        .collect();
    let before: Vec<CommentTheme> = comment_theme::Entity::find()
        .filter(comment_theme::Column::CommentId.eq(&comment.id))
        .all(txn)
        .await?
        .iter()
        .map(corrections::theme_of)
        .collect();
    if sorted(&before) != sorted(&after) {
        comment_theme::Entity::delete_many()
            .filter(comment_theme::Column::CommentId.eq(&comment.id))
            .exec(txn)
            .await?;
        if !after.is_empty() {
            comment_theme::Entity::insert_many(after.iter().map(|t| comment_theme::ActiveModel {
                comment_id: Set(comment.id.clone()),
                theme: Set(t.theme.clone()),
                polarity: Set(t.polarity.as_str().to_string()),
                source: Set(THEME_SOURCE_AUTO.to_string()),
            }))
            .exec_without_returning(txn)
            .await?;
        }
        corrections::adjust_theme_rollups(txn, comment, &before, &after).await?;
    }
    Ok(())
}

fn sorted(themes: &[CommentTheme]) -> Vec<(&str, ThemePolarity)> {
    let mut pairs: Vec<_> = themes
        .iter()
        .map(|t| (t.theme.as_str(), t.polarity))
        .collect();
    pairs.sort();
    pairs
}
