//! When the buyer is called: call-back windows in their zone (across daylight saving), escalation to a call, agreed times.

use super::*;

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
