//! Shared helpers: the binary, the panes, a restored terminal, a desk with its own config.

use std::path::Path;
use std::process::Command;

pub const BIN: &str = env!("CARGO_BIN_EXE_loket");

pub const PANES: [&str; 4] = ["Wachtrij", "Klantgeleiding", "Kennisbank", "Zaak/Klant"];

pub fn assert_restored(screen: &str) {
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

/// The desk id of `desk_with_config`: tests select the rows this desk wrote by it, never by a
/// value (an onderwerp, a name) that the demo may also have generated for some date.
pub const TEST_DESK: &str = "0190a0b0-0000-4000-8000-00000000d35c";

/// The login and password of Sietske Postma on a desk of `desk_with_config`.
pub const LOGIN: &str = "s.postma";
pub const WACHTWOORD: &str = "welkom01";

/// A local account on the desk database `db` (`loket medewerker toevoegen`).
pub fn account(dir: &Path, db: &Path, login: &str, naam: &str, rol: &str, id: &str) {
    let pw = dir.join(format!("{login}.wachtwoord"));
    std::fs::write(&pw, WACHTWOORD).unwrap();
    let out = Command::new(BIN)
        .args(["medewerker", "toevoegen", "--db", db.to_str().unwrap()])
        .args(["--login", login, "--naam", naam, "--rol", rol, "--id", id])
        .arg("--wachtwoord-bestand")
        .arg(&pw)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
}

/// A demo database and a config for this desk, with an account for Sietske Postma in `rol`
/// (sign in with [`LOGIN`] and [`WACHTWOORD`]); returns the database and the command that
/// opens the desk on them.
pub fn desk_with_config(dir: &Path, rol: &str) -> (std::path::PathBuf, String) {
    let db = dir.join("demo.db");
    let cfg = dir.join("config.toml");
    let out = Command::new(BIN)
        .args(["demo", "--db", db.to_str().unwrap(), "--days", "3"])
        .output()
        .unwrap();
    assert!(out.status.success());
    account(
        dir,
        &db,
        LOGIN,
        "Sietske Postma",
        rol,
        "0190a0b0-0000-7000-8000-000000000001",
    );
    std::fs::write(&cfg, format!("desk_id = \"{TEST_DESK}\"\n")).unwrap();
    let cmd = format!("{BIN} --db {} --config {}", db.display(), cfg.display());
    (db, cmd)
}
