use super::*;
use crate::cases::EventKind;
use crate::clock::{Clock, FixedClock};
use crate::db::open_in_memory;
use chrono::Duration;

/// A case stored the way the app stores one (validated, labelled by triage).
fn create(
    conn: &mut rusqlite::Connection,
    input: &NewCase,
    actor: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> crate::Result<Case> {
    crate::intake::add_case(conn, input, actor, now)
}

fn sample(text: &str) -> NewCase {
    NewCase {
        platform: "taobao".into(),
        product: "不锈钢电热水壶 1.7L".into(),
        stars: 1,
        review_text: text.into(),
        buyer_nick: "t**8".into(),
        order_id: "2026112312345".into(),
        ..Default::default()
    }
}

#[test]
fn creates_with_history_and_masked_phone() {
    let mut conn = open_in_memory().unwrap();
    let clock = FixedClock::at("2026-11-20T04:00:00Z");
    let mut input = sample("壶底漏水，用了两天就坏了");
    input.buyer_phone = "13812345678".into();
    let c = create(&mut conn, &input, "店主", clock.now()).unwrap();
    assert_eq!(c.status, CaseStatus::New);
    assert_eq!(c.buyer_phone_masked.as_deref(), Some("138******78"));
    assert_eq!(c.shop, "我的小店");
    assert_eq!(c.lang, crate::Lang::Zh);
    assert_eq!(c.review_time, clock.now());
    let d = detail(&conn, c.id).unwrap();
    assert_eq!(d.buyer_phone.as_deref(), Some("13812345678"));
    assert_eq!(d.history.len(), 1);
    assert_eq!(d.history[0].kind, EventKind::Created);
    assert_eq!(d.history[0].actor, "店主");
}

#[test]
fn validation_names_the_field() {
    let mut conn = open_in_memory().unwrap();
    let now = FixedClock::at("2026-11-20T04:00:00Z").now();
    let cases = [
        (
            NewCase {
                stars: 0,
                ..sample("x")
            },
            "stars",
            "validation.stars_range",
        ),
        (
            NewCase {
                product: "  ".into(),
                ..sample("x")
            },
            "product",
            "validation.required",
        ),
        (
            NewCase {
                platform: "ebay".into(),
                ..sample("x")
            },
            "platform",
            "validation.unknown_platform",
        ),
        (sample("   "), "review_text", "validation.required"),
        (
            NewCase {
                buyer_phone: "call me".into(),
                ..sample("x")
            },
            "buyer_phone",
            "validation.phone_format",
        ),
        (
            NewCase {
                order_id: "12 34".into(),
                ..sample("x")
            },
            "order_id",
            "validation.order_format",
        ),
        (
            NewCase {
                review_time: "yesterday".into(),
                ..sample("x")
            },
            "review_time",
            "validation.time_format",
        ),
        (
            NewCase {
                review_time: "2027-01-01 10:00".into(),
                ..sample("x")
            },
            "review_time",
            "validation.future_time",
        ),
    ];
    for (input, field, code) in cases {
        let err = create(&mut conn, &input, "店主", now).unwrap_err();
        assert_eq!(err.code(), code, "{field}");
        assert_eq!(err.payload().field.as_deref(), Some(field));
    }
    assert_eq!(count(&conn).unwrap(), 0, "nothing half-written");
}

#[test]
fn plain_times_are_beijing_time() {
    let mut conn = open_in_memory().unwrap();
    let now = FixedClock::at("2026-11-20T04:00:00Z").now();
    let c = create(
        &mut conn,
        &NewCase {
            review_time: "2026-11-19 20:30".into(),
            ..sample("太慢了")
        },
        "a",
        now,
    )
    .unwrap();
    assert_eq!(c.review_time.to_rfc3339(), "2026-11-19T12:30:00+00:00");
}

#[test]
fn duplicate_review_id_is_refused() {
    let mut conn = open_in_memory().unwrap();
    let now = FixedClock::at("2026-11-20T04:00:00Z").now();
    let input = NewCase {
        review_id: "R1".into(),
        ..sample("不好")
    };
    create(&mut conn, &input, "a", now).unwrap();
    let err = create(&mut conn, &input, "a", now).unwrap_err();
    assert_eq!(err.code(), "validation.duplicate_review");
}

#[test]
fn status_flow_is_logged_and_illegal_moves_refused() {
    let mut conn = open_in_memory().unwrap();
    let clock = FixedClock::at("2026-11-20T04:00:00Z");
    let c = create(&mut conn, &sample("客服态度差"), "店主", clock.now()).unwrap();
    clock.advance(Duration::minutes(5));
    set_status(
        &mut conn,
        c.id,
        CaseStatus::Contacting,
        Some("旺旺已留言"),
        "小王",
        clock.now(),
    )
    .unwrap();
    let err = set_status(&mut conn, c.id, CaseStatus::New, None, "小王", clock.now()).unwrap_err();
    assert_eq!(err.code(), "invalid_transition");
    set_status(
        &mut conn,
        c.id,
        CaseStatus::Resolved,
        None,
        "小王",
        clock.now(),
    )
    .unwrap();
    set_status(
        &mut conn,
        c.id,
        CaseStatus::Contacting,
        Some("买家又来问"),
        "店主",
        clock.now(),
    )
    .unwrap();
    let h = history(&conn, c.id).unwrap();
    let kinds: Vec<&str> = h.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["created", "status", "status", "reopened"]);
    assert_eq!(h[1].old_value.as_deref(), Some("new"));
    assert_eq!(h[1].new_value.as_deref(), Some("contacting"));
    assert_eq!(h[1].note.as_deref(), Some("旺旺已留言"));
    assert_eq!(h[1].actor, "小王");
    assert_eq!(get(&conn, c.id).unwrap().updated_at, clock.now());
    let missing =
        set_status(&mut conn, 999, CaseStatus::Closed, None, "a", clock.now()).unwrap_err();
    assert_eq!(missing.code(), "not_found");
}

fn seeded() -> rusqlite::Connection {
    let mut conn = open_in_memory().unwrap();
    let clock = FixedClock::at("2026-11-20T04:00:00Z");
    let rows = [
        ("taobao", "电热水壶", 1, "壶底漏水，质量太差", "小李"),
        ("jd", "蓝牙耳机", 2, "物流太慢了，等了五天", "jd_王先生"),
        (
            "pinduoduo",
            "棉袜五双装",
            3,
            "少发了一双，客服不回复",
            "多多买家",
        ),
        (
            "amazon",
            "Phone case",
            1,
            "Cracked after two days. Poor quality.",
            "John",
        ),
        ("taobao", "电热水壶", 2, "包装简陋，盒子压扁了", "阿花"),
    ];
    for (i, (p, product, stars, text, nick)) in rows.into_iter().enumerate() {
        clock.advance(Duration::hours(1));
        let input = NewCase {
            platform: p.into(),
            product: product.into(),
            stars,
            review_text: text.into(),
            buyer_nick: nick.into(),
            order_id: format!("ORD{i}"),
            ..Default::default()
        };
        create(&mut conn, &input, "a", clock.now()).unwrap();
    }
    conn
}

fn ids(conn: &rusqlite::Connection, f: CaseFilter) -> Vec<i64> {
    list(conn, &f).unwrap().items.iter().map(|c| c.id).collect()
}

#[test]
fn search_finds_chinese_substrings_of_any_length() {
    let conn = seeded();
    let q = |s: &str| {
        ids(
            &conn,
            CaseFilter {
                query: s.into(),
                ..Default::default()
            },
        )
    };
    assert_eq!(q("质量"), vec![1], "two characters");
    assert_eq!(q("物流"), vec![2]);
    assert_eq!(q("漏"), vec![1], "one character");
    assert_eq!(q("等了五天"), vec![2], "trigram path");
    assert_eq!(q("热水壶"), vec![1, 5], "product");
    assert_eq!(q("王先生"), vec![2], "buyer");
    assert_eq!(q("ORD2"), vec![3], "order number");
    assert_eq!(q("poor QUALITY"), vec![4], "case-insensitive English");
    assert_eq!(
        q("100%"),
        Vec::<i64>::new(),
        "LIKE metacharacters are literal"
    );
    assert_eq!(
        q("\"漏水"),
        Vec::<i64>::new(),
        "quotes do not break the query"
    );
}

#[test]
fn filters_and_sorting() {
    let conn = seeded();
    let f = |f: CaseFilter| ids(&conn, f);
    assert_eq!(
        f(CaseFilter {
            platforms: vec![Platform::Taobao],
            ..Default::default()
        }),
        vec![1, 5]
    );
    assert_eq!(
        f(CaseFilter {
            stars: vec![2, 3],
            ..Default::default()
        }),
        vec![2, 3, 5]
    );
    assert_eq!(
        f(CaseFilter {
            sort: SortKey::Stars,
            descending: true,
            ..Default::default()
        }),
        vec![3, 5, 2, 4, 1]
    );
    assert_eq!(
        f(CaseFilter {
            sort: SortKey::ReviewTime,
            descending: true,
            limit: 2,
            ..Default::default()
        }),
        vec![5, 4]
    );
    let from = FixedClock::at("2026-11-20T06:30:00Z").now();
    let to = FixedClock::at("2026-11-20T08:00:00Z").now();
    assert_eq!(
        f(CaseFilter {
            from: Some(from),
            to: Some(to),
            ..Default::default()
        }),
        vec![3, 4]
    );
    let page = list(
        &conn,
        &CaseFilter {
            limit: 2,
            offset: 2,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(page.total, 5);
    assert_eq!(page.items.len(), 2);
}

#[test]
fn status_filter_and_open_only() {
    let mut conn = seeded();
    let now = FixedClock::at("2026-11-21T00:00:00Z").now();
    set_status(&mut conn, 2, CaseStatus::Resolved, None, "a", now).unwrap();
    assert_eq!(
        ids(
            &conn,
            CaseFilter {
                statuses: vec![CaseStatus::Resolved],
                ..Default::default()
            }
        ),
        vec![2]
    );
    assert_eq!(
        ids(
            &conn,
            CaseFilter {
                open_only: true,
                ..Default::default()
            }
        ),
        vec![1, 3, 4, 5]
    );
}

#[test]
fn owner_labels_are_kept() {
    let mut conn = seeded();
    let now = FixedClock::at("2026-11-21T00:00:00Z").now();
    let c = set_labels(
        &mut conn,
        1,
        Cause::Quality,
        &[Cause::Packaging, Cause::Quality],
        3,
        "店主",
        now,
    )
    .unwrap();
    assert!(c.labels_locked);
    assert_eq!(c.causes, vec![Cause::Quality, Cause::Packaging]);
    assert_eq!(c.severity, 3);
    assert_eq!(
        set_labels(&mut conn, 1, Cause::Quality, &[], 4, "a", now)
            .unwrap_err()
            .code(),
        "validation.severity_range"
    );
}

#[test]
fn urgent_view_lists_severe_and_flagged_cases_first() {
    let mut conn = seeded();
    let now = FixedClock::at("2026-11-21T00:00:00Z").now();
    set_labels(&mut conn, 3, Cause::ShippingError, &[], 3, "a", now).unwrap();
    conn.execute(
        "UPDATE cases SET severity = 1, flags = '[\"asks_refund\"]' WHERE id = 2",
        [],
    )
    .unwrap();
    conn.execute(
        "UPDATE cases SET severity = 2, flags = '[]' WHERE id NOT IN (2, 3)",
        [],
    )
    .unwrap();
    let f = CaseFilter {
        urgent_only: true,
        descending: true,
        ..Default::default()
    };
    assert_eq!(ids(&conn, f), vec![3, 2]);
}
