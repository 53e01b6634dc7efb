//! Balie and reception: a walk-in on the oproepscherm, afspraken, a visitor for staff, the till.

use crate::common::{BIN, LOGIN, WACHTWOORD, desk_with_config};
use crate::tmux::{Tmux, tmux_available};

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

    desk.aanmelden(LOGIN, WACHTWOORD);
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
    t.aanmelden(LOGIN, WACHTWOORD);
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

    t.aanmelden(LOGIN, WACHTWOORD);
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
