//! Haoping's domain logic. Everything a user can do is a function here that a test can
//! call without a window; the desktop shell and the CLI only adapt it.

pub mod appeals;
pub mod backup;
pub mod bulk;
pub mod cases;
pub mod clock;
pub mod common;
pub mod db;
pub mod demo;
pub mod doctor;
pub mod drafts;
pub mod error;
pub mod followup;
#[cfg(feature = "fuzzing")]
pub mod fuzzing;
pub mod insights;
pub mod intake;
pub mod paths;
pub mod problems;
pub mod remedies;
pub mod settings;
pub mod startup;
pub mod storage;
pub mod triage;
pub mod updates;

#[cfg(test)]
mod bindings;

pub use common::Lang;
pub use error::{CoreError, ErrorPayload, Result};
