use super::catalog::CASES;
use super::script::{Act, Order, Who};
use super::*;
use crate::cases::{guess_lang, Case, CaseStatus, Cause, Platform, CASE_COLUMNS};
use crate::db::open_in_memory;
use chrono::TimeZone;
use std::collections::{BTreeMap, HashSet};

/// 12:00 in Beijing.
fn noon() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 4, 0, 0).unwrap()
}

fn stored(conn: &Connection) -> Vec<Case> {
    let mut stmt = conn
        .prepare(&format!("SELECT {CASE_COLUMNS} FROM cases ORDER BY id"))
        .unwrap();
    let rows = stmt.query_map([], cases::row_to_case).unwrap();
    rows.collect::<rusqlite::Result<_>>().unwrap()
}

fn event_count(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM case_events", [], |r| r.get(0))
        .unwrap()
}

fn demo_for(case: &Case) -> &'static DemoCase {
    let key = case
        .review_id
        .as_deref()
        .and_then(|r| r.strip_prefix(REVIEW_ID_PREFIX))
        .unwrap();
    CASES.iter().find(|d| d.key == key).unwrap()
}

/// Every 20 minutes across a whole Beijing day, plus the edges of midnight.
fn loads_at_every_hour() -> Vec<DateTime<Utc>> {
    let start = noon() - Duration::hours(12);
    let mut out: Vec<_> = (0..72).map(|i| start + Duration::minutes(20 * i)).collect();
    out.push(start - Duration::seconds(1));
    out.push(start + Duration::seconds(1));
    out
}

#[test]
fn loads_about_fifty_cases_into_a_fresh_database() {
    let mut conn = open_in_memory().unwrap();
    let n = load(&mut conn, noon()).unwrap();
    assert_eq!(n, CASES.len());
    assert_eq!(size(), CASES.len());
    assert!((45..=55).contains(&n), "{n} cases");
    assert_eq!(cases::count(&conn).unwrap(), n as i64);

    for case in stored(&conn) {
        let demo = demo_for(&case);
        assert_eq!(case.platform, demo.platform);
        assert_eq!(case.shop, SHOP_NAME);
        assert_eq!(case.product, demo.product);
        assert_eq!(case.stars, demo.stars);
        assert_eq!(case.review_text, demo.text);
        assert_eq!(case.has_photos, demo.photos);
        assert_eq!(case.status, demo.final_status(), "{}", demo.key);
        let english = matches!(case.platform, Platform::Amazon | Platform::Shopify);
        assert_eq!(case.lang, if english { "en" } else { "zh" }, "{}", demo.key);

        let history = cases::history(&conn, case.id).unwrap();
        assert_eq!(history.len(), 1 + demo.steps.len(), "{}", demo.key);
        assert_eq!(history[0].kind, "created");
        for (event, step) in history[1..].iter().zip(demo.steps) {
            assert_eq!(event.actor, step.by.name());
            match step.act {
                Act::Move(to) => assert_eq!(event.new_value.as_deref(), Some(to.as_str())),
                Act::Note => assert_eq!(event.note.as_deref(), Some(step.text)),
                Act::FollowUp | Act::Reply => {
                    assert_eq!(event.kind, "field");
                    assert_eq!(event.new_value.as_deref(), Some(step.text));
                }
            }
        }
    }
}

#[test]
fn loads_at_any_time_of_day() {
    for now in [
        noon() - Duration::hours(12) + Duration::minutes(5),
        noon() - Duration::hours(4),
        noon() + Duration::hours(11) + Duration::minutes(55),
    ] {
        let mut conn = open_in_memory().unwrap();
        assert_eq!(load(&mut conn, now).unwrap(), CASES.len(), "at {now}");
    }
}

#[test]
fn the_table_covers_every_cause_several_times() {
    let mut per_cause: BTreeMap<Cause, usize> = BTreeMap::new();
    for d in CASES {
        *per_cause.entry(d.intended).or_default() += 1;
    }
    for cause in Cause::ALL {
        let n = per_cause.get(cause).copied().unwrap_or(0);
        assert!(n >= 3, "{cause}: only {n} demo cases");
    }
}

#[test]
fn the_table_covers_every_platform_with_english_storefronts() {
    let platforms: HashSet<Platform> = CASES.iter().map(|d| d.platform).collect();
    for p in Platform::ALL.iter().filter(|p| **p != Platform::Other) {
        assert!(platforms.contains(p), "no demo case on {p}");
    }
    let english: Vec<_> = CASES.iter().filter(|d| !d.platform.is_chinese()).collect();
    assert!(
        (6..=10).contains(&english.len()),
        "{} English",
        english.len()
    );
    for d in CASES {
        let want = if d.platform.is_chinese() { "zh" } else { "en" };
        assert_eq!(guess_lang(d.text), want, "{}", d.key);
        for s in d.steps.iter().filter(|s| s.act == Act::FollowUp) {
            assert_eq!(guess_lang(s.text), want, "{} follow-up", d.key);
        }
    }
    let meituan = CASES
        .iter()
        .filter(|d| d.platform == Platform::Meituan)
        .count();
    assert!(meituan >= 3);
}

#[test]
fn every_status_occurs_in_the_loaded_inbox() {
    let mut conn = open_in_memory().unwrap();
    load(&mut conn, noon()).unwrap();
    let seen: HashSet<CaseStatus> = stored(&conn).iter().map(|c| c.status).collect();
    for s in CaseStatus::ALL {
        assert!(seen.contains(s), "no demo case is {s}");
    }
}

#[test]
fn every_story_is_in_order_whatever_the_hour_of_loading() {
    // Checked on the raw table, before the loader's clamping: a story that only works
    // at some hours of the day would be a writing mistake, not something to paper over.
    for now in loads_at_every_hour() {
        for d in CASES {
            let review = d.at.resolve(now);
            assert!(review <= now, "{} reviewed in the future at {now}", d.key);
            assert!(review >= now - Duration::days(46), "{} too old", d.key);
            let mut prev = review;
            for s in d.steps {
                let t = s.at.resolve(now);
                assert!(t > prev, "{}: '{}' out of order at {now}", d.key, s.text);
                assert!(t <= now, "{}: '{}' in the future at {now}", d.key, s.text);
                prev = t;
            }
        }
    }
}

#[test]
fn reviews_spread_over_six_weeks_with_some_fresh_today() {
    let now = noon();
    let ages: Vec<Duration> = CASES.iter().map(|d| now - d.at.resolve(now)).collect();
    let last_day = ages.iter().filter(|a| **a <= Duration::hours(24)).count();
    let this_week = ages.iter().filter(|a| **a <= Duration::days(7)).count();
    let older_than_a_month = ages.iter().filter(|a| **a > Duration::days(30)).count();
    assert!(last_day >= 5, "{last_day} in the last 24 h");
    assert!(this_week >= 15, "{this_week} this week");
    assert!(
        older_than_a_month >= 3,
        "{older_than_a_month} older than 30 days"
    );
    // Cases from the last day are still waiting for their first contact or in it.
    for (d, age) in CASES.iter().zip(&ages) {
        if *age <= Duration::hours(24) {
            assert!(
                matches!(d.final_status(), CaseStatus::New | CaseStatus::Contacting),
                "{} is only {age} old",
                d.key
            );
        }
    }
}

#[test]
fn stored_times_are_never_after_now_and_histories_read_in_order() {
    let now = noon() + Duration::milliseconds(750);
    let mut conn = open_in_memory().unwrap();
    load(&mut conn, now).unwrap();
    for case in stored(&conn) {
        assert!(case.review_time <= now);
        assert!(case.created_at >= case.review_time, "{:?}", case.review_id);
        assert!(case.updated_at >= case.created_at);
        assert!(case.updated_at <= now);
        let history = cases::history(&conn, case.id).unwrap();
        assert_eq!(history[0].at, case.created_at);
        if let Some(first) = history.get(1) {
            assert!(history[0].at < first.at, "entered before it was worked on");
        }
        for pair in history.windows(2) {
            assert!(pair[0].at <= pair[1].at);
        }
        assert!(history.iter().all(|e| e.at <= now));
    }
}

#[test]
fn loading_twice_adds_nothing() {
    let mut conn = open_in_memory().unwrap();
    assert_eq!(load(&mut conn, noon()).unwrap(), CASES.len());
    let events = event_count(&conn);
    assert_eq!(load(&mut conn, noon() + Duration::days(3)).unwrap(), 0);
    assert_eq!(cases::count(&conn).unwrap(), CASES.len() as i64);
    assert_eq!(event_count(&conn), events);
}

#[test]
fn an_interrupted_load_is_completed_by_the_next_one() {
    let mut conn = open_in_memory().unwrap();
    load(&mut conn, noon()).unwrap();
    conn.execute(
        "DELETE FROM cases WHERE review_id = ?1",
        [format!("{REVIEW_ID_PREFIX}{}", CASES[0].key)],
    )
    .unwrap();
    assert_eq!(load(&mut conn, noon()).unwrap(), 1);
    assert_eq!(cases::count(&conn).unwrap(), CASES.len() as i64);
}

#[test]
fn the_shop_name_is_set_only_while_it_is_the_default() {
    let mut conn = open_in_memory().unwrap();
    settings::save(
        &conn,
        &settings::Settings {
            language: "en".into(),
            ..Default::default()
        },
    )
    .unwrap();
    load(&mut conn, noon()).unwrap();
    let s = settings::load(&conn).unwrap();
    assert_eq!(s.shop_name, SHOP_NAME);
    assert_eq!(s.language, "en", "other preferences are kept");

    let mut conn = open_in_memory().unwrap();
    settings::save(
        &conn,
        &settings::Settings {
            shop_name: "老王家居".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let own = cases::create(
        &mut conn,
        &NewCase {
            platform: "taobao".into(),
            product: "竹制砧板".into(),
            stars: 2,
            review_text: "砧板有裂缝".into(),
            ..Default::default()
        },
        "老王",
        noon(),
    )
    .unwrap();
    assert_eq!(load(&mut conn, noon()).unwrap(), CASES.len());
    assert_eq!(settings::load(&conn).unwrap().shop_name, "老王家居");
    assert_eq!(cases::get(&conn, own.id).unwrap(), own);
}

#[test]
fn severity_drivers_are_all_represented() {
    let all_text: String = CASES.iter().map(|d| d.text).collect();
    for word in ["漏电", "起火", "过敏", "烫伤", "12315", "曝光", "律师"] {
        assert!(all_text.contains(word), "no demo review mentions {word}");
    }
    assert!(CASES.iter().filter(|d| d.photos).count() >= 8);
    assert!(CASES.iter().all(|d| (1..=3).contains(&d.stars)));
    let low = CASES.iter().filter(|d| d.stars <= 2).count();
    let neutral = CASES.iter().filter(|d| d.stars == 3).count();
    assert!(low * 10 >= CASES.len() * 7, "mostly 1–2 stars");
    assert!(neutral >= 5, "some 中评");
    assert!(CASES
        .iter()
        .any(|d| d.platform.is_chinese() && d.value_cents >= 30_000));
    assert!(CASES.iter().filter(|d| !d.phone.is_empty()).count() >= 5);
    assert!(CASES
        .iter()
        .any(|d| d.steps.iter().any(|s| s.act == Act::FollowUp)));
}

fn digits(s: &str, n: usize) -> bool {
    s.len() == n && s.chars().all(|c| c.is_ascii_digit())
}

#[test]
fn order_numbers_look_like_the_platforms_own() {
    let mut conn = open_in_memory().unwrap();
    load(&mut conn, noon()).unwrap();
    for case in stored(&conn) {
        let Some(order) = case.order_id.as_deref() else {
            assert_eq!(demo_for(&case).order, Order::None);
            continue;
        };
        let ok = match case.platform {
            Platform::Taobao | Platform::Tmall | Platform::Douyin => digits(order, 19),
            Platform::Jd => digits(order, 12),
            Platform::Meituan => digits(order, 17),
            Platform::Pinduoduo => match order.split_once('-') {
                Some((date, serial)) => {
                    let placed = chrono::NaiveDate::parse_from_str(date, "%y%m%d").unwrap();
                    let reviewed = case.review_time.with_timezone(&Shanghai).date_naive();
                    digits(serial, 15) && placed < reviewed
                }
                None => false,
            },
            Platform::Amazon => {
                let parts: Vec<_> = order.split('-').collect();
                parts.len() == 3
                    && digits(parts[0], 3)
                    && digits(parts[1], 7)
                    && digits(parts[2], 7)
            }
            Platform::Shopify => order.starts_with("WN") && digits(&order[2..], 4),
            Platform::Other => false,
        };
        assert!(ok, "{} order {order}", case.platform);
    }
}

#[test]
fn phone_numbers_are_well_formed() {
    for d in CASES.iter().filter(|d| !d.phone.is_empty()) {
        if d.platform.is_chinese() {
            let b = d.phone.as_bytes();
            assert!(digits(d.phone, 11), "{}", d.key);
            assert!(b[0] == b'1' && (b'3'..=b'9').contains(&b[1]), "{}", d.key);
        } else {
            assert!(d.phone.starts_with("+1 "), "{}", d.key);
        }
    }
}

#[test]
fn the_shop_never_trades_compensation_for_a_review() {
    for d in CASES {
        for s in d.steps.iter().filter(|s| s.by != Who::Buyer) {
            // Only a malicious buyer's demand may be quoted back in the shop's notes.
            if d.intended != Cause::Malicious {
                for banned in ["返现", "好评返", "改好评", "换好评"] {
                    assert!(!s.text.contains(banned), "{}: '{}'", d.key, s.text);
                }
            }
            if s.act == Act::Move(CaseStatus::WaitingUpdate) {
                assert!(
                    s.text.contains("条件"),
                    "{}: say no condition was set",
                    d.key
                );
            }
        }
    }
}

#[test]
fn keys_nicks_and_texts_are_distinct() {
    let keys: HashSet<_> = CASES.iter().map(|d| d.key).collect();
    assert_eq!(keys.len(), CASES.len());
    let texts: HashSet<_> = CASES.iter().map(|d| d.text).collect();
    assert_eq!(texts.len(), CASES.len());
    let orders: HashSet<_> = CASES
        .iter()
        .filter_map(|d| match d.order {
            Order::Fixed(n) => Some(n),
            Order::Pdd { serial, .. } => Some(serial),
            Order::None => None,
        })
        .collect();
    let with_order = CASES.iter().filter(|d| d.order != Order::None).count();
    assert_eq!(orders.len(), with_order);
    assert!(CASES
        .iter()
        .all(|d| !d.nick.is_empty() && !d.product.is_empty()));
}
