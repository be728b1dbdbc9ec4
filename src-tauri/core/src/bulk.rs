//! Acting on many cases at once: the inbox's selections and the backlog of history an
//! import brought in. A selection is the inbox's own filter (with `ids` for cases picked
//! by hand); an action is one of `BulkAction`.
//!
//! Two steps, so a confirmation can say exactly what will happen: `preview` counts the
//! cases, those the action changes and those it skips (and why), and names what is
//! still owed on them when the action would finish or delete them; `run` does it in one
//! transaction, but only if the selection still holds the number of cases the owner
//! confirmed. Each case's history records the change as any single change would.
//!
//! New actions are new variants of `BulkAction` (an assignment to a team member, when
//! the team server keeps members): the selection, the preview and the confirmation stay
//! as they are.

use crate::cases::{self, CaseFilter, CaseStatus, CaseWhere};
use crate::common::string_enum;
use crate::error::{CoreError, Result};
use crate::remedies::Owed;
use crate::{appeals, followup, remedies, settings};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, TransactionBehavior};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use ts_rs::TS;

/// At most this many owed remedies and promises are named in a preview (all are counted).
pub const OWED_LISTED: usize = 20;

/// What to do with every case of a selection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BulkAction {
    /// Move to a status: `resolved` marks the cases handled, `closed` closes them. Cases
    /// that cannot move there from where they are, or are there already, are skipped.
    SetStatus { status: CaseStatus },
    /// Close as too old to follow up. No outcome is recorded: such a closing says nothing
    /// about how well the shop recovers reviews.
    CloseTooOld,
    /// Dismiss every reminder the cases have now.
    DismissReminders,
    /// Take cases out of the backlog to follow them up: their first reply is due counting
    /// from now. Cases not waiting in the backlog are skipped.
    StartFollowup,
    /// Delete the cases with everything recorded on them. Cases with an appeal are kept
    /// (their evidence is on file with the platform).
    Delete,
}

impl BulkAction {
    /// Finishing or deleting a case: what is still owed on it must be named first.
    fn ends_cases(&self) -> bool {
        matches!(
            self,
            BulkAction::SetStatus {
                status: CaseStatus::Resolved | CaseStatus::Closed
            } | BulkAction::CloseTooOld
                | BulkAction::Delete
        )
    }
}

string_enum!(
    /// Why a case of a selection is left as it is.
    SkipReason {
        /// Its status cannot move there (or it is there already).
        CannotMove = "cannot_move",
        /// Not waiting in the backlog: it is followed up already.
        NotInBacklog = "not_in_backlog",
        /// It has an appeal, so it is not deleted.
        HasAppeal = "has_appeal",
        /// It has no reminder to dismiss.
        NoReminders = "no_reminders",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SkipCount {
    pub reason: SkipReason,
    pub count: u32,
}

/// What an action would do to a selection, for the confirmation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BulkPreview {
    pub action: BulkAction,
    /// Cases in the selection: the number `run` must be given back as `expected`.
    pub cases: u32,
    /// Cases the action changes.
    pub applies: u32,
    pub skipped: Vec<SkipCount>,
    /// Live reminders on the cases the action changes (what dismissing takes away).
    pub reminders: u32,
    /// When the action finishes or deletes cases: the first `OWED_LISTED` remedies not yet
    /// delivered and open promises on them.
    pub owed: Vec<Owed>,
    pub owed_total: u32,
    /// How many of the cases have something owed.
    pub owed_cases: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BulkRequest {
    /// The inbox's filter (paging ignored), or `ids` for cases picked by hand.
    pub selection: CaseFilter,
    pub action: BulkAction,
    /// The number of cases the owner confirmed (`BulkPreview::cases`); if the selection
    /// holds another number by now, nothing is done.
    pub expected: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BulkReport {
    pub action: BulkAction,
    pub cases: u32,
    pub changed: u32,
    pub skipped: Vec<SkipCount>,
    pub reminders_dismissed: u32,
}

/// A case of a selection as the actions need to know it.
struct Target {
    id: i64,
    status: CaseStatus,
    in_backlog: bool,
}

fn targets(conn: &Connection, selection: &CaseFilter) -> Result<Vec<Target>> {
    let w = CaseWhere::inbox(selection);
    let mut stmt = conn.prepare(&format!(
        "SELECT id, status, backlog = 1 AND followup_from IS NULL AND status = 'new'
         FROM cases {} ORDER BY id",
        w.sql()
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(w.args().iter()), |r| {
        Ok(Target {
            id: r.get(0)?,
            status: r.get(1)?,
            in_backlog: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The cases the action changes, and the others counted by reason.
struct Plan {
    ids: Vec<i64>,
    skipped: Vec<SkipCount>,
}

fn plan(
    conn: &Connection,
    all: &[Target],
    action: &BulkAction,
    now: DateTime<Utc>,
) -> Result<Plan> {
    let every: Vec<i64> = all.iter().map(|t| t.id).collect();
    let appealed: HashSet<i64> = if *action == BulkAction::Delete {
        appeals::cases_with_appeals(conn, &every)?
    } else {
        HashSet::new()
    };
    let with_reminders: HashSet<i64> = if *action == BulkAction::DismissReminders {
        followup::live_cases(conn, &every, now)?
    } else {
        HashSet::new()
    };
    let mut ids = Vec::with_capacity(all.len());
    let mut skipped: Vec<SkipCount> = Vec::new();
    let mut skip = |reason: SkipReason| match skipped.iter_mut().find(|s| s.reason == reason) {
        Some(s) => s.count += 1,
        None => skipped.push(SkipCount { reason, count: 1 }),
    };
    for t in all {
        let refused = match action {
            BulkAction::SetStatus { status } => {
                (!t.status.can_move_to(*status)).then_some(SkipReason::CannotMove)
            }
            BulkAction::CloseTooOld => {
                (!t.status.can_move_to(CaseStatus::Closed)).then_some(SkipReason::CannotMove)
            }
            BulkAction::StartFollowup => (!t.in_backlog).then_some(SkipReason::NotInBacklog),
            BulkAction::Delete => appealed.contains(&t.id).then_some(SkipReason::HasAppeal),
            BulkAction::DismissReminders => {
                (!with_reminders.contains(&t.id)).then_some(SkipReason::NoReminders)
            }
        };
        match refused {
            Some(reason) => skip(reason),
            None => ids.push(t.id),
        }
    }
    Ok(Plan { ids, skipped })
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// What `action` would do to the selection, without doing it.
pub fn preview(
    conn: &mut Connection,
    selection: &CaseFilter,
    action: &BulkAction,
    now: DateTime<Utc>,
) -> Result<BulkPreview> {
    // The reminders counted must be today's.
    followup::sync(conn, now)?;
    let all = targets(conn, selection)?;
    let p = plan(conn, &all, action, now)?;
    let owed = if action.ends_cases() {
        remedies::owed(conn, &p.ids, settings::lang(conn)?)?
    } else {
        Vec::new()
    };
    let owed_cases: HashSet<i64> = owed.iter().map(|o| o.case_id).collect();
    Ok(BulkPreview {
        action: action.clone(),
        cases: count(all.len()),
        applies: count(p.ids.len()),
        skipped: p.skipped,
        reminders: followup::live_count(conn, &p.ids, now)?,
        owed_total: count(owed.len()),
        owed_cases: count(owed_cases.len()),
        owed: owed.into_iter().take(OWED_LISTED).collect(),
    })
}

/// Does the action to every case of the selection in one transaction, if the selection
/// still holds `expected` cases; otherwise nothing is written.
pub fn run(
    conn: &mut Connection,
    req: &BulkRequest,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<BulkReport> {
    if req.action == BulkAction::DismissReminders {
        // Dismiss what is due as of now, not as of the last sync.
        followup::sync(conn, now)?;
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let all = targets(&tx, &req.selection)?;
    if all.is_empty() {
        return Err(CoreError::validation(
            "bulk.empty_selection",
            "selection",
            "no case matches the selection",
        ));
    }
    if count(all.len()) != req.expected {
        return Err(CoreError::validation(
            "bulk.selection_changed",
            "expected",
            format!(
                "the selection holds {} cases now, not the {} confirmed; nothing was changed",
                all.len(),
                req.expected
            ),
        ));
    }
    let p = plan(&tx, &all, &req.action, now)?;
    let mut reminders_dismissed = 0;
    match &req.action {
        BulkAction::SetStatus { status } => {
            for id in &p.ids {
                cases::move_status(&tx, *id, *status, None, None, actor, now)?;
            }
        }
        BulkAction::CloseTooOld => {
            for id in &p.ids {
                cases::move_status(
                    &tx,
                    *id,
                    CaseStatus::Closed,
                    None,
                    Some("too_old"),
                    actor,
                    now,
                )?;
            }
        }
        BulkAction::DismissReminders => {
            reminders_dismissed = followup::dismiss_for_cases(&tx, &p.ids, now)?;
        }
        BulkAction::StartFollowup => {
            for id in &p.ids {
                cases::start_followup(&tx, *id, actor, now)?;
            }
        }
        BulkAction::Delete => {
            for id in &p.ids {
                cases::delete(&tx, *id)?;
            }
        }
    }
    tx.commit()?;
    Ok(BulkReport {
        action: req.action.clone(),
        cases: count(all.len()),
        changed: count(p.ids.len()),
        skipped: p.skipped,
        reminders_dismissed,
    })
}

#[cfg(test)]
mod tests;
