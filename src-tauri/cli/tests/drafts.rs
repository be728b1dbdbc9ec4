//! `draft` and `check` as a script would use them: JSON shape and exit codes.

mod common;

use common::{cli, cli_with_input, fresh_db};

#[test]
fn draft_prints_three_drafts_as_json() {
    let (_dir, db) = fresh_db();
    let added = cli(
        &db,
        &[
            "--json",
            "add",
            "--platform",
            "taobao",
            "--product",
            "电热水壶",
            "--stars",
            "1",
            "--review",
            "壶底漏水，质量太差",
            "--buyer",
            "小雨点",
        ],
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let id = serde_json::from_slice::<serde_json::Value>(&added.stdout).unwrap()["id"]
        .as_i64()
        .unwrap()
        .to_string();

    let out = cli(&db, &["draft", &id, "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 3);
    let channels: Vec<&str> = arr.iter().map(|d| d["channel"].as_str().unwrap()).collect();
    assert_eq!(channels, ["public", "private", "phone"]);
    for d in arr {
        let keys: Vec<&String> = d.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 5, "{keys:?}");
        assert_eq!(d["lang"], "zh");
        assert!(d["variant"].is_u64());
        assert!(d["text"].as_str().unwrap().contains("漏水"));
        assert!(d["findings"].is_array());
    }

    let out = cli(
        &db,
        &[
            "draft",
            &id,
            "--channel",
            "private",
            "--lang",
            "en",
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["channel"], "private");
    assert_eq!(v[0]["lang"], "en");
    assert!(v[0]["text"].as_str().unwrap().contains("leak"));

    let human = cli(&db, &["draft", &id]);
    assert!(String::from_utf8_lossy(&human.stdout).contains("── public"));
    assert_eq!(cli(&db, &["draft", "999"]).status.code(), Some(2));
    assert_eq!(
        cli(&db, &["draft", &id, "--channel", "fax"]).status.code(),
        Some(2)
    );
}

#[test]
fn check_reads_stdin_and_fails_on_blocking_findings() {
    let (_dir, db) = fresh_db();
    let bad = cli_with_input(
        &db,
        &["check", "--platform", "pinduoduo", "--json"],
        "好评返现5元",
    );
    assert_eq!(bad.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&bad.stdout).unwrap();
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == "compliance.review_incentive" && f["severity"] == "blocking"));

    let good = "非常抱歉水壶漏水给您添麻烦了。麻烦您发几张照片。我们可以为您换新。已加强质检。欢迎随时联系我们。";
    let ok = cli_with_input(&db, &["check"], good);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );

    // Warnings alone do not fail the check.
    let warn = cli_with_input(&db, &["check", "--channel", "private"], "我们会处理的。");
    assert_eq!(warn.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&warn.stdout).contains("structure.missing_remedy"));

    let en = cli_with_input(
        &db,
        &["check", "--platform", "amazon", "--json"],
        "Update your review and we will refund you.",
    );
    assert_eq!(en.status.code(), Some(1));
    assert_eq!(
        cli_with_input(&db, &["check", "--platform", "ebay"], "x")
            .status
            .code(),
        Some(2)
    );
}
