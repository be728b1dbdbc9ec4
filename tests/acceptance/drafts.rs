//! Drafts on real reviews: every channel for hundreds of real negative reviews must pass
//! its own checker, fit the platform, be fully filled in, rotate, and be specific.
//!
//! `HAOPING_SHOW_DRAFTS=N` prints the first N cases' drafts of each language, to read them.

use chrono::{DateTime, Duration, Utc};
use haoping_core::cases::{NewCase, Platform};
use haoping_core::db;
use haoping_core::drafts::{self, Channel, Severity};
use haoping_core::intake;
use haoping_core::Lang;
use std::collections::HashMap;
use std::path::PathBuf;

fn data_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data"))
}

/// A small RFC 4180 reader (quoted fields with embedded line breaks and doubled quotes),
/// enough for the data files' shapes; a BOM at the start is dropped.
fn read_delimited(name: &str, sep: char) -> Vec<Vec<String>> {
    let path = data_dir().join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let text = text.trim_start_matches('\u{feff}');
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
        } else if c == '"' && field.is_empty() {
            quoted = true;
        } else if c == sep {
            row.push(std::mem::take(&mut field));
        } else if c == '\n' || c == '\r' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            row.push(std::mem::take(&mut field));
            rows.push(std::mem::take(&mut row));
        } else {
            field.push(c);
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

struct Review {
    platform: Platform,
    shop: &'static str,
    product: String,
    stars: u8,
    text: String,
}

fn zh_product(cat: &str) -> &'static str {
    match cat {
        "书籍" => "英语绘本图书",
        "平板" => "10英寸平板电脑",
        "手机" => "智能手机",
        "水果" => "新鲜水果礼盒",
        "洗发水" => "去屑洗发水",
        "热水器" => "电热水器",
        "蒙牛" => "蒙牛纯牛奶",
        "衣服" => "女士针织连衣裙",
        "计算机" => "笔记本电脑",
        "酒店" => "酒店客房预订",
        _ => "店铺商品",
    }
}

fn clothing_product(class: &str) -> String {
    match class {
        "Dresses" => "wrap dress",
        "Knits" => "knit top",
        "Blouses" => "blouse",
        "Sweaters" => "sweater",
        "Fine gauge" => "fine-gauge sweater",
        "Pants" => "pants",
        "Jeans" => "jeans",
        "Skirts" => "skirt",
        "Jackets" => "jacket",
        "Outerwear" => "coat",
        "Lounge" => "lounge set",
        "Swim" => "swimsuit",
        "Shorts" => "shorts",
        "Sleep" => "pajama set",
        "Legwear" => "tights",
        "Intimates" => "bralette",
        "Layering" => "layering tank",
        "Casual bottoms" => "casual pants",
        "Chemises" => "chemise",
        _ => "top",
    }
    .to_string()
}

/// Every `step`-th matching row, so each file contributes across its whole range.
fn spread<T>(items: Vec<T>, want: usize) -> Vec<T> {
    let step = (items.len() / want.max(1)).max(1);
    items.into_iter().step_by(step).take(want).collect()
}

fn reviews() -> Vec<Review> {
    let mut out = Vec::new();
    // zh-online-shopping-10-cats: label 0, 18 per category.
    let rows = read_delimited("zh-online-shopping-10-cats.csv", ',');
    let mut by_cat: HashMap<String, Vec<String>> = HashMap::new();
    for r in rows.iter().skip(1) {
        if r.len() >= 3 && r[1].trim() == "0" && r[2].trim().chars().count() >= 4 {
            by_cat
                .entry(r[0].trim_start_matches('\u{feff}').to_string())
                .or_default()
                .push(r[2].trim().to_string());
        }
    }
    let mut cats: Vec<_> = by_cat.into_iter().collect();
    cats.sort();
    let platforms = [
        Platform::Taobao,
        Platform::Tmall,
        Platform::Jd,
        Platform::Pinduoduo,
        Platform::Douyin,
    ];
    let mut i = 0;
    for (cat, texts) in cats {
        for t in spread(texts, 18) {
            out.push(Review {
                platform: platforms[i % platforms.len()],
                shop: if i % 7 == 3 { "" } else { "优选百货店" },
                product: zh_product(&cat).to_string(),
                stars: if i % 3 == 0 { 2 } else { 1 },
                text: t,
            });
            i += 1;
        }
    }
    // zh-waimai-10k: label 0.
    let rows = read_delimited("zh-waimai-10k.csv", ',');
    let neg: Vec<String> = rows
        .iter()
        .skip(1)
        .filter(|r| r.len() >= 2 && r[0].trim() == "0" && r[1].trim().chars().count() >= 4)
        .map(|r| r[1].trim().to_string())
        .collect();
    for t in spread(neg, 70) {
        out.push(Review {
            platform: Platform::Meituan,
            shop: "老王家常菜",
            product: "招牌盖饭套餐".into(),
            stars: 1,
            text: t,
        });
    }
    // en-amazon-alexa: 1–2 stars.
    let rows = read_delimited("en-amazon-alexa.tsv", '\t');
    let neg: Vec<(u8, String, String)> = rows
        .iter()
        .skip(1)
        .filter(|r| r.len() >= 4 && matches!(r[0].trim(), "1" | "2") && r[3].trim().len() >= 12)
        .map(|r| {
            (
                r[0].trim().parse().unwrap_or(1),
                r[2].trim().to_string(),
                r[3].trim().to_string(),
            )
        })
        .collect();
    for (stars, variation, t) in spread(neg, 70) {
        out.push(Review {
            platform: Platform::Amazon,
            shop: "Echo Corner",
            product: format!("Echo ({variation})"),
            stars,
            text: t,
        });
    }
    // en-womens-clothing-reviews: 1–2 stars with text.
    let rows = read_delimited("en-womens-clothing-reviews.csv", ',');
    let neg: Vec<(u8, String, String)> = rows
        .iter()
        .skip(1)
        .filter(|r| r.len() >= 11 && matches!(r[5].trim(), "1" | "2") && r[4].trim().len() >= 12)
        .map(|r| {
            (
                r[5].trim().parse().unwrap_or(1),
                clothing_product(r[10].trim()),
                r[4].trim().to_string(),
            )
        })
        .collect();
    for (stars, product, t) in spread(neg, 70) {
        out.push(Review {
            platform: Platform::Shopify,
            shop: "Maple & Thread",
            product,
            stars,
            text: t,
        });
    }
    out
}

fn nick(i: usize, zh: bool) -> String {
    match (i % 4, zh) {
        (0, _) => String::new(),
        (1, true) => format!("小雨点{}", 10 + i % 80),
        (2, true) => "t**8".into(),
        (3, true) => format!("tb_{}", 9000 + i),
        (1, false) => "Jenny R.".into(),
        (2, false) => "m***k".into(),
        _ => format!("shopper{i}"),
    }
}

fn show_limit() -> usize {
    std::env::var("HAOPING_SHOW_DRAFTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

#[test]
fn drafts_for_real_reviews_pass_their_own_checker() {
    let mut conn = db::open_in_memory().unwrap();
    let start: DateTime<Utc> = "2026-11-20T04:00:00Z".parse().unwrap();
    let all = reviews();
    assert!(all.len() >= 300, "only {} reviews loaded", all.len());
    let show = show_limit();
    let mut shown: HashMap<Lang, usize> = HashMap::new();
    let mut last_public_by_shop: HashMap<String, String> = HashMap::new();
    let mut last_public: Option<String> = None;
    let mut failures: Vec<String> = Vec::new();
    let mut drafted = 0usize;
    let mut specific = 0usize;
    let mut causes_seen: HashMap<String, usize> = HashMap::new();
    for (i, r) in all.iter().enumerate() {
        let now = start + Duration::minutes(i as i64);
        let zh_source = r.platform.is_chinese();
        let input = NewCase {
            platform: r.platform.as_str().into(),
            shop: r.shop.into(),
            order_id: if i % 2 == 0 {
                format!("{}", 3_100_000_000_000_000_000u64 + i as u64)
            } else {
                String::new()
            },
            review_id: format!("r{i}"),
            buyer_nick: nick(i, zh_source),
            buyer_phone: if i % 5 == 0 {
                "13812345678".into()
            } else {
                String::new()
            },
            product: r.product.clone(),
            stars: r.stars,
            review_text: r.text.clone(),
            review_time: now.to_rfc3339(),
            ..Default::default()
        };
        let case = intake::add_case(&mut conn, &input, "店主", now).unwrap();
        *causes_seen
            .entry(case.primary_cause.to_string())
            .or_default() += 1;
        // Every case in its own language, and every seventh (so every platform) also in
        // the other one.
        let own = case.lang;
        let mut langs = vec![own];
        if i % 7 == 0 {
            langs.push(if own == Lang::Zh { Lang::En } else { Lang::Zh });
        }
        for lang in langs {
            let ds = drafts::drafts_for_case(&conn, case.id, Some(lang), None).unwrap();
            assert_eq!(ds.len(), 3);
            let problem = drafts::problem_phrase(&case.review_text, case.primary_cause, lang);
            let generic = drafts::problem_phrase("", case.primary_cause, lang);
            let has_specific = problem != generic;
            if has_specific {
                specific += 1;
            }
            let product_words: Vec<String> = {
                let p = case.product.clone();
                let head: String = p.split([' ', '(', '（']).next().unwrap_or(&p).to_string();
                vec![p, head]
            };
            for d in &ds {
                drafted += 1;
                let label = format!(
                    "case {} [{}] {} {} v{}",
                    case.id, case.primary_cause, d.channel, d.lang, d.variant
                );
                for f in &d.findings {
                    let structural =
                        f.code.starts_with("structure.") && f.severity == Severity::Warning;
                    if f.severity == Severity::Blocking
                        || structural
                        || f.severity == Severity::Warning
                    {
                        failures.push(format!("{label}: {} «{}»\n{}", f.code, f.excerpt, d.text));
                    }
                }
                if let Some(cap) = d.cap {
                    if d.chars > cap {
                        failures.push(format!("{label}: {} chars over cap {cap}", d.chars));
                    }
                }
                if d.text.contains('{') || d.text.contains('}') {
                    failures.push(format!("{label}: unfilled variable\n{}", d.text));
                }
                let names_product = product_words
                    .iter()
                    .any(|w| !w.is_empty() && d.text.contains(w.as_str()));
                // The phrase this draft names (the review's own words may be shaped with the
                // product's name, so it can differ from the bare reading above).
                let problem = if d.problem.phrase.is_empty() {
                    problem.clone()
                } else {
                    d.problem.phrase.clone()
                };
                let names_problem = d.text.contains(&problem);
                if !(names_product || names_problem) {
                    failures.push(format!(
                        "{label}: names neither product nor problem ({problem})\n{}",
                        d.text
                    ));
                }
                // A specific problem found in the review must be named where the buyer reads it.
                if has_specific && d.channel != Channel::Phone && !names_problem {
                    failures.push(format!(
                        "{label}: does not name the problem '{problem}'\n{}",
                        d.text
                    ));
                }
                if d.channel == Channel::Public {
                    if let Some(nick) = case
                        .buyer_nick
                        .as_deref()
                        .filter(|n| n.chars().count() >= 2 && !n.contains('*'))
                    {
                        if d.text.contains(nick) {
                            failures.push(format!("{label}: public reply names the buyer"));
                        }
                    }
                    if let Some(order) = case.order_id.as_deref() {
                        if d.text.contains(order) {
                            failures.push(format!("{label}: public reply shows the order number"));
                        }
                    }
                }
                let n = shown.entry(lang).or_default();
                if *n < show * 3 {
                    *n += 1;
                    println!(
                        "\n===== {label} | {} | review: {}\n{}\n",
                        case.platform,
                        case.review_text.chars().take(80).collect::<String>(),
                        d.text
                    );
                }
            }
            // The owner copies the public reply (and sends the message): what the next
            // case's drafts rotate away from.
            let public = ds.iter().find(|d| d.channel == Channel::Public).unwrap();
            if lang == own {
                let shop_key = if case.shop.is_empty() {
                    "<default>".to_string()
                } else {
                    case.shop.clone()
                };
                if let Some(prev) = last_public_by_shop.get(&shop_key) {
                    if prev == &public.text {
                        failures.push(format!(
                            "case {}: public reply identical to the shop's previous one",
                            case.id
                        ));
                    }
                }
                if last_public.as_deref() == Some(public.text.as_str()) {
                    failures.push(format!(
                        "case {}: public reply identical to the previous one",
                        case.id
                    ));
                }
                last_public_by_shop.insert(shop_key, public.text.clone());
                last_public = Some(public.text.clone());
                drafts::record_copy(
                    &conn,
                    case.id,
                    Channel::Public,
                    public.variant,
                    &public.text,
                    now,
                )
                .unwrap();
            }
        }
    }
    println!("drafted {drafted} drafts for {} cases; {specific} case-languages with a specific problem; causes {causes_seen:?}", all.len());
    if !failures.is_empty() {
        let mut kinds: HashMap<String, usize> = HashMap::new();
        for f in &failures {
            let kind = f
                .split(": ")
                .nth(1)
                .unwrap_or("")
                .split(' ')
                .next()
                .unwrap_or("")
                .to_string();
            *kinds.entry(kind).or_default() += 1;
        }
        let mut sorted = failures.clone();
        sorted.sort_by_key(|f| !f.contains("over_cap"));
        let shown: Vec<_> = sorted.iter().take(25).collect();
        panic!(
            "{} failures {kinds:?}, first ones:\n{}",
            failures.len(),
            shown
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("\n---\n")
        );
    }
    assert!(drafted >= 900);
    assert!(
        specific * 2 >= all.len(),
        "too few reviews yielded a specific problem: {specific}"
    );
}

/// The corpus measurement (`haoping-cli drafts-eval`): the test part and the left-out
/// categories may not fall back to the cause's general phrase more often, nor name a
/// problem of another cause more often, than they did when these floors were set.
#[test]
fn corpus_drafts_name_the_problem_at_least_as_often_as_measured() {
    let labels = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/labels.tsv"));
    let corpus = drafts::eval::load_corpus(&labels, &data_dir()).unwrap();
    let r = drafts::eval::evaluate(&corpus);
    let test = r.test.all.generic_share();
    let left = r.left_out.all.generic_share();
    assert!(test <= 0.172, "generic share on the test part {test:.3}");
    assert!(
        left <= 0.200,
        "generic share on left-out categories {left:.3}"
    );
    // The catalogue-words check also counts a topic word of another cause in the quote
    // ("待机时间超短": 时间 is a delivery's topic too), so quotes the model reads as the
    // case's own cause are counted here; 33 drafts are 11 of the 1,394 test reviews.
    assert!(
        r.test.all.misnamed <= 33,
        "misnamed drafts on the test part: {}",
        r.test.all.misnamed
    );
    assert_eq!(r.test.all.unnamed, 0, "drafts not carrying their problem");
}
