//! Settings → 数据与备份, the sidebar's backup warning, the whole-shop archive, and the
//! way out of a database that cannot be opened at start. Every step is a core function;
//! the file and folder dialogs open here, in Rust, so the webview needs no dialog or
//! file-system permission of its own.

use crate::state::AppState;
use chrono::Utc;
use haoping_core::backup::{
    self, ArchiveReport, BackupInfo, BackupReason, BackupStatus, RestoreReport,
};
use haoping_core::{settings, CoreError};
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

fn shell_error(what: &str, e: impl std::fmt::Display) -> CoreError {
    CoreError::Io(std::io::Error::other(format!("{what}: {e}")))
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, CoreError> + Send + 'static,
) -> Result<T, CoreError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| shell_error("background task failed", e))?
}

/// The owner's language for dialog titles; English when the database cannot tell.
async fn english(state: &AppState) -> bool {
    state
        .with_db(|c| Ok(settings::load(c)?.language == "en"))
        .await
        .unwrap_or(false)
}

fn typed(path: Option<String>) -> Option<PathBuf> {
    path.map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
}

/// The backup every bulk change makes first; a database without cases has nothing to
/// lose and is not backed up.
pub fn back_up_before(
    conn: &haoping_core::db::Connection,
    data_dir: &Path,
    reason: BackupReason,
) -> Result<(), CoreError> {
    if haoping_core::cases::count(conn)? > 0 {
        backup::create(conn, data_dir, reason, Utc::now())?;
    }
    Ok(())
}

/// The backup status; an app without cases yet has nothing to warn about.
#[tauri::command]
pub async fn backup_status(state: State<'_, AppState>) -> Result<BackupStatus, CoreError> {
    let data_dir = state.data_dir.clone();
    let mut status = blocking(move || backup::status(&data_dir, Utc::now())).await?;
    let has_cases = state
        .with_db(|c| Ok(haoping_core::cases::count(c)? > 0))
        .await
        .unwrap_or(true);
    status.stale &= has_cases;
    Ok(status)
}

#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> Result<Vec<BackupInfo>, CoreError> {
    let data_dir = state.data_dir.clone();
    blocking(move || backup::list(&data_dir)).await
}

/// "立即备份".
#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> Result<BackupInfo, CoreError> {
    let data_dir = state.data_dir.clone();
    state
        .with_db(move |c| backup::create(c, &data_dir, BackupReason::Manual, Utc::now()))
        .await
}

/// "打开文件夹": the backup folder in the system's file manager.
#[tauri::command]
pub async fn open_backup_folder(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<(), CoreError> {
    let dir = backup::resolve(&state.data_dir).dir;
    std::fs::create_dir_all(&dir)?;
    app.opener()
        .open_path(dir.to_string_lossy(), None::<&str>)
        .map_err(|e| shell_error("cannot open the folder", e))
}

/// "更换备份位置": the folder typed, else one picked in the folder dialog (`None`
/// when the owner cancels); `reset` goes back to the default folder.
#[tauri::command]
pub async fn choose_backup_folder(
    app: AppHandle,
    state: State<'_, AppState>,
    path: Option<String>,
    reset: bool,
) -> Result<Option<BackupStatus>, CoreError> {
    let data_dir = state.data_dir.clone();
    let chosen = if reset {
        None
    } else {
        match typed(path) {
            Some(p) => Some(p),
            None => {
                let en = english(&state).await;
                match pick_folder(
                    &app,
                    if en {
                        "Where backups go"
                    } else {
                        "备份存放位置"
                    },
                )
                .await?
                {
                    Some(p) => Some(p),
                    None => return Ok(None),
                }
            }
        }
    };
    blocking(move || {
        backup::choose_location(&data_dir, chosen.as_deref())?;
        backup::status(&data_dir, Utc::now())
    })
    .await
    .map(Some)
}

/// The owner has read the "backups went to the default folder" notice.
#[tauri::command]
pub async fn acknowledge_backup_notice(state: State<'_, AppState>) -> Result<(), CoreError> {
    let data_dir = state.data_dir.clone();
    blocking(move || backup::acknowledge_fallback(&data_dir)).await
}

/// "从备份恢复": a backup from the list (`path`), or a file picked in the dialog
/// (`None` when the owner cancels). The current database is backed up first; the UI
/// reloads afterwards.
#[tauri::command]
pub async fn restore_backup(
    app: AppHandle,
    state: State<'_, AppState>,
    path: Option<String>,
) -> Result<Option<RestoreReport>, CoreError> {
    let source = match typed(path) {
        Some(p) => p,
        None => {
            let en = english(&state).await;
            let title = if en {
                "Restore from a backup"
            } else {
                "从备份恢复"
            };
            let start = backup::resolve(&state.data_dir).dir;
            match pick_file(
                &app,
                title,
                &start,
                ("SQLite", &["db", "sqlite", "sqlite3"]),
            )
            .await?
            {
                Some(p) => p,
                None => return Ok(None),
            }
        }
    };
    let db_path = state.current_db_path();
    let report = blocking(move || backup::restore(&db_path, &source, Utc::now())).await?;
    reopen_if_closed(&state)?;
    // A copy made while an import's cases waited for the search index still has them.
    crate::search_index::catch_up(&app);
    Ok(Some(report))
}

/// The start screen's "restore the newest good backup".
#[tauri::command]
pub async fn restore_newest_backup(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<RestoreReport, CoreError> {
    let db_path = state.current_db_path();
    let report = blocking(move || backup::restore_newest(&db_path, Utc::now())).await?;
    state.reopen(&state.current_db_path())?;
    crate::search_index::catch_up(&app);
    Ok(report)
}

/// The start screen's "open another file": a Haoping database the owner picks becomes
/// the one the app works on until it quits. `None` when the owner cancels.
#[tauri::command]
pub async fn open_database_file(
    app: AppHandle,
    state: State<'_, AppState>,
    path: Option<String>,
) -> Result<Option<String>, CoreError> {
    let file = match typed(path) {
        Some(p) => p,
        None => {
            let start = state.data_dir.clone();
            match pick_file(
                &app,
                "打开数据库 / Open a database",
                &start,
                ("SQLite", &["db", "sqlite", "sqlite3"]),
            )
            .await?
            {
                Some(p) => p,
                None => return Ok(None),
            }
        }
    };
    if !file.is_file() {
        return Err(haoping_core::db::missing(&file));
    }
    let check = file.clone();
    blocking(move || haoping_core::storage::open_existing(&check).map(drop)).await?;
    state.reopen(&file)?;
    crate::search_index::catch_up(&app);
    Ok(Some(file.display().to_string()))
}

/// The start screen's "quit".
#[tauri::command]
pub fn quit_app(app: AppHandle) {
    app.exit(0);
}

/// "导出整个店铺": to the path typed, else where the save dialog says (`None` when the
/// owner cancels).
#[tauri::command]
pub async fn export_shop(
    app: AppHandle,
    state: State<'_, AppState>,
    path: Option<String>,
) -> Result<Option<ArchiveReport>, CoreError> {
    let target = match typed(path) {
        Some(p) => p,
        None => {
            let en = english(&state).await;
            let name = format!(
                "{}-{}.{}",
                if en { "shop" } else { "店铺" },
                Utc::now().format("%Y%m%d"),
                backup::ARCHIVE_EXTENSION
            );
            match save_file(
                &app,
                if en {
                    "Export the whole shop"
                } else {
                    "导出整个店铺"
                },
                name,
            )
            .await?
            {
                Some(p) => p,
                None => return Ok(None),
            }
        }
    };
    let data_dir = state.data_dir.clone();
    state
        .with_db(move |c| backup::export_shop(c, &data_dir, &target, Utc::now()))
        .await
        .map(Some)
}

/// "导入店铺": into this (empty) app; the archive is checked in full before anything
/// is written. `None` when the owner cancels the dialog.
#[tauri::command]
pub async fn import_shop(
    app: AppHandle,
    state: State<'_, AppState>,
    path: Option<String>,
) -> Result<Option<ArchiveReport>, CoreError> {
    let archive = match typed(path) {
        Some(p) => p,
        None => {
            let en = english(&state).await;
            let docs = documents().unwrap_or_else(|| state.data_dir.clone());
            let filter = (
                if en { "Haoping shop" } else { "好评店铺" },
                &[backup::ARCHIVE_EXTENSION][..],
            );
            match pick_file(
                &app,
                if en { "Import a shop" } else { "导入店铺" },
                &docs,
                filter,
            )
            .await?
            {
                Some(p) => p,
                None => return Ok(None),
            }
        }
    };
    let db_path = state.current_db_path();
    let report = blocking(move || backup::import_shop(&db_path, &archive, Utc::now())).await?;
    reopen_if_closed(&state)?;
    crate::search_index::catch_up(&app);
    Ok(Some(report))
}

/// After a restore or import over a database that could not be opened, open the new one.
fn reopen_if_closed(state: &AppState) -> Result<(), CoreError> {
    if state.startup_error().is_some() {
        state.reopen(&state.current_db_path())?;
    }
    Ok(())
}

// The dialogs. Blocking calls run off the async runtime; the window is their parent.

fn documents() -> Option<PathBuf> {
    let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"))?;
    let docs = PathBuf::from(home).join("Documents");
    docs.is_dir().then_some(docs)
}

async fn pick_file(
    app: &AppHandle,
    title: &str,
    start: &Path,
    filter: (&str, &[&str]),
) -> Result<Option<PathBuf>, CoreError> {
    let mut dialog = app
        .dialog()
        .file()
        .set_title(title)
        .add_filter(filter.0, filter.1);
    if start.is_dir() {
        dialog = dialog.set_directory(start);
    }
    if let Some(w) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&w);
    }
    let picked = blocking(move || Ok(dialog.blocking_pick_file())).await?;
    picked
        .map(|p| {
            p.into_path()
                .map_err(|e| shell_error("not a local file", e))
        })
        .transpose()
}

async fn pick_folder(app: &AppHandle, title: &str) -> Result<Option<PathBuf>, CoreError> {
    let mut dialog = app.dialog().file().set_title(title);
    if let Some(w) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&w);
    }
    let picked = blocking(move || Ok(dialog.blocking_pick_folder())).await?;
    picked
        .map(|p| {
            p.into_path()
                .map_err(|e| shell_error("not a local folder", e))
        })
        .transpose()
}

async fn save_file(
    app: &AppHandle,
    title: &str,
    file_name: String,
) -> Result<Option<PathBuf>, CoreError> {
    let mut dialog = app
        .dialog()
        .file()
        .set_title(title)
        .set_file_name(file_name)
        .add_filter("Haoping", &[backup::ARCHIVE_EXTENSION]);
    if let Some(dir) = documents() {
        dialog = dialog.set_directory(dir);
    }
    if let Some(w) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&w);
    }
    let picked = blocking(move || Ok(dialog.blocking_save_file())).await?;
    picked
        .map(|p| {
            p.into_path()
                .map_err(|e| shell_error("not a local file", e))
        })
        .transpose()
}
