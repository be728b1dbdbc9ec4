// Declaring the app's own commands lets the capability files grant them one by one,
// so the webview can call only what the UI uses.
const COMMANDS: &[&str] = &[
    "startup_status",
    "load_demo",
    "list_cases",
    "get_case",
    "create_case",
    "set_case_status",
    "add_case_note",
    "set_case_labels",
    "get_settings",
    "save_settings",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .unwrap_or_else(|e| panic!("tauri build step failed: {e:#}"));
}
