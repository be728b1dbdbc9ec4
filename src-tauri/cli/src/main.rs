//! haoping-cli: the command-line companion to the Haoping app, over the same core and the
//! same database (WAL lets it run while the app is open).

#[macro_use]
mod output;
mod ai;
mod appeals;
mod args;
mod bulk;
mod cases;
mod drafts;
mod followup;
mod insights;
mod intake;
mod remedies;
mod triage;

use clap::{Parser, Subcommand};
use haoping_core::{db, paths, CoreError};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "haoping-cli",
    version,
    about = "Haoping (好评) from the command line"
)]
struct Cli {
    /// Database file (default: the app's database in the OS app-data directory).
    #[arg(long, global = true, env = "HAOPING_DB")]
    db: Option<PathBuf>,
    /// Use the development build's database instead of the released app's.
    #[arg(long, global = true)]
    dev: bool,
    /// Machine-readable JSON output.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Add a case by hand.
    Add(cases::AddArgs),
    /// List cases, with the inbox's filters.
    List(cases::ListArgs),
    /// Show one case with its history.
    Show { id: i64 },
    /// Search cases by any substring of review, product, buyer or order number.
    Search {
        text: String,
        #[command(flatten)]
        filters: cases::ListArgs,
    },
    /// One action over many cases (the backlog, a search, picked ids): set-status,
    /// close-too-old, dismiss-reminders, start-followup, delete. Says what it would do;
    /// --yes does it.
    Bulk(bulk::BulkArgs),
    /// Load the demo shop (about 50 cases).
    Demo {
        /// Load even when the database already holds cases.
        #[arg(long)]
        force: bool,
    },
    /// Remedies and promises with status and due times, and the totals; subcommands
    /// record remedies, promises, outcomes and appeals.
    Remedies(remedies::RemediesArgs),
    /// What is due at a moment (default now): call-backs, promises, deadlines.
    Due(followup::DueArgs),
    /// Log an attempt to reach the buyer of a case.
    Contact(followup::ContactArgs),
    /// Import a review export (CSV, TSV, Excel): negative and neutral reviews become
    /// cases, all are counted; exit code 1 when nothing could be imported.
    Import(intake::ImportArgs),
    /// Print the drafts (public reply, private message, phone script) for a case.
    Draft(drafts::DraftArgs),
    /// Check a reply read from standard input; exit code 1 when a finding is blocking.
    Check(drafts::CheckArgs),
    /// Write a draft for a case with the AI model set up in the app (or `ai-config`).
    AiDraft(ai::AiDraftArgs),
    /// Show or change the AI endpoint; the API key goes to the system keychain.
    AiConfig(ai::AiConfigArgs),
    /// Label review texts (one per line on standard input, or --text): primary cause,
    /// causes, severity, flags and reasons, in the order read.
    Triage(triage::TriageArgs),
    /// Measure triage on the labelled evaluation sets: per-cause precision/recall/F1,
    /// macro-F1, primary-cause accuracy and a confusion matrix.
    TriageEval(triage::EvalArgs),
    /// The owner's triage keywords and alerts, the high-value threshold, re-triage.
    TriageRules(triage::RulesArgs),
    /// Write the closed-loop report of a period (.xlsx or printable .html).
    Report(insights::ReportArgs),
    /// Export the case list with the inbox's filters (.csv or .xlsx); phone numbers and
    /// personal data masked unless --include-personal-data.
    ExportCases(insights::ExportArgs),
}

/// What every subcommand gets.
pub struct Ctx {
    pub db_path: PathBuf,
    pub json: bool,
}

impl Ctx {
    pub fn open(&self) -> Result<db::Connection, CoreError> {
        db::open(&self.db_path)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ctx = Ctx {
        db_path: cli.db.clone().unwrap_or_else(|| paths::db_path(cli.dev)),
        json: cli.json,
    };
    let result = match cli.command {
        Command::Add(a) => cases::add(&ctx, a),
        Command::List(l) => cases::list(&ctx, l, None),
        Command::Show { id } => cases::show(&ctx, id),
        Command::Search { text, filters } => cases::list(&ctx, filters, Some(text)),
        Command::Bulk(b) => bulk::run(&ctx, b),
        Command::Demo { force } => cases::demo(&ctx, force),
        Command::Remedies(r) => remedies::run(&ctx, r),
        Command::Due(d) => followup::due(&ctx, d),
        Command::Contact(c) => followup::contact(&ctx, c),
        Command::Import(a) => intake::import(&ctx, a),
        Command::Draft(d) => drafts::draft(&ctx, d),
        Command::Check(c) => drafts::check(&ctx, c),
        Command::AiDraft(a) => ai::draft(&ctx, cli.dev, a),
        Command::AiConfig(c) => ai::config(&ctx, cli.dev, c),
        Command::Triage(t) => triage::run(&ctx, t),
        Command::TriageEval(e) => triage::eval(&ctx, e),
        Command::TriageRules(r) => triage::rules(&ctx, r),
        Command::Report(r) => insights::report(&ctx, r),
        Command::ExportCases(e) => insights::export_cases(&ctx, e),
    };
    match result {
        Ok(code) => code,
        // The reader of the output stopped early (`| head`): it has what it wanted.
        Err(CoreError::Io(e)) if output::is_closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            output::error(&ctx, &e);
            ExitCode::from(2)
        }
    }
}
