//! Reading a review pasted from a seller backend page: whatever was copied around it
//! (nickname, stars, date, order number, product), each field with a confidence, for
//! the owner to confirm.

use super::model::{Extracted, PastedReview};
use super::store;
use super::values;
use crate::cases::{self, Case, CaseSource, NewCase, Platform};
use crate::error::{CoreError, Result};
use crate::settings;
use chrono::{DateTime, Duration, TimeZone, Utc};
use regex::Regex;
use rusqlite::Connection;
use std::sync::LazyLock;
use ts_rs::TS;

const LABELED: u8 = 90;
const PATTERN: u8 = 80;
const GUESS: u8 = 50;

#[allow(clippy::expect_used)] // literal patterns, each exercised by the tests below
fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid literal pattern")
}

static LABEL: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*[\[【]?([^：:\]】]{1,12})[\]】]?\s*[：:]\s*(.*)$"));
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2}):(\d{2})(?::(\d{2}))?)?",
    )
});
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| re(r"(今天|昨天|前天)\s*(\d{1,2}):(\d{2})"));
static EN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}, \d{4}|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4})\b",
    )
});
static ORDER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:订单号|订单编号|订单ID|订单|order\s*(?:id|no\.?|number|#)?)\s*[：:#]?\s*([A-Za-z0-9][A-Za-z0-9-]{5,})",
    )
});
static LONG_DIGITS: LazyLock<Regex> = LazyLock::new(|| re(r"\b(\d{15,20})\b"));
static STARS_GLYPHS: LazyLock<Regex> = LazyLock::new(|| re(r"[★☆]{5}|★{1,5}"));
static STARS_NUM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)([1-5一二三四五])\s*(?:星|颗星|分(?:\b|$))|([1-5](?:\.0)?)\s*out of 5 stars|rated\s*([1-5])",
    )
});
static VERDICT: LazyLock<Regex> = LazyLock::new(|| re(r"(差评|中评|好评)"));

#[derive(Clone, Copy, PartialEq)]
enum Label {
    Nick,
    Order,
    Product,
    Time,
    Stars,
    Text,
    FollowUp,
    Reply,
    Noise,
}

fn label_kind(label: &str) -> Option<Label> {
    let l = label.trim().to_lowercase();
    let l = l.as_str();
    Some(match l {
        "买家" | "买家昵称" | "昵称" | "会员" | "会员名" | "用户" | "用户名" | "评价人"
        | "buyer" | "nickname" | "customer" | "reviewer" | "by" => Label::Nick,
        "订单号" | "订单编号" | "订单" | "订单id" | "order" | "order id" | "order no"
        | "order number" => Label::Order,
        "宝贝" | "商品" | "商品名称" | "宝贝名称" | "product" | "item" => {
            Label::Product
        }
        "时间" | "评价时间" | "评论时间" | "日期" | "date" | "time" => Label::Time,
        "评分" | "星级" | "评价等级" | "rating" | "stars" => Label::Stars,
        "评价内容" | "内容" | "评论" | "评价" | "初评" | "review" | "comment" => {
            Label::Text
        }
        "追评" | "追加评论" | "追加评价" | "追评内容" | "follow-up" | "follow up" => {
            Label::FollowUp
        }
        "解释" | "回复" | "商家回复" | "卖家回复" | "掌柜回复" | "解释内容" | "reply"
        | "seller reply" => Label::Reply,
        "颜色分类" | "尺码" | "规格" | "型号" | "套餐" | "款式" | "color" | "size" | "style" => {
            Label::Noise
        }
        _ => return None,
    })
}

fn ex<T: TS>(value: T, confidence: u8) -> Option<Extracted<T>> {
    Some(Extracted { value, confidence })
}

fn stars_from(text: &str) -> Option<u8> {
    if let Some(m) = STARS_GLYPHS.find(text) {
        let n = m.as_str().chars().filter(|&c| c == '★').count();
        return u8::try_from(n).ok().filter(|s| (1..=5).contains(s));
    }
    if let Some(c) = STARS_NUM.captures(text) {
        let raw = c.get(1).or(c.get(2)).or(c.get(3))?.as_str();
        let digit = match raw {
            "一" => "1",
            "二" => "2",
            "三" => "3",
            "四" => "4",
            "五" => "5",
            d => d,
        };
        return values::parse_stars(digit, &super::model::RatingMap::Auto);
    }
    None
}

fn time_from(text: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let tz = chrono_tz::Asia::Shanghai;
    if let Some(c) = DATE.captures(text) {
        let g = |i: usize| c.get(i).map(|m| m.as_str()).unwrap_or("");
        let s = if g(4).is_empty() {
            format!("{}-{}-{}", g(1), g(2), g(3))
        } else {
            let sec = if g(6).is_empty() { "00" } else { g(6) };
            format!("{}-{}-{} {}:{}:{}", g(1), g(2), g(3), g(4), g(5), sec)
        };
        return values::parse_when(&s, tz);
    }
    if let Some(c) = RELATIVE.captures(text) {
        let back = match &c[1] {
            "昨天" => 1,
            "前天" => 2,
            _ => 0,
        };
        let day = (now.with_timezone(&tz) - Duration::days(back)).date_naive();
        let h: u32 = c[2].parse().ok()?;
        let m: u32 = c[3].parse().ok()?;
        let local = day.and_hms_opt(h, m, 0)?;
        return tz
            .from_local_datetime(&local)
            .earliest()
            .map(|t| t.with_timezone(&Utc));
    }
    if let Some(m) = EN_DATE.find(text) {
        return values::parse_when(m.as_str(), chrono_tz::UTC);
    }
    None
}

fn platform_from(text: &str) -> Option<Platform> {
    let lower = text.to_lowercase();
    let rules: &[(&[&str], Platform)] = &[
        (&["天猫", "tmall"], Platform::Tmall),
        (&["淘宝", "旺旺", "千牛", "宝贝", "掌柜"], Platform::Taobao),
        (&["京东", "jd.com"], Platform::Jd),
        (&["拼多多", "多多"], Platform::Pinduoduo),
        (&["抖音", "抖店"], Platform::Douyin),
        (&["美团", "大众点评", "外卖"], Platform::Meituan),
        (
            &["amazon", "verified purchase", "out of 5 stars"],
            Platform::Amazon,
        ),
        (&["shopify", "judge.me"], Platform::Shopify),
    ];
    rules
        .iter()
        .find(|(words, _)| words.iter().any(|w| lower.contains(w)))
        .map(|(_, p)| *p)
}

/// Lines a backend page shows around a review that are not part of it.
fn is_chrome(line: &str) -> bool {
    let l = line.trim().to_lowercase();
    l.is_empty()
        || l.chars().count() <= 1
        || [
            "有用",
            "举报",
            "回复",
            "查看详情",
            "展开",
            "收起",
            "helpful",
            "report",
            "verified purchase",
            "translate review",
            "已购",
            "分享",
        ]
        .iter()
        .any(|w| l == *w || (l.starts_with(w) && l.chars().count() <= 8))
}

/// Extracts what it can. Labeled lines (`订单号：…`) are the surest; then patterns
/// anywhere (stars, dates, order numbers); the remaining lines make the review text.
pub fn parse_pasted(text: &str, now: DateTime<Utc>) -> PastedReview {
    let mut out = PastedReview {
        platform: platform_from(text).and_then(|p| ex(p, GUESS)),
        ..Default::default()
    };
    let mut body: Vec<String> = Vec::new();
    let mut follow_up: Vec<String> = Vec::new();
    let mut reply: Vec<String> = Vec::new();
    // Text after a follow-up or reply marker belongs to it until the next label.
    let mut section = Label::Text;
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(c) = LABEL.captures(line) {
            if let Some(kind) = label_kind(&c[1]) {
                let value = c[2].trim().to_string();
                match kind {
                    Label::Nick if !value.is_empty() => {
                        out.buyer_nick = ex(value.chars().take(64).collect(), LABELED)
                    }
                    Label::Order => {
                        let v = values::clean_order_id(&value);
                        if !v.is_empty() {
                            out.order_id = ex(v, LABELED);
                        }
                    }
                    Label::Product if !value.is_empty() => out.product = ex(value, LABELED),
                    Label::Time => {
                        if let Some(t) = time_from(&value, now) {
                            out.review_time = ex(t, LABELED);
                        }
                    }
                    Label::Stars => {
                        let s = stars_from(&value).or_else(|| {
                            values::parse_stars(&value, &super::model::RatingMap::Auto)
                        });
                        if let Some(s) = s {
                            out.stars = ex(s, LABELED);
                        }
                    }
                    Label::Text => {
                        section = Label::Text;
                        if !value.is_empty() {
                            body.push(value);
                        }
                    }
                    Label::FollowUp => {
                        section = Label::FollowUp;
                        if !value.is_empty() {
                            follow_up.push(value);
                        }
                    }
                    Label::Reply => {
                        section = Label::Reply;
                        if !value.is_empty() {
                            reply.push(value);
                        }
                    }
                    _ => {}
                }
                continue;
            }
        }
        let mut rest = line.to_string();
        if out.stars.is_none() {
            if let Some(s) = stars_from(&rest) {
                out.stars = ex(s, PATTERN);
                rest = STARS_GLYPHS.replace_all(&rest, "").into_owned();
                rest = STARS_NUM.replace_all(&rest, "").into_owned();
            }
        }
        if out.review_time.is_none() {
            if let Some(t) = time_from(&rest, now) {
                out.review_time = ex(t, PATTERN);
                rest = DATE.replace_all(&rest, "").into_owned();
                rest = RELATIVE.replace_all(&rest, "").into_owned();
                rest = EN_DATE.replace_all(&rest, "").into_owned();
                let lower = rest.to_lowercase();
                if lower.contains("reviewed in") {
                    rest.clear();
                }
            }
        }
        if out.order_id.is_none() {
            if let Some(c) = ORDER.captures(&rest) {
                out.order_id = ex(c[1].to_string(), PATTERN);
                rest = ORDER.replace_all(&rest, "").into_owned();
            } else if let Some(c) = LONG_DIGITS.captures(&rest) {
                out.order_id = ex(c[1].to_string(), GUESS);
                rest = LONG_DIGITS.replace_all(&rest, "").into_owned();
            }
        }
        let rest = rest.trim();
        if rest.starts_with("[追评]") || rest.starts_with("追加评论") || rest.contains("天后追评")
        {
            section = Label::FollowUp;
            let after = rest
                .trim_start_matches("[追评]")
                .split_once("追评")
                .map(|(_, a)| a)
                .unwrap_or(
                    rest.trim_start_matches("[追评]")
                        .trim_start_matches("追加评论"),
                );
            let after = after.trim_start_matches([':', '：', ' ']).trim();
            if !after.is_empty() {
                follow_up.push(after.to_string());
            }
            continue;
        }
        if is_chrome(rest)
            || VERDICT
                .find(rest)
                .is_some_and(|m| m.as_str().len() == rest.len())
        {
            if out.stars.is_none() {
                if let Some(v) = VERDICT.find(rest) {
                    out.stars = values::parse_stars(v.as_str(), &super::model::RatingMap::Auto)
                        .and_then(|s| ex(s, PATTERN));
                }
            }
            continue;
        }
        match section {
            Label::FollowUp => follow_up.push(rest.to_string()),
            Label::Reply => reply.push(rest.to_string()),
            _ => body.push(rest.to_string()),
        }
    }
    if out.stars.is_none() {
        // A buyer who writes "差评" in the text usually means the grade they gave.
        if let Some(v) = VERDICT.find(text) {
            out.stars = values::parse_stars(v.as_str(), &super::model::RatingMap::Auto)
                .and_then(|s| ex(s, GUESS));
        }
    }
    // A nickname-like first line ("t***1", "j***n") above the review.
    if out.buyer_nick.is_none() && body.len() > 1 {
        let first = &body[0];
        let sentence = first
            .chars()
            .any(|c| matches!(c, '，' | '。' | ',' | '.' | '!' | '！' | '?' | '？'));
        if first.chars().count() <= 24 && !sentence {
            out.buyer_nick = ex(body.remove(0), GUESS);
        }
    }
    if !body.is_empty() {
        let confidence = if body.len() == 1 { 70 } else { 60 };
        out.review_text = ex(body.join("\n"), confidence);
    }
    if !follow_up.is_empty() {
        out.follow_up_text = ex(follow_up.join("\n"), PATTERN);
    }
    if !reply.is_empty() {
        out.seller_reply = ex(reply.join("\n"), PATTERN);
    }
    out
}

impl PastedReview {
    /// The case form filled with what was found (stars 0 when none was).
    pub fn to_new_case(&self) -> NewCase {
        NewCase {
            platform: self
                .platform
                .as_ref()
                .map(|p| p.value.as_str().to_string())
                .unwrap_or_default(),
            buyer_nick: self
                .buyer_nick
                .as_ref()
                .map(|e| e.value.clone())
                .unwrap_or_default(),
            stars: self.stars.as_ref().map(|e| e.value).unwrap_or(0),
            review_time: self
                .review_time
                .as_ref()
                .map(|e| e.value.to_rfc3339())
                .unwrap_or_default(),
            order_id: self
                .order_id
                .as_ref()
                .map(|e| e.value.clone())
                .unwrap_or_default(),
            product: self
                .product
                .as_ref()
                .map(|e| e.value.clone())
                .unwrap_or_default(),
            review_text: self
                .review_text
                .as_ref()
                .map(|e| e.value.clone())
                .unwrap_or_default(),
            follow_up_text: self
                .follow_up_text
                .as_ref()
                .map(|e| e.value.clone())
                .unwrap_or_default(),
            seller_reply: self
                .seller_reply
                .as_ref()
                .map(|e| e.value.clone())
                .unwrap_or_default(),
            ..Default::default()
        }
    }
}

/// Creates the case for a confirmed paste and records it as a known review, so a later
/// export holding it neither duplicates the case nor counts the review twice. All in one
/// transaction: the case is stored whole (follow-up and reply included) or not at all.
pub fn create_pasted(
    conn: &mut Connection,
    input: &NewCase,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Case> {
    let new_case = NewCase {
        source: CaseSource::Paste,
        ..input.clone()
    };
    let prefs = settings::load(conn)?;
    let valid = cases::validate(&new_case, &prefs, now)?;
    let tx = conn.transaction()?;
    let order = values::clean_order_id(&new_case.order_id);
    let key = store::identity_key(
        valid.platform,
        valid.review_id.as_deref(),
        Some(order.as_str()),
        &valid.product,
        Some(valid.review_time),
    );
    if let Some(id) = key
        .map(|k| store::known_case(&tx, k))
        .transpose()?
        .flatten()
    {
        return Err(CoreError::validation(
            "validation.duplicate_review",
            "review_id",
            format!("already stored as case {id}"),
        ));
    }
    let case = super::add::store_new(&tx, &valid, actor, now)?;
    store::register_case(&tx, &case, 0)?;
    tx.commit()?;
    Ok(case)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{Clock, FixedClock};

    fn now() -> DateTime<Utc> {
        FixedClock::at("2024-05-05T04:00:00Z").now()
    }

    #[test]
    fn taobao_backend_copy() {
        let text = "买家：t***1\n★☆☆☆☆\n2024-05-03 14:22:10\n宝贝：加厚保温杯 500ml\n订单号：3721845590123456789\n颜色分类：黑色\n质量太差了，用了两天就漏水\n有用\n[追评] 用了一周彻底坏了\n解释：亲，非常抱歉给您带来不便";
        let p = parse_pasted(text, now());
        assert_eq!(p.buyer_nick.as_ref().unwrap().value, "t***1");
        assert_eq!(p.stars.as_ref().unwrap().value, 1);
        assert_eq!(p.stars.as_ref().unwrap().confidence, PATTERN);
        assert_eq!(
            p.review_time.as_ref().unwrap().value.to_rfc3339(),
            "2024-05-03T06:22:10+00:00"
        );
        assert_eq!(p.product.as_ref().unwrap().value, "加厚保温杯 500ml");
        assert_eq!(p.order_id.as_ref().unwrap().value, "3721845590123456789");
        assert_eq!(p.order_id.as_ref().unwrap().confidence, LABELED);
        assert_eq!(
            p.review_text.as_ref().unwrap().value,
            "质量太差了，用了两天就漏水"
        );
        assert_eq!(p.follow_up_text.as_ref().unwrap().value, "用了一周彻底坏了");
        assert_eq!(
            p.seller_reply.as_ref().unwrap().value,
            "亲，非常抱歉给您带来不便"
        );
        assert_eq!(p.platform.as_ref().unwrap().value, Platform::Taobao);
    }

    #[test]
    fn inline_stars_dates_and_verdicts() {
        let p = parse_pasted(
            "小明 1星 昨天 09:10\n快递太慢了，等了五天 订单编号 ABC-123456",
            now(),
        );
        assert_eq!(p.stars.unwrap().value, 1);
        assert_eq!(
            p.review_time.unwrap().value.to_rfc3339(),
            "2024-05-04T01:10:00+00:00"
        );
        assert_eq!(p.order_id.unwrap().value, "ABC-123456");
        let p = parse_pasted("中评\n一般般吧，颜色和图片不一样", now());
        assert_eq!(p.stars.unwrap().value, 3);
        assert_eq!(p.review_text.unwrap().value, "一般般吧，颜色和图片不一样");
        let p = parse_pasted("东西坏了给差评", now());
        let s = p.stars.unwrap();
        assert_eq!((s.value, s.confidence), (1, GUESS));
        assert!(p.review_time.is_none());
        assert!(p.order_id.is_none());
    }

    #[test]
    fn amazon_copy() {
        let text = "John Smith\n1.0 out of 5 stars Broke after two days\nReviewed in the United States on May 3, 2024\nVerified Purchase\nThe lid cracked the first time I used it.";
        let p = parse_pasted(text, now());
        assert_eq!(p.stars.unwrap().value, 1);
        assert_eq!(p.platform.unwrap().value, Platform::Amazon);
        assert_eq!(
            p.review_time.unwrap().value.to_rfc3339(),
            "2024-05-03T12:00:00+00:00"
        );
        assert_eq!(p.buyer_nick.unwrap().value, "John Smith");
        assert_eq!(
            p.review_text.unwrap().value,
            "Broke after two days\nThe lid cracked the first time I used it."
        );
    }

    #[test]
    fn confirmed_paste_becomes_a_known_review() {
        let mut conn = crate::db::open_in_memory().unwrap();
        let p = parse_pasted(
            "买家：t***1\n1星\n2024-05-03 14:22\n宝贝：保温杯\n订单号：3721845590123456789\n漏水",
            now(),
        );
        let confirmed = NewCase {
            follow_up_text: "又坏了".into(),
            ..p.to_new_case()
        };
        let case = create_pasted(&mut conn, &confirmed, "店主", now()).unwrap();
        assert_eq!(case.source, CaseSource::Paste);
        assert_eq!(case.follow_up_text.as_deref(), Some("又坏了"));
        let stats: i64 = conn
            .query_row(
                "SELECT sum(count) FROM review_stats WHERE day = '2024-05-03'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(stats, 1);
        let err = create_pasted(&mut conn, &confirmed, "店主", now()).unwrap_err();
        assert_eq!(err.code(), "validation.duplicate_review");
        assert_eq!(crate::cases::count(&conn).unwrap(), 1);
    }
}
