//! The checker: a pure function over a text that explains, in both languages, what would
//! make the reply weaker, non-compliant or unsendable. It runs on every draft and on every
//! keystroke of what the owner types, so it stays well under a millisecond.

mod compliance;
mod eval;
mod messages;
mod pii;
mod rules;
mod structure;
mod text;
mod tone;

pub use eval::{evaluate_set, CheckerEval, FamilyFigures, Ratio, SplitFigures, Timing, TuneMiss};

use super::model::{Channel, Finding, FindingPart, Lang, PartRole, Severity};
use super::platform::{channel_cap, PRIVATE_SOFT_CAP};
use crate::cases::Platform;
use std::sync::LazyLock;

/// A rule's raw result, turned into a `Finding` with its explanation at the end.
pub(crate) struct Hit {
    pub code: &'static str,
    pub severity: Severity,
    /// Byte range in the text, or `None` when something is missing.
    pub range: Option<(usize, usize)>,
    pub detail: Option<String>,
    /// The pieces of a finding built from structure (byte ranges), in text order.
    pub parts: Vec<(PartRole, usize, usize)>,
}

impl Hit {
    /// A finding about one stretch of words.
    pub(crate) fn at(code: &'static str, severity: Severity, start: usize, end: usize) -> Hit {
        Hit {
            code,
            severity,
            range: Some((start, end)),
            detail: None,
            parts: Vec::new(),
        }
    }

    /// A finding about something missing from the whole text.
    pub(crate) fn missing(code: &'static str, severity: Severity, detail: Option<String>) -> Hit {
        Hit {
            code,
            severity,
            range: None,
            detail,
            parts: Vec::new(),
        }
    }
}

struct Rules {
    compliance: compliance::Rules,
    pii: pii::Rules,
    structure: structure::Rules,
    tone: tone::Rules,
}

static RULES: LazyLock<Result<Rules, String>> = LazyLock::new(|| {
    Ok(Rules {
        compliance: compliance::Rules::new().map_err(|e| e.to_string())?,
        pii: pii::Rules::new().map_err(|e| e.to_string())?,
        structure: structure::Rules::new().map_err(|e| e.to_string())?,
        tone: tone::Rules::new().map_err(|e| e.to_string())?,
    })
});

/// What the checker knows beyond the text itself: the case's facts that must not be
/// published. Empty for text typed with no case open.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Context<'a> {
    pub buyer_nick: Option<&'a str>,
    pub order_id: Option<&'a str>,
    pub phone: Option<&'a str>,
}

fn unavailable() -> Vec<Finding> {
    let (zh, en) = messages::explain("checker.unavailable", None, Platform::Other);
    vec![Finding {
        severity: Severity::Warning,
        code: "checker.unavailable".into(),
        message_zh: zh,
        message_en: en,
        span: None,
        excerpt: String::new(),
        parts: Vec::new(),
        rule_zh: String::new(),
        rule_en: String::new(),
    }]
}

fn finish(text: &str, platform: Platform, hits: Vec<Hit>) -> Vec<Finding> {
    let mut out: Vec<Finding> = hits
        .into_iter()
        .map(|h| {
            let (zh, en) = messages::explain(h.code, h.detail.as_deref(), platform);
            let (rule_zh, rule_en) = rules::cited(h.code, platform);
            let (span, excerpt) = match h.range {
                Some((s, e)) => (Some(text::span(text, s, e)), text[s..e].to_string()),
                None => (None, String::new()),
            };
            let parts = h
                .parts
                .iter()
                .map(|&(role, s, e)| FindingPart {
                    role,
                    span: text::span(text, s, e),
                    excerpt: text[s..e].to_string(),
                })
                .collect();
            Finding {
                severity: h.severity,
                code: h.code.to_string(),
                message_zh: zh,
                message_en: en,
                span,
                excerpt,
                parts,
                rule_zh: rule_zh.to_string(),
                rule_en: rule_en.to_string(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.span.map(|s| s.start).cmp(&b.span.map(|s| s.start)))
    });
    out
}

/// Checks a text meant for `channel` on `platform`. `lang` is the draft language; the
/// rules for both languages run anyway, since owners mix them.
pub fn check(text: &str, platform: Platform, channel: Channel, lang: Lang) -> Vec<Finding> {
    check_in_context(text, platform, channel, lang, &Context::default())
}

pub(crate) fn check_in_context(
    text: &str,
    platform: Platform,
    channel: Channel,
    _lang: Lang,
    ctx: &Context,
) -> Vec<Finding> {
    let Ok(rules) = RULES.as_ref() else {
        return unavailable();
    };
    let mut hits = Vec::new();
    compliance::check(&rules.compliance, text, &mut hits);
    structure::check(&rules.structure, text, channel, &mut hits);
    tone::check(&rules.tone, text, channel, &mut hits);
    if channel == Channel::Public {
        let known = pii::Known {
            buyer_nick: ctx.buyer_nick,
            order_id: ctx.order_id,
            phone: ctx.phone,
        };
        pii::check(&rules.pii, text, &known, &mut hits);
    }
    let chars = text.chars().count() as u32;
    if let Some(cap) = channel_cap(platform, channel) {
        if chars > cap {
            hits.push(Hit::missing(
                "length.over_cap",
                Severity::Blocking,
                Some(format!("{chars}/{cap}")),
            ));
        }
    }
    if channel == Channel::Private && chars > PRIVATE_SOFT_CAP {
        hits.push(Hit::missing(
            "length.long_private",
            Severity::Info,
            Some(format!("{chars}/{PRIVATE_SOFT_CAP}")),
        ));
    }
    finish(text, platform, hits)
}

/// The compliance rule alone, for remedy notes in the ledger: a note that ties the remedy
/// to the review is flagged the same way as a draft, citing the rule where the shop sells.
pub fn check_remedy_note(text: &str, platform: Platform) -> Vec<Finding> {
    let Ok(rules) = RULES.as_ref() else {
        return unavailable();
    };
    let mut hits = Vec::new();
    compliance::check(&rules.compliance, text, &mut hits);
    finish(text, platform, hits)
}

/// True when any finding blocks sending.
pub fn has_blocking(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Blocking)
}

#[cfg(test)]
pub(crate) fn rules_compile() -> Result<(), String> {
    RULES.as_ref().map(|_| ()).map_err(Clone::clone)
}

/// Drops the sentences that only ask for details, for a public reply over its limit.
pub(crate) fn without_ask_sentences(text: &str) -> String {
    let Ok(rules) = RULES.as_ref() else {
        return text.to_string();
    };
    let drop = structure::ask_only_sentences(&rules.structure, text);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (s, e) in drop {
        out.push_str(&text[at..s]);
        at = e;
    }
    out.push_str(&text[at..]);
    out.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .trim()
        .to_string()
}
