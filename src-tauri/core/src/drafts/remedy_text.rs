//! How a remedy is said in a draft: the one recorded on the case when there is one, else
//! a sensible suggestion for the cause, never with an amount the owner did not set.

use super::model::Lang;
use super::platform::is_food;
use crate::cases::{Cause, Platform};
use crate::problems::Fit;
use crate::remedies::{OfferedRemedy, RemedyKind};

/// Minor units as people read them: 2000 CNY → "¥20", 1999 USD → "$19.99".
pub(crate) fn money(minor: i64, currency: &str) -> String {
    let code = currency.trim().to_ascii_uppercase();
    let digits: u32 = match code.as_str() {
        "JPY" | "KRW" | "VND" | "CLP" | "ISK" => 0,
        _ => 2,
    };
    let scale = 10i64.pow(digits);
    let whole = minor / scale;
    let frac = (minor % scale).abs();
    let number = if digits == 0 || frac == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{frac:0width$}", width = digits as usize)
    };
    match code.as_str() {
        "" | "CNY" | "RMB" => format!("¥{number}"),
        "USD" => format!("${number}"),
        "EUR" => format!("€{number}"),
        "GBP" => format!("£{number}"),
        "JPY" => format!("¥{number}"),
        "HKD" => format!("HK${number}"),
        "CAD" => format!("CA${number}"),
        "AUD" => format!("A${number}"),
        _ => format!("{number} {code}"),
    }
}

fn with_note(base: String, description: &str, zh: bool) -> String {
    let d = description.trim();
    if d.is_empty() {
        base
    } else if zh {
        format!("{base}（{d}）")
    } else {
        format!("{base} ({d})")
    }
}

/// A verb phrase that follows "我们可以…" / "we can …". `public` leaves amounts out: the
/// next buyers need to see that the shop fixes things, not what one buyer received.
pub(crate) fn offered_phrase(r: &OfferedRemedy, lang: Lang, public: bool) -> String {
    let zh = lang == Lang::Zh;
    let amount = match (r.value_cents, public) {
        (Some(v), false) if v > 0 && r.kind != RemedyKind::Points => Some(money(v, &r.currency)),
        _ => None,
    };
    let desc = if public { "" } else { r.description.as_str() };
    let base = match (r.kind, zh) {
        (RemedyKind::FullRefund, true) => match &amount {
            Some(a) => format!("为您全额退款{a}"),
            None => "为您全额退款".to_string(),
        },
        (RemedyKind::FullRefund, false) => match &amount {
            Some(a) => format!("give you a full refund of {a}"),
            None => "give you a full refund".to_string(),
        },
        (RemedyKind::PartialRefund, true) => match &amount {
            Some(a) => format!("为您退款{a}作为补偿"),
            None => "为您办理部分退款作为补偿".to_string(),
        },
        (RemedyKind::PartialRefund, false) => match &amount {
            Some(a) => format!("refund {a} to make up for it"),
            None => "give you a partial refund to make up for it".to_string(),
        },
        (RemedyKind::ReturnRefund, true) => "为您办理退货退款，寄回的运费由我们承担".to_string(),
        (RemedyKind::ReturnRefund, false) => {
            "take it back and refund you in full, with the return postage paid by us".to_string()
        }
        (RemedyKind::Exchange, true) => "为您换一件新的，来回运费由我们承担".to_string(),
        (RemedyKind::Exchange, false) => {
            "exchange it for you, with shipping both ways on us".to_string()
        }
        (RemedyKind::Resend, true) => "马上为您重新寄一件".to_string(),
        (RemedyKind::Resend, false) => "send you a replacement right away".to_string(),
        (RemedyKind::Repair, true) => "为您免费维修并延长保修期".to_string(),
        (RemedyKind::Repair, false) => {
            "repair it free of charge and extend the warranty".to_string()
        }
        (RemedyKind::Coupon, true) => match &amount {
            Some(a) => format!("送您一张{a}的优惠券作为补偿"),
            None => "送您一张优惠券作为补偿".to_string(),
        },
        (RemedyKind::Coupon, false) => match &amount {
            Some(a) => format!("send you a {a} coupon to make up for it"),
            None => "send you a coupon to make up for it".to_string(),
        },
        (RemedyKind::Gift, true) => "给您寄一份小礼物表达歉意".to_string(),
        (RemedyKind::Gift, false) => "send you a small gift by way of apology".to_string(),
        (RemedyKind::FreeShipping, true) => "您下次在店里买东西由我们包邮".to_string(),
        (RemedyKind::FreeShipping, false) => "cover the shipping on your next order".to_string(),
        (RemedyKind::PromoPriority, true) => "下次店铺活动第一时间通知您并给您优先名额".to_string(),
        (RemedyKind::PromoPriority, false) => "give you first access to our next sale".to_string(),
        (RemedyKind::Points, true) => "为您补偿店铺积分".to_string(),
        (RemedyKind::Points, false) => "add store points to your account".to_string(),
        (RemedyKind::Other, true) => {
            if r.description.trim().is_empty() || public {
                "按您的意愿妥善处理".to_string()
            } else {
                return format!("为您{}", r.description.trim());
            }
        }
        (RemedyKind::Other, false) => {
            if r.description.trim().is_empty() || public {
                "put this right in the way that suits you".to_string()
            } else {
                return r.description.trim().to_string();
            }
        }
    };
    with_note(base, desc, zh)
}

/// The suggestion when the case has no remedy yet: concrete in kind, silent on amounts.
pub(crate) fn suggested_phrase(cause: Cause, platform: Platform, lang: Lang) -> &'static str {
    let food = is_food(platform);
    match (lang, cause, food) {
        (Lang::Zh, Cause::Quality, false) => "为您免费换一件新的，或者直接办理退货退款，运费都由我们承担",
        (Lang::Zh, Cause::Quality, true) => "为这一单办理退款，或者重新给您做一份送过去",
        (Lang::Zh, Cause::NotAsDescribed, false) => "为您免费换货，或者办理退货退款，来回运费由我们承担",
        (Lang::Zh, Cause::NotAsDescribed, true) => "为这一单退还相应的费用，或者重新给您做一份",
        (Lang::Zh, Cause::Logistics, false) => "马上联系快递追查包裹，如果确实延误、损坏或丢件，第一时间为您补发",
        (Lang::Zh, Cause::Logistics, true) => "为这一单退还配送费，餐品如果已经影响食用，再为您退款",
        (Lang::Zh, Cause::Packaging, false) => "为受损的商品补发新的，或者为您办理退款",
        (Lang::Zh, Cause::Packaging, true) => "为洒漏的部分退款，或者重新给您做一份",
        (Lang::Zh, Cause::Service, _) => "把您遇到的问题按退换或退款处理好",
        (Lang::Zh, Cause::ShippingError, false) => "马上为您补发缺少或发错的商品，需要寄回的运费由我们承担",
        (Lang::Zh, Cause::ShippingError, true) => "马上为您补送漏掉或送错的餐品，或者退还相应的费用",
        (Lang::Zh, Cause::Price, _) => "按平台的价格保护规则为您核实差价，符合的部分为您退还",
        (Lang::Zh, Cause::Malicious, _) => "按平台规则为您办理退换",
        (Lang::Zh, Cause::Misattributed, _) => "照样为您办理退换或退款",
        (Lang::Zh, Cause::Other, false) => "按您的意愿办理换货或退款",
        (Lang::Zh, Cause::Other, true) => "为这一单退款，或者重新给您做一份",
        (Lang::En, Cause::Quality, false) => "send you a new one free of charge, or refund you in full if you prefer, with return shipping on us",
        (Lang::En, Cause::Quality, true) => "refund this order or remake it and send it over",
        (Lang::En, Cause::NotAsDescribed, false) => "exchange it or refund you in full, with return shipping on us",
        (Lang::En, Cause::NotAsDescribed, true) => "refund the difference or remake your order",
        (Lang::En, Cause::Logistics, false) => "chase the parcel with the carrier today and send a replacement at once if it is lost or damaged",
        (Lang::En, Cause::Logistics, true) => "refund the delivery fee, and the meal too if it could not be eaten",
        (Lang::En, Cause::Packaging, false) => "send a replacement or refund anything that arrived damaged",
        (Lang::En, Cause::Packaging, true) => "refund what was spilled or remake your order",
        (Lang::En, Cause::Service, _) => "settle the original problem with a replacement or a refund",
        (Lang::En, Cause::ShippingError, false) => "ship the correct item right away and send a prepaid label for anything sent in error",
        (Lang::En, Cause::ShippingError, true) => "send the missing or wrong dishes right away or refund them",
        (Lang::En, Cause::Price, _) => "check the price difference under our price-protection terms and refund what is due",
        (Lang::En, Cause::Malicious, _) => "arrange a return or exchange under the platform's rules",
        (Lang::En, Cause::Misattributed, _) => "still arrange a return or refund",
        (Lang::En, Cause::Other, false) => "arrange a replacement or a refund, whichever suits you",
        (Lang::En, Cause::Other, true) => "refund this order or remake it",
    }
}

/// The suggestion for a problem whose remedy is not its cause's usual one: a person or
/// an appointment that let the buyer down gets an apology and a firm commitment, a fee
/// gets checked, a parcel not sent gets sent. `None` when the cause's own suggestion fits
/// (faulty goods, spoiled food).
pub(crate) fn fitted_phrase(fit: Fit, platform: Platform, lang: Lang) -> Option<&'static str> {
    let food = is_food(platform);
    let zh = lang == Lang::Zh;
    let (z, e) = match (fit, food) {
        (Fit::Goods | Fit::Food, _) => return None,
        (Fit::Staff, _) => (
            "向您郑重道歉，由专人跟进这件事，并在约好的时间给您一个明确的答复",
            "apologise properly, put one person in charge of this and give you a clear answer at a time we agree",
        ),
        (Fit::Appointment, _) => (
            "重新和您约一个确定的时间，由专人负责准时到场",
            "book a new time that suits you, with one person responsible for being there on time",
        ),
        (Fit::Fees, _) => (
            "核对这笔费用，不该收的部分退还给您",
            "check the charge and refund any part of it that should not have been made",
        ),
        (Fit::AfterSales, _) => (
            "按售后承诺为您办理退换或维修，由专人跟进到底",
            "handle the return, exchange or repair as our after-sales terms promise, with one person following it through",
        ),
        (Fit::Delay, false) => (
            "马上追查包裹的进度，并把最新情况告诉您",
            "chase the parcel today and keep you posted on where it is",
        ),
        (Fit::Delay, true) => (
            "为这一单退还配送费",
            "refund the delivery fee for this order",
        ),
        (Fit::Transit, false) => (
            "为受损的商品补发新的，或者为您办理退款",
            "send a replacement or refund anything that arrived damaged",
        ),
        (Fit::Transit, true) => (
            "为洒漏的部分退款，或者重新给您做一份",
            "refund what was spilled or remake your order",
        ),
        (Fit::Missing, false) => (
            "马上为您补发缺少或发错的商品，需要寄回的运费由我们承担",
            "send what was missing or wrong right away, with a prepaid label for anything sent in error",
        ),
        (Fit::Missing, true) => (
            "马上为您补送漏掉或送错的餐品，或者退还相应的费用",
            "send the missing or wrong dishes right away or refund them",
        ),
        (Fit::Dispatch, _) => (
            "马上为您安排发出，并把物流单号发给您",
            "dispatch your order right away and send you the tracking number",
        ),
        (Fit::Price, _) => (
            "按平台的价格保护规则为您核实差价，符合的部分为您退还",
            "check the price difference under our price-protection terms and refund what is due",
        ),
        (Fit::Value, _) => (
            "把这件商品的用法和价值给您讲清楚，您仍不满意的话为您办理退货退款",
            "walk you through what the item offers and, if it still isn't worth it to you, take it back for a full refund",
        ),
        (Fit::Stay, _) => (
            "核实您这次入住遇到的问题，按实际情况退还相应的费用",
            "look into your stay and refund the part of it that fell short",
        ),
    };
    Some(if zh { z } else { e })
}

/// The remedy a draft names: the one recorded on the case, else the suggestion for the
/// problem (`fit`), else for the cause.
pub(crate) fn remedy_phrase(
    offered: Option<&OfferedRemedy>,
    cause: Cause,
    fit: Option<Fit>,
    platform: Platform,
    lang: Lang,
    public: bool,
) -> String {
    let suggested = || {
        // A malicious review gets calm facts in public, never a concession.
        let fitted = fit
            .filter(|_| cause != Cause::Malicious)
            .and_then(|f| fitted_phrase(f, platform, lang));
        fitted
            .unwrap_or_else(|| suggested_phrase(cause, platform, lang))
            .to_string()
    };
    match offered {
        Some(_) if public && cause == Cause::Malicious => suggested(),
        Some(r) => offered_phrase(r, lang, public),
        None => suggested(),
    }
}
