//! The case list with the inbox's current filters, as .csv or .xlsx. Buyers' phone
//! numbers are masked and personal data in free text (phones, addresses, ID numbers,
//! e-mail, names) is blanked out unless the owner explicitly includes personal data.

use super::axis::BEIJING_OFFSET_SECS;
use super::drill::selection;
use super::model::CaseDrill;
use super::redact::redact;
use super::report::{cause_label, status_label};
use crate::cases::{mask_phone, row_to_case, Case, CASE_COLUMNS};
use crate::common::Lang;
use crate::error::{CoreError, Result};
use crate::remedies::{self, money, Outcome};
use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

impl ExportFormat {
    /// From the file name: `.csv` or `.xlsx`.
    pub fn from_path(path: &Path) -> Result<ExportFormat> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match ext.as_str() {
            "csv" => Ok(ExportFormat::Csv),
            "xlsx" => Ok(ExportFormat::Xlsx),
            _ => Err(CoreError::validation(
                "validation.export_format",
                "out",
                "the export file must end in .csv or .xlsx",
            )),
        }
    }
}

/// What to export: the inbox's selection (its filter and sort; paging is ignored, every
/// matching case is written), whether personal data goes along, and the language of the
/// column names and labels.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CaseExport {
    pub selection: CaseDrill,
    pub include_personal_data: bool,
    pub lang: Lang,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ExportSummary {
    pub format: ExportFormat,
    pub rows: u32,
    pub personal_data: bool,
}

struct Row {
    case: Case,
    phone: Option<String>,
    first_contact_at: Option<DateTime<Utc>>,
    resolved_at: Option<DateTime<Utc>>,
    spent: String,
    pending: String,
}

fn local_time(t: DateTime<Utc>) -> String {
    (t + Duration::seconds(BEIJING_OFFSET_SECS))
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

fn amounts(list: &[(String, i64)]) -> String {
    list.iter()
        .filter(|(_, c)| *c != 0)
        .map(|(cur, c)| money::format_money(*c, cur))
        .collect::<Vec<_>>()
        .join(" + ")
}

fn load(conn: &Connection, e: &CaseExport, now: DateTime<Utc>) -> Result<Vec<Row>> {
    let w = selection(conn, &e.selection, now)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {CASE_COLUMNS}, buyer_phone, first_contact_at, resolved_at FROM cases {} {}",
        w.sql(),
        e.selection.filter.order_by()
    ))?;
    let n = CASE_COLUMNS.split(',').count();
    let mut rows: Vec<Row> = stmt
        .query_map(rusqlite::params_from_iter(w.args().iter()), |r| {
            Ok(Row {
                case: row_to_case(r)?,
                phone: r.get(n)?,
                first_contact_at: r.get(n + 1)?,
                resolved_at: r.get(n + 2)?,
                spent: String::new(),
                pending: String::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let ids: Vec<i64> = rows.iter().map(|r| r.case.id).collect();
    let costs = remedies::case_costs(conn, &ids, now)?;
    for (row, cost) in rows.iter_mut().zip(costs) {
        let spent: Vec<(String, i64)> = cost
            .amounts
            .iter()
            .map(|a| (a.currency.clone(), a.spent_cents))
            .collect();
        let pending: Vec<(String, i64)> = cost
            .amounts
            .iter()
            .map(|a| (a.currency.clone(), a.pending_cents))
            .collect();
        row.spent = amounts(&spent);
        row.pending = amounts(&pending);
    }
    Ok(rows)
}

const COLUMNS: &[(&str, &str, f64)] = &[
    ("案例号", "Case #", 8.0),
    ("平台", "Platform", 9.0),
    ("店铺", "Shop", 14.0),
    ("订单号", "Order", 20.0),
    ("买家", "Buyer", 12.0),
    ("电话", "Phone", 15.0),
    ("商品", "Product", 28.0),
    ("星级", "Stars", 6.0),
    ("评价时间（北京时间）", "Review time (Beijing)", 17.0),
    ("评价内容", "Review", 50.0),
    ("追评", "Follow-up", 30.0),
    ("商家回复", "Shop reply", 30.0),
    ("主要原因", "Primary cause", 12.0),
    ("全部原因", "All causes", 20.0),
    ("严重程度", "Severity", 8.0),
    ("标记", "Flags", 18.0),
    ("状态", "Status", 10.0),
    ("结果", "Outcome", 14.0),
    ("首次联系", "First contact", 17.0),
    ("解决时间", "Resolved", 17.0),
    ("补偿支出", "Remedy spend", 12.0),
    ("待兑现", "Still owed", 12.0),
];

fn cells(row: &Row, personal: bool, lang: Lang) -> Vec<String> {
    let c = &row.case;
    let zh = lang == Lang::Zh;
    let free = |t: Option<&str>| -> String {
        let t = t.unwrap_or("");
        if personal {
            t.to_string()
        } else {
            redact(t)
        }
    };
    let phone = match (&row.phone, personal) {
        (Some(p), true) => p.clone(),
        (Some(p), false) => mask_phone(p),
        (None, _) => String::new(),
    };
    vec![
        c.id.to_string(),
        c.platform.to_string(),
        c.shop.clone(),
        c.order_id.clone().unwrap_or_default(),
        c.buyer_nick.clone().unwrap_or_default(),
        phone,
        c.product.clone(),
        c.stars.to_string(),
        local_time(c.review_time),
        free(Some(&c.review_text)),
        free(c.follow_up_text.as_deref()),
        free(c.seller_reply.as_deref()),
        cause_label(c.primary_cause, lang).to_string(),
        c.causes
            .iter()
            .map(|x| cause_label(*x, lang))
            .collect::<Vec<_>>()
            .join(if zh { "、" } else { ", " }),
        c.severity.to_string(),
        c.flags.join(", "),
        status_label(c.status, lang).to_string(),
        c.outcome
            .as_deref()
            .map(|o| {
                Outcome::parse(o)
                    .map(|x| x.label(lang).to_string())
                    .unwrap_or_else(|| o.to_string())
            })
            .unwrap_or_default(),
        row.first_contact_at.map(local_time).unwrap_or_default(),
        row.resolved_at.map(local_time).unwrap_or_default(),
        row.spent.clone(),
        row.pending.clone(),
    ]
}

/// A text that a spreadsheet would run as a formula is written as text.
fn csv_safe(s: String) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s
    }
}

fn xe(e: XlsxError) -> CoreError {
    CoreError::Io(std::io::Error::other(format!("writing the workbook: {e}")))
}

fn write_csv(path: &Path, rows: &[Row], personal: bool, lang: Lang) -> Result<()> {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
    // A byte-order mark, so Excel on Chinese Windows reads the file as UTF-8.
    file.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::Writer::from_writer(file);
    let io = |e: csv::Error| CoreError::Io(std::io::Error::other(e.to_string()));
    w.write_record(COLUMNS.iter().map(|(zh, en, _)| lang.pick(zh, en)))
        .map_err(io)?;
    for r in rows {
        w.write_record(cells(r, personal, lang).into_iter().map(csv_safe))
            .map_err(io)?;
    }
    w.flush()?;
    Ok(())
}

fn write_xlsx(path: &Path, rows: &[Row], personal: bool, lang: Lang) -> Result<()> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(lang.pick("案例", "Cases")).map_err(xe)?;
    let header = Format::new()
        .set_bold()
        .set_font_color(Color::White)
        .set_background_color(Color::RGB(0x2F5597))
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center);
    let int = Format::new().set_num_format("0");
    for (i, (zh, en, width)) in COLUMNS.iter().enumerate() {
        let col = i as u16;
        ws.set_column_width(col, *width).map_err(xe)?;
        ws.write_string_with_format(0, col, lang.pick(*zh, *en), &header)
            .map_err(xe)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xe)?;
    for (i, r) in rows.iter().enumerate() {
        let row = u32::try_from(i + 1).map_err(|_| {
            CoreError::validation("validation.too_many", "rows", "too many rows for a sheet")
        })?;
        for (j, cell) in cells(r, personal, lang).into_iter().enumerate() {
            let col = j as u16;
            // Case number and stars are numbers; everything else is text as shown.
            if j == 0 || j == 7 {
                if let Ok(n) = cell.parse::<f64>() {
                    ws.write_number_with_format(row, col, n, &int).map_err(xe)?;
                    continue;
                }
            }
            ws.write_string(row, col, cell).map_err(xe)?;
        }
    }
    ws.autofilter(
        0,
        0,
        u32::try_from(rows.len()).unwrap_or(u32::MAX),
        (COLUMNS.len() - 1) as u16,
    )
    .map_err(xe)?;
    wb.save(path).map_err(xe)?;
    Ok(())
}

/// Writes the selected cases to `path` (.csv or .xlsx by the extension).
pub fn export_cases(
    conn: &Connection,
    e: &CaseExport,
    path: &Path,
    now: DateTime<Utc>,
) -> Result<ExportSummary> {
    let format = ExportFormat::from_path(path)?;
    let rows = load(conn, e, now)?;
    match format {
        ExportFormat::Csv => write_csv(path, &rows, e.include_personal_data, e.lang)?,
        ExportFormat::Xlsx => write_xlsx(path, &rows, e.include_personal_data, e.lang)?,
    }
    Ok(ExportSummary {
        format,
        rows: u32::try_from(rows.len()).unwrap_or(u32::MAX),
        personal_data: e.include_personal_data,
    })
}
