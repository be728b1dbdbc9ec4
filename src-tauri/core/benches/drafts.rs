//! Drafting speed on real reviews: the three drafts of a case (database reads, template
//! choice, filling, fitting and checking) and the checker alone on every draft text.
//! Targets: all three drafts under 5 ms per case; the checker under 1 ms per draft.
//!
//! A database file (WAL) with 5,000 cases from ../shared/data (Chinese shopping and
//! food-delivery reviews, English Amazon reviews) across every platform.

use chrono::{DateTime, Duration, Utc};
use haoping_core::cases::{NewCase, Platform};
use haoping_core::drafts::{self, Channel};
use haoping_core::intake;
use haoping_core::storage;
use std::time::{Duration as StdDuration, Instant};

const CASES: usize = 5_000;
const DRAFTED: usize = 2_000;

fn data(name: &str) -> String {
    let path = format!("{}/../../../shared/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap_or_default()
}

fn reviews() -> Vec<(Platform, String)> {
    let mut out = Vec::new();
    let zh_platforms = [
        Platform::Taobao,
        Platform::Tmall,
        Platform::Jd,
        Platform::Pinduoduo,
        Platform::Douyin,
    ];
    for (i, line) in data("zh-online-shopping-10-cats.csv")
        .lines()
        .skip(1)
        .enumerate()
    {
        let mut p = line.splitn(3, ',');
        if let (Some(_), Some("0"), Some(r)) = (p.next(), p.next(), p.next()) {
            let r = r.trim_matches('"');
            if r.chars().count() >= 4 && i % 9 == 0 {
                out.push((zh_platforms[i % zh_platforms.len()], r.to_string()));
            }
        }
    }
    for (i, line) in data("zh-waimai-10k.csv").lines().skip(1).enumerate() {
        if let Some(r) = line.strip_prefix("0,") {
            if i % 4 == 0 {
                out.push((Platform::Meituan, r.trim_matches('"').to_string()));
            }
        }
    }
    for line in data("en-amazon-alexa.tsv").lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() >= 4 && matches!(f[0], "1" | "2" | "3") && f[3].len() > 10 {
            out.push((Platform::Amazon, f[3].trim_matches('"').to_string()));
        }
    }
    if out.is_empty() {
        out.push((Platform::Taobao, "壶底漏水，用了两天就坏了".into()));
    }
    out
}

fn ms(d: StdDuration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn report(name: &str, mut samples: Vec<StdDuration>, target_ms: f64) {
    samples.sort();
    let n = samples.len().max(1);
    let total: StdDuration = samples.iter().sum();
    let pick = |q: f64| samples[((n as f64 * q) as usize).min(n - 1)];
    println!(
        "{name:<44} n={n:<6} mean {:>7.3} ms  p50 {:>7.3}  p99 {:>7.3}  max {:>7.3}  (target < {target_ms} ms) {}",
        ms(total) / n as f64,
        ms(pick(0.5)),
        ms(pick(0.99)),
        ms(pick(1.0)),
        if ms(pick(0.99)) < target_ms { "OK" } else { "OVER" }
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let mut conn = storage::open(&dir.path().join("bench.db"))?;
    let start: DateTime<Utc> =
        DateTime::parse_from_rfc3339("2026-11-20T04:00:00Z")?.with_timezone(&Utc);
    let texts = reviews();
    let t0 = Instant::now();
    let mut ids = Vec::with_capacity(CASES);
    for i in 0..CASES {
        let (platform, text) = &texts[i % texts.len()];
        let input = NewCase {
            platform: platform.as_str().into(),
            shop: ["小林家居", "老王家常菜", "Echo Corner"][i % 3].into(),
            product: "不锈钢电热水壶 1.7L".into(),
            stars: 1,
            review_text: text.chars().take(500).collect(),
            buyer_nick: if i % 2 == 0 {
                format!("买家{i}")
            } else {
                String::new()
            },
            order_id: format!("{}", 3_100_000_000_000u64 + i as u64),
            review_id: format!("r{i}"),
            review_time: (start - Duration::minutes(i as i64)).to_rfc3339(),
            ..Default::default()
        };
        ids.push(intake::add_case(&mut conn, &input, "bench", start)?.id);
    }
    println!(
        "setup: {CASES} cases in {:.0} ms ({} distinct real reviews)",
        ms(t0.elapsed()),
        texts.len()
    );

    // First call pays for compiling the checker's rules and parsing the library once.
    let t = Instant::now();
    let first = drafts::drafts_for_case(&conn, ids[0], None, None)?;
    println!(
        "first call (rules compiled, library parsed): {:.2} ms",
        ms(t.elapsed())
    );
    drop(first);

    let mut per_case = Vec::with_capacity(DRAFTED);
    let mut texts_out: Vec<(Platform, Channel, String)> = Vec::new();
    let step = CASES / DRAFTED;
    for (k, id) in ids.iter().step_by(step).take(DRAFTED).enumerate() {
        let t = Instant::now();
        let ds = drafts::drafts_for_case(&conn, *id, None, None)?;
        per_case.push(t.elapsed());
        let platform = texts[(k * step) % texts.len()].0;
        // Copy the public reply as the owner would, so rotation state is exercised.
        if let Some(p) = ds.iter().find(|d| d.channel == Channel::Public) {
            drafts::record_copy(&conn, *id, Channel::Public, p.variant, &p.text, start)?;
        }
        texts_out.extend(ds.into_iter().map(|d| (platform, d.channel, d.text)));
    }
    report("drafts_for_case (3 drafts, with DB reads)", per_case, 5.0);

    let mut per_check = Vec::with_capacity(texts_out.len());
    let mut blocking = 0;
    for (platform, channel, text) in &texts_out {
        let t = Instant::now();
        let f = drafts::check(text, *platform, *channel, haoping_core::Lang::Zh);
        per_check.push(t.elapsed());
        blocking += usize::from(drafts::has_blocking(&f));
    }
    report("check (one draft)", per_check, 1.0);

    // What the owner types: a long, messy reply with findings of every kind.
    let messy = "亲，明明是您自己没看清楚！！我们小本生意，差评要扣钱的。好评返现5元，改成好评后马上给您退款。\
        有问题打13812345678，或者寄到杭州市西湖区文三路100号。"
        .repeat(6);
    let mut per_messy = Vec::new();
    for _ in 0..2_000 {
        let t = Instant::now();
        let f = drafts::check(
            &messy,
            Platform::Pinduoduo,
            Channel::Public,
            haoping_core::Lang::Zh,
        );
        per_messy.push(t.elapsed());
        assert!(drafts::has_blocking(&f));
    }
    report(
        &format!("check (messy owner text, {} chars)", messy.chars().count()),
        per_messy,
        1.0,
    );

    let mut per_note = Vec::new();
    for _ in 0..2_000 {
        let t = Instant::now();
        let _ = drafts::check_remedy_note(
            "部分退款20元，补偿漏水问题；买家改好评后返现",
            Platform::Taobao,
        );
        per_note.push(t.elapsed());
    }
    report("check_remedy_note", per_note, 1.0);
    println!(
        "drafts with a blocking finding: {blocking} of {}",
        texts_out.len()
    );
    Ok(())
}
