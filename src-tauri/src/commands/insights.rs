//! Insights: the dashboard, the cases behind a chart, the closed-loop report and the
//! case-list export. Reports and exports are written from Rust: the save dialog opens
//! here (the webview needs no dialog or file-system permission), and the work runs on
//! the blocking pool.

use crate::dialogs::{self, SaveAs};
use crate::state::AppState;
use chrono::Utc;
use haoping_core::cases::CasePage;
use haoping_core::insights::{
    self, CaseDrill, CaseExport, Dashboard, ExportFormat, FilterOptions, InsightsQuery,
    ReportFormat, ReportRequest, WrittenExport, WrittenReport,
};
use haoping_core::{CoreError, Lang};
use std::path::PathBuf;
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

#[tauri::command]
pub async fn insights_dashboard(
    state: State<'_, AppState>,
    query: InsightsQuery,
) -> Result<Dashboard, CoreError> {
    state
        .with_db(move |c| insights::dashboard(c, &query, Utc::now()))
        .await
}

#[tauri::command]
pub async fn insights_filter_options(
    state: State<'_, AppState>,
) -> Result<FilterOptions, CoreError> {
    state.with_db(|c| insights::filter_options(c)).await
}

/// The cases behind a chart element the inbox cannot show by its own filter.
#[tauri::command]
pub async fn insights_drill(
    state: State<'_, AppState>,
    drill: CaseDrill,
) -> Result<CasePage, CoreError> {
    state
        .with_db(move |c| insights::drill_cases(c, &drill, Utc::now()))
        .await
}

/// A path typed by the owner (trimmed; `None` when empty, meaning "ask with a dialog").
fn typed_path(path: Option<String>) -> Option<PathBuf> {
    path.map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
}

/// Where to write: the path the owner typed (with the file's extension), else where the
/// save dialog says, asked in the language of what is written; `None` when they cancel.
async fn target(
    app: &AppHandle,
    typed: Option<String>,
    save_as: &SaveAs,
    lang: Lang,
) -> Result<Option<PathBuf>, CoreError> {
    match typed_path(typed) {
        Some(p) => Ok(Some(dialogs::with_extension(p, save_as.extension()))),
        None => dialogs::save_file(app, save_as, lang).await,
    }
}

/// Writes the closed-loop report of `request` as `format`: to `path` when the owner
/// typed one, otherwise where the save dialog says (`None` when they cancel). With
/// `open`, a printable page is then opened in the default browser.
#[tauri::command]
pub async fn write_insights_report(
    app: AppHandle,
    state: State<'_, AppState>,
    request: ReportRequest,
    format: ReportFormat,
    path: Option<String>,
    open: bool,
) -> Result<Option<WrittenReport>, CoreError> {
    let save_as = SaveAs::Report {
        format,
        from: request.from,
        to: request.to,
    };
    let Some(target) = target(&app, path, &save_as, request.lang).await? else {
        return Ok(None);
    };
    let out = target.clone();
    let written = state
        .with_db(move |c| insights::write_report(c, &request, &out, Utc::now()))
        .await?;
    let opened = open && written == ReportFormat::Html && {
        match app
            .opener()
            .open_path(target.to_string_lossy(), None::<&str>)
        {
            Ok(()) => true,
            Err(e) => {
                log::warn!("cannot open {}: {e}", target.display());
                false
            }
        }
    };
    Ok(Some(WrittenReport {
        path: target.display().to_string(),
        format: written,
        opened,
    }))
}

/// Writes the cases `export.selection` picks as `format`, to `path` or where the save
/// dialog says (`None` when the owner cancels). Personal data stays masked unless
/// `export.include_personal_data`.
#[tauri::command]
pub async fn export_insights_cases(
    app: AppHandle,
    state: State<'_, AppState>,
    export: CaseExport,
    format: ExportFormat,
    path: Option<String>,
) -> Result<Option<WrittenExport>, CoreError> {
    let save_as = SaveAs::CaseList {
        format,
        day: Utc::now().date_naive(),
    };
    let Some(target) = target(&app, path, &save_as, export.lang).await? else {
        return Ok(None);
    };
    let out = target.clone();
    let summary = state
        .with_db(move |c| insights::export_cases(c, &export, &out, Utc::now()))
        .await?;
    Ok(Some(WrittenExport {
        path: target.display().to_string(),
        summary,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_path_means_the_dialog() {
        assert_eq!(typed_path(None), None);
        assert_eq!(typed_path(Some("  \n".into())), None);
        assert_eq!(
            typed_path(Some(" /tmp/r.html ".into())),
            Some(PathBuf::from("/tmp/r.html"))
        );
    }
}
