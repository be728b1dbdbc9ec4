//! Built-in layouts recognised from the header row, the synonyms used to find a header
//! row and to suggest a mapping for anything else.

use super::model::{CaseField, ColumnMapping, FieldColumn, PresetInfo, RatingMap, RatingValue};
use crate::cases::Platform;

/// Header text compared loosely: case, spaces, `_`, `-`, `:` and stray marks do not
/// matter (`Review Text` = `review_text` = `reviewtext`).
pub(crate) fn norm(h: &str) -> String {
    h.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | ':' | '：' | '*' | '\u{FEFF}'))
        .flat_map(char::to_lowercase)
        .collect()
}

use CaseField::*;

/// Names real exports and APIs use for each field (already in `norm` form).
const SYNONYMS: &[(CaseField, &[&str])] = &[
    (
        ReviewId,
        &[
            "reviewid",
            "评价id",
            "评论id",
            "commentid",
            "rateid",
            "评价编号",
            "评论编号",
        ],
    ),
    (
        OrderId,
        &[
            "orderid",
            "tid",
            "订单号",
            "订单编号",
            "订单id",
            "ordernumber",
            "order",
            "子订单编号",
            "oid",
        ],
    ),
    (
        BuyerNick,
        &[
            "nick",
            "usernick",
            "nickname",
            "author",
            "reviewername",
            "reviewer",
            "customername",
            "买家",
            "买家昵称",
            "买家会员名",
            "用户昵称",
            "昵称",
            "会员名",
            "用户名",
            "评价人",
        ],
    ),
    (
        Product,
        &[
            "itemtitle",
            "producttitle",
            "productname",
            "product",
            "producthandle",
            "item",
            "商品名称",
            "宝贝名称",
            "宝贝标题",
            "商品",
            "宝贝",
            "商品标题",
        ],
    ),
    (
        Rating,
        &[
            "rating",
            "star",
            "stars",
            "starrating",
            "score",
            "result",
            "评分",
            "星级",
            "评价星级",
            "评价结果",
            "商品评分",
            "评价等级",
            "label",
            "标签",
        ],
    ),
    (
        Title,
        &[
            "title",
            "reviewtitle",
            "headline",
            "reviewheadline",
            "评价标题",
            "标题",
        ],
    ),
    (
        ReviewText,
        &[
            "content",
            "review",
            "reviewtext",
            "body",
            "text",
            "comment",
            "reviewbody",
            "verifiedreviews",
            "评价内容",
            "评论内容",
            "初评内容",
            "内容",
            "评价",
            "评论",
        ],
    ),
    (
        ReviewTime,
        &[
            "created",
            "createdat",
            "date",
            "time",
            "reviewdate",
            "commenttime",
            "评价时间",
            "评论时间",
            "初评时间",
            "时间",
            "日期",
        ],
    ),
    (
        SellerReply,
        &[
            "reply",
            "sellerreply",
            "回复",
            "回复内容",
            "商家回复",
            "卖家回复",
            "解释内容",
            "卖家解释",
        ],
    ),
    (
        FollowUpText,
        &[
            "appendcontent",
            "followup",
            "追评",
            "追评内容",
            "追加评论",
            "追加评价",
        ],
    ),
    (
        OrderValue,
        &[
            "itemprice",
            "price",
            "amount",
            "价格",
            "单价",
            "宝贝单价",
            "商品价格",
            "实付金额",
            "金额",
        ],
    ),
    (
        Photos,
        &[
            "pictureurls",
            "pictures",
            "images",
            "photos",
            "图片",
            "评价图片",
            "图片链接",
            "晒图",
        ],
    ),
];

/// Which field a header names, if any.
pub(crate) fn field_for_header(header: &str) -> Option<CaseField> {
    let n = norm(header);
    SYNONYMS
        .iter()
        .find(|(_, names)| names.contains(&n.as_str()))
        .map(|(f, _)| *f)
}

#[derive(Debug)]
enum Rating {
    Auto,
    /// Sentiment labels of research sets: 0 = negative, 1 = positive. A negative label
    /// carries the same information as Taobao's 差评, so it becomes 1★ (and a case);
    /// a positive one becomes 5★ (statistics only).
    Label01,
    /// Tmall's `has_negtv` flag: negative → 1★ like 差评, otherwise 5★.
    NegativeFlag,
}

#[derive(Debug)]
struct Preset {
    name: &'static str,
    label_zh: &'static str,
    label_en: &'static str,
    platform: Platform,
    /// Each group must have one of its names in the header row.
    signature: &'static [&'static [&'static str]],
    /// Candidates per field; the first present wins. A field listed twice takes both
    /// columns (joined).
    fields: &'static [(CaseField, &'static [&'static str])],
    rating: Rating,
    default_product: &'static str,
    timezone: &'static str,
    unescape_newlines: bool,
}

const SHANGHAI: &str = "Asia/Shanghai";

const PRESETS: &[Preset] = &[
    Preset {
        name: "taobao_api",
        label_zh: "淘宝/天猫 开放平台评价 (TradeRate)",
        label_en: "Taobao/Tmall open-platform ratings (TradeRate)",
        platform: Platform::Taobao,
        signature: &[&["tid", "oid"], &["nick"], &["result"], &["content"]],
        fields: &[
            (OrderId, &["tid", "oid"]),
            (BuyerNick, &["nick"]),
            (Product, &["itemtitle", "numiid"]),
            (Rating, &["result"]),
            (ReviewText, &["content"]),
            (ReviewTime, &["created"]),
            (SellerReply, &["reply"]),
            (OrderValue, &["itemprice"]),
        ],
        rating: Rating::Auto,
        default_product: "",
        timezone: SHANGHAI,
        unescape_newlines: false,
    },
    Preset {
        name: "taobao",
        label_zh: "淘宝/天猫 千牛评价导出",
        label_en: "Taobao/Tmall seller-center review export",
        platform: Platform::Taobao,
        signature: &[
            &["评价内容", "初评内容", "评论内容"],
            &["宝贝名称", "宝贝标题", "宝贝"],
        ],
        fields: &[
            (ReviewId, &["评价id", "评价编号"]),
            (OrderId, &["订单编号", "订单号", "子订单编号"]),
            (BuyerNick, &["买家昵称", "买家会员名", "买家", "评价人"]),
            (Product, &["宝贝名称", "宝贝标题", "宝贝"]),
            (
                Rating,
                &["评分", "评价结果", "评价等级", "评价类型", "宝贝与描述相符"],
            ),
            (ReviewText, &["评价内容", "初评内容", "评论内容"]),
            (ReviewTime, &["评价时间", "初评时间", "评论时间"]),
            (FollowUpText, &["追评内容", "追加评论", "追加评价"]),
            (
                SellerReply,
                &["卖家回复", "解释内容", "卖家解释", "商家回复", "回复内容"],
            ),
            (OrderValue, &["宝贝单价", "商品价格", "单价", "实付金额"]),
            (Photos, &["评价图片", "图片", "晒图"]),
        ],
        rating: Rating::Auto,
        default_product: "",
        timezone: SHANGHAI,
        unescape_newlines: false,
    },
    Preset {
        name: "tmall_feed",
        label_zh: "天猫评价数据 (rate feed)",
        label_en: "Tmall rate feed",
        platform: Platform::Tmall,
        signature: &[&["usernick"], &["content"], &["commenttime"]],
        fields: &[
            (BuyerNick, &["usernick"]),
            (Rating, &["hasnegtv"]),
            (ReviewText, &["content"]),
            (ReviewTime, &["commenttime"]),
            (FollowUpText, &["appendcontent"]),
        ],
        rating: Rating::NegativeFlag,
        default_product: "",
        timezone: SHANGHAI,
        unescape_newlines: false,
    },
    Preset {
        name: "jd",
        label_zh: "京东 商家评价导出",
        label_en: "JD seller review export",
        platform: Platform::Jd,
        signature: &[
            &["商品编号", "sku", "skuid", "京东订单号"],
            &["评价内容", "评论内容"],
            &["商品名称", "商品"],
        ],
        fields: &[
            (ReviewId, &["评价id", "评论id"]),
            (OrderId, &["订单号", "订单编号", "京东订单号"]),
            (BuyerNick, &["用户昵称", "买家昵称", "用户名", "会员名"]),
            (Product, &["商品名称", "商品"]),
            (Rating, &["评价星级", "星级", "评分", "商品评分"]),
            (ReviewText, &["评价内容", "评论内容"]),
            (ReviewTime, &["评价时间", "评论时间"]),
            (FollowUpText, &["追评内容", "追加评价"]),
            (SellerReply, &["回复内容", "商家回复"]),
            (OrderValue, &["商品价格", "单价", "金额"]),
            (Photos, &["晒单图片", "图片", "评价图片"]),
        ],
        rating: Rating::Auto,
        default_product: "",
        timezone: SHANGHAI,
        unescape_newlines: false,
    },
    Preset {
        name: "pinduoduo",
        label_zh: "拼多多 评价导出",
        label_en: "Pinduoduo review export",
        platform: Platform::Pinduoduo,
        signature: &[&["评论id"], &["评论内容"], &["评分"]],
        fields: &[
            (ReviewId, &["评论id"]),
            (OrderId, &["订单编号", "订单id"]),
            (BuyerNick, &["用户昵称", "用户id"]),
            (Product, &["商品名称", "商品id"]),
            (Rating, &["评分"]),
            (ReviewText, &["评论内容"]),
            (ReviewTime, &["评论时间"]),
            (SellerReply, &["回复内容"]),
            (FollowUpText, &["追评内容"]),
            (Photos, &["图片链接"]),
        ],
        rating: Rating::Auto,
        default_product: "",
        timezone: SHANGHAI,
        unescape_newlines: false,
    },
    Preset {
        name: "douyin",
        label_zh: "抖店 评价导出",
        label_en: "Douyin shop review export",
        platform: Platform::Douyin,
        signature: &[
            &["评价id"],
            &["商品名称"],
            &["评价内容"],
            &["商品评分", "评分", "评价星级"],
        ],
        fields: &[
            (ReviewId, &["评价id"]),
            (OrderId, &["订单编号", "订单号", "订单id"]),
            (BuyerNick, &["用户昵称", "抖音昵称", "买家昵称"]),
            (Product, &["商品名称"]),
            (Rating, &["商品评分", "评分", "评价星级"]),
            (ReviewText, &["评价内容"]),
            (ReviewTime, &["评价时间"]),
            (FollowUpText, &["追评内容"]),
            (SellerReply, &["商家回复", "回复内容"]),
            (Photos, &["评价图片", "图片"]),
        ],
        rating: Rating::Auto,
        default_product: "",
        timezone: SHANGHAI,
        unescape_newlines: false,
    },
    Preset {
        name: "amazon_reviews",
        label_zh: "亚马逊 customer-reviews TSV",
        label_en: "Amazon customer-reviews TSV",
        platform: Platform::Amazon,
        signature: &[&["reviewid"], &["starrating"], &["reviewbody"]],
        fields: &[
            (ReviewId, &["reviewid"]),
            (BuyerNick, &["customerid"]),
            (Product, &["producttitle", "productid"]),
            (Rating, &["starrating"]),
            (Title, &["reviewheadline"]),
            (ReviewText, &["reviewbody"]),
            (ReviewTime, &["reviewdate"]),
        ],
        rating: Rating::Auto,
        default_product: "",
        timezone: "UTC",
        unescape_newlines: false,
    },
    Preset {
        name: "shopify",
        label_zh: "Shopify Product Reviews 导出",
        label_en: "Shopify Product Reviews export",
        platform: Platform::Shopify,
        signature: &[&["producthandle"], &["rating"], &["body"], &["author"]],
        fields: &[
            (BuyerNick, &["author"]),
            (Product, &["producthandle"]),
            (Rating, &["rating"]),
            (Title, &["title"]),
            (ReviewText, &["body"]),
            (ReviewTime, &["createdat"]),
            (SellerReply, &["reply"]),
        ],
        rating: Rating::Auto,
        default_product: "",
        timezone: "UTC",
        unescape_newlines: false,
    },
    Preset {
        name: "judgeme",
        label_zh: "Judge.me 评价导出",
        label_en: "Judge.me review export",
        platform: Platform::Shopify,
        signature: &[&["reviewername"], &["rating"], &["body"], &["reviewdate"]],
        fields: &[
            (BuyerNick, &["reviewername"]),
            (Product, &["producthandle", "productid"]),
            (Rating, &["rating"]),
            (Title, &["title"]),
            (ReviewText, &["body"]),
            (ReviewTime, &["reviewdate"]),
            (SellerReply, &["reply"]),
            (Photos, &["pictureurls"]),
        ],
        rating: Rating::Auto,
        default_product: "",
        timezone: "UTC",
        unescape_newlines: false,
    },
    Preset {
        name: "online_shopping_10_cats",
        label_zh: "网购评论 (cat,label,review)",
        label_en: "Online-shopping reviews (cat,label,review)",
        platform: Platform::Other,
        signature: &[&["cat"], &["label"], &["review"]],
        fields: &[
            (Product, &["cat"]),
            (Rating, &["label"]),
            (ReviewText, &["review"]),
        ],
        rating: Rating::Label01,
        default_product: "",
        timezone: SHANGHAI,
        unescape_newlines: false,
    },
    Preset {
        name: "online_shopping_zh",
        label_zh: "网购评论 (类别,标签,评价内容)",
        label_en: "Online-shopping reviews, Chinese headers (类别,标签,评价内容)",
        platform: Platform::Other,
        signature: &[&["类别"], &["标签"], &["评价内容"]],
        fields: &[
            (Product, &["类别"]),
            (Rating, &["标签"]),
            (ReviewText, &["评价内容"]),
        ],
        rating: Rating::Label01,
        default_product: "",
        timezone: SHANGHAI,
        unescape_newlines: false,
    },
    Preset {
        name: "waimai",
        label_zh: "外卖评论 (label,review)",
        label_en: "Food-delivery reviews (label,review)",
        platform: Platform::Meituan,
        signature: &[&["label"], &["review"]],
        fields: &[(Rating, &["label"]), (ReviewText, &["review"])],
        rating: Rating::Label01,
        default_product: "外卖",
        timezone: SHANGHAI,
        unescape_newlines: false,
    },
    Preset {
        name: "dianping",
        label_zh: "大众点评 ASAP 数据集",
        label_en: "Dianping ASAP dataset",
        platform: Platform::Meituan,
        signature: &[&["reviewbody"], &["star"]],
        fields: &[
            (ReviewId, &["index"]),
            (Rating, &["star"]),
            (ReviewText, &["reviewbody"]),
        ],
        rating: Rating::Auto,
        default_product: "餐厅",
        timezone: SHANGHAI,
        unescape_newlines: true,
    },
    Preset {
        name: "amazon_alexa",
        label_zh: "亚马逊 Echo 评论 (rating,date,variation,verified_reviews)",
        label_en: "Amazon Echo reviews (rating,date,variation,verified_reviews)",
        platform: Platform::Amazon,
        signature: &[&["rating"], &["date"], &["variation"], &["verifiedreviews"]],
        fields: &[
            (Product, &["variation"]),
            (Rating, &["rating"]),
            (ReviewText, &["verifiedreviews"]),
            (ReviewTime, &["date"]),
        ],
        rating: Rating::Auto,
        default_product: "Amazon Echo",
        timezone: "UTC",
        unescape_newlines: false,
    },
    Preset {
        name: "womens_clothing",
        label_zh: "女装电商评论 (Clothing ID, Review Text, Rating…)",
        label_en: "Women's clothing reviews (Clothing ID, Review Text, Rating…)",
        platform: Platform::Other,
        signature: &[&["clothingid"], &["reviewtext"], &["rating"]],
        fields: &[
            // The unnamed first column numbers the reviews.
            (ReviewId, &["column1"]),
            (Product, &["classname"]),
            (Product, &["clothingid"]),
            (Rating, &["rating"]),
            (Title, &["title"]),
            (ReviewText, &["reviewtext"]),
        ],
        rating: Rating::Auto,
        default_product: "",
        timezone: "UTC",
        unescape_newlines: false,
    },
];

pub(crate) fn list() -> Vec<PresetInfo> {
    PRESETS
        .iter()
        .map(|p| PresetInfo {
            name: p.name.into(),
            label_zh: p.label_zh.into(),
            label_en: p.label_en.into(),
            platform: p.platform,
        })
        .collect()
}

pub(crate) fn exists(name: &str) -> bool {
    PRESETS.iter().any(|p| p.name == name)
}

fn label_values() -> RatingMap {
    RatingMap::Values {
        values: vec![
            RatingValue {
                value: "0".into(),
                stars: 1,
            },
            RatingValue {
                value: "1".into(),
                stars: 5,
            },
        ],
    }
}

fn flag_values() -> RatingMap {
    let v = |value: &str, stars: u8| RatingValue {
        value: value.into(),
        stars,
    };
    RatingMap::Values {
        values: vec![
            v("true", 1),
            v("1", 1),
            v("是", 1),
            v("false", 5),
            v("0", 5),
            v("否", 5),
        ],
    }
}

fn matches(p: &Preset, normed: &[String]) -> Option<usize> {
    let has = |name: &str| normed.iter().any(|h| h == name);
    if !p.signature.iter().all(|g| g.iter().any(|n| has(n))) {
        return None;
    }
    let extra = p
        .fields
        .iter()
        .filter(|(_, names)| names.iter().any(|n| has(n)))
        .count();
    Some(p.signature.len() * 10 + extra)
}

fn build(p: &Preset, headers: &[String]) -> ColumnMapping {
    let normed: Vec<String> = headers.iter().map(|h| norm(h)).collect();
    let mut fields = Vec::new();
    for (field, names) in p.fields {
        let found = names
            .iter()
            .find_map(|n| normed.iter().position(|h| h == n));
        if let Some(i) = found {
            fields.push(FieldColumn {
                field: *field,
                column: headers[i].clone(),
            });
        }
    }
    ColumnMapping {
        platform: p.platform,
        fields,
        rating: match p.rating {
            Rating::Auto => RatingMap::Auto,
            Rating::Label01 => label_values(),
            Rating::NegativeFlag => flag_values(),
        },
        default_product: p.default_product.into(),
        timezone: p.timezone.into(),
        unescape_newlines: p.unescape_newlines,
    }
}

/// The best preset for a header row.
pub(crate) fn recognise(headers: &[String]) -> Option<(&'static str, ColumnMapping)> {
    let normed: Vec<String> = headers.iter().map(|h| norm(h)).collect();
    PRESETS
        .iter()
        .filter_map(|p| matches(p, &normed).map(|score| (score, p)))
        .max_by_key(|(score, _)| *score)
        .map(|(_, p)| (p.name, build(p, headers)))
}

/// A named preset applied to a header row; `None` when its columns are not there.
pub(crate) fn apply(name: &str, headers: &[String]) -> Option<ColumnMapping> {
    let p = PRESETS.iter().find(|p| p.name == name)?;
    let normed: Vec<String> = headers.iter().map(|h| norm(h)).collect();
    matches(p, &normed).map(|_| build(p, headers))
}

/// A starting point for an unknown layout: each column whose name is a known synonym.
/// Ratings whose sample values are all 0/1 are read as sentiment labels.
pub(crate) fn suggest(headers: &[String], sample_rows: &[Vec<String>]) -> ColumnMapping {
    let mut fields: Vec<FieldColumn> = Vec::new();
    let mut rating_col = None;
    for (i, h) in headers.iter().enumerate() {
        if let Some(f) = field_for_header(h) {
            if fields.iter().any(|c| c.field == f) {
                continue;
            }
            if f == Rating {
                rating_col = Some(i);
            }
            fields.push(FieldColumn {
                field: f,
                column: h.clone(),
            });
        }
    }
    let binary = rating_col.is_some_and(|i| {
        let vals: Vec<&str> = sample_rows
            .iter()
            .filter_map(|r| r.get(i).map(|s| s.trim()))
            .filter(|s| !s.is_empty())
            .collect();
        !vals.is_empty() && vals.iter().all(|v| *v == "0" || *v == "1") && vals.contains(&"0")
    });
    let chinese = headers
        .iter()
        .any(|h| h.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
    ColumnMapping {
        platform: Platform::Other,
        fields,
        rating: if binary {
            label_values()
        } else {
            RatingMap::Auto
        },
        default_product: String::new(),
        timezone: if chinese { SHANGHAI } else { "UTC" }.into(),
        unescape_newlines: false,
    }
}

/// How much a row looks like a header: the number of distinct cells that are names
/// some export uses (synonyms, preset columns).
pub(crate) fn header_score(cells: &[String]) -> usize {
    let mut seen: Vec<String> = Vec::new();
    for c in cells {
        if c.chars().count() > 40 {
            continue;
        }
        let n = norm(c);
        let known = field_for_header(c).is_some()
            || PRESETS.iter().any(|p| {
                p.signature.iter().any(|g| g.contains(&n.as_str()))
                    || p.fields
                        .iter()
                        .any(|(_, names)| names.contains(&n.as_str()))
            });
        if known && !seen.contains(&n) {
            seen.push(n);
        }
    }
    seen.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn recognises_platform_layouts() {
        let cases: &[(&[&str], &str)] = &[
            (
                &[
                    "tid",
                    "oid",
                    "nick",
                    "result",
                    "created",
                    "item_title",
                    "item_price",
                    "content",
                    "reply",
                ],
                "taobao_api",
            ),
            (
                &[
                    "订单编号",
                    "买家昵称",
                    "宝贝名称",
                    "评分",
                    "评价内容",
                    "评价时间",
                    "追评内容",
                ],
                "taobao",
            ),
            (
                &[
                    "user_nick",
                    "content",
                    "comment_time",
                    "tags",
                    "has_negtv",
                    "append_content",
                    "append_time",
                ],
                "tmall_feed",
            ),
            (
                &[
                    "订单号",
                    "商品编号",
                    "商品名称",
                    "评价星级",
                    "评价内容",
                    "评价时间",
                    "用户昵称",
                ],
                "jd",
            ),
            (
                &[
                    "评论ID",
                    "用户ID",
                    "商品ID",
                    "订单ID",
                    "评分",
                    "描述得分",
                    "物流得分",
                    "服务得分",
                    "评论内容",
                    "商品名称",
                    "订单编号",
                    "回复内容",
                    "图片链接",
                    "评论时间",
                ],
                "pinduoduo",
            ),
            (
                &[
                    "评价ID",
                    "订单编号",
                    "商品名称",
                    "商品评分",
                    "评价内容",
                    "评价时间",
                    "用户昵称",
                ],
                "douyin",
            ),
            (
                &[
                    "marketplace",
                    "customer_id",
                    "review_id",
                    "product_id",
                    "product_parent",
                    "product_title",
                    "product_category",
                    "star_rating",
                    "helpful_votes",
                    "total_votes",
                    "vine",
                    "verified_purchase",
                    "review_headline",
                    "review_body",
                    "review_date",
                ],
                "amazon_reviews",
            ),
            (
                &[
                    "product_handle",
                    "state",
                    "rating",
                    "title",
                    "author",
                    "email",
                    "location",
                    "body",
                    "reply",
                    "created_at",
                    "replied_at",
                ],
                "shopify",
            ),
            (
                &[
                    "title",
                    "body",
                    "rating",
                    "review_date",
                    "source",
                    "curated",
                    "reviewer_name",
                    "reviewer_email",
                    "product_id",
                    "product_handle",
                    "reply",
                    "reply_date",
                    "picture_urls",
                    "ip_address",
                    "location",
                ],
                "judgeme",
            ),
            (&["cat", "label", "review"], "online_shopping_10_cats"),
            (&["类别", "标签", "评价内容"], "online_shopping_zh"),
            (&["label", "review"], "waimai"),
            (
                &["index", "reviewbody", "star", "service_wait_time"],
                "dianping",
            ),
            (
                &[
                    "rating",
                    "date",
                    "variation",
                    "verified_reviews",
                    "feedback",
                ],
                "amazon_alexa",
            ),
            (
                &[
                    "Column 1",
                    "Clothing ID",
                    "Age",
                    "Title",
                    "Review Text",
                    "Rating",
                    "Recommended IND",
                ],
                "womens_clothing",
            ),
        ];
        for (headers, want) in cases {
            let got = recognise(&h(headers)).map(|(n, _)| n);
            assert_eq!(got, Some(*want), "{headers:?}");
        }
        assert!(recognise(&h(&["foo", "bar"])).is_none());
    }

    #[test]
    fn preset_mapping_names_the_file_columns() {
        let headers = h(&[
            "Column 1",
            "Clothing ID",
            "Title",
            "Review Text",
            "Rating",
            "Class Name",
        ]);
        let m = apply("womens_clothing", &headers).unwrap();
        let product: Vec<&str> = m.columns_for(Product).collect();
        assert_eq!(product, ["Class Name", "Clothing ID"]);
        assert_eq!(m.columns_for(ReviewId).collect::<Vec<_>>(), ["Column 1"]);
        assert!(apply("taobao", &headers).is_none());
        assert!(apply("nope", &headers).is_none());
    }

    #[test]
    fn suggests_from_synonyms_and_label_values() {
        let headers = h(&["编号", "评论", "情感", "标签"]);
        let rows = vec![h(&["1", "好", "x", "1"]), h(&["2", "差", "y", "0"])];
        let m = suggest(&headers, &rows);
        assert_eq!(m.columns_for(ReviewText).collect::<Vec<_>>(), ["评论"]);
        assert_eq!(m.columns_for(Rating).collect::<Vec<_>>(), ["标签"]);
        assert!(matches!(m.rating, RatingMap::Values { .. }));
        assert_eq!(m.timezone, "Asia/Shanghai");
        assert!(header_score(&h(&["订单编号", "评价内容", "评分"])) >= 3);
        assert_eq!(header_score(&h(&["2024-05-01", "很好用", "5"])), 0);
    }
}
