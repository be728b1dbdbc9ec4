//! Reading what is typed on the command line: codes (statuses, kinds, reasons…) and times.
//! Times without a zone are Beijing time, as the owner's shop keeps them.

use chrono::{DateTime, Utc};
use haoping_core::cases::{self, Tz};
use haoping_core::CoreError;

pub fn beijing() -> Tz {
    Tz::Asia__Shanghai
}

/// RFC 3339, `YYYY-MM-DD HH:MM` or `YYYY-MM-DD` (Beijing time when no zone is given).
pub fn time(field: &str, text: &str) -> Result<DateTime<Utc>, CoreError> {
    cases::parse_time(field, text, beijing())
}

/// One code, case-insensitive; the error lists the codes allowed.
pub fn one_of<T>(
    field: &'static str,
    text: &str,
    parse: impl Fn(&str) -> Option<T>,
    allowed: &str,
) -> Result<T, CoreError> {
    parse(&text.trim().to_lowercase()).ok_or_else(|| {
        CoreError::validation(
            "validation.unknown_value",
            field,
            format!("unknown value '{text}' (one of: {allowed})"),
        )
    })
}

/// Every value of a repeated option, each a code; the first unknown one is refused.
pub fn all_of<T>(
    field: &'static str,
    values: &[String],
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Vec<T>, CoreError> {
    values
        .iter()
        .map(|v| {
            parse(&v.trim().to_lowercase()).ok_or_else(|| {
                CoreError::validation(
                    "validation.unknown_value",
                    field,
                    format!("unknown value '{v}'"),
                )
            })
        })
        .collect()
}

/// The codes of an enum, for error messages and help: "a, b, c".
pub fn codes<T: std::fmt::Display>(all: &[T]) -> String {
    all.iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use haoping_core::remedies::RemedyStatus;

    #[test]
    fn codes_are_read_whatever_their_case_and_refused_by_name() {
        let all = codes(RemedyStatus::ALL);
        assert_eq!(
            one_of("status", " Delivered ", RemedyStatus::parse, &all).ok(),
            Some(RemedyStatus::Delivered)
        );
        let e = one_of("status", "sent", RemedyStatus::parse, &all).err();
        let e = e.unwrap_or_else(|| panic!("'sent' is no status"));
        assert_eq!(e.code(), "validation.unknown_value");
        assert!(e.to_string().contains("one of: proposed, accepted"), "{e}");
        let many = all_of(
            "status",
            &["proposed".into(), "CANCELLED".into()],
            RemedyStatus::parse,
        );
        assert_eq!(
            many.ok(),
            Some(vec![RemedyStatus::Proposed, RemedyStatus::Cancelled])
        );
        assert!(all_of("status", &["x".into()], RemedyStatus::parse).is_err());
    }

    #[test]
    fn times_without_a_zone_are_beijing_time() {
        assert_eq!(
            time("due", "2026-11-20 10:00").ok(),
            DateTime::parse_from_rfc3339("2026-11-20T02:00:00Z")
                .ok()
                .map(|t| t.with_timezone(&Utc))
        );
    }
}
