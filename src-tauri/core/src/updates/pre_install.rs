//! The database copy made just before an update installs. Writes are held off first (a write
//! in progress finishes, no new one starts), then the database is copied with `VACUUM INTO`
//! and the copy is checked before the update may go ahead. The hold lasts until the caller
//! drops the returned value, which the app does only by exiting into the new version, or
//! when the install fails and the old version carries on.

use crate::error::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where pre-update copies go, inside the data directory.
pub const BACKUPS_DIR: &str = "backups";

/// A verified copy of the database.
#[derive(Debug, Clone, PartialEq)]
pub struct BackupFile {
    pub path: PathBuf,
    pub bytes: u64,
    /// Rows across all tables, equal in the copy and the original.
    pub rows: u64,
}

/// Holds every writer off the database while alive.
#[derive(Debug)]
pub struct PreInstallBackup {
    /// `None` when there was no database to copy yet.
    pub file: Option<BackupFile>,
    hold: Option<Connection>,
}

impl PreInstallBackup {
    /// Whether writers are still held off.
    pub fn holds_writes(&self) -> bool {
        self.hold.is_some()
    }
}

/// Holds writes off `db_path` (waiting up to `wait` for a write in progress to finish),
/// copies it into `backups_dir` as `before-update-<label>-<time>.db` and verifies the copy:
/// SQLite's integrity check, the same schema version, the same number of rows in every
/// table. Refuses (`update.busy`, `update.backup_failed`) rather than let an update install
/// without a good copy.
pub fn backup_before_install(
    db_path: &Path,
    backups_dir: &Path,
    label: &str,
    now: DateTime<Utc>,
    wait: Duration,
) -> Result<PreInstallBackup> {
    if !db_path.exists() {
        return Ok(PreInstallBackup {
            file: None,
            hold: None,
        });
    }
    let hold = hold_writes(db_path, wait)?;
    let source = Connection::open_with_flags(db_path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    source.busy_timeout(wait)?;
    let expected = Snapshot::read(&source)?;

    std::fs::create_dir_all(backups_dir)?;
    let name = file_name(label, now);
    let target = free_path(backups_dir, &name);
    let partial = target.with_extension("db.partial");
    let _ = std::fs::remove_file(&partial);
    let partial_text = partial.to_str().ok_or_else(|| {
        CoreError::service(
            "update.backup_failed",
            format!(
                "the backup folder's path is not valid text: {}",
                partial.display()
            ),
        )
    })?;
    source
        .execute("VACUUM INTO ?1", [partial_text])
        .map_err(|e| failed(format!("copying the database failed: {e}")))?;
    drop(source);

    if let Err(e) = verify(&partial, &expected) {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::File::open(&partial)?.sync_all()?;
    std::fs::rename(&partial, &target)?;
    let bytes = std::fs::metadata(&target)?.len();
    Ok(PreInstallBackup {
        file: Some(BackupFile {
            path: target,
            bytes,
            rows: expected.rows(),
        }),
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

fn file_name(label: &str, now: DateTime<Utc>) -> String {
    let safe: String = label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("before-update-{safe}-{}.db", now.format("%Y%m%d-%H%M%S"))
}

/// Never overwrites an earlier copy: a second update in the same second gets `-2`.
fn free_path(dir: &Path, name: &str) -> PathBuf {
    let first = dir.join(name);
    if !first.exists() {
        return first;
    }
    let stem = name.trim_end_matches(".db");
    (2..)
        .map(|n| dir.join(format!("{stem}-{n}.db")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// What a copy must match: the schema version and every table's row count.
#[derive(Debug, PartialEq)]
struct Snapshot {
    version: i64,
    counts: Vec<(String, u64)>,
}

impl Snapshot {
    fn read(conn: &Connection) -> Result<Self> {
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let mut stmt = conn.prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             ORDER BY name",
        )?;
        let names = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let mut counts = Vec::with_capacity(names.len());
        for name in names {
            let quoted = format!("\"{}\"", name.replace('"', "\"\""));
            let n: i64 =
                conn.query_row(&format!("SELECT count(*) FROM {quoted}"), [], |r| r.get(0))?;
            counts.push((name, u64::try_from(n).unwrap_or(0)));
        }
        Ok(Snapshot { version, counts })
    }

    fn rows(&self) -> u64 {
        self.counts.iter().map(|(_, n)| n).sum()
    }
}

fn verify(copy: &Path, expected: &Snapshot) -> Result<()> {
    let conn = Connection::open_with_flags(copy, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| failed(format!("the copy does not open: {e}")))?;
    let mut stmt = conn
        .prepare("PRAGMA integrity_check")
        .map_err(|e| failed(format!("the copy cannot be checked: {e}")))?;
    let problems = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .and_then(|rows| rows.collect::<std::result::Result<Vec<_>, _>>())
        .map_err(|e| failed(format!("the copy cannot be checked: {e}")))?;
    if problems != ["ok"] {
        return Err(failed(format!(
            "the copy failed the integrity check: {}",
            problems.join("; ")
        )));
    }
    let found =
        Snapshot::read(&conn).map_err(|e| failed(format!("the copy cannot be read: {e}")))?;
    if found != *expected {
        return Err(failed(format!(
            "the copy differs from the database (schema {} vs {}, {} vs {} rows)",
            found.version,
            expected.version,
            found.rows(),
            expected.rows()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Instant;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-12-01T09:30:05Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    /// A real app database with a few cases in it.
    fn shop(dir: &Path) -> PathBuf {
        let path = dir.join("haoping.db");
        let mut conn = crate::db::open(&path).unwrap();
        crate::demo::load(&mut conn, now()).unwrap();
        path
    }

    fn count(path: &Path, table: &str) -> i64 {
        let conn = Connection::open(path).unwrap();
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn copies_every_row_and_verifies_the_copy() {
        let dir = tempfile::tempdir().unwrap();
        let db = shop(dir.path());
        let backups = dir.path().join(BACKUPS_DIR);
        let done = backup_before_install(
            &db,
            &backups,
            "0.1.0-to-0.2.0",
            now(),
            Duration::from_secs(5),
        )
        .unwrap();
        let file = done.file.clone().unwrap();
        assert_eq!(
            file.path,
            backups.join("before-update-0.1.0-to-0.2.0-20261201-093005.db")
        );
        assert!(file.bytes > 0);
        assert!(
            file.rows > 50,
            "the demo shop and its history: {}",
            file.rows
        );
        assert_eq!(count(&file.path, "cases"), count(&db, "cases"));
        let leftovers: Vec<_> = std::fs::read_dir(&backups)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "no partial file left: {leftovers:?}");
        // The copy opens as a database of this version, search index included.
        let conn = crate::db::open(&file.path).unwrap();
        let indexed: i64 = conn
            .query_row(
                "SELECT count(*) FROM cases_fts WHERE cases_fts MATCH 'product:\"不锈钢\"'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let cases: i64 = conn
            .query_row(
                "SELECT count(*) FROM cases WHERE product LIKE '%不锈钢%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(cases > 0);
        assert_eq!(indexed, cases);
    }

    #[test]
    fn a_second_copy_in_the_same_second_keeps_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let db = shop(dir.path());
        let backups = dir.path().join(BACKUPS_DIR);
        let wait = Duration::from_secs(5);
        let a = backup_before_install(&db, &backups, "a", now(), wait).unwrap();
        drop(a);
        let b = backup_before_install(&db, &backups, "a", now(), wait).unwrap();
        let b = b.file.unwrap().path;
        assert!(b.ends_with("before-update-a-20261201-093005-2.db"), "{b:?}");
        assert!(backups.join("before-update-a-20261201-093005.db").exists());
    }

    #[test]
    fn no_database_yet_means_nothing_to_copy_and_nothing_held() {
        let dir = tempfile::tempdir().unwrap();
        let done = backup_before_install(
            &dir.path().join("haoping.db"),
            &dir.path().join(BACKUPS_DIR),
            "x",
            now(),
            Duration::from_secs(1),
        )
        .unwrap();
        assert_eq!(done.file, None);
        assert!(!done.holds_writes());
        assert!(!dir.path().join("haoping.db").exists(), "not created");
    }

    #[test]
    fn writers_wait_while_held_and_go_on_after() {
        let dir = tempfile::tempdir().unwrap();
        let db = shop(dir.path());
        let done = backup_before_install(
            &db,
            &dir.path().join(BACKUPS_DIR),
            "x",
            now(),
            Duration::from_secs(5),
        )
        .unwrap();
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
    fn a_write_in_progress_finishes_first_and_is_in_the_copy() {
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
        let done = backup_before_install(
            &db,
            &dir.path().join(BACKUPS_DIR),
            "x",
            now(),
            Duration::from_secs(5),
        )
        .unwrap();
        assert!(
            t.elapsed() >= Duration::from_millis(200),
            "waited for the write"
        );
        writer.join().unwrap();
        assert_eq!(count(&done.file.unwrap().path, "settings"), before + 1);
    }

    #[test]
    fn a_write_that_does_not_finish_in_time_stops_the_update() {
        let dir = tempfile::tempdir().unwrap();
        let db = shop(dir.path());
        let mut conn = Connection::open(&db).unwrap();
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .unwrap();
        let err = backup_before_install(
            &db,
            &dir.path().join(BACKUPS_DIR),
            "x",
            now(),
            Duration::from_millis(300),
        )
        .unwrap_err();
        assert_eq!(err.code(), "update.busy");
        drop(tx);
        assert_eq!(
            std::fs::read_dir(dir.path().join(BACKUPS_DIR))
                .map(|d| d.count())
                .unwrap_or(0),
            0,
            "no copy made"
        );
    }

    #[test]
    fn a_copy_that_differs_or_is_damaged_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = shop(dir.path());
        let conn = Connection::open(&db).unwrap();
        let expected = Snapshot::read(&conn).unwrap();
        drop(conn);

        let short = dir.path().join("short.db");
        std::fs::copy(&db, &short).unwrap();
        let c = Connection::open(&short).unwrap();
        c.execute(
            "DELETE FROM case_events WHERE id = (SELECT max(id) FROM case_events)",
            [],
        )
        .unwrap();
        drop(c);
        let err = verify(&short, &expected).unwrap_err();
        assert_eq!(err.code(), "update.backup_failed");
        assert!(err.to_string().contains("differs"), "{err}");

        let garbage = dir.path().join("garbage.db");
        let mut bytes = std::fs::read(&short).unwrap();
        let half = bytes.len() / 2;
        bytes.truncate(half);
        bytes.extend(std::iter::repeat_n(0xA5u8, 8192));
        std::fs::write(&garbage, bytes).unwrap();
        let err = verify(&garbage, &expected).unwrap_err();
        assert_eq!(err.code(), "update.backup_failed");
    }
}
