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
    /// One expression per family: a single alternation of them all outgrows the regex
    /// engine's lazy DFA and is read dozens of times slower.
    strong: Vec<Regex>,
    needs_buyer: Regex,
    rhetorical: Regex,
    challenge: Regex,
    argue: Regex,
    marker: Regex,
    owns_up: Regex,
    exonerates: Regex,
    their_review: Regex,
    buyer: Regex,
    shop: Regex,
    /// People other than the buyer as a subject ("很多人都没听清").
    others: Regex,
    /// A causative just before the buyer makes the buyer its object: "让您误会了" says the
    /// shop misled the buyer.
    causer: Regex,
    /// An offer of help in the sentence makes "购买前也可以先问问客服" advice, not argument.
    offers: Regex,
    /// "如果您选错了尺码，可以直接换", "为了避免顾客拿错": a fault supposed, not charged.
    hypothetical: Regex,
}

fn re(parts: &[&str]) -> Result<Regex, regex::Error> {
    let body = parts.join("|").replace(r"\b", r"(?-u:\b)");
    Regex::new(&format!("(?i){body}"))
}

/// Accusations that need no subject: what they say is about the buyer or the review.
const STRONG: &[&str] = &[
    // the review is false, exaggerated or malicious
    r"无理取闹|胡搅蛮缠|蛮不讲理|不可理喻|强词夺理|乱写|乱评|乱说|乱讲|乱喷|胡说|胡扯|胡编|编造|瞎编|瞎说|瞎写|瞎评|瞎扯|造谣|诬陷|污蔑|诽谤|中伤|撒谎|说谎|骗人|骗子|敲诈|勒索|讹人|讹我们|碰瓷|找茬|找事|差评师|职业差评|职业打假",
    r"恶意差评|恶意评价|恶意|同行(恶意|竞争|搞|抹黑|冒充)|竞争对手|抹黑|误导(别人|大家|其他|消费者|买家)|(和|与|跟)事实(完全|严重)?不符|不符合事实|颠倒黑白|别有用心|居心(不良|何在)|纯属(胡编|编造|捏造|恶意|虚构|瞎说|造谣|无理)|子虚乌有|夸大其词|言过其实|添油加醋|小题大做|血口喷人|信口开河|信口雌黄|无中生有|歪曲事实|断章取义|睁眼说瞎话|倒打一耙|恶人先告状|得寸进尺|狮子大开口|贪得无厌|差评狂魔|差评专业户|不懂装懂",
    // the buyer as a type
    r"(^|[，。！？,.!?\s])自己(不小心|摔|弄坏|用坏|没看|没注意|选错|买错|拍错|操作失误|操作错误|搞错|弄错|记错|看错|不爱护)|占(小)?便宜|爱占便宜|贪便宜|不欢迎(您|你)|(去|到)别家(买)?吧|白嫖|贪小便宜|薅羊毛|没素质|素质(太|真|有点)?差|智商|眼瞎|瞎了|不识字|看不懂字|活该|自作自受|玻璃心|矫情|事儿多|事多|难伺候|挑刺|鸡蛋里挑骨头|爱买不买|不买拉倒|你这种|你们这种|这种人|你们买家|见多了",
    // the fault is the buyer's
    r"(您|你)自己(想想|清楚|没|不(会|看|懂|注意|小心|仔细|听|检查)|选错|弄|用|的问题|摔|泡|洗|操作|搞|看错|买错|放(了|在|久))|(您|你)(个人|自身|本人)的(问题|原因|责任)|(问题|毛病)(就)?(出)?在(使用的人|用的人|使用者|(您|你)自己)(身上)?|(这个)?锅(我们)?不背|不背(这个)?锅|甩锅给|动动脑子|用用脑子|长点脑子|带(点)?脑子|过过脑子|自己想想|心里清楚|心知肚明|是(您|你)(自己)?的(问题|错|责任|原因)|(您|你)(自己)?的(错|责任|失误)|问题(出)?在(您|你)|(您|你)(那边|这边)的问题",
    r"(您|你)(的)?(使用|操作|安装|保存|清洗|洗涤|存放|保管)(方法|方式)?(不当|不对|有问题|错了|错误)|人为(损坏|造成|的|原因|破坏)|(使用|操作|保管|保存|存放|储存|清洗|安装|收纳)不当",
    // had the buyer only…
    r"((要是|如果|早)(您|你)|(您|你)[^，。！？]{0,4}(要是|如果|早))[^。！？]{0,20}(就不会|也不会|根本不会|压根不会|根本就不会|就没|就好了|就不至于|也不至于|不至于)|(您|你)(偏要|非要|硬要|偏偏|偏不|坚持要|执意|死活不)",
    // "we told you"; "read it first"
    r"早就说了|我们说过|说了多少遍|说过多少次|不是说了|(详情页|页面|直播间?|标题|说明书?|尺码表|吊牌|标签|发票)(上|里)?(都|已经)(写|标|说|注明)(了|得|过)|(详情页|页面|直播间?|标题|说明书?|尺码表|吊牌|标签|发票)(上|里)?(写|标|说|注明)得(很|非常|清清楚楚|明明白白|清楚|明白)|(写|标|说|讲|解释|注明|交代)得(清清楚楚|明明白白|很清楚|很明白|非常清楚)|(不要|别)再纠缠|纠缠不休",
    r"主观(感受|臆断|判断|看法)|不能作为[^，。！？]{0,6}依据|(不能|不该|不应该)(算|怪|说是)(我们|商家|产品)|根本看不出|理性消费|冲动(下单|消费|购物)|(您|你)[^，。！？]{0,4}想多了|多虑了|(您|你)[^，。！？]{0,4}太敏感|正常使用(是|的话)?(不会|不可能)|正常(情况下|使用下)(是)?不会(出现|坏|有)|混淆视听|颠倒是非|不存在(任何)?质量问题|(去|到)别(的|人)?(店|家)|(您|你)(的|这个|这种)?(要求|做法|逻辑|说法|想法)[^，。！？]{0,8}(无法理解|不能理解|难以理解|理解不了|太离谱|离谱)|毋庸置疑|不容置疑|(您|你)(亲自|亲手)(签收|确认|选|挑)|嫌(少|贵|小|大|辣|咸|淡|慢|多|重|麻烦)(的话)?(下次|可以|就别|别|就不要)|多了去了|没见(过)?(谁|别人|其他人|哪个)|问题不在(产品|商品|我们|质量|机器|东西)|(从来|从)没(有)?(人|顾客|买家|客人)(说过|反映过|投诉过|提过)|(基本|这点|起码的|一点)?常识(都|也)?(应该有|没有|不懂|都没)|成年人了|三岁(小孩|孩子)|小学生都|奉劝|做人(还是)?要(厚道|讲良心|诚实|实在)|厚道一点|积点德|积口德|不实(言论|描述|说法)|虚假(评价|言论|信息|描述)|(这种|这些|什么|您的|你的|老)套路|套路(我们|我)|先(给|打)?差评再(要|谈|找)|(差评|投诉)(来)?(要|换|讹)(补偿|赔偿|钱)|(有些|有的|某些)(人|买家|顾客)就是|听不进去|(说|讲|解释|强调)(了|过)(好几|几|无数|多少|三|两)(遍|次)",
    r"(只能是|肯定是|一定是|就是|属于|纯属|明显是|显然是)(您|你)?的?(使用|操作|保管|保存|安装|人为|个人)(上)?的?(问题|原因|不当|失误|错误)|(真|实在)?搞不懂(您|你)|(真|实在)不明白(您|你)为什么|(您|你)为什么(非要|偏要|要把|要用)|(您|你)这(种)?(操作|做法|逻辑|脑回路)|(偏偏|就|只有)(您|你)(一个人)?(有|挑|嫌|觉得|事|不满意|特殊)|(请|希望)(您)?(实事求是|尊重事实|客观(一点|公正)?)|毫无根据|没有根据|无端|莫须有|(这种|这样的)指责|(一点|这点|这么点)(小事|小问题)就|否定(我们|我们的)(所有|全部)|(跟|和|与)(我们|本店|店里|产品|商品|质量|发货)[^，。！？]{0,4}(无关|没(有)?关系|没啥关系)|(别|不要|不能)怪(衣服|产品|商品|东西|我们|商家|质量|店家)",
    r"(提醒|告诉|强调|交代)过(您|你)|(您|你)倒好|偏偏(到)?(您|你)|(^|[^不])还好意思|谁知道(您|你)|放大镜|挑毛病|找毛病|(没有|毫无)(任何)?参考价值|不是傻子|当我们(是)?傻|把我们当(傻子|冤大头)|(用|穿|吃|戴)(完|过)了?再(来)?退|拉黑|黑名单|值得(给|打)?(一星|差评|中评|投诉)",
    r"看不懂吗|能不能看清|劝(您|你)|(建议|请)(您|你|这位)[^，。！？]{0,6}先(搞|弄|看|想)清楚|先学会|学会(正确)?(使用|用)|再来评价|再来差评|别(乱|误导)|不要(乱|误导)|不懂就别|下次[^，。！？]{0,6}(先)?看清楚|讲(点)?道理|不讲理",
    // singling the buyer out
    r"就(您|你)一个|就(您|你)(有问题|事多)|只有(您|你)(一个)?(说|有|反映)|(别的|别人|其他|其它|其余|大家)(买家|顾客|客人|人|亲)?(都|全)(没|说好|好评|满意|用得|好好)|(用得|好好的)[^，。！？]{0,4}(别人|大家)|(别人|大家|其他人)[^，。！？]{0,4}(用得好好的|都没(事|问题)|没(事|问题))|(几百|几千|上千|上万|这么多|那么多|成千上万|[0-9]+)个?(人|买家|顾客|单|件)(都|全)(没|说好|好评|满意)|卖出去?了?[0-9一二三四五六七八九十百千万]+(件|单|个|份)|[0-9几上成百千万]+[百千万]?(台|件|个|单|份|位|人|套|瓶|双)[^，。！？]{0,6}都(好好的|没(事|问题)|没人(说|反映))|从(来)?没(遇到|见过|碰到)过(您|你)这(样|种)",
    // denying any fault of the shop, or that there is a problem at all
    r"不是我们的(问题|责任|错)|不关我们(的事)?|跟我们(无关|没关系|没有关系)|和我们(无关|没关系)|与我们无关|不能怪我们|怪不(到|得)我们|赖不(到|着)我们|(还|又|反而|却|倒|来)(来|要)?(怪|赖|怨|冤枉)(我们|商家|店家|卖家|本店|客服|后厨|厨师|主播)|责任不在(我们|本店|商家|店家|我方)|怨不(得|到|着)(我们|商家|店家)|还要(我们|商家|店家)(负责|赔|承担|买单)|赖我们|冤枉(我们|人)|根本(没|不)(那么|有|是|存在|这回事)|根本就(没|不)",
    // mocking and moralising
    r"(未|没有|没|不)(联系|沟通|咨询)[^，。！？]{0,10}(直接|就)(给|打)?差评|直接(给|打)?差评|上来就(给|打)?差评|被[^，。！？]{0,8}误导|(PS|P|修)过|P图|摆拍|网图|别处的图|以[^，。！？]{1,10}为由|第[二三四五六七八九十几]次[^，。！？]{0,10}(退|要求|差评)|找(各种|一堆)?(理由|借口)|想白拿|骗(退款|赔偿|补偿)|(聊天记录|截图|监控|视频|照片|记录)(为证|可以证明|证明)|(买家|顾客|他|她)(自己)?承认|不会欣赏|不懂(欣赏|货)|很无奈|张口就来|二次(销售|使用)|调包|掉包|可以不买|别买了|不要买了|嫌贵|一看(您|你)?就(是|知道)|注意(分寸|言辞|措辞|态度|素质)|说话(客气|注意|放尊重)|只会(差评|给差评|找茬)|又是这种|这种(买家|顾客|人)|因为[^，。！？]{0,12}就(给|打)?差评|就给差评|一个字都不认|不认账|明明|怎么可能|呵呵|无语|搞笑|可笑|笑死|良心过得去|有没有良心|摸摸良心|有没有想过|(您|你)这是(故意|典型|什么)|(开心|高兴)就好|随(您|你|便)(怎么)?(说|评|写|评价)|爱怎么(说|评|写)|是谁的问题|(能|还能|又能|该)怪谁|(您|你)这是(在)?(为难|刁难|针对)|对自己说的话负责|对(您|你)的(言论|评价|说法)负责|根本没(买|用)过|(朋友们|大家)别信|(签字|签收)了[^。！？]{0,12}(现在|才|又)(说|来)|没法认|(您|你)(应该|本该|本应|早该|最好)(先|提前)?(看|读|检查|确认|量|问|了解|注意|仔细)|(您|你)看得懂[^，。！？]{0,8}吗|(您|你)(会|懂)不会用|(您|你)(识|认)字吗|与实际(情况)?不符|不属实|并非事实|不实(评价|信息|内容)|追究(法律)?责任|法律责任|律师函|报警|起诉(您|你)|(按|照)(您|你)的(说法|逻辑)|扣帽子|乱扣|(您|你)是第一次(吃|买|用|网购|点)[^，。！？]{0,6}吗|(您|你)确定(不是|没|自己)|不存在(您|你)?(说|讲|反映|描述)的(情况|问题)|低级错误|稍微[^，。！？]{0,6}(都|就)不会(犯|出|有)|便宜没好货|(您|你)应该(懂|明白|知道)(吧|的)|可以不(点|用)|就别(点|买|用)了?|先冷静|冷静一下|冷静冷静|另请高明|另寻高明|去别家|无非(是|就是)?(想|为了)|不就是(想|为了)|想(要|讹|骗)(点|些)?(补偿|赔偿|钱|好处)|见得多了|(我们|我)也是服了|真是服了|服了(您|你)|(现在|这时候)?(才)?(来)?找(我们|我)有什么用|(您|你)(是)?怎么(弄|用|搞|操作|摔|洗|保存|放)的|带(着)?情绪|情绪化|发泄情绪|反过来(说|怪|赖)|倒过来(说|怪|赖)|怨谁|对得起(我们|良心)|口味(的)?问题|故意[^，。！？]{0,6}(的吧|吧)",
    // English: the review is false or malicious
    r"\bliars?\b|\blying\b|\blies\b|\blied\b|\bscam\w*|\bextort\w*|\bblackmail\w*|\bfake reviews?\b|\bfraud\w*|\bdishonest\b|\b(made|making) (this|that|it|stuff|things) up\b|\bspreading\b|\bcompetitor\b|\btroll\w*",
    r"\b(never|didn't|did not) (contact|contacted|reach out|reached out|message|messaged|ask|asked) us\b|\bwithout (contacting|reaching out|talking to|messaging) (us|the seller)\b|\bbefore (posting|reviewing|leaving)\b[^.!?]{0,20}\b(never|didn't)\b|\b(does not|doesn't|do not|don't) reflect\b|\bmisrepresent\w*|\b(photoshop\w*|staged|doctored)\b",
    r"\b(admitted|confessed)\b|\b(we have|here are) (photos|proof|records|screenshots|video|the chat)\b|\bproving\b|\bproof that\b|\brecords show\b|\b(don't|doesn't|didn't|never) read\b|\bbuyer's remorse\b|\bchanged (their|your) mind\b|\bnever (bought|purchased|ordered) (from us|this|it)\b|\btrying to get (a |an )?(free|refund)\b|\b(a|it's a) shame (some|that people|people)\b",
    r"\b(unfair|misleading|inaccurate|untrue|false|exaggerated|biased|malicious) (review|claim|claims|statement|statements|rating|accusation)s?\b|\b(review|claim|rating) is (unfair|misleading|inaccurate|untrue|false|dishonest|exaggerated)\b|\bexaggerat\w*|\bslander\w*|\bdefam\w*",
    r"\bnonsense\b|\bridiculous\b|\babsurd\b|\bentitled\b|\bunreasonable\b|\bclueless\b|\bignorant\b",
    // English: the fault is the buyer's
    r"\b(your|user|operator|customer) (error|fault|mistake|misuse)\b|\byour own (\w+ )?(mistake|fault|doing|error|carelessness|negligence)\b|\b(it's|that's|this is) on you\b|\b(issue|problem|fault|damage) (is|was|lies) on your (end|side)\b|\bon your end\b|\bsomething you did\b|\byou (did|caused) (this|it|that)\b|\bcaused by (mishandling|misuse|improper|incorrect|your)\b",
    r"\bmisus\w*|\bmishandl\w*|\bimproper (use|care|handling|installation)\b|\b(somebody|someone|you) drop(s|ped)?\b|\boverfill\w*|\byou (broke|damaged|ordered the wrong|picked the wrong|chose the wrong|bought the wrong)\b",
    r"\bif you had (read|checked|followed|bothered|measured|looked)\b|\bif you('d| had)\b[^.!?]{0,50}\b(wouldn't|would not|would've|would have|never)\b|\bbothered to\b|\b(you clearly|you obviously|obviously you|clearly you)\b|\byou must have\b|\byou should (have|'ve)\b|\byou failed to\b",
    r"\byou (didn't|did not|never) (even )?(read|check|follow|bother|look|measure|notice|pay attention|use|try)\b|\bblame us\b|\bblaming us\b",
    // English: denying the problem; "read it first"
    r"\bnot our (fault|problem|responsibility|issue)\b|\b(wasn't|isn't|was not|is not) (even )?our (fault|problem)\b|\bnothing to do with us\b|\b(product|item|unit) (works|worked) (fine|perfectly|as (intended|designed))\b|\bnothing wrong with (the|our|this) (product|item|unit)\b|\bstand by our product\b",
    r"\bread the (description|listing|size chart|product page)\b|\b(you should have|you should|try to|try|please|go|just|maybe|did you|you didn't|you never|didn't you) read the (manual|instructions|label|faq)\b|\bread the (manual|instructions|label|faq) first\b|\bnot rocket science\b|\bcommon sense\b|\bany reasonable person\b|\bmost people manage\b|\byou're (the problem|wrong|mistaken|confused)\b|\byou are (the problem|wrong|mistaken|confused)\b|\b(simply|just) (not true|wrong)\b|\byour carelessness\b|\bcareless\b|\bpeople like you\b|\bcustomers like you\b|\bisn't for you\b|\bwhin(e|ing)\b|\bpetty\b|\b(try|start|consider) reading\b|\bnext time,? (read|check|try|measure|look)\b|\bclearly (says|states|stated|listed|shown|marked|labeled|labelled|written)\b|\bit says (right )?(there|on)\b",
    r"\b(you )?(just |simply )?(don't|do not|didn't) know how to (use|read|assemble|install|operate|measure)\b|\byour (problem|issue|fault),? not (ours|our)\b|\bthat's your (problem|issue)\b|\blearn (how )?to (use|read)\b|\b(you|people) (need|should|might want) to learn\b|\bcan'?t read\b|\buser error\b",
    r"\b(it's|it is|that's|that is|was|is) (entirely |solely |completely |really )?your (own )?(responsibility|job|problem|lookout)\b|\b(didn't|don't|haven't|couldn't|can't) you (even )?(read|check|see|look|notice|measure|bother|follow|open|try)\b|\b(happened|occurred|broke) (after you|once you|in your (hands|care|possession))\b|\b(happened|problem|issue|fault|error|damage)( is| was| lies| happened)? on your side\b|\b(through|from|due to) (your )?careless\w*|\bcareless (handling|use|treatment)\b|\byour careless\w*",
    r"\b(anyone|anybody|everyone|everybody|any (reasonable |sensible )?(person|customer|buyer)|most people) (who|that) (reads?|looks?|checks?|bothers?|follows?|pays? attention)\b|\bnot (reading|checking|measuring|following|looking at)\b|\b(tells|says) (us|you|me) (something|a lot|everything)\b|\bsays? (a lot|more|something|everything) about (you|the reviewer|the buyer|the customer)\b",
    r"\bstrong suit\b|\breading comprehension\b|\bcommon sense\b|\bwhatever (makes you happy|you say|floats your boat)\b|\bif you say so\b|\bsuit yourself\b|\b(adjust|lower|manage|temper) your expectations\b|\bunrealistic expectations\b|\bnot a miracle\b|\bpretty sure (the|it|you|this)\b|\b(says?|states?|said) not to\b",
    r"\b(didn't|did not|never|couldn't) (take the time|bother|care) to\b|\banyone can see\b|\bwhat (more|else) (do )?you (want|expect)( from us)?\b",
    r"\b(doesn't|does not|won't|will not|wouldn't|would not|cannot|can't|never) (happen|break|crack|fail|occur)\w* (under|with|in|during) normal (use|usage|conditions|wear)\b|\bshows? (that )?(the \w+|it|they) (was|were|had been|has been) (worn|washed|used|dropped|misused|opened)\b|\b(we|i)( already| clearly)? (explained|told you|said|mentioned) (all )?(of )?(this|that|it)( already)? (in|on) (our|my|the) (last|previous|earlier)\b|\b(rather than|instead of|before) blaming\b|\bblaming (the|our) (maker|seller|shop|product|brand)\b|\byou left it (outside|out|in the rain|in the sun)\b|\band (then )?expected (it|this|that) to\b|\byou (just )?(assumed|decided)\b|\bassuming the worst\b|\bjump(ed|ing)? to conclusions\b|\bnothing in the (listing|description|page|ad)\b|\bmind ?readers?\b|\byou (never|didn't|did not) (tell|told|mention|mentioned|inform|say|said)\b|\breviews like (this|yours) (are|is) (the reason|why)\b|\bwithout (a single|any) (issue|problem|complaint|return)s?\b|\b(put this|to put it) (politely|nicely|gently|bluntly|mildly)\b|\bno (nice|polite) way to (say|put)\b|\byou could (have|'ve) (just )?(asked|checked|read|contacted|messaged|told|measured|looked)\b",
    r"\b(that's|it's|this is|that is) not on us\b|\b(you )?chose not to\b|\byou had (\w+ ){0,2}(days|weeks|months|chances?|plenty of time|every chance)\b|\b(obviously|clearly) (worn|used|damaged|washed|dropped|altered)\b|\b(you're|you are) (still )?not listening\b|\bexplained (this|it) (\w+ ){0,2}(times|twice)\b|\bwhat (else )?(you were|were you|did you think you were) (expecting|getting)\b|\bfor a reason\b|\bhard to believe\b|\b(we|i) (doubt|don't believe|do not believe) (that |this |you|your)|\bcommon (courtesy|decency)\b|\bbefore (trashing|bashing|slamming|attacking|blasting|dragging)\b",
    // English: "we told you"; "as clearly stated"
    r"\b(we|i) (did|already|clearly|specifically) (tell|told|warn|warned|explain|explained|mention|mentioned)\b|\b(told|warned|reminded) you (twice|already|before|three times|several times|more than once|multiple times|repeatedly)\b|\blike (it|we|i) (says?|said)\b|\blike (the|our) (description|listing|manual|label|page|title) says\b|\bas (clearly|explicitly|plainly|already) (stated|mentioned|shown|noted|written|described|indicated|explained)\b|\b(clearly|plainly|explicitly) (stated|marked|labeled|labelled|indicated|noted)\b",
    // English: singling out
    r"\b(nobody|no one) (who )?(actually|else)\b|\beveryone else\b|\bevery other (customer|buyer)\b|\bno other (customer|buyer|person|shopper|user|client)s?\b|\bnone of (our|the) other (customers|buyers)\b|\b(thousands|hundreds) of (other |happy |satisfied )?(customers|buyers|people)\b|\bother customers (love|have|had|don't)\b|\b(you're|you are|you must be|must be|you seem to be) the only (one|person|customer|buyer|reviewer)\b",
    // English: mockery
    r"\bclassic[.!]|\bcome on\b|\bnice try\b|\bgood luck with that\b|\bare you (serious|kidding)\b|\byou're telling me\b|\bgive me a break\b|\bget real\b|\b(sure|yeah|right|oh sure),? because\b|\boh please\b|\blol\b|\blmao\b|\bimpossible\b",
    r"\bstop (spreading|lying|posting|complaining|leaving|writing)\b|\bfake complaints?\b|\bdamage from (a|the) drop\b|\bdrop damage\b|\bnot how (it|the product|this|the item) (is|was) (meant|supposed|designed|intended)\b|\btrash(ed|ing)? us\b|\battack(ed|ing) us\b|\bwhat did you expect\b|\bwhat (else )?do you expect\b|\bnot sure what you expected\b|\bfor that price\b|\byou get what you pay for\b|\bsupposed to survive\b",
    r"\b(funny|interesting|convenient) how\b|\bconveniently\b|\bhow convenient\b|\b(people|customers|buyers) like you (are|is) (why|the reason|what)\b|\b(don't|do not|did not|didn't) appreciate (the|your)\b|\bthe tone of your\b|\byour (tone|attitude|language)\b|\bexpect (a|an) \$?[0-9]+|\bwhy (would )?you('d)? expect\b|\b(maybe|next time|should have|could have|might want to)\b[^.!?]{0,25}\bbefore (you )?(buy|order|purchas)\w*|\btextbook (case|example)\b|\bseriously[?!]|\bhow (could|can|did) you\b|\bdid you even\b|\bdon't just break\b|\bjust because you\b|\b(nobody|no one) (forced|made|asked) you\b|\bthe (issue|problem) is how (it|you)\b|\bhow it was (used|handled|treated)\b|\btake responsibility for your\b|\bso it arrived (intact|fine|undamaged)\b|\bwould have answered your\b|\bexpect(ing)? too much\b|\bhad you (read|checked|followed|bothered|measured|looked|contacted|asked)\b|\byou left it (in|on|out|under|near)\b|\bwhich is why it (melted|broke|cracked|failed|faded|shrank|leaked)\b|\byou (neglected|forgot|failed) to\b|\bso of course\b|\bwhat did you (think|expect)\b|\bsorry you feel (that|this) way\b|\bcomplain about (anything|everything)\b|\bhow you managed to\b|\bmanaged to (break|damage|ruin)\b|\b(it's|it is) not that (hard|difficult|complicated)\b|\bright there on the\b|\bare you sure (that )?you\b|\b(never|not once|not a single)\b[^.!?]{0,50}\b(until|except|but) you\b|\ba bit much\b|\bover the top\b|\boverreact\w*|\bget (the|your) facts (right|straight)\b|\bat least (get|check|read)\b|\b(isn't|is not) (suited|meant) (to|for) you\b|\bconsistent with (the \w+ |it )?(being )?(dropped|a drop|misuse|mishandling|misused)\b|\bbeing dropped\b|\bwould have saved (us|you|everyone)\b|\b(reading|checking|measuring|following) (them|it|the \w+) would have\b|\b(problem|issue|fault) (here )?(isn't|is not|wasn't|was not) (with )?(the|our) (product|item|quality|fabric|material)\b|\b(customers|people|buyers|anyone) who (actually|properly|correctly)\b|\b(and )?then (blame|complain about)\b|\b(any|every) other (customer|buyer|person|shopper)\b|\bmost (customers|people|buyers) (would|know|check|read)\b|\byou know (exactly |very well |full well )?what (happened|you did)\b|\b(try|start|learn|consider) (using|to use) (it|the \w+) (correctly|properly|right)\b|\bbefore (complaining|you complain)\b|\buser (problem|issue)\b|\b(that's|this is|that is) what happens when (you|people|customers)\b",
];

/// Fault predicates that blame only when the buyer is their subject.
const NEEDS_BUYER: &[&str] = &[
    r"(没|不)(有)?按(照)?(说明书?|要求|步骤|指引|提示)|(没|不)(有)?按(照)?[^，。！？]{1,6}(来|做|操作|洗|使用|保存|安装)|(看|翻|读|试|量|问|查|听)都(没|不)(有)?(看|翻|读|试|量|问|查|听)|连[^，。！？]{1,8}都(没|不)(有)?(看|对|核对|量|问|查|试|读|搞清)|(还|又)嫌|没(有)?(仔细|认真|好好)(看|读|查|检查|核对|确认|注意|阅读)|(烫|洗|泡|晒|烘|压|摔|碰|掰|扯|折)(坏|破|裂|变形|缩水|褪色|掉色|脏|断|开线)|不(及时)?验货|过了这么久|这么久(才|再)|(再|才)来说|没(有)?看清|没(有)?仔细看|没(有)?认真(看|听|读)|没(有)?看(详情|说明|描述|尺码|介绍|完)|不看(详情|说明|描述|介绍)|买前不看|没(有)?(仔细)?听|没(有)?量|没测量|不检查|没检查|不验货|没验货",
    r"[看读听量算记选买拍点下用装插接放洗泡捂晒烫压摔碰拆剪搭穿戴填写设调充打弄](错|漏|反|坏|歪|混|翻|丢)|(反复|多次|屡次|一再)(退换|退货|要求|投诉|差评|找)|每次都(说|要|找|嫌)|要求(那么|这么|太|过|有点|未免太)(高|多|苛刻)|别要求|(怪|赖)(我们|商家|店家|卖家|本店|客服)|(搭|穿|用|洗|放|装|操作|保存|使用|保管)得不(对|当)|(看|想|问|了解|搞|弄|查)(清楚|明白|仔细|看|一下)(了)?再(来)?(评价|评论|差评|下单|买|拍|投诉|给)",
    r"不小心(弄|摔|碰|掉|压|洗|划)|记错|搞错|弄错|理解错|想错|误会了|不会(装|安装|操作|弄)|没用过|选错|买错|拍错|下错|用错|装错|放错|填错|写错|操作(不当|错误|失误)|使用不当|不会用|不会使用|用法不对|点错|订错|看错|懂不懂|不懂(就|还)|不识货|方法有问题|没放好|没装好|没收好",
    r"(摔|泡|弄坏|用坏|洗坏|弄脏|摔坏|压坏|放坏|用84)(的|了)|故意|存心|有意为之|看清楚再|想清楚再|要求(太|过)高|太挑|挑剔|标准(太|过)高",
    r"(应该|应当|本该|本应|早该|就该|理应)[^，。！？]{0,6}(看|读|检查|确认|量|问|了解|注意|核对|验货|验|拒收|咨询|冷藏|试|拆开|打开)|懒得(看|读|问|量|查|试)|(接|装|插|放|穿|戴|拧|贴)反|不爱护|不爱惜|不及时(吃|验货|冷藏|处理|确认|查看)|不听劝|不做功课|没做功课|(干|做)了什么",
    r"(才|现在才|还)(来)?(说|来说|反映|评价|想起|找)|怎么不(说|早说|提)|当初(怎么|为什么|不)|早干(嘛|什么)|过得去吗|的吧[？?]",
    r"\b(forgot|ignored|skipped|misread|overlooked|ignore|ignores|ignoring)\b|\b(ordered|chose|picked|bought|selected|used|measured|plugged (it )?into)\b[^.,;!?]{0,20}\bwrong\b|\b(don't|didn't|do not|did not|never|won't) (bother to )?follow(ed)? (the |our )?(instructions|care (label|instructions)|directions|manual|guide|steps|label)\b",
];

/// Arguing moves that blame when the sentence is about the buyer and owns nothing up:
/// "说实话…", "到您手里就坏了", "这个价格您还想要什么", "with all due respect, you ordered…".
const ARGUE: &[&str] = &[
    r"本来就|明显(是|就是)|显然|分明|一分钱一分货|这个价(格|钱)|(几|几十|[0-9]+)块钱的东西|就是不(听|看|信)|过分|不公平|不合理|太苛刻|没道理|说不过去",
    r"到(您|你)手(里|上)就|发出去(都|的时候)?(是)?好的|出库(前|时)(都)?(检查|检测|验)过|用过的痕迹|(您|你)自己(挑|选|要|定|买|点|拍|填|写|选择|决定|确认)[^，。！？]{0,3}的|现在又|又说|还想(要)?|还指望|能不能别|别(张口|乱|瞎)|搞清楚|弄清楚|解释过(很多|多少|好几)次",
    r"(买|下单|购买|拍|付款)(之)?前[^，。！？]{0,8}(看|查|量|了解|问|咨询)|(差评|评价|给差评|打差评)(之)?前[^，。！？]{0,10}(先)?(联系|沟通|问问|咨询|找)",
    r"\b(can't|cannot|won't|will not) be (held )?responsible\b|\bnot (a|our) defect\b|\bdoesn't make (any )?sense\b|\bdoes not make sense\b|\bmakes no sense\b|\bharsh\b|\bunfair\b",
    r"\byou (ordered|chose|picked|bought|selected) (the wrong|a size|the size|a smaller|a larger|a different)\b|\bwhat you did\b|\bhow you (store|stored|use|used|handle|handled|wash|washed|treat|treated)\b|\bat all\?|\bnot a defect\b",
    r"\bconsider a different (brand|store|seller|shop)\b|\b(shop|buy) elsewhere\b|\bdidn't leave our\b|\bleft our (warehouse|hands|facility) (in|like)\b|\byour (own )?choice\b|\byou chose\b",
];

/// Ways of opening an argument ("说实话…", "frankly"): they blame only a buyer named in
/// the sentence; "Honestly, this review has made me sick with worry" argues with no one.
const MARKER: &[&str] = &[
    r"说实话|恕我直言|坦白(说|讲)|实话实说|说句不好听的|不客气(地)?(说|讲)",
    r"\bwith all due respect\b|\bhonestly,|\bfrankly\b|\bto be fair\b|\bfor the record\b|\bclearly\b|\bobviously\b",
];

/// Owning up or apologising in the same sentence: arguing words there are not blame.
const OWNS_UP: &[&str] = &[
    r"抱歉|对不起|不好意思|歉意|我们的(失误|疏忽|问题|错|责任)|(^|[^不])是我们|确实是我们|我们(来)?(负责|承担)|我们(应该|没有|没)[^，。！？]{0,8}(写|标|说|提醒|注明)|我们的(说明书|详情页|描述|页面)|\bthe (listing|photos?|description|page|instructions)\b[^.!?]{0,25}\b(misleading|wrong|unclear|confusing|inaccurate)\b|\bour (listing|photos|description|instructions)\b|\bdropped the ball\b|我们没(做好|检查|注意)|sorry|apolog|\bour (fault|mistake|responsibility|bad|error)\b|\bon us\b|\bwe should have\b|\bwe messed up\b",
];

/// Question forms that challenge the buyer rather than ask.
const RHETORICAL: &[&str] = &[
    r"(不|没)(看|读|检查|试)[^，。！？]{0,8}(吗|嘛)|能(好|不)[^，。！？]{0,4}吗|(也|就|还)值得|什么道理|怎么(会|能|就|才|不)|为什么(不|没|要|才|现在)|难道|凭什么|不可能|这不是.{0,12}吗|什么意思|什么心态|哪来的|哪有|至于吗|有必要吗|好意思吗|有没有搞错|是不是(您|你|没|不)",
    r"\breally\?|\bseriously\?|\bhow is that our\b|\bwhose fault\b|\bwho (buys|orders|expects)\b|\bdid you (even|really|actually)\b|\bwhat were you\b",
];

/// Challenges that need only the question mark: the buyer is the one meant.
const CHALLENGE: &[&str] = &[
    r"(小问题|小事|这点|这么点)[^，。！？]{0,8}值得[^，。！？]{0,6}[？?]|说[^，。！？]{1,6}就[^，。！？]{1,6}[？?]|(按|照)(您|你)(这么|这样)说|(是)?没(有)?按(照)?[^，。！？]{1,8}(来|做|操作|洗|用|使用|保存|安装)吧|是(您|你)[^，。！？]{0,8}吧|\bwaited\b[^?]{0,40}\?|\b(took|take) you\b[^?]{0,30}\?|\bonly now\b|能不能别|可不可以别|(您|你)这是[^，。！？]{0,10}吧[？?]|现在(才|来|又)(找|说|评)|听我(把话)?说完[^，。！？]{0,4}[？?]|(收货|收到(货)?|签收|当时|当初)[^，。！？]{0,6}(不|没)(检查|看|验货|试|说|打开|拆开|拆)|谁来(负责|承担|买单)[？?]|(才|现在才|过了[^，。！？]{0,6})(说|来说|反映|评价|想起)",
];

impl Rules {
    pub(super) fn new() -> Result<Rules, regex::Error> {
        Ok(Rules {
            strong: STRONG.iter().map(|p| re(&[p])).collect::<Result<_, _>>()?,
            needs_buyer: re(NEEDS_BUYER)?,
            rhetorical: re(RHETORICAL)?,
            challenge: re(CHALLENGE)?,
            argue: re(ARGUE)?,
            marker: re(MARKER)?,
            owns_up: re(OWNS_UP)?,
            exonerates: re(&[
                r"(怪|骂)我们(也)?(是)?(应该|正常|没错)|(您|你)[^，。！？]{0,10}也(很|是)?(正常|难免)|\b(easy|understandable) (to miss|that you)\b|不怪(您|你)|(就算|即使|哪怕)(您|你)|(一点)?(都|也|并)?不(算)?过分|合情合理|\b(perfectly |completely |totally )?(fair|reasonable) (request|point|ask|question)\b|\beven (if|had) you\b|不是(因为)?(您|你)(自己)?(没|不)|\bnot (because )?you (didn't|did not|don't)\b|怪不(得|了|到)(您|你)|不是(您|你)的(问题|错|责任|原因)|\b(not|n't|never) (at all )?your (fault|mistake|doing)\b|\bnot on you\b|\bno fault of yours\b",
            ])?,
            their_review: re(&[r"评价|评论|差评|中评|\breview\b|\bcomplaint\b|\brating\b"])?,
            buyer: re(&[
                r"您自己|你自己|您|你|这位(顾客|买家|亲|客人|朋友|用户|客官|消费者)|该(买家|顾客|用户|消费者|客户)|(有些|某些|个别|部分)(人|买家|顾客|客户|用户)|这种(人|买家)|这位|买家|顾客",
                r"\byou('re|'ve|'d)?\b|\byour(self)?\b|\b(this|the) (customer|buyer|reviewer|person|user|client)\b|\b(somebody|someone|some people|people like you|some (customers|buyers|shoppers|reviewers))\b|\b(they|they've|they'd|their)\b",
            ])?,
            shop: re(&[r"我们|我|本店|小店|店里|\bwe\b|\bi\b|\bour\b|\bus\b"])?,
            others: re(&[
                r"很多人|好多人|不少人|许多人|大家|别人|其他(人|买家|顾客)|\b(many|several|most|other|lots of) (people|customers|buyers|shoppers)\b",
            ])?,
            causer: re(&[r"(让|使|令|害|害得|给)$"])?,
            offers: re(&[
                r"也可以|都可以|可以先|随时|欢迎|我们(会|来|可以)帮|帮您|\bfeel free\b|\bhappy to\b|\bwe can help\b|\bwe'll help\b",
            ])?,
            hypothetical: re(&[
                r"如果|假如|万一|若是|避免|防止|以免|免得|\bin case\b|\bto avoid\b|\bso that\b",
            ])?,
        })
    }

    /// Extra conditions a regular expression cannot state.
    fn strong_ok(&self, f: &Frame, s: usize, e: usize) -> bool {
        let word = f.text[s..e].to_ascii_lowercase();
        let rest = f.text[e..].trim_start().to_ascii_lowercase();
        // "If you've changed your mind, that's fine": a case supposed, not a charge.
        let lead = f.text[..s].to_ascii_lowercase();
        if ["if you've ", "if you have ", "if you ", "in case you "]
            .iter()
            .any(|x| lead.ends_with(x))
        {
            return false;
        }
        match word.as_str() {
            // "the problem lies in the batch" is no accusation.
            "lies" => !(rest.starts_with("in ") || rest.starts_with("with ")),
            "spreading" => !rest.starts_with("the word"),
            // "人为损坏以外的问题都保修" names a warranty's limit, not this buyer.
            w if w.starts_with("人为") => {
                !["以外", "之外", "除外"].iter().any(|x| rest.starts_with(x))
            }
            // "明明是我们的疏忽" owns up; "这明明不对" argues.
            "明明" => !["我们", "我", "本店", "小店"]
                .iter()
                .any(|w| rest.trim_start_matches('是').starts_with(w)),
            _ => true,
        }
    }
}

/// The sentence owns up or apologises, and does not turn on the buyer after it ("非常抱歉，
/// 但这确实是您使用不当" still blames).
fn owns_up(r: &Rules, f: &Frame, at: usize) -> bool {
    let (ss, se) = f.sentence_of(at);
    let sentence = &f.text[ss..se];
    match r.owns_up.find(sentence) {
        Some(m) => {
            // "不是我们的错", "wasn't even our fault" deny, they do not own up.
            let lead = sentence[..m.start()].trim_end().to_ascii_lowercase();
            if [
                "不是",
                "并非",
                "不算",
                "不能算",
                "not",
                "n't",
                "never",
                "even",
            ]
            .iter()
            .any(|w| lead.ends_with(w))
            {
                return false;
            }
            let after = sentence[m.end()..].to_ascii_lowercase();
            !["但", "可是", "不过", "然而", " but ", "however"]
                .iter()
                .any(|w| after.contains(w))
        }
        None => false,
    }
}

pub(super) fn check(r: &Rules, f: &Frame, out: &mut Vec<Hit>) {
    // Parts per sentence: the buyer named, and each accusation.
    let mut per_sentence: Vec<(usize, Vec<super::Part>)> = Vec::new();
    let mut add = |sentence: usize, part: (PartRole, usize, usize)| match per_sentence
        .iter_mut()
        .find(|(s, _)| *s == sentence)
    {
        Some((_, parts)) => {
            if !parts
                .iter()
                .any(|p| p.0 == part.0 && p.1 < part.2 && part.1 < p.2)
            {
                parts.push(part);
            }
        }
        None => per_sentence.push((sentence, vec![part])),
    };
    let text = f.text;
    let clearing: Vec<(usize, usize)> = r
        .exonerates
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    for m in r.strong.iter().flat_map(|x| x.find_iter(text)) {
        // "是您的问题" inside "不是您的问题" clears the buyer.
        let inside_clearing = clearing.iter().any(|&(s, e)| s < m.end() && m.start() < e);
        if f.reported(m.start())
            || inside_clearing
            || !r.strong_ok(f, m.start(), m.end())
            || owns_up(r, f, m.start())
        {
            continue;
        }
        add(
            f.sentence_index(m.start()),
            (PartRole::Accusation, m.start(), m.end()),
        );
    }
    // "您没看清不怪您" clears the buyer: its fault words are not an accusation.
    let cleared = |at: usize| {
        let (ss, se) = f.sentence_of(at);
        r.exonerates.is_match(&text[ss..se])
    };
    let offered = |at: usize| {
        let (ss, se) = f.sentence_of(at);
        r.offers.is_match(&text[ss..se])
    };
    for m in r.needs_buyer.find_iter(text) {
        if f.reported(m.start()) || cleared(m.start()) {
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
    for m in r.argue.find_iter(text) {
        if f.reported(m.start()) {
            continue;
        }
        let (ss, se) = f.sentence_of(m.start());
        let sentence = &text[ss..se];
        // "一点都不过分" clears the buyer.
        if owns_up(r, f, m.start())
            || cleared(m.start())
            || offered(m.start())
            || text[..m.start()].ends_with(['不', '没'])
        {
            continue;
        }
        // The buyer, or the buyer's review ("这种评价对我们很不公平").
        if let Some(b) = r
            .buyer
            .find(sentence)
            .or_else(|| r.their_review.find(sentence))
        {
            let i = f.sentence_index(m.start());
            add(i, (PartRole::Buyer, ss + b.start(), ss + b.end()));
            add(i, (PartRole::Accusation, m.start(), m.end()));
        }
    }
    for m in r.marker.find_iter(text) {
        if f.reported(m.start())
            || owns_up(r, f, m.start())
            || cleared(m.start())
            || offered(m.start())
        {
            continue;
        }
        // "Our size guide clearly needs work": the shop is the subject.
        let (cs, _) = f.clause_of(m.start());
        let lead = &text[cs..m.start()];
        if r.shop.is_match(lead) && !r.buyer.is_match(lead) {
            continue;
        }
        let (ss, se) = f.sentence_of(m.start());
        if let Some(b) = r.buyer.find(&text[ss..se]) {
            let i = f.sentence_index(m.start());
            add(i, (PartRole::Buyer, ss + b.start(), ss + b.end()));
            add(i, (PartRole::Accusation, m.start(), m.end()));
        }
    }
    for m in r.challenge.find_iter(text) {
        // An echo of the buyer's words thrown back ("您说有问题就有问题？") is the challenge
        // itself, so reported words count here.
        let echo = m.as_str().ends_with(['？', '?']);
        if f.is_question(m.start()) && (echo || !f.reported(m.start())) {
            add(
                f.sentence_index(m.start()),
                (PartRole::Accusation, m.start(), m.end()),
            );
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
    if r.shop.is_match(between)
        || r.others.is_match(between)
        || r.causer.is_match(&f.text[ss..bs])
        || r.hypothetical.is_match(&f.text[cs.min(bs)..bs])
    {
        return None;
    }
    // A buyer named only in an earlier clause still counts when nothing else is a subject
    // in between ("您收到货七天后，才说有划痕").
    if bs < cs && r.shop.is_match(&f.text[cs..at]) {
        return None;
    }
    Some((bs, be))
}
