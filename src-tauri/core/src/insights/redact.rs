//! Personal data out of exported free text (PIPL; PLAYBOOK §7): phone numbers, ID
//! numbers, e-mail and street addresses and names that buyers or the owner typed into a
//! review, a follow-up or a promise. Found by the drafts checker's personal-data rules,
//! so an export hides exactly what a public reply may not show.

use crate::cases::Platform;
use crate::common::Lang;
use crate::drafts::{self, Channel};

const MASK: &str = "***";

/// The text with every personal-data finding replaced by `***`.
pub(crate) fn redact(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    let findings = drafts::check(text, Platform::Other, Channel::Public, Lang::Zh);
    let mut spans: Vec<(usize, usize)> = findings
        .iter()
        .filter(|f| f.code.starts_with("pii."))
        .filter_map(|f| f.span)
        .filter_map(|s| {
            Some((
                utf16_to_byte(text, s.start as usize)?,
                utf16_to_byte(text, s.end as usize)?,
            ))
        })
        .filter(|(s, e)| s < e)
        .collect();
    if spans.is_empty() {
        return text.to_string();
    }
    spans.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (s, e) in spans {
        if e <= at {
            continue;
        }
        let s = s.max(at);
        out.push_str(&text[at..s]);
        out.push_str(MASK);
        at = e;
    }
    out.push_str(&text[at..]);
    out
}

/// The byte offset of a UTF-16 offset (the checker's spans count UTF-16 units).
fn utf16_to_byte(text: &str, units: usize) -> Option<usize> {
    let mut seen = 0usize;
    for (i, c) in text.char_indices() {
        if seen >= units {
            return (seen == units).then_some(i);
        }
        seen += c.len_utf16();
    }
    (seen == units).then_some(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hides_phones_and_addresses() {
        let out = redact("质量不错。杭州市西湖区文三路100号，电话13812345678，谢谢");
        assert!(!out.contains("13812345678"), "{out}");
        assert!(!out.contains("文三路100号"), "{out}");
        assert!(out.starts_with("质量不错。"), "{out}");
        assert!(out.ends_with("谢谢"), "{out}");
        assert_eq!(redact("质量很差"), "质量很差");
        assert_eq!(redact(""), "");
    }

    #[test]
    fn utf16_offsets_map_to_bytes() {
        let t = "a😀好b";
        assert_eq!(utf16_to_byte(t, 0), Some(0));
        assert_eq!(utf16_to_byte(t, 1), Some(1));
        assert_eq!(utf16_to_byte(t, 3), Some(5));
        assert_eq!(utf16_to_byte(t, 4), Some(8));
        assert_eq!(utf16_to_byte(t, 5), Some(9));
        assert_eq!(utf16_to_byte(t, 2), None);
    }
}
