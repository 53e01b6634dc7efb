//! The floor view's refresh (all its queries) and the management report over a quarter, on the
//! demo database with about a million contactmomenten; the targets are under 50 ms per refresh
//! and under 2 s per report.
//!
//! Run: `cargo bench --bench vloer` (the large database is generated once into
//! target/bench-data/, shared with the start-up benchmark).

use chrono::{Local, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use loket::store::Store;
use uuid::Uuid;

#[path = "bench_data.rs"]
mod bench_data;

fn bench(c: &mut Criterion) {
    let pad = bench_data::bench_db("demo-1m", 4810);
    let store = Store::open(&pad, Uuid::nil()).unwrap();
    let nu = Local
        .with_ymd_and_hms(2026, 11, 23, 10, 30, 0)
        .unwrap()
        .with_timezone(&Utc);
    let dag = bench_data::today();
    let n: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM contactmoment", [], |r| r.get(0))
        .unwrap();
    eprintln!("{n} contactmomenten");
    let mut g = c.benchmark_group("vloer");
    g.sample_size(30);
    g.bench_function("refresh_1m_contactmomenten", |b| {
        b.iter(|| {
            loket::store::vloer::laad(
                store.conn(),
                dag,
                nu,
                &loket::domain::kpi::Normen::default(),
            )
            .unwrap()
        })
    });
    g.sample_size(10);
    let kwartaal = dag - chrono::Duration::days(91);
    for per in [
        loket::store::rapport::Per::Kanaal,
        loket::store::rapport::Per::Dag,
    ] {
        g.bench_function(format!("rapport_kwartaal_per_{}", per.naam()), |b| {
            b.iter(|| {
                let r = loket::store::rapport::maak(
                    store.conn(),
                    kwartaal,
                    dag,
                    per,
                    &Default::default(),
                    nu,
                )
                .unwrap();
                loket::store::rapport::csv(&r)
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
