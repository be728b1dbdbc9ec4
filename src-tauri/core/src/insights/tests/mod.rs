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

mod charts;
mod drill;
mod recovery;
mod report;
mod spend;

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

fn xlsx_cell(range: &calamine::Range<calamine::Data>, row: u32, col: u32) -> String {
    range
        .get_value((row, col))
        .map(|v| v.to_string())
        .unwrap_or_default()
}
