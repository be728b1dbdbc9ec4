//! Work that can wait until the window shows its first screen (reminder rounds) starts then:
//! while the window loads, it would compete with it for the CPU and the database.

use std::sync::Arc;
use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::Notify;

/// When the window stays hidden (started in the tray at login) or its page never asks,
/// waiting work starts after this long anyway.
const AT_THE_LATEST: Duration = Duration::from_secs(5);

#[derive(Default)]
pub struct FirstScreenGate(Arc<Notify>);

/// The window has what its first screen needs: let waiting work start.
pub fn served<R: Runtime>(app: &AppHandle<R>) {
    if let Some(gate) = app.try_state::<FirstScreenGate>() {
        gate.0.notify_one();
    }
}

/// Runs `work` once the first screen was served, or after `AT_THE_LATEST`.
pub fn after<R: Runtime>(app: &AppHandle<R>, work: impl FnOnce(&AppHandle<R>) + Send + 'static) {
    let gate = Arc::clone(&app.state::<FirstScreenGate>().0);
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let _ = tokio::time::timeout(AT_THE_LATEST, gate.notified()).await;
        work(&app);
    });
}
