//! Small text helpers the rules share: sentences, spans, boundaries.

use crate::drafts::model::Span;

/// Byte ranges of sentences: split after 。！？!?；; and line breaks, and after a
/// full stop that ends an English sentence.
pub(crate) fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let end_here = match c {
            '。' | '！' | '？' | '!' | '?' | '；' | ';' | '\n' => true,
            '.' => iter.peek().is_none_or(|(_, n)| n.is_whitespace()),
            _ => false,
        };
        if end_here {
            let end = i + c.len_utf8();
            if text[start..end].trim().chars().count() > 1 {
                out.push((start, end));
            }
            start = end;
        }
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push((start, text.len()));
    }
    out
}

/// UTF-16 offset of a byte offset (the UI counts in UTF-16 code units).
pub(crate) fn utf16_at(text: &str, byte: usize) -> u32 {
    let b = byte.min(text.len());
    // Snap back to a char boundary; spans always come from regex matches, so this only
    // guards against a caller's arithmetic.
    let mut b = b;
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    text[..b].encode_utf16().count() as u32
}

pub(crate) fn span(text: &str, start: usize, end: usize) -> Span {
    Span {
        start: utf16_at(text, start),
        end: utf16_at(text, end),
    }
}

/// The trimmed part of a sentence range.
pub(crate) fn trim_range(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    (start + lead, end - trail)
}

/// True when the bytes just before `start` and just after `end` are not ASCII digits,
/// so "13812345678" inside a 19-digit order number is not read as a phone number.
pub(crate) fn digit_bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(|c| c.is_ascii_digit()) && !after.is_some_and(|c| c.is_ascii_digit())
}
