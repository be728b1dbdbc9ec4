//! File chores every step shares: write to a `.partial` name then rename (a crash leaves
//! a partial file, never a half-written real one), make it durable, hash it.

use crate::error::{CoreError, Result};
use sha2::{Digest, Sha256};
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

pub(crate) const PARTIAL: &str = "partial";
const CHUNK: usize = 256 * 1024;

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// `name.ext` → `name.ext.partial`.
pub(crate) fn partial_of(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".");
    name.push(PARTIAL);
    path.with_file_name(name)
}

/// Flushes a folder's entries (a rename is only durable once its folder is). Windows
/// has no such call and journals renames itself.
pub(crate) fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Writes `bytes` to `path` atomically and durably.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = partial_of(path);
    let result = (|| -> Result<()> {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)?;
        if let Some(dir) = path.parent() {
            sync_dir(dir)?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// The SHA-256 (hex) and size of a file, read in chunks.
pub(crate) fn hash_file(path: &Path) -> Result<(String, u64)> {
    let mut f = File::open(path)?;
    hash_reader(&mut f)
}

pub(crate) fn hash_reader<R: Read>(r: &mut R) -> Result<(String, u64)> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; CHUNK];
    let mut size = 0u64;
    loop {
        let n = match r.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        };
        hasher.update(&buf[..n]);
        size += n as u64;
    }
    Ok((hex(&hasher.finalize()), size))
}

/// Copies `from` to `to` (through a partial file, made durable) and returns the hash of
/// what was copied; an existing `to` is replaced only by a complete copy.
pub(crate) fn copy_hashed(from: &Path, to: &Path) -> Result<(String, u64)> {
    if let Some(dir) = to.parent() {
        fs::create_dir_all(dir)?;
    }
    let tmp = partial_of(to);
    let result = (|| -> Result<(String, u64)> {
        let mut src = File::open(from)?;
        let mut out = File::create(&tmp)?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; CHUNK];
        let mut size = 0u64;
        loop {
            let n = match src.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e.into()),
            };
            hasher.update(&buf[..n]);
            out.write_all(&buf[..n])?;
            size += n as u64;
        }
        out.sync_all()?;
        Ok((hex(&hasher.finalize()), size))
    })();
    match result {
        Ok(done) => {
            fs::rename(&tmp, to)?;
            Ok(done)
        }
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// `evidence/ab/abcd….png` → a path under `root`, refusing anything that could leave
/// it (`..`, absolute parts, backslashes).
pub(crate) fn under(root: &Path, rel: &str) -> Option<PathBuf> {
    let parts: Vec<&str> = rel.split('/').collect();
    let safe = !parts.is_empty()
        && parts.iter().all(|p| {
            !p.is_empty()
                && *p != "."
                && *p != ".."
                && !p.contains('\\')
                && !p.contains(':')
                && !p.starts_with('.')
        });
    safe.then(|| parts.iter().fold(root.to_path_buf(), |acc, p| acc.join(p)))
}

/// A stored evidence path as the appeals area writes it: `evidence/<2 hex>/<64 hex>[.ext]`,
/// with the hash it claims.
pub(crate) fn evidence_hash_of(rel: &str) -> Option<&str> {
    let mut parts = rel.split('/');
    let (Some("evidence"), Some(prefix), Some(name), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let hash = name.split('.').next()?;
    let ext_ok = name[hash.len()..].strip_prefix('.').is_none_or(|e| {
        !e.is_empty() && e.len() <= 8 && e.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    (hash.len() == 64
        && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        && prefix.len() == 2
        && hash.starts_with(prefix)
        && ext_ok)
        .then_some(hash)
}

/// Removes a file that may not be there.
pub(crate) fn remove_if_present(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(CoreError::Io(e)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_paths_are_checked_before_use() {
        let h = "ab".to_string() + &"0".repeat(62);
        assert_eq!(
            evidence_hash_of(&format!("evidence/ab/{h}.png")),
            Some(h.as_str())
        );
        assert_eq!(
            evidence_hash_of(&format!("evidence/ab/{h}")),
            Some(h.as_str())
        );
        assert_eq!(evidence_hash_of(&format!("evidence/cd/{h}.png")), None);
        assert_eq!(evidence_hash_of(&format!("evidence/ab/../{h}.png")), None);
        assert_eq!(evidence_hash_of("evidence/ab/short.png"), None);
        assert!(under(Path::new("/r"), "evidence/ab/x.png").is_some());
        assert!(under(Path::new("/r"), "../etc/passwd").is_none());
        assert!(under(Path::new("/r"), "/etc/passwd").is_none());
        assert!(under(Path::new("/r"), "evidence\\..\\x").is_none());
    }
}
