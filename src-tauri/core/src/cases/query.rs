//! The inbox query: substring search, filters, sorting and paging in one place, so the
//! UI and the CLI list exactly the same cases.

use super::model::{Case, CaseStatus, Cause, Platform};
use super::store::{row_to_case, CASE_COLUMNS};
use crate::error::Result;
use chrono::{DateTime, Utc};
use rusqlite::{types::Value, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    #[default]
    ReviewTime,
    Platform,
    Product,
    Buyer,
    Stars,
    Cause,
    Severity,
    Status,
    UpdatedAt,
}

impl SortKey {
    fn column(self) -> &'static str {
        match self {
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
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CaseFilter {
    /// Any substring of the review, product, buyer nickname or order number.
    pub query: String,
    pub statuses: Vec<CaseStatus>,
    pub platforms: Vec<Platform>,
    pub stars: Vec<u8>,
    pub causes: Vec<Cause>,
    pub min_severity: Option<u8>,
    pub product: Option<String>,
    /// Review time bounds, inclusive.
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    /// Only cases still in the loop (not resolved/closed).
    pub open_only: bool,
    /// The urgent view: severity 3 or any risk flag, most severe first.
    pub urgent_only: bool,
    pub sort: SortKey,
    pub descending: bool,
    /// 0 means no limit.
    pub limit: u32,
    pub offset: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CasePage {
    pub total: u32,
    pub items: Vec<Case>,
}

fn placeholders(n: usize) -> String {
    vec!["?"; n].join(", ")
}

fn escape_like(q: &str) -> String {
    q.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

pub fn list(conn: &Connection, f: &CaseFilter) -> Result<CasePage> {
    let mut clauses: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();

    let q = f.query.trim();
    if !q.is_empty() {
        if q.chars().count() >= 3 {
            // Quoted as one phrase so punctuation in the query is taken literally.
            clauses.push("id IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?)".into());
            args.push(Value::Text(format!("\"{}\"", q.replace('"', "\"\""))));
        } else {
            let pattern = format!("%{}%", escape_like(q));
            let searched = [
                "review_text",
                "product",
                "buyer_nick",
                "order_id",
                "follow_up_text",
            ];
            let ors: Vec<String> = searched
                .iter()
                .map(|c| format!("{c} LIKE ? ESCAPE '\\'"))
                .collect();
            clauses.push(format!("({})", ors.join(" OR ")));
            args.extend(searched.iter().map(|_| Value::Text(pattern.clone())));
        }
    }
    if !f.statuses.is_empty() {
        clauses.push(format!("status IN ({})", placeholders(f.statuses.len())));
        args.extend(f.statuses.iter().map(|s| Value::Text(s.as_str().into())));
    }
    if f.open_only {
        clauses.push("status NOT IN ('resolved', 'closed')".into());
    }
    if f.urgent_only {
        clauses.push("(severity >= 3 OR flags <> '[]')".into());
    }
    if !f.platforms.is_empty() {
        clauses.push(format!("platform IN ({})", placeholders(f.platforms.len())));
        args.extend(f.platforms.iter().map(|p| Value::Text(p.as_str().into())));
    }
    if !f.stars.is_empty() {
        clauses.push(format!("stars IN ({})", placeholders(f.stars.len())));
        args.extend(f.stars.iter().map(|s| Value::Integer(i64::from(*s))));
    }
    if !f.causes.is_empty() {
        clauses.push(format!(
            "primary_cause IN ({})",
            placeholders(f.causes.len())
        ));
        args.extend(f.causes.iter().map(|c| Value::Text(c.as_str().into())));
    }
    if let Some(s) = f.min_severity {
        clauses.push("severity >= ?".into());
        args.push(Value::Integer(i64::from(s)));
    }
    if let Some(p) = f.product.as_deref().filter(|p| !p.is_empty()) {
        clauses.push("product = ?".into());
        args.push(Value::Text(p.to_string()));
    }
    if let Some(from) = f.from {
        clauses.push("review_time >= ?".into());
        args.push(Value::Text(crate::db::sql_time(from)));
    }
    if let Some(to) = f.to {
        clauses.push("review_time <= ?".into());
        args.push(Value::Text(crate::db::sql_time(to)));
    }

    let where_sql = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    let total: u32 = conn.query_row(
        &format!("SELECT count(*) FROM cases {where_sql}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;

    let dir = if f.descending { "DESC" } else { "ASC" };
    let urgent_first = if f.urgent_only { "severity DESC, " } else { "" };
    let mut sql = format!(
        "SELECT {CASE_COLUMNS} FROM cases {where_sql} ORDER BY {urgent_first}{} {dir} NULLS LAST, id {dir}",
        f.sort.column()
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
