//! From one review to its labels: causes, severity, flags and the reasons for each.

use super::combine::{self, CombineConfig};
use super::engine::{
    cause_index, decide, product_category, Analysis, Engine, Evidence, OwnerTerm, THRESHOLD,
};
use super::features::{self, Gram, DENSE};
use super::learned::{self, Known, Model};
use super::lexicon::{self, Lexicon};
use super::model::{Flag, Lang, Reason, ReasonKind, Triage, TriageInput};
use super::normalize::normalize_into;
use super::numbers;
use super::reasons;
use super::rules::Rules;
use crate::cases::Cause;
use std::cell::RefCell;

/// Evidence weights (tenths) of the risk signals, next to the cue weights of the lexicon.
const EXTORTION_WEIGHT: f32 = 30.0;
const NEVER_BOUGHT_WEIGHT: f32 = 25.0;
const COMPETITOR_WEIGHT: f32 = 20.0;
const INSULT_WEIGHT: f32 = 10.0;
const MISATTRIBUTED_WEIGHT: f32 = 30.0;
/// A review about another kind of goods than the product: the complaint is not about
/// this shop, whatever it says.
const MISMATCH_WEIGHT: f32 = 30.0;
/// Units of text (see `Analysis::uncovered`) from which a complaint says something
/// beyond generic abuse.
const SUBSTANTIVE: usize = 6;
/// How many words of evidence one cause shows at most.
const TERMS_PER_CAUSE: usize = 3;

/// Which reader names the causes: the lexicon's rules alone, the learned model alone
/// (reading the text only), or both combined (what triage uses). Risk flags, requests and
/// severity come from the rules in every case.
#[derive(Debug, Clone, Copy)]
pub(crate) enum How<'m> {
    Rules,
    TextModel(&'m Model),
    Combined(&'m Model, CombineConfig),
}

impl How<'static> {
    /// What triage uses: the shipped model with the rules, or the rules alone if the
    /// model could not be read.
    fn shipped() -> How<'static> {
        match learned::builtin() {
            Some(m) => How::Combined(m, CombineConfig::default()),
            None => How::Rules,
        }
    }
}

thread_local! {
    // Reused between calls: re-triage of a million cases should not allocate a fresh
    // buffer for each review.
    static BUFFER: RefCell<String> = const { RefCell::new(String::new()) };
    static GRAMS: RefCell<(Vec<Gram>, Known)> = RefCell::new((Vec::new(), Known::default()));
}

/// Labels one review with the built-in lexicon and model only.
pub fn classify(input: &TriageInput) -> Triage {
    classify_with(input, &Rules::default())
}

/// Labels one review, counting the owner's keywords and alerts in `rules`.
pub fn classify_with(input: &TriageInput, rules: &Rules) -> Triage {
    classify_case(input, false, rules)
}

/// Labels one review of a case, knowing whether the buyer has bought from the shop
/// before (`repeat_buyer` raises severity).
pub fn classify_case(input: &TriageInput, repeat_buyer: bool, rules: &Rules) -> Triage {
    classify_how(input, repeat_buyer, rules, How::shipped())
}

/// Labels one review the way `how` says (for measuring each reader on its own).
pub(crate) fn classify_how(
    input: &TriageInput,
    repeat_buyer: bool,
    rules: &Rules,
    how: How,
) -> Triage {
    BUFFER.with(|b| {
        let mut norm = b.borrow_mut();
        normalize_into(input.text, &mut norm);
        match lexicon::builtin() {
            Some(lex) => label(lex, &norm, input, repeat_buyer, rules, how),
            None => label_without_lexicon(input, repeat_buyer, rules),
        }
    })
}

/// How likely the shipped model finds it that `text` complains about `cause` (0 without a
/// model): for picking, among a review's clauses, the one that says what went wrong.
pub fn cause_probability(text: &str, cause: Cause) -> f32 {
    learned::builtin().map_or(0.0, |m| cause_probability_with(m, text, cause))
}

/// The same with `model` (one trained without a category, to measure how the reading
/// holds on wording it never saw).
pub fn cause_probability_with(model: &Model, text: &str, cause: Cause) -> f32 {
    let Some(lex) = lexicon::builtin() else {
        return 0.0;
    };
    let mut norm = String::new();
    normalize_into(text, &mut norm);
    let mut flags = Vec::new();
    let mut risk = Vec::new();
    let a = read(lex, &norm, "", "", &[], &mut flags, &mut risk);
    let (rule_primary, _) = decide(&a);
    GRAMS.with(|g| {
        let (grams, known) = &mut *g.borrow_mut();
        features::grams(&norm, grams);
        model.look_up(grams, known);
        let mut dense = [0f32; DENSE];
        if model.uses_lexicon() {
            features::dense(&a, rule_primary, &norm, &mut dense);
        }
        model.predict_known(known, &dense).prob(cause)
    })
}

/// What the rules read in a review, for training: its grams (keys, with their texts) and
/// its lexicon-evidence features.
pub(crate) fn training_features(text: &str) -> (Vec<(u64, String)>, [f32; DENSE]) {
    let mut norm = String::new();
    normalize_into(text, &mut norm);
    let mut dense = [0f32; DENSE];
    if let Some(lex) = lexicon::builtin() {
        let mut flags = Vec::new();
        let mut risk = Vec::new();
        let a = read(lex, &norm, "", "", &[], &mut flags, &mut risk);
        let (primary, _) = decide(&a);
        features::dense(&a, primary, &norm, &mut dense);
    }
    let mut grams = Vec::new();
    features::grams(&norm, &mut grams);
    let grams = grams
        .iter()
        .map(|g| (g.key, features::gram_label(g, &norm)))
        .collect();
    (grams, dense)
}

fn label_without_lexicon(input: &TriageInput, repeat_buyer: bool, rules: &Rules) -> Triage {
    let mut details = Vec::new();
    let severity = severity(
        input,
        repeat_buyer,
        rules,
        &Analysis::default(),
        &mut details,
    );
    finish(
        Cause::Other,
        vec![Cause::Other],
        severity,
        Vec::new(),
        details,
        rules.lang,
    )
}

/// The rules' reading of a review: words, risk signals, waiting times and charges.
fn read(
    lex: &Lexicon,
    norm: &str,
    product_norm: &str,
    product_raw: &str,
    owner: &[&OwnerTerm],
    flags: &mut Vec<Flag>,
    risk: &mut Vec<Reason>,
) -> Analysis {
    let mut a = Engine { lex, owner }.analyze(norm);
    read_risk(lex, &mut a, product_norm, product_raw, flags, risk);
    read_waiting_times(norm, &mut a);
    read_charges(norm, &mut a);
    adjust_for_context(&mut a);
    a
}

fn label(
    lex: &Lexicon,
    norm: &str,
    input: &TriageInput,
    repeat_buyer: bool,
    rules: &Rules,
    how: How,
) -> Triage {
    let mut product = String::new();
    normalize_into(input.product, &mut product);
    let owner: Vec<&OwnerTerm> = rules.owner_terms(&product);
    let mut flags: Vec<Flag> = Vec::new();
    let mut risk: Vec<Reason> = Vec::new();
    let a = read(
        lex,
        norm,
        &product,
        input.product,
        &owner,
        &mut flags,
        &mut risk,
    );

    let (rule_primary, rule_causes) = decide(&a);
    let (primary, causes, model_reasons) = match how {
        How::Rules => (rule_primary, rule_causes, Vec::new()),
        How::TextModel(model) | How::Combined(model, _) => GRAMS.with(|g| {
            let (grams, known) = &mut *g.borrow_mut();
            features::grams(norm, grams);
            model.look_up(grams, known);
            let mut dense = [0f32; DENSE];
            if model.uses_lexicon() {
                features::dense(&a, rule_primary, norm, &mut dense);
            }
            let p = model.predict_known(known, &dense);
            let (primary, causes, cfg) = match how {
                How::Combined(_, cfg) => {
                    let (primary, causes) =
                        combine::combine(&a, rule_primary, &rule_causes, &p, &cfg);
                    (primary, causes, cfg)
                }
                _ => {
                    let cfg = CombineConfig::default();
                    let (best, _) = p.best();
                    let mut causes = vec![best];
                    causes.extend(Cause::ALL.iter().copied().filter(|c| {
                        *c != best && *c != Cause::Other && p.prob(*c) >= cfg.secondary_from
                    }));
                    (best, causes, cfg)
                }
            };
            let why = combine::model_reasons(model, &p, &causes, known, norm, &cfg);
            (primary, causes, why)
        }),
    };
    let mut details = cause_reasons(&a.evidence, &causes);
    details.extend(model_reasons);
    let severity = severity(input, repeat_buyer, rules, &a, &mut details);
    details.extend(risk);
    read_requests(&a, &mut flags, &mut details);

    for alert in rules.alert_hits(norm, &product) {
        if !flags.contains(&Flag::KeywordAlert) {
            flags.push(Flag::KeywordAlert);
        }
        details.push(reasons::simple(ReasonKind::KeywordAlert, &alert.term));
    }
    finish(primary, causes, severity, flags, details, rules.lang)
}

fn finish(
    primary: Cause,
    causes: Vec<Cause>,
    severity: u8,
    flags: Vec<Flag>,
    details: Vec<Reason>,
    lang: Lang,
) -> Triage {
    Triage {
        primary,
        causes,
        severity,
        flags,
        reasons: details.iter().map(|r| r.text(lang).to_string()).collect(),
        details,
    }
}

/// Long waits written as numbers ("等了两个小时", "送了7天", "十天才到") are evidence of
/// slow delivery. Only a time next to a word of waiting or delivering counts: "用了三天就坏了"
/// is how long the product lasted.
fn read_waiting_times(norm: &str, a: &mut Analysis) {
    const BEFORE: &[&str] = &[
        "等", "送了", "送货", "发货", "物流", "快递", "下单", "配送", "超时",
    ];
    const AFTER: &[&str] = &[
        "才",
        "还没",
        "后到",
        "之后到",
        "到货",
        "送到",
        "没到",
        "没送",
    ];
    for d in numbers::find(norm) {
        let before: Vec<char> = norm[..d.start].chars().rev().take(5).collect();
        let before: String = before.into_iter().rev().collect();
        let after = &norm[d.end..];
        let waiting =
            BEFORE.iter().any(|w| before.contains(w)) || AFTER.iter().any(|w| after.starts_with(w));
        if !waiting {
            continue;
        }
        let weight = match d.minutes {
            m if m >= 3.0 * 1440.0 => 15.0,
            m if (120.0..1440.0).contains(&m) => 15.0,
            m if (30.0..1440.0).contains(&m) => 10.0,
            _ => continue,
        };
        a.scores[cause_index(Cause::Logistics)] += weight;
        a.evidence.push(Evidence {
            cause: Cause::Logistics,
            term: norm[d.start..d.end].to_string(),
            pos: d.start,
            owner: false,
            weight,
        });
    }
}

/// A sum the buyer had to pay on top ("另加两百块") is a price complaint; one an installer
/// or repairer charged ("安装收了150", "材料费花了200") is the after-sales service's.
fn read_charges(norm: &str, a: &mut Analysis) {
    const BEFORE: &[&str] = &[
        "收了", "收", "花了", "要了", "付了", "另加", "加了", "多花", "多收", "贵了",
    ];
    const ON_THE_SPOT: &[&str] = &["安装", "材料", "师傅", "上门", "打孔", "维修", "配件"];
    for m in numbers::find_money(norm) {
        let before: Vec<char> = norm[..m.start].chars().rev().take(3).collect();
        let before: String = before.into_iter().rev().collect();
        if BEFORE.iter().any(|w| before.ends_with(w)) {
            // The clause around the sum says who charged it.
            let clause_start = norm[..m.start]
                .rfind(super::normalize::BREAK)
                .map_or(0, |i| i + 1);
            let clause_end = norm[m.end..]
                .find(super::normalize::BREAK)
                .map_or(norm.len(), |i| m.end + i);
            let clause = &norm[clause_start..clause_end];
            let cause = if ON_THE_SPOT.iter().any(|w| clause.contains(w)) {
                Cause::Service
            } else {
                Cause::Price
            };
            let weight = 10.0;
            a.scores[cause_index(cause)] += weight;
            a.evidence.push(Evidence {
                cause,
                term: norm[m.start..m.end].to_string(),
                pos: m.start,
                owner: false,
                weight,
            });
        }
    }
}

/// Two readings that depend on the whole review.
fn adjust_for_context(a: &mut Analysis) {
    // In a restaurant there is no delivery: waiting and slowness are the service's.
    if a.dine_in && !a.delivery {
        let (l, s) = (cause_index(Cause::Logistics), cause_index(Cause::Service));
        a.scores[s] += a.scores[l];
        a.scores[l] = 0.0;
        for e in a
            .evidence
            .iter_mut()
            .filter(|e| e.cause == Cause::Logistics)
        {
            e.cause = Cause::Service;
        }
    }
    // A complaint that names no sharper cause is, most of the time, about the product
    // itself: "东西不行", or a few sentences on what does not work. Short generic abuse
    // ("垃圾！差评") says nothing and stays `other`.
    let named = a.scores.iter().any(|s| *s >= THRESHOLD);
    let evidence = match (&a.product_word, &a.first_negative) {
        (Some(p), _) if a.generic_neg > 0 => Some(p.clone()),
        (_, Some(n)) if a.uncovered >= SUBSTANTIVE => Some(n.clone()),
        _ => None,
    };
    if let (false, Some((term, pos))) = (named, evidence) {
        a.scores[cause_index(Cause::Quality)] += THRESHOLD;
        a.evidence.push(Evidence {
            cause: Cause::Quality,
            term,
            pos,
            owner: false,
            weight: THRESHOLD,
        });
    }
}

/// Evidence for a risk cause (malicious, misattributed) with its flag and reason.
/// `decisive` signals (extortion, "never bought", a competitor, a review that says it was
/// meant for another shop) make that cause primary whatever else the review says; an
/// insult or a mention of other goods only adds weight.
fn add_risk(
    a: &mut Analysis,
    flags: &mut Vec<Flag>,
    out: &mut Vec<Reason>,
    cause: Cause,
    (weight, decisive): (f32, bool),
    reason: Reason,
) {
    if decisive && a.decisive.is_none() {
        a.decisive = Some(cause);
    }
    a.scores[cause_index(cause)] += weight;
    a.evidence.push(Evidence {
        cause,
        term: reason.term.clone(),
        // Risk evidence is listed with the flags, not with the cause reasons.
        pos: usize::MAX,
        owner: false,
        weight,
    });
    let flag = if cause == Cause::Malicious {
        Flag::Malicious
    } else {
        Flag::Misattributed
    };
    if !flags.contains(&flag) {
        flags.push(flag);
    }
    out.push(reason);
}

/// Malicious and misattributed signals: they add evidence for those causes and raise flags.
fn read_risk(
    lex: &Lexicon,
    a: &mut Analysis,
    product_norm: &str,
    product_raw: &str,
    flags: &mut Vec<Flag>,
    out: &mut Vec<Reason>,
) {
    use Cause::{Malicious, Misattributed};
    let simple = reasons::simple;
    for t in a.extortion.clone() {
        let r = simple(ReasonKind::Extortion, &t);
        add_risk(a, flags, out, Malicious, (EXTORTION_WEIGHT, true), r);
    }
    // Asking for money or goods *and* offering to change the review, or threatening more
    // bad reviews, is extortion too, wherever in the review the two stand.
    let lever = a.review_change.first().or(a.threat.first());
    if let (true, Some(lever), Some(demand)) = (a.extortion.is_empty(), lever, a.demand.first()) {
        let term = format!("{lever} + {demand}");
        let r = simple(ReasonKind::Extortion, &term);
        add_risk(a, flags, out, Malicious, (EXTORTION_WEIGHT, true), r);
    }
    for t in a.never_bought.clone() {
        let r = simple(ReasonKind::NeverBought, &t);
        add_risk(a, flags, out, Malicious, (NEVER_BOUGHT_WEIGHT, true), r);
    }
    for t in a.competitor.clone() {
        let r = simple(ReasonKind::Competitor, &t);
        add_risk(a, flags, out, Malicious, (COMPETITOR_WEIGHT, true), r);
    }
    // Abuse aimed at the shop counts as malicious; swearing about something else only
    // shows in the reasons.
    for t in a.insults.clone() {
        let r = simple(ReasonKind::Insult, &t);
        if a.addressed {
            add_risk(a, flags, out, Malicious, (INSULT_WEIGHT, false), r);
        } else {
            out.push(r);
        }
    }
    for t in a.misattributed.clone() {
        let r = simple(ReasonKind::Misattributed, &t);
        add_risk(
            a,
            flags,
            out,
            Misattributed,
            (MISATTRIBUTED_WEIGHT, true),
            r,
        );
    }
    // The review names only goods of another kind than the product (a kettle's review
    // about a dress).
    if let Some((own, _)) = product_category(lex, product_norm) {
        let mentions_own = a.categories.iter().any(|(c, _)| *c == own);
        let other = a.categories.iter().find(|(c, _)| *c != own).cloned();
        if let (false, Some((cat, term))) = (mentions_own, other) {
            let r = reasons::product_mismatch(&term, cat.zh(), cat.en(), product_raw.trim());
            add_risk(a, flags, out, Misattributed, (MISMATCH_WEIGHT, false), r);
        }
    }
}

/// One reason per piece of evidence for each cause (a few at most), primary first.
fn cause_reasons(evidence: &[Evidence], causes: &[Cause]) -> Vec<Reason> {
    let mut out = Vec::new();
    for c in causes {
        let mut shown: Vec<&str> = Vec::new();
        for e in evidence
            .iter()
            .filter(|e| e.cause == *c && e.pos != usize::MAX)
        {
            if shown.len() == TERMS_PER_CAUSE || shown.contains(&e.term.as_str()) {
                continue;
            }
            shown.push(&e.term);
            out.push(reasons::cause(*c, &e.term, e.owner));
        }
    }
    out
}

/// Severity 1–3 (PLAYBOOK section 2). Safety/health words and threats to escalate make
/// a case urgent by themselves; one star, photos, a high order value and a repeat buyer
/// each add a point: one or two points → 2, three or more → 3.
fn severity(
    input: &TriageInput,
    repeat_buyer: bool,
    rules: &Rules,
    a: &Analysis,
    out: &mut Vec<Reason>,
) -> u8 {
    for t in &a.safety {
        out.push(reasons::simple(ReasonKind::Safety, t));
    }
    for t in &a.escalation {
        out.push(reasons::simple(ReasonKind::Escalation, t));
    }
    let urgent = !a.safety.is_empty() || !a.escalation.is_empty();
    let mut points = 0;
    if input.stars == 1 {
        points += 1;
        out.push(reasons::simple(ReasonKind::OneStar, "1"));
    }
    if input.has_photos {
        points += 1;
        out.push(reasons::simple(ReasonKind::Photos, ""));
    }
    if let Some(v) = input.order_value_cents {
        if rules.high_value_cents > 0 && v >= rules.high_value_cents {
            points += 1;
            let term = format!(
                "{} ≥ {}",
                reasons::yuan(v),
                reasons::yuan(rules.high_value_cents)
            );
            out.push(reasons::simple(ReasonKind::HighValue, &term));
        }
    }
    if repeat_buyer {
        points += 1;
        out.push(reasons::simple(ReasonKind::RepeatBuyer, ""));
    } else if let Some(t) = a.repeat_buyer.first() {
        points += 1;
        out.push(reasons::simple(ReasonKind::RepeatBuyer, t));
    }
    match (urgent, points) {
        (true, _) => 3,
        (false, 0) => 1,
        (false, 1 | 2) => 2,
        (false, _) => 3,
    }
}

/// What the buyer asks for, and whom they point at.
fn read_requests(a: &Analysis, flags: &mut Vec<Flag>, out: &mut Vec<Reason>) {
    let mut add = |flag: Flag, kind: ReasonKind, terms: &[String]| {
        if let Some(t) = terms.first() {
            flags.push(flag);
            out.push(reasons::simple(kind, t));
        }
    };
    add(Flag::AsksRefund, ReasonKind::AsksRefund, &a.refund);
    if !a.declines {
        add(Flag::AsksReturn, ReasonKind::AsksReturn, &a.return_);
        add(Flag::AsksExchange, ReasonKind::AsksExchange, &a.exchange);
    }
    add(Flag::MentionsStaff, ReasonKind::Staff, &a.staff);
    add(Flag::MentionsCourier, ReasonKind::Courier, &a.courier);
}
