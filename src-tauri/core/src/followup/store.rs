//! Materialised reminders: `sync` turns the pure rules into rows of the `reminders` table,
//! recomputing only the cases marked dirty (by triggers, a rules change, or a change in
//! the remedies ledger). Reads never recompute anything.

use super::contacts::{row_to_contact, ContactAttempt, CONTACT_COLUMNS};
use super::engine::{plan_case, reminders_for_case, CaseFacts, Reminder, ReminderKind};
use super::reason::ReminderReason;
use super::rules::{load_rules, FollowupRules};
use super::windows::CallWindow;
use crate::cases::Commitment;
use crate::cases::{self, row_to_case, CaseStatus, Platform, CASE_COLUMNS};
use crate::error::{CoreError, Result};
use crate::{appeals, remedies, settings};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use ts_rs::TS;

/// A stored reminder with what the list needs to show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DueItem {
    /// The reminder row; pass it to `snooze` and `dismiss`.
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub case_id: i64,
    pub kind: ReminderKind,
    pub subject: String,
    pub due: DateTime<Utc>,
    pub late_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub tz: String,
    pub window: Option<CallWindow>,
    pub reason: ReminderReason,
    /// When it last fired as a notification; None while it has not.
    pub fired_at: Option<DateTime<Utc>>,
    pub fire_count: u32,
    pub snoozed_until: Option<DateTime<Utc>>,
    /// The time the scheduler will fire it next, if it will.
    pub next_fire_at: Option<DateTime<Utc>>,
    pub platform: Platform,
    pub product: String,
    pub buyer_nick: Option<String>,
    pub status: CaseStatus,
    /// Its case waits in the backlog: counted in the backlog's Today item, never fired.
    pub backlog: bool,
}

/// What a sync did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncReport {
    pub recomputed_cases: u32,
    pub inserted: u32,
    pub updated: u32,
    pub removed: u32,
    pub cleared: u32,
}

pub(crate) const ITEM_COLUMNS: &str = "r.id, r.case_id, r.kind, r.subject, r.due, r.late_at, \
    r.expires_at, r.tz, r.call_window, r.reason_code, r.reason_params, r.fired_at, \
    r.fire_count, r.snoozed_until, r.next_fire_at, c.platform, c.product, c.buyer_nick, c.status, \
    r.backlog";

pub(crate) const ITEM_FROM: &str = "reminders r JOIN cases c ON c.id = r.case_id";

fn json_column<T: serde::de::DeserializeOwned>(r: &Row, idx: usize) -> rusqlite::Result<T> {
    let text: String = r.get(idx)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(crate) fn row_to_item(r: &Row) -> rusqlite::Result<DueItem> {
    let window: Option<String> = r.get(8)?;
    let window = match window {
        Some(text) => Some(serde_json::from_str(&text).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(8, rusqlite::types::Type::Text, Box::new(e))
        })?),
        None => None,
    };
    Ok(DueItem {
        id: r.get(0)?,
        case_id: r.get(1)?,
        kind: r.get(2)?,
        subject: r.get(3)?,
        due: r.get(4)?,
        late_at: r.get(5)?,
        expires_at: r.get(6)?,
        tz: r.get(7)?,
        window,
        reason: ReminderReason::from_parts(r.get(9)?, json_column(r, 10)?),
        fired_at: r.get(11)?,
        fire_count: r.get(12)?,
        snoozed_until: r.get(13)?,
        next_fire_at: r.get(14)?,
        platform: r.get(15)?,
        product: r.get(16)?,
        buyer_nick: r.get(17)?,
        status: r.get(18)?,
        backlog: r.get(19)?,
    })
}

/// Everything owed with a due time, soonest first: the ledger's open remedies and
/// promises and the draft appeals, labelled in the owner's language.
pub fn due_commitments(conn: &Connection) -> Result<Vec<Commitment>> {
    let lang = settings::lang(conn)?;
    let mut all = remedies::due_commitments(conn, lang)?;
    all.extend(appeals::due_appeals(conn, lang)?);
    Commitment::sort(&mut all);
    Ok(all)
}

/// A case's facts as the rules see them.
pub fn case_facts(conn: &Connection, case_id: i64) -> Result<CaseFacts> {
    let case = cases::get(conn, case_id)?;
    let contacts = super::contacts::list_contacts(conn, case_id)?;
    let commitments = due_commitments(conn)?
        .into_iter()
        .filter(|c| c.case_id == case_id)
        .collect();
    let resolved_at = conn
        .query_row(
            "SELECT max(at) FROM case_events
             WHERE case_id = ?1 AND field = 'status' AND new_value = 'resolved'",
            [case_id],
            |r| r.get::<_, Option<DateTime<Utc>>>(0),
        )
        .optional()?
        .flatten();
    let has_appeal = !appeal_cases(conn, "?1", Some(case_id))?.is_empty();
    Ok(CaseFacts {
        case,
        contacts,
        commitments,
        resolved_at,
        has_appeal,
    })
}

/// Cases with an appeal on record among `ids` (an SQL subquery or `?1`). The appeals
/// table belongs to the remedies area; a database without it simply has no appeals.
fn appeal_cases(
    conn: &Connection,
    ids: &str,
    param: Option<i64>,
) -> Result<std::collections::HashSet<i64>> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'appeals')",
        [],
        |r| r.get(0),
    )?;
    if !exists {
        return Ok(Default::default());
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT DISTINCT case_id FROM appeals WHERE case_id IN ({ids})"
    ))?;
    let rows = match param {
        Some(p) => stmt
            .query_map([p], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?,
        None => stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?,
    };
    Ok(rows)
}

/// The reminders that apply to one case right now, computed fresh (not from the table).
pub fn reminders_for_case_id(
    conn: &Connection,
    case_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<Reminder>> {
    let facts = case_facts(conn, case_id)?;
    Ok(reminders_for_case(&facts, &load_rules(conn)?, now))
}

/// A stable fingerprint of a case's commitments, to notice any change in the ledger.
fn commitments_sig(list: &[Commitment]) -> String {
    let mut parts: Vec<String> = list
        .iter()
        .map(|c| {
            format!(
                "{}:{}:{}:{}",
                c.kind,
                c.ref_id,
                c.due_at.timestamp(),
                c.label
            )
        })
        .collect();
    parts.sort();
    parts.join("\u{1f}")
}

fn mark_commitment_changes(
    tx: &Transaction,
    by_case: &BTreeMap<i64, Vec<Commitment>>,
) -> Result<()> {
    let mut update = tx.prepare_cached(
        "UPDATE followup_case_state SET dirty = 1, commitments_sig = ?2
         WHERE case_id = ?1 AND commitments_sig <> ?2",
    )?;
    for (case_id, list) in by_case {
        update.execute(params![case_id, commitments_sig(list)])?;
    }
    let had: Vec<i64> = tx
        .prepare_cached("SELECT case_id FROM followup_case_state WHERE commitments_sig <> ''")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for case_id in had.into_iter().filter(|id| !by_case.contains_key(id)) {
        update.execute(params![case_id, ""])?;
    }
    Ok(())
}

/// The cases of the chunk being recomputed (a per-connection temporary table).
const DIRTY: &str = "SELECT case_id FROM temp.followup_batch";
/// Cases recomputed per transaction: short write locks even when every case is dirty
/// (first start, rules change), so the app's other writes never wait long. Tiny in unit
/// tests, so that every test also crosses chunk boundaries.
const SYNC_CHUNK: i64 = if cfg!(test) { 2 } else { 2000 };

fn load_dirty_facts(
    tx: &Transaction,
    by_case: &BTreeMap<i64, Vec<Commitment>>,
) -> Result<Vec<CaseFacts>> {
    let mut contacts: HashMap<i64, Vec<ContactAttempt>> = HashMap::new();
    {
        let mut stmt = tx.prepare(&format!(
            "SELECT {CONTACT_COLUMNS} FROM contact_attempts WHERE case_id IN ({DIRTY})
             ORDER BY case_id, at, id"
        ))?;
        for c in stmt.query_map([], row_to_contact)? {
            let c = c?;
            contacts.entry(c.case_id).or_default().push(c);
        }
    }
    let mut resolved: HashMap<i64, DateTime<Utc>> = HashMap::new();
    {
        let mut stmt = tx.prepare(&format!(
            "SELECT case_id, max(at) FROM case_events
             WHERE case_id IN ({DIRTY}) AND field = 'status' AND new_value = 'resolved'
             GROUP BY case_id"
        ))?;
        for row in stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))? {
            let (id, at) = row?;
            resolved.insert(id, at);
        }
    }
    let appealed = appeal_cases(tx, DIRTY, None)?;
    let mut stmt = tx.prepare(&format!(
        "SELECT {CASE_COLUMNS} FROM cases WHERE id IN ({DIRTY}) ORDER BY id"
    ))?;
    let cases = stmt.query_map([], row_to_case)?;
    let mut out = Vec::new();
    for case in cases {
        let case = case?;
        let id = case.id;
        out.push(CaseFacts {
            contacts: contacts.remove(&id).unwrap_or_default(),
            commitments: by_case.get(&id).cloned().unwrap_or_default(),
            resolved_at: resolved.get(&id).copied(),
            has_appeal: appealed.contains(&id),
            case,
        });
    }
    Ok(out)
}

struct Existing {
    id: i64,
    fire_count: u32,
    dismissed: bool,
    cleared: bool,
    payload: Payload,
}

/// late_at, expires_at, tz, window, reason code, reason params, backlog: what a
/// recompute may change on an existing occurrence.
type Payload = (
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    String,
    Option<String>,
    String,
    String,
    bool,
);

type Key = (i64, String, String, DateTime<Utc>);

fn load_existing(tx: &Transaction) -> Result<HashMap<Key, Existing>> {
    let mut stmt = tx.prepare(&format!(
        "SELECT id, case_id, kind, subject, due, fire_count, dismissed_at IS NOT NULL,
                cleared_at IS NOT NULL, late_at, expires_at, tz, call_window, reason_code,
                reason_params, backlog
         FROM reminders WHERE case_id IN ({DIRTY})"
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok((
            (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?),
            Existing {
                id: r.get(0)?,
                fire_count: r.get(5)?,
                dismissed: r.get(6)?,
                cleared: r.get(7)?,
                payload: (
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                    r.get(11)?,
                    r.get(12)?,
                    r.get(13)?,
                    r.get(14)?,
                ),
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn payload_of(r: &Reminder) -> Result<Payload> {
    Ok((
        r.late_at,
        r.expires_at,
        r.tz.clone(),
        r.window.as_ref().map(serde_json::to_string).transpose()?,
        r.reason.code.clone(),
        serde_json::to_string(&r.reason.params)?,
        r.backlog,
    ))
}

/// Brings the `reminders` table up to date with the cases, contact logs, remedies ledger
/// and rules. Idempotent: a second call with nothing changed writes nothing. Rows that
/// no longer apply are deleted, except those that have fired or were dismissed, which
/// are kept (marked cleared) so the same occurrence can never fire again.
///
/// The result does not depend on `now` (it only stamps `cleared_at`), so a sync made
/// for another moment (the CLI's `due --at`) never disturbs the scheduler. Dirty cases
/// are recomputed in chunks of `SYNC_CHUNK`, one short transaction each.
pub fn sync(conn: &mut Connection, now: DateTime<Utc>) -> Result<SyncReport> {
    let rules = load_rules(conn)?;
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS followup_batch(case_id INTEGER PRIMARY KEY)",
    )?;
    // Immediate: take the write lock before reading, so no writer slips in between the
    // reads and the writes that depend on them.
    let by_case = {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut by_case: BTreeMap<i64, Vec<Commitment>> = BTreeMap::new();
        for c in due_commitments(&tx)? {
            by_case.entry(c.case_id).or_default().push(c);
        }
        mark_commitment_changes(&tx, &by_case)?;
        tx.commit()?;
        by_case
    };
    let mut report = SyncReport::default();
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("DELETE FROM temp.followup_batch", [])?;
        let n = tx.execute(
            "INSERT INTO temp.followup_batch
             SELECT case_id FROM followup_case_state WHERE dirty = 1 ORDER BY case_id LIMIT ?1",
            [SYNC_CHUNK],
        )?;
        if n == 0 {
            tx.commit()?;
            return Ok(report);
        }
        let facts = load_dirty_facts(&tx, &by_case)?;
        let mut existing = load_existing(&tx)?;
        apply(&tx, &facts, &rules, &mut existing, now, &mut report)?;
        tx.execute(
            &format!("UPDATE followup_case_state SET dirty = 0 WHERE case_id IN ({DIRTY})"),
            [],
        )?;
        tx.execute("DELETE FROM temp.followup_batch", [])?;
        tx.commit()?;
    }
}

fn apply(
    tx: &Transaction,
    facts: &[CaseFacts],
    rules: &FollowupRules,
    existing: &mut HashMap<Key, Existing>,
    now: DateTime<Utc>,
    report: &mut SyncReport,
) -> Result<()> {
    // A reminder of a case in the backlog is never armed; one whose case leaves the
    // backlog is armed at its time (or its snooze), unless it already fired or was
    // dismissed. SQLite reads the old row on the right of SET, so `backlog` there is the
    // value before this update.
    let mut insert = tx.prepare_cached(
        "INSERT INTO reminders(case_id, kind, subject, due, late_at, expires_at, tz, call_window,
             reason_code, reason_params, created_at, next_fire_at, span_s, backlog)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, CASE WHEN ?13 THEN NULL ELSE ?4 END,
             ?12, ?13)",
    )?;
    let mut update = tx.prepare_cached(
        "UPDATE reminders SET late_at = ?2, expires_at = ?3, tz = ?4, call_window = ?5,
             reason_code = ?6, reason_params = ?7, cleared_at = NULL, span_s = ?8, backlog = ?9,
             next_fire_at = CASE
                 WHEN ?9 THEN NULL
                 WHEN backlog = 1 AND fire_count = 0 AND dismissed_at IS NULL
                     THEN coalesce(snoozed_until, due)
                 ELSE next_fire_at END
         WHERE id = ?1",
    )?;
    for f in facts {
        report.recomputed_cases += 1;
        for r in plan_case(f, rules) {
            let fresh = payload_of(&r)?;
            let key: Key = (
                r.case_id,
                r.kind.as_str().to_string(),
                r.subject.clone(),
                r.due,
            );
            let span = (r.late_at - r.due).num_seconds();
            match existing.remove(&key) {
                Some(old) => {
                    if old.payload != fresh || old.cleared {
                        let (late, expires, tz, window, code, params, backlog) = fresh;
                        update.execute(params![
                            old.id, late, expires, tz, window, code, params, span, backlog
                        ])?;
                        report.updated += 1;
                    }
                }
                None => {
                    let (late, expires, tz, window, code, params, backlog) = fresh;
                    insert.execute(params![
                        r.case_id, r.kind, r.subject, r.due, late, expires, tz, window, code,
                        params, now, span, backlog
                    ])?;
                    report.inserted += 1;
                }
            }
        }
    }
    // What is left no longer applies.
    let mut delete = tx.prepare_cached("DELETE FROM reminders WHERE id = ?1")?;
    let mut clear = tx.prepare_cached(
        "UPDATE reminders SET cleared_at = ?2, next_fire_at = NULL WHERE id = ?1",
    )?;
    for old in existing.values() {
        if old.fire_count == 0 && !old.dismissed {
            delete.execute([old.id])?;
            report.removed += 1;
        } else if !old.cleared {
            clear.execute(params![old.id, now])?;
            report.cleared += 1;
        }
    }
    Ok(())
}

/// Marks every case for recomputation (after a change the triggers cannot see).
pub fn mark_all_dirty(conn: &Connection) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO followup_case_state(case_id) SELECT id FROM cases",
        [],
    )?;
    conn.execute(
        "UPDATE followup_case_state SET dirty = 1 WHERE dirty = 0",
        [],
    )?;
    Ok(())
}

/// The condition for a reminder that is still live at `?1`, in the backlog or not.
pub(crate) const LIVE_ANY: &str = "r.cleared_at IS NULL AND r.dismissed_at IS NULL \
    AND (r.expires_at IS NULL OR r.expires_at > ?1)";
/// Live at `?1` and outside the backlog: what Today lists and the CLI's `due` prints.
pub(crate) const LIVE: &str = "r.cleared_at IS NULL AND r.dismissed_at IS NULL \
    AND r.backlog = 0 AND (r.expires_at IS NULL OR r.expires_at > ?1)";

/// Everything due at `at` (default: now) and not yet done: due time reached, not
/// snoozed past `at`, not dismissed, not moot, not waiting in the backlog (see
/// `backlog_group`). Syncs first; reads only.
pub fn due_at(conn: &mut Connection, at: DateTime<Utc>) -> Result<Vec<DueItem>> {
    sync(conn, at)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ITEM_COLUMNS} FROM {ITEM_FROM}
         WHERE {LIVE} AND r.due <= ?1 AND (r.snoozed_until IS NULL OR r.snoozed_until <= ?1)
         ORDER BY r.due, r.id"
    ))?;
    let rows = stmt.query_map([at], row_to_item)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A case's live reminders (for the case page), soonest first; a case in the backlog
/// shows its countdowns here too.
pub fn case_reminders(
    conn: &mut Connection,
    case_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<DueItem>> {
    sync(conn, now)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ITEM_COLUMNS} FROM {ITEM_FROM} WHERE {LIVE_ANY} AND r.case_id = ?2
         ORDER BY r.due, r.id"
    ))?;
    let rows = stmt.query_map(params![now, case_id], row_to_item)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One stored reminder.
pub fn get_item(conn: &Connection, reminder_id: i64) -> Result<DueItem> {
    conn.query_row(
        &format!("SELECT {ITEM_COLUMNS} FROM {ITEM_FROM} WHERE r.id = ?1"),
        [reminder_id],
        row_to_item,
    )
    .optional()?
    .ok_or_else(|| CoreError::not_found("reminder", reminder_id))
}

/// A platform window still open on a case, counting down: the seller explanation or an
/// appeal, and when it closes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReplyWindow {
    #[ts(type = "number")]
    pub case_id: i64,
    /// `explanation_deadline` or `appeal_deadline`.
    pub kind: ReminderKind,
    pub closes_at: DateTime<Utc>,
}

/// The platform windows still open on these cases at `now`, soonest closing first (for
/// the inbox's countdowns; cases in the backlog included). Syncs first.
pub fn reply_windows(
    conn: &mut Connection,
    case_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<Vec<ReplyWindow>> {
    sync(conn, now)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT r.case_id, r.kind, r.late_at FROM reminders r
         WHERE {LIVE_ANY} AND r.case_id IN (SELECT value FROM json_each(?2))
           AND r.kind IN ('explanation_deadline', 'appeal_deadline') AND r.late_at > ?1
         ORDER BY r.late_at, r.case_id"
    ))?;
    let rows = stmt.query_map(params![now, serde_json::to_string(case_ids)?], |r| {
        Ok(ReplyWindow {
            case_id: r.get(0)?,
            kind: r.get(1)?,
            closes_at: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Dismisses every live reminder of these cases (a bulk action over a selection); in the
/// caller's transaction. Returns how many were dismissed.
pub fn dismiss_for_cases(conn: &Connection, case_ids: &[i64], now: DateTime<Utc>) -> Result<u32> {
    let n = conn
        .prepare_cached(&format!(
            "UPDATE reminders AS r SET dismissed_at = ?1, next_fire_at = NULL
             WHERE {LIVE_ANY} AND r.case_id IN (SELECT value FROM json_each(?2))"
        ))?
        .execute(params![now, serde_json::to_string(case_ids)?])?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// How many live reminders these cases have at `now` (what dismissing them would take).
pub fn live_count(conn: &Connection, case_ids: &[i64], now: DateTime<Utc>) -> Result<u32> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM reminders r
             WHERE {LIVE_ANY} AND r.case_id IN (SELECT value FROM json_each(?2))"
        ))?
        .query_row(params![now, serde_json::to_string(case_ids)?], |r| r.get(0))?)
}

/// Which of these cases have a live reminder at `now`.
pub fn live_cases(
    conn: &Connection,
    case_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<std::collections::HashSet<i64>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT DISTINCT r.case_id FROM reminders r
         WHERE {LIVE_ANY} AND r.case_id IN (SELECT value FROM json_each(?2))"
    ))?;
    let rows = stmt.query_map(params![now, serde_json::to_string(case_ids)?], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
