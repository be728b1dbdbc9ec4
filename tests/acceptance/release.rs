//! What a release is built from: one version everywhere, its changelog section, the updater's
//! public key and installer settings in tauri.conf.json, and a UI lock file that `npm ci`
//! installs on Windows, macOS and Linux alike.

use base64::Engine;
use serde_json::Value;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn text(path: &str) -> String {
    let p = root().join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn json(path: &str) -> Value {
    serde_json::from_str(&text(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn tauri_conf() -> Value {
    json("src-tauri/tauri.conf.json")
}

/// The `[workspace.package]` version of the root Cargo.toml (which this crate inherits).
fn workspace_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

#[test]
fn one_version_in_cargo_tauri_and_the_ui() {
    let version = workspace_version();
    let cargo = text("Cargo.toml");
    let package = cargo
        .split("[workspace.package]")
        .nth(1)
        .and_then(|s| s.split("\n[").next())
        .expect("Cargo.toml has [workspace.package]");
    assert!(
        package.contains(&format!("version = \"{version}\"")),
        "the workspace version is {version}"
    );
    for member in [
        "src-tauri/Cargo.toml",
        "src-tauri/core/Cargo.toml",
        "src-tauri/cli/Cargo.toml",
        "tests/Cargo.toml",
    ] {
        assert!(
            text(member).contains("version.workspace = true"),
            "{member} takes the workspace version"
        );
    }
    assert_eq!(tauri_conf()["version"], version.as_str(), "tauri.conf.json");
    assert_eq!(
        json("ui/package.json")["version"],
        version.as_str(),
        "ui/package.json"
    );
    let lock = json("ui/package-lock.json");
    assert_eq!(lock["version"], version.as_str(), "ui/package-lock.json");
    assert_eq!(
        lock["packages"][""]["version"],
        version.as_str(),
        "ui/package-lock.json"
    );
}

#[test]
fn the_changelog_has_notes_for_this_version() {
    let version = workspace_version();
    let changelog = text("CHANGELOG.md");
    let heading = format!("## [{version}]");
    let section = changelog
        .split("\n## ")
        .find(|s| format!("## {s}").starts_with(&heading))
        .unwrap_or_else(|| panic!("CHANGELOG.md has no section {heading}"));
    let body = section.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert!(body.trim().len() > 20, "the {version} section has notes");
}

#[test]
fn the_updater_trusts_a_real_minisign_key_and_makes_update_files() {
    let conf = tauri_conf();
    let key = conf["plugins"]["updater"]["pubkey"]
        .as_str()
        .expect("plugins.updater.pubkey");
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(key.trim())
        .expect("the public key is base64, as `tauri signer generate` writes it");
    let decoded = String::from_utf8(decoded).expect("a minisign key file");
    let mut lines = decoded.lines();
    assert!(lines
        .next()
        .is_some_and(|l| l.starts_with("untrusted comment: minisign public key")));
    let raw = base64::engine::general_purpose::STANDARD
        .decode(lines.next().expect("the key line").trim())
        .expect("base64 key");
    assert_eq!(
        raw.len(),
        42,
        "Ed25519 minisign public key: 2 + 8 + 32 bytes"
    );
    assert_eq!(&raw[..2], b"Ed");
    assert_eq!(conf["bundle"]["createUpdaterArtifacts"], true);
    // The update source is added by the release workflow (this repository's releases).
    assert!(conf["plugins"]["updater"].get("endpoints").is_none());
}

#[test]
fn installers_as_owners_need_them() {
    let conf = tauri_conf();
    let bundle = &conf["bundle"];
    let windows = &bundle["windows"];
    assert_eq!(
        windows["nsis"]["installMode"], "currentUser",
        "no admin rights needed"
    );
    assert_eq!(
        windows["nsis"]["languages"],
        serde_json::json!(["SimpChinese", "English"])
    );
    assert_eq!(
        windows["webviewInstallMode"]["type"], "downloadBootstrapper",
        "WebView2 through the bootstrapper (RELEASING.md: the offline installer)"
    );
    let targets: Vec<&str> = bundle["targets"]
        .as_array()
        .expect("targets")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for t in ["nsis", "msi", "dmg", "app", "deb", "appimage"] {
        assert!(targets.contains(&t), "{t} is built");
    }
    // The installers register this identifier as the shortcuts' AppUserModelID, which
    // Windows needs to show the installed app's notifications; the app's data lives under it.
    assert_eq!(conf["identifier"], haoping_core::paths::APP_IDENTIFIER);
}

/// npm writes every platform's optional packages into a lock made on a clean tree; a lock
/// made over an existing node_modules may keep only the platform it ran on, and then
/// `npm ci` cannot install @tauri-apps/cli or rollup on Windows or macOS.
#[test]
fn the_ui_lock_file_installs_on_every_platform() {
    let lock = json("ui/package-lock.json");
    let packages = lock["packages"].as_object().expect("lockfileVersion 3");
    let mut missing = Vec::new();
    for (path, entry) in packages {
        let Some(optional) = entry["optionalDependencies"].as_object() else {
            continue;
        };
        for name in optional.keys() {
            let nested = format!("{path}/node_modules/{name}");
            let top = format!("node_modules/{name}");
            if !packages.contains_key(&nested) && !packages.contains_key(&top) {
                missing.push(format!("{path} → {name}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "optional packages missing from ui/package-lock.json (regenerate it on a clean \
         tree: rm -rf node_modules package-lock.json && npm install): {missing:#?}"
    );
    for name in [
        "@tauri-apps/cli-win32-x64-msvc",
        "@tauri-apps/cli-darwin-arm64",
        "@tauri-apps/cli-darwin-x64",
        "@tauri-apps/cli-linux-x64-gnu",
        "@rollup/rollup-win32-x64-msvc",
        "@rollup/rollup-darwin-arm64",
        "@rollup/rollup-darwin-x64",
        "@rollup/rollup-linux-x64-gnu",
        "@esbuild/win32-x64",
        "@esbuild/darwin-arm64",
        "@esbuild/darwin-x64",
        "@esbuild/linux-x64",
    ] {
        assert!(
            packages.contains_key(&format!("node_modules/{name}")),
            "{name} is in the lock"
        );
    }
}
