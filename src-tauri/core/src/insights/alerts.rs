//! The owner's keyword alerts hit by the cases of the range (e.g. "漏水" on the kettle).

use super::axis::Axis;
use super::model::{AlertRow, InsightsQuery};
use super::scope::{base_drill, clauses};
use crate::db::sql_time;
use crate::error::Result;
use rusqlite::{types::Value, Connection};
use std::collections::HashMap;

/// Alerts with at least one hit among the cases reviewed in the range, most hits first.
pub fn alert_rows(conn: &Connection, q: &InsightsQuery) -> Result<Vec<AlertRow>> {
    let axis = Axis::new(q)?;
    alert_rows_on(conn, q, &axis)
}

pub(crate) fn alert_rows_on(
    conn: &Connection,
    q: &InsightsQuery,
    axis: &Axis,
) -> Result<Vec<AlertRow>> {
    let mut args: Vec<Value> = vec![
        Value::Text(sql_time(axis.start())),
        Value::Text(sql_time(axis.end_exclusive())),
    ];
    let scope = clauses(q, "c.", true, &mut args);
    // Hits are few next to cases: walking them and looking each case up by id (in a
    // narrow index, not the wide case rows) beats walking months of cases and probing
    // the hits of each.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT h.alert_id, count(*) FROM triage_alert_hits h
         CROSS JOIN cases c INDEXED BY insights_cases_scope ON c.id = h.case_id
         WHERE c.review_time >= ?1 AND c.review_time < ?2{scope}
         GROUP BY h.alert_id"
    ))?;
    let mut hits: HashMap<i64, u32> = HashMap::new();
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    while let Some(r) = rows.next()? {
        hits.insert(r.get(0)?, r.get(1)?);
    }
    if hits.is_empty() {
        return Ok(Vec::new());
    }
    let drill = base_drill(q, axis);
    let mut stmt =
        conn.prepare_cached("SELECT id, term, product, enabled FROM triage_alerts ORDER BY id")?;
    let mut out = Vec::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let Some(&n) = hits.get(&id) else { continue };
        let mut d = drill.clone();
        d.alert_id = Some(id);
        d.inbox_exact = false;
        out.push(AlertRow {
            alert_id: id,
            term: r.get(1)?,
            product: r.get(2)?,
            enabled: r.get(3)?,
            hits: n,
            drill: d,
        });
    }
    out.sort_by(|a, b| b.hits.cmp(&a.hits).then(a.term.cmp(&b.term)));
    Ok(out)
}
