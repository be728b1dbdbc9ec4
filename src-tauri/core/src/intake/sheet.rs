//! Reading the first sheet of an Excel workbook as records. `.xlsx` is streamed cell by
//! cell; `.xls` (at most 65,536 rows by format) is read whole.

use super::records::{clean_cell, RawRecord, MAX_COLUMNS, MAX_FIELD_BYTES};
use crate::error::{CoreError, Result};
use calamine::{DataRef, Reader, Xls, Xlsx};
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

fn bad_workbook(e: impl std::fmt::Display) -> CoreError {
    CoreError::validation(
        "intake.bad_workbook",
        "file",
        format!("the Excel file cannot be read (damaged or cut short?): {e}"),
    )
}

fn open_reader(path: &Path) -> Result<BufReader<File>> {
    Ok(BufReader::new(File::open(path)?))
}

/// Excel keeps 15 significant digits: a longer number (an order number typed as a
/// number) has already lost digits, so it is shown in E notation to be recognised.
fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else if f.abs() >= 1e15 {
        format!("{f:E}")
    } else {
        format!("{f}")
    }
}

fn cell_text(v: &DataRef<'_>) -> String {
    match v {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) => match d.as_datetime() {
            Some(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => number_text(d.as_f64()),
        },
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(_) | DataRef::Empty => String::new(),
    }
}

fn data_text(v: &calamine::Data) -> String {
    use calamine::Data;
    match v {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::String(s) => s.clone(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => number_text(d.as_f64()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

fn put_cell(rec: &mut RawRecord, col: usize, text: String) {
    if col >= MAX_COLUMNS {
        rec.too_long.get_or_insert(MAX_COLUMNS);
        return;
    }
    while rec.cells.len() < col {
        rec.cells.push(String::new());
    }
    if text.len() > MAX_FIELD_BYTES {
        rec.too_long.get_or_insert(col);
        rec.cells.push(String::new());
    } else {
        rec.cells.push(clean_cell(text));
    }
}

/// Calls `f` with each non-empty row of the first sheet, in order; stops when `f` says
/// false. Returns the sheet's name.
pub(crate) fn for_each_record(
    path: &Path,
    xlsx: bool,
    bytes_total: u64,
    f: &mut dyn FnMut(&RawRecord) -> Result<bool>,
) -> Result<String> {
    let mut rec = RawRecord::default();
    if xlsx {
        let mut wb: Xlsx<_> = Xlsx::new(open_reader(path)?).map_err(bad_workbook)?;
        let name = wb
            .sheet_names()
            .first()
            .cloned()
            .ok_or_else(|| bad_workbook("no sheet"))?;
        let mut cells = wb.worksheet_cells_reader(&name).map_err(bad_workbook)?;
        let last_row = u64::from(cells.dimensions().end.0.max(1));
        let mut current: Option<u32> = None;
        while let Some(cell) = cells.next_cell().map_err(bad_workbook)? {
            let (r, c) = cell.get_position();
            if current != Some(r) {
                if current.is_some() && !rec.cells.is_empty() && !f(&rec)? {
                    return Ok(name);
                }
                rec.clear();
                rec.row = u64::from(r) + 1;
                rec.bytes_done = bytes_total * u64::from(r).min(last_row) / last_row;
                current = Some(r);
            }
            put_cell(&mut rec, c as usize, cell_text(cell.get_value()));
        }
        if current.is_some() && !rec.cells.is_empty() {
            rec.bytes_done = bytes_total;
            f(&rec)?;
        }
        Ok(name)
    } else {
        let mut wb: Xls<_> = Xls::new(open_reader(path)?).map_err(bad_workbook)?;
        let name = wb
            .sheet_names()
            .first()
            .cloned()
            .ok_or_else(|| bad_workbook("no sheet"))?;
        let range = wb.worksheet_range(&name).map_err(bad_workbook)?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let height = range.height().max(1) as u64;
        for (i, row) in range.rows().enumerate() {
            rec.clear();
            rec.row = u64::from(row0) + i as u64 + 1;
            rec.bytes_done = bytes_total * (i as u64 + 1) / height;
            for (j, v) in row.iter().enumerate() {
                put_cell(&mut rec, col0 as usize + j, data_text(v));
            }
            if !rec.is_blank() && !f(&rec)? {
                break;
            }
        }
        Ok(name)
    }
}
