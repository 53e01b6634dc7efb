//! The floor manager's wall screen: its tiles, drilling down, quitting cleanly.

use crate::common::{BIN, assert_restored};
use crate::tmux::{Tmux, tmux_available};
use std::process::Command;

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
