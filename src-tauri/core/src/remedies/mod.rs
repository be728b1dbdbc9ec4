//! The remedies ledger, promises, outcomes and appeals (PLAYBOOK sections 5 and 6).
//!
//! Contract used by other areas (follow-up reminders, drafts, insights):
//! - `RemedyKind`: the remedy vocabulary.
//! - `due_commitments(conn)`: every open remedy, promise or appeal that has a due time.
//! - `offered_remedy(conn, case_id)`: the remedy currently proposed/accepted on a case,
//!   for drafts to name it.

use crate::cases::string_enum;
use crate::error::Result;
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

string_enum!(
    /// What the shop offers to make good (PLAYBOOK section 5).
    RemedyKind {
        FullRefund = "full_refund",
        PartialRefund = "partial_refund",
        ReturnRefund = "return_refund",
        Exchange = "exchange",
        Resend = "resend",
        Repair = "repair",
        Coupon = "coupon",
        Gift = "gift",
        FreeShipping = "free_shipping",
        PromoPriority = "promo_priority",
        Points = "points",
        Other = "other",
    }
);

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

/// The remedy a draft should name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OfferedRemedy {
    pub kind: RemedyKind,
    #[ts(type = "number | null")]
    pub value_cents: Option<i64>,
    pub currency: String,
    /// Free description, e.g. the gift item or coupon terms.
    pub description: String,
}

/// Open commitments with due times. (Filled in by the remedies ledger.)
pub fn due_commitments(_conn: &Connection) -> Result<Vec<Commitment>> {
    Ok(Vec::new())
}

/// The remedy currently proposed or accepted on a case. (Filled in by the remedies ledger.)
pub fn offered_remedy(_conn: &Connection, _case_id: i64) -> Result<Option<OfferedRemedy>> {
    Ok(None)
}
