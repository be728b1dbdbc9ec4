//! `haoping-cli report` and `export-cases` as a script uses them: the report of a period
//! as .xlsx and .html in either language, the case list masked unless asked otherwise,
//! and clear errors for a wrong file type or date.

mod common;

use common::{cli, fresh_db, ok_json};
use serde_json::Value;
use std::path::Path;

fn add(db: &Path, product: &str, stars: &str, review: &str, time: &str, phone: &str) {
    ok_json(
        db,
        &[
            "add",
            "--platform",
            "taobao",
            "--product",
            product,
            "--stars",
            stars,
            "--review",
            review,
            "--time",
            time,
            "--phone",
            phone,
        ],
    );
}

#[test]
fn writes_the_report_and_the_masked_case_list() {
    let (dir, db) = fresh_db();
    add(
        &db,
        "电热水壶",
        "1",
        "壶底漏水，用了两天就坏了",
        "2026-11-18 10:00",
        "13812345678",
    );
    add(
        &db,
        "保温杯",
        "2",
        "包装破损，盒子压扁了",
        "2026-11-19 09:00",
        "",
    );
    add(&db, "保温杯", "5", "很好", "2026-11-19 09:30", "");

    let xlsx = dir.path().join("week.xlsx");
    let v = ok_json(
        &db,
        &[
            "report",
            "--from",
            "2026-11-16",
            "--to",
            "2026-11-22",
            "--lang",
            "zh",
            "--out",
            xlsx.to_str().unwrap(),
        ],
    );
    assert_eq!(v["format"], "xlsx");
    assert_eq!(v["headline"]["bad"], 2);
    assert_eq!(v["period"], "2026-11-16 – 2026-11-22");
    let bytes = std::fs::read(&xlsx).unwrap();
    assert!(bytes.starts_with(b"PK"), "an .xlsx is a zip");

    let html = dir.path().join("week.html");
    let out = cli(
        &db,
        &[
            "report",
            "--from",
            "2026-11-16",
            "--to",
            "2026-11-22",
            "--lang",
            "en",
            "--out",
            html.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 bad and 0 neutral reviews"));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("Closed-loop review report"));
    assert!(!page.contains("13812345678"));

    let csv = dir.path().join("cases.csv");
    let v = ok_json(
        &db,
        &[
            "export-cases",
            "--out",
            csv.to_str().unwrap(),
            "--from",
            "2026-11-18",
            "--to",
            "2026-11-19",
        ],
    );
    assert_eq!(v["summary"]["rows"], 3);
    assert_eq!(v["summary"]["personal_data"], false);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("138******78") && !text.contains("13812345678"));

    let full = dir.path().join("full.csv");
    let v = ok_json(
        &db,
        &[
            "export-cases",
            "--out",
            full.to_str().unwrap(),
            "--stars",
            "1",
            "--include-personal-data",
        ],
    );
    assert_eq!(v["summary"]["rows"], 1);
    assert!(std::fs::read_to_string(&full)
        .unwrap()
        .contains("13812345678"));
}

#[test]
fn refuses_wrong_files_and_dates() {
    let (dir, db) = fresh_db();
    let pdf = dir.path().join("r.pdf");
    let out = cli(
        &db,
        &[
            "--json",
            "report",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["code"], "validation.report_format");

    let xlsx = dir.path().join("r.xlsx");
    let out = cli(
        &db,
        &[
            "--json",
            "report",
            "--from",
            "30/11/2026",
            "--to",
            "2026-11-30",
            "--out",
            xlsx.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["field"], "from");
    assert!(!xlsx.exists());
}
