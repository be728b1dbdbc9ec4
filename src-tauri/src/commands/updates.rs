use crate::updates;
use haoping_core::updates::{UpdateCheck, UpdatePrefs, UpdateStatus};
use haoping_core::CoreError;
use tauri::AppHandle;

/// The version, whether updates are set up, the preferences and any update found earlier.
#[tauri::command]
pub fn update_status(app: AppHandle) -> UpdateStatus {
    updates::status(&app)
}

#[tauri::command]
pub async fn check_for_update(app: AppHandle) -> Result<UpdateCheck, CoreError> {
    updates::check(&app).await
}

/// Installs the update the last check found and restarts into it.
#[tauri::command]
pub async fn install_update(app: AppHandle) -> Result<(), CoreError> {
    updates::install(&app).await
}

#[tauri::command]
pub fn set_update_auto_check(app: AppHandle, enabled: bool) -> Result<UpdatePrefs, CoreError> {
    updates::set_auto_check(&app, enabled)
}
