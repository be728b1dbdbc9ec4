//! What happens to the database just before an update installs. Writes are held off first
//! (a write in progress finishes, no new one starts), then the backup area makes its
//! verified backup for the update (`backup::create` with `BackupReason::BeforeUpdate`:
//! a snapshot checked against the database, recorded in its manifest, kept by its
//! retention rule). The hold lasts until the caller drops the returned value, which the
//! app does only by exiting into the new version, or when the install fails and the old
//! version carries on.

use crate::backup::{self, BackupInfo, BackupReason};
use crate::error::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::Path;
use std::time::Duration;

/// Holds every writer off the database while alive.
#[derive(Debug)]
pub struct PreInstallBackup {
    /// `None` when there was no database to back up yet.
    pub backup: Option<BackupInfo>,
    hold: Option<Connection>,
}

impl PreInstallBackup {
    /// Whether writers are still held off.
    pub fn holds_writes(&self) -> bool {
        self.hold.is_some()
    }
}

/// Holds writes off `db_path` (waiting up to `wait` for a write in progress to finish),
/// then backs it up with the evidence files of `data_dir`. Refuses (`update.busy`,
/// `update.backup_failed`) rather than let an update install without a good backup.
pub fn backup_before_install(
    db_path: &Path,
    data_dir: &Path,
    now: DateTime<Utc>,
    wait: Duration,
) -> Result<PreInstallBackup> {
    if !db_path.exists() {
        return Ok(PreInstallBackup {
            backup: None,
            hold: None,
        });
    }
    let hold = hold_writes(db_path, wait)?;
    let reader = crate::db::open_read_only(db_path).map_err(|e| failed(e.to_string()))?;
    let info = backup::create(&reader, data_dir, BackupReason::BeforeUpdate, now)
        .map_err(|e| failed(e.to_string()))?;
    if !info.good {
        return Err(failed(
            info.problem
                .unwrap_or_else(|| "the backup did not check out".into()),
        ));
    }
    Ok(PreInstallBackup {
        backup: Some(info),
        hold: Some(hold),
    })
}

/// `BEGIN IMMEDIATE` takes the write lock: it waits for a writer that is mid-transaction to
/// commit, then keeps every other writer (this app's, the CLI's) out until rolled back.
fn hold_writes(db_path: &Path, wait: Duration) -> Result<Connection> {
    let conn = Connection::open_with_flags(db_path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    conn.busy_timeout(wait)?;
    conn.execute_batch("BEGIN IMMEDIATE").map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _)
            if matches!(f.code, ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) =>
        {
            CoreError::service(
                "update.busy",
                format!(
                    "a write to the database did not finish within {} s",
                    wait.as_secs()
                ),
            )
        }
        other => CoreError::Db(other),
    })?;
    Ok(conn)
}

fn failed(message: String) -> CoreError {
    CoreError::service("update.backup_failed", message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;
    use std::sync::mpsc;
    use std::time::Instant;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-12-01T09:30:05Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    /// A real app database with the demo shop in it.
    fn shop(dir: &Path) -> PathBuf {
        let path = dir.join("haoping.db");
        let mut conn = crate::storage::open(&path).unwrap();
        crate::demo::load(&mut conn, now()).unwrap();
        path
    }

    fn count(path: &Path, table: &str) -> i64 {
        let conn = Connection::open(path).unwrap();
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }

    fn update_backups(dir: &Path) -> Vec<PathBuf> {
        std::fs::read_dir(backup::default_dir(dir))
            .map(|d| {
                d.map(|e| e.unwrap().path())
                    .filter(|p| {
                        p.extension().is_some_and(|x| x == "db")
                            && p.to_string_lossy().contains("before_update")
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn makes_the_backup_areas_verified_backup_for_the_update() {
        let dir = tempfile::tempdir().unwrap();
        let db = shop(dir.path());
        let done = backup_before_install(&db, dir.path(), now(), Duration::from_secs(5)).unwrap();
        let info = done.backup.clone().unwrap();
        assert_eq!(info.reason, BackupReason::BeforeUpdate);
        assert!(info.good, "{:?}", info.problem);
        assert!(info.counts.cases > 0);
        assert_eq!(update_backups(dir.path()), vec![PathBuf::from(&info.path)]);
        assert_eq!(count(Path::new(&info.path), "cases"), count(&db, "cases"));
        // Listed by the backup area like any other backup.
        assert!(backup::list(dir.path())
            .unwrap()
            .iter()
            .any(|b| b.path == info.path && b.reason == BackupReason::BeforeUpdate));
    }

    #[test]
    fn no_database_yet_means_nothing_to_back_up_and_nothing_held() {
        let dir = tempfile::tempdir().unwrap();
        let done = backup_before_install(
            &dir.path().join("haoping.db"),
            dir.path(),
            now(),
            Duration::from_secs(1),
        )
        .unwrap();
        assert_eq!(done.backup, None);
        assert!(!done.holds_writes());
        assert!(!dir.path().join("haoping.db").exists(), "not created");
    }

    #[test]
    fn writers_wait_while_held_and_go_on_after() {
        let dir = tempfile::tempdir().unwrap();
        let db = shop(dir.path());
        let done = backup_before_install(&db, dir.path(), now(), Duration::from_secs(5)).unwrap();
        assert!(done.holds_writes());
        let writer = Connection::open(&db).unwrap();
        writer.busy_timeout(Duration::from_millis(200)).unwrap();
        let refused = writer.execute("UPDATE cases SET outcome = 'x' WHERE id = 1", []);
        assert!(refused.is_err(), "no write while an update installs");
        // Reading goes on as usual.
        assert!(count(&db, "cases") > 0);
        drop(done);
        writer
            .execute("UPDATE cases SET outcome = 'x' WHERE id = 1", [])
            .unwrap();
    }

    #[test]
    fn a_write_in_progress_finishes_first_and_is_in_the_backup() {
        let dir = tempfile::tempdir().unwrap();
        let db = shop(dir.path());
        let before = count(&db, "settings");
        let (started, wait_started) = mpsc::channel();
        let writer_db = db.clone();
        let writer = std::thread::spawn(move || {
            let mut conn = Connection::open(&writer_db).unwrap();
            let tx = conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .unwrap();
            tx.execute(
                "INSERT INTO settings(key, value) VALUES ('written-before-update', '1')",
                [],
            )
            .unwrap();
            started.send(()).unwrap();
            std::thread::sleep(Duration::from_millis(400));
            tx.commit().unwrap();
        });
        wait_started.recv().unwrap();
        let t = Instant::now();
        let done = backup_before_install(&db, dir.path(), now(), Duration::from_secs(5)).unwrap();
        assert!(
            t.elapsed() >= Duration::from_millis(200),
            "waited for the write"
        );
        writer.join().unwrap();
        let info = done.backup.unwrap();
        assert_eq!(count(Path::new(&info.path), "settings"), before + 1);
    }

    #[test]
    fn a_write_that_does_not_finish_in_time_stops_the_update() {
        let dir = tempfile::tempdir().unwrap();
        let db = shop(dir.path());
        let mut conn = Connection::open(&db).unwrap();
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .unwrap();
        let err =
            backup_before_install(&db, dir.path(), now(), Duration::from_millis(300)).unwrap_err();
        assert_eq!(err.code(), "update.busy");
        drop(tx);
        assert!(update_backups(dir.path()).is_empty(), "no backup made");
    }
}
