//! Insights: the dashboard, the cases behind a chart, the closed-loop report and the
//! case-list export. Reports and exports are written from Rust: the save dialog opens
//! here (the webview needs no dialog or file-system permission), and the work runs on
//! the blocking pool.

use crate::state::AppState;
use chrono::Utc;
use haoping_core::cases::CasePage;
use haoping_core::insights::{
    self, CaseDrill, CaseExport, Dashboard, ExportFormat, FilterOptions, InsightsQuery,
    ReportFormat, ReportRequest, WrittenExport, WrittenReport,
};
use haoping_core::{CoreError, Lang};
use std::path::PathBuf;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;
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

/// The extension the chosen format needs, added when the name has none (some save
/// dialogs do not add it from the filter).
fn with_extension(mut path: PathBuf, ext: &str) -> PathBuf {
    if path.extension().is_none() {
        path.set_extension(ext);
    }
    path
}

/// Opens the save dialog; `None` when the owner closes it.
async fn ask_where(
    app: &AppHandle,
    title: &str,
    file_name: String,
    filter: (&str, &str),
) -> Result<Option<PathBuf>, CoreError> {
    let mut dialog = app
        .dialog()
        .file()
        .set_title(title)
        .set_file_name(file_name)
        .add_filter(filter.0, &[filter.1]);
    if let Some(dir) = dirs_documents() {
        dialog = dialog.set_directory(dir);
    }
    if let Some(w) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&w);
    }
    let picked = tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file())
        .await
        .map_err(|e| CoreError::Unavailable(format!("file dialog failed: {e}")))?;
    picked
        .map(|p| {
            p.into_path()
                .map_err(|e| CoreError::Io(std::io::Error::other(format!("not a local file: {e}"))))
        })
        .transpose()
}

/// Where owners keep what they send on: the documents folder when the system has one.
fn dirs_documents() -> Option<PathBuf> {
    let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"))?;
    let docs = PathBuf::from(home).join("Documents");
    docs.is_dir().then_some(docs)
}

fn report_ext(format: ReportFormat) -> &'static str {
    match format {
        ReportFormat::Xlsx => "xlsx",
        ReportFormat::Html => "html",
    }
}

fn report_file_name(req: &ReportRequest, format: ReportFormat) -> String {
    let period = if req.from == req.to {
        req.from.to_string()
    } else {
        format!("{}_{}", req.from, req.to)
    };
    let stem = match req.lang {
        Lang::Zh => "差评闭环报告",
        Lang::En => "closed-loop-report",
    };
    format!("{stem}-{period}.{}", report_ext(format))
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
    let en = request.lang == Lang::En;
    let target = match typed_path(path) {
        Some(p) => p,
        None => {
            let title = if en {
                "Save the report"
            } else {
                "保存闭环报告"
            };
            let filter = match format {
                ReportFormat::Xlsx => (
                    if en {
                        "Excel workbook"
                    } else {
                        "Excel 工作簿"
                    },
                    "xlsx",
                ),
                ReportFormat::Html => (if en { "Web page" } else { "网页" }, "html"),
            };
            match ask_where(&app, title, report_file_name(&request, format), filter).await? {
                Some(p) => p,
                None => return Ok(None),
            }
        }
    };
    let target = with_extension(target, report_ext(format));
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

fn export_ext(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Csv => "csv",
        ExportFormat::Xlsx => "xlsx",
    }
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
    let en = export.lang == Lang::En;
    let target = match typed_path(path) {
        Some(p) => p,
        None => {
            let title = if en { "Export cases" } else { "导出案例" };
            let stem = if en { "cases" } else { "差评案例" };
            let today = Utc::now().format("%Y-%m-%d");
            let name = format!("{stem}-{today}.{}", export_ext(format));
            let filter = match format {
                ExportFormat::Xlsx => (
                    if en {
                        "Excel workbook"
                    } else {
                        "Excel 工作簿"
                    },
                    "xlsx",
                ),
                ExportFormat::Csv => ("CSV", "csv"),
            };
            match ask_where(&app, title, name, filter).await? {
                Some(p) => p,
                None => return Ok(None),
            }
        }
    };
    let target = with_extension(target, export_ext(format));
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
    use chrono::NaiveDate;

    #[test]
    fn a_blank_path_means_the_dialog() {
        assert_eq!(typed_path(None), None);
        assert_eq!(typed_path(Some("  \n".into())), None);
        assert_eq!(
            typed_path(Some(" /tmp/r.html ".into())),
            Some(PathBuf::from("/tmp/r.html"))
        );
    }

    #[test]
    fn the_extension_is_added_only_when_missing() {
        assert_eq!(
            with_extension(PathBuf::from("/tmp/report"), "xlsx"),
            PathBuf::from("/tmp/report.xlsx")
        );
        assert_eq!(
            with_extension(PathBuf::from("/tmp/report.html"), "xlsx"),
            PathBuf::from("/tmp/report.html")
        );
    }

    #[test]
    fn report_names_say_the_period_in_the_reports_language() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let month = ReportRequest::new(d("2026-11-01"), d("2026-11-30"), Lang::Zh);
        assert_eq!(
            report_file_name(&month, ReportFormat::Xlsx),
            "差评闭环报告-2026-11-01_2026-11-30.xlsx"
        );
        let day = ReportRequest::new(d("2026-11-20"), d("2026-11-20"), Lang::En);
        assert_eq!(
            report_file_name(&day, ReportFormat::Html),
            "closed-loop-report-2026-11-20.html"
        );
    }
}
