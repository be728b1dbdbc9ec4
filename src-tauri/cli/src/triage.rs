//! triage, triage-eval, triage-rules.

use crate::{output, Ctx};
use chrono::Utc;
use clap::{Args, Subcommand};
use haoping_core::cases::Cause;
use haoping_core::triage::{self, eval, Lang, NewAlert, NewKeyword, Rules, Triage, TriageInput};
use haoping_core::CoreError;
use serde::Serialize;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct TriageArgs {
    /// Review text to label (repeatable); without it, one review per line is read from
    /// standard input.
    #[arg(long)]
    text: Vec<String>,
    /// Language of the reasons: zh or en (default: the database's setting, else zh).
    #[arg(long)]
    lang: Option<String>,
    /// Star rating of the reviews (1–5), for severity.
    #[arg(long)]
    stars: Option<u8>,
    /// Product name, for per-product keywords and the misattribution check.
    #[arg(long, default_value = "")]
    product: String,
    /// Label with the built-in lexicon only, ignoring the database's keywords and alerts.
    #[arg(long)]
    builtin: bool,
}

/// One line of `triage --json`.
#[derive(Serialize)]
struct Line<'a> {
    primary: Cause,
    causes: &'a [Cause],
    severity: u8,
    flags: &'a [triage::Flag],
    reasons: &'a [String],
}

fn rules_for(ctx: &Ctx, args: &TriageArgs) -> Result<Rules, CoreError> {
    // An existing database brings the owner's keywords, alerts and language; the command
    // never creates one just to label text.
    let rules = if !args.builtin && ctx.db_path.exists() {
        triage::load_rules(&ctx.open()?)?
    } else {
        Rules::default()
    };
    Ok(match &args.lang {
        Some(l) => rules.with_lang(Lang::from_code(l)),
        None => rules,
    })
}

fn print_one(out: &mut impl Write, json: bool, t: &Triage) -> Result<(), CoreError> {
    let join = |v: Vec<&str>| {
        if v.is_empty() {
            "-".to_string()
        } else {
            v.join(",")
        }
    };
    if json {
        let line = Line {
            primary: t.primary,
            causes: &t.causes,
            severity: t.severity,
            flags: &t.flags,
            reasons: &t.reasons,
        };
        writeln!(out, "{}", serde_json::to_string(&line)?)?;
    } else {
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}",
            t.primary,
            join(t.causes.iter().map(|c| c.as_str()).collect()),
            t.severity,
            join(t.flags.iter().map(|f| f.as_str()).collect()),
            if t.reasons.is_empty() {
                "-".to_string()
            } else {
                t.reasons.join("; ")
            }
        )?;
    }
    Ok(())
}

/// Labels review texts, in the order given: primary, causes, severity, flags, reasons.
pub fn run(ctx: &Ctx, args: TriageArgs) -> Result<ExitCode, CoreError> {
    if let Some(s) = args.stars {
        if !(1..=5).contains(&s) {
            return Err(CoreError::validation(
                "validation.range",
                "stars",
                "must be 1 to 5",
            ));
        }
    }
    let rules = rules_for(ctx, &args)?;
    let label = |text: &str| {
        triage::classify_with(
            &TriageInput {
                text,
                stars: args.stars.unwrap_or(0),
                product: &args.product,
                ..Default::default()
            },
            &rules,
        )
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.text.is_empty() {
        for line in std::io::stdin().lock().lines() {
            print_one(&mut out, ctx.json, &label(&line?))?;
        }
    } else {
        for text in &args.text {
            print_one(&mut out, ctx.json, &label(text))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Args)]
pub struct EvalArgs {
    /// Directory of the review data files (default: the workspace's ../shared/data).
    #[arg(long)]
    data: Option<PathBuf>,
    /// The labelled reference set (default: tests/fixtures/triage-eval.tsv).
    #[arg(long)]
    fixture: Option<PathBuf>,
    /// The hand-written set for malicious/misattributed (default:
    /// tests/fixtures/triage-handwritten.tsv).
    #[arg(long)]
    handwritten: Option<PathBuf>,
    /// Also list the rows whose primary cause was missed.
    #[arg(long)]
    misses: bool,
}

fn workspace_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

/// Per-cause precision/recall/F1, macro-F1, primary accuracy and a confusion matrix on
/// the evaluation sets.
pub fn eval(ctx: &Ctx, args: EvalArgs) -> Result<ExitCode, CoreError> {
    let data = args
        .data
        .unwrap_or_else(|| workspace_path("../shared/data"));
    let fixture = args
        .fixture
        .unwrap_or_else(|| workspace_path("tests/fixtures/triage-eval.tsv"));
    let handwritten = args
        .handwritten
        .unwrap_or_else(|| workspace_path("tests/fixtures/triage-handwritten.tsv"));
    let main = eval::evaluate(&eval::load_fixture(&fixture, &data)?);
    let hand = eval::evaluate(&eval::load_handwritten(&handwritten)?);
    if ctx.json {
        output::json(&serde_json::json!({ "reference": main, "handwritten": hand }))?;
        return Ok(ExitCode::SUCCESS);
    }
    say_part!("{}", main.render("reference set (real reviews)"));
    if args.misses {
        say!("missed primary cause:");
        for m in &main.misses {
            say!(
                "  {} #{}: labelled {}, got {}",
                m.source,
                m.row,
                m.gold,
                m.predicted
            );
        }
    }
    say!();
    say_part!(
        "{}",
        hand.render("hand-written set (malicious, misattributed, flags)")
    );
    if args.misses {
        say!("missed primary cause:");
        for m in &hand.misses {
            say!("  line {}: labelled {}, got {}", m.row, m.gold, m.predicted);
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Args)]
pub struct RulesArgs {
    #[command(subcommand)]
    action: Option<RulesAction>,
}

#[derive(Subcommand)]
enum RulesAction {
    /// List keywords, alerts and the high-value threshold (the default).
    List,
    /// Count a word as evidence for a cause (optionally only for one product).
    AddKeyword {
        #[arg(long)]
        cause: String,
        #[arg(long)]
        term: String,
        /// Only cases whose product name contains this text.
        #[arg(long, default_value = "")]
        product: String,
    },
    RemoveKeyword {
        id: i64,
    },
    /// Be notified when a case mentions a word (optionally only for one product).
    AddAlert {
        #[arg(long)]
        term: String,
        #[arg(long, default_value = "")]
        product: String,
    },
    RemoveAlert {
        id: i64,
    },
    EnableAlert {
        id: i64,
    },
    DisableAlert {
        id: i64,
    },
    /// Orders worth at least this many yuan raise severity (0 = never).
    SetHighValue {
        yuan: i64,
    },
    /// Relabel all stored cases (owner-corrected ones are left alone).
    Retriage,
    /// Alert hits not yet notified; `--mark` marks them notified.
    Hits {
        #[arg(long)]
        mark: bool,
    },
}

/// The owner's keywords and alerts, and relabelling.
pub fn rules(ctx: &Ctx, args: RulesArgs) -> Result<ExitCode, CoreError> {
    let mut conn = ctx.open()?;
    let now = Utc::now();
    match args.action.unwrap_or(RulesAction::List) {
        RulesAction::List => {
            let keywords = triage::list_keywords(&conn)?;
            let alerts = triage::list_alerts(&conn)?;
            let config = triage::config(&conn)?;
            if ctx.json {
                output::json(&serde_json::json!({
                    "keywords": keywords, "alerts": alerts, "config": config
                }))?;
            } else {
                say!("keywords:");
                for k in &keywords {
                    let scope = if k.product.is_empty() {
                        "*"
                    } else {
                        &k.product
                    };
                    say!(
                        "  #{:<4} {:<17} {:<16} product: {scope}",
                        k.id,
                        k.cause,
                        k.term
                    );
                }
                say!("alerts:");
                for a in &alerts {
                    let scope = if a.product.is_empty() {
                        "*"
                    } else {
                        &a.product
                    };
                    let state = if a.enabled { "on" } else { "off" };
                    say!("  #{:<4} {:<16} {state:<3} product: {scope}", a.id, a.term);
                }
                say!(
                    "high order value: from ¥{}",
                    config.high_value_cents as f64 / 100.0
                );
            }
        }
        RulesAction::AddKeyword {
            cause,
            term,
            product,
        } => {
            let cause = Cause::parse(cause.trim()).ok_or_else(|| {
                CoreError::validation("validation.unknown_cause", "cause", "is not a cause code")
            })?;
            let k = triage::add_keyword(
                &conn,
                &NewKeyword {
                    cause: Some(cause),
                    term,
                    product,
                },
                now,
            )?;
            report(ctx, &k, &format!("keyword #{} added", k.id))?;
        }
        RulesAction::RemoveKeyword { id } => {
            triage::remove_keyword(&conn, id)?;
            report(ctx, &id, &format!("keyword #{id} removed"))?;
        }
        RulesAction::AddAlert { term, product } => {
            let a = triage::add_alert(&conn, &NewAlert { term, product }, now)?;
            report(ctx, &a, &format!("alert #{} added", a.id))?;
        }
        RulesAction::RemoveAlert { id } => {
            triage::remove_alert(&conn, id)?;
            report(ctx, &id, &format!("alert #{id} removed"))?;
        }
        RulesAction::EnableAlert { id } => {
            let a = triage::set_alert_enabled(&conn, id, true)?;
            report(ctx, &a, &format!("alert #{id} on"))?;
        }
        RulesAction::DisableAlert { id } => {
            let a = triage::set_alert_enabled(&conn, id, false)?;
            report(ctx, &a, &format!("alert #{id} off"))?;
        }
        RulesAction::SetHighValue { yuan } => {
            let c = triage::set_config(
                &conn,
                &triage::TriageConfig {
                    high_value_cents: yuan.saturating_mul(100),
                },
            )?;
            report(ctx, &c, &format!("high order value from ¥{yuan}"))?;
        }
        RulesAction::Retriage => {
            let mut last = 0;
            let summary = triage::retriage_all(&mut conn, now, &mut |done, total| {
                if !ctx.json && (done - last >= 50_000 || done == total) {
                    eprintln!("  {done} / {total}");
                    last = done;
                }
                true
            })?;
            let text = format!(
                "{} cases: {} relabelled, {} kept (owner-corrected), {} new alert hits",
                summary.processed, summary.changed, summary.locked, summary.new_alert_hits
            );
            report(ctx, &summary, &text)?;
        }
        RulesAction::Hits { mark } => {
            let hits = triage::pending_alert_hits(&conn)?;
            if ctx.json {
                output::json(&hits)?;
            } else {
                for h in &hits {
                    say!("{} — {}", h.title(Lang::Zh), h.body(Lang::Zh));
                }
                if hits.is_empty() {
                    say!("no new alert hits");
                }
            }
            if mark {
                triage::mark_alerts_notified(&conn, &hits, now)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn report<T: Serialize>(ctx: &Ctx, value: &T, text: &str) -> Result<(), CoreError> {
    if ctx.json {
        output::json(value)
    } else {
        say!("{text}");
        Ok(())
    }
}
