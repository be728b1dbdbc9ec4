//! Complaint cases: the model, validation, storage, history and the inbox query.

mod model;
mod query;
mod store;
mod validate;

pub use chrono_tz::Tz;
pub(crate) use model::string_enum;
pub use model::{
    guess_lang, mask_phone, Case, CaseDetail, CaseEvent, CaseStatus, Cause, NewCase, Platform,
};
pub use query::{list, CaseFilter, CasePage, SortKey};
pub use store::{
    add_note, count, create, detail, get, history, move_status, record_event, set_labels,
    set_status, EventDraft,
};
pub(crate) use store::{row_to_case, CASE_COLUMNS};
pub use validate::parse_time;

#[cfg(test)]
mod tests;
