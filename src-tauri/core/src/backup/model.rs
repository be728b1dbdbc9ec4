//! What backups, restores and archives report, to the UI (through the bindings), the CLI
//! and the manifests written beside each backup.

use super::counts::DataCounts;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The sidebar warns when the last good backup is older than this.
pub const STALE_AFTER_DAYS: i64 = 2;

/// Why a backup was made; operation backups are kept 30 days, daily ones by the
/// 7-daily/4-weekly rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupReason {
    Daily,
    Manual,
    BeforeMigration,
    BeforeImport,
    BeforeRestore,
    BeforeArchiveImport,
    BeforeUpdate,
}

impl BackupReason {
    pub const ALL: [BackupReason; 7] = [
        BackupReason::Daily,
        BackupReason::Manual,
        BackupReason::BeforeMigration,
        BackupReason::BeforeImport,
        BackupReason::BeforeRestore,
        BackupReason::BeforeArchiveImport,
        BackupReason::BeforeUpdate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BackupReason::Daily => "daily",
            BackupReason::Manual => "manual",
            BackupReason::BeforeMigration => "before_migration",
            BackupReason::BeforeImport => "before_import",
            BackupReason::BeforeRestore => "before_restore",
            BackupReason::BeforeArchiveImport => "before_archive_import",
            BackupReason::BeforeUpdate => "before_update",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl std::fmt::Display for BackupReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One evidence file a backup or archive holds: where it lives under the data dir
/// (`evidence/ab/ab12….png`), its hash and size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceFile {
    pub stored_path: String,
    pub sha256: String,
    pub size: u64,
}

/// The manifest written beside a backup's database file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupManifest {
    pub format: u32,
    pub file_name: String,
    pub reason: BackupReason,
    pub created_at: DateTime<Utc>,
    pub size_bytes: u64,
    pub sha256: String,
    pub schema_version: i64,
    pub app_version: String,
    pub counts: DataCounts,
    /// How long making and verifying it took.
    pub duration_ms: u64,
    pub evidence: Vec<EvidenceFile>,
    /// Evidence rows whose file was missing or altered in the data dir when the backup
    /// was made (the backup holds what it could; `doctor` names them).
    #[serde(default)]
    pub evidence_missing: Vec<String>,
}

/// A backup as the list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupInfo {
    pub file_name: String,
    /// The database file of the backup.
    pub path: String,
    pub reason: BackupReason,
    pub created_at: DateTime<Utc>,
    #[ts(type = "number")]
    pub size_bytes: u64,
    pub schema_version: i64,
    pub app_version: String,
    pub counts: DataCounts,
    #[ts(type = "number")]
    pub duration_ms: u64,
    pub evidence_files: u32,
    #[ts(type = "number")]
    pub evidence_bytes: u64,
    pub evidence_missing: u32,
    /// The file is there with the recorded size (a full check runs before a restore).
    pub good: bool,
    /// Why it is not good, in English for the log (the UI words `good == false` itself).
    pub problem: Option<String>,
}

/// What the sidebar and Settings → 数据与备份 show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupStatus {
    /// Where backups go now (the chosen place, or the data dir's backups folder).
    pub dir: String,
    /// The place the owner chose, if any.
    pub chosen_dir: Option<String>,
    pub default_dir: String,
    /// The chosen place was missing at the last backup, which went to the default
    /// folder instead; shown once, until `acknowledge_fallback`.
    pub fallback_notice: bool,
    pub last_good: Option<BackupInfo>,
    /// No good backup, or the last one is older than `stale_after_days`.
    pub stale: bool,
    pub stale_after_days: u32,
    pub count: u32,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RestoreReport {
    pub restored_from: String,
    pub counts: DataCounts,
    /// The backup of the database that was replaced (none when it could not be read).
    pub previous_backup: Option<BackupInfo>,
    /// Where a damaged database was moved aside, kept exactly as it was.
    pub damaged_kept_at: Option<String>,
    /// Evidence files the restored database names but no backup held.
    pub evidence_missing: Vec<String>,
    /// The restored file was from an older version and was brought up to date.
    pub migrated_from: Option<i64>,
}

/// The manifest of a `.haoping` archive: every other entry with its size and SHA-256.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ArchiveManifest {
    pub format: u32,
    pub app_version: String,
    pub schema_version: i64,
    pub created_at: DateTime<Utc>,
    pub counts: DataCounts,
    pub entries: Vec<ArchiveEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ArchiveEntry {
    pub name: String,
    #[ts(type = "number")]
    pub size: u64,
    pub sha256: String,
}

/// What an archive export or import did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ArchiveReport {
    pub path: String,
    #[ts(type = "number")]
    pub size_bytes: u64,
    pub counts: DataCounts,
    pub evidence_files: u32,
    /// On import: the backup made of the (empty) database first.
    pub previous_backup: Option<BackupInfo>,
}
