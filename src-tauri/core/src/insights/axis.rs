//! The time axis: Beijing days, ISO weeks or months between two dates, and the fast
//! mapping from a stored instant to its period.
//!
//! Beijing time is UTC+8 all year (no daylight saving since 1991), so a day boundary is
//! plain arithmetic; that keeps the per-case loops free of time-zone lookups and in line
//! with `date(t, '+8 hours')` in SQL and with the review statistics' days.

use super::model::{Granularity, InsightsQuery, Period};
use crate::error::{CoreError, Result};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

pub(crate) const BEIJING_OFFSET_SECS: i64 = 8 * 3600;
const DAY_SECS: i64 = 86_400;
/// `NaiveDate::num_days_from_ce` of 1970-01-01.
const EPOCH_CE_DAY: i64 = 719_163;
/// Ten years of days: enough for any "all time" view, small enough for per-day arrays.
pub(crate) const MAX_DAYS: i64 = 3_660;

/// The instant a Beijing day begins.
pub(crate) fn day_start(d: NaiveDate) -> DateTime<Utc> {
    let secs = (i64::from(d.num_days_from_ce()) - EPOCH_CE_DAY) * DAY_SECS - BEIJING_OFFSET_SECS;
    DateTime::from_timestamp(secs, 0).unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// The Beijing day (as a day number from the common era) of a Unix time.
pub(crate) fn ce_day_of_epoch(secs: i64) -> i64 {
    (secs + BEIJING_OFFSET_SECS).div_euclid(DAY_SECS) + EPOCH_CE_DAY
}

/// The Beijing date of an instant.
pub(crate) fn beijing_date(t: DateTime<Utc>) -> NaiveDate {
    let ce = ce_day_of_epoch(t.timestamp());
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(ce).unwrap_or(i32::MAX))
        .unwrap_or(NaiveDate::MAX)
}

/// The last instant of a period whose next one starts at `next`, for inclusive bounds.
fn just_before(next: DateTime<Utc>) -> DateTime<Utc> {
    next - Duration::microseconds(1)
}

fn ce(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

pub(crate) fn period_key(g: Granularity, d: NaiveDate) -> String {
    match g {
        Granularity::Day => d.format("%Y-%m-%d").to_string(),
        Granularity::Week => d.format("%G-W%V").to_string(),
        Granularity::Month => d.format("%Y-%m").to_string(),
    }
}

/// The first day of the period `d` falls in (unclipped).
fn period_first_day(g: Granularity, d: NaiveDate) -> NaiveDate {
    match g {
        Granularity::Day => d,
        Granularity::Week => d - Duration::days(i64::from(d.weekday().num_days_from_monday())),
        Granularity::Month => d.with_day(1).unwrap_or(d),
    }
}

/// The periods of a query and, for every day of the range, the period it belongs to.
#[derive(Debug, Clone)]
pub(crate) struct Axis {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub periods: Vec<Period>,
    from_ce: i64,
    day_period: Vec<usize>,
}

impl Axis {
    pub fn new(q: &InsightsQuery) -> Result<Axis> {
        Axis::between(q.from, q.to, q.granularity)
    }

    pub fn between(from: NaiveDate, to: NaiveDate, g: Granularity) -> Result<Axis> {
        if to < from {
            return Err(CoreError::validation(
                "validation.range",
                "to",
                "the period ends before it starts",
            ));
        }
        let days = ce(to) - ce(from) + 1;
        if days > MAX_DAYS {
            return Err(CoreError::validation(
                "validation.range",
                "from",
                format!("the period is longer than {MAX_DAYS} days"),
            ));
        }
        let mut periods: Vec<Period> = Vec::new();
        let mut day_period = Vec::with_capacity(usize::try_from(days).unwrap_or(0));
        let mut d = from;
        while d <= to {
            let first = period_first_day(g, d).max(from);
            let key = period_key(g, d);
            if periods.last().map(|p| &p.key) != Some(&key) {
                periods.push(Period {
                    key,
                    first_day: first,
                    last_day: first,
                    start: day_start(first),
                    end: just_before(day_start(first + Duration::days(1))),
                });
            }
            if let Some(p) = periods.last_mut() {
                p.last_day = d;
                p.end = just_before(day_start(d + Duration::days(1)));
            }
            day_period.push(periods.len() - 1);
            d += Duration::days(1);
        }
        Ok(Axis {
            from,
            to,
            periods,
            from_ce: ce(from),
            day_period,
        })
    }

    pub fn len(&self) -> usize {
        self.periods.len()
    }

    /// First instant of the range.
    pub fn start(&self) -> DateTime<Utc> {
        day_start(self.from)
    }

    /// First instant after the range.
    pub fn end_exclusive(&self) -> DateTime<Utc> {
        day_start(self.to + Duration::days(1))
    }

    /// Last instant of the range, for inclusive filters.
    pub fn end_inclusive(&self) -> DateTime<Utc> {
        just_before(self.end_exclusive())
    }

    pub fn index_of_ce_day(&self, ce_day: i64) -> Option<usize> {
        let i = usize::try_from(ce_day - self.from_ce).ok()?;
        self.day_period.get(i).copied()
    }

    pub fn index_of_epoch(&self, secs: i64) -> Option<usize> {
        self.index_of_ce_day(ce_day_of_epoch(secs))
    }

    pub fn index_of_date(&self, d: NaiveDate) -> Option<usize> {
        self.index_of_ce_day(ce(d))
    }

    /// `YYYY-MM-DD` text of a day (as stored in review_stats and the day rollups).
    pub fn index_of_day_text(&self, day: &str) -> Option<usize> {
        NaiveDate::parse_from_str(day, "%Y-%m-%d")
            .ok()
            .and_then(|d| self.index_of_date(d))
    }
}

/// `part / whole` in basis points, rounded half up; none when `whole` is 0.
pub(crate) fn rate_bp(part: u64, whole: u64) -> Option<u32> {
    if whole == 0 {
        return None;
    }
    let bp = (u128::from(part) * 10_000 + u128::from(whole) / 2) / u128::from(whole);
    Some(u32::try_from(bp).unwrap_or(u32::MAX))
}

/// The median; for an even count the mean of the two middle values, rounded half up.
pub(crate) fn median(values: &mut [i64]) -> Option<i64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let mid = n / 2;
    let (_, upper, _) = values.select_nth_unstable(mid);
    let upper = *upper;
    if n % 2 == 1 {
        return Some(upper);
    }
    let lower = values[..mid].iter().copied().max().unwrap_or(upper);
    Some((lower + upper).div_euclid(2) + (lower + upper).rem_euclid(2))
}

/// The date range of the day, ISO week or month around `anchor`, for the report's
/// daily, weekly and monthly presets.
pub fn period_around(g: Granularity, anchor: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = period_first_day(g, anchor);
    let last = match g {
        Granularity::Day => anchor,
        Granularity::Week => first + Duration::days(6),
        Granularity::Month => {
            let (y, m) = if first.month() == 12 {
                (first.year() + 1, 1)
            } else {
                (first.year(), first.month() + 1)
            };
            NaiveDate::from_ymd_opt(y, m, 1)
                .map(|next| next - Duration::days(1))
                .unwrap_or(first)
        }
    };
    (first, last)
}

/// The Unix time of a stored instant (`db::sql_time`'s `2026-11-23 04:05:06.789+00:00`,
/// or RFC 3339), fractions dropped. The per-case loops read the stored text and call
/// this instead of SQLite's `unixepoch()`, which costs them about half their time.
pub(crate) fn epoch_of_stored(text: &str) -> Option<i64> {
    fast_epoch(text.as_bytes()).or_else(|| {
        DateTime::parse_from_str(text, "%F %T%.f%:z")
            .or_else(|_| DateTime::parse_from_rfc3339(text))
            .ok()
            .map(|t| t.timestamp())
    })
}

/// `YYYY-MM-DD[ T]HH:MM:SS[.f…](Z|±HH:MM)`; None for anything else.
fn fast_epoch(b: &[u8]) -> Option<i64> {
    fn num(b: &[u8], at: usize, len: usize) -> Option<i64> {
        let digits = b.get(at..at + len)?;
        digits.iter().try_fold(0i64, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + i64::from(c - b'0'))
        })
    }
    let sep = |at: usize, c: &[u8]| b.get(at).is_some_and(|x| c.contains(x));
    if !(sep(4, b"-") && sep(7, b"-") && sep(10, b" T") && sep(13, b":") && sep(16, b":")) {
        return None;
    }
    let (y, m, d) = (num(b, 0, 4)?, num(b, 5, 2)?, num(b, 8, 2)?);
    let (hh, mm, ss) = (num(b, 11, 2)?, num(b, 14, 2)?, num(b, 17, 2)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    let offset = match b.get(i..)? {
        b"Z" | b"z" => 0,
        [sign @ (b'+' | b'-'), ..] if b.len() == i + 6 && b[i + 3] == b':' => {
            let secs = num(b, i + 1, 2)? * 3600 + num(b, i + 4, 2)? * 60;
            if *sign == b'+' {
                secs
            } else {
                -secs
            }
        }
        _ => return None,
    };
    Some(days_from_civil(y, m, d) * DAY_SECS + hh * 3600 + mm * 60 + ss - offset)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    #[test]
    fn stored_instants_parse_to_the_same_second_as_chrono() {
        use crate::db::sql_time;
        let samples = [
            "1970-01-01T00:00:00Z",
            "1999-12-31T23:59:59.999Z",
            "2000-02-29T12:00:00Z",
            "2024-02-29T16:00:00.5Z",
            "2026-11-23T04:05:06.789012Z",
            "2100-03-01T00:00:00Z",
        ];
        for s in samples {
            let t = DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
            assert_eq!(epoch_of_stored(&sql_time(t)), Some(t.timestamp()), "{s}");
            assert_eq!(epoch_of_stored(s), Some(t.timestamp()), "{s}");
        }
        let mut t = DateTime::parse_from_rfc3339("1969-06-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        for _ in 0..2_000 {
            assert_eq!(epoch_of_stored(&sql_time(t)), Some(t.timestamp()), "{t}");
            t += Duration::seconds(86_400 * 37 + 3_671);
        }
        assert_eq!(
            epoch_of_stored("2026-11-23 12:00:00+08:00"),
            epoch_of_stored("2026-11-23 04:00:00Z")
        );
        assert_eq!(
            epoch_of_stored("2026-11-22 23:00:00-05:00"),
            epoch_of_stored("2026-11-23T04:00:00+00:00")
        );
        for bad in [
            "",
            "2026-11-23",
            "2026-13-01 00:00:00Z",
            "not a time",
            "2026-11-23 04:00:00",
        ] {
            assert_eq!(epoch_of_stored(bad), None, "{bad}");
        }
    }
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn beijing_days_start_at_16_utc() {
        assert_eq!(
            day_start(d("2026-11-20")).to_rfc3339(),
            "2026-11-19T16:00:00+00:00"
        );
        let t = DateTime::parse_from_rfc3339("2026-11-19T16:00:00Z")
            .unwrap()
            .timestamp();
        assert_eq!(ce_day_of_epoch(t), ce(d("2026-11-20")));
        assert_eq!(ce_day_of_epoch(t - 1), ce(d("2026-11-19")));
    }

    #[test]
    fn weeks_are_iso_and_clipped() {
        // 2026-11-18 is a Wednesday; the week ends on Sunday 11-22.
        let a = Axis::between(d("2026-11-18"), d("2026-11-30"), Granularity::Week).unwrap();
        let keys: Vec<&str> = a.periods.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(keys, ["2026-W47", "2026-W48", "2026-W49"]);
        assert_eq!(a.periods[0].first_day, d("2026-11-18"));
        assert_eq!(a.periods[0].last_day, d("2026-11-22"));
        assert_eq!(a.periods[2].first_day, d("2026-11-30"));
        assert_eq!(a.index_of_date(d("2026-11-23")), Some(1));
        assert_eq!(a.index_of_date(d("2026-12-01")), None);
        assert_eq!(
            a.periods[1].end.to_rfc3339(),
            "2026-11-29T15:59:59.999999+00:00"
        );
    }

    #[test]
    fn months_and_presets() {
        let a = Axis::between(d("2026-01-15"), d("2026-03-01"), Granularity::Month).unwrap();
        let keys: Vec<&str> = a.periods.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(keys, ["2026-01", "2026-02", "2026-03"]);
        assert_eq!(
            period_around(Granularity::Month, d("2024-02-10")),
            (d("2024-02-01"), d("2024-02-29"))
        );
        assert_eq!(
            period_around(Granularity::Week, d("2026-11-22")),
            (d("2026-11-16"), d("2026-11-22"))
        );
        assert!(Axis::between(d("2026-02-01"), d("2026-01-01"), Granularity::Day).is_err());
    }

    #[test]
    fn medians_and_rates() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [5, 1, 3]), Some(3));
        assert_eq!(median(&mut [4, 1, 3, 10]), Some(4)); // (3 + 4) / 2 = 3.5 → 4
        assert_eq!(rate_bp(1, 3), Some(3333));
        assert_eq!(rate_bp(2, 3), Some(6667));
        assert_eq!(rate_bp(0, 0), None);
    }
}
