//! Two real desks on one throwaway PostgreSQL: a visitor travels, and two balies press `v` at once.

use crate::common::{BIN, WACHTWOORD};
use crate::pg;
use crate::tmux::{Tmux, tmux_available};
use std::process::Command;
use std::time::{Duration, Instant};

/// A medewerker login on the shared database (`loket server medewerker toevoegen`), with
/// [`WACHTWOORD`] as its password.
fn medewerker(url: &str, dir: &std::path::Path, login: &str, naam: &str) {
    let pw = dir.join(format!("{login}.medewerker"));
    std::fs::write(&pw, WACHTWOORD).unwrap();
    let out = Command::new(BIN)
        .args(["server", "medewerker", "toevoegen", "--url", url])
        .args(["--login", login, "--naam", naam, "--rol", "medewerker"])
        .arg("--wachtwoord-bestand")
        .arg(&pw)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
}

/// Two desks (the real binary, each with its own database) on one throwaway PostgreSQL: the
/// server set up with `loket server init`, each desk registered with a login of its own
/// (`loket server desk registreren`, its password in a file, SCRAM required by pg_hba.conf), a
/// visitor registered on one desk shows on the other, the status bars say gesynchroniseerd, and
/// `loket sync status` tells the same and under which login.
#[test]
fn a_visitor_registered_on_one_desk_appears_on_the_other_through_the_shared_database() {
    if !tmux_available() {
        return;
    }
    let Some(pg) = pg::Pg::start() else { return };
    let url = pg.database("loket");
    let out = Command::new(BIN)
        .args(["server", "init", "--url", &url])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains(&format!("naar {}", loket::sync::server::SERVER_SCHEMA))
    );
    pg.wachtwoorden_verplicht();
    let dir = tempfile::tempdir().unwrap();
    let desk = |naam: &str, nr: u32| {
        let db = dir.path().join(format!("{naam}.db"));
        let cfg = dir.path().join(format!("{naam}.toml"));
        let out = Command::new(BIN)
            .args(["demo", "--db", db.to_str().unwrap(), "--days", "2"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let id = format!("0190a0b0-0000-4000-8000-00000000d0{nr:02}");
        let pw = dir.path().join(format!("{naam}.wachtwoord"));
        let out = Command::new(BIN)
            .args([
                "server",
                "desk",
                "registreren",
                "--url",
                &url,
                "--desk-id",
                &id,
            ])
            .args(["--naam", &format!("Snelbalie {nr}"), "--wachtwoord-bestand"])
            .arg(&pw)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let login = loket::identiteit::beheer::desk_login("loket", id.parse().unwrap());
        std::fs::write(
            &cfg,
            format!(
                "desk_id = \"{id}\"\n\
                 database = \"{}\"\n\n\
                 [balie]\nlocatie = \"Stadskantoor\"\nnaam = \"Snelbalie {nr}\"\n\n[sync]\nurl = \"{}\"\npassword_file = \"{}\"\n",
                db.display(),
                pg.url_voor("loket", &login),
                pw.display()
            ),
        )
        .unwrap();
        cfg
    };
    let (cfg_a, cfg_b) = (desk("a", 1), desk("b", 2));
    medewerker(&url, dir.path(), "m.desk-a", "Desk A");
    medewerker(&url, dir.path(), "m.desk-b", "Desk B");
    let a = Tmux::start(&format!("{BIN} --config {}", cfg_a.display()), 100, 30);
    let b = Tmux::start(&format!("{BIN} --config {}", cfg_b.display()), 100, 30);
    // Each medewerker signs in with their own login, checked by the shared database (SCRAM).
    a.aanmelden("m.desk-a", WACHTWOORD);
    b.aanmelden("m.desk-b", WACHTWOORD);
    a.wait_for(&["Desk A (medewerker)"], 20);
    b.wait_for(&["Desk B (medewerker)"], 20);
    a.wait_for(&["gesynchroniseerd"], 20);
    b.wait_for(&["gesynchroniseerd"], 20);
    a.keys(&["F2"]);
    a.wait_for(&["Snelbalie 1 · Stadskantoor"], 10);
    a.keys(&["g"]);
    a.wait_for(&["Bezoeker registreren"], 10);
    a.text("Kim Peters");
    a.keys(&["Enter"]);
    a.text("Team ICT");
    a.keys(&["Enter"]);
    a.keys(&["Enter"]);
    a.wait_for(&["Kim Peters is binnen"], 10);
    b.keys(&["F2"]);
    b.wait_for(&["In het gebouw: 1"], 10);
    b.keys(&["u"]);
    b.wait_for(&["Kim Peters → Team ICT"], 10);
    // Signed out on B: gone on A.
    b.keys(&["Enter"]);
    b.wait_for(&["Kim Peters is vertrokken"], 10);
    a.wait_gone("In het gebouw", 10);
    // Ctrl-C, not Esc and q: an Esc straight before q can arrive as Alt-q.
    for t in [&a, &b] {
        t.keys(&["C-c"]);
        t.wait_for(&["EXIT=0"], 10);
    }
    let out = Command::new(BIN)
        .args(["sync", "status", "--config", cfg_a.to_str().unwrap()])
        .output()
        .unwrap();
    let status = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{status}");
    assert!(status.contains("verbinding  ok"), "{status}");
    assert!(
        status.contains("(de eigen login van deze desk)"),
        "{status}"
    );
    assert!(status.contains("wachtend    0 wijzigingen"), "{status}");
    assert!(status.contains("geweigerd   0"), "{status}");
    let out = Command::new(BIN)
        .args(["sync", "--once", "--config", cfg_b.to_str().unwrap()])
        .output()
        .unwrap();
    let once = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{once}");
    assert!(once.contains("geweigerd 0, wachtend 0"), "{once}");
    // Unreachable: sync --once says so and exits non-zero; the changes wait.
    let mut c = std::fs::read_to_string(&cfg_b).unwrap();
    c = c.replace("/loket\"", "/bestaat_niet\"");
    std::fs::write(&cfg_b, c).unwrap();
    let out = Command::new(BIN)
        .args(["sync", "--once", "--config", cfg_b.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
}

/// Issue 15: two synced balies (the real binary, its sync task and timer) press `v` at once:
/// online each waits for the server's verdict, so they announce different visitors, the loser
/// (if the server refused it) is told with the number, and nobody falls back to announcing
/// without the server.
#[test]
fn two_synced_balies_pressing_v_at_once_announce_different_visitors() {
    if !tmux_available() {
        return;
    }
    let Some(pg) = pg::Pg::start() else { return };
    let url = pg.database("loket");
    let out = Command::new(BIN)
        .args(["server", "init", "--url", &url])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let dir = tempfile::tempdir().unwrap();
    // Three visitors checked in at a receptie (its own file), handed in.
    let receptie = dir.path().join("receptie.db");
    let receptie_id = uuid::Uuid::now_v7();
    let mut store = loket::store::Store::open(&receptie, receptie_id).unwrap();
    let nu = chrono::Utc::now();
    for i in 0..3 {
        loket::store::klantgeleiding::inchecken(
            &mut store,
            "Stadskantoor",
            "Ophalen",
            "S",
            None,
            nu + chrono::Duration::milliseconds(i),
        )
        .unwrap();
    }
    drop(store);
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async {
            let cfg = loket::config::SyncConfig {
                url: url.clone(),
                password_file: None,
                sslmode: None,
                ca_file: None,
            };
            let (mut c, _) = loket::sync::verbinding::verbind(&cfg).await.unwrap();
            loket::sync::ronde(&mut c, &receptie, receptie_id, Some("Stadskantoor"))
                .await
                .unwrap();
        });
    let desk = |nr: u32| {
        let db = dir.path().join(format!("balie{nr}.db"));
        let cfg = dir.path().join(format!("balie{nr}.toml"));
        std::fs::write(
            &cfg,
            format!(
                "desk_id = \"0190a0b0-0000-4000-8000-00000000e0{nr:02}\"\n\
                 database = \"{}\"\n\n\
                 [balie]\nlocatie = \"Stadskantoor\"\nnaam = \"Snelbalie {nr}\"\n\n[sync]\nurl = \"{url}\"\n",
                db.display()
            ),
        )
        .unwrap();
        let login = format!("m.balie-{nr}");
        medewerker(&url, dir.path(), &login, &format!("Balie {nr}"));
        let t = Tmux::start(&format!("{BIN} --config {}", cfg.display()), 100, 30);
        t.aanmelden(&login, WACHTWOORD);
        t
    };
    let (a, b) = (desk(1), desk(2));
    for t in [&a, &b] {
        t.wait_for(&["gesynchroniseerd"], 20);
        t.keys(&["F2"]);
        t.wait_for(&["Ophalen: 3 wachtend"], 20);
    }
    a.keys(&["v"]);
    b.keys(&["v"]);
    // Both screens watched together (a notice gives way to the key hints after a few
    // seconds): the visitor in hand is the pane's "Opgeroepen: S-00x (Ophalen)".
    let in_hand = |screen: &str| -> Option<String> {
        let na = screen.split("Opgeroepen: ").nth(1)?;
        let nummer = na.split(' ').next()?;
        na.starts_with(&format!("{nummer} (Ophalen)"))
            .then(|| nummer.to_string())
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    let (na, nb) = loop {
        let (sa, sb) = (a.capture(), b.capture());
        for screen in [&sa, &sb] {
            assert!(!screen.contains("Server antwoordt niet"), "{screen}");
        }
        if let (Some(na), Some(nb)) = (in_hand(&sa), in_hand(&sb)) {
            break (na, nb);
        }
        assert!(Instant::now() < deadline, "no announcement:\n{sa}\n{sb}");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(na.starts_with("S-") && nb.starts_with("S-"), "{na} {nb}");
    assert_ne!(na, nb, "two balies announced the same visitor");
    for t in [&a, &b] {
        t.keys(&["C-c"]);
        t.wait_for(&["EXIT=0"], 10);
    }
}
