//! Remedy spend: matching the ledger, and under platform and product filters as cases move.

use super::*;

#[test]
fn spend_matches_the_ledger_and_its_filtered_twin() {
    let fx = fixture();
    let s = spend(&fx.conn, &query(), fx.now).unwrap();
    assert_eq!(s.currencies.len(), 1);
    let c = &s.currencies[0];
    assert_eq!(c.currency, "CNY");
    assert_eq!(c.spent_by_period, [2_800, 0, 3_550, 500, 0]);
    assert_eq!(
        (c.spent_cents, c.delivered, c.pending_cents),
        (6_850, 4, 1_000)
    );
    let kinds: Vec<(RemedyKind, i64, u32)> = c
        .by_kind
        .iter()
        .map(|k| (k.kind, k.cost_cents, k.count))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (RemedyKind::FullRefund, 3_550, 1),
            (RemedyKind::PartialRefund, 2_800, 2),
            (RemedyKind::Coupon, 500, 1),
        ]
    );
    assert_eq!(c.closed_cases_cost_cents, 6_850);
    assert_eq!(c.cost_per_recovered_cents, Some(2_283)); // 6,850 / 3
    assert_eq!((s.closed_cases, s.recovered), (5, 3));

    // The remedies ledger's own totals say the same, by day, week and month; and a filter
    // that keeps every case changes nothing.
    for g in [Granularity::Day, Granularity::Week, Granularity::Month] {
        let q = query().with_granularity(g);
        let axis = super::axis::Axis::new(&q).unwrap();
        let ledger = crate::insights::spend::from_ledger(&fx.conn, &q, &axis, fx.now).unwrap();
        assert_eq!(spend(&fx.conn, &q, fx.now).unwrap(), ledger, "{g:?}");
        let mut all = q.clone();
        all.platforms = vec![Platform::Taobao, Platform::Jd, Platform::Pinduoduo];
        assert_eq!(spend(&fx.conn, &all, fx.now).unwrap(), ledger, "{g:?}");
    }
    let weekly = spend(
        &fx.conn,
        &query().with_granularity(Granularity::Week),
        fx.now,
    )
    .unwrap();
    assert_eq!(weekly.currencies[0].spent_by_period, [6_850]);

    let mut q = query();
    q.platforms = vec![Platform::Taobao];
    let s = spend(&fx.conn, &q, fx.now).unwrap();
    let c = &s.currencies[0];
    assert_eq!(
        (c.spent_cents, c.pending_cents, c.closed_cases_cost_cents),
        (3_300, 1_000, 3_300)
    );
    assert_eq!((s.closed_cases, s.recovered), (4, 2));
    assert_eq!(c.cost_per_recovered_cents, Some(1_650));

    // A second currency is kept apart, main currency first.
    let mut conn = fx.conn;
    let r = remedies::add_remedy(
        &mut conn,
        fx.c[3],
        &RemedyInput {
            kind: Some(RemedyKind::Coupon),
            currency: "USD".into(),
            value: "3".into(),
            cost: "3".into(),
            ..Default::default()
        },
        "店主",
        t("2026-11-18T05:00:00Z"),
    )
    .unwrap();
    remedies::set_remedy_status(
        &mut conn,
        r.id,
        RemedyStatus::Delivered,
        &remedies::RemedyStatusChange {
            delivered_at: Some(t("2026-11-18T06:00:00Z")),
            ..Default::default()
        },
        "店主",
        t("2026-11-18T06:00:00Z"),
    )
    .unwrap();
    let s = spend(&conn, &query(), fx.now).unwrap();
    let currencies: Vec<(&str, i64, i64, Option<i64>)> = s
        .currencies
        .iter()
        .map(|c| {
            (
                c.currency.as_str(),
                c.spent_cents,
                c.closed_cases_cost_cents,
                c.cost_per_recovered_cents,
            )
        })
        .collect();
    assert_eq!(
        currencies,
        vec![
            ("CNY", 6_850, 6_850, Some(2_283)),
            ("USD", 300, 300, Some(100))
        ]
    );
    let axis = super::axis::Axis::new(&query()).unwrap();
    assert_eq!(
        s,
        crate::insights::spend::from_ledger(&conn, &query(), &axis, fx.now).unwrap()
    );
}

/// Spend under a filter, summed the slow way: each delivered remedy joined to its case.
fn spend_oracle(conn: &Connection, platform: Option<&str>, product: Option<&str>) -> (i64, u32) {
    conn.query_row(
        "SELECT coalesce(sum(r.cost_cents), 0), count(*) FROM remedies r JOIN cases c ON c.id = r.case_id
         WHERE r.status = 'delivered' AND r.delivered_at >= ?1 AND r.delivered_at < ?2
           AND (?3 IS NULL OR c.platform = ?3) AND (?4 IS NULL OR c.product = ?4)",
        rusqlite::params![
            crate::db::sql_time(super::axis::day_start(query().from)),
            crate::db::sql_time(super::axis::day_start(query().to + chrono::Duration::days(1))),
            platform,
            product
        ],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

#[test]
fn spend_filters_follow_a_case_moved_to_another_platform_or_product() {
    let fx = fixture();
    let filtered = |platform: Option<Platform>, product: Option<&str>| {
        let mut q = query();
        q.platforms = platform.into_iter().collect();
        q.products = product.map(String::from).into_iter().collect();
        let s = spend(&fx.conn, &q, fx.now).unwrap();
        s.currencies
            .first()
            .map_or((0, 0), |c| (c.spent_cents, c.delivered))
    };
    let check = |label: &str| {
        for platform in [None, Some(Platform::Taobao), Some(Platform::Jd)] {
            for product in [None, Some("电热水壶"), Some("保温杯")] {
                assert_eq!(
                    filtered(platform, product),
                    spend_oracle(&fx.conn, platform.map(|p| p.as_str()), product),
                    "{label}: {platform:?} {product:?}"
                );
            }
        }
    };
    check("as created");
    assert!(filtered(Some(Platform::Taobao), None).0 > 0);
    // The owner corrects a case's platform and product: its remedies follow it.
    let moved: i64 = fx
        .conn
        .query_row(
            "SELECT case_id FROM remedies WHERE status = 'delivered' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    fx.conn
        .execute(
            "UPDATE cases SET platform = 'jd', product = '保温杯' WHERE id = ?1",
            [moved],
        )
        .unwrap();
    check("after the correction");
}
