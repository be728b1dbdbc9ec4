//! due, contact.

use crate::args::time;
use crate::{output, Ctx};
use chrono::{DateTime, Utc};
use clap::Args;
use haoping_core::cases::Tz;
use haoping_core::followup::{
    self, BacklogGroup, ContactChannel, ContactOutcome, DueItem, NewContact,
};
use haoping_core::{settings, CoreError, Lang};
use serde::Serialize;
use std::process::ExitCode;

#[derive(Args)]
pub struct DueArgs {
    /// The moment to ask about: RFC 3339, or `YYYY-MM-DD HH:MM` in Beijing time
    /// (default: now).
    #[arg(long)]
    at: Option<String>,
}

#[derive(Args)]
pub struct ContactArgs {
    /// The case id.
    id: i64,
    /// platform_im, phone, sms, wechat, email.
    #[arg(long)]
    channel: String,
    /// no_answer, replied, agreed, refused, call_later, blocked.
    #[arg(long)]
    outcome: String,
    #[arg(long)]
    note: Option<String>,
    /// With `call_later`: when to call back; with `agreed`: when the buyer will have
    /// updated the review. RFC 3339, or `YYYY-MM-DD HH:MM` in Beijing time.
    #[arg(long)]
    later: Option<String>,
}

/// One line of `due --json`.
#[derive(Serialize)]
struct DueLine {
    case_id: i64,
    kind: String,
    /// RFC 3339 in the buyer's zone, so call times read as the buyer's clock.
    due: String,
    reason: String,
}

fn in_zone(t: DateTime<Utc>, tz: &str) -> String {
    match tz.parse::<Tz>() {
        Ok(z) => t.with_timezone(&z).to_rfc3339(),
        Err(_) => t.to_rfc3339(),
    }
}

/// The backlog as `due` prints it: one line for all the history waiting to be sorted.
#[derive(Serialize)]
struct BacklogLine {
    /// Always `backlog`.
    kind: &'static str,
    /// Cases waiting to be sorted (`list --backlog` lists them).
    cases: u32,
    /// Of those, how many still have a platform window counting down.
    reply_open: u32,
    /// When the first of those windows closes, RFC 3339.
    first_closes: Option<String>,
    reason: String,
}

fn backlog_reason(g: &BacklogGroup, lang: Lang) -> String {
    let mut text = match lang {
        Lang::Zh => format!("{} 条历史差评待分拣", g.cases),
        Lang::En => format!(
            "{} old bad {} to sort",
            g.cases,
            if g.cases == 1 { "review" } else { "reviews" }
        ),
    };
    if g.reply_open > 0 {
        text.push_str(&match lang {
            Lang::Zh => format!("（{} 条仍可回复）", g.reply_open),
            Lang::En => format!(" ({} still open for a reply)", g.reply_open),
        });
    }
    text
}

pub fn due(ctx: &Ctx, args: DueArgs) -> Result<ExitCode, CoreError> {
    let mut conn = ctx.open()?;
    let at = match args.at.as_deref() {
        Some(t) => time("at", t)?,
        None => Utc::now(),
    };
    let lang = settings::lang(&conn)?;
    let items: Vec<DueItem> = followup::due_at(&mut conn, at)?;
    let group = followup::backlog_group(&conn, at)?;
    if ctx.json {
        let mut lines = items
            .iter()
            .map(|i| {
                serde_json::to_value(DueLine {
                    case_id: i.case_id,
                    kind: i.kind.as_str().to_string(),
                    due: in_zone(i.due, &i.tz),
                    reason: i.reason.text(lang).to_string(),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        if group.cases > 0 {
            lines.push(serde_json::to_value(BacklogLine {
                kind: "backlog",
                cases: group.cases,
                reply_open: group.reply_open,
                first_closes: group.first_closes.map(|t| t.to_rfc3339()),
                reason: backlog_reason(&group, lang),
            })?);
        }
        output::json(&lines)?;
        return Ok(ExitCode::SUCCESS);
    }
    for i in &items {
        say!(
            "{:>6}  {:<22} {}  {}",
            i.case_id,
            i.kind.as_str(),
            in_zone(i.due, &i.tz),
            i.reason.text(lang)
        );
    }
    if group.cases > 0 {
        say!(
            "{:>6}  {:<22} {}",
            "",
            "backlog",
            backlog_reason(&group, lang)
        );
    }
    say!("{} due at {}", items.len(), at.to_rfc3339());
    Ok(ExitCode::SUCCESS)
}

pub fn contact(ctx: &Ctx, a: ContactArgs) -> Result<ExitCode, CoreError> {
    let mut conn = ctx.open()?;
    let channel = ContactChannel::parse(&a.channel.to_lowercase()).ok_or_else(|| {
        CoreError::validation(
            "validation.unknown_value",
            "channel",
            format!("unknown channel '{}'", a.channel),
        )
    })?;
    let outcome = ContactOutcome::parse(&a.outcome.to_lowercase()).ok_or_else(|| {
        CoreError::validation(
            "validation.unknown_value",
            "outcome",
            format!("unknown outcome '{}'", a.outcome),
        )
    })?;
    let later = a.later.as_deref().map(|t| time("later", t)).transpose()?;
    let (call_back_at, agreed_update_at) = match (outcome, later) {
        (_, None) => (None, None),
        (ContactOutcome::CallLater, Some(t)) => (Some(t), None),
        (ContactOutcome::Agreed, Some(t)) => (None, Some(t)),
        (_, Some(_)) => {
            return Err(CoreError::validation(
                "validation.time_needs_outcome",
                "later",
                "only goes with outcome call_later or agreed",
            ))
        }
    };
    let actor = settings::load(&conn)?.operator;
    let input = NewContact {
        case_id: a.id,
        channel,
        outcome,
        note: a.note,
        at: None,
        call_back_at,
        agreed_update_at,
    };
    let logged = followup::log_contact(&mut conn, &input, &actor, Utc::now())?;
    if ctx.json {
        output::json(&logged)?;
    } else {
        say!(
            "logged {} · {} on case {}",
            logged.channel,
            logged.outcome,
            logged.case_id
        );
    }
    Ok(ExitCode::SUCCESS)
}
