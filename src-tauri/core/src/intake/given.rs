//! Mappings chosen outside the mapping screen (the command line): a mapping file in the
//! format the app saves, and the check that a mapping can read a file by itself.

use super::model::{CaseField, ColumnMapping};
use super::presets::norm;
use crate::error::{CoreError, Result};
use serde::Deserialize;

/// A saved mapping as the app stores it: only its mapping matters here.
#[derive(Deserialize)]
struct Saved {
    mapping: ColumnMapping,
}

/// Reads a mapping written as JSON: a bare mapping (`{"platform": …, "fields": […]}`, the
/// `mapping` a dry run prints) or a whole saved mapping (`{"name": …, "headers": …,
/// "mapping": {…}}`). `origin` names the file in errors, which give the line and column.
pub fn parse_mapping_json(text: &str, origin: &str) -> Result<ColumnMapping> {
    let bad = |e: serde_json::Error| {
        CoreError::validation(
            "intake.bad_mapping_file",
            "mapping",
            format!(
                "{origin} is not a column mapping: {e} (line {}, column {})",
                e.line(),
                e.column()
            ),
        )
    };
    let value: serde_json::Value = serde_json::from_str(text).map_err(bad)?;
    if !value.is_object() {
        return Err(CoreError::validation(
            "intake.bad_mapping_file",
            "mapping",
            format!("{origin} is not a column mapping: expected a JSON object (line 1, column 1)"),
        ));
    }
    // Parsed again from the text, not from `value`, so that errors keep their position.
    if value.get("mapping").is_some_and(|m| m.is_object()) {
        return serde_json::from_str::<Saved>(text)
            .map(|s| s.mapping)
            .map_err(bad);
    }
    serde_json::from_str(text).map_err(bad)
}

fn column_list(headers: &[String]) -> String {
    headers.join(", ")
}

/// Checks that `mapping` can read a file with these columns on its own: every column it
/// names is there (compared as the import compares them), and it has the review text
/// and a rating or sentiment label.
pub fn check_mapping(mapping: &ColumnMapping, headers: &[String]) -> Result<()> {
    for (i, fc) in mapping.fields.iter().enumerate() {
        let known = headers
            .iter()
            .any(|h| h == &fc.column || norm(h) == norm(&fc.column));
        if !known {
            return Err(CoreError::validation(
                "intake.mapping_unknown_column",
                format!("fields[{i}].column"),
                format!(
                    "the mapping names the column '{}' for {}, which the file does not have (its columns: {})",
                    fc.column,
                    fc.field,
                    column_list(headers)
                ),
            ));
        }
    }
    let mut missing = Vec::new();
    if !mapping.has(CaseField::ReviewText) && !mapping.has(CaseField::Title) {
        missing.push("the review text");
    }
    if !mapping.has(CaseField::Rating) {
        missing.push("a rating or sentiment label");
    }
    if missing.is_empty() {
        return Ok(());
    }
    let found = if mapping.fields.is_empty() {
        "none of them is a known field".to_string()
    } else {
        let pairs: Vec<String> = mapping
            .fields
            .iter()
            .map(|f| format!("{} → {}", f.column, f.field))
            .collect();
        format!("recognised {}", pairs.join(", "))
    };
    Err(CoreError::validation(
        "intake.mapping_not_enough",
        "mapping",
        format!(
            "the columns ({}): {found}; missing {}",
            column_list(headers),
            missing.join(" and ")
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::Platform;
    use crate::intake::model::{FieldColumn, RatingMap};

    fn headers() -> Vec<String> {
        ["用户名", "打分", "评论", "时间"]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn reads_bare_and_saved_mappings_and_points_at_mistakes() {
        let bare = r#"{"platform": "pinduoduo", "fields": [
            {"field": "review_text", "column": "评论"},
            {"field": "rating", "column": "打分"}
        ], "rating": {"kind": "auto"}}"#;
        let m = parse_mapping_json(bare, "m.json").unwrap();
        assert_eq!(m.platform, Platform::Pinduoduo);
        assert_eq!(
            m.columns_for(CaseField::Rating).collect::<Vec<_>>(),
            ["打分"]
        );
        assert_eq!(m.timezone, "Asia/Shanghai", "left out: the default");
        check_mapping(&m, &headers()).unwrap();

        let saved = format!(
            r#"{{"id": 3, "shop": "小店", "name": "抓取", "headers": ["评论", "打分"],
                "mapping": {bare}, "updated_at": "2026-11-20T04:00:00Z"}}"#
        );
        assert_eq!(parse_mapping_json(&saved, "s.json").unwrap(), m);

        let broken =
            "{\n  \"fields\": [\n    {\"field\": \"review_text\" \"column\": \"评论\"}\n  ]\n}";
        let e = parse_mapping_json(broken, "m.json").unwrap_err();
        assert_eq!(e.code(), "intake.bad_mapping_file");
        assert!(e.to_string().contains("line 3, column"), "{e}");
        assert!(e.to_string().contains("m.json"), "{e}");

        let unknown_field = "{\"fields\": [{\"field\": \"stars\", \"column\": \"打分\"}]}";
        let e = parse_mapping_json(unknown_field, "m.json").unwrap_err();
        assert!(e.to_string().contains("stars"), "{e}");
        assert!(e.to_string().contains("line 1"), "{e}");
        assert_eq!(
            parse_mapping_json("[1, 2]", "m.json").unwrap_err().code(),
            "intake.bad_mapping_file"
        );
    }

    #[test]
    fn a_mapping_must_name_real_columns_and_cover_text_and_rating() {
        let f = |field, column: &str| FieldColumn {
            field,
            column: column.into(),
        };
        let mut m = ColumnMapping {
            fields: vec![f(CaseField::ReviewText, "评论"), f(CaseField::Rating, "分")],
            rating: RatingMap::Auto,
            ..Default::default()
        };
        let e = check_mapping(&m, &headers()).unwrap_err();
        assert_eq!(e.code(), "intake.mapping_unknown_column");
        assert!(e.to_string().contains("'分'"), "{e}");
        assert!(e.to_string().contains("用户名, 打分, 评论, 时间"), "{e}");

        m.fields = vec![f(CaseField::BuyerNick, "用户名")];
        let e = check_mapping(&m, &headers()).unwrap_err();
        assert_eq!(e.code(), "intake.mapping_not_enough");
        let text = e.to_string();
        assert!(text.contains("用户名 → buyer_nick"), "{text}");
        assert!(
            text.contains("missing the review text and a rating or sentiment label"),
            "{text}"
        );

        m.fields = vec![f(CaseField::Title, " 评论 "), f(CaseField::Rating, "打分")];
        check_mapping(&m, &headers()).unwrap();
    }
}
