//! Cause classification, severity and risk flags (PLAYBOOK section 2).

use crate::cases::Cause;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy)]
pub struct TriageInput<'a> {
    pub text: &'a str,
    pub stars: u8,
    pub has_photos: bool,
    pub order_value_cents: Option<i64>,
    pub product: &'a str,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Triage {
    pub primary: Cause,
    pub causes: Vec<Cause>,
    pub severity: u8,
    pub flags: Vec<String>,
    pub reasons: Vec<String>,
}

const LEXICON: &[(Cause, &[&str])] = &[
    (
        Cause::Malicious,
        &["返现", "给钱", "赔钱", "不然差评", "否则差评", "同行"],
    ),
    (
        Cause::ShippingError,
        &["发错", "漏发", "少发", "没发货", "赠品没有"],
    ),
    (
        Cause::Packaging,
        &["包装简陋", "盒子", "压扁", "没包好", "包装"],
    ),
    (
        Cause::Logistics,
        &["物流", "快递", "还没到", "丢件", "不送上门", "太慢"],
    ),
    (
        Cause::Service,
        &["客服", "不回复", "态度差", "爱答不理", "推卸"],
    ),
    (
        Cause::NotAsDescribed,
        &["色差", "尺码", "偏大", "偏小", "不一样", "描述", "图片"],
    ),
    (Cause::Price, &["贵", "不值", "降价", "差价", "性价比"]),
    (
        Cause::Quality,
        &[
            "质量", "瑕疵", "坏了", "破", "脱线", "掉色", "起球", "死机", "卡顿", "漏", "异味",
            "假货",
        ],
    ),
];

pub fn classify(input: &TriageInput) -> Triage {
    let mut causes = Vec::new();
    let mut reasons = Vec::new();
    for (cause, words) in LEXICON {
        if let Some(w) = words.iter().find(|w| input.text.contains(*w)) {
            causes.push(*cause);
            reasons.push(format!("{}: {w}", cause.as_str()));
        }
    }
    let primary = causes.first().copied().unwrap_or(Cause::Other);
    if causes.is_empty() {
        causes.push(Cause::Other);
    }
    let severity = if input.stars <= 1 { 2 } else { 1 };
    Triage {
        primary,
        causes,
        severity,
        flags: Vec::new(),
        reasons,
    }
}
