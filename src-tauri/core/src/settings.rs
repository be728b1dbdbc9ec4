//! The owner's preferences, stored in the database so the CLI and the app agree.

use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Settings {
    /// `zh-CN` or `en`.
    pub language: String,
    /// Who is at the keyboard; written into every history entry.
    pub operator: String,
    /// Shop name used when a case names none, and in drafts' sign-off.
    pub shop_name: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: "zh-CN".into(),
            operator: "店主".into(),
            shop_name: "我的小店".into(),
        }
    }
}

const KEY: &str = "preferences";

pub fn load(conn: &Connection) -> Result<Settings> {
    let text: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [KEY], |r| {
            r.get(0)
        })
        .optional()?;
    // A damaged preferences row must not lock the owner out: fall back to defaults.
    Ok(text
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default())
}

/// The name written into history entries.
pub fn operator(conn: &Connection) -> Result<String> {
    Ok(load(conn)?.operator)
}

pub fn save(conn: &Connection, s: &Settings) -> Result<Settings> {
    let mut clean = s.clone();
    if clean.language != "en" {
        clean.language = "zh-CN".into();
    }
    clean.operator = clean.operator.trim().chars().take(32).collect();
    if clean.operator.is_empty() {
        clean.operator = Settings::default().operator;
    }
    clean.shop_name = clean.shop_name.trim().chars().take(64).collect();
    if clean.shop_name.is_empty() {
        clean.shop_name = Settings::default().shop_name;
    }
    conn.execute(
        "INSERT INTO settings(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![KEY, serde_json::to_string(&clean)?],
    )?;
    Ok(clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_then_persists() {
        let conn = crate::db::open_in_memory().unwrap();
        assert_eq!(load(&conn).unwrap().language, "zh-CN");
        let saved = save(
            &conn,
            &Settings {
                language: "en".into(),
                operator: "  小王 ".into(),
                shop_name: "".into(),
            },
        )
        .unwrap();
        assert_eq!(saved.operator, "小王");
        assert_eq!(saved.shop_name, "我的小店");
        assert_eq!(load(&conn).unwrap(), saved);
    }

    #[test]
    fn damaged_row_falls_back_to_defaults() {
        let conn = crate::db::open_in_memory().unwrap();
        conn.execute(
            "INSERT INTO settings VALUES ('preferences', '{not json')",
            [],
        )
        .unwrap();
        assert_eq!(load(&conn).unwrap(), Settings::default());
    }
}
