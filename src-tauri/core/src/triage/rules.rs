//! The owner's part of triage: extra keywords per cause (and per product), keyword
//! alerts, and the order value from which a case counts as high value.

use super::engine::OwnerTerm;
use super::model::Lang;
use super::normalize::normalize;
use crate::cases::Cause;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Default threshold of a "high value" order: ¥500.
pub const DEFAULT_HIGH_VALUE_CENTS: i64 = 50_000;

/// A word the owner wants counted as evidence for a cause, e.g. "漏水" → quality on the
/// kettle. An empty `product` means every product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OwnerKeyword {
    #[ts(type = "number")]
    pub id: i64,
    pub cause: Cause,
    pub term: String,
    /// Applies to cases whose product name contains this text; empty = all products.
    pub product: String,
}

/// A word that, when a case mentions it, marks the case and notifies the owner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct KeywordAlert {
    #[ts(type = "number")]
    pub id: i64,
    pub term: String,
    /// Applies to cases whose product name contains this text; empty = all products.
    pub product: String,
    pub enabled: bool,
}

#[derive(Debug, Clone)]
struct Prepared {
    term: String,
    product: String,
}

impl Prepared {
    fn new(term: &str, product: &str) -> Prepared {
        Prepared {
            term: normalize(term.trim()),
            product: normalize(product.trim()),
        }
    }

    fn applies_to(&self, product_norm: &str) -> bool {
        !self.term.is_empty() && (self.product.is_empty() || product_norm.contains(&self.product))
    }
}

/// Everything the owner has set that triage takes into account. Load it once with
/// [`super::load_rules`] and reuse it for a batch.
#[derive(Debug, Clone)]
pub struct Rules {
    keywords: Vec<(OwnerTerm, Prepared)>,
    alerts: Vec<(KeywordAlert, Prepared)>,
    pub(super) high_value_cents: i64,
    pub(super) lang: Lang,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            keywords: Vec::new(),
            alerts: Vec::new(),
            high_value_cents: DEFAULT_HIGH_VALUE_CENTS,
            lang: Lang::Zh,
        }
    }
}

impl Rules {
    pub fn with_keywords(mut self, keywords: Vec<OwnerKeyword>) -> Self {
        self.keywords = keywords
            .into_iter()
            .map(|k| {
                let p = Prepared::new(&k.term, &k.product);
                let term = OwnerTerm {
                    text: p.term.clone(),
                    cause: k.cause,
                };
                (term, p)
            })
            .collect();
        self
    }

    /// Disabled alerts are kept out.
    pub fn with_alerts(mut self, alerts: Vec<KeywordAlert>) -> Self {
        self.alerts = alerts
            .into_iter()
            .filter(|a| a.enabled)
            .map(|a| {
                let p = Prepared::new(&a.term, &a.product);
                (a, p)
            })
            .collect();
        self
    }

    /// 0 turns the high-value point off.
    pub fn with_high_value_cents(mut self, cents: i64) -> Self {
        self.high_value_cents = cents.max(0);
        self
    }

    /// The language of `Triage::reasons`.
    pub fn with_lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn high_value_cents(&self) -> i64 {
        self.high_value_cents
    }

    pub(super) fn owner_terms(&self, product_norm: &str) -> Vec<&OwnerTerm> {
        self.keywords
            .iter()
            .filter(|(_, p)| p.applies_to(product_norm))
            .map(|(t, _)| t)
            .collect()
    }

    /// The enabled alerts whose word the (normalized) review contains. A mention counts
    /// even when negated: the owner asked to hear about every mention of the word.
    pub(super) fn alert_hits<'r>(
        &'r self,
        text_norm: &str,
        product_norm: &str,
    ) -> Vec<&'r KeywordAlert> {
        self.alerts
            .iter()
            .filter(|(_, p)| p.applies_to(product_norm) && text_norm.contains(&p.term))
            .map(|(a, _)| a)
            .collect()
    }
}
