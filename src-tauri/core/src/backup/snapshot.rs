//! Making a backup: a snapshot through SQLite's online backup API, read in one read
//! transaction together with the counts it must match, then verified, then recorded.

use super::catalog::info_from_manifest;
use super::counts::{count_rows, DataCounts};
use super::files::{
    copy_hashed, hash_file, partial_of, remove_if_present, sync_dir, under, write_atomic,
};
use super::location::{note_outcome, resolve};
use super::model::{BackupInfo, BackupManifest, BackupReason, EvidenceFile};
use super::retention::prune;
use crate::db::{at_path, open_read_only, schema_version, WRITE_WAIT};
use crate::error::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::Connection;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub(crate) const MANIFEST_FORMAT: u32 = 1;
pub(crate) const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
pub(crate) const FILE_PREFIX: &str = "haoping-";

/// Makes a verified backup of the database `conn` is open on, with the evidence files
/// of `data_dir`, in the backup place (the chosen folder, else `<data_dir>/backups`).
/// Old backups are then pruned by the retention rule. Only reads the database: it never
/// waits for a writer and never blocks one.
///
/// This is what every "back up first" calls: the daily task, "立即备份", the CLI, and
/// before a migration, an import, a restore, an archive import and an app update.
pub fn create(
    conn: &Connection,
    data_dir: &Path,
    reason: BackupReason,
    now: DateTime<Utc>,
) -> Result<BackupInfo> {
    let place = resolve(data_dir);
    fs::create_dir_all(&place.dir).map_err(|e| at_path(&place.dir, e.into()))?;
    let info = create_in(conn, data_dir, &place.dir, reason, now)?;
    // Told once: only a change of place is recorded.
    let _ = note_outcome(data_dir, place.fell_back);
    let _ = prune(&place.dir, now);
    Ok(info)
}

/// The safety copy of a database about to be migrated (see `db::BeforeMigration`), in
/// the backup place of the folder that holds it.
pub fn before_migration(conn: &Connection, db_file: &Path) -> Result<()> {
    if let Some(data_dir) = db_file.parent() {
        create(conn, data_dir, BackupReason::BeforeMigration, Utc::now())?;
    }
    Ok(())
}

/// Makes a verified backup to a file of the owner's choosing (`haoping-cli backup --out`),
/// its manifest beside it (`<stem>.json`) and its evidence files under `evidence/` there.
/// Outside the backup place, so never pruned. An existing file is not overwritten.
pub fn create_at(
    conn: &Connection,
    data_dir: &Path,
    file: &Path,
    reason: BackupReason,
    now: DateTime<Utc>,
) -> Result<BackupInfo> {
    let dir = file
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "haoping-backup".into());
    let target = dir.join(format!("{stem}.db"));
    if target.exists() || dir.join(format!("{stem}.json")).exists() {
        return Err(CoreError::storage(
            "backup.exists",
            &target,
            "a file of this name is already there; choose another name",
        ));
    }
    fs::create_dir_all(&dir).map_err(|e| at_path(&dir, e.into()))?;
    write_backup(conn, data_dir, &dir, &stem, reason, now)
}

/// A free file stem for a backup made at `now`.
fn stem_for(dir: &Path, reason: BackupReason, now: DateTime<Utc>) -> String {
    let base = format!(
        "{FILE_PREFIX}{}-{}",
        now.format("%Y%m%d-%H%M%S"),
        reason.as_str()
    );
    let taken = |s: &str| {
        dir.join(format!("{s}.db")).exists()
            || dir.join(format!("{s}.json")).exists()
            || partial_of(&dir.join(format!("{s}.db"))).exists()
    };
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|s| !taken(s))
        .unwrap_or(base)
}

/// What a snapshot read: the counts and schema of the instant it copied, and the
/// evidence rows of that instant.
pub(crate) struct Snapshot {
    pub counts: DataCounts,
    pub schema_version: i64,
    pub evidence: Vec<(String, String, u64)>,
}

/// Copies the database into `target` (a new file): one read transaction covers the
/// counts and the copy, so they describe the same instant. The copy is left in
/// rollback-journal mode, one self-contained file, and made durable.
pub(crate) fn snapshot_to(conn: &Connection, target: &Path) -> Result<Snapshot> {
    remove_if_present(target)?;
    if !conn.is_autocommit() {
        return Err(CoreError::Unavailable(
            "a backup cannot start inside a write".into(),
        ));
    }
    conn.execute_batch("BEGIN DEFERRED")?;
    let read = (|| -> Result<Snapshot> {
        let counts = count_rows(conn)?;
        let schema_version = schema_version(conn)?;
        let evidence = evidence_rows(conn)?;
        let mut dst = Connection::open(target)?;
        {
            let backup = Backup::new(conn, &mut dst)?;
            copy_all(&backup)?;
        }
        let _mode: String = dst.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        dst.close().map_err(|(_, e)| e)?;
        fs::File::open(target)?.sync_all()?;
        Ok(Snapshot {
            counts,
            schema_version,
            evidence,
        })
    })();
    let _ = conn.execute_batch("COMMIT");
    if read.is_err() {
        let _ = remove_if_present(target);
    }
    read
}

fn evidence_rows(conn: &Connection) -> Result<Vec<(String, String, u64)>> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'evidence')",
        [],
        |r| r.get(0),
    )?;
    if !exists {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare(
        "SELECT stored_path, min(sha256), min(size_bytes) FROM evidence
         GROUP BY stored_path ORDER BY stored_path",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            u64::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Opens a written copy read-only and proves it whole: `integrity_check` is ok, the
/// schema version and every count equal what the source held.
pub(crate) fn verify_copy(path: &Path, expected: &DataCounts, schema: i64) -> Result<()> {
    let conn = open_read_only(path)?;
    let check: String = conn
        .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
        .map_err(|e| at_path(path, e.into()))?;
    if check != "ok" {
        return Err(CoreError::storage(
            "backup.verify_failed",
            path,
            format!("the copy fails its integrity check: {check}"),
        ));
    }
    let found = schema_version(&conn)?;
    if found != schema {
        return Err(CoreError::storage(
            "backup.verify_failed",
            path,
            format!("the copy has schema {found}, the source {schema}"),
        ));
    }
    let counts = count_rows(&conn)?;
    if &counts != expected {
        return Err(CoreError::storage(
            "backup.verify_failed",
            path,
            format!("the copy's row counts {counts:?} differ from the source's {expected:?}"),
        ));
    }
    Ok(())
}

/// Brings the evidence files a snapshot names into `store` (`<dir>/evidence/…`), copying
/// only those not there yet. Returns what it holds and what the data dir lacked.
pub(crate) fn collect_evidence(
    data_dir: &Path,
    store: &Path,
    rows: &[(String, String, u64)],
) -> Result<(Vec<EvidenceFile>, Vec<String>)> {
    let mut held = Vec::new();
    let mut missing = Vec::new();
    for (stored_path, sha256, size) in rows {
        let (Some(from), Some(to)) = (under(data_dir, stored_path), under(store, stored_path))
        else {
            missing.push(stored_path.clone());
            continue;
        };
        let present = fs::metadata(&to).is_ok_and(|m| m.is_file() && m.len() == *size);
        if !present {
            if !from.is_file() {
                missing.push(stored_path.clone());
                continue;
            }
            let (hash, _) = copy_hashed(&from, &to).map_err(|e| at_path(&to, e))?;
            if &hash != sha256 {
                // The data dir's copy was altered: keep nothing that does not match.
                remove_if_present(&to)?;
                missing.push(stored_path.clone());
                continue;
            }
        }
        held.push(EvidenceFile {
            stored_path: stored_path.clone(),
            sha256: sha256.clone(),
            size: *size,
        });
    }
    Ok((held, missing))
}

fn create_in(
    conn: &Connection,
    data_dir: &Path,
    dir: &Path,
    reason: BackupReason,
    now: DateTime<Utc>,
) -> Result<BackupInfo> {
    let stem = stem_for(dir, reason, now);
    write_backup(conn, data_dir, dir, &stem, reason, now)
}

fn write_backup(
    conn: &Connection,
    data_dir: &Path,
    dir: &Path,
    stem: &str,
    reason: BackupReason,
    now: DateTime<Utc>,
) -> Result<BackupInfo> {
    let started = Instant::now();
    let db_file: PathBuf = dir.join(format!("{stem}.db"));
    let tmp = partial_of(&db_file);
    let snap = snapshot_to(conn, &tmp).map_err(|e| at_path(&tmp, e))?;
    let finish = (|| -> Result<BackupInfo> {
        verify_copy(&tmp, &snap.counts, snap.schema_version)?;
        let (evidence, evidence_missing) = collect_evidence(data_dir, dir, &snap.evidence)?;
        let (sha256, size_bytes) = hash_file(&tmp)?;
        fs::rename(&tmp, &db_file)?;
        let manifest = BackupManifest {
            format: MANIFEST_FORMAT,
            file_name: format!("{stem}.db"),
            reason,
            created_at: now,
            size_bytes,
            sha256,
            schema_version: snap.schema_version,
            app_version: APP_VERSION.to_string(),
            counts: snap.counts,
            duration_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
            evidence,
            evidence_missing,
        };
        // The manifest last: a backup without one is not a backup.
        write_atomic(
            &dir.join(format!("{stem}.json")),
            &serde_json::to_vec_pretty(&manifest)?,
        )?;
        sync_dir(dir)?;
        Ok(info_from_manifest(dir, &manifest))
    })();
    if finish.is_err() {
        let _ = remove_if_present(&tmp);
        let _ = remove_if_present(&db_file);
    }
    finish.map_err(|e| at_path(&db_file, e))
}

/// Runs an online backup to its end; while another connection writes, waits up to the
/// write wait and then reports the database busy.
pub(super) fn copy_all(backup: &Backup) -> Result<()> {
    let deadline = Instant::now() + WRITE_WAIT;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::Busy | StepResult::Locked => {
                if Instant::now() > deadline {
                    return Err(CoreError::Db(rusqlite::Error::SqliteFailure(
                        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                        None,
                    )));
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            // More pages to copy.
            _ => {}
        }
    }
}
