//! A Chinese clause made into the problem phrase of a reply, which reads it as
//! "…出现了{phrase}的情况" / "关于{phrase}这件事": the complaint itself ("屏幕有坏点",
//! "送来的时候汤都洒了"), without the words around it that only a buyer would say (但是,
//! 我觉得, 真的, 啊), refused when it is too long, an insult, an accusation the shop
//! would be repeating, or holds personal data.

use super::naming::is_han;
use std::ops::Range;

/// Longest phrase, in characters: a reply quotes the complaint, not the review.
const MAX: usize = 14;
const MIN: usize = 3;

/// Words that open a clause without being part of the complaint, longest first where one
/// starts another.
const LEADING: &[&str] = &[
    "你们家",
    "你们",
    "你家",
    "总的来说",
    "总而言之",
    "个人感觉",
    "个人觉得",
    "我感觉",
    "我觉得",
    "感觉",
    "觉得",
    "但是",
    "可是",
    "不过",
    "而且",
    "并且",
    "还有",
    "另外",
    "就是",
    "只是",
    "然后",
    "所以",
    "因为",
    "总之",
    "其实",
    "本来",
    "最后",
    "首先",
    "其次",
    "再就是",
    "再者",
    "再加上",
    "加上",
    "唯一",
    "关键是",
    "除了",
    "想说",
    "只想说",
    "要说",
    "不得不说",
    "说实话",
    "老实说",
    "说真的",
    "反正",
    "毕竟",
    "怪不得",
    "难怪",
    "为什么",
    "为啥",
    "怎么",
    "咋",
    "主要是",
    "问题是",
    "真的是",
    "真是",
    "真的",
    "实在是",
    "实在",
    "确实",
    "简直",
    "居然",
    "竟然",
    "结果",
    "发现",
    "可惜",
    "特别是",
    "尤其是",
    "尤其",
    "特别",
    "至于",
    "而",
    "但",
    "且",
    "也",
    "还",
    "又",
    "都",
    "就",
    "却",
    "这次",
    "这个",
    "这款",
    "这家",
    "这些",
    "那个",
    "东西",
    "宝贝",
    "商品",
    "产品",
    "是",
];

/// Words after which the complaint starts, when the clause has them before it ("收到后
/// 发现屏幕有坏点").
const TURNS: &[&str] = &[
    "发现",
    "结果",
    "居然",
    "竟然",
    "没想到",
    "谁知道",
    "谁知",
    "可惜",
    "但是",
    "可是",
    "不过",
    "就是",
    "感觉",
    "觉得",
    "的是",
];

/// Degree words and bare evaluations: a phrase of nothing else says nothing ("太差了").
const DEGREES: &[&str] = &[
    "真心", "非常", "特别", "十分", "比较", "有点", "有些", "还是", "超级", "简直", "实在", "真的",
    "太", "很", "超", "好", "真", "极", "挺", "蛮", "巨", "忒", "贼", "也", "都", "就", "还", "更",
    "最", "可",
];
/// Degree and function words left dangling at the end of a cut clause ("态度非常").
const TRAILING_DEGREES: &[&str] = &[
    "非常", "特别", "十分", "比较", "有点", "有些", "还是", "超级", "简直", "实在", "真的", "太",
    "很", "超", "极", "挺", "蛮", "巨", "忒", "也", "都", "就", "还", "更", "最",
];
const BARE: &[&str] = &[
    "东西",
    "产品",
    "商品",
    "宝贝",
    "是",
    "不怎么样",
    "不咋地",
    "不咋样",
    "不太好",
    "不怎么好",
    "不太行",
    "糟糕",
    "差劲",
    "一般",
    "不好",
    "不行",
    "差",
    "烂",
    "了",
    "的",
    "啊",
    "呀",
    "吧",
];

/// Endings that only carry the buyer's tone.
const TRAILING: &[&str] = &[
    "啊", "呀", "吧", "呢", "哦", "啦", "嘛", "哈", "喔", "噢", "诶", "呗", "哟", "哇", "咯", "么",
    "额", "唉", "哎", "嗯", "呵呵", "哈哈", "的说",
];

/// Verdicts and feelings at the end of a clause ("屏幕有坏点很失望").
const TRAILING_VERDICTS: &[&str] = &[
    "太失望了",
    "很失望",
    "失望",
    "不满意",
    "差评",
    "无语",
    "郁闷",
    "生气",
    "后悔",
];

/// Never repeated to the buyer: insults, contempt, and accusations a reply would be
/// conceding by repeating them (the catalogue words them neutrally when it knows them).
const REFUSED: &[&str] = &[
    "垃圾",
    "坑",
    "骗",
    "傻",
    "屎",
    "你妈",
    "他妈",
    "妈的",
    "操",
    "狗",
    "滚",
    "屁",
    "蠢",
    "脑残",
    "贱",
    "鬼",
    "恶心",
    "黑心",
    "奸商",
    "无良",
    "忽悠",
    "黑店",
    "欺诈",
    "诈骗",
    "假货",
    "假的",
    "山寨",
    "冒充",
    "抵制",
    "日货",
    "尼玛",
    "卧槽",
    "靠",
    "去死",
    "该死",
    "破玩意",
    "玩意",
    "什么东西",
    "智商",
    "二手",
    "翻新",
    "偷",
    "投诉",
    "曝光",
    "律师",
    "法院",
    "12315",
    "工商",
    "差评",
    "好评",
    "评价",
    "返现",
    "赔偿",
    "星",
    "正版",
    "正品",
    "如果",
    "要是",
    "不买了",
    "不会买",
    "不喝了",
    "不吃了",
    "不来了",
    "不用了",
    "废话",
    "坏话",
    "不多说",
    "几吧",
    "鸡巴",
    "啦鸡",
    "拉鸡",
    "毒死",
    "弱爆",
    "为毛",
];

/// Platforms and sites a buyer names: a reply speaks for the shop, so they are left out
/// ("京东物流太慢" → "物流太慢").
const PLATFORMS: &[&str] = &[
    "京东自营",
    "京东",
    "淘宝",
    "天猫",
    "拼多多",
    "美团外卖",
    "美团",
    "饿了么",
    "百度外卖",
    "百度",
    "当当网",
    "当当",
    "亚马逊",
    "卓越",
    "携程",
    "艺龙",
    "去哪儿",
    "大众点评",
    "点评",
];

/// The second person in a review is the shop; a reply cannot say it back.
const SECOND_PERSON: &[&str] = &["你们", "你家", "你", "您"];

/// The buyer's "I" becomes "您" in a reply.
const FIRST_PERSON: &[(&str, &str)] = &[
    ("我们", "您"),
    ("我家", "您家"),
    ("我的", "您的"),
    ("我", "您"),
];

/// Where a phrase cut out of a long clause may start after, and end before.
const LEFT_STOPS: &[char] = &[
    '的', '了', '就', '都', '也', '还', '又', '而', '但', '说', '是', '在',
];
const RIGHT_STOPS: &[char] = &['的', '就', '都', '也', '还', '又', '而', '但', '说', '我'];

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Moves `r` past any of `words` at its start (repeatedly), skipping spaces.
fn strip_leading(text: &str, r: &mut Range<usize>, words: &[&str]) {
    loop {
        let s = &text[r.clone()];
        let trimmed = s.trim_start_matches(|c: char| {
            c.is_whitespace() || c.is_ascii_punctuation() || "，。：:、".contains(c)
        });
        r.start += s.len() - trimmed.len();
        let s = &text[r.clone()];
        // Numbering: "1、" "2." "①".
        if let Some(c) = s.chars().next().filter(|c| ('①'..='⑩').contains(c)) {
            r.start += c.len_utf8();
            continue;
        }
        let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 {
            let after = s[digits..].chars().next();
            if let Some(m) = after.filter(|m| "、.．)）:：".contains(*m)) {
                r.start += digits + m.len_utf8();
                continue;
            }
        }
        // "又酸又苦涩": the first 又 belongs to the pair.
        let paired = |w: &str| (w == "又" || w == "也") && s[w.len()..].contains(w);
        match words
            .iter()
            .find(|w| s.starts_with(**w) && s.len() > w.len() && !paired(w))
        {
            Some(w) => r.start += w.len(),
            None => return,
        }
    }
}

fn strip_trailing(text: &str, r: &mut Range<usize>) {
    loop {
        let s = &text[r.clone()];
        let trimmed = s.trim_end_matches(|c: char| !(is_han(c) || c.is_alphanumeric()));
        r.end -= s.len() - trimmed.len();
        let s = &text[r.clone()];
        if let Some(w) = TRAILING
            .iter()
            .chain(TRAILING_VERDICTS)
            .find(|w| s.ends_with(**w) && s.len() > w.len())
        {
            r.end -= w.len();
            continue;
        }
        // "难吃死了" → "难吃"; "太慢了" → "太慢"; "坏了" stays.
        if let Some(rest) = s.strip_suffix("死了") {
            if chars(rest) >= MIN {
                r.end -= "死了".len();
                continue;
            }
        }
        if let Some(d) = TRAILING_DEGREES
            .iter()
            .find(|d| s.ends_with(**d) && chars(s) > chars(d) + 1)
        {
            r.end -= d.len();
            continue;
        }
        if let Some(rest) = s.strip_suffix('了') {
            let degree = ["太", "很", "非常", "特别", "超", "好", "真", "忒", "巨"]
                .iter()
                .any(|d| rest.contains(d));
            // "受不了", "变没了": the 了 is part of the verb.
            let verb = rest.ends_with(['不', '没', '得']);
            if degree && !verb && chars(rest) >= MIN {
                r.end -= '了'.len_utf8();
                continue;
            }
        }
        return;
    }
}

/// A window of the clause around the anchor, for clauses too long to quote whole.
fn around(text: &str, clause: &Range<usize>, anchor: &Range<usize>) -> Range<usize> {
    // Left: back to a word that ends a thought, if one is near; else from the anchor.
    let mut start = anchor.start;
    for (taken, (i, c)) in text[clause.start..anchor.start]
        .char_indices()
        .rev()
        .enumerate()
    {
        if LEFT_STOPS.contains(&c) || !(is_han(c) || c.is_alphanumeric()) {
            start = clause.start + i + c.len_utf8();
            break;
        }
        if taken >= 6 {
            start = anchor.start;
            break;
        }
        start = clause.start + i;
    }
    let mut end = anchor.end;
    let mut taken = 0;
    for (i, c) in text[anchor.end..clause.end].char_indices() {
        if RIGHT_STOPS.contains(&c)
            || TRAILING.iter().any(|t| t.starts_with(c))
            || !(is_han(c) || c.is_alphanumeric() || c == '了')
        {
            break;
        }
        end = anchor.end + i + c.len_utf8();
        taken += 1;
        if c == '了' || taken >= 5 {
            break;
        }
    }
    start..end
}

/// Words a phrase cannot end on: they leave the complaint unfinished ("那确实会有点",
/// "商家太").
const DANGLING_END: &[&str] = &[
    "太", "很", "不", "没", "是", "有点", "有些", "比较", "非常", "特别", "感觉", "觉得", "一下",
    "会", "和", "跟", "与", "让", "令", "把", "被", "在", "从", "像",
];

/// Words a phrase cannot start on: they point back at something the reply does not say
/// ("一下送餐员", "那确实…").
const DANGLING_START: &[&str] = &["一下", "那", "就是", "还是", "而是", "吧"];

/// Whether a phrase may go into a reply.
fn acceptable(p: &str) -> bool {
    if DANGLING_END.iter().any(|w| p.ends_with(w))
        || DANGLING_START.iter().any(|w| p.starts_with(w))
        || p.contains(['\'', '’', '‘', '/', '|', '#', '*'])
    {
        return false;
    }
    let n = chars(p);
    if !(MIN..=MAX).contains(&n) || !p.chars().any(is_han) {
        return false;
    }
    let mut digits = 0;
    for c in p.chars() {
        if c.is_ascii_digit() || ('０'..='９').contains(&c) {
            digits += 1;
            if digits >= 5 {
                return false;
            }
        } else {
            digits = 0;
        }
    }
    let latin = p.chars().filter(char::is_ascii_alphabetic).count();
    if latin * 2 > n || p.contains('@') || p.contains("http") || p.contains("www") {
        return false;
    }
    // "看不看", "真不真": a question, not a complaint.
    let cs: Vec<char> = p.chars().collect();
    if cs
        .windows(3)
        .any(|w| w[1] == '不' && w[0] == w[2] && is_han(w[0]) && w[0] != '动')
    {
        return false;
    }
    // "不怎么起泡沫", "不咋好用": a degree, not a question.
    let unasked = p.replace("不怎么", "").replace("不咋", "");
    if p.ends_with('吗')
        || p.ends_with('呢')
        || [
            "为什么",
            "怎么",
            "为啥",
            "咋",
            "难道",
            "凭什么",
            "什么意思",
            "哪里",
            "哪去",
        ]
        .iter()
        .any(|w| unasked.contains(w))
    {
        return false;
    }
    let mut rest = p.to_string();
    for w in BARE.iter().chain(DEGREES) {
        rest = rest.replace(w, "");
    }
    if rest.chars().filter(|c| is_han(*c)).count() == 0 {
        return false;
    }
    // A week (星期) is not a star rating (一星).
    let lower = p.to_lowercase().replace("星期", "");
    !REFUSED.iter().any(|w| lower.contains(w))
        && !SECOND_PERSON.iter().any(|w| p.contains(w))
        && !p.contains(['“', '”', '"', '「', '」', '《', '》', '[', ']'])
}

#[cfg(test)]
pub(super) fn acceptable_for_test(p: &str) -> bool {
    acceptable(p)
}

/// The buyer's complaint in `clause` around `anchor`, as a reply's phrase, with the range
/// of the review it was read from.
pub(super) fn phrase(
    text: &str,
    clause: Range<usize>,
    anchor: Range<usize>,
) -> Option<(String, Range<usize>)> {
    let mut r = clause.clone();
    // Start after the last turn before the anchor ("收到后发现…").
    let head = &text[r.start..anchor.start];
    if let Some((at, w)) = TURNS
        .iter()
        .filter_map(|w| head.rfind(w).map(|i| (i, *w)))
        .max_by_key(|(i, _)| *i)
    {
        r.start += at + w.len();
    }
    strip_leading(text, &mut r, LEADING);
    strip_trailing(text, &mut r);
    if r.start > anchor.start || r.end < anchor.end {
        // The anchor itself was a word of tone; keep the clause as it is.
        r = clause.clone();
    }
    if chars(&text[r.clone()]) > MAX {
        r = around(text, &r, &anchor);
        strip_leading(text, &mut r, LEADING);
        strip_trailing(text, &mut r);
    }
    let mut p = text[r.clone()].trim().to_string();
    for name in PLATFORMS {
        p = p.replace(name, "");
    }
    // "豆角排骨怎么有点辣": a complaint asked as a question.
    for (asked, said) in [
        ("怎么有点", "有点"),
        ("怎么这么", "这么"),
        ("怎么那么", "那么"),
    ] {
        p = p.replace(asked, said);
    }
    // "的屏幕…" left over from a cut; "里面", "上面" keep their first character.
    let p_start = if ["里面", "上面", "家里", "上网", "家人"]
        .iter()
        .any(|w| p.starts_with(w))
    {
        p.clone()
    } else {
        p.trim_start_matches(['的', '家', '上', '里']).to_string()
    };
    if p_start.len() < p.len() && p_start.chars().count() >= MIN {
        p = p_start;
    }
    if !acceptable(&p) {
        return None;
    }
    for (from, to) in FIRST_PERSON {
        p = p.replace(from, to);
    }
    Some((p, r))
}
