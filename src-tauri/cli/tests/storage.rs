#![allow(clippy::unwrap_used, clippy::expect_used)] // a failure is the test failing

//! Reads create nothing, foreign files are named, and a full disk or a read-only folder
//! is a clear error with nothing half-written. The full disk and the read-only folder
//! are real: a small tmpfs in a private mount namespace (`unshare -rm`, no root needed).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_haoping-cli")
}

fn cli(db: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn reading_commands_refuse_a_missing_database_and_create_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("a/typo/path.db");
    for args in [
        &["list"][..],
        &["show", "1"],
        &["due"],
        &["remedies"],
        &["doctor"],
        &["backup"],
        &["export-shop", "--out", "x.haoping"],
    ] {
        let out = cli(&typo, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("db.missing"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(stderr(&out).contains("typo/path.db"), "{}", stderr(&out));
    }
    assert!(!dir.path().join("a").exists(), "nothing was created");
}

#[test]
fn a_file_that_is_not_a_database_is_named_with_a_code() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "客户电话记录\n".repeat(500)).unwrap();
    let out = cli(&notes, &["list"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("[db.not_a_database]"), "{err}");
    assert!(err.contains("notes.txt"), "{err}");
    let out = cli(&notes, &["doctor", "--json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "doctor reports the damage: {}",
        stderr(&out)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["ok"], false);
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        "客户电话记录\n".repeat(500)
    );
}

fn shared(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(name)
}

/// Runs `script` in a private mount namespace where `$MNT` is a tmpfs of `size`.
fn in_small_disk(size: &str, script: &str, db_seed: &Path) -> Output {
    let mnt = tempfile::tempdir().unwrap();
    let out = Command::new("unshare")
        .args(["-rm", "sh", "-c"])
        .arg(format!(
            "set -u; mount -t tmpfs -o size={size} tmpfs \"$MNT\" || exit 90; cp \"$SEED\" \"$MNT/haoping.db\"; {script}"
        ))
        .env("MNT", mnt.path())
        .env("SEED", db_seed)
        .env("CLI", bin())
        .env("DATA", shared("zh-online-shopping-10-cats.csv"))
        .output()
        .unwrap();
    assert_ne!(
        out.status.code(),
        Some(90),
        "cannot mount a tmpfs: {}",
        stderr(&out)
    );
    out
}

fn demo_db(dir: &Path) -> PathBuf {
    let db = dir.join("seed.db");
    assert!(cli(&db, &["demo"]).status.success());
    // One self-contained file to copy.
    let conn = haoping_core::storage::open(&db).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    drop(conn);
    db
}

#[test]
fn a_full_disk_rolls_the_write_back_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let seed = demo_db(dir.path());
    let size = std::fs::metadata(&seed).unwrap().len();
    let script = r#"
        D="$MNT/haoping.db"
        before=$("$CLI" --db "$D" list --json | wc -c)
        "$CLI" --db "$D" import "$DATA" 2>"$MNT/err"; echo "import=$?"
        cat "$MNT/err"
        after=$("$CLI" --db "$D" list --json | wc -c)
        echo "same=$([ "$before" = "$after" ] && echo yes || echo no)"
        rm -f "$MNT/err"
        "$CLI" --db "$D" doctor >/dev/null; echo "doctor=$?"
        "$CLI" --db "$D" add --platform jd --product 耳机 --stars 1 --review 没声音 >/dev/null 2>&1; echo "add=$?"
    "#;
    // Room for the database and its backup before the import, far less than the import needs.
    let out = in_small_disk(&format!("{}k", size * 2 / 1024 + 800), script, &seed);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("import=2"), "{text}");
    assert!(
        text.contains("[db.disk_full]") || text.contains("[io.disk_full]"),
        "{text}"
    );
    assert!(text.contains("disk is full"), "{text}");
    assert!(text.contains("haoping.db: "), "the file is named: {text}");
    assert!(
        text.contains("same=yes"),
        "the import was rolled back: {text}"
    );
    assert!(text.contains("doctor=0"), "{text}");
}

#[test]
fn a_read_only_folder_is_named_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let seed = demo_db(dir.path());
    let script = r#"
        D="$MNT/haoping.db"
        mount -o remount,ro "$MNT" || exit 91
        "$CLI" --db "$D" add --platform jd --product 耳机 --stars 1 --review 没声音 2>&1; echo "add=$?"
        cmp -s "$D" "$SEED" && echo "unchanged=yes"
    "#;
    let out = in_small_disk("8m", script, &seed);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("add=2"), "{text}");
    assert!(
        text.contains("[db.read_only]")
            || text.contains("[db.cannot_open]")
            || text.contains("[io.read_only]"),
        "{text}"
    );
    assert!(text.contains("haoping.db"), "the file is named: {text}");
    assert!(text.contains("unchanged=yes"), "{text}");
}
