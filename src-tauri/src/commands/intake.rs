//! Intake: file choice, preview, imports with streamed progress and cancel, rejected
//! rows, saved column mappings, pasted reviews. Dialogs open from Rust, so the webview
//! needs no dialog permission and cannot pick where files are written.

use crate::dialogs;
use crate::state::AppState;
use chrono::Utc;
use haoping_core::cases::{Case, NewCase};
use haoping_core::intake::{
    self, ColumnMapping, ImportOptions, ImportReport, PastedReview, PresetInfo, Preview,
    SavedMapping,
};
use haoping_core::{settings, CoreError};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tauri::{AppHandle, Emitter, State};

/// Event carrying an `ImportProgress` every few hundred rows of a running import.
pub const PROGRESS_EVENT: &str = "intake://progress";

#[derive(Default)]
struct Flags {
    running: AtomicBool,
    cancel: AtomicBool,
}

/// One import (or dry run) at a time; `cancel_import` asks the running one to stop.
#[derive(Default)]
pub struct ImportControl(Arc<Flags>);

/// Held while an import runs; frees the slot however the import ends.
struct Running(Arc<Flags>);

impl Drop for Running {
    fn drop(&mut self) {
        self.0.running.store(false, Ordering::SeqCst);
    }
}

impl ImportControl {
    fn begin(&self) -> Result<Running, CoreError> {
        self.0
            .running
            .compare_exchange(false, true, Ordering::SeqCst, Ordering::SeqCst)
            .map_err(|_| {
                CoreError::validation(
                    "intake.busy",
                    "import",
                    "another import is running; wait for it or cancel it",
                )
            })?;
        self.0.cancel.store(false, Ordering::SeqCst);
        Ok(Running(Arc::clone(&self.0)))
    }

    /// Whether an import is writing right now (an update waits for it).
    pub fn is_running(&self) -> bool {
        self.0.running.load(Ordering::SeqCst)
    }
}

fn file_path(path: &str) -> PathBuf {
    PathBuf::from(path.trim())
}

/// Opens the system file dialog; `None` when the owner closes it.
#[tauri::command]
pub async fn choose_import_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<String>, CoreError> {
    let lang = dialogs::owner_lang(&state).await?;
    let picked = dialogs::pick_file(&app, dialogs::Open::ReviewExport, lang).await?;
    Ok(picked.map(|p| p.display().to_string()))
}

#[tauri::command]
pub async fn preview_import(
    state: State<'_, AppState>,
    path: String,
    options: ImportOptions,
) -> Result<Preview, CoreError> {
    state
        .with_db(move |c| intake::preview(c, &file_path(&path), &options, Utc::now()))
        .await
}

/// Runs an import (or, with `options.dry_run`, counts one) on its own connection,
/// emitting `intake://progress`; the report is the result. Nothing is written unless
/// it completes.
#[tauri::command]
pub async fn start_import(
    app: AppHandle,
    state: State<'_, AppState>,
    control: State<'_, ImportControl>,
    path: String,
    mut options: ImportOptions,
) -> Result<ImportReport, CoreError> {
    let running = control.begin()?;
    let data_dir = state.data_dir.clone();
    let dry_run = options.dry_run;
    let indexer = app.clone();
    let report = state
        .with_db(move |c| {
            options.actor = settings::operator(c)?;
            if !options.dry_run {
                crate::commands::backup::back_up_before(
                    c,
                    &data_dir,
                    haoping_core::backup::BackupReason::BeforeImport,
                )?;
            }
            let flags = &running.0;
            intake::import(c, &file_path(&path), &options, Utc::now(), &mut |p| {
                if let Err(e) = app.emit(PROGRESS_EVENT, p) {
                    log::warn!("cannot send import progress: {e}");
                }
                !flags.cancel.load(Ordering::SeqCst)
            })
        })
        .await?;
    if !dry_run && report.new > 0 {
        crate::search_index::catch_up(&indexer);
    }
    Ok(report)
}

/// Asks the running import to stop; true when one was running.
#[tauri::command]
pub fn cancel_import(control: State<'_, ImportControl>) -> bool {
    let running = control.0.running.load(Ordering::SeqCst);
    if running {
        control.0.cancel.store(true, Ordering::SeqCst);
    }
    running
}

/// Asks where to save the rejected rows of `path`, then writes them there as CSV with
/// the reason in the owner's language. `None` when the owner closes the dialog;
/// otherwise the file written and how many rows it holds.
#[tauri::command]
pub async fn export_rejected(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
    options: ImportOptions,
) -> Result<Option<(String, u64)>, CoreError> {
    let source = file_path(&path);
    let lang = dialogs::owner_lang(&state).await?;
    let save_as = dialogs::SaveAs::RejectedRows {
        source: source.clone(),
    };
    let Some(out) = dialogs::save_file(&app, &save_as, lang).await? else {
        return Ok(None);
    };
    state
        .with_db(move |c| {
            let rows = intake::export_rejected(c, &source, &options, &out, lang, Utc::now())?;
            Ok(Some((out.display().to_string(), rows)))
        })
        .await
}

#[tauri::command]
pub fn list_import_presets() -> Vec<PresetInfo> {
    intake::preset_list()
}

#[tauri::command]
pub async fn list_import_mappings(
    state: State<'_, AppState>,
    shop: String,
) -> Result<Vec<SavedMapping>, CoreError> {
    state
        .with_db(move |c| intake::list_mappings(c, &settings::shop_or_default(c, &shop)?))
        .await
}

#[tauri::command]
pub async fn save_import_mapping(
    state: State<'_, AppState>,
    shop: String,
    name: String,
    headers: Vec<String>,
    mapping: ColumnMapping,
) -> Result<SavedMapping, CoreError> {
    state
        .with_db(move |c| {
            let shop = settings::shop_or_default(c, &shop)?;
            intake::save_mapping(c, &shop, &name, &headers, &mapping, Utc::now())
        })
        .await
}

#[tauri::command]
pub async fn delete_import_mapping(state: State<'_, AppState>, id: i64) -> Result<(), CoreError> {
    state.with_db(move |c| intake::delete_mapping(c, id)).await
}

/// Reads a review pasted from a seller backend page; pure, writes nothing.
#[tauri::command]
pub fn parse_paste(text: String) -> PastedReview {
    intake::parse_pasted(&text, Utc::now())
}

#[tauri::command]
pub async fn create_from_paste(
    state: State<'_, AppState>,
    input: NewCase,
) -> Result<Case, CoreError> {
    state
        .with_db(move |c| {
            let actor = settings::operator(c)?;
            intake::create_pasted(c, &input, &actor, Utc::now())
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn one_import_at_a_time_and_cancel_is_reset() {
        let control = ImportControl::default();
        let first = control.begin().unwrap();
        assert_eq!(control.begin().err().map(|e| e.code()), Some("intake.busy"));
        control.0.cancel.store(true, Ordering::SeqCst);
        drop(first);
        let _second = control.begin().unwrap();
        assert!(!control.0.cancel.load(Ordering::SeqCst));
    }

    #[test]
    fn paths_are_trimmed() {
        assert_eq!(file_path("  /tmp/a b.csv \n"), Path::new("/tmp/a b.csv"));
    }
}
