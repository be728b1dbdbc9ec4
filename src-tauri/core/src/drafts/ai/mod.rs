//! Optional AI drafting over any OpenAI-compatible chat-completions server: a local one
//! (Ollama, llama.cpp's server) with no key, or a cloud provider with a Bearer key kept
//! in the OS keychain. The prompt carries the playbook's rules and the case's facts; the
//! answer goes through the same checker as every template draft. Template drafts never
//! depend on any of this.
//!
//! API for the shell/UI/CLI:
//! - settings: `status` → `AiStatus`, `save_settings(…, &AiSettings, &KeyUpdate)`,
//!   `load_settings`; the key is write-only (`KeyUpdate::Set`/`Clear`), `has_key` tells
//!   whether one is stored
//! - `endpoint` (saved settings) / `resolve_endpoint` (settings still in the form) →
//!   `Endpoint`; `test_connection` → `AiTestResult`; `list_models`
//! - drafting, in two steps so no database connection is held during the network call:
//!   `prepare` (database) → `AiRequest`, then `complete` or `complete_streaming`
//!   (network) → `AiDraft`; `draft` does both for the CLI
//! - triage on request: `prepare_triage` (database) or `request_for_text` → `AiTriageRequest`,
//!   then `ask_triage` (network) → `triage::AiTriage`: the endpoint's labels when its answer
//!   passes triage's checks, the local ones (and why) otherwise
//! - edited text is checked with `drafts::check_for_case`, copied with
//!   `drafts::ensure_sendable` + `drafts::record_copy`, like any template draft
//!
//! Error codes: `ai.not_configured`, `ai.timeout`, `ai.offline`, `ai.bad_key`,
//! `ai.rate_limited`, `ai.server_error`, `ai.rejected` (4xx such as an unknown model),
//! `ai.bad_response`, `ai.keychain_unavailable`, `ai.cancelled`; settings validation uses
//! `validation.required` / `validation.too_long` / `validation.url_format` /
//! `validation.key_format` with fields `base_url`, `model`, `api_key`.

mod client;
mod keychain;
mod model;
mod prompt;
mod settings;
mod text;
mod triage;

pub use client::{complete, complete_streaming, list_models, test_connection, Endpoint};
pub use keychain::{MemoryKeychain, OsKeychain, SecretStore};
pub use model::{
    AiChunk, AiDraft, AiSettings, AiStatus, AiTestResult, ApiKey, KeyUpdate, DEFAULT_TIMEOUT_SECS,
    MAX_TIMEOUT_SECS, MIN_TIMEOUT_SECS,
};
pub use prompt::{prepare, AiRequest, Message};
pub use settings::{load as load_settings, save as save_settings, status};
pub use triage::{ask_triage, prepare_triage, request_for_text, AiTriageRequest};

use super::Channel;
use crate::common::Lang;
use crate::error::{CoreError, Result};
use rusqlite::Connection;

/// An endpoint from settings and a key change as the settings form holds them: a key
/// just typed is used as is, `Keep` reads the keychain. A keychain that cannot be read
/// is not an error here (local servers need no key); a 401 then says so.
pub fn resolve_endpoint(
    settings: &AiSettings,
    store: &dyn SecretStore,
    key: &KeyUpdate,
) -> Result<Endpoint> {
    match key {
        KeyUpdate::Set(k) => Endpoint::new(settings, Some(settings::clean_key(k.expose())?)),
        KeyUpdate::Clear => Endpoint::new(settings, None),
        KeyUpdate::Keep => match store.get() {
            Ok(k) => Endpoint::new(settings, k),
            Err(_) => Ok(Endpoint::new(settings, None)?.mark_key_unreadable()),
        },
    }
}

/// The saved endpoint, ready to draft with; `ai.not_configured` when AI drafting is off
/// or incomplete.
pub fn endpoint(conn: &Connection, store: &dyn SecretStore) -> Result<Endpoint> {
    let s = load_settings(conn)?;
    if !s.enabled {
        return Err(CoreError::service(
            "ai.not_configured",
            "AI drafting is turned off (settings → AI assistant)",
        ));
    }
    resolve_endpoint(&s, store, &KeyUpdate::Keep)
}

/// Prepares and writes one AI draft for a case; with `on_delta`, streams the text as it
/// comes.
pub fn draft(
    conn: &Connection,
    store: &dyn SecretStore,
    case_id: i64,
    channel: Channel,
    lang: Option<Lang>,
    on_delta: Option<&mut dyn FnMut(&str) -> bool>,
) -> Result<AiDraft> {
    let ep = endpoint(conn, store)?;
    let req = prepare(conn, case_id, channel, lang)?;
    match on_delta {
        Some(f) => complete_streaming(&ep, &req, f),
        None => complete(&ep, &req),
    }
}

#[cfg(test)]
mod test_server;
#[cfg(test)]
mod tests;
