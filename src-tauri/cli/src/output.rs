//! Printing: JSON for scripts, aligned text for people. Everything printed goes through
//! here, so a reader that stops early (`haoping-cli … --json | head`) ends the program
//! quietly instead of with a panic.

use crate::Ctx;
use chrono::{DateTime, Utc};
use haoping_core::CoreError;
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

/// `println!` on standard output, ending the program quietly when the reader has gone.
macro_rules! say {
    () => {
        $crate::output::write_out(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::output::write_out(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `print!` on standard output, with the same care as `say!`.
macro_rules! say_part {
    ($($arg:tt)*) => {
        $crate::output::write_out(format_args!($($arg)*))
    };
}

pub fn write_out(text: std::fmt::Arguments) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(text) {
        stop_writing(&e);
    }
}

/// Shows at once what was written so far (a draft streamed piece by piece).
pub fn flush() {
    if let Err(e) = std::io::stdout().lock().flush() {
        stop_writing(&e);
    }
}

/// A closed pipe is the reader saying it has seen enough: nothing is wrong, so the program
/// ends at once with success and without a message. Any other failure to write the output
/// is an error the caller reports.
pub fn is_closed_pipe(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::BrokenPipe
}

fn stop_writing(e: &std::io::Error) -> ! {
    if is_closed_pipe(e) {
        std::process::exit(0);
    }
    eprintln!("error [io]: cannot write the output: {e}");
    std::process::exit(2);
}

pub fn json<T: Serialize>(value: &T) -> Result<(), CoreError> {
    say!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

/// The value as JSON for scripts, or one line of text for people.
pub fn done<T: Serialize>(
    ctx: &Ctx,
    value: &T,
    text: impl FnOnce() -> String,
) -> Result<ExitCode, CoreError> {
    if ctx.json {
        json(value)?;
    } else {
        say!("{}", text());
    }
    Ok(ExitCode::SUCCESS)
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

/// A moment as the shop reads it: Beijing time, to the minute.
pub fn beijing_time(t: DateTime<Utc>) -> String {
    t.with_timezone(&crate::args::beijing())
        .format("%Y-%m-%d %H:%M")
        .to_string()
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
