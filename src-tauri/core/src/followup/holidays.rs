//! Mainland-China public holidays, for placing call-backs to buyers in China.
//!
//! Sources:
//! - 2025: 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 2024-11-12).
//! - 2026: 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04).
//! - 2027: no State Council notice yet. Listed are only the statutory days of the
//!   全国年节及纪念日放假办法 as revised in November 2024 (元旦; 除夕 to 初三; 清明;
//!   5月1–2日; 端午; 中秋; 10月1–3日) on the 2027 calendar. The bridging days and
//!   make-up working days of 2027 are unknown until the notice appears; owners add days
//!   off through `FollowupRules::extra_holidays`.

use chrono::NaiveDate;

type Ymd = (i32, u32, u32);

/// (year, month, day) ranges, inclusive, of days off.
const DAYS_OFF: &[(Ymd, Ymd)] = &[
    // 2025
    ((2025, 1, 1), (2025, 1, 1)),
    ((2025, 1, 28), (2025, 2, 4)),
    ((2025, 4, 4), (2025, 4, 6)),
    ((2025, 5, 1), (2025, 5, 5)),
    ((2025, 5, 31), (2025, 6, 2)),
    ((2025, 10, 1), (2025, 10, 8)),
    // 2026
    ((2026, 1, 1), (2026, 1, 3)),
    ((2026, 2, 15), (2026, 2, 23)),
    ((2026, 4, 4), (2026, 4, 6)),
    ((2026, 5, 1), (2026, 5, 5)),
    ((2026, 6, 19), (2026, 6, 21)),
    ((2026, 9, 25), (2026, 9, 27)),
    ((2026, 10, 1), (2026, 10, 7)),
    // 2027, statutory days only (see the module note)
    ((2027, 1, 1), (2027, 1, 1)),
    ((2027, 2, 5), (2027, 2, 8)),
    ((2027, 4, 5), (2027, 4, 5)),
    ((2027, 5, 1), (2027, 5, 2)),
    ((2027, 6, 9), (2027, 6, 9)),
    ((2027, 9, 15), (2027, 9, 15)),
    ((2027, 10, 1), (2027, 10, 3)),
];

/// Weekend days that are working days (调休上班).
const MAKEUP_WORKDAYS: &[Ymd] = &[
    (2025, 1, 26),
    (2025, 2, 8),
    (2025, 4, 27),
    (2025, 9, 28),
    (2025, 10, 11),
    (2026, 1, 4),
    (2026, 2, 14),
    (2026, 2, 28),
    (2026, 5, 9),
    (2026, 9, 20),
    (2026, 10, 10),
];

fn ymd((y, m, d): Ymd) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A public holiday (including bridging days) in mainland China.
pub fn is_cn_holiday(date: NaiveDate) -> bool {
    DAYS_OFF
        .iter()
        .any(|&(from, to)| match (ymd(from), ymd(to)) {
            (Some(a), Some(b)) => a <= date && date <= b,
            _ => false,
        })
}

/// A Saturday or Sunday on which people in mainland China work.
pub fn is_cn_makeup_workday(date: NaiveDate) -> bool {
    MAKEUP_WORKDAYS.iter().any(|&d| ymd(d) == Some(date))
}

/// Zones whose buyers follow the mainland calendar.
pub fn is_mainland_zone(tz: chrono_tz::Tz) -> bool {
    use chrono_tz::Tz;
    matches!(
        tz,
        Tz::Asia__Shanghai
            | Tz::Asia__Chongqing
            | Tz::Asia__Chungking
            | Tz::Asia__Harbin
            | Tz::Asia__Urumqi
            | Tz::Asia__Kashgar
            | Tz::PRC
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn every_listed_range_is_a_valid_ordered_date_range() {
        for &(a, b) in DAYS_OFF {
            let (a, b) = (ymd(a).unwrap(), ymd(b).unwrap());
            assert!(a <= b);
            assert!((b - a).num_days() < 10);
        }
        for &w in MAKEUP_WORKDAYS {
            let day = ymd(w).unwrap();
            assert!(
                day.weekday().num_days_from_monday() >= 5,
                "{day} is a weekend"
            );
            assert!(!is_cn_holiday(day));
        }
    }

    #[test]
    fn knows_spring_festival_and_national_day() {
        assert!(is_cn_holiday(d(2026, 2, 17)));
        assert!(is_cn_holiday(d(2025, 10, 8)));
        assert!(!is_cn_holiday(d(2025, 10, 9)));
        assert!(is_cn_holiday(d(2027, 2, 6)));
        assert!(is_cn_makeup_workday(d(2026, 2, 28)));
        assert!(!is_cn_makeup_workday(d(2026, 3, 7)));
    }
}
