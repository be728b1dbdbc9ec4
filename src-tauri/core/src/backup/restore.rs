//! Putting a backup back. The file is checked first (a whole SQLite database of Haoping,
//! not from a newer version, unchanged since its backup was made), copied aside and
//! brought up to this version; then the database in use is backed up and replaced in one
//! SQLite transaction through the online backup API, so every open connection (the app's
//! pool, the CLI beside it) sees either the old data or the restored data, never a mix.
//! A database that cannot be read at all is not backed up but moved aside, kept exactly
//! as it was.

use super::catalog::{list, verify_file};
use super::counts::{count_rows, DataCounts};
use super::files::{copy_hashed, partial_of, remove_if_present, sync_dir, under};
use super::model::{BackupInfo, BackupReason, RestoreReport};
use super::snapshot::{copy_all, create, snapshot_to};
use crate::db::MIGRATIONS;
use crate::db::{at_path, configure, is_damage, migrate, open_read_only, schema_version};
use crate::error::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::backup::Backup;
use rusqlite::Connection;
use std::fs;
use std::path::{Path, PathBuf};

fn data_dir_of(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Checks that `source` can be restored: a whole Haoping database this version can read.
pub(crate) fn check_source(source: &Path) -> Result<Connection> {
    verify_file(source)?;
    let conn = open_read_only(source)?;
    let check: String = conn
        .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
        .map_err(|e| at_path(source, e.into()))?;
    if check != "ok" {
        return Err(CoreError::storage(
            "db.corrupt",
            source,
            format!("the file is damaged: {check}"),
        ));
    }
    let ours: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cases')",
        [],
        |r| r.get(0),
    )?;
    let found = schema_version(&conn)?;
    if !ours || found == 0 {
        return Err(CoreError::storage(
            "backup.not_haoping",
            source,
            "this SQLite database is not a Haoping database",
        ));
    }
    let known = MIGRATIONS.len() as i64;
    if found > known {
        return Err(CoreError::storage(
            "backup.too_new",
            source,
            format!(
                "this backup was made by a newer Haoping (schema {found}; this version knows {known}); update the app first"
            ),
        ));
    }
    Ok(conn)
}

/// Copies a checked database to `staged` and brings it up to this version.
/// Returns its counts and the schema it came from when it had to be migrated.
pub(crate) fn stage(source: &Connection, staged: &Path) -> Result<(DataCounts, Option<i64>)> {
    let snap = snapshot_to(source, staged)?;
    let mut conn = Connection::open(staged)?;
    let migrated_from =
        (snap.schema_version < MIGRATIONS.len() as i64).then_some(snap.schema_version);
    migrate(&mut conn)?;
    let check: String = conn.query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(CoreError::storage(
            "backup.verify_failed",
            staged,
            format!("the staged copy fails its integrity check: {check}"),
        ));
    }
    let counts = count_rows(&conn)?;
    if migrated_from.is_none() && counts != snap.counts {
        return Err(CoreError::storage(
            "backup.verify_failed",
            staged,
            "the staged copy does not hold what the backup held",
        ));
    }
    conn.close().map_err(|(_, e)| e)?;
    Ok((counts, migrated_from))
}

/// Brings into the data dir the evidence files the staged database names, from the
/// folders that may hold them (a backup folder, an archive being imported). Returns the
/// stored paths no folder had.
pub(crate) fn bring_evidence(
    staged: &Path,
    data_dir: &Path,
    sources: &[PathBuf],
) -> Result<Vec<String>> {
    let conn = open_read_only(staged)?;
    let mut stmt = conn.prepare(
        "SELECT stored_path, min(sha256), min(size_bytes) FROM evidence GROUP BY stored_path",
    )?;
    let rows: Vec<(String, String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut missing = Vec::new();
    for (rel, sha, size) in rows {
        let Some(target) = under(data_dir, &rel) else {
            missing.push(rel);
            continue;
        };
        let size = u64::try_from(size).unwrap_or(0);
        if fs::metadata(&target).is_ok_and(|m| m.is_file() && m.len() == size) {
            continue;
        }
        let mut found = false;
        for dir in sources {
            let Some(from) = under(dir, &rel).filter(|p| p.is_file()) else {
                continue;
            };
            let (hash, _) = copy_hashed(&from, &target).map_err(|e| at_path(&target, e))?;
            if hash == sha {
                found = true;
                break;
            }
            remove_if_present(&target)?;
        }
        if !found {
            missing.push(rel);
        }
    }
    Ok(missing)
}

/// Moves a database that cannot be read aside (with its WAL files), untouched, and
/// returns where it went.
pub fn set_aside(db_path: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
    let name = db_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "haoping.db".into());
    let stamp = now.format("%Y%m%d-%H%M%S");
    let mut aside = db_path.with_file_name(format!("{name}.damaged-{stamp}"));
    let mut n = 2;
    while aside.exists() {
        aside = db_path.with_file_name(format!("{name}.damaged-{stamp}-{n}"));
        n += 1;
    }
    for suffix in ["-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", db_path.display()));
        if from.exists() {
            fs::rename(&from, format!("{}{suffix}", aside.display()))
                .map_err(|e| at_path(&from, e.into()))?;
        }
    }
    fs::rename(db_path, &aside).map_err(|e| at_path(db_path, e.into()))?;
    if let Some(dir) = db_path.parent() {
        let _ = sync_dir(dir);
    }
    Ok(aside)
}

/// Replaces the contents of the live database with `staged` in one transaction.
pub(crate) fn swap_into(live: &mut Connection, staged: &Path) -> Result<()> {
    let src = Connection::open(staged)?;
    let backup = Backup::new(&src, live)?;
    copy_all(&backup)
}

/// What is at the database path now.
enum Current {
    /// Opens and reads: back it up, then replace its contents.
    Readable(Connection),
    /// Nothing there yet.
    Missing,
    /// Cannot be read (damaged, not a database): move aside, then put the copy there.
    Damaged,
}

fn current(db_path: &Path) -> Result<Current> {
    if !db_path.exists() {
        return Ok(Current::Missing);
    }
    let open = || -> Result<Connection> {
        let conn = Connection::open(db_path)?;
        configure(&conn)?;
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
        Ok(conn)
    };
    match open() {
        Ok(c) => Ok(Current::Readable(c)),
        Err(e) if is_damage(e.code()) => Ok(Current::Damaged),
        Err(e) => Err(at_path(db_path, e)),
    }
}

/// Replaces the database at `db_path` with a checked copy of `staged` (already
/// migrated); backs up what was there first (`reason`), or moves it aside when it
/// cannot be read. Returns the backup made and where a damaged file went.
pub(crate) fn replace_with(
    db_path: &Path,
    staged: &Path,
    reason: BackupReason,
    now: DateTime<Utc>,
) -> Result<(Option<BackupInfo>, Option<String>)> {
    let data_dir = data_dir_of(db_path);
    match current(db_path)? {
        Current::Readable(mut live) => match create(&live, &data_dir, reason, now) {
            Ok(info) => {
                swap_into(&mut live, staged).map_err(|e| at_path(db_path, e))?;
                Ok((Some(info), None))
            }
            // What is there looked readable but its copy proves it damaged.
            Err(e) if is_damage(e.code()) || e.code() == "backup.verify_failed" => {
                drop(live);
                let aside = set_aside(db_path, now)?;
                fs::rename(staged, db_path).map_err(|e| at_path(db_path, e.into()))?;
                Ok((None, Some(aside.display().to_string())))
            }
            Err(e) => Err(e),
        },
        Current::Missing => {
            if let Some(dir) = db_path.parent().filter(|d| !d.as_os_str().is_empty()) {
                fs::create_dir_all(dir)?;
            }
            fs::rename(staged, db_path).map_err(|e| at_path(db_path, e.into()))?;
            Ok((None, None))
        }
        Current::Damaged => {
            let aside = set_aside(db_path, now)?;
            fs::rename(staged, db_path).map_err(|e| at_path(db_path, e.into()))?;
            Ok((None, Some(aside.display().to_string())))
        }
    }
}

/// A staging file beside the database that is removed however the restore ends.
pub(crate) struct Staged(pub PathBuf);

impl Staged {
    pub fn beside(db_path: &Path, what: &str) -> Self {
        let name = db_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "haoping.db".into());
        Staged(partial_of(&db_path.with_file_name(format!(
            "{name}.{what}-{}",
            std::process::id()
        ))))
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
        let _ = fs::remove_file(format!("{}-journal", self.0.display()));
    }
}

/// Restores the database at `db_path` from `source` (a backup, or any Haoping database
/// file the owner picks): checks it, backs up the current database, replaces it.
pub fn restore(db_path: &Path, source: &Path, now: DateTime<Utc>) -> Result<RestoreReport> {
    if let (Ok(a), Ok(b)) = (fs::canonicalize(db_path), fs::canonicalize(source)) {
        if a == b {
            return Err(CoreError::storage(
                "backup.same_file",
                source,
                "this is the database in use; choose a backup",
            ));
        }
    }
    let data_dir = data_dir_of(db_path);
    let src = check_source(source)?;
    let staged = Staged::beside(db_path, "restoring");
    let (counts, migrated_from) = stage(&src, &staged.0).map_err(|e| at_path(&staged.0, e))?;
    drop(src);
    let mut sources = Vec::new();
    if let Some(dir) = source.parent() {
        sources.push(dir.to_path_buf());
    }
    sources.extend(super::location::resolve(&data_dir).chosen);
    sources.push(super::location::default_dir(&data_dir));
    let evidence_missing = bring_evidence(&staged.0, &data_dir, &sources)?;
    let (previous_backup, damaged_kept_at) =
        replace_with(db_path, &staged.0, BackupReason::BeforeRestore, now)?;
    Ok(RestoreReport {
        restored_from: source.display().to_string(),
        counts,
        previous_backup,
        damaged_kept_at,
        evidence_missing,
        migrated_from,
    })
}

/// Restores the newest backup that passes the full check (what the start screen offers
/// when the database is damaged).
pub fn restore_newest(db_path: &Path, now: DateTime<Utc>) -> Result<RestoreReport> {
    let data_dir = data_dir_of(db_path);
    let mut last_err = None;
    for b in list(&data_dir)?.into_iter().filter(|b| b.good) {
        match restore(db_path, Path::new(&b.path), now) {
            Ok(r) => return Ok(r),
            // A damaged backup is skipped for the next one; anything else (a full disk)
            // would fail the next one too.
            Err(e) if e.code().starts_with("backup.") || is_damage(e.code()) => last_err = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last_err.unwrap_or_else(|| {
        CoreError::storage(
            "backup.none",
            super::location::resolve(&data_dir).dir,
            "there is no good backup to restore",
        )
    }))
}
