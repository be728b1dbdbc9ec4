//! The owner's template library: browse (built-ins and the owner's own), edit, add,
//! reset to the shipped text, enable/disable; and the sign-off preferences.

use super::library::{builtin_body, builtin_key, builtin_parsed, parse_builtin_key, VARIANTS};
use super::model::{
    Channel, DraftPrefs, Lang, NewTemplate, TemplateEntry, TemplateFilter, TemplateProblem,
    TemplateSource,
};
use super::template::{parse, to_error, Template};
use crate::cases::Cause;
use crate::error::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use std::borrow::Cow;

/// Longest template body accepted; far above any platform's limit, it only stops a paste
/// accident from filling the database.
const MAX_BODY: usize = 4000;

/// Problems in a template body, for the editor while the owner types (empty = valid).
pub fn validate_template(body: &str) -> Vec<TemplateProblem> {
    match parse(body) {
        Ok(_) => Vec::new(),
        Err(p) => p,
    }
}

fn checked_body(body: &str) -> Result<String> {
    if body.chars().count() > MAX_BODY {
        return Err(CoreError::validation(
            "validation.too_long",
            "body",
            format!("longer than {MAX_BODY} characters"),
        ));
    }
    parse(body).map_err(|p| to_error(&p))?;
    Ok(body.to_string())
}

struct Row {
    id: i64,
    builtin_key: Option<String>,
    cause: Cause,
    channel: Channel,
    lang: Lang,
    body: Option<String>,
    enabled: bool,
}

fn read_row(r: &rusqlite::Row) -> rusqlite::Result<Row> {
    let text = |i: usize| -> rusqlite::Result<String> { r.get(i) };
    let bad = |i: usize, what: &str, v: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("unknown {what} '{v}'").into(),
        )
    };
    let channel_s = text(3)?;
    let lang_s = text(4)?;
    Ok(Row {
        id: r.get(0)?,
        builtin_key: r.get(1)?,
        cause: r.get(2)?,
        channel: Channel::parse(&channel_s).ok_or_else(|| bad(3, "channel", &channel_s))?,
        lang: Lang::parse(&lang_s).ok_or_else(|| bad(4, "lang", &lang_s))?,
        body: r.get(5)?,
        enabled: r.get(6)?,
    })
}

const ROW_COLUMNS: &str = "id, builtin_key, cause, channel, lang, body, enabled";

fn rows_for(conn: &Connection, cause: Cause, channel: Channel, lang: Lang) -> Result<Vec<Row>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ROW_COLUMNS} FROM draft_templates WHERE cause = ?1 AND channel = ?2 AND lang = ?3 ORDER BY id"
    ))?;
    let rows = stmt.query_map(params![cause, channel.as_str(), lang.as_str()], read_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One usable template of a pool, in the order variants are numbered.
pub(crate) struct PoolEntry {
    pub key: String,
    pub template: Cow<'static, Template>,
}

/// The enabled templates for a cause, channel and language: shipped ones (with the
/// owner's edits) first, then the owner's own, oldest first.
pub(crate) fn pool(
    conn: &Connection,
    cause: Cause,
    channel: Channel,
    lang: Lang,
) -> Result<Vec<PoolEntry>> {
    let rows = rows_for(conn, cause, channel, lang)?;
    let mut out = Vec::new();
    for n in 0..VARIANTS {
        let key = builtin_key(cause, channel, lang, n);
        let row = rows.iter().find(|r| r.builtin_key.as_deref() == Some(&key));
        if row.is_some_and(|r| !r.enabled) {
            continue;
        }
        match row.and_then(|r| r.body.as_deref()) {
            Some(body) => {
                // A stored body was validated when saved; one that no longer parses
                // (a variable renamed in a later version) falls back to the shipped text.
                if let Ok(t) = parse(body) {
                    out.push(PoolEntry {
                        key,
                        template: Cow::Owned(t),
                    });
                    continue;
                }
                if let Some((_, t)) = builtin_parsed(cause, channel, lang, n) {
                    out.push(PoolEntry {
                        key,
                        template: Cow::Borrowed(t),
                    });
                }
            }
            None => {
                if let Some((_, t)) = builtin_parsed(cause, channel, lang, n) {
                    out.push(PoolEntry {
                        key,
                        template: Cow::Borrowed(t),
                    });
                }
            }
        }
    }
    for r in rows.iter().filter(|r| r.builtin_key.is_none() && r.enabled) {
        if let Some(Ok(t)) = r.body.as_deref().map(parse) {
            out.push(PoolEntry {
                key: format!("owner.{}", r.id),
                template: Cow::Owned(t),
            });
        }
    }
    // Never leave a combination without a template, whatever was disabled.
    if out.is_empty() {
        if let Some((_, t)) = builtin_parsed(cause, channel, lang, 0) {
            out.push(PoolEntry {
                key: builtin_key(cause, channel, lang, 0),
                template: Cow::Borrowed(t),
            });
        }
    }
    Ok(out)
}

/// The shipped templates alone, for measuring drafts without a database.
pub(crate) fn builtin_pool(cause: Cause, channel: Channel, lang: Lang) -> Vec<PoolEntry> {
    (0..VARIANTS)
        .filter_map(|n| {
            builtin_parsed(cause, channel, lang, n).map(|(_, t)| PoolEntry {
                key: builtin_key(cause, channel, lang, n),
                template: Cow::Borrowed(t),
            })
        })
        .collect()
}

fn entry_for_builtin(
    cause: Cause,
    channel: Channel,
    lang: Lang,
    n: u32,
    row: Option<&Row>,
) -> TemplateEntry {
    let shipped = builtin_body(cause, channel, lang, n).unwrap_or_default();
    let edited = row.and_then(|r| r.body.clone());
    TemplateEntry {
        key: builtin_key(cause, channel, lang, n),
        cause,
        channel,
        lang,
        source: if edited.is_some() {
            TemplateSource::Edited
        } else {
            TemplateSource::Builtin
        },
        enabled: row.is_none_or(|r| r.enabled),
        body: edited.unwrap_or_else(|| shipped.clone()),
        builtin_body: Some(shipped),
    }
}

fn entry_for_owner(r: &Row) -> TemplateEntry {
    TemplateEntry {
        key: format!("owner.{}", r.id),
        cause: r.cause,
        channel: r.channel,
        lang: r.lang,
        source: TemplateSource::Owner,
        enabled: r.enabled,
        body: r.body.clone().unwrap_or_default(),
        builtin_body: None,
    }
}

/// The library as the owner browses it: every built-in (with edits) and the owner's own.
pub fn list_templates(conn: &Connection, filter: &TemplateFilter) -> Result<Vec<TemplateEntry>> {
    let mut out = Vec::new();
    for &cause in Cause::ALL {
        if filter.cause.is_some_and(|c| c != cause) {
            continue;
        }
        for &channel in Channel::ALL {
            if filter.channel.is_some_and(|c| c != channel) {
                continue;
            }
            for &lang in Lang::ALL {
                if filter.lang.is_some_and(|l| l != lang) {
                    continue;
                }
                let rows = rows_for(conn, cause, channel, lang)?;
                for n in 0..VARIANTS {
                    let key = builtin_key(cause, channel, lang, n);
                    let row = rows.iter().find(|r| r.builtin_key.as_deref() == Some(&key));
                    out.push(entry_for_builtin(cause, channel, lang, n, row));
                }
                out.extend(
                    rows.iter()
                        .filter(|r| r.builtin_key.is_none())
                        .map(entry_for_owner),
                );
            }
        }
    }
    Ok(out)
}

enum Key {
    Builtin(Cause, Channel, Lang, u32),
    Owner(i64),
}

fn parse_key(key: &str) -> Result<Key> {
    if let Some(id) = key.strip_prefix("owner.") {
        if let Ok(id) = id.parse::<i64>() {
            return Ok(Key::Owner(id));
        }
    } else if let Some((c, ch, l, n)) = parse_builtin_key(key) {
        return Ok(Key::Builtin(c, ch, l, n));
    }
    Err(CoreError::not_found("template", key))
}

fn owner_row(conn: &Connection, id: i64) -> Result<Row> {
    conn.query_row(
        &format!("SELECT {ROW_COLUMNS} FROM draft_templates WHERE id = ?1 AND builtin_key IS NULL"),
        [id],
        read_row,
    )
    .optional()?
    .ok_or_else(|| CoreError::not_found("template", format!("owner.{id}")))
}

fn builtin_row(conn: &Connection, key: &str) -> Result<Option<Row>> {
    Ok(conn
        .query_row(
            &format!("SELECT {ROW_COLUMNS} FROM draft_templates WHERE builtin_key = ?1"),
            [key],
            read_row,
        )
        .optional()?)
}

pub fn get_template(conn: &Connection, key: &str) -> Result<TemplateEntry> {
    match parse_key(key)? {
        Key::Builtin(c, ch, l, n) => {
            let row = builtin_row(conn, key)?;
            Ok(entry_for_builtin(c, ch, l, n, row.as_ref()))
        }
        Key::Owner(id) => Ok(entry_for_owner(&owner_row(conn, id)?)),
    }
}

/// Changes a template's text. Saving a built-in's shipped text back is the same as a reset.
pub fn save_template(
    conn: &Connection,
    key: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<TemplateEntry> {
    let body = checked_body(body)?;
    match parse_key(key)? {
        Key::Builtin(c, ch, l, n) => {
            let shipped = builtin_body(c, ch, l, n).unwrap_or_default();
            let stored: Option<&str> = (body != shipped).then_some(body.as_str());
            conn.execute(
                "INSERT INTO draft_templates(builtin_key, cause, channel, lang, body, enabled, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?6)
                 ON CONFLICT(builtin_key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                params![key, c, ch.as_str(), l.as_str(), stored, now],
            )?;
        }
        Key::Owner(id) => {
            owner_row(conn, id)?;
            conn.execute(
                "UPDATE draft_templates SET body = ?1, updated_at = ?2 WHERE id = ?3",
                params![body, now, id],
            )?;
        }
    }
    get_template(conn, key)
}

/// Adds one of the owner's own templates.
pub fn add_template(
    conn: &Connection,
    t: &NewTemplate,
    now: DateTime<Utc>,
) -> Result<TemplateEntry> {
    let body = checked_body(&t.body)?;
    conn.execute(
        "INSERT INTO draft_templates(builtin_key, cause, channel, lang, body, enabled, created_at, updated_at)
         VALUES (NULL, ?1, ?2, ?3, ?4, 1, ?5, ?5)",
        params![t.cause, t.channel.as_str(), t.lang.as_str(), body, now],
    )?;
    get_template(conn, &format!("owner.{}", conn.last_insert_rowid()))
}

/// Puts a built-in back as shipped (text and enabled).
pub fn reset_template(conn: &Connection, key: &str) -> Result<TemplateEntry> {
    match parse_key(key)? {
        Key::Builtin(..) => {
            conn.execute("DELETE FROM draft_templates WHERE builtin_key = ?1", [key])?;
            get_template(conn, key)
        }
        Key::Owner(_) => Err(CoreError::validation(
            "validation.template_not_builtin",
            "key",
            "only built-in templates can be reset; delete or edit your own instead",
        )),
    }
}

fn enabled_count(conn: &Connection, cause: Cause, channel: Channel, lang: Lang) -> Result<usize> {
    let rows = rows_for(conn, cause, channel, lang)?;
    let builtins = (0..VARIANTS)
        .filter(|n| {
            let key = builtin_key(cause, channel, lang, *n);
            !rows
                .iter()
                .any(|r| r.builtin_key.as_deref() == Some(&key) && !r.enabled)
        })
        .count();
    let own = rows
        .iter()
        .filter(|r| r.builtin_key.is_none() && r.enabled)
        .count();
    Ok(builtins + own)
}

fn refuse_last(conn: &Connection, e: &TemplateEntry) -> Result<()> {
    if e.enabled && enabled_count(conn, e.cause, e.channel, e.lang)? <= 1 {
        return Err(CoreError::validation(
            "validation.template_last_enabled",
            "key",
            format!(
                "{} is the last enabled template for {} / {} / {}; keep at least one",
                e.key, e.cause, e.channel, e.lang
            ),
        ));
    }
    Ok(())
}

/// Turns a template on or off; the last enabled one of its kind cannot be turned off.
pub fn set_template_enabled(
    conn: &Connection,
    key: &str,
    enabled: bool,
    now: DateTime<Utc>,
) -> Result<TemplateEntry> {
    let current = get_template(conn, key)?;
    if !enabled {
        refuse_last(conn, &current)?;
    }
    match parse_key(key)? {
        Key::Builtin(c, ch, l, _) => {
            conn.execute(
                "INSERT INTO draft_templates(builtin_key, cause, channel, lang, body, enabled, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, NULL, ?5, ?6, ?6)
                 ON CONFLICT(builtin_key) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at",
                params![key, c, ch.as_str(), l.as_str(), enabled, now],
            )?;
        }
        Key::Owner(id) => {
            conn.execute(
                "UPDATE draft_templates SET enabled = ?1, updated_at = ?2 WHERE id = ?3",
                params![enabled, now, id],
            )?;
        }
    }
    get_template(conn, key)
}

/// Deletes one of the owner's own templates (built-ins are disabled, not deleted).
pub fn delete_template(conn: &Connection, key: &str) -> Result<()> {
    match parse_key(key)? {
        Key::Owner(id) => {
            let current = entry_for_owner(&owner_row(conn, id)?);
            refuse_last(conn, &current)?;
            conn.execute("DELETE FROM draft_templates WHERE id = ?1", [id])?;
            Ok(())
        }
        Key::Builtin(..) => Err(CoreError::validation(
            "validation.template_not_owner",
            "key",
            "built-in templates cannot be deleted; disable it instead",
        )),
    }
}

const PREFS_KEY: &str = "signoff";

pub fn get_prefs(conn: &Connection) -> Result<DraftPrefs> {
    let text: Option<String> = conn
        .query_row(
            "SELECT value FROM draft_prefs WHERE key = ?1",
            [PREFS_KEY],
            |r| r.get(0),
        )
        .optional()?;
    // A damaged row must not stop drafting: fall back to the defaults.
    Ok(text
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default())
}

pub fn save_prefs(conn: &Connection, prefs: &DraftPrefs) -> Result<DraftPrefs> {
    let clean = |field: &str, v: &str| -> Result<String> {
        let t: String = v.trim().chars().take(64).collect();
        if t.contains(['{', '}']) {
            return Err(CoreError::validation(
                "validation.signoff_braces",
                field,
                "a sign-off is plain text; braces are not allowed",
            ));
        }
        Ok(t)
    };
    let p = DraftPrefs {
        signoff_zh: clean("signoff_zh", &prefs.signoff_zh)?,
        signoff_en: clean("signoff_en", &prefs.signoff_en)?,
    };
    conn.execute(
        "INSERT INTO draft_prefs(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![PREFS_KEY, serde_json::to_string(&p)?],
    )?;
    Ok(p)
}
