use crate::state::AppState;
use haoping_core::settings::{self, Settings};
use haoping_core::CoreError;
use tauri::State;

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Result<Settings, CoreError> {
    state.with_db(|c| settings::load(c)).await
}

#[tauri::command]
pub async fn save_settings(
    state: State<'_, AppState>,
    settings: Settings,
) -> Result<Settings, CoreError> {
    state.with_db(move |c| settings::save(c, &settings)).await
}
