//! What triage gives a case and the case stores: causes, severity, risk flags and the
//! reasons for each. Triage computes them; the case keeps them with its other columns.

use super::model::Cause;
use crate::common::{string_enum, Lang};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

string_enum!(
    /// Risk and action markers shown beside a case (stored as text in `cases.flags`):
    /// `malicious` possible extortion or abuse (demands money or goods for the review,
    /// insults, says they never bought, a competitor); `misattributed` possibly about
    /// another shop or product; `asks_refund` / `asks_return` / `asks_exchange`;
    /// `mentions_staff` points at a particular employee (waiter, clerk, installer…);
    /// `mentions_courier` points at the courier or rider; `keyword_alert` matched one of
    /// the owner's alert words.
    Flag {
        Malicious = "malicious",
        Misattributed = "misattributed",
        AsksRefund = "asks_refund",
        AsksReturn = "asks_return",
        AsksExchange = "asks_exchange",
        MentionsStaff = "mentions_staff",
        MentionsCourier = "mentions_courier",
        KeywordAlert = "keyword_alert",
    }
);

string_enum!(
    /// Why a label, a flag or a severity point was given. `cause`: evidence for one of
    /// the causes (the reason's `cause` says which); `owner_keyword`: one of the owner's
    /// keywords counted for a cause; `model`: the learned model supports the cause (its
    /// `term` holds the grams that pushed it most, separated by ` | `); `ai`: the owner's AI
    /// endpoint chose the cause (its `term` holds the words it quoted).
    ReasonKind {
        Cause = "cause",
        OwnerKeyword = "owner_keyword",
        Model = "model",
        Ai = "ai",
        Safety = "safety",
        Escalation = "escalation",
        OneStar = "one_star",
        Photos = "photos",
        HighValue = "high_value",
        RepeatBuyer = "repeat_buyer",
        Extortion = "extortion",
        Insult = "insult",
        NeverBought = "never_bought",
        Competitor = "competitor",
        Misattributed = "misattributed",
        ProductMismatch = "product_mismatch",
        AsksRefund = "asks_refund",
        AsksReturn = "asks_return",
        AsksExchange = "asks_exchange",
        Staff = "staff",
        Courier = "courier",
        KeywordAlert = "keyword_alert",
    }
);

/// One reason, in both languages, so the UI can show it in the owner's language
/// whatever the language was when the case was labelled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Reason {
    pub kind: ReasonKind,
    /// Set for `cause` and `owner_keyword` reasons.
    pub cause: Option<Cause>,
    /// The words of the review (or the value) behind the reason.
    pub term: String,
    pub zh: String,
    pub en: String,
}

impl Reason {
    pub fn text(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

/// The labels triage gives one review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Triage {
    pub primary: Cause,
    /// All causes, primary first.
    pub causes: Vec<Cause>,
    /// 1 (routine) to 3 (urgent).
    pub severity: u8,
    pub flags: Vec<Flag>,
    /// Human-readable reasons in the requested language, in the order found.
    pub reasons: Vec<String>,
    /// The same reasons, structured and in both languages.
    pub details: Vec<Reason>,
}

impl Triage {
    pub fn has_flag(&self, flag: Flag) -> bool {
        self.flags.contains(&flag)
    }
}
