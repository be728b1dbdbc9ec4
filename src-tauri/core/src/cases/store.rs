//! Reading and writing cases: the single place that writes the `cases` table.

use super::history::{history, record_event, EventDetail, EventDraft, EventKind, ImportRow};
use super::labels::Triage;
use super::model::{mask_phone, Case, CaseDetail, CaseStatus, Cause, Platform};
use super::validate::ValidCase;
use crate::common::text::json_list;
use crate::error::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::collections::HashSet;

/// The columns `row_to_case` reads, in order.
pub(crate) const CASE_COLUMNS: &str =
    "id, platform, shop, order_id, review_id, buyer_nick, buyer_phone, \
    buyer_tz, product, stars, review_text, review_time, has_photos, order_value_cents, lang, \
    seller_reply, follow_up_text, primary_cause, causes, severity, flags, triage_reasons, \
    labels_locked, status, outcome, source, created_at, updated_at, backlog, followup_from";

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
        backlog: row.get(28)?,
        followup_from: row.get(29)?,
    })
}

/// The case stored for this platform review, if any.
pub fn find_by_review_id(
    conn: &Connection,
    platform: Platform,
    review_id: &str,
) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM cases WHERE platform = ?1 AND review_id = ?2")?
        .query_row(params![platform, review_id], |r| r.get(0))
        .optional()?)
}

fn refuse_duplicate(conn: &Connection, platform: Platform, review_id: Option<&str>) -> Result<()> {
    if let Some(rid) = review_id {
        if let Some(id) = find_by_review_id(conn, platform, rid)? {
            return Err(CoreError::validation(
                "validation.duplicate_review",
                "review_id",
                format!("already stored as case {id}"),
            ));
        }
    }
    Ok(())
}

/// Stores a validated case with the labels triage gave it, and its `created` history
/// entry. Runs in the caller's transaction; a review already stored (same platform and
/// review id) is refused.
pub fn create(
    conn: &Connection,
    v: &ValidCase,
    labels: &Triage,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Case> {
    refuse_duplicate(conn, v.platform, v.review_id.as_deref())?;
    let id: i64 = conn
        .prepare_cached(
            "INSERT INTO cases(platform, shop, order_id, review_id, buyer_nick, buyer_phone, product,
                stars, review_text, review_time, has_photos, order_value_cents, lang, seller_reply,
                follow_up_text, primary_cause, causes, severity, flags, triage_reasons,
                triage_detail, status, source, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                ?18, ?19, ?20, ?21, 'new', ?22, ?23, ?23)
             RETURNING id",
        )?
        .query_row(
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
                v.seller_reply,
                v.follow_up_text,
                labels.primary,
                serde_json::to_string(&labels.causes)?,
                labels.severity,
                serde_json::to_string(&labels.flags)?,
                serde_json::to_string(&labels.reasons)?,
                serde_json::to_string(&labels.details)?,
                v.source,
                now,
            ],
            |r| r.get(0),
        )?;
    record_event(
        conn,
        id,
        now,
        actor,
        EventDraft {
            new_value: Some(CaseStatus::New.as_str().to_string()),
            ..EventDraft::new(EventKind::Created)
        },
    )?;
    get(conn, id)
}

pub fn get(conn: &Connection, id: i64) -> Result<Case> {
    conn.prepare_cached(&format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = ?1"))?
        .query_row([id], row_to_case)
        .optional()?
        .ok_or_else(|| CoreError::not_found("case", id))
}

pub fn detail(conn: &Connection, id: i64) -> Result<CaseDetail> {
    let case = get(conn, id)?;
    let (buyer_phone, detail): (Option<String>, String) = conn.query_row(
        "SELECT buyer_phone, triage_detail FROM cases WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let reasons = if detail.trim().is_empty() {
        Vec::new()
    } else {
        serde_json::from_str(&detail)?
    };
    let next_statuses = CaseStatus::ALL
        .iter()
        .copied()
        .filter(|s| case.status.can_move_to(*s))
        .collect();
    Ok(CaseDetail {
        case,
        buyer_phone,
        history: history(conn, id)?,
        reasons,
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
    move_status(&tx, id, to, note, None, actor, now)?;
    tx.commit()?;
    get(conn, id)
}

/// The status move inside a write the caller holds, so a move and what goes with it
/// (an outcome, a contact attempt) commit together or not at all; with an optional reason
/// code for the history (`too_old`: closed as too old to follow up).
pub fn move_status(
    conn: &Connection,
    id: i64,
    to: CaseStatus,
    note: Option<&str>,
    reason: Option<&str>,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let from: CaseStatus = conn
        .prepare_cached("SELECT status FROM cases WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| CoreError::not_found("case", id))?;
    if !from.can_move_to(to) {
        return Err(CoreError::InvalidTransition {
            from: from.to_string(),
            to: to.to_string(),
        });
    }
    conn.prepare_cached("UPDATE cases SET status = ?1, updated_at = ?2 WHERE id = ?3")?
        .execute(params![to, now, id])?;
    let kind = if from.is_open() || !to.is_open() {
        EventKind::Status
    } else {
        EventKind::Reopened
    };
    record_event(
        conn,
        id,
        now,
        actor,
        EventDraft {
            field: Some("status"),
            old_value: Some(from.to_string()),
            new_value: Some(to.to_string()),
            note: note.map(|n| n.trim().to_string()),
            detail: EventDetail {
                reason: reason.map(str::to_string),
                ..Default::default()
            },
            ..EventDraft::new(kind)
        },
    )?;
    Ok(())
}

/// Takes a case out of the backlog to follow it up: its first reply is due counting
/// from `now`. Returns false (and writes nothing) for a case not waiting in the backlog.
pub fn start_followup(conn: &Connection, id: i64, actor: &str, now: DateTime<Utc>) -> Result<bool> {
    let case = get(conn, id)?;
    if !case.in_backlog() {
        return Ok(false);
    }
    conn.prepare_cached("UPDATE cases SET followup_from = ?2, updated_at = ?2 WHERE id = ?1")?
        .execute(params![id, now])?;
    record_event(
        conn,
        id,
        now,
        actor,
        EventDraft::new(EventKind::FollowupStarted),
    )?;
    Ok(true)
}

/// Deletes a case with everything recorded on it (history, contacts, reminders, the
/// remedies ledger: the database cascades). The review stays known to imports, so a
/// later import of the same file does not bring the case back.
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    let n = conn
        .prepare_cached("DELETE FROM cases WHERE id = ?1")?
        .execute([id])?;
    if n == 0 {
        return Err(CoreError::not_found("case", id));
    }
    Ok(())
}

/// Adds a free-text note to the history.
pub fn add_note(
    conn: &Connection,
    id: i64,
    note: &str,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<super::CaseEvent> {
    let text = crate::common::text::required("note", note, usize::MAX)?;
    get(conn, id)?;
    record_event(
        conn,
        id,
        now,
        actor,
        EventDraft {
            note: Some(text),
            ..EventDraft::new(EventKind::Note)
        },
    )
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
    let parts = |severity: u8| super::history::EventParts {
        severity: Some(severity),
        ..Default::default()
    };
    record_event(
        &tx,
        id,
        now,
        actor,
        EventDraft {
            field: Some("primary_cause"),
            old_value: Some(before.primary_cause.to_string()),
            new_value: Some(primary.to_string()),
            detail: EventDetail {
                old: Some(parts(before.severity)),
                new: Some(parts(severity)),
                ..Default::default()
            },
            ..EventDraft::new(EventKind::Labels)
        },
    )?;
    tx.commit()?;
    get(conn, id)
}

/// Stores what triage says of a case: causes, severity, flags and reasons (both the
/// texts and the structured ones). A case whose labels the owner corrected keeps them;
/// returns whether anything was written.
pub fn apply_labels(conn: &Connection, id: i64, t: &Triage) -> Result<bool> {
    let n = conn
        .prepare_cached(
            "UPDATE cases SET primary_cause = ?1, causes = ?2, severity = ?3, flags = ?4,
                triage_reasons = ?5, triage_detail = ?6
             WHERE id = ?7 AND labels_locked = 0",
        )?
        .execute(params![
            t.primary,
            serde_json::to_string(&t.causes)?,
            t.severity,
            serde_json::to_string(&t.flags)?,
            serde_json::to_string(&t.reasons)?,
            serde_json::to_string(&t.details)?,
            id
        ])?;
    Ok(n > 0)
}

/// Moves `updated_at`, so the case sorts as recently worked on.
pub(crate) fn touch(conn: &Connection, id: i64, at: DateTime<Utc>) -> Result<()> {
    conn.prepare_cached("UPDATE cases SET updated_at = ?1 WHERE id = ?2")?
        .execute(params![at, id])?;
    Ok(())
}

/// How a finished case ended, beside its status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ending<'a> {
    /// The outcome's code; `None` clears it (on reopening).
    pub outcome: Option<&'a str>,
    pub final_stars: Option<u8>,
    pub closed_at: Option<DateTime<Utc>>,
}

/// Records (or clears) how the case ended.
pub fn set_ending(conn: &Connection, id: i64, e: &Ending) -> Result<()> {
    conn.execute(
        "UPDATE cases SET outcome = ?1, final_stars = ?2, closed_at = ?3 WHERE id = ?4",
        params![e.outcome, e.final_stars, e.closed_at, id],
    )?;
    Ok(())
}

/// The final stars and the closing time of a case, when it was closed with an outcome.
pub fn ending(conn: &Connection, id: i64) -> Result<(Option<u8>, Option<DateTime<Utc>>)> {
    conn.query_row(
        "SELECT final_stars, closed_at FROM cases WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| CoreError::not_found("case", id))
}

/// Links a case to the dedup key of the review it stands for; with `only_if_unset`, a
/// case already linked keeps its key.
pub fn set_dedup_key(conn: &Connection, id: i64, key: &str, only_if_unset: bool) -> Result<()> {
    let sql = if only_if_unset {
        "UPDATE cases SET dedup_key = ?2 WHERE id = ?1 AND dedup_key IS NULL"
    } else {
        "UPDATE cases SET dedup_key = ?2 WHERE id = ?1"
    };
    conn.prepare_cached(sql)?.execute(params![id, key])?;
    Ok(())
}

/// A newer version of a case's review: what the buyer wrote and added, the shop's reply,
/// the stars and whether it has photos. Empty or absent parts say nothing new.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReviewUpdate<'a> {
    pub review_text: Option<&'a str>,
    pub follow_up_text: Option<&'a str>,
    pub seller_reply: Option<&'a str>,
    pub stars: Option<u8>,
    /// Photos once seen stay: `false` never removes them.
    pub has_photos: bool,
}

/// Brings a case's review up to date, one history entry per changed field (naming the
/// import row when an import brought the change). Returns the case as it is now when
/// something changed, `None` when nothing did; relabelling is the caller's.
pub fn update_review(
    conn: &Connection,
    id: i64,
    u: &ReviewUpdate,
    actor: &str,
    now: DateTime<Utc>,
    import: Option<&ImportRow>,
) -> Result<Option<Case>> {
    let current = get(conn, id)?;
    let mut changes: Vec<(&'static str, Option<String>, Option<String>)> = Vec::new();
    let fresh = |new: Option<&str>, old: &Option<String>| {
        new.filter(|n| !n.is_empty() && Some(*n) != old.as_deref())
            .map(str::to_string)
    };
    let mut text = current.review_text.clone();
    if let Some(t) = u
        .review_text
        .filter(|t| !t.is_empty() && *t != current.review_text)
    {
        changes.push(("review_text", Some(text.clone()), Some(t.to_string())));
        text = t.to_string();
    }
    let mut follow_up = current.follow_up_text.clone();
    if let Some(f) = fresh(u.follow_up_text, &current.follow_up_text) {
        changes.push(("follow_up_text", follow_up.clone(), Some(f.clone())));
        follow_up = Some(f);
    }
    let mut reply = current.seller_reply.clone();
    if let Some(r) = fresh(u.seller_reply, &current.seller_reply) {
        changes.push(("seller_reply", reply.clone(), Some(r.clone())));
        reply = Some(r);
    }
    let stars = u.stars.unwrap_or(current.stars);
    if stars != current.stars {
        changes.push((
            "stars",
            Some(current.stars.to_string()),
            Some(stars.to_string()),
        ));
    }
    let photos = current.has_photos || u.has_photos;
    if photos != current.has_photos {
        changes.push(("has_photos", Some("false".into()), Some("true".into())));
    }
    if changes.is_empty() {
        return Ok(None);
    }
    conn.prepare_cached(
        "UPDATE cases SET review_text = ?2, follow_up_text = ?3, seller_reply = ?4, stars = ?5,
            has_photos = ?6, updated_at = ?7
         WHERE id = ?1",
    )?
    .execute(params![id, text, follow_up, reply, stars, photos, now])?;
    for (field, old, new) in changes {
        record_event(
            conn,
            id,
            now,
            actor,
            EventDraft {
                field: Some(field),
                old_value: old,
                new_value: new,
                detail: EventDetail {
                    import: import.cloned(),
                    ..Default::default()
                },
                ..EventDraft::new(EventKind::Field)
            },
        )
        .map(drop)?;
    }
    get(conn, id).map(Some)
}

/// Which of these buyers already have a case on the platform (so they have bought before).
pub fn buyers_with_cases(
    conn: &Connection,
    platform: Platform,
    nicks: &[&str],
) -> Result<HashSet<String>> {
    let mut found = HashSet::new();
    let mut stmt =
        conn.prepare_cached("SELECT 1 FROM cases WHERE platform = ?1 AND buyer_nick = ?2 LIMIT 1")?;
    for nick in nicks {
        if !found.contains(*nick) && stmt.exists(params![platform, nick])? {
            found.insert((*nick).to_string());
        }
    }
    Ok(found)
}

/// How many cases this buyer has on the platform.
pub fn buyer_case_count(conn: &Connection, platform: Platform, nick: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM cases WHERE platform = ?1 AND buyer_nick = ?2")?
        .query_row(params![platform, nick], |r| r.get(0))?)
}

/// Buyers (platform, nickname) with more than one case: they have ordered before.
pub fn repeat_buyers(conn: &Connection) -> Result<HashSet<(String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT platform, buyer_nick FROM cases WHERE buyer_nick IS NOT NULL
         GROUP BY platform, buyer_nick HAVING count(*) > 1",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM cases", [], |r| r.get(0))?)
}
