//! Something the shop owes on a case by a time. Remedies, promises and appeals each keep
//! their own; follow-up collects them all into reminders, the report lists them.

use crate::common::string_enum;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

string_enum!(
    /// What a commitment with a due time is.
    CommitmentKind {
        Remedy = "remedy",
        Promise = "promise",
        Appeal = "appeal",
    }
);

/// Something the shop owes by a time: a remedy to deliver, a promise to keep, an appeal to file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Commitment {
    #[ts(type = "number")]
    pub case_id: i64,
    pub kind: CommitmentKind,
    /// Id of the remedy, promise or appeal row.
    #[ts(type = "number")]
    pub ref_id: i64,
    /// Short human label, e.g. "部分退款 ¥20" / "call back tomorrow".
    pub label: String,
    pub due_at: DateTime<Utc>,
}

impl Commitment {
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        self.due_at < now
    }

    /// Soonest first, then by case and row; equal ones keep the order they came in.
    pub fn sort(list: &mut [Commitment]) {
        list.sort_by(|a, b| {
            a.due_at
                .cmp(&b.due_at)
                .then(a.case_id.cmp(&b.case_id))
                .then(a.ref_id.cmp(&b.ref_id))
        });
    }
}
