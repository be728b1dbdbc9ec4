//! How long the start-up took, phase by phase, as one log line once the window's page has
//! loaded: the first thing to read when an owner finds the app slow to open, and what
//! tests/perf/startup.mjs lines up with the page's own timing.

use std::sync::{Mutex, OnceLock};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

struct Clock {
    start: Instant,
    /// The same moment as wall-clock time, so the page's timing can be lined up with it.
    epoch_ms: f64,
}

static CLOCK: OnceLock<Clock> = OnceLock::new();
static MARKS: Mutex<Vec<(&'static str, f64)>> = Mutex::new(Vec::new());

fn clock() -> &'static Clock {
    CLOCK.get_or_init(|| Clock {
        start: Instant::now(),
        epoch_ms: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0),
    })
}

/// Starts the clock: the first thing `run` does.
pub fn begin() {
    clock();
}

/// Notes that `phase` was reached now.
pub fn mark(phase: &'static str) {
    let ms = clock().start.elapsed().as_secs_f64() * 1000.0;
    MARKS
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push((phase, ms));
}

/// Logs every phase noted so far (milliseconds after `begin`) as one line of JSON.
pub fn report() {
    let marks: Vec<(&str, f64)> = MARKS.lock().unwrap_or_else(|p| p.into_inner()).clone();
    let line = serde_json::json!({
        "launch_epoch_ms": clock().epoch_ms,
        "marks": marks
            .iter()
            .map(|(phase, ms)| serde_json::json!([phase, (ms * 10.0).round() / 10.0]))
            .collect::<Vec<_>>(),
    });
    log::info!("start-up timing {line}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_kept_in_order_after_the_start() {
        begin();
        mark("first");
        mark("second");
        let marks = MARKS.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let first = marks.iter().position(|(p, _)| *p == "first");
        let second = marks.iter().position(|(p, _)| *p == "second");
        assert!(
            matches!((first, second), (Some(a), Some(b)) if a < b),
            "{marks:?}"
        );
        assert!(marks.iter().all(|(_, ms)| *ms >= 0.0));
        assert!(clock().epoch_ms > 1.6e12, "wall-clock time in ms");
    }
}
