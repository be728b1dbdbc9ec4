//! The reminder loop: asks core what fell due, fires one desktop notification per batch,
//! keeps the tray tooltip current, then sleeps until the next due time (or a poke).
//! Core decides everything; this only adapts it to timers, notifications and events.

use crate::state::AppState;
use crate::tray;
use chrono::Utc;
use haoping_core::followup::{self, FiredBatch};
use haoping_core::settings;
use std::sync::Arc;
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tauri_plugin_notification::NotificationExt;
use tokio::sync::Notify;

/// The longest nap: guards against timers that stop while a laptop sleeps, so reminders
/// that fell due meanwhile are caught up within a minute of waking.
const MAX_SLEEP: Duration = Duration::from_secs(60);

/// Asks the loop to look again now. Every successful database command already does this
/// (`AppState::with_db`); call it after changes made any other way.
pub fn poke<R: Runtime>(app: &AppHandle<R>) {
    if let Some(s) = app.try_state::<AppState>() {
        s.wake.notify_one();
    }
}

struct Round {
    fired: FiredBatch,
    next_wake: Option<chrono::DateTime<Utc>>,
    tooltip: String,
    english: bool,
}

fn round(state: &AppState) -> Result<Round, haoping_core::CoreError> {
    let pool = state.pool()?;
    let mut conn = pool.get()?;
    let now = Utc::now();
    let tick = followup::tick(&mut conn, now)?;
    let counts = followup::counts(&conn, now)?;
    let english = settings::load(&conn)?.language == "en";
    Ok(Round {
        tooltip: if english {
            counts.tooltip_en
        } else {
            counts.tooltip_zh
        },
        fired: tick.fired,
        next_wake: tick.next_wake,
        english,
    })
}

fn notify<R: Runtime>(app: &AppHandle<R>, batch: &FiredBatch, english: bool) {
    let (title, body) = if english {
        ("Haoping", batch.summary_en.as_str())
    } else {
        ("好评", batch.summary_zh.as_str())
    };
    if let Err(e) = app.notification().builder().title(title).body(body).show() {
        log::warn!("notification not shown: {e}");
    }
    // The window learns what fired (after the database commit), to show and open it.
    let _ = app.emit("followup://fired", batch);
}

pub fn start<R: Runtime>(app: &AppHandle<R>) {
    let wake: Arc<Notify> = Arc::clone(&app.state::<AppState>().wake);
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            let handle = app.clone();
            let result =
                tauri::async_runtime::spawn_blocking(move || round(&handle.state::<AppState>()))
                    .await
                    .map_err(|e| haoping_core::CoreError::Unavailable(e.to_string()))
                    .and_then(|r| r);
            let sleep_for = match result {
                Ok(r) => {
                    if !r.fired.is_empty() {
                        notify(&app, &r.fired, r.english);
                    }
                    tray::set_tooltip(&app, &r.tooltip);
                    r.next_wake
                        .map(|t| (t - Utc::now()).to_std().unwrap_or(Duration::ZERO))
                        .map_or(MAX_SLEEP, |d| d.min(MAX_SLEEP))
                }
                Err(e) => {
                    log::warn!("reminder round failed: {e}");
                    MAX_SLEEP
                }
            };
            tokio::select! {
                _ = tokio::time::sleep(sleep_for) => {}
                _ = wake.notified() => {}
            }
        }
    });
}
