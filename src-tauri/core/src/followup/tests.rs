//! Every rule at a fixed clock, then the store and scheduler on an in-memory database.

use super::*;
use crate::cases::{self, Case, CaseStatus, Cause, NewCase, Platform};
use crate::cases::{Commitment, CommitmentKind};
use crate::db::open_in_memory;
use crate::intake;
use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

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

// ---------------------------------------------------------------- first response

#[test]
fn first_response_is_due_24h_after_the_review_with_a_warning_4h_before() {
    let f = facts(jd(case_at("2026-11-23T02:00:00Z")));
    let rules = FollowupRules::default();
    let now = t("2026-11-23T03:00:00Z");
    let rs = reminders_for_case(&f, &rules, now);
    assert_eq!(
        kinds(&rs),
        [
            ReminderKind::FirstResponseWarning,
            ReminderKind::FirstResponse
        ]
    );
    let w = only(&rs, ReminderKind::FirstResponseWarning);
    assert_eq!(w.due, t("2026-11-23T22:00:00Z"));
    assert_eq!(w.late_at, t("2026-11-24T02:00:00Z"));
    assert_eq!(w.expires_at, Some(t("2026-11-24T02:00:00Z")));
    assert_eq!(w.reason.params["left"], "4");
    let fr = only(&rs, ReminderKind::FirstResponse);
    assert_eq!(fr.due, t("2026-11-24T02:00:00Z"));
    assert_eq!(fr.late_at, fr.due);
    assert!(fr.reason.zh.contains("24 小时") && fr.reason.en.contains("24 h"));
    // Once the deadline has passed, the warning is moot; the breach stays until handled.
    let later = reminders_for_case(&f, &rules, t("2026-11-24T02:00:00Z"));
    assert_eq!(kinds(&later), [ReminderKind::FirstResponse]);
}

#[test]
fn first_response_hours_and_warning_are_configurable() {
    let f = facts(jd(case_at("2026-11-23T02:00:00Z")));
    let rules = FollowupRules {
        first_response_hours: 12,
        first_response_warning_hours: 0,
        ..FollowupRules::default()
    };
    let rs = reminders_for_case(&f, &rules, t("2026-11-23T03:00:00Z"));
    assert_eq!(kinds(&rs), [ReminderKind::FirstResponse]);
    assert_eq!(rs[0].due, t("2026-11-23T14:00:00Z"));
}

#[test]
fn any_contact_or_public_reply_satisfies_the_first_response() {
    let now = t("2026-11-23T03:00:00Z");
    let rules = FollowupRules::default();
    let mut f = facts(jd(case_at("2026-11-23T02:00:00Z")));
    f.case.seller_reply = Some("亲，非常抱歉……".into());
    assert!(reminders_for_case(&f, &rules, now).is_empty());
    let mut f = facts(jd(case_at("2026-11-23T02:00:00Z")));
    f.case.status = CaseStatus::Contacting;
    f.contacts = vec![attempt(
        1,
        "2026-11-23T02:30:00Z",
        ContactChannel::PlatformIm,
        ContactOutcome::Replied,
    )];
    assert!(reminders_for_case(&f, &rules, now).is_empty());
}

// ---------------------------------------------------------------- call-backs

#[test]
fn unanswered_call_is_retried_in_the_next_window_in_shanghai() {
    let mut f = facts(jd(case_at("2026-11-23T02:00:00Z")));
    f.case.status = CaseStatus::Contacting;
    // 12:10 Beijing time, inside the noon window: retry at 18:00, not at 12:15.
    f.contacts = vec![attempt(
        1,
        "2026-11-23T04:10:00Z",
        ContactChannel::Phone,
        ContactOutcome::NoAnswer,
    )];
    let rs = reminders_for_case(&f, &FollowupRules::default(), t("2026-11-23T04:11:00Z"));
    let cb = only(&rs, ReminderKind::Callback);
    assert_eq!(cb.due, t("2026-11-23T10:00:00Z"));
    assert_eq!(cb.late_at, t("2026-11-23T12:00:00Z"));
    assert_eq!(cb.reason.code, "callback.no_answer");
    assert_eq!(cb.tz, "Asia/Shanghai");
    let w = cb.window.as_ref().unwrap();
    assert_eq!(
        (w.local_start.as_str(), w.local_end.as_str()),
        ("18:00", "20:00")
    );
    assert!(cb.reason.zh.contains("18:00–20:00"));
    assert!(cb.reason.en.contains("18:00–20:00"));
}

#[test]
fn callbacks_follow_edited_windows() {
    let mut f = facts(jd(case_at("2026-11-23T02:00:00Z")));
    f.case.status = CaseStatus::Contacting;
    f.contacts = vec![attempt(
        1,
        "2026-11-23T04:10:00Z",
        ContactChannel::Phone,
        ContactOutcome::NoAnswer,
    )];
    let rules = FollowupRules {
        windows: vec![WindowRule {
            start: "10:00".into(),
            end: "11:30".into(),
        }],
        ..FollowupRules::default()
    };
    let rs = reminders_for_case(&f, &rules, t("2026-11-23T04:11:00Z"));
    // Next day 10:00 Beijing = 02:00Z.
    assert_eq!(
        only(&rs, ReminderKind::Callback).due,
        t("2026-11-24T02:00:00Z")
    );
    let rules = FollowupRules {
        windows: vec![],
        ..FollowupRules::default()
    };
    let rs = reminders_for_case(&f, &rules, t("2026-11-23T04:11:00Z"));
    let cb = only(&rs, ReminderKind::Callback);
    assert_eq!(cb.due, t("2026-11-23T05:10:00Z"));
    assert_eq!(cb.reason.code, "callback.any_time");
    assert!(cb.window.is_none());
}

#[test]
fn new_york_buyer_callback_across_spring_forward_stays_at_local_noon() {
    let mut f = facts(jd(case_at("2026-03-06T15:00:00Z")));
    f.case.buyer_tz = "America/New_York".into();
    f.case.status = CaseStatus::Contacting;
    // Sat 2026-03-07 18:30 EST = 23:30Z, after the evening window opened.
    f.contacts = vec![attempt(
        1,
        "2026-03-07T23:30:00Z",
        ContactChannel::Phone,
        ContactOutcome::NoAnswer,
    )];
    let rs = reminders_for_case(&f, &FollowupRules::default(), t("2026-03-07T23:31:00Z"));
    let cb = only(&rs, ReminderKind::Callback);
    // Sunday is EDT (UTC−4): local noon is 16:00Z, no longer 17:00Z.
    assert_eq!(cb.due, t("2026-03-08T16:00:00Z"));
    assert_eq!(cb.tz, "America/New_York");
    assert_eq!(cb.window.as_ref().unwrap().local_start, "12:00");
}

#[test]
fn berlin_buyer_callback_across_both_switches() {
    let mut f = facts(jd(case_at("2026-03-27T10:00:00Z")));
    f.case.buyer_tz = "Europe/Berlin".into();
    f.case.status = CaseStatus::Contacting;
    // Sat 2026-03-28 19:30 CET = 18:30Z → Sun 12:00 CEST = 10:00Z.
    f.contacts = vec![attempt(
        1,
        "2026-03-28T18:30:00Z",
        ContactChannel::Phone,
        ContactOutcome::NoAnswer,
    )];
    let rs = reminders_for_case(&f, &FollowupRules::default(), t("2026-03-28T18:31:00Z"));
    assert_eq!(
        only(&rs, ReminderKind::Callback).due,
        t("2026-03-29T10:00:00Z")
    );
    // Autumn: Sat 2026-10-24 19:30 CEST = 17:30Z → Sun 12:00 CET = 11:00Z.
    f.contacts = vec![attempt(
        1,
        "2026-10-24T17:30:00Z",
        ContactChannel::Phone,
        ContactOutcome::NoAnswer,
    )];
    let rs = reminders_for_case(&f, &FollowupRules::default(), t("2026-10-24T17:31:00Z"));
    let cb = only(&rs, ReminderKind::Callback);
    assert_eq!(cb.due, t("2026-10-25T11:00:00Z"));
    assert_eq!(cb.late_at, t("2026-10-25T12:00:00Z"));
}

#[test]
fn owner_zone_never_moves_the_buyers_windows() {
    // The owner sits in Berlin; the buyer is in Shanghai. The call still goes at
    // 18:00 Beijing time (10:00Z), which is 11:00 for the owner.
    let mut f = facts(jd(case_at("2026-11-23T02:00:00Z")));
    f.case.status = CaseStatus::Contacting;
    f.contacts = vec![attempt(
        1,
        "2026-11-23T04:10:00Z",
        ContactChannel::Phone,
        ContactOutcome::NoAnswer,
    )];
    let berlin_owner = FollowupRules {
        owner_tz: "Europe/Berlin".into(),
        ..FollowupRules::default()
    };
    let a = reminders_for_case(&f, &berlin_owner, t("2026-11-23T04:11:00Z"));
    let b = reminders_for_case(&f, &FollowupRules::default(), t("2026-11-23T04:11:00Z"));
    assert_eq!(a, b);
    assert_eq!(
        only(&a, ReminderKind::Callback).due,
        t("2026-11-23T10:00:00Z")
    );
}

#[test]
fn buyer_zone_comes_from_case_then_shop_then_default() {
    let mut rules = FollowupRules {
        default_tz: "Europe/Berlin".into(),
        shop_zones: vec![ShopZone {
            shop: "US store".into(),
            tz: "America/Los_Angeles".into(),
        }],
        ..FollowupRules::default()
    };
    let mut c = jd(case_at("2026-11-23T02:00:00Z"));
    assert_eq!(rules.zone_for(&c).name(), "Europe/Berlin");
    c.shop = "US store".into();
    assert_eq!(rules.zone_for(&c).name(), "America/Los_Angeles");
    c.buyer_tz = "Asia/Tokyo".into();
    assert_eq!(rules.zone_for(&c).name(), "Asia/Tokyo");
    c.buyer_tz = "Not/AZone".into();
    assert_eq!(rules.zone_for(&c).name(), "America/Los_Angeles");
    rules.shop_zones.clear();
    rules.default_tz = UNSET_BUYER_TZ.into();
    assert_eq!(rules.zone_for(&c).name(), "Asia/Shanghai");
}

// ---------------------------------------------------------------- escalation

#[test]
fn unanswered_messages_escalate_to_a_call_after_two_days_in_the_next_window() {
    let mut f = facts(jd(case_at("2026-11-23T00:00:00Z")));
    f.case.status = CaseStatus::Contacting;
    // Mon 09:00 and Tue 10:00 Beijing, both unanswered: the silence began Monday.
    f.contacts = vec![
        attempt(
            1,
            "2026-11-23T01:00:00Z",
            ContactChannel::PlatformIm,
            ContactOutcome::NoAnswer,
        ),
        attempt(
            2,
            "2026-11-24T02:00:00Z",
            ContactChannel::Sms,
            ContactOutcome::NoAnswer,
        ),
    ];
    let rules = FollowupRules::default();
    let rs = reminders_for_case(&f, &rules, t("2026-11-24T02:01:00Z"));
    let e = only(&rs, ReminderKind::EscalatePhone);
    // Wed 09:00 + waiting for the noon window → Wed 12:00 = 04:00Z.
    assert_eq!(e.due, t("2026-11-25T04:00:00Z"));
    assert_eq!(e.late_at, t("2026-11-25T05:00:00Z"));
    assert_eq!(e.reason.params["days"], "2");
    let three = FollowupRules {
        escalate_after_days: 3,
        ..FollowupRules::default()
    };
    let rs = reminders_for_case(&f, &three, t("2026-11-24T02:01:00Z"));
    assert_eq!(
        only(&rs, ReminderKind::EscalatePhone).due,
        t("2026-11-26T04:00:00Z")
    );
}

#[test]
fn escalation_falling_inside_a_window_is_due_at_once() {
    let mut f = facts(jd(case_at("2026-11-23T00:00:00Z")));
    f.case.status = CaseStatus::Contacting;
    // Mon 12:30 Beijing → Wed 12:30, while the noon window is open.
    f.contacts = vec![attempt(
        1,
        "2026-11-23T04:30:00Z",
        ContactChannel::Wechat,
        ContactOutcome::NoAnswer,
    )];
    let rs = reminders_for_case(&f, &FollowupRules::default(), t("2026-11-23T05:00:00Z"));
    let e = only(&rs, ReminderKind::EscalatePhone);
    assert_eq!(e.due, t("2026-11-25T04:30:00Z"));
    assert_eq!(e.window.as_ref().unwrap().start, t("2026-11-25T04:00:00Z"));
}

#[test]
fn escalation_counts_local_days_across_dst() {
    let mut f = facts(jd(case_at("2026-03-05T15:00:00Z")));
    f.case.buyer_tz = "America/New_York".into();
    f.case.status = CaseStatus::Contacting;
    // Fri 2026-03-06 12:30 EST = 17:30Z; two local days later is Sun 12:30 EDT = 16:30Z,
    // inside Sunday's noon window (16:00–17:00Z).
    f.contacts = vec![attempt(
        1,
        "2026-03-06T17:30:00Z",
        ContactChannel::Email,
        ContactOutcome::NoAnswer,
    )];
    let rs = reminders_for_case(&f, &FollowupRules::default(), t("2026-03-06T17:31:00Z"));
    let e = only(&rs, ReminderKind::EscalatePhone);
    assert_eq!(e.due, t("2026-03-08T16:30:00Z"));
    assert_eq!(e.late_at, t("2026-03-08T17:00:00Z"));
}

#[test]
fn a_reply_or_a_call_ends_the_escalation() {
    let mut f = facts(jd(case_at("2026-11-23T00:00:00Z")));
    f.case.status = CaseStatus::Contacting;
    f.contacts = vec![
        attempt(
            1,
            "2026-11-23T01:00:00Z",
            ContactChannel::PlatformIm,
            ContactOutcome::NoAnswer,
        ),
        attempt(
            2,
            "2026-11-23T05:00:00Z",
            ContactChannel::PlatformIm,
            ContactOutcome::Replied,
        ),
    ];
    let now = t("2026-11-30T00:00:00Z");
    assert!(reminders_for_case(&f, &FollowupRules::default(), now).is_empty());
    // Silence after the reply counts from the new message, not from the first one.
    f.contacts.push(attempt(
        3,
        "2026-11-24T01:00:00Z",
        ContactChannel::PlatformIm,
        ContactOutcome::NoAnswer,
    ));
    let rs = reminders_for_case(&f, &FollowupRules::default(), now);
    assert_eq!(
        only(&rs, ReminderKind::EscalatePhone).due,
        t("2026-11-26T04:00:00Z")
    );
    f.contacts.push(attempt(
        4,
        "2026-11-26T04:05:00Z",
        ContactChannel::Phone,
        ContactOutcome::Refused,
    ));
    assert!(reminders_for_case(&f, &FollowupRules::default(), now).is_empty());
    f.contacts.push(attempt(
        5,
        "2026-11-26T05:00:00Z",
        ContactChannel::Phone,
        ContactOutcome::Blocked,
    ));
    assert!(reminders_for_case(&f, &FollowupRules::default(), now).is_empty());
}

// ---------------------------------------------------------------- agreed times

#[test]
fn call_later_at_a_time_reminds_at_that_time() {
    let mut f = facts(jd(case_at("2026-11-23T00:00:00Z")));
    f.case.status = CaseStatus::Negotiating;
    let mut a = attempt(
        1,
        "2026-11-23T04:10:00Z",
        ContactChannel::Phone,
        ContactOutcome::CallLater,
    );
    // "Call me at 15:40" — outside any window, but the buyer chose it.
    a.call_back_at = Some(t("2026-11-23T07:40:00Z"));
    f.contacts = vec![a];
    let rs = reminders_for_case(&f, &FollowupRules::default(), t("2026-11-23T04:11:00Z"));
    let c = only(&rs, ReminderKind::CallLater);
    assert_eq!(c.due, t("2026-11-23T07:40:00Z"));
    assert_eq!(c.late_at, t("2026-11-23T08:40:00Z"));
    assert_eq!(c.reason.params["time"], "2026-11-23 15:40");
    // Without a time: the next window.
    f.contacts[0].call_back_at = None;
    let rs = reminders_for_case(&f, &FollowupRules::default(), t("2026-11-23T04:11:00Z"));
    let cb = only(&rs, ReminderKind::Callback);
    assert_eq!(cb.due, t("2026-11-23T10:00:00Z"));
    assert_eq!(cb.reason.code, "callback.asked_later");
}

#[test]
fn agreed_review_update_time_is_checked_then() {
    let mut f = facts(jd(case_at("2026-11-23T00:00:00Z")));
    f.case.status = CaseStatus::WaitingUpdate;
    let mut a = attempt(
        1,
        "2026-11-23T10:30:00Z",
        ContactChannel::Phone,
        ContactOutcome::Agreed,
    );
    a.agreed_update_at = Some(t("2026-11-24T12:00:00Z"));
    f.contacts = vec![a];
    let now = t("2026-11-23T11:00:00Z");
    let rs = reminders_for_case(&f, &FollowupRules::default(), now);
    let c = only(&rs, ReminderKind::CheckReviewUpdate);
    assert_eq!(c.due, t("2026-11-24T12:00:00Z"));
    assert_eq!(c.late_at, t("2026-11-25T12:00:00Z"));
    // A message in between (sending the coupon) does not cancel the check…
    f.contacts.push(attempt(
        2,
        "2026-11-23T12:00:00Z",
        ContactChannel::PlatformIm,
        ContactOutcome::Replied,
    ));
    assert_eq!(
        kinds(&reminders_for_case(&f, &FollowupRules::default(), now)),
        [ReminderKind::CheckReviewUpdate]
    );
    // …contact after the agreed time means the owner followed up.
    f.contacts.push(attempt(
        3,
        "2026-11-24T13:00:00Z",
        ContactChannel::PlatformIm,
        ContactOutcome::Replied,
    ));
    assert!(reminders_for_case(&f, &FollowupRules::default(), now).is_empty());
}

// ---------------------------------------------------------------- revisit

#[test]
fn revisit_seven_days_after_resolution_until_done() {
    let mut f = facts(jd(case_at("2026-11-01T00:00:00Z")));
    f.case.status = CaseStatus::Resolved;
    f.resolved_at = Some(t("2026-11-10T06:00:00Z"));
    f.contacts = vec![attempt(
        1,
        "2026-11-02T01:00:00Z",
        ContactChannel::Phone,
        ContactOutcome::Agreed,
    )];
    let rs = reminders_for_case(&f, &FollowupRules::default(), t("2026-11-11T00:00:00Z"));
    let r = only(&rs, ReminderKind::Revisit);
    assert_eq!(r.due, t("2026-11-17T06:00:00Z"));
    assert_eq!(r.reason.params["days"], "7");
    f.contacts.push(attempt(
        2,
        "2026-11-17T06:30:00Z",
        ContactChannel::Phone,
        ContactOutcome::Replied,
    ));
    assert!(
        reminders_for_case(&f, &FollowupRules::default(), t("2026-11-18T00:00:00Z")).is_empty()
    );
    f.case.status = CaseStatus::Closed;
    f.contacts.pop();
    assert!(
        reminders_for_case(&f, &FollowupRules::default(), t("2026-11-18T00:00:00Z")).is_empty()
    );
}

// ---------------------------------------------------------------- promises

fn commitment(kind: CommitmentKind, ref_id: i64, due: &str) -> Commitment {
    Commitment {
        case_id: 7,
        kind,
        ref_id,
        label: "部分退款 ¥20.00".into(),
        due_at: t(due),
    }
}

#[test]
fn promises_and_remedies_are_due_at_their_time_even_on_closed_cases() {
    let mut f = facts(jd(case_at("2026-11-01T00:00:00Z")));
    f.case.status = CaseStatus::Closed;
    f.commitments = vec![
        commitment(CommitmentKind::Remedy, 3, "2026-11-20T10:00:00Z"),
        commitment(CommitmentKind::Promise, 3, "2026-11-20T10:00:00Z"),
        Commitment {
            case_id: 8,
            ..commitment(CommitmentKind::Promise, 4, "2026-11-20T10:00:00Z")
        },
    ];
    let rs = reminders_for_case(&f, &FollowupRules::default(), t("2026-11-19T00:00:00Z"));
    assert_eq!(rs.len(), 2, "{rs:#?}");
    assert!(rs.iter().all(|r| r.kind == ReminderKind::PromiseDue));
    let subjects: Vec<&str> = rs.iter().map(|r| r.subject.as_str()).collect();
    assert_eq!(subjects, ["promise:3", "remedy:3"]);
    assert_eq!(rs[1].reason.code, "promise_due.remedy");
    assert!(rs[1].reason.zh.contains("部分退款"));
    assert_eq!(rs[0].late_at, t("2026-11-20T11:00:00Z"));
}

// ---------------------------------------------------------------- platform deadlines

#[test]
fn taobao_explanation_reminder_three_days_before_it_closes() {
    let mut f = facts(case_at("2026-11-01T04:00:00Z"));
    f.case.status = CaseStatus::Contacting;
    f.contacts = vec![attempt(
        1,
        "2026-11-01T05:00:00Z",
        ContactChannel::PlatformIm,
        ContactOutcome::Replied,
    )];
    let rs = reminders_for_case(&f, &FollowupRules::default(), t("2026-11-02T00:00:00Z"));
    let e = only(&rs, ReminderKind::ExplanationDeadline);
    assert_eq!(e.due, t("2026-11-28T04:00:00Z"));
    assert_eq!(e.late_at, t("2026-12-01T04:00:00Z"));
    assert_eq!(e.expires_at, Some(t("2026-12-01T04:00:00Z")));
    assert_eq!(e.reason.params["deadline"], "2026-12-01");
    // Closed: nothing to remind of any more.
    assert!(
        reminders_for_case(&f, &FollowupRules::default(), t("2026-12-01T04:00:00Z")).is_empty()
    );
    // Tmall too; JD never; an explanation or a buyer follow-up ends it.
    f.case.platform = Platform::Tmall;
    assert_eq!(
        reminders_for_case(&f, &FollowupRules::default(), t("2026-11-02T00:00:00Z")).len(),
        1
    );
    f.case.follow_up_text = Some("追评：还是漏水".into());
    assert!(
        reminders_for_case(&f, &FollowupRules::default(), t("2026-11-02T00:00:00Z")).is_empty()
    );
    f.case.follow_up_text = None;
    f.case.seller_reply = Some("已为您更换新品".into());
    assert!(
        reminders_for_case(&f, &FollowupRules::default(), t("2026-11-02T00:00:00Z")).is_empty()
    );
}

#[test]
fn malicious_reviews_get_an_appeal_deadline_until_an_appeal_is_recorded() {
    let mut f = facts(jd(case_at("2026-11-01T04:00:00Z")));
    f.case.status = CaseStatus::Negotiating;
    f.case.primary_cause = Cause::Malicious;
    let now = t("2026-11-02T00:00:00Z");
    let rs = reminders_for_case(&f, &FollowupRules::default(), now);
    let a = only(&rs, ReminderKind::AppealDeadline);
    assert_eq!(a.due, t("2026-11-28T04:00:00Z"));
    assert_eq!(a.expires_at, Some(t("2026-12-01T04:00:00Z")));
    assert_eq!(a.reason.code, "appeal_deadline");
    f.case.primary_cause = Cause::Misattributed;
    assert_eq!(
        reminders_for_case(&f, &FollowupRules::default(), now).len(),
        1
    );
    // A draft appeal in the ledger brings its own deadline instead.
    f.commitments = vec![commitment(
        CommitmentKind::Appeal,
        9,
        "2026-11-30T16:00:00Z",
    )];
    let rs = reminders_for_case(&f, &FollowupRules::default(), now);
    let a = only(&rs, ReminderKind::AppealDeadline);
    assert_eq!(a.subject, "appeal:9");
    assert_eq!(a.reason.code, "appeal_deadline.filed");
    assert_eq!(a.due, t("2026-11-27T16:00:00Z"));
    // Submitted (no longer a commitment, but on record): nothing more to remind.
    f.commitments.clear();
    f.has_appeal = true;
    assert!(reminders_for_case(&f, &FollowupRules::default(), now).is_empty());
    // Other causes: no appeal reminder.
    f.has_appeal = false;
    f.case.primary_cause = Cause::Logistics;
    assert!(reminders_for_case(&f, &FollowupRules::default(), now).is_empty());
}

#[test]
fn plan_does_not_depend_on_the_clock() {
    let f = facts(case_at("2026-11-01T04:00:00Z"));
    let all = plan_case(&f, &FollowupRules::default());
    for now in [
        "2026-10-01T00:00:00Z",
        "2026-11-15T00:00:00Z",
        "2027-01-01T00:00:00Z",
    ] {
        let live = reminders_for_case(&f, &FollowupRules::default(), t(now));
        assert!(live.iter().all(|r| all.contains(r)));
    }
    assert_eq!(all.len(), 3);
}

// ---------------------------------------------------------------- rules storage

#[test]
fn rules_default_validate_and_persist() {
    let mut conn = open_in_memory().unwrap();
    assert_eq!(load_rules(&conn).unwrap(), FollowupRules::default());
    let r = FollowupRules {
        windows: vec![
            WindowRule {
                start: "18:30".into(),
                end: "20:00".into(),
            },
            WindowRule {
                start: "9:00".into(),
                end: "10:00".into(),
            },
        ],
        ..FollowupRules::default()
    };
    let saved = save_rules(&mut conn, &r).unwrap();
    assert_eq!(saved.windows[0].start, "09:00");
    assert_eq!(load_rules(&conn).unwrap(), saved);

    let bad = |f: &dyn Fn(&mut FollowupRules)| {
        let mut r = FollowupRules::default();
        f(&mut r);
        save_rules(&mut conn_for_bad(), &r).unwrap_err().code()
    };
    assert_eq!(
        bad(&|r| r.windows[0].end = "11:00".into()),
        "validation.window_order"
    );
    assert_eq!(
        bad(&|r| r.windows[1].start = "12:30".into()),
        "validation.window_overlap"
    );
    assert_eq!(
        bad(&|r| r.windows[0].start = "noon".into()),
        "validation.time_format"
    );
    assert_eq!(
        bad(&|r| r.default_tz = "Mars/Olympus".into()),
        "validation.unknown_timezone"
    );
    assert_eq!(
        bad(&|r| r.first_response_warning_hours = 24),
        "validation.range"
    );
    assert_eq!(bad(&|r| r.escalate_after_days = 0), "validation.range");
}

fn conn_for_bad() -> Connection {
    open_in_memory().unwrap()
}

#[test]
fn damaged_rules_fall_back_to_defaults() {
    let conn = open_in_memory().unwrap();
    conn.execute(
        "INSERT INTO settings(key, value) VALUES (?1, '{oops')",
        [RULES_KEY],
    )
    .unwrap();
    assert_eq!(load_rules(&conn).unwrap(), FollowupRules::default());
}

// ---------------------------------------------------------------- database

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

#[test]
fn logging_a_contact_writes_history_and_moves_new_to_contacting() {
    let mut conn = open_in_memory().unwrap();
    let now = t("2026-11-23T04:10:00Z");
    let c = new_case(&mut conn, "jd", "2026-11-23T02:00:00Z", now);
    let mut input = contact(c.id, ContactChannel::Phone, ContactOutcome::NoAnswer);
    input.note = Some("  关机  ".into());
    let a = log_contact(&mut conn, &input, "小王", now).unwrap();
    assert_eq!(a.note.as_deref(), Some("关机"));
    assert_eq!(a.at, now);
    assert_eq!(a.actor, "小王");
    assert_eq!(
        cases::get(&conn, c.id).unwrap().status,
        CaseStatus::Contacting
    );
    let h = cases::history(&conn, c.id).unwrap();
    let kinds: Vec<&str> = h.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["created", "status", "contact"]);
    assert_eq!(h[2].new_value.as_deref(), Some("no_answer"));
    assert_eq!(
        h[2].detail.new.as_ref().and_then(|p| p.channel.as_deref()),
        Some("phone")
    );
    // A second attempt leaves the status alone.
    log_contact(
        &mut conn,
        &contact(c.id, ContactChannel::Sms, ContactOutcome::NoAnswer),
        "小王",
        now,
    )
    .unwrap();
    assert_eq!(cases::history(&conn, c.id).unwrap().len(), 4);
    assert_eq!(list_contacts(&conn, c.id).unwrap().len(), 2);
}

#[test]
fn contact_validation_names_the_field() {
    let mut conn = open_in_memory().unwrap();
    let now = t("2026-11-23T04:10:00Z");
    let c = new_case(&mut conn, "jd", "2026-11-23T02:00:00Z", now);
    let mut i = contact(c.id, ContactChannel::Phone, ContactOutcome::NoAnswer);
    i.call_back_at = Some(now + Duration::hours(2));
    let e = log_contact(&mut conn, &i, "a", now).unwrap_err();
    assert_eq!(e.code(), "validation.time_needs_outcome");
    let mut i = contact(c.id, ContactChannel::Phone, ContactOutcome::CallLater);
    i.call_back_at = Some(now - Duration::hours(2));
    let e = log_contact(&mut conn, &i, "a", now).unwrap_err();
    assert_eq!(e.code(), "validation.not_after_contact");
    let mut i = contact(c.id, ContactChannel::Phone, ContactOutcome::Agreed);
    i.at = Some(now + Duration::hours(1));
    assert_eq!(
        log_contact(&mut conn, &i, "a", now).unwrap_err().code(),
        "validation.future_time"
    );
    let i = contact(999, ContactChannel::Phone, ContactOutcome::Agreed);
    assert_eq!(
        log_contact(&mut conn, &i, "a", now).unwrap_err().code(),
        "not_found"
    );
    // Nothing was written by the refused attempts.
    assert!(list_contacts(&conn, c.id).unwrap().is_empty());
    assert_eq!(cases::get(&conn, c.id).unwrap().status, CaseStatus::New);
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

#[test]
fn sync_materialises_only_what_changed_and_is_idempotent() {
    let mut conn = open_in_memory().unwrap();
    let now = t("2026-11-23T03:00:00Z");
    let a = new_case(&mut conn, "taobao", "2026-11-23T02:00:00Z", now);
    let b = new_case(&mut conn, "jd", "2026-11-23T02:30:00Z", now);
    let rep = sync(&mut conn, now).unwrap();
    assert_eq!(rep.recomputed_cases, 2);
    assert_eq!(rep.inserted, 5, "{:?}", stored(&conn));
    assert_eq!(sync(&mut conn, now).unwrap(), SyncReport::default());
    // A contact on one case recomputes that case only.
    let later = t("2026-11-23T04:10:00Z");
    log_contact(
        &mut conn,
        &contact(b.id, ContactChannel::Phone, ContactOutcome::NoAnswer),
        "a",
        later,
    )
    .unwrap();
    let rep = sync(&mut conn, later).unwrap();
    assert_eq!(rep.recomputed_cases, 1);
    assert_eq!((rep.inserted, rep.removed), (1, 2));
    let rows = stored(&conn);
    assert!(rows.contains(&(b.id, "callback".into(), t("2026-11-23T10:00:00Z"))));
    assert!(!rows
        .iter()
        .any(|r| r.0 == b.id && r.1.starts_with("first_response")));
    assert_eq!(rows.iter().filter(|r| r.0 == a.id).count(), 3);
    // Status moves recompute too (via the cases trigger).
    cases::set_status(&mut conn, a.id, CaseStatus::Closed, None, "a", later).unwrap();
    let rep = sync(&mut conn, later).unwrap();
    assert_eq!((rep.recomputed_cases, rep.removed), (1, 3));
}

#[test]
fn rules_change_recomputes_everything() {
    let mut conn = open_in_memory().unwrap();
    let now = t("2026-11-23T04:10:00Z");
    let c = new_case(&mut conn, "jd", "2026-11-23T02:00:00Z", now);
    log_contact(
        &mut conn,
        &contact(c.id, ContactChannel::Phone, ContactOutcome::NoAnswer),
        "a",
        now,
    )
    .unwrap();
    sync(&mut conn, now).unwrap();
    let rules = FollowupRules {
        windows: vec![WindowRule {
            start: "19:00".into(),
            end: "21:00".into(),
        }],
        ..FollowupRules::default()
    };
    save_rules(&mut conn, &rules).unwrap();
    let rep = sync(&mut conn, now).unwrap();
    assert_eq!(rep.recomputed_cases, 1);
    assert_eq!(
        stored(&conn),
        [(c.id, "callback".to_string(), t("2026-11-23T11:00:00Z"))]
    );
}

#[test]
fn take_due_fires_each_occurrence_once_and_keeps_its_record() {
    let mut conn = open_in_memory().unwrap();
    let t0 = t("2026-11-23T02:00:00Z");
    let c = new_case(&mut conn, "jd", "2026-11-23T02:00:00Z", t0);
    let tk = tick(&mut conn, t0).unwrap();
    assert!(tk.fired.is_empty());
    assert_eq!(tk.next_wake, Some(t("2026-11-23T22:00:00Z")));
    assert_eq!(next_wake(&conn).unwrap(), tk.next_wake);

    let t1 = t("2026-11-23T22:00:03Z");
    let tk = tick(&mut conn, t1).unwrap();
    assert_eq!(tk.fired.total, 1);
    assert!(!tk.fired.catch_up);
    let item = &tk.fired.items[0];
    assert_eq!(tk.fired.only_case(), Some(item.case_id));
    assert_eq!(item.kind, ReminderKind::FirstResponseWarning);
    assert_eq!(item.fired_at, Some(t1));
    assert_eq!(item.product, "电热水壶");
    assert!(tk.fired.summary_en.starts_with("电热水壶: 4 h left"));
    assert_eq!(tk.next_wake, Some(t("2026-11-24T02:00:00Z")));
    // Again at the same moment, and a bit later: nothing new.
    assert!(take_due(&mut conn, t1).unwrap().is_empty());
    assert!(tick(&mut conn, t1 + Duration::minutes(30))
        .unwrap()
        .fired
        .is_empty());

    // The owner answers in time: the fired warning is kept as history, cleared.
    log_contact(
        &mut conn,
        &contact(c.id, ContactChannel::PlatformIm, ContactOutcome::Replied),
        "a",
        t("2026-11-23T23:00:00Z"),
    )
    .unwrap();
    let tk = tick(&mut conn, t("2026-11-23T23:00:00Z")).unwrap();
    assert_eq!((tk.sync.cleared, tk.sync.removed), (1, 1));
    assert_eq!(tk.next_wake, None);
    let (fired_at, cleared_at): (Option<DateTime<Utc>>, Option<DateTime<Utc>>) = conn
        .query_row(
            "SELECT fired_at, cleared_at FROM reminders WHERE kind = 'first_response_warning'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(fired_at, Some(t1));
    assert_eq!(cleared_at, Some(t("2026-11-23T23:00:00Z")));
}

#[test]
fn catch_up_after_sleep_is_one_batch_and_moot_warnings_are_not_fired() {
    let mut conn = open_in_memory().unwrap();
    let t0 = t("2026-11-23T02:00:00Z");
    let mut ids = Vec::new();
    for i in 0..3 {
        let c = new_case(&mut conn, "jd", "2026-11-23T02:00:00Z", t0);
        let mut input = contact(c.id, ContactChannel::Phone, ContactOutcome::NoAnswer);
        input.at = Some(t0 + Duration::minutes(i));
        log_contact(&mut conn, &input, "a", t0 + Duration::minutes(i)).unwrap();
        ids.push(c.id);
    }
    let fresh = new_case(&mut conn, "jd", "2026-11-23T02:00:00Z", t0);
    crate::remedies::add_promise(
        &mut conn,
        ids[0],
        &crate::remedies::PromiseInput {
            text: "明天寄出补发".into(),
            due_at: Some(t("2026-11-23T09:00:00Z")),
            note: String::new(),
        },
        "a",
        t0,
    )
    .unwrap();
    tick(&mut conn, t0).unwrap();
    // The laptop sleeps for a day and a half.
    let wake = t("2026-11-24T14:00:00Z");
    let tk = tick(&mut conn, wake).unwrap();
    let f = &tk.fired;
    assert!(f.catch_up);
    assert_eq!(f.total, 5, "{:#?}", f.counts);
    assert_eq!(
        f.only_case(),
        None,
        "several cases: the notification opens Today"
    );
    assert_eq!(
        f.summary_en,
        "3 call-backs, 1 promise and 1 first reply are due"
    );
    assert_eq!(f.summary_zh, "3 个回电、1 个承诺、1 个首次回复到期");
    assert!(f
        .items
        .iter()
        .any(|i| i.case_id == fresh.id && i.kind == ReminderKind::FirstResponse));
    // The warning for `fresh` fell due while asleep but its deadline passed too: retired.
    let superseded: i64 = conn
        .query_row(
            "SELECT count(*) FROM reminders WHERE superseded_at IS NOT NULL AND fired_at IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(superseded, 1);
    assert!(tick(&mut conn, wake).unwrap().fired.is_empty());
}

#[test]
fn snooze_fires_again_once_at_the_chosen_time() {
    let mut conn = open_in_memory().unwrap();
    let t0 = t("2026-11-23T04:10:00Z");
    let c = new_case(&mut conn, "jd", "2026-11-23T02:00:00Z", t0);
    log_contact(
        &mut conn,
        &contact(c.id, ContactChannel::Phone, ContactOutcome::NoAnswer),
        "a",
        t0,
    )
    .unwrap();
    tick(&mut conn, t0).unwrap();
    let at = t("2026-11-23T10:00:00Z");
    let fired = tick(&mut conn, at).unwrap().fired;
    assert_eq!(fired.total, 1);
    let id = fired.items[0].id;

    let s = snooze(&conn, id, Snooze::Minutes15, at).unwrap();
    assert_eq!(s.snoozed_until, Some(at + Duration::minutes(15)));
    assert_eq!(next_wake(&conn).unwrap(), s.snoozed_until);
    // Not in "due" while snoozed, back afterwards.
    assert!(due_at(&mut conn, at + Duration::minutes(5))
        .unwrap()
        .is_empty());
    assert!(tick(&mut conn, at + Duration::minutes(14))
        .unwrap()
        .fired
        .is_empty());
    let again = tick(&mut conn, at + Duration::minutes(15)).unwrap().fired;
    assert_eq!(again.total, 1);
    assert_eq!(again.items[0].fire_count, 2);
    assert!(tick(&mut conn, at + Duration::minutes(16))
        .unwrap()
        .fired
        .is_empty());

    let h = snooze(&conn, id, Snooze::Hour1, at).unwrap();
    assert_eq!(h.snoozed_until, Some(at + Duration::hours(1)));
    // Next window after 18:00 Beijing is tomorrow 12:00 = 04:00Z.
    let w = snooze(&conn, id, Snooze::NextWindow, at).unwrap();
    assert_eq!(w.snoozed_until, Some(t("2026-11-24T04:00:00Z")));
    // Tomorrow morning 09:00 in the owner's zone (Shanghai by default) = 01:00Z.
    let m = snooze(&conn, id, Snooze::Tomorrow, at).unwrap();
    assert_eq!(m.snoozed_until, Some(t("2026-11-24T01:00:00Z")));
    assert_eq!(
        snooze(&conn, 999, Snooze::Hour1, at).unwrap_err().code(),
        "not_found"
    );
}

#[test]
fn dismissed_reminders_are_neither_listed_nor_fired() {
    let mut conn = open_in_memory().unwrap();
    let t0 = t("2026-11-23T02:00:00Z");
    new_case(&mut conn, "jd", "2026-11-23T02:00:00Z", t0);
    sync(&mut conn, t0).unwrap();
    let items = due_at(&mut conn, t("2026-11-23T23:00:00Z")).unwrap();
    assert_eq!(items.len(), 1);
    dismiss(&conn, items[0].id, t0).unwrap();
    assert!(due_at(&mut conn, t("2026-11-23T23:00:00Z"))
        .unwrap()
        .is_empty());
    let f = take_due(&mut conn, t("2026-11-23T23:00:00Z")).unwrap();
    assert!(f.is_empty());
    assert_eq!(
        dismiss(&conn, items[0].id, t0).unwrap_err().code(),
        "validation.reminder_closed"
    );
}

#[test]
fn looking_ahead_with_due_at_does_not_disturb_the_scheduler() {
    let mut conn = open_in_memory().unwrap();
    let t0 = t("2026-11-23T02:00:00Z");
    new_case(&mut conn, "taobao", "2026-11-23T02:00:00Z", t0);
    // The CLI asks what is due in 40 days: only the open breach (the explanation closed).
    let ahead = due_at(&mut conn, t0 + Duration::days(40)).unwrap();
    let kinds: Vec<ReminderKind> = ahead.iter().map(|i| i.kind).collect();
    assert_eq!(kinds, [ReminderKind::FirstResponse]);
    // The scheduler, living in the present, still fires the warning when it falls due.
    let f = tick(&mut conn, t("2026-11-23T22:00:00Z")).unwrap().fired;
    assert_eq!(f.items[0].kind, ReminderKind::FirstResponseWarning);
}

#[test]
fn today_groups_due_window_overdue_and_coming_up() {
    let mut conn = open_in_memory().unwrap();
    let setup = t("2026-11-23T00:30:00Z");
    // An old case whose first reply is overdue.
    let old = new_case(&mut conn, "jd", "2026-11-20T00:00:00Z", setup);
    // A call that failed this morning (Beijing): call-back in today's noon window.
    let called = new_case(&mut conn, "jd", "2026-11-22T00:00:00Z", setup);
    let mut i = contact(called.id, ContactChannel::Phone, ContactOutcome::NoAnswer);
    i.at = Some(t("2026-11-23T01:00:00Z"));
    log_contact(&mut conn, &i, "a", t("2026-11-23T01:00:00Z")).unwrap();
    // A promise due in an hour and one due five minutes ago.
    let promised = new_case(&mut conn, "jd", "2026-11-22T00:00:00Z", setup);
    log_contact(
        &mut conn,
        &contact(
            promised.id,
            ContactChannel::PlatformIm,
            ContactOutcome::Replied,
        ),
        "a",
        t("2026-11-22T01:00:00Z"),
    )
    .unwrap();
    for (text, due) in [
        ("退款 ¥20", "2026-11-23T04:25:00Z"),
        ("补发", "2026-11-23T05:30:00Z"),
    ] {
        crate::remedies::add_promise(
            &mut conn,
            promised.id,
            &crate::remedies::PromiseInput {
                text: text.into(),
                due_at: Some(t(due)),
                note: String::new(),
            },
            "a",
            setup,
        )
        .unwrap();
    }
    // 12:30 Beijing on Monday.
    let now = t("2026-11-23T04:30:00Z");
    let v = today(&mut conn, now).unwrap();
    let ids = |items: &[DueItem]| -> Vec<(i64, ReminderKind)> {
        items.iter().map(|i| (i.case_id, i.kind)).collect()
    };
    assert_eq!(ids(&v.in_window), [(called.id, ReminderKind::Callback)]);
    assert_eq!(ids(&v.due_now), [(promised.id, ReminderKind::PromiseDue)]);
    assert_eq!(ids(&v.overdue), [(old.id, ReminderKind::FirstResponse)]);
    assert_eq!(ids(&v.coming_up), [(promised.id, ReminderKind::PromiseDue)]);
    assert_eq!(v.counts.in_window, 1);
    assert_eq!(v.counts.overdue, 1);
    assert!(v.counts.tooltip_en.contains("2 due now"));
    assert!(v.counts.tooltip_zh.contains("2 项待办"));
    assert_eq!(v.current_window.unwrap().start, t("2026-11-23T04:00:00Z"));
    assert_eq!(v.next_window.unwrap().start, t("2026-11-23T10:00:00Z"));
    // Snoozing the call moves it to "coming up".
    let id = v.in_window[0].id;
    snooze(&conn, id, Snooze::Hour1, now).unwrap();
    let v = today(&mut conn, now).unwrap();
    assert!(v.in_window.is_empty());
    assert_eq!(v.counts.snoozed, 1);
    assert_eq!(v.coming_up.len(), 2);
}

#[test]
fn case_reminders_and_fresh_computation_agree() {
    let mut conn = open_in_memory().unwrap();
    let now = t("2026-11-23T03:00:00Z");
    let c = new_case(&mut conn, "taobao", "2026-11-23T02:00:00Z", now);
    let stored = case_reminders(&mut conn, c.id, now).unwrap();
    let fresh = reminders_for_case_id(&conn, c.id, now).unwrap();
    let a: Vec<(ReminderKind, DateTime<Utc>)> = stored.iter().map(|i| (i.kind, i.due)).collect();
    let b: Vec<(ReminderKind, DateTime<Utc>)> = fresh.iter().map(|r| (r.kind, r.due)).collect();
    assert_eq!(a, b);
    assert_eq!(a.len(), 3);
}

#[test]
fn sync_in_many_chunks_covers_every_case_once() {
    let mut conn = open_in_memory().unwrap();
    let now = t("2026-11-23T03:00:00Z");
    let ids: Vec<i64> = (0..9)
        .map(|_| new_case(&mut conn, "jd", "2026-11-23T02:00:00Z", now).id)
        .collect();
    let rep = sync(&mut conn, now).unwrap();
    assert_eq!(rep.recomputed_cases, 9);
    assert_eq!(rep.inserted, 18);
    for id in &ids {
        let n: i64 = conn
            .query_row(
                "SELECT count(*) FROM reminders WHERE case_id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 2, "case {id}");
    }
    let dirty: i64 = conn
        .query_row(
            "SELECT count(*) FROM followup_case_state WHERE dirty = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(dirty, 0);
    assert_eq!(sync(&mut conn, now).unwrap(), SyncReport::default());
}

#[test]
fn changes_in_the_remedies_ledger_are_noticed_without_a_trigger() {
    let mut conn = open_in_memory().unwrap();
    let t0 = t("2026-11-23T03:00:00Z");
    let c = new_case(&mut conn, "jd", "2026-11-23T02:00:00Z", t0);
    log_contact(
        &mut conn,
        &contact(c.id, ContactChannel::PlatformIm, ContactOutcome::Replied),
        "a",
        t0,
    )
    .unwrap();
    sync(&mut conn, t0).unwrap();
    let promise = crate::remedies::add_promise(
        &mut conn,
        c.id,
        &crate::remedies::PromiseInput {
            text: "周五前退款 ¥20".into(),
            due_at: Some(t("2026-11-27T10:00:00Z")),
            note: String::new(),
        },
        "a",
        t0,
    )
    .unwrap();
    let rep = sync(&mut conn, t0).unwrap();
    assert_eq!((rep.recomputed_cases, rep.inserted), (1, 1));
    let items = case_reminders(&mut conn, c.id, t0).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].kind, ReminderKind::PromiseDue);
    assert_eq!(items[0].subject, format!("promise:{}", promise.id));
    assert!(items[0].reason.zh.contains("周五前退款"));
    let sig = |conn: &Connection| -> String {
        conn.query_row(
            "SELECT commitments_sig FROM followup_case_state WHERE case_id = ?1",
            [c.id],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert!(sig(&conn).contains(&format!("promise:{}", promise.id)));
    // Keeping the promise removes the reminder.
    crate::remedies::set_promise_status(
        &mut conn,
        promise.id,
        crate::remedies::PromiseStatus::Kept,
        "",
        "a",
        t0,
    )
    .unwrap();
    let rep = sync(&mut conn, t0).unwrap();
    assert_eq!((rep.recomputed_cases, rep.removed), (1, 1));
    assert!(case_reminders(&mut conn, c.id, t0).unwrap().is_empty());
    assert_eq!(sig(&conn), "");
    assert_eq!(sync(&mut conn, t0).unwrap(), SyncReport::default());
}
