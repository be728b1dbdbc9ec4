//! Measuring the checker on a hand-written set of owner sentences (`tests/corpus/
//! checker.tsv`): id, split (`tune`: may be read while building the rules; `test`: only its
//! aggregate figures are ever printed), lang, channel, platform, labels (`incentive`,
//! `blame`, `hardship`, `pii`, or `clean`), text.
//!
//! Each row is checked as the owner would type it — its channel and platform given — and
//! the findings are read by family: `compliance.review_incentive` for an incentive,
//! `tone.blame`/`tone.insult` for blame, `tone.hardship`, and any `pii.*` (public replies
//! only, where personal data is checked). A clean row must get none of them, and nothing
//! that blocks sending.

use super::{check, has_blocking};
use crate::cases::Platform;
use crate::drafts::model::{Channel, Finding, Lang, Severity};
use crate::error::{CoreError, Result};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

/// The families a row can be labelled with.
const FAMILIES: [&str; 4] = ["incentive", "blame", "hardship", "pii"];

#[derive(Debug, Clone)]
struct Row {
    id: String,
    test: bool,
    lang: Lang,
    channel: Channel,
    platform: Platform,
    labels: Vec<&'static str>,
    text: String,
}

/// `hit` of `of`, with the share in percent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Ratio {
    pub hit: usize,
    pub of: usize,
    pub percent: f64,
}

impl Ratio {
    fn new(hit: usize, of: usize) -> Ratio {
        let percent = if of == 0 {
            0.0
        } else {
            (hit as f64 * 1000.0 / of as f64).round() / 10.0
        };
        Ratio { hit, of, percent }
    }
}

impl std::fmt::Display for Ratio {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:5.1} % ({}/{})", self.percent, self.hit, self.of)
    }
}

/// One family's figures: how many of its rows were flagged, how many of the flagged rows
/// carry its label, and how many rows without its label were flagged anyway.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct FamilyFigures {
    pub recall: Ratio,
    pub precision: Ratio,
    pub false_flags: Ratio,
}

/// Figures for one part of the set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SplitFigures {
    pub rows: usize,
    /// Incentive rows that were blocked as an incentive (target 100 %).
    pub incentive_blocked: Ratio,
    /// Clean rows with anything that blocks sending (target 0 %).
    pub clean_blocked: Ratio,
    /// Clean rows with any incentive, blame, hardship or personal-data finding.
    pub clean_warned: Ratio,
    pub incentive: FamilyFigures,
    pub blame: FamilyFigures,
    pub hardship: FamilyFigures,
    /// Personal data, on public replies.
    pub pii: FamilyFigures,
}

/// A tune row the checker got wrong (test rows are never listed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TuneMiss {
    pub id: String,
    pub family: String,
    /// `missed` (labelled, not flagged) or `false` (flagged, not labelled).
    pub kind: String,
    pub text: String,
}

/// How long one check takes, over every row of the set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Timing {
    pub checks: usize,
    pub mean_micros: f64,
    pub p99_micros: f64,
    pub max_micros: f64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CheckerEval {
    pub tune: SplitFigures,
    pub test: SplitFigures,
    pub timing: Timing,
    pub tune_misses: Vec<TuneMiss>,
}

fn bad(msg: impl Into<String>) -> CoreError {
    CoreError::validation("validation.eval_fixture", "fixture", msg)
}

fn platform(code: &str) -> Option<Platform> {
    match code {
        "pdd" => Some(Platform::Pinduoduo),
        "tb" => Some(Platform::Taobao),
        "tm" => Some(Platform::Tmall),
        other => Platform::parse(other),
    }
}

fn parse(text: &str) -> Result<Vec<Row>> {
    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.splitn(7, '\t').collect();
        if f.len() != 7 {
            return Err(bad(format!(
                "line {line_no}: expected 7 tab-separated columns"
            )));
        }
        let test = match f[1] {
            "tune" => false,
            "test" => true,
            other => return Err(bad(format!("line {line_no}: unknown split '{other}'"))),
        };
        let lang = match f[2] {
            "zh" => Lang::Zh,
            "en" => Lang::En,
            other => return Err(bad(format!("line {line_no}: unknown language '{other}'"))),
        };
        let channel = Channel::parse(f[3])
            .ok_or_else(|| bad(format!("line {line_no}: unknown channel '{}'", f[3])))?;
        let platform = platform(f[4])
            .ok_or_else(|| bad(format!("line {line_no}: unknown platform '{}'", f[4])))?;
        let mut labels = Vec::new();
        for l in f[5].split(',').map(str::trim) {
            match FAMILIES.iter().find(|x| **x == l) {
                Some(x) => labels.push(*x),
                None if l == "clean" => {}
                None => return Err(bad(format!("line {line_no}: unknown label '{l}'"))),
            }
        }
        if f[6].trim().is_empty() {
            return Err(bad(format!("line {line_no}: empty text")));
        }
        rows.push(Row {
            id: f[0].to_string(),
            test,
            lang,
            channel,
            platform,
            labels,
            text: f[6].to_string(),
        });
    }
    if rows.is_empty() {
        return Err(bad("no rows"));
    }
    Ok(rows)
}

/// Which families the findings flag (warning or worse).
fn flagged(findings: &[Finding]) -> Vec<&'static str> {
    let mut out = Vec::new();
    for f in findings.iter().filter(|f| f.severity >= Severity::Warning) {
        let family = match f.code.as_str() {
            "compliance.review_incentive" => "incentive",
            "tone.blame" | "tone.insult" => "blame",
            "tone.hardship" => "hardship",
            c if c.starts_with("pii.") => "pii",
            _ => continue,
        };
        if !out.contains(&family) {
            out.push(family);
        }
    }
    out
}

struct Checked {
    row: Row,
    flags: Vec<&'static str>,
    blocked: bool,
}

fn figures(rows: &[&Checked]) -> SplitFigures {
    let count = |pred: &dyn Fn(&Checked) -> bool| rows.iter().filter(|c| pred(c)).count();
    let clean = |c: &Checked| c.row.labels.is_empty();
    let family = |name: &'static str| {
        // Personal data is only checked in public replies; a label elsewhere is not counted.
        let applies = |c: &Checked| name != "pii" || c.row.channel == Channel::Public;
        let labelled = |c: &Checked| applies(c) && c.row.labels.contains(&name);
        FamilyFigures {
            recall: Ratio::new(
                count(&|c| labelled(c) && c.flags.contains(&name)),
                count(&labelled),
            ),
            precision: Ratio::new(
                count(&|c| labelled(c) && c.flags.contains(&name)),
                count(&|c| applies(c) && c.flags.contains(&name)),
            ),
            false_flags: Ratio::new(
                count(&|c| !c.row.labels.contains(&name) && c.flags.contains(&name)),
                count(&|c| !c.row.labels.contains(&name)),
            ),
        }
    };
    SplitFigures {
        rows: rows.len(),
        incentive_blocked: Ratio::new(
            count(&|c| {
                c.row.labels.contains(&"incentive") && c.flags.contains(&"incentive") && c.blocked
            }),
            count(&|c| c.row.labels.contains(&"incentive")),
        ),
        clean_blocked: Ratio::new(count(&|c| clean(c) && c.blocked), count(&clean)),
        clean_warned: Ratio::new(count(&|c| clean(c) && !c.flags.is_empty()), count(&clean)),
        incentive: family("incentive"),
        blame: family("blame"),
        hardship: family("hardship"),
        pii: family("pii"),
    }
}

/// Checks every row of the set at `path` and measures both parts. Test rows contribute
/// only to the aggregate figures; only tune rows are ever listed.
pub fn evaluate_set(path: &Path) -> Result<CheckerEval> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| bad(format!("cannot read {}: {e}", path.display())))?;
    let rows = parse(&text)?;
    let mut times = Vec::with_capacity(rows.len());
    let mut checked = Vec::with_capacity(rows.len());
    for row in rows {
        let t = Instant::now();
        let findings = check(&row.text, row.platform, row.channel, row.lang);
        times.push(t.elapsed().as_secs_f64() * 1e6);
        checked.push(Checked {
            flags: flagged(&findings),
            blocked: has_blocking(&findings),
            row,
        });
    }
    let tune: Vec<&Checked> = checked.iter().filter(|c| !c.row.test).collect();
    let test: Vec<&Checked> = checked.iter().filter(|c| c.row.test).collect();
    let mut tune_misses = Vec::new();
    for c in &tune {
        for family in FAMILIES {
            let labelled = c.row.labels.contains(&family)
                && (family != "pii" || c.row.channel == Channel::Public);
            let flag = c.flags.contains(&family);
            if labelled != flag
                && !(family == "pii" && !labelled && c.row.channel != Channel::Public)
            {
                tune_misses.push(TuneMiss {
                    id: c.row.id.clone(),
                    family: family.to_string(),
                    kind: if labelled { "missed" } else { "false" }.to_string(),
                    text: c.row.text.clone(),
                });
            }
        }
        if c.row.labels.is_empty() && c.blocked && c.flags.is_empty() {
            tune_misses.push(TuneMiss {
                id: c.row.id.clone(),
                family: "blocked".into(),
                kind: "false".into(),
                text: c.row.text.clone(),
            });
        }
    }
    times.sort_by(f64::total_cmp);
    let n = times.len().max(1);
    let timing = Timing {
        checks: times.len(),
        mean_micros: round1(times.iter().sum::<f64>() / n as f64),
        p99_micros: round1(times[((n * 99) / 100).min(n - 1)]),
        max_micros: round1(times.last().copied().unwrap_or(0.0)),
    };
    Ok(CheckerEval {
        tune: figures(&tune),
        test: figures(&test),
        timing,
        tune_misses,
    })
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

impl SplitFigures {
    pub fn render(&self, title: &str) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "{title} ({} sentences)", self.rows);
        let _ = writeln!(
            s,
            "  incentive blocked      {}   target 100 %",
            self.incentive_blocked
        );
        let _ = writeln!(
            s,
            "  clean blocked          {}   target 0 %",
            self.clean_blocked
        );
        let _ = writeln!(
            s,
            "  blame recall           {}   target ≥ 95 %",
            self.blame.recall
        );
        let _ = writeln!(
            s,
            "  hardship recall        {}   target ≥ 95 %",
            self.hardship.recall
        );
        let _ = writeln!(
            s,
            "  pii recall (public)    {}   target ≥ 95 %",
            self.pii.recall
        );
        let _ = writeln!(s, "  clean with a warning   {}", self.clean_warned);
        let _ = writeln!(
            s,
            "  per label              {:<9} {:<22} {:<22}",
            "", "precision", "recall"
        );
        for (name, f) in [
            ("incentive", &self.incentive),
            ("blame", &self.blame),
            ("hardship", &self.hardship),
            ("pii (public)", &self.pii),
        ] {
            let _ = writeln!(
                s,
                "    {:<29} {:<22} {:<22}",
                name,
                f.precision.to_string(),
                f.recall.to_string()
            );
        }
        let _ = writeln!(
            s,
            "  flagged without label  incentive {} · blame {} · hardship {} · pii {}",
            self.incentive.false_flags,
            self.blame.false_flags,
            self.hardship.false_flags,
            self.pii.false_flags
        );
        s
    }
}

impl CheckerEval {
    pub fn render(&self, misses: bool) -> String {
        let mut s = self
            .tune
            .render("tune part (read while building the rules)");
        s.push('\n');
        s.push_str(&self.test.render("test part (never read; figures only)"));
        let _ = writeln!(
            s,
            "\nspeed: {} checks, mean {} µs, p99 {} µs, max {} µs per sentence",
            self.timing.checks,
            self.timing.mean_micros,
            self.timing.p99_micros,
            self.timing.max_micros
        );
        if misses && !self.tune_misses.is_empty() {
            let _ = writeln!(s, "\ntune rows the checker got wrong:");
            for m in &self.tune_misses {
                let _ = writeln!(s, "  #{} {} {}: {}", m.id, m.family, m.kind, m.text);
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_parsed_and_bad_rows_named() {
        let ok = "# comment\n1\ttune\tzh\tprivate\tpdd\tincentive\t好评返现5元\n2\ttest\ten\tpublic\tamazon\tclean\tThanks.\n";
        let rows = parse(ok).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].platform, Platform::Pinduoduo);
        assert_eq!(rows[0].labels, vec!["incentive"]);
        assert!(rows[1].test && rows[1].labels.is_empty());
        let e = parse("1\ttune\tzh\tfax\ttaobao\tclean\t你好\n").unwrap_err();
        assert!(
            e.to_string().contains("line 1") && e.to_string().contains("fax"),
            "{e}"
        );
        let e = parse("1\tdev\tzh\tpublic\ttaobao\tclean\t你好\n").unwrap_err();
        assert!(e.to_string().contains("split"), "{e}");
        assert!(parse("1\ttune\tzh\tpublic\ttaobao\tspam\t你好\n").is_err());
        assert!(parse("# nothing\n").is_err());
    }

    /// The shipped set: every tune row right, and the test part held at its measured
    /// figures (aggregates only; its rows are never listed).
    #[test]
    fn the_shipped_set_holds_its_figures() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/checker.tsv");
        let e = evaluate_set(&path).unwrap();
        let misses: Vec<String> = e
            .tune_misses
            .iter()
            .map(|m| format!("#{} {} {}: {}", m.id, m.family, m.kind, m.text))
            .collect();
        assert!(misses.is_empty(), "tune rows wrong:\n{}", misses.join("\n"));
        assert!(e.tune.rows >= 1000, "{}", e.tune.rows);
        let t = &e.test;
        assert!(
            t.incentive_blocked.percent >= TEST_FLOOR.0,
            "{}",
            t.incentive_blocked
        );
        assert!(
            t.clean_blocked.percent <= TEST_FLOOR.1,
            "{}",
            t.clean_blocked
        );
        assert!(t.blame.recall.percent >= TEST_FLOOR.2, "{}", t.blame.recall);
        assert!(
            t.hardship.recall.percent >= TEST_FLOOR.3,
            "{}",
            t.hardship.recall
        );
        assert!(t.pii.recall.percent >= TEST_FLOOR.4, "{}", t.pii.recall);
    }

    /// Test-part floors (incentive blocked, clean blocked at most, blame, hardship and
    /// personal-data recall), from the last measured figures.
    const TEST_FLOOR: (f64, f64, f64, f64, f64) = (80.3, 0.0, 75.0, 100.0, 100.0);

    #[test]
    fn figures_count_each_family() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("set.tsv");
        std::fs::write(
            &path,
            "1\ttune\tzh\tprivate\ttaobao\tincentive\t好评返现5元，联系客服领取。\n\
             2\ttune\tzh\tprivate\ttaobao\tclean\t非常抱歉，已为您退款。\n\
             3\ttest\tzh\tpublic\ttaobao\tpii\t请拨打13812345678联系\n\
             4\ttest\ten\tprivate\tamazon\tblame\tIt's not our fault you ordered the wrong size.\n",
        )
        .unwrap();
        let e = evaluate_set(&path).unwrap();
        assert_eq!(e.tune.incentive_blocked, Ratio::new(1, 1));
        assert_eq!(e.tune.clean_blocked, Ratio::new(0, 1));
        assert_eq!(e.test.pii.recall, Ratio::new(1, 1));
        assert_eq!(e.test.blame.recall, Ratio::new(1, 1));
        assert_eq!(e.timing.checks, 4);
        assert!(e.tune_misses.iter().all(|m| m.id == "1" || m.id == "2"));
        assert!(e.render(true).contains("test part"));
    }
}
