//! Personal data must never appear in a public reply (PIPL; PLAYBOOK §7): phone numbers,
//! ID numbers, e-mail and street addresses, and names.

use super::text::digit_bounded;
use super::Hit;
use crate::drafts::model::Severity;
use regex::Regex;

pub(super) struct Rules {
    mobile_cn: Regex,
    masked_phone: Regex,
    landline: Regex,
    phone_us: Regex,
    id_number: Regex,
    email: Regex,
    address_zh: Regex,
    address_en: Regex,
    name_zh_label: Regex,
    name_zh_title: Regex,
    name_en_title: Regex,
    name_en_full: Regex,
    name_zh_greeting: Regex,
    phone_intl: Regex,
    order_number: Regex,
    own_contact: Regex,
    name_zh_buyer: Regex,
    name_en_thanks: Regex,
    name_en_first: Regex,
    account: Regex,
    phone_tail: Regex,
}

/// The most common Chinese surnames; "王先生" in a public reply names the buyer.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";

impl Rules {
    pub(super) fn new() -> Result<Rules, regex::Error> {
        Ok(Rules {
            mobile_cn: Regex::new(r"(\+?86[- ]?)?1[3-9][0-9](?:[- ]?[0-9]){8}")?,
            masked_phone: Regex::new(
                r"1[3-9][0-9][*＊xX]{4}[0-9]{4}|[0-9]{3}[*＊]{4,6}[0-9]{2,4}",
            )?,
            landline: Regex::new(r"0[0-9]{2,3}-[0-9]{7,8}")?,
            phone_us: Regex::new(r"\(?[2-9][0-9]{2}\)?[-. ][0-9]{3}[-. ][0-9]{4}")?,
            id_number: Regex::new(
                r"[1-6][0-9]{5}(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]",
            )?,
            email: Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")?,
            address_zh: Regex::new(
                r"\p{Han}{1,12}(路|街|大道|巷|弄|胡同)[0-9一二三四五六七八九十]+号|[0-9]+(号楼|栋|幢|单元|室)|\p{Han}{2,}省\p{Han}{2,}市|\p{Han}{2,}市\p{Han}{1,4}(区|县)\p{Han}{0,8}(路|街|镇|乡|村)",
            )?,
            address_en: Regex::new(
                r"(?-u:\b)[0-9]{1,5}\s+(?:[A-Z][a-z]+\s){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl)(?-u:\b)|(?-u:\b)(?:Apt|Apartment|Suite|Unit)\.?\s*#?[0-9]+",
            )?,
            name_zh_label: Regex::new(r"(收件人|收货人|姓名|真名|联系人)[:：\s]*\p{Han}{2,3}")?,
            name_zh_title: Regex::new(&format!(r"[{SURNAMES}]\p{{Han}}{{0,2}}(先生|女士|小姐)"))?,
            name_en_title: Regex::new(r"(?-u:\b)(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][a-z]+")?,
            name_en_full: Regex::new(
                r"(?-u:\b)(?:Dear|Hi|Hello|Hey)\s+[A-Z][a-z]+\s+[A-Z][a-z]{1,}(?-u:\b)",
            )?,
            // "您好孙志强，" "宝子黄晓燕，": a greeting, then a surname and a given name.
            name_zh_greeting: Regex::new(&format!(
                r"(?:您好|你好|亲爱的|尊敬的|宝子|宝宝|亲亲|亲|嗨)[，,\s]*([{SURNAMES}]\p{{Han}}{{1,2}})(?:[，,！!。\s]|您|你|$)"
            ))?,
            // UK and other numbers written with a country or trunk prefix.
            phone_intl: Regex::new(
                r"(?:\+44\s?7[0-9]{3}|(?-u:\b)07[0-9]{3})\s?[0-9]{3}\s?[0-9]{3}(?-u:\b)|\+[1-9][0-9]{0,2}[\s-]?\(?[0-9]{1,4}\)?(?:[\s-]?[0-9]{2,4}){2,4}",
            )?,
            order_number: Regex::new(
                r"(?i)(?:订单号|订单编号|订单)[:：\s]*[A-Za-z0-9-]{8,}|(?-u:\b)order\s*(?:number|no\.?|id)?\s*[:#]?\s*#?\s*[A-Z0-9]{2,}[A-Z0-9-]{4,}",
            )?,
            // The shop's own line, mailbox or address may be published.
            own_contact: Regex::new(
                r"(?i)热线|客服电话|客服热线|售后电话|售后热线|服务电话|店铺电话|本店电话|门店电话|店里电话|联系电话是|我们的(电话|邮箱|地址)|本店(地址|邮箱)|店铺(地址|邮箱)|门店地址|我们店在|店址|(?-u:\b)(hotline|support line|customer service|call us|email us|contact us|reach us|write to us|our (phone|number|line|email|address|store|shop|office|warehouse|showroom)|visit us|find us|we're at|we are at|we are located)(?-u:\b)",
            )?,
            // "买家王建国反映…": the buyer named by a surname and a given name.
            name_zh_buyer: Regex::new(&format!(
                r"(?:买家|顾客|客户|用户|收件人|消费者)\s?([{SURNAMES}]\p{{Han}}{{1,2}})(?:反映|说|的|，|,|您|你|在|已|表示|提到|收到)"
            ))?,
            name_en_thanks: Regex::new(
                r"(?-u:\b)(?:Thanks|Thank you|Sorry|Good morning|Good afternoon|Good evening|Welcome back),?\s+[A-Z][a-z]+\s+[A-Z][a-z]{1,}(?-u:\b)",
            )?,
            // "Hi Jordan," in a public reply still names the buyer.
            name_en_first: Regex::new(
                r"(?-u:\b)(?:Dear|Hi|Hello|Hey)\s+([A-Z][a-z]{2,})(?:,|!|\s+-)",
            )?,
            account: Regex::new(
                r"(?i)(?:微信号?|vx|wx|v信|qq号?|支付宝(?:账号|帐号)?|旺旺号?)[:：]?\s*[A-Za-z0-9][A-Za-z0-9_.@-]{4,29}",
            )?,
            phone_tail: Regex::new(r"(?:手机|电话|号码)?尾号\s?[0-9]{4}")?,
        })
    }
}

fn push(out: &mut Vec<Hit>, code: &'static str, severity: Severity, s: usize, e: usize) {
    out.push(Hit::at(code, severity, s, e));
}

/// Known facts of the case that must not be repeated publicly.
pub(super) struct Known<'a> {
    pub buyer_nick: Option<&'a str>,
    pub order_id: Option<&'a str>,
    pub phone: Option<&'a str>,
}

/// The shop's own contact detail: named as the shop's just before it, or inside it
/// ("本店客服电话400-…", "我们店在杭州市…号", "email us at support@…").
fn own_contact(r: &Rules, text: &str, s: usize, e: usize) -> bool {
    let from = text[..s]
        .rfind(['。', '！', '？', '!', '?', '\n'])
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    r.own_contact.find_iter(&text[from..e]).any(|m| {
        let end = from + m.end();
        end > s || text[end..s].chars().count() <= 16
    })
}

pub(super) fn check(r: &Rules, text: &str, known: &Known, out: &mut Vec<Hit>) {
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let overlaps =
        |taken: &[(usize, usize)], s: usize, e: usize| taken.iter().any(|&(a, b)| s < b && a < e);
    for m in r.id_number.find_iter(text) {
        if digit_bounded(text, m.start(), m.end()) {
            push(out, "pii.id_number", Severity::Blocking, m.start(), m.end());
            taken.push((m.start(), m.end()));
        }
    }
    for re in [&r.mobile_cn, &r.landline, &r.phone_us, &r.phone_intl] {
        for m in re.find_iter(text) {
            let own = m.as_str().starts_with("400")
                || m.as_str().starts_with("800")
                || own_contact(r, text, m.start(), m.end());
            if own {
                taken.push((m.start(), m.end()));
                continue;
            }
            if digit_bounded(text, m.start(), m.end()) && !overlaps(&taken, m.start(), m.end()) {
                push(out, "pii.phone", Severity::Blocking, m.start(), m.end());
                taken.push((m.start(), m.end()));
            }
        }
    }
    for m in r.masked_phone.find_iter(text) {
        if !overlaps(&taken, m.start(), m.end()) {
            push(
                out,
                "pii.masked_phone",
                Severity::Warning,
                m.start(),
                m.end(),
            );
        }
    }
    for m in r.phone_tail.find_iter(text) {
        if !overlaps(&taken, m.start(), m.end()) {
            push(
                out,
                "pii.masked_phone",
                Severity::Warning,
                m.start(),
                m.end(),
            );
        }
    }
    for m in r.account.find_iter(text) {
        if !own_contact(r, text, m.start(), m.end()) {
            push(out, "pii.account", Severity::Blocking, m.start(), m.end());
        }
    }
    for m in r.email.find_iter(text) {
        if !own_contact(r, text, m.start(), m.end()) {
            push(out, "pii.email", Severity::Blocking, m.start(), m.end());
        }
    }
    for re in [&r.address_zh, &r.address_en] {
        for m in re.find_iter(text) {
            if !own_contact(r, text, m.start(), m.end()) {
                push(out, "pii.address", Severity::Blocking, m.start(), m.end());
            }
        }
    }
    for m in r.name_zh_label.find_iter(text) {
        push(out, "pii.name", Severity::Blocking, m.start(), m.end());
    }
    for re in [&r.name_zh_title, &r.name_en_title, &r.name_en_full] {
        for m in re.find_iter(text) {
            push(out, "pii.name", Severity::Warning, m.start(), m.end());
        }
    }
    for c in r
        .name_zh_greeting
        .captures_iter(text)
        .chain(r.name_zh_buyer.captures_iter(text))
    {
        if let Some(m) = c.get(1) {
            push(out, "pii.name", Severity::Warning, m.start(), m.end());
        }
    }
    for m in r.name_en_thanks.find_iter(text) {
        push(out, "pii.name", Severity::Warning, m.start(), m.end());
    }
    let named: Vec<(usize, usize)> = r
        .name_en_full
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    for c in r.name_en_first.captures_iter(text) {
        let Some(m) = c.get(1) else { continue };
        // "Dear Customer", "Hi there": a greeting, not a name.
        let generic = [
            "There",
            "Customer",
            "Customers",
            "Shopper",
            "Shoppers",
            "Buyer",
            "Buyers",
            "All",
            "Everyone",
            "Friend",
            "Friends",
            "Valued",
            "Team",
            "Folks",
            "Sir",
            "Madam",
        ]
        .contains(&m.as_str());
        if !generic && !overlaps(&named, m.start(), m.end()) {
            push(out, "pii.name", Severity::Warning, m.start(), m.end());
        }
    }
    let usable = |v: Option<&str>| {
        v.map(str::trim)
            .filter(|v| v.chars().count() >= 2 && !v.contains('*'))
            .map(str::to_string)
    };
    if let Some(nick) = usable(known.buyer_nick) {
        if let Some(at) = text.find(&nick) {
            push(
                out,
                "pii.buyer_nick",
                Severity::Warning,
                at,
                at + nick.len(),
            );
        }
    }
    let mut orders: Vec<(usize, usize)> = Vec::new();
    if let Some(order) = usable(known.order_id) {
        if order.chars().count() >= 4 {
            if let Some(at) = text.find(&order) {
                push(out, "pii.order_id", Severity::Warning, at, at + order.len());
                orders.push((at, at + order.len()));
            }
        }
    }
    // An order number written out ("订单号258903746512", "order 112-8834201-7766120") links
    // to the buyer's details even when the case does not know it.
    for m in r.order_number.find_iter(text) {
        if m.as_str().chars().filter(char::is_ascii_digit).count() >= 4
            && !overlaps(&orders, m.start(), m.end())
        {
            push(out, "pii.order_id", Severity::Warning, m.start(), m.end());
        }
    }
    if let Some(phone) = usable(known.phone) {
        let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
        if digits.len() >= 7 {
            if let Some(at) = text.find(&digits) {
                if !overlaps(&taken, at, at + digits.len()) {
                    push(out, "pii.phone", Severity::Blocking, at, at + digits.len());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{check, Known, Rules};
    use crate::drafts::checker::Hit;

    fn codes(t: &str) -> Vec<&'static str> {
        let rules = Rules::new().unwrap();
        let none = Known {
            buyer_nick: None,
            order_id: None,
            phone: None,
        };
        let mut hits: Vec<Hit> = Vec::new();
        check(&rules, t, &none, &mut hits);
        hits.into_iter().map(|h| h.code).collect()
    }

    #[test]
    fn the_buyers_data_is_found_however_written() {
        for t in [
            "已给您寄到北京市朝阳区建国路88号。",
            "我们联系了张小姐，她说已经收到了。",
            "您预留的手机185 1234 5678打不通。",
            "李明先生，您的退款已处理。",
            "Hi Emily Clark, we've sent the replacement to 48 Oak Avenue.",
            "We reached you at +1 415 555 0199 yesterday.",
            "Your email john.doe@gmail.com is on file.",
            "收货地址：广州市天河区体育西路。",
            "买家王建国反映的问题已解决。",
            "Thanks, Sarah Johnson, for your patience.",
            "Your order 113-2234567-1234567 has been refunded.",
            "订单号：4567891234567，已为您补发。",
            "您的微信号abc12345我们已经加了。",
            "宝子，您留的QQ 12345678 我们加不上。",
            "这位顾客（手机尾号5678）反映的问题已处理。",
            "Dear Mrs. Lopez, the refund went out today.",
            "We shipped it to your apartment at 12 Pine Rd, Unit 3B.",
            "Call me back at 555-013-4567.",
            "我们按您提供的地址（上海市浦东新区张江路）重新寄出。",
            "Hi Jordan, thanks for letting us know.",
        ] {
            assert!(
                codes(t).iter().any(|c| c.starts_with("pii.")),
                "{t}: {:?}",
                codes(t)
            );
        }
    }

    #[test]
    fn the_shops_own_contact_details_may_be_published() {
        for t in [
            "本店客服电话400-888-1234，欢迎来电。",
            "如有问题请拨打我们的售后热线0571-88886666。",
            "订单已经重新安排发货，请留意物流信息。",
            "我们的邮箱service@shop.com，欢迎反馈。",
            "Email us at support@brightleaf.com any time.",
            "Our store is at 100 Main Street, come visit!",
            "我们店在杭州市西湖区文三路100号，欢迎到店自提。",
            "王师傅明天会上门安装。",
            "Hi there, thanks for the honest review.",
            "Dear Customer, we are sorry for the delay.",
        ] {
            assert!(
                !codes(t).iter().any(|c| c.starts_with("pii.")),
                "{t}: {:?}",
                codes(t)
            );
        }
    }
}
