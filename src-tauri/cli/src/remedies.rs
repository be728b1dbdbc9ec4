//! `remedies`: the ledger (remedies and promises with status and due times) and the
//! totals; subcommands record remedies, promises and outcomes for scripts, and lead to
//! the appeals (`remedies appeal …`, in `appeals.rs`).

use crate::args::{codes, one_of, time};
use crate::output::{self, beijing_time, done};
use crate::{appeals, Ctx};
use chrono::{DateTime, Duration, Utc};
use clap::{Args, Subcommand};
use haoping_core::cases::{self, CaseStatus};
use haoping_core::remedies::{
    self, money, LedgerFilter, LedgerItem, Outcome, PostagePayer, PromiseInput, PromiseStatus,
    RemedyInput, RemedyKind, RemedyStatus, RemedyStatusChange, Totals, TotalsQuery,
};
use haoping_core::{settings, CoreError, Lang};
use std::process::ExitCode;

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct RemediesArgs {
    /// Boxed: the remedy options are large and the listing needs none of them.
    #[command(subcommand)]
    action: Option<Box<Action>>,
    #[command(flatten)]
    list: ListArgs,
}

#[derive(Args)]
struct ListArgs {
    /// Only this case.
    #[arg(long = "case")]
    case: Option<i64>,
    /// Only open remedies and promises past their due time.
    #[arg(long)]
    overdue: bool,
    /// Totals from this time (RFC 3339 or YYYY-MM-DD, Beijing time); default: all time.
    #[arg(long)]
    from: Option<String>,
    /// Totals up to this time (exclusive); default: now.
    #[arg(long)]
    to: Option<String>,
}

#[derive(Subcommand)]
enum Action {
    /// Record a remedy on a case (it starts as proposed).
    Add {
        #[arg(long = "case")]
        case: i64,
        #[command(flatten)]
        fields: RemedyFields,
    },
    /// Change a remedy's amounts or terms; options not given keep their values.
    Edit {
        id: i64,
        #[command(flatten)]
        fields: RemedyFields,
    },
    /// Move a remedy: accepted, delivered, declined or cancelled.
    Status {
        id: i64,
        status: String,
        /// Refund number, coupon code or tracking number.
        #[arg(long, default_value = "")]
        reference: String,
        /// When it was delivered (default now).
        #[arg(long)]
        at: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Record a promise with its due time ("明天下午回电").
    Promise {
        #[arg(long = "case")]
        case: i64,
        #[arg(long)]
        text: String,
        /// RFC 3339 or `YYYY-MM-DD HH:MM` (Beijing time).
        #[arg(long)]
        due: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Mark a promise kept or cancelled.
    PromiseStatus {
        id: i64,
        /// kept or cancelled.
        status: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Close a case with its outcome: review_revised, follow_up_positive,
    /// removed_by_platform, explanation_only, buyer_unreachable, buyer_refused, other.
    Close {
        case: i64,
        outcome: String,
        /// Final stars, when known.
        #[arg(long)]
        stars: Option<u8>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Take a resolved or closed case back into the loop.
    Reopen {
        case: i64,
        /// contacting or negotiating.
        #[arg(long, default_value = "contacting")]
        to: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Appeals against malicious or misattributed reviews.
    #[command(subcommand)]
    Appeal(appeals::AppealAction),
}

#[derive(Args)]
struct RemedyFields {
    /// full_refund, partial_refund, return_refund, exchange, resend, repair, coupon, gift,
    /// free_shipping, promo_priority, points, other.
    #[arg(long)]
    kind: Option<String>,
    /// Value to the buyer, e.g. 20 or 12.50.
    #[arg(long, default_value = "")]
    value: String,
    /// Cost to the shop (default: the kind's rule).
    #[arg(long, default_value = "")]
    cost: String,
    /// ISO 4217 code (default CNY).
    #[arg(long, default_value = "")]
    currency: String,
    /// Percent-off coupon, e.g. 15.
    #[arg(long, default_value = "")]
    percent: String,
    #[arg(long, default_value = "")]
    gift: String,
    #[arg(long)]
    qty: Option<u32>,
    #[arg(long, default_value = "")]
    unit_cost: String,
    #[arg(long, default_value = "")]
    postage: String,
    /// shop or buyer (returns and exchanges).
    #[arg(long)]
    postage_payer: Option<String>,
    #[arg(long, default_value = "")]
    terms: String,
    #[arg(long, default_value = "")]
    note: String,
    #[arg(long, default_value = "")]
    reference: String,
    /// Due time: RFC 3339 or `YYYY-MM-DD HH:MM` (Beijing time).
    #[arg(long)]
    due: Option<String>,
}

/// The typed options laid over `base` (empty for a new remedy, the stored one for an edit).
fn remedy_input(f: RemedyFields, base: RemedyInput) -> Result<RemedyInput, CoreError> {
    let given = |typed: String, old: String| if typed.is_empty() { old } else { typed };
    Ok(RemedyInput {
        kind: f
            .kind
            .as_deref()
            .map(|k| one_of("kind", k, RemedyKind::parse, &codes(RemedyKind::ALL)))
            .transpose()?
            .or(base.kind),
        currency: given(f.currency, base.currency),
        value: given(f.value, base.value),
        cost: given(f.cost, base.cost),
        coupon_percent: given(f.percent, base.coupon_percent),
        gift_item: given(f.gift, base.gift_item),
        quantity: f.qty.or(base.quantity),
        unit_cost: given(f.unit_cost, base.unit_cost),
        postage_payer: f
            .postage_payer
            .as_deref()
            .map(|p| one_of("postage_payer", p, PostagePayer::parse, "shop, buyer"))
            .transpose()?
            .or(base.postage_payer),
        postage: given(f.postage, base.postage),
        terms: given(f.terms, base.terms),
        note: given(f.note, base.note),
        reference: given(f.reference, base.reference),
        due_at: f
            .due
            .as_deref()
            .map(|d| time("due", d))
            .transpose()?
            .or(base.due_at),
    })
}

pub fn run(ctx: &Ctx, args: RemediesArgs) -> Result<ExitCode, CoreError> {
    match args.action {
        None => list(ctx, args.list),
        Some(action) => act(ctx, *action),
    }
}

fn list(ctx: &Ctx, args: ListArgs) -> Result<ExitCode, CoreError> {
    let conn = ctx.open()?;
    let now = Utc::now();
    if let Some(id) = args.case {
        cases::get(&conn, id)?;
    }
    let items = remedies::ledger(
        &conn,
        &LedgerFilter {
            case_id: args.case,
            overdue_only: args.overdue,
            open_only: false,
        },
        now,
    )?;
    let totals = remedies::totals_for(
        &conn,
        &TotalsQuery {
            from: args
                .from
                .as_deref()
                .map(|t| time("from", t))
                .transpose()?
                .unwrap_or(DateTime::<Utc>::UNIX_EPOCH),
            to: args
                .to
                .as_deref()
                .map(|t| time("to", t))
                .transpose()?
                .unwrap_or(now + Duration::days(36_500)),
            case_id: args.case,
            tz: String::new(),
        },
        now,
    )?;
    if ctx.json {
        output::json(&serde_json::json!({ "items": items, "totals": totals }))?;
        return Ok(ExitCode::SUCCESS);
    }
    print_items(&items, settings::lang(&conn)?);
    print_totals(&totals);
    Ok(ExitCode::SUCCESS)
}

fn print_items(items: &[LedgerItem], lang: Lang) {
    for item in items {
        let (kind, id, case, what, status, due, cost, flags, overdue) = match item {
            LedgerItem::Remedy(r) => (
                "remedy",
                r.id,
                r.case_id,
                remedies::describe(r, lang),
                r.status.to_string(),
                r.due_at,
                money::format_money(r.cost_cents, &r.currency),
                !r.compliance_flags.is_empty(),
                r.overdue,
            ),
            LedgerItem::Promise(p) => (
                "promise",
                p.id,
                p.case_id,
                p.text.clone(),
                p.status.to_string(),
                Some(p.due_at),
                String::new(),
                !p.compliance_flags.is_empty(),
                p.overdue,
            ),
        };
        let mut marks = Vec::new();
        if overdue {
            marks.push("OVERDUE");
        }
        if flags {
            marks.push("COMPLIANCE");
        }
        say!(
            "{kind:<8}{id:>5}  case {case:<5} {:<10} {:<16}  {:<28} {:>10}  {}",
            status,
            due.map(beijing_time).unwrap_or_else(|| "-".into()),
            output::excerpt(&what, 28),
            cost,
            marks.join(" ")
        );
    }
    say!("{} item(s)", items.len());
}

fn print_totals(t: &Totals) {
    if t.currencies.is_empty() {
        say!("spent: nothing delivered in the period");
    }
    for c in &t.currencies {
        say!(
            "spent {} on {} delivered remedies (worth {} to buyers); pending {}",
            money::format_money(c.spent_cents, &c.currency),
            c.delivered,
            money::format_money(c.value_cents, &c.currency),
            money::format_money(c.pending_cents, &c.currency),
        );
        let by_kind: Vec<String> = c
            .by_kind
            .iter()
            .map(|b| {
                format!(
                    "{} {}",
                    b.key,
                    money::format_money(b.cost_cents, &c.currency)
                )
            })
            .collect();
        if !by_kind.is_empty() {
            say!("  by kind: {}", by_kind.join(", "));
        }
        if let Some(per) = c.cost_per_recovered_cents {
            say!(
                "  cost per recovered review: {}",
                money::format_money(per, &c.currency)
            );
        }
    }
    say!(
        "closed {} case(s), {} recovered; overdue: {} remedies, {} promises, {} appeals",
        t.closed_cases,
        t.recovered_reviews,
        t.overdue.remedies,
        t.overdue.promises,
        t.overdue.appeals
    );
    if t.flagged_remedies > 0 {
        say!(
            "{} remedy note(s) tie compensation to the review: see the flagged items",
            t.flagged_remedies
        );
    }
}

fn act(ctx: &Ctx, action: Action) -> Result<ExitCode, CoreError> {
    let mut conn = ctx.open()?;
    let actor = settings::operator(&conn)?;
    let now = Utc::now();
    match action {
        Action::Add { case, fields } => {
            let input = remedy_input(fields, RemedyInput::default())?;
            let r = remedies::add_remedy(&mut conn, case, &input, &actor, now)?;
            done(ctx, &r, || {
                let mut line = format!("remedy {} recorded on case {case}", r.id);
                if !r.compliance_flags.is_empty() {
                    line.push_str(&format!(
                        "\nwarning: {}",
                        remedies::compliance::message(&r.compliance_flags[0], Lang::En)
                    ));
                }
                line
            })
        }
        Action::Edit { id, fields } => {
            let stored = remedies::get_remedy(&conn, id, now)?;
            let input = remedy_input(fields, RemedyInput::from(&stored))?;
            let r = remedies::update_remedy(&mut conn, id, &input, &actor, now)?;
            done(ctx, &r, || format!("remedy {id} updated"))
        }
        Action::Status {
            id,
            status,
            reference,
            at,
            note,
        } => {
            let to = one_of(
                "status",
                &status,
                RemedyStatus::parse,
                &codes(RemedyStatus::ALL),
            )?;
            let change = RemedyStatusChange {
                reference,
                delivered_at: at.as_deref().map(|a| time("at", a)).transpose()?,
                note,
            };
            let r = remedies::set_remedy_status(&mut conn, id, to, &change, &actor, now)?;
            done(ctx, &r, || format!("remedy {id} is now {}", r.status))
        }
        Action::Promise {
            case,
            text,
            due,
            note,
        } => {
            let input = PromiseInput {
                text,
                due_at: Some(time("due", &due)?),
                note,
            };
            let p = remedies::add_promise(&mut conn, case, &input, &actor, now)?;
            done(ctx, &p, || {
                format!(
                    "promise {} due {} on case {case}",
                    p.id,
                    beijing_time(p.due_at)
                )
            })
        }
        Action::PromiseStatus { id, status, note } => {
            let to = one_of("status", &status, PromiseStatus::parse, "kept, cancelled")?;
            let p = remedies::set_promise_status(&mut conn, id, to, &note, &actor, now)?;
            done(ctx, &p, || format!("promise {id} is now {}", p.status))
        }
        Action::Close {
            case,
            outcome,
            stars,
            note,
        } => {
            let o = one_of("outcome", &outcome, Outcome::parse, &codes(Outcome::ALL))?;
            let c = remedies::close_case(&mut conn, case, o, stars, note.as_deref(), &actor, now)?;
            done(ctx, &c, || format!("case {case} closed: {o}"))
        }
        Action::Reopen { case, to, note } => {
            let to = one_of("to", &to, CaseStatus::parse, "contacting, negotiating")?;
            let c = remedies::reopen_case(&mut conn, case, to, note.as_deref(), &actor, now)?;
            done(ctx, &c, || format!("case {case} reopened as {}", c.status))
        }
        Action::Appeal(a) => appeals::run(ctx, &mut conn, a, &actor, now),
    }
}
