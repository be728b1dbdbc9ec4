use crate::state::AppState;
use haoping_core::settings::{self, Settings};
use haoping_core::CoreError;
use tauri::State;

// The settings are read with the window's first question (`app::app_start`).

#[tauri::command]
pub async fn save_settings(
    state: State<'_, AppState>,
    settings: Settings,
) -> Result<Settings, CoreError> {
    state.with_db(move |c| settings::save(c, &settings)).await
}
