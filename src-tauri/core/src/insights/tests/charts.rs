//! The dashboard's charts against the hand-worked fixture: trend, bad-review rate, shares, top products, alerts.

use super::*;

#[test]
fn trend_counts_bad_and_neutral_by_cause_and_day() {
    let fx = fixture();
    let tr = trend(&fx.conn, &query()).unwrap();
    let keys: Vec<&str> = tr.periods.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "2026-11-16",
            "2026-11-17",
            "2026-11-18",
            "2026-11-19",
            "2026-11-20"
        ]
    );
    assert_eq!(tr.bad, [2, 0, 1, 0, 1]);
    assert_eq!(tr.neutral, [0, 1, 0, 1, 0]);
    assert_eq!(tr.total, [2, 1, 1, 1, 1]);
    let series: Vec<(Cause, Vec<u32>)> = tr
        .by_cause
        .iter()
        .map(|s| (s.cause, s.counts.clone()))
        .collect();
    assert_eq!(
        series,
        vec![
            (Cause::Quality, vec![1, 0, 1, 0, 0]),
            (Cause::Packaging, vec![1, 0, 0, 0, 1]),
            (Cause::Logistics, vec![0, 1, 0, 0, 0]),
            (Cause::Service, vec![0, 0, 0, 1, 0]),
        ]
    );
    // The first period starts at Beijing midnight: 16:00 UTC the day before.
    assert_eq!(tr.periods[0].start, t("2026-11-15T16:00:00Z"));

    // Drill-down: the bars open exactly their cases.
    let quality = &tr.by_cause[0].drill;
    assert!(quality.inbox_exact);
    assert_eq!(
        ids(&drill_cases(&fx.conn, quality, fx.now).unwrap()),
        vec![fx.c[0], fx.c[3]]
    );
    let mut day = tr.by_cause[1].drill.clone();
    day.filter.from = Some(tr.periods[4].start);
    day.filter.to = Some(tr.periods[4].end);
    assert_eq!(
        ids(&drill_cases(&fx.conn, &day, fx.now).unwrap()),
        vec![fx.c[7]]
    );
    // The same filter through the inbox's own query gives the same cases.
    assert_eq!(
        ids(&cases::list(&fx.conn, &day.filter).unwrap()),
        vec![fx.c[7]]
    );
}

#[test]
fn bad_review_rate_from_imported_statistics() {
    let fx = fixture();
    let r = trend(&fx.conn, &query()).unwrap().rate;
    assert!(r.has_data);
    assert_eq!(r.reviews, [50, 20, 0, 10, 0]);
    assert_eq!(r.bad_or_neutral, [2, 2, 0, 1, 0]);
    assert_eq!(r.rate_bp, [Some(400), Some(1000), None, Some(1000), None]);
    assert_eq!(
        (r.total_reviews, r.total_bad_or_neutral, r.total_rate_bp),
        (80, 5, Some(625))
    );

    let mut q = query();
    q.products = vec!["保温杯".into()];
    let r = trend(&fx.conn, &q).unwrap().rate;
    assert_eq!(r.reviews, [8, 20, 0, 0, 0]);
    assert_eq!(r.total_rate_bp, Some(714)); // 2 / 28

    // Re-imports add to review_stats by upsert; the rollup follows.
    stats(&fx.conn, "taobao", "A店", "电热水壶", "2026-11-19", 5, 10);
    let r = trend(&fx.conn, &query()).unwrap().rate;
    assert_eq!(r.rate_bp[3], Some(500));
    fx.conn
        .execute("DELETE FROM review_stats WHERE day = '2026-11-17'", [])
        .unwrap();
    let r = trend(&fx.conn, &query()).unwrap().rate;
    assert_eq!(r.reviews[1], 0);
    assert_eq!(r.rate_bp[1], None);

    let empty = open_in_memory().unwrap();
    assert!(!trend(&empty, &query()).unwrap().rate.has_data);
}

#[test]
fn cause_shares_and_top_products() {
    let fx = fixture();
    let shares: Vec<(Cause, u32, u32)> = cause_shares(&fx.conn, &query())
        .unwrap()
        .iter()
        .map(|s| (s.cause, s.count, s.share_bp))
        .collect();
    assert_eq!(
        shares,
        vec![
            (Cause::Quality, 2, 3333),
            (Cause::Packaging, 2, 3333),
            (Cause::Logistics, 1, 1667),
            (Cause::Service, 1, 1667),
        ]
    );

    let products = top_products(&fx.conn, &query(), 10).unwrap();
    let rows: Vec<(&str, u32, u32, u32, Vec<Cause>)> = products
        .iter()
        .map(|p| {
            (
                p.product.as_str(),
                p.count,
                p.bad,
                p.neutral,
                p.top_causes.iter().map(|c| c.cause).collect(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (
                "保温杯",
                3,
                2,
                1,
                vec![Cause::Quality, Cause::Logistics, Cause::Packaging]
            ),
            (
                "电热水壶",
                3,
                2,
                1,
                vec![Cause::Quality, Cause::Packaging, Cause::Service]
            ),
        ]
    );
    assert_eq!(
        products[1].drill.filter.product.as_deref(),
        Some("电热水壶")
    );
    assert_eq!(
        ids(&drill_cases(&fx.conn, &products[1].drill, fx.now).unwrap()),
        vec![fx.c[0], fx.c[1], fx.c[4]]
    );
    assert_eq!(top_products(&fx.conn, &query(), 1).unwrap().len(), 1);

    // Filters: one platform, one shop.
    let mut q = query();
    q.platforms = vec![Platform::Jd];
    let p = top_products(&fx.conn, &q, 10).unwrap();
    assert_eq!(p.len(), 1);
    assert_eq!((p[0].product.as_str(), p[0].count), ("保温杯", 2));
    let mut q = query();
    q.shops = vec!["A店".into()];
    assert_eq!(trend(&fx.conn, &q).unwrap().total, [2, 0, 0, 1, 1]);
    let mut q = query();
    q.products = vec!["保温杯".into()];
    assert_eq!(trend(&fx.conn, &q).unwrap().total, [0, 1, 1, 0, 1]);
}

#[test]
fn keyword_alert_hits() {
    let fx = fixture();
    let rows = alert_rows(&fx.conn, &query()).unwrap();
    let got: Vec<(&str, &str, u32)> = rows
        .iter()
        .map(|a| (a.term.as_str(), a.product.as_str(), a.hits))
        .collect();
    assert_eq!(got, vec![("漏水", "", 2), ("破损", "保温杯", 1)]);
    assert_eq!(
        ids(&drill_cases(&fx.conn, &rows[0].drill, fx.now).unwrap()),
        vec![fx.c[0], fx.c[3]]
    );
    let mut q = query();
    q.platforms = vec![Platform::Taobao];
    let got: Vec<u32> = alert_rows(&fx.conn, &q)
        .unwrap()
        .iter()
        .map(|a| a.hits)
        .collect();
    assert_eq!(got, vec![1, 1]);
}

#[test]
fn weeks_and_months_sum_the_days() {
    let fx = fixture();
    let q =
        InsightsQuery::new(d("2026-11-10"), d("2026-11-25")).with_granularity(Granularity::Week);
    let dash = dashboard(&fx.conn, &q, fx.now).unwrap();
    let keys: Vec<&str> = dash.trend.periods.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(keys, ["2026-W46", "2026-W47", "2026-W48"]);
    // C7 (15th, Sunday) falls in week 46, the rest in week 47.
    assert_eq!(dash.trend.total, [1, 6, 0]);
    // 11-21 (100 reviews, all 5★) is the Saturday of week 47.
    assert_eq!(dash.trend.rate.reviews, [0, 180, 0]);
    assert_eq!(dash.recovery.closed, [0, 5, 0]);
    let m =
        InsightsQuery::new(d("2026-11-01"), d("2026-12-31")).with_granularity(Granularity::Month);
    let dash = dashboard(&fx.conn, &m, fx.now).unwrap();
    assert_eq!(dash.trend.total, [7, 0]);
    assert_eq!(dash.spend.currencies[0].spent_by_period, [6_850, 0]);
}

#[test]
fn dashboard_bundles_every_chart() {
    let fx = fixture();
    let dash = dashboard(&fx.conn, &query(), fx.now).unwrap();
    assert_eq!(dash.trend, trend(&fx.conn, &query()).unwrap());
    assert_eq!(dash.causes, cause_shares(&fx.conn, &query()).unwrap());
    assert_eq!(
        dash.products,
        top_products(&fx.conn, &query(), TOP_PRODUCTS).unwrap()
    );
    assert_eq!(dash.alerts, alert_rows(&fx.conn, &query()).unwrap());
    assert_eq!(dash.recovery, recovery(&fx.conn, &query()).unwrap());
    assert_eq!(
        dash.response,
        response_times(&fx.conn, &query(), fx.now).unwrap()
    );
    assert_eq!(dash.spend, spend(&fx.conn, &query(), fx.now).unwrap());
    // It crosses IPC as JSON.
    let json = serde_json::to_value(&dash).unwrap();
    assert_eq!(json["query"]["from"], "2026-11-16");
    assert_eq!(json["trend"]["by_cause"][0]["cause"], "quality");

    let opts = filter_options(&fx.conn).unwrap();
    assert_eq!(
        opts.platforms,
        vec![Platform::Taobao, Platform::Jd, Platform::Pinduoduo]
    );
    assert_eq!(opts.shops, vec!["A店".to_string(), "B店".to_string()]);
    assert_eq!(
        opts.products,
        vec!["保温杯".to_string(), "电热水壶".to_string()]
    );
    assert_eq!(
        (opts.first_day, opts.last_day),
        (Some(d("2026-11-15")), Some(d("2026-11-20")))
    );
    assert_eq!(last_days(7, fx.now), (d("2026-11-14"), d("2026-11-20")));

    let bad = InsightsQuery::new(d("2026-11-20"), d("2026-11-01"));
    assert_eq!(
        dashboard(&fx.conn, &bad, fx.now).unwrap_err().code(),
        "validation.range"
    );
}
