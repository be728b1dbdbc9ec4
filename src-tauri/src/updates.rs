//! Signed updates: the quiet check at start (at most once a day, unless switched off), the
//! owner's "check now", and "install and restart". The updater plugin fetches the release
//! and checks its signature against the public key built into the app; core decides when
//! the quiet check is due and holds writes while the backup area backs the database up.
//! Installing goes in this order, so a refused download changes nothing and no write is
//! ever cut off: download → signature verified → writes held, database backed up and
//! verified → install → restart.

use crate::state::AppState;
use chrono::{DateTime, Utc};
use haoping_core::updates::{
    self, AvailableUpdate, UpdateCheck, UpdatePrefs, UpdateProgress, UpdateStatus,
};
use haoping_core::CoreError;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tauri_plugin_updater::{Update, UpdaterBuilder, UpdaterExt};

/// Tells the window a newer version was found by the quiet check (payload `AvailableUpdate`).
pub const AVAILABLE_EVENT: &str = "update://available";
/// How an install is going (payload `UpdateProgress`).
pub const PROGRESS_EVENT: &str = "update://progress";

/// A development build may be pointed at another update source and key: its end-to-end
/// tests serve a release from 127.0.0.1, signed with a key pair made for the test. Release
/// builds ignore both and trust only the key they were built with.
const DEV_ENDPOINT_ENV: &str = "HAOPING_UPDATE_ENDPOINT";
const DEV_PUBKEY_ENV: &str = "HAOPING_UPDATE_PUBKEY";

/// The quiet check waits this long after start, so it never competes with the first screen.
const QUIET_CHECK_DELAY: Duration = Duration::from_secs(3);
const CHECK_TIMEOUT: Duration = Duration::from_secs(30);
/// How long an install waits for a write in progress to finish before giving up: as long
/// as any write waits for another.
const WRITE_WAIT: Duration = haoping_core::db::WRITE_WAIT;

#[derive(Default)]
pub struct UpdateControl {
    /// The update the last check found, kept for "install and restart".
    pending: Mutex<Option<Update>>,
    installing: AtomicBool,
    /// Serializes reading and writing the preferences file.
    prefs: Mutex<()>,
}

fn control<R: Runtime>(app: &AppHandle<R>) -> tauri::State<'_, UpdateControl> {
    app.state::<UpdateControl>()
}

fn data_dir<R: Runtime>(app: &AppHandle<R>) -> std::path::PathBuf {
    app.state::<AppState>().data_dir.clone()
}

fn dev_override(name: &str) -> Option<String> {
    if !cfg!(debug_assertions) {
        return None;
    }
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The updater with the built-in source and key (or, in a development build, the ones the
/// environment names).
fn updater_builder<R: Runtime>(app: &AppHandle<R>) -> Result<UpdaterBuilder, CoreError> {
    let mut builder = app.updater_builder().timeout(CHECK_TIMEOUT);
    if let Some(endpoint) = dev_override(DEV_ENDPOINT_ENV) {
        let url = endpoint
            .parse()
            .map_err(|e| CoreError::service("update.not_configured", format!("{endpoint}: {e}")))?;
        builder = builder.endpoints(vec![url]).map_err(updater_error)?;
    }
    if let Some(key) = dev_override(DEV_PUBKEY_ENV) {
        builder = builder.pubkey(key);
    }
    Ok(builder)
}

/// Whether this build knows where to look for updates and which key to trust.
fn configured<R: Runtime>(app: &AppHandle<R>) -> bool {
    updater_builder(app)
        .and_then(|b| b.build().map_err(updater_error))
        .is_ok()
        && (dev_override(DEV_PUBKEY_ENV).is_some() || has_builtin_key(app))
}

fn has_builtin_key<R: Runtime>(app: &AppHandle<R>) -> bool {
    app.config()
        .plugins
        .0
        .get("updater")
        .and_then(|u| u.get("pubkey"))
        .and_then(|k| k.as_str())
        .is_some_and(|k| !k.trim().is_empty())
}

/// Updater failures as stable codes the window words in the owner's language.
pub fn updater_error(e: tauri_plugin_updater::Error) -> CoreError {
    use tauri_plugin_updater::Error as E;
    let code = match &e {
        E::EmptyEndpoints => "update.not_configured",
        E::InsecureTransportProtocol => "update.insecure",
        E::Reqwest(_) | E::Network(_) => "update.offline",
        E::ReleaseNotFound | E::Serialization(_) | E::Semver(_) | E::UrlParse(_) => {
            "update.bad_release"
        }
        E::TargetNotFound(_) | E::TargetsNotFound(_) | E::UnsupportedArch | E::UnsupportedOs => {
            "update.no_build"
        }
        E::Minisign(_)
        | E::Base64(_)
        | E::SignatureUtf8(_)
        | E::SignedVersionMismatch { .. }
        | E::MissingSignedVersion => "update.bad_signature",
        E::AuthenticationFailed => "update.cancelled",
        _ => "update.install_failed",
    };
    CoreError::service(code, e.to_string())
}

fn available(update: &Update) -> AvailableUpdate {
    AvailableUpdate {
        version: update.version.clone(),
        notes: update.body.clone().filter(|n| !n.trim().is_empty()),
        published: update
            .date
            .and_then(|d| DateTime::<Utc>::from_timestamp(d.unix_timestamp(), 0)),
    }
}

fn current_version<R: Runtime>(app: &AppHandle<R>) -> String {
    app.package_info().version.to_string()
}

/// Records the time of a check before it goes out, so the quiet check runs at most once a
/// day even when the update source cannot be reached.
fn record_check<R: Runtime>(app: &AppHandle<R>, at: DateTime<Utc>) {
    let control = control(app);
    let _guard = control.prefs.lock().unwrap_or_else(|p| p.into_inner());
    let dir = data_dir(app);
    let mut prefs = updates::load_prefs(&dir);
    prefs.last_check = Some(at);
    if let Err(e) = updates::save_prefs(&dir, &prefs) {
        log::warn!("update check time not saved: {e}");
    }
}

pub fn status<R: Runtime>(app: &AppHandle<R>) -> UpdateStatus {
    let pending = control(app)
        .pending
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .as_ref()
        .map(available);
    UpdateStatus {
        current_version: current_version(app),
        configured: configured(app),
        prefs: updates::load_prefs(&data_dir(app)),
        available: pending,
    }
}

pub fn set_auto_check<R: Runtime>(app: &AppHandle<R>, on: bool) -> Result<UpdatePrefs, CoreError> {
    let control = control(app);
    let _guard = control.prefs.lock().unwrap_or_else(|p| p.into_inner());
    let dir = data_dir(app);
    let mut prefs = updates::load_prefs(&dir);
    prefs.auto_check = on;
    updates::save_prefs(&dir, &prefs)?;
    Ok(prefs)
}

/// Asks the update source whether there is a newer version.
pub async fn check<R: Runtime>(app: &AppHandle<R>) -> Result<UpdateCheck, CoreError> {
    let updater = updater_builder(app)?.build().map_err(updater_error)?;
    let now = Utc::now();
    record_check(app, now);
    let found = updater.check().await.map_err(updater_error)?;
    let result = UpdateCheck {
        current_version: current_version(app),
        available: found.as_ref().map(available),
        checked_at: now,
    };
    *control(app)
        .pending
        .lock()
        .unwrap_or_else(|p| p.into_inner()) = found;
    Ok(result)
}

/// The quiet check at start: only when switched on and a day has passed; a failure is
/// logged, never shown, and a newer version is announced to the window.
pub fn start_quiet_check<R: Runtime>(app: &AppHandle<R>) {
    let prefs = updates::load_prefs(&data_dir(app));
    if !updates::quiet_check_due(&prefs, Utc::now()) || !configured(app) {
        return;
    }
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(QUIET_CHECK_DELAY).await;
        match check(&app).await {
            Ok(UpdateCheck {
                available: Some(update),
                ..
            }) => {
                log::info!("update {} is available", update.version);
                if let Err(e) = app.emit(AVAILABLE_EVENT, &update) {
                    log::warn!("cannot tell the window about the update: {e}");
                }
            }
            Ok(_) => log::info!("no newer version"),
            Err(e) => log::info!("quiet update check did not complete: {e}"),
        }
    });
}

fn progress<R: Runtime>(app: &AppHandle<R>, p: UpdateProgress) {
    let _ = app.emit(PROGRESS_EVENT, p);
}

/// An import or a relabelling of every case writes batch after batch: the update waits
/// until it has finished rather than stop it between two batches.
fn refuse_during_background_writes<R: Runtime>(app: &AppHandle<R>) -> Result<(), CoreError> {
    let importing = app
        .try_state::<crate::commands::intake::ImportControl>()
        .is_some_and(|c| c.is_running());
    let relabelling = app
        .try_state::<crate::commands::triage::RetriageControl>()
        .is_some_and(|c| c.is_running());
    if importing || relabelling {
        return Err(CoreError::service(
            "update.busy",
            "an import or a relabelling of the cases is still running",
        ));
    }
    Ok(())
}

/// Clears the "installing" flag however the install ends (except by restarting).
struct Installing<'a>(&'a AtomicBool);

impl Drop for Installing<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

/// Downloads the update the last check found, verifies it, backs the database up and
/// installs; then restarts into the new version (on Windows the installer does that). On any
/// failure nothing is installed and the app carries on as it was.
pub async fn install<R: Runtime>(app: &AppHandle<R>) -> Result<(), CoreError> {
    let control = control(app);
    if control.installing.swap(true, Ordering::SeqCst) {
        return Err(CoreError::service(
            "update.in_progress",
            "an update is already being installed",
        ));
    }
    let _installing = Installing(&control.installing);
    let update = control
        .pending
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone()
        .ok_or_else(|| CoreError::service("update.none", "no update was found to install"))?;

    let mut received = 0u64;
    let mut reported = 0u64;
    progress(
        app,
        UpdateProgress::Downloading {
            received: 0,
            total: None,
        },
    );
    let bytes = update
        .download(
            |chunk, total| {
                received += chunk as u64;
                // A few dozen events per download are plenty for a progress bar.
                if received - reported >= 256 * 1024 || total == Some(received) {
                    reported = received;
                    progress(app, UpdateProgress::Downloading { received, total });
                }
            },
            || {},
        )
        .await
        .map_err(updater_error)?;
    progress(app, UpdateProgress::Verified);

    progress(app, UpdateProgress::BackingUp);
    refuse_during_background_writes(app)?;
    let (db_path, dir) = {
        let state = app.state::<AppState>();
        (state.current_db_path(), state.data_dir.clone())
    };
    let backup = tauri::async_runtime::spawn_blocking(move || {
        updates::backup_before_install(&db_path, &dir, Utc::now(), WRITE_WAIT)
    })
    .await
    .map_err(|e| CoreError::Unavailable(format!("background task failed: {e}")))??;
    // One that started while writes were being held would be cut off by the restart.
    refuse_during_background_writes(app)?;
    match &backup.backup {
        Some(b) => log::info!(
            "database backed up before the update to {} ({} bytes, {} cases)",
            b.path,
            b.size_bytes,
            b.counts.cases
        ),
        None => log::info!("no database yet: nothing to back up before the update"),
    }

    progress(app, UpdateProgress::Installing);
    // On Windows this starts the installer and ends the app, writes still held.
    let installed = tauri::async_runtime::spawn_blocking(move || update.install(&bytes))
        .await
        .map_err(|e| CoreError::Unavailable(format!("background task failed: {e}")))?;
    if let Err(e) = installed {
        drop(backup);
        return Err(updater_error(e));
    }
    progress(app, UpdateProgress::Restarting);
    log::info!("update installed; restarting");
    // `backup` is never dropped: the hold on writes ends with this process.
    app.restart()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tauri_plugin_updater::Error as E;

    #[test]
    fn refused_signatures_have_their_own_code() {
        for e in [
            E::SignedVersionMismatch {
                signed: "0.1.0".into(),
                announced: "9.9.9".into(),
            },
            E::MissingSignedVersion,
            E::SignatureUtf8("x".into()),
        ] {
            assert_eq!(updater_error(e).code(), "update.bad_signature");
        }
    }

    #[test]
    fn other_failures_say_what_went_wrong() {
        assert_eq!(
            updater_error(E::EmptyEndpoints).code(),
            "update.not_configured"
        );
        assert_eq!(
            updater_error(E::Network("status 502".into())).code(),
            "update.offline"
        );
        assert_eq!(
            updater_error(E::ReleaseNotFound).code(),
            "update.bad_release"
        );
        assert_eq!(
            updater_error(E::TargetsNotFound(vec!["linux-x86_64".into()])).code(),
            "update.no_build"
        );
        assert_eq!(
            updater_error(E::AuthenticationFailed).code(),
            "update.cancelled"
        );
        assert_eq!(
            updater_error(E::DebInstallFailed).code(),
            "update.install_failed"
        );
        assert_eq!(
            updater_error(E::InsecureTransportProtocol).code(),
            "update.insecure"
        );
    }
}
