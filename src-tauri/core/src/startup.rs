//! What the UI learns first: whether the database opened, where it is, and what the first
//! screen shows, all in one answer so the window waits on a single round trip.

use crate::cases;
use crate::db::Connection;
use crate::error::{ErrorPayload, Result};
use crate::followup::{self, TodayView};
use crate::settings::{self, Settings};
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
pub struct StartupStatus {
    /// Why the database could not be opened; the UI shows it instead of the inbox.
    pub error: Option<ErrorPayload>,
    pub db_path: String,
    /// A development build, with its own data directory.
    pub dev: bool,
}

/// The owner's settings and the start screen (Today), read together at start-up.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FirstScreen {
    pub settings: Settings,
    /// None when Today could not be read: the screen then asks itself and says why.
    pub today: Option<TodayView>,
    /// Whether any case is stored: an empty Today offers the demo shop only when none is.
    pub has_cases: bool,
}

/// The answer to the window's first question.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppStart {
    pub status: StartupStatus,
    /// None when the database did not open (`status.error` says why).
    pub first_screen: Option<FirstScreen>,
}

/// Reads what the first screen needs. Only the settings are required to open the window; a
/// Today that cannot be read is left to the Today screen, which asks again and shows why.
pub fn first_screen(conn: &mut Connection, now: DateTime<Utc>) -> Result<FirstScreen> {
    let settings = settings::load(conn)?;
    let today = followup::today(conn, now).ok();
    let has_cases = cases::count(conn)? > 0;
    Ok(FirstScreen {
        settings,
        today,
        has_cases,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{db, demo};

    #[test]
    fn an_empty_database_opens_on_an_empty_today() {
        let mut conn = db::open_in_memory().unwrap();
        let first = first_screen(&mut conn, Utc::now()).unwrap();
        assert!(!first.has_cases);
        assert_eq!(
            first.settings.language,
            settings::load(&conn).unwrap().language
        );
        let today = first.today.unwrap();
        assert_eq!(today.counts.due_now + today.counts.overdue, 0);
    }

    #[test]
    fn the_demo_shop_opens_on_the_same_today_as_asked_alone() {
        let mut conn = db::open_in_memory().unwrap();
        let now = Utc::now();
        demo::load(&mut conn, now).unwrap();
        let first = first_screen(&mut conn, now).unwrap();
        assert!(first.has_cases);
        let alone = followup::today(&mut conn, now).unwrap();
        assert_eq!(first.today, Some(alone));
    }
}
