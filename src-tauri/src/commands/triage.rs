//! Triage: the owner's keywords per cause and product, keyword alerts, the triage settings,
//! and re-labelling every stored case in the background after an edit, with progress
//! events and cancel. The UI stays responsive: the run has its own connection and thread,
//! and commits in batches so the app's own writes only wait a moment.

use crate::state::AppState;
use chrono::Utc;
use haoping_core::triage::{
    self, AlertUsage, KeywordAlert, NewAlert, NewKeyword, OwnerKeyword, ProgressThrottle, Reason,
    RetriageOutcome, RetriageProgress, RetriageState, TriageConfig,
};
use haoping_core::CoreError;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tauri::{AppHandle, Emitter, Runtime, State};

/// Event carrying a `RetriageProgress` while a re-triage runs (about every 1 % or 200 ms).
pub const PROGRESS_EVENT: &str = "triage://progress";
/// Event carrying the `RetriageOutcome` when a re-triage ends, however it ends.
pub const DONE_EVENT: &str = "triage://done";
/// Event carrying the `AlertHit`s just notified on the desktop.
pub const ALERT_EVENT: &str = "triage://alert";

#[derive(Default)]
struct Shared {
    running: AtomicBool,
    cancel: AtomicBool,
    state: Mutex<RetriageState>,
}

impl Shared {
    fn update(&self, f: impl FnOnce(&mut RetriageState)) {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut s);
    }
}

/// One re-triage at a time; `cancel_retriage` asks the running one to stop after its
/// current batch (the batches done are kept).
#[derive(Default)]
pub struct RetriageControl(Arc<Shared>);

/// Held while a re-triage runs; frees the slot however the run ends.
struct Running(Arc<Shared>);

impl Drop for Running {
    fn drop(&mut self) {
        self.0.update(|s| {
            s.running = false;
            s.progress = None;
        });
        self.0.running.store(false, Ordering::SeqCst);
    }
}

impl RetriageControl {
    fn begin(&self) -> Result<Running, CoreError> {
        self.0
            .running
            .compare_exchange(false, true, Ordering::SeqCst, Ordering::SeqCst)
            .map_err(|_| {
                CoreError::validation(
                    "triage.busy",
                    "retriage",
                    "cases are already being relabelled; wait for it or cancel it",
                )
            })?;
        self.0.cancel.store(false, Ordering::SeqCst);
        self.0.update(|s| {
            s.running = true;
            s.progress = None;
        });
        Ok(Running(Arc::clone(&self.0)))
    }

    /// Whether cases are being relabelled right now (an update waits for it).
    pub fn is_running(&self) -> bool {
        self.0.running.load(Ordering::SeqCst)
    }
}

#[tauri::command]
pub async fn list_triage_keywords(
    state: State<'_, AppState>,
) -> Result<Vec<OwnerKeyword>, CoreError> {
    state.with_db(|c| triage::list_keywords(c)).await
}

#[tauri::command]
pub async fn add_triage_keyword(
    state: State<'_, AppState>,
    keyword: NewKeyword,
) -> Result<OwnerKeyword, CoreError> {
    state
        .with_db(move |c| triage::add_keyword(c, &keyword, Utc::now()))
        .await
}

#[tauri::command]
pub async fn remove_triage_keyword(state: State<'_, AppState>, id: i64) -> Result<(), CoreError> {
    state.with_db(move |c| triage::remove_keyword(c, id)).await
}

/// Every alert with how many cases it marked and the latest one.
#[tauri::command]
pub async fn list_triage_alerts(state: State<'_, AppState>) -> Result<Vec<AlertUsage>, CoreError> {
    state.with_db(|c| triage::alert_usage(c)).await
}

#[tauri::command]
pub async fn add_triage_alert(
    state: State<'_, AppState>,
    alert: NewAlert,
) -> Result<KeywordAlert, CoreError> {
    state
        .with_db(move |c| triage::add_alert(c, &alert, Utc::now()))
        .await
}

#[tauri::command]
pub async fn set_triage_alert_enabled(
    state: State<'_, AppState>,
    id: i64,
    enabled: bool,
) -> Result<KeywordAlert, CoreError> {
    state
        .with_db(move |c| triage::set_alert_enabled(c, id, enabled))
        .await
}

#[tauri::command]
pub async fn remove_triage_alert(state: State<'_, AppState>, id: i64) -> Result<(), CoreError> {
    state.with_db(move |c| triage::remove_alert(c, id)).await
}

/// The reasons of a case's labels, structured and in both languages (rule words, the
/// model's grams, severity, risk), so the window shows them in the owner's language.
#[tauri::command]
pub async fn get_case_triage(
    state: State<'_, AppState>,
    case_id: i64,
) -> Result<Vec<Reason>, CoreError> {
    state
        .with_db(move |c| triage::case_details(c, case_id))
        .await
}

#[tauri::command]
pub async fn get_triage_config(state: State<'_, AppState>) -> Result<TriageConfig, CoreError> {
    state.with_db(|c| triage::config(c)).await
}

#[tauri::command]
pub async fn save_triage_config(
    state: State<'_, AppState>,
    config: TriageConfig,
) -> Result<TriageConfig, CoreError> {
    state.with_db(move |c| triage::set_config(c, &config)).await
}

/// Starts relabelling every stored case and returns at once; progress arrives as
/// `triage://progress`, the end as `triage://done`.
#[tauri::command]
pub async fn start_retriage(
    app: AppHandle,
    state: State<'_, AppState>,
    control: State<'_, RetriageControl>,
) -> Result<(), CoreError> {
    let pool = state.pool()?;
    let wake = Arc::clone(&state.wake);
    let run = control.begin()?;
    tauri::async_runtime::spawn_blocking(move || {
        let shared = Arc::clone(&run.0);
        // A panic must still end the run for the window, not leave its progress bar up.
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let result = pool
                .get()
                .and_then(|mut conn| retriage(&app, &shared, &mut conn));
            RetriageOutcome::from_result(result, Utc::now())
        }))
        .unwrap_or_else(|_| {
            RetriageOutcome::from_result(
                Err(CoreError::Unavailable(
                    "relabelling stopped unexpectedly".into(),
                )),
                Utc::now(),
            )
        });
        shared.update(|s| s.last = Some(outcome.clone()));
        // Free the slot before telling the window, so it can start another run at once.
        drop(run);
        // New alert hits may be waiting for their notification.
        wake.notify_one();
        if let Err(e) = app.emit(DONE_EVENT, &outcome) {
            log::warn!("cannot send the end of a re-triage: {e}");
        }
    });
    Ok(())
}

fn retriage<R: Runtime>(
    app: &AppHandle<R>,
    shared: &Shared,
    conn: &mut haoping_core::db::Connection,
) -> Result<triage::RetriageSummary, CoreError> {
    let mut throttle = ProgressThrottle::default();
    triage::retriage_all(conn, Utc::now(), &mut |done, total| {
        if throttle.due(done, total, Instant::now()) {
            let p = RetriageProgress { done, total };
            shared.update(|s| s.progress = Some(p));
            if let Err(e) = app.emit(PROGRESS_EVENT, p) {
                log::warn!("cannot send re-triage progress: {e}");
            }
        }
        !shared.cancel.load(Ordering::SeqCst)
    })
}

/// Asks the running re-triage to stop; true when one was running.
#[tauri::command]
pub fn cancel_retriage(control: State<'_, RetriageControl>) -> bool {
    let running = control.0.running.load(Ordering::SeqCst);
    if running {
        control.0.cancel.store(true, Ordering::SeqCst);
    }
    running
}

/// Whether a re-triage runs, how far it is, and how the last one ended (for a screen
/// opened in the middle of a run).
#[tauri::command]
pub fn retriage_status(control: State<'_, RetriageControl>) -> RetriageState {
    control
        .0
        .state
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_run_at_a_time_and_the_slot_frees_itself() {
        let control = RetriageControl::default();
        let first = control.begin().unwrap();
        assert!(control.0.state.lock().unwrap().running);
        assert_eq!(control.begin().err().map(|e| e.code()), Some("triage.busy"));
        control.0.cancel.store(true, Ordering::SeqCst);
        drop(first);
        assert!(!control.0.state.lock().unwrap().running);
        let _second = control.begin().unwrap();
        assert!(!control.0.cancel.load(Ordering::SeqCst), "cancel is reset");
    }
}
