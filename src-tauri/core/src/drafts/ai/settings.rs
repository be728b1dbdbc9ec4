//! The endpoint settings in the database (the `settings` table, key `ai`), and the key in
//! the keychain. Saving validates and normalizes what the owner typed.

use super::keychain::SecretStore;
use super::model::{AiSettings, AiStatus, KeyUpdate, MAX_TIMEOUT_SECS, MIN_TIMEOUT_SECS};
use crate::error::{CoreError, Result};
use crate::settings;
use reqwest::Url;
use rusqlite::Connection;

const KEY: &str = "ai";
const MAX_MODEL: usize = 200;
const MAX_URL: usize = 500;
const MAX_API_KEY: usize = 4096;

pub fn load(conn: &Connection) -> Result<AiSettings> {
    // A damaged row must not break the app: AI drafting just reads as not set up.
    settings::load_value(conn, KEY)
}

/// `http://localhost:11434` → `http://localhost:11434/v1` (the path every compatible
/// server serves); a pasted `…/chat/completions` is cut back to the API root.
pub(crate) fn normalize_base_url(raw: &str) -> Result<String> {
    let bad = |why: &str| CoreError::validation("validation.url_format", "base_url", why);
    let trimmed = raw.trim();
    if trimmed.chars().count() > MAX_URL {
        return Err(CoreError::validation(
            "validation.too_long",
            "base_url",
            format!("longer than {MAX_URL} characters"),
        ));
    }
    let mut url = Url::parse(trimmed).map_err(|_| bad("not a URL (http://host:port/v1)"))?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(bad("must start with http:// or https://"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(bad("has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        // Credentials in a URL end up in logs and error messages; the key has its place.
        return Err(bad("must not contain a user name or password"));
    }
    url.set_query(None);
    url.set_fragment(None);
    let mut path = url.path().trim_end_matches('/').to_string();
    for tail in ["/chat/completions", "/completions", "/models"] {
        if let Some(p) = path.strip_suffix(tail) {
            path = p.to_string();
            break;
        }
    }
    if path.is_empty() {
        path = "/v1".to_string();
    }
    url.set_path(&path);
    Ok(url.as_str().trim_end_matches('/').to_string())
}

fn clean(s: &AiSettings) -> Result<AiSettings> {
    let model = s.model.trim().to_string();
    if model.chars().count() > MAX_MODEL {
        return Err(CoreError::validation(
            "validation.too_long",
            "model",
            format!("longer than {MAX_MODEL} characters"),
        ));
    }
    let base_url = if s.base_url.trim().is_empty() {
        String::new()
    } else {
        normalize_base_url(&s.base_url)?
    };
    if s.enabled && base_url.is_empty() {
        return Err(CoreError::validation(
            "validation.required",
            "base_url",
            "is required to turn AI drafting on",
        ));
    }
    if s.enabled && model.is_empty() {
        return Err(CoreError::validation(
            "validation.required",
            "model",
            "is required to turn AI drafting on",
        ));
    }
    Ok(AiSettings {
        enabled: s.enabled,
        base_url,
        model,
        timeout_secs: s.timeout_secs.clamp(MIN_TIMEOUT_SECS, MAX_TIMEOUT_SECS),
    })
}

/// Validates a key the owner typed or pasted.
pub(crate) fn clean_key(raw: &str) -> Result<super::model::ApiKey> {
    let k = raw.trim();
    if k.is_empty() {
        return Err(CoreError::validation(
            "validation.required",
            "api_key",
            "is empty",
        ));
    }
    if k.len() > MAX_API_KEY {
        return Err(CoreError::validation(
            "validation.too_long",
            "api_key",
            format!("longer than {MAX_API_KEY} bytes"),
        ));
    }
    // A header value cannot hold these; a key with them was pasted wrong.
    if k.chars()
        .any(|c| c.is_whitespace() || c.is_control() || !c.is_ascii())
    {
        return Err(CoreError::validation(
            "validation.key_format",
            "api_key",
            "contains spaces or characters a key cannot have",
        ));
    }
    Ok(super::model::ApiKey::new(k))
}

/// The settings and the key's state. A keychain that cannot be reached is reported, not
/// an error: the screen still opens and local servers still work.
pub fn status(conn: &Connection, store: &dyn SecretStore) -> Result<AiStatus> {
    let settings = load(conn)?;
    let (has_key, keychain_available) = match store.get() {
        Ok(k) => (k.is_some(), true),
        Err(_) => (false, false),
    };
    Ok(AiStatus {
        ready: settings.enabled && !settings.base_url.is_empty() && !settings.model.is_empty(),
        settings,
        has_key,
        keychain_available,
    })
}

/// Saves the endpoint settings and applies the key change. The key goes to the keychain
/// first: if that fails, nothing is saved and the owner is told why.
pub fn save(
    conn: &Connection,
    store: &dyn SecretStore,
    settings: &AiSettings,
    key: &KeyUpdate,
) -> Result<AiStatus> {
    let clean = clean(settings)?;
    match key {
        KeyUpdate::Keep => {}
        KeyUpdate::Set(k) => store.set(&clean_key(k.expose())?)?,
        KeyUpdate::Clear => store.clear()?,
    }
    settings::save_value(conn, KEY, &clean)?;
    status(conn, store)
}
