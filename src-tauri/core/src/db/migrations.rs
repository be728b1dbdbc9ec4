//! Embedded, ordered schema migrations versioned by `PRAGMA user_version`.
//! All pending steps run in one transaction: a failure leaves the database untouched.

use crate::error::{CoreError, Result};
use rusqlite::Connection;

/// Never edit a shipped entry; append a new one.
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_cases.sql"),
    include_str!("migrations/0002_intake.sql"),
    include_str!("migrations/0003_triage.sql"),
    include_str!("migrations/0004_followup.sql"),
    include_str!("migrations/0005_remedies.sql"),
    include_str!("migrations/0006_drafts.sql"),
    include_str!("migrations/0007_insights.sql"),
    include_str!("migrations/0008_insights_spend.sql"),
];

pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

pub fn migrate(conn: &mut Connection) -> Result<()> {
    run(conn, MIGRATIONS)
}

pub(crate) fn run(conn: &mut Connection, steps: &[&str]) -> Result<()> {
    let found = schema_version(conn)?;
    let known = steps.len() as i64;
    if found > known {
        return Err(CoreError::DatabaseTooNew { found, known });
    }
    if found == known {
        return Ok(());
    }
    let tx = conn.transaction()?;
    for (index, sql) in steps.iter().enumerate().skip(found as usize) {
        tx.execute_batch(sql)
            .map_err(|source| CoreError::Migration {
                version: index + 1,
                source,
            })?;
    }
    tx.pragma_update(None, "user_version", known)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_migration_leaves_database_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        {
            let mut conn = Connection::open(&path).unwrap();
            run(&mut conn, &["CREATE TABLE a(x); INSERT INTO a VALUES (1);"]).unwrap();
        }
        let mut conn = Connection::open(&path).unwrap();
        let err = run(
            &mut conn,
            &[
                "CREATE TABLE a(x); INSERT INTO a VALUES (1);",
                "CREATE TABLE b(y); INSERT INTO a VALUES (2);",
                "THIS IS NOT SQL",
            ],
        )
        .unwrap_err();
        assert_eq!(err.code(), "db.migration_failed");
        assert!(matches!(err, CoreError::Migration { version: 3, .. }));
        assert_eq!(schema_version(&conn).unwrap(), 1);
        let rows: i64 = conn
            .query_row("SELECT count(*) FROM a", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 1);
        let b: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'b'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(b, 0);
    }

    #[test]
    fn newer_database_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        let err = run(&mut conn, &["CREATE TABLE a(x);"]).unwrap_err();
        assert_eq!(err.code(), "db.too_new");
    }
}
