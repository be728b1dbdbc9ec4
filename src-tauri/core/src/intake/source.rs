//! Opening an import file: what it is (CSV/TSV or Excel), its encoding and separator,
//! and then its records one by one.

use super::decode::{self, DecodedStream, Detected, SNIFF_BYTES};
use super::model::FileKind;
use super::records::{sample_records, CsvRecords, RawRecord};
use super::sheet;
use crate::error::{CoreError, Result};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub(crate) struct Source {
    pub path: PathBuf,
    pub kind: FileKind,
    pub encoding: &'static encoding_rs::Encoding,
    pub bom_len: usize,
    pub delimiter: u8,
    pub cr_lines: bool,
    pub bytes_total: u64,
}

fn empty_error() -> CoreError {
    CoreError::validation("intake.empty_file", "file", "the file is empty")
}

const XLS_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn read_sample(path: &Path) -> Result<Vec<u8>> {
    let f = File::open(path).map_err(|e| {
        CoreError::validation(
            "intake.cannot_open",
            "file",
            format!("cannot open {}: {e}", path.display()),
        )
    })?;
    let mut sample = Vec::with_capacity(SNIFF_BYTES);
    f.take(SNIFF_BYTES as u64).read_to_end(&mut sample)?;
    Ok(sample)
}

pub(crate) fn open(path: &Path, forced_encoding: Option<&str>) -> Result<Source> {
    let meta = std::fs::metadata(path).map_err(|e| {
        CoreError::validation(
            "intake.cannot_open",
            "file",
            format!("cannot open {}: {e}", path.display()),
        )
    })?;
    if meta.is_dir() {
        return Err(CoreError::validation(
            "intake.cannot_open",
            "file",
            format!("{} is a folder", path.display()),
        ));
    }
    let bytes_total = meta.len();
    let sample = read_sample(path)?;
    if sample.is_empty() {
        return Err(empty_error());
    }
    let mut source = Source {
        path: path.to_path_buf(),
        kind: FileKind::Csv,
        encoding: encoding_rs::UTF_8,
        bom_len: 0,
        delimiter: b',',
        cr_lines: false,
        bytes_total,
    };
    if sample.starts_with(b"PK\x03\x04") {
        source.kind = FileKind::Xlsx;
        return Ok(source);
    }
    if sample.starts_with(XLS_MAGIC) {
        source.kind = FileKind::Xls;
        return Ok(source);
    }
    for magic in [
        &b"%PDF"[..],
        b"\x89PNG",
        b"\xFF\xD8\xFF",
        b"GIF8",
        b"\x1F\x8B",
        b"Rar!",
        b"7z\xBC\xAF",
    ] {
        if sample.starts_with(magic) {
            return Err(decode::binary_error());
        }
    }
    let Detected { encoding, bom_len } = decode::detect(&sample, forced_encoding)?;
    source.encoding = encoding;
    source.bom_len = bom_len;
    let whole = sample.len() as u64 == bytes_total;
    let mut text = decode_sample(&sample, encoding, bom_len)?;
    if text.iter().all(|b| b.is_ascii_whitespace()) {
        if whole {
            return Err(empty_error());
        }
        return Err(decode::binary_error());
    }
    if whole && !text.ends_with(b"\n") && !text.ends_with(b"\r") {
        // Lets the sniffer see the last record of a short file as complete.
        text.push(b'\n');
    }
    source.cr_lines = text.contains(&b'\r') && !text.contains(&b'\n');
    let tsv_name = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv") || e.eq_ignore_ascii_case("tab"));
    source.delimiter = sniff_delimiter(&text, tsv_name);
    Ok(source)
}

fn decode_sample(
    sample: &[u8],
    encoding: &'static encoding_rs::Encoding,
    bom_len: usize,
) -> Result<Vec<u8>> {
    let mut stream = DecodedStream::new(sample, encoding, bom_len)?;
    let mut out = Vec::with_capacity(sample.len() + sample.len() / 2);
    loop {
        let buf = stream.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        let n = buf.len();
        out.extend_from_slice(buf);
        stream.consume(n);
    }
    Ok(out)
}

/// The separator that splits the sample's records into the same number of columns
/// most consistently (more than one column wins over one).
fn sniff_delimiter(text: &[u8], tsv_name: bool) -> u8 {
    let mut best = (if tsv_name { b'\t' } else { b',' }, 0u64);
    let candidates: &[u8] = if tsv_name { b"\t,;|" } else { b",\t;|" };
    for &d in candidates {
        let recs = sample_records(text, d, 60);
        let counts: Vec<usize> = recs
            .iter()
            .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
            .map(Vec::len)
            .collect();
        if counts.is_empty() {
            continue;
        }
        let mut freq: std::collections::BTreeMap<usize, usize> = Default::default();
        for c in &counts {
            *freq.entry(*c).or_default() += 1;
        }
        let (modal, hits) = freq
            .iter()
            .max_by_key(|(cols, hits)| (**hits, **cols))
            .map(|(c, h)| (*c, *h))
            .unwrap_or((1, 0));
        if modal < 2 {
            continue;
        }
        // Consistency first (per mille), then more columns.
        let score = (hits as u64 * 1000 / counts.len() as u64) * 1000 + modal.min(999) as u64;
        if score > best.1 {
            best = (d, score);
        }
    }
    best.0
}

impl Source {
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    pub fn encoding_name(&self) -> String {
        match self.kind {
            FileKind::Csv => self.encoding.name().to_string(),
            _ => String::new(),
        }
    }

    pub fn delimiter_text(&self) -> String {
        match self.kind {
            FileKind::Csv => (self.delimiter as char).to_string(),
            _ => String::new(),
        }
    }

    /// Calls `f` with every record in order until it returns false. Returns the sheet
    /// name for workbooks.
    pub fn for_each(&self, f: &mut dyn FnMut(&RawRecord) -> Result<bool>) -> Result<String> {
        match self.kind {
            FileKind::Xlsx | FileKind::Xls => {
                sheet::for_each_record(&self.path, self.kind == FileKind::Xlsx, self.bytes_total, f)
            }
            FileKind::Csv => {
                let file = BufReader::with_capacity(64 * 1024, File::open(&self.path)?);
                let stream = DecodedStream::new(file, self.encoding, self.bom_len)?;
                let mut records = CsvRecords::new(stream, self.delimiter, self.cr_lines);
                let mut rec = RawRecord::default();
                while records.next_record(&mut rec)? {
                    if !f(&rec)? {
                        break;
                    }
                }
                Ok(String::new())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_separators() {
        assert_eq!(sniff_delimiter(b"a,b,c\n1,2,3\n4,5,6\n", false), b',');
        assert_eq!(
            sniff_delimiter(b"a\tb\n1\t\"x, y, z\"\n2\t\"p,q\"\n", false),
            b'\t'
        );
        assert_eq!(sniff_delimiter(b"a;b;c\n1;2,5;3\n", false), b';');
        assert_eq!(sniff_delimiter(b"review\nnice\n", true), b'\t');
        assert_eq!(sniff_delimiter(b"review\nnice\n", false), b',');
    }

    #[test]
    fn empty_and_binary_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("e.csv");
        std::fs::write(&empty, b"").unwrap();
        assert_eq!(open(&empty, None).unwrap_err().code(), "intake.empty_file");
        std::fs::write(&empty, b"\xEF\xBB\xBF \r\n").unwrap();
        assert_eq!(open(&empty, None).unwrap_err().code(), "intake.empty_file");
        let png = dir.path().join("p.csv");
        std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
        assert_eq!(open(&png, None).unwrap_err().code(), "intake.binary_file");
        assert_eq!(
            open(&dir.path().join("missing.csv"), None)
                .unwrap_err()
                .code(),
            "intake.cannot_open"
        );
    }
}
