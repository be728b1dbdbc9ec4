//! The "Today" start screen and the tray tooltip (PLAYBOOK section 8): what is due now,
//! which calls fit the window open now, what is overdue, what comes in the next 24 hours,
//! and the backlog of history waiting to be sorted, as one item.
//!
//! Each section lists only its top items (the most urgent first) with the count of all
//! of them; `today_section` pages through the rest, so the screen stays readable and the
//! query stays fast with 100,000 cases.

use super::engine::ReminderKind;
use super::rules::load_rules;
use super::store::{row_to_item, sync, DueItem, ITEM_COLUMNS, ITEM_FROM, LIVE};
use super::windows::{current_window, next_window_start, CallWindow};
use crate::db::sql_time;
use crate::error::Result;
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params_from_iter, types::Value, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Each section of Today lists this many items at the top; the counts cover all of them
/// and `today_section` pages through the rest.
pub const TOP_ITEMS: u32 = 5;
/// The most items one page of a section holds.
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
    /// Cases waiting in the backlog to be sorted (one Today item, never a reminder each).
    pub backlog: u32,
    /// Tray tooltip lines.
    pub tooltip_zh: String,
    pub tooltip_en: String,
}

/// The backlog as Today shows it: one item, however many cases it holds.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct BacklogGroup {
    /// Cases waiting to be sorted (`CaseFilter::backlog` lists them).
    pub cases: u32,
    /// Of those, how many still have a platform window counting down (the seller
    /// explanation, an appeal).
    pub reply_open: u32,
    /// When the first of those windows closes.
    pub first_closes: Option<DateTime<Utc>>,
    pub oldest_review: Option<DateTime<Utc>>,
    pub newest_review: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TodayView {
    pub now: DateTime<Utc>,
    /// The top `TOP_ITEMS` of each section, most urgent first; `counts` has all.
    pub due_now: Vec<DueItem>,
    pub in_window: Vec<DueItem>,
    /// Most overdue first.
    pub overdue: Vec<DueItem>,
    pub coming_up: Vec<DueItem>,
    pub counts: TodayCounts,
    pub backlog: BacklogGroup,
    /// The call window open now / the next one, in the default buyer zone.
    pub current_window: Option<CallWindow>,
    pub next_window: Option<CallWindow>,
}

/// A section of Today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TodaySection {
    DueNow,
    InWindow,
    Overdue,
    ComingUp,
}

/// One page of a section, narrowed by kind and by a product, buyer or `#case` search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SectionQuery {
    pub section: TodaySection,
    /// Empty: every kind.
    #[serde(default)]
    pub kinds: Vec<ReminderKind>,
    /// A substring of the product or the buyer, or `#123` / `123` for a case.
    #[serde(default)]
    pub query: String,
    #[serde(default)]
    pub offset: u32,
    /// 0 means `TOP_ITEMS`; at most `GROUP_LIMIT`.
    #[serde(default)]
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SectionPage {
    pub section: TodaySection,
    /// All items of the section that match the query.
    pub total: u32,
    pub items: Vec<DueItem>,
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

/// The section's condition and its order (most urgent first).
fn section_sql(s: TodaySection) -> (String, &'static str) {
    match s {
        TodaySection::DueNow => (where_due(false), "r.late_at, r.due, r.id"),
        TodaySection::InWindow => (where_due(true), "r.late_at, r.due, r.id"),
        TodaySection::Overdue => (where_overdue(), "r.late_at, r.id"),
        // Coming up is two ranges (due soon, snoozed until soon): see `coming_up`.
        TodaySection::ComingUp => (where_coming_due(), "r.due, r.id"),
    }
}

/// The narrowing of a section beyond its own condition: ` AND …` on the reminder and its
/// case, numbered from `?4` on (the section's times are `?1`–`?3`).
#[derive(Default)]
struct Narrow {
    sql: String,
    args: Vec<Value>,
    /// Whether the narrowing reads the case (then a count needs the join).
    needs_case: bool,
}

impl Narrow {
    fn of(q: &SectionQuery) -> Narrow {
        let mut n = Narrow::default();
        let mut next = 4;
        let mut mark = |n: &mut Narrow, v: Value| {
            n.args.push(v);
            next += 1;
            format!("?{}", next - 1)
        };
        if !q.kinds.is_empty() {
            let marks: Vec<String> = q
                .kinds
                .iter()
                .map(|k| mark(&mut n, Value::Text(k.as_str().into())))
                .collect();
            n.sql
                .push_str(&format!(" AND r.kind IN ({})", marks.join(", ")));
        }
        let text = q.query.trim();
        if !text.is_empty() {
            let id = text.trim_start_matches('#').parse::<i64>().unwrap_or(-1);
            let like = format!(
                "%{}%",
                text.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            );
            let id = mark(&mut n, Value::Integer(id));
            let like = mark(&mut n, Value::Text(like));
            n.sql.push_str(&format!(
                " AND (r.case_id = {id} OR c.product LIKE {like} ESCAPE '\\' \
                 OR c.buyer_nick LIKE {like} ESCAPE '\\')"
            ));
            n.needs_case = true;
        }
        n
    }
}

/// Binds a statement: `?1` now, `?2` the end of the coming-up horizon, `?3` the earliest
/// due time that can still be on time, then the narrowing's own. SQLite counts
/// parameters up to the highest index used, so only those are bound.
fn bind(
    conn: &Connection,
    count: usize,
    now: DateTime<Utc>,
    narrow: &Narrow,
) -> Result<Vec<Value>> {
    let mut times = vec![now, now + COMING_UP];
    if count >= 3 {
        let span: i64 = conn
            .prepare_cached(
                "SELECT coalesce(max(span_s), 0) FROM reminders
                 WHERE cleared_at IS NULL AND dismissed_at IS NULL AND backlog = 0",
            )?
            .query_row([], |r| r.get(0))?;
        times.push(now - Duration::seconds(span.max(0) + 1));
    }
    let mut out: Vec<Value> = times
        .into_iter()
        .take(count.min(3))
        .map(|t| Value::Text(sql_time(t)))
        .collect();
    if count > 3 {
        out.extend(narrow.args.iter().cloned());
    }
    Ok(out)
}

fn count(conn: &Connection, cond: &str, now: DateTime<Utc>, n: &Narrow) -> Result<u32> {
    // Without a search on the case, counting needs only the reminder's own columns, all
    // in the covering indexes: no join.
    let from = if n.needs_case {
        ITEM_FROM
    } else {
        "reminders r"
    };
    let sql = format!("SELECT count(*) FROM {from} WHERE {cond}{}", n.sql);
    let mut stmt = conn.prepare_cached(&sql)?;
    let values = bind(conn, stmt.parameter_count(), now, n)?;
    Ok(stmt.query_row(params_from_iter(values), |r| r.get(0))?)
}

fn query(conn: &Connection, sql: &str, now: DateTime<Utc>, n: &Narrow) -> Result<Vec<DueItem>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let values = bind(conn, stmt.parameter_count(), now, n)?;
    let rows = stmt.query_map(params_from_iter(values), row_to_item)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn list(
    conn: &Connection,
    s: TodaySection,
    now: DateTime<Utc>,
    n: &Narrow,
    limit: u32,
    offset: u32,
) -> Result<Vec<DueItem>> {
    if s == TodaySection::ComingUp {
        return coming_up(conn, now, n, limit, offset);
    }
    let (cond, order) = section_sql(s);
    let sql = format!(
        "SELECT {ITEM_COLUMNS} FROM {ITEM_FROM} WHERE {cond}{} ORDER BY {order} \
         LIMIT {limit} OFFSET {offset}",
        n.sql
    );
    query(conn, &sql, now, n)
}

/// Coming up: due within 24 h, or snoozed until then, by the time each will fire.
fn coming_up(
    conn: &Connection,
    now: DateTime<Utc>,
    n: &Narrow,
    limit: u32,
    offset: u32,
) -> Result<Vec<DueItem>> {
    let sql = format!(
        "SELECT * FROM (
             SELECT {ITEM_COLUMNS}, r.due AS fires FROM {ITEM_FROM} WHERE {due}{narrow}
             UNION ALL
             SELECT {ITEM_COLUMNS}, r.snoozed_until AS fires FROM {ITEM_FROM}
             WHERE {snoozed}{narrow})
         ORDER BY fires, id LIMIT {limit} OFFSET {offset}",
        due = where_coming_due(),
        snoozed = where_coming_snoozed(),
        narrow = n.sql,
    );
    query(conn, &sql, now, n)
}

fn section_total(
    conn: &Connection,
    s: TodaySection,
    now: DateTime<Utc>,
    n: &Narrow,
) -> Result<u32> {
    Ok(match s {
        TodaySection::ComingUp => {
            count(conn, &where_coming_due(), now, n)?
                + count(conn, &where_coming_snoozed(), now, n)?
        }
        other => count(conn, &section_sql(other).0, now, n)?,
    })
}

/// The backlog waiting to be sorted, as one item: how many cases, how old, and how many
/// still have a platform window counting down.
pub fn backlog_group(conn: &Connection, now: DateTime<Utc>) -> Result<BacklogGroup> {
    // Word for word the partial index `cases_backlog`: answered from the index alone.
    let (cases, oldest_review, newest_review) = conn
        .prepare_cached(
            "SELECT count(*), min(review_time), max(review_time) FROM cases
             WHERE backlog = 1 AND followup_from IS NULL AND status = 'new'",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let (reply_open, first_closes) = conn
        .prepare_cached(
            "SELECT count(DISTINCT case_id), min(late_at) FROM reminders
             WHERE cleared_at IS NULL AND dismissed_at IS NULL AND backlog = 1
               AND (expires_at IS NULL OR expires_at > ?1)",
        )?
        .query_row([now], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(BacklogGroup {
        cases,
        reply_open,
        first_closes,
        oldest_review,
        newest_review,
    })
}

/// The counts alone, for the tray; reads only (call after the scheduler's `tick`).
pub fn counts(conn: &Connection, now: DateTime<Utc>) -> Result<TodayCounts> {
    let all = Narrow::default();
    let backlog: u32 = conn
        .prepare_cached(
            "SELECT count(*) FROM cases WHERE backlog = 1 AND followup_from IS NULL AND status = 'new'",
        )?
        .query_row([], |r| r.get(0))?;
    let mut c = TodayCounts {
        due_now: count(conn, &where_due(false), now, &all)?,
        in_window: count(conn, &where_due(true), now, &all)?,
        overdue: count(conn, &where_overdue(), now, &all)?,
        coming_up: section_total(conn, TodaySection::ComingUp, now, &all)?,
        snoozed: count(conn, &where_snoozed(), now, &all)?,
        backlog,
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
    if backlog > 0 {
        c.tooltip_zh
            .push_str(&format!("；{backlog} 条历史差评待分拣"));
        c.tooltip_en.push_str(&format!(
            "; {backlog} old bad {} to sort",
            if backlog == 1 { "review" } else { "reviews" }
        ));
    }
    Ok(c)
}

/// The Today screen: the top of each section, every count, the backlog item. Syncs
/// first, so it always reflects the latest changes.
pub fn today(conn: &mut Connection, now: DateTime<Utc>) -> Result<TodayView> {
    sync(conn, now)?;
    let rules = load_rules(conn)?;
    let tz = rules.default_zone();
    let all = Narrow::default();
    let top = |s| list(conn, s, now, &all, TOP_ITEMS, 0);
    Ok(TodayView {
        now,
        due_now: top(TodaySection::DueNow)?,
        in_window: top(TodaySection::InWindow)?,
        overdue: top(TodaySection::Overdue)?,
        coming_up: top(TodaySection::ComingUp)?,
        counts: counts(conn, now)?,
        backlog: backlog_group(conn, now)?,
        current_window: current_window(now, tz, &rules),
        next_window: next_window_start(now, tz, &rules),
    })
}

/// One page of a Today section, narrowed by kind and search, with how many match in all:
/// what "show all" and the screen's filters read. Syncs first like `today`.
pub fn today_section(
    conn: &mut Connection,
    q: &SectionQuery,
    now: DateTime<Utc>,
) -> Result<SectionPage> {
    sync(conn, now)?;
    let n = Narrow::of(q);
    let limit = match q.limit {
        0 => TOP_ITEMS,
        l => l.min(GROUP_LIMIT),
    };
    Ok(SectionPage {
        section: q.section,
        total: section_total(conn, q.section, now, &n)?,
        items: list(conn, q.section, now, &n, limit, q.offset)?,
    })
}
