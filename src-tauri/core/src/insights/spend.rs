//! Remedy spend per period and per kind, and the cost per recovered review.
//!
//! The definitions are the remedies ledger's (`remedies::totals_for`): spent = cost of the
//! remedies delivered in the period; pending = cost still owed on proposed or accepted
//! remedies; cost per recovered review = delivered cost of the cases closed (with an
//! outcome) in the range ÷ how many of them were recovered. They are computed here
//! rather than by calling the ledger because the dashboard needs them under platform,
//! shop and product filters and within 100 ms over a million cases, which the ledger's
//! per-row breakdowns (by product, by cause, compliance counts) do not allow; a test
//! keeps the two equal.

use super::axis::Axis;
use super::model::{CurrencySpend, InsightsQuery, KindSpend, Spend};
use super::scope::{clauses, epoch, text};
use crate::db::sql_time;
use crate::error::Result;
use crate::remedies::{money, Outcome, RemedyKind};
use chrono::{DateTime, Utc};
use rusqlite::{types::Value, Connection};
use std::collections::BTreeMap;

pub fn spend(conn: &Connection, q: &InsightsQuery, now: DateTime<Utc>) -> Result<Spend> {
    let axis = Axis::new(q)?;
    spend_on(conn, q, &axis, now)
}

pub(crate) fn spend_on(
    conn: &Connection,
    q: &InsightsQuery,
    axis: &Axis,
    now: DateTime<Utc>,
) -> Result<Spend> {
    // Pending is "as of now": the state of the ledger, whatever the clock says.
    let _ = now;
    computed(conn, q, axis)
}

fn main_currency_first(v: &mut [CurrencySpend]) {
    v.sort_by(|a, b| {
        (a.currency != money::DEFAULT_CURRENCY)
            .cmp(&(b.currency != money::DEFAULT_CURRENCY))
            .then(a.currency.cmp(&b.currency))
    });
}

fn kinds_largest_first(v: &mut [KindSpend]) {
    v.sort_by(|a, b| {
        b.cost_cents
            .cmp(&a.cost_cents)
            .then(a.kind.as_str().cmp(b.kind.as_str()))
    });
}

/// The ledger's own totals in the dashboard's shape: the reference the computed figures
/// are tested against.
#[cfg(test)]
pub(crate) fn from_ledger(
    conn: &Connection,
    q: &InsightsQuery,
    axis: &Axis,
    now: DateTime<Utc>,
) -> Result<Spend> {
    use super::model::Granularity;
    use crate::remedies::{self, TotalsQuery};

    let t = remedies::totals_for(
        conn,
        &TotalsQuery {
            from: axis.start(),
            to: axis.end_exclusive(),
            case_id: None,
            tz: "Asia/Shanghai".into(),
        },
        now,
    )?;
    let index: BTreeMap<&str, usize> = axis
        .periods
        .iter()
        .enumerate()
        .map(|(i, p)| (p.key.as_str(), i))
        .collect();
    let mut currencies: Vec<CurrencySpend> = t
        .currencies
        .iter()
        .map(|c| {
            let buckets = match q.granularity {
                Granularity::Day => &c.by_day,
                Granularity::Week => &c.by_week,
                Granularity::Month => &c.by_month,
            };
            let mut spent_by_period = vec![0i64; axis.len()];
            for b in buckets {
                if let Some(&i) = index.get(b.key.as_str()) {
                    spent_by_period[i] += b.cost_cents;
                }
            }
            let mut by_kind: Vec<KindSpend> = c
                .by_kind
                .iter()
                .map(|b| KindSpend {
                    kind: RemedyKind::parse(&b.key).unwrap_or(RemedyKind::Other),
                    cost_cents: b.cost_cents,
                    count: b.count,
                })
                .collect();
            kinds_largest_first(&mut by_kind);
            CurrencySpend {
                currency: c.currency.clone(),
                spent_by_period,
                spent_cents: c.spent_cents,
                delivered: c.delivered,
                by_kind,
                pending_cents: c.pending_cents,
                closed_cases_cost_cents: c.closed_cases_cost_cents,
                cost_per_recovered_cents: c.cost_per_recovered_cents,
            }
        })
        .collect();
    main_currency_first(&mut currencies);
    Ok(Spend {
        periods: axis.periods.clone(),
        currencies,
        closed_cases: t.closed_cases,
        recovered: t.recovered_reviews,
    })
}

#[derive(Default)]
struct Acc {
    spent_by_period: Vec<i64>,
    spent: i64,
    delivered: u32,
    kinds: BTreeMap<RemedyKind, (i64, u32)>,
    pending: i64,
    closed_cost: i64,
}

fn add(total: &mut i64, part: i64) -> Result<()> {
    *total = money::checked_sum("cost", [*total, part])?;
    Ok(())
}

fn computed(conn: &Connection, q: &InsightsQuery, axis: &Axis) -> Result<Spend> {
    let mut accs: BTreeMap<String, Acc> = BTreeMap::new();
    let n = axis.len();
    let fresh = || Acc {
        spent_by_period: vec![0; n],
        ..Default::default()
    };
    let range = || {
        vec![
            Value::Text(sql_time(axis.start())),
            Value::Text(sql_time(axis.end_exclusive())),
        ]
    };
    // Remedies carry their case's platform, shop and product (kept by triggers), so a
    // filtered range is read from one index without looking up each remedy's case.
    let delivered_index = if q.products.is_empty() {
        "insights_remedies_delivered"
    } else {
        "insights_remedies_delivered_product"
    };
    let mut args = range();
    let scope = clauses(q, "r.case_", true, &mut args);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT r.currency, r.cost_cents, r.kind, r.delivered_at
         FROM remedies r INDEXED BY {delivered_index}
         WHERE r.status = 'delivered' AND r.delivered_at >= ?1 AND r.delivered_at < ?2{scope}"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    while let Some(r) = rows.next()? {
        let currency = text(r, 0)?;
        let cost: i64 = r.get(1)?;
        let kind = RemedyKind::parse(text(r, 2)?).unwrap_or(RemedyKind::Other);
        let at = epoch(r, 3)?;
        let a = match accs.get_mut(currency) {
            Some(a) => a,
            None => accs.entry(currency.to_string()).or_insert_with(fresh),
        };
        add(&mut a.spent, cost)?;
        a.delivered += 1;
        if let Some(p) = at.and_then(|s| axis.index_of_epoch(s)) {
            add(&mut a.spent_by_period[p], cost)?;
        }
        let k = a.kinds.entry(kind).or_insert((0, 0));
        add(&mut k.0, cost)?;
        k.1 += 1;
    }

    let mut args = Vec::new();
    let scope = clauses(q, "r.case_", true, &mut args);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT r.currency, SUM(r.cost_cents) FROM remedies r INDEXED BY insights_remedies_open
         WHERE r.status IN ('proposed', 'accepted'){scope} GROUP BY r.currency"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    while let Some(r) = rows.next()? {
        let currency: String = r.get(0)?;
        accs.entry(currency).or_insert_with(fresh).pending = r.get(1)?;
    }

    // Cases closed in the range: how many were recovered and what their delivered
    // remedies cost, from one index (the cost per case is kept on the case).
    let (mut closed, mut recovered) = (0u32, 0u32);
    let mut mixed = false;
    let mut args = range();
    let scope = clauses(q, "c.", true, &mut args);
    // Summed here rather than with GROUP BY, which would sort a month's closed cases.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.outcome, c.delivered_cost_currency, c.delivered_cost_cents
         FROM cases c INDEXED BY insights_cases_closed
         WHERE c.closed_at >= ?1 AND c.closed_at < ?2 AND c.outcome IS NOT NULL{scope}"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    while let Some(r) = rows.next()? {
        closed += 1;
        let o = Outcome::parse(text(r, 0)?).unwrap_or(Outcome::Other);
        if o.is_recovered() {
            recovered += 1;
        }
        match r.get_ref(1)?.as_str_or_null().ok().flatten() {
            None => {}
            Some("*") => mixed = true,
            Some(currency) => {
                let a = match accs.get_mut(currency) {
                    Some(a) => a,
                    None => accs.entry(currency.to_string()).or_insert_with(fresh),
                };
                add(&mut a.closed_cost, r.get::<_, Option<i64>>(2)?.unwrap_or(0))?;
            }
        }
    }
    if mixed {
        // Cases paid in several currencies are rare: their remedies are summed one by one.
        let mut args = range();
        let scope = clauses(q, "c.", true, &mut args);
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT r.currency, SUM(r.cost_cents)
             FROM cases c INDEXED BY insights_cases_closed
             JOIN remedies r INDEXED BY insights_remedies_by_case ON r.case_id = c.id
             WHERE r.status = 'delivered' AND c.delivered_cost_currency = '*'
               AND c.closed_at >= ?1 AND c.closed_at < ?2 AND c.outcome IS NOT NULL{scope}
             GROUP BY r.currency"
        ))?;
        let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
        while let Some(r) = rows.next()? {
            let currency: String = r.get(0)?;
            let a = accs.entry(currency).or_insert_with(fresh);
            add(&mut a.closed_cost, r.get(1)?)?;
        }
    }

    let mut currencies: Vec<CurrencySpend> = accs
        .into_iter()
        .map(|(currency, a)| {
            let mut by_kind: Vec<KindSpend> = a
                .kinds
                .into_iter()
                .map(|(kind, (cost_cents, count))| KindSpend {
                    kind,
                    cost_cents,
                    count,
                })
                .collect();
            kinds_largest_first(&mut by_kind);
            CurrencySpend {
                currency,
                spent_by_period: a.spent_by_period,
                spent_cents: a.spent,
                delivered: a.delivered,
                by_kind,
                pending_cents: a.pending,
                closed_cases_cost_cents: a.closed_cost,
                cost_per_recovered_cents: money::average(a.closed_cost, recovered),
            }
        })
        .collect();
    main_currency_first(&mut currencies);
    Ok(Spend {
        periods: axis.periods.clone(),
        currencies,
        closed_cases: closed,
        recovered,
    })
}
