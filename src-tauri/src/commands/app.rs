use crate::state::AppState;
use crate::{first_screen, startup_log};
use chrono::Utc;
use haoping_core::startup::{self, AppStart, StartupStatus};
use haoping_core::{cases, demo, CoreError};
use tauri::{AppHandle, State};

/// The window's first question, answered in one round trip: how the app started, the
/// settings and the start screen's data.
#[tauri::command]
pub async fn app_start(app: AppHandle, state: State<'_, AppState>) -> Result<AppStart, CoreError> {
    let status = StartupStatus {
        error: state.startup_error(),
        db_path: state.current_db_path().display().to_string(),
        dev: cfg!(debug_assertions),
    };
    let answer = if status.error.is_some() {
        Ok(AppStart {
            status,
            first_screen: None,
        })
    } else {
        state
            .with_db(|c| startup::first_screen(c, Utc::now()))
            .await
            .map(|first| AppStart {
                status,
                first_screen: Some(first),
            })
    };
    startup_log::mark("first screen served");
    startup_log::report();
    first_screen::served(&app);
    answer
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
