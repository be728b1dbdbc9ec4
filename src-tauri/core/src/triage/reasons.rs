//! The wording of reasons, in Chinese and English.

use super::model::{Reason, ReasonKind};
use crate::cases::Cause;

/// The playbook's name of a cause.
pub fn cause_name(cause: Cause, zh: bool) -> &'static str {
    match (cause, zh) {
        (Cause::Quality, true) => "质量问题",
        (Cause::NotAsDescribed, true) => "与描述不符",
        (Cause::Logistics, true) => "物流/快递",
        (Cause::Packaging, true) => "包装",
        (Cause::Service, true) => "服务态度",
        (Cause::ShippingError, true) => "发货问题",
        (Cause::Price, true) => "价格/性价比",
        (Cause::Malicious, true) => "恶意/敲诈",
        (Cause::Misattributed, true) => "张冠李戴",
        (Cause::Other, true) => "其他",
        (Cause::Quality, false) => "quality",
        (Cause::NotAsDescribed, false) => "not as described",
        (Cause::Logistics, false) => "logistics",
        (Cause::Packaging, false) => "packaging",
        (Cause::Service, false) => "service",
        (Cause::ShippingError, false) => "shipping error",
        (Cause::Price, false) => "price",
        (Cause::Malicious, false) => "malicious",
        (Cause::Misattributed, false) => "misattributed",
        (Cause::Other, false) => "other",
    }
}

/// Money in fen as `¥12.34` (or `¥500` when whole).
pub(super) fn yuan(cents: i64) -> String {
    if cents % 100 == 0 {
        format!("¥{}", cents / 100)
    } else {
        format!("¥{}.{:02}", cents / 100, (cents % 100).abs())
    }
}

pub(super) fn cause(cause: Cause, term: &str, owner: bool) -> Reason {
    let (kind, zh, en) = if owner {
        (
            ReasonKind::OwnerKeyword,
            format!("{}：“{term}”（自定义关键词）", cause_name(cause, true)),
            format!("{}: “{term}” (your keyword)", cause_name(cause, false)),
        )
    } else {
        (
            ReasonKind::Cause,
            format!("{}：“{term}”", cause_name(cause, true)),
            format!("{}: “{term}”", cause_name(cause, false)),
        )
    };
    Reason {
        kind,
        cause: Some(cause),
        term: term.to_string(),
        zh,
        en,
    }
}

/// The learned model's support for a cause: its probability and the review's grams that
/// pushed it there most.
pub(super) fn model(cause: Cause, prob: f32, grams: &[&str]) -> Reason {
    let pct = (prob * 100.0).round().clamp(0.0, 100.0) as u32;
    let quoted = |sep: &str| {
        grams
            .iter()
            .map(|g| format!("“{g}”"))
            .collect::<Vec<_>>()
            .join(sep)
    };
    let (zh, en) = if grams.is_empty() {
        (
            format!(
                "{}：模型判断（{pct}%），依据词典线索",
                cause_name(cause, true)
            ),
            format!(
                "{}: model ({pct} %), from the lexicon's cues",
                cause_name(cause, false)
            ),
        )
    } else {
        (
            format!(
                "{}：模型判断（{pct}%），依据{}",
                cause_name(cause, true),
                quoted("")
            ),
            format!(
                "{}: model ({pct} %), from {}",
                cause_name(cause, false),
                quoted(", ")
            ),
        )
    };
    Reason {
        kind: ReasonKind::Model,
        cause: Some(cause),
        term: grams.join(" | "),
        zh,
        en,
    }
}

/// A reason that is not tied to one cause.
pub(super) fn simple(kind: ReasonKind, term: &str) -> Reason {
    let (zh, en) = match kind {
        ReasonKind::Safety => (
            format!("提到 {term}"),
            format!("mentions “{term}” (safety/health)"),
        ),
        ReasonKind::Escalation => (
            format!("威胁投诉 {term}"),
            format!("threatens to escalate (“{term}”)"),
        ),
        ReasonKind::OneStar => ("1 星评价".to_string(), "1-star review".to_string()),
        ReasonKind::Photos => ("附有图片".to_string(), "has photos".to_string()),
        ReasonKind::HighValue => (
            format!("订单金额较高（{term}）"),
            format!("high order value ({term})"),
        ),
        ReasonKind::RepeatBuyer if term.is_empty() => {
            ("回头客".to_string(), "repeat buyer".to_string())
        }
        ReasonKind::RepeatBuyer => (
            format!("回头客（“{term}”）"),
            format!("repeat buyer (“{term}”)"),
        ),
        ReasonKind::Extortion => (
            format!("疑似敲诈：“{term}”"),
            format!("possible extortion: “{term}”"),
        ),
        ReasonKind::Insult => (format!("含辱骂：“{term}”"), format!("insult: “{term}”")),
        ReasonKind::NeverBought => (
            format!("称未购买：“{term}”"),
            format!("says they never bought: “{term}”"),
        ),
        ReasonKind::Competitor => (
            format!("疑似同行：“{term}”"),
            format!("possible competitor: “{term}”"),
        ),
        ReasonKind::Misattributed => (
            format!("疑似评错店铺或商品：“{term}”"),
            format!("possibly meant for another shop or item: “{term}”"),
        ),
        ReasonKind::AsksRefund => (
            format!("要求退款（“{term}”）"),
            format!("asks for a refund (“{term}”)"),
        ),
        ReasonKind::AsksReturn => (
            format!("要求退货（“{term}”）"),
            format!("asks to return (“{term}”)"),
        ),
        ReasonKind::AsksExchange => (
            format!("要求换货（“{term}”）"),
            format!("asks for an exchange (“{term}”)"),
        ),
        ReasonKind::Staff => (
            format!("提到员工：“{term}”"),
            format!("mentions a staff member: “{term}”"),
        ),
        ReasonKind::Courier => (
            format!("提到快递员/骑手：“{term}”"),
            format!("mentions the courier: “{term}”"),
        ),
        ReasonKind::KeywordAlert => (
            format!("关键词提醒：“{term}”"),
            format!("keyword alert: “{term}”"),
        ),
        // Cause reasons are built by `cause`; these arms keep the match total.
        ReasonKind::Cause
        | ReasonKind::OwnerKeyword
        | ReasonKind::ProductMismatch
        | ReasonKind::Model
        | ReasonKind::Ai => (term.to_string(), term.to_string()),
    };
    Reason {
        kind,
        cause: None,
        term: term.to_string(),
        zh,
        en,
    }
}

/// The review names a kind of goods the product is not.
pub(super) fn product_mismatch(
    mentioned: &str,
    mentioned_zh: &str,
    mentioned_en: &str,
    product: &str,
) -> Reason {
    Reason {
        kind: ReasonKind::ProductMismatch,
        cause: Some(Cause::Misattributed),
        term: mentioned.to_string(),
        zh: format!("评价说的是“{mentioned}”（{mentioned_zh}），商品是“{product}”"),
        en: format!(
            "review talks about “{mentioned}” ({mentioned_en}), the product is “{product}”"
        ),
    }
}
