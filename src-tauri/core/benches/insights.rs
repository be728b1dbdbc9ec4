//! Insights at scale: 1,000,000 cases over two years and 3,000,000 review-statistics rows
//! over three, in a file database; every dashboard chart timed for the picker's ranges
//! (7/30/90 days) and beyond, with and without filters; then a month's report as .xlsx
//! and .html, and a month's case-list export.
//! Run with `cargo bench -p haoping-core --bench insights`.
//!
//! Cases are written straight into the tables in one transaction (the app's triggers and
//! indexes all active), bypassing triage per row: each distinct review text of the real
//! data set is classified once and its labels reused.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use haoping_core::db::sql_time;
use haoping_core::insights::{
    self, CaseDrill, CaseExport, Granularity, InsightsQuery, ReportRequest,
};
use haoping_core::storage;
use haoping_core::triage::{self, TriageInput};
use rusqlite::{params, Connection};
use std::time::Instant;

const CASES: usize = 1_000_000;
const CASE_DAYS: i64 = 730;
const STATS_ROWS: usize = 3_000_000;
const STATS_DAYS: i64 = 1_095;
const PRODUCTS: usize = 600;
const RUNS: usize = 5;

/// splitmix64: reproducible and dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn pick<T: Copy>(&mut self, weighted: &[(T, u32)]) -> T {
        let total: u32 = weighted.iter().map(|w| w.1).sum();
        let mut x = self.below(u64::from(total)) as u32;
        for (v, w) in weighted {
            if x < *w {
                return *v;
            }
            x -= w;
        }
        weighted[0].0
    }
}

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1_000.0
}

/// Median wall time of `RUNS` runs, in milliseconds.
fn time<T>(mut f: impl FnMut() -> T) -> f64 {
    let mut v: Vec<f64> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            ms(t.elapsed())
        })
        .collect();
    v.sort_by(f64::total_cmp);
    v[RUNS / 2]
}

struct Labelled {
    text: String,
    cause: &'static str,
    causes: String,
    severity: u8,
    flags: String,
}

/// The real negative reviews, each classified once.
fn texts() -> Vec<Labelled> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/zh-online-shopping-10-cats.csv"
    );
    let mut reader = ok(csv::Reader::from_path(path));
    let mut out = Vec::new();
    for rec in reader.records() {
        let rec = ok(rec);
        if rec.get(1) != Some("0") {
            continue;
        }
        let text = rec
            .get(2)
            .unwrap_or("")
            .trim_start_matches('\u{feff}')
            .trim();
        if text.is_empty() || text.chars().count() > 200 {
            continue;
        }
        let t = triage::classify(&TriageInput {
            text,
            stars: 1,
            ..Default::default()
        });
        out.push(Labelled {
            text: text.to_string(),
            cause: t.primary.as_str(),
            causes: ok(serde_json::to_string(&t.causes)),
            severity: t.severity,
            flags: ok(serde_json::to_string(&t.flags)),
        });
    }
    out
}

struct Shop {
    platform: &'static str,
    name: &'static str,
}

const SHOPS: [Shop; 8] = [
    Shop {
        platform: "taobao",
        name: "暖居小铺",
    },
    Shop {
        platform: "taobao",
        name: "暖居家电",
    },
    Shop {
        platform: "tmall",
        name: "暖居旗舰店",
    },
    Shop {
        platform: "jd",
        name: "暖居京东自营",
    },
    Shop {
        platform: "jd",
        name: "暖居厨具",
    },
    Shop {
        platform: "pinduoduo",
        name: "暖居百货",
    },
    Shop {
        platform: "douyin",
        name: "暖居直播间",
    },
    Shop {
        platform: "amazon",
        name: "WarmHome",
    },
];

const KINDS: [&str; 6] = [
    "partial_refund",
    "coupon",
    "resend",
    "full_refund",
    "gift",
    "exchange",
];

const OUTCOMES: [(&str, u32); 6] = [
    ("review_revised", 35),
    ("follow_up_positive", 15),
    ("removed_by_platform", 5),
    ("explanation_only", 20),
    ("buyer_unreachable", 15),
    ("buyer_refused", 10),
];

fn product_name(i: usize) -> String {
    const KINDS: [&str; 12] = [
        "电热水壶",
        "保温杯",
        "马克杯",
        "电饭煲",
        "空气炸锅",
        "加湿器",
        "台灯",
        "收纳箱",
        "毛巾",
        "床单",
        "拖鞋",
        "榨汁机",
    ];
    format!("{}-{:03}", KINDS[i % KINDS.len()], i)
}

/// The shop that sells product `i`.
fn shop_of(i: usize) -> &'static Shop {
    &SHOPS[i % SHOPS.len()]
}

fn generate(conn: &mut Connection, now: DateTime<Utc>) {
    let texts = texts();
    println!(
        "  {} distinct real negative reviews, classified once each",
        texts.len()
    );
    let mut rng = Rng(20_261_120);
    let tx = ok(conn.transaction());
    {
        ok(tx.execute(
            "INSERT INTO triage_alerts(term, product, enabled, created_at) VALUES
             ('漏水', '', 1, ?1), ('破损', '', 1, ?1), ('假货', '', 1, ?1), ('异味', '', 1, ?1), ('死机', '', 1, ?1)",
            [now],
        ));
        let alerts: [(i64, &str); 5] = [
            (1, "漏水"),
            (2, "破损"),
            (3, "假货"),
            (4, "异味"),
            (5, "死机"),
        ];
        let mut case_stmt = ok(tx.prepare(
            "INSERT INTO cases(platform, shop, order_id, buyer_nick, buyer_phone, product, stars,
                review_text, review_time, has_photos, order_value_cents, lang, primary_cause, causes,
                severity, flags, status, outcome, closed_at, source, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10, 'zh', ?11, ?12, ?13, ?14, ?15, ?16,
                ?17, 'import', ?18, ?19)",
        ));
        let mut contact_stmt = ok(tx.prepare(
            "INSERT INTO contact_attempts(case_id, at, channel, outcome, actor, created_at)
             VALUES (?1, ?2, 'platform_im', 'replied', 'bench', ?2)",
        ));
        let mut remedy_stmt = ok(tx.prepare(
            "INSERT INTO remedies(case_id, kind, status, value_cents, cost_cents, due_at, delivered_at,
                created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        ));
        let mut promise_stmt = ok(tx.prepare(
            "INSERT INTO promises(case_id, text, due_at, created_at, updated_at)
             VALUES (?1, '约好时间回电', ?2, ?3, ?3)",
        ));
        let mut hit_stmt = ok(
            tx.prepare("INSERT INTO triage_alert_hits(case_id, alert_id, at) VALUES (?1, ?2, ?3)")
        );
        for i in 0..CASES {
            let age_s = rng.below((CASE_DAYS * 86_400) as u64) as i64;
            let review = now - Duration::seconds(age_s);
            // Popular products get most complaints.
            let p = (PRODUCTS as f64 * rng.unit().powi(2)) as usize;
            let shop = shop_of(p);
            let text = &texts[rng.below(texts.len() as u64) as usize];
            let stars = rng.pick(&[(1u8, 50), (2, 25), (3, 25)]);
            let contacted = rng.below(100) < 85;
            let delay = Duration::minutes((rng.unit().powi(3) * 72.0 * 60.0) as i64 + 5);
            let first_contact = review + delay;
            let contacted = contacted && first_contact < now;
            let age_days = age_s / 86_400;
            let finished = age_days > 30 || (age_days > 3 && rng.below(100) < 50);
            let closed_at = review + Duration::hours(24 + rng.below(9 * 24) as i64);
            let (status, outcome, closed) = if finished && closed_at < now {
                ("closed", Some(rng.pick(&OUTCOMES)), Some(closed_at))
            } else if contacted {
                (
                    rng.pick(&[("contacting", 3), ("negotiating", 2), ("waiting_update", 1)]),
                    None,
                    None,
                )
            } else {
                ("new", None, None)
            };
            let phone = (rng.below(100) < 30).then(|| format!("13{:09}", rng.below(1_000_000_000)));
            ok(case_stmt.execute(params![
                shop.platform,
                shop.name,
                format!("{}{:08}", 26, i),
                format!("买家{}", rng.below(200_000)),
                phone,
                product_name(p),
                stars,
                text.text,
                review,
                (1_000 + rng.below(30_000)) as i64,
                text.cause,
                text.causes,
                text.severity,
                text.flags,
                status,
                outcome,
                closed,
                review + Duration::minutes(3),
                closed.unwrap_or(review),
            ]));
            let id = tx.last_insert_rowid();
            if contacted {
                ok(contact_stmt.execute(params![id, first_contact]));
            }
            if rng.below(100) < 35 {
                let kind = KINDS[rng.below(KINDS.len() as u64) as usize];
                let cost = (500 + rng.below(4_500)) as i64;
                let made = if contacted { first_contact } else { review };
                match closed {
                    Some(c) => {
                        let at = made + (c - made) / 2;
                        ok(remedy_stmt.execute(params![
                            id,
                            kind,
                            "delivered",
                            cost,
                            cost,
                            None::<String>,
                            at,
                            made
                        ]));
                    }
                    None => {
                        let due = made + Duration::days(2);
                        ok(remedy_stmt.execute(params![
                            id,
                            kind,
                            rng.pick(&[("proposed", 1), ("accepted", 1)]),
                            cost,
                            cost,
                            due,
                            None::<String>,
                            made
                        ]));
                    }
                }
            }
            if closed.is_none() && rng.below(100) < 5 {
                ok(promise_stmt.execute(params![
                    id,
                    now + Duration::hours(rng.below(240) as i64 - 120),
                    review
                ]));
            }
            for (alert, term) in alerts {
                if text.text.contains(term) {
                    ok(hit_stmt.execute(params![id, alert, review + Duration::minutes(3)]));
                }
            }
        }

        let mut stats_stmt = ok(tx.prepare(
            "INSERT INTO review_stats(platform, shop, product, day, stars, count) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        ));
        let today = now.date_naive();
        let mut rows = 0usize;
        // About 91 % of products have reviews on a day: 3,000,000 rows over three years.
        let keep = STATS_ROWS as f64 / (STATS_DAYS as f64 * PRODUCTS as f64 * 5.0);
        'days: for back in 0..STATS_DAYS {
            let day = (today - Duration::days(back))
                .format("%Y-%m-%d")
                .to_string();
            for p in 0..PRODUCTS {
                if rng.unit() >= keep {
                    continue;
                }
                let shop = shop_of(p);
                let name = product_name(p);
                for (stars, mean) in [(5u8, 30u64), (4, 5), (3, 2), (2, 1), (1, 2)] {
                    ok(stats_stmt.execute(params![
                        shop.platform,
                        shop.name,
                        name,
                        day,
                        stars,
                        (1 + rng.below(mean * 2)) as i64
                    ]));
                    rows += 1;
                    if rows >= STATS_ROWS {
                        break 'days;
                    }
                }
            }
        }
        println!("  {rows} review_stats rows");
    }
    ok(tx.commit());
}

fn main() {
    let now: DateTime<Utc> =
        ok(DateTime::parse_from_rfc3339("2026-11-20T12:00:00Z")).with_timezone(&Utc);
    let dir = ok(tempfile::tempdir());
    // INSIGHTS_BENCH_DB keeps the generated database for another run (generating takes
    // minutes); a file that already holds the cases is reused as it is.
    let path = std::env::var_os("INSIGHTS_BENCH_DB")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().join("insights-bench.db"));
    let mut conn = ok(storage::open(&path));

    println!(
        "insights bench: {CASES} cases over {CASE_DAYS} days, {STATS_ROWS} review_stats rows over {STATS_DAYS} days"
    );
    let have: i64 = ok(conn.query_row("SELECT count(*) FROM cases", [], |r| r.get(0)));
    if have == CASES as i64 {
        println!("  reusing {}", path.display());
    } else {
        let t = Instant::now();
        generate(&mut conn, now);
        println!("  generated in {:.1} s", t.elapsed().as_secs_f64());
    }
    let count = |sql: &str| -> i64 { ok(conn.query_row(sql, [], |r| r.get(0))) };
    println!(
        "  cases {} · contact attempts {} · remedies {} · promises {} · alert hits {} · case-day rollup rows {} · review-day rollup rows {}",
        count("SELECT count(*) FROM cases"),
        count("SELECT count(*) FROM contact_attempts"),
        count("SELECT count(*) FROM remedies"),
        count("SELECT count(*) FROM promises"),
        count("SELECT count(*) FROM triage_alert_hits"),
        count("SELECT count(*) FROM insights_case_days"),
        count("SELECT count(*) FROM insights_review_days"),
    );
    println!(
        "  database file {:.0} MB",
        std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64 / 1e6
    );
    // A fresh connection, as the app would have after a restart.
    drop(conn);
    let conn = ok(storage::open(&path));
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or(NaiveDate::MIN);

    println!();
    println!(
        "{:<34} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>9}   (median of {RUNS} runs, ms)",
        "range / filter",
        "trend",
        "causes",
        "products",
        "alerts",
        "recovery",
        "response",
        "spend",
        "dashboard"
    );
    let top_product = product_name(0);
    let cases_in = |days: i64| -> i64 {
        ok(conn.query_row(
            "SELECT count(*) FROM cases WHERE review_time >= ?1",
            [sql_time(now - Duration::days(days))],
            |r| r.get(0),
        ))
    };
    let ranges: Vec<(String, InsightsQuery)> = {
        let q = |days: i64, g: Granularity| {
            InsightsQuery::new(today - Duration::days(days - 1), today).with_granularity(g)
        };
        let mut v = vec![
            (
                format!("7 days ({} cases)", cases_in(7)),
                q(7, Granularity::Day),
            ),
            (
                format!("30 days ({} cases)", cases_in(30)),
                q(30, Granularity::Day),
            ),
            (
                format!("90 days ({} cases)", cases_in(90)),
                q(90, Granularity::Day),
            ),
            ("90 days by week".to_string(), q(90, Granularity::Week)),
            (
                format!("365 days by week ({} cases)", cases_in(365)),
                q(365, Granularity::Week),
            ),
            (
                "730 days by month (all)".to_string(),
                q(730, Granularity::Month),
            ),
        ];
        let mut jd = q(30, Granularity::Day);
        jd.platforms = vec![haoping_core::cases::Platform::Jd];
        v.push(("30 days, platform jd".into(), jd));
        let mut shop = q(90, Granularity::Day);
        shop.shops = vec![SHOPS[0].name.to_string()];
        v.push(("90 days, one shop".into(), shop));
        let mut product = q(90, Granularity::Day);
        product.products = vec![top_product.clone()];
        v.push(("90 days, top product".into(), product));
        let mut product = q(365, Granularity::Week);
        product.products = vec![top_product.clone()];
        v.push(("365 days, top product".into(), product));
        v
    };
    let mut worst_picker = 0.0f64;
    for (label, q) in &ranges {
        let row = [
            time(|| ok(insights::trend(&conn, q))),
            time(|| ok(insights::cause_shares(&conn, q))),
            time(|| ok(insights::top_products(&conn, q, insights::TOP_PRODUCTS))),
            time(|| ok(insights::alert_rows(&conn, q))),
            time(|| ok(insights::recovery(&conn, q))),
            time(|| ok(insights::response_times(&conn, q, now))),
            time(|| ok(insights::spend(&conn, q, now))),
            time(|| ok(insights::dashboard(&conn, q, now))),
        ];
        let days = (q.to - q.from).num_days() + 1;
        if days <= 90 {
            worst_picker = row[..7].iter().copied().fold(worst_picker, f64::max);
        }
        println!(
            "{label:<34} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>9.1}",
            row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7]
        );
    }
    println!("slowest single chart query over the picker's ranges (≤ 90 days): {worst_picker:.1} ms (target < 100 ms)");
    println!(
        "filter options: {:.1} ms",
        time(|| ok(insights::filter_options(&conn)))
    );

    let q30 = InsightsQuery::new(today - Duration::days(29), today);
    let dash = ok(insights::dashboard(&conn, &q30, now));
    let mut drill = dash.trend.by_cause[0].drill.clone();
    drill.filter.limit = 50;
    println!(
        "drill-down (first page of the biggest cause over 30 days, {} cases): {:.1} ms",
        ok(insights::drill_cases(&conn, &drill, now)).total,
        time(|| ok(insights::drill_cases(&conn, &drill, now)))
    );
    let mut missed = dash.response.deadlines.drill.clone();
    missed.filter.limit = 50;
    println!(
        "drill-down (first page of missed deadlines over 30 days, {} cases): {:.1} ms",
        ok(insights::drill_cases(&conn, &missed, now)).total,
        time(|| ok(insights::drill_cases(&conn, &missed, now)))
    );

    println!();
    let (from, to) = insights::period_around(
        Granularity::Month,
        NaiveDate::from_ymd_opt(2026, 10, 15).unwrap_or(today),
    );
    let req = ReportRequest::new(from, to, haoping_core::Lang::Zh);
    let t = Instant::now();
    let report = ok(insights::closed_loop_report(&conn, &req, now));
    let build = ms(t.elapsed());
    let t = Instant::now();
    let xlsx = ok(insights::report_xlsx(&report));
    let xlsx_ms = ms(t.elapsed());
    let t = Instant::now();
    let html = insights::report_html(&report);
    let html_ms = ms(t.elapsed());
    let out = dir.path().join("report.xlsx");
    let t = Instant::now();
    ok(insights::write_report(&conn, &req, &out, now));
    let total_xlsx = ms(t.elapsed());
    let out_html = dir.path().join("report.html");
    let t = Instant::now();
    ok(insights::write_report(&conn, &req, &out_html, now));
    let total_html = ms(t.elapsed());
    println!(
        "report of {} – {} ({} bad + neutral, {} problems, {} open overdue): build {build:.0} ms, xlsx {xlsx_ms:.0} ms ({} KB), html {html_ms:.0} ms ({} KB)",
        from,
        to,
        report.headline.bad + report.headline.neutral,
        report.problems.len(),
        report.open_overdue_total,
        xlsx.len() / 1024,
        html.len() / 1024
    );
    println!("report export end to end: .xlsx {total_xlsx:.0} ms, .html {total_html:.0} ms (target < 3,000 ms)");

    let mut month = CaseDrill::default();
    month.filter.from = Some(report.dashboard.trend.periods[0].start);
    month.filter.to = report.dashboard.trend.periods.last().map(|p| p.end);
    month.filter.descending = true;
    for (name, personal) in [
        ("cases.csv", false),
        ("cases.xlsx", false),
        ("cases-full.csv", true),
    ] {
        let e = CaseExport {
            selection: month.clone(),
            include_personal_data: personal,
            lang: haoping_core::Lang::Zh,
        };
        let t = Instant::now();
        let s = ok(insights::export_cases(
            &conn,
            &e,
            &dir.path().join(name),
            now,
        ));
        println!(
            "case-list export of a month to {name} ({} rows, personal data {}): {:.0} ms",
            s.rows,
            if personal { "included" } else { "masked" },
            ms(t.elapsed())
        );
    }
}
