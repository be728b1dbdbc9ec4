//! Naming the buyer's specific problem ("漏水", "色差", "the sizing") from the review text,
//! so a draft talks about what happened instead of "your problem". The words and phrases
//! are the shared catalogue's (`crate::problems`); this adds the general phrase of each
//! cause for reviews that name nothing specific.

use crate::cases::Cause;
use crate::common::Lang;
use crate::problems;

/// The general phrase for a cause, when no specific word was found.
pub(crate) fn cause_phrase(cause: Cause, zh: bool) -> &'static str {
    match (cause, zh) {
        (Cause::Quality, true) => "商品质量不理想",
        (Cause::Quality, false) => "the quality problem",
        (Cause::NotAsDescribed, true) => "实物与描述不符",
        (Cause::NotAsDescribed, false) => "the item not matching the listing",
        (Cause::Logistics, true) => "配送不顺利",
        (Cause::Logistics, false) => "the delivery",
        (Cause::Packaging, true) => "包装不到位",
        (Cause::Packaging, false) => "the packaging",
        (Cause::Service, true) => "服务没让您满意",
        (Cause::Service, false) => "the service you received",
        (Cause::ShippingError, true) => "漏发或错发",
        (Cause::ShippingError, false) => "a mix-up in the shipment",
        (Cause::Price, true) => "觉得价格不划算",
        (Cause::Price, false) => "the value for money",
        (Cause::Malicious, true) => "评价里提到的问题",
        (Cause::Malicious, false) => "the points raised in the review",
        (Cause::Misattributed, true) => "评价里提到的情况",
        (Cause::Misattributed, false) => "what the review describes",
        (Cause::Other, true) => "体验不理想",
        (Cause::Other, false) => "the trouble",
    }
}

/// The specific problems named in a review, at most `max`, in the order they appear.
pub(crate) fn extract(text: &str, zh: bool, max: usize) -> Vec<&'static str> {
    match problems::catalogue() {
        Some(c) => c.named_in(text, if zh { Lang::Zh } else { Lang::En }, max),
        None => Vec::new(),
    }
}

/// The phrase a draft uses: up to two specific problems, else the cause's general phrase.
pub(crate) fn problem_phrase(text: &str, cause: Cause, zh: bool) -> (String, bool) {
    let found = extract(text, zh, 2);
    if found.is_empty() {
        (cause_phrase(cause, zh).to_string(), false)
    } else if zh {
        (found.join("、"), true)
    } else {
        (found.join(" and "), true)
    }
}

/// Every phrase a draft may carry, for tests that check them against the checker.
#[cfg(test)]
pub(crate) fn all_phrases() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = problems::catalogue()
        .map(|c| c.phrases().collect())
        .unwrap_or_default();
    for c in Cause::ALL {
        v.push(cause_phrase(*c, true));
        v.push(cause_phrase(*c, false));
    }
    v
}
