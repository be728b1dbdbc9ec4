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

/// Names real exports, scrapers and APIs use for each field (already in `norm` form),
/// the likelier meaning first: when several columns could feed one field, the one named
/// earlier in its list wins (a product's name over its id, a readable time over none).
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
            "评价单号",
            "评论编码",
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
            "orderno",
            "order",
            "主订单编号",
            "子订单编号",
            "订单编码",
            "交易号",
            "交易编号",
            "订单",
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
            "profilename",
            "displayusernick",
            "username",
            "buyer",
            "buyernick",
            "buyername",
            "customer",
            "user",
            "买家",
            "买家昵称",
            "买家会员名",
            "用户昵称",
            "昵称",
            "会员名",
            "会员昵称",
            "用户名",
            "用户",
            "评价人",
            "评论人",
            "评论者",
            "网友",
            "买家账号",
            "买家id",
            "用户id",
            "会员id",
            "userid",
            "buyerid",
            "customerid",
            "reviewerid",
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
            "itemname",
            "goodsname",
            "referencename",
            "item",
            "goods",
            "商品名称",
            "宝贝名称",
            "宝贝标题",
            "商品名",
            "商品标题",
            "产品名称",
            "产品名",
            "货品名称",
            "品名",
            "商品",
            "宝贝",
            "产品",
            "商户名",
            "店铺名称",
            "商品id",
            "宝贝id",
            "产品id",
            "productid",
            "itemid",
            "goodsid",
            "asin",
            "skuid",
            "sku",
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
            "overall",
            "reviewrating",
            "ratingvalue",
            "commentstar",
            "result",
            "评分",
            "打分",
            "星级",
            "星数",
            "评星",
            "分数",
            "得分",
            "评价星级",
            "评价结果",
            "商品评分",
            "评价等级",
            "评价分数",
            "综合评分",
            "总评分",
            "总体评分",
            "评价类型",
            // …then every name in SENTIMENT, which also reads as the rating.
        ],
    ),
    (
        Title,
        &[
            "title",
            "reviewtitle",
            "headline",
            "reviewheadline",
            "summary",
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
            "reviewcontent",
            "commentcontent",
            "ratecontent",
            "cuscomment",
            "comments",
            "reviews",
            "verifiedreviews",
            "评价内容",
            "评论内容",
            "初评内容",
            "评价文本",
            "评论文本",
            "买家评价",
            "用户评价",
            "评价详情",
            "评论详情",
            "评语",
            "内容",
            "正文",
            "文本",
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
            "reviewtime",
            "commenttime",
            "commentdate",
            "creationtime",
            "ratedate",
            "datetime",
            "timestamp",
            "postedat",
            "publishedat",
            "submittedat",
            "评价时间",
            "评论时间",
            "初评时间",
            "评价日期",
            "评论日期",
            "发表时间",
            "发布时间",
            "创建时间",
            "时间",
            "日期",
            "unixreviewtime",
        ],
    ),
    (
        SellerReply,
        &[
            "reply",
            "sellerreply",
            "sellerresponse",
            "merchantreply",
            "ownerresponse",
            "response",
            "回复",
            "回复内容",
            "商家回复",
            "卖家回复",
            "店家回复",
            "掌柜回复",
            "客服回复",
            "官方回复",
            "解释内容",
            "卖家解释",
        ],
    ),
    (
        FollowUpText,
        &[
            "appendcontent",
            "appendcomment",
            "followup",
            "followupcomment",
            "aftercomment",
            "追评",
            "追评内容",
            "追加评论",
            "追加评价",
            "追加内容",
        ],
    ),
    (
        OrderValue,
        &[
            "itemprice",
            "price",
            "amount",
            "ordervalue",
            "orderamount",
            "价格",
            "单价",
            "宝贝单价",
            "商品价格",
            "实付金额",
            "实付",
            "支付金额",
            "订单金额",
            "金额",
        ],
    ),
    (
        Photos,
        &[
            "pictureurls",
            "pictures",
            "images",
            "imageurls",
            "photos",
            "pics",
            "图片",
            "评价图片",
            "图片链接",
            "晒图",
            "买家秀",
        ],
    ),
];

/// Rating names whose column holds a sentiment label rather than stars: 0/1 there is
/// negative/positive even when the first rows happen to be all one kind.
const SENTIMENT: &[&str] = &[
    "label",
    "标签",
    "sentiment",
    "polarity",
    "reviewpolarity",
    "derivedreviewpolarity",
    "情感",
    "情感倾向",
    "情感极性",
    "情感标签",
    "极性",
    "倾向",
];

/// `norm` without a trailing unit or note in brackets: `评分(1-5)`, `金额（元）` and
/// `评价内容【含追评】` are named as the plain header is.
fn bare(h: &str) -> String {
    let n = norm(h);
    match n.find(['(', '（', '[', '【']) {
        Some(i) if i > 0 => n[..i].to_string(),
        _ => n,
    }
}

/// Which field a header names and how strongly (lower: likelier), if any.
fn synonym_rank(header: &str) -> Option<(CaseField, usize)> {
    let find = |n: &str| {
        SYNONYMS
            .iter()
            .find_map(|(f, names)| names.iter().position(|x| *x == n).map(|rank| (*f, rank)))
            .or_else(|| {
                // A sentiment label is a rating too, less likely than any star spelling.
                let stars = SYNONYMS
                    .iter()
                    .find(|(f, _)| *f == Rating)
                    .map_or(0, |(_, n)| n.len());
                SENTIMENT
                    .iter()
                    .position(|x| *x == n)
                    .map(|p| (Rating, stars + p))
            })
    };
    let n = norm(header);
    find(&n).or_else(|| {
        let b = bare(header);
        (b != n).then(|| find(&b)).flatten()
    })
}

/// Which field a header names, if any.
pub(crate) fn field_for_header(header: &str) -> Option<CaseField> {
    synonym_rank(header).map(|(f, _)| f)
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
        name: "jd_comments",
        label_zh: "京东 评价抓取 (club.jd.com 评论接口)",
        label_en: "JD reviews scraped from the club.jd.com comment API",
        platform: Platform::Jd,
        signature: &[
            &["referencename", "referenceid"],
            &["content"],
            &["score"],
            &["creationtime"],
        ],
        fields: &[
            (ReviewId, &["id", "guid"]),
            (BuyerNick, &["nickname"]),
            (Product, &["referencename", "referenceid"]),
            (Rating, &["score"]),
            (ReviewText, &["content"]),
            (ReviewTime, &["creationtime"]),
            (Photos, &["imagecount", "images"]),
        ],
        rating: Rating::Auto,
        default_product: "",
        timezone: SHANGHAI,
        unescape_newlines: false,
    },
    Preset {
        name: "meituan_waimai",
        label_zh: "美团外卖 商家评价导出",
        label_en: "Meituan delivery merchant review export",
        platform: Platform::Meituan,
        signature: &[
            &["总体评分", "商家评分", "评分", "星级"],
            &["口味评分", "包装评分", "配送评分", "菜品评分"],
            &["评价内容", "评论内容"],
        ],
        fields: &[
            (OrderId, &["订单号", "订单编号"]),
            (BuyerNick, &["用户名", "用户昵称", "顾客昵称"]),
            (Product, &["菜品名称", "商品名称", "门店名称", "店铺名称"]),
            (Rating, &["总体评分", "商家评分", "评分", "星级"]),
            (ReviewText, &["评价内容", "评论内容"]),
            (ReviewTime, &["评价时间", "评论时间"]),
            (SellerReply, &["商家回复", "回复内容"]),
            (Photos, &["评价图片", "图片"]),
        ],
        rating: Rating::Auto,
        default_product: "外卖",
        timezone: SHANGHAI,
        unescape_newlines: false,
    },
    Preset {
        name: "dianping_scraped",
        label_zh: "大众点评 评价抓取 (cus_comment, comment_star)",
        label_en: "Dianping reviews scraped from shop pages (cus_comment, comment_star)",
        platform: Platform::Meituan,
        signature: &[&["cuscomment"], &["commentstar"]],
        fields: &[
            (BuyerNick, &["cusid"]),
            (Product, &["shopname", "shopid"]),
            (Rating, &["commentstar"]),
            (ReviewText, &["cuscomment"]),
            (ReviewTime, &["commenttime"]),
        ],
        rating: Rating::Auto,
        default_product: "餐厅",
        timezone: SHANGHAI,
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

fn tri_label_values() -> RatingMap {
    let v = |value: &str, stars: u8| RatingValue {
        value: value.into(),
        stars,
    };
    RatingMap::Values {
        values: vec![v("-1", 1), v("0", 3), v("1", 5)],
    }
}

/// How a candidate rating column's sample values read: as sentiment labels (0/1 or
/// -1/0/1), as stars and verdict words, or not as a rating at all (`None`: another
/// column is tried).
fn rating_reading(header: &str, values: &[&str]) -> Option<RatingMap> {
    let within = |set: &[&str]| values.iter().all(|v| set.contains(v));
    let sentiment = SENTIMENT.contains(&bare(header).as_str());
    if within(&["0", "1"]) && (sentiment || values.contains(&"0")) {
        return Some(label_values());
    }
    if within(&["-1", "0", "1"]) && values.contains(&"-1") {
        return Some(tri_label_values());
    }
    let readable = values
        .iter()
        .filter(|v| super::values::parse_stars(v, &RatingMap::Auto).is_some())
        .count();
    (readable * 2 >= values.len()).then_some(RatingMap::Auto)
}

/// A time column is only suggested when most of its sample values read as times: a
/// column of `02 28, 2014` would reject every row, while no time only costs a warning.
fn times_readable(values: &[&str]) -> bool {
    let readable = values
        .iter()
        .filter(|v| super::values::parse_when(v, chrono_tz::UTC).is_some())
        .count();
    readable * 2 >= values.len()
}

/// A starting point for an unknown layout: each field fed by the column whose name is
/// its likeliest synonym, among those whose sample values fit (ratings and times).
/// Sentiment columns and ratings whose sample values are all 0/1 are read as labels.
pub(crate) fn suggest(headers: &[String], sample_rows: &[Vec<String>]) -> ColumnMapping {
    let values_of = |i: usize| -> Vec<&str> {
        sample_rows
            .iter()
            .filter_map(|r| r.get(i).map(|s| s.trim()))
            .filter(|s| !s.is_empty())
            .collect()
    };
    let mut candidates: Vec<(usize, usize, CaseField)> = headers
        .iter()
        .enumerate()
        .filter_map(|(i, h)| synonym_rank(h).map(|(f, rank)| (rank, i, f)))
        .collect();
    candidates.sort();
    let mut chosen: Vec<(usize, FieldColumn)> = Vec::new();
    let mut rating = RatingMap::Auto;
    // A rating column empty in the sample says nothing: used only when no other fits.
    let mut blank_rating = None;
    for (_, i, field) in candidates {
        if chosen.iter().any(|(_, c)| c.field == field) {
            continue;
        }
        let values = values_of(i);
        match field {
            Rating if values.is_empty() => {
                blank_rating = blank_rating.or(Some(i));
                continue;
            }
            Rating => match rating_reading(&headers[i], &values) {
                Some(map) => rating = map,
                None => continue,
            },
            ReviewTime if !times_readable(&values) => continue,
            _ => {}
        }
        chosen.push((
            i,
            FieldColumn {
                field,
                column: headers[i].clone(),
            },
        ));
    }
    if let Some(i) = blank_rating.filter(|_| !chosen.iter().any(|(_, c)| c.field == Rating)) {
        chosen.push((
            i,
            FieldColumn {
                field: Rating,
                column: headers[i].clone(),
            },
        ));
    }
    chosen.sort_by_key(|(i, _)| *i);
    let chinese = headers
        .iter()
        .any(|h| h.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
    ColumnMapping {
        platform: Platform::Other,
        fields: chosen.into_iter().map(|(_, c)| c).collect(),
        rating,
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
            (
                &[
                    "id",
                    "guid",
                    "content",
                    "creationTime",
                    "referenceId",
                    "referenceName",
                    "score",
                    "nickname",
                    "productColor",
                    "imageCount",
                ],
                "jd_comments",
            ),
            (
                &[
                    "订单号",
                    "评价时间",
                    "用户名",
                    "总体评分",
                    "口味评分",
                    "包装评分",
                    "配送评分",
                    "评价内容",
                    "商家回复",
                ],
                "meituan_waimai",
            ),
            (
                &[
                    "cus_id",
                    "comment_time",
                    "comment_star",
                    "cus_comment",
                    "kouwei",
                    "huanjing",
                    "fuwu",
                    "shopID",
                ],
                "dianping_scraped",
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
    #[test]
    fn synonyms_name_one_field_each_in_norm_form() {
        let mut seen: Vec<&str> = Vec::new();
        for (field, names) in SYNONYMS {
            for n in *names {
                assert_eq!(norm(n), *n, "{n} is not in norm form");
                assert!(!seen.contains(n), "{n} names two fields (second: {field})");
                seen.push(n);
            }
        }
        for n in SENTIMENT {
            assert_eq!(norm(n), *n, "{n} is not in norm form");
            assert!(
                !seen.contains(n),
                "{n} is a sentiment label and names another field"
            );
            assert_eq!(field_for_header(n), Some(Rating), "{n}");
        }
    }

    #[test]
    fn common_header_spellings_name_their_field() {
        let cases: &[(&str, CaseField)] = &[
            ("打分", Rating),
            ("评分", Rating),
            ("星级", Rating),
            ("分数", Rating),
            ("Score", Rating),
            ("Stars", Rating),
            ("overall", Rating),
            ("评分（1-5）", Rating),
            ("情感倾向", Rating),
            ("用户ID", BuyerNick),
            ("会员名", BuyerNick),
            ("买家昵称", BuyerNick),
            ("用户名", BuyerNick),
            ("Buyer", BuyerNick),
            ("Customer", BuyerNick),
            ("Reviewer", BuyerNick),
            ("reviewerName", BuyerNick),
            ("评价内容", ReviewText),
            ("评论", ReviewText),
            ("Review", ReviewText),
            ("Comment", ReviewText),
            ("content", ReviewText),
            ("评价内容【含图】", ReviewText),
            ("追评", FollowUpText),
            ("商品名称", Product),
            ("宝贝名称", Product),
            ("Product", Product),
            ("Product Name", Product),
            ("订单号", OrderId),
            ("Order ID", OrderId),
            ("order_no", OrderId),
            ("时间", ReviewTime),
            ("评价时间", ReviewTime),
            ("Date", ReviewTime),
            ("发布时间", ReviewTime),
            ("店家回复", SellerReply),
            ("实付金额(元)", OrderValue),
            ("summary", Title),
        ];
        for (header, want) in cases {
            assert_eq!(field_for_header(header), Some(*want), "{header}");
        }
        for other in ["口味评分", "helpful", "Age", "(备注)", "split"] {
            assert_eq!(field_for_header(other), None, "{other}");
        }
    }

    #[test]
    fn suggestion_prefers_names_over_ids_and_readable_values() {
        // An Amazon (SNAP) layout: the readable review time does not parse, its Unix twin
        // does; the product is only known by its ASIN; the buyer by name, not id.
        let headers = h(&[
            "reviewerID",
            "asin",
            "reviewerName",
            "helpful",
            "reviewText",
            "overall",
            "summary",
            "unixReviewTime",
            "reviewTime",
        ]);
        let rows = vec![h(&[
            "A2IBPI20UZIR0U",
            "1384719342",
            "cassandra tu",
            "[0, 0]",
            "Not much to write about here",
            "5.0",
            "good",
            "1393545600",
            "02 28, 2014",
        ])];
        let m = suggest(&headers, &rows);
        let col = |f| m.columns_for(f).collect::<Vec<_>>();
        assert_eq!(col(BuyerNick), ["reviewerName"]);
        assert_eq!(col(Product), ["asin"]);
        assert_eq!(col(Rating), ["overall"]);
        assert_eq!(col(Title), ["summary"]);
        assert_eq!(col(ReviewText), ["reviewText"]);
        assert_eq!(col(ReviewTime), ["unixReviewTime"]);
        assert_eq!(m.rating, RatingMap::Auto);
        assert_eq!(m.timezone, "UTC");
        // Fields are listed in the file's column order.
        let order: Vec<&str> = m.fields.iter().map(|f| f.column.as_str()).collect();
        assert_eq!(
            order,
            [
                "asin",
                "reviewerName",
                "reviewText",
                "overall",
                "summary",
                "unixReviewTime"
            ]
        );
    }

    #[test]
    fn sentiment_columns_read_as_labels() {
        let headers = h(&["用户ID", "评论内容", "情感", "打分"]);
        // All positive in the sample: a sentiment column still reads 1 as positive.
        let rows = vec![h(&["u1", "好", "1", ""]), h(&["u2", "不错", "1", ""])];
        let m = suggest(&headers, &rows);
        assert_eq!(m.columns_for(Rating).collect::<Vec<_>>(), ["情感"]);
        assert!(matches!(&m.rating, RatingMap::Values { values } if values.len() == 2));
        assert_eq!(m.columns_for(BuyerNick).collect::<Vec<_>>(), ["用户ID"]);

        let tri = suggest(
            &h(&["text", "polarity"]),
            &[h(&["meh", "0"]), h(&["bad", "-1"]), h(&["ok", "1"])],
        );
        assert_eq!(
            crate::intake::values::parse_stars("-1", &tri.rating),
            Some(1)
        );
        assert_eq!(
            crate::intake::values::parse_stars("0", &tri.rating),
            Some(3)
        );

        // A rating column of words that are no rating is passed over for the next one.
        let words = suggest(
            &h(&["评价", "评价结果", "打分"]),
            &[h(&["差", "已完成", "1"]), h(&["好", "已完成", "5"])],
        );
        assert_eq!(words.columns_for(Rating).collect::<Vec<_>>(), ["打分"]);
    }
}
