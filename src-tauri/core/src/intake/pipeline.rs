//! Preview, import and the rejected-rows file: one pass over the file each, streaming,
//! with the header row and the mapping decided from the first records.

use super::mappings;
use super::model::{
    ColumnMapping, ImportOptions, ImportProgress, ImportReport, MappingSource, Preview, PreviewRow,
    RejectCode, RejectedRow,
};
use super::presets;
use super::records::RawRecord;
use super::rows::{detect_layout, Layout, Mapper, LAYOUT_ROWS};
use super::source::{self, Source};
use super::store::{Outcome, Writer};
use crate::common::Lang;
use crate::error::{CoreError, Result};
use crate::{followup, settings};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Connection, TransactionBehavior};
use std::path::Path;

const PREVIEW_ROWS: usize = 20;
/// Rows between progress reports (and cancellation checks).
const PROGRESS_EVERY: u64 = 500;
/// SQLite page cache during an import, in KiB.
const IMPORT_CACHE_KIB: i64 = 64 * 1024;

/// What a pass over a file does with the layout and with each data row.
trait Sink {
    /// Called once with the first records; returns how many of them precede the data
    /// (title lines and the header).
    fn layout(&mut self, sample: &[RawRecord]) -> Result<usize>;
    /// Called for each data row; false stops the pass.
    fn row(&mut self, rec: &RawRecord) -> Result<bool>;
    fn blank(&mut self) {}
}

/// Decides the layout from the sampled records, then hands on the data rows among them.
fn replay(sample: &[RawRecord], blanks_after: &[u64], sink: &mut dyn Sink) -> Result<bool> {
    if sample.is_empty() {
        return Err(CoreError::validation(
            "intake.empty_file",
            "file",
            "the file holds no rows",
        ));
    }
    let skip = sink.layout(sample)?;
    if let Some(after_header) = skip.checked_sub(1).and_then(|i| blanks_after.get(i)) {
        for _ in 0..*after_header {
            sink.blank();
        }
    }
    for (r, blanks) in sample.iter().zip(blanks_after).skip(skip) {
        if !sink.row(r)? {
            return Ok(false);
        }
        for _ in 0..*blanks {
            sink.blank();
        }
    }
    Ok(true)
}

fn drive(source: &Source, sink: &mut dyn Sink) -> Result<String> {
    let mut sample: Vec<RawRecord> = Vec::with_capacity(LAYOUT_ROWS);
    // Blank records met after each sampled record: those after the header are data rows
    // that happen to be empty.
    let mut blanks_after: Vec<u64> = Vec::with_capacity(LAYOUT_ROWS);
    let mut decided = false;
    let mut stopped = false;
    let sheet = read_ahead(source, &mut |rec| {
        if decided {
            if rec.is_blank() {
                sink.blank();
                return Ok(true);
            }
            let go = sink.row(rec)?;
            stopped = !go;
            return Ok(go);
        }
        if rec.is_blank() {
            if let Some(last) = blanks_after.last_mut() {
                *last += 1;
            }
            return Ok(true);
        }
        sample.push(rec.clone());
        blanks_after.push(0);
        if sample.len() < LAYOUT_ROWS {
            return Ok(true);
        }
        decided = true;
        let go = replay(&sample, &blanks_after, sink)?;
        sample.clear();
        stopped = !go;
        Ok(go)
    })?;
    if !decided && !stopped {
        replay(&sample, &blanks_after, sink)?;
    }
    Ok(sheet)
}

/// Records read ahead per batch, and batches read ahead of the rows being written.
const READ_BATCH: usize = 256;
const BATCHES_AHEAD: usize = 8;

/// `source.for_each(f)`, with the file decoded and split into records on a thread of
/// its own while `f` labels and stores the rows before them: reading is a quarter of an
/// import's work, and on two cores it no longer adds to the time. Memory stays bounded
/// by the batches in flight. Whatever `f` or the reader stops on, the other stops too.
fn read_ahead(source: &Source, f: &mut dyn FnMut(&RawRecord) -> Result<bool>) -> Result<String> {
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<RawRecord>>(BATCHES_AHEAD);
        let reader = scope.spawn(move || {
            let mut batch = Vec::with_capacity(READ_BATCH);
            let read = source.for_each(&mut |rec| {
                batch.push(rec.clone());
                if batch.len() < READ_BATCH {
                    return Ok(true);
                }
                let full = std::mem::replace(&mut batch, Vec::with_capacity(READ_BATCH));
                // A send fails only once the rows' side has stopped: stop reading too.
                Ok(tx.send(full).is_ok())
            });
            // The rows before a reading error are handed on first, so an error of
            // theirs is the one reported, as when the file was read row by row.
            if !batch.is_empty() {
                let _ = tx.send(batch);
            }
            read
        });
        let mut written = Ok(());
        'rows: for batch in rx.iter() {
            for rec in &batch {
                match f(rec) {
                    Ok(true) => {}
                    Ok(false) => break 'rows,
                    Err(e) => {
                        written = Err(e);
                        break 'rows;
                    }
                }
            }
        }
        drop(rx);
        let read = match reader.join() {
            Ok(read) => read,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        written?;
        read
    })
}

/// The mapping a file will be read with, and where it came from.
struct Plan {
    layout: Layout,
    mapping: ColumnMapping,
    source: MappingSource,
    preset: Option<String>,
    saved_id: Option<i64>,
    mapper: std::result::Result<Mapper, Vec<String>>,
}

fn plan(
    conn: &Connection,
    sample: &[RawRecord],
    opts: &ImportOptions,
    shop: &str,
    now: DateTime<Utc>,
) -> Result<Plan> {
    let layout = detect_layout(sample);
    let data: Vec<Vec<String>> = sample
        .iter()
        .skip(layout.header_index.map_or(0, |i| i + 1))
        .map(|r| r.cells.clone())
        .collect();
    let headers = &layout.headers;
    let (mapping, source, preset, saved_id) = if let Some(m) = &opts.mapping {
        (m.clone(), MappingSource::Explicit, None, None)
    } else if let Some(name) = opts.preset.as_deref().filter(|n| !n.is_empty()) {
        if !presets::exists(name) {
            return Err(CoreError::validation(
                "intake.unknown_preset",
                "preset",
                format!("no preset named '{name}'"),
            ));
        }
        let m = presets::apply(name, headers).ok_or_else(|| {
            CoreError::validation(
                "intake.preset_mismatch",
                "preset",
                format!(
                    "the file's columns ({}) are not the '{name}' layout",
                    headers.join(", ")
                ),
            )
        })?;
        (m, MappingSource::Preset, Some(name.to_string()), None)
    } else if let Some(saved) = mappings::find_for_headers(conn, shop, headers)? {
        (saved.mapping, MappingSource::Saved, None, Some(saved.id))
    } else if let Some((name, m)) = presets::recognise(headers) {
        (m, MappingSource::Preset, Some(name.to_string()), None)
    } else {
        (
            presets::suggest(headers, &data),
            MappingSource::Suggested,
            None,
            None,
        )
    };
    let mapper = Mapper::new(&mapping, headers, now, opts.max_case_stars);
    Ok(Plan {
        layout,
        mapping,
        source,
        preset,
        saved_id,
        mapper,
    })
}

fn resolve_shop(conn: &Connection, opts: &ImportOptions) -> Result<String> {
    Ok(settings::shop_or_default(conn, &opts.shop)?
        .chars()
        .take(64)
        .collect())
}

fn skip_count(layout: &Layout) -> usize {
    layout.header_index.map_or(0, |i| i + 1)
}

// ---------------------------------------------------------------------------- preview

struct PreviewSink<'a> {
    conn: &'a Connection,
    opts: &'a ImportOptions,
    shop: String,
    now: DateTime<Utc>,
    plan: Option<Plan>,
    rows: Vec<PreviewRow>,
}

impl Sink for PreviewSink<'_> {
    fn layout(&mut self, sample: &[RawRecord]) -> Result<usize> {
        let p = plan(self.conn, sample, self.opts, &self.shop, self.now)?;
        let skip = skip_count(&p.layout);
        self.plan = Some(p);
        Ok(skip)
    }

    fn row(&mut self, rec: &RawRecord) -> Result<bool> {
        let Some(plan) = &self.plan else {
            return Ok(false);
        };
        let mut row = PreviewRow {
            row: rec.row,
            cells: rec.cells.clone(),
            outcome: "unmapped".into(),
            stars: None,
            product: None,
            review_text: None,
            review_time: None,
            order_id: None,
            review_id: None,
            buyer_nick: None,
            rejected: None,
        };
        if let Ok(mapper) = &plan.mapper {
            match mapper.map(rec) {
                Ok(r) => {
                    row.outcome = if mapper.is_case(r.stars) {
                        "case"
                    } else {
                        "stats_only"
                    }
                    .into();
                    row.stars = Some(r.stars);
                    row.product = Some(r.product);
                    row.review_text = Some(r.review_text);
                    row.review_time = r.time_known.then_some(r.review_time);
                    row.order_id = r.order_id;
                    row.review_id = r.review_id;
                    row.buyer_nick = r.buyer_nick;
                }
                Err(rej) => {
                    row.outcome = "rejected".into();
                    row.rejected = Some(rej);
                }
            }
        }
        self.rows.push(row);
        Ok(self.rows.len() < PREVIEW_ROWS)
    }
}

/// Detects the file's layout and shows its first rows as they would be imported, for
/// the mapping screen. Reads only the start of the file; writes nothing.
pub fn preview(
    conn: &Connection,
    path: &Path,
    opts: &ImportOptions,
    now: DateTime<Utc>,
) -> Result<Preview> {
    let source = source::open(path, opts.encoding.as_deref())?;
    let mut sink = PreviewSink {
        conn,
        opts,
        shop: resolve_shop(conn, opts)?,
        now,
        plan: None,
        rows: Vec::new(),
    };
    let sheet = drive(&source, &mut sink)?;
    let plan = sink.plan.ok_or_else(|| {
        CoreError::validation("intake.empty_file", "file", "the file holds no rows")
    })?;
    let (mapping_errors, warnings) = match &plan.mapper {
        Ok(m) => (Vec::new(), m.warnings()),
        Err(e) => (e.clone(), Vec::new()),
    };
    Ok(Preview {
        kind: source.kind,
        encoding: source.encoding_name(),
        bom: source.bom_len > 0,
        delimiter: source.delimiter_text(),
        sheet,
        header_row: plan.layout.header_row,
        headers: plan.layout.headers,
        preset: plan.preset,
        mapping: plan.mapping,
        mapping_source: plan.source,
        saved_mapping_id: plan.saved_id,
        mapping_errors,
        warnings,
        rows: sink.rows,
        bytes_total: source.bytes_total,
    })
}

/// The error an import gives when the mapping cannot be used as it is.
fn mapping_error(plan: &Plan) -> Option<CoreError> {
    if plan.source == MappingSource::Suggested {
        return Some(CoreError::validation(
            "intake.unknown_layout",
            "mapping",
            format!(
                "the columns ({}) match no known export: map them (preview suggests a mapping)",
                plan.layout.headers.join(", ")
            ),
        ));
    }
    match &plan.mapper {
        Err(errors) => Some(CoreError::validation(
            "intake.mapping_incomplete",
            "mapping",
            format!("the mapping cannot be used: {}", errors.join(", ")),
        )),
        Ok(_) => None,
    }
}

// ----------------------------------------------------------------------------- import

struct ImportSink<'c, 'p> {
    conn: &'c Connection,
    opts: &'c ImportOptions,
    shop: String,
    now: DateTime<Utc>,
    import_id: i64,
    file_name: String,
    bytes_total: u64,
    plan: Option<Plan>,
    writer: Option<Writer<'c>>,
    report: ImportReport,
    undecodable: u64,
    until_progress: u64,
    progress: &'p mut dyn FnMut(ImportProgress) -> bool,
}

impl ImportSink<'_, '_> {
    fn progress_now(&mut self, bytes_done: u64) -> bool {
        let r = &self.report;
        (self.progress)(ImportProgress {
            rows_done: r.rows_read,
            bytes_done: bytes_done.min(self.bytes_total),
            bytes_total: self.bytes_total,
            new: r.new,
            updated: r.updated,
            duplicates: r.duplicates,
            rejected: r.rejected_total,
        })
    }
}

fn cancelled() -> CoreError {
    CoreError::validation(
        "intake.cancelled",
        "import",
        "the import was cancelled; nothing was written",
    )
}

impl<'c> Sink for ImportSink<'c, '_> {
    fn layout(&mut self, sample: &[RawRecord]) -> Result<usize> {
        let p = plan(self.conn, sample, self.opts, &self.shop, self.now)?;
        if let Some(e) = mapping_error(&p) {
            return Err(e);
        }
        if let Ok(m) = &p.mapper {
            self.report.warnings = m.warnings();
            let history_before = if self.opts.as_history {
                DateTime::<Utc>::MAX_UTC
            } else {
                let hours = followup::load_rules(self.conn)?.first_response_hours;
                self.now - Duration::hours(i64::from(hours))
            };
            self.writer = Some(Writer::new(
                self.conn,
                self.import_id,
                m.platform(),
                &self.shop,
                self.now,
                &self.opts.actor,
                &self.file_name,
                self.opts.max_case_stars,
                history_before,
                self.bytes_total,
            )?);
        }
        self.report.preset = p.preset.clone();
        self.report.mapping_source = p.source;
        let skip = skip_count(&p.layout);
        self.plan = Some(p);
        Ok(skip)
    }

    fn row(&mut self, rec: &RawRecord) -> Result<bool> {
        let (
            Some(Plan {
                mapper: Ok(mapper), ..
            }),
            Some(writer),
        ) = (&self.plan, &mut self.writer)
        else {
            return Ok(false);
        };
        self.report.rows_read += 1;
        match mapper.map(rec) {
            Ok(row) => match writer.write(&row)? {
                Outcome::New => self.report.new += 1,
                Outcome::Updated => self.report.updated += 1,
                Outcome::Duplicate => self.report.duplicates += 1,
                Outcome::StatsOnly => self.report.stats_only += 1,
            },
            Err(rej) => {
                if rej.code == RejectCode::Undecodable {
                    self.undecodable += 1;
                }
                self.report.rejected_total += 1;
                if self.report.rejected.len() < self.opts.max_rejected_listed as usize {
                    self.report.rejected.push(rej);
                }
            }
        }
        self.until_progress -= 1;
        if self.until_progress == 0 {
            self.until_progress = PROGRESS_EVERY;
            if !self.progress_now(rec.bytes_done) {
                return Err(cancelled());
            }
        }
        Ok(true)
    }

    fn blank(&mut self) {
        self.report.empty_rows += 1;
    }
}

/// Imports a file in one transaction: new negative/neutral reviews become cases,
/// known ones are updated (changes recorded in their history), every review is counted
/// in `review_stats` once. `progress` hears every few hundred rows; returning false
/// cancels, and a cancel, an error or a crash leaves the database as it was. A dry run
/// does everything and rolls back, for an exact preview of the counts.
pub fn import(
    conn: &mut Connection,
    path: &Path,
    opts: &ImportOptions,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(ImportProgress) -> bool,
) -> Result<ImportReport> {
    // One transaction holds the whole file: with the default 2 MB page cache SQLite
    // would spill and re-read pages all the time. A fixed, larger cache for the import
    // keeps it fast without tying memory to the file's size.
    let old_cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
    let result = import_in_transaction(conn, path, opts, now, progress);
    conn.pragma_update(None, "cache_size", old_cache)?;
    result
}

fn import_in_transaction(
    conn: &mut Connection,
    path: &Path,
    opts: &ImportOptions,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(ImportProgress) -> bool,
) -> Result<ImportReport> {
    let source = source::open(path, opts.encoding.as_deref())?;
    let shop = resolve_shop(conn, opts)?;
    let file_name = source.file_name();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let import_id: i64 = tx.query_row(
        "INSERT INTO intake_imports(file_name, shop, started_at) VALUES (?1, ?2, ?3)
         RETURNING id",
        params![file_name, shop, now],
        |r| r.get(0),
    )?;
    let mut sink = ImportSink {
        conn: &tx,
        opts,
        shop,
        now,
        import_id,
        file_name: file_name.clone(),
        bytes_total: source.bytes_total,
        plan: None,
        writer: None,
        report: ImportReport {
            import_id: None,
            dry_run: opts.dry_run,
            file_name,
            kind: source.kind,
            encoding: source.encoding_name(),
            preset: None,
            mapping_source: MappingSource::Preset,
            rows_read: 0,
            new: 0,
            updated: 0,
            duplicates: 0,
            backlog: 0,
            stats_only: 0,
            empty_rows: 0,
            rejected_total: 0,
            rejected: Vec::new(),
            warnings: Vec::new(),
        },
        undecodable: 0,
        until_progress: PROGRESS_EVERY,
        progress,
    };
    drive(&source, &mut sink)?;
    if sink.plan.is_none() {
        return Err(CoreError::validation(
            "intake.empty_file",
            "file",
            "the file holds no rows",
        ));
    }
    if let Some(w) = sink.writer.take() {
        sink.report.backlog = w.finish()?;
    }
    if !sink.progress_now(source.bytes_total) {
        return Err(cancelled());
    }
    let mut report = sink.report;
    if sink.undecodable > 0 && sink.undecodable * 2 >= report.rows_read {
        return Err(CoreError::validation(
            "intake.wrong_encoding",
            "encoding",
            format!(
                "{} of {} rows are not valid {}: the file is in another encoding; choose it and import again",
                sink.undecodable,
                report.rows_read,
                source.encoding.name()
            ),
        ));
    }
    if opts.dry_run || report.accepted() == 0 {
        // Nothing kept: the transaction is dropped, which rolls it back.
        return Ok(report);
    }
    tx.execute(
        "UPDATE intake_imports SET preset = ?2, finished_at = ?3, rows_read = ?4, new = ?5,
            updated = ?6, duplicates = ?7, stats_only = ?8, rejected = ?9
         WHERE id = ?1",
        params![
            import_id,
            report.preset,
            now,
            report.rows_read as i64,
            report.new as i64,
            report.updated as i64,
            report.duplicates as i64,
            report.stats_only as i64,
            report.rejected_total as i64
        ],
    )?;
    tx.commit()?;
    report.import_id = Some(import_id);
    Ok(report)
}

// -------------------------------------------------------------------- rejected rows

struct RejectSink<'a, W: std::io::Write> {
    conn: &'a Connection,
    opts: &'a ImportOptions,
    shop: String,
    now: DateTime<Utc>,
    lang: Lang,
    plan: Option<Plan>,
    out: csv::Writer<W>,
    written: u64,
}

impl<W: std::io::Write> Sink for RejectSink<'_, W> {
    fn layout(&mut self, sample: &[RawRecord]) -> Result<usize> {
        let p = plan(self.conn, sample, self.opts, &self.shop, self.now)?;
        if let Some(e) = mapping_error(&p) {
            return Err(e);
        }
        let mut header = p.layout.headers.clone();
        header.push(reason_header(self.lang).into());
        header.push(row_header(self.lang).into());
        self.out.write_record(&header).map_err(csv_error)?;
        let skip = skip_count(&p.layout);
        self.plan = Some(p);
        Ok(skip)
    }

    fn row(&mut self, rec: &RawRecord) -> Result<bool> {
        let Some(Plan {
            mapper: Ok(mapper),
            layout,
            ..
        }) = &self.plan
        else {
            return Ok(false);
        };
        if let Err(rej) = mapper.map(rec) {
            let mut cells = rec.cells.clone();
            cells.resize(layout.headers.len().max(cells.len()), String::new());
            cells.push(reject_message(&rej, self.lang));
            cells.push(rec.row.to_string());
            self.out.write_record(&cells).map_err(csv_error)?;
            self.written += 1;
        }
        Ok(true)
    }
}

fn csv_error(e: csv::Error) -> CoreError {
    CoreError::Io(std::io::Error::other(e.to_string()))
}

fn reason_header(lang: Lang) -> &'static str {
    lang.pick("未导入原因", "rejected because")
}

fn row_header(lang: Lang) -> &'static str {
    lang.pick("原文件行号", "source row")
}

/// The reason for a rejected row in the owner's language.
pub fn reject_message(rej: &RejectedRow, lang: Lang) -> String {
    let column = rej.column.as_deref().unwrap_or("");
    if lang.is_en() {
        return match column {
            "" => rej.reason.clone(),
            c => format!("{} (column {c})", rej.reason),
        };
    }
    let zh = match rej.code {
        RejectCode::Undecodable => "含有无法按文件编码识别的字符",
        RejectCode::Truncated => "文件在这一行中间结束，文件不完整",
        RejectCode::FieldTooLong => "某个单元格过大（超过 1 MB）或列数过多，可能缺少引号",
        RejectCode::MissingRating => "评分为空",
        RejectCode::BadRating => "评分无法识别",
        RejectCode::BadTime => "评价时间无法识别",
        RejectCode::FutureTime => "评价时间在未来",
        RejectCode::MissingText => "差评/中评没有评价内容",
        RejectCode::TextTooLong => "内容超过 20000 字",
        RejectCode::MissingProduct => "没有商品名称：请填写商品列或设置默认商品",
        RejectCode::OrderIdMangled => "订单号已被 Excel 截断成科学计数法，请以文本格式重新导出",
        RejectCode::BadValue => "某个值过长或格式不对",
    };
    match column {
        "" => zh.to_string(),
        c => format!("{zh}（列：{c}）"),
    }
}

/// Writes every row the import would reject to `out` as CSV (UTF-8 with BOM, so Excel
/// opens it): the original columns, then the reason (Chinese or English by `lang`) and
/// the source row number. Fix the rows and import that file. Returns the rows written.
pub fn export_rejected(
    conn: &Connection,
    path: &Path,
    opts: &ImportOptions,
    out: &Path,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<u64> {
    let source = source::open(path, opts.encoding.as_deref())?;
    let mut file = std::io::BufWriter::new(std::fs::File::create(out)?);
    std::io::Write::write_all(&mut file, "\u{FEFF}".as_bytes())?;
    let mut sink = RejectSink {
        conn,
        opts,
        shop: resolve_shop(conn, opts)?,
        now,
        lang,
        plan: None,
        out: csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(file),
        written: 0,
    };
    drive(&source, &mut sink)?;
    sink.out.flush()?;
    Ok(sink.written)
}

/// Presets in the picker's order.
pub fn preset_list() -> Vec<super::model::PresetInfo> {
    presets::list()
}
