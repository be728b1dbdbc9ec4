//! Recurring problems and what to change so they stop (PLAYBOOK §1: "learn — fix the
//! product, the packing, the courier, the script").
//!
//! A case's problem is the first entry for its primary cause whose words occur in the
//! review (entries run from specific to general, safety first; an entry may serve several
//! causes, e.g. a colour complaint labelled as quality; each cause ends with a catch-all
//! without words). Cases are grouped by problem and the biggest groups reported
//! with the products they hit most and the suggested fix.

use crate::cases::Cause;

pub(crate) struct ProblemEntry {
    /// The primary causes it applies to; the first is the one it is filed under.
    pub causes: &'static [Cause],
    /// Words in reviews, lower case; empty for the cause's catch-all.
    pub words: &'static [&'static str],
    pub zh: &'static str,
    pub en: &'static str,
    pub fix_zh: &'static str,
    pub fix_en: &'static str,
}

const fn p(
    causes: &'static [Cause],
    words: &'static [&'static str],
    zh: &'static str,
    en: &'static str,
    fix_zh: &'static str,
    fix_en: &'static str,
) -> ProblemEntry {
    ProblemEntry {
        causes,
        words,
        zh,
        en,
        fix_zh,
        fix_en,
    }
}

use Cause::*;

pub(crate) const PROBLEMS: &[ProblemEntry] = &[
    // quality — safety first, so it is never hidden behind a milder word
    p(
        &[Quality],
        &[
            "漏电", "触电", "起火", "冒烟", "烧焦", "短路", "烫伤", "受伤", "划伤", "割伤",
            "electric shock", "smoke", "sparks", "caught fire", "burning smell", "burned", "injured",
        ],
        "安全隐患（漏电/冒烟/烫伤）",
        "safety hazard (shock, smoke, burns)",
        "立即暂停销售该批次并全面排查，送检后再上架；主动联系已购买家召回或更换",
        "Stop selling the batch and inspect it at once, have it tested before relisting, and contact past buyers to recall or replace",
    ),
    p(
        &[Quality],
        &["过敏", "起疹", "红疹", "红肿", "allergic", "rash"],
        "使用后过敏",
        "allergic reactions",
        "核查成分与检测报告，详情页标明成分和过敏提示，问题批次下架",
        "Check the ingredients and test reports, list ingredients and allergy warnings on the page, pull the affected batch",
    ),
    p(
        &[Quality],
        &["洒了", "洒出来", "汤洒", "撒了一", "spilled", "spilt"],
        "餐品洒漏",
        "spilled food",
        "汤类加封口膜和密封袋，杯盖朝上固定放置，提醒骑手平放",
        "Seal soups with film and sealed bags, fix cups upright in the bag, and ask riders to keep orders flat",
    ),
    p(
        &[Quality],
        &["烂了", "坏果", "发霉", "变质", "不新鲜", "发酵", "馊", "过期", "spoiled", "rotten", "moldy", "mouldy", "stale", "expired"],
        "变质/不新鲜",
        "spoiled or stale",
        "缩短备货和发货周期，生鲜加冰袋或走冷链，发货前挑拣，坏果按约定包赔",
        "Shorten storage and dispatch times, ship fresh goods with ice packs or cold chain, sort before packing, and refund spoiled items as promised",
    ),
    p(
        &[Quality],
        &["漏水", "渗水", "漏液", "漏汤", "漏了", "漏", "leak", "leaks", "leaking", "leaked"],
        "漏水/渗漏",
        "leaks",
        "发货前逐件注水/密封测试，检查密封圈和焊接处，问题批次退回供应商返工",
        "Water-test every unit before shipping, check seals and welds, and send faulty batches back to the supplier",
    ),
    p(
        &[Quality],
        &[
            "断连", "断开", "连不上", "断一次", "续航", "没电", "充不进电", "充不上电",
            "disconnects", "disconnecting", "won't connect", "battery life", "won't charge",
        ],
        "连接不稳/续航差",
        "connection or battery trouble",
        "出货前做连接和续航实测，详情页如实标注续航，问题批次联系厂家升级固件或换货",
        "Test pairing and battery life before shipping, state real battery life on the page, and have the maker fix or replace faulty batches",
    ),
    p(
        &[Quality],
        &["碎了", "摔碎", "碎成", "裂开", "shattered", "smashed"],
        "到货破碎",
        "arrived broken",
        "易碎品逐件单独包裹，件与件之间加隔板和填充，外箱贴易碎标识并与快递约定理赔",
        "Wrap fragile items one by one with dividers and filling, mark boxes fragile, and agree damage claims with the courier",
    ),
    p(
        &[Quality],
        &["掉漆", "涂层", "生锈", "锈", "氧化", "rust", "rusty", "peeling", "coating"],
        "涂层脱落/生锈",
        "peeling coating or rust",
        "检查涂层和材质工艺，抽检来货的耐磨与防锈，问题型号更换供应商",
        "Check the coating and material process, sample incoming stock for wear and rust, and change supplier for the affected models",
    ),
    p(
        &[Quality],
        &["坏了", "坏的", "故障", "不能用", "用不了", "不工作", "死机", "开不了机", "失灵", "stopped working", "doesn't work", "does not work", "not working", "defective", "faulty", "broke", "dead on arrival"],
        "到手故障/很快坏了",
        "faulty or soon broken",
        "发货前通电和功能抽检，按批次统计故障型号，向供应商索赔并提高来货检验标准",
        "Power-on and function checks before shipping, log faults by batch and model, claim from the supplier and tighten incoming inspection",
    ),
    p(
        &[Quality],
        &["异味", "怪味", "味道大", "有味道", "塑料味", "刺鼻", "臭", "smell", "smells", "odor", "odour"],
        "有异味",
        "bad smell",
        "出库前拆袋通风散味，包裹内附散味说明；要求供应商提供环保检测报告或更换材料",
        "Air products out before packing, add a note on airing them, and ask the supplier for emission test reports or other materials",
    ),
    p(
        &[Quality],
        &["起球", "掉色", "褪色", "染色", "缩水", "pilling", "pilled", "faded", "fading", "shrank", "shrunk"],
        "起球/掉色/缩水",
        "pilling, fading or shrinking",
        "对面料做色牢度、起球和缩水测试，详情页写清洗涤说明，不合格面料停用",
        "Test fabrics for colour fastness, pilling and shrinkage, print care instructions on the page, drop fabrics that fail",
    ),
    p(
        &[Quality],
        &["脱线", "开线", "线头", "钻毛", "跑毛", "掉毛", "做工", "粗糙", "stitching", "seam", "seams", "loose threads", "hole", "holes", "ripped"],
        "做工粗糙/开线",
        "poor workmanship",
        "加强缝制工序检验，发货前逐件检查线头和接缝",
        "Add a sewing check to production and inspect seams and threads on every item before shipping",
    ),
    p(
        &[Quality],
        &["瑕疵", "划痕", "刮花", "裂", "缺口", "磕", "凹", "scratch", "scratched", "scratches", "dent", "dented", "crack", "cracked", "chipped"],
        "外观瑕疵/划痕",
        "scratches and flaws",
        "发货前外观全检，贴保护膜；瑕疵品降价处理或退回供应商",
        "Inspect the finish of every item before shipping and add protective film; sell flawed items as seconds or return them",
    ),
    p(
        &[Quality],
        &["假货", "不是正品", "山寨", "高仿", "盗版", "翻新", "二手", "fake", "counterfeit", "knockoff", "refurbished", "used one"],
        "质疑正品或新品",
        "doubts it is genuine or new",
        "在详情页和包裹里附上品牌授权、防伪查询方法和进货凭证",
        "Show the brand authorisation, how to verify authenticity and purchase records on the page and in the parcel",
    ),
    p(
        &[Quality],
        &[],
        "其他质量问题",
        "other quality problems",
        "按批次和型号统计问题，抽检来货，与供应商约定质量标准和退换条款",
        "Track problems by batch and model, sample incoming stock, and agree quality standards and returns terms with the supplier",
    ),
    // not as described
    p(
        &[NotAsDescribed],
        &["尺码", "偏大", "偏小", "码数", "大了", "小了", "太大", "太小", "size", "too small", "too big", "runs small", "runs large", "tight"],
        "尺码不准",
        "sizing is off",
        "重新实测并更新尺码表（平铺尺寸、模特身高体重），在详情页首屏给出选码建议",
        "Re-measure and update the size chart (flat measurements, model height and weight) and put sizing advice at the top of the page",
    ),
    p(
        &[NotAsDescribed, Quality],
        &["色差", "颜色", "color", "colour", "colors", "colours"],
        "色差",
        "colour differs from the photos",
        "在自然光下重拍实物图，减少修图，详情页注明可能的色差",
        "Reshoot the item in daylight, retouch less, and note on the page that colours may vary slightly",
    ),
    p(
        &[NotAsDescribed],
        &["材质", "面料", "太薄", "很薄", "透", "material", "fabric", "thin", "see-through", "flimsy"],
        "材质与描述不符",
        "material not as described",
        "如实写明材质成分和厚度，补充细节实拍图和视频",
        "State the material composition and thickness truthfully and add close-up photos and a video",
    ),
    p(
        &[NotAsDescribed],
        &["图片", "不一样", "描述", "实物", "货不对板", "picture", "pictures", "photo", "photos", "not as described", "looks different"],
        "实物与图片不符",
        "item differs from the listing",
        "主图换成实物拍摄，逐条核对标题和详情描述，删去夸大的说法",
        "Use photos of the real item, check the title and description line by line, and remove overstated claims",
    ),
    p(
        &[NotAsDescribed],
        &[],
        "其他与描述不符",
        "other listing mismatches",
        "核对标题、主图、详情与实物是否一致，补充实拍",
        "Check that the title, photos and description match the real item; add real photos",
    ),
    // logistics
    p(
        &[Logistics],
        &["破损", "压坏", "压扁", "摔坏", "碎了", "damaged", "crushed", "smashed", "arrived broken"],
        "运输破损",
        "damaged in transit",
        "易碎品加气泡膜和护角、换加厚纸箱，外箱贴易碎标识，与快递约定破损理赔",
        "Wrap fragile items in bubble film with corner guards, use thicker boxes marked fragile, and agree damage claims with the courier",
    ),
    p(
        &[Logistics],
        &["丢件", "丢了", "没收到", "收不到", "lost", "never arrived", "never received", "not received"],
        "丢件/没收到",
        "lost parcels",
        "发货后每天跟踪物流异常，超时未更新主动联系快递并给买家补发",
        "Check for stalled tracking daily after shipping; chase the courier and resend to the buyer when a parcel stops moving",
    ),
    p(
        &[Logistics],
        &["快递员", "不送上门", "送货上门", "驿站", "放门口", "courier", "driver", "left at", "delivery man"],
        "快递员服务/不送上门",
        "courier service",
        "向快递网点反馈投诉，订单备注送货上门，必要时更换合作快递",
        "Complain to the courier's depot, note doorstep delivery on orders, and change courier if it continues",
    ),
    p(
        &[Logistics],
        &["慢", "几天", "还没到", "好久", "延迟", "一周", "slow", "late", "delayed", "took forever", "took weeks"],
        "配送太慢",
        "slow delivery",
        "对比各快递时效，高峰期提前备货或换更快的快递，详情页写明预计送达时间",
        "Compare couriers' delivery times, stock up before peaks or switch to a faster courier, and show the expected delivery date",
    ),
    p(
        &[Logistics],
        &[],
        "其他物流问题",
        "other delivery problems",
        "与快递重新约定时效和服务标准，异常件每天跟进",
        "Renegotiate delivery times and service with the courier and follow up stalled parcels every day",
    ),
    // packaging
    p(
        &[Packaging],
        &["破损", "压扁", "变形", "烂了", "破了", "压坏", "damaged", "crushed", "dented", "torn"],
        "包装破损",
        "damaged packaging",
        "加强包装（加气泡膜/换加厚纸箱），易碎品加护角和填充物",
        "Pack better (bubble film, thicker boxes), with corner guards and filling for fragile items",
    ),
    p(
        &[Packaging],
        &["简陋", "没包好", "随便", "塑料袋", "一个袋子", "poorly packed", "flimsy packaging", "just a bag", "no box"],
        "包装简陋",
        "flimsy packaging",
        "统一打包标准：内袋+填充+纸箱，礼品类换礼盒",
        "Set one packing standard: inner bag, filling and a carton; gift boxes for gift items",
    ),
    p(
        &[Packaging],
        &["脏", "旧盒子", "二手", "拆过", "dirty", "used box", "opened"],
        "外包装脏旧/被拆过",
        "dirty or opened packaging",
        "只用新包材，打包区保持整洁，封箱前检查外观并贴封口贴",
        "Use new packaging only, keep the packing area clean, and check and seal every box before it leaves",
    ),
    p(
        &[Packaging],
        &[],
        "其他包装问题",
        "other packaging problems",
        "复查打包流程和包材，抽查出库包裹",
        "Review the packing steps and materials and spot-check outgoing parcels",
    ),
    // service
    p(
        &[Service],
        &["不回复", "回复慢", "没人理", "没人接", "打不通", "联系不上", "不理人", "找不到客服", "no response", "didn't reply", "never replied", "slow response"],
        "客服回复慢",
        "slow replies",
        "设置自动回复和快捷短语，高峰时段增加客服排班，约定几分钟内必回",
        "Set up auto-replies and quick phrases, add staff at peak hours, and commit to answering within minutes",
    ),
    p(
        &[Service],
        &["态度差", "态度不好", "态度恶劣", "爱答不理", "不耐烦", "态度", "rude", "attitude", "unhelpful"],
        "客服态度差",
        "rude service",
        "复盘聊天记录，培训“先致歉再解决”的话术，把服务评分纳入考核",
        "Review the chats, train staff to apologise first and then solve, and include service ratings in reviews of staff",
    ),
    p(
        &[Service],
        &["推卸", "推脱", "踢皮球", "甩锅", "blamed", "excuses"],
        "推卸责任",
        "passing the blame",
        "明确售后负责人和处理时限，先给买家解决，再向快递或厂家追责",
        "Name who owns after-sales and by when; solve it for the buyer first, then claim from the courier or the maker",
    ),
    p(
        &[Service],
        &[],
        "其他服务问题",
        "other service problems",
        "抽查客服会话，更新常见问题话术",
        "Spot-check support chats and update the answers to common questions",
    ),
    // shipping errors
    p(
        &[ShippingError],
        &["赠品", "free gift", "gift"],
        "赠品没送",
        "missing free gift",
        "把赠品写进拣货单，活动期间在打包台放赠品核对表",
        "Put free gifts on the pick list and keep a gift checklist at the packing table during promotions",
    ),
    p(
        &[ShippingError],
        &["发错", "错了", "不是我买的", "wrong item", "wrong size", "wrong color", "wrong colour", "wrong one"],
        "发错货",
        "wrong item sent",
        "拣货后扫码核对 SKU，封箱前二次复核颜色和尺码",
        "Scan the SKU after picking and double-check colour and size before sealing",
    ),
    p(
        &[ShippingError],
        &["漏发", "少发", "少了", "缺件", "missing", "not included"],
        "漏发/少发",
        "items missing",
        "按订单清单逐项打勾装箱，称重比对后再封箱",
        "Tick off every line of the order while packing and check the weight before sealing",
    ),
    p(
        &[ShippingError],
        &["没发货", "不发货", "迟迟不发", "还没发", "not shipped", "hasn't shipped", "never shipped"],
        "迟迟不发货",
        "not shipped in time",
        "如实设置发货时效，缺货及时下架或标注预售，超时主动告知买家",
        "Promise realistic dispatch times, unlist or mark pre-sale when out of stock, and tell buyers before a delay",
    ),
    p(
        &[ShippingError],
        &[],
        "其他发货问题",
        "other shipping errors",
        "复核拣货、装箱和发货流程",
        "Review the picking, packing and dispatch steps",
    ),
    // price
    p(
        &[Price],
        &["降价", "差价", "便宜了", "price drop", "price dropped", "cheaper now"],
        "刚买就降价",
        "price dropped after purchase",
        "提供价保并在详情页说明，活动前后保持价格稳定",
        "Offer price protection and say so on the page; keep prices steady around promotions",
    ),
    p(
        &[Price],
        &["不值", "贵", "性价比", "overpriced", "not worth", "expensive", "waste of money"],
        "觉得不值这个价",
        "not worth the price",
        "在详情页突出卖点和与同类的差异，考虑组合赠品或调整定价",
        "Make the selling points and the difference from rivals clear, and consider bundles or a price change",
    ),
    p(
        &[Price],
        &[],
        "其他价格问题",
        "other price complaints",
        "复盘定价和促销节奏",
        "Review pricing and the promotion calendar",
    ),
    // malicious
    p(
        &[Malicious],
        &["返现", "给钱", "赔钱", "不然差评", "删评", "追评", "pay me", "refund or", "or i will"],
        "以差评索要补偿",
        "review used to demand compensation",
        "保留聊天截图和订单证据，不私下付款，在 30 天内向平台申诉",
        "Keep chat screenshots and order records, never pay privately, and appeal to the platform within 30 days",
    ),
    p(
        &[Malicious],
        &[],
        "其他恶意评价",
        "other malicious reviews",
        "收集证据，公开平静说明事实，按平台规则申诉",
        "Collect evidence, state the facts calmly in public, and appeal under the platform's rules",
    ),
    // misattributed
    p(
        &[Misattributed],
        &[],
        "评价张冠李戴",
        "review meant for another shop or item",
        "联系买家说明情况请其修正，或向平台申请处理",
        "Ask the buyer to correct the review, or ask the platform to move or remove it",
    ),
    // other
    p(
        &[Other],
        &[],
        "其他问题",
        "other problems",
        "逐条复盘这些评价，找出可以改进的环节",
        "Go through these reviews one by one and find the step that can be improved",
    ),
];

/// The entry for a review of this primary cause: the first whose word appears in the
/// (lower-cased) text, else the cause's catch-all.
pub(crate) fn classify(cause: Cause, text_lower: &str) -> usize {
    let mut fallback = PROBLEMS.len() - 1;
    for (i, e) in PROBLEMS.iter().enumerate() {
        if !e.causes.contains(&cause) {
            continue;
        }
        if e.words.is_empty() {
            fallback = i;
            continue;
        }
        if e.words.iter().any(|w| mentions(text_lower, w)) {
            return i;
        }
    }
    fallback
}

/// Chinese words match anywhere; English ones only as whole words ("thin" is not in
/// "nothing").
fn mentions(text: &str, word: &str) -> bool {
    if !word.is_ascii() {
        return text.contains(word);
    }
    let bytes = text.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric();
    text.match_indices(word).any(|(at, _)| {
        let end = at + word.len();
        (at == 0 || !is_word(bytes[at - 1])) && (end == bytes.len() || !is_word(bytes[end]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cause_has_a_catch_all_and_both_languages() {
        for c in Cause::ALL {
            assert!(
                PROBLEMS
                    .iter()
                    .any(|e| e.causes == [*c] && e.words.is_empty()),
                "{c} has no catch-all"
            );
        }
        for e in PROBLEMS {
            assert!(!e.causes.is_empty());
            assert!(
                !e.words.is_empty() || e.causes.len() == 1,
                "{}: a catch-all has one cause",
                e.en
            );
            assert!(!e.zh.is_empty() && !e.en.is_empty());
            assert!(!e.fix_zh.is_empty() && !e.fix_en.is_empty());
            assert!(e.words.iter().all(|w| *w == w.to_lowercase()), "{}", e.en);
        }
    }

    #[test]
    fn picks_the_specific_problem_of_the_primary_cause() {
        let i = classify(Packaging, "外箱破损严重，里面也压扁了");
        assert_eq!(PROBLEMS[i].zh, "包装破损");
        let i = classify(Logistics, "外箱破损严重");
        assert_eq!(PROBLEMS[i].zh, "运输破损");
        let i = classify(Quality, "烧水时漏电，手麻了一下，还漏水");
        assert_eq!(PROBLEMS[i].zh, "安全隐患（漏电/冒烟/烫伤）");
        let i = classify(Quality, "麻辣烫送到汤洒了一半，粉都泡烂了");
        assert_eq!(PROBLEMS[i].zh, "餐品洒漏");
        let i = classify(
            Quality,
            "listed as sage green, but what arrived is plain grey. the color is off",
        );
        assert_eq!(PROBLEMS[i].zh, "色差");
        assert_eq!(PROBLEMS[i].causes[0], NotAsDescribed);
        let i = classify(NotAsDescribed, "the size runs small");
        assert_eq!(PROBLEMS[i].en, "sizing is off");
        let i = classify(NotAsDescribed, "nothing like i expected");
        assert_eq!(PROBLEMS[i].en, "other listing mismatches");
        let i = classify(Service, "总之不满意");
        assert_eq!(PROBLEMS[i].zh, "其他服务问题");
    }
}
