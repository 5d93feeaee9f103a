//! The SQLite submission writer's own thread: it holds one pooled connection's SQLite handle
//! and runs a batch's transaction on it, one message in and one reply out per batch; and
//! the writer's rollup folds, so that no other connection writes while the writer works.
//!
//! Why: sqlx runs each SQLite connection on a thread of its own and sends back every result
//! of a multi-statement query (each statement's outcome, each row) as a message of its own.
//! A batch's transaction was six statements (`BEGIN IMMEDIATE`, three inserts, the claim,
//! `COMMIT`), so the async worker could be woken up to seven times per batch, each a wake-up
//! of a parked thread: `perf` put those wake-ups at about a fifth of the SQLite thread's time
//! with one client, more than writing the WAL. Here the transaction runs where the handle is,
//! and the async side is woken once, with every row.
//!
//! How: the thread takes the connection's handle from sqlx (`SqliteConnection::lock_handle`;
//! sqlx's own thread for the connection waits for it meanwhile) and uses it through rusqlite
//! (`Connection::from_handle`, which never closes it). The connection keeps every setting the
//! writers' pool gave it (WAL, busy timeout, foreign keys, page cache). When the thread ends,
//! its prepared statements are finalised, the handle goes back to sqlx, and the connection
//! back to the pool. After a failed transaction it is rolled back and the connection closed
//! instead, as a writer closes any connection a batch failed on.

use super::rollups::{self, ClaimedResponse, ClaimedTheme};
use rusqlite::types::{ToSqlOutput, ValueRef};
use sea_orm::sqlx::pool::PoolConnection;
use sea_orm::sqlx::Sqlite;
use sea_orm::{DatabaseBackend, DbErr, RuntimeErr, Statement, Value};
use std::sync::mpsc;
use tokio::sync::oneshot;

/// Work for the thread, run on its connection: it sends its own outcome back, and says
/// whether it failed (the thread then ends and its connection is closed).
type Work = Box<dyn FnOnce(&rusqlite::Connection) -> Failed + Send>;

/// Whether a piece of [`Work`] failed.
type Failed = bool;

/// The async side's handle on a writer thread. Dropped, it lets the thread end.
pub struct SqliteWriter {
    work: mpsc::Sender<Work>,
}

impl SqliteWriter {
    /// Starts a thread that holds `connection` until this handle is dropped or a transaction
    /// (a batch or a fold) on it fails.
    pub fn start(connection: PoolConnection<Sqlite>) -> Result<Self, DbErr> {
        let (work, queue) = mpsc::channel();
        let runtime = tokio::runtime::Handle::current();
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || hold(runtime, connection, queue))
            .map_err(|e| DbErr::Conn(RuntimeErr::Internal(format!("starting the writer: {e}"))))?;
        Ok(Self { work })
    }

    /// Runs `work` on the thread's connection and returns its outcome. If it fails, the
    /// thread has ended (the next piece of work needs a new one).
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&rusqlite::Connection) -> Result<T, DbErr> + Send + 'static,
    ) -> Result<T, DbErr> {
        let (reply, outcome) = oneshot::channel();
        let work: Work = Box::new(move |db| {
            let outcome = work(db);
            let failed = outcome.is_err();
            let _ = reply.send(outcome);
            failed
        });
        self.work.send(work).map_err(|_| writer_gone())?;
        outcome.await.map_err(|_| writer_gone())?
    }

    /// Runs `statements` between `BEGIN IMMEDIATE` and `COMMIT` and returns the `columns`
    /// (as text) of every row they return, in order. If any fails, nothing of them is kept,
    /// and this writer's thread has ended (the next transaction needs a new one).
    pub async fn transaction(
        &self,
        statements: Vec<Statement>,
        columns: &'static [&'static str],
    ) -> Result<Vec<Vec<String>>, DbErr> {
        self.run(move |db| in_transaction(db, |db| run_statements(db, &statements, columns)))
            .await
    }

    /// Folds every response not yet rolled up into the rollups ([`rollups::fold_pending`]) on
    /// the writer's own connection, in a transaction of its own, and returns how many it
    /// folded; a cheap read when nothing is waiting. Run here, the fold takes no other
    /// connection, and its commit leaves the writer's page cache valid (another
    /// connection's commit would make SQLite drop it).
    pub async fn fold(&self) -> Result<usize, DbErr> {
        self.run(move |db| {
            let store = OnWriter(db);
            let probe = rollups::pending_probe(DatabaseBackend::Sqlite);
            if !pending(db, &probe).map_err(query_error)? {
                return Ok(0);
            }
            // The store's futures never wait: each runs its statement here and is ready.
            let runtime = tokio::runtime::Handle::current();
            in_transaction(db, |_| runtime.block_on(rollups::fold_pending(&store)))
        })
        .await
    }
}

fn writer_gone() -> DbErr {
    DbErr::Conn(RuntimeErr::Internal(
        "the SQLite writer's thread has ended".into(),
    ))
}

/// The thread: takes the handle, runs work until the handle is dropped or a piece fails,
/// then gives everything back in order (statements, handle, connection).
fn hold(
    runtime: tokio::runtime::Handle,
    mut connection: PoolConnection<Sqlite>,
    queue: mpsc::Receiver<Work>,
) {
    // Giving a connection back to the pool (or closing it) spawns a task.
    let _runtime = runtime.enter();
    let mut failed = false;
    match runtime.block_on(connection.lock_handle()) {
        Ok(mut locked) => {
            // SAFETY: the handle is sqlx's, locked for this thread alone until `locked` is
            // dropped, which happens only after `db` (declared after it) is dropped.
            // `from_handle` never closes it.
            match unsafe { rusqlite::Connection::from_handle(locked.as_raw_handle().as_ptr()) } {
                Ok(db) => {
                    for work in queue {
                        failed = work(&db);
                        if failed {
                            break;
                        }
                    }
                    // Finalises its prepared statements: sqlx cannot close a handle with
                    // statements still open.
                    drop(db);
                }
                Err(error) => {
                    tracing::error!(%error, "using the writer's SQLite handle");
                    failed = true;
                }
            }
        }
        Err(error) => {
            tracing::error!(%error, "taking the writer's SQLite handle");
            failed = true;
        }
    }
    if failed {
        connection.close_on_drop();
    }
    drop(connection);
}

/// `work` in one transaction on `db`, rolled back if it fails.
fn in_transaction<T>(
    db: &rusqlite::Connection,
    work: impl FnOnce(&rusqlite::Connection) -> Result<T, DbErr>,
) -> Result<T, DbErr> {
    // Kept prepared, like the batch's statements: `execute_batch` would parse them each time.
    let control = |sql: &str| db.prepare_cached(sql)?.raw_execute().map(drop);
    control("BEGIN IMMEDIATE").map_err(query_error)?;
    let outcome = work(db).and_then(|done| control("COMMIT").map(|()| done).map_err(query_error));
    if outcome.is_err() {
        // The connection is closed after a failure whatever this returns.
        let _ = db.execute_batch("ROLLBACK");
    }
    outcome
}

/// Runs `statements` in order and returns the `columns` (as text) of every row they return.
fn run_statements(
    db: &rusqlite::Connection,
    statements: &[Statement],
    columns: &[&str],
) -> Result<Vec<Vec<String>>, DbErr> {
    statements
        .iter()
        .try_fold(Vec::new(), |mut rows, statement| {
            run_statement(db, statement, columns, &mut rows).map(|()| rows)
        })
        .map_err(query_error)
}

/// The writer's connection as a fold's store: the fold's statements run on this thread.
/// They are prepared afresh each time: their text changes with the number of cells, and in
/// the statement cache they would push out the batch's statements.
struct OnWriter<'a>(&'a rusqlite::Connection);

impl OnWriter<'_> {
    /// The rows `statement` returns, each read by `read` with the indexes of `columns`.
    fn rows<T>(
        &self,
        statement: &Statement,
        columns: &[&str],
        read: impl Fn(&rusqlite::Row<'_>, &[usize]) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, DbErr> {
        let run = || {
            let mut prepared = self.0.prepare(&statement.sql)?;
            bind(&mut prepared, statement)?;
            let at = columns
                .iter()
                .map(|name| prepared.column_index(name))
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut rows = prepared.raw_query();
            let mut read_rows = Vec::new();
            while let Some(row) = rows.next()? {
                read_rows.push(read(row, &at)?);
            }
            Ok(read_rows)
        };
        run().map_err(query_error)
    }
}

impl rollups::FoldStore for OnWriter<'_> {
    fn backend(&self) -> DatabaseBackend {
        DatabaseBackend::Sqlite
    }

    async fn claimed(&self, claim: Statement) -> Result<Vec<ClaimedResponse>, DbErr> {
        self.rows(&claim, rollups::CLAIMED_COLUMNS, |row, at| {
            Ok(ClaimedResponse {
                id: row.get(at[0])?,
                unit_id: row.get(at[1])?,
                stage: row.get(at[2])?,
                week: row.get(at[3])?,
                channel: row.get(at[4])?,
                answers: row.get(at[5])?,
            })
        })
    }

    async fn themes(&self, query: Statement) -> Result<Vec<ClaimedTheme>, DbErr> {
        self.rows(&query, rollups::THEME_COLUMNS, |row, at| {
            Ok(ClaimedTheme {
                unit_id: row.get(at[0])?,
                stage: row.get(at[1])?,
                week: row.get(at[2])?,
                theme: row.get(at[3])?,
                polarity: row.get(at[4])?,
            })
        })
    }

    async fn execute(&self, statement: Statement) -> Result<(), DbErr> {
        let run = || {
            let mut prepared = self.0.prepare(&statement.sql)?;
            bind(&mut prepared, &statement)?;
            prepared.raw_execute().map(drop)
        };
        run().map_err(query_error)
    }
}

/// Whether `probe` returns a row.
fn pending(db: &rusqlite::Connection, probe: &Statement) -> rusqlite::Result<bool> {
    db.prepare_cached(&probe.sql)?.exists([])
}

fn run_statement(
    db: &rusqlite::Connection,
    statement: &Statement,
    columns: &[&str],
    rows: &mut Vec<Vec<String>>,
) -> rusqlite::Result<()> {
    let mut prepared = db.prepare_cached(&statement.sql)?;
    bind(&mut prepared, statement)?;
    if prepared.column_count() == 0 {
        prepared.raw_execute()?;
        return Ok(());
    }
    let indexes = columns
        .iter()
        .map(|name| prepared.column_index(name))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut returned = prepared.raw_query();
    while let Some(row) = returned.next()? {
        rows.push(
            indexes
                .iter()
                .map(|&i| row.get::<_, String>(i))
                .collect::<rusqlite::Result<_>>()?,
        );
    }
    Ok(())
}

/// Binds `statement`'s values to its prepared form.
fn bind(prepared: &mut rusqlite::Statement<'_>, statement: &Statement) -> rusqlite::Result<()> {
    let values = statement
        .values
        .as_ref()
        .map_or(&[][..], |v| v.0.as_slice());
    for (index, value) in values.iter().enumerate() {
        prepared.raw_bind_parameter(index + 1, Bind(value))?;
    }
    Ok(())
}

/// A bound value as SQLite takes it, borrowed from the statement: text (the answers and
/// comments), integers, booleans and NULL, the kinds the writer's statements bind.
struct Bind<'a>(&'a Value);

impl rusqlite::ToSql for Bind<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self.0 {
            Value::String(Some(text)) => ToSqlOutput::Borrowed(ValueRef::Text(text.as_bytes())),
            Value::Int(Some(n)) => ToSqlOutput::Borrowed(ValueRef::Integer(i64::from(*n))),
            Value::BigInt(Some(n)) => ToSqlOutput::Borrowed(ValueRef::Integer(*n)),
            Value::Bool(Some(b)) => ToSqlOutput::Borrowed(ValueRef::Integer(i64::from(*b))),
            Value::String(None) | Value::Int(None) | Value::BigInt(None) | Value::Bool(None) => {
                ToSqlOutput::Borrowed(ValueRef::Null)
            }
            other => {
                return Err(rusqlite::Error::ToSqlConversionFailure(
                    format!("the writer does not bind {other:?}").into(),
                ))
            }
        })
    }
}

fn query_error(error: rusqlite::Error) -> DbErr {
    DbErr::Query(RuntimeErr::Internal(format!("SQLite: {error}")))
}
