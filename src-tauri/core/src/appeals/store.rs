//! Creating appeals and moving them through their states, every change in the case history.

use super::model::{
    Appeal, AppealInput, AppealReason, AppealStatus, AppealStatusChange, APPEAL_MOVES,
    DEFAULT_APPEAL_WINDOW_DAYS,
};
use crate::cases::{
    self, Commitment, CommitmentKind, EventDetail, EventDraft, EventKind, EventParts,
};
use crate::common::moves::check_move;
use crate::common::text::{optional, text};
use crate::common::Lang;
use crate::error::{CoreError, Result};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str = "a.id, a.case_id, a.reason, a.status, a.deadline_at, a.submitted_at, \
    a.decided_at, a.reference, a.note, a.outcome_note, \
    (SELECT COUNT(*) FROM evidence e WHERE e.appeal_id = a.id), a.created_at, a.updated_at";

fn row_to_appeal(row: &Row, now: DateTime<Utc>) -> rusqlite::Result<Appeal> {
    let status: AppealStatus = row.get(3)?;
    let deadline_at: DateTime<Utc> = row.get(4)?;
    Ok(Appeal {
        id: row.get(0)?,
        case_id: row.get(1)?,
        reason: row.get(2)?,
        status,
        next_statuses: status.next_statuses(),
        deadline_at,
        submitted_at: row.get(5)?,
        decided_at: row.get(6)?,
        reference: row.get(7)?,
        note: row.get(8)?,
        outcome_note: row.get(9)?,
        evidence_count: row.get(10)?,
        overdue: status == AppealStatus::Draft && deadline_at < now,
        created_at: row.get(11)?,
        updated_at: row.get(12)?,
    })
}

/// A history entry about appeal `id`.
pub(super) fn about<'a>(kind: EventKind, id: i64) -> EventDraft<'a> {
    EventDraft {
        detail: EventDetail::about(CommitmentKind::Appeal, id),
        ..EventDraft::new(kind)
    }
}

fn deadline_part(deadline: DateTime<Utc>) -> EventParts {
    EventParts {
        due_at: Some(deadline),
        ..Default::default()
    }
}

/// The default deadline: the review time plus the platforms' usual 30 days.
pub fn default_deadline(review_time: DateTime<Utc>) -> DateTime<Utc> {
    review_time + Duration::days(DEFAULT_APPEAL_WINDOW_DAYS)
}

/// Opens an appeal as a draft.
pub fn create_appeal(
    conn: &mut Connection,
    case_id: i64,
    input: &AppealInput,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Appeal> {
    let case = cases::get(conn, case_id)?;
    let reason = input
        .reason
        .ok_or_else(|| CoreError::validation("validation.required", "reason", "is required"))?;
    let deadline = input
        .deadline_at
        .unwrap_or_else(|| default_deadline(case.review_time));
    let note = text("note", &input.note, 2_000)?;
    let reference = optional("reference", &input.reference, 100)?;
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO appeals(case_id, reason, status, deadline_at, reference, note, created_at, updated_at)
         VALUES (?1, ?2, 'draft', ?3, ?4, ?5, ?6, ?6)",
        params![case_id, reason, deadline, reference, note, now],
    )?;
    let id = tx.last_insert_rowid();
    let mut e = about(EventKind::AppealAdded, id);
    e.new_value = Some(reason.to_string());
    e.detail.new = Some(deadline_part(deadline));
    e.note = Some(note);
    cases::record_change(&tx, case_id, now, actor, e)?;
    tx.commit()?;
    get_appeal(conn, id, now)
}

/// Edits an appeal. The reason and deadline can change only while it is a draft.
pub fn update_appeal(
    conn: &mut Connection,
    id: i64,
    input: &AppealInput,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Appeal> {
    let tx = conn.transaction()?;
    let before = get_appeal(&tx, id, now)?;
    let reason = input.reason.unwrap_or(before.reason);
    let deadline = input.deadline_at.unwrap_or(before.deadline_at);
    if before.status != AppealStatus::Draft
        && (reason != before.reason || deadline != before.deadline_at)
    {
        return Err(CoreError::validation(
            "validation.appeal_locked",
            "reason",
            format!(
                "reason and deadline can change only on a draft (it is {})",
                before.status
            ),
        ));
    }
    let note = text("note", &input.note, 2_000)?;
    let reference = optional("reference", &input.reference, 100)?.or(before.reference.clone());
    tx.execute(
        "UPDATE appeals SET reason = ?1, deadline_at = ?2, note = ?3, reference = ?4, updated_at = ?5
         WHERE id = ?6",
        params![reason, deadline, note, reference, now, id],
    )?;
    let mut e = about(EventKind::AppealEdited, id);
    e.old_value = Some(before.reason.to_string());
    e.new_value = Some(reason.to_string());
    e.detail.old = Some(deadline_part(before.deadline_at));
    e.detail.new = Some(deadline_part(deadline));
    cases::record_change(&tx, before.case_id, now, actor, e)?;
    tx.commit()?;
    get_appeal(conn, id, now)
}

/// Moves an appeal; illegal moves are `invalid_transition` and nothing is written.
pub fn set_appeal_status(
    conn: &mut Connection,
    id: i64,
    to: AppealStatus,
    change: &AppealStatusChange,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Appeal> {
    let tx = conn.transaction()?;
    let before = get_appeal(&tx, id, now)?;
    check_move(APPEAL_MOVES, before.status, to)?;
    let at = change.at.unwrap_or(now);
    let reference = optional("reference", &change.reference, 100)?.or(before.reference.clone());
    let outcome_note = text("outcome_note", &change.outcome_note, 2_000)?;
    let (submitted_at, decided_at) = match to {
        AppealStatus::Submitted => (Some(at), None),
        AppealStatus::Accepted | AppealStatus::Rejected => (before.submitted_at, Some(at)),
        _ => (before.submitted_at, before.decided_at),
    };
    let outcome_note = if outcome_note.is_empty() {
        before.outcome_note.clone()
    } else {
        outcome_note
    };
    tx.execute(
        "UPDATE appeals SET status = ?1, submitted_at = ?2, decided_at = ?3, reference = ?4,
            outcome_note = ?5, updated_at = ?6
         WHERE id = ?7",
        params![
            to,
            submitted_at,
            decided_at,
            reference,
            outcome_note,
            now,
            id
        ],
    )?;
    let mut e = about(EventKind::AppealStatus, id);
    e.old_value = Some(before.status.to_string());
    e.new_value = Some(to.to_string());
    e.note = Some(change.outcome_note.clone());
    cases::record_change(&tx, before.case_id, now, actor, e)?;
    tx.commit()?;
    get_appeal(conn, id, now)
}

pub fn get_appeal(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<Appeal> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM appeals a WHERE a.id = ?1"),
        [id],
        |r| row_to_appeal(r, now),
    )
    .optional()?
    .ok_or_else(|| CoreError::not_found("appeal", id))
}

/// A case's appeals, oldest first; `case_id = None` lists all.
pub fn list_appeals(
    conn: &Connection,
    case_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Vec<Appeal>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM appeals a WHERE ?1 IS NULL OR a.case_id = ?1 ORDER BY a.case_id, a.id"
    ))?;
    let rows = stmt.query_map([case_id], |r| row_to_appeal(r, now))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Draft appeals as commitments, due at their submission deadline, soonest first; labels
/// in `lang`.
pub fn due_appeals(conn: &Connection, lang: Lang) -> Result<Vec<Commitment>> {
    let mut stmt = conn
        .prepare("SELECT id, case_id, reason, deadline_at FROM appeals WHERE status = 'draft'")?;
    let mut out = Vec::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let reason: AppealReason = r.get(2)?;
        out.push(Commitment {
            case_id: r.get(1)?,
            kind: CommitmentKind::Appeal,
            ref_id: r.get(0)?,
            label: submit_label(reason, lang),
            due_at: r.get(3)?,
        });
    }
    Commitment::sort(&mut out);
    Ok(out)
}

/// "提交申诉（敲诈勒索）" / "submit appeal (extortion)".
pub fn submit_label(reason: AppealReason, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("提交申诉（{}）", reason.label(lang)),
        Lang::En => format!("submit appeal ({})", reason.label(lang)),
    }
}

/// Which of these cases have an appeal on record (in any state): their evidence files
/// tie them to the platform, so they are never deleted in bulk.
pub fn cases_with_appeals(
    conn: &Connection,
    case_ids: &[i64],
) -> Result<std::collections::HashSet<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT case_id FROM appeals WHERE case_id IN (SELECT value FROM json_each(?1))",
    )?;
    let rows = stmt.query_map([serde_json::to_string(case_ids)?], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
