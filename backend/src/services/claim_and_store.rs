//! The submission writer's one round trip: claim a batch's links and store the answers of
//! every link it claimed, atomically, in one request to the database.
//!
//! On PostgreSQL that is one statement: the claim (`UPDATE ... RETURNING`) and the inserts are
//! data-modifying CTEs, so the statement is its own transaction and its foreign keys are
//! checked once every row is in. On SQLite it is a few statements in one transaction, run by
//! the writer's thread (`sqlite_writer`) at one request; if any statement fails, it is rolled
//! back, so nothing of the batch is kept.
//!
//! Which links may be claimed is decided in SQL: each submission carries the stages whose
//! published survey (at the version it answers) its answers fit, checked in Rust beforehand,
//! and a link is claimed only if it is open and its stage is among them. A link whose answers
//! do not fit its stage so stays open, as if the answers had never been sent. The claim and
//! the response insert test the same condition in the same transaction, so a response is
//! stored exactly when its link is claimed. Nothing stored links a response to its invitation.

use analysis::ThemeTag;
use sea_orm::{DatabaseBackend, DbErr, Statement, Value};
use std::collections::HashMap;

use super::held_connection::HeldConnection;
use super::responses::{polarity_name, THEME_SOURCE_AUTO};

/// One submission in a batch, ready to store if its link can be claimed.
pub struct Submission<'a> {
    pub token_hash: &'a str,
    /// A fresh random id (nothing else identifies the response).
    pub response_id: String,
    pub survey_version: u32,
    /// The answers counted in the rollups (free text is stored as comments), as JSON.
    pub counted_answers: String,
    /// The stages whose survey these answers fit, as `,stage,stage,`.
    pub fitting_stages: String,
    pub comments: Vec<Comment<'a>>,
}

/// A free-text answer (already redacted) and its themes.
pub struct Comment<'a> {
    pub id: String,
    pub question_id: &'a str,
    pub body: &'a str,
    pub themes: &'a [ThemeTag],
}

/// Writes `stages` as the `fitting_stages` of a [`Submission`].
pub fn stage_list<'s>(stages: impl IntoIterator<Item = &'s str>) -> String {
    let mut list = String::from(",");
    for stage in stages {
        list.push_str(stage);
        list.push(',');
    }
    list
}

/// Claims the open links among `batch` whose stage its answers fit, and stores those
/// responses with their comments and themes, in one round trip and one transaction. Returns
/// the code of each claimed link's unit (for the receipt) by token hash. Each token hash may appear once.
pub async fn claim_and_store(
    db: &mut HeldConnection,
    batch: &[Submission<'_>],
    week: &str,
    now: i64,
) -> Result<HashMap<String, String>, DbErr> {
    let statements = match db.backend() {
        DatabaseBackend::Postgres => vec![postgres_statement(batch, week, now)],
        _ => sqlite_transaction(batch, week, now),
    };
    let rows = match db
        .write_returning(statements, &["token_hash", "unit_code"])
        .await
    {
        Ok(rows) => rows,
        Err(error) => {
            // It may be broken: the next batch takes another.
            db.discard();
            return Err(error);
        }
    };
    let mut claimed = HashMap::with_capacity(rows.len());
    for row in rows {
        let [token_hash, unit_code] = <[String; 2]>::try_from(row)
            .map_err(|_| DbErr::Custom("a claimed link's row should have two columns".into()))?;
        claimed.insert(token_hash, unit_code);
    }
    Ok(claimed)
}

/// SQL text with its bound values (`?` placeholders, numbered for PostgreSQL when built).
struct Sql {
    backend: DatabaseBackend,
    text: String,
    values: Vec<Value>,
}

impl Sql {
    fn new(backend: DatabaseBackend) -> Self {
        Self {
            backend,
            text: String::with_capacity(4096),
            values: Vec::with_capacity(256),
        }
    }

    fn push(&mut self, sql: &str) -> &mut Self {
        self.text.push_str(sql);
        self
    }

    fn bind(&mut self, value: impl Into<Value>) -> &mut Self {
        self.values.push(value.into());
        self.text.push('?');
        self
    }

    /// `VALUES (..), (..)`: one row per item, its values bound by `row`.
    fn values<T>(&mut self, items: impl IntoIterator<Item = T>, mut row: impl FnMut(&mut Self, T)) {
        self.push("VALUES ");
        for (i, item) in items.into_iter().enumerate() {
            self.push(if i == 0 { "(" } else { ", (" });
            row(self, item);
            self.push(")");
        }
    }

    fn build(self) -> Statement {
        crate::storage::raw_statement(self.backend, &self.text, self.values)
    }
}

fn bind_submission(sql: &mut Sql, s: &Submission<'_>) {
    sql.bind(s.token_hash)
        .push(", ")
        .bind(s.response_id.as_str())
        .push(", ")
        .bind(s.survey_version as i32)
        .push(", ")
        .bind(s.counted_answers.as_str())
        .push(", ")
        .bind(s.fitting_stages.as_str());
}

fn comments<'b>(batch: &'b [Submission<'b>]) -> impl Iterator<Item = (&'b str, &'b Comment<'b>)> {
    batch.iter().flat_map(|s| {
        s.comments
            .iter()
            .map(move |comment| (s.response_id.as_str(), comment))
    })
}

fn themes<'b>(batch: &'b [Submission<'b>]) -> impl Iterator<Item = (&'b str, &'b ThemeTag)> {
    comments(batch).flat_map(|(_, comment)| {
        comment
            .themes
            .iter()
            .map(move |tag| (comment.id.as_str(), tag))
    })
}

fn bind_comment(sql: &mut Sql, (response_id, comment): (&str, &Comment<'_>)) {
    sql.bind(comment.id.as_str())
        .push(", ")
        .bind(response_id)
        .push(", ")
        .bind(comment.question_id)
        .push(", ")
        .bind(comment.body);
}

fn bind_theme(sql: &mut Sql, (comment_id, tag): (&str, &ThemeTag)) {
    sql.bind(comment_id)
        .push(", ")
        .bind(tag.id.as_str())
        .push(", ")
        .bind(polarity_name(tag.polarity));
}

/// One statement: the claim and each insert are CTEs reading the one before.
fn postgres_statement(batch: &[Submission<'_>], week: &str, now: i64) -> Statement {
    let mut sql = Sql::new(DatabaseBackend::Postgres);
    sql.push("WITH v (hash, id, version, answers, fits) AS (");
    sql.values(batch, bind_submission);
    sql.push(
        "), claimed AS (UPDATE invitations AS i SET used = TRUE FROM v \
         WHERE i.token_hash = v.hash AND i.used = FALSE AND i.expires_at > ",
    )
    .bind(now)
    .push(
        " AND strpos(v.fits, ',' || i.stage || ',') > 0 \
         RETURNING i.token_hash, i.stage, i.unit_id, i.channel, v.id, v.version, v.answers), \
         stored AS (INSERT INTO responses \
         (id, stage, unit_id, channel, survey_version, week, answers, rolled_up) \
         SELECT id, stage, unit_id, channel, version, ",
    )
    .bind(week)
    .push(", answers, FALSE FROM claimed RETURNING id, stage, unit_id)");
    if comments(batch).next().is_some() {
        sql.push(", c (id, response_id, question_id, body) AS (");
        sql.values(comments(batch), bind_comment);
        sql.push(
            "), stored_comments AS (INSERT INTO comments \
             (id, response_id, question_id, body, stage, unit_id, week) \
             SELECT c.id, c.response_id, c.question_id, c.body, stored.stage, stored.unit_id, ",
        )
        .bind(week)
        .push(" FROM c JOIN stored ON stored.id = c.response_id RETURNING id)");
        if themes(batch).next().is_some() {
            sql.push(", t (comment_id, theme, polarity) AS (");
            sql.values(themes(batch), bind_theme);
            sql.push(
                "), stored_themes AS (INSERT INTO comment_themes \
                 (comment_id, theme, polarity, source) SELECT t.comment_id, t.theme, t.polarity, ",
            )
            .bind(THEME_SOURCE_AUTO)
            .push(" FROM t JOIN stored_comments ON stored_comments.id = t.comment_id)");
        }
    }
    sql.push(
        " SELECT claimed.token_hash, units.code AS unit_code \
         FROM claimed JOIN units ON units.id = claimed.unit_id",
    );
    sql.build()
}

/// The statements of one transaction: store the responses whose links can be claimed, their
/// comments and themes, then claim those links (the same condition, so the same links).
fn sqlite_transaction(batch: &[Submission<'_>], week: &str, now: i64) -> Vec<Statement> {
    // The invitation is open and its stage is among those the answers fit.
    let claimable = |sql: &mut Sql, invitation: &str, fits: &str| {
        sql.push(&format!(
            "{invitation}.used = 0 AND {invitation}.expires_at > "
        ))
        .bind(now)
        .push(&format!(
            " AND instr({fits}, ',' || {invitation}.stage || ',') > 0"
        ));
    };
    let mut statements = Vec::with_capacity(4);
    let mut sql = Sql::new(DatabaseBackend::Sqlite);
    sql.push(
        "INSERT INTO responses \
         (id, stage, unit_id, channel, survey_version, week, answers, rolled_up) \
         SELECT v.column2, i.stage, i.unit_id, i.channel, v.column3, ",
    )
    .bind(week)
    .push(", v.column4, 0 FROM (");
    sql.values(batch, bind_submission);
    sql.push(") AS v JOIN invitations AS i ON i.token_hash = v.column1 WHERE ");
    claimable(&mut sql, "i", "v.column5");
    statements.push(sql.build());
    if comments(batch).next().is_some() {
        let mut sql = Sql::new(DatabaseBackend::Sqlite);
        sql.push(
            "INSERT INTO comments (id, response_id, question_id, body, stage, unit_id, week) \
             SELECT c.column1, c.column2, c.column3, c.column4, r.stage, r.unit_id, r.week FROM (",
        );
        sql.values(comments(batch), bind_comment);
        sql.push(") AS c JOIN responses AS r ON r.id = c.column2");
        statements.push(sql.build());
        if themes(batch).next().is_some() {
            let mut sql = Sql::new(DatabaseBackend::Sqlite);
            sql.push(
                "INSERT INTO comment_themes (comment_id, theme, polarity, source) \
                 SELECT t.column1, t.column2, t.column3, ",
            )
            .bind(THEME_SOURCE_AUTO)
            .push(" FROM (");
            sql.values(themes(batch), bind_theme);
            sql.push(") AS t WHERE EXISTS (SELECT 1 FROM comments WHERE comments.id = t.column1)");
            statements.push(sql.build());
        }
    }
    let mut sql = Sql::new(DatabaseBackend::Sqlite);
    sql.push("UPDATE invitations SET used = 1 FROM (");
    sql.values(batch, |sql, s| {
        sql.bind(s.token_hash)
            .push(", ")
            .bind(s.fitting_stages.as_str());
    });
    sql.push(") AS v WHERE invitations.token_hash = v.column1 AND ");
    claimable(&mut sql, "invitations", "v.column2");
    sql.push(
        " RETURNING token_hash, \
         (SELECT code FROM units WHERE units.id = invitations.unit_id) AS unit_code",
    );
    statements.push(sql.build());
    statements
}
