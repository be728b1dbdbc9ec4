//! What a storage failure means to the owner. SQLite and the OS report a full disk, a
//! read-only folder, a damaged file or a busy database in many ways; the UI needs one
//! stable code for each, and the message must name the file it is about.

use crate::error::CoreError;
use rusqlite::ErrorCode;
use std::io;
use std::path::Path;

/// The stable code of a SQLite error.
pub fn sqlite_code(e: &rusqlite::Error) -> &'static str {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => "db.busy",
        Some(ErrorCode::DiskFull) => "db.disk_full",
        Some(ErrorCode::ReadOnly) => "db.read_only",
        Some(ErrorCode::DatabaseCorrupt) => "db.corrupt",
        Some(ErrorCode::NotADatabase) => "db.not_a_database",
        Some(ErrorCode::CannotOpen) => "db.cannot_open",
        Some(ErrorCode::PermissionDenied) => "db.read_only",
        Some(ErrorCode::SystemIoFailure) => "db.io",
        _ => "db.error",
    }
}

/// The stable code of a file-system error.
pub fn io_code(e: &io::Error) -> &'static str {
    match e.kind() {
        io::ErrorKind::StorageFull => "io.disk_full",
        io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied => "io.read_only",
        _ => "io.error",
    }
}

/// Words for the log and the CLI; the UI words each code itself.
fn explain(code: &str) -> &'static str {
    match code {
        "db.busy" => "the database is busy with another write (in this app, the command line or another program); try again",
        "db.disk_full" | "io.disk_full" => "the disk is full; nothing was written",
        "db.read_only" | "io.read_only" => "the database or its folder cannot be written (read-only or no permission)",
        "db.corrupt" => "the database file is damaged",
        "db.not_a_database" => "the file is not a Haoping database (it is not an SQLite database at all)",
        "db.cannot_open" => "the database file cannot be opened (missing folder, locked or no permission)",
        "db.io" => "the disk reported an error while reading or writing the database",
        _ => "the database failed",
    }
}

/// Ties a storage failure to the file it happened on: a full disk, a read-only folder, a
/// damaged or foreign file become `CoreError::Storage` with their code and the path.
/// Other errors (validation, a missing row…) pass through unchanged.
pub fn at_path(path: &Path, e: CoreError) -> CoreError {
    let (code, detail) = match &e {
        CoreError::Db(inner) => (sqlite_code(inner), inner.to_string()),
        CoreError::Io(inner) => (io_code(inner), inner.to_string()),
        _ => return e,
    };
    if code == "db.error" || code == "io.error" {
        return CoreError::storage(code, path, detail);
    }
    CoreError::storage(code, path, format!("{} ({detail})", explain(code)))
}

/// Whether an error means the file itself is unusable (as opposed to busy or full).
pub fn is_damage(code: &str) -> bool {
    matches!(code, "db.corrupt" | "db.not_a_database")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::ffi;

    fn sqlite(code: i32) -> CoreError {
        CoreError::Db(rusqlite::Error::SqliteFailure(ffi::Error::new(code), None))
    }

    #[test]
    fn storage_failures_get_their_own_code_and_the_path() {
        let p = Path::new("/data/haoping.db");
        for (raw, code) in [
            (ffi::SQLITE_BUSY, "db.busy"),
            (ffi::SQLITE_LOCKED, "db.busy"),
            (ffi::SQLITE_FULL, "db.disk_full"),
            (ffi::SQLITE_READONLY, "db.read_only"),
            (ffi::SQLITE_CORRUPT, "db.corrupt"),
            (ffi::SQLITE_NOTADB, "db.not_a_database"),
            (ffi::SQLITE_CANTOPEN, "db.cannot_open"),
        ] {
            assert_eq!(sqlite(raw).code(), code);
            let e = at_path(p, sqlite(raw));
            assert_eq!(e.code(), code);
            assert!(e.to_string().starts_with("/data/haoping.db: "), "{e}");
            assert_eq!(e.payload().path.as_deref(), Some("/data/haoping.db"));
        }
        let full = CoreError::Io(io::Error::from(io::ErrorKind::StorageFull));
        assert_eq!(full.code(), "io.disk_full");
        let other = CoreError::not_found("case", 3);
        assert_eq!(at_path(p, other).code(), "not_found");
    }
}
