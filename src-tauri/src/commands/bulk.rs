//! Bulk actions over a selection of cases (the inbox's, the backlog's): preview for the
//! confirmation, then run.

use crate::state::AppState;
use chrono::Utc;
use haoping_core::bulk::{self, BulkAction, BulkPreview, BulkReport, BulkRequest};
use haoping_core::cases::CaseFilter;
use haoping_core::{settings, CoreError};
use tauri::State;

#[tauri::command]
pub async fn bulk_preview(
    state: State<'_, AppState>,
    selection: CaseFilter,
    action: BulkAction,
) -> Result<BulkPreview, CoreError> {
    state
        .with_db(move |c| bulk::preview(c, &selection, &action, Utc::now()))
        .await
}

#[tauri::command]
pub async fn bulk_run(
    state: State<'_, AppState>,
    request: BulkRequest,
) -> Result<BulkReport, CoreError> {
    state
        .with_db(move |c| bulk::run(c, &request, &settings::operator(c)?, Utc::now()))
        .await
}
