//! Resolution figures: ledger writes, totals and case costs over a large shop, due
//! commitments, the compliance check on real reviews, and evidence hashing/export speed.
//! Run with `cargo bench -p haoping-core --bench remedies`.

use chrono::{DateTime, Duration, Utc};
use haoping_core::appeals::{self, AppealInput, AppealReason};
use haoping_core::cases::NewCase;
use haoping_core::intake;
use haoping_core::remedies::{
    self, Outcome, PromiseInput, RemedyInput, RemedyKind, RemedyStatus, RemedyStatusChange,
};
use haoping_core::storage;
use std::io::Write;
use std::time::Instant;

const CASES: usize = 5_000;
const REMEDIES_PER_CASE: usize = 3;

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1_000.0
}

fn main() {
    let start = t("2026-01-01T00:00:00Z");
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut conn = storage::open(&dir.path().join("bench.db")).unwrap_or_else(|e| panic!("{e}"));
    let products = [
        "电热水壶",
        "保温杯",
        "马克杯",
        "连衣裙",
        "手机壳",
        "蓝牙耳机",
    ];

    let began = Instant::now();
    let mut ids = Vec::with_capacity(CASES);
    for i in 0..CASES {
        let reviewed = start + Duration::minutes(i as i64 * 90);
        let c = intake::add_case(
            &mut conn,
            &NewCase {
                platform: "taobao".into(),
                product: products[i % products.len()].into(),
                stars: 1,
                review_text: format!("第{i}单 质量太差了，用了两天就坏了"),
                review_time: reviewed.to_rfc3339(),
                order_value_cents: Some(5_000 + (i as i64 % 50) * 100),
                ..Default::default()
            },
            "bench",
            reviewed + Duration::minutes(30),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        ids.push(c.id);
    }
    println!("setup: {CASES} cases in {:.0} ms", ms(began.elapsed()));

    let kinds = [
        (RemedyKind::PartialRefund, "12.50"),
        (RemedyKind::Coupon, "10"),
        (RemedyKind::Points, "3"),
    ];
    let began = Instant::now();
    let mut n = 0usize;
    for (i, &case) in ids.iter().enumerate() {
        for (k, &(kind, value)) in kinds.iter().enumerate().take(REMEDIES_PER_CASE) {
            let at = start + Duration::minutes((i * 90 + k) as i64);
            let r = remedies::add_remedy(
                &mut conn,
                case,
                &RemedyInput {
                    kind: Some(kind),
                    value: value.into(),
                    due_at: Some(at + Duration::days(2)),
                    ..Default::default()
                },
                "bench",
                at,
            )
            .unwrap_or_else(|e| panic!("{e}"));
            if (i + k) % 3 != 0 {
                remedies::set_remedy_status(
                    &mut conn,
                    r.id,
                    RemedyStatus::Delivered,
                    &RemedyStatusChange::default(),
                    "bench",
                    at + Duration::hours(5),
                )
                .unwrap_or_else(|e| panic!("{e}"));
            }
            n += 1;
        }
        if i % 4 == 0 {
            remedies::add_promise(
                &mut conn,
                case,
                &PromiseInput {
                    text: "明天下午回电".into(),
                    due_at: Some(start + Duration::minutes(i as i64 * 90 + 1_440)),
                    ..Default::default()
                },
                "bench",
                start,
            )
            .unwrap_or_else(|e| panic!("{e}"));
        }
        if i % 10 == 0 {
            appeals::create_appeal(
                &mut conn,
                case,
                &AppealInput {
                    reason: Some(AppealReason::Extortion),
                    ..Default::default()
                },
                "bench",
                start,
            )
            .unwrap_or_else(|e| panic!("{e}"));
        }
        if i % 2 == 0 {
            let outcome = if i % 4 == 0 {
                Outcome::ReviewRevised
            } else {
                Outcome::BuyerRefused
            };
            let at = start + Duration::minutes(i as i64 * 90 + 600);
            remedies::close_case(&mut conn, case, outcome, None, None, "bench", at)
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }
    let el = began.elapsed();
    println!(
        "ledger writes: {n} remedies (+status, promises, appeals, closes) in {:.0} ms, {:.3} ms per case",
        ms(el),
        ms(el) / CASES as f64
    );

    let now = start + Duration::days(400);
    let year = (start, start + Duration::days(365));
    let began = Instant::now();
    let tot = remedies::totals(&conn, year.0, year.1, now).unwrap_or_else(|e| panic!("{e}"));
    let el = began.elapsed();
    let cny = &tot.currencies[0];
    println!(
        "totals over a year ({} delivered, {} days, {} closed): {:.1} ms; cost per recovered ¥{}",
        cny.delivered,
        cny.by_day.len(),
        tot.closed_cases,
        ms(el),
        remedies::money::format_amount(cny.cost_per_recovered_cents.unwrap_or(0), "CNY")
    );

    let page: Vec<i64> = ids.iter().copied().take(100).collect();
    let began = Instant::now();
    let runs = 50;
    for _ in 0..runs {
        remedies::case_costs(&conn, &page, now).unwrap_or_else(|e| panic!("{e}"));
    }
    println!(
        "case_costs for a page of 100 cases: {:.2} ms",
        ms(began.elapsed()) / runs as f64
    );
    let began = Instant::now();
    let all = remedies::case_costs(&conn, &ids, now).unwrap_or_else(|e| panic!("{e}"));
    println!(
        "case_costs for all {} cases: {:.1} ms",
        all.len(),
        ms(began.elapsed())
    );

    let began = Instant::now();
    let due =
        remedies::due_commitments(&conn, haoping_core::Lang::Zh).unwrap_or_else(|e| panic!("{e}"));
    println!(
        "due_commitments: {} open commitments in {:.1} ms",
        due.len(),
        ms(began.elapsed())
    );

    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/zh-online-shopping-10-cats.csv"
    );
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let lines: Vec<&str> = text.lines().collect();
            let began = Instant::now();
            let flagged = lines
                .iter()
                .filter(|l| !remedies::compliance_flags(l).is_empty())
                .count();
            let el = began.elapsed();
            println!(
                "compliance check on {} real reviews: {:.0} ms ({:.1} µs each), {flagged} flagged",
                lines.len(),
                ms(el),
                el.as_secs_f64() * 1e6 / lines.len() as f64
            );
        }
        Err(e) => println!("compliance check skipped: {path}: {e}"),
    }

    // Evidence: a 100 MiB recording, hashed while copied, then packed.
    let size: usize = 100 * 1024 * 1024;
    let src = dir.path().join("recording.m4a");
    {
        let mut f = std::fs::File::create(&src).unwrap_or_else(|e| panic!("{e}"));
        let block: Vec<u8> = (0..1024 * 1024u32).map(|i| (i * 31 % 251) as u8).collect();
        for _ in 0..size / block.len() {
            f.write_all(&block).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    let appeal = appeals::list_appeals(&conn, Some(ids[0]), now)
        .unwrap_or_else(|e| panic!("{e}"))
        .remove(0);
    let data = dir.path().join("data");
    let began = Instant::now();
    let ev = appeals::add_evidence(&mut conn, &data, appeal.id, &src, "bench", now)
        .unwrap_or_else(|e| panic!("{e}"));
    let el = began.elapsed();
    println!(
        "add_evidence 100 MiB (hash + copy): {:.0} ms, {:.0} MiB/s",
        ms(el),
        100.0 / el.as_secs_f64()
    );
    let began = Instant::now();
    appeals::add_evidence(&mut conn, &data, appeal.id, &src, "bench", now)
        .unwrap_or_else(|e| panic!("{e}"));
    println!(
        "add_evidence again (dedup, still hashed): {:.0} ms",
        ms(began.elapsed())
    );
    let big = dir.path().join("huge.mp4");
    std::fs::File::create(&big)
        .and_then(|f| f.set_len(2 * 1024 * 1024 * 1024))
        .unwrap_or_else(|e| panic!("{e}"));
    let began = Instant::now();
    let refused = appeals::add_evidence(&mut conn, &data, appeal.id, &big, "bench", now);
    println!(
        "add_evidence 2 GiB sparse file refused ({}) in {:.3} ms",
        refused.err().map(|e| e.code()).unwrap_or("accepted?!"),
        ms(began.elapsed())
    );
    let began = Instant::now();
    let out = dir.path().join("packet.zip");
    let report = appeals::export_packet(&conn, &data, appeal.id, &out, haoping_core::Lang::Zh, now)
        .unwrap_or_else(|e| panic!("{e}"));
    let el = began.elapsed();
    println!(
        "export_packet with {} ({}): {:.0} ms, {:.0} MiB/s",
        ev.file_name,
        appeals::human_size(report.bytes),
        ms(el),
        100.0 / el.as_secs_f64()
    );
}
