//! Follow-up (PLAYBOOK section 4): the contact log, the call-back windows, and the
//! reminders that tell the owner whom to contact, when and how, until every promise is
//! kept.
//!
//! - `contacts`: log an attempt (`log_contact`), list a case's attempts.
//! - `rules`: the owner-editable rhythm (SLA, windows, weekends, holidays, escalation…).
//! - `windows`: call-back windows in the buyer's zone, DST-safe.
//! - `engine`: the pure `reminders_for_case(facts, rules, now)`.
//! - `store`: materialised reminders (`sync`, `due_at`, `case_reminders`).
//! - `scheduler`: what the shell's background task calls (`tick`, `take_due`,
//!   `next_wake`, `snooze`, `dismiss`).
//! - `today`: the Today view (the top of each section, counts, the backlog as one
//!   item), its sections page by page, and the tray counts.
//!
//! How the desktop shell drives the scheduler (one background task, its own pooled
//! connection, blocking calls off the async runtime):
//!
//! ```text
//! loop {
//!     let tick = followup::tick(&mut conn, clock.now())?;      // sync + fire + next wake
//!     if !tick.fired.is_empty() {
//!         notify(tick.fired.summary_zh / summary_en);           // one notification per batch
//!         emit("reminders-fired", &tick.fired);                 // after the commit
//!     }
//!     tray.set_tooltip(followup::counts(&conn, now)?.tooltip_*);
//!     sleep until tick.next_wake by the wall clock (forever when None), or until poked
//! }
//! ```
//!
//! Poke the task after any write (cases, contacts, remedies, the rules…), so a reminder
//! due soon is scheduled at once; reads need no poke. Between due times nothing ticks.
//! Fired reminders are recorded in `reminders.fired_at` / `fire_count`.

mod contacts;
mod engine;
pub mod holidays;
mod reason;
mod rules;
mod scheduler;
mod store;
mod today;
mod windows;

pub use contacts::{
    list_contacts, log_contact, ContactAttempt, ContactChannel, ContactOutcome, NewContact,
};
pub use engine::{plan_case, reminders_for_case, CaseFacts, Reminder, ReminderKind};
pub use reason::ReminderReason;
pub use rules::{
    load_rules, save_rules, FollowupRules, ShopZone, WindowRule, RULES_KEY, UNSET_BUYER_TZ,
};
pub use scheduler::{
    dismiss, next_wake, snooze, take_due, tick, FiredBatch, KindCount, NoticeOpen, Snooze, Tick,
    BATCH_ITEMS,
};
pub use store::{
    case_facts, case_reminders, dismiss_for_cases, due_at, due_commitments, get_item, live_cases,
    live_count, mark_all_dirty, reminders_for_case_id, reply_windows, sync, DueItem, ReplyWindow,
    SyncReport,
};
pub use today::{
    backlog_group, counts, today, today_section, BacklogGroup, SectionPage, SectionQuery,
    TodayCounts, TodaySection, TodayView, GROUP_LIMIT, TOP_ITEMS,
};
pub use windows::{
    current_window, day_allowed, next_window_start, owner_tomorrow_morning, resolve_local,
    window_at_or_after, CallWindow,
};

#[cfg(test)]
mod tests;
