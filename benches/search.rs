//! Search-as-you-type over 100,000 klanten: the time of each keystroke's query, and the p99 over
//! many keystrokes, for names, postcodes, phone numbers and zaaknummers.
//!
//! Run: `cargo bench --bench search`. The database is generated once into target/bench-data/.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use loket::demo::{self, DemoOptions};
use loket::domain::zoekvraag::herken;
use loket::store::{Store, lookup};
use uuid::Uuid;

fn db_100k() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("klanten-100k-v1.db");
    if !path.exists() {
        let started = Instant::now();
        demo::generate(
            &path,
            &DemoOptions {
                seed: 2026,
                days: 5,
                today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
                personen: 100_000,
            },
            false,
        )
        .unwrap();
        eprintln!(
            "generated {} in {:.1} s",
            path.display(),
            started.elapsed().as_secs_f64()
        );
    }
    path
}

/// Every prefix of `text`, as typed one key at a time.
fn keystrokes(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    (1..=chars.len())
        .map(|n| chars[..n].iter().collect())
        .collect()
}

fn search(c: &mut Criterion) {
    let store = Store::open(&db_100k(), Uuid::nil()).unwrap();
    let conn = store.conn();
    let (postcode, nr, tel, zaak): (String, i64, String, String) = conn
        .query_row(
            "SELECT p.postcode, p.huisnummer, d.adres, (SELECT identificatie FROM zaak LIMIT 1)
             FROM partij p JOIN digitaal_adres d ON d.partij_id = p.id AND d.soort_digitaal_adres = 'telefoonnummer'
             LIMIT 1 OFFSET 5000",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    let typed: Vec<(&str, String)> = vec![
        ("naam", "van der meer".to_string()),
        ("naam_voornaam", "bakker eva".to_string()),
        ("postcode", format!("{postcode} {nr}")),
        ("telefoon", tel),
        ("zaaknummer", zaak),
    ];

    // p99 per keystroke over all the typing above, 200 rounds.
    let mut samples: Vec<Duration> = Vec::new();
    for _ in 0..200 {
        for (_, text) in &typed {
            for q in keystrokes(text) {
                let t = Instant::now();
                let hits = lookup::zoek(conn, &herken(&q)).unwrap();
                samples.push(t.elapsed());
                std::hint::black_box(hits);
            }
        }
    }
    samples.sort();
    let pct = |p: f64| samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)];
    eprintln!(
        "search-as-you-type over 100k klanten: {} keystrokes, p50 {:?}, p99 {:?}, max {:?}",
        samples.len(),
        pct(0.50),
        pct(0.99),
        samples.last().unwrap()
    );

    let mut g = c.benchmark_group("search_100k_klanten");
    for (name, text) in &typed {
        let strokes = keystrokes(text);
        g.bench_function(format!("typing_{name}"), |b| {
            b.iter(|| {
                for q in &strokes {
                    std::hint::black_box(lookup::zoek(conn, &herken(q)).unwrap());
                }
            })
        });
    }
    g.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
