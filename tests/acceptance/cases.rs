//! Cases on real review text: substring search (Chinese, English, one and two characters)
//! must find exactly what a plain scan finds, and filters must agree with the data.

use chrono::{Duration, TimeZone, Utc};
use haoping_acceptance::{data_file, read_lines};
use haoping_core::cases::{self, CaseFilter, CaseStatus, NewCase};
use haoping_core::db;
use haoping_core::intake;

fn load_negatives(limit_per_cat: usize) -> Vec<(String, String)> {
    // cat,label,review — take negatives from every category.
    let mut per_cat: std::collections::HashMap<String, usize> = Default::default();
    let mut out = Vec::new();
    for line in read_lines(&data_file("zh-online-shopping-10-cats.csv")).skip(1) {
        let mut parts = line.splitn(3, ',');
        let (Some(cat), Some(label), Some(review)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let review = review.trim_matches('\u{feff}').trim();
        if label != "0" || review.is_empty() || review.starts_with('"') {
            continue;
        }
        let n = per_cat.entry(cat.to_string()).or_default();
        if *n < limit_per_cat {
            *n += 1;
            out.push((cat.to_string(), review.to_string()));
        }
    }
    out
}

#[test]
fn search_matches_a_plain_scan_on_real_reviews() {
    let mut conn = db::open_in_memory().unwrap();
    let reviews = load_negatives(60);
    assert!(
        reviews.len() >= 500,
        "expected 10 categories × 60, got {}",
        reviews.len()
    );
    let base = Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap();
    for (i, (cat, text)) in reviews.iter().enumerate() {
        let input = NewCase {
            platform: ["taobao", "jd", "pinduoduo", "tmall"][i % 4].into(),
            product: cat.clone(),
            stars: (i % 3 + 1) as u8,
            review_text: text.clone(),
            order_id: format!("A{i:06}"),
            ..Default::default()
        };
        let now = base + Duration::minutes(i as i64 * 7);
        intake::add_case(&mut conn, &input, "test", now).unwrap();
    }

    for q in [
        "质量",
        "物流",
        "客服",
        "屏",
        "不",
        "太差",
        "水果不新鲜",
        "A000123",
        "性价比",
    ] {
        let expected: Vec<i64> = reviews
            .iter()
            .enumerate()
            .filter(|(i, (cat, text))| {
                text.contains(q) || cat.contains(q) || format!("A{i:06}").contains(q)
            })
            .map(|(i, _)| i as i64 + 1)
            .collect();
        let found: Vec<i64> = cases::list(
            &conn,
            &CaseFilter {
                query: q.into(),
                descending: false,
                ..Default::default()
            },
        )
        .unwrap()
        .items
        .iter()
        .map(|c| c.id)
        .collect();
        assert_eq!(found, expected, "query {q}");
    }
}

#[test]
fn filters_agree_with_the_data() {
    let mut conn = db::open_in_memory().unwrap();
    let reviews = load_negatives(20);
    let base = Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap();
    for (i, (cat, text)) in reviews.iter().enumerate() {
        let input = NewCase {
            platform: if i % 2 == 0 { "taobao" } else { "jd" }.into(),
            product: cat.clone(),
            stars: if i % 5 == 0 { 1 } else { 2 },
            review_text: text.clone(),
            ..Default::default()
        };
        intake::add_case(&mut conn, &input, "test", base + Duration::hours(i as i64)).unwrap();
    }
    let now = base + Duration::days(30);
    for id in (1..=reviews.len() as i64).step_by(3) {
        cases::set_status(&mut conn, id, CaseStatus::Contacting, None, "test", now).unwrap();
    }
    let count = |f: CaseFilter| cases::list(&conn, &f).unwrap().total as usize;
    let n = reviews.len();
    assert_eq!(count(CaseFilter::default()), n);
    assert_eq!(
        count(CaseFilter {
            stars: vec![1],
            ..Default::default()
        }),
        n.div_ceil(5)
    );
    assert_eq!(
        count(CaseFilter {
            statuses: vec![CaseStatus::Contacting],
            ..Default::default()
        }),
        n.div_ceil(3)
    );
    let window = CaseFilter {
        from: Some(base + Duration::hours(10)),
        to: Some(base + Duration::hours(19)),
        ..Default::default()
    };
    assert_eq!(count(window), 10);
}
