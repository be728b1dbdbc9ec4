//! The rule a finding rests on, named for where the shop sells: China's E-commerce Law and
//! the platform's own review rules on the Chinese platforms, the FTC rule on consumer
//! reviews (and Amazon's review policy) for Amazon and Shopify (PLAYBOOK §7).

use crate::cases::Platform;

/// Where a shop's reviews are governed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Jurisdiction {
    China,
    UnitedStates,
    /// A platform the app does not know: both rules are named.
    Unknown,
}

pub(crate) fn jurisdiction(platform: Platform) -> Jurisdiction {
    match platform {
        Platform::Amazon | Platform::Shopify => Jurisdiction::UnitedStates,
        Platform::Other => Jurisdiction::Unknown,
        _ => Jurisdiction::China,
    }
}

/// The platform's name in both languages, for "淘宝的评价规则".
fn platform_name(platform: Platform) -> (&'static str, &'static str) {
    match platform {
        Platform::Taobao => ("淘宝", "Taobao"),
        Platform::Tmall => ("天猫", "Tmall"),
        Platform::Jd => ("京东", "JD"),
        Platform::Pinduoduo => ("拼多多", "Pinduoduo"),
        Platform::Douyin => ("抖音电商", "Douyin"),
        Platform::Meituan => ("美团", "Meituan"),
        Platform::Amazon => ("亚马逊", "Amazon"),
        Platform::Shopify => ("Shopify", "Shopify"),
        Platform::Other => ("平台", "the platform"),
    }
}

const CN_LAW_ZH: &str =
    "《中华人民共和国电子商务法》第十七条（不得编造用户评价、作虚假或引人误解的商业宣传）";
const CN_LAW_EN: &str =
    "China's E-commerce Law, art. 17 (no fabricated reviews, no false or misleading promotion)";
const FTC_ZH: &str =
    "美国联邦贸易委员会（FTC）消费者评价规则，16 CFR Part 465（第465.4条：不得以补偿或其他好处换取、或以此为条件要求特定倾向的评价）";
const FTC_EN: &str = "FTC rule on consumer reviews and testimonials, 16 CFR Part 465 (§ 465.4: no compensation or other incentive in exchange for, or conditioned on, a review of a particular sentiment)";

/// (zh, en) names of the rules a finding rests on; empty when the finding is advice only.
pub(crate) fn cited(code: &str, platform: Platform) -> (String, String) {
    if code != "compliance.review_incentive" {
        return (String::new(), String::new());
    }
    let (pz, pe) = platform_name(platform);
    match jurisdiction(platform) {
        Jurisdiction::China => (
            format!("{CN_LAW_ZH}；{pz}的评价规则（禁止以返现、红包、优惠券、赠品等好处诱导买家给好评或修改、删除评价）"),
            format!("{CN_LAW_EN}; {pe}'s review rules (no cash back, red packets, coupons, gifts or other benefits to induce a positive, changed or deleted review)"),
        ),
        Jurisdiction::UnitedStates if platform == Platform::Amazon => (
            format!("{FTC_ZH}；亚马逊的买家评论政策（不得以退款、赠品等好处换取评论，或要求买家修改、删除评论）"),
            format!("{FTC_EN}; Amazon's customer product reviews policy (no refunds, gifts or other incentives for a review, or for changing or removing one)"),
        ),
        Jurisdiction::UnitedStates => (FTC_ZH.to_string(), FTC_EN.to_string()),
        Jurisdiction::Unknown => (
            format!("{CN_LAW_ZH}；{FTC_ZH}"),
            format!("{CN_LAW_EN}; {FTC_EN}"),
        ),
    }
}

/// The short form for the explanation itself: "电商法第十七条和淘宝的评价规则".
pub(crate) fn short(platform: Platform) -> (String, String) {
    let (pz, pe) = platform_name(platform);
    match jurisdiction(platform) {
        Jurisdiction::China => (
            format!("《电子商务法》第十七条和{pz}的评价规则"),
            format!("China's E-commerce Law (art. 17) and {pe}'s review rules"),
        ),
        Jurisdiction::UnitedStates if platform == Platform::Amazon => (
            "美国FTC消费者评价规则（16 CFR Part 465）和亚马逊的评论政策".to_string(),
            "the FTC rule on consumer reviews (16 CFR Part 465) and Amazon's review policy"
                .to_string(),
        ),
        Jurisdiction::UnitedStates => (
            "美国FTC消费者评价规则（16 CFR Part 465）".to_string(),
            "the FTC rule on consumer reviews (16 CFR Part 465)".to_string(),
        ),
        Jurisdiction::Unknown => (
            "《电子商务法》第十七条、平台评价规则和美国FTC消费者评价规则".to_string(),
            "China's E-commerce Law (art. 17), platform review rules and the FTC rule on consumer reviews"
                .to_string(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_market_cites_its_own_rule() {
        for p in Platform::ALL {
            let (zh, en) = cited("compliance.review_incentive", *p);
            assert!(!zh.is_empty() && !en.is_empty(), "{p:?}");
            match jurisdiction(*p) {
                Jurisdiction::China => {
                    assert!(zh.contains("电子商务法") && zh.contains("第十七条"), "{zh}");
                    assert!(!zh.contains("FTC") && en.contains("art. 17"), "{en}");
                    assert!(zh.contains(platform_name(*p).0));
                }
                Jurisdiction::UnitedStates => {
                    assert!(en.contains("16 CFR Part 465") && !en.contains("E-commerce Law"));
                    assert!(zh.contains("16 CFR Part 465"));
                }
                Jurisdiction::Unknown => {
                    assert!(en.contains("16 CFR Part 465") && en.contains("art. 17"));
                }
            }
        }
        assert!(cited("compliance.review_incentive", Platform::Amazon)
            .1
            .contains("Amazon"));
        assert_eq!(
            cited("tone.blame", Platform::Taobao),
            (String::new(), String::new())
        );
    }
}
