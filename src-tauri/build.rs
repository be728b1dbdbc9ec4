// Declaring the app's own commands lets the capability files grant them one by one,
// so the webview can call only what the UI uses. The list is the app's own (src/command_list.rs).
include!("src/command_list.rs");

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMAND_NAMES)),
    )
    .unwrap_or_else(|e| panic!("tauri build step failed: {e:#}"));
}
