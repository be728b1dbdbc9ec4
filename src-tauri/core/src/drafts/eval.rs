//! Measuring drafts on the labelled corpus (`tests/corpus/labels.tsv`): how often the
//! public reply, the private message and the phone script fall back to the cause's
//! general phrase ("服务没让您满意") instead of naming the buyer's problem, and whether
//! the problem they name belongs to the cause the case was given.
//!
//! Each review becomes a case with its labelled primary cause, drafted in its own
//! language with the shipped templates. Three measurements:
//! - the development part (the catalogue was built and the extraction tuned on it),
//! - the test part (never read while building: only these totals are reported),
//! - each category left out: the catalogue without the words only that category's
//!   development reviews (of the word's cause) contain, measured on the category's test
//!   reviews, so a category nobody looked at is measured as a new shop would meet it.
//!
//! Whether a named problem belongs to the cause is checked twice: by the catalogue's
//! words in the review words it was read from (a problem whose words show other causes
//! and not the case's is misnamed), and, independently, by triage reading the named
//! phrase on its own (a phrase triage gives causes to, none of them the case's, is "read
//! otherwise"; triage and the labels disagree on some reviews, so this is a count to
//! look into, not a defect by itself).

use super::compose::{compose, naming, Loaded};
use super::model::{Channel, Draft, DraftPrefs, ProblemSource};
use super::problems::Naming;
use super::store::builtin_pool;
use crate::cases::{guess_lang, Case, CaseSource, CaseStatus, Cause, Platform};
use crate::error::{CoreError, Result};
use crate::problems::{self, Catalogue};
use crate::settings::Settings;
use crate::triage::{self, eval::record_texts, Model, TriageInput};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

/// The part of the corpus a review belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// May be read and tuned on.
    Dev,
    /// Only measured as a whole.
    Test,
}

/// One labelled review of the corpus.
#[derive(Debug, Clone)]
pub struct CorpusReview {
    pub source: String,
    pub row: usize,
    pub category: String,
    pub part: Part,
    pub primary: Cause,
    pub others: Vec<Cause>,
    pub text: String,
}

impl CorpusReview {
    /// The primary cause and the others.
    pub fn causes(&self) -> impl Iterator<Item = Cause> + '_ {
        std::iter::once(self.primary).chain(self.others.iter().copied())
    }
}

fn bad(msg: impl Into<String>) -> CoreError {
    CoreError::validation("validation.eval_fixture", "labels", msg)
}

fn causes(s: &str, line: usize) -> Result<Vec<Cause>> {
    let s = s.trim();
    if s.is_empty() || s == "-" {
        return Ok(Vec::new());
    }
    s.split(',')
        .map(|c| {
            Cause::parse(c.trim()).ok_or_else(|| bad(format!("line {line}: unknown cause '{c}'")))
        })
        .collect()
}

/// Reads the corpus labels (`source row hash category split primary others labelling`,
/// tab-separated, `#` comments) and the texts they point at in `data_dir`.
pub fn load_corpus(labels: &Path, data_dir: &Path) -> Result<Vec<CorpusReview>> {
    let content = std::fs::read_to_string(labels)?;
    let mut refs = Vec::new();
    let mut rows = Vec::new();
    for (i, line) in content.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 7 {
            return Err(bad(format!(
                "line {n}: expected source, row, hash, category, split, primary, others"
            )));
        }
        let row: usize = c[1]
            .trim()
            .parse()
            .map_err(|_| bad(format!("line {n}: bad row number")))?;
        let part = match c[4].trim() {
            "dev" => Part::Dev,
            "test" => Part::Test,
            other => return Err(bad(format!("line {n}: unknown split '{other}'"))),
        };
        let primary = causes(c[5], n)?
            .first()
            .copied()
            .ok_or_else(|| bad(format!("line {n}: missing primary cause")))?;
        refs.push((c[0].trim().to_string(), row, c[2].trim().to_string()));
        rows.push((c[3].trim().to_string(), part, primary, causes(c[6], n)?));
    }
    let texts = record_texts(data_dir, &refs)?;
    Ok(refs
        .into_iter()
        .zip(rows)
        .zip(texts)
        .map(
            |(((source, row, _), (category, part, primary, others)), text)| CorpusReview {
                source,
                row,
                category,
                part,
                primary,
                others,
                text,
            },
        )
        .collect())
}

/// What was counted for a group of reviews.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Tally {
    pub reviews: u32,
    pub drafts: u32,
    /// Drafts naming the problem only by the cause's general phrase.
    pub generic: u32,
    /// Drafts naming a catalogue phrase.
    pub catalogue: u32,
    /// Drafts naming the review's own words.
    pub review: u32,
    /// Drafts whose named problem belongs to another cause than the case's.
    pub misnamed: u32,
    /// Drafts whose named phrase triage reads as another cause.
    pub read_otherwise: u32,
    /// Drafts whose text does not carry the problem they were given.
    pub unnamed: u32,
}

impl Tally {
    /// Share of drafts falling back to the general phrase, 0–1.
    pub fn generic_share(&self) -> f64 {
        if self.drafts == 0 {
            0.0
        } else {
            f64::from(self.generic) / f64::from(self.drafts)
        }
    }

    fn add(&mut self, o: &Tally) {
        self.reviews += o.reviews;
        self.drafts += o.drafts;
        self.generic += o.generic;
        self.catalogue += o.catalogue;
        self.review += o.review;
        self.misnamed += o.misnamed;
        self.read_otherwise += o.read_otherwise;
        self.unnamed += o.unnamed;
    }
}

/// A named group (a source file, a category, a cause, a channel) and its tally.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub name: String,
    pub tally: Tally,
}

/// One part of the corpus, in total and by channel, source, category and cause.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartReport {
    pub name: String,
    pub all: Tally,
    pub channels: Vec<Group>,
    pub sources: Vec<Group>,
    pub categories: Vec<Group>,
    pub causes: Vec<Group>,
}

/// The development part, the test part, and each category's test reviews drafted with
/// the catalogue built without that category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DraftsEvalReport {
    pub dev: PartReport,
    pub test: PartReport,
    pub left_out: PartReport,
    /// How many catalogue words each left-out category's catalogue went without.
    pub left_out_words: Vec<Dropped>,
}

/// The catalogue words a left-out category's catalogue goes without.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dropped {
    pub category: String,
    pub words: u32,
}

/// Where a category's reviews are posted, and what they are about, so the drafts read
/// as they would for such a shop.
fn setting(category: &str) -> (Platform, &'static str) {
    match category {
        "waimai" => (Platform::Meituan, "招牌盖饭套餐"),
        "dianping" => (Platform::Meituan, "双人套餐"),
        "cosmetics" => (Platform::Tmall, "保湿面霜"),
        "shop-书籍" => (Platform::Jd, "英语绘本图书"),
        "shop-平板" => (Platform::Jd, "10英寸平板电脑"),
        "shop-手机" => (Platform::Jd, "智能手机"),
        "shop-水果" => (Platform::Taobao, "新鲜水果礼盒"),
        "shop-洗发水" => (Platform::Jd, "去屑洗发水"),
        "shop-热水器" => (Platform::Jd, "电热水器"),
        "shop-蒙牛" => (Platform::Jd, "蒙牛纯牛奶"),
        "shop-衣服" => (Platform::Taobao, "女士针织连衣裙"),
        "shop-计算机" => (Platform::Jd, "笔记本电脑"),
        "shop-酒店" => (Platform::Other, "酒店客房"),
        "en-alexa" => (Platform::Amazon, "Echo Dot"),
        "en-musical-instruments" => (Platform::Amazon, "guitar cable"),
        "en-womens-clothing" => (Platform::Shopify, "wrap dress"),
        _ => (Platform::Other, "商品"),
    }
}

fn case_for(r: &CorpusReview, id: i64) -> Case {
    let (platform, product) = setting(&r.category);
    let at: DateTime<Utc> = DateTime::<Utc>::UNIX_EPOCH;
    Case {
        id,
        platform,
        shop: String::new(),
        order_id: None,
        review_id: None,
        buyer_nick: None,
        buyer_phone_masked: None,
        buyer_tz: "Asia/Shanghai".into(),
        product: product.into(),
        stars: 1,
        review_text: r.text.clone(),
        review_time: at,
        has_photos: false,
        order_value_cents: None,
        lang: guess_lang(&r.text),
        seller_reply: None,
        follow_up_text: None,
        primary_cause: r.primary,
        causes: r.causes().collect(),
        severity: 2,
        flags: Vec::new(),
        triage_reasons: Vec::new(),
        labels_locked: true,
        status: CaseStatus::New,
        outcome: None,
        source: CaseSource::Import,
        created_at: at,
        updated_at: at,
        backlog: false,
        followup_from: None,
    }
}

/// Triage's reading of a named phrase on its own: the causes it gives, none when it finds
/// no cause in it.
fn judged_causes(phrase: &str) -> Vec<Cause> {
    let t = triage::classify(&TriageInput {
        text: phrase,
        ..Default::default()
    });
    t.causes
        .into_iter()
        .filter(|c| *c != Cause::Other)
        .collect()
}

/// What the drafts name for one development review, for people tuning the catalogue.
/// Only development reviews can be listed this way.
#[derive(Debug, Clone, Serialize)]
pub struct DevNaming {
    pub source: String,
    pub row: usize,
    pub category: String,
    pub primary: Cause,
    pub problem: super::model::ProblemNote,
    /// The causes the catalogue's words in the quoted review words show.
    pub evidence: Vec<Cause>,
    /// Triage's causes for the named phrase on its own.
    pub judged: Vec<Cause>,
    pub misnamed: bool,
    pub read_otherwise: bool,
    pub text: String,
}

/// The problem named for every development review of the corpus.
pub fn dev_namings(corpus: &[CorpusReview]) -> Vec<DevNaming> {
    corpus
        .iter()
        .filter(|r| r.part == Part::Dev)
        .enumerate()
        .map(|(i, r)| {
            let l = loaded(r, i as i64 + 1, problems::shipped());
            let n = naming(&l, l.case.lang);
            let (misnamed, read_otherwise, judged) = checks(&n, r.primary);
            let problem = n.note;
            let evidence = n.evidence;
            DevNaming {
                source: r.source.clone(),
                row: r.row,
                category: r.category.clone(),
                primary: r.primary,
                problem,
                evidence,
                judged,
                misnamed,
                read_otherwise,
                text: r.text.clone(),
            }
        })
        .collect()
}

/// What the drafts name for a review text of `cause`, drafted in the text's language.
pub fn name_for(text: &str, cause: Cause) -> super::model::ProblemNote {
    let r = CorpusReview {
        source: String::new(),
        row: 0,
        category: String::new(),
        part: Part::Dev,
        primary: cause,
        others: Vec::new(),
        text: text.to_string(),
    };
    let l = loaded(&r, 1, problems::shipped());
    naming(&l, l.case.lang).note
}

fn loaded<'c>(r: &CorpusReview, id: i64, catalogue: &'c Catalogue) -> Loaded<'c> {
    Loaded {
        settings: Settings::default(),
        prefs: DraftPrefs::default(),
        offered: None,
        phone: None,
        catalogue,
        case: case_for(r, id),
    }
}

/// Whether a named problem is misnamed (its own words show other causes, not `cause`),
/// whether triage reads the phrase as another cause, and triage's causes for it.
fn checks(n: &Naming, cause: Cause) -> (bool, bool, Vec<Cause>) {
    if n.note.source == ProblemSource::Cause {
        return (false, false, Vec::new());
    }
    let misnamed = !n.evidence.is_empty() && !n.evidence.contains(&cause);
    let judged = judged_causes(&n.note.phrase);
    let otherwise = !judged.is_empty() && !judged.contains(&cause);
    (misnamed, otherwise, judged)
}

/// The three drafts of one review and what they count for.
fn tally_review(r: &CorpusReview, id: i64, catalogue: &Catalogue) -> (Tally, [Tally; 3]) {
    let l = loaded(r, id, catalogue);
    let lang = l.case.lang;
    let n = naming(&l, lang);
    let (misnamed, read_otherwise, _) = checks(&n, l.case.primary_cause);
    let problem = n.note;
    let mut all = Tally {
        reviews: 1,
        ..Default::default()
    };
    let mut by_channel: [Tally; 3] = Default::default();
    for (i, &channel) in Channel::ALL.iter().enumerate() {
        let pool = builtin_pool(l.case.primary_cause, channel, lang);
        let d: Draft = compose(&l, &pool, None, &problem, channel, lang, None);
        let t = &mut by_channel[i];
        t.drafts = 1;
        match d.problem.source {
            ProblemSource::Cause => t.generic = 1,
            ProblemSource::Catalogue => t.catalogue = 1,
            ProblemSource::Review => t.review = 1,
        }
        t.misnamed = u32::from(misnamed);
        t.read_otherwise = u32::from(read_otherwise);
        t.unnamed = u32::from(!d.text.contains(&d.problem.phrase));
        all.add(t);
    }
    all.reviews = 1;
    (all, by_channel)
}

fn groups(map: BTreeMap<String, Tally>) -> Vec<Group> {
    map.into_iter()
        .map(|(name, tally)| Group { name, tally })
        .collect()
}

/// Tallies `reviews`, each drafted with the catalogue `catalogue_for` gives its category.
fn measure<'c>(
    name: &str,
    reviews: &[&CorpusReview],
    catalogue_for: &dyn Fn(&str) -> &'c Catalogue,
) -> PartReport {
    let mut all = Tally::default();
    let mut channels: [Tally; 3] = Default::default();
    let mut sources: BTreeMap<String, Tally> = BTreeMap::new();
    let mut categories: BTreeMap<String, Tally> = BTreeMap::new();
    let mut causes: BTreeMap<String, Tally> = BTreeMap::new();
    for (i, r) in reviews.iter().enumerate() {
        let (t, by) = tally_review(r, i as i64 + 1, catalogue_for(&r.category));
        all.add(&t);
        for (c, b) in channels.iter_mut().zip(by.iter()) {
            c.add(b);
        }
        sources.entry(r.source.clone()).or_default().add(&t);
        categories.entry(r.category.clone()).or_default().add(&t);
        causes.entry(r.primary.to_string()).or_default().add(&t);
    }
    // Channels count drafts, not reviews.
    for c in &mut channels {
        c.reviews = all.reviews;
    }
    PartReport {
        name: name.to_string(),
        all,
        channels: Channel::ALL
            .iter()
            .zip(channels)
            .map(|(ch, tally)| Group {
                name: ch.to_string(),
                tally,
            })
            .collect(),
        sources: groups(sources),
        categories: groups(categories),
        causes: groups(causes),
    }
}

/// Whether `text` (lower case) mentions `word` as the catalogue matches it: Chinese
/// anywhere, English as a whole word.
fn mentions(text: &str, word: &str) -> bool {
    if !word.is_ascii() {
        return text.contains(word);
    }
    let bytes = text.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric();
    text.match_indices(word).any(|(at, _)| {
        let end = at + word.len();
        (at == 0 || !is_word(bytes[at - 1])) && (end == bytes.len() || !is_word(bytes[end]))
    })
}

/// The catalogue words that only `category`'s development reviews show: a development
/// review of the category with one of the word's causes (any cause, for a word with
/// none) contains it, and no such review of another category does. Built without that
/// category, the catalogue would not have them.
pub fn words_only_in(
    catalogue: &Catalogue,
    dev: &[(&CorpusReview, String)],
    category: &str,
) -> HashSet<String> {
    catalogue
        .words()
        .into_iter()
        .filter(|(word, word_causes)| {
            let shows = |r: &CorpusReview, lower: &str| {
                (word_causes.is_empty() || r.causes().any(|c| word_causes.contains(&c)))
                    && mentions(lower, word)
            };
            let mut inside = false;
            for (r, lower) in dev {
                if shows(r, lower) {
                    if r.category != category {
                        return false;
                    }
                    inside = true;
                }
            }
            inside
        })
        .map(|(w, _)| w.to_string())
        .collect()
}

/// Measures the shipped catalogue (or `catalogue`) on the corpus.
pub fn evaluate(corpus: &[CorpusReview]) -> DraftsEvalReport {
    evaluate_with(corpus, problems::shipped())
}

/// Measures `shipped` as the catalogue on the corpus.
pub fn evaluate_with(corpus: &[CorpusReview], shipped: &Catalogue) -> DraftsEvalReport {
    let dev: Vec<&CorpusReview> = corpus.iter().filter(|r| r.part == Part::Dev).collect();
    let test: Vec<&CorpusReview> = corpus.iter().filter(|r| r.part == Part::Test).collect();
    let dev_lower: Vec<(&CorpusReview, String)> =
        dev.iter().map(|r| (*r, r.text.to_lowercase())).collect();
    let categories: Vec<String> = {
        let mut c: Vec<String> = test.iter().map(|r| r.category.clone()).collect();
        c.sort();
        c.dedup();
        c
    };
    let mut left_out_words = Vec::new();
    let mut without: BTreeMap<String, Catalogue> = BTreeMap::new();
    // The clause model too is trained without the category, so a left-out category is
    // read as triage would read a shop it never saw.
    let mut models: BTreeMap<String, Model> =
        triage::eval::models_without_each_category(&as_triage_items(corpus))
            .into_iter()
            .collect();
    for c in &categories {
        let drop = words_only_in(shipped, &dev_lower, c);
        left_out_words.push(Dropped {
            category: c.clone(),
            words: drop.len() as u32,
        });
        let mut cat = shipped.without_words(&drop);
        if let Some(m) = models.remove(c) {
            cat = cat.with_clause_model(Arc::new(m));
        }
        without.insert(c.clone(), cat);
    }
    let same = |_: &str| shipped;
    let left = |c: &str| without.get(c).unwrap_or(shipped);
    DraftsEvalReport {
        dev: measure("dev", &dev, &same),
        test: measure("test", &test, &same),
        left_out: measure("left-out categories (test reviews)", &test, &left),
        left_out_words,
    }
}

/// The corpus as triage's measurements take it.
fn as_triage_items(corpus: &[CorpusReview]) -> Vec<triage::eval::EvalItem> {
    corpus
        .iter()
        .map(|r| triage::eval::EvalItem {
            source: r.source.clone(),
            row: r.row,
            primary: r.primary,
            others: r.others.clone(),
            flags: Vec::new(),
            product: String::new(),
            text: r.text.clone(),
            category: r.category.clone(),
            split: Some(match r.part {
                Part::Dev => triage::eval::Split::Dev,
                Part::Test => triage::eval::Split::Test,
            }),
        })
        .collect()
}

fn pct(t: &Tally) -> String {
    format!("{:5.1} %", t.generic_share() * 100.0)
}

fn line(out: &mut String, name: &str, t: &Tally) {
    let _ = writeln!(
        out,
        "  {:<34} {:>7} {:>7} {:>9} {:>8} {:>8} {:>8} {:>8}",
        name,
        t.reviews,
        t.drafts,
        pct(t),
        t.catalogue,
        t.review,
        t.misnamed,
        t.read_otherwise
    );
}

impl PartReport {
    fn render(&self, out: &mut String, detail: bool) {
        let _ = writeln!(
            out,
            "== {}: {} reviews, {} drafts ==",
            self.name, self.all.reviews, self.all.drafts
        );
        let _ = writeln!(
            out,
            "  {:<34} {:>7} {:>7} {:>9} {:>8} {:>8} {:>8} {:>8}",
            "", "reviews", "drafts", "generic", "catalog", "review", "misnamed", "triage≠"
        );
        line(out, "all", &self.all);
        for g in &self.channels {
            line(out, &format!("channel {}", g.name), &g.tally);
        }
        if detail {
            for g in &self.sources {
                line(out, &format!("source {}", g.name), &g.tally);
            }
            for g in &self.causes {
                line(out, &format!("cause {}", g.name), &g.tally);
            }
        }
        for g in &self.categories {
            line(out, &format!("category {}", g.name), &g.tally);
        }
        if self.all.unnamed > 0 {
            let _ = writeln!(
                out,
                "  drafts not carrying their problem phrase: {}",
                self.all.unnamed
            );
        }
    }
}

impl DraftsEvalReport {
    /// The report as text for people.
    pub fn render(&self) -> String {
        let mut out = String::new();
        self.dev.render(&mut out, true);
        let _ = writeln!(out);
        self.test.render(&mut out, true);
        let _ = writeln!(out);
        self.left_out.render(&mut out, false);
        let _ = writeln!(
            out,
            "  catalogue words dropped per left-out category: {}",
            self.left_out_words
                .iter()
                .map(|d| format!("{} {}", d.category, d.words))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let worst = self
            .left_out
            .categories
            .iter()
            .max_by(|a, b| a.tally.generic_share().total_cmp(&b.tally.generic_share()));
        if let Some(w) = worst {
            let _ = writeln!(
                out,
                "  highest generic share of a left-out category: {} {}",
                w.name,
                pct(&w.tally).trim()
            );
        }
        out
    }
}
