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
mod import_mapping;
mod insights;
mod intake;
mod remedies;
mod safety;
mod triage;

use clap::{Parser, Subcommand};
use haoping_core::{db, paths, storage, CoreError};
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
    /// Measure drafts on the labelled corpus: the share that names the problem only by the
    /// cause's general phrase, and problems named under the wrong cause (development part,
    /// test part, each category left out).
    DraftsEval(drafts::EvalArgs),
    /// Measure the reply checker on the labelled owner sentences: incentives blocked, clean
    /// replies passed, tone and personal-data recall, for the tune and the test part.
    CheckerEval(drafts::CheckerEvalArgs),
    /// Write a draft for a case with the AI model set up in the app (or `ai-config`).
    AiDraft(ai::AiDraftArgs),
    /// Show or change the AI endpoint; the API key goes to the system keychain.
    AiConfig(ai::AiConfigArgs),
    /// Ask the AI endpoint for a case's (or a text's) causes; the local labels are kept
    /// when it fails or answers nonsense. Nothing is stored.
    AiTriage(ai::AiTriageArgs),
    /// Label review texts (one per line on standard input, or --text): primary cause,
    /// causes, severity, flags and reasons, in the order read.
    Triage(triage::TriageArgs),
    /// Measure triage on the labelled corpus, for the rules, the model and both combined:
    /// development part (cross-validated), test part, per category and source,
    /// leave-one-category-out, and the hand-written set.
    TriageEval(triage::EvalArgs),
    /// Train the triage model on the corpus's development part and write it (the same
    /// corpus gives the same file, byte for byte).
    TriageTrain(triage::TrainArgs),
    /// The owner's triage keywords and alerts, the high-value threshold, re-triage.
    TriageRules(triage::RulesArgs),
    /// Write the closed-loop report of a period (.xlsx or printable .html).
    Report(insights::ReportArgs),
    /// Export the case list with the inbox's filters (.csv or .xlsx); phone numbers and
    /// personal data masked unless --include-personal-data.
    ExportCases(insights::ExportArgs),
    /// Make a verified backup now (into the backup folder, or to --out FILE).
    Backup(safety::BackupArgs),
    /// List the backups, newest first.
    Backups,
    /// Restore the database from a backup or another Haoping database file (the current
    /// database is backed up first).
    Restore(safety::RestoreArgs),
    /// Write the whole shop (database and evidence files) to one .haoping archive.
    ExportShop(safety::ExportShopArgs),
    /// Import a .haoping archive into an empty database, ids kept.
    ImportShop(safety::ImportShopArgs),
    /// Check the database without changing it: integrity, foreign keys and the domain's
    /// invariants; exit code 1 when anything is wrong.
    Doctor,
}

/// What every subcommand gets.
pub struct Ctx {
    pub db_path: PathBuf,
    pub json: bool,
}

impl Ctx {
    /// The database, which must exist: a mistyped path is refused, never answered from
    /// a new empty database.
    pub fn open(&self) -> Result<db::Connection, CoreError> {
        storage::open_existing(&self.db_path)
    }

    /// The database, created when there is none yet: for commands that bring data in.
    pub fn open_or_create(&self) -> Result<db::Connection, CoreError> {
        storage::open(&self.db_path)
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
        Command::DraftsEval(e) => drafts::eval(&ctx, e),
        Command::CheckerEval(e) => drafts::checker_eval(&ctx, e),
        Command::AiDraft(a) => ai::draft(&ctx, cli.dev, a),
        Command::AiConfig(c) => ai::config(&ctx, cli.dev, c),
        Command::AiTriage(a) => ai::triage(&ctx, cli.dev, a),
        Command::Triage(t) => triage::run(&ctx, t),
        Command::TriageEval(e) => triage::eval(&ctx, e),
        Command::TriageTrain(t) => triage::train(&ctx, t),
        Command::TriageRules(r) => triage::rules(&ctx, r),
        Command::Report(r) => insights::report(&ctx, r),
        Command::ExportCases(e) => insights::export_cases(&ctx, e),
        Command::Backup(b) => safety::backup(&ctx, b),
        Command::Backups => safety::backups(&ctx),
        Command::Restore(r) => safety::restore(&ctx, r),
        Command::ExportShop(e) => safety::export_shop(&ctx, e),
        Command::ImportShop(i) => safety::import_shop(&ctx, i),
        Command::Doctor => safety::doctor(&ctx),
    };
    // A database failure names the database file, with its code (busy, disk full…).
    let result = result.map_err(|e| match e {
        CoreError::Db(_) => db::at_path(&ctx.db_path, e),
        other => other,
    });
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
