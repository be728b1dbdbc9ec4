use super::*;
use crate::appeals::{self, AppealInput, AppealReason, AppealStatus, AppealStatusChange};
use crate::cases::EventKind;
use crate::cases::{self, CaseStatus, Cause, NewCase};
use crate::db;
use crate::intake;
use crate::settings::{self, Settings};
use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

mod commitments;
mod ledger;
mod outcome;
mod promises;
mod totals;

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn now() -> DateTime<Utc> {
    t("2026-11-20T04:00:00Z")
}

fn new_case(conn: &mut Connection, product: &str, order_value: Option<i64>) -> i64 {
    let input = NewCase {
        platform: "taobao".into(),
        product: product.into(),
        stars: 1,
        review_text: "质量太差了，用了两天就坏了".into(),
        review_time: "2026-11-18T02:00:00Z".into(),
        order_value_cents: order_value,
        ..Default::default()
    };
    intake::add_case(conn, &input, "test", t("2026-11-18T03:00:00Z"))
        .unwrap()
        .id
}

fn setup() -> (Connection, i64) {
    let mut conn = db::open_in_memory().unwrap();
    let id = new_case(&mut conn, "电热水壶", Some(12_900));
    (conn, id)
}

fn input(kind: RemedyKind, value: &str) -> RemedyInput {
    RemedyInput {
        kind: Some(kind),
        value: value.into(),
        ..Default::default()
    }
}

fn events(conn: &Connection, case_id: i64, kind: &str) -> Vec<cases::CaseEvent> {
    cases::history(conn, case_id)
        .unwrap()
        .into_iter()
        .filter(|e| e.kind.as_str() == kind)
        .collect()
}

fn no_change() -> RemedyStatusChange {
    RemedyStatusChange::default()
}

/// Brings a fresh remedy to `status` along legal moves.
fn remedy_in(conn: &mut Connection, case: i64, status: RemedyStatus) -> i64 {
    let id = add_remedy(
        conn,
        case,
        &input(RemedyKind::PartialRefund, "5"),
        "t",
        now(),
    )
    .unwrap()
    .id;
    let path: &[RemedyStatus] = match status {
        RemedyStatus::Proposed => &[],
        RemedyStatus::Accepted => &[RemedyStatus::Accepted],
        s => &[s],
    };
    for &s in path {
        set_remedy_status(conn, id, s, &no_change(), "t", now()).unwrap();
    }
    id
}
