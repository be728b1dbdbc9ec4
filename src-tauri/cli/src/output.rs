//! Printing: JSON for scripts, aligned text for people.

use crate::Ctx;
use haoping_core::CoreError;
use serde::Serialize;

pub fn json<T: Serialize>(value: &T) -> Result<(), CoreError> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

pub fn error(ctx: &Ctx, e: &CoreError) {
    if ctx.json {
        match serde_json::to_string(e) {
            Ok(text) => eprintln!("{text}"),
            Err(_) => eprintln!("{e}"),
        }
    } else {
        eprintln!("error [{}]: {e}", e.code());
    }
}

/// Cuts a text to `max` characters for one-line listings.
pub fn excerpt(text: &str, max: usize) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if flat.chars().count() <= max {
        flat
    } else {
        let mut s: String = flat.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}
