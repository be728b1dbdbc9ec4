//! Call-back windows: the hours buyers pick up, in the buyer's own zone. Every function
//! takes the zone explicitly; nothing here looks at the computer's zone.

use super::holidays;
use super::rules::FollowupRules;
use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime};
use chrono::{Offset, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One concrete window on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CallWindow {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The buyer's zone, e.g. `Asia/Shanghai`.
    pub tz: String,
    /// The buyer's local date and times, as the owner should read them.
    #[ts(type = "string")]
    pub local_date: NaiveDate,
    pub local_start: String,
    pub local_end: String,
}

/// How far ahead to look for an allowed day: a year covers any sane combination of
/// weekends, holidays and days off.
const SEARCH_DAYS: i64 = 400;

/// The instant a local wall-clock time names. In the spring-forward gap the time is read
/// with the offset in force before the gap (so 02:30 becomes 03:30, as RFC 5545 and
/// java.time do); in the autumn overlap the earlier instant wins.
pub fn resolve_local(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(a, _) => a.with_timezone(&Utc),
        LocalResult::None => {
            let before = tz
                .from_local_datetime(&(local - Duration::days(1)))
                .earliest()
                .map(|t| t.offset().fix());
            match before {
                Some(off) => {
                    (local - Duration::seconds(i64::from(off.local_minus_utc()))).and_utc()
                }
                None => local.and_utc(),
            }
        }
    }
}

/// Whether calls may be placed on this local date in this zone.
pub fn day_allowed(date: NaiveDate, tz: Tz, rules: &FollowupRules) -> bool {
    let mainland = holidays::is_mainland_zone(tz);
    if !rules.call_on_holidays
        && ((mainland && holidays::is_cn_holiday(date)) || rules.extra_holidays.contains(&date))
    {
        return false;
    }
    let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
    if weekend && !rules.call_on_weekends {
        return mainland && holidays::is_cn_makeup_workday(date);
    }
    true
}

fn window_on(date: NaiveDate, (a, b): (NaiveTime, NaiveTime), tz: Tz) -> CallWindow {
    CallWindow {
        start: resolve_local(tz, date.and_time(a)),
        end: resolve_local(tz, date.and_time(b)),
        tz: tz.name().to_string(),
        local_date: date,
        local_start: a.format("%H:%M").to_string(),
        local_end: b.format("%H:%M").to_string(),
    }
}

/// The first window, from the local day of `from` on, that satisfies `accept`.
fn first_window(
    from: DateTime<Utc>,
    tz: Tz,
    rules: &FollowupRules,
    accept: impl Fn(&CallWindow) -> bool,
) -> Option<CallWindow> {
    let spans = rules.parsed_windows();
    if spans.is_empty() {
        return None;
    }
    let first_day = from.with_timezone(&tz).date_naive();
    for offset in 0..SEARCH_DAYS {
        let day = first_day + Duration::days(offset);
        if !day_allowed(day, tz, rules) {
            continue;
        }
        for span in &spans {
            let w = window_on(day, *span, tz);
            if accept(&w) {
                return Some(w);
            }
        }
    }
    None
}

/// The next window that starts strictly after `now`.
pub fn next_window_start(now: DateTime<Utc>, tz: Tz, rules: &FollowupRules) -> Option<CallWindow> {
    first_window(now, tz, rules, |w| w.start > now)
}

/// The window open at `t`, or else the next one: the first window not yet over.
pub fn window_at_or_after(t: DateTime<Utc>, tz: Tz, rules: &FollowupRules) -> Option<CallWindow> {
    first_window(t, tz, rules, |w| w.end > t)
}

/// The window open right now, if any.
pub fn current_window(now: DateTime<Utc>, tz: Tz, rules: &FollowupRules) -> Option<CallWindow> {
    window_at_or_after(now, tz, rules).filter(|w| w.start <= now)
}

/// `owner_day_start` on the owner's next local day.
pub fn owner_tomorrow_morning(now: DateTime<Utc>, rules: &FollowupRules) -> DateTime<Utc> {
    let tz = rules.owner_zone();
    let tomorrow = now.with_timezone(&tz).date_naive() + Duration::days(1);
    resolve_local(tz, tomorrow.and_time(rules.owner_day_start_time()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::followup::rules::WindowRule;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    const SH: Tz = Tz::Asia__Shanghai;
    const NY: Tz = Tz::America__New_York;
    const BER: Tz = Tz::Europe__Berlin;

    #[test]
    fn shanghai_windows_at_noon_and_evening() {
        let r = FollowupRules::default();
        // 10:00 in Shanghai on Tuesday 2026-11-24.
        let w = next_window_start(t("2026-11-24T02:00:00Z"), SH, &r).unwrap();
        assert_eq!(w.start, t("2026-11-24T04:00:00Z"));
        assert_eq!(w.end, t("2026-11-24T05:00:00Z"));
        assert_eq!(
            (w.local_start.as_str(), w.local_end.as_str()),
            ("12:00", "13:00")
        );
        // Inside the noon window: the next *start* is the evening one.
        let w = next_window_start(t("2026-11-24T04:30:00Z"), SH, &r).unwrap();
        assert_eq!(w.start, t("2026-11-24T10:00:00Z"));
        assert_eq!(w.end, t("2026-11-24T12:00:00Z"));
        // …but the open window counts for "at or after" and "current".
        let open = window_at_or_after(t("2026-11-24T04:30:00Z"), SH, &r).unwrap();
        assert_eq!(open.start, t("2026-11-24T04:00:00Z"));
        assert!(current_window(t("2026-11-24T04:30:00Z"), SH, &r).is_some());
        assert!(current_window(t("2026-11-24T06:00:00Z"), SH, &r).is_none());
        // After 20:00 → tomorrow noon.
        let w = next_window_start(t("2026-11-24T12:30:00Z"), SH, &r).unwrap();
        assert_eq!(w.start, t("2026-11-25T04:00:00Z"));
        assert_eq!(w.local_date, NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
    }

    #[test]
    fn new_york_windows_stay_at_local_noon_across_spring_forward() {
        let r = FollowupRules::default();
        // Sat 2026-03-07 12:30 EST (UTC−5): the next window is 18:00 EST = 23:00Z.
        let w = next_window_start(t("2026-03-07T17:30:00Z"), NY, &r).unwrap();
        assert_eq!(w.start, t("2026-03-07T23:00:00Z"));
        // Clocks go forward at 02:00 on Sun 2026-03-08; noon is now 16:00Z (EDT, UTC−4).
        let w = next_window_start(t("2026-03-08T01:00:00Z"), NY, &r).unwrap();
        assert_eq!(w.start, t("2026-03-08T16:00:00Z"));
        assert_eq!(w.local_start, "12:00");
        let w = next_window_start(w.start, NY, &r).unwrap();
        assert_eq!(w.start, t("2026-03-08T22:00:00Z"));
        assert_eq!(w.end, t("2026-03-09T00:00:00Z"));
    }

    #[test]
    fn new_york_windows_stay_at_local_time_across_fall_back() {
        let r = FollowupRules::default();
        // Sun 2026-11-01 clocks go back at 02:00 EDT → 01:00 EST; 18:00 EST = 23:00Z.
        let w = next_window_start(t("2026-11-01T17:00:00Z"), NY, &r).unwrap();
        assert_eq!(w.start, t("2026-11-01T23:00:00Z"));
        // The day before, 18:00 EDT = 22:00Z.
        let w = next_window_start(t("2026-10-31T17:00:00Z"), NY, &r).unwrap();
        assert_eq!(w.start, t("2026-10-31T22:00:00Z"));
    }

    #[test]
    fn berlin_windows_across_both_switches() {
        let r = FollowupRules::default();
        // Sat 2026-03-28 18:00 CET = 17:00Z; Sun 2026-03-29 (CEST) 12:00 = 10:00Z.
        let w = next_window_start(t("2026-03-28T12:30:00Z"), BER, &r).unwrap();
        assert_eq!(w.start, t("2026-03-28T17:00:00Z"));
        let w = next_window_start(w.start, BER, &r).unwrap();
        assert_eq!(w.start, t("2026-03-29T10:00:00Z"));
        assert_eq!(w.end, t("2026-03-29T11:00:00Z"));
        // Autumn: Sun 2026-10-25 back to CET; 12:00 = 11:00Z.
        let w = next_window_start(t("2026-10-25T02:00:00Z"), BER, &r).unwrap();
        assert_eq!(w.start, t("2026-10-25T11:00:00Z"));
    }

    #[test]
    fn a_window_inside_the_dst_gap_or_overlap_still_resolves() {
        let r = FollowupRules {
            windows: vec![WindowRule {
                start: "02:30".into(),
                end: "03:30".into(),
            }],
            ..FollowupRules::default()
        };
        // 2026-03-08 02:30 does not exist in New York: read with EST → 07:30Z (03:30 EDT).
        let w = next_window_start(t("2026-03-08T05:00:00Z"), NY, &r).unwrap();
        assert_eq!(w.start, t("2026-03-08T07:30:00Z"));
        assert_eq!(w.end, t("2026-03-08T07:30:00Z"));
        let r = FollowupRules {
            windows: vec![WindowRule {
                start: "01:30".into(),
                end: "03:00".into(),
            }],
            ..FollowupRules::default()
        };
        // 2026-11-01 01:30 happens twice: the first (EDT, 05:30Z) is taken.
        let w = next_window_start(t("2026-11-01T04:00:00Z"), NY, &r).unwrap();
        assert_eq!(w.start, t("2026-11-01T05:30:00Z"));
        assert_eq!(w.end, t("2026-11-01T08:00:00Z"));
    }

    #[test]
    fn weekends_and_holidays_can_be_skipped() {
        let mut r = FollowupRules::default();
        // Default: no calls on mainland holidays. 2026-10-01..07 is National Day.
        let w = next_window_start(t("2026-09-30T13:00:00Z"), SH, &r).unwrap();
        assert_eq!(w.local_date, NaiveDate::from_ymd_opt(2026, 10, 8).unwrap());
        // The same dates are ordinary days for a buyer in Berlin.
        let w = next_window_start(t("2026-09-30T19:00:00Z"), BER, &r).unwrap();
        assert_eq!(w.local_date, NaiveDate::from_ymd_opt(2026, 10, 1).unwrap());
        r.call_on_holidays = true;
        let w = next_window_start(t("2026-09-30T13:00:00Z"), SH, &r).unwrap();
        assert_eq!(w.local_date, NaiveDate::from_ymd_opt(2026, 10, 1).unwrap());
        // Weekends off: Friday evening → Monday noon…
        r.call_on_weekends = false;
        let w = next_window_start(t("2026-11-27T12:30:00Z"), SH, &r).unwrap();
        assert_eq!(w.local_date, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        // …except on a make-up working Saturday (2026-10-10).
        let w = next_window_start(t("2026-10-09T12:30:00Z"), SH, &r).unwrap();
        assert_eq!(w.local_date, NaiveDate::from_ymd_opt(2026, 10, 10).unwrap());
        // The owner's own day off applies in any zone.
        r.extra_holidays = vec![NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()];
        r.call_on_holidays = false;
        let w = next_window_start(t("2026-11-30T12:30:00Z"), SH, &r).unwrap();
        assert_eq!(w.local_date, NaiveDate::from_ymd_opt(2026, 12, 2).unwrap());
    }

    #[test]
    fn no_windows_means_no_window() {
        let mut r = FollowupRules::default();
        r.windows.clear();
        assert!(next_window_start(t("2026-11-24T02:00:00Z"), SH, &r).is_none());
    }

    #[test]
    fn tomorrow_morning_is_in_the_owners_zone() {
        let mut r = FollowupRules {
            owner_tz: "Europe/Berlin".into(),
            ..FollowupRules::default()
        };
        // 23:30 Berlin on 2026-11-23 → 09:00 Berlin on 2026-11-24 = 08:00Z.
        assert_eq!(
            owner_tomorrow_morning(t("2026-11-23T22:30:00Z"), &r),
            t("2026-11-24T08:00:00Z")
        );
        r.owner_tz = "Asia/Shanghai".into();
        // Same instant is already 06:30 on the 24th in Shanghai → 09:00 on the 25th.
        assert_eq!(
            owner_tomorrow_morning(t("2026-11-23T22:30:00Z"), &r),
            t("2026-11-25T01:00:00Z")
        );
    }
}
