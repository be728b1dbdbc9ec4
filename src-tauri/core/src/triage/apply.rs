//! The one way a case gets its labels, whichever way it came in (typed, pasted,
//! imported, the demo shop) and when it is relabelled: the same review gives the same
//! labels. Cases whose labels the owner corrected (`labels_locked`) are never relabelled.

use super::alerts::{hits_for, store_hits};
use super::classify::classify_case;
use super::model::{Lang, Reason, Triage, TriageInput};
use super::owner::load_rules;
use super::rules::Rules;
use crate::cases::{self, Case, Platform, ValidCase};
use crate::error::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashSet;
use ts_rs::TS;

/// Cases per transaction in [`retriage_all`]: big enough to be fast, small enough that
/// the app's own writes wait only a moment between batches.
pub const RETRIAGE_BATCH: usize = 5_000;

/// What triage reads of one review to label its case.
#[derive(Debug, Clone, Copy)]
pub struct ReviewFacts<'a> {
    pub platform: Platform,
    pub buyer_nick: Option<&'a str>,
    pub product: &'a str,
    pub stars: u8,
    pub review_text: &'a str,
    /// What the buyer added later: read with the review, it often says more.
    pub follow_up_text: Option<&'a str>,
    pub has_photos: bool,
    pub order_value_cents: Option<i64>,
}

impl<'a> ReviewFacts<'a> {
    pub fn of_case(c: &'a Case) -> Self {
        ReviewFacts {
            platform: c.platform,
            buyer_nick: c.buyer_nick.as_deref(),
            product: &c.product,
            stars: c.stars,
            review_text: &c.review_text,
            follow_up_text: c.follow_up_text.as_deref(),
            has_photos: c.has_photos,
            order_value_cents: c.order_value_cents,
        }
    }

    pub fn of_new(v: &'a ValidCase) -> Self {
        ReviewFacts {
            platform: v.platform,
            buyer_nick: v.buyer_nick.as_deref(),
            product: &v.product,
            stars: v.stars,
            review_text: &v.review_text,
            follow_up_text: v.follow_up_text.as_deref(),
            has_photos: v.has_photos,
            order_value_cents: v.order_value_cents,
        }
    }

    /// The review and its follow-up, as one text.
    pub fn text(&self) -> Cow<'a, str> {
        match self.follow_up_text.filter(|f| !f.trim().is_empty()) {
            Some(f) => Cow::Owned(format!("{}\n{f}", self.review_text)),
            None => Cow::Borrowed(self.review_text),
        }
    }

    fn nick(&self) -> Option<&'a str> {
        self.buyer_nick.map(str::trim).filter(|n| !n.is_empty())
    }
}

/// Below this many reviews per thread, starting threads costs more than it saves.
const PARALLEL_MIN: usize = 64;

/// Labels reviews with the owner's keywords, alerts, threshold and language, loaded once.
#[derive(Debug, Clone)]
pub struct Labeller {
    rules: Rules,
}

impl Labeller {
    pub fn load(conn: &Connection) -> Result<Labeller> {
        Ok(Labeller::new(load_rules(conn)?))
    }

    pub fn new(rules: Rules) -> Labeller {
        Labeller { rules }
    }

    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// The labels of one review, knowing whether its buyer has bought before.
    pub fn classify(&self, r: &ReviewFacts, repeat_buyer: bool) -> Triage {
        let text = r.text();
        classify_case(
            &TriageInput {
                text: &text,
                stars: r.stars,
                has_photos: r.has_photos,
                order_value_cents: r.order_value_cents,
                product: r.product,
            },
            repeat_buyer,
            &self.rules,
        )
    }

    /// The labels of reviews about to become cases, in order. A buyer has bought before
    /// when they already have a case on the platform, or wrote an earlier review of
    /// `reviews`: as if the reviews were stored one after the other.
    pub fn label_new(&self, conn: &Connection, reviews: &[ReviewFacts]) -> Result<Vec<Triage>> {
        let mut by_platform: Vec<(Platform, Vec<&str>)> = Vec::new();
        for r in reviews {
            if let Some(nick) = r.nick() {
                match by_platform.iter_mut().find(|(p, _)| *p == r.platform) {
                    Some((_, nicks)) => nicks.push(nick),
                    None => by_platform.push((r.platform, vec![nick])),
                }
            }
        }
        let mut known: HashSet<(Platform, String)> = HashSet::new();
        for (platform, nicks) in &by_platform {
            for nick in cases::buyers_with_cases(conn, *platform, nicks)? {
                known.insert((*platform, nick));
            }
        }
        let repeat: Vec<bool> = reviews
            .iter()
            .map(|r| match r.nick() {
                Some(nick) => !known.insert((r.platform, nick.to_string())),
                None => false,
            })
            .collect();
        Ok(self.classify_all(reviews, &repeat))
    }

    /// Classifies reviews on every core the machine has: an import's batch is read by
    /// triage while nothing else runs, and each review's labels depend only on itself
    /// (and its repeat-buyer flag, worked out beforehand in file order).
    fn classify_all(&self, reviews: &[ReviewFacts], repeat: &[bool]) -> Vec<Triage> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let per_thread = reviews.len().div_ceil(threads).max(PARALLEL_MIN);
        if threads == 1 || reviews.len() <= per_thread {
            return reviews
                .iter()
                .zip(repeat)
                .map(|(r, repeat)| self.classify(r, *repeat))
                .collect();
        }
        std::thread::scope(|scope| {
            let parts: Vec<_> = reviews
                .chunks(per_thread)
                .zip(repeat.chunks(per_thread))
                .map(|(reviews, repeat)| {
                    scope.spawn(move || {
                        reviews
                            .iter()
                            .zip(repeat)
                            .map(|(r, repeat)| self.classify(r, *repeat))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            parts
                .into_iter()
                .flat_map(|part| match part.join() {
                    Ok(labels) => labels,
                    // Classification does not panic on any text (fuzzed); if it ever
                    // did, the import must stop as it would have on one thread.
                    Err(panic) => std::panic::resume_unwind(panic),
                })
                .collect()
        })
    }

    /// The labels of one review about to become a case.
    pub fn label_one(&self, conn: &Connection, review: &ReviewFacts) -> Result<Triage> {
        let repeat = is_repeat_buyer(conn, review.platform, review.nick())?;
        Ok(self.classify(review, repeat))
    }

    /// Remembers the case's keyword-alert hits for the notification, after its labels
    /// are stored. Returns how many were new.
    pub fn record_alerts(
        &self,
        conn: &Connection,
        case_id: i64,
        review: &ReviewFacts,
        labels: &Triage,
        now: DateTime<Utc>,
    ) -> Result<usize> {
        if !labels.has_flag(super::Flag::KeywordAlert) {
            return Ok(0);
        }
        let text = review.text();
        store_hits(
            conn,
            &hits_for(&self.rules, case_id, &text, review.product),
            now,
        )
    }

    /// Relabels a stored case after its review changed (a follow-up, new stars…), unless
    /// the owner corrected its labels.
    pub fn relabel(&self, conn: &Connection, case: &Case, now: DateTime<Utc>) -> Result<()> {
        if case.labels_locked {
            return Ok(());
        }
        let review = ReviewFacts::of_case(case);
        let repeat = match review.nick() {
            Some(nick) => cases::buyer_case_count(conn, review.platform, nick)? > 1,
            None => false,
        };
        let t = self.classify(&review, repeat);
        cases::apply_labels(conn, case.id, &t)?;
        self.record_alerts(conn, case.id, &review, &t, now)?;
        Ok(())
    }
}

/// Whether this buyer already has a case with the shop on the same platform (so they
/// have ordered before).
pub fn is_repeat_buyer(
    conn: &Connection,
    platform: Platform,
    buyer_nick: Option<&str>,
) -> Result<bool> {
    let Some(nick) = buyer_nick.map(str::trim).filter(|n| !n.is_empty()) else {
        return Ok(false);
    };
    Ok(!cases::buyers_with_cases(conn, platform, &[nick])?.is_empty())
}

/// The reasons of a case's last triage in the given language.
pub fn case_reasons(conn: &Connection, case_id: i64, lang: Lang) -> Result<Vec<String>> {
    Ok(case_details(conn, case_id)?
        .iter()
        .map(|r| r.text(lang).to_string())
        .collect())
}

/// The structured reasons of a case's last triage.
pub fn case_details(conn: &Connection, case_id: i64) -> Result<Vec<Reason>> {
    let text: String = conn
        .query_row(
            "SELECT triage_detail FROM cases WHERE id = ?1",
            [case_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| CoreError::not_found("case", case_id))?;
    Ok(serde_json::from_str(&text)?)
}

/// One stored case as triage reads it.
struct Row {
    id: i64,
    platform: Platform,
    buyer_nick: Option<String>,
    product: String,
    stars: u8,
    text: String,
    follow_up: Option<String>,
    has_photos: bool,
    order_value_cents: Option<i64>,
    locked: bool,
    /// The stored labels, serialized as in the table, to skip writes that change nothing.
    stored: [String; 6],
}

impl Row {
    fn facts(&self) -> ReviewFacts<'_> {
        ReviewFacts {
            platform: self.platform,
            buyer_nick: self.buyer_nick.as_deref(),
            product: &self.product,
            stars: self.stars,
            review_text: &self.text,
            follow_up_text: self.follow_up.as_deref(),
            has_photos: self.has_photos,
            order_value_cents: self.order_value_cents,
        }
    }
}

const ROW_SQL: &str = "SELECT id, review_text, stars, has_photos, order_value_cents, product,
        platform, buyer_nick, labels_locked, primary_cause, causes, severity, flags,
        triage_reasons, triage_detail, follow_up_text
     FROM cases";

fn read_row(r: &rusqlite::Row) -> rusqlite::Result<Row> {
    let severity: i64 = r.get(11)?;
    Ok(Row {
        id: r.get(0)?,
        text: r.get(1)?,
        stars: r.get(2)?,
        has_photos: r.get(3)?,
        order_value_cents: r.get(4)?,
        product: r.get(5)?,
        platform: r.get(6)?,
        buyer_nick: r.get(7)?,
        locked: r.get(8)?,
        stored: [
            r.get(9)?,
            r.get(10)?,
            severity.to_string(),
            r.get(12)?,
            r.get(13)?,
            r.get(14)?,
        ],
        follow_up: r.get(15)?,
    })
}

/// Whether the labels differ from the stored ones. The structured reasons are compared
/// only when the rest is equal: they follow from the same evidence as the reason texts,
/// and skipping them keeps an unchanged re-run cheap.
fn changed(t: &Triage, stored: &[String; 6]) -> Result<bool> {
    let head = [
        t.primary.as_str().to_string(),
        serde_json::to_string(&t.causes)?,
        t.severity.to_string(),
        serde_json::to_string(&t.flags)?,
        serde_json::to_string(&t.reasons)?,
    ];
    // Cases stored before every path kept the structured reasons may lack them.
    Ok(stored[..5] != head[..] || (stored[5] == "[]" && !t.details.is_empty()))
}

/// Relabels one case (after an edit of its text, or on the owner's request). A case with
/// owner-corrected labels is returned unchanged.
pub fn retriage_case(conn: &mut Connection, id: i64, now: DateTime<Utc>) -> Result<Case> {
    let tx = conn.transaction()?;
    let row = tx
        .query_row(&format!("{ROW_SQL} WHERE id = ?1"), [id], read_row)
        .optional()?
        .ok_or_else(|| CoreError::not_found("case", id))?;
    if !row.locked {
        let labeller = Labeller::load(&tx)?;
        let facts = row.facts();
        let repeat = match facts.nick() {
            Some(nick) => cases::buyer_case_count(&tx, facts.platform, nick)? > 1,
            None => false,
        };
        let t = labeller.classify(&facts, repeat);
        cases::apply_labels(&tx, id, &t)?;
        let text = facts.text();
        store_hits(
            &tx,
            &hits_for(&labeller.rules, id, &text, &row.product),
            now,
        )?;
    }
    tx.commit()?;
    cases::get(conn, id)
}

/// What a re-triage did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct RetriageSummary {
    /// Cases when the run started.
    #[ts(type = "number")]
    pub total: u64,
    /// Cases looked at (all of them unless cancelled).
    #[ts(type = "number")]
    pub processed: u64,
    /// Cases whose labels, severity, flags or reasons changed.
    #[ts(type = "number")]
    pub changed: u64,
    /// Cases left alone because the owner corrected their labels.
    #[ts(type = "number")]
    pub locked: u64,
    /// New keyword-alert hits found.
    #[ts(type = "number")]
    pub new_alert_hits: u64,
    /// Stopped by the progress callback; the batches done so far are kept.
    pub cancelled: bool,
}

/// Relabels every stored case with the current lexicon and owner keywords, in
/// transactions of [`RETRIAGE_BATCH`] cases. `progress(done, total)` is called after each
/// batch is committed; returning `false` stops the run there.
pub fn retriage_all(
    conn: &mut Connection,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<RetriageSummary> {
    let labeller = Labeller::load(conn)?;
    let total = cases::count(conn)?;
    let mut summary = RetriageSummary {
        total: u64::try_from(total).unwrap_or(0),
        ..Default::default()
    };
    let repeat = cases::repeat_buyers(conn)?;
    let mut last_id = 0i64;
    loop {
        let tx = conn.transaction()?;
        let batch: Vec<Row> = {
            let mut stmt =
                tx.prepare_cached(&format!("{ROW_SQL} WHERE id > ?1 ORDER BY id LIMIT ?2"))?;
            let rows = stmt.query_map(params![last_id, RETRIAGE_BATCH as i64], read_row)?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let Some(last) = batch.last() else {
            tx.commit()?;
            break;
        };
        last_id = last.id;
        for row in &batch {
            summary.processed += 1;
            if row.locked {
                summary.locked += 1;
                continue;
            }
            let facts = row.facts();
            let is_repeat = facts.nick().is_some_and(|n| {
                repeat.contains(&(facts.platform.as_str().to_string(), n.to_string()))
            });
            let t = labeller.classify(&facts, is_repeat);
            if changed(&t, &row.stored)? {
                cases::apply_labels(&tx, row.id, &t)?;
                summary.changed += 1;
            }
            summary.new_alert_hits += labeller.record_alerts(&tx, row.id, &facts, &t, now)? as u64;
        }
        tx.commit()?;
        if !progress(summary.processed, summary.total) {
            summary.cancelled = true;
            break;
        }
    }
    Ok(summary)
}
