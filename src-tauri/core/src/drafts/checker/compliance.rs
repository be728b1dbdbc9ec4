//! PLAYBOOK §7: a remedy compensates the problem; it must never be tied to a review.
//! The tie is read as structure — a benefit, a condition and a review action, in any order
//! and across clauses and sentences — by the same reader the remedies ledger uses for its
//! notes (`remedies::compliance`). Each part is reported with its own place so the owner
//! sees what ties what. Asking the buyer to reconsider with no condition attached is fine.

use super::Hit;
use crate::drafts::model::{PartRole, Severity};
use crate::remedies::compliance::{self as tie, TieRole};
use regex::Regex;

pub(super) struct Rules {
    positive: Regex,
    thanks: Regex,
    asks: Regex,
}

impl Rules {
    pub(super) fn new() -> Result<Rules, String> {
        // The structure's word lists are built once, in the remedies module; fail here too
        // if they cannot be, so the checker says it is unavailable instead of passing text.
        if tie::read("").is_none() {
            return Err("the review-incentive word lists failed to build".into());
        }
        Ok(Rules {
            positive: Regex::new(
                r"(?i)好评|五星|5星|满分评价|晒图|(?-u:\b)(5|five)[- ]?stars?(?-u:\b)|(?-u:\b)positive (reviews?|ratings?|feedback)(?-u:\b)|(?-u:\b)good reviews?(?-u:\b)",
            )
            .map_err(|e| e.to_string())?,
            thanks: Regex::new(r"(?i)感谢您的好评|谢谢您的好评|thank you for the|thanks for the")
                .map_err(|e| e.to_string())?,
            asks: Regex::new(
                r"(?i)给个|给我们|麻烦|请您|帮忙|求|希望您|能否|可以给|please|would you|could you|can you",
            )
            .map_err(|e| e.to_string())?,
        })
    }
}

fn role(r: TieRole) -> PartRole {
    match r {
        TieRole::Benefit => PartRole::Benefit,
        TieRole::Condition => PartRole::Condition,
        TieRole::ReviewAction => PartRole::ReviewAction,
    }
}

/// Compliance findings for any text: drafts of every channel, and remedy notes.
pub(super) fn check(r: &Rules, text: &str, out: &mut Vec<Hit>) {
    let Some(reading) = tie::read(text) else {
        return;
    };
    for t in &reading.ties {
        let mut hit = Hit::at(
            "compliance.review_incentive",
            Severity::Blocking,
            t.start,
            t.end,
        );
        hit.parts = t
            .parts
            .iter()
            .map(|p| (role(p.role), p.start, p.end))
            .collect();
        out.push(hit);
    }
    for &(s, e) in &reading.untied {
        out.push(Hit::at("compliance.keep_separate", Severity::Info, s, e));
    }
    // A request (not a thank-you) for a positive review, outside any tie.
    for (s, e) in super::text::sentences(text) {
        let (s, e) = super::text::trim_range(text, s, e);
        let sent = &text[s..e];
        let covered = reading.ties.iter().any(|t| t.start < e && s < t.end)
            || reading.untied.iter().any(|&(a, b)| a < e && s < b);
        if covered || r.thanks.is_match(sent) || !r.asks.is_match(sent) {
            continue;
        }
        if let Some(m) = r.positive.find(sent) {
            out.push(Hit::at(
                "compliance.ask_positive",
                Severity::Info,
                s + m.start(),
                s + m.end(),
            ));
        }
    }
}
