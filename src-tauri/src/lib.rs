//! The desktop shell: plugins, state, windows. No business rules live here.

mod commands;
mod notices;
mod scheduler;
mod state;
mod tray;

use state::AppState;
use tauri::Manager;

/// Passed by the login item, so a start at login stays in the tray.
const MINIMIZED_ARG: &str = "--minimized";

struct TrayPresence(bool);

/// Under WebDriver (end-to-end tests) closing the window must end the app, as a browser would.
fn automated() -> bool {
    std::env::var_os("TAURI_WEBVIEW_AUTOMATION").is_some_and(|v| v == "true")
}

pub fn run() {
    let mut builder = tauri::Builder::default();
    // First, so a second launch just focuses the running window. Not under WebDriver: each
    // session launches its own app, which a leftover instance must not swallow.
    if !automated() {
        builder = builder.plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
        }));
    }
    let builder = builder
        .plugin(
            tauri_plugin_log::Builder::new()
                .level(log::LevelFilter::Info)
                .build(),
        )
        .plugin(tauri_plugin_window_state::Builder::new().build())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            Some(vec![MINIMIZED_ARG]),
        ))
        .setup(|app| {
            let data_dir = haoping_core::paths::data_dir(cfg!(debug_assertions));
            log::info!("data directory: {}", data_dir.display());
            app.manage(AppState::open(data_dir));
            app.manage(commands::intake::ImportControl::default());
            app.manage(commands::ai::AiControl::default());
            app.manage(commands::triage::RetriageControl::default());
            let has_tray = tray::install(app.handle());
            notices::install(app.handle());
            scheduler::start(app.handle());
            app.manage(TrayPresence(has_tray));
            // Started at login: stay in the tray until the owner opens the window.
            if has_tray && std::env::args().any(|a| a == MINIMIZED_ARG) {
                if let Some(w) = app.get_webview_window("main") {
                    let _ = w.hide();
                }
            }
            Ok(())
        })
        .on_window_event(|window, event| {
            // Closing the window keeps the app in the tray so reminders still fire.
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                let in_tray = window
                    .app_handle()
                    .try_state::<TrayPresence>()
                    .is_some_and(|t| t.0);
                if window.label() == "main" && in_tray && !automated() {
                    let _ = window.hide();
                    api.prevent_close();
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::ai::ai_status,
            commands::ai::ai_save_settings,
            commands::ai::ai_test_connection,
            commands::ai::ai_generate,
            commands::ai::ai_cancel,
            commands::ai::ai_triage_case,
            commands::app::startup_status,
            commands::app::load_demo,
            commands::app::get_autostart,
            commands::app::set_autostart,
            commands::cases::list_cases,
            commands::cases::get_case,
            commands::cases::create_case,
            commands::cases::set_case_status,
            commands::cases::add_case_note,
            commands::cases::set_case_labels,
            commands::settings::get_settings,
            commands::settings::save_settings,
            commands::remedies::list_remedies,
            commands::remedies::remedy_input,
            commands::remedies::preview_remedy,
            commands::remedies::add_remedy,
            commands::remedies::update_remedy,
            commands::remedies::set_remedy_status,
            commands::remedies::list_promises,
            commands::remedies::add_promise,
            commands::remedies::set_promise_status,
            commands::remedies::reschedule_promise,
            commands::remedies::remedy_ledger,
            commands::remedies::remedy_totals,
            commands::remedies::case_costs,
            commands::remedies::case_resolution,
            commands::remedies::close_case,
            commands::remedies::reopen_case,
            commands::appeals::list_appeals,
            commands::appeals::create_appeal,
            commands::appeals::set_appeal_status,
            commands::appeals::list_evidence,
            commands::appeals::add_evidence,
            commands::appeals::remove_evidence,
            commands::appeals::pick_evidence_files,
            commands::appeals::open_evidence,
            commands::appeals::reveal_evidence,
            commands::appeals::export_appeal_packet,
            commands::drafts::drafts_for_case,
            commands::drafts::draft_for_channel,
            commands::drafts::check_draft,
            commands::drafts::copy_draft,
            commands::drafts::preview_template,
            commands::drafts::list_templates,
            commands::drafts::save_template,
            commands::drafts::add_template,
            commands::drafts::reset_template,
            commands::drafts::set_template_enabled,
            commands::drafts::delete_template,
            commands::drafts::validate_template,
            commands::drafts::template_variables,
            commands::drafts::reply_caps,
            commands::drafts::get_draft_prefs,
            commands::drafts::save_draft_prefs,
            commands::intake::choose_import_file,
            commands::intake::preview_import,
            commands::intake::start_import,
            commands::intake::cancel_import,
            commands::intake::export_rejected,
            commands::intake::list_import_presets,
            commands::intake::list_import_mappings,
            commands::intake::save_import_mapping,
            commands::intake::delete_import_mapping,
            commands::intake::parse_paste,
            commands::intake::create_from_paste,
            commands::followup::log_contact,
            commands::followup::list_contacts,
            commands::followup::today,
            commands::followup::case_reminders,
            commands::followup::case_call_window,
            commands::followup::snooze_reminder,
            commands::followup::dismiss_reminder,
            commands::followup::get_followup_rules,
            commands::followup::save_followup_rules,
            commands::insights::insights_dashboard,
            commands::insights::insights_filter_options,
            commands::insights::insights_drill,
            commands::insights::write_insights_report,
            commands::insights::export_insights_cases,
            commands::triage::list_triage_keywords,
            commands::triage::add_triage_keyword,
            commands::triage::remove_triage_keyword,
            commands::triage::list_triage_alerts,
            commands::triage::add_triage_alert,
            commands::triage::set_triage_alert_enabled,
            commands::triage::remove_triage_alert,
            commands::triage::get_case_triage,
            commands::triage::get_triage_config,
            commands::triage::save_triage_config,
            commands::triage::start_retriage,
            commands::triage::cancel_retriage,
            commands::triage::retriage_status,
        ]);

    if let Err(e) = builder.run(tauri::generate_context!()) {
        eprintln!("Haoping could not start: {e}");
        std::process::exit(1);
    }
}
