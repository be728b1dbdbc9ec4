use crate::state::AppState;
use chrono::Utc;
use haoping_core::cases::{
    self, Case, CaseDetail, CaseEvent, CaseFilter, CasePage, CaseStatus, Cause, NewCase,
};
use haoping_core::{intake, settings, CoreError};
use tauri::State;

#[tauri::command]
pub async fn list_cases(
    state: State<'_, AppState>,
    filter: CaseFilter,
) -> Result<CasePage, CoreError> {
    state.with_db(move |c| cases::list(c, &filter)).await
}

#[tauri::command]
pub async fn get_case(state: State<'_, AppState>, id: i64) -> Result<CaseDetail, CoreError> {
    state.with_db(move |c| cases::detail(c, id)).await
}

#[tauri::command]
pub async fn create_case(state: State<'_, AppState>, input: NewCase) -> Result<Case, CoreError> {
    state
        .with_db(move |c| intake::add_case(c, &input, &settings::operator(c)?, Utc::now()))
        .await
}

#[tauri::command]
pub async fn set_case_status(
    state: State<'_, AppState>,
    id: i64,
    status: CaseStatus,
    note: Option<String>,
) -> Result<Case, CoreError> {
    state
        .with_db(move |c| {
            cases::set_status(
                c,
                id,
                status,
                note.as_deref(),
                &settings::operator(c)?,
                Utc::now(),
            )
        })
        .await
}

#[tauri::command]
pub async fn add_case_note(
    state: State<'_, AppState>,
    id: i64,
    note: String,
) -> Result<CaseEvent, CoreError> {
    state
        .with_db(move |c| cases::add_note(c, id, &note, &settings::operator(c)?, Utc::now()))
        .await
}

#[tauri::command]
pub async fn set_case_labels(
    state: State<'_, AppState>,
    id: i64,
    primary: Cause,
    causes: Vec<Cause>,
    severity: u8,
) -> Result<Case, CoreError> {
    state
        .with_db(move |c| {
            cases::set_labels(
                c,
                id,
                primary,
                &causes,
                severity,
                &settings::operator(c)?,
                Utc::now(),
            )
        })
        .await
}
