//! How a case ended. Closing records the outcome (and the final stars when known) and
//! moves the case to `closed`: `resolved` stays what the status flow makes it, "the
//! remedy is done, the revisit is pending", while `closed` means the loop is over and
//! its result is known. Reopening clears the outcome; the history keeps both.

use crate::cases::{
    self, Case, CaseStatus, Ending, EventDetail, EventDraft, EventKind, EventParts,
};
use crate::common::{string_enum, text};
use crate::error::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

string_enum!(
    /// How the review ended up.
    Outcome {
        ReviewRevised = "review_revised",
        FollowUpPositive = "follow_up_positive",
        RemovedByPlatform = "removed_by_platform",
        ExplanationOnly = "explanation_only",
        BuyerUnreachable = "buyer_unreachable",
        BuyerRefused = "buyer_refused",
        Other = "other",
    }
);

impl Outcome {
    /// The review no longer hurts: revised, outweighed by a positive follow-up, or removed.
    pub fn is_recovered(self) -> bool {
        matches!(
            self,
            Outcome::ReviewRevised | Outcome::FollowUpPositive | Outcome::RemovedByPlatform
        )
    }
}

/// A case's ending as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Resolution {
    #[ts(type = "number")]
    pub case_id: i64,
    pub status: CaseStatus,
    pub outcome: Option<Outcome>,
    pub final_stars: Option<u8>,
    pub closed_at: Option<DateTime<Utc>>,
}

pub fn resolution(conn: &Connection, case_id: i64) -> Result<Resolution> {
    let case = cases::get(conn, case_id)?;
    let (final_stars, closed_at) = cases::ending(conn, case_id)?;
    Ok(Resolution {
        case_id,
        status: case.status,
        outcome: case.outcome.as_deref().and_then(Outcome::parse),
        final_stars,
        closed_at,
    })
}

/// Closes a case with its outcome. A case that was closed without one (through the plain
/// status menu) gets its outcome recorded; a case already closed with an outcome must be
/// reopened first, so every change of ending shows in the history.
pub fn close_case(
    conn: &mut Connection,
    case_id: i64,
    outcome: Outcome,
    final_stars: Option<u8>,
    note: Option<&str>,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Case> {
    if let Some(s) = final_stars {
        if !(1..=5).contains(&s) {
            return Err(CoreError::validation(
                "validation.range",
                "final_stars",
                "must be 1 to 5",
            ));
        }
    }
    let note = text::optional("note", note.unwrap_or(""), 2_000)?;
    let case = cases::get(conn, case_id)?;
    let already_closed = case.status == CaseStatus::Closed;
    let refused = if already_closed {
        case.outcome.is_some()
    } else {
        !case.status.can_move_to(CaseStatus::Closed)
    };
    if refused {
        return Err(CoreError::InvalidTransition {
            from: case.status.to_string(),
            to: CaseStatus::Closed.to_string(),
        });
    }
    // The status move (cases' own, with its own history line) and the outcome commit
    // together: a crash between them must not leave a closed case without its ending.
    let tx = crate::db::begin_write(conn)?;
    if !already_closed {
        cases::move_status(
            &tx,
            case_id,
            CaseStatus::Closed,
            note.as_deref(),
            None,
            actor,
            now,
        )?;
    }
    cases::set_ending(
        &tx,
        case_id,
        &Ending {
            outcome: Some(outcome.as_str()),
            final_stars,
            closed_at: Some(now),
        },
    )?;
    cases::record_change(
        &tx,
        case_id,
        now,
        actor,
        EventDraft {
            field: Some("outcome"),
            new_value: Some(outcome.to_string()),
            note: if already_closed { note } else { None },
            detail: EventDetail {
                new: final_stars.map(|s| EventParts {
                    final_stars: Some(s),
                    ..Default::default()
                }),
                ..Default::default()
            },
            ..EventDraft::new(EventKind::Outcome)
        },
    )?;
    tx.commit()?;
    cases::get(conn, case_id)
}

/// Takes a finished (resolved or closed) case back into the loop at `to` (contacting or
/// negotiating) and clears its outcome.
pub fn reopen_case(
    conn: &mut Connection,
    case_id: i64,
    to: CaseStatus,
    note: Option<&str>,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Case> {
    let before = resolution(conn, case_id)?;
    if before.status.is_open() || !to.is_open() || !before.status.can_move_to(to) {
        return Err(CoreError::InvalidTransition {
            from: before.status.to_string(),
            to: to.to_string(),
        });
    }
    let tx = crate::db::begin_write(conn)?;
    cases::move_status(&tx, case_id, to, note, None, actor, now)?;
    if let Some(old) = before.outcome {
        cases::set_ending(
            &tx,
            case_id,
            &Ending {
                outcome: None,
                final_stars: None,
                closed_at: None,
            },
        )?;
        cases::record_change(
            &tx,
            case_id,
            now,
            actor,
            EventDraft {
                field: Some("outcome"),
                old_value: Some(old.to_string()),
                ..EventDraft::new(EventKind::Outcome)
            },
        )?;
    }
    tx.commit()?;
    cases::get(conn, case_id)
}
