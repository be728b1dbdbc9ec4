//! Reading and writing cases and their history.

use super::model::{mask_phone, Case, CaseDetail, CaseEvent, CaseStatus, Cause, NewCase};
use super::validate::validate;
use crate::error::{CoreError, Result};
use crate::settings;
use crate::triage::{self, TriageInput};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

/// The columns `row_to_case` reads, in order.
pub(crate) const CASE_COLUMNS: &str =
    "id, platform, shop, order_id, review_id, buyer_nick, buyer_phone, \
    buyer_tz, product, stars, review_text, review_time, has_photos, order_value_cents, lang, \
    seller_reply, follow_up_text, primary_cause, causes, severity, flags, triage_reasons, \
    labels_locked, status, outcome, source, created_at, updated_at";

fn json_list<T: serde::de::DeserializeOwned>(row: &Row, idx: usize) -> rusqlite::Result<Vec<T>> {
    let text: String = row.get(idx)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(crate) fn row_to_case(row: &Row) -> rusqlite::Result<Case> {
    let phone: Option<String> = row.get(6)?;
    Ok(Case {
        id: row.get(0)?,
        platform: row.get(1)?,
        shop: row.get(2)?,
        order_id: row.get(3)?,
        review_id: row.get(4)?,
        buyer_nick: row.get(5)?,
        buyer_phone_masked: phone.as_deref().map(mask_phone),
        buyer_tz: row.get(7)?,
        product: row.get(8)?,
        stars: row.get(9)?,
        review_text: row.get(10)?,
        review_time: row.get(11)?,
        has_photos: row.get(12)?,
        order_value_cents: row.get(13)?,
        lang: row.get(14)?,
        seller_reply: row.get(15)?,
        follow_up_text: row.get(16)?,
        primary_cause: row.get(17)?,
        causes: json_list(row, 18)?,
        severity: row.get(19)?,
        flags: json_list(row, 20)?,
        triage_reasons: json_list(row, 21)?,
        labels_locked: row.get(22)?,
        status: row.get(23)?,
        outcome: row.get(24)?,
        source: row.get(25)?,
        created_at: row.get(26)?,
        updated_at: row.get(27)?,
    })
}

/// An entry for the history table; `record` fills id and case.
#[derive(Debug, Default, Clone)]
pub struct EventDraft<'a> {
    pub kind: &'a str,
    pub field: Option<&'a str>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub note: Option<String>,
}

pub fn record_event(
    conn: &Connection,
    case_id: i64,
    at: DateTime<Utc>,
    actor: &str,
    e: EventDraft,
) -> Result<()> {
    conn.execute(
        "INSERT INTO case_events(case_id, at, actor, kind, field, old_value, new_value, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            case_id,
            at,
            actor,
            e.kind,
            e.field,
            e.old_value,
            e.new_value,
            e.note
        ],
    )?;
    Ok(())
}

/// Validates, labels (triage) and stores a new case, with a `created` history entry.
pub fn create(
    conn: &mut Connection,
    input: &NewCase,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Case> {
    let prefs = settings::load(conn)?;
    let v = validate(input, &prefs.shop_name, now)?;
    let tx = conn.transaction()?;
    if let Some(rid) = &v.review_id {
        let exists: Option<i64> = tx
            .query_row(
                "SELECT id FROM cases WHERE platform = ?1 AND review_id = ?2",
                params![v.platform, rid],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = exists {
            return Err(CoreError::validation(
                "validation.duplicate_review",
                "review_id",
                format!("already stored as case {id}"),
            ));
        }
    }
    let t = triage::label_new_case(
        &tx,
        &TriageInput {
            text: &v.review_text,
            stars: v.stars,
            has_photos: v.has_photos,
            order_value_cents: v.order_value_cents,
            product: &v.product,
        },
        v.buyer_nick.as_deref().map(|n| (v.platform, n)),
    )?;
    tx.execute(
        "INSERT INTO cases(platform, shop, order_id, review_id, buyer_nick, buyer_phone, product, stars,
            review_text, review_time, has_photos, order_value_cents, lang, primary_cause, causes, severity,
            flags, triage_reasons, status, source, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, 'new', 'manual', ?19, ?19)",
        params![
            v.platform,
            v.shop,
            v.order_id,
            v.review_id,
            v.buyer_nick,
            v.buyer_phone,
            v.product,
            v.stars,
            v.review_text,
            v.review_time,
            v.has_photos,
            v.order_value_cents,
            v.lang,
            t.primary,
            serde_json::to_string(&t.causes)?,
            t.severity,
            serde_json::to_string(&t.flags)?,
            serde_json::to_string(&t.reasons)?,
            now,
        ],
    )?;
    let id = tx.last_insert_rowid();
    triage::record(&tx, id, &t, now)?;
    record_event(
        &tx,
        id,
        now,
        actor,
        EventDraft {
            kind: "created",
            new_value: Some(CaseStatus::New.as_str().to_string()),
            ..Default::default()
        },
    )?;
    tx.commit()?;
    get(conn, id)
}

pub fn get(conn: &Connection, id: i64) -> Result<Case> {
    conn.query_row(
        &format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = ?1"),
        [id],
        row_to_case,
    )
    .optional()?
    .ok_or_else(|| CoreError::not_found("case", id))
}

pub fn history(conn: &Connection, id: i64) -> Result<Vec<CaseEvent>> {
    let mut stmt = conn.prepare(
        "SELECT id, case_id, at, actor, kind, field, old_value, new_value, note
         FROM case_events WHERE case_id = ?1 ORDER BY at, id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(CaseEvent {
            id: r.get(0)?,
            case_id: r.get(1)?,
            at: r.get(2)?,
            actor: r.get(3)?,
            kind: r.get(4)?,
            field: r.get(5)?,
            old_value: r.get(6)?,
            new_value: r.get(7)?,
            note: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn detail(conn: &Connection, id: i64) -> Result<CaseDetail> {
    let case = get(conn, id)?;
    let buyer_phone: Option<String> =
        conn.query_row("SELECT buyer_phone FROM cases WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
    let next_statuses = CaseStatus::ALL
        .iter()
        .copied()
        .filter(|s| case.status.can_move_to(*s))
        .collect();
    Ok(CaseDetail {
        case,
        buyer_phone,
        history: history(conn, id)?,
        next_statuses,
    })
}

/// Moves a case along the status flow; illegal moves are refused and nothing is written.
pub fn set_status(
    conn: &mut Connection,
    id: i64,
    to: CaseStatus,
    note: Option<&str>,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Case> {
    let tx = crate::db::begin_write(conn)?;
    move_status(&tx, id, to, note, actor, now)?;
    tx.commit()?;
    get(conn, id)
}

/// The status move inside a write the caller holds, so a move and what goes with it
/// (an outcome, a contact attempt) commit together or not at all.
pub fn move_status(
    tx: &Connection,
    id: i64,
    to: CaseStatus,
    note: Option<&str>,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let from: CaseStatus = tx
        .query_row("SELECT status FROM cases WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| CoreError::not_found("case", id))?;
    if !from.can_move_to(to) {
        return Err(CoreError::InvalidTransition {
            from: from.to_string(),
            to: to.to_string(),
        });
    }
    tx.execute(
        "UPDATE cases SET status = ?1, updated_at = ?2 WHERE id = ?3",
        params![to, now, id],
    )?;
    let note = note
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    let kind = if from.is_open() || !to.is_open() {
        "status"
    } else {
        "reopened"
    };
    record_event(
        tx,
        id,
        now,
        actor,
        EventDraft {
            kind,
            field: Some("status"),
            old_value: Some(from.to_string()),
            new_value: Some(to.to_string()),
            note,
        },
    )
}

/// Adds a free-text note to the history.
pub fn add_note(
    conn: &Connection,
    id: i64,
    note: &str,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<CaseEvent> {
    let text = note.trim();
    if text.is_empty() {
        return Err(CoreError::validation(
            "validation.required",
            "note",
            "is required",
        ));
    }
    get(conn, id)?;
    record_event(
        conn,
        id,
        now,
        actor,
        EventDraft {
            kind: "note",
            note: Some(text.to_string()),
            ..Default::default()
        },
    )?;
    let last = history(conn, id)?;
    last.into_iter()
        .next_back()
        .ok_or_else(|| CoreError::not_found("event", id))
}

/// The owner's own labels, kept from then on: re-imports and re-triage leave them alone.
pub fn set_labels(
    conn: &mut Connection,
    id: i64,
    primary: Cause,
    causes: &[Cause],
    severity: u8,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Case> {
    if !(1..=3).contains(&severity) {
        return Err(CoreError::validation(
            "validation.severity_range",
            "severity",
            "must be 1 to 3",
        ));
    }
    let mut all: Vec<Cause> = vec![primary];
    all.extend(causes.iter().copied().filter(|c| *c != primary));
    all.dedup();
    let tx = conn.transaction()?;
    let before = get(&tx, id)?;
    tx.execute(
        "UPDATE cases SET primary_cause = ?1, causes = ?2, severity = ?3, labels_locked = 1, updated_at = ?4
         WHERE id = ?5",
        params![primary, serde_json::to_string(&all)?, severity, now, id],
    )?;
    record_event(
        &tx,
        id,
        now,
        actor,
        EventDraft {
            kind: "labels",
            field: Some("primary_cause"),
            old_value: Some(format!("{} / {}", before.primary_cause, before.severity)),
            new_value: Some(format!("{primary} / {severity}")),
            note: None,
        },
    )?;
    tx.commit()?;
    get(conn, id)
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM cases", [], |r| r.get(0))?)
}
