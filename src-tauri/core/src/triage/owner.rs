//! Storing the owner's keywords, alerts and triage settings.

use super::rules::{KeywordAlert, OwnerKeyword, Rules, DEFAULT_HIGH_VALUE_CENTS};
use crate::cases::Cause;
use crate::error::{CoreError, Result};
use crate::settings;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const MAX_TERM: usize = 32;
const MAX_PRODUCT: usize = 64;
const CONFIG_KEY: &str = "triage";

/// Triage settings the owner can change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TriageConfig {
    /// Orders worth at least this much (fen) raise severity; 0 = never.
    #[ts(type = "number")]
    pub high_value_cents: i64,
}

impl Default for TriageConfig {
    fn default() -> Self {
        TriageConfig {
            high_value_cents: DEFAULT_HIGH_VALUE_CENTS,
        }
    }
}

/// What the keyword form sends.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct NewKeyword {
    pub cause: Option<Cause>,
    pub term: String,
    pub product: String,
}

/// What the alert form sends.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct NewAlert {
    pub term: String,
    pub product: String,
}

fn clean(field: &str, value: &str, max: usize, required: bool) -> Result<String> {
    let v = value.trim();
    if required && v.is_empty() {
        return Err(CoreError::validation(
            "validation.required",
            field,
            "is required",
        ));
    }
    if v.chars().count() > max {
        return Err(CoreError::validation(
            "validation.too_long",
            field,
            format!("is longer than {max} characters"),
        ));
    }
    Ok(v.to_string())
}

pub fn list_keywords(conn: &Connection) -> Result<Vec<OwnerKeyword>> {
    let mut stmt = conn.prepare(
        "SELECT id, cause, term, product FROM triage_keywords ORDER BY cause, product, term",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(OwnerKeyword {
            id: r.get(0)?,
            cause: r.get(1)?,
            term: r.get(2)?,
            product: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds a keyword. Takes effect for new cases at once and for stored ones after
/// [`super::retriage_all`].
pub fn add_keyword(conn: &Connection, k: &NewKeyword, now: DateTime<Utc>) -> Result<OwnerKeyword> {
    let cause = k
        .cause
        .ok_or_else(|| CoreError::validation("validation.required", "cause", "is required"))?;
    let term = clean("term", &k.term, MAX_TERM, true)?;
    let product = clean("product", &k.product, MAX_PRODUCT, false)?;
    let exists: Option<i64> = conn
        .query_row(
            "SELECT id FROM triage_keywords WHERE cause = ?1 AND term = ?2 AND product = ?3",
            params![cause, term, product],
            |r| r.get(0),
        )
        .optional()?;
    if exists.is_some() {
        return Err(CoreError::validation(
            "validation.duplicate_keyword",
            "term",
            "is already a keyword of this cause",
        ));
    }
    conn.execute(
        "INSERT INTO triage_keywords(cause, term, product, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![cause, term, product, now],
    )?;
    Ok(OwnerKeyword {
        id: conn.last_insert_rowid(),
        cause,
        term,
        product,
    })
}

pub fn remove_keyword(conn: &Connection, id: i64) -> Result<()> {
    let n = conn.execute("DELETE FROM triage_keywords WHERE id = ?1", [id])?;
    if n == 0 {
        return Err(CoreError::not_found("keyword", id));
    }
    Ok(())
}

fn row_to_alert(r: &rusqlite::Row) -> rusqlite::Result<KeywordAlert> {
    Ok(KeywordAlert {
        id: r.get(0)?,
        term: r.get(1)?,
        product: r.get(2)?,
        enabled: r.get(3)?,
    })
}

pub fn list_alerts(conn: &Connection) -> Result<Vec<KeywordAlert>> {
    let mut stmt = conn
        .prepare("SELECT id, term, product, enabled FROM triage_alerts ORDER BY product, term")?;
    let rows = stmt.query_map([], row_to_alert)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn add_alert(conn: &Connection, a: &NewAlert, now: DateTime<Utc>) -> Result<KeywordAlert> {
    let term = clean("term", &a.term, MAX_TERM, true)?;
    let product = clean("product", &a.product, MAX_PRODUCT, false)?;
    let exists: Option<i64> = conn
        .query_row(
            "SELECT id FROM triage_alerts WHERE term = ?1 AND product = ?2",
            params![term, product],
            |r| r.get(0),
        )
        .optional()?;
    if exists.is_some() {
        return Err(CoreError::validation(
            "validation.duplicate_alert",
            "term",
            "is already an alert",
        ));
    }
    conn.execute(
        "INSERT INTO triage_alerts(term, product, enabled, created_at) VALUES (?1, ?2, 1, ?3)",
        params![term, product, now],
    )?;
    Ok(KeywordAlert {
        id: conn.last_insert_rowid(),
        term,
        product,
        enabled: true,
    })
}

pub fn set_alert_enabled(conn: &Connection, id: i64, enabled: bool) -> Result<KeywordAlert> {
    let n = conn.execute(
        "UPDATE triage_alerts SET enabled = ?1 WHERE id = ?2",
        params![enabled, id],
    )?;
    if n == 0 {
        return Err(CoreError::not_found("alert", id));
    }
    Ok(conn.query_row(
        "SELECT id, term, product, enabled FROM triage_alerts WHERE id = ?1",
        [id],
        row_to_alert,
    )?)
}

pub fn remove_alert(conn: &Connection, id: i64) -> Result<()> {
    let n = conn.execute("DELETE FROM triage_alerts WHERE id = ?1", [id])?;
    if n == 0 {
        return Err(CoreError::not_found("alert", id));
    }
    Ok(())
}

pub fn config(conn: &Connection) -> Result<TriageConfig> {
    // A damaged row falls back to the defaults rather than blocking triage.
    settings::load_value(conn, CONFIG_KEY)
}

pub fn set_config(conn: &Connection, c: &TriageConfig) -> Result<TriageConfig> {
    if c.high_value_cents < 0 {
        return Err(CoreError::validation(
            "validation.negative",
            "high_value_cents",
            "cannot be negative",
        ));
    }
    settings::save_value(conn, CONFIG_KEY, c)?;
    Ok(c.clone())
}

/// The owner's keywords, enabled alerts, threshold and language, ready for a batch.
pub fn load_rules(conn: &Connection) -> Result<Rules> {
    let lang = settings::lang(conn)?;
    Ok(Rules::default()
        .with_keywords(list_keywords(conn)?)
        .with_alerts(list_alerts(conn)?)
        .with_high_value_cents(config(conn)?.high_value_cents)
        .with_lang(lang))
}
