//! Rules and model together: which cause is primary, which others count, and what the
//! model's reasons are.
//!
//! The rules decide what must be exact and explainable: extortion, "never bought", a
//! competitor and a review meant for another shop (decisive risk signals), and the owner's
//! own keywords. The model reads the lexicon's evidence as features, so otherwise it sees
//! everything the rules see plus the review's wording; where it is unsure, the rules'
//! choice stands. Malicious and misattributed are never named by the model alone: those
//! labels accuse a buyer and need words the owner can check.

use super::engine::{cause_index, Analysis, THRESHOLD};
use super::learned::{Known, Model, Prediction};
use super::model::Reason;
use super::reasons;
use crate::cases::Cause;

/// How the two are combined; `Default` is what triage uses, chosen by cross-validation on
/// the development part of the corpus.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CombineConfig {
    /// Below this probability of its best cause the model gives way to the rules (when
    /// the rules named a cause).
    pub fallback_below: f32,
    /// A cause the model gives at least this probability joins the other causes.
    pub secondary_from: f32,
    /// The model may name `malicious` without the rules from this probability on (abuse
    /// of the shop or the brand, which no word list covers); above 1: never.
    pub malicious_from: f32,
}

impl Default for CombineConfig {
    fn default() -> Self {
        CombineConfig {
            fallback_below: 0.0,
            secondary_from: 0.25,
            malicious_from: 2.0,
        }
    }
}

/// Most causes a review is given.
const MAX_CAUSES: usize = 4;
/// Grams shown as the model's reasons for one cause.
const GRAMS_SHOWN: usize = 3;

/// Risk causes the model may only confirm, never name alone.
fn needs_rule(c: Cause) -> bool {
    matches!(c, Cause::Malicious | Cause::Misattributed)
}

/// Whether the model may name this cause for this review: not one whose topic the
/// review praises or whose complaint it denies (grams do not read negation), unless the
/// rules found words against it too.
fn allowed(c: Cause, k: usize, p: &Prediction, a: &Analysis, cfg: &CombineConfig) -> bool {
    let named = a.scores[k] >= THRESHOLD;
    if a.praised[k] && !named {
        return false;
    }
    !needs_rule(c) || named || (c == Cause::Malicious && p.probs[k] >= cfg.malicious_from)
}

/// The model's best cause among those it may name, with its probability.
fn model_choice(p: &Prediction, a: &Analysis, cfg: &CombineConfig) -> (Cause, f32) {
    let mut best = (Cause::Other, -1.0f32);
    for (k, c) in Cause::ALL.iter().enumerate() {
        if allowed(*c, k, p, a, cfg) && p.probs[k] > best.1 {
            best = (*c, p.probs[k]);
        }
    }
    best
}

/// The combined primary cause and other causes.
pub(super) fn combine(
    a: &Analysis,
    rule_primary: Cause,
    rule_causes: &[Cause],
    p: &Prediction,
    cfg: &CombineConfig,
) -> (Cause, Vec<Cause>) {
    let owner_led = a
        .evidence
        .iter()
        .any(|e| e.owner && e.cause == rule_primary);
    let rules_named = a.scores[cause_index(rule_primary)] >= THRESHOLD;
    // A risk the rules found (an insult aimed at the shop, a review about other goods)
    // stands: the model has hardly seen such reviews.
    let risk_led = needs_rule(rule_primary) && rules_named;
    let (best, prob) = model_choice(p, a, cfg);
    // The rules decide when they are decisive, the owner's or a risk's, or when the model
    // is unsure and the rules named a cause.
    let rules_decide =
        a.decisive.is_some() || owner_led || risk_led || (prob < cfg.fallback_below && rules_named);
    let primary = if rules_decide { rule_primary } else { best };
    let mut causes = vec![primary];
    // The rules' other causes, then the model's, strongest first.
    let mut extra: Vec<(Cause, f32)> = Vec::new();
    for c in rule_causes {
        if *c != primary && *c != Cause::Other {
            extra.push((*c, 1.0 + p.prob(*c)));
        }
    }
    for (k, c) in Cause::ALL.iter().enumerate() {
        if allowed(*c, k, p, a, cfg)
            && *c != primary
            && *c != Cause::Other
            && p.probs[k] >= cfg.secondary_from
            && !extra.iter().any(|(x, _)| x == c)
        {
            extra.push((*c, p.probs[k]));
        }
    }
    extra.sort_by(|x, y| y.1.total_cmp(&x.1));
    causes.extend(extra.into_iter().map(|(c, _)| c).take(MAX_CAUSES - 1));
    (primary, causes)
}

/// The model's reasons for the causes it supports: its probability and the grams that
/// pushed the review towards each.
pub(super) fn model_reasons(
    model: &Model,
    p: &Prediction,
    causes: &[Cause],
    known: &Known,
    norm: &str,
    cfg: &CombineConfig,
) -> Vec<Reason> {
    causes
        .iter()
        .enumerate()
        .filter(|(i, c)| p.prob(**c) >= cfg.secondary_from || (*i == 0 && p.best().0 == **c))
        .map(|(_, c)| {
            let top = model.strongest(known, norm, *c, GRAMS_SHOWN);
            reasons::model(*c, p.prob(*c), &top)
        })
        .collect()
}
