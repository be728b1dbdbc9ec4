//! AI drafting: the endpoint settings (the key is write-only: set or cleared, never read
//! back), a connection test, and drafts streamed to the window as `ai://chunk` events.
//! Editing, checking and copying an AI draft use the drafts commands (`check_draft`,
//! `copy_draft`), exactly like a template draft. On request, the endpoint also labels a
//! case (`ai_triage_case`).

use crate::state::AppState;
use haoping_core::drafts::ai::{
    self, AiChunk, AiDraft, AiSettings, AiStatus, AiTestResult, KeyUpdate, OsKeychain,
};
use haoping_core::drafts::Channel;
use haoping_core::triage::AiTriage;
use haoping_core::CoreError;
use haoping_core::Lang;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tauri::{AppHandle, Emitter, State};

/// Event carrying an `AiChunk` for each piece of a draft as the model writes it.
pub const CHUNK_EVENT: &str = "ai://chunk";

/// The keychain entry (the development build keeps its own, like its data directory) and
/// the stop flags of running generations, by the UI's request number.
pub struct AiControl {
    keychain: OsKeychain,
    running: Mutex<HashMap<u32, Arc<AtomicBool>>>,
}

impl Default for AiControl {
    fn default() -> Self {
        AiControl {
            keychain: OsKeychain::new(cfg!(debug_assertions)),
            running: Mutex::new(HashMap::new()),
        }
    }
}

/// Frees a generation's stop flag however it ends.
struct Running<'a> {
    control: &'a AiControl,
    request: u32,
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        if let Ok(mut m) = self.control.running.lock() {
            m.remove(&self.request);
        }
    }
}

impl AiControl {
    fn begin(&self, request: u32) -> (Running<'_>, Arc<AtomicBool>) {
        let flag = Arc::new(AtomicBool::new(false));
        if let Ok(mut m) = self.running.lock() {
            m.insert(request, Arc::clone(&flag));
        }
        (
            Running {
                control: self,
                request,
            },
            flag,
        )
    }
}

fn task_failed(e: impl std::fmt::Display) -> CoreError {
    CoreError::Unavailable(format!("background task failed: {e}"))
}

/// The settings and whether a key is stored (never the key). The keychain is asked on
/// the blocking pool: it may wait on the OS.
#[tauri::command]
pub async fn ai_status(
    state: State<'_, AppState>,
    control: State<'_, AiControl>,
) -> Result<AiStatus, CoreError> {
    let keychain = control.keychain.clone();
    state.with_db(move |c| ai::status(c, &keychain)).await
}

#[tauri::command]
pub async fn ai_save_settings(
    state: State<'_, AppState>,
    control: State<'_, AiControl>,
    settings: AiSettings,
    key: KeyUpdate,
) -> Result<AiStatus, CoreError> {
    let keychain = control.keychain.clone();
    state
        .with_db(move |c| ai::save_settings(c, &keychain, &settings, &key))
        .await
}

/// Tests the settings as they are in the form, saved or not; stores nothing.
#[tauri::command]
pub async fn ai_test_connection(
    control: State<'_, AiControl>,
    settings: AiSettings,
    key: KeyUpdate,
) -> Result<AiTestResult, CoreError> {
    let keychain = control.keychain.clone();
    tauri::async_runtime::spawn_blocking(move || {
        ai::test_connection(&ai::resolve_endpoint(&settings, &keychain, &key)?)
    })
    .await
    .map_err(task_failed)?
}

/// Writes a draft for a case with the saved endpoint, emitting `ai://chunk` as the text
/// arrives; the result is the cleaned, checked draft. The database is only used to
/// prepare the prompt, not held while the model writes.
#[tauri::command]
pub async fn ai_generate(
    app: AppHandle,
    state: State<'_, AppState>,
    control: State<'_, AiControl>,
    request: u32,
    case_id: i64,
    channel: Channel,
    lang: Option<Lang>,
) -> Result<AiDraft, CoreError> {
    let keychain = control.keychain.clone();
    let (endpoint, prepared) = state
        .with_db(move |c| {
            Ok((
                ai::endpoint(c, &keychain)?,
                ai::prepare(c, case_id, channel, lang)?,
            ))
        })
        .await?;
    let (_running, stop) = control.begin(request);
    tauri::async_runtime::spawn_blocking(move || {
        ai::complete_streaming(&endpoint, &prepared, &mut |delta| {
            if stop.load(Ordering::SeqCst) {
                return false;
            }
            let chunk = AiChunk {
                request,
                delta: delta.to_string(),
            };
            if let Err(e) = app.emit(CHUNK_EVENT, chunk) {
                log::warn!("cannot send an AI draft piece: {e}");
            }
            true
        })
    })
    .await
    .map_err(task_failed)?
}

/// Asks the saved endpoint to label a case (on the owner's request). Never fails for the
/// endpoint's sake: when it fails or answers nonsense, the case's own labels come back
/// with the reason. Nothing is stored; the owner applies the labels as a correction.
#[tauri::command]
pub async fn ai_triage_case(
    state: State<'_, AppState>,
    control: State<'_, AiControl>,
    case_id: i64,
) -> Result<AiTriage, CoreError> {
    let keychain = control.keychain.clone();
    let (endpoint, request) = state
        .with_db(move |c| Ok((ai::endpoint(c, &keychain)?, ai::prepare_triage(c, case_id)?)))
        .await?;
    tauri::async_runtime::spawn_blocking(move || ai::ask_triage(&endpoint, &request))
        .await
        .map_err(task_failed)
}

/// Asks a running generation to stop at its next piece; true when it was running.
#[tauri::command]
pub fn ai_cancel(control: State<'_, AiControl>, request: u32) -> bool {
    control
        .running
        .lock()
        .ok()
        .and_then(|m| m.get(&request).map(|f| f.store(true, Ordering::SeqCst)))
        .is_some()
}
