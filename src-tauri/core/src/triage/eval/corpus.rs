//! The corpus report: each reader (the rules alone, the model alone, both combined) on
//! the development part (cross-validated for the learned readers, since a model measured
//! on what it was trained on says little), on the test part as a whole, per category and
//! per source, with each category left out of training in turn, and on the hand-written
//! set.

use super::{compare, predict, EvalItem, EvalReport, Predicted, Split};
use crate::cases::Cause;
use crate::error::{CoreError, Result};
use crate::triage::classify::{training_features, How};
use crate::triage::combine::CombineConfig;
use crate::triage::learned::train::{train, Example, SplitMix, TrainConfig, TrainSet};
use crate::triage::learned::{self, Model};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// How a method labels with a model trained for it (the rules need none).
type HowFor = for<'m> fn(&'m Model, CombineConfig) -> How<'m>;

/// A reader of reviews.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// The lexicon's rules alone.
    Rules,
    /// The learned model alone, reading only the text.
    Model,
    /// Rules and model together, as triage labels cases.
    Combined,
}

impl Method {
    pub const ALL: [Method; 3] = [Method::Rules, Method::Model, Method::Combined];

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Rules => "rules",
            Method::Model => "model",
            Method::Combined => "combined",
        }
    }
}

/// What to measure and with what.
#[derive(Debug, Clone)]
pub struct CorpusOptions {
    /// Folds of the cross-validation on the development part.
    pub folds: usize,
    /// Training of the combined model (CV, leave-one-category-out); the text-only model
    /// uses the same with `lexicon: false`.
    pub train: TrainConfig,
    pub combine: CombineConfig,
    /// The combined model measured on the whole parts; `None`: the shipped one.
    pub model: Option<Model>,
    /// Also train and measure with each category left out (sixteen trainings per learned
    /// reader).
    pub leave_one_out: bool,
}

impl Default for CorpusOptions {
    fn default() -> Self {
        CorpusOptions {
            folds: 5,
            train: TrainConfig::default(),
            combine: CombineConfig::default(),
            model: None,
            leave_one_out: true,
        }
    }
}

/// Accuracy of the primary cause on one group of reviews.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupScore {
    pub group: String,
    pub items: u32,
    pub correct: u32,
    pub accuracy: f64,
}

/// One reader's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MethodReport {
    pub method: Method,
    /// On the development part. For the learned readers this is what they were trained
    /// on: see `dev_cv`.
    pub dev: EvalReport,
    /// Cross-validated on the development part (learned readers only): each fold measured
    /// by a model trained on the other folds.
    pub dev_cv: Option<EvalReport>,
    pub test: EvalReport,
    pub test_by_category: Vec<GroupScore>,
    pub test_by_source: Vec<GroupScore>,
    /// Per category: trained on the development rows of the other categories only,
    /// measured on this category's test rows. The rules are not trained: their figure is
    /// the category's test accuracy.
    pub leave_one_out: Vec<GroupScore>,
    pub leave_one_out_mean: Option<f64>,
    pub leave_one_out_min: Option<f64>,
    pub handwritten: EvalReport,
    /// Of the test reviews given `malicious` as primary cause, the share labelled so;
    /// `None` when none was.
    pub malicious_precision_test: Option<f64>,
    pub malicious_predicted_test: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusReport {
    pub dev_items: u32,
    pub test_items: u32,
    pub folds: u32,
    /// Size of the combined model measured, as shipped (bytes), and how many grams it knows.
    pub model_bytes: u64,
    pub model_grams: u32,
    pub methods: Vec<MethodReport>,
}

/// The corpus's categories, in order.
fn categories_of(corpus: &[EvalItem]) -> Vec<&str> {
    corpus
        .iter()
        .map(|i| i.category.as_str())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// The development rows of the corpus, read for training, and their positions in it.
pub fn dev_train_set(corpus: &[EvalItem]) -> (TrainSet, Vec<usize>) {
    let mut set = TrainSet::default();
    let mut positions = Vec::new();
    let categories = categories_of(corpus);
    for (i, item) in corpus.iter().enumerate() {
        if item.split != Some(Split::Dev) {
            continue;
        }
        let (grams, dense) = training_features(&item.text);
        let mut keys = Vec::with_capacity(grams.len());
        for (k, text) in grams {
            set.gram_text.entry(k).or_insert(text);
            keys.push(k);
        }
        set.examples.push(Example {
            keys,
            dense,
            primary: item.primary,
            others: item.others.clone(),
            group: categories
                .iter()
                .position(|c| *c == item.category)
                .unwrap_or(0) as u32,
        });
        positions.push(i);
    }
    (set, positions)
}

/// Trains the model triage ships: the combined configuration on every development row.
pub fn train_shipped(corpus: &[EvalItem]) -> Result<Model> {
    let (set, _) = dev_train_set(corpus);
    if set.examples.is_empty() {
        return Err(CoreError::validation(
            "validation.eval_fixture",
            "labels",
            "the corpus has no development rows to train on",
        ));
    }
    let all: Vec<usize> = (0..set.examples.len()).collect();
    Ok(train(&set, &all, &TrainConfig::default()))
}

fn group_scores(
    items: &[&EvalItem],
    predicted: &[Predicted],
    key: impl Fn(&EvalItem) -> String,
) -> Vec<GroupScore> {
    let mut groups: std::collections::BTreeMap<String, (u32, u32)> = Default::default();
    for (item, p) in items.iter().zip(predicted) {
        let g = groups.entry(key(item)).or_default();
        g.0 += 1;
        g.1 += u32::from(p.primary == item.primary);
    }
    groups
        .into_iter()
        .map(|(group, (items, correct))| GroupScore {
            group,
            items,
            correct,
            accuracy: f64::from(correct) / f64::from(items.max(1)),
        })
        .collect()
}

fn owned(items: &[&EvalItem]) -> Vec<EvalItem> {
    items.iter().map(|i| (*i).clone()).collect()
}

/// Predictions of the learned reader for every development row, each by a model trained
/// on the other folds.
fn cross_validate(
    set: &TrainSet,
    dev: &[EvalItem],
    folds: usize,
    cfg: &TrainConfig,
    how: impl Fn(&Model) -> How<'_>,
) -> Vec<Predicted> {
    let n = dev.len();
    let mut order: Vec<usize> = (0..n).collect();
    SplitMix(cfg.seed ^ 0x5eed_f01d).shuffle(&mut order);
    let mut fold_of = vec![0usize; n];
    for (pos, i) in order.iter().enumerate() {
        fold_of[*i] = pos % folds.max(1);
    }
    let mut out: Vec<Option<Predicted>> = vec![None; n];
    for f in 0..folds.max(1) {
        let train_rows: Vec<usize> = (0..n).filter(|i| fold_of[*i] != f).collect();
        let held: Vec<usize> = (0..n).filter(|i| fold_of[*i] == f).collect();
        let model = train(set, &train_rows, cfg);
        let items: Vec<EvalItem> = held.iter().map(|i| dev[*i].clone()).collect();
        for (i, p) in held.iter().zip(predict(&items, how(&model))) {
            out[*i] = Some(p);
        }
    }
    out.into_iter().flatten().collect()
}

fn malicious_precision(r: &EvalReport) -> (Option<f64>, u32) {
    let s = r
        .primary_scores
        .iter()
        .find(|s| s.cause == Cause::Malicious);
    match s {
        Some(s) if s.predicted > 0 => (Some(s.precision), s.predicted),
        _ => (None, 0),
    }
}

/// Measures every reader on the corpus and the hand-written set.
pub fn evaluate_corpus(
    corpus: &[EvalItem],
    handwritten: &[EvalItem],
    opts: &CorpusOptions,
) -> Result<CorpusReport> {
    let shipped = match &opts.model {
        Some(m) => m.clone(),
        None => learned::builtin().cloned().ok_or_else(|| {
            CoreError::validation(
                "validation.eval_fixture",
                "model",
                "the shipped triage model cannot be read",
            )
        })?,
    };
    let dev: Vec<&EvalItem> = corpus
        .iter()
        .filter(|i| i.split == Some(Split::Dev))
        .collect();
    let test: Vec<&EvalItem> = corpus
        .iter()
        .filter(|i| i.split == Some(Split::Test))
        .collect();
    let (dev_owned, test_owned) = (owned(&dev), owned(&test));
    let (set, _) = dev_train_set(corpus);
    let all_dev: Vec<usize> = (0..set.examples.len()).collect();
    let text_cfg = TrainConfig {
        lexicon: false,
        ..opts.train.clone()
    };
    let text_model = train(&set, &all_dev, &text_cfg);
    let combine = opts.combine;
    let categories: BTreeSet<&str> = corpus.iter().map(|i| i.category.as_str()).collect();

    let mut methods = Vec::new();
    for method in Method::ALL {
        let full = match method {
            Method::Rules => How::Rules,
            Method::Model => How::TextModel(&text_model),
            Method::Combined => How::Combined(&shipped, combine),
        };
        let dev_pred = predict(&dev_owned, full);
        let test_pred = predict(&test_owned, full);
        let test_report = compare(&test_owned, &test_pred);
        let (cfg, how): (Option<&TrainConfig>, HowFor) = match method {
            Method::Rules => (None, |_, _| How::Rules),
            Method::Model => (Some(&text_cfg), |m, _| How::TextModel(m)),
            Method::Combined => (Some(&opts.train), |m, c| How::Combined(m, c)),
        };
        let dev_cv = cfg.map(|cfg| {
            let p = cross_validate(&set, &dev_owned, opts.folds, cfg, |m| how(m, combine));
            compare(&dev_owned, &p)
        });
        let mut loco = Vec::new();
        if opts.leave_one_out {
            for cat in &categories {
                let rows: Vec<&EvalItem> = test
                    .iter()
                    .copied()
                    .filter(|i| i.category == *cat)
                    .collect();
                if rows.is_empty() {
                    continue;
                }
                let pred = match cfg {
                    None => predict(&owned(&rows), How::Rules),
                    Some(cfg) => {
                        let train_rows: Vec<usize> = (0..dev.len())
                            .filter(|i| dev[*i].category != *cat)
                            .collect();
                        let model = train(&set, &train_rows, cfg);
                        predict(&owned(&rows), how(&model, combine))
                    }
                };
                loco.extend(group_scores(&rows, &pred, |i| i.category.clone()));
            }
        }
        let accs: Vec<f64> = loco.iter().map(|g| g.accuracy).collect();
        let (mal_p, mal_n) = malicious_precision(&test_report);
        methods.push(MethodReport {
            method,
            dev: compare(&dev_owned, &dev_pred),
            dev_cv,
            test_by_category: group_scores(&test, &test_pred, |i| i.category.clone()),
            test_by_source: group_scores(&test, &test_pred, |i| source_group(&i.source)),
            test: test_report,
            leave_one_out_mean: (!accs.is_empty())
                .then(|| accs.iter().sum::<f64>() / accs.len() as f64),
            leave_one_out_min: accs.iter().copied().reduce(f64::min),
            leave_one_out: loco,
            handwritten: compare(handwritten, &predict(handwritten, full)),
            malicious_precision_test: mal_p,
            malicious_predicted_test: mal_n,
        });
    }
    Ok(CorpusReport {
        dev_items: dev.len() as u32,
        test_items: test.len() as u32,
        folds: opts.folds as u32,
        model_bytes: shipped.to_bytes().len() as u64,
        model_grams: shipped.vocab_len() as u32,
        methods,
    })
}

/// One reader's figures on the development part only, for tuning: nothing of the test
/// part is read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DevMethodReport {
    pub method: Method,
    /// Cross-validated for the learned readers; the rules are not trained, so theirs is
    /// plain.
    pub cv: EvalReport,
    pub cv_by_category: Vec<GroupScore>,
    /// Per category: trained on the development rows of the other categories, measured on
    /// this category's development rows.
    pub leave_one_out: Vec<GroupScore>,
    pub leave_one_out_mean: Option<f64>,
    pub leave_one_out_min: Option<f64>,
    pub handwritten: EvalReport,
}

/// Every reader on the development part only (cross-validation and leave-one-category-out
/// within it), for tuning methods without looking at the test part.
pub fn evaluate_dev(
    corpus: &[EvalItem],
    handwritten: &[EvalItem],
    opts: &CorpusOptions,
) -> Vec<DevMethodReport> {
    let dev: Vec<&EvalItem> = corpus
        .iter()
        .filter(|i| i.split == Some(Split::Dev))
        .collect();
    let dev_owned = owned(&dev);
    let (set, _) = dev_train_set(corpus);
    let all_dev: Vec<usize> = (0..set.examples.len()).collect();
    let text_cfg = TrainConfig {
        lexicon: false,
        ..opts.train.clone()
    };
    let combine = opts.combine;
    let categories: BTreeSet<&str> = dev.iter().map(|i| i.category.as_str()).collect();
    let mut out = Vec::new();
    for method in Method::ALL {
        let (cfg, how): (Option<&TrainConfig>, HowFor) = match method {
            Method::Rules => (None, |_, _| How::Rules),
            Method::Model => (Some(&text_cfg), |m, _| How::TextModel(m)),
            Method::Combined => (Some(&opts.train), |m, c| How::Combined(m, c)),
        };
        let cv_pred = match cfg {
            None => predict(&dev_owned, How::Rules),
            Some(cfg) => cross_validate(&set, &dev_owned, opts.folds, cfg, |m| how(m, combine)),
        };
        let mut loco = Vec::new();
        if opts.leave_one_out {
            for cat in &categories {
                let rows: Vec<usize> = (0..dev.len())
                    .filter(|i| dev[*i].category == *cat)
                    .collect();
                let items: Vec<&EvalItem> = rows.iter().map(|i| dev[*i]).collect();
                let pred = match cfg {
                    None => rows.iter().map(|i| cv_pred[*i].clone()).collect(),
                    Some(cfg) => {
                        let train_rows: Vec<usize> = (0..dev.len())
                            .filter(|i| dev[*i].category != *cat)
                            .collect();
                        let model = train(&set, &train_rows, cfg);
                        predict(&owned(&items), how(&model, combine))
                    }
                };
                loco.extend(group_scores(&items, &pred, |i| i.category.clone()));
            }
        }
        let hand = match cfg {
            None => predict(handwritten, How::Rules),
            Some(cfg) => {
                let model = train(&set, &all_dev, cfg);
                predict(handwritten, how(&model, combine))
            }
        };
        let accs: Vec<f64> = loco.iter().map(|g| g.accuracy).collect();
        out.push(DevMethodReport {
            method,
            cv: compare(&dev_owned, &cv_pred),
            cv_by_category: group_scores(&dev, &cv_pred, |i| i.category.clone()),
            leave_one_out_mean: (!accs.is_empty())
                .then(|| accs.iter().sum::<f64>() / accs.len() as f64),
            leave_one_out_min: accs.iter().copied().reduce(f64::min),
            leave_one_out: loco,
            handwritten: compare(handwritten, &hand),
        });
    }
    out
}

/// The development figures as text, readers side by side.
pub fn render_dev(reports: &[DevMethodReport]) -> String {
    let mut out = String::new();
    let _ = write!(out, "  {:<36}", "development part only");
    for m in reports {
        let _ = write!(out, "{:>10}", m.method.as_str());
    }
    let _ = writeln!(out);
    let line = |out: &mut String, name: &str, f: &dyn Fn(&DevMethodReport) -> String| {
        let _ = write!(out, "  {name:<36}");
        for m in reports {
            let _ = write!(out, "{:>10}", f(m));
        }
        let _ = writeln!(out);
    };
    line(&mut out, "accuracy (cross-validated)", &|m| {
        pct(m.cv.primary_accuracy)
    });
    line(&mut out, "macro-F1 (cross-validated)", &|m| {
        format!("{:.3}", m.cv.primary_macro_f1)
    });
    line(&mut out, "macro-F1 all causes", &|m| {
        format!("{:.3}", m.cv.set_macro_f1)
    });
    line(&mut out, "leave-one-category-out mean", &|m| {
        opt_pct(m.leave_one_out_mean)
    });
    line(&mut out, "leave-one-category-out lowest", &|m| {
        opt_pct(m.leave_one_out_min)
    });
    line(&mut out, "hand-written accuracy", &|m| {
        pct(m.handwritten.primary_accuracy)
    });
    line(&mut out, "malicious precision (cv)", &|m| {
        let (p, n) = malicious_precision(&m.cv);
        format!("{} ({n})", opt_pct(p))
    });
    let names: Vec<String> = reports
        .first()
        .map(|m| m.cv_by_category.iter().map(|g| g.group.clone()).collect())
        .unwrap_or_default();
    let _ = writeln!(out, "\n  per category: cross-validated | left out");
    for name in names {
        let _ = write!(out, "  {name:<28}");
        for m in reports {
            let a = m.cv_by_category.iter().find(|g| g.group == name);
            let b = m.leave_one_out.iter().find(|g| g.group == name);
            let _ = write!(
                out,
                " {:>5}|{:<5}",
                opt_pct(a.map(|g| g.accuracy)),
                opt_pct(b.map(|g| g.accuracy))
            );
        }
        let _ = writeln!(out);
    }
    if let Some(c) = reports.iter().find(|m| m.method == Method::Combined) {
        let _ = writeln!(out);
        out.push_str(&c.cv.render("combined, development part, cross-validated"));
    }
    out
}

/// The three Dianping sample files are one source.
fn source_group(source: &str) -> String {
    if source.starts_with("zh-dianping-asap-") {
        "zh-dianping-asap".to_string()
    } else {
        source.to_string()
    }
}

fn pct(x: f64) -> String {
    format!("{:.1}", x * 100.0)
}

fn opt_pct(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), pct)
}

impl CorpusReport {
    pub fn method(&self, m: Method) -> Option<&MethodReport> {
        self.methods.iter().find(|r| r.method == m)
    }

    /// The report as text for people: the readers side by side, then per category and
    /// per source. Nothing about single test reviews.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "== corpus: {} development reviews, {} test reviews ==",
            self.dev_items, self.test_items
        );
        let _ = writeln!(
            out,
            "combined model: {} grams, {:.2} MB",
            self.model_grams,
            self.model_bytes as f64 / 1e6
        );
        let _ = writeln!(out);
        let _ = write!(out, "  {:<40}", "primary cause, % (macro-F1 as 0–1)");
        for m in &self.methods {
            let _ = write!(out, "{:>10}", m.method.as_str());
        }
        let _ = writeln!(out);
        let row = |out: &mut String, name: &str, f: &dyn Fn(&MethodReport) -> String| {
            let _ = write!(out, "  {name:<40}");
            for m in &self.methods {
                let _ = write!(out, "{:>10}", f(m));
            }
            let _ = writeln!(out);
        };
        row(&mut out, "dev accuracy (trained on)", &|m| {
            pct(m.dev.primary_accuracy)
        });
        row(
            &mut out,
            &format!("dev accuracy, {}-fold cross-validated", self.folds),
            &|m| opt_pct(m.dev_cv.as_ref().map(|r| r.primary_accuracy)),
        );
        row(&mut out, "dev macro-F1, cross-validated", &|m| {
            m.dev_cv
                .as_ref()
                .map_or_else(|| "-".into(), |r| format!("{:.3}", r.primary_macro_f1))
        });
        row(&mut out, "test accuracy", &|m| pct(m.test.primary_accuracy));
        row(&mut out, "test macro-F1", &|m| {
            format!("{:.3}", m.test.primary_macro_f1)
        });
        row(&mut out, "test macro-F1, all causes", &|m| {
            format!("{:.3}", m.test.set_macro_f1)
        });
        row(&mut out, "leave-one-category-out, mean", &|m| {
            opt_pct(m.leave_one_out_mean)
        });
        row(&mut out, "leave-one-category-out, lowest", &|m| {
            opt_pct(m.leave_one_out_min)
        });
        row(&mut out, "malicious precision, test", &|m| {
            format!(
                "{} ({})",
                opt_pct(m.malicious_precision_test),
                m.malicious_predicted_test
            )
        });
        row(&mut out, "hand-written set accuracy", &|m| {
            pct(m.handwritten.primary_accuracy)
        });
        row(&mut out, "hand-written expected flags found", &|m| {
            format!(
                "{}/{}",
                m.handwritten.flags_expected - m.handwritten.flag_misses,
                m.handwritten.flags_expected
            )
        });

        let groups =
            |out: &mut String, title: &str, get: &dyn Fn(&MethodReport) -> &[GroupScore]| {
                let _ = writeln!(out);
                let _ = writeln!(out, "{title}");
                let names: Vec<&str> = self
                    .methods
                    .first()
                    .map(|m| get(m).iter().map(|g| g.group.as_str()).collect())
                    .unwrap_or_default();
                for name in names {
                    let items = self
                        .methods
                        .first()
                        .and_then(|m| get(m).iter().find(|g| g.group == name))
                        .map_or(0, |g| g.items);
                    let _ = write!(out, "  {name:<34} {items:>5}");
                    for m in &self.methods {
                        let acc = get(m).iter().find(|g| g.group == name).map(|g| g.accuracy);
                        let _ = write!(out, "{:>10}", opt_pct(acc));
                    }
                    let _ = writeln!(out);
                }
            };
        groups(
            &mut out,
            "test accuracy per category (reviews, then % per reader):",
            &|m| &m.test_by_category,
        );
        groups(&mut out, "test accuracy per source:", &|m| {
            &m.test_by_source
        });
        if self.methods.iter().any(|m| !m.leave_one_out.is_empty()) {
            groups(
                &mut out,
                "leave-one-category-out: trained without the category, its test rows:",
                &|m| &m.leave_one_out,
            );
        }
        if let Some(c) = self.method(Method::Combined) {
            let _ = writeln!(out);
            out.push_str(&c.test.render("combined, test part"));
        }
        out
    }
}

/// For each category of the corpus, the shipped configuration trained on the development
/// rows of every other category: what triage would know had that category never been
/// read. Trained on both cores; the same corpus gives the same models.
pub fn models_without_each_category(corpus: &[EvalItem]) -> Vec<(String, Model)> {
    let (set, positions) = dev_train_set(corpus);
    let categories = categories_of(corpus);
    let cfg = TrainConfig::default();
    let train_without = |cat: &str| {
        let rows: Vec<usize> = positions
            .iter()
            .enumerate()
            .filter(|(_, p)| corpus[**p].category != cat)
            .map(|(i, _)| i)
            .collect();
        (cat.to_string(), train(&set, &rows, &cfg))
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = categories.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = categories
            .chunks(chunk)
            .map(|cats| s.spawn(|| cats.iter().map(|c| train_without(c)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}
