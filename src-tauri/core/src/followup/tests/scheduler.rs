//! Firing reminders: each occurrence once, catching up after sleep, snoozes, dismissals and the Today view.

use super::*;

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
