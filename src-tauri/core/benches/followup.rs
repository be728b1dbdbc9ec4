//! Reminders at scale: 100,000 open cases in a database file (WAL), with real review texts
//! resampled from ../shared/data and a realistic mix of contact logs and buyer zones, and
//! beside them 30,000 years-old reviews an import brought in as history (the backlog).
//!
//! Measured: the first full materialisation (a fresh install or a rules change), the
//! one-off catch-up batch, and then what the app does all day — the scheduler's `tick`
//! when nothing changed, `next_wake`, a `tick` after the owner logged contacts, the Today
//! view and the tray counts — plus the pure rules over all cases without a database.
//! Target: computing the next due reminders under 50 ms.

use chrono::{DateTime, Duration, TimeZone, Utc};
use haoping_core::cases::{Case, CaseStatus, Cause, Platform};
use haoping_core::followup::{
    self, plan_case, CaseFacts, ContactAttempt, ContactChannel, ContactOutcome, FollowupRules,
    NewContact,
};
use haoping_core::{db, storage};
use rusqlite::params;
use std::time::{Duration as StdDuration, Instant};

const CASES: usize = 100_000;
/// History from an import, waiting in the backlog (Today shows it as one item).
const BACKLOG: usize = 30_000;
const ROUNDS: usize = 30;

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

fn reviews() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/zh-online-shopping-10-cats.csv"
    );
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let out: Vec<String> = text
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut p = l.splitn(3, ',');
            let (_, label, review) = (p.next()?, p.next()?, p.next()?);
            (label == "0").then(|| review.trim_matches('"').chars().take(200).collect())
        })
        .filter(|r: &String| !r.is_empty())
        .collect();
    if out.is_empty() {
        vec!["质量太差，用了两天就坏了".to_string()]
    } else {
        out
    }
}

fn ms(d: StdDuration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn time<T>(f: impl FnOnce() -> T) -> (T, StdDuration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn line(label: &str, mut times: Vec<StdDuration>, note: &str) -> StdDuration {
    times.sort();
    let median = times[times.len() / 2];
    let worst = times[times.len() - 1];
    println!(
        "followup {label:<34} median {:>9.3} ms  worst {:>9.3} ms  {note}",
        ms(median),
        ms(worst)
    );
    median
}

const PLATFORMS: [&str; 6] = ["taobao", "taobao", "tmall", "jd", "pinduoduo", "douyin"];
const ZONES: [&str; 3] = ["Asia/Shanghai", "America/New_York", "Europe/Berlin"];

/// Fills the database the way months of imports and owner work would, but in bulk.
fn populate(
    conn: &mut db::Connection,
    now: DateTime<Utc>,
) -> Result<(), Box<dyn std::error::Error>> {
    let texts = reviews();
    let mut rng = Lcg(100_000);
    let tx = conn.transaction()?;
    {
        let mut case = tx.prepare(
            "INSERT INTO cases(platform, shop, buyer_nick, buyer_tz, product, stars, review_text,
                review_time, primary_cause, status, created_at, updated_at)
             VALUES (?1, '小店', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?7, ?7)",
        )?;
        let mut contact = tx.prepare(
            "INSERT INTO contact_attempts(case_id, at, channel, outcome, call_back_at,
                agreed_update_at, actor, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, '店主', ?2)",
        )?;
        for i in 0..CASES {
            let review = now - Duration::minutes(rng.next(20 * 24 * 60) as i64);
            let zone = if rng.next(20) == 0 {
                ZONES[1 + rng.next(2) as usize]
            } else {
                ZONES[0]
            };
            let cause = if rng.next(25) == 0 {
                "malicious"
            } else {
                "quality"
            };
            let kind = rng.next(100);
            let status = if kind < 35 { "new" } else { "contacting" };
            case.execute(params![
                PLATFORMS[i % PLATFORMS.len()],
                format!("买家{i}"),
                zone,
                format!("商品{}", i % 500),
                1 + (i % 2) as i64,
                texts[i % texts.len()],
                review,
                cause,
                status,
            ])?;
            let id = tx.last_insert_rowid();
            if kind >= 35 {
                let at = review + Duration::minutes(30 + rng.next(24 * 60) as i64);
                let at = at.min(now);
                let (channel, outcome, call_back, agreed) = match kind {
                    35..=64 => ("platform_im", "no_answer", None, None),
                    65..=84 => ("phone", "no_answer", None, None),
                    85..=94 => (
                        "phone",
                        "call_later",
                        Some(at + Duration::hours(1 + rng.next(48) as i64)),
                        None,
                    ),
                    _ => (
                        "phone",
                        "agreed",
                        None,
                        Some(at + Duration::hours(1 + rng.next(72) as i64)),
                    ),
                };
                contact.execute(params![id, at, channel, outcome, call_back, agreed])?;
            }
        }
        let mut history = tx.prepare(
            "INSERT INTO cases(platform, shop, buyer_nick, product, stars, review_text,
                review_time, primary_cause, status, source, backlog, created_at, updated_at)
             VALUES ('taobao', '小店', ?1, ?2, 1, ?3, ?4, 'quality', 'new', 'import', 1, ?5, ?5)",
        )?;
        for i in 0..BACKLOG {
            // Spread over 2017–2019, and a few from the last weeks (still counting down).
            let review = if i % 1000 == 0 {
                now - Duration::days(2 + rng.next(25) as i64)
            } else {
                now - Duration::days(2_500 + rng.next(800) as i64)
            };
            history.execute(params![
                format!("老买家{i}"),
                format!("商品{}", i % 500),
                texts[i % texts.len()],
                review,
                now - Duration::days(1),
            ])?;
        }
    }
    tx.commit()?;
    Ok(())
}

fn fake_case(i: usize, now: DateTime<Utc>, rng: &mut Lcg) -> CaseFacts {
    let review = now - Duration::minutes(rng.next(20 * 24 * 60) as i64);
    let mut case = Case {
        id: i as i64 + 1,
        platform: Platform::parse(PLATFORMS[i % PLATFORMS.len()]).unwrap_or(Platform::Other),
        shop: "小店".into(),
        order_id: None,
        review_id: None,
        buyer_nick: None,
        buyer_phone_masked: None,
        buyer_tz: ZONES[i % 3].into(),
        product: "商品".into(),
        stars: 1,
        review_text: String::new(),
        review_time: review,
        has_photos: false,
        order_value_cents: None,
        lang: haoping_core::Lang::Zh,
        seller_reply: None,
        follow_up_text: None,
        primary_cause: Cause::Quality,
        causes: vec![Cause::Quality],
        severity: 1,
        flags: vec![],
        triage_reasons: vec![],
        labels_locked: false,
        status: CaseStatus::New,
        outcome: None,
        source: haoping_core::cases::CaseSource::Manual,
        created_at: review,
        updated_at: review,
        backlog: false,
        followup_from: None,
    };
    let mut contacts = Vec::new();
    if !i.is_multiple_of(3) {
        case.status = CaseStatus::Contacting;
        contacts.push(ContactAttempt {
            id: i as i64,
            case_id: case.id,
            at: review + Duration::hours(2),
            channel: if i.is_multiple_of(2) {
                ContactChannel::Phone
            } else {
                ContactChannel::PlatformIm
            },
            outcome: ContactOutcome::NoAnswer,
            note: None,
            call_back_at: None,
            agreed_update_at: None,
            actor: String::new(),
        });
    }
    CaseFacts {
        case,
        contacts,
        commitments: vec![],
        resolved_at: None,
        has_appeal: false,
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 4, 30, 0)
        .single()
        .ok_or("bad time")?;
    let dir = tempfile::tempdir()?;
    // HAOPING_BENCH_DB keeps the database for inspection (it must not exist yet).
    let path = std::env::var_os("HAOPING_BENCH_DB")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().join("bench.db"));
    let mut conn = storage::open(&path)?;

    let ((), t) = {
        let (r, t) = time(|| populate(&mut conn, now));
        (r?, t)
    };
    println!(
        "followup setup: {CASES} open cases with contact logs and {BACKLOG} in the backlog written in {:.0} ms",
        ms(t)
    );

    // 1. First materialisation: every case is dirty.
    let (rep, t) = time(|| followup::sync(&mut conn, now));
    let rep = rep?;
    let rows: i64 = conn.query_row("SELECT count(*) FROM reminders", [], |r| r.get(0))?;
    println!(
        "followup {:<34} {:>9.0} ms  ({} cases recomputed, {} reminder rows) — once per install or rules change",
        "full sync (cold, all dirty)",
        ms(t),
        rep.recomputed_cases,
        rows
    );

    // 2. The one-off catch-up: everything overdue fires as one batch.
    let (batch, t) = time(|| followup::take_due(&mut conn, now));
    let batch = batch?;
    println!(
        "followup {:<34} {:>9.0} ms  ({} fired in one batch: \"{}\")",
        "first take_due (catch-up)",
        ms(t),
        batch.total,
        batch.summary_en
    );

    // 3. Steady state: the scheduler wakes, nothing changed.
    let mut ticks = Vec::new();
    let mut wakes = Vec::new();
    let mut next = None;
    for i in 0..ROUNDS {
        let at = now + Duration::seconds(i as i64);
        let (tk, t) = time(|| followup::tick(&mut conn, at));
        next = tk?.next_wake;
        ticks.push(t);
        let (w, t) = time(|| followup::next_wake(&conn));
        w?;
        wakes.push(t);
    }
    let steady = line(
        "tick (sync + take_due + next_wake)",
        ticks,
        "nothing changed",
    );
    let wake = line("next_wake", wakes, &format!("→ {next:?}"));

    // 4. The owner logs 20 contacts, then the scheduler wakes: only those cases recompute.
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM cases WHERE status = 'new' AND backlog = 0 LIMIT 600")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut incremental = Vec::new();
    for (round, chunk) in ids.chunks(20).take(ROUNDS).enumerate() {
        let at = now + Duration::minutes(1 + round as i64);
        for id in chunk {
            followup::log_contact(
                &mut conn,
                &NewContact {
                    case_id: *id,
                    channel: ContactChannel::Phone,
                    outcome: ContactOutcome::NoAnswer,
                    note: None,
                    at: None,
                    call_back_at: None,
                    agreed_update_at: None,
                },
                "店主",
                at,
            )?;
        }
        let (tk, t) = time(|| followup::tick(&mut conn, at));
        tk?;
        incremental.push(t);
    }
    let incr = line(
        "tick after 20 contacts logged",
        incremental,
        "20 cases recomputed",
    );

    // 5. What the UI reads.
    let mut todays = Vec::new();
    let mut counts = Vec::new();
    let mut pages = Vec::new();
    let mut due = Vec::new();
    let mut sizes = (0, 0, 0);
    let mut listed = 0;
    for i in 0..ROUNDS {
        let at = now + Duration::hours(1) + Duration::seconds(i as i64);
        let (v, t) = time(|| followup::today(&mut conn, at));
        let v = v?;
        sizes.0 = v.counts.overdue + v.counts.due_now + v.counts.in_window + v.counts.coming_up;
        sizes.2 = v.backlog.cases;
        listed = v.overdue.len() + v.due_now.len() + v.in_window.len() + v.coming_up.len();
        todays.push(t);
        let (c, t) = time(|| followup::counts(&conn, at));
        c?;
        counts.push(t);
        let (p, t) = time(|| {
            followup::today_section(
                &mut conn,
                &followup::SectionQuery {
                    section: followup::TodaySection::Overdue,
                    kinds: vec![],
                    query: String::new(),
                    offset: 50 * (i as u32 % 10),
                    limit: 50,
                },
                at,
            )
        });
        p?;
        pages.push(t);
        if i < 5 {
            let (d, t) = time(|| followup::due_at(&mut conn, at));
            sizes.1 = d?.len();
            due.push(t);
        }
    }
    let today = line(
        "today (top of each section + counts)",
        todays,
        &format!(
            "{} reminders in the four sections, {listed} listed; backlog item: {} cases",
            sizes.0, sizes.2
        ),
    );
    line("counts (tray tooltip)", counts, "");
    line("today_section (a page of 50, overdue)", pages, "");
    line(
        "due_at (every due item, CLI)",
        due,
        &format!("{} items listed", sizes.1),
    );

    // 6. The pure rules alone, no database: what a non-incremental design would pay.
    let rules = FollowupRules::default();
    let mut rng = Lcg(7);
    let facts: Vec<CaseFacts> = (0..CASES).map(|i| fake_case(i, now, &mut rng)).collect();
    let mut pure = Vec::new();
    let mut n = 0;
    for _ in 0..5 {
        let (count, t) = time(|| {
            facts
                .iter()
                .map(|f| plan_case(f, &rules).len())
                .sum::<usize>()
        });
        n = count;
        pure.push(t);
    }
    line(
        "plan_case × 100,000 (pure, in memory)",
        pure,
        &format!("{n} reminders"),
    );

    let verdict = |v: StdDuration| if ms(v) < 50.0 { "ok" } else { "OVER" };
    println!(
        "followup target <50 ms for the next due reminders: tick {} ({:.3} ms), next_wake {} ({:.3} ms), \
         tick after changes {} ({:.3} ms), today {} ({:.3} ms)",
        verdict(steady),
        ms(steady),
        verdict(wake),
        ms(wake),
        verdict(incr),
        ms(incr),
        verdict(today),
        ms(today)
    );
    Ok(())
}
