//! Splitting decoded CSV text into records, with bounded memory whatever the file holds:
//! a field over the cap is dropped (the row is rejected later), never buffered whole.

use super::decode::DecodedStream;
use crate::error::Result;
use std::io::Read;

/// Larger than any review; a field past this is a broken quote or junk.
pub(crate) const MAX_FIELD_BYTES: usize = 1024 * 1024;
/// Total size of one record's cells kept in memory.
pub(crate) const MAX_RECORD_BYTES: usize = 4 * 1024 * 1024;
/// More columns than any export has; beyond this cells are dropped and the row rejected.
pub(crate) const MAX_COLUMNS: usize = 1000;

/// One record as read from the file.
#[derive(Debug, Default, Clone)]
pub(crate) struct RawRecord {
    /// Line (CSV) or sheet row (spreadsheets) where the record starts, 1-based.
    pub row: u64,
    pub cells: Vec<String>,
    /// Index of the first cell that was too large (its content is dropped).
    pub too_long: Option<usize>,
    /// Some bytes of this record could not be decoded in the file's encoding.
    pub undecodable: bool,
    /// The file ends inside this record's quoted field: it was cut short.
    pub open_quote: bool,
    /// The file ends with this record and no line break after it.
    pub unterminated: bool,
    /// Source bytes consumed so far, for progress.
    pub bytes_done: u64,
}

impl RawRecord {
    pub fn clear(&mut self) {
        self.row = 0;
        self.cells.clear();
        self.too_long = None;
        self.undecodable = false;
        self.open_quote = false;
        self.unterminated = false;
    }

    pub fn is_blank(&self) -> bool {
        self.too_long.is_none() && self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// Cleans a cell: stray byte-order marks (Excel and some exporters leave U+FEFF at the
/// start of fields) carry no meaning.
pub(crate) fn clean_cell(mut s: String) -> String {
    if s.contains('\u{FEFF}') {
        s = s.replace('\u{FEFF}', "");
    }
    s
}

pub(crate) struct CsvRecords<R: Read> {
    stream: DecodedStream<R>,
    parser: csv_core::Reader,
    lines: u64,
    prev_cr: bool,
    /// Files from classic Mac Excel end lines with CR alone.
    cr_lines: bool,
    field: Vec<u8>,
    scratch: Vec<u8>,
    done: bool,
}

impl<R: Read> CsvRecords<R> {
    pub fn new(stream: DecodedStream<R>, delimiter: u8, cr_lines: bool) -> Self {
        let parser = csv_core::ReaderBuilder::new()
            .delimiter(delimiter)
            .quote(b'"')
            .double_quote(true)
            .build();
        CsvRecords {
            stream,
            parser,
            lines: 0,
            prev_cr: false,
            cr_lines,
            field: Vec::new(),
            scratch: vec![0; 64 * 1024],
            done: false,
        }
    }

    /// Reads the next record into `rec`; false at the end of the file.
    pub fn next_record(&mut self, rec: &mut RawRecord) -> Result<bool> {
        rec.clear();
        if self.done {
            return Ok(false);
        }
        // Blank lines between records: skipped here (the parser would skip them too) so
        // that every record knows the line it starts on.
        loop {
            let buf = self.stream.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            match buf.iter().position(|&b| b != b'\n' && b != b'\r') {
                Some(n) => {
                    self.lines += count_lines(&buf[..n], self.cr_lines, &mut self.prev_cr);
                    self.stream.consume(n);
                    break;
                }
                None => {
                    let n = buf.len();
                    self.lines += count_lines(buf, self.cr_lines, &mut self.prev_cr);
                    self.stream.consume(n);
                }
            }
        }
        rec.row = self.lines + 1;
        let malformed_before = self.stream.malformed;
        let mut record_bytes = 0usize;
        self.field.clear();
        let mut field_too_long = false;
        let mut quotes = 0u64;
        loop {
            let buf = self.stream.fill_buf()?;
            let at_eof = buf.is_empty();
            let (res, nin, nout) = self.parser.read_field(buf, &mut self.scratch);
            self.lines += count_lines(&buf[..nin], self.cr_lines, &mut self.prev_cr);
            quotes += buf[..nin].iter().filter(|&&b| b == b'"').count() as u64;
            if at_eof {
                rec.unterminated = true;
            }
            self.stream.consume(nin);
            if !field_too_long {
                if self.field.len() + nout > MAX_FIELD_BYTES
                    || record_bytes + self.field.len() + nout > MAX_RECORD_BYTES
                {
                    field_too_long = true;
                    self.field.clear();
                } else {
                    self.field.extend_from_slice(&self.scratch[..nout]);
                }
            }
            match res {
                csv_core::ReadFieldResult::InputEmpty | csv_core::ReadFieldResult::OutputFull => {}
                csv_core::ReadFieldResult::Field { record_end } => {
                    let index = rec.cells.len();
                    if field_too_long || index >= MAX_COLUMNS {
                        rec.too_long.get_or_insert(index.min(MAX_COLUMNS));
                        if index < MAX_COLUMNS {
                            rec.cells.push(String::new());
                        }
                    } else {
                        record_bytes += self.field.len();
                        let text = String::from_utf8_lossy(&self.field).into_owned();
                        rec.cells.push(clean_cell(text));
                    }
                    self.field.clear();
                    field_too_long = false;
                    if record_end {
                        break;
                    }
                }
                csv_core::ReadFieldResult::End => {
                    self.done = true;
                    if rec.cells.is_empty() {
                        return Ok(false);
                    }
                    break;
                }
            }
        }
        // Quotes pair up in a complete record; an odd count at the end of the file means
        // a quoted field was still open.
        rec.open_quote = rec.unterminated && quotes % 2 == 1;
        if self.stream.malformed > malformed_before
            || (self.stream.malformed > 0 && rec.cells.iter().any(|c| c.contains('\u{FFFD}')))
        {
            rec.undecodable = true;
        }
        rec.bytes_done = self.stream.bytes_read;
        Ok(true)
    }
}

fn count_lines(bytes: &[u8], cr_lines: bool, prev_cr: &mut bool) -> u64 {
    if cr_lines {
        let mut n = 0;
        for &b in bytes {
            if b == b'\r' || (b == b'\n' && !*prev_cr) {
                n += 1;
            }
            *prev_cr = b == b'\r';
        }
        n
    } else {
        bytes.iter().filter(|&&b| b == b'\n').count() as u64
    }
}

/// Reads up to `max` records of a decoded sample with a given delimiter, for guessing.
pub(crate) fn sample_records(text: &[u8], delimiter: u8, max: usize) -> Vec<Vec<String>> {
    let mut parser = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let mut out = Vec::new();
    let mut scratch = vec![0u8; 64 * 1024];
    let mut field = Vec::new();
    let mut cells = Vec::new();
    let mut input = text;
    loop {
        let (res, nin, nout) = parser.read_field(input, &mut scratch);
        input = &input[nin..];
        if field.len() < MAX_FIELD_BYTES {
            field.extend_from_slice(&scratch[..nout]);
        }
        match res {
            csv_core::ReadFieldResult::InputEmpty => {
                // The sample ends mid-record: that record is incomplete, leave it out.
                break;
            }
            csv_core::ReadFieldResult::OutputFull => {}
            csv_core::ReadFieldResult::Field { record_end } => {
                cells.push(clean_cell(String::from_utf8_lossy(&field).into_owned()));
                field.clear();
                if record_end {
                    out.push(std::mem::take(&mut cells));
                    if out.len() >= max {
                        break;
                    }
                }
            }
            csv_core::ReadFieldResult::End => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::UTF_8;

    fn read_all(text: &[u8], delim: u8) -> Vec<RawRecord> {
        let stream = DecodedStream::new(text, UTF_8, 0).unwrap();
        let mut r = CsvRecords::new(stream, delim, false);
        let mut out = Vec::new();
        let mut rec = RawRecord::default();
        while r.next_record(&mut rec).unwrap() {
            out.push(rec.clone());
        }
        out
    }

    #[test]
    fn quoted_newlines_crlf_blank_lines_and_row_numbers() {
        let text = "a,b\r\n\r\n1,\"two\r\nlines\"\r\n\n\n3,\"say \"\"hi\"\"\"\r\n,\n4,\u{FEFF}x";
        let recs = read_all(text.as_bytes(), b',');
        let rows: Vec<u64> = recs.iter().map(|r| r.row).collect();
        assert_eq!(rows, [1, 3, 7, 8, 9]);
        assert_eq!(recs[1].cells, ["1", "two\r\nlines"]);
        assert_eq!(recs[2].cells, ["3", "say \"hi\""]);
        assert!(recs[3].is_blank());
        assert_eq!(
            recs[4].cells,
            ["4", "x"],
            "stray BOM removed, last line unterminated"
        );
        assert!(recs[4].unterminated && !recs[4].open_quote);
        assert!(!recs[1].unterminated);
        let cut = read_all(b"a,b\n1,\"half a rev", b',');
        assert!(cut[1].open_quote);
        assert_eq!(cut[1].cells, ["1", "half a rev"]);
    }

    #[test]
    fn oversized_field_is_dropped_not_buffered() {
        let mut text = b"a,b\n1,\"".to_vec();
        text.extend(std::iter::repeat_n(b'x', MAX_FIELD_BYTES + 10));
        text.extend_from_slice(b"\"\n2,ok\n");
        let recs = read_all(&text, b',');
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[1].too_long, Some(1));
        assert_eq!(recs[1].cells[1], "");
        assert_eq!(recs[2].cells, ["2", "ok"]);
        assert_eq!(recs[2].row, 3);
    }

    #[test]
    fn too_many_columns_are_capped() {
        let line = ",".repeat(MAX_COLUMNS + 50);
        let recs = read_all(format!("a,b\n{line}\nc,d\n").as_bytes(), b',');
        assert_eq!(recs[1].cells.len(), MAX_COLUMNS);
        assert_eq!(recs[1].too_long, Some(MAX_COLUMNS));
        assert_eq!(recs[2].cells, ["c", "d"]);
    }

    #[test]
    fn samples_stop_before_a_cut_record() {
        let recs = sample_records(b"a\tb\n1\t2\n3\t\"unfinished", b'\t', 10);
        assert_eq!(recs, vec![vec!["a", "b"], vec!["1", "2"]]);
    }
}
