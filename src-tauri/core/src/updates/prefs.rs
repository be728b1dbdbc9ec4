//! Whether and when the app looks for updates by itself. Kept in a small file beside the
//! database rather than in it: an owner whose database cannot be opened (say, one written
//! by a newer version) must still be able to get the update that reads it.

use crate::error::Result;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

pub const PREFS_FILE: &str = "updates.json";

/// The quiet check runs at most this often.
pub const QUIET_CHECK_EVERY: Duration = Duration::hours(24);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct UpdatePrefs {
    /// Look for a new version quietly at start, at most once a day.
    pub auto_check: bool,
    /// When the app last asked the update source (quietly or by hand), answered or not.
    pub last_check: Option<DateTime<Utc>>,
}

impl Default for UpdatePrefs {
    fn default() -> Self {
        UpdatePrefs {
            auto_check: true,
            last_check: None,
        }
    }
}

/// The owner's update preferences; a missing or damaged file gives the defaults.
pub fn load_prefs(data_dir: &Path) -> UpdatePrefs {
    std::fs::read_to_string(data_dir.join(PREFS_FILE))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

/// Writes the preferences through a temporary file and a rename, so a crash mid-write
/// leaves the previous file, never half of one.
pub fn save_prefs(data_dir: &Path, prefs: &UpdatePrefs) -> Result<()> {
    std::fs::create_dir_all(data_dir)?;
    let tmp = data_dir.join(format!("{PREFS_FILE}.tmp"));
    std::fs::write(&tmp, serde_json::to_vec_pretty(prefs)?)?;
    std::fs::rename(&tmp, data_dir.join(PREFS_FILE))?;
    Ok(())
}

/// Whether the quiet check at start should run now: switched on, and the last check is a
/// day old or more. A last check "in the future" (the clock was set back) counts as due, so
/// a wrong clock cannot silence the check for good.
pub fn quiet_check_due(prefs: &UpdatePrefs, now: DateTime<Utc>) -> bool {
    if !prefs.auto_check {
        return false;
    }
    match prefs.last_check {
        None => true,
        Some(last) => last > now || now - last >= QUIET_CHECK_EVERY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_fresh_profile_checks_once_then_waits_a_day() {
        let now = at("2026-12-01T09:00:00Z");
        let mut prefs = UpdatePrefs::default();
        assert!(prefs.auto_check, "on unless the owner turns it off");
        assert!(quiet_check_due(&prefs, now));
        prefs.last_check = Some(now);
        assert!(!quiet_check_due(&prefs, now));
        assert!(!quiet_check_due(&prefs, at("2026-12-02T08:59:59Z")));
        assert!(quiet_check_due(&prefs, at("2026-12-02T09:00:00Z")));
    }

    #[test]
    fn turned_off_never_checks_quietly() {
        let prefs = UpdatePrefs {
            auto_check: false,
            last_check: None,
        };
        assert!(!quiet_check_due(&prefs, at("2026-12-01T09:00:00Z")));
    }

    #[test]
    fn a_clock_set_back_does_not_silence_the_check() {
        let prefs = UpdatePrefs {
            auto_check: true,
            last_check: Some(at("2027-06-01T00:00:00Z")),
        };
        assert!(quiet_check_due(&prefs, at("2026-12-01T09:00:00Z")));
    }

    #[test]
    fn saved_prefs_come_back_and_damage_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load_prefs(dir.path()), UpdatePrefs::default());
        let prefs = UpdatePrefs {
            auto_check: false,
            last_check: Some(at("2026-12-01T09:00:00Z")),
        };
        save_prefs(&dir.path().join("new"), &prefs).unwrap();
        assert_eq!(load_prefs(&dir.path().join("new")), prefs);
        assert!(!dir.path().join("new").join("updates.json.tmp").exists());
        std::fs::write(dir.path().join(PREFS_FILE), "{not json").unwrap();
        assert_eq!(load_prefs(dir.path()), UpdatePrefs::default());
    }
}
