//! Drafts: a public reply, a private message and a phone script for every case, written
//! from a template library (built-in, in Chinese and English, editable by the owner),
//! specific to the case, rotated so a shop never posts the same reply twice in a row,
//! and checked for structure, tone, personal data, length and compliance (PLAYBOOK §3, §7).
//!
//! API for the shell/UI:
//! - `drafts_for_case`, `draft_for_channel`, `preview_template` → `Draft`
//! - `check` (live checker), `check_for_case` (live checker with the case's own facts),
//!   `check_remedy_note` (for the remedies ledger) → `Finding`
//! - `evaluate_checker` → `CheckerEval`: the checker measured on the hand-written
//!   sentence set (`tests/corpus/checker.tsv`)
//! - `ensure_sendable` (refuses blocked text before it reaches the clipboard), `record_copy`
//!   → `CaseEvent` (history `draft_copied`, advances the rotation)
//! - template library: `list_templates`, `get_template`, `save_template`, `add_template`,
//!   `reset_template`, `set_template_enabled`, `delete_template`, `validate_template`,
//!   `template_variables`; sign-offs: `get_prefs`, `save_prefs`
//! - limits: `public_reply_cap`, `channel_cap`

pub mod ai;
mod checker;
mod compose;
mod copylog;
pub mod eval;
mod facts;
mod library;
mod model;
mod platform;
mod problems;
mod remedy_text;
mod rotation;
mod store;
mod template;
mod vars;

pub use checker::{
    check, check_remedy_note, evaluate_set as evaluate_checker, has_blocking, CheckerEval,
    FamilyFigures, Ratio, SplitFigures, Timing, TuneMiss,
};
pub use compose::{check_for_case, draft_for_channel, drafts_for_case, preview_template};
pub use copylog::{ensure_sendable, record_copy};
pub use library::VARIANTS;
pub use model::{
    Channel, Draft, DraftPrefs, Finding, FindingPart, Lang, NewTemplate, PartRole, ProblemNote,
    ProblemSource, Severity, Span, TemplateEntry, TemplateFilter, TemplateProblem, TemplateSource,
    TemplateVariable,
};
pub use platform::{channel_cap, public_reply_cap};
pub use store::{
    add_template, delete_template, get_prefs, get_template, list_templates, reset_template,
    save_prefs, save_template, set_template_enabled, validate_template,
};
pub use vars::template_variables;

/// The specific problem a draft names for a review, for tests and the UI's case header.
pub fn problem_phrase(
    review_text: &str,
    cause: crate::cases::Cause,
    lang: crate::common::Lang,
) -> String {
    let item = match lang {
        crate::common::Lang::Zh => "",
        crate::common::Lang::En => "your order",
    };
    let catalogue = crate::problems::shipped();
    problems::name_problem(catalogue, review_text, None, cause, lang, item)
        .note
        .phrase
}

#[cfg(test)]
mod tests;
