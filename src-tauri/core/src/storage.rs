//! Opening the owner's database for use: `db` opens and migrates it, and a database that
//! holds data gets a verified `backup` first. This sits above both so that each keeps
//! one direction: backup reads through db, db never reaches up to backup.

use crate::backup;
use crate::db::{self, Connection, DbPool};
use crate::error::Result;
use std::path::Path;

/// Opens (creating if needed) the database file and brings its schema up to date, backing
/// up a database that holds data before it is migrated. Storage failures name the file.
pub fn open(path: &Path) -> Result<Connection> {
    db::open_with(path, backup::before_migration)
}

/// Opens a database that must already exist (commands that only read), so a mistyped path
/// is refused instead of answered from a new empty database.
pub fn open_existing(path: &Path) -> Result<Connection> {
    db::open_existing_with(path, backup::before_migration)
}

/// The app's connection pool over the file, opened (and migrated) as [`open`] does.
pub fn pool(path: &Path) -> Result<DbPool> {
    DbPool::open_with(path, backup::before_migration)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An older schema is copied aside before it changes: the copy still has the old
    /// version, the opened file the new one.
    #[test]
    fn a_database_that_holds_data_is_backed_up_before_it_is_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("haoping.db");
        let older = &db::MIGRATIONS[..db::MIGRATIONS.len() - 1];
        {
            let conn = Connection::open(&path).unwrap();
            for step in older {
                conn.execute_batch(step).unwrap();
            }
            conn.pragma_update(None, "user_version", older.len() as i64)
                .unwrap();
        }
        assert!(backup::list(dir.path()).unwrap().is_empty());
        let conn = open(&path).unwrap();
        assert_eq!(
            db::schema_version(&conn).unwrap(),
            db::MIGRATIONS.len() as i64
        );
        let made = backup::list(dir.path()).unwrap();
        assert_eq!(made.len(), 1);
        assert_eq!(made[0].reason, backup::BackupReason::BeforeMigration);
    }
}
