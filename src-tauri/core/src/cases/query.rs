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
    /// Only the backlog waiting to be sorted: cases that came in as history, still new,
    /// not yet taken up for follow-up (`Case::in_backlog`).
    pub backlog: bool,
    /// Only these cases (a selection made by hand); empty: no restriction.
    #[ts(type = "number[]")]
    pub ids: Vec<i64>,
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

/// The columns a search looks in.
const SEARCHED: [&str; 5] = [
    "review_text",
    "product",
    "buyer_nick",
    "order_id",
    "follow_up_text",
];

/// `(col LIKE ? OR …)` over the searched columns, each column prefixed with `table`.
fn text_contains(table: &str) -> String {
    let ors: Vec<String> = SEARCHED
        .iter()
        .map(|c| format!("{table}{c} LIKE ? ESCAPE '\\'"))
        .collect();
    format!("({})", ors.join(" OR "))
}

/// The conditions of a selection of cases (on `cases` unaliased) and their arguments:
/// the inbox filter's, to which another view (the insights drill-down) adds its own.
#[derive(Debug, Clone, Default)]
pub struct CaseWhere {
    clauses: Vec<String>,
    args: Vec<Value>,
}

impl CaseWhere {
    /// Exactly the inbox's selection for `f`.
    pub fn inbox(f: &CaseFilter) -> CaseWhere {
        let mut w = CaseWhere::default();
        let q = f.query.trim();
        if !q.is_empty() {
            let pattern = Value::Text(format!("%{}%", escape_like(q)));
            if q.chars().count() >= 3 {
                // Quoted as one phrase so punctuation in the query is taken literally.
                // Imported cases the index has not taken yet are read directly.
                let mut args = vec![Value::Text(format!("\"{}\"", q.replace('"', "\"\"")))];
                args.extend(SEARCHED.iter().map(|_| pattern.clone()));
                w.and(
                    &format!(
                        "id IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?
                            UNION ALL
                            SELECT c.id FROM search_pending p
                                JOIN cases c ON c.id BETWEEN p.lo AND p.hi
                            WHERE {})",
                        text_contains("c.")
                    ),
                    args,
                );
            } else {
                w.and(&text_contains(""), SEARCHED.iter().map(|_| pattern.clone()));
            }
        }
        w.and_in("id", f.ids.iter().map(|id| Value::Integer(*id)));
        w.and_in("status", f.statuses.iter().map(|s| text(s.as_str())));
        if f.open_only {
            w.and("status NOT IN ('resolved', 'closed')", []);
        }
        if f.urgent_only {
            w.and("(severity >= 3 OR flags <> '[]')", []);
        }
        if f.backlog {
            // Word for word the partial index `cases_backlog`, so SQLite can use it.
            w.and(
                "backlog = 1 AND followup_from IS NULL AND status = 'new'",
                [],
            );
        }
        w.and_in("platform", f.platforms.iter().map(|p| text(p.as_str())));
        w.and_in(
            "stars",
            f.stars.iter().map(|s| Value::Integer(i64::from(*s))),
        );
        w.and_in("primary_cause", f.causes.iter().map(|c| text(c.as_str())));
        if let Some(s) = f.min_severity {
            w.and("severity >= ?", [Value::Integer(i64::from(s))]);
        }
        if let Some(p) = f.product.as_deref().filter(|p| !p.is_empty()) {
            w.and("product = ?", [text(p)]);
        }
        if let Some(from) = f.from {
            w.and("review_time >= ?", [Value::Text(crate::db::sql_time(from))]);
        }
        if let Some(to) = f.to {
            w.and("review_time <= ?", [Value::Text(crate::db::sql_time(to))]);
        }
        w
    }

    /// Adds a condition with its `?` arguments.
    pub fn and(&mut self, clause: &str, args: impl IntoIterator<Item = Value>) {
        self.clauses.push(clause.to_string());
        self.args.extend(args);
    }

    /// Adds `column IN (…)`; nothing when `values` is empty (no restriction).
    pub fn and_in(&mut self, column: &str, values: impl IntoIterator<Item = Value>) {
        let values: Vec<Value> = values.into_iter().collect();
        if values.is_empty() {
            return;
        }
        self.clauses
            .push(format!("{column} IN ({})", placeholders(values.len())));
        self.args.extend(values);
    }

    /// `WHERE …`, or nothing when no condition was added.
    pub fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.clauses.join(" AND "))
        }
    }

    pub fn args(&self) -> &[Value] {
        &self.args
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

impl CaseFilter {
    /// The inbox's order: the chosen column (urgent first in the urgent view), ties by id.
    pub fn order_by(&self) -> String {
        let dir = if self.descending { "DESC" } else { "ASC" };
        let urgent_first = if self.urgent_only {
            "severity DESC, "
        } else {
            ""
        };
        format!(
            "ORDER BY {urgent_first}{} {dir} NULLS LAST, id {dir}",
            self.sort.column()
        )
    }
}

/// The inbox: cases matching the filter, sorted and paged.
pub fn list(conn: &Connection, f: &CaseFilter) -> Result<CasePage> {
    page(conn, &CaseWhere::inbox(f), f)
}

/// The cases of a selection, sorted and paged as `f` says, with their total.
pub fn page(conn: &Connection, w: &CaseWhere, f: &CaseFilter) -> Result<CasePage> {
    let where_sql = w.sql();
    let total: u32 = conn.query_row(
        &format!("SELECT count(*) FROM cases {where_sql}"),
        rusqlite::params_from_iter(w.args().iter()),
        |r| r.get(0),
    )?;
    let mut sql = format!(
        "SELECT {CASE_COLUMNS} FROM cases {where_sql} {}",
        f.order_by()
    );
    if f.limit > 0 {
        sql.push_str(&format!(" LIMIT {} OFFSET {}", f.limit, f.offset));
    }
    let mut stmt = conn.prepare(&sql)?;
    let items = stmt
        .query_map(rusqlite::params_from_iter(w.args().iter()), row_to_case)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(CasePage { total, items })
}
