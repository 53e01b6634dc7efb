//! The telephone: waiting calls, answer with a screen pop, hang up, the wrap-up linked to the call.

use crate::common::{LOGIN, TEST_DESK, WACHTWOORD, desk_with_config};
use crate::tmux::{Tmux, tmux_available};
use std::time::Duration;

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

    t.aanmelden(LOGIN, WACHTWOORD);
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
    t.aanmelden(LOGIN, WACHTWOORD);
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
    t.aanmelden(LOGIN, WACHTWOORD);
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
