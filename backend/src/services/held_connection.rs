//! The connection a submission writer keeps for its batches, instead of taking one from the
//! pool for each.
//!
//! Why: sqlx gives every pooled connection back through a task that pings it first, so a
//! query on the pool costs two round trips to the connection (the query and the ping) and a
//! task. On SQLite a round trip means waking the connection's own thread and being woken by
//! it, which on a small VM costs more than the statement: one client's submissions spent most
//! of their server time waking threads. A writer that keeps its connection pays one round
//! trip per batch. On SQLite the connection is kept by a thread of the writer's own
//! ([`SqliteWriter`]), which runs the batch's statements itself: one message each way.
//!
//! The pool's checks still apply: a connection idle for [`GIVE_BACK_AFTER_IDLE`] goes back
//! to the pool (which pings it after a while idle, and retires it at the end of its lifetime)
//! and the next batch takes one again; after a failed batch the writer closes it
//! ([`HeldConnection::discard`]), and the next query takes a fresh one.

use super::rollups;
use super::sqlite_writer::SqliteWriter;
use sea_orm::sqlx::pool::PoolConnection;
use sea_orm::sqlx::Postgres;
use sea_orm::{DatabaseBackend, DatabaseConnection, DbErr, QueryResult, RuntimeErr, Statement};
use sea_query_sqlx::SqlxValues;
use std::time::{Duration, Instant};

/// How long a writer keeps a connection it has not used.
const GIVE_BACK_AFTER_IDLE: Duration = Duration::from_secs(10);

/// A connection taken from `pool` and kept between queries.
pub struct HeldConnection {
    pool: DatabaseConnection,
    held: Option<Held>,
    last_used: Instant,
}

enum Held {
    /// On SQLite, a thread holds the connection ([`SqliteWriter`]).
    Sqlite(SqliteWriter),
    Postgres(PoolConnection<Postgres>),
}

impl HeldConnection {
    /// Takes nothing yet: the first query takes a connection from `pool`.
    pub fn new(pool: DatabaseConnection) -> Self {
        Self {
            pool,
            held: None,
            last_used: Instant::now(),
        }
    }

    pub fn backend(&self) -> DatabaseBackend {
        self.pool.get_database_backend()
    }

    /// Runs `statements` as one transaction and returns the `columns` (as text) of every row
    /// they return. On SQLite they run between `BEGIN IMMEDIATE` and `COMMIT`, and are rolled
    /// back if one fails; on PostgreSQL there is one statement, its own transaction. After an
    /// error, call [`HeldConnection::discard`].
    pub async fn write_returning(
        &mut self,
        statements: Vec<Statement>,
        columns: &'static [&'static str],
    ) -> Result<Vec<Vec<String>>, DbErr> {
        match self.connection().await? {
            Held::Sqlite(writer) => writer.transaction(statements, columns).await,
            Held::Postgres(connection) => {
                let mut rows = Vec::new();
                for statement in statements {
                    let values =
                        SqlxValues(statement.values.unwrap_or(sea_orm::Values(Vec::new())));
                    let sql = sea_orm::sqlx::AssertSqlSafe(statement.sql);
                    let returned = sea_orm::sqlx::query_with(sql, values)
                        .fetch_all(&mut **connection)
                        .await
                        .map_err(query_error)?;
                    for row in returned.into_iter().map(QueryResult::from) {
                        rows.push(
                            columns
                                .iter()
                                .map(|column| row.try_get::<String>("", column))
                                .collect::<Result<_, _>>()?,
                        );
                    }
                }
                Ok(rows)
            }
        }
    }

    /// Folds every response not yet rolled up into the rollups and returns how many. On
    /// SQLite, while this writer holds its connection, on the writer's thread
    /// ([`SqliteWriter::fold`]); otherwise (PostgreSQL, where folds run beside the writers'
    /// commits, or an idle SQLite writer) in a transaction on the pool. A fold does not count
    /// as use: the sweeps of an idle server would otherwise keep its connection forever.
    pub async fn fold(&mut self) -> Result<usize, DbErr> {
        match &self.held {
            Some(Held::Sqlite(writer)) if self.last_used.elapsed() < GIVE_BACK_AFTER_IDLE => {
                let outcome = writer.fold().await;
                if outcome.is_err() {
                    self.discard();
                }
                outcome
            }
            _ => rollups::fold_pending_now(&self.pool).await,
        }
    }

    /// The connection to use now: the one kept, unless it has been idle too long, else a
    /// fresh one from the pool.
    async fn connection(&mut self) -> Result<&mut Held, DbErr> {
        if self.last_used.elapsed() >= GIVE_BACK_AFTER_IDLE {
            // Dropped, a pooled connection goes back to the pool.
            self.held = None;
        }
        self.last_used = Instant::now();
        let held = match self.held.take() {
            Some(held) => held,
            None => self.take_from_pool().await?,
        };
        Ok(self.held.insert(held))
    }

    async fn take_from_pool(&self) -> Result<Held, DbErr> {
        let taken = match self.backend() {
            DatabaseBackend::Sqlite => {
                let connection = self
                    .pool
                    .get_sqlite_connection_pool()
                    .acquire()
                    .await
                    .map_err(connection_error)?;
                return SqliteWriter::start(connection).map(Held::Sqlite);
            }
            _ => self
                .pool
                .get_postgres_connection_pool()
                .acquire()
                .await
                .map(Held::Postgres),
        };
        taken.map_err(connection_error)
    }

    /// Closes the connection (after a failure: it may be broken); the next query takes a
    /// fresh one. (On SQLite the writer's thread has closed it already.)
    pub fn discard(&mut self) {
        if let Some(Held::Postgres(mut connection)) = self.held.take() {
            connection.close_on_drop();
        }
    }
}

/// sqlx's errors as sea-orm reports them (its own conversions are private).
fn query_error(error: sea_orm::sqlx::Error) -> DbErr {
    DbErr::Query(RuntimeErr::SqlxError(error.into()))
}

fn connection_error(error: sea_orm::sqlx::Error) -> DbErr {
    DbErr::Conn(RuntimeErr::SqlxError(error.into()))
}
