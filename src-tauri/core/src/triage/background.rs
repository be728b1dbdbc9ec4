//! A re-triage running in the background: what the window is told while it runs and when
//! it ends, and how often. The shell owns the thread; these are the messages and the pacing.

use super::apply::RetriageSummary;
use crate::error::{CoreError, ErrorPayload, Result};
use chrono::{DateTime, Utc};
use rusqlite::ErrorCode;
use serde::Serialize;
use std::time::{Duration, Instant};
use ts_rs::TS;

/// How far a running re-triage has come.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
pub struct RetriageProgress {
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

/// How a re-triage ended: its summary (also when cancelled), or why it failed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RetriageOutcome {
    pub summary: Option<RetriageSummary>,
    pub error: Option<ErrorPayload>,
    pub finished_at: DateTime<Utc>,
}

impl RetriageOutcome {
    /// The outcome of a finished run. A run that found the database locked by another
    /// long write (a big import holds it until it completes) says so in its own code, so
    /// the owner knows to simply try again afterwards.
    pub fn from_result(result: Result<RetriageSummary>, finished_at: DateTime<Utc>) -> Self {
        match result {
            Ok(summary) => RetriageOutcome {
                summary: Some(summary),
                error: None,
                finished_at,
            },
            Err(e) => {
                let busy = matches!(
                    &e,
                    CoreError::Db(d) if matches!(
                        d.sqlite_error_code(),
                        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
                    )
                );
                let e = if busy {
                    CoreError::service("triage.db_busy", format!("the database stayed busy: {e}"))
                } else {
                    e
                };
                RetriageOutcome {
                    summary: None,
                    error: Some(e.payload()),
                    finished_at,
                }
            }
        }
    }
}

/// What the screen needs when it opens: whether a run is going, how far, and how the last
/// one ended.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct RetriageState {
    pub running: bool,
    pub progress: Option<RetriageProgress>,
    pub last: Option<RetriageOutcome>,
}

/// Progress events worth sending: a 1,000,000-case run has 200 batches, and the window
/// only needs to see the bar move, not every batch.
#[derive(Debug, Clone)]
pub struct ProgressThrottle {
    min_interval: Duration,
    last_done: u64,
    last_at: Option<Instant>,
}

impl Default for ProgressThrottle {
    fn default() -> Self {
        ProgressThrottle::new(Duration::from_millis(200))
    }
}

impl ProgressThrottle {
    pub fn new(min_interval: Duration) -> Self {
        ProgressThrottle {
            min_interval,
            last_done: 0,
            last_at: None,
        }
    }

    /// Whether to send `done` of `total` now: the first and the last always, otherwise
    /// once at least 1 % more is done or `min_interval` has passed since the last one sent.
    pub fn due(&mut self, done: u64, total: u64, now: Instant) -> bool {
        let step = (total / 100).max(1);
        let send = match self.last_at {
            None => true,
            Some(at) => {
                done >= total
                    || done.saturating_sub(self.last_done) >= step
                    || (done > self.last_done && now.duration_since(at) >= self.min_interval)
            }
        };
        if send {
            self.last_done = done;
            self.last_at = Some(now);
        }
        send
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttle_sends_first_last_and_every_percent() {
        let t0 = Instant::now();
        let mut th = ProgressThrottle::new(Duration::from_secs(3600));
        let total = 1_000_000;
        let sent: Vec<u64> = (1..=200)
            .map(|b| b * 5_000)
            .filter(|&done| th.due(done, total, t0))
            .collect();
        assert_eq!(sent.first(), Some(&5_000));
        assert_eq!(sent.last(), Some(&total));
        // 1 % is 10,000 cases: every second batch, and the end.
        assert_eq!(sent.len(), 101);
        assert!(sent[..100].windows(2).all(|w| w[1] - w[0] == 10_000));
    }

    #[test]
    fn throttle_sends_on_time_for_slow_small_steps() {
        let t0 = Instant::now();
        let mut th = ProgressThrottle::new(Duration::from_millis(200));
        assert!(th.due(1, 10_000_000, t0));
        assert!(!th.due(2, 10_000_000, t0 + Duration::from_millis(100)));
        assert!(th.due(3, 10_000_000, t0 + Duration::from_millis(250)));
        // Nothing new: nothing to send, however long it has been.
        assert!(!th.due(3, 10_000_000, t0 + Duration::from_secs(5)));
        assert!(th.due(10_000_000, 10_000_000, t0 + Duration::from_secs(5)));
    }

    #[test]
    fn outcomes_carry_the_summary_or_a_code() {
        let at = DateTime::<Utc>::UNIX_EPOCH;
        let ok = RetriageOutcome::from_result(Ok(RetriageSummary::default()), at);
        assert_eq!(ok.summary, Some(RetriageSummary::default()));
        assert!(ok.error.is_none());

        let busy = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            None,
        );
        let out = RetriageOutcome::from_result(Err(busy.into()), at);
        assert!(out.summary.is_none());
        assert_eq!(
            out.error.map(|e| e.code),
            Some("triage.db_busy".to_string())
        );

        let other = RetriageOutcome::from_result(Err(CoreError::not_found("case", 1)), at);
        assert_eq!(other.error.map(|e| e.code), Some("not_found".to_string()));
    }

    #[test]
    fn throttle_handles_empty_runs() {
        let mut th = ProgressThrottle::default();
        assert!(th.due(0, 0, Instant::now()));
        assert!(
            th.due(0, 0, Instant::now()),
            "a finished run is always sent"
        );
    }
}
