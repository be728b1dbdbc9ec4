//! Opening the cases behind a chart element: the inbox's filter plus what it cannot say
//! (shops, several products, closed or finished in a range, outcomes, a missed first
//! response, an alert). The same selection feeds the case-list export.

use super::model::CaseDrill;
use crate::cases::{row_to_case, CasePage, SortKey, CASE_COLUMNS};
use crate::db::sql_time;
use crate::error::Result;
use crate::followup;
use chrono::{DateTime, Duration, Utc};
use rusqlite::{types::Value, Connection};

fn marks(n: usize) -> String {
    vec!["?"; n].join(", ")
}

fn escape_like(q: &str) -> String {
    q.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

pub(crate) fn sort_column(k: SortKey) -> &'static str {
    match k {
        SortKey::ReviewTime => "review_time",
        SortKey::Platform => "platform",
        SortKey::Product => "product",
        SortKey::Buyer => "buyer_nick",
        SortKey::Stars => "stars",
        SortKey::Cause => "primary_cause",
        SortKey::Severity => "severity",
        SortKey::Status => "status",
        SortKey::UpdatedAt => "updated_at",
    }
}

/// `WHERE …` (or empty) and its arguments, for `cases` unaliased.
pub(crate) fn where_clause(
    conn: &Connection,
    d: &CaseDrill,
    now: DateTime<Utc>,
) -> Result<(String, Vec<Value>)> {
    let f = &d.filter;
    let mut c: Vec<String> = Vec::new();
    let mut a: Vec<Value> = Vec::new();
    let text = |s: &str| Value::Text(s.to_string());

    // The inbox's own filter, with the inbox's semantics (cases::list).
    let q = f.query.trim();
    if !q.is_empty() {
        if q.chars().count() >= 3 {
            c.push("id IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?)".into());
            a.push(Value::Text(format!("\"{}\"", q.replace('"', "\"\""))));
        } else {
            let pattern = format!("%{}%", escape_like(q));
            let cols = [
                "review_text",
                "product",
                "buyer_nick",
                "order_id",
                "follow_up_text",
            ];
            let ors: Vec<String> = cols
                .iter()
                .map(|col| format!("{col} LIKE ? ESCAPE '\\'"))
                .collect();
            c.push(format!("({})", ors.join(" OR ")));
            a.extend(cols.iter().map(|_| text(&pattern)));
        }
    }
    if !f.statuses.is_empty() {
        c.push(format!("status IN ({})", marks(f.statuses.len())));
        a.extend(f.statuses.iter().map(|s| text(s.as_str())));
    }
    if f.open_only {
        c.push("status NOT IN ('resolved', 'closed')".into());
    }
    if f.urgent_only {
        c.push("(severity >= 3 OR flags <> '[]')".into());
    }
    if !f.platforms.is_empty() {
        c.push(format!("platform IN ({})", marks(f.platforms.len())));
        a.extend(f.platforms.iter().map(|p| text(p.as_str())));
    }
    if !f.stars.is_empty() {
        c.push(format!("stars IN ({})", marks(f.stars.len())));
        a.extend(f.stars.iter().map(|s| Value::Integer(i64::from(*s))));
    }
    if !f.causes.is_empty() {
        c.push(format!("primary_cause IN ({})", marks(f.causes.len())));
        a.extend(f.causes.iter().map(|x| text(x.as_str())));
    }
    if let Some(s) = f.min_severity {
        c.push("severity >= ?".into());
        a.push(Value::Integer(i64::from(s)));
    }
    if let Some(p) = f.product.as_deref().filter(|p| !p.is_empty()) {
        c.push("product = ?".into());
        a.push(text(p));
    }
    if let Some(t) = f.from {
        c.push("review_time >= ?".into());
        a.push(Value::Text(sql_time(t)));
    }
    if let Some(t) = f.to {
        c.push("review_time <= ?".into());
        a.push(Value::Text(sql_time(t)));
    }

    // What only the drill-down says.
    if !d.shops.is_empty() {
        c.push(format!("shop IN ({})", marks(d.shops.len())));
        a.extend(d.shops.iter().map(|s| text(s)));
    }
    if !d.products.is_empty() {
        c.push(format!("product IN ({})", marks(d.products.len())));
        a.extend(d.products.iter().map(|s| text(s)));
    }
    for (col, from, to) in [
        ("closed_at", d.closed_from, d.closed_to),
        ("resolved_at", d.resolved_from, d.resolved_to),
    ] {
        if let Some(t) = from {
            c.push(format!("{col} >= ?"));
            a.push(Value::Text(sql_time(t)));
        }
        if let Some(t) = to {
            c.push(format!("{col} <= ?"));
            a.push(Value::Text(sql_time(t)));
        }
    }
    if d.closed_from.is_some() || d.closed_to.is_some() {
        // Closed *with an outcome*, as the recovery figures count.
        c.push("outcome IS NOT NULL".into());
    }
    if !d.outcomes.is_empty() {
        c.push(format!("outcome IN ({})", marks(d.outcomes.len())));
        a.extend(d.outcomes.iter().map(|o| text(o.as_str())));
    }
    if d.first_response_missed {
        let hours = followup::load_rules(conn)?.first_response_hours;
        let sla = i64::from(hours) * 3600;
        c.push(
            "((first_contact_at IS NOT NULL AND unixepoch(first_contact_at) - unixepoch(review_time) > ?)
              OR (first_contact_at IS NULL AND review_time < ?))"
                .into(),
        );
        a.push(Value::Integer(sla));
        a.push(Value::Text(sql_time(now - Duration::seconds(sla))));
    }
    if let Some(id) = d.alert_id {
        c.push("id IN (SELECT case_id FROM triage_alert_hits WHERE alert_id = ?)".into());
        a.push(Value::Integer(id));
    }
    let sql = if c.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", c.join(" AND "))
    };
    Ok((sql, a))
}

/// The cases behind a chart element, sorted and paged by `drill.filter` like the inbox
/// (phones masked as in every list).
pub fn drill_cases(conn: &Connection, drill: &CaseDrill, now: DateTime<Utc>) -> Result<CasePage> {
    let (where_sql, args) = where_clause(conn, drill, now)?;
    let total: u32 = conn.query_row(
        &format!("SELECT count(*) FROM cases {where_sql}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let f = &drill.filter;
    let dir = if f.descending { "DESC" } else { "ASC" };
    let urgent_first = if f.urgent_only { "severity DESC, " } else { "" };
    let mut sql = format!(
        "SELECT {CASE_COLUMNS} FROM cases {where_sql}
         ORDER BY {urgent_first}{} {dir} NULLS LAST, id {dir}",
        sort_column(f.sort)
    );
    if f.limit > 0 {
        sql.push_str(&format!(" LIMIT {} OFFSET {}", f.limit, f.offset));
    }
    let mut stmt = conn.prepare(&sql)?;
    let items = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), row_to_case)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(CasePage { total, items })
}
