//! Keyword alert hits: which case matched which alert, and whether the owner was told.

use super::model::Lang;
use super::normalize::normalize;
use super::owner::load_rules;
use super::rules::Rules;
use crate::cases::Case;
use crate::error::Result;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A case that mentions one of the owner's alert words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AlertHit {
    #[ts(type = "number")]
    pub case_id: i64,
    #[ts(type = "number")]
    pub alert_id: i64,
    pub term: String,
    pub product: String,
    /// The start of the review, for the notification body.
    pub excerpt: String,
}

const EXCERPT_CHARS: usize = 60;

fn excerpt(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let flat = flat.trim();
    if flat.chars().count() <= EXCERPT_CHARS {
        flat.to_string()
    } else {
        let mut s: String = flat.chars().take(EXCERPT_CHARS - 1).collect();
        s.push('…');
        s
    }
}

impl AlertHit {
    /// The notification's title.
    pub fn title(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("关键词提醒：{}", self.term),
            Lang::En => format!("Keyword alert: {}", self.term),
        }
    }

    /// The notification's body.
    pub fn body(&self, lang: Lang) -> String {
        let product = self.product.trim();
        match (lang, product.is_empty()) {
            (Lang::Zh, false) => format!("{product}（案例 #{}）：{}", self.case_id, self.excerpt),
            (Lang::Zh, true) => format!("案例 #{}：{}", self.case_id, self.excerpt),
            (Lang::En, false) => format!("{product} (case #{}): {}", self.case_id, self.excerpt),
            (Lang::En, true) => format!("Case #{}: {}", self.case_id, self.excerpt),
        }
    }
}

/// What one desktop notification says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AlertNotice {
    pub title: String,
    pub body: String,
}

/// Words named in a grouped notice; the rest are summed up as "…".
const NOTICE_TERMS: usize = 4;

/// One notification for all the hits found in one look: a single case in full, several
/// grouped by word, so a re-triage that marks hundreds of cases does not flood the desktop.
/// `None` when there is nothing to say.
pub fn alert_notice(hits: &[AlertHit], lang: Lang) -> Option<AlertNotice> {
    let first = hits.first()?;
    let mut cases: Vec<i64> = hits.iter().map(|h| h.case_id).collect();
    cases.sort_unstable();
    cases.dedup();
    if cases.len() == 1 && hits.iter().all(|h| h.term == first.term) {
        return Some(AlertNotice {
            title: first.title(lang),
            body: first.body(lang),
        });
    }
    // Words in order of how many cases mention them, then as first seen.
    let mut terms: Vec<(&str, usize)> = Vec::new();
    for h in hits {
        match terms.iter_mut().find(|(t, _)| *t == h.term) {
            Some((_, n)) => *n += 1,
            None => terms.push((&h.term, 1)),
        }
    }
    terms.sort_by_key(|t| std::cmp::Reverse(t.1));
    let more = terms.len() > NOTICE_TERMS;
    let named = &terms[..terms.len().min(NOTICE_TERMS)];
    let n = cases.len();
    Some(match lang {
        Lang::Zh => {
            let list: Vec<String> = named.iter().map(|(t, c)| format!("{t}（{c}）")).collect();
            let list = list.join("、") + if more { "等" } else { "" };
            let title = if n == 1 {
                format!("关键词提醒：案例 #{}", first.case_id)
            } else {
                format!("关键词提醒：{n} 条评价")
            };
            AlertNotice {
                title,
                body: format!("提到 {list}。打开好评查看。"),
            }
        }
        Lang::En => {
            let list: Vec<String> = named.iter().map(|(t, c)| format!("{t} ({c})")).collect();
            let list = list.join(", ") + if more { ", …" } else { "" };
            let title = if n == 1 {
                format!("Keyword alerts: case #{}", first.case_id)
            } else {
                format!("Keyword alerts: {n} reviews")
            };
            AlertNotice {
                title,
                body: format!("Mentions {list}. Open Haoping to see them."),
            }
        }
    })
}

/// An alert with how often it has marked a case, for the owner's alert list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AlertUsage {
    #[ts(type = "number")]
    pub id: i64,
    pub term: String,
    pub product: String,
    pub enabled: bool,
    /// Stored cases this alert marked.
    pub hits: u32,
    /// When the latest of them was marked.
    pub last_hit: Option<DateTime<Utc>>,
    /// That latest case, so the owner can open it.
    #[ts(type = "number | null")]
    pub last_case_id: Option<i64>,
}

/// Every alert (enabled or not) with its hit count and latest hit, in the order of
/// [`super::list_alerts`].
pub fn alert_usage(conn: &Connection) -> Result<Vec<AlertUsage>> {
    let mut stmt = conn.prepare(
        "SELECT a.id, a.term, a.product, a.enabled, count(h.case_id), max(h.at),
            (SELECT l.case_id FROM triage_alert_hits l WHERE l.alert_id = a.id
             ORDER BY l.at DESC, l.case_id DESC LIMIT 1)
         FROM triage_alerts a LEFT JOIN triage_alert_hits h ON h.alert_id = a.id
         GROUP BY a.id
         ORDER BY a.product, a.term",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(AlertUsage {
            id: r.get(0)?,
            term: r.get(1)?,
            product: r.get(2)?,
            enabled: r.get(3)?,
            hits: r.get(4)?,
            last_hit: r.get(5)?,
            last_case_id: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn hits_for(rules: &Rules, case_id: i64, text: &str, product: &str) -> Vec<AlertHit> {
    let (t, p) = (normalize(text), normalize(product));
    rules
        .alert_hits(&t, &p)
        .into_iter()
        .map(|a| AlertHit {
            case_id,
            alert_id: a.id,
            term: a.term.clone(),
            product: product.to_string(),
            excerpt: excerpt(text),
        })
        .collect()
}

/// The enabled alerts this case matches now (with the owner's current alert list), in
/// its review or its follow-up.
pub fn alert_hits(conn: &Connection, case: &Case) -> Result<Vec<AlertHit>> {
    let rules = load_rules(conn)?;
    let text = super::ReviewFacts::of_case(case).text();
    Ok(hits_for(&rules, case.id, &text, &case.product))
}

/// Remembers hits so the shell can notify once; a hit already stored keeps its time and
/// notification state.
pub(super) fn store_hits(
    conn: &Connection,
    hits: &[AlertHit],
    now: DateTime<Utc>,
) -> Result<usize> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO triage_alert_hits(case_id, alert_id, at) VALUES (?1, ?2, ?3)
         ON CONFLICT DO NOTHING",
    )?;
    let mut added = 0;
    for h in hits {
        added += stmt.execute(params![h.case_id, h.alert_id, now])?;
    }
    Ok(added)
}

/// Hits of enabled alerts the owner has not been notified of, oldest first. (An alert
/// switched off before its notification went out stays quiet.)
pub fn pending_alert_hits(conn: &Connection) -> Result<Vec<AlertHit>> {
    let mut stmt = conn.prepare(
        "SELECT h.case_id, h.alert_id, a.term, c.product, c.review_text
         FROM triage_alert_hits h
         JOIN triage_alerts a ON a.id = h.alert_id
         JOIN cases c ON c.id = h.case_id
         WHERE h.notified_at IS NULL AND a.enabled
         ORDER BY h.at, h.case_id, h.alert_id",
    )?;
    let rows = stmt.query_map([], |r| {
        let text: String = r.get(4)?;
        Ok(AlertHit {
            case_id: r.get(0)?,
            alert_id: r.get(1)?,
            term: r.get(2)?,
            product: r.get(3)?,
            excerpt: excerpt(&text),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Marks hits as notified (call after the desktop notification was shown).
pub fn mark_alerts_notified(
    conn: &Connection,
    hits: &[AlertHit],
    now: DateTime<Utc>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE triage_alert_hits SET notified_at = ?1
         WHERE case_id = ?2 AND alert_id = ?3 AND notified_at IS NULL",
    )?;
    for h in hits {
        stmt.execute(params![now, h.case_id, h.alert_id])?;
    }
    Ok(())
}
