//! Turning a case into the values its drafts are filled with.

use super::model::{Channel, DraftPrefs, Lang, ProblemNote};
use super::platform::{courier_name, display_name, im_name};
use super::problems::name_problem;
use super::remedy_text::remedy_phrase;
use super::vars::Vars;
use crate::cases::{Case, Cause};
use crate::remedies::OfferedRemedy;
use crate::settings::Settings;

/// Long listing titles ("2024新款夏季女装连衣裙韩版宽松显瘦…") would swamp a reply;
/// drafts name the product by its first meaningful segment.
pub(crate) fn short_product(product: &str, lang: Lang) -> String {
    let max = match lang {
        Lang::Zh => 16,
        Lang::En => 40,
    };
    // Strong separators first ("Echo Dot (3rd Gen) - Smart speaker…" keeps its model),
    // spaces last (Chinese titles glue keywords with them).
    const TIERS: [&[&str]; 3] = [
        &[" - ", " | ", "，", ",", "|", "【", "[", " — "],
        &["（", "(", "/", "、"],
        &[" "],
    ];
    // Exports often carry doubled spaces ("Black  Spot").
    let collapsed = product.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut p = collapsed.as_str();
    for tier in TIERS {
        if p.chars().count() <= max {
            return p.to_string();
        }
        let cut = tier
            .iter()
            .filter_map(|sep| p.find(sep))
            .filter(|&i| p[..i].trim().chars().count() >= 2)
            .min();
        if let Some(i) = cut {
            p = p[..i].trim();
        }
    }
    if p.chars().count() <= max {
        return p.to_string();
    }
    p.chars().take(max).collect::<String>().trim().to_string()
}

/// How an English problem phrase calls the item: "your kettle", else "your order".
pub(crate) fn item_for(case: &Case, lang: Lang) -> String {
    let p = short_product(&case.product, lang);
    if lang == Lang::En && !p.is_empty() && !has_han(&p) {
        format!("your {p}")
    } else if lang == Lang::En {
        "your order".to_string()
    } else {
        p
    }
}

fn cause_label(cause: Cause, lang: Lang) -> &'static str {
    match (cause, lang) {
        (Cause::Quality, Lang::Zh) => "质量问题",
        (Cause::NotAsDescribed, Lang::Zh) => "与描述不符",
        (Cause::Logistics, Lang::Zh) => "物流问题",
        (Cause::Packaging, Lang::Zh) => "包装问题",
        (Cause::Service, Lang::Zh) => "服务问题",
        (Cause::ShippingError, Lang::Zh) => "发货问题",
        (Cause::Price, Lang::Zh) => "价格问题",
        (Cause::Malicious, Lang::Zh) => "评价争议",
        (Cause::Misattributed, Lang::Zh) => "评价对象不符",
        (Cause::Other, Lang::Zh) => "其他问题",
        (Cause::Quality, Lang::En) => "a quality problem",
        (Cause::NotAsDescribed, Lang::En) => "the item not matching its description",
        (Cause::Logistics, Lang::En) => "a delivery problem",
        (Cause::Packaging, Lang::En) => "a packaging problem",
        (Cause::Service, Lang::En) => "a service problem",
        (Cause::ShippingError, Lang::En) => "a shipping mistake",
        (Cause::Price, Lang::En) => "a pricing concern",
        (Cause::Malicious, Lang::En) => "a disputed review",
        (Cause::Misattributed, Lang::En) => "a review meant for another item",
        (Cause::Other, Lang::En) => "a problem with the order",
    }
}

/// A concrete follow-up time inside the playbook's call-back windows (12–13, 18–20,
/// the buyer's local time), varied by variant.
pub(crate) fn followup(lang: Lang, variant: u32) -> &'static str {
    const ZH: [&str; 3] = [
        "明天中午12点到1点之间",
        "明天晚上6点到8点之间",
        "今天晚上8点前",
    ];
    const EN: [&str; 3] = [
        "tomorrow between 12 and 1 pm",
        "tomorrow evening between 6 and 8 pm",
        "by 8 pm today",
    ];
    let i = (variant % 3) as usize;
    match lang {
        Lang::Zh => ZH[i],
        Lang::En => EN[i],
    }
}

fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The shop's default name reads oddly in an English reply; a real name is kept as is.
fn shop_name(case: &Case, settings: &Settings, lang: Lang) -> String {
    let name = settings.shop_or_default(&case.shop);
    if lang == Lang::En && Settings::is_default_shop(&name) {
        return "our shop".to_string();
    }
    name
}

/// Everything a template for `channel` may name, for one case, naming its problem from
/// the shipped catalogue.
pub(crate) fn vars_for(
    case: &Case,
    settings: &Settings,
    prefs: &DraftPrefs,
    offered: Option<&OfferedRemedy>,
    channel: Channel,
    lang: Lang,
    variant: u32,
) -> Vars {
    let problem = name_problem(
        crate::problems::shipped(),
        &case.review_text,
        case.follow_up_text.as_deref(),
        case.primary_cause,
        lang,
        &item_for(case, lang),
    );
    vars_with_problem(
        case,
        settings,
        prefs,
        offered,
        &problem.note,
        channel,
        lang,
        variant,
    )
}

/// Everything a template for `channel` may name, for one case whose problem is named
/// `problem`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn vars_with_problem(
    case: &Case,
    settings: &Settings,
    prefs: &DraftPrefs,
    offered: Option<&OfferedRemedy>,
    problem: &ProblemNote,
    channel: Channel,
    lang: Lang,
    variant: u32,
) -> Vars {
    let zh = lang == Lang::Zh;
    let public = channel == Channel::Public;
    // A masked nickname ("t**8") is not something to greet anyone with.
    let buyer = case
        .buyer_nick
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty() && !n.contains('*'))
        .filter(|_| !public)
        .unwrap_or("")
        .to_string();
    let order_id = case
        .order_id
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty() && !public)
        .unwrap_or("")
        .to_string();
    let order = match (order_id.is_empty(), zh) {
        (true, _) => String::new(),
        (false, true) => format!("订单{order_id}"),
        (false, false) => format!("order {order_id}"),
    };
    let shop = shop_name(case, settings, lang);
    let operator = match (lang, has_han(&settings.operator)) {
        (Lang::En, true) => "the shop owner".to_string(),
        _ => settings.operator.trim().to_string(),
    };
    let signoff = match lang {
        Lang::Zh if !prefs.signoff_zh.trim().is_empty() => prefs.signoff_zh.trim().to_string(),
        Lang::En if !prefs.signoff_en.trim().is_empty() => prefs.signoff_en.trim().to_string(),
        Lang::Zh => shop.clone(),
        Lang::En if shop == "our shop" => "The team".to_string(),
        Lang::En => format!("The {shop} team"),
    };
    let change = super::library::change_line(case.primary_cause, lang, variant);
    Vars {
        lang: Some(lang),
        buyer,
        product: short_product(&case.product, lang),
        product_full: case.product.trim().to_string(),
        problem: problem.phrase.clone(),
        cause: cause_label(case.primary_cause, lang).to_string(),
        order,
        order_id,
        remedy: remedy_phrase(
            offered,
            case.primary_cause,
            problem.fit,
            case.platform,
            lang,
            public,
        ),
        change: change.to_string(),
        followup: followup(lang, variant).to_string(),
        shop,
        operator,
        signoff,
        im: im_name(case.platform, lang).to_string(),
        courier: courier_name(case.platform, lang).to_string(),
        platform: display_name(case.platform, lang).to_string(),
    }
}
