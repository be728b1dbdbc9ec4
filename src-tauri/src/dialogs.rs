//! The app's file dialogs in one place: what each one asks (title, file types, suggested
//! name) in the owner's language, where it starts, and how the command waits for the
//! answer. They open from Rust, so the webview needs no dialog or file-system permission
//! and cannot choose where files are written.

use crate::state::AppState;
use chrono::NaiveDate;
use haoping_core::insights::{ExportFormat, ReportFormat};
use haoping_core::{settings, CoreError, Lang};
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder, FilePath};
use tokio::sync::oneshot;

/// A file the owner chooses to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open {
    /// A review export to import (one file).
    ReviewExport,
    /// Evidence for an appeal (any number of files, any type).
    Evidence,
}

/// A file the app is about to write, with what its suggested name is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveAs {
    /// The rejected rows of an import, next to the file they came from.
    RejectedRows {
        source: PathBuf,
    },
    AppealPacket {
        case_id: i64,
        appeal_id: i64,
    },
    Report {
        format: ReportFormat,
        from: NaiveDate,
        to: NaiveDate,
    },
    CaseList {
        format: ExportFormat,
        day: NaiveDate,
    },
}

/// One kind of file the dialog offers: its name for the owner and its extensions.
struct Filter {
    name: &'static str,
    extensions: &'static [&'static str],
}

impl Open {
    fn title(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Open::ReviewExport, Lang::Zh) => "选择评价导出文件",
            (Open::ReviewExport, Lang::En) => "Choose a review export",
            (Open::Evidence, Lang::Zh) => "添加证据文件",
            (Open::Evidence, Lang::En) => "Attach evidence",
        }
    }

    fn filter(self, lang: Lang) -> Option<Filter> {
        match self {
            Open::ReviewExport => Some(Filter {
                name: if lang.is_en() {
                    "Review exports"
                } else {
                    "评价导出文件"
                },
                extensions: &["csv", "tsv", "txt", "xlsx", "xls"],
            }),
            Open::Evidence => None,
        }
    }
}

/// What a saved file holds, for its extension and the dialog's filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileType {
    Csv,
    Zip,
    Xlsx,
    Html,
}

impl FileType {
    fn extensions(self) -> &'static [&'static str] {
        match self {
            FileType::Csv => &["csv"],
            FileType::Zip => &["zip"],
            FileType::Xlsx => &["xlsx"],
            FileType::Html => &["html"],
        }
    }

    fn filter(self, lang: Lang) -> Filter {
        let name = match (self, lang) {
            (FileType::Csv, _) => "CSV",
            (FileType::Zip, _) => "zip",
            (FileType::Xlsx, Lang::Zh) => "Excel 工作簿",
            (FileType::Xlsx, Lang::En) => "Excel workbook",
            (FileType::Html, Lang::Zh) => "网页",
            (FileType::Html, Lang::En) => "Web page",
        };
        Filter {
            name,
            extensions: self.extensions(),
        }
    }
}

impl SaveAs {
    fn file_type(&self) -> FileType {
        match self {
            SaveAs::RejectedRows { .. } => FileType::Csv,
            SaveAs::AppealPacket { .. } => FileType::Zip,
            SaveAs::Report { format, .. } => match format {
                ReportFormat::Xlsx => FileType::Xlsx,
                ReportFormat::Html => FileType::Html,
            },
            SaveAs::CaseList { format, .. } => match format {
                ExportFormat::Csv => FileType::Csv,
                ExportFormat::Xlsx => FileType::Xlsx,
            },
        }
    }

    /// The extension the file must end in (added when the owner types a name without it).
    pub fn extension(&self) -> &'static str {
        self.file_type().extensions()[0]
    }

    fn title(&self, lang: Lang) -> &'static str {
        match (self, lang) {
            (SaveAs::RejectedRows { .. }, Lang::Zh) => "保存被拒行",
            (SaveAs::RejectedRows { .. }, Lang::En) => "Save rejected rows",
            (SaveAs::AppealPacket { .. }, Lang::Zh) => "保存申诉材料包",
            (SaveAs::AppealPacket { .. }, Lang::En) => "Save appeal packet",
            (SaveAs::Report { .. }, Lang::Zh) => "保存闭环报告",
            (SaveAs::Report { .. }, Lang::En) => "Save the report",
            (SaveAs::CaseList { .. }, Lang::Zh) => "导出案例",
            (SaveAs::CaseList { .. }, Lang::En) => "Export cases",
        }
    }

    fn filter(&self, lang: Lang) -> Filter {
        self.file_type().filter(lang)
    }

    /// The name the dialog suggests, in the language of what is written.
    pub fn file_name(&self, lang: Lang) -> String {
        let ext = self.extension();
        match self {
            SaveAs::RejectedRows { source } => {
                let stem = source
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let suffix = if lang.is_en() {
                    "rejected"
                } else {
                    "被拒行"
                };
                format!("{stem}-{suffix}.{ext}")
            }
            SaveAs::AppealPacket { case_id, appeal_id } => {
                if lang.is_en() {
                    format!("appeal-case-{case_id}-{appeal_id}.{ext}")
                } else {
                    format!("申诉材料-案例{case_id}-{appeal_id}.{ext}")
                }
            }
            SaveAs::Report { from, to, .. } => {
                let period = if from == to {
                    from.to_string()
                } else {
                    format!("{from}_{to}")
                };
                let stem = if lang.is_en() {
                    "closed-loop-report"
                } else {
                    "差评闭环报告"
                };
                format!("{stem}-{period}.{ext}")
            }
            SaveAs::CaseList { day, .. } => {
                let stem = if lang.is_en() {
                    "cases"
                } else {
                    "差评案例"
                };
                format!("{stem}-{day}.{ext}")
            }
        }
    }

    /// Where the dialog opens: beside the source for rejected rows, the documents folder
    /// for what owners send on, else wherever the system chooses.
    fn directory(&self) -> Option<PathBuf> {
        match self {
            SaveAs::RejectedRows { source } => source
                .parent()
                .filter(|d| d.is_dir())
                .map(Path::to_path_buf),
            SaveAs::AppealPacket { .. } => None,
            SaveAs::Report { .. } | SaveAs::CaseList { .. } => documents(),
        }
    }
}

/// Where owners keep what they send on: the documents folder when the system has one.
fn documents() -> Option<PathBuf> {
    let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"))?;
    let docs = PathBuf::from(home).join("Documents");
    docs.is_dir().then_some(docs)
}

/// The extension `ext` added when the name has none (some save dialogs do not add it from
/// the filter, and owners type names without it).
pub fn with_extension(mut path: PathBuf, ext: &str) -> PathBuf {
    if path.extension().is_none() {
        path.set_extension(ext);
    }
    path
}

/// The language the owner reads the app in (the settings' language).
pub async fn owner_lang(state: &AppState) -> Result<Lang, CoreError> {
    state.with_db(|c| settings::lang(c)).await
}

fn builder<R: Runtime>(app: &AppHandle<R>, title: &str) -> FileDialogBuilder<R> {
    let dialog = app.dialog().file().set_title(title);
    match app.get_webview_window("main") {
        Some(w) => dialog.set_parent(&w),
        None => dialog,
    }
}

fn with_filter<R: Runtime>(
    dialog: FileDialogBuilder<R>,
    filter: Option<Filter>,
) -> FileDialogBuilder<R> {
    match filter {
        Some(f) => dialog.add_filter(f.name, f.extensions),
        None => dialog,
    }
}

/// Waits for the dialog's answer without holding a thread: the plugin calls back when the
/// owner closes it.
async fn answer<T: Send + 'static>(
    open: impl FnOnce(Box<dyn FnOnce(T) + Send>),
) -> Result<T, CoreError> {
    let (tx, rx) = oneshot::channel();
    open(Box::new(move |picked| {
        let _ = tx.send(picked);
    }));
    rx.await
        .map_err(|_| CoreError::Unavailable("the file dialog closed without an answer".into()))
}

fn local(path: FilePath) -> Result<PathBuf, CoreError> {
    path.into_path()
        .map_err(|e| CoreError::Io(std::io::Error::other(format!("not a local file: {e}"))))
}

/// Asks for one file to read; `None` when the owner cancels.
pub async fn pick_file<R: Runtime>(
    app: &AppHandle<R>,
    what: Open,
    lang: Lang,
) -> Result<Option<PathBuf>, CoreError> {
    let dialog = with_filter(builder(app, what.title(lang)), what.filter(lang));
    answer(|done| dialog.pick_file(done))
        .await?
        .map(local)
        .transpose()
}

/// Asks for files to read; empty when the owner cancels.
pub async fn pick_files<R: Runtime>(
    app: &AppHandle<R>,
    what: Open,
    lang: Lang,
) -> Result<Vec<PathBuf>, CoreError> {
    let dialog = with_filter(builder(app, what.title(lang)), what.filter(lang));
    answer(|done| dialog.pick_files(done))
        .await?
        .unwrap_or_default()
        .into_iter()
        .map(local)
        .collect()
}

/// Asks where to write; `None` when the owner cancels. The path always ends in the
/// file's extension.
pub async fn save_file<R: Runtime>(
    app: &AppHandle<R>,
    what: &SaveAs,
    lang: Lang,
) -> Result<Option<PathBuf>, CoreError> {
    let mut dialog = with_filter(builder(app, what.title(lang)), Some(what.filter(lang)))
        .set_file_name(what.file_name(lang));
    if let Some(dir) = what.directory() {
        dialog = dialog.set_directory(dir);
    }
    let ext = what.extension();
    Ok(answer(|done| dialog.save_file(done))
        .await?
        .map(local)
        .transpose()?
        .map(|p| with_extension(p, ext)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("{s}: {e}"))
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
        let month = SaveAs::Report {
            format: ReportFormat::Xlsx,
            from: day("2026-11-01"),
            to: day("2026-11-30"),
        };
        assert_eq!(
            month.file_name(Lang::Zh),
            "差评闭环报告-2026-11-01_2026-11-30.xlsx"
        );
        let one_day = SaveAs::Report {
            format: ReportFormat::Html,
            from: day("2026-11-20"),
            to: day("2026-11-20"),
        };
        assert_eq!(
            one_day.file_name(Lang::En),
            "closed-loop-report-2026-11-20.html"
        );
    }

    #[test]
    fn every_dialog_speaks_both_languages() {
        let saves = [
            SaveAs::RejectedRows {
                source: PathBuf::from("/data/京东评价.csv"),
            },
            SaveAs::AppealPacket {
                case_id: 12,
                appeal_id: 3,
            },
            SaveAs::Report {
                format: ReportFormat::Html,
                from: day("2026-11-01"),
                to: day("2026-11-30"),
            },
            SaveAs::CaseList {
                format: ExportFormat::Xlsx,
                day: day("2026-11-30"),
            },
        ];
        for s in &saves {
            assert_ne!(s.title(Lang::En), s.title(Lang::Zh), "{s:?}");
            assert!(s.title(Lang::En).is_ascii(), "{s:?}");
            assert!(!s.title(Lang::Zh).is_ascii(), "{s:?}");
            for lang in [Lang::Zh, Lang::En] {
                let name = s.file_name(lang);
                assert!(name.ends_with(&format!(".{}", s.extension())), "{name}");
                assert_eq!(s.filter(lang).extensions, [s.extension()]);
            }
        }
        assert_eq!(saves[0].file_name(Lang::Zh), "京东评价-被拒行.csv");
        assert_eq!(saves[0].file_name(Lang::En), "京东评价-rejected.csv");
        assert_eq!(saves[1].file_name(Lang::Zh), "申诉材料-案例12-3.zip");
        assert_eq!(saves[1].file_name(Lang::En), "appeal-case-12-3.zip");
        assert_eq!(saves[3].file_name(Lang::En), "cases-2026-11-30.xlsx");
        assert_eq!(saves[3].filter(Lang::Zh).name, "Excel 工作簿");
        for open in [Open::ReviewExport, Open::Evidence] {
            assert_ne!(open.title(Lang::En), open.title(Lang::Zh));
        }
        let exports = Open::ReviewExport.filter(Lang::Zh).map(|f| f.extensions);
        assert_eq!(exports, Some(&["csv", "tsv", "txt", "xlsx", "xls"][..]));
        assert!(
            Open::Evidence.filter(Lang::En).is_none(),
            "evidence may be any file"
        );
    }
}
