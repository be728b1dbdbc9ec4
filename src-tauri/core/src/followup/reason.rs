//! Why a reminder exists, as a stable code with parameters (what is stored and what the
//! UI may localise itself) and ready-made Chinese and English sentences.

use crate::common::Lang;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReminderReason {
    /// e.g. `callback.no_answer`, `promise_due.remedy`.
    pub code: String,
    /// Values the sentences use: local times, day counts, a promise's label.
    pub params: BTreeMap<String, String>,
    pub zh: String,
    pub en: String,
}

impl ReminderReason {
    pub fn new<const N: usize>(code: &str, params: [(&str, String); N]) -> ReminderReason {
        let params: BTreeMap<String, String> = params
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        ReminderReason::from_parts(code.to_string(), params)
    }

    /// Rebuilds the sentences from a stored code and parameters.
    pub fn from_parts(code: String, params: BTreeMap<String, String>) -> ReminderReason {
        let (zh, en) = render(&code, &params);
        ReminderReason {
            code,
            params,
            zh,
            en,
        }
    }

    /// The sentence in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

fn render(code: &str, p: &BTreeMap<String, String>) -> (String, String) {
    // A missing parameter shows as a visible gap rather than failing a reminder.
    let g = |k: &str| p.get(k).map(String::as_str).unwrap_or("…");
    let window_zh = || format!("买家当地时间 {} {}–{}", g("date"), g("start"), g("end"));
    let window_en = || format!("{} {}–{} buyer's time", g("date"), g("start"), g("end"));
    match code {
        "first_response" => (
            format!("评价已满 {} 小时，仍未回复买家：请立即首次联系", g("hours")),
            format!(
                "{} h have passed since the review and the buyer has had no reply: make first contact now",
                g("hours")
            ),
        ),
        "first_response_warning" => (
            format!(
                "首次回复时限（评价后 {} 小时）还剩 {} 小时",
                g("hours"),
                g("left")
            ),
            format!(
                "{} h left to reply first (deadline: {} h after the review)",
                g("left"),
                g("hours")
            ),
        ),
        "callback.no_answer" => (
            format!("上次电话未接通，请在{} 再次回电", window_zh()),
            format!("The last call went unanswered: call again {}", window_en()),
        ),
        "callback.asked_later" => (
            format!("买家请稍后回电，请在{} 回电", window_zh()),
            format!("The buyer asked to be called later: call {}", window_en()),
        ),
        "callback.any_time" => (
            "上次电话未接通，请再次回电".to_string(),
            "The last call went unanswered: call again".to_string(),
        ),
        "escalate_phone" => (
            format!(
                "消息 {} 天未获回复，建议改打电话：{}",
                g("days"),
                window_zh()
            ),
            format!(
                "No reply to messages for {} days: phone the buyer {}",
                g("days"),
                window_en()
            ),
        ),
        "escalate_phone.any_time" => (
            format!("消息 {} 天未获回复，建议改打电话", g("days")),
            format!("No reply to messages for {} days: phone the buyer", g("days")),
        ),
        "call_later" => (
            format!("买家约定的回电时间到了（买家当地时间 {}）", g("time")),
            format!(
                "The buyer asked to be called back now ({} buyer's time)",
                g("time")
            ),
        ),
        "check_review_update" => (
            format!(
                "买家答应在 {}（买家当地时间）前修改评价：请查看评价是否已更新",
                g("time")
            ),
            format!(
                "The buyer agreed to update the review by {} (buyer's time): check whether it changed",
                g("time")
            ),
        ),
        "revisit" => (
            format!(
                "问题解决已满 {} 天：请回访买家，确认是否满意、补发的商品是否收到",
                g("days")
            ),
            format!(
                "{} days since the case was resolved: check in with the buyer (happy? did the replacement arrive?)",
                g("days")
            ),
        ),
        "promise_due.remedy" => (
            format!("补救措施到期：{}", g("label")),
            format!("Remedy due: {}", g("label")),
        ),
        "promise_due.promise" => (
            format!("承诺到期：{}", g("label")),
            format!("Promise due: {}", g("label")),
        ),
        "explanation_deadline" => (
            format!(
                "评价解释将于 {} 关闭（评价后 {} 天），请尽快发布解释",
                g("deadline"),
                g("days")
            ),
            format!(
                "The seller explanation closes on {} ({} days after the review): post it soon",
                g("deadline"),
                g("days")
            ),
        ),
        "appeal_deadline" => (
            format!(
                "恶意/错评申诉将于 {} 截止（评价后 {} 天），请整理证据并提交申诉",
                g("deadline"),
                g("days")
            ),
            format!(
                "Appeals close on {} ({} days after the review): gather the evidence and file the appeal",
                g("deadline"),
                g("days")
            ),
        ),
        "appeal_deadline.filed" => (
            format!("申诉截止 {}：{}", g("deadline"), g("label")),
            format!("Appeal deadline {}: {}", g("deadline"), g("label")),
        ),
        other => (other.to_string(), other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_renders_both_languages_without_gaps() {
        let params = [
            ("hours", "24".to_string()),
            ("left", "4".to_string()),
            ("date", "2026-11-24".to_string()),
            ("start", "12:00".to_string()),
            ("end", "13:00".to_string()),
            ("days", "2".to_string()),
            ("time", "2026-11-24 15:00".to_string()),
            ("label", "refund 20 CNY".to_string()),
            ("deadline", "2026-12-20".to_string()),
        ];
        for code in [
            "first_response",
            "first_response_warning",
            "callback.no_answer",
            "callback.asked_later",
            "callback.any_time",
            "escalate_phone",
            "escalate_phone.any_time",
            "call_later",
            "check_review_update",
            "revisit",
            "promise_due.remedy",
            "promise_due.promise",
            "explanation_deadline",
            "appeal_deadline",
            "appeal_deadline.filed",
        ] {
            let r = ReminderReason::new(code, params.clone());
            assert!(!r.zh.contains('…') && !r.en.contains('…'), "{code}: {r:?}");
            assert!(r.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
            assert!(
                !r.en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{code}: {}",
                r.en
            );
            assert_ne!(r.zh, code);
        }
        let r = ReminderReason::new("first_response", [("hours", "24".to_string())]);
        assert_eq!(r.text(Lang::En), r.en);
        assert_eq!(r.text(Lang::Zh), r.zh);
    }
}
