//! What the UI learns first: whether the database opened, and where it is.

use crate::error::ErrorPayload;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
pub struct StartupStatus {
    /// Why the database could not be opened; the UI shows it instead of the inbox.
    pub error: Option<ErrorPayload>,
    pub db_path: String,
    /// A development build, with its own data directory.
    pub dev: bool,
}
