//! The learned part of triage, in two stages: a multinomial logistic regression over the
//! review's character and word grams (see `features`), and a small second regression that
//! weighs what the first says against the lexicon's evidence ("stacking"). Both are
//! trained on the development part of the labelled corpus (`tests/corpus`) by
//! `haoping-cli triage-train` and shipped in the binary (`model.bin`). Training is
//! deterministic, so the same corpus gives the same file byte for byte.
//!
//! Why two stages: trained on a review, the gram model knows it by heart, so a single
//! model trained on grams and lexicon together learns to ignore the lexicon. The second
//! stage is trained on what the gram model says of reviews it did not see (k-fold), so it
//! learns how far to trust it, and when the lexicon knows better (unfamiliar wording, a
//! product category it never saw).
//!
//! Why a linear model: it is fast enough to run on every review next to the lexicon
//! (a few hundred table look-ups), small enough to ship, needs no runtime beyond this
//! file, and every decision splits into the weights of the grams that made it, which is
//! what the owner is shown as the model's reasons.

mod format;
pub(crate) mod train;

use super::features::{Gram, DENSE};
use crate::cases::Cause;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

pub use format::FormatError as ModelFormatError;

/// Number of classes: every cause.
pub(super) const K: usize = 10;

/// The shipped model, trained on the development part of the corpus.
const BUILTIN: &[u8] = include_bytes!("model.bin");

/// Inputs of the second stage: the gram model's log-probability of each cause, the
/// lexicon's evidence, how much of the review the gram model knows, and how sure it is.
pub(super) const STACK_INPUTS: usize = K + DENSE + 2;

/// The second stage: weights per input and cause, and a bias per cause.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Stack {
    pub bias: [f32; K],
    pub weights: Vec<[f32; K]>,
}

/// A trained classifier.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Per class: added to every review's gram score.
    bias: [f32; K],
    /// The second stage (none: the model reads the text only).
    stack: Option<Stack>,
    /// The grams the model knows, in the order of `weights`.
    vocab: Vec<String>,
    /// Gram key → row of `weights`.
    index: FxHashMap<u64, u32>,
    /// Gram weights, quantized: the weight is `w * scale`.
    weights: Vec<[i8; K]>,
    scale: f32,
}

/// What the model says about one review.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Prediction {
    /// Probability of each cause, in `Cause::ALL` order.
    pub probs: [f32; K],
}

impl Prediction {
    pub fn best(&self) -> (Cause, f32) {
        let mut best = 0;
        for k in 1..K {
            if self.probs[k] > self.probs[best] {
                best = k;
            }
        }
        (Cause::ALL[best], self.probs[best])
    }

    pub fn prob(&self, c: Cause) -> f32 {
        Cause::ALL
            .iter()
            .position(|x| *x == c)
            .map_or(0.0, |i| self.probs[i])
    }
}

impl Model {
    fn new(
        bias: [f32; K],
        stack: Option<Stack>,
        vocab: Vec<String>,
        weights: Vec<[i8; K]>,
        scale: f32,
    ) -> Model {
        let index = vocab
            .iter()
            .enumerate()
            .map(|(i, g)| (super::features::key_of(g), i as u32))
            .collect();
        Model {
            bias,
            stack,
            vocab,
            index,
            weights,
            scale,
        }
    }

    /// Weighs the lexicon's evidence too (has a second stage).
    pub fn uses_lexicon(&self) -> bool {
        self.stack.is_some()
    }

    pub fn vocab_len(&self) -> usize {
        self.vocab.len()
    }

    /// How much one gram counts in a review of `n` grams (known to the model or not, so
    /// that leaving out grams of weight zero changes nothing).
    fn gram_value(n: usize) -> f32 {
        1.0 / (n.max(1) as f32).sqrt()
    }

    /// Looks up each gram of a review once, for both the prediction and the reasons:
    /// the table is large and most of a review's time would go to repeated look-ups.
    pub(in crate::triage) fn look_up(&self, grams: &[Gram], out: &mut Known) {
        out.rows.clear();
        out.grams = grams.len();
        out.long = 0;
        out.long_known = 0;
        for g in grams {
            let is_long = is_long(g.key);
            out.long += usize::from(is_long);
            if let Some(r) = self.index.get(&g.key) {
                out.long_known += usize::from(is_long);
                out.rows.push((*g, *r));
            }
        }
    }

    /// The gram model's probabilities from the summed weight rows of a review's known
    /// grams (`n` grams in all), and the share of its longer grams it knows.
    fn probs_from_sums(
        &self,
        sums: &[i32; K],
        n: usize,
        long: usize,
        known: usize,
    ) -> ([f32; K], f32) {
        let v = Self::gram_value(n) * self.scale;
        let mut z = self.bias;
        for k in 0..K {
            z[k] += sums[k] as f32 * v;
        }
        (softmax(z), known as f32 / long.max(1) as f32)
    }

    /// The gram model's probabilities for a review with these gram keys (`n` grams in
    /// all), and the share of its longer grams (two characters or more, words) it knows.
    pub(super) fn text_probs(&self, keys: impl Iterator<Item = u64>, n: usize) -> ([f32; K], f32) {
        let mut sums = [0i32; K];
        let (mut long, mut known) = (0usize, 0usize);
        for key in keys {
            let is_long = is_long(key);
            long += usize::from(is_long);
            if let Some(r) = self.index.get(&key) {
                known += usize::from(is_long);
                add_row(&mut sums, &self.weights[*r as usize]);
            }
        }
        self.probs_from_sums(&sums, n, long, known)
    }

    /// The probability of each cause for a review whose grams were looked up in `known`
    /// and (for a model with a second stage) its lexicon-evidence features.
    pub(in crate::triage) fn predict_known(
        &self,
        known: &Known,
        dense: &[f32; DENSE],
    ) -> Prediction {
        let mut sums = [0i32; K];
        for (_, r) in &known.rows {
            add_row(&mut sums, &self.weights[*r as usize]);
        }
        let (text, share) = self.probs_from_sums(&sums, known.grams, known.long, known.long_known);
        let Some(stack) = &self.stack else {
            return Prediction { probs: text };
        };
        let mut inputs = [0f32; STACK_INPUTS];
        stack_inputs(&text, share, dense, &mut inputs);
        let mut z = stack.bias;
        for (x, w) in inputs.iter().zip(&stack.weights) {
            if *x != 0.0 {
                for k in 0..K {
                    z[k] += x * w[k];
                }
            }
        }
        Prediction { probs: softmax(z) }
    }

    /// [`Self::predict_known`] for grams not looked up yet.
    #[cfg(test)]
    pub(in crate::triage) fn predict(&self, grams: &[Gram], dense: &[f32; DENSE]) -> Prediction {
        let mut known = Known::default();
        self.look_up(grams, &mut known);
        self.predict_known(&known, dense)
    }

    /// The known grams that pushed the review most towards `cause` rather than the other
    /// causes, strongest first, at most `n`, each once.
    pub(in crate::triage) fn strongest<'t>(
        &self,
        known: &Known,
        norm: &'t str,
        cause: Cause,
        n: usize,
    ) -> Vec<&'t str> {
        let Some(c) = Cause::ALL.iter().position(|x| *x == cause) else {
            return Vec::new();
        };
        let mut pushes: Vec<(i32, u32, &Gram)> = known
            .rows
            .iter()
            .filter_map(|(g, r)| {
                let w = &self.weights[*r as usize];
                let mean: i32 = w.iter().map(|x| i32::from(*x)).sum::<i32>() / K as i32;
                let push = i32::from(w[c]) - mean;
                (push > 0).then_some((push, g.start, g))
            })
            .collect();
        // Strongest first; among equals, the one that comes first in the review.
        pushes.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        // A lone Han character ("发", "要") explains nothing to the owner: it is shown only
        // when no longer gram pushed towards the cause.
        let has_words = pushes.iter().any(|(_, _, g)| {
            let t = g.text(norm);
            reads_as_words(t) && !is_lone_han(t)
        });
        let mut out: Vec<&'t str> = Vec::new();
        for (_, _, g) in pushes {
            let t = g.text(norm);
            if !reads_as_words(t) || (has_words && is_lone_han(t)) {
                continue;
            }
            // A gram inside one already shown says nothing new ("漏" beside "漏水"); one
            // that holds a shown gram says it better, and takes its place.
            if out.iter().any(|o| o.contains(t)) {
                continue;
            }
            if let Some(i) = out.iter().position(|o| t.contains(o)) {
                out[i] = t;
                out.retain(|o| *o == t || !t.contains(o));
                continue;
            }
            if out.len() == n {
                break;
            }
            out.push(t);
        }
        out
    }
}

/// The grams of one review that the model knows, with their weight rows (reused between
/// reviews), and the counts the prediction needs.
#[derive(Debug, Default)]
pub(in crate::triage) struct Known {
    rows: Vec<(Gram, u32)>,
    grams: usize,
    long: usize,
    long_known: usize,
}

/// Familiarity is counted on the longer grams (two Han characters or more, words):
/// single characters are known in any text.
fn is_long(key: u64) -> bool {
    key >= 1 << 21
}

fn add_row(sums: &mut [i32; K], w: &[i8; K]) {
    for k in 0..K {
        sums[k] += i32::from(w[k]);
    }
}

/// Whether a gram reads as words to an owner: a particle or pronoun alone ("有", "了"),
/// or a Chinese gram that starts or ends with one ("度也", "了就"), straddles words and
/// says nothing on its own, though it weighs in the model like any other.
fn is_lone_han(gram: &str) -> bool {
    let mut chars = gram.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if super::normalize::is_han(c))
}

fn reads_as_words(gram: &str) -> bool {
    const LOOSE: &str = "也了的很都就是还又我你他她它在有没和着吧啊呢吗么";
    let (Some(first), Some(last)) = (gram.chars().next(), gram.chars().last()) else {
        return false;
    };
    !(super::normalize::is_han(first) && (LOOSE.contains(first) || LOOSE.contains(last)))
}

/// The second stage's inputs (see [`STACK_INPUTS`]).
pub(super) fn stack_inputs(
    text: &[f32; K],
    known: f32,
    dense: &[f32; DENSE],
    out: &mut [f32; STACK_INPUTS],
) {
    let mut best = 0f32;
    for k in 0..K {
        out[k] = text[k].max(1e-4).ln();
        best = best.max(text[k]);
    }
    out[K..K + DENSE].copy_from_slice(dense);
    out[K + DENSE] = known;
    out[K + DENSE + 1] = best;
}

/// Names of the second stage's inputs, as the model file lists them.
pub(super) fn stack_input_names() -> Vec<String> {
    let mut names: Vec<String> = Cause::ALL.iter().map(|c| format!("text:{c}")).collect();
    names.extend(super::features::dense_names());
    names.push("known_share".into());
    names.push("text_best".into());
    names
}

fn softmax(z: [f32; K]) -> [f32; K] {
    let max = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut p = [0f32; K];
    let mut sum = 0.0;
    for k in 0..K {
        p[k] = (z[k] - max).exp();
        sum += p[k];
    }
    for x in &mut p {
        *x /= sum;
    }
    p
}

/// The shipped model, read on first use. `None` only if the file is damaged (a test
/// reads it): triage then uses the rules alone.
pub(crate) fn builtin() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    MODEL
        .get_or_init(|| Model::from_bytes(BUILTIN).ok())
        .as_ref()
}

/// The bytes of the shipped model, to compare a retrained one with.
pub fn builtin_bytes() -> &'static [u8] {
    BUILTIN
}

#[cfg(test)]
mod tests;
