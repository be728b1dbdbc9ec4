//! Labelling stored cases: on creation, one at a time, or all of them after the owner
//! edits the keywords. Cases whose labels the owner corrected (`labels_locked`) are never
//! relabelled.

use super::alerts::{hits_for, store_hits};
use super::classify::classify_case;
use super::model::{Lang, Reason, Triage, TriageInput};
use super::owner::load_rules;
use super::rules::Rules;
use crate::cases::{self, Case, Platform};
use crate::error::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use ts_rs::TS;

/// Cases per transaction in [`retriage_all`]: big enough to be fast, small enough that
/// the app's own writes wait only a moment between batches.
pub const RETRIAGE_BATCH: usize = 5_000;

/// Labels a case about to be stored, with the owner's keywords, alerts and language.
/// `buyer` (platform and nickname, when known) tells whether the buyer has bought before.
pub fn label_new_case(
    conn: &Connection,
    input: &TriageInput,
    buyer: Option<(Platform, &str)>,
) -> Result<Triage> {
    let rules = load_rules(conn)?;
    let repeat = match buyer {
        Some((platform, nick)) => is_repeat_buyer(conn, platform, Some(nick))?,
        None => false,
    };
    Ok(classify_case(input, repeat, &rules))
}

/// Whether this buyer already has a case with the shop on the same platform (so they
/// have ordered before).
pub fn is_repeat_buyer(
    conn: &Connection,
    platform: Platform,
    buyer_nick: Option<&str>,
) -> Result<bool> {
    let Some(nick) = buyer_nick.map(str::trim).filter(|n| !n.is_empty()) else {
        return Ok(false);
    };
    Ok(conn
        .query_row(
            "SELECT 1 FROM cases WHERE platform = ?1 AND buyer_nick = ?2 LIMIT 1",
            params![platform, nick],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Stores what the case columns do not hold: the reasons in both languages, and the
/// alert hits for notification. Call right after the case row is written, in the same
/// transaction.
pub fn record(conn: &Connection, case_id: i64, t: &Triage, now: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "UPDATE cases SET triage_detail = ?1 WHERE id = ?2",
        params![serde_json::to_string(&t.details)?, case_id],
    )?;
    if t.has_flag(super::Flag::KeywordAlert) {
        let (text, product): (String, String) = conn.query_row(
            "SELECT review_text, product FROM cases WHERE id = ?1",
            [case_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let rules = load_rules(conn)?;
        store_hits(conn, &hits_for(&rules, case_id, &text, &product), now)?;
    }
    Ok(())
}

/// The reasons of a case's last triage in the given language.
pub fn case_reasons(conn: &Connection, case_id: i64, lang: Lang) -> Result<Vec<String>> {
    Ok(case_details(conn, case_id)?
        .iter()
        .map(|r| r.text(lang).to_string())
        .collect())
}

/// The structured reasons of a case's last triage.
pub fn case_details(conn: &Connection, case_id: i64) -> Result<Vec<Reason>> {
    let text: String = conn
        .query_row(
            "SELECT triage_detail FROM cases WHERE id = ?1",
            [case_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| CoreError::not_found("case", case_id))?;
    Ok(serde_json::from_str(&text)?)
}

/// One stored case as triage reads it.
struct Row {
    id: i64,
    text: String,
    stars: u8,
    has_photos: bool,
    order_value_cents: Option<i64>,
    product: String,
    repeat_key: Option<(String, String)>,
    locked: bool,
    /// The stored labels, serialized as in the table, to skip writes that change nothing.
    stored: [String; 6],
}

const ROW_SQL: &str = "SELECT id, review_text, stars, has_photos, order_value_cents, product,
        platform, buyer_nick, labels_locked, primary_cause, causes, severity, flags,
        triage_reasons, triage_detail
     FROM cases";

fn read_row(r: &rusqlite::Row) -> rusqlite::Result<Row> {
    let platform: String = r.get(6)?;
    let nick: Option<String> = r.get(7)?;
    let severity: i64 = r.get(11)?;
    Ok(Row {
        id: r.get(0)?,
        text: r.get(1)?,
        stars: r.get(2)?,
        has_photos: r.get(3)?,
        order_value_cents: r.get(4)?,
        product: r.get(5)?,
        repeat_key: nick.map(|n| (platform, n)),
        locked: r.get(8)?,
        stored: [
            r.get(9)?,
            r.get(10)?,
            severity.to_string(),
            r.get(12)?,
            r.get(13)?,
            r.get(14)?,
        ],
    })
}

/// The new column values of a row, serialized as stored. The structured reasons are
/// serialized only when the rest differs: they follow from the same evidence as the
/// reason texts, and skipping them keeps an unchanged re-run cheap.
fn columns(t: &Triage, stored: Option<&[String; 6]>) -> Result<Option<[String; 6]>> {
    let head = [
        t.primary.as_str().to_string(),
        serde_json::to_string(&t.causes)?,
        t.severity.to_string(),
        serde_json::to_string(&t.flags)?,
        serde_json::to_string(&t.reasons)?,
    ];
    // Cases labelled elsewhere (e.g. by an import) may lack the structured reasons.
    if stored.is_some_and(|s| s[..5] == head[..] && (s[5] != "[]" || t.details.is_empty())) {
        return Ok(None);
    }
    let [a, b, c, d, e] = head;
    Ok(Some([a, b, c, d, e, serde_json::to_string(&t.details)?]))
}

fn triage_row(row: &Row, rules: &Rules, repeat: bool) -> Triage {
    classify_case(
        &TriageInput {
            text: &row.text,
            stars: row.stars,
            has_photos: row.has_photos,
            order_value_cents: row.order_value_cents,
            product: &row.product,
        },
        repeat,
        rules,
    )
}

fn write_row(conn: &Connection, id: i64, cols: &[String; 6]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE cases SET primary_cause = ?1, causes = ?2, severity = ?3, flags = ?4,
            triage_reasons = ?5, triage_detail = ?6
         WHERE id = ?7 AND labels_locked = 0",
    )?;
    stmt.execute(params![
        cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], id
    ])?;
    Ok(())
}

/// Relabels one case (after an edit of its text, or on the owner's request). A case with
/// owner-corrected labels is returned unchanged.
pub fn retriage_case(conn: &mut Connection, id: i64, now: DateTime<Utc>) -> Result<Case> {
    let tx = conn.transaction()?;
    let row = tx
        .query_row(&format!("{ROW_SQL} WHERE id = ?1"), [id], read_row)
        .optional()?
        .ok_or_else(|| CoreError::not_found("case", id))?;
    if !row.locked {
        let rules = load_rules(&tx)?;
        let repeat = match &row.repeat_key {
            Some((p, n)) => tx.query_row(
                "SELECT count(*) > 1 FROM cases WHERE platform = ?1 AND buyer_nick = ?2",
                params![p, n],
                |r| r.get(0),
            )?,
            None => false,
        };
        let t = triage_row(&row, &rules, repeat);
        if let Some(cols) = columns(&t, None)? {
            write_row(&tx, id, &cols)?;
        }
        store_hits(&tx, &hits_for(&rules, id, &row.text, &row.product), now)?;
    }
    tx.commit()?;
    cases::get(conn, id)
}

/// What a re-triage did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct RetriageSummary {
    /// Cases when the run started.
    #[ts(type = "number")]
    pub total: u64,
    /// Cases looked at (all of them unless cancelled).
    #[ts(type = "number")]
    pub processed: u64,
    /// Cases whose labels, severity, flags or reasons changed.
    #[ts(type = "number")]
    pub changed: u64,
    /// Cases left alone because the owner corrected their labels.
    #[ts(type = "number")]
    pub locked: u64,
    /// New keyword-alert hits found.
    #[ts(type = "number")]
    pub new_alert_hits: u64,
    /// Stopped by the progress callback; the batches done so far are kept.
    pub cancelled: bool,
}

/// Relabels every stored case with the current lexicon and owner keywords, in
/// transactions of [`RETRIAGE_BATCH`] cases. `progress(done, total)` is called after each
/// batch is committed; returning `false` stops the run there.
pub fn retriage_all(
    conn: &mut Connection,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<RetriageSummary> {
    let rules = load_rules(conn)?;
    let total: i64 = conn.query_row("SELECT count(*) FROM cases", [], |r| r.get(0))?;
    let mut summary = RetriageSummary {
        total: u64::try_from(total).unwrap_or(0),
        ..Default::default()
    };
    // Buyers with more than one case: they have ordered before.
    let repeat: HashSet<(String, String)> = {
        let mut stmt = conn.prepare(
            "SELECT platform, buyer_nick FROM cases WHERE buyer_nick IS NOT NULL
             GROUP BY platform, buyer_nick HAVING count(*) > 1",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut last_id = 0i64;
    loop {
        let tx = conn.transaction()?;
        let batch: Vec<Row> = {
            let mut stmt =
                tx.prepare_cached(&format!("{ROW_SQL} WHERE id > ?1 ORDER BY id LIMIT ?2"))?;
            let rows = stmt.query_map(params![last_id, RETRIAGE_BATCH as i64], read_row)?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let Some(last) = batch.last() else {
            tx.commit()?;
            break;
        };
        last_id = last.id;
        for row in &batch {
            summary.processed += 1;
            if row.locked {
                summary.locked += 1;
                continue;
            }
            let is_repeat = row.repeat_key.as_ref().is_some_and(|k| repeat.contains(k));
            let t = triage_row(row, &rules, is_repeat);
            if let Some(cols) = columns(&t, Some(&row.stored))? {
                write_row(&tx, row.id, &cols)?;
                summary.changed += 1;
            }
            if t.has_flag(super::Flag::KeywordAlert) {
                let hits = hits_for(&rules, row.id, &row.text, &row.product);
                summary.new_alert_hits += store_hits(&tx, &hits, now)? as u64;
            }
        }
        tx.commit()?;
        if !progress(summary.processed, summary.total) {
            summary.cancelled = true;
            break;
        }
    }
    Ok(summary)
}
