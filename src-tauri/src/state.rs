//! What the shell keeps between commands: the database pool, or why it could not open.

use haoping_core::db::{Connection, DbPool};
use haoping_core::storage;
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
    let pool = storage::pool(path).map(Arc::new).map_err(|e| {
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
    /// Wakes the reminder loop: a write may have changed what is due.
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
    /// Work that changed the database wakes the reminder loop, since what is due may have
    /// moved; reads (the inbox search on every keystroke) leave it asleep. The connection's
    /// own change counter decides, so no command can forget to say it wrote.
    pub async fn with_db<T, F>(&self, work: F) -> Result<T, CoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, CoreError> + Send + 'static,
    {
        let pool = self.pool()?;
        let (result, wrote) = tauri::async_runtime::spawn_blocking(move || {
            let mut conn = match pool.get() {
                Ok(c) => c,
                Err(e) => return (Err(e), false),
            };
            let before = conn.total_changes();
            // A database failure names the file, with its code (busy, disk full…).
            let result = work(&mut conn).map_err(|e| match e {
                CoreError::Db(_) => haoping_core::db::at_path(pool.path(), e),
                other => other,
            });
            let wrote = conn.total_changes() != before;
            (result, wrote)
        })
        .await
        .map_err(|e| CoreError::Unavailable(format!("background task failed: {e}")))?;
        if wrote {
            self.wake.notify_one();
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use haoping_core::settings;
    use std::time::Duration;

    /// Whether the loop was woken since the last look (a stored permit completes at once).
    fn woken(state: &AppState) -> bool {
        tauri::async_runtime::block_on(async {
            tokio::time::timeout(Duration::from_millis(20), state.wake.notified())
                .await
                .is_ok()
        })
    }

    #[test]
    fn only_writes_wake_the_reminder_loop() {
        let dir = std::env::temp_dir().join(format!("haoping-state-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let state = AppState::open(dir.clone());
        let run = |f: fn(&mut Connection) -> Result<(), CoreError>| {
            tauri::async_runtime::block_on(state.with_db(f)).unwrap_or_else(|e| panic!("{e}"))
        };

        run(|c| settings::load(c).map(drop));
        assert!(!woken(&state), "a read must not wake the loop");
        run(|c| {
            haoping_core::cases::list(c, &Default::default())?;
            Ok(())
        });
        assert!(!woken(&state), "an inbox search must not wake the loop");

        run(|c| {
            let mut s = settings::load(c)?;
            s.shop_name = "小店".into();
            settings::save(c, &s).map(drop)
        });
        assert!(woken(&state), "a write wakes the loop");
        assert!(!woken(&state), "once");

        let failed = tauri::async_runtime::block_on(state.with_db(|c| {
            c.execute("UPDATE settings SET value = value", [])?;
            Err::<(), _>(CoreError::Unavailable("refused".into()))
        }));
        assert!(failed.is_err());
        assert!(woken(&state), "a write that then failed still changed rows");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
