use super::*;
use crate::appeals::{self, AppealInput, AppealReason, AppealStatus, AppealStatusChange};
use crate::cases::{self, CaseStatus, Cause, NewCase};
use crate::db;
use crate::settings::{self, Settings};
use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

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
    cases::create(conn, &input, "test", t("2026-11-18T03:00:00Z"))
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
        .filter(|e| e.kind == kind)
        .collect()
}

fn no_change() -> RemedyStatusChange {
    RemedyStatusChange::default()
}

#[test]
fn records_a_partial_refund_in_minor_units_and_logs_it() {
    let (mut conn, case) = setup();
    let r = add_remedy(
        &mut conn,
        case,
        &RemedyInput {
            note: "壶底漏水，先退20元".into(),
            due_at: Some(t("2026-11-21T04:00:00Z")),
            ..input(RemedyKind::PartialRefund, "20.00")
        },
        "小王",
        now(),
    )
    .unwrap();
    assert_eq!(r.value_cents, 2_000);
    assert_eq!(r.cost_cents, 2_000);
    assert!(r.cost_is_default);
    assert_eq!(r.currency, "CNY");
    assert_eq!(r.status, RemedyStatus::Proposed);
    assert!(r.compliance_flags.is_empty());
    assert!(!r.overdue);
    assert!(
        get_remedy(&conn, r.id, t("2026-11-22T00:00:00Z"))
            .unwrap()
            .overdue
    );
    let added = events(&conn, case, "remedy_added");
    assert_eq!(added.len(), 1);
    assert_eq!(added[0].actor, "小王");
    assert_eq!(added[0].new_value.as_deref(), Some("partial refund ¥20.00"));
    assert_eq!(added[0].note.as_deref(), Some("壶底漏水，先退20元"));
    assert_eq!(cases::get(&conn, case).unwrap().updated_at, now());
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

#[test]
fn every_remedy_transition_through_the_database() {
    let (mut conn, case) = setup();
    for &from in RemedyStatus::ALL {
        for &to in RemedyStatus::ALL {
            let id = remedy_in(&mut conn, case, from);
            let before_events = cases::history(&conn, case).unwrap().len();
            let res = set_remedy_status(&mut conn, id, to, &no_change(), "t", now());
            let legal = REMEDY_MOVES.contains(&(from, to));
            let after = get_remedy(&conn, id, now()).unwrap();
            if legal {
                let r = res.unwrap();
                assert_eq!(r.status, to);
                assert_eq!(after.status, to);
                let h = cases::history(&conn, case).unwrap();
                assert_eq!(h.len(), before_events + 1);
                let last = h.last().unwrap();
                assert_eq!(last.kind, "remedy_status");
                assert_eq!(last.old_value.as_deref(), Some(from.as_str()));
                assert_eq!(last.new_value.as_deref(), Some(to.as_str()));
            } else {
                let e = res.unwrap_err();
                assert!(
                    matches!(e, crate::CoreError::InvalidTransition { .. }),
                    "{from} → {to}: {e}"
                );
                assert_eq!(after.status, from, "nothing written");
                assert_eq!(cases::history(&conn, case).unwrap().len(), before_events);
            }
        }
    }
}

#[test]
fn delivery_keeps_its_time_and_reference() {
    let (mut conn, case) = setup();
    let id = remedy_in(&mut conn, case, RemedyStatus::Accepted);
    let at = t("2026-11-20T06:30:00Z");
    let r = set_remedy_status(
        &mut conn,
        id,
        RemedyStatus::Delivered,
        &RemedyStatusChange {
            reference: " TK20261120001 ".into(),
            delivered_at: Some(at),
            note: "支付宝原路退回".into(),
        },
        "t",
        now(),
    )
    .unwrap();
    assert_eq!(r.delivered_at, Some(at));
    assert_eq!(r.reference.as_deref(), Some("TK20261120001"));
    assert!(!r.overdue);
    let last = cases::history(&conn, case).unwrap().pop().unwrap();
    assert_eq!(last.note.as_deref(), Some("支付宝原路退回"));

    let early = remedy_in(&mut conn, case, RemedyStatus::Proposed);
    let e = set_remedy_status(
        &mut conn,
        early,
        RemedyStatus::Delivered,
        &RemedyStatusChange {
            delivered_at: Some(t("2020-01-01T00:00:00Z")),
            ..no_change()
        },
        "t",
        now(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "validation.range");
}

#[test]
fn input_is_checked_field_by_field() {
    let (mut conn, case) = setup();
    let mut bad = |i: RemedyInput| add_remedy(&mut conn, case, &i, "t", now()).unwrap_err();
    let e = bad(RemedyInput::default());
    assert_eq!(
        (e.code(), e.payload().field.as_deref()),
        ("validation.required", Some("kind"))
    );
    let e = bad(RemedyInput {
        currency: "RMB".into(),
        ..input(RemedyKind::PartialRefund, "5")
    });
    assert_eq!(e.code(), "validation.currency");
    let e = bad(input(RemedyKind::PartialRefund, "12.505"));
    assert_eq!(e.code(), "validation.amount");
    let e = bad(input(RemedyKind::PartialRefund, "12,50"));
    assert_eq!(e.code(), "validation.amount");
    let e = bad(input(RemedyKind::PartialRefund, ""));
    assert_eq!(e.code(), "validation.required");
    let e = bad(input(RemedyKind::PartialRefund, "0"));
    assert_eq!(e.code(), "validation.range");
    let e = bad(input(RemedyKind::PartialRefund, "129.01"));
    assert_eq!(e.code(), "validation.exceeds_order");
    assert!(e.to_string().contains("¥129.00"), "{e}");
    let e = bad(input(RemedyKind::Gift, ""));
    assert_eq!(e.payload().field.as_deref(), Some("gift_item"));
    let e = bad(RemedyInput {
        gift_item: "杯子".into(),
        quantity: Some(0),
        ..input(RemedyKind::Gift, "5")
    });
    assert_eq!(e.code(), "validation.range");
    let e = bad(RemedyInput {
        coupon_percent: "120".into(),
        ..input(RemedyKind::Coupon, "")
    });
    assert_eq!(e.code(), "validation.percent");
    let e = add_remedy(&mut conn, 999, &input(RemedyKind::Points, "1"), "t", now()).unwrap_err();
    assert_eq!(e.code(), "not_found");
    assert!(list_remedies(&conn, Some(case), now()).unwrap().is_empty());
}

#[test]
fn kinds_get_their_default_costs() {
    let (mut conn, case) = setup();
    let full = add_remedy(
        &mut conn,
        case,
        &input(RemedyKind::FullRefund, ""),
        "t",
        now(),
    )
    .unwrap();
    assert_eq!((full.value_cents, full.cost_cents), (12_900, 12_900));
    let ret = add_remedy(
        &mut conn,
        case,
        &RemedyInput {
            postage: "12".into(),
            ..input(RemedyKind::ReturnRefund, "")
        },
        "t",
        now(),
    )
    .unwrap();
    assert_eq!(ret.postage_payer, Some(PostagePayer::Shop));
    assert_eq!((ret.value_cents, ret.cost_cents), (12_900, 1_200));
    let pct = add_remedy(
        &mut conn,
        case,
        &RemedyInput {
            coupon_percent: "10%".into(),
            gift_item: "ignored".into(),
            ..input(RemedyKind::Coupon, "")
        },
        "t",
        now(),
    )
    .unwrap();
    assert_eq!(pct.coupon_percent_bp, Some(1_000));
    assert_eq!(pct.gift_item, None, "fields of other kinds are dropped");
    // 10 % of ¥129.00 = ¥12.90 to the buyer; 30 % expected redemption = ¥3.87.
    assert_eq!((pct.value_cents, pct.cost_cents), (1_290, 387));
    assert_eq!(describe(&pct, "zh-CN"), "优惠券 ¥12.90 (10%)");
    let gift = add_remedy(
        &mut conn,
        case,
        &RemedyInput {
            gift_item: "硅胶杯垫".into(),
            quantity: Some(3),
            unit_cost: "2.50".into(),
            ..input(RemedyKind::Gift, "")
        },
        "t",
        now(),
    )
    .unwrap();
    assert_eq!((gift.value_cents, gift.cost_cents), (750, 750));
    assert_eq!(describe(&gift, "en"), "gift ¥7.50 硅胶杯垫 × 3");
    let typed = add_remedy(
        &mut conn,
        case,
        &RemedyInput {
            cost: "3.00".into(),
            ..input(RemedyKind::Coupon, "10")
        },
        "t",
        now(),
    )
    .unwrap();
    assert_eq!(typed.cost_cents, 300);
    assert!(!typed.cost_is_default);
    let usd = add_remedy(
        &mut conn,
        case,
        &RemedyInput {
            currency: "usd".into(),
            ..input(RemedyKind::PartialRefund, "9.99")
        },
        "t",
        now(),
    )
    .unwrap();
    assert_eq!((usd.currency.as_str(), usd.value_cents), ("USD", 999));
}

#[test]
fn edits_recompute_and_the_kind_locks_after_acceptance() {
    let (mut conn, case) = setup();
    let r = add_remedy(
        &mut conn,
        case,
        &input(RemedyKind::Coupon, "10"),
        "t",
        now(),
    )
    .unwrap();
    assert_eq!(r.cost_cents, 300);
    let r2 = update_remedy(
        &mut conn,
        r.id,
        &RemedyInput {
            kind: None,
            value: "20".into(),
            ..Default::default()
        },
        "t",
        now(),
    )
    .unwrap();
    assert_eq!(
        (r2.kind, r2.value_cents, r2.cost_cents),
        (RemedyKind::Coupon, 2_000, 600)
    );
    let edit = events(&conn, case, "remedy_edited").pop().unwrap();
    assert_eq!(edit.old_value.as_deref(), Some("coupon ¥10.00 cost ¥3.00"));
    assert_eq!(edit.new_value.as_deref(), Some("coupon ¥20.00 cost ¥6.00"));
    set_remedy_status(
        &mut conn,
        r.id,
        RemedyStatus::Accepted,
        &no_change(),
        "t",
        now(),
    )
    .unwrap();
    let e = update_remedy(
        &mut conn,
        r.id,
        &input(RemedyKind::PartialRefund, "20"),
        "t",
        now(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "validation.remedy_kind_locked");
    // The real cost becomes known later: still editable.
    let r3 = update_remedy(
        &mut conn,
        r.id,
        &RemedyInput {
            value: "20".into(),
            cost: "4.40".into(),
            ..Default::default()
        },
        "t",
        now(),
    )
    .unwrap();
    assert_eq!(r3.cost_cents, 440);
    assert_eq!(r3.status, RemedyStatus::Accepted);
}

#[test]
fn review_conditioned_remedies_are_flagged_and_logged() {
    let (mut conn, case) = setup();
    let bad = add_remedy(
        &mut conn,
        case,
        &RemedyInput {
            note: "跟买家说好了，改好评退款".into(),
            ..input(RemedyKind::PartialRefund, "10")
        },
        "t",
        now(),
    )
    .unwrap();
    assert_eq!(
        bad.compliance_flags,
        vec![compliance::REWARD_FOR_REVIEW_CHANGE.to_string()]
    );
    // The whole action and the benefit it buys, as the structure reads them.
    assert_eq!(bad.compliance_match.as_deref(), Some("改好评退款"));
    let flag = events(&conn, case, "compliance_flag");
    assert_eq!(flag.len(), 1);
    let fine = add_remedy(
        &mut conn,
        case,
        &RemedyInput {
            terms: "给您带来不便非常抱歉，已为您全额退款，无需退货".into(),
            ..input(RemedyKind::FullRefund, "")
        },
        "t",
        now(),
    )
    .unwrap();
    assert!(fine.compliance_flags.is_empty());
    // Editing the note away clears the flag.
    let cleared = update_remedy(
        &mut conn,
        bad.id,
        &RemedyInput {
            value: "10".into(),
            note: "壶底漏水补偿".into(),
            ..Default::default()
        },
        "t",
        now(),
    )
    .unwrap();
    assert!(cleared.compliance_flags.is_empty());
    let costs = case_costs(&conn, &[case], now()).unwrap();
    assert!(!costs[0].flagged);
}

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

#[test]
fn due_commitments_gather_remedies_promises_and_draft_appeals() {
    let (mut conn, case) = setup();
    let other = new_case(&mut conn, "保温杯", None);
    assert!(due_commitments(&conn).unwrap().is_empty());

    let r = add_remedy(
        &mut conn,
        case,
        &RemedyInput {
            due_at: Some(t("2026-11-22T00:00:00Z")),
            ..input(RemedyKind::PartialRefund, "20")
        },
        "t",
        now(),
    )
    .unwrap();
    let undated = add_remedy(&mut conn, case, &input(RemedyKind::Points, "1"), "t", now()).unwrap();
    let delivered = add_remedy(
        &mut conn,
        case,
        &RemedyInput {
            due_at: Some(t("2026-11-19T00:00:00Z")),
            ..input(RemedyKind::PartialRefund, "1")
        },
        "t",
        now(),
    )
    .unwrap();
    set_remedy_status(
        &mut conn,
        delivered.id,
        RemedyStatus::Delivered,
        &no_change(),
        "t",
        now(),
    )
    .unwrap();
    let p = add_promise(
        &mut conn,
        other,
        &PromiseInput {
            text: "明天下午回电".into(),
            due_at: Some(t("2026-11-21T07:00:00Z")),
            ..Default::default()
        },
        "t",
        now(),
    )
    .unwrap();
    let kept = add_promise(
        &mut conn,
        other,
        &PromiseInput {
            text: "x".into(),
            due_at: Some(t("2026-11-19T07:00:00Z")),
            ..Default::default()
        },
        "t",
        now(),
    )
    .unwrap();
    set_promise_status(&mut conn, kept.id, PromiseStatus::Kept, "", "t", now()).unwrap();
    let a = appeals::create_appeal(
        &mut conn,
        other,
        &AppealInput {
            reason: Some(AppealReason::Extortion),
            ..Default::default()
        },
        "t",
        now(),
    )
    .unwrap();
    let submitted = appeals::create_appeal(
        &mut conn,
        case,
        &AppealInput {
            reason: Some(AppealReason::Competitor),
            ..Default::default()
        },
        "t",
        now(),
    )
    .unwrap();
    appeals::set_appeal_status(
        &mut conn,
        submitted.id,
        AppealStatus::Submitted,
        &AppealStatusChange::default(),
        "t",
        now(),
    )
    .unwrap();

    let due = due_commitments(&conn).unwrap();
    let got: Vec<(CommitmentKind, i64, &str)> = due
        .iter()
        .map(|c| (c.kind, c.ref_id, c.label.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (CommitmentKind::Promise, p.id, "明天下午回电"),
            (CommitmentKind::Remedy, r.id, "部分退款 ¥20.00"),
            (CommitmentKind::Appeal, a.id, "提交申诉（敲诈勒索）"),
        ]
    );
    // Review on 2026-11-18 02:00 UTC → appeal deadline 30 days later.
    assert_eq!(due[2].due_at, t("2026-12-18T02:00:00Z"));
    assert_eq!(due[0].case_id, other);
    assert!(!due[0].is_overdue(now()));
    assert!(due[0].is_overdue(t("2026-11-21T08:00:00Z")));
    assert!(due
        .iter()
        .all(|c| c.ref_id != undated.id || c.kind != CommitmentKind::Remedy));

    settings::save(
        &conn,
        &Settings {
            language: "en".into(),
            ..Settings::default()
        },
    )
    .unwrap();
    let en = due_commitments(&conn).unwrap();
    assert_eq!(en[1].label, "partial refund ¥20.00");
    assert_eq!(en[2].label, "submit appeal (extortion)");
}

#[test]
fn offered_remedy_prefers_what_the_buyer_accepted() {
    let (mut conn, case) = setup();
    assert_eq!(offered_remedy(&conn, case).unwrap(), None);
    let first = add_remedy(
        &mut conn,
        case,
        &RemedyInput {
            terms: "补偿您20元，已走支付宝".into(),
            ..input(RemedyKind::PartialRefund, "20")
        },
        "t",
        now(),
    )
    .unwrap();
    let o = offered_remedy(&conn, case).unwrap().unwrap();
    assert_eq!(o.kind, RemedyKind::PartialRefund);
    assert_eq!(o.value_cents, Some(2_000));
    assert_eq!(o.description, "补偿您20元，已走支付宝");
    add_remedy(
        &mut conn,
        case,
        &RemedyInput {
            postage_payer: Some(PostagePayer::Shop),
            ..input(RemedyKind::ReturnRefund, "")
        },
        "t",
        now(),
    )
    .unwrap();
    let o = offered_remedy(&conn, case).unwrap().unwrap();
    assert_eq!(o.kind, RemedyKind::ReturnRefund, "latest proposal");
    assert_eq!(o.description, "运费店铺承担");
    set_remedy_status(
        &mut conn,
        first.id,
        RemedyStatus::Accepted,
        &no_change(),
        "t",
        now(),
    )
    .unwrap();
    let o = offered_remedy(&conn, case).unwrap().unwrap();
    assert_eq!(o.kind, RemedyKind::PartialRefund, "accepted beats proposed");
    set_remedy_status(
        &mut conn,
        first.id,
        RemedyStatus::Delivered,
        &no_change(),
        "t",
        now(),
    )
    .unwrap();
    assert_eq!(
        offered_remedy(&conn, case).unwrap().unwrap().kind,
        RemedyKind::ReturnRefund
    );
    let promo = add_remedy(
        &mut conn,
        case,
        &input(RemedyKind::PromoPriority, ""),
        "t",
        now(),
    )
    .unwrap();
    set_remedy_status(
        &mut conn,
        promo.id,
        RemedyStatus::Accepted,
        &no_change(),
        "t",
        now(),
    )
    .unwrap();
    let o = offered_remedy(&conn, case).unwrap().unwrap();
    assert_eq!((o.kind, o.value_cents), (RemedyKind::PromoPriority, None));
    assert_eq!(o.description, "");
    let gift = add_remedy(
        &mut conn,
        case,
        &RemedyInput {
            gift_item: "硅胶杯垫".into(),
            quantity: Some(3),
            unit_cost: "2.50".into(),
            ..input(RemedyKind::Gift, "")
        },
        "t",
        now(),
    )
    .unwrap();
    set_remedy_status(
        &mut conn,
        gift.id,
        RemedyStatus::Accepted,
        &no_change(),
        "t",
        now(),
    )
    .unwrap();
    let o = offered_remedy(&conn, case).unwrap().unwrap();
    assert_eq!(
        (o.value_cents, o.description.as_str()),
        (Some(750), "硅胶杯垫 × 3")
    );
}

#[test]
fn closing_records_the_outcome_and_reopening_clears_it() {
    let (mut conn, case) = setup();
    let e = close_case(
        &mut conn,
        case,
        Outcome::ReviewRevised,
        Some(6),
        None,
        "t",
        now(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "validation.range");
    let c = close_case(
        &mut conn,
        case,
        Outcome::ReviewRevised,
        Some(5),
        Some("买家改成了五星"),
        "小王",
        now(),
    )
    .unwrap();
    assert_eq!(c.status, CaseStatus::Closed);
    assert_eq!(c.outcome.as_deref(), Some("review_revised"));
    let res = resolution(&conn, case).unwrap();
    assert_eq!(res.outcome, Some(Outcome::ReviewRevised));
    assert_eq!(res.final_stars, Some(5));
    assert_eq!(res.closed_at, Some(now()));
    let status = events(&conn, case, "status").pop().unwrap();
    assert_eq!(status.new_value.as_deref(), Some("closed"));
    assert_eq!(status.note.as_deref(), Some("买家改成了五星"));
    let out = events(&conn, case, "outcome").pop().unwrap();
    assert_eq!(out.new_value.as_deref(), Some("review_revised (5★)"));

    let e = close_case(&mut conn, case, Outcome::Other, None, None, "t", now()).unwrap_err();
    assert_eq!(e.code(), "invalid_transition");

    let later = now() + Duration::days(2);
    let e = reopen_case(&mut conn, case, CaseStatus::Closed, None, "t", later).unwrap_err();
    assert_eq!(e.code(), "invalid_transition");
    let e = reopen_case(&mut conn, case, CaseStatus::New, None, "t", later).unwrap_err();
    assert_eq!(e.code(), "invalid_transition");
    let c = reopen_case(
        &mut conn,
        case,
        CaseStatus::Negotiating,
        Some("买家又追评了"),
        "t",
        later,
    )
    .unwrap();
    assert_eq!(c.status, CaseStatus::Negotiating);
    assert_eq!(c.outcome, None);
    let res = resolution(&conn, case).unwrap();
    assert_eq!((res.final_stars, res.closed_at), (None, None));
    let reopened = events(&conn, case, "reopened").pop().unwrap();
    assert_eq!(reopened.note.as_deref(), Some("买家又追评了"));
    let cleared = events(&conn, case, "outcome").pop().unwrap();
    assert_eq!(cleared.old_value.as_deref(), Some("review_revised"));
    assert_eq!(cleared.new_value, None);
    let e = reopen_case(&mut conn, case, CaseStatus::Contacting, None, "t", later).unwrap_err();
    assert_eq!(e.code(), "invalid_transition", "already open");

    // Closed through the plain status menu: the outcome can still be recorded.
    cases::set_status(&mut conn, case, CaseStatus::Closed, None, "t", later).unwrap();
    let c = close_case(
        &mut conn,
        case,
        Outcome::BuyerUnreachable,
        None,
        Some("三次未接"),
        "t",
        later,
    )
    .unwrap();
    assert_eq!(c.outcome.as_deref(), Some("buyer_unreachable"));
    assert_eq!(
        events(&conn, case, "outcome")
            .pop()
            .unwrap()
            .note
            .as_deref(),
        Some("三次未接")
    );
    assert_eq!(
        close_case(&mut conn, 404, Outcome::Other, None, None, "t", later)
            .unwrap_err()
            .code(),
        "not_found"
    );
}

#[test]
fn outcomes_that_count_as_recovered() {
    let recovered: Vec<Outcome> = Outcome::ALL
        .iter()
        .copied()
        .filter(|o| o.is_recovered())
        .collect();
    assert_eq!(
        recovered,
        vec![
            Outcome::ReviewRevised,
            Outcome::FollowUpPositive,
            Outcome::RemovedByPlatform
        ]
    );
}

/// Three cases over two months, hand-computed below.
#[test]
fn totals_match_hand_computed_figures() {
    let mut conn = db::open_in_memory().unwrap();
    let kettle = new_case(&mut conn, "电热水壶", Some(12_900));
    let cup = new_case(&mut conn, "保温杯", Some(5_900));
    let mug = new_case(&mut conn, "马克杯", None);
    let at = t("2026-11-18T03:00:00Z");
    cases::set_labels(&mut conn, kettle, Cause::Quality, &[], 2, "t", at).unwrap();
    cases::set_labels(&mut conn, cup, Cause::Logistics, &[], 1, "t", at).unwrap();
    cases::set_labels(&mut conn, mug, Cause::Quality, &[], 1, "t", at).unwrap();

    let mut deliver = |case: i64, i: RemedyInput, when: &str| {
        let r = add_remedy(&mut conn, case, &i, "t", t("2026-03-01T00:00:00Z")).unwrap();
        set_remedy_status(
            &mut conn,
            r.id,
            RemedyStatus::Delivered,
            &RemedyStatusChange {
                delivered_at: Some(t(when)),
                ..no_change()
            },
            "t",
            t(when),
        )
        .unwrap();
        r.id
    };
    // kettle: ¥20 partial refund on 2026-03-31 17:00 UTC = 04-01 01:00 Beijing → April.
    deliver(
        kettle,
        input(RemedyKind::PartialRefund, "20"),
        "2026-03-31T17:00:00Z",
    );
    // kettle: ¥10 coupon (cost ¥3.00) on 04-02 Beijing.
    deliver(
        kettle,
        input(RemedyKind::Coupon, "10"),
        "2026-04-02T02:00:00Z",
    );
    // cup: gift 2 × ¥4.50 + ¥6 postage = ¥15.00 on 04-02 Beijing.
    deliver(
        cup,
        RemedyInput {
            gift_item: "杯刷".into(),
            quantity: Some(2),
            unit_cost: "4.50".into(),
            postage: "6".into(),
            ..input(RemedyKind::Gift, "")
        },
        "2026-04-02T09:00:00Z",
    );
    // mug: ¥8.80 refund on 03-30 Beijing (week 14 starts Mon 03-30) → March.
    deliver(
        mug,
        input(RemedyKind::PartialRefund, "8.80"),
        "2026-03-30T01:00:00Z",
    );
    // mug: $5.00 refund, USD.
    deliver(
        mug,
        RemedyInput {
            currency: "USD".into(),
            ..input(RemedyKind::PartialRefund, "5")
        },
        "2026-04-03T01:00:00Z",
    );
    // Outside the period, and never counted: delivered 2026-05-01 Beijing.
    deliver(
        cup,
        input(RemedyKind::PartialRefund, "1"),
        "2026-04-30T16:30:00Z",
    );
    // Pending: accepted ¥30 on cup; cancelled ones never count.
    let pending = add_remedy(
        &mut conn,
        cup,
        &input(RemedyKind::PartialRefund, "30"),
        "t",
        now(),
    )
    .unwrap();
    set_remedy_status(
        &mut conn,
        pending.id,
        RemedyStatus::Accepted,
        &no_change(),
        "t",
        now(),
    )
    .unwrap();
    let gone = add_remedy(
        &mut conn,
        cup,
        &input(RemedyKind::PartialRefund, "40"),
        "t",
        now(),
    )
    .unwrap();
    set_remedy_status(
        &mut conn,
        gone.id,
        RemedyStatus::Cancelled,
        &no_change(),
        "t",
        now(),
    )
    .unwrap();

    // Outcomes, closed inside the period: kettle revised, cup refused, mug positive
    // follow-up → recovered = 2. Delivered CNY cost on those cases = 2000 + 300 + 1500 +
    // 100 + 880 = 4780.
    close_case(
        &mut conn,
        kettle,
        Outcome::ReviewRevised,
        Some(4),
        None,
        "t",
        t("2026-04-10T00:00:00Z"),
    )
    .unwrap();
    close_case(
        &mut conn,
        cup,
        Outcome::BuyerRefused,
        None,
        None,
        "t",
        t("2026-04-11T00:00:00Z"),
    )
    .unwrap();
    close_case(
        &mut conn,
        mug,
        Outcome::FollowUpPositive,
        None,
        None,
        "t",
        t("2026-04-12T00:00:00Z"),
    )
    .unwrap();

    let from = t("2026-03-29T16:00:00Z"); // 2026-03-30 00:00 Beijing
    let to = t("2026-04-30T16:00:00Z"); // 2026-05-01 00:00 Beijing
    let tot = totals(&conn, from, to, t("2026-04-20T00:00:00Z")).unwrap();
    assert_eq!(tot.tz, "Asia/Shanghai");
    assert_eq!(tot.currencies.len(), 2);
    let cny = &tot.currencies[0];
    assert_eq!(cny.currency, "CNY");
    assert_eq!(cny.spent_cents, 2_000 + 300 + 1_500 + 880);
    assert_eq!(cny.value_cents, 2_000 + 1_000 + 900 + 880);
    assert_eq!(cny.delivered, 4);
    assert_eq!(cny.pending_cents, 3_000);
    let b = |v: &[Bucket]| -> Vec<(String, i64, u32)> {
        v.iter()
            .map(|b| (b.key.clone(), b.cost_cents, b.count))
            .collect()
    };
    assert_eq!(
        b(&cny.by_day),
        vec![
            ("2026-03-30".into(), 880, 1),
            ("2026-04-01".into(), 2_000, 1),
            ("2026-04-02".into(), 1_800, 2),
        ]
    );
    assert_eq!(b(&cny.by_week), vec![("2026-W14".into(), 4_680, 4)]);
    assert_eq!(
        b(&cny.by_month),
        vec![("2026-03".into(), 880, 1), ("2026-04".into(), 3_800, 3)]
    );
    assert_eq!(
        b(&cny.by_kind),
        vec![
            ("partial_refund".into(), 2_880, 2),
            ("gift".into(), 1_500, 1),
            ("coupon".into(), 300, 1),
        ]
    );
    assert_eq!(
        b(&cny.by_product),
        vec![
            ("电热水壶".into(), 2_300, 2),
            ("保温杯".into(), 1_500, 1),
            ("马克杯".into(), 880, 1),
        ]
    );
    assert_eq!(
        b(&cny.by_cause),
        vec![("quality".into(), 3_180, 3), ("logistics".into(), 1_500, 1)]
    );
    // Closed cohort: all three cases; CNY delivered cost on them, including the ¥1 of May.
    assert_eq!(cny.closed_cases_cost_cents, 2_000 + 300 + 1_500 + 100 + 880);
    assert_eq!(tot.closed_cases, 3);
    assert_eq!(tot.recovered_reviews, 2);
    // 4780 / 2 = 2390 fen per recovered review.
    assert_eq!(cny.cost_per_recovered_cents, Some(2_390));
    let usd = &tot.currencies[1];
    assert_eq!((usd.currency.as_str(), usd.spent_cents), ("USD", 500));
    assert_eq!(usd.cost_per_recovered_cents, Some(250));
    let outcomes: Vec<(Outcome, u32)> = tot.outcomes.iter().map(|o| (o.outcome, o.count)).collect();
    assert_eq!(
        outcomes,
        vec![
            (Outcome::ReviewRevised, 1),
            (Outcome::FollowUpPositive, 1),
            (Outcome::BuyerRefused, 1)
        ]
    );
    assert_eq!(tot.overdue.total, 0);

    // A narrower period: only April 2 (Beijing).
    let day = totals(
        &conn,
        t("2026-04-01T16:00:00Z"),
        t("2026-04-02T16:00:00Z"),
        now(),
    )
    .unwrap();
    assert_eq!(day.currencies[0].spent_cents, 1_800);
    assert_eq!(day.closed_cases, 0);
    assert_eq!(day.currencies[0].cost_per_recovered_cents, None);

    // One case only.
    let one = totals_for(
        &conn,
        &TotalsQuery {
            from,
            to,
            case_id: Some(kettle),
            tz: "UTC".into(),
        },
        now(),
    )
    .unwrap();
    assert_eq!(one.currencies.len(), 1);
    assert_eq!(one.currencies[0].spent_cents, 2_300);
    assert_eq!(one.currencies[0].by_day[0].key, "2026-03-31", "UTC buckets");
    assert_eq!(one.currencies[0].cost_per_recovered_cents, Some(2_300));

    let e = totals(&conn, to, from, now()).unwrap_err();
    assert_eq!(e.code(), "validation.range");
    let e = totals_for(
        &conn,
        &TotalsQuery {
            from,
            to,
            case_id: None,
            tz: "Mars/Olympus".into(),
        },
        now(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "validation.timezone");
}

#[test]
fn overdue_counts_and_case_costs() {
    let (mut conn, case) = setup();
    let quiet = new_case(&mut conn, "保温杯", None);
    let r = add_remedy(
        &mut conn,
        case,
        &RemedyInput {
            due_at: Some(t("2026-11-19T00:00:00Z")),
            note: "好评返现".into(),
            ..input(RemedyKind::PartialRefund, "20")
        },
        "t",
        now(),
    )
    .unwrap();
    let d = add_remedy(
        &mut conn,
        case,
        &input(RemedyKind::Coupon, "10"),
        "t",
        now(),
    )
    .unwrap();
    set_remedy_status(
        &mut conn,
        d.id,
        RemedyStatus::Delivered,
        &no_change(),
        "t",
        now(),
    )
    .unwrap();
    add_promise(
        &mut conn,
        case,
        &PromiseInput {
            text: "回电".into(),
            due_at: Some(t("2026-11-20T03:00:00Z")),
            ..Default::default()
        },
        "t",
        now(),
    )
    .unwrap();
    add_promise(
        &mut conn,
        case,
        &PromiseInput {
            text: "补发".into(),
            due_at: Some(t("2026-11-25T03:00:00Z")),
            ..Default::default()
        },
        "t",
        now(),
    )
    .unwrap();
    appeals::create_appeal(
        &mut conn,
        case,
        &AppealInput {
            reason: Some(AppealReason::Fraud),
            deadline_at: Some(t("2026-11-19T00:00:00Z")),
            ..Default::default()
        },
        "t",
        now(),
    )
    .unwrap();
    let o = overdue_counts(&conn, None, now()).unwrap();
    assert_eq!((o.remedies, o.promises, o.appeals, o.total), (1, 1, 1, 3));
    assert_eq!(overdue_counts(&conn, Some(quiet), now()).unwrap().total, 0);

    let costs = case_costs(&conn, &[quiet, case, 777], now()).unwrap();
    assert_eq!(costs.len(), 3, "one row per id asked, in order");
    assert_eq!((costs[2].case_id, costs[2].remedies), (777, 0));
    assert_eq!(costs[0].case_id, quiet);
    assert!(costs[0].amounts.is_empty());
    assert_eq!((costs[0].remedies, costs[0].overdue), (0, 0));
    let c = &costs[1];
    assert_eq!(c.case_id, case);
    assert_eq!(
        c.amounts,
        vec![CaseAmount {
            currency: "CNY".into(),
            spent_cents: 300,
            pending_cents: 2_000
        }]
    );
    assert_eq!((c.remedies, c.open_promises, c.overdue), (2, 2, 3));
    assert!(c.flagged);

    let all = ledger(&conn, &LedgerFilter::default(), now()).unwrap();
    assert_eq!(all.len(), 4);
    // By due time, undated last.
    assert!(matches!(&all[0], LedgerItem::Remedy(x) if x.id == r.id));
    assert!(matches!(&all[1], LedgerItem::Promise(p) if p.text == "回电"));
    assert!(matches!(&all[3], LedgerItem::Remedy(x) if x.id == d.id));
    let late = ledger(
        &conn,
        &LedgerFilter {
            overdue_only: true,
            ..Default::default()
        },
        now(),
    )
    .unwrap();
    assert_eq!(late.len(), 2);
    assert!(late.iter().all(|i| i.overdue()));
    let open = ledger(
        &conn,
        &LedgerFilter {
            open_only: true,
            ..Default::default()
        },
        now(),
    )
    .unwrap();
    assert_eq!(open.len(), 3);
    let none = ledger(
        &conn,
        &LedgerFilter {
            case_id: Some(quiet),
            ..Default::default()
        },
        now(),
    )
    .unwrap();
    assert!(none.is_empty());
}

#[test]
fn preview_shows_what_a_save_would_store_without_writing() {
    let (conn, case) = setup();
    // ¥10 coupon: the default cost is the expected redemption, 30 %.
    let p = preview_remedy(&conn, case, &input(RemedyKind::Coupon, "10")).unwrap();
    assert_eq!(
        (p.value_cents, p.cost_cents, p.default_cost_cents),
        (1_000, 300, 300)
    );
    assert!(p.cost_is_default);
    assert_eq!(p.currency, "CNY");
    // A typed cost wins; the default is still shown beside it.
    let typed = RemedyInput {
        cost: "4.50".into(),
        ..input(RemedyKind::Coupon, "10")
    };
    let p = preview_remedy(&conn, case, &typed).unwrap();
    assert_eq!((p.cost_cents, p.default_cost_cents), (450, 300));
    assert!(!p.cost_is_default);
    // The same strict parser as the save: a bad amount names its field.
    let bad = preview_remedy(&conn, case, &input(RemedyKind::PartialRefund, "12.5.0")).unwrap_err();
    assert_eq!(bad.code(), "validation.amount");
    let too_much =
        preview_remedy(&conn, case, &input(RemedyKind::PartialRefund, "200")).unwrap_err();
    assert_eq!(too_much.code(), "validation.exceeds_order");
    // Compliance is checked as the owner types.
    let tied = RemedyInput {
        note: "好评后返现10元".into(),
        ..input(RemedyKind::PartialRefund, "10")
    };
    let p = preview_remedy(&conn, case, &tied).unwrap();
    assert_eq!(
        p.compliance_flags,
        vec![compliance::REWARD_FOR_POSITIVE_REVIEW]
    );
    assert!(list_remedies(&conn, Some(case), now()).unwrap().is_empty());
}

#[test]
fn ledger_view_names_each_case_once() {
    let (mut conn, case) = setup();
    let other = new_case(&mut conn, "保温杯", None);
    add_remedy(
        &mut conn,
        case,
        &input(RemedyKind::PartialRefund, "20"),
        "t",
        now(),
    )
    .unwrap();
    add_remedy(
        &mut conn,
        case,
        &input(RemedyKind::Coupon, "10"),
        "t",
        now(),
    )
    .unwrap();
    add_promise(
        &mut conn,
        other,
        &PromiseInput {
            text: "明天回电".into(),
            due_at: Some(t("2026-11-19T00:00:00Z")),
            ..Default::default()
        },
        "t",
        now(),
    )
    .unwrap();
    let v = ledger_view(&conn, &LedgerFilter::default(), now()).unwrap();
    assert_eq!(v.items.len(), 3);
    let mut names: Vec<&str> = v.cases.iter().map(|c| c.product.as_str()).collect();
    names.sort();
    assert_eq!(names, vec!["保温杯", "电热水壶"]);
    let overdue = ledger_view(
        &conn,
        &LedgerFilter {
            overdue_only: true,
            ..Default::default()
        },
        now(),
    )
    .unwrap();
    assert_eq!(overdue.items.len(), 1);
    assert_eq!(overdue.cases.len(), 1);
    assert_eq!(overdue.cases[0].id, other);
}
