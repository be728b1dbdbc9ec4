//! Where the API key lives: the OS keychain (macOS Keychain, Windows Credential Manager,
//! the Secret Service on Linux), never the database or a log. Behind a trait so tests use
//! an in-memory store and never touch the owner's keychain.

use super::model::ApiKey;
use crate::error::{CoreError, Result};
use std::sync::Mutex;

/// Holds at most one API key.
pub trait SecretStore: Send + Sync {
    /// The stored key, `None` when there is none.
    fn get(&self) -> Result<Option<ApiKey>>;
    fn set(&self, key: &ApiKey) -> Result<()>;
    /// Removes the key; removing a key that is not there is fine.
    fn clear(&self) -> Result<()>;
}

const ACCOUNT: &str = "ai-api-key";

/// The OS keychain, under the app's identifier, so development builds keep their own key.
#[derive(Debug, Clone)]
pub struct OsKeychain {
    service: String,
}

impl OsKeychain {
    pub fn new(dev: bool) -> Self {
        OsKeychain {
            service: crate::paths::identifier(dev),
        }
    }

    fn entry(&self) -> Result<keyring::Entry> {
        keyring::Entry::new(&self.service, ACCOUNT).map_err(unavailable)
    }
}

/// Keychain errors name the platform's failure, never the secret.
fn unavailable(e: keyring::Error) -> CoreError {
    CoreError::service(
        "ai.keychain_unavailable",
        format!("the system keychain cannot be used: {e}"),
    )
}

impl SecretStore for OsKeychain {
    fn get(&self) -> Result<Option<ApiKey>> {
        match self.entry()?.get_password() {
            Ok(k) => Ok(Some(ApiKey::new(k))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(e)),
        }
    }

    fn set(&self, key: &ApiKey) -> Result<()> {
        self.entry()?
            .set_password(key.expose())
            .map_err(unavailable)
    }

    fn clear(&self) -> Result<()> {
        match self.entry()?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(unavailable(e)),
        }
    }
}

/// A keychain in memory, for tests; `unavailable()` behaves like a machine without one.
#[derive(Debug, Default)]
pub struct MemoryKeychain {
    key: Mutex<Option<String>>,
    broken: bool,
}

impl MemoryKeychain {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn unavailable() -> Self {
        MemoryKeychain {
            key: Mutex::new(None),
            broken: true,
        }
    }

    fn check(&self) -> Result<()> {
        if self.broken {
            return Err(CoreError::service(
                "ai.keychain_unavailable",
                "the system keychain cannot be used: no secret service",
            ));
        }
        Ok(())
    }

    fn slot(&self) -> Result<std::sync::MutexGuard<'_, Option<String>>> {
        self.key
            .lock()
            .map_err(|_| CoreError::service("ai.keychain_unavailable", "keychain lock poisoned"))
    }
}

impl SecretStore for MemoryKeychain {
    fn get(&self) -> Result<Option<ApiKey>> {
        self.check()?;
        Ok(self.slot()?.clone().map(ApiKey::new))
    }

    fn set(&self, key: &ApiKey) -> Result<()> {
        self.check()?;
        *self.slot()? = Some(key.expose().to_string());
        Ok(())
    }

    fn clear(&self) -> Result<()> {
        self.check()?;
        *self.slot()? = None;
        Ok(())
    }
}
