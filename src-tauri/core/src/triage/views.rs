//! Inbox views built on the labels: the urgent list and counts by cause and severity.

use crate::cases::{row_to_case, Case, Cause, CASE_COLUMNS};
use crate::error::Result;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Open cases that need the owner first: severity 3 or any flag, most severe first, then
/// flagged, then newest.
pub fn urgent_cases(conn: &Connection, limit: u32) -> Result<Vec<Case>> {
    let limit = if limit == 0 { -1 } else { i64::from(limit) };
    let mut stmt = conn.prepare(&format!(
        "SELECT {CASE_COLUMNS} FROM cases
         WHERE status NOT IN ('resolved', 'closed') AND (severity = 3 OR flags != '[]')
         ORDER BY severity DESC, (flags != '[]') DESC, review_time DESC, id DESC
         LIMIT ?1"
    ))?;
    let rows = stmt.query_map([limit], row_to_case)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many cases have this primary cause and severity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CauseCount {
    pub cause: Cause,
    pub severity: u8,
    pub count: u32,
}

/// Case counts grouped by primary cause and severity, for the inbox's grouping.
pub fn cause_counts(conn: &Connection, open_only: bool) -> Result<Vec<CauseCount>> {
    let filter = if open_only {
        "WHERE status NOT IN ('resolved', 'closed')"
    } else {
        ""
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT primary_cause, severity, count(*) FROM cases {filter}
         GROUP BY primary_cause, severity ORDER BY primary_cause, severity DESC"
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok(CauseCount {
            cause: r.get(0)?,
            severity: r.get(1)?,
            count: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
