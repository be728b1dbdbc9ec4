//! `haoping-cli due` and `haoping-cli contact` as a script uses them.

// The helpers below are test code too: any failure in them is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{DateTime, Duration, Utc};
use common::{cli, fresh_db, ok_json};
use serde_json::Value;
use std::path::Path;

fn add(db: &Path, platform: &str, time: &str) -> String {
    let case = ok_json(
        db,
        &[
            "add",
            "--platform",
            platform,
            "--product",
            "电热水壶",
            "--stars",
            "1",
            "--review",
            "壶底漏水，用了两天就坏了",
            "--time",
            time,
        ],
    );
    case["id"].as_i64().unwrap().to_string()
}

fn kinds_of(due: &Value, id: &str) -> Vec<String> {
    due.as_array()
        .unwrap()
        .iter()
        .filter(|d| d["case_id"].as_i64().unwrap().to_string() == id)
        .map(|d| d["kind"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn due_lists_the_first_reply_deadline_with_its_offset() {
    let (_dir, db) = fresh_db();
    // 10:00 Beijing time: the first reply is due at 10:00 the next day.
    let id = add(&db, "taobao", "2026-11-18 10:00");
    let due = ok_json(&db, &["due", "--at", "2026-11-19T11:00:00+08:00"]);
    let items = due.as_array().unwrap();
    assert_eq!(items.len(), 1, "{due:#}");
    let d = &items[0];
    assert_eq!(d["case_id"].as_i64().unwrap().to_string(), id);
    assert_eq!(d["kind"], "first_response");
    assert_eq!(d["due"], "2026-11-19T10:00:00+08:00");
    assert!(!d["reason"].as_str().unwrap().is_empty());
    let mut keys: Vec<&String> = d.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["case_id", "due", "kind", "reason"]);
    // At 09:00 the warning (due at 06:00, four hours before the deadline) is what is due;
    // by 11:00 it had expired with the deadline.
    let early = ok_json(&db, &["due", "--at", "2026-11-19 09:00"]);
    assert_eq!(kinds_of(&early, &id), ["first_response_warning"]);
    let before = ok_json(&db, &["due", "--at", "2026-11-19 05:00"]);
    assert!(before.as_array().unwrap().is_empty(), "{before:#}");
}

#[test]
fn an_unanswered_call_becomes_a_callback_in_the_next_window() {
    let (_dir, db) = fresh_db();
    let id = add(&db, "jd", "");
    let logged = ok_json(
        &db,
        &[
            "contact",
            &id,
            "--channel",
            "phone",
            "--outcome",
            "no_answer",
            "--note",
            "关机",
        ],
    );
    assert_eq!(logged["outcome"], "no_answer");
    let called_at: DateTime<Utc> = logged["at"].as_str().unwrap().parse().unwrap();
    let far = (Utc::now() + Duration::days(3)).to_rfc3339();
    let due = ok_json(&db, &["due", "--at", &far]);
    assert_eq!(kinds_of(&due, &id), ["callback"], "{due:#}");
    let item = due
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "callback")
        .unwrap();
    let text = item["due"].as_str().unwrap();
    assert!(text.ends_with("+08:00"), "{text}");
    let at = DateTime::parse_from_rfc3339(text).unwrap();
    assert!(at > called_at);
    // A window start: 12:00 or 18:00 Beijing time.
    assert!(
        text.contains("T12:00:00") || text.contains("T18:00:00"),
        "{text}"
    );
    // The case moved on from `new`.
    let shown = ok_json(&db, &["show", &id]);
    assert_eq!(shown["case"]["status"], "contacting");
}

#[test]
fn call_later_and_agreed_times_come_back_at_that_time() {
    let (_dir, db) = fresh_db();
    let id = add(&db, "jd", "");
    let at = (Utc::now() + Duration::hours(30)).to_rfc3339();
    ok_json(
        &db,
        &[
            "contact",
            &id,
            "--channel",
            "phone",
            "--outcome",
            "call_later",
            "--later",
            &at,
        ],
    );
    let due = ok_json(&db, &["due", "--at", &at]);
    assert_eq!(kinds_of(&due, &id), ["call_later"]);
    let check = (Utc::now() + Duration::hours(50)).to_rfc3339();
    ok_json(
        &db,
        &[
            "contact",
            &id,
            "--channel",
            "wechat",
            "--outcome",
            "agreed",
            "--later",
            &check,
        ],
    );
    let due = ok_json(&db, &["due", "--at", &check]);
    assert_eq!(kinds_of(&due, &id), ["check_review_update"]);
}

#[test]
fn bad_input_exits_non_zero_with_a_coded_error() {
    let (_dir, db) = fresh_db();
    let id = add(&db, "jd", "");
    for (args, code) in [
        (
            vec!["contact", &id, "--channel", "fax", "--outcome", "replied"],
            "validation.unknown_value",
        ),
        (
            vec![
                "contact",
                &id,
                "--channel",
                "phone",
                "--outcome",
                "replied",
                "--later",
                "2026-12-01 10:00",
            ],
            "validation.time_needs_outcome",
        ),
        (
            vec![
                "contact",
                "999",
                "--channel",
                "phone",
                "--outcome",
                "replied",
            ],
            "not_found",
        ),
        (vec!["due", "--at", "soon"], "validation.time_format"),
    ] {
        let mut all = vec!["--json"];
        all.extend_from_slice(&args);
        let out = cli(&db, &all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err: Value = serde_json::from_slice(&out.stderr).unwrap();
        assert_eq!(err["code"], code, "{args:?}");
    }
}
