//! Backups of the owner's data, and the whole-shop archive.
//!
//! A backup is a consistent snapshot of the database made with SQLite's online backup
//! API while the app keeps working (never a raw copy of a live WAL file), verified after
//! it is written (it opens, `integrity_check` says ok, its row counts equal the source's
//! at the same instant) and recorded beside it in a small JSON manifest with its time,
//! size, hash and counts. Evidence files are content-addressed, so a backup folder keeps
//! one copy of each under `evidence/`, shared by every backup that needs it.
//!
//! ```text
//! <backup dir>/haoping-20261123-031500-daily.db     the snapshot (rollback journal, one file)
//! <backup dir>/haoping-20261123-031500-daily.json   its manifest (written last: no manifest, no backup)
//! <backup dir>/evidence/ab/ab12….png                evidence files, as in the data dir
//! ```
//!
//! - `snapshot`: `create` (what the app, the CLI and the updater call), `verify`, and
//!   `before_migration`, the safety copy `storage` hands to `db` when it opens a file.
//! - `catalog`: listing, the newest good backup, the sidebar's status.
//! - `retention`: 7 daily + 4 weekly + operation backups for 30 days; never the newest good.
//! - `location`: where backups go, the fallback to the data dir when that place is gone.
//! - `restore`: put a backup (or any database file) back, after backing up what is there.
//! - `archive`: the `.haoping` file: a whole shop in one verified zip.

mod archive;
mod catalog;
mod counts;
mod files;
mod location;
mod model;
mod restore;
mod retention;
mod snapshot;

pub use archive::{export_shop, import_shop, read_archive, ARCHIVE_EXTENSION};
pub use catalog::{daily_due, list, newest_good, status, verify_file};
pub use counts::{count_rows, DataCounts};
pub use location::{acknowledge_fallback, choose_location, default_dir, resolve, BackupPlace};
pub use model::{
    ArchiveEntry, ArchiveManifest, ArchiveReport, BackupInfo, BackupManifest, BackupReason,
    BackupStatus, EvidenceFile, RestoreReport, STALE_AFTER_DAYS,
};
pub use restore::{restore, restore_newest, set_aside};
pub use retention::{prune, PruneReport};
pub use snapshot::{before_migration, create, create_at};

/// Where an evidence file's stored path points under `data_dir` (None for a path that
/// would leave it).
pub fn evidence_file(data_dir: &std::path::Path, stored_path: &str) -> Option<std::path::PathBuf> {
    files::under(data_dir, stored_path)
}

/// The SHA-256 (hex) and size of a file.
pub fn file_hash(path: &std::path::Path) -> crate::Result<(String, u64)> {
    files::hash_file(path)
}

#[cfg(test)]
mod tests;
