//! Sync on loopback against a throwaway PostgreSQL cluster (as the tests start it; skipped
//! without PostgreSQL): how many operations per second one desk hands in (batches of 500), and
//! the desk-to-desk lag (a change written on desk A until desk B has it) while the other desks
//! keep the server busy, with 10 and with 200 desks (each hall on a database of its own).
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

/// 500 operations of a fresh desk: visitors registered by the medewerker signed in there
/// (`medewerker`), as a desk's outbox holds them.
fn operaties(medewerker: Uuid) -> (Uuid, Vec<server::Operatie>) {
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
                medewerker: Some(medewerker),
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
    let mut batches: Vec<Duration> = Vec::new();
    g.bench_function("upload_500_operations", |b| {
        b.iter_custom(|iters| {
            let mut totaal = Duration::ZERO;
            for _ in 0..iters {
                // Every operation is checked against a sign-in of its medewerker on that desk
                // (issue 19): the medewerker signed in there first (not timed).
                let medewerker = Uuid::now_v7();
                let (desk, ops) = operaties(medewerker);
                rt.block_on(client.execute(
                    "INSERT INTO loket_aanmelding (login, medewerker_id, desk_id) VALUES ('bench', $1, $2)",
                    &[&medewerker, &desk],
                ))
                .unwrap();
                let t = Instant::now();
                let a = rt
                    .block_on(server::lever_in(&mut client, desk, &ops))
                    .unwrap();
                let d = t.elapsed();
                batches.push(d);
                totaal += d;
                assert_eq!(a.uitkomsten.len(), 500);
                assert!(
                    a.uitkomsten
                        .iter()
                        .all(|(_, u)| *u == server::Uitkomst::Toegepast),
                    "refused: the sign-in did not cover the work"
                );
            }
            totaal
        })
    });
    g.finish();
    if !batches.is_empty() {
        batches.sort();
        let p = |q: f64| batches[((batches.len() as f64 * q) as usize).min(batches.len() - 1)];
        let per_s = |d: Duration| 500.0 / d.as_secs_f64();
        println!(
            "sync/upload_500_operations: n={} p50={:?} ({:.0} operaties/s) p99={:?} ({:.0} operaties/s)",
            batches.len(),
            p(0.50),
            per_s(p(0.50)),
            p(0.99),
            per_s(p(0.99))
        );
    }

    // Desk-to-desk lag through the real sync tasks (each desk its own connection, woken by its
    // store's commit and by the server's NOTIFY, no polling): A writes, B has it. The other
    // desks write now and then, as desks in a hall do. p50/p99 are printed beside criterion's
    // figures.
    for (desks, iteraties, tussen) in [
        (10, 100, Duration::from_millis(500)),
        (200, 40, Duration::from_secs(60)),
    ] {
        let metingen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        // Started on first use, so a filtered run (`cargo bench --bench sync -- upload`) does
        // not start 200 desks for nothing.
        let hal: std::cell::OnceCell<Hal> = std::cell::OnceCell::new();
        let mut g = c.benchmark_group("sync");
        g.sample_size(10);
        let m = metingen.clone();
        // Each hall on a database of its own: the desks start caught up, instead of reading the
        // hundreds of thousands of records the upload measurement left (a one-time catch-up,
        // not the lag between desks in a running hall).
        let hal_url = std::cell::OnceCell::new();
        g.bench_function(format!("desk_to_desk_lag_{desks}_desks"), |b| {
            let hal = hal.get_or_init(|| {
                let url = hal_url.get_or_init(|| {
                    let url = pg.database(&format!("hal{desks}"));
                    rt.block_on(async {
                        let (mut c, _) = sync::verbinding::verbind(&cfg(&url)).await.unwrap();
                        server::init(&mut c).await.unwrap();
                    });
                    url
                });
                Hal::start(&rt, url, desks, tussen)
            });
            b.iter_custom(|iters| {
                let mut totaal = Duration::ZERO;
                for _ in 0..iters {
                    let d = hal.een_wijziging(&rt);
                    m.lock().unwrap().push(d);
                    totaal += d;
                }
                totaal
            })
        });
        g.finish();
        let Some(hal) = hal.into_inner() else {
            continue;
        };
        for _ in 0..iteraties {
            let d = hal.een_wijziging(&rt);
            metingen.lock().unwrap().push(d);
        }
        let mut v = metingen.lock().unwrap().clone();
        v.sort();
        let p = |q: f64| v[((v.len() as f64 * q) as usize).min(v.len() - 1)];
        println!(
            "sync/desk_to_desk_lag_{desks}_desks: n={} p50={:?} p99={:?} max={:?}",
            v.len(),
            p(0.50),
            p(0.99),
            v[v.len() - 1]
        );
        hal.stop(&rt);
    }
}

/// Desks on their own files, each with its sync task: A writes, B is watched, the rest write a
/// visitor every `tussen` (spread over the interval).
struct Hal {
    _map: tempfile::TempDir,
    a: (
        std::path::PathBuf,
        Uuid,
        std::sync::Arc<tokio::sync::Notify>,
    ),
    b: std::path::PathBuf,
    b_rx: std::sync::Mutex<tokio::sync::mpsc::UnboundedReceiver<sync::SyncBericht>>,
    /// A's reports: kept (a sync task stops when no one listens), emptied as they come.
    a_rx: std::sync::Mutex<tokio::sync::mpsc::UnboundedReceiver<sync::SyncBericht>>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    taken: Vec<tokio::task::JoinHandle<()>>,
}

impl Hal {
    fn start(rt: &tokio::runtime::Runtime, url: &str, desks: usize, tussen: Duration) -> Hal {
        let map = tempfile::tempdir().unwrap();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let _g = rt.enter();
        let desk = |naam: String| {
            let db = map.path().join(format!("{naam}.db"));
            let id = Uuid::now_v7();
            drop(Store::open(&db, id).unwrap());
            let wekker = std::sync::Arc::new(tokio::sync::Notify::new());
            let rx = sync::start_met_wekker(cfg(url), db.clone(), id, None, wekker.clone());
            (db, id, wekker, rx)
        };
        let (a_db, a_id, a_w, a_rx) = desk("a".into());
        let (b_db, _, _, b_rx) = desk("b".into());
        let mut taken = Vec::new();
        for i in 0..desks.saturating_sub(2) {
            let (db, id, w, mut rx) = desk(format!("last{i}"));
            let stop = stop.clone();
            let begin = tussen * i as u32 / desks as u32;
            taken.push(rt.spawn(async move {
                tokio::time::sleep(begin).await;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let db2 = db.clone();
                    tokio::task::spawn_blocking(move || {
                        // A desk under this load may find its file busy: the bench goes on.
                        if let Ok(mut s) = Store::open(&db2, id)
                            && let Err(e) = loket::store::klantgeleiding::bezoeker_binnen(
                                &mut s,
                                "Stadskantoor",
                                "Last",
                                "Team",
                                None,
                                Utc::now(),
                            )
                        {
                            eprintln!("belasting: {e}");
                        }
                    })
                    .await
                    .unwrap();
                    w.notify_one();
                    while rx.try_recv().is_ok() {}
                    tokio::time::sleep(tussen).await;
                }
            }));
        }
        let hal = Hal {
            _map: map,
            a: (a_db, a_id, a_w),
            b: b_db,
            b_rx: std::sync::Mutex::new(b_rx),
            a_rx: std::sync::Mutex::new(a_rx),
            stop,
            taken,
        };
        // Everyone connected and caught up before measuring.
        let _ = hal.een_wijziging(rt);
        hal
    }

    /// A writes one visitor and wakes its sync; the time until B's file has it.
    fn een_wijziging(&self, rt: &tokio::runtime::Runtime) -> Duration {
        let naam = format!("Lag {}", Uuid::now_v7());
        let (a_db, a_id, a_w) = &self.a;
        let mut b_rx = self.b_rx.lock().unwrap();
        while b_rx.try_recv().is_ok() {}
        while self.a_rx.lock().unwrap().try_recv().is_ok() {}
        let t = Instant::now();
        let mut s = Store::open(a_db, *a_id).unwrap();
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
        a_w.notify_one();
        let b = rusqlite::Connection::open(&self.b).unwrap();
        let heeft = || -> bool {
            b.query_row(
                "SELECT count(*) FROM bezoeker WHERE naam = ?1",
                [&naam],
                |r| r.get::<_, i64>(0),
            )
            .unwrap()
                == 1
        };
        rt.block_on(async {
            while !heeft() {
                // B reports after every round; a round that brought it is followed by this look.
                let _ = tokio::time::timeout(Duration::from_secs(5), b_rx.recv()).await;
            }
        });
        t.elapsed()
    }

    fn stop(self, rt: &tokio::runtime::Runtime) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        for t in self.taken {
            let _ = rt.block_on(t);
        }
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
