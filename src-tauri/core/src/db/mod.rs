//! Opening the database: pragmas, embedded migrations, a small connection pool.

mod migrations;
mod pool;

pub use migrations::{migrate, schema_version, MIGRATIONS};
pub use pool::{DbPool, PooledConn};
pub use rusqlite::Connection;

use crate::error::Result;
use std::path::Path;
use std::time::Duration;

/// Opens (creating if needed) the database file and brings its schema up to date.
/// A failing migration rolls back and leaves the file as it was.
pub fn open(path: &Path) -> Result<Connection> {
    if let Some(dir) = path.parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)?;
        }
    }
    let mut conn = Connection::open(path)?;
    configure(&conn)?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// A fresh in-memory database with the full schema, for tests.
pub fn open_in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    migrate(&mut conn)?;
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
    conn.busy_timeout(Duration::from_secs(5))?;
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
