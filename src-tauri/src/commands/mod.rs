//! IPC commands, one file per area; each is a thin wrapper over haoping-core.

pub mod app;
pub mod cases;
pub mod settings;
