//! Brings the search index up to date with imported cases in the background (see
//! `haoping_core::cases::catch_up_search`): after each import, and once at start for
//! cases an earlier run did not get to. Each step is a short transaction of its own, so
//! the owner's commands wait at most one step; until the index holds a case, the
//! inbox's search reads that case's text directly.

use crate::state::AppState;
use haoping_core::cases::{catch_up_search, CATCH_UP_ROWS};
use haoping_core::CoreError;
use std::sync::Mutex;
use tauri::{AppHandle, Manager, Runtime};

/// One catch-up at a time; a later request waits for the running one and then finds
/// whatever the running one did not see.
static RUNNING: Mutex<()> = Mutex::new(());

fn run(state: &AppState) -> Result<(), CoreError> {
    let _one = RUNNING.lock().unwrap_or_else(|p| p.into_inner());
    loop {
        // A connection per step: the pool may be replaced meanwhile (a restore).
        let pool = state.pool()?;
        let mut conn = pool.get()?;
        if !catch_up_search(&mut conn, CATCH_UP_ROWS)? {
            return Ok(());
        }
    }
}

pub fn catch_up<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        if let Err(e) = run(&app.state::<AppState>()) {
            // What was not indexed stays recorded; the next import or start goes on.
            log::warn!("search index catch-up stopped: {e}");
        }
    });
}
