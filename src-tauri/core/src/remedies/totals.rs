//! What resolution cost: spend per period, remedy kind, product and cause, and the cost
//! per recovered review. Amounts are summed per currency: yuan and dollars never mix.
//!
//! Definitions (shown in the UI's help, relied on by insights):
//! - spent: cost of remedies *delivered* in [from, to);
//! - pending: cost of remedies still proposed or accepted, as of now;
//! - cost per recovered review: for cases *closed* in [from, to), the cost of all their
//!   delivered remedies divided by how many of them were recovered (review revised,
//!   positive follow-up, removed by the platform). Spending on cases that were not
//!   recovered counts: it is part of what recovery costs.

use super::model::LedgerFilter;
use super::money::{average, checked_sum};
use super::outcome::Outcome;
use super::RemedyKind;
use crate::db::sql_time;
use crate::error::{CoreError, Result};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// A total under one key (a day, a remedy kind, a product…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Bucket {
    pub key: String,
    #[ts(type = "number")]
    pub cost_cents: i64,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CurrencyTotals {
    pub currency: String,
    #[ts(type = "number")]
    pub spent_cents: i64,
    /// What the delivered remedies were worth to buyers.
    #[ts(type = "number")]
    pub value_cents: i64,
    pub delivered: u32,
    #[ts(type = "number")]
    pub pending_cents: i64,
    /// Local days `YYYY-MM-DD`, ISO weeks `YYYY-Www`, months `YYYY-MM`, in time order.
    pub by_day: Vec<Bucket>,
    pub by_week: Vec<Bucket>,
    pub by_month: Vec<Bucket>,
    /// Keys are `RemedyKind` codes, product names and `Cause` codes; largest cost first.
    pub by_kind: Vec<Bucket>,
    pub by_product: Vec<Bucket>,
    pub by_cause: Vec<Bucket>,
    /// Delivered cost on the cases closed in the period.
    #[ts(type = "number")]
    pub closed_cases_cost_cents: i64,
    #[ts(type = "number | null")]
    pub cost_per_recovered_cents: Option<i64>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OverdueCounts {
    pub remedies: u32,
    pub promises: u32,
    pub appeals: u32,
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OutcomeCount {
    pub outcome: Outcome,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Totals {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    /// The zone that decides which day a delivery falls on.
    pub tz: String,
    pub currencies: Vec<CurrencyTotals>,
    /// Cases closed in the period with an outcome, and how many of them were recovered.
    pub closed_cases: u32,
    pub recovered_reviews: u32,
    pub outcomes: Vec<OutcomeCount>,
    /// As of now, whatever the period.
    pub overdue: OverdueCounts,
    /// Remedies recorded in the period whose terms or note broke the compliance rule.
    pub flagged_remedies: u32,
}

/// Which totals to compute.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TotalsQuery {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    /// Restrict to one case.
    #[ts(type = "number | null")]
    pub case_id: Option<i64>,
    /// IANA zone for the day/week/month buckets; empty means Asia/Shanghai.
    pub tz: String,
}

/// The shop's totals in Beijing time, the zone of the platforms most owners sell on.
pub fn totals(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Totals> {
    totals_for(
        conn,
        &TotalsQuery {
            from,
            to,
            case_id: None,
            tz: String::new(),
        },
        now,
    )
}

#[derive(Default)]
struct Acc {
    spent: Vec<i64>,
    value: Vec<i64>,
    pending: i64,
    day: BTreeMap<String, (i64, u32)>,
    week: BTreeMap<String, (i64, u32)>,
    month: BTreeMap<String, (i64, u32)>,
    kind: BTreeMap<String, (i64, u32)>,
    product: BTreeMap<String, (i64, u32)>,
    cause: BTreeMap<String, (i64, u32)>,
    closed_cost: i64,
}

fn bump(map: &mut BTreeMap<String, (i64, u32)>, key: String, cost: i64) -> Result<()> {
    let e = map.entry(key).or_insert((0, 0));
    e.0 = checked_sum("cost", [e.0, cost])?;
    e.1 += 1;
    Ok(())
}

fn in_time_order(map: BTreeMap<String, (i64, u32)>) -> Vec<Bucket> {
    map.into_iter()
        .map(|(key, (cost_cents, count))| Bucket {
            key,
            cost_cents,
            count,
        })
        .collect()
}

fn largest_first(map: BTreeMap<String, (i64, u32)>) -> Vec<Bucket> {
    let mut v = in_time_order(map);
    v.sort_by(|a, b| b.cost_cents.cmp(&a.cost_cents).then(a.key.cmp(&b.key)));
    v
}

fn zone(name: &str) -> Result<Tz> {
    if name.trim().is_empty() {
        return Ok(Tz::Asia__Shanghai);
    }
    name.trim().parse().map_err(|_| {
        CoreError::validation(
            "validation.timezone",
            "tz",
            format!("'{name}' is not a time zone name like Asia/Shanghai"),
        )
    })
}

pub fn totals_for(conn: &Connection, q: &TotalsQuery, now: DateTime<Utc>) -> Result<Totals> {
    if q.to < q.from {
        return Err(CoreError::validation(
            "validation.range",
            "to",
            "the period ends before it starts",
        ));
    }
    let tz = zone(&q.tz)?;
    let mut accs: BTreeMap<String, Acc> = BTreeMap::new();

    // Delivered in the period.
    let mut stmt = conn.prepare(
        "SELECT r.currency, r.cost_cents, r.value_cents, r.kind, r.delivered_at, c.product,
                c.primary_cause
         FROM remedies r JOIN cases c ON c.id = r.case_id
         WHERE r.status = 'delivered' AND r.delivered_at >= ?1 AND r.delivered_at < ?2
           AND (?3 IS NULL OR r.case_id = ?3)",
    )?;
    let mut rows = stmt.query(params![q.from, q.to, q.case_id])?;
    while let Some(r) = rows.next()? {
        let currency: String = r.get(0)?;
        let cost: i64 = r.get(1)?;
        let value: i64 = r.get(2)?;
        let kind: RemedyKind = r.get(3)?;
        let at: DateTime<Utc> = r.get(4)?;
        let product: String = r.get(5)?;
        let cause: String = r.get(6)?;
        let local = at.with_timezone(&tz);
        let a = accs.entry(currency).or_default();
        a.spent.push(cost);
        a.value.push(value);
        bump(&mut a.day, local.format("%Y-%m-%d").to_string(), cost)?;
        bump(&mut a.week, local.format("%G-W%V").to_string(), cost)?;
        bump(&mut a.month, local.format("%Y-%m").to_string(), cost)?;
        bump(&mut a.kind, kind.to_string(), cost)?;
        bump(&mut a.product, product, cost)?;
        bump(&mut a.cause, cause, cost)?;
    }

    // Still owed, as of now.
    let mut stmt = conn.prepare(
        "SELECT currency, SUM(cost_cents) FROM remedies
         WHERE status IN ('proposed', 'accepted') AND (?1 IS NULL OR case_id = ?1)
         GROUP BY currency",
    )?;
    let mut rows = stmt.query([q.case_id])?;
    while let Some(r) = rows.next()? {
        let currency: String = r.get(0)?;
        accs.entry(currency).or_default().pending = r.get(1)?;
    }

    // Cases closed in the period: outcomes and what their remedies cost.
    let mut outcomes: BTreeMap<Outcome, u32> = BTreeMap::new();
    let mut stmt = conn.prepare(
        "SELECT outcome, COUNT(*) FROM cases
         WHERE closed_at >= ?1 AND closed_at < ?2 AND outcome IS NOT NULL
           AND (?3 IS NULL OR id = ?3)
         GROUP BY outcome",
    )?;
    let mut rows = stmt.query(params![q.from, q.to, q.case_id])?;
    while let Some(r) = rows.next()? {
        let text: String = r.get(0)?;
        // An outcome written by something else than this module is counted as "other".
        let o = Outcome::parse(&text).unwrap_or(Outcome::Other);
        *outcomes.entry(o).or_default() += r.get::<_, u32>(1)?;
    }
    let closed_cases: u32 = outcomes.values().sum();
    let recovered: u32 = outcomes
        .iter()
        .filter(|(o, _)| o.is_recovered())
        .map(|(_, n)| n)
        .sum();
    let mut stmt = conn.prepare(
        "SELECT r.currency, SUM(r.cost_cents)
         FROM remedies r JOIN cases c ON c.id = r.case_id
         WHERE r.status = 'delivered' AND c.closed_at >= ?1 AND c.closed_at < ?2
           AND c.outcome IS NOT NULL AND (?3 IS NULL OR c.id = ?3)
         GROUP BY r.currency",
    )?;
    let mut rows = stmt.query(params![q.from, q.to, q.case_id])?;
    while let Some(r) = rows.next()? {
        let currency: String = r.get(0)?;
        accs.entry(currency).or_default().closed_cost = r.get(1)?;
    }

    let flagged_remedies: u32 = conn.query_row(
        "SELECT COUNT(*) FROM remedies WHERE compliance_flags <> '[]'
           AND created_at >= ?1 AND created_at < ?2 AND (?3 IS NULL OR case_id = ?3)",
        params![q.from, q.to, q.case_id],
        |r| r.get(0),
    )?;

    let mut currencies = Vec::new();
    for (currency, a) in accs {
        let spent_cents = checked_sum("spent", a.spent.iter().copied())?;
        currencies.push(CurrencyTotals {
            spent_cents,
            value_cents: checked_sum("value", a.value.iter().copied())?,
            delivered: u32::try_from(a.spent.len()).unwrap_or(u32::MAX),
            pending_cents: a.pending,
            by_day: in_time_order(a.day),
            by_week: in_time_order(a.week),
            by_month: in_time_order(a.month),
            by_kind: largest_first(a.kind),
            by_product: largest_first(a.product),
            by_cause: largest_first(a.cause),
            closed_cases_cost_cents: a.closed_cost,
            cost_per_recovered_cents: average(a.closed_cost, recovered),
            currency,
        });
    }
    // The shop's main currency first.
    currencies.sort_by(|a, b| {
        (a.currency != super::money::DEFAULT_CURRENCY)
            .cmp(&(b.currency != super::money::DEFAULT_CURRENCY))
            .then(a.currency.cmp(&b.currency))
    });

    Ok(Totals {
        from: q.from,
        to: q.to,
        tz: tz.name().to_string(),
        currencies,
        closed_cases,
        recovered_reviews: recovered,
        outcomes: outcomes
            .into_iter()
            .map(|(outcome, count)| OutcomeCount { outcome, count })
            .collect(),
        overdue: overdue_counts(conn, q.case_id, now)?,
        flagged_remedies,
    })
}

/// Open commitments past their due time, as of `now`.
pub fn overdue_counts(
    conn: &Connection,
    case_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<OverdueCounts> {
    let t = sql_time(now);
    let count =
        |sql: &str| -> Result<u32> { Ok(conn.query_row(sql, params![t, case_id], |r| r.get(0))?) };
    let remedies = count(
        "SELECT COUNT(*) FROM remedies WHERE status IN ('proposed', 'accepted')
           AND due_at IS NOT NULL AND due_at < ?1 AND (?2 IS NULL OR case_id = ?2)",
    )?;
    let promises = count(
        "SELECT COUNT(*) FROM promises WHERE status = 'open' AND due_at < ?1
           AND (?2 IS NULL OR case_id = ?2)",
    )?;
    let appeals = count(
        "SELECT COUNT(*) FROM appeals WHERE status = 'draft' AND deadline_at < ?1
           AND (?2 IS NULL OR case_id = ?2)",
    )?;
    Ok(OverdueCounts {
        remedies,
        promises,
        appeals,
        total: remedies + promises + appeals,
    })
}

/// One case's money in one currency, for the case list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CaseAmount {
    pub currency: String,
    #[ts(type = "number")]
    pub spent_cents: i64,
    #[ts(type = "number")]
    pub pending_cents: i64,
}

/// What the case list shows beside each case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CaseCost {
    #[ts(type = "number")]
    pub case_id: i64,
    pub amounts: Vec<CaseAmount>,
    pub remedies: u32,
    pub open_promises: u32,
    /// Open remedies, promises and draft appeals past their due time.
    pub overdue: u32,
    /// A remedy on the case carries a compliance flag.
    pub flagged: bool,
}

/// Costs and overdue counts for the listed cases, one row per id in the order asked;
/// cases without any remedy or promise (or ids of no case) get zeros, so the list can
/// zip them with its rows.
pub fn case_costs(
    conn: &Connection,
    case_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<Vec<CaseCost>> {
    let mut by_case: BTreeMap<i64, CaseCost> = case_ids
        .iter()
        .map(|&id| {
            (
                id,
                CaseCost {
                    case_id: id,
                    amounts: Vec::new(),
                    remedies: 0,
                    open_promises: 0,
                    overdue: 0,
                    flagged: false,
                },
            )
        })
        .collect();
    let t = sql_time(now);
    // SQLite limits bound parameters; a page of the case list is far below this.
    for chunk in case_ids.chunks(500) {
        // Numbered, so the same ids can be used by the three lists below.
        let marks = (1..=chunk.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let ids: Vec<rusqlite::types::Value> = chunk
            .iter()
            .map(|&i| rusqlite::types::Value::Integer(i))
            .collect();
        let mut stmt = conn.prepare(&format!(
            "SELECT case_id, currency, spent_cents, pending_cents, remedies, flagged
             FROM case_remedy_totals WHERE case_id IN ({marks}) ORDER BY case_id, currency"
        ))?;
        let mut rows = stmt.query(rusqlite::params_from_iter(ids.iter()))?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if let Some(c) = by_case.get_mut(&id) {
                c.amounts.push(CaseAmount {
                    currency: r.get(1)?,
                    spent_cents: r.get(2)?,
                    pending_cents: r.get(3)?,
                });
                c.remedies += r.get::<_, u32>(4)?;
                c.flagged |= r.get::<_, bool>(5)?;
            }
        }
        let mut with_now = ids.clone();
        with_now.push(rusqlite::types::Value::Text(t.clone()));
        let now_mark = with_now.len();
        let mut stmt = conn.prepare(&format!(
            "SELECT case_id, SUM(open), SUM(late) FROM (
                SELECT case_id, 0 AS open,
                       (status IN ('proposed', 'accepted') AND due_at IS NOT NULL AND due_at < ?{now_mark}) AS late
                FROM remedies WHERE case_id IN ({marks})
                UNION ALL
                SELECT case_id, (status = 'open') AS open, (status = 'open' AND due_at < ?{now_mark}) AS late
                FROM promises WHERE case_id IN ({marks})
                UNION ALL
                SELECT case_id, 0 AS open, (status = 'draft' AND deadline_at < ?{now_mark}) AS late
                FROM appeals WHERE case_id IN ({marks})
             ) GROUP BY case_id"
        ))?;
        let mut rows = stmt.query(rusqlite::params_from_iter(with_now.iter()))?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if let Some(c) = by_case.get_mut(&id) {
                c.open_promises = r.get(1)?;
                c.overdue = r.get(2)?;
            }
        }
    }
    Ok(case_ids
        .iter()
        .filter_map(|id| by_case.get(id).cloned())
        .collect())
}

/// The ledger screen's rows with the cases they belong to, each case once, so a row can
/// name its product and buyer without a call per row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LedgerView {
    pub items: Vec<super::model::LedgerItem>,
    pub cases: Vec<crate::cases::Case>,
}

pub fn ledger_view(
    conn: &Connection,
    filter: &LedgerFilter,
    now: DateTime<Utc>,
) -> Result<LedgerView> {
    let items = ledger(conn, filter, now)?;
    let ids: std::collections::BTreeSet<i64> = items.iter().map(|i| i.case_id()).collect();
    let cases = ids
        .into_iter()
        .map(|id| crate::cases::get(conn, id))
        .collect::<Result<_>>()?;
    Ok(LedgerView { items, cases })
}

/// The listing behind `haoping-cli remedies` and the ledger screen: remedies and
/// promises, by due time (undated last), then case.
pub fn ledger(
    conn: &Connection,
    filter: &LedgerFilter,
    now: DateTime<Utc>,
) -> Result<Vec<super::model::LedgerItem>> {
    use super::model::LedgerItem;
    let mut items: Vec<LedgerItem> = super::ledger::list_remedies(conn, filter.case_id, now)?
        .into_iter()
        .map(LedgerItem::Remedy)
        .chain(
            super::promises::list_promises(conn, filter.case_id, now)?
                .into_iter()
                .map(LedgerItem::Promise),
        )
        .filter(|i| !filter.overdue_only || i.overdue())
        .filter(|i| {
            !filter.open_only
                || match i {
                    LedgerItem::Remedy(r) => r.status.is_open(),
                    LedgerItem::Promise(p) => p.status == super::model::PromiseStatus::Open,
                }
        })
        .collect();
    items.sort_by_key(|i| (i.due_at().is_none(), i.due_at(), i.case_id()));
    Ok(items)
}
