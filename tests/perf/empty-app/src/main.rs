// A window showing one line of text: what any Tauri 2 app costs before it does anything.
fn main() {
    if let Err(e) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("could not start: {e}");
        std::process::exit(1);
    }
}
