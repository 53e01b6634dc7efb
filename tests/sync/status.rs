//! What the desk's sync task reports, and how fast: offline only while the server cannot be
//! reached, a refusing server as a fault, back within seconds after an outage, and a write on
//! one desk at the other well under a second (the store wakes the sync; nothing polls).

use std::time::{Duration, Instant};

use crate::common::{Desk, cfg, init, rt};
use crate::pg::Pg;
use loket::sync::{self, SyncBericht, SyncIndicator};
use tokio::sync::mpsc::UnboundedReceiver;

/// The next report that satisfies `ok`, within `binnen`.
async fn wacht_op(
    rx: &mut UnboundedReceiver<SyncBericht>,
    binnen: Duration,
    wat: &str,
    ok: impl Fn(&SyncBericht) -> bool,
) -> SyncBericht {
    let tot = tokio::time::Instant::now() + binnen;
    loop {
        match tokio::time::timeout_at(tot, rx.recv()).await {
            Ok(Some(b)) if ok(&b) => return b,
            Ok(Some(_)) => {}
            Ok(None) => panic!("the sync task ended while waiting for: {wat}"),
            Err(_) => panic!("no report within {binnen:?}: {wat}"),
        }
    }
}

fn synced(b: &SyncBericht) -> bool {
    b.indicator == SyncIndicator::Gesynchroniseerd && b.wachtend == 0
}

/// Issue 18 item 10: the server stops (as a crash would) and starts again; the desk says
/// offline with the reason, keeps the change made meanwhile, and is synced again within a few
/// seconds of the server being back (measured; asserted with a generous deadline).
#[test]
fn after_an_outage_the_desk_is_back_within_seconds_of_the_server() {
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    let a = Desk::new(pg.dir(), "a");
    rt().block_on(async {
        init(&url).await;
        let mut rx = sync::start(cfg(&url), a.db.clone(), a.id, None);
        wacht_op(&mut rx, Duration::from_secs(15), "first sync", synced).await;
        let mut metingen = Vec::new();
        for keer in 0..2 {
            pg.stop_immediate();
            let b = wacht_op(&mut rx, Duration::from_secs(15), "offline", |b| {
                b.indicator != SyncIndicator::Gesynchroniseerd
            })
            .await;
            assert_eq!(b.indicator, SyncIndicator::Offline, "{b:?}");
            let waarom = b.fout.clone().unwrap_or_default();
            assert!(
                waarom == "server onbereikbaar" || waarom == "verbinding verbroken",
                "{waarom}"
            );
            a.gast(&format!("Bezoeker {keer}"));
            // Offline a while: the backoff has grown to its cap (three failed attempts).
            for _ in 0..3 {
                let b = wacht_op(&mut rx, Duration::from_secs(15), "still offline", |_| true).await;
                assert_eq!(b.indicator, SyncIndicator::Offline, "{b:?}");
                assert_eq!(b.fout.as_deref(), Some("server onbereikbaar"));
            }
            // `loket sync status` reads the failure from the desk's file while it lasts.
            let fout = "SELECT count(*) FROM meta WHERE key = 'sync_fout' \
                        AND value = 'offline: server onbereikbaar'";
            assert_eq!(a.tel(fout), 1);
            pg.start_server();
            let t0 = Instant::now();
            wacht_op(
                &mut rx,
                Duration::from_secs(15),
                "synced after the outage",
                synced,
            )
            .await;
            metingen.push(t0.elapsed());
            assert_eq!(
                a.tel("SELECT count(*) FROM meta WHERE key = 'sync_fout'"),
                0
            );
        }
        eprintln!("back after the server returned: {metingen:?}");
        assert_eq!(
            crate::common::server_tel(
                &url,
                "SELECT count(*) FROM loket_record WHERE tabel = 'bezoeker'"
            )
            .await,
            2
        );
    });
}

/// Issue 18 item 9: a server that can be reached but refuses is a fault, said in Dutch, never
/// "offline"; a port where nothing listens is offline.
#[test]
fn a_refusing_server_is_a_fault_and_an_unreachable_one_is_offline() {
    let Some(pg) = Pg::start() else { return };
    let a = Desk::new(pg.dir(), "a");
    a.gast("Kim Peters");
    rt().block_on(async {
        let mut rx = sync::start(cfg(&pg.url("bestaat_niet")), a.db.clone(), a.id, None);
        let b = wacht_op(&mut rx, Duration::from_secs(15), "a report", |_| true).await;
        assert_eq!(b.indicator, SyncIndicator::Fout, "{b:?}");
        assert_eq!(b.wachtend, 1);
        let fout = b.fout.unwrap_or_default();
        assert!(fout.contains("de database bestaat niet"), "{fout}");
        // Reachable, but not set up (no `loket server init`): also a fault.
        let url = pg.database("loket");
        let mut rx = sync::start(cfg(&url), a.db.clone(), a.id, None);
        let b = wacht_op(&mut rx, Duration::from_secs(15), "a report", |_| true).await;
        assert_eq!(b.indicator, SyncIndicator::Fout, "{b:?}");
        let vrij = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let poort = vrij.local_addr().unwrap().port();
        drop(vrij);
        let mut rx = sync::start(
            cfg(&format!("postgres://loket@127.0.0.1:{poort}/loket")),
            a.db.clone(),
            a.id,
            None,
        );
        let b = wacht_op(&mut rx, Duration::from_secs(15), "a report", |_| true).await;
        assert_eq!(b.indicator, SyncIndicator::Offline, "{b:?}");
        assert_eq!(b.fout.as_deref(), Some("server onbereikbaar"));
    });
}

/// A server that accepts the connection and then says nothing (a frozen link) never holds the
/// desk: the connection is given up and the desk says offline, "server antwoordt niet".
#[test]
fn a_server_that_accepts_and_stays_silent_is_given_up() {
    let dir = tempfile::tempdir().unwrap();
    let a = Desk::new(dir.path(), "a");
    rt().block_on(async {
        let stil = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let poort = stil.local_addr().unwrap().port();
        // Accepts, keeps the sockets open, never answers.
        let vast = tokio::spawn(async move {
            let mut open = Vec::new();
            while let Ok((s, _)) = stil.accept().await {
                open.push(s);
            }
        });
        let t0 = Instant::now();
        let mut rx = sync::start(
            cfg(&format!("postgres://loket@127.0.0.1:{poort}/loket")),
            a.db.clone(),
            a.id,
            None,
        );
        let b = wacht_op(&mut rx, sync::VERBIND_DEADLINE * 2, "a report", |_| true).await;
        assert_eq!(b.indicator, SyncIndicator::Offline, "{b:?}");
        assert_eq!(b.fout.as_deref(), Some("server antwoordt niet"));
        eprintln!("silent server given up after {:?}", t0.elapsed());
        vast.abort();
    });
}

/// Issue 18, performance: a change saved on desk A (through the store thread, as the desk
/// does) wakes A's sync at once and reaches desk B through NOTIFY: well under a second, where
/// the 2 s fallback timer alone would take a second on average.
#[test]
fn a_write_on_one_desk_reaches_the_other_well_under_a_second_without_polling() {
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    let (a, b) = (Desk::new(pg.dir(), "a"), Desk::new(pg.dir(), "b"));
    rt().block_on(async {
        init(&url).await;
        let wekker = std::sync::Arc::new(tokio::sync::Notify::new());
        let mut rx_a = sync::start_met_wekker(cfg(&url), a.db.clone(), a.id, None, wekker.clone());
        let mut rx_b = sync::start(cfg(&url), b.db.clone(), b.id, None);
        wacht_op(&mut rx_a, Duration::from_secs(15), "A synced", synced).await;
        wacht_op(&mut rx_b, Duration::from_secs(15), "B synced", synced).await;
        let (pad, id) = (a.db.clone(), a.id);
        let jobs = loket::store::worker::spawn_met_wekker(
            move || loket::store::Store::open(&pad, id).map_err(|e| e.to_string()),
            |_| {},
            |_: String| {},
            || "paniek".to_string(),
            move || wekker.notify_one(),
        );
        let mut metingen = Vec::new();
        for i in 0..10 {
            // Let both tasks settle into waiting, at a random phase of their timers.
            tokio::time::sleep(Duration::from_millis(100 + 37 * i)).await;
            let t0 = Instant::now();
            jobs.run(move |s| {
                loket::store::klantgeleiding::bezoeker_binnen(
                    s,
                    "Stadskantoor",
                    &format!("Bezoeker {i}"),
                    "Team ICT",
                    None,
                    chrono::Utc::now(),
                )
                .unwrap();
                None
            });
            wacht_op(&mut rx_b, Duration::from_secs(10), "B received it", |b| {
                b.tabellen.iter().any(|t| t == "bezoeker")
            })
            .await;
            metingen.push(t0.elapsed());
            assert_eq!(
                a.tel("SELECT count(*) FROM meta WHERE key = 'sync_fout'"),
                0
            );
        }
        jobs.shutdown();
        metingen.sort();
        eprintln!(
            "desk to desk: p50 {:?}, max {:?}",
            metingen[metingen.len() / 2],
            metingen[metingen.len() - 1]
        );
        assert!(
            metingen[metingen.len() / 2] < Duration::from_millis(500),
            "{metingen:?}"
        );
        let _ = &mut rx_a;
    });
}

/// Issue 18 item 8: `loket sync status` never shows a password, in any spelling of the url or
/// the key=value form, neither on stdout nor stderr nor in loket.log: against the running
/// server (connected with the password given) and against a port where nothing listens.
#[test]
fn sync_status_never_shows_a_password_in_any_spelling() {
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    let dir = tempfile::tempdir().unwrap();
    let a = Desk::new(dir.path(), "a");
    let leeg = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    rt().block_on(init(&url));
    // Every spelling holds "zwaar" and "Geheim7" (or an encoding of them).
    let spellingen = |p: u16| {
        let h = format!("127.0.0.1:{p}");
        vec![
            format!("postgres://loket:zwaarGeheim7@{h}/loket"),
            format!("postgresql://loket:zwaarGeheim7@{h}/loket"),
            format!("postgres://loket:zwaar%47eheim7@{h}/loket"),
            format!("postgres://loket:zwaar@Geheim7@{h}/loket"),
            format!("postgres://loket@{h}/loket?password=zwaarGeheim7"),
            format!("postgres://loket@{h}/loket?sslmode=disable&password=zwaarGeheim7"),
            format!("postgres://loket@{h}/loket?PASSWORD=zwaarGeheim7"),
            format!("postgres://loket@{h}/loket?password=zwaar&Geheim7&sslmode=disable"),
            format!("host=127.0.0.1 port={p} user=loket dbname=loket password=zwaarGeheim7"),
            format!("host=127.0.0.1 port={p} user=loket dbname=loket password='zwaar Geheim7'"),
            format!("host=127.0.0.1 port={p} user=loket dbname=loket password='zwaar\\'Geheim7'"),
            format!("host=127.0.0.1 port={p} user=loket dbname=loket PASSWORD=zwaarGeheim7"),
            format!("host=127.0.0.1 port={p} password = zwaarGeheim7 user=loket dbname=loket"),
        ]
    };
    let huis = dir.path().join("huis");
    std::fs::create_dir_all(&huis).unwrap();
    let mut verbonden = 0;
    for url in spellingen(pg.port).into_iter().chain(spellingen(leeg)) {
        let cfg = dir.path().join("loket.toml");
        let toml_url = url.replace('\\', "\\\\").replace('"', "\\\"");
        std::fs::write(
            &cfg,
            format!(
                "desk_id = \"{}\"\ndatabase = \"{}\"\n\n[sync]\nurl = \"{toml_url}\"\n",
                a.id,
                a.db.display()
            ),
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&cfg, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_loket"))
            .args(["sync", "status", "--config", cfg.to_str().unwrap()])
            .env("HOME", &huis)
            .env("XDG_DATA_HOME", huis.join("data"))
            .env("XDG_CONFIG_HOME", huis.join("config"))
            .env_remove("PGPASSWORD")
            .output()
            .unwrap();
        let tekst = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        for geheim in ["zwaar", "Geheim7", "eheim7", "%47"] {
            assert!(!tekst.contains(geheim), "{url}:\n{tekst}");
        }
        if tekst.contains("verbinding  ok") {
            verbonden += 1;
        }
        assert!(
            tekst.contains("toestand") || tekst.contains("url is ongeldig"),
            "{url}:\n{tekst}"
        );
    }
    // The spellings the server accepts did connect (the test did show a live status).
    assert!(verbonden >= 6, "{verbonden}");
    for pad in walk(&huis) {
        let log = std::fs::read_to_string(&pad).unwrap_or_default();
        for geheim in ["zwaar", "Geheim7", "eheim7"] {
            assert!(!log.contains(geheim), "{}:\n{log}", pad.display());
        }
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut uit = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            uit.extend(walk(&p));
        } else {
            uit.push(p);
        }
    }
    uit
}

/// The session settings reach the server: a desk's statement ends after 15 s and its session
/// ends when left idle in a transaction for 10 s, so a frozen desk never holds a lock for long.
#[test]
fn the_server_ends_a_desks_long_statement_and_its_idle_transaction() {
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    rt().block_on(async {
        let c = crate::common::client(&url).await;
        let toon = |naam: &'static str| {
            let c = &c;
            async move {
                let r = c.query_one(&format!("SHOW {naam}"), &[]).await.unwrap();
                r.get::<_, String>(0)
            }
        };
        assert_eq!(toon("statement_timeout").await, "15s");
        assert_eq!(toon("idle_in_transaction_session_timeout").await, "10s");
    });
}

/// A TCP relay to the server that can freeze: while frozen it takes what either side sends and
/// passes nothing on, as a link that went dead without closing.
struct Relais {
    poort: u16,
    bevroren: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Relais {
    async fn start(naar: u16) -> Relais {
        use std::sync::atomic::Ordering;
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let poort = l.local_addr().unwrap().port();
        let bevroren = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let b = bevroren.clone();
        tokio::spawn(async move {
            while let Ok((binnen, _)) = l.accept().await {
                let Ok(buiten) = tokio::net::TcpStream::connect(("127.0.0.1", naar)).await else {
                    continue;
                };
                let (bl, bs) = binnen.into_split();
                let (ul, us) = buiten.into_split();
                for (mut van, mut naar, b) in [
                    (
                        Box::new(bl) as Box<dyn tokio::io::AsyncRead + Unpin + Send>,
                        Box::new(us) as Box<dyn tokio::io::AsyncWrite + Unpin + Send>,
                        b.clone(),
                    ),
                    (Box::new(ul) as _, Box::new(bs) as _, b.clone()),
                ] {
                    tokio::spawn(async move {
                        let mut buf = vec![0u8; 64 * 1024];
                        loop {
                            let n = match van.read(&mut buf).await {
                                Ok(0) | Err(_) => return,
                                Ok(n) => n,
                            };
                            while b.load(Ordering::SeqCst) {
                                tokio::time::sleep(Duration::from_millis(20)).await;
                            }
                            if naar.write_all(&buf[..n]).await.is_err() {
                                return;
                            }
                        }
                    });
                }
            }
        });
        Relais { poort, bevroren }
    }

    fn bevries(&self, ja: bool) {
        self.bevroren.store(ja, std::sync::atomic::Ordering::SeqCst);
    }
}

/// Issue 18 item 4 (the desk's side): a link that freezes mid-sync (no close, no error) never
/// holds the desk's sync task for longer than the round's deadline: it says "offline: server
/// antwoordt niet", rebuilds the connection, and is synced again once the link thaws.
#[test]
fn a_frozen_link_holds_the_desk_no_longer_than_the_rounds_deadline() {
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    let a = Desk::new(pg.dir(), "a");
    rt().block_on(async {
        init(&url).await;
        let relais = Relais::start(pg.port).await;
        let via = format!("postgres://loket@127.0.0.1:{}/loket", relais.poort);
        let mut rx = sync::start(cfg(&via), a.db.clone(), a.id, None);
        wacht_op(
            &mut rx,
            Duration::from_secs(15),
            "synced via the relay",
            synced,
        )
        .await;
        relais.bevries(true);
        let t0 = Instant::now();
        a.gast("Kim Peters");
        let b = wacht_op(
            &mut rx,
            sync::RONDE_DEADLINE + Duration::from_secs(10),
            "offline after the deadline",
            |b| b.indicator != SyncIndicator::Gesynchroniseerd,
        )
        .await;
        let vast = t0.elapsed();
        eprintln!("frozen link given up after {vast:?}");
        assert_eq!(b.indicator, SyncIndicator::Offline, "{b:?}");
        assert_eq!(b.fout.as_deref(), Some("server antwoordt niet"));
        assert_eq!(b.wachtend, 1);
        assert!(vast <= sync::RONDE_DEADLINE + sync::TERUGVAL + Duration::from_secs(3));
        relais.bevries(false);
        wacht_op(
            &mut rx,
            sync::VERBIND_DEADLINE + Duration::from_secs(15),
            "synced after the thaw",
            synced,
        )
        .await;
    });
}
