//! Triage speed: reviews labelled per second on one core (real Chinese and English review
//! texts, resampled), with and without the owner's keywords and alerts; and a re-triage of
//! 1,000,000 stored cases after a keyword edit, in batches, with the longest time the
//! database's write lock is held by one batch (what the app's own writes may wait); then
//! the notification round over the alert hits that relabel found.
//!
//! Run: `cargo bench -p haoping-core --bench triage` (add `-- --quick` for 100,000 stored
//! cases instead of a million).

// A benchmark that cannot set itself up has nothing to measure: stopping there is right.
#![allow(clippy::expect_used)]

use chrono::{DateTime, Utc};
use haoping_core::cases::Cause;
use haoping_core::triage::{
    self, classify, classify_with, KeywordAlert, NewKeyword, OwnerKeyword, Rules, TriageInput,
};
use haoping_core::{db, storage};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The shared review data: `HAOPING_DATA` if set (a checkout that does not sit next to
/// `shared/`), else the workspace's `../shared/data`.
fn data(name: &str) -> PathBuf {
    std::env::var_os("HAOPING_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")).to_path_buf()
        })
        .join(name)
}

/// Review texts from four of the shared sets (negatives and positives alike).
fn texts() -> Vec<String> {
    let mut out = Vec::new();
    for (file, col, tab) in [
        ("zh-online-shopping-10-cats.csv", 2, false),
        ("zh-waimai-10k.csv", 1, false),
        ("en-amazon-alexa.tsv", 3, true),
        ("en-womens-clothing-reviews.csv", 4, false),
    ] {
        let mut r = csv::ReaderBuilder::new()
            .delimiter(if tab { b'\t' } else { b',' })
            .flexible(true)
            .from_path(data(file))
            .expect("shared data present");
        for rec in r.records().flatten() {
            let text = rec.get(col).unwrap_or("").replace('\u{FEFF}', "");
            if !text.trim().is_empty() {
                out.push(text);
            }
        }
    }
    out
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// The pool resampled to `n` reviews, some with a small edit so they are not all repeats.
fn resample(pool: &[String], n: usize, rng: &mut Rng) -> Vec<String> {
    let tails = [
        "",
        "",
        "",
        "！！",
        "，差评",
        " 失望",
        "。物流太慢",
        " not happy",
    ];
    (0..n)
        .map(|_| {
            let t = &pool[(rng.next() % pool.len() as u64) as usize];
            let tail = tails[(rng.next() % tails.len() as u64) as usize];
            format!("{t}{tail}")
        })
        .collect()
}

fn owner_rules() -> Rules {
    let kw = |id, cause, term: &str, product: &str| OwnerKeyword {
        id,
        cause,
        term: term.into(),
        product: product.into(),
    };
    let alert = |id, term: &str| KeywordAlert {
        id,
        term: term.into(),
        product: String::new(),
        enabled: true,
    };
    Rules::default()
        .with_keywords(vec![
            kw(1, Cause::Quality, "水垢", "水壶"),
            kw(2, Cause::Quality, "漏水", ""),
            kw(3, Cause::Logistics, "中通", ""),
            kw(4, Cause::Service, "小王", ""),
            kw(5, Cause::Packaging, "泡沫箱", ""),
            kw(6, Cause::Quality, "squeaks", ""),
            kw(7, Cause::NotAsDescribed, "偏黄", ""),
            kw(8, Cause::Price, "涨价", ""),
            kw(9, Cause::Quality, "断电", ""),
            kw(10, Cause::ShippingError, "少了盖子", ""),
        ])
        .with_alerts(vec![
            alert(1, "漏电"),
            alert(2, "起火"),
            alert(3, "过敏"),
            alert(4, "12315"),
            alert(5, "lawyer"),
        ])
}

/// Time this thread has spent on a CPU (Linux), so that a busy machine, where wall time
/// also counts the waits for a core, still gives the speed per core.
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

fn classify_speed(reviews: &[String]) {
    let bytes: usize = reviews.iter().map(String::len).sum();
    println!(
        "classify: {} reviews, {:.1} MB, mean {} bytes",
        reviews.len(),
        bytes as f64 / 1e6,
        bytes / reviews.len()
    );
    // Warm-up builds the lexicon (once per process).
    let t0 = Instant::now();
    black_box(classify(&TriageInput {
        text: "预热",
        ..Default::default()
    }));
    println!(
        "  lexicon compiled in {:.1} ms",
        t0.elapsed().as_secs_f64() * 1e3
    );

    let rules = owner_rules();
    for (name, with_rules) in [
        ("built-in lexicon", false),
        ("with 10 keywords + 5 alerts", true),
    ] {
        let mut best = Duration::MAX;
        let mut best_cpu: Option<Duration> = None;
        for _ in 0..3 {
            let cpu = thread_cpu_time();
            let t = Instant::now();
            for r in reviews {
                let input = TriageInput {
                    text: r,
                    stars: 1,
                    product: "电热水壶",
                    ..Default::default()
                };
                if with_rules {
                    black_box(classify_with(&input, &rules));
                } else {
                    black_box(classify(&input));
                }
            }
            best = best.min(t.elapsed());
            if let (Some(before), Some(after)) = (cpu, thread_cpu_time()) {
                let used = after.saturating_sub(before);
                best_cpu = Some(best_cpu.map_or(used, |b| b.min(used)));
            }
        }
        let secs = best.as_secs_f64();
        println!(
            "  {name}: {:.0} reviews/s, {:.1} MB/s, {:.2} µs/review (best of 3, one thread)",
            reviews.len() as f64 / secs,
            bytes as f64 / 1e6 / secs,
            secs * 1e6 / reviews.len() as f64
        );
        if let Some(cpu) = best_cpu {
            let secs = cpu.as_secs_f64();
            println!(
                "    on the CPU: {:.0} reviews per core-second, {:.2} µs/review",
                reviews.len() as f64 / secs,
                secs * 1e6 / reviews.len() as f64
            );
        }
    }
}

fn fill(conn: &mut db::Connection, reviews: &[String], now: DateTime<Utc>) {
    let products = [
        "电热水壶",
        "连衣裙",
        "蓝牙耳机",
        "洗发水",
        "Echo Dot",
        "苹果 5斤装",
    ];
    let tx = conn.transaction().expect("tx");
    {
        let mut stmt = tx
            .prepare(
                "INSERT INTO cases(platform, product, buyer_nick, stars, review_text, review_time,
                    has_photos, labels_locked, created_at, updated_at)
                 VALUES ('taobao', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?5, ?5)",
            )
            .expect("prepare");
        for (i, r) in reviews.iter().enumerate() {
            stmt.execute(rusqlite::params![
                products[i % products.len()],
                format!("buyer{}", i % 50_000),
                1 + (i % 3) as i64,
                r,
                now,
                i % 4 == 0,
                // One case in a hundred carries the owner's own labels.
                i % 100 == 0,
            ])
            .expect("insert");
        }
    }
    tx.commit().expect("commit");
}

fn retriage_speed(reviews: &[String]) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bench.db");
    let mut conn = storage::open(&path).expect("open");
    let now = Utc::now();
    let t = Instant::now();
    fill(&mut conn, reviews, now);
    println!(
        "retriage: {} stored cases (filled in {:.1} s)",
        reviews.len(),
        t.elapsed().as_secs_f64()
    );

    // The owner adds a keyword: every stored case must be looked at again.
    triage::add_keyword(
        &conn,
        &NewKeyword {
            cause: Some(Cause::Quality),
            term: "水垢".into(),
            product: String::new(),
        },
        now,
    )
    .expect("keyword");
    triage::add_alert(
        &conn,
        &triage::NewAlert {
            term: "漏电".into(),
            product: String::new(),
        },
        now,
    )
    .expect("alert");

    for run in ["first run (labels change)", "second run (nothing changes)"] {
        let start = Instant::now();
        let mut last = start;
        let mut first = Duration::ZERO;
        let mut longest = Duration::ZERO;
        let mut batches = 0;
        let summary = triage::retriage_all(&mut conn, now, &mut |_, _| {
            let t = Instant::now();
            // The first interval also holds the set-up queries (rules, repeat buyers),
            // which read without holding the write lock.
            if batches == 0 {
                first = t - last;
            } else {
                longest = longest.max(t - last);
            }
            last = t;
            batches += 1;
            true
        })
        .expect("retriage");
        let secs = start.elapsed().as_secs_f64();
        println!(
            "  {run}: {:.1} s, {:.0} cases/s, {} batches of up to {}, set-up + first batch \
             {:.0} ms, longest later batch {:.0} ms; changed {}, kept (owner-corrected) {}, \
             new alert hits {}",
            secs,
            summary.processed as f64 / secs,
            batches,
            triage::RETRIAGE_BATCH,
            first.as_secs_f64() * 1e3,
            longest.as_secs_f64() * 1e3,
            summary.changed,
            summary.locked,
            summary.new_alert_hits
        );
    }
    alert_round(&mut conn, now);
}

/// What the app does after a relabel marked many cases: the notification loop reads the
/// pending hits, words one grouped notice and marks them told; the alert list counts hits.
fn alert_round(conn: &mut db::Connection, now: DateTime<Utc>) {
    let t = Instant::now();
    let pending = triage::pending_alert_hits(conn).expect("pending");
    let read = t.elapsed();
    let notice = triage::alert_notice(&pending, haoping_core::Lang::Zh);
    let tx = conn.transaction().expect("tx");
    triage::mark_alerts_notified(&tx, &pending, now).expect("mark");
    tx.commit().expect("commit");
    let total = t.elapsed();
    let t = Instant::now();
    let usage = triage::alert_usage(conn).expect("usage");
    println!(
        "alerts: {} pending hits read in {:.0} ms, notified as one notice ({:?}) and marked in \
         {:.0} ms in all; alert list with hit counts in {:.1} ms ({} hits)",
        pending.len(),
        read.as_secs_f64() * 1e3,
        notice.map(|n| n.title),
        total.as_secs_f64() * 1e3,
        t.elapsed().as_secs_f64() * 1e3,
        usage.iter().map(|u| u.hits).sum::<u32>()
    );
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let pool = texts();
    println!("review pool: {} real texts", pool.len());
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    classify_speed(&resample(&pool, 200_000, &mut rng));
    let stored = if quick { 100_000 } else { 1_000_000 };
    retriage_speed(&resample(&pool, stored, &mut rng));
}
