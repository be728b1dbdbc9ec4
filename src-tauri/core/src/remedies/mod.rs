//! The remedies ledger, promises, outcomes and appeals (PLAYBOOK sections 5 and 6).
//!
//! Contract used by other areas (follow-up reminders, drafts, insights):
//! - `RemedyKind`: the remedy vocabulary.
//! - `due_commitments(conn)`: every open remedy or promise that has a due time (appeals
//!   keep theirs; follow-up collects both).
//! - `offered_remedy(conn, case_id)`: the remedy currently proposed/accepted on a case,
//!   for drafts to name it.
//! - `owed(conn, case_ids, lang)`: remedies not yet delivered and open promises, dated or
//!   not, which closing or deleting a case asks about first.
//!
//! The ledger itself: `add_remedy` / `update_remedy` / `set_remedy_status`, promises
//! (`add_promise`, `set_promise_status`), outcomes (`close_case`, `reopen_case`) and the
//! money views (`totals`, `case_costs`, `ledger`). Appeals and their evidence files live
//! in `crate::appeals`.

pub mod compliance;
pub mod defaults;
mod events;
mod labels;
mod ledger;
mod model;
pub mod money;
mod outcome;
mod promises;
mod totals;

#[cfg(test)]
mod tests;

pub use compliance::compliance_flags;
pub use ledger::{
    add_remedy, describe, get_remedy, list_remedies, preview_remedy, set_remedy_status,
    update_remedy,
};
pub use model::{
    LedgerFilter, LedgerItem, PostagePayer, Promise, PromiseInput, PromiseStatus, Remedy,
    RemedyInput, RemedyPreview, RemedyStatus, RemedyStatusChange, PROMISE_MOVES, REMEDY_MOVES,
};
pub use outcome::{close_case, reopen_case, resolution, Outcome, Resolution};
pub use promises::{
    add_promise, get_promise, list_promises, reschedule_promise, set_promise_status,
};
pub use totals::{
    case_costs, ledger, ledger_view, overdue_counts, totals, totals_for, Bucket, CaseAmount,
    CaseCost, CurrencyTotals, LedgerView, OutcomeCount, OverdueCounts, Totals, TotalsQuery,
};

use crate::cases::{Commitment, CommitmentKind};
use crate::common::{string_enum, Lang};
use crate::error::Result;
use crate::settings;
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

/// Open commitments of the ledger with due times, soonest first: remedies proposed or
/// accepted with a due time, and open promises. Labels are in `lang`.
pub fn due_commitments(conn: &Connection, lang: Lang) -> Result<Vec<Commitment>> {
    let mut out = Vec::new();

    let mut stmt = conn.prepare(
        "SELECT id, case_id, kind, value_cents, currency, due_at, gift_item, quantity
         FROM remedies WHERE status IN ('proposed', 'accepted') AND due_at IS NOT NULL",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let kind: RemedyKind = r.get(2)?;
        let label = remedy_label(
            kind,
            r.get(3)?,
            &r.get::<_, String>(4)?,
            r.get(6)?,
            r.get(7)?,
            lang,
        );
        out.push(Commitment {
            case_id: r.get(1)?,
            kind: CommitmentKind::Remedy,
            ref_id: r.get(0)?,
            label,
            due_at: r.get(5)?,
        });
    }

    let mut stmt =
        conn.prepare("SELECT id, case_id, text, due_at FROM promises WHERE status = 'open'")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        out.push(Commitment {
            case_id: r.get(1)?,
            kind: CommitmentKind::Promise,
            ref_id: r.get(0)?,
            label: r.get(2)?,
            due_at: r.get(3)?,
        });
    }

    Commitment::sort(&mut out);
    Ok(out)
}

/// Something still owed on a case: a remedy not yet delivered (proposed or accepted) or
/// an open promise. Closing, resolving or deleting the case asks about these first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Owed {
    #[ts(type = "number")]
    pub case_id: i64,
    /// `remedy` or `promise`.
    pub kind: CommitmentKind,
    #[ts(type = "number")]
    pub ref_id: i64,
    /// What it is, in the owner's language ("部分退款 ¥20.00", the promise's text).
    pub label: String,
    pub due_at: Option<DateTime<Utc>>,
}

/// What is still owed on these cases, case by case, soonest due first (undated last).
pub fn owed(conn: &Connection, case_ids: &[i64], lang: Lang) -> Result<Vec<Owed>> {
    let ids = serde_json::to_string(case_ids)?;
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT id, case_id, kind, value_cents, currency, due_at, gift_item, quantity
         FROM remedies WHERE status IN ('proposed', 'accepted')
           AND case_id IN (SELECT value FROM json_each(?1))",
    )?;
    let mut rows = stmt.query([&ids])?;
    while let Some(r) = rows.next()? {
        let kind: RemedyKind = r.get(2)?;
        out.push(Owed {
            case_id: r.get(1)?,
            kind: CommitmentKind::Remedy,
            ref_id: r.get(0)?,
            label: remedy_label(
                kind,
                r.get(3)?,
                &r.get::<_, String>(4)?,
                r.get(6)?,
                r.get(7)?,
                lang,
            ),
            due_at: r.get(5)?,
        });
    }
    let mut stmt = conn.prepare_cached(
        "SELECT id, case_id, text, due_at FROM promises
         WHERE status = 'open' AND case_id IN (SELECT value FROM json_each(?1))",
    )?;
    let mut rows = stmt.query([&ids])?;
    while let Some(r) = rows.next()? {
        out.push(Owed {
            case_id: r.get(1)?,
            kind: CommitmentKind::Promise,
            ref_id: r.get(0)?,
            label: r.get(2)?,
            due_at: r.get(3)?,
        });
    }
    out.sort_by(|a, b| {
        (a.case_id, a.due_at.is_none(), a.due_at, a.ref_id).cmp(&(
            b.case_id,
            b.due_at.is_none(),
            b.due_at,
            b.ref_id,
        ))
    });
    Ok(out)
}

/// A remedy named the way commitments name it: kind, amount, gift × quantity.
fn remedy_label(
    kind: RemedyKind,
    value: i64,
    currency: &str,
    gift: Option<String>,
    qty: Option<u32>,
    lang: Lang,
) -> String {
    let mut label = kind.label(lang).to_string();
    if value > 0 {
        label.push(' ');
        label.push_str(&money::format_money(value, currency));
    }
    if let (Some(g), Some(q)) = (gift, qty) {
        label.push_str(&format!(" {g} × {q}"));
    }
    label
}

/// The remedy currently on the table for a case: the latest accepted one, else the
/// latest proposal. Its description is the terms the buyer was told, else the details
/// that kind and amount do not say (gift item × quantity, percentage, who pays the
/// postage) in the owner's language; drafts add it after their own remedy phrase.
pub fn offered_remedy(conn: &Connection, case_id: i64) -> Result<Option<OfferedRemedy>> {
    let lang = settings::lang(conn)?;
    let id: Option<i64> = rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT id FROM remedies WHERE case_id = ?1 AND status IN ('proposed', 'accepted')
         ORDER BY status = 'accepted' DESC, id DESC LIMIT 1",
        [case_id],
        |r| r.get(0),
    ))?;
    let Some(id) = id else {
        return Ok(None);
    };
    // The clock does not matter here: only `overdue` depends on it and it is not used.
    let r = get_remedy(conn, id, DateTime::<Utc>::UNIX_EPOCH)?;
    let description = if r.terms.is_empty() {
        ledger::details(&r, lang)
    } else {
        r.terms.clone()
    };
    Ok(Some(OfferedRemedy {
        kind: r.kind,
        value_cents: (r.value_cents > 0).then_some(r.value_cents),
        currency: r.currency,
        description,
    }))
}
