//! The kennisbank: a search miss, opening and flagging an article, reloading, the editors' stats.

use crate::common::{BIN, LOGIN, WACHTWOORD, desk_with_config};
use crate::tmux::{Tmux, tmux_available};
use std::path::Path;
use std::process::Command;

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

    t.aanmelden(LOGIN, WACHTWOORD);
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
        // The desk's supervisor, signed in with the password of the account from the setup.
        .args(["--login", LOGIN, "--wachtwoord-bestand"])
        .arg(dir.path().join(format!("{LOGIN}.wachtwoord")))
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
