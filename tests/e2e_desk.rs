//! End-to-end: the real binary in a real terminal (tmux), driven by keys like a user would.
//! Without tmux these tests skip loudly; CI sets LOKET_REQUIRE_TMUX=1 to turn that into a failure.

mod pg;
mod tmux;

use tmux::{Tmux, tmux_available};

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_loket");

const PANES: [&str; 4] = ["Wachtrij", "Klantgeleiding", "Kennisbank", "Zaak/Klant"];

fn assert_restored(screen: &str) {
    assert!(
        !screen.contains("Klantgeleiding"),
        "alternate screen not left:\n{screen}"
    );
    let mode = screen
        .lines()
        .find(|l| l.trim_end().ends_with("icanon"))
        .unwrap_or_else(|| panic!("no stty line:\n{screen}"));
    assert_eq!(
        mode.trim(),
        "icanon",
        "terminal left in raw mode:\n{screen}"
    );
}

#[test]
fn demo_desk_shows_the_four_panes_and_quits_cleanly() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start(&format!("{BIN} --demo"), 120, 40);
    let mut needles = PANES.to_vec();
    needles.extend([
        "Gemeente Lindewaard",
        "DEMO",
        "lokaal",
        "Contactverzoeken mijn afdeling",
    ]);
    t.wait_for(&needles, 60);
    t.keys(&["Tab"]);
    t.wait_for(&["▶ Klantgeleiding"], 5);
    t.keys(&["?"]);
    t.wait_for(&["Toetsen", "Volgend paneel"], 5);
    t.keys(&["Escape"]);
    // The help is gone before q (an Esc straight before q can arrive as Alt-q).
    t.wait_gone("Volgend paneel", 5);
    t.keys(&["q"]);
    let screen = t.wait_for(&["EXIT=0", "icanon"], 10);
    assert_restored(&screen);
}

#[test]
fn first_run_asks_who_works_here_and_later_runs_remember() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data/loket.db");
    let cfg = dir.path().join("cfg/config.toml");
    let cmd = format!("{BIN} --db {} --config {}", db.display(), cfg.display());

    let t = Tmux::start(&cmd, 80, 24);
    t.wait_for(&["Eerste keer", "nog niet aangemeld"], 30);
    t.keys(&["Enter"]);
    t.wait_for(&["Vul uw naam in."], 5);
    t.text("Eva Bakker");
    t.keys(&["Tab", "Right", "Enter"]);
    t.wait_for(&["Eva Bakker (supervisor)", "Welkom, Eva Bakker"], 10);
    t.keys(&["q"]);
    assert_restored(&t.wait_for(&["EXIT=0", "icanon"], 10));
    drop(t);

    let text = std::fs::read_to_string(&cfg).unwrap();
    assert!(text.contains("naam = \"Eva Bakker\""), "{text}");
    assert!(text.contains("rol = \"supervisor\""), "{text}");
    assert!(text.contains("desk_id"), "{text}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (naam, ops): (String, i64) = conn
        .query_row(
            "SELECT m.naam, (SELECT count(*) FROM outbox WHERE table_name = 'medewerker') FROM medewerker m",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((naam.as_str(), ops), ("Eva Bakker", 1));

    let t = Tmux::start(&cmd, 80, 24);
    let screen = t.wait_for(&["Eva Bakker (supervisor)", "Wachtrij"], 30);
    assert!(!screen.contains("Eerste keer"), "asked again:\n{screen}");
    t.keys(&["q"]);
    t.wait_for(&["EXIT=0"], 10);
}

#[test]
fn quitting_a_half_filled_form_asks_first() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let cmd = format!(
        "{BIN} --db {} --config {}",
        dir.path().join("l.db").display(),
        dir.path().join("c.toml").display()
    );
    let t = Tmux::start(&cmd, 80, 24);
    t.wait_for(&["Eerste keer"], 30);
    t.text("Hendrik");
    t.keys(&["C-c"]);
    t.wait_for(&["Toch afsluiten?"], 5);
    t.keys(&["n"]);
    let screen = t.wait_gone("Toch afsluiten?", 5);
    assert!(
        screen.contains("Hendrik"),
        "the form and its input are still there:\n{screen}"
    );
    t.keys(&["C-c"]);
    t.wait_for(&["Toch afsluiten?"], 5);
    t.keys(&["j"]);
    assert_restored(&t.wait_for(&["EXIT=0", "icanon"], 10));
}

#[test]
fn a_corrupt_database_is_refused_in_the_ui_and_left_untouched() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i % 253) as u8).collect();
    std::fs::write(&db, &garbage).unwrap();
    let cmd = format!(
        "{BIN} --db {} --config {}",
        db.display(),
        dir.path().join("c.toml").display()
    );
    let t = Tmux::start(&cmd, 100, 30);
    t.wait_for(&["De database kan niet worden geopend", "beschadigd"], 30);
    t.keys(&["q"]);
    t.wait_for(&["EXIT=2"], 10);
    assert_eq!(std::fs::read(&db).unwrap(), garbage);
    assert!(!Path::new(&format!("{}-wal", db.display())).exists());
}

#[test]
fn a_small_window_says_so_and_a_resize_brings_the_desk_back() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start(&format!("{BIN} --demo"), 70, 20);
    t.wait_for(&["Venster te klein (minimaal 80x24)"], 30);
    let status = t
        .tmux()
        .args(["resize-window", "-t", &t.name, "-x", "80", "-y", "24"])
        .status()
        .unwrap();
    assert!(status.success());
    t.wait_for(&PANES, 10);
    t.keys(&["q"]);
    t.wait_for(&["EXIT=0"], 10);
}

#[test]
fn sigterm_restores_the_terminal() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start(&format!("{BIN} --demo"), 100, 30);
    t.wait_for(&PANES, 60);
    t.signal_app("TERM");
    assert_restored(&t.wait_for(&["EXIT=0", "icanon"], 10));
}

#[test]
fn find_a_klant_by_postcode_open_a_zaak_and_every_lookup_is_audited() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (db, cmd) = desk_with_config(dir.path(), "supervisor");
    // A klant alone at their address, with a zaak.
    let (naam, postcode, nr, zaak): (String, String, i64, String) = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT p.voornamen, p.postcode, p.huisnummer, z.identificatie FROM partij p
             JOIN zaak z ON z.initiator_partij_id = p.id
             WHERE p.soort_partij = 'persoon' AND p.huisnummertoevoeging IS NULL
               AND (SELECT count(*) FROM partij q WHERE q.postcode = p.postcode AND q.huisnummer = p.huisnummer) = 1
             ORDER BY z.startdatum DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();

    let t = Tmux::start(&cmd, 100, 30);
    t.wait_for(
        &["Sietske Postma (supervisor)", "Klanten in de database"],
        30,
    );
    t.keys(&["F4"]);
    t.text(&format!("{postcode} {nr}"));
    t.wait_for(&["1 treffer", &naam], 10);
    t.keys(&["Enter"]);
    t.wait_for(&["BSN *****", "Zaken (", &zaak], 10);
    t.keys(&["b"]);
    t.wait_for(&["b verbergen"], 10);
    // Select the zaak in the list and open it.
    let screen = t.capture();
    let pos = screen
        .lines()
        .filter(|l| l.contains("ZAAK-"))
        .position(|l| l.contains(&zaak))
        .unwrap();
    for _ in 0..pos {
        t.keys(&["Down"]);
    }
    t.keys(&["Enter"]);
    t.wait_for(&["Statushistorie", "Termijn:", &zaak], 10);
    // Back one level per Esc: zaak -> klantbeeld -> hits -> empty field -> out of the field.
    t.keys(&["Escape"]);
    t.wait_for(&["b verbergen"], 5);
    t.keys(&["Escape"]);
    t.wait_for(&["1 treffer"], 5);
    t.keys(&["Escape"]);
    t.wait_for(&["Klanten in de database"], 5);
    t.keys(&["Escape"]);
    t.wait_for(&["/ zoeken"], 5);
    t.keys(&["q"]);
    t.wait_for(&["EXIT=0", "icanon"], 10);

    let conn = rusqlite::Connection::open(&db).unwrap();
    let mut stmt = conn
        .prepare("SELECT reden FROM audit_log WHERE medewerker = 'Sietske Postma' ORDER BY at")
        .unwrap();
    let redenen: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(redenen, vec!["klantbeeld", "BSN getoond", "zaak"]);
}

#[test]
fn closing_the_window_still_removes_the_demo_folder() {
    if !tmux_available() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let t = Tmux::start(
        &format!("TMPDIR={} {BIN} --demo", tmp.path().display()),
        100,
        30,
    );
    t.wait_for(&PANES, 60);
    let demo_dirs = || {
        std::fs::read_dir(tmp.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with("loket-demo-")
            })
            .count()
    };
    assert_eq!(demo_dirs(), 1, "the demo database lives in TMPDIR");
    drop(t); // kill-session: the terminal goes away and loket gets SIGHUP
    let deadline = Instant::now() + Duration::from_secs(10);
    while demo_dirs() > 0 {
        assert!(
            Instant::now() < deadline,
            "demo folder left behind after SIGHUP"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A demo database and a config for Sietske Postma with `rol`; returns the database and the
/// command that opens the desk on them.
/// The desk id of `desk_with_config`: tests select the rows this desk wrote by it, never by a
/// value (an onderwerp, a name) that the demo may also have generated for some date.
const TEST_DESK: &str = "0190a0b0-0000-4000-8000-00000000d35c";

fn desk_with_config(dir: &Path, rol: &str) -> (std::path::PathBuf, String) {
    let db = dir.join("demo.db");
    let cfg = dir.join("config.toml");
    let out = Command::new(BIN)
        .args(["demo", "--db", db.to_str().unwrap(), "--days", "3"])
        .output()
        .unwrap();
    assert!(out.status.success());
    std::fs::write(
        &cfg,
        format!(
            "desk_id = \"{TEST_DESK}\"\n\n[medewerker]\n\
             id = \"0190a0b0-0000-7000-8000-000000000001\"\nnaam = \"Sietske Postma\"\nrol = \"{rol}\"\n"
        ),
    )
    .unwrap();
    let cmd = format!("{BIN} --db {} --config {}", db.display(), cfg.display());
    (db, cmd)
}

#[test]
fn find_by_postcode_open_a_zaak_register_with_a_callback_restart_and_find_both() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (db, cmd) = desk_with_config(dir.path(), "medewerker");
    // Jan de Vries, the first persona, and his newest zaak.
    let (postcode, nr, zaak): (String, i64, String) = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT p.postcode, p.huisnummer, z.identificatie FROM partij p
             JOIN zaak z ON z.initiator_partij_id = p.id
             WHERE p.bsn = '999901461' ORDER BY z.startdatum DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let t = Tmux::start(&cmd, 100, 30);
    t.wait_for(
        &["Sietske Postma (medewerker)", "Klanten in de database"],
        30,
    );
    t.keys(&["F4"]);
    t.text(&format!("{postcode} {nr}"));
    t.wait_for(&["Jan de Vries"], 10);
    let screen = t.capture();
    let pos = screen
        .lines()
        .filter(|l| l.contains("geb. "))
        .position(|l| l.contains("Jan de Vries"))
        .unwrap();
    for _ in 0..pos {
        t.keys(&["Down"]);
    }
    t.keys(&["Enter"]);
    t.wait_for(&["BSN *****1461", &zaak], 10);
    t.keys(&["Enter"]); // the newest zaak is selected first
    t.wait_for(&["Statushistorie", &zaak], 10);
    // Looking is not linking: Ctrl-K links the zaak and its aanvrager to the contact, which
    // the line above the hints shows.
    t.keys(&["C-k"]);
    t.wait_for(
        &[&format!(
            "Contact: zelf begonnen · klant: Jan de Vries (door u gekoppeld) · zaak: {zaak}"
        )],
        5,
    );
    t.keys(&["F5"]);
    t.wait_for(
        &[
            "Contactmoment registreren",
            "Jan de Vries, door u gekoppeld (Ctrl-A: anoniem)",
            &zaak,
        ],
        5,
    );
    t.text("Verhuizing doorgeven");
    t.keys(&["Tab"]);
    t.text("Verhuist volgende maand naar Dorpsstraat 3");
    t.keys(&["C-t"]);
    t.wait_for(&["Contactverzoek ──"], 5);
    t.keys(&["Right"]);
    t.keys(&["Down", "Down"]);
    t.text("Graag terugbellen over de datum van inschrijving");
    t.keys(&["C-s"]);
    t.wait_for(&["Contactmoment geregistreerd: Verhuizing doorgeven"], 10);
    // Ready for the next caller: the cursor is in an empty search field, so q is text.
    t.wait_for(&["Zoek: ▏"], 5);
    t.keys(&["C-c"]);
    t.wait_for(&["EXIT=0", "icanon"], 10);
    drop(t);

    let t = Tmux::start(&cmd, 140, 30);
    t.wait_for(&["Klanten in de database"], 30);
    t.keys(&["F4"]);
    t.text("999901461");
    let screen = t.wait_for(
        &["Jan de Vries", "Verhuizing doorgeven", "! verzoek open"],
        10,
    );
    assert!(
        screen.contains("Contactverzoek open, uiterlijk"),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("[{zaak}]")),
        "contact linked to the zaak:\n{screen}"
    );
    // The callback is in the Wachtrij list, found by the klant's name.
    t.keys(&["Escape"]);
    t.wait_for(&["Zoek: 999901461"], 5);
    t.keys(&["F1"]);
    t.wait_for(&["▶ Wachtrij"], 5);
    t.keys(&["f"]); // from "mijn afdeling" to "van of aan mij": the callback I wrote
    t.wait_for(&["van of aan mij"], 5);
    t.keys(&["z"]);
    t.text("vries");
    t.wait_for(&["Zoek: vries", "Jan de Vries"], 10);
    t.keys(&["Enter"]);
    t.wait_for(&["f filter"], 5);
    t.keys(&["Enter"]);
    t.wait_for(
        &[
            "Graag terugbellen over de datum van inschrijving",
            "aangemaakt",
        ],
        10,
    );
    t.keys(&["Escape"]);
    t.wait_for(&["f filter"], 5);
    t.keys(&["q"]);
    t.wait_for(&["EXIT=0"], 10);
    drop(t);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (toelichting, nummer, zaak_db): (String, String, String) = conn
        .query_row(
            "SELECT v.toelichting, v.terugbelnummer, z.identificatie FROM contactverzoek v
             JOIN contactmoment c ON c.id = v.contactmoment_id JOIN zaak z ON z.id = c.zaak_id
             WHERE c.onderwerp = 'Verhuizing doorgeven' AND c.desk_id = ?1",
            [TEST_DESK],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        toelichting,
        "Graag terugbellen over de datum van inschrijving"
    );
    assert!(
        nummer.starts_with("06"),
        "prefilled from the klant: {nummer}"
    );
    assert_eq!(zaak_db, zaak);
}

#[test]
fn a_killed_desk_offers_its_half_filled_registration_on_the_next_start() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (_db, cmd) = desk_with_config(dir.path(), "medewerker");
    let t = Tmux::start(&cmd, 100, 30);
    t.wait_for(&["Klanten in de database"], 30);
    t.keys(&["F5"]);
    t.wait_for(&["Contactmoment registreren"], 5);
    t.text("Grofvuil ophalen");
    // The draft is autosaved within a few seconds; then the process dies without warning.
    std::thread::sleep(Duration::from_millis(4500));
    t.signal_app("KILL");
    t.wait_for(&["EXIT=137"], 10);
    drop(t);

    let t = Tmux::start(&cmd, 100, 30);
    t.wait_for(&["Conceptregistratie herstellen?", "Grofvuil ophalen"], 30);
    t.keys(&["j"]);
    t.wait_for(&["Contactmoment registreren", "Grofvuil ophalen"], 5);
    t.keys(&["Escape"]);
    t.wait_for(&["Registratie annuleren?"], 5);
    t.keys(&["j"]);
    t.keys(&["q"]);
    t.wait_for(&["EXIT=0"], 10);
}

#[test]
fn kennisbank_search_miss_open_flag_reload_and_the_editors_see_it_in_stats() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (db, cmd) = desk_with_config(dir.path(), "supervisor");
    // A folder of articles of our own: a copy of two built-in ones.
    let kb = dir.path().join("kennisbank");
    std::fs::create_dir(&kb).unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("kennisbank");
    for f in ["paspoort.md", "grofvuil.md"] {
        let tekst = std::fs::read_to_string(repo.join(f))
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with("gerelateerd"))
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(kb.join(f), tekst).unwrap();
    }
    let cfg = dir.path().join("config.toml");
    let mut c = std::fs::read_to_string(&cfg).unwrap();
    c = format!("kennisbank = \"{}\"\n{c}", kb.display());
    std::fs::write(&cfg, c).unwrap();

    let t = Tmux::start(&cmd, 120, 40);
    t.wait_for(&["Wachtrij"], 20);
    t.keys(&["F3"]);
    t.text("zwemles");
    t.wait_for(&["Niets gevonden voor \"zwemles\""], 10);
    t.keys(&["C-u"]);
    t.text("grof vuil");
    t.wait_for(&["Grofvuil laten ophalen"], 10);
    t.keys(&["Enter"]);
    t.wait_for(&["ONDERWATERTEKST"], 10);
    t.keys(&["M-m"]);
    t.wait_for(&["Artikel melden aan de redactie"], 10);
    t.keys(&["Down"]);
    t.text("tarief klopt niet meer");
    t.keys(&["Enter"]);
    // Saved: the form closes (the stats below show the flag was stored).
    t.wait_gone("Artikel melden aan de redactie", 10);
    t.keys(&["Escape"]);
    // An editor changes a file while the desk runs: the new titel shows without a restart.
    let p = kb.join("paspoort.md");
    let tekst = std::fs::read_to_string(&p).unwrap().replace(
        "titel = \"Paspoort aanvragen\"",
        "titel = \"Paspoort aanvragen of verlengen\"",
    );
    std::fs::write(&p, tekst).unwrap();
    t.keys(&["C-u"]);
    t.text("paspoort");
    // The folder is looked at every two seconds; the hits refresh when it is read again.
    t.wait_for(&["Paspoort aanvragen of verlengen"], 20);
    // The supervisor's view of the searches.
    t.keys(&["C-u"]);
    t.keys(&["C-g"]);
    let screen = t.wait_for(&["Zoektermen zonder resultaat", "zwemles"], 10);
    assert!(screen.contains("Grofvuil laten ophalen"), "{screen}");
    t.keys(&["Escape"]);
    t.wait_gone("Zoektermen zonder resultaat", 10);
    // Ctrl-C leaves from anywhere (an Esc straight before a letter can reach the terminal as
    // Alt plus that letter, and q is text in the search field).
    t.keys(&["C-c"]);
    t.wait_for(&["EXIT=0"], 10);

    let out = Command::new(BIN)
        .args(["kennisbank", "stats", "--db", db.to_str().unwrap()])
        .args(["--dir", kb.to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    let misses = stdout
        .split("Zoektermen zonder resultaat")
        .nth(1)
        .unwrap()
        .split("Meest gezocht")
        .next()
        .unwrap();
    assert!(misses.contains("zwemles"), "{stdout}");
    assert!(stdout.contains("grofvuil"), "most opened:\n{stdout}");
    assert!(
        stdout.contains("onvolledig") && stdout.contains("tarief klopt niet meer"),
        "the flag:\n{stdout}"
    );
    assert!(stdout.contains("Sietske Postma"), "{stdout}");
}

#[test]
fn demo_shows_waiting_calls_answer_with_screen_pop_hang_up_and_the_wrap_up_is_linked_to_the_call() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (db, cmd) = desk_with_config(dir.path(), "medewerker");
    let cfg = dir.path().join("config.toml");
    let mut c = std::fs::read_to_string(&cfg).unwrap();
    c.push_str("\n[telefonie]\nbron = \"simulator\"\nseed = 11\n");
    std::fs::write(&cfg, c).unwrap();

    let t = Tmux::start(&cmd, 120, 40);
    // The database is open (the Wachtrij shows its contactverzoeken) and calls wait.
    t.wait_for(
        &[" wachtend · langste", "☎ afgemeld", "Contactverzoeken"],
        20,
    );
    t.keys(&["b"]);
    t.wait_for(&["GAAT OVER (F6)"], 10);
    t.keys(&["F6"]);
    // Screen pop: the klant search holds the caller's number (or the klantbeeld is open).
    let screen = t.wait_for(&["☎ in gesprek", "Verbonden met"], 10);
    assert!(
        screen.contains("Zoek: 06") || screen.contains("BSN"),
        "no screen pop:\n{screen}"
    );
    std::thread::sleep(Duration::from_millis(2200));
    t.keys(&["F6"]);
    t.wait_for(&["Contactmoment registreren", "☎ nawerk", "beller 06"], 10);
    t.text("Vraag over paspoort");
    t.keys(&["C-s"]);
    // Saved: nawerk ends and the next caller may ring at once.
    t.wait_for(&["Contactmomenten vandaag: 1", "☎ beschikbaar"], 10);
    t.keys(&["F1"]);
    t.keys(&["x"]);
    t.wait_for(&["☎ afgemeld"], 10);
    t.keys(&["q"]);
    t.wait_for(&["EXIT=0"], 10);

    let conn = rusqlite::Connection::open(&db).unwrap();
    let (duur, gesprek_duur, nummer): (i64, i64, String) = conn
        .query_row(
            "SELECT c.duur_seconden,
                    CAST(round((julianday(g.beeindigd_op) - julianday(g.aangenomen_op)) * 86400) AS INTEGER),
                    g.nummer
             FROM contactmoment c JOIN gesprek g ON g.id = c.gesprek_id
             WHERE c.onderwerp = 'Vraag over paspoort' AND c.desk_id = ?1",
            [TEST_DESK],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("the contactmoment is linked to its call");
    assert!(duur >= 2, "talk time {duur}");
    assert!((duur - gesprek_duur).abs() <= 1, "{duur} vs {gesprek_duur}");
    assert!(nummer.starts_with("06"));
    let statussen: Vec<String> = conn
        .prepare("SELECT status FROM agent_status ORDER BY op, created_at")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        statussen,
        [
            // The desk starts afgemeld, and says so to the floor.
            "afgemeld",
            "beschikbaar",
            "in_gesprek",
            "nawerk",
            "beschikbaar",
            "afgemeld"
        ],
        "every change recorded"
    );
    // Every call was stored from the moment it joined, under this run of the simulator (its
    // own demo PBX, marked with this desk); ids never repeat across runs.
    let runs = |conn: &rusqlite::Connection| -> Vec<String> {
        conn.prepare(
            "SELECT substr(extern_id, 1, 41) AS run FROM gesprek
             WHERE simulator_desk IS NOT NULL GROUP BY run ORDER BY min(created_at)",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
    };
    let eerste = runs(&conn);
    assert_eq!(eerste.len(), 1, "{eerste:?}");
    assert!(eerste[0].starts_with("sim:"), "{eerste:?}");
    let open = "beeindigd_op IS NULL AND verlaten_op IS NULL AND afgebroken_op IS NULL";
    let open_eerste = |conn: &rusqlite::Connection, run: &str| -> i64 {
        conn.query_row(
            &format!("SELECT count(*) FROM gesprek WHERE {open} AND substr(extern_id, 1, 41) = ?1"),
            [run],
            |r| r.get(0),
        )
        .unwrap()
    };
    // Quit cleanly: the callers still waiting in this desk's simulator went with it.
    assert_eq!(
        open_eerste(&conn, &eerste[0]),
        0,
        "no ghosts after quitting"
    );
    let gestopt: i64 = conn
        .query_row(
            "SELECT count(*) FROM gesprek WHERE afgebroken_reden = 'afgebroken: desk gestopt'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(gestopt > 0, "closed with the reason");
    drop(conn);
    // Killed: the run's open calls stay until the desk starts again, which closes them with a
    // reason; every run's calls are recorded apart.
    let t = Tmux::start(&cmd, 120, 40);
    t.wait_for(&[" wachtend · langste", "☎ afgemeld"], 20);
    // The screen shows the callers as soon as the simulator has them; the store thread writes
    // them a moment later. Kill once the second run's calls are in the database.
    let begin = std::time::Instant::now();
    while runs(&rusqlite::Connection::open(&db).unwrap()).len() < 2 {
        assert!(
            begin.elapsed() < std::time::Duration::from_secs(20),
            "the second run's calls never reached the database"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    t.signal_app("KILL");
    t.wait_for(&["EXIT=137"], 10);
    drop(t);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let tweede = runs(&conn);
    assert_eq!(
        tweede.len(),
        2,
        "the second run's calls kept apart: {tweede:?}"
    );
    let was_open = open_eerste(&conn, &tweede[1]);
    assert!(was_open > 0, "the demo starts with callers waiting");
    drop(conn);
    let t = Tmux::start(&cmd, 120, 40);
    t.wait_for(&[" wachtend · langste", "☎ afgemeld"], 20);
    t.keys(&["q"]);
    t.wait_for(&["EXIT=0"], 10);
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(
        open_eerste(&conn, &tweede[1]),
        0,
        "no ghosts of the killed run"
    );
    let gesloten: i64 = conn
        .query_row(
            "SELECT count(*) FROM gesprek
             WHERE afgebroken_reden = 'afgebroken: desk herstart' AND substr(extern_id, 1, 41) = ?1",
            [&tweede[1]],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(gesloten, was_open);
    assert_eq!(runs(&conn).len(), 3);
}

#[test]
fn a_walk_in_checked_in_and_called_at_the_balie_appears_on_the_oproepscherm() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (db, cmd) = desk_with_config(dir.path(), "medewerker");
    let cfg = dir.path().join("config.toml");
    let mut c = std::fs::read_to_string(&cfg).unwrap();
    c.push_str("\n[balie]\nnaam = \"Snelbalie 1\"\n");
    std::fs::write(&cfg, &c).unwrap();

    let desk = Tmux::start(&cmd, 120, 40);
    let scherm = Tmux::start(
        &format!(
            "{BIN} oproepscherm --db {} --config {}",
            db.display(),
            cfg.display()
        ),
        80,
        24,
    );
    scherm.wait_for(&["Oproepscherm", "Welkom. U wordt zo geholpen."], 20);
    desk.wait_for(&["Wachtrij"], 20);
    desk.keys(&["F2"]);
    desk.wait_for(&["Snelbalie 1 · Stadskantoor"], 10);
    desk.keys(&["n"]);
    desk.text("oph");
    desk.keys(&["Enter"]);
    desk.wait_for(&["Ticket S-001"], 10);
    let s = scherm.wait_for(&["Ophalen reisdocument of rijbewijs: 1"], 10);
    assert!(s.contains("Wachtend"), "{s}");
    desk.keys(&["v"]);
    desk.wait_for(&["Opgeroepen: S-001"], 10);
    let s = scherm.wait_for(&["Nummer S-001: ga naar Snelbalie 1"], 5);
    assert!(s.contains("███"), "large letters:\n{s}");
    desk.keys(&["k"]);
    desk.wait_for(&["Contactmoment registreren", "[2 balie]"], 10);
    desk.keys(&["C-s"]);
    desk.wait_for(&["Contactmoment geregistreerd"], 10);
    scherm.wait_for(&["Welkom. U wordt zo geholpen."], 5);
    scherm.keys(&["q"]);
    scherm.wait_for(&["EXIT=0"], 10);
    desk.keys(&["q"]);
    desk.wait_for(&["EXIT=0"], 10);
}

#[test]
fn book_reschedule_and_cancel_an_afspraak_from_the_klantbeeld() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (db, cmd) = desk_with_config(dir.path(), "medewerker");
    // Jan de Vries, found by his postcode and huisnummer (one klant there, no zaken in the hits).
    let (postcode, nr): (String, i64) = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT postcode, huisnummer FROM partij WHERE bsn = '999901461'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let t = Tmux::start(&cmd, 120, 40);
    t.wait_for(&["Wachtrij"], 20);
    t.keys(&["F4"]);
    t.text(&format!("{postcode} {nr}"));
    t.wait_for(&["Jan de Vries"], 10);
    t.keys(&["Enter"]);
    t.wait_for(&["BSN *****1461"], 10);
    // Book: the first dienst, the first free slot.
    t.keys(&["a"]);
    t.wait_for(&["Afspraak maken: Jan de Vries"], 10);
    let screen = t.capture();
    if screen.contains("n nieuw") {
        t.keys(&["n"]);
    }
    t.wait_for(&["Welke dienst(en)?"], 10);
    t.keys(&["Enter"]);
    t.wait_for(&["De eerstvolgende vrije tijden"], 10);
    t.keys(&["Enter"]);
    t.wait_for(&["Geboekt. Bevestiging voor de klant:", "Komt u niet?"], 10);
    t.keys(&["Enter"]);
    // Reschedule it to the second slot offered.
    t.keys(&["a"]);
    t.wait_for(&["n nieuw · v verzetten · x annuleren"], 10);
    t.keys(&["v"]);
    t.wait_for(&["Verzetten:", "De eerstvolgende vrije tijden"], 10);
    t.keys(&["Down"]);
    t.keys(&["Enter"]);
    t.wait_for(&["Geboekt. Bevestiging voor de klant:"], 10);
    t.keys(&["Enter"]);
    // Cancel it with a reason.
    t.keys(&["a"]);
    t.wait_for(&["n nieuw · v verzetten · x annuleren"], 10);
    t.keys(&["x"]);
    t.wait_for(&["Reden van annuleren"], 10);
    t.text("klant is verhinderd");
    t.keys(&["Enter"]);
    t.wait_for(&["geannuleerd (klant is verhinderd)"], 10);
    t.keys(&["C-c"]);
    t.wait_for(&["EXIT=0"], 10);

    let conn = rusqlite::Connection::open(&db).unwrap();
    let rijen: Vec<(String, Option<String>, Option<String>)> = conn
        .prepare(
            "SELECT a.status, a.reden, a.verzet_van FROM afspraak a JOIN partij p ON p.id = a.partij_id
             WHERE p.bsn = '999901461' AND a.bevestiging IS NOT NULL ORDER BY a.created_at",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rijen.len(), 2, "{rijen:?}");
    assert_eq!(rijen[0].0, "verzet");
    assert_eq!(rijen[1].0, "geannuleerd");
    assert_eq!(rijen[1].1.as_deref(), Some("klant is verhinderd"));
    assert!(rijen[1].2.is_some(), "the new one points at the old");
}

#[test]
fn a_visitor_for_staff_signed_in_and_out_and_the_till_closed_at_the_end_of_the_day() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (db, cmd) = desk_with_config(dir.path(), "medewerker");
    let cfg = dir.path().join("config.toml");
    let mut c = std::fs::read_to_string(&cfg).unwrap();
    c.push_str("\n[balie]\nnaam = \"Snelbalie 1\"\n");
    std::fs::write(&cfg, &c).unwrap();

    let t = Tmux::start(&cmd, 80, 24);
    t.wait_for(&["Wachtrij"], 20);
    t.keys(&["F2"]);
    t.wait_for(&["Snelbalie 1 · Stadskantoor"], 10);
    // A visitor for Team ICT: in the building, then gone.
    t.keys(&["g"]);
    t.wait_for(&["Bezoeker registreren"], 10);
    t.text("Kim Peters");
    t.keys(&["Enter"]);
    t.text("Team ICT");
    t.keys(&["Enter"]);
    t.text("Storingsdienst BV");
    t.keys(&["Enter"]);
    t.wait_for(&["In het gebouw: 1"], 10);
    t.keys(&["u"]);
    t.wait_for(&["Kim Peters (Storingsdienst BV) → Team ICT"], 10);
    t.keys(&["Enter"]);
    t.wait_for(&["Kim Peters is vertrokken"], 10);
    t.keys(&["Escape"]);
    t.wait_gone("In het gebouw", 10);
    // Two payments, one corrected, and the day closed with the counted cash.
    t.keys(&["b"]);
    t.wait_for(&["Betaling · Snelbalie 1"], 10);
    t.text("Uittreksel BRP");
    t.keys(&["Enter"]);
    t.text("15,30");
    t.keys(&["Left"]);
    t.wait_for(&["[contant]"], 5);
    t.keys(&["Enter"]);
    t.wait_for(&["Bon SNELBALIE1-"], 10);
    t.keys(&["b"]);
    t.wait_for(&["Betaling · Snelbalie 1"], 10);
    t.text("Paspoort");
    t.keys(&["Enter"]);
    t.text("80,35");
    t.keys(&["Enter"]);
    t.wait_for(&["Paspoort € 80,35 (pin)"], 10);
    t.keys(&["o"]);
    t.wait_for(&["Totaal: contant € 15,30 · pin € 80,35 · 2 regels"], 10);
    t.keys(&["Down"]);
    t.keys(&["M-c"]);
    t.wait_for(&["Correctie op bon SNELBALIE1-"], 10);
    t.text("dubbel aangeslagen");
    t.keys(&["Enter"]);
    t.wait_for(&["Correctie geboekt: Paspoort -€ 80,35"], 10);
    t.keys(&["o"]);
    t.wait_for(&["pin € 0,00 · 3 regels"], 10);
    t.text("15");
    t.keys(&["Enter"]);
    t.wait_for(&["Verschil -€ 0,30"], 10);
    t.keys(&["Enter"]);
    t.wait_for(&["Afgesloten", "verschil -€ 0,30"], 10);
    t.keys(&["Escape"]);
    // A closed day takes no more payments: the form stays, with the reason.
    t.keys(&["b"]);
    t.text("Uittreksel BRP");
    t.keys(&["Enter"]);
    t.text("5");
    t.keys(&["Enter"]);
    t.wait_for(&["Niet geboekt: de kasdag van", "al afgesloten"], 10);
    t.keys(&["Escape"]);
    // Ctrl-C, not q: an Esc straight before q can arrive as Alt-q.
    t.keys(&["C-c"]);
    t.wait_for(&["EXIT=0"], 10);

    let conn = rusqlite::Connection::open(&db).unwrap();
    let (n, som): (i64, i64) = conn
        .query_row(
            "SELECT count(*), sum(bedrag_cent) FROM kas_betaling",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((n, som), (3, 1530));
    let (verschil, medewerker): (i64, String) = conn
        .query_row("SELECT verschil_cent, medewerker FROM kasopmaak", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(verschil, -30);
    assert!(!medewerker.is_empty());
    let buiten: Option<String> = conn
        .query_row("SELECT buiten_op FROM bezoeker", [], |r| r.get(0))
        .unwrap();
    assert!(buiten.is_some(), "signed out");
}

/// Two desks (the real binary, each with its own database) on one throwaway PostgreSQL: the
/// server set up with `loket server init`, a visitor registered on one desk shows on the other,
/// the status bars say gesynchroniseerd, and `loket sync status` tells the same.
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
    assert!(String::from_utf8_lossy(&out.stdout).contains("naar 2"));
    let dir = tempfile::tempdir().unwrap();
    let desk = |naam: &str, nr: u32| {
        let db = dir.path().join(format!("{naam}.db"));
        let cfg = dir.path().join(format!("{naam}.toml"));
        let out = Command::new(BIN)
            .args(["demo", "--db", db.to_str().unwrap(), "--days", "2"])
            .output()
            .unwrap();
        assert!(out.status.success());
        std::fs::write(
            &cfg,
            format!(
                "desk_id = \"0190a0b0-0000-4000-8000-00000000d0{nr:02}\"\n\
                 database = \"{}\"\n\n[medewerker]\n\
                 id = \"0190a0b0-0000-7000-8000-0000000000{nr:02}\"\nnaam = \"Desk {naam}\"\nrol = \"medewerker\"\n\n\
                 [balie]\nlocatie = \"Stadskantoor\"\nnaam = \"Snelbalie {nr}\"\n\n[sync]\nurl = \"{url}\"\n",
                db.display()
            ),
        )
        .unwrap();
        cfg
    };
    let (cfg_a, cfg_b) = (desk("a", 1), desk("b", 2));
    let a = Tmux::start(&format!("{BIN} --config {}", cfg_a.display()), 100, 30);
    let b = Tmux::start(&format!("{BIN} --config {}", cfg_b.display()), 100, 30);
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
    c = c.replace(&url, &pg.url("bestaat_niet"));
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
                 database = \"{}\"\n\n[medewerker]\n\
                 id = \"0190a0b0-0000-7000-8000-0000000001{nr:02}\"\nnaam = \"Balie {nr}\"\nrol = \"medewerker\"\n\n\
                 [balie]\nlocatie = \"Stadskantoor\"\nnaam = \"Snelbalie {nr}\"\n\n[sync]\nurl = \"{url}\"\n",
                db.display()
            ),
        )
        .unwrap();
        Tmux::start(&format!("{BIN} --config {}", cfg.display()), 100, 30)
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

#[test]
fn the_floor_wall_screen_shows_its_tiles_drills_down_and_quits_cleanly() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let out = Command::new(BIN)
        .args(["demo", "--db", db.to_str().unwrap(), "--days", "2"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let t = Tmux::start(&format!("{BIN} vloer --db {}", db.display()), 120, 40);
    t.wait_for(
        &["Vloer ·", "Telefoon", "Contactverzoeken", "Eerste lijn"],
        20,
    );
    // Down and right (three tiles a row at 120): Contactverzoeken; Enter shows the overdue ones.
    t.keys(&["Down"]);
    t.keys(&["Right"]);
    t.wait_for(&["▶ Contactverzoeken · Enter"], 10);
    t.keys(&["Enter"]);
    t.wait_for(&["Contactverzoeken · Enter of Esc terug"], 10);
    // Esc: back to the tiles (not out of the program), the choice kept; Enter toggles too.
    t.keys(&["Escape"]);
    t.wait_for(&["▶ Contactverzoeken · Enter", "Telefoon"], 10);
    t.keys(&["Enter"]);
    t.wait_for(&["Contactverzoeken · Enter of Esc terug"], 10);
    t.keys(&["Enter"]);
    t.wait_for(&["▶ Contactverzoeken · Enter", "Telefoon"], 10);
    t.keys(&["q"]);
    assert_restored(&t.wait_for(&["EXIT=0", "icanon"], 10));
}

#[test]
fn training_guided_case_handled_through_the_desk_is_reviewed() {
    if !tmux_available() {
        return;
    }
    // A home of its own: the default places of the desk's and the training database.
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join(".local/share/loket");
    std::fs::create_dir_all(&data).unwrap();
    let prod = data.join("loket.db");
    let out = Command::new(BIN)
        .args(["demo", "--db", prod.to_str().unwrap(), "--days", "2"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let voor = std::fs::read(&prod).unwrap();
    let env = format!(
        "env -u XDG_DATA_HOME -u XDG_CONFIG_HOME HOME={}",
        home.path().display()
    );
    // What this session registers is newer than this (the training demo has its own history).
    let voor_training = loket::store::ts(chrono::Utc::now());
    let t = Tmux::start(
        &format!("{env} {BIN} training --scenario eerste-dag --snelheid 20 --trainee Sanne"),
        120,
        40,
    );
    t.wait_for(&["TRAINING 0/3", "Eerste dag"], 30);
    // Become available; Jan de Vries calls; answer: his words are on screen.
    t.keys(&["F1"]);
    t.keys(&["b"]);
    t.wait_for(&["GAAT OVER"], 20);
    t.keys(&["F6"]);
    t.wait_for(&["Jan de Vries zegt", "paspoort is verlopen"], 10);
    // Look it up, open an article, hang up and register with a result, without booking.
    t.keys(&["F3"]);
    t.text("paspoort aanvragen");
    t.wait_for(&["Paspoort aanvragen"], 10);
    t.keys(&["Enter"]);
    t.wait_for(&["ONDERWATERTEKST"], 10);
    t.keys(&["F6"]);
    t.wait_for(&["Contactmoment registreren"], 10);
    t.keys(&["Tab", "Tab", "Right", "Right", "Right"]);
    t.wait_for(&["afspraak gemaakt"], 10);
    t.keys(&["C-s"]);
    t.wait_for(&["TRAINING 1/3"], 10);
    // The review so far: the result right, the afspraak missed, the next cases not yet done.
    t.keys(&["F10"]);
    let s = t.wait_for(&["Beoordeling", "juiste resultaat"], 10);
    assert!(
        s.contains("✓ juiste resultaat: verwacht afspraak gemaakt"),
        "{s}"
    );
    assert!(s.contains("✖ afspraak: verwacht wel; gemaakt: geen"), "{s}");
    assert!(s.contains("Gezocht op: \"paspoort aanvragen\""), "{s}");
    t.keys(&["Escape"]);
    t.wait_gone("Beoordeling ·", 10);
    // q is text in the kennisbank: leave from the Wachtrij.
    t.keys(&["F1"]);
    t.keys(&["q"]);
    // Leaving during a ringing call may ask first.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let s = t.capture();
        if s.contains("EXIT=") {
            break;
        }
        if s.contains("Afsluiten") || s.contains("afsluiten?") {
            t.keys(&["j"]);
        }
        assert!(Instant::now() < deadline, "did not exit:\n{s}");
        std::thread::sleep(Duration::from_millis(200));
    }
    // The coach's review, kept in the training database beside the desk's; the desk's own
    // database was never touched.
    let training = data.join("training.db");
    assert!(training.exists());
    let out = Command::new(BIN)
        .args(["training", "review", "--db", training.to_str().unwrap()])
        .output()
        .unwrap();
    let tekst = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{tekst}");
    assert!(
        tekst.contains("Sanne") && tekst.contains("eerste-dag"),
        "{tekst}"
    );
    assert!(
        tekst.contains("✖ afspraak: verwacht wel; gemaakt: geen"),
        "{tekst}"
    );
    assert_eq!(
        std::fs::read(&prod).unwrap(),
        voor,
        "the desk's database untouched"
    );
    // The trainee's work is stored under the trainee, and the screen pop linked Jan.
    let conn = rusqlite::Connection::open(&training).unwrap();
    let (medewerker, klant): (String, Option<String>) = conn
        .query_row(
            "SELECT c.medewerker_id, p.achternaam FROM contactmoment c
             LEFT JOIN partij p ON p.id = c.partij_id
             WHERE c.plaatsgevonden_op >= ?1 ORDER BY c.created_at DESC LIMIT 1",
            [voor_training],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(medewerker, loket::runtime::trainee_id("Sanne").to_string());
    assert_eq!(klant.as_deref(), Some("Vries"));
}
