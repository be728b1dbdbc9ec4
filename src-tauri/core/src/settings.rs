//! The owner's preferences, stored in the database so the CLI and the app agree, and the
//! only code that touches the `settings` table: every area keeps its own settings under
//! its own key through [`load_value`] and [`save_value`].

use crate::common::Lang;
use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension};
use serde::de::DeserializeOwned;
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

impl Settings {
    /// The owner's language.
    pub fn lang(&self) -> Lang {
        Lang::from_setting(&self.language)
    }

    /// The shop something belongs to: the one it names, or the owner's default shop
    /// when it names none.
    pub fn shop_or_default(&self, named: &str) -> String {
        match named.trim() {
            "" => self.shop_name.trim().to_string(),
            shop => shop.to_string(),
        }
    }

    /// Whether `name` is the shop name the app starts with (never chosen by the owner).
    pub fn is_default_shop(name: &str) -> bool {
        name.trim() == Settings::default().shop_name
    }
}

const KEY: &str = "preferences";

/// An area's settings stored under `key`; the area's defaults when there are none, or
/// when the stored ones cannot be read (a damaged row must not lock the owner out).
pub fn load_value<T: DeserializeOwned + Default>(conn: &Connection, key: &str) -> Result<T> {
    let text: Option<String> = conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?;
    Ok(text
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default())
}

/// Stores an area's settings under `key`, replacing what was there.
pub fn save_value<T: Serialize>(conn: &Connection, key: &str, value: &T) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO settings(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![key, serde_json::to_string(value)?])?;
    Ok(())
}

pub fn load(conn: &Connection) -> Result<Settings> {
    load_value(conn, KEY)
}

/// The name written into history entries.
pub fn operator(conn: &Connection) -> Result<String> {
    Ok(load(conn)?.operator)
}

/// The owner's language, from the preferences.
pub fn lang(conn: &Connection) -> Result<Lang> {
    Ok(load(conn)?.lang())
}

/// The shop named, or the owner's default shop when the name is empty.
pub fn shop_or_default(conn: &Connection, named: &str) -> Result<String> {
    if named.trim().is_empty() {
        Ok(load(conn)?.shop_or_default(named))
    } else {
        Ok(named.trim().to_string())
    }
}

pub fn save(conn: &Connection, s: &Settings) -> Result<Settings> {
    let mut clean = s.clone();
    clean.language = clean.lang().locale().into();
    clean.operator = clean.operator.trim().chars().take(32).collect();
    if clean.operator.is_empty() {
        clean.operator = Settings::default().operator;
    }
    clean.shop_name = clean.shop_name.trim().chars().take(64).collect();
    if clean.shop_name.is_empty() {
        clean.shop_name = Settings::default().shop_name;
    }
    save_value(conn, KEY, &clean)?;
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
        assert_eq!(lang(&conn).unwrap(), Lang::En);
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

    #[test]
    fn named_shop_or_the_default_one() {
        let conn = crate::db::open_in_memory().unwrap();
        assert_eq!(shop_or_default(&conn, "  ").unwrap(), "我的小店");
        assert_eq!(shop_or_default(&conn, " 旗舰店 ").unwrap(), "旗舰店");
        let s = Settings {
            shop_name: " 暖居小铺 ".into(),
            ..Settings::default()
        };
        assert_eq!(s.shop_or_default(""), "暖居小铺");
        assert!(Settings::is_default_shop("我的小店"));
    }

    #[test]
    fn areas_keep_their_own_keys() {
        #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
        struct Area {
            n: u32,
        }
        let conn = crate::db::open_in_memory().unwrap();
        assert_eq!(load_value::<Area>(&conn, "area").unwrap(), Area::default());
        save_value(&conn, "area", &Area { n: 7 }).unwrap();
        save_value(&conn, "area", &Area { n: 8 }).unwrap();
        assert_eq!(load_value::<Area>(&conn, "area").unwrap(), Area { n: 8 });
        assert_eq!(load(&conn).unwrap(), Settings::default());
    }
}
