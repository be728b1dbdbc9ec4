//! The reminder rules at a fixed clock: first response, revisits, promises and platform deadlines.

use super::*;

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
