#![allow(clippy::unwrap_used)] // test code: a failure is the test failing

//! `triage`, `triage-eval` and `triage-rules` as a script would use them.

mod common;

use common::{cli_with_input, fresh_db, succeeded};

#[test]
fn labels_stdin_lines_in_order_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let input = "质量不错，就是物流太慢\n漏電了，我要投訴12315\nRuns small, returning it\n给我返现50，不然差评\n";
    let out = succeeded(cli_with_input(&db, &["--json", "triage"], input));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    for l in &lines {
        let keys: Vec<&str> = l.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        assert_eq!(keys.len(), 5, "{l}");
        for k in ["primary", "causes", "severity", "flags", "reasons"] {
            assert!(keys.contains(&k), "{l}");
        }
    }
    assert_eq!(lines[0]["primary"], "logistics");
    assert_eq!(lines[1]["severity"], 3);
    assert!(lines[1]["reasons"]
        .as_array()
        .unwrap()
        .contains(&"威胁投诉 12315".into()));
    assert_eq!(lines[2]["primary"], "not_as_described");
    assert_eq!(lines[2]["flags"][0], "asks_return");
    assert_eq!(lines[3]["primary"], "malicious");
    // Labelling text never creates a database.
    assert!(!db.exists());
}

#[test]
fn text_option_and_plain_output() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let out = succeeded(cli_with_input(
        &db,
        &[
            "triage",
            "--lang",
            "en",
            "--text",
            "发错货了",
            "--text",
            "Too expensive",
        ],
        "",
    ));
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][0], "shipping_error");
    assert_eq!(rows[1][0], "price");
    assert!(rows[0][4].contains("shipping error"), "{text}");
}

#[test]
fn owner_keywords_reach_the_triage_command() {
    let (_dir, db) = fresh_db();
    let before = succeeded(cli_with_input(
        &db,
        &["--json", "triage", "--text", "全是水垢"],
        "",
    ));
    // The shipped labeller may read it as quality on its own; the owner's keyword is what
    // raises the alert and is named among the reasons.
    assert!(!String::from_utf8_lossy(&before.stdout).contains("keyword_alert"));
    succeeded(cli_with_input(
        &db,
        &[
            "triage-rules",
            "add-keyword",
            "--cause",
            "quality",
            "--term",
            "水垢",
        ],
        "",
    ));
    succeeded(cli_with_input(
        &db,
        &["triage-rules", "add-alert", "--term", "水垢"],
        "",
    ));
    let after = succeeded(cli_with_input(
        &db,
        &["--json", "triage", "--text", "全是水垢"],
        "",
    ));
    let v: serde_json::Value = serde_json::from_slice(&after.stdout).unwrap();
    assert_eq!(v["primary"], "quality");
    assert_eq!(v["flags"][0], "keyword_alert");
    let list = succeeded(cli_with_input(&db, &["--json", "triage-rules", "list"], ""));
    let v: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(v["keywords"][0]["term"], "水垢");
    let re = succeeded(cli_with_input(
        &db,
        &["--json", "triage-rules", "retriage"],
        "",
    ));
    let v: serde_json::Value = serde_json::from_slice(&re.stdout).unwrap();
    assert_eq!(v["cancelled"], false);
}

#[test]
fn eval_prints_the_tables() {
    let dir = tempfile::tempdir().unwrap();
    let out = succeeded(cli_with_input(
        &dir.path().join("x.db"),
        &["triage-eval"],
        "",
    ));
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "primary-cause accuracy",
        "macro-F1",
        "precision",
        "confusion matrix",
        "hand-written set",
    ] {
        assert!(text.contains(needle), "{needle} missing in:\n{text}");
    }
}
