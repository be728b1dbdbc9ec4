//! Naming the buyer's specific problem ("漏水", "色差", "the sizing") from the review text,
//! so a draft talks about what happened instead of "your problem".
//!
//! Only phrases from this list ever reach a draft: the review's own words are never
//! copied, because they may hold insults or personal data.

use crate::cases::Cause;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// (words in reviews, zh phrase, en phrase). Phrases fit "遇到了…的情况" / "…这个问题"
/// and "about … with your <product>". More specific words come first.
const LEXICON: &[(&[&str], &str, &str)] = &[
    // safety first: they must be named when present
    (&["漏电", "触电"], "漏电", "an electrical fault"),
    (
        &["起火", "冒烟", "烧焦"],
        "发热冒烟",
        "overheating and smoke",
    ),
    (&["过敏"], "使用后过敏", "an allergic reaction"),
    (
        &["划伤", "割伤", "受伤"],
        "有划伤的隐患",
        "a risk of injury",
    ),
    // leaks and damage
    (&["漏水", "渗水", "漏液", "漏汤"], "漏水", "the leak"),
    (&["漏气"], "漏气", "the air leak"),
    (
        &["压坏", "压扁", "摔坏", "运输损坏"],
        "运输中压坏",
        "damage in transit",
    ),
    (
        &["破损", "破了", "裂开", "裂了", "碎了", "有裂痕"],
        "破损",
        "the damage",
    ),
    (
        &["划痕", "刮花", "刮的特别花", "磨损"],
        "有划痕",
        "the scratches",
    ),
    // devices
    (&["死机"], "死机", "the freezing"),
    (
        &[
            "卡顿",
            "很卡",
            "太卡",
            "卡机",
            "卡死",
            "有点卡",
            "好卡",
            "超卡",
            "卡的要死",
            "卡得要死",
            "反应慢",
        ],
        "运行卡顿",
        "the lag",
    ),
    (
        &["黑屏", "花屏", "屏幕", "分辨率"],
        "屏幕有问题",
        "the screen",
    ),
    (&["发烫", "发热", "很烫"], "机身发烫", "the overheating"),
    (
        &["充不进电", "充不上电", "不充电", "充电"],
        "充电不正常",
        "the charging",
    ),
    (
        &["电池", "续航", "耗电", "掉电"],
        "电池续航差",
        "the battery life",
    ),
    (
        &["开不了机", "无法开机", "不开机", "开不开机"],
        "开不了机",
        "it not turning on",
    ),
    (&["信号"], "信号不好", "the weak signal"),
    (&["蓝牙"], "蓝牙连不上", "the Bluetooth connection"),
    (&["噪音", "声音大", "异响", "响声"], "噪音大", "the noise"),
    (&["不加热", "加热慢", "水不热"], "加热不正常", "the heating"),
    (&["返修", "维修"], "需要返修", "the repair it needed"),
    (
        &["坏了", "坏的", "损坏", "故障", "不能用", "用不了", "不工作"],
        "商品故障",
        "the fault",
    ),
    // textiles and goods
    (&["掉色", "褪色", "染色"], "掉色", "the colour running"),
    (&["起球"], "起球", "the pilling"),
    (&["脱线", "开线", "线头"], "开线", "the loose stitching"),
    (&["缩水"], "缩水", "the shrinking"),
    (&["变形"], "变形", "it losing shape"),
    (
        &["异味", "味道大", "有味道", "刺鼻", "呛鼻", "臭味", "很臭"],
        "有异味",
        "the smell",
    ),
    (
        &["假货", "不是正品", "山寨", "盗版", "高仿"],
        "对是否正品有疑问",
        "your doubts about it being genuine",
    ),
    (
        &["二手", "旧的", "用过的", "翻新"],
        "收到的像是旧货",
        "the item looking used",
    ),
    (&["缺页", "少页", "掉页"], "缺页", "the missing pages"),
    (
        &["印刷", "字迹模糊", "错别字", "错字"],
        "印刷有问题",
        "the printing",
    ),
    (&["瑕疵", "做工"], "做工瑕疵", "the flaws in the making"),
    (&["掉发", "掉头发"], "用后掉发", "hair loss after use"),
    (&["头皮痒", "头痒"], "头皮发痒", "an itchy scalp"),
    (
        &["头发变硬", "发干", "干涩"],
        "头发干涩",
        "hair feeling dry",
    ),
    // fresh food and meals
    (
        &["烂了", "烂的", "腐烂", "坏果", "烂果"],
        "水果腐烂",
        "the spoiled fruit",
    ),
    (
        &["不新鲜", "变质", "过期", "发霉", "臭了", "馊了"],
        "不够新鲜",
        "it not being fresh",
    ),
    (
        &[
            "吃出头发",
            "有头发",
            "一根头发",
            "异物",
            "虫子",
            "苍蝇",
            "沙子",
        ],
        "有异物",
        "the foreign object",
    ),
    (&["夹生", "没熟", "不熟"], "没做熟", "it being undercooked"),
    (&["洒了", "漏了", "撒了"], "洒漏", "the spill"),
    (
        &["凉了", "冷了", "都凉"],
        "饭菜凉了",
        "the food arriving cold",
    ),
    (
        &["太咸", "好咸", "很咸", "齁"],
        "太咸",
        "it being too salty",
    ),
    (&["太辣", "好辣", "很辣"], "太辣", "it being too spicy"),
    (
        &["不放盐", "没放盐", "太淡", "没味"],
        "味道太淡",
        "it being bland",
    ),
    (&["太油", "油腻", "很油"], "太油腻", "it being too oily"),
    (
        &[
            "量少",
            "分量少",
            "份量少",
            "量太少",
            "太少了",
            "一小碗",
            "一点点",
        ],
        "份量少",
        "the small portion",
    ),
    (
        &[
            "难吃",
            "不好吃",
            "味道一般",
            "味道差",
            "口感差",
            "口感不好",
            "不甜",
            "太酸",
        ],
        "口味不好",
        "the taste",
    ),
    (&["不卫生", "不干净", "脏"], "卫生不达标", "the cleanliness"),
    // stays
    (&["空调"], "空调不好用", "the air conditioning"),
    (&["隔音"], "隔音差", "the noise from next door"),
    (
        &["没热水", "没有热水", "热水不", "淋浴", "花洒"],
        "热水不稳定",
        "the hot water",
    ),
    (&["早餐"], "早餐不理想", "the breakfast"),
    (&["前台"], "前台服务不周", "the front desk"),
    (&["网速", "上网", "宽带"], "网络慢", "the slow internet"),
    (&["设施", "老旧", "陈旧"], "设施老旧", "the dated rooms"),
    // not as described
    (
        &["色差", "颜色不一样", "颜色不对", "颜色和图片"],
        "色差",
        "the colour mismatch",
    ),
    (
        &["偏小", "太小", "码子小", "小了一码", "小一码"],
        "尺码偏小",
        "the size running small",
    ),
    (
        &["偏大", "太大", "大了一码", "大一码"],
        "尺码偏大",
        "the size running large",
    ),
    (
        &["尺码", "码数", "码子", "尺寸"],
        "尺码不合适",
        "the sizing",
    ),
    (
        &[
            "与描述不符",
            "和描述不符",
            "描述不符",
            "和描述不一样",
            "图片不符",
            "和图片不一样",
            "跟图片",
            "不是图片",
            "货不对板",
            "不一样",
        ],
        "实物与描述不符",
        "the item not matching the listing",
    ),
    (&["太薄", "很薄", "偏薄"], "材质偏薄", "the thin material"),
    (&["材质", "面料", "布料"], "面料不理想", "the fabric"),
    (&["内存", "容量"], "容量与宣传不符", "the capacity"),
    // logistics
    (
        &["丢件", "丢了", "没收到", "收不到"],
        "包裹丢失",
        "the lost parcel",
    ),
    (
        &["不送上门", "不送货上门", "放门口", "自己去取", "自提"],
        "没有送货上门",
        "the missed doorstep delivery",
    ),
    (
        &[
            "物流慢",
            "物流太慢",
            "快递慢",
            "快递太慢",
            "送货慢",
            "到货慢",
            "配送慢",
            "送餐慢",
            "送的慢",
            "送得慢",
            "送的太慢",
            "送得太慢",
            "超时",
            "送餐太慢",
            "晚了",
            "晚到",
            "送餐没准",
            "迟到",
            "等了一个",
            "等了两个",
            "等了半天",
            "等了很久",
            "好几天才到",
            "几天才到",
            "才送到",
            "还没到",
            "迟迟",
            "延迟",
        ],
        "配送太慢",
        "the slow delivery",
    ),
    (&["物流", "快递"], "物流不顺利", "the delivery"),
    // packaging
    (
        &[
            "包装简陋",
            "包装差",
            "包装破",
            "没包好",
            "包装太简单",
            "盒子破",
            "盒子坏",
            "盒子压",
        ],
        "包装不到位",
        "the packaging",
    ),
    (&["包装"], "包装不到位", "the packaging"),
    // shipping errors
    (&["发错", "寄错", "送错"], "发错了商品", "the wrong item"),
    (
        &["漏发", "少发", "缺件", "少了", "少个", "少一个", "没有配件"],
        "少发了东西",
        "the missing items",
    ),
    (
        &["没发货", "不发货", "迟迟不发"],
        "迟迟没有发货",
        "the order not being shipped",
    ),
    (
        &["赠品没有", "没有赠品", "没送赠品", "赠品呢"],
        "赠品没有送到",
        "the missing free gift",
    ),
    // service
    (
        &["态度差", "态度不好", "态度恶劣", "爱答不理", "推卸"],
        "服务态度不好",
        "the unfriendly service",
    ),
    (
        &["不回复", "回复慢", "联系不上", "不理人", "没人理"],
        "客服回复不及时",
        "the slow replies",
    ),
    (&["发票"], "发票开得不及时", "the invoice"),
    (&["客服"], "客服没帮上忙", "the customer service"),
    // price
    (
        &["降价", "差价", "买贵了"],
        "刚买就降价",
        "the price drop right after you bought",
    ),
    (
        &[
            "太贵",
            "有点贵",
            "偏贵",
            "很贵",
            "好贵",
            "贵了",
            "坑爹价",
            "不值",
            "性价比",
        ],
        "觉得价格不划算",
        "the value for money",
    ),
    // English reviews
    (
        &[
            "stopped working",
            "quit working",
            "doesn't work",
            "does not work",
            "not working",
            "won't turn on",
            "wont turn on",
            "stopped responding",
            "defective",
            "faulty",
            "malfunction",
            "broke",
            "broken",
            "died",
        ],
        "商品故障",
        "the fault",
    ),
    (
        &[
            "wifi",
            "wi-fi",
            "disconnects",
            "disconnecting",
            "won't connect",
            "connection",
            "connecting",
        ],
        "连接不稳定",
        "the connection trouble",
    ),
    (&["bluetooth"], "蓝牙连不上", "the Bluetooth connection"),
    (
        &["sound quality", "speaker", "sound", "audio", "volume"],
        "音质不理想",
        "the sound quality",
    ),
    (
        &[
            "doesn't understand",
            "does not understand",
            "understand",
            "recognize",
            "voice recognition",
        ],
        "语音识别不灵",
        "the voice recognition",
    ),
    (
        &["refurbished", "renewed", "used one"],
        "收到的像是旧货",
        "the item looking used",
    ),
    (
        &["runs small", "too small", "too tight", "tight", "snug"],
        "尺码偏小",
        "the size running small",
    ),
    (
        &[
            "runs large",
            "runs big",
            "too big",
            "too large",
            "huge",
            "baggy",
            "oversized",
        ],
        "尺码偏大",
        "the size running large",
    ),
    (
        &["see through", "see-through", "sheer", "transparent"],
        "面料透",
        "the see-through fabric",
    ),
    (&["itchy", "scratchy"], "面料扎人", "the itchy fabric"),
    (&["thin", "flimsy"], "面料偏薄", "the thin fabric"),
    (
        &["color", "colour", "colors", "colours"],
        "色差",
        "the colour not matching the photos",
    ),
    (
        &[
            "looked nothing like",
            "not as pictured",
            "nothing like the picture",
            "picture",
            "pictures",
            "photo",
            "photos",
        ],
        "实物与描述不符",
        "the item not matching the photos",
    ),
    (
        &[
            "hole",
            "holes",
            "ripped",
            "torn",
            "tear",
            "unraveled",
            "unraveling",
            "seam",
            "seams",
            "stitching",
            "threads",
        ],
        "做工瑕疵",
        "the flaws in the making",
    ),
    (&["zipper", "zip"], "拉链不好用", "the zipper"),
    (&["shrunk", "shrank", "shrink"], "缩水", "the shrinking"),
    (&["smell", "smells", "odor", "odour"], "有异味", "the smell"),
    (&["pilling", "pilled", "pills"], "起球", "the pilling"),
    (
        &["unflattering", "frumpy", "shapeless", "boxy"],
        "版型不好看",
        "the cut",
    ),
    (
        &["fit", "fits", "fitting", "sizing", "size"],
        "尺码版型不合适",
        "the fit",
    ),
    (&["fabric", "material"], "面料不理想", "the fabric"),
    (
        &[
            "never arrived",
            "took forever",
            "late",
            "delayed",
            "slow shipping",
            "shipping",
        ],
        "配送太慢",
        "the slow delivery",
    ),
    (
        &[
            "wrong item",
            "wrong one",
            "wrong color",
            "wrong size",
            "wrong product",
            "received the wrong",
            "sent me the wrong",
            "sent the wrong",
        ],
        "发错了商品",
        "the wrong item",
    ),
    (&["missing"], "少发了东西", "the missing items"),
    (
        &["packaging", "package", "box"],
        "包装不到位",
        "the packaging",
    ),
    (
        &[
            "expensive",
            "overpriced",
            "not worth",
            "waste of money",
            "price",
        ],
        "觉得价格不划算",
        "the value for money",
    ),
    (
        &["customer service", "support", "no response", "rude"],
        "客服没帮上忙",
        "the customer service",
    ),
    (
        &["battery", "charging", "charger"],
        "电池续航差",
        "the battery",
    ),
    (&["screen", "display"], "屏幕有问题", "the screen"),
    (&["remote"], "遥控器不好用", "the remote"),
    (
        &["poor quality", "cheaply made", "cheap", "quality"],
        "质量不理想",
        "the quality",
    ),
];

/// The general phrase for a cause, when no specific word was found.
pub(crate) fn cause_phrase(cause: Cause, zh: bool) -> &'static str {
    match (cause, zh) {
        (Cause::Quality, true) => "商品质量不理想",
        (Cause::Quality, false) => "the quality problem",
        (Cause::NotAsDescribed, true) => "实物与描述不符",
        (Cause::NotAsDescribed, false) => "the item not matching the listing",
        (Cause::Logistics, true) => "配送不顺利",
        (Cause::Logistics, false) => "the delivery",
        (Cause::Packaging, true) => "包装不到位",
        (Cause::Packaging, false) => "the packaging",
        (Cause::Service, true) => "服务没让您满意",
        (Cause::Service, false) => "the service you received",
        (Cause::ShippingError, true) => "漏发或错发",
        (Cause::ShippingError, false) => "a mix-up in the shipment",
        (Cause::Price, true) => "觉得价格不划算",
        (Cause::Price, false) => "the value for money",
        (Cause::Malicious, true) => "评价里提到的问题",
        (Cause::Malicious, false) => "the points raised in the review",
        (Cause::Misattributed, true) => "评价里提到的情况",
        (Cause::Misattributed, false) => "what the review describes",
        (Cause::Other, true) => "体验不理想",
        (Cause::Other, false) => "the trouble",
    }
}

struct Index {
    re: Regex,
    by_word: HashMap<String, usize>,
}

static INDEX: LazyLock<Option<Index>> = LazyLock::new(|| {
    let mut words: Vec<(&str, usize)> = LEXICON
        .iter()
        .enumerate()
        .flat_map(|(i, (ws, _, _))| ws.iter().map(move |w| (*w, i)))
        .collect();
    // Longest first so "物流慢" wins over "物流" at the same position.
    words.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    let pattern = words
        .iter()
        .map(|(w, _)| {
            let e = regex::escape(w);
            if w.is_ascii() {
                format!(r"(?-u:\b){e}(?-u:\b)")
            } else {
                e
            }
        })
        .collect::<Vec<_>>()
        .join("|");
    let re = Regex::new(&format!("(?i){pattern}")).ok()?;
    let mut by_word = HashMap::new();
    for (w, i) in words {
        by_word.entry(w.to_lowercase()).or_insert(i);
    }
    Some(Index { re, by_word })
});

/// The specific problems named in a review, at most `max`, in the order they appear.
pub(crate) fn extract(text: &str, zh: bool, max: usize) -> Vec<&'static str> {
    let Some(index) = INDEX.as_ref() else {
        return Vec::new();
    };
    let mut found: Vec<usize> = Vec::new();
    let mut phrases: Vec<&'static str> = Vec::new();
    for m in index.re.find_iter(text) {
        let Some(&i) = index.by_word.get(&m.as_str().to_lowercase()) else {
            continue;
        };
        if found.contains(&i) {
            continue;
        }
        found.push(i);
        let (_, zh_phrase, en_phrase) = LEXICON[i];
        let phrase = if zh { zh_phrase } else { en_phrase };
        if !phrases.contains(&phrase) {
            phrases.push(phrase);
        }
        if phrases.len() >= max {
            break;
        }
    }
    phrases
}

/// The phrase a draft uses: up to two specific problems, else the cause's general phrase.
pub(crate) fn problem_phrase(text: &str, cause: Cause, zh: bool) -> (String, bool) {
    let found = extract(text, zh, 2);
    if found.is_empty() {
        (cause_phrase(cause, zh).to_string(), false)
    } else if zh {
        (found.join("、"), true)
    } else {
        (found.join(" and "), true)
    }
}

/// Every phrase a draft may carry, for tests that check them against the checker.
#[cfg(test)]
pub(crate) fn all_phrases() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = LEXICON.iter().flat_map(|(_, z, e)| [*z, *e]).collect();
    for c in Cause::ALL {
        v.push(cause_phrase(*c, true));
        v.push(cause_phrase(*c, false));
    }
    v
}
