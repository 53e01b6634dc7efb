//! The hall (issue 15): a receptie, two balies, a TIC desk with the simulator, the hall screen
//! and the floor, on one database and on PostgreSQL with sync, driven at the same moments as
//! people in a real hall do, with one balie killed with SIGKILL halfway. Whatever the timing:
//! no visitor is called twice, none is left half-served, the floor shows what the desks show,
//! and no contact is saved on a klant nobody linked.
//!
//! Without tmux (or, for the second test, PostgreSQL) the tests skip loudly; CI sets
//! LOKET_REQUIRE_TMUX and LOKET_REQUIRE_PG, which turn the skip into a failure.

mod pg;
mod tmux;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use tmux::{Tmux, tmux_available};

const BIN: &str = env!("CARGO_BIN_EXE_loket");

/// How many walk-ins the receptie checks in.
const BEZOEKERS: usize = 8;

/// One desk's config: its own desk id, its database, and what it is. Who works there signs in.
fn config(dir: &Path, nr: u32, db: &Path, rest: &str) -> PathBuf {
    let cfg = dir.join(format!("desk{nr}.toml"));
    std::fs::write(
        &cfg,
        format!(
            "desk_id = \"0190a0b0-0000-4000-8000-0000000015{nr:02}\"\n\
             database = \"{}\"\n\n{rest}\n",
            db.display()
        ),
    )
    .unwrap();
    cfg
}

/// Every hall medewerker's password.
const WACHTWOORD: &str = "welkom01";

/// A hall medewerker's login: "Rita Receptie" → "rita.receptie".
fn login(naam: &str) -> String {
    naam.to_lowercase().replace(' ', ".")
}

/// A medewerker who can sign in: an account of the database `db` (`--db`), or a login on the
/// shared database (`--url`), with their own medewerker id.
fn account(dir: &Path, waar: &[&str], naam: &str, nr: u32, rol: &str) {
    let pw = dir.join(format!("{nr}.wachtwoord"));
    std::fs::write(&pw, WACHTWOORD).unwrap();
    let mut c = Command::new(BIN);
    if waar[0] == "--url" {
        c.args(["server", "medewerker", "toevoegen"]);
    } else {
        c.args(["medewerker", "toevoegen"]);
    }
    let id = format!("0190a0b0-0000-7000-8000-0000000015{nr:02}");
    let out = c
        .args(waar)
        .args([
            "--login",
            &login(naam),
            "--naam",
            naam,
            "--rol",
            rol,
            "--id",
            &id,
        ])
        .arg("--wachtwoord-bestand")
        .arg(&pw)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
}

/// A desk started in tmux, its medewerker signed in.
fn desk_start(cmd: &str, naam: &str, w: u16, h: u16) -> Tmux {
    let t = Tmux::start(cmd, w, h);
    t.aanmelden(&login(naam), WACHTWOORD);
    t
}

fn demo(db: &Path) {
    let out = Command::new(BIN)
        .args(["demo", "--db", db.to_str().unwrap(), "--days", "2"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
}

/// The ticket number after `voor` on the screen ("Opgeroepen: U-003 naar …" → "U-003").
fn nummer_na(screen: &str, voor: &str) -> Option<String> {
    let i = screen.find(voor)? + voor.len();
    let n: String = screen[i..].chars().take(5).collect();
    (n.len() == 5 && n.starts_with("U-")).then_some(n)
}

/// The number in "☎ 4 wachtend" (TIC desk) or "Wachtend 4 · langste" / "Niemand wacht ✓" (floor).
fn wachtend_tic(screen: &str) -> Option<u32> {
    screen.match_indices("☎ ").find_map(|(i, _)| {
        let rest = &screen[i + "☎ ".len()..];
        let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
        (!n.is_empty() && rest[n.len()..].starts_with(" wachtend"))
            .then(|| n.parse().ok())
            .flatten()
    })
}

fn wachtend_vloer(screen: &str) -> Option<u32> {
    if screen.contains("Niemand wacht ✓") {
        return Some(0);
    }
    let i = screen.find("Wachtend ")? + "Wachtend ".len();
    let n: String = screen[i..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    n.parse().ok()
}

/// The waiting visitors of the dienst as a desk's Klantgeleiding pane, the floor's Balie tile
/// and the hall screen say it (None when a screen does not show the dienst at all).
fn wachtend_balie(screen: &str) -> Option<u32> {
    let voor = "Uittreksel en verklaringen: ";
    screen.match_indices(voor).find_map(|(i, _)| {
        let rest = &screen[i + voor.len()..];
        let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let na = rest[n.len()..].chars().next();
        (!n.is_empty() && na.is_none_or(char::is_whitespace))
            .then(|| n.parse().ok())
            .flatten()
    })
}

/// Wait until `f` holds for the screens of `a` and `b` read at (nearly) the same moment.
fn wacht_tot_gelijk(
    a: &Tmux,
    b: &Tmux,
    lees_a: impl Fn(&str) -> Option<u32>,
    lees_b: impl Fn(&str) -> Option<u32>,
    secs: u64,
) -> u32 {
    let deadline = Instant::now() + Duration::from_secs(secs * 3);
    loop {
        let (sa, sb) = (a.capture(), b.capture());
        if let (Some(x), Some(y)) = (lees_a(&sa), lees_b(&sb))
            && x == y
        {
            return x;
        }
        assert!(
            Instant::now() < deadline,
            "the two screens never agreed:\n{sa}\n---\n{sb}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A balie desk in the hall: its tmux session, the command that starts it (again), and the
/// tickets it announced.
struct Balie {
    naam: &'static str,
    /// Who works at it.
    medewerker: &'static str,
    cmd: String,
    t: Tmux,
    geroepen: Vec<String>,
}

impl Balie {
    fn start(naam: &'static str, medewerker: &'static str, cmd: String) -> Balie {
        let t = desk_start(&cmd, medewerker, 100, 30);
        t.wait_for(&["Klanten in de database"], 30);
        t.keys(&["F2"]);
        t.wait_for(&[&format!("{naam} · Stadskantoor")], 10);
        Balie {
            naam,
            medewerker,
            cmd,
            t,
            geroepen: Vec::new(),
        }
    }

    /// After `v`: the ticket announced, or None when nobody waits for this balie.
    fn uitkomst_v(&mut self) -> Option<String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let s = self.t.capture();
            // Announced: the visitor's contact is in hand (the notice may be longer than the
            // line when it first says whom another balie took).
            if let Some(n) = nummer_na(&s, "Contact: bezoeker ") {
                self.geroepen.push(n.clone());
                return Some(n);
            }
            if s.contains("Er wacht niemand voor deze balie") {
                return None;
            }
            assert!(Instant::now() < deadline, "no answer to v:\n{s}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Start, finish and register the visitor `n` in hand: the wrap-up is theirs (anonymous:
    /// nobody linked a klant to their ticket), saved with the dienst as onderwerp.
    fn help(&self, n: &str) {
        self.t.wait_for(
            &[&format!("Contact: bezoeker {n} · klant: — · zaak: —")],
            10,
        );
        self.t.keys(&["s"]);
        self.t.wait_for(&[&format!("In behandeling: {n}")], 10);
        self.t.keys(&["k"]);
        self.t.wait_for(
            &[
                "Contactmoment registreren",
                "anoniem (Ctrl-K in een klantbeeld koppelt)",
                "Uittreksel en verklaringen",
            ],
            10,
        );
        self.t.keys(&["C-s"]);
        self.t.wait_for(
            &["Contactmoment geregistreerd: Uittreksel en verklaringen"],
            10,
        );
    }

    /// SIGKILL, then the same desk again: it has its visitor back.
    fn kill_en_herstart(&mut self, n: &str) {
        self.t.signal_app("KILL");
        self.t.wait_for(&["EXIT=137"], 10);
        self.t = desk_start(&self.cmd, self.medewerker, 100, 30);
        self.t.wait_for(&["Klanten in de database"], 30);
        self.t.keys(&["F2"]);
        self.t.wait_for(&[&format!("Opgeroepen: {n} (")], 10);
    }
}

/// What the SQLite and the PostgreSQL hall share: check in, call at once, serve, kill one
/// balie halfway; the tickets each balie announced.
fn hal_draaien(receptie: &Tmux, b1: &mut Balie, b2: &mut Balie, bij_wachtend: impl Fn(u32)) {
    // The receptie looks up a klant (a question at the desk), then checks in the walk-ins.
    receptie.keys(&["F4"]);
    receptie.text("999901461");
    receptie.wait_for(&["BSN *****1461"], 10);
    receptie.keys(&["F2"]);
    // On a synced hall every desk leases its own block of numbers from the server, and which
    // desk leases first is a race: the receptie's numbers follow on from its first one.
    let mut eerste: Option<u32> = None;
    for i in 0..BEZOEKERS as u32 {
        receptie.keys(&["n"]);
        receptie.wait_for(&["Klant: — (Ctrl-K: koppel Jan de Vries)"], 10);
        receptie.text("uitt");
        receptie.keys(&["Enter"]);
        // The pane keeps the last ticket (a notice may give way to the next one at once).
        let verwacht = match eerste {
            Some(n) => format!("Laatste ticket: U-{:03} (Uittreksel", n + i),
            None => {
                let scherm = receptie.wait_for(&["Laatste ticket: U-"], 10);
                let n = nummer_na(&scherm, "Laatste ticket: ")
                    .and_then(|n| n[2..].parse().ok())
                    .expect("a ticket number");
                eerste = Some(n);
                format!("Laatste ticket: U-{n:03} (Uittreksel")
            }
        };
        receptie.wait_for(&[&verwacht], 10);
    }
    bij_wachtend(BEZOEKERS as u32);
    // Both balies press v at the same moment, round after round.
    let mut ronde = 0;
    loop {
        ronde += 1;
        let start = Arc::new(Barrier::new(2));
        std::thread::scope(|s| {
            for b in [&*b1, &*b2] {
                let start = start.clone();
                s.spawn(move || {
                    start.wait();
                    b.t.keys(&["v"]);
                });
            }
        });
        let (n1, n2) = (b1.uitkomst_v(), b2.uitkomst_v());
        if n1.is_none() && n2.is_none() {
            break;
        }
        assert_ne!(n1, n2, "round {ronde}: both balies announced one visitor");
        // Halfway Balie 2 dies with its visitor called, and comes back with them.
        if ronde == 2
            && let Some(n) = &n2
        {
            b2.kill_en_herstart(n);
        }
        for (b, n) in [(&*b1, &n1), (&*b2, &n2)] {
            if let Some(n) = n {
                b.help(n);
            }
        }
        assert!(ronde <= BEZOEKERS, "more rounds than visitors");
    }
}

/// Every ticket of the hall, as the database holds it at the end.
fn tickets(db: &Path) -> BTreeMap<String, (String, Option<String>, Option<String>)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let vandaag = chrono::Local::now().date_naive().to_string();
    let mut st = conn
        .prepare(
            "SELECT nummer, status, balie, partij_id FROM bezoek
             WHERE dag = ?1 AND locatie = 'Stadskantoor' AND nummer LIKE 'U-%' AND deleted = 0",
        )
        .unwrap();
    st.query_map([vandaag], |r| {
        Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// The hall's end state in `db`: every visitor served once, by the balie that announced them.
fn controleer_hal(db: &Path, b1: &Balie, b2: &Balie) {
    let t = tickets(db);
    assert_eq!(t.len(), BEZOEKERS, "{t:?}");
    // No orphan: nobody left called, in behandeling or waiting.
    for (n, (status, balie, partij)) in &t {
        assert_eq!(status, "klaar", "{n} left as {status} at {balie:?}");
        assert_eq!(partij, &None, "{n} was linked to a klant nobody linked");
    }
    // No visitor called twice: the two balies' announcements are apart and cover everyone,
    // and each visitor was served where they were announced.
    let een: BTreeSet<&String> = b1.geroepen.iter().collect();
    let twee: BTreeSet<&String> = b2.geroepen.iter().collect();
    assert!(een.is_disjoint(&twee), "{een:?} and {twee:?}");
    assert_eq!(een.len() + twee.len(), BEZOEKERS);
    assert_eq!(b1.geroepen.len() + b2.geroepen.len(), BEZOEKERS);
    for (b, naam) in [(&een, b1.naam), (&twee, b2.naam)] {
        for n in b.iter() {
            assert_eq!(t[*n].1.as_deref(), Some(naam), "{n}");
        }
    }
    // The balies' contacts: one per visitor, saved anonymous.
    let conn = rusqlite::Connection::open(db).unwrap();
    let (aantal, gekoppeld): (i64, i64) = conn
        .query_row(
            "SELECT count(*), count(partij_id) FROM contactmoment
             WHERE kanaal = 'balie' AND desk_id IN (?1, ?2)",
            [
                "0190a0b0-0000-4000-8000-000000001502",
                "0190a0b0-0000-4000-8000-000000001503",
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((aantal, gekoppeld), (BEZOEKERS as i64, 0));
}

/// The TIC desk's contacts are linked only through an unambiguous screen pop: to the one klant
/// whose number called.
fn controleer_tic(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let fout: i64 = conn
        .query_row(
            "SELECT count(*) FROM contactmoment c JOIN gesprek g ON g.id = c.gesprek_id
             WHERE c.desk_id = '0190a0b0-0000-4000-8000-000000001504' AND c.partij_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM digitaal_adres d
                               WHERE d.partij_id = c.partij_id AND d.adres = g.nummer)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(fout, 0, "a call saved on a klant whose number did not call");
    let bewaard: i64 = conn
        .query_row(
            "SELECT count(*) FROM contactmoment
             WHERE desk_id = '0190a0b0-0000-4000-8000-000000001504' AND onderwerp = 'Afvalkalender'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bewaard, 1, "the TIC desk's call was registered");
}

/// The TIC agent answers one call, hangs up and registers it.
fn tic_een_gesprek(tic: &Tmux) {
    tic.keys(&["F1"]);
    tic.keys(&["b"]);
    tic.wait_for(&["GAAT OVER"], 60);
    tic.keys(&["F6"]);
    tic.wait_for(&["Contact: beller "], 20);
    tic.keys(&["F6"]);
    tic.wait_for(&["Contactmoment registreren"], 10);
    tic.text("Afvalkalender");
    tic.keys(&["C-s"]);
    // Saved (the next caller's notice may already have replaced the confirmation).
    tic.wait_gone("Contactmoment registreren", 10);
    // Off the phone for the rest of the hall: the callers wait, as the floor must show.
    tic.keys(&["F1"]);
    tic.keys(&["p"]);
    tic.keys(&["1"]);
}

#[test]
fn a_hall_on_one_database_calls_every_visitor_once_and_the_floor_shows_what_the_desks_show() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hal.db");
    demo(&db);
    let balie = |naam: &str| format!("[balie]\nlocatie = \"Stadskantoor\"\nnaam = \"{naam}\"");
    let cfg_r = config(dir.path(), 1, &db, "[balie]\nlocatie = \"Stadskantoor\"");
    let cfg_b1 = config(dir.path(), 2, &db, &balie("Snelbalie 1"));
    let cfg_b2 = config(dir.path(), 3, &db, &balie("Snelbalie 2"));
    let cfg_t = config(
        dir.path(),
        4,
        &db,
        "[telefonie]\nbron = \"simulator\"\nsnelheid = 8\nseed = 15",
    );
    let cfg_v = config(dir.path(), 5, &db, "");
    let waar = ["--db", db.to_str().unwrap()];
    for (naam, nr, rol) in [
        ("Rita Receptie", 1, "medewerker"),
        ("Bas Balie", 2, "medewerker"),
        ("Bea Balie", 3, "medewerker"),
        ("Tom Tic", 4, "medewerker"),
        ("Vera Vloer", 5, "supervisor"),
    ] {
        account(dir.path(), &waar, naam, nr, rol);
    }
    let desk = |cfg: &Path| format!("{BIN} --config {}", cfg.display());
    let receptie = desk_start(&desk(&cfg_r), "Rita Receptie", 100, 30);
    let tic = desk_start(&desk(&cfg_t), "Tom Tic", 100, 30);
    // The floor's wall screen, started by the supervisor (signed in: the agents' names show),
    // and a second one nobody signed in to (the agents numbered, never named).
    let vloer = Tmux::start(
        &format!(
            "{BIN} vloer --db {} --config {} --login {} --wachtwoord-bestand {}",
            db.display(),
            cfg_v.display(),
            login("Vera Vloer"),
            dir.path().join("5.wachtwoord").display()
        ),
        120,
        40,
    );
    let vloer_anoniem = Tmux::start(&format!("{BIN} vloer --db {}", db.display()), 120, 40);
    let scherm = Tmux::start(
        &format!(
            "{BIN} oproepscherm --db {} --config {}",
            db.display(),
            cfg_r.display()
        ),
        100,
        30,
    );
    receptie.wait_for(&["Klanten in de database"], 30);
    tic.wait_for(&["Klanten in de database"], 30);
    vloer.wait_for(&["Vloer ·"], 30);
    scherm.wait_for(&["Oproepscherm"], 30);
    let mut b1 = Balie::start("Snelbalie 1", "Bas Balie", desk(&cfg_b1));
    let mut b2 = Balie::start("Snelbalie 2", "Bea Balie", desk(&cfg_b2));
    // The floor counts both balies open as soon as they are signed in, nobody at them yet.
    vloer.wait_for(&["Open 2 "], 10);
    tic_een_gesprek(&tic);
    vloer.wait_for(&["Tom Tic"], 10);
    let anoniem = vloer_anoniem.wait_for(&["Medewerker 1"], 10);
    assert!(!anoniem.contains("Tom Tic"), "{anoniem}");

    hal_draaien(&receptie, &mut b1, &mut b2, |n| {
        // The floor, the hall screen and the receptie say the same number waits.
        for (naam, t) in [("vloer", &vloer), ("oproepscherm", &scherm)] {
            let gezien = wacht_tot_gelijk(&receptie, t, wachtend_balie, wachtend_balie, 10);
            assert_eq!(gezien, n, "{naam}");
        }
    });
    // The callers waiting at the TIC desk are the ones the floor shows.
    let wachtend = wacht_tot_gelijk(&tic, &vloer, wachtend_tic, wachtend_vloer, 20);
    eprintln!("TIC and floor agree: {wachtend} callers waiting");
    // Everyone served: nobody waits on any screen.
    vloer.wait_for(&["geholpen 8"], 10);
    receptie.wait_for(&["Niemand wacht"], 10);
    // The hall screen called each number once, each to one balie.
    let s = scherm.capture();
    for n in b1.geroepen.iter().chain(&b2.geroepen) {
        assert!(s.matches(n.as_str()).count() <= 1, "{n} twice:\n{s}");
    }
    for t in [&receptie, &tic, &b1.t, &b2.t] {
        t.keys(&["C-c"]);
        t.wait_for(&["EXIT="], 10);
    }
    controleer_hal(&db, &b1, &b2);
    controleer_tic(&db);
}

#[test]
fn a_hall_of_desks_on_their_own_files_synced_through_postgresql_calls_every_visitor_once() {
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
    let sync = format!("[sync]\nurl = \"{url}\"");
    let desk = |naam: &str, nr: u32, rol: &str, rest: &str| {
        let db = dir.path().join(format!("{nr}.db"));
        demo(&db);
        let cfg = config(dir.path(), nr, &db, &format!("{rest}\n\n{sync}"));
        account(dir.path(), &["--url", &url], naam, nr, rol);
        (db, format!("{BIN} --config {}", cfg.display()))
    };
    let balie = |naam: &str| format!("[balie]\nlocatie = \"Stadskantoor\"\nnaam = \"{naam}\"");
    let (db_r, cmd_r) = desk(
        "Rita Receptie",
        1,
        "medewerker",
        "[balie]\nlocatie = \"Stadskantoor\"",
    );
    let (_, cmd_b1) = desk("Bas Balie", 2, "medewerker", &balie("Snelbalie 1"));
    let (_, cmd_b2) = desk("Bea Balie", 3, "medewerker", &balie("Snelbalie 2"));
    let (db_t, cmd_t) = desk(
        "Tom Tic",
        4,
        "medewerker",
        "[telefonie]\nbron = \"simulator\"\nsnelheid = 8\nseed = 15",
    );
    // The floor manager's own desk, its floor view (F9) over the synced truth.
    let (db_v, cmd_v) = desk("Vera Vloer", 5, "supervisor", "");
    let receptie = desk_start(&cmd_r, "Rita Receptie", 100, 30);
    let tic = desk_start(&cmd_t, "Tom Tic", 100, 30);
    let vloer = desk_start(&cmd_v, "Vera Vloer", 120, 40);
    for t in [&receptie, &tic, &vloer] {
        t.wait_for(&["gesynchroniseerd"], 30);
    }
    // The hall screen reads the receptie's file, which the receptie's desk keeps in sync.
    let scherm = Tmux::start(
        &format!("{BIN} oproepscherm --db {}", db_r.display()),
        100,
        30,
    );
    scherm.wait_for(&["Oproepscherm"], 30);
    vloer.keys(&["F9"]);
    vloer.wait_for(&["Vloer ·"], 10);
    let mut b1 = Balie::start("Snelbalie 1", "Bas Balie", cmd_b1);
    let mut b2 = Balie::start("Snelbalie 2", "Bea Balie", cmd_b2);
    vloer.wait_for(&["Open 2 "], 20);
    tic_een_gesprek(&tic);

    hal_draaien(&receptie, &mut b1, &mut b2, |n| {
        let gezien = wacht_tot_gelijk(&receptie, &vloer, wachtend_balie, wachtend_balie, 10);
        assert_eq!(gezien, n, "the floor, once the changes arrived");
    });
    let wachtend = wacht_tot_gelijk(&tic, &vloer, wachtend_tic, wachtend_vloer, 20);
    eprintln!("TIC and floor agree through sync: {wachtend} callers waiting");
    vloer.wait_for(&["geholpen 8"], 20);
    // Everything handed in and read back: the floor desk's file holds the hall's truth.
    for t in [&receptie, &tic, &b1.t, &b2.t, &vloer] {
        t.keys(&["C-c"]);
        t.wait_for(&["EXIT="], 20);
    }
    let out = Command::new(BIN)
        .args([
            "sync",
            "--once",
            "--config",
            dir.path().join("desk5.toml").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    controleer_hal(&db_v, &b1, &b2);
    controleer_tic(&db_t);
}
