//! The report as a workbook: one formatted sheet per part (summary, trends, causes,
//! products, fixes, open cases, promises, remedies), headers frozen, numbers as numbers.

use super::text::{cause_label, platform_label, status_label};
use super::Report;
use crate::cases::CommitmentKind;
use crate::common::Lang;
use crate::error::{CoreError, Result};
use crate::insights::axis::BEIJING_OFFSET_SECS;
use crate::remedies::money;
use chrono::{DateTime, Utc};
use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

fn xe(e: XlsxError) -> CoreError {
    CoreError::Io(std::io::Error::other(format!("writing the workbook: {e}")))
}

struct Formats {
    title: Format,
    header: Format,
    text: Format,
    wrap: Format,
    int: Format,
    pct: Format,
    hours: Format,
    datetime: Format,
    date: Format,
    bold: Format,
}

impl Formats {
    fn new() -> Formats {
        let cell = || Format::new().set_border(FormatBorder::Thin);
        Formats {
            title: Format::new().set_bold().set_font_size(16),
            header: Format::new()
                .set_bold()
                .set_font_color(Color::White)
                .set_background_color(Color::RGB(0x2F5597))
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            text: cell(),
            wrap: cell().set_text_wrap(),
            int: cell().set_num_format("#,##0"),
            pct: cell().set_num_format("0.00%"),
            hours: cell().set_num_format("0.0"),
            datetime: cell().set_num_format("yyyy-mm-dd hh:mm"),
            date: cell().set_num_format("yyyy-mm-dd"),
            bold: Format::new().set_bold(),
        }
    }

    /// Amounts in the currency's own units with its symbol: ¥1,234.50, JPY 500.
    fn money(currency: &str) -> Format {
        let digits = money::minor_digits(currency).unwrap_or(2);
        let number = if digits == 0 {
            "#,##0".to_string()
        } else {
            format!("#,##0.{}", "0".repeat(digits as usize))
        };
        let symbol = match currency {
            "CNY" => "¥",
            "USD" => "$",
            "EUR" => "€",
            "GBP" => "£",
            _ => "",
        };
        let code = if symbol.is_empty() {
            format!("\"{currency} \"{number}")
        } else {
            format!("\"{symbol}\"{number}")
        };
        Format::new()
            .set_border(FormatBorder::Thin)
            .set_num_format(code)
    }
}

fn major_units(cents: i64, currency: &str) -> f64 {
    let digits = money::minor_digits(currency).unwrap_or(2);
    cents as f64 / 10f64.powi(digits as i32)
}

fn local(t: DateTime<Utc>) -> Result<ExcelDateTime> {
    ExcelDateTime::from_timestamp(t.timestamp() + BEIJING_OFFSET_SECS).map_err(xe)
}

/// A sheet being filled row by row.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    f: &'a Formats,
    row: u32,
}

impl<'a> Sheet<'a> {
    fn new(wb: &'a mut Workbook, f: &'a Formats, name: &str, widths: &[f64]) -> Result<Self> {
        let ws = wb.add_worksheet();
        ws.set_name(name).map_err(xe)?;
        for (i, w) in widths.iter().enumerate() {
            ws.set_column_width(i as u16, *w).map_err(xe)?;
        }
        Ok(Sheet { ws, f, row: 0 })
    }

    /// Header row; the first header row of a sheet is frozen.
    fn header(&mut self, cols: &[&str], freeze: bool) -> Result<()> {
        for (i, c) in cols.iter().enumerate() {
            self.ws
                .write_string_with_format(self.row, i as u16, *c, &self.f.header)
                .map_err(xe)?;
        }
        if freeze {
            self.ws.set_freeze_panes(self.row + 1, 0).map_err(xe)?;
        }
        self.row += 1;
        Ok(())
    }

    fn line(&mut self, text: &str, format: Option<&Format>) -> Result<()> {
        match format {
            Some(f) => self.ws.write_string_with_format(self.row, 0, text, f),
            None => self.ws.write_string(self.row, 0, text),
        }
        .map_err(xe)?;
        self.row += 1;
        Ok(())
    }

    /// Leaves an empty row between blocks.
    fn blank_row(&mut self) {
        self.row += 1;
    }

    fn text(&mut self, col: u16, s: &str) -> Result<()> {
        self.ws
            .write_string_with_format(self.row, col, s, &self.f.text)
            .map_err(xe)?;
        Ok(())
    }

    fn wrap(&mut self, col: u16, s: &str) -> Result<()> {
        self.ws
            .write_string_with_format(self.row, col, s, &self.f.wrap)
            .map_err(xe)?;
        Ok(())
    }

    fn num(&mut self, col: u16, n: f64, format: &Format) -> Result<()> {
        self.ws
            .write_number_with_format(self.row, col, n, format)
            .map_err(xe)?;
        Ok(())
    }

    fn int(&mut self, col: u16, n: impl Into<f64>) -> Result<()> {
        let f = &self.f.int;
        self.ws
            .write_number_with_format(self.row, col, n.into(), f)
            .map_err(xe)?;
        Ok(())
    }

    /// A rate in basis points as a percentage cell; blank with a dash when undefined.
    fn rate(&mut self, col: u16, bp: Option<u32>) -> Result<()> {
        match bp {
            Some(bp) => {
                let f = &self.f.pct;
                self.num(col, f64::from(bp) / 10_000.0, f)
            }
            None => self.text(col, "—"),
        }
    }

    fn hours(&mut self, col: u16, secs: Option<i64>) -> Result<()> {
        match secs {
            Some(s) => {
                let f = &self.f.hours;
                self.num(col, s as f64 / 3600.0, f)
            }
            None => self.text(col, "—"),
        }
    }

    fn money(&mut self, col: u16, cents: Option<i64>, currency: &str) -> Result<()> {
        match cents {
            Some(c) => {
                let f = Formats::money(currency);
                self.num(col, major_units(c, currency), &f)
            }
            None => self.text(col, "—"),
        }
    }

    fn datetime(&mut self, col: u16, t: DateTime<Utc>) -> Result<()> {
        self.ws
            .write_datetime_with_format(self.row, col, local(t)?, &self.f.datetime)
            .map_err(xe)?;
        Ok(())
    }

    fn date(&mut self, col: u16, d: chrono::NaiveDate) -> Result<()> {
        let x = ExcelDateTime::parse_from_str(&d.format("%Y-%m-%d").to_string()).map_err(xe)?;
        self.ws
            .write_datetime_with_format(self.row, col, x, &self.f.date)
            .map_err(xe)?;
        Ok(())
    }

    fn next(&mut self) {
        self.row += 1;
    }
}

/// The report as .xlsx bytes.
pub fn report_xlsx(r: &Report) -> Result<Vec<u8>> {
    let lang = r.request.lang;
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let f = Formats::new();
    let mut wb = Workbook::new();
    let d = &r.dashboard;
    let h = &r.headline;
    let cur = h.currency.as_str();

    // Summary
    {
        let mut s = Sheet::new(&mut wb, &f, t("摘要", "Summary"), &[34.0, 18.0, 60.0])?;
        s.line(&r.title, Some(&f.title))?;
        s.line(
            &format!("{}{}", t("统计期间：", "Period: "), r.period_label),
            None,
        )?;
        let generated = local(r.generated_at)?;
        s.ws.write_string(
            s.row,
            0,
            t("生成时间（北京时间）", "Generated (Beijing time)"),
        )
        .map_err(xe)?;
        s.ws.write_datetime_with_format(s.row, 1, generated, &f.datetime)
            .map_err(xe)?;
        s.next();
        s.blank_row();
        s.header(
            &[
                t("指标", "Figure"),
                t("数值", "Value"),
                t("说明", "How it is counted"),
            ],
            true,
        )?;
        let rows: Vec<(&str, Cell, &str)> = vec![
            (
                t("差评（1–2 星）", "Bad reviews (1–2★)"),
                Cell::Int(h.bad.into()),
                t("按评价时间计入本期的案例", "cases reviewed in the period"),
            ),
            (
                t("中评（3 星）", "Neutral reviews (3★)"),
                Cell::Int(h.neutral.into()),
                "",
            ),
            (
                t("导入评价总数", "Imported reviews"),
                Cell::Int(h.reviews as f64),
                t(
                    "含好评，来自导入的评价统计",
                    "positives included, from imported review statistics",
                ),
            ),
            (
                t("差评率", "Bad-review rate"),
                Cell::Rate(h.bad_rate_bp),
                t(
                    "1–3 星评价 ÷ 全部导入评价",
                    "1–3★ reviews ÷ all imported reviews",
                ),
            ),
            (
                t("结案数", "Cases closed"),
                Cell::Int(h.closed.into()),
                t(
                    "本期内记录结果并关闭的案例",
                    "closed with an outcome in the period",
                ),
            ),
            (
                t("挽回数", "Reviews recovered"),
                Cell::Int(h.recovered.into()),
                t(
                    "买家改评、追加好评或平台删除",
                    "revised, positive follow-up or removed by the platform",
                ),
            ),
            (
                t("挽回率", "Recovery rate"),
                Cell::Rate(h.recovery_rate_bp),
                t("挽回数 ÷ 结案数", "recovered ÷ closed"),
            ),
            (
                t(
                    "首次联系中位用时（小时）",
                    "Median time to first contact (h)",
                ),
                Cell::Hours(h.median_first_contact_secs),
                t("首次联系时间 − 评价时间", "first contact − review time"),
            ),
            (
                t("解决中位用时（小时）", "Median time to resolution (h)"),
                Cell::Hours(h.median_resolution_secs),
                t(
                    "首次解决/关闭时间 − 评价时间",
                    "first resolved or closed − review time",
                ),
            ),
            (
                t("超过首次响应时限", "First-response deadlines missed"),
                Cell::Int(h.deadlines_missed.into()),
                "",
            ),
            (
                t(
                    "超时未联系的未结案例",
                    "Open cases past the deadline, not contacted",
                ),
                Cell::Int(h.open_overdue.into()),
                t("截至生成时间", "as of the time generated"),
            ),
            (
                t("7 天内到期的承诺", "Commitments due within 7 days"),
                Cell::Int(h.commitments_due.into()),
                "",
            ),
            (
                t("已逾期的承诺", "Overdue commitments"),
                Cell::Int(h.commitments_overdue.into()),
                "",
            ),
            (
                t("补偿支出", "Remedy spend"),
                Cell::Money(Some(h.spent_cents)),
                t(
                    "本期兑现的补偿成本",
                    "cost of remedies delivered in the period",
                ),
            ),
            (
                t("每条挽回评价的成本", "Cost per recovered review"),
                Cell::Money(h.cost_per_recovered_cents),
                t(
                    "本期结案案例的补偿成本 ÷ 挽回数",
                    "remedy cost of the cases closed ÷ recovered",
                ),
            ),
        ];
        for (label, value, note) in rows {
            s.text(0, label)?;
            match value {
                Cell::Int(n) => s.int(1, n)?,
                Cell::Rate(bp) => s.rate(1, bp)?,
                Cell::Hours(secs) => s.hours(1, secs)?,
                Cell::Money(c) => s.money(1, c, cur)?,
            }
            s.wrap(2, note)?;
            s.next();
        }
        s.blank_row();
        s.line(t("要点", "Highlights"), Some(&f.bold))?;
        for line in &r.summary {
            s.line(line, None)?;
        }
    }

    // Trends
    {
        let causes: Vec<&crate::insights::model::CauseSeries> = d.trend.by_cause.iter().collect();
        let mut widths = vec![12.0, 12.0, 12.0, 9.0, 9.0, 9.0];
        widths.extend(causes.iter().map(|_| 11.0));
        widths.extend([11.0, 11.0, 9.0, 9.0, 11.0, 13.0, 13.0, 11.0, 13.0]);
        let mut s = Sheet::new(&mut wb, &f, t("趋势", "Trends"), &widths)?;
        let mut cols: Vec<String> = [
            t("期间", "Period"),
            t("起", "From"),
            t("止", "To"),
            t("差评", "Bad"),
            t("中评", "Neutral"),
            t("合计", "Total"),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        cols.extend(
            causes
                .iter()
                .map(|c| cause_label(c.cause, lang).to_string()),
        );
        cols.extend(
            [
                t("导入评价", "Imported reviews"),
                t("差评率", "Bad-review rate"),
                t("结案", "Closed"),
                t("挽回", "Recovered"),
                t("挽回率", "Recovery rate"),
                t("首次联系中位（小时）", "Median first contact (h)"),
                t("解决中位（小时）", "Median resolution (h)"),
                t("超时响应", "Deadlines missed"),
                t("补偿支出", "Remedy spend"),
            ]
            .iter()
            .map(|s| s.to_string()),
        );
        let refs: Vec<&str> = cols.iter().map(String::as_str).collect();
        s.header(&refs, true)?;
        let spend = d.spend.currencies.first();
        for (i, p) in d.trend.periods.iter().enumerate() {
            s.text(0, &p.key)?;
            s.date(1, p.first_day)?;
            s.date(2, p.last_day)?;
            s.int(3, d.trend.bad[i])?;
            s.int(4, d.trend.neutral[i])?;
            s.int(5, d.trend.total[i])?;
            let mut c = 6u16;
            for series in &causes {
                s.int(c, series.counts[i])?;
                c += 1;
            }
            s.int(c, d.trend.rate.reviews[i] as f64)?;
            s.rate(c + 1, d.trend.rate.rate_bp[i])?;
            s.int(c + 2, d.recovery.closed[i])?;
            s.int(c + 3, d.recovery.recovered[i])?;
            s.rate(c + 4, d.recovery.rate_bp[i])?;
            s.hours(c + 5, d.response.first_contact.median_by_period[i])?;
            s.hours(c + 6, d.response.resolution.median_by_period[i])?;
            s.int(c + 7, d.response.deadlines.missed_by_period[i])?;
            s.money(
                c + 8,
                Some(spend.map(|x| x.spent_by_period[i]).unwrap_or(0)),
                cur,
            )?;
            s.next();
        }
    }

    // Causes, outcomes, keyword alerts
    {
        let mut s = Sheet::new(
            &mut wb,
            &f,
            t("原因", "Causes"),
            &[22.0, 12.0, 10.0, 10.0, 10.0, 12.0],
        )?;
        s.header(
            &[
                t("原因", "Cause"),
                t("差评+中评", "Bad + neutral"),
                t("占比", "Share"),
                t("结案", "Closed"),
                t("挽回", "Recovered"),
                t("挽回率", "Recovery rate"),
            ],
            true,
        )?;
        let mut causes: Vec<crate::cases::Cause> = d.causes.iter().map(|c| c.cause).collect();
        for c in &d.recovery.by_cause {
            if !causes.contains(&c.cause) {
                causes.push(c.cause);
            }
        }
        for cause in causes {
            let share = d.causes.iter().find(|c| c.cause == cause);
            let rec = d.recovery.by_cause.iter().find(|c| c.cause == cause);
            s.text(0, cause_label(cause, lang))?;
            s.int(1, share.map(|c| c.count).unwrap_or(0))?;
            s.rate(2, share.map(|c| c.share_bp))?;
            s.int(3, rec.map(|c| c.closed).unwrap_or(0))?;
            s.int(4, rec.map(|c| c.recovered).unwrap_or(0))?;
            s.rate(5, rec.and_then(|c| c.rate_bp))?;
            s.next();
        }
        s.blank_row();
        s.header(&[t("结案结果", "Outcome"), t("案例数", "Cases")], false)?;
        for o in &d.recovery.outcomes {
            s.text(0, o.outcome.label(lang))?;
            s.int(1, o.count)?;
            s.next();
        }
        s.blank_row();
        s.header(
            &[
                t("关键词提醒", "Keyword alert"),
                t("适用商品", "Product"),
                t("命中案例", "Cases"),
            ],
            false,
        )?;
        for a in &d.alerts {
            s.text(0, &a.term)?;
            s.text(
                1,
                if a.product.is_empty() {
                    t("全部", "all")
                } else {
                    &a.product
                },
            )?;
            s.int(2, a.hits)?;
            s.next();
        }
    }

    // Products
    {
        let mut s = Sheet::new(
            &mut wb,
            &f,
            t("商品", "Products"),
            &[6.0, 36.0, 12.0, 8.0, 8.0, 48.0],
        )?;
        s.header(
            &[
                t("排名", "Rank"),
                t("商品", "Product"),
                t("差评+中评", "Bad + neutral"),
                t("差评", "Bad"),
                t("中评", "Neutral"),
                t("主要原因", "Top causes"),
            ],
            true,
        )?;
        for (i, p) in d.products.iter().enumerate() {
            s.int(0, (i + 1) as f64)?;
            s.wrap(1, &p.product)?;
            s.int(2, p.count)?;
            s.int(3, p.bad)?;
            s.int(4, p.neutral)?;
            let causes: Vec<String> = p
                .top_causes
                .iter()
                .map(|c| format!("{} {}", cause_label(c.cause, lang), c.count))
                .collect();
            s.wrap(5, &causes.join(t("、", ", ")))?;
            s.next();
        }
    }

    // Recurring problems and fixes
    {
        let mut s = Sheet::new(
            &mut wb,
            &f,
            t("改进建议", "Fixes"),
            &[24.0, 16.0, 8.0, 40.0, 70.0],
        )?;
        s.header(
            &[
                t("问题", "Problem"),
                t("原因", "Cause"),
                t("案例数", "Cases"),
                t("涉及商品", "Products"),
                t("改进建议", "Suggested fix"),
            ],
            true,
        )?;
        for p in &r.problems {
            s.wrap(0, &p.problem)?;
            s.text(1, cause_label(p.cause, lang))?;
            s.int(2, p.count)?;
            let products: Vec<String> = p
                .products
                .iter()
                .map(|(name, n)| format!("{name} ×{n}"))
                .collect();
            s.wrap(3, &products.join("\n"))?;
            s.wrap(4, &p.suggestion)?;
            s.next();
        }
    }

    // Open cases past the deadline
    {
        let mut s = Sheet::new(
            &mut wb,
            &f,
            t("超时未联系", "Open overdue"),
            &[9.0, 10.0, 16.0, 32.0, 6.0, 14.0, 14.0, 17.0, 12.0],
        )?;
        s.header(
            &[
                t("案例号", "Case #"),
                t("平台", "Platform"),
                t("店铺", "Shop"),
                t("商品", "Product"),
                t("星级", "Stars"),
                t("原因", "Cause"),
                t("状态", "Status"),
                t("评价时间", "Review time"),
                t("超时（小时）", "Hours overdue"),
            ],
            true,
        )?;
        for c in &r.open_overdue {
            s.int(0, c.case_id as f64)?;
            s.text(1, platform_label(c.platform, lang))?;
            s.text(2, &c.shop)?;
            s.wrap(3, &c.product)?;
            s.int(4, c.stars)?;
            s.text(5, cause_label(c.cause, lang))?;
            s.text(6, status_label(c.status, lang))?;
            s.datetime(7, c.review_time)?;
            s.int(8, c.hours_overdue)?;
            s.next();
        }
        if r.open_overdue_total as usize > r.open_overdue.len() {
            s.blank_row();
            s.line(
                &match lang {
                    Lang::Zh => format!(
                        "共 {} 件，此处列出最早的 {} 件。",
                        r.open_overdue_total,
                        r.open_overdue.len()
                    ),
                    Lang::En => format!(
                        "{} in all; the oldest {} are listed.",
                        r.open_overdue_total,
                        r.open_overdue.len()
                    ),
                },
                None,
            )?;
        }
    }

    // Promises and other commitments
    {
        let mut s = Sheet::new(
            &mut wb,
            &f,
            t("到期承诺", "Promises due"),
            &[9.0, 10.0, 40.0, 17.0, 9.0, 32.0],
        )?;
        s.header(
            &[
                t("案例号", "Case #"),
                t("类型", "Type"),
                t("内容", "What"),
                t("到期时间", "Due"),
                t("已逾期", "Overdue"),
                t("商品", "Product"),
            ],
            true,
        )?;
        for c in &r.commitments {
            s.int(0, c.case_id as f64)?;
            s.text(
                1,
                match c.kind {
                    CommitmentKind::Remedy => t("补偿", "Remedy"),
                    CommitmentKind::Promise => t("承诺", "Promise"),
                    CommitmentKind::Appeal => t("申诉", "Appeal"),
                },
            )?;
            s.wrap(2, &c.label)?;
            s.datetime(3, c.due_at)?;
            s.text(
                4,
                if c.overdue {
                    t("是", "yes")
                } else {
                    t("否", "no")
                },
            )?;
            s.wrap(5, &c.product)?;
            s.next();
        }
    }

    // Remedies
    {
        let mut s = Sheet::new(
            &mut wb,
            &f,
            t("补偿", "Remedies"),
            &[26.0, 14.0, 10.0, 14.0],
        )?;
        s.header(
            &[
                t("项目", "Item"),
                t("币种", "Currency"),
                t("数量", "Count"),
                t("金额", "Amount"),
            ],
            true,
        )?;
        for c in &d.spend.currencies {
            let rows: [(&str, Option<u32>, Option<i64>); 4] = [
                (
                    t("已兑现补偿", "Delivered remedies"),
                    Some(c.delivered),
                    Some(c.spent_cents),
                ),
                (
                    t("待兑现（截至现在）", "Still owed (now)"),
                    None,
                    Some(c.pending_cents),
                ),
                (
                    t("结案案例的补偿成本", "Cost of the cases closed"),
                    Some(d.spend.closed_cases),
                    Some(c.closed_cases_cost_cents),
                ),
                (
                    t("每条挽回评价的成本", "Cost per recovered review"),
                    Some(d.spend.recovered),
                    c.cost_per_recovered_cents,
                ),
            ];
            for (label, count, amount) in rows {
                s.text(0, label)?;
                s.text(1, &c.currency)?;
                match count {
                    Some(n) => s.int(2, n)?,
                    None => s.text(2, "")?,
                }
                s.money(3, amount, &c.currency)?;
                s.next();
            }
            for k in &c.by_kind {
                s.text(0, k.kind.label(lang))?;
                s.text(1, &c.currency)?;
                s.int(2, k.count)?;
                s.money(3, Some(k.cost_cents), &c.currency)?;
                s.next();
            }
            s.blank_row();
            s.header(
                &[
                    t("期间", "Period"),
                    t("币种", "Currency"),
                    "",
                    t("支出", "Spent"),
                ],
                false,
            )?;
            for (i, p) in d.spend.periods.iter().enumerate() {
                s.text(0, &p.key)?;
                s.text(1, &c.currency)?;
                s.text(2, "")?;
                s.money(3, Some(c.spent_by_period[i]), &c.currency)?;
                s.next();
            }
            s.blank_row();
        }
        if d.spend.currencies.is_empty() {
            s.line(t("本期没有补偿记录。", "No remedies in this period."), None)?;
        }
    }

    wb.save_to_buffer().map_err(xe)
}

enum Cell {
    Int(f64),
    Rate(Option<u32>),
    Hours(Option<i64>),
    Money(Option<i64>),
}
