//! Reading single cells: stars, times, money and order numbers as seller backends and
//! spreadsheets print them.

use super::model::{RatingMap, RatingValue};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// Stars from a rating cell. `None` when the text is not a rating.
pub(crate) fn parse_stars(text: &str, map: &RatingMap) -> Option<u8> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    match map {
        RatingMap::Auto => auto_stars(t),
        RatingMap::Values { values } => table_stars(t, values),
    }
}

fn table_stars(t: &str, values: &[RatingValue]) -> Option<u8> {
    let lower = t.to_lowercase();
    let numeric = t.parse::<f64>().ok();
    values
        .iter()
        .find(|v| {
            let key = v.value.trim().to_lowercase();
            key == lower || (numeric.is_some() && key.parse::<f64>().ok() == numeric)
        })
        .map(|v| v.stars)
        .filter(|s| (1..=5).contains(s))
}

fn auto_stars(t: &str) -> Option<u8> {
    let lower = t.to_lowercase();
    // Taobao's three grades; 中评 sits in the middle of the scale, 差评 at the bottom.
    match lower.as_str() {
        "good" | "好评" | "positive" | "好" | "pos" | "正面" | "积极" => return Some(5),
        "neutral" | "中评" | "一般" | "neu" | "中性" | "中立" => return Some(3),
        "bad" | "差评" | "negative" | "差" | "neg" | "负面" | "消极" => return Some(1),
        _ => {}
    }
    // Dianping pages mark stars with a CSS class, `sml-str40`, that scrapers copy as it is.
    if let Some(tens) = lower.strip_prefix("sml-str") {
        let n: u8 = tens.parse().ok()?;
        // Half stars round up, as `4.5` does below.
        return (10..=50).contains(&n).then_some(n.div_ceil(10));
    }
    if t.contains('★') || t.contains('☆') {
        let filled = t.chars().filter(|&c| c == '★').count();
        return u8::try_from(filled).ok().filter(|s| (1..=5).contains(s));
    }
    let zh_digits = [
        ('一', 1u8),
        ('二', 2),
        ('两', 2),
        ('三', 3),
        ('四', 4),
        ('五', 5),
    ];
    if let Some((_, n)) = zh_digits
        .iter()
        .find(|(c, _)| t.starts_with(*c) && (t.contains('星') || t.contains('分')))
    {
        return Some(*n);
    }
    let num_end = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map(|(i, _)| i)
        .unwrap_or(t.len());
    let value: f64 = t[..num_end].parse().ok()?;
    let rest = t[num_end..].trim().to_lowercase();
    let scaled = if rest.starts_with("/10") {
        value / 2.0
    } else if rest.is_empty()
        || rest.starts_with('星')
        || rest.starts_with('分')
        || rest.starts_with("star")
        || rest.starts_with("/5")
        || rest.starts_with("out of 5")
    {
        value
    } else {
        return None;
    };
    if !(0.5..=5.0).contains(&scaled) {
        return None;
    }
    Some(scaled.round().clamp(1.0, 5.0) as u8)
}

/// A time as printed by a backend or a spreadsheet, read in `tz` unless it carries an
/// offset. A bare date is read as noon, so the day stays the same in any zone nearby.
pub(crate) fn parse_when(text: &str, tz: Tz) -> Option<DateTime<Utc>> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if let Some(naive) = common_layout(t) {
        return local(naive, tz);
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Some(dt.with_timezone(&Utc));
    }
    for f in [
        "%Y-%m-%d %H:%M:%S%.f %z",
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(t, f) {
            return Some(dt.with_timezone(&Utc));
        }
    }
    if t.len() >= 10 && t.len() <= 13 && t.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = t.parse().ok()?;
        let secs = if t.len() == 13 { n / 1000 } else { n };
        return DateTime::from_timestamp(secs, 0);
    }
    if let Some(naive) = excel_serial(t) {
        return local(naive, tz);
    }
    let mut normalized = t.replace(['年', '月'], "-").replace('日', " ");
    if normalized.as_bytes().get(10) == Some(&b'T') {
        normalized.replace_range(10..11, " ");
    }
    let naive = parse_naive(normalized.trim())?;
    local(naive, tz)
}

/// `YYYY-MM-DD HH:MM[:SS]` with `-` or `/`, one- or two-digit parts: what nearly every
/// backend export prints, read without trying format strings one by one.
fn common_layout(t: &str) -> Option<NaiveDateTime> {
    let b = t.as_bytes();
    let mut nums = [0u32; 6];
    let mut count = 0;
    let mut i = 0;
    while i < b.len() && count < 6 {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            nums[count] = nums[count]
                .checked_mul(10)?
                .checked_add(u32::from(b[i] - b'0'))?;
            i += 1;
        }
        let digits = i - start;
        let ok_len = if count == 0 {
            digits == 4
        } else {
            (1..=2).contains(&digits)
        };
        if !ok_len {
            return None;
        }
        count += 1;
        if i == b.len() {
            break;
        }
        let sep = b[i];
        let expected = match count {
            1 | 2 => sep == b'-' || sep == b'/',
            3 => sep == b' ' || sep == b'T',
            4 | 5 => sep == b':',
            _ => false,
        };
        if !expected {
            return None;
        }
        i += 1;
        if count == 2 && b.get(i - 1) != b.get(4) {
            return None;
        }
    }
    if i != b.len() || !(count == 5 || count == 6) {
        return None;
    }
    NaiveDate::from_ymd_opt(nums[0] as i32, nums[1], nums[2])?
        .and_hms_opt(nums[3], nums[4], nums[5])
}

/// A spreadsheet date stored as a bare number of days since 1899-12-30 (what a date
/// cell without its style reads as): plausible for 1954–2119 only.
fn excel_serial(t: &str) -> Option<NaiveDateTime> {
    let days: f64 = t.parse().ok()?;
    if !(20_000.0..80_000.0).contains(&days) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_hms_opt(0, 0, 0)?;
    let secs = (days * 86_400.0).round() as i64;
    Some(epoch + Duration::seconds(secs))
}

fn local(naive: NaiveDateTime, tz: Tz) -> Option<DateTime<Utc>> {
    tz.from_local_datetime(&naive)
        .earliest()
        .or_else(|| {
            tz.from_local_datetime(&(naive + Duration::hours(1)))
                .earliest()
        })
        .map(|d| d.with_timezone(&Utc))
}

fn parse_naive(s: &str) -> Option<NaiveDateTime> {
    let (date_part, time_part) = match s.split_once(char::is_whitespace) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (s, None),
    };
    if let Some(d) = parse_date(&date_part.replace(['/', '.'], "-")) {
        return match time_part.filter(|t| !t.is_empty()) {
            None => d.and_hms_opt(12, 0, 0),
            Some(tp) => [
                "%H:%M:%S%.f",
                "%H:%M:%S",
                "%H:%M",
                "%I:%M:%S %p",
                "%I:%M %p",
            ]
            .iter()
            .find_map(|f| NaiveTime::parse_from_str(tp, f).ok())
            .map(|time| d.and_time(time)),
        };
    }
    // `Jul 31, 2018` and `31 Jul 2018` keep their spaces.
    ["%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%d %B %Y", "%b %d %Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
        .and_then(|d| d.and_hms_opt(12, 0, 0))
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = s.split('-').filter(|p| !p.is_empty()).collect();
    if parts.len() != 3 {
        return None;
    }
    let num = |p: &str| p.parse::<u32>().ok();
    if parts[0].len() == 4 {
        return NaiveDate::from_ymd_opt(num(parts[0])? as i32, num(parts[1])?, num(parts[2])?);
    }
    if parts[2].len() == 4 {
        // 07/31/2018 (US) unless the first part cannot be a month.
        let (a, b, y) = (num(parts[0])?, num(parts[1])?, num(parts[2])? as i32);
        return if a > 12 {
            NaiveDate::from_ymd_opt(y, b, a)
        } else {
            NaiveDate::from_ymd_opt(y, a, b)
        };
    }
    // 31-Jul-18, as Amazon's Alexa export prints it.
    ["%d-%b-%y", "%d-%b-%Y", "%y-%m-%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
}

/// `¥59.90`, `59.9元`, `$12.99`, `1,299.00` → minor units, without floats.
pub(crate) fn parse_cents(text: &str) -> Option<i64> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, '¥' | '￥' | '$' | '€' | '£' | ',' | ' ' | '元'))
        .collect();
    let s = cleaned.strip_prefix("RMB").unwrap_or(&cleaned);
    let (whole, frac) = match s.split_once('.') {
        Some((w, f)) => (w, f),
        None => (s, ""),
    };
    if whole.is_empty() && frac.is_empty() {
        return None;
    }
    if !whole.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let w: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let mut f = frac.chars().take(2).collect::<String>();
    while f.len() < 2 {
        f.push('0');
    }
    w.checked_mul(100)?.checked_add(f.parse::<i64>().ok()?)
}

/// The order number as the platform shows it. Exports wrap long numbers as `="123…"`
/// or prefix a `'` or a tab so Excel keeps them as text.
pub(crate) fn clean_order_id(text: &str) -> String {
    let mut t = text.trim().trim_start_matches('\'').trim();
    if let Some(inner) = t.strip_prefix("=\"").and_then(|s| s.strip_suffix('"')) {
        t = inner;
    }
    t.trim().to_string()
}

/// Excel has turned the number into `1.23457E+18`: its last digits are gone for good.
pub(crate) fn is_mangled_number(id: &str) -> bool {
    let upper = id.to_ascii_uppercase();
    match upper.split_once("E+") {
        Some((mantissa, exp)) => {
            !mantissa.is_empty()
                && mantissa.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && exp.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

/// A photos cell: links, a count or a yes/no.
pub(crate) fn truthy(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    !(t.is_empty()
        || matches!(
            t.as_str(),
            "0" | "false" | "no" | "n" | "否" | "无" | "没有" | "[]" | "null" | "none"
        ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shanghai() -> Tz {
        chrono_tz::Asia::Shanghai
    }

    #[test]
    fn stars_in_many_spellings() {
        let auto = RatingMap::Auto;
        for (text, want) in [
            ("1", Some(1)),
            ("4.0", Some(4)),
            ("4.5", Some(5)),
            ("2星", Some(2)),
            ("一星", Some(1)),
            ("★★☆☆☆", Some(2)),
            ("3/5", Some(3)),
            ("8/10", Some(4)),
            ("5 stars", Some(5)),
            ("bad", Some(1)),
            ("中评", Some(3)),
            ("好评", Some(5)),
            ("负面", Some(1)),
            ("中性", Some(3)),
            ("Positive", Some(5)),
            ("sml-str40", Some(4)),
            ("sml-str45", Some(5)),
            ("sml-str0", None),
            ("0", None),
            ("6", None),
            ("excellent", None),
            ("", None),
        ] {
            assert_eq!(parse_stars(text, &auto), want, "{text}");
        }
        let labels = RatingMap::Values {
            values: vec![
                RatingValue {
                    value: "0".into(),
                    stars: 1,
                },
                RatingValue {
                    value: "1".into(),
                    stars: 5,
                },
            ],
        };
        assert_eq!(parse_stars("0", &labels), Some(1));
        assert_eq!(parse_stars("1.0", &labels), Some(5));
        assert_eq!(parse_stars("2", &labels), None);
    }

    #[test]
    fn times_in_many_spellings() {
        let at = |s: &str| parse_when(s, shanghai()).map(|t| t.to_rfc3339());
        let want = Some("2024-05-03T06:22:10+00:00".to_string());
        assert_eq!(at("2024-05-03 14:22:10"), want);
        assert_eq!(at("2024/5/3 14:22:10"), want);
        assert_eq!(at("2024年5月3日 14:22:10"), want);
        assert_eq!(at("2024-05-03T06:22:10Z"), want);
        assert_eq!(at("1714717330"), want);
        assert_eq!(at("1714717330000"), want);
        assert_eq!(at("2024-05-03"), Some("2024-05-03T04:00:00+00:00".into()));
        assert_eq!(
            parse_when("31-Jul-18", chrono_tz::UTC).map(|t| t.to_rfc3339()),
            Some("2018-07-31T12:00:00+00:00".into())
        );
        assert_eq!(
            parse_when("07/31/2018", chrono_tz::UTC).map(|t| t.to_rfc3339()),
            Some("2018-07-31T12:00:00+00:00".into())
        );
        assert_eq!(
            parse_when("Jul 31, 2018", chrono_tz::UTC).map(|t| t.to_rfc3339()),
            Some("2018-07-31T12:00:00+00:00".into())
        );
        assert_eq!(at("45415.598726852"), want, "Excel serial date");
        assert_eq!(at("2024/5/3 14:22:10"), want);
        assert_eq!(at("2024-5-3T14:22:10"), want);
        assert_eq!(
            at("2024-05-03 14:22"),
            Some("2024-05-03T06:22:00+00:00".into())
        );
        assert_eq!(common_layout("2024-05/03 14:22"), None, "mixed separators");
        assert_eq!(common_layout("2024-05-03 14:22:10.5"), None);
        assert_eq!(
            at("2024-05-03 14:22:10.5"),
            Some("2024-05-03T06:22:10.500+00:00".into())
        );
        assert_eq!(at("yesterday"), None);
        assert_eq!(at("2024-13-40"), None);
    }

    #[test]
    fn money_order_ids_and_flags() {
        assert_eq!(parse_cents("¥59.90"), Some(5990));
        assert_eq!(parse_cents("1,299"), Some(129900));
        assert_eq!(parse_cents("12.5元"), Some(1250));
        assert_eq!(parse_cents("abc"), None);
        assert_eq!(
            clean_order_id("=\"3721845590123456789\""),
            "3721845590123456789"
        );
        assert_eq!(
            clean_order_id("'3721845590123456789"),
            "3721845590123456789"
        );
        assert!(is_mangled_number("3.72185E+18"));
        assert!(!is_mangled_number("E+12"));
        assert!(!is_mangled_number("3721845590123456789"));
        assert!(truthy("https://img/1.jpg"));
        assert!(!truthy("否"));
    }
}
