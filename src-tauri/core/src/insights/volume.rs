//! How many bad (1–2★) and neutral (3★) reviews came in: per period stacked by primary
//! cause, the share of each cause, the products with the most of them, and the bad-review
//! rate from the imported statistics.

use super::axis::{rate_bp, Axis};
use super::model::{
    BadRate, CauseSeries, CauseShare, CauseTally, InsightsQuery, ProductRow, Trend,
};
use super::scope::{base_drill, clauses, complaints, text};
use crate::cases::Cause;
use crate::db::sql_time;
use crate::error::Result;
use rusqlite::{types::Value, Connection};
use std::collections::HashMap;

/// How many products the dashboard and the report rank.
pub const TOP_PRODUCTS: usize = 10;

const CAUSES: usize = 10;

pub(crate) fn cause_index(c: Cause) -> usize {
    Cause::ALL
        .iter()
        .position(|x| *x == c)
        .unwrap_or(CAUSES - 1)
}

/// Counts per period and cause, split by bad and neutral.
pub(crate) struct Counts {
    /// [period][cause]
    pub by_cause: Vec<[u32; CAUSES]>,
    pub bad: Vec<u32>,
    pub neutral: Vec<u32>,
}

impl Counts {
    fn new(periods: usize) -> Self {
        Counts {
            by_cause: vec![[0; CAUSES]; periods],
            bad: vec![0; periods],
            neutral: vec![0; periods],
        }
    }

    pub fn cause_total(&self, cause: usize) -> u32 {
        self.by_cause.iter().map(|p| p[cause]).sum()
    }

    pub fn total(&self) -> u32 {
        self.bad.iter().sum::<u32>() + self.neutral.iter().sum::<u32>()
    }
}

/// Causes with cases, most cases first (ties in the taxonomy's order).
fn ranked_causes(counts: &Counts) -> Vec<(Cause, u32)> {
    let mut v: Vec<(Cause, u32)> = Cause::ALL
        .iter()
        .enumerate()
        .map(|(i, c)| (*c, counts.cause_total(i)))
        .filter(|(_, n)| *n > 0)
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(cause_index(a.0).cmp(&cause_index(b.0))));
    v
}

pub(crate) fn counts(conn: &Connection, q: &InsightsQuery, axis: &Axis) -> Result<Counts> {
    let mut out = Counts::new(axis.len());
    let mut args: Vec<Value> = Vec::new();
    let sql = if q.products.is_empty() {
        // The day rollup: a few hundred rows per day whatever the number of cases.
        args.push(Value::Text(axis.from.format("%Y-%m-%d").to_string()));
        args.push(Value::Text(axis.to.format("%Y-%m-%d").to_string()));
        let scope = clauses(q, "", false, &mut args);
        format!(
            "SELECT day, cause, stars, sum(cases) FROM insights_case_days
             WHERE day >= ?1 AND day <= ?2 AND stars <= 3{scope}
             GROUP BY day, cause, stars"
        )
    } else {
        args.push(Value::Text(sql_time(axis.start())));
        args.push(Value::Text(sql_time(axis.end_exclusive())));
        let scope = clauses(q, "", true, &mut args);
        format!(
            "SELECT date(review_time, '+8 hours'), primary_cause, stars, count(*)
             FROM cases INDEXED BY insights_cases_product
             WHERE review_time >= ?1 AND review_time < ?2 AND stars <= 3{scope}
             GROUP BY 1, 2, 3"
        )
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    while let Some(r) = rows.next()? {
        let Some(p) = axis.index_of_day_text(text(r, 0)?) else {
            continue;
        };
        let cause = Cause::parse(text(r, 1)?).unwrap_or(Cause::Other);
        let stars: i64 = r.get(2)?;
        let n = u32::try_from(r.get::<_, i64>(3)?).unwrap_or(0);
        out.by_cause[p][cause_index(cause)] += n;
        if stars <= 2 {
            out.bad[p] += n;
        } else {
            out.neutral[p] += n;
        }
    }
    Ok(out)
}

pub(crate) fn bad_rate(conn: &Connection, q: &InsightsQuery, axis: &Axis) -> Result<BadRate> {
    let mut reviews = vec![0u64; axis.len()];
    let mut bad = vec![0u64; axis.len()];
    let mut args: Vec<Value> = vec![
        Value::Text(axis.from.format("%Y-%m-%d").to_string()),
        Value::Text(axis.to.format("%Y-%m-%d").to_string()),
    ];
    let sql = if q.products.is_empty() {
        let scope = clauses(q, "", false, &mut args);
        format!(
            "SELECT day, stars <= 3, sum(reviews) FROM insights_review_days
             WHERE day >= ?1 AND day <= ?2{scope} GROUP BY 1, 2"
        )
    } else {
        let scope = clauses(q, "", true, &mut args);
        format!(
            "SELECT day, stars <= 3, sum(count) FROM review_stats
             INDEXED BY insights_review_stats_product
             WHERE day >= ?1 AND day <= ?2{scope} GROUP BY 1, 2"
        )
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    while let Some(r) = rows.next()? {
        let Some(p) = axis.index_of_day_text(text(r, 0)?) else {
            continue;
        };
        let is_bad: bool = r.get(1)?;
        // A negative sum would be a bookkeeping slip upstream; it counts as nothing.
        let n = u64::try_from(r.get::<_, i64>(2)?).unwrap_or(0);
        reviews[p] += n;
        if is_bad {
            bad[p] += n;
        }
    }
    let total_reviews: u64 = reviews.iter().sum();
    let total_bad: u64 = bad.iter().sum();
    Ok(BadRate {
        has_data: total_reviews > 0,
        rate_bp: reviews
            .iter()
            .zip(&bad)
            .map(|(all, b)| rate_bp(*b, *all))
            .collect(),
        reviews,
        bad_or_neutral: bad,
        total_reviews,
        total_bad_or_neutral: total_bad,
        total_rate_bp: rate_bp(total_bad, total_reviews),
    })
}

pub(crate) fn trend_from(q: &InsightsQuery, axis: &Axis, c: &Counts, rate: BadRate) -> Trend {
    let drill = complaints(base_drill(q, axis));
    let by_cause = ranked_causes(c)
        .into_iter()
        .map(|(cause, _)| {
            let i = cause_index(cause);
            let mut d = drill.clone();
            d.filter.causes = vec![cause];
            CauseSeries {
                cause,
                counts: c.by_cause.iter().map(|p| p[i]).collect(),
                drill: d,
            }
        })
        .collect();
    Trend {
        periods: axis.periods.clone(),
        by_cause,
        total: c.bad.iter().zip(&c.neutral).map(|(b, n)| b + n).collect(),
        bad: c.bad.clone(),
        neutral: c.neutral.clone(),
        rate,
        drill,
    }
}

pub(crate) fn shares_from(q: &InsightsQuery, axis: &Axis, c: &Counts) -> Vec<CauseShare> {
    let total = u64::from(c.total());
    let drill = complaints(base_drill(q, axis));
    ranked_causes(c)
        .into_iter()
        .map(|(cause, count)| {
            let mut d = drill.clone();
            d.filter.causes = vec![cause];
            CauseShare {
                cause,
                count,
                share_bp: rate_bp(u64::from(count), total).unwrap_or(0),
                drill: d,
            }
        })
        .collect()
}

/// Bad and neutral reviews per period, stacked by primary cause, with the bad-review rate.
pub fn trend(conn: &Connection, q: &InsightsQuery) -> Result<Trend> {
    let axis = Axis::new(q)?;
    let c = counts(conn, q, &axis)?;
    let rate = bad_rate(conn, q, &axis)?;
    Ok(trend_from(q, &axis, &c, rate))
}

/// Each primary cause's share of the bad and neutral reviews of the range.
pub fn cause_shares(conn: &Connection, q: &InsightsQuery) -> Result<Vec<CauseShare>> {
    let axis = Axis::new(q)?;
    let c = counts(conn, q, &axis)?;
    Ok(shares_from(q, &axis, &c))
}

#[derive(Default)]
struct ProductAcc {
    bad: u32,
    neutral: u32,
    causes: [u32; CAUSES],
}

/// The products with the most bad and neutral reviews in the range, each with its three
/// most frequent primary causes.
pub fn top_products(conn: &Connection, q: &InsightsQuery, limit: usize) -> Result<Vec<ProductRow>> {
    let axis = Axis::new(q)?;
    top_products_on(conn, q, &axis, limit)
}

pub(crate) fn top_products_on(
    conn: &Connection,
    q: &InsightsQuery,
    axis: &Axis,
    limit: usize,
) -> Result<Vec<ProductRow>> {
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
        "SELECT product, primary_cause, stars FROM cases INDEXED BY {index}
         WHERE review_time >= ?1 AND review_time < ?2 AND stars <= 3{scope}"
    ))?;
    let mut acc: HashMap<String, ProductAcc> = HashMap::new();
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    while let Some(r) = rows.next()? {
        let product = text(r, 0)?;
        let cause = Cause::parse(text(r, 1)?).unwrap_or(Cause::Other);
        let stars: i64 = r.get(2)?;
        // Looked up by &str first: most rows hit a product already seen, with no allocation.
        let a = match acc.get_mut(product) {
            Some(a) => a,
            None => acc.entry(product.to_string()).or_default(),
        };
        a.causes[cause_index(cause)] += 1;
        if stars <= 2 {
            a.bad += 1;
        } else {
            a.neutral += 1;
        }
    }
    let mut ranked: Vec<(String, ProductAcc)> = acc.into_iter().collect();
    ranked.sort_by(|a, b| {
        (b.1.bad + b.1.neutral)
            .cmp(&(a.1.bad + a.1.neutral))
            .then(a.0.cmp(&b.0))
    });
    ranked.truncate(limit);
    let drill = complaints(base_drill(q, axis));
    Ok(ranked
        .into_iter()
        .map(|(product, a)| {
            let mut causes: Vec<CauseTally> = Cause::ALL
                .iter()
                .enumerate()
                .filter(|(i, _)| a.causes[*i] > 0)
                .map(|(i, c)| CauseTally {
                    cause: *c,
                    count: a.causes[i],
                })
                .collect();
            causes.sort_by(|x, y| {
                y.count
                    .cmp(&x.count)
                    .then(cause_index(x.cause).cmp(&cause_index(y.cause)))
            });
            causes.truncate(3);
            let mut d = drill.clone();
            d.filter.product = Some(product.clone());
            d.products = Vec::new();
            d.inbox_exact = d.shops.is_empty();
            ProductRow {
                count: a.bad + a.neutral,
                bad: a.bad,
                neutral: a.neutral,
                top_causes: causes,
                drill: d,
                product,
            }
        })
        .collect())
}
