#![allow(clippy::unwrap_used, clippy::expect_used)] // a failure is the test failing

//! Properties that must hold for any input, checked on many generated ones (proptest):
//! money arithmetic and the totals kept on each case, every status machine (cases,
//! remedies, promises, appeals), and the reminder computation.

use chrono::{DateTime, Duration, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use haoping_core::appeals::{self, AppealInput, AppealReason, AppealStatus, APPEAL_MOVES};
use haoping_core::cases::{self, Case, CaseStatus, Cause, NewCase, Platform};
use haoping_core::followup::{
    self, reminders_for_case, CaseFacts, ContactAttempt, ContactChannel, ContactOutcome,
    FollowupRules, NewContact, ReminderKind,
};
use haoping_core::remedies::money::{
    average, checked_sum, format_amount, parse_amount, percent_of,
};
use haoping_core::remedies::{
    self, PromiseInput, PromiseStatus, RemedyInput, RemedyKind, RemedyStatus, RemedyStatusChange,
    PROMISE_MOVES, REMEDY_MOVES,
};
use haoping_core::{db, doctor};
use proptest::prelude::*;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 3, 0, 0).unwrap()
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ------------------------------------------------------------------------- money

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn amounts_print_and_parse_back(minor in 0i64..1_000_000_000_000_000, cur in prop::sample::select(vec!["CNY", "USD", "JPY", "EUR"])) {
        let text = format_amount(minor, cur);
        prop_assert_eq!(parse_amount("v", &text, cur).unwrap(), minor);
        let with_symbol = haoping_core::remedies::money::format_money(minor, cur);
        if cur != "JPY" {
            prop_assert_eq!(parse_amount("v", &with_symbol, cur).unwrap(), minor);
        }
    }

    #[test]
    fn percentages_stay_within_the_whole(minor in 0i64..1_000_000_000_000, a in 1u32..=10_000, b in 1u32..=10_000) {
        let (lo, hi) = (a.min(b), a.max(b));
        prop_assert!(percent_of(minor, lo) <= percent_of(minor, hi));
        prop_assert!(percent_of(minor, hi) <= minor);
        prop_assert_eq!(percent_of(minor, 10_000), minor);
        // Rounded half up: never more than half a minor unit off.
        let exact = i128::from(minor) * i128::from(lo);
        prop_assert!((i128::from(percent_of(minor, lo)) * 10_000 - exact).abs() <= 5_000);
    }

    #[test]
    fn sums_never_wrap(parts in prop::collection::vec(any::<i64>(), 0..20)) {
        let wide: i128 = parts.iter().map(|&p| i128::from(p)).sum();
        let partial_overflow = parts.iter().try_fold(0i64, |acc, &p| acc.checked_add(p)).is_none();
        match checked_sum("v", parts.iter().copied()) {
            Ok(s) => prop_assert_eq!(i128::from(s), wide),
            Err(e) => {
                prop_assert!(partial_overflow);
                prop_assert_eq!(e.code(), "validation.amount");
            }
        }
    }

    #[test]
    fn averages_round_half_up(total in 0i64..1_000_000_000_000, n in 1u32..10_000) {
        let avg = average(total, n).unwrap();
        let diff = i128::from(avg) * i128::from(n) - i128::from(total);
        prop_assert!(diff.abs() * 2 <= i128::from(n));
        prop_assert!(average(total, 0).is_none());
    }
}

// ------------------------------------------------------------------- the ledger

fn fresh() -> db::Connection {
    db::open_in_memory().unwrap()
}

fn add_case(conn: &mut db::Connection, n: usize) -> i64 {
    haoping_core::intake::add_case(
        conn,
        &NewCase {
            platform: "taobao".into(),
            product: format!("商品{n}"),
            stars: 1,
            review_text: format!("第{n}个差评，质量太差"),
            review_time: "2026-11-20T02:00:00Z".into(),
            order_value_cents: Some(50_000),
            ..Default::default()
        },
        "p",
        now(),
    )
    .unwrap()
    .id
}

const REMEDY_STATUSES: [RemedyStatus; 5] = [
    RemedyStatus::Proposed,
    RemedyStatus::Accepted,
    RemedyStatus::Delivered,
    RemedyStatus::Declined,
    RemedyStatus::Cancelled,
];

proptest! {
    #![proptest_config(config(24))]

    /// Any mix of remedies moved in any order: the totals kept on each case equal its
    /// delivered ledger (doctor's check), and the moves made are exactly the table's.
    #[test]
    fn remedy_moves_follow_the_table_and_totals_follow_the_ledger(
        ops in prop::collection::vec((0usize..3, 0usize..4, 1u32..50_000, 0usize..5), 1..25)
    ) {
        let mut conn = fresh();
        let case_ids: Vec<i64> = (0..3).map(|i| add_case(&mut conn, i)).collect();
        let mut remedies_made: Vec<(i64, RemedyStatus)> = Vec::new();
        for (case_pick, kind_pick, cents, to_pick) in ops {
            // Even picks add a remedy, odd ones move one.
            if remedies_made.is_empty() || to_pick % 2 == 0 {
                let kind = [RemedyKind::PartialRefund, RemedyKind::Coupon, RemedyKind::Points, RemedyKind::Other][kind_pick];
                let input = RemedyInput {
                    kind: Some(kind),
                    value: format!("{}.{:02}", cents / 100, cents % 100),
                    ..Default::default()
                };
                let r = remedies::add_remedy(&mut conn, case_ids[case_pick], &input, "p", now()).unwrap();
                remedies_made.push((r.id, r.status));
            } else {
                let i = (cents as usize) % remedies_made.len();
                let (id, from) = remedies_made[i];
                let to = REMEDY_STATUSES[to_pick];
                let allowed = REMEDY_MOVES.contains(&(from, to));
                let result = remedies::set_remedy_status(&mut conn, id, to, &RemedyStatusChange::default(), "p", now());
                prop_assert_eq!(result.is_ok(), allowed, "{} → {}", from, to);
                if let Err(e) = &result {
                    prop_assert_eq!(e.code(), "invalid_transition");
                }
                if allowed {
                    remedies_made[i].1 = to;
                }
                let stored: String = conn.query_row("SELECT status FROM remedies WHERE id = ?1", [id], |r| r.get(0)).unwrap();
                prop_assert_eq!(stored, remedies_made[i].1.to_string());
            }
        }
        let report = doctor::examine(&conn, std::path::Path::new(":memory:"), std::path::Path::new(".")).unwrap();
        prop_assert!(report.ok, "{:#?}", report);
    }

    /// Any sequence of attempted case moves: an allowed one is made and recorded as the
    /// last status in the history; a refused one writes nothing.
    #[test]
    fn case_moves_follow_the_table_and_the_history(moves in prop::collection::vec(0usize..6, 1..30)) {
        let mut conn = fresh();
        let id = add_case(&mut conn, 0);
        let mut status = CaseStatus::New;
        for pick in moves {
            let to = CaseStatus::ALL[pick];
            let events_before = cases::history(&conn, id).unwrap().len();
            let result = cases::set_status(&mut conn, id, to, None, "p", now());
            prop_assert_eq!(result.is_ok(), status.can_move_to(to));
            let history = cases::history(&conn, id).unwrap();
            if result.is_ok() {
                status = to;
                prop_assert_eq!(history.len(), events_before + 1);
                prop_assert_eq!(history.last().unwrap().new_value.as_deref(), Some(to.as_str()));
            } else {
                prop_assert_eq!(history.len(), events_before);
            }
            prop_assert_eq!(cases::get(&conn, id).unwrap().status, status);
        }
        let report = doctor::examine(&conn, std::path::Path::new(":memory:"), std::path::Path::new(".")).unwrap();
        prop_assert!(report.ok, "{:#?}", report);
    }

    #[test]
    fn promise_and_appeal_moves_follow_their_tables(
        promise_moves in prop::collection::vec(0usize..3, 1..8),
        appeal_moves in prop::collection::vec(0usize..5, 1..12),
    ) {
        let mut conn = fresh();
        let id = add_case(&mut conn, 0);
        let p = remedies::add_promise(&mut conn, id, &PromiseInput {
            text: "明天回电".into(),
            due_at: Some(now() + Duration::days(1)),
            note: String::new(),
        }, "p", now()).unwrap();
        let mut status = p.status;
        for pick in promise_moves {
            let to = [PromiseStatus::Open, PromiseStatus::Kept, PromiseStatus::Cancelled][pick];
            let ok = remedies::set_promise_status(&mut conn, p.id, to, "", "p", now()).is_ok();
            prop_assert_eq!(ok, PROMISE_MOVES.contains(&(status, to)));
            if ok { status = to; }
        }
        let a = appeals::create_appeal(&mut conn, id, &AppealInput {
            reason: Some(AppealReason::Extortion),
            ..Default::default()
        }, "p", now()).unwrap();
        let mut status = a.status;
        for pick in appeal_moves {
            let to = AppealStatus::ALL[pick];
            let ok = appeals::set_appeal_status(&mut conn, a.id, to, &Default::default(), "p", now()).is_ok();
            prop_assert_eq!(ok, APPEAL_MOVES.contains(&(status, to)), "{} → {}", status, to);
            if ok { status = to; }
            prop_assert_eq!(appeals::get_appeal(&conn, a.id, now()).unwrap().status, status);
        }
    }
}

// ------------------------------------------------------------------- reminders

const ZONES: [&str; 6] = [
    "Asia/Shanghai",
    "America/New_York",
    "Europe/Berlin",
    "Australia/Sydney",
    "Asia/Kolkata",
    "America/Los_Angeles",
];

fn case_in(tz: &str, review: DateTime<Utc>) -> Case {
    Case {
        id: 7,
        platform: Platform::Jd,
        shop: "小店".into(),
        order_id: None,
        review_id: None,
        buyer_nick: Some("t**8".into()),
        buyer_phone_masked: None,
        buyer_tz: tz.into(),
        product: "电热水壶".into(),
        stars: 1,
        review_text: "漏水".into(),
        review_time: review,
        has_photos: false,
        order_value_cents: None,
        lang: haoping_core::Lang::Zh,
        seller_reply: None,
        follow_up_text: None,
        primary_cause: Cause::Quality,
        causes: vec![Cause::Quality],
        severity: 2,
        flags: vec![],
        triage_reasons: vec![],
        labels_locked: false,
        status: CaseStatus::Contacting,
        outcome: None,
        source: cases::CaseSource::Manual,
        created_at: review,
        updated_at: review,
        backlog: false,
        followup_from: None,
    }
}

fn local_minutes(t: DateTime<Utc>, tz: Tz) -> u32 {
    let l = t.with_timezone(&tz);
    l.hour() * 60 + l.minute()
}

fn hhmm(s: &str) -> u32 {
    let (h, m) = s.split_once(':').unwrap();
    h.parse::<u32>().unwrap() * 60 + m.parse::<u32>().unwrap()
}

proptest! {
    #![proptest_config(config(256))]

    /// A call-back or a suggested call is always due inside a call window, in the
    /// buyer's own zone, whatever the zone, the day (weekends, DST switches) or the
    /// attempts before it.
    #[test]
    fn call_backs_fall_inside_a_window_in_the_buyers_zone(
        zone in prop::sample::select(ZONES.to_vec()),
        review_min in 0i64..(400 * 24 * 60),
        attempts in prop::collection::vec((1i64..(6 * 24 * 60), any::<bool>(), any::<bool>()), 0..5),
    ) {
        let review = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap() + Duration::minutes(review_min);
        let tz: Tz = zone.parse().unwrap();
        let mut at = review;
        let contacts: Vec<ContactAttempt> = attempts.iter().enumerate().map(|(i, (gap, phone, answered))| {
            at += Duration::minutes(*gap);
            ContactAttempt {
                id: i as i64 + 1,
                case_id: 7,
                at,
                channel: if *phone { ContactChannel::Phone } else { ContactChannel::Sms },
                outcome: if *answered { ContactOutcome::Replied } else { ContactOutcome::NoAnswer },
                note: None,
                call_back_at: None,
                agreed_update_at: None,
                actor: "p".into(),
            }
        }).collect();
        let facts = CaseFacts {
            case: case_in(zone, review),
            contacts,
            commitments: vec![],
            resolved_at: None,
            has_appeal: false,
        };
        let rules = FollowupRules::default();
        let windows: Vec<(u32, u32)> = rules.windows.iter().map(|w| (hhmm(&w.start), hhmm(&w.end))).collect();
        for r in reminders_for_case(&facts, &rules, review) {
            if !matches!(r.kind, ReminderKind::Callback | ReminderKind::EscalatePhone) {
                continue;
            }
            let w = r.window.as_ref().expect("a call has its window");
            prop_assert_eq!(&w.tz, zone);
            prop_assert_eq!(&r.tz, zone);
            prop_assert!(w.start <= r.due && r.due < w.end, "{r:?}");
            prop_assert_eq!(r.late_at, w.end);
            let m = local_minutes(r.due, tz);
            prop_assert!(windows.iter().any(|(s, e)| *s <= m && m < *e), "due at {} local in {}: {:?}", m, zone, r);
        }
    }

    /// Reminders fire once: ticking the scheduler through two weeks while contacts are
    /// logged never fires the same reminder twice, and the plan never holds one twice.
    #[test]
    fn no_reminder_is_due_twice(
        steps in prop::collection::vec((10i64..(36 * 60), any::<bool>()), 1..12),
    ) {
        let mut conn = fresh();
        let id = add_case(&mut conn, 0);
        let mut t = now();
        for (gap, contact) in steps {
            t += Duration::minutes(gap);
            if contact {
                followup::log_contact(&mut conn, &NewContact {
                    case_id: id,
                    channel: ContactChannel::Phone,
                    outcome: ContactOutcome::NoAnswer,
                    note: None,
                    at: Some(t),
                    call_back_at: None,
                    agreed_update_at: None,
                }, "p", t).unwrap();
            }
            followup::tick(&mut conn, t).unwrap();
            let twice: i64 = conn.query_row("SELECT count(*) FROM reminders WHERE fire_count > 1", [], |r| r.get(0)).unwrap();
            prop_assert_eq!(twice, 0);
            let dup: i64 = conn.query_row(
                "SELECT count(*) FROM (SELECT 1 FROM reminders GROUP BY case_id, kind, subject, due HAVING count(*) > 1)",
                [], |r| r.get(0)).unwrap();
            prop_assert_eq!(dup, 0);
        }
        let report = doctor::examine(&conn, std::path::Path::new(":memory:"), std::path::Path::new(".")).unwrap();
        prop_assert!(report.ok, "{:#?}", report);
    }
}
