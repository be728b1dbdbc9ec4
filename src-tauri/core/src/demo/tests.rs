use super::catalog::CASES;
use super::script::{Act, Order, Who};
use super::*;
use crate::cases::EventKind;
use crate::cases::{guess_lang, Case, CaseStatus, Cause, Platform, CASE_COLUMNS};
use crate::db::open_in_memory;
use crate::intake;
use chrono::TimeZone;
use std::collections::{BTreeMap, HashSet};

/// History lines written by the contact log, the remedies ledger and the outcome picker.
const TOOL_EVENTS: &[&str] = &[
    "contact",
    "remedy_added",
    "remedy_status",
    "outcome",
    "compliance_flag",
];

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
        assert_eq!(
            case.lang,
            if english {
                crate::Lang::En
            } else {
                crate::Lang::Zh
            },
            "{}",
            demo.key
        );

        // The story's own lines; the tools' record is checked on its own below.
        let history: Vec<_> = cases::history(&conn, case.id)
            .unwrap()
            .into_iter()
            .filter(|e| !TOOL_EVENTS.contains(&e.kind.as_str()))
            .collect();
        assert_eq!(history.len(), 1 + demo.steps.len(), "{}", demo.key);
        assert_eq!(history[0].kind, EventKind::Created);
        for (event, step) in history[1..].iter().zip(demo.steps) {
            assert_eq!(event.actor, step.by.name());
            match step.act {
                Act::Move(to) => assert_eq!(event.new_value.as_deref(), Some(to.as_str())),
                Act::Note => assert_eq!(event.note.as_deref(), Some(step.text)),
                Act::FollowUp | Act::Reply => {
                    assert_eq!(event.kind, EventKind::Field);
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
        let want = if d.platform.is_chinese() {
            crate::Lang::Zh
        } else {
            crate::Lang::En
        };
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
    let own = intake::add_case(
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

// ------------------------------------------------------------- the tools' record

use super::history::{entries_of, Deed, RECORDS};
use crate::followup::list_contacts;
use crate::insights::{self, Granularity, InsightsQuery};
use crate::remedies::{list_remedies, Outcome, RemedyStatus};

#[test]
fn every_record_belongs_to_a_story_and_follows_it_at_any_hour() {
    let keys: HashSet<_> = RECORDS.iter().map(|r| r.key).collect();
    assert_eq!(keys.len(), RECORDS.len(), "one record per story");
    for r in RECORDS {
        let story = CASES.iter().find(|d| d.key == r.key);
        assert!(story.is_some(), "record {} has no story", r.key);
    }
    for now in loads_at_every_hour() {
        for d in CASES {
            let entries = entries_of(d.key);
            // The first move out of `new`: nothing is logged with the buyer before it.
            let reached = d
                .steps
                .iter()
                .find(|s| matches!(s.act, Act::Move(_)))
                .map(|s| s.at.resolve(now));
            let mut prev = d.at.resolve(now);
            for e in entries {
                let t = e.at.resolve(now);
                assert!(t >= prev, "{}: record out of order at {now}", d.key);
                assert!(t <= now, "{}: record in the future at {now}", d.key);
                if let Deed::Contact { .. } = e.deed {
                    let reached = reached.unwrap_or_else(|| panic!("{} never moves", d.key));
                    assert!(t >= reached, "{}: contact before the story moved", d.key);
                }
                prev = t;
            }
            let closes = entries.iter().any(|e| matches!(e.deed, Deed::Close { .. }));
            assert_eq!(
                closes,
                d.final_status() == CaseStatus::Closed,
                "{}: every closed story has an outcome, and only those",
                d.key
            );
        }
    }
}

#[test]
fn the_record_is_stored_through_the_tools() {
    let mut conn = open_in_memory().unwrap();
    load(&mut conn, noon()).unwrap();
    let mut recovered = 0;
    for case in stored(&conn) {
        let demo = demo_for(&case);
        let entries = entries_of(demo.key);
        let contacts = entries
            .iter()
            .filter(|e| matches!(e.deed, Deed::Contact { .. }))
            .count();
        assert_eq!(
            list_contacts(&conn, case.id).unwrap().len(),
            contacts,
            "{}",
            demo.key
        );
        let offers = entries
            .iter()
            .filter(|e| matches!(e.deed, Deed::Offer(_)))
            .count();
        let stored_remedies = list_remedies(&conn, Some(case.id), noon()).unwrap();
        assert_eq!(stored_remedies.len(), offers, "{}", demo.key);
        let close = entries.iter().find_map(|e| match e.deed {
            Deed::Close { outcome, .. } => Some(outcome),
            _ => None,
        });
        assert_eq!(
            case.outcome.as_deref().and_then(Outcome::parse),
            close,
            "{}",
            demo.key
        );
        if close.is_some_and(Outcome::is_recovered) {
            recovered += 1;
        }
        // The record never changes where the story ends.
        assert_eq!(case.status, demo.final_status(), "{}", demo.key);
    }
    assert!(recovered >= 3, "{recovered} recovered reviews");
    let delivered = list_remedies(&conn, None, noon())
        .unwrap()
        .into_iter()
        .filter(|r| r.status == RemedyStatus::Delivered)
        .count();
    assert!(delivered >= 10, "{delivered} delivered remedies");
    let currencies: HashSet<String> = list_remedies(&conn, None, noon())
        .unwrap()
        .into_iter()
        .map(|r| r.currency)
        .collect();
    assert!(currencies.contains("CNY") && currencies.contains("USD"));
}

#[test]
fn alert_hits_are_marked_and_already_seen() {
    let mut conn = open_in_memory().unwrap();
    load(&mut conn, noon()).unwrap();
    let hits: i64 = conn
        .query_row("SELECT count(*) FROM triage_alert_hits", [], |r| r.get(0))
        .unwrap();
    assert!(hits >= 3, "{hits} alert hits");
    assert!(crate::triage::pending_alert_hits(&conn).unwrap().is_empty());
    let flagged = stored(&conn)
        .iter()
        .filter(|c| c.flags.iter().any(|f| f == "keyword_alert"))
        .count();
    assert_eq!(flagged as i64, hits);

    // An owner's own alert list is left as it is.
    let mut own = open_in_memory().unwrap();
    crate::triage::add_alert(
        &own,
        &crate::triage::NewAlert {
            term: "掉色".into(),
            product: String::new(),
        },
        noon(),
    )
    .unwrap();
    load(&mut own, noon()).unwrap();
    let terms: Vec<String> = crate::triage::list_alerts(&own)
        .unwrap()
        .into_iter()
        .map(|a| a.term)
        .collect();
    assert_eq!(terms, ["掉色"]);
}

fn stats_total(conn: &Connection) -> (i64, i64) {
    conn.query_row(
        "SELECT coalesce(sum(count), 0), coalesce(sum(CASE WHEN stars <= 3 THEN count END), 0)
         FROM review_stats",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

#[test]
fn review_statistics_count_every_case_and_a_small_shops_good_reviews() {
    let mut conn = open_in_memory().unwrap();
    load(&mut conn, noon()).unwrap();
    let (all, low) = stats_total(&conn);
    assert_eq!(low, CASES.len() as i64, "each 1–3★ case counted once");
    // A bad-review rate of a few percent, as small shops see.
    let rate = low as f64 / all as f64;
    assert!((0.01..0.08).contains(&rate), "rate {rate}");

    // A second load writes nothing more: no cases, no statistics, no records.
    let events = event_count(&conn);
    assert_eq!(load(&mut conn, noon() + Duration::days(2)).unwrap(), 0);
    assert_eq!(stats_total(&conn), (all, low));
    assert_eq!(event_count(&conn), events);
    assert_eq!(crate::triage::list_alerts(&conn).unwrap().len(), 3);
}

/// Loaded at a given moment, the dashboard of the last `days` has something in every chart.
fn assert_every_chart_filled(now: DateTime<Utc>, days: u32, g: Granularity) {
    let mut conn = open_in_memory().unwrap();
    load(&mut conn, now).unwrap();
    let (from, to) = insights::last_days(days, now);
    let q = InsightsQuery::new(from, to).with_granularity(g);
    let d = insights::dashboard(&conn, &q, now).unwrap();
    let ctx = format!("last {days} days by {g:?} at {now}");

    // Volume: the stack, the bad-review rate, causes, products, alerts.
    assert!(d.trend.total.iter().sum::<u32>() >= 30, "{ctx}");
    assert!(d.trend.by_cause.len() >= 5, "{ctx}");
    assert!(d.trend.bad.iter().sum::<u32>() > 0 && d.trend.neutral.iter().sum::<u32>() > 0);
    assert!(d.trend.rate.has_data, "{ctx}");
    let rate = d.trend.rate.total_rate_bp.unwrap();
    assert!((100..800).contains(&rate), "{ctx}: {rate} bp");
    assert!(
        d.trend.rate.rate_bp.iter().filter(|r| r.is_some()).count() >= d.trend.periods.len() / 2
    );
    assert!(d.causes.len() >= 5, "{ctx}");
    assert!(d.products.len() >= 5, "{ctx}");
    assert!(d.products.iter().all(|p| !p.top_causes.is_empty()));
    assert!(d.alerts.iter().map(|a| a.hits).sum::<u32>() >= 3, "{ctx}");

    // Recovery: closed cases with outcomes, some recovered, by cause.
    let r = &d.recovery;
    assert!(r.overall.closed >= 5, "{ctx}");
    assert!(r.overall.recovered >= 2, "{ctx}");
    let rate = r.overall.rate_bp.unwrap();
    assert!((2000..8000).contains(&rate), "{ctx}: {rate} bp");
    assert!(r.by_cause.len() >= 3, "{ctx}");
    assert!(r.rate_bp.iter().any(|x| x.is_some()));
    assert!(!r.outcomes.is_empty());

    // Response times: contacts measured, resolutions measured, deadlines both met and missed.
    let t = &d.response;
    assert!(t.first_contact.cases >= 20, "{ctx}");
    assert!(t.first_contact.median_secs.is_some_and(|s| s > 0));
    assert!(t.first_contact.median_by_period.iter().any(|x| x.is_some()));
    assert!(t.resolution.cases >= 10, "{ctx}");
    assert!(t
        .resolution
        .median_secs
        .is_some_and(|s| s > t.first_contact.median_secs.unwrap()));
    assert!(t.deadlines.met > 0 && t.deadlines.missed > 0, "{ctx}");
    assert!(t.deadlines.missed_by_period.iter().sum::<u32>() > 0);

    // Spend: both currencies, by kind, per period, and a cost per recovered review.
    let cny = d
        .spend
        .currencies
        .iter()
        .find(|c| c.currency == "CNY")
        .unwrap();
    assert!(cny.spent_cents > 0 && cny.delivered >= 5, "{ctx}");
    assert!(cny.by_kind.len() >= 3, "{ctx}");
    assert!(cny.spent_by_period.iter().filter(|x| **x > 0).count() >= 3);
    assert!(cny.pending_cents > 0);
    assert!(cny.cost_per_recovered_cents.is_some_and(|c| c > 0), "{ctx}");
    assert!(d
        .spend
        .currencies
        .iter()
        .any(|c| c.currency == "USD" && c.spent_cents > 0));
    assert!(d.spend.recovered > 0);
}

#[test]
fn every_dashboard_chart_has_data_on_the_demo_shop() {
    assert_every_chart_filled(noon(), 30, Granularity::Day);
    assert_every_chart_filled(noon(), 90, Granularity::Week);
    // Loaded late in the evening and just after midnight, the same holds.
    assert_every_chart_filled(
        noon() + Duration::hours(11) + Duration::minutes(50),
        30,
        Granularity::Day,
    );
    assert_every_chart_filled(
        noon() - Duration::hours(11) - Duration::minutes(50),
        30,
        Granularity::Day,
    );
}

#[test]
fn the_last_week_alone_has_a_living_dashboard() {
    let mut conn = open_in_memory().unwrap();
    load(&mut conn, noon()).unwrap();
    let (from, to) = insights::last_days(7, noon());
    let d = insights::dashboard(&conn, &InsightsQuery::new(from, to), noon()).unwrap();
    assert!(d.trend.total.iter().sum::<u32>() >= 15);
    assert!(d.trend.rate.has_data);
    assert!(d.recovery.overall.closed >= 1);
    assert!(d.response.first_contact.cases >= 5);
    assert!(d.spend.currencies.iter().any(|c| c.spent_cents > 0));
}

#[test]
fn demo_cases_carry_the_labels_the_entry_point_gives_their_review() {
    let mut conn = open_in_memory().unwrap();
    load(&mut conn, noon()).unwrap();
    let labeller = triage::Labeller::load(&conn).unwrap();
    let all = stored(&conn);
    for (i, case) in all.iter().enumerate() {
        // A buyer's earlier case makes them a repeat buyer, as when the case came in.
        let repeat = case.buyer_nick.is_some()
            && all[..i]
                .iter()
                .any(|c| c.platform == case.platform && c.buyer_nick == case.buyer_nick);
        let want = labeller.classify(&triage::ReviewFacts::of_case(case), repeat);
        let key = demo_for(case).key;
        assert_eq!(case.primary_cause, want.primary, "{key}");
        assert_eq!(case.causes, want.causes, "{key}");
        assert_eq!(case.severity, want.severity, "{key}");
        let flags: Vec<&str> = want.flags.iter().map(|f| f.as_str()).collect();
        assert_eq!(case.flags, flags, "{key}");
        assert_eq!(case.triage_reasons, want.reasons, "{key}");
        assert_eq!(
            triage::case_details(&conn, case.id).unwrap(),
            want.details,
            "{key}"
        );
    }
}
