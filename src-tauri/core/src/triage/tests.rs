use super::*;
use crate::cases::{self, Cause, NewCase};
use crate::common::Lang;
use crate::db;
use crate::intake;
use chrono::{DateTime, Utc};

fn tri(text: &str) -> Triage {
    classify(&TriageInput {
        text,
        ..Default::default()
    })
}

fn at() -> DateTime<Utc> {
    crate::cases::parse_time("now", "2026-11-20T04:00:00Z", chrono_tz::UTC)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn has_reason(t: &Triage, needle: &str) -> bool {
    t.details
        .iter()
        .any(|r| r.zh.contains(needle) || r.en.contains(needle))
}

// --- causes -------------------------------------------------------------------------

#[test]
fn contrast_puts_the_complaint_after_but() {
    let t = tri("质量不错，就是物流太慢");
    assert_eq!(t.primary, Cause::Logistics, "{t:?}");
    assert!(!t.causes.contains(&Cause::Quality), "{t:?}");
    let t = tri("The fabric is lovely but it runs small");
    assert_eq!(t.primary, Cause::NotAsDescribed, "{t:?}");
    assert!(!t.causes.contains(&Cause::Quality), "{t:?}");
}

#[test]
fn praise_of_a_topic_is_not_a_complaint() {
    let t = tri("物流很快，客服态度也好，但是衣服起球了");
    assert_eq!(t.causes, vec![Cause::Quality], "{t:?}");
}

#[test]
fn negation_turns_words_around() {
    // 没有色差 is praise; 不快 is a complaint about speed.
    let t = tri("没有色差，也不会起球");
    assert!(!t.causes.contains(&Cause::NotAsDescribed), "{t:?}");
    assert!(!t.causes.contains(&Cause::Quality), "{t:?}");
    let t = tri("物流一点也不快");
    assert_eq!(t.primary, Cause::Logistics, "{t:?}");
    let t = tri("The shipping was not fast at all");
    assert_eq!(t.primary, Cause::Logistics, "{t:?}");
    let t = tri("No complaints about the quality, it did not break");
    assert!(!t.causes.contains(&Cause::Quality), "{t:?}");
}

#[test]
fn traditional_characters_and_full_width_are_read() {
    let t = tri("質量太差，穿一次就脫線了");
    assert_eq!(t.primary, Cause::Quality, "{t:?}");
    let t = tri("物流太慢！！等了一個星期才到");
    assert_eq!(t.primary, Cause::Logistics, "{t:?}");
    let t = tri("ＲＵＮＳ ＳＭＡＬＬ");
    assert_eq!(t.primary, Cause::NotAsDescribed, "{t:?}");
}

#[test]
fn decorated_and_typo_spelling() {
    // Combining marks after every character, and a common homophone for 垃圾.
    let t = tri("质ོ量ོ太ོ差ོ");
    assert_eq!(t.primary, Cause::Quality, "{t:?}");
    let t = tri("Very dissapointed, the zipper broke");
    assert_eq!(t.primary, Cause::Quality, "{t:?}");
}

#[test]
fn each_cause_has_its_words() {
    let cases = [
        ("收到就是坏的，开不了机", Cause::Quality),
        ("和图片不一样，严重色差", Cause::NotAsDescribed),
        ("快递太慢了，一个星期才到", Cause::Logistics),
        ("包装太简陋了，盒子都压扁了", Cause::Packaging),
        ("客服态度差，问了半天不回复", Cause::Service),
        ("发错货了，我要的是黑色", Cause::ShippingError),
        ("太贵了，不值这个价", Cause::Price),
        ("差评", Cause::Other),
        ("Stopped working after two days", Cause::Quality),
        ("Looks nothing like the picture", Cause::NotAsDescribed),
        ("The package arrived two weeks late", Cause::Logistics),
        (
            "Customer service was rude and never responded",
            Cause::Service,
        ),
        ("They sent the wrong color", Cause::ShippingError),
        ("Way overpriced, not worth the money", Cause::Price),
    ];
    for (text, cause) in cases {
        assert_eq!(tri(text).primary, cause, "{text}: {:?}", tri(text));
    }
}

#[test]
fn food_delivery_and_restaurant_reviews() {
    assert_eq!(tri("送餐太慢了，等了两个小时").primary, Cause::Logistics);
    assert_eq!(tri("太难吃了，味道很怪").primary, Cause::Quality);
    assert_eq!(tri("点了两份饭，少送了一份").primary, Cause::ShippingError);
    assert_eq!(tri("量太少了，不够吃").primary, Cause::Price);
    assert_eq!(tri("汤全洒了").primary, Cause::Packaging);
    // In a restaurant, waiting is the service's doing, not a courier's.
    let t = tri("服务员爱答不理，上菜太慢，等了一个小时");
    assert_eq!(t.primary, Cause::Service, "{t:?}");
    assert!(!t.causes.contains(&Cause::Logistics), "{t:?}");
}

#[test]
fn secondary_causes_follow_the_primary() {
    let t = tri("衣服起球严重，而且快递太慢，包装也很简陋");
    assert_eq!(t.causes[0], t.primary);
    for c in [Cause::Quality, Cause::Logistics, Cause::Packaging] {
        assert!(t.causes.contains(&c), "{c}: {t:?}");
    }
    assert!(!t.causes.contains(&Cause::Other));
}

#[test]
fn courier_manners_are_logistics() {
    let t = tri("快递员态度很差，让我自己下楼去取");
    assert_eq!(t.primary, Cause::Logistics, "{t:?}");
    assert!(t.has_flag(Flag::MentionsCourier));
}

// --- severity -----------------------------------------------------------------------

fn sev(text: &str, stars: u8, photos: bool, value: Option<i64>) -> Triage {
    classify(&TriageInput {
        text,
        stars,
        has_photos: photos,
        order_value_cents: value,
        product: "",
    })
}

#[test]
fn safety_and_escalation_make_a_case_urgent() {
    let t = sev("水壶底座漏电，手被电了一下", 3, false, None);
    assert_eq!(t.severity, 3);
    assert!(
        t.reasons.iter().any(|r| r == "提到 漏电"),
        "{:?}",
        t.reasons
    );
    let t = sev("再不处理我就去12315投诉", 2, false, None);
    assert_eq!(t.severity, 3);
    assert!(
        t.reasons.iter().any(|r| r == "威胁投诉 12315"),
        "{:?}",
        t.reasons
    );
    let t = sev("My kid got a rash, I'm calling a lawyer", 2, false, None);
    assert_eq!(t.severity, 3);
    assert!(has_reason(&t, "lawyer") && has_reason(&t, "rash"), "{t:?}");
    // Negated: no safety point.
    assert_eq!(sev("用了很久，没有漏电", 3, false, None).severity, 1);
}

#[test]
fn stars_photos_value_and_repeat_buyers_add_up() {
    assert_eq!(sev("起球了", 3, false, None).severity, 1);
    assert_eq!(sev("起球了", 1, false, None).severity, 2);
    assert_eq!(sev("起球了", 1, true, None).severity, 2);
    let t = sev("起球了", 1, true, Some(59_900));
    assert_eq!(t.severity, 3);
    assert!(has_reason(&t, "¥599"), "{:?}", t.reasons);
    // Below the threshold, and a threshold the owner changed.
    assert_eq!(sev("起球了", 1, true, Some(49_999)).severity, 2);
    let rules = Rules::default().with_high_value_cents(100_000);
    let t = classify_with(
        &TriageInput {
            text: "起球了",
            stars: 1,
            has_photos: true,
            order_value_cents: Some(59_900),
            product: "",
        },
        &rules,
    );
    assert_eq!(t.severity, 2);
    // Repeat buyer, from the text or from what the shop knows.
    let t = sev("老顾客了，这次衣服起球", 1, false, None);
    assert_eq!(t.severity, 2);
    assert!(has_reason(&t, "回头客"), "{:?}", t.reasons);
    let t = classify_case(
        &TriageInput {
            text: "起球了",
            stars: 1,
            has_photos: true,
            ..Default::default()
        },
        true,
        &Rules::default(),
    );
    assert_eq!(t.severity, 3);
}

#[test]
fn reasons_exist_in_both_languages() {
    let t = sev("漏电了，我要投诉", 1, true, None);
    for r in &t.details {
        assert!(!r.zh.is_empty() && !r.en.is_empty(), "{r:?}");
        assert_ne!(r.zh, r.en, "{r:?}");
    }
    let en = classify_with(
        &TriageInput {
            text: "漏电了，我要投诉",
            stars: 1,
            ..Default::default()
        },
        &Rules::default().with_lang(Lang::En),
    );
    assert!(en.reasons.iter().any(|r| r.contains("1-star")), "{en:?}");
    assert!(t.reasons.iter().any(|r| r.contains("1 星")), "{t:?}");
}

// --- flags --------------------------------------------------------------------------

#[test]
fn extortion_is_malicious() {
    for text in [
        "给我返现50，不然差评",
        "不赔我两百块钱就一直差评",
        "转账给我100我就改好评",
        "Pay me $50 and I will change my review",
    ] {
        let t = tri(text);
        assert_eq!(t.primary, Cause::Malicious, "{text}: {t:?}");
        assert!(t.has_flag(Flag::Malicious), "{text}");
    }
    // A genuine complaint with a refund request is not extortion.
    let t = tri("质量太差了，我要退款");
    assert!(!t.has_flag(Flag::Malicious), "{t:?}");
    assert!(t.has_flag(Flag::AsksRefund));
}

#[test]
fn what_the_platform_paid_is_no_demand() {
    // A sum the platform or its insurance paid, next to a bad review, is no extortion: the
    // buyer asks the shop for nothing.
    for text in [
        "运费险赔了10块钱，东西太差，追加差评",
        "平台发了五元红包当补偿。质量不行，一直差评",
        "Filed an A-to-Z claim. Got $25 back. I will leave a bad review",
        "Amazon credited me $10 for the trouble. Broke in a week. Leave a one star",
    ] {
        let t = tri(text);
        assert!(!t.has_flag(Flag::Malicious), "{text}: {t:?}");
        assert_ne!(t.primary, Cause::Malicious, "{text}: {t:?}");
    }
    // Turning to the shop for money is a demand still, whatever the platform gave.
    for text in [
        "运费险赔了10块钱。卖家你们给我五百，改好评",
        "Filed an A-to-Z claim. Now you pay me $50 and I will change my review",
    ] {
        let t = tri(text);
        assert_eq!(t.primary, Cause::Malicious, "{text}: {t:?}");
        assert!(t.has_flag(Flag::Malicious), "{text}");
    }
    // Without the platform's benefit the sum and the threat stay extortion.
    let t = tri("10块钱，东西太差，追加差评");
    assert!(t.has_flag(Flag::Malicious), "{t:?}");
}

#[test]
fn a_word_inside_a_longer_one_is_no_competitor() {
    // 对家 (a rival shop) inside 对家具 (towards the furniture).
    let t = tri("管理层对家具破损视而不见");
    assert!(!t.has_flag(Flag::Malicious), "{t:?}");
    assert_eq!(tri("对家来刷差评").primary, Cause::Malicious);
}

#[test]
fn never_bought_competitors_and_insults() {
    assert_eq!(tri("我根本没买过你家东西").primary, Cause::Malicious);
    assert_eq!(tri("同行来踩一脚").primary, Cause::Malicious);
    // "Never bought anything this bad" is a real complaint.
    let t = tri("从没买过这么差的东西，质量太差");
    assert_eq!(t.primary, Cause::Quality, "{t:?}");
    // Abuse aimed at the shop alone is malicious; with a real complaint it stays a flag.
    let t = tri("卖家脑残，去死吧");
    assert_eq!(t.primary, Cause::Malicious, "{t:?}");
    let t = tri("卖家你妈的，衣服一洗就掉色");
    assert_eq!(t.primary, Cause::Quality, "{t:?}");
    assert!(t.has_flag(Flag::Malicious));
}

#[test]
fn misattributed_reviews() {
    let t = tri("评错了，这条是给隔壁店的");
    assert_eq!(t.primary, Cause::Misattributed, "{t:?}");
    assert!(t.has_flag(Flag::Misattributed));
    // A kettle's review that talks only about a dress.
    let t = classify(&TriageInput {
        text: "裙子穿了一次就开线了",
        product: "1.7L 电热水壶",
        ..Default::default()
    });
    assert_eq!(t.primary, Cause::Misattributed, "{t:?}");
    assert!(has_reason(&t, "电热水壶"), "{t:?}");
    // The same words on the dress itself are a quality complaint.
    let t = classify(&TriageInput {
        text: "裙子穿了一次就开线了",
        product: "碎花连衣裙",
        ..Default::default()
    });
    assert_eq!(t.primary, Cause::Quality, "{t:?}");
    assert!(!t.has_flag(Flag::Misattributed));
}

#[test]
fn requests_and_mentions() {
    let t = tri("坏了，要求退款退货，或者给我换一个");
    for f in [Flag::AsksRefund, Flag::AsksReturn, Flag::AsksExchange] {
        assert!(t.has_flag(f), "{f}: {t:?}");
    }
    let t = tri("颜色发错了，懒得退了，没打算换");
    assert!(
        !t.has_flag(Flag::AsksReturn) && !t.has_flag(Flag::AsksExchange),
        "{t:?}"
    );
    let t = tri("那个叫小王的服务员态度很差");
    assert!(t.has_flag(Flag::MentionsStaff), "{t:?}");
    let t = tri("The delivery driver left it in the rain");
    assert!(t.has_flag(Flag::MentionsCourier), "{t:?}");
    let t = tri("It stopped working, returning it for a refund");
    assert!(
        t.has_flag(Flag::AsksReturn) && t.has_flag(Flag::AsksRefund),
        "{t:?}"
    );
}

#[test]
fn flags_serialize_as_their_codes() {
    let t = tri("发错了，我要退货");
    let json = serde_json::to_value(&t).unwrap_or_default();
    assert_eq!(json["flags"][0], "asks_return");
    assert_eq!(json["primary"], "shipping_error");
}

// --- owner keywords and alerts ------------------------------------------------------

#[test]
fn owner_keywords_count_per_cause_and_product() {
    let conn = db::open_in_memory().unwrap();
    let kw = add_keyword(
        &conn,
        &NewKeyword {
            cause: Some(Cause::Quality),
            term: "水垢".into(),
            product: "水壶".into(),
        },
        at(),
    )
    .unwrap();
    assert_eq!(list_keywords(&conn).unwrap(), vec![kw.clone()]);
    let rules = load_rules(&conn).unwrap();
    let input = |product| TriageInput {
        text: "用了三天全是水垢",
        product,
        ..Default::default()
    };
    let t = classify_with(&input("电热水壶 1.7L"), &rules);
    assert_eq!(t.primary, Cause::Quality, "{t:?}");
    assert!(t
        .details
        .iter()
        .any(|r| r.kind == ReasonKind::OwnerKeyword && r.term == "水垢"));
    let owner_reason =
        |t: &crate::triage::Triage| t.details.iter().any(|r| r.kind == ReasonKind::OwnerKeyword);
    // Another product: the keyword does not apply (the readers may still see a cause).
    let t = classify_with(&input("保温杯"), &rules);
    assert!(!owner_reason(&t), "{t:?}");
    // Negated, it does not count either.
    let t = classify_with(
        &TriageInput {
            text: "没有水垢",
            product: "电热水壶",
            ..Default::default()
        },
        &rules,
    );
    assert!(!owner_reason(&t), "{t:?}");
    // Duplicates and empty words are refused; removal works once.
    let dup = add_keyword(
        &conn,
        &NewKeyword {
            cause: Some(Cause::Quality),
            term: " 水垢 ".into(),
            product: "水壶".into(),
        },
        at(),
    );
    assert_eq!(dup.unwrap_err().code(), "validation.duplicate_keyword");
    let empty = add_keyword(
        &conn,
        &NewKeyword {
            cause: Some(Cause::Quality),
            term: "  ".into(),
            product: String::new(),
        },
        at(),
    );
    assert_eq!(empty.unwrap_err().code(), "validation.required");
    remove_keyword(&conn, kw.id).unwrap();
    assert_eq!(
        remove_keyword(&conn, kw.id).unwrap_err().code(),
        "not_found"
    );
}

fn new_case(text: &str, product: &str) -> NewCase {
    NewCase {
        platform: "taobao".into(),
        product: product.into(),
        stars: 1,
        review_text: text.into(),
        review_time: "2026-11-19T10:00:00Z".into(),
        ..Default::default()
    }
}

#[test]
fn keyword_alerts_mark_new_cases_and_wait_for_notification() {
    let mut conn = db::open_in_memory().unwrap();
    let alert = add_alert(
        &conn,
        &NewAlert {
            term: "漏水".into(),
            product: "水壶".into(),
        },
        at(),
    )
    .unwrap();
    let hit = intake::add_case(
        &mut conn,
        &new_case("底部漏水，桌子都湿了", "电热水壶"),
        "t",
        at(),
    )
    .unwrap();
    assert!(hit.flags.contains(&"keyword_alert".to_string()), "{hit:?}");
    assert!(hit.triage_reasons.iter().any(|r| r.contains("漏水")));
    let other_product =
        intake::add_case(&mut conn, &new_case("杯盖漏水", "保温杯"), "t", at()).unwrap();
    assert!(!other_product.flags.contains(&"keyword_alert".to_string()));

    let hits = alert_hits(&conn, &hit).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].alert_id, alert.id);
    assert!(hits[0].title(Lang::Zh).contains("漏水"));
    assert!(hits[0].body(Lang::En).contains("case #"));
    assert!(alert_hits(&conn, &other_product).unwrap().is_empty());

    let pending = pending_alert_hits(&conn).unwrap();
    assert_eq!(pending, hits);
    // Switched off before the notification went out: the owner no longer wants to hear it.
    set_alert_enabled(&conn, alert.id, false).unwrap();
    assert!(pending_alert_hits(&conn).unwrap().is_empty());
    set_alert_enabled(&conn, alert.id, true).unwrap();
    mark_alerts_notified(&conn, &pending, at()).unwrap();
    assert!(pending_alert_hits(&conn).unwrap().is_empty());

    // A disabled alert no longer marks new cases.
    set_alert_enabled(&conn, alert.id, false).unwrap();
    let quiet = intake::add_case(&mut conn, &new_case("又漏水了", "电热水壶"), "t", at()).unwrap();
    assert!(!quiet.flags.contains(&"keyword_alert".to_string()));
    remove_alert(&conn, alert.id).unwrap();
    assert!(list_alerts(&conn).unwrap().is_empty());
}

fn hit(case_id: i64, alert_id: i64, term: &str, product: &str) -> AlertHit {
    AlertHit {
        case_id,
        alert_id,
        term: term.into(),
        product: product.into(),
        excerpt: "底部漏电".into(),
    }
}

#[test]
fn one_hit_is_told_in_full_several_are_grouped() {
    assert_eq!(alert_notice(&[], Lang::Zh), None);
    let one = alert_notice(&[hit(7, 1, "漏电", "电热水壶")], Lang::Zh).unwrap();
    assert_eq!(one.title, "关键词提醒：漏电");
    assert_eq!(one.body, "电热水壶（案例 #7）：底部漏电");
    let no_product = alert_notice(&[hit(7, 1, "漏电", " ")], Lang::En).unwrap();
    assert_eq!(no_product.body, "Case #7: 底部漏电");

    let many = [
        hit(3, 1, "漏电", "水壶"),
        hit(4, 2, "起火", "水壶"),
        hit(5, 1, "漏电", "水壶"),
        hit(5, 2, "起火", "水壶"),
        hit(6, 1, "漏电", "水壶"),
    ];
    let zh = alert_notice(&many, Lang::Zh).unwrap();
    assert_eq!(zh.title, "关键词提醒：4 条评价");
    assert_eq!(zh.body, "提到 漏电（3）、起火（2）。打开好评查看。");
    let en = alert_notice(&many, Lang::En).unwrap();
    assert_eq!(en.title, "Keyword alerts: 4 reviews");
    assert_eq!(
        en.body,
        "Mentions 漏电 (3), 起火 (2). Open Haoping to see them."
    );

    // One case, two words: one notice naming both.
    let both = alert_notice(&many[2..4], Lang::Zh).unwrap();
    assert_eq!(both.title, "关键词提醒：案例 #5");
    assert_eq!(both.body, "提到 漏电（1）、起火（1）。打开好评查看。");

    // Many words: the first few, then "…".
    let words: Vec<AlertHit> = ["a", "b", "c", "d", "e"]
        .iter()
        .enumerate()
        .map(|(i, t)| hit(i as i64 + 1, i as i64 + 1, t, ""))
        .collect();
    let en = alert_notice(&words, Lang::En).unwrap();
    assert_eq!(
        en.body,
        "Mentions a (1), b (1), c (1), d (1), …. Open Haoping to see them."
    );
    assert!(alert_notice(&words, Lang::Zh)
        .unwrap()
        .body
        .contains("d（1）等"));
}

#[test]
fn alert_usage_counts_hits_and_names_the_latest() {
    let mut conn = db::open_in_memory().unwrap();
    let leak = add_alert(
        &conn,
        &NewAlert {
            term: "漏电".into(),
            product: String::new(),
        },
        at(),
    )
    .unwrap();
    let fire = add_alert(
        &conn,
        &NewAlert {
            term: "起火".into(),
            product: "水壶".into(),
        },
        at(),
    )
    .unwrap();
    let later = at() + chrono::Duration::hours(2);
    intake::add_case(&mut conn, &new_case("插上就漏电", "电热水壶"), "t", at()).unwrap();
    let second =
        intake::add_case(&mut conn, &new_case("又漏电了，太危险", "台灯"), "t", later).unwrap();
    intake::add_case(&mut conn, &new_case("质量一般", "台灯"), "t", later).unwrap();

    let usage = alert_usage(&conn).unwrap();
    // Same order as the alert list: product, then word.
    assert_eq!(
        usage.iter().map(|u| u.id).collect::<Vec<_>>(),
        list_alerts(&conn)
            .unwrap()
            .iter()
            .map(|a| a.id)
            .collect::<Vec<_>>()
    );
    let l = usage.iter().find(|u| u.id == leak.id).unwrap();
    assert_eq!(
        (l.hits, l.last_hit, l.last_case_id),
        (2, Some(later), Some(second.id))
    );
    assert!(l.enabled);
    let f = usage.iter().find(|u| u.id == fire.id).unwrap();
    assert_eq!((f.hits, f.last_hit, f.last_case_id), (0, None, None));
    assert_eq!(f.product, "水壶");

    // Disabled alerts are listed with their past hits.
    set_alert_enabled(&conn, leak.id, false).unwrap();
    let l = alert_usage(&conn)
        .unwrap()
        .into_iter()
        .find(|u| u.id == leak.id)
        .unwrap();
    assert!(!l.enabled);
    assert_eq!(l.hits, 2);
}

#[test]
fn created_cases_keep_reasons_in_both_languages() {
    let mut conn = db::open_in_memory().unwrap();
    let c = intake::add_case(&mut conn, &new_case("漏电了，太危险", "电水壶"), "t", at()).unwrap();
    assert_eq!(c.severity, 3);
    let zh = case_reasons(&conn, c.id, Lang::Zh).unwrap();
    let en = case_reasons(&conn, c.id, Lang::En).unwrap();
    assert_eq!(
        zh, c.triage_reasons,
        "stored text follows the owner's language (zh)"
    );
    assert!(en.iter().any(|r| r.contains("safety")), "{en:?}");
    assert_eq!(case_details(&conn, c.id).unwrap().len(), zh.len());
}

#[test]
fn a_buyer_with_an_earlier_case_is_a_repeat_buyer() {
    let mut conn = db::open_in_memory().unwrap();
    let mut first = new_case("起球了", "毛衣");
    first.buyer_nick = "小明".into();
    first.stars = 3;
    let a = intake::add_case(&mut conn, &first, "t", at()).unwrap();
    assert_eq!(a.severity, 1);
    let b = intake::add_case(&mut conn, &first, "t", at()).unwrap();
    assert_eq!(b.severity, 2, "{:?}", b.triage_reasons);
    assert!(b.triage_reasons.iter().any(|r| r.contains("回头客")));
}

// --- re-triage ----------------------------------------------------------------------

#[test]
fn retriage_relabels_but_never_touches_corrected_cases() {
    let mut conn = db::open_in_memory().unwrap();
    let plain = intake::add_case(
        &mut conn,
        &new_case("用了三天全是水垢", "电热水壶"),
        "t",
        at(),
    )
    .unwrap();
    let locked =
        intake::add_case(&mut conn, &new_case("水垢太多了", "电热水壶"), "t", at()).unwrap();
    // Read as a quality complaint; this owner files scale under after-sales (their
    // service team descales kettles).
    assert_ne!(plain.primary_cause, Cause::Service);
    // The owner corrects the second case by hand.
    let locked = cases::set_labels(&mut conn, locked.id, Cause::Price, &[], 1, "t", at()).unwrap();
    assert!(locked.labels_locked);

    // A new keyword, then a re-run.
    add_keyword(
        &conn,
        &NewKeyword {
            cause: Some(Cause::Service),
            term: "水垢".into(),
            product: String::new(),
        },
        at(),
    )
    .unwrap();
    let mut calls = Vec::new();
    let summary = retriage_all(&mut conn, at(), &mut |done, total| {
        calls.push((done, total));
        true
    })
    .unwrap();
    assert_eq!(summary.total, 2);
    assert_eq!(summary.processed, 2);
    assert_eq!(summary.changed, 1);
    assert_eq!(summary.locked, 1);
    assert!(!summary.cancelled);
    assert_eq!(calls.last(), Some(&(2, 2)));

    assert_eq!(
        cases::get(&conn, plain.id).unwrap().primary_cause,
        Cause::Service
    );
    let after = cases::get(&conn, locked.id).unwrap();
    assert_eq!(after.primary_cause, Cause::Price);
    assert_eq!(after.causes, locked.causes);
    assert_eq!(after.triage_reasons, locked.triage_reasons);

    // Nothing changed since: a second run writes nothing.
    let again = retriage_all(&mut conn, at(), &mut |_, _| true).unwrap();
    assert_eq!(again.changed, 0);

    // One case at a time, locked ones included.
    let same = retriage_case(&mut conn, locked.id, at()).unwrap();
    assert_eq!(same.primary_cause, Cause::Price);
}

#[test]
fn retriage_can_be_cancelled_between_batches() {
    let mut conn = db::open_in_memory().unwrap();
    let n = RETRIAGE_BATCH + 10;
    {
        let tx = conn.transaction().unwrap();
        let mut stmt = tx
            .prepare(
                "INSERT INTO cases(platform, product, stars, review_text, review_time,
                    created_at, updated_at)
                 VALUES ('taobao', '毛衣', 2, '衣服起球了', ?1, ?1, ?1)",
            )
            .unwrap();
        for _ in 0..n {
            stmt.execute([at()]).unwrap();
        }
        drop(stmt);
        tx.commit().unwrap();
    }
    let summary = retriage_all(&mut conn, at(), &mut |_, _| false).unwrap();
    assert!(summary.cancelled);
    assert_eq!(summary.processed, RETRIAGE_BATCH as u64);
    let labelled: i64 = conn
        .query_row(
            "SELECT count(*) FROM cases WHERE primary_cause = 'quality'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        labelled, RETRIAGE_BATCH as i64,
        "the finished batch is kept"
    );
}

#[test]
fn urgent_view_and_counts() {
    let mut conn = db::open_in_memory().unwrap();
    let calm = intake::add_case(&mut conn, &new_case("有点起球", "毛衣"), "t", at()).unwrap();
    let urgent = intake::add_case(&mut conn, &new_case("漏电了", "水壶"), "t", at()).unwrap();
    let flagged = intake::add_case(
        &mut conn,
        &new_case("颜色发错了，我要退货", "毛衣"),
        "t",
        at(),
    )
    .unwrap();
    let ids: Vec<i64> = urgent_cases(&conn, 0)
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(ids, vec![urgent.id, flagged.id]);
    assert!(!ids.contains(&calm.id));
    let counts = cause_counts(&conn, true).unwrap();
    let total: u32 = counts.iter().map(|c| c.count).sum();
    assert_eq!(total, 3);
    assert!(counts
        .iter()
        .any(|c| c.cause == Cause::ShippingError && c.count == 1));
}

#[test]
fn config_round_trip() {
    let conn = db::open_in_memory().unwrap();
    assert_eq!(
        config(&conn).unwrap().high_value_cents,
        DEFAULT_HIGH_VALUE_CENTS
    );
    set_config(
        &conn,
        &TriageConfig {
            high_value_cents: 20_000,
        },
    )
    .unwrap();
    assert_eq!(load_rules(&conn).unwrap().high_value_cents(), 20_000);
    let bad = set_config(
        &conn,
        &TriageConfig {
            high_value_cents: -1,
        },
    );
    assert_eq!(bad.unwrap_err().code(), "validation.negative");
}

#[test]
fn eval_hash_is_stable() {
    assert_eq!(eval::text_hash(""), "811c9dc5");
    assert_eq!(eval::text_hash("a"), "e40c292c");
}
