//! Consecutive public replies of one shop must never read the same: buyers and platforms
//! spot copy-paste. The last copied reply per shop and channel is remembered, and the
//! next draft starts from the following variant and skips an identical text.

use super::model::Channel;
use crate::error::Result;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

/// FNV-1a over the trimmed text: stable across builds and platforms, unlike std's
/// hasher, so a hash stored today still compares tomorrow.
pub(crate) fn text_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.trim().bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LastUsed {
    pub variant: u32,
    pub hash: String,
}

pub(crate) fn last(conn: &Connection, shop: &str, channel: Channel) -> Result<Option<LastUsed>> {
    Ok(conn
        .prepare_cached(
            "SELECT variant, text_hash FROM draft_rotation WHERE shop = ?1 AND channel = ?2",
        )?
        .query_row(params![shop, channel.as_str()], |r| {
            Ok(LastUsed {
                variant: r.get(0)?,
                hash: r.get(1)?,
            })
        })
        .optional()?)
}

pub(crate) fn remember(
    conn: &Connection,
    shop: &str,
    channel: Channel,
    variant: u32,
    text: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO draft_rotation(shop, channel, variant, text_hash, at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(shop, channel) DO UPDATE SET variant = excluded.variant,
             text_hash = excluded.text_hash, at = excluded.at",
        params![shop, channel.as_str(), variant, text_hash(text), now],
    )?;
    Ok(())
}

/// Where to start looking for the next variant: an explicit seed ("another version"),
/// else the one after the last copied, else a start spread by case so a new shop's
/// first replies differ too.
pub(crate) fn start(seed: Option<u32>, last: Option<&LastUsed>, case_id: i64, n: u32) -> u32 {
    let n = n.max(1);
    match (seed, last) {
        (Some(s), _) => s % n,
        (None, Some(l)) => (l.variant + 1) % n,
        (None, None) => (case_id.unsigned_abs() % u64::from(n)) as u32,
    }
}
