//! Opening the cases behind a chart, and the case-list export.

use super::*;

#[test]
fn case_export_masks_personal_data_unless_asked() {
    use calamine::{open_workbook, Reader, Xlsx};
    let mut fx = fixture();
    let id = case(
        &mut fx.conn,
        "taobao",
        "A店",
        "电热水壶",
        1,
        "2026-11-20T02:00:00Z",
        "=1+1 寄到杭州市西湖区文三路100号，电话13912345678",
        Cause::Logistics,
        "13912345678",
    );
    let dir = tempfile::tempdir().unwrap();
    let selection = CaseDrill {
        filter: crate::cases::CaseFilter {
            causes: vec![Cause::Logistics],
            descending: true,
            ..Default::default()
        },
        ..Default::default()
    };
    let csv_path = dir.path().join("cases.csv");
    let e = CaseExport {
        selection: selection.clone(),
        include_personal_data: false,
        lang: Lang::Zh,
    };
    let s = export_cases(&fx.conn, &e, &csv_path, fx.now).unwrap();
    assert_eq!(
        (s.format, s.rows, s.personal_data),
        (ExportFormat::Csv, 2, false)
    );
    let text = std::fs::read_to_string(&csv_path).unwrap();
    assert!(text.starts_with('\u{feff}'));
    assert!(!text.contains("13912345678"), "{text}");
    assert!(text.contains("139******78"), "{text}");
    assert!(!text.contains("文三路100号"), "{text}");
    assert!(text.contains("'=1+1"), "formula must be defused: {text}");
    let mut rows = csv::Reader::from_path(&csv_path).unwrap();
    let header = rows.headers().unwrap().clone();
    assert_eq!(header[0].trim_start_matches('\u{feff}'), "案例号");
    assert_eq!(&header[5], "电话");
    let first = rows.records().next().unwrap().unwrap();
    assert_eq!(&first[0], id.to_string().as_str()); // newest first, as the inbox sorts

    let full = CaseExport {
        selection: selection.clone(),
        include_personal_data: true,
        lang: Lang::En,
    };
    let xlsx_path = dir.path().join("cases.xlsx");
    let s = export_cases(&fx.conn, &full, &xlsx_path, fx.now).unwrap();
    assert_eq!(
        (s.format, s.rows, s.personal_data),
        (ExportFormat::Xlsx, 2, true)
    );
    let mut wb: Xlsx<_> = open_workbook(&xlsx_path).unwrap();
    let sheet = wb.worksheet_range("Cases").unwrap();
    assert_eq!(xlsx_cell(&sheet, 0, 5), "Phone");
    assert_eq!(xlsx_cell(&sheet, 1, 0), id.to_string());
    assert_eq!(xlsx_cell(&sheet, 1, 5), "13912345678");
    assert!(xlsx_cell(&sheet, 1, 9).contains("文三路100号"));
    assert_eq!(xlsx_cell(&sheet, 1, 12), "Delivery");

    let masked = CaseExport {
        selection,
        include_personal_data: false,
        lang: Lang::Zh,
    };
    let masked_path = dir.path().join("masked.xlsx");
    export_cases(&fx.conn, &masked, &masked_path, fx.now).unwrap();
    let mut wb: Xlsx<_> = open_workbook(&masked_path).unwrap();
    let sheet = wb.worksheet_range("案例").unwrap();
    assert_eq!(xlsx_cell(&sheet, 1, 5), "139******78");
    for cell in sheet.cells() {
        assert!(!cell.2.to_string().contains("13912345678"));
    }
    // Costs come from the ledger: C3 has none, the export shows it empty.
    assert_eq!(xlsx_cell(&sheet, 2, 20), "");

    let bad = dir.path().join("cases.txt");
    assert_eq!(
        export_cases(&fx.conn, &masked, &bad, fx.now)
            .unwrap_err()
            .code(),
        "validation.export_format"
    );
}

#[test]
fn drill_understands_shops_products_and_closing() {
    let fx = fixture();
    let drill = CaseDrill {
        shops: vec!["B店".into()],
        ..Default::default()
    };
    assert_eq!(
        ids(&drill_cases(&fx.conn, &drill, fx.now).unwrap()),
        vec![fx.c[2], fx.c[3]]
    );
    let drill = CaseDrill {
        products: vec!["保温杯".into()],
        filter: crate::cases::CaseFilter {
            platforms: vec![Platform::Taobao],
            ..Default::default()
        },
        ..Default::default()
    };
    assert_eq!(
        ids(&drill_cases(&fx.conn, &drill, fx.now).unwrap()),
        vec![fx.c[7]]
    );
    let drill = CaseDrill {
        resolved_from: Some(t("2026-11-19T00:00:00Z")),
        resolved_to: Some(t("2026-11-19T23:59:59Z")),
        ..Default::default()
    };
    assert_eq!(
        ids(&drill_cases(&fx.conn, &drill, fx.now).unwrap()),
        vec![fx.c[1], fx.c[3]]
    );
    let drill = CaseDrill {
        filter: crate::cases::CaseFilter {
            limit: 2,
            descending: true,
            ..Default::default()
        },
        ..Default::default()
    };
    let page = drill_cases(&fx.conn, &drill, fx.now).unwrap();
    assert_eq!((page.total, page.items.len()), (8, 2));
    assert_eq!(page.items[0].id, fx.c[7]);
}

#[test]
fn drill_with_only_an_inbox_filter_lists_what_the_inbox_lists() {
    let fx = fixture();
    let filters = [
        crate::cases::CaseFilter::default(),
        crate::cases::CaseFilter {
            query: "漏水".into(),
            ..Default::default()
        },
        crate::cases::CaseFilter {
            query: "物流太慢".into(),
            ..Default::default()
        },
        crate::cases::CaseFilter {
            urgent_only: true,
            ..Default::default()
        },
        crate::cases::CaseFilter {
            open_only: true,
            stars: vec![1, 2],
            ..Default::default()
        },
        crate::cases::CaseFilter {
            statuses: vec![CaseStatus::Closed],
            causes: vec![Cause::Quality],
            min_severity: Some(1),
            sort: crate::cases::SortKey::Product,
            descending: true,
            limit: 2,
            offset: 1,
            ..Default::default()
        },
    ];
    for f in filters {
        let inbox = cases::list(&fx.conn, &f).unwrap();
        let drill = drill_cases(
            &fx.conn,
            &CaseDrill {
                filter: f.clone(),
                ..Default::default()
            },
            fx.now,
        )
        .unwrap();
        assert_eq!(drill, inbox, "{f:?}");
    }
}
