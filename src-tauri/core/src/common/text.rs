//! Text as the owner typed it: trimmed, within its length, with stable error codes that
//! name the field.

use crate::error::{CoreError, Result};

/// Refuses a value longer than `max` characters (`validation.too_long`).
pub fn check_len(field: &str, value: &str, max: usize) -> Result<()> {
    if value.chars().count() > max {
        return Err(CoreError::validation(
            "validation.too_long",
            field,
            format!("longer than {max} characters"),
        ));
    }
    Ok(())
}

/// Trimmed text, refused when longer than `max` characters.
pub fn text(field: &str, value: &str, max: usize) -> Result<String> {
    let t = value.trim();
    check_len(field, t, max)?;
    Ok(t.to_string())
}

/// Like [`text`], with empty meaning absent.
pub fn optional(field: &str, value: &str, max: usize) -> Result<Option<String>> {
    Ok(Some(text(field, value, max)?).filter(|t| !t.is_empty()))
}

/// Like [`text`], and refused when empty (`validation.required`).
pub fn required(field: &str, value: &str, max: usize) -> Result<String> {
    optional(field, value, max)?
        .ok_or_else(|| CoreError::validation("validation.required", field, "is required"))
}

/// Trimmed, with empty meaning absent; no length rule.
pub fn non_empty(value: &str) -> Option<String> {
    let t = value.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// A column holding a JSON list, read into a vector.
pub fn json_list<T: serde::de::DeserializeOwned>(
    row: &rusqlite::Row,
    idx: usize,
) -> rusqlite::Result<Vec<T>> {
    let text: String = row.get(idx)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_checks_lengths() {
        assert_eq!(text("f", "  ab ", 2).unwrap(), "ab");
        assert_eq!(
            text("f", "abc", 2).unwrap_err().code(),
            "validation.too_long"
        );
        assert_eq!(check_len("f", "好评", 2).map_err(|e| e.code()), Ok(()));
        assert_eq!(optional("f", "   ", 5).unwrap(), None);
        assert_eq!(optional("f", " x ", 5).unwrap().as_deref(), Some("x"));
        assert_eq!(
            required("f", " ", 5).unwrap_err().code(),
            "validation.required"
        );
        assert_eq!(non_empty("  "), None);
        assert_eq!(non_empty(" 店 ").as_deref(), Some("店"));
    }
}
