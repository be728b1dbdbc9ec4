//! The reminder loop: asks core what fell due, fires one desktop notification per batch
//! (and one for new keyword-alert hits), keeps the tray tooltip current, then sleeps until
//! the next due time or until a write wakes it. Nothing ticks while nothing is due.
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

/// After a failed round (the database busy or gone), when to try again.
const RETRY_AFTER: Duration = Duration::from_secs(60);

/// Asks the loop to look again now. Every command that writes already does this
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

/// When the loop looks again by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    /// At this time by the wall clock (a reminder falls due).
    At(chrono::DateTime<Utc>),
    /// After a pause (the round failed).
    After(Duration),
    /// Only when woken: nothing is scheduled.
    Woken,
}

/// Sleeps until `next` or until `wake` is notified, whichever comes first.
async fn sleep(next: Next, wake: &Notify) {
    match next {
        Next::At(at) => {
            tokio::select! {
                _ = wall_clock::sleep_until(at) => {}
                _ = wake.notified() => {}
            }
        }
        Next::After(pause) => {
            tokio::select! {
                _ = tokio::time::sleep(pause) => {}
                _ = wake.notified() => {}
            }
        }
        Next::Woken => wake.notified().await,
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
            let next = match result {
                Ok(r) => {
                    if !r.fired.is_empty() {
                        notify(&app, &r.fired, r.english);
                    }
                    if !r.alerts.is_empty() {
                        deliver_alerts(&app, r.alerts, r.english, &mut alerts_shown).await;
                    }
                    tray::set_tooltip(&app, &r.tooltip);
                    r.next_wake.map_or(Next::Woken, Next::At)
                }
                Err(e) => {
                    log::warn!("reminder round failed: {e}");
                    Next::After(RETRY_AFTER)
                }
            };
            sleep(next, &wake).await;
        }
    });
}

/// Sleeping until a time of day. Tokio's timers follow a clock that stops while the
/// computer sleeps, so a reminder due during a suspend would come late by the length of
/// the suspend. Linux offers a timer on the wall clock, which fires on resume when its
/// time has passed and also when the clock is set; elsewhere the nap is capped so a
/// reminder missed in a suspend comes within a minute of waking.
#[cfg(target_os = "linux")]
mod wall_clock {
    use chrono::{DateTime, Utc};
    use rustix::time::Timespec;
    use rustix::time::{
        timerfd_create, timerfd_settime, Itimerspec, TimerfdClockId, TimerfdFlags,
        TimerfdTimerFlags,
    };
    use tokio::io::unix::AsyncFd;
    use tokio::io::Interest;

    /// Returns at `at` by the wall clock (at once when it has passed).
    pub async fn sleep_until(at: DateTime<Utc>) {
        if at <= Utc::now() {
            return;
        }
        if let Err(e) = timer(at).await {
            // No wall-clock timer here: the monotonic one still wakes us, late after a suspend.
            log::warn!("no wall-clock timer ({e}); using the monotonic one");
            let wait = (at - Utc::now()).to_std().unwrap_or_default();
            tokio::time::sleep(wait).await;
        }
    }

    async fn timer(at: DateTime<Utc>) -> std::io::Result<()> {
        let fd = timerfd_create(
            TimerfdClockId::Realtime,
            TimerfdFlags::NONBLOCK | TimerfdFlags::CLOEXEC,
        )?;
        let zero = Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        let when = Itimerspec {
            it_interval: zero,
            it_value: Timespec {
                tv_sec: at.timestamp(),
                tv_nsec: at.timestamp_subsec_nanos().into(),
            },
        };
        // Cancel-on-set: a changed clock (set by hand, stepped by NTP) wakes us too.
        timerfd_settime(
            &fd,
            TimerfdTimerFlags::ABSTIME | TimerfdTimerFlags::CANCEL_ON_SET,
            &when,
        )?;
        // Deprecated because a registered value could close or swap its descriptor
        // behind the reactor's back (the replacement is `unsafe`); an `OwnedFd` that
        // lives here, untouched, until the wait ends cannot.
        #[allow(deprecated)]
        let fd = AsyncFd::with_interest(fd, Interest::READABLE)?;
        // Readable once expired or cancelled; either way the caller looks again.
        let _ready = fd.readable().await?;
        Ok(())
    }
}

#[cfg(not(target_os = "linux"))]
mod wall_clock {
    use chrono::{DateTime, Utc};
    use std::time::Duration;

    /// The longest nap: the monotonic clock stops in a suspend.
    const MAX_NAP: Duration = Duration::from_secs(60);

    /// Returns at `at`, or within a minute of it after the computer slept through it.
    pub async fn sleep_until(at: DateTime<Utc>) {
        loop {
            let left = (at - Utc::now()).to_std().unwrap_or_default();
            if left.is_zero() {
                return;
            }
            tokio::time::sleep(left.min(MAX_NAP)).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    fn run<T>(f: impl std::future::Future<Output = T>) -> T {
        tauri::async_runtime::block_on(f)
    }

    #[test]
    fn sleeps_until_the_due_time() {
        let start = Instant::now();
        let at = Utc::now() + chrono::Duration::milliseconds(150);
        run(sleep(Next::At(at), &Notify::new()));
        assert!(Utc::now() >= at, "woke before the due time");
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "woke far too late"
        );
    }

    #[test]
    fn a_past_due_time_returns_at_once() {
        let start = Instant::now();
        run(sleep(
            Next::At(Utc::now() - chrono::Duration::hours(1)),
            &Notify::new(),
        ));
        assert!(start.elapsed() < Duration::from_millis(100));
    }

    #[test]
    fn a_write_wakes_a_loop_that_waits_for_hours_or_forever() {
        for next in [
            Next::At(Utc::now() + chrono::Duration::hours(3)),
            Next::Woken,
            Next::After(Duration::from_secs(3600)),
        ] {
            let wake = Arc::new(Notify::new());
            let poker = Arc::clone(&wake);
            let start = Instant::now();
            run(async move {
                tokio::spawn(async move {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    poker.notify_one();
                });
                sleep(next, &wake).await;
            });
            assert!(start.elapsed() < Duration::from_secs(2), "{next:?}");
        }
    }

    #[test]
    fn with_nothing_scheduled_it_waits_for_a_write() {
        let wake = Notify::new();
        let waited = run(async {
            tokio::time::timeout(Duration::from_millis(300), sleep(Next::Woken, &wake)).await
        });
        assert!(waited.is_err(), "woke with nothing due and nothing written");
    }
}
