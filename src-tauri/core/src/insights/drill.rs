//! Opening the cases behind a chart element: the inbox's own filter (built by `cases`)
//! plus what it cannot say (shops, several products, closed or finished in a range,
//! outcomes, a missed first response, an alert). The same selection feeds the case-list
//! export.

use super::model::CaseDrill;
use crate::cases::{self, CasePage, CaseWhere};
use crate::db::sql_time;
use crate::error::Result;
use crate::followup;
use chrono::{DateTime, Duration, Utc};
use rusqlite::{types::Value, Connection};

/// The inbox's selection for the drill's filter, narrowed by what only the drill-down says.
pub(crate) fn selection(conn: &Connection, d: &CaseDrill, now: DateTime<Utc>) -> Result<CaseWhere> {
    let mut w = CaseWhere::inbox(&d.filter);
    let text = |s: &str| Value::Text(s.to_string());
    w.and_in("shop", d.shops.iter().map(|s| text(s)));
    w.and_in("product", d.products.iter().map(|s| text(s)));
    for (col, from, to) in [
        ("closed_at", d.closed_from, d.closed_to),
        ("resolved_at", d.resolved_from, d.resolved_to),
    ] {
        if let Some(t) = from {
            w.and(&format!("{col} >= ?"), [Value::Text(sql_time(t))]);
        }
        if let Some(t) = to {
            w.and(&format!("{col} <= ?"), [Value::Text(sql_time(t))]);
        }
    }
    if d.closed_from.is_some() || d.closed_to.is_some() {
        // Closed *with an outcome*, as the recovery figures count.
        w.and("outcome IS NOT NULL", []);
    }
    w.and_in("outcome", d.outcomes.iter().map(|o| text(o.as_str())));
    if d.first_response_missed {
        let hours = followup::load_rules(conn)?.first_response_hours;
        let sla = i64::from(hours) * 3600;
        w.and(
            "((first_contact_at IS NOT NULL AND unixepoch(first_contact_at) - unixepoch(review_time) > ?)
              OR (first_contact_at IS NULL AND review_time < ?))",
            [
                Value::Integer(sla),
                Value::Text(sql_time(now - Duration::seconds(sla))),
            ],
        );
    }
    if let Some(id) = d.alert_id {
        w.and(
            "id IN (SELECT case_id FROM triage_alert_hits WHERE alert_id = ?)",
            [Value::Integer(id)],
        );
    }
    Ok(w)
}

/// The cases behind a chart element, sorted and paged by `drill.filter` like the inbox
/// (phones masked as in every list).
pub fn drill_cases(conn: &Connection, drill: &CaseDrill, now: DateTime<Utc>) -> Result<CasePage> {
    cases::page(conn, &selection(conn, drill, now)?, &drill.filter)
}
