//! The whole dashboard in one call, and what its filter pickers offer.

use super::alerts::alert_rows_on;
use super::axis::Axis;
use super::model::{Dashboard, FilterOptions, InsightsQuery};
use super::recovery::recovery_on;
use super::response::response_on;
use super::scope::text;
use super::spend::spend_on;
use super::volume::{bad_rate, counts, shares_from, top_products_on, trend_from, TOP_PRODUCTS};
use crate::cases::Platform;
use crate::error::Result;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use std::collections::BTreeSet;

/// Every chart of the dashboard for one query, as of `now` (which decides the deadlines
/// already missed and the remedies still owed).
pub fn dashboard(conn: &Connection, q: &InsightsQuery, now: DateTime<Utc>) -> Result<Dashboard> {
    let axis = Axis::new(q)?;
    let c = counts(conn, q, &axis)?;
    let rate = bad_rate(conn, q, &axis)?;
    Ok(Dashboard {
        query: q.clone(),
        generated_at: now,
        causes: shares_from(q, &axis, &c),
        trend: trend_from(q, &axis, &c, rate),
        products: top_products_on(conn, q, &axis, TOP_PRODUCTS)?,
        alerts: alert_rows_on(conn, q, &axis)?,
        recovery: recovery_on(conn, q, &axis)?,
        response: response_on(conn, q, &axis, now)?,
        spend: spend_on(conn, q, &axis, now)?,
    })
}

/// Platforms, shops and products that have cases or imported statistics, and the days
/// of the first and last case.
pub fn filter_options(conn: &Connection) -> Result<FilterOptions> {
    let mut platforms: BTreeSet<Platform> = BTreeSet::new();
    let mut shops: BTreeSet<String> = BTreeSet::new();
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT platform, shop FROM insights_case_days
         UNION SELECT DISTINCT platform, shop FROM insights_review_days",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(p) = Platform::parse(text(r, 0)?) {
            platforms.insert(p);
        }
        let shop: String = r.get(1)?;
        if !shop.is_empty() {
            shops.insert(shop);
        }
    }
    // Both product lists hop from one product to the next in indexes led by the product:
    // one seek per product instead of a walk over every case and statistics row.
    let mut products: BTreeSet<String> = BTreeSet::new();
    for (table, index) in [
        ("cases", "insights_cases_product"),
        ("review_stats", "insights_review_stats_product"),
    ] {
        let sql = format!(
            "WITH RECURSIVE p(x) AS (
                SELECT (SELECT min(product) FROM {table} INDEXED BY {index})
                UNION ALL
                SELECT (SELECT min(product) FROM {table} INDEXED BY {index} WHERE product > x)
                FROM p WHERE x IS NOT NULL)
             SELECT x FROM p WHERE x IS NOT NULL"
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            products.insert(r.get(0)?);
        }
    }
    let day = |sql: &str| -> Result<Option<NaiveDate>> {
        let text: Option<String> = conn.query_row(sql, [], |r| r.get(0))?;
        Ok(text.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok()))
    };
    Ok(FilterOptions {
        platforms: platforms.into_iter().collect(),
        shops: shops.into_iter().collect(),
        products: products.into_iter().collect(),
        first_day: day("SELECT min(day) FROM insights_case_days")?,
        last_day: day("SELECT max(day) FROM insights_case_days")?,
    })
}

/// The range of the dashboard's "last N days" presets, ending today (Beijing day of `now`).
pub fn last_days(days: u32, now: DateTime<Utc>) -> (NaiveDate, NaiveDate) {
    let today = super::axis::beijing_date(now);
    let back = i64::from(days.max(1)) - 1;
    (today - chrono::Duration::days(back), today)
}
