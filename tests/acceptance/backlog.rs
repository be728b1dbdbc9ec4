//! A shop's first week: years of history imported into a database that already holds a
//! few live cases. Today shows the history as one item beside the live reminders, and
//! closing the backlog in one action takes its countdowns away and leaves the live ones
//! exactly as they were.
//!
//! The history is real: negative and positive reviews from ../shared/data (online
//! shopping, ten categories), written by the test into a Taobao trade-rate export with
//! review dates spread over 2017-10 … 2019-02, plus a handful from the last three weeks.

// Test code throughout, helpers included: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Duration, Utc};
use haoping_acceptance::{data_file, read_lines};
use haoping_core::bulk::{self, BulkAction, BulkRequest};
use haoping_core::cases::{CaseFilter, NewCase};
use haoping_core::db::Connection;
use haoping_core::followup::{
    self, ContactChannel, ContactOutcome, DueItem, NewContact, TodayCounts, TodayView,
};
use haoping_core::intake::{self, ImportOptions};
use haoping_core::remedies::{self, PromiseInput};
use haoping_core::storage;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Negative reviews imported as history (the size of the export the issue was found with).
const OLD_BAD: usize = 1_545;
const OLD_GOOD: usize = 400;
/// Reviews from the last weeks: still inside Taobao's 30-day explanation window.
const RECENT_BAD: usize = 5;

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// Monday 23 November 2026, 11:30 in Beijing.
fn now() -> DateTime<Utc> {
    t("2026-11-23T03:30:00Z")
}

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

fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// (category, review) pairs of the shared online-shopping file, negatives or positives.
fn reviews(negative: bool, n: usize) -> Vec<(String, String)> {
    let label = if negative { "0" } else { "1" };
    read_lines(&data_file("zh-online-shopping-10-cats.csv"))
        .skip(1)
        .filter_map(|l| {
            let mut p = l.splitn(3, ',');
            let (cat, lab, text) = (p.next()?, p.next()?, p.next()?);
            let text: String = text
                .trim_matches('"')
                .trim_start_matches('\u{feff}')
                .chars()
                .take(300)
                .collect();
            (lab == label && !text.trim().is_empty() && cat != "酒店")
                .then(|| (cat.to_string(), text))
        })
        // Every category, not only the first ones in the file's order.
        .enumerate()
        .filter(|(i, _)| i % 7 == 0)
        .map(|(_, r)| r)
        .take(n)
        .collect()
}

/// The export, written into `dir`: one row per review, `created` in Beijing time.
fn write_export(dir: &Path) -> PathBuf {
    let mut rng = Lcg(14);
    let mut out = String::from("tid,oid,nick,result,created,item_title,item_price,content,reply\n");
    let first = t("2017-10-01T00:00:00Z");
    let span = (t("2019-02-28T00:00:00Z") - first).num_minutes() as u64;
    let mut row = 0u64;
    let mut put = |out: &mut String, result: &str, at: DateTime<Utc>, cat: &str, text: &str| {
        row += 1;
        let beijing = (at + Duration::hours(8)).format("%Y-%m-%d %H:%M:%S");
        writeln!(
            out,
            "{},{row},b***{},{result},{beijing},{},39.90,{},",
            9_000_000 + row,
            row % 97,
            quoted(&format!("{cat}·店铺款")),
            quoted(text)
        )
        .unwrap();
    };
    for (i, (cat, text)) in reviews(true, OLD_BAD).iter().enumerate() {
        let at = first + Duration::minutes(rng.next(span) as i64);
        put(
            &mut out,
            if i % 5 == 0 { "neutral" } else { "bad" },
            at,
            cat,
            text,
        );
    }
    for (cat, text) in reviews(false, OLD_GOOD) {
        let at = first + Duration::minutes(rng.next(span) as i64);
        put(&mut out, "good", at, &cat, &text);
    }
    for (i, (cat, text)) in reviews(true, OLD_BAD + RECENT_BAD)
        .iter()
        .skip(OLD_BAD)
        .enumerate()
    {
        // Two to twenty days ago: already past the first-reply window.
        let at = now() - Duration::days(2 + 4 * i as i64);
        put(&mut out, "bad", at, cat, text);
    }
    let path = dir.join("淘宝评价导出-2017-2019.csv");
    std::fs::write(&path, out).unwrap();
    path
}

/// A few live cases: one reviewed two hours ago, one whose first reply is overdue, one
/// with an unanswered call (a call-back is due) and a promise due tomorrow.
fn live_cases(conn: &mut Connection) -> Vec<i64> {
    let mut ids = Vec::new();
    for (hours_ago, product, text) in [
        (2, "电热水壶", "烧水时壶底一直漏水，质量太差了"),
        (30, "保温杯", "保温效果很差，两个小时就凉了"),
        (20, "蓝牙耳机", "左耳没声音，客服也不回复"),
    ] {
        let c = intake::add_case(
            conn,
            &NewCase {
                platform: "jd".into(),
                product: product.into(),
                stars: 1,
                review_text: text.into(),
                review_time: (now() - Duration::hours(hours_ago)).to_rfc3339(),
                ..Default::default()
            },
            "店主",
            now() - Duration::minutes(10),
        )
        .unwrap();
        ids.push(c.id);
    }
    followup::log_contact(
        conn,
        &NewContact {
            case_id: ids[2],
            channel: ContactChannel::Phone,
            outcome: ContactOutcome::NoAnswer,
            note: None,
            at: Some(now() - Duration::hours(2)),
            call_back_at: None,
            agreed_update_at: None,
        },
        "店主",
        now() - Duration::hours(2),
    )
    .unwrap();
    remedies::add_promise(
        conn,
        ids[2],
        &PromiseInput {
            text: "明天寄出新耳机".into(),
            due_at: Some(now() + Duration::hours(20)),
            note: String::new(),
        },
        "店主",
        now() - Duration::hours(1),
    )
    .unwrap();
    ids
}

fn listed(v: &TodayView) -> Vec<(i64, String)> {
    [&v.due_now, &v.in_window, &v.overdue, &v.coming_up]
        .iter()
        .flat_map(|s| s.iter().map(|i| (i.case_id, i.kind.to_string())))
        .collect()
}

/// The counts without the backlog's own and the tooltips that mention it.
fn live_counts(c: &TodayCounts) -> [u32; 5] {
    [c.due_now, c.in_window, c.overdue, c.coming_up, c.snoozed]
}

fn keys(items: &[DueItem]) -> BTreeSet<(i64, String)> {
    items
        .iter()
        .map(|i| (i.case_id, i.kind.to_string()))
        .collect()
}

#[test]
fn years_of_history_land_as_one_item_and_close_in_one_action() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = storage::open(&dir.path().join("haoping.db")).unwrap();
    let live = live_cases(&mut conn);
    let before = followup::today(&mut conn, now()).unwrap();
    let due_before = keys(&followup::due_at(&mut conn, now() + Duration::days(1)).unwrap());
    assert!(!listed(&before).is_empty());
    assert_eq!(before.backlog.cases, 0);

    let file = write_export(dir.path());
    let started = Instant::now();
    let report = intake::import(
        &mut conn,
        &file,
        &ImportOptions::default(),
        now(),
        &mut |_| true,
    )
    .unwrap();
    let import_ms = started.elapsed().as_millis();
    assert_eq!(report.preset.as_deref(), Some("taobao_api"));
    assert_eq!(report.new as usize, OLD_BAD + RECENT_BAD, "{report:?}");
    assert_eq!(
        report.backlog, report.new,
        "every review is past the first-reply window"
    );
    assert_eq!(report.stats_only as usize, OLD_GOOD);

    let started = Instant::now();
    let after = followup::today(&mut conn, now()).unwrap();
    let today_ms = started.elapsed().as_millis();
    println!(
        "first week: {} cases imported as history in {import_ms} ms; Today in {today_ms} ms",
        report.new
    );
    // One backlog item; the live items exactly as before the import.
    assert_eq!(after.backlog.cases as u64, report.new);
    assert_eq!(after.counts.backlog as u64, report.new);
    assert_eq!(after.backlog.reply_open as usize, RECENT_BAD);
    assert_eq!(after.backlog.oldest_review.map(|t| t < t0()), Some(true));
    assert_eq!(listed(&after), listed(&before));
    assert_eq!(live_counts(&after.counts), live_counts(&before.counts));
    assert!(listed(&after).iter().all(|(id, _)| live.contains(id)));
    // The CLI's list of what is due: the live items only.
    let due = followup::due_at(&mut conn, now() + Duration::days(1)).unwrap();
    assert_eq!(keys(&due), due_before);

    // The inbox filtered to the backlog lists exactly these cases.
    let backlog = CaseFilter {
        backlog: true,
        ..Default::default()
    };
    let page = haoping_core::cases::list(&conn, &backlog).unwrap();
    assert_eq!(page.total as u64, report.new);
    let imported: Vec<i64> = {
        let mut all = backlog.clone();
        all.limit = 0;
        haoping_core::cases::list(&conn, &all)
            .unwrap()
            .items
            .iter()
            .map(|c| c.id)
            .collect()
    };
    assert_eq!(
        followup::live_count(&conn, &imported, now()).unwrap() as usize,
        RECENT_BAD,
        "the recent ones count down their explanation window"
    );

    // Close the backlog as too old, as the confirmation said.
    let preview = bulk::preview(&mut conn, &backlog, &BulkAction::CloseTooOld, now()).unwrap();
    assert_eq!(preview.cases as u64, report.new);
    assert_eq!(preview.applies, preview.cases);
    assert_eq!(preview.owed_total, 0);
    let started = Instant::now();
    let done = bulk::run(
        &mut conn,
        &BulkRequest {
            selection: backlog.clone(),
            action: BulkAction::CloseTooOld,
            expected: preview.cases,
        },
        "店主",
        now(),
    )
    .unwrap();
    println!(
        "first week: {} cases closed as too old in {} ms",
        done.changed,
        started.elapsed().as_millis()
    );
    assert_eq!(done.changed as u64, report.new);

    let closed = followup::today(&mut conn, now()).unwrap();
    assert_eq!(closed.backlog.cases, 0);
    assert_eq!(closed.backlog.reply_open, 0);
    assert_eq!(followup::live_count(&conn, &imported, now()).unwrap(), 0);
    assert_eq!(listed(&closed), listed(&before));
    assert_eq!(live_counts(&closed.counts), live_counts(&before.counts));
    let due = followup::due_at(&mut conn, now() + Duration::days(1)).unwrap();
    assert_eq!(keys(&due), due_before);
    // Nothing of it fires later either: the backlog's countdowns were cleared.
    let fired = followup::take_due(&mut conn, now() + Duration::days(40)).unwrap();
    assert!(fired.items.iter().all(|i| live.contains(&i.case_id)));
}

fn t0() -> DateTime<Utc> {
    t("2017-11-01T00:00:00Z")
}
