//! What a remedy is worth to the buyer and costs the shop when the owner does not say.
//! These are estimates the owner can overwrite; they exist so the totals mean something
//! even when only the refund amount was typed.

use super::model::PostagePayer;
use super::money::{checked_sum, percent_of, times};
use super::RemedyKind;
use crate::error::{CoreError, Result};

/// Share of goodwill coupons that get used. Unsolicited after-sale coupons are redeemed
/// far less often than bought ones; 30 % is a cautious middle of sellers' estimates.
pub const COUPON_REDEMPTION_BP: u32 = 3_000;

/// The facts the rules below work from, already parsed into minor units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Basis {
    pub value_cents: Option<i64>,
    pub coupon_percent_bp: Option<u32>,
    pub quantity: Option<u32>,
    pub unit_cost_cents: Option<i64>,
    pub postage_payer: Option<PostagePayer>,
    pub postage_cents: Option<i64>,
    /// The case's order value, when known.
    pub order_value_cents: Option<i64>,
}

fn need(field: &str, what: &str) -> CoreError {
    CoreError::validation("validation.required", field, what.to_string())
}

/// Value to the buyer: the typed value, or what can be derived, or an error naming
/// what is missing.
pub fn value(kind: RemedyKind, b: &Basis) -> Result<i64> {
    if let Some(v) = b.value_cents {
        return Ok(v);
    }
    let items = || match b.unit_cost_cents {
        Some(unit) => times("value", unit, b.quantity.unwrap_or(1)).map(Some),
        None => Ok(None),
    };
    use RemedyKind::*;
    match kind {
        FullRefund | ReturnRefund => b
            .order_value_cents
            .ok_or_else(|| need("value", "enter the refund amount (the case has no order value)")),
        PartialRefund => Err(need("value", "enter the amount refunded")),
        Coupon => match (b.coupon_percent_bp, b.order_value_cents) {
            (Some(bp), Some(order)) => Ok(percent_of(order, bp)),
            (Some(_), None) => Err(need(
                "value",
                "enter the coupon's expected value (the case has no order value to apply the percentage to)",
            )),
            (None, _) => Err(need("value", "enter the coupon amount or a percentage")),
        },
        Gift => items()?.ok_or_else(|| need("value", "enter the gift's value or its unit cost")),
        Resend => Ok(items()?.or(b.order_value_cents).unwrap_or(0)),
        FreeShipping => Ok(b.postage_cents.unwrap_or(0)),
        Exchange | Repair | PromoPriority | Points | Other => Ok(0),
    }
}

/// Cost to the shop by the kind's rule, given the value to the buyer.
pub fn cost(kind: RemedyKind, value_cents: i64, b: &Basis) -> Result<i64> {
    let postage = b.postage_cents.unwrap_or(0);
    let shop_pays_postage = b.postage_payer != Some(PostagePayer::Buyer);
    let goods = || match b.unit_cost_cents {
        Some(unit) => times("cost", unit, b.quantity.unwrap_or(1)),
        None => Ok(value_cents),
    };
    use RemedyKind::*;
    match kind {
        // Money handed back is money spent.
        FullRefund | PartialRefund | Repair | Points | FreeShipping | Other => Ok(value_cents),
        // The goods come back, so the shop loses the postage it pays (if any).
        ReturnRefund | Exchange => Ok(if shop_pays_postage { postage } else { 0 }),
        // A new item leaves the warehouse, plus its postage.
        Resend | Gift => checked_sum("cost", [goods()?, postage]),
        Coupon => Ok(percent_of(value_cents, COUPON_REDEMPTION_BP)),
        PromoPriority => Ok(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RemedyKind::*;

    fn basis() -> Basis {
        Basis::default()
    }

    #[test]
    fn refunds_cost_what_they_return() {
        let b = Basis {
            value_cents: Some(2000),
            ..basis()
        };
        assert_eq!(value(PartialRefund, &b).unwrap(), 2000);
        assert_eq!(cost(PartialRefund, 2000, &b).unwrap(), 2000);
        let order = Basis {
            order_value_cents: Some(12_900),
            ..basis()
        };
        assert_eq!(value(FullRefund, &order).unwrap(), 12_900);
        assert_eq!(cost(FullRefund, 12_900, &order).unwrap(), 12_900);
        assert_eq!(
            value(PartialRefund, &order).unwrap_err().code(),
            "validation.required"
        );
        assert_eq!(
            value(FullRefund, &basis()).unwrap_err().code(),
            "validation.required"
        );
    }

    #[test]
    fn returns_cost_the_postage_the_shop_pays() {
        let shop = Basis {
            order_value_cents: Some(8_800),
            postage_payer: Some(PostagePayer::Shop),
            postage_cents: Some(1_200),
            ..basis()
        };
        assert_eq!(value(ReturnRefund, &shop).unwrap(), 8_800);
        assert_eq!(cost(ReturnRefund, 8_800, &shop).unwrap(), 1_200);
        let buyer = Basis {
            postage_payer: Some(PostagePayer::Buyer),
            ..shop
        };
        assert_eq!(cost(ReturnRefund, 8_800, &buyer).unwrap(), 0);
        assert_eq!(cost(Exchange, 0, &shop).unwrap(), 1_200);
    }

    #[test]
    fn coupons_cost_their_expected_redemption() {
        let amount = Basis {
            value_cents: Some(1_000),
            ..basis()
        };
        assert_eq!(cost(Coupon, 1_000, &amount).unwrap(), 300);
        let pct = Basis {
            coupon_percent_bp: Some(1_500),
            order_value_cents: Some(3_990),
            ..basis()
        };
        // 15 % of ¥39.90 = ¥5.985 → ¥5.99, of which 30 % ≈ ¥1.797 → ¥1.80.
        assert_eq!(value(Coupon, &pct).unwrap(), 599);
        assert_eq!(cost(Coupon, 599, &pct).unwrap(), 180);
        let no_order = Basis {
            coupon_percent_bp: Some(1_500),
            ..basis()
        };
        assert!(value(Coupon, &no_order).is_err());
    }

    #[test]
    fn gifts_and_resends_cost_the_goods_and_postage() {
        let gift = Basis {
            quantity: Some(3),
            unit_cost_cents: Some(450),
            postage_cents: Some(600),
            ..basis()
        };
        assert_eq!(value(Gift, &gift).unwrap(), 1_350);
        assert_eq!(cost(Gift, 1_350, &gift).unwrap(), 1_950);
        let typed_value = Basis {
            value_cents: Some(3_000),
            ..gift
        };
        // The buyer may value it more than it costs; the cost still comes from the unit cost.
        assert_eq!(value(Gift, &typed_value).unwrap(), 3_000);
        assert_eq!(cost(Gift, 3_000, &typed_value).unwrap(), 1_950);
        assert!(value(Gift, &basis()).is_err());
        let resend = Basis {
            order_value_cents: Some(5_000),
            ..basis()
        };
        assert_eq!(value(Resend, &resend).unwrap(), 5_000);
        assert_eq!(cost(Resend, 5_000, &resend).unwrap(), 5_000);
        assert_eq!(cost(PromoPriority, 0, &basis()).unwrap(), 0);
    }
}
