//! Entry points for the fuzz targets (`fuzz/`): each feeds arbitrary bytes to one reader
//! or parser the owner's files and typing reach, and must return (an error is fine)
//! without panicking, hanging or growing without bound. Built only with the `fuzzing`
//! feature; the same functions replay the kept corpus and past crashes in the tests.

use crate::cases::Platform;
use crate::drafts::{self, Channel};
use crate::intake::{self, ImportOptions};
use crate::Lang;
use chrono::{DateTime, Utc};
use std::cell::RefCell;
use std::io::Write;
use std::path::PathBuf;

fn now() -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp(1_795_000_000, 0).unwrap_or_default()
}

thread_local! {
    static DB: RefCell<Option<rusqlite::Connection>> = const { RefCell::new(None) };
}

/// A scratch file per process and extension: the readers take paths, as the app does.
fn scratch(ext: &str, bytes: &[u8]) -> Option<PathBuf> {
    let path = std::env::temp_dir().join(format!("haoping-fuzz-{}.{ext}", std::process::id()));
    let mut f = std::fs::File::create(&path).ok()?;
    f.write_all(bytes).ok()?;
    Some(path)
}

fn preview(ext: &str, bytes: &[u8]) {
    let Some(path) = scratch(ext, bytes) else {
        return;
    };
    DB.with(|db| {
        let mut db = db.borrow_mut();
        if db.is_none() {
            *db = crate::db::open_in_memory().ok();
        }
        if let Some(conn) = db.as_ref() {
            let _ = intake::preview(conn, &path, &ImportOptions::default(), now());
        }
    });
}

/// The CSV/TSV reader with its encoding detection, layout sniffing and column mapping.
pub fn csv_reader(bytes: &[u8]) {
    preview("csv", bytes);
    preview("tsv", bytes);
}

/// The XLSX/XLS reader.
pub fn xlsx_reader(bytes: &[u8]) {
    preview("xlsx", bytes);
}

/// Encoding detection and the streaming decoder over the whole input.
pub fn encoding(bytes: &[u8]) {
    let _ = intake::decode_all_for_fuzzing(bytes);
}

/// The parser of a copied review.
pub fn paste(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let _ = intake::parse_pasted(&text, now());
}

/// The template parser.
pub fn template(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let _ = drafts::validate_template(&text);
}

/// The draft checker, for every platform, channel and language.
pub fn draft_checker(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for platform in [Platform::Taobao, Platform::Jd, Platform::Amazon] {
        for channel in [Channel::Public, Channel::Private, Channel::Phone] {
            for lang in [Lang::Zh, Lang::En] {
                let findings = drafts::check(&text, platform, channel, lang);
                let _ = drafts::has_blocking(&findings);
            }
        }
    }
}
