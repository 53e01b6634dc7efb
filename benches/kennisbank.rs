//! Kennisbank search over 10,000 synthetic articles: index build time, and the time of each
//! keystroke's search (p50/p99) while typing the questions of the quality set, for three engines
//! in the same run:
//! - loket's own index (`kennisbank::zoek`: compounds, typos, stems, ranking);
//! - a plain fuzzy-matcher scan over every titel and body;
//! - an SQLite FTS5 table (prefix queries, bm25 with titel and trefwoorden weighted up).
//!
//! Run: `cargo bench --bench kennisbank`.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use loket::kennisbank::{self, Kennisbank};
use rand::prelude::*;
use rand_chacha::ChaCha8Rng;
use rusqlite::Connection;

const N: usize = 10_000;

/// 10,000 article files: the built-in articles' words recombined, plus invented words (so the
/// vocabulary is as large as a real kennisbank's), each a valid file for the real parser.
fn synthetic() -> Vec<(String, String)> {
    let kb = kennisbank::ingebouwd();
    let mut rng = ChaCha8Rng::seed_from_u64(10_000);
    let tekst_woorden: Vec<String> = kb
        .artikelen
        .iter()
        .flat_map(|a| a.antwoord.split_whitespace().map(String::from))
        .collect();
    let lettergrepen = [
        "ver", "ge", "be", "aan", "bouw", "huis", "straat", "stad", "water", "land", "plan",
        "werk", "recht", "kos", "ten", "ing", "heid", "lijk", "schap", "vraag", "meld", "zorg",
        "weg", "tuin", "park", "geld", "brief", "pas", "kaart", "dienst",
    ];
    let verzin = |rng: &mut ChaCha8Rng| -> String {
        (0..rng.random_range(2..=4))
            .map(|_| *lettergrepen.choose(rng).unwrap())
            .collect()
    };
    (0..N)
        .map(|i| {
            let bron = &kb.artikelen[i % kb.artikelen.len()];
            let extra = verzin(&mut rng);
            let titel = format!("{} {extra} {i}", bron.titel.replace('"', ""));
            let trefwoorden: Vec<String> = bron
                .trefwoorden
                .iter()
                .cloned()
                .chain((0..3).map(|_| verzin(&mut rng)))
                .collect();
            let body: Vec<String> = (0..160)
                .map(|_| {
                    if rng.random_bool(0.25) {
                        verzin(&mut rng)
                    } else {
                        tekst_woorden.choose(&mut rng).unwrap().clone()
                    }
                })
                .collect();
            let id = format!("syn-{i:05}");
            let tekst = format!(
                "+++\nid = \"{id}\"\ntitel = \"{titel}\"\nsoort = \"product\"\ntrefwoorden = {:?}\nafdeling = \"{}\"\nknip = \"{}\"\nafhandeling = \"direct beantwoorden\"\n+++\n\n## Antwoord\n{}\n\n## Onderwatertekst\nSynthetisch artikel voor de benchmark.\n",
                trefwoorden,
                bron.afdeling,
                bron.knip,
                body.join(" ")
            );
            (format!("{id}.md"), tekst)
        })
        .collect()
}

fn questions() -> Vec<String> {
    include_str!("../tests/data/kennisbank_kwaliteit.tsv")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t').map(|(q, _)| q.to_string()))
        .collect()
}

fn keystrokes(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    (1..=chars.len())
        .map(|n| chars[..n].iter().collect())
        .collect()
}

fn fuzzy_scan<'a>(
    kb: &'a Kennisbank,
    matcher: &SkimMatcherV2,
    q: &str,
) -> Vec<&'a kennisbank::Artikel> {
    let mut scored: Vec<(i64, &kennisbank::Artikel)> = kb
        .artikelen
        .iter()
        .filter_map(|a| {
            let t = matcher.fuzzy_match(&a.titel, q).map(|s| s * 3);
            let b = matcher.fuzzy_match(&a.antwoord, q);
            t.max(b).map(|s| (s, a))
        })
        .collect();
    scored.sort_by_key(|x| std::cmp::Reverse(x.0));
    scored.truncate(kennisbank::MAX_TREFFERS);
    scored.into_iter().map(|(_, a)| a).collect()
}

fn fts_build(kb: &Kennisbank) -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE VIRTUAL TABLE artikel USING fts5(id UNINDEXED, titel, trefwoorden, antwoord,
             tokenize = 'unicode61 remove_diacritics 2');",
    )
    .unwrap();
    let tx = conn.unchecked_transaction().unwrap();
    {
        let mut ins = tx
            .prepare(
                "INSERT INTO artikel (id, titel, trefwoorden, antwoord) VALUES (?1, ?2, ?3, ?4)",
            )
            .unwrap();
        for a in &kb.artikelen {
            ins.execute((&a.id, &a.titel, a.trefwoorden.join(" "), &a.antwoord))
                .unwrap();
        }
    }
    tx.commit().unwrap();
    conn
}

fn fts_query(conn: &Connection, q: &str) -> Vec<String> {
    let terms: Vec<String> = q
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    if terms.is_empty() {
        return Vec::new();
    }
    let mut st = conn
        .prepare_cached(
            "SELECT id FROM artikel WHERE artikel MATCH ?1 ORDER BY bm25(artikel, 0, 10, 5, 1) LIMIT 30",
        )
        .unwrap();
    st.query_map([terms.join(" ")], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let pct = |p: f64| samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)];
    eprintln!(
        "{name}: {} keystrokes, p50 {:?}, p99 {:?}, max {:?}",
        samples.len(),
        pct(0.50),
        pct(0.99),
        samples.last().unwrap()
    );
}

fn bench(c: &mut Criterion) {
    let files = synthetic();
    let t = Instant::now();
    let kb = kennisbank::laad(&files);
    let laad = t.elapsed();
    assert!(kb.fouten.is_empty(), "{:?}", &kb.fouten[..1]);
    let t = Instant::now();
    let index = kennisbank::search::Index::bouw(&kb.artikelen);
    let bouw = t.elapsed();
    eprintln!(
        "{N} articles: parse + check + index {laad:?}; index alone {bouw:?} ({} distinct words)",
        index.aantal_woorden()
    );
    let t = Instant::now();
    let fts = fts_build(&kb);
    eprintln!("FTS5 index of the same articles: {:?}", t.elapsed());

    let dag = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let typed: Vec<String> = questions().iter().flat_map(|q| keystrokes(q)).collect();
    let matcher = SkimMatcherV2::default();
    let time = |rounds: usize, every: usize, f: &dyn Fn(&str) -> usize| -> Vec<Duration> {
        let mut samples = Vec::new();
        for _ in 0..rounds {
            for q in typed.iter().step_by(every) {
                let t = Instant::now();
                std::hint::black_box(f(q));
                samples.push(t.elapsed());
            }
        }
        samples
    };
    report(
        "loket index (kennisbank::zoek)",
        time(3, 1, &|q| kennisbank::zoek(&kb, q, dag).len()),
    );
    report(
        "SQLite FTS5 prefix query",
        time(3, 1, &|q| fts_query(&fts, q).len()),
    );
    // The plain scan is slow: every 10th keystroke, once.
    report(
        "plain fuzzy-matcher scan (titel + body, every 10th keystroke)",
        time(1, 10, &|q| fuzzy_scan(&kb, &matcher, q).len()),
    );

    let mut g = c.benchmark_group("kennisbank_10k");
    g.sample_size(10);
    g.bench_function("index_build", |b| {
        b.iter(|| kennisbank::search::Index::bouw(&kb.artikelen))
    });
    let strokes = keystrokes("mijn paspoort is verlopen");
    g.bench_function("typing_loket_index", |b| {
        b.iter(|| {
            for q in &strokes {
                std::hint::black_box(kennisbank::zoek(&kb, q, dag));
            }
        })
    });
    g.bench_function("typing_fts5", |b| {
        b.iter(|| {
            for q in &strokes {
                std::hint::black_box(fts_query(&fts, q));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
