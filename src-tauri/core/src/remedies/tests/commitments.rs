//! What the shop owes by a time (gathered with the appeals' by follow-up) and the remedy a draft names.

use super::*;

#[test]
fn due_commitments_gather_remedies_promises_and_draft_appeals() {
    let (mut conn, case) = setup();
    let other = new_case(&mut conn, "保温杯", None);
    assert!(crate::followup::due_commitments(&conn).unwrap().is_empty());

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

    let due = crate::followup::due_commitments(&conn).unwrap();
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
    let en = crate::followup::due_commitments(&conn).unwrap();
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
