//! Measuring triage against hand-labelled reviews.
//!
//! The corpus (`tests/corpus/labels.tsv`) refers to real reviews in the shared data files
//! by file and record number (1-based, header excluded), with a short hash of the text so
//! a changed file is noticed; the texts themselves are read from the data directory. It
//! is split once into a development part (read, tuned and trained on) and a test part
//! (only ever measured as a whole: no text, miss or single prediction of a test review is
//! reported). A second, smaller set holds hand-written reviews (with their text) for the
//! causes that public data hardly contains: malicious and misattributed.

mod corpus;

pub use corpus::{
    dev_train_set, evaluate_corpus, evaluate_dev, models_without_each_category, render_dev,
    train_shipped, CorpusOptions, CorpusReport, DevMethodReport, GroupScore, Method, MethodReport,
};

use super::classify::{classify_how, How};
use super::combine::CombineConfig;
use super::learned;
use super::model::{Flag, TriageInput};
use super::reasons::cause_name;
use super::rules::Rules;
use crate::cases::Cause;
use crate::error::{CoreError, Result};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;

/// The part of the corpus a review belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Split {
    /// May be read, tuned and trained on.
    Dev,
    /// Only measured as a whole.
    Test,
}

/// One labelled review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvalItem {
    /// Data file name, or `handwritten`.
    pub source: String,
    /// Record number in the file (1-based, header excluded), or line in the fixture.
    pub row: usize,
    pub primary: Cause,
    /// Secondary causes.
    pub others: Vec<Cause>,
    /// Flags the review must get (hand-written set only).
    pub flags: Vec<Flag>,
    /// Product name given to triage (hand-written set only).
    pub product: String,
    pub text: String,
    /// Corpus category (`shop-书籍`, `waimai`, …); empty outside the corpus.
    pub category: String,
    /// Corpus split; `None` outside the corpus.
    pub split: Option<Split>,
}

impl EvalItem {
    pub fn gold_causes(&self) -> Vec<Cause> {
        let mut all = vec![self.primary];
        all.extend(self.others.iter().filter(|c| **c != self.primary));
        all
    }
}

/// FNV-1a (32 bit) of the text, as 8 hex digits: enough to notice that a row changed.
pub fn text_hash(text: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in text.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{h:08x}")
}

fn bad(msg: impl Into<String>) -> CoreError {
    CoreError::validation("validation.eval_fixture", "fixture", msg)
}

fn parse_causes(s: &str, line: usize) -> Result<Vec<Cause>> {
    if s.trim().is_empty() || s.trim() == "-" {
        return Ok(Vec::new());
    }
    s.split(',')
        .map(|c| {
            Cause::parse(c.trim()).ok_or_else(|| bad(format!("line {line}: unknown cause '{c}'")))
        })
        .collect()
}

fn parse_flags(s: &str, line: usize) -> Result<Vec<Flag>> {
    if s.trim().is_empty() || s.trim() == "-" {
        return Ok(Vec::new());
    }
    s.split(',')
        .map(|f| {
            Flag::parse(f.trim()).ok_or_else(|| bad(format!("line {line}: unknown flag '{f}'")))
        })
        .collect()
}

/// Line breaks as `\n` (the files mix CRLF and LF inside quoted fields), no U+FEFF,
/// trimmed.
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\u{feff}', "")
        .trim()
        .to_string()
}

/// The review text of one record of a known data file.
fn record_text(file: &str, rec: &csv::StringRecord) -> Option<String> {
    let field = |i: usize| rec.get(i).map(clean);
    match file {
        "zh-online-shopping-10-cats.csv" => field(2),
        "zh-waimai-10k.csv" => field(1),
        f if f.starts_with("zh-dianping-asap-") => field(1).map(|t| t.replace("\\n", "\n")),
        "en-amazon-alexa.tsv" => field(3),
        "zh-cosmetics-zhijiang2019.csv" => field(2),
        "en-amazon-musical-instruments.csv" => {
            let summary = field(6).unwrap_or_default();
            let body = field(4)?;
            Some(if summary.is_empty() {
                body
            } else {
                format!("{summary}. {body}")
            })
        }
        "en-womens-clothing-reviews.csv" => {
            let title = field(3).unwrap_or_default();
            let body = field(4)?;
            Some(if title.is_empty() {
                body
            } else {
                format!("{title}. {body}")
            })
        }
        _ => None,
    }
}

/// Reads the wanted records (1-based) of one data file.
fn read_rows(data_dir: &Path, file: &str, wanted: &[usize]) -> Result<HashMap<usize, String>> {
    let path = data_dir.join(file);
    let delimiter = if file.ends_with(".tsv") { b'\t' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .delimiter(delimiter)
        .from_path(&path)
        .map_err(|e| bad(format!("{}: {e}", path.display())))?;
    let last = wanted.iter().copied().max().unwrap_or(0);
    let mut out = HashMap::new();
    for (i, rec) in reader.records().enumerate() {
        let n = i + 1;
        if n > last {
            break;
        }
        let rec = rec.map_err(|e| bad(format!("{file} record {n}: {e}")))?;
        if wanted.binary_search(&n).is_ok() {
            let text = record_text(file, &rec)
                .ok_or_else(|| bad(format!("{file}: unknown file or missing column")))?;
            out.insert(n, text);
        }
    }
    Ok(out)
}

/// Loads the reference fixture (`source row hash primary others`, tab-separated, `#`
/// comments) and the texts it points at in `data_dir`. Fails if a text's hash differs.
pub fn load_fixture(fixture: &Path, data_dir: &Path) -> Result<Vec<EvalItem>> {
    let content = std::fs::read_to_string(fixture)?;
    let mut refs: Vec<(String, usize, String, Cause, Vec<Cause>)> = Vec::new();
    for (i, line) in content.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 {
            return Err(bad(format!(
                "line {line_no}: expected source, row, hash, primary"
            )));
        }
        let row: usize = cols[1]
            .trim()
            .parse()
            .map_err(|_| bad(format!("line {line_no}: bad row number")))?;
        let primary = parse_causes(cols[3], line_no)?
            .first()
            .copied()
            .ok_or_else(|| bad(format!("line {line_no}: missing primary cause")))?;
        let others = parse_causes(cols.get(4).copied().unwrap_or(""), line_no)?;
        refs.push((
            cols[0].trim().to_string(),
            row,
            cols[2].trim().to_string(),
            primary,
            others,
        ));
    }
    let keys: Vec<(String, usize, String)> = refs
        .iter()
        .map(|(f, r, h, ..)| (f.clone(), *r, h.clone()))
        .collect();
    let texts = read_texts(data_dir, &keys)?;
    Ok(refs
        .into_iter()
        .zip(texts)
        .map(|((source, row, _, primary, others), text)| EvalItem {
            source,
            row,
            primary,
            others,
            flags: Vec::new(),
            product: String::new(),
            text,
            category: String::new(),
            split: None,
        })
        .collect())
}

/// The texts of (file, record, hash) references, in their order; fails on a missing
/// record or a hash that differs.
fn read_texts(data_dir: &Path, refs: &[(String, usize, String)]) -> Result<Vec<String>> {
    let mut wanted: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (file, row, _) in refs {
        wanted.entry(file.as_str()).or_default().push(*row);
    }
    let mut texts: HashMap<(String, usize), String> = HashMap::new();
    for (file, mut rows) in wanted {
        rows.sort_unstable();
        for (n, t) in read_rows(data_dir, file, &rows)? {
            texts.insert((file.to_string(), n), t);
        }
    }
    refs.iter()
        .map(|(source, row, hash)| {
            let text = texts
                .remove(&(source.clone(), *row))
                .ok_or_else(|| bad(format!("{source} has no record {row}")))?;
            let actual = text_hash(&text);
            if actual != *hash {
                return Err(bad(format!(
                    "{source} record {row}: text hash {actual}, the labels say {hash} (data changed?)"
                )));
            }
            Ok(text)
        })
        .collect()
}

/// Loads the labelled corpus (`source row hash category split primary others labelling`,
/// tab-separated, `#` comments) and the texts it points at in `data_dir`. Fails if a
/// text's hash differs.
pub fn load_corpus(labels: &Path, data_dir: &Path) -> Result<Vec<EvalItem>> {
    let content = std::fs::read_to_string(labels)?;
    let mut items = Vec::new();
    let mut keys = Vec::new();
    for (i, line) in content.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 7 {
            return Err(bad(format!(
                "line {line_no}: expected source, row, hash, category, split, primary, others"
            )));
        }
        let row: usize = cols[1]
            .trim()
            .parse()
            .map_err(|_| bad(format!("line {line_no}: bad row number")))?;
        let split = match cols[4].trim() {
            "dev" => Split::Dev,
            "test" => Split::Test,
            other => return Err(bad(format!("line {line_no}: unknown split '{other}'"))),
        };
        let primary = parse_causes(cols[5], line_no)?
            .first()
            .copied()
            .ok_or_else(|| bad(format!("line {line_no}: missing primary cause")))?;
        keys.push((cols[0].trim().to_string(), row, cols[2].trim().to_string()));
        items.push(EvalItem {
            source: cols[0].trim().to_string(),
            row,
            primary,
            others: parse_causes(cols[6], line_no)?,
            flags: Vec::new(),
            product: String::new(),
            text: String::new(),
            category: cols[3].trim().to_string(),
            split: Some(split),
        });
    }
    for (item, text) in items.iter_mut().zip(read_texts(data_dir, &keys)?) {
        item.text = text;
    }
    Ok(items)
}

/// Loads the hand-written set: `primary others flags product text`, tab-separated.
pub fn load_handwritten(path: &Path) -> Result<Vec<EvalItem>> {
    let content = std::fs::read_to_string(path)?;
    let mut out = Vec::new();
    for (i, line) in content.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.splitn(5, '\t').collect();
        if cols.len() < 5 {
            return Err(bad(format!(
                "line {line_no}: expected primary, others, flags, product, text"
            )));
        }
        let primary = parse_causes(cols[0], line_no)?
            .first()
            .copied()
            .ok_or_else(|| bad(format!("line {line_no}: missing primary cause")))?;
        out.push(EvalItem {
            source: "handwritten".to_string(),
            row: line_no,
            primary,
            others: parse_causes(cols[1], line_no)?,
            flags: parse_flags(cols[2], line_no)?,
            product: cols[3].trim().to_string(),
            text: cols[4].trim().to_string(),
            category: String::new(),
            split: None,
        });
    }
    Ok(out)
}

/// Precision, recall and F1 of one cause.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CauseScore {
    pub cause: Cause,
    /// Gold items with this cause.
    pub support: u32,
    /// Items predicted with this cause.
    pub predicted: u32,
    pub correct: u32,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// One item triage got wrong (primary cause).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Miss {
    pub source: String,
    pub row: usize,
    /// Corpus category; empty outside the corpus.
    pub category: String,
    pub gold: Cause,
    pub predicted: Cause,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvalReport {
    pub items: u32,
    pub primary_correct: u32,
    pub primary_accuracy: f64,
    /// Per cause, on the primary cause (one label per review).
    pub primary_scores: Vec<CauseScore>,
    /// Mean F1 over the causes that occur in the gold labels or the predictions.
    pub primary_macro_f1: f64,
    /// Per cause, on all causes of a review (primary and secondary).
    pub set_scores: Vec<CauseScore>,
    pub set_macro_f1: f64,
    /// `confusion[gold][predicted]`, rows and columns in `Cause::ALL` order.
    pub confusion: Vec<Vec<u32>>,
    /// Items whose flags lacked an expected flag (hand-written set).
    pub flag_misses: u32,
    pub flags_expected: u32,
    pub misses: Vec<Miss>,
}

fn score(cause: Cause, support: u32, predicted: u32, correct: u32) -> CauseScore {
    let ratio = |a: u32, b: u32| {
        if b == 0 {
            0.0
        } else {
            f64::from(a) / f64::from(b)
        }
    };
    let precision = ratio(correct, predicted);
    let recall = ratio(correct, support);
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    CauseScore {
        cause,
        support,
        predicted,
        correct,
        precision,
        recall,
        f1,
    }
}

fn macro_f1(scores: &[CauseScore]) -> f64 {
    let used: Vec<f64> = scores
        .iter()
        .filter(|s| s.support > 0 || s.predicted > 0)
        .map(|s| s.f1)
        .collect();
    if used.is_empty() {
        0.0
    } else {
        used.iter().sum::<f64>() / used.len() as f64
    }
}

/// What a reader gave one item (the parts the evaluation compares).
#[derive(Debug, Clone)]
struct Predicted {
    primary: Cause,
    causes: Vec<Cause>,
    flags: Vec<Flag>,
}

fn predict(items: &[EvalItem], how: How) -> Vec<Predicted> {
    let rules = Rules::default();
    items
        .iter()
        .map(|item| {
            let t = classify_how(
                &TriageInput {
                    text: &item.text,
                    product: &item.product,
                    ..Default::default()
                },
                false,
                &rules,
                how,
            );
            Predicted {
                primary: t.primary,
                causes: t.causes,
                flags: t.flags,
            }
        })
        .collect()
}

/// Classifies every item as triage does (rules and shipped model combined) and compares
/// with the labels.
pub fn evaluate(items: &[EvalItem]) -> EvalReport {
    let how = match learned::builtin() {
        Some(m) => How::Combined(m, CombineConfig::default()),
        None => How::Rules,
    };
    compare(items, &predict(items, how))
}

/// Classifies every item with the lexicon's rules alone, as triage did before it had a
/// model, for comparison.
pub fn evaluate_rules(items: &[EvalItem]) -> EvalReport {
    compare(items, &predict(items, How::Rules))
}

/// Compares predictions with the labels. Misses are listed for items outside the test
/// part only.
fn compare(items: &[EvalItem], predicted: &[Predicted]) -> EvalReport {
    let n = Cause::ALL.len();
    let idx = |c: Cause| Cause::ALL.iter().position(|x| *x == c).unwrap_or(n - 1);
    let mut confusion = vec![vec![0u32; n]; n];
    let (mut set_support, mut set_pred, mut set_ok) = (vec![0u32; n], vec![0u32; n], vec![0u32; n]);
    let mut misses = Vec::new();
    let (mut flags_expected, mut flag_misses) = (0, 0);
    for (item, t) in items.iter().zip(predicted) {
        confusion[idx(item.primary)][idx(t.primary)] += 1;
        if t.primary != item.primary && item.split != Some(Split::Test) {
            misses.push(Miss {
                source: item.source.clone(),
                row: item.row,
                category: item.category.clone(),
                gold: item.primary,
                predicted: t.primary,
            });
        }
        let gold = item.gold_causes();
        for c in Cause::ALL {
            let (g, p) = (gold.contains(c), t.causes.contains(c));
            set_support[idx(*c)] += u32::from(g);
            set_pred[idx(*c)] += u32::from(p);
            set_ok[idx(*c)] += u32::from(g && p);
        }
        if !item.flags.is_empty() {
            flags_expected += 1;
            if item.flags.iter().any(|f| !t.flags.contains(f)) {
                flag_misses += 1;
            }
        }
    }
    let primary_scores: Vec<CauseScore> = Cause::ALL
        .iter()
        .map(|c| {
            let i = idx(*c);
            let support = confusion[i].iter().sum();
            let predicted = confusion.iter().map(|row| row[i]).sum();
            score(*c, support, predicted, confusion[i][i])
        })
        .collect();
    let set_scores: Vec<CauseScore> = Cause::ALL
        .iter()
        .map(|c| {
            let i = idx(*c);
            score(*c, set_support[i], set_pred[i], set_ok[i])
        })
        .collect();
    let correct: u32 = (0..n).map(|i| confusion[i][i]).sum();
    let total = items.len() as u32;
    EvalReport {
        items: total,
        primary_correct: correct,
        primary_accuracy: if total == 0 {
            0.0
        } else {
            f64::from(correct) / f64::from(total)
        },
        primary_macro_f1: macro_f1(&primary_scores),
        set_macro_f1: macro_f1(&set_scores),
        primary_scores,
        set_scores,
        confusion,
        flag_misses,
        flags_expected,
        misses,
    }
}

/// Short column names for the confusion matrix.
fn abbrev(c: Cause) -> &'static str {
    match c {
        Cause::Quality => "qual",
        Cause::NotAsDescribed => "nad",
        Cause::Logistics => "logi",
        Cause::Packaging => "pack",
        Cause::Service => "serv",
        Cause::ShippingError => "ship",
        Cause::Price => "price",
        Cause::Malicious => "mal",
        Cause::Misattributed => "misat",
        Cause::Other => "other",
    }
}

fn table(out: &mut String, title: &str, scores: &[CauseScore], macro_f1: f64) {
    let _ = writeln!(out, "{title}");
    let _ = writeln!(
        out,
        "  {:<17} {:>7} {:>9} {:>9} {:>7} {:>7}",
        "cause", "support", "predicted", "precision", "recall", "F1"
    );
    for s in scores.iter().filter(|s| s.support > 0 || s.predicted > 0) {
        let _ = writeln!(
            out,
            "  {:<17} {:>7} {:>9} {:>9.3} {:>7.3} {:>7.3}",
            s.cause.as_str(),
            s.support,
            s.predicted,
            s.precision,
            s.recall,
            s.f1
        );
    }
    let _ = writeln!(out, "  macro-F1: {macro_f1:.3}");
}

impl EvalReport {
    /// The report as text for people.
    pub fn render(&self, name: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "== {name}: {} reviews ==", self.items);
        let _ = writeln!(
            out,
            "primary-cause accuracy: {:.1} % ({} / {})",
            self.primary_accuracy * 100.0,
            self.primary_correct,
            self.items
        );
        let _ = writeln!(
            out,
            "macro-F1 (primary cause): {:.3}",
            self.primary_macro_f1
        );
        let _ = writeln!(out, "macro-F1 (all causes): {:.3}", self.set_macro_f1);
        if self.flags_expected > 0 {
            let _ = writeln!(
                out,
                "expected flags found: {} / {}",
                self.flags_expected - self.flag_misses,
                self.flags_expected
            );
        }
        let _ = writeln!(out);
        table(
            &mut out,
            "per cause, primary cause:",
            &self.primary_scores,
            self.primary_macro_f1,
        );
        let _ = writeln!(out);
        table(
            &mut out,
            "per cause, all causes (primary + secondary):",
            &self.set_scores,
            self.set_macro_f1,
        );
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "confusion matrix (rows: labelled, columns: predicted):"
        );
        let _ = write!(out, "  {:<6}", "");
        for c in Cause::ALL {
            let _ = write!(out, "{:>6}", abbrev(*c));
        }
        let _ = writeln!(out);
        for (i, row) in self.confusion.iter().enumerate() {
            if row.iter().all(|v| *v == 0) && self.confusion.iter().all(|r| r[i] == 0) {
                continue;
            }
            let _ = write!(out, "  {:<6}", abbrev(Cause::ALL[i]));
            for v in row {
                let _ = write!(out, "{v:>6}");
            }
            let _ = writeln!(out);
        }
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "legend: {}",
            Cause::ALL
                .iter()
                .map(|c| format!("{}={} ({})", abbrev(*c), c.as_str(), cause_name(*c, true)))
                .collect::<Vec<_>>()
                .join(", ")
        );
        out
    }
}

/// The texts of records of the data files, as (file, record, hash) references, in their
/// order; fails on a missing record or a hash that differs. For other measurements that
/// read the labelled corpus (the drafts evaluation).
pub fn record_texts(data_dir: &Path, refs: &[(String, usize, String)]) -> Result<Vec<String>> {
    let mut wanted: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (file, row, _) in refs {
        wanted.entry(file.as_str()).or_default().push(*row);
    }
    let mut texts: HashMap<(String, usize), String> = HashMap::new();
    for (file, mut rows) in wanted {
        rows.sort_unstable();
        rows.dedup();
        for (n, t) in read_rows(data_dir, file, &rows)? {
            texts.insert((file.to_string(), n), t);
        }
    }
    refs.iter()
        .map(|(source, row, hash)| {
            let text = texts
                .get(&(source.clone(), *row))
                .cloned()
                .ok_or_else(|| bad(format!("{source} has no record {row}")))?;
            let actual = text_hash(&text);
            if actual != *hash {
                return Err(bad(format!(
                    "{source} record {row}: text hash {actual}, the labels say {hash} (data changed?)"
                )));
            }
            Ok(text)
        })
        .collect()
}
