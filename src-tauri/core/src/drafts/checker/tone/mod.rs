//! Tone: blaming, arguing with or mocking the buyer, the owner's own hardship and begging,
//! insults and heat, blaming the courier in front of other buyers, guessing the buyer's
//! gender. Blame and hardship are read as structure (who is said to have done what, and
//! what the owner asks for); the rest are single words.

mod blame;
mod frame;
mod hardship;

use super::Hit;
use crate::drafts::model::{Channel, Severity};
use frame::Frame;

/// A part of a finding: its role and byte range.
type Part = (crate::drafts::model::PartRole, usize, usize);
use regex::Regex;

pub(super) struct Rules {
    blame: blame::Rules,
    hardship: hardship::Rules,
    frame: frame::Rules,
    blame_courier: Regex,
    insult: Regex,
    heat: Regex,
    gender: Regex,
    unfilled: Regex,
}

impl Rules {
    pub(super) fn new() -> Result<Rules, regex::Error> {
        Ok(Rules {
            blame: blame::Rules::new()?,
            hardship: hardship::Rules::new()?,
            frame: frame::Rules::new()?,
            blame_courier: Regex::new(
                r"(?i)快递的问题|快递的责任|快递的锅|怪快递|快递弄的|是快递|快递公司的问题|物流的问题|骑手的问题|骑手的责任|怪骑手|(?-u:\b)(courier|carrier|post office|postal service|delivery company)('s)? (fault|problem|responsibility)(?-u:\b)|(?-u:\b)blame (the )?(courier|carrier|post office)(?-u:\b)",
            )?,
            insult: Regex::new(
                r"(?i)垃圾(?:[^袋桶箱篓分站]|$)|滚蛋|滚吧|给我滚|神经病|你有病|有病吧|脑子进水|没脑子|智障|白痴|傻逼|傻子|傻瓜|(?-u:\b)stupid(?-u:\b)|(?-u:\b)idiot(?-u:\b)|(?-u:\b)shut up(?-u:\b)|(?-u:\b)dumb(?-u:\b)|(?-u:\b)moron(?-u:\b)",
            )?,
            heat: Regex::new(r"[!！]{2,}|[?？]{2,}|呵呵|无语")?,
            gender: Regex::new(
                r"(先生|女士|小姐|小姐姐|帅哥|美女)(?:您好|你好|吗|呢|，|,|！|!|。|？|\?|”|\x22|\s|$)|(?:请问是|请问您是)[^。？?]{0,6}(先生|女士|小姐)|(?-u:\b)(?:sir|madam|ma'am)(?-u:\b)|(?-u:\b)(?:Mr|Mrs|Ms)\.?\s",
            )?,
            unfilled: Regex::new(r"\{[A-Za-z_][A-Za-z0-9_ ]*(\|[^{}]*)?\}")?,
        })
    }
}

fn push(out: &mut Vec<Hit>, code: &'static str, severity: Severity, s: usize, e: usize) {
    out.push(Hit::at(code, severity, s, e));
}

pub(super) fn check(r: &Rules, text: &str, channel: Channel, out: &mut Vec<Hit>) {
    let frame = Frame::new(&r.frame, text);
    blame::check(&r.blame, &frame, out);
    hardship::check(&r.hardship, &frame, out);
    if channel == Channel::Public {
        for m in r.blame_courier.find_iter(text) {
            push(
                out,
                "tone.blame_courier",
                Severity::Warning,
                m.start(),
                m.end(),
            );
        }
    }
    for m in r.insult.find_iter(text) {
        // "您说我们的东西是垃圾" quotes the buyer; it insults no one.
        if !frame.reported(m.start()) {
            push(out, "tone.insult", Severity::Blocking, m.start(), m.end());
        }
    }
    for m in r.heat.find_iter(text) {
        push(out, "tone.heat", Severity::Info, m.start(), m.end());
    }
    if channel != Channel::Public {
        for m in r.gender.find_iter(text) {
            push(
                out,
                "tone.gender_guess",
                Severity::Warning,
                m.start(),
                m.end(),
            );
        }
    }
    for m in r.unfilled.find_iter(text) {
        push(
            out,
            "template.unfilled",
            Severity::Blocking,
            m.start(),
            m.end(),
        );
    }
}

#[cfg(test)]
mod paraphrases;

#[cfg(test)]
mod tests {
    use super::paraphrases::{BLAME, HARDSHIP, NEITHER};
    use crate::drafts::checker::Hit;
    use crate::drafts::model::Channel;

    fn codes(t: &str) -> Vec<&'static str> {
        static RULES: std::sync::LazyLock<super::Rules> =
            std::sync::LazyLock::new(|| super::Rules::new().unwrap());
        let mut hits: Vec<Hit> = Vec::new();
        super::check(&RULES, t, Channel::Private, &mut hits);
        hits.into_iter().map(|h| h.code).collect()
    }

    #[test]
    fn tone_is_read_however_it_is_worded() {
        let blame = |c: &[&str]| c.contains(&"tone.blame") || c.contains(&"tone.insult");
        let missed_blame: Vec<_> = BLAME.iter().filter(|t| !blame(&codes(t))).collect();
        let missed_hardship: Vec<_> = HARDSHIP
            .iter()
            .filter(|t| !codes(t).contains(&"tone.hardship"))
            .collect();
        let wrongly: Vec<_> = NEITHER
            .iter()
            .filter(|t| {
                let c = codes(t);
                blame(&c) || c.contains(&"tone.hardship")
            })
            .collect();
        assert!(
            missed_blame.is_empty() && missed_hardship.is_empty() && wrongly.is_empty(),
            "blame missed: {missed_blame:#?}\nhardship missed: {missed_hardship:#?}\nwrongly: {wrongly:#?}"
        );
    }
}
