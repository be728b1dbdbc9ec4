//! backup, backups, restore, export-shop, import-shop, doctor: the owner's data kept
//! safe from the command line, over the same core the app uses.

use crate::{output, Ctx};
use chrono::Utc;
use clap::Args;
use haoping_core::backup::{self, BackupInfo, BackupReason};
use haoping_core::{db, doctor, CoreError};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct BackupArgs {
    /// Write the backup to this file (its manifest and evidence files beside it)
    /// instead of the backup folder.
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(Args)]
pub struct RestoreArgs {
    /// A backup (`.db`) or any Haoping database file.
    file: PathBuf,
}

#[derive(Args)]
pub struct ExportShopArgs {
    /// The archive to write (`.haoping` is added when the name has no extension).
    #[arg(long)]
    out: PathBuf,
}

#[derive(Args)]
pub struct ImportShopArgs {
    /// The `.haoping` archive.
    file: PathBuf,
}

fn data_dir(ctx: &Ctx) -> PathBuf {
    ctx.db_path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn human(bytes: u64) -> String {
    haoping_core::appeals::human_size(bytes)
}

fn print_backup(b: &BackupInfo) {
    println!(
        "{}  {:<22} {:>9}  {} case(s), {} evidence file(s){}  {}",
        b.created_at.format("%Y-%m-%d %H:%M:%S"),
        b.reason.as_str(),
        human(b.size_bytes),
        b.counts.cases,
        b.evidence_files,
        if b.good { "" } else { "  [NOT USABLE]" },
        b.path
    );
}

/// The backup every bulk change makes first; a database with no cases has nothing to
/// lose and is not backed up.
pub fn back_up_before(
    ctx: &Ctx,
    conn: &db::Connection,
    reason: BackupReason,
) -> Result<(), CoreError> {
    if haoping_core::cases::count(conn)? > 0 {
        backup::create(conn, &data_dir(ctx), reason, Utc::now())?;
    }
    Ok(())
}

pub fn backup(ctx: &Ctx, a: BackupArgs) -> Result<ExitCode, CoreError> {
    let conn = ctx.open()?;
    let info = match &a.out {
        Some(file) => backup::create_at(
            &conn,
            &data_dir(ctx),
            file,
            BackupReason::Manual,
            Utc::now(),
        )?,
        None => backup::create(&conn, &data_dir(ctx), BackupReason::Manual, Utc::now())?,
    };
    if ctx.json {
        output::json(&info)?;
    } else {
        println!(
            "backed up {} case(s) and {} evidence file(s) to {} ({}, verified in {} ms)",
            info.counts.cases,
            info.evidence_files,
            info.path,
            human(info.size_bytes),
            info.duration_ms
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn backups(ctx: &Ctx) -> Result<ExitCode, CoreError> {
    let list = backup::list(&data_dir(ctx))?;
    if ctx.json {
        output::json(&list)?;
        return Ok(ExitCode::SUCCESS);
    }
    for b in &list {
        print_backup(b);
    }
    let place = backup::resolve(&data_dir(ctx));
    println!("{} backup(s) in {}", list.len(), place.dir.display());
    Ok(ExitCode::SUCCESS)
}

pub fn restore(ctx: &Ctx, a: RestoreArgs) -> Result<ExitCode, CoreError> {
    let report = backup::restore(&ctx.db_path, &a.file, Utc::now())?;
    if ctx.json {
        output::json(&report)?;
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "restored {} case(s) from {} into {}",
        report.counts.cases,
        report.restored_from,
        ctx.db_path.display()
    );
    if let Some(b) = &report.previous_backup {
        println!("the database it replaced was backed up to {}", b.path);
    }
    if let Some(p) = &report.damaged_kept_at {
        println!("the damaged database was kept, unchanged, at {p}");
    }
    for e in &report.evidence_missing {
        println!("warning: no backup holds the evidence file {e}");
    }
    Ok(ExitCode::SUCCESS)
}

pub fn export_shop(ctx: &Ctx, a: ExportShopArgs) -> Result<ExitCode, CoreError> {
    let conn = ctx.open()?;
    let report = backup::export_shop(&conn, &data_dir(ctx), &a.out, Utc::now())?;
    if ctx.json {
        output::json(&report)?;
    } else {
        println!(
            "wrote {} case(s) and {} evidence file(s) to {} ({})",
            report.counts.cases,
            report.evidence_files,
            report.path,
            human(report.size_bytes)
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn import_shop(ctx: &Ctx, a: ImportShopArgs) -> Result<ExitCode, CoreError> {
    let report = backup::import_shop(&ctx.db_path, &a.file, Utc::now())?;
    if ctx.json {
        output::json(&report)?;
    } else {
        println!(
            "imported {} case(s) and {} evidence file(s) from {} into {}",
            report.counts.cases,
            report.evidence_files,
            report.path,
            ctx.db_path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn doctor(ctx: &Ctx) -> Result<ExitCode, CoreError> {
    let report = doctor::run(&ctx.db_path)?;
    if ctx.json {
        output::json(&report)?;
    } else {
        println!("{}  (schema {})", report.path, report.schema_version);
        for c in &report.checks {
            println!(
                "  {:<20} {}",
                c.name,
                if c.ok {
                    "ok".to_string()
                } else {
                    format!("{} problem(s)", c.problem_count)
                }
            );
            for p in &c.problems {
                println!("      {p}");
            }
        }
        println!(
            "{}",
            if report.ok {
                "no problems found"
            } else {
                "PROBLEMS FOUND"
            }
        );
    }
    Ok(if report.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
