//! The one catalogue of the problems reviews name (`catalogue.toml`): the phrase a reply
//! uses for a specific problem ("漏水", "the sizing"), the problem the closed-loop report
//! groups a case under with what to change so it stops, the words that show which cause a
//! clause of a review complains about, and what kind of remedy fits each problem. Drafts
//! and the report read the same words, so they cannot drift apart.
//!
//! `naming` reads a review with it: the catalogue's phrase for a problem the review names,
//! else the clause the buyer complains in, shaped to fit a reply (`shape_zh`, `shape_en`)
//! and refused when it would read wrong (too long, an insult, personal data).

mod naming;
mod shape_en;
mod shape_zh;

pub use naming::{Named, NamedFrom};

use crate::cases::Cause;
use crate::common::{string_enum, Lang};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock};

string_enum!(
    /// What kind of remedy fits a problem. Goods that are faulty or unlike the listing are
    /// exchanged or refunded; a person or an appointment that let the buyer down calls for
    /// an apology and a firm commitment, not for new goods; a slow delivery for chasing
    /// it; a missing item for sending it…
    Fit {
        Goods = "goods",
        Food = "food",
        Stay = "stay",
        Delay = "delay",
        Transit = "transit",
        Missing = "missing",
        Dispatch = "dispatch",
        Staff = "staff",
        Appointment = "appointment",
        Fees = "fees",
        AfterSales = "after_sales",
        Price = "price",
        Value = "value",
    }
);

/// What the report groups cases under.
#[derive(Debug, Clone)]
pub struct Problem {
    pub id: String,
    /// The primary causes it applies to; the first is the one it is filed under.
    pub causes: Vec<Cause>,
    pub zh: String,
    pub en: String,
    pub fix_zh: String,
    pub fix_en: String,
    /// Takes the cases of its cause no earlier problem took.
    pub catch_all: bool,
    /// The remedy that fits, when it is not the cause's usual one.
    pub fit: Option<Fit>,
}

impl Problem {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }

    pub fn fix(&self, lang: Lang) -> &str {
        lang.pick(&self.fix_zh, &self.fix_en)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSymptom {
    words: Vec<String>,
    zh: Option<String>,
    en: Option<String>,
    #[serde(default)]
    also: Vec<String>,
    /// For a symptom no problem groups by: the causes it shows.
    #[serde(default)]
    causes: Vec<Cause>,
    /// The words only count in a clause that complains ("尺码" in "尺码偏小", not in
    /// "尺码正好").
    #[serde(default)]
    topic: bool,
    /// The phrase names a fault in general ("商品故障", "the fault"): the buyer's own
    /// words are preferred when they can be used.
    #[serde(default)]
    general: bool,
    #[serde(default)]
    fit: Option<Fit>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProblem {
    id: String,
    causes: Vec<Cause>,
    zh: String,
    en: String,
    fix_zh: String,
    fix_en: String,
    #[serde(default)]
    catch_all: bool,
    #[serde(default)]
    fit: Option<Fit>,
    #[serde(default)]
    symptom: Vec<RawSymptom>,
}

/// Words that show a cause in a clause without naming a specific problem: the clause
/// they sit in is the buyer's complaint, said in their own words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCue {
    cause: Cause,
    words: Vec<String>,
    #[serde(default)]
    topic: bool,
    #[serde(default)]
    fit: Option<Fit>,
}

/// Words that make a clause a complaint, a bare verdict or praise, and words that only
/// look like one of them ("不过" holds "不").
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTone {
    #[serde(default)]
    complaint: Vec<String>,
    #[serde(default)]
    verdict: Vec<String>,
    #[serde(default)]
    praise: Vec<String>,
    #[serde(default)]
    plain: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    problem: Vec<RawProblem>,
    #[serde(default)]
    symptom: Vec<RawSymptom>,
    #[serde(default)]
    cue: Vec<RawCue>,
    #[serde(default)]
    tone: RawTone,
}

/// Words in reviews that show a problem, and the phrase a reply names them by.
#[derive(Debug, Clone)]
struct Symptom {
    words: Vec<String>,
    phrase: Option<(String, String)>,
    /// Indexes into `problems`.
    problems: Vec<usize>,
    /// The causes it shows: its problems' causes, or its own.
    causes: Vec<Cause>,
    topic: bool,
    general: bool,
    fit: Option<Fit>,
}

#[derive(Debug, Clone)]
struct Cue {
    cause: Cause,
    topic: bool,
    fit: Option<Fit>,
}

/// What a word of the catalogue is when it is found in a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Symptom(usize),
    Cue(usize),
    Complaint,
    /// A feeling or verdict with no object ("失望", "disappointed"): never named.
    Verdict,
    Praise,
    /// Neither: it only hides the complaint words inside it.
    Plain,
}

/// The catalogue, read once.
#[derive(Debug)]
pub struct Catalogue {
    /// What it was built from, to build variants of it.
    raw: Option<Raw>,
    pub problems: Vec<Problem>,
    symptoms: Vec<Symptom>,
    cues: Vec<Cue>,
    /// The words showing each problem.
    words_of: Vec<Vec<String>>,
    /// Every word, one pass over a (lower-cased) review; `roles[pattern]` says what the
    /// word is (a word may play several roles).
    matcher: Option<AhoCorasick>,
    roles: Vec<Vec<Role>>,
    /// Whether a pattern is ASCII (matched as a whole word).
    ascii: Vec<bool>,
    /// The model that reads a clause alone for its cause (`naming`'s last resort); the
    /// shipped triage model when none is set. Measurements set one trained without the
    /// category they leave out.
    clause_model: Option<Arc<crate::triage::Model>>,
}

/// Why the catalogue could not be read (a test reads it, so this never ships).
#[derive(Debug)]
pub struct CatalogueError(pub String);

impl Catalogue {
    fn parse(text: &str) -> Result<Catalogue, CatalogueError> {
        let raw: Raw = toml::from_str(text).map_err(|e| CatalogueError(e.to_string()))?;
        Catalogue::build(raw)
    }

    /// Names nothing.
    fn empty() -> Catalogue {
        Catalogue {
            raw: None,
            problems: Vec::new(),
            symptoms: Vec::new(),
            cues: Vec::new(),
            words_of: Vec::new(),
            matcher: None,
            roles: Vec::new(),
            ascii: Vec::new(),
            clause_model: None,
        }
    }

    fn build(raw: Raw) -> Result<Catalogue, CatalogueError> {
        let kept = raw.clone();
        let index: HashMap<&str, usize> = raw
            .problem
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        let mut symptoms = Vec::new();
        let mut add = |s: &RawSymptom, own: Option<usize>| -> Result<(), CatalogueError> {
            let mut problems: Vec<usize> = own.into_iter().collect();
            for id in &s.also {
                let i = index
                    .get(id.as_str())
                    .ok_or_else(|| CatalogueError(format!("unknown problem '{id}'")))?;
                problems.push(*i);
            }
            let phrase = match (&s.zh, &s.en) {
                (Some(zh), Some(en)) => Some((zh.clone(), en.clone())),
                (None, None) => None,
                _ => {
                    return Err(CatalogueError(format!(
                        "{:?}: a phrase needs both languages",
                        s.words
                    )))
                }
            };
            let mut causes: Vec<Cause> = Vec::new();
            for p in &problems {
                for c in &raw.problem[*p].causes {
                    if !causes.contains(c) {
                        causes.push(*c);
                    }
                }
            }
            for c in &s.causes {
                if !causes.contains(c) {
                    causes.push(*c);
                }
            }
            symptoms.push(Symptom {
                words: s.words.clone(),
                phrase,
                problems,
                causes,
                topic: s.topic,
                general: s.general,
                fit: s.fit,
            });
            Ok(())
        };
        for (i, p) in raw.problem.iter().enumerate() {
            for s in &p.symptom {
                add(s, Some(i))?;
            }
        }
        for s in &raw.symptom {
            add(s, None)?;
        }
        let problems: Vec<Problem> = raw
            .problem
            .into_iter()
            .map(|p| Problem {
                id: p.id,
                causes: p.causes,
                zh: p.zh,
                en: p.en,
                fix_zh: p.fix_zh,
                fix_en: p.fix_en,
                catch_all: p.catch_all,
                fit: p.fit,
            })
            .collect();
        let mut words_of: Vec<Vec<String>> = vec![Vec::new(); problems.len()];
        for s in &symptoms {
            for p in &s.problems {
                words_of[*p].extend(s.words.iter().cloned());
            }
        }
        let cues: Vec<Cue> = raw
            .cue
            .iter()
            .map(|c| Cue {
                cause: c.cause,
                topic: c.topic,
                fit: c.fit,
            })
            .collect();
        // One pattern per distinct word; a word may play several roles.
        let mut patterns: Vec<String> = Vec::new();
        let mut roles: Vec<Vec<Role>> = Vec::new();
        let mut at: HashMap<String, usize> = HashMap::new();
        let mut put = |w: &str, role: Role| {
            let w = w.to_lowercase();
            let i = *at.entry(w.clone()).or_insert_with(|| {
                patterns.push(w);
                roles.push(Vec::new());
                patterns.len() - 1
            });
            if !roles[i].contains(&role) {
                roles[i].push(role);
            }
        };
        // Reviews write the apostrophe both ways ("doesn't", "doesn’t").
        let mut put = |w: &str, role: Role| {
            put(w, role);
            if w.contains('\'') {
                put(&w.replace('\'', "’"), role);
            }
        };
        for (i, s) in symptoms.iter().enumerate() {
            for w in &s.words {
                put(w, Role::Symptom(i));
            }
        }
        for (i, c) in raw.cue.iter().enumerate() {
            for w in &c.words {
                put(w, Role::Cue(i));
            }
        }
        for w in &raw.tone.complaint {
            put(w, Role::Complaint);
        }
        for w in &raw.tone.verdict {
            put(w, Role::Verdict);
        }
        for w in &raw.tone.praise {
            put(w, Role::Praise);
        }
        for w in &raw.tone.plain {
            put(w, Role::Plain);
        }
        let ascii = patterns
            .iter()
            .map(|p| p.chars().all(|c| c.is_ascii() || c == '’'))
            .collect();
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|e| CatalogueError(e.to_string()))?;
        Ok(Catalogue {
            raw: Some(kept),
            problems,
            symptoms,
            cues,
            words_of,
            matcher: Some(matcher),
            roles,
            ascii,
            clause_model: None,
        })
    }

    /// The same catalogue reading clauses with `model` instead of the shipped one.
    pub fn with_clause_model(mut self, model: Arc<crate::triage::Model>) -> Catalogue {
        self.clause_model = Some(model);
        self
    }

    /// How likely the clause model finds it that `text` complains about `cause`.
    fn clause_probability(&self, text: &str, cause: Cause) -> f32 {
        match &self.clause_model {
            Some(m) => crate::triage::cause_probability_with(m, text, cause),
            None => crate::triage::cause_probability(text, cause),
        }
    }

    /// The problem a review of this primary cause is grouped under: the first problem
    /// of the cause one of whose words the (lower-cased) text mentions, else the cause's
    /// catch-all (else the last problem).
    pub fn problem_of(&self, cause: Cause, text_lower: &str) -> usize {
        let mut fallback = self.problems.len().saturating_sub(1);
        for (i, p) in self.problems.iter().enumerate() {
            if !p.causes.contains(&cause) {
                continue;
            }
            if p.catch_all {
                fallback = i;
                continue;
            }
            if self.words_of[i].iter().any(|w| mentions(text_lower, w)) {
                return i;
            }
        }
        fallback
    }

    /// The phrases of the specific problems a review names, at most `max`, in the order
    /// the review names them, whatever their cause.
    pub fn named_in(&self, text: &str, lang: Lang, max: usize) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
        for hit in naming::hits(self, text) {
            let naming::Hit {
                role: Role::Symptom(i),
                ..
            } = hit
            else {
                continue;
            };
            if naming::inside_longer(&taken, &hit) {
                continue;
            }
            taken.push(hit.start..hit.end);
            if let Some((zh, en)) = &self.symptoms[i].phrase {
                let p = lang.pick(zh.as_str(), en.as_str());
                if !out.contains(&p) {
                    out.push(p);
                }
            }
            if out.len() >= max {
                break;
            }
        }
        out
    }

    /// Every phrase a reply may carry from the catalogue.
    pub fn phrases(&self) -> impl Iterator<Item = &str> {
        self.symptoms
            .iter()
            .filter_map(|s| s.phrase.as_ref())
            .flat_map(|(zh, en)| [zh.as_str(), en.as_str()])
    }

    /// Every word the catalogue reads in reviews to name a problem or find the clause
    /// of a cause, with the causes it shows (none for words of tone, which serve all).
    pub fn words(&self) -> Vec<(&str, Vec<Cause>)> {
        let mut out: Vec<(&str, Vec<Cause>)> = Vec::new();
        for s in &self.symptoms {
            for w in &s.words {
                out.push((w.as_str(), s.causes.clone()));
            }
        }
        if let Some(raw) = &self.raw {
            for c in &raw.cue {
                for w in &c.words {
                    out.push((w.as_str(), vec![c.cause]));
                }
            }
            let t = &raw.tone;
            for w in t
                .complaint
                .iter()
                .chain(&t.verdict)
                .chain(&t.praise)
                .chain(&t.plain)
            {
                out.push((w.as_str(), Vec::new()));
            }
        }
        out
    }

    /// The same catalogue without some of its words (a symptom or cue left with none
    /// goes too), to measure what it would name had those words never been added.
    pub fn without_words(&self, drop: &HashSet<String>) -> Catalogue {
        let Some(raw) = &self.raw else {
            return Catalogue::empty();
        };
        let mut raw = raw.clone();
        let keep = |s: &mut Vec<RawSymptom>| {
            for x in s.iter_mut() {
                x.words.retain(|w| !drop.contains(w));
            }
            s.retain(|x| !x.words.is_empty());
        };
        for p in &mut raw.problem {
            keep(&mut p.symptom);
        }
        keep(&mut raw.symptom);
        for c in &mut raw.cue {
            c.words.retain(|w| !drop.contains(w));
        }
        raw.cue.retain(|c| !c.words.is_empty());
        for list in [
            &mut raw.tone.complaint,
            &mut raw.tone.verdict,
            &mut raw.tone.praise,
            &mut raw.tone.plain,
        ] {
            list.retain(|w| !drop.contains(w));
        }
        Catalogue::build(raw).unwrap_or_else(|_| Catalogue::empty())
    }
}

/// Chinese words match anywhere; English ones only as whole words ("thin" is not in
/// "nothing").
fn mentions(text: &str, word: &str) -> bool {
    if !word.is_ascii() {
        return text.contains(word);
    }
    let bytes = text.as_bytes();
    text.match_indices(word)
        .any(|(at, _)| naming::whole_word(bytes, at, at + word.len()))
}

static CATALOGUE: LazyLock<Result<Catalogue, CatalogueError>> =
    LazyLock::new(|| Catalogue::parse(include_str!("catalogue.toml")));

/// The shipped catalogue; `None` only if it cannot be read, which its test rules out.
pub fn catalogue() -> Option<&'static Catalogue> {
    CATALOGUE.as_ref().ok()
}

static EMPTY: LazyLock<Catalogue> = LazyLock::new(Catalogue::empty);

/// The shipped catalogue, or an empty one (nothing named) if it could not be read.
pub fn shipped() -> &'static Catalogue {
    catalogue().unwrap_or(&EMPTY)
}

#[cfg(test)]
mod tests;
