//! `haoping-cli import`: counts, the `--json` shape, `--dry-run` and exit codes.

// Test code throughout, helpers included: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

mod common;

use common::{cli, fresh_db, stdout_json};
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
    assert_eq!(keys.len(), 5);
    for k in ["rows_read", "new", "updated", "duplicates", "rejected"] {
        assert!(keys.contains(&k), "{k}");
    }
    assert_eq!(v["rows_read"], 3);
    assert_eq!(v["rejected"][0]["row"], 4);
    assert_eq!(
        v["rejected"][0]["reason"],
        "the rating is empty (column 评分)"
    );

    let first = stdout_json(&cli(&db, &["--json", "import", f]));
    assert_eq!(first["new"], 1, "the dry run wrote nothing");
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
