//! What a script sees when it stops reading early (`haoping-cli … --json | head`): the CLI
//! ends quietly and successfully, with no panic and no backtrace.

mod common;

use common::{cli, command, fresh_db, succeeded};
use std::io::Write;
use std::process::{Output, Stdio};

/// Runs `args` with a reader that goes away before reading anything (`| head -0`).
fn with_reader_gone(db: &std::path::Path, args: &[&str], input: &str) -> Output {
    let mut child = command(db)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start haoping-cli: {e}"));
    drop(child.stdout.take());
    if let Some(mut stdin) = child.stdin.take() {
        // The CLI stops reading once it cannot write: a closed pipe here is expected.
        let _ = stdin.write_all(input.as_bytes());
    }
    child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("haoping-cli did not finish: {e}"))
}

#[test]
fn a_closed_pipe_ends_the_program_quietly() {
    let (_dir, db) = fresh_db();
    succeeded(cli(&db, &["demo"]));
    // The reader is gone before the CLI starts writing; the labels of 5 000 reviews are
    // also more than a pipe holds (64 KiB), so that writer meets the closed pipe whatever
    // the timing.
    let many_reviews = "质量太差，用了两天就坏了，客服也不回复\n".repeat(5_000);
    for (args, input) in [
        (&["--json", "list"][..], ""),
        (&["list"][..], ""),
        (&["--json", "triage"][..], many_reviews.as_str()),
        (&["triage"][..], many_reviews.as_str()),
    ] {
        let out = with_reader_gone(&db, args, input);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "{args:?} ended with {}: {stderr}",
            out.status
        );
        assert!(stderr.is_empty(), "{args:?} printed to stderr: {stderr}");
    }
}
