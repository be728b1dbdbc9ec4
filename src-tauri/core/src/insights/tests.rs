//! Every figure against values worked out by hand on a small shop.
//!
//! The fixture, in Beijing time (UTC+8), range 2026-11-16 … 11-20, now = 11-20 20:00:
//!
//! | case | platform · shop | product | ★ | review | cause | first contact | finished | outcome |
//! |---|---|---|---|---|---|---|---|---|
//! | C1 | taobao · A店 | 电热水壶 | 1 | 16th 10:00 | quality | +2 h | 18th 10:00 closed | review_revised |
//! | C2 | taobao · A店 | 电热水壶 | 2 | 16th 23:30 | packaging | +27 h | 19th 08:00 resolved, 20th 10:00 closed | buyer_refused |
//! | C3 | jd · B店 | 保温杯 | 3 | 17th 08:00 | logistics | none | — | — |
//! | C4 | jd · B店 | 保温杯 | 1 | 18th 12:00 | quality | +30 min (2nd log) | 19th 12:00 closed | follow_up_positive |
//! | C5 | taobao · A店 | 电热水壶 | 3 | 19th 09:00 | service | +24 h exactly | 20th 11:00 closed | explanation_only |
//! | C6 | pinduoduo · A店 | 电热水壶 | 4 | 19th 18:00 | price | none | — | — |
//! | C7 | taobao · A店 | 电热水壶 | 1 | 15th 22:00 (before the range) | quality | none | 16th 14:00 closed | removed_by_platform |
//! | C8 | taobao · A店 | 保温杯 | 2 | 20th 19:00 | packaging | none (1 h old) | — | — |

use super::*;
use crate::cases::{self, CaseStatus, Cause, NewCase, Platform};
use crate::common::Lang;
use crate::db::open_in_memory;
use crate::followup::{self, ContactChannel, ContactOutcome, NewContact};
use crate::intake;
use crate::remedies::{self, Outcome, PromiseInput, RemedyInput, RemedyKind, RemedyStatus};
use crate::triage::{self, NewAlert};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection};

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const NOW: &str = "2026-11-20T12:00:00Z";

struct Fx {
    conn: Connection,
    c: [i64; 8],
    now: DateTime<Utc>,
}

#[allow(
    clippy::too_many_arguments,
    reason = "one line per case reads like the table above"
)]
fn case(
    conn: &mut Connection,
    platform: &str,
    shop: &str,
    product: &str,
    stars: u8,
    review_utc: &str,
    text: &str,
    cause: Cause,
    phone: &str,
) -> i64 {
    let c = intake::add_case(
        conn,
        &NewCase {
            platform: platform.into(),
            shop: shop.into(),
            product: product.into(),
            stars,
            review_text: text.into(),
            review_time: review_utc.into(),
            buyer_phone: phone.into(),
            buyer_nick: "小王同学".into(),
            ..Default::default()
        },
        "店主",
        t(review_utc),
    )
    .unwrap();
    // Alert hits are stored by triage; the owner then fixes the cause by hand.
    triage::retriage_case(conn, c.id, t(review_utc)).unwrap();
    cases::set_labels(conn, c.id, cause, &[], 1, "店主", t(review_utc)).unwrap();
    c.id
}

fn contact(conn: &mut Connection, id: i64, at: &str) {
    followup::log_contact(
        conn,
        &NewContact {
            case_id: id,
            channel: ContactChannel::PlatformIm,
            outcome: ContactOutcome::Replied,
            note: None,
            at: Some(t(at)),
            call_back_at: None,
            agreed_update_at: None,
        },
        "店主",
        t(NOW),
    )
    .unwrap();
}

fn close(conn: &mut Connection, id: i64, outcome: Outcome, at: &str) {
    remedies::close_case(conn, id, outcome, None, None, "店主", t(at)).unwrap();
}

fn remedy(
    conn: &mut Connection,
    id: i64,
    kind: RemedyKind,
    amount: &str,
    cost: &str,
    delivered: Option<&str>,
    due: Option<&str>,
) {
    let r = remedies::add_remedy(
        conn,
        id,
        &RemedyInput {
            kind: Some(kind),
            value: amount.into(),
            cost: cost.into(),
            due_at: due.map(t),
            ..Default::default()
        },
        "店主",
        t("2026-11-15T00:00:00Z"),
    )
    .unwrap();
    if let Some(at) = delivered {
        remedies::set_remedy_status(
            conn,
            r.id,
            RemedyStatus::Delivered,
            &remedies::RemedyStatusChange {
                delivered_at: Some(t(at)),
                ..Default::default()
            },
            "店主",
            t(at),
        )
        .unwrap();
    }
}

fn stats(
    conn: &Connection,
    platform: &str,
    shop: &str,
    product: &str,
    day: &str,
    stars: u8,
    n: i64,
) {
    conn.execute(
        "INSERT INTO review_stats(platform, shop, product, day, stars, count) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(platform, shop, product, day, stars) DO UPDATE SET count = count + excluded.count",
        params![platform, shop, product, day, stars, n],
    )
    .unwrap();
}

fn fixture() -> Fx {
    let mut conn = open_in_memory().unwrap();
    let now = t(NOW);
    triage::add_alert(
        &conn,
        &NewAlert {
            term: "漏水".into(),
            product: String::new(),
        },
        now,
    )
    .unwrap();
    triage::add_alert(
        &conn,
        &NewAlert {
            term: "破损".into(),
            product: "保温杯".into(),
        },
        now,
    )
    .unwrap();
    let kettle = "电热水壶";
    let cup = "保温杯";
    let c1 = case(
        &mut conn,
        "taobao",
        "A店",
        kettle,
        1,
        "2026-11-16T02:00:00Z",
        "壶底漏水，用了两天就漏了",
        Cause::Quality,
        "13812345678",
    );
    let c2 = case(
        &mut conn,
        "taobao",
        "A店",
        kettle,
        2,
        "2026-11-16T15:30:00Z",
        "包装破损，盒子压扁了",
        Cause::Packaging,
        "",
    );
    let c3 = case(
        &mut conn,
        "jd",
        "B店",
        cup,
        3,
        "2026-11-17T00:00:00Z",
        "物流太慢了，等了一周",
        Cause::Logistics,
        "",
    );
    let c4 = case(
        &mut conn,
        "jd",
        "B店",
        cup,
        1,
        "2026-11-18T04:00:00Z",
        "杯盖漏水",
        Cause::Quality,
        "",
    );
    let c5 = case(
        &mut conn,
        "taobao",
        "A店",
        kettle,
        3,
        "2026-11-19T01:00:00Z",
        "客服不回复",
        Cause::Service,
        "",
    );
    let c6 = case(
        &mut conn,
        "pinduoduo",
        "A店",
        kettle,
        4,
        "2026-11-19T10:00:00Z",
        "刚买就降价了",
        Cause::Price,
        "",
    );
    let c7 = case(
        &mut conn,
        "taobao",
        "A店",
        kettle,
        1,
        "2026-11-15T14:00:00Z",
        "用了一个月坏了",
        Cause::Quality,
        "",
    );
    let c8 = case(
        &mut conn,
        "taobao",
        "A店",
        cup,
        2,
        "2026-11-20T11:00:00Z",
        "包装破损",
        Cause::Packaging,
        "",
    );

    contact(&mut conn, c1, "2026-11-16T04:00:00Z");
    contact(&mut conn, c2, "2026-11-17T18:30:00Z");
    contact(&mut conn, c4, "2026-11-18T06:00:00Z");
    contact(&mut conn, c4, "2026-11-18T04:30:00Z");
    contact(&mut conn, c5, "2026-11-20T01:00:00Z");

    close(
        &mut conn,
        c1,
        Outcome::ReviewRevised,
        "2026-11-18T02:00:00Z",
    );
    cases::set_status(
        &mut conn,
        c2,
        CaseStatus::Resolved,
        None,
        "店主",
        t("2026-11-19T00:00:00Z"),
    )
    .unwrap();
    close(&mut conn, c2, Outcome::BuyerRefused, "2026-11-20T02:00:00Z");
    close(
        &mut conn,
        c4,
        Outcome::FollowUpPositive,
        "2026-11-19T04:00:00Z",
    );
    close(
        &mut conn,
        c7,
        Outcome::RemovedByPlatform,
        "2026-11-16T06:00:00Z",
    );
    close(
        &mut conn,
        c5,
        Outcome::ExplanationOnly,
        "2026-11-20T03:00:00Z",
    );

    remedy(
        &mut conn,
        c1,
        RemedyKind::PartialRefund,
        "20",
        "20",
        Some("2026-11-16T06:00:00Z"),
        None,
    );
    remedy(
        &mut conn,
        c2,
        RemedyKind::Coupon,
        "10",
        "5",
        Some("2026-11-19T02:00:00Z"),
        None,
    );
    remedy(
        &mut conn,
        c4,
        RemedyKind::FullRefund,
        "35.50",
        "35.50",
        Some("2026-11-18T10:00:00Z"),
        None,
    );
    remedy(
        &mut conn,
        c7,
        RemedyKind::PartialRefund,
        "8",
        "8",
        Some("2026-11-15T16:00:00Z"),
        None,
    );
    remedy(
        &mut conn,
        c5,
        RemedyKind::PartialRefund,
        "10",
        "10",
        None,
        Some("2026-11-21T04:00:00Z"),
    );
    remedies::add_promise(
        &mut conn,
        c3,
        &PromiseInput {
            text: "今天回电给买家，电话13812345678".into(),
            due_at: Some(t("2026-11-20T10:00:00Z")),
            note: String::new(),
        },
        "店主",
        t("2026-11-18T00:00:00Z"),
    )
    .unwrap();
    remedies::add_promise(
        &mut conn,
        c8,
        &PromiseInput {
            text: "月底回访".into(),
            due_at: Some(t("2026-11-30T10:00:00Z")),
            note: String::new(),
        },
        "店主",
        t("2026-11-20T11:30:00Z"),
    )
    .unwrap();

    stats(&conn, "taobao", "A店", kettle, "2026-11-16", 5, 40);
    stats(&conn, "taobao", "A店", kettle, "2026-11-16", 1, 1);
    stats(&conn, "taobao", "A店", kettle, "2026-11-16", 2, 1);
    stats(&conn, "jd", "B店", cup, "2026-11-16", 5, 8);
    stats(&conn, "jd", "B店", cup, "2026-11-17", 5, 18);
    stats(&conn, "jd", "B店", cup, "2026-11-17", 3, 2);
    stats(&conn, "taobao", "A店", kettle, "2026-11-19", 4, 9);
    stats(&conn, "taobao", "A店", kettle, "2026-11-19", 3, 1);
    stats(&conn, "taobao", "A店", kettle, "2026-11-21", 5, 100);

    Fx {
        conn,
        c: [c1, c2, c3, c4, c5, c6, c7, c8],
        now,
    }
}

fn query() -> InsightsQuery {
    InsightsQuery::new(d("2026-11-16"), d("2026-11-20"))
}

fn ids(page: &crate::cases::CasePage) -> Vec<i64> {
    let mut v: Vec<i64> = page.items.iter().map(|c| c.id).collect();
    v.sort_unstable();
    v
}

#[test]
fn trend_counts_bad_and_neutral_by_cause_and_day() {
    let fx = fixture();
    let tr = trend(&fx.conn, &query()).unwrap();
    let keys: Vec<&str> = tr.periods.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "2026-11-16",
            "2026-11-17",
            "2026-11-18",
            "2026-11-19",
            "2026-11-20"
        ]
    );
    assert_eq!(tr.bad, [2, 0, 1, 0, 1]);
    assert_eq!(tr.neutral, [0, 1, 0, 1, 0]);
    assert_eq!(tr.total, [2, 1, 1, 1, 1]);
    let series: Vec<(Cause, Vec<u32>)> = tr
        .by_cause
        .iter()
        .map(|s| (s.cause, s.counts.clone()))
        .collect();
    assert_eq!(
        series,
        vec![
            (Cause::Quality, vec![1, 0, 1, 0, 0]),
            (Cause::Packaging, vec![1, 0, 0, 0, 1]),
            (Cause::Logistics, vec![0, 1, 0, 0, 0]),
            (Cause::Service, vec![0, 0, 0, 1, 0]),
        ]
    );
    // The first period starts at Beijing midnight: 16:00 UTC the day before.
    assert_eq!(tr.periods[0].start, t("2026-11-15T16:00:00Z"));

    // Drill-down: the bars open exactly their cases.
    let quality = &tr.by_cause[0].drill;
    assert!(quality.inbox_exact);
    assert_eq!(
        ids(&drill_cases(&fx.conn, quality, fx.now).unwrap()),
        vec![fx.c[0], fx.c[3]]
    );
    let mut day = tr.by_cause[1].drill.clone();
    day.filter.from = Some(tr.periods[4].start);
    day.filter.to = Some(tr.periods[4].end);
    assert_eq!(
        ids(&drill_cases(&fx.conn, &day, fx.now).unwrap()),
        vec![fx.c[7]]
    );
    // The same filter through the inbox's own query gives the same cases.
    assert_eq!(
        ids(&cases::list(&fx.conn, &day.filter).unwrap()),
        vec![fx.c[7]]
    );
}

#[test]
fn bad_review_rate_from_imported_statistics() {
    let fx = fixture();
    let r = trend(&fx.conn, &query()).unwrap().rate;
    assert!(r.has_data);
    assert_eq!(r.reviews, [50, 20, 0, 10, 0]);
    assert_eq!(r.bad_or_neutral, [2, 2, 0, 1, 0]);
    assert_eq!(r.rate_bp, [Some(400), Some(1000), None, Some(1000), None]);
    assert_eq!(
        (r.total_reviews, r.total_bad_or_neutral, r.total_rate_bp),
        (80, 5, Some(625))
    );

    let mut q = query();
    q.products = vec!["保温杯".into()];
    let r = trend(&fx.conn, &q).unwrap().rate;
    assert_eq!(r.reviews, [8, 20, 0, 0, 0]);
    assert_eq!(r.total_rate_bp, Some(714)); // 2 / 28

    // Re-imports add to review_stats by upsert; the rollup follows.
    stats(&fx.conn, "taobao", "A店", "电热水壶", "2026-11-19", 5, 10);
    let r = trend(&fx.conn, &query()).unwrap().rate;
    assert_eq!(r.rate_bp[3], Some(500));
    fx.conn
        .execute("DELETE FROM review_stats WHERE day = '2026-11-17'", [])
        .unwrap();
    let r = trend(&fx.conn, &query()).unwrap().rate;
    assert_eq!(r.reviews[1], 0);
    assert_eq!(r.rate_bp[1], None);

    let empty = open_in_memory().unwrap();
    assert!(!trend(&empty, &query()).unwrap().rate.has_data);
}

#[test]
fn cause_shares_and_top_products() {
    let fx = fixture();
    let shares: Vec<(Cause, u32, u32)> = cause_shares(&fx.conn, &query())
        .unwrap()
        .iter()
        .map(|s| (s.cause, s.count, s.share_bp))
        .collect();
    assert_eq!(
        shares,
        vec![
            (Cause::Quality, 2, 3333),
            (Cause::Packaging, 2, 3333),
            (Cause::Logistics, 1, 1667),
            (Cause::Service, 1, 1667),
        ]
    );

    let products = top_products(&fx.conn, &query(), 10).unwrap();
    let rows: Vec<(&str, u32, u32, u32, Vec<Cause>)> = products
        .iter()
        .map(|p| {
            (
                p.product.as_str(),
                p.count,
                p.bad,
                p.neutral,
                p.top_causes.iter().map(|c| c.cause).collect(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (
                "保温杯",
                3,
                2,
                1,
                vec![Cause::Quality, Cause::Logistics, Cause::Packaging]
            ),
            (
                "电热水壶",
                3,
                2,
                1,
                vec![Cause::Quality, Cause::Packaging, Cause::Service]
            ),
        ]
    );
    assert_eq!(
        products[1].drill.filter.product.as_deref(),
        Some("电热水壶")
    );
    assert_eq!(
        ids(&drill_cases(&fx.conn, &products[1].drill, fx.now).unwrap()),
        vec![fx.c[0], fx.c[1], fx.c[4]]
    );
    assert_eq!(top_products(&fx.conn, &query(), 1).unwrap().len(), 1);

    // Filters: one platform, one shop.
    let mut q = query();
    q.platforms = vec![Platform::Jd];
    let p = top_products(&fx.conn, &q, 10).unwrap();
    assert_eq!(p.len(), 1);
    assert_eq!((p[0].product.as_str(), p[0].count), ("保温杯", 2));
    let mut q = query();
    q.shops = vec!["A店".into()];
    assert_eq!(trend(&fx.conn, &q).unwrap().total, [2, 0, 0, 1, 1]);
    let mut q = query();
    q.products = vec!["保温杯".into()];
    assert_eq!(trend(&fx.conn, &q).unwrap().total, [0, 1, 1, 0, 1]);
}

#[test]
fn keyword_alert_hits() {
    let fx = fixture();
    let rows = alert_rows(&fx.conn, &query()).unwrap();
    let got: Vec<(&str, &str, u32)> = rows
        .iter()
        .map(|a| (a.term.as_str(), a.product.as_str(), a.hits))
        .collect();
    assert_eq!(got, vec![("漏水", "", 2), ("破损", "保温杯", 1)]);
    assert_eq!(
        ids(&drill_cases(&fx.conn, &rows[0].drill, fx.now).unwrap()),
        vec![fx.c[0], fx.c[3]]
    );
    let mut q = query();
    q.platforms = vec![Platform::Taobao];
    let got: Vec<u32> = alert_rows(&fx.conn, &q)
        .unwrap()
        .iter()
        .map(|a| a.hits)
        .collect();
    assert_eq!(got, vec![1, 1]);
}

#[test]
fn recovery_rate_over_time_and_by_cause() {
    let fx = fixture();
    let r = recovery(&fx.conn, &query()).unwrap();
    assert_eq!(r.closed, [1, 0, 1, 1, 2]);
    assert_eq!(r.recovered, [1, 0, 1, 1, 0]);
    assert_eq!(
        r.rate_bp,
        [Some(10_000), None, Some(10_000), Some(10_000), Some(0)]
    );
    assert_eq!(
        (r.overall.closed, r.overall.recovered, r.overall.rate_bp),
        (5, 3, Some(6000))
    );
    let by: Vec<(Cause, u32, u32, Option<u32>)> = r
        .by_cause
        .iter()
        .map(|c| (c.cause, c.closed, c.recovered, c.rate_bp))
        .collect();
    assert_eq!(
        by,
        vec![
            (Cause::Quality, 3, 3, Some(10_000)),
            (Cause::Packaging, 1, 0, Some(0)),
            (Cause::Service, 1, 0, Some(0)),
        ]
    );
    let outcomes: Vec<(Outcome, u32)> = r.outcomes.iter().map(|o| (o.outcome, o.count)).collect();
    assert_eq!(
        outcomes,
        vec![
            (Outcome::ReviewRevised, 1),
            (Outcome::FollowUpPositive, 1),
            (Outcome::RemovedByPlatform, 1),
            (Outcome::ExplanationOnly, 1),
            (Outcome::BuyerRefused, 1),
        ]
    );
    // The drill opens the recovered cases, including C7 reviewed before the range.
    assert_eq!(
        ids(&drill_cases(&fx.conn, &r.drill, fx.now).unwrap()),
        vec![fx.c[0], fx.c[3], fx.c[6]]
    );
    // Same counts as the remedies ledger's totals.
    let totals = remedies::totals(
        &fx.conn,
        t("2026-11-15T16:00:00Z"),
        t("2026-11-20T16:00:00Z"),
        fx.now,
    )
    .unwrap();
    assert_eq!((totals.closed_cases, totals.recovered_reviews), (5, 3));

    // Reopening clears the outcome: the case leaves the figures.
    let mut conn = fx.conn;
    remedies::reopen_case(
        &mut conn,
        fx.c[0],
        CaseStatus::Contacting,
        None,
        "店主",
        fx.now,
    )
    .unwrap();
    let r = recovery(&conn, &query()).unwrap();
    assert_eq!((r.overall.closed, r.overall.recovered), (4, 2));
}

#[test]
fn response_times_and_deadlines() {
    let mut fx = fixture();
    let r = response_times(&fx.conn, &query(), fx.now).unwrap();
    assert_eq!(r.first_contact.cases, 4);
    assert_eq!(r.first_contact.median_secs, Some(46_800)); // (7,200 + 86,400) / 2
    assert_eq!(
        r.first_contact.median_by_period,
        [Some(52_200), None, Some(1_800), Some(86_400), None]
    );
    assert_eq!(r.resolution.cases, 5);
    assert_eq!(r.resolution.median_secs, Some(93_600));
    assert_eq!(
        r.resolution.median_by_period,
        [
            Some(57_600),
            None,
            Some(172_800),
            Some(144_900),
            Some(93_600)
        ]
    );
    let dl = &r.deadlines;
    assert_eq!(dl.hours, 24);
    assert_eq!(
        (
            dl.met,
            dl.missed_late,
            dl.missed_no_contact,
            dl.missed,
            dl.pending
        ),
        (3, 1, 2, 3, 1)
    );
    assert_eq!(dl.missed_by_period, [1, 1, 0, 1, 0]);
    assert_eq!(
        ids(&drill_cases(&fx.conn, &dl.drill, fx.now).unwrap()),
        vec![fx.c[1], fx.c[2], fx.c[5]]
    );

    // The owner's own deadline is honoured.
    let mut rules = followup::load_rules(&fx.conn).unwrap();
    rules.first_response_hours = 48;
    followup::save_rules(&mut fx.conn, &rules).unwrap();
    let dl = response_times(&fx.conn, &query(), fx.now)
        .unwrap()
        .deadlines;
    // C2 (27 h) is now on time; C6 (26 h old) is still within 48 h.
    assert_eq!(
        (dl.met, dl.missed_late, dl.missed_no_contact, dl.pending),
        (4, 0, 1, 2)
    );
}

#[test]
fn first_contact_follows_the_contact_log() {
    let mut fx = fixture();
    let first = |conn: &Connection, id: i64| -> Option<DateTime<Utc>> {
        conn.query_row(
            "SELECT first_contact_at FROM cases WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(first(&fx.conn, fx.c[3]), Some(t("2026-11-18T04:30:00Z")));
    fx.conn
        .execute(
            "DELETE FROM contact_attempts WHERE case_id = ?1 AND at = ?2",
            params![fx.c[3], t("2026-11-18T04:30:00Z")],
        )
        .unwrap();
    assert_eq!(first(&fx.conn, fx.c[3]), Some(t("2026-11-18T06:00:00Z")));
    fx.conn
        .execute("DELETE FROM contact_attempts WHERE case_id = ?1", [fx.c[3]])
        .unwrap();
    assert_eq!(first(&fx.conn, fx.c[3]), None);
    contact(&mut fx.conn, fx.c[2], "2026-11-17T01:00:00Z");
    assert_eq!(first(&fx.conn, fx.c[2]), Some(t("2026-11-17T01:00:00Z")));
}

#[test]
fn spend_matches_the_ledger_and_its_filtered_twin() {
    let fx = fixture();
    let s = spend(&fx.conn, &query(), fx.now).unwrap();
    assert_eq!(s.currencies.len(), 1);
    let c = &s.currencies[0];
    assert_eq!(c.currency, "CNY");
    assert_eq!(c.spent_by_period, [2_800, 0, 3_550, 500, 0]);
    assert_eq!(
        (c.spent_cents, c.delivered, c.pending_cents),
        (6_850, 4, 1_000)
    );
    let kinds: Vec<(RemedyKind, i64, u32)> = c
        .by_kind
        .iter()
        .map(|k| (k.kind, k.cost_cents, k.count))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (RemedyKind::FullRefund, 3_550, 1),
            (RemedyKind::PartialRefund, 2_800, 2),
            (RemedyKind::Coupon, 500, 1),
        ]
    );
    assert_eq!(c.closed_cases_cost_cents, 6_850);
    assert_eq!(c.cost_per_recovered_cents, Some(2_283)); // 6,850 / 3
    assert_eq!((s.closed_cases, s.recovered), (5, 3));

    // The remedies ledger's own totals say the same, by day, week and month; and a filter
    // that keeps every case changes nothing.
    for g in [Granularity::Day, Granularity::Week, Granularity::Month] {
        let q = query().with_granularity(g);
        let axis = super::axis::Axis::new(&q).unwrap();
        let ledger = super::spend::from_ledger(&fx.conn, &q, &axis, fx.now).unwrap();
        assert_eq!(spend(&fx.conn, &q, fx.now).unwrap(), ledger, "{g:?}");
        let mut all = q.clone();
        all.platforms = vec![Platform::Taobao, Platform::Jd, Platform::Pinduoduo];
        assert_eq!(spend(&fx.conn, &all, fx.now).unwrap(), ledger, "{g:?}");
    }
    let weekly = spend(
        &fx.conn,
        &query().with_granularity(Granularity::Week),
        fx.now,
    )
    .unwrap();
    assert_eq!(weekly.currencies[0].spent_by_period, [6_850]);

    let mut q = query();
    q.platforms = vec![Platform::Taobao];
    let s = spend(&fx.conn, &q, fx.now).unwrap();
    let c = &s.currencies[0];
    assert_eq!(
        (c.spent_cents, c.pending_cents, c.closed_cases_cost_cents),
        (3_300, 1_000, 3_300)
    );
    assert_eq!((s.closed_cases, s.recovered), (4, 2));
    assert_eq!(c.cost_per_recovered_cents, Some(1_650));

    // A second currency is kept apart, main currency first.
    let mut conn = fx.conn;
    let r = remedies::add_remedy(
        &mut conn,
        fx.c[3],
        &RemedyInput {
            kind: Some(RemedyKind::Coupon),
            currency: "USD".into(),
            value: "3".into(),
            cost: "3".into(),
            ..Default::default()
        },
        "店主",
        t("2026-11-18T05:00:00Z"),
    )
    .unwrap();
    remedies::set_remedy_status(
        &mut conn,
        r.id,
        RemedyStatus::Delivered,
        &remedies::RemedyStatusChange {
            delivered_at: Some(t("2026-11-18T06:00:00Z")),
            ..Default::default()
        },
        "店主",
        t("2026-11-18T06:00:00Z"),
    )
    .unwrap();
    let s = spend(&conn, &query(), fx.now).unwrap();
    let currencies: Vec<(&str, i64, i64, Option<i64>)> = s
        .currencies
        .iter()
        .map(|c| {
            (
                c.currency.as_str(),
                c.spent_cents,
                c.closed_cases_cost_cents,
                c.cost_per_recovered_cents,
            )
        })
        .collect();
    assert_eq!(
        currencies,
        vec![
            ("CNY", 6_850, 6_850, Some(2_283)),
            ("USD", 300, 300, Some(100))
        ]
    );
    let axis = super::axis::Axis::new(&query()).unwrap();
    assert_eq!(
        s,
        super::spend::from_ledger(&conn, &query(), &axis, fx.now).unwrap()
    );
}

#[test]
fn weeks_and_months_sum_the_days() {
    let fx = fixture();
    let q =
        InsightsQuery::new(d("2026-11-10"), d("2026-11-25")).with_granularity(Granularity::Week);
    let dash = dashboard(&fx.conn, &q, fx.now).unwrap();
    let keys: Vec<&str> = dash.trend.periods.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(keys, ["2026-W46", "2026-W47", "2026-W48"]);
    // C7 (15th, Sunday) falls in week 46, the rest in week 47.
    assert_eq!(dash.trend.total, [1, 6, 0]);
    // 11-21 (100 reviews, all 5★) is the Saturday of week 47.
    assert_eq!(dash.trend.rate.reviews, [0, 180, 0]);
    assert_eq!(dash.recovery.closed, [0, 5, 0]);
    let m =
        InsightsQuery::new(d("2026-11-01"), d("2026-12-31")).with_granularity(Granularity::Month);
    let dash = dashboard(&fx.conn, &m, fx.now).unwrap();
    assert_eq!(dash.trend.total, [7, 0]);
    assert_eq!(dash.spend.currencies[0].spent_by_period, [6_850, 0]);
}

#[test]
fn rollup_follows_label_changes_and_deletes() {
    let mut fx = fixture();
    let rollup = |conn: &Connection| -> Vec<(String, String, String, String, i64, i64)> {
        let mut stmt = conn
            .prepare("SELECT day, platform, shop, cause, stars, cases FROM insights_case_days ORDER BY 1, 2, 3, 4, 5")
            .unwrap();
        stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    };
    let direct = |conn: &Connection| -> Vec<(String, String, String, String, i64, i64)> {
        let mut stmt = conn
            .prepare(
                "SELECT date(review_time, '+8 hours'), platform, shop, primary_cause, stars, count(*)
                 FROM cases GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5",
            )
            .unwrap();
        stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    };
    assert_eq!(rollup(&fx.conn), direct(&fx.conn));
    cases::set_labels(
        &mut fx.conn,
        fx.c[2],
        Cause::Packaging,
        &[],
        2,
        "店主",
        fx.now,
    )
    .unwrap();
    fx.conn
        .execute(
            "UPDATE cases SET review_time = ?1 WHERE id = ?2",
            params![t("2026-11-19T20:00:00Z"), fx.c[0]],
        )
        .unwrap();
    fx.conn
        .execute("DELETE FROM cases WHERE id = ?1", [fx.c[4]])
        .unwrap();
    assert_eq!(rollup(&fx.conn), direct(&fx.conn));
    assert!(rollup(&fx.conn).iter().all(|r| r.5 > 0));
}

#[test]
fn resolved_time_is_the_first_finish_and_clears_on_reopen() {
    let mut fx = fixture();
    let resolved = |conn: &Connection, id: i64| -> Option<DateTime<Utc>> {
        conn.query_row("SELECT resolved_at FROM cases WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap()
    };
    assert_eq!(resolved(&fx.conn, fx.c[1]), Some(t("2026-11-19T00:00:00Z")));
    assert_eq!(resolved(&fx.conn, fx.c[2]), None);
    remedies::reopen_case(
        &mut fx.conn,
        fx.c[1],
        CaseStatus::Negotiating,
        None,
        "店主",
        fx.now,
    )
    .unwrap();
    assert_eq!(resolved(&fx.conn, fx.c[1]), None);
}

#[test]
fn dashboard_bundles_every_chart() {
    let fx = fixture();
    let dash = dashboard(&fx.conn, &query(), fx.now).unwrap();
    assert_eq!(dash.trend, trend(&fx.conn, &query()).unwrap());
    assert_eq!(dash.causes, cause_shares(&fx.conn, &query()).unwrap());
    assert_eq!(
        dash.products,
        top_products(&fx.conn, &query(), TOP_PRODUCTS).unwrap()
    );
    assert_eq!(dash.alerts, alert_rows(&fx.conn, &query()).unwrap());
    assert_eq!(dash.recovery, recovery(&fx.conn, &query()).unwrap());
    assert_eq!(
        dash.response,
        response_times(&fx.conn, &query(), fx.now).unwrap()
    );
    assert_eq!(dash.spend, spend(&fx.conn, &query(), fx.now).unwrap());
    // It crosses IPC as JSON.
    let json = serde_json::to_value(&dash).unwrap();
    assert_eq!(json["query"]["from"], "2026-11-16");
    assert_eq!(json["trend"]["by_cause"][0]["cause"], "quality");

    let opts = filter_options(&fx.conn).unwrap();
    assert_eq!(
        opts.platforms,
        vec![Platform::Taobao, Platform::Jd, Platform::Pinduoduo]
    );
    assert_eq!(opts.shops, vec!["A店".to_string(), "B店".to_string()]);
    assert_eq!(
        opts.products,
        vec!["保温杯".to_string(), "电热水壶".to_string()]
    );
    assert_eq!(
        (opts.first_day, opts.last_day),
        (Some(d("2026-11-15")), Some(d("2026-11-20")))
    );
    assert_eq!(last_days(7, fx.now), (d("2026-11-14"), d("2026-11-20")));

    let bad = InsightsQuery::new(d("2026-11-20"), d("2026-11-01"));
    assert_eq!(
        dashboard(&fx.conn, &bad, fx.now).unwrap_err().code(),
        "validation.range"
    );
}

#[test]
fn report_has_open_cases_promises_and_fixes() {
    let fx = fixture();
    let req = ReportRequest::new(d("2026-11-16"), d("2026-11-20"), Lang::Zh);
    let r = closed_loop_report(&fx.conn, &req, fx.now).unwrap();
    assert_eq!(r.period_label, "2026-11-16 – 2026-11-20");
    assert_eq!(r.dashboard.query.granularity, Granularity::Day);
    let h = &r.headline;
    assert_eq!(
        (h.bad, h.neutral, h.bad_rate_bp, h.reviews),
        (4, 2, Some(625), 80)
    );
    assert_eq!(
        (h.closed, h.recovered, h.recovery_rate_bp),
        (5, 3, Some(6000))
    );
    assert_eq!(
        (h.median_first_contact_secs, h.median_resolution_secs),
        (Some(46_800), Some(93_600))
    );
    assert_eq!((h.deadlines_missed, h.open_overdue), (3, 2));
    assert_eq!((h.commitments_due, h.commitments_overdue), (2, 1));
    assert_eq!(
        (h.spent_cents, h.cost_per_recovered_cents),
        (6_850, Some(2_283))
    );

    let open: Vec<(i64, u32)> = r
        .open_overdue
        .iter()
        .map(|c| (c.case_id, c.hours_overdue))
        .collect();
    assert_eq!(open, vec![(fx.c[2], 60), (fx.c[5], 2)]);
    assert_eq!(r.open_overdue_total, 2);

    let due: Vec<(i64, bool)> = r
        .commitments
        .iter()
        .map(|c| (c.case_id, c.overdue))
        .collect();
    assert_eq!(due, vec![(fx.c[2], true), (fx.c[4], false)]);
    // The promise's phone number stays out of the report.
    assert!(
        !r.commitments[0].label.contains("13812345678"),
        "{}",
        r.commitments[0].label
    );
    assert_eq!(r.commitments[1].label, "部分退款 ¥10.00");

    let problems: Vec<(&str, u32)> = r
        .problems
        .iter()
        .map(|p| (p.problem.as_str(), p.count))
        .collect();
    assert_eq!(
        problems,
        vec![
            ("漏水/渗漏", 2),
            ("包装破损", 2),
            ("配送太慢", 1),
            ("客服回复慢", 1),
            ("刚买就降价", 1)
        ]
    );
    assert!(
        r.problems[1]
            .line
            .starts_with("包装破损 ×2 → 加强包装（加气泡膜/换加厚纸箱）"),
        "{}",
        r.problems[1].line
    );
    assert_eq!(
        r.problems[1].products,
        vec![("保温杯".to_string(), 1), ("电热水壶".to_string(), 1)]
    );
    assert!(
        r.summary.iter().any(|l| l.contains("挽回率 60.00%")),
        "{:?}",
        r.summary
    );

    let en = closed_loop_report(
        &fx.conn,
        &ReportRequest::new(d("2026-11-16"), d("2026-11-20"), Lang::En),
        fx.now,
    )
    .unwrap();
    assert_eq!(en.problems[0].problem, "leaks");
    assert_eq!(en.commitments[1].label, "partial refund ¥10.00");
    assert!(
        en.summary
            .iter()
            .any(|l| l.contains("recovery rate of 60.00%")),
        "{:?}",
        en.summary
    );

    // The month preset picks weeks beyond 31 days and months beyond half a year.
    let (from, to) = period_around(Granularity::Month, d("2026-11-20"));
    let req = ReportRequest::new(from, to, Lang::Zh);
    assert_eq!(
        closed_loop_report(&fx.conn, &req, fx.now)
            .unwrap()
            .dashboard
            .query
            .granularity,
        Granularity::Day
    );
    let req = ReportRequest::new(d("2026-09-01"), d("2026-11-30"), Lang::Zh);
    assert_eq!(
        closed_loop_report(&fx.conn, &req, fx.now)
            .unwrap()
            .dashboard
            .query
            .granularity,
        Granularity::Week
    );
}

fn xlsx_cell(range: &calamine::Range<calamine::Data>, row: u32, col: u32) -> String {
    range
        .get_value((row, col))
        .map(|v| v.to_string())
        .unwrap_or_default()
}

#[test]
fn report_workbook_has_formatted_sheets_and_the_figures() {
    use calamine::{open_workbook, Reader, Xlsx};
    let fx = fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.xlsx");
    let req = ReportRequest::new(d("2026-11-16"), d("2026-11-20"), Lang::Zh);
    assert_eq!(
        write_report(&fx.conn, &req, &path, fx.now).unwrap(),
        ReportFormat::Xlsx
    );
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        wb.sheet_names(),
        vec![
            "摘要",
            "趋势",
            "原因",
            "商品",
            "改进建议",
            "超时未联系",
            "到期承诺",
            "补偿"
        ]
    );
    let summary = wb.worksheet_range("摘要").unwrap();
    assert_eq!(xlsx_cell(&summary, 0, 0), "差评闭环报告");
    let find = |label: &str| -> String {
        (0..summary.height() as u32)
            .find(|r| xlsx_cell(&summary, *r, 0) == label)
            .map(|r| xlsx_cell(&summary, r, 1))
            .unwrap_or_else(|| panic!("no row {label}"))
    };
    assert_eq!(find("差评（1–2 星）"), "4");
    assert_eq!(find("挽回率"), "0.6");
    assert_eq!(find("补偿支出"), "68.5");
    assert_eq!(find("首次联系中位用时（小时）"), "13");

    let trends = wb.worksheet_range("趋势").unwrap();
    assert_eq!(xlsx_cell(&trends, 0, 0), "期间");
    assert_eq!(xlsx_cell(&trends, 1, 0), "2026-11-16");
    assert_eq!(xlsx_cell(&trends, 1, 3), "2");
    let products = wb.worksheet_range("商品").unwrap();
    assert_eq!(xlsx_cell(&products, 1, 1), "保温杯");
    let open = wb.worksheet_range("超时未联系").unwrap();
    assert_eq!(open.height(), 3);
    assert_eq!(xlsx_cell(&open, 1, 0), fx.c[2].to_string());
    let fixes = wb.worksheet_range("改进建议").unwrap();
    assert_eq!(xlsx_cell(&fixes, 2, 0), "包装破损");
    assert!(xlsx_cell(&fixes, 2, 4).starts_with("加强包装"));
    let promises = wb.worksheet_range("到期承诺").unwrap();
    assert_eq!(promises.height(), 3);

    // No personal data anywhere in the workbook.
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        for cell in range.cells() {
            let text = cell.2.to_string();
            assert!(
                !text.contains("13812345678") && !text.contains("小王同学"),
                "{name}: {text}"
            );
        }
    }

    // Frozen header rows and number formats are in the sheet XML.
    let file = std::fs::File::open(&path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet2.xml").unwrap(),
        &mut xml,
    )
    .unwrap();
    assert!(xml.contains("state=\"frozen\""), "{xml}");
    let mut styles = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut styles).unwrap();
    assert!(styles.contains("0.00%") && styles.contains("¥"), "{styles}");

    let en = dir.path().join("report-en.xlsx");
    let req = ReportRequest::new(d("2026-11-16"), d("2026-11-20"), Lang::En);
    write_report(&fx.conn, &req, &en, fx.now).unwrap();
    let wb: Xlsx<_> = open_workbook(&en).unwrap();
    assert_eq!(wb.sheet_names()[0], "Summary");

    let bad = dir.path().join("report.pdf");
    assert_eq!(
        write_report(&fx.conn, &req, &bad, fx.now)
            .unwrap_err()
            .code(),
        "validation.report_format"
    );
}

#[test]
fn report_page_is_self_contained_and_escaped() {
    let mut fx = fixture();
    let evil = "<script>alert(1)</script>杯";
    case(
        &mut fx.conn,
        "taobao",
        "A店",
        evil,
        1,
        "2026-11-20T01:00:00Z",
        "盖子漏水",
        Cause::Quality,
        "",
    );
    let req = ReportRequest::new(d("2026-11-16"), d("2026-11-20"), Lang::Zh);
    let r = closed_loop_report(&fx.conn, &req, fx.now).unwrap();
    let html = report_html(&r);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"), "unescaped script tag");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;杯"));
    assert!(!html.contains("src=") && !html.contains("href=") && !html.contains("<link"));
    assert!(html.contains("@media print"));
    assert!(html.contains("<svg"));
    assert!(html.contains("60.00%") || html.contains("50.00%"));
    assert!(html.contains("加强包装（加气泡膜/换加厚纸箱）"));
    assert!(!html.contains("13812345678"));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.html");
    let en = ReportRequest::new(d("2026-11-16"), d("2026-11-20"), Lang::En);
    assert_eq!(
        write_report(&fx.conn, &en, &path, fx.now).unwrap(),
        ReportFormat::Html
    );
    let page = std::fs::read_to_string(&path).unwrap();
    assert!(page.contains("<html lang=\"en\">"));
    assert!(page.contains("Closed-loop review report"));
    assert!(page.contains("Pack better (bubble film, thicker boxes)"));
}

#[test]
fn case_export_masks_personal_data_unless_asked() {
    use calamine::{open_workbook, Reader, Xlsx};
    let mut fx = fixture();
    let id = case(
        &mut fx.conn,
        "taobao",
        "A店",
        "电热水壶",
        1,
        "2026-11-20T02:00:00Z",
        "=1+1 寄到杭州市西湖区文三路100号，电话13912345678",
        Cause::Logistics,
        "13912345678",
    );
    let dir = tempfile::tempdir().unwrap();
    let selection = CaseDrill {
        filter: crate::cases::CaseFilter {
            causes: vec![Cause::Logistics],
            descending: true,
            ..Default::default()
        },
        ..Default::default()
    };
    let csv_path = dir.path().join("cases.csv");
    let e = CaseExport {
        selection: selection.clone(),
        include_personal_data: false,
        lang: Lang::Zh,
    };
    let s = export_cases(&fx.conn, &e, &csv_path, fx.now).unwrap();
    assert_eq!(
        (s.format, s.rows, s.personal_data),
        (ExportFormat::Csv, 2, false)
    );
    let text = std::fs::read_to_string(&csv_path).unwrap();
    assert!(text.starts_with('\u{feff}'));
    assert!(!text.contains("13912345678"), "{text}");
    assert!(text.contains("139******78"), "{text}");
    assert!(!text.contains("文三路100号"), "{text}");
    assert!(text.contains("'=1+1"), "formula must be defused: {text}");
    let mut rows = csv::Reader::from_path(&csv_path).unwrap();
    let header = rows.headers().unwrap().clone();
    assert_eq!(header[0].trim_start_matches('\u{feff}'), "案例号");
    assert_eq!(&header[5], "电话");
    let first = rows.records().next().unwrap().unwrap();
    assert_eq!(&first[0], id.to_string().as_str()); // newest first, as the inbox sorts

    let full = CaseExport {
        selection: selection.clone(),
        include_personal_data: true,
        lang: Lang::En,
    };
    let xlsx_path = dir.path().join("cases.xlsx");
    let s = export_cases(&fx.conn, &full, &xlsx_path, fx.now).unwrap();
    assert_eq!(
        (s.format, s.rows, s.personal_data),
        (ExportFormat::Xlsx, 2, true)
    );
    let mut wb: Xlsx<_> = open_workbook(&xlsx_path).unwrap();
    let sheet = wb.worksheet_range("Cases").unwrap();
    assert_eq!(xlsx_cell(&sheet, 0, 5), "Phone");
    assert_eq!(xlsx_cell(&sheet, 1, 0), id.to_string());
    assert_eq!(xlsx_cell(&sheet, 1, 5), "13912345678");
    assert!(xlsx_cell(&sheet, 1, 9).contains("文三路100号"));
    assert_eq!(xlsx_cell(&sheet, 1, 12), "Delivery");

    let masked = CaseExport {
        selection,
        include_personal_data: false,
        lang: Lang::Zh,
    };
    let masked_path = dir.path().join("masked.xlsx");
    export_cases(&fx.conn, &masked, &masked_path, fx.now).unwrap();
    let mut wb: Xlsx<_> = open_workbook(&masked_path).unwrap();
    let sheet = wb.worksheet_range("案例").unwrap();
    assert_eq!(xlsx_cell(&sheet, 1, 5), "139******78");
    for cell in sheet.cells() {
        assert!(!cell.2.to_string().contains("13912345678"));
    }
    // Costs come from the ledger: C3 has none, the export shows it empty.
    assert_eq!(xlsx_cell(&sheet, 2, 20), "");

    let bad = dir.path().join("cases.txt");
    assert_eq!(
        export_cases(&fx.conn, &masked, &bad, fx.now)
            .unwrap_err()
            .code(),
        "validation.export_format"
    );
}

#[test]
fn drill_understands_shops_products_and_closing() {
    let fx = fixture();
    let drill = CaseDrill {
        shops: vec!["B店".into()],
        ..Default::default()
    };
    assert_eq!(
        ids(&drill_cases(&fx.conn, &drill, fx.now).unwrap()),
        vec![fx.c[2], fx.c[3]]
    );
    let drill = CaseDrill {
        products: vec!["保温杯".into()],
        filter: crate::cases::CaseFilter {
            platforms: vec![Platform::Taobao],
            ..Default::default()
        },
        ..Default::default()
    };
    assert_eq!(
        ids(&drill_cases(&fx.conn, &drill, fx.now).unwrap()),
        vec![fx.c[7]]
    );
    let drill = CaseDrill {
        resolved_from: Some(t("2026-11-19T00:00:00Z")),
        resolved_to: Some(t("2026-11-19T23:59:59Z")),
        ..Default::default()
    };
    assert_eq!(
        ids(&drill_cases(&fx.conn, &drill, fx.now).unwrap()),
        vec![fx.c[1], fx.c[3]]
    );
    let drill = CaseDrill {
        filter: crate::cases::CaseFilter {
            limit: 2,
            descending: true,
            ..Default::default()
        },
        ..Default::default()
    };
    let page = drill_cases(&fx.conn, &drill, fx.now).unwrap();
    assert_eq!((page.total, page.items.len()), (8, 2));
    assert_eq!(page.items[0].id, fx.c[7]);
}

#[test]
fn drill_with_only_an_inbox_filter_lists_what_the_inbox_lists() {
    let fx = fixture();
    let filters = [
        crate::cases::CaseFilter::default(),
        crate::cases::CaseFilter {
            query: "漏水".into(),
            ..Default::default()
        },
        crate::cases::CaseFilter {
            query: "物流太慢".into(),
            ..Default::default()
        },
        crate::cases::CaseFilter {
            urgent_only: true,
            ..Default::default()
        },
        crate::cases::CaseFilter {
            open_only: true,
            stars: vec![1, 2],
            ..Default::default()
        },
        crate::cases::CaseFilter {
            statuses: vec![CaseStatus::Closed],
            causes: vec![Cause::Quality],
            min_severity: Some(1),
            sort: crate::cases::SortKey::Product,
            descending: true,
            limit: 2,
            offset: 1,
            ..Default::default()
        },
    ];
    for f in filters {
        let inbox = cases::list(&fx.conn, &f).unwrap();
        let drill = drill_cases(
            &fx.conn,
            &CaseDrill {
                filter: f.clone(),
                ..Default::default()
            },
            fx.now,
        )
        .unwrap();
        assert_eq!(drill, inbox, "{f:?}");
    }
}

/// Spend under a filter, summed the slow way: each delivered remedy joined to its case.
fn spend_oracle(conn: &Connection, platform: Option<&str>, product: Option<&str>) -> (i64, u32) {
    conn.query_row(
        "SELECT coalesce(sum(r.cost_cents), 0), count(*) FROM remedies r JOIN cases c ON c.id = r.case_id
         WHERE r.status = 'delivered' AND r.delivered_at >= ?1 AND r.delivered_at < ?2
           AND (?3 IS NULL OR c.platform = ?3) AND (?4 IS NULL OR c.product = ?4)",
        rusqlite::params![
            crate::db::sql_time(super::axis::day_start(query().from)),
            crate::db::sql_time(super::axis::day_start(query().to + chrono::Duration::days(1))),
            platform,
            product
        ],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

#[test]
fn spend_filters_follow_a_case_moved_to_another_platform_or_product() {
    let fx = fixture();
    let filtered = |platform: Option<Platform>, product: Option<&str>| {
        let mut q = query();
        q.platforms = platform.into_iter().collect();
        q.products = product.map(String::from).into_iter().collect();
        let s = spend(&fx.conn, &q, fx.now).unwrap();
        s.currencies
            .first()
            .map_or((0, 0), |c| (c.spent_cents, c.delivered))
    };
    let check = |label: &str| {
        for platform in [None, Some(Platform::Taobao), Some(Platform::Jd)] {
            for product in [None, Some("电热水壶"), Some("保温杯")] {
                assert_eq!(
                    filtered(platform, product),
                    spend_oracle(&fx.conn, platform.map(|p| p.as_str()), product),
                    "{label}: {platform:?} {product:?}"
                );
            }
        }
    };
    check("as created");
    assert!(filtered(Some(Platform::Taobao), None).0 > 0);
    // The owner corrects a case's platform and product: its remedies follow it.
    let moved: i64 = fx
        .conn
        .query_row(
            "SELECT case_id FROM remedies WHERE status = 'delivered' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    fx.conn
        .execute(
            "UPDATE cases SET platform = 'jd', product = '保温杯' WHERE id = ?1",
            [moved],
        )
        .unwrap();
    check("after the correction");
}
