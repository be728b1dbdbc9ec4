//! Which backups are kept: the newest backup of each of the last 7 days and of each of
//! the last 4 weeks (daily backups), every other backup for 30 days, and — whatever its
//! age — the newest good backup. Evidence files no kept backup names go too. Only files
//! this module's naming could have made are ever touched.

use super::catalog::{info_from_manifest, manifests_in};
use super::files::{remove_if_present, PARTIAL};
use super::model::BackupReason;
use super::snapshot::FILE_PREFIX;
use crate::error::Result;
use chrono::{DateTime, Datelike, Duration, Utc};
use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::path::Path;
use std::time::SystemTime;

pub const DAILY_KEPT: usize = 7;
pub const WEEKLY_KEPT: usize = 4;
pub const OPERATION_DAYS: i64 = 30;
/// Leftovers of an interrupted write are removed once they are this old (a younger one
/// may belong to a backup in progress in another process).
const STALE_PARTIAL: std::time::Duration = std::time::Duration::from_secs(3600);

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PruneReport {
    pub removed: Vec<String>,
    pub kept: usize,
    pub evidence_removed: usize,
}

/// The stems to keep among `(stem, reason, created_at, good)`, newest first.
pub(crate) fn keep_set(
    backups: &[(String, BackupReason, DateTime<Utc>, bool)],
    now: DateTime<Utc>,
) -> HashSet<String> {
    let mut keep = HashSet::new();
    if let Some((stem, ..)) = backups.iter().find(|b| b.3) {
        keep.insert(stem.clone());
    }
    let daily: Vec<&(String, BackupReason, DateTime<Utc>, bool)> = backups
        .iter()
        .filter(|b| b.1 == BackupReason::Daily && b.3)
        .collect();
    // Newest first, so the first backup met of a day (or week) is its newest.
    let mut days = BTreeSet::new();
    for (stem, _, at, _) in &daily {
        let day = at.date_naive();
        if days.len() < DAILY_KEPT && days.insert(day) {
            keep.insert(stem.clone());
        }
    }
    // Weekly backups reach back beyond the daily ones.
    let oldest_daily = days.iter().next().copied();
    let mut weeks = BTreeSet::new();
    for (stem, _, at, _) in &daily {
        if oldest_daily.is_some_and(|d| at.date_naive() >= d) {
            continue;
        }
        let week = (at.iso_week().year(), at.iso_week().week());
        if weeks.len() < WEEKLY_KEPT && weeks.insert(week) {
            keep.insert(stem.clone());
        }
    }
    for (stem, reason, at, _) in backups {
        if *reason != BackupReason::Daily && now - *at <= Duration::days(OPERATION_DAYS) {
            keep.insert(stem.clone());
        }
    }
    keep
}

fn older_than(path: &Path, age: std::time::Duration) -> bool {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .is_some_and(|d| d > age)
}

/// Applies the rule to the backups in `dir`.
pub fn prune(dir: &Path, now: DateTime<Utc>) -> Result<PruneReport> {
    let manifests = manifests_in(dir);
    let rows: Vec<(String, BackupReason, DateTime<Utc>, bool)> = manifests
        .iter()
        .map(|(p, m)| {
            let stem = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            (
                stem,
                m.reason,
                m.created_at,
                info_from_manifest(dir, m).good,
            )
        })
        .collect();
    let keep = keep_set(&rows, now);
    let mut report = PruneReport::default();
    let mut needed: HashSet<String> = HashSet::new();
    for (path, m) in &manifests {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if keep.contains(&stem) {
            report.kept += 1;
            needed.extend(m.evidence.iter().map(|e| e.stored_path.clone()));
            continue;
        }
        // Manifest first: a backup without its manifest is not listed any more.
        remove_if_present(path)?;
        remove_if_present(&dir.join(&m.file_name))?;
        report.removed.push(stem);
    }
    // Leftovers of interrupted backups, and database files whose manifest never came.
    if let Ok(entries) = fs::read_dir(dir) {
        for p in entries.filter_map(|e| e.ok()).map(|e| e.path()) {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if !name.starts_with(FILE_PREFIX) {
                continue;
            }
            let orphan_db = name.ends_with(".db") && !p.with_extension("json").exists();
            if (name.ends_with(PARTIAL) || orphan_db) && older_than(&p, STALE_PARTIAL) {
                remove_if_present(&p)?;
            }
        }
    }
    report.evidence_removed = prune_evidence(dir, &needed)?;
    Ok(report)
}

fn prune_evidence(dir: &Path, needed: &HashSet<String>) -> Result<usize> {
    let root = dir.join(crate::appeals::EVIDENCE_DIR);
    let Ok(prefixes) = fs::read_dir(&root) else {
        return Ok(0);
    };
    let mut removed = 0;
    for prefix in prefixes.filter_map(|e| e.ok()) {
        let Ok(files) = fs::read_dir(prefix.path()) else {
            continue;
        };
        for f in files.filter_map(|e| e.ok()) {
            let rel = format!(
                "{}/{}/{}",
                crate::appeals::EVIDENCE_DIR,
                prefix.file_name().to_string_lossy(),
                f.file_name().to_string_lossy()
            );
            let ours = super::files::evidence_hash_of(&rel).is_some() || rel.ends_with(PARTIAL);
            // Young files may belong to a backup still being written in another process.
            if ours && !needed.contains(&rel) && older_than(&f.path(), STALE_PARTIAL) {
                remove_if_present(&f.path())?;
                removed += 1;
            }
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn seven_daily_four_weekly_thirty_days_and_the_newest_good() {
        let now = at("2026-12-31T12:00:00Z");
        let mut rows = Vec::new();
        // Two daily backups a day for 60 days, newest first.
        for d in 0..60 {
            for h in [20, 8] {
                let t = now - Duration::days(d) - Duration::hours(12) + Duration::hours(h);
                rows.push((format!("d{d}-{h}"), BackupReason::Daily, t, true));
            }
        }
        rows.push((
            "imp-10".into(),
            BackupReason::BeforeImport,
            now - Duration::days(10),
            true,
        ));
        rows.push((
            "imp-40".into(),
            BackupReason::BeforeImport,
            now - Duration::days(40),
            true,
        ));
        rows.sort_by_key(|r| std::cmp::Reverse(r.2));
        let keep = keep_set(&rows, now);
        for d in 0..7 {
            assert!(keep.contains(&format!("d{d}-20")), "day {d}");
            assert!(!keep.contains(&format!("d{d}-8")), "one per day");
        }
        assert!(keep.contains("imp-10"));
        assert!(!keep.contains("imp-40"));
        let dailies = keep.iter().filter(|s| s.starts_with('d')).count();
        assert_eq!(dailies, 11, "{keep:?}");
        assert!(!keep.contains("d59-20"));

        // Only old backups: the newest good one stays whatever its age.
        let old = vec![
            (
                "bad".to_string(),
                BackupReason::Manual,
                now - Duration::days(90),
                false,
            ),
            (
                "old".to_string(),
                BackupReason::Manual,
                now - Duration::days(100),
                true,
            ),
        ];
        let keep = keep_set(&old, now);
        assert!(keep.contains("old"));
        assert!(!keep.contains("bad"));
    }
}
