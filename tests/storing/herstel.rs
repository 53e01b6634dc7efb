//! Backups, clocks and a desk twice: a desk file put back from a backup copy, a server restored
//! from a backup with one desk never returning, a desk clock minutes and a day ahead (in a child
//! process, `LOKET_KLOK_SCHEEF_MS`), and one desk file synced by two desks at once.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::Utc;

use crate::desks::{BIN, Geval, assert_gelijk, cfg, client, init, rt, server_tel};

const T: Duration = Duration::from_secs(30);

fn pg_bin(tool: &str) -> PathBuf {
    let out = Command::new("pg_config").arg("--bindir").output().unwrap();
    PathBuf::from(String::from_utf8(out.stdout).unwrap().trim()).join(tool)
}

fn pg_tool(g: &Geval, tool: &str, args: &[&str]) {
    let status = Command::new(pg_bin(tool))
        .args([
            "-h",
            "127.0.0.1",
            "-p",
            &g.pg.port.to_string(),
            "-U",
            "loket",
        ])
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "{tool} {args:?}");
}

#[test]
fn een_desk_bestand_teruggezet_uit_een_backup_gaat_door() {
    let Some(g) = Geval::start("desk_backup") else {
        return;
    };
    let a = g.desk("a");
    let b = g.desk("b");
    let kopie = g.dir().join("a-backup.db");
    rt().block_on(async {
        init(&g.url).await;
        a.gasten("Voor de backup", 5);
        a.ronde_binnen(T).await;
        // Three changes wait when the copy is made (a consistent copy of the live file); the
        // desk hands them in right after, and goes on.
        a.gasten("Wachtend bij de backup", 3);
        rusqlite::Connection::open(&a.db)
            .unwrap()
            .execute("VACUUM INTO ?1", [kopie.to_str().unwrap()])
            .unwrap();
        a.ronde_binnen(T).await;
        a.gasten("Na de backup", 5);
        a.ronde_binnen(T).await;
        b.ronde_binnen(T).await;
        // The file is lost; the backup copy is put back.
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", a.db.display()));
        }
        std::fs::copy(&kopie, &a.db).unwrap();
        // As the beheerder does after putting a file back: only its owner may read it (loket
        // refuses a desk file others can read).
        std::fs::set_permissions(&a.db, std::os::unix::fs::PermissionsExt::from_mode(0o600))
            .unwrap();
        a.gasten("Na het terugzetten", 5);
        let r = tokio::time::timeout(T, a.ronde()).await;
        assert!(
            matches!(r, Ok(Ok(_))),
            "de teruggezette desk synchroniseert: {r:?}"
        );
        assert_eq!(a.wachtend(), 0, "niets blijft hangen");
        b.ronde_binnen(T).await;
        a.ronde_binnen(T).await;
        assert_eq!(a.tel("SELECT count(*) FROM bezoeker"), 18);
        assert_gelijk(&g.url, &[&a, &b], &[]).await;
    });
}

/// A server restored from a backup, `loket server init --nieuw-epoch`; desk C, whose changes
/// after the backup the others have read, never returns. Decisions made after the backup stay
/// made (A's confirmed booking stays, B's refused one stays refused, whichever desk is back
/// first), and C's rows come back to the server from the desks that hold them.
#[test]
fn een_server_uit_een_backup_met_een_desk_die_nooit_terugkomt() {
    let Some(g) = Geval::start("server_backup") else {
        return;
    };
    let a = g.desk("a");
    let b = g.desk("b");
    let c = g.desk("c");
    let backup = g.dir().join("server.dump");
    rt().block_on(async {
        init(&g.url).await;
        a.gasten("A voor de backup", 3);
        a.ronde_binnen(T).await;
        b.ronde_binnen(T).await;
        c.ronde_binnen(T).await;
        pg_tool(
            &g,
            "pg_dump",
            &["-Fc", "-f", backup.to_str().unwrap(), &g.db],
        );
        // After the backup: C registers visitors and is never seen again; A and B book one slot.
        c.gasten("C na de backup", 3);
        c.ronde_binnen(T).await;
        let (eerste, tweede) = crate::conflicten::zelfde_tijdslot(&a, &b).await;
        a.ronde_binnen(T).await;
        let rb = b.ronde_binnen(T).await;
        assert_eq!(rb.geweigerd.len(), 1, "voor het terugzetten: B geweigerd");
        a.ronde_binnen(T).await;
        b.ronde_binnen(T).await;
        drop(c);
        // The server is lost and restored from the backup, with a new epoch.
        pg_tool(&g, "dropdb", &[&g.db]);
        pg_tool(&g, "createdb", &[&g.db]);
        pg_tool(&g, "pg_restore", &["-d", &g.db, backup.to_str().unwrap()]);
        let out = Command::new(BIN)
            .args(["server", "init", "--url", &g.url, "--nieuw-epoch"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        // B is back first, then A; each twice, so each reads what the other handed in.
        let mut fouten = Vec::new();
        for d in [&b, &a, &b, &a] {
            if let Err(e) = tokio::time::timeout(T, d.ronde())
                .await
                .map_err(|_| anyhow::anyhow!("hangt"))
                .and_then(|r| r)
            {
                fouten.push(format!("{}: {e:#}", d.naam));
            }
        }
        assert!(fouten.is_empty(), "rondes na het terugzetten: {fouten:?}");
        let status = |id: uuid::Uuid| {
            let url = g.url.clone();
            async move {
                client(&url)
                    .await
                    .query_opt(
                        "SELECT payload->>'status' FROM loket_record WHERE record_id = $1",
                        &[&id],
                    )
                    .await
                    .unwrap()
                    .map(|r| r.get::<_, String>(0))
            }
        };
        let (s1, s2) = (status(eerste).await, status(tweede).await);
        eprintln!("na het terugzetten: A's afspraak {s1:?}, B's afspraak {s2:?}");
        assert_gelijk(&g.url, &[&a, &b], &[]).await;
        assert_eq!(
            s1.as_deref(),
            Some("gepland"),
            "A's bevestigde afspraak blijft bevestigd"
        );
        assert!(
            s2.is_none() || s2.as_deref() == Some("geweigerd"),
            "B's geweigerde afspraak blijft geweigerd: {s2:?}"
        );
    });
}

/// Desk A's clock runs `scheef_ms` ahead. Apart from B, A corrects Eva's phone number; a
/// little later (in real time) B corrects it too and syncs. Then A syncs, as `loket sync
/// --once` with the skewed clock: B's newer edit must stay, A must be told its edit lost, and
/// no stamp or `updated_at` may lie in the future.
fn klok_scheef(scheef_ms: i64, naam: &str) {
    let Some(g) = Geval::start(naam) else {
        return;
    };
    let a = g.desk("a");
    let b = g.desk("b");
    let rt = rt();
    let eva = rt.block_on(async {
        init(&g.url).await;
        let eva = a.klant("Eva", "Bakker", "0611111111", Utc::now());
        a.ronde_binnen(T).await;
        b.ronde_binnen(T).await;
        eva
    });
    // A's edit, stamped by A's own (skewed) clock, as the desk does before it has synced.
    let a_klok = Utc::now() + chrono::Duration::milliseconds(scheef_ms);
    loket::store::klanten::wijzig_contact(&mut a.store(), eva, ["0622222222", ""], a_klok).unwrap();
    // B's edit comes later in real time (after A's).
    let na_a = Utc::now() + chrono::Duration::milliseconds(1);
    while Utc::now() < na_a {
        std::hint::spin_loop();
    }
    loket::store::klanten::wijzig_contact(&mut b.store(), eva, ["0633333333", ""], Utc::now())
        .unwrap();
    rt.block_on(b.ronde_binnen(T));
    let (ok, uit) = a.sync_proces(&[("LOKET_KLOK_SCHEEF_MS", scheef_ms.to_string())]);
    assert!(ok, "loket sync --once met een scheve klok: {uit}");
    rt.block_on(async {
        b.ronde_binnen(T).await;
        a.ronde_binnen(T).await;
        assert_gelijk(&g.url, &[&a, &b], &[]).await;
        // Both numbers are kept (natural keys); B's, made later in real time, is the voorkeur
        // on both desks: A's offline edit was put back at its real time.
        for d in [&a, &b] {
            assert_eq!(
                d.telefoons(eva),
                vec!["0633333333".to_string(), "0622222222".to_string()],
                "{}: B's newer number is the voorkeur",
                d.naam
            );
        }
        let toekomst = client(&g.url)
            .await
            .query_one(
                "SELECT count(*) FROM loket_record
                 WHERE (payload->>'updated_at')::timestamptz > now() + interval '1 minute'
                    OR split_part(hlc, '-', 1)::bigint > (extract(epoch FROM now()) * 1000)::bigint + 60000",
                &[],
            )
            .await
            .unwrap()
            .get::<_, i64>(0);
        eprintln!("klok {scheef_ms} ms voor: voorkeur {:?}", a.telefoons(eva));
        assert_eq!(toekomst, 0, "no stamp or updated_at lies in the future");
    });
}

#[test]
fn een_desk_klok_minuten_voor() {
    klok_scheef(5 * 60_000, "klok_minuten");
}

#[test]
fn een_desk_klok_een_dag_voor() {
    klok_scheef(24 * 3_600_000, "klok_dag");
}

/// One desk file, two desks on it (started twice by mistake): both sync tasks run, the desk
/// goes on writing; every change reaches the server once, and the file agrees with it.
#[test]
fn een_desk_twee_keer_gestart_op_een_bestand() {
    let Some(g) = Geval::start("twee_keer") else {
        return;
    };
    let a = g.desk("a");
    let b = g.desk("b");
    rt().block_on(async {
        init(&g.url).await;
        let mut taken = Vec::new();
        for _ in 0..2 {
            taken.push(loket::sync::start(
                cfg(&a.url()),
                a.db.clone(),
                a.id,
                Some("Stadskantoor".into()),
            ));
        }
        let (pad, id) = (a.db.clone(), a.id);
        tokio::task::spawn_blocking(move || {
            for i in 0..100 {
                let mut s = loket::store::Store::open(&pad, id).unwrap();
                loket::store::klantgeleiding::bezoeker_binnen(
                    &mut s,
                    "Stadskantoor",
                    &format!("Gast {i}"),
                    "Team ICT",
                    None,
                    Utc::now(),
                )
                .unwrap();
            }
        })
        .await
        .unwrap();
        // And once more as a process beside them.
        let (ok, uit) = tokio::task::spawn_blocking({
            let cfg = a.config.clone();
            move || {
                let out = Command::new(BIN)
                    .args(["sync", "--once", "--config", cfg.to_str().unwrap()])
                    .output()
                    .unwrap();
                (out.status.success(), format!("{out:?}"))
            }
        })
        .await
        .unwrap();
        assert!(ok, "loket sync --once naast de twee taken: {uit}");
        let tot = Instant::now() + Duration::from_secs(60);
        let mut laatste = Vec::new();
        while a.wachtend() > 0 {
            for rx in &mut taken {
                while let Ok(m) = rx.try_recv() {
                    if let Some(f) = m.fout {
                        laatste.push(f);
                    }
                }
            }
            assert!(
                Instant::now() < tot,
                "na 60 s wachten nog {} wijzigingen; fouten van de taken: {laatste:?}",
                a.wachtend()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        drop(taken);
        a.ronde_binnen(T).await;
        b.ronde_binnen(T).await;
        assert_eq!(
            server_tel(
                &g.url,
                &format!("SELECT count(*) FROM loket_op WHERE desk_id = '{}'", a.id)
            )
            .await,
            100
        );
        assert_gelijk(&g.url, &[&a, &b], &[]).await;
    });
}
