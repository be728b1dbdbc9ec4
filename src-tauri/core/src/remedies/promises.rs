//! Promises: whatever the owner said they would do, with a due time. A forgotten promise
//! becomes a "broken promise" complaint (PLAYBOOK 4), so each one stays visible until it
//! is kept or called off.

use super::compliance;
use super::events::{self, about};
use super::model::{check_move, Promise, PromiseInput, PromiseStatus, PROMISE_MOVES};
use crate::cases::{self, CommitmentKind, EventKind, EventParts};
use crate::common::text::{self as typed, json_list};
use crate::error::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str = "id, case_id, text, due_at, status, done_at, note, compliance_flags, \
    compliance_match, created_at, updated_at";

fn row_to_promise(row: &Row, now: DateTime<Utc>) -> rusqlite::Result<Promise> {
    let status: PromiseStatus = row.get(4)?;
    let due_at: DateTime<Utc> = row.get(3)?;
    Ok(Promise {
        id: row.get(0)?,
        case_id: row.get(1)?,
        text: row.get(2)?,
        due_at,
        status,
        next_statuses: status.next_statuses(),
        done_at: row.get(5)?,
        note: row.get(6)?,
        compliance_flags: json_list(row, 7)?,
        compliance_match: row.get(8)?,
        overdue: status == PromiseStatus::Open && due_at < now,
        created_at: row.get(9)?,
        updated_at: row.get(10)?,
    })
}

/// Records a promise on a case. Text and due time are both required: a promise without
/// a time cannot be reminded of.
pub fn add_promise(
    conn: &mut Connection,
    case_id: i64,
    input: &PromiseInput,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Promise> {
    cases::get(conn, case_id)?;
    let text = typed::text("text", &input.text, 300)?;
    if text.is_empty() {
        return Err(CoreError::validation(
            "validation.required",
            "text",
            "say what was promised",
        ));
    }
    let due_at = input.due_at.ok_or_else(|| {
        CoreError::validation(
            "validation.required",
            "due_at",
            "a promise needs a due time",
        )
    })?;
    let note = typed::text("note", &input.note, 2_000)?;
    let checked = format!("{text}\n{note}");
    let flags = compliance::compliance_flags(&checked);
    let matched = compliance::findings(&checked)
        .into_iter()
        .next()
        .map(|f| f.matched);
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO promises(case_id, text, due_at, status, note, compliance_flags,
            compliance_match, created_at, updated_at)
         VALUES (?1, ?2, ?3, 'open', ?4, ?5, ?6, ?7, ?7)",
        params![
            case_id,
            text,
            due_at,
            note,
            serde_json::to_string(&flags)?,
            matched,
            now
        ],
    )?;
    let id = tx.last_insert_rowid();
    let mut e = about(EventKind::PromiseAdded, CommitmentKind::Promise, id);
    e.new_value = Some(text);
    e.detail.new = Some(EventParts {
        due_at: Some(due_at),
        ..Default::default()
    });
    e.note = Some(note);
    events::log(&tx, case_id, now, actor, e)?;
    if !flags.is_empty() {
        events::compliance(
            &tx,
            case_id,
            now,
            actor,
            CommitmentKind::Promise,
            id,
            &flags,
            matched,
        )?;
    }
    tx.commit()?;
    get_promise(conn, id, now)
}

/// Marks a promise kept or cancelled; anything else is an `invalid_transition`.
pub fn set_promise_status(
    conn: &mut Connection,
    id: i64,
    to: PromiseStatus,
    note: &str,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Promise> {
    let tx = conn.transaction()?;
    let before = get_promise(&tx, id, now)?;
    check_move(PROMISE_MOVES, before.status, to)?;
    let note = typed::optional("note", note, 2_000)?;
    tx.execute(
        "UPDATE promises SET status = ?1, done_at = ?2, updated_at = ?2 WHERE id = ?3",
        params![to, now, id],
    )?;
    let mut e = about(EventKind::PromiseStatus, CommitmentKind::Promise, id);
    e.old_value = Some(before.status.to_string());
    e.new_value = Some(to.to_string());
    e.note = note;
    events::log(&tx, before.case_id, now, actor, e)?;
    tx.commit()?;
    get_promise(conn, id, now)
}

/// Moves an open promise's due time (the buyer asked to be called another day).
pub fn reschedule_promise(
    conn: &mut Connection,
    id: i64,
    due_at: DateTime<Utc>,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Promise> {
    let tx = conn.transaction()?;
    let before = get_promise(&tx, id, now)?;
    if before.status != PromiseStatus::Open {
        return Err(CoreError::validation(
            "validation.promise_closed",
            "due_at",
            format!("the promise is already {}", before.status),
        ));
    }
    tx.execute(
        "UPDATE promises SET due_at = ?1, updated_at = ?2 WHERE id = ?3",
        params![due_at, now, id],
    )?;
    let mut e = about(EventKind::PromiseDue, CommitmentKind::Promise, id);
    e.old_value = Some(before.due_at.to_rfc3339());
    e.new_value = Some(due_at.to_rfc3339());
    events::log(&tx, before.case_id, now, actor, e)?;
    tx.commit()?;
    get_promise(conn, id, now)
}

pub fn get_promise(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<Promise> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM promises WHERE id = ?1"),
        [id],
        |r| row_to_promise(r, now),
    )
    .optional()?
    .ok_or_else(|| CoreError::not_found("promise", id))
}

/// A case's promises by due time; `case_id = None` lists every case's.
pub fn list_promises(
    conn: &Connection,
    case_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Vec<Promise>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM promises WHERE ?1 IS NULL OR case_id = ?1 ORDER BY due_at, id"
    ))?;
    let rows = stmt.query_map([case_id], |r| row_to_promise(r, now))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
