//! The dashboard's platform, shop and product filters as SQL, and as the drill-down that
//! opens the same cases in the inbox.

use super::axis::Axis;
use super::model::{CaseDrill, InsightsQuery};
use crate::cases::CaseFilter;
use rusqlite::{types::Value, Row};

fn marks(n: usize) -> String {
    vec!["?"; n].join(", ")
}

/// ` AND <prefix>platform IN (…) AND …` for the filters that are set; `with_product`
/// false leaves the product out (for tables without a product column).
pub(crate) fn clauses(
    q: &InsightsQuery,
    prefix: &str,
    with_product: bool,
    args: &mut Vec<Value>,
) -> String {
    let mut sql = String::new();
    if !q.platforms.is_empty() {
        sql.push_str(&format!(
            " AND {prefix}platform IN ({})",
            marks(q.platforms.len())
        ));
        args.extend(q.platforms.iter().map(|p| Value::Text(p.as_str().into())));
    }
    if !q.shops.is_empty() {
        sql.push_str(&format!(" AND {prefix}shop IN ({})", marks(q.shops.len())));
        args.extend(q.shops.iter().map(|s| Value::Text(s.clone())));
    }
    if with_product && !q.products.is_empty() {
        sql.push_str(&format!(
            " AND {prefix}product IN ({})",
            marks(q.products.len())
        ));
        args.extend(q.products.iter().map(|s| Value::Text(s.clone())));
    }
    sql
}

/// The drill-down for every case reviewed in the range under the query's filters.
pub(crate) fn base_drill(q: &InsightsQuery, axis: &Axis) -> CaseDrill {
    let single_product = (q.products.len() == 1).then(|| q.products[0].clone());
    CaseDrill {
        filter: CaseFilter {
            platforms: q.platforms.clone(),
            product: single_product,
            from: Some(axis.start()),
            to: Some(axis.end_inclusive()),
            descending: true,
            ..Default::default()
        },
        shops: q.shops.clone(),
        products: if q.products.len() > 1 {
            q.products.clone()
        } else {
            Vec::new()
        },
        inbox_exact: q.shops.is_empty() && q.products.len() <= 1,
        ..Default::default()
    }
}

/// The same, for cases closed (or first finished) in the range instead of reviewed in it.
pub(crate) fn closed_drill(q: &InsightsQuery, axis: &Axis) -> CaseDrill {
    let mut d = base_drill(q, axis);
    d.filter.from = None;
    d.filter.to = None;
    d.closed_from = Some(axis.start());
    d.closed_to = Some(axis.end_inclusive());
    d.inbox_exact = false;
    d
}

pub(crate) fn resolved_drill(q: &InsightsQuery, axis: &Axis) -> CaseDrill {
    let mut d = base_drill(q, axis);
    d.filter.from = None;
    d.filter.to = None;
    d.resolved_from = Some(axis.start());
    d.resolved_to = Some(axis.end_inclusive());
    d.inbox_exact = false;
    d
}

/// Bad and neutral reviews only (1–3★), as the volume charts count.
pub(crate) fn complaints(mut d: CaseDrill) -> CaseDrill {
    d.filter.stars = vec![1, 2, 3];
    d
}

/// A text column borrowed from the row, without copying it.
/// A stored instant column as Unix time; None when NULL or unreadable.
pub(crate) fn epoch(row: &Row, idx: usize) -> rusqlite::Result<Option<i64>> {
    Ok(row
        .get_ref(idx)?
        .as_str_or_null()
        .ok()
        .flatten()
        .and_then(super::axis::epoch_of_stored))
}

pub(crate) fn text<'r>(row: &'r Row, idx: usize) -> rusqlite::Result<&'r str> {
    row.get_ref(idx)?.as_str().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}
