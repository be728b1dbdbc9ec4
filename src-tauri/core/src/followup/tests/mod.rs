//! Every rule at a fixed clock, then the store and scheduler on an in-memory database.

use super::*;
use crate::cases::{self, Case, CaseStatus, Cause, NewCase, Platform};
use crate::cases::{Commitment, CommitmentKind};
use crate::db::open_in_memory;
use crate::intake;
use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

mod backlog;
mod rules;
mod scheduler;
mod settings;
mod store;
mod windows;

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn case_at(review: &str) -> Case {
    let at = t(review);
    Case {
        id: 7,
        platform: Platform::Taobao,
        shop: "小店".into(),
        order_id: None,
        review_id: None,
        buyer_nick: Some("t**8".into()),
        buyer_phone_masked: None,
        buyer_tz: UNSET_BUYER_TZ.into(),
        product: "电热水壶".into(),
        stars: 1,
        review_text: "漏水".into(),
        review_time: at,
        has_photos: false,
        order_value_cents: None,
        lang: crate::Lang::Zh,
        seller_reply: None,
        follow_up_text: None,
        primary_cause: Cause::Quality,
        causes: vec![Cause::Quality],
        severity: 2,
        flags: vec![],
        triage_reasons: vec![],
        labels_locked: false,
        status: CaseStatus::New,
        outcome: None,
        source: crate::cases::CaseSource::Manual,
        created_at: at,
        updated_at: at,
        backlog: false,
        followup_from: None,
    }
}

fn facts(case: Case) -> CaseFacts {
    CaseFacts {
        case,
        contacts: vec![],
        commitments: vec![],
        resolved_at: None,
        has_appeal: false,
    }
}

fn attempt(id: i64, at: &str, channel: ContactChannel, outcome: ContactOutcome) -> ContactAttempt {
    ContactAttempt {
        id,
        case_id: 7,
        at: t(at),
        channel,
        outcome,
        note: None,
        call_back_at: None,
        agreed_update_at: None,
        actor: "店主".into(),
    }
}

fn kinds(rs: &[Reminder]) -> Vec<ReminderKind> {
    rs.iter().map(|r| r.kind).collect()
}

fn only(rs: &[Reminder], kind: ReminderKind) -> &Reminder {
    let found: Vec<&Reminder> = rs.iter().filter(|r| r.kind == kind).collect();
    assert_eq!(found.len(), 1, "{kind}: {rs:#?}");
    found[0]
}

fn jd(mut c: Case) -> Case {
    // JD has no explanation deadline, which keeps the rhythm tests to the point.
    c.platform = Platform::Jd;
    c
}

fn new_case(conn: &mut Connection, platform: &str, review: &str, now: DateTime<Utc>) -> Case {
    intake::add_case(
        conn,
        &NewCase {
            platform: platform.into(),
            product: "电热水壶".into(),
            stars: 1,
            review_text: "壶底漏水，用了两天就坏了".into(),
            review_time: review.into(),
            ..Default::default()
        },
        "店主",
        now,
    )
    .unwrap()
}

fn contact(case_id: i64, channel: ContactChannel, outcome: ContactOutcome) -> NewContact {
    NewContact {
        case_id,
        channel,
        outcome,
        note: None,
        at: None,
        call_back_at: None,
        agreed_update_at: None,
    }
}

fn stored(conn: &Connection) -> Vec<(i64, String, DateTime<Utc>)> {
    let mut stmt = conn
        .prepare(
            "SELECT case_id, kind, due FROM reminders WHERE cleared_at IS NULL ORDER BY due, kind",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}
