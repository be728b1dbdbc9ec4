//! The TypeScript types the UI uses for IPC, generated from the Rust types. The test fails
//! when `ui/src/bindings.ts` differs from what the Rust code says; run it with
//! `HAOPING_UPDATE_BINDINGS=1` to rewrite the file.

use crate::cases::{
    Case, CaseDetail, CaseEvent, CaseFilter, CasePage, CaseStatus, Cause, NewCase, Platform,
    SortKey,
};
use crate::error::ErrorPayload;
use crate::settings::Settings;
use crate::startup::StartupStatus;
use crate::triage::Triage;
use ts_rs::{Config, TS};

macro_rules! decls {
    ($cfg:expr; $($t:ty),+ $(,)?) => {
        vec![$(format!("export {}", <$t as TS>::decl($cfg))),+]
    };
}

fn render() -> String {
    let cfg = Config::default();
    let mut out = String::from(
        "// Generated from the Rust types in src-tauri/core. Do not edit by hand:\n\
         // run `HAOPING_UPDATE_BINDINGS=1 cargo test -p haoping-core bindings` instead.\n\n",
    );
    let mut decls: Vec<String> = Vec::new();
    // cases & settings
    decls.extend(decls![&cfg;
        ErrorPayload, Platform, Cause, CaseStatus, Case, CaseEvent, CaseDetail, NewCase,
        SortKey, CaseFilter, CasePage, Settings, StartupStatus,
    ]);
    // triage
    decls.extend(decls![&cfg; Triage]);
    // intake
    // drafts
    // followup
    // remedies
    // insights
    out.push_str(&decls.join("\n\n"));
    out.push('\n');
    out
}

#[test]
fn ui_bindings_match_rust_types() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings.ts");
    let expected = render();
    if std::env::var_os("HAOPING_UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "ui/src/bindings.ts is out of date with the Rust types; \
         run `HAOPING_UPDATE_BINDINGS=1 cargo test -p haoping-core bindings` and commit the result"
    );
}
