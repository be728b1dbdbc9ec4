//! add, list, search, show, demo.

use crate::args::{all_of, time};
use crate::{output, Ctx};
use chrono::Utc;
use clap::Args;
use haoping_core::cases::{self, CaseFilter, CaseStatus, Cause, NewCase, Platform, SortKey};
use haoping_core::{demo, intake, settings, CoreError};
use std::process::ExitCode;

#[derive(Args)]
pub struct AddArgs {
    #[arg(long)]
    platform: String,
    #[arg(long)]
    product: String,
    #[arg(long)]
    stars: u8,
    /// The review text.
    #[arg(long)]
    review: String,
    #[arg(long, default_value = "")]
    shop: String,
    #[arg(long, default_value = "")]
    order: String,
    #[arg(long, default_value = "")]
    buyer: String,
    #[arg(long, default_value = "")]
    phone: String,
    /// RFC 3339 or `YYYY-MM-DD HH:MM` (Beijing time); default now.
    #[arg(long, default_value = "")]
    time: String,
}

#[derive(Args, Default)]
pub struct ListArgs {
    /// new, contacting, negotiating, waiting_update, resolved, closed (repeatable).
    #[arg(long = "status")]
    statuses: Vec<String>,
    #[arg(long = "platform")]
    platforms: Vec<String>,
    #[arg(long = "stars")]
    stars: Vec<u8>,
    #[arg(long = "cause")]
    causes: Vec<String>,
    /// Only cases not yet resolved or closed.
    #[arg(long)]
    open: bool,
    /// Only the backlog waiting to be sorted: history an import brought in, still new.
    #[arg(long)]
    backlog: bool,
    /// Review time from (RFC 3339 or YYYY-MM-DD, Beijing time).
    #[arg(long)]
    from: Option<String>,
    #[arg(long)]
    to: Option<String>,
    /// review_time, platform, product, buyer, stars, cause, severity, status, updated_at.
    #[arg(long, default_value = "review_time")]
    sort: String,
    #[arg(long)]
    asc: bool,
    #[arg(long, default_value_t = 0)]
    limit: u32,
}

pub(crate) fn filter_from(args: &ListArgs, query: Option<String>) -> Result<CaseFilter, CoreError> {
    let sort: SortKey = serde_json::from_value(serde_json::Value::String(args.sort.clone()))
        .map_err(|_| {
            CoreError::validation(
                "validation.unknown_value",
                "sort",
                format!("unknown sort '{}'", args.sort),
            )
        })?;
    Ok(CaseFilter {
        query: query.unwrap_or_default(),
        statuses: all_of("status", &args.statuses, CaseStatus::parse)?,
        platforms: all_of("platform", &args.platforms, Platform::from_name)?,
        stars: args.stars.clone(),
        causes: all_of("cause", &args.causes, Cause::parse)?,
        open_only: args.open,
        backlog: args.backlog,
        from: args.from.as_deref().map(|t| time("from", t)).transpose()?,
        to: args.to.as_deref().map(|t| time("to", t)).transpose()?,
        sort,
        descending: !args.asc,
        limit: args.limit,
        ..Default::default()
    })
}

pub fn add(ctx: &Ctx, a: AddArgs) -> Result<ExitCode, CoreError> {
    let mut conn = ctx.open_or_create()?;
    let input = NewCase {
        // A short name (pdd, tb) becomes its code; anything else is left for the core to refuse.
        platform: Platform::from_name(&a.platform).map_or(a.platform, |p| p.to_string()),
        shop: a.shop,
        order_id: a.order,
        buyer_nick: a.buyer,
        buyer_phone: a.phone,
        product: a.product,
        stars: a.stars,
        review_text: a.review,
        review_time: a.time,
        ..Default::default()
    };
    let case = intake::add_case(&mut conn, &input, "cli", Utc::now())?;
    if ctx.json {
        output::json(&case)?;
    } else {
        say!(
            "added case {} ({} · {})",
            case.id,
            case.platform,
            case.primary_cause
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn list(ctx: &Ctx, args: ListArgs, query: Option<String>) -> Result<ExitCode, CoreError> {
    let conn = ctx.open()?;
    let page = cases::list(&conn, &filter_from(&args, query)?)?;
    if ctx.json {
        // `review` is the short name scripts expect; `review_text` stays for symmetry with the app.
        let items = page
            .items
            .iter()
            .map(|c| {
                let mut v = serde_json::to_value(c)?;
                v["review"] = serde_json::Value::String(c.review_text.clone());
                Ok(v)
            })
            .collect::<Result<Vec<_>, serde_json::Error>>()?;
        output::json(&items)?;
        return Ok(ExitCode::SUCCESS);
    }
    for c in &page.items {
        say!(
            "{:>6}  {:<9} {:<14} {}★  {:<16} {:<14} {}",
            c.id,
            c.platform.as_str(),
            c.status.as_str(),
            c.stars,
            output::excerpt(&c.product, 16),
            c.primary_cause.as_str(),
            output::excerpt(&c.review_text, 40)
        );
    }
    say!("{} case(s)", page.total);
    Ok(ExitCode::SUCCESS)
}

pub fn show(ctx: &Ctx, id: i64) -> Result<ExitCode, CoreError> {
    let conn = ctx.open()?;
    let d = cases::detail(&conn, id)?;
    if ctx.json {
        output::json(&d)?;
        return Ok(ExitCode::SUCCESS);
    }
    let c = &d.case;
    say!("case {}  [{}]  {} · {}", c.id, c.status, c.platform, c.shop);
    say!("product   {}", c.product);
    say!(
        "buyer     {}  {}",
        c.buyer_nick.as_deref().unwrap_or("-"),
        c.buyer_phone_masked.as_deref().unwrap_or("")
    );
    say!("order     {}", c.order_id.as_deref().unwrap_or("-"));
    say!(
        "stars     {}   severity {}   cause {} {:?}",
        c.stars,
        c.severity,
        c.primary_cause,
        c.causes
    );
    say!("reviewed  {}", c.review_time.to_rfc3339());
    say!("\n{}\n", c.review_text);
    for e in &d.history {
        say!(
            "{}  {:<8} {:<9} {} {}",
            e.at.format("%Y-%m-%d %H:%M"),
            e.actor,
            e.kind,
            e.values_text(),
            e.note.as_deref().unwrap_or("")
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn demo(ctx: &Ctx, force: bool) -> Result<ExitCode, CoreError> {
    let mut conn = ctx.open_or_create()?;
    if !force && cases::count(&conn)? > 0 {
        return Err(CoreError::validation(
            "demo.not_empty",
            "db",
            "the database already holds cases (use --force to add the demo shop anyway)",
        ));
    }
    let n = demo::load(&mut conn, Utc::now())?;
    let prefs = settings::load(&conn)?;
    if ctx.json {
        output::json(&serde_json::json!({ "loaded": n, "db": ctx.db_path }))?;
    } else {
        say!(
            "loaded {n} demo cases for {} into {}",
            prefs.shop_name,
            ctx.db_path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
