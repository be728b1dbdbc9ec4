//! Training the classifier: multinomial logistic regression by stochastic gradient
//! descent with per-weight step sizes (AdaGrad) and L2 regularization, in a fixed order
//! drawn from a fixed seed, in `f64`, then quantized. The second stage is trained the same
//! way on what gram models trained on the other folds say of each review. Nothing here
//! depends on threads, clocks or hash-map order, so the same examples give the same model,
//! bit for bit.
//!
//! Hand-written rather than taken from a crate: the Rust learners at hand (linfa,
//! smartcore) work on dense matrices, and a review has a few hundred grams out of a
//! vocabulary of tens of thousands; the whole method is the few lines of `Trainer::step`.

use super::{stack_inputs, Model, Stack, K, STACK_INPUTS};
use crate::cases::Cause;
use crate::triage::engine::cause_index;
use crate::triage::features::DENSE;
use std::collections::BTreeMap;

/// How a model is trained. `Default` is the configuration the shipped model uses, chosen
/// by cross-validation on the development part of the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainConfig {
    /// Add the second stage, which weighs the gram model against the lexicon's evidence
    /// (the combined classifier); without it the model reads only the text.
    pub lexicon: bool,
    /// A gram must occur in at least this many training reviews to be learned.
    pub min_df: u32,
    pub epochs: u32,
    /// AdaGrad's base step.
    pub rate: f64,
    /// L2 penalty per step on the weights an example touches.
    pub l2: f64,
    /// Share of the target given to the review's other causes (the rest to the primary).
    pub others_share: f64,
    /// Classes are weighted by (mean class size / class size) to this power: 0 = none,
    /// 1 = fully balanced.
    pub class_power: f64,
    /// Folds whose held-out predictions train the second stage.
    pub stack_folds: u32,
    /// Also train the second stage on what gram models trained without a review's group
    /// (its product category) say of it, with this weight (0: not): it learns how far to
    /// trust the gram model on wording from a category it never saw.
    pub unseen_weight: f64,
    /// How many folds the categories are dealt into for that.
    pub unseen_folds: u32,
    pub stack_epochs: u32,
    pub stack_rate: f64,
    pub stack_l2: f64,
    pub seed: u64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            lexicon: true,
            min_df: 2,
            epochs: 12,
            rate: 0.3,
            l2: 1e-5,
            others_share: 0.1,
            class_power: 0.2,
            stack_folds: 5,
            unseen_weight: 0.5,
            unseen_folds: 3,
            stack_epochs: 20,
            stack_rate: 0.1,
            stack_l2: 1e-4,
            seed: 20_261_207,
        }
    }
}

impl TrainConfig {
    /// The text-only classifier (no lexicon evidence), for comparison.
    pub fn text_only() -> Self {
        TrainConfig {
            lexicon: false,
            ..TrainConfig::default()
        }
    }
}

/// One labelled review, read.
#[derive(Debug, Clone)]
pub struct Example {
    /// Gram keys, each once.
    pub keys: Vec<u64>,
    pub dense: [f32; DENSE],
    pub primary: Cause,
    pub others: Vec<Cause>,
    /// The review's product category (corpus category), for training the second stage on
    /// unseen categories.
    pub group: u32,
}

/// Labelled reviews ready to train on, with the text of every gram seen.
#[derive(Debug, Default, Clone)]
pub struct TrainSet {
    pub examples: Vec<Example>,
    /// Gram key → its text (the first text seen for a key).
    pub gram_text: BTreeMap<u64, String>,
}

/// SplitMix64: a tiny generator whose sequence for a seed never changes, so the training
/// order is part of the method, not of a library version.
pub(crate) struct SplitMix(pub u64);

impl SplitMix {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0); the tiny bias of a modulo does not matter here.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// An example as the trainer reads it: gram columns (each worth `value`), or dense inputs.
struct Row {
    grams: Vec<u32>,
    value: f64,
    dense: Vec<f64>,
    target: [f64; K],
    weight: f64,
}

/// Weights of `inputs` rows (one per gram column or dense input) for K classes, their
/// AdaGrad sums, and the bias.
struct Trainer {
    rate: f64,
    l2: f64,
    w: Vec<f64>,
    g: Vec<f64>,
    b: [f64; K],
    bg: [f64; K],
}

const EPS: f64 = 1e-8;

impl Trainer {
    fn new(inputs: usize, rate: f64, l2: f64) -> Trainer {
        Trainer {
            rate,
            l2,
            w: vec![0.0; inputs * K],
            g: vec![0.0; inputs * K],
            b: [0.0; K],
            bg: [0.0; K],
        }
    }

    /// The active inputs of a row with their values.
    fn active(row: &Row) -> impl Iterator<Item = (usize, f64)> + '_ {
        row.grams.iter().map(|j| (*j as usize, row.value)).chain(
            row.dense
                .iter()
                .enumerate()
                .filter(|(_, x)| **x != 0.0)
                .map(|(m, x)| (m, *x)),
        )
    }

    fn step(&mut self, row: &Row) {
        let mut z = self.b;
        for (j, x) in Self::active(row) {
            let w = &self.w[j * K..(j + 1) * K];
            for k in 0..K {
                z[k] += w[k] * x;
            }
        }
        let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let mut p = [0f64; K];
        let mut sum = 0.0;
        for k in 0..K {
            p[k] = (z[k] - max).exp();
            sum += p[k];
        }
        let mut d = [0f64; K];
        for k in 0..K {
            d[k] = (p[k] / sum - row.target[k]) * row.weight;
        }
        let (rate, l2) = (self.rate, self.l2);
        for (j, x) in Self::active(row) {
            let (w, g) = (
                &mut self.w[j * K..(j + 1) * K],
                &mut self.g[j * K..(j + 1) * K],
            );
            for k in 0..K {
                let grad = d[k] * x + l2 * w[k];
                g[k] += grad * grad;
                w[k] -= rate * grad / (g[k].sqrt() + EPS);
            }
        }
        for ((b, bg), dk) in self.b.iter_mut().zip(self.bg.iter_mut()).zip(d.iter()) {
            *bg += dk * dk;
            *b -= rate * dk / (bg.sqrt() + EPS);
        }
    }

    fn run(&mut self, rows: &[Row], epochs: u32, seed: u64) {
        let mut order: Vec<usize> = (0..rows.len()).collect();
        let mut rng = SplitMix(seed);
        for _ in 0..epochs {
            rng.shuffle(&mut order);
            for &i in &order {
                self.step(&rows[i]);
            }
        }
    }
}

fn target(e: &Example, share: f64) -> [f64; K] {
    let mut t = [0f64; K];
    let others: Vec<usize> = e
        .others
        .iter()
        .filter(|c| **c != e.primary)
        .map(|c| cause_index(*c))
        .collect();
    let share = if others.is_empty() { 0.0 } else { share };
    t[cause_index(e.primary)] = 1.0 - share;
    for i in &others {
        t[*i] += share / others.len() as f64;
    }
    t
}

/// Per example of `use_rows`: its weight, from the size of its class.
fn class_weights(set: &TrainSet, use_rows: &[usize], power: f64) -> Vec<f64> {
    let mut class_n = [0f64; K];
    for &i in use_rows {
        class_n[cause_index(set.examples[i].primary)] += 1.0;
    }
    let present = class_n.iter().filter(|n| **n > 0.0).count().max(1) as f64;
    let mean = use_rows.len() as f64 / present;
    use_rows
        .iter()
        .map(|&i| {
            let n = class_n[cause_index(set.examples[i].primary)].max(1.0);
            (mean / n).powf(power)
        })
        .collect()
}

/// Trains a model on the examples of `set` at the positions `use_rows`: the gram model,
/// and with `cfg.lexicon` the second stage on top.
pub fn train(set: &TrainSet, use_rows: &[usize], cfg: &TrainConfig) -> Model {
    let text = train_text(set, use_rows, cfg);
    if !cfg.lexicon || use_rows.len() < 2 {
        return text;
    }
    // What gram models trained on the other folds say of each review.
    let folds = (cfg.stack_folds.max(2) as usize).min(use_rows.len());
    let mut order: Vec<usize> = (0..use_rows.len()).collect();
    SplitMix(cfg.seed ^ 0x57ac_f01d).shuffle(&mut order);
    let mut held_out: Vec<([f32; K], f32)> = vec![([0.0; K], 0.0); use_rows.len()];
    for f in 0..folds {
        let train_rows: Vec<usize> = order
            .iter()
            .enumerate()
            .filter(|(pos, _)| pos % folds != f)
            .map(|(_, i)| use_rows[*i])
            .collect();
        let m = train_text(set, &train_rows, cfg);
        for (pos, i) in order.iter().enumerate() {
            if pos % folds == f {
                let keys = &set.examples[use_rows[*i]].keys;
                held_out[*i] = m.text_probs(keys.iter().copied(), keys.len());
            }
        }
    }
    let weights = class_weights(set, use_rows, cfg.class_power);
    let stack_row = |i: usize, (probs, known): &([f32; K], f32), weight: f64| {
        let e = &set.examples[i];
        let mut inputs = [0f32; STACK_INPUTS];
        stack_inputs(probs, *known, &e.dense, &mut inputs);
        Row {
            grams: Vec::new(),
            value: 0.0,
            dense: inputs.iter().map(|x| f64::from(*x)).collect(),
            target: target(e, cfg.others_share),
            weight,
        }
    };
    let mut rows: Vec<Row> = use_rows
        .iter()
        .zip(&held_out)
        .zip(&weights)
        .map(|((&i, p), w)| stack_row(i, p, *w))
        .collect();
    // What gram models trained without a review's category say of it: the categories
    // are dealt into a few folds, each left out in turn.
    let mut groups: Vec<u32> = use_rows
        .iter()
        .map(|i| set.examples[*i].group)
        .collect::<std::collections::BTreeSet<u32>>()
        .into_iter()
        .collect();
    let unseen_folds = (cfg.unseen_folds as usize).min(groups.len());
    if cfg.unseen_weight > 0.0 && unseen_folds > 1 {
        SplitMix(cfg.seed ^ 0x0907_f01d).shuffle(&mut groups);
        let fold_of = |g: u32| groups.iter().position(|x| *x == g).unwrap_or(0) % unseen_folds;
        for f in 0..unseen_folds {
            let others: Vec<usize> = use_rows
                .iter()
                .copied()
                .filter(|i| fold_of(set.examples[*i].group) != f)
                .collect();
            let m = train_text(set, &others, cfg);
            for (&i, w) in use_rows.iter().zip(&weights) {
                if fold_of(set.examples[i].group) == f {
                    let keys = &set.examples[i].keys;
                    let p = m.text_probs(keys.iter().copied(), keys.len());
                    rows.push(stack_row(i, &p, w * cfg.unseen_weight));
                }
            }
        }
    }
    let mut t = Trainer::new(STACK_INPUTS, cfg.stack_rate, cfg.stack_l2);
    t.run(&rows, cfg.stack_epochs, cfg.seed ^ 0x57ac);
    let stack = Stack {
        bias: t.b.map(|x| x as f32),
        weights: (0..STACK_INPUTS)
            .map(|m| std::array::from_fn(|k| t.w[m * K + k] as f32))
            .collect(),
    };
    Model {
        stack: Some(stack),
        ..text
    }
}

/// The gram model alone.
fn train_text(set: &TrainSet, use_rows: &[usize], cfg: &TrainConfig) -> Model {
    // The vocabulary: grams in at least `min_df` training reviews, ordered by their text.
    let mut df: BTreeMap<u64, u32> = BTreeMap::new();
    for &i in use_rows {
        for k in &set.examples[i].keys {
            *df.entry(*k).or_default() += 1;
        }
    }
    let mut vocab: Vec<(&str, u64)> = df
        .iter()
        .filter(|(_, n)| **n >= cfg.min_df)
        .filter_map(|(k, _)| set.gram_text.get(k).map(|t| (t.as_str(), *k)))
        .collect();
    vocab.sort_unstable();
    let column: BTreeMap<u64, u32> = vocab
        .iter()
        .enumerate()
        .map(|(i, (_, k))| (*k, i as u32))
        .collect();
    let weights = class_weights(set, use_rows, cfg.class_power);
    let rows: Vec<Row> = use_rows
        .iter()
        .zip(weights)
        .map(|(&i, weight)| {
            let e = &set.examples[i];
            Row {
                grams: e
                    .keys
                    .iter()
                    .filter_map(|k| column.get(k).copied())
                    .collect(),
                value: 1.0 / (e.keys.len().max(1) as f64).sqrt(),
                dense: Vec::new(),
                target: target(e, cfg.others_share),
                weight,
            }
        })
        .collect();
    let mut t = Trainer::new(vocab.len(), cfg.rate, cfg.l2);
    t.run(&rows, cfg.epochs, cfg.seed);
    quantize(&t, &vocab)
}

/// Gram weights to `i8` with one scale; grams whose weights all round to zero are left out.
fn quantize(t: &Trainer, vocab: &[(&str, u64)]) -> Model {
    let max = t.w.iter().fold(0f64, |m, w| m.max(w.abs()));
    let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
    let mut grams = Vec::new();
    let mut weights = Vec::new();
    for (j, (text, _)) in vocab.iter().enumerate() {
        let q: [i8; K] =
            std::array::from_fn(|k| (t.w[j * K + k] / scale).round().clamp(-127.0, 127.0) as i8);
        if q.iter().any(|x| *x != 0) {
            grams.push((*text).to_string());
            weights.push(q);
        }
    }
    let bias = t.b.map(|x| x as f32);
    Model::new(bias, None, grams, weights, scale as f32)
}
