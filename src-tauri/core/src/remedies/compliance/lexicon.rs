//! The lexical layer: which stretches of a text name a benefit, a review action, a
//! condition or a link, in Chinese and English. Each role is one regular expression
//! (compiled once); the structure that joins them lives in `incentive.rs`.
//!
//! The lists name *kinds of words*, not finished sentences: "改/删/撤 + 评价/差评/星级" in any
//! of the ways Chinese orders them (把差评删了, 评价帮忙改改, 删除中差评), an English change
//! verb with a review noun a few closed-class words away (bump the stars up), a benefit as
//! a thing (红包, coupon) or as a giving verb (再给您寄, resend).

use super::segment::Segments;
use regex::Regex;

/// What a stretch of text is, for the structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Something of value for the buyer: money, a coupon, a gift, a free resend, points.
    Benefit,
    /// The handing over of a benefit named nearby: "release it", "就马上发", "it ships".
    Delivery,
    /// A change to the review: delete, change, update, add a follow-up, raise the stars.
    Review,
    /// Writing a positive review: 给个好评, leave a 5-star review, write something nice.
    ReviewPositive,
    /// A positive review named without a verb (好评, five stars): counts only when tied
    /// tightly (好评返现, 好评后返现, for a 5-star review).
    ReviewWeak,
    /// A pro-form for a review action named just before: "as soon as you do", 改完, 撤了.
    ReviewAnaphor,
    /// The review as a thing (评价, the review), to resolve an anaphor against.
    ReviewNoun,
    /// Opens a condition: 如果, 只要, 等您, if, once, as soon as, customers who.
    CondPre,
    /// Closes a condition after the action: 后, 完, 的话, 的顾客, first.
    CondPost,
    /// Joins a condition to its consequence: 就, 马上, and we'll, then, to get.
    Link,
    /// A requirement put after the benefit: 前提是, 不过您得先, provided, all we'd need.
    Require,
    /// A condition that leaves the choice to the buyer: 如果您愿意, if you'd like.
    Voluntary,
    /// Says the remedy does not depend on the review, or refuses such a deal.
    Refusal,
    /// Someone else's words reported: 您说…, your message offering….
    Reported,
    /// The shop as the one acting: 我这边, 小店, 后台.
    Agent,
    /// A request to the buyer: 把, 帮忙, 麻烦, 能不能, 拜托.
    Request,
    /// Says the action just named is all it takes: 就行, 即可, that's all.
    Suffice,
    /// Frames what follows as a trade: 咱们做个交换, I'll make you a deal, sound fair?
    Deal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub clause: usize,
    pub sentence: usize,
}

fn next_char(text: &str, at: usize) -> usize {
    text[at..]
        .chars()
        .next()
        .map_or(text.len(), |c| at + c.len_utf8())
}

pub(crate) struct Lexicon {
    by_kind: Vec<(Kind, Regex)>,
    done_before: Regex,
    done_after: Regex,
    negation_zh: Regex,
    negation_en: Regex,
    subject_en: Regex,
    subject_zh: Regex,
    review_gap_reject: Regex,
    offer_modal: Regex,
    imperative_lead: Regex,
    imperative_lead_zh: Regex,
    negation_cut: Regex,
    thanked: Regex,
}

/// Joins alternatives and makes `\b` an ASCII word boundary (Chinese text next to an
/// English word is still a boundary, and the faster engines stay usable).
fn re(parts: &[&str]) -> Result<Regex, regex::Error> {
    let body = parts.join("|").replace(r"\b", r"(?-u:\b)");
    Regex::new(&format!("(?i){body}"))
}

const BENEFIT: &[&str] = &[
    // money
    r"返现|返钱|返款|返利|返还|返点|返[0-9０-９一二两三四五六七八九十几百¥￥]|返(您|你|给)|返(\z|[，。！!,.\s])",
    r"红包|现金|转账|转(给|您|你)|转个|打款|打钱|支付宝|微信转|v(给|你)?转",
    r"退款|退钱|退货款|退(您|你|给)|给(您|你)退|全退|全部退|退全款|都退|退[0-9一二两三四五六七八九十]|全额退|部分退|退一部分|退一半|原价(给您|给你)?退|(钱|款)(给(您|你))?退(回|了|给)",
    r"差价|补偿|赔偿|赔付|赔(您|你)|补(给|您|你)|补(一|个|两)|退给(您|你)|退还给|好处|话费|免了|全免|免掉|不收(钱|费|了)",
    r"补贴|报销|津贴|少收|抹零|算(您|你)便宜|便宜(点|些)给(您|你)|请(您|你)(喝|吃)|奶茶钱|咖啡钱|(一|几)杯(奶茶|咖啡)|(多|加|另)(送|发|寄|给)(您|你)?(一|两|几|个|份|点|些|[0-9])|再送|(东西|衣服|商品|原来的|旧的)(您|你)留着|不用(退|寄)回(来)?|运费我(给(您|你))?(报|出|包)",
    r"钱(我|我们)?(可以|能|会|就|马上|立马|立刻|立即|都|秒)(给(您|你))?(退|返|转|补|到|打)|多补(点|些|一点)?|尾款|余款|(钱|款)(给(您|你))?结(了|清)|给(您|你)结(了|清)?|[0-9]+(\.[0-9]+)?\s*(元|块|毛)|[¥￥]\s?[0-9]|[一二两三四五六七八九十百]+(元|块)",
    // postage, coupons, discounts
    r"邮费|运费|包邮|免邮",
    r"优惠券|代金券|无门槛券|[0-9一二三四五六七八九十]+元?券|券|满[0-9一二三四五六七八九十百]+减[0-9一二三四五六七八九十百]+|抵扣|打(个)?折|优惠|折扣|打[0-9一二三四五六七八九]+折|[0-9一二三四五六七八九](\.[0-9])?折|半价|立减|减免",
    // free things, gifts, points, perks
    r"不会让(您|你)白(改|删|撤|写|忙|跑|辛苦)|不会让(您|你)吃亏|购物金|内部价|优先发货|改价|便宜[0-9一二两三四五六七八九十]+|(钱|补偿|好处)(不会|绝不会|一分都不会)?少(不了)?(您|你)的|不会亏待(您|你)|新的(一)?(件|个|台|份|双|套|箱|条)|福袋|换货|给(您|你)换|免单|免费|白送|不要钱|礼品|礼物|赠品|小礼|好礼|有礼|惊喜|心意|福利|奖励|彩蛋",
    r"积分|京豆|淘金币|会员|vip|延保|保修期?延长|备用机",
    r"(再|重新|免费|另外|额外|多)(给(您|你))?(发|寄|送|补|申请|退|返|转)|给(您|你)(寄|发|送|补|换|退|返|转)(一|个|两|份|张|件|新|些|点|回)|试用装|小样|补发|补寄|重发|换新|换(一|个)[个件台份双]?新",
    r"(送|赠)\p{Han}|赠送|领取|找我领|来领|可领|抽(奖|免单)",
    // English
    r"\brefund\w*|\breimburs\w*|\bmoney back\b|\bcash\w*|\$\s?[0-9]|\b[0-9]+\s?(dollars|bucks|usd)\b",
    r"\bgoodwill (payment|gesture|credit)\b|\bpayment of \$|\bcomp(ed|ing)? (your|the|you)\b|\bpriority (shipping|delivery|service)\b|[0-9]+\s?%\s?(off\s)?codes?\b|[0-9]+\s?(r|rmb)\b|\bhb\b|\b(amazon|starbucks|visa|target|walmart|itunes|apple|prepaid|e-?gift) (gift )?cards?\b|\bwith your name on it\b|\bcover(s|ed|ing)? (the |your )?return label\b",
    r"\b(five|ten|fifteen|twenty|thirty|forty|fifty|hundred)[- ]?(dollars|bucks)\b|\bpaypal\b|\bvenmo\b|\bzelle\b",
    r"\bdiscount\w*|[0-9]+\s?%\s?off\b|\bpercent off\b|\bhalf (off|price)\b|\bcoupons?\b|\bpromo\b|\bvouchers?\b|\bgift\w*|\bstore credit\b|\bcredits?\b",
    r"\bfree\b|\bon us\b|\bat no (extra )?(cost|charge)\b|\bno charge\b|\bcomplimentary\b",
    r"\breplacement\b|\bresend\b|\bre-send\b|\breship\w*|\bnew one\b|\b(second|another|spare|new|fresh) (unit|one|set|pair|item|bottle|box)\b",
    r"\bpoints\b|\bloyalty\b|\brewards?\b|\bbonus\b|\bperks?\b|\bvip\b|\bearly access\b|\bcover(s|ed|ing)? (the |your )?(return )?(shipping|postage|delivery|cost)\b|\bpostage\b",
    r"\bpay (you )?back\b|\bpay you\b|\bpay for (your|the)\b|\bon the house\b|\bfreebies?\b|\bcashback\b|\brebate\b|\bsamples?\b|\bupgrade (you )?to\b|\bhook you up\b|\bsweeten the deal\b|\btake care of you\b|\bwaive\w*|\bextra (unit|one|item|pair|set|bottle|pack|packs|bag|box)\b|\bsend you (some )?money\b|\bkeep the (item|product|original|old one)\b|\bas thanks\b",
    r"\bwarranty\b|\bcoverage\b|\bcompensat\w*|\bsomething (special|extra)\b|\ba little something\b|\bthank-you\b|\bthrow in\b|\bso (does|will) the (\w+ )?(fee|charge|cost|bill)\b|\b(fee|charge)s? (goes|go|will go) away\b|\bknock\w* (the price |\$?[0-9]+ |[0-9]+% )?(down|off)\b|\b(cut|lower|drop) the price\b|\bby half\b|\bworth your while\b|\bmake it up to you\b",
];

const DELIVERY: &[&str] = &[
    r"(就|马上|立即|立刻|立马|即可|随即|当天)(给(您|你))?(发|寄|安排|打款|转|退|拿|到账|通过|发货|寄出)",
    r"才(能|可以)?(通过|到账|发放|发出|寄出|打款|给(您|你))|就叫快递|马上安排|立即安排|就安排|就发|就寄|立即打款|(就|马上|立刻|自动)到(账|您|你)?|奉上",
    r"\brelease (it|them|that|the (refund|payment|money|credit|code|gift|funds))\b|\bhit send\b",
    r"\bin it for you\b|\b(is|'s) (all )?yours\b|\bit ships\b|\bit'?ll ship\b|\bsend it (out|over|your way)\b",
    r"\b(we|i)('ll| will) (send|issue|process|ship|release|approve) (it|that|them)\b",
    r"\bit'?s done\b|\bit'?ll (activate|unlock|apply|go through)\b|\bgoes out\b",
];

/// A change verb and a review noun in Chinese: verb–object, 把 + object + verb, and the
/// object as topic with only request words between ("评价能不能帮忙改一下").
const REVIEW: &[&str] = &[
    r"(改|删|撤|修改|修正|更正|纠正|取消|更新|删除|删掉|撤掉|撤回|撤销|去掉|拿掉|隐藏|处理|追加|追|换|转|调)(一下|个|成|为|了|掉|下|回|完|好|好的|过的|后的)?(那个|这个|那条|这条|您的|你的)?(\bcp\b|\bzp\b|\bhp\b|中差评|差评|中评|评价|评论|好评|好平|[一二两三1-3]星|星级|评分|五星|5星|满意)",
    r"(删|改|撤|修)(个|一下|下)?评|追评|追加评价|追加一句|追一条|重新评价|重评|重新打分|重新评(一下|一次|个|价|论)?|重新(打|给)(个|一个)?(评价|评论|分|星|好评)",
    r"(星星|星级|星数|分数|评分|星)(都|全|能不能|可不可以|帮忙)?[^，。！？!?；;]{0,6}?(点满|打满|给满|补满|加满|调满|给高|打高|调高|改高|补全)",
    r"(把|将)[^，。！？!?；;]{0,10}?(评价|评论|差评|中评|好评|[一二两三五1-5]星|星级|评分|追评|分数)[^，。！？!?；;]{0,12}?(改|删|撤|调|去掉|拿掉|处理|弄|转|换|追加|修改|修正|更正|取消|拉|更新|提|升|美言|隐藏|删除|删掉|撤销|撤回)((成|为)(好评|五星|5星|满意|满分|好平)|回来|掉)?",
    r"(\bcp\b|\bzp\b|评价|评论|差评|中评|中差评|[一二两三1-3]星|一颗星|星级|评分|追评|评论区)[^，。！？!?；;\s]{0,10}?(改|删|撤|调|去掉|拿掉|处理|弄|动|转成|换成|追加|修改|更新|美言|松口|松松口|通融|配合|取消|修正|更正|纠正|拉回来|拉上来|提上来|往好(了|里|处)?(写|改|评|调)|高抬贵手|手下留情|网开一面|撤销|撤回|删除|删掉|提|升|写好|写得好|写漂亮|搞定)((成|为)(好评|五星|5星|满意|满分|好平)|回来|掉)?",
    r"(评价|差评|中评|一星|二星|两星)[^，。！？!?；;\s]{0,4}(消失|不见|没了|下架|撤下|隐藏)",
    r#"把\s*[“"「][^”"」]{1,20}[”"」](这|那)?(几|两|三|四|五)?(个)?(字|句话|句)?[^，。！？]{0,4}(删|改|去掉|拿掉)|(在)?(评论|评价|追评)(里|中|上)?(补|加|写|说|留|夸)(一句|几句|句|点|两句)?(好话|好评|我们)"#,
    r#"(在)?(评论|评价|追评)(里|中|上)(补|加|写|说|留|追加|加上|写上|补上|备注)(一句|几句|句|一条|条|段)?\s*[“"「]"#,
    r"(评价|评论|差评)(里|中|上)的?(图片|照片|图|视频|文字|字|内容|那句话|那几个字|描述)[^，。！？!?；;]{0,6}(删|去掉|拿掉|改|撤|隐藏)",
    // English: a change verb, at most four closed-class words, a review noun.
    r"\b(tone down|toning down|soften\w*|take back|taking back|took back|round|rounding|updat\w*|chang\w*|edit|edits|editing|edited|revis\w*|amend\w*|modif\w*|remov\w*|delet\w*|take down|taking down|took down|take|taking|took|pull|pulling|withdraw\w*|retract\w*|fix|fixing|bump|bumping|raise|raising|upgrade|upgrading|improve|improving|adjust\w*|correct|correcting|reconsider\w*|revisit\w*|redo|rewrite|rewriting|hide|hiding|lift|lifting|boost\w*|turn|turning|flip|flipping|up|upping|increase|increasing)(\s+(the|your|their|his|her|that|this|my|our|a|an|those|these|negative|bad|low|poor|one-star|1-star|two-star|2-star|three-star|3-star|star|quick|little|original|old|earlier|[1-4]|one|two|three)){0,4}\s+(review|reviews|rating|ratings|feedback|stars?|score|comment|comments|one-star|1-star|two-star|2-star)\b(\s+(down|up|off))?",
    r"\b(review|rating|feedback|stars?|one-star|1-star|two-star|2-star)('s been|'s|\s+is|\s+was|\s+gets?|\s+got|\s+goes|\s+going|\s+coming|\s+comes|\s+has been|\s+have been|\s+been|\s+being|\s+be)?\s+(updated|changed|edited|revised|amended|modified|removed|deleted|gone|taken down|pulled|withdrawn|fixed|raised|bumped|corrected|improved|adjusted|upgraded|coming down|comes down|goes up|go up|up to|down)\b",
    r"\b(an? |the |your )?(quick |small |little |short )?(edit|update|change|revision|removal|deletion|amendment|correction|tweak)s?\s+(to|of|on)\s+(the|your|that|this)\s+(review|rating|feedback)\b",
    r"\b(an?|the|your|that)\s+(updated|revised|edited|amended|new|improved|corrected)\s+(5-star |five-star |positive |good |better )?(review|rating|feedback)\b|\b(review|rating|feedback) (edit|update|change|removal|revision|correction)s?\b",
    r"\b(review|rating|feedback|stars?|one-star|1-star|two-star|2-star)\b[^.,;!?]{0,12}\b(become|becomes|turn into|turns into|go up|goes up|went up|move up|moves up|change to|changed to)\b",
    r"\b(review|rating|feedback)\s+(reads|reflects|shows|says|mentions|is positive|is more positive|looks better)\b|\b(review|rating|feedback)\b[^.,;!?]{0,15}\b(disappear\w*|vanish\w*|go away|goes away|went away)\b",
    r"\bmake (your|the|that) (review|rating|feedback)( a (little|bit))? (more positive|better|nicer|kinder|positive)\b",
    r"\b(review|rating|feedback)\b (stays|remains|is still|stays up|remains up) ?(up|there|live|posted|online|as it is)?\b|\b(post|posting|add|adding|leave|leaving|write|writing) (an? |a quick |a short |a positive |a good )?(update|follow-up)\b( (to|on) (your|the) (review|rating|feedback))?|\b(post|add|leave|write|put) (an? )?(quick |short )?(note|comment|line) (to|on|in) (your|the) (review|rating|feedback)\b|\b(second|another) chance (on|with) (the|your) (rating|review|stars)\b",
    r"\b(round|bump|raise|up|boost|change|update|take|put|move)\s+(it|that|this|your rating|the rating|your review|the review)\s+(up\s+)?to\s+(5|five|4|four)\b",
];

const REVIEW_POSITIVE: &[&str] = &[
    r"(给|写|打|留|发|点|补|来|刷|上|晒)(个|一个|一条|条|我们|我们一个|下)?(五星|5星|满分)?(好评|好平|五星|5星|满分|(五|5)颗星)|(五星|5星)好评|美言几句|美言|(说|补|加|写|留)(一句|几句|句)?好话|夸(一夸|两句|几句)|夸夸|(给|打|留|评|改)(我们)?(个|一个|条|一条|成)好的(评价|评论)?|(给|打|点)(个)?满星|(给|打|点|留|刷)(个|一个|我们)?(⭐|★|🌟){5}|(改|换)(个|成)?\s?\bhp\b|(追加|追)(个|一个|一条|条)?(好评|五星|5星)|(评价|评论|评分)(得|要|必须|需要)?(是|为|变成|改为)(好评|五星|5星|满分|满意)|(就|只)?等(着)?(您|你)(的|来|给)?(个)?(好评|五星|5星)",
    r"\b(leave|leaving|left|write|writing|wrote|post|posting|posted|give|giving|gave|rate|submit\w*)(\s+(us|me|a|an|the|your|another|quick|short|new|5|five|5-star|five-star|positive|good|great|glowing|nice|honest|stellar|better|higher|kinder|nicer|fairer|happier|more|updated|revised)){0,4}\s+(review|reviews|rating|feedback|stars?|score)\b|\brate (us|it|the \w+) (higher|better|5|five)\b",
    r"\b(write|say|post|leave|put)\s+(something|a few words|a few nice words|some(thing)? (nice|positive|good|kind)|a few (kind|nice|good) words|(some )?(kind|nice|good) words)\b",
    r"\b(rate|rating|give|giving)\s+(us\s+|it\s+)?(5|five|full) stars?\b|\bwith (a |an )?(better|higher|new|updated|positive|good|5-star|five-star) (review|rating)\b",
];

const REVIEW_WEAK: &[&str] = &[
    r"(⭐|★|🌟){5}|[5五]\s?(⭐|★|🌟)|\bhp\b|好评|好平|五星|5星|(五|5|满)颗星|满分|晒图|晒单|带图评价",
    r"\b(positive|good|great|glowing|5-star|five-star|favou?rable) (reviews?|ratings?|feedback)\b|\b(5|five)[- ]?stars?\b",
];

const REVIEW_ANAPHOR: &[&str] = &[
    r"(补|点|打|加|给)满(了|后|之后)|搞定(了|后|之后)|(改|删|撤|调|弄|处理|追|去掉|修改|更新|撤销|删除|转|动|通融)(完|好|掉)了?|(改|删|撤|弄|去掉|修改|更新|处理|通融|松口)了|修改|更新|删除|删掉|撤回|撤销|改一改|改一下|删一下|撤一下|(修改|修正|更正|取消|更新|调整|删除|删掉|撤销|撤回|改|删|撤)(之后|以后|后)",
    r"\b(as soon as|once|when|after|the moment)\s+(you|you've|you have)\s+(do|did|done)(\s+(it|so|that))?\b|\bif so\b|\bif you do\b|\bif you can\b|\bonce that'?s done\b",
    r"(可以|能|行)的话",
    r"\b(it's|it is|that's|that is|it has been|it's been)\s+(done|gone|down|up|updated|changed|removed|edited|taken down|fixed)\b",
    r"\b(take|taking|took|pull|pulling|remove|removing|delete|deleting|change|changing|update|updating|edit|editing|fix|fixing)\s+(it|that|this)(\s+(down|off))?\b",
];

const REVIEW_NOUN: &[&str] = &[
    r"评价|评论|差评|中评|一星|星级|评分|追评|\bcp\b|\bzp\b",
    r"\b(review|reviews|rating|feedback|stars?)\b",
];

const COND_PRE: &[&str] = &[
    r"如能|若能|为了感谢|作为感谢|以示感谢|如果|假如|假使|要是|若是|倘若|若(您|你)|如(您|你)|如蒙|只要|只需|一旦|等(您|你|到)|等(评价|差评|中评|好评|那条|一星)|待(您|你)|凡是|只有|除非",
    r"\bthe sooner\b|\bshould you\b|\bwere you to\b|\bin the event (that )?(you|the|your)\b|\b(if|once|when|whenever|after|upon|as soon as|provided|providing|as long as|so long as|assuming|following|unless|until|till)\b",
    r"\bthe (moment|minute|second|day) (you|your|the|it)\b|\bon (the )?condition\b|\bin (exchange|return) for\b",
    r"\b(customers?|anyone|anybody|those|buyers?|people|everyone|shoppers?|folks|reviewers?|users?|members?|clients?|guests?) who\b|\bwhoever\b",
    r"\bfor (a|an|your|\w+ing)\b",
];

const COND_POST: &[&str] = &[
    r"的话|之后|以后|后|完|好了|好|截(个|张)?图|的(顾客|买家|亲|朋友|用户|客人|家人|宝宝|宝子)",
    r"\bfirst\b",
];

const LINK: &[&str] = &[
    r"就|即可|即|便|马上|立刻|立即|立马|随即|才|再|可获|可得|可领|可以获得|可免费|能获得|可享|享受|好(给|让|帮)|→|->|=>|＝|=|联系(我们|客服|我)|找(客服|我们|我)|私信(我|客服|我们)?|吱(一)?声|说一声|告诉(我|我们)|跟(我|我们)说|v我|加我|作为(回报|交换|答谢|感谢)",
    r"\band (then )?(we|i)('ll|'d| will| would| can| could| shall)?\b|\band then\b|\band (the|your|a|an) (free |full |partial |small |little |special )?(refund|gift|coupon|replacement|discount|credit|money|item|code|voucher|bonus|present|reward)\b|\bthen\b|\bto (get|receive|earn|unlock|claim|qualify for)\b",
    r"\b(gets?|receives?|earns?|wins?|qualif(y|ies) for)\b|\b(contact|email|message|dm) (us|me)\b|\bfor (a|an|your)\b|\bso (that )?(we|i) can\b|\bbefore (we|i) (can|could|will|'ll|are able to)\b|\band (you'll|you will|you get|you'd get|get|receive)\b|\bin (exchange|return)\b|\b(would|will|could|can) (let|allow|enable) (us|me)\b|\blets (us|me)\b",
];

const REQUIRE: &[&str] = &[
    r"(系统|后台|流程|规定|公司|活动)(要求|规定)|前提是|条件是|条件(就|只有)(一个|一条)|唯一的(条件|要求)|但[^，。！？]{0,8}?(您|你)也?(得|要|需要|必须)|(您|你)也(得|要|需要|必须)|前提条件|只要|只需|但(是)?(您|你)?(得|要|需要|必须|先|能不能|可不可以)|不过(您|你)?(得|要|需要|必须|先|能不能)",
    r"没问题[，,]\s*(您|你)(这边|那边)?|也(配合|帮(我们|忙))|就是(麻烦|得|要)?(您|你)?先|麻烦(您|你)?先|(您|你)(得|要|需要|必须)先|(您|你)得|(您|你)就(辛苦|帮忙|麻烦|把)|先(把|帮|给)|能不能先|需要(您|你)|要求(您|你)|作为(交换|条件|回报)|换取|凭|出示|再说|(得|要|需要|必须|需)先|除非|以[^，。！？]{0,8}为(条件|前提)",
    r"\ball (we|i)('d| would)? (need|ask)\b|\b(we|i)('d| would)? (just )?need (you to|is)\b|\bneed you to\b|\bin (exchange|return)\b|\bon (the )?condition\b",
    r"\b(we|i)('d| would)? (just |really |only )?need\b|\bjust need(s)?\b|\bthe only thing (we|i)('d| would)? (ask|need)\b|\b(we|i)('d| would)? (just |only )?ask\b|\bbefore (we|i) (do|can|could|will|ship|send|refund|process)\b|\bpending\b|\b(it|this|that)\s+(just\s+|only\s+)?needs\b|\bjust needs\b|\bcontingent\b|\bsubject to\b|\bdepends? on\b|\bdependent on\b|\bconditional on\b|取决于|看(您|你)(的)?(评价|表现)|\bprovided\b|\bas long as\b|\bwaiting (on|for) you to\b|\band then you\b|\bthen you\b|\bonly if\b|\byou('ll)? (need|have) to\b|\brequires?\b|\bin order to (get|receive|claim)\b|\buntil\b|\bunless\b|\ball (it|that) takes\b|\bit (only|just) takes\b|\bbut first\b|\b(we|i)('d| would)? (just |only )?ask (that )?you\b|\bon one condition\b",
];

const VOLUNTARY: &[&str] = &[
    r"(如果|要是|若)(您|你)?(愿意|方便|满意|觉得|认可|有空|有时间|想)|(愿意|方便|有空)的话|方便的时候|随(您|你)|不勉强|您决定|由您|自愿",
    r"\bif you('d| would)? (like|wish|want|prefer|feel|happen|think)\b|\bif you('re| are) (happy|satisfied)\b|\bif it feels right\b",
    r"\bfeel free\b|\byou're welcome to\b|\bwhenever you\b|\bonly if you want\b|\bat your discretion\b|\bup to you\b",
];

const REFUSAL: &[&str] = &[
    r"(与|和|跟|同)(评价|评论|好评|差评)[^，。！？]{0,4}(无关|没关系|没有关系|没有任何关系|不挂钩|不相关)",
    r"(评价|评论)[^，。！？]{0,4}(无关|没关系|没有关系|不挂钩)",
    r"改不改|删不删|评不评|写不写|改或不改|不影响(任何)?(补发|退款|售后|处理|补偿|赔付|退换)",
    r"(评价|评论)(的事)?[^，。！？]{0,8}(决定|做主|随意|看着办|不用管|不用操心|负担|由您|随您|都行|都可以|不着急)",
    r"不会(以|用|拿|要求|让(您|你)[^白吃]|这么做|搞)|不以|不拿|不能(拿|用)[^，。]{0,8}换|也不会搞|没有其他要求|没有任何(条件|要求)|不附带|不附加|(不需要|无需|不用)(您|你)?做任何",
    r"没办法答应|做不到|这个不行|不能答应|不接受|不允许|不可以这样|平台不允许|违反平台|违规|从来不(做|搞)|不(做|搞)这种|不会为了|两回事|两码事|决定权在(您|你)|(您|你)说了算|无论|不论|不管|评价是(您|你)的权利|真实感受|如实评价",
    r"\bwhether (the|your) (review|rating|feedback)\b[^.;!?]{0,30}\bor not\b|\bregardless\b|\bwhether or not\b|\beither way\b|\bno matter\b|\bno strings\b|\b(not|isn't|is not|aren't) (tied|conditional|linked)\b|\bno conditions?\b|\bunconditional\w*",
    r"\b(doesn't|does not|won't|will not) depend\b|\b(won't|will never|never|would never) ask\b|\b(can't|cannot|can not|aren't able to|are not able to|not able to|don't|do not) offer\b",
    r"\b(can't|cannot|won't|will not) do that\b|\bnot allowed\b|\b(doesn't|does not|don't|do not) allow\b|\bnot permitted\b|\bagainst (the|our|amazon's|shopify's) (policy|policies|rules)\b",
    r"\bno pressure\b|\bany pressure\b|\byour (call|choice|decision)\b|\bup to you\b|\bentirely yours\b|\byours to (write|decide)\b|\bfree to leave\b|\bthat's fine too\b|\bif you don't\b|\bnothing changes\b|\b(refund|credit|replacement|money|offer|it) stays\b|\bwon't be reversed\b|\bonly if you (want|wish|like)( to)?\b|\bno obligation\b|\bentirely optional\b",
];

const REPORTED: &[&str] = &[
    r"(您|你|买家|对方)(在评价里|在评论里|在评价中|刚才|之前|上次|电话里)?(说|提到|要求|提出|提的|反映|表示|讲)|(您|你)(的意思|希望我们|想让我们)",
    r"\b(you|the buyer|the customer)\s+(said|asked|offered|suggested|proposed|mentioned|wanted|wrote|told us|claimed|called us)\b",
    r"\b(your|the buyer's|the customer's)\s+(message|email|note|request|offer|suggestion|proposal)\b|\boffering to\b|\basked us to\b",
];

const AGENT: &[&str] = &[
    r"我们这边|我这边|这边|我们|小店|本店|店里|店铺|后台|客服|咱们|咱|俺|我",
    r"\b(i|we)('ll| will| can| could| would|'d)?\b",
];

const REQUEST: &[&str] = &[
    r"把|帮忙|帮(我|我们)|麻烦|能不能|能否|可不可以|可以吗|好吗|行吗|您看|你看|请|拜托|辛苦|呗|动动(小)?手(指)?|给(姐|哥|姐姐|哥哥|我|我们|小店|咱们?)(把|改|删|撤|追|点|打|写|换)|去改|去删|去把",
    r"\b(could|would|can|will) you\b|\bany chance\b|\bplease\b|\bwould you mind\b|\bmind\b",
];

const DEAL: &[&str] = &[
    r"咱们?(商量|做)个(事|交易|交换)|做个交换|交换一下|一言为定|成交|说定了",
    r"\b(make|made|strike|cut|offer) (you |us )?a deal\b|\bdeal\?|\bhere'?s the deal\b|\bsound (good|fair)\?|\bhow about this\b|\btell you what\b|\bdo we have a deal\b",
];

const SUFFICE: &[&str] = &[
    r"就行|就可以了?|即可|就成|就好了?|就够了",
    r"\b(and )?that'?s (it|all)\b|\bis all (we|i) need\b|\bthat'?s all (we|i) (need|ask)\b",
];

impl Lexicon {
    pub(crate) fn new() -> Result<Lexicon, regex::Error> {
        let by_kind = vec![
            (Kind::Benefit, re(BENEFIT)?),
            (Kind::Delivery, re(DELIVERY)?),
            (Kind::Review, re(REVIEW)?),
            (Kind::ReviewPositive, re(REVIEW_POSITIVE)?),
            (Kind::ReviewWeak, re(REVIEW_WEAK)?),
            (Kind::ReviewAnaphor, re(REVIEW_ANAPHOR)?),
            (Kind::ReviewNoun, re(REVIEW_NOUN)?),
            (Kind::CondPre, re(COND_PRE)?),
            (Kind::CondPost, re(COND_POST)?),
            (Kind::Link, re(LINK)?),
            (Kind::Require, re(REQUIRE)?),
            (Kind::Voluntary, re(VOLUNTARY)?),
            (Kind::Refusal, re(REFUSAL)?),
            (Kind::Reported, re(REPORTED)?),
            (Kind::Agent, re(AGENT)?),
            (Kind::Request, re(REQUEST)?),
            (Kind::Suffice, re(SUFFICE)?),
            (Kind::Deal, re(DEAL)?),
        ];
        Ok(Lexicon {
            by_kind,
            done_before: re(&[
                r"(已经|已|早已|刚刚|都已|已于)[^，。！？,]{0,8}$",
                r"\balready\b[^,.;!?]{0,30}$|\b(have|has|had|'ve)(\s+(already|just|now))?\s+(been\s+)?(\w+ed|sent|put|paid|made|got|gotten|given|issued|added|applied)\b[^,.;!?]{0,30}$|\b(have|has|had|'ve)(\s+(already|just|now))?\s*$",
            ])?,
            done_after: re(&[
                r"^[^，。！？]{0,6}((已经|已)(到账|退回|退了|退给|原路|发出|寄出|办好|办理|处理|打款|发放|发到|为您|给您|帮您|补发|到您|发了|寄了|在路上)|到账了|退回了|已到|在路上)",
                r"^[^,.;!?]{0,20}\b(was|were|has been|have been|is already|went out|is on its way|is being processed|has gone out|is processed|was processed)\b",
            ])?,
            negation_zh: Regex::new(
                r"(不会|不能|不用|不必|不要|不需要|无需|别|没有|没|不想|不可以|从不|绝不|不再|无法|不可能)[^，。！？,]{0,6}$",
            )?,
            negation_en: re(&[
                r"\b(don't|do not|doesn't|does not|won't|will not|never|can't|cannot|not|no need to|isn't|aren't|shouldn't|wouldn't)\b(\s+\w+){0,5}\s*$",
            ])?,
            subject_en: re(&[
                r"\b(we|i|we'll|i'll|we've|i've|we'd|i'd|our team|the team|amazon)(\s+(will|can|could|would|have|has|had|do|did|just|also|always|never|don't|won't|can't|cannot|gladly|happily))*\s*$",
            ])?,
            subject_zh: Regex::new(
                r"(我们|我|本店|小店|商家|店铺|客服|平台)(会|已经|已|将|可以|能|也|都|没有|不|不会|正在|马上|认真|一定)*$",
            )?,
            review_gap_reject: Regex::new(
                r"我|问题|情况|说|提到|反映|里|中|写(的|了|着|到|道)|的|已|会|不用|不必|无需|别|不要|不能|没",
            )?,
            offer_modal: re(&[
                r"(可以|能|可)(给|帮|为)?(您|你)?[^，。！？]{0,6}$",
                r"\b(can|could|happy to|glad to|love to|like to|able to)\b[^,.;!?]{0,30}$",
            ])?,
            imperative_lead: re(&[
                r"^\s*(please|just|so|ok|okay|now|simply|kindly|then|hey|look|listen)?[\s,!]*$",
            ])?,
            imperative_lead_zh: Regex::new(
                r"^\s*(亲亲?|亲爱的|宝子?|家人们?|集美|那就?|就|先|还是|要不)?\s*((那条|这条|那个|这个)?(评价|评论|差评|中评|星星|星级)(那里|那块|这块|这里|那边)?)?\s*$",
            )?,
            thanked: re(&[
                r"(感谢|谢谢|多谢)(您|你)?(的)?\s*$",
                r"\b(thanks|thank you)( so much| very much| again)? for\s*$",
            ])?,
            negation_cut: re(&[
                r".*\b(until|unless|if|before|once|when|after|and|but|so|provided|as long as)\b|.*(除非|如果|要是|只要|等到|等|才|再|否则|不然)",
            ])?,
        })
    }

    /// Every tagged stretch, ordered by position, with the clause and sentence it is in.
    pub(crate) fn tag(&self, text: &str, seg: &Segments) -> Vec<Tok> {
        let mut out = Vec::new();
        for (kind, rx) in &self.by_kind {
            let mut at = 0;
            while let Some(m) = rx.find_at(text, at) {
                if self.keep(*kind, text, m.start(), m.end()) {
                    let clause = seg.clause_at(m.start());
                    out.push(Tok {
                        kind: *kind,
                        start: m.start(),
                        end: m.end(),
                        clause,
                        sentence: seg.clauses.get(clause).map_or(0, |c| c.sentence),
                    });
                    at = m.end().max(next_char(text, m.start()));
                } else {
                    // A refused match may hide a good one starting inside it
                    // ("评价里把星级调回来": the topic reading is refused, 把星级调 is not).
                    at = next_char(text, m.start());
                }
                if at >= text.len() {
                    break;
                }
            }
        }
        out.sort_by_key(|t| (t.start, t.end));
        out
    }

    /// Filters a regular expression cannot say (the crate has no look-around).
    fn keep(&self, kind: Kind, text: &str, s: usize, e: usize) -> bool {
        let word = &text[s..e];
        let before = text[..s].chars().next_back();
        let after = text[e..].chars().next();
        match kind {
            Kind::Benefit => {
                let lower = word.to_ascii_lowercase();
                if lower == "free" {
                    // "feel free to", "free to leave your review": a permission, not a gift.
                    let prev = text[..s].trim_end().to_ascii_lowercase();
                    let next = text[e..].trim_start().to_ascii_lowercase();
                    return !prev.ends_with("feel") && !next.starts_with("to ");
                }
                // 送达/配送/少送 are delivery, not a gift.
                if word.starts_with('送') && word.chars().count() == 2 {
                    let second = word.chars().nth(1);
                    if second.is_some_and(|c| "达到货餐出回去来错晚迟往修检了的给过".contains(c))
                        || before.is_some_and(|c| "配派运快少漏没外护递发传输骑专接".contains(c))
                    {
                        return false;
                    }
                }
                // 领导 is a boss, not a freebie; 运费险 is insurance the platform pays.
                // 证券 are securities, not a coupon.
                if word == "券" && before == Some('证') {
                    return false;
                }
                let boss = word.ends_with('领') && after == Some('导');
                let insurance = word == "运费" && after == Some('险');
                !boss && !insurance
            }
            Kind::Review => {
                // 改进/改善 improve the product; 调查/调货 are not about the review; 提供
                // and 提到 are not raising a score.
                if let Some(last) = word.chars().next_back() {
                    if matches!(last, '改' | '调' | '提' | '升' | '动' | '处' | '换' | '转')
                        && after.is_some_and(|a| "进善良正查货供到醒交出级态手".contains(a))
                    {
                        return false;
                    }
                    // 自提 is picking an order up, 提前 doing it early: neither raises a score.
                    let before_last = word.chars().rev().nth(1);
                    if last == '提' && (before_last == Some('自') || after == Some('前')) {
                        return false;
                    }
                }
                // A topic review noun with the shop or the review's contents between it and
                // the verb ("评价里说的问题我们会处理") is not a request to change the review.
                if word.starts_with([
                    '评', '差', '中', '星', '追', '一', '二', '两', '三', '1', '2', '3',
                ]) && !word.starts_with("追评")
                {
                    let gap_start = word
                        .char_indices()
                        .find(|(_, c)| !"评价论差中星级分区一二两三123颗追".contains(*c))
                        .map_or(word.len(), |(i, _)| i);
                    let gap = &word[gap_start..];
                    // The photos or words inside the review are part of it ("评价里的图片删一下").
                    let inside = [
                        "图片",
                        "照片",
                        "图",
                        "视频",
                        "文字",
                        "内容",
                        "那句话",
                        "几个字",
                        "描述",
                    ]
                    .iter()
                    .any(|w| {
                        gap.starts_with(&format!("里的{w}")) || gap.starts_with(&format!("中的{w}"))
                    });
                    let mut glue = gap.to_string();
                    for w in [
                        "的事",
                        "的话",
                        "帮我们",
                        "帮我",
                        "给我",
                        "那里",
                        "这里",
                        "那边",
                        "这边",
                        "那块",
                        "这块",
                        "能不能",
                        "要不要",
                        "可不可以",
                        "会不会",
                    ] {
                        glue = glue.replace(w, "");
                    }
                    if !inside && self.review_gap_reject.is_match(&glue) {
                        return false;
                    }
                }
                // 您的追评 / the word 追评 as a noun after a possessive is not a request.
                if word == "追评" && matches!(before, Some('的')) {
                    return false;
                }
                true
            }
            Kind::ReviewPositive if word.ends_with("好的") => {
                // "给个好的" is a good review only when nothing follows it ("给个好的呗"),
                // not "给个好的建议".
                !after.is_some_and(|a| {
                    !a.is_ascii() && a.is_alphanumeric() && !"呗吧啊哈嘛呀哦啦呢".contains(a)
                })
            }
            Kind::ReviewWeak => {
                // 五星级酒店 is a hotel class; "感谢您的好评" thanks for a review already written.
                if word == "五星" && after == Some('级') {
                    return false;
                }
                let lead: String = text[..s]
                    .chars()
                    .rev()
                    .take(6)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let lead = lead.to_lowercase();
                !(lead.ends_with("您的")
                    || lead.ends_with("你的")
                    || lead.ends_with("感谢")
                    || lead.ends_with("谢谢")
                    || lead.contains("thanks for")
                    || lead.contains("thank you for")
                    || text[..s].to_lowercase().trim_end().ends_with("for the")
                        && text[..s].to_lowercase().contains("thank"))
            }
            Kind::ReviewAnaphor => {
                // 改了/删了 only as a completed action before its consequence.
                // 改了吗/撤了没 ask whether it happened; they set no condition.
                if word.ends_with('了') {
                    return !after.is_some_and(|a| "吗没吧呢？?".contains(a));
                }
                true
            }
            Kind::CondPost => {
                // 改好/弄好 close the action; 好评/好的/好吗 do not.
                if word == "好" {
                    return !after.is_some_and(|a| "评平的吗不意像多久处看用说".contains(a));
                }
                // 后 in 售后/后面/后续/之后所有… is not "after the action".
                if word == "后" {
                    return !matches!(before, Some('售' | '最' | '以' | '之' | '然' | '背' | '前'))
                        && !after.is_some_and(|a| "面续期来台天".contains(a));
                }
                true
            }
            Kind::Refusal | Kind::Voluntary if word.eq_ignore_ascii_case("up to you") => {
                // "make it up to you" is a benefit, not a choice left to the buyer.
                !text[..s]
                    .to_ascii_lowercase()
                    .trim_end()
                    .ends_with("make it")
            }
            Kind::Agent => {
                // 您这边 is the buyer's side.
                if word.starts_with('这') {
                    return !matches!(before, Some('您' | '你'));
                }
                true
            }
            Kind::Link => {
                // 再 inside 再见/再次光临 and 便 in 方便/便宜 link nothing.
                match word {
                    "再" => !after.is_some_and(|a| "见次".contains(a)),
                    // 本身就/早就/也就/这就 describe, they do not follow a condition.
                    "就" => {
                        !matches!(
                            before,
                            Some('身' | '早' | '也' | '这' | '那' | '不' | '成' | '造')
                        ) && after != Some('是')
                    }
                    "便" => !matches!(before, Some('方' | '顺' | '随')) && after != Some('宜'),
                    "即" => !after.is_some_and(|a| "使便".contains(a)),
                    "才" => !after.is_some_and(|a| "能".contains(a)) && before != Some('刚'),
                    _ => true,
                }
            }
            _ => true,
        }
    }

    /// The benefit is already given ("已为您退款", "I've refunded"), so it depends on nothing.
    pub(crate) fn is_done(
        &self,
        text: &str,
        clause_start: usize,
        clause_end: usize,
        s: usize,
        e: usize,
    ) -> bool {
        let lead = text[clause_start.min(s)..s].to_ascii_lowercase();
        // "I've got a gift card here for you" holds the benefit out; it is not given yet.
        let held = [
            "'ve got a",
            "'ve got an",
            "'ve got some",
            "have got a",
            "have got some",
        ]
        .iter()
        .any(|w| lead.contains(w));
        (self.done_before.is_match(&text[clause_start.min(s)..s]) && !held)
            || self.done_after.is_match(&text[e..clause_end.max(e)])
    }

    /// "不用改评价", "we won't ask you to change": the review action is denied.
    pub(crate) fn is_negated(&self, text: &str, clause_start: usize, s: usize) -> bool {
        let lead = &text[clause_start.min(s)..s];
        // A denial before a condition does not reach into it: "we can't process the refund
        // until the review is updated" denies the refund, not the update.
        let lead = self
            .negation_cut
            .find(lead)
            .map_or(lead, |m| &lead[m.end()..]);
        if let Some(m) = self.negation_zh.find(lead) {
            // 能不能/要不要/可不可以 ask; they do not deny.
            let prev = lead[..m.start()].chars().next_back();
            let next = m.as_str().chars().nth(1);
            if !(m.as_str().starts_with('不') && prev.is_some() && prev == next) {
                return true;
            }
        }
        let lower = lead.to_ascii_lowercase();
        if lower.contains("don't mind") || lower.contains("wouldn't mind") {
            return false;
        }
        self.negation_en.is_match(&lower)
    }

    /// The action is thanked for, so it is already done ("Thanks for updating your review!").
    pub(crate) fn is_thanked(&self, text: &str, clause_start: usize, s: usize) -> bool {
        let lead = text[clause_start.min(s)..s].to_ascii_lowercase();
        // Only a thank-you that opens the clause: "As thanks for updating your review",
        // "为了感谢您修改评价" name a reward, not a thank-you.
        self.thanked.find(&lead).is_some_and(|m| {
            let before = lead[..m.start()].trim();
            matches!(
                before,
                "" | "亲" | "亲亲" | "宝" | "宝子" | "hi" | "hey" | "oh" | "and" | "also" | "so"
            )
        })
    }

    /// The benefit is offered as a possibility ("可以给您申请", "we could send"), the way a
    /// bargain opens, not promised outright.
    pub(crate) fn is_offer(&self, text: &str, clause_start: usize, s: usize) -> bool {
        self.offer_modal
            .is_match(&text[clause_start.min(s)..s].to_ascii_lowercase())
    }

    /// The clause starts with the action, as an English imperative does ("Take the review
    /// down, …").
    pub(crate) fn starts_imperative(&self, text: &str, clause_start: usize, s: usize) -> bool {
        let lead = &text[clause_start.min(s)..s];
        if lead.is_ascii() {
            self.imperative_lead.is_match(&lead.to_ascii_lowercase())
        } else {
            // Chinese: nothing but a term of address before the verb ("亲，重新给个评价吧").
            self.imperative_lead_zh.is_match(lead)
        }
    }

    /// The shop (or someone other than the buyer) is the one acting on the review:
    /// "我们不会删除任何评价", "we don't edit reviews".
    pub(crate) fn shop_acts(&self, text: &str, clause_start: usize, s: usize) -> bool {
        let lead = &text[clause_start.min(s)..s];
        let zh = self.subject_zh.find(lead).is_some_and(|m| {
            // 帮我们/给我们把评价改… : the buyer acts for the shop.
            !lead[..m.start()].ends_with(['帮', '给', '为', '替', '跟', '和'])
        });
        zh || self.subject_en.is_match(&lead.to_ascii_lowercase())
    }
}
