//! Drafts: the three drafts of a case, the live checker, copying to the clipboard (logged
//! on the case), and the owner's template library.

use crate::state::AppState;
use chrono::Utc;
use haoping_core::cases::{CaseEvent, Platform};
use haoping_core::drafts::{
    self, Channel, Draft, DraftPrefs, Finding, NewTemplate, TemplateEntry, TemplateFilter,
    TemplateProblem, TemplateVariable,
};
use haoping_core::{CoreError, Lang};
use tauri::{AppHandle, State};
use tauri_plugin_clipboard_manager::ClipboardExt;

#[tauri::command]
pub async fn drafts_for_case(
    state: State<'_, AppState>,
    case_id: i64,
    lang: Option<Lang>,
    variant_seed: Option<u32>,
) -> Result<Vec<Draft>, CoreError> {
    state
        .with_db(move |c| drafts::drafts_for_case(c, case_id, lang, variant_seed))
        .await
}

#[tauri::command]
pub async fn draft_for_channel(
    state: State<'_, AppState>,
    case_id: i64,
    channel: Channel,
    lang: Option<Lang>,
    variant_seed: Option<u32>,
) -> Result<Draft, CoreError> {
    state
        .with_db(move |c| drafts::draft_for_channel(c, case_id, channel, lang, variant_seed))
        .await
}

/// The live checker on what the owner types, with the case's own facts.
#[tauri::command]
pub async fn check_draft(
    state: State<'_, AppState>,
    case_id: i64,
    channel: Channel,
    lang: Lang,
    text: String,
) -> Result<Vec<Finding>, CoreError> {
    state
        .with_db(move |c| drafts::check_for_case(c, case_id, &text, channel, lang))
        .await
}

/// Checks, copies to the system clipboard, then logs the copy on the case. Blocked text
/// never reaches the clipboard; a clipboard failure logs nothing.
#[tauri::command]
pub async fn copy_draft(
    app: AppHandle,
    state: State<'_, AppState>,
    case_id: i64,
    channel: Channel,
    lang: Lang,
    variant: u32,
    text: String,
) -> Result<CaseEvent, CoreError> {
    state
        .with_db(move |c| {
            drafts::ensure_sendable(c, case_id, channel, lang, &text)?;
            app.clipboard().write_text(text.as_str()).map_err(|e| {
                CoreError::validation("drafts.clipboard_unavailable", "clipboard", e.to_string())
            })?;
            drafts::record_copy(c, case_id, channel, variant, &text, Utc::now())
        })
        .await
}

#[tauri::command]
pub async fn preview_template(
    state: State<'_, AppState>,
    case_id: i64,
    channel: Channel,
    lang: Lang,
    body: String,
) -> Result<Draft, CoreError> {
    state
        .with_db(move |c| drafts::preview_template(c, case_id, channel, lang, &body))
        .await
}

#[tauri::command]
pub async fn list_templates(
    state: State<'_, AppState>,
    filter: TemplateFilter,
) -> Result<Vec<TemplateEntry>, CoreError> {
    state
        .with_db(move |c| drafts::list_templates(c, &filter))
        .await
}

#[tauri::command]
pub async fn save_template(
    state: State<'_, AppState>,
    key: String,
    body: String,
) -> Result<TemplateEntry, CoreError> {
    state
        .with_db(move |c| drafts::save_template(c, &key, &body, Utc::now()))
        .await
}

#[tauri::command]
pub async fn add_template(
    state: State<'_, AppState>,
    template: NewTemplate,
) -> Result<TemplateEntry, CoreError> {
    state
        .with_db(move |c| drafts::add_template(c, &template, Utc::now()))
        .await
}

#[tauri::command]
pub async fn reset_template(
    state: State<'_, AppState>,
    key: String,
) -> Result<TemplateEntry, CoreError> {
    state
        .with_db(move |c| drafts::reset_template(c, &key))
        .await
}

#[tauri::command]
pub async fn set_template_enabled(
    state: State<'_, AppState>,
    key: String,
    enabled: bool,
) -> Result<TemplateEntry, CoreError> {
    state
        .with_db(move |c| drafts::set_template_enabled(c, &key, enabled, Utc::now()))
        .await
}

#[tauri::command]
pub async fn delete_template(state: State<'_, AppState>, key: String) -> Result<(), CoreError> {
    state
        .with_db(move |c| drafts::delete_template(c, &key))
        .await
}

/// Called on every keystroke in the editor: async so it never runs on the main thread.
#[tauri::command]
pub async fn validate_template(body: String) -> Vec<TemplateProblem> {
    drafts::validate_template(&body)
}

#[tauri::command]
pub fn template_variables() -> Vec<TemplateVariable> {
    drafts::template_variables()
}

/// Each platform's limit for public replies, for the template editor.
#[tauri::command]
pub fn reply_caps() -> Vec<(Platform, u32)> {
    Platform::ALL
        .iter()
        .map(|&p| (p, drafts::public_reply_cap(p)))
        .collect()
}

#[tauri::command]
pub async fn get_draft_prefs(state: State<'_, AppState>) -> Result<DraftPrefs, CoreError> {
    state.with_db(|c| drafts::get_prefs(c)).await
}

#[tauri::command]
pub async fn save_draft_prefs(
    state: State<'_, AppState>,
    prefs: DraftPrefs,
) -> Result<DraftPrefs, CoreError> {
    state.with_db(move |c| drafts::save_prefs(c, &prefs)).await
}
