//! Reading what the server sends: server-sent events line by line, and the model's text
//! made ready to send (reasoning hidden, wrapping fences and quotes removed).

/// Collects `data:` lines into events (a blank line ends one), per the SSE format that
/// chat-completions streaming uses. Comments (`:`), `event:`, `id:` and `retry:` are ignored.
#[derive(Debug, Default)]
pub(crate) struct SseParser {
    data: Vec<String>,
}

impl SseParser {
    /// Feeds one line (without its line ending); returns a finished event's data, if any.
    pub fn line(&mut self, line: &str) -> Option<String> {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            return self.flush();
        }
        if let Some(rest) = line.strip_prefix("data:") {
            self.data
                .push(rest.strip_prefix(' ').unwrap_or(rest).to_string());
        }
        None
    }

    /// The event still pending at the end of the stream.
    pub fn flush(&mut self) -> Option<String> {
        if self.data.is_empty() {
            return None;
        }
        let joined = self.data.join("\n");
        self.data.clear();
        Some(joined)
    }
}

const OPEN: &str = "<think>";
const CLOSE: &str = "</think>";

/// Reasoning models served locally (Qwen3, DeepSeek-R1…) write their thinking inside
/// `<think>…</think>` in the answer itself. The owner sees only the reply, also while it
/// streams: a tag cut across two pieces is held back until it is complete.
#[derive(Debug, Default)]
pub(crate) struct ThinkFilter {
    in_think: bool,
    pending: String,
}

/// The longest suffix of `s` that is a proper prefix of `tag` (a tag that may still be
/// arriving).
fn partial_tag_len(s: &str, tag: &str) -> usize {
    (1..tag.len())
        .rev()
        .find(|&n| {
            s.len() >= n && s.is_char_boundary(s.len() - n) && tag.starts_with(&s[s.len() - n..])
        })
        .unwrap_or(0)
}

impl ThinkFilter {
    /// Feeds a piece of the answer; returns the part that is safe to show now.
    pub fn push(&mut self, piece: &str) -> String {
        self.pending.push_str(piece);
        let mut out = String::new();
        loop {
            let tag = if self.in_think { CLOSE } else { OPEN };
            if let Some(i) = self.pending.find(tag) {
                if !self.in_think {
                    out.push_str(&self.pending[..i]);
                }
                self.pending.drain(..i + tag.len());
                self.in_think = !self.in_think;
                continue;
            }
            let keep = partial_tag_len(&self.pending, tag);
            let cut = self.pending.len() - keep;
            if !self.in_think {
                out.push_str(&self.pending[..cut]);
            }
            self.pending.drain(..cut);
            return out;
        }
    }

    /// What is left at the end: a held-back fragment that never became a tag. An unclosed
    /// `<think>` hides the rest, as it is not part of the reply.
    pub fn finish(&mut self) -> String {
        let rest = std::mem::take(&mut self.pending);
        if self.in_think {
            String::new()
        } else {
            rest
        }
    }
}

/// The reply as the owner would paste it: no reasoning, no Markdown fence or bold, no
/// quotes around the whole text, no blank lines piling up.
pub(crate) fn clean_reply(raw: &str) -> String {
    let mut f = ThinkFilter::default();
    let mut text = f.push(raw);
    text.push_str(&f.finish());
    let mut t = text.trim();
    if t.starts_with("```") && t.ends_with("```") && t.len() >= 6 {
        let inner = &t[3..t.len() - 3];
        // Drop a language tag on the opening fence line (```text).
        t = match inner.find('\n') {
            Some(nl) if !inner[..nl].contains(' ') => &inner[nl + 1..],
            _ => inner,
        };
        t = t.trim();
    }
    for (open, close) in [("\"", "\""), ("“", "”"), ("「", "」"), ("『", "』")] {
        if t.len() > open.len() + close.len()
            && t.starts_with(open)
            && t.ends_with(close)
            && !t[open.len()..t.len() - close.len()].contains(open)
        {
            t = t[open.len()..t.len() - close.len()].trim();
        }
    }
    let unbold = t.replace("**", "");
    let mut out = String::with_capacity(unbold.len());
    let mut blank = 0;
    for line in unbold.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

/// At most `max` characters of a server's message, for an error shown to the owner.
pub(crate) fn excerpt(s: &str, max: usize) -> String {
    let flat: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let flat = flat.trim();
    if flat.chars().count() <= max {
        flat.to_string()
    } else {
        let mut e: String = flat.chars().take(max).collect();
        e.push('…');
        e
    }
}
