//! `doctor`: proves a database whole without changing a byte of it. SQLite's own checks
//! (`integrity_check`, `foreign_key_check`) and the domain's invariants:
//! - every case's status is the last status its history records;
//! - the remedy totals kept on each case equal its ledger, and the per-day case counts
//!   the insights read equal the cases;
//! - every live reminder points at something still open (unless a recompute is pending,
//!   which the scheduler's next round does);
//! - every evidence file is present with the hash it was attached with.

use crate::backup::count_rows;
use crate::db::{at_path, open_read_only};
use crate::error::Result;
use rusqlite::Connection;
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// Problems listed per check; the count says how many there were in all.
const MAX_LISTED: usize = 50;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DoctorCheck {
    /// `integrity`, `foreign_keys`, `case_status_history`, `remedy_totals`,
    /// `case_day_totals`, `reminders_open`, `evidence_files`.
    pub name: String,
    pub ok: bool,
    pub problems: Vec<String>,
    pub problem_count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DoctorReport {
    pub path: String,
    pub ok: bool,
    pub schema_version: i64,
    pub counts: crate::backup::DataCounts,
    pub checks: Vec<DoctorCheck>,
}

fn check(name: &str, problems: Vec<String>) -> DoctorCheck {
    let count = problems.len();
    DoctorCheck {
        name: name.to_string(),
        ok: problems.is_empty(),
        problem_count: u32::try_from(count).unwrap_or(u32::MAX),
        problems: problems.into_iter().take(MAX_LISTED).collect(),
    }
}

fn strings(conn: &Connection, sql: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn has_table(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
        [name],
        |r| r.get(0),
    )?)
}

/// Checks the database file at `path` (opened read-only) with the evidence files of its
/// folder.
pub fn run(path: &Path) -> Result<DoctorReport> {
    let conn = match open_read_only(path) {
        Ok(c) => c,
        // A file too damaged to open is a finding, not a failure to check.
        Err(e) if crate::db::is_damage(e.code()) => {
            return Ok(DoctorReport {
                path: path.display().to_string(),
                ok: false,
                schema_version: 0,
                counts: Default::default(),
                checks: vec![check("integrity", vec![e.to_string()])],
            })
        }
        Err(e) => return Err(e),
    };
    let data_dir = path.parent().unwrap_or(Path::new("."));
    examine(&conn, path, data_dir).map_err(|e| at_path(path, e))
}

/// The checks, on an open connection (read only; nothing is written).
pub fn examine(conn: &Connection, path: &Path, data_dir: &Path) -> Result<DoctorReport> {
    let mut checks = Vec::new();
    let integrity = strings(conn, "PRAGMA integrity_check(100)")?;
    let intact = integrity.len() == 1 && integrity[0] == "ok";
    checks.push(check(
        "integrity",
        if intact { Vec::new() } else { integrity },
    ));
    // On a damaged file the rest would only repeat the damage.
    if intact {
        checks.push(check("foreign_keys", foreign_keys(conn)?));
        if has_table(conn, "cases")? {
            checks.push(check("case_status_history", status_history(conn)?));
        }
        if has_table(conn, "remedies")? {
            checks.push(check("remedy_totals", remedy_totals(conn)?));
        }
        if has_table(conn, "insights_case_days")? {
            checks.push(check("case_day_totals", case_day_totals(conn)?));
        }
        if has_table(conn, "reminders")? && has_table(conn, "remedies")? {
            checks.push(check("reminders_open", reminders_open(conn)?));
        }
        if has_table(conn, "evidence")? {
            checks.push(check("evidence_files", evidence_files(conn, data_dir)?));
        }
    }
    let schema_version = crate::db::schema_version(conn)?;
    let counts = if intact {
        count_rows(conn)?
    } else {
        Default::default()
    };
    Ok(DoctorReport {
        path: path.display().to_string(),
        ok: checks.iter().all(|c| c.ok),
        schema_version,
        counts,
        checks,
    })
}

fn foreign_keys(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |r| {
        Ok(format!(
            "{} row {} points at a missing {}",
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?
                .map_or("?".to_string(), |i| i.to_string()),
            r.get::<_, String>(2)?
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn status_history(conn: &Connection) -> Result<Vec<String>> {
    strings(
        conn,
        "SELECT 'case ' || c.id || ' is ' || c.status || ' but its history ends at '
                || coalesce(last.new_value, 'nothing')
         FROM cases c
         LEFT JOIN case_events last ON last.id = (
             SELECT max(e.id) FROM case_events e
             WHERE e.case_id = c.id AND (e.field = 'status' OR e.kind = 'created'))
         WHERE last.new_value IS NOT c.status
         ORDER BY c.id",
    )
}

fn remedy_totals(conn: &Connection) -> Result<Vec<String>> {
    strings(
        conn,
        "WITH ledger AS (
             SELECT case_id, sum(cost_cents) AS cents,
                    CASE WHEN count(DISTINCT currency) > 1 THEN '*' ELSE max(currency) END AS currency
             FROM remedies WHERE status = 'delivered' GROUP BY case_id)
         SELECT 'case ' || c.id || ' records ' || coalesce(c.delivered_cost_cents, 'no')
                || ' cents delivered (' || coalesce(c.delivered_cost_currency, '-')
                || '), its ledger ' || coalesce(l.cents, 'none') || ' ('
                || coalesce(l.currency, '-') || ')'
         FROM cases c LEFT JOIN ledger l ON l.case_id = c.id
         WHERE c.delivered_cost_cents IS NOT l.cents
            OR c.delivered_cost_currency IS NOT l.currency
         ORDER BY c.id",
    )
}

fn case_day_totals(conn: &Connection) -> Result<Vec<String>> {
    strings(
        conn,
        "WITH actual AS (
             SELECT date(review_time, '+8 hours') AS day, platform, shop,
                    primary_cause AS cause, stars, count(*) AS n
             FROM cases GROUP BY 1, 2, 3, 4, 5),
         kept AS (SELECT day, platform, shop, cause, stars, cases AS n FROM insights_case_days)
         SELECT a.day || ' ' || a.platform || ' ' || a.cause || ' ' || a.stars || '★: '
                || a.n || ' case(s), the daily totals say ' || coalesce(k.n, 0)
         FROM actual a LEFT JOIN kept k USING (day, platform, shop, cause, stars)
         WHERE k.n IS NOT a.n
         UNION ALL
         SELECT k.day || ' ' || k.platform || ' ' || k.cause || ' ' || k.stars
                || '★: the daily totals say ' || k.n || ', there are no such cases'
         FROM kept k LEFT JOIN actual a USING (day, platform, shop, cause, stars)
         WHERE a.n IS NULL AND k.n <> 0",
    )
}

/// Live reminders on cases whose reminders are up to date must point at an open item.
/// A case marked dirty, or whose last recompute still saw the item open (its ledger
/// signature names it), is waiting for the scheduler's next round: not a fault.
fn reminders_open(conn: &Connection) -> Result<Vec<String>> {
    let has_state = has_table(conn, "followup_case_state")?;
    let settled = if has_state {
        "NOT EXISTS (SELECT 1 FROM followup_case_state s WHERE s.case_id = r.case_id
                     AND (s.dirty = 1 OR instr(s.commitments_sig, r.subject || ':') > 0))"
    } else {
        "1"
    };
    let sql = format!(
        "SELECT 'reminder ' || r.id || ' (' || r.kind || coalesce(' ' || nullif(r.subject, ''), '')
                || ') of case ' || r.case_id || ' points at ' || CASE
                    WHEN r.subject LIKE 'remedy:%' THEN 'a remedy that is no longer open'
                    WHEN r.subject LIKE 'promise:%' THEN 'a promise that is no longer open'
                    WHEN r.subject LIKE 'appeal:%' THEN 'an appeal no longer in draft'
                    ELSE 'a case that is ' || c.status END
         FROM reminders r JOIN cases c ON c.id = r.case_id
         WHERE r.cleared_at IS NULL AND r.dismissed_at IS NULL AND {settled}
           AND CASE
             WHEN r.subject LIKE 'remedy:%' THEN NOT EXISTS (SELECT 1 FROM remedies m
                  WHERE m.id = CAST(substr(r.subject, 8) AS INTEGER) AND m.case_id = r.case_id
                    AND m.status IN ('proposed', 'accepted'))
             WHEN r.subject LIKE 'promise:%' THEN NOT EXISTS (SELECT 1 FROM promises p
                  WHERE p.id = CAST(substr(r.subject, 9) AS INTEGER) AND p.case_id = r.case_id
                    AND p.status = 'open')
             WHEN r.subject LIKE 'appeal:%' THEN NOT EXISTS (SELECT 1 FROM appeals a
                  WHERE a.id = CAST(substr(r.subject, 8) AS INTEGER) AND a.case_id = r.case_id
                    AND a.status = 'draft')
             WHEN r.kind = 'revisit' THEN c.status <> 'resolved'
             WHEN r.kind = 'explanation_deadline' THEN c.status = 'closed'
             ELSE c.status IN ('resolved', 'closed')
           END
         ORDER BY r.id"
    );
    strings(conn, &sql)
}

fn evidence_files(conn: &Connection, data_dir: &Path) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT stored_path, min(sha256), min(size_bytes), min(file_name)
         FROM evidence GROUP BY stored_path ORDER BY stored_path",
    )?;
    let rows: Vec<(String, String, i64, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut problems = Vec::new();
    for (rel, sha, size, name) in rows {
        let Some(path) = crate::backup::evidence_file(data_dir, &rel) else {
            problems.push(format!(
                "{name}: its stored path {rel} is not a valid place"
            ));
            continue;
        };
        match crate::backup::file_hash(&path) {
            Ok((actual, len)) if actual == sha && i64::try_from(len).ok() == Some(size) => {}
            Ok(_) => problems.push(format!(
                "{name}: {} changed since it was attached (its hash differs)",
                path.display()
            )),
            Err(_) => problems.push(format!("{name}: {} is missing", path.display())),
        }
    }
    Ok(problems)
}
