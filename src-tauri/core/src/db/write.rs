//! Beginning a write. Every write takes the write lock before it reads (`BEGIN
//! IMMEDIATE`): a deferred transaction that reads first cannot upgrade its lock while
//! another connection writes, and SQLite then refuses at once instead of waiting. Taken
//! up front, the lock is waited for (up to `WRITE_WAIT`, the connection's busy timeout),
//! and a write that still cannot get in fails with `db.busy`, having written nothing.

use crate::error::Result;
use rusqlite::{Connection, Transaction, TransactionBehavior};
use std::time::Duration;

/// How long a write waits for another one to finish. An import commits in batches and
/// the reminder sync in chunks, so a wait this long means something is stuck.
pub const WRITE_WAIT: Duration = Duration::from_secs(30);

/// Opens a write transaction holding the write lock; fails with `db.busy` after
/// `WRITE_WAIT`.
pub fn begin_write(conn: &mut Connection) -> Result<Transaction<'_>> {
    Ok(conn.transaction_with_behavior(TransactionBehavior::Immediate)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_waits_then_gets_in() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        let mut a = crate::storage::open(&path).unwrap();
        let mut b = crate::storage::open(&path).unwrap();
        let tx = begin_write(&mut a).unwrap();
        tx.execute("INSERT INTO settings VALUES ('a', '1')", [])
            .unwrap();
        let writer = std::thread::spawn(move || {
            let tx = begin_write(&mut b)?;
            tx.execute("INSERT INTO settings VALUES ('b', '2')", [])?;
            tx.commit()?;
            Ok::<_, crate::CoreError>(())
        });
        std::thread::sleep(Duration::from_millis(300));
        tx.commit().unwrap();
        writer.join().unwrap().unwrap();
        let n: i64 = a
            .query_row(
                "SELECT count(*) FROM settings WHERE key IN ('a','b')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 2);
    }

    #[test]
    fn a_writer_that_cannot_get_in_fails_as_busy_having_written_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        let mut a = crate::storage::open(&path).unwrap();
        let mut b = crate::storage::open(&path).unwrap();
        b.busy_timeout(Duration::from_millis(200)).unwrap();
        let tx = begin_write(&mut a).unwrap();
        let err = begin_write(&mut b).err().unwrap();
        assert_eq!(err.code(), "db.busy");
        tx.rollback().unwrap();
        assert!(b.is_autocommit());
    }
}
