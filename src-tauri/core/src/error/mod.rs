//! One error type for the whole core. It crosses IPC as `{ code, message, field? }`:
//! the UI localizes by `code` (and `field`), the English `message` is for logs and the CLI.

use serde::{Serialize, Serializer};
use ts_rs::TS;

mod storage;
pub use storage::{at_path, io_code, is_damage, sqlite_code};

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// A user-supplied value is wrong. `code` is a stable identifier such as
    /// `validation.required`; `field` names the offending field.
    #[error("{field}: {message}")]
    Validation {
        code: &'static str,
        field: String,
        message: String,
    },
    #[error("{what} {id} not found")]
    NotFound { what: &'static str, id: String },
    #[error("cannot change status from {from} to {to}")]
    InvalidTransition { from: String, to: String },
    #[error("database migration {version} failed: {source}")]
    Migration {
        version: usize,
        #[source]
        source: rusqlite::Error,
    },
    #[error(
        "the database was written by a newer Haoping (schema {found}, this build knows {known})"
    )]
    DatabaseTooNew { found: i64, known: i64 },
    #[error("the database is not available: {0}")]
    Unavailable(String),
    /// A file the owner's data lives in (the database, a backup, an archive) cannot be
    /// used: `code` says why (`db.corrupt`, `db.disk_full`, `backup.damaged`…), `path`
    /// names the file, so the owner knows which one.
    #[error("{path}: {message}")]
    Storage {
        code: &'static str,
        path: String,
        message: String,
    },
    #[error("database error: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    #[error("data error: {0}")]
    Json(#[from] serde_json::Error),
    /// An outside service (the AI endpoint, the OS keychain) failed or refused. `code` is
    /// stable (`ai.timeout`, `ai.bad_key`…); `message` never carries a secret.
    #[error("{message}")]
    Service { code: &'static str, message: String },
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

impl CoreError {
    pub fn validation(
        code: &'static str,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        CoreError::Validation {
            code,
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn service(code: &'static str, message: impl Into<String>) -> Self {
        CoreError::Service {
            code,
            message: message.into(),
        }
    }

    pub fn storage(
        code: &'static str,
        path: impl AsRef<std::path::Path>,
        message: impl Into<String>,
    ) -> Self {
        CoreError::Storage {
            code,
            path: path.as_ref().display().to_string(),
            message: message.into(),
        }
    }

    pub fn not_found(what: &'static str, id: impl ToString) -> Self {
        CoreError::NotFound {
            what,
            id: id.to_string(),
        }
    }

    /// The stable code the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::Validation { code, .. } => code,
            CoreError::NotFound { .. } => "not_found",
            CoreError::InvalidTransition { .. } => "invalid_transition",
            CoreError::Migration { .. } => "db.migration_failed",
            CoreError::DatabaseTooNew { .. } => "db.too_new",
            CoreError::Unavailable(_) => "db.unavailable",
            CoreError::Storage { code, .. } => code,
            CoreError::Db(e) => storage::sqlite_code(e),
            CoreError::Io(e) => storage::io_code(e),
            CoreError::Json(_) => "data.invalid",
            CoreError::Service { code, .. } => code,
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code().to_string(),
            message: self.to_string(),
            field: match self {
                CoreError::Validation { field, .. } => Some(field.clone()),
                _ => None,
            },
            path: match self {
                CoreError::Storage { path, .. } => Some(path.clone()),
                _ => None,
            },
        }
    }
}

/// What the UI receives for any failed command.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
pub struct ErrorPayload {
    pub code: String,
    pub message: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The file an error is about (a damaged database, a backup, an archive).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

impl Serialize for CoreError {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.payload().serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_code_and_message() {
        let e = CoreError::validation("validation.range", "stars", "must be 1 to 5");
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["code"], "validation.range");
        assert_eq!(v["field"], "stars");
        assert_eq!(v["message"], "stars: must be 1 to 5");
        let nf = serde_json::to_value(CoreError::not_found("case", 7)).unwrap();
        assert_eq!(nf["code"], "not_found");
        assert!(nf.get("field").is_none());
    }
}
