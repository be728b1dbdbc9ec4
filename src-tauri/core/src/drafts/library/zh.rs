//! The built-in Chinese parts. Register: 亲/您, warm and plain; no internet slang.
//! Every sentence is written so that `{problem}` reads naturally as "遇到了…的情况" /
//! "…这个问题" and `{remedy}` as a verb phrase after "可以".

use super::Slots;
use crate::cases::Cause;

/// 1. Acknowledge and apologise, specific to the cause.
fn opening(cause: Cause) -> [&'static str; 3] {
    match cause {
        Cause::Quality => [
            "非常抱歉，{product}出现了{problem}的情况，给您添麻烦了。",
            "看到您说{product}有{problem}这个问题，真的很抱歉，这不是您该遇到的。",
            "感谢您如实反馈，{product}遇到{problem}的情况，我们深表歉意。",
        ],
        Cause::NotAsDescribed => [
            "非常抱歉{product}和您期待的不一样，{problem}这个问题给您添麻烦了。",
            "很抱歉{product}让您失望了，关于{problem}，是我们在页面上没有说清楚。",
            "感谢您指出{problem}的情况，没让您买到称心的{product}，我们很抱歉。",
        ],
        Cause::Logistics => [
            "非常抱歉，这次收货遇到了{problem}的情况，给您添麻烦了。",
            "很抱歉{product}在配送环节出了状况，{problem}这个问题我们会负责到底。",
            "感谢您的反馈，{problem}让这次购物打了折扣，我们向您道歉。",
        ],
        Cause::Packaging => [
            "非常抱歉，{product}的{problem}让您收货时不愉快了。",
            "很抱歉，{problem}是我们打包时没做好，给您添麻烦了。",
            "感谢您的反馈，{product}遇到{problem}的情况，是我们没做到位，我们很抱歉。",
        ],
        Cause::Service => [
            "非常抱歉，您咨询{product}时遇到了{problem}的情况，让您不愉快了。",
            "很抱歉这次的沟通让您失望了，关于{problem}，我们郑重向您道歉。",
            "感谢您的直言，{problem}是我们的服务没做好，我们很抱歉。",
        ],
        Cause::ShippingError => [
            "非常抱歉，这次{problem}，让您白白等了一场。",
            "很抱歉，{problem}是我们自己的失误，给您添麻烦了。",
            "感谢您及时告诉我们{problem}的情况，我们深表歉意。",
        ],
        Cause::Price => [
            "非常理解您的心情，{problem}确实让人不舒服，我们很抱歉。",
            "很抱歉{product}没有让您觉得物有所值，关于{problem}，谢谢您坦诚地告诉我们。",
            "感谢您的反馈，关于{problem}，给您带来不好的体验，我们表示歉意。",
        ],
        Cause::Malicious => [
            "感谢您对{product}的评价，关于{problem}，我们会认真核对这笔订单的记录。",
            "谢谢您的评价，看到关于{problem}的反馈，我们会逐一查看{product}的订单和沟通记录。",
            "感谢反馈，关于{problem}，我们会对照{product}的订单逐项核实。",
        ],
        Cause::Misattributed => [
            "感谢您的反馈，关于{problem}，我们核对后发现和本店{product}的订单记录不太一致。",
            "谢谢您的评价，关于{problem}，我们仔细核对后发现，可能和其他店铺的{product}订单记混了。",
            "感谢留言，关于{problem}，和我们这边{product}的订单记录对不上，给您带来困扰，很抱歉。",
        ],
        Cause::Other => [
            "非常抱歉这次没有让您满意，{problem}这个问题给您添麻烦了。",
            "很抱歉让您失望了，关于{problem}，我们一定认真对待。",
            "感谢您的反馈，{product}让您遇到了{problem}的情况，我们深表歉意。",
        ],
    }
}

/// 2. Ask for the details, private channel.
fn ask(cause: Cause) -> [&'static str; 3] {
    match cause {
        Cause::Quality => [
            "为了尽快帮您处理，麻烦您拍几张问题部位的照片或一段小视频发给我。",
            "方便告诉我大概用了多久出现的问题吗？有照片的话就更好了。",
            "麻烦您把问题的照片发过来，再核对一下{order}，我马上登记。",
        ],
        Cause::NotAsDescribed => [
            "麻烦您拍一张实物的照片发给我，告诉我和页面上哪里不一样。",
            "方便说一下您平时的尺码或者使用需求吗？我帮您对照一下。",
            "麻烦您发几张实物照片，我拿去和页面、仓库的批次逐一核对。",
        ],
        Cause::Logistics => [
            "麻烦告诉我您那边现在看到的物流状态，我同步去查。",
            "如果外包装或商品有损坏，麻烦拍张照片发给我，方便我去核实。",
            "方便核对一下{order}的收货地址和签收情况吗？我这边马上跟进。",
        ],
        Cause::Packaging => [
            "麻烦您拍一下外包装和商品的照片发给我，我好查是哪个环节出的问题。",
            "方便说一下商品本身有没有受影响吗？有照片就更好了。",
            "麻烦把收到时的包装情况拍给我看看，我拿去和仓库一起改。",
        ],
        Cause::Service => [
            "方便说一下当时是哪天、大概什么问题没得到回复吗？我去查清楚。",
            "您之前想解决的问题现在还需要处理吗？麻烦告诉我具体情况。",
            "麻烦您把当时的聊天情况简单说一下，我会认真核查。",
        ],
        Cause::ShippingError => [
            "麻烦您拍一下收到的商品和包裹里的清单，我马上核对。",
            "方便告诉我少了或者错了哪几样吗？我这边对着{order}查。",
            "麻烦您把收到的东西拍张照片发我，我立刻安排。",
        ],
        Cause::Price => [
            "麻烦您发一下下单时的价格截图，我帮您核对。",
            "方便告诉我您是哪天下的单吗？我对照一下当时的价格。",
            "您看到的是哪个价格？麻烦截个图给我，我去核实。",
        ],
        Cause::Malicious => [
            "如果商品确实有问题，麻烦提供订单号和照片，我们一定按流程处理。",
            "方便的话请告诉我们具体哪里有问题，附上照片，我们会认真核实。",
            "请把遇到的问题和相关照片发给我们，我们逐一核对。",
        ],
        Cause::Misattributed => [
            "方便的话，麻烦告诉我们您下单的店铺和时间，我们帮您一起查。",
            "麻烦您核对一下这条评价对应的订单，看看是不是在我们店买的。",
            "如果是我们的商品，请把订单号和照片发给我们，我们马上处理。",
        ],
        Cause::Other => [
            "方便的话跟我说说具体情况，附几张照片就更清楚了。",
            "麻烦您告诉我哪里让您不满意，我好对症处理。",
            "您愿意的话，把遇到的情况详细说一下，我认真记下来。",
        ],
    }
}

/// 2. Ask for the details in public: brief, pointing to the private channel.
fn ask_public(cause: Cause) -> [&'static str; 3] {
    match cause {
        Cause::Misattributed => [
            "方便的话请在{im}告诉我们下单的店铺和时间，我们帮您一起查。",
            "麻烦在{im}里发一下订单号，我们一起核对。",
            "",
        ],
        Cause::Malicious => [
            "如有商品问题，欢迎在{im}提供订单号和照片。",
            "如有具体问题，请在{im}发来照片，我们逐一核对。",
            "",
        ],
        _ => [
            "麻烦您把照片或具体情况发到{im}，方便我们尽快处理。",
            "方便的话请在{im}里发几张照片给我们。",
            "",
        ],
    }
}

/// 3. The remedy, public.
fn remedy_public(cause: Cause) -> [&'static str; 3] {
    match cause {
        Cause::Malicious => [
            "如果商品本身确有问题，我们会{remedy}，对每位买家都一样。",
            "商品如有质量问题，我们都会{remedy}。",
            "所有订单如确有问题，我们都会{remedy}。",
        ],
        Cause::Misattributed => [
            "如果确实是本店商品的问题，我们{remedy}。",
            "若核实是我们的商品出了问题，我们{remedy}。",
            "只要是本店的商品有问题，我们都{remedy}。",
        ],
        _ => [
            "我们会私信联系您，{remedy}。",
            "处理方案是{remedy}，具体我们会单独跟您对接。",
            "我们这边可以{remedy}，会安排专人跟进。",
        ],
    }
}

/// 3. The remedy, private message.
fn remedy_private(cause: Cause) -> [&'static str; 3] {
    match cause {
        Cause::Malicious => [
            "如果核实商品确有问题，我们会{remedy}，流程和其他买家完全一样。",
            "商品本身如有问题，我们按规则{remedy}。",
            "只要核实商品有问题，我们都会{remedy}。",
        ],
        Cause::Misattributed => [
            "如果确实是我们家的商品有问题，我们{remedy}。",
            "要是核实是本店的商品，我们{remedy}，您放心。",
            "只要是我们的商品出了问题，我们都{remedy}。",
        ],
        _ => [
            "我们这边可以{remedy}，您看这样行吗？",
            "处理方案我先跟您说一下：{remedy}。您有别的想法也可以直接告诉我。",
            "这件事我们负责到底，可以{remedy}，您觉得怎么方便就怎么来。",
        ],
    }
}

/// 4. What will change.
pub(super) fn change(cause: Cause) -> [&'static str; 3] {
    match cause {
        Cause::Quality => [
            "这批货我们会逐件复检，也会把问题反馈给厂家改进。",
            "我们会加强出库前的质检，这类问题会重点检查。",
            "我们会联系厂家排查原因，之后每件发货前都会再检查一遍。",
        ],
        Cause::NotAsDescribed => [
            "我们会重新拍摄实物图，并在详情页补充尺码和颜色说明。",
            "商品页面的描述和图片我们会逐条核对修改，避免再让大家误会。",
            "我们会把这个情况加进详情页的提示里，方便大家下单前参考。",
        ],
        Cause::Logistics => [
            "我们会和配送方沟通，加强时效和交接的跟踪。",
            "之后每一单我们都会盯着配送进度，发现异常第一时间处理。",
            "我们会调整发货和配送安排，尽量让大家更快收到。",
        ],
        Cause::Packaging => [
            "我们会换用更结实的包装，并加上防护填充。",
            "打包流程我们会重新调整，易压易漏的商品都会加固后再发。",
            "我们会升级包装材料，发货前再检查一遍封口和填充。",
        ],
        Cause::Service => [
            "我们会调整客服排班，保证消息当天回复。",
            "我们会加强客服培训，遇到问题先倾听、再解决。",
            "之后售后问题由店长亲自跟进，不会再让您等。",
        ],
        Cause::ShippingError => [
            "我们会在打包环节增加核对清单，每单发出前再对一遍。",
            "这次的失误我们会查明原因，出货前再加一道复核。",
            "我们会改进出货流程，避免再出现类似失误。",
        ],
        Cause::Price => [
            "之后价格调整我们会提前公示，让大家买得放心。",
            "我们会优化价格和规格，让大家花的每一分钱都值。",
            "我们会把价保规则写清楚放在详情页，方便大家查看。",
        ],
        Cause::Malicious => [
            "我们会把相关记录提交平台核实，之后也会继续严格检查每一单。",
            "我们会把情况反馈给平台，今后也会照常认真核对每笔订单。",
            "订单和物流记录我们会留存好，配合平台核实，后续发货也会继续逐件检查。",
        ],
        Cause::Misattributed => [
            "今后我们也会把商品和店铺信息标注得更清楚，方便大家辨认。",
            "为避免混淆，之后我们会在包裹里附上店铺卡片。",
            "之后我们会在详情页标明店铺名称，方便大家辨认。",
        ],
        Cause::Other => [
            "您的意见我们会认真记下，在商品和服务上逐项改进。",
            "我们会把这次的问题整理给团队，后续改进。",
            "我们会根据您的反馈调整商品和服务，努力做得更好。",
        ],
    }
}

/// 5. Invitation, public: to the buyer and to the next buyers.
const INVITE_PUBLIC: [&str; 3] = [
    "有任何问题欢迎随时找我们。",
    "欢迎大家随时联系我们，也欢迎监督。",
    "期待您再次光临，有问题随时联系我们。",
];

const INVITE_PRIVATE: [&str; 3] = [
    "有任何问题随时在{im}找我，我一直都在。",
    "再次跟您说声抱歉，之后有什么需要，直接在这里留言就行。",
    "谢谢您给我们改进的机会，期待下次还能为您服务，有事随时联系我。",
];

const GREETING_PRIVATE: [&str; 3] = [
    "{buyer|亲}您好，我是{shop}的{operator}，看到了您的评价。",
    "{buyer|亲}，您好！这里是{shop}，我是负责售后的{operator}。",
    "您好{buyer|亲}，我是{shop}的{operator}，想跟您聊聊{order}的事。",
];

const SIGNOFF_PUBLIC: [&str; 3] = ["——{signoff}", "——{signoff}", "——{signoff}"];
const SIGNOFF_PRIVATE: [&str; 3] = ["\n——{signoff}", "\n{signoff}", "\n——{signoff}"];

/// Phone beat 1: confirm identity without guessing gender, then wait.
const PHONE_IDENTITY: [&str; 3] = [
    "【第一步 确认身份】\n“您好，请问是{buyer|这笔订单的下单人}吗？”\n（停一下，等对方回应后再继续。）",
    "【第一步 确认身份】\n“您好，打扰了，请问您是{buyer|这个订单的买家}本人吗？”\n（先别急着说事，等对方答应了再往下讲。）",
    "【第一步 确认身份】\n“喂，您好！请问是{buyer|这笔订单的收货人}吗？”\n（等对方开口确认，不要猜对方的称呼。）",
];

/// Phone beat 2 starts: who is calling and about which order.
const PHONE_INTRO: [&str; 3] = [
    "\n\n【第二步 说明来意并道歉】\n“我是{shop}的{operator}，打电话是想跟您说一下{order}里{product}的事。",
    "\n\n【第二步 说明来意并道歉】\n“我是{shop}负责售后的{operator}，看到您对{product}的评价，专门打电话过来。",
    "\n\n【第二步 说明来意并道歉】\n“我是{shop}的{operator}，关于您在我们店买的{product}，想占用您两分钟。",
];

/// Phone: the second apology, closing beat 2.
const PHONE_APOLOGY: [&str; 3] = [
    "真的很对不起，耽误您的时间了。”",
    "再次向您道歉，这事给您添麻烦了。”",
    "实在不好意思，让您为这事费心了。”",
];

/// Phone beat 3 opening line (remedy follows).
const PHONE_REMEDY: [&str; 3] = [
    "\n\n【第三步 给出方案并约好时间】\n“我们这边可以{remedy}，您看这样行吗？",
    "\n\n【第三步 给出方案并约好时间】\n“我想这样给您处理：{remedy}，您觉得可以吗？",
    "\n\n【第三步 给出方案并约好时间】\n“处理方案是{remedy}，您有别的想法也可以直接说。",
];

const PHONE_REMEDY_MALICIOUS: [&str; 3] = [
    "\n\n【第三步 说明处理方式并约好时间】\n“如果核实商品确有问题，我们会{remedy}，流程和其他买家一样。",
    "\n\n【第三步 说明处理方式并约好时间】\n“商品本身如有问题，我们按规则{remedy}。",
    "\n\n【第三步 说明处理方式并约好时间】\n“只要核实商品有问题，我们都会{remedy}。",
];

const PHONE_REMEDY_MISATTRIBUTED: [&str; 3] = [
    "\n\n【第三步 给出方案并约好时间】\n“如果确实是我们家的商品有问题，我们{remedy}。",
    "\n\n【第三步 给出方案并约好时间】\n“要是核实是本店的商品，我们{remedy}，您放心。",
    "\n\n【第三步 给出方案并约好时间】\n“只要是我们的商品出了问题，我们都{remedy}。",
];

/// Phone close: a concrete time, the last apology, the way back to the shop.
const PHONE_CLOSE: [&str; 3] = [
    "我会在{followup}再联系您确认进展，这个时间您方便吗？”\n（按对方方便的时间定下来，记到案件里。）\n“再跟您说声抱歉，有问题随时在{im}找我。谢谢您！”",
    "我们约一下，{followup}我再给您打电话确认，可以吗？”\n（对方不方便就换一个具体时间，记到案件里。）\n“今天的事真的很抱歉，也谢谢您愿意听我说完，有需要随时联系我们。”",
    "{followup}我再跟您确认一次进展，您看行吗？”\n（把约定的时间记到案件里，到点提醒。）\n“再次向您道歉，期待下次还能为您服务，有事随时在{im}找我。”",
];

pub(super) fn slots(channel: super::Channel, cause: Cause) -> Slots {
    use super::Channel::*;
    match channel {
        Public => vec![
            opening(cause),
            ask_public(cause),
            remedy_public(cause),
            change(cause),
            INVITE_PUBLIC,
            SIGNOFF_PUBLIC,
        ],
        Private => vec![
            GREETING_PRIVATE,
            opening(cause),
            ask(cause),
            remedy_private(cause),
            change(cause),
            INVITE_PRIVATE,
            SIGNOFF_PRIVATE,
        ],
        Phone => vec![
            PHONE_IDENTITY,
            PHONE_INTRO,
            opening(cause),
            ask(cause),
            PHONE_APOLOGY,
            match cause {
                Cause::Malicious => PHONE_REMEDY_MALICIOUS,
                Cause::Misattributed => PHONE_REMEDY_MISATTRIBUTED,
                _ => PHONE_REMEDY,
            },
            change(cause),
            PHONE_CLOSE,
        ],
    }
}

/// How sentences join: Chinese needs no space; the phone script keeps its beats on lines.
pub(super) const JOIN: &str = "";
