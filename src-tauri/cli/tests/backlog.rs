//! `haoping-cli due --json` after years of history were imported beside a few live cases:
//! the live items, and the history as one backlog line; `bulk close-too-old --backlog`
//! says what it would do, then does it, and the live items stay.

// Test code throughout, helpers included: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{Duration, Utc};
use common::{cli, fresh_db, ok_json};
use serde_json::Value;
use std::io::BufRead;
use std::path::{Path, PathBuf};

const OLD: usize = 300;

/// Real negative reviews from ../shared/data with made-up dates in 2018, and two from
/// last week, as a Taobao trade-rate export written into `dir`.
fn export(dir: &Path) -> PathBuf {
    let data = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/zh-online-shopping-10-cats.csv");
    let file = std::fs::File::open(&data).unwrap();
    let texts: Vec<String> = std::io::BufReader::new(file)
        .lines()
        .map_while(Result::ok)
        .skip(1)
        .filter_map(|l| {
            let mut p = l.splitn(3, ',');
            let (_, label, text) = (p.next()?, p.next()?, p.next()?);
            let text = text.trim_matches('"').trim_start_matches('\u{feff}');
            (label == "0" && !text.trim().is_empty())
                .then(|| text.chars().take(200).collect::<String>().replace('"', "'"))
        })
        .step_by(11)
        .take(OLD + 2)
        .collect();
    let mut out = String::from("tid,oid,nick,result,created,item_title,item_price,content,reply\n");
    for (i, text) in texts.iter().enumerate() {
        let created = if i < OLD {
            format!(
                "2018-{:02}-{:02} 20:{:02}:00",
                1 + i % 12,
                1 + i % 28,
                i % 60
            )
        } else {
            (Utc::now() - Duration::days(3 + i as i64 - OLD as i64) + Duration::hours(8))
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        };
        out.push_str(&format!(
            "{},{i},c***{},bad,{created},热水器,399.00,\"{text}\",\n",
            7_000_000 + i,
            i % 13
        ));
    }
    let path = dir.join("history.csv");
    std::fs::write(&path, out).unwrap();
    path
}

fn add_live(db: &Path) -> String {
    let c = ok_json(
        db,
        &[
            "add",
            "--platform",
            "jd",
            "--product",
            "电热水壶",
            "--stars",
            "1",
            "--review",
            "壶底漏水，用了两天就坏了",
        ],
    );
    c["id"].as_i64().unwrap().to_string()
}

fn lines(due: &Value) -> Vec<Value> {
    due.as_array().unwrap().clone()
}

#[test]
fn due_shows_the_live_items_and_one_backlog_line_until_the_backlog_is_closed() {
    let (dir, db) = fresh_db();
    let live = add_live(&db);
    let at = (Utc::now() + Duration::days(2)).to_rfc3339();
    let before = lines(&ok_json(&db, &["due", "--at", &at]));
    assert!(!before.is_empty());
    assert!(before
        .iter()
        .all(|l| l["case_id"].as_i64() == live.parse::<i64>().ok()));

    let file = export(dir.path());
    let imported = ok_json(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(imported["new"].as_u64(), Some(OLD as u64 + 2));
    let text = cli(&db, &["import", file.to_str().unwrap(), "--dry-run"]);
    assert!(text.status.success());

    let after = lines(&ok_json(&db, &["due", "--at", &at]));
    let (groups, items): (Vec<Value>, Vec<Value>) =
        after.into_iter().partition(|l| l["kind"] == "backlog");
    assert_eq!(items, before, "the live items, exactly as before");
    assert_eq!(groups.len(), 1);
    let g = &groups[0];
    assert_eq!(g["cases"].as_u64(), Some(OLD as u64 + 2));
    assert_eq!(g["reply_open"].as_u64(), Some(2));
    assert!(g["reason"]
        .as_str()
        .unwrap()
        .contains("302 条历史差评待分拣"));
    let listed = ok_json(&db, &["list", "--backlog"]);
    assert_eq!(listed.as_array().unwrap().len(), OLD + 2);

    // Without --yes: what it would do, nothing done.
    let dry = ok_json(&db, &["bulk", "close-too-old", "--backlog"]);
    assert_eq!(dry["cases"].as_u64(), Some(OLD as u64 + 2));
    assert_eq!(dry["reminders"].as_u64(), Some(2));
    let still = lines(&ok_json(&db, &["due", "--at", &at]));
    assert!(still.iter().any(|l| l["kind"] == "backlog"));

    let done = ok_json(&db, &["bulk", "close-too-old", "--backlog", "--yes"]);
    assert_eq!(done["changed"].as_u64(), Some(OLD as u64 + 2));
    let closed = lines(&ok_json(&db, &["due", "--at", &at]));
    assert_eq!(closed, before, "no backlog line, the live items unchanged");
    let far = (Utc::now() + Duration::days(40)).to_rfc3339();
    let later = lines(&ok_json(&db, &["due", "--at", &far]));
    assert!(later
        .iter()
        .all(|l| l["case_id"].as_i64() == live.parse::<i64>().ok()));

    // An unknown action is refused by name.
    let out = cli(&db, &["--json", "bulk", "archive", "--backlog"]);
    assert_eq!(out.status.code(), Some(2));
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["code"], "validation.unknown_value");
}
