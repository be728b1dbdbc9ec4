//! bulk: one action over many cases, the selection given like `list`'s.

use crate::args::one_of;
use crate::cases::{filter_from, ListArgs};
use crate::{output, Ctx};
use chrono::Utc;
use clap::Args;
use haoping_core::bulk::{self, BulkAction, BulkPreview, BulkRequest, SkipCount};
use haoping_core::cases::CaseStatus;
use haoping_core::{settings, CoreError};
use std::process::ExitCode;

#[derive(Args)]
pub struct BulkArgs {
    /// set-status (with --new-status), close-too-old, dismiss-reminders, start-followup,
    /// delete.
    action: String,
    /// With set-status: new, contacting, negotiating, waiting_update, resolved, closed.
    #[arg(long)]
    new_status: Option<String>,
    /// These cases (repeatable) instead of, or narrowed by, the filters.
    #[arg(long = "id")]
    ids: Vec<i64>,
    /// Any substring of review, product, buyer or order number.
    #[arg(long)]
    search: Option<String>,
    #[command(flatten)]
    filters: ListArgs,
    /// Do it. Without this, only say what would be done.
    #[arg(long)]
    yes: bool,
}

fn action_of(a: &BulkArgs) -> Result<BulkAction, CoreError> {
    const ACTIONS: &str = "set-status, close-too-old, dismiss-reminders, start-followup, delete";
    Ok(match a.action.trim().to_lowercase().as_str() {
        "set-status" => {
            let to = a.new_status.as_deref().ok_or_else(|| {
                CoreError::validation(
                    "validation.required",
                    "new_status",
                    "set-status needs --new-status",
                )
            })?;
            BulkAction::SetStatus {
                status: one_of(
                    "new_status",
                    to,
                    CaseStatus::parse,
                    &crate::args::codes(CaseStatus::ALL),
                )?,
            }
        }
        "close-too-old" => BulkAction::CloseTooOld,
        "dismiss-reminders" => BulkAction::DismissReminders,
        "start-followup" => BulkAction::StartFollowup,
        "delete" => BulkAction::Delete,
        other => {
            return Err(CoreError::validation(
                "validation.unknown_value",
                "action",
                format!("unknown action '{other}' (one of: {ACTIONS})"),
            ))
        }
    })
}

fn skipped_text(s: &[SkipCount]) -> String {
    s.iter()
        .map(|s| format!("{} {}", s.count, s.reason))
        .collect::<Vec<_>>()
        .join(", ")
}

fn print_preview(p: &BulkPreview) {
    say!(
        "{} case(s) selected; the action changes {}",
        p.cases,
        p.applies
    );
    if !p.skipped.is_empty() {
        say!("left as they are: {}", skipped_text(&p.skipped));
    }
    if p.reminders > 0 {
        say!("live reminders on them: {}", p.reminders);
    }
    if p.owed_total > 0 {
        say!(
            "still owed on {} of them ({} item(s)):",
            p.owed_cases,
            p.owed_total
        );
        for o in &p.owed {
            let due = o.due_at.map(|t| t.to_rfc3339()).unwrap_or_default();
            say!(
                "  case {:>6}  {:<8} {}  {}",
                o.case_id,
                o.kind,
                o.label,
                due
            );
        }
    }
}

pub fn run(ctx: &Ctx, a: BulkArgs) -> Result<ExitCode, CoreError> {
    let mut conn = ctx.open()?;
    let action = action_of(&a)?;
    let mut selection = filter_from(&a.filters, a.search.clone())?;
    selection.ids = a.ids.clone();
    selection.limit = 0;
    let now = Utc::now();
    let preview = bulk::preview(&mut conn, &selection, &action, now)?;
    if !a.yes {
        if ctx.json {
            output::json(&preview)?;
        } else {
            print_preview(&preview);
            say!("nothing done: add --yes to do it");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let actor = settings::operator(&conn)?;
    let report = bulk::run(
        &mut conn,
        &BulkRequest {
            selection,
            action,
            expected: preview.cases,
        },
        &actor,
        now,
    )?;
    if ctx.json {
        output::json(&report)?;
    } else {
        say!(
            "{} of {} case(s) changed{}",
            report.changed,
            report.cases,
            if report.skipped.is_empty() {
                String::new()
            } else {
                format!("; left as they are: {}", skipped_text(&report.skipped))
            }
        );
        if report.reminders_dismissed > 0 {
            say!("{} reminder(s) dismissed", report.reminders_dismissed);
        }
    }
    Ok(ExitCode::SUCCESS)
}
