use super::*;

#[test]
fn flags_compensation_tied_to_the_review() {
    let cases = [
        ("好评后返现", REWARD_FOR_POSITIVE_REVIEW),
        ("给五星好评就送优惠券", REWARD_FOR_POSITIVE_REVIEW),
        ("晒图返现5元", REWARD_FOR_POSITIVE_REVIEW),
        ("亲，好评返5元红包哦", REWARD_FOR_POSITIVE_REVIEW),
        ("改好评退款", REWARD_FOR_REVIEW_CHANGE),
        ("追评返", REWARD_FOR_REVIEW_CHANGE),
        ("追评返10元", REWARD_FOR_REVIEW_CHANGE),
        ("您把差评改成好评后，我们马上退款", REWARD_FOR_REVIEW_CHANGE),
        ("返现20元，前提是修改评价", REWARD_FOR_REVIEW_CHANGE),
        ("退款的条件是删除差评", REWARD_FOR_REVIEW_CHANGE),
        ("删差评返现10元", REWARD_FOR_REVIEW_CHANGE),
        ("追评晒图送小礼品", REWARD_FOR_REVIEW_CHANGE),
        ("5-star review for a refund", REWARD_FOR_POSITIVE_REVIEW),
        (
            "We will refund you once you change your review to 5 stars.",
            REWARD_FOR_REVIEW_CHANGE,
        ),
        (
            "Leave a positive review to get a $10 coupon",
            REWARD_FOR_POSITIVE_REVIEW,
        ),
        (
            "Full refund if you update your rating",
            REWARD_FOR_REVIEW_CHANGE,
        ),
        (
            "Update your review and we'll send a gift",
            REWARD_FOR_REVIEW_CHANGE,
        ),
        (
            "A $5 coupon for a 5-star review",
            REWARD_FOR_POSITIVE_REVIEW,
        ),
        ("Cash back for leaving a review", REWARD_FOR_POSITIVE_REVIEW),
    ];
    for (text, code) in cases {
        assert_eq!(compliance_flags(text), vec![code.to_string()], "{text}");
    }
    let f = findings("部分退款20元。好评后返现");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].matched, "好评后返现");
}

#[test]
fn leaves_unconditional_remedies_alone() {
    for text in [
        "",
        "部分退款20元，已原路退回",
        "给您带来不便非常抱歉，已为您全额退款",
        "已全额退款。方便的话也欢迎更新评价，谢谢您",
        "已为您全额退款，如果您愿意，也可以重新评价",
        "您可以追加评价，退款已经原路退回",
        "退款与评价无关，无论您是否修改评价都会退款",
        "送您一个小礼物表示歉意",
        "补发一件新的，返修也可以",
        "五分钟内回电",
        "Full refund issued for the broken kettle. We're sorry.",
        "We have refunded the order. If you have a moment, your feedback helps us improve.",
        "Refund sent regardless of your review",
        "Refund for the damaged item, and thanks for your review",
        "We read your review for the kettle and refunded it",
        "Partial refund sent, and we are sorry for the review you had to write",
        "We'll review your claim and refund if eligible",
        "Coupon code SAVE10 for your next order, valid 30 days",
        "部分退款 12.50 元，订单号 2024112012345",
        // Real review sentences that mention both, without a link.
        "京东第一个差评送你了，火龙果又小又不新鲜",
        "说送的礼品没送 玩文字游戏 必须差评",
        "赠品评价暂时不奖励京豆",
        "看了评价里说了没有送赠品",
        "比我们上海的五星级酒店让我赔偿的还多",
    ] {
        assert!(compliance_flags(text).is_empty(), "{text}");
    }
}

#[test]
fn messages_exist_in_both_languages() {
    for code in [REWARD_FOR_POSITIVE_REVIEW, REWARD_FOR_REVIEW_CHANGE] {
        assert!(message(code, crate::common::Lang::Zh).contains("评价"));
        assert!(message(code, crate::common::Lang::En).contains("review"));
    }
}

#[test]
fn paraphrases_are_read_as_structure() {
    let mut missed = Vec::new();
    for t in super::paraphrases::TIED {
        if read(t).unwrap().ties.is_empty() {
            missed.push(*t);
        }
    }
    let mut wrongly = Vec::new();
    for t in super::paraphrases::APART {
        if !read(t).unwrap().ties.is_empty() {
            wrongly.push(*t);
        }
    }
    assert!(
        missed.is_empty() && wrongly.is_empty(),
        "missed: {missed:#?}\nwrongly tied: {wrongly:#?}"
    );
}

#[test]
fn every_part_is_reported_with_its_place() {
    let text = "亲，给您退20元。不过您得先把差评删了哈。";
    let r = read(text).unwrap();
    assert_eq!(r.ties.len(), 1);
    let t = &r.ties[0];
    let words = |role: TieRole| -> Vec<&str> {
        t.parts
            .iter()
            .filter(|p| p.role == role)
            .map(|p| &text[p.start..p.end])
            .collect()
    };
    assert!(
        words(TieRole::Benefit).iter().any(|w| w.contains("退")),
        "{:?}",
        t.parts
    );
    assert!(
        words(TieRole::Condition)
            .iter()
            .any(|w| w.contains("不过您得")),
        "{:?}",
        t.parts
    );
    assert!(
        words(TieRole::ReviewAction)
            .iter()
            .any(|w| w.contains("差评删")),
        "{:?}",
        t.parts
    );
    // The tie covers both sentences it spans.
    assert_eq!(&text[t.start..t.end], text);
}

#[test]
fn a_buyer_describing_a_gift_and_a_later_review_sets_no_condition() {
    // A real review: "追评" and "送的…会员" in separate sentences, joined by nothing but
    // "本身就" (describing the phone).
    let t = "至于续航能力还没有彻底检验，后续还会追评的。送的膜还有皮套还不错，机子本身就带了一张膜，还有送的乐视会员也很划算";
    assert!(findings(t).is_empty(), "{:?}", findings(t));
    assert!(!findings("追评五星就送会员").is_empty());
}

#[test]
fn a_one_star_explained_by_lost_free_pickup_ties_nothing() {
    // A real review: 自提 (picking the order up) is not 提 (raising the score).
    let t = "给你一星是因为以前自提免邮，现在要收费，优势没了。";
    assert!(findings(t).is_empty(), "{:?}", findings(t));
    assert!(!findings("一星提到五星就免邮").is_empty());
}
