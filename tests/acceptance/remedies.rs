//! Resolution on real reviews: cases from the public review sets get remedies, promises,
//! outcomes and an appeal with real files as evidence, in a database file on disk, and
//! the totals follow every step.

use chrono::{DateTime, Duration, Utc};
use haoping_core::appeals::{self, AppealInput, AppealReason, AppealStatus, AppealStatusChange};
use haoping_core::cases::{self, CaseStatus, CommitmentKind, NewCase};
use haoping_core::remedies::{
    self, compliance_flags, LedgerFilter, LedgerItem, Outcome, PromiseInput, RemedyInput,
    RemedyKind, RemedyStatus, RemedyStatusChange,
};
use haoping_core::{db, storage};
use haoping_core::{followup, intake, Lang};
use std::path::PathBuf;

fn data_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data"))
}

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .unwrap_or_else(|e| panic!("bad instant {s}: {e}"))
        .with_timezone(&Utc)
}

/// `cat,label,review` rows of the 10-category shopping set (single-line rows only: the
/// few quoted multi-line reviews are not needed here).
fn shopping_rows() -> Vec<(String, String, String)> {
    let path = data_dir().join("zh-online-shopping-10-cats.csv");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let mut parts = l.splitn(3, ',');
            let cat = parts.next()?.to_string();
            let label = parts.next()?.to_string();
            let review = parts.next()?.trim_start_matches('\u{feff}').to_string();
            (!review.starts_with('"') && !review.trim().is_empty()).then_some((cat, label, review))
        })
        .collect()
}

/// The first `n` negative reviews of a category.
fn negatives(category: &str, n: usize) -> Vec<String> {
    shopping_rows()
        .into_iter()
        .filter(|(c, l, _)| c == category && l == "0")
        .map(|(_, _, r)| r)
        .take(n)
        .collect()
}

fn add_case(conn: &mut db::Connection, product: &str, text: &str, value: i64, i: i64) -> i64 {
    intake::add_case(
        conn,
        &NewCase {
            platform: "taobao".into(),
            product: product.into(),
            stars: 1 + (i % 2) as u8,
            review_text: text.into(),
            review_time: (t("2026-11-01T02:00:00Z") + Duration::hours(i)).to_rfc3339(),
            order_value_cents: Some(value),
            order_id: format!("30{:017}", 4_100_000 + i),
            ..Default::default()
        },
        "acceptance",
        t("2026-11-10T00:00:00Z"),
    )
    .unwrap_or_else(|e| panic!("case {i}: {e}"))
    .id
}

fn remedy(kind: RemedyKind, value: &str) -> RemedyInput {
    RemedyInput {
        kind: Some(kind),
        value: value.into(),
        ..Default::default()
    }
}

#[test]
fn a_partial_refund_and_a_coupon_move_the_totals() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("haoping.db");
    let mut conn = storage::open(&db_path).unwrap();
    let heaters = negatives("热水器", 20);
    assert_eq!(heaters.len(), 20, "the data set has these reviews");
    let ids: Vec<i64> = heaters
        .iter()
        .enumerate()
        .map(|(i, text)| {
            add_case(
                &mut conn,
                "即热式热水器",
                text,
                89_900 + i as i64 * 100,
                i as i64,
            )
        })
        .collect();

    let now = t("2026-11-20T04:00:00Z");
    let period = (t("2026-11-01T00:00:00Z"), t("2026-12-01T00:00:00Z"));
    let before = remedies::totals(&conn, period.0, period.1, now).unwrap();
    assert!(before.currencies.is_empty());
    assert_eq!(before.recovered_reviews, 0);

    // ¥20 partial refund on the first case, delivered.
    let refund = remedies::add_remedy(
        &mut conn,
        ids[0],
        &RemedyInput {
            note: "安装师傅迟到，补偿20元".into(),
            due_at: Some(t("2026-11-20T10:00:00Z")),
            ..remedy(RemedyKind::PartialRefund, "20.00")
        },
        "店主",
        now,
    )
    .unwrap();
    let mid = remedies::totals(&conn, period.0, period.1, now).unwrap();
    assert_eq!(mid.currencies[0].spent_cents, 0, "proposed is not spent");
    assert_eq!(mid.currencies[0].pending_cents, 2_000);
    remedies::set_remedy_status(
        &mut conn,
        refund.id,
        RemedyStatus::Delivered,
        &RemedyStatusChange {
            reference: "REFUND-778812".into(),
            ..Default::default()
        },
        "店主",
        now,
    )
    .unwrap();

    // A ¥10 coupon on the second case: costs its expected redemption (30 %).
    let coupon = remedies::add_remedy(
        &mut conn,
        ids[1],
        &RemedyInput {
            terms: "下次购买满100元可用".into(),
            ..remedy(RemedyKind::Coupon, "10")
        },
        "店主",
        now,
    )
    .unwrap();
    assert_eq!(coupon.cost_cents, 300);
    remedies::set_remedy_status(
        &mut conn,
        coupon.id,
        RemedyStatus::Delivered,
        &RemedyStatusChange::default(),
        "店主",
        now + Duration::hours(1),
    )
    .unwrap();

    let after = remedies::totals(&conn, period.0, period.1, now).unwrap();
    let cny = &after.currencies[0];
    assert_eq!(cny.currency, "CNY");
    assert_eq!(cny.spent_cents, 2_300);
    assert_eq!(cny.value_cents, 3_000);
    assert_eq!(cny.pending_cents, 0);
    let kinds: Vec<(&str, i64)> = cny
        .by_kind
        .iter()
        .map(|b| (b.key.as_str(), b.cost_cents))
        .collect();
    assert_eq!(kinds, vec![("partial_refund", 2_000), ("coupon", 300)]);
    assert_eq!(cny.by_product[0].key, "即热式热水器");
    assert_eq!(cny.by_day.len(), 1);

    // Outcomes: the refund case is revised, the coupon case only explained.
    remedies::close_case(
        &mut conn,
        ids[0],
        Outcome::ReviewRevised,
        Some(5),
        None,
        "店主",
        now,
    )
    .unwrap();
    remedies::close_case(
        &mut conn,
        ids[1],
        Outcome::ExplanationOnly,
        None,
        None,
        "店主",
        now,
    )
    .unwrap();
    let closed = remedies::totals(&conn, period.0, period.1, now).unwrap();
    assert_eq!((closed.closed_cases, closed.recovered_reviews), (2, 1));
    assert_eq!(closed.currencies[0].cost_per_recovered_cents, Some(2_300));

    // The case list shows each case's cost.
    let costs = remedies::case_costs(&conn, &ids[..3], now).unwrap();
    assert_eq!(costs[0].amounts[0].spent_cents, 2_000);
    assert_eq!(costs[1].amounts[0].spent_cents, 300);
    assert!(costs[2].amounts.is_empty());

    // Everything survives closing and reopening the database file.
    drop(conn);
    let conn = storage::open(&db_path).unwrap();
    let again = remedies::totals(&conn, period.0, period.1, now).unwrap();
    assert_eq!(again, closed);
    let history = cases::history(&conn, ids[0]).unwrap();
    let kinds: Vec<&str> = history.iter().map(|e| e.kind.as_str()).collect();
    for k in [
        "created",
        "remedy_added",
        "remedy_status",
        "status",
        "outcome",
    ] {
        assert!(kinds.contains(&k), "{k} in {kinds:?}");
    }
}

#[test]
fn promises_and_appeal_deadlines_come_due() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = storage::open(&dir.path().join("haoping.db")).unwrap();
    let clothes = negatives("衣服", 5);
    let ids: Vec<i64> = clothes
        .iter()
        .enumerate()
        .map(|(i, text)| add_case(&mut conn, "连衣裙", text, 15_900, i as i64))
        .collect();
    let now = t("2026-11-20T04:00:00Z");
    remedies::add_promise(
        &mut conn,
        ids[0],
        &PromiseInput {
            text: "明天下午回电".into(),
            due_at: Some(t("2026-11-21T07:00:00Z")),
            ..Default::default()
        },
        "店主",
        now,
    )
    .unwrap();
    remedies::add_promise(
        &mut conn,
        ids[1],
        &PromiseInput {
            text: "延长收货时间".into(),
            due_at: Some(t("2026-11-19T07:00:00Z")),
            ..Default::default()
        },
        "店主",
        now,
    )
    .unwrap();
    let appeal = appeals::create_appeal(
        &mut conn,
        ids[2],
        &AppealInput {
            reason: Some(AppealReason::Misattributed),
            ..Default::default()
        },
        "店主",
        now,
    )
    .unwrap();

    let due = followup::due_commitments(&conn).unwrap();
    let kinds: Vec<CommitmentKind> = due.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        vec![
            CommitmentKind::Promise,
            CommitmentKind::Promise,
            CommitmentKind::Appeal
        ]
    );
    assert!(due[0].is_overdue(now));
    assert_eq!(due[0].label, "延长收货时间");
    assert_eq!(due[2].ref_id, appeal.id);
    assert_eq!(due[2].due_at, appeal.deadline_at);

    let overdue = remedies::ledger(
        &conn,
        &LedgerFilter {
            overdue_only: true,
            ..Default::default()
        },
        now,
    )
    .unwrap();
    assert_eq!(overdue.len(), 1);
    assert!(matches!(&overdue[0], LedgerItem::Promise(p) if p.case_id == ids[1]));

    // Submitting the appeal takes it off the list.
    appeals::set_appeal_status(
        &mut conn,
        appeal.id,
        AppealStatus::Submitted,
        &AppealStatusChange::default(),
        "店主",
        now,
    )
    .unwrap();
    assert_eq!(followup::due_commitments(&conn).unwrap().len(), 2);
    let counts = remedies::overdue_counts(&conn, None, now).unwrap();
    assert_eq!((counts.promises, counts.total), (1, 1));
}

#[test]
fn real_cash_back_for_praise_complaints_are_flagged() {
    // Buyers complain about "好评返现" offers in real reviews: every one of those sentences
    // ties money to a positive review, which the compliance rule must catch.
    let rows = shopping_rows();
    let praise_for_cash: Vec<&String> = rows
        .iter()
        .map(|(_, _, r)| r)
        .filter(|r| r.contains("好评返现"))
        .collect();
    assert!(praise_for_cash.len() >= 5, "the data set has such reviews");
    for r in &praise_for_cash {
        assert!(!compliance_flags(r).is_empty(), "not flagged: {r}");
    }
    // Plain quality complaints about refunds say nothing about the review in exchange.
    let refunds: Vec<&String> = rows
        .iter()
        .map(|(_, _, r)| r)
        .filter(|r| r.contains("退款") && !r.contains("评"))
        .collect();
    assert!(refunds.len() >= 20, "the data set has such reviews");
    for r in &refunds {
        assert!(compliance_flags(r).is_empty(), "flagged: {r}");
    }
    // Across all 60k reviews, whatever is flagged is about praise in exchange for something.
    let flagged: Vec<&String> = rows
        .iter()
        .map(|(_, _, r)| r)
        .filter(|r| !compliance_flags(r).is_empty())
        .collect();
    assert!(flagged.len() >= praise_for_cash.len());
    assert!(flagged.len() <= 3 * praise_for_cash.len(), "{flagged:#?}");
    // A review word: praise, a photo review (晒单, 晒图) or a follow-up review (追评), as
    // buyers report the shops that offered something for one.
    for r in &flagged {
        assert!(
            ["好评", "晒单", "晒图", "追评", "五星", "5星"]
                .iter()
                .any(|w| r.contains(w)),
            "flagged without a review word: {r}"
        );
    }
}

#[test]
fn an_appeal_carries_real_files_as_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let app_data = dir.path().join("app-data");
    let mut conn = storage::open(&app_data.join("haoping.db")).unwrap();
    let text = negatives("手机", 1).remove(0);
    let case = add_case(&mut conn, "手机", &text, 199_900, 0);
    let now = t("2026-11-20T04:00:00Z");
    let appeal = appeals::create_appeal(
        &mut conn,
        case,
        &AppealInput {
            reason: Some(AppealReason::Competitor),
            note: "同一买家账号在多家店铺发布相同差评".into(),
            ..Default::default()
        },
        "店主",
        now,
    )
    .unwrap();
    let tsv = data_dir().join("en-amazon-alexa.tsv");
    let licence = data_dir().join("zh-dianping-asap.LICENSE");
    let e1 = appeals::add_evidence(&mut conn, &app_data, appeal.id, &tsv, "店主", now).unwrap();
    let e2 = appeals::add_evidence(&mut conn, &app_data, appeal.id, &licence, "店主", now).unwrap();
    // Hashes computed independently (sha256sum) from the read-only data files.
    assert_eq!(
        e1.sha256,
        "28dea46b62b12f3bca611d8a27e04a6c4183e6ebea459537f01b1f302c160ce5"
    );
    assert_eq!(
        e2.sha256,
        "c71d239df91726fc519c6eb72d318ec65820627232b2f796219e87dcf35d0ab4"
    );
    assert_eq!(e1.size_bytes, std::fs::metadata(&tsv).unwrap().len());
    assert_eq!(e1.media_type, "text/tab-separated-values");
    let stored = appeals::evidence_path(&conn, &app_data, e1.id).unwrap();
    assert!(stored.starts_with(app_data.join("evidence").join("28")));
    assert_eq!(
        std::fs::read(&stored).unwrap(),
        std::fs::read(&tsv).unwrap()
    );
    // Dropping the same file again changes nothing.
    let again = appeals::add_evidence(&mut conn, &app_data, appeal.id, &tsv, "店主", now).unwrap();
    assert_eq!(again.id, e1.id);
    assert_eq!(appeals::list_evidence(&conn, appeal.id).unwrap().len(), 2);

    let out = dir.path().join("exports").join("appeal-packet.zip");
    let report = appeals::export_packet(&conn, &app_data, appeal.id, &out, Lang::Zh, now).unwrap();
    assert_eq!(
        report.entries,
        vec![
            "summary.txt",
            "evidence/01-en-amazon-alexa.tsv",
            "evidence/02-zh-dianping-asap.LICENSE"
        ]
    );
    assert!(out.is_file());
    assert!(report.bytes > 1_000, "a real zip, {} bytes", report.bytes);

    // The case can end with the platform removing the review.
    appeals::set_appeal_status(
        &mut conn,
        appeal.id,
        AppealStatus::Submitted,
        &AppealStatusChange::default(),
        "店主",
        now,
    )
    .unwrap();
    appeals::set_appeal_status(
        &mut conn,
        appeal.id,
        AppealStatus::Accepted,
        &AppealStatusChange {
            outcome_note: "平台判定为同行恶意评价，已删除".into(),
            ..Default::default()
        },
        "店主",
        now + Duration::days(3),
    )
    .unwrap();
    let c = remedies::close_case(
        &mut conn,
        case,
        Outcome::RemovedByPlatform,
        None,
        None,
        "店主",
        now + Duration::days(3),
    )
    .unwrap();
    assert_eq!(c.status, CaseStatus::Closed);
    let tot = remedies::totals(&conn, now, now + Duration::days(7), now).unwrap();
    assert_eq!(tot.recovered_reviews, 1);
}
