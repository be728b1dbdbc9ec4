//! `haoping-cli import`: counts, the `--json` shape, `--dry-run` and exit codes.

// Test code throughout, helpers included: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

mod common;

use common::{cli, fresh_db, ok_json, stdout_json};
use std::path::PathBuf;

/// Small exports in layouts no preset knows, under tests/fixtures/import.
fn fixture(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/import")
        .join(name);
    assert!(p.exists(), "{}", p.display());
    p.to_string_lossy().into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
const FILE: &str = "评论ID,评分,评论内容,商品名称,评论时间\n\
P1,1,漏水,保温杯,2024-05-01 10:00\n\
P2,5,很好,保温杯,2024-05-01 11:00\n\
P3,,没评分,保温杯,2024-05-01 12:00\n";

#[test]
fn import_reports_counts_as_json_and_text() {
    let (dir, db) = fresh_db();
    let f = dir.path().join("pdd.csv");
    std::fs::write(&f, FILE).unwrap();
    let f = f.to_str().unwrap();

    let dry = cli(&db, &["--json", "import", f, "--dry-run"]);
    assert!(dry.status.success());
    let v = stdout_json(&dry);
    assert_eq!(v["new"], 1);
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 6, "a dry run adds the mapping: {keys:?}");
    for k in [
        "rows_read",
        "new",
        "updated",
        "duplicates",
        "rejected",
        "mapping",
    ] {
        assert!(keys.contains(&k), "{k}");
    }
    assert_eq!(v["mapping"]["preset"], "pinduoduo");
    assert_eq!(v["rows_read"], 3);
    assert_eq!(v["rejected"][0]["row"], 4);
    assert_eq!(
        v["rejected"][0]["reason"],
        "the rating is empty (column 评分)"
    );

    let first = stdout_json(&cli(&db, &["--json", "import", f]));
    assert_eq!(first["new"], 1, "the dry run wrote nothing");
    assert_eq!(first.as_object().unwrap().len(), 5, "{first}");
    let again = stdout_json(&cli(&db, &["--json", "import", f, "--preset", "pinduoduo"]));
    assert_eq!(
        (again["new"].as_u64(), again["duplicates"].as_u64()),
        (Some(0), Some(2))
    );

    let text = cli(&db, &["import", f]);
    let out = String::from_utf8_lossy(&text.stdout);
    assert!(out.contains("duplicates  2"), "{out}");
    assert!(out.contains("row       4"), "{out}");
}

#[test]
fn exit_codes_say_whether_anything_was_imported() {
    let (dir, db) = fresh_db();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "label,review\n7,难吃\n").unwrap();
    let out = cli(&db, &["import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "every row rejected");

    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    let out = cli(&db, &["--json", "import", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["code"], "intake.empty_file");

    let out = cli(&db, &["import", bad.to_str().unwrap(), "--preset", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("intake.unknown_preset"));
}

#[test]
fn auto_mapping_reads_an_unknown_layout_by_its_column_names() {
    let (_dir, db) = fresh_db();
    let f = fixture("scraped-reviews.csv");
    let out = cli(&db, &["import", &f]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("intake.unknown_layout"), "{err}");
    assert!(err.contains("--mapping auto"), "{err}");

    let dry = cli(&db, &["import", &f, "--mapping", "auto", "--dry-run"]);
    assert!(dry.status.success(), "{}", stderr(&dry));
    let text = String::from_utf8_lossy(&dry.stdout);
    assert!(text.contains("suggested from the column names"), "{text}");
    assert!(text.contains("打分     → rating"), "{text}");
    assert!(text.contains("用户ID   → buyer_nick"), "{text}");
    assert!(text.contains("dry run: nothing was written"), "{text}");

    let v = ok_json(
        &db,
        &["import", &f, "--mapping", "auto", "--platform", "PDD"],
    );
    assert_eq!(
        (v["new"].as_u64(), v["rows_read"].as_u64()),
        (Some(2), Some(4))
    );
    let cases = ok_json(&db, &["list"]);
    let platforms: Vec<&str> = cases
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["platform"].as_str())
        .collect();
    assert_eq!(platforms, ["pinduoduo", "pinduoduo"]);
}

#[test]
fn auto_mapping_refuses_a_file_without_a_rating_and_names_what_it_found() {
    let (_dir, db) = fresh_db();
    let f = fixture("no-rating.csv");
    let out = cli(&db, &["import", &f, "--mapping", "auto"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("intake.mapping_not_enough"), "{err}");
    assert!(err.contains("会员名, 评价内容, 日期, 备注"), "{err}");
    assert!(err.contains("评价内容 → review_text"), "{err}");
    assert!(err.contains("missing a rating or sentiment label"), "{err}");
    assert!(err.contains("--mapping FILE.json"), "{err}");
    assert!(!db.exists() || ok_json(&db, &["list"]).as_array().unwrap().is_empty());

    let out = cli(&db, &["--json", "import", &f, "--mapping", "auto"]);
    let e: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(e["code"], "intake.mapping_not_enough");
}

#[test]
fn a_mapping_file_reads_columns_no_synonym_knows() {
    let (dir, db) = fresh_db();
    let f = fixture("kundenbewertungen.csv");
    let auto = cli(&db, &["import", &f, "--mapping", "auto"]);
    assert_eq!(
        auto.status.code(),
        Some(2),
        "German headers are no synonyms"
    );

    let mapping = fixture("kundenbewertungen.mapping.json");
    let dry = ok_json(&db, &["import", &f, "--mapping", &mapping, "--dry-run"]);
    assert_eq!(dry["mapping"]["source"], "explicit");
    assert_eq!(dry["mapping"]["timezone"], "Europe/Berlin");
    let v = ok_json(&db, &["import", &f, "--mapping", &mapping]);
    assert_eq!(
        (v["new"].as_u64(), v["rows_read"].as_u64()),
        (Some(2), Some(3))
    );

    // The mapping a dry run prints is a mapping file.
    let printed = dir.path().join("printed.json");
    std::fs::write(&printed, dry["mapping"].to_string()).unwrap();
    let again = ok_json(&db, &["import", &f, "--mapping", printed.to_str().unwrap()]);
    assert_eq!(
        (again["new"].as_u64(), again["duplicates"].as_u64()),
        (Some(0), Some(3))
    );

    let broken = dir.path().join("broken.json");
    std::fs::write(
        &broken,
        "{\n  \"fields\": [\n    {\"field\": \"rating\" \"column\": \"Sterne\"}\n  ]\n}\n",
    )
    .unwrap();
    let out = cli(&db, &["import", &f, "--mapping", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("intake.bad_mapping_file"), "{err}");
    assert!(err.contains("line 3, column"), "{err}");

    let wrong = dir.path().join("wrong.json");
    std::fs::write(
        &wrong,
        r#"{"fields": [{"field": "rating", "column": "Sterne"},
                       {"field": "review_text", "column": "Text"}]}"#,
    )
    .unwrap();
    let out = cli(&db, &["import", &f, "--mapping", wrong.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("intake.mapping_unknown_column"), "{err}");
    assert!(err.contains("'Text'"), "{err}");
}

#[test]
fn platforms_go_by_their_short_names() {
    let (_dir, db) = fresh_db();
    let f = fixture("scraped-reviews.csv");
    for (name, code) in [
        ("tb", "taobao"),
        ("TM", "tmall"),
        ("dy", "douyin"),
        ("mt", "meituan"),
        ("amz", "amazon"),
    ] {
        let v = ok_json(
            &db,
            &[
                "import",
                &f,
                "--mapping",
                "auto",
                "--platform",
                name,
                "--dry-run",
            ],
        );
        assert_eq!(v["mapping"]["platform"], code, "{name}");
    }
    let out = cli(
        &db,
        &["import", &f, "--mapping", "auto", "--platform", "ebay"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("validation.unknown_platform"), "{err}");
    assert!(err.contains("pinduoduo (pdd)"), "{err}");
}
