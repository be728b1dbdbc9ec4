//! The demo shop's review statistics: every review of the last weeks counted per Beijing
//! day, platform, product and stars, as an import of the platforms' review exports
//! counts them (`review_stats`, positives included). Without them the bad-review rate
//! would have no denominator.
//!
//! The volumes are those of a small shop: a few dozen reviews a day across its
//! platforms, nearly all of them 4–5★, varied from day to day by a fixed pattern so the
//! rate line moves like a real one and every load gives the same picture.

use super::catalog::CASES;
use super::SHOP_NAME;
use crate::cases::{Case, Platform};
use crate::error::Result;
use crate::intake::{self, ReviewCount};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Asia::Shanghai;
use rusqlite::Connection;

/// How far back the statistics go: the oldest demo review is about six weeks old.
pub(crate) const DAYS: i64 = 46;

/// Typical 4–5★ reviews a day on each platform the shop sells on.
const DAILY: &[(Platform, u32)] = &[
    (Platform::Taobao, 6),
    (Platform::Tmall, 5),
    (Platform::Jd, 5),
    (Platform::Pinduoduo, 6),
    (Platform::Douyin, 4),
    (Platform::Meituan, 2),
    (Platform::Amazon, 2),
    (Platform::Shopify, 1),
];

fn beijing_day(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&Shanghai).date_naive()
}

/// Counts one demo case's own review, as the import that brought it in would have.
pub(crate) fn count_case(conn: &Connection, case: &Case) -> Result<()> {
    intake::count_reviews(
        conn,
        &ReviewCount {
            platform: case.platform,
            shop: &case.shop,
            product: &case.product,
            day: &intake::beijing_day(case.review_time),
            stars: case.stars,
            delta: 1,
        },
    )
}

/// The products the shop sells on a platform: those its demo complaints are about.
fn products_on(platform: Platform) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for c in CASES.iter().filter(|c| c.platform == platform) {
        if !out.contains(&c.product) {
            out.push(c.product);
        }
    }
    out
}

/// The shop's 4–5★ reviews of the last `DAYS` days, written once: skipped when the demo
/// shop already has positive statistics (a second load, or an owner's own import).
pub(crate) fn add_positives(conn: &mut Connection, now: DateTime<Utc>) -> Result<u64> {
    if intake::has_reviews(conn, SHOP_NAME, 4)? {
        return Ok(0);
    }
    let today = beijing_day(now);
    let tx = conn.transaction()?;
    let mut written = 0u64;
    {
        for (p_index, (platform, base)) in DAILY.iter().enumerate() {
            let products = products_on(*platform);
            if products.is_empty() {
                continue;
            }
            for back in 0..DAYS {
                let day = (today - Duration::days(back))
                    .format("%Y-%m-%d")
                    .to_string();
                // A weekly swing of -2..=+2 around the platform's usual volume.
                let swing = ((back * 7 + p_index as i64 * 3) % 5) as u32;
                let n = (base + swing).saturating_sub(2);
                for k in 0..n {
                    let product = products[(back as usize * 3 + k as usize) % products.len()];
                    let stars = if (back as u32 + k) % 4 == 3 { 4 } else { 5 };
                    intake::count_reviews(
                        &tx,
                        &ReviewCount {
                            platform: *platform,
                            shop: SHOP_NAME,
                            product,
                            day: &day,
                            stars,
                            delta: 1,
                        },
                    )?;
                    written += 1;
                }
            }
        }
    }
    tx.commit()?;
    Ok(written)
}
