//! How long loading the demo shop takes: into a fresh in-memory database, and into a
//! fresh database file (WAL, synchronous=NORMAL), as the app and the CLI do on first start.

use chrono::Utc;
use haoping_core::{db, demo, storage};
use std::time::{Duration, Instant};

const ROUNDS: usize = 20;

fn report(label: &str, mut times: Vec<Duration>, cases: usize) {
    times.sort();
    let median = times[times.len() / 2];
    let worst = times[times.len() - 1];
    println!(
        "demo::load {label:<10} {cases} cases  median {:>7.2} ms  worst {:>7.2} ms  ({ROUNDS} rounds)",
        median.as_secs_f64() * 1e3,
        worst.as_secs_f64() * 1e3,
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut memory = Vec::with_capacity(ROUNDS);
    let mut n = 0;
    for _ in 0..ROUNDS {
        let mut conn = db::open_in_memory()?;
        let start = Instant::now();
        n = demo::load(&mut conn, Utc::now())?;
        memory.push(start.elapsed());
    }
    report("in-memory", memory, n);

    let dir = tempfile::tempdir()?;
    let mut file = Vec::with_capacity(ROUNDS);
    for round in 0..ROUNDS {
        let mut conn = storage::open(&dir.path().join(format!("bench-{round}.db")))?;
        let start = Instant::now();
        n = demo::load(&mut conn, Utc::now())?;
        file.push(start.elapsed());
    }
    report("file", file, n);

    let mut conn = storage::open(&dir.path().join("again.db"))?;
    demo::load(&mut conn, Utc::now())?;
    let start = Instant::now();
    let again = demo::load(&mut conn, Utc::now())?;
    println!(
        "demo::load second load on a loaded file: {again} cases in {:.2} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    Ok(())
}
