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
        match lang {
            Lang::Zh => format!(
                "{}（案例 #{}）：{}",
                self.product, self.case_id, self.excerpt
            ),
            Lang::En => format!(
                "{} (case #{}): {}",
                self.product, self.case_id, self.excerpt
            ),
        }
    }
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

/// The enabled alerts this case matches now (with the owner's current alert list).
pub fn alert_hits(conn: &Connection, case: &Case) -> Result<Vec<AlertHit>> {
    let rules = load_rules(conn)?;
    Ok(hits_for(&rules, case.id, &case.review_text, &case.product))
}

/// Remembers hits so the shell can notify once; a hit already stored keeps its time and
/// notification state.
pub(super) fn store_hits(
    conn: &Connection,
    hits: &[AlertHit],
    now: DateTime<Utc>,
) -> Result<usize> {
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO triage_alert_hits(case_id, alert_id, at) VALUES (?1, ?2, ?3)",
    )?;
    let mut added = 0;
    for h in hits {
        added += stmt.execute(params![h.case_id, h.alert_id, now])?;
    }
    Ok(added)
}

/// Hits the owner has not been notified of, oldest first.
pub fn pending_alert_hits(conn: &Connection) -> Result<Vec<AlertHit>> {
    let mut stmt = conn.prepare(
        "SELECT h.case_id, h.alert_id, a.term, c.product, c.review_text
         FROM triage_alert_hits h
         JOIN triage_alerts a ON a.id = h.alert_id
         JOIN cases c ON c.id = h.case_id
         WHERE h.notified_at IS NULL
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
