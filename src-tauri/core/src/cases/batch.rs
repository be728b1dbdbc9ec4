//! Storing many new cases at once, for imports: one statement per batch for the cases
//! and one for their `created` entries. The search index takes them after the import
//! (`search_index`): it writes out its pending terms at every statement that touches it,
//! so indexing batch by batch, let alone row by row, would cost several times more, and
//! even once per import it costs more than storing the cases.

use super::labels::Triage;
use super::model::Platform;
use crate::common::Lang;
use crate::db::sql_time;
use crate::error::Result;
use chrono::{DateTime, Utc};
use rusqlite::{types::ToSql, Connection};
use std::collections::HashMap;

/// A new case read from an import row, labelled and ready to store.
#[derive(Debug, Clone)]
pub struct BatchCase<'a> {
    pub order_id: Option<&'a str>,
    pub review_id: Option<&'a str>,
    pub buyer_nick: Option<&'a str>,
    pub product: &'a str,
    pub stars: u8,
    pub review_text: &'a str,
    pub review_time: DateTime<Utc>,
    pub has_photos: bool,
    pub order_value_cents: Option<i64>,
    pub lang: Lang,
    pub seller_reply: Option<&'a str>,
    pub follow_up_text: Option<&'a str>,
    /// The review's dedup key, unique among cases.
    pub dedup_key: &'a str,
    pub labels: &'a Triage,
    /// The row of the file it came from, for its history entry.
    pub row: u64,
    /// Arrives as history: into the backlog, without reminders of its own.
    pub backlog: bool,
}

/// What the rows of one import batch share.
#[derive(Debug, Clone, Copy)]
pub struct BatchOrigin<'a> {
    pub platform: Platform,
    pub shop: &'a str,
    /// The file's name, named in each case's `created` entry.
    pub file: &'a str,
    pub actor: &'a str,
    pub now: DateTime<Utc>,
}

const CASE_COLS: usize = 23;

/// The new cases of one import, stored batch by batch in the caller's transaction and
/// handed to the search index's catch-up by [`CaseImport::finish`] (see
/// `search_index`): until the index holds them a search reads their text directly.
#[derive(Debug)]
#[must_use = "an import's cases must be handed to the search index"]
pub struct CaseImport {
    /// Every case with a greater id was stored by this import (ids only grow, and the
    /// transaction holds the write lock).
    last_id_before: i64,
}

impl CaseImport {
    pub fn begin(conn: &Connection) -> Result<CaseImport> {
        let last_id_before: Option<i64> =
            conn.query_row("SELECT max(id) FROM cases", [], |r| r.get(0))?;
        Ok(CaseImport {
            last_id_before: last_id_before.unwrap_or(0),
        })
    }

    /// Stores a batch of imported cases as new (`source` import) with their `created`
    /// history entries. Returns their ids in the order given.
    pub fn insert(
        &mut self,
        conn: &Connection,
        origin: &BatchOrigin,
        cases: &[BatchCase],
    ) -> Result<Vec<i64>> {
        insert_batch(conn, origin, cases)
    }

    /// Records the cases this import stored as waiting for the search index.
    pub fn finish(self, conn: &Connection) -> Result<()> {
        let last: Option<i64> = conn.query_row("SELECT max(id) FROM cases", [], |r| r.get(0))?;
        match last {
            Some(last) if last > self.last_id_before => {
                super::search_index::defer(conn, self.last_id_before + 1, last)
            }
            _ => Ok(()),
        }
    }
}

fn insert_batch(conn: &Connection, origin: &BatchOrigin, cases: &[BatchCase]) -> Result<Vec<i64>> {
    if cases.is_empty() {
        return Ok(Vec::new());
    }
    let n = cases.len();
    let now = sql_time(origin.now);
    // Values computed per case, kept alive while the statement borrows them.
    struct Computed {
        review_time: String,
        causes: String,
        flags: String,
        reasons: String,
        details: String,
        event_detail: String,
    }
    let file_json = serde_json::to_string(origin.file)?;
    let computed: Vec<Computed> = cases
        .iter()
        .map(|c| {
            Ok(Computed {
                review_time: sql_time(c.review_time),
                causes: serde_json::to_string(&c.labels.causes)?,
                flags: serde_json::to_string(&c.labels.flags)?,
                reasons: serde_json::to_string(&c.labels.reasons)?,
                details: serde_json::to_string(&c.labels.details)?,
                event_detail: format!("{{\"import\":{{\"file\":{file_json},\"row\":{}}}}}", c.row),
            })
        })
        .collect::<Result<_>>()?;

    let mut bound: Vec<&dyn ToSql> = Vec::with_capacity(n * CASE_COLS);
    for (c, k) in cases.iter().zip(&computed) {
        bound.extend_from_slice(&[
            &origin.platform as &dyn ToSql,
            &origin.shop,
            &c.order_id,
            &c.review_id,
            &c.buyer_nick,
            &c.product,
            &c.stars,
            &c.review_text,
            &k.review_time,
            &c.has_photos,
            &c.order_value_cents,
            &c.lang,
            &c.seller_reply,
            &c.follow_up_text,
            &c.labels.primary,
            &k.causes,
            &c.labels.severity,
            &k.flags,
            &k.reasons,
            &k.details,
            &now,
            &c.backlog,
            &c.dedup_key,
        ]);
    }
    let one = format!(
        "({}, 'new', 'import', ?, ?)",
        vec!["?"; CASE_COLS - 1].join(", ")
    );
    let sql = format!(
        "INSERT INTO cases(platform, shop, order_id, review_id, buyer_nick, product, stars,
            review_text, review_time, has_photos, order_value_cents, lang, seller_reply,
            follow_up_text, primary_cause, causes, severity, flags, triage_reasons, triage_detail,
            created_at, backlog, status, source, updated_at, dedup_key)
         VALUES {}
         RETURNING id, dedup_key",
        vec![one; n].join(",\n")
    );
    // created_at and updated_at both take the import time: `now` is bound twice per row.
    let mut with_updated: Vec<&dyn ToSql> = Vec::with_capacity(n * (CASE_COLS + 1));
    for chunk in bound.chunks(CASE_COLS) {
        with_updated.extend_from_slice(&chunk[..CASE_COLS - 1]);
        with_updated.push(&now);
        with_updated.push(chunk[CASE_COLS - 1]);
    }
    let mut ids: HashMap<String, i64> = HashMap::with_capacity(n);
    {
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(&with_updated[..])?;
        while let Some(r) = rows.next()? {
            ids.insert(r.get(1)?, r.get(0)?);
        }
    }
    let ordered: Vec<i64> = cases
        .iter()
        .map(|c| {
            ids.get(c.dedup_key)
                .copied()
                .ok_or_else(|| crate::error::CoreError::Db(rusqlite::Error::QueryReturnedNoRows))
        })
        .collect::<Result<_>>()?;

    let events_sql = format!(
        "INSERT INTO case_events(case_id, at, actor, kind, new_value, detail) VALUES {}",
        vec!["(?, ?, ?, 'created', 'new', ?)"; n].join(", ")
    );
    let mut ev: Vec<&dyn ToSql> = Vec::with_capacity(n * 4);
    for (id, k) in ordered.iter().zip(&computed) {
        ev.extend_from_slice(&[id as &dyn ToSql, &now, &origin.actor, &k.event_detail]);
    }
    conn.prepare_cached(&events_sql)?.execute(&ev[..])?;
    Ok(ordered)
}
