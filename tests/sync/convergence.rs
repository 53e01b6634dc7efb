//! Convergence: a losing edit put right, random interleavings over three desks, the soak.

use crate::common::{Desk, afspraak, cfg, client, init, rt, server_tel};
use crate::pg::Pg;
use chrono::Utc;
use loket::store::Store;
use loket::sync::{self, desk, server};
use uuid::Uuid;

#[test]
fn a_change_that_lost_while_the_winner_went_by_unread_is_put_right() {
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    let a = Desk::new(pg.dir(), "a");
    let b = Desk::new(pg.dir(), "b");
    let wijzig = |d: &Desk, voor_wie: &str| {
        let mut s = d.store();
        let mut g =
            loket::store::klantgeleiding::in_gebouw(s.conn(), "Stadskantoor").unwrap()[0].clone();
        g.voor_wie = voor_wie.into();
        s.save(&mut g, Utc::now()).unwrap();
    };
    rt().block_on(async {
        init(&url).await;
        a.gast("Kim Peters");
        a.ronde(&url).await.unwrap();
        b.ronde(&url).await.unwrap();
        // A edits first (still waiting to be handed in), B edits later and hands in first.
        wijzig(&a, "Team A");
        std::thread::sleep(std::time::Duration::from_millis(5));
        wijzig(&b, "Team B");
        b.ronde(&url).await.unwrap();
        // A reads while its own edit waits: B's change is passed over, the cursor moves on.
        let c = client(&url).await;
        let cursor = desk::cursor(&sync::open_db(&a.db).unwrap()).unwrap();
        let w = server::wijzigingen(&c, cursor, 100).await.unwrap();
        let t = desk::pas_toe(&mut sync::open_db(&a.db).unwrap(), &w).unwrap();
        assert_eq!(t.overgeslagen, 1);
        // A hands in: its edit is older and loses; A then takes the server's version.
        a.ronde(&url).await.unwrap();
        let voor_wie = |d: &Desk| -> String {
            rusqlite::Connection::open(&d.db)
                .unwrap()
                .query_row("SELECT voor_wie FROM bezoeker", [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(voor_wie(&a), "Team B");
        assert_eq!(voor_wie(&b), "Team B");
    });
}

/// A step of a random script over three desks.
#[derive(Debug, Clone)]
enum Stap {
    Gast(usize),
    Vertrek(usize, usize),
    Wijzig(usize, usize, u8),
    Boek(usize, u32),
    Annuleer(usize, usize),
    Ronde(usize),
}

fn stap() -> impl proptest::strategy::Strategy<Value = Stap> {
    use proptest::prelude::*;
    prop_oneof![
        (0..3usize).prop_map(Stap::Gast),
        (0..3usize, 0..8usize).prop_map(|(d, i)| Stap::Vertrek(d, i)),
        (0..3usize, 0..8usize, 0..4u8).prop_map(|(d, i, v)| Stap::Wijzig(d, i, v)),
        (0..3usize, 9..13u32).prop_map(|(d, u)| Stap::Boek(d, u)),
        (0..3usize, 0..8usize).prop_map(|(d, i)| Stap::Annuleer(d, i)),
        (0..3usize).prop_map(Stap::Ronde),
        (0..3usize).prop_map(Stap::Ronde),
    ]
}

/// Visitors (id, voor wie, still in) and afspraken (id, status).
type Inhoud = (Vec<(String, String, bool)>, Vec<(String, String)>);

/// What a desk holds of the synced records, to compare with the server.
fn inhoud(d: &Desk) -> Inhoud {
    let c = rusqlite::Connection::open(&d.db).unwrap();
    let gasten = c
        .prepare("SELECT id, voor_wie, buiten_op IS NULL FROM bezoeker ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let afspraken = c
        // A refused booking too: its desk hands `geweigerd` in, so every desk and the server
        // have the same row.
        .prepare("SELECT id, status FROM afspraak ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    (gasten, afspraken)
}

#[test]
fn three_desks_converge_with_the_server_after_random_interleavings() {
    use proptest::test_runner::{Config, TestRunner};
    let Some(pg) = Pg::start() else { return };
    let rt = rt();
    let teller = std::cell::Cell::new(0);
    let mut runner = TestRunner::new(Config {
        cases: 12,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&proptest::collection::vec(stap(), 5..40), |script| {
            teller.set(teller.get() + 1);
            let url = pg.database(&format!("p{}", teller.get()));
            let map = tempfile::tempdir().unwrap();
            let desks: Vec<Desk> = (0..3).map(|i| Desk::new(map.path(), &format!("d{i}"))).collect();
            rt.block_on(async {
                init(&url).await;
                for s in &script {
                    match s {
                        Stap::Gast(d) => {
                            desks[*d].gast("Gast");
                        }
                        Stap::Vertrek(d, i) | Stap::Wijzig(d, i, _) => {
                            let mut st = desks[*d].store();
                            let binnen = loket::store::klantgeleiding::in_gebouw(
                                st.conn(),
                                "Stadskantoor",
                            )
                            .unwrap();
                            if let Some(g) = binnen.get(*i).cloned() {
                                match s {
                                    Stap::Vertrek(..) => {
                                        loket::store::klantgeleiding::bezoeker_buiten(
                                            &mut st,
                                            g,
                                            Utc::now(),
                                        )
                                        .unwrap();
                                    }
                                    Stap::Wijzig(_, _, v) => {
                                        let mut g = g;
                                        g.voor_wie = format!("Team {v}");
                                        st.save(&mut g, Utc::now()).unwrap();
                                    }
                                    _ => unreachable!(),
                                }
                            }
                        }
                        Stap::Boek(d, uur) => {
                            // The desk's own database refuses what it knows to overlap.
                            let _ = loket::store::afspraken::boek(
                                &mut desks[*d].store(),
                                &mut afspraak("Balie 1", *uur),
                                Utc::now(),
                            );
                        }
                        Stap::Annuleer(d, i) => {
                            let id: Option<String> = rusqlite::Connection::open(&desks[*d].db)
                                .unwrap()
                                .query_row(
                                    "SELECT id FROM afspraak WHERE status = 'gepland' ORDER BY id LIMIT 1 OFFSET ?1",
                                    [*i as i64],
                                    |r| r.get(0),
                                )
                                .ok();
                            if let Some(id) = id {
                                loket::store::afspraken::wijzig_status(
                                    &mut desks[*d].store(),
                                    Uuid::parse_str(&id).unwrap(),
                                    "geannuleerd",
                                    Some("klant belde af"),
                                    Utc::now(),
                                )
                                .unwrap();
                            }
                        }
                        Stap::Ronde(d) => {
                            desks[*d].ronde(&url).await.unwrap();
                        }
                    }
                }
                // Everyone hands in and reads until nothing moves.
                for _ in 0..2 {
                    for d in &desks {
                        d.ronde(&url).await.unwrap();
                    }
                }
                let c = client(&url).await;
                let mut server_gasten: Vec<(String, String, bool)> = c
                    .query("SELECT record_id::text, payload FROM loket_record WHERE tabel = 'bezoeker'", &[])
                    .await
                    .unwrap()
                    .iter()
                    .map(|r| {
                        let p: serde_json::Value = r.get(1);
                        (
                            r.get::<_, String>(0),
                            p["voor_wie"].as_str().unwrap().to_string(),
                            p["buiten_op"].is_null(),
                        )
                    })
                    .collect();
                server_gasten.sort();
                let mut server_afspraken: Vec<(String, String)> = c
                    .query("SELECT record_id::text, payload->>'status' FROM loket_record WHERE tabel = 'afspraak'", &[])
                    .await
                    .unwrap()
                    .iter()
                    .map(|r| (r.get(0), r.get(1)))
                    .collect();
                server_afspraken.sort();
                for d in &desks {
                    let (gasten, afspraken) = inhoud(d);
                    assert_eq!(gasten, server_gasten, "bezoekers on a desk and the server differ");
                    assert_eq!(afspraken, server_afspraken, "afspraken on a desk and the server differ");
                    assert_eq!(d.tel("SELECT count(*) FROM outbox WHERE uploaded_at IS NULL"), 0);
                }
                // Never two planned afspraken overlapping on the server.
                let overlap: i64 = c
                    .query_one(
                        "SELECT count(*) FROM loket_afspraak a JOIN loket_afspraak b
                         ON a.record_id < b.record_id AND a.locatie = b.locatie AND a.periode && b.periode",
                        &[],
                    )
                    .await
                    .unwrap()
                    .get(0);
                assert_eq!(overlap, 0);
            });
            Ok(())
        })
        .unwrap();
}

/// Soak: many desks writing and syncing at once converge; prints throughput and desk-to-desk lag.
/// Default 10 desks x 100 operations; LOKET_SOAK_DESKS and LOKET_SOAK_OPS for the full run
/// (50 x 2000).
#[test]
fn soak_many_desks_converge_and_report_throughput_and_lag() {
    let Some(pg) = Pg::start() else { return };
    let getal = |k: &str, d: usize| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let (n_desks, n_ops) = (getal("LOKET_SOAK_DESKS", 10), getal("LOKET_SOAK_OPS", 100));
    let url = pg.database("loket");
    let desks: Vec<Desk> = (0..n_desks)
        .map(|i| Desk::new(pg.dir(), &format!("d{i}")))
        .collect();
    // Two more desks measure the lag from one to the other while the others load the server.
    let (a, b) = (Desk::new(pg.dir(), "lag_a"), Desk::new(pg.dir(), "lag_b"));
    let rt = rt();
    rt.block_on(async {
        init(&url).await;
        let begin = std::time::Instant::now();
        let mut taken = Vec::new();
        for d in &desks {
            let (db, id, url) = (d.db.clone(), d.id, url.clone());
            taken.push(tokio::spawn(async move {
                let (mut c, _) = sync::verbinding::verbind(&cfg(&url)).await.unwrap();
                let mut gedaan = 0;
                while gedaan < n_ops {
                    // A few changes, then a round, as a busy desk does.
                    let stuk = 20.min(n_ops - gedaan);
                    let db2 = db.clone();
                    tokio::task::spawn_blocking(move || {
                        let mut s = Store::open(&db2, id).unwrap();
                        for i in 0..stuk {
                            loket::store::klantgeleiding::bezoeker_binnen(
                                &mut s,
                                "Stadskantoor",
                                &format!("G{i}"),
                                "Team",
                                None,
                                Utc::now(),
                            )
                            .unwrap();
                        }
                    })
                    .await
                    .unwrap();
                    gedaan += stuk;
                    sync::ronde(&mut c, &db, id, None).await.unwrap();
                }
            }));
        }
        // Meanwhile: desk-to-desk lag, one change at a time from desk 0 to desk 1.
        let mut lags = Vec::new();
        let (mut ca, _) = sync::verbinding::verbind(&cfg(&url)).await.unwrap();
        let (mut cb, _) = sync::verbinding::verbind(&cfg(&url)).await.unwrap();
        for i in 0..20 {
            let naam = format!("Lag {i}");
            let t0 = std::time::Instant::now();
            a.gast(&naam);
            sync::ronde(&mut ca, &a.db, a.id, None).await.unwrap();
            loop {
                sync::ronde(&mut cb, &b.db, b.id, None).await.unwrap();
                if b.tel(&format!("SELECT count(*) FROM bezoeker WHERE naam = '{naam}'")) == 1 {
                    break;
                }
            }
            lags.push(t0.elapsed());
        }
        for t in taken {
            t.await.unwrap();
        }
        let duur = begin.elapsed();
        for _ in 0..2 {
            for d in desks.iter().chain([&a, &b]) {
                d.ronde(&url).await.unwrap();
            }
        }
        let totaal = (n_desks * n_ops + 20) as i64;
        assert_eq!(
            server_tel(&url, "SELECT count(*) FROM loket_record").await,
            totaal
        );
        for d in desks.iter().chain([&a, &b]) {
            assert_eq!(d.tel("SELECT count(*) FROM bezoeker"), totaal);
        }
        lags.sort();
        let p = |q: f64| lags[((lags.len() as f64 - 1.0) * q) as usize];
        eprintln!(
            "soak: {n_desks} desks x {n_ops} operations in {:.1} s = {:.0} operations/s handed in and applied; desk-to-desk lag under that load p50 {:?} p99 {:?}",
            duur.as_secs_f64(),
            (n_desks * n_ops) as f64 / duur.as_secs_f64(),
            p(0.5),
            p(0.99)
        );
    });
}
