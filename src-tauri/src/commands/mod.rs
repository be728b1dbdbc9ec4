//! IPC commands, one file per area; each is a thin wrapper over haoping-core.

pub mod ai;
pub mod app;
pub mod appeals;
pub mod backup;
pub mod bulk;
pub mod cases;
pub mod drafts;
pub mod followup;
pub mod insights;
pub mod intake;
pub mod remedies;
pub mod settings;
pub mod triage;
pub mod updates;
