//! The structure of a review incentive: a benefit made conditional on a review action.
//!
//! A text is cut into sentences and clauses, its words tagged by role (`lexicon.rs`), and a
//! tie is read from how the roles sit relative to each other, in either order:
//!
//! - **action → benefit**: the action is inside a condition (如果/只要/once …, or closed by
//!   后/完/的话/first), or joined to the benefit by a consequence word (就/马上/and we'll/
//!   to get), or — Chinese parataxis — a request to the buyer followed by the shop
//!   giving something ("您把评价改一下，剩下的差价我转给您").
//! - **benefit → action**: a requirement or condition after the benefit governs the action
//!   ("退20元，不过您得先把差评删了", "a full refund, if you can fix the rating").
//! - **a trade announced in words** (咱们做个交换, I'll make you a deal, sound fair?) ties a
//!   benefit and an action a sentence apart even with no condition word between them.
//!
//! Both may span a sentence boundary ("Would you update your review? We'll refund the
//! difference as soon as you do."). What keeps a sentence allowed: the benefit is already
//! given and nothing is made to depend on it; the condition is the buyer's own choice
//! (如果您愿意); the review action is denied (不用改评价) or done by someone else (我们不会
//! 删除评价); the sentence refuses such a deal or says the remedy does not depend on the
//! review; or it reports the buyer's own proposal (您说给50块就改评价，这个我们做不到).

use super::lexicon::{Kind, Lexicon, Tok};
use super::segment::Segments;

/// What a part of a tie is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TieRole {
    Benefit,
    Condition,
    ReviewAction,
}

/// One part of a tie, as a byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TiePart {
    pub role: TieRole,
    pub start: usize,
    pub end: usize,
}

/// A benefit tied to a review action: its parts, and the sentences that carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tie {
    pub parts: Vec<TiePart>,
    pub start: usize,
    pub end: usize,
    /// The action asks for praise (好评, five stars) rather than a change or removal.
    pub positive: bool,
}

/// What the structure found in a text.
#[derive(Debug, Default)]
pub struct Reading {
    pub ties: Vec<Tie>,
    /// Sentences that name both a review action and a benefit without tying them, and do
    /// not say they are independent: allowed, better said apart.
    pub untied: Vec<(usize, usize)>,
}

/// How far apart (in characters) an action and a benefit may be and still read as one deal.
const MAX_GAP_CHARS: usize = 60;
/// A bare 好评/five stars ties only this tightly.
const WEAK_GAP_CHARS: usize = 12;

struct Ctx<'a> {
    text: &'a str,
    seg: Segments,
    toks: Vec<Tok>,
    lex: &'a Lexicon,
    refused: Vec<bool>,
    reported: Vec<(usize, usize)>,
}

impl Ctx<'_> {
    fn clause_bounds(&self, clause: usize) -> (usize, usize) {
        self.seg
            .clauses
            .get(clause)
            .map_or((0, self.text.len()), |c| (c.start, c.end))
    }

    /// The distance between two places, in Chinese characters or their English worth
    /// (a Chinese character carries about as much as an English word of four letters).
    fn chars_between(&self, a: usize, b: usize) -> usize {
        if b <= a {
            return 0;
        }
        let (wide, narrow) = self.text[a..b].chars().fold((0usize, 0usize), |(w, n), c| {
            if c.is_ascii() {
                (w, n + 1)
            } else {
                (w + 1, n)
            }
        });
        wide + narrow.div_ceil(4)
    }

    /// A token that cannot take part: in a refused sentence or in reported words.
    fn inert(&self, t: &Tok) -> bool {
        self.refused.get(t.sentence).copied().unwrap_or(false)
            || self
                .reported
                .iter()
                .any(|&(s, e)| t.start >= s && t.start < e)
    }

    fn of<'b>(&'b self, kinds: &'b [Kind]) -> impl Iterator<Item = &'b Tok> + 'b {
        self.toks.iter().filter(move |t| kinds.contains(&t.kind))
    }

    fn is_done(&self, b: &Tok) -> bool {
        let (cs, ce) = self.clause_bounds(b.clause);
        self.lex.is_done(self.text, cs, ce, b.start, b.end)
    }

    fn is_review(kind: Kind) -> bool {
        matches!(
            kind,
            Kind::Review | Kind::ReviewPositive | Kind::ReviewWeak | Kind::ReviewAnaphor
        )
    }

    /// The review action can be part of a deal: not denied, not the shop's own act, and
    /// (for a pro-form) there is a review it refers to.
    fn live_action(&self, r: &Tok) -> bool {
        if self.inert(r) {
            return false;
        }
        let (cs, _) = self.clause_bounds(r.clause);
        if self.lex.is_negated(self.text, cs, r.start)
            || self.lex.shop_acts(self.text, cs, r.start)
            || self.lex.is_thanked(self.text, cs, r.start)
        {
            return false;
        }
        if r.kind == Kind::ReviewAnaphor {
            let lo = r.sentence.saturating_sub(1);
            // "If so" / "可以的话" stand only for an action asked just before, not for any
            // review mentioned.
            let w = self.text[r.start..r.end].to_ascii_lowercase();
            if w.starts_with("if ") || w.ends_with("的话") {
                return self.toks.iter().any(|t| {
                    Self::is_review(t.kind)
                        && t.kind != Kind::ReviewAnaphor
                        && t.sentence >= lo
                        && t.end <= r.start
                });
            }
            let named_before = self.toks.iter().any(|t| {
                (t.kind == Kind::ReviewNoun
                    || (Self::is_review(t.kind) && t.kind != Kind::ReviewAnaphor))
                    && t.sentence >= lo
                    && t.sentence <= r.sentence
                    && t.start < r.start
            });
            return named_before;
        }
        true
    }

    /// A benefit that can be the other side of a deal. A handing-over word ("release it")
    /// needs a benefit named in the same or the previous sentence.
    fn live_benefit(&self, b: &Tok) -> Option<Option<Tok>> {
        if self.inert(b) {
            return None;
        }
        match b.kind {
            Kind::Benefit if !self.is_done(b) => Some(None),
            Kind::Delivery => {
                // "…for free. Could you edit the review? Then it's yours.": up to two back.
                let lo = b.sentence.saturating_sub(2);
                self.of(&[Kind::Benefit])
                    .filter(|x| x.sentence >= lo && x.sentence <= b.sentence && !self.inert(x))
                    .filter(|x| x.end <= b.start || x.sentence == b.sentence)
                    .last()
                    .map(|x| Some(*x))
            }
            _ => None,
        }
    }

    fn marker<'b>(
        &'b self,
        kinds: &'b [Kind],
        from: usize,
        to: usize,
    ) -> impl Iterator<Item = &'b Tok> + 'b {
        self.of(kinds)
            .filter(move |t| t.start >= from && t.end <= to && !self.inert(t))
    }

    /// The words that make the action the condition of a benefit that follows it.
    fn forward_link(&self, r: &Tok, b: &Tok) -> Option<Vec<Tok>> {
        let gap = self.chars_between(r.end, b.start);
        let weak = r.kind == Kind::ReviewWeak;
        if gap > if weak { WEAK_GAP_CHARS } else { MAX_GAP_CHARS } {
            return None;
        }
        let same_sentence = r.sentence == b.sentence;
        // "改评价这事我们不会让您白改的": the benefit names the action it pays for.
        if same_sentence
            && ["白改", "白删", "白撤", "白写"]
                .iter()
                .any(|w| self.text[b.start..b.end].contains(w))
        {
            return Some(Vec::new());
        }
        // 好评返现, 删评给您20元, 追评返现金红包: nothing between them.
        if same_sentence && r.clause == b.clause && self.text[r.end..b.start].chars().count() <= 2 {
            return Some(Vec::new());
        }
        // The action closed as a condition: 改完, 删了的话, 评价调整后, …的顾客, first.
        let post: Vec<Tok> = self
            .marker(&[Kind::CondPost], r.end, b.start)
            .filter(|t| {
                let near = self.chars_between(r.end, t.start) <= 2 && t.sentence == r.sentence;
                near || (t.clause == r.clause
                    && (matches!(&self.text[t.start..t.end], "的话")
                        || self.text[t.start..t.end].starts_with('的')))
            })
            .copied()
            .collect();
        if !post.is_empty() {
            return Some(post);
        }
        // A pro-form closed in itself: 改完/撤了/as soon as you do.
        if r.kind == Kind::ReviewAnaphor && self.closed_anaphor(r) {
            return Some(Vec::new());
        }
        // The action inside a condition opened before it: 如果您修改评价, once the review's gone.
        let pre: Vec<Tok> = self
            .of(&[Kind::CondPre])
            .filter(|t| {
                let governing = t.clause == r.clause
                    && t.start <= r.start
                    && !self.inert(t)
                    && self.governs(t, r);
                if weak {
                    (t.end <= r.start && self.chars_between(t.end, r.start) <= 4) || governing
                } else {
                    governing
                }
            })
            .copied()
            .collect();
        // The benefit is the consequence: in a later clause, or after a new subject
        // ("If you remove the review we'll refund you"), not inside the condition itself
        // ("If you'd like to leave a review after using the new one").
        let consequent = b.clause > r.clause
            || self
                .marker(&[Kind::Agent, Kind::Link], r.end, b.start)
                .next()
                .is_some()
            || !same_sentence;
        if !pre.is_empty() && consequent && (same_sentence || self.has_link_between(r, b)) {
            return Some(pre);
        }
        // A consequence word between them: 就/马上/and we'll/to get/then.
        // (A link may run into the benefit it introduces: "and a free gift".)
        let link: Vec<Tok> = self
            .of(&[Kind::Link])
            .filter(|t| t.start >= r.end && t.start < b.start.max(r.end + 1) && !self.inert(t))
            .filter(|t| t.sentence == r.sentence || t.sentence == b.sentence)
            .map(|t| Tok {
                end: t.end.min(b.start).max(t.start + 1),
                ..*t
            })
            .filter(|t| self.text.is_char_boundary(t.end))
            .collect();
        if !link.is_empty() && (!weak || same_sentence) {
            return Some(link);
        }
        // An imperative joined to a benefit by "and": "Edit your rating to five stars and
        // your next order ships free."
        if same_sentence
            && b.clause == r.clause
            && self.text[r.start..r.end].is_ascii()
            && self.is_request(r)
        {
            let between = self.text[r.end..b.start].to_ascii_lowercase();
            if let Some(i) = between.find(" and ") {
                let at = r.end + i + 1;
                return Some(vec![Tok {
                    kind: Kind::Link,
                    start: at,
                    end: at + 3,
                    ..*r
                }]);
            }
        }
        // The action asked for in return for a benefit the shop offers inside a condition:
        // "Would you update your review if we covered the return shipping?".
        if same_sentence {
            let offered: Vec<Tok> = self
                .of(&[Kind::CondPre])
                .filter(|c| c.start >= r.end && c.end <= b.start && c.clause == b.clause)
                .filter(|c| {
                    self.of(&[Kind::Agent])
                        .any(|a| a.start >= c.end && a.end <= b.start)
                })
                .copied()
                .collect();
            if !offered.is_empty() {
                return Some(offered);
            }
        }
        // Parataxis: a request to the buyer, then the shop giving, in the next clauses
        // ("您把评价改了，我这边按原价给您退"), or in the next sentence when the request is
        // its own question ("Would you mind taking down your review? I'll send a new one.").
        if !weak && (self.is_request(r) || self.buyer_acts(r)) {
            if same_sentence && b.clause > r.clause && b.clause - r.clause <= 2 {
                if b.kind == Kind::Delivery {
                    return Some(Vec::new());
                }
                let (bcs, _) = self.clause_bounds(b.clause);
                let besides = ["也", "同时", "另外", "并且", "还会"]
                    .iter()
                    .any(|w| self.text[bcs..b.start].contains(w));
                let agent: Vec<Tok> = self
                    .marker(&[Kind::Agent], r.end, b.start)
                    .filter(|t| (t.clause == b.clause || t.clause + 1 == b.clause) && !besides)
                    .copied()
                    .collect();
                if !agent.is_empty() {
                    return Some(agent);
                }
                // With no one named, the very next clause giving something still answers the
                // request ("把一星换成五星，下单立减20").
                if b.clause == r.clause + 1 && !self.buyer_opens(b.clause) {
                    return Some(self.asks_in(r));
                }
            }
            if b.sentence == r.sentence + 1 && b.kind == Kind::Delivery {
                return Some(self.asks_in(r));
            }
            if b.sentence == r.sentence + 1 && b.kind == Kind::Benefit {
                let first = self
                    .seg
                    .clauses
                    .iter()
                    .position(|c| c.sentence == b.sentence)
                    .unwrap_or(b.clause);
                let (cs, _) = self.clause_bounds(first);
                let opener: Vec<Tok> = self
                    .of(&[Kind::Agent])
                    .filter(|t| t.clause == first && self.chars_between(cs, t.start) <= 3)
                    .copied()
                    .collect();
                if b.clause == first && !opener.is_empty() {
                    return Some(opener);
                }
                // The answer opens by offering the benefit ("Could you bump it to five
                // stars? Happy to send a free sample pack your way.").
                if b.clause == first
                    && self.chars_between(cs, b.start) <= 8
                    && self.lex.is_offer(self.text, cs, b.start)
                {
                    return Some(self.asks_in(r));
                }
            }
        }
        // A slogan: two short clauses, the action then the benefit ("差评换好评，赠品翻倍").
        if !weak && same_sentence && b.clause == r.clause + 1 {
            let (rs, re) = self.clause_bounds(r.clause);
            let (bs, be) = self.clause_bounds(b.clause);
            if self.chars_between(rs, re) <= 8 && self.chars_between(bs, be) <= 10 {
                return Some(Vec::new());
            }
        }
        None
    }

    /// The buyer is named as the one acting ("您删了差评告诉我一声", "you delete the review"),
    /// and is not merely allowed to ("您可以追加评价").
    fn buyer_acts(&self, r: &Tok) -> bool {
        let (cs, _) = self.clause_bounds(r.clause);
        let lead = self.text[cs..r.start].trim_start().to_ascii_lowercase();
        // The buyer may also come after the review as topic: "那条评价您重新评一下",
        // "评价您动一下".
        let topic = lead.trim_end().ends_with(['您', '你'])
            || (!self.text[r.start..r.end].is_ascii()
                && self.text[r.start..r.end].contains(['您', '你']));
        let named =
            lead.starts_with(['您', '你']) || lead.starts_with("you ") || lead == "you" || topic;
        let allowed = [
            "可以",
            "随时",
            "欢迎",
            "也可",
            "can ",
            "may ",
            "are welcome",
            "free to",
        ]
        .iter()
        .any(|w| lead.contains(w));
        named && !allowed
    }

    /// The clause starts with the buyer as its subject ("您可以…"), so it is not the shop's
    /// answer to a request.
    fn buyer_opens(&self, clause: usize) -> bool {
        let (cs, ce) = self.clause_bounds(clause);
        let head = self.text[cs..ce].trim_start();
        head.starts_with(['您', '你']) || head.to_ascii_lowercase().starts_with("you")
    }

    /// The request words that ask for the action ("帮忙", "could you").
    fn asks_in(&self, r: &Tok) -> Vec<Tok> {
        let (cs, _) = self.clause_bounds(r.clause);
        self.of(&[Kind::Request])
            .filter(|t| t.clause == r.clause && t.start >= cs && t.start <= r.end)
            .copied()
            .collect()
    }

    /// The action is asked of the buyer: a request word in its clause, or the clause opens
    /// with it as an imperative.
    fn is_request(&self, r: &Tok) -> bool {
        let (cs, _) = self.clause_bounds(r.clause);
        self.of(&[Kind::Request])
            .any(|t| t.clause == r.clause && t.start >= cs && t.start <= r.end)
            || (matches!(
                r.kind,
                Kind::Review | Kind::ReviewPositive | Kind::ReviewAnaphor
            ) && self.lex.starts_imperative(self.text, cs, r.start))
    }

    /// A condition governs the action when the action is inside it: "如果您修改评价，…",
    /// not "如果您愿意的话可以追评" (the condition closed at 的话, the action is what follows).
    fn governs(&self, cond: &Tok, r: &Tok) -> bool {
        if cond.end > r.start {
            return true;
        }
        let between = &self.text[cond.end..r.start];
        !between.contains("的话")
            && !self
                .of(&[Kind::Link])
                .any(|l| l.start >= cond.end && l.end <= r.start)
    }

    fn closed_anaphor(&self, r: &Tok) -> bool {
        let w = self.text[r.start..r.end].to_ascii_lowercase();
        w.ends_with(['完', '好', '了', '掉', '后'])
            || w.ends_with("的话")
            || ["as soon as", "once", "when", "after", "the moment", "if "]
                .iter()
                .any(|c| w.starts_with(c))
    }

    fn has_link_between(&self, r: &Tok, b: &Tok) -> bool {
        self.marker(&[Kind::Link, Kind::Agent], r.end, b.start)
            .next()
            .is_some()
            || b.kind == Kind::Delivery
    }

    /// A benefit next to the action (a sentence either way), with a trade frame around
    /// them.
    fn deal_tie(&self, r: &Tok) -> Option<(Tok, Option<Tok>, Vec<Tok>)> {
        if r.kind == Kind::ReviewWeak {
            return None;
        }
        let near = |s: usize| s + 1 >= r.sentence && s <= r.sentence + 1;
        let b = self
            .of(&[Kind::Benefit])
            .find(|b| near(b.sentence) && !self.inert(b) && !self.is_done(b))?;
        let lo = r.sentence.min(b.sentence).saturating_sub(1);
        let hi = r.sentence.max(b.sentence) + 1;
        let deal: Vec<Tok> = self
            .of(&[Kind::Deal])
            .filter(|d| d.sentence >= lo && d.sentence <= hi && !self.inert(d))
            .copied()
            .collect();
        (!deal.is_empty()).then_some((*b, None, deal))
    }

    /// The words after a benefit that make it depend on the action that follows.
    fn backward_link(&self, b: &Tok, r: &Tok) -> Option<Vec<Tok>> {
        if self.chars_between(b.end, r.start) > MAX_GAP_CHARS {
            return None;
        }
        if r.kind == Kind::ReviewWeak {
            // 返现求好评, 返现换五星, a $5 coupon for a 5-star review.
            if trade_gap(&self.text[b.end..r.start]) {
                return Some(Vec::new());
            }
            let tight: Vec<Tok> = self
                .marker(&[Kind::CondPre, Kind::Require], b.end, r.start)
                .filter(|t| self.chars_between(t.end, r.start) <= 4)
                .copied()
                .collect();
            return (!tight.is_empty()).then_some(tight);
        }
        // The benefit traded for the action: "用一张券换您重新评价一次", "红包换你删评".
        if b.sentence == r.sentence && self.chars_between(b.end, r.start) <= 6 {
            let gap = self.text[b.end..r.start].trim();
            let trade = [
                "换",
                "换取",
                "来换",
                "换您",
                "换你",
                "换您的",
                "换你的",
                "换您把",
                "换你把",
            ];
            if trade.iter().any(|w| gap.ends_with(w)) || trade_gap(gap) {
                return Some(Vec::new());
            }
        }
        let voluntary = |t: &Tok| {
            self.of(&[Kind::Voluntary])
                .any(|v| v.start < t.end && t.start < v.end)
        };
        let found: Vec<Tok> = self
            .marker(&[Kind::CondPre, Kind::Require], b.end, r.end)
            .filter(|t| t.sentence == r.sentence && !voluntary(t))
            .filter(|t| match t.kind {
                Kind::CondPre => t.clause == r.clause && self.governs(t, r),
                _ => t.clause == r.clause || t.clause + 1 == r.clause,
            })
            .copied()
            .collect();
        if !found.is_empty() {
            return Some(found);
        }
        // The action asked for is all it takes ("我给您返20块钱。您把评价改一下就行。").
        if self.is_request(r) || self.buyer_acts(r) {
            let enough: Vec<Tok> = self
                .marker(&[Kind::Suffice], r.end, self.text.len())
                .filter(|t| t.clause == r.clause && self.chars_between(r.end, t.start) <= 4)
                .take(1)
                .copied()
                .collect();
            if !enough.is_empty() {
                return Some(enough);
            }
        }
        // A benefit named as the shop's next step, then the action asked for right after it
        // ("给您5元，麻烦把评价改成满意"); "也/另外" mark two separate things.
        let (rs0, _) = self.clause_bounds(r.clause);
        if b.kind == Kind::Benefit
            && b.sentence == r.sentence
            && r.clause == b.clause + 1
            && !["也", "另外", "同时", "also", "as well"]
                .iter()
                .any(|w| self.text[rs0..r.start].to_ascii_lowercase().contains(w))
            && !self.of(&[Kind::Voluntary]).any(|v| v.clause == r.clause)
        {
            let asks = self.asks_in(r);
            if !asks.is_empty() {
                return Some(asks);
            }
            // An imperative, or the buyer named as the one to act, answering the benefit
            // ("Happy to reimburse your shipping — just change the rating to 5 stars",
            // "给您多寄一份，您给我们一个好评").
            if self.is_request(r) || self.buyer_acts(r) {
                return Some(Vec::new());
            }
        }
        // A bargain: the benefit offered as a possibility, then the action asked for in the
        // same sentence ("我可以给你申请一张券，你看评价能不能帮忙改改？").
        let (bs, _) = self.clause_bounds(b.clause);
        let (rs, _) = self.clause_bounds(r.clause);
        if b.kind == Kind::Benefit
            && b.sentence == r.sentence
            && self.lex.is_offer(self.text, bs, b.start)
            && !self.of(&[Kind::Voluntary]).any(|v| v.clause == r.clause)
        {
            let asks: Vec<Tok> = self
                .of(&[Kind::Request])
                .filter(|t| t.clause == r.clause && t.start >= rs && t.start <= r.end)
                .copied()
                .collect();
            if !asks.is_empty() {
                return Some(asks);
            }
        }
        None
    }
}

/// The words between a benefit and a bare 好评 trade one for the other: 换, 求个, 换您一个.
fn trade_gap(gap: &str) -> bool {
    let g = gap.trim();
    let g = g
        .strip_prefix("用来")
        .or_else(|| g.strip_prefix('来'))
        .unwrap_or(g);
    let Some(rest) = ["换取", "换", "求"].iter().find_map(|w| g.strip_prefix(w)) else {
        return false;
    };
    let rest = rest
        .trim_start_matches(['您', '你'])
        .trim_start_matches('的');
    matches!(rest, "" | "一个" | "个" | "一条" | "条" | "一次" | "一下")
}

fn part(role: TieRole, t: &Tok) -> TiePart {
    TiePart {
        role,
        start: t.start,
        end: t.end,
    }
}

/// Reads a text for review incentives.
pub(crate) fn read(lex: &Lexicon, text: &str) -> Reading {
    let seg = Segments::new(text);
    let toks = lex.tag(text, &seg);
    let mut refused = vec![false; seg.sentences.len()];
    let mut reported = Vec::new();
    for t in &toks {
        match t.kind {
            Kind::Refusal => {
                if let Some(r) = refused.get_mut(t.sentence) {
                    *r = true;
                }
            }
            Kind::Reported => {
                let end = seg.clauses.get(t.clause).map_or(text.len(), |c| c.end);
                reported.push((t.start, end));
            }
            _ => {}
        }
    }
    let cx = Ctx {
        text,
        seg,
        toks,
        lex,
        refused,
        reported,
    };

    let mut reading = Reading::default();
    let mut used_actions: Vec<(usize, usize)> = Vec::new();
    let actions: Vec<Tok> = cx
        .toks
        .iter()
        .filter(|t| Ctx::is_review(t.kind))
        .copied()
        .collect();
    for r in &actions {
        // A bare 好评 inside a fuller action (改成好评) is read as part of that action.
        if actions.iter().any(|o| {
            o != r && o.start <= r.start && r.end <= o.end && (o.end - o.start) > (r.end - r.start)
        }) {
            continue;
        }
        if used_actions.iter().any(|&(s, e)| r.start < e && s < r.end) || !cx.live_action(r) {
            continue;
        }
        // 好评 in "把差评改成好评" belongs to the change; it is not a second action.
        if r.kind == Kind::ReviewWeak
            && actions.iter().any(|o| {
                o.clause == r.clause && matches!(o.kind, Kind::Review | Kind::ReviewPositive)
            })
        {
            continue;
        }
        let mut tie: Option<(Tok, Option<Tok>, Vec<Tok>)> = None;
        for b in cx.of(&[Kind::Benefit, Kind::Delivery]) {
            if b.start < r.end || b.sentence > r.sentence + 1 {
                continue;
            }
            let Some(named) = cx.live_benefit(b) else {
                continue;
            };
            if let Some(link) = cx.forward_link(r, b) {
                if b.sentence == r.sentence || !link.is_empty() || b.kind == Kind::Delivery {
                    tie = Some((*b, named, link));
                    break;
                }
            }
        }
        if tie.is_none() {
            for b in cx.of(&[Kind::Benefit, Kind::Delivery]) {
                if b.end > r.start || b.sentence + 1 < r.sentence {
                    continue;
                }
                let Some(named) = cx.live_benefit(b) else {
                    continue;
                };
                if let Some(link) = cx.backward_link(b, r) {
                    tie = Some((*b, named, link));
                }
            }
        }
        // A trade announced in so many words ("I'll make you a deal. New unit, free.
        // Review changed.") ties a benefit and an action within a sentence of each other.
        if tie.is_none() {
            tie = cx.deal_tie(r);
        }
        let Some((b, named, link)) = tie else {
            continue;
        };
        let mut parts = vec![part(TieRole::ReviewAction, r)];
        if r.kind == Kind::ReviewAnaphor {
            // Show what the pro-form stands for too ("updating your review" … "as soon as you do").
            if let Some(antecedent) = cx.toks.iter().rev().find(|t| {
                t.start < r.start
                    && t.sentence + 1 >= r.sentence
                    && (Ctx::is_review(t.kind) && t.kind != Kind::ReviewAnaphor
                        || t.kind == Kind::ReviewNoun)
            }) {
                parts.push(part(TieRole::ReviewAction, antecedent));
            }
        }
        parts.push(part(TieRole::Benefit, &b));
        // Benefit words that run on from it are the same benefit ("给您退" + "20元").
        let mut reach = (b.start, b.end);
        loop {
            let before = reach;
            for t in cx.of(&[Kind::Benefit]) {
                if t.clause == b.clause && t.start <= reach.1 && reach.0 <= t.end {
                    reach = (reach.0.min(t.start), reach.1.max(t.end));
                }
            }
            if reach == before {
                break;
            }
        }
        parts.push(TiePart {
            role: TieRole::Benefit,
            start: reach.0,
            end: reach.1,
        });
        if let Some(n) = named {
            if n != b {
                parts.push(part(TieRole::Benefit, &n));
            }
        }
        parts.extend(link.iter().map(|t| part(TieRole::Condition, t)));
        // A condition word that runs into the action ("先把" before "把差评删") stops where
        // the action starts, so each word is marked once.
        let action_starts: Vec<usize> = parts
            .iter()
            .filter(|p| p.role == TieRole::ReviewAction)
            .map(|p| p.start)
            .collect();
        for p in parts.iter_mut().filter(|p| p.role == TieRole::Condition) {
            if let Some(&a) = action_starts.iter().find(|&&a| p.start < a && a < p.end) {
                p.end = a;
            }
        }
        parts.retain(|p| p.start < p.end);
        parts.sort_by_key(|p| (p.start, p.end));
        parts.dedup();
        // Overlapping parts of one role collapse into one stretch.
        let mut merged: Vec<TiePart> = Vec::new();
        for p in parts {
            match merged.last_mut() {
                Some(last) if last.role == p.role && p.start <= last.end => {
                    last.end = last.end.max(p.end);
                }
                _ => merged.push(p),
            }
        }
        let first = merged.iter().map(|p| p.start).min().unwrap_or(r.start);
        let last = merged.iter().map(|p| p.end).max().unwrap_or(r.end);
        let (start, end) = sentence_span(&cx, first, last);
        used_actions.push((r.start, r.end));
        let positive = matches!(r.kind, Kind::ReviewPositive | Kind::ReviewWeak);
        if let Some(prev) = reading
            .ties
            .iter_mut()
            .find(|t| t.start < end && start < t.end)
        {
            // Two actions in the same deal ("删了…改完…"): one finding with all its parts.
            prev.start = prev.start.min(start);
            prev.end = prev.end.max(end);
            for p in merged {
                if !prev.parts.contains(&p) {
                    prev.parts.push(p);
                }
            }
            prev.parts.sort_by_key(|p| (p.start, p.end));
            // A change asked for anywhere in the deal makes it a change.
            prev.positive &= positive;
        } else {
            reading.ties.push(Tie {
                parts: merged,
                start,
                end,
                positive,
            });
        }
    }

    // Sentences with a live action and a benefit that are not tied: a gentle note.
    for (i, s) in cx.seg.sentences.iter().enumerate() {
        if cx.refused[i]
            || reading
                .ties
                .iter()
                .any(|t| t.start < s.end && s.start < t.end)
        {
            continue;
        }
        let action = actions
            .iter()
            .any(|r| r.sentence == i && r.kind != Kind::ReviewWeak && cx.live_action(r));
        let benefit = cx
            .of(&[Kind::Benefit])
            .any(|b| b.sentence == i && !cx.inert(b));
        if action && benefit {
            reading.untied.push(trimmed(text, s.start, s.end));
        }
    }
    reading
}

fn sentence_span(cx: &Ctx, first: usize, last: usize) -> (usize, usize) {
    let a = cx.seg.sentence_at(first);
    let b = cx.seg.sentence_at(last.saturating_sub(1).max(first));
    let start = cx.seg.sentences.get(a).map_or(first, |s| s.start);
    let end = cx.seg.sentences.get(b).map_or(last, |s| s.end);
    trimmed(cx.text, start, end)
}

fn trimmed(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    (start + lead, end - trail)
}
