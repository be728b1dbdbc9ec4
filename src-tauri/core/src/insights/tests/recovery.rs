//! Recovery rate, response times and deadlines, and the rollups that keep them as cases change.

use super::*;

#[test]
fn recovery_rate_over_time_and_by_cause() {
    let fx = fixture();
    let r = recovery(&fx.conn, &query()).unwrap();
    assert_eq!(r.closed, [1, 0, 1, 1, 2]);
    assert_eq!(r.recovered, [1, 0, 1, 1, 0]);
    assert_eq!(
        r.rate_bp,
        [Some(10_000), None, Some(10_000), Some(10_000), Some(0)]
    );
    assert_eq!(
        (r.overall.closed, r.overall.recovered, r.overall.rate_bp),
        (5, 3, Some(6000))
    );
    let by: Vec<(Cause, u32, u32, Option<u32>)> = r
        .by_cause
        .iter()
        .map(|c| (c.cause, c.closed, c.recovered, c.rate_bp))
        .collect();
    assert_eq!(
        by,
        vec![
            (Cause::Quality, 3, 3, Some(10_000)),
            (Cause::Packaging, 1, 0, Some(0)),
            (Cause::Service, 1, 0, Some(0)),
        ]
    );
    let outcomes: Vec<(Outcome, u32)> = r.outcomes.iter().map(|o| (o.outcome, o.count)).collect();
    assert_eq!(
        outcomes,
        vec![
            (Outcome::ReviewRevised, 1),
            (Outcome::FollowUpPositive, 1),
            (Outcome::RemovedByPlatform, 1),
            (Outcome::ExplanationOnly, 1),
            (Outcome::BuyerRefused, 1),
        ]
    );
    // The drill opens the recovered cases, including C7 reviewed before the range.
    assert_eq!(
        ids(&drill_cases(&fx.conn, &r.drill, fx.now).unwrap()),
        vec![fx.c[0], fx.c[3], fx.c[6]]
    );
    // Same counts as the remedies ledger's totals.
    let totals = remedies::totals(
        &fx.conn,
        t("2026-11-15T16:00:00Z"),
        t("2026-11-20T16:00:00Z"),
        fx.now,
    )
    .unwrap();
    assert_eq!((totals.closed_cases, totals.recovered_reviews), (5, 3));

    // Reopening clears the outcome: the case leaves the figures.
    let mut conn = fx.conn;
    remedies::reopen_case(
        &mut conn,
        fx.c[0],
        CaseStatus::Contacting,
        None,
        "店主",
        fx.now,
    )
    .unwrap();
    let r = recovery(&conn, &query()).unwrap();
    assert_eq!((r.overall.closed, r.overall.recovered), (4, 2));
}

#[test]
fn response_times_and_deadlines() {
    let mut fx = fixture();
    let r = response_times(&fx.conn, &query(), fx.now).unwrap();
    assert_eq!(r.first_contact.cases, 4);
    assert_eq!(r.first_contact.median_secs, Some(46_800)); // (7,200 + 86,400) / 2
    assert_eq!(
        r.first_contact.median_by_period,
        [Some(52_200), None, Some(1_800), Some(86_400), None]
    );
    assert_eq!(r.resolution.cases, 5);
    assert_eq!(r.resolution.median_secs, Some(93_600));
    assert_eq!(
        r.resolution.median_by_period,
        [
            Some(57_600),
            None,
            Some(172_800),
            Some(144_900),
            Some(93_600)
        ]
    );
    let dl = &r.deadlines;
    assert_eq!(dl.hours, 24);
    assert_eq!(
        (
            dl.met,
            dl.missed_late,
            dl.missed_no_contact,
            dl.missed,
            dl.pending
        ),
        (3, 1, 2, 3, 1)
    );
    assert_eq!(dl.missed_by_period, [1, 1, 0, 1, 0]);
    assert_eq!(
        ids(&drill_cases(&fx.conn, &dl.drill, fx.now).unwrap()),
        vec![fx.c[1], fx.c[2], fx.c[5]]
    );

    // The owner's own deadline is honoured.
    let mut rules = followup::load_rules(&fx.conn).unwrap();
    rules.first_response_hours = 48;
    followup::save_rules(&mut fx.conn, &rules).unwrap();
    let dl = response_times(&fx.conn, &query(), fx.now)
        .unwrap()
        .deadlines;
    // C2 (27 h) is now on time; C6 (26 h old) is still within 48 h.
    assert_eq!(
        (dl.met, dl.missed_late, dl.missed_no_contact, dl.pending),
        (4, 0, 1, 2)
    );
}

#[test]
fn first_contact_follows_the_contact_log() {
    let mut fx = fixture();
    let first = |conn: &Connection, id: i64| -> Option<DateTime<Utc>> {
        conn.query_row(
            "SELECT first_contact_at FROM cases WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(first(&fx.conn, fx.c[3]), Some(t("2026-11-18T04:30:00Z")));
    fx.conn
        .execute(
            "DELETE FROM contact_attempts WHERE case_id = ?1 AND at = ?2",
            params![fx.c[3], t("2026-11-18T04:30:00Z")],
        )
        .unwrap();
    assert_eq!(first(&fx.conn, fx.c[3]), Some(t("2026-11-18T06:00:00Z")));
    fx.conn
        .execute("DELETE FROM contact_attempts WHERE case_id = ?1", [fx.c[3]])
        .unwrap();
    assert_eq!(first(&fx.conn, fx.c[3]), None);
    contact(&mut fx.conn, fx.c[2], "2026-11-17T01:00:00Z");
    assert_eq!(first(&fx.conn, fx.c[2]), Some(t("2026-11-17T01:00:00Z")));
}

#[test]
fn rollup_follows_label_changes_and_deletes() {
    let mut fx = fixture();
    let rollup = |conn: &Connection| -> Vec<(String, String, String, String, i64, i64)> {
        let mut stmt = conn
            .prepare("SELECT day, platform, shop, cause, stars, cases FROM insights_case_days ORDER BY 1, 2, 3, 4, 5")
            .unwrap();
        stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    };
    let direct = |conn: &Connection| -> Vec<(String, String, String, String, i64, i64)> {
        let mut stmt = conn
            .prepare(
                "SELECT date(review_time, '+8 hours'), platform, shop, primary_cause, stars, count(*)
                 FROM cases GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5",
            )
            .unwrap();
        stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    };
    assert_eq!(rollup(&fx.conn), direct(&fx.conn));
    cases::set_labels(
        &mut fx.conn,
        fx.c[2],
        Cause::Packaging,
        &[],
        2,
        "店主",
        fx.now,
    )
    .unwrap();
    fx.conn
        .execute(
            "UPDATE cases SET review_time = ?1 WHERE id = ?2",
            params![t("2026-11-19T20:00:00Z"), fx.c[0]],
        )
        .unwrap();
    fx.conn
        .execute("DELETE FROM cases WHERE id = ?1", [fx.c[4]])
        .unwrap();
    assert_eq!(rollup(&fx.conn), direct(&fx.conn));
    assert!(rollup(&fx.conn).iter().all(|r| r.5 > 0));
}

#[test]
fn resolved_time_is_the_first_finish_and_clears_on_reopen() {
    let mut fx = fixture();
    let resolved = |conn: &Connection, id: i64| -> Option<DateTime<Utc>> {
        conn.query_row("SELECT resolved_at FROM cases WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap()
    };
    assert_eq!(resolved(&fx.conn, fx.c[1]), Some(t("2026-11-19T00:00:00Z")));
    assert_eq!(resolved(&fx.conn, fx.c[2]), None);
    remedies::reopen_case(
        &mut fx.conn,
        fx.c[1],
        CaseStatus::Negotiating,
        None,
        "店主",
        fx.now,
    )
    .unwrap();
    assert_eq!(resolved(&fx.conn, fx.c[1]), None);
}
