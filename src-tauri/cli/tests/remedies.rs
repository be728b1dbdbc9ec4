//! `haoping-cli remedies` as a script uses it: record, deliver, list with totals as JSON,
//! and refuse illegal moves with a non-zero exit and a machine-readable error.

mod common;

use common::{cli, fresh_db, ok_json};
use serde_json::Value;
#[test]
fn records_remedies_and_prints_items_with_totals() {
    let (_dir, db) = fresh_db();
    let case = ok_json(
        &db,
        &[
            "add",
            "--platform",
            "taobao",
            "--product",
            "电热水壶",
            "--stars",
            "1",
            "--review",
            "壶底漏水，用了两天就坏了",
            "--time",
            "2026-11-18 10:00",
        ],
    );
    let id = case["id"].as_i64().unwrap().to_string();

    let refund = ok_json(
        &db,
        &[
            "remedies",
            "add",
            "--case",
            &id,
            "--kind",
            "partial_refund",
            "--value",
            "20.00",
            "--due",
            "2020-01-01 12:00",
        ],
    );
    assert_eq!(refund["value_cents"], 2000);
    assert_eq!(refund["status"], "proposed");
    let coupon = ok_json(
        &db,
        &[
            "remedies", "add", "--case", &id, "--kind", "coupon", "--value", "10",
        ],
    );
    assert_eq!(coupon["cost_cents"], 300);
    let coupon_id = coupon["id"].as_i64().unwrap().to_string();
    let delivered = ok_json(
        &db,
        &[
            "remedies",
            "status",
            &coupon_id,
            "delivered",
            "--reference",
            "CP-88",
        ],
    );
    assert_eq!(delivered["reference"], "CP-88");
    ok_json(
        &db,
        &[
            "remedies",
            "promise",
            "--case",
            &id,
            "--text",
            "明天下午回电",
            "--due",
            "2099-01-01 15:00",
        ],
    );

    let listing = ok_json(&db, &["remedies"]);
    let items = listing["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    let types: Vec<&str> = items.iter().map(|i| i["type"].as_str().unwrap()).collect();
    assert_eq!(types, vec!["remedy", "promise", "remedy"], "by due time");
    let cny = &listing["totals"]["currencies"][0];
    assert_eq!(cny["currency"], "CNY");
    assert_eq!(cny["spent_cents"], 300);
    assert_eq!(cny["pending_cents"], 2000);
    assert_eq!(listing["totals"]["overdue"]["remedies"], 1);

    // Delivering the refund moves the totals.
    let refund_id = refund["id"].as_i64().unwrap().to_string();
    ok_json(&db, &["remedies", "status", &refund_id, "delivered"]);
    let after = ok_json(&db, &["remedies", "--case", &id]);
    assert_eq!(after["totals"]["currencies"][0]["spent_cents"], 2300);
    assert_eq!(after["totals"]["overdue"]["total"], 0);

    let overdue = ok_json(&db, &["remedies", "--overdue"]);
    assert_eq!(overdue["items"].as_array().unwrap().len(), 0);

    let text = cli(&db, &["remedies"]);
    let shown = String::from_utf8_lossy(&text.stdout);
    assert!(shown.contains("明天下午回电"), "{shown}");
    assert!(shown.contains("spent ¥23.00"), "{shown}");

    ok_json(
        &db,
        &["remedies", "close", &id, "review_revised", "--stars", "5"],
    );
    let closed = ok_json(&db, &["remedies"]);
    assert_eq!(closed["totals"]["recovered_reviews"], 1);
    assert_eq!(
        closed["totals"]["currencies"][0]["cost_per_recovered_cents"],
        2300
    );
}

#[test]
fn illegal_moves_and_bad_amounts_fail_with_codes() {
    let (_dir, db) = fresh_db();
    ok_json(
        &db,
        &[
            "add",
            "--platform",
            "jd",
            "--product",
            "保温杯",
            "--stars",
            "2",
            "--review",
            "不保温",
        ],
    );
    let bad = cli(
        &db,
        &[
            "--json",
            "remedies",
            "add",
            "--case",
            "1",
            "--kind",
            "partial_refund",
            "--value",
            "12.505",
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    let err: Value = serde_json::from_slice(&bad.stderr).unwrap();
    assert_eq!(err["code"], "validation.amount");
    assert_eq!(err["field"], "value");

    ok_json(
        &db,
        &[
            "remedies", "add", "--case", "1", "--kind", "points", "--value", "5",
        ],
    );
    ok_json(&db, &["remedies", "status", "1", "cancelled"]);
    let again = cli(&db, &["--json", "remedies", "status", "1", "delivered"]);
    assert_eq!(again.status.code(), Some(2));
    let err: Value = serde_json::from_slice(&again.stderr).unwrap();
    assert_eq!(err["code"], "invalid_transition");

    let flagged = cli(
        &db,
        &[
            "remedies",
            "add",
            "--case",
            "1",
            "--kind",
            "coupon",
            "--value",
            "5",
            "--note",
            "好评后返现",
        ],
    );
    assert!(flagged.status.success());
    assert!(String::from_utf8_lossy(&flagged.stdout).contains("warning:"));

    let missing = cli(
        &db,
        &[
            "remedies",
            "appeal",
            "evidence",
            "1",
            "/nonexistent/录音.m4a",
        ],
    );
    assert_eq!(missing.status.code(), Some(2), "no appeal 1 yet");
}
