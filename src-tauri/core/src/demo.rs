//! The demo shop: realistic cases so a newcomer sees a living inbox.
//!
//! 暖居小铺 sells small home goods and appliances on eight platforms; its fifty complaints
//! cover every cause of the playbook and every step of the status flow. All times are
//! relative to the moment of loading, so the inbox looks current whenever it is loaded:
//! some reviews arrived minutes ago (their first-reply clock is running), the oldest
//! about six weeks ago.
//!
//! Next to the owner's notes, the shop's tools have their own record of the same weeks
//! (`history`): the contact log, the remedies ledger and the outcomes of the closed
//! cases; the review statistics of the platforms' exports, good reviews included
//! (`reviews`); and three keyword alerts (when the owner has none of their own). So
//! Today, the ledger and the insights dashboard all show a shop in motion.
//!
//! Loading is idempotent. Each demo case carries the review id `demo-<key>`; a case
//! already present is skipped, so loading twice adds nothing the second time and never
//! fails on duplicates. The owner's own cases are never touched.

mod catalog;
mod history;
mod reviews;
mod script;

use crate::cases::{self, CaseStatus, NewCase, ReviewUpdate};
use crate::error::{CoreError, Result};
use crate::followup::{self, NewContact};
use crate::remedies::{self, RemedyInput, RemedyStatusChange};
use crate::{intake, settings, triage};
use chrono::{DateTime, Duration, SecondsFormat, SubsecRound, Utc};
use chrono_tz::Asia::Shanghai;
use history::{Deed, Entry, Offer};
use rusqlite::Connection;
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
    // Before the cases, so triage marks the reviews that mention an alert word.
    adopt_alerts(conn, now)?;
    let mut inserted = 0;
    for (index, demo) in catalog::CASES.iter().enumerate() {
        if already_loaded(conn, demo)? {
            continue;
        }
        insert(conn, index, demo, now)?;
        inserted += 1;
    }
    reviews::add_positives(conn, now)?;
    Ok(inserted)
}

/// The demo owner's alert words, only for an owner who has set up none: their own list
/// is never added to.
fn adopt_alerts(conn: &Connection, now: DateTime<Utc>) -> Result<()> {
    if !triage::list_alerts(conn)?.is_empty() {
        return Ok(());
    }
    for term in history::ALERT_WORDS {
        triage::add_alert(
            conn,
            &triage::NewAlert {
                term: term.to_string(),
                product: String::new(),
            },
            now,
        )?;
    }
    Ok(())
}

fn adopt_shop_name(conn: &Connection) -> Result<()> {
    let current = settings::load(conn)?;
    if settings::Settings::is_default_shop(&current.shop_name) {
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
    Ok(cases::find_by_review_id(conn, demo.platform, &review_id(demo))?.is_some())
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
        ..NewCase::default()
    };
    let case = intake::add_case(conn, &input, Who::Owner.name(), created_at)?;
    // The alerts were raised (and seen) when the review came in, weeks ago for most: the
    // desktop should not announce them again now.
    let hits = triage::alert_hits(conn, &case)?;
    triage::mark_alerts_notified(conn, &hits, created_at)?;
    reviews::count_case(conn, &case)?;

    // The owner's notes and the tools' record, interleaved in time; at the same moment
    // the note comes first (the story moves the case, then the contact is logged).
    let steps: Vec<_> = demo
        .steps
        .iter()
        .zip(step_times(demo, created_at, now))
        .collect();
    let record = history::entries_of(demo.key);
    let deeds: Vec<_> = record
        .iter()
        .zip(entry_times(record, created_at, now))
        .collect();
    let (mut s, mut d) = (0, 0);
    let mut offers: Vec<i64> = Vec::new();
    while s < steps.len() || d < deeds.len() {
        let deed_first = match (steps.get(s), deeds.get(d)) {
            (Some((_, step_at)), Some((_, deed_at))) => deed_at < step_at,
            (None, Some(_)) => true,
            _ => false,
        };
        if deed_first {
            let (entry, at) = deeds[d];
            act(conn, case.id, entry, at, &mut offers)?;
            d += 1;
        } else {
            let (step, at) = steps[s];
            apply(conn, case.id, step, at)?;
            s += 1;
        }
    }
    Ok(())
}

/// The moments of a record, in order, after the case was entered and not after `now`.
fn entry_times(
    entries: &[Entry],
    created_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Vec<DateTime<Utc>> {
    let mut prev = created_at;
    entries
        .iter()
        .map(|e| {
            let at = e.at.resolve(now).max(prev).min(now);
            prev = at;
            at
        })
        .collect()
}

fn remedy_input(o: &Offer) -> RemedyInput {
    RemedyInput {
        kind: Some(o.kind),
        currency: o.currency.to_string(),
        value: o.value.to_string(),
        unit_cost: o.unit_cost.to_string(),
        quantity: o.quantity,
        postage: o.postage.to_string(),
        gift_item: o.gift.to_string(),
        terms: o.terms.to_string(),
        ..RemedyInput::default()
    }
}

/// Does what the record says, through the same functions the app's screens call.
fn act(
    conn: &mut Connection,
    id: i64,
    entry: &Entry,
    at: DateTime<Utc>,
    offers: &mut Vec<i64>,
) -> Result<()> {
    let by = entry.by.name();
    match entry.deed {
        Deed::Contact {
            channel,
            outcome,
            note,
        } => {
            // A contact on a new case would move it by itself; the stories move their
            // cases in their own words, so a record never runs ahead of its story.
            if cases::get(conn, id)?.status == CaseStatus::New {
                return Err(CoreError::validation(
                    "demo.contact_before_story",
                    "at",
                    "a demo contact comes before its story reached the buyer",
                ));
            }
            followup::log_contact(
                conn,
                &NewContact {
                    case_id: id,
                    channel,
                    outcome,
                    note: Some(note.to_string()),
                    at: Some(at),
                    call_back_at: None,
                    agreed_update_at: None,
                },
                by,
                at,
            )?;
        }
        Deed::Offer(o) => {
            let r = remedies::add_remedy(conn, id, &remedy_input(&o), by, at)?;
            offers.push(r.id);
        }
        Deed::Settle {
            offer,
            to,
            reference,
        } => {
            let Some(remedy) = offers.get(offer).copied() else {
                return Err(CoreError::validation(
                    "demo.unknown_offer",
                    "offer",
                    "a demo remedy moves an offer that was never made",
                ));
            };
            let change = RemedyStatusChange {
                reference: reference.to_string(),
                delivered_at: Some(at),
                note: String::new(),
            };
            remedies::set_remedy_status(conn, remedy, to, &change, by, at)?;
        }
        Deed::Close {
            outcome,
            final_stars,
        } => {
            remedies::close_case(conn, id, outcome, final_stars, None, by, at)?;
        }
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
        Act::FollowUp => {
            let update = ReviewUpdate {
                follow_up_text: Some(step.text),
                ..ReviewUpdate::default()
            };
            intake::revise_case(conn, id, &update, by, at)?;
        }
        Act::Reply => {
            let update = ReviewUpdate {
                seller_reply: Some(step.text),
                ..ReviewUpdate::default()
            };
            intake::revise_case(conn, id, &update, by, at)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
