//! Row counts of the tables that hold the owner's work: recorded with every backup and
//! archive, and compared after writing to prove the copy holds everything.

use crate::error::Result;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DataCounts {
    #[ts(type = "number")]
    pub cases: i64,
    #[ts(type = "number")]
    pub case_events: i64,
    #[ts(type = "number")]
    pub contact_attempts: i64,
    #[ts(type = "number")]
    pub remedies: i64,
    #[ts(type = "number")]
    pub promises: i64,
    #[ts(type = "number")]
    pub appeals: i64,
    #[ts(type = "number")]
    pub evidence: i64,
    #[ts(type = "number")]
    pub reminders: i64,
    #[ts(type = "number")]
    pub intake_reviews: i64,
    #[ts(type = "number")]
    pub settings: i64,
}

/// The counts, read in whatever transaction the connection is in (a backup reads them
/// inside the snapshot it copies). A table a database does not have yet counts 0.
pub fn count_rows(conn: &Connection) -> Result<DataCounts> {
    let n = |table: &str| -> Result<i64> {
        let exists: bool = conn.query_row(
            "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
            [table],
            |r| r.get(0),
        )?;
        if !exists {
            return Ok(0);
        }
        Ok(
            conn.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
                r.get(0)
            })?,
        )
    };
    Ok(DataCounts {
        cases: n("cases")?,
        case_events: n("case_events")?,
        contact_attempts: n("contact_attempts")?,
        remedies: n("remedies")?,
        promises: n("promises")?,
        appeals: n("appeals")?,
        evidence: n("evidence")?,
        reminders: n("reminders")?,
        intake_reviews: n("intake_reviews")?,
        settings: n("settings")?,
    })
}
