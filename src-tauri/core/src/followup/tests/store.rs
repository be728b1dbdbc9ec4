//! The contact log and the stored reminders: what a sync writes and when it recomputes.

use super::*;

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
