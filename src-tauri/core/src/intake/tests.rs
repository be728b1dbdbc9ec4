//! Import, re-import and update flows on small files.

use super::*;
use crate::cases::EventKind;
use crate::cases::{self, CaseFilter, Cause, Platform};
use crate::clock::{Clock, FixedClock};
use crate::db::{open_in_memory, Connection};
use chrono::{DateTime, Duration, Utc};
use std::path::{Path, PathBuf};

fn now() -> DateTime<Utc> {
    FixedClock::at("2024-06-01T04:00:00Z").now()
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn run(conn: &mut Connection, path: &Path, opts: &ImportOptions) -> crate::Result<ImportReport> {
    import(conn, path, opts, now(), &mut |_| true)
}

fn opts() -> ImportOptions {
    ImportOptions {
        shop: "小店".into(),
        ..Default::default()
    }
}

fn stats_total(conn: &Connection) -> i64 {
    conn.query_row(
        "SELECT coalesce(sum(count), 0) FROM review_stats",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

/// Everything an import can touch, to compare before and after.
fn snapshot(conn: &Connection) -> Vec<(String, i64)> {
    [
        "cases",
        "case_events",
        "review_stats",
        "intake_reviews",
        "intake_imports",
    ]
    .iter()
    .map(|t| {
        let n: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .unwrap();
        (t.to_string(), n)
    })
    .collect()
}

const TRADE_RATE: &str = "tid,oid,nick,result,created,item_title,item_price,content,reply\n\
1001,1,t***1,bad,2024-05-03 14:22:10,保温杯,59.90,用了两天就漏水，质量太差,\n\
1002,2,j***n,neutral,2024-05-03 20:01:00,保温杯,59.90,快递太慢了,\n\
1003,3,a***b,good,2024-05-04 09:00:00,保温杯,59.90,很好,\n\
1004,4,c***d,good,2024-05-04 10:00:00,茶杯,19.00,不错,\n\
1005,5,e***f,bad,2024-05-04 23:30:00,茶杯,19.00,\"包装简陋，\n盒子压扁了\",\n";

#[test]
fn negatives_become_cases_and_every_review_is_counted() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "rates.csv", TRADE_RATE);
    let mut conn = open_in_memory().unwrap();
    let r = run(&mut conn, &f, &opts()).unwrap();
    assert_eq!(r.preset.as_deref(), Some("taobao_api"));
    assert_eq!(
        (
            r.rows_read,
            r.new,
            r.updated,
            r.duplicates,
            r.stats_only,
            r.rejected_total
        ),
        (5, 3, 0, 0, 2, 0)
    );
    assert!(r.import_id.is_some());
    let page = cases::list(&conn, &CaseFilter::default()).unwrap();
    assert_eq!(page.total, 3);
    let leak = page
        .items
        .iter()
        .find(|c| c.order_id.as_deref() == Some("1001"))
        .unwrap();
    assert_eq!(leak.platform, Platform::Taobao);
    assert_eq!(leak.shop, "小店");
    assert_eq!(leak.stars, 1);
    assert_eq!(leak.buyer_nick.as_deref(), Some("t***1"));
    assert_eq!(leak.order_value_cents, Some(5990));
    assert_eq!(leak.review_time.to_rfc3339(), "2024-05-03T06:22:10+00:00");
    assert_eq!(leak.primary_cause, Cause::Quality, "triaged");
    assert_eq!(leak.source, cases::CaseSource::Import);
    let boxed = page
        .items
        .iter()
        .find(|c| c.order_id.as_deref() == Some("1005"))
        .unwrap();
    assert_eq!(
        boxed.review_text, "包装简陋，\n盒子压扁了",
        "embedded newline kept"
    );
    let h = cases::history(&conn, leak.id).unwrap();
    assert_eq!(h[0].kind, EventKind::Created);
    let source = h[0].detail.import.as_ref().unwrap();
    assert_eq!((source.file.as_str(), source.row), ("rates.csv", 2));
    // 23:30 Beijing on 4 May is still 4 May.
    let day: i64 = conn
        .query_row(
            "SELECT count FROM review_stats WHERE product = '茶杯' AND day = '2024-05-04' AND stars = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(day, 1);
    assert_eq!(stats_total(&conn), 5);
}

#[test]
fn reimport_adds_nothing_and_overlapping_export_updates() {
    let dir = tempfile::tempdir().unwrap();
    let first = write(dir.path(), "a.csv", TRADE_RATE);
    let mut conn = open_in_memory().unwrap();
    run(&mut conn, &first, &opts()).unwrap();
    let before = snapshot(&conn);
    let again = run(&mut conn, &first, &opts()).unwrap();
    assert_eq!((again.new, again.updated, again.duplicates), (0, 0, 5));
    let mut after = snapshot(&conn);
    // Only the import log grows.
    assert_eq!(after.remove(4).1, before[4].1 + 1);
    assert_eq!(after[..], before[..4]);

    // A later export: 1001 got a reply and a follow-up, 1002 was revised to good, 1003
    // was revised to bad, 1006 is new, 1004 and 1005 are unchanged.
    let later = "tid,oid,nick,result,created,item_title,item_price,content,reply,append_content\n\
1001,1,t***1,bad,2024-05-03 14:22:10,保温杯,59.90,用了两天就漏水，质量太差,亲，给您换新,又漏了，客服不回复\n\
1002,2,j***n,good,2024-05-03 20:01:00,保温杯,59.90,快递太慢了,,\n\
1003,3,a***b,bad,2024-05-04 09:00:00,保温杯,59.90,用了一次就坏了,,\n\
1004,4,c***d,good,2024-05-04 10:00:00,茶杯,19.00,不错,,\n\
1005,5,e***f,bad,2024-05-04 23:30:00,茶杯,19.00,\"包装简陋，\n盒子压扁了\",,\n\
1006,6,g***h,neutral,2024-05-05 08:00:00,茶杯,19.00,颜色和图片不一样,,\n";
    let second = write(dir.path(), "b.csv", later);
    // This preset reads no follow-up column: map it explicitly.
    let mut m = preview(&conn, &second, &opts(), now()).unwrap().mapping;
    m.fields.push(FieldColumn {
        field: CaseField::FollowUpText,
        column: "append_content".into(),
    });
    let r = run(
        &mut conn,
        &second,
        &ImportOptions {
            mapping: Some(m),
            ..opts()
        },
    )
    .unwrap();
    assert_eq!((r.new, r.updated, r.duplicates, r.stats_only), (2, 2, 2, 0));
    assert_eq!(cases::count(&conn).unwrap(), 5);
    let by_order = |o: &str| {
        cases::list(&conn, &CaseFilter::default())
            .unwrap()
            .items
            .into_iter()
            .find(|c| c.order_id.as_deref() == Some(o))
            .unwrap()
    };
    let c1 = by_order("1001");
    assert_eq!(c1.seller_reply.as_deref(), Some("亲，给您换新"));
    assert_eq!(c1.follow_up_text.as_deref(), Some("又漏了，客服不回复"));
    assert!(
        c1.causes.contains(&Cause::Service),
        "re-triaged with the follow-up"
    );
    let fields: Vec<String> = cases::history(&conn, c1.id)
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == EventKind::Field)
        .filter_map(|e| e.field)
        .collect();
    assert_eq!(fields, ["follow_up_text", "seller_reply"]);
    let c2 = by_order("1002");
    assert_eq!(c2.stars, 5, "revised review recorded on the case");
    assert!(cases::history(&conn, c2.id)
        .unwrap()
        .iter()
        .any(|e| e.field.as_deref() == Some("stars") && e.new_value.as_deref() == Some("5")));
    assert_eq!(by_order("1003").stars, 1, "turned negative: new case");
    // Six reviews, each counted once, in its current bucket.
    assert_eq!(stats_total(&conn), 6);
    let stars_of = |day: &str, stars: i64| -> i64 {
        conn.query_row(
            "SELECT coalesce(sum(count), 0) FROM review_stats WHERE day = ?1 AND stars = ?2",
            rusqlite::params![day, stars],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(stars_of("2024-05-03", 3), 0);
    assert_eq!(stars_of("2024-05-03", 5), 1);
    assert_eq!(stars_of("2024-05-04", 5), 1);
    assert_eq!(
        conn.query_row(
            "SELECT count(*) FROM review_stats WHERE count <= 0",
            [],
            |r| r.get::<_, i64>(0)
        )
        .unwrap(),
        0,
        "emptied buckets are removed"
    );
}

#[test]
fn owner_labels_survive_reimport() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = open_in_memory().unwrap();
    let a = write(
        dir.path(),
        "a.csv",
        "评论ID,评分,评论内容,商品名称,评论时间\nP1,1,不好,袜子,2024-05-01 10:00\nP2,1,不好,袜子,2024-05-01 11:00\n",
    );
    let r = run(&mut conn, &a, &opts()).unwrap();
    assert_eq!(r.preset.as_deref(), Some("pinduoduo"));
    let ids: Vec<i64> = cases::list(&conn, &CaseFilter::default())
        .unwrap()
        .items
        .iter()
        .map(|c| c.id)
        .collect();
    cases::set_labels(&mut conn, ids[0], Cause::Price, &[], 2, "店主", now()).unwrap();
    let b = write(
        dir.path(),
        "b.csv",
        "评论ID,评分,评论内容,商品名称,评论时间\nP1,1,少发了一双,袜子,2024-05-01 10:00\nP2,1,少发了一双,袜子,2024-05-01 11:00\n",
    );
    let r = run(&mut conn, &b, &opts()).unwrap();
    assert_eq!(r.updated, 2);
    let locked = cases::get(&conn, ids[0]).unwrap();
    assert_eq!((locked.primary_cause, locked.severity), (Cause::Price, 2));
    assert_eq!(locked.review_text, "少发了一双");
    let free = cases::get(&conn, ids[1]).unwrap();
    assert_eq!(free.primary_cause, Cause::ShippingError);
}

#[test]
fn dry_run_counts_exactly_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "rates.csv", TRADE_RATE);
    let mut conn = open_in_memory().unwrap();
    let before = snapshot(&conn);
    let r = run(
        &mut conn,
        &f,
        &ImportOptions {
            dry_run: true,
            ..opts()
        },
    )
    .unwrap();
    assert_eq!((r.new, r.stats_only, r.import_id), (3, 2, None));
    assert_eq!(snapshot(&conn), before);
}

fn many_rows(n: usize) -> String {
    let mut s = String::from("评论ID,评分,评论内容,商品名称,评论时间\n");
    for i in 0..n {
        s.push_str(&format!(
            "R{i},{},第{i}条评价，物流太慢,商品{},2024-05-01 10:00\n",
            i % 5 + 1,
            i % 7
        ));
    }
    s
}

#[test]
fn progress_is_reported_and_cancel_rolls_back() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "big.csv", many_rows(2_000));
    let mut conn = open_in_memory().unwrap();
    let before = snapshot(&conn);
    let mut seen = Vec::new();
    let err = import(&mut conn, &f, &opts(), now(), &mut |p| {
        seen.push(p);
        p.rows_done < 1_000
    })
    .unwrap_err();
    assert_eq!(err.code(), "intake.cancelled");
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].rows_done, 500);
    assert!(seen[0].new > 0);
    assert!(seen[1].bytes_done <= seen[1].bytes_total);
    assert_eq!(snapshot(&conn), before, "nothing half-written");

    let mut last = None;
    let r = import(&mut conn, &f, &opts(), now(), &mut |p| {
        last = Some(p);
        true
    })
    .unwrap();
    assert_eq!(r.rows_read, 2_000);
    assert_eq!(r.new, 1_200, "1–3 stars");
    let last = last.unwrap();
    assert_eq!((last.rows_done, last.bytes_done), (2_000, last.bytes_total));
}

#[test]
fn threshold_is_configurable() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "rates.csv", TRADE_RATE);
    let mut conn = open_in_memory().unwrap();
    let r = run(
        &mut conn,
        &f,
        &ImportOptions {
            max_case_stars: 2,
            ..opts()
        },
    )
    .unwrap();
    assert_eq!((r.new, r.stats_only), (2, 3));
    let bad = run(
        &mut conn,
        &f,
        &ImportOptions {
            max_case_stars: 9,
            ..opts()
        },
    )
    .unwrap_err();
    assert_eq!(bad.code(), "intake.mapping_incomplete");
}

#[test]
fn rejected_rows_are_listed_exported_and_fixable() {
    let dir = tempfile::tempdir().unwrap();
    let text = "评论ID,评分,评论内容,商品名称,评论时间\n\
P1,1,漏水,杯子,2024-05-01 10:00\n\
P2,,没有评分,杯子,2024-05-01 10:00\n\
P3,2,,杯子,2024-05-01 10:00\n\
\n\
,,,,\n\
P4,2,时间不对,杯子,下周三\n\
P5,5,,杯子,2024-05-01 10:00\n";
    let f = write(dir.path(), "r.csv", text);
    let mut conn = open_in_memory().unwrap();
    let r = run(&mut conn, &f, &opts()).unwrap();
    assert_eq!(
        (
            r.rows_read,
            r.new,
            r.stats_only,
            r.rejected_total,
            r.empty_rows
        ),
        (5, 1, 1, 3, 1)
    );
    let listed: Vec<(u64, RejectCode)> = r.rejected.iter().map(|x| (x.row, x.code)).collect();
    assert_eq!(
        listed,
        [
            (3, RejectCode::MissingRating),
            (4, RejectCode::MissingText),
            (7, RejectCode::BadTime)
        ]
    );
    assert_eq!(r.rejected[0].column.as_deref(), Some("评分"));

    let out = dir.path().join("rejected.csv");
    let n = export_rejected(&conn, &f, &opts(), &out, crate::Lang::Zh, now()).unwrap();
    assert_eq!(n, 3);
    let saved = std::fs::read_to_string(&out).unwrap();
    assert!(saved.starts_with('\u{FEFF}'));
    assert!(saved.contains("评分为空（列：评分）"));
    let en = dir.path().join("rejected-en.csv");
    export_rejected(&conn, &f, &opts(), &en, crate::Lang::En, now()).unwrap();
    assert!(std::fs::read_to_string(&en)
        .unwrap()
        .contains("the rating is empty (column 评分)"));

    // The owner fixes the three rows in that file and imports it.
    let fixed = saved
        .replace("P2,,没有评分", "P2,2,没有评分")
        .replace("P3,2,,", "P3,2,盖子裂了,")
        .replace("下周三", "2024-05-02 09:00");
    let f2 = write(dir.path(), "fixed.csv", fixed);
    let r2 = run(&mut conn, &f2, &opts()).unwrap();
    assert_eq!((r2.new, r2.rejected_total), (3, 0));
    assert_eq!(cases::count(&conn).unwrap(), 4);
}

#[test]
fn encodings_bom_and_line_ends_give_the_same_import() {
    let text = "类别,标签,评价内容\r\n衣服,0,\u{FEFF}掉色严重\r\n衣服,1,很好\r\n书籍,0,\"印刷\r\n模糊\"\r\n";
    let dir = tempfile::tempdir().unwrap();
    // GBK has no U+FEFF: an Excel GBK file never carries one.
    let gbk = encoding_rs::GBK
        .encode(&text.replace('\u{FEFF}', ""))
        .0
        .into_owned();
    let mut utf8_bom = b"\xEF\xBB\xBF".to_vec();
    utf8_bom.extend_from_slice(text.as_bytes());
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let tsv: Vec<u8> = text.replace(',', "\t").into_bytes();
    for (name, bytes, enc) in [
        ("gbk.csv", gbk.to_vec(), "GBK"),
        ("bom.csv", utf8_bom, "UTF-8"),
        ("u16.csv", utf16, "UTF-16LE"),
        ("plain.tsv", tsv, "UTF-8"),
    ] {
        let f = write(dir.path(), name, bytes);
        let mut conn = open_in_memory().unwrap();
        let r = run(&mut conn, &f, &opts()).unwrap();
        assert_eq!(r.encoding, enc, "{name}");
        assert_eq!(r.preset.as_deref(), Some("online_shopping_zh"), "{name}");
        assert_eq!((r.rows_read, r.new, r.stats_only), (3, 2, 1), "{name}");
        let texts: Vec<String> = cases::list(&conn, &CaseFilter::default())
            .unwrap()
            .items
            .into_iter()
            .map(|c| c.review_text)
            .collect();
        assert!(texts.contains(&"掉色严重".to_string()), "{name}: {texts:?}");
        assert!(
            texts.contains(&"印刷\r\n模糊".to_string()),
            "{name}: {texts:?}"
        );
    }
}

#[test]
fn identical_texts_without_identity_are_distinct_reviews() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "w.csv",
        "label,review\n0,难吃\n0,难吃\n1,好吃\n0,难吃\n",
    );
    let mut conn = open_in_memory().unwrap();
    let r = run(&mut conn, &f, &opts()).unwrap();
    assert_eq!((r.new, r.stats_only, r.duplicates), (3, 1, 0));
    assert!(r.warnings.contains(&"mapping.no_identity".to_string()));
    let r = run(&mut conn, &f, &opts()).unwrap();
    assert_eq!((r.new, r.duplicates), (0, 4));
    // A later export with one more identical review adds exactly one.
    let g = write(
        dir.path(),
        "w2.csv",
        "label,review\n0,难吃\n0,难吃\n1,好吃\n0,难吃\n0,难吃\n",
    );
    let r = run(&mut conn, &g, &opts()).unwrap();
    assert_eq!((r.new, r.duplicates), (1, 4));
    assert_eq!(stats_total(&conn), 5);
}

#[test]
fn unknown_layouts_need_a_mapping_which_is_saved_per_shop() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "x.csv",
        "单号,星星,说了啥,东西\nA1,1,完全不能用,台灯\nA2,5,挺好,台灯\n",
    );
    let mut conn = open_in_memory().unwrap();
    let err = run(&mut conn, &f, &opts()).unwrap_err();
    assert_eq!(err.code(), "intake.unknown_layout");
    let p = preview(&conn, &f, &opts(), now()).unwrap();
    assert_eq!(p.mapping_source, MappingSource::Suggested);
    assert_eq!(p.headers, ["单号", "星星", "说了啥", "东西"]);
    assert_eq!(p.rows.len(), 2);
    assert_eq!(p.rows[0].outcome, "unmapped");
    let col = |field, column: &str| FieldColumn {
        field,
        column: column.into(),
    };
    let mapping = ColumnMapping {
        platform: Platform::Jd,
        fields: vec![
            col(CaseField::OrderId, "单号"),
            col(CaseField::Rating, "星星"),
            col(CaseField::ReviewText, "说了啥"),
            col(CaseField::Product, "东西"),
        ],
        ..Default::default()
    };
    let live = preview(
        &conn,
        &f,
        &ImportOptions {
            mapping: Some(mapping.clone()),
            ..opts()
        },
        now(),
    )
    .unwrap();
    assert_eq!(live.rows[0].outcome, "case");
    assert_eq!(live.rows[1].outcome, "stats_only");
    assert!(live.warnings.contains(&"mapping.no_time".to_string()));
    save_mapping(&conn, "小店", "台灯导出", &p.headers, &mapping, now()).unwrap();
    let again = preview(&conn, &f, &opts(), now()).unwrap();
    assert_eq!(again.mapping_source, MappingSource::Saved);
    let r = run(&mut conn, &f, &opts()).unwrap();
    assert_eq!((r.mapping_source, r.new), (MappingSource::Saved, 1));
    let c = &cases::list(&conn, &CaseFilter::default()).unwrap().items[0];
    assert_eq!(
        (c.platform, c.review_time),
        (Platform::Jd, now()),
        "no time column: import time"
    );
    // Another shop does not see it.
    let other = ImportOptions {
        shop: "别家".into(),
        ..Default::default()
    };
    assert_eq!(
        run(&mut conn, &f, &other).unwrap_err().code(),
        "intake.unknown_layout"
    );
    // A named preset that does not fit says so.
    let wrong = ImportOptions {
        preset: Some("jd".into()),
        ..opts()
    };
    assert_eq!(
        run(&mut conn, &f, &wrong).unwrap_err().code(),
        "intake.preset_mismatch"
    );
}

#[test]
fn preview_finds_header_below_a_title_and_shows_mapped_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("评价导出,2024-05-01至2024-05-31\n\n");
    text.push_str(&many_rows(30)[..]);
    let f = write(dir.path(), "t.csv", text);
    let conn = open_in_memory().unwrap();
    let p = preview(&conn, &f, &opts(), now()).unwrap();
    assert_eq!((p.header_row, p.preset.as_deref()), (3, Some("pinduoduo")));
    assert_eq!(p.delimiter, ",");
    assert_eq!(p.rows.len(), 20);
    assert_eq!(p.rows[0].row, 4);
    assert_eq!(p.rows[0].outcome, "case");
    assert_eq!(p.rows[0].review_id.as_deref(), Some("R0"));
    assert_eq!(p.rows[4].outcome, "stats_only");
}

#[test]
fn manual_case_with_the_same_review_id_is_adopted() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = open_in_memory().unwrap();
    let manual = add_case(
        &mut conn,
        &cases::NewCase {
            platform: "pinduoduo".into(),
            review_id: "P1".into(),
            product: "袜子".into(),
            stars: 1,
            review_text: "不好".into(),
            review_time: "2024-05-01 10:00".into(),
            ..Default::default()
        },
        "店主",
        now(),
    )
    .unwrap();
    let f = write(
        dir.path(),
        "p.csv",
        "评论ID,评分,评论内容,商品名称,评论时间,回复内容\nP1,1,不好,袜子,2024-05-01 10:00,抱歉\n",
    );
    let r = run(&mut conn, &f, &opts()).unwrap();
    assert_eq!(r.new, 1);
    assert_eq!(cases::count(&conn).unwrap(), 1);
    let c = cases::get(&conn, manual.id).unwrap();
    assert_eq!(c.seller_reply.as_deref(), Some("抱歉"));
    assert_eq!(run(&mut conn, &f, &opts()).unwrap().duplicates, 1);
}

#[test]
fn wrong_encoding_and_nothing_importable_leave_the_database_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode("类别,标签,评价内容\n衣服,0,掉色严重\n衣服,0,起球\n");
    let f = write(dir.path(), "g.csv", gbk);
    let mut conn = open_in_memory().unwrap();
    let before = snapshot(&conn);
    let forced = ImportOptions {
        encoding: Some("utf-8".into()),
        ..opts()
    };
    // Forced UTF-8: even the header is unreadable, so no layout is recognised.
    assert_eq!(
        run(&mut conn, &f, &forced).unwrap_err().code(),
        "intake.unknown_layout"
    );
    // Header readable, rows not: the file is in another encoding.
    let mut mixed = "cat,label,review\n".as_bytes().to_vec();
    mixed.extend_from_slice(&encoding_rs::GBK.encode("衣服,0,掉色严重\n衣服,0,起球\n").0);
    let f2 = write(dir.path(), "m.csv", mixed);
    let err = run(&mut conn, &f2, &forced).unwrap_err();
    assert_eq!(err.code(), "intake.wrong_encoding");
    assert!(err.to_string().contains("2 of 2 rows"));
    // Only separators and blank lines: nothing to read.
    let blank = write(dir.path(), "b.csv", ",,\n\n,,\n");
    assert_eq!(
        run(&mut conn, &blank, &opts()).unwrap_err().code(),
        "intake.empty_file"
    );
    // Every row rejected: a report, and nothing kept.
    let f3 = write(dir.path(), "n.csv", "label,review\n7,难吃\n9,好吃\n");
    let r = run(&mut conn, &f3, &opts()).unwrap();
    assert_eq!((r.accepted(), r.rejected_total, r.import_id), (0, 2, None));
    assert_eq!(snapshot(&conn), before);
}

/// A minimal .xlsx: one sheet, inline strings, numbers as numbers.
pub(crate) fn write_xlsx(path: &Path, rows: &[Vec<String>]) {
    use std::io::Write;
    let col = |mut i: usize| {
        let mut s = String::new();
        loop {
            s.insert(0, (b'A' + (i % 26) as u8) as char);
            if i < 26 {
                break s;
            }
            i = i / 26 - 1;
        }
    };
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let mut sheet = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
    );
    for (r, row) in rows.iter().enumerate() {
        sheet.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, v) in row.iter().enumerate() {
            let at = format!("{}{}", col(c), r + 1);
            if !v.is_empty() && v.len() < 10 && v.parse::<f64>().is_ok() {
                sheet.push_str(&format!("<c r=\"{at}\"><v>{v}</v></c>"));
            } else if !v.is_empty() {
                sheet.push_str(&format!(
                    "<c r=\"{at}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                    esc(v)
                ));
            }
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let files = [
        ("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>".to_string()),
        ("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".to_string()),
        ("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"评价\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".to_string()),
        ("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>".to_string()),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in files {
        zip.start_file(name, options).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn excel_workbooks_import_and_damaged_ones_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let rows: Vec<Vec<String>> = [
        vec![
            "订单编号",
            "买家昵称",
            "宝贝名称",
            "评分",
            "评价内容",
            "评价时间",
        ],
        vec![
            "=\"3721845590123456789\"",
            "t***1",
            "保温杯",
            "1",
            "漏水",
            "2024-05-03 14:22:10",
        ],
        vec![
            "3721845590123456790",
            "j***n",
            "保温杯",
            "5",
            "好",
            "45415.598726852",
        ],
        vec!["3.72185E+18", "k***m", "保温杯", "2", "坏了", "2024-05-03"],
    ]
    .into_iter()
    .map(|r| r.into_iter().map(String::from).collect())
    .collect();
    let f = dir.path().join("评价.xlsx");
    write_xlsx(&f, &rows);
    let mut conn = open_in_memory().unwrap();
    let p = preview(&conn, &f, &opts(), now()).unwrap();
    assert_eq!(
        (p.kind, p.sheet.as_str(), p.preset.as_deref()),
        (FileKind::Xlsx, "评价", Some("taobao"))
    );
    let r = run(&mut conn, &f, &opts()).unwrap();
    assert_eq!(
        (r.rows_read, r.new, r.stats_only, r.rejected_total),
        (3, 1, 1, 1)
    );
    assert_eq!(r.rejected[0].code, RejectCode::OrderIdMangled);
    assert_eq!(r.rejected[0].row, 4);
    let day: String = conn
        .query_row("SELECT day FROM review_stats WHERE stars = 5", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(day, "2024-05-03", "Excel serial date");

    let bytes = std::fs::read(&f).unwrap();
    let cut = write(dir.path(), "cut.xlsx", &bytes[..bytes.len() * 2 / 3]);
    let before = snapshot(&conn);
    assert_eq!(
        run(&mut conn, &cut, &opts()).unwrap_err().code(),
        "intake.bad_workbook"
    );
    let fake = write(
        dir.path(),
        "fake.xls",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1garbage",
    );
    assert_eq!(
        run(&mut conn, &fake, &opts()).unwrap_err().code(),
        "intake.bad_workbook"
    );
    assert_eq!(snapshot(&conn), before);
}

#[test]
fn future_reviews_and_giant_fields_are_rejected_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut text =
        "评论ID,评分,评论内容,商品名称,评论时间\nP1,1,漏水,杯子,2024-05-01 10:00\nP2,1,\""
            .to_string();
    text.push_str(&"很长".repeat(400_000));
    text.push_str("\",杯子,2024-05-01 10:00\nP3,1,坏了,杯子,2030-05-01 10:00\nP4,2,一般,杯子,2024-05-01 11:00\n");
    let f = write(dir.path(), "g.csv", text);
    let mut conn = open_in_memory().unwrap();
    let r = run(&mut conn, &f, &opts()).unwrap();
    let codes: Vec<(u64, RejectCode)> = r.rejected.iter().map(|x| (x.row, x.code)).collect();
    assert_eq!(
        codes,
        [(3, RejectCode::FieldTooLong), (4, RejectCode::FutureTime)]
    );
    assert_eq!(r.rejected[0].column.as_deref(), Some("评论内容"));
    assert_eq!(r.new, 2);
    let _ = Duration::zero();
}

#[test]
fn a_cut_off_export_does_not_shorten_known_reviews() {
    let dir = tempfile::tempdir().unwrap();
    let full = "评论ID,评分,评论内容,商品名称,评论时间\n\
P1,1,漏水,杯子,2024-05-01 10:00\n\
P2,2,\"盖子裂了，\n而且有异味\",杯子,2024-05-01 11:00\n";
    let f = write(dir.path(), "full.csv", full);
    let mut conn = open_in_memory().unwrap();
    assert_eq!(run(&mut conn, &f, &opts()).unwrap().new, 2);
    let before = snapshot(&conn);
    let cut_at = full.find("而且").unwrap();
    let g = write(dir.path(), "cut.csv", &full[..cut_at]);
    let r = run(&mut conn, &g, &opts()).unwrap();
    assert_eq!((r.duplicates, r.updated, r.rejected_total), (1, 0, 1));
    assert_eq!(r.rejected[0].code, RejectCode::Truncated);
    assert_eq!(r.rejected[0].row, 3);
    // Cut between columns: fewer cells than the header.
    let h = write(
        dir.path(),
        "cut2.csv",
        &full[..full.find(",杯子,2024-05-01 11").unwrap()],
    );
    let r = run(&mut conn, &h, &opts()).unwrap();
    assert_eq!(r.rejected[0].code, RejectCode::Truncated);
    let mut after = snapshot(&conn);
    assert_eq!(after.remove(4).1, before[4].1 + 2);
    assert_eq!(after[..], before[..4]);
}

#[test]
fn imported_cases_use_the_owners_keyword_alerts() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "rates.csv", TRADE_RATE);
    let mut conn = open_in_memory().unwrap();
    crate::triage::add_alert(
        &conn,
        &crate::triage::NewAlert {
            term: "漏水".into(),
            product: "保温杯".into(),
        },
        now(),
    )
    .unwrap();
    run(&mut conn, &f, &opts()).unwrap();
    let hits = crate::triage::pending_alert_hits(&conn).unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].term, "漏水");
    let case = cases::get(&conn, hits[0].case_id).unwrap();
    assert_eq!(case.order_id.as_deref(), Some("1001"));
    assert!(
        case.flags.iter().any(|f| f == "keyword_alert"),
        "{:?}",
        case.flags
    );
    // Re-importing the same file raises no second alert for the same case.
    run(&mut conn, &f, &opts()).unwrap();
    assert_eq!(crate::triage::pending_alert_hits(&conn).unwrap().len(), 1);
}

/// The label columns of a case as stored.
fn labels_of(conn: &Connection, id: i64) -> (String, String, i64, String, String, String) {
    conn.query_row(
        "SELECT primary_cause, causes, severity, flags, triage_reasons, triage_detail
         FROM cases WHERE id = ?1",
        [id],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        },
    )
    .unwrap()
}

/// A database where the buyer already has a case and the owner listens for a word.
fn shop_with_history() -> Connection {
    let mut conn = open_in_memory().unwrap();
    crate::triage::add_alert(
        &conn,
        &crate::triage::NewAlert {
            term: "生锈".into(),
            product: String::new(),
        },
        now(),
    )
    .unwrap();
    add_case(
        &mut conn,
        &cases::NewCase {
            platform: "taobao".into(),
            buyer_nick: "t***1".into(),
            product: "茶杯".into(),
            stars: 2,
            review_text: "杯子有点小".into(),
            review_time: "2024-04-01 10:00".into(),
            ..Default::default()
        },
        "店主",
        now(),
    )
    .unwrap();
    conn
}

#[test]
fn the_same_review_gets_the_same_labels_whichever_way_it_comes_in() {
    let review = cases::NewCase {
        platform: "taobao".into(),
        review_id: "R-77".into(),
        order_id: "3721845590123456789".into(),
        buyer_nick: "t***1".into(),
        product: "不锈钢保温杯".into(),
        stars: 1,
        review_text: "杯盖拧不紧，用了两天就漏水".into(),
        review_time: "2024-05-03 14:22:10".into(),
        has_photos: true,
        order_value_cents: Some(89_900),
        follow_up_text: "一周后杯底还生锈了".into(),
        ..Default::default()
    };
    let mut labels = Vec::new();

    // Typed in by hand.
    let mut conn = shop_with_history();
    let c = add_case(&mut conn, &review, "店主", now()).unwrap();
    labels.push(("manual", labels_of(&conn, c.id)));
    assert_eq!(crate::triage::pending_alert_hits(&conn).unwrap().len(), 1);

    // Pasted from the backend page and confirmed.
    let mut conn = shop_with_history();
    let c = create_pasted(&mut conn, &review, "店主", now()).unwrap();
    labels.push(("pasted", labels_of(&conn, c.id)));
    assert_eq!(crate::triage::pending_alert_hits(&conn).unwrap().len(), 1);

    // Imported from the seller-center export.
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "export.csv",
        "评价编号,订单编号,买家昵称,宝贝名称,评分,评价内容,评价时间,追评内容,宝贝单价,评价图片\n\
         R-77,3721845590123456789,t***1,不锈钢保温杯,1,杯盖拧不紧，用了两天就漏水,2024-05-03 14:22:10,一周后杯底还生锈了,899.00,https://img.example/1.jpg\n",
    );
    let mut conn = shop_with_history();
    let r = run(&mut conn, &f, &opts()).unwrap();
    assert_eq!(r.new, 1, "{r:?}");
    let id = cases::find_by_review_id(&conn, Platform::Taobao, "R-77")
        .unwrap()
        .unwrap();
    labels.push(("imported", labels_of(&conn, id)));
    assert_eq!(crate::triage::pending_alert_hits(&conn).unwrap().len(), 1);

    // As the demo shop enters it: the review first, the follow-up later.
    let mut conn = shop_with_history();
    let c = add_case(
        &mut conn,
        &cases::NewCase {
            follow_up_text: String::new(),
            ..review.clone()
        },
        "店主",
        now(),
    )
    .unwrap();
    revise_case(
        &mut conn,
        c.id,
        &cases::ReviewUpdate {
            follow_up_text: Some(&review.follow_up_text),
            ..Default::default()
        },
        "店主",
        now(),
    )
    .unwrap();
    labels.push(("demo", labels_of(&conn, c.id)));
    assert_eq!(crate::triage::pending_alert_hits(&conn).unwrap().len(), 1);

    let (_, first) = &labels[0];
    // The follow-up, the repeat buyer, the photos and the order value all count.
    assert!(first.3.contains("keyword_alert"), "{first:?}");
    assert!(first.5.contains("repeat_buyer"), "{first:?}");
    assert!(first.5.contains("high_value"), "{first:?}");
    assert_eq!(first.2, 3, "{first:?}");
    for (path, l) in &labels[1..] {
        assert_eq!(l, first, "{path} differs from manual");
    }
}

#[test]
fn a_refused_paste_leaves_nothing_behind() {
    let mut conn = open_in_memory().unwrap();
    let pasted = cases::NewCase {
        platform: "taobao".into(),
        order_id: "3721845590123456789".into(),
        product: "保温杯".into(),
        stars: 1,
        review_text: "漏水".into(),
        review_time: "2024-05-03 14:22".into(),
        follow_up_text: "又".repeat(20_001),
        ..Default::default()
    };
    let err = create_pasted(&mut conn, &pasted, "店主", now()).unwrap_err();
    assert_eq!(err.payload().field.as_deref(), Some("follow_up_text"));
    assert_eq!(snapshot(&conn).iter().map(|(_, n)| n).sum::<i64>(), 0);
}

#[test]
fn imported_cases_are_found_by_search_once_the_import_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "rates.csv", TRADE_RATE);
    let mut conn = open_in_memory().unwrap();
    run(&mut conn, &f, &opts()).unwrap();
    let found = |conn: &Connection, q: &str| {
        cases::list(
            conn,
            &CaseFilter {
                query: q.into(),
                ..Default::default()
            },
        )
        .unwrap()
        .items
        .iter()
        .map(|c| c.order_id.clone().unwrap_or_default())
        .collect::<Vec<_>>()
    };
    let index_holds_the_cases = |conn: &Connection| {
        conn.execute(
            "INSERT INTO cases_fts(cases_fts, rank) VALUES ('integrity-check', 1)",
            [],
        )
    };
    let searches = |conn: &Connection| {
        // Three characters and more go through the full-text index, shorter ones do not.
        assert_eq!(found(conn, "两天就漏水"), ["1001"]);
        assert_eq!(found(conn, "盒子压扁"), ["1005"]);
        assert_eq!(found(conn, "漏水"), ["1001"]);
    };
    // Stored, not indexed yet: found all the same.
    assert!(cases::search_waiting(&conn).unwrap() > 0);
    assert!(index_holds_the_cases(&conn).is_err());
    // …which is no damage: a backup taken now passes its check.
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    searches(&conn);
    // Edits and deletions of waiting cases leave the index alone (it does not hold them).
    let waiting_id: i64 = conn
        .query_row("SELECT id FROM cases WHERE order_id = '1005'", [], |r| {
            r.get(0)
        })
        .unwrap();
    conn.execute(
        "UPDATE cases SET product = product || ' 蓝色' WHERE id = ?1",
        [waiting_id],
    )
    .unwrap();
    // The index takes them a few at a time, as the app does in the background.
    while cases::catch_up_search(&mut conn, 2).unwrap() {}
    assert_eq!(cases::search_waiting(&conn).unwrap(), 0);
    index_holds_the_cases(&conn).unwrap();
    searches(&conn);
    assert_eq!(found(&conn, "蓝色"), ["1005"]);
    // A re-import adds nothing to the index twice.
    run(&mut conn, &f, &opts()).unwrap();
    assert_eq!(cases::search_waiting(&conn).unwrap(), 0);
    assert_eq!(found(&conn, "两天就漏水"), ["1001"]);
    index_holds_the_cases(&conn).unwrap();
}

/// Ids are reused once the highest case is deleted: a waiting range must never cover a
/// case twice, nor a case the index already holds.
#[test]
fn a_reused_id_is_indexed_once() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "rates.csv", TRADE_RATE);
    let mut conn = open_in_memory().unwrap();
    run(&mut conn, &f, &opts()).unwrap();
    let top: i64 = conn
        .query_row("SELECT max(id) FROM cases", [], |r| r.get(0))
        .unwrap();
    // The newest imported case goes before it is indexed; a hand-added case takes its id.
    cases::delete(&conn, top).unwrap();
    let manual = create_pasted(
        &mut conn,
        &cases::NewCase {
            platform: "taobao".into(),
            order_id: "9001".into(),
            product: "手工录入的杯子".into(),
            stars: 1,
            review_text: "盖子拧不紧".into(),
            review_time: "2024-05-03 14:22".into(),
            ..Default::default()
        },
        "店主",
        now(),
    );
    let manual_id = manual.unwrap().id;
    assert_eq!(manual_id, top);
    cases::catch_up_search_all(&mut conn).unwrap();
    conn.execute(
        "INSERT INTO cases_fts(cases_fts, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .unwrap();
    // The hand-added case is found once, through the index.
    let hits: i64 = conn
        .query_row(
            "SELECT count(*) FROM cases_fts WHERE cases_fts MATCH '\"拧不紧\"'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(hits, 1);
}
