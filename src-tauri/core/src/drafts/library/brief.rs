//! The brief public reply: for platforms whose limit is tight (200–300 characters) when
//! even the shortened full reply does not fit, typically an English reply on a Chinese
//! platform. Still all four required parts: apology, remedy, change, invitation.

use crate::cases::Cause;
use crate::drafts::model::Lang;

/// A short remedy suggestion for the cause (used when the case has no remedy yet).
pub(crate) fn remedy(cause: Cause, food: bool, lang: Lang) -> &'static str {
    match (lang, cause, food) {
        (Lang::Zh, Cause::Quality, false) => "为您换新或退款",
        (Lang::Zh, Cause::Quality, true) => "为您退款或重做一份",
        (Lang::Zh, Cause::NotAsDescribed, false) => "为您换货或退款",
        (Lang::Zh, Cause::NotAsDescribed, true) => "退还相应费用或重做一份",
        (Lang::Zh, Cause::Logistics, false) => "追查包裹，丢件或损坏立即补发",
        (Lang::Zh, Cause::Logistics, true) => "为您退还配送费",
        (Lang::Zh, Cause::Packaging, false) => "为受损商品补发或退款",
        (Lang::Zh, Cause::Packaging, true) => "为洒漏的部分退款或重做",
        (Lang::Zh, Cause::Service, _) => "由店长跟进，按退换或退款处理",
        (Lang::Zh, Cause::ShippingError, false) => "为您补发正确的商品",
        (Lang::Zh, Cause::ShippingError, true) => "补送或退还相应费用",
        (Lang::Zh, Cause::Price, _) => "核实后退还应退的差价",
        (Lang::Zh, Cause::Malicious, _) => "按平台规则办理退换",
        (Lang::Zh, Cause::Misattributed, _) => "照样办理退换或退款",
        (Lang::Zh, Cause::Other, false) => "为您换货或退款",
        (Lang::Zh, Cause::Other, true) => "为您退款或重做一份",
        (Lang::En, Cause::Quality, false) => "replace or refund it",
        (Lang::En, Cause::Quality, true) => "refund or remake it",
        (Lang::En, Cause::NotAsDescribed, false) => "exchange or refund it",
        (Lang::En, Cause::NotAsDescribed, true) => "refund or remake it",
        (Lang::En, Cause::Logistics, false) => "trace it and resend if lost",
        (Lang::En, Cause::Logistics, true) => "refund the delivery fee",
        (Lang::En, Cause::Packaging, false) => "replace or refund anything damaged",
        (Lang::En, Cause::Packaging, true) => "refund or remake what spilled",
        (Lang::En, Cause::Service, _) => "settle it with a replacement or refund",
        (Lang::En, Cause::ShippingError, false) => "resend the correct item",
        (Lang::En, Cause::ShippingError, true) => "resend or refund the missing dishes",
        (Lang::En, Cause::Price, _) => "refund any price difference due",
        (Lang::En, Cause::Malicious, _) => "arrange a return under platform rules",
        (Lang::En, Cause::Misattributed, _) => "arrange a return or refund",
        (Lang::En, Cause::Other, false) => "replace or refund it",
        (Lang::En, Cause::Other, true) => "refund or remake it",
    }
}

fn change(cause: Cause, lang: Lang) -> &'static str {
    match (lang, cause) {
        (Lang::Zh, Cause::Quality) => "我们会加强出库质检。",
        (Lang::Zh, Cause::NotAsDescribed) => "我们会更新详情页说明。",
        (Lang::Zh, Cause::Logistics) => "我们会加强配送跟踪。",
        (Lang::Zh, Cause::Packaging) => "我们会升级包装。",
        (Lang::Zh, Cause::Service) => "我们会加强客服培训。",
        (Lang::Zh, Cause::ShippingError) => "我们会增加发货复核。",
        (Lang::Zh, Cause::Price) => "今后调价会提前公示。",
        (Lang::Zh, Cause::Malicious) => "我们会把记录提交平台核实。",
        (Lang::Zh, Cause::Misattributed) => "今后会标明店铺信息。",
        (Lang::Zh, Cause::Other) => "我们会逐项改进。",
        (Lang::En, Cause::Quality) => "We will tighten our checks.",
        (Lang::En, Cause::NotAsDescribed) => "We will update the listing.",
        (Lang::En, Cause::Logistics) => "From now on we will track every delivery closely.",
        (Lang::En, Cause::Packaging) => "We will switch to sturdier packing.",
        (Lang::En, Cause::Service) => "Going forward, we will train our team.",
        (Lang::En, Cause::ShippingError) => "We will add a second check at packing.",
        (Lang::En, Cause::Price) => "Price changes will be announced in advance.",
        (Lang::En, Cause::Malicious) => "We will report this to the platform going forward.",
        (Lang::En, Cause::Misattributed) => "We will add our shop name to the listing.",
        (Lang::En, Cause::Other) => "We will adjust based on your feedback.",
    }
}

fn opening(cause: Cause, lang: Lang) -> &'static str {
    match (lang, cause) {
        (Lang::Zh, Cause::Malicious) => "感谢评价，关于{problem}，我们会核对{product}的订单记录。",
        (Lang::Zh, Cause::Misattributed) => "感谢反馈，关于{problem}，和本店{product}的记录不一致。",
        (Lang::Zh, _) => "很抱歉{product}遇到{problem}的情况。",
        (Lang::En, Cause::Malicious) => "Thank you for your review of the {product}; we will check {problem} against our records.",
        (Lang::En, Cause::Misattributed) => "Thank you; {problem} does not match our records for the {product}.",
        (Lang::En, _) => "Sorry about {problem} with your {product}.",
    }
}

fn remedy_line(cause: Cause, lang: Lang) -> &'static str {
    match (lang, cause) {
        (Lang::Zh, Cause::Malicious) => "如商品确有问题，我们会{remedy}。",
        (Lang::Zh, Cause::Misattributed) => "如确是本店商品问题，我们{remedy}。",
        (Lang::Zh, _) => "我们会{remedy}。",
        (Lang::En, Cause::Malicious) => "If the item is faulty, we will {remedy}.",
        (Lang::En, Cause::Misattributed) => "If it is our item, we will {remedy}.",
        (Lang::En, _) => "We will {remedy}.",
    }
}

/// Brief variants per cause and language.
pub(crate) const BRIEF_VARIANTS: u32 = 2;

pub(crate) fn body(cause: Cause, lang: Lang, n: u32) -> String {
    let invite = match (lang, n % BRIEF_VARIANTS) {
        (Lang::Zh, 0) => "欢迎随时联系我们。",
        (Lang::Zh, _) => "期待您再次光临。",
        (Lang::En, 0) => "Contact us any time.",
        (Lang::En, _) => "We hope to see you again.",
    };
    let sep = if lang == Lang::Zh { "" } else { " " };
    [
        opening(cause, lang),
        remedy_line(cause, lang),
        change(cause, lang),
        invite,
    ]
    .join(sep)
}
