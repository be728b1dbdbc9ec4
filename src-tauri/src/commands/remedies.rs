//! The remedies ledger, promises, totals and case outcomes (PLAYBOOK 5).

use crate::state::AppState;
use chrono::{DateTime, Utc};
use haoping_core::cases::{Case, CaseStatus};
use haoping_core::remedies::{
    self, CaseCost, LedgerFilter, LedgerView, Outcome, Owed, Promise, PromiseInput, PromiseStatus,
    Remedy, RemedyInput, RemedyPreview, RemedyStatus, RemedyStatusChange, Resolution, Totals,
    TotalsQuery,
};
use haoping_core::{settings, CoreError};
use tauri::State;

#[tauri::command]
pub async fn list_remedies(
    state: State<'_, AppState>,
    case_id: Option<i64>,
) -> Result<Vec<Remedy>, CoreError> {
    state
        .with_db(move |c| remedies::list_remedies(c, case_id, Utc::now()))
        .await
}

/// The edit form pre-filled from a stored remedy, amounts written as the owner would type them.
#[tauri::command]
pub async fn remedy_input(state: State<'_, AppState>, id: i64) -> Result<RemedyInput, CoreError> {
    state
        .with_db(move |c| Ok(RemedyInput::from(&remedies::get_remedy(c, id, Utc::now())?)))
        .await
}

#[tauri::command]
pub async fn preview_remedy(
    state: State<'_, AppState>,
    case_id: i64,
    input: RemedyInput,
) -> Result<RemedyPreview, CoreError> {
    state
        .with_db(move |c| remedies::preview_remedy(c, case_id, &input))
        .await
}

#[tauri::command]
pub async fn add_remedy(
    state: State<'_, AppState>,
    case_id: i64,
    input: RemedyInput,
) -> Result<Remedy, CoreError> {
    state
        .with_db(move |c| {
            remedies::add_remedy(c, case_id, &input, &settings::operator(c)?, Utc::now())
        })
        .await
}

#[tauri::command]
pub async fn update_remedy(
    state: State<'_, AppState>,
    id: i64,
    input: RemedyInput,
) -> Result<Remedy, CoreError> {
    state
        .with_db(move |c| {
            remedies::update_remedy(c, id, &input, &settings::operator(c)?, Utc::now())
        })
        .await
}

#[tauri::command]
pub async fn set_remedy_status(
    state: State<'_, AppState>,
    id: i64,
    status: RemedyStatus,
    change: RemedyStatusChange,
) -> Result<Remedy, CoreError> {
    state
        .with_db(move |c| {
            let actor = settings::operator(c)?;
            remedies::set_remedy_status(c, id, status, &change, &actor, Utc::now())
        })
        .await
}

#[tauri::command]
pub async fn list_promises(
    state: State<'_, AppState>,
    case_id: Option<i64>,
) -> Result<Vec<Promise>, CoreError> {
    state
        .with_db(move |c| remedies::list_promises(c, case_id, Utc::now()))
        .await
}

#[tauri::command]
pub async fn add_promise(
    state: State<'_, AppState>,
    case_id: i64,
    input: PromiseInput,
) -> Result<Promise, CoreError> {
    state
        .with_db(move |c| {
            remedies::add_promise(c, case_id, &input, &settings::operator(c)?, Utc::now())
        })
        .await
}

#[tauri::command]
pub async fn set_promise_status(
    state: State<'_, AppState>,
    id: i64,
    status: PromiseStatus,
    note: Option<String>,
) -> Result<Promise, CoreError> {
    state
        .with_db(move |c| {
            let actor = settings::operator(c)?;
            let note = note.unwrap_or_default();
            remedies::set_promise_status(c, id, status, &note, &actor, Utc::now())
        })
        .await
}

#[tauri::command]
pub async fn reschedule_promise(
    state: State<'_, AppState>,
    id: i64,
    due_at: DateTime<Utc>,
) -> Result<Promise, CoreError> {
    state
        .with_db(move |c| {
            remedies::reschedule_promise(c, id, due_at, &settings::operator(c)?, Utc::now())
        })
        .await
}

#[tauri::command]
pub async fn remedy_ledger(
    state: State<'_, AppState>,
    filter: LedgerFilter,
) -> Result<LedgerView, CoreError> {
    state
        .with_db(move |c| remedies::ledger_view(c, &filter, Utc::now()))
        .await
}

#[tauri::command]
pub async fn remedy_totals(
    state: State<'_, AppState>,
    query: TotalsQuery,
) -> Result<Totals, CoreError> {
    state
        .with_db(move |c| remedies::totals_for(c, &query, Utc::now()))
        .await
}

#[tauri::command]
pub async fn case_costs(
    state: State<'_, AppState>,
    case_ids: Vec<i64>,
) -> Result<Vec<CaseCost>, CoreError> {
    state
        .with_db(move |c| remedies::case_costs(c, &case_ids, Utc::now()))
        .await
}

/// Remedies not yet delivered and open promises on a case: what closing, resolving or
/// deleting it asks about first.
#[tauri::command]
pub async fn case_owed(state: State<'_, AppState>, case_id: i64) -> Result<Vec<Owed>, CoreError> {
    state
        .with_db(move |c| remedies::owed(c, &[case_id], settings::lang(c)?))
        .await
}

#[tauri::command]
pub async fn case_resolution(
    state: State<'_, AppState>,
    case_id: i64,
) -> Result<Resolution, CoreError> {
    state
        .with_db(move |c| remedies::resolution(c, case_id))
        .await
}

#[tauri::command]
pub async fn close_case(
    state: State<'_, AppState>,
    case_id: i64,
    outcome: Outcome,
    final_stars: Option<u8>,
    note: Option<String>,
) -> Result<Case, CoreError> {
    state
        .with_db(move |c| {
            let actor = settings::operator(c)?;
            remedies::close_case(
                c,
                case_id,
                outcome,
                final_stars,
                note.as_deref(),
                &actor,
                Utc::now(),
            )
        })
        .await
}

#[tauri::command]
pub async fn reopen_case(
    state: State<'_, AppState>,
    case_id: i64,
    to: CaseStatus,
    note: Option<String>,
) -> Result<Case, CoreError> {
    state
        .with_db(move |c| {
            let actor = settings::operator(c)?;
            remedies::reopen_case(c, case_id, to, note.as_deref(), &actor, Utc::now())
        })
        .await
}
