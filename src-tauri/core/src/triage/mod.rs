//! Triage (PLAYBOOK section 2): each review's primary and secondary causes, severity 1–3,
//! risk flags, and the reasons for all of them, in Chinese and English.
//!
//! How it reads a review: the text is normalized (traditional → simplified, full-width →
//! ASCII, invisible marks dropped, every clause break made one separator), then one
//! Aho–Corasick pass finds the lexicon's words. Words are placed in clauses; negators
//! (不, 没有, not) turn the words right after them around; topic words (物流, quality)
//! only count when a negative word qualifies them in the same clause; the clause after
//! a contrast (但是, 就是, but) counts more. No word segmenter is needed: lexicon entries
//! are whole words and phrases, and matching them directly is faster and makes every
//! label traceable to the words that caused it.

mod alerts;
mod apply;
mod background;
mod classify;
mod combine;
mod engine;
pub mod eval;
mod features;
mod learned;
mod lexicon;
mod model;
mod normalize;
mod numbers;
mod owner;
mod reasons;
mod rules;
mod second_opinion;
mod trad_simp;
mod views;

pub use alerts::{
    alert_hits, alert_notice, alert_usage, mark_alerts_notified, pending_alert_hits, AlertHit,
    AlertNotice, AlertUsage,
};
pub use apply::{
    case_details, case_reasons, is_repeat_buyer, retriage_all, retriage_case, Labeller,
    RetriageSummary, ReviewFacts, RETRIAGE_BATCH,
};
pub use background::{ProgressThrottle, RetriageOutcome, RetriageProgress, RetriageState};
pub use classify::{
    cause_probability, cause_probability_with, classify, classify_case, classify_with,
};
pub use combine::CombineConfig;
pub use learned::train::{train as train_model, TrainConfig, TrainSet};
pub use learned::{builtin_bytes as shipped_model_bytes, Model, ModelFormatError};
pub use model::{Flag, Reason, ReasonKind, Triage, TriageInput};
pub use owner::{
    add_alert, add_keyword, config, list_alerts, list_keywords, load_rules, remove_alert,
    remove_keyword, set_alert_enabled, set_config, NewAlert, NewKeyword, TriageConfig,
};
pub use reasons::cause_name;
pub use rules::{KeywordAlert, OwnerKeyword, Rules, DEFAULT_HIGH_VALUE_CENTS};
pub use second_opinion::{accept_ai_answer, ai_prompt, AiTriage, AiTriageProblem};
pub use views::{cause_counts, urgent_cases, CauseCount};

#[cfg(test)]
mod tests;
