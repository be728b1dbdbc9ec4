//! Naming the buyer's problem for a reply: the catalogue's phrase when the review names a
//! known problem of the case's cause, else the clause of the review that complains about
//! that cause, in the buyer's own words, shaped to fit the reply.
//!
//! A review is read in one pass for every word of the catalogue, and cut into clauses.
//! A clause counts for a cause when it holds a word of that cause (a word only marking the
//! topic, such as 物流 or "fabric", also needs a word of complaint beside it); a clause of
//! quality may also be any complaint that no other cause claims. A clause of praise is
//! never named, nor one whose only complaint is a verdict ("太失望了").
//!
//! When the catalogue's words find nothing, the triage model reads each clause alone and
//! the one it most clearly files under the cause is quoted ("屏幕放电影老闪光"): the
//! catalogue cannot hold every way a buyer says what broke, and the model learned from
//! many more reviews than anyone read for the catalogue.

use super::{shape_en, shape_zh, Catalogue, Cause, Fit, Role};
use crate::common::Lang;
use std::ops::Range;

/// Where a named problem comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedFrom {
    /// A catalogue phrase for a problem the review names.
    Catalogue,
    /// The review's own words.
    Review,
}

/// The problem a review names for a cause.
#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    /// What the reply says.
    pub phrase: String,
    pub from: NamedFrom,
    /// The review's words it was read from (byte range).
    pub range: Range<usize>,
    /// The catalogue problem it shows, when known.
    pub problem: Option<usize>,
    /// The remedy that fits it, when it is not the cause's usual one.
    pub fit: Option<Fit>,
    /// The causes the catalogue's words in the quoted review words show (empty when the
    /// clause was taken as the labelled cause's because no cause claimed it).
    pub evidence: Vec<Cause>,
}

/// One catalogue word found in a review.
#[derive(Debug, Clone, Copy)]
pub(super) struct Hit {
    pub role: Role,
    pub start: usize,
    pub end: usize,
    /// Said in the negative ("不漏水", "doesn't leak").
    pub negated: bool,
}

/// Whether `bytes[start..end]` stands as a whole word.
pub(super) fn whole_word(bytes: &[u8], start: usize, end: usize) -> bool {
    let is_word = |b: u8| b.is_ascii_alphanumeric();
    (start == 0 || !is_word(bytes[start - 1])) && (end == bytes.len() || !is_word(bytes[end]))
}

/// Whether a hit lies inside a longer word already taken.
pub(super) fn inside_longer(taken: &[Range<usize>], h: &Hit) -> bool {
    taken
        .iter()
        .any(|t| t.start <= h.start && h.end <= t.end && *t != (h.start..h.end))
}

pub(super) fn has_han(s: &str) -> bool {
    s.chars().any(is_han)
}

pub(super) fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Chinese words that turn the word right after them around.
const ZH_NEGATORS: [&str; 15] = [
    "不太",
    "不怎么",
    "没那么",
    "没什么",
    "没啥",
    "不会",
    "不算",
    "没有",
    "并不",
    "不是",
    "不",
    "没",
    "无",
    "未",
    "别",
];

/// Words of degree and manner with which a Chinese clause judges rather than tells.
const ZH_EVALUATING: [&str; 16] = [
    "太", "真", "好", "超", "巨", "特别", "非常", "比较", "很", "挺", "老", "一股", "都是", "竟然",
    "居然", "根本",
];

/// Words opening a Chinese clause that is not itself the complaint.
const ZH_ASIDES: [&str; 8] = [
    "虽然",
    "虽说",
    "尽管",
    "除了",
    "以为",
    "本来",
    "原本",
    "本以为",
];

/// How sure the model must be that a clause, read alone, complains about the cause
/// before the reply quotes it (set on the development part of the corpus).
const CLAUSE_READ_AT: f32 = 0.4;
/// The same for a clause with no word of complaint or degree.
const CLAUSE_SURE_AT: f32 = 0.85;

/// English words that turn a word within the next three words around.
const EN_NEGATORS: [&str; 8] = [
    "not", "no", "never", "without", "nothing", "hardly", "barely", "none",
];

fn zh_negated(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end();
    ZH_NEGATORS.iter().any(|n| before.ends_with(n))
}

fn en_negated(lower: &str, start: usize) -> bool {
    // A negation ends with its sentence or clause: "Wanted to love but couldn't. Runs
    // small." still complains about the size.
    let before = &lower[..start];
    let before = before
        .rfind(['.', '!', '?', ';', ',', ':'])
        .map_or(before, |i| &before[i + 1..]);
    before
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .rev()
        .take(3)
        .any(|w| EN_NEGATORS.contains(&w) || w.ends_with("n't"))
}

/// Whether a word carries its own negation ("不好用", "not", "doesn't"), so the words
/// before it do not turn it around.
fn self_negating(word: &str) -> bool {
    ZH_NEGATORS.iter().any(|n| word.starts_with(n))
        || word
            .split(' ')
            .next()
            .is_some_and(|w| EN_NEGATORS.contains(&w) || w.ends_with("n't"))
}

/// Every catalogue word in `text`, in order of position (whole words for English,
/// case-insensitive), each role of a word as its own hit.
pub(super) fn hits(cat: &Catalogue, text: &str) -> Vec<Hit> {
    let Some(matcher) = &cat.matcher else {
        return Vec::new();
    };
    // ASCII lower-casing keeps every byte offset.
    let lower = text.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut out = Vec::new();
    for m in matcher.find_overlapping_iter(&lower) {
        let p = m.pattern().as_usize();
        let (start, end) = (m.start(), m.end());
        if cat.ascii[p] && !whole_word(bytes, start, end) {
            continue;
        }
        let word = &lower[start..end];
        let negated = !self_negating(word)
            && if cat.ascii[p] {
                en_negated(&lower, start)
            } else {
                zh_negated(&lower, start)
            };
        for role in &cat.roles[p] {
            out.push(Hit {
                role: *role,
                start,
                end,
                negated,
            });
        }
    }
    out.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    out
}

/// Where clauses end: Chinese reviews also separate them with spaces.
fn is_break(c: char, zh: bool) -> bool {
    matches!(
        c,
        '，' | '。'
            | '！'
            | '？'
            | '；'
            | '、'
            | '…'
            | '~'
            | '～'
            | '\n'
            | '!'
            | '?'
            | ';'
            | '('
            | ')'
            | '（'
            | '）'
            | '【'
            | '】'
            | '"'
            | '“'
            | '”'
    ) || (zh && (c.is_whitespace() || c == ',' || c == '.' || c == ':' || c == '：'))
        || (!zh && c == ',')
}

/// The clauses of a text, as byte ranges (English sentences end at a full stop followed
/// by a space or the end).
pub(super) fn clauses(text: &str, zh: bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|(_, n)| *n);
        let stop = is_break(c, zh)
            || (!zh
                && c == '.'
                && next.is_none_or(|n| n.is_whitespace() || n == '.' || n.is_uppercase()))
            || (!zh && c == ':' && next.is_none_or(char::is_whitespace));
        if stop {
            if i > start {
                out.push(start..i);
            }
            start = i + c.len_utf8();
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out = out
        .into_iter()
        .flat_map(|r| {
            if zh {
                split_at_turns(text, r)
            } else {
                split_at_en_turns(text, r)
            }
        })
        .collect();
    out.retain(|r| !text[r.clone()].trim().is_empty());
    out
}

/// Words that start a new thought inside a Chinese clause ("物流很快但是屏幕有坏点").
const ZH_TURNS: [&str; 9] = [
    "但是", "可是", "不过", "就是", "只是", "然而", "而且", "并且", "但",
];

fn split_at_turns(text: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let s = &text[r.clone()];
    let mut cuts: Vec<usize> = ZH_TURNS
        .iter()
        .flat_map(|w| s.match_indices(w))
        .filter(|(i, w)| *i > 0 && !(*w == "但" && s[..*i].ends_with('不')))
        .map(|(i, _)| i)
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut start = r.start;
    for c in cuts {
        let at = r.start + c;
        if at > start {
            out.push(start..at);
            start = at;
        }
    }
    out.push(start..r.end);
    out
}

/// Words between a complaint and the verdict after it that belong to the verdict
/// ("又酸又苦涩我也是服了").
const ZH_FILLERS: [&str; 6] = ["我也是", "也是", "真是", "真的", "我", "让人"];

/// Words a verdict right after them completes: cutting it off would leave them dangling.
const ZH_BOUND: [&str; 10] = ["不", "没", "是", "人", "得", "到", "太", "很", "好", "令"];

/// English words that start a new thought inside a sentence ("Super cute dress but the
/// waist band is very large").
const EN_TURNS: [&str; 3] = ["but", "however", "although"];

/// Words that start a clause of their own after "and" or "so".
const EN_SUBJECTS: [&str; 9] = [
    "it", "they", "the", "this", "that", "now", "then", "there", "its",
];

fn split_at_en_turns(text: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let s = &text[r.clone()];
    let lower = s.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut cuts: Vec<usize> = EN_TURNS
        .iter()
        .flat_map(|w| lower.match_indices(w).map(move |(i, _)| (i, w.len())))
        .filter(|(i, n)| *i > 0 && whole_word(bytes, *i, i + n))
        .map(|(i, _)| i)
        .collect();
    // "Bought this for my son and it didn't work": "and"/"so" before a new subject starts
    // a new thought.
    for (i, _) in lower
        .match_indices(" and ")
        .chain(lower.match_indices(" so "))
    {
        let after = lower[i + 1..].split_once(' ').map_or("", |(_, a)| a);
        let next = after
            .split(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or("");
        if EN_SUBJECTS.contains(&next) {
            cuts.push(i + 1);
        }
    }
    cuts.sort_unstable();
    let mut out = Vec::new();
    let mut start = r.start;
    for c in cuts {
        let at = r.start + c;
        if text[start..at].trim().is_empty() {
            continue;
        }
        out.push(start..at);
        start = at;
    }
    out.push(start..r.end);
    out
}

/// What one clause holds.
#[derive(Debug, Default)]
struct ClauseFacts {
    complaint: u32,
    praise: u32,
    /// Feelings and verdicts ("快递非常不满意"): with a topic beside them, they say what
    /// the buyer is unhappy about.
    verdict: u32,
}

/// A clause that may name the problem: (score, clause, anchor word, problem, fit).
type Candidate = (u32, usize, Range<usize>, Option<usize>, Option<Fit>);

/// One review as the catalogue reads it.
struct Reading<'c> {
    cat: &'c Catalogue,
    zh: bool,
    hits: Vec<Hit>,
    clauses: Vec<Range<usize>>,
    facts: Vec<ClauseFacts>,
    /// Praise, verdicts and plain words: they cover the complaint words inside them
    /// ("不错" and "不过" hold "不").
    covers: Vec<Range<usize>>,
    verdicts: Vec<Range<usize>>,
}

impl<'c> Reading<'c> {
    fn new(cat: &'c Catalogue, text: &str) -> Reading<'c> {
        let zh = has_han(text);
        let hits = hits(cat, text);
        let clauses = clauses(text, zh);
        let covers = hits
            .iter()
            .filter(|h| match h.role {
                Role::Praise => !h.negated,
                Role::Verdict | Role::Plain => true,
                _ => false,
            })
            .map(|h| h.start..h.end)
            .collect();
        let verdicts = hits
            .iter()
            .filter(|h| h.role == Role::Verdict)
            .map(|h| h.start..h.end)
            .collect();
        let mut r = Reading {
            cat,
            zh,
            hits,
            facts: clauses.iter().map(|_| ClauseFacts::default()).collect(),
            clauses,
            covers,
            verdicts,
        };
        for i in 0..r.hits.len() {
            let h = r.hits[i];
            let Some(c) = r.clause_of(h.start) else {
                continue;
            };
            // A word that shows a problem by itself ("划痕", "漏水") complains as much as
            // a word of tone does.
            let strong = r.strong(&h);
            if h.role == Role::Verdict {
                r.facts[c].verdict += 1;
            }
            if h.role == Role::Praise && !h.negated {
                r.facts[c].praise += 1;
            } else if (h.role == Role::Complaint || strong) && !h.negated && !r.covered(&h) {
                r.facts[c].complaint += 1;
            }
        }
        r
    }

    fn clause_of(&self, at: usize) -> Option<usize> {
        self.clauses.iter().position(|c| c.contains(&at))
    }

    /// Inside a word of praise, a verdict or a plain word.
    fn covered(&self, h: &Hit) -> bool {
        self.covers
            .iter()
            .any(|p| p.start <= h.start && h.end <= p.end && (p.start, p.end) != (h.start, h.end))
    }

    /// A symptom or cue that is not only a topic.
    fn strong(&self, h: &Hit) -> bool {
        matches!(h.role, Role::Symptom(_) | Role::Cue(_))
            && self.cat.shows(h.role).is_some_and(|(_, topic)| !topic)
    }

    /// Whether a symptom or cue counts where it stands: not negated, not inside praise,
    /// not in a clause of praise, and a topic only beside a complaint.
    fn counts(&self, h: &Hit) -> bool {
        let Some((_, topic)) = self.cat.shows(h.role) else {
            return false;
        };
        if h.negated || self.covered(h) {
            return false;
        }
        let Some(c) = self.clause_of(h.start) else {
            return false;
        };
        let f = &self.facts[c];
        if f.praise > 0 && f.complaint == 0 {
            return false;
        }
        !topic || f.complaint > 0 || f.verdict > 0
    }

    /// The part of `clause` around `anchor` that holds no verdict: "又酸又苦涩" out of
    /// "又酸又苦涩我也是服了", "it stopped working" out of "so disappointed it stopped
    /// working". A verdict after the complaint is only cut off in Chinese, where it
    /// stands on its own; English verdicts are often the complaint's own words ("could
    /// not be more disappointed").
    fn without_verdicts(
        &self,
        text: &str,
        clause: &Range<usize>,
        anchor: &Range<usize>,
    ) -> Range<usize> {
        let mut r = clause.clone();
        for v in &self.verdicts {
            if v.start < clause.start || v.end > clause.end {
                continue;
            }
            if v.end <= anchor.start {
                r.start = r.start.max(v.end);
            } else if v.start >= anchor.end && self.zh && v.start < r.end {
                let base = anchor.end;
                let mut head = text[base..v.start].trim_end();
                for filler in ZH_FILLERS {
                    if let Some(h) = head.strip_suffix(filler) {
                        head = h.trim_end();
                    }
                }
                // "不令人满意", "感到失望": the verdict finishes the clause's own words.
                let before = if head.is_empty() {
                    &text[clause.start..base]
                } else {
                    head
                };
                if ZH_BOUND.iter().any(|w| before.ends_with(w)) {
                    return clause.clone();
                }
                r.end = r.end.min(base + head.len());
            }
        }
        r
    }

    fn within<'a>(&'a self, r: &'a Range<usize>) -> impl Iterator<Item = &'a Hit> + 'a {
        self.hits
            .iter()
            .filter(move |h| r.start <= h.start && h.end <= r.end)
    }

    /// The causes the counting symptoms and cues within `r` show.
    fn evidence(&self, r: &Range<usize>) -> Vec<Cause> {
        let mut out: Vec<Cause> = Vec::new();
        for h in self.within(r) {
            if !self.counts(h) {
                continue;
            }
            if let Some((causes, _)) = self.cat.shows(h.role) {
                for c in causes {
                    if !out.contains(c) {
                        out.push(*c);
                    }
                }
            }
        }
        out
    }
}

impl Catalogue {
    fn symptom_fit(&self, i: usize, cause: Cause) -> (Option<usize>, Option<Fit>) {
        let s = &self.symptoms[i];
        let problem = s
            .problems
            .iter()
            .copied()
            .find(|p| self.problems[*p].causes.contains(&cause));
        let fit = s.fit.or_else(|| problem.and_then(|p| self.problems[p].fit));
        (problem, fit)
    }

    /// The causes a hit shows, and whether it only marks a topic.
    fn shows(&self, role: Role) -> Option<(&[Cause], bool)> {
        match role {
            Role::Symptom(i) => {
                let s = &self.symptoms[i];
                Some((s.causes.as_slice(), s.topic))
            }
            Role::Cue(i) => {
                let c = &self.cues[i];
                Some((std::slice::from_ref(&c.cause), c.topic))
            }
            Role::Complaint | Role::Verdict | Role::Praise | Role::Plain => None,
        }
    }

    /// The problem `text` names for `cause`, for a reply in `lang`: a catalogue phrase for
    /// a specific problem, else (when the review is written in `lang`) the buyer's own
    /// words, else a catalogue phrase for the topic; `None` when the review names nothing
    /// usable. `subject` is what an English phrase calls the item ("your kettle").
    pub fn name(&self, text: &str, cause: Cause, lang: Lang, subject: &str) -> Option<Named> {
        let r = Reading::new(self, text);
        self.catalogue_phrase(&r, cause, lang, true)
            .or_else(|| self.own_words(&r, text, cause, lang, subject))
            .or_else(|| self.catalogue_phrase(&r, cause, lang, false))
            .or_else(|| self.read_clause(&r, text, cause, lang, subject))
    }

    /// The clause the model most reads as a complaint about the cause, when it does so
    /// clearly: for complaints in words the catalogue does not know ("屏幕放电影老闪光").
    /// Only a clause with no praise and no verdict, and one the reply can quote.
    fn read_clause(
        &self,
        r: &Reading,
        text: &str,
        cause: Cause,
        lang: Lang,
        subject: &str,
    ) -> Option<Named> {
        if cause == Cause::Other || !quotable(r, cause, lang) {
            return None;
        }
        let mut scored: Vec<(f32, usize, bool)> = r
            .clauses
            .iter()
            .enumerate()
            .filter(|(ci, _)| r.facts[*ci].praise == 0 && r.facts[*ci].verdict == 0)
            .filter_map(|(ci, c)| {
                let p = self.clause_probability(&text[c.clone()], cause);
                // The model files any clause under some cause, a story ("收到后") as
                // readily as a complaint: unless it is sure, the clause must also sound
                // like one, by a word of complaint or, in Chinese, of degree ("卷饼皮是真厚").
                let said = &text[c.clone()];
                let sounds = r.facts[ci].complaint > 0
                    || (r.zh && ZH_EVALUATING.iter().any(|w| said.contains(w)));
                // English quotes need a verb the shaping understands: only complaints.
                let at = match (sounds, r.zh) {
                    (true, _) => CLAUSE_READ_AT,
                    (false, true) => CLAUSE_SURE_AT,
                    (false, false) => return None,
                };
                // "虽然…", "除了屏幕": the complaint is in another clause.
                let aside = ZH_ASIDES.iter().any(|w| said.trim_start().starts_with(w))
                    || said.contains("以为");
                (p >= at && !aside).then_some((p, ci, sounds))
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        for (_, ci, sounds) in scored {
            let clause = r.clauses[ci].clone();
            let shaped = if r.zh {
                shape_zh::phrase(text, clause.clone(), clause)
            } else {
                shape_en::phrase(text, clause.clone(), clause, subject)
            };
            let Some((phrase, range)) = shaped else {
                continue;
            };
            let praise = r
                .within(&range)
                .any(|h| h.role == Role::Praise && !h.negated && !r.covered(h));
            // Without a word of complaint, a short quote is only a topic ("送餐速度").
            if praise || (!sounds && phrase.chars().count() < 5) {
                continue;
            }
            let evidence = r.evidence(&range);
            return Some(Named {
                phrase,
                from: NamedFrom::Review,
                range,
                problem: None,
                fit: None,
                evidence,
            });
        }
        None
    }

    /// The catalogue's phrases for problems of the cause, in the review's order: those
    /// naming a specific problem ("漏水"), or (`specific` false) those naming a topic or
    /// a general fault ("屏幕有问题", "the fault").
    fn catalogue_phrase(
        &self,
        r: &Reading,
        cause: Cause,
        lang: Lang,
        specific: bool,
    ) -> Option<Named> {
        let mut phrases: Vec<(&str, Range<usize>, usize)> = Vec::new();
        // The longest word at a place is what the buyer said: "物流慢", not "物流" in it.
        let mut taken: Vec<Range<usize>> = Vec::new();
        for h in &r.hits {
            let Role::Symptom(i) = h.role else {
                continue;
            };
            let s = &self.symptoms[i];
            let Some((zh, en)) = &s.phrase else {
                continue;
            };
            if inside_longer(&taken, h) {
                continue;
            }
            if r.counts(h) {
                taken.push(h.start..h.end);
            }
            if !s.causes.contains(&cause) || !r.counts(h) || specific == (s.topic || s.general) {
                continue;
            }
            let p = lang.pick(zh.as_str(), en.as_str());
            if !phrases.iter().any(|(q, ..)| *q == p) {
                phrases.push((p, h.start..h.end, i));
            }
            if phrases.len() == 2 {
                break;
            }
        }
        let (_, range, i) = phrases.first().cloned()?;
        let (problem, fit) = self.symptom_fit(i, cause);
        let joined: Vec<&str> = phrases.iter().map(|(p, ..)| *p).collect();
        let mut evidence: Vec<Cause> = Vec::new();
        for (.., s) in &phrases {
            for c in &self.symptoms[*s].causes {
                if !evidence.contains(c) {
                    evidence.push(*c);
                }
            }
        }
        Some(Named {
            phrase: joined.join(lang.pick("、", " and ")),
            from: NamedFrom::Catalogue,
            range,
            problem,
            fit,
            evidence,
        })
    }

    /// The buyer's own words, from the clause that complains about the cause. Never for a
    /// review that attacks the shop or is about another one: their words are not the
    /// shop's to repeat.
    fn own_words(
        &self,
        r: &Reading,
        text: &str,
        cause: Cause,
        lang: Lang,
        subject: &str,
    ) -> Option<Named> {
        if !quotable(r, cause, lang) {
            return None;
        }
        let mut candidates: Vec<Candidate> = Vec::new();
        for (ci, clause) in r.clauses.iter().enumerate() {
            let f = &r.facts[ci];
            if f.praise > 0 && f.complaint == 0 {
                continue;
            }
            let mut own = 0u32;
            let mut other = 0u32;
            let mut other_strong = 0u32;
            let mut anchor: Option<(Range<usize>, Option<usize>, Option<Fit>)> = None;
            let mut anchor_topic = false;
            for h in r.within(clause) {
                if !r.counts(h) {
                    continue;
                }
                let Some((causes, topic)) = self.shows(h.role) else {
                    continue;
                };
                if causes.contains(&cause) {
                    own += 1;
                    // A word that shows the problem anchors the phrase before a word
                    // that only names its topic: "没什么用" in "这本书对提高英语水平没什么用处",
                    // not "书", whose window would miss the complaint.
                    if anchor.is_none() || (anchor_topic && !topic) {
                        anchor_topic = topic;
                        let (problem, fit) = match h.role {
                            Role::Symptom(i) => self.symptom_fit(i, cause),
                            Role::Cue(i) => (None, self.cues[i].fit),
                            _ => (None, None),
                        };
                        anchor = Some((h.start..h.end, problem, fit));
                    }
                } else if !causes.contains(&Cause::Other) {
                    other += 1;
                    if !topic {
                        other_strong += 1;
                    }
                }
            }
            // A complaint no other cause claims is the labelled cause's, when nothing
            // better is found; one where another cause only shows a topic ("待机时间超短":
            // 时间 is also a delivery's) comes last.
            let score = if own > 0 {
                (2 * own + f.complaint).saturating_sub(other)
            } else if other_strong == 0 && f.complaint > 0 && cause != Cause::Other {
                u32::from(other == 0)
            } else {
                continue;
            };
            let (range, problem, fit) = match anchor {
                Some(a) => a,
                None => {
                    // The first complaint word anchors the clause.
                    let Some(h) = r
                        .within(clause)
                        .find(|h| h.role == Role::Complaint && !h.negated && !r.covered(h))
                    else {
                        continue;
                    };
                    (h.start..h.end, None, None)
                }
            };
            candidates.push((score, ci, range, problem, fit));
        }
        candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for (score, ci, anchor, problem, fit) in candidates {
            let clause = r.without_verdicts(text, &r.clauses[ci], &anchor);
            let shaped = if r.zh {
                shape_zh::phrase(text, clause, anchor)
            } else {
                shape_en::phrase(text, clause, anchor, subject)
            };
            let Some((phrase, range)) = shaped else {
                continue;
            };
            // The words quoted must complain themselves, and hold no verdict or praise.
            let complains = r.within(&range).any(|h| {
                (h.role == Role::Complaint && !h.negated && !r.covered(h))
                    || (r.strong(h) && r.counts(h))
            });
            let verdict = r
                .verdicts
                .iter()
                .any(|v| range.start <= v.start && v.end <= range.end);
            let praise = r
                .within(&range)
                .any(|h| h.role == Role::Praise && !h.negated && !r.covered(h));
            if !complains || verdict || praise {
                continue;
            }
            // Where another cause showed a topic in the clause, the phrase read on its own
            // must read as the case's own ("等待一个半小时不说" is the delivery's).
            if score == 0 && !read_as(&phrase, cause) {
                continue;
            }
            let evidence = r.evidence(&range);
            return Some(Named {
                phrase,
                from: NamedFrom::Review,
                range,
                problem,
                fit,
                evidence,
            });
        }
        None
    }
}

/// Whether the review's words may be quoted in a reply of `lang` for `cause`: written in
/// that language, and not an attack on the shop or a review of another one (their words
/// are not the shop's to repeat).
fn quotable(r: &Reading, cause: Cause, lang: Lang) -> bool {
    r.zh == (lang == Lang::Zh) && !matches!(cause, Cause::Malicious | Cause::Misattributed)
}

/// Whether triage, reading `phrase` alone, finds `cause` in it.
fn read_as(phrase: &str, cause: Cause) -> bool {
    let t = crate::triage::classify(&crate::triage::TriageInput {
        text: phrase,
        ..Default::default()
    });
    let named: Vec<Cause> = t
        .causes
        .into_iter()
        .filter(|c| *c != Cause::Other)
        .collect();
    named.contains(&cause)
}
