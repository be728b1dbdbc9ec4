//! Reading one normalized review: find the lexicon's words, place them in clauses, apply
//! negation and contrast, and add up the evidence for each cause.
//!
//! Why clauses: a review praises one thing and blames another ("质量不错，就是物流太慢").
//! A topic word (物流, quality) only counts against the shop when a negative word stands
//! with it in its own clause, so the praise of the quality does not become a quality
//! complaint. The clause after a contrast (但是, 就是, but) carries the point and counts
//! half again as much.

use super::lexicon::{Category, Lexicon, Role};
use super::normalize::BREAK;
use crate::cases::Cause;

/// An owner keyword prepared for matching.
#[derive(Debug, Clone)]
pub(super) struct OwnerTerm {
    pub text: String,
    pub cause: Cause,
}

/// Score weight of an owner keyword: as strong as the clearest built-in cue.
const OWNER_WEIGHT: u8 = 20;
/// Evidence below this (in tenths) is not enough to name a cause.
pub(super) const THRESHOLD: f32 = 10.0;
const CONTRAST_BOOST: f32 = 1.5;
const LEAD_BOOST: f32 = 1.3;
/// Scores this close count as a tie, which the first-named cause wins.
const NEAR_TIE: f32 = 0.8;

#[derive(Debug, Clone, Copy)]
enum Source {
    Entry(usize),
    Owner(usize),
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    source: Source,
    clause: u32,
    /// After a contrast or an emphasis in its clause: counts more.
    boost: bool,
    negated: bool,
    /// A negator that turned the next word around.
    used: bool,
}

/// One piece of evidence for a cause, in review order.
#[derive(Debug, Clone)]
pub(super) struct Evidence {
    pub cause: Cause,
    pub term: String,
    pub pos: usize,
    pub owner: bool,
    /// What it added to the cause's score.
    pub weight: f32,
}

/// Everything found in one review.
#[derive(Debug, Default)]
pub(super) struct Analysis {
    pub scores: [f32; 10],
    pub evidence: Vec<Evidence>,
    pub safety: Vec<String>,
    pub escalation: Vec<String>,
    pub refund: Vec<String>,
    pub return_: Vec<String>,
    pub exchange: Vec<String>,
    pub declines: bool,
    pub staff: Vec<String>,
    pub courier: Vec<String>,
    pub extortion: Vec<String>,
    pub review_change: Vec<String>,
    pub demand: Vec<String>,
    /// Demands made in a clause that speaks to the shop ("卖家给我500").
    demand_to_shop: Vec<String>,
    /// The review reports a benefit the platform gave (运费险, 平台赔付, an A-to-Z claim).
    pub platform_benefit: bool,
    pub threat: Vec<String>,
    pub insults: Vec<String>,
    pub never_bought: Vec<String>,
    pub competitor: Vec<String>,
    pub misattributed: Vec<String>,
    pub repeat_buyer: Vec<String>,
    pub categories: Vec<(Category, String)>,
    /// Speaks to the shop (for insults).
    pub addressed: bool,
    /// Reads like a restaurant visit, and nothing speaks of a delivery.
    pub dine_in: bool,
    pub delivery: bool,
    /// Negative words that qualified no topic.
    pub generic_neg: u32,
    /// Per cause: the review praises its topic or denies its complaint ("物流很快",
    /// "不会起球"), so no reader may name it without words against it.
    pub praised: [bool; 10],
    /// The first general product word (东西, item…), for reviews that only say the
    /// product is bad.
    pub product_word: Option<(String, usize)>,
    /// A risk signal strong enough to decide the primary cause by itself (extortion,
    /// a review meant for another shop or about other goods).
    pub decisive: Option<Cause>,
    /// The first negative word or negator (for reviews that name no cause).
    pub first_negative: Option<(String, usize)>,
    /// The clause of the first evidence found.
    lead_clause: Option<u32>,

    /// How much the review says beyond the lexicon's words: Chinese characters, and
    /// English words counted as two, that no lexicon word covers.
    pub uncovered: usize,
}

pub(super) fn cause_index(c: Cause) -> usize {
    Cause::ALL
        .iter()
        .position(|x| *x == c)
        .unwrap_or(Cause::ALL.len() - 1)
}

fn push_unique(list: &mut Vec<String>, term: &str) {
    if !list.iter().any(|t| t == term) {
        list.push(term.to_string());
    }
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '\''
}

/// Latin entries must not start or end inside a word ("top" is not in "stop").
fn at_word_bounds(text: &str, start: usize, end: usize, prefix: bool) -> bool {
    let before_ok = text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_char(c));
    let after_ok = prefix || text[end..].chars().next().is_none_or(|c| !is_word_char(c));
    before_ok && after_ok
}

/// How far before a word a negator still negates it: two Chinese characters between
/// (不太好, 没那么快), or two English words (not very good).
fn negator_reaches(text: &str, neg_end: usize, start: usize) -> bool {
    if neg_end > start {
        return false;
    }
    let gap = &text[neg_end..start];
    if gap.is_ascii() {
        gap.split_whitespace().count() <= 2
    } else {
        gap.chars().filter(|c| !c.is_whitespace()).count() <= 2
    }
}

pub(super) struct Engine<'a> {
    pub lex: &'a Lexicon,
    pub owner: &'a [&'a OwnerTerm],
}

impl Engine<'_> {
    fn roles(&self, s: Source) -> &[Role] {
        match s {
            Source::Entry(i) => &self.lex.entries[i].roles,
            Source::Owner(_) => &[],
        }
    }

    fn term<'t>(&'t self, text: &'t str, t: &Tok) -> &'t str {
        &text[t.start..t.end]
    }

    fn tokens(&self, text: &str) -> Vec<Tok> {
        let mut toks: Vec<Tok> = Vec::with_capacity(16);
        for m in self.lex.automaton.find_iter(text) {
            let e = &self.lex.entries[m.pattern().as_usize()];
            if e.latin && !at_word_bounds(text, m.start(), m.end(), e.prefix) {
                continue;
            }
            toks.push(Tok {
                start: m.start(),
                end: m.end(),
                source: Source::Entry(m.pattern().as_usize()),
                clause: 0,
                boost: false,
                negated: false,
                used: false,
            });
        }
        if !self.owner.is_empty() {
            for (i, o) in self.owner.iter().enumerate() {
                for (at, _) in text.match_indices(o.text.as_str()) {
                    toks.push(Tok {
                        start: at,
                        end: at + o.text.len(),
                        source: Source::Owner(i),
                        clause: 0,
                        boost: false,
                        negated: false,
                        used: false,
                    });
                }
            }
            toks.sort_by_key(|t| (t.start, t.end));
        }
        self.place_in_clauses(text, &mut toks);
        self.mark_negation(text, &mut toks);
        toks
    }

    fn place_in_clauses(&self, text: &str, toks: &mut [Tok]) {
        let mut breaks = text.match_indices(BREAK).map(|(i, _)| i).peekable();
        let mut clause = 0u32;
        let mut boost = false;
        for t in toks.iter_mut() {
            while breaks.next_if(|b| *b < t.start).is_some() {
                clause += 1;
                boost = false;
            }
            let roles = self.roles(t.source);
            if roles.contains(&Role::Contrast) {
                clause += 1;
                boost = true;
            } else if roles.contains(&Role::Emphasis) {
                boost = true;
            }
            t.clause = clause;
            t.boost = boost;
        }
    }

    fn mark_negation(&self, text: &str, toks: &mut [Tok]) {
        for i in 1..toks.len() {
            let (before, rest) = toks.split_at_mut(i);
            let t = &mut rest[0];
            if self.roles(t.source).contains(&Role::Negator) {
                continue;
            }
            // The nearest one or two words before it in the same clause.
            for p in before.iter_mut().rev().take(2) {
                if p.clause != t.clause || p.end > t.start {
                    break;
                }
                if self.roles(p.source).contains(&Role::Negator) {
                    t.negated = negator_reaches(text, p.end, t.start);
                    // "aren't even talking": a negator in front of a mere stress word
                    // still stands for the complaint.
                    let content = self.roles(t.source).iter().any(|r| {
                        matches!(
                            r,
                            Role::Cue(..) | Role::Neg | Role::Pos | Role::NegDefault(..)
                        )
                    });
                    p.used |= t.negated && content;
                    break;
                }
            }
        }
    }

    /// Reads `text` (already normalized).
    pub(super) fn analyze(&self, text: &str) -> Analysis {
        let toks = self.tokens(text);
        let mut a = Analysis {
            uncovered: uncovered(text, &toks),
            ..Analysis::default()
        };
        for t in &toks {
            // A negator alone is a complaint often enough in English ("can't connect to
            // wifi") and for Chinese words of inability or lack (不能, 无法, 没有); other
            // Chinese negators are not (不喝, 不知道).
            let lack = match t.source {
                Source::Entry(i) => {
                    let e = &self.lex.entries[i];
                    e.latin
                        || matches!(
                            e.text.as_str(),
                            "不能" | "无法" | "没法" | "不可以" | "没有"
                        )
                }
                Source::Owner(_) => false,
            };
            let negative = self.roles(t.source).iter().any(|r| match r {
                Role::Negator => lack && !t.used,
                Role::Neg | Role::NegDefault(..) => !t.negated,
                Role::Pos => t.negated,
                _ => false,
            });
            if negative && a.first_negative.is_none() {
                a.first_negative = Some((self.term(text, t).to_string(), t.start));
            }
        }
        let mut start = 0;
        while start < toks.len() {
            let clause = toks[start].clause;
            let mut end = start;
            while end < toks.len() && toks[end].clause == clause {
                end += 1;
            }
            self.read_clause(text, &toks[start..end], &mut a);
            start = end;
        }
        // Who gives the benefit: where the review reports what the platform paid, a sum
        // named without turning to the shop is that payment, not a demand on the shop.
        if a.platform_benefit {
            let to_shop = std::mem::take(&mut a.demand_to_shop);
            a.demand.retain(|d| to_shop.contains(d));
        }
        a
    }

    fn add(&self, a: &mut Analysis, cause: Cause, weight: u8, t: &Tok, term: String, owner: bool) {
        let boost = if t.boost { CONTRAST_BOOST } else { 1.0 };
        // Reviews tend to open with their main complaint.
        let lead_clause = *a.lead_clause.get_or_insert(t.clause);
        let lead = if t.clause == lead_clause {
            LEAD_BOOST
        } else {
            1.0
        };
        let weight = f32::from(weight) * boost * lead;
        a.scores[cause_index(cause)] += weight;
        a.evidence.push(Evidence {
            cause,
            term,
            pos: t.start,
            owner,
            weight,
        });
    }

    /// Moves the clause's evidence for one cause to another (both score and reasons).
    fn move_evidence(a: &mut Analysis, from_evidence: usize, from: Cause, to: Cause) {
        let (f, t) = (cause_index(from), cause_index(to));
        for e in &mut a.evidence[from_evidence..] {
            if e.cause == from {
                e.cause = to;
                a.scores[f] -= e.weight;
                a.scores[t] += e.weight;
            }
        }
    }

    fn read_clause(&self, text: &str, toks: &[Tok], a: &mut Analysis) {
        let first_evidence = a.evidence.len();
        self.read_clause_words(text, toks, a);
        let has = |role: Role| toks.iter().any(|t| self.roles(t.source).contains(&role));
        // "安装费太贵", "师傅收了200材料费": a fee charged on the spot is the after-sales
        // service's doing, not the goods' price (PLAYBOOK section 2).
        if has(Role::Installer) {
            Self::move_evidence(a, first_evidence, Cause::Price, Cause::Service);
        }
        // "赠品是坏的", "送的毛巾质量差": a poor free gift is a price complaint; a missing one
        // keeps its shipping-error words.
        if has(Role::Gift) {
            Self::move_evidence(a, first_evidence, Cause::Quality, Cause::Price);
        }
        // "快递员态度差": the courier's manners are a delivery problem, not the shop's.
        if has(Role::Courier) {
            Self::move_evidence(a, first_evidence, Cause::Service, Cause::Logistics);
        }
    }

    fn read_clause_words(&self, text: &str, toks: &[Tok], a: &mut Analysis) {
        // Topic words and the negative/positive words that qualify them.
        struct Aspect {
            cause: Cause,
            weight: u8,
            tok: usize,
            neg: u32,
            pos: u32,
            neg_term: Option<usize>,
        }
        let mut aspects: Vec<Aspect> = Vec::new();
        // Demands and review changes count unless the clause says what the buyer already
        // got or what the shop offered ("平台补偿了我五元", "客服让我改好评返现").
        let mut demand: Vec<String> = Vec::new();
        let mut review_change: Vec<String> = Vec::new();
        let mut received = false;
        let mut to_shop = false;
        // (token, is negative, default cause if it qualifies no topic)
        type Polar = (usize, bool, Option<(Cause, u8)>);
        let mut polar: Vec<Polar> = Vec::new();

        for (i, t) in toks.iter().enumerate() {
            let term = self.term(text, t);
            if let Source::Owner(o) = t.source {
                if !t.negated {
                    let cause = self.owner[o].cause;
                    self.add(a, cause, OWNER_WEIGHT, t, term.to_string(), true);
                }
                continue;
            }
            for role in self.roles(t.source) {
                match *role {
                    Role::Cue(cause, w) if !t.negated => {
                        self.add(a, cause, w, t, term.to_string(), false)
                    }
                    Role::Cue(cause, _) => a.praised[cause_index(cause)] = true,
                    Role::Aspect(cause, w) => {
                        if cause == Cause::Logistics && w >= 15 {
                            a.delivery = true;
                        }
                        if cause == Cause::Quality && w < 15 && a.product_word.is_none() {
                            a.product_word = Some((term.to_string(), t.start));
                        }
                        aspects.push(Aspect {
                            cause,
                            weight: w,
                            tok: i,
                            neg: 0,
                            pos: 0,
                            neg_term: None,
                        })
                    }
                    Role::NegDefault(cause, w) => {
                        if t.negated {
                            a.praised[cause_index(cause)] = true;
                        }
                        polar.push((i, !t.negated, Some((cause, w))))
                    }
                    Role::Neg => polar.push((i, !t.negated, None)),
                    Role::Pos => polar.push((i, t.negated, None)),
                    Role::Safety if !t.negated => push_unique(&mut a.safety, term),
                    Role::Escalation if !t.negated => push_unique(&mut a.escalation, term),
                    Role::Refund => push_unique(&mut a.refund, term),
                    Role::Return => push_unique(&mut a.return_, term),
                    Role::Exchange => push_unique(&mut a.exchange, term),
                    Role::Declines => a.declines = true,
                    Role::Staff => push_unique(&mut a.staff, term),
                    Role::Courier => {
                        a.delivery = true;
                        push_unique(&mut a.courier, term)
                    }
                    Role::Addressee => {
                        a.addressed = true;
                        to_shop = true;
                    }
                    Role::PlatformBenefit => a.platform_benefit = true,
                    Role::DineIn => a.dine_in = true,
                    Role::Extortion => push_unique(&mut a.extortion, term),
                    Role::ReviewChange if !t.negated => review_change.push(term.to_string()),
                    // "不赔钱就差评": a demand stays a demand when put as a condition.
                    Role::Demand => demand.push(term.to_string()),
                    Role::Received => received = true,
                    Role::Threat => push_unique(&mut a.threat, term),
                    Role::Insult => push_unique(&mut a.insults, term),
                    Role::NeverBought if !t.negated => push_unique(&mut a.never_bought, term),
                    Role::Competitor if !t.negated => push_unique(&mut a.competitor, term),
                    Role::Misattributed if !t.negated => push_unique(&mut a.misattributed, term),
                    Role::RepeatBuyer if !t.negated => push_unique(&mut a.repeat_buyer, term),
                    Role::Category(c) if !a.categories.iter().any(|(k, _)| *k == c) => {
                        a.categories.push((c, term.to_string()));
                    }
                    _ => {}
                }
            }
        }

        if !received {
            for d in &demand {
                push_unique(&mut a.demand, d);
                if to_shop {
                    push_unique(&mut a.demand_to_shop, d);
                }
            }
            for r in &review_change {
                push_unique(&mut a.review_change, r);
            }
        }

        // Each qualifying word goes to the nearest topic before it (Chinese puts the topic
        // first: 物流太慢), or else to the first topic after it (poor quality). An English
        // adjective right before its noun qualifies that noun (dull color).
        for &(pi, negative, default) in &polar {
            let next = aspects.iter().position(|x| x.tok > pi);
            let adjective = next.filter(|&k| {
                let (p, n) = (&toks[pi], &toks[aspects[k].tok]);
                let gap = &text[p.end..n.start.max(p.end)];
                gap.is_ascii() && gap.split_whitespace().count() <= 2 && !gap.contains(BREAK)
            });
            let target = adjective
                .or_else(|| aspects.iter().rposition(|x| x.tok < pi))
                .or(next);
            let strong = target.filter(|&k| aspects[k].weight >= 15);
            match (default, negative) {
                (Some((cause, w)), true) if strong.is_none() => {
                    let t = &toks[pi];
                    self.add(a, cause, w, t, self.term(text, t).to_string(), false);
                }
                _ => match target {
                    Some(k) => {
                        let asp = &mut aspects[k];
                        if negative {
                            asp.neg += 1;
                            asp.neg_term.get_or_insert(pi);
                        } else {
                            asp.pos += 1;
                        }
                    }
                    None if negative => a.generic_neg += 1,
                    None => {}
                },
            }
        }
        for asp in &aspects {
            if asp.pos > 0 && asp.neg == 0 {
                a.praised[cause_index(asp.cause)] = true;
            }
            if asp.neg > asp.pos {
                let t = &toks[asp.tok];
                let topic = self.term(text, t);
                let term = match asp.neg_term {
                    Some(p) => format!("{topic}…{}", self.term(text, &toks[p])),
                    None => topic.to_string(),
                };
                self.add(a, asp.cause, asp.weight, t, term, false);
            }
        }
    }
}

/// Chinese characters and English words (counted double) outside every token.
fn uncovered(text: &str, toks: &[Tok]) -> usize {
    fn count(part: &str) -> usize {
        let mut units = 0;
        let mut in_word = 0usize;
        for c in part.chars() {
            if c.is_ascii_alphabetic() {
                in_word += 1;
                continue;
            }
            if in_word > 1 {
                units += 2;
            }
            in_word = 0;
            if ('\u{3400}'..='\u{9fff}').contains(&c) {
                units += 1;
            }
        }
        if in_word > 1 {
            units += 2;
        }
        units
    }
    let mut units = 0;
    let mut at = 0;
    for t in toks {
        if t.start > at {
            units += count(&text[at..t.start]);
        }
        at = at.max(t.end);
    }
    units + count(&text[at..])
}

/// What the product name says the shop sells.
pub(super) fn product_category(lex: &Lexicon, product: &str) -> Option<(Category, String)> {
    lex.automaton.find_iter(product).find_map(|m| {
        let e = &lex.entries[m.pattern().as_usize()];
        if e.latin && !at_word_bounds(product, m.start(), m.end(), e.prefix) {
            return None;
        }
        e.roles.iter().find_map(|r| match r {
            Role::Category(c) => Some((*c, e.text.clone())),
            _ => None,
        })
    })
}

/// The causes a review is about, strongest first, and the primary one.
pub(super) fn decide(a: &Analysis) -> (Cause, Vec<Cause>) {
    let mut scores = a.scores;
    // An insult alone does not make a review malicious when it also names a real problem;
    // the flag still says it.
    let malicious = cause_index(Cause::Malicious);
    let only_insults = a.extortion.is_empty()
        && a.never_bought.is_empty()
        && a.competitor.is_empty()
        && (a.review_change.is_empty() || a.demand.is_empty());
    if only_insults {
        let other_real = Cause::ALL.iter().any(|c| {
            !matches!(c, Cause::Malicious | Cause::Other) && scores[cause_index(*c)] >= THRESHOLD
        });
        if other_real {
            scores[malicious] = 0.0;
        }
    }
    let first_pos = |c: Cause| {
        a.evidence
            .iter()
            .filter(|e| e.cause == c)
            .map(|e| e.pos)
            .min()
            .unwrap_or(usize::MAX)
    };
    let mut ranked: Vec<Cause> = Cause::ALL
        .iter()
        .copied()
        .filter(|c| scores[cause_index(*c)] >= THRESHOLD)
        .collect();
    ranked.sort_by(|x, y| {
        let (sx, sy) = (scores[cause_index(*x)], scores[cause_index(*y)]);
        sy.total_cmp(&sx).then(first_pos(*x).cmp(&first_pos(*y)))
    });
    // Nearly as much said of two causes: the one the review names first leads.
    if ranked.len() >= 2 {
        let (x, y) = (ranked[0], ranked[1]);
        let (sx, sy) = (scores[cause_index(x)], scores[cause_index(y)]);
        // Risk evidence has no place in the text and is not moved aside this way.
        if sy >= NEAR_TIE * sx && first_pos(y) < first_pos(x) && first_pos(x) != usize::MAX {
            ranked.swap(0, 1);
        }
    }
    if let Some(d) = a.decisive {
        ranked.retain(|c| *c != d);
        ranked.insert(0, d);
    }
    let Some(&primary) = ranked.first() else {
        return (Cause::Other, vec![Cause::Other]);
    };
    let causes = ranked
        .into_iter()
        .filter(|c| *c == primary || *c != Cause::Other)
        .collect();
    (primary, causes)
}
