//! Blaming, arguing with or mocking the buyer, however worded. Read per sentence as:
//!
//! - an accusation that stands on its own: the review is made up (乱写, 与事实不符, lies,
//!   a competitor), the buyer is singled out (就您一个, everyone else loves it), the shop
//!   denies any fault (跟我们无关, not our fault), mockery (呵呵, "Sure, because…", Classic.);
//! - a fault predicate with the **buyer as its subject** and no shop subject nearer: "您…
//!   没看清", "你自己选错颜色", "you didn't check the voltage" — but "是我们没仔细核对" is
//!   the shop owning up, and is fine;
//! - a **rhetorical question** at the buyer: "用了两个月才说质量差？", "就你有问题？".
//!
//! Words that only report the buyer ("您在评价里说我们是骗子") accuse no one.

use super::frame::Frame;
use crate::drafts::checker::Hit;
use crate::drafts::model::{PartRole, Severity};
use regex::Regex;

pub(super) struct Rules {
    strong: Regex,
    needs_buyer: Regex,
    rhetorical: Regex,
    buyer: Regex,
    shop: Regex,
}

fn re(parts: &[&str]) -> Result<Regex, regex::Error> {
    let body = parts.join("|").replace(r"\b", r"(?-u:\b)");
    Regex::new(&format!("(?i){body}"))
}

/// Accusations that need no subject: what they say is about the buyer or the review.
const STRONG: &[&str] = &[
    // the review is false or malicious
    r"无理取闹|胡搅蛮缠|蛮不讲理|不可理喻|强词夺理|乱写|乱评|乱说|乱讲|乱喷|胡说|胡扯|瞎说|瞎写|瞎评|瞎扯|造谣|诬陷|污蔑|诽谤|撒谎|说谎|骗人|骗子|敲诈|勒索|讹人|讹我们|碰瓷|找茬|找事|差评师|职业差评|职业打假",
    r"恶意差评|恶意评价|同行(恶意|竞争|搞|抹黑|冒充)|竞争对手|抹黑|误导(别人|大家|其他|消费者|买家)|(和|与|跟)事实(完全|严重)?不符|不符合事实|颠倒黑白|别有用心|居心(不良|何在)",
    // the buyer as a type
    r"占便宜|白嫖|贪小便宜|薅羊毛|没素质|素质(太|真|有点)?差|智商|眼瞎|瞎了|不识字|看不懂字|活该|自作自受|玻璃心|矫情|事儿多|难伺候|挑刺|鸡蛋里挑骨头|爱买不买|不买拉倒|你这种|你们这种|这种人",
    // the buyer should have known; "we told you so"
    r"(您|你)自己(想想|清楚|没|不|选错|弄|用|的问题|摔|泡|洗|操作|搞|看错|买错)|自己想想|心里清楚|心知肚明|早就说了|我们说过|说了多少遍|说过多少次|不是说了",
    r"(详情页|页面|直播间?|标题|说明书?)(上|里)?(都|已经)?(写|标|说)得?(很|非常|清清楚楚|明明白白|清楚|明白)|看不懂吗|能不能看清|劝(您|你)|(建议|请)(您|你|这位)[^，。！？]{0,6}先(搞|弄|看|想)清楚|先学会|学会(正确)?(使用|用)|再来评价|再来差评|别(乱|误导)|不要(乱|误导)",
    // singling the buyer out
    r"就(您|你)一个|就(您|你)有问题|只有(您|你)(一个)?(说|有|反映)|(别的|其他|其它|其余)(买家|顾客|客人|人|亲)(都|全)|(几百|几千|上千|上万|这么多|那么多|成千上万|[0-9]+)个?(人|买家|顾客|单|件)(都|全)(没|说好|好评|满意)|卖出去?了?[0-9一二三四五六七八九十百千万]+(件|单|个|份)",
    // denying any fault of the shop
    r"不是我们的(问题|责任|错)|不关我们(的事)?|跟我们(无关|没关系|没有关系)|和我们(无关|没关系)|与我们无关|不能怪我们|怪不(到|得)我们|赖不(到|着)我们|(还|反而|却|倒)怪我们|赖我们|冤枉(我们|人)",
    // mocking and moralising
    r"明明|怎么可能|呵呵|无语|搞笑|可笑|笑死|良心过得去|有没有良心|摸摸良心|有没有想过|(您|你)这是(故意|典型|什么)|是谁的问题|口味(的)?问题",
    // English
    r"\bliars?\b|\blying\b|\blies\b|\blied\b|\bscam\w*|\bextort\w*|\bblackmail\w*|\bfake reviews?\b|\bfraud\w*|\bdishonest\b|\b(made|making) (this|that|it|stuff|things) up\b|\bspreading\b|\bcompetitor\b|\btroll\w*",
    r"\bnonsense\b|\bridiculous\b|\babsurd\b|\bentitled\b|\bunreasonable\b|\bclueless\b|\bignorant\b|\b(your|user|operator) (error|fault|mistake)\b|\b(it's|that's|this is) on you\b",
    r"\bnot our (fault|problem|responsibility|issue)\b|\b(wasn't|isn't|was not|is not) (even )?our (fault|problem)\b|\bnothing to do with us\b|\b(nobody|no one) (who )?(actually|else)\b|\beveryone else\b|\bevery other (customer|buyer)\b",
    r"\b(thousands|hundreds) of (other |happy |satisfied )?(customers|buyers|people)\b|\bother customers (love|have|had|don't)\b|\bread the (description|listing|instructions|manual|label|size chart|product page)\b",
    r"\bif you had (read|checked|followed|bothered|measured)\b|\bbothered to\b|\b(you clearly|you obviously|obviously you|clearly you)\b|\byou must have\b|\byou should (have|'ve)\b|\byou failed to\b",
    r"\byou (didn't|did not|never) (even )?(read|check|follow|bother|look|measure|notice|pay attention|use|try)\b|\bmisus\w*|\bmishandl\w*|\b(somebody|someone|you) drop(s|ped)?\b|\boverfill\w*",
    r"\byou (broke|damaged|ordered the wrong|picked the wrong|chose the wrong|bought the wrong)\b|\bclassic[.!]|\bcome on\b|\bnice try\b|\bgood luck with that\b|\bare you (serious|kidding)\b|\byou're telling me\b",
    r"\bgive me a break\b|\bget real\b|\b(sure|yeah|right|oh sure),? because\b|\boh please\b|\blol\b|\blmao\b|\bimpossible\b|\bstop (spreading|lying|posting|complaining)\b|\btrash(ed|ing)? us\b|\battack(ed|ing) us\b",
    r"\bslander\w*|\bdefam\w*|\bwhat did you expect\b|\bfor that price\b|\byou get what you pay for\b|\bsupposed to survive\b|\blearn (how )?to (use|read)\b|\b(you|people) (need|should|might want) to learn\b",
    r"\bseriously[?!]|\bhow (could|can|did) you\b|\bdid you even\b|\bdon't just break\b|\bjust because you\b|\bcan'?t read\b|\buser error\b",
];

/// Fault predicates that blame only when the buyer is their subject.
const NEEDS_BUYER: &[&str] = &[
    r"没(有)?看清|没(有)?仔细看|没(有)?认真(看|听|读)|没(有)?看(详情|说明|描述|尺码|介绍|完)|不看(详情|说明|描述|介绍)|买前不看|没(有)?(仔细)?听|没(有)?量|没测量",
    r"选错|买错|拍错|下错|用错|装错|放错|填错|写错|操作(不当|错误|失误)|使用不当|不会用|不会使用|用法不对|懂不懂|不懂(就|还)|不识货",
    r"(摔|泡|弄坏|用坏|洗坏|弄脏|摔坏|压坏|用84)(的|了)|故意|存心|有意为之|看清楚再|想清楚再|要求(太|过)高|太挑|挑剔|标准(太|过)高",
    r"(才|现在才)(说|来说|反映|评价|想起)|怎么不(说|早说|提)|当初(怎么|为什么|不)|早干(嘛|什么)|过得去吗|的吧[？?]",
    r"\b(forgot|ignored|skipped|misread|overlooked)\b|\bwrong (size|color|colour|model|voltage|item)\b",
];

/// Question forms that challenge the buyer rather than ask.
const RHETORICAL: &[&str] = &[
    r"怎么(会|能|就|才|不)|为什么(不|没|要|才|现在)|难道|凭什么|不可能|这不是.{0,12}吗|什么意思|什么心态|哪来的|哪有|至于吗|有必要吗|好意思吗|有没有搞错|是不是(您|你|没|不)",
    r"\breally\?|\bseriously\?|\bhow is that our\b|\bwhose fault\b|\bwho (buys|orders|expects)\b|\bdid you (even|really|actually)\b|\bwhat were you\b",
];

impl Rules {
    pub(super) fn new() -> Result<Rules, regex::Error> {
        Ok(Rules {
            strong: re(STRONG)?,
            needs_buyer: re(NEEDS_BUYER)?,
            rhetorical: re(RHETORICAL)?,
            buyer: re(&[
                r"您自己|你自己|您|你|这位(顾客|买家|亲|客人|朋友|用户|客官)|该(买家|顾客)|有些(人|买家)|某些(人|买家)|这种(人|买家)|这位",
                r"\byou('re|'ve|'d)?\b|\byour(self)?\b|\bthis (customer|buyer|reviewer|person)\b|\b(somebody|someone|some people|people like you)\b",
            ])?,
            shop: re(&[r"我们|我|本店|小店|店里|\bwe\b|\bi\b|\bour\b|\bus\b"])?,
        })
    }

    /// Extra conditions a regular expression cannot state.
    fn strong_ok(&self, f: &Frame, s: usize, e: usize) -> bool {
        let word = f.text[s..e].to_ascii_lowercase();
        let rest = f.text[e..].trim_start().to_ascii_lowercase();
        match word.as_str() {
            // "the problem lies in the batch" is no accusation.
            "lies" => !(rest.starts_with("in ") || rest.starts_with("with ")),
            "spreading" => !rest.starts_with("the word"),
            // "明明是我们的疏忽" owns up; "这明明不对" argues.
            "明明" => !["我们", "我", "本店", "小店"]
                .iter()
                .any(|w| rest.trim_start_matches('是').starts_with(w)),
            _ => true,
        }
    }
}

pub(super) fn check(r: &Rules, f: &Frame, out: &mut Vec<Hit>) {
    // Parts per sentence: the buyer named, and each accusation.
    let mut per_sentence: Vec<(usize, Vec<(PartRole, usize, usize)>)> = Vec::new();
    let mut add = |sentence: usize, part: (PartRole, usize, usize)| match per_sentence
        .iter_mut()
        .find(|(s, _)| *s == sentence)
    {
        Some((_, parts)) => {
            if !parts.iter().any(|p| p.1 < part.2 && part.1 < p.2) {
                parts.push(part);
            }
        }
        None => per_sentence.push((sentence, vec![part])),
    };
    let text = f.text;
    for m in r.strong.find_iter(text) {
        if f.reported(m.start()) || !r.strong_ok(f, m.start(), m.end()) {
            continue;
        }
        add(
            f.sentence_index(m.start()),
            (PartRole::Accusation, m.start(), m.end()),
        );
    }
    for m in r.needs_buyer.find_iter(text) {
        if f.reported(m.start()) {
            continue;
        }
        if let Some(buyer) = buyer_subject(r, f, m.start()) {
            let sentence = f.sentence_index(m.start());
            add(sentence, (PartRole::Buyer, buyer.0, buyer.1));
            add(sentence, (PartRole::Accusation, m.start(), m.end()));
        }
    }
    for m in r.rhetorical.find_iter(text) {
        if f.reported(m.start()) || !f.is_question(m.start()) {
            continue;
        }
        let (ss, se) = f.sentence_of(m.start());
        if let Some(b) = r.buyer.find(&text[ss..se]) {
            let sentence = f.sentence_index(m.start());
            add(sentence, (PartRole::Buyer, ss + b.start(), ss + b.end()));
            add(sentence, (PartRole::Accusation, m.start(), m.end()));
        }
    }
    for (_, mut parts) in per_sentence {
        if !parts.iter().any(|p| p.0 == PartRole::Accusation) {
            continue;
        }
        parts.sort_by_key(|p| (p.1, p.2));
        let start = parts.iter().map(|p| p.1).min().unwrap_or(0);
        let end = parts.iter().map(|p| p.2).max().unwrap_or(0);
        let mut hit = Hit::at("tone.blame", Severity::Warning, start, end);
        // A lone accusation is its own finding; parts matter when there are several.
        if parts.len() > 1 {
            hit.parts = parts;
        }
        out.push(hit);
    }
}

/// The buyer named as the subject before a fault predicate, in its clause or earlier in
/// its sentence, with no shop subject nearer to it ("给您添麻烦了，是我们没仔细核对" is the
/// shop owning up).
fn buyer_subject(r: &Rules, f: &Frame, at: usize) -> Option<(usize, usize)> {
    let (ss, _) = f.sentence_of(at);
    let (cs, _) = f.clause_of(at);
    let lead = &f.text[ss..at];
    let buyer = r.buyer.find_iter(lead).last()?;
    let (bs, be) = (ss + buyer.start(), ss + buyer.end());
    let between = &f.text[be..at];
    if r.shop.is_match(between) {
        return None;
    }
    // A buyer named only in an earlier clause still counts when nothing else is a subject
    // in between ("您收到货七天后，才说有划痕").
    if bs < cs && r.shop.is_match(&f.text[cs..at]) {
        return None;
    }
    Some((bs, be))
}
