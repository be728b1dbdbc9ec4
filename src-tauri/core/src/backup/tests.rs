#![allow(clippy::unwrap_used)] // tests: a failure is the test failing

use super::*;
use crate::appeals::{self, AppealInput, AppealReason};
use crate::db::{self, Connection};
use crate::storage;
use crate::{cases, demo};
use chrono::{DateTime, Duration, Utc};
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-23T03:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

struct Shop {
    _dir: tempfile::TempDir,
    data: PathBuf,
    db: PathBuf,
    conn: Connection,
}

/// The demo shop in a file database, with one appeal holding one evidence file.
fn shop() -> Shop {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = data.join("haoping.db");
    let mut conn = storage::open(&db).unwrap();
    demo::load(&mut conn, now()).unwrap();
    let case = cases::list(&conn, &Default::default()).unwrap().items[0].id;
    let appeal = appeals::create_appeal(
        &mut conn,
        case,
        &AppealInput {
            reason: Some(AppealReason::Extortion),
            ..Default::default()
        },
        "t",
        now(),
    )
    .unwrap();
    let shot = dir.path().join("聊天截图.png");
    fs::write(&shot, b"\x89PNG fake screenshot bytes").unwrap();
    appeals::add_evidence(&mut conn, &data, appeal.id, &shot, "t", now()).unwrap();
    Shop {
        _dir: dir,
        data,
        db,
        conn,
    }
}

fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_backup_is_verified_recorded_and_holds_the_evidence() {
    let s = shop();
    let info = create(&s.conn, &s.data, BackupReason::Manual, now()).unwrap();
    assert!(info.good);
    assert_eq!(info.reason, BackupReason::Manual);
    assert_eq!(info.counts, count_rows(&s.conn).unwrap());
    assert!(info.counts.cases > 40, "{:?}", info.counts);
    assert_eq!(info.evidence_files, 1);
    assert_eq!(info.evidence_missing, 0);
    let path = PathBuf::from(&info.path);
    assert!(path.starts_with(s.data.join("backups")));
    assert_eq!(fs::metadata(&path).unwrap().len(), info.size_bytes);
    // A self-contained file: rollback journal, nothing beside it.
    let copy = db::open_read_only(&path).unwrap();
    let mode: String = copy
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    let files = files_under(&s.data.join("backups"));
    assert!(
        files.iter().any(|f| f.starts_with("evidence/")),
        "{files:?}"
    );
    assert!(!files.iter().any(|f| f.ends_with("partial")), "{files:?}");
    assert!(verify_file(&path).unwrap().is_some());
    let listed = list(&s.data).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0], info);
    let st = status(&s.data, now() + Duration::days(1)).unwrap();
    assert!(!st.stale);
    assert!(status(&s.data, now() + Duration::days(3)).unwrap().stale);
}

#[test]
fn a_backup_taken_while_another_connection_writes_is_one_instant() {
    let s = shop();
    let db_path = s.db.clone();
    let writer = std::thread::spawn(move || {
        let mut c = storage::open(&db_path).unwrap();
        for i in 0..200 {
            let tx = db::begin_write(&mut c).unwrap();
            tx.execute(
                "INSERT INTO settings(key, value) VALUES (?1, 'x')",
                [format!("k{i}")],
            )
            .unwrap();
            tx.commit().unwrap();
        }
    });
    let mut made = Vec::new();
    for i in 0..5 {
        made.push(
            create(
                &s.conn,
                &s.data,
                BackupReason::Manual,
                now() + Duration::seconds(i),
            )
            .unwrap(),
        );
    }
    writer.join().unwrap();
    for b in made {
        assert!(b.good);
        verify_file(Path::new(&b.path)).unwrap();
    }
}

#[test]
fn a_changed_backup_is_refused_before_it_is_used() {
    let s = shop();
    let info = create(&s.conn, &s.data, BackupReason::Manual, now()).unwrap();
    let mut bytes = fs::read(&info.path).unwrap();
    let n = bytes.len();
    bytes[n - 100] ^= 0xff;
    fs::write(&info.path, &bytes).unwrap();
    let err = verify_file(Path::new(&info.path)).unwrap_err();
    assert_eq!(err.code(), "backup.damaged");
    let err = restore(&s.db, Path::new(&info.path), now()).unwrap_err();
    assert_eq!(err.code(), "backup.damaged");
}

#[test]
fn restore_brings_back_the_data_and_its_evidence_after_backing_up_what_was_there() {
    let mut s = shop();
    let before = count_rows(&s.conn).unwrap();
    let info = create(&s.conn, &s.data, BackupReason::Manual, now()).unwrap();
    // Lose work: cases deleted, the evidence file gone.
    s.conn
        .execute("DELETE FROM cases WHERE id % 2 = 0", [])
        .unwrap();
    fs::remove_dir_all(s.data.join("evidence")).unwrap();
    let other = storage::open(&s.db).unwrap();
    let report = restore(&s.db, Path::new(&info.path), now() + Duration::minutes(5)).unwrap();
    assert_eq!(report.counts, before);
    assert!(report.evidence_missing.is_empty());
    let prev = report.previous_backup.unwrap();
    assert_eq!(prev.reason, BackupReason::BeforeRestore);
    assert!(prev.counts.cases < before.cases);
    // Every open connection sees the restored data.
    assert_eq!(count_rows(&other).unwrap(), before);
    assert_eq!(count_rows(&s.conn).unwrap(), before);
    let mode: String = other
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let doctor = crate::doctor::run(&s.db).unwrap();
    assert!(doctor.ok, "{doctor:#?}");
    // Writes go on as before.
    let tx = db::begin_write(&mut s.conn).unwrap();
    tx.execute("INSERT INTO settings VALUES ('after', '1')", [])
        .unwrap();
    tx.commit().unwrap();
    assert!(!files_under(&s.data).iter().any(|f| f.contains("restoring")));
}

#[test]
fn a_backup_from_a_newer_version_is_refused() {
    let s = shop();
    let info = create(&s.conn, &s.data, BackupReason::Manual, now()).unwrap();
    let newer = s.data.join("newer.db");
    fs::copy(&info.path, &newer).unwrap();
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 999)
        .unwrap();
    let err = restore(&s.db, &newer, now()).unwrap_err();
    assert_eq!(err.code(), "backup.too_new");
    assert!(err.to_string().contains("newer.db"), "{err}");
    assert!(err.to_string().contains("newer Haoping"), "{err}");
}

#[test]
fn a_file_that_is_not_a_database_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("notes.db");
    fs::write(&bad, "这不是数据库，只是一段文字。".repeat(300)).unwrap();
    let err = storage::open(&bad).unwrap_err();
    assert_eq!(err.code(), "db.not_a_database");
    assert!(err.to_string().contains("notes.db"), "{err}");
    let err = storage::open_existing(&dir.path().join("typo/haoping.db")).unwrap_err();
    assert_eq!(err.code(), "db.missing");
    assert!(!dir.path().join("typo").exists(), "reads create nothing");
}

#[test]
fn restoring_over_a_damaged_database_keeps_it_aside_untouched() {
    let s = shop();
    let info = create(&s.conn, &s.data, BackupReason::Daily, now()).unwrap();
    let Shop {
        conn,
        db: db_path,
        data,
        _dir,
    } = s;
    drop(conn);
    // Garbage over everything after the first page.
    let mut bytes = fs::read(&db_path).unwrap();
    for b in bytes.iter_mut().skip(4096) {
        *b = 0x5a;
    }
    fs::write(&db_path, &bytes).unwrap();
    let _ = fs::remove_file(format!("{}-wal", db_path.display()));
    let _ = fs::remove_file(format!("{}-shm", db_path.display()));
    let err = storage::open(&db_path).unwrap_err();
    assert!(db::is_damage(err.code()), "{err}");
    let report = restore_newest(&db_path, now() + Duration::hours(1)).unwrap();
    assert_eq!(report.restored_from, info.path);
    let aside = PathBuf::from(report.damaged_kept_at.unwrap());
    assert_eq!(fs::read(&aside).unwrap(), bytes, "kept exactly as it was");
    assert!(report.previous_backup.is_none());
    let conn = storage::open(&db_path).unwrap();
    assert_eq!(count_rows(&conn).unwrap(), info.counts);
    drop(data);
}

#[test]
fn the_chosen_place_falls_back_when_missing_and_the_owner_is_told_once() {
    let s = shop();
    let usb = s.data.parent().unwrap().join("usb");
    fs::create_dir_all(&usb).unwrap();
    let place = choose_location(&s.data, Some(&usb)).unwrap();
    assert_eq!(place.dir, usb);
    let b = create(&s.conn, &s.data, BackupReason::Manual, now()).unwrap();
    assert!(Path::new(&b.path).starts_with(&usb));
    assert!(!status(&s.data, now()).unwrap().fallback_notice);
    fs::remove_dir_all(&usb).unwrap();
    let b = create(
        &s.conn,
        &s.data,
        BackupReason::Manual,
        now() + Duration::hours(1),
    )
    .unwrap();
    assert!(Path::new(&b.path).starts_with(s.data.join("backups")));
    let st = status(&s.data, now()).unwrap();
    assert!(st.fallback_notice);
    assert_eq!(st.chosen_dir.as_deref(), Some(usb.to_str().unwrap()));
    acknowledge_fallback(&s.data).unwrap();
    create(
        &s.conn,
        &s.data,
        BackupReason::Manual,
        now() + Duration::hours(2),
    )
    .unwrap();
    assert!(
        !status(&s.data, now()).unwrap().fallback_notice,
        "told once"
    );
    let err = choose_location(&s.data, Some(&usb)).unwrap_err();
    assert_eq!(err.code(), "backup.location_missing");
}

#[test]
fn retention_prunes_old_backups_but_never_the_newest_good_one() {
    let s = shop();
    for d in (0..20).rev() {
        create(
            &s.conn,
            &s.data,
            BackupReason::Daily,
            now() - Duration::days(d),
        )
        .unwrap();
    }
    create(
        &s.conn,
        &s.data,
        BackupReason::BeforeImport,
        now() - Duration::days(45),
    )
    .unwrap();
    // Each backup prunes by its own clock; the one made "45 days ago" is pruned today.
    prune(&s.data.join("backups"), now()).unwrap();
    let left = list(&s.data).unwrap();
    assert!(left.len() <= 11, "{}", left.len());
    assert!(left.iter().all(|b| b.reason == BackupReason::Daily));
    assert_eq!(left[0].created_at, now());
    // The evidence store still holds what the kept backups need.
    assert!(files_under(&s.data.join("backups"))
        .iter()
        .any(|f| f.starts_with("evidence/")));
}

fn rewrite_zip(
    from: &Path,
    to: &Path,
    change: impl Fn(&str, Vec<u8>) -> Option<Vec<u8>>,
    extra: Option<(&str, &[u8])>,
) {
    let mut src = zip::ZipArchive::new(fs::File::open(from).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(fs::File::create(to).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    for i in 0..src.len() {
        let mut e = src.by_index(i).unwrap();
        let name = e.name().unwrap().to_string();
        let mut bytes = Vec::new();
        e.read_to_end(&mut bytes).unwrap();
        if let Some(bytes) = change(&name, bytes) {
            out.start_file(name, opts).unwrap();
            out.write_all(&bytes).unwrap();
        }
    }
    if let Some((name, bytes)) = extra {
        out.start_file(name, opts).unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap();
}

#[test]
fn a_whole_shop_moves_to_another_computer_with_its_ids_and_evidence() {
    let s = shop();
    let out = s.data.parent().unwrap().join("我的店.haoping");
    let exported = export_shop(&s.conn, &s.data, &out, now()).unwrap();
    assert_eq!(exported.evidence_files, 1);
    assert_eq!(exported.counts, count_rows(&s.conn).unwrap());

    let other = tempfile::tempdir().unwrap();
    let db_path = other.path().join("data/haoping.db");
    drop(storage::open(&db_path).unwrap());
    let report = import_shop(&db_path, &out, now()).unwrap();
    assert_eq!(report.counts, exported.counts);
    assert_eq!(
        report.previous_backup.unwrap().reason,
        BackupReason::BeforeArchiveImport
    );
    let conn = storage::open(&db_path).unwrap();
    let ids = |c: &Connection| -> Vec<(i64, String)> {
        let mut st = c
            .prepare("SELECT id, review_text FROM cases ORDER BY id")
            .unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    assert_eq!(ids(&conn), ids(&s.conn));
    let doctor = crate::doctor::run(&db_path).unwrap();
    assert!(doctor.ok, "{doctor:#?}");

    // A second import into the now full database is refused.
    let err = import_shop(&db_path, &out, now()).unwrap_err();
    assert_eq!(err.code(), "archive.not_empty");
}

#[test]
fn damaged_truncated_or_tampered_archives_are_refused_by_name_and_nothing_is_written() {
    let s = shop();
    let root = s.data.parent().unwrap().to_path_buf();
    let good = root.join("good.haoping");
    export_shop(&s.conn, &s.data, &good, now()).unwrap();
    let target = tempfile::tempdir().unwrap();
    let db_path = target.path().join("haoping.db");
    drop(storage::open(&db_path).unwrap());
    let before = files_under(target.path());

    // Truncated.
    let bytes = fs::read(&good).unwrap();
    let cut = root.join("cut.haoping");
    fs::write(&cut, &bytes[..bytes.len() * 2 / 3]).unwrap();
    let err = import_shop(&db_path, &cut, now()).unwrap_err();
    assert_eq!(err.code(), "archive.unreadable", "{err}");
    assert_eq!(err.payload().path.as_deref(), Some(cut.to_str().unwrap()));

    // An evidence file altered, the manifest left alone.
    let altered = root.join("altered.haoping");
    rewrite_zip(
        &good,
        &altered,
        |name, mut b| {
            if name.starts_with("evidence/") {
                b[0] ^= 1;
            }
            Some(b)
        },
        None,
    );
    let err = import_shop(&db_path, &altered, now()).unwrap_err();
    assert_eq!(err.code(), "archive.tampered");
    assert!(
        err.payload().field.unwrap().starts_with("evidence/"),
        "{err}"
    );

    // The database swapped for another one.
    let swapped = root.join("swapped.haoping");
    rewrite_zip(
        &good,
        &swapped,
        |name, b| {
            if name == "database/haoping.db" {
                let mut b = b;
                let n = b.len();
                b[n - 10] ^= 0x40;
                return Some(b);
            }
            Some(b)
        },
        None,
    );
    let err = import_shop(&db_path, &swapped, now()).unwrap_err();
    assert_eq!(err.code(), "archive.tampered");
    assert_eq!(
        err.payload().field.as_deref(),
        Some("database/haoping.db"),
        "{err}"
    );

    // An entry slipped in.
    let extra = root.join("extra.haoping");
    rewrite_zip(
        &good,
        &extra,
        |_, b| Some(b),
        Some(("../../evil.sh", b"rm -rf /")),
    );
    let err = import_shop(&db_path, &extra, now()).unwrap_err();
    assert_eq!(err.code(), "archive.tampered");
    assert!(err.to_string().contains("evil.sh"), "{err}");

    // An entry removed.
    let missing = root.join("missing.haoping");
    rewrite_zip(
        &good,
        &missing,
        |name, b| (!name.starts_with("evidence/")).then_some(b),
        None,
    );
    let err = import_shop(&db_path, &missing, now()).unwrap_err();
    assert_eq!(err.code(), "archive.damaged");
    assert!(err.to_string().contains("evidence/"), "{err}");

    assert_eq!(files_under(target.path()), before, "nothing written");
    assert_eq!(
        count_rows(&storage::open(&db_path).unwrap()).unwrap().cases,
        0
    );
}

#[test]
fn doctor_passes_the_demo_shop_names_broken_invariants_and_changes_nothing() {
    let s = shop();
    // Reminders materialised, as the app's scheduler does.
    crate::followup::sync(&mut storage::open(&s.db).unwrap(), now()).unwrap();
    let report = crate::doctor::run(&s.db).unwrap();
    assert!(report.ok, "{report:#?}");
    s.conn
        .execute("UPDATE cases SET status = 'resolved' WHERE id = 1", [])
        .unwrap();
    s.conn
        .execute(
            "UPDATE cases SET delivered_cost_cents = 99999 WHERE id = 2",
            [],
        )
        .unwrap();
    let ev: String = s
        .conn
        .query_row("SELECT stored_path FROM evidence LIMIT 1", [], |r| r.get(0))
        .unwrap();
    fs::write(evidence_file(&s.data, &ev).unwrap(), b"swapped").unwrap();
    let snapshot = |p: &Path| -> Vec<(String, Vec<u8>)> {
        ["", "-wal", "-shm"]
            .iter()
            .filter_map(|x| {
                let f = format!("{}{x}", p.display());
                fs::read(&f).ok().map(|b| (f, b))
            })
            .collect()
    };
    let before = snapshot(&s.db);
    let report = crate::doctor::run(&s.db).unwrap();
    assert_eq!(snapshot(&s.db), before, "doctor never writes");
    assert!(!report.ok);
    let failed: Vec<&str> = report
        .checks
        .iter()
        .filter(|c| !c.ok)
        .map(|c| c.name.as_str())
        .collect();
    for name in ["case_status_history", "remedy_totals", "evidence_files"] {
        assert!(failed.contains(&name), "{name}: {report:#?}");
    }
    let history = report
        .checks
        .iter()
        .find(|c| c.name == "case_status_history")
        .unwrap();
    assert!(
        history.problems[0].starts_with("case 1 is resolved"),
        "{history:?}"
    );
}
