//! Follow-up end to end: a simulated week of a shop's bad reviews (real review texts),
//! the owner's contact attempts and promises, and the reminder scheduler driven by an
//! injected clock — with the app restarted (file database closed and reopened), the
//! laptop asleep for hours, and snoozes. Before every scheduler step the expected due
//! reminders are recomputed independently from the pure rules; the scheduler must fire
//! exactly those not fired yet: nothing lost, nothing twice.

// The helpers below are test code too: any failure in them is a test failure.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Duration, Utc};
use haoping_core::cases::{self, CaseStatus, Cause, NewCase};
use haoping_core::db::Connection;
use haoping_core::followup::{
    self, case_facts, load_rules, log_contact, reminders_for_case, ContactChannel, ContactOutcome,
    FiredBatch, NewContact, ReminderKind, Snooze,
};
use haoping_core::intake;
use haoping_core::remedies::{self, PromiseInput};
use haoping_core::storage;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

fn data_file(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data")).join(name)
}

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// Negative reviews (label 0) from the real Chinese shopping set.
fn negative_reviews(n: usize) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(data_file("zh-online-shopping-10-cats.csv")).unwrap();
    let mut out = Vec::new();
    for line in text.lines().skip(1) {
        let mut parts = line.splitn(3, ',');
        let (Some(cat), Some(label), Some(review)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let review = review
            .trim()
            .trim_matches('"')
            .trim_start_matches('\u{feff}');
        if label == "0" && review.chars().count() >= 6 {
            out.push((cat.to_string(), review.chars().take(300).collect()));
        }
    }
    assert!(
        out.len() > 1000,
        "the data set should hold many negative reviews"
    );
    // Spread the picks over all categories.
    let step = out.len() / n;
    (0..n).map(|i| out[i * step].clone()).collect()
}

/// A tiny deterministic generator, so the week is the same on every run.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

#[derive(Debug, Clone)]
enum Act {
    Create {
        idx: usize,
        platform: &'static str,
        review_time: DateTime<Utc>,
    },
    Contact {
        idx: usize,
        channel: ContactChannel,
        outcome: ContactOutcome,
        later: Option<Duration>,
    },
    Promise {
        idx: usize,
        due_in: Duration,
    },
    Status {
        idx: usize,
        to: CaseStatus,
    },
    Malicious {
        idx: usize,
    },
    BuyerZone {
        idx: usize,
        tz: &'static str,
    },
}

/// The owner's week: a case every few hours, each handled in one of seven ways.
fn script(start: DateTime<Utc>, cases: usize) -> Vec<(DateTime<Utc>, Act)> {
    let mut out = Vec::new();
    let h = Duration::hours;
    let m = Duration::minutes;
    for idx in 0..cases {
        let arrive = start + h(4 * idx as i64) + m(17 * (idx as i64 % 5));
        let platform = [
            "taobao",
            "jd",
            "pinduoduo",
            "tmall",
            "douyin",
            "amazon",
            "jd",
        ][idx % 7];
        out.push((
            arrive,
            Act::Create {
                idx,
                platform,
                review_time: arrive - h((idx % 5) as i64),
            },
        ));
        let c = |dt: Duration, channel, outcome, later| {
            (
                arrive + dt,
                Act::Contact {
                    idx,
                    channel,
                    outcome,
                    later,
                },
            )
        };
        match idx % 7 {
            // Ignored: the first reply is breached.
            0 => {}
            // Messages go unanswered → escalation → a call → agreement → resolved → revisit.
            1 => {
                out.push(c(
                    h(2),
                    ContactChannel::PlatformIm,
                    ContactOutcome::NoAnswer,
                    None,
                ));
                out.push(c(
                    h(26),
                    ContactChannel::Wechat,
                    ContactOutcome::NoAnswer,
                    None,
                ));
                out.push(c(
                    h(52),
                    ContactChannel::Phone,
                    ContactOutcome::Agreed,
                    Some(h(20)),
                ));
                out.push((
                    arrive + h(74),
                    Act::Status {
                        idx,
                        to: CaseStatus::Resolved,
                    },
                ));
            }
            // Calls go unanswered, then "call me later at X".
            2 => {
                out.push(c(
                    h(1),
                    ContactChannel::Phone,
                    ContactOutcome::NoAnswer,
                    None,
                ));
                out.push(c(
                    h(9),
                    ContactChannel::Phone,
                    ContactOutcome::NoAnswer,
                    None,
                ));
                out.push(c(
                    h(25),
                    ContactChannel::Phone,
                    ContactOutcome::CallLater,
                    Some(h(5)),
                ));
            }
            // Replied at once; a promise with a due time; resolved two days later.
            3 => {
                out.push(c(
                    h(3),
                    ContactChannel::PlatformIm,
                    ContactOutcome::Replied,
                    None,
                ));
                out.push((arrive + h(3), Act::Promise { idx, due_in: h(21) }));
                out.push((
                    arrive + h(48),
                    Act::Status {
                        idx,
                        to: CaseStatus::Resolved,
                    },
                ));
            }
            // "Call later", no time given: the next window.
            4 => {
                out.push(c(
                    m(30),
                    ContactChannel::Phone,
                    ContactOutcome::CallLater,
                    None,
                ));
                out.push(c(
                    h(30),
                    ContactChannel::Phone,
                    ContactOutcome::Replied,
                    None,
                ));
            }
            // An extortion review, relabelled by the owner; messages unanswered.
            5 => {
                out.push((arrive + m(10), Act::Malicious { idx }));
                out.push(c(
                    h(5),
                    ContactChannel::PlatformIm,
                    ContactOutcome::NoAnswer,
                    None,
                ));
            }
            // A buyer in New York: the call-back lands at New York's noon.
            _ => {
                out.push((
                    arrive + m(5),
                    Act::BuyerZone {
                        idx,
                        tz: "America/New_York",
                    },
                ));
                out.push(c(
                    h(1),
                    ContactChannel::Phone,
                    ContactOutcome::NoAnswer,
                    None,
                ));
                out.push((arrive + h(2), Act::Promise { idx, due_in: h(30) }));
            }
        }
    }
    out.sort_by_key(|(at, _)| *at);
    out
}

type Key = (i64, ReminderKind, String, DateTime<Utc>);

struct World {
    path: PathBuf,
    reviews: Vec<(String, String)>,
    ids: HashMap<usize, i64>,
}

impl World {
    fn apply(&mut self, conn: &mut Connection, at: DateTime<Utc>, act: &Act) {
        match act {
            Act::Create {
                idx,
                platform,
                review_time,
            } => {
                let (cat, text) = &self.reviews[*idx];
                let c = intake::add_case(
                    conn,
                    &NewCase {
                        platform: platform.to_string(),
                        product: format!("{cat} · 商品{idx}"),
                        stars: 1 + (*idx % 2) as u8,
                        review_text: text.clone(),
                        review_time: review_time.to_rfc3339(),
                        buyer_nick: format!("买家{idx}"),
                        ..Default::default()
                    },
                    "店主",
                    at,
                )
                .unwrap();
                self.ids.insert(*idx, c.id);
            }
            Act::Contact {
                idx,
                channel,
                outcome,
                later,
            } => {
                let later_at = later.map(|d| at + d);
                let input = NewContact {
                    case_id: self.ids[idx],
                    channel: *channel,
                    outcome: *outcome,
                    note: Some("模拟记录".into()),
                    at: Some(at),
                    call_back_at: later_at.filter(|_| *outcome == ContactOutcome::CallLater),
                    agreed_update_at: later_at.filter(|_| *outcome == ContactOutcome::Agreed),
                };
                log_contact(conn, &input, "店主", at).unwrap();
            }
            Act::Promise { idx, due_in } => {
                remedies::add_promise(
                    conn,
                    self.ids[idx],
                    &PromiseInput {
                        text: "补发新品".into(),
                        due_at: Some(at + *due_in),
                        note: String::new(),
                    },
                    "店主",
                    at,
                )
                .unwrap();
            }
            Act::Status { idx, to } => {
                cases::set_status(conn, self.ids[idx], *to, None, "店主", at).unwrap();
            }
            Act::Malicious { idx } => {
                cases::set_labels(conn, self.ids[idx], Cause::Malicious, &[], 2, "店主", at)
                    .unwrap();
            }
            Act::BuyerZone { idx, tz } => {
                // What an import that knows the buyer's country would write.
                conn.execute(
                    &format!(
                        "UPDATE cases SET buyer_tz = '{tz}' WHERE id = {}",
                        self.ids[idx]
                    ),
                    [],
                )
                .unwrap();
            }
        }
    }

    fn open(&self) -> Connection {
        storage::open(&self.path).unwrap()
    }
}

/// The reminders that must have fired by `now`, from the pure rules, keyed.
fn expected_due(conn: &Connection, now: DateTime<Utc>) -> BTreeSet<Key> {
    let rules = load_rules(conn).unwrap();
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM cases ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = BTreeSet::new();
    for id in ids {
        let facts = case_facts(conn, id).unwrap();
        for r in reminders_for_case(&facts, &rules, now) {
            if r.due <= now {
                out.insert((r.case_id, r.kind, r.subject, r.due));
            }
        }
    }
    out
}

fn keys(batch: &FiredBatch) -> Vec<Key> {
    batch
        .items
        .iter()
        .map(|i| (i.case_id, i.kind, i.subject.clone(), i.due))
        .collect()
}

#[derive(Default)]
struct Ledger {
    /// Every firing of every occurrence, with when.
    fired: BTreeMap<Key, Vec<DateTime<Utc>>>,
    /// Snoozes the test made: key → until, cleared once it fired again.
    snoozed: HashMap<Key, DateTime<Utc>>,
    /// Everything the oracle ever said was due.
    ever_due: BTreeSet<Key>,
    batches: usize,
    catch_up_batches: usize,
    largest_batch: u32,
    restarts: usize,
    sleeps: usize,
}

#[test]
fn a_simulated_week_with_restarts_and_sleep_loses_nothing_and_fires_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let start = t("2026-11-23T00:00:00Z"); // Monday 08:00 in Beijing
    let end = start + Duration::days(7);
    let n_cases = 42;
    let mut world = World {
        path: dir.path().join("haoping.db"),
        reviews: negative_reviews(n_cases),
        ids: HashMap::new(),
    };
    let acts = script(start, n_cases);
    let mut next_act = 0;
    let mut rng = Lcg(20261123);
    let mut conn = Some(world.open());
    let mut ledger = Ledger::default();
    let mut now = start;

    while now <= end {
        // The owner's actions up to now, each at its own time.
        while next_act < acts.len() && acts[next_act].0 <= now {
            let (at, act) = acts[next_act].clone();
            match conn.as_mut() {
                Some(c) => world.apply(c, at, &act),
                // With the app closed the owner works through the CLI: another connection.
                None => world.apply(&mut world.open(), at, &act),
            }
            next_act += 1;
        }

        let Some(c) = conn.as_mut() else {
            // Asleep or closed: wake up (a fresh start of the app) after the gap.
            conn = Some(world.open());
            ledger.restarts += 1;
            continue;
        };

        // The oracle, independent of the scheduler's tables.
        let due_now = expected_due(c, now);
        ledger.ever_due.extend(due_now.iter().cloned());
        let mut want: BTreeSet<Key> = BTreeSet::new();
        for k in &due_now {
            let times = ledger.fired.get(k).map_or(0, Vec::len);
            let snooze_over = ledger.snoozed.get(k).is_some_and(|s| *s <= now);
            if times == 0 || snooze_over {
                want.insert(k.clone());
            }
        }

        let tick = followup::tick(c, now).unwrap();
        let got: Vec<Key> = keys(&tick.fired);
        assert_eq!(
            tick.fired.total as usize,
            got.len(),
            "batches in this week stay below the listing cap"
        );
        let got_set: BTreeSet<Key> = got.iter().cloned().collect();
        assert_eq!(
            got.len(),
            got_set.len(),
            "one occurrence twice in one batch"
        );
        assert_eq!(
            got_set, want,
            "at {now}: fired ≠ due-and-not-yet-fired (left: fired, right: expected)"
        );
        for k in &got {
            ledger.fired.entry(k.clone()).or_default().push(now);
            ledger.snoozed.remove(k);
        }
        for item in &tick.fired.items {
            assert_eq!(item.fired_at, Some(now));
        }
        if !tick.fired.is_empty() {
            ledger.batches += 1;
            ledger.largest_batch = ledger.largest_batch.max(tick.fired.total);
            if tick.fired.catch_up {
                ledger.catch_up_batches += 1;
            }
            assert!(!tick.fired.summary_zh.is_empty() && !tick.fired.summary_en.is_empty());
            // Now and then the owner snoozes a call-back from the notification.
            if let Some(call) = tick
                .fired
                .items
                .iter()
                .find(|i| i.kind == ReminderKind::Callback && rng.next(3) == 0)
            {
                let s = followup::snooze(c, call.id, Snooze::Minutes15, now).unwrap();
                let until = s.snoozed_until.unwrap();
                ledger.snoozed.insert(
                    (call.case_id, call.kind, call.subject.clone(), call.due),
                    until,
                );
            }
        }
        // The wake time must never lie in the past after a tick.
        if let Some(w) = tick.next_wake {
            assert!(w > now, "next_wake {w} not after {now}");
        }

        // What happens next: usually the shell sleeps until the next wake (capped at an
        // hour, as a shell guarding against suspend would); sometimes the app is quit and
        // restarted, or the laptop sleeps for hours.
        let roll = rng.next(100);
        let cap = now + Duration::minutes(60);
        let wake = tick.next_wake.map_or(cap, |w| w.min(cap));
        if roll < 8 {
            conn = None; // quit; restarted at the next step
            ledger.restarts += 1;
            now += Duration::minutes(1 + rng.next(90) as i64);
        } else if roll < 14 {
            conn = None; // asleep for hours: everything due meanwhile must come at once
            ledger.sleeps += 1;
            now += Duration::hours(3 + rng.next(12) as i64);
        } else {
            // A few seconds late, as real timers are.
            now = wake.max(now + Duration::seconds(1)) + Duration::seconds(rng.next(4) as i64);
        }
    }

    // Nothing lost: everything that was ever due fired; nothing twice unless snoozed.
    let missing: Vec<&Key> = ledger
        .ever_due
        .iter()
        .filter(|k| !ledger.fired.contains_key(*k))
        .collect();
    assert!(missing.is_empty(), "never fired: {missing:#?}");
    // The run exercised what it claims to.
    assert!(ledger.restarts >= 5, "restarts: {}", ledger.restarts);
    assert!(ledger.sleeps >= 3, "sleeps: {}", ledger.sleeps);
    assert!(
        ledger.catch_up_batches >= 2,
        "catch-ups: {}",
        ledger.catch_up_batches
    );
    assert!(
        ledger.largest_batch >= 3,
        "largest batch: {}",
        ledger.largest_batch
    );
    let kinds: BTreeSet<ReminderKind> = ledger.fired.keys().map(|k| k.1).collect();
    for k in [
        ReminderKind::FirstResponse,
        ReminderKind::FirstResponseWarning,
        ReminderKind::Callback,
        ReminderKind::EscalatePhone,
        ReminderKind::CallLater,
        ReminderKind::CheckReviewUpdate,
        ReminderKind::PromiseDue,
    ] {
        assert!(kinds.contains(&k), "no {k} fired this week: {kinds:?}");
    }

    // The database agrees with the test's own record, after one more restart.
    drop(conn);
    let conn = world.open();
    let mut stmt = conn
        .prepare(
            "SELECT case_id, kind, subject, due, fired_at, fire_count FROM reminders
             WHERE fire_count > 0",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok((
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?),
                r.get::<_, DateTime<Utc>>(4)?,
                r.get::<_, u32>(5)?,
            ))
        })
        .unwrap()
        .collect::<Result<Vec<(Key, DateTime<Utc>, u32)>, _>>()
        .unwrap();
    assert_eq!(rows.len(), ledger.fired.len());
    for (k, fired_at, count) in rows {
        let log = &ledger.fired[&k];
        assert_eq!(count as usize, log.len(), "{k:?}");
        assert_eq!(Some(&fired_at), log.last(), "{k:?}");
    }
    report(&ledger, dir.path());
}

fn report(l: &Ledger, _dir: &Path) {
    println!(
        "week: {} batches ({} catch-ups, largest {}), {} restarts, {} sleeps, {} occurrences fired",
        l.batches,
        l.catch_up_batches,
        l.largest_batch,
        l.restarts,
        l.sleeps,
        l.fired.len()
    );
}

#[test]
fn new_york_buyer_is_called_back_at_new_york_noon_through_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.db");
    let mut conn = storage::open(&path).unwrap();
    // Sat 2026-03-07 15:00 EST.
    let at = t("2026-03-07T20:00:00Z");
    let c = intake::add_case(
        &mut conn,
        &NewCase {
            platform: "amazon".into(),
            product: "Echo Dot".into(),
            stars: 1,
            review_text: "Stopped working after a week".into(),
            review_time: "2026-03-07T18:00:00Z".into(),
            ..Default::default()
        },
        "owner",
        at,
    )
    .unwrap();
    conn.execute(
        "UPDATE cases SET buyer_tz = 'America/New_York' WHERE id = ?1",
        [c.id],
    )
    .unwrap();
    log_contact(
        &mut conn,
        &NewContact {
            case_id: c.id,
            channel: ContactChannel::Phone,
            outcome: ContactOutcome::NoAnswer,
            note: None,
            at: Some(t("2026-03-07T23:30:00Z")),
            call_back_at: None,
            agreed_update_at: None,
        },
        "owner",
        t("2026-03-07T23:30:00Z"),
    )
    .unwrap();
    drop(conn);
    let mut conn = storage::open(&path).unwrap();
    // Sunday noon in New York is 16:00Z after the switch to EDT.
    let due = followup::due_at(&mut conn, t("2026-03-08T16:00:00Z")).unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].kind, ReminderKind::Callback);
    assert_eq!(due[0].due, t("2026-03-08T16:00:00Z"));
    assert!(followup::due_at(&mut conn, t("2026-03-08T15:59:00Z"))
        .unwrap()
        .is_empty());
}
