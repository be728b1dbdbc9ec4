//! import: review exports (CSV, TSV, Excel) into cases.

use crate::import_mapping::{self, Chosen, Request};
use crate::{output, Ctx};
use chrono::Utc;
use clap::Args;
use haoping_core::cases;
use haoping_core::intake::{self, ImportOptions, ImportReport};
use haoping_core::{settings, CoreError, Lang};
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct ImportArgs {
    /// The export file: .csv, .tsv, .txt, .xlsx or .xls.
    file: PathBuf,
    /// Read the file with this preset instead of recognising it: taobao, taobao_api,
    /// tmall_feed, jd, pinduoduo, douyin, amazon_reviews, shopify, judgeme, …
    #[arg(long)]
    preset: Option<String>,
    /// `auto`: read a layout no preset knows with the mapping suggested from its column
    /// names, when it finds the review text and a rating or sentiment label. FILE.json: a
    /// mapping in the format the app saves (the `mapping` a `--json` dry run prints).
    #[arg(long, value_name = "auto|FILE.json")]
    mapping: Option<String>,
    /// The platform the reviews come from: a code or a short name (pdd, tb, tm, dy, mt,
    /// jd, amz, shopify…), whatever the case.
    #[arg(long)]
    platform: Option<String>,
    /// Product name for rows the file gives none (default with --mapping: the file's name).
    #[arg(long)]
    product: Option<String>,
    /// Read, check and count everything, write nothing; prints the mapping used first.
    #[arg(long)]
    dry_run: bool,
    /// Every new case arrives as history (the backlog), however recent: no first-reply
    /// reminders. Reviews older than the first-reply window always do.
    #[arg(long)]
    as_history: bool,
}

#[derive(Serialize)]
struct JsonRejected {
    row: u64,
    reason: String,
}

/// The `--json` shape: exactly these keys, and on a dry run `mapping` (what the file
/// would be read with).
#[derive(Serialize)]
struct JsonReport<'a> {
    rows_read: u64,
    new: u64,
    updated: u64,
    duplicates: u64,
    rejected: Vec<JsonRejected>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mapping: Option<&'a Chosen>,
}

fn print_text(r: &ImportReport, lang: Lang, chosen: Option<&Chosen>) {
    // A preset adjusted on the command line is given to the import as a mapping.
    let preset = r.preset.as_ref().or(chosen.and_then(|c| c.preset.as_ref()));
    let detail = [
        (!r.encoding.is_empty()).then(|| r.encoding.clone()),
        preset.map(|p| format!("preset {p}")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    say!("file        {} ({detail})", r.file_name);
    say!("rows read   {}", r.rows_read);
    say!("new         {}", r.new);
    if r.backlog > 0 {
        say!(
            "  history   {} (in the backlog: no first reply asked)",
            r.backlog
        );
    }
    say!("updated     {}", r.updated);
    say!("duplicates  {}", r.duplicates);
    say!("stats only  {}", r.stats_only);
    say!("rejected    {}", r.rejected_total);
    for x in &r.rejected {
        say!("  row {:>7}  {}", x.row, intake::reject_message(x, lang));
    }
    for w in &r.warnings {
        let text = match w.as_str() {
            "mapping.no_time" => "the file has no review time: cases get the import time",
            "mapping.no_identity" => {
                "the file has no review or order number: repeats are recognised by their content"
            }
            other => other,
        };
        say!("note: {text}");
    }
    if r.dry_run {
        say!("dry run: nothing was written");
    } else if r.accepted() == 0 {
        say!("nothing could be imported: nothing was written");
    }
}

pub fn import(ctx: &Ctx, a: ImportArgs) -> Result<ExitCode, CoreError> {
    let mut conn = ctx.open_or_create()?;
    if !a.dry_run {
        crate::safety::back_up_before(
            ctx,
            &conn,
            haoping_core::backup::BackupReason::BeforeImport,
        )?;
    }
    let prefs = settings::load(&conn)?;
    let mut opts = ImportOptions {
        preset: a.preset,
        dry_run: a.dry_run,
        as_history: a.as_history,
        actor: "cli".into(),
        max_rejected_listed: u32::MAX,
        ..Default::default()
    };
    let req = Request {
        mapping: a.mapping.as_deref().map(str::trim),
        platform: a.platform.as_deref(),
        product: a.product.as_deref(),
    };
    let chosen = if a.dry_run || req.mapping.is_some() || req.platform.is_some() {
        Some(import_mapping::choose(
            &conn,
            &a.file,
            &opts,
            &req,
            Utc::now(),
        )?)
    } else {
        None
    };
    if let Some(c) = chosen.as_ref().filter(|c| c.explicit) {
        opts.mapping = Some(c.mapping.clone());
    }
    let show_progress = !ctx.json && std::io::stderr().is_terminal();
    let mut err = std::io::stderr();
    let report = intake::import(&mut conn, &a.file, &opts, Utc::now(), &mut |p| {
        if show_progress && p.bytes_total > 0 {
            let _ = write!(
                err,
                "\r{:>3}%  {} rows",
                p.bytes_done * 100 / p.bytes_total,
                p.rows_done
            );
        }
        true
    })
    .map_err(import_mapping::with_hint)?;
    if !a.dry_run {
        // Nothing runs after the CLI to index the new cases in the background.
        cases::catch_up_search_all(&mut conn)?;
    }
    if show_progress {
        let _ = writeln!(err);
    }
    if ctx.json {
        output::json(&JsonReport {
            rows_read: report.rows_read,
            new: report.new,
            updated: report.updated,
            duplicates: report.duplicates,
            rejected: report
                .rejected
                .iter()
                .map(|x| JsonRejected {
                    row: x.row,
                    reason: intake::reject_message(x, Lang::En),
                })
                .collect(),
            mapping: chosen.as_ref().filter(|_| a.dry_run),
        })?;
    } else {
        if let Some(c) = chosen.as_ref().filter(|_| a.dry_run) {
            import_mapping::print_text(c);
        }
        print_text(&report, prefs.lang(), chosen.as_ref());
    }
    Ok(if report.accepted() == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
