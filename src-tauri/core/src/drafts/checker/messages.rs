//! What each finding means, in plain words, in both languages.

use super::rules;
use crate::cases::Platform;

/// (zh, en) for a finding code; `detail` carries numbers for length findings. The shop's
/// platform decides which rule an incentive is said to break.
pub(super) fn explain(code: &str, detail: Option<&str>, platform: Platform) -> (String, String) {
    let d = detail.unwrap_or("");
    if code == "compliance.review_incentive" {
        let (law_zh, law_en) = rules::short(platform);
        return (
            format!("这里把一项好处（退款、返现、红包、优惠券、礼物、补发……）和买家删除、修改、追加评价或给好评挂上了条件。这属于诱导评价，{law_zh}都禁止。补偿只针对问题本身；想请买家重新评价，请另起一句，而且不附带任何条件。"),
            format!("This makes a benefit (a refund, cash, a coupon, a gift, a free resend…) conditional on the buyer removing, changing, adding to or praising the review. That is review inducement, banned by {law_en}. A remedy compensates the problem; if you ask the buyer to reconsider, do it separately and with no condition attached."),
        );
    }
    let (zh, en): (&str, &str) = match code {
        "compliance.keep_separate" => (
            "同一句里既提到补偿又提到评价。补偿本身没问题，但最好分开说，免得被理解成“改评价才给补偿”。",
            "The same sentence mentions both the remedy and the review. Both are fine, but say them separately so it cannot read as \"change the review to get the remedy\".",
        ),
        "compliance.ask_positive" => (
            "直接索要好评容易被看作诱导。问题解决后，可以请买家“看看评价是否需要更新”，由对方自己决定。",
            "Asking for a positive review outright can look like pressure. Once the problem is solved, invite the buyer to update the review if they wish, and leave the choice to them.",
        ),
        "pii.phone" => (
            "公开回复里出现了电话号码。手机号属于个人信息，不能公开。",
            "A phone number appears in a public reply. Phone numbers are personal data and must not be published.",
        ),
        "pii.masked_phone" => (
            "公开回复里出现了打码的电话号码，公开回复里不需要它，删掉更稳妥。",
            "A masked phone number appears in a public reply; it is not needed there and is safer removed.",
        ),
        "pii.account" => (
            "公开回复里出现了买家的微信、QQ或支付宝账号，别人可以拿它联系或冒充买家，请删掉。",
            "A WeChat, QQ or Alipay account appears in a public reply; anyone could use it to contact or impersonate the buyer. Remove it.",
        ),
        "pii.id_number" => (
            "公开回复里出现了身份证号，必须删掉。",
            "An ID card number appears in a public reply; remove it.",
        ),
        "pii.email" => (
            "公开回复里出现了邮箱地址，属于个人信息。",
            "An e-mail address appears in a public reply; it is personal data.",
        ),
        "pii.address" => (
            "公开回复里出现了具体地址，属于买家的个人信息。",
            "A street address appears in a public reply; it is the buyer's personal data.",
        ),
        "pii.name" => (
            "公开回复里出现了买家的姓名或称呼，其他买家都能看到，请去掉。",
            "The buyer's name appears in a public reply, where every shopper can read it; take it out.",
        ),
        "pii.buyer_nick" => (
            "公开回复里写出了买家昵称。公开回复是给其他买家看的，不必点名。",
            "The buyer's nickname appears in the public reply. The reply is for other shoppers; no need to name the buyer.",
        ),
        "pii.order_id" => (
            "公开回复里写出了订单号，订单号关联买家信息，请在私信里说。",
            "The order number appears in the public reply; it links to the buyer's details, so keep it for private messages.",
        ),
        "tone.blame" => (
            "这里在责怪、反驳或挖苦买家（说对方用错、看错、乱写，或拿别的买家来比）。这会让人更生气，也会让其他买家反感。先道歉，再说清楚怎么解决。",
            "This blames, argues with or mocks the buyer (they used it wrong, did not read, made it up, everyone else is happy). It makes the buyer angrier and puts off other shoppers; apologise and say how you will fix it instead.",
        ),
        "tone.blame_courier" => (
            "公开回复里把问题推给快递或骑手，其他买家看到只会觉得店家在推卸。说明你会怎么处理就好。",
            "The public reply blames the courier. Other shoppers read that as passing the buck; say what you will do instead.",
        ),
        "tone.hardship" => (
            "这里在诉说店铺或自己的难处（扣工资、小本生意、差评让店里难熬……）或在恳求买家。买家不关心这些，只会觉得在道德绑架。",
            "This talks about the shop's or your own hardship (pay docked, a small business, the review hurting you) or begs the buyer. Buyers do not want to hear it, and it reads as guilt-tripping.",
        ),
        "tone.insult" => (
            "这是骂人的话，任何情况下都不能发出去。",
            "This is an insult; never send it, whatever the buyer wrote.",
        ),
        "tone.heat" => (
            "连续的感叹号、问号或“呵呵”“无语”显得情绪化，冷静的语气更有说服力。",
            "Repeated exclamation or question marks read as angry; a calm tone persuades better.",
        ),
        "tone.gender_guess" => (
            "不要猜对方的性别（先生/女士/小姐），用昵称或“您”称呼更稳妥。",
            "Do not guess the buyer's gender (sir/madam, Mr/Ms); use their name or a neutral greeting.",
        ),
        "template.unfilled" => (
            "还有没填上的变量（大括号），发出去前要换成实际内容。",
            "A template variable (in braces) was not filled in; replace it before sending.",
        ),
        "structure.empty" => ("内容是空的。", "The text is empty."),
        "structure.missing_acknowledge" => (
            "缺少开头的致歉或感谢。先承认问题、真诚道歉，买家才愿意往下看。",
            "It does not open by acknowledging the problem or apologising; start there so the buyer keeps reading.",
        ),
        "structure.missing_ask" => (
            "没有请买家提供细节（订单号、照片、具体情况），不利于尽快处理。",
            "It does not ask for the details (order number, photos, what happened), which slows the fix down.",
        ),
        "structure.missing_remedy" => (
            "没有给出具体的处理方案（退款、换货、补发……）。空泛的“会处理”不能让人放心。",
            "It offers no concrete remedy (refund, exchange, resend…). A vague \"we'll look into it\" does not reassure anyone.",
        ),
        "structure.missing_change" => (
            "没有说以后会改进什么（包装、品控、物流、培训……）。其他买家最想看到这一点。",
            "It does not say what will change (packing, checks, courier, training…), which is what other shoppers look for.",
        ),
        "structure.missing_invite" => (
            "结尾缺少邀请（欢迎随时联系、期待再次光临），显得生硬。",
            "It lacks a warm close inviting the buyer back or to get in touch.",
        ),
        "structure.order" => (
            "补偿方案出现在道歉之前。先道歉，再谈方案，语气会更真诚。",
            "The remedy comes before the apology; apologise first, then offer the remedy.",
        ),
        "structure.phone_identity" => (
            "电话开头没有先确认对方身份（“请问是……吗？”），确认后等对方回应再往下说。",
            "The call does not start by confirming who you are speaking to; ask, then wait for them to answer.",
        ),
        "structure.phone_apologies" => (
            "整通电话里道歉少于两次。通话中要真诚道歉两到三次。",
            "The script apologises fewer than twice; apologise two or three times across the call.",
        ),
        "structure.phone_time" => (
            "结尾没有约定具体的跟进时间（如“明天中午12点前”）。说好时间，再按时联系。",
            "The close does not agree a concrete time for the follow-up (e.g. \"tomorrow by noon\"); agree one and keep it.",
        ),
        "length.over_cap" => ("", ""),
        "length.long_private" => ("", ""),
        "checker.unavailable" => (
            "检查器未能启动，这段文字没有被检查。",
            "The checker could not start; this text was not checked.",
        ),
        _ => ("", ""),
    };
    match code {
        "length.over_cap" => (
            format!("超出平台字数上限（{d}），平台会拒绝或截断，请精简。"),
            format!(
                "Longer than the platform allows ({d}); it will be refused or cut off. Shorten it."
            ),
        ),
        "length.long_private" => (
            format!("私信偏长（{d}），聊天窗口里不容易读完，可以精简一些。"),
            format!("The message is long ({d}); in a chat window it may not be read to the end."),
        ),
        _ => (zh.to_string(), en.to_string()),
    }
}
