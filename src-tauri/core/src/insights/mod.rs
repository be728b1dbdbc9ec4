//! Insights: whether things are getting better and where the problems come from — the
//! dashboard's figures, the drill-down into the cases behind them, the closed-loop report
//! (.xlsx / printable .html, Chinese or English) and the case-list export.
//!
//! Definitions (the UI's help text and the report say the same):
//! - Days are Beijing days; a range is `from`..=`to`; periods are days, ISO weeks or months.
//! - Bad reviews are 1–2★ cases, neutral 3★; the volume charts (trend, causes, products)
//!   count cases of 1–3★ by review time and primary cause.
//! - Bad-review rate = imported reviews of 1–3★ ÷ all imported reviews (`review_stats`,
//!   positives included); absent when nothing was imported for the range.
//! - Recovery rate = cases closed with an outcome in the period whose outcome is review
//!   revised, positive follow-up or removed by the platform ÷ all cases closed with an
//!   outcome in the period.
//! - Time to first contact = first logged contact attempt − review time, over the cases
//!   reviewed in the period that were contacted; time to resolution = first time the case
//!   became resolved or closed − review time, over the cases finished in the period.
//! - First-response deadline (follow-up rules, 24 h by default) missed = first contact
//!   later than the deadline, or none yet and the deadline has passed.
//! - Spend and cost per recovered review: the remedies ledger's definitions
//!   (`remedies::totals_for`).
//!
//! API for the shell/UI: `dashboard` (or one function per chart: `trend`,
//! `cause_shares`, `top_products`, `alert_rows`, `recovery`, `response_times`, `spend`),
//! `filter_options`, `last_days`, `drill_cases`; `closed_loop_report`, `write_report`,
//! `report_xlsx`, `report_html`, `period_around`; `export_cases`.

mod alerts;
mod axis;
mod dashboard;
mod drill;
mod export;
mod model;
mod recovery;
mod redact;
mod report;
mod response;
mod scope;
mod spend;
mod volume;

pub use alerts::alert_rows;
pub use axis::period_around;
pub use dashboard::{dashboard, filter_options, last_days};
pub use drill::drill_cases;
pub use export::{export_cases, CaseExport, ExportFormat, ExportSummary};
pub use model::{
    AlertRow, BadRate, CaseDrill, CauseRecovery, CauseSeries, CauseShare, CauseTally,
    CurrencySpend, Dashboard, Deadlines, DurationStat, FilterOptions, Granularity, InsightsQuery,
    KindSpend, Period, ProductRow, Recovery, RecoveryCount, ResponseTimes, Spend, Trend,
    WrittenExport, WrittenReport,
};
pub use recovery::{recovered_outcomes, recovery};
pub use report::{
    closed_loop_report, report_html, report_xlsx, write_report, DueCommitment, Headline, OpenCase,
    RecurringProblem, Report, ReportFormat, ReportRequest, COMMITMENTS_LISTED, OPEN_CASES_LISTED,
    PROBLEMS_LISTED,
};
pub use response::response_times;
pub use spend::spend;
pub use volume::{cause_shares, top_products, trend, TOP_PRODUCTS};

#[cfg(test)]
mod tests;
