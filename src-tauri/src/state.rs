//! What the shell keeps between commands: the database pool, or why it could not open.

use haoping_core::db::{Connection, DbPool};
use haoping_core::{CoreError, ErrorPayload};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use tokio::sync::Notify;

/// The database the app works on, or why it could not be opened.
struct Opened {
    path: PathBuf,
    /// A failed open (a damaged file, a locked one, a migration that could not run) is
    /// kept, not fatal: the UI shows it in words and offers a way out.
    pool: Result<Arc<DbPool>, ErrorPayload>,
}

fn open_pool(path: &Path) -> Opened {
    let pool = DbPool::open(path).map(Arc::new).map_err(|e| {
        log::error!("cannot open database {}: {e}", path.display());
        e.payload()
    });
    Opened {
        path: path.to_path_buf(),
        pool,
    }
}

pub struct AppState {
    pub data_dir: PathBuf,
    db: RwLock<Opened>,
    /// Wakes the reminder loop: any command may have changed what is due.
    pub wake: Arc<Notify>,
}

impl AppState {
    pub fn open(data_dir: PathBuf) -> Self {
        let db_path = data_dir.join(haoping_core::paths::DB_FILE);
        let db = RwLock::new(open_pool(&db_path));
        AppState {
            data_dir,
            db,
            wake: Arc::new(Notify::new()),
        }
    }

    /// The database file in use (the one opened at start, or another the owner chose).
    pub fn current_db_path(&self) -> PathBuf {
        self.db
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .path
            .clone()
    }

    pub fn startup_error(&self) -> Option<ErrorPayload> {
        self.db
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .pool
            .as_ref()
            .err()
            .cloned()
    }

    /// Opens `path` as the database from now on (after a restore at the start screen, or
    /// another file the owner chose); the old pool's connections close as their last
    /// command finishes.
    pub fn reopen(&self, path: &Path) -> Result<(), CoreError> {
        let opened = open_pool(path);
        let result = match &opened.pool {
            Ok(_) => Ok(()),
            Err(e) => Err(CoreError::Unavailable(e.message.clone())),
        };
        *self.db.write().unwrap_or_else(|p| p.into_inner()) = opened;
        self.wake.notify_one();
        result
    }

    pub fn pool(&self) -> Result<Arc<DbPool>, CoreError> {
        self.db
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .pool
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
            // A database failure names the file, with its code (busy, disk full…).
            work(&mut conn).map_err(|e| match e {
                CoreError::Db(_) => haoping_core::db::at_path(pool.path(), e),
                other => other,
            })
        })
        .await
        .map_err(|e| CoreError::Unavailable(format!("background task failed: {e}")))?;
        if result.is_ok() {
            self.wake.notify_one();
        }
        result
    }
}
