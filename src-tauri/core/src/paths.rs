//! Where the database lives. The app and the CLI must agree, and development builds must
//! never touch an owner's real data.

use std::path::PathBuf;

/// The bundle identifier of released builds; development builds append `.dev`.
pub const APP_IDENTIFIER: &str = "app.haoping.desktop";
pub const DB_FILE: &str = "haoping.db";

/// Overrides the data directory entirely (tests, portable installs).
pub const DATA_DIR_ENV: &str = "HAOPING_DATA_DIR";

pub fn identifier(dev: bool) -> String {
    if dev {
        format!("{APP_IDENTIFIER}.dev")
    } else {
        APP_IDENTIFIER.to_string()
    }
}

/// `$HAOPING_DATA_DIR`, else the OS app-data directory (as Tauri computes it:
/// `<data dir>/<identifier>`), else the current directory.
pub fn data_dir(dev: bool) -> PathBuf {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::data_dir()
        .map(|d| d.join(identifier(dev)))
        .unwrap_or_else(|| PathBuf::from("."))
}

pub fn db_path(dev: bool) -> PathBuf {
    data_dir(dev).join(DB_FILE)
}
