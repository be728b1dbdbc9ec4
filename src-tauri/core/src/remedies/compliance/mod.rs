//! PLAYBOOK section 7: compensation must answer the *problem*, never buy a review.
//! A remedy whose note or terms tie money, coupons or gifts to a positive or changed
//! review ("好评后返现", "改好评退款", "5-star review for a refund") is flagged, and so is a
//! reply draft (the drafts checker reads it with the same structure).
//!
//! The rule is about the *link*, read as structure rather than as a list of phrases: a
//! benefit (cash, a transfer, a refund or part of it, postage, a discount, a coupon, a gift,
//! a free resend, points, perks) made conditional on a review action (delete, change,
//! update, add a follow-up, five stars, write something nice), in either order and across
//! clause and sentence boundaries (`incentive.rs`). A refund and a polite, unconditional
//! request to reconsider may sit side by side ("已全额退款，方便的话也欢迎更新评价").

mod incentive;
mod lexicon;
#[cfg(test)]
mod paraphrases;
mod segment;

pub use incentive::{Reading, Tie, TiePart, TieRole};
pub(crate) use segment::Segments;

use crate::common::Lang;
use lexicon::Lexicon;
use std::sync::LazyLock;

/// Compensation is tied to a positive review (好评返现, 晒图返现, 5-star for a refund).
pub const REWARD_FOR_POSITIVE_REVIEW: &str = "compliance.reward_for_positive_review";
/// Compensation is tied to changing, adding to or removing a review (改好评退款, 追评返).
pub const REWARD_FOR_REVIEW_CHANGE: &str = "compliance.reward_for_review_change";

/// One hit: which rule and the words that triggered it, for the owner to see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub matched: String,
}

static LEXICON: LazyLock<Result<Lexicon, String>> =
    LazyLock::new(|| Lexicon::new().map_err(|e| e.to_string()));

/// The structure of a text: its review incentives and the sentences that name a benefit
/// and a review action side by side. `None` only if the word lists failed to build.
pub fn read(text: &str) -> Option<Reading> {
    LEXICON.as_ref().ok().map(|lex| incentive::read(lex, text))
}

/// The rule codes a text breaks, without duplicates; empty when it is fine.
pub fn compliance_flags(text: &str) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for f in findings(text) {
        if !codes.iter().any(|c| c == f.code) {
            codes.push(f.code.to_string());
        }
    }
    codes
}

/// Every hit with the words that triggered it (from the first part of the tie to the last).
pub fn findings(text: &str) -> Vec<Finding> {
    read(text)
        .map(|r| r.ties)
        .unwrap_or_default()
        .into_iter()
        .map(|t| {
            let s = t.parts.iter().map(|p| p.start).min().unwrap_or(t.start);
            let e = t.parts.iter().map(|p| p.end).max().unwrap_or(t.end);
            Finding {
                code: if t.positive {
                    REWARD_FOR_POSITIVE_REVIEW
                } else {
                    REWARD_FOR_REVIEW_CHANGE
                },
                matched: text[s..e].trim().to_string(),
            }
        })
        .collect()
}

/// What the owner reads next to a flag.
pub fn message(code: &str, lang: Lang) -> &'static str {
    let zh = lang == Lang::Zh;
    match (code, zh) {
        (REWARD_FOR_POSITIVE_REVIEW, true) => {
            "补偿与好评挂钩（如“好评返现”）属于诱导好评，违反平台规则和《电子商务法》第十七条。补偿应针对问题本身，不附带任何评价条件。"
        }
        (REWARD_FOR_POSITIVE_REVIEW, false) => {
            "Compensation tied to a positive review is an incentive for praise, banned by platform rules, China's E-commerce Law art. 17 and the FTC rule on consumer reviews (16 CFR Part 465). Compensate the problem itself, with no condition on the review."
        }
        (REWARD_FOR_REVIEW_CHANGE, true) => {
            "补偿以修改、追加或删除评价为条件（如“改好评退款”）属于诱导改评，违反平台规则。可以在补偿之外礼貌地请买家重新考虑评价，但不能附加条件。"
        }
        (REWARD_FOR_REVIEW_CHANGE, false) => {
            "Compensation conditioned on changing, adding to or removing a review is banned. You may politely ask the buyer to reconsider, but never as a condition of the remedy."
        }
        (_, true) => "这段文字可能违反评价合规规则。",
        (_, false) => "This text may break the review compliance rules.",
    }
}

#[cfg(test)]
mod tests;
