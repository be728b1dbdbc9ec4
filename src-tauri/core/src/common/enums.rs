//! A closed vocabulary as a Rust enum that is stored and sent as its snake_case text.

/// Declares an enum whose values are stored in the database and sent over IPC as fixed
/// text (`Platform::Jd` ⇄ `"jd"`): serde, ts-rs, `Display`, `as_str`, `parse`, `ALL` and
/// the rusqlite conversions, so every area spells its vocabulary the same way.
macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let s = v.as_str()?;
                $name::parse(s).ok_or_else(|| rusqlite::types::FromSqlError::Other(
                    format!("unknown {} '{}'", stringify!($name), s).into(),
                ))
            }
        }
    };
}
pub(crate) use string_enum;

#[cfg(test)]
mod tests {
    string_enum!(
        /// A vocabulary for the test.
        Fruit {
            Apple = "apple",
            BloodOrange = "blood_orange",
        }
    );

    #[test]
    fn round_trips_as_text() {
        for f in Fruit::ALL {
            assert_eq!(Fruit::parse(f.as_str()), Some(*f));
            assert_eq!(serde_json::to_value(f).unwrap(), f.as_str());
            assert_eq!(f.to_string(), f.as_str());
        }
        assert_eq!(Fruit::parse("pear"), None);
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let back: Fruit = conn
            .query_row("SELECT ?1", [Fruit::BloodOrange], |r| r.get(0))
            .unwrap();
        assert_eq!(back, Fruit::BloodOrange);
        let bad: rusqlite::Result<Fruit> = conn.query_row("SELECT 'pear'", [], |r| r.get(0));
        assert!(bad.is_err());
    }
}
