//! What the shell keeps between commands: the database pool, or why it could not open.

use haoping_core::db::{Connection, DbPool};
use haoping_core::{CoreError, ErrorPayload};
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::Notify;

pub struct AppState {
    pub data_dir: PathBuf,
    pub db_path: PathBuf,
    /// A failed open (e.g. a migration that could not run) is kept, not fatal: the UI
    /// shows it in words instead of the app vanishing.
    db: Result<Arc<DbPool>, ErrorPayload>,
    /// Wakes the reminder loop: any command may have changed what is due.
    pub wake: Arc<Notify>,
}

impl AppState {
    pub fn open(data_dir: PathBuf) -> Self {
        let db_path = data_dir.join(haoping_core::paths::DB_FILE);
        let db = DbPool::open(&db_path).map(Arc::new).map_err(|e| {
            log::error!("cannot open database {}: {e}", db_path.display());
            e.payload()
        });
        AppState {
            data_dir,
            db_path,
            db,
            wake: Arc::new(Notify::new()),
        }
    }

    pub fn startup_error(&self) -> Option<ErrorPayload> {
        self.db.as_ref().err().cloned()
    }

    pub fn pool(&self) -> Result<Arc<DbPool>, CoreError> {
        self.db
            .as_ref()
            .map(Arc::clone)
            .map_err(|e| CoreError::Unavailable(e.message.clone()))
    }

    /// Runs database work on the blocking pool, never on the async runtime or main thread.
    pub async fn with_db<T, F>(&self, work: F) -> Result<T, CoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, CoreError> + Send + 'static,
    {
        let pool = self.pool()?;
        let result = tauri::async_runtime::spawn_blocking(move || {
            let mut conn = pool.get()?;
            work(&mut conn)
        })
        .await
        .map_err(|e| CoreError::Unavailable(format!("background task failed: {e}")))?;
        if result.is_ok() {
            self.wake.notify_one();
        }
        result
    }
}
