//! A desk whose clock is a day ahead (LOKET_KLOK_SCHEEF_MS): after one round with the shared
//! database its stamps and ticket days follow the server, a stamp it wrote before that is moved
//! to its real time by the desk itself (the server only bounds what is left), and a later edit
//! on another desk still wins. Its own test binary: the
//! skewed clock is process-wide.

mod pg;

use chrono::{Duration, Local, Utc};
use loket::config::SyncConfig;
use loket::store::Store;
use loket::sync::{self, klok};
use uuid::Uuid;

/// The clock offset is process-wide: the tests of this binary take turns.
static BEURT: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn a_desk_clock_a_day_off_gets_the_servers_day_and_ordering() {
    // SAFETY: set before any thread of this test binary reads the environment.
    unsafe { std::env::set_var("LOKET_KLOK_SCHEEF_MS", (24 * 3_600_000).to_string()) };
    let _beurt = BEURT.lock().unwrap_or_else(|e| e.into_inner());
    klok::zet_afwijking(0);
    let Some(pg) = pg::Pg::start() else { return };
    let url = pg.database("loket");
    let cfg = SyncConfig {
        url: url.clone(),
        password_file: None,
        sslmode: None,
        ca_file: None,
    };
    let (a_db, a_id) = (pg.dir().join("a.db"), Uuid::now_v7());
    let (b_db, b_id) = (pg.dir().join("b.db"), Uuid::now_v7());
    assert!(
        klok::nu() > Utc::now() + Duration::hours(23),
        "the desk's clock is a day ahead"
    );
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let (mut c, _) = sync::verbinding::verbind(&cfg).await.unwrap();
        sync::server::init(&mut c).await.unwrap();
        // Before any sync: a visitor registered with the wrong clock (a day ahead).
        let mut a = Store::open(&a_db, a_id).unwrap();
        let gast = loket::store::klantgeleiding::bezoeker_binnen(
            &mut a,
            "Stadskantoor",
            "Kim Peters",
            "Team ICT",
            None,
            klok::nu(),
        )
        .unwrap();
        drop(a);
        sync::ronde(&mut c, &a_db, a_id, None).await.unwrap();
        // The stamp was moved back to the real time of the registration.
        let hlc: String = c
            .query_one("SELECT hlc FROM loket_change WHERE seq = 1", &[])
            .await
            .unwrap()
            .get(0);
        let ms: i64 = hlc.split('-').next().unwrap().parse().unwrap();
        assert!(
            (ms - Utc::now().timestamp_millis()).abs() < 60_000,
            "stamp {hlc} follows the server's clock"
        );
        // After the round the desk's clock is corrected: a ticket gets today's (server) day.
        assert!((klok::nu() - Utc::now()).num_seconds().abs() < 5);
        let mut a = Store::open(&a_db, a_id).unwrap();
        let b = loket::store::klantgeleiding::inchecken(
            &mut a,
            "Stadskantoor",
            "Ophalen",
            "S",
            None,
            klok::nu(),
        )
        .unwrap();
        assert_eq!(b.dag, Local::now().date_naive());
        drop(a);
        // B reads Kim, signs her out; then A (its clock still set back) edits her too, but only
        // after reading B's change: A's edit comes later and wins, B's does not undo it.
        drop(Store::open(&b_db, b_id).unwrap());
        sync::ronde(&mut c, &b_db, b_id, None).await.unwrap();
        let mut bs = Store::open(&b_db, b_id).unwrap();
        let mut kim =
            loket::store::klantgeleiding::in_gebouw(bs.conn(), "Stadskantoor").unwrap()[0].clone();
        assert_eq!(kim.meta.id, gast.meta.id);
        kim.voor_wie = "Team Financien".into();
        bs.save(&mut kim, klok::nu()).unwrap();
        drop(bs);
        sync::ronde(&mut c, &b_db, b_id, None).await.unwrap();
        sync::ronde(&mut c, &a_db, a_id, None).await.unwrap();
        let mut a = Store::open(&a_db, a_id).unwrap();
        let mut kim =
            loket::store::klantgeleiding::in_gebouw(a.conn(), "Stadskantoor").unwrap()[0].clone();
        assert_eq!(kim.voor_wie, "Team Financien");
        kim.bedrijf = Some("Storingsdienst".into());
        a.save(&mut kim, klok::nu()).unwrap();
        drop(a);
        sync::ronde(&mut c, &a_db, a_id, None).await.unwrap();
        let payload: serde_json::Value = c
            .query_one(
                "SELECT payload FROM loket_record WHERE record_id = $1",
                &[&gast.meta.id],
            )
            .await
            .unwrap()
            .get(0);
        assert_eq!(payload["voor_wie"], "Team Financien");
        assert_eq!(payload["bedrijf"], "Storingsdienst");
    });
}

/// The case the chaos test found: a desk whose clock ran a day ahead edits offline, another desk
/// edits the same record later; when the first comes back its older edit must not win, and no
/// time is stored as tomorrow.
#[test]
fn an_offline_edit_on_a_clock_a_day_ahead_does_not_win_over_a_later_edit() {
    // SAFETY: set before any thread of this test binary reads the environment (the same value
    // as the other test of this binary: the skew is read once per process).
    unsafe { std::env::set_var("LOKET_KLOK_SCHEEF_MS", (24 * 3_600_000).to_string()) };
    let _beurt = BEURT.lock().unwrap_or_else(|e| e.into_inner());
    klok::zet_afwijking(0);
    let Some(pg) = pg::Pg::start() else { return };
    let url = pg.database("loket");
    let cfg = SyncConfig {
        url: url.clone(),
        password_file: None,
        sslmode: None,
        ca_file: None,
    };
    let (a_db, a_id) = (pg.dir().join("a.db"), Uuid::now_v7());
    let (b_db, b_id) = (pg.dir().join("b.db"), Uuid::now_v7());
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let (mut c, _) = sync::verbinding::verbind(&cfg).await.unwrap();
        sync::server::init(&mut c).await.unwrap();
        let mut b = Store::open(&b_db, b_id).unwrap();
        let gast = loket::store::klantgeleiding::bezoeker_binnen(
            &mut b,
            "Stadskantoor",
            "Kim Peters",
            "Team ICT",
            None,
            klok::nu(),
        )
        .unwrap();
        drop(b);
        sync::ronde(&mut c, &b_db, b_id, None).await.unwrap();
        drop(Store::open(&a_db, a_id).unwrap());
        sync::ronde(&mut c, &a_db, a_id, None).await.unwrap();
        let gemeten = klok::afwijking_ms();
        assert!(gemeten < -23 * 3_600_000, "measured {gemeten}");
        // A now works offline and does not know its clock is off (a fresh start without a kept
        // offset): its edit is stamped a day ahead.
        klok::zet_afwijking(0);
        sync::open_db(&a_db)
            .unwrap()
            .execute("DELETE FROM meta WHERE key = 'klok_afwijking_ms'", [])
            .unwrap();
        let mut a = Store::open(&a_db, a_id).unwrap();
        let mut kim =
            loket::store::klantgeleiding::in_gebouw(a.conn(), "Stadskantoor").unwrap()[0].clone();
        assert_eq!(kim.meta.id, gast.meta.id);
        kim.voor_wie = "Team A (eerder, offline)".into();
        a.save(&mut kim, klok::nu()).unwrap();
        drop(a);
        // Later, on B (online, its clock corrected), the same field.
        klok::zet_afwijking(gemeten);
        std::thread::sleep(std::time::Duration::from_millis(20));
        let mut b = Store::open(&b_db, b_id).unwrap();
        let mut kim =
            loket::store::klantgeleiding::in_gebouw(b.conn(), "Stadskantoor").unwrap()[0].clone();
        kim.voor_wie = "Team B (later)".into();
        b.save(&mut kim, klok::nu()).unwrap();
        drop(b);
        sync::ronde(&mut c, &b_db, b_id, None).await.unwrap();
        // A comes back: its offline edit is put at its real time and loses to B's later one.
        klok::zet_afwijking(0);
        sync::ronde(&mut c, &a_db, a_id, None).await.unwrap();
        let payload: serde_json::Value = c
            .query_one(
                "SELECT payload FROM loket_record WHERE record_id = $1",
                &[&gast.meta.id],
            )
            .await
            .unwrap()
            .get(0);
        assert_eq!(payload["voor_wie"], "Team B (later)");
        let morgen = (Utc::now() + Duration::hours(1)).to_rfc3339();
        let bijgewerkt = payload["updated_at"].as_str().unwrap().to_string();
        assert!(bijgewerkt < morgen, "updated_at {bijgewerkt} is not in the future");
        // No stamp on the server lies ahead of its clock.
        let vooruit: i64 = c
            .query_one(
                "SELECT count(*) FROM loket_change
                 WHERE split_part(hlc, '-', 1)::bigint > (extract(epoch FROM now()) * 1000)::bigint + 60000",
                &[],
            )
            .await
            .unwrap()
            .get(0);
        assert_eq!(vooruit, 0);
        // A has the server's version.
        let a = Store::open(&a_db, a_id).unwrap();
        let kim =
            loket::store::klantgeleiding::in_gebouw(a.conn(), "Stadskantoor").unwrap()[0].clone();
        assert_eq!(kim.voor_wie, "Team B (later)");
    });
}
