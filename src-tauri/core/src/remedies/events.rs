//! The ledger's entries in the case history: values and amounts as values, each entry
//! naming the remedy or promise it is about.

use super::model::Remedy;
use crate::cases::{self, CommitmentKind, EventDetail, EventDraft, EventKind, EventParts};
use crate::error::Result;
use chrono::{DateTime, Utc};
use rusqlite::Connection;

/// The parts of a remedy a history entry keeps beside its kind.
pub(super) fn remedy_parts(r: &Remedy) -> EventParts {
    EventParts {
        value_cents: Some(r.value_cents),
        cost_cents: Some(r.cost_cents),
        currency: Some(r.currency.clone()),
        coupon_percent_bp: r.coupon_percent_bp,
        gift_item: r.gift_item.clone(),
        quantity: r.quantity,
        ..Default::default()
    }
}

/// An entry about remedy or promise `id` of kind `kind`.
pub(super) fn about<'a>(kind: EventKind, subject: CommitmentKind, id: i64) -> EventDraft<'a> {
    EventDraft {
        detail: EventDetail::about(subject, id),
        ..EventDraft::new(kind)
    }
}

/// Appends the entry and moves the case's `updated_at`.
pub(super) fn log(
    conn: &Connection,
    case_id: i64,
    now: DateTime<Utc>,
    actor: &str,
    e: EventDraft,
) -> Result<()> {
    cases::record_change(conn, case_id, now, actor, e)?;
    Ok(())
}

/// The compliance rules a remedy's or promise's words break, with the words that did.
#[allow(clippy::too_many_arguments)]
pub(super) fn compliance(
    conn: &Connection,
    case_id: i64,
    now: DateTime<Utc>,
    actor: &str,
    subject: CommitmentKind,
    id: i64,
    flags: &[String],
    matched: Option<String>,
) -> Result<()> {
    let mut e = about(EventKind::ComplianceFlag, subject, id);
    e.detail.new = Some(EventParts {
        codes: Some(flags.to_vec()),
        ..Default::default()
    });
    e.note = matched;
    log(conn, case_id, now, actor, e)
}
