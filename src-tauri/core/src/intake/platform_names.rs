//! Platforms as owners and sellers' tools name them: the codes, the short names used in
//! shop chats and file names (`pdd`, `tb`), and the Chinese names.

use crate::cases::Platform;

/// Every accepted name per platform, lower case; the code itself is accepted as well.
const NAMES: &[(Platform, &[&str])] = &[
    (Platform::Taobao, &["tb", "淘宝", "千牛"]),
    (Platform::Tmall, &["tm", "天猫"]),
    (Platform::Jd, &["jingdong", "jd.com", "京东"]),
    (Platform::Pinduoduo, &["pdd", "拼多多", "多多"]),
    (Platform::Douyin, &["dy", "tiktok", "抖音", "抖店"]),
    (
        Platform::Meituan,
        &["mt", "dianping", "dp", "美团", "大众点评", "点评"],
    ),
    (Platform::Amazon, &["amz", "amzn", "亚马逊"]),
    (Platform::Shopify, &["judgeme", "judge.me"]),
    (Platform::Other, &["其他", "其它"]),
];

impl Platform {
    /// The platform a typed name means, whatever its case and surrounding spaces: a code
    /// (`pinduoduo`) or a usual short or Chinese name (`pdd`, `TB`, `天猫`).
    pub fn from_name(text: &str) -> Option<Platform> {
        let t = text.trim().to_lowercase();
        Platform::parse(&t).or_else(|| {
            NAMES
                .iter()
                .find(|(_, names)| names.contains(&t.as_str()))
                .map(|(p, _)| *p)
        })
    }

    /// The codes with their short names, for help and error texts:
    /// `taobao (tb), tmall (tm), jd, pinduoduo (pdd), …`.
    pub fn names_help() -> String {
        Platform::ALL
            .iter()
            .map(|p| {
                let short = NAMES
                    .iter()
                    .find(|(q, _)| q == p)
                    .and_then(|(_, names)| names.iter().find(|n| n.len() <= 3 && n.is_ascii()));
                match short {
                    Some(s) => format!("{p} ({s})"),
                    None => p.to_string(),
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_chinese_names_mean_their_platform() {
        for (text, want) in [
            ("pdd", Platform::Pinduoduo),
            ("PDD", Platform::Pinduoduo),
            (" tb ", Platform::Taobao),
            ("TM", Platform::Tmall),
            ("dy", Platform::Douyin),
            ("mt", Platform::Meituan),
            ("jd", Platform::Jd),
            ("amz", Platform::Amazon),
            ("Amazon", Platform::Amazon),
            ("shopify", Platform::Shopify),
            ("拼多多", Platform::Pinduoduo),
            ("天猫", Platform::Tmall),
            ("other", Platform::Other),
        ] {
            assert_eq!(Platform::from_name(text), Some(want), "{text}");
        }
        for code in Platform::ALL {
            assert_eq!(Platform::from_name(code.as_str()), Some(*code));
        }
        assert!(Platform::names_help().starts_with("taobao (tb), tmall (tm), jd, pinduoduo (pdd)"));
        for nothing in ["", "ebay", "p d d"] {
            assert_eq!(Platform::from_name(nothing), None, "{nothing}");
        }
        let mut seen = Vec::new();
        for (_, names) in NAMES {
            for n in *names {
                assert_eq!(Platform::parse(n), None, "{n} shadows a code");
                assert!(!seen.contains(n), "{n} twice");
                seen.push(n);
            }
        }
    }
}
