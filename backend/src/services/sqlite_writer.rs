//! The SQLite submission writer's own thread: it holds one pooled connection's SQLite handle
//! and runs a batch's transaction on it, one message in and one reply out per batch.
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

use rusqlite::types::{ToSqlOutput, ValueRef};
use sea_orm::sqlx::pool::PoolConnection;
use sea_orm::sqlx::Sqlite;
use sea_orm::{DbErr, RuntimeErr, Statement, Value};
use std::sync::mpsc;
use tokio::sync::oneshot;

/// A transaction to run and the text columns to read from the rows its statements return.
struct Transaction {
    statements: Vec<Statement>,
    columns: &'static [&'static str],
    reply: oneshot::Sender<Result<Vec<Vec<String>>, DbErr>>,
}

/// The async side's handle on a writer thread. Dropped, it lets the thread end.
pub struct SqliteWriter {
    transactions: mpsc::Sender<Transaction>,
}

impl SqliteWriter {
    /// Starts a thread that holds `connection` until this handle is dropped or a transaction
    /// on it fails.
    pub fn start(connection: PoolConnection<Sqlite>) -> Result<Self, DbErr> {
        let (transactions, queue) = mpsc::channel();
        let runtime = tokio::runtime::Handle::current();
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || hold(runtime, connection, queue))
            .map_err(|e| DbErr::Conn(RuntimeErr::Internal(format!("starting the writer: {e}"))))?;
        Ok(Self { transactions })
    }

    /// Runs `statements` between `BEGIN IMMEDIATE` and `COMMIT` and returns the `columns`
    /// (as text) of every row they return, in order. If any fails, nothing of them is kept,
    /// and this writer's thread has ended (the next transaction needs a new one).
    pub async fn transaction(
        &self,
        statements: Vec<Statement>,
        columns: &'static [&'static str],
    ) -> Result<Vec<Vec<String>>, DbErr> {
        let (reply, outcome) = oneshot::channel();
        let transaction = Transaction {
            statements,
            columns,
            reply,
        };
        self.transactions
            .send(transaction)
            .map_err(|_| writer_gone())?;
        outcome.await.map_err(|_| writer_gone())?
    }
}

fn writer_gone() -> DbErr {
    DbErr::Conn(RuntimeErr::Internal(
        "the SQLite writer's thread has ended".into(),
    ))
}

/// The thread: takes the handle, runs transactions until the handle is dropped or one fails,
/// then gives everything back in order (statements, handle, connection).
fn hold(
    runtime: tokio::runtime::Handle,
    mut connection: PoolConnection<Sqlite>,
    queue: mpsc::Receiver<Transaction>,
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
                    for transaction in queue {
                        let outcome = run(&db, &transaction.statements, transaction.columns);
                        failed = outcome.is_err();
                        let _ = transaction.reply.send(outcome);
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

/// One transaction on `db`, rolled back if any statement fails.
fn run(
    db: &rusqlite::Connection,
    statements: &[Statement],
    columns: &[&str],
) -> Result<Vec<Vec<String>>, DbErr> {
    // Kept prepared, like the batch's statements: `execute_batch` would parse them each time.
    let control = |sql: &str| db.prepare_cached(sql)?.raw_execute().map(drop);
    control("BEGIN IMMEDIATE").map_err(query_error)?;
    let outcome = statements
        .iter()
        .try_fold(Vec::new(), |mut rows, statement| {
            run_statement(db, statement, columns, &mut rows).map(|()| rows)
        })
        .and_then(|rows| control("COMMIT").map(|()| rows));
    if outcome.is_err() {
        // The connection is closed after a failure whatever this returns.
        let _ = db.execute_batch("ROLLBACK");
    }
    outcome.map_err(query_error)
}

fn run_statement(
    db: &rusqlite::Connection,
    statement: &Statement,
    columns: &[&str],
    rows: &mut Vec<Vec<String>>,
) -> rusqlite::Result<()> {
    let mut prepared = db.prepare_cached(&statement.sql)?;
    let values = statement
        .values
        .as_ref()
        .map_or(&[][..], |v| v.0.as_slice());
    for (index, value) in values.iter().enumerate() {
        prepared.raw_bind_parameter(index + 1, Bind(value))?;
    }
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
