//! Remedies in the ledger: amounts in minor units, moves, delivery, checks, default costs, edits and compliance flags.

use super::*;

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
    assert_eq!(added[0].new_value.as_deref(), Some("partial_refund"));
    let parts = added[0].detail.new.as_ref().unwrap();
    assert_eq!(
        (parts.value_cents, parts.currency.as_deref()),
        (Some(2_000), Some("CNY"))
    );
    assert_eq!(
        added[0].detail.subject.map(|s| s.kind),
        Some(cases::CommitmentKind::Remedy)
    );
    assert_eq!(added[0].note.as_deref(), Some("壶底漏水，先退20元"));
    assert_eq!(cases::get(&conn, case).unwrap().updated_at, now());
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
                assert_eq!(last.kind, EventKind::RemedyStatus);
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
    assert_eq!(describe(&pct, crate::Lang::Zh), "优惠券 ¥12.90 (10%)");
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
    assert_eq!(describe(&gift, crate::Lang::En), "gift ¥7.50 硅胶杯垫 × 3");
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
    let amounts = |p: &Option<cases::EventParts>| {
        p.as_ref()
            .map(|p| (p.value_cents, p.cost_cents))
            .unwrap_or_default()
    };
    assert_eq!(edit.new_value.as_deref(), Some("coupon"));
    assert_eq!(amounts(&edit.detail.old), (Some(1_000), Some(300)));
    assert_eq!(amounts(&edit.detail.new), (Some(2_000), Some(600)));
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
