//! App updates as the owner sees them: what a check found, how an install is going, when the
//! quiet daily check is due, and the database's verified backup, writes held, before an
//! update installs. Fetching and verifying the update itself is the desktop shell's job
//! (the updater plugin); nothing here touches the network.

mod pre_install;
mod prefs;

pub use pre_install::{backup_before_install, PreInstallBackup};
pub use prefs::{
    load_prefs, quiet_check_due, save_prefs, UpdatePrefs, PREFS_FILE, QUIET_CHECK_EVERY,
};

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// A newer release the update source announced.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AvailableUpdate {
    pub version: String,
    /// The release notes, as written in the changelog (plain text with Markdown marks).
    pub notes: Option<String>,
    pub published: Option<DateTime<Utc>>,
}

/// What "check for updates" found.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct UpdateCheck {
    pub current_version: String,
    /// `None`: this version is the newest.
    pub available: Option<AvailableUpdate>,
    pub checked_at: DateTime<Utc>,
}

/// Everything the About card shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct UpdateStatus {
    pub current_version: String,
    /// Whether this build knows where updates come from (release builds do; a build made
    /// from source without the release settings does not).
    pub configured: bool,
    pub prefs: UpdatePrefs,
    /// An update found earlier (by the quiet check or by hand) and not installed yet.
    pub available: Option<AvailableUpdate>,
}

/// How an install is going, sent to the window while it runs.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum UpdateProgress {
    Downloading {
        #[ts(type = "number")]
        received: u64,
        #[ts(type = "number | null")]
        total: Option<u64>,
    },
    /// The download's signature checked out.
    Verified,
    /// Writes are paused and the database is being copied.
    BackingUp,
    Installing,
    Restarting,
}
