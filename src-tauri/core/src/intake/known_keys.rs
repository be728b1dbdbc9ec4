//! Which review keys the import might have seen before: a Bloom filter over every key in
//! `intake_reviews` and every key this import adds. A key it has never been given is
//! certainly new, so the row skips its look-up in the table; a "maybe" is looked up as
//! before. On a shop's first large import almost every row is new, and the look-ups
//! were a fifth of the import's time.
//!
//! Hand-written rather than taken from a crate: the keys are already uniform 128-bit
//! hashes (xxh3), so the filter's bit positions come straight from their two halves
//! (Kirsch–Mitzenmacher double hashing) without hashing them again.

use crate::error::Result;
use rusqlite::Connection;

/// Bits per expected key: with 7 probes about 1 % false "maybe"s.
const BITS_PER_KEY: u64 = 10;
const PROBES: usize = 7;
/// Fewest bytes per data row in a real export (a short review and its ids), to size the
/// filter from the file's size before its rows are counted.
const MIN_ROW_BYTES: u64 = 80;
/// Reading every known key costs about as much as looking up a quarter as many: a file
/// expected to hold fewer rows than that looks its rows up directly.
const PRELOAD_RATIO: u64 = 4;

#[derive(Debug)]
pub(super) struct KnownKeys {
    bits: Vec<u64>,
    /// Number of bits, a power of two.
    mask: u64,
}

impl KnownKeys {
    /// A filter over the table's keys, sized for them and `file_bytes` of new rows;
    /// `None` when the file is too small for the table's keys to be worth reading.
    pub fn load(conn: &Connection, file_bytes: u64) -> Result<Option<KnownKeys>> {
        let known: i64 = conn.query_row("SELECT count(*) FROM intake_reviews", [], |r| r.get(0))?;
        let known = known.max(0) as u64;
        let expected_rows = file_bytes / MIN_ROW_BYTES + 1;
        if known > expected_rows.saturating_mul(PRELOAD_RATIO) {
            return Ok(None);
        }
        let bits = ((known + expected_rows) * BITS_PER_KEY)
            .next_power_of_two()
            .max(1 << 12);
        let mut filter = KnownKeys {
            bits: vec![0; (bits / 64) as usize],
            mask: bits - 1,
        };
        if known > 0 {
            let mut stmt = conn.prepare("SELECT key FROM intake_reviews")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let key: Vec<u8> = r.get(0)?;
                match <[u8; 16]>::try_from(key.as_slice()) {
                    Ok(b) => filter.insert(u128::from_be_bytes(b)),
                    // Not a key this version writes: the filter cannot vouch for the
                    // table, so every row is looked up.
                    Err(_) => return Ok(None),
                }
            }
        }
        Ok(Some(filter))
    }

    fn positions(&self, key: u128) -> [u64; PROBES] {
        let h1 = key as u64;
        let h2 = ((key >> 64) as u64) | 1;
        std::array::from_fn(|i| h1.wrapping_add((i as u64).wrapping_mul(h2)) & self.mask)
    }

    pub fn insert(&mut self, key: u128) {
        for p in self.positions(key) {
            self.bits[(p / 64) as usize] |= 1 << (p % 64);
        }
    }

    /// False only for a key never inserted.
    pub fn may_contain(&self, key: u128) -> bool {
        self.positions(key)
            .iter()
            .all(|p| self.bits[(p / 64) as usize] & (1 << (p % 64)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxhash_rust::xxh3::xxh3_128;

    fn key(i: u32) -> u128 {
        xxh3_128(&i.to_le_bytes())
    }

    #[test]
    fn never_forgets_a_key_and_rarely_claims_one() {
        let conn = crate::db::open_in_memory().unwrap();
        let mut f = KnownKeys::load(&conn, 10_000 * MIN_ROW_BYTES)
            .unwrap()
            .unwrap();
        for i in 0..10_000 {
            f.insert(key(i));
        }
        assert!((0..10_000).all(|i| f.may_contain(key(i))));
        let false_maybes = (10_000..110_000).filter(|i| f.may_contain(key(*i))).count();
        assert!(false_maybes < 2_000, "{false_maybes} of 100,000");
    }

    #[test]
    fn holds_the_keys_already_stored_and_skips_a_small_file() {
        let conn = crate::db::open_in_memory().unwrap();
        for i in 0..100u32 {
            conn.execute(
                "INSERT INTO intake_reviews(key, platform, shop, product, day, stars, fields_hash,
                    had_case, seen_in) VALUES (?1, 'taobao', '', 'p', '2024-01-01', 5, 0, 0, 0)",
                [&key(i).to_be_bytes()[..]],
            )
            .unwrap();
        }
        let f = KnownKeys::load(&conn, 100 * MIN_ROW_BYTES)
            .unwrap()
            .unwrap();
        assert!((0..100).all(|i| f.may_contain(key(i))));
        // Two rows' worth of file against a hundred stored keys: looked up directly.
        assert!(KnownKeys::load(&conn, 2 * MIN_ROW_BYTES).unwrap().is_none());
    }
}
