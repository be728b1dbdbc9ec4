//! The one catalogue of the problems reviews name (`catalogue.toml`): the phrase a reply
//! uses for a specific problem ("漏水", "the sizing"), and the problem the closed-loop
//! report groups a case under with what to change so it stops. Drafts and the report
//! read the same words, so they cannot drift apart.
//!
//! Only phrases from the catalogue ever reach a draft: the review's own words are never
//! copied, because they may hold insults or personal data.

use crate::cases::Cause;
use crate::common::Lang;
use regex::Regex;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::LazyLock;

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
}

impl Problem {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }

    pub fn fix(&self, lang: Lang) -> &str {
        lang.pick(&self.fix_zh, &self.fix_en)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSymptom {
    words: Vec<String>,
    zh: Option<String>,
    en: Option<String>,
    #[serde(default)]
    also: Vec<String>,
}

#[derive(Debug, Deserialize)]
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
    symptom: Vec<RawSymptom>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    problem: Vec<RawProblem>,
    #[serde(default)]
    symptom: Vec<RawSymptom>,
}

/// Words in reviews that show a problem, and the phrase a reply names them by.
#[derive(Debug, Clone)]
struct Symptom {
    words: Vec<String>,
    phrase: Option<(String, String)>,
    /// Indexes into `problems`.
    problems: Vec<usize>,
}

/// The catalogue, read once.
#[derive(Debug)]
pub struct Catalogue {
    pub problems: Vec<Problem>,
    symptoms: Vec<Symptom>,
    /// The words showing each problem.
    words_of: Vec<Vec<String>>,
    /// Every named word, longest first, as one pattern; and which symptom a word is.
    named: Regex,
    by_word: HashMap<String, usize>,
}

/// Why the catalogue could not be read (a test reads it, so this never ships).
#[derive(Debug)]
pub struct CatalogueError(pub String);

impl Catalogue {
    fn parse(text: &str) -> Result<Catalogue, CatalogueError> {
        let raw: Raw = toml::from_str(text).map_err(|e| CatalogueError(e.to_string()))?;
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
            symptoms.push(Symptom {
                words: s.words.clone(),
                phrase,
                problems,
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
            })
            .collect();
        let mut words_of: Vec<Vec<String>> = vec![Vec::new(); problems.len()];
        for s in &symptoms {
            for p in &s.problems {
                words_of[*p].extend(s.words.iter().cloned());
            }
        }
        let mut named: Vec<(&str, usize)> = symptoms
            .iter()
            .enumerate()
            .filter(|(_, s)| s.phrase.is_some())
            .flat_map(|(i, s)| s.words.iter().map(move |w| (w.as_str(), i)))
            .collect();
        // Longest first, so "物流慢" wins over "物流" at the same position.
        named.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        let pattern = named
            .iter()
            .map(|(w, _)| {
                let e = regex::escape(w);
                if w.is_ascii() {
                    format!(r"(?-u:\b){e}(?-u:\b)")
                } else {
                    e
                }
            })
            .collect::<Vec<_>>()
            .join("|");
        let named_re =
            Regex::new(&format!("(?i){pattern}")).map_err(|e| CatalogueError(e.to_string()))?;
        let mut by_word = HashMap::new();
        for (w, i) in named {
            by_word.entry(w.to_lowercase()).or_insert(i);
        }
        Ok(Catalogue {
            problems,
            symptoms,
            words_of,
            named: named_re,
            by_word,
        })
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
    /// the review names them.
    pub fn named_in(&self, text: &str, lang: Lang, max: usize) -> Vec<&str> {
        let mut found: Vec<usize> = Vec::new();
        let mut phrases: Vec<&str> = Vec::new();
        for m in self.named.find_iter(text) {
            let Some(&i) = self.by_word.get(&m.as_str().to_lowercase()) else {
                continue;
            };
            if found.contains(&i) {
                continue;
            }
            found.push(i);
            let Some((zh, en)) = &self.symptoms[i].phrase else {
                continue;
            };
            let phrase = lang.pick(zh.as_str(), en.as_str());
            if !phrases.contains(&phrase) {
                phrases.push(phrase);
            }
            if phrases.len() >= max {
                break;
            }
        }
        phrases
    }

    /// Every phrase a reply may carry.
    pub fn phrases(&self) -> impl Iterator<Item = &str> {
        self.symptoms
            .iter()
            .filter_map(|s| s.phrase.as_ref())
            .flat_map(|(zh, en)| [zh.as_str(), en.as_str()])
    }
}

/// Chinese words match anywhere; English ones only as whole words ("thin" is not in
/// "nothing").
fn mentions(text: &str, word: &str) -> bool {
    if !word.is_ascii() {
        return text.contains(word);
    }
    let bytes = text.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric();
    text.match_indices(word).any(|(at, _)| {
        let end = at + word.len();
        (at == 0 || !is_word(bytes[at - 1])) && (end == bytes.len() || !is_word(bytes[end]))
    })
}

static CATALOGUE: LazyLock<Result<Catalogue, CatalogueError>> =
    LazyLock::new(|| Catalogue::parse(include_str!("catalogue.toml")));

/// The shipped catalogue; `None` only if it cannot be read, which its test rules out.
pub fn catalogue() -> Option<&'static Catalogue> {
    CATALOGUE.as_ref().ok()
}

#[cfg(test)]
mod tests;
