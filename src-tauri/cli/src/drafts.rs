//! draft, check.

use crate::{output, Ctx};
use clap::Args;
use haoping_core::cases::Platform;
use haoping_core::drafts::{self, Channel, Draft, Finding, Severity};
use haoping_core::CoreError;
use haoping_core::Lang;
use serde::Serialize;
use std::io::Read;
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
        println!(
            "  {:<8} {}{at}\n           {msg}",
            f.severity.as_str(),
            f.code
        );
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
        println!(
            "── {} ({}, variant {}/{}, {}{cap} chars, {})",
            d.channel,
            d.lang,
            d.variant + 1,
            d.variants,
            d.chars,
            d.template_key
        );
        println!("{}\n", d.text);
        if !d.findings.is_empty() {
            print_findings(&d.findings, d.lang == Lang::Zh);
            println!();
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads a reply from standard input and prints the checker's findings; exit code 1
/// when any finding is blocking.
pub fn check(ctx: &Ctx, a: CheckArgs) -> Result<ExitCode, CoreError> {
    let platform = Platform::parse(&a.platform.trim().to_lowercase()).ok_or_else(|| {
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
        println!(
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
        println!(
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
