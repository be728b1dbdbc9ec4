//! A tiny pool: SQLite connections are cheap but not free, and WAL lets readers and one
//! writer work at once, so each command borrows its own connection instead of sharing one
//! behind a global lock.

use super::{configure, BeforeMigration};
use crate::error::Result;
use rusqlite::Connection;
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

const MAX_IDLE: usize = 4;

#[derive(Debug)]
pub struct DbPool {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

impl DbPool {
    /// Opens the file once to migrate it, then keeps that connection for reuse.
    pub fn open_with(path: &Path, before: BeforeMigration) -> Result<Self> {
        let first = super::open_with(path, before)?;
        Ok(DbPool {
            path: path.to_path_buf(),
            idle: Mutex::new(vec![first]),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn get(&self) -> Result<PooledConn<'_>> {
        let reused = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let conn = match reused {
            Some(c) => c,
            None => {
                let mut c = Connection::open(&self.path)?;
                configure(&c)?;
                super::write_up_front(&mut c);
                c
            }
        };
        Ok(PooledConn {
            pool: self,
            conn: Some(conn),
        })
    }
}

pub struct PooledConn<'a> {
    pool: &'a DbPool,
    conn: Option<Connection>,
}

impl Deref for PooledConn<'_> {
    type Target = Connection;
    #[allow(clippy::expect_used)] // invariant: `conn` is only taken in `drop`
    fn deref(&self) -> &Connection {
        self.conn.as_ref().expect("connection present until drop")
    }
}

impl DerefMut for PooledConn<'_> {
    #[allow(clippy::expect_used)] // invariant: `conn` is only taken in `drop`
    fn deref_mut(&mut self) -> &mut Connection {
        self.conn.as_mut().expect("connection present until drop")
    }
}

impl Drop for PooledConn<'_> {
    fn drop(&mut self) {
        if let Some(c) = self.conn.take() {
            // A connection left inside a transaction (a panic mid-write) is not reused.
            if c.is_autocommit() {
                let mut idle = self.pool.idle.lock().unwrap_or_else(|p| p.into_inner());
                if idle.len() < MAX_IDLE {
                    idle.push(c);
                }
            }
        }
    }
}
