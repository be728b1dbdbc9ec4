//! The daily backup: a background task makes one when none was made in the last 24
//! hours, checking again every hour, so a computer that sleeps or stays off still gets
//! its backup soon after it wakes. A failure is logged and tried again next hour; the
//! sidebar warns once the last good backup is two days old.

use crate::state::AppState;
use chrono::Utc;
use haoping_core::backup::{self, BackupReason};
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager, Runtime};

const CHECK_EVERY: Duration = Duration::from_secs(3600);
/// Let the app settle first (a start at login, a quick look and quit).
const FIRST_CHECK_AFTER: Duration = Duration::from_secs(120);
/// Tells the window to refresh the sidebar's backup status.
pub const BACKUP_EVENT: &str = "backup://made";

fn round(state: &AppState) -> Result<bool, haoping_core::CoreError> {
    let now = Utc::now();
    if !backup::daily_due(&state.data_dir, now)? {
        return Ok(false);
    }
    let pool = state.pool()?;
    let conn = pool.get()?;
    // An app without cases yet has nothing to back up.
    if haoping_core::cases::count(&conn)? == 0 {
        return Ok(false);
    }
    let info = backup::create(&conn, &state.data_dir, BackupReason::Daily, now)?;
    log::info!(
        "daily backup {} ({} bytes, {} ms)",
        info.path,
        info.size_bytes,
        info.duration_ms
    );
    Ok(true)
}

pub fn start<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(FIRST_CHECK_AFTER).await;
        loop {
            let handle = app.clone();
            let made =
                tauri::async_runtime::spawn_blocking(move || round(&handle.state::<AppState>()))
                    .await;
            match made {
                Ok(Ok(true)) => {
                    let _ = app.emit(BACKUP_EVENT, ());
                }
                Ok(Ok(false)) => {}
                Ok(Err(e)) => log::warn!("daily backup failed: {e}"),
                Err(e) => log::warn!("daily backup task failed: {e}"),
            }
            tokio::time::sleep(CHECK_EVERY).await;
        }
    });
}
