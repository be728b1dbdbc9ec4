//! What the CLI tests share: haoping-cli run on a database of the test's own, as a script
//! would run it, and what it printed read back.

// Each test binary uses its own part of these helpers; a failed unwrap in them is a
// failed test.
#![allow(dead_code, clippy::unwrap_used)]

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A new database path in a directory that lives as long as the returned guard.
pub fn fresh_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    (dir, db)
}

/// haoping-cli on `db`: never on a database or an AI key named by the environment.
pub fn command(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_haoping-cli"));
    cmd.arg("--db")
        .arg(db)
        .env_remove("HAOPING_DB")
        .env_remove("HAOPING_AI_KEY");
    cmd
}

pub fn cli(db: &Path, args: &[&str]) -> Output {
    command(db)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run haoping-cli: {e}"))
}

/// With `input` on standard input.
pub fn cli_with_input(db: &Path, args: &[&str], input: &str) -> Output {
    let mut child = command(db)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start haoping-cli: {e}"));
    // The CLI may refuse its arguments and exit before reading: a closed pipe is fine.
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(input.as_bytes());
    }
    child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("haoping-cli did not finish: {e}"))
}

/// The run, once it is known to have succeeded (its standard error shown otherwise).
pub fn succeeded(out: Output) -> Output {
    assert!(
        out.status.success(),
        "haoping-cli failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Standard output read as JSON, whatever the exit code.
pub fn stdout_json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON on standard output ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

/// The JSON a successful run printed.
pub fn json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "haoping-cli failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout_json(out)
}

/// Runs `args` with `--json` and returns what it printed, failing the test on an error.
pub fn ok_json(db: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    json(&cli(db, &all))
}
