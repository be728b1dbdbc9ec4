//! The closed-loop report for a period: the dashboard's figures, the cases still open past
//! their first-response deadline, the promises coming due, and the top recurring problems
//! with what to change — as a formatted workbook or a printable page, in Chinese or
//! English. It carries no personal data: no buyer, phone or review text.

mod html;
mod text;
mod xlsx;

pub use html::report_html;
pub use xlsx::report_xlsx;

use super::axis::Axis;
use super::dashboard::dashboard;
use super::model::{CaseDrill, Dashboard, Granularity, InsightsQuery};
use super::redact::redact;
use super::scope::{base_drill, clauses, text};
use crate::appeals::{self, AppealReason};
use crate::cases::{CaseStatus, Cause, Commitment, CommitmentKind, Platform};
use crate::common::Lang;
use crate::db::sql_time;
use crate::error::{CoreError, Result};
use crate::remedies::{money, RemedyKind};
use crate::{followup, problems};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{types::Value, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use ts_rs::TS;

pub(crate) use text::{cause_label, status_label};

/// Which report: the period (Beijing days, both included; `period_around` gives the
/// daily, weekly and monthly presets), the filters, the language. `granularity` none
/// picks days up to 31 days, weeks up to 26 weeks, months beyond.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportRequest {
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[serde(default)]
    pub lang: Lang,
    #[serde(default)]
    pub platforms: Vec<Platform>,
    #[serde(default)]
    pub shops: Vec<String>,
    #[serde(default)]
    pub products: Vec<String>,
    #[serde(default)]
    pub granularity: Option<Granularity>,
}

impl ReportRequest {
    pub fn new(from: NaiveDate, to: NaiveDate, lang: Lang) -> Self {
        ReportRequest {
            from,
            to,
            lang,
            platforms: Vec::new(),
            shops: Vec::new(),
            products: Vec::new(),
            granularity: None,
        }
    }

    fn query(&self) -> InsightsQuery {
        let days = (self.to - self.from).num_days() + 1;
        let granularity = self.granularity.unwrap_or(if days <= 31 {
            Granularity::Day
        } else if days <= 26 * 7 {
            Granularity::Week
        } else {
            Granularity::Month
        });
        InsightsQuery {
            from: self.from,
            to: self.to,
            platforms: self.platforms.clone(),
            shops: self.shops.clone(),
            products: self.products.clone(),
            granularity,
        }
    }
}

/// The key figures at the top of the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Headline {
    pub bad: u32,
    pub neutral: u32,
    pub bad_rate_bp: Option<u32>,
    #[ts(type = "number")]
    pub reviews: u64,
    pub closed: u32,
    pub recovered: u32,
    pub recovery_rate_bp: Option<u32>,
    #[ts(type = "number | null")]
    pub median_first_contact_secs: Option<i64>,
    #[ts(type = "number | null")]
    pub median_resolution_secs: Option<i64>,
    pub deadlines_missed: u32,
    pub open_overdue: u32,
    pub commitments_due: u32,
    pub commitments_overdue: u32,
    /// Main currency (CNY unless the shop spent only in another).
    pub currency: String,
    #[ts(type = "number")]
    pub spent_cents: i64,
    #[ts(type = "number | null")]
    pub cost_per_recovered_cents: Option<i64>,
}

/// An open case past its first-response deadline with no contact yet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OpenCase {
    #[ts(type = "number")]
    pub case_id: i64,
    pub platform: Platform,
    pub shop: String,
    pub product: String,
    pub stars: u8,
    pub cause: Cause,
    pub status: CaseStatus,
    pub review_time: DateTime<Utc>,
    /// Hours since the deadline passed.
    pub hours_overdue: u32,
}

/// A remedy, promise or appeal due within the next week (or already late).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DueCommitment {
    #[ts(type = "number")]
    pub case_id: i64,
    pub kind: CommitmentKind,
    #[ts(type = "number")]
    pub ref_id: i64,
    /// In the report's language; personal data masked.
    pub label: String,
    pub due_at: DateTime<Utc>,
    pub overdue: bool,
    pub product: String,
}

/// A problem that keeps coming back, and what to change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RecurringProblem {
    pub cause: Cause,
    pub problem: String,
    pub count: u32,
    /// The products it hit most (at most three), with their counts.
    pub products: Vec<(String, u32)>,
    pub suggestion: String,
    /// `包装破损 ×12 → 加强包装（…）`
    pub line: String,
    pub drill: CaseDrill,
}

/// Everything the exported report shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Report {
    pub request: ReportRequest,
    pub title: String,
    /// `2026-11-01 – 2026-11-30`
    pub period_label: String,
    pub generated_at: DateTime<Utc>,
    pub headline: Headline,
    /// Short sentences summing up the period, in the report's language.
    pub summary: Vec<String>,
    pub dashboard: Dashboard,
    /// Oldest first, at most `OPEN_CASES_LISTED`; `open_overdue_total` counts them all.
    pub open_overdue: Vec<OpenCase>,
    pub open_overdue_total: u32,
    pub commitments: Vec<DueCommitment>,
    pub problems: Vec<RecurringProblem>,
}

/// Row limits, so that a report of a busy year stays readable and quick.
pub const OPEN_CASES_LISTED: usize = 200;
pub const COMMITMENTS_LISTED: usize = 200;
pub const PROBLEMS_LISTED: usize = 10;
/// Commitments due up to this far ahead are listed.
const COMMITMENT_HORIZON_DAYS: i64 = 7;

/// Where a report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    Xlsx,
    Html,
}

impl ReportFormat {
    /// From the file name: `.xlsx`, or `.html` / `.htm`.
    pub fn from_path(path: &Path) -> Result<ReportFormat> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match ext.as_str() {
            "xlsx" => Ok(ReportFormat::Xlsx),
            "html" | "htm" => Ok(ReportFormat::Html),
            _ => Err(CoreError::validation(
                "validation.report_format",
                "out",
                "the report file must end in .xlsx or .html",
            )),
        }
    }
}

/// Builds the report of a period as of `now`.
pub fn closed_loop_report(
    conn: &Connection,
    req: &ReportRequest,
    now: DateTime<Utc>,
) -> Result<Report> {
    let q = req.query();
    let axis = Axis::new(&q)?;
    let lang = req.lang;
    let dash = dashboard(conn, &q, now)?;
    let (open_overdue, open_overdue_total) = open_overdue(conn, &q, &axis, now)?;
    let commitments = commitments(conn, &q, lang, now)?;
    let problems = recurring_problems(conn, &q, &axis, lang)?;

    let main = dash.spend.currencies.first();
    let headline = Headline {
        bad: dash.trend.bad.iter().sum(),
        neutral: dash.trend.neutral.iter().sum(),
        bad_rate_bp: dash.trend.rate.total_rate_bp,
        reviews: dash.trend.rate.total_reviews,
        closed: dash.recovery.overall.closed,
        recovered: dash.recovery.overall.recovered,
        recovery_rate_bp: dash.recovery.overall.rate_bp,
        median_first_contact_secs: dash.response.first_contact.median_secs,
        median_resolution_secs: dash.response.resolution.median_secs,
        deadlines_missed: dash.response.deadlines.missed,
        open_overdue: open_overdue_total,
        commitments_due: u32::try_from(commitments.len()).unwrap_or(u32::MAX),
        commitments_overdue: u32::try_from(commitments.iter().filter(|c| c.overdue).count())
            .unwrap_or(u32::MAX),
        currency: main
            .map(|c| c.currency.clone())
            .unwrap_or_else(|| money::DEFAULT_CURRENCY.to_string()),
        spent_cents: main.map(|c| c.spent_cents).unwrap_or(0),
        cost_per_recovered_cents: main.and_then(|c| c.cost_per_recovered_cents),
    };
    let period_label = if req.from == req.to {
        req.from.format("%Y-%m-%d").to_string()
    } else {
        format!(
            "{} – {}",
            req.from.format("%Y-%m-%d"),
            req.to.format("%Y-%m-%d")
        )
    };
    Ok(Report {
        request: req.clone(),
        title: lang
            .pick("差评闭环报告", "Closed-loop review report")
            .to_string(),
        summary: text::summary(lang, &headline, &dash, &problems),
        period_label,
        generated_at: now,
        headline,
        dashboard: dash,
        open_overdue,
        open_overdue_total,
        commitments,
        problems,
    })
}

/// Builds the report and writes it to `path` as .xlsx or .html (by the extension).
pub fn write_report(
    conn: &Connection,
    req: &ReportRequest,
    path: &Path,
    now: DateTime<Utc>,
) -> Result<ReportFormat> {
    let format = ReportFormat::from_path(path)?;
    let report = closed_loop_report(conn, req, now)?;
    let bytes = match format {
        ReportFormat::Xlsx => report_xlsx(&report)?,
        ReportFormat::Html => report_html(&report).into_bytes(),
    };
    std::fs::write(path, bytes)?;
    Ok(format)
}

/// Open cases reviewed up to the end of the period, never contacted, past the deadline.
fn open_overdue(
    conn: &Connection,
    q: &InsightsQuery,
    axis: &Axis,
    now: DateTime<Utc>,
) -> Result<(Vec<OpenCase>, u32)> {
    let hours = followup::load_rules(conn)?.first_response_hours;
    let sla = Duration::hours(i64::from(hours));
    let cutoff = (now - sla).min(axis.end_exclusive());
    let mut args: Vec<Value> = vec![Value::Text(sql_time(cutoff))];
    let scope = clauses(q, "", true, &mut args);
    let where_sql = format!(
        "FROM cases INDEXED BY insights_cases_uncontacted
         WHERE first_contact_at IS NULL AND status NOT IN ('resolved', 'closed')
           AND review_time < ?1{scope}"
    );
    let total: u32 = conn.query_row(
        &format!("SELECT count(*) {where_sql}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT id, platform, shop, product, stars, primary_cause, status, review_time
         {where_sql} ORDER BY review_time, id LIMIT {OPEN_CASES_LISTED}"
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
        let review_time: DateTime<Utc> = r.get(7)?;
        let late = (now - (review_time + sla)).num_hours().max(0);
        Ok(OpenCase {
            case_id: r.get(0)?,
            platform: r.get(1)?,
            shop: r.get(2)?,
            product: r.get(3)?,
            stars: r.get(4)?,
            cause: r.get(5)?,
            status: r.get(6)?,
            review_time,
            hours_overdue: u32::try_from(late).unwrap_or(u32::MAX),
        })
    })?;
    Ok((rows.collect::<rusqlite::Result<_>>()?, total))
}

/// Open commitments due within the horizon (late ones included), of cases in scope.
fn commitments(
    conn: &Connection,
    q: &InsightsQuery,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<Vec<DueCommitment>> {
    let horizon = now + Duration::days(COMMITMENT_HORIZON_DAYS);
    let due: Vec<Commitment> = followup::due_commitments(conn)?
        .into_iter()
        .filter(|c| c.due_at <= horizon)
        .collect();
    let mut case_stmt =
        conn.prepare_cached("SELECT platform, shop, product FROM cases WHERE id = ?1")?;
    let mut remedy_stmt =
        conn.prepare_cached("SELECT kind, value_cents, currency FROM remedies WHERE id = ?1")?;
    let mut appeal_stmt = conn.prepare_cached("SELECT reason FROM appeals WHERE id = ?1")?;
    let mut cache: HashMap<i64, Option<(String, String, String)>> = HashMap::new();
    let mut out = Vec::new();
    for c in due {
        let case = match cache.get(&c.case_id) {
            Some(v) => v.clone(),
            None => {
                let v = case_stmt
                    .query_row([c.case_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()?;
                cache.insert(c.case_id, v.clone());
                v
            }
        };
        let Some((platform, shop, product)) = case else {
            continue;
        };
        let in_scope = (q.platforms.is_empty()
            || q.platforms.iter().any(|p| p.as_str() == platform))
            && (q.shops.is_empty() || q.shops.contains(&shop))
            && (q.products.is_empty() || q.products.contains(&product));
        if !in_scope {
            continue;
        }
        // Labels are rebuilt in the report's language (the ledger's follow the settings).
        let label = match c.kind {
            CommitmentKind::Remedy => remedy_stmt
                .query_row([c.ref_id], |r| {
                    let kind: RemedyKind = r.get(0)?;
                    let value: i64 = r.get(1)?;
                    let currency: String = r.get(2)?;
                    let mut s = kind.label(lang).to_string();
                    if value > 0 {
                        s.push(' ');
                        s.push_str(&money::format_money(value, &currency));
                    }
                    Ok(s)
                })
                .optional()?
                .unwrap_or_else(|| redact(&c.label)),
            CommitmentKind::Appeal => appeal_stmt
                .query_row([c.ref_id], |r| r.get::<_, AppealReason>(0))
                .optional()?
                .map(|reason| appeals::submit_label(reason, lang))
                .unwrap_or_else(|| redact(&c.label)),
            CommitmentKind::Promise => redact(&c.label),
        };
        out.push(DueCommitment {
            case_id: c.case_id,
            kind: c.kind,
            ref_id: c.ref_id,
            label,
            overdue: c.is_overdue(now),
            due_at: c.due_at,
            product,
        });
        if out.len() >= COMMITMENTS_LISTED {
            break;
        }
    }
    Ok(out)
}

/// Cases of the period grouped by problem, biggest groups first.
fn recurring_problems(
    conn: &Connection,
    q: &InsightsQuery,
    axis: &Axis,
    lang: Lang,
) -> Result<Vec<RecurringProblem>> {
    let mut args: Vec<Value> = vec![
        Value::Text(sql_time(axis.start())),
        Value::Text(sql_time(axis.end_exclusive())),
    ];
    let scope = clauses(q, "", true, &mut args);
    let mut stmt = conn.prepare(&format!(
        "SELECT primary_cause, product, review_text FROM cases
         WHERE review_time >= ?1 AND review_time < ?2{scope}"
    ))?;
    let Some(catalogue) = problems::catalogue() else {
        return Ok(Vec::new());
    };
    let mut counts: Vec<u32> = vec![0; catalogue.problems.len()];
    let mut products: Vec<HashMap<String, u32>> = vec![HashMap::new(); catalogue.problems.len()];
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    let mut lower = String::new();
    while let Some(r) = rows.next()? {
        let cause = Cause::parse(text(r, 0)?).unwrap_or(Cause::Other);
        let product = text(r, 1)?;
        let text = text(r, 2)?;
        lower.clear();
        lower.extend(text.chars().flat_map(char::to_lowercase));
        let i = catalogue.problem_of(cause, &lower);
        counts[i] += 1;
        let by = &mut products[i];
        match by.get_mut(product) {
            Some(n) => *n += 1,
            None => {
                by.insert(product.to_string(), 1);
            }
        }
    }
    // Named problems first (they say what to fix), then the catch-alls; most cases first.
    let mut order: Vec<usize> = (0..counts.len()).filter(|i| counts[*i] > 0).collect();
    let catch_all = |i: usize| catalogue.problems[i].catch_all;
    order.sort_by(|a, b| {
        catch_all(*a)
            .cmp(&catch_all(*b))
            .then(counts[*b].cmp(&counts[*a]))
            .then(a.cmp(b))
    });
    order.truncate(PROBLEMS_LISTED);
    let drill = base_drill(q, axis);
    Ok(order
        .into_iter()
        .map(|i| {
            let e = &catalogue.problems[i];
            let mut top: Vec<(String, u32)> =
                products[i].iter().map(|(p, n)| (p.clone(), *n)).collect();
            top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            top.truncate(3);
            let problem = e.name(lang).to_string();
            let suggestion = e.fix(lang).to_string();
            let mut d = drill.clone();
            d.filter.causes = e.causes.clone();
            if top.len() == 1 {
                d.filter.product = Some(top[0].0.clone());
                d.products = Vec::new();
            }
            RecurringProblem {
                cause: e.causes[0],
                line: format!("{problem} ×{} → {suggestion}", counts[i]),
                problem,
                count: counts[i],
                products: top,
                suggestion,
                drill: d,
            }
        })
        .collect())
}
