//! The demo shop: realistic cases so a newcomer sees a living inbox.
//!
//! 暖居小铺 sells small home goods and appliances on eight platforms; its fifty complaints
//! cover every cause of the playbook and every step of the status flow. All times are
//! relative to the moment of loading, so the inbox looks current whenever it is loaded:
//! some reviews arrived minutes ago (their first-reply clock is running), the oldest
//! about six weeks ago.
//!
//! Loading is idempotent. Each demo case carries the review id `demo-<key>`; a case
//! already present is skipped, so loading twice adds nothing the second time and never
//! fails on duplicates. The owner's own cases are never touched.

mod catalog;
mod script;

use crate::cases::{self, EventDraft, NewCase};
use crate::error::Result;
use crate::settings;
use chrono::{DateTime, Duration, SecondsFormat, SubsecRound, Utc};
use chrono_tz::Asia::Shanghai;
use rusqlite::{params, Connection, OptionalExtension};
use script::{Act, DemoCase, Order, Step, Who};

/// The demo shop's name. It becomes the shop name in settings only while that is still
/// the untouched default, so a real owner's name is never overwritten.
pub const SHOP_NAME: &str = "暖居小铺";

/// Review ids of demo cases start with this; the owner can tell them apart (and a later
/// cleanup can remove them) without a separate column.
pub const REVIEW_ID_PREFIX: &str = "demo-";

/// How many cases a full load inserts into an empty database.
pub fn size() -> usize {
    catalog::CASES.len()
}

/// Inserts the demo shop's cases with their histories, as of `now`. Returns how many
/// cases were inserted (0 when the demo shop is already there).
pub fn load(conn: &mut Connection, now: DateTime<Utc>) -> Result<usize> {
    // Whole seconds keep every stored time tidy and comparable with what the user types.
    let now = now.trunc_subsecs(0);
    adopt_shop_name(conn)?;
    let mut inserted = 0;
    for (index, demo) in catalog::CASES.iter().enumerate() {
        if already_loaded(conn, demo)? {
            continue;
        }
        insert(conn, index, demo, now)?;
        inserted += 1;
    }
    Ok(inserted)
}

fn adopt_shop_name(conn: &Connection) -> Result<()> {
    let current = settings::load(conn)?;
    if current.shop_name == settings::Settings::default().shop_name {
        settings::save(
            conn,
            &settings::Settings {
                shop_name: SHOP_NAME.to_string(),
                ..current
            },
        )?;
    }
    Ok(())
}

fn review_id(demo: &DemoCase) -> String {
    format!("{REVIEW_ID_PREFIX}{}", demo.key)
}

fn already_loaded(conn: &Connection, demo: &DemoCase) -> Result<bool> {
    let found: Option<i64> = conn
        .query_row(
            "SELECT id FROM cases WHERE platform = ?1 AND review_id = ?2",
            params![demo.platform, review_id(demo)],
            |r| r.get(0),
        )
        .optional()?;
    Ok(found.is_some())
}

/// The order number as the platform prints it, for a review written at `review_at`.
fn order_number(order: Order, review_at: DateTime<Utc>) -> String {
    match order {
        Order::None => String::new(),
        Order::Fixed(n) => n.to_string(),
        Order::Pdd {
            days_before_review,
            serial,
        } => {
            let placed = review_at - Duration::days(days_before_review as i64);
            format!(
                "{}-{serial}",
                placed.with_timezone(&Shanghai).format("%y%m%d")
            )
        }
    }
}

/// When the owner entered the case: a little after the review (varied per case so the
/// inbox does not look machine-made), and before the first thing done on it.
fn intake_time(
    index: usize,
    review_at: DateTime<Utc>,
    first_step: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    let delay = Duration::minutes(8 + (index as i64 * 47) % 150);
    let latest = first_step.unwrap_or(now).min(now).max(review_at);
    let entered = review_at + delay;
    if entered < latest {
        entered
    } else if first_step.is_some() {
        // A quick first contact: the case was entered halfway between review and contact.
        review_at + (latest - review_at) / 2
    } else {
        latest
    }
}

/// The moment each step happened, in order. A step is never earlier than the one before
/// nor later than `now`, whatever time of day the demo is loaded at.
fn step_times(demo: &DemoCase, start: DateTime<Utc>, now: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let mut prev = start;
    demo.steps
        .iter()
        .map(|s| {
            let at = s.at.resolve(now).max(prev).min(now);
            prev = at;
            at
        })
        .collect()
}

fn insert(conn: &mut Connection, index: usize, demo: &DemoCase, now: DateTime<Utc>) -> Result<()> {
    let review_at = demo.at.resolve(now).min(now);
    let first_step = step_times(demo, review_at, now).first().copied();
    let created_at = intake_time(index, review_at, first_step, now);
    let input = NewCase {
        platform: demo.platform.as_str().to_string(),
        shop: SHOP_NAME.to_string(),
        order_id: order_number(demo.order, review_at),
        review_id: review_id(demo),
        buyer_nick: demo.nick.to_string(),
        buyer_phone: demo.phone.to_string(),
        product: demo.product.to_string(),
        stars: demo.stars,
        review_text: demo.text.to_string(),
        review_time: review_at.to_rfc3339_opts(SecondsFormat::Secs, true),
        has_photos: demo.photos,
        order_value_cents: (demo.value_cents > 0).then_some(demo.value_cents),
        lang: String::new(),
    };
    let case = cases::create(conn, &input, Who::Owner.name(), created_at)?;
    let times = step_times(demo, created_at, now);
    for (step, at) in demo.steps.iter().zip(times) {
        apply(conn, case.id, step, at)?;
    }
    Ok(())
}

fn apply(conn: &mut Connection, id: i64, step: &Step, at: DateTime<Utc>) -> Result<()> {
    let by = step.by.name();
    match step.act {
        Act::Move(to) => {
            let note = (!step.text.is_empty()).then_some(step.text);
            cases::set_status(conn, id, to, note, by, at)?;
        }
        Act::Note => {
            cases::add_note(conn, id, step.text, by, at)?;
        }
        Act::FollowUp => set_text(conn, id, TextColumn::FollowUp, step.text, by, at)?,
        Act::Reply => set_text(conn, id, TextColumn::SellerReply, step.text, by, at)?,
    }
    Ok(())
}

#[derive(Clone, Copy)]
enum TextColumn {
    FollowUp,
    SellerReply,
}

/// Sets the buyer's follow-up or the shop's public reply, logged like any field change.
/// The case API has no setter for these yet (intake and drafts fill them in their own
/// flows), so the demo writes them the same way: one update plus one history line.
fn set_text(
    conn: &mut Connection,
    id: i64,
    column: TextColumn,
    text: &str,
    by: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    let (sql, field) = match column {
        TextColumn::FollowUp => (
            "UPDATE cases SET follow_up_text = ?1, updated_at = ?2 WHERE id = ?3",
            "follow_up_text",
        ),
        TextColumn::SellerReply => (
            "UPDATE cases SET seller_reply = ?1, updated_at = ?2 WHERE id = ?3",
            "seller_reply",
        ),
    };
    let tx = conn.transaction()?;
    tx.execute(sql, params![text, at, id])?;
    cases::record_event(
        &tx,
        id,
        at,
        by,
        EventDraft {
            kind: "field",
            field: Some(field),
            old_value: None,
            new_value: Some(text.to_string()),
            note: None,
        },
    )?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests;
