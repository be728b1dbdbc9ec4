//! The closed-loop report: its content, the workbook and the printable page.

use super::*;

#[test]
fn report_has_open_cases_promises_and_fixes() {
    let fx = fixture();
    let req = ReportRequest::new(d("2026-11-16"), d("2026-11-20"), Lang::Zh);
    let r = closed_loop_report(&fx.conn, &req, fx.now).unwrap();
    assert_eq!(r.period_label, "2026-11-16 – 2026-11-20");
    assert_eq!(r.dashboard.query.granularity, Granularity::Day);
    let h = &r.headline;
    assert_eq!(
        (h.bad, h.neutral, h.bad_rate_bp, h.reviews),
        (4, 2, Some(625), 80)
    );
    assert_eq!(
        (h.closed, h.recovered, h.recovery_rate_bp),
        (5, 3, Some(6000))
    );
    assert_eq!(
        (h.median_first_contact_secs, h.median_resolution_secs),
        (Some(46_800), Some(93_600))
    );
    assert_eq!((h.deadlines_missed, h.open_overdue), (3, 2));
    assert_eq!((h.commitments_due, h.commitments_overdue), (2, 1));
    assert_eq!(
        (h.spent_cents, h.cost_per_recovered_cents),
        (6_850, Some(2_283))
    );

    let open: Vec<(i64, u32)> = r
        .open_overdue
        .iter()
        .map(|c| (c.case_id, c.hours_overdue))
        .collect();
    assert_eq!(open, vec![(fx.c[2], 60), (fx.c[5], 2)]);
    assert_eq!(r.open_overdue_total, 2);

    let due: Vec<(i64, bool)> = r
        .commitments
        .iter()
        .map(|c| (c.case_id, c.overdue))
        .collect();
    assert_eq!(due, vec![(fx.c[2], true), (fx.c[4], false)]);
    // The promise's phone number stays out of the report.
    assert!(
        !r.commitments[0].label.contains("13812345678"),
        "{}",
        r.commitments[0].label
    );
    assert_eq!(r.commitments[1].label, "部分退款 ¥10.00");

    let problems: Vec<(&str, u32)> = r
        .problems
        .iter()
        .map(|p| (p.problem.as_str(), p.count))
        .collect();
    assert_eq!(
        problems,
        vec![
            ("漏水/渗漏", 2),
            ("包装破损", 2),
            ("配送太慢", 1),
            ("客服回复慢", 1),
            ("刚买就降价", 1)
        ]
    );
    assert!(
        r.problems[1]
            .line
            .starts_with("包装破损 ×2 → 加强包装（加气泡膜/换加厚纸箱）"),
        "{}",
        r.problems[1].line
    );
    assert_eq!(
        r.problems[1].products,
        vec![("保温杯".to_string(), 1), ("电热水壶".to_string(), 1)]
    );
    assert!(
        r.summary.iter().any(|l| l.contains("挽回率 60.00%")),
        "{:?}",
        r.summary
    );

    let en = closed_loop_report(
        &fx.conn,
        &ReportRequest::new(d("2026-11-16"), d("2026-11-20"), Lang::En),
        fx.now,
    )
    .unwrap();
    assert_eq!(en.problems[0].problem, "leaks");
    assert_eq!(en.commitments[1].label, "partial refund ¥10.00");
    assert!(
        en.summary
            .iter()
            .any(|l| l.contains("recovery rate of 60.00%")),
        "{:?}",
        en.summary
    );

    // The month preset picks weeks beyond 31 days and months beyond half a year.
    let (from, to) = period_around(Granularity::Month, d("2026-11-20"));
    let req = ReportRequest::new(from, to, Lang::Zh);
    assert_eq!(
        closed_loop_report(&fx.conn, &req, fx.now)
            .unwrap()
            .dashboard
            .query
            .granularity,
        Granularity::Day
    );
    let req = ReportRequest::new(d("2026-09-01"), d("2026-11-30"), Lang::Zh);
    assert_eq!(
        closed_loop_report(&fx.conn, &req, fx.now)
            .unwrap()
            .dashboard
            .query
            .granularity,
        Granularity::Week
    );
}

#[test]
fn report_workbook_has_formatted_sheets_and_the_figures() {
    use calamine::{open_workbook, Reader, Xlsx};
    let fx = fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.xlsx");
    let req = ReportRequest::new(d("2026-11-16"), d("2026-11-20"), Lang::Zh);
    assert_eq!(
        write_report(&fx.conn, &req, &path, fx.now).unwrap(),
        ReportFormat::Xlsx
    );
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        wb.sheet_names(),
        vec![
            "摘要",
            "趋势",
            "原因",
            "商品",
            "改进建议",
            "超时未联系",
            "到期承诺",
            "补偿"
        ]
    );
    let summary = wb.worksheet_range("摘要").unwrap();
    assert_eq!(xlsx_cell(&summary, 0, 0), "差评闭环报告");
    let find = |label: &str| -> String {
        (0..summary.height() as u32)
            .find(|r| xlsx_cell(&summary, *r, 0) == label)
            .map(|r| xlsx_cell(&summary, r, 1))
            .unwrap_or_else(|| panic!("no row {label}"))
    };
    assert_eq!(find("差评（1–2 星）"), "4");
    assert_eq!(find("挽回率"), "0.6");
    assert_eq!(find("补偿支出"), "68.5");
    assert_eq!(find("首次联系中位用时（小时）"), "13");

    let trends = wb.worksheet_range("趋势").unwrap();
    assert_eq!(xlsx_cell(&trends, 0, 0), "期间");
    assert_eq!(xlsx_cell(&trends, 1, 0), "2026-11-16");
    assert_eq!(xlsx_cell(&trends, 1, 3), "2");
    let products = wb.worksheet_range("商品").unwrap();
    assert_eq!(xlsx_cell(&products, 1, 1), "保温杯");
    let open = wb.worksheet_range("超时未联系").unwrap();
    assert_eq!(open.height(), 3);
    assert_eq!(xlsx_cell(&open, 1, 0), fx.c[2].to_string());
    let fixes = wb.worksheet_range("改进建议").unwrap();
    assert_eq!(xlsx_cell(&fixes, 2, 0), "包装破损");
    assert!(xlsx_cell(&fixes, 2, 4).starts_with("加强包装"));
    let promises = wb.worksheet_range("到期承诺").unwrap();
    assert_eq!(promises.height(), 3);

    // No personal data anywhere in the workbook.
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        for cell in range.cells() {
            let text = cell.2.to_string();
            assert!(
                !text.contains("13812345678") && !text.contains("小王同学"),
                "{name}: {text}"
            );
        }
    }

    // Frozen header rows and number formats are in the sheet XML.
    let file = std::fs::File::open(&path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet2.xml").unwrap(),
        &mut xml,
    )
    .unwrap();
    assert!(xml.contains("state=\"frozen\""), "{xml}");
    let mut styles = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut styles).unwrap();
    assert!(styles.contains("0.00%") && styles.contains("¥"), "{styles}");

    let en = dir.path().join("report-en.xlsx");
    let req = ReportRequest::new(d("2026-11-16"), d("2026-11-20"), Lang::En);
    write_report(&fx.conn, &req, &en, fx.now).unwrap();
    let wb: Xlsx<_> = open_workbook(&en).unwrap();
    assert_eq!(wb.sheet_names()[0], "Summary");

    let bad = dir.path().join("report.pdf");
    assert_eq!(
        write_report(&fx.conn, &req, &bad, fx.now)
            .unwrap_err()
            .code(),
        "validation.report_format"
    );
}

#[test]
fn report_page_is_self_contained_and_escaped() {
    let mut fx = fixture();
    let evil = "<script>alert(1)</script>杯";
    case(
        &mut fx.conn,
        "taobao",
        "A店",
        evil,
        1,
        "2026-11-20T01:00:00Z",
        "盖子漏水",
        Cause::Quality,
        "",
    );
    let req = ReportRequest::new(d("2026-11-16"), d("2026-11-20"), Lang::Zh);
    let r = closed_loop_report(&fx.conn, &req, fx.now).unwrap();
    let html = report_html(&r);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"), "unescaped script tag");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;杯"));
    assert!(!html.contains("src=") && !html.contains("href=") && !html.contains("<link"));
    assert!(html.contains("@media print"));
    assert!(html.contains("<svg"));
    assert!(html.contains("60.00%") || html.contains("50.00%"));
    assert!(html.contains("加强包装（加气泡膜/换加厚纸箱）"));
    assert!(!html.contains("13812345678"));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.html");
    let en = ReportRequest::new(d("2026-11-16"), d("2026-11-20"), Lang::En);
    assert_eq!(
        write_report(&fx.conn, &en, &path, fx.now).unwrap(),
        ReportFormat::Html
    );
    let page = std::fs::read_to_string(&path).unwrap();
    assert!(page.contains("<html lang=\"en\">"));
    assert!(page.contains("Closed-loop review report"));
    assert!(page.contains("Pack better (bubble film, thicker boxes)"));
}
