//! What each platform expects of a reply: its length limit, what its messaging channel is
//! called, who delivers, and how buyers are addressed.

use super::model::{Channel, Lang};
use crate::cases::Platform;

/// The longest public reply a platform takes, in characters (a Chinese character and a
/// Latin letter each count one).
///
/// - Taobao / Tmall: the seller's explanation field holds 500 characters (platform rule;
///   the TradeRate API's `reply` is capped the same).
/// - JD: 500, the same bound as Taobao's explanation field; JD's reply box is no longer.
/// - Pinduoduo: 200. Its merchant reply is shown folded under the review and its box is
///   short; a cap that never gets cut is safer than one that sometimes does.
/// - Douyin (抖店): 300, conservative for the same reason.
/// - Meituan: 300, conservative; food-delivery replies are read on a phone.
/// - Amazon: 500. Amazon closed public comments on product reviews in 2020, so the public
///   reply here is the seller's response to Feedback, which must stay brief.
/// - Shopify: 1000. Review apps (Judge.me, Shopify Product Reviews) do not cut replies
///   short, but a reply longer than this stops being read.
/// - Other: 500.
pub fn public_reply_cap(platform: Platform) -> u32 {
    match platform {
        Platform::Taobao | Platform::Tmall | Platform::Jd => 500,
        Platform::Pinduoduo => 200,
        Platform::Douyin | Platform::Meituan => 300,
        Platform::Amazon => 500,
        Platform::Shopify => 1000,
        Platform::Other => 500,
    }
}

/// A message longer than this stops being read in a chat window; a warning, not a limit.
pub(crate) const PRIVATE_SOFT_CAP: u32 = 800;

/// The limit for a channel on a platform, if any.
pub fn channel_cap(platform: Platform, channel: Channel) -> Option<u32> {
    match channel {
        Channel::Public => Some(public_reply_cap(platform)),
        Channel::Private | Channel::Phone => None,
    }
}

/// What buyers call the private channel to the shop on this platform.
pub(crate) fn im_name(platform: Platform, lang: Lang) -> &'static str {
    match (platform, lang) {
        (Platform::Taobao | Platform::Tmall, Lang::Zh) => "旺旺",
        (Platform::Jd, Lang::Zh) => "京东咚咚",
        (Platform::Pinduoduo, Lang::Zh) => "拼多多聊天",
        (Platform::Douyin, Lang::Zh) => "抖音店铺客服",
        (Platform::Meituan, Lang::Zh) => "美团消息",
        (_, Lang::Zh) => "店铺私信",
        (Platform::Amazon, Lang::En) => "Amazon messages",
        (Platform::Shopify, Lang::En) => "email",
        (_, Lang::En) => "a private message",
    }
}

/// Who carries the order to the buyer.
pub(crate) fn courier_name(platform: Platform, lang: Lang) -> &'static str {
    match (platform, lang) {
        (Platform::Meituan, Lang::Zh) => "骑手",
        (_, Lang::Zh) => "快递",
        (Platform::Meituan, Lang::En) => "the rider",
        (_, Lang::En) => "the carrier",
    }
}

pub(crate) fn display_name(platform: Platform, lang: Lang) -> &'static str {
    match (platform, lang) {
        (Platform::Taobao, Lang::Zh) => "淘宝",
        (Platform::Tmall, Lang::Zh) => "天猫",
        (Platform::Jd, Lang::Zh) => "京东",
        (Platform::Pinduoduo, Lang::Zh) => "拼多多",
        (Platform::Douyin, Lang::Zh) => "抖音",
        (Platform::Meituan, Lang::Zh) => "美团",
        (Platform::Amazon, _) => "Amazon",
        (Platform::Shopify, _) => "Shopify",
        (Platform::Taobao, Lang::En) => "Taobao",
        (Platform::Tmall, Lang::En) => "Tmall",
        (Platform::Jd, Lang::En) => "JD",
        (Platform::Pinduoduo, Lang::En) => "Pinduoduo",
        (Platform::Douyin, Lang::En) => "Douyin",
        (Platform::Meituan, Lang::En) => "Meituan",
        (Platform::Other, Lang::Zh) => "平台",
        (Platform::Other, Lang::En) => "the platform",
    }
}

/// Food delivery: remedies are remakes and refunds, not exchanges and returns.
pub(crate) fn is_food(platform: Platform) -> bool {
    matches!(platform, Platform::Meituan)
}
