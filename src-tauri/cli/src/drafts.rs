//! draft, check, checker-eval.

use crate::{output, Ctx};
use clap::Args;
use haoping_core::cases::Platform;
use haoping_core::drafts::{self, Channel, Draft, Finding, Severity};
use haoping_core::CoreError;
use haoping_core::Lang;
use serde::Serialize;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct DraftArgs {
    /// Case id.
    id: i64,
    /// public, private or phone (default: all three).
    #[arg(long)]
    channel: Option<String>,
    /// zh or en (default: the review's language).
    #[arg(long)]
    lang: Option<String>,
    /// Pick a variant (0-based) instead of the shop's rotation.
    #[arg(long)]
    variant: Option<u32>,
}

#[derive(Args)]
pub struct CheckArgs {
    /// taobao, tmall, jd, pinduoduo, douyin, meituan, amazon, shopify, other.
    #[arg(long, default_value = "taobao")]
    platform: String,
    /// public, private or phone.
    #[arg(long, default_value = "public")]
    channel: String,
    /// zh or en (default: guessed from the text).
    #[arg(long)]
    lang: Option<String>,
}

#[derive(Args)]
pub struct CheckerEvalArgs {
    /// The labelled sentence set (default: tests/corpus/checker.tsv).
    #[arg(long)]
    set: Option<PathBuf>,
    /// Also list the tune rows the checker got wrong (test rows are never listed).
    #[arg(long)]
    misses: bool,
}

fn parse_channel(s: &str) -> Result<Channel, CoreError> {
    Channel::parse(&s.trim().to_lowercase()).ok_or_else(|| {
        CoreError::validation(
            "validation.unknown_value",
            "channel",
            format!("unknown channel '{s}' (public, private, phone)"),
        )
    })
}

fn parse_lang(s: &str) -> Result<Lang, CoreError> {
    Lang::parse_arg("lang", s)
}

/// What `draft --json` prints per draft.
#[derive(Serialize)]
struct DraftJson<'a> {
    channel: Channel,
    lang: Lang,
    variant: u32,
    text: &'a str,
    findings: &'a [Finding],
}

fn print_findings(findings: &[Finding], zh: bool) {
    for f in findings {
        let msg = if zh { &f.message_zh } else { &f.message_en };
        let at = match f.span {
            Some(s) => format!(" [{}..{}] «{}»", s.start, s.end, f.excerpt),
            None => String::new(),
        };
        say!(
            "  {:<8} {}{at}\n           {msg}",
            f.severity.as_str(),
            f.code
        );
        for p in &f.parts {
            println!(
                "           · {} [{}..{}] «{}»",
                p.role, p.span.start, p.span.end, p.excerpt
            );
        }
        let rule = if zh { &f.rule_zh } else { &f.rule_en };
        if !rule.is_empty() {
            println!("           {} {rule}", if zh { "依据：" } else { "Rule:" });
        }
    }
}

pub fn draft(ctx: &Ctx, a: DraftArgs) -> Result<ExitCode, CoreError> {
    let conn = ctx.open()?;
    let lang = a.lang.as_deref().map(parse_lang).transpose()?;
    let list: Vec<Draft> = match a.channel.as_deref() {
        Some(ch) => vec![drafts::draft_for_channel(
            &conn,
            a.id,
            parse_channel(ch)?,
            lang,
            a.variant,
        )?],
        None => drafts::drafts_for_case(&conn, a.id, lang, a.variant)?,
    };
    if ctx.json {
        let out: Vec<DraftJson> = list
            .iter()
            .map(|d| DraftJson {
                channel: d.channel,
                lang: d.lang,
                variant: d.variant,
                text: &d.text,
                findings: &d.findings,
            })
            .collect();
        output::json(&out)?;
        return Ok(ExitCode::SUCCESS);
    }
    for d in &list {
        let cap = d.cap.map(|c| format!("/{c}")).unwrap_or_default();
        say!(
            "── {} ({}, variant {}/{}, {}{cap} chars, {})",
            d.channel,
            d.lang,
            d.variant + 1,
            d.variants,
            d.chars,
            d.template_key
        );
        say!("{}\n", d.text);
        if !d.findings.is_empty() {
            print_findings(&d.findings, d.lang == Lang::Zh);
            say!();
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads a reply from standard input and prints the checker's findings; exit code 1
/// when any finding is blocking.
pub fn check(ctx: &Ctx, a: CheckArgs) -> Result<ExitCode, CoreError> {
    let platform = Platform::from_name(&a.platform).ok_or_else(|| {
        CoreError::validation(
            "validation.unknown_value",
            "platform",
            format!("unknown platform '{}'", a.platform),
        )
    })?;
    let channel = parse_channel(&a.channel)?;
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let lang = match a.lang.as_deref() {
        Some(l) => parse_lang(l)?,
        None => haoping_core::cases::guess_lang(&text),
    };
    let findings = drafts::check(text.trim_end_matches(['\n', '\r']), platform, channel, lang);
    let blocking = drafts::has_blocking(&findings);
    if ctx.json {
        output::json(&findings)?;
    } else if findings.is_empty() {
        say!(
            "{}",
            if lang == Lang::Zh {
                "没有发现问题。"
            } else {
                "No findings."
            }
        );
    } else {
        print_findings(&findings, lang == Lang::Zh);
        let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
        say!(
            "\n{} blocking, {} warning, {} info",
            count(Severity::Blocking),
            count(Severity::Warning),
            count(Severity::Info)
        );
    }
    Ok(if blocking {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

#[derive(Args)]
pub struct EvalArgs {
    /// Directory of the review data files (default: the workspace's ../shared/data).
    #[arg(long)]
    data: Option<PathBuf>,
    /// The labelled corpus (default: tests/corpus/labels.tsv).
    #[arg(long)]
    labels: Option<PathBuf>,
    /// Instead of the figures, list what the drafts name for every development review
    /// (tab-separated; development reviews only), to work on the problem catalogue.
    #[arg(long)]
    dev_namings: bool,
    /// Instead of the figures, show what the drafts would name for this review text
    /// (with --cause; the language follows the text).
    #[arg(long)]
    name: Option<String>,
    /// The cause the review is labelled with, for --name.
    #[arg(long, default_value = "quality")]
    cause: String,
}

fn workspace_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

/// How often the drafts of the labelled corpus fall back to the cause's general phrase,
/// and how many name a problem of another cause: development part, test part, and each
/// category left out of the catalogue.
pub fn eval(ctx: &Ctx, a: EvalArgs) -> Result<ExitCode, CoreError> {
    if let Some(text) = &a.name {
        let cause = haoping_core::cases::Cause::parse(a.cause.trim()).ok_or_else(|| {
            CoreError::validation(
                "validation.unknown_value",
                "cause",
                format!("unknown cause '{}'", a.cause),
            )
        })?;
        let note = drafts::eval::name_for(text, cause);
        if ctx.json {
            output::json(&note)?;
        } else {
            say!("{}\t{}\t{}", note.source, note.phrase, note.excerpt);
        }
        return Ok(ExitCode::SUCCESS);
    }
    let data = a.data.unwrap_or_else(|| workspace_path("../shared/data"));
    let labels = a
        .labels
        .unwrap_or_else(|| workspace_path("tests/corpus/labels.tsv"));
    let corpus = drafts::eval::load_corpus(&labels, &data)?;
    if a.dev_namings {
        let rows = drafts::eval::dev_namings(&corpus);
        if ctx.json {
            output::json(&rows)?;
            return Ok(ExitCode::SUCCESS);
        }
        for r in rows {
            let causes: Vec<&str> = r.judged.iter().map(|c| c.as_str()).collect();
            say!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                r.category,
                r.row,
                r.primary,
                r.problem.source,
                r.problem.phrase,
                r.problem.excerpt,
                causes.join(","),
                if r.misnamed { "MISNAMED" } else { "-" },
                if r.read_otherwise {
                    "TRIAGE-OTHER"
                } else {
                    "-"
                },
                r.text.replace(['\n', '\t'], " ")
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let report = drafts::eval::evaluate(&corpus);
    if ctx.json {
        output::json(&report)?;
    } else {
        say_part!("{}", report.render());
    }
    Ok(ExitCode::SUCCESS)
}

/// The checker measured on the hand-written sentence set: incentive, tone and personal-data
/// figures for the tune and the test part, and the time one check takes.
pub fn checker_eval(ctx: &Ctx, a: CheckerEvalArgs) -> Result<ExitCode, CoreError> {
    let set = a.set.unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/checker.tsv")
    });
    let e = drafts::evaluate_checker(&set)?;
    if ctx.json {
        output::json(&serde_json::json!({
            "tune": e.tune,
            "test": e.test,
            "timing": e.timing,
            "tune_misses": if a.misses { e.tune_misses.clone() } else { Vec::new() },
        }))?;
    } else {
        print!("{}", e.render(a.misses));
    }
    Ok(ExitCode::SUCCESS)
}
