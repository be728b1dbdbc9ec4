//! Copying a draft is what the owner actually says to the buyer: it is logged on the
//! case, and it moves the shop's rotation on so the next reply reads differently.

use super::checker::has_blocking;
use super::compose::check_for_case;
use super::model::{Channel, Lang, Severity};
use super::rotation;
use crate::cases::{self, CaseEvent, EventDraft, EventKind};
use crate::error::{CoreError, Result};
use crate::settings;
use chrono::{DateTime, Utc};
use rusqlite::Connection;

/// Refuses a text the checker blocks (an incentive tied to the review, personal data in
/// public, over the platform's limit), so nothing bypasses the checker on its way to the
/// clipboard, whatever the screen showed. The error names the blocking findings' codes.
pub fn ensure_sendable(
    conn: &Connection,
    case_id: i64,
    channel: Channel,
    lang: Lang,
    text: &str,
) -> Result<()> {
    let findings = check_for_case(conn, case_id, text, channel, lang)?;
    if !has_blocking(&findings) {
        return Ok(());
    }
    let codes: Vec<&str> = findings
        .iter()
        .filter(|f| f.severity == Severity::Blocking)
        .map(|f| f.code.as_str())
        .collect();
    Err(CoreError::validation(
        "drafts.blocked",
        "text",
        format!("the text has blocking findings: {}", codes.join(", ")),
    ))
}

/// Records that `text` (variant `variant` of `channel`) was copied for case `case_id`:
/// a `draft_copied` history entry with the text, and the rotation state of the shop.
pub fn record_copy(
    conn: &Connection,
    case_id: i64,
    channel: Channel,
    variant: u32,
    text: &str,
    now: DateTime<Utc>,
) -> Result<CaseEvent> {
    let text = text.trim();
    if text.is_empty() {
        return Err(CoreError::validation(
            "validation.required",
            "text",
            "is required",
        ));
    }
    let case = cases::get(conn, case_id)?;
    let prefs = settings::load(conn)?;
    let shop = prefs.shop_or_default(&case.shop);
    let tx = conn.unchecked_transaction()?;
    // The channel (field) and the exact text say what was sent; the variant only
    // matters to the rotation, which keeps it.
    let event = cases::record_event(
        &tx,
        case_id,
        now,
        &prefs.operator,
        EventDraft {
            field: Some(channel.as_str()),
            new_value: Some(text.to_string()),
            ..EventDraft::new(EventKind::DraftCopied)
        },
    )?;
    rotation::remember(&tx, &shop, channel, variant, text, now)?;
    tx.commit()?;
    Ok(event)
}
