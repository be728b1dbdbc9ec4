//! triage, triage-eval, triage-rules.

use crate::{output, Ctx};
use chrono::Utc;
use clap::{Args, Subcommand};
use haoping_core::cases::Cause;
use haoping_core::triage::{self, eval, NewAlert, NewKeyword, Rules, Triage, TriageInput};
use haoping_core::CoreError;
use haoping_core::Lang;
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
        Some(l) => rules.with_lang(Lang::from_setting(l)),
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
    /// The labelled corpus (default: tests/corpus/labels.tsv).
    #[arg(long)]
    labels: Option<PathBuf>,
    /// The hand-written set for malicious/misattributed (default:
    /// tests/fixtures/triage-handwritten.tsv).
    #[arg(long)]
    handwritten: Option<PathBuf>,
    /// Also list the development reviews whose primary cause the combined reader missed
    /// (test reviews are never listed).
    #[arg(long)]
    misses: bool,
    /// With --misses: print each missed development review's text too.
    #[arg(long, requires = "misses")]
    show_text: bool,
    /// With --misses: whose misses (rules, model or combined).
    #[arg(long, default_value = "combined", requires = "misses")]
    misses_of: String,
    /// Skip the sixteen leave-one-category-out trainings per learned reader.
    #[arg(long)]
    no_leave_one_out: bool,
    /// Measure on the development part only (cross-validation, and leave-one-category-out
    /// within it), for tuning: nothing of the test part is read.
    #[arg(long)]
    dev_only: bool,
    #[command(flatten)]
    tuning: Tuning,
}

/// Training and combination settings, for tuning on the development part (the defaults
/// are what triage ships).
#[derive(Args)]
struct Tuning {
    /// Folds of the cross-validation on the development part.
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// Measure a combined model trained now with the settings below instead of the
    /// shipped one.
    #[arg(long)]
    fresh: bool,
    #[arg(long)]
    epochs: Option<u32>,
    #[arg(long)]
    rate: Option<f64>,
    #[arg(long)]
    l2: Option<f64>,
    #[arg(long)]
    min_df: Option<u32>,
    #[arg(long)]
    others_share: Option<f64>,
    #[arg(long)]
    class_power: Option<f64>,
    #[arg(long)]
    stack_folds: Option<u32>,
    #[arg(long)]
    stack_epochs: Option<u32>,
    #[arg(long)]
    stack_rate: Option<f64>,
    #[arg(long)]
    stack_l2: Option<f64>,
    #[arg(long)]
    unseen_weight: Option<f64>,
    #[arg(long)]
    unseen_folds: Option<u32>,
    #[arg(long)]
    fallback_below: Option<f32>,
    #[arg(long)]
    secondary_from: Option<f32>,
    #[arg(long)]
    malicious_from: Option<f32>,
}

impl Tuning {
    fn train_config(&self) -> triage::TrainConfig {
        let d = triage::TrainConfig::default();
        triage::TrainConfig {
            epochs: self.epochs.unwrap_or(d.epochs),
            rate: self.rate.unwrap_or(d.rate),
            l2: self.l2.unwrap_or(d.l2),
            min_df: self.min_df.unwrap_or(d.min_df),
            others_share: self.others_share.unwrap_or(d.others_share),
            class_power: self.class_power.unwrap_or(d.class_power),
            stack_folds: self.stack_folds.unwrap_or(d.stack_folds),
            stack_epochs: self.stack_epochs.unwrap_or(d.stack_epochs),
            stack_rate: self.stack_rate.unwrap_or(d.stack_rate),
            stack_l2: self.stack_l2.unwrap_or(d.stack_l2),
            unseen_weight: self.unseen_weight.unwrap_or(d.unseen_weight),
            unseen_folds: self.unseen_folds.unwrap_or(d.unseen_folds),
            ..d
        }
    }

    fn combine_config(&self) -> triage::CombineConfig {
        let d = triage::CombineConfig::default();
        triage::CombineConfig {
            fallback_below: self.fallback_below.unwrap_or(d.fallback_below),
            secondary_from: self.secondary_from.unwrap_or(d.secondary_from),
            malicious_from: self.malicious_from.unwrap_or(d.malicious_from),
        }
    }
}

fn workspace_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

fn corpus_paths(data: Option<PathBuf>, labels: Option<PathBuf>) -> (PathBuf, PathBuf) {
    (
        data.unwrap_or_else(|| workspace_path("../shared/data")),
        labels.unwrap_or_else(|| workspace_path("tests/corpus/labels.tsv")),
    )
}

/// Every reader (rules, model, combined) on the corpus: development part (cross-validated
/// for the learned readers), test part, per category and source, leave-one-category-out,
/// and the hand-written set.
pub fn eval(ctx: &Ctx, args: EvalArgs) -> Result<ExitCode, CoreError> {
    let (data, labels) = corpus_paths(args.data, args.labels);
    let handwritten = args
        .handwritten
        .unwrap_or_else(|| workspace_path("tests/fixtures/triage-handwritten.tsv"));
    let corpus = eval::load_corpus(&labels, &data)?;
    let hand = eval::load_handwritten(&handwritten)?;
    let train = args.tuning.train_config();
    let model = if args.tuning.fresh {
        let (set, _) = eval::dev_train_set(&corpus);
        let all: Vec<usize> = (0..set.examples.len()).collect();
        Some(triage::train_model(&set, &all, &train))
    } else {
        None
    };
    let opts = eval::CorpusOptions {
        folds: args.tuning.folds.max(2),
        train,
        combine: args.tuning.combine_config(),
        model,
        leave_one_out: !args.no_leave_one_out,
    };
    if args.dev_only {
        let reports = eval::evaluate_dev(&corpus, &hand, &opts);
        if ctx.json {
            output::json(&reports)?;
        } else {
            say_part!("{}", eval::render_dev(&reports));
            if args.misses {
                let of = reports.iter().find(|r| r.method.as_str() == args.misses_of);
                print_dev_misses(&corpus, of.map(|r| &r.cv), args.show_text);
                if let Some(r) = of {
                    say!("\nhand-written reviews missed:");
                    for m in &r.handwritten.misses {
                        let text = hand.iter().find(|i| i.row == m.row).map_or("", |i| &i.text);
                        say!(
                            "  line {}: labelled {}, got {}: {text}",
                            m.row,
                            m.gold,
                            m.predicted
                        );
                    }
                }
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let report = eval::evaluate_corpus(&corpus, &hand, &opts)?;
    if ctx.json {
        output::json(&report)?;
        return Ok(ExitCode::SUCCESS);
    }
    say_part!("{}", report.render());
    if args.misses {
        let dev = report
            .methods
            .iter()
            .find(|r| r.method.as_str() == args.misses_of)
            .map(|c| &c.dev);
        print_dev_misses(&corpus, dev, args.show_text);
    }
    Ok(ExitCode::SUCCESS)
}

/// The development reviews a report missed. Only development rows are ever listed: the
/// report holds no test misses, and the check here keeps it so.
fn print_dev_misses(corpus: &[eval::EvalItem], report: Option<&eval::EvalReport>, text: bool) {
    let Some(report) = report else { return };
    say!();
    say!("development reviews missed:");
    for m in &report.misses {
        let item = corpus
            .iter()
            .find(|i| i.source == m.source && i.row == m.row && i.split == Some(eval::Split::Dev));
        let Some(item) = item else { continue };
        if text {
            say!(
                "  {} #{} [{}] labelled {}, got {}: {}",
                m.source,
                m.row,
                m.category,
                m.gold,
                m.predicted,
                output::excerpt(&item.text, 160)
            );
        } else {
            say!(
                "  {} #{} [{}]: labelled {}, got {}",
                m.source,
                m.row,
                m.category,
                m.gold,
                m.predicted
            );
        }
    }
}

#[derive(Args)]
pub struct TrainArgs {
    /// Directory of the review data files (default: the workspace's ../shared/data).
    #[arg(long)]
    data: Option<PathBuf>,
    /// The labelled corpus (default: tests/corpus/labels.tsv).
    #[arg(long)]
    labels: Option<PathBuf>,
    /// Where to write the model file (the shipped one is
    /// src-tauri/core/src/triage/learned/model.bin).
    #[arg(long)]
    out: PathBuf,
}

/// Trains the model triage ships on the corpus's development part and writes it; says
/// whether it is byte for byte the shipped one.
pub fn train(ctx: &Ctx, args: TrainArgs) -> Result<ExitCode, CoreError> {
    let (data, labels) = corpus_paths(args.data, args.labels);
    let corpus = eval::load_corpus(&labels, &data)?;
    let model = eval::train_shipped(&corpus)?;
    let bytes = model.to_bytes();
    std::fs::write(&args.out, &bytes)?;
    let same = bytes == triage::shipped_model_bytes();
    if ctx.json {
        output::json(&serde_json::json!({
            "out": args.out,
            "bytes": bytes.len(),
            "grams": model.vocab_len(),
            "same_as_shipped": same,
        }))?;
    } else {
        say!(
            "wrote {}: {} grams, {} bytes; {}",
            args.out.display(),
            model.vocab_len(),
            bytes.len(),
            if same {
                "identical to the shipped model"
            } else {
                "differs from the shipped model"
            }
        );
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
    let action = args.action.unwrap_or(RulesAction::List);
    // Adding a keyword or an alert is how an owner may begin: it creates the database;
    // everything else needs one that exists.
    let mut conn = match action {
        RulesAction::AddKeyword { .. } | RulesAction::AddAlert { .. } => ctx.open_or_create()?,
        _ => ctx.open()?,
    };
    let now = Utc::now();
    match action {
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
