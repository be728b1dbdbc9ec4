//! The search index's catch-up after imports. Writing 50,000 reviews' trigrams into the
//! index costs more than storing the reviews, so an import stores its cases, records
//! their id range in `search_pending` and returns; the index then takes them in short
//! transactions (`catch_up`), in the background of the app or at the end of the CLI's
//! import. Meanwhile a search reads the waiting cases' text directly (see `query`), so
//! nothing an import stored is ever missing from a search.

use crate::error::Result;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

/// Cases indexed per transaction: about a tenth of a second of writing, so a command
/// that waits for the database waits no longer than that.
pub const CATCH_UP_ROWS: i64 = 2500;

/// Leaf size of the index's segments while a range is indexed. Trigrams of Chinese text
/// are mostly distinct terms, so at SQLite's default (4050 bytes) a bulk insert spends
/// much of its time starting and writing small leaves.
const BULK_INDEX_PAGE: i64 = 16_000;
/// FTS5's default leaf size, put back for the small edits that follow.
const DEFAULT_INDEX_PAGE: i64 = 4050;

/// Records that the imported cases `lo..=hi` are stored but not indexed. Ids are reused
/// after the highest case is deleted, so a waiting range reaching into `lo..` can only
/// hold ids that no longer exist: it is cut short, or a case would be indexed twice.
pub(super) fn defer(conn: &Connection, lo: i64, hi: i64) -> Result<()> {
    conn.execute("DELETE FROM search_pending WHERE lo >= ?1", [lo])?;
    conn.execute("UPDATE search_pending SET hi = ?1 - 1 WHERE hi >= ?1", [lo])?;
    conn.execute(
        "INSERT INTO search_pending(lo, hi) VALUES (?1, ?2)",
        [lo, hi],
    )?;
    Ok(())
}

/// How many cases wait for the search index.
pub fn search_waiting(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM search_pending p JOIN cases c ON c.id BETWEEN p.lo AND p.hi
         WHERE c.source = 'import'",
        [],
        |r| r.get(0),
    )?;
    Ok(n.max(0) as u64)
}

/// Indexes up to `rows` ids of the lowest waiting range, in one transaction of its own.
/// Returns whether ranges remain. Safe to stop at any point: what is not indexed stays
/// recorded, and the next call (after a restart too) goes on from there.
pub fn catch_up_search(conn: &mut Connection, rows: i64) -> Result<bool> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let range: Option<(i64, i64)> = tx
        .query_row(
            "SELECT lo, hi FROM search_pending ORDER BY lo LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((lo, hi)) = range else {
        return Ok(false);
    };
    let end = hi.min(lo.saturating_add(rows.max(1) - 1));
    set_index_page(&tx, BULK_INDEX_PAGE)?;
    // Cases of other sources in the range were indexed when they were stored.
    tx.execute(
        "INSERT INTO cases_fts(rowid, review_text, product, buyer_nick, order_id, follow_up_text)
         SELECT id, review_text, product, buyer_nick, order_id, follow_up_text
         FROM cases WHERE id BETWEEN ?1 AND ?2 AND source = 'import'",
        [lo, end],
    )?;
    set_index_page(&tx, DEFAULT_INDEX_PAGE)?;
    if end >= hi {
        tx.execute("DELETE FROM search_pending WHERE lo = ?1", [lo])?;
    } else {
        tx.execute(
            "UPDATE search_pending SET lo = ?2 WHERE lo = ?1",
            [lo, end + 1],
        )?;
    }
    let more: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM search_pending)", [], |r| {
        r.get(0)
    })?;
    tx.commit()?;
    Ok(more)
}

/// Indexes every waiting case, transaction after transaction.
pub fn catch_up_search_all(conn: &mut Connection) -> Result<()> {
    while catch_up_search(conn, CATCH_UP_ROWS)? {}
    Ok(())
}

/// The index's `pgsz` setting is stored in the database, inside the caller's transaction.
fn set_index_page(conn: &Connection, bytes: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO cases_fts(cases_fts, rank) VALUES ('pgsz', ?1)",
        [bytes],
    )?;
    Ok(())
}
