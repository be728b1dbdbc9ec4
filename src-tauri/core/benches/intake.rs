//! Intake throughput and memory: 100,000 and 1,000,000 generated export rows parsed,
//! deduplicated and stored, beside the sqlite3 shell's bare `.import` of the same file.
//!
//! Run: `cargo bench -p haoping-core --bench intake` (add `-- --quick` to skip the
//! million-row run).

// A benchmark that cannot set itself up has nothing to measure: stopping there is right.
#![allow(clippy::expect_used)]

use chrono::{DateTime, Duration, Utc};
use haoping_core::intake::{self, ImportOptions};
use haoping_core::storage;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn data(name: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")).join(name)
}

/// (negative?, text) from the two large Chinese sets.
fn texts() -> Vec<(bool, String)> {
    let mut out = Vec::new();
    for (file, label_col, text_col) in [
        ("zh-online-shopping-10-cats.csv", 1, 2),
        ("zh-waimai-10k.csv", 0, 1),
    ] {
        let mut r = csv::Reader::from_path(data(file)).expect("shared data present");
        for rec in r.records().flatten() {
            let text = rec.get(text_col).unwrap_or("").replace('\u{FEFF}', "");
            if !text.trim().is_empty() {
                out.push((rec.get(label_col) == Some("0"), text));
            }
        }
    }
    out
}

/// A Taobao open-platform style export (`tid, oid, nick, result, created, item_title,
/// item_price, content, reply`), rows resampled from the real texts with a little noise;
/// `negative_per_mille` of them bad or neutral.
fn generate(path: &Path, rows: usize, pool: &[(bool, String)], negative_per_mille: u64) {
    let negatives: Vec<&String> = pool.iter().filter(|(n, _)| *n).map(|(_, t)| t).collect();
    let positives: Vec<&String> = pool.iter().filter(|(n, _)| !*n).map(|(_, t)| t).collect();
    let mut w =
        std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path).expect("create"));
    writeln!(
        w,
        "tid,oid,nick,result,created,item_title,item_price,content,reply"
    )
    .expect("write");
    let start = DateTime::parse_from_rfc3339("2024-01-01T00:00:00+08:00").expect("date");
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let products = [
        "保温杯 500ml",
        "蓝牙耳机",
        "电热水壶",
        "棉袜五双装",
        "儿童雨衣",
        "手机壳",
        "洗发水 400ml",
        "床上四件套",
    ];
    for i in 0..rows {
        let negative = next() % 1000 < negative_per_mille;
        let side = if negative { &negatives } else { &positives };
        let text = side[(next() % side.len() as u64) as usize];
        let result = if negative {
            if next() % 4 == 0 {
                "neutral"
            } else {
                "bad"
            }
        } else {
            "good"
        };
        let at = start + Duration::seconds((next() % (300 * 86_400)) as i64);
        let product = products[(next() % products.len() as u64) as usize];
        let noise = ["", "。", "！", "～", "…"][(next() % 5) as usize];
        let reply = if next() % 10 == 0 {
            "亲，非常抱歉，已为您安排处理"
        } else {
            ""
        };
        let content = format!("{text}{noise}").replace('"', "\"\"");
        writeln!(
            w,
            "{},{},{}***{},{result},{},{product},{}.{:02},\"{content}\",{reply}",
            3_700_000_000_000_000_000u64 + i as u64,
            i,
            (b'a' + (next() % 26) as u8) as char,
            next() % 10,
            at.format("%Y-%m-%d %H:%M:%S"),
            10 + next() % 200,
            next() % 100,
        )
        .expect("write");
    }
    w.flush().expect("flush");
}

fn status_kb(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

/// Resets the kernel's peak-RSS mark so each phase is measured on its own.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// CPU seconds (user + system) from /proc: this process's own, and that of its children
/// it has waited for (the sqlite3 shell). On a shared machine the wall clock also counts
/// other people's work.
fn cpu_times() -> (f64, f64) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime, stime, cutime, cstime are fields 14–17 of the line, 12–15 after the name.
    (
        (ticks(11) + ticks(12)) / 100.0,
        (ticks(13) + ticks(14)) / 100.0,
    )
}

fn cpu_secs() -> f64 {
    cpu_times().0
}

struct Run {
    secs: f64,
    cpu: f64,
    rows: u64,
    new: u64,
    duplicates: u64,
    peak_kb: u64,
    base_kb: u64,
    /// The search index's catch-up after the import (the app runs it in the background,
    /// the CLI before it exits): wall and CPU seconds.
    index_secs: f64,
    index_cpu: f64,
}

fn import(db_path: &Path, file: &Path, now: DateTime<Utc>) -> Run {
    let mut conn = storage::open(db_path).expect("db");
    reset_peak();
    let base_kb = status_kb("VmRSS:");
    let cpu0 = cpu_secs();
    let t = Instant::now();
    let r = intake::import(
        &mut conn,
        file,
        &ImportOptions {
            shop: "基准店".into(),
            ..Default::default()
        },
        now,
        &mut |_| true,
    )
    .expect("import");
    let secs = t.elapsed().as_secs_f64();
    let cpu = cpu_secs() - cpu0;
    let t = Instant::now();
    haoping_core::cases::catch_up_search_all(&mut conn).expect("search index");
    Run {
        index_secs: t.elapsed().as_secs_f64(),
        index_cpu: cpu_secs() - cpu0 - cpu,
        secs,
        cpu,
        rows: r.rows_read,
        new: r.new,
        duplicates: r.duplicates,
        peak_kb: status_kb("VmHWM:"),
        base_kb,
    }
}

/// The sqlite3 shell's `.import` of the file into a bare table: (wall, CPU) seconds.
fn sqlite3_import(dir: &Path, file: &Path) -> Option<(f64, f64)> {
    let shell = std::process::Command::new("sqlite3")
        .arg("-version")
        .output()
        .ok()?;
    if !shell.status.success() {
        return None;
    }
    let db = dir.join("bare.db");
    let _ = std::fs::remove_file(&db);
    let cpu0 = cpu_times().1;
    let t = Instant::now();
    let out = std::process::Command::new("sqlite3")
        .arg(&db)
        .arg(".mode csv")
        .arg(format!(".import {} bare", file.display()))
        .output()
        .ok()?;
    let secs = t.elapsed().as_secs_f64();
    let cpu = cpu_times().1 - cpu0;
    out.status.success().then_some((secs, cpu))
}

fn report(label: &str, r: &Run) {
    println!(
        "{label}: {} rows in {:.2} s wall, {:.2} s CPU ({:.0} rows/s), {} new cases, {} duplicates; RSS before {} MB, peak {} MB (+{} MB)",
        r.rows,
        r.secs,
        r.cpu,
        r.rows as f64 / r.secs,
        r.new,
        r.duplicates,
        r.base_kb / 1024,
        r.peak_kb / 1024,
        r.peak_kb.saturating_sub(r.base_kb) / 1024
    );
    if r.new > 0 {
        println!(
            "    then the search index's catch-up: {:.2} s wall, {:.2} s CPU",
            r.index_secs, r.index_cpu
        );
    }
}

/// A typical shop: 8 % of reviews bad or neutral. The harsh mix: half of them, as in
/// the research sets the texts come from.
const TYPICAL: u64 = 80;
const HARSH: u64 = 500;

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    // `--only=typical` or `--only=harsh`: one file, for profiling.
    let only: Option<String> =
        std::env::args().find_map(|a| a.strip_prefix("--only=").map(str::to_string));
    let now = DateTime::parse_from_rfc3339("2026-11-20T04:00:00Z")
        .expect("date")
        .with_timezone(&Utc);
    let pool = texts();
    let dir = tempfile::tempdir().expect("tempdir");
    println!("intake bench (wall time includes whatever else the machine runs; CPU time is this process's)");

    let mut typical = None;
    for (label, share, name) in [
        ("typical shop, 8% bad/neutral", TYPICAL, "typical"),
        ("harsh, 50% bad/neutral", HARSH, "harsh"),
    ] {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let file = dir.path().join(format!("export-100k-{share}.csv"));
        generate(&file, 100_000, &pool, share);
        let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        println!("100,000-row export, {label}, {:.1} MB", size as f64 / 1e6);
        let db_path = dir.path().join(format!("h100k-{share}.db"));
        let first = import(&db_path, &file, now);
        report("  import (new db)", &first);
        let again = import(&db_path, &file, now);
        report("  re-import (all known)", &again);
        match sqlite3_import(dir.path(), &file) {
            Some((secs, cpu)) => println!(
                "  sqlite3 .import into a bare table: {secs:.2} s wall, {cpu:.2} s CPU; \
                 intake / sqlite3 = {:.1}x wall, {:.1}x CPU; with the search index's \
                 catch-up {:.1}x wall, {:.1}x CPU",
                first.secs / secs,
                first.cpu / cpu.max(0.01),
                (first.secs + first.index_secs) / secs,
                (first.cpu + first.index_cpu) / cpu.max(0.01)
            ),
            None => println!("  sqlite3 shell not found: .import comparison skipped"),
        }
        println!(
            "  target < 2 s for 100k: {} (wall), {} (CPU)",
            if first.secs < 2.0 { "met" } else { "not met" },
            if first.cpu < 2.0 { "met" } else { "not met" }
        );
        if share == TYPICAL {
            typical = Some(first);
        }
    }

    if quick || only.is_some() {
        return;
    }
    let big = dir.path().join("export-1m.csv");
    generate(&big, 1_000_000, &pool, TYPICAL);
    let size = std::fs::metadata(&big).map(|m| m.len()).unwrap_or(0);
    println!(
        "1,000,000-row export, typical shop, {:.1} MB",
        size as f64 / 1e6
    );
    let million = import(&dir.path().join("h1m.db"), &big, now);
    report("  import (new db)", &million);
    if let Some(first) = typical {
        println!(
            "  peak memory above the starting RSS, 1M vs 100k rows: {} MB vs {} MB",
            million.peak_kb.saturating_sub(million.base_kb) / 1024,
            first.peak_kb.saturating_sub(first.base_kb) / 1024
        );
    }
    if let Some((secs, cpu)) = sqlite3_import(dir.path(), &big) {
        println!(
            "  sqlite3 .import 1M: {secs:.2} s wall, {cpu:.2} s CPU; intake / sqlite3 = {:.1}x wall, {:.1}x CPU",
            million.secs / secs,
            million.cpu / cpu.max(0.01)
        );
    }
}
