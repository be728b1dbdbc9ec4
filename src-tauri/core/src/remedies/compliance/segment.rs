//! Sentences and clauses of a short text: the frame the incentive structure is read in.
//!
//! Quotes stay whole (a follow-up review to post, "问题已解决，很满意", is one piece of the
//! request, not two clauses), and in Chinese typed without punctuation a space separates
//! clauses ("改完v我 给你整个小惊喜"), while in English it is only a word break.

/// A clause: a stretch between commas, colons, dashes (or, in Chinese, spaces) inside one
/// sentence. Byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Clause {
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
}

/// A sentence, ended by 。！？!?；; a line break, or a full stop followed by a space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sentence {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Default)]
pub(crate) struct Segments {
    pub sentences: Vec<Sentence>,
    pub clauses: Vec<Clause>,
}

fn opens_quote(c: char) -> bool {
    matches!(c, '“' | '「' | '『' | '《')
}

fn closes_quote(c: char) -> bool {
    matches!(c, '”' | '」' | '』' | '》')
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';' | '\n' | '\r')
}

fn breaks_clause(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '、' | '：' | ':' | '～' | '~' | '—' | '–' | '…' | '（' | '）' | '(' | ')'
    )
}

/// Han, kana, full-width forms and emoji: a space next to one of these ends a clause.
fn is_wide(c: char) -> bool {
    !c.is_ascii()
}

/// "Mr. Smith", "approx. 3": a full stop that does not end the sentence.
fn is_abbreviation(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "st"
            | "no"
            | "vs"
            | "etc"
            | "e.g"
            | "i.e"
            | "jr"
            | "sr"
            | "apt"
            | "approx"
            | "ave"
            | "rd"
    )
}

impl Segments {
    pub(crate) fn new(text: &str) -> Segments {
        // Raw boundaries: (end of a piece, whether it also ends the sentence).
        let mut cuts: Vec<(usize, bool)> = Vec::new();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let quoted = quoted_chars(&chars);
        let mut i = 0;
        while i < chars.len() {
            let (at, c) = chars[i];
            if quoted[i] {
                // A quote that ends a sentence ("…pay me." We) ends it here too; one followed
                // by a comma ("…很满意。”，追完…") does not.
                let closing = !quoted.get(i + 1).copied().unwrap_or(false);
                let stop_inside =
                    i > 0 && matches!(chars[i - 1].1, '。' | '！' | '？' | '!' | '?' | '.');
                if closing && stop_inside && (closes_quote(c) || c == '"') {
                    let next = chars[i + 1..].iter().find(|(_, n)| !n.is_whitespace());
                    if next.is_none_or(|(_, n)| !breaks_clause(*n)) {
                        cuts.push((at + c.len_utf8(), true));
                    }
                }
                i += 1;
                continue;
            }
            let sentence_end = ends_sentence(c)
                || (c == '.' && {
                    let next_blank = chars.get(i + 1).is_none_or(|(_, n)| n.is_whitespace());
                    let word: String = text[..at]
                        .chars()
                        .rev()
                        .take_while(|w| w.is_ascii_alphabetic() || *w == '.')
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect();
                    next_blank && !is_abbreviation(&word)
                });
            if sentence_end {
                // Take the closing marks and repeated stops with the sentence: "？！", "。”".
                let mut j = i + 1;
                while let Some(&(_, n)) = chars.get(j) {
                    if ends_sentence(n) || closes_quote(n) || matches!(n, ')' | '）' | '.') {
                        j += 1;
                    } else {
                        break;
                    }
                }
                let end = chars.get(j).map_or(text.len(), |(b, _)| *b);
                cuts.push((end, true));
                i = j;
                continue;
            }
            if breaks_clause(c) || (c == '-' && is_spaced(&chars, i)) {
                cuts.push((at + c.len_utf8(), false));
            } else if c.is_whitespace() {
                let before = chars[..i].iter().rev().find(|(_, p)| !p.is_whitespace());
                let mut j = i;
                while chars.get(j).is_some_and(|(_, n)| n.is_whitespace()) {
                    j += 1;
                }
                let after = chars.get(j);
                let wide = before.is_some_and(|(_, p)| is_wide(*p))
                    || after.is_some_and(|(_, n)| is_wide(*n));
                if wide && before.is_some() && after.is_some() {
                    cuts.push((chars[j - 1].0 + chars[j - 1].1.len_utf8(), false));
                }
                i = j;
                continue;
            }
            i += 1;
        }
        cuts.push((text.len(), true));

        let mut seg = Segments::default();
        let mut start = 0;
        let mut sentence_start: Option<usize> = None;
        for (end, closes) in cuts {
            if end > start && has_content(&text[start..end]) {
                if sentence_start.is_none() {
                    sentence_start = Some(start);
                }
                seg.clauses.push(Clause {
                    start,
                    end,
                    sentence: seg.sentences.len(),
                });
            }
            if closes {
                if let Some(s) = sentence_start.take() {
                    seg.sentences.push(Sentence { start: s, end });
                }
            }
            start = start.max(end);
        }
        seg
    }

    /// The clause a byte offset falls in (the one before it, in the punctuation between).
    pub(crate) fn clause_at(&self, byte: usize) -> usize {
        self.clauses
            .partition_point(|c| c.start <= byte)
            .saturating_sub(1)
    }

    pub(crate) fn sentence_at(&self, byte: usize) -> usize {
        self.clauses
            .get(self.clause_at(byte))
            .map_or(0, |c| c.sentence)
    }
}

fn is_spaced(chars: &[(usize, char)], i: usize) -> bool {
    i > 0 && chars[i - 1].1 == ' ' && chars.get(i + 1).is_some_and(|(_, n)| *n == ' ')
}

/// Which characters sit inside a quote (the marks included). A quote mark with no partner
/// within a short stretch is left alone, so one stray mark cannot swallow the text.
fn quoted_chars(chars: &[(usize, char)]) -> Vec<bool> {
    const MAX_QUOTE: usize = 120;
    let mut out = vec![false; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let close = |n: char| {
            if c == '"' {
                n == '"'
            } else {
                closes_quote(n) && pair_of(c) == n
            }
        };
        if opens_quote(c) || c == '"' {
            let end = (i + 1..chars.len().min(i + MAX_QUOTE))
                .find(|&j| close(chars[j].1) || chars[j].1 == '\n');
            if let Some(j) = end.filter(|&j| chars[j].1 != '\n') {
                out[i..=j].iter_mut().for_each(|q| *q = true);
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

fn pair_of(open: char) -> char {
    match open {
        '“' => '”',
        '「' => '」',
        '『' => '』',
        '《' => '》',
        _ => open,
    }
}

fn has_content(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::Segments;

    fn pieces(text: &str) -> (Vec<&str>, Vec<&str>) {
        let s = Segments::new(text);
        (
            s.sentences
                .iter()
                .map(|x| text[x.start..x.end].trim())
                .collect(),
            s.clauses
                .iter()
                .map(|x| text[x.start..x.end].trim())
                .collect(),
        )
    }

    #[test]
    fn sentences_and_clauses() {
        let (s, c) = pieces("亲，给您退20元。不过您得先把差评删了哈。");
        assert_eq!(s, ["亲，给您退20元。", "不过您得先把差评删了哈。"]);
        assert_eq!(c, ["亲，", "给您退20元。", "不过您得先把差评删了哈。"]);
        let (_, c) = pieces("集美 评价帮忙改改 改完v我 给你整个小惊喜🎁");
        assert_eq!(c, ["集美", "评价帮忙改改", "改完v我", "给你整个小惊喜🎁"]);
        let (s, c) = pieces("We issued $12.50 today. Once the review's updated, we'll send it.");
        assert_eq!(s.len(), 2);
        assert_eq!(c[1], "Once the review's updated,");
        let (s, _) = pieces("Dear Mr. Smith, sorry! Really sorry?! Thanks.");
        assert_eq!(s, ["Dear Mr. Smith, sorry!", "Really sorry?!", "Thanks."]);
    }

    #[test]
    fn quotes_stay_whole() {
        let (s, c) = pieces("麻烦您追加一句“问题已解决，很满意。”，追完我们这边会把补偿发给您。");
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!(c[0], "麻烦您追加一句“问题已解决，很满意。”，");
        let (s, _) = pieces("You said \"remove it, and pay me.\" We can't.");
        assert_eq!(s.len(), 2, "{s:?}");
    }

    #[test]
    fn offsets_map_back() {
        let text = "退款已到账，评价随您。";
        let s = Segments::new(text);
        let at = text.find("评价").unwrap();
        assert_eq!(s.clause_at(at), 1);
        assert_eq!(s.sentence_at(at), 0);
        assert!(Segments::new("").clauses.is_empty());
        assert!(Segments::new("！！").sentences.is_empty());
    }
}
