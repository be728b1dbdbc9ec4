//! Tone: blaming or arguing, complaining about the shop's own hardship, insults and
//! heat, blaming the courier in front of other buyers, guessing the buyer's gender.

use super::Hit;
use crate::drafts::model::{Channel, Severity};
use regex::Regex;

pub(super) struct Rules {
    blame: Regex,
    blame_courier: Regex,
    hardship: Regex,
    insult: Regex,
    heat: Regex,
    gender: Regex,
    unfilled: Regex,
}

impl Rules {
    pub(super) fn new() -> Result<Rules, regex::Error> {
        Ok(Rules {
            blame: Regex::new(
                r"(?i)你自己|您自己|不可能|明明|恶意|怪你|怪您|你的问题|是你的|是您的问题|不是我们的问题|跟我们无关|与我们无关|和我们无关|不关我们|不是我们的责任|没看清|没仔细看|不会用|使用不当|乱说|胡说|造谣|诬陷|敲诈|勒索|职业差评|差评师|骗子|你这种|你们这种|自己看|早就说了|我们说过|说了多少遍|爱买不买|你懂不懂|(?-u:\b)you should have(?-u:\b)|(?-u:\b)your (own )?fault(?-u:\b)|(?-u:\b)you didn'?t read(?-u:\b)|(?-u:\b)you did not read(?-u:\b)|(?-u:\b)you failed to(?-u:\b)|(?-u:\b)user error(?-u:\b)|(?-u:\b)not our (problem|fault|responsibility)(?-u:\b)|(?-u:\b)impossible(?-u:\b)|(?-u:\b)obviously you(?-u:\b)|(?-u:\b)clearly you(?-u:\b)|(?-u:\b)you (obviously|clearly)(?-u:\b)|(?-u:\b)misused(?-u:\b)|(?-u:\b)you must have(?-u:\b)|(?-u:\b)liar(?-u:\b)|(?-u:\b)lying(?-u:\b)|(?-u:\b)scam(mer)?(?-u:\b)|(?-u:\b)fake review(?-u:\b)|(?-u:\b)extortion(?-u:\b)|(?-u:\b)blackmail(?-u:\b)|(?-u:\b)read the (description|listing)(?-u:\b)",
            )?,
            blame_courier: Regex::new(
                r"(?i)快递的问题|快递的责任|快递的锅|怪快递|快递弄的|是快递|快递公司的问题|物流的问题|骑手的问题|骑手的责任|怪骑手|(?-u:\b)(courier|carrier|post office|postal service|delivery company)('s)? (fault|problem|responsibility)(?-u:\b)|(?-u:\b)blame (the )?(courier|carrier|post office)(?-u:\b)",
            )?,
            hardship: Regex::new(
                r"(?i)扣钱|扣工资|扣绩效|扣分|罚款|罚钱|我们也很难|我们也不容易|做生意不容易|挺不容易|小本生意|赚不了|赚不到|没赚|亏本|亏钱|养家|求求|可怜可怜|利润很低|利润薄|差评对我们影响|(?-u:\b)docked(?-u:\b)|(?-u:\b)get fined(?-u:\b)|(?-u:\b)we('re| are) (just )?a small business(?-u:\b)|(?-u:\b)we barely(?-u:\b)|(?-u:\b)our margins(?-u:\b)|(?-u:\b)hurts our business(?-u:\b)|(?-u:\b)lose money(?-u:\b)|(?-u:\b)losing money(?-u:\b)|(?-u:\b)have mercy(?-u:\b)|(?-u:\b)struggling(?-u:\b)|(?-u:\b)hard for us(?-u:\b)|(?-u:\b)feed my family(?-u:\b)|(?-u:\b)one bad review(?-u:\b)",
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
    out.push(Hit {
        code,
        severity,
        range: Some((s, e)),
        detail: None,
    });
}

pub(super) fn check(r: &Rules, text: &str, channel: Channel, out: &mut Vec<Hit>) {
    for m in r.blame.find_iter(text) {
        push(out, "tone.blame", Severity::Warning, m.start(), m.end());
    }
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
    for m in r.hardship.find_iter(text) {
        push(out, "tone.hardship", Severity::Warning, m.start(), m.end());
    }
    for m in r.insult.find_iter(text) {
        push(out, "tone.insult", Severity::Blocking, m.start(), m.end());
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
