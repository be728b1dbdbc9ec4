//! A case typed in by the owner (the quick-add form, the CLI's `add`), and the path every
//! single new case takes: validated, labelled by triage, stored with its alert hits, in
//! one transaction.

use crate::cases::{self, Case, NewCase};
use crate::error::Result;
use crate::settings;
use crate::triage::{Labeller, ReviewFacts};
use chrono::{DateTime, Utc};
use rusqlite::Connection;

/// Validates, labels and stores a new case with its `created` history entry.
pub fn add_case(
    conn: &mut Connection,
    input: &NewCase,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Case> {
    let prefs = settings::load(conn)?;
    let valid = cases::validate(input, &prefs, now)?;
    let tx = conn.transaction()?;
    let case = store_new(&tx, &valid, actor, now)?;
    tx.commit()?;
    Ok(case)
}

/// Labels and stores a validated case in the caller's transaction.
pub(crate) fn store_new(
    tx: &Connection,
    valid: &cases::ValidCase,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Case> {
    let labeller = Labeller::load(tx)?;
    let review = ReviewFacts::of_new(valid);
    let labels = labeller.label_one(tx, &review)?;
    let case = cases::create(tx, valid, &labels, actor, now)?;
    labeller.record_alerts(tx, case.id, &review, &labels, now)?;
    Ok(case)
}

/// Records a newer version of a case's review typed in by hand (a follow-up the buyer
/// added, the shop's public reply, revised stars), one history entry per change, and
/// relabels the case as an import of the same review would.
pub fn revise_case(
    conn: &mut Connection,
    id: i64,
    update: &cases::ReviewUpdate,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Case> {
    let tx = conn.transaction()?;
    if let Some(case) = cases::update_review(&tx, id, update, actor, now, None)? {
        Labeller::load(&tx)?.relabel(&tx, &case, now)?;
    }
    tx.commit()?;
    cases::get(conn, id)
}
