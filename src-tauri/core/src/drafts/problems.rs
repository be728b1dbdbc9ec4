//! Naming the buyer's specific problem ("漏水", "色差", "the sizing") from the review text,
//! so a draft talks about what happened instead of "your problem". The words and phrases
//! are the shared catalogue's (`crate::problems`); this adds the general phrase of each
//! cause for reviews that name nothing specific.

use super::model::{ProblemNote, ProblemSource, Span};
use crate::cases::Cause;
use crate::common::Lang;
#[cfg(test)]
use crate::problems;
use crate::problems::{Catalogue, NamedFrom};

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

/// UTF-16 offsets of a byte range, as the UI slices text.
fn utf16_span(text: &str, range: std::ops::Range<usize>) -> Span {
    let start = text[..range.start].encode_utf16().count() as u32;
    let len = text[range.start..range.end].encode_utf16().count() as u32;
    Span {
        start,
        end: start + len,
    }
}

/// The problem a case's drafts name, and what goes with it.
#[derive(Debug, Clone)]
pub(crate) struct Naming {
    pub note: ProblemNote,
    /// The causes the catalogue's words in the quoted review words show.
    pub evidence: Vec<Cause>,
}

/// The problem a case's drafts name, where in the review (or its follow-up) it was read,
/// and the remedy that fits it. `item` is how an English phrase calls the item ("your
/// kettle").
pub(crate) fn name_problem(
    catalogue: &Catalogue,
    review: &str,
    follow_up: Option<&str>,
    cause: Cause,
    lang: Lang,
    item: &str,
) -> Naming {
    let sources = [(review, false), (follow_up.unwrap_or(""), true)];
    for (text, in_follow_up) in sources {
        if text.trim().is_empty() {
            continue;
        }
        if let Some(n) = catalogue.name(text, cause, lang, item) {
            let note = ProblemNote {
                phrase: n.phrase,
                source: match n.from {
                    NamedFrom::Catalogue => ProblemSource::Catalogue,
                    NamedFrom::Review => ProblemSource::Review,
                },
                excerpt: text[n.range.clone()].to_string(),
                span: Some(utf16_span(text, n.range)),
                in_follow_up,
                fit: n.fit,
            };
            return Naming {
                note,
                evidence: n.evidence,
            };
        }
    }
    Naming {
        note: ProblemNote {
            phrase: cause_phrase(cause, lang == Lang::Zh).to_string(),
            source: ProblemSource::Cause,
            excerpt: String::new(),
            span: None,
            in_follow_up: false,
            fit: None,
        },
        evidence: Vec::new(),
    }
}

/// Every phrase a draft may carry from the catalogue, for tests that check them against
/// the checker.
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
