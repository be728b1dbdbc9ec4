#![allow(clippy::unwrap_used, clippy::expect_used)] // a failure is the test failing

//! Nothing is ever half-written. Each write path (import, case status change, remedy
//! and promise save, outcome, contact log, evidence add, backup, restore, archive
//! import) runs in a child process that is killed with SIGKILL: at every transaction
//! boundary of its connection (just before and just after each commit), and at moments
//! drawn with a fixed seed over the time the operation takes. After each kill the
//! database is reopened and `doctor` runs: it must pass, and the data must be exactly
//! the data before the write or exactly the data after it, never anything between.

use chrono::{DateTime, Utc};
use haoping_core::appeals::{self, AppealInput, AppealReason};
use haoping_core::backup::{self, BackupReason};
use haoping_core::{db, demo, doctor, storage};
use std::collections::hash_map::DefaultHasher;
use std::fs;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const NOW: &str = "2026-11-23T03:00:00Z";
const SEED: u64 = 0x0048_414f_5049_4e47; // "HAOPING"
/// Random kill moments per operation (boundary kills come on top).
const RANDOM_KILLS: usize = 20;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(NOW)
        .unwrap()
        .with_timezone(&Utc)
}

/// A small, seeded generator (xorshift): the same kill moments on every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The tables that hold the owner's data, in a canonical text form. Derived tables the
/// scheduler recomputes (reminders) are left out; their consistency is doctor's.
const TABLES: &[&str] = &[
    "cases",
    "case_events",
    "contact_attempts",
    "remedies",
    "promises",
    "appeals",
    "evidence",
    "intake_reviews",
    "intake_imports",
    "review_stats",
    "settings",
    "triage_alert_hits",
];

fn fingerprint(db_path: &Path) -> u64 {
    let conn = db::open_read_only(db_path).unwrap();
    let mut h = DefaultHasher::new();
    for t in TABLES {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {t} ORDER BY 1, 2"))
            .unwrap();
        let cols = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            for i in 0..cols {
                format!("{:?}", r.get_ref(i).unwrap()).hash(&mut h);
            }
        }
        t.hash(&mut h);
    }
    h.finish()
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            fs::copy(e.path(), &target).unwrap();
        }
    }
}

struct Fixture {
    root: tempfile::TempDir,
    /// The data dir every run starts from: the demo shop with one draft appeal.
    data: PathBuf,
    /// An empty app's data dir, for the archive import.
    empty: PathBuf,
    work: PathBuf,
    cases: Vec<(&'static str, i64)>,
}

fn fixture() -> Fixture {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("template");
    let work = root.path().join("work");
    fs::create_dir_all(&work).unwrap();
    let db_path = data.join("haoping.db");
    let mut conn = storage::open(&db_path).unwrap();
    demo::load(&mut conn, now()).unwrap();
    let case = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let status_case = case("SELECT min(id) FROM cases WHERE status <> 'negotiating'");
    let outcome_case = case(&format!(
        "SELECT min(id) FROM cases WHERE status NOT IN ('resolved', 'closed') AND id <> {status_case}"
    ));
    let remedy_case = case("SELECT max(id) FROM cases");
    let promise_case = case("SELECT max(id) - 1 FROM cases");
    let appeal_case = case("SELECT min(id) FROM cases");
    appeals::create_appeal(
        &mut conn,
        appeal_case,
        &AppealInput {
            reason: Some(AppealReason::Extortion),
            ..Default::default()
        },
        "t",
        now(),
    )
    .unwrap();
    // A backup of this state, then a change, so a restore has something to undo.
    let b = backup::create_at(
        &conn,
        &data,
        &work.join("backup/haoping-restore.db"),
        BackupReason::Manual,
        now(),
    )
    .unwrap();
    assert!(b.good);
    conn.execute("DELETE FROM cases WHERE id % 3 = 0", [])
        .unwrap();
    // The archive of the whole shop, for the import into an empty app.
    backup::export_shop(&conn, &data, &work.join("shop.haoping"), now()).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    drop(conn);
    let empty = root.path().join("empty");
    drop(storage::open(&empty.join("haoping.db")).unwrap());

    // An export of 400 reviews from the shared data, and an evidence recording.
    let lines: Vec<String> =
        haoping_acceptance::read_lines(&haoping_acceptance::data_file("zh-waimai-10k.csv"))
            .take(401)
            .collect();
    fs::write(work.join("import.csv"), lines.join("\n")).unwrap();
    fs::write(work.join("录音.m4a"), vec![7u8; 300_000]).unwrap();
    Fixture {
        root,
        data,
        empty,
        work,
        cases: vec![
            ("CASE_STATUS", status_case),
            ("CASE_OUTCOME", outcome_case),
            ("CASE_REMEDY", remedy_case),
            ("CASE_PROMISE", promise_case),
        ],
    }
}

enum Kill {
    /// Let it finish.
    Never,
    /// At the n-th transaction boundary.
    AtBoundary(u32),
    /// After this long.
    After(Duration),
}

struct Outcome {
    finished: bool,
    boundaries: u32,
    elapsed: Duration,
}

fn run_child(f: &Fixture, op: &str, data: &Path, kill: &Kill) -> Outcome {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_crash-child"));
    cmd.args([op, data.to_str().unwrap(), f.work.to_str().unwrap()])
        .envs(f.cases.iter().map(|(k, v)| (*k, v.to_string())))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Kill::AtBoundary(n) = kill {
        cmd.env("CRASH_AT", n.to_string());
    }
    let started = Instant::now();
    let mut child = cmd.spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let killer = match kill {
        Kill::After(d) => {
            let d = *d;
            let pid = child.id();
            Some(std::thread::spawn(move || {
                std::thread::sleep(d);
                // SIGKILL, as a power cut or a task manager would; a process already gone
                // makes this fail harmlessly.
                let _ = Command::new("kill")
                    .args(["-9", &pid.to_string()])
                    .stderr(Stdio::null())
                    .status();
            }))
        }
        _ => None,
    };
    let mut boundaries = 0;
    let mut finished = false;
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap_or_default();
        if line.starts_with('B') {
            boundaries += 1;
        } else if line == "STOP" {
            child.kill().unwrap();
            break;
        } else if line == "DONE" {
            finished = true;
        }
    }
    let status = child.wait().unwrap();
    if let Some(k) = killer {
        k.join().unwrap();
    }
    if finished {
        // A timed kill may land between the child's last word and its exit.
        assert!(
            status.success() || matches!(kill, Kill::After(_)),
            "{op}: {status:?}"
        );
    } else if matches!(kill, Kill::Never) {
        let mut err = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
        panic!("{op} failed: {status:?} {err}");
    }
    Outcome {
        finished,
        boundaries,
        elapsed: started.elapsed(),
    }
}

/// After a kill: the database opens, passes doctor, and holds the before or the after.
fn check_after_kill(op: &str, data: &Path, before: u64, after: u64, what: &str) {
    let db_path = data.join("haoping.db");
    // Opening recovers the WAL as the app would at its next start.
    drop(storage::open(&db_path).unwrap_or_else(|e| panic!("{op} {what}: cannot reopen: {e}")));
    let report = doctor::run(&db_path).unwrap();
    assert!(report.ok, "{op} {what}: doctor found problems: {report:#?}");
    let state = fingerprint(&db_path);
    assert!(
        state == before || state == after,
        "{op} {what}: the data is neither the state before nor the state after"
    );
    // A backup that is listed as good is whole; a half-written one is never listed.
    for b in backup::list(data).unwrap().into_iter().filter(|b| b.good) {
        backup::verify_file(Path::new(&b.path))
            .unwrap_or_else(|e| panic!("{op} {what}: a listed backup is broken: {e}"));
    }
}

#[test]
fn a_write_killed_at_any_point_leaves_the_state_before_or_after() {
    let f = fixture();
    let mut rng = Rng(SEED);
    let mut tried = 0usize;
    let ops = [
        "import",
        "status",
        "remedy",
        "promise",
        "outcome",
        "contact",
        "evidence",
        "backup",
        "restore",
        "archive_import",
    ];
    for op in ops {
        let template = if op == "archive_import" {
            &f.empty
        } else {
            &f.data
        };
        let before = fingerprint(&template.join("haoping.db"));
        // The uninterrupted run: the state after, its boundaries and its duration.
        let reference = f.root.path().join(format!("{op}-reference"));
        copy_dir(template, &reference);
        let full = run_child(&f, op, &reference, &Kill::Never);
        assert!(full.finished);
        let after = fingerprint(&reference.join("haoping.db"));
        if !matches!(op, "backup") {
            assert_ne!(before, after, "{op} changed nothing");
        }
        let mut kills: Vec<Kill> = (1..=full.boundaries).map(Kill::AtBoundary).collect();
        let span = u64::try_from(full.elapsed.as_micros()).unwrap().max(1000);
        for _ in 0..RANDOM_KILLS {
            kills.push(Kill::After(Duration::from_micros(rng.below(span))));
        }
        for (i, kill) in kills.iter().enumerate() {
            let data = f.root.path().join(format!("{op}-{i}"));
            copy_dir(template, &data);
            let out = run_child(&f, op, &data, kill);
            let what = match kill {
                Kill::AtBoundary(n) => format!("killed at boundary {n}"),
                Kill::After(d) => format!("killed after {d:?}"),
                Kill::Never => unreachable!(),
            };
            if let Kill::AtBoundary(_) = kill {
                assert!(!out.finished, "{op}: the boundary kill came too late");
            }
            check_after_kill(op, &data, before, after, &what);
            fs::remove_dir_all(&data).unwrap();
            tried += 1;
        }
        eprintln!(
            "crash: {op}: {} boundaries, {} kill points, uninterrupted run {:?}",
            full.boundaries,
            kills.len(),
            full.elapsed
        );
    }
    eprintln!("crash: {tried} kill points tried");
    assert!(tried >= 200, "only {tried} kill points");
}
