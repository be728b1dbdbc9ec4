//! The five parts of a good reply (PLAYBOOK §3), in order: acknowledge/apologise, ask for
//! details, a concrete remedy, what will change, an invitation. Which are required
//! depends on the channel; the phone script also needs its three beats.

use super::Hit;
use crate::drafts::model::{Channel, Severity};
use regex::Regex;

pub(super) struct Rules {
    acknowledge: Regex,
    ask: Regex,
    remedy: Regex,
    change: Regex,
    invite: Regex,
    identity: Regex,
    time: Regex,
    apology: Regex,
}

impl Rules {
    pub(super) fn new() -> Result<Rules, regex::Error> {
        Ok(Rules {
            acknowledge: Regex::new(
                r"(?i)抱歉|对不起|不好意思|致歉|歉意|道歉|添麻烦|感谢|谢谢|理解您|(?-u:\b)sorry(?-u:\b)|(?-u:\b)apologi[sz]e|(?-u:\b)apologies(?-u:\b)|(?-u:\b)thank you(?-u:\b)|(?-u:\b)thanks(?-u:\b)|(?-u:\b)we hear you(?-u:\b)|(?-u:\b)understand your(?-u:\b)",
            )?,
            ask: Regex::new(
                r"(?i)照片|图片|视频|截图|拍一|拍几|拍张|拍给|订单号|单号|具体情况|详细|告诉我|说一下|说说|核对一下|发给我|发来|发到|发过来|提供|物流状态|哪天|哪家|哪个|哪几|(?-u:\b)photos?(?-u:\b)|(?-u:\b)pictures?(?-u:\b)|(?-u:\b)video(?-u:\b)|(?-u:\b)screenshot(?-u:\b)|(?-u:\b)order number(?-u:\b)|(?-u:\b)details(?-u:\b)|(?-u:\b)tell us(?-u:\b)|(?-u:\b)let us know(?-u:\b)|(?-u:\b)could you(?-u:\b)|(?-u:\b)can you send(?-u:\b)|(?-u:\b)please send(?-u:\b)|(?-u:\b)share(?-u:\b)|(?-u:\b)confirm(?-u:\b)|(?-u:\b)which(?-u:\b)",
            )?,
            remedy: Regex::new(
                r"(?i)退款|退货|退还|专人跟进|专人负责|明确的答复|约一个确定的时间|追查|安排发出|退回|退差价|换货|换一件|换新|补发|重发|重新寄|重新给您做|重新做|补送|维修|保修|补偿|优惠券|礼物|礼品|包邮|积分|退换|妥善处理|优先名额|赔付|差价|(?-u:\b)refund|(?-u:\b)replace|(?-u:\b)exchange(?-u:\b)|(?-u:\b)resend(?-u:\b)|(?-u:\b)repair|(?-u:\b)warranty(?-u:\b)|(?-u:\b)coupon|(?-u:\b)gift|(?-u:\b)free shipping(?-u:\b)|(?-u:\b)cover the shipping(?-u:\b)|(?-u:\b)credit(?-u:\b)|(?-u:\b)store points(?-u:\b)|(?-u:\b)return(?-u:\b)|(?-u:\b)remake(?-u:\b)|(?-u:\b)compensat|(?-u:\b)make up for(?-u:\b)|(?-u:\b)price difference(?-u:\b)|(?-u:\b)make it right(?-u:\b)|(?-u:\b)put this right(?-u:\b)|(?-u:\b)first access(?-u:\b)|(?-u:\b)ship(ping)? the (correct|right)(?-u:\b)|(?-u:\b)prepaid (return )?label(?-u:\b)|(?-u:\b)send (you )?the (correct|right|missing)(?-u:\b)|(?-u:\b)one person in charge(?-u:\b)|(?-u:\b)one person responsible(?-u:\b)|(?-u:\b)a clear answer(?-u:\b)|(?-u:\b)book a new time(?-u:\b)|(?-u:\b)chase the parcel(?-u:\b)|(?-u:\b)dispatch your order(?-u:\b)",
            )?,
            change: Regex::new(
                r"(?i)改进|改善|加强|调整|优化|培训|升级|更换|复检|质检|检查|复核|核对|核实|今后|以后|之后|后续|避免再|不会再|重新拍|补充|标注|标明|公示|提交平台|反馈给|留存|详情页|记下|整理给|附上|排班|亲自跟进|盯着|跟踪|流程|正在|换了|加了|改用|更结实|(?-u:\b)improv|(?-u:\b)changed(?-u:\b)|(?-u:\b)changing(?-u:\b)|(?-u:\b)adjust|(?-u:\b)working through(?-u:\b)|(?-u:\b)noted(?-u:\b)|(?-u:\b)passed (this|it) on(?-u:\b)|(?-u:\b)listing(?-u:\b)|(?-u:\b)shop card(?-u:\b)|(?-u:\b)rota(?-u:\b)|(?-u:\b)process(?-u:\b)|(?-u:\b)announce|(?-u:\b)tracking(?-u:\b)|(?-u:\b)watch every(?-u:\b)|(?-u:\b)sturdier(?-u:\b)|(?-u:\b)tighten|(?-u:\b)retrain|(?-u:\b)trained(?-u:\b)|(?-u:\b)upgrad|(?-u:\b)switched(?-u:\b)|(?-u:\b)re-?check|(?-u:\b)inspect|(?-u:\b)from now on(?-u:\b)|(?-u:\b)going forward(?-u:\b)|(?-u:\b)in future(?-u:\b)|(?-u:\b)won't happen again(?-u:\b)|(?-u:\b)doesn't happen again(?-u:\b)|(?-u:\b)added(?-u:\b)|(?-u:\b)adding(?-u:\b)|(?-u:\b)reviewing(?-u:\b)|(?-u:\b)working with(?-u:\b)|(?-u:\b)raised this(?-u:\b)|(?-u:\b)reported(?-u:\b)|(?-u:\b)shared the records(?-u:\b)|(?-u:\b)clearer(?-u:\b)|(?-u:\b)second check(?-u:\b)",
            )?,
            invite: Regex::new(
                r"(?i)欢迎|随时|期待|再次光临|联系我们|找我们|找我|联系我|留言|下次|(?-u:\b)welcome(?-u:\b)|(?-u:\b)any ?time(?-u:\b)|(?-u:\b)reach out(?-u:\b)|(?-u:\b)contact us(?-u:\b)|(?-u:\b)reach us(?-u:\b)|(?-u:\b)reply here(?-u:\b)|(?-u:\b)hope to(?-u:\b)|(?-u:\b)look forward(?-u:\b)|(?-u:\b)get in touch(?-u:\b)|(?-u:\b)always happy(?-u:\b)|(?-u:\b)door is always open(?-u:\b)|(?-u:\b)whenever you need(?-u:\b)",
            )?,
            identity: Regex::new(
                r"(?i)请问是|请问您是|是[^。？?]{0,16}本人吗|您是[^。？?]{0,16}吗|(?-u:\b)am i speaking(?-u:\b)|(?-u:\b)is this(?-u:\b)|(?-u:\b)could i speak(?-u:\b)|(?-u:\b)may i speak(?-u:\b)|(?-u:\b)speaking with(?-u:\b)",
            )?,
            time: Regex::new(
                r"(?i)今天|明天|后天|今晚|明早|明晚|周[一二三四五六日天]|星期[一二三四五六日天]|[0-9]{1,2}点|[0-9]{1,2}:[0-9]{2}|[0-9]+个?小时内|[0-9]+天内|(?-u:\b)today(?-u:\b)|(?-u:\b)tomorrow(?-u:\b)|(?-u:\b)tonight(?-u:\b)|(?-u:\b)(mon|tues|wednes|thurs|fri|satur|sun)day(?-u:\b)|(?-u:\b)[0-9]{1,2}(:[0-9]{2})?\s?(am|pm)(?-u:\b)|(?-u:\b)within [0-9]+ (hours|days)(?-u:\b)",
            )?,
            apology: Regex::new(
                r"(?i)抱歉|对不起|不好意思|道歉|歉意|(?-u:\b)sorry(?-u:\b)|(?-u:\b)apologi[sz]e|(?-u:\b)apologies(?-u:\b)",
            )?,
        })
    }
}

fn missing(out: &mut Vec<Hit>, code: &'static str, severity: Severity) {
    out.push(Hit::missing(code, severity, None));
}

pub(super) fn check(r: &Rules, text: &str, channel: Channel, out: &mut Vec<Hit>) {
    if text.trim().is_empty() {
        missing(out, "structure.empty", Severity::Blocking);
        return;
    }
    let first = |re: &Regex| re.find(text).map(|m| m.start());
    let ack = first(&r.acknowledge);
    let ask = first(&r.ask);
    let remedy = first(&r.remedy);
    let change = first(&r.change);
    let invite = first(&r.invite);
    let ask_severity = match channel {
        // In public the details are asked in private; a pointer there is a bonus.
        Channel::Public => Severity::Info,
        Channel::Private | Channel::Phone => Severity::Warning,
    };
    if ack.is_none() {
        missing(out, "structure.missing_acknowledge", Severity::Warning);
    }
    if ask.is_none() {
        missing(out, "structure.missing_ask", ask_severity);
    }
    if remedy.is_none() {
        missing(out, "structure.missing_remedy", Severity::Warning);
    }
    if change.is_none() {
        missing(out, "structure.missing_change", Severity::Warning);
    }
    if invite.is_none() {
        missing(out, "structure.missing_invite", Severity::Warning);
    }
    // The apology opens the reply; one that starts with the remedy or the invitation
    // reads as brushing the buyer off.
    if let (Some(a), Some(rem)) = (ack, remedy) {
        if rem < a && channel != Channel::Phone {
            missing(out, "structure.order", Severity::Info);
        }
    }
    if channel == Channel::Phone {
        if first(&r.identity).is_none() {
            missing(out, "structure.phone_identity", Severity::Warning);
        }
        if r.apology.find_iter(text).count() < 2 {
            missing(out, "structure.phone_apologies", Severity::Warning);
        }
        if first(&r.time).is_none() {
            missing(out, "structure.phone_time", Severity::Warning);
        }
    }
}

/// Sentences that only ask for details (no apology, remedy, change or invitation in
/// them): in a public reply they can go when the platform's limit is tight.
pub(super) fn ask_only_sentences(r: &Rules, text: &str) -> Vec<(usize, usize)> {
    super::text::sentences(text)
        .into_iter()
        .filter(|&(s, e)| {
            let t = &text[s..e];
            r.ask.is_match(t)
                && !r.acknowledge.is_match(t)
                && !r.remedy.is_match(t)
                && !r.change.is_match(t)
                && !r.invite.is_match(t)
        })
        .collect()
}
