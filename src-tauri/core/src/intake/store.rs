//! Writing imported reviews: dedup by key, new cases, updates recorded in the case
//! history, and statistics counted once per review. Runs inside the caller's
//! transaction; statements are prepared once per import.

use super::known_keys::KnownKeys;
use super::rows::ReviewRow;
use crate::cases::{
    self, guess_lang, BatchCase, BatchOrigin, CaseImport, ImportRow, Platform, ReviewUpdate,
};
use crate::error::Result;
use crate::triage::{Labeller, ReviewFacts};
use chrono::{DateTime, Datelike, Timelike, Utc};
use rusqlite::{params, types::ToSql, Connection, OptionalExtension};
use std::collections::{HashMap, HashSet};
use xxhash_rust::xxh3::{xxh3_128, Xxh3};

/// Statistics deltas kept in memory before they are written (bounded per batch). Large
/// enough that a typical export's buckets (product × day × stars) are written once.
const STATS_FLUSH: usize = 16_384;
/// New cases are inserted this many at a time, one statement per batch.
const CASE_BATCH: usize = 1000;
/// Reviews' rows in `intake_reviews` are written this many at a time, in key order, so
/// each statement fills the index's pages in one sweep instead of hopping between them.
const SEEN_BATCH: usize = 2000;
/// Occurrence counters for reviews without identity, kept as a shortcut only: when the
/// map is full it is emptied and the database answers instead.
const OCCURRENCE_CACHE: usize = 200_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    New,
    Updated,
    Duplicate,
    StatsOnly,
}

/// The day a review is counted under: its date in Beijing time (UTC+8 all year, no
/// daylight saving since 1991).
pub fn beijing_day(t: DateTime<Utc>) -> String {
    let d = (t + chrono::Duration::hours(8)).date_naive();
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// `2024-05-03T06:22:10`, written by hand: chrono's format strings are parsed on every
/// call, which shows at a million rows.
fn stamp(t: DateTime<Utc>) -> [u8; 19] {
    let mut out = *b"0000-00-00T00:00:00";
    let mut put = |at: usize, width: usize, mut v: u32| {
        for i in (at..at + width).rev() {
            out[i] = b'0' + (v % 10) as u8;
            v /= 10;
        }
    };
    put(0, 4, t.year().clamp(0, 9999) as u32);
    put(5, 2, t.month());
    put(8, 2, t.day());
    put(11, 2, t.hour());
    put(14, 2, t.minute());
    put(17, 2, t.second());
    out
}

fn hex(key: u128) -> String {
    format!("{key:032x}")
}

/// Hashes text pieces as if joined by the unit separator (U+001F), without building the
/// joined text: the same digest, none of the allocations (it runs for every row).
struct Joined {
    hasher: Xxh3,
    first: bool,
}

impl Joined {
    fn new() -> Joined {
        Joined {
            hasher: Xxh3::new(),
            first: true,
        }
    }

    fn part(mut self, bytes: &[u8]) -> Joined {
        if !self.first {
            self.hasher.update(&[0x1f]);
        }
        self.hasher.update(bytes);
        self.first = false;
        self
    }

    fn text(self, s: &str) -> Joined {
        self.part(s.as_bytes())
    }
}

/// The identity of a review: platform + review id, else platform + order + product +
/// time. `None` when the export carries neither.
pub(crate) fn identity_key(
    platform: Platform,
    review_id: Option<&str>,
    order_id: Option<&str>,
    product: &str,
    review_time: Option<DateTime<Utc>>,
) -> Option<u128> {
    if let Some(r) = review_id.filter(|r| !r.is_empty()) {
        let h = Joined::new().text("r").text(platform.as_str()).text(r);
        return Some(h.hasher.digest128());
    }
    let o = order_id.filter(|o| !o.is_empty())?;
    let t = review_time.map(stamp);
    let h = Joined::new()
        .text("o")
        .text(platform.as_str())
        .text(o)
        .text(product)
        .part(t.as_ref().map_or(&[][..], |t| &t[..]));
    Some(h.hasher.digest128())
}

/// For reviews without identity: their content, plus which occurrence of that content
/// in the file this is (two buyers can both write "很好").
fn content_base(platform: Platform, shop: &str, row: &ReviewRow) -> u128 {
    let t = row.time_known.then(|| stamp(row.review_time));
    Joined::new()
        .text("c")
        .text(platform.as_str())
        .text(shop)
        .text(&row.product)
        .text(row.buyer_nick.as_deref().unwrap_or(""))
        .part(t.as_ref().map_or(&[][..], |t| &t[..]))
        .text(&row.review_text)
        .hasher
        .digest128()
}

fn occurrence_key(base: u128, n: u32) -> u128 {
    let mut bytes = [0u8; 20];
    bytes[..16].copy_from_slice(&base.to_le_bytes());
    bytes[16..].copy_from_slice(&n.to_le_bytes());
    xxh3_128(&bytes)
}

fn fields_hash(row: &ReviewRow, day: &str) -> i64 {
    let mut buf = [0u8; 3];
    let stars = decimal(row.stars, &mut buf);
    Joined::new()
        .text(stars)
        .text(&row.product)
        .text(day)
        .text(&row.review_text)
        .text(row.seller_reply.as_deref().unwrap_or(""))
        .text(row.follow_up_text.as_deref().unwrap_or(""))
        .text(if row.has_photos { "true" } else { "false" })
        .hasher
        .digest() as i64
}

/// A byte's decimal digits, without allocating.
fn decimal(mut v: u8, buf: &mut [u8; 3]) -> &str {
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + v % 10;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[at..]).unwrap_or("0")
}

#[derive(Debug)]
struct Seen {
    case_id: Option<i64>,
    had_case: bool,
    fields_hash: i64,
    product: String,
    day: String,
    stars: u8,
    seen_in: i64,
}

pub(crate) struct Writer<'c> {
    conn: &'c Connection,
    import_id: i64,
    platform: Platform,
    shop: String,
    now: DateTime<Utc>,
    actor: String,
    file_name: String,
    max_case_stars: u8,
    occurrences: HashMap<u128, u32>,
    stats: HashMap<(String, String, u8), i64>,
    pending: Vec<PendingCase>,
    pending_keys: HashSet<u128>,
    /// Rows for `intake_reviews` not written yet, and their keys.
    pending_seen: Vec<SeenRow>,
    pending_seen_keys: HashSet<u128>,
    /// The owner's keywords, alerts and thresholds, read once per import.
    labeller: Labeller,
    /// Reviews written before this arrive as history (the backlog).
    history_before: DateTime<Utc>,
    /// New cases stored as history so far.
    backlog: u64,
    cases: CaseImport,
    /// Every key the table or this import holds, when worth loading (see `known_keys`).
    known: Option<KnownKeys>,
}

/// A review's row in `intake_reviews`, waiting for its batch insert.
struct SeenRow {
    key: u128,
    product: String,
    day: String,
    stars: u8,
    fields_hash: i64,
    case_id: Option<i64>,
}

/// A new case waiting for its batch insert, with what its `intake_reviews` row needs.
struct PendingCase {
    key: u128,
    row: ReviewRow,
    day: String,
    fields_hash: i64,
}

impl<'c> Writer<'c> {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        conn: &'c Connection,
        import_id: i64,
        platform: Platform,
        shop: &str,
        now: DateTime<Utc>,
        actor: &str,
        file_name: &str,
        max_case_stars: u8,
        history_before: DateTime<Utc>,
        file_bytes: u64,
    ) -> Result<Self> {
        Ok(Writer {
            conn,
            import_id,
            platform,
            shop: shop.to_string(),
            now,
            actor: actor.to_string(),
            file_name: file_name.to_string(),
            max_case_stars,
            occurrences: HashMap::new(),
            stats: HashMap::new(),
            pending: Vec::with_capacity(CASE_BATCH),
            pending_keys: HashSet::new(),
            pending_seen: Vec::with_capacity(SEEN_BATCH),
            pending_seen_keys: HashSet::new(),
            labeller: Labeller::load(conn)?,
            cases: CaseImport::begin(conn)?,
            known: KnownKeys::load(conn, file_bytes)?,
            history_before,
            backlog: 0,
        })
    }

    fn seen(&self, key: u128) -> Result<Option<Seen>> {
        if self.known.as_ref().is_some_and(|k| !k.may_contain(key)) {
            return Ok(None);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT case_id, had_case, fields_hash, product, day, stars, seen_in
             FROM intake_reviews WHERE key = ?1",
        )?;
        Ok(stmt
            .query_row([&key.to_be_bytes()[..]], |r| {
                Ok(Seen {
                    case_id: r.get(0)?,
                    had_case: r.get(1)?,
                    fields_hash: r.get(2)?,
                    product: r.get(3)?,
                    day: r.get(4)?,
                    stars: r.get(5)?,
                    seen_in: r.get(6)?,
                })
            })
            .optional()?)
    }

    /// The key of this row and what is known under it.
    fn resolve(&mut self, row: &ReviewRow) -> Result<(u128, Option<Seen>)> {
        let identity = identity_key(
            self.platform,
            row.review_id.as_deref(),
            row.order_id.as_deref(),
            &row.product,
            row.time_known.then_some(row.review_time),
        );
        if let Some(key) = identity {
            if self.pending_keys.contains(&key) || self.pending_seen_keys.contains(&key) {
                // The same review again within one batch: store the first one before
                // comparing.
                self.flush_cases()?;
                self.flush_seen()?;
            }
            return Ok((key, self.seen(key)?));
        }
        let base = content_base(self.platform, &self.shop, row);
        let mut n = self.occurrences.get(&base).copied().unwrap_or(0);
        loop {
            n += 1;
            let key = occurrence_key(base, n);
            // Taken by an earlier row of this file that is not written yet.
            if self.pending_keys.contains(&key) || self.pending_seen_keys.contains(&key) {
                continue;
            }
            match self.seen(key)? {
                // An earlier row of this same file already took this occurrence.
                Some(s) if s.seen_in == self.import_id => continue,
                other => {
                    if self.occurrences.len() >= OCCURRENCE_CACHE {
                        self.occurrences.clear();
                    }
                    self.occurrences.insert(base, n);
                    return Ok((key, other));
                }
            }
        }
    }

    fn count(&mut self, product: &str, day: &str, stars: u8, delta: i64) -> Result<()> {
        *self
            .stats
            .entry((product.to_string(), day.to_string(), stars))
            .or_default() += delta;
        if self.stats.len() >= STATS_FLUSH {
            self.flush_stats()?;
        }
        Ok(())
    }

    /// Writes everything still held in memory (queued cases, statistics deltas) and
    /// makes the import's new cases searchable.
    /// Writes what is still pending; returns how many new cases arrived as history.
    pub fn finish(mut self) -> Result<u64> {
        self.flush_cases()?;
        self.flush_seen()?;
        self.flush_stats()?;
        self.cases.finish(self.conn)?;
        Ok(self.backlog)
    }

    fn flush_stats(&mut self) -> Result<()> {
        for ((product, day, stars), delta) in self.stats.drain() {
            count_reviews(
                self.conn,
                &ReviewCount {
                    platform: self.platform,
                    shop: &self.shop,
                    product: &product,
                    day: &day,
                    stars,
                    delta,
                },
            )?;
        }
        Ok(())
    }

    pub fn write(&mut self, row: &ReviewRow) -> Result<Outcome> {
        let (key, seen) = self.resolve(row)?;
        let is_case = row.stars <= self.max_case_stars;
        let Some(seen) = seen else {
            let day = beijing_day(row.review_time);
            let hash = fields_hash(row, &day);
            self.count(&row.product, &day, row.stars, 1)?;
            if is_case {
                if let Some(id) = self.adopt_manual_case(row, key)? {
                    self.insert_seen(key, row, &day, hash, Some(id))?;
                } else {
                    self.queue_case(key, row, day, hash)?;
                }
                return Ok(Outcome::New);
            }
            self.insert_seen(key, row, &day, hash, None)?;
            return Ok(Outcome::StatsOnly);
        };
        // Without a time in the file the review keeps the day it was first counted on.
        let day = if row.time_known {
            beijing_day(row.review_time)
        } else {
            seen.day.clone()
        };
        let hash = fields_hash(row, &day);
        let mut outcome = Outcome::Duplicate;
        let mut had_case = seen.had_case;
        let mut queue = false;
        if hash != seen.fields_hash {
            outcome = Outcome::Updated;
            if (seen.product.as_str(), seen.day.as_str(), seen.stars)
                != (row.product.as_str(), day.as_str(), row.stars)
            {
                self.count(&seen.product, &seen.day, seen.stars, -1)?;
                self.count(&row.product, &day, row.stars, 1)?;
            }
            match seen.case_id {
                Some(id) => self.update_case(id, row)?,
                // A review that has turned negative since it was last read.
                None if is_case && !had_case => {
                    had_case = true;
                    queue = true;
                    outcome = Outcome::New;
                }
                None => {}
            }
        }
        self.conn
            .prepare_cached(
                "UPDATE intake_reviews SET product = ?2, day = ?3, stars = ?4, fields_hash = ?5,
                    had_case = ?6, seen_in = ?7
                 WHERE key = ?1",
            )?
            .execute(params![
                &key.to_be_bytes()[..],
                row.product,
                day,
                row.stars,
                hash,
                had_case,
                self.import_id
            ])?;
        if queue {
            self.queue_case(key, row, day, hash)?;
        }
        Ok(outcome)
    }

    /// Queues the review's row; one that exists already gets the case linked.
    fn insert_seen(
        &mut self,
        key: u128,
        row: &ReviewRow,
        day: &str,
        hash: i64,
        case_id: Option<i64>,
    ) -> Result<()> {
        self.pending_seen_keys.insert(key);
        if let Some(known) = &mut self.known {
            known.insert(key);
        }
        self.pending_seen.push(SeenRow {
            key,
            product: row.product.clone(),
            day: day.to_string(),
            stars: row.stars,
            fields_hash: hash,
            case_id,
        });
        if self.pending_seen.len() >= SEEN_BATCH {
            self.flush_seen()?;
        }
        Ok(())
    }

    fn flush_seen(&mut self) -> Result<()> {
        if self.pending_seen.is_empty() {
            return Ok(());
        }
        let mut rows = std::mem::take(&mut self.pending_seen);
        self.pending_seen_keys.clear();
        rows.sort_unstable_by_key(|r| r.key);
        const COLS: usize = 10;
        let keys: Vec<[u8; 16]> = rows.iter().map(|r| r.key.to_be_bytes()).collect();
        let had: Vec<bool> = rows.iter().map(|r| r.case_id.is_some()).collect();
        let mut bound: Vec<&dyn ToSql> = Vec::with_capacity(rows.len() * COLS);
        for ((r, key), had) in rows.iter().zip(&keys).zip(&had) {
            bound.extend_from_slice(&[
                key as &dyn ToSql,
                &self.platform,
                &self.shop,
                &r.product,
                &r.day,
                &r.stars,
                &r.fields_hash,
                &r.case_id,
                had,
                &self.import_id,
            ]);
        }
        let sql = format!(
            "INSERT INTO intake_reviews(key, platform, shop, product, day, stars, fields_hash,
                case_id, had_case, seen_in)
             VALUES {}
             ON CONFLICT(key) DO UPDATE SET case_id = excluded.case_id, had_case = 1",
            vec!["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"; rows.len()].join(", ")
        );
        self.conn.prepare_cached(&sql)?.execute(&bound[..])?;
        Ok(())
    }

    fn queue_case(
        &mut self,
        key: u128,
        row: &ReviewRow,
        day: String,
        fields_hash: i64,
    ) -> Result<()> {
        self.pending_keys.insert(key);
        self.pending.push(PendingCase {
            key,
            row: row.clone(),
            day,
            fields_hash,
        });
        if self.pending.len() >= CASE_BATCH {
            self.flush_cases()?;
        }
        Ok(())
    }

    /// A case typed in by hand for the same platform review becomes this review's case.
    fn adopt_manual_case(&mut self, row: &ReviewRow, key: u128) -> Result<Option<i64>> {
        let Some(rid) = &row.review_id else {
            return Ok(None);
        };
        let existing = cases::find_by_review_id(self.conn, self.platform, rid)?;
        if let Some(id) = existing {
            cases::set_dedup_key(self.conn, id, &hex(key), false)?;
            self.update_case(id, row)?;
        }
        Ok(existing)
    }

    /// Labels the queued cases and stores them with one statement (and their history
    /// entries with another), then links their reviews to them.
    fn flush_cases(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let pending = std::mem::take(&mut self.pending);
        self.pending_keys.clear();
        let facts: Vec<ReviewFacts> = pending.iter().map(|p| self.facts(&p.row)).collect();
        let labels = self.labeller.label_new(self.conn, &facts)?;
        let keys: Vec<String> = pending.iter().map(|p| hex(p.key)).collect();
        let batch: Vec<BatchCase> = pending
            .iter()
            .zip(&labels)
            .zip(&keys)
            .map(|((p, labels), key)| {
                let row = &p.row;
                BatchCase {
                    order_id: row.order_id.as_deref(),
                    review_id: row.review_id.as_deref(),
                    buyer_nick: row.buyer_nick.as_deref(),
                    product: &row.product,
                    stars: row.stars,
                    review_text: &row.review_text,
                    review_time: row.review_time,
                    has_photos: row.has_photos,
                    order_value_cents: row.order_value_cents,
                    lang: guess_lang(&row.review_text),
                    seller_reply: row.seller_reply.as_deref(),
                    follow_up_text: row.follow_up_text.as_deref(),
                    dedup_key: key,
                    labels,
                    row: row.row,
                    backlog: row.review_time < self.history_before,
                }
            })
            .collect();
        self.backlog += batch.iter().filter(|b| b.backlog).count() as u64;
        let ids = self.cases.insert(
            self.conn,
            &BatchOrigin {
                platform: self.platform,
                shop: &self.shop,
                file: &self.file_name,
                actor: &self.actor,
                now: self.now,
            },
            &batch,
        )?;
        for ((p, id), (f, t)) in pending.iter().zip(&ids).zip(facts.iter().zip(&labels)) {
            self.insert_seen(p.key, &p.row, &p.day, p.fields_hash, Some(*id))?;
            self.labeller
                .record_alerts(self.conn, *id, f, t, self.now)?;
        }
        Ok(())
    }

    fn facts<'r>(&self, row: &'r ReviewRow) -> ReviewFacts<'r> {
        ReviewFacts {
            platform: self.platform,
            buyer_nick: row.buyer_nick.as_deref(),
            product: &row.product,
            stars: row.stars,
            review_text: &row.review_text,
            follow_up_text: row.follow_up_text.as_deref(),
            has_photos: row.has_photos,
            order_value_cents: row.order_value_cents,
        }
    }

    /// Brings a case up to date with the file: a changed review, a follow-up, a seller
    /// reply, revised stars. Each change goes into the history; owner-set labels stay.
    fn update_case(&mut self, id: i64, row: &ReviewRow) -> Result<()> {
        let updated = cases::update_review(
            self.conn,
            id,
            &ReviewUpdate {
                review_text: Some(&row.review_text),
                follow_up_text: row.follow_up_text.as_deref(),
                seller_reply: row.seller_reply.as_deref(),
                stars: Some(row.stars),
                has_photos: row.has_photos,
            },
            &self.actor,
            self.now,
            Some(&ImportRow {
                file: self.file_name.clone(),
                row: row.row,
            }),
        )?;
        if let Some(case) = updated {
            self.labeller.relabel(self.conn, &case, self.now)?;
        }
        Ok(())
    }
}

/// A change of one statistics bucket: `delta` more (or fewer) reviews of `stars` stars
/// for the product on the Beijing `day`.
#[derive(Debug, Clone, Copy)]
pub struct ReviewCount<'a> {
    pub platform: Platform,
    pub shop: &'a str,
    pub product: &'a str,
    /// `YYYY-MM-DD`, Beijing time (see [`beijing_day`]).
    pub day: &'a str,
    pub stars: u8,
    pub delta: i64,
}

/// Counts reviews in `review_stats`, the denominator of the bad-review rate (a bucket
/// that falls to zero is removed).
pub fn count_reviews(conn: &Connection, c: &ReviewCount) -> Result<()> {
    if c.delta == 0 {
        return Ok(());
    }
    conn.prepare_cached(
        "INSERT INTO review_stats(platform, shop, product, day, stars, count)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(platform, shop, product, day, stars)
         DO UPDATE SET count = count + excluded.count",
    )?
    .execute(params![
        c.platform, c.shop, c.product, c.day, c.stars, c.delta
    ])?;
    if c.delta < 0 {
        conn.prepare_cached(
            "DELETE FROM review_stats
             WHERE platform = ?1 AND shop = ?2 AND product = ?3 AND day = ?4 AND stars = ?5
               AND count <= 0",
        )?
        .execute(params![c.platform, c.shop, c.product, c.day, c.stars])?;
    }
    Ok(())
}

/// Whether the shop has reviews of at least `min_stars` counted.
pub fn has_reviews(conn: &Connection, shop: &str, min_stars: u8) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM review_stats WHERE shop = ?1 AND stars >= ?2)",
        params![shop, min_stars],
        |r| r.get(0),
    )?)
}

/// The case an imported (or pasted) review became, if it became one.
pub(crate) fn known_case(conn: &Connection, key: u128) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT case_id FROM intake_reviews WHERE key = ?1")?
        .query_row([&key.to_be_bytes()[..]], |r| r.get::<_, Option<i64>>(0))
        .optional()?
        .flatten())
}

/// Records a case created by hand from a pasted review as an imported review, so a
/// later export holding the same review neither duplicates it nor counts it twice.
pub(crate) fn register_case(
    conn: &Connection,
    case: &cases::Case,
    import_id_hint: i64,
) -> Result<()> {
    let key = identity_key(
        case.platform,
        case.review_id.as_deref(),
        case.order_id.as_deref(),
        &case.product,
        Some(case.review_time),
    );
    let row = ReviewRow {
        row: 0,
        review_id: case.review_id.clone(),
        order_id: case.order_id.clone(),
        buyer_nick: case.buyer_nick.clone(),
        product: case.product.clone(),
        stars: case.stars,
        review_text: case.review_text.clone(),
        review_time: case.review_time,
        time_known: true,
        seller_reply: case.seller_reply.clone(),
        follow_up_text: case.follow_up_text.clone(),
        order_value_cents: case.order_value_cents,
        has_photos: case.has_photos,
    };
    let key =
        key.unwrap_or_else(|| occurrence_key(content_base(case.platform, &case.shop, &row), 1));
    let day = beijing_day(case.review_time);
    let inserted = conn.execute(
        "INSERT INTO intake_reviews(key, platform, shop, product, day, stars, fields_hash,
            case_id, had_case, seen_in)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9)
         ON CONFLICT DO NOTHING",
        params![
            &key.to_be_bytes()[..],
            case.platform,
            case.shop,
            case.product,
            day,
            case.stars,
            fields_hash(&row, &day),
            case.id,
            import_id_hint
        ],
    )?;
    if inserted == 1 {
        cases::set_dedup_key(conn, case.id, &hex(key), true)?;
        count_reviews(
            conn,
            &ReviewCount {
                platform: case.platform,
                shop: &case.shop,
                product: &case.product,
                day: &day,
                stars: case.stars,
                delta: 1,
            },
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_written_stamps_match_chrono() {
        for text in [
            "2024-05-03T16:22:10Z",
            "2024-12-31T23:59:59Z",
            "2024-01-01T00:00:00Z",
        ] {
            let t = DateTime::parse_from_rfc3339(text)
                .unwrap()
                .with_timezone(&Utc);
            assert_eq!(
                &stamp(t)[..],
                t.format("%Y-%m-%dT%H:%M:%S").to_string().as_bytes()
            );
            assert_eq!(
                beijing_day(t),
                t.with_timezone(&chrono_tz::Asia::Shanghai)
                    .format("%Y-%m-%d")
                    .to_string()
            );
        }
    }

    /// Keys are stored: they must stay what the joined text hashed to, or a re-import
    /// after an update would not recognise what an earlier version imported.
    #[test]
    fn keys_hash_the_joined_fields() {
        use xxhash_rust::xxh3::xxh3_64;
        let t = DateTime::parse_from_rfc3339("2024-05-03T16:22:10Z")
            .unwrap()
            .with_timezone(&Utc);
        let row = ReviewRow {
            row: 3,
            review_id: None,
            order_id: Some("1001".into()),
            buyer_nick: Some("t***1".into()),
            product: "保温杯".into(),
            stars: 1,
            review_text: "漏水".into(),
            review_time: t,
            time_known: true,
            seller_reply: None,
            follow_up_text: Some("又坏了".into()),
            order_value_cents: None,
            has_photos: true,
        };
        let p = Platform::Taobao;
        assert_eq!(
            identity_key(p, Some("R1"), None, "x", None),
            Some(xxh3_128("r\u{1f}taobao\u{1f}R1".as_bytes()))
        );
        assert_eq!(
            identity_key(p, None, Some("1001"), "保温杯", Some(t)),
            Some(xxh3_128(
                "o\u{1f}taobao\u{1f}1001\u{1f}保温杯\u{1f}2024-05-03T16:22:10".as_bytes()
            ))
        );
        assert_eq!(
            identity_key(p, None, Some("1001"), "保温杯", None),
            Some(xxh3_128(
                "o\u{1f}taobao\u{1f}1001\u{1f}保温杯\u{1f}".as_bytes()
            ))
        );
        assert_eq!(identity_key(p, None, None, "保温杯", Some(t)), None);
        assert_eq!(
            content_base(p, "小店", &row),
            xxh3_128(
                "c\u{1f}taobao\u{1f}小店\u{1f}保温杯\u{1f}t***1\u{1f}2024-05-03T16:22:10\u{1f}漏水"
                    .as_bytes()
            )
        );
        let mut bytes = 7u128.to_le_bytes().to_vec();
        bytes.extend_from_slice(&2u32.to_le_bytes());
        assert_eq!(occurrence_key(7, 2), xxh3_128(&bytes));
        assert_eq!(
            fields_hash(&row, "2024-05-04"),
            xxh3_64(
                "1\u{1f}保温杯\u{1f}2024-05-04\u{1f}漏水\u{1f}\u{1f}又坏了\u{1f}true".as_bytes()
            ) as i64
        );
        let mut buf = [0u8; 3];
        assert_eq!(decimal(0, &mut buf), "0");
        assert_eq!(decimal(255, &mut buf), "255");
    }
}
