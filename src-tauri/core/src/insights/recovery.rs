//! Recovery rate: of the cases closed with an outcome in each period, how many no longer
//! hurt (review revised, positive follow-up, removed by the platform) — overall and by
//! primary cause. Same definition as the remedies ledger's totals.

use super::axis::{rate_bp, Axis};
use super::model::{CauseRecovery, InsightsQuery, Recovery, RecoveryCount};
use super::scope::{clauses, closed_drill, epoch, text};
use super::volume::cause_index;
use crate::cases::Cause;
use crate::db::sql_time;
use crate::error::Result;
use crate::remedies::{Outcome, OutcomeCount};
use rusqlite::{types::Value, Connection};

/// The outcomes that count as recovered.
pub fn recovered_outcomes() -> Vec<Outcome> {
    Outcome::ALL
        .iter()
        .copied()
        .filter(|o| o.is_recovered())
        .collect()
}

pub fn recovery(conn: &Connection, q: &InsightsQuery) -> Result<Recovery> {
    let axis = Axis::new(q)?;
    recovery_on(conn, q, &axis)
}

pub(crate) fn recovery_on(conn: &Connection, q: &InsightsQuery, axis: &Axis) -> Result<Recovery> {
    let n = axis.len();
    let mut closed = vec![0u32; n];
    let mut recovered = vec![0u32; n];
    let mut cause_closed = [0u32; 10];
    let mut cause_recovered = [0u32; 10];
    let mut outcomes = vec![0u32; Outcome::ALL.len()];

    let mut args: Vec<Value> = vec![
        Value::Text(sql_time(axis.start())),
        Value::Text(sql_time(axis.end_exclusive())),
    ];
    let scope = clauses(q, "", true, &mut args);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT closed_at, primary_cause, outcome FROM cases INDEXED BY insights_cases_closed
         WHERE closed_at >= ?1 AND closed_at < ?2 AND outcome IS NOT NULL{scope}"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    while let Some(r) = rows.next()? {
        let Some(at) = epoch(r, 0)? else {
            continue;
        };
        let Some(p) = axis.index_of_epoch(at) else {
            continue;
        };
        let cause = cause_index(Cause::parse(text(r, 1)?).unwrap_or(Cause::Other));
        // An outcome written by something else than the ledger counts as "other".
        let outcome = Outcome::parse(text(r, 2)?).unwrap_or(Outcome::Other);
        let ok = u32::from(outcome.is_recovered());
        closed[p] += 1;
        recovered[p] += ok;
        cause_closed[cause] += 1;
        cause_recovered[cause] += ok;
        if let Some(i) = Outcome::ALL.iter().position(|o| *o == outcome) {
            outcomes[i] += 1;
        }
    }

    let all_closed: u32 = closed.iter().sum();
    let all_recovered: u32 = recovered.iter().sum();
    let mut drill = closed_drill(q, axis);
    drill.outcomes = recovered_outcomes();
    let mut by_cause: Vec<CauseRecovery> = Cause::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| cause_closed[*i] > 0)
        .map(|(i, c)| {
            let mut d = drill.clone();
            d.filter.causes = vec![*c];
            CauseRecovery {
                cause: *c,
                closed: cause_closed[i],
                recovered: cause_recovered[i],
                rate_bp: rate_bp(u64::from(cause_recovered[i]), u64::from(cause_closed[i])),
                drill: d,
            }
        })
        .collect();
    by_cause.sort_by(|a, b| {
        b.closed
            .cmp(&a.closed)
            .then(cause_index(a.cause).cmp(&cause_index(b.cause)))
    });
    Ok(Recovery {
        periods: axis.periods.clone(),
        rate_bp: closed
            .iter()
            .zip(&recovered)
            .map(|(c, r)| rate_bp(u64::from(*r), u64::from(*c)))
            .collect(),
        closed,
        recovered,
        overall: RecoveryCount {
            closed: all_closed,
            recovered: all_recovered,
            rate_bp: rate_bp(u64::from(all_recovered), u64::from(all_closed)),
        },
        by_cause,
        outcomes: Outcome::ALL
            .iter()
            .zip(&outcomes)
            .filter(|(_, n)| **n > 0)
            .map(|(o, n)| OutcomeCount {
                outcome: *o,
                count: *n,
            })
            .collect(),
        drill,
    })
}
