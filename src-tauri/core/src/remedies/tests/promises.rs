//! Promises: recorded with a due time, kept or called off, never moved back.

use super::*;

#[test]
fn promises_move_only_forward() {
    let (mut conn, case) = setup();
    let due = t("2026-11-21T07:00:00Z");
    let p = add_promise(
        &mut conn,
        case,
        &PromiseInput {
            text: " 明天下午回电 ".into(),
            due_at: Some(due),
            note: String::new(),
        },
        "t",
        now(),
    )
    .unwrap();
    assert_eq!(p.text, "明天下午回电");
    assert_eq!(p.status, PromiseStatus::Open);
    assert!(!p.overdue);
    assert!(
        get_promise(&conn, p.id, due + Duration::minutes(1))
            .unwrap()
            .overdue
    );
    assert!(
        !get_promise(&conn, p.id, due).unwrap().overdue,
        "due, not yet late"
    );

    let later = t("2026-11-22T07:00:00Z");
    let moved = reschedule_promise(&mut conn, p.id, later, "t", now()).unwrap();
    assert_eq!(moved.due_at, later);
    assert_eq!(events(&conn, case, "promise_due").len(), 1);

    let kept =
        set_promise_status(&mut conn, p.id, PromiseStatus::Kept, "已回电", "t", now()).unwrap();
    assert_eq!(kept.done_at, Some(now()));
    assert!(
        !get_promise(&conn, p.id, later + Duration::days(9))
            .unwrap()
            .overdue
    );
    for to in [
        PromiseStatus::Open,
        PromiseStatus::Cancelled,
        PromiseStatus::Kept,
    ] {
        let e = set_promise_status(&mut conn, p.id, to, "", "t", now()).unwrap_err();
        assert_eq!(e.code(), "invalid_transition", "kept → {to}");
    }
    assert_eq!(
        reschedule_promise(&mut conn, p.id, later, "t", now())
            .unwrap_err()
            .code(),
        "validation.promise_closed"
    );

    let c = add_promise(
        &mut conn,
        case,
        &PromiseInput {
            text: "延长收货时间".into(),
            due_at: Some(due),
            ..Default::default()
        },
        "t",
        now(),
    )
    .unwrap();
    set_promise_status(&mut conn, c.id, PromiseStatus::Cancelled, "", "t", now()).unwrap();
    let e = set_promise_status(&mut conn, c.id, PromiseStatus::Kept, "", "t", now()).unwrap_err();
    assert_eq!(e.code(), "invalid_transition");
    let e = set_promise_status(&mut conn, c.id, PromiseStatus::Open, "", "t", now()).unwrap_err();
    assert_eq!(e.code(), "invalid_transition");

    let e = add_promise(
        &mut conn,
        case,
        &PromiseInput {
            text: "回电".into(),
            ..Default::default()
        },
        "t",
        now(),
    )
    .unwrap_err();
    assert_eq!(e.payload().field.as_deref(), Some("due_at"));
    let e = add_promise(
        &mut conn,
        case,
        &PromiseInput {
            text: "  ".into(),
            due_at: Some(due),
            ..Default::default()
        },
        "t",
        now(),
    )
    .unwrap_err();
    assert_eq!(e.payload().field.as_deref(), Some("text"));

    let flagged = add_promise(
        &mut conn,
        case,
        &PromiseInput {
            text: "好评后返现5元".into(),
            due_at: Some(due),
            ..Default::default()
        },
        "t",
        now(),
    )
    .unwrap();
    assert_eq!(flagged.compliance_flags.len(), 1);
}
