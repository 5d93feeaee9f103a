//! Database access: connecting (SQLite by default, PostgreSQL when `DATABASE_URL` says so),
//! running migrations, and the sea-orm entities. Only services use this module.

pub mod entities;

use migrations::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection, DbErr,
    Statement, Value,
};
use std::time::Duration;

/// Opens a pool. SQLite gets WAL and a busy timeout so concurrent submissions queue instead of
/// failing; foreign keys are switched on because SQLite leaves them off by default.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_sized(url, None).await
}

/// A pool of at most `connections`, with the same settings as [`connect`]; `None` for the
/// default size (8 on SQLite, 32 on PostgreSQL).
pub async fn connect_sized(
    url: &str,
    connections: Option<u32>,
) -> Result<DatabaseConnection, DbErr> {
    open(url, connections, Pool::App).await
}

/// The submission writers' pool of `connections`: like [`connect_sized`], except that
/// - on SQLite its connection never checkpoints the WAL itself. A checkpoint copies the WAL
///   into the database file and syncs it: milliseconds, about every hundred commits, that
///   every waiting submission would wait too. The writers have it done on another connection
///   instead, and finish it themselves between batches only when the WAL has grown
///   (`responses::checkpoint_ticker`);
/// - on SQLite its statement journals stay in memory (see `open`);
/// - like every sqlx pool it pings a connection before handing it out. A writer keeps the
///   connection it takes (`held_connection`), so that round trip is paid when a writer takes
///   a fresh one (after a failure or a pause) and for the occasional fold or checkpoint, not
///   per batch. It is what lets a writer whose connection the database dropped get a live one
///   on its next try, not another idle one dropped at the same time.
pub async fn connect_writers(url: &str, connections: u32) -> Result<DatabaseConnection, DbErr> {
    open(url, Some(connections), Pool::Writers).await
}

/// Which pool [`open`] opens.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pool {
    App,
    Writers,
}

/// Bytes the WAL file is cut back to once it starts again (64 MB).
const WAL_SIZE_LIMIT: &str = "67108864";
/// Prepared statements kept per connection: sqlx's default for the app's pool, fewer for the
/// writers' (see `open`).
const APP_STATEMENT_CACHE: usize = 100;
const WRITER_STATEMENT_CACHE: usize = 16;
/// SQLite page cache per connection, as `PRAGMA cache_size` takes it (negative: KiB): the
/// default 2 MB for the app's pool (eight connections), 4 MB for the writers' two (8 MB was a little
/// faster, but took the submission bench's RSS peak to 142-149 MB, too near the 150 MB target).
const APP_CACHE_KIB: &str = "-2000";
const WRITER_CACHE_KIB: &str = "-4096";

async fn open(
    url: &str,
    connections: Option<u32>,
    pool: Pool,
) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_string());
    options
        .sqlx_logging(false)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(30));
    if url.starts_with("sqlite:") {
        options
            .max_connections(connections.unwrap_or(8))
            .map_sqlx_sqlite_opts(move |o| {
                o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                    .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                    .busy_timeout(Duration::from_secs(30))
                    .foreign_keys(true)
                    .create_if_missing(true)
                    .pragma(
                        "wal_autocheckpoint",
                        if pool == Pool::App { "1000" } else { "0" },
                    )
                    // After a burst (or a long read) let the WAL grow, the first commit that
                    // starts it again cuts the file back to this.
                    .pragma("journal_size_limit", WAL_SIZE_LIMIT)
                    // A batch's multi-row statements keep a statement journal (to undo one
                    // statement alone); on disk SQLite makes, writes and deletes a temporary
                    // file for it in every transaction that outgrows 64 KB.
                    .pragma(
                        "temp_store",
                        if pool == Pool::App {
                            "default"
                        } else {
                            "memory"
                        },
                    )
                    // The writer looks up a link by its random token hash and inserts rows
                    // keyed by random ids: index pages all over the file. SQLite's default
                    // page cache (2 MB) kept few of them: a profile under load had the writer's
                    // thread reading pages back from the OS page cache (about 5% of its time).
                    .pragma(
                        "cache_size",
                        if pool == Pool::App {
                            APP_CACHE_KIB
                        } else {
                            WRITER_CACHE_KIB
                        },
                    )
                    // A batch's statement has a shape of its own (how many answers, comments
                    // and themes), each prepared one holding a program sized to it: keeping
                    // the default hundred of them costs tens of MB for shapes that rarely
                    // come back. The shapes that do (a batch of one) stay cached. (On SQLite
                    // the batches' statements are prepared by the writer's thread, in
                    // rusqlite's cache of 16, `sqlite_writer`; this cache serves the writers'
                    // folds and lookups, and PostgreSQL's batches.)
                    .statement_cache_capacity(if pool == Pool::App {
                        APP_STATEMENT_CACHE
                    } else {
                        WRITER_STATEMENT_CACHE
                    })
            });
    } else {
        options.max_connections(connections.unwrap_or(32));
    }
    Database::connect(options).await
}

/// SQL written with `?` placeholders, for either backend: PostgreSQL's are numbered `$1`, `$2`...
/// in order (so the SQL itself must hold no other `?`).
pub fn raw_statement(backend: DatabaseBackend, sql: &str, values: Vec<Value>) -> Statement {
    let sql = match backend {
        DatabaseBackend::Postgres => {
            let mut numbered = String::with_capacity(sql.len() + 8);
            let mut n = 0;
            for c in sql.chars() {
                if c == '?' {
                    n += 1;
                    numbered.push_str(&format!("${n}"));
                } else {
                    numbered.push(c);
                }
            }
            numbered
        }
        _ => sql.to_string(),
    };
    Statement::from_sql_and_values(backend, sql, values)
}

pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// True when the database answers a trivial query (used by `/healthz`).
pub async fn is_reachable(db: &DatabaseConnection) -> bool {
    db.execute_unprepared("SELECT 1").await.is_ok()
}
