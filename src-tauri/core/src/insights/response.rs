//! How fast the shop answers and resolves: median time from the review to the first
//! contact attempt (cases reviewed in each period), median time from the review to the
//! case first being resolved or closed (cases finished in each period), and the
//! first-response deadlines missed.

use super::axis::{median, Axis};
use super::model::{CaseDrill, Deadlines, DurationStat, InsightsQuery, ResponseTimes};
use super::scope::{base_drill, clauses, epoch, resolved_drill};
use crate::db::sql_time;
use crate::error::Result;
use crate::followup;
use chrono::{DateTime, Utc};
use rusqlite::{types::Value, Connection};

pub fn response_times(
    conn: &Connection,
    q: &InsightsQuery,
    now: DateTime<Utc>,
) -> Result<ResponseTimes> {
    let axis = Axis::new(q)?;
    response_on(conn, q, &axis, now)
}

fn stat(mut per_period: Vec<Vec<i64>>, drill: CaseDrill) -> DurationStat {
    let mut all: Vec<i64> = per_period.iter().flatten().copied().collect();
    DurationStat {
        cases: u32::try_from(all.len()).unwrap_or(u32::MAX),
        median_secs: median(&mut all),
        median_by_period: per_period.iter_mut().map(|v| median(v)).collect(),
        drill,
    }
}

pub(crate) fn response_on(
    conn: &Connection,
    q: &InsightsQuery,
    axis: &Axis,
    now: DateTime<Utc>,
) -> Result<ResponseTimes> {
    let hours = followup::load_rules(conn)?.first_response_hours;
    let sla = i64::from(hours) * 3600;
    let now_s = now.timestamp();
    let n = axis.len();
    let mut first: Vec<Vec<i64>> = vec![Vec::new(); n];
    let mut missed_by_period = vec![0u32; n];
    let (mut met, mut late, mut none, mut pending) = (0u32, 0u32, 0u32, 0u32);

    let mut args: Vec<Value> = vec![
        Value::Text(sql_time(axis.start())),
        Value::Text(sql_time(axis.end_exclusive())),
    ];
    let scope = clauses(q, "", true, &mut args);
    let index = if q.products.is_empty() {
        "insights_cases_review"
    } else {
        "insights_cases_product"
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT review_time, first_contact_at FROM cases INDEXED BY {index}
         WHERE review_time >= ?1 AND review_time < ?2{scope}"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    while let Some(r) = rows.next()? {
        let Some(review) = epoch(r, 0)? else {
            continue;
        };
        let Some(p) = axis.index_of_epoch(review) else {
            continue;
        };
        match epoch(r, 1)? {
            Some(contact) => {
                // A contact logged before the review time (a clock slip) counts as instant.
                let wait = (contact - review).max(0);
                first[p].push(wait);
                if wait > sla {
                    late += 1;
                    missed_by_period[p] += 1;
                } else {
                    met += 1;
                }
            }
            None if now_s - review > sla => {
                none += 1;
                missed_by_period[p] += 1;
            }
            None => pending += 1,
        }
    }

    let mut resolved: Vec<Vec<i64>> = vec![Vec::new(); n];
    let mut args: Vec<Value> = vec![
        Value::Text(sql_time(axis.start())),
        Value::Text(sql_time(axis.end_exclusive())),
    ];
    let scope = clauses(q, "", true, &mut args);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT resolved_at, review_time FROM cases INDEXED BY insights_cases_resolved
         WHERE resolved_at >= ?1 AND resolved_at < ?2{scope}"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    while let Some(r) = rows.next()? {
        let (Some(done), Some(review)) = (epoch(r, 0)?, epoch(r, 1)?) else {
            continue;
        };
        if let Some(p) = axis.index_of_epoch(done) {
            resolved[p].push((done - review).max(0));
        }
    }

    let mut missed = base_drill(q, axis);
    missed.first_response_missed = true;
    missed.inbox_exact = false;
    Ok(ResponseTimes {
        periods: axis.periods.clone(),
        first_contact: stat(first, base_drill(q, axis)),
        resolution: stat(resolved, resolved_drill(q, axis)),
        deadlines: Deadlines {
            hours,
            met,
            missed_late: late,
            missed_no_contact: none,
            missed: late + none,
            pending,
            missed_by_period,
            drill: missed,
        },
    })
}
