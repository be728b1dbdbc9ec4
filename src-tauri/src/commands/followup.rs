//! Follow-up (PLAYBOOK 4): the contact log, the Today screen, reminders and their rules.
//! Every write wakes the background scheduler (`AppState::with_db`), so a reminder it
//! changes is planned at once.

use crate::state::AppState;
use chrono::Utc;
use haoping_core::followup::{
    self, CallWindow, ContactAttempt, DueItem, FollowupRules, NewContact, ReplyWindow, SectionPage,
    SectionQuery, Snooze, TodayView,
};
use haoping_core::{cases, settings, CoreError};
use tauri::State;

#[tauri::command]
pub async fn log_contact(
    state: State<'_, AppState>,
    input: NewContact,
) -> Result<ContactAttempt, CoreError> {
    state
        .with_db(move |c| followup::log_contact(c, &input, &settings::operator(c)?, Utc::now()))
        .await
}

#[tauri::command]
pub async fn list_contacts(
    state: State<'_, AppState>,
    case_id: i64,
) -> Result<Vec<ContactAttempt>, CoreError> {
    state
        .with_db(move |c| followup::list_contacts(c, case_id))
        .await
}

#[tauri::command]
pub async fn today(state: State<'_, AppState>) -> Result<TodayView, CoreError> {
    state.with_db(|c| followup::today(c, Utc::now())).await
}

/// One page of a Today section ("show all", the screen's filters).
#[tauri::command]
pub async fn today_section(
    state: State<'_, AppState>,
    query: SectionQuery,
) -> Result<SectionPage, CoreError> {
    state
        .with_db(move |c| followup::today_section(c, &query, Utc::now()))
        .await
}

/// The platform windows still open on these cases (the inbox's countdowns).
#[tauri::command]
pub async fn reply_windows(
    state: State<'_, AppState>,
    case_ids: Vec<i64>,
) -> Result<Vec<ReplyWindow>, CoreError> {
    state
        .with_db(move |c| followup::reply_windows(c, &case_ids, Utc::now()))
        .await
}

#[tauri::command]
pub async fn case_reminders(
    state: State<'_, AppState>,
    case_id: i64,
) -> Result<Vec<DueItem>, CoreError> {
    state
        .with_db(move |c| followup::case_reminders(c, case_id, Utc::now()))
        .await
}

/// The call window open now for this case's buyer, or else the next one, placed in the
/// buyer's zone (the case's own, its shop's, or the default). None when no window is set.
#[tauri::command]
pub async fn case_call_window(
    state: State<'_, AppState>,
    case_id: i64,
) -> Result<Option<CallWindow>, CoreError> {
    state
        .with_db(move |c| {
            let case = cases::get(c, case_id)?;
            let rules = followup::load_rules(c)?;
            Ok(followup::window_at_or_after(
                Utc::now(),
                rules.zone_for(&case),
                &rules,
            ))
        })
        .await
}

#[tauri::command]
pub async fn snooze_reminder(
    state: State<'_, AppState>,
    id: i64,
    how: Snooze,
) -> Result<DueItem, CoreError> {
    state
        .with_db(move |c| followup::snooze(c, id, how, Utc::now()))
        .await
}

#[tauri::command]
pub async fn dismiss_reminder(state: State<'_, AppState>, id: i64) -> Result<DueItem, CoreError> {
    state
        .with_db(move |c| followup::dismiss(c, id, Utc::now()))
        .await
}

#[tauri::command]
pub async fn get_followup_rules(state: State<'_, AppState>) -> Result<FollowupRules, CoreError> {
    state.with_db(|c| followup::load_rules(c)).await
}

/// The playbook's rules as core ships them, for "reset to defaults" (nothing is saved).
#[tauri::command]
pub fn default_followup_rules() -> FollowupRules {
    FollowupRules::default()
}

#[tauri::command]
pub async fn save_followup_rules(
    state: State<'_, AppState>,
    rules: FollowupRules,
) -> Result<FollowupRules, CoreError> {
    state
        .with_db(move |c| followup::save_rules(c, &rules))
        .await
}
