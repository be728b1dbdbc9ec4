//! What the ledger stores: remedies, promises, their states and the legal moves between them.

use super::RemedyKind;
use crate::common::string_enum;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

string_enum!(
    /// Where a remedy stands. Delivered, declined and cancelled are final.
    RemedyStatus {
        Proposed = "proposed",
        Accepted = "accepted",
        Delivered = "delivered",
        Declined = "declined",
        Cancelled = "cancelled",
    }
);

string_enum!(
    /// Who pays the postage of a return.
    PostagePayer {
        Shop = "shop",
        Buyer = "buyer",
    }
);

string_enum!(
    /// A promise is open until it is kept or called off; "overdue" is derived from the clock.
    PromiseStatus {
        Open = "open",
        Kept = "kept",
        Cancelled = "cancelled",
    }
);

/// The remedy moves the app allows. Delivering a proposal directly is allowed because
/// small shops often just send the refund once the buyer agrees in chat; the buyer may
/// still back out of an accepted remedy before it is delivered.
pub const REMEDY_MOVES: &[(RemedyStatus, RemedyStatus)] = &[
    (RemedyStatus::Proposed, RemedyStatus::Accepted),
    (RemedyStatus::Proposed, RemedyStatus::Delivered),
    (RemedyStatus::Proposed, RemedyStatus::Declined),
    (RemedyStatus::Proposed, RemedyStatus::Cancelled),
    (RemedyStatus::Accepted, RemedyStatus::Delivered),
    (RemedyStatus::Accepted, RemedyStatus::Declined),
    (RemedyStatus::Accepted, RemedyStatus::Cancelled),
];

pub const PROMISE_MOVES: &[(PromiseStatus, PromiseStatus)] = &[
    (PromiseStatus::Open, PromiseStatus::Kept),
    (PromiseStatus::Open, PromiseStatus::Cancelled),
];

pub(crate) use crate::common::moves::check_move;

impl RemedyStatus {
    /// Still owed: counts towards due commitments and the "owed" total.
    pub fn is_open(self) -> bool {
        matches!(self, RemedyStatus::Proposed | RemedyStatus::Accepted)
    }

    /// Where a remedy may go from here, in the table's order (what the UI offers).
    pub fn next_statuses(self) -> Vec<RemedyStatus> {
        REMEDY_MOVES
            .iter()
            .filter(|&&(from, _)| from == self)
            .map(|&(_, to)| to)
            .collect()
    }
}

impl PromiseStatus {
    /// Where a promise may go from here, in the table's order (what the UI offers).
    pub fn next_statuses(self) -> Vec<PromiseStatus> {
        PROMISE_MOVES
            .iter()
            .filter(|&&(from, _)| from == self)
            .map(|&(_, to)| to)
            .collect()
    }
}

/// One line of a case's remedies ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Remedy {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub case_id: i64,
    pub kind: RemedyKind,
    pub status: RemedyStatus,
    /// ISO 4217 code; amounts below are in its minor units.
    pub currency: String,
    /// What the buyer receives.
    #[ts(type = "number")]
    pub value_cents: i64,
    /// What it costs the shop.
    #[ts(type = "number")]
    pub cost_cents: i64,
    /// True when the cost was computed from the kind's default rule, not typed by the owner.
    pub cost_is_default: bool,
    /// Percent-off coupons, in basis points (1500 = 15 %).
    pub coupon_percent_bp: Option<u32>,
    pub gift_item: Option<String>,
    pub quantity: Option<u32>,
    #[ts(type = "number | null")]
    pub unit_cost_cents: Option<i64>,
    pub postage_payer: Option<PostagePayer>,
    #[ts(type = "number | null")]
    pub postage_cents: Option<i64>,
    /// What the buyer is told (coupon conditions, gift details).
    pub terms: String,
    /// The owner's own note.
    pub note: String,
    /// Refund number, coupon code or tracking number.
    pub reference: Option<String>,
    pub due_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
    /// Where the owner may move it from here.
    pub next_statuses: Vec<RemedyStatus>,
    /// Compliance rule codes broken by the terms or note (see `compliance`).
    pub compliance_flags: Vec<String>,
    /// The words that triggered the first flag.
    pub compliance_match: Option<String>,
    /// Open, with a due time already past (as of the time it was read).
    pub overdue: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What the remedy form (and the CLI) sends. Amounts arrive as typed ("12.50") and are
/// parsed strictly in core; empty means "not given" and lets the defaults apply.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct RemedyInput {
    pub kind: Option<RemedyKind>,
    /// Empty: CNY.
    pub currency: String,
    /// Value to the buyer. Empty: derived where possible (order value for a full refund,
    /// percent of the order value for a percent coupon, unit cost × quantity for a gift).
    pub value: String,
    /// Cost to the shop. Empty: the kind's default rule.
    pub cost: String,
    /// Percent-off coupon ("15" or "15%").
    pub coupon_percent: String,
    pub gift_item: String,
    pub quantity: Option<u32>,
    /// Cost of one gift or replacement item.
    pub unit_cost: String,
    pub postage_payer: Option<PostagePayer>,
    /// Postage the shop pays (returns, exchanges, resends, gifts).
    pub postage: String,
    pub terms: String,
    pub note: String,
    pub reference: String,
    pub due_at: Option<DateTime<Utc>>,
}

impl From<&Remedy> for RemedyInput {
    /// The form pre-filled from a stored remedy, so an edit changes only what the owner
    /// touches; a default cost stays default and follows the new value.
    fn from(r: &Remedy) -> Self {
        let amount = |v: Option<i64>| {
            v.map(|c| super::money::format_amount(c, &r.currency))
                .unwrap_or_default()
        };
        RemedyInput {
            kind: Some(r.kind),
            currency: r.currency.clone(),
            value: amount(Some(r.value_cents)),
            cost: if r.cost_is_default {
                String::new()
            } else {
                amount(Some(r.cost_cents))
            },
            coupon_percent: r
                .coupon_percent_bp
                .map(|bp| super::money::format_amount(i64::from(bp), "CNY"))
                .unwrap_or_default(),
            gift_item: r.gift_item.clone().unwrap_or_default(),
            quantity: r.quantity,
            unit_cost: amount(r.unit_cost_cents),
            postage_payer: r.postage_payer,
            postage: amount(r.postage_cents),
            terms: r.terms.clone(),
            note: r.note.clone(),
            reference: r.reference.clone().unwrap_or_default(),
            due_at: r.due_at,
        }
    }
}

/// A remedy as it would be stored, computed from the form without writing anything.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RemedyPreview {
    pub currency: String,
    #[ts(type = "number")]
    pub value_cents: i64,
    /// The typed cost, else the default.
    #[ts(type = "number")]
    pub cost_cents: i64,
    /// What the kind's rule says the shop pays, shown beside a typed cost.
    #[ts(type = "number")]
    pub default_cost_cents: i64,
    pub cost_is_default: bool,
    pub compliance_flags: Vec<String>,
    pub compliance_match: Option<String>,
}

/// A status change with what usually comes with it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct RemedyStatusChange {
    /// Refund number, coupon code or tracking number; kept when empty.
    pub reference: String,
    /// When it was delivered; now when empty.
    pub delivered_at: Option<DateTime<Utc>>,
    pub note: String,
}

/// Something the owner said they would do ("明天下午回电", "延长收货时间").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Promise {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub case_id: i64,
    pub text: String,
    pub due_at: DateTime<Utc>,
    pub status: PromiseStatus,
    /// Where the owner may move it from here.
    pub next_statuses: Vec<PromiseStatus>,
    pub done_at: Option<DateTime<Utc>>,
    pub note: String,
    pub compliance_flags: Vec<String>,
    pub compliance_match: Option<String>,
    pub overdue: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PromiseInput {
    pub text: String,
    pub due_at: Option<DateTime<Utc>>,
    pub note: String,
}

/// One row of the ledger listing: a remedy or a promise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LedgerItem {
    Remedy(Remedy),
    Promise(Promise),
}

impl LedgerItem {
    pub fn case_id(&self) -> i64 {
        match self {
            LedgerItem::Remedy(r) => r.case_id,
            LedgerItem::Promise(p) => p.case_id,
        }
    }

    pub fn due_at(&self) -> Option<DateTime<Utc>> {
        match self {
            LedgerItem::Remedy(r) => r.due_at,
            LedgerItem::Promise(p) => Some(p.due_at),
        }
    }

    pub fn overdue(&self) -> bool {
        match self {
            LedgerItem::Remedy(r) => r.overdue,
            LedgerItem::Promise(p) => p.overdue,
        }
    }
}

/// Which ledger rows to list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct LedgerFilter {
    #[ts(type = "number | null")]
    pub case_id: Option<i64>,
    /// Only open entries whose due time has passed.
    pub overdue_only: bool,
    /// Only entries still owed (open remedies and promises).
    pub open_only: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_remedy_move_is_decided_by_the_table() {
        use RemedyStatus::*;
        let legal = [
            (Proposed, Accepted),
            (Proposed, Delivered),
            (Proposed, Declined),
            (Proposed, Cancelled),
            (Accepted, Delivered),
            (Accepted, Declined),
            (Accepted, Cancelled),
        ];
        for &from in RemedyStatus::ALL {
            for &to in RemedyStatus::ALL {
                let ok = check_move(REMEDY_MOVES, from, to);
                if legal.contains(&(from, to)) {
                    assert!(ok.is_ok(), "{from} → {to} should be allowed");
                } else {
                    let e = ok.unwrap_err();
                    assert_eq!(e.code(), "invalid_transition", "{from} → {to}");
                    assert!(e.to_string().contains(&format!("from {from} to {to}")));
                }
            }
        }
    }

    #[test]
    fn every_promise_move_is_decided_by_the_table() {
        use PromiseStatus::*;
        for &from in PromiseStatus::ALL {
            for &to in PromiseStatus::ALL {
                let expected = from == Open && to != Open;
                assert_eq!(
                    check_move(PROMISE_MOVES, from, to).is_ok(),
                    expected,
                    "{from} → {to}"
                );
            }
        }
    }

    #[test]
    fn next_statuses_are_the_moves_the_tables_allow() {
        use RemedyStatus::*;
        for &from in RemedyStatus::ALL {
            let next = from.next_statuses();
            for &to in RemedyStatus::ALL {
                assert_eq!(
                    next.contains(&to),
                    check_move(REMEDY_MOVES, from, to).is_ok(),
                    "{from} → {to}"
                );
            }
        }
        assert_eq!(
            Proposed.next_statuses(),
            [Accepted, Delivered, Declined, Cancelled]
        );
        assert!(Delivered.next_statuses().is_empty());
        for &from in PromiseStatus::ALL {
            let next = from.next_statuses();
            for &to in PromiseStatus::ALL {
                assert_eq!(
                    next.contains(&to),
                    check_move(PROMISE_MOVES, from, to).is_ok(),
                    "{from} → {to}"
                );
            }
        }
    }

    #[test]
    fn ledger_items_carry_their_type() {
        let p = Promise {
            id: 1,
            case_id: 2,
            text: "明天下午回电".into(),
            due_at: DateTime::UNIX_EPOCH,
            status: PromiseStatus::Open,
            next_statuses: PromiseStatus::Open.next_statuses(),
            done_at: None,
            note: String::new(),
            compliance_flags: vec![],
            compliance_match: None,
            overdue: true,
            created_at: DateTime::UNIX_EPOCH,
            updated_at: DateTime::UNIX_EPOCH,
        };
        let v = serde_json::to_value(LedgerItem::Promise(p)).unwrap();
        assert_eq!(v["type"], "promise");
        assert_eq!(v["text"], "明天下午回电");
        assert_eq!(v["overdue"], true);
        assert_eq!(v["next_statuses"], serde_json::json!(["kept", "cancelled"]));
    }
}
