//! Column mappings saved per shop, found again by the header row they were made for.

use super::model::{ColumnMapping, SavedMapping};
use super::presets::norm;
use crate::error::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

/// Identifies a header row regardless of spacing and case.
fn headers_key(headers: &[String]) -> String {
    let joined: Vec<String> = headers.iter().map(|h| norm(h)).collect();
    format!(
        "{:016x}",
        xxhash_rust::xxh3::xxh3_64(joined.join("\u{1f}").as_bytes())
    )
}

fn from_row(r: &Row) -> rusqlite::Result<SavedMapping> {
    let json_err = |i: usize, e: serde_json::Error| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    };
    let headers: String = r.get(3)?;
    let mapping: String = r.get(4)?;
    Ok(SavedMapping {
        id: r.get(0)?,
        shop: r.get(1)?,
        name: r.get(2)?,
        headers: serde_json::from_str(&headers).map_err(|e| json_err(3, e))?,
        mapping: serde_json::from_str(&mapping).map_err(|e| json_err(4, e))?,
        updated_at: r.get(5)?,
    })
}

const COLUMNS: &str = "id, shop, name, headers, mapping, updated_at";

/// Saves (or replaces, by shop and name) a mapping made for `headers`.
pub fn save_mapping(
    conn: &Connection,
    shop: &str,
    name: &str,
    headers: &[String],
    mapping: &ColumnMapping,
    now: DateTime<Utc>,
) -> Result<SavedMapping> {
    let name = name.trim();
    if name.is_empty() {
        return Err(CoreError::validation(
            "validation.required",
            "name",
            "is required",
        ));
    }
    if name.chars().count() > 64 {
        return Err(CoreError::validation(
            "validation.too_long",
            "name",
            "longer than 64 characters",
        ));
    }
    if headers.is_empty() {
        return Err(CoreError::validation(
            "validation.required",
            "headers",
            "is required",
        ));
    }
    let shop = shop.trim();
    conn.execute(
        "INSERT INTO intake_mappings(shop, name, headers, headers_key, mapping, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(shop, name) DO UPDATE SET headers = excluded.headers,
            headers_key = excluded.headers_key, mapping = excluded.mapping,
            updated_at = excluded.updated_at",
        params![
            shop,
            name,
            serde_json::to_string(headers)?,
            headers_key(headers),
            serde_json::to_string(mapping)?,
            now
        ],
    )?;
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM intake_mappings WHERE shop = ?1 AND name = ?2"),
        params![shop, name],
        from_row,
    )
    .map_err(Into::into)
}

/// A shop's saved mappings, most recently saved first.
pub fn list_mappings(conn: &Connection, shop: &str) -> Result<Vec<SavedMapping>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM intake_mappings WHERE shop = ?1 ORDER BY updated_at DESC, id DESC"
    ))?;
    let rows = stmt.query_map([shop.trim()], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn delete_mapping(conn: &Connection, id: i64) -> Result<()> {
    let n = conn.execute("DELETE FROM intake_mappings WHERE id = ?1", [id])?;
    if n == 0 {
        return Err(CoreError::not_found("mapping", id));
    }
    Ok(())
}

/// The shop's latest mapping made for exactly this header row.
pub fn find_for_headers(
    conn: &Connection,
    shop: &str,
    headers: &[String],
) -> Result<Option<SavedMapping>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM intake_mappings WHERE shop = ?1 AND headers_key = ?2
                 ORDER BY updated_at DESC, id DESC LIMIT 1"
            ),
            params![shop.trim(), headers_key(headers)],
            from_row,
        )
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::Platform;
    use crate::clock::{Clock, FixedClock};
    use crate::intake::model::{CaseField, FieldColumn};

    #[test]
    fn save_find_list_delete() {
        let conn = crate::db::open_in_memory().unwrap();
        let clock = FixedClock::at("2024-06-01T00:00:00Z");
        let headers: Vec<String> = ["单号", "内容", "星"].map(String::from).to_vec();
        let mapping = ColumnMapping {
            platform: Platform::Jd,
            fields: vec![FieldColumn {
                field: CaseField::ReviewText,
                column: "内容".into(),
            }],
            ..Default::default()
        };
        let saved =
            save_mapping(&conn, "小店", "京东导出", &headers, &mapping, clock.now()).unwrap();
        assert_eq!(saved.mapping, mapping);
        let spaced: Vec<String> = [" 单号", "内容 ", "星"].map(String::from).to_vec();
        let found = find_for_headers(&conn, "小店", &spaced).unwrap().unwrap();
        assert_eq!(found.id, saved.id);
        assert!(find_for_headers(&conn, "别的店", &headers)
            .unwrap()
            .is_none());
        // Same name again replaces it.
        let again = save_mapping(
            &conn,
            "小店",
            "京东导出",
            &headers,
            &ColumnMapping::default(),
            clock.now(),
        )
        .unwrap();
        assert_eq!(again.id, saved.id);
        assert_eq!(list_mappings(&conn, "小店").unwrap().len(), 1);
        assert_eq!(
            save_mapping(&conn, "小店", " ", &headers, &mapping, clock.now())
                .unwrap_err()
                .code(),
            "validation.required"
        );
        delete_mapping(&conn, saved.id).unwrap();
        assert_eq!(
            delete_mapping(&conn, saved.id).unwrap_err().code(),
            "not_found"
        );
        assert!(list_mappings(&conn, "小店").unwrap().is_empty());
    }
}
