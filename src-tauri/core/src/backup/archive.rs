//! The whole-shop archive: one `.haoping` file (a zip) holding a database snapshot, the
//! evidence files and `manifest.json`, which lists every other entry with its size and
//! SHA-256 and the app version. Reading one checks everything before anything is
//! written: an entry that is missing, altered, added, truncated or outside its place is
//! refused by name.

use super::counts::count_rows;
use super::files::{evidence_hash_of, hash_reader, hex, partial_of, sync_dir, under};
use super::model::{ArchiveEntry, ArchiveManifest, ArchiveReport, BackupReason};
use super::restore::{bring_evidence, check_source, replace_with, stage, Staged};
use super::snapshot::{snapshot_to, verify_copy, APP_VERSION};
use crate::db::{at_path, MIGRATIONS};
use crate::error::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

pub const ARCHIVE_EXTENSION: &str = "haoping";
const ARCHIVE_FORMAT: u32 = 1;
const MANIFEST: &str = "manifest.json";
const DATABASE: &str = "database/haoping.db";
/// A manifest larger than this is not one of ours.
const MAX_MANIFEST: u64 = 64 * 1024 * 1024;

/// The bad entry travels as the error's `field`, so the UI can name it.
fn damaged(archive: &Path, entry: &str, why: impl std::fmt::Display) -> CoreError {
    CoreError::validation(
        "archive.damaged",
        entry,
        format!(
            "{}: entry {entry} is damaged or incomplete: {why}",
            archive.display()
        ),
    )
}

fn tampered(archive: &Path, entry: &str, why: impl std::fmt::Display) -> CoreError {
    CoreError::validation(
        "archive.tampered",
        entry,
        format!(
            "{}: entry {entry} is not what the archive recorded: {why}",
            archive.display()
        ),
    )
}

struct Hashing<W> {
    inner: W,
    hasher: Sha256,
    size: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.size += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Writes the whole shop to `out` (a `.haoping` file). Only reads the database.
pub fn export_shop(
    conn: &Connection,
    data_dir: &Path,
    out: &Path,
    now: DateTime<Utc>,
) -> Result<ArchiveReport> {
    let mut out = out.to_path_buf();
    if out.extension().is_none() {
        out.set_extension(ARCHIVE_EXTENSION);
    }
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|e| at_path(dir, e.into()))?;
    }
    let snapshot = Staged::beside(&data_dir.join(crate::paths::DB_FILE), "export");
    let snap = snapshot_to(conn, &snapshot.0).map_err(|e| at_path(&snapshot.0, e))?;
    verify_copy(&snapshot.0, &snap.counts, snap.schema_version)?;

    let tmp = partial_of(&out);
    let written = (|| -> Result<(Vec<ArchiveEntry>, u32)> {
        let mut zip = zip::ZipWriter::new(io::BufWriter::new(File::create(&tmp)?));
        let deflate = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .large_file(true);
        let mut entries = Vec::new();
        let add = |zip: &mut zip::ZipWriter<io::BufWriter<File>>,
                   name: &str,
                   from: &Path|
         -> Result<ArchiveEntry> {
            zip.start_file(name, deflate).map_err(zip_err)?;
            let mut sink = Hashing {
                inner: &mut *zip,
                hasher: Sha256::new(),
                size: 0,
            };
            io::copy(&mut File::open(from)?, &mut sink)?;
            Ok(ArchiveEntry {
                name: name.to_string(),
                size: sink.size,
                sha256: hex(&sink.hasher.finalize()),
            })
        };
        entries.push(add(&mut zip, DATABASE, &snapshot.0)?);
        let mut evidence = 0u32;
        for (rel, sha, _) in &snap.evidence {
            let Some(from) = under(data_dir, rel).filter(|p| p.is_file()) else {
                return Err(CoreError::storage(
                    "archive.evidence_missing",
                    data_dir.join(rel),
                    "an evidence file of an appeal is missing from the data folder",
                ));
            };
            let entry = add(&mut zip, rel, &from)?;
            if &entry.sha256 != sha {
                return Err(CoreError::storage(
                    "archive.evidence_missing",
                    from,
                    "an evidence file changed since it was attached (its hash differs)",
                ));
            }
            entries.push(entry);
            evidence += 1;
        }
        let manifest = ArchiveManifest {
            format: ARCHIVE_FORMAT,
            app_version: APP_VERSION.to_string(),
            schema_version: snap.schema_version,
            created_at: now,
            counts: snap.counts,
            entries: entries.clone(),
        };
        zip.start_file(MANIFEST, deflate).map_err(zip_err)?;
        zip.write_all(&serde_json::to_vec_pretty(&manifest)?)?;
        let file = zip
            .finish()
            .map_err(zip_err)?
            .into_inner()
            .map_err(|e| e.into_error())?;
        file.sync_all()?;
        Ok((entries, evidence))
    })();
    let (_, evidence_files) = match written {
        Ok(w) => w,
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            return Err(at_path(&out, e));
        }
    };
    fs::rename(&tmp, &out).map_err(|e| at_path(&out, e.into()))?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = sync_dir(dir);
    }
    Ok(ArchiveReport {
        path: out.display().to_string(),
        size_bytes: fs::metadata(&out)?.len(),
        counts: snap.counts,
        evidence_files,
        previous_backup: None,
    })
}

fn zip_err(e: zip::result::ZipError) -> CoreError {
    CoreError::Io(io::Error::other(e.to_string()))
}

/// An archive read and checked in full, its entries extracted into `dir`.
pub struct CheckedArchive {
    pub manifest: ArchiveManifest,
    pub database: PathBuf,
    pub evidence_root: PathBuf,
}

/// Reads and checks every entry of `archive`, extracting into `into` (a folder that
/// must be empty or missing). Nothing else is written.
fn extract_checked(archive: &Path, into: &Path) -> Result<CheckedArchive> {
    let file = File::open(archive).map_err(|e| at_path(archive, e.into()))?;
    let mut zip = zip::ZipArchive::new(io::BufReader::new(file)).map_err(|e| {
        CoreError::storage(
            "archive.unreadable",
            archive,
            format!("this is not a complete Haoping archive (truncated or not a zip): {e}"),
        )
    })?;
    let manifest: ArchiveManifest = {
        let mut entry = zip
            .by_name(MANIFEST)
            .map_err(|e| damaged(archive, MANIFEST, e))?;
        if entry.size() > MAX_MANIFEST {
            return Err(tampered(archive, MANIFEST, "far too large"));
        }
        let mut text = Vec::new();
        entry
            .read_to_end(&mut text)
            .map_err(|e| damaged(archive, MANIFEST, e))?;
        serde_json::from_slice(&text).map_err(|e| damaged(archive, MANIFEST, e))?
    };
    if manifest.format > ARCHIVE_FORMAT || manifest.schema_version > MIGRATIONS.len() as i64 {
        return Err(CoreError::storage(
            "archive.too_new",
            archive,
            format!(
                "this archive was written by a newer Haoping ({}); update the app first",
                manifest.app_version
            ),
        ));
    }
    let listed: BTreeMap<&str, &ArchiveEntry> = manifest
        .entries
        .iter()
        .map(|e| (e.name.as_str(), e))
        .collect();
    if listed.len() != manifest.entries.len() {
        return Err(tampered(archive, MANIFEST, "an entry is listed twice"));
    }
    if !listed.contains_key(DATABASE) {
        return Err(tampered(archive, DATABASE, "the manifest does not list it"));
    }
    // Every entry of the zip must be listed, and every listed one present.
    let names: Vec<String> = zip
        .file_names()
        .map(|n| n.map(|n| n.into_owned()))
        .collect::<Result<_, _>>()
        .map_err(|e| damaged(archive, MANIFEST, e))?;
    for name in &names {
        if name != MANIFEST && !listed.contains_key(name.as_str()) {
            return Err(tampered(archive, name, "not listed in the manifest"));
        }
    }
    for name in listed.keys() {
        if !names.iter().any(|n| n == name) {
            return Err(damaged(archive, name, "missing from the archive"));
        }
        let allowed = *name == DATABASE || evidence_hash_of(name).is_some();
        if !allowed || under(into, name).is_none() {
            return Err(tampered(archive, name, "not a place an archive may write"));
        }
    }
    fs::create_dir_all(into)?;
    for (name, expected) in &listed {
        let mut entry = zip.by_name(name).map_err(|e| damaged(archive, name, e))?;
        let Some(target) = under(into, name) else {
            return Err(tampered(archive, name, "not a place an archive may write"));
        };
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir)?;
        }
        let mut out = File::create(&target).map_err(|e| at_path(&target, e.into()))?;
        let mut tee = Tee {
            inner: &mut entry,
            out: &mut out,
        };
        // Reading to the end checks the zip's CRC; a short or altered entry fails here.
        let (sha, size) = hash_reader(&mut tee).map_err(|e| match e {
            CoreError::Io(err) if err.kind() == io::ErrorKind::StorageFull => {
                at_path(&target, CoreError::Io(err))
            }
            other => damaged(archive, name, other),
        })?;
        if size != expected.size || sha != expected.sha256 {
            return Err(tampered(
                archive,
                name,
                format!(
                    "its SHA-256 is {}…, the manifest says {}…",
                    &sha[..12],
                    &expected.sha256.get(..12).unwrap_or("")
                ),
            ));
        }
        if let Some(claimed) = evidence_hash_of(name) {
            if claimed != sha {
                return Err(tampered(
                    archive,
                    name,
                    "its content does not match its name",
                ));
            }
        }
        out.sync_all()?;
    }
    Ok(CheckedArchive {
        database: under(into, DATABASE).unwrap_or_else(|| into.join("database")),
        evidence_root: into.to_path_buf(),
        manifest,
    })
}

struct Tee<'a, R, W> {
    inner: &'a mut R,
    out: &'a mut W,
}

impl<R: Read, W: Write> Read for Tee<'_, R, W> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.out.write_all(&buf[..n])?;
        Ok(n)
    }
}

/// A folder beside the database removed however the import ends.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn scratch_beside(db_path: &Path) -> Scratch {
    let name = format!(
        ".haoping-import-{}-{}",
        std::process::id(),
        Utc::now().timestamp_nanos_opt().unwrap_or(0)
    );
    Scratch(db_path.with_file_name(name))
}

/// Checks an archive completely without importing it; returns its manifest.
pub fn read_archive(archive: &Path, scratch_near: &Path) -> Result<ArchiveManifest> {
    let scratch = scratch_beside(scratch_near);
    let checked = extract_checked(archive, &scratch.0)?;
    check_source(&checked.database)?;
    Ok(checked.manifest)
}

/// Imports a whole shop into the (empty) database at `db_path`, ids kept: the archive is
/// checked in full first; the empty database is backed up; then evidence files and the
/// database are put in place.
pub fn import_shop(db_path: &Path, archive: &Path, now: DateTime<Utc>) -> Result<ArchiveReport> {
    let data_dir = db_path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let scratch = scratch_beside(db_path);
    let checked = extract_checked(archive, &scratch.0)?;
    // A damaged archive is named as such whatever the app holds; only a sound one is
    // refused for a database that is not empty.
    if db_path.exists() {
        let conn = crate::db::open_existing_with(db_path, super::before_migration)?;
        let counts = count_rows(&conn)?;
        if counts.cases > 0 || counts.remedies > 0 || counts.appeals > 0 {
            return Err(CoreError::storage(
                "archive.not_empty",
                db_path,
                format!(
                    "this database already holds {} case(s); a shop is imported into an empty app only",
                    counts.cases
                ),
            ));
        }
    }
    let src = check_source(&checked.database)?;
    let staged = Staged::beside(db_path, "importing");
    let (counts, migrated_from) = stage(&src, &staged.0).map_err(|e| at_path(&staged.0, e))?;
    drop(src);
    if migrated_from.is_none() && counts != checked.manifest.counts {
        return Err(tampered(
            archive,
            DATABASE,
            "its row counts differ from the manifest's",
        ));
    }
    let missing = bring_evidence(
        &staged.0,
        &data_dir,
        std::slice::from_ref(&checked.evidence_root),
    )?;
    if let Some(first) = missing.first() {
        return Err(damaged(
            archive,
            first,
            "the database names it but the archive lacks it",
        ));
    }
    let (previous_backup, _) =
        replace_with(db_path, &staged.0, BackupReason::BeforeArchiveImport, now)?;
    let evidence_files = u32::try_from(
        checked
            .manifest
            .entries
            .iter()
            .filter(|e| e.name != DATABASE)
            .count(),
    )
    .unwrap_or(u32::MAX);
    Ok(ArchiveReport {
        path: archive.display().to_string(),
        size_bytes: fs::metadata(archive)?.len(),
        counts,
        evidence_files,
        previous_backup,
    })
}
