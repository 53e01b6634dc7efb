//! Exactly once through crashes, kills, restarts, replays, gaps, restores and refusals.

use crate::common::{Desk, afspraak, cfg, client, init, rt, server_tel};
use crate::pg::Pg;
use chrono::{Duration, Utc};
use loket::store::Store;
use loket::sync::{self, desk, server};
use uuid::Uuid;

#[test]
fn a_change_on_one_desk_arrives_on_the_other_and_500_offline_changes_arrive_exactly_once() {
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    let a = Desk::new(pg.dir(), "a");
    let b = Desk::new(pg.dir(), "b");
    rt().block_on(async {
        init(&url).await;
        let kim = a.gast("Kim Peters");
        a.ronde(&url).await.unwrap();
        let r = b.ronde(&url).await.unwrap();
        assert_eq!(r.toegepast.tabellen, vec!["bezoeker".to_string()]);
        assert_eq!(
            b.tel("SELECT count(*) FROM bezoeker WHERE naam = 'Kim Peters'"),
            1
        );
        assert_eq!(
            b.tel("SELECT count(*) FROM outbox"),
            0,
            "downloaded changes never enter the outbox"
        );
        // B signs Kim out; A sees it.
        let mut op_b = b.store();
        let gezien = loket::store::klantgeleiding::in_gebouw(op_b.conn(), "Stadskantoor").unwrap();
        assert_eq!(gezien[0].meta.id, kim.meta.id);
        loket::store::klantgeleiding::bezoeker_buiten(&mut op_b, gezien[0].clone(), Utc::now())
            .unwrap();
        b.ronde(&url).await.unwrap();
        a.ronde(&url).await.unwrap();
        assert_eq!(
            a.tel("SELECT count(*) FROM bezoeker WHERE buiten_op IS NOT NULL"),
            1
        );
        // A offline: the round fails, nothing is lost; 500 changes wait.
        let offline = pg.url("bestaat_niet");
        assert!(a.ronde(&offline).await.is_err());
        for i in 0..500 {
            a.gast(&format!("Gast {i}"));
        }
        assert!(a.ronde(&offline).await.is_err());
        assert_eq!(
            a.tel("SELECT count(*) FROM outbox WHERE uploaded_at IS NULL"),
            500
        );
        let r = a.ronde(&url).await.unwrap();
        assert_eq!((r.verstuurd, r.wachtend), (500, 0));
        b.ronde(&url).await.unwrap();
        assert_eq!(b.tel("SELECT count(*) FROM bezoeker"), 501);
        assert_eq!(
            server_tel(
                &url,
                "SELECT count(*) FROM loket_record WHERE tabel = 'bezoeker'"
            )
            .await,
            501
        );
        // Exactly once: one applied operation per outbox row (A: 1 + 500, B: 1).
        assert_eq!(server_tel(&url, "SELECT count(*) FROM loket_op").await, 502);
        assert_eq!(
            server_tel(&url, "SELECT count(DISTINCT op_id) FROM loket_op").await,
            502
        );
    });
}

#[test]
fn a_desk_that_crashes_before_or_after_the_server_committed_loses_nothing_and_duplicates_nothing() {
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    let a = Desk::new(pg.dir(), "a");
    rt().block_on(async {
        init(&url).await;
        // Crash 1: the outbox row is committed, the upload never happened. Next start: sent.
        a.gast("Voor de crash");
        // Crash 2: the server committed the batch, the desk never heard back (its outbox still
        // says "not uploaded"): the next round sends the same operations again.
        let ops = {
            let c = sync::open_db(&a.db).unwrap();
            desk::te_versturen(&c, 100).unwrap()
        };
        let mut c = client(&url).await;
        let eerst = server::lever_in(&mut c, a.id, &ops).await.unwrap();
        assert_eq!(eerst.uitkomsten, vec![(1, server::Uitkomst::Toegepast)]);
        a.gast("Na de crash");
        let r = a.ronde(&url).await.unwrap();
        assert_eq!(
            r.verstuurd, 2,
            "both sent; the first answered from the stored outcome"
        );
        assert_eq!(server_tel(&url, "SELECT count(*) FROM loket_op").await, 2);
        assert_eq!(
            server_tel(&url, "SELECT count(*) FROM loket_change").await,
            2
        );
        assert_eq!(
            server_tel(&url, "SELECT count(*) FROM loket_record").await,
            2
        );
    });
}

#[test]
fn replayed_shuffled_and_gapped_batches_change_nothing() {
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    let a = Desk::new(pg.dir(), "a");
    rt().block_on(async {
        init(&url).await;
        for i in 0..5 {
            a.gast(&format!("G{i}"));
        }
        let ops = desk::te_versturen(&sync::open_db(&a.db).unwrap(), 100).unwrap();
        let mut c = client(&url).await;
        // A gap (starting at 3) and a shuffled batch (3, 1, 2): the server applies nothing and
        // says where to start.
        let gat = server::lever_in(&mut c, a.id, &ops[2..]).await.unwrap();
        assert_eq!((gat.uitkomsten.len(), gat.gat), (0, Some(1)));
        let geschud = vec![ops[2].clone(), ops[0].clone(), ops[1].clone()];
        let g = server::lever_in(&mut c, a.id, &geschud).await.unwrap();
        assert_eq!((g.uitkomsten.len(), g.gat), (0, Some(1)));
        assert_eq!(
            server_tel(&url, "SELECT count(*) FROM loket_change").await,
            0
        );
        // In order: all five; replayed twice: the same outcomes, nothing new.
        let goed = server::lever_in(&mut c, a.id, &ops).await.unwrap();
        assert_eq!(goed.uitkomsten.len(), 5);
        for _ in 0..2 {
            let again = server::lever_in(&mut c, a.id, &ops).await.unwrap();
            assert_eq!(again, goed);
        }
        assert_eq!(
            server_tel(&url, "SELECT count(*) FROM loket_change").await,
            5
        );
        assert_eq!(
            server_tel(&url, "SELECT max(last_op_seq) FROM loket_desk").await,
            5
        );
    });
}

#[test]
fn twenty_desks_uploading_at_once_never_make_a_reader_skip_a_change_number() {
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    let desks: Vec<Desk> = (0..20)
        .map(|i| Desk::new(pg.dir(), &format!("d{i}")))
        .collect();
    for d in &desks {
        for i in 0..40 {
            d.gast(&format!("G{i}"));
        }
    }
    rt().block_on(async {
        init(&url).await;
        let totaal = 20 * 40;
        // A reader polls `seq > cursor` all the time; every number it ever sees must follow the
        // previous one it saw (a skipped number would be a change it never reads).
        let lezer = {
            let url = url.clone();
            tokio::spawn(async move {
                let c = client(&url).await;
                let mut cursor = 0;
                let mut gezien = 0;
                while gezien < totaal {
                    for w in server::wijzigingen(&c, cursor, 1000).await.unwrap() {
                        assert_eq!(w.seq, cursor + 1, "reader skipped a number");
                        cursor = w.seq;
                        gezien += 1;
                    }
                }
                gezien
            })
        };
        let mut schrijvers = Vec::new();
        for d in &desks {
            let (db, id, url) = (d.db.clone(), d.id, url.clone());
            schrijvers.push(tokio::spawn(async move {
                let ops = desk::te_versturen(&sync::open_db(&db).unwrap(), 1000).unwrap();
                let mut c = client(&url).await;
                // Small batches, so the desks' transactions interleave.
                for stuk in ops.chunks(5) {
                    server::lever_in(&mut c, id, stuk).await.unwrap();
                }
            }));
        }
        for s in schrijvers {
            s.await.unwrap();
        }
        assert_eq!(lezer.await.unwrap(), totaal);
        assert_eq!(
            server_tel(&url, "SELECT max(seq) FROM loket_change").await,
            totaal
        );
    });
}

#[test]
fn a_server_crash_mid_batch_and_a_restart_lose_and_duplicate_nothing() {
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    let a = Desk::new(pg.dir(), "a");
    for i in 0..3000 {
        a.gast(&format!("G{i}"));
    }
    rt().block_on(async {
        init(&url).await;
        // Upload in the background; stop the server the hard way while batches are in flight.
        let upload = {
            let (db, id, url) = (a.db.clone(), a.id, url.clone());
            tokio::spawn(async move {
                let (mut c, _) = sync::verbinding::verbind(&cfg(&url)).await.unwrap();
                sync::ronde(&mut c, &db, id, Some("Stadskantoor")).await
            })
        };
        loop {
            let n = server_tel(&url, "SELECT count(*) FROM loket_op").await;
            if n > 0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        pg.stop_immediate();
        assert!(upload.await.unwrap().is_err(), "the round noticed");
        pg.start_server();
        let r = a.ronde(&url).await.unwrap();
        assert_eq!(r.wachtend, 0);
        assert_eq!(
            server_tel(&url, "SELECT count(*) FROM loket_op").await,
            3000
        );
        assert_eq!(
            server_tel(&url, "SELECT count(DISTINCT record_id) FROM loket_change").await,
            3000
        );
        assert_eq!(
            server_tel(&url, "SELECT count(*) FROM loket_change").await,
            3000
        );
    });
}

#[test]
fn after_a_restore_from_backup_and_a_new_epoch_desks_hand_in_and_read_again() {
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    let a = Desk::new(pg.dir(), "a");
    let b = Desk::new(pg.dir(), "b");
    let bin = std::path::PathBuf::from(
        String::from_utf8(
            std::process::Command::new("pg_config")
                .arg("--bindir")
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap()
        .trim(),
    );
    let backup = pg.dir().join("backup.dump");
    let pg_tool = |tool: &str, args: &[&str]| {
        let status = std::process::Command::new(bin.join(tool))
            .args(["-h", "127.0.0.1", "-p", &pg.port.to_string(), "-U", "loket"])
            .args(args)
            .status()
            .unwrap();
        assert!(status.success(), "{tool} {args:?}");
    };
    rt().block_on(async {
        init(&url).await;
        for i in 0..3 {
            a.gast(&format!("Voor de backup {i}"));
        }
        a.ronde(&url).await.unwrap();
        pg_tool("pg_dump", &["-Fc", "-f", backup.to_str().unwrap(), "loket"]);
        for i in 0..2 {
            a.gast(&format!("Na de backup {i}"));
        }
        a.ronde(&url).await.unwrap();
        b.ronde(&url).await.unwrap();
        assert_eq!(b.tel("SELECT count(*) FROM bezoeker"), 5);
        // The server is lost and restored from the backup: it lacks the last two changes.
        pg_tool("dropdb", &["loket"]);
        pg_tool("createdb", &["loket"]);
        pg_tool("pg_restore", &["-d", "loket", backup.to_str().unwrap()]);
        assert_eq!(
            server_tel(&url, "SELECT count(*) FROM loket_record").await,
            3
        );
        server::nieuw_epoch(&client(&url).await).await.unwrap();
        // A notices the new epoch and hands in again what the server lacks; B reads all again.
        a.ronde(&url).await.unwrap();
        assert_eq!(
            server_tel(&url, "SELECT count(*) FROM loket_record").await,
            5
        );
        assert_eq!(server_tel(&url, "SELECT count(*) FROM loket_op").await, 5);
        let c = Desk::new(pg.dir(), "c");
        c.ronde(&url).await.unwrap();
        assert_eq!(c.tel("SELECT count(*) FROM bezoeker"), 5);
        b.ronde(&url).await.unwrap();
        assert_eq!(b.tel("SELECT count(*) FROM bezoeker"), 5);
        assert_eq!(
            desk::cursor(&sync::open_db(&b.db).unwrap()).unwrap(),
            server_tel(&url, "SELECT max(seq) FROM loket_change").await
        );
    });
}

/// The real binary killed with SIGKILL in the middle of `loket sync --once` (batches committed on
/// the server, the desk's bookkeeping of some not yet written), then run again: every change
/// arrives exactly once.
#[test]
fn a_desk_process_killed_mid_upload_loses_and_duplicates_nothing() {
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    let a = Desk::new(pg.dir(), "a");
    let mut s = a.store();
    for i in 0..2500 {
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
    drop(s);
    let cfg_pad = pg.dir().join("a.toml");
    std::fs::write(
        &cfg_pad,
        format!(
            "desk_id = \"{}\"\ndatabase = \"{}\"\n\n[sync]\nurl = \"{url}\"\n",
            a.id,
            a.db.display()
        ),
    )
    .unwrap();
    let bin = env!("CARGO_BIN_EXE_loket");
    rt().block_on(async {
        init(&url).await;
        let mut kind = std::process::Command::new(bin)
            .args(["sync", "--once", "--config", cfg_pad.to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Kill it once the server has applied something, while more is on its way.
        loop {
            if server_tel(&url, "SELECT count(*) FROM loket_op").await > 0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(2)).await;
        }
        kind.kill().unwrap();
        kind.wait().unwrap();
        let op_server = server_tel(&url, "SELECT count(*) FROM loket_op").await;
        let op_desk = a.tel("SELECT count(*) FROM outbox WHERE uploaded_at IS NOT NULL");
        assert!(op_server < 2500, "killed before the end ({op_server})");
        eprintln!("killed with {op_server} applied on the server, {op_desk} marked on the desk");
        let status = std::process::Command::new(bin)
            .args(["sync", "--once", "--config", cfg_pad.to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(
            server_tel(&url, "SELECT count(*) FROM loket_op").await,
            2500
        );
        assert_eq!(
            server_tel(&url, "SELECT count(*) FROM loket_change").await,
            2500
        );
        assert_eq!(
            server_tel(&url, "SELECT count(*) FROM loket_record").await,
            2500
        );
        assert_eq!(
            a.tel("SELECT count(*) FROM outbox WHERE uploaded_at IS NULL"),
            0
        );
    });
}

#[test]
fn two_desks_that_numbered_offline_before_their_first_sync_are_told_and_never_stuck() {
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    let a = Desk::new(pg.dir(), "a");
    let b = Desk::new(pg.dir(), "b");
    let ticket = |d: &Desk| {
        loket::store::klantgeleiding::inchecken(
            &mut d.store(),
            "Stadskantoor",
            "Ophalen",
            "S",
            None,
            Utc::now(),
        )
        .unwrap()
        .nummer
    };
    for d in [&a, &b] {
        d.store()
            .conn()
            .execute(
                "INSERT INTO dienst (id, created_at, updated_at, desk_id, naam, vorm, duur_minuten, prefix)
                 VALUES (?1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', ?2, 'Ophalen', 'inloop', 5, 'S')",
                [Uuid::nil().to_string(), d.id.to_string()],
            )
            .unwrap();
    }
    rt().block_on(async {
        init(&url).await;
        // Never synced, so no leased blocks: both count from 1.
        assert_eq!(ticket(&a), "S-001");
        assert_eq!(ticket(&b), "S-001");
        a.ronde(&url).await.unwrap();
        let r = b.ronde(&url).await.unwrap();
        // B is told its ticket was refused; A's S-001 cannot sit beside B's own here: skipped
        // and logged, and B reads on.
        assert_eq!(r.geweigerd.len(), 1);
        assert!(r.geweigerd[0].1.contains("ticketnummer bestaat al"));
        assert_eq!(r.toegepast.mislukt, 1);
        a.gast("Kim Peters");
        a.ronde(&url).await.unwrap();
        let r = b.ronde(&url).await.unwrap();
        assert_eq!(r.toegepast.rijen, 1, "later changes still arrive");
        // From now on B numbers from its leased block: no clash again.
        assert_eq!(ticket(&b), "S-051");
    });
}

#[test]
fn a_desk_whose_database_was_replaced_renumbers_and_loses_nothing() {
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    let a = Desk::new(pg.dir(), "a");
    rt().block_on(async {
        init(&url).await;
        for i in 0..3 {
            a.gast(&format!("Eerst {i}"));
        }
        a.ronde(&url).await.unwrap();
        // The database file is lost; the desk (same desk id, from its config) starts afresh and
        // numbers its operations from 1 again.
        std::fs::remove_file(&a.db).unwrap();
        let _ = std::fs::remove_file(a.db.with_extension("db-wal"));
        let _ = std::fs::remove_file(a.db.with_extension("db-shm"));
        drop(Store::open(&a.db, a.id).unwrap());
        for i in 0..2 {
            a.gast(&format!("Daarna {i}"));
        }
        let r = a.ronde(&url).await.unwrap();
        assert_eq!(r.wachtend, 0);
        assert_eq!(
            server_tel(&url, "SELECT count(*) FROM loket_record").await,
            5,
            "the two new ones were not taken for old ones"
        );
        assert_eq!(a.tel("SELECT min(op_seq) FROM outbox"), 4);
        // And it reads back what it had before.
        assert_eq!(a.tel("SELECT count(*) FROM bezoeker"), 5);
    });
}

#[test]
fn an_operation_with_data_the_server_cannot_take_is_refused_and_the_rest_goes_on() {
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    let a = Desk::new(pg.dir(), "a");
    rt().block_on(async {
        init(&url).await;
        // An afspraak that ends before it begins (a desk bug or a hand-edited database).
        let mut krom = afspraak("Balie 1", 10);
        krom.eind_op = krom.begin_op - Duration::minutes(15);
        a.store().save(&mut krom, Utc::now()).unwrap();
        a.gast("Kim Peters");
        let r = a.ronde(&url).await.unwrap();
        assert_eq!(r.geweigerd.len(), 1);
        assert!(
            r.geweigerd[0].1.starts_with("ongeldige gegevens"),
            "{:?}",
            r.geweigerd
        );
        assert_eq!(r.wachtend, 0, "the visitor after it went through");
        assert_eq!(
            server_tel(
                &url,
                "SELECT count(*) FROM loket_record WHERE tabel = 'bezoeker'"
            )
            .await,
            1
        );
    });
}

/// The chaos test's wedge: a desk file restored from a backup that was taken while changes
/// waited. Those changes reached the server from the original file afterwards (same operation
/// ids), and the desk went on numbering from the backup. It must carry on: what the server has is
/// recognised by operation id, the new changes are renumbered and handed in, and the changes the
/// backup missed come back from the server.
#[test]
fn a_desk_file_restored_from_a_backup_with_waiting_changes_carries_on() {
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    let a = Desk::new(pg.dir(), "a");
    let kopie = pg.dir().join("a-backup.db");
    rt().block_on(async {
        init(&url).await;
        a.gast("Al gesynchroniseerd");
        a.ronde(&url).await.unwrap();
        for i in 0..3 {
            a.gast(&format!("Wachtend bij de backup {i}"));
        }
        // The backup (SQLite's own copy, consistent).
        rusqlite::Connection::open(&a.db)
            .unwrap()
            .execute("VACUUM INTO ?1", [kopie.to_str().unwrap()])
            .unwrap();
        a.ronde(&url).await.unwrap();
        for i in 0..2 {
            a.gast(&format!("Na de backup {i}"));
        }
        a.ronde(&url).await.unwrap();
        assert_eq!(
            server_tel(&url, "SELECT count(*) FROM loket_record").await,
            6
        );
        // The file is put back from the backup; the desk works on.
        for f in ["db-wal", "db-shm"] {
            let _ = std::fs::remove_file(a.db.with_extension(f));
        }
        std::fs::copy(&kopie, &a.db).unwrap();
        // As the beheerder does after putting a file back: only its owner may read it (loket
        // refuses a desk file others can read).
        std::fs::set_permissions(&a.db, std::os::unix::fs::PermissionsExt::from_mode(0o600))
            .unwrap();
        for i in 0..2 {
            a.gast(&format!("Na het terugzetten {i}"));
        }
        let r = a
            .ronde(&url)
            .await
            .expect("the restored desk is not wedged");
        assert_eq!(r.wachtend, 0, "everything handed in");
        assert!(r.geweigerd.is_empty(), "{:?}", r.geweigerd);
        assert_eq!(
            server_tel(&url, "SELECT count(*) FROM loket_record").await,
            8,
            "the two new ones are there, the three resent ones once"
        );
        assert_eq!(
            server_tel(&url, "SELECT count(*) FROM loket_change").await,
            8
        );
        // And the desk has every row again, including the two the backup missed.
        assert_eq!(a.tel("SELECT count(*) FROM bezoeker"), 8);
        // A second round changes nothing.
        let r = a.ronde(&url).await.unwrap();
        assert_eq!((r.verstuurd, r.wachtend), (0, 0));
    });
}

#[test]
fn a_batch_that_only_creates_records_is_written_as_the_step_per_operation_writes_it() {
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    // A's batch only creates records (the server writes it as sets); B's batch creates the same
    // and also edits one of them (so the server takes it one operation at a time).
    let a = Desk::new(pg.dir(), "a");
    let b = Desk::new(pg.dir(), "b");
    rt().block_on(async {
        init(&url).await;
        let mut c = client(&url).await;
        // Another desk first, so the change numbers do not start at 1.
        let x = Desk::new(pg.dir(), "x");
        x.gast("Eerder");
        x.ronde(&url).await.unwrap();
        let mut batches = Vec::new();
        for d in [&a, &b] {
            for i in 0..4 {
                d.gast(&format!("Gast {i}"));
            }
            if d.id == b.id {
                let mut s = d.store();
                let g = loket::store::klantgeleiding::in_gebouw(s.conn(), "Stadskantoor")
                    .unwrap()
                    .into_iter()
                    .find(|g| g.naam == "Gast 0")
                    .unwrap();
                loket::store::klantgeleiding::bezoeker_buiten(&mut s, g, Utc::now()).unwrap();
            }
            let mut ops = desk::te_versturen(&sync::open_db(&d.db).unwrap(), 100).unwrap();
            // A stamp a year ahead of the server's clock: the server's time counts.
            ops[1].hlc = format!(
                "{:013}-00000-{}",
                (Utc::now() + Duration::days(365)).timestamp_millis(),
                d.id.simple()
            );
            batches.push((d.id, ops.len(), server::lever_in(&mut c, d.id, &ops).await.unwrap()));
        }
        for (desk, n, antwoord) in &batches {
            assert_eq!(antwoord.gat, None);
            assert_eq!(antwoord.hernummeren, None);
            let seqs: Vec<i64> = antwoord.uitkomsten.iter().map(|u| u.0).collect();
            assert_eq!(seqs, (1..=*n as i64).collect::<Vec<_>>(), "{desk}");
            assert!(
                antwoord
                    .uitkomsten
                    .iter()
                    .all(|u| u.1 == server::Uitkomst::Toegepast),
                "{antwoord:?}"
            );
        }
        let c = client(&url).await;
        for (desk, n, _) in &batches {
            let d = desk.to_string();
            let rij = c
                .query_one(
                    "SELECT (SELECT last_op_seq FROM loket_desk WHERE desk_id = $1::text::uuid),
                            (SELECT count(*) FROM loket_op WHERE desk_id = $1::text::uuid AND uitkomst = 'toegepast'),
                            (SELECT count(*) FROM loket_change WHERE desk_id = $1::text::uuid),
                            (SELECT max(seq) - min(seq) + 1 FROM loket_change WHERE desk_id = $1::text::uuid),
                            (SELECT count(*) FROM loket_record WHERE desk_id = $1::text::uuid
                              AND veld_hlc->>'_' IS NOT NULL AND payload->>'naam' LIKE 'Gast %'),
                            (SELECT count(*) FROM loket_record WHERE desk_id = $1::text::uuid
                              AND split_part(hlc, '-', 1)::bigint
                                  > (extract(epoch FROM now()) * 1000)::bigint + 600000)",
                    &[&d],
                )
                .await
                .unwrap();
            let (laatste, ops, changes, span, gestempeld, toekomst): (i64, i64, i64, i64, i64, i64) =
                (rij.get(0), rij.get(1), rij.get(2), rij.get(3), rij.get(4), rij.get(5));
            assert_eq!(laatste, *n as i64, "{d}");
            assert_eq!(ops, *n as i64, "{d}");
            assert_eq!((changes, span), (*n as i64, *n as i64), "numbered without gaps: {d}");
            assert_eq!(gestempeld, 4, "every new record stamped at its creation: {d}");
            assert_eq!(toekomst, 0, "no stamp far ahead of the server: {d}");
        }
        // The changes in the order the desk made them, after what was there.
        let volgorde: Vec<String> = c
            .query(
                "SELECT payload->>'naam' FROM loket_change WHERE desk_id = $1::text::uuid ORDER BY seq",
                &[&a.id.to_string()],
            )
            .await
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert_eq!(volgorde, ["Gast 0", "Gast 1", "Gast 2", "Gast 3"]);
        assert_eq!(
            server_tel(&url, "SELECT min(seq) FROM loket_change WHERE payload->>'naam' = 'Gast 0'")
                .await,
            2
        );
        // Handed in again: the stored outcomes, nothing new.
        let ops = desk::te_versturen(&sync::open_db(&a.db).unwrap(), 100).unwrap();
        let mut c = client(&url).await;
        let weer = server::lever_in(&mut c, a.id, &ops).await.unwrap();
        assert_eq!(weer, batches[0].2);
        assert_eq!(server_tel(&url, "SELECT count(*) FROM loket_change").await, 10);
    });
}
