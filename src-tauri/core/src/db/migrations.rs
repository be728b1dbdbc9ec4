//! Embedded, ordered schema migrations versioned by `PRAGMA user_version`.
//! All pending steps run in one transaction: a failure leaves the database untouched.

use crate::error::{CoreError, Result};
use rusqlite::Connection;

/// Never edit a shipped entry; append a new one.
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_cases.sql"),
    include_str!("migrations/0002_intake.sql"),
    include_str!("migrations/0003_triage.sql"),
    include_str!("migrations/0004_followup.sql"),
    include_str!("migrations/0005_remedies.sql"),
    include_str!("migrations/0006_drafts.sql"),
    include_str!("migrations/0007_insights.sql"),
    include_str!("migrations/0008_insights_spend.sql"),
    include_str!("migrations/0009_structure.sql"),
    include_str!("migrations/0010_backlog.sql"),
    include_str!("migrations/0011_search_pending.sql"),
];

pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

pub fn migrate(conn: &mut Connection) -> Result<()> {
    run(conn, MIGRATIONS)
}

pub(crate) fn run(conn: &mut Connection, steps: &[&str]) -> Result<()> {
    let found = schema_version(conn)?;
    let known = steps.len() as i64;
    if found > known {
        return Err(CoreError::DatabaseTooNew { found, known });
    }
    if found == known {
        return Ok(());
    }
    let tx = conn.transaction()?;
    for (index, sql) in steps.iter().enumerate().skip(found as usize) {
        tx.execute_batch(sql)
            .map_err(|source| CoreError::Migration {
                version: index + 1,
                source,
            })?;
    }
    tx.pragma_update(None, "user_version", known)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_migration_leaves_database_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        {
            let mut conn = Connection::open(&path).unwrap();
            run(&mut conn, &["CREATE TABLE a(x); INSERT INTO a VALUES (1);"]).unwrap();
        }
        let mut conn = Connection::open(&path).unwrap();
        let err = run(
            &mut conn,
            &[
                "CREATE TABLE a(x); INSERT INTO a VALUES (1);",
                "CREATE TABLE b(y); INSERT INTO a VALUES (2);",
                "THIS IS NOT SQL",
            ],
        )
        .unwrap_err();
        assert_eq!(err.code(), "db.migration_failed");
        assert!(matches!(err, CoreError::Migration { version: 3, .. }));
        assert_eq!(schema_version(&conn).unwrap(), 1);
        let rows: i64 = conn
            .query_row("SELECT count(*) FROM a", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 1);
        let b: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'b'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(b, 0);
    }

    #[test]
    fn history_written_as_display_text_reads_as_values() {
        let mut conn = Connection::open_in_memory().unwrap();
        run(&mut conn, &MIGRATIONS[..8]).unwrap();
        conn.execute_batch(
            "INSERT INTO cases(id, platform, product, stars, review_text, review_time, created_at, updated_at)
                 VALUES (1, 'taobao', '保温杯', 1, '漏水', '2026-11-01 00:00:00+00:00',
                         '2026-11-01 00:00:00+00:00', '2026-11-01 00:00:00+00:00');
             INSERT INTO case_events(case_id, at, actor, kind, field, old_value, new_value, note) VALUES
                 (1, '2026-11-02 00:00:00+00:00', '店主', 'outcome', 'outcome', NULL, 'review_revised (4★)', NULL),
                 (1, '2026-11-02 00:00:01+00:00', '店主', 'labels', 'primary_cause', 'quality / 2', 'logistics / 3', NULL),
                 (1, '2026-11-02 00:00:02+00:00', '店主', 'contact', 'contact', NULL, 'phone:no_answer', NULL),
                 (1, '2026-11-02 00:00:03+00:00', '店主', 'compliance_flag', 'remedy #7', NULL,
                     'compliance.reward_for_positive_review, compliance.reward_for_review_change', '好评返现'),
                 (1, '2026-11-02 00:00:04+00:00', '店主', 'remedy_added', 'remedy #7', NULL, 'partial refund ¥20.00', ''),
                 (1, '2026-11-02 00:00:05+00:00', '店主', 'appeal_added', 'appeal #3', NULL,
                     'extortion, deadline 2026-12-01T00:00:00+00:00', ''),
                 (1, '2026-11-02 00:00:06+00:00', '店主', 'status', 'status', 'new', 'contacting', NULL);",
        )
        .unwrap();
        run(&mut conn, MIGRATIONS).unwrap();
        let h = crate::cases::history(&conn, 1).unwrap();
        use crate::cases::{CommitmentKind, EventKind, EventSubject};
        assert_eq!(h[0].kind, EventKind::Outcome);
        assert_eq!(h[0].new_value.as_deref(), Some("review_revised"));
        assert_eq!(h[0].detail.new.as_ref().unwrap().final_stars, Some(4));
        assert_eq!(
            (h[1].old_value.as_deref(), h[1].new_value.as_deref()),
            (Some("quality"), Some("logistics"))
        );
        assert_eq!(h[1].detail.old.as_ref().unwrap().severity, Some(2));
        assert_eq!(h[1].detail.new.as_ref().unwrap().severity, Some(3));
        assert_eq!(h[2].new_value.as_deref(), Some("no_answer"));
        assert_eq!(
            h[2].detail.new.as_ref().unwrap().channel.as_deref(),
            Some("phone")
        );
        let subject = Some(EventSubject {
            kind: CommitmentKind::Remedy,
            id: 7,
        });
        assert_eq!(
            (h[3].field.as_deref(), h[3].detail.subject),
            (None, subject)
        );
        assert_eq!(
            h[3].detail.new.as_ref().unwrap().codes.as_deref(),
            Some(
                &[
                    "compliance.reward_for_positive_review".to_string(),
                    "compliance.reward_for_review_change".to_string()
                ][..]
            )
        );
        assert_eq!(h[3].new_value, None);
        // Text of no known shape stays as it was shown.
        assert_eq!(h[4].new_value.as_deref(), Some("partial refund ¥20.00"));
        assert_eq!(h[4].detail.subject, subject);
        assert_eq!(h[5].new_value.as_deref(), Some("extortion"));
        assert_eq!(
            h[5].detail
                .new
                .as_ref()
                .unwrap()
                .due_at
                .map(|t| t.to_rfc3339()),
            Some("2026-12-01T00:00:00+00:00".to_string())
        );
        assert_eq!(h[6].old_value.as_deref(), Some("new"));
        assert!(h[6].detail.is_empty());
    }

    #[test]
    fn newer_database_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        let err = run(&mut conn, &["CREATE TABLE a(x);"]).unwrap_err();
        assert_eq!(err.code(), "db.too_new");
    }
}
