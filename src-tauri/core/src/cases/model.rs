//! What a case is, as stored and as shown.

use super::history::CaseEvent;
use super::labels::Reason;
use crate::common::{string_enum, Lang};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

string_enum!(
    /// Where the review was written.
    Platform {
        Taobao = "taobao",
        Tmall = "tmall",
        Jd = "jd",
        Pinduoduo = "pinduoduo",
        Douyin = "douyin",
        Meituan = "meituan",
        Amazon = "amazon",
        Shopify = "shopify",
        Other = "other",
    }
);

string_enum!(
    /// The playbook's cause taxonomy (PLAYBOOK section 2).
    Cause {
        Quality = "quality",
        NotAsDescribed = "not_as_described",
        Logistics = "logistics",
        Packaging = "packaging",
        Service = "service",
        ShippingError = "shipping_error",
        Price = "price",
        Malicious = "malicious",
        Misattributed = "misattributed",
        Other = "other",
    }
);

string_enum!(
    /// Where a case stands in the closed loop.
    CaseStatus {
        New = "new",
        Contacting = "contacting",
        Negotiating = "negotiating",
        WaitingUpdate = "waiting_update",
        Resolved = "resolved",
        Closed = "closed",
    }
);

string_enum!(
    /// How a case came in: typed by the owner, pasted from a backend page, or imported
    /// from a review export.
    #[derive(Default)]
    CaseSource {
        #[default]
        Manual = "manual",
        Paste = "paste",
        Import = "import",
    }
);

impl Platform {
    /// Chinese platforms use the 亲/您 register and Chinese drafts by default.
    pub fn is_chinese(self) -> bool {
        !matches!(self, Platform::Amazon | Platform::Shopify)
    }
}

impl CaseStatus {
    pub fn is_open(self) -> bool {
        !matches!(self, CaseStatus::Resolved | CaseStatus::Closed)
    }

    /// The moves the owner may make. Forward along the loop, a step back when talks
    /// resume, and reopening a finished case (which is logged like any other move).
    pub fn can_move_to(self, to: CaseStatus) -> bool {
        use CaseStatus::*;
        if self == to {
            return false;
        }
        match self {
            New => true,
            Contacting => to != New,
            Negotiating => to != New,
            WaitingUpdate => to != New,
            Resolved => matches!(to, Closed | Contacting | Negotiating),
            Closed => matches!(to, Contacting | Negotiating),
        }
    }
}

/// A case as listed and shown. The buyer's phone is masked here; only the detail
/// view carries it whole, because the owner needs it to call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Case {
    #[ts(type = "number")]
    pub id: i64,
    pub platform: Platform,
    pub shop: String,
    pub order_id: Option<String>,
    pub review_id: Option<String>,
    pub buyer_nick: Option<String>,
    pub buyer_phone_masked: Option<String>,
    pub buyer_tz: String,
    pub product: String,
    pub stars: u8,
    pub review_text: String,
    pub review_time: DateTime<Utc>,
    pub has_photos: bool,
    #[ts(type = "number | null")]
    pub order_value_cents: Option<i64>,
    pub lang: Lang,
    pub seller_reply: Option<String>,
    pub follow_up_text: Option<String>,
    pub primary_cause: Cause,
    pub causes: Vec<Cause>,
    pub severity: u8,
    pub flags: Vec<String>,
    pub triage_reasons: Vec<String>,
    pub labels_locked: bool,
    pub status: CaseStatus,
    pub outcome: Option<String>,
    pub source: CaseSource,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Came in as history (older than the first-reply window when imported, or imported
    /// as history): no first-reply or call-back reminders of its own.
    pub backlog: bool,
    /// When the owner took it out of the backlog to follow it up; its first reply is
    /// due counting from then.
    pub followup_from: Option<DateTime<Utc>>,
}

impl Case {
    /// Waiting in the backlog to be sorted: came in as history, still new, and nobody
    /// has started following it up.
    pub fn in_backlog(&self) -> bool {
        self.backlog && self.followup_from.is_none() && self.status == CaseStatus::New
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CaseDetail {
    pub case: Case,
    pub buyer_phone: Option<String>,
    pub history: Vec<CaseEvent>,
    /// Why triage labelled it so, in both languages (the window shows its own).
    pub reasons: Vec<Reason>,
    /// Where the owner may move the case from here.
    pub next_statuses: Vec<CaseStatus>,
}

/// A case to be stored, as the quick-add form, the paste screen and the CLI's `add` send
/// it. Strings arrive as typed; core trims and validates them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct NewCase {
    pub platform: String,
    pub shop: String,
    pub order_id: String,
    pub review_id: String,
    pub buyer_nick: String,
    pub buyer_phone: String,
    pub product: String,
    pub stars: u8,
    pub review_text: String,
    /// RFC 3339; empty means now.
    pub review_time: String,
    pub has_photos: bool,
    #[ts(type = "number | null")]
    pub order_value_cents: Option<i64>,
    /// Empty means: guess from the text.
    pub lang: String,
    /// What the buyer added later (追评), when known.
    pub follow_up_text: String,
    /// The shop's public reply, when there is one.
    pub seller_reply: String,
    /// Where the case comes from; set by core, never by the screen.
    #[serde(skip)]
    #[ts(skip)]
    pub source: CaseSource,
}

/// Masks all but the first three and last two digits: 138****5678 stays recognisable to
/// the owner without exposing the number on a shared screen.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().filter(|c| !c.is_whitespace()).collect();
    if chars.len() <= 5 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 2..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 5))
}

/// Mostly Han characters → Chinese; else English. Good enough to pick a draft language.
pub fn guess_lang(text: &str) -> Lang {
    let mut han = 0usize;
    let mut latin = 0usize;
    for c in text.chars() {
        if ('\u{4e00}'..='\u{9fff}').contains(&c) {
            han += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    if han * 3 >= latin || han >= 4 {
        Lang::Zh
    } else {
        Lang::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_round_trip_as_text() {
        for c in Cause::ALL {
            assert_eq!(Cause::parse(c.as_str()), Some(*c));
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
        }
        assert_eq!(
            CaseStatus::parse("waiting_update"),
            Some(CaseStatus::WaitingUpdate)
        );
        assert_eq!(Platform::parse("bogus"), None);
    }

    #[test]
    fn status_moves() {
        use CaseStatus::*;
        assert!(New.can_move_to(Contacting));
        assert!(Contacting.can_move_to(Resolved));
        assert!(!Contacting.can_move_to(New));
        assert!(!Resolved.can_move_to(WaitingUpdate));
        assert!(Closed.can_move_to(Contacting));
        assert!(!Closed.can_move_to(Closed));
    }

    #[test]
    fn masks_phone_numbers() {
        assert_eq!(mask_phone("13812345678"), "138******78");
        assert_eq!(mask_phone("+1 415 555 0100"), "+14*******00");
        assert_eq!(mask_phone("123"), "***");
    }

    #[test]
    fn guesses_language() {
        assert_eq!(guess_lang("质量太差了, USB口坏了"), Lang::Zh);
        assert_eq!(guess_lang("Stopped working after a week"), Lang::En);
    }
}
