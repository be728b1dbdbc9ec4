//! The scheduler core the desktop shell drives: fire what fell due exactly once, say when
//! to wake next, snooze and dismiss. The shell owns the timer; this owns the state.

use super::engine::ReminderKind;
use super::rules::load_rules;
use super::store::{get_item, row_to_item, sync, DueItem, SyncReport, ITEM_COLUMNS, ITEM_FROM};
use super::windows::{next_window_start, owner_tomorrow_morning};
use crate::error::{CoreError, Result};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How many fired reminders a batch lists one by one; the counts always cover all.
pub const BATCH_ITEMS: usize = 100;
/// A reminder fired more than this after its time fell due while nobody was watching.
const CATCH_UP_AFTER: Duration = Duration::seconds(60);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Snooze {
    #[serde(rename = "minutes_15")]
    Minutes15,
    #[serde(rename = "hour_1")]
    Hour1,
    /// The start of the buyer's next call-back window.
    NextWindow,
    /// The owner's next morning (`FollowupRules::owner_day_start` in `FollowupRules::owner_tz`).
    Tomorrow,
}

/// How many fired reminders of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KindCount {
    pub kind: ReminderKind,
    pub count: u32,
}

/// Everything that fell due since the last call, fired once, as one notification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FiredBatch {
    pub fired_at: DateTime<Utc>,
    /// How many reminders fired.
    pub total: u32,
    pub counts: Vec<KindCount>,
    /// Up to `BATCH_ITEMS` of them, earliest due first.
    pub items: Vec<DueItem>,
    /// Some fell due while the scheduler was not running (app closed, laptop asleep).
    pub catch_up: bool,
    /// One line for the notification, e.g. "3 call-backs and 1 promise are due".
    pub summary_zh: String,
    pub summary_en: String,
}

impl FiredBatch {
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// The case when every reminder of the batch is about the same one: its notification
    /// then opens that case; otherwise it opens Today.
    pub fn only_case(&self) -> Option<i64> {
        let first = self.items.first()?;
        let complete = self.total as usize == self.items.len();
        (complete && self.items.iter().all(|i| i.case_id == first.case_id)).then_some(first.case_id)
    }
}

/// What a clicked desktop notification asks the window to open: a case, or Today when
/// `case_id` is absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NoticeOpen {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub case_id: Option<i64>,
}

/// One step of the shell's background task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Tick {
    pub sync: SyncReport,
    pub fired: FiredBatch,
    /// When to call `tick` again (None: nothing scheduled; wait to be poked).
    pub next_wake: Option<DateTime<Utc>>,
}

/// The earliest time a reminder must fire (possibly already past: then call `take_due`).
pub fn next_wake(conn: &Connection) -> Result<Option<DateTime<Utc>>> {
    Ok(conn.query_row(
        "SELECT min(next_fire_at) FROM reminders WHERE next_fire_at IS NOT NULL",
        [],
        |r| r.get(0),
    )?)
}

/// Fires every reminder whose time has come and that has not fired yet, in one
/// transaction: each comes back exactly once, however long the app was away. Reminders
/// that became moot before they could fire (a warning whose deadline has passed) are
/// retired without firing (`superseded_at`).
pub fn take_due(conn: &mut Connection, now: DateTime<Utc>) -> Result<FiredBatch> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute(
        "UPDATE reminders SET next_fire_at = NULL, superseded_at = ?1
         WHERE next_fire_at IS NOT NULL AND next_fire_at <= ?1
           AND expires_at IS NOT NULL AND expires_at <= ?1",
        [now],
    )?;
    let mut counts: Vec<KindCount> = Vec::new();
    let mut earliest: Option<DateTime<Utc>> = None;
    {
        let mut stmt = tx.prepare_cached(
            "SELECT kind, count(*), min(next_fire_at) FROM reminders
             WHERE next_fire_at IS NOT NULL AND next_fire_at <= ?1
             GROUP BY kind ORDER BY kind",
        )?;
        for row in stmt.query_map([now], |r| {
            Ok((
                r.get::<_, ReminderKind>(0)?,
                r.get::<_, u32>(1)?,
                r.get::<_, DateTime<Utc>>(2)?,
            ))
        })? {
            let (kind, count, first) = row?;
            counts.push(KindCount { kind, count });
            earliest = Some(earliest.map_or(first, |e: DateTime<Utc>| e.min(first)));
        }
    }
    let items: Vec<DueItem> = {
        let mut stmt = tx.prepare_cached(&format!(
            "SELECT {ITEM_COLUMNS} FROM {ITEM_FROM}
             WHERE r.next_fire_at IS NOT NULL AND r.next_fire_at <= ?1
             ORDER BY r.next_fire_at, r.id LIMIT {BATCH_ITEMS}"
        ))?;
        let rows = stmt.query_map([now], row_to_item)?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    tx.execute(
        "UPDATE reminders SET fired_at = ?1, next_fire_at = NULL, fire_count = fire_count + 1
         WHERE next_fire_at IS NOT NULL AND next_fire_at <= ?1",
        [now],
    )?;
    tx.commit()?;
    // What the caller gets back reflects the write just made.
    let items: Vec<DueItem> = items
        .into_iter()
        .map(|mut i| {
            i.fired_at = Some(now);
            i.fire_count += 1;
            i.next_fire_at = None;
            i
        })
        .collect();
    let total = counts.iter().map(|c| c.count).sum();
    let (summary_zh, summary_en) = summarise(&counts, &items);
    Ok(FiredBatch {
        fired_at: now,
        total,
        counts,
        items,
        catch_up: earliest.is_some_and(|e| e < now - CATCH_UP_AFTER),
        summary_zh,
        summary_en,
    })
}

/// The shell's whole loop body: sync, fire, and say when to come back.
pub fn tick(conn: &mut Connection, now: DateTime<Utc>) -> Result<Tick> {
    let sync = sync(conn, now)?;
    let fired = take_due(conn, now)?;
    Ok(Tick {
        sync,
        fired,
        next_wake: next_wake(conn)?,
    })
}

/// Puts a reminder off; it fires again at the returned item's `snoozed_until`.
pub fn snooze(
    conn: &Connection,
    reminder_id: i64,
    how: Snooze,
    now: DateTime<Utc>,
) -> Result<DueItem> {
    ensure_live(conn, reminder_id)?;
    let until = match how {
        Snooze::Minutes15 => now + Duration::minutes(15),
        Snooze::Hour1 => now + Duration::hours(1),
        Snooze::NextWindow => {
            let rules = load_rules(conn)?;
            let tz: Tz = get_item(conn, reminder_id)?
                .tz
                .parse()
                .unwrap_or_else(|_| rules.default_zone());
            next_window_start(now, tz, &rules).map_or(now + Duration::hours(1), |w| w.start)
        }
        Snooze::Tomorrow => owner_tomorrow_morning(now, &load_rules(conn)?),
    };
    conn.execute(
        "UPDATE reminders SET snoozed_until = ?2, next_fire_at = ?2 WHERE id = ?1",
        params![reminder_id, until],
    )?;
    get_item(conn, reminder_id)
}

/// Marks a reminder done by hand: it is no longer shown nor fired.
pub fn dismiss(conn: &Connection, reminder_id: i64, now: DateTime<Utc>) -> Result<DueItem> {
    ensure_live(conn, reminder_id)?;
    conn.execute(
        "UPDATE reminders SET dismissed_at = ?2, next_fire_at = NULL WHERE id = ?1",
        params![reminder_id, now],
    )?;
    get_item(conn, reminder_id)
}

fn ensure_live(conn: &Connection, reminder_id: i64) -> Result<()> {
    let (cleared, dismissed): (bool, bool) = conn
        .query_row(
            "SELECT cleared_at IS NOT NULL, dismissed_at IS NOT NULL FROM reminders WHERE id = ?1",
            [reminder_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| CoreError::not_found("reminder", reminder_id))?;
    if cleared || dismissed {
        return Err(CoreError::validation(
            "validation.reminder_closed",
            "reminder_id",
            "this reminder no longer applies",
        ));
    }
    Ok(())
}

/// Groups of kinds as the owner thinks of them, with zh and en nouns.
fn category(kind: ReminderKind) -> usize {
    use ReminderKind::*;
    match kind {
        Callback | EscalatePhone | CallLater => 0,
        PromiseDue => 1,
        FirstResponse | FirstResponseWarning => 2,
        CheckReviewUpdate => 3,
        Revisit => 4,
        ExplanationDeadline | AppealDeadline => 5,
    }
}

const NOUNS: [(&str, &str, &str); 6] = [
    ("回电", "call-back", "call-backs"),
    ("承诺", "promise", "promises"),
    ("首次回复", "first reply", "first replies"),
    ("评价核查", "review check", "review checks"),
    ("回访", "revisit", "revisits"),
    ("平台期限", "platform deadline", "platform deadlines"),
];

fn summarise(counts: &[KindCount], items: &[DueItem]) -> (String, String) {
    let total: u32 = counts.iter().map(|c| c.count).sum();
    if total == 0 {
        return (String::new(), String::new());
    }
    if total == 1 {
        if let Some(i) = items.first() {
            return (
                format!("{}：{}", i.product, i.reason.zh),
                format!("{}: {}", i.product, i.reason.en),
            );
        }
    }
    let mut per = [0u32; 6];
    for c in counts {
        per[category(c.kind)] += c.count;
    }
    let parts: Vec<(u32, usize)> = per
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(i, n)| (*n, i))
        .collect();
    let zh_parts: Vec<String> = parts
        .iter()
        .map(|(n, i)| format!("{n} 个{}", NOUNS[*i].0))
        .collect();
    let en_parts: Vec<String> = parts
        .iter()
        .map(|(n, i)| {
            let noun = if *n == 1 { NOUNS[*i].1 } else { NOUNS[*i].2 };
            format!("{n} {noun}")
        })
        .collect();
    let en_list = match en_parts.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    };
    let verb = if total == 1 { "is" } else { "are" };
    (
        format!("{}到期", zh_parts.join("、")),
        format!("{en_list} {verb} due"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kc(kind: ReminderKind, count: u32) -> KindCount {
        KindCount { kind, count }
    }

    #[test]
    fn summary_groups_kinds_the_owner_way() {
        let (zh, en) = summarise(
            &[
                kc(ReminderKind::Callback, 2),
                kc(ReminderKind::EscalatePhone, 1),
                kc(ReminderKind::PromiseDue, 1),
            ],
            &[],
        );
        assert_eq!(en, "3 call-backs and 1 promise are due");
        assert_eq!(zh, "3 个回电、1 个承诺到期");
        let (_, en) = summarise(
            &[
                kc(ReminderKind::FirstResponse, 2),
                kc(ReminderKind::Revisit, 1),
                kc(ReminderKind::AppealDeadline, 4),
            ],
            &[],
        );
        assert_eq!(
            en,
            "2 first replies, 1 revisit and 4 platform deadlines are due"
        );
        assert_eq!(summarise(&[], &[]), (String::new(), String::new()));
    }
}
