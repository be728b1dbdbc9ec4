//! The shapes AI drafting takes when it crosses to the UI and the CLI.

use crate::common::Lang;
use crate::drafts::{Channel, Finding};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where and how to reach an OpenAI-compatible chat-completions server. Stored in the
/// database; the API key is not part of it (it lives in the OS keychain).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AiSettings {
    /// Off by default: nothing leaves the computer until the owner turns it on.
    pub enabled: bool,
    /// The API root, e.g. `http://localhost:11434/v1` (Ollama),
    /// `http://127.0.0.1:8080/v1` (llama.cpp server) or `https://api.openai.com/v1`.
    pub base_url: String,
    pub model: String,
    /// Seconds to wait for the server to start answering, and between streamed pieces.
    pub timeout_secs: u32,
}

pub const DEFAULT_TIMEOUT_SECS: u32 = 60;
pub const MIN_TIMEOUT_SECS: u32 = 5;
pub const MAX_TIMEOUT_SECS: u32 = 600;

impl Default for AiSettings {
    fn default() -> Self {
        AiSettings {
            enabled: false,
            base_url: String::new(),
            model: String::new(),
            timeout_secs: DEFAULT_TIMEOUT_SECS,
        }
    }
}

/// The settings screen's view: the settings, and what is known about the key without
/// ever revealing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AiStatus {
    pub settings: AiSettings,
    /// An API key is stored in the OS keychain.
    pub has_key: bool,
    /// False when the OS keychain cannot be reached (e.g. Linux without a Secret Service):
    /// no key can be stored, but a local server that needs none still works.
    pub keychain_available: bool,
    /// Turned on, with an endpoint and a model: the case tab can generate.
    pub ready: bool,
}

/// An API key on its way in. It is never serialized back, and its `Debug` hides it, so
/// it cannot end up in a log line or an error by accident.
#[derive(Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(transparent)]
pub struct ApiKey(String);

impl ApiKey {
    pub fn new(key: impl Into<String>) -> Self {
        ApiKey(key.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiKey(***)")
    }
}

/// What to do with the stored key when settings are saved: the UI can set or clear it,
/// never read it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "action", content = "key", rename_all = "snake_case")]
pub enum KeyUpdate {
    Keep,
    Set(ApiKey),
    Clear,
}

/// A draft written by the model, checked like any template draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AiDraft {
    pub channel: Channel,
    pub lang: Lang,
    /// The model that answered, as the server names it.
    pub model: String,
    pub text: String,
    pub findings: Vec<Finding>,
    /// Length as the platform counts it (characters).
    pub chars: u32,
    /// The platform's limit for this channel, when it has one.
    pub cap: Option<u32>,
    /// The server stopped at its own length limit: the text may end mid-sentence.
    pub truncated: bool,
    pub elapsed_ms: u32,
}

/// What "test connection" found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AiTestResult {
    /// The model that answered, as the server names it.
    pub model: String,
    pub latency_ms: u32,
    /// The first words of the answer, to show it is a real model.
    pub reply: String,
    /// Models the server offers (`GET /models`), when it lists them; helps pick a name.
    pub models: Vec<String>,
}

/// One streamed piece of a draft being written, for the UI to append (event `ai://chunk`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AiChunk {
    /// Which generation this belongs to (the UI's request number).
    pub request: u32,
    pub delta: String,
}
