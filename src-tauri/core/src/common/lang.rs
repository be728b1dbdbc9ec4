//! The language a text is written in: Chinese (the default) or English.

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Haoping speaks Chinese and English: drafts, reasons, reports, labels and notices are
/// written in one of them. Codes from outside (settings, a CLI flag, a case) are parsed
/// once into this type; nothing else compares language strings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub const ALL: &'static [Lang] = &[Lang::Zh, Lang::En];

    /// `zh` or `en`, as stored and sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// `zh`, `zh-CN`, `zh_TW`, `en`, `en-US`… (any case); `None` for anything else.
    pub fn parse(code: &str) -> Option<Lang> {
        let c = code.trim().to_ascii_lowercase();
        let is = |base: &str| {
            c == base
                || c.strip_prefix(base)
                    .is_some_and(|rest| rest.starts_with('-') || rest.starts_with('_'))
        };
        if is("zh") {
            Some(Lang::Zh)
        } else if is("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// A language given as an argument (the CLI's `--lang`): refused with
    /// `validation.unknown_value` naming `field` when it is neither.
    pub fn parse_arg(field: &str, code: &str) -> crate::error::Result<Lang> {
        Lang::parse(code).ok_or_else(|| {
            crate::error::CoreError::validation(
                "validation.unknown_value",
                field,
                format!("unknown language '{}' (zh, en)", code.trim()),
            )
        })
    }

    /// The owner's language from a settings code: English when it says so, Chinese for
    /// everything else (the app's default).
    pub fn from_setting(code: &str) -> Lang {
        Lang::parse(code).unwrap_or_default()
    }

    /// The UI locale this language is shown in (`zh-CN`, `en`), as settings store it.
    pub fn locale(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn is_en(self) -> bool {
        self == Lang::En
    }

    /// The Chinese or the English of two versions of something.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ToSql for Lang {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

/// Read leniently: a stored code in another spelling (`zh-CN`) is still that language, and
/// an unknown one reads as Chinese rather than making the row unreadable.
impl FromSql for Lang {
    fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
        Ok(Lang::from_setting(v.as_str()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_once() {
        for (code, lang) in [
            ("zh", Some(Lang::Zh)),
            ("zh-CN", Some(Lang::Zh)),
            ("ZH_tw", Some(Lang::Zh)),
            (" en ", Some(Lang::En)),
            ("en-US", Some(Lang::En)),
            ("en_GB", Some(Lang::En)),
            ("english", None),
            ("fr", None),
            ("", None),
        ] {
            assert_eq!(Lang::parse(code), lang, "{code}");
        }
        assert_eq!(Lang::from_setting("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_setting("en"), Lang::En);
        assert_eq!(Lang::from_setting("garbage"), Lang::Zh);
        assert_eq!(Lang::parse_arg("lang", "en-US").unwrap(), Lang::En);
        assert_eq!(
            Lang::parse_arg("lang", "fr").unwrap_err().code(),
            "validation.unknown_value"
        );
    }

    #[test]
    fn sent_and_stored_as_short_codes() {
        assert_eq!(serde_json::to_value(Lang::En).unwrap(), "en");
        assert_eq!(serde_json::from_str::<Lang>("\"zh\"").unwrap(), Lang::Zh);
        assert_eq!(Lang::En.locale(), "en");
        assert_eq!(Lang::Zh.locale(), "zh-CN");
        assert_eq!(Lang::En.pick("甲", "A"), "A");
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let l: Lang = conn.query_row("SELECT 'zh-CN'", [], |r| r.get(0)).unwrap();
        assert_eq!(l, Lang::Zh);
        let l: Lang = conn
            .query_row("SELECT ?1", [Lang::En], |r| r.get(0))
            .unwrap();
        assert_eq!(l, Lang::En);
    }
}
