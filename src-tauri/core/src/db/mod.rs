//! Opening the database: pragmas, embedded migrations, a small connection pool, the
//! write primitive and what storage failures mean. The safety copy taken before a
//! migration comes from the caller (see [`BeforeMigration`]): backups are made above this
//! module, which knows nothing of them. Callers open through `crate::storage`.

mod migrations;
mod pool;
mod write;

pub use crate::error::{at_path, io_code, is_damage, sqlite_code};
pub use migrations::{migrate, schema_version, MIGRATIONS};
pub use pool::{DbPool, PooledConn};
pub use rusqlite::Connection;
pub use write::{begin_write, WRITE_WAIT};

use crate::error::{CoreError, Result};
use rusqlite::OpenFlags;
use std::path::Path;

/// Runs on a database that holds data just before its schema is migrated, with the open
/// connection and the database file: a failure stops the opening before anything changes.
pub type BeforeMigration = fn(&Connection, &Path) -> Result<()>;

/// Opens (creating if needed) the database file and brings its schema up to date.
/// A failing migration rolls back and leaves the file as it was; a database that holds
/// data is handed to `before` first. Storage failures name the file.
pub fn open_with(path: &Path, before: BeforeMigration) -> Result<Connection> {
    if let Some(dir) = path.parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir).map_err(|e| at_path(path, e.into()))?;
        }
    }
    open_file(path, before).map_err(|e| at_path(path, e))
}

/// Opens a database that must already exist: what commands that only read use, so a
/// mistyped path is refused instead of answered from a new empty database.
pub fn open_existing_with(path: &Path, before: BeforeMigration) -> Result<Connection> {
    if !path.is_file() {
        return Err(missing(path));
    }
    open_file(path, before).map_err(|e| at_path(path, e))
}

/// The error for a database file that is not there.
pub fn missing(path: &Path) -> CoreError {
    let what = if path.is_dir() {
        "this is a folder, not a database file"
    } else {
        "there is no database file at this path"
    };
    CoreError::storage("db.missing", path, what)
}

/// Opens a database file without ever writing to it (no migration, no journal-mode
/// change, no checkpoint on close): for checks and for reading backups.
pub fn open_read_only(path: &Path) -> Result<Connection> {
    if !path.is_file() {
        return Err(missing(path));
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| at_path(path, e.into()))?;
    conn.busy_timeout(WRITE_WAIT)
        .map_err(|e| at_path(path, e.into()))?;
    probe(&conn).map_err(|e| at_path(path, e))?;
    Ok(conn)
}

/// How long opening waits for a file another program holds locked: the start screen
/// names the lock instead of the window staying blank.
const OPEN_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

fn open_file(path: &Path, before: BeforeMigration) -> Result<Connection> {
    let mut conn = Connection::open(path)?;
    configure_with(&conn, OPEN_WAIT)?;
    probe(&conn)?;
    let found = schema_version(&conn)?;
    if found > 0 && found < MIGRATIONS.len() as i64 {
        before(&conn, path)?;
    }
    migrate(&mut conn)?;
    conn.busy_timeout(WRITE_WAIT)?;
    write_up_front(&mut conn);
    Ok(conn)
}

/// Every transaction takes the write lock when it begins. A deferred one that reads
/// first cannot upgrade its lock while another connection writes, and SQLite refuses it
/// at once instead of waiting; taken up front, the busy timeout applies and it waits.
fn write_up_front(conn: &mut Connection) {
    conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
}

/// Reads the schema and the first pages of the main table: a file that is not a
/// database, or whose first pages are garbage, fails here rather than on the first
/// screen that reads it.
fn probe(conn: &Connection) -> Result<()> {
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    let has_cases: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cases')",
        [],
        |r| r.get(0),
    )?;
    if tables > 0 && has_cases {
        conn.query_row("SELECT max(id), min(id) FROM cases", [], |_| Ok(()))?;
    }
    Ok(())
}

/// A fresh in-memory database with the full schema, for tests.
pub fn open_in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    migrate(&mut conn)?;
    write_up_front(&mut conn);
    Ok(conn)
}

/// Times as rusqlite stores a `DateTime<Utc>` (`2026-11-20 04:00:00+00:00`), for
/// comparisons written by hand in SQL and for values bound by hand; the text sorts in
/// time order. Whole seconds are written without chrono's format strings, which are
/// parsed on every call and show at a million rows.
pub fn sql_time(t: chrono::DateTime<chrono::Utc>) -> String {
    use chrono::{Datelike, Timelike};
    if t.timestamp_subsec_nanos() != 0 {
        return t.format("%F %T%.f%:z").to_string();
    }
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}+00:00",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

pub(crate) fn configure(conn: &Connection) -> Result<()> {
    configure_with(conn, WRITE_WAIT)
}

fn configure_with(conn: &Connection, wait: std::time::Duration) -> Result<()> {
    conn.busy_timeout(wait)?;
    // journal_mode answers with a row, so it cannot go through execute_batch.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.execute_batch(
        "PRAGMA synchronous = NORMAL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;",
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(path: &Path) -> Result<Connection> {
        open_with(path, |_, _| Ok(()))
    }

    #[test]
    fn file_database_uses_wal_and_foreign_keys() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(&dir.path().join("sub/haoping.db")).unwrap();
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        let sync: i64 = conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap();
        assert_eq!(sync, 1, "NORMAL");
        assert_eq!(schema_version(&conn).unwrap(), MIGRATIONS.len() as i64);
    }

    #[test]
    fn hand_written_times_match_chrono() {
        for text in [
            "2024-05-03T16:22:10Z",
            "2024-12-31T23:59:59Z",
            "2024-01-01T00:00:00Z",
            "2024-01-01T00:00:00.25Z",
        ] {
            let t = chrono::DateTime::parse_from_rfc3339(text)
                .unwrap()
                .with_timezone(&chrono::Utc);
            assert_eq!(sql_time(t), t.format("%F %T%.f%:z").to_string());
        }
    }

    #[test]
    fn reopening_is_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("h.db");
        drop(open(&p).unwrap());
        let conn = open(&p).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), MIGRATIONS.len() as i64);
    }
}
