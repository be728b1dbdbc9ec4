use super::checker::{check_in_context, Context};
use super::library::{builtin_body, parse_builtin_key, VARIANTS};
use super::template::parse;
use super::*;
use crate::cases::EventKind;
use crate::cases::{self, Cause, NewCase, Platform};
use crate::clock::{Clock, FixedClock};
use crate::common::Lang;
use crate::db::open_in_memory;
use crate::intake;
use crate::remedies::{OfferedRemedy, RemedyKind};
use rusqlite::Connection;

fn now() -> chrono::DateTime<chrono::Utc> {
    FixedClock::at("2026-11-20T04:00:00Z").now()
}

fn codes(f: &[Finding]) -> Vec<&str> {
    f.iter().map(|f| f.code.as_str()).collect()
}

fn has(f: &[Finding], code: &str) -> bool {
    f.iter().any(|x| x.code == code)
}

fn find<'a>(f: &'a [Finding], code: &str) -> &'a Finding {
    f.iter()
        .find(|x| x.code == code)
        .unwrap_or_else(|| panic!("no {code} in {:?}", codes(f)))
}

fn new_case(conn: &mut Connection, platform: &str, product: &str, text: &str) -> cases::Case {
    let input = NewCase {
        platform: platform.into(),
        shop: "小林家居".into(),
        product: product.into(),
        stars: 1,
        review_text: text.into(),
        buyer_nick: "小雨点".into(),
        order_id: "2026112312345".into(),
        buyer_phone: "13812345678".into(),
        ..Default::default()
    };
    intake::add_case(conn, &input, "店主", now()).unwrap()
}

// ---------- template language ----------

fn render(body: &str, lookup: &[(&str, &str)]) -> String {
    let t = parse(body).unwrap();
    t.render(
        &|n| {
            lookup
                .iter()
                .find(|(k, _)| *k == n)
                .map(|(_, v)| (*v).to_string())
        },
        &|n| {
            if n == "buyer" {
                "亲".into()
            } else {
                String::new()
            }
        },
    )
}

#[test]
fn variables_fill_and_fall_back() {
    assert_eq!(
        render(
            "{buyer|亲}您好，{product}的事",
            &[("buyer", "小雨"), ("product", "水壶")]
        ),
        "小雨您好，水壶的事"
    );
    // Empty value: the template's own fallback, else the variable's default.
    assert_eq!(render("{buyer|朋友}您好", &[("buyer", "")]), "朋友您好");
    assert_eq!(render("{buyer}您好", &[]), "亲您好");
    assert_eq!(render("订单{order|}号", &[]), "订单号");
    // Literal braces.
    assert_eq!(
        render("{{不是变量}} {shop}", &[("shop", "A")]),
        "{不是变量} A"
    );
    let t = parse("{buyer}{shop}{buyer|x}").unwrap();
    assert_eq!(t.variables(), vec!["buyer", "shop"]);
}

#[test]
fn unknown_variable_is_named_with_its_position() {
    let p = validate_template("您好\n关于{prodcut}的问题");
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].code, "template.unknown_variable");
    assert_eq!(p[0].variable.as_deref(), Some("prodcut"));
    assert_eq!((p[0].line, p[0].column), (2, 3));
    assert_eq!((p[0].span.start, p[0].span.end), (5, 14));
    assert!(p[0].message_en.contains("{prodcut}") && p[0].message_en.contains("line 2"));
    assert!(p[0].message_zh.contains("{prodcut}"));
}

#[test]
fn every_problem_is_reported_and_braces_are_checked() {
    let p = validate_template("{a} ok {shop} {b|x}");
    assert_eq!(
        p.iter().map(|p| p.variable.as_deref()).collect::<Vec<_>>(),
        vec![Some("a"), Some("b")]
    );
    let p = validate_template("您好 {buyer");
    assert_eq!(p[0].code, "template.unclosed_brace");
    assert_eq!(p[0].variable.as_deref(), Some("buyer"));
    assert_eq!(p[0].column, 4);
    let p = validate_template("{buyer\n}");
    assert_eq!(p[0].code, "template.unclosed_brace");
    let p = validate_template("多了 } 一个");
    assert_eq!(p[0].code, "template.stray_brace");
    let p = validate_template("{buyer|{shop}}");
    assert_eq!(p[0].code, "template.nested_brace");
    let p = validate_template("{} {|x}");
    assert!(p.iter().all(|p| p.code == "template.empty_variable"));
    assert_eq!(validate_template("  ")[0].code, "template.empty");
    assert!(validate_template("{buyer|亲}您好，{product}").is_empty());
}

#[test]
fn spans_count_utf16_units() {
    let p = validate_template("😀{nope}");
    assert_eq!((p[0].span.start, p[0].span.end), (2, 8));
}

// ---------- built-in library ----------

#[test]
fn builtins_parse_name_the_case_and_differ() {
    for &cause in Cause::ALL {
        for &channel in Channel::ALL {
            for &lang in Lang::ALL {
                let mut bodies = Vec::new();
                for n in 0..VARIANTS {
                    let b = builtin_body(cause, channel, lang, n).unwrap();
                    let t =
                        parse(&b).unwrap_or_else(|p| panic!("{cause}/{channel}/{lang}/{n}: {p:?}"));
                    let vars = t.variables();
                    assert!(
                        vars.contains(&"problem") || vars.contains(&"product"),
                        "{cause}/{channel}/{lang}/{n} must name the product or the problem"
                    );
                    if channel != Channel::Phone {
                        assert!(
                            vars.contains(&"problem"),
                            "{cause}/{channel}/{lang}/{n} must name the problem"
                        );
                    }
                    if channel == Channel::Public {
                        assert!(!vars.contains(&"buyer") && !vars.contains(&"order"));
                    }
                    if channel == Channel::Phone {
                        assert!(vars.contains(&"followup"));
                    }
                    bodies.push(b);
                }
                let mut distinct = bodies.clone();
                distinct.sort();
                distinct.dedup();
                assert_eq!(
                    distinct.len(),
                    VARIANTS as usize,
                    "{cause}/{channel}/{lang}"
                );
            }
        }
    }
    assert_eq!(
        parse_builtin_key("quality.public.zh.1"),
        Some((Cause::Quality, Channel::Public, Lang::Zh, 0))
    );
    assert_eq!(parse_builtin_key("quality.public.zh.7"), None);
    assert_eq!(parse_builtin_key("quality.fax.zh.1"), None);
}

#[test]
fn problem_phrases_are_clean_for_the_checker() {
    for p in super::problems::all_phrases() {
        let f = check(p, Platform::Taobao, Channel::Public, Lang::Zh);
        let bad: Vec<_> = f
            .iter()
            .filter(|f| !f.code.starts_with("structure."))
            .collect();
        assert!(bad.is_empty(), "{p}: {:?}", codes(&f));
    }
}

#[test]
fn names_the_specific_problem() {
    assert_eq!(
        problem_phrase("壶底漏水，用了两天", Cause::Quality, Lang::Zh),
        "漏水"
    );
    assert_eq!(
        problem_phrase("色差很大，而且物流太慢", Cause::NotAsDescribed, Lang::Zh),
        "色差"
    );
    // Two problems of the cause are both named; the delivery is another cause's.
    assert_eq!(
        problem_phrase(
            "色差很大，尺码也偏小，物流太慢",
            Cause::NotAsDescribed,
            Lang::Zh
        ),
        "色差、尺码偏小"
    );
    assert_eq!(
        problem_phrase(
            "It runs small and is see-through",
            Cause::NotAsDescribed,
            Lang::En
        ),
        "the size running small and the see-through fabric"
    );
    assert_eq!(
        problem_phrase("Stopped working after a week", Cause::Quality, Lang::Zh),
        "商品故障"
    );
    // Nothing specific: the cause's own words.
    assert_eq!(
        problem_phrase("一般般吧", Cause::Other, Lang::Zh),
        "体验不理想"
    );
    // Longest word wins at a position: 物流慢 is not just 物流.
    assert_eq!(
        problem_phrase("物流慢", Cause::Logistics, Lang::Zh),
        "配送太慢"
    );
}

#[test]
fn long_titles_are_shortened() {
    assert_eq!(
        super::facts::short_product("2024新款夏季女装连衣裙 韩版宽松显瘦中长款", Lang::Zh),
        "2024新款夏季女装连衣裙"
    );
    assert_eq!(
        super::facts::short_product(
            "Echo Dot (3rd Gen) - Smart speaker with Alexa - Charcoal",
            Lang::En
        ),
        "Echo Dot (3rd Gen)"
    );
    assert_eq!(
        super::facts::short_product("电热水壶", Lang::Zh),
        "电热水壶"
    );
}

#[test]
fn remedies_are_named_with_amounts_only_in_private() {
    use super::remedy_text::{money, remedy_phrase};
    let r = OfferedRemedy {
        kind: RemedyKind::PartialRefund,
        value_cents: Some(2000),
        currency: "CNY".into(),
        description: String::new(),
    };
    let private = remedy_phrase(
        Some(&r),
        Cause::Quality,
        None,
        Platform::Taobao,
        Lang::Zh,
        false,
    );
    assert_eq!(private, "为您退款¥20作为补偿");
    let public = remedy_phrase(
        Some(&r),
        Cause::Quality,
        None,
        Platform::Taobao,
        Lang::Zh,
        true,
    );
    assert!(!public.contains("20"), "{public}");
    let en = OfferedRemedy {
        kind: RemedyKind::Coupon,
        value_cents: Some(550),
        currency: "USD".into(),
        description: "valid 90 days".into(),
    };
    assert_eq!(
        remedy_phrase(
            Some(&en),
            Cause::Price,
            None,
            Platform::Amazon,
            Lang::En,
            false
        ),
        "send you a $5.50 coupon to make up for it (valid 90 days)"
    );
    // A malicious review never gets a concession in public, whatever was offered.
    let m = remedy_phrase(
        Some(&r),
        Cause::Malicious,
        None,
        Platform::Taobao,
        Lang::Zh,
        true,
    );
    assert_eq!(m, "按平台规则为您办理退换");
    // No remedy yet: a suggestion for the cause, with no invented amount.
    let s = remedy_phrase(
        None,
        Cause::ShippingError,
        None,
        Platform::Meituan,
        Lang::Zh,
        false,
    );
    assert!(s.contains("补送") && !s.chars().any(|c| c.is_ascii_digit()));
    assert_eq!(money(1999, "USD"), "$19.99");
    assert_eq!(money(500, "JPY"), "¥500");
    assert_eq!(money(1250, "SEK"), "12.50 SEK");
}

#[test]
fn the_suggested_remedy_follows_the_problem() {
    use super::remedy_text::remedy_phrase;
    use crate::problems::Fit;
    // A rude courier under logistics: an apology and a commitment, not new goods.
    let staff = remedy_phrase(
        None,
        Cause::Logistics,
        Some(Fit::Staff),
        Platform::Taobao,
        Lang::Zh,
        true,
    );
    assert!(staff.contains("道歉") && !staff.contains("补发"), "{staff}");
    let visit = remedy_phrase(
        None,
        Cause::Service,
        Some(Fit::Appointment),
        Platform::Jd,
        Lang::En,
        true,
    );
    assert!(visit.contains("book a new time") && !visit.contains("refund"));
    // Faulty goods keep the cause's own suggestion.
    assert_eq!(
        remedy_phrase(
            None,
            Cause::Quality,
            Some(Fit::Goods),
            Platform::Taobao,
            Lang::Zh,
            true
        ),
        super::remedy_text::suggested_phrase(Cause::Quality, Platform::Taobao, Lang::Zh)
    );
    // A malicious review is never offered a concession, whatever the problem.
    assert_eq!(
        remedy_phrase(
            None,
            Cause::Malicious,
            Some(Fit::Fees),
            Platform::Taobao,
            Lang::Zh,
            true
        ),
        "按平台规则为您办理退换"
    );
    // Every suggestion passes the checker in public.
    for f in Fit::ALL {
        for lang in [Lang::Zh, Lang::En] {
            for platform in [Platform::Taobao, Platform::Meituan, Platform::Amazon] {
                let Some(p) = super::remedy_text::fitted_phrase(*f, platform, lang) else {
                    continue;
                };
                let found = check(p, platform, Channel::Public, lang);
                let bad: Vec<_> = found
                    .iter()
                    .filter(|f| !f.code.starts_with("structure."))
                    .collect();
                assert!(bad.is_empty(), "{p}: {:?}", codes(&found));
            }
        }
    }
}

#[test]
fn a_rude_courier_gets_an_apology_not_new_goods() {
    let mut conn = open_in_memory().unwrap();
    let c = new_case(
        &mut conn,
        "taobao",
        "不锈钢电热水壶 1.7L",
        "快递员态度恶劣，不送上楼还骂人",
    );
    let ds = drafts_for_case(&conn, c.id, None, None).unwrap();
    assert_eq!(
        ds[0].problem.fit,
        Some(crate::problems::Fit::Staff),
        "{:?}",
        ds[0].problem
    );
    assert!(ds[0].text.contains("专人跟进"), "{}", ds[0].text);
}

// ---------- drafting ----------

#[test]
fn three_drafts_follow_the_case_and_pass_the_checker() {
    let mut conn = open_in_memory().unwrap();
    let c = new_case(
        &mut conn,
        "taobao",
        "不锈钢电热水壶 1.7L",
        "壶底漏水，用了两天就坏了",
    );
    let ds = drafts_for_case(&conn, c.id, None, None).unwrap();
    assert_eq!(
        ds.iter().map(|d| d.channel).collect::<Vec<_>>(),
        vec![Channel::Public, Channel::Private, Channel::Phone]
    );
    for d in &ds {
        assert_eq!(d.lang, Lang::Zh);
        assert!(d.text.contains("漏水"), "{}", d.text);
        assert!(d.text.contains("不锈钢电热水壶"), "{}", d.text);
        assert!(
            d.findings.iter().all(|f| f.severity == Severity::Info),
            "{:?}\n{}",
            codes(&d.findings),
            d.text
        );
        assert_eq!(d.variants, VARIANTS);
    }
    let public = &ds[0];
    assert!(!public.text.contains("小雨点") && !public.text.contains("2026112312345"));
    assert!(public.text.contains("旺旺"));
    assert_eq!(public.cap, Some(500));
    assert!(ds[1].text.contains("小雨点"));
    assert!(ds[2].text.contains("【第一步"));
    // Switch language.
    let en = drafts_for_case(&conn, c.id, Some(Lang::En), None).unwrap();
    assert!(en
        .iter()
        .all(|d| d.lang == Lang::En && d.text.contains("leak")));
}

#[test]
fn english_case_drafts_in_english() {
    let mut conn = open_in_memory().unwrap();
    let c = new_case(
        &mut conn,
        "amazon",
        "Echo Dot",
        "Stopped working after a week and the sound is awful",
    );
    assert_eq!(c.lang, Lang::En);
    let ds = drafts_for_case(&conn, c.id, None, None).unwrap();
    for d in &ds {
        assert_eq!(d.lang, Lang::En);
        // The buyer's own complaint, naming the item once.
        assert!(
            d.text.contains("Echo Dot stopping working after a week")
                && !d.text.contains("after a week with your Echo Dot"),
            "{}",
            d.text
        );
        assert!(!has_blocking(&d.findings));
    }
    assert!(ds
        .iter()
        .all(|d| !d.text.contains("旺旺") && !d.text.contains("亲")));
    assert_eq!(ds[0].cap, Some(500));
}

#[test]
fn another_version_and_rotation() {
    let mut conn = open_in_memory().unwrap();
    let a = new_case(&mut conn, "jd", "蓝牙耳机", "音质很差，有杂音，质量不行");
    let b = new_case(&mut conn, "jd", "蓝牙耳机", "音质很差，有杂音，质量不行");
    let first = draft_for_channel(&conn, a.id, Channel::Public, None, None).unwrap();
    // Reading does not rotate.
    let again = draft_for_channel(&conn, a.id, Channel::Public, None, None).unwrap();
    assert_eq!(first.text, again.text);
    // "Another version".
    let next =
        draft_for_channel(&conn, a.id, Channel::Public, None, Some(first.variant + 1)).unwrap();
    assert_ne!(next.text, first.text);
    assert_eq!(next.variant, (first.variant + 1) % VARIANTS);
    // Copy a's reply: b (same shop, same words) gets the next variant, never the same text.
    let ev = record_copy(
        &conn,
        a.id,
        Channel::Public,
        first.variant,
        &first.text,
        now(),
    )
    .unwrap();
    assert_eq!(ev.kind, EventKind::DraftCopied);
    assert_eq!(ev.field.as_deref(), Some("public"));
    assert_eq!(ev.new_value.as_deref(), Some(first.text.as_str()));
    let hist = cases::history(&conn, a.id).unwrap();
    assert!(hist.iter().any(|e| e.kind == EventKind::DraftCopied));
    let mut prev = first;
    for _ in 0..(VARIANTS * 2) {
        let d = draft_for_channel(&conn, b.id, Channel::Public, None, None).unwrap();
        assert_ne!(d.text, prev.text);
        assert_eq!(d.variant, (prev.variant + 1) % VARIANTS);
        record_copy(&conn, b.id, Channel::Public, d.variant, &d.text, now()).unwrap();
        prev = d;
    }
    // Even an explicit seed does not repeat the text just copied.
    let same = draft_for_channel(&conn, b.id, Channel::Public, None, Some(prev.variant)).unwrap();
    assert_ne!(same.text, prev.text);
    assert!(record_copy(&conn, b.id, Channel::Public, 0, "  ", now()).is_err());
    assert_eq!(
        record_copy(&conn, 999, Channel::Public, 0, "x", now())
            .unwrap_err()
            .code(),
        "not_found"
    );
}

#[test]
fn tight_caps_get_a_brief_reply() {
    let mut conn = open_in_memory().unwrap();
    let c = new_case(
        &mut conn,
        "pinduoduo",
        "Echo Dot (3rd Gen) Smart speaker",
        "The price dropped a week later, not worth it at all, poor value",
    );
    let d = draft_for_channel(&conn, c.id, Channel::Public, Some(Lang::En), None).unwrap();
    assert_eq!(d.cap, Some(200));
    assert!(d.chars <= 200, "{} {}", d.chars, d.text);
    assert!(
        d.findings.iter().all(|f| f.severity == Severity::Info),
        "{:?}",
        codes(&d.findings)
    );
}

#[test]
fn template_library_crud() {
    let mut conn = open_in_memory().unwrap();
    let all = list_templates(&conn, &TemplateFilter::default()).unwrap();
    assert_eq!(all.len(), 10 * 3 * 2 * VARIANTS as usize);
    let f = TemplateFilter {
        cause: Some(Cause::Quality),
        channel: Some(Channel::Public),
        lang: Some(Lang::Zh),
    };
    let q = list_templates(&conn, &f).unwrap();
    assert_eq!(q.len(), VARIANTS as usize);
    assert!(q
        .iter()
        .all(|t| t.source == TemplateSource::Builtin && t.enabled));

    // Edit a built-in, then reset it.
    let key = "quality.public.zh.1";
    let edited = save_template(
        &conn,
        key,
        "非常抱歉{product}出现{problem}，我们可以{remedy}，质检已加强，欢迎随时联系。",
        now(),
    )
    .unwrap();
    assert_eq!(edited.source, TemplateSource::Edited);
    assert_ne!(Some(edited.body.clone()), edited.builtin_body);
    let err = save_template(&conn, key, "您好{buyr}", now()).unwrap_err();
    assert_eq!(err.code(), "validation.template_unknown_variable");
    assert!(err.to_string().contains("{buyr}") && err.to_string().contains("column 3"));
    let reset = reset_template(&conn, key).unwrap();
    assert_eq!(reset.source, TemplateSource::Builtin);
    assert_eq!(Some(reset.body), reset.builtin_body);

    // The owner's own template joins the pool and can be drafted from.
    let own = add_template(
        &conn,
        &NewTemplate {
            cause: Cause::Quality,
            channel: Channel::Public,
            lang: Lang::Zh,
            body: "亲，{product}出现{problem}真的很抱歉。我们{remedy}，也已经加强质检。欢迎随时找我们。——{signoff}".into(),
        },
        now(),
    )
    .unwrap();
    assert_eq!(own.source, TemplateSource::Owner);
    assert!(own.key.starts_with("owner."));
    let c = new_case(&mut conn, "taobao", "电热水壶", "漏水");
    // The owner's template is for quality; the case is filed there whatever triage read.
    cases::set_labels(&mut conn, c.id, Cause::Quality, &[], 1, "店主", now()).unwrap();
    let d = draft_for_channel(&conn, c.id, Channel::Public, None, Some(VARIANTS)).unwrap();
    assert_eq!(d.template_key, own.key);
    assert_eq!(d.variants, VARIANTS + 1);
    assert!(d.text.starts_with("亲，电热水壶出现漏水真的很抱歉。"));
    assert!(d.text.ends_with("——小林家居"));

    // Disable: a disabled built-in leaves the pool; the last one cannot be disabled.
    for n in 1..=VARIANTS {
        set_template_enabled(&conn, &format!("quality.public.zh.{n}"), false, now()).unwrap();
    }
    let d = draft_for_channel(&conn, c.id, Channel::Public, None, None).unwrap();
    assert_eq!(d.template_key, own.key);
    let err = set_template_enabled(&conn, &own.key, false, now()).unwrap_err();
    assert_eq!(err.code(), "validation.template_last_enabled");
    assert_eq!(
        delete_template(&conn, &own.key).unwrap_err().code(),
        "validation.template_last_enabled"
    );
    set_template_enabled(&conn, "quality.public.zh.2", true, now()).unwrap();
    delete_template(&conn, &own.key).unwrap();
    assert_eq!(
        get_template(&conn, &own.key).unwrap_err().code(),
        "not_found"
    );
    assert_eq!(
        delete_template(&conn, "quality.public.zh.2")
            .unwrap_err()
            .code(),
        "validation.template_not_owner"
    );
    assert_eq!(
        reset_template(&conn, "owner.12345").unwrap_err().code(),
        "validation.template_not_builtin"
    );
    assert_eq!(get_template(&conn, "nope").unwrap_err().code(), "not_found");
    // Saving the shipped text back is a reset.
    let shipped = builtin_body(Cause::Quality, Channel::Public, Lang::Zh, 2).unwrap();
    let e = save_template(&conn, "quality.public.zh.3", &shipped, now()).unwrap();
    assert_eq!(e.source, TemplateSource::Builtin);
    assert!(!template_variables().is_empty());
}

#[test]
fn signoff_preferences() {
    let mut conn = open_in_memory().unwrap();
    assert_eq!(get_prefs(&conn).unwrap(), DraftPrefs::default());
    let p = save_prefs(
        &conn,
        &DraftPrefs {
            signoff_zh: "  小林家居 阿林 ".into(),
            signoff_en: "Lin, Xiaolin Home".into(),
        },
    )
    .unwrap();
    assert_eq!(p.signoff_zh, "小林家居 阿林");
    assert!(save_prefs(
        &conn,
        &DraftPrefs {
            signoff_zh: "{shop}".into(),
            ..Default::default()
        }
    )
    .is_err());
    let c = new_case(&mut conn, "taobao", "电热水壶", "漏水");
    let d = draft_for_channel(&conn, c.id, Channel::Private, None, None).unwrap();
    assert!(d.text.ends_with("小林家居 阿林"), "{}", d.text);
}

#[test]
fn preview_renders_an_owner_template() {
    let mut conn = open_in_memory().unwrap();
    // A whole complaint: a bare "漏水" reads as a leaking parcel (food delivery) as often
    // as a leaking product.
    let c = new_case(&mut conn, "taobao", "电热水壶", "质量太差，烧水漏水");
    let d = preview_template(
        &conn,
        c.id,
        Channel::Private,
        Lang::Zh,
        "{buyer|亲}，{product}{problem}的事，{change}",
    )
    .unwrap();
    assert!(
        d.text.starts_with("小雨点，电热水壶漏水的事，"),
        "{}",
        d.text
    );
    assert!(preview_template(&conn, c.id, Channel::Private, Lang::Zh, "{x").is_err());
}

// ---------- checker ----------

fn public_zh(t: &str) -> Vec<Finding> {
    check(t, Platform::Taobao, Channel::Public, Lang::Zh)
}

fn private(t: &str) -> Vec<Finding> {
    check(t, Platform::Taobao, Channel::Private, Lang::Zh)
}

#[test]
fn checker_rules_compile() {
    super::checker::rules_compile().unwrap();
}

#[test]
fn compliance_blocks_incentives_for_reviews() {
    let tied = [
        "好评返现5元，联系客服领取。",
        "亲，改成好评后我们马上给您退款。",
        "您把差评删了我们就给您补发一件。",
        "退款可以给您，但是您得把评价改一下。",
        "追评返现金红包哦。",
        "删评给您20元。",
        "如果您修改评价，我们送您一张优惠券。",
        "晒图好评送小礼品。",
        "Update your review and we will refund you.",
        "We'll send you a $10 gift card in exchange for a 5-star review.",
        "If you change your rating to 5 stars, we'll send you a free gift.",
        "You'll get a full refund once you remove the review.",
        "Leave a 5-star review to get a coupon for your next order.",
    ];
    for t in tied {
        let f = private(t);
        assert!(
            has(&f, "compliance.review_incentive"),
            "{t}: {:?}",
            codes(&f)
        );
        let x = find(&f, "compliance.review_incentive");
        assert_eq!(x.severity, Severity::Blocking, "{t}");
        assert!(x.span.is_some() && !x.excerpt.is_empty());
        assert!(x.message_zh.contains("诱导") && x.message_en.contains("inducement"));
    }
}

#[test]
fn compliance_allows_an_unconditional_request_to_reconsider() {
    let fine = [
        "问题解决后，如果您愿意，可以修改一下评价，完全由您决定。",
        "If you are satisfied that we have resolved your concerns, it is possible to update or remove the feedback you originally provided.",
        "无论您是否修改评价，退款都会照常处理。",
        "We'll refund you in full regardless of your review.",
        "看到您的评价后，我们马上为您办理退款。",
        "我们不会以修改评价为条件提供任何补偿。",
        "Thank you for your review. We will send a replacement today.",
        "感谢您的好评，我们会继续为大家包邮。",
    ];
    for t in fine {
        let f = private(t);
        assert!(
            !f.iter().any(|x| x.code.starts_with("compliance.")),
            "{t}: {:?}",
            codes(&f)
        );
    }
    // Same sentence, no tie: a gentle suggestion, not a block.
    let f = private("退款已经为您办好了，如果您满意，可以修改一下评价。");
    assert_eq!(
        find(&f, "compliance.keep_separate").severity,
        Severity::Info
    );
    assert!(!has_blocking(&f));
    let f = private("麻烦您给个好评吧。");
    assert_eq!(find(&f, "compliance.ask_positive").severity, Severity::Info);
}

#[test]
fn remedy_notes_get_the_same_compliance_rule() {
    let f = check_remedy_note("部分退款20元，买家改好评后返现", Platform::Taobao);
    assert_eq!(
        find(&f, "compliance.review_incentive").severity,
        Severity::Blocking
    );
    assert!(check_remedy_note("部分退款20元，补偿漏水问题", Platform::Taobao).is_empty());
    assert!(
        check_remedy_note("Refund $15 once they delete the review", Platform::Amazon)
            .iter()
            .any(|f| f.severity == Severity::Blocking)
    );
    assert!(check_remedy_note("Refund $15 for the broken handle", Platform::Amazon).is_empty());
}

#[test]
fn blame_hardship_insult_and_heat() {
    let f = private("这明明是您自己没看清楚。");
    assert!(has(&f, "tone.blame"));
    assert_eq!(find(&f, "tone.blame").severity, Severity::Warning);
    let f = check(
        "You should have read the description, it's your fault.",
        Platform::Amazon,
        Channel::Private,
        Lang::En,
    );
    // One finding per sentence, its accusations each marked as a part.
    let blame: Vec<_> = f.iter().filter(|x| x.code == "tone.blame").collect();
    assert_eq!(blame.len(), 1, "{:?}", codes(&f));
    let accused: Vec<&str> = blame[0]
        .parts
        .iter()
        .filter(|p| p.role == PartRole::Accusation)
        .map(|p| p.excerpt.as_str())
        .collect();
    assert_eq!(
        accused,
        ["You should have", "read the description", "your fault"],
        "{:?}",
        blame[0].parts
    );
    assert!(!has(
        &private("非常抱歉给您添麻烦了，我们马上处理。"),
        "tone.blame"
    ));

    let f = private("我们小本生意，差评要扣钱的。");
    assert!(has(&f, "tone.hardship"));
    let f = check(
        "We're a small business and this hurts our business.",
        Platform::Shopify,
        Channel::Private,
        Lang::En,
    );
    assert!(has(&f, "tone.hardship"));
    assert!(!has(&private("我们会加强质检。"), "tone.hardship"));

    assert_eq!(
        find(&private("垃圾买家"), "tone.insult").severity,
        Severity::Blocking
    );
    assert!(!has(&private("您买的垃圾桶漏了"), "tone.insult"));
    assert_eq!(
        find(&private("怎么会这样！！"), "tone.heat").severity,
        Severity::Info
    );

    let f = public_zh("这是快递的问题，跟我们无关。");
    assert!(has(&f, "tone.blame_courier") && has(&f, "tone.blame"));
    assert!(!has(&private("这是快递的问题"), "tone.blame_courier"));
}

#[test]
fn gender_is_not_guessed_on_the_phone() {
    let f = check(
        "请问是王女士吗？",
        Platform::Taobao,
        Channel::Phone,
        Lang::Zh,
    );
    assert!(has(&f, "tone.gender_guess"));
    let f = check(
        "Hello sir, is this the account holder?",
        Platform::Amazon,
        Channel::Phone,
        Lang::En,
    );
    assert!(has(&f, "tone.gender_guess"));
    let f = check(
        "关于您买的女士针织连衣裙",
        Platform::Taobao,
        Channel::Phone,
        Lang::Zh,
    );
    assert!(!has(&f, "tone.gender_guess"));
}

#[test]
fn unfilled_variables_block() {
    let f = private("{buyer}您好，{product|商品}的事");
    assert_eq!(
        f.iter().filter(|x| x.code == "template.unfilled").count(),
        2
    );
    assert!(!has(&private("您好，这是商品的事"), "template.unfilled"));
}

#[test]
fn personal_data_in_public_replies() {
    let blocked = [
        ("请拨打13812345678联系", "pii.phone"),
        ("号码 138 1234 5678", "pii.phone"),
        ("座机010-12345678", "pii.phone"),
        ("call (415) 555-0100", "pii.phone"),
        ("身份证110101199003071234", "pii.id_number"),
        ("邮箱 lin@example.com", "pii.email"),
        ("寄到杭州市西湖区文三路100号", "pii.address"),
        ("放在3号楼2单元门口", "pii.address"),
        ("sent to 221 Baker Street", "pii.address"),
        ("收件人：张伟", "pii.name"),
    ];
    for (t, code) in blocked {
        let f = public_zh(t);
        assert_eq!(
            find(&f, code).severity,
            Severity::Blocking,
            "{t}: {:?}",
            codes(&f)
        );
        // Private messages may carry them: the buyer is the reader.
        assert!(
            !private(t).iter().any(|x| x.code.starts_with("pii.")),
            "{t}"
        );
    }
    assert_eq!(
        find(&public_zh("王先生您好"), "pii.name").severity,
        Severity::Warning
    );
    assert_eq!(
        find(&public_zh("Dear Jane Smith, sorry"), "pii.name").severity,
        Severity::Warning
    );
    assert_eq!(
        find(&public_zh("尾号138****5678"), "pii.masked_phone").severity,
        Severity::Warning
    );
    // An order number is not a phone number.
    assert!(!has(
        &public_zh("订单3100000000000000001已处理"),
        "pii.phone"
    ));
    // Facts of the case.
    let ctx = Context {
        buyer_nick: Some("小雨点"),
        order_id: Some("2026112312345"),
        phone: Some("139 0000 1111"),
    };
    let f = check_in_context(
        "小雨点您好，订单2026112312345，电话13900001111",
        Platform::Taobao,
        Channel::Public,
        Lang::Zh,
        &ctx,
    );
    assert!(has(&f, "pii.buyer_nick") && has(&f, "pii.order_id") && has(&f, "pii.phone"));
}

#[test]
fn live_check_on_a_case_knows_its_facts() {
    let mut conn = open_in_memory().unwrap();
    let c = new_case(&mut conn, "taobao", "电热水壶", "壶底漏水");
    let typed = "小雨点您好，订单2026112312345的问题非常抱歉";
    let f = check_for_case(&conn, c.id, typed, Channel::Public, Lang::Zh).unwrap();
    assert!(
        has(&f, "pii.buyer_nick") && has(&f, "pii.order_id"),
        "{:?}",
        codes(&f)
    );
    // The plain checker cannot know the nickname is this buyer's.
    assert!(!has(
        &check(typed, Platform::Taobao, Channel::Public, Lang::Zh),
        "pii.buyer_nick"
    ));
    // In a private message the buyer is the reader.
    let f = check_for_case(&conn, c.id, typed, Channel::Private, Lang::Zh).unwrap();
    assert!(!f.iter().any(|x| x.code.starts_with("pii.")));
    assert_eq!(
        check_for_case(&conn, 999, typed, Channel::Public, Lang::Zh)
            .unwrap_err()
            .code(),
        "not_found"
    );
}

#[test]
fn blocked_text_is_refused_before_copying() {
    let mut conn = open_in_memory().unwrap();
    let c = new_case(&mut conn, "taobao", "电热水壶", "壶底漏水");
    let d = draft_for_channel(&conn, c.id, Channel::Private, None, None).unwrap();
    ensure_sendable(&conn, c.id, Channel::Private, d.lang, &d.text).unwrap();
    let bad = format!("{}好评返现5元。", d.text);
    let e = ensure_sendable(&conn, c.id, Channel::Private, d.lang, &bad).unwrap_err();
    assert_eq!(e.code(), "drafts.blocked");
    assert!(e.to_string().contains("compliance."), "{e}");
    // The case's own phone number in a public reply is blocked too.
    let e = ensure_sendable(
        &conn,
        c.id,
        Channel::Public,
        Lang::Zh,
        "您好，请拨13812345678",
    )
    .unwrap_err();
    assert!(e.to_string().contains("pii.phone"), "{e}");
}

#[test]
fn length_caps_per_platform() {
    let base = "非常抱歉给您添麻烦了，我们会为您退款，已加强质检，欢迎随时联系。";
    let pad = |n: usize| {
        let mut s = base.to_string();
        while s.chars().count() < n {
            s.push('好');
        }
        s
    };
    assert!(!has(
        &check(&pad(500), Platform::Taobao, Channel::Public, Lang::Zh),
        "length.over_cap"
    ));
    let f = check(&pad(501), Platform::Taobao, Channel::Public, Lang::Zh);
    let x = find(&f, "length.over_cap");
    assert_eq!(x.severity, Severity::Blocking);
    assert!(x.message_en.contains("501/500"));
    assert!(has(
        &check(&pad(201), Platform::Pinduoduo, Channel::Public, Lang::Zh),
        "length.over_cap"
    ));
    assert!(!has(
        &check(&pad(900), Platform::Pinduoduo, Channel::Phone, Lang::Zh),
        "length.over_cap"
    ));
    assert_eq!(
        find(
            &check(&pad(900), Platform::Taobao, Channel::Private, Lang::Zh),
            "length.long_private"
        )
        .severity,
        Severity::Info
    );
    assert_eq!(public_reply_cap(Platform::Tmall), 500);
    assert_eq!(channel_cap(Platform::Amazon, Channel::Private), None);
}

#[test]
fn structure_parts_per_channel() {
    let complete = "非常抱歉水壶漏水给您添麻烦了。麻烦您发几张照片给我。我们可以为您换新。我们已加强质检。有问题随时联系我们。";
    assert!(
        private(complete).is_empty(),
        "{:?}",
        codes(&private(complete))
    );
    let f = private("我们会处理的。");
    for code in [
        "structure.missing_acknowledge",
        "structure.missing_ask",
        "structure.missing_remedy",
        "structure.missing_change",
        "structure.missing_invite",
    ] {
        assert_eq!(find(&f, code).severity, Severity::Warning, "{code}");
    }
    // In public, asking for details is optional.
    let f = public_zh("非常抱歉水壶漏水。我们可以为您换新。我们已加强质检。欢迎随时联系我们。");
    assert_eq!(find(&f, "structure.missing_ask").severity, Severity::Info);
    assert!(!has_blocking(&f));
    // Remedy before the apology reads as brushing off.
    assert!(has(
        &public_zh("为您退款。非常抱歉。已加强质检。欢迎联系。"),
        "structure.order"
    ));
    // Phone: identity, two apologies, a concrete time.
    let f = check(
        "我们可以为您换新。",
        Platform::Taobao,
        Channel::Phone,
        Lang::Zh,
    );
    for code in [
        "structure.phone_identity",
        "structure.phone_apologies",
        "structure.phone_time",
    ] {
        assert!(has(&f, code), "{code}");
    }
    let ok = "您好，请问是小雨点吗？非常抱歉给您添麻烦了，麻烦说一下具体情况。我们可以为您换新，已加强质检。明天中午12点我再联系您。再次道歉，欢迎随时联系我们。";
    let f = check(ok, Platform::Taobao, Channel::Phone, Lang::Zh);
    assert!(f.is_empty(), "{:?}", codes(&f));
    assert_eq!(
        find(&private("  "), "structure.empty").severity,
        Severity::Blocking
    );
}

#[test]
fn findings_point_at_the_words_in_utf16() {
    let f = private("亲😀，好评返现哦");
    let x = find(&f, "compliance.review_incentive");
    let span = x.span.unwrap();
    assert_eq!(span.start, 0);
    assert_eq!(x.excerpt, "亲😀，好评返现哦");
    assert_eq!(span.end as usize, "亲😀，好评返现哦".encode_utf16().count());
    let f = private("您好，这明明不对");
    let s = find(&f, "tone.blame").span.unwrap();
    assert_eq!((s.start, s.end), (4, 6));
}

#[test]
fn the_case_remedy_is_named() {
    let mut conn = open_in_memory().unwrap();
    let c = new_case(&mut conn, "taobao", "电热水壶", "壶底漏水");
    crate::remedies::add_remedy(
        &mut conn,
        c.id,
        &crate::remedies::RemedyInput {
            kind: Some(RemedyKind::PartialRefund),
            value: "20".into(),
            ..Default::default()
        },
        "店主",
        now(),
    )
    .unwrap();
    let ds = drafts_for_case(&conn, c.id, None, None).unwrap();
    assert!(ds[1].text.contains("¥20"), "{}", ds[1].text);
    assert!(ds[2].text.contains("¥20"), "{}", ds[2].text);
    // In public the kind is shown, the amount is between the shop and the buyer.
    assert!(
        ds[0].text.contains("部分退款") && !ds[0].text.contains("¥20"),
        "{}",
        ds[0].text
    );
    assert!(ds.iter().all(|d| !has_blocking(&d.findings)));
}

/// The shipped texts cannot know what the shop has done: an action is offered ("我们会…",
/// "we will…"), never stated as done, unless the case records it.
#[test]
fn builtin_texts_offer_actions_instead_of_claiming_them() {
    let claims = [
        "我们已",
        "已经",
        "已加强",
        "已提交",
        "已联系",
        "已查明",
        "已安排",
        "We have ",
        "we have ",
        "We've ",
        "we've ",
        "We're tracking",
        "now inspected",
    ];
    for cause in Cause::ALL.iter() {
        for channel in Channel::ALL.iter() {
            for lang in [Lang::Zh, Lang::En] {
                let mut n = 0;
                while let Some(body) = builtin_body(*cause, *channel, lang, n) {
                    for c in claims {
                        assert!(
                            !body.contains(c),
                            "{cause}.{channel}.{lang}.{} claims «{c}»: {body}",
                            n + 1
                        );
                    }
                    n += 1;
                }
            }
        }
    }
}
