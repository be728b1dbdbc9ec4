//! PLAYBOOK section 7: compensation must answer the *problem*, never buy a review.
//! A remedy whose note or terms tie money, coupons or gifts to a positive or changed
//! review ("好评后返现", "改好评退款", "5-star review for a refund") is flagged.
//!
//! The rule is deliberately about the *link*: a refund and a polite, unconditional request
//! to reconsider the review may sit in the same note ("已全额退款，方便的话也欢迎更新评价").
//! A link is a review word followed closely by compensation with a condition between them
//! (好评**后**返现, review **for** a refund, or nothing at all: 好评返现), or compensation
//! followed by an explicit condition on the review (返现**前提是**好评, refund **if** you
//! update your review).

use crate::common::Lang;

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

const REVIEW_ZH: &[&str] = &[
    "好评",
    "五星",
    "5星",
    "满分",
    "追评",
    "追加评价",
    "评价",
    "差评",
    "中评",
    "评论",
    "晒图",
    "评分",
];
const REVIEW_EN: &[&str] = &[
    "review",
    "rating",
    "5-star",
    "5 star",
    "five-star",
    "five star",
    "5 stars",
    "feedback",
];
const CHANGE_WORDS: &[&str] = &[
    "改",
    "修改",
    "追评",
    "追加",
    "删",
    "撤",
    "换成",
    "update",
    "change",
    "revise",
    "edit",
    "remove",
    "delete",
    "take down",
    "amend",
];
const COMP_ZH: &[&str] = &[
    "返现",
    "返款",
    "返钱",
    "返利",
    "红包",
    "现金",
    "退款",
    "退钱",
    "补偿",
    "赔偿",
    "优惠券",
    "代金券",
    "礼品",
    "礼物",
    "赠品",
    "赠送",
    "送您",
    "送你",
    "送个",
    "送一",
    "送小",
    "奖励",
    "佣金",
    "打款",
    "转账",
    "免单",
    "积分",
];
const COMP_EN: &[&str] = &[
    "refund",
    "cashback",
    "cash back",
    "money back",
    "coupon",
    "voucher",
    "gift",
    "discount",
    "reward",
    "rebate",
    "credit",
    "compensation",
    "paypal",
    "payment",
    "free ",
];
/// Between a review word and the compensation after it: the buyer acts, then is paid.
const THEN_ZH: &[&str] = &[
    "后", "就", "才", "再", "即", "便", "马上", "立即", "立刻", "换", "可获", "可得", "可领",
    "领取", "得到", "获得", "给",
];
const THEN_EN: &[&str] = &[
    " for a ",
    " for an ",
    " and we",
    " and you",
    " and get",
    " to get",
    " to receive",
    " to earn",
    " then ",
    " in exchange",
    " in return",
    " get ",
    " receive ",
    " earn ",
    " gets ",
];
/// Between compensation and a review word after it: paid on condition of the review.
const IF_ZH: &[&str] = &[
    "前提", "条件", "只要", "需要", "只需", "需", "要求", "必须", "换取", "凭", "换",
];
const IF_EN: &[&str] = &[
    " if ",
    " once ",
    " after ",
    " when ",
    " provided ",
    " as long as ",
    " in exchange for ",
    " in return for ",
    " upon ",
    " only with ",
    " for a positive",
    " for a good",
    " for a great",
    " for a 5",
    " for a five",
    " for leaving",
    " for writing",
    " for posting",
    " for changing",
    " for updating",
    " for editing",
    " for revising",
    " for removing",
    " for deleting",
];
/// Wording that says the opposite: the remedy does not depend on the review.
const UNCONDITIONAL: &[&str] = &[
    "无关",
    "不需要",
    "无需",
    "不要求",
    "不论",
    "无论",
    "不管",
    "不附加",
    "不以",
    "regardless",
    "no matter",
    "whether or not",
    "not conditional",
    "not tied",
    "not depend",
    "doesn't depend",
    "does not depend",
    "unrelated",
    "no strings",
    "not required",
];

const ZH_GAP: usize = 8;
const EN_GAP: usize = 40;

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

/// Every hit with the words that triggered it.
pub fn findings(text: &str) -> Vec<Finding> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    for sentence in sentences(&lower) {
        if UNCONDITIONAL.iter().any(|w| sentence.contains(w)) {
            continue;
        }
        if let Some(matched) = linked(sentence) {
            let code = if !occurrences(sentence, CHANGE_WORDS).is_empty() {
                REWARD_FOR_REVIEW_CHANGE
            } else {
                REWARD_FOR_POSITIVE_REVIEW
            };
            out.push(Finding { code, matched });
        }
    }
    out
}

/// What the owner reads next to a flag.
pub fn message(code: &str, lang: Lang) -> &'static str {
    let zh = lang == Lang::Zh;
    match (code, zh) {
        (REWARD_FOR_POSITIVE_REVIEW, true) => {
            "补偿与好评挂钩（如“好评返现”）属于诱导好评，违反平台规则和《电子商务法》第17条。补偿应针对问题本身，不附带任何评价条件。"
        }
        (REWARD_FOR_POSITIVE_REVIEW, false) => {
            "Compensation tied to a positive review is an incentive for praise, banned by platform rules, China's E-commerce Law art. 17 and the FTC review rule. Compensate the problem itself, with no condition on the review."
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

fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let ends = match c {
            '。' | '！' | '？' | '!' | '?' | '；' | ';' | '\n' | '\r' => true,
            // A full stop ends an English sentence, but not the point in "12.50".
            '.' => chars.peek().is_none_or(|(_, n)| n.is_whitespace()),
            _ => false,
        };
        if ends {
            out.push(&text[start..i]);
            start = i + c.len_utf8();
        }
    }
    out.push(&text[start..]);
    out.retain(|s| !s.trim().is_empty());
    out
}

/// Byte ranges where any of `terms` occurs, at word boundaries for Latin terms.
fn occurrences(s: &str, terms: &[&str]) -> Vec<(usize, usize)> {
    let mut hits = Vec::new();
    for t in terms {
        let latin = t.is_ascii();
        for (i, _) in s.match_indices(t) {
            let before_ok = !latin
                || s[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_ascii_alphanumeric());
            if before_ok {
                hits.push((i, i + t.len()));
            }
        }
    }
    hits.sort_unstable();
    hits
}

/// "返5元", "返¥10", a bare "返" at the end ("追评返"): cash back without the word 返现.
/// "返修"/"返回" are not money and are left alone.
fn fan_xian(s: &str) -> Vec<(usize, usize)> {
    s.match_indices('返')
        .filter(|(i, _)| {
            let rest = s[i + '返'.len_utf8()..].trim_start();
            rest.chars()
                .next()
                .is_none_or(|n| n.is_ascii_digit() || matches!(n, '¥' | '￥' | '$'))
        })
        .map(|(i, _)| (i, i + '返'.len_utf8()))
        .collect()
}

/// Review words that can carry a condition. A bare 差评/中评 is the buyer's own review
/// ("差评送你" = "here is my bad review"), relevant only with a verb that changes it
/// (删差评, 改中评); 五星级 is a hotel class, not a rating.
fn review_hits(s: &str) -> Vec<(usize, usize)> {
    let mut hits = occurrences(s, REVIEW_ZH);
    hits.retain(|&(a, b)| match &s[a..b] {
        "差评" | "中评" => {
            let before: String = s[..a].chars().rev().take(3).collect();
            ["删", "改", "撤", "消", "追"]
                .iter()
                .any(|v| before.contains(v))
        }
        "五星" => !s[b..].starts_with('级'),
        _ => true,
    });
    hits.extend(occurrences(s, REVIEW_EN));
    hits
}

/// Words that deny the link ("评价暂时不奖励", "没有说必须要好评").
const NEGATION_ZH: &[&str] = &["不", "没", "未", "无", "别"];

fn is_clause_break(c: char) -> bool {
    is_comma(c) || c.is_whitespace()
}

fn comp_hits(s: &str) -> Vec<(usize, usize)> {
    let mut hits = occurrences(s, COMP_ZH);
    hits.extend(occurrences(s, COMP_EN));
    hits.extend(fan_xian(s));
    hits
}

fn has_any(gap: &str, words: &[&str]) -> bool {
    words.iter().any(|w| gap.contains(w))
}

fn is_comma(c: char) -> bool {
    matches!(c, '，' | ',' | '、' | '：' | ':')
}

/// The first review↔compensation link in one sentence, as the text spanning it.
fn linked(sentence: &str) -> Option<String> {
    let reviews = review_hits(sentence);
    let comps = comp_hits(sentence);
    for &(ra, rb) in &reviews {
        for &(ca, cb) in &comps {
            if ca >= rb {
                // review … compensation
                let gap = &sentence[rb..ca];
                let n = gap.chars().count();
                let padded = format!(" {gap} ");
                // Adjacent (好评返现, 改好评退款) or joined by a "then" word (好评后返现).
                let adjacent = n <= 2 && !gap.chars().any(is_clause_break);
                let zh_ok = n <= ZH_GAP
                    && (adjacent || has_any(gap, THEN_ZH))
                    && !has_any(gap, NEGATION_ZH);
                let en_ok = n <= EN_GAP && has_any(&padded, THEN_EN);
                if zh_ok || en_ok {
                    return Some(sentence[ra..cb].trim().to_string());
                }
            } else if ra >= cb {
                // compensation … review
                let gap = &sentence[cb..ra];
                let n = gap.chars().count();
                // The condition must govern the review: only the last clause before it
                // counts, read together with the review words ("for a 5-star review").
                let zh_clause = gap.rsplit(is_clause_break).next().unwrap_or(gap);
                let zh_ok =
                    n <= ZH_GAP + 4 && has_any(zh_clause, IF_ZH) && !has_any(gap, NEGATION_ZH);
                let tail = &sentence[cb..rb];
                let last_clause = tail.rsplit(is_comma).next().unwrap_or(tail);
                let padded = format!(" {last_clause} ");
                let en_ok = n <= EN_GAP && has_any(&padded, IF_EN);
                if zh_ok || en_ok {
                    return Some(sentence[ca..rb].trim().to_string());
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_compensation_tied_to_the_review() {
        let cases = [
            ("好评后返现", REWARD_FOR_POSITIVE_REVIEW),
            ("给五星好评就送优惠券", REWARD_FOR_POSITIVE_REVIEW),
            ("晒图返现5元", REWARD_FOR_POSITIVE_REVIEW),
            ("亲，好评返5元红包哦", REWARD_FOR_POSITIVE_REVIEW),
            ("改好评退款", REWARD_FOR_REVIEW_CHANGE),
            ("追评返", REWARD_FOR_REVIEW_CHANGE),
            ("追评返10元", REWARD_FOR_REVIEW_CHANGE),
            ("您把差评改成好评后，我们马上退款", REWARD_FOR_REVIEW_CHANGE),
            ("返现20元，前提是修改评价", REWARD_FOR_REVIEW_CHANGE),
            ("退款的条件是删除差评", REWARD_FOR_REVIEW_CHANGE),
            ("删差评返现10元", REWARD_FOR_REVIEW_CHANGE),
            ("追评晒图送小礼品", REWARD_FOR_REVIEW_CHANGE),
            ("5-star review for a refund", REWARD_FOR_POSITIVE_REVIEW),
            (
                "We will refund you once you change your review to 5 stars.",
                REWARD_FOR_REVIEW_CHANGE,
            ),
            (
                "Leave a positive review to get a $10 coupon",
                REWARD_FOR_POSITIVE_REVIEW,
            ),
            (
                "Full refund if you update your rating",
                REWARD_FOR_REVIEW_CHANGE,
            ),
            (
                "Update your review and we'll send a gift",
                REWARD_FOR_REVIEW_CHANGE,
            ),
            (
                "A $5 coupon for a 5-star review",
                REWARD_FOR_POSITIVE_REVIEW,
            ),
            ("Cash back for leaving a review", REWARD_FOR_POSITIVE_REVIEW),
        ];
        for (text, code) in cases {
            assert_eq!(compliance_flags(text), vec![code.to_string()], "{text}");
        }
        let f = findings("部分退款20元。好评后返现");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].matched, "好评后返现");
    }

    #[test]
    fn leaves_unconditional_remedies_alone() {
        for text in [
            "",
            "部分退款20元，已原路退回",
            "给您带来不便非常抱歉，已为您全额退款",
            "已全额退款。方便的话也欢迎更新评价，谢谢您",
            "已为您全额退款，如果您愿意，也可以重新评价",
            "您可以追加评价，退款已经原路退回",
            "退款与评价无关，无论您是否修改评价都会退款",
            "送您一个小礼物表示歉意",
            "补发一件新的，返修也可以",
            "五分钟内回电",
            "Full refund issued for the broken kettle. We're sorry.",
            "We have refunded the order. If you have a moment, your feedback helps us improve.",
            "Refund sent regardless of your review",
            "Refund for the damaged item, and thanks for your review",
            "We read your review for the kettle and refunded it",
            "Partial refund sent, and we are sorry for the review you had to write",
            "We'll review your claim and refund if eligible",
            "Coupon code SAVE10 for your next order, valid 30 days",
            "部分退款 12.50 元，订单号 2024112012345",
            // Real review sentences that mention both, without a link.
            "京东第一个差评送你了，火龙果又小又不新鲜",
            "说送的礼品没送 玩文字游戏 必须差评",
            "赠品评价暂时不奖励京豆",
            "看了评价里说了没有送赠品",
            "比我们上海的五星级酒店让我赔偿的还多",
        ] {
            assert!(compliance_flags(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn messages_exist_in_both_languages() {
        for code in [REWARD_FOR_POSITIVE_REVIEW, REWARD_FOR_REVIEW_CHANGE] {
            assert!(message(code, Lang::Zh).contains("评价"));
            assert!(message(code, Lang::En).contains("review"));
        }
    }
}
