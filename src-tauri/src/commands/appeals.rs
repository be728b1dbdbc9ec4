//! Appeals against malicious or misattributed reviews and their evidence files (PLAYBOOK 6).
//! File dialogs and "open with the default app" happen here, in Rust, so the webview needs
//! no dialog, file-system or opener permission of its own.

use crate::dialogs;
use crate::state::AppState;
use chrono::Utc;
use haoping_core::appeals::{
    self, Appeal, AppealInput, AppealStatus, AppealStatusChange, Evidence, PacketReport,
};
use haoping_core::{settings, CoreError};
use std::path::PathBuf;
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

fn shell_error(what: &str, e: impl std::fmt::Display) -> CoreError {
    CoreError::Io(std::io::Error::other(format!("{what}: {e}")))
}

#[tauri::command]
pub async fn list_appeals(
    state: State<'_, AppState>,
    case_id: Option<i64>,
) -> Result<Vec<Appeal>, CoreError> {
    state
        .with_db(move |c| appeals::list_appeals(c, case_id, Utc::now()))
        .await
}

#[tauri::command]
pub async fn create_appeal(
    state: State<'_, AppState>,
    case_id: i64,
    input: AppealInput,
) -> Result<Appeal, CoreError> {
    state
        .with_db(move |c| {
            appeals::create_appeal(c, case_id, &input, &settings::operator(c)?, Utc::now())
        })
        .await
}

#[tauri::command]
pub async fn set_appeal_status(
    state: State<'_, AppState>,
    id: i64,
    status: AppealStatus,
    change: AppealStatusChange,
) -> Result<Appeal, CoreError> {
    state
        .with_db(move |c| {
            let actor = settings::operator(c)?;
            appeals::set_appeal_status(c, id, status, &change, &actor, Utc::now())
        })
        .await
}

#[tauri::command]
pub async fn list_evidence(
    state: State<'_, AppState>,
    appeal_id: i64,
) -> Result<Vec<Evidence>, CoreError> {
    state
        .with_db(move |c| appeals::list_evidence(c, appeal_id))
        .await
}

/// Attaches one file (dropped on the window or picked in the dialog); the UI calls it once
/// per file so each can succeed or fail on its own.
#[tauri::command]
pub async fn add_evidence(
    state: State<'_, AppState>,
    appeal_id: i64,
    path: PathBuf,
) -> Result<Evidence, CoreError> {
    let data_dir = state.data_dir.clone();
    state
        .with_db(move |c| {
            let actor = settings::operator(c)?;
            appeals::add_evidence(c, &data_dir, appeal_id, &path, &actor, Utc::now())
        })
        .await
}

#[tauri::command]
pub async fn remove_evidence(
    state: State<'_, AppState>,
    evidence_id: i64,
) -> Result<(), CoreError> {
    let data_dir = state.data_dir.clone();
    state
        .with_db(move |c| {
            let actor = settings::operator(c)?;
            appeals::remove_evidence(c, &data_dir, evidence_id, &actor, Utc::now())
        })
        .await
}

/// The file dialog for evidence; an empty list when the owner cancels.
#[tauri::command]
pub async fn pick_evidence_files(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Vec<PathBuf>, CoreError> {
    let lang = dialogs::owner_lang(&state).await?;
    dialogs::pick_files(&app, dialogs::Open::Evidence, lang).await
}

/// Opens the stored copy with the system's default app for its type.
#[tauri::command]
pub async fn open_evidence(
    app: AppHandle,
    state: State<'_, AppState>,
    evidence_id: i64,
) -> Result<(), CoreError> {
    let data_dir = state.data_dir.clone();
    let path = state
        .with_db(move |c| appeals::evidence_path(c, &data_dir, evidence_id))
        .await?;
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|e| shell_error("cannot open the file", e))
}

/// Shows the stored copy in the system's file manager.
#[tauri::command]
pub async fn reveal_evidence(
    app: AppHandle,
    state: State<'_, AppState>,
    evidence_id: i64,
) -> Result<(), CoreError> {
    let data_dir = state.data_dir.clone();
    let path = state
        .with_db(move |c| appeals::evidence_path(c, &data_dir, evidence_id))
        .await?;
    app.opener()
        .reveal_item_in_dir(path)
        .map_err(|e| shell_error("cannot show the file", e))
}

/// Asks where to save the appeal packet and writes it there; `None` when the owner cancels.
#[tauri::command]
pub async fn export_appeal_packet(
    app: AppHandle,
    state: State<'_, AppState>,
    appeal_id: i64,
) -> Result<Option<PacketReport>, CoreError> {
    let (lang, case_id) = state
        .with_db(move |c| {
            let appeal = appeals::get_appeal(c, appeal_id, Utc::now())?;
            Ok((settings::lang(c)?, appeal.case_id))
        })
        .await?;
    let save_as = dialogs::SaveAs::AppealPacket { case_id, appeal_id };
    let Some(dest) = dialogs::save_file(&app, &save_as, lang).await? else {
        return Ok(None);
    };
    let data_dir = state.data_dir.clone();
    state
        .with_db(move |c| {
            appeals::export_packet(c, &data_dir, appeal_id, &dest, lang, Utc::now()).map(Some)
        })
        .await
}
