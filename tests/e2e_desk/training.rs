//! Training: a guided case handled through the desk, then reviewed.

use crate::common::BIN;
use crate::tmux::{Tmux, tmux_available};
use std::process::Command;
use std::time::{Duration, Instant};

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
