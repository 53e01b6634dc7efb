//! The demo databases the benchmarks share, generated once into target/bench-data/.

#![allow(dead_code)]

use std::path::PathBuf;

use chrono::NaiveDate;
use loket::demo::{self, DemoOptions};

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

pub fn bench_db(name: &str, days: u32) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    // v3: the demo also writes the telephone's calls, the counter's tickets and written channels' arrival.
    let path = dir.join(format!("{name}-v3.db"));
    if !path.exists() {
        let started = std::time::Instant::now();
        let s = demo::generate(
            &path,
            &DemoOptions {
                seed: 2026,
                days,
                today: today(),
                personen: 2000,
            },
            false,
        )
        .unwrap();
        eprintln!(
            "generated {} with {} contactmomenten in {:.1} s",
            path.display(),
            s.contactmomenten,
            started.elapsed().as_secs_f64()
        );
    }
    path
}
