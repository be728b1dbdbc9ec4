//! The built-in template library, composed from parts.
//!
//! Each cause × channel × language has `VARIANTS` built-in templates. A template is a
//! sequence of slots (opening, details, remedy, change, invitation, sign-off; the phone
//! script has its three beats), each slot with three wordings. Variant `v` takes wording
//! `(v + k·⌊v/3⌋) mod 3` in slot `k`, so the first three variants share no sentence and
//! the next three recombine them: every pair of variants differs in several slots.

pub(crate) mod brief;
mod en;
mod zh;

use super::model::{Channel, Lang};
use super::template::{parse, Template};
use crate::cases::Cause;
use std::collections::HashMap;
use std::sync::LazyLock;

pub(crate) type Slots = Vec<[&'static str; 3]>;

/// Built-in variants per cause × channel × language.
pub const VARIANTS: u32 = 6;

fn slot_index(variant: u32, slot: usize) -> usize {
    ((variant as usize) + slot * (variant as usize / 3)) % 3
}

/// Joins parts into one text: parts starting with a line break keep it, others follow
/// the language's sentence spacing.
fn join(parts: impl Iterator<Item = &'static str>, sep: &str) -> String {
    let mut out = String::new();
    for p in parts.filter(|p| !p.is_empty()) {
        if !out.is_empty() && !p.starts_with('\n') && !out.ends_with('\n') {
            out.push_str(sep);
        }
        out.push_str(p);
    }
    out
}

/// The shipped text of built-in variant `n` (0-based), or `None` past the last one.
pub(crate) fn builtin_body(cause: Cause, channel: Channel, lang: Lang, n: u32) -> Option<String> {
    if n >= VARIANTS {
        return None;
    }
    let (slots, sep) = match lang {
        Lang::Zh => (zh::slots(channel, cause), zh::JOIN),
        Lang::En => (en::slots(channel, cause), en::JOIN),
    };
    Some(join(
        slots
            .iter()
            .enumerate()
            .map(|(k, choices)| choices[slot_index(n, k)]),
        sep,
    ))
}

/// `quality.public.zh.1` … (1-based, as people count).
pub(crate) fn builtin_key(cause: Cause, channel: Channel, lang: Lang, n: u32) -> String {
    format!("{cause}.{channel}.{lang}.{}", n + 1)
}

pub(crate) fn parse_builtin_key(key: &str) -> Option<(Cause, Channel, Lang, u32)> {
    let mut it = key.split('.');
    let cause = Cause::parse(it.next()?)?;
    let channel = Channel::parse(it.next()?)?;
    let lang = Lang::parse(it.next()?)?;
    let n: u32 = it.next()?.parse().ok()?;
    if it.next().is_some() || n == 0 || n > VARIANTS {
        return None;
    }
    Some((cause, channel, lang, n - 1))
}

type Key = (Cause, Channel, Lang, u32);

/// Built-ins parsed once. A built-in that fails to parse is a bug caught by the tests;
/// at run time it is left out rather than taking the app down.
static PARSED: LazyLock<HashMap<Key, (String, Template)>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for &cause in Cause::ALL {
        for &channel in Channel::ALL {
            for &lang in Lang::ALL {
                for n in 0..VARIANTS {
                    if let Some(body) = builtin_body(cause, channel, lang, n) {
                        if let Ok(t) = parse(&body) {
                            map.insert((cause, channel, lang, n), (body, t));
                        }
                    }
                }
            }
        }
    }
    map
});

pub(crate) fn builtin_parsed(
    cause: Cause,
    channel: Channel,
    lang: Lang,
    n: u32,
) -> Option<&'static (String, Template)> {
    PARSED.get(&(cause, channel, lang, n))
}

/// A "what will change" sentence for the cause, for owners' templates using `{change}`.
pub(crate) fn change_line(cause: Cause, lang: Lang, variant: u32) -> &'static str {
    let i = (variant % 3) as usize;
    match lang {
        Lang::Zh => zh::change(cause)[i],
        Lang::En => en::change(cause)[i],
    }
}
