//! PLAYBOOK §7: a remedy compensates the problem; it must never be tied to a review.
//! Flags wording that makes a refund, cash back, coupon or gift depend on a positive,
//! changed or deleted review, or that offers something for a good review. Asking the
//! buyer to reconsider with no condition attached is fine and is not flagged.

use super::text::{sentences, trim_range};
use super::Hit;
use crate::drafts::model::Severity;
use regex::Regex;

pub(super) struct Rules {
    zh_idiom: Regex,
    zh_review_change: Regex,
    zh_review_positive: Regex,
    zh_comp: Regex,
    zh_link_after_review: Regex,
    zh_strong_link: Regex,
    zh_condition_before: Regex,
    zh_condition_after_comp: Regex,
    zh_refusal: Regex,
    en_exchange: Regex,
    en_review: Regex,
    en_positive: Regex,
    en_comp: Regex,
    en_link_after_review: Regex,
    en_condition: Regex,
    en_refusal: Regex,
}

impl Rules {
    pub(super) fn new() -> Result<Rules, regex::Error> {
        Ok(Rules {
            zh_idiom: Regex::new(
                r"(好评|五星|5星|满分|晒图|带图评价|追评|追加评价|删评|删差评|改评|改好评|修改评价|撤评)(截图)?(后|之后)?(就|即可|可|能|立)?(返现|返钱|返|有礼|送|赠|领|给钱|给红包|免单|退款|退钱|红包)|返现(求|换|送)?(好评|五星|评价)",
            )?,
            zh_review_change: Regex::new(
                r"(改|删|撤|修改|更新|追加|换成|改成|改为|去掉|撤销|撤回|删除|删掉)[^，。！？,]{0,4}(评价|评论|差评|中评|好评|五星|5星|星)|(删|改|撤|追)评|(评价|评论|差评|中评)[^，。！？,]{0,3}(删|改|撤|去掉|修改|换)",
            )?,
            zh_review_positive: Regex::new(r"好评|五星|5星|满分评价|晒图|追评")?,
            zh_comp: Regex::new(
                r"返现|返钱|返还|红包|退款|退钱|退差价|补偿|赔偿|优惠券|券|礼品|礼物|赠品|小礼|免单|积分|现金|[0-9]+元|[¥￥][0-9]|补发|换新|包邮",
            )?,
            zh_link_after_review: Regex::new(
                r"就|即可|才|后|再|便|马上|立刻|立即|我们会|我们将|可以|能|可获|可得|可领|即送|就送|返|给您|给你|送您|送你",
            )?,
            zh_strong_link: Regex::new(r"就|即可|即|后|再|便|返|送您|送你|领|可获|可得")?,
            zh_condition_before: Regex::new(r"如果|只要|只有|若是|若|一旦|等您|待您|前提|条件")?,
            zh_condition_after_comp: Regex::new(
                r"条件是|前提是|但(是)?(您|你)?(需要|要|得|必须)|只要(您|你)|需要(您|你)|要求(您|你)|麻烦(您|你)先|(您|你)先|不过(您|你)?(得|要)",
            )?,
            zh_refusal: Regex::new(
                r"不会以|不会用|不以|不拿|不需要|无需|不用|不要求|绝不|从不|无论|不论|不管|与评价无关|和评价无关|跟评价无关|不影响|没有任何条件|不附带|不附加|不会要求",
            )?,
            en_exchange: Regex::new(
                r"(?i)(?-u:\b)in (exchange|return) for(?-u:\b)[^.!?\n]{0,60}(?-u:\b)(reviews?|ratings?|feedback|stars?)(?-u:\b)",
            )?,
            en_review: Regex::new(
                r"(?i)(?-u:\b)(update|change|remove|delete|edit|revise|take down|withdraw|amend|modify|raise|improve|reconsider|upgrade|leave|write|post|give)(?-u:\b)[^.!?\n]{0,30}(?-u:\b)(reviews?|ratings?|feedback|stars?)(?-u:\b)|(?-u:\b)(5|five)[- ]?stars?(?-u:\b)|(?-u:\b)positive (reviews?|ratings?|feedback)(?-u:\b)|(?-u:\b)good reviews?(?-u:\b)",
            )?,
            en_positive: Regex::new(
                r"(?i)(?-u:\b)(5|five)[- ]?stars?(?-u:\b)|(?-u:\b)positive (reviews?|ratings?|feedback)(?-u:\b)|(?-u:\b)good reviews?(?-u:\b)",
            )?,
            en_comp: Regex::new(
                r"(?i)(?-u:\b)(refund\w*|cash\w*|money|coupons?|vouchers?|gifts?|gift cards?|credit|discounts?|rewards?|free|compensat\w*|reimburs\w*|paypal|bonus|replacement)(?-u:\b)|\$\s?[0-9]|[0-9]+\s?% off",
            )?,
            en_link_after_review: Regex::new(
                r"(?i)(?-u:\b)(and|then|to get|to receive|so that|we'll|we will|you'll|you will|i'll|i will|get|receive|earn|for)(?-u:\b)",
            )?,
            en_condition: Regex::new(
                r"(?i)(?-u:\b)(if|once|when|after|as soon as|provided|on condition|in return|in exchange)(?-u:\b)",
            )?,
            en_refusal: Regex::new(
                r"(?i)(?-u:\b)(regardless|whether or not|no matter|not conditional|isn't conditional|is not conditional|not tied|never ask|doesn't depend|does not depend|not in exchange|don't need to|do not need to|no strings)(?-u:\b)",
            )?,
        })
    }
}

fn hit(code: &'static str, severity: Severity, start: usize, end: usize) -> Hit {
    Hit {
        code,
        severity,
        range: Some((start, end)),
        detail: None,
    }
}

/// Compliance findings for any text: drafts of every channel, and remedy notes.
pub(super) fn check(r: &Rules, text: &str, out: &mut Vec<Hit>) {
    for (s, e) in sentences(text) {
        let (s, e) = trim_range(text, s, e);
        let sent = &text[s..e];
        if sentence_tie(r, sent) {
            out.push(hit("compliance.review_incentive", Severity::Blocking, s, e));
            continue;
        }
        let zh_refused = r.zh_refusal.is_match(sent);
        let en_refused = r.en_refusal.is_match(sent);
        let review = r
            .zh_review_change
            .find(sent)
            .or_else(|| r.en_review.find(sent));
        let comp = r.zh_comp.find(sent).or_else(|| r.en_comp.find(sent));
        if let (Some(_), Some(_), false, false) = (review, comp, zh_refused, en_refused) {
            out.push(hit("compliance.keep_separate", Severity::Info, s, e));
            continue;
        }
        if !zh_refused && !en_refused {
            if let Some(m) = r
                .zh_review_positive
                .find(sent)
                .or_else(|| r.en_positive.find(sent))
            {
                if asks_for_it(sent) {
                    out.push(hit(
                        "compliance.ask_positive",
                        Severity::Info,
                        s + m.start(),
                        s + m.end(),
                    ));
                }
            }
        }
    }
}

/// A request (not a thank-you) for a positive review.
fn asks_for_it(sent: &str) -> bool {
    let lower = sent.to_lowercase();
    [
        "给个",
        "给我们",
        "麻烦",
        "请您",
        "帮忙",
        "求",
        "希望您",
        "能否",
        "可以给",
        "please",
        "would you",
        "could you",
        "can you",
    ]
    .iter()
    .any(|w| lower.contains(w))
        && ![
            "感谢您的好评",
            "谢谢您的好评",
            "thank you for the",
            "thanks for the",
        ]
        .iter()
        .any(|w| lower.contains(w))
}

/// The sentence makes compensation depend on the review.
fn sentence_tie(r: &Rules, sent: &str) -> bool {
    if r.zh_refusal.is_match(sent) || r.en_refusal.is_match(sent) {
        // "无论您是否修改评价，退款都会照常处理" / "regardless of your review" are the
        // opposite of a tie, unless the sentence also carries an idiom such as 好评返现.
        return r.zh_idiom.is_match(sent);
    }
    r.zh_idiom.is_match(sent) || r.en_exchange.is_match(sent) || zh_tie(r, sent) || en_tie(r, sent)
}

fn zh_tie(r: &Rules, sent: &str) -> bool {
    // (match, is a change of review rather than just the word 好评)
    let reviews: Vec<_> = r
        .zh_review_change
        .find_iter(sent)
        .map(|m| (m, true))
        .chain(r.zh_review_positive.find_iter(sent).map(|m| (m, false)))
        .collect();
    if reviews.is_empty() {
        return false;
    }
    let comps: Vec<_> = r.zh_comp.find_iter(sent).collect();
    for (rv, is_change) in &reviews {
        for c in &comps {
            if c.start() >= rv.end() {
                // review … link … compensation: "改成好评后我们马上给您退款"
                let gap = &sent[rv.end()..c.start()];
                let conditional_before = r.zh_condition_before.is_match(&sent[..rv.start()]);
                let linked = if *is_change {
                    gap.chars().count() <= 20
                        && (r.zh_link_after_review.is_match(gap) || conditional_before)
                } else {
                    // The bare word 好评 needs a tight, explicit link ("好评后返您10元"),
                    // so "感谢好评，我们会继续包邮" is not read as a deal.
                    gap.chars().count() <= 12
                        && (r.zh_strong_link.is_match(gap)
                            || (conditional_before && gap.chars().count() <= 6))
                };
                if linked {
                    return true;
                }
            } else if c.end() <= rv.start() {
                // compensation … condition … review: "退款可以给您，但是您得把评价改一下"
                let gap = &sent[c.end()..rv.start()];
                if gap.chars().count() <= 20 && r.zh_condition_after_comp.is_match(gap) {
                    return true;
                }
            }
        }
    }
    false
}

fn en_tie(r: &Rules, sent: &str) -> bool {
    let reviews: Vec<_> = r.en_review.find_iter(sent).collect();
    if reviews.is_empty() {
        return false;
    }
    let comps: Vec<_> = r.en_comp.find_iter(sent).collect();
    for rv in &reviews {
        for c in &comps {
            if c.start() >= rv.end() {
                // "update your review and we will refund you", "leave 5 stars to get a gift"
                let gap = &sent[rv.end()..c.start()];
                let before = &sent[..rv.start()];
                let conditional_before = r
                    .en_condition
                    .find_iter(before)
                    .last()
                    .is_some_and(|m| before.len() - m.end() <= 40);
                if gap.len() <= 60 && (r.en_link_after_review.is_match(gap) || conditional_before) {
                    return true;
                }
            } else if c.end() <= rv.start() {
                // "a full refund once you remove the review"
                let gap = &sent[c.end()..rv.start()];
                if let Some(m) = r.en_condition.find(gap) {
                    let lead = gap[..m.start()].to_lowercase();
                    let clause_break = lead.contains(" and ") || lead.contains(',');
                    if gap.len() <= 60 && lead.split_whitespace().count() <= 4 && !clause_break {
                        return true;
                    }
                }
            }
        }
    }
    false
}
