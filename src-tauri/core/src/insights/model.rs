//! What the dashboard asks for and what it gets back. Series are arrays aligned with
//! `periods`, the shape ECharts takes (x axis data + one data array per series).
//! Rates are basis points (1 bp = 0.01 %), times whole seconds, money integer minor units.

use crate::cases::{CaseFilter, Cause, Platform};
use crate::remedies::{Outcome, OutcomeCount, RemedyKind};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How the time axis is cut.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    #[default]
    Day,
    /// ISO weeks, Monday to Sunday.
    Week,
    Month,
}

/// The dashboard's date range (Beijing days, both ends included) and filters. Empty
/// lists mean "all".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InsightsQuery {
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[serde(default)]
    pub platforms: Vec<Platform>,
    #[serde(default)]
    pub shops: Vec<String>,
    #[serde(default)]
    pub products: Vec<String>,
    #[serde(default)]
    pub granularity: Granularity,
}

impl InsightsQuery {
    /// All platforms, shops and products, by day.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Self {
        InsightsQuery {
            from,
            to,
            platforms: Vec::new(),
            shops: Vec::new(),
            products: Vec::new(),
            granularity: Granularity::Day,
        }
    }

    pub fn with_granularity(mut self, g: Granularity) -> Self {
        self.granularity = g;
        self
    }
}

/// One step of the time axis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Period {
    /// `2026-11-20` (day), `2026-W47` (ISO week), `2026-11` (month): the axis label.
    pub key: String,
    /// The Beijing days it covers, clipped to the query's range.
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// The same as instants, both included: what `CaseFilter.from` / `to` take to open
    /// the cases of this period.
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// Opens the cases behind a bar, a slice or a row. `filter` is the inbox's own filter
/// (cause, platform, product, review-time range, stars, statuses); the other fields say
/// what it cannot express. When `inbox_exact` is true the inbox can show `filter` as it
/// is; otherwise ask `insights::drill_cases` for the exact list.
///
/// For a point of a time series, take the series' drill and set `filter.from` /
/// `filter.to` (or `closed_from` / `closed_to`, or `resolved_from` / `resolved_to` when
/// those are set) to the period's `start` / `end`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CaseDrill {
    pub filter: CaseFilter,
    pub shops: Vec<String>,
    /// Several products (the inbox filter holds one, in `filter.product`).
    pub products: Vec<String>,
    /// Closed with an outcome in this range (both ends included).
    pub closed_from: Option<DateTime<Utc>>,
    pub closed_to: Option<DateTime<Utc>>,
    /// First finished (resolved or closed) in this range (both ends included).
    pub resolved_from: Option<DateTime<Utc>>,
    pub resolved_to: Option<DateTime<Utc>>,
    pub outcomes: Vec<Outcome>,
    /// Only cases whose first contact came after the first-response deadline, or never
    /// came and the deadline has passed.
    pub first_response_missed: bool,
    /// Only cases that matched this keyword alert.
    #[ts(type = "number | null")]
    pub alert_id: Option<i64>,
    pub inbox_exact: bool,
}

/// Cases of one cause.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CauseTally {
    pub cause: Cause,
    pub count: u32,
}

/// One stack of the trend chart: a cause's count in every period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CauseSeries {
    pub cause: Cause,
    pub counts: Vec<u32>,
    pub drill: CaseDrill,
}

/// Bad (1–2★) and neutral (3★) reviews per period, stacked by primary cause, with the
/// bad-review rate where imported review statistics exist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Trend {
    pub periods: Vec<Period>,
    /// Causes with at least one case in the range, largest first.
    pub by_cause: Vec<CauseSeries>,
    pub bad: Vec<u32>,
    pub neutral: Vec<u32>,
    /// bad + neutral.
    pub total: Vec<u32>,
    pub rate: BadRate,
    /// All bad and neutral cases of the range.
    pub drill: CaseDrill,
}

/// The bad-review rate from the imported statistics: (1–3★ reviews) ÷ (all reviews),
/// counting every imported review, positives included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BadRate {
    /// False when no review statistics were imported for the range and filters: then
    /// the UI hides the rate line.
    pub has_data: bool,
    #[ts(type = "number[]")]
    pub reviews: Vec<u64>,
    #[ts(type = "number[]")]
    pub bad_or_neutral: Vec<u64>,
    /// Per period; null where no review was imported.
    pub rate_bp: Vec<Option<u32>>,
    #[ts(type = "number")]
    pub total_reviews: u64,
    #[ts(type = "number")]
    pub total_bad_or_neutral: u64,
    pub total_rate_bp: Option<u32>,
}

/// A cause's share of the bad and neutral reviews of the range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CauseShare {
    pub cause: Cause,
    pub count: u32,
    pub share_bp: u32,
    pub drill: CaseDrill,
}

/// A product with its bad and neutral reviews and its three most frequent causes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ProductRow {
    pub product: String,
    pub count: u32,
    pub bad: u32,
    pub neutral: u32,
    pub top_causes: Vec<CauseTally>,
    pub drill: CaseDrill,
}

/// How many cases of the range matched one of the owner's alert words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AlertRow {
    #[ts(type = "number")]
    pub alert_id: i64,
    pub term: String,
    /// The alert's product scope ('' = every product).
    pub product: String,
    pub enabled: bool,
    pub hits: u32,
    pub drill: CaseDrill,
}

/// Closed cases and how many were recovered (review revised, positive follow-up, or
/// removed by the platform).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RecoveryCount {
    pub closed: u32,
    pub recovered: u32,
    pub rate_bp: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CauseRecovery {
    pub cause: Cause,
    pub closed: u32,
    pub recovered: u32,
    pub rate_bp: Option<u32>,
    /// The recovered cases of this cause.
    pub drill: CaseDrill,
}

/// Recovery rate of the cases closed (with an outcome) in each period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Recovery {
    pub periods: Vec<Period>,
    pub closed: Vec<u32>,
    pub recovered: Vec<u32>,
    pub rate_bp: Vec<Option<u32>>,
    pub overall: RecoveryCount,
    /// Causes with closed cases, most closed first.
    pub by_cause: Vec<CauseRecovery>,
    pub outcomes: Vec<OutcomeCount>,
    /// The recovered cases of the range; `closed_from`/`closed_to` hold the range.
    pub drill: CaseDrill,
}

/// Median of a set of durations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DurationStat {
    /// How many cases were measured.
    pub cases: u32,
    #[ts(type = "number | null")]
    pub median_secs: Option<i64>,
    /// Per period; null where nothing was measured.
    #[ts(type = "Array<number | null>")]
    pub median_by_period: Vec<Option<i64>>,
    /// The cases measured (first contact: reviewed in the range; resolution: finished
    /// in it, `resolved_from`/`resolved_to` hold the range).
    pub drill: CaseDrill,
}

/// The first-response deadline (owner's follow-up rule, 24 h by default) over the cases
/// reviewed in the range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Deadlines {
    pub hours: u32,
    /// First contact within the deadline.
    pub met: u32,
    /// First contact after the deadline.
    pub missed_late: u32,
    /// Never contacted and the deadline has passed.
    pub missed_no_contact: u32,
    /// missed_late + missed_no_contact.
    pub missed: u32,
    /// Not contacted yet, deadline still ahead.
    pub pending: u32,
    pub missed_by_period: Vec<u32>,
    pub drill: CaseDrill,
}

/// Time to first contact (by review period) and to resolution (by the period the case
/// was first finished), and the first-response deadlines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ResponseTimes {
    pub periods: Vec<Period>,
    pub first_contact: DurationStat,
    pub resolution: DurationStat,
    pub deadlines: Deadlines,
}

/// Cost under one key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct KindSpend {
    pub kind: RemedyKind,
    #[ts(type = "number")]
    pub cost_cents: i64,
    pub count: u32,
}

/// Remedy spend in one currency (yuan and dollars never mix), with the remedies ledger's
/// definitions: spent = cost of remedies delivered in the period; cost per recovered
/// review = delivered cost of the cases closed in the range ÷ how many were recovered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CurrencySpend {
    pub currency: String,
    #[ts(type = "number[]")]
    pub spent_by_period: Vec<i64>,
    #[ts(type = "number")]
    pub spent_cents: i64,
    pub delivered: u32,
    pub by_kind: Vec<KindSpend>,
    /// Still owed on proposed or accepted remedies, as of now.
    #[ts(type = "number")]
    pub pending_cents: i64,
    #[ts(type = "number")]
    pub closed_cases_cost_cents: i64,
    #[ts(type = "number | null")]
    pub cost_per_recovered_cents: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Spend {
    pub periods: Vec<Period>,
    /// The shop's main currency (CNY) first.
    pub currencies: Vec<CurrencySpend>,
    /// Cases closed in the range and how many were recovered: the divisor of the cost
    /// per recovered review.
    pub closed_cases: u32,
    pub recovered: u32,
}

/// Everything the dashboard shows for one query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Dashboard {
    pub query: InsightsQuery,
    pub generated_at: DateTime<Utc>,
    pub trend: Trend,
    pub causes: Vec<CauseShare>,
    pub products: Vec<ProductRow>,
    pub alerts: Vec<AlertRow>,
    pub recovery: Recovery,
    pub response: ResponseTimes,
    pub spend: Spend,
}

/// What the filter pickers offer: every platform, shop and product that has a case or
/// imported review statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FilterOptions {
    pub platforms: Vec<Platform>,
    pub shops: Vec<String>,
    pub products: Vec<String>,
    /// First and last Beijing review day with a case, for the "all time" preset.
    pub first_day: Option<NaiveDate>,
    pub last_day: Option<NaiveDate>,
}

/// Where the app wrote a closed-loop report the owner asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WrittenReport {
    pub path: String,
    pub format: super::ReportFormat,
    /// The printable page was opened in the browser.
    pub opened: bool,
}

/// Where the app wrote a case-list export, and what it holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WrittenExport {
    pub path: String,
    pub summary: super::ExportSummary,
}
