//! The "Today" start screen and the tray tooltip (PLAYBOOK section 8): what is due now,
//! which calls fit the window open now, what is overdue, what comes in the next 24 hours.

use super::rules::load_rules;
use super::store::{row_to_item, sync, DueItem, ITEM_COLUMNS, ITEM_FROM, LIVE};
use super::windows::{current_window, next_window_start, CallWindow};
use crate::error::Result;
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params_from_iter, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Each group lists at most this many items; the counts always cover all of them.
pub const GROUP_LIMIT: u32 = 200;
const COMING_UP: Duration = Duration::hours(24);

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct TodayCounts {
    /// Non-call reminders due and not yet late (promises, SLA warnings, checks…).
    pub due_now: u32,
    /// Calls whose window is open right now.
    pub in_window: u32,
    pub overdue: u32,
    /// Falling due within 24 hours (snoozed ones included, at their snooze time).
    pub coming_up: u32,
    /// Put off by the owner to a later time.
    pub snoozed: u32,
    /// Tray tooltip lines.
    pub tooltip_zh: String,
    pub tooltip_en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TodayView {
    pub now: DateTime<Utc>,
    pub due_now: Vec<DueItem>,
    pub in_window: Vec<DueItem>,
    /// Most overdue first.
    pub overdue: Vec<DueItem>,
    pub coming_up: Vec<DueItem>,
    pub counts: TodayCounts,
    /// The call window open now / the next one, in the default buyer zone.
    pub current_window: Option<CallWindow>,
    pub next_window: Option<CallWindow>,
}

/// Not snoozed past `?1`.
const AWAKE: &str = "(r.snoozed_until IS NULL OR r.snoozed_until <= ?1)";
const CALLS: &str = "('callback', 'escalate_phone', 'call_later')";

// Each group is one index range; an OR across ranges would make SQLite scan everything.
fn where_overdue() -> String {
    format!("{LIVE} AND {AWAKE} AND r.late_at <= ?1")
}
/// Due and not yet late. `?3` is now minus the largest live due→late span: nothing due
/// before it can still be on time, so the index range stays short however many
/// reminders are overdue.
fn where_due(calls: bool) -> String {
    let not = if calls { "" } else { "NOT" };
    format!(
        "{LIVE} AND {AWAKE} AND r.due > ?3 AND r.due <= ?1 AND r.late_at > ?1 \
         AND r.kind {not} IN {CALLS}"
    )
}
fn where_coming_due() -> String {
    format!("{LIVE} AND {AWAKE} AND r.due > ?1 AND r.due <= ?2")
}
fn where_coming_snoozed() -> String {
    format!("{LIVE} AND r.snoozed_until > ?1 AND r.snoozed_until <= ?2")
}
fn where_snoozed() -> String {
    format!("{LIVE} AND r.snoozed_until > ?1")
}

/// `?1` is now; `?2` the end of the coming-up horizon; `?3` the earliest due time that
/// can still be on time. SQLite numbers parameters up to the highest one used.
fn bind(conn: &Connection, sql: &str, now: DateTime<Utc>) -> Result<Vec<DateTime<Utc>>> {
    Ok(if sql.contains("?3") {
        let span: i64 = conn
            .prepare_cached(
                "SELECT coalesce(max(span_s), 0) FROM reminders
                 WHERE cleared_at IS NULL AND dismissed_at IS NULL",
            )?
            .query_row([], |r| r.get(0))?;
        vec![
            now,
            now + COMING_UP,
            now - Duration::seconds(span.max(0) + 1),
        ]
    } else if sql.contains("?2") {
        vec![now, now + COMING_UP]
    } else {
        vec![now]
    })
}

fn count(conn: &Connection, cond: &str, now: DateTime<Utc>) -> Result<u32> {
    // No join: counting needs only the reminder's own columns, all in the covering indexes.
    let sql = format!("SELECT count(*) FROM reminders r WHERE {cond}");
    let mut stmt = conn.prepare_cached(&sql)?;
    Ok(stmt.query_row(params_from_iter(bind(conn, &sql, now)?), |r| r.get(0))?)
}

fn list(conn: &Connection, cond: &str, order: &str, now: DateTime<Utc>) -> Result<Vec<DueItem>> {
    let sql = format!(
        "SELECT {ITEM_COLUMNS} FROM {ITEM_FROM} WHERE {cond} ORDER BY {order} LIMIT {GROUP_LIMIT}"
    );
    query(conn, &sql, now)
}

fn query(conn: &Connection, sql: &str, now: DateTime<Utc>) -> Result<Vec<DueItem>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params_from_iter(bind(conn, sql, now)?), row_to_item)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Coming up: due within 24 h, or snoozed until then, by the time each will fire.
fn coming_up(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<DueItem>> {
    let sql = format!(
        "SELECT * FROM (
             SELECT {ITEM_COLUMNS}, r.due AS fires FROM {ITEM_FROM} WHERE {due}
             UNION ALL
             SELECT {ITEM_COLUMNS}, r.snoozed_until AS fires FROM {ITEM_FROM} WHERE {snoozed})
         ORDER BY fires, id LIMIT {GROUP_LIMIT}",
        due = where_coming_due(),
        snoozed = where_coming_snoozed(),
    );
    query(conn, &sql, now)
}

/// The counts alone, for the tray; reads only (call after the scheduler's `tick`).
pub fn counts(conn: &Connection, now: DateTime<Utc>) -> Result<TodayCounts> {
    let mut c = TodayCounts {
        due_now: count(conn, &where_due(false), now)?,
        in_window: count(conn, &where_due(true), now)?,
        overdue: count(conn, &where_overdue(), now)?,
        coming_up: count(conn, &where_coming_due(), now)?
            + count(conn, &where_coming_snoozed(), now)?,
        snoozed: count(conn, &where_snoozed(), now)?,
        ..Default::default()
    };
    let now_n = c.due_now + c.in_window;
    c.tooltip_zh = format!(
        "好评：{now_n} 项待办（{} 个电话可在当前时段拨打），{} 项逾期，24 小时内还有 {} 项",
        c.in_window, c.overdue, c.coming_up
    );
    c.tooltip_en = format!(
        "Haoping: {now_n} due now ({} calls in the open window), {} overdue, {} in the next 24 h",
        c.in_window, c.overdue, c.coming_up
    );
    Ok(c)
}

/// The Today screen. Syncs first, so it always reflects the latest changes.
pub fn today(conn: &mut Connection, now: DateTime<Utc>) -> Result<TodayView> {
    sync(conn, now)?;
    let rules = load_rules(conn)?;
    let tz = rules.default_zone();
    Ok(TodayView {
        now,
        due_now: list(conn, &where_due(false), "r.late_at, r.due, r.id", now)?,
        in_window: list(conn, &where_due(true), "r.late_at, r.due, r.id", now)?,
        overdue: list(conn, &where_overdue(), "r.late_at, r.id", now)?,
        coming_up: coming_up(conn, now)?,
        counts: counts(conn, now)?,
        current_window: current_window(now, tz, &rules),
        next_window: next_window_start(now, tz, &rules),
    })
}
