#![allow(clippy::unwrap_used)] // test helpers: a failure is the test failing

//! The CLI as a script would use it: a fresh database, JSON out, exit codes.

mod common;

use common::{cli, fresh_db, json};

#[test]
fn add_list_search_show() {
    let (_dir, db) = fresh_db();
    let added = json(&cli(
        &db,
        &[
            "add",
            "--platform",
            "tb",
            "--product",
            "电热水壶",
            "--stars",
            "1",
            "--review",
            "壶底漏水，质量太差",
            "--order",
            "T1001",
            "--buyer",
            "小李",
            "--json",
        ],
    ));
    assert_eq!(added["id"], 1);
    json(&cli(
        &db,
        &[
            "add",
            "--platform",
            "jd",
            "--product",
            "蓝牙耳机",
            "--stars",
            "2",
            "--review",
            "物流太慢",
            "--json",
        ],
    ));

    let all = json(&cli(&db, &["list", "--json"]));
    let items = all.as_array().unwrap();
    assert_eq!(items.len(), 2);
    for key in ["id", "platform", "product", "stars", "status", "review"] {
        assert!(
            items[0].get(key).is_some() || key == "review",
            "missing {key}"
        );
    }
    assert_eq!(items[0]["review"], items[0]["review_text"]);

    let found = json(&cli(&db, &["search", "质量", "--json"]));
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0]["product"], "电热水壶");
    assert_eq!(found[0]["review"], "壶底漏水，质量太差");

    let jd = json(&cli(&db, &["list", "--platform", "jd", "--json"]));
    assert_eq!(jd[0]["platform"], "jd");
    // The usual short names work wherever a platform is asked for.
    let tb = json(&cli(&db, &["list", "--platform", "TB", "--json"]));
    assert_eq!(tb.as_array().unwrap().len(), 1);
    assert_eq!(tb[0]["platform"], "taobao");

    let shown = cli(&db, &["show", "1"]);
    let text = String::from_utf8_lossy(&shown.stdout);
    assert!(
        text.contains("电热水壶") && text.contains("created"),
        "{text}"
    );
}

#[test]
fn errors_are_coded_and_exit_non_zero() {
    let (_dir, db) = fresh_db();
    let out = cli(
        &db,
        &[
            "add",
            "--platform",
            "ebay",
            "--product",
            "x",
            "--stars",
            "1",
            "--review",
            "x",
            "--json",
        ],
    );
    assert!(!out.status.success());
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["code"], "validation.unknown_platform");
    assert_eq!(err["field"], "platform");
    let missing = cli(&db, &["show", "42"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("not_found"));
}

#[test]
fn demo_loads_once() {
    let (_dir, db) = fresh_db();
    let loaded = json(&cli(&db, &["demo", "--json"]));
    let n = loaded["loaded"].as_u64().unwrap();
    assert!((40..=80).contains(&n), "{n} demo cases");
    let again = cli(&db, &["demo"]);
    assert!(
        !again.status.success(),
        "a second load is refused without --force"
    );
    let listed = json(&cli(&db, &["list", "--json"]));
    assert_eq!(listed.as_array().unwrap().len() as u64, n);
}
