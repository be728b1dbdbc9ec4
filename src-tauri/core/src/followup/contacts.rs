//! The contact log: every attempt to reach the buyer (PLAYBOOK section 4, "keep every
//! attempt logged").

use crate::cases::{self, CaseStatus, EventDetail, EventDraft, EventKind, EventParts};
use crate::common::string_enum;
use crate::error::{CoreError, Result};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

string_enum!(
    /// How the shop reached out.
    ContactChannel {
        PlatformIm = "platform_im",
        Phone = "phone",
        Sms = "sms",
        Wechat = "wechat",
        Email = "email",
    }
);

string_enum!(
    /// What came of an attempt.
    ContactOutcome {
        NoAnswer = "no_answer",
        Replied = "replied",
        Agreed = "agreed",
        Refused = "refused",
        CallLater = "call_later",
        Blocked = "blocked",
    }
);

impl ContactChannel {
    /// Written channels wait for the buyer to answer; the ladder escalates from them to a call.
    pub fn is_written(self) -> bool {
        !matches!(self, ContactChannel::Phone)
    }
}

impl ContactOutcome {
    /// The buyer answered in some way (even a refusal ends the silence).
    pub fn is_buyer_response(self) -> bool {
        !matches!(self, ContactOutcome::NoAnswer)
    }
}

/// One logged attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ContactAttempt {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub case_id: i64,
    pub at: DateTime<Utc>,
    pub channel: ContactChannel,
    pub outcome: ContactOutcome,
    pub note: Option<String>,
    /// The buyer asked to be called back at this time.
    pub call_back_at: Option<DateTime<Utc>>,
    /// The buyer agreed to update the review by this time.
    pub agreed_update_at: Option<DateTime<Utc>>,
    pub actor: String,
}

/// What the "log a contact" form sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NewContact {
    #[ts(type = "number")]
    pub case_id: i64,
    pub channel: ContactChannel,
    pub outcome: ContactOutcome,
    #[serde(default)]
    pub note: Option<String>,
    /// When the attempt happened; absent means now.
    #[serde(default)]
    pub at: Option<DateTime<Utc>>,
    /// Only with outcome `call_later`.
    #[serde(default)]
    pub call_back_at: Option<DateTime<Utc>>,
    /// Only with outcome `agreed`.
    #[serde(default)]
    pub agreed_update_at: Option<DateTime<Utc>>,
}

const NOTE_MAX: usize = 2000;
/// How far ahead an agreed time may lie; beyond this it is almost surely a typo.
const HORIZON_DAYS: i64 = 366;

pub(crate) const CONTACT_COLUMNS: &str =
    "id, case_id, at, channel, outcome, note, call_back_at, agreed_update_at, actor";

pub(crate) fn row_to_contact(r: &Row) -> rusqlite::Result<ContactAttempt> {
    Ok(ContactAttempt {
        id: r.get(0)?,
        case_id: r.get(1)?,
        at: r.get(2)?,
        channel: r.get(3)?,
        outcome: r.get(4)?,
        note: r.get(5)?,
        call_back_at: r.get(6)?,
        agreed_update_at: r.get(7)?,
        actor: r.get(8)?,
    })
}

struct Checked {
    at: DateTime<Utc>,
    note: Option<String>,
}

fn check(input: &NewContact, now: DateTime<Utc>) -> Result<Checked> {
    let at = input.at.unwrap_or(now);
    // A few minutes of slack for clocks that disagree between the phone and the laptop.
    if at > now + Duration::minutes(5) {
        return Err(CoreError::validation(
            "validation.future_time",
            "at",
            "a contact attempt cannot lie in the future",
        ));
    }
    let note = input
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    if let Some(n) = &note {
        if n.chars().count() > NOTE_MAX {
            return Err(CoreError::validation(
                "validation.too_long",
                "note",
                format!("longer than {NOTE_MAX} characters"),
            ));
        }
    }
    let later =
        |field: &'static str, t: Option<DateTime<Utc>>, needs: ContactOutcome| -> Result<()> {
            let Some(t) = t else { return Ok(()) };
            if input.outcome != needs {
                return Err(CoreError::validation(
                    "validation.time_needs_outcome",
                    field,
                    format!("only goes with outcome {needs}"),
                ));
            }
            if t <= at {
                return Err(CoreError::validation(
                    "validation.not_after_contact",
                    field,
                    "must lie after the contact attempt",
                ));
            }
            if t > at + Duration::days(HORIZON_DAYS) {
                return Err(CoreError::validation(
                    "validation.too_far",
                    field,
                    "is more than a year ahead",
                ));
            }
            Ok(())
        };
    later(
        "call_back_at",
        input.call_back_at,
        ContactOutcome::CallLater,
    )?;
    later(
        "agreed_update_at",
        input.agreed_update_at,
        ContactOutcome::Agreed,
    )?;
    Ok(Checked { at, note })
}

/// Logs an attempt, writes it into the case history and moves a `new` case to
/// `contacting`. Returns the stored attempt.
pub fn log_contact(
    conn: &mut Connection,
    input: &NewContact,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<ContactAttempt> {
    let checked = check(input, now)?;
    // The move to `contacting` and the attempt commit together: a crash between them
    // must not leave a case moved on with no attempt logged. The status is read under
    // the write lock, so two attempts logged at once cannot both try the move.
    let tx = crate::db::begin_write(conn)?;
    let status: CaseStatus = tx
        .query_row(
            "SELECT status FROM cases WHERE id = ?1",
            [input.case_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| CoreError::not_found("case", input.case_id))?;
    if status == CaseStatus::New {
        cases::move_status(
            &tx,
            input.case_id,
            CaseStatus::Contacting,
            None,
            None,
            actor,
            now,
        )?;
    }
    tx.execute(
        "INSERT INTO contact_attempts(case_id, at, channel, outcome, note, call_back_at,
             agreed_update_at, actor, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            input.case_id,
            checked.at,
            input.channel,
            input.outcome,
            checked.note,
            input.call_back_at,
            input.agreed_update_at,
            actor,
            now
        ],
    )?;
    let id = tx.last_insert_rowid();
    cases::record_event(
        &tx,
        input.case_id,
        now,
        actor,
        EventDraft {
            field: Some("contact"),
            new_value: Some(input.outcome.to_string()),
            note: checked.note.clone(),
            detail: EventDetail {
                new: Some(EventParts {
                    channel: Some(input.channel.to_string()),
                    ..Default::default()
                }),
                ..Default::default()
            },
            ..EventDraft::new(EventKind::Contact)
        },
    )?;
    let stored = tx.query_row(
        &format!("SELECT {CONTACT_COLUMNS} FROM contact_attempts WHERE id = ?1"),
        [id],
        row_to_contact,
    )?;
    tx.commit()?;
    Ok(stored)
}

/// A case's attempts, oldest first.
pub fn list_contacts(conn: &Connection, case_id: i64) -> Result<Vec<ContactAttempt>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {CONTACT_COLUMNS} FROM contact_attempts WHERE case_id = ?1 ORDER BY at, id"
    ))?;
    let rows = stmt.query_map([case_id], row_to_contact)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
