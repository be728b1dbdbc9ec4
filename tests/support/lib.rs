//! Shared helpers for the acceptance tests: where the real data lives and how to read it.

use std::io::BufRead;
use std::path::PathBuf;

/// `../shared/data/<name>` relative to the workspace root.
pub fn data_file(name: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let path = root.join("../shared/data").join(name);
    assert!(path.exists(), "test data missing: {}", path.display());
    path
}

/// Lines of a UTF-8 file (BOM kept; callers strip it where it matters).
pub fn read_lines(path: &std::path::Path) -> impl Iterator<Item = String> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    std::io::BufReader::new(file).lines().map_while(Result::ok)
}
