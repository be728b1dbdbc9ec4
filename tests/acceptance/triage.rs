#![allow(clippy::unwrap_used)] // test code: a failure is the test failing

//! Triage on real reviews: the labelled corpus's test part (tests/corpus, texts read from
//! ../shared/data) must hold its accuracy floor with the shipped model, the shipped model
//! must be what the training command gives, the hand-written malicious/misattributed set
//! is measured on its own, and stored cases are labelled, re-labelled and protected end to
//! end.

use chrono::{DateTime, Utc};
use haoping_core::cases::{self, Cause, NewCase};
use haoping_core::db;
use haoping_core::intake;
use haoping_core::triage::{self, eval, Flag, NewKeyword, TriageInput};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The shared review data: `HAOPING_DATA` if set (a checkout that does not sit next to
/// `shared/`), else the workspace's `../shared/data`.
fn data_dir() -> PathBuf {
    let dir = std::env::var_os("HAOPING_DATA")
        .map_or_else(|| root().join("../shared/data"), PathBuf::from);
    assert!(dir.exists(), "test data missing: {}", dir.display());
    dir
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-20T04:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// The combined labeller's primary-cause accuracy on the corpus's test part must not drop
/// below this: it measured 0.787 with the shipped model (tests/corpus/README.md); the floor
/// sits a point lower so that a retrained model may move a little.
const TEST_PART_FLOOR: f64 = 0.777;

fn corpus() -> Vec<eval::EvalItem> {
    eval::load_corpus(&root().join("tests/corpus/labels.tsv"), &data_dir()).unwrap()
}

#[test]
fn corpus_test_part_holds_its_floor() {
    let test: Vec<eval::EvalItem> = corpus()
        .into_iter()
        .filter(|i| i.split == Some(eval::Split::Test))
        .collect();
    assert_eq!(test.len(), 1394, "the split is fixed");
    let combined = eval::evaluate(&test);
    let rules = eval::evaluate_rules(&test);
    // Only aggregate figures: the test part is never read review by review.
    println!(
        "test part: combined {:.3} (macro-F1 {:.3}), rules alone {:.3} (macro-F1 {:.3})",
        combined.primary_accuracy,
        combined.primary_macro_f1,
        rules.primary_accuracy,
        rules.primary_macro_f1
    );
    assert!(
        combined.primary_accuracy >= TEST_PART_FLOOR,
        "test-part accuracy {:.3} < {TEST_PART_FLOOR}",
        combined.primary_accuracy
    );
    assert!(
        combined.primary_accuracy > rules.primary_accuracy
            && combined.primary_macro_f1 > rules.primary_macro_f1,
        "the model no longer adds to the rules"
    );
    // An accusation must hold. The target is 90 % of the reviews called malicious; the
    // shipped labeller measures 3 of 4 (75 %) on the test part, and this floor keeps it
    // from getting worse until it is reached.
    let malicious = combined
        .primary_scores
        .iter()
        .find(|s| s.cause == Cause::Malicious)
        .unwrap();
    assert!(
        malicious.predicted == 0 || malicious.precision >= 0.75,
        "{malicious:?}"
    );
}

#[test]
fn the_shipped_model_is_what_the_training_command_gives() {
    // `haoping-cli triage-train` does exactly this; the same corpus and code give the same
    // file, byte for byte.
    let model = eval::train_shipped(&corpus()).unwrap();
    let bytes = model.to_bytes();
    assert!(bytes.len() < 5_000_000, "{} bytes", bytes.len());
    assert!(
        bytes == triage::shipped_model_bytes(),
        "the shipped model differs from a fresh training: run `haoping-cli triage-train \
         --out src-tauri/core/src/triage/learned/model.bin`"
    );
}

#[test]
fn handwritten_set_finds_malicious_and_misattributed() {
    let items = eval::load_handwritten(&fixture("triage-handwritten.tsv")).unwrap();
    let report = eval::evaluate(&items);
    println!("{}", report.render("hand-written set"));
    let score = |c: Cause| {
        report
            .primary_scores
            .iter()
            .find(|s| s.cause == c)
            .cloned()
            .unwrap()
    };
    let malicious = score(Cause::Malicious);
    assert!(
        malicious.support >= 12 && malicious.f1 >= 0.9,
        "{malicious:?}"
    );
    let misattributed = score(Cause::Misattributed);
    assert!(
        misattributed.support >= 8 && misattributed.recall >= 0.7 && misattributed.precision >= 0.9,
        "{misattributed:?}"
    );
    assert!(
        report.flag_misses * 10 <= report.flags_expected,
        "{} of {} reviews lack an expected flag",
        report.flag_misses,
        report.flags_expected
    );
}

#[test]
fn changed_data_is_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.tsv");
    std::fs::write(
        &bad,
        "zh-waimai-10k.csv\t4011\t00000000\twaimai\tdev\tprice\t-\tagreed\n",
    )
    .unwrap();
    let err = eval::load_corpus(&bad, &data_dir()).unwrap_err();
    assert!(err.to_string().contains("hash"), "{err}");
}

/// Negative waimai reviews, as the shop would import them.
fn waimai_negatives(n: usize) -> Vec<String> {
    let mut r = csv_reader(&data_dir().join("zh-waimai-10k.csv"));
    let mut out = Vec::new();
    for line in r.by_ref() {
        if let Some(text) = line.strip_prefix("0,") {
            let text = text.trim_matches('"').trim();
            if text.chars().count() >= 4 {
                out.push(text.to_string());
            }
        }
        if out.len() == n {
            break;
        }
    }
    out
}

fn csv_reader(path: &Path) -> impl Iterator<Item = String> {
    use std::io::BufRead;
    std::io::BufReader::new(std::fs::File::open(path).unwrap())
        .lines()
        .map_while(Result::ok)
}

#[test]
fn stored_cases_are_labelled_relabelled_and_corrections_kept() {
    let mut conn = db::open_in_memory().unwrap();
    let texts = waimai_negatives(300);
    assert_eq!(texts.len(), 300);
    let mut ids = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let case = intake::add_case(
            &mut conn,
            &NewCase {
                platform: "meituan".into(),
                product: "招牌卷饼套餐".into(),
                stars: 1 + (i % 2) as u8,
                review_text: text.clone(),
                review_time: "2026-11-19T10:00:00Z".into(),
                order_value_cents: Some(3_500),
                ..Default::default()
            },
            "t",
            now(),
        )
        .unwrap();
        // Stored labels are what triage says for the same input.
        let t = triage::classify(&TriageInput {
            text,
            stars: case.stars,
            order_value_cents: case.order_value_cents,
            product: &case.product,
            ..Default::default()
        });
        assert_eq!(case.primary_cause, t.primary, "{text}");
        assert_eq!(case.causes, t.causes, "{text}");
        assert_eq!(case.severity, t.severity, "{text}");
        assert_eq!(case.triage_reasons, t.reasons, "{text}");
        ids.push(case.id);
    }
    // Food-delivery complaints are mostly about delivery and the food itself.
    let count = |c: Cause| {
        ids.iter()
            .filter(|id| cases::get(&conn, **id).unwrap().primary_cause == c)
            .count()
    };
    assert!(count(Cause::Logistics) >= 60, "{}", count(Cause::Logistics));
    assert!(count(Cause::Quality) >= 60, "{}", count(Cause::Quality));

    // The owner corrects one case, then adds a keyword that concerns every case.
    let corrected = ids[0];
    cases::set_labels(&mut conn, corrected, Cause::Packaging, &[], 3, "t", now()).unwrap();
    triage::add_keyword(
        &conn,
        &NewKeyword {
            cause: Some(Cause::ShippingError),
            term: "卷饼".into(),
            product: "卷饼".into(),
        },
        now(),
    )
    .unwrap();
    triage::add_alert(
        &conn,
        &triage::NewAlert {
            term: "凉".into(),
            product: String::new(),
        },
        now(),
    )
    .unwrap();
    let mut progress = Vec::new();
    let summary = triage::retriage_all(&mut conn, now(), &mut |done, total| {
        progress.push((done, total));
        true
    })
    .unwrap();
    assert_eq!(summary.total, 300);
    assert_eq!(summary.locked, 1);
    assert!(summary.changed > 0);
    assert_eq!(progress.last(), Some(&(300, 300)));

    let kept = cases::get(&conn, corrected).unwrap();
    assert_eq!(kept.primary_cause, Cause::Packaging);
    assert_eq!(kept.severity, 3);
    let mentions: Vec<_> = ids[1..]
        .iter()
        .map(|id| cases::get(&conn, *id).unwrap())
        .filter(|c| c.review_text.contains("卷饼"))
        .collect();
    assert!(!mentions.is_empty());
    for c in &mentions {
        assert!(c.causes.contains(&Cause::ShippingError), "{c:?}");
    }
    let cold: Vec<_> = ids[1..]
        .iter()
        .map(|id| cases::get(&conn, *id).unwrap())
        .filter(|c| c.review_text.contains('凉'))
        .collect();
    assert!(!cold.is_empty());
    for c in &cold {
        assert!(
            c.flags.contains(&Flag::KeywordAlert.as_str().to_string()),
            "{c:?}"
        );
    }
    let pending = triage::pending_alert_hits(&conn).unwrap();
    assert_eq!(pending.len(), cold.len());
}
