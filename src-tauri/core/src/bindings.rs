//! The TypeScript types the UI uses for IPC, generated from the Rust types. The test fails
//! when `ui/src/bindings.ts` differs from what the Rust code says; run it with
//! `HAOPING_UPDATE_BINDINGS=1` to rewrite the file.

use crate::cases::{
    Case, CaseDetail, CaseEvent, CaseFilter, CasePage, CaseSource, CaseStatus, Cause, Commitment,
    CommitmentKind, EventDetail, EventKind, EventParts, EventSubject, ImportRow, NewCase, Platform,
    SortKey,
};
use crate::common::Lang;
use crate::error::ErrorPayload;
use crate::settings::Settings;
use crate::startup::{AppStart, FirstScreen, StartupStatus};
use crate::triage::{
    AiTriage, AiTriageProblem, AlertHit, AlertNotice, AlertUsage, CauseCount, Flag, KeywordAlert,
    NewAlert, NewKeyword, OwnerKeyword, Reason, ReasonKind, RetriageOutcome, RetriageProgress,
    RetriageState, RetriageSummary, Triage, TriageConfig,
};
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
        ErrorPayload, Lang, Platform, Cause, CaseStatus, CaseSource, Case, EventKind,
        CommitmentKind, Commitment, EventSubject, EventParts, ImportRow, EventDetail, CaseEvent,
        CaseDetail, NewCase, SortKey, CaseFilter, CasePage, Settings, StartupStatus,
        FirstScreen, AppStart,
    ]);
    // triage
    decls.extend(decls![&cfg;
        Flag, ReasonKind, Reason, Triage, OwnerKeyword, KeywordAlert, NewKeyword,
        NewAlert, TriageConfig, AlertHit, RetriageSummary, CauseCount, AlertUsage, AlertNotice,
        RetriageProgress, RetriageOutcome, RetriageState, AiTriageProblem, AiTriage,
    ]);
    // intake
    {
        use crate::intake as i;
        decls.extend(decls![&cfg;
            i::CaseField, i::FieldColumn, i::RatingValue, i::RatingMap, i::ColumnMapping,
            i::SavedMapping, i::PresetInfo, i::RejectCode, i::RejectedRow, i::FileKind,
            i::MappingSource, i::PreviewRow, i::Preview, i::ImportOptions, i::ImportProgress,
            i::ImportReport, i::Extracted<String>, i::PastedReview,
        ]);
    }
    // drafts
    {
        use crate::drafts as d;
        decls.extend(decls![&cfg;
            d::Channel, d::Severity, d::TemplateSource, d::Span, d::PartRole,
            d::FindingPart, d::Finding, d::Draft,
            d::TemplateEntry, d::TemplateFilter, d::NewTemplate, d::TemplateProblem,
            d::TemplateVariable, d::DraftPrefs, d::ProblemSource, d::ProblemNote,
            crate::problems::Fit,
        ]);
    }
    // drafts: AI
    {
        use crate::drafts::ai;
        decls.extend(decls![&cfg;
            ai::AiSettings, ai::AiStatus, ai::ApiKey, ai::KeyUpdate, ai::AiDraft,
            ai::AiTestResult, ai::AiChunk,
        ]);
    }
    // followup
    {
        use crate::followup as f;
        decls.extend(decls![&cfg;
            f::ContactChannel, f::ContactOutcome, f::ContactAttempt, f::NewContact,
            f::WindowRule, f::ShopZone, f::FollowupRules, f::CallWindow, f::ReminderKind,
            f::ReminderReason, f::Reminder, f::DueItem, f::SyncReport, f::Snooze, f::KindCount,
            f::FiredBatch, f::Tick, f::TodayCounts, f::BacklogGroup, f::TodayView, f::NoticeOpen,
            f::TodaySection, f::SectionQuery, f::SectionPage, f::ReplyWindow,
        ]);
    }
    // remedies
    {
        use crate::appeals as a;
        use crate::remedies as r;
        decls.extend(decls![&cfg;
            r::RemedyKind, r::OfferedRemedy, r::RemedyStatus,
            r::PostagePayer, r::PromiseStatus, r::Remedy, r::RemedyInput, r::RemedyPreview,
            r::RemedyStatusChange,
            r::Promise, r::PromiseInput, r::LedgerItem, r::LedgerFilter, r::Outcome,
            r::Resolution, r::Bucket, r::CurrencyTotals, r::OverdueCounts, r::OutcomeCount,
            r::Totals, r::TotalsQuery, r::CaseAmount, r::CaseCost, r::LedgerView, r::Owed,
            a::AppealReason, a::AppealStatus, a::Appeal, a::AppealInput, a::AppealStatusChange,
            a::Evidence, a::PacketReport,
        ]);
    }
    // insights
    {
        use crate::insights as n;
        decls.extend(decls![&cfg;
            n::Granularity, n::InsightsQuery, n::Period, n::CaseDrill, n::CauseTally,
            n::CauseSeries, n::BadRate, n::Trend, n::CauseShare, n::ProductRow, n::AlertRow,
            n::RecoveryCount, n::CauseRecovery, n::Recovery, n::DurationStat, n::Deadlines,
            n::ResponseTimes, n::KindSpend, n::CurrencySpend, n::Spend, n::Dashboard,
            n::FilterOptions, n::ReportRequest, n::ReportFormat, n::Headline,
            n::OpenCase, n::DueCommitment, n::RecurringProblem, n::Report, n::ExportFormat,
            n::CaseExport, n::ExportSummary, n::WrittenReport, n::WrittenExport,
        ]);
    }
    // backups, archives, doctor
    {
        use crate::backup as b;
        decls.extend(decls![&cfg;
            b::BackupReason, b::DataCounts, b::BackupInfo, b::BackupStatus, b::RestoreReport,
            b::ArchiveEntry, b::ArchiveManifest, b::ArchiveReport,
            crate::doctor::DoctorCheck, crate::doctor::DoctorReport,
        ]);
    }
    // updates
    {
        use crate::updates as u;
        decls.extend(decls![&cfg;
            u::UpdatePrefs, u::AvailableUpdate, u::UpdateCheck, u::UpdateStatus, u::UpdateProgress,
        ]);
    }
    // bulk actions
    {
        use crate::bulk as b;
        decls.extend(decls![&cfg;
            b::BulkAction, b::SkipReason, b::SkipCount, b::BulkPreview, b::BulkRequest,
            b::BulkReport,
        ]);
    }
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
