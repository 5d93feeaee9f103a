//! Staff corrections of comment themes (issue 3, "Free text"), and the tagger that learns
//! from them.
//!
//! A BCU lead (own unit), an analyst or an admin sets a comment's full theme set. In one
//! transaction the comment's `comment_themes` rows are replaced by rows with source `staff`,
//! the comment is marked corrected (`comment_corrections`, which also covers a correction to
//! "no theme"), and `rollup_themes` moves by the difference in the comment's own unit, stage
//! and week, through the same upsert that bumped it ([`rollups::add_to_counts`]), so the
//! rollups still equal a recount from the comments. [`adjust_theme_rollups`] is the one place
//! that knows which rollups a theme feeds: if rollups gain another level (months), it changes
//! there.
//!
//! Learning: the server's tagger is `Tagger::with_corrections(all corrections in the
//! database)`, built at start-up, rebuilt after every correction (before the correction's
//! request answers, so the next submission is already tagged with it) and every
//! [`REFRESH_EVERY`] (so other instances over the same database, and retention, catch up).
//! Submissions only take a read lock and clone an `Arc`.
//!
//! Cost: a rebuild reads every correction and relearns, about 0.1 ms per correction on these
//! machines (110 ms for 1,000, 2 s for 20,000), off the async workers; submissions keep using
//! the previous tagger meanwhile, and a burst of corrections is coalesced into one or two
//! rebuilds. Past tens of thousands of corrections, rebuild in the background instead.
//!
//! Probing: someone who may correct could move theme counts on purpose (add a theme to
//! comments they can see, one at a time, and watch a hidden cell appear) and so learn a count
//! below the threshold. So each correction also records, under the corrector's id, what it
//! changed in each month-level theme cell (`own_correction_deltas`: no comment, no text), and
//! that person's dashboards and comment lists take their own changes back out before
//! suppression (`dashboard`): they see every other change, never the effect of their own.
//! Colleagues acting together are not stopped by this; every correction is in the audit log
//! with who made it.
//!
//! Retention: corrections are learned from the stored, redacted text itself, and only while
//! that text exists. When retention deletes a comment, its correction row and staff themes go
//! with it (foreign-key cascade), and the next rebuild forgets what it taught. No derived cue
//! data is kept anywhere else; a cue worth keeping for good is for an analyst to copy into
//! the taxonomy file (`analysis/data/themes.json`).

use crate::error::{ApiError, ApiResult};
use crate::services::responses::THEME_SOURCE_STAFF;
use crate::services::rollups;
use crate::storage::entities::{comment, comment_correction, comment_theme, own_correction_delta};
use analysis::{Correction, Polarity, Tagger, Taxonomy, ThemeTag};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
    TransactionTrait, Value,
};
use shared::{CommentTheme, StaffComment, StaffRole, ThemePolarity};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// How often every instance rebuilds its tagger from the database anyway.
pub const REFRESH_EVERY: Duration = Duration::from_secs(15 * 60);

/// Ids per `IN (...)` list, well under SQLite's and PostgreSQL's parameter limits.
const CHUNK: usize = 500;

/// The tagger every submission uses, replaced whole when corrections change.
pub struct LiveTagger {
    current: RwLock<Arc<Tagger>>,
    /// Learning adds and retires cues, never themes, so the taxonomy is fixed for the process.
    taxonomy: Taxonomy,
    /// One rebuild at a time, so a rebuild that read fewer corrections never lands last.
    rebuilding: tokio::sync::Mutex<()>,
    /// Rebuilds asked for, and the last one a finished rebuild covered: a request whose
    /// correction an already-finished rebuild read is not rebuilt again (a burst of
    /// corrections costs one or two rebuilds, not one each).
    requested: AtomicU64,
    covered: AtomicU64,
}

impl LiveTagger {
    pub fn new(tagger: Tagger) -> Self {
        Self {
            taxonomy: tagger.taxonomy().clone(),
            current: RwLock::new(Arc::new(tagger)),
            rebuilding: tokio::sync::Mutex::new(()),
            requested: AtomicU64::new(0),
            covered: AtomicU64::new(0),
        }
    }

    /// The default taxonomy with every correction in the database learned.
    pub async fn load(db: &DatabaseConnection) -> Result<Self, DbErr> {
        let corrections = all_corrections(db).await?;
        let tagger = learn(corrections).await?;
        Ok(Self::new(tagger))
    }

    /// The tagger to use now (cheap: a read lock and an `Arc` clone).
    pub fn current(&self) -> Arc<Tagger> {
        // A poisoned lock still holds a whole tagger: it is only ever replaced, never mutated.
        self.current
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    pub fn knows_theme(&self, id: &str) -> bool {
        self.taxonomy.themes.iter().any(|t| t.id == id)
    }

    /// Relearns from every correction in the database (call it after the correction has
    /// committed); returns how many corrections it learned from, or `None` when a rebuild that
    /// finished meanwhile had already read them all.
    pub async fn rebuild(&self, db: &DatabaseConnection) -> Result<Option<usize>, DbErr> {
        let mine = self.requested.fetch_add(1, Ordering::SeqCst) + 1;
        let _one_at_a_time = self.rebuilding.lock().await;
        if self.covered.load(Ordering::SeqCst) >= mine {
            return Ok(None);
        }
        // Every request counted so far came after its correction committed, so the read below
        // sees all of them.
        let covers = self.requested.load(Ordering::SeqCst);
        let corrections = all_corrections(db).await?;
        let count = corrections.len();
        let tagger = Arc::new(learn(corrections).await?);
        *self
            .current
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = tagger;
        self.covered.store(covers, Ordering::SeqCst);
        Ok(Some(count))
    }
}

/// Learning reads every corrected text: off the async workers.
async fn learn(corrections: Vec<Correction>) -> Result<Tagger, DbErr> {
    tokio::task::spawn_blocking(move || Tagger::with_corrections(&corrections))
        .await
        .map_err(|e| DbErr::Custom(format!("learning from corrections: {e}")))
}

/// Rebuilds the tagger every [`REFRESH_EVERY`] for as long as the server runs.
pub fn spawn_refresh(db: DatabaseConnection, tagger: Arc<LiveTagger>) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(REFRESH_EVERY);
        // The first tick is immediate, and start-up has just built the tagger.
        every.tick().await;
        loop {
            every.tick().await;
            match tagger.rebuild(&db).await {
                Ok(corrections) => tracing::debug!(?corrections, "tagger rebuilt"),
                Err(error) => tracing::error!(%error, "tagger rebuild failed; will retry"),
            }
        }
    });
}

/// Who may correct a comment of `unit_id`: the issue names BCU leads (their own unit) and
/// analysts; admins can do everything else staff can. Advocates read every unit's comments
/// but are outside the police and analysis roles that own the taxonomy, so they may not.
pub fn may_correct(role: StaffRole, own_unit: Option<i32>, unit_id: i32) -> bool {
    match role {
        StaffRole::Admin | StaffRole::Analyst => true,
        StaffRole::BcuLead => own_unit == Some(unit_id),
        StaffRole::Advocate => false,
    }
}

pub fn to_analysis(polarity: ThemePolarity) -> Polarity {
    match polarity {
        ThemePolarity::Negative => Polarity::Negative,
        ThemePolarity::Positive => Polarity::Positive,
        ThemePolarity::Neutral => Polarity::Neutral,
    }
}

pub fn from_analysis(polarity: Polarity) -> ThemePolarity {
    match polarity {
        Polarity::Negative => ThemePolarity::Negative,
        Polarity::Positive => ThemePolarity::Positive,
        Polarity::Neutral => ThemePolarity::Neutral,
    }
}

/// A stored theme row as the wire type; an unknown stored polarity reads as neutral.
pub(crate) fn theme_of(row: &comment_theme::Model) -> CommentTheme {
    CommentTheme {
        theme: row.theme.clone(),
        polarity: ThemePolarity::parse(&row.polarity).unwrap_or(ThemePolarity::Neutral),
    }
}

/// The comment a correction is about, with its scope, or 404.
pub async fn find(db: &DatabaseConnection, id: &str) -> ApiResult<comment::Model> {
    // Ids are UUIDs; anything longer is nobody's comment, and needs no query.
    if id.len() > 36 {
        return Err(ApiError::NotFound("comment"));
    }
    comment::Entity::find_by_id(id.to_string())
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("comment"))
}

/// Comments (id -> redacted text) as staff see them: with their themes and whether staff
/// corrected them. Ordered by id, which is random: never the order people wrote in.
pub async fn views(
    db: &impl ConnectionTrait,
    comments: BTreeMap<String, String>,
) -> Result<Vec<StaffComment>, DbErr> {
    let ids: Vec<String> = comments.keys().cloned().collect();
    let mut themes: BTreeMap<String, Vec<CommentTheme>> = BTreeMap::new();
    let mut corrected: BTreeSet<String> = BTreeSet::new();
    for chunk in ids.chunks(CHUNK) {
        for row in comment_theme::Entity::find()
            .filter(comment_theme::Column::CommentId.is_in(chunk.iter().cloned()))
            .all(db)
            .await?
        {
            themes
                .entry(row.comment_id.clone())
                .or_default()
                .push(theme_of(&row));
        }
        corrected.extend(
            comment_correction::Entity::find()
                .filter(comment_correction::Column::CommentId.is_in(chunk.iter().cloned()))
                .all(db)
                .await?
                .into_iter()
                .map(|row| row.comment_id),
        );
    }
    Ok(comments
        .into_iter()
        .map(|(id, text)| {
            let mut list = themes.remove(&id).unwrap_or_default();
            list.sort_by(|a, b| a.theme.cmp(&b.theme));
            StaffComment {
                corrected_by_staff: corrected.contains(&id),
                themes: list,
                id,
                text,
            }
        })
        .collect())
}

/// Sets a comment's full theme set (theme ids already checked against the taxonomy) for the
/// member of staff `staff_user_id`, and moves the rollups with it (recording the move as that
/// person's own), in one transaction. Returns the comment as staff now see it.
pub async fn correct(
    db: &DatabaseConnection,
    staff_user_id: i32,
    comment_id: &str,
    themes: &[CommentTheme],
) -> ApiResult<StaffComment> {
    let txn = db.begin().await?;
    // A write first: it takes the comment's row lock on PostgreSQL and the write lock on
    // SQLite, so two corrections of one comment run one after the other, the second seeing
    // the first's themes (otherwise both would take back the same old themes). It marks the
    // comment refined, so the background refiner (`refine`) never overwrites staff themes: a
    // refiner that waited for this lock finds the mark set and skips the comment, and one that
    // got the lock first has committed its themes before this reads them.
    let locked = comment::Entity::update_many()
        .col_expr(comment::Column::ThemesRefined, Expr::value(true))
        .filter(comment::Column::Id.eq(comment_id))
        .exec(&txn)
        .await?;
    if locked.rows_affected == 0 {
        return Err(ApiError::NotFound("comment"));
    }
    // The rollups must already count the comment's response (the fold may not have run since
    // it was stored), or moving its themes would take back counts never added.
    rollups::fold_pending(&txn).await?;
    let comment = comment::Entity::find_by_id(comment_id.to_string())
        .one(&txn)
        .await?
        .ok_or(ApiError::NotFound("comment"))?;
    let before: Vec<CommentTheme> = comment_theme::Entity::find()
        .filter(comment_theme::Column::CommentId.eq(comment_id))
        .all(&txn)
        .await?
        .iter()
        .map(theme_of)
        .collect();
    comment_theme::Entity::delete_many()
        .filter(comment_theme::Column::CommentId.eq(comment_id))
        .exec(&txn)
        .await?;
    if !themes.is_empty() {
        comment_theme::Entity::insert_many(themes.iter().map(|t| comment_theme::ActiveModel {
            comment_id: Set(comment_id.to_string()),
            theme: Set(t.theme.clone()),
            polarity: Set(t.polarity.as_str().to_string()),
            source: Set(THEME_SOURCE_STAFF.to_string()),
        }))
        .exec_without_returning(&txn)
        .await?;
    }
    if comment_correction::Entity::find_by_id(comment_id.to_string())
        .one(&txn)
        .await?
        .is_none()
    {
        comment_correction::Entity::insert(comment_correction::ActiveModel {
            comment_id: Set(comment_id.to_string()),
        })
        .exec_without_returning(&txn)
        .await?;
    }
    adjust_theme_rollups(&txn, &comment, &before, themes).await?;
    record_own_deltas(&txn, staff_user_id, &comment, &before, themes).await?;
    txn.commit().await?;
    let mut view = views(db, BTreeMap::from([(comment.id, comment.body)])).await?;
    Ok(view.remove(0))
}

/// Moves `rollup_themes` from a comment's old themes to its new ones: -1 for each (theme,
/// polarity) taken away, +1 for each added, in the comment's unit, stage and week (the cells
/// `rollups::fold_pending` counted), through the one rollup writer.
pub async fn adjust_theme_rollups(
    db: &impl ConnectionTrait,
    comment: &comment::Model,
    before: &[CommentTheme],
    after: &[CommentTheme],
) -> Result<(), DbErr> {
    let cells: Vec<(Vec<Value>, i64)> = theme_deltas(before, after)
        .into_iter()
        .map(|((theme, polarity), delta)| {
            (
                rollups::theme_cell(
                    comment.unit_id,
                    &comment.stage,
                    &comment.week,
                    theme,
                    polarity.as_str(),
                ),
                delta,
            )
        })
        .collect();
    if cells.is_empty() {
        return Ok(());
    }
    // Deletes cells that reach zero (a recount would not have them) and keeps any coarser
    // rollup level in step.
    rollups::add_to_counts(db, "rollup_themes", rollups::THEME_KEYS, cells).await
}

/// The change from `before` to `after` per (theme, polarity): -1 taken away, +1 added; only
/// the pairs that changed.
fn theme_deltas<'t>(
    before: &'t [CommentTheme],
    after: &'t [CommentTheme],
) -> Vec<((&'t str, ThemePolarity), i64)> {
    let mut deltas: BTreeMap<(&str, ThemePolarity), i64> = BTreeMap::new();
    for t in before {
        *deltas.entry((&t.theme, t.polarity)).or_default() -= 1;
    }
    for t in after {
        *deltas.entry((&t.theme, t.polarity)).or_default() += 1;
    }
    deltas.retain(|_, delta| *delta != 0);
    deltas.into_iter().collect()
}

/// Records what a correction by `staff_user_id` changed, per month-level theme cell of the
/// comment's unit and stage, so that person's own views can leave it out.
async fn record_own_deltas(
    db: &impl ConnectionTrait,
    staff_user_id: i32,
    comment: &comment::Model,
    before: &[CommentTheme],
    after: &[CommentTheme],
) -> Result<(), DbErr> {
    let rows: Vec<own_correction_delta::ActiveModel> = theme_deltas(before, after)
        .into_iter()
        .map(
            |((theme, polarity), delta)| own_correction_delta::ActiveModel {
                staff_user_id: Set(staff_user_id),
                unit_id: Set(comment.unit_id),
                stage: Set(comment.stage.clone()),
                // The month of the week's Monday, as the monthly rollups key it.
                month: Set(comment.week.get(..7).unwrap_or(&comment.week).to_string()),
                theme: Set(theme.to_string()),
                polarity: Set(polarity.as_str().to_string()),
                delta: Set(delta as i32),
                ..Default::default()
            },
        )
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    own_correction_delta::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Every correction in the database, as the tagger learns from them: the stored redacted text
/// and the staff's themes (an empty list when staff said no theme applies).
pub async fn all_corrections(db: &impl ConnectionTrait) -> Result<Vec<Correction>, DbErr> {
    let ids: Vec<String> = comment_correction::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.comment_id)
        .collect();
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(CHUNK) {
        let mut themes: BTreeMap<String, Vec<ThemeTag>> = BTreeMap::new();
        for row in comment_theme::Entity::find()
            .filter(comment_theme::Column::CommentId.is_in(chunk.iter().cloned()))
            .filter(comment_theme::Column::Source.eq(THEME_SOURCE_STAFF))
            .all(db)
            .await?
        {
            let tag = ThemeTag {
                id: row.theme.clone(),
                polarity: to_analysis(theme_of(&row).polarity),
            };
            themes.entry(row.comment_id).or_default().push(tag);
        }
        for row in comment::Entity::find()
            .filter(comment::Column::Id.is_in(chunk.iter().cloned()))
            .all(db)
            .await?
        {
            out.push(Correction {
                themes: themes.remove(&row.id).unwrap_or_default(),
                text: row.body,
            });
        }
    }
    Ok(out)
}
