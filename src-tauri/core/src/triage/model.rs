//! What triage takes and what it returns. The labels themselves (`Triage`, its flags and
//! reasons) are what a case stores, so they are defined with the case.

pub use crate::cases::{Flag, Reason, ReasonKind, Triage};
pub use crate::common::Lang;

/// What triage needs to know about a review. `Default` lets callers name only what
/// they have.
#[derive(Debug, Clone, Copy, Default)]
pub struct TriageInput<'a> {
    pub text: &'a str,
    /// 1–5; 0 when unknown (e.g. text typed into the CLI).
    pub stars: u8,
    pub has_photos: bool,
    pub order_value_cents: Option<i64>,
    /// The product the case is about; empty when unknown.
    pub product: &'a str,
}
