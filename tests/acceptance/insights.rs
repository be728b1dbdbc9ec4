//! Insights on real reviews: the Amazon Echo review set (3,150 reviews, 1–5★, dated) is
//! imported, part of its complaints are worked through the whole loop, and the dashboard,
//! the closed-loop report (.xlsx and .html) and the case-list export are checked against
//! what the file and the test's own actions say. The demo shop gives a living dashboard.

// Test code throughout, helpers included: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Duration, NaiveDate, Utc};
use haoping_core::cases::{self, CaseFilter, CaseStatus, SortKey};
use haoping_core::db::{self, Connection};
use haoping_core::followup::{self, ContactChannel, ContactOutcome, NewContact};
use haoping_core::insights::{
    self, CaseDrill, CaseExport, ExportFormat, Granularity, InsightsQuery, ReportRequest,
};
use haoping_core::intake::{self, ImportOptions};
use haoping_core::remedies::{self, Outcome, RemedyInput, RemedyKind, RemedyStatus};
use haoping_core::storage;
use haoping_core::Lang;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

fn data(name: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data")).join(name)
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2018-08-10T04:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// (Beijing day, stars) of every row of the Echo file, read without the app's code.
fn echo_rows() -> Vec<(NaiveDate, u8)> {
    let text = std::fs::read_to_string(data("en-amazon-alexa.tsv")).unwrap();
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let mut f = l.split('\t');
            let stars: u8 = f.next()?.trim_start_matches('\u{feff}').parse().ok()?;
            let day = NaiveDate::parse_from_str(f.next()?, "%d-%b-%y").ok()?;
            Some((day, stars))
        })
        .collect()
}

fn import_echo(conn: &mut Connection) -> intake::ImportReport {
    intake::import(
        conn,
        &data("en-amazon-alexa.tsv"),
        &ImportOptions {
            shop: "Echo Store".into(),
            ..Default::default()
        },
        now(),
        &mut |_| true,
    )
    .unwrap()
}

fn unzip(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn echo_reviews_through_the_loop_into_the_dashboard_and_report() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = storage::open(&dir.path().join("haoping.db")).unwrap();
    let report = import_echo(&mut conn);
    assert!(report.new > 200, "{report:?}");

    // The whole period of the file, by month.
    let rows = echo_rows();
    assert_eq!(rows.len(), 3_150);
    let first = rows.iter().map(|r| r.0).min().unwrap();
    let last = rows.iter().map(|r| r.0).max().unwrap();
    let q = InsightsQuery::new(first, last).with_granularity(Granularity::Month);
    let dash = insights::dashboard(&conn, &q, now()).unwrap();

    // Bad-review rate: every imported review counts once, positives included.
    let rate = &dash.trend.rate;
    assert!(rate.has_data);
    assert_eq!(rate.total_reviews, report.new + report.stats_only);
    // Read straight from the file, the rows the intake set aside (repeated or rejected,
    // e.g. without a review text) apart: the same months and counts.
    let mut by_month: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for (day, stars) in &rows {
        let e = by_month.entry(day.format("%Y-%m").to_string()).or_default();
        e.0 += 1;
        e.1 += u64::from(*stars <= 3);
    }
    let keys: Vec<&String> = by_month.keys().collect();
    let periods: Vec<&String> = dash.trend.periods.iter().map(|p| &p.key).collect();
    assert_eq!(periods, keys);
    let file_reviews: u64 = by_month.values().map(|v| v.0).sum();
    let set_aside = report.duplicates + report.rejected_total;
    assert_eq!(file_reviews - rate.total_reviews, set_aside);
    for (i, (month, (all, _))) in by_month.iter().enumerate() {
        assert!(
            rate.reviews[i] <= *all && *all - rate.reviews[i] <= set_aside,
            "{month}"
        );
    }
    // The 1–3★ reviews in the statistics are exactly the cases the import made.
    assert_eq!(rate.total_bad_or_neutral, report.new);
    assert_eq!(u64::from(dash.trend.total.iter().sum::<u32>()), report.new);
    let expected_bp = (report.new * 10_000 + rate.total_reviews / 2) / rate.total_reviews;
    assert_eq!(u64::from(rate.total_rate_bp.unwrap()), expected_bp);
    // One product family (the Echo variations), causes from triage.
    assert!(!dash.causes.is_empty());
    assert_eq!(
        dash.causes.iter().map(|c| c.count).sum::<u32>(),
        report.new as u32
    );
    assert!(!dash.products.is_empty());

    // Work the first 40 complaints through the loop: contact after i hours, close half
    // recovered, and a refund on every fourth.
    let page = cases::list(
        &conn,
        &CaseFilter {
            sort: SortKey::ReviewTime,
            limit: 40,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(page.items.len(), 40);
    let mut waits: Vec<i64> = Vec::new();
    let mut recovered = 0;
    let mut late = 0;
    let mut spent = 0i64;
    for (i, c) in page.items.iter().enumerate() {
        let wait = Duration::hours(i as i64 + 1);
        followup::log_contact(
            &mut conn,
            &NewContact {
                case_id: c.id,
                channel: ContactChannel::Email,
                outcome: ContactOutcome::Replied,
                note: None,
                at: Some(c.review_time + wait),
                call_back_at: None,
                agreed_update_at: None,
            },
            "owner",
            now(),
        )
        .unwrap();
        waits.push(wait.num_seconds());
        if wait.num_hours() > 24 {
            late += 1;
        }
        let outcome = if i % 2 == 0 {
            recovered += 1;
            Outcome::ReviewRevised
        } else {
            Outcome::BuyerRefused
        };
        let closed_at = c.review_time + Duration::days(2);
        if i % 4 == 0 {
            let r = remedies::add_remedy(
                &mut conn,
                c.id,
                &RemedyInput {
                    kind: Some(RemedyKind::PartialRefund),
                    currency: "USD".into(),
                    value: "5".into(),
                    cost: "5".into(),
                    ..Default::default()
                },
                "owner",
                c.review_time + wait,
            )
            .unwrap();
            remedies::set_remedy_status(
                &mut conn,
                r.id,
                RemedyStatus::Delivered,
                &remedies::RemedyStatusChange {
                    delivered_at: Some(c.review_time + wait + Duration::hours(1)),
                    ..Default::default()
                },
                "owner",
                closed_at,
            )
            .unwrap();
            spent += 500;
        }
        remedies::close_case(&mut conn, c.id, outcome, None, None, "owner", closed_at).unwrap();
    }

    // Widen the range so every close (two days after the review) falls inside.
    let q =
        InsightsQuery::new(first, last + Duration::days(3)).with_granularity(Granularity::Month);
    let dash = insights::dashboard(&conn, &q, now()).unwrap();
    assert_eq!(dash.recovery.overall.closed, 40);
    assert_eq!(dash.recovery.overall.recovered, recovered);
    assert_eq!(dash.recovery.overall.rate_bp, Some(5_000));
    waits.sort_unstable();
    assert_eq!(dash.response.first_contact.cases, 40);
    assert_eq!(
        dash.response.first_contact.median_secs,
        Some((waits[19] + waits[20]) / 2)
    );
    assert_eq!(dash.response.resolution.cases, 40);
    assert_eq!(dash.response.resolution.median_secs, Some(2 * 86_400));
    let dl = &dash.response.deadlines;
    assert_eq!(dl.missed_late, late);
    // Every other complaint was never contacted, and the file is years old.
    assert_eq!(dl.missed_no_contact, report.new as u32 - 40);
    let usd = dash
        .spend
        .currencies
        .iter()
        .find(|c| c.currency == "USD")
        .unwrap();
    assert_eq!(usd.spent_cents, spent);
    assert_eq!(usd.cost_per_recovered_cents, Some((spent + 10) / 20));
    // Drill-down from the recovery figure opens exactly the recovered cases.
    let mut drill = dash.recovery.drill.clone();
    drill.filter.limit = 0;
    assert_eq!(
        insights::drill_cases(&conn, &drill, now()).unwrap().total,
        recovered
    );

    // The report of the same period, both formats, both languages.
    let req = ReportRequest::new(first, last + Duration::days(3), Lang::En);
    let xlsx = dir.path().join("echo-report.xlsx");
    insights::write_report(&conn, &req, &xlsx, now()).unwrap();
    let workbook = unzip(&xlsx, "xl/workbook.xml");
    for sheet in [
        "Summary",
        "Trends",
        "Causes",
        "Products",
        "Fixes",
        "Open overdue",
        "Promises due",
        "Remedies",
    ] {
        assert!(
            workbook.contains(&format!("name=\"{sheet}\"")),
            "{sheet} missing: {workbook}"
        );
    }
    let strings = unzip(&xlsx, "xl/sharedStrings.xml");
    assert!(strings.contains("Closed-loop review report"));
    assert!(strings.contains("Bad-review rate"));
    let html_path = dir.path().join("echo-report.html");
    insights::write_report(
        &conn,
        &ReportRequest::new(first, last + Duration::days(3), Lang::Zh),
        &html_path,
        now(),
    )
    .unwrap();
    let html = std::fs::read_to_string(&html_path).unwrap();
    let rate_text = {
        let bp = dash.trend.rate.total_rate_bp.unwrap();
        format!("{}.{:02}%", bp / 100, bp % 100)
    };
    assert!(
        html.contains(&rate_text),
        "bad-review rate {rate_text} not in the page"
    );
    assert!(html.contains("挽回率") && html.contains("50.00%"));
    assert!(!html.contains("<script"));

    // The case list of the still-open complaints, masked.
    let csv = dir.path().join("open.csv");
    let mut selection = CaseDrill::default();
    selection.filter.open_only = true;
    let s = insights::export_cases(
        &conn,
        &CaseExport {
            selection,
            include_personal_data: false,
            lang: Lang::En,
        },
        &csv,
        now(),
    )
    .unwrap();
    assert_eq!(s.format, ExportFormat::Csv);
    assert_eq!(u64::from(s.rows), report.new - 40);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(
        text.lines().count() as u64,
        report.new - 40 + 1 + embedded_newlines(&text)
    );
}

/// Quoted review texts may span lines in the CSV; count those extra lines.
fn embedded_newlines(csv: &str) -> u64 {
    let mut quoted = false;
    let mut extra = 0;
    for c in csv.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if quoted => extra += 1,
            _ => {}
        }
    }
    extra
}

/// Cases of 4–5★ in the query's range: counted by the response figures, not the volume ones.
fn cases_4_5_in_range(conn: &Connection, q: &InsightsQuery) -> u32 {
    let dash = insights::trend(conn, q).unwrap();
    cases::list(
        conn,
        &CaseFilter {
            stars: vec![4, 5],
            from: dash.periods.first().map(|p| p.start),
            to: dash.periods.last().map(|p| p.end),
            ..Default::default()
        },
    )
    .unwrap()
    .total
}

#[test]
fn demo_shop_fills_every_chart() {
    let mut conn = db::open_in_memory().unwrap();
    let now = Utc::now();
    haoping_core::demo::load(&mut conn, now).unwrap();
    let (from, to) = insights::last_days(90, now);
    let q = InsightsQuery::new(from, to).with_granularity(Granularity::Week);
    let dash = insights::dashboard(&conn, &q, now).unwrap();
    let total: u32 = dash.trend.total.iter().sum();
    let cases_1_to_3 = cases::list(
        &conn,
        &CaseFilter {
            stars: vec![1, 2, 3],
            ..Default::default()
        },
    )
    .unwrap()
    .total;
    assert_eq!(total, cases_1_to_3);
    assert!(dash.causes.len() >= 5, "{:?}", dash.causes);
    assert!(!dash.products.is_empty());
    // The demo shop comes with its contact log, outcomes and delivered remedies.
    let dl = &dash.response.deadlines;
    assert_eq!(
        dl.met + dl.missed + dl.pending,
        total + cases_4_5_in_range(&conn, &q)
    );
    assert!(dash.response.resolution.cases > 0);
    assert!(dash.response.first_contact.cases > 0);
    assert!(dash.recovery.overall.recovered > 0);
    assert!(dash.recovery.overall.closed <= dash.response.resolution.cases);
    // Every series drills down to cases the inbox can open.
    for s in &dash.trend.by_cause {
        let n: u32 = s.counts.iter().sum();
        let page = insights::drill_cases(&conn, &s.drill, now).unwrap();
        assert_eq!(page.total, n, "{:?}", s.cause);
        assert!(page.items.iter().all(|c| c.primary_cause == s.cause));
    }
    let open = cases::list(
        &conn,
        &CaseFilter {
            statuses: vec![CaseStatus::New],
            ..Default::default()
        },
    )
    .unwrap();
    assert!(open.total > 0);
    let r =
        insights::closed_loop_report(&conn, &ReportRequest::new(from, to, Lang::Zh), now).unwrap();
    assert!(!r.problems.is_empty());
    assert!(r
        .problems
        .iter()
        .all(|p| p.line.contains(" ×") && p.line.contains(" → ")));
}
