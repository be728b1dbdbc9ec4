//! A case's history: who changed what, when. Entries are only ever appended. Values are
//! stored as values (a status code, a number, a time, text as typed), never as display
//! text; an entry whose value has several parts keeps them, named, in its detail.

use super::commitment::CommitmentKind;
use crate::common::string_enum;
use crate::error::Result;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

string_enum!(
    /// What a history entry records. `other` stands for a kind this version does not
    /// know (written by a newer one).
    EventKind {
        Created = "created",
        Status = "status",
        Reopened = "reopened",
        Note = "note",
        Labels = "labels",
        Field = "field",
        DraftCopied = "draft_copied",
        Contact = "contact",
        RemedyAdded = "remedy_added",
        RemedyEdited = "remedy_edited",
        RemedyStatus = "remedy_status",
        ComplianceFlag = "compliance_flag",
        PromiseAdded = "promise_added",
        PromiseStatus = "promise_status",
        PromiseDue = "promise_due",
        Outcome = "outcome",
        AppealAdded = "appeal_added",
        AppealEdited = "appeal_edited",
        AppealStatus = "appeal_status",
        EvidenceAdded = "evidence_added",
        EvidenceRemoved = "evidence_removed",
        /// Taken out of the backlog to be followed up.
        FollowupStarted = "followup_started",
        Other = "other",
    }
);

/// The remedy, promise or appeal an entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EventSubject {
    pub kind: CommitmentKind,
    #[ts(type = "number")]
    pub id: i64,
}

/// The named parts of one side of a change whose value has more than one: the severity
/// beside a cause, the final stars beside an outcome, a remedy's amounts beside its kind…
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct EventParts {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub severity: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub final_stars: Option<u8>,
    /// How the buyer was contacted (`phone`, `platform_im`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub channel: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub value_cents: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub cost_cents: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub currency: Option<String>,
    /// Percent-off coupons, in basis points.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub coupon_percent_bp: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub gift_item: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub quantity: Option<u32>,
    /// A promise's due time or an appeal's deadline.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub due_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub size_bytes: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub sha256: Option<String>,
    /// Stable codes, e.g. the compliance rules a remedy's terms break.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub codes: Option<Vec<String>>,
}

/// The row of an import that made an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportRow {
    pub file: String,
    #[ts(type = "number")]
    pub row: u64,
}

/// What an entry says beyond its field and values.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct EventDetail {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub subject: Option<EventSubject>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub old: Option<EventParts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub new: Option<EventParts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub import: Option<ImportRow>,
    /// Why the change was made, as a code the UI words (`too_old`: closed as too old to
    /// follow up; `handled`: marked handled while sorting the backlog).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reason: Option<String>,
}

impl EventDetail {
    pub fn is_empty(&self) -> bool {
        *self == EventDetail::default()
    }

    pub fn about(kind: CommitmentKind, id: i64) -> EventDetail {
        EventDetail {
            subject: Some(EventSubject { kind, id }),
            ..Default::default()
        }
    }

    /// The JSON stored in `case_events.detail`; `None` when there is nothing to say.
    pub(crate) fn stored(&self) -> Result<Option<String>> {
        if self.is_empty() {
            Ok(None)
        } else {
            Ok(Some(serde_json::to_string(self)?))
        }
    }

    /// Read leniently: a detail this version cannot read is left out, not an error.
    fn read(text: Option<String>) -> EventDetail {
        text.and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }
}

/// One line of a case's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CaseEvent {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub case_id: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub kind: EventKind,
    /// The case field changed (`status`, `review_text`, …) or the draft channel copied.
    pub field: Option<String>,
    /// A value: a code, a number, a time or text as typed; never display text. (Entries
    /// written before values were kept this way may hold text as it was shown then.)
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub note: Option<String>,
    pub detail: EventDetail,
}

/// An entry to append; `record_event` fills in the id, the case, the time and the actor.
#[derive(Debug, Clone)]
pub struct EventDraft<'a> {
    pub kind: EventKind,
    pub field: Option<&'a str>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub note: Option<String>,
    pub detail: EventDetail,
}

impl EventDraft<'_> {
    pub fn new(kind: EventKind) -> Self {
        EventDraft {
            kind,
            field: None,
            old_value: None,
            new_value: None,
            note: None,
            detail: EventDetail::default(),
        }
    }
}

pub(crate) const EVENT_COLUMNS: &str =
    "id, case_id, at, actor, kind, field, old_value, new_value, note, detail";

pub(crate) fn row_to_event(r: &rusqlite::Row) -> rusqlite::Result<CaseEvent> {
    let kind: String = r.get(4)?;
    Ok(CaseEvent {
        id: r.get(0)?,
        case_id: r.get(1)?,
        at: r.get(2)?,
        actor: r.get(3)?,
        kind: EventKind::parse(&kind).unwrap_or(EventKind::Other),
        field: r.get(5)?,
        old_value: r.get(6)?,
        new_value: r.get(7)?,
        note: r.get(8)?,
        detail: EventDetail::read(r.get(9)?),
    })
}

/// Appends an entry and returns it as stored.
pub fn record_event(
    conn: &Connection,
    case_id: i64,
    at: DateTime<Utc>,
    actor: &str,
    e: EventDraft,
) -> Result<CaseEvent> {
    let note = e.note.filter(|n| !n.trim().is_empty());
    let id: i64 = conn
        .prepare_cached(
            "INSERT INTO case_events(case_id, at, actor, kind, field, old_value, new_value, note, detail)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
        )?
        .query_row(
            params![
                case_id,
                at,
                actor,
                e.kind,
                e.field,
                e.old_value,
                e.new_value,
                note,
                e.detail.stored()?
            ],
            |r| r.get(0),
        )?;
    Ok(CaseEvent {
        id,
        case_id,
        at,
        actor: actor.to_string(),
        kind: e.kind,
        field: e.field.map(str::to_string),
        old_value: e.old_value,
        new_value: e.new_value,
        note,
        detail: e.detail,
    })
}

/// Appends an entry about something done on the case (a remedy, a contact, an appeal…)
/// and moves the case's `updated_at`, so it sorts as recently worked on.
pub fn record_change(
    conn: &Connection,
    case_id: i64,
    at: DateTime<Utc>,
    actor: &str,
    e: EventDraft,
) -> Result<CaseEvent> {
    let event = record_event(conn, case_id, at, actor, e)?;
    super::store::touch(conn, case_id, at)?;
    Ok(event)
}

pub fn history(conn: &Connection, id: i64) -> Result<Vec<CaseEvent>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {EVENT_COLUMNS} FROM case_events WHERE case_id = ?1 ORDER BY at, id"
    ))?;
    let rows = stmt.query_map([id], row_to_event)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl EventParts {
    /// `name value` pairs of the parts present, for plain-text listings.
    pub fn plain(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut put = |name: &str, v: Option<String>| {
            if let Some(v) = v {
                out.push(format!("{name} {v}"));
            }
        };
        put("severity", self.severity.map(|v| v.to_string()));
        put("final_stars", self.final_stars.map(|v| v.to_string()));
        put("channel", self.channel.clone());
        put("value_cents", self.value_cents.map(|v| v.to_string()));
        put("cost_cents", self.cost_cents.map(|v| v.to_string()));
        put("currency", self.currency.clone());
        put(
            "coupon_percent_bp",
            self.coupon_percent_bp.map(|v| v.to_string()),
        );
        put("gift_item", self.gift_item.clone());
        put("quantity", self.quantity.map(|v| v.to_string()));
        put("due_at", self.due_at.map(|v| v.to_rfc3339()));
        put("size_bytes", self.size_bytes.map(|v| v.to_string()));
        put("sha256", self.sha256.clone());
        put("codes", self.codes.as_ref().map(|c| c.join(",")));
        out
    }
}

impl CaseEvent {
    /// What the entry says, as plain untranslated text for files and the command line:
    /// `old → new`, the parts of each side in brackets, the subject and the import row.
    pub fn values_text(&self) -> String {
        let side = |v: &Option<String>, parts: &Option<EventParts>| {
            let mut s = v.clone().unwrap_or_default();
            if let Some(p) = parts
                .as_ref()
                .map(EventParts::plain)
                .filter(|p| !p.is_empty())
            {
                if !s.is_empty() {
                    s.push(' ');
                }
                s.push_str(&format!("[{}]", p.join(", ")));
            }
            s
        };
        let old = side(&self.old_value, &self.detail.old);
        let new = side(&self.new_value, &self.detail.new);
        let mut out = match (old.is_empty(), new.is_empty()) {
            (false, false) => format!("{old} → {new}"),
            (true, false) => new,
            (false, true) => format!("{old} → -"),
            (true, true) => String::new(),
        };
        if let Some(s) = &self.detail.subject {
            out = format!("{} #{}: {out}", s.kind, s.id);
        }
        if let Some(i) = &self.detail.import {
            out.push_str(&format!(" (import {} row {})", i.file, i.row));
        }
        if let Some(r) = &self.detail.reason {
            out.push_str(&format!(" ({r})"));
        }
        out.trim().to_string()
    }
}
