//! The connection a submission writer keeps for its batches, instead of taking one from the
//! pool for each.
//!
//! Why: sqlx gives every pooled connection back through a task that pings it first, so a
//! query on the pool costs two round trips to the connection (the query and the ping) and a
//! task. On SQLite a round trip means waking the connection's own thread and being woken by
//! it, which on a small VM costs more than the statement: one client's submissions spent most
//! of their server time waking threads. A writer that keeps its connection pays one round
//! trip per batch.
//!
//! The pool's checks still apply: a connection idle for [`GIVE_BACK_AFTER_IDLE`] goes back
//! to the pool (which pings it after a while idle, and retires it at the end of its lifetime)
//! and the next batch takes one again; after a failed batch the writer closes it
//! ([`HeldConnection::discard`]), and the next query takes a fresh one.

use sea_orm::sqlx::pool::PoolConnection;
use sea_orm::sqlx::{Postgres, Sqlite};
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
    Sqlite(PoolConnection<Sqlite>),
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

    /// Runs `statement` (on SQLite it may be several, separated by `;`) and returns every row
    /// it returns. After an error the connection is still kept, so the caller can roll back
    /// on it before discarding it.
    pub async fn query_all(&mut self, statement: Statement) -> Result<Vec<QueryResult>, DbErr> {
        let values = SqlxValues(statement.values.unwrap_or(sea_orm::Values(Vec::new())));
        let sql = sea_orm::sqlx::AssertSqlSafe(statement.sql);
        let rows = match self.connection().await? {
            Held::Sqlite(connection) => sea_orm::sqlx::query_with(sql, values)
                .fetch_all(&mut **connection)
                .await
                .map(|rows| rows.into_iter().map(QueryResult::from).collect()),
            Held::Postgres(connection) => sea_orm::sqlx::query_with(sql, values)
                .fetch_all(&mut **connection)
                .await
                .map(|rows| rows.into_iter().map(QueryResult::from).collect()),
        };
        rows.map_err(query_error)
    }

    /// Runs `sql` as it is (no parameters).
    pub async fn execute_unprepared(&mut self, sql: &str) -> Result<(), DbErr> {
        let done = match self.connection().await? {
            Held::Sqlite(connection) => sea_orm::sqlx::raw_sql(sea_orm::sqlx::AssertSqlSafe(sql))
                .execute(&mut **connection)
                .await
                .map(drop),
            Held::Postgres(connection) => sea_orm::sqlx::raw_sql(sea_orm::sqlx::AssertSqlSafe(sql))
                .execute(&mut **connection)
                .await
                .map(drop),
        };
        done.map_err(query_error)
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
            DatabaseBackend::Sqlite => self
                .pool
                .get_sqlite_connection_pool()
                .acquire()
                .await
                .map(Held::Sqlite),
            _ => self
                .pool
                .get_postgres_connection_pool()
                .acquire()
                .await
                .map(Held::Postgres),
        };
        taken.map_err(connection_error)
    }

    /// Closes the connection (after a failure: it may be broken, or on SQLite still in a
    /// transaction that could not be rolled back); the next query takes a fresh one.
    pub fn discard(&mut self) {
        match self.held.take() {
            Some(Held::Sqlite(mut connection)) => connection.close_on_drop(),
            Some(Held::Postgres(mut connection)) => connection.close_on_drop(),
            None => {}
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
