//! Complaint cases, the bottom of the domain: the model, validation, the labels a case
//! keeps, its history, the commitments owed on it, the inbox query, and the only code that
//! writes the `cases` and `case_events` tables. Areas above call these functions; labels
//! come from triage through the caller, so this module needs none of them.

mod batch;
mod commitment;
mod history;
mod labels;
mod model;
mod query;
mod search_index;
mod store;
mod validate;

pub use batch::{BatchCase, BatchOrigin, CaseImport};
pub use chrono_tz::Tz;
pub use commitment::{Commitment, CommitmentKind};
pub use history::{
    history, record_change, record_event, CaseEvent, EventDetail, EventDraft, EventKind,
    EventParts, EventSubject, ImportRow,
};
pub use labels::{Flag, Reason, ReasonKind, Triage};
pub use model::{
    guess_lang, mask_phone, Case, CaseDetail, CaseSource, CaseStatus, Cause, NewCase, Platform,
};
pub use query::{list, page, CaseFilter, CasePage, CaseWhere, SortKey};
pub use search_index::{catch_up_search, catch_up_search_all, search_waiting, CATCH_UP_ROWS};
pub use store::{
    add_note, apply_labels, buyer_case_count, buyers_with_cases, count, create, delete, detail,
    ending, find_by_review_id, get, move_status, repeat_buyers, set_dedup_key, set_ending,
    set_labels, set_status, start_followup, update_review, Ending, ReviewUpdate,
};
pub(crate) use store::{row_to_case, CASE_COLUMNS};
pub use validate::{parse_time, validate, ValidCase};

#[cfg(test)]
mod tests;
