use super::*;
use crate::common::Lang;
use std::collections::HashSet;
use Cause::*;

fn cat() -> &'static Catalogue {
    match &*CATALOGUE {
        Ok(c) => c,
        Err(e) => panic!("catalogue.toml: {}", e.0),
    }
}

#[test]
fn every_cause_has_one_catch_all_and_both_languages() {
    let c = cat();
    for cause in Cause::ALL {
        let catch_alls: Vec<&Problem> = c
            .problems
            .iter()
            .filter(|p| p.catch_all && p.causes.contains(cause))
            .collect();
        assert_eq!(catch_alls.len(), 1, "{cause}");
        assert_eq!(
            catch_alls[0].causes,
            [*cause],
            "a catch-all serves one cause"
        );
    }
    let mut ids = HashSet::new();
    for p in &c.problems {
        assert!(ids.insert(p.id.as_str()), "{} twice", p.id);
        assert!(!p.causes.is_empty(), "{}", p.id);
        assert!(!p.zh.is_empty() && !p.en.is_empty(), "{}", p.id);
        assert!(!p.fix_zh.is_empty() && !p.fix_en.is_empty(), "{}", p.id);
        let words = &c.words_of[c.problems.iter().position(|x| x.id == p.id).unwrap()];
        assert_eq!(
            p.catch_all,
            words.is_empty(),
            "{}: words xor catch-all",
            p.id
        );
    }
}

#[test]
fn every_word_is_in_one_place() {
    let c = cat();
    let mut seen = HashSet::new();
    for s in &c.symptoms {
        assert!(!s.words.is_empty());
        for w in &s.words {
            assert_eq!(*w, w.to_lowercase(), "{w}: words are lower case");
            assert_eq!(w.trim(), w, "{w}");
            assert!(seen.insert(w.clone()), "{w} appears twice");
        }
        let mut causes = HashSet::new();
        for p in &s.problems {
            for cause in &c.problems[*p].causes {
                assert!(
                    causes.insert(*cause),
                    "{:?} shows two problems of {cause}",
                    s.words
                );
            }
        }
    }
}

#[test]
fn picks_the_specific_problem_of_the_primary_cause() {
    let c = cat();
    let zh = |cause, text: &str| c.problems[c.problem_of(cause, text)].zh.as_str();
    let en = |cause, text: &str| c.problems[c.problem_of(cause, text)].en.as_str();
    assert_eq!(zh(Packaging, "外箱破损严重，里面也压扁了"), "包装破损");
    assert_eq!(zh(Logistics, "外箱破损严重"), "运输破损");
    assert_eq!(
        zh(Quality, "烧水时漏电，手麻了一下，还漏水"),
        "安全隐患（漏电/冒烟/烫伤）"
    );
    assert_eq!(zh(Quality, "麻辣烫送到汤洒了一半，粉都泡烂了"), "餐品洒漏");
    let i = c.problem_of(
        Quality,
        "listed as sage green, but what arrived is plain grey. the color is off",
    );
    assert_eq!(c.problems[i].zh, "色差");
    assert_eq!(c.problems[i].causes[0], NotAsDescribed);
    assert_eq!(en(NotAsDescribed, "the size runs small"), "sizing is off");
    assert_eq!(
        en(NotAsDescribed, "nothing like i expected"),
        "other listing mismatches"
    );
    assert_eq!(zh(Service, "总之不满意"), "其他服务问题");
    // The leak is one problem in reply and report alike, in both languages.
    assert_eq!(en(Quality, "the lid leaks"), "leaks");
    assert_eq!(zh(Quality, "杯子漏水"), "漏水/渗漏");
}

#[test]
fn replies_name_the_problems_in_review_order() {
    let c = cat();
    assert_eq!(
        c.named_in("收到就坏了，还有划痕", Lang::Zh, 2),
        ["商品故障", "有划痕"]
    );
    assert_eq!(c.named_in("The lid leaks.", Lang::En, 2), ["the leak"]);
    assert_eq!(c.named_in("杯子漏水", Lang::En, 2), ["the leak"]);
    // Counted by the report, too vague to name in a reply.
    assert!(c.named_in("漏", Lang::Zh, 2).is_empty());
    assert!(c.named_in("nothing to see", Lang::En, 2).is_empty());
}

fn named(text: &str, cause: Cause, lang: Lang) -> Option<Named> {
    cat().name(text, cause, lang, "your kettle")
}

#[test]
fn an_english_negation_ends_with_its_sentence() {
    let n = named(
        "Wanted to love but couldn't. Runs small.",
        NotAsDescribed,
        Lang::En,
    )
    .expect("the size is named");
    assert_eq!(n.phrase, "the size running small");
    // Within the sentence the negation still turns the word around.
    let n = named("It doesn't leak, but the lid broke.", Quality, Lang::En).unwrap();
    assert!(!n.phrase.contains("leak"), "{}", n.phrase);
}

#[test]
fn a_verbless_english_negation_is_quoted_unless_it_only_denies_praise() {
    let n = named("Bummer. Not very bright.", Quality, Lang::En).unwrap();
    assert_eq!(n.from, NamedFrom::Review);
    assert_eq!(n.phrase, "your kettle not being very bright");
    for verdict in ["Not good at all!", "Not worth the money."] {
        let n = named(verdict, Quality, Lang::En);
        assert!(
            n.as_ref().is_none_or(|n| n.from != NamedFrom::Review),
            "{verdict}: {n:?}"
        );
    }
    let n = named("Too small.", NotAsDescribed, Lang::En);
    assert!(
        n.as_ref().is_none_or(|n| !n.phrase.contains("Too")),
        "a sentence's capital stays behind: {n:?}"
    );
}

#[test]
fn a_chinese_complaint_is_quoted_around_its_problem_word_not_its_topic() {
    let n = named("这本书对提高英语水平没什么用处的~！", Quality, Lang::Zh).unwrap();
    assert_eq!(n.from, NamedFrom::Review);
    assert_eq!(n.phrase, "没什么用处");
}

#[test]
fn a_verdict_after_a_chinese_complaint_is_left_out_of_the_quote() {
    let n = named("又酸又苦涩我也是服了", Quality, Lang::Zh).unwrap();
    assert_eq!(n.from, NamedFrom::Review);
    assert_eq!(n.phrase, "又酸又苦涩");
    // A verdict that finishes the clause's own words stays with them: no quote.
    let n = named("这家店太不令人满意了", Quality, Lang::Zh);
    assert!(
        n.as_ref().is_none_or(|n| n.from != NamedFrom::Review),
        "{n:?}"
    );
}

#[test]
fn a_topic_beside_a_verdict_names_the_topic() {
    let n = named("手机还行，快递非常不满意", Logistics, Lang::Zh).unwrap();
    assert_eq!(n.from, NamedFrom::Catalogue);
    assert_eq!(n.phrase, "物流不顺利");
}

#[test]
fn a_chinese_quote_keeps_its_verb_whole() {
    let n = named("这个香味真受不了", Quality, Lang::Zh).unwrap();
    assert_eq!(n.phrase, "香味真受不了");
    // "动不动" is "every so often", not a question.
    let n = named("内存卡动不动挂载失败", Quality, Lang::Zh).unwrap();
    assert_eq!(n.phrase, "内存卡动不动挂载失败");
}

#[test]
fn a_chinese_quote_never_ends_or_starts_half_way() {
    for p in ["那确实会有点", "就是商家太", "一下送餐员", "商家太让"] {
        assert!(!shape_zh::acceptable_for_test(p), "{p}");
    }
    assert!(shape_zh::acceptable_for_test("和图片不符"));
}

#[test]
fn an_english_quote_holds_no_finite_verb_or_hanging_word() {
    for text in ["The fit is terrible.", "Poorly made."] {
        let n = named(text, Quality, Lang::En);
        assert!(
            n.as_ref().is_none_or(|n| n.from != NamedFrom::Review),
            "{text}: {n:?}"
        );
    }
    let n = named(
        "Gorgeous color but it stopped working after a week.",
        Quality,
        Lang::En,
    )
    .unwrap();
    assert_eq!(n.from, NamedFrom::Review);
    assert!(
        n.phrase.contains("stopping working after a week"),
        "{}",
        n.phrase
    );
}

#[test]
fn a_chinese_quote_is_not_refused_for_words_that_only_look_like_a_question_or_a_rating() {
    // "不怎么" is a degree, not "how"; a week (星期) is not a star (一星).
    let n = named("不怎么样，不怎么起泡沫", Quality, Lang::Zh).unwrap();
    assert_eq!(n.phrase, "不怎么起泡沫");
    assert!(shape_zh::acceptable_for_test("等了一个星期才到"));
    assert!(!shape_zh::acceptable_for_test("一星都不想给"));
    assert!(!shape_zh::acceptable_for_test("这是什么东西怎么用"));
    // A complaint asked as a question is said plainly.
    let n = named("豆角排骨怎么有点辣", Quality, Lang::Zh).unwrap();
    assert_eq!(n.phrase, "豆角排骨有点辣");
}

#[test]
fn a_chinese_quote_speaks_of_the_buyer_and_not_to_the_shop() {
    // The buyer's "we" becomes "您"; "你家" at the start is the shop, left out.
    let n = named("十天才通知我们取件", Logistics, Lang::Zh).unwrap();
    assert_eq!(n.phrase, "十天才通知您取件");
    let n = named("你家送饺子不给醋的", ShippingError, Lang::Zh).unwrap();
    assert!(!n.phrase.contains('你'), "{}", n.phrase);
    assert!(n.phrase.starts_with("送饺子不给醋"), "{}", n.phrase);
    // "里面" keeps its first character when a cut leaves it at the start.
    let n = named("东西收到了，里面东西外溢了", Packaging, Lang::Zh).unwrap();
    assert_eq!(n.phrase, "里面东西外溢了");
}

#[test]
fn a_complaint_beside_another_causes_topic_is_quoted_when_it_does_not_read_as_that_cause() {
    // 时间 is also a delivery's topic, but "待机时间超短" is the phone's fault.
    let n = named("这个机器待机时间超短", Quality, Lang::Zh).unwrap();
    assert_eq!(n.from, NamedFrom::Review);
    assert_eq!(n.phrase, "机器待机时间超短");
    // The wait is the delivery's: it is not quoted for a complaint about the food.
    let n = named("等待一个半小时不说，土豆还是生的", Quality, Lang::Zh);
    assert!(
        n.as_ref().is_none_or(|n| !n.phrase.contains("等待")),
        "{n:?}"
    );
}

#[test]
fn an_english_and_before_a_new_subject_starts_a_new_clause() {
    let n = named(
        "Bought this for my son and it didn't work.",
        Quality,
        Lang::En,
    )
    .unwrap();
    assert_eq!(n.from, NamedFrom::Review);
    assert_eq!(n.phrase, "your kettle not working");
    // "didn't disappoint" is praise: never the problem.
    let n = named("It didn't disappoint me at all.", Quality, Lang::En);
    assert!(
        n.as_ref().is_none_or(|n| n.from != NamedFrom::Review),
        "{n:?}"
    );
}

#[test]
fn a_complaint_in_words_the_catalogue_lacks_is_quoted_from_the_clause_the_model_reads_as_its_cause()
{
    // No catalogue word says "flickers"; the model reads the clause as the goods' fault.
    let n = named(
        "垃圾 屏幕放电影老闪光 用了几天才来评论的",
        Quality,
        Lang::Zh,
    )
    .unwrap();
    assert_eq!(n.from, NamedFrom::Review);
    assert_eq!(n.phrase, "屏幕放电影老闪光");
    let n = named(
        "从武汉发货到随州用了九天，我真的是服！再也不在这里买东西了",
        Logistics,
        Lang::Zh,
    )
    .unwrap();
    assert_eq!(n.phrase, "从武汉发货到随州用了九天");
    // A story ("我买了三本书"), an aside ("除了屏幕") or praise is never the complaint.
    for (text, cause) in [
        (
            "我买了三本书，可是这本我最喜欢的书却没有到阿  为什么？？？",
            ShippingError,
        ),
        ("除了屏幕，别的都是垃圾,买的超级后悔啊", Quality),
        (
            "自称4星， 实际上顶多2星。 贵宾楼比较好， 房内还挺干净。",
            Quality,
        ),
    ] {
        let n = named(text, cause, Lang::Zh);
        assert!(
            n.as_ref().is_none_or(|n| n.from != NamedFrom::Review),
            "{text}: {n:?}"
        );
    }
}
