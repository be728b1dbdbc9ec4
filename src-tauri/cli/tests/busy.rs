#![allow(clippy::unwrap_used, clippy::expect_used)] // a failure is the test failing

//! Busy is not broken. While one process imports 62,774 reviews (the whole of
//! ../shared/data/zh-online-shopping-10-cats.csv), other processes make 100+ writes of
//! every kind through the CLI and this process runs the app's reminder scheduler path
//! (`followup::tick`) over and over. Every write waits its turn and succeeds, nothing is
//! lost, and `doctor` passes at the end.

use chrono::Utc;
use haoping_core::{doctor, followup, storage};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn cli(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_haoping-cli"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn ok(out: &Output, what: &str) {
    assert!(
        out.status.success(),
        "{what} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn shared(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(name)
}

#[test]
fn writes_wait_for_a_long_import_and_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("haoping.db");
    ok(&cli(&db_path, &["demo"]), "demo");
    let cases_before: i64 = storage::open(&db_path)
        .unwrap()
        .query_row("SELECT count(*) FROM cases", [], |r| r.get(0))
        .unwrap();

    let file = shared("zh-online-shopping-10-cats.csv");
    let import_db = db_path.clone();
    let import =
        std::thread::spawn(move || cli(&import_db, &["import", file.to_str().unwrap(), "--json"]));
    // Let the import take the write lock first.
    std::thread::sleep(Duration::from_millis(500));

    // The app's scheduler, in this process, all along.
    let stop = Arc::new(AtomicBool::new(false));
    let scheduler = {
        let stop = Arc::clone(&stop);
        let path = db_path.clone();
        std::thread::spawn(move || {
            let mut conn = storage::open(&path).unwrap();
            let mut rounds = 0u32;
            while !stop.load(Ordering::SeqCst) {
                followup::tick(&mut conn, Utc::now()).expect("a scheduler round failed");
                rounds += 1;
                std::thread::sleep(Duration::from_millis(200));
            }
            rounds
        })
    };

    // 120 writes of six kinds from other processes, four at a time.
    let started = Instant::now();
    let mut writes: Vec<Vec<String>> = Vec::new();
    for i in 0..20 {
        let case = (i % 5 + 1).to_string();
        writes.push(
            [
                "add",
                "--platform",
                "jd",
                "--product",
                &format!("并发商品{i}"),
                "--stars",
                "1",
                "--review",
                &format!("并发写入第{i}条：质量太差"),
            ]
            .map(String::from)
            .to_vec(),
        );
        writes.push(
            [
                "contact",
                &case,
                "--channel",
                "phone",
                "--outcome",
                "no_answer",
            ]
            .map(String::from)
            .to_vec(),
        );
        writes.push(
            [
                "remedies", "add", "--case", &case, "--kind", "coupon", "--value", "5",
            ]
            .map(String::from)
            .to_vec(),
        );
        writes.push(
            [
                "remedies",
                "promise",
                "--case",
                &case,
                "--text",
                &format!("第{i}次回电"),
                "--due",
                "2026-12-30 10:00",
            ]
            .map(String::from)
            .to_vec(),
        );
        writes.push(
            [
                "triage-rules",
                "add-keyword",
                "--cause",
                "quality",
                "--term",
                &format!("并发词{i}"),
            ]
            .map(String::from)
            .to_vec(),
        );
        writes.push(
            [
                "remedies", "add", "--case", &case, "--kind", "points", "--value", "1",
            ]
            .map(String::from)
            .to_vec(),
        );
    }
    let total = writes.len();
    let failures: Vec<String> = std::thread::scope(|s| {
        let chunks: Vec<Vec<Vec<String>>> = writes.chunks(total / 4).map(|c| c.to_vec()).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                let path = db_path.clone();
                s.spawn(move || {
                    chunk
                        .iter()
                        .filter_map(|w| {
                            let args: Vec<&str> = w.iter().map(String::as_str).collect();
                            let out = cli(&path, &args);
                            (!out.status.success())
                                .then(|| format!("{w:?}: {}", String::from_utf8_lossy(&out.stderr)))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    let writes_took = started.elapsed();
    let imported = import.join().unwrap();
    stop.store(true, Ordering::SeqCst);
    let rounds = scheduler.join().unwrap();
    ok(&imported, "import");
    assert!(
        failures.is_empty(),
        "{} of {total} writes failed: {failures:#?}",
        failures.len()
    );
    assert!(total >= 100);
    assert!(rounds > 0);

    let report: serde_json::Value = serde_json::from_slice(&imported.stdout).unwrap();
    let conn = storage::open(&db_path).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let new = report["new"].as_i64().unwrap();
    assert_eq!(count("SELECT count(*) FROM cases"), cases_before + new + 20);
    assert_eq!(
        count("SELECT count(*) FROM cases WHERE product LIKE '并发商品%'"),
        20
    );
    assert_eq!(
        count("SELECT count(*) FROM promises WHERE text LIKE '第%次回电'"),
        20
    );
    assert_eq!(
        count("SELECT count(*) FROM triage_keywords WHERE term LIKE '并发词%'"),
        20
    );
    assert_eq!(report["rows_read"].as_i64().unwrap(), 62_774);
    let d = doctor::run(&db_path).unwrap();
    assert!(d.ok, "{d:#?}");
    eprintln!(
        "busy: {total} writes in {writes_took:?} beside the import; {rounds} scheduler rounds"
    );
}
