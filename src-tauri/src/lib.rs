//! The desktop shell: plugins, state, windows. No business rules live here.

mod backups;
#[macro_use]
mod command_list;
#[cfg(test)]
mod command_list_tests;
mod commands;
mod dialogs;
mod first_screen;
mod notices;
mod platform;
mod scheduler;
mod search_index;
mod startup_log;
mod state;
mod tray;
mod updates;

use state::AppState;
use tauri::webview::PageLoadEvent;
use tauri::Manager;

/// Passed by the login item, so a start at login stays in the tray.
const MINIMIZED_ARG: &str = "--minimized";

struct TrayPresence(bool);

/// The invoke handler over every command of `command_list.rs`.
macro_rules! invoke_handler {
    ($($module:ident :: $name:ident),* $(,)?) => {
        tauri::generate_handler![$(commands::$module::$name),*]
    };
}

/// Under WebDriver (end-to-end tests) closing the window must end the app, as a browser would.
fn automated() -> bool {
    std::env::var_os("TAURI_WEBVIEW_AUTOMATION").is_some_and(|v| v == "true")
}

pub fn run() {
    startup_log::begin();
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
        .plugin(tauri_plugin_updater::Builder::new().build())
        .setup(|app| {
            startup_log::mark("setup");
            let data_dir = haoping_core::paths::data_dir(cfg!(debug_assertions));
            log::info!("data directory: {}", data_dir.display());
            app.manage(AppState::open(data_dir));
            startup_log::mark("database open");
            app.manage(commands::intake::ImportControl::default());
            app.manage(commands::ai::AiControl::default());
            app.manage(commands::triage::RetriageControl::default());
            app.manage(updates::UpdateControl::default());
            let has_tray = tray::install(app.handle());
            startup_log::mark("tray");
            notices::install(app.handle());
            startup_log::mark("notification actions");
            // Work that can wait (reminder rounds, the daily backup, the update check)
            // starts once the window has its first screen.
            app.manage(first_screen::FirstScreenGate::default());
            first_screen::after(app.handle(), |app| {
                scheduler::start(app);
                backups::start(app);
                updates::start_quiet_check(app);
                search_index::catch_up(app);
            });
            app.manage(TrayPresence(has_tray));
            platform::on_start(app.handle());
            startup_log::mark("setup done");
            // Started at login: stay in the tray until the owner opens the window.
            if has_tray && std::env::args().any(|a| a == MINIMIZED_ARG) {
                if let Some(w) = app.get_webview_window("main") {
                    let _ = w.hide();
                }
            }
            Ok(())
        })
        .on_page_load(|webview, payload| {
            if webview.label() != "main" {
                return;
            }
            match payload.event() {
                PageLoadEvent::Started => startup_log::mark("page load started"),
                PageLoadEvent::Finished => {
                    startup_log::mark("page loaded");
                    startup_log::report();
                }
            }
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
        .invoke_handler(app_commands!(invoke_handler));

    startup_log::mark("builder");
    match builder.build(tauri::generate_context!()) {
        Ok(app) => app.run(|app, event| platform::on_event(app, &event)),
        Err(e) => {
            eprintln!("Haoping could not start: {e}");
            std::process::exit(1);
        }
    }
}
