//! A desk whose clock is a day ahead (LOKET_KLOK_SCHEEF_MS): after one round with the shared
//! database its stamps and ticket days follow the server, a stamp it wrote before that is set
//! back by the server, and a later edit on another desk still wins. Its own test binary: the
//! skewed clock is process-wide.

mod pg;

use chrono::{Duration, Local, Utc};
use loket::config::SyncConfig;
use loket::store::Store;
use loket::sync::{self, klok};
use uuid::Uuid;

#[test]
fn a_desk_clock_a_day_off_gets_the_servers_day_and_ordering() {
    // SAFETY: set before any thread of this test binary reads the environment.
    unsafe { std::env::set_var("LOKET_KLOK_SCHEEF_MS", (24 * 3_600_000).to_string()) };
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
        // The server set the stamp back to its own time.
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
