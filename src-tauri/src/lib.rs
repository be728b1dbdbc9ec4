//! The desktop shell: plugins, state, windows. No business rules live here.

mod commands;
mod state;

use state::AppState;
use tauri::Manager;

pub fn run() {
    let builder = tauri::Builder::default()
        // First, so a second launch just focuses the running window.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
        }))
        .plugin(
            tauri_plugin_log::Builder::new()
                .level(log::LevelFilter::Info)
                .build(),
        )
        .plugin(tauri_plugin_window_state::Builder::new().build())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let data_dir = haoping_core::paths::data_dir(cfg!(debug_assertions));
            log::info!("data directory: {}", data_dir.display());
            app.manage(AppState::open(data_dir));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::startup_status,
            commands::app::load_demo,
            commands::cases::list_cases,
            commands::cases::get_case,
            commands::cases::create_case,
            commands::cases::set_case_status,
            commands::cases::add_case_note,
            commands::cases::set_case_labels,
            commands::settings::get_settings,
            commands::settings::save_settings,
        ]);

    if let Err(e) = builder.run(tauri::generate_context!()) {
        eprintln!("Haoping could not start: {e}");
        std::process::exit(1);
    }
}
