//! `comment_themes` keyed by comment and theme, without its own id (clustered on SQLite).
//!
//! A comment has each theme at most once (the tagger gives one polarity per theme; staff
//! corrections are checked for it), and every reader looks themes up by comment. The old
//! shape kept an auto-increment id, a separate index by comment and, on SQLite, a row in
//! `sqlite_sequence`: three b-trees written for every stored comment, where one now does. On
//! SQLite that is two pages fewer in the write-ahead log per answer with a comment.
//!
//! On SQLite the table is rebuilt (it cannot change a primary key in place): the new table is
//! made beside the old, the rows copied, the old dropped and the new renamed. Nothing
//! references `comment_themes`, so the rebuild touches no other table. PostgreSQL changes the
//! key in place, so the table keeps its own constraint names.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Comments {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum CommentThemes {
    Table,
    Id,
    CommentId,
    Theme,
    Polarity,
    Source,
}

/// The table SQLite's rebuild makes, renamed to `comment_themes` once the rows are in.
#[derive(DeriveIden, Clone, Copy)]
enum CommentThemesRebuilt {
    Table,
}

/// The index by comment that the old shape needed beside its id.
const COMMENT_INDEX: &str = "comment_themes_comment";

/// The columns both shapes share, in the order the copies list them.
const SHARED_COLUMNS: &str = "comment_id, theme, polarity, source";

/// A duplicate theme on one comment cannot have been stored (see the module comment), but if
/// one was, the first row stored is kept rather than the migration failing at start-up.
const DROP_DUPLICATE_THEMES: &str = "DELETE FROM comment_themes WHERE EXISTS (\
     SELECT 1 FROM comment_themes AS earlier WHERE earlier.comment_id = comment_themes.comment_id \
     AND earlier.theme = comment_themes.theme AND earlier.id < comment_themes.id)";

/// Builds SQLite's new table with the key `key` gives it, copies the rows in (in `order`),
/// drops the old table and puts the new one in its place.
async fn rebuild_on_sqlite(
    manager: &SchemaManager<'_>,
    key: impl FnOnce(&mut TableCreateStatement) -> &mut TableCreateStatement,
    order: &str,
) -> Result<(), DbErr> {
    use CommentThemes as T;
    let mut table = Table::create();
    key(table.table(CommentThemesRebuilt::Table))
        .col(ColumnDef::new(T::CommentId).string_len(36).not_null())
        .col(ColumnDef::new(T::Theme).string_len(64).not_null())
        .col(ColumnDef::new(T::Polarity).string_len(16).not_null())
        .col(ColumnDef::new(T::Source).string_len(16).not_null())
        .foreign_key(
            ForeignKey::create()
                .from(CommentThemesRebuilt::Table, T::CommentId)
                .to(Comments::Table, Comments::Id)
                .on_delete(ForeignKeyAction::Cascade),
        );
    manager.create_table(table).await?;
    manager
        .get_connection()
        .execute_unprepared(&format!(
            "INSERT INTO comment_themes_rebuilt ({SHARED_COLUMNS}) \
             SELECT {SHARED_COLUMNS} FROM comment_themes ORDER BY {order}"
        ))
        .await?;
    manager
        .drop_table(Table::drop().table(T::Table).to_owned())
        .await?;
    manager
        .rename_table(
            Table::rename()
                .table(CommentThemesRebuilt::Table, T::Table)
                .to_owned(),
        )
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// SQLite's rebuild drops the old table before the new one takes its name: in one
    /// transaction, a crash between the two leaves the old table, not neither.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use CommentThemes as T;
        let db = manager.get_connection();
        db.execute_unprepared(DROP_DUPLICATE_THEMES).await?;
        match manager.get_database_backend() {
            // SQLite cannot change a primary key in place.
            DatabaseBackend::Sqlite => {
                rebuild_on_sqlite(
                    manager,
                    |table| {
                        table
                            .primary_key(Index::create().col(T::CommentId).col(T::Theme))
                            .extra("WITHOUT ROWID")
                    },
                    "id",
                )
                .await?;
            }
            _ => {
                // Dropping the id drops its primary key; the index by comment is the new key's
                // prefix.
                db.execute_unprepared("ALTER TABLE comment_themes DROP COLUMN id")
                    .await?;
                db.execute_unprepared(&format!("DROP INDEX {COMMENT_INDEX}"))
                    .await?;
                db.execute_unprepared(
                    "ALTER TABLE comment_themes ADD PRIMARY KEY (comment_id, theme)",
                )
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use CommentThemes as T;
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => {
                rebuild_on_sqlite(
                    manager,
                    |table| {
                        table.col(
                            ColumnDef::new(T::Id)
                                .integer()
                                .not_null()
                                .auto_increment()
                                .primary_key(),
                        )
                    },
                    "comment_id, theme",
                )
                .await?;
            }
            _ => {
                let db = manager.get_connection();
                db.execute_unprepared(
                    "ALTER TABLE comment_themes DROP CONSTRAINT comment_themes_pkey",
                )
                .await?;
                db.execute_unprepared(
                    "ALTER TABLE comment_themes ADD COLUMN id SERIAL PRIMARY KEY",
                )
                .await?;
            }
        }
        manager
            .create_index(
                Index::create()
                    .name(COMMENT_INDEX)
                    .table(T::Table)
                    .col(T::CommentId)
                    .to_owned(),
            )
            .await
    }
}
