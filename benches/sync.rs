//! Sync on loopback against a throwaway PostgreSQL cluster (as the tests start it; skipped
//! without PostgreSQL): how many operations per second one desk hands in (batches of 500), and
//! the desk-to-desk lag (a change written on desk A until desk B has it) while 8 other desks keep
//! the server busy, 10 desks in all.
//!
//! Run: `cargo bench --bench sync`.

#[path = "../tests/pg/mod.rs"]
mod pg;

use std::time::{Duration, Instant};

use chrono::Utc;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use loket::config::SyncConfig;
use loket::store::Store;
use loket::sync::{self, server};
use uuid::Uuid;

fn cfg(url: &str) -> SyncConfig {
    SyncConfig {
        url: url.into(),
        password_file: None,
        sslmode: None,
        ca_file: None,
    }
}

/// 500 operations of a fresh desk: visitors registered, as a desk's outbox holds them.
fn operaties() -> (Uuid, Vec<server::Operatie>) {
    let desk = Uuid::now_v7();
    let ops = (1..=500)
        .map(|i| {
            let id = Uuid::now_v7();
            server::Operatie {
                op_seq: i,
                op_id: Uuid::now_v7(),
                hlc: format!(
                    "{:013}-00000-{}",
                    Utc::now().timestamp_millis(),
                    desk.simple()
                ),
                tabel: "bezoeker".into(),
                record_id: id,
                verwacht: None,
                besluit: None,
                basis: None,
                payload: serde_json::json!({
                    "id": id.to_string(), "created_at": "2026-11-24T09:00:00.000Z",
                    "updated_at": "2026-11-24T09:00:00.000Z", "desk_id": desk.to_string(),
                    "deleted": 0, "locatie": "Stadskantoor", "dag": "2026-11-24",
                    "naam": format!("Gast {i}"), "voor_wie": "Team ICT", "bedrijf": null,
                    "binnen_op": "2026-11-24T09:00:00.000Z", "buiten_op": null
                }),
            }
        })
        .collect();
    (desk, ops)
}

fn bench(c: &mut Criterion) {
    let Some(pg) = pg::Pg::start() else { return };
    let url = pg.database("loket");
    let rt = tokio::runtime::Runtime::new().unwrap();
    let mut client = rt.block_on(async {
        let (mut c, _) = sync::verbinding::verbind(&cfg(&url)).await.unwrap();
        server::init(&mut c).await.unwrap();
        c
    });

    let mut g = c.benchmark_group("sync");
    g.sample_size(10);
    g.throughput(Throughput::Elements(500));
    g.bench_function("upload_500_operations", |b| {
        b.iter_custom(|iters| {
            let mut totaal = Duration::ZERO;
            for _ in 0..iters {
                let (desk, ops) = operaties();
                let t = Instant::now();
                let a = rt
                    .block_on(server::lever_in(&mut client, desk, &ops))
                    .unwrap();
                totaal += t.elapsed();
                assert_eq!(a.uitkomsten.len(), 500);
            }
            totaal
        })
    });
    g.finish();

    // Desk-to-desk lag with 10 desks: A writes, hands in; B runs rounds until it has the change.
    let map = tempfile::tempdir().unwrap();
    let desk = |naam: &str| {
        let db = map.path().join(format!("{naam}.db"));
        let id = Uuid::now_v7();
        drop(Store::open(&db, id).unwrap());
        (db, id)
    };
    let (a_db, a_id) = desk("a");
    let (b_db, b_id) = desk("b");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut last = Vec::new();
    for i in 0..8 {
        let (db, id) = desk(&format!("last{i}"));
        let (url, stop) = (url.clone(), stop.clone());
        last.push(rt.spawn(async move {
            let (mut c, _) = sync::verbinding::verbind(&cfg(&url)).await.unwrap();
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let db2 = db.clone();
                tokio::task::spawn_blocking(move || {
                    let mut s = Store::open(&db2, id).unwrap();
                    for _ in 0..5 {
                        loket::store::klantgeleiding::bezoeker_binnen(
                            &mut s,
                            "Stadskantoor",
                            "Last",
                            "Team",
                            None,
                            Utc::now(),
                        )
                        .unwrap();
                    }
                })
                .await
                .unwrap();
                sync::ronde(&mut c, &db, id, None).await.unwrap();
            }
        }));
    }
    let (mut ca, mut cb) = rt.block_on(async {
        (
            sync::verbinding::verbind(&cfg(&url)).await.unwrap().0,
            sync::verbinding::verbind(&cfg(&url)).await.unwrap().0,
        )
    });
    let mut g = c.benchmark_group("sync");
    g.sample_size(20);
    g.bench_function("desk_to_desk_lag_10_desks", |b| {
        b.iter_custom(|iters| {
            let mut totaal = Duration::ZERO;
            for _ in 0..iters {
                let naam = format!("Lag {}", Uuid::now_v7());
                let t = Instant::now();
                let mut s = Store::open(&a_db, a_id).unwrap();
                loket::store::klantgeleiding::bezoeker_binnen(
                    &mut s,
                    "Stadskantoor",
                    &naam,
                    "Team",
                    None,
                    Utc::now(),
                )
                .unwrap();
                drop(s);
                rt.block_on(async {
                    sync::ronde(&mut ca, &a_db, a_id, None).await.unwrap();
                    loop {
                        sync::ronde(&mut cb, &b_db, b_id, None).await.unwrap();
                        let n: i64 = rusqlite::Connection::open(&b_db)
                            .unwrap()
                            .query_row(
                                "SELECT count(*) FROM bezoeker WHERE naam = ?1",
                                [&naam],
                                |r| r.get(0),
                            )
                            .unwrap();
                        if n == 1 {
                            break;
                        }
                    }
                });
                totaal += t.elapsed();
            }
            totaal
        })
    });
    g.finish();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for l in last {
        let _ = rt.block_on(l);
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
