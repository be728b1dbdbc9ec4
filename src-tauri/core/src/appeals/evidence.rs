//! Evidence files: copied into `<data dir>/evidence/<first two hex digits>/<sha256>.<ext>`,
//! hashed while they are copied, size-checked from the file's metadata before a single
//! byte is read, and stored once per content however often they are attached.

use super::model::Evidence;
use super::store::about;
use super::store::get_appeal;
use crate::cases::{self, EventKind, EventParts};
use crate::error::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use sha2::{Digest, Sha256};
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Recordings and screen captures are large, but a platform's upload form takes far
/// less; 200 MB keeps a mistaken drop (a whole video folder export) out of the data dir.
pub const MAX_EVIDENCE_BYTES: u64 = 200 * 1024 * 1024;
pub const EVIDENCE_DIR: &str = "evidence";
const INCOMING_DIR: &str = ".incoming";
const CHUNK: usize = 64 * 1024;

const COLUMNS: &str =
    "id, appeal_id, file_name, sha256, size_bytes, stored_path, media_type, added_at";

fn row_to_evidence(row: &Row) -> rusqlite::Result<Evidence> {
    Ok(Evidence {
        id: row.get(0)?,
        appeal_id: row.get(1)?,
        file_name: row.get(2)?,
        sha256: row.get(3)?,
        size_bytes: u64::try_from(row.get::<_, i64>(4)?).unwrap_or(0),
        stored_path: row.get(5)?,
        media_type: row.get(6)?,
        added_at: row.get(7)?,
    })
}

/// "1.5 MB", "2.0 GB", "812 B" — integer arithmetic, one decimal.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut unit = 0;
    let mut scale: u64 = 1024;
    while unit + 1 < UNITS.len() && bytes >= scale * 1024 {
        scale *= 1024;
        unit += 1;
    }
    let tenths = (u128::from(bytes) * 10 + u128::from(scale) / 2) / u128::from(scale);
    format!("{}.{} {}", tenths / 10, tenths % 10, UNITS[unit])
}

fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn unreadable(path: &Path, why: impl std::fmt::Display) -> CoreError {
    CoreError::validation(
        "validation.file_unreadable",
        "file",
        format!("{} cannot be read: {why}", path.display()),
    )
}

fn too_large(path: &Path, size: Option<u64>, limit: u64) -> CoreError {
    let size = match size {
        Some(s) => format!(" is {}", human_size(s)),
        None => " grew past the limit while it was copied".to_string(),
    };
    CoreError::validation(
        "validation.file_too_large",
        "file",
        format!(
            "{}{size}: evidence files are limited to {} each",
            path.display(),
            human_size(limit)
        ),
    )
}

/// Looks at the file without opening it: missing, folder, special file, empty, too big.
fn check_source(path: &Path, limit: u64) -> Result<u64> {
    let md = match fs::metadata(path) {
        Ok(md) => md,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(CoreError::validation(
                "validation.file_missing",
                "file",
                format!("{} does not exist", path.display()),
            ))
        }
        Err(e) => return Err(unreadable(path, e)),
    };
    if md.is_dir() {
        return Err(unreadable(path, "it is a folder, not a file"));
    }
    if !md.is_file() {
        return Err(unreadable(path, "it is not a regular file"));
    }
    if md.len() > limit {
        return Err(too_large(path, Some(md.len()), limit));
    }
    if md.len() == 0 {
        return Err(CoreError::validation(
            "validation.file_empty",
            "file",
            format!("{} is empty", path.display()),
        ));
    }
    Ok(md.len())
}

/// A partly written copy that disappears unless it is kept.
struct Incoming {
    path: PathBuf,
    kept: bool,
}

impl Drop for Incoming {
    fn drop(&mut self) {
        if !self.kept {
            let _ = fs::remove_file(&self.path);
        }
    }
}

fn incoming_path(root: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    root.join(INCOMING_DIR)
        .join(format!("{}-{n}-{nanos}.part", std::process::id()))
}

/// The hash and size of what was copied, and where the copy waits.
struct Copied {
    sha256: String,
    size: u64,
    incoming: Incoming,
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Copies `reader` into the incoming folder in fixed-size chunks, hashing on the way;
/// never more than one chunk in memory, and never more than `limit` bytes on disk.
fn copy_hashed<R: Read>(mut reader: R, root: &Path, source: &Path, limit: u64) -> Result<Copied> {
    fs::create_dir_all(root.join(INCOMING_DIR))?;
    let incoming = Incoming {
        path: incoming_path(root),
        kept: false,
    };
    let mut out = io::BufWriter::new(File::create(&incoming.path)?);
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; CHUNK];
    let mut size: u64 = 0;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(unreadable(source, e)),
        };
        size += n as u64;
        if size > limit {
            return Err(too_large(source, None, limit));
        }
        hasher.update(&buf[..n]);
        out.write_all(&buf[..n])?;
    }
    let file = out.into_inner().map_err(|e| e.into_error())?;
    // Evidence may be all the owner has; make it durable before the row points at it.
    file.sync_all()?;
    Ok(Copied {
        sha256: hex(&hasher.finalize()),
        size,
        incoming,
    })
}

/// A short, safe extension from the original name, so the OS opens the stored copy with
/// the right program.
fn extension(name: &str) -> String {
    Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .filter(|e| !e.is_empty() && e.len() <= 8 && e.chars().all(|c| c.is_ascii_alphanumeric()))
        .map(|e| format!(".{e}"))
        .unwrap_or_default()
}

pub fn media_type(name: &str) -> &'static str {
    match extension(name).as_str() {
        ".png" => "image/png",
        ".jpg" | ".jpeg" => "image/jpeg",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".heic" => "image/heic",
        ".bmp" => "image/bmp",
        ".pdf" => "application/pdf",
        ".mp3" => "audio/mpeg",
        ".m4a" => "audio/mp4",
        ".amr" => "audio/amr",
        ".wav" => "audio/wav",
        ".aac" => "audio/aac",
        ".mp4" => "video/mp4",
        ".mov" => "video/quicktime",
        ".txt" => "text/plain",
        ".csv" => "text/csv",
        ".tsv" => "text/tab-separated-values",
        ".html" | ".htm" => "text/html",
        ".json" => "application/json",
        ".zip" => "application/zip",
        ".doc" => "application/msword",
        ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".xls" => "application/vnd.ms-excel",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

/// `evidence/ab/abcd….png` → an absolute path under `data_dir`.
pub(crate) fn absolute(data_dir: &Path, stored_path: &str) -> PathBuf {
    stored_path
        .split('/')
        .fold(data_dir.to_path_buf(), |p, part| p.join(part))
}

fn editable_appeal(conn: &Connection, appeal_id: i64) -> Result<super::model::Appeal> {
    let appeal = get_appeal(conn, appeal_id, DateTime::<Utc>::UNIX_EPOCH)?;
    if !appeal.status.is_editable() {
        return Err(CoreError::validation(
            "validation.appeal_locked",
            "evidence",
            format!(
                "evidence cannot change on an appeal that is {}",
                appeal.status
            ),
        ));
    }
    Ok(appeal)
}

/// Attaches a file to an appeal (what a drag-and-drop does). Attaching the same content
/// to the same appeal again returns the existing row; across appeals the stored copy is
/// shared.
pub fn add_evidence(
    conn: &mut Connection,
    data_dir: &Path,
    appeal_id: i64,
    source: &Path,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Evidence> {
    add_evidence_limited(
        conn,
        data_dir,
        appeal_id,
        source,
        MAX_EVIDENCE_BYTES,
        actor,
        now,
    )
}

/// `add_evidence` with a chosen size limit.
pub fn add_evidence_limited(
    conn: &mut Connection,
    data_dir: &Path,
    appeal_id: i64,
    source: &Path,
    limit: u64,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Evidence> {
    let appeal = editable_appeal(conn, appeal_id)?;
    check_source(source, limit)?;
    let file = File::open(source).map_err(|e| unreadable(source, e))?;
    let root = data_dir.join(EVIDENCE_DIR);
    let mut copied = copy_hashed(file, &root, source, limit)?;
    let file_name = display_name(source);

    let existing: Option<Evidence> = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM evidence WHERE appeal_id = ?1 AND sha256 = ?2"),
            params![appeal_id, copied.sha256],
            row_to_evidence,
        )
        .optional()?;
    if let Some(e) = existing {
        return Ok(e);
    }

    let shared: Option<String> = conn
        .query_row(
            "SELECT stored_path FROM evidence WHERE sha256 = ?1 ORDER BY id LIMIT 1",
            [&copied.sha256],
            |r| r.get(0),
        )
        .optional()?
        .filter(|p: &String| absolute(data_dir, p).is_file());
    let stored_path = match shared {
        Some(p) => p,
        None => {
            let rel = format!(
                "{EVIDENCE_DIR}/{}/{}{}",
                &copied.sha256[..2],
                copied.sha256,
                extension(&file_name)
            );
            let target = absolute(data_dir, &rel);
            if !target.is_file() {
                if let Some(dir) = target.parent() {
                    fs::create_dir_all(dir)?;
                }
                fs::rename(&copied.incoming.path, &target)?;
                copied.incoming.kept = true;
            }
            rel
        }
    };

    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO evidence(appeal_id, sha256, size_bytes, file_name, stored_path, media_type, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            appeal_id,
            copied.sha256,
            i64::try_from(copied.size).unwrap_or(i64::MAX),
            file_name,
            stored_path,
            media_type(&file_name),
            now
        ],
    )?;
    let id = tx.last_insert_rowid();
    let mut e = about(EventKind::EvidenceAdded, appeal_id);
    e.new_value = Some(file_name.to_string());
    e.detail.new = Some(EventParts {
        size_bytes: Some(copied.size),
        sha256: Some(copied.sha256.clone()),
        ..Default::default()
    });
    cases::record_change(&tx, appeal.case_id, now, actor, e)?;
    tx.execute(
        "UPDATE appeals SET updated_at = ?1 WHERE id = ?2",
        params![now, appeal_id],
    )?;
    tx.commit()?;
    get_evidence(conn, id)
}

pub fn get_evidence(conn: &Connection, id: i64) -> Result<Evidence> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM evidence WHERE id = ?1"),
        [id],
        row_to_evidence,
    )
    .optional()?
    .ok_or_else(|| CoreError::not_found("evidence", id))
}

pub fn list_evidence(conn: &Connection, appeal_id: i64) -> Result<Vec<Evidence>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM evidence WHERE appeal_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([appeal_id], row_to_evidence)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Detaches a file; the stored copy goes too once no appeal uses it.
pub fn remove_evidence(
    conn: &mut Connection,
    data_dir: &Path,
    evidence_id: i64,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let e = get_evidence(conn, evidence_id)?;
    let appeal = editable_appeal(conn, e.appeal_id)?;
    let tx = conn.transaction()?;
    tx.execute("DELETE FROM evidence WHERE id = ?1", [evidence_id])?;
    let still_used: i64 = tx.query_row(
        "SELECT COUNT(*) FROM evidence WHERE stored_path = ?1",
        [&e.stored_path],
        |r| r.get(0),
    )?;
    let mut entry = about(EventKind::EvidenceRemoved, e.appeal_id);
    entry.old_value = Some(e.file_name.clone());
    entry.detail.old = Some(EventParts {
        sha256: Some(e.sha256.clone()),
        ..Default::default()
    });
    cases::record_change(&tx, appeal.case_id, now, actor, entry)?;
    tx.commit()?;
    // After the commit: a failed commit must not have lost the file.
    if still_used == 0 {
        match fs::remove_file(absolute(data_dir, &e.stored_path)) {
            Err(err) if err.kind() != io::ErrorKind::NotFound => return Err(err.into()),
            _ => {}
        }
    }
    Ok(())
}

/// Where the stored copy is, for "open from the case".
pub fn evidence_path(conn: &Connection, data_dir: &Path, evidence_id: i64) -> Result<PathBuf> {
    let e = get_evidence(conn, evidence_id)?;
    let path = absolute(data_dir, &e.stored_path);
    if !path.is_file() {
        return Err(CoreError::validation(
            "validation.file_missing",
            "file",
            format!(
                "the stored copy of {} is missing from {}",
                e.file_name,
                path.display()
            ),
        ));
    }
    Ok(path)
}

/// A reader that hashes what passes through, so an export can prove the stored copy is
/// still the file that was attached.
pub(crate) struct HashingReader<R> {
    pub inner: R,
    pub hasher: Sha256,
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads some bytes, then fails like a disk or network share going away.
    struct Failing {
        left: usize,
    }

    impl Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.left == 0 {
                return Err(io::Error::other("device went away"));
            }
            let n = buf.len().min(self.left);
            buf[..n].fill(7);
            self.left -= n;
            Ok(n)
        }
    }

    #[test]
    fn a_read_error_names_the_file_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join(EVIDENCE_DIR);
        let err = copy_hashed(
            Failing { left: 200_000 },
            &root,
            Path::new("/media/u/录音.m4a"),
            MAX_EVIDENCE_BYTES,
        )
        .err()
        .unwrap();
        assert_eq!(err.code(), "validation.file_unreadable");
        assert!(err.to_string().contains("录音.m4a"), "{err}");
        assert!(err.to_string().contains("device went away"), "{err}");
        let left: Vec<_> = fs::read_dir(root.join(INCOMING_DIR)).unwrap().collect();
        assert!(left.is_empty(), "partial copy removed");
    }

    #[test]
    fn a_file_growing_past_the_limit_is_stopped_while_copying() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join(EVIDENCE_DIR);
        let endless = io::repeat(1).take(10 * 1024 * 1024);
        let err = copy_hashed(endless, &root, Path::new("grow.bin"), 1024 * 1024)
            .err()
            .unwrap();
        assert_eq!(err.code(), "validation.file_too_large");
        assert!(err.to_string().contains("1.0 MB"), "{err}");
        assert_eq!(fs::read_dir(root.join(INCOMING_DIR)).unwrap().count(), 0);
    }

    #[test]
    fn hashes_while_copying() {
        let dir = tempfile::tempdir().unwrap();
        let c = copy_hashed(&b"abc"[..], dir.path(), Path::new("a.txt"), 10).unwrap();
        // FIPS 180-2 test vector for "abc".
        assert_eq!(
            c.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(c.size, 3);
        assert_eq!(fs::read(&c.incoming.path).unwrap(), b"abc");
    }

    #[test]
    fn sizes_read_like_a_person_writes_them() {
        assert_eq!(human_size(812), "812 B");
        assert_eq!(human_size(1536), "1.5 KB");
        assert_eq!(human_size(MAX_EVIDENCE_BYTES), "200.0 MB");
        assert_eq!(human_size(2 * 1024 * 1024 * 1024), "2.0 GB");
    }

    #[test]
    fn stored_names_are_safe() {
        assert_eq!(extension("聊天截图.PNG"), ".png");
        assert_eq!(extension("x.tar.gz"), ".gz");
        assert_eq!(extension("noext"), "");
        assert_eq!(extension("evil.p/../ng"), "");
        assert_eq!(extension("a.verylongextension"), "");
        assert_eq!(media_type("a.JPG"), "image/jpeg");
        assert_eq!(media_type("a.bin"), "application/octet-stream");
    }
}
