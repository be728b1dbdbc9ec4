//! The command names live in one list (`command_list.rs`), which the build script and the
//! invoke handler read. Three places still spell them out by hand: the command files, the
//! capability file and the UI's calls. These tests fail as soon as one of them names a
//! command the others do not.

use crate::command_list::COMMAND_NAMES;
use regex::Regex;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

macro_rules! command_paths {
    ($($module:ident :: $name:ident),* $(,)?) => {
        &[$((stringify!($module), stringify!($name))),*]
    };
}

/// Every command as (file under `src/commands`, function).
const COMMAND_PATHS: &[(&str, &str)] = app_commands!(command_paths);

fn shell_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn files_in(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    out.sort();
    out
}

fn listed() -> BTreeSet<String> {
    COMMAND_NAMES.iter().map(|s| s.to_string()).collect()
}

/// Names in `found` and not in the list, and the other way round, as one readable line.
fn differences(found: &BTreeSet<String>, place: &str) -> Option<String> {
    let list = listed();
    let extra: Vec<&String> = found.difference(&list).collect();
    let missing: Vec<&String> = list.difference(found).collect();
    if extra.is_empty() && missing.is_empty() {
        return None;
    }
    Some(format!(
        "{place} and src/command_list.rs disagree: only in {place}: {extra:?}; \
         only in the list: {missing:?}"
    ))
}

/// The functions marked `#[tauri::command]` in one source text.
fn commands_in(source: &str) -> BTreeSet<String> {
    let re = Regex::new(
        r"#\[tauri::command(?:\([^)]*\))?\]\s*(?:(?:#\[[^\]]*\]|//[^\n]*)\s*)*pub\s+(?:async\s+)?fn\s+([a-z0-9_]+)",
    )
    .unwrap_or_else(|e| panic!("bad pattern: {e}"));
    re.captures_iter(source).map(|c| c[1].to_string()).collect()
}

/// The commands granted by a capability file (`allow-<name with dashes>`).
fn granted_in(capability: &str) -> BTreeSet<String> {
    let json: serde_json::Value =
        serde_json::from_str(capability).unwrap_or_else(|e| panic!("not JSON: {e}"));
    json["permissions"]
        .as_array()
        .unwrap_or_else(|| panic!("no permissions array"))
        .iter()
        .filter_map(|p| p.as_str())
        .filter(|p| !p.contains(':'))
        .map(|p| {
            p.strip_prefix("allow-")
                .unwrap_or_else(|| panic!("a permission of the app's own that is not allow-…: {p}"))
                .replace('-', "_")
        })
        .collect()
}

/// The commands a UI source calls through `call("name", …)`.
fn called_in(source: &str) -> BTreeSet<String> {
    let re = Regex::new(r#"\bcall\s*(?:<[^()]*?>)?\s*\(\s*"([a-z0-9_]+)""#)
        .unwrap_or_else(|e| panic!("bad pattern: {e}"));
    re.captures_iter(source).map(|c| c[1].to_string()).collect()
}

#[test]
fn the_list_names_each_command_once() {
    let mut seen = BTreeSet::new();
    for name in COMMAND_NAMES {
        assert!(seen.insert(name), "{name} is listed twice");
    }
    assert_eq!(COMMAND_PATHS.len(), COMMAND_NAMES.len());
}

#[test]
fn every_command_file_defines_exactly_the_listed_commands() {
    let dir = shell_dir().join("src/commands");
    let mut problems = Vec::new();
    let mut all = BTreeSet::new();
    for file in files_in(&dir, "rs") {
        let module = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let defined = commands_in(&read(&file));
        let expected: BTreeSet<String> = COMMAND_PATHS
            .iter()
            .filter(|(m, _)| *m == module)
            .map(|(_, n)| n.to_string())
            .collect();
        if defined != expected {
            problems.push(format!(
                "src/commands/{module}.rs defines {:?} but the list has {:?} there",
                defined.difference(&expected).collect::<Vec<_>>(),
                expected.difference(&defined).collect::<Vec<_>>(),
            ));
        }
        all.extend(defined);
    }
    problems.extend(differences(&all, "src/commands"));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_capability_grants_exactly_the_listed_commands() {
    let granted = granted_in(&read(&shell_dir().join("capabilities/default.json")));
    if let Some(problem) = differences(&granted, "capabilities/default.json") {
        panic!("{problem}");
    }
}

#[test]
fn the_ui_calls_exactly_the_listed_commands_through_its_api_files() {
    let ui = shell_dir().join("../ui/src");
    let mut called = BTreeSet::new();
    for file in files_in(&ui.join("api"), "ts") {
        called.extend(called_in(&read(&file)));
    }
    if let Some(problem) = differences(&called, "ui/src/api/*.ts") {
        panic!("{problem}");
    }
}

#[test]
fn the_ui_reaches_rust_only_through_its_ipc_helper() {
    // A bare `invoke` elsewhere would call a command the api files do not show.
    fn walk(dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let name = path.to_string_lossy().into_owned();
            if path.is_dir() {
                walk(&path, out);
            } else if (name.ends_with(".ts") || name.ends_with(".vue"))
                && !name.ends_with(".test.ts")
                && !name.ends_with("api/ipc.ts")
                && read(&path).contains("invoke(")
            {
                out.push(name);
            }
        }
    }
    let mut offenders = Vec::new();
    walk(&shell_dir().join("../ui/src"), &mut offenders);
    assert!(
        offenders.is_empty(),
        "invoke() outside api/ipc.ts: {offenders:?}"
    );
}

#[test]
fn the_readers_find_what_they_look_for() {
    let rust = "#[tauri::command]\npub async fn list_cases() {}\n\
                #[tauri::command(async)]\n/// doc\npub fn reply_caps() {}\n\
                pub fn helper() {}\n";
    assert_eq!(
        commands_in(rust),
        BTreeSet::from(["list_cases".to_string(), "reply_caps".to_string()])
    );
    let ts = "export const a = () => call<Array<[Platform, number]>>(\"reply_caps\");\n\
              export const b = (id: number) =>\n  call<Case>(\n    \"get_case\", { id });\n\
              recall(\"not_a_command\");";
    assert_eq!(
        called_in(ts),
        BTreeSet::from(["reply_caps".to_string(), "get_case".to_string()])
    );
    let cap = r#"{"permissions": ["core:event:default", "allow-set-case-status"]}"#;
    assert_eq!(
        granted_in(cap),
        BTreeSet::from(["set_case_status".to_string()])
    );
}
