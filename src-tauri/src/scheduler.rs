//! The reminder loop: asks core what fell due, fires one desktop notification per batch
//! (and one for new keyword-alert hits), keeps the tray tooltip current, then sleeps until
//! the next due time (or a poke).
//! Core decides everything; this only adapts it to timers, notifications and events.

use crate::notices;
use crate::state::AppState;
use crate::tray;
use chrono::Utc;
use haoping_core::followup::{self, FiredBatch};
use haoping_core::settings;
use haoping_core::triage::{self, AlertHit};
use haoping_core::Lang;
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager, Runtime};
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
    /// Keyword-alert hits not yet notified.
    alerts: Vec<AlertHit>,
}

fn round(state: &AppState) -> Result<Round, haoping_core::CoreError> {
    let pool = state.pool()?;
    let mut conn = pool.get()?;
    let now = Utc::now();
    let tick = followup::tick(&mut conn, now)?;
    let counts = followup::counts(&conn, now)?;
    let english = settings::lang(&conn)?.is_en();
    // Reminders must not wait on alerts: on a failure the hits stay pending for next round.
    let alerts = triage::pending_alert_hits(&conn).unwrap_or_else(|e| {
        log::warn!("keyword alerts not read: {e}");
        Vec::new()
    });
    Ok(Round {
        tooltip: if english {
            counts.tooltip_en
        } else {
            counts.tooltip_zh
        },
        fired: tick.fired,
        next_wake: tick.next_wake,
        english,
        alerts,
    })
}

fn notify<R: Runtime>(app: &AppHandle<R>, batch: &FiredBatch, english: bool) {
    let (title, body) = if english {
        ("Haoping", batch.summary_en.as_str())
    } else {
        ("好评", batch.summary_zh.as_str())
    };
    notices::show(app, title, body, batch.only_case().into(), english);
    // The window learns what fired (after the database commit), to show and open it.
    let _ = app.emit("followup://fired", batch);
}

/// One desktop notification for the keyword-alert hits of a round: the case itself when
/// there is one, grouped by word when there are several (never one per case).
fn notify_alerts<R: Runtime>(app: &AppHandle<R>, hits: &[AlertHit], english: bool) {
    let lang = if english { Lang::En } else { Lang::Zh };
    let Some(notice) = triage::alert_notice(hits, lang) else {
        return;
    };
    let first = hits.first().map(|h| h.case_id);
    let only_case = first.filter(|&id| hits.iter().all(|h| h.case_id == id));
    notices::show(app, &notice.title, &notice.body, only_case.into(), english);
}

fn mark_alerts(state: &AppState, hits: &[AlertHit]) -> Result<(), haoping_core::CoreError> {
    let pool = state.pool()?;
    let mut conn = pool.get()?;
    let tx = conn.transaction()?;
    triage::mark_alerts_notified(&tx, hits, Utc::now())?;
    tx.commit()?;
    Ok(())
}

/// Alert hits are marked notified only after their notification was handed on
/// (`notices::show` returned; the plugin delivers it on a task of its own and reports no
/// delivery back): a crash in between shows them again at the next start. At least once,
/// because a missed safety alert costs more than a repeated one. `shown` keeps this run
/// from repeating a notification whose marking failed; the marking is retried next round.
async fn deliver_alerts<R: Runtime>(
    app: &AppHandle<R>,
    hits: Vec<AlertHit>,
    english: bool,
    shown: &mut HashSet<(i64, i64)>,
) {
    let fresh: Vec<AlertHit> = hits
        .iter()
        .filter(|h| !shown.contains(&(h.case_id, h.alert_id)))
        .cloned()
        .collect();
    if !fresh.is_empty() {
        notify_alerts(app, &fresh, english);
        shown.extend(fresh.iter().map(|h| (h.case_id, h.alert_id)));
    }
    let handle = app.clone();
    let marked = tauri::async_runtime::spawn_blocking(move || {
        let r = mark_alerts(&handle.state::<AppState>(), &hits);
        (r, hits)
    })
    .await;
    match marked {
        Ok((Ok(()), hits)) => {
            for h in &hits {
                shown.remove(&(h.case_id, h.alert_id));
            }
        }
        Ok((Err(e), _)) => log::warn!("keyword alerts not marked as notified: {e}"),
        Err(e) => log::warn!("keyword alerts not marked as notified: {e}"),
    }
    // The window learns of the new hits, to show them and refresh its counts.
    if !fresh.is_empty() {
        if let Err(e) = app.emit(crate::commands::triage::ALERT_EVENT, &fresh) {
            log::warn!("cannot send keyword alerts to the window: {e}");
        }
    }
}

pub fn start<R: Runtime>(app: &AppHandle<R>) {
    let wake: Arc<Notify> = Arc::clone(&app.state::<AppState>().wake);
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let mut alerts_shown = HashSet::new();
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
                    if !r.alerts.is_empty() {
                        deliver_alerts(&app, r.alerts, r.english, &mut alerts_shown).await;
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
