//! Which backups there are: read from the manifests in the backup place and in the
//! default folder (where backups go while the chosen place is missing).

use super::files::hash_file;
use super::location::{default_dir, notice_pending, resolve};
use super::model::{BackupInfo, BackupManifest, BackupReason, BackupStatus, STALE_AFTER_DAYS};
use super::snapshot::{verify_copy, FILE_PREFIX};
use crate::error::{CoreError, Result};
use chrono::{DateTime, Duration, Utc};
use std::fs;
use std::path::{Path, PathBuf};

pub(crate) fn info_from_manifest(dir: &Path, m: &BackupManifest) -> BackupInfo {
    let path = dir.join(&m.file_name);
    let problem = match fs::metadata(&path) {
        Ok(md) if md.len() == m.size_bytes => None,
        Ok(md) => Some(format!(
            "the file is {} bytes, the backup recorded {}",
            md.len(),
            m.size_bytes
        )),
        Err(_) => Some("the database file of this backup is missing".to_string()),
    };
    BackupInfo {
        file_name: m.file_name.clone(),
        path: path.display().to_string(),
        reason: m.reason,
        created_at: m.created_at,
        size_bytes: m.size_bytes,
        schema_version: m.schema_version,
        app_version: m.app_version.clone(),
        counts: m.counts,
        duration_ms: m.duration_ms,
        evidence_files: u32::try_from(m.evidence.len()).unwrap_or(u32::MAX),
        evidence_bytes: m.evidence.iter().map(|e| e.size).sum(),
        evidence_missing: u32::try_from(m.evidence_missing.len()).unwrap_or(u32::MAX),
        good: problem.is_none(),
        problem,
    }
}

/// The manifests in one folder, with their file stems.
pub(crate) fn manifests_in(dir: &Path) -> Vec<(PathBuf, BackupManifest)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(PathBuf, BackupManifest)> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "json")
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(FILE_PREFIX))
        })
        .filter_map(|p| {
            let m: BackupManifest = serde_json::from_slice(&fs::read(&p).ok()?).ok()?;
            // A manifest must describe the file beside it.
            (p.with_extension("db").file_name()? == std::ffi::OsStr::new(&m.file_name))
                .then_some((p, m))
        })
        .collect();
    out.sort_by(|a, b| b.1.created_at.cmp(&a.1.created_at).then(b.0.cmp(&a.0)));
    out
}

fn folders(data_dir: &Path) -> Vec<PathBuf> {
    let place = resolve(data_dir);
    let mut dirs = vec![place.dir.clone()];
    let default = default_dir(data_dir);
    if default != place.dir {
        dirs.push(default);
    }
    dirs
}

/// Every backup, newest first.
pub fn list(data_dir: &Path) -> Result<Vec<BackupInfo>> {
    let mut all: Vec<BackupInfo> = folders(data_dir)
        .iter()
        .flat_map(|d| {
            manifests_in(d)
                .into_iter()
                .map(move |(_, m)| info_from_manifest(d, &m))
        })
        .collect();
    all.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.path.cmp(&a.path)));
    Ok(all)
}

/// The newest backup whose file is there and whole.
pub fn newest_good(data_dir: &Path) -> Result<Option<BackupInfo>> {
    Ok(list(data_dir)?.into_iter().find(|b| b.good))
}

/// Whether the daily backup is due: no daily backup in the last 24 hours.
pub fn daily_due(data_dir: &Path, now: DateTime<Utc>) -> Result<bool> {
    Ok(!list(data_dir)?.iter().any(|b| {
        b.good && b.reason == BackupReason::Daily && now - b.created_at < Duration::hours(24)
    }))
}

/// What the sidebar and the backup settings show.
pub fn status(data_dir: &Path, now: DateTime<Utc>) -> Result<BackupStatus> {
    let place = resolve(data_dir);
    let all = list(data_dir)?;
    let last_good = all.iter().find(|b| b.good).cloned();
    let stale = last_good
        .as_ref()
        .is_none_or(|b| now - b.created_at > Duration::days(STALE_AFTER_DAYS));
    Ok(BackupStatus {
        dir: place.dir.display().to_string(),
        chosen_dir: place.chosen.map(|d| d.display().to_string()),
        default_dir: default_dir(data_dir).display().to_string(),
        fallback_notice: notice_pending(data_dir),
        last_good,
        stale,
        stale_after_days: STALE_AFTER_DAYS as u32,
        count: u32::try_from(all.len()).unwrap_or(u32::MAX),
    })
}

/// The full check of a backup before it is used: its hash is the recorded one and the
/// database inside passes `integrity_check` with the recorded counts.
pub fn verify_file(db_file: &Path) -> Result<Option<BackupManifest>> {
    let manifest_path = db_file.with_extension("json");
    let manifest: Option<BackupManifest> = fs::read(&manifest_path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    if let Some(m) = &manifest {
        let (sha, size) = hash_file(db_file).map_err(|e| crate::db::at_path(db_file, e))?;
        if sha != m.sha256 || size != m.size_bytes {
            return Err(CoreError::storage(
                "backup.damaged",
                db_file,
                "this backup changed since it was made (its hash no longer matches)",
            ));
        }
        verify_copy(db_file, &m.counts, m.schema_version)?;
    }
    Ok(manifest)
}
