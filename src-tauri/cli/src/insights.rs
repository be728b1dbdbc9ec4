//! `report` (the closed-loop report of a period as .xlsx or .html) and `export-cases` (the
//! case list with the inbox's filters as .csv or .xlsx, personal data masked unless asked).

use crate::args::{all_of, time};
use crate::{output, Ctx};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use clap::Args;
use haoping_core::cases::{CaseStatus, Cause, Platform, SortKey};
use haoping_core::insights::{
    self, CaseDrill, CaseExport, Granularity, ReportFormat, ReportRequest,
};
use haoping_core::{settings, CoreError, Lang};
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct ReportArgs {
    /// First day of the period (YYYY-MM-DD, Beijing time).
    #[arg(long)]
    from: String,
    /// Last day of the period, included (YYYY-MM-DD).
    #[arg(long)]
    to: String,
    /// zh or en (default: the app's language).
    #[arg(long)]
    lang: Option<String>,
    /// Where to write: FILE.xlsx or FILE.html.
    #[arg(long)]
    out: PathBuf,
    /// Only these platforms (repeatable).
    #[arg(long = "platform")]
    platforms: Vec<String>,
    /// Only these shops (repeatable).
    #[arg(long = "shop")]
    shops: Vec<String>,
    /// Only these products (repeatable).
    #[arg(long = "product")]
    products: Vec<String>,
    /// day, week or month (default: by the length of the period).
    #[arg(long)]
    granularity: Option<String>,
}

#[derive(Args)]
pub struct ExportArgs {
    /// Where to write: FILE.csv or FILE.xlsx.
    #[arg(long)]
    out: PathBuf,
    /// Any substring of review, product, buyer or order number.
    #[arg(long, default_value = "")]
    query: String,
    /// new, contacting, negotiating, waiting_update, resolved, closed (repeatable).
    #[arg(long = "status")]
    statuses: Vec<String>,
    #[arg(long = "platform")]
    platforms: Vec<String>,
    #[arg(long = "stars")]
    stars: Vec<u8>,
    #[arg(long = "cause")]
    causes: Vec<String>,
    #[arg(long = "shop")]
    shops: Vec<String>,
    #[arg(long = "product")]
    products: Vec<String>,
    /// Only cases not yet resolved or closed.
    #[arg(long)]
    open: bool,
    /// Review time from (RFC 3339 or YYYY-MM-DD, Beijing time).
    #[arg(long)]
    from: Option<String>,
    /// Review time up to (a bare date includes that whole day).
    #[arg(long)]
    to: Option<String>,
    /// review_time, platform, product, buyer, stars, cause, severity, status, updated_at.
    #[arg(long, default_value = "review_time")]
    sort: String,
    #[arg(long)]
    asc: bool,
    /// Write buyers' full phone numbers and unmasked review texts. Personal data (PIPL):
    /// only for the owner's own use.
    #[arg(long)]
    include_personal_data: bool,
    /// zh or en (default: the app's language).
    #[arg(long)]
    lang: Option<String>,
}

fn unknown(field: &'static str, v: &str) -> CoreError {
    CoreError::validation(
        "validation.unknown_value",
        field,
        format!("unknown value '{v}'"),
    )
}

fn date(field: &'static str, text: &str) -> Result<NaiveDate, CoreError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        CoreError::validation(
            "validation.time_format",
            field,
            format!("'{text}' is not a date like 2026-11-30"),
        )
    })
}

fn lang(conn: &haoping_core::db::Connection, given: Option<&str>) -> Result<Lang, CoreError> {
    match given {
        Some(s) => Lang::parse_arg("lang", s),
        None => settings::lang(conn),
    }
}

pub fn report(ctx: &Ctx, a: ReportArgs) -> Result<ExitCode, CoreError> {
    // The arguments are checked before the database is opened: a wrong file type or date
    // is named as such, whatever the database.
    let format = ReportFormat::from_path(&a.out)?;
    let granularity = a
        .granularity
        .as_deref()
        .map(|g| match g.trim().to_lowercase().as_str() {
            "day" => Ok(Granularity::Day),
            "week" => Ok(Granularity::Week),
            "month" => Ok(Granularity::Month),
            other => Err(unknown("granularity", other)),
        })
        .transpose()?;
    let from = date("from", &a.from)?;
    let to = date("to", &a.to)?;
    let platforms = all_of("platform", &a.platforms, Platform::from_name)?;
    let conn = ctx.open()?;
    let req = ReportRequest {
        from,
        to,
        lang: lang(&conn, a.lang.as_deref())?,
        platforms,
        shops: a.shops,
        products: a.products,
        granularity,
    };
    let report = insights::closed_loop_report(&conn, &req, Utc::now())?;
    let bytes = match format {
        ReportFormat::Xlsx => insights::report_xlsx(&report)?,
        ReportFormat::Html => insights::report_html(&report).into_bytes(),
    };
    std::fs::write(&a.out, bytes)?;
    if ctx.json {
        output::json(&json!({
            "out": a.out,
            "format": format,
            "period": report.period_label,
            "headline": report.headline,
            "problems": report.problems.iter().map(|p| &p.line).collect::<Vec<_>>(),
        }))?;
    } else {
        say!(
            "wrote the report of {} to {}",
            report.period_label,
            a.out.display()
        );
        for line in &report.summary {
            say!("  {line}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A bare date as an upper bound means the end of that day.
fn upper_bound(text: &str) -> Result<DateTime<Utc>, CoreError> {
    match NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
        Ok(d) => {
            let next = time("to", &(d + Duration::days(1)).to_string())?;
            Ok(next - Duration::microseconds(1))
        }
        Err(_) => time("to", text),
    }
}

pub fn export_cases(ctx: &Ctx, a: ExportArgs) -> Result<ExitCode, CoreError> {
    let conn = ctx.open()?;
    let sort: SortKey = serde_json::from_value(serde_json::Value::String(a.sort.clone()))
        .map_err(|_| unknown("sort", &a.sort))?;
    let mut selection = CaseDrill::default();
    let f = &mut selection.filter;
    f.query = a.query;
    f.statuses = all_of("status", &a.statuses, CaseStatus::parse)?;
    f.platforms = all_of("platform", &a.platforms, Platform::from_name)?;
    f.stars = a.stars;
    f.causes = all_of("cause", &a.causes, Cause::parse)?;
    f.open_only = a.open;
    f.from = a.from.as_deref().map(|t| time("from", t)).transpose()?;
    f.to = a.to.as_deref().map(upper_bound).transpose()?;
    f.sort = sort;
    f.descending = !a.asc;
    selection.shops = a.shops;
    selection.products = a.products;
    let e = CaseExport {
        selection,
        include_personal_data: a.include_personal_data,
        lang: lang(&conn, a.lang.as_deref())?,
    };
    let summary = insights::export_cases(&conn, &e, &a.out, Utc::now())?;
    if ctx.json {
        output::json(&json!({ "out": a.out, "summary": summary }))?;
    } else {
        say!(
            "wrote {} case(s) to {}{}",
            summary.rows,
            a.out.display(),
            if summary.personal_data {
                " (with personal data: keep it private)"
            } else {
                " (phone numbers and personal data masked)"
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}
