//! One canonical form for review text before the lexicon looks at it: simplified
//! characters, lower-case ASCII, half-width letters and digits, invisible marks gone, and
//! every clause break turned into `\n` so that clauses can be told apart by position.

use super::trad_simp::{SIMPLIFIED, TRADITIONAL};
use std::sync::OnceLock;

/// The clause separator in normalized text.
pub(super) const BREAK: char = '\n';

/// First and last code point of the characters the table maps.
const HAN_FIRST: u32 = 0x3400;
const HAN_LAST: u32 = 0x9fff;

/// A direct index over the main Han blocks (a lookup per character instead of a search),
/// and the few mapped characters outside them in a sorted list.
struct TradTable {
    direct: Vec<char>,
    rest: Vec<(char, char)>,
}

fn trad_table() -> &'static TradTable {
    static TABLE: OnceLock<TradTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut direct: Vec<char> = (HAN_FIRST..=HAN_LAST)
            .map(|u| char::from_u32(u).unwrap_or(' '))
            .collect();
        let mut rest = Vec::new();
        for (t, s) in TRADITIONAL.chars().zip(SIMPLIFIED.chars()) {
            match (t as u32).checked_sub(HAN_FIRST) {
                Some(i) if t as u32 <= HAN_LAST => direct[i as usize] = s,
                _ => rest.push((t, s)),
            }
        }
        rest.sort_unstable_by_key(|p| p.0);
        TradTable { direct, rest }
    })
}

fn simplify(c: char) -> char {
    let table = trad_table();
    let u = c as u32;
    if (HAN_FIRST..=HAN_LAST).contains(&u) {
        return table.direct[(u - HAN_FIRST) as usize];
    }
    match table.rest.binary_search_by_key(&c, |p| p.0) {
        Ok(i) => table.rest[i].1,
        Err(_) => c,
    }
}

pub(super) fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// Marks that change nothing for a reader but would split a word for the lexicon:
/// byte-order marks, zero-width joiners, variation selectors, combining marks used as
/// decoration (e.g. a vowel sign after every character).
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00ad}'
        | '\u{0300}'..='\u{036f}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0f71}'..='\u{0f87}'
        | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}'
        | '\u{200b}'..='\u{200f}'
        | '\u{2060}'..='\u{2064}'
        | '\u{20d0}'..='\u{20ff}'
        | '\u{fe00}'..='\u{fe0f}'
        | '\u{fe20}'..='\u{fe2f}'
        | '\u{feff}')
}

fn is_break(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '！'
            | '？'
            | '；'
            | '、'
            | '…'
            | '～'
            | '｜'
            | '\n'
            | '\r'
            | ','
            | '.'
            | '!'
            | '?'
            | ';'
            | '~'
            | '|'
            | '\\'
            | '/'
            | '【'
            | '】'
            | '〖'
            | '〗'
            | '#'
            | '①'
            | '②'
            | '③'
            | '④'
            | '⑤'
            | '⑥'
    )
}

/// Maps one character to its canonical form; `None` drops it.
fn canonical(c: char) -> Option<char> {
    // The common cases first: ASCII and Han characters.
    if c.is_ascii() {
        return Some(match c {
            '\t' => ' ',
            '`' => '\'',
            _ => c.to_ascii_lowercase(),
        });
    }
    if ('\u{3400}'..='\u{9fff}').contains(&c) {
        return Some(simplify(c));
    }
    if is_invisible(c) {
        return None;
    }
    let c = match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' | '\u{00a0}' => ' ',
        '‘' | '’' | '′' => '\'',
        '“' | '”' | '「' | '」' | '『' | '』' => '"',
        _ => c,
    };
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    if is_han(c) {
        return Some(simplify(c));
    }
    if c.is_uppercase() {
        return c.to_lowercase().next();
    }
    Some(c)
}

/// HTML entities that review exports leave in the text (`&#34;` for a quote).
fn decode_entities(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = text.to_string();
    for (from, to) in [
        ("&#34;", "\""),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&apos;", "'"),
        ("&ldquo;", "\""),
        ("&rdquo;", "\""),
        ("&lsquo;", "'"),
        ("&rsquo;", "'"),
        ("&amp;", "&"),
        ("&nbsp;", " "),
        ("&lt;", "<"),
        ("&gt;", ">"),
    ] {
        if out.contains(from) {
            out = out.replace(from, to);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Normalizes `text` into `out` (cleared first), reusing its allocation.
pub(super) fn normalize_into(text: &str, out: &mut String) {
    out.clear();
    out.reserve(text.len() + 2);
    let text = decode_entities(text);
    // A run of spaces becomes one space between Latin words, and a clause break between
    // Chinese characters (reviewers often use a space where a comma belongs).
    let mut pending_space = false;
    let mut last: Option<char> = None;
    for raw in text.chars() {
        let Some(c) = canonical(raw) else { continue };
        if c == ' ' {
            pending_space = true;
            continue;
        }
        let c = if is_break(c) { BREAK } else { c };
        if pending_space {
            pending_space = false;
            if let Some(prev) = last {
                if prev != BREAK && c != BREAK {
                    let sep = if is_han(prev) && is_han(c) {
                        BREAK
                    } else {
                        ' '
                    };
                    out.push(sep);
                    last = Some(sep);
                }
            }
        }
        if c == BREAK && last == Some(BREAK) {
            continue;
        }
        out.push(c);
        last = Some(c);
    }
}

pub(super) fn normalize(text: &str) -> String {
    let mut s = String::new();
    normalize_into(text, &mut s);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_becomes_simplified() {
        assert_eq!(normalize("質量很差，物流太慢"), "质量很差\n物流太慢");
        assert_eq!(
            normalize("粉送來的時候已經斷完了"),
            "粉送来的时候已经断完了"
        );
    }

    #[test]
    fn width_case_and_marks() {
        assert_eq!(normalize("ＵＳＢ口 Broken！"), "usb口 broken\n");
        assert_eq!(normalize("\u{feff}餐ོ具ོ脏"), "餐具脏");
        assert_eq!(normalize("&#34;NEVER BUY&#34;"), "\"never buy\"");
    }

    #[test]
    fn spaces_between_chinese_break_clauses() {
        assert_eq!(normalize("色差大 而且薄"), "色差大\n而且薄");
        assert_eq!(normalize("runs   small"), "runs small");
        assert_eq!(normalize("太慢了。。。差评"), "太慢了\n差评");
    }
}
