//! The report's words in Chinese and English: names of the vocabulary (the same as the
//! app's), numbers as people read them, and the summary sentences.

use super::{Headline, RecurringProblem};
use crate::cases::{CaseStatus, Cause, Platform};
use crate::common::Lang;
use crate::insights::model::Dashboard;
use crate::remedies::money;

pub(crate) fn cause_label(c: Cause, lang: Lang) -> &'static str {
    use Cause::*;
    match c {
        Quality => lang.pick("质量问题", "Quality"),
        NotAsDescribed => lang.pick("与描述不符", "Not as described"),
        Logistics => lang.pick("物流/快递", "Delivery"),
        Packaging => lang.pick("包装", "Packaging"),
        Service => lang.pick("服务态度", "Service"),
        ShippingError => lang.pick("发货问题", "Shipping error"),
        Price => lang.pick("价格/性价比", "Price / value"),
        Malicious => lang.pick("恶意/敲诈", "Malicious / extortion"),
        Misattributed => lang.pick("张冠李戴", "Misattributed"),
        Other => lang.pick("其他", "Other"),
    }
}

pub(crate) fn platform_label(p: Platform, lang: Lang) -> &'static str {
    use Platform::*;
    match p {
        Taobao => lang.pick("淘宝", "Taobao"),
        Tmall => lang.pick("天猫", "Tmall"),
        Jd => lang.pick("京东", "JD"),
        Pinduoduo => lang.pick("拼多多", "Pinduoduo"),
        Douyin => lang.pick("抖音", "Douyin"),
        Meituan => lang.pick("美团", "Meituan"),
        Amazon => "Amazon",
        Shopify => "Shopify",
        Other => lang.pick("其他", "Other"),
    }
}

pub(crate) fn status_label(s: CaseStatus, lang: Lang) -> &'static str {
    use CaseStatus::*;
    match s {
        New => lang.pick("新差评", "New"),
        Contacting => lang.pick("联系中", "Contacting"),
        Negotiating => lang.pick("协商中", "Negotiating"),
        WaitingUpdate => lang.pick("待买家改评", "Awaiting review update"),
        Resolved => lang.pick("已解决", "Resolved"),
        Closed => lang.pick("已关闭", "Closed"),
    }
}

/// 12.34%
pub(crate) fn rate_text(bp: Option<u32>) -> String {
    match bp {
        Some(bp) => format!("{}.{:02}%", bp / 100, bp % 100),
        None => "—".to_string(),
    }
}

/// "3 小时 20 分" / "3 h 20 min"; days from two days on.
pub(crate) fn duration_text(secs: Option<i64>, lang: Lang) -> String {
    let Some(s) = secs else {
        return "—".to_string();
    };
    let minutes = (s.max(0) + 30) / 60;
    let (d, h, m) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    match lang {
        Lang::Zh if minutes < 60 => format!("{m} 分钟"),
        Lang::Zh if minutes < 2 * 1440 => format!("{} 小时 {m} 分", minutes / 60),
        Lang::Zh => format!("{d} 天 {h} 小时"),
        Lang::En if minutes < 60 => format!("{m} min"),
        Lang::En if minutes < 2 * 1440 => format!("{} h {m} min", minutes / 60),
        Lang::En => format!("{d} d {h} h"),
    }
}

pub(crate) fn money_text(cents: Option<i64>, currency: &str) -> String {
    match cents {
        Some(c) => money::format_money(c, currency),
        None => "—".to_string(),
    }
}

/// The sentences at the top of the report.
pub(crate) fn summary(
    lang: Lang,
    h: &Headline,
    d: &Dashboard,
    problems: &[RecurringProblem],
) -> Vec<String> {
    let mut out = Vec::new();
    let zh = lang == Lang::Zh;
    out.push(if zh {
        format!("本期收到差评 {} 条、中评 {} 条。", h.bad, h.neutral)
    } else {
        format!(
            "{} bad and {} neutral reviews came in this period.",
            h.bad, h.neutral
        )
    });
    if h.reviews > 0 {
        out.push(if zh {
            format!(
                "导入的 {} 条评价中差评和中评占 {}。",
                h.reviews,
                rate_text(h.bad_rate_bp)
            )
        } else {
            format!(
                "Of {} imported reviews, {} were bad or neutral.",
                h.reviews,
                rate_text(h.bad_rate_bp)
            )
        });
    }
    if let Some(top) = d.causes.first() {
        out.push(if zh {
            format!(
                "最主要的原因是「{}」，占 {}。",
                cause_label(top.cause, lang),
                rate_text(Some(top.share_bp))
            )
        } else {
            format!(
                "The leading cause was {} ({}).",
                cause_label(top.cause, lang).to_lowercase(),
                rate_text(Some(top.share_bp))
            )
        });
    }
    out.push(match (zh, h.closed) {
        (true, 0) => "本期没有结案的案例。".to_string(),
        (false, 0) => "No case was closed in this period.".to_string(),
        (true, _) => format!(
            "结案 {} 件，挽回 {} 件，挽回率 {}。",
            h.closed,
            h.recovered,
            rate_text(h.recovery_rate_bp)
        ),
        (false, _) => format!(
            "{} cases were closed and {} recovered: a recovery rate of {}.",
            h.closed,
            h.recovered,
            rate_text(h.recovery_rate_bp)
        ),
    });
    let hours = d.response.deadlines.hours;
    out.push(match (zh, h.median_first_contact_secs) {
        (true, Some(_)) => format!(
            "首次联系中位用时 {}，{} 件超过 {hours} 小时首次响应时限。",
            duration_text(h.median_first_contact_secs, lang),
            h.deadlines_missed
        ),
        (true, None) => format!(
            "本期没有记录联系，{} 件超过 {hours} 小时首次响应时限。",
            h.deadlines_missed
        ),
        (false, Some(_)) => format!(
            "Median time to first contact was {}; {} cases missed the {hours}-hour first-response deadline.",
            duration_text(h.median_first_contact_secs, lang),
            h.deadlines_missed
        ),
        (false, None) => format!(
            "No contact was logged; {} cases missed the {hours}-hour first-response deadline.",
            h.deadlines_missed
        ),
    });
    let spent = money::format_money(h.spent_cents, &h.currency);
    out.push(match (zh, h.cost_per_recovered_cents) {
        (true, Some(c)) => format!(
            "补偿支出 {spent}，每挽回一条评价花费 {}。",
            money::format_money(c, &h.currency)
        ),
        (true, None) => format!("补偿支出 {spent}。"),
        (false, Some(c)) => format!(
            "Remedies cost {spent}; each recovered review cost {}.",
            money::format_money(c, &h.currency)
        ),
        (false, None) => format!("Remedies cost {spent}."),
    });
    if h.open_overdue > 0 || h.commitments_overdue > 0 {
        out.push(if zh {
            format!(
                "仍有 {} 件超时未联系的案例、{} 项已逾期的承诺，请优先处理。",
                h.open_overdue, h.commitments_overdue
            )
        } else {
            format!(
                "{} open cases are past the deadline without contact and {} commitments are overdue: deal with them first.",
                h.open_overdue, h.commitments_overdue
            )
        });
    }
    if let Some(p) = problems.first() {
        out.push(if zh {
            format!("最常见的问题：{}", p.line)
        } else {
            format!("Most frequent problem: {}", p.line)
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(rate_text(Some(1234)), "12.34%");
        assert_eq!(rate_text(Some(5)), "0.05%");
        assert_eq!(rate_text(None), "—");
        assert_eq!(duration_text(Some(1_790), Lang::Zh), "30 分钟");
        assert_eq!(
            duration_text(Some(3 * 3600 + 20 * 60), Lang::En),
            "3 h 20 min"
        );
        assert_eq!(duration_text(Some(50 * 3600), Lang::Zh), "2 天 2 小时");
        assert_eq!(money_text(Some(1250), "CNY"), "¥12.50");
    }
}
