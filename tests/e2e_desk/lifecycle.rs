//! Starting and quitting: first run, half-filled form, corrupt database, small window, signals.

use crate::common::{BIN, LOGIN, PANES, WACHTWOORD, assert_restored, desk_with_config};
use crate::tmux::{Tmux, tmux_available};
use std::path::Path;
use std::time::{Duration, Instant};

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
        // --demo signs in by itself, and says so.
        "Demo Medewerker (medewerker)",
        "automatisch aangemeld",
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
    // A new desk without [sync]: the first account, with no role asked.
    let scherm = t.wait_for(&["Eerste keer: uw account"], 30);
    assert!(!scherm.contains("supervisor"), "a role offered:\n{scherm}");
    t.keys(&["Enter"]);
    t.wait_for(&["Vul uw naam in."], 5);
    t.text("Eva Bakker");
    t.keys(&["Tab"]);
    t.text("e.bakker");
    t.keys(&["Tab"]);
    t.text("een goed wachtwoord");
    t.keys(&["Tab"]);
    t.text("een goed wachtwoord");
    let scherm = t.wait_for(&["•••••••••••••••••••"], 5);
    assert!(!scherm.contains("goed wachtwoord"), "{scherm}");
    t.keys(&["Enter"]);
    t.wait_for(&["Eva Bakker (medewerker)", "Welkom, Eva Bakker"], 10);
    t.keys(&["q"]);
    assert_restored(&t.wait_for(&["EXIT=0", "icanon"], 10));
    drop(t);

    // The config holds no person and no role; the database holds the record and a hash.
    let text = std::fs::read_to_string(&cfg).unwrap();
    assert!(
        !text.contains("Eva Bakker") && !text.contains("[medewerker]") && !text.contains("rol ="),
        "{text}"
    );
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
    let hash: String = conn
        .query_row("SELECT wachtwoord_hash FROM lokaal_account", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(hash.starts_with("$argon2id$") && !hash.contains("wachtwoord"));
    let in_outbox: i64 = conn
        .query_row(
            "SELECT count(*) FROM outbox WHERE payload LIKE '%argon2%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(in_outbox, 0, "a password hash never syncs");

    // The next start asks to sign in; a wrong password is refused, the right one opens.
    let t = Tmux::start(&cmd, 80, 24);
    t.aanmelden("e.bakker", "fout");
    t.wait_for(&["Gebruiker of wachtwoord onjuist"], 10);
    // The login stays; the cursor waits in the emptied password field.
    t.text("een goed wachtwoord");
    t.keys(&["Enter"]);
    let screen = t.wait_for(&["Eva Bakker (medewerker)", "Wachtrij"], 30);
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

#[test]
fn a_panic_restores_the_terminal_keeps_the_draft_and_says_so_in_dutch() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (_db, cmd) = desk_with_config(dir.path(), "medewerker");
    // The debug build's test key: F12 panics while its action is handled.
    let t = Tmux::start(
        &format!("env -u RUST_BACKTRACE LOKET_TEST_PANIEK=1 {cmd}"),
        150,
        30,
    );
    t.aanmelden(LOGIN, WACHTWOORD);
    t.wait_for(&["Klanten in de database"], 30);
    t.keys(&["F5"]);
    t.text("Paniekproef");
    // The wrap-up form autosaves every few seconds; the panic must not depend on that.
    t.keys(&["F12"]);
    let scherm = t.wait_for(&["EXIT=1", "icanon"], 15);
    assert!(
        scherm.contains("loket is onverwacht gestopt") && scherm.contains("bewaard als concept"),
        "{scherm}"
    );
    assert!(
        !scherm.contains("panicked"),
        "English panic text shown:\n{scherm}"
    );
    assert_restored(&scherm);
    let log = std::fs::read_to_string(dir.path().join("loket.log")).unwrap();
    assert!(log.contains("paniek bij src/runtime/mod.rs"), "{log}");
    drop(t);
    // The next start offers the draft back.
    let t = Tmux::start(&cmd, 100, 30);
    t.aanmelden(LOGIN, WACHTWOORD);
    t.wait_for(&["Conceptregistratie herstellen?"], 30);
    t.keys(&["j"]);
    t.wait_for(&["Paniekproef"], 10);
    t.keys(&["Escape"]);
}

#[test]
fn a_flood_of_keys_costs_one_draw_not_one_per_key_and_the_desk_keeps_answering() {
    if !tmux_available() {
        return;
    }
    // A paste that is not a bracketed paste (tmux paste-buffer, some remote desktops) arrives
    // as one key per character. Each used to be drawn: 20 000 keys took minutes.
    let dir = tempfile::tempdir().unwrap();
    let (_db, cmd) = desk_with_config(dir.path(), "medewerker");
    let t = Tmux::start(&cmd, 120, 40);
    t.aanmelden(LOGIN, WACHTWOORD);
    t.wait_for(&["Klanten in de database"], 30);
    t.keys(&["F4"]);
    t.wait_for(&["Zoek: ▏"], 10);
    let tekst: String = "Jan de Vries 9999 é€ 0612345678 "
        .chars()
        .cycle()
        .take(20_000)
        .collect();
    let begin = Instant::now();
    // In pieces: tmux takes a command of limited length.
    let tekens: Vec<char> = tekst.chars().collect();
    for stuk in tekens.chunks(1000) {
        t.text(&stuk.iter().collect::<String>());
    }
    // Then a marker: the desk has taken every key when it shows.
    t.keys(&["C-u"]);
    t.text("qqzz");
    // Now and then (more often on a loaded machine) the last keys of such a flood reach the
    // screen only with the next key: the desk then sits idle waiting for input (both its loop
    // and its input thread in epoll, nothing unread on its terminal), so they are held before it
    // (tmux, which also once exited under this flood). A key that changes nothing (End: the
    // cursor is already at the end) lets them through; the desk must then show them, in order.
    let tot = Instant::now() + std::time::Duration::from_secs(15);
    while !t.capture().contains("Zoek: qqzz") && Instant::now() < tot {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    if !t.capture().contains("Zoek: qqzz") {
        eprintln!("the last keys waited for the next one; End sent");
        t.keys(&["End"]);
    }
    t.wait_for(&["Zoek: qqzz"], 20);
    eprintln!("20 000 keys answered after {:?}", begin.elapsed());
    t.keys(&["C-c"]);
}
