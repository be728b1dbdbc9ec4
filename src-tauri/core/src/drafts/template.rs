//! The template language: text with named variables, `{buyer}`, and fallbacks for when a
//! value is missing, `{buyer|亲}`. `{{` and `}}` stand for literal braces.
//!
//! Parsing keeps going after an unknown variable so the editor can show every mistake at
//! once; an unclosed brace ends it, because nothing after it can be read reliably.

use super::model::{Span, TemplateProblem};
use super::vars::is_known;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Segment {
    Text(String),
    Var {
        name: String,
        fallback: Option<String>,
    },
}

/// A template that parsed cleanly and names only known variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Template {
    pub segments: Vec<Segment>,
}

/// Where a character sits, in the units the UI and people need.
#[derive(Debug, Clone, Copy)]
struct Pos {
    utf16: u32,
    line: u32,
    column: u32,
}

struct Cursor<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    pos: Pos,
}

impl Cursor<'_> {
    fn next(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        self.pos.utf16 += c.len_utf16() as u32;
        if c == '\n' {
            self.pos.line += 1;
            self.pos.column = 1;
        } else {
            self.pos.column += 1;
        }
        Some(c)
    }

    fn peek(&mut self) -> Option<char> {
        self.chars.peek().copied()
    }
}

fn problem(
    code: &str,
    variable: Option<&str>,
    from: Pos,
    to: Pos,
    zh: String,
    en: String,
) -> TemplateProblem {
    TemplateProblem {
        code: code.to_string(),
        variable: variable.map(str::to_string),
        span: Span {
            start: from.utf16,
            end: to.utf16,
        },
        line: from.line,
        column: from.column,
        message_zh: zh,
        message_en: en,
    }
}

/// Parses and validates a template body. Every problem found is returned, in order.
pub(crate) fn parse(body: &str) -> Result<Template, Vec<TemplateProblem>> {
    let mut cur = Cursor {
        chars: body.chars().peekable(),
        pos: Pos {
            utf16: 0,
            line: 1,
            column: 1,
        },
    };
    let mut segments = Vec::new();
    let mut problems = Vec::new();
    let mut text = String::new();
    if body.trim().is_empty() {
        let p = cur.pos;
        problems.push(problem(
            "template.empty",
            None,
            p,
            p,
            "模板是空的。".into(),
            "The template is empty.".into(),
        ));
        return Err(problems);
    }
    loop {
        let start = cur.pos;
        let Some(c) = cur.next() else { break };
        match c {
            '{' if cur.peek() == Some('{') => {
                cur.next();
                text.push('{');
            }
            '}' if cur.peek() == Some('}') => {
                cur.next();
                text.push('}');
            }
            '}' => problems.push(problem(
                "template.stray_brace",
                None,
                start,
                cur.pos,
                format!(
                    "第{}行第{}列有一个多余的 }}（要写大括号本身请用 }}}}）。",
                    start.line, start.column
                ),
                format!(
                    "Stray '}}' at line {}, column {} (write '}}}}' for a literal brace).",
                    start.line, start.column
                ),
            )),
            '{' => {
                if !text.is_empty() {
                    segments.push(Segment::Text(std::mem::take(&mut text)));
                }
                match read_variable(&mut cur, start) {
                    Ok((name, fallback, end)) => {
                        if name.is_empty() {
                            problems.push(problem(
                                "template.empty_variable",
                                None,
                                start,
                                end,
                                format!(
                                    "第{}行第{}列的大括号里没有变量名。",
                                    start.line, start.column
                                ),
                                format!(
                                    "Empty variable name at line {}, column {}.",
                                    start.line, start.column
                                ),
                            ));
                        } else if !is_known(&name) {
                            problems.push(problem(
                                "template.unknown_variable",
                                Some(&name),
                                start,
                                end,
                                format!(
                                    "不认识的变量 {{{name}}}（第{}行第{}列）。",
                                    start.line, start.column
                                ),
                                format!(
                                    "Unknown variable {{{name}}} at line {}, column {}.",
                                    start.line, start.column
                                ),
                            ));
                        } else {
                            segments.push(Segment::Var { name, fallback });
                        }
                    }
                    Err(p) => {
                        problems.push(p);
                        if problems
                            .last()
                            .is_some_and(|p| p.code == "template.unclosed_brace")
                        {
                            return Err(problems);
                        }
                    }
                }
            }
            other => text.push(other),
        }
    }
    if !text.is_empty() {
        segments.push(Segment::Text(text));
    }
    if problems.is_empty() {
        Ok(Template { segments })
    } else {
        Err(problems)
    }
}

/// Reads `name` or `name|fallback` up to the closing brace (the opening one is consumed).
fn read_variable(
    cur: &mut Cursor,
    start: Pos,
) -> Result<(String, Option<String>, Pos), TemplateProblem> {
    let mut name = String::new();
    let mut fallback: Option<String> = None;
    loop {
        let here = cur.pos;
        let Some(c) = cur.next() else {
            let shown = if name.is_empty() {
                "{".to_string()
            } else {
                format!("{{{name}")
            };
            return Err(problem(
                "template.unclosed_brace",
                (!name.is_empty()).then_some(name.as_str()),
                start,
                cur.pos,
                format!(
                    "第{}行第{}列的“{shown}”没有闭合的 }}。",
                    start.line, start.column
                ),
                format!(
                    "'{shown}' at line {}, column {} is never closed with '}}'.",
                    start.line, start.column
                ),
            ));
        };
        match (c, &mut fallback) {
            ('}', _) => return Ok((name.trim().to_string(), fallback, cur.pos)),
            ('{', _) => {
                let shown = name.trim().to_string();
                // Skip to the closing brace so one mistake is reported once.
                while let Some(c) = cur.next() {
                    if c == '}' {
                        break;
                    }
                }
                return Err(problem(
                    "template.nested_brace",
                    (!shown.is_empty()).then_some(shown.as_str()),
                    here,
                    cur.pos,
                    format!(
                        "第{}行第{}列：变量 {{{shown}}} 里不能再套大括号。",
                        here.line, here.column
                    ),
                    format!(
                        "Line {}, column {}: a variable ({{{shown}}}) cannot contain another brace.",
                        here.line, here.column
                    ),
                ));
            }
            ('|', None) => fallback = Some(String::new()),
            (c, Some(fb)) => fb.push(c),
            (c, None) => {
                if c == '\n' {
                    return Err(problem(
                        "template.unclosed_brace",
                        (!name.is_empty()).then_some(name.trim()),
                        start,
                        here,
                        format!(
                            "第{}行第{}列的“{{{}”在行尾前没有闭合。",
                            start.line,
                            start.column,
                            name.trim()
                        ),
                        format!(
                            "'{{{}' at line {}, column {} is not closed before the end of the line.",
                            name.trim(),
                            start.line,
                            start.column
                        ),
                    ));
                }
                // Anything else is kept so the whole token is named in the error.
                name.push(c);
            }
        }
    }
}

impl Template {
    /// Fills the variables: the value when there is one, else the template's own
    /// fallback, else the variable's default.
    pub(crate) fn render(
        &self,
        lookup: &dyn Fn(&str) -> Option<String>,
        default: &dyn Fn(&str) -> String,
    ) -> String {
        let mut out = String::with_capacity(256);
        for seg in &self.segments {
            match seg {
                Segment::Text(t) => out.push_str(t),
                Segment::Var { name, fallback } => match lookup(name) {
                    Some(v) if !v.is_empty() => out.push_str(&v),
                    _ => match fallback {
                        Some(fb) => out.push_str(fb),
                        None => out.push_str(&default(name)),
                    },
                },
            }
        }
        out
    }

    /// Variable names used, in order of first use.
    #[cfg(test)]
    pub(crate) fn variables(&self) -> Vec<&str> {
        let mut seen: Vec<&str> = Vec::new();
        for seg in &self.segments {
            if let Segment::Var { name, .. } = seg {
                if !seen.contains(&name.as_str()) {
                    seen.push(name);
                }
            }
        }
        seen
    }
}

/// The first problem as a `CoreError` for save operations, naming the variable and where.
pub(crate) fn to_error(problems: &[TemplateProblem]) -> crate::CoreError {
    let first = problems.first();
    let code: &'static str = match first.map(|p| p.code.as_str()) {
        Some("template.unknown_variable") => "validation.template_unknown_variable",
        Some("template.unclosed_brace") => "validation.template_unclosed_brace",
        Some("template.stray_brace") => "validation.template_stray_brace",
        Some("template.empty_variable") => "validation.template_empty_variable",
        Some("template.nested_brace") => "validation.template_nested_brace",
        Some("template.empty") => "validation.required",
        _ => "validation.template",
    };
    let message = problems
        .iter()
        .map(|p| p.message_en.clone())
        .collect::<Vec<_>>()
        .join(" ");
    crate::CoreError::validation(code, "body", message)
}
