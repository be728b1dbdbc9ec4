//! What the shop's tools recorded while the stories ran: every contact attempt, the
//! remedies offered and delivered, and how the closed cases ended. The stories in
//! `catalog` are the owner's own notes; this is the same work as the contact log, the
//! remedies ledger and the outcome picker store it, so the follow-up figures, the
//! ledger and the insights dashboard have something real to show on the demo shop.
//!
//! Every entry happens at one of its story's moments (or between two of them), never
//! before the story first reached the buyer: a contact logged on a new case would move
//! it along by itself and the story's own move would then be refused.

use super::script::{day, hours, When, Who};
use crate::followup::{ContactChannel, ContactOutcome};
use crate::remedies::{Outcome, RemedyKind, RemedyStatus};

/// A remedy as the owner types it into the form: amounts as text, empty means "use the
/// kind's default rule" (the order value, unit cost × quantity, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Offer {
    pub kind: RemedyKind,
    /// Empty: CNY.
    pub currency: &'static str,
    pub value: &'static str,
    pub unit_cost: &'static str,
    pub quantity: Option<u32>,
    pub postage: &'static str,
    pub gift: &'static str,
    pub terms: &'static str,
}

const OFFER: Offer = Offer {
    kind: RemedyKind::Other,
    currency: "",
    value: "",
    unit_cost: "",
    quantity: None,
    postage: "",
    gift: "",
    terms: "",
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Deed {
    Contact {
        channel: ContactChannel,
        outcome: ContactOutcome,
        note: &'static str,
    },
    /// Recorded as proposed; the case's offers are numbered 0, 1, … in order.
    Offer(Offer),
    /// Moves offer number `offer` of the case.
    Settle {
        offer: usize,
        to: RemedyStatus,
        reference: &'static str,
    },
    /// The outcome of a case the story has closed.
    Close {
        outcome: Outcome,
        final_stars: Option<u8>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    pub at: When,
    pub by: Who,
    pub deed: Deed,
}

/// One case's record, by the catalog key of its story.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Record {
    pub key: &'static str,
    pub entries: &'static [Entry],
}

const fn contact(
    at: When,
    by: Who,
    channel: ContactChannel,
    outcome: ContactOutcome,
    note: &'static str,
) -> Entry {
    Entry {
        at,
        by,
        deed: Deed::Contact {
            channel,
            outcome,
            note,
        },
    }
}

/// A message in the platform's own chat (旺旺, 咚咚, 飞鸽, Amazon buyer messages…), which
/// the customer-service hire does.
const fn im(at: When, outcome: ContactOutcome, note: &'static str) -> Entry {
    contact(at, Who::Staff, ContactChannel::PlatformIm, outcome, note)
}

/// The owner calls the buyer.
const fn call(at: When, outcome: ContactOutcome, note: &'static str) -> Entry {
    contact(at, Who::Owner, ContactChannel::Phone, outcome, note)
}

/// Shopify buyers are reached by e-mail.
const fn mail(at: When, outcome: ContactOutcome, note: &'static str) -> Entry {
    contact(at, Who::Owner, ContactChannel::Email, outcome, note)
}

const fn offer(at: When, o: Offer) -> Entry {
    Entry {
        at,
        by: Who::Owner,
        deed: Deed::Offer(o),
    }
}

const fn settle(at: When, offer: usize, to: RemedyStatus, reference: &'static str) -> Entry {
    Entry {
        at,
        by: Who::Owner,
        deed: Deed::Settle {
            offer,
            to,
            reference,
        },
    }
}

const fn close(at: When, outcome: Outcome, final_stars: Option<u8>) -> Entry {
    Entry {
        at,
        by: Who::Owner,
        deed: Deed::Close {
            outcome,
            final_stars,
        },
    }
}

use ContactOutcome::{Agreed, NoAnswer, Refused, Replied};
use RemedyKind as K;
use RemedyStatus::{Accepted, Cancelled, Declined, Delivered};

const USD: &str = "USD";

pub(crate) const RECORDS: &[Record] = &[
    Record {
        key: "earbuds-right-drops",
        entries: &[
            call(day(8, 12, 20), Replied, "指导重置配对，右耳仍然断连"),
            offer(
                day(8, 12, 35),
                Offer {
                    kind: K::Exchange,
                    postage: "14",
                    terms: "换新，旧耳机上门取件",
                    ..OFFER
                },
            ),
            settle(day(6, 19, 5), 0, Accepted, ""),
            settle(day(3, 18, 40), 0, Delivered, "JDSH2611840357"),
        ],
    },
    Record {
        key: "towel-shedding",
        entries: &[
            im(day(21, 21, 30), NoAnswer, "旺旺留言致歉，请买家先停用"),
            im(day(20, 11, 50), Replied, "买家发来吊牌批次号照片"),
            offer(
                day(20, 12, 15),
                Offer {
                    kind: K::Resend,
                    unit_cost: "19.50",
                    quantity: Some(2),
                    postage: "8",
                    terms: "补发新批次两条，旧的不用寄回",
                    ..OFFER
                },
            ),
            settle(day(20, 16, 0), 0, Delivered, "SF1402877396201"),
            im(day(17, 18, 40), Replied, "买家收到新毛巾，手感正常"),
            call(day(7, 19, 10), Replied, "7天回访，买家用着很好"),
        ],
    },
    Record {
        key: "heater-smoke",
        entries: &[
            im(day(2, 21, 40), Replied, "请买家立即停用、拔掉插头"),
            call(day(1, 12, 10), Replied, "退款方案已谈，补偿金额还没谈拢"),
            offer(
                day(1, 12, 10),
                Offer {
                    kind: K::ReturnRefund,
                    postage: "15",
                    terms: "全额退款，机器寄回厂家检测，运费我们出",
                    ..OFFER
                },
            ),
        ],
    },
    Record {
        key: "thermos-lid-scald",
        entries: &[
            im(day(5, 18, 30), NoAnswer, "飞鸽留言致歉，买家未读"),
            call(
                day(3, 18, 52),
                Replied,
                "烫伤已无大碍，教了密封圈的正确装法",
            ),
            offer(
                day(3, 18, 52),
                Offer {
                    kind: K::Gift,
                    gift: "新密封圈和杯刷",
                    unit_cost: "4.50",
                    postage: "6",
                    ..OFFER
                },
            ),
            settle(day(2, 10, 0), 0, Delivered, "YT8823017746"),
            call(day(1, 12, 40), Replied, "换了新密封圈不漏了"),
        ],
    },
    Record {
        key: "kettle-en-leak",
        entries: &[
            im(
                day(10, 21, 0),
                NoAnswer,
                "亚马逊买家消息：致歉，给了退款和换新两个选项",
            ),
            im(day(9, 22, 10), Replied, "买家选择换新"),
            offer(
                day(9, 22, 10),
                Offer {
                    kind: K::Resend,
                    currency: USD,
                    unit_cost: "14.20",
                    postage: "5.40",
                    terms: "FBA replacement order",
                    ..OFFER
                },
            ),
            settle(day(9, 22, 30), 0, Delivered, "112-4471093-5530218"),
            im(day(4, 9, 0), Replied, "买家确认新壶正常"),
        ],
    },
    Record {
        key: "jacket-down-leak",
        entries: &[
            im(day(33, 20, 30), NoAnswer, "咚咚留言致歉，说明可退可换"),
            im(day(32, 12, 10), Replied, "买家不想退，接受部分退款"),
            offer(
                day(32, 12, 10),
                Offer {
                    kind: K::PartialRefund,
                    value: "60",
                    ..OFFER
                },
            ),
            offer(
                day(32, 12, 10),
                Offer {
                    kind: K::Gift,
                    gift: "粘毛滚筒",
                    unit_cost: "5.50",
                    ..OFFER
                },
            ),
            settle(day(31, 10, 0), 0, Delivered, "JDTK2610310042"),
            settle(day(31, 10, 0), 1, Delivered, "ZTO7316620948"),
            im(day(24, 18, 30), NoAnswer, "7天回访：留言问候，买家未回"),
            close(day(24, 18, 30), Outcome::BuyerUnreachable, None),
        ],
    },
    Record {
        key: "jacket-size",
        entries: &[
            im(day(6, 20, 40), NoAnswer, "旺旺致歉，请买家量一下肩宽和袖长"),
            im(day(5, 11, 30), Replied, "买家发来实测尺寸"),
            offer(
                day(5, 12, 5),
                Offer {
                    kind: K::ReturnRefund,
                    postage: "12",
                    terms: "退货退款，运费我们出；或换雾霾蓝XL",
                    ..OFFER
                },
            ),
        ],
    },
    Record {
        key: "bowls-decal",
        entries: &[
            im(day(14, 12, 20), Replied, "买家发来花纹翘边的照片"),
            offer(
                day(13, 12, 15),
                Offer {
                    kind: K::PartialRefund,
                    value: "40",
                    terms: "描述有误，部分退款，商品留下",
                    ..OFFER
                },
            ),
            settle(day(12, 19, 20), 0, Delivered, "PDDTK8841207"),
            im(day(5, 12, 30), NoAnswer, "提醒过一次，已读未回"),
        ],
    },
    Record {
        key: "towel-en-colour",
        entries: &[
            im(day(15, 20, 0), NoAnswer, "亚马逊买家消息致歉，提出退货退款"),
            offer(
                day(15, 20, 0),
                Offer {
                    kind: K::ReturnRefund,
                    currency: USD,
                    postage: "6.50",
                    ..OFFER
                },
            ),
            settle(day(8, 10, 0), 0, Cancelled, ""),
            close(day(8, 10, 0), Outcome::BuyerUnreachable, None),
        ],
    },
    Record {
        key: "case-fingerprints",
        entries: &[
            im(hours(16, 30), NoAnswer, "飞鸽留言，问换透明款还是退货"),
            im(hours(3, 10), NoAnswer, "买家已读未回"),
        ],
    },
    Record {
        key: "fruit-jd-late",
        entries: &[
            call(day(3, 12, 20), Replied, "买家在上班，约晚上再打"),
            call(day(3, 18, 30), Replied, "同意全额退款，买家想再补发一盒"),
            offer(
                day(3, 18, 30),
                Offer {
                    kind: K::FullRefund,
                    ..OFFER
                },
            ),
            settle(day(3, 18, 30), 0, Accepted, ""),
        ],
    },
    Record {
        key: "kettle-pdd-doorstep",
        entries: &[
            im(day(8, 20, 10), NoAnswer, "拼多多留言致歉"),
            im(day(7, 12, 30), Replied, "买家说东西没坏，就是生气"),
            offer(
                day(7, 12, 30),
                Offer {
                    kind: K::Coupon,
                    value: "5",
                    terms: "5元无门槛店铺券",
                    ..OFFER
                },
            ),
            settle(day(7, 12, 45), 0, Delivered, "PDDQ5-2207"),
        ],
    },
    Record {
        key: "jacket-en-late",
        entries: &[
            im(day(26, 21, 30), Replied, "亚马逊买家消息致歉，说明物流延误"),
            offer(
                day(25, 22, 0),
                Offer {
                    kind: K::PartialRefund,
                    currency: USD,
                    value: "10",
                    ..OFFER
                },
            ),
            settle(day(24, 22, 0), 0, Delivered, "Amazon partial refund"),
        ],
    },
    Record {
        key: "fruit-dy-lost",
        entries: &[
            im(day(1, 21, 50), Replied, "已联系快递查件"),
            im(hours(2, 0), Replied, "告诉买家已安排重新派送"),
        ],
    },
    Record {
        key: "bowls-broken",
        entries: &[
            im(day(12, 20, 50), Replied, "买家发来破损的碗和外箱照片"),
            offer(
                day(11, 12, 10),
                Offer {
                    kind: K::Resend,
                    unit_cost: "8.50",
                    quantity: Some(3),
                    postage: "12",
                    terms: "补发碎掉的三件，碎片不用寄回",
                    ..OFFER
                },
            ),
            settle(day(11, 15, 30), 0, Delivered, "SF1408812675530"),
            im(day(8, 19, 0), Replied, "补发签收完好"),
        ],
    },
    Record {
        key: "thermos-gift-box",
        entries: &[
            im(day(19, 18, 30), Replied, "说明杯子全新，礼盒是运输压坏的"),
            offer(
                day(18, 12, 20),
                Offer {
                    kind: K::Gift,
                    gift: "礼盒和手提袋",
                    unit_cost: "3.80",
                    quantity: Some(2),
                    postage: "8",
                    ..OFFER
                },
            ),
            settle(day(18, 12, 20), 0, Delivered, "JDV0091533284"),
            call(
                day(11, 19, 0),
                Replied,
                "回访：礼盒完好，买家自己把评价改成了四星",
            ),
            close(day(11, 19, 0), Outcome::ReviewRevised, Some(4)),
        ],
    },
    Record {
        key: "fruit-mt-loose",
        entries: &[
            im(day(7, 19, 30), Replied, "美团私信致歉"),
            offer(
                day(7, 19, 30),
                Offer {
                    kind: K::PartialRefund,
                    value: "15",
                    terms: "退还磕坏那几个的钱",
                    ..OFFER
                },
            ),
            settle(day(6, 11, 40), 0, Delivered, "MT-RF-70631"),
        ],
    },
    Record {
        key: "earbuds-tb-ignored",
        entries: &[im(hours(5, 0), NoAnswer, "旺旺已留言，未回复")],
    },
    Record {
        key: "tumbler-en-emails",
        entries: &[
            mail(
                day(9, 21, 0),
                NoAnswer,
                "英文邮件致歉，说明邮件被当成了垃圾邮件",
            ),
            offer(
                day(9, 21, 0),
                Offer {
                    kind: K::Resend,
                    currency: USD,
                    unit_cost: "7.80",
                    postage: "6.95",
                    ..OFFER
                },
            ),
            settle(day(9, 21, 0), 0, Delivered, "USPS 9400111899223344556677"),
            mail(day(8, 9, 30), Replied, "买家希望退回运费"),
            offer(
                day(8, 9, 30),
                Offer {
                    kind: K::PartialRefund,
                    currency: USD,
                    value: "5.95",
                    terms: "退回运费",
                    ..OFFER
                },
            ),
            settle(day(5, 22, 30), 1, Delivered, "Shopify refund"),
        ],
    },
    Record {
        key: "kettle-jd-callback",
        entries: &[
            im(day(15, 21, 20), NoAnswer, "咚咚致歉"),
            call(day(14, 12, 15), Replied, "电话致歉，换货已完成"),
            offer(
                day(14, 12, 15),
                Offer {
                    kind: K::Coupon,
                    value: "20",
                    terms: "20元店铺券",
                    ..OFFER
                },
            ),
            settle(day(13, 12, 40), 0, Delivered, "JDQ20-1312"),
        ],
    },
    Record {
        key: "heater-bathroom",
        entries: &[
            im(day(24, 13, 20), Replied, "旺旺致歉，核实客服答错了"),
            offer(
                day(23, 12, 5),
                Offer {
                    kind: K::ReturnRefund,
                    postage: "24",
                    terms: "退货退款，来回运费我们出",
                    ..OFFER
                },
            ),
            settle(day(22, 11, 0), 0, Accepted, ""),
            settle(day(21, 18, 20), 0, Delivered, "TMRF2621188"),
            call(day(14, 19, 0), Replied, "回访：退款收到了，评价不打算改"),
            close(day(14, 19, 0), Outcome::BuyerRefused, None),
        ],
    },
    Record {
        key: "thermos-wrong-colour",
        entries: &[
            im(day(2, 18, 40), Replied, "旺旺致歉，拣货拿错了颜色"),
            offer(
                day(1, 19, 10),
                Offer {
                    kind: K::Resend,
                    unit_cost: "22",
                    postage: "6",
                    terms: "补发雾霾蓝，粉色不用寄回",
                    ..OFFER
                },
            ),
        ],
    },
    Record {
        key: "snacks-missing",
        entries: &[
            im(day(5, 10, 0), Replied, "拼多多聊天致歉，查称重记录"),
            offer(
                day(4, 12, 10),
                Offer {
                    kind: K::Resend,
                    unit_cost: "11.60",
                    postage: "5",
                    terms: "补发缺的三样和赠品",
                    ..OFFER
                },
            ),
            settle(day(4, 16, 0), 0, Delivered, "YD4300218876512"),
            im(day(1, 19, 20), Replied, "补发已签收"),
        ],
    },
    Record {
        key: "bowls-en-wrong",
        entries: &[
            mail(day(2, 21, 30), NoAnswer, "英文邮件致歉，靛蓝色今天补发"),
            offer(
                day(2, 21, 30),
                Offer {
                    kind: K::Resend,
                    currency: USD,
                    unit_cost: "13.50",
                    postage: "9.80",
                    ..OFFER
                },
            ),
            settle(day(1, 9, 0), 0, Delivered, "USPS 9400111899560021448830"),
        ],
    },
    Record {
        key: "thermos-mt-sleeve",
        entries: &[
            im(day(20, 19, 50), Replied, "美团私信致歉，确认漏放了杯套"),
            offer(
                day(20, 19, 50),
                Offer {
                    kind: K::Gift,
                    gift: "杯套",
                    unit_cost: "3.20",
                    postage: "4",
                    ..OFFER
                },
            ),
            settle(day(19, 11, 30), 0, Delivered, "骑手送达"),
        ],
    },
    Record {
        key: "case-wrong-model",
        entries: &[
            im(day(40, 20, 40), Replied, "咚咚致歉，确认发错了型号"),
            offer(
                day(39, 12, 10),
                Offer {
                    kind: K::Resend,
                    unit_cost: "6.80",
                    postage: "5",
                    terms: "补发正确型号，发错的不用寄回",
                    ..OFFER
                },
            ),
            settle(day(39, 12, 10), 0, Delivered, "JDV0088412906"),
            call(
                day(32, 19, 0),
                Replied,
                "回访：新壳很合适，买家自己把评价改成了五星",
            ),
            close(day(32, 19, 0), Outcome::ReviewRevised, Some(5)),
        ],
    },
    Record {
        key: "kettle-price-drop",
        entries: &[
            im(day(6, 12, 10), Replied, "旺旺致歉，核对价保规则"),
            offer(
                day(6, 12, 30),
                Offer {
                    kind: K::PartialRefund,
                    value: "30",
                    terms: "价保补差价",
                    ..OFFER
                },
            ),
            settle(day(5, 18, 20), 0, Delivered, "TMJB0518"),
        ],
    },
    Record {
        key: "earbuds-dy-live-price",
        entries: &[
            im(day(3, 21, 20), NoAnswer, "飞鸽留言说明价保规则"),
            offer(
                day(3, 21, 20),
                Offer {
                    kind: K::PartialRefund,
                    value: "30",
                    terms: "价保补差价",
                    ..OFFER
                },
            ),
            call(day(1, 12, 20), NoAnswer, "电话未接"),
        ],
    },
    Record {
        key: "tumbler-en-sale",
        entries: &[
            mail(day(17, 21, 10), Replied, "英文邮件致歉，可以按价保退差价"),
            offer(
                day(17, 21, 10),
                Offer {
                    kind: K::PartialRefund,
                    currency: USD,
                    value: "10",
                    terms: "price adjustment",
                    ..OFFER
                },
            ),
            settle(day(16, 22, 0), 0, Delivered, "Shopify refund"),
        ],
    },
    Record {
        key: "towel-pdd-value",
        entries: &[
            im(day(28, 12, 15), NoAnswer, "留言感谢反馈，介绍了会员价"),
            close(day(21, 19, 0), Outcome::BuyerUnreachable, None),
        ],
    },
    Record {
        key: "kettle-extortion",
        entries: &[
            im(hours(2, 30), Replied, "买家索要50元，不答应；可退货退款"),
            im(hours(1, 0), Replied, "买家继续威胁，聊天已截图"),
        ],
    },
    Record {
        key: "earbuds-competitor",
        entries: &[
            im(day(22, 15, 0), NoAnswer, "咚咚询问具体问题"),
            close(day(12, 16, 0), Outcome::RemovedByPlatform, None),
        ],
    },
    Record {
        key: "jacket-pro-reviewer",
        entries: &[
            im(day(3, 12, 20), Replied, "请买家说具体问题，可以退货退款"),
            offer(
                day(3, 12, 20),
                Offer {
                    kind: K::ReturnRefund,
                    postage: "12",
                    terms: "退货退款，运费我们出",
                    ..OFFER
                },
            ),
            im(day(3, 13, 5), Refused, "不退货，只要现金"),
            settle(day(3, 13, 5), 0, Declined, ""),
        ],
    },
    Record {
        key: "earbuds-en-competitor",
        entries: &[close(day(6, 9, 0), Outcome::RemovedByPlatform, None)],
    },
    Record {
        key: "thermos-rice-cooker",
        entries: &[
            im(day(9, 20, 0), NoAnswer, "请买家核对订单"),
            im(day(8, 12, 30), Agreed, "买家确认评错了店，答应有空去改"),
            im(day(2, 19, 0), NoAnswer, "提醒一次，已读"),
        ],
    },
    Record {
        key: "towel-slippers",
        entries: &[
            im(hours(15, 0), NoAnswer, "咚咚询问是否评错了商品"),
            im(hours(14, 20), Replied, "买家说可能评错了"),
        ],
    },
    Record {
        key: "kettle-en-grinder",
        entries: &[close(day(30, 10, 0), Outcome::RemovedByPlatform, None)],
    },
    Record {
        key: "fruit-mt-malatang",
        entries: &[im(day(2, 13, 35), NoAnswer, "美团私信请买家核对订单")],
    },
    Record {
        key: "fruit-gift-unknown",
        entries: &[
            im(day(11, 12, 30), NoAnswer, "咚咚留言感谢，问吃着怎么样"),
            close(day(4, 18, 0), Outcome::BuyerUnreachable, None),
        ],
    },
    Record {
        key: "bowls-style",
        entries: &[im(day(17, 22, 0), Replied, "附上同系列素色款的图片")],
    },
    Record {
        key: "earbuds-not-used",
        entries: &[
            im(day(25, 12, 20), Replied, "发了使用说明和触控操作小视频"),
            close(day(18, 12, 10), Outcome::FollowUpPositive, None),
        ],
    },
];

/// The record of a story; empty for stories nobody has acted on yet.
pub(crate) fn entries_of(key: &str) -> &'static [Entry] {
    RECORDS
        .iter()
        .find(|r| r.key == key)
        .map(|r| r.entries)
        .unwrap_or(&[])
}

/// Keywords the demo owner asked to be alerted to: safety and complaint threats, the
/// reviews a shop must see first.
pub(crate) const ALERT_WORDS: &[&str] = &["漏电", "12315", "曝光"];
