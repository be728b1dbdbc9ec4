//! Chinese and English names for the ledger's vocabulary, for labels, reports and the CLI.

use super::model::{PostagePayer, PromiseStatus, RemedyStatus};
use super::outcome::Outcome;
use super::RemedyKind;
use crate::common::Lang;

fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    lang.pick(zh, en)
}

impl RemedyKind {
    pub fn label(self, lang: Lang) -> &'static str {
        use RemedyKind::*;
        match self {
            FullRefund => pick(lang, "全额退款", "full refund"),
            PartialRefund => pick(lang, "部分退款", "partial refund"),
            ReturnRefund => pick(lang, "退货退款", "return & refund"),
            Exchange => pick(lang, "换货", "exchange"),
            Resend => pick(lang, "补发", "resend"),
            Repair => pick(lang, "维修/延保", "repair / extended warranty"),
            Coupon => pick(lang, "优惠券", "coupon"),
            Gift => pick(lang, "小礼品", "gift"),
            FreeShipping => pick(lang, "下次包邮", "free shipping next order"),
            PromoPriority => pick(lang, "活动优先", "priority in next promotion"),
            Points => pick(lang, "积分", "points"),
            Other => pick(lang, "其他补偿", "other"),
        }
    }
}

impl RemedyStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        use RemedyStatus::*;
        match self {
            Proposed => pick(lang, "已提出", "proposed"),
            Accepted => pick(lang, "已接受", "accepted"),
            Delivered => pick(lang, "已兑现", "delivered"),
            Declined => pick(lang, "被拒绝", "declined"),
            Cancelled => pick(lang, "已取消", "cancelled"),
        }
    }
}

impl PromiseStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        use PromiseStatus::*;
        match self {
            Open => pick(lang, "待兑现", "open"),
            Kept => pick(lang, "已兑现", "kept"),
            Cancelled => pick(lang, "已取消", "cancelled"),
        }
    }
}

impl PostagePayer {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            PostagePayer::Shop => pick(lang, "运费店铺承担", "shop pays return postage"),
            PostagePayer::Buyer => pick(lang, "运费买家承担", "buyer pays return postage"),
        }
    }
}

impl Outcome {
    pub fn label(self, lang: Lang) -> &'static str {
        use Outcome::*;
        match self {
            ReviewRevised => pick(lang, "买家已修改评价", "review revised"),
            FollowUpPositive => pick(lang, "买家追加了好评", "positive follow-up added"),
            RemovedByPlatform => pick(lang, "平台申诉后删除", "removed by the platform"),
            ExplanationOnly => pick(lang, "仅公开解释", "public explanation only"),
            BuyerUnreachable => pick(lang, "联系不上买家", "buyer unreachable"),
            BuyerRefused => pick(lang, "买家拒绝", "buyer refused"),
            Other => pick(lang, "其他", "other"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_has_both_languages() {
        for k in RemedyKind::ALL {
            assert_ne!(k.label(Lang::Zh), k.label(Lang::En), "{k}");
            assert!(k.label(Lang::En).is_ascii());
            assert!(!k.label(Lang::Zh).is_ascii());
        }
        for s in RemedyStatus::ALL {
            assert_ne!(s.label(Lang::Zh), s.label(Lang::En));
        }
        for o in Outcome::ALL {
            assert!(!o.label(Lang::Zh).is_ascii());
            assert!(o.label(Lang::En).is_ascii());
        }
    }
}
