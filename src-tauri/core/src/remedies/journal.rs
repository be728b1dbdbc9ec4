//! Shared chores of the resolution areas: writing the case history, touching the case,
//! cleaning typed text.

use crate::cases::{self, EventDraft};
use crate::error::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

/// One history line on the case, and the case's `updated_at` moves so it sorts as recent.
#[allow(clippy::too_many_arguments)]
pub(crate) fn log(
    conn: &Connection,
    case_id: i64,
    now: DateTime<Utc>,
    actor: &str,
    kind: &str,
    field: &str,
    old_value: Option<String>,
    new_value: Option<String>,
    note: Option<String>,
) -> Result<()> {
    cases::record_event(
        conn,
        case_id,
        now,
        actor,
        EventDraft {
            kind,
            field: Some(field),
            old_value,
            new_value,
            note: note.filter(|n| !n.trim().is_empty()),
        },
    )?;
    conn.execute(
        "UPDATE cases SET updated_at = ?1 WHERE id = ?2",
        params![now, case_id],
    )?;
    Ok(())
}

/// Trimmed text, refused when longer than `max` characters.
pub(crate) fn text(field: &str, value: &str, max: usize) -> Result<String> {
    let t = value.trim();
    if t.chars().count() > max {
        return Err(CoreError::validation(
            "validation.too_long",
            field,
            format!("longer than {max} characters"),
        ));
    }
    Ok(t.to_string())
}

/// Like `text`, with empty meaning absent.
pub(crate) fn optional(field: &str, value: &str, max: usize) -> Result<Option<String>> {
    Ok(Some(text(field, value, max)?).filter(|t| !t.is_empty()))
}

pub(crate) fn json_list(row: &rusqlite::Row, idx: usize) -> rusqlite::Result<Vec<String>> {
    let text: String = row.get(idx)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}
