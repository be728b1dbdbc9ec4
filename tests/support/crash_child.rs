//! A write path run in a process of its own, for the crash tests to kill. Every
//! transaction boundary of its connection (just before a commit, just after one) is
//! announced on stdout as `B<n>`; with `CRASH_AT=<n>` the process stops at that boundary
//! and waits to be killed there. The operations are the real core functions.

use chrono::{DateTime, Utc};
use haoping_core::appeals;
use haoping_core::backup::{self, BackupReason};
use haoping_core::cases::{self, CaseStatus};
use haoping_core::followup::{self, ContactChannel, ContactOutcome, NewContact};
use haoping_core::intake::{self, ImportOptions};
use haoping_core::remedies::{self, Outcome, PromiseInput, RemedyInput, RemedyKind};
use haoping_core::{db, storage, CoreError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

/// Every child works at the same instant, so two uninterrupted runs write the same rows.
pub const NOW: &str = "2026-11-23T03:00:00Z";

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(NOW)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn boundary(counter: &AtomicU32, stop_at: u32) {
    let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
    let mut out = std::io::stdout();
    let _ = writeln!(out, "B{n}");
    let _ = out.flush();
    if n == stop_at {
        let _ = writeln!(out, "STOP");
        let _ = out.flush();
        loop {
            std::thread::sleep(std::time::Duration::from_secs(60));
        }
    }
}

fn open_hooked(path: &Path, stop_at: u32) -> Result<db::Connection, CoreError> {
    let mut conn = storage::open(path)?;
    let counter = Arc::new(AtomicU32::new(0));
    let before = Arc::clone(&counter);
    conn.commit_hook(Some(move || {
        boundary(&before, stop_at);
        false
    }))?;
    let after = Arc::clone(&counter);
    conn.wal_hook(Some(move |_: &mut rusqlite::hooks::Wal, _pages: i32| {
        boundary(&after, stop_at);
        Ok(())
    }))?;
    Ok(conn)
}

fn run(op: &str, data: &Path, work: &Path, stop_at: u32) -> Result<(), CoreError> {
    let db_path = data.join("haoping.db");
    match op {
        "import" => {
            let mut c = open_hooked(&db_path, stop_at)?;
            let opts = ImportOptions {
                actor: "crash".into(),
                ..Default::default()
            };
            intake::import(&mut c, &work.join("import.csv"), &opts, now(), &mut |_| {
                true
            })?;
        }
        "status" => {
            let mut c = open_hooked(&db_path, stop_at)?;
            cases::set_status(
                &mut c,
                target("CASE_STATUS"),
                CaseStatus::Negotiating,
                Some("崩溃测试"),
                "crash",
                now(),
            )?;
        }
        "remedy" => {
            let mut c = open_hooked(&db_path, stop_at)?;
            let input = RemedyInput {
                kind: Some(RemedyKind::PartialRefund),
                value: "20".into(),
                due_at: Some(now() + chrono::Duration::days(1)),
                ..Default::default()
            };
            remedies::add_remedy(&mut c, target("CASE_REMEDY"), &input, "crash", now())?;
        }
        "promise" => {
            let mut c = open_hooked(&db_path, stop_at)?;
            let input = PromiseInput {
                text: "明天下午补发配件".into(),
                due_at: Some(now() + chrono::Duration::days(1)),
                note: String::new(),
            };
            remedies::add_promise(&mut c, target("CASE_PROMISE"), &input, "crash", now())?;
        }
        "outcome" => {
            let mut c = open_hooked(&db_path, stop_at)?;
            remedies::close_case(
                &mut c,
                target("CASE_OUTCOME"),
                Outcome::ReviewRevised,
                Some(5),
                None,
                "crash",
                now(),
            )?;
        }
        "contact" => {
            let mut c = open_hooked(&db_path, stop_at)?;
            let input = NewContact {
                case_id: first_new_case(&c)?,
                channel: ContactChannel::Phone,
                outcome: ContactOutcome::Replied,
                note: Some("买家说可以换货".into()),
                at: Some(now()),
                call_back_at: None,
                agreed_update_at: None,
            };
            followup::log_contact(&mut c, &input, "crash", now())?;
        }
        "evidence" => {
            let mut c = open_hooked(&db_path, stop_at)?;
            appeals::add_evidence(&mut c, data, 1, &work.join("录音.m4a"), "crash", now())?;
        }
        "backup" => {
            let c = open_hooked(&db_path, stop_at)?;
            backup::create(&c, data, BackupReason::Manual, now())?;
        }
        "restore" => {
            backup::restore(&db_path, &work.join("backup/haoping-restore.db"), now())?;
        }
        "archive_import" => {
            backup::import_shop(&db_path, &work.join("shop.haoping"), now())?;
        }
        other => panic!("unknown operation {other}"),
    }
    Ok(())
}

/// The case an operation works on, chosen by the test (`CASE_STATUS`, `CASE_REMEDY`…).
fn target(name: &str) -> i64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{name} must name a case"))
}

fn first_new_case(c: &db::Connection) -> Result<i64, CoreError> {
    Ok(
        c.query_row("SELECT min(id) FROM cases WHERE status = 'new'", [], |r| {
            r.get(0)
        })?,
    )
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, op, data, work] = args.as_slice() else {
        eprintln!("usage: crash-child <operation> <data dir> <work dir>");
        std::process::exit(2);
    };
    let stop_at = std::env::var("CRASH_AT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    match run(op, &PathBuf::from(data), &PathBuf::from(work), stop_at) {
        Ok(()) => println!("DONE"),
        Err(e) => {
            eprintln!("{op} failed: {e}");
            std::process::exit(1);
        }
    }
}
