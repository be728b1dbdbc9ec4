//! The money views: totals, overdue counts, case costs and the ledger screen.

use super::*;

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
