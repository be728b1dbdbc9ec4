//! What the learned classifier reads in a review: character n-grams of the Chinese text
//! and word uni- and bigrams of the English text (both after triage's normalization), and
//! a few numbers summing up what the lexicon found.
//!
//! Why characters and not words for Chinese: no word segmenter is needed (the lexicon
//! needs none either), and 1–3-character grams cover the words reviews use (漏水, 不新鲜,
//! 发错了) as well as the ones nobody wrote into a list. A gram is identified by a 64-bit
//! key computed from its text, so the model file can hold plain strings and the review is
//! read without allocating: up to three Han characters are packed into the key as they
//! are (21 bits each, no collisions), English words and word pairs are hashed.

use super::engine::{cause_index, Analysis};
use super::normalize::{is_han, BREAK};
use crate::cases::Cause;

/// Marks the keys of English words (Han keys never reach bit 63).
const WORD_TAG: u64 = 1 << 63;
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// One gram of a review: its key and where it stands in the normalized text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Gram {
    pub key: u64,
    pub start: u32,
    pub end: u32,
}

impl Gram {
    pub fn text<'t>(&self, norm: &'t str) -> &'t str {
        norm.get(self.start as usize..self.end as usize)
            .unwrap_or_default()
    }
}

fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// The finalizer of SplitMix64: spreads FNV's state over all bits.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn word_key_from_state(state: u64) -> u64 {
    mix(state) | WORD_TAG
}

fn han_key(chars: &[char]) -> u64 {
    chars.iter().fold(0u64, |k, c| (k << 21) | u64::from(*c))
}

/// Marks a gram of the review's first clause (written `^gram` in the model file): reviews
/// tend to open with the complaint they are about.
const LEAD: char = '^';
const LEAD_SALT: u64 = 0x1ead_c1a5_e000_0001;

fn lead_key(key: u64) -> u64 {
    mix(key ^ LEAD_SALT) | WORD_TAG
}

/// The key of a gram given as text, as the model file stores it: one to three Han
/// characters, or one or two English words separated by a space, with `^` in front for
/// the first clause's.
pub(super) fn key_of(text: &str) -> u64 {
    if let Some(rest) = text.strip_prefix(LEAD) {
        return lead_key(key_of(rest));
    }
    let chars: Vec<char> = text.chars().collect();
    if (1..=3).contains(&chars.len()) && chars.iter().all(|c| is_han(*c)) {
        han_key(&chars)
    } else {
        word_key_from_state(fnv(FNV_OFFSET, text.as_bytes()))
    }
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '\''
}

/// The grams of a normalized review, each once (the first place it stands), in `out`
/// (cleared first). Grams never reach across a clause break; Han grams stay within a run
/// of Han characters, word pairs within a clause.
pub(super) fn grams(norm: &str, out: &mut Vec<Gram>) {
    out.clear();
    // The last two Han characters of the current run, with their starts.
    let mut run: [(char, u32); 2] = [('\0', 0); 2];
    let mut run_len = 0usize;
    // The word being read (start), and the previous word of the clause (FNV state, start).
    let mut word: Option<u32> = None;
    let mut prev: Option<(u64, u32)> = None;

    let end_word =
        |out: &mut Vec<Gram>, word: &mut Option<u32>, prev: &mut Option<(u64, u32)>, end: u32| {
            if let Some(start) = word.take() {
                let w = &norm.as_bytes()[start as usize..end as usize];
                let state = fnv(FNV_OFFSET, w);
                out.push(Gram {
                    key: word_key_from_state(state),
                    start,
                    end,
                });
                if let Some((p, pstart)) = *prev {
                    let pair = fnv(fnv(p, b" "), w);
                    out.push(Gram {
                        key: word_key_from_state(pair),
                        start: pstart,
                        end,
                    });
                }
                *prev = Some((state, start));
            }
        };

    for (i, c) in norm.char_indices() {
        let i = i as u32;
        if is_han(c) {
            end_word(out, &mut word, &mut prev, i);
            prev = None;
            let end = i + c.len_utf8() as u32;
            out.push(Gram {
                key: u64::from(c),
                start: i,
                end,
            });
            if run_len >= 1 {
                let (b, bs) = run[1];
                out.push(Gram {
                    key: han_key(&[b, c]),
                    start: bs,
                    end,
                });
                if run_len >= 2 {
                    let (a, as_) = run[0];
                    out.push(Gram {
                        key: han_key(&[a, b, c]),
                        start: as_,
                        end,
                    });
                }
            }
            run = [run[1], (c, i)];
            run_len += 1;
            continue;
        }
        run_len = 0;
        if is_word_char(c) {
            if word.is_none() {
                word = Some(i);
            }
            continue;
        }
        end_word(out, &mut word, &mut prev, i);
        if c == BREAK {
            prev = None;
        }
    }
    end_word(out, &mut word, &mut prev, norm.len() as u32);
    // The first clause's grams once more, marked.
    let first_end = norm.find(BREAK).unwrap_or(norm.len()) as u32;
    let n = out.len();
    for i in 0..n {
        let g = out[i];
        if g.end <= first_end {
            out.push(Gram {
                key: lead_key(g.key),
                ..g
            });
        }
    }
    // Each gram once, at its first place. (key, start) pairs are unique, so an unstable
    // sort gives the same order as a stable one, without its scratch buffer.
    out.sort_unstable_by_key(|g| (g.key, g.start));
    out.dedup_by_key(|g| g.key);
}

/// The text a gram is stored under in the model file (`^` in front for the first
/// clause's).
pub(super) fn gram_label(g: &Gram, norm: &str) -> String {
    if key_of(g.text(norm)) == g.key {
        g.text(norm).to_string()
    } else {
        format!("{LEAD}{}", g.text(norm))
    }
}

/// Names of the lexicon-evidence features, in the order of [`dense`]. The model file
/// lists them too, so a model trained on other features is refused.
pub(super) fn dense_names() -> Vec<String> {
    let mut names = Vec::with_capacity(DENSE);
    for c in Cause::ALL {
        names.push(format!("rule_score:{c}"));
    }
    for c in Cause::ALL {
        names.push(format!("rule_primary:{c}"));
    }
    for n in SIGNALS {
        names.push(format!("signal:{n}"));
    }
    names
}

const SIGNALS: [&str; 14] = [
    "decisive",
    "dine_in",
    "delivery",
    "generic_negative",
    "product_word",
    "safety",
    "escalation",
    "refund",
    "return_or_exchange",
    "staff",
    "courier",
    "insult",
    "short",
    "long",
];

/// How many lexicon-evidence features there are.
pub(super) const DENSE: usize = 2 * 10 + SIGNALS.len();

/// A score of evidence (tenths) as a feature: 1.0 for a clear cue, saturating.
fn squash(score: f32) -> f32 {
    (score.max(0.0) / 20.0).min(2.0)
}

/// The lexicon-evidence features of a review the rules have read, given the cause the
/// rules chose.
pub(super) fn dense(a: &Analysis, rule_primary: Cause, norm: &str, out: &mut [f32; DENSE]) {
    out.fill(0.0);
    for (i, s) in a.scores.iter().enumerate() {
        out[i] = squash(*s);
    }
    out[10 + cause_index(rule_primary)] = 1.0;
    let units = a.uncovered + norm.chars().filter(|c| is_han(*c)).count().min(400) / 4;
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    let signals = [
        flag(a.decisive.is_some()),
        flag(a.dine_in && !a.delivery),
        flag(a.delivery),
        flag(a.generic_neg > 0),
        flag(a.product_word.is_some()),
        flag(!a.safety.is_empty()),
        flag(!a.escalation.is_empty()),
        flag(!a.refund.is_empty()),
        flag(!a.return_.is_empty() || !a.exchange.is_empty()),
        flag(!a.staff.is_empty()),
        flag(!a.courier.is_empty()),
        flag(!a.insults.is_empty()),
        flag(norm.chars().count() < 12),
        flag(units > 60),
    ];
    out[20..].copy_from_slice(&signals);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::triage::normalize::normalize;

    fn texts(s: &str) -> Vec<String> {
        let norm = normalize(s);
        let mut g = Vec::new();
        grams(&norm, &mut g);
        let mut t: Vec<String> = g.iter().map(|x| x.text(&norm).to_string()).collect();
        t.sort();
        t
    }

    #[test]
    fn han_grams_stay_inside_a_run() {
        let t = texts("漏水了，差评");
        for want in ["漏", "漏水", "漏水了", "水了", "差评"] {
            assert!(t.contains(&want.to_string()), "{want} in {t:?}");
        }
        assert!(
            !t.iter().any(|x| x.contains('差') && x.contains('了')),
            "{t:?}"
        );
    }

    #[test]
    fn words_and_pairs_stay_inside_a_clause() {
        let t = texts("Stopped working. Not happy");
        for want in ["stopped", "working", "stopped working", "not happy"] {
            assert!(t.contains(&want.to_string()), "{want} in {t:?}");
        }
        assert!(!t.contains(&"working not".to_string()), "{t:?}");
    }

    #[test]
    fn keys_agree_with_the_text_of_each_gram() {
        let norm = normalize("质量很差 but the color is great，物流慢");
        let mut g = Vec::new();
        grams(&norm, &mut g);
        assert!(!g.is_empty());
        for x in &g {
            assert_eq!(key_of(&gram_label(x, &norm)), x.key, "{}", x.text(&norm));
        }
        // The first clause's grams come twice, once marked.
        assert!(g.iter().any(|x| gram_label(x, &norm) == "^质量"));
        assert!(!g.iter().any(|x| gram_label(x, &norm) == "^物流"));
        // Each gram once.
        let mut keys: Vec<u64> = g.iter().map(|x| x.key).collect();
        keys.dedup();
        assert_eq!(keys.len(), g.len());
    }

    #[test]
    fn dense_names_match_the_count() {
        assert_eq!(dense_names().len(), DENSE);
    }
}
