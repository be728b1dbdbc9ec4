#![allow(clippy::unwrap_used)] // a failure is the test failing

//! Every input the fuzzers keep (the seed corpus from ../shared/data, and each input
//! that once crashed a reader, in fuzz/regressions) goes through the same entry points
//! on every test run, so a fixed crash stays fixed without the nightly toolchain.

use haoping_core::fuzzing;
use std::path::PathBuf;

fn inputs(target: &str) -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut out = Vec::new();
    for dir in ["corpus", "regressions"] {
        if let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) {
            out.extend(entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()));
        }
    }
    out.sort();
    out
}

fn replay(target: &str, run: fn(&[u8])) {
    let files = inputs(target);
    assert!(!files.is_empty(), "{target}: no corpus");
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        let started = std::time::Instant::now();
        run(&bytes);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "{}: took {:?}",
            f.display(),
            started.elapsed()
        );
    }
}

#[test]
fn csv_reader() {
    replay("csv_reader", fuzzing::csv_reader);
}

#[test]
fn encoding() {
    replay("encoding", fuzzing::encoding);
}

#[test]
fn xlsx_reader() {
    replay("xlsx_reader", fuzzing::xlsx_reader);
}

#[test]
fn paste() {
    replay("paste", fuzzing::paste);
}

#[test]
fn template() {
    replay("template", fuzzing::template);
}

#[test]
fn draft_checker() {
    replay("draft_checker", fuzzing::draft_checker);
}
