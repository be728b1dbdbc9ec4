//! Where backups go. The owner may choose a place (a synced cloud folder, a USB stick);
//! when it is missing, backups go to the data dir's `backups` folder instead and the
//! owner is told once. The choice lives in a small file in the data dir, not in the
//! database, so it is known even when the database cannot be opened.

use super::files::write_atomic;
use crate::error::{CoreError, Result};
use serde::{Deserialize, Serialize};
use std::fs;
use std::path::{Path, PathBuf};

const LOCATION_FILE: &str = "backup-location.json";
pub const DEFAULT_DIR_NAME: &str = "backups";

#[derive(Debug, Default, Serialize, Deserialize)]
struct LocationFile {
    dir: Option<PathBuf>,
    /// The last backup fell back to the default folder.
    #[serde(default)]
    fell_back: bool,
    /// … and the owner has not been told yet.
    #[serde(default)]
    notice_pending: bool,
}

/// Where the next backup goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupPlace {
    pub dir: PathBuf,
    pub chosen: Option<PathBuf>,
    /// The chosen place is missing: `dir` is the default folder.
    pub fell_back: bool,
}

pub fn default_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(DEFAULT_DIR_NAME)
}

fn read(data_dir: &Path) -> LocationFile {
    fs::read(data_dir.join(LOCATION_FILE))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

fn write(data_dir: &Path, f: &LocationFile) -> Result<()> {
    fs::create_dir_all(data_dir)?;
    write_atomic(
        &data_dir.join(LOCATION_FILE),
        &serde_json::to_vec_pretty(f)?,
    )
}

/// The place the next backup goes, without changing anything.
pub fn resolve(data_dir: &Path) -> BackupPlace {
    let f = read(data_dir);
    match f.dir {
        Some(chosen) if chosen.is_dir() => BackupPlace {
            dir: chosen.clone(),
            chosen: Some(chosen),
            fell_back: false,
        },
        chosen => BackupPlace {
            fell_back: chosen.is_some(),
            dir: default_dir(data_dir),
            chosen,
        },
    }
}

/// Records whether a backup had to fall back, so the owner is told once per time the
/// chosen place goes missing.
pub(crate) fn note_outcome(data_dir: &Path, fell_back: bool) -> Result<()> {
    let mut f = read(data_dir);
    if f.fell_back == fell_back {
        return Ok(());
    }
    f.notice_pending = fell_back;
    f.fell_back = fell_back;
    write(data_dir, &f)
}

pub(crate) fn notice_pending(data_dir: &Path) -> bool {
    read(data_dir).notice_pending
}

/// The owner has seen the fallback notice.
pub fn acknowledge_fallback(data_dir: &Path) -> Result<()> {
    let mut f = read(data_dir);
    if !f.notice_pending {
        return Ok(());
    }
    f.notice_pending = false;
    write(data_dir, &f)
}

/// Chooses where backups go (`None`: back to the default folder). The place must be
/// an existing folder that can be written.
pub fn choose_location(data_dir: &Path, dir: Option<&Path>) -> Result<BackupPlace> {
    let mut f = read(data_dir);
    match dir {
        None => f.dir = None,
        Some(dir) => {
            if !dir.is_dir() {
                return Err(CoreError::storage(
                    "backup.location_missing",
                    dir,
                    "this folder does not exist",
                ));
            }
            let probe = dir.join(".haoping-write-test");
            fs::write(&probe, b"ok")
                .and_then(|_| fs::remove_file(&probe))
                .map_err(|e| {
                    CoreError::storage(
                        "backup.location_unwritable",
                        dir,
                        format!("this folder cannot be written: {e}"),
                    )
                })?;
            f.dir = Some(dir.to_path_buf());
        }
    }
    f.fell_back = false;
    f.notice_pending = false;
    write(data_dir, &f)?;
    Ok(resolve(data_dir))
}
