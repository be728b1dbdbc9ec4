//! The owner's own hardship and guilt-tripping, read as structure:
//!
//! - a **hardship of the shop's people** that stands on its own: pay docked, a job at risk,
//!   the family living off the shop, losing money, the review wrecking the shop's numbers,
//!   crying or lying awake over it, begging (求您高抬贵手, I'm begging you);
//! - a **weaker self-description** (a small shop, a new shop, two sisters, late nights) only
//!   together with an **appeal** (please reconsider, 拜托) or the **review's impact on the
//!   shop** (this review is killing us, 一个差评要做好多单才能补回来) anywhere in the text —
//!   "Sorry for the slow reply, we're a small team" explains a delay and is fine.
//!
//! Feelings count only as the shop's own: "让我老婆难过了好几天" is guilt-tripping, "给您添
//! 麻烦，让您难过了" is an apology.

use super::frame::Frame;
use crate::drafts::checker::Hit;
use crate::drafts::model::{PartRole, Severity};
use regex::Regex;

pub(super) struct Rules {
    /// One expression per family, as in the blame reader: one alternation of them all is
    /// far slower.
    strong: Vec<Regex>,
    weak: Regex,
    appeal: Regex,
    impact: Regex,
    boss: Regex,
    consequence: Regex,
}

fn re(parts: &[&str]) -> Result<Regex, regex::Error> {
    let body = parts.join("|").replace(r"\b", r"(?-u:\b)");
    Regex::new(&format!("(?i){body}"))
}

const STRONG: &[&str] = &[
    // pay, job, boss
    r"扣钱|扣工资|扣绩效|扣奖金|扣提成|罚款|罚钱|被罚|绩效(全)?没|影响(我的|我们的)?绩效|考核(就差|不及格|没过|不合格|要扣|完不成)|(影响|拖累)(我们的|我的)?考核|kpi",
    r"(奖金|提成|工资|绩效|全勤)[^，。！？]{0,4}(泡汤|没了|没有了|白干|受影响|扣光)|通报批评|挨批|挨骂|被骂|被批|写检讨|打工的|打工人|为难我|被老板|被领导|被(主管|经理|领导|老板|店长|上级)[^，。！？]{0,6}(叫|找|骂|批|训|罚|扣)|(叫去|找我)谈话|散伙|走人|卷铺盖|刚入职|保不住|丢(了)?(工作|饭碗)|被开除|被辞退|饭碗|老板(肯定|会|要)?(骂|扣|罚|开除)|把我(给)?(开|炒)(了|掉|除)|(开|炒)(了|掉)我|炒鱿鱼|(房租|租金|工资|货款|房贷|生活费)[^，。！？]{0,8}(交不起|付不起|发不出|给不起|还不上|不知道从哪|没着落|成问题|悬了)|从我(的)?(工资|奖金|提成|绩效)(里)?扣|(一年|全年)(就|都|全)?(指望|靠|指着)|领导(骂|批评)|没法(跟(领导|老板))?交代|(算|记)(在|到)我(的)?(头上|身上)|喝西北风|吃土|积蓄|全部家当|砸(在|进)(这个)?店|记在我头上",
    // livelihood, money lost
    r"养家|(一家(人|老小|[0-9一二三四五六七八九几]口)?|全家(老小)?)(人)?(都|就|全)?(靠|指着|指望)|过活|糊口|(靠|指着|指望)(这个|这家)?(店|号|账号|直播间|小店)(吃饭|生活|养家|过日子)|借钱|借的钱|网贷|欠(了)?[^，。！？]{0,4}债|贴钱|倒贴|勒紧裤腰带|紧巴巴|揭不开锅|心酸|辛酸|靠(这个|这家)?店(吃饭|生活|养家)|活路|小本生意|小本买卖|亏本|亏钱|亏损|一直在亏|赔本|赔钱|赚不了|没赚|赚不到|才赚|不赚钱|利润(很|太|本来就)?(低|薄)|成本价(卖|出|给)",
    r"(我们|做生意|做电商|做淘宝|做买卖|开店|小店|店里|谁都|商家|卖家)[^，。！？]{0,4}不容易|(真的|很|太|挺|特别|实在|真)不容易|太难了|(很|真的很|太)?难做|压力(很|真的很|真的|特别|太)?大|领导(天天)?盯|亏(着|了|本)|赔了(不少|很多|钱)|看天吃饭|自己掏钱|自掏腰包|自己赔|白干|前功尽弃|可怜(我|我们)|业绩就差|就差这一单|付诸东流|罚我|扣我(的)?(钱|工资|奖金|绩效)|这单算我的|(您|你)知道(我们|我)[^，。！？]{0,12}(多少|多难|多辛苦|多不容易)|(一天|每天)(就|只)睡[0-9一二两三四五六七八九十几]+(个)?小时|太伤人|伤人了|伤(了)?我们的心|心(都)?碎|心凉|寒心|伤透了心|抬不起头|转正|白忙(活)?|白辛苦|(被|挨)训|训了(我|我们)?一顿|把(我|我们)(都)?(训|骂)|(经营|生意|开店|创业|做店)(实在|真的|很|也)?不易|经不起|扛不住|承受不起|撑不住|关门|倒闭|开不下去|干不下去|残疾|单亲|养活|口饭吃|(我们|我)[^，。！？]{0,4}(难熬|熬不下去|撑不下去|心寒)|很难熬|难熬",
    // the review wrecking the shop
    r"单量(直接)?(掉|少|降)|(评分|分数|动态评分|dsr)(直接)?(掉|降)|活动(报名)?(都)?被卡|被卡|降权|掉分|流量(没了|掉|下滑)|(对|给)(我们|店|小店|店铺|新店)[^，。！？]{0,8}影响|一个差评要",
    // distress of the shop's people
    r"睡不(着|好)|(考核|绩效|业绩|奖金|提成|饭碗)[^，。！？]{0,3}(就)?(完了|泡汤|没了|黄了|保不住)|压力山大|白(上班|辛苦|熬)|贷款|心里[^，。！？]{0,4}(慌|发慌|没底)|(特别|很|好|真的)慌|失眠|哭了|偷偷哭|手都在抖|心里(真的|很|特别)?(难受|不好受)|(我|我们|我老婆|老板|主播|家人)[^，。！？]{0,8}(难过|伤心|委屈|崩溃)|让(我|我们|我老婆|老板|主播|家人)[^，。！？]{0,6}(难过|伤心|难受|委屈)",
    // begging, guilt
    r"(业绩|销量|生意)[^，。！？]{0,6}(全靠|就靠|指望)|报不上名|报不了名|上不了活动|参加不了活动|刚毕业|出来创业|没什么经验|(老人|家人|孩子|我)[^，。！？]{0,4}(生病|住院)|全靠这个店|靠这个店撑|(我们|我|夫妻俩|一家人)[^，。！？]{0,6}(起早贪黑|辛辛苦苦|没日没夜|熬夜)|降级|被降权|(员工|团队|大家|店员|同事)[^，。！？]{0,8}(沮丧|难过|伤心|失落|哭)|沮丧|体谅(一下)?我们|理解一下我们的难处|高抬贵手|手下留情|行行好|可怜可怜|求求|跪求|跪下|磕头|上有老下有小|生活所迫|辛苦钱|血汗钱|唯一的?收入|宝妈|我们也有难处|(被平台|平台会)(处罚|罚|封)|封店|扣保证金|求(您|你)|给(条|个)活路|放(我们|过我们)一马|有没有想过我们|我们的感受|良心过得去",
    // English
    r"\b(might not|won't|will not|can't|cannot|could not|couldn't) (survive|afford)\b|\bclos(e|ing) (our|my) (shop|store|business|doors)\b|\b(job|jobs|livelihood|business|shop) (is|are) (literally |really )?on the line\b|\b(make|making|meet|meeting) payroll\b|\b(you )?(have no idea|don't know|do not know|can't imagine|cannot imagine|don't understand) (what|how much|how hard)\b[^.!?]{0,30}\b(does|do|means|costs|did) (to|for)\b|\b(i|we)('ll| will)? lose everything\b|\blose (this|my|our) (seller )?(account|store|shop)\b|\b(at a loss|in the red)\b|\b(is|are|was) all (i|we) (have|had|have got)\b|\b(have to|having to|forced to|going to) shut (down|our doors)\b|\bshut down for good\b|\balready struggling\b|\btimes are (hard|tough|tight|difficult)\b|\b(hard|tough|difficult|lean) (time|times|year|month|months|season) for (us|me)\b|\bpay (my|our) (staff|employees|team|workers|people|suppliers)\b|\bfood (off|on) (our|my|the) table\b|\bhanging (on )?by a thread\b|\bon (its|our|my) last legs\b|\b(get|be|being|been) let go\b|\bneed (this|my) (job|income|paycheck|salary)\b|\bsick with worry\b|\bworried sick\b|\b(made|making) me (physically )?(sick|ill)\b|\b(working|work|juggling) (two|three|2|3) jobs\b|\b(sales|orders|bookings|revenue)\b[^.!?]{0,10}\b(dropped|fell|plummeted|crashed|tanked|halved|dried up)\b|\bmake it through (the|this)\b|\breviews like this (don't|do not|won't) help\b|\blet (staff|people|employees|workers) go\b|\blay(ing)? (off|people off)\b|\bset(s)? us back\b|\b(barely|haven't|have not|hardly) slept\b|\bi'?m (so |really |honestly )?(terrified|scared|anxious|devastated|heartbroken|panicking|desperate)\b|\b[0-9]+-hour (weeks|days|shifts)\b|\bkeep (this|the|our) (store|shop|business) (going|alive|open|afloat)\b|\bour (ranking|rankings|visibility|search ranking)\b|\bcan't recover\b|\bhits? (us|our)\b|\bpay (for )?(my |our )?(school|college|tuition|bills|the bills)\b|\bi'?m (just |only )?a (student|single|disabled|veteran|retiree)\b|\b(whole |entire )?family (relies|depends|is relying|is depending|lives) on\b|\bevery sale (matters|counts)\b|\bhave to close\b|\bclose (down|our doors|the shop|the store)\b|\blos(e|ing) sleep\b|\bexhausted\b|\bworn out\b|\b(i'm|i am|we're|we are|i've|we've|feeling|felt|been) (so |completely |totally )?burn(ed|t) out\b|\bout of (my|our) own (pocket|wages|salary|pay|paycheck)\b|\bwritten up\b|\bget in trouble\b|\bin trouble with\b|\bonly (source of )?income\b|\blife savings\b|\bsavings\b|\bmortgage\b|\bmedical bills\b|\b(kids|children|family) (depend|rely)\b|\bkeep(ing)? the lights on\b|\bhave a heart\b|\bhave pity\b|\bplead\w*|\bimplor\w*|\bmake ends meet\b|\btrying to (survive|get by|stay afloat)\b|\bbankrupt\w*|\bmy (bonus|commission|paycheck|salary|wages)\b|\bfind it in your heart\b|\bdocked\b|\bget fined\b|\b(lose|losing) (my|our) (job|jobs|shop|business|store|house|home)\b|\bget fired\b|\bpay (the )?rent\b|\bmake rent\b|\bfeed (my|our) (family|kids|children)\b",
    r"\bsingle (mom|mother|dad|father|parent)\b|\bbeg(ging)?\b|\bhave mercy\b|\bkilling us\b|\b(sink|sinks|sinking|ruin|ruins|ruining|destroy|destroys|destroying|kill|kills|crush|crushes) (my|our|the) (business|shop|store|company|livelihood|sales)\b",
    r"\bshut (us|the shop|our shop|our store|our business) down\b|\bput us out of business\b|\bgo out of business\b|\bwipe(s|d)? out\b|\bthreaten\w* our\b|\blivelihood\b|\bemployees' jobs\b|\bour jobs\b",
    r"\bheartbreak\w*|\bdevastat\w*|\bin tears\b|\bcried\b|\bcrying\b|\bsobbing\b|\b(want|wants|wanted) to give up\b|\bcome back on me\b|\bi'?m (just|only) an? (employee|worker|intern|assistant|temp)\b|\brough (year|month|time|few months|season) for us\b|\bhit (us |me )?(so |really )?hard\b|\bhard times\b|\bcloser to (closing|shutting|going under)\b|\bclosing for good\b|\bgo(ing)? under\b|\bon probation\b|\bmeans i'?m (out|fired|gone|done)\b|\b(i'll|i will) be (out|fired|let go)\b|\b(you have|you've got) no idea how (much|hard|many)\b|\bstress (this|it) (has )?caused\b|\bi'?m the one who (pays|gets blamed|gets punished|takes the hit)\b|\bcomes? out of my (pay|paycheck|pocket|wages|salary)\b|\b(put|puts|putting) (me|us|my|our)\b[^.!?]{0,20}\bunder (so much |a lot of |huge |real )?pressure\b|\b(i'm|we're|i am|we are) under (so much |a lot of |huge )?pressure\b|\bbroke down\b|\b(i'm|i am|we're|we are|i'll be|we'll be|i got|we got)( already| now| really| so| going to be)? in (so much |big |real )?trouble\b|\bcan't sleep\b|\bcouldn't sleep\b|\bup since\b|\b(we're|we are|i'm|i am|we've been|i've been)( \w+)? struggling\b",
    r"\bbarely (make|making|break|breaking|get|getting|surviv\w*|scrape|scraping|keep|keeping|cover|covering|pay|paying|afford|affording)\b|\bmy performance (review|rating|score)\b|\b(lose|losing|lost) money\b|\bour margins\b|\bhurts? (us|our business|our shop|our sales|my business)\b",
    r"\b(do you|did you) (even )?(know|realize|understand) (how|what)\b|\b(don't|do not|can't|cannot) (know|imagine|understand) (what|how much|how hard)\b[^.!?]{0,30}\b(does|means|costs) to\b",
];

const WEAK: &[&str] = &[
    r"小店|新店|刚开|小夫妻店|夫妻店|家庭作坊|一个人(打理|经营|做|忙)|就我一个人|只有我一个人|很用心|用心在做|辛辛苦苦|起早贪黑|熬夜|通宵|没日没夜|小商家|个体",
    r"\bsmall (business|shop|store|team|company|brand|family business)\b|\bfamily[- ](business|shop|store|run|owned|company)\b|\btiny\b|\bjust (two|three|a few|me)\b|\bonly one (working|here|person)\b",
    r"\b(one|two|three)-(person|woman|man)\b|\bme and my (husband|wife|partner|mom|dad|mother|father|sister|brother)\b|\bstartup\b|\bmom-and-pop\b|\b(veteran|women|woman|family)-owned\b|\bhandmade\b|\bpeople behind\b|\bcaring for (my|our) (mother|father|mom|dad|parents|kids|child|children|husband|wife|family)\b|\b(running|run) (this|the|my) (shop|store|business) (alone|by myself|on my own)\b|\blittle business\b|\bwork(ing)? (so )?hard\b|\bput (so much|everything|our hearts?)\b|\bpour(ed)? (our|my)\b|\blate nights\b",
];

/// The owner's superiors: hardship only with what they do about the review in the same
/// sentence ("my boss is furious", "my manager will dock my pay"); "my manager asked me to
/// call and apologise" is an apology.
const BOSS: &[&str] = &[r"\bmy (manager|supervisor|boss|team lead|line manager)\b"];

const CONSEQUENCE: &[&str] = &[
    r"\b(furious|angry|mad|upset|fire|fired|firing|dock\w*|write (me )?up|wrote (me )?up|blame\w*|punish\w*|yell\w*|shout\w*|threaten\w*|warned me|said one more|says one more|told me|i'?m (done|finished|out|gone))\b",
];

const APPEAL: &[&str] = &[
    r"拜托|行个方便|通融|帮帮(我|忙|我们)|给(我们|个)(一次)?机会|放过(我们|小店)|看在(我们|小店)|求(您|你|求|了)",
    r"\bplease,? (be kind|go easy|be gentle|be understanding)\b|\bgo easy on (us|me)\b|\b(think|thinking) (of|about) (the people|us|our|my)\b|\bplease,? (we're|i'm|we are|i am)?\s*(begging|asking)\b|\bplease reconsider\b|\bwe('re| are) asking\b|\bgive us a (break|chance)\b|\bcut us some slack\b|\bplease,? (help|consider|understand)\b",
];

const IMPACT: &[&str] = &[
    r"(差评|评价|一星|这条|中评)[^，。！？]{0,12}(让(我|我们)|(对|给)(我们|店|小店|店铺)|被卡|没了|算在|扣|毁了|白干|白做|补回来)|一个差评|(换来|换回)(了)?(一个|一条)?(差评|一星|中评)|(差评|评价|一星|中评)[^，。！？]{0,12}(拉回来|挽回)",
    r"\b(this|your|that|one|a|the|every|each) (bad |negative |1-star |one-star |single |low )?(reviews?|ratings?)\b[^.!?]{0,25}\b(kill|hurt|sink|ruin|destroy|shut|cost|wipe|crush|threaten|damag|end|scar|undo|erase|close|tank|blow)\w*|\breviews like this\b[^.!?]{0,20}\b(kill|hurt|sink|ruin|destroy|shut|cost|wipe|crush|threaten|damag|scar|make it (really )?hard)\w*|\b(a |one )?(one-star|1-star) (review |rating )?could\b",
];

impl Rules {
    pub(super) fn new() -> Result<Rules, regex::Error> {
        Ok(Rules {
            strong: STRONG.iter().map(|p| re(&[p])).collect::<Result<_, _>>()?,
            weak: re(WEAK)?,
            appeal: re(APPEAL)?,
            impact: re(IMPACT)?,
            boss: re(BOSS)?,
            consequence: re(CONSEQUENCE)?,
        })
    }
}

pub(super) fn check(r: &Rules, f: &Frame, out: &mut Vec<Hit>) {
    let text = f.text;
    // 要求您/需求 are not begging; only 求 that pleads counts.
    let live = |m: &regex::Match| {
        let asks = m.as_str().starts_with('求')
            && text[..m.start()].ends_with(['要', '需', '请', '追', '寻', '诉']);
        // "理解您等了这么久真的不容易" is the buyer's hardship, acknowledged.
        let (cs, _) = f.clause_of(m.start());
        let lead = &text[cs..m.start()];
        let buyers =
            m.as_str().ends_with("不容易") && lead.contains(['您', '你']) && !lead.contains('我');
        !f.reported(m.start()) && !asks && !buyers
    };
    let mut strong: Vec<(usize, usize)> = r
        .strong
        .iter()
        .flat_map(|x| x.find_iter(text))
        .filter(live)
        .map(|m| (m.start(), m.end()))
        .collect();
    for m in r.boss.find_iter(text).filter(live) {
        let (ss, se) = f.sentence_of(m.start());
        if r.consequence.is_match(&text[ss..se]) {
            strong.push((m.start(), m.end()));
        }
    }
    let weak: Vec<(usize, usize)> = r
        .weak
        .find_iter(text)
        .filter(live)
        .map(|m| (m.start(), m.end()))
        .collect();
    let pleas: Vec<(usize, usize)> = r
        .appeal
        .find_iter(text)
        .chain(r.impact.find_iter(text))
        .filter(live)
        .map(|m| (m.start(), m.end()))
        .collect();
    let mut parts: Vec<(PartRole, usize, usize)> = Vec::new();
    for &(s, e) in &strong {
        parts.push((PartRole::Hardship, s, e));
    }
    if !pleas.is_empty() && (!weak.is_empty() || !strong.is_empty()) {
        for &(s, e) in &weak {
            parts.push((PartRole::Hardship, s, e));
        }
    }
    if !parts.is_empty() || (!weak.is_empty() && !pleas.is_empty()) {
        for &(s, e) in &pleas {
            parts.push((PartRole::Appeal, s, e));
        }
    }
    // Impact on its own ("这个差评让我们…", "this review is hurting our sales") already
    // guilt-trips.
    if parts.is_empty() {
        for m in r.impact.find_iter(text).filter(live) {
            parts.push((PartRole::Appeal, m.start(), m.end()));
        }
    }
    if parts.is_empty() {
        return;
    }
    parts.sort_by_key(|p| (p.1, p.2));
    parts.dedup_by(|b, a| b.1 < a.2 && a.1 < b.2);
    // One finding per sentence that carries a part, each with its own parts.
    let mut by_sentence: Vec<(usize, Vec<super::Part>)> = Vec::new();
    for p in parts {
        let s = f.sentence_index(p.1);
        match by_sentence.iter_mut().find(|(i, _)| *i == s) {
            Some((_, v)) => v.push(p),
            None => by_sentence.push((s, vec![p])),
        }
    }
    for (_, ps) in by_sentence {
        let start = ps.iter().map(|p| p.1).min().unwrap_or(0);
        let end = ps.iter().map(|p| p.2).max().unwrap_or(0);
        let mut hit = Hit::at("tone.hardship", Severity::Warning, start, end);
        if ps.len() > 1 {
            hit.parts = ps;
        }
        out.push(hit);
    }
}
