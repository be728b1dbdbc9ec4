use super::train::{train, Example, TrainConfig, TrainSet};
use super::*;
use crate::triage::features::{gram_label, grams, key_of};
use crate::triage::normalize::normalize;

/// A small training set: each cause has its own words.
fn toy() -> TrainSet {
    let rows: &[(&str, Cause)] = &[
        ("质量太差，用两天就坏了", Cause::Quality),
        ("坏了，质量不行", Cause::Quality),
        ("东西坏了，做工差", Cause::Quality),
        ("物流太慢了，等了一周", Cause::Logistics),
        ("快递慢，物流差", Cause::Logistics),
        ("物流慢得要命", Cause::Logistics),
        ("客服不回复，态度差", Cause::Service),
        ("客服态度恶劣", Cause::Service),
        ("客服爱答不理", Cause::Service),
        ("stopped working after a week", Cause::Quality),
        ("it stopped working", Cause::Quality),
        ("shipping was slow", Cause::Logistics),
        ("slow shipping again", Cause::Logistics),
    ];
    let mut set = TrainSet::default();
    for (text, cause) in rows {
        let norm = normalize(text);
        let mut g = Vec::new();
        grams(&norm, &mut g);
        for x in &g {
            set.gram_text
                .entry(x.key)
                .or_insert_with(|| gram_label(x, &norm));
        }
        set.examples.push(Example {
            keys: g.iter().map(|x| x.key).collect(),
            dense: [0.0; crate::triage::features::DENSE],
            primary: *cause,
            others: Vec::new(),
            group: u32::from(text.is_ascii()),
        });
    }
    set
}

fn read(model: &Model, text: &str) -> (Cause, Vec<String>) {
    let norm = normalize(text);
    let mut g = Vec::new();
    grams(&norm, &mut g);
    let p = model.predict(&g, &[0.0; crate::triage::features::DENSE]);
    let (best, _) = p.best();
    let mut known = Known::default();
    model.look_up(&g, &mut known);
    let top = model
        .strongest(&known, &norm, best, 3)
        .into_iter()
        .map(str::to_string)
        .collect();
    (best, top)
}

#[test]
fn the_shipped_model_explains_with_words_not_lone_characters() {
    let m = builtin().expect("the shipped model reads");
    // A weak second cause, pushed mostly by single characters ("发", "给", "要").
    let text = "直播间主播说不满意随便退，结果申请退货，客服说吊牌拆了不给退，态度还很冲。要么给我退，要么我就发视频曝光你们！";
    let norm = normalize(text);
    let mut g = Vec::new();
    grams(&norm, &mut g);
    let mut known = Known::default();
    m.look_up(&g, &mut known);
    let top = m.strongest(&known, &norm, Cause::ShippingError, 3);
    assert!(!top.is_empty());
    assert!(top.iter().all(|t| t.chars().count() > 1), "{top:?}");
}

#[test]
fn the_shipped_model_reads_and_is_small() {
    let m = builtin().expect("the shipped model reads");
    assert!(m.uses_lexicon());
    assert!(m.vocab_len() > 10_000, "{} grams", m.vocab_len());
    assert!(
        builtin_bytes().len() < 5_000_000,
        "{} bytes",
        builtin_bytes().len()
    );
    // Written back, it is the same file.
    assert_eq!(m.to_bytes(), builtin_bytes());
}

#[test]
fn training_learns_and_is_deterministic() {
    let set = toy();
    let all: Vec<usize> = (0..set.examples.len()).collect();
    let cfg = TrainConfig {
        lexicon: false,
        min_df: 1,
        epochs: 30,
        ..TrainConfig::default()
    };
    let a = train(&set, &all, &cfg);
    let b = train(&set, &all, &cfg);
    assert_eq!(a.to_bytes(), b.to_bytes());
    assert_eq!(read(&a, "这个坏了").0, Cause::Quality);
    assert_eq!(read(&a, "物流好慢").0, Cause::Logistics);
    assert_eq!(read(&a, "客服态度不好").0, Cause::Service);
    assert_eq!(read(&a, "The shipping took forever").0, Cause::Logistics);
    // The reasons are the review's own grams that point at the cause.
    let (cause, top) = read(&a, "客服不理人");
    assert_eq!(cause, Cause::Service);
    assert!(top.iter().any(|t| t.contains("客服")), "{top:?}");
    // Lone characters are not offered as reasons beside the words that hold them.
    assert!(top.iter().all(|t| t.chars().count() > 1), "{top:?}");
    // Another seed, another order: still a model, not the same bytes.
    let c = train(
        &set,
        &all,
        &TrainConfig {
            seed: 7,
            ..cfg.clone()
        },
    );
    assert_ne!(a.to_bytes(), c.to_bytes());
}

#[test]
fn files_round_trip_and_damage_is_refused() {
    let set = toy();
    let all: Vec<usize> = (0..set.examples.len()).collect();
    let m = train(&set, &all, &TrainConfig::default());
    let bytes = m.to_bytes();
    let back = Model::from_bytes(&bytes).unwrap();
    assert_eq!(back, m);
    assert!(back.uses_lexicon());

    let err = |b: &[u8]| Model::from_bytes(b).unwrap_err().to_string();
    assert!(err(&bytes[..bytes.len() - 3]).contains("ends early"));
    assert!(err(b"GIF89a..").contains("not a triage model"));
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(err(&longer).contains("after the end"));
    let mut version = bytes.clone();
    version[8] = 9;
    assert!(err(&version).contains("version"));
    // A class code other than this build's causes.
    let mut class = bytes.clone();
    let at = 8 + 2 + 1 + 1;
    class[at] = b'Q';
    assert!(err(&class).contains("class"), "{}", err(&class));
}

#[test]
fn gram_keys_are_computed_from_the_stored_text() {
    let set = toy();
    for (k, t) in &set.gram_text {
        assert_eq!(key_of(t), *k, "{t}");
    }
}
