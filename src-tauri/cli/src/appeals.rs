//! `remedies appeal …`: appeals against malicious or misattributed reviews, their
//! evidence files and the appeal packet, for scripts.

use crate::args::{codes, one_of, time};
use crate::output::{self, beijing_time, done};
use crate::Ctx;
use chrono::{DateTime, Utc};
use clap::Subcommand;
use haoping_core::appeals::{self, AppealInput, AppealReason, AppealStatus, AppealStatusChange};
use haoping_core::{paths, settings, CoreError, Lang};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum AppealAction {
    /// List appeals (of one case) with their evidence.
    List {
        #[arg(long = "case")]
        case: Option<i64>,
    },
    /// Open a draft appeal: extortion, competitor, fraud, insult_personal_data, misattributed.
    New {
        #[arg(long = "case")]
        case: i64,
        #[arg(long)]
        reason: String,
        /// Submission deadline (default: review time + 30 days).
        #[arg(long)]
        deadline: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Move an appeal: submitted, accepted, rejected, withdrawn.
    Status {
        id: i64,
        status: String,
        #[arg(long, default_value = "")]
        reference: String,
        #[arg(long, default_value = "")]
        outcome: String,
    },
    /// Attach evidence files (copied into the app's data folder).
    Evidence {
        id: i64,
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Data folder (default: next to the database).
        #[arg(long)]
        data_dir: Option<PathBuf>,
    },
    /// Write the appeal packet zip (summary + evidence).
    Export {
        id: i64,
        /// Where to write the zip.
        #[arg(long)]
        out: PathBuf,
        /// zh-CN or en (default: the app's language).
        #[arg(long)]
        lang: Option<String>,
        #[arg(long)]
        data_dir: Option<PathBuf>,
    },
}

fn data_dir(ctx: &Ctx, given: Option<PathBuf>) -> PathBuf {
    given.unwrap_or_else(|| {
        ctx.db_path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(|| paths::data_dir(false))
    })
}

pub fn run(
    ctx: &Ctx,
    conn: &mut haoping_core::db::Connection,
    action: AppealAction,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<ExitCode, CoreError> {
    match action {
        AppealAction::List { case } => {
            let list = appeals::list_appeals(conn, case, now)?;
            if ctx.json {
                let mut out = Vec::new();
                for a in &list {
                    out.push(serde_json::json!({
                        "appeal": a,
                        "evidence": appeals::list_evidence(conn, a.id)?,
                    }));
                }
                output::json(&out)?;
                return Ok(ExitCode::SUCCESS);
            }
            for a in &list {
                say!(
                    "appeal {:>4}  case {:<5} {:<20} {:<10} due {}{}",
                    a.id,
                    a.case_id,
                    a.reason.as_str(),
                    a.status.as_str(),
                    beijing_time(a.deadline_at),
                    if a.overdue { "  OVERDUE" } else { "" }
                );
                for e in appeals::list_evidence(conn, a.id)? {
                    say!(
                        "    #{:<4} {}  {}  sha256 {}",
                        e.id,
                        e.file_name,
                        appeals::human_size(e.size_bytes),
                        e.sha256
                    );
                }
            }
            say!("{} appeal(s)", list.len());
            Ok(ExitCode::SUCCESS)
        }
        AppealAction::New {
            case,
            reason,
            deadline,
            note,
        } => {
            let reason = one_of(
                "reason",
                &reason,
                AppealReason::parse,
                &codes(AppealReason::ALL),
            )?;
            let input = AppealInput {
                reason: Some(reason),
                deadline_at: deadline
                    .as_deref()
                    .map(|d| time("deadline", d))
                    .transpose()?,
                note,
                reference: String::new(),
            };
            let a = appeals::create_appeal(conn, case, &input, actor, now)?;
            done(ctx, &a, || {
                format!(
                    "appeal {} opened, submit by {}",
                    a.id,
                    beijing_time(a.deadline_at)
                )
            })
        }
        AppealAction::Status {
            id,
            status,
            reference,
            outcome,
        } => {
            let to = one_of(
                "status",
                &status,
                AppealStatus::parse,
                &codes(AppealStatus::ALL),
            )?;
            let change = AppealStatusChange {
                reference,
                outcome_note: outcome,
                at: None,
            };
            let a = appeals::set_appeal_status(conn, id, to, &change, actor, now)?;
            done(ctx, &a, || format!("appeal {id} is now {}", a.status))
        }
        AppealAction::Evidence {
            id,
            files,
            data_dir: dir,
        } => {
            // Each file stands alone: one bad path must not hide the others' results.
            let dir = data_dir(ctx, dir);
            let mut added = Vec::new();
            let mut errors = Vec::new();
            for f in &files {
                match appeals::add_evidence(conn, &dir, id, f, actor, now) {
                    Ok(e) => {
                        if !ctx.json {
                            say!("{} → {} (sha256 {})", e.file_name, e.stored_path, e.sha256);
                        }
                        added.push(e);
                    }
                    Err(e) => {
                        if !ctx.json {
                            output::error(ctx, &e);
                        }
                        errors.push(e);
                    }
                }
            }
            if ctx.json {
                output::json(&serde_json::json!({ "added": added, "errors": errors }))?;
            }
            Ok(if errors.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            })
        }
        AppealAction::Export {
            id,
            out,
            lang,
            data_dir: dir,
        } => {
            let dir = data_dir(ctx, dir);
            let lang = match lang {
                Some(l) => Lang::parse_arg("lang", &l)?,
                None => settings::lang(conn)?,
            };
            let report = appeals::export_packet(conn, &dir, id, &out, lang, now)?;
            done(ctx, &report, || {
                format!(
                    "wrote {} ({} entries, {})",
                    report.path,
                    report.entries.len(),
                    appeals::human_size(report.bytes)
                )
            })
        }
    }
}
