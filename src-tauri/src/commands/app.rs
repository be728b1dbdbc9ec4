use crate::state::AppState;
use chrono::Utc;
use haoping_core::startup::StartupStatus;
use haoping_core::{cases, demo, CoreError};
use tauri::State;

#[tauri::command]
pub fn startup_status(state: State<'_, AppState>) -> StartupStatus {
    StartupStatus {
        error: state.startup_error(),
        db_path: state.current_db_path().display().to_string(),
        dev: cfg!(debug_assertions),
    }
}

/// Loads the demo shop; refused once the owner has cases of their own.
#[tauri::command]
pub async fn load_demo(state: State<'_, AppState>) -> Result<usize, CoreError> {
    state
        .with_db(|c| {
            if cases::count(c)? > 0 {
                return Err(CoreError::validation(
                    "demo.not_empty",
                    "db",
                    "the database already holds cases",
                ));
            }
            demo::load(c, Utc::now())
        })
        .await
}

/// Whether Haoping starts (in the tray) when the owner logs in.
#[tauri::command]
pub fn get_autostart(app: tauri::AppHandle) -> Result<bool, CoreError> {
    use tauri_plugin_autostart::ManagerExt;
    app.autolaunch()
        .is_enabled()
        .map_err(|e| CoreError::Unavailable(format!("autostart: {e}")))
}

#[tauri::command]
pub fn set_autostart(app: tauri::AppHandle, enabled: bool) -> Result<bool, CoreError> {
    use tauri_plugin_autostart::ManagerExt;
    let manager = app.autolaunch();
    let result = if enabled {
        manager.enable()
    } else {
        manager.disable()
    };
    result.map_err(|e| CoreError::Unavailable(format!("autostart: {e}")))?;
    Ok(enabled)
}
