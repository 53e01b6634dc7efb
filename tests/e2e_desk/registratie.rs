//! Find a klant, open a zaak, register a contact: audited, kept across restarts and kills.

use crate::common::{LOGIN, TEST_DESK, WACHTWOORD, desk_with_config};
use crate::tmux::{Tmux, tmux_available};
use std::time::Duration;

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

    t.aanmelden(LOGIN, WACHTWOORD);
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
    t.aanmelden(LOGIN, WACHTWOORD);
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

    t.aanmelden(LOGIN, WACHTWOORD);
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
    t.aanmelden(LOGIN, WACHTWOORD);
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

    t.aanmelden(LOGIN, WACHTWOORD);
    t.wait_for(&["Conceptregistratie herstellen?", "Grofvuil ophalen"], 30);
    t.keys(&["j"]);
    t.wait_for(&["Contactmoment registreren", "Grofvuil ophalen"], 5);
    t.keys(&["Escape"]);
    t.wait_for(&["Registratie annuleren?"], 5);
    t.keys(&["j"]);
    t.keys(&["q"]);
    t.wait_for(&["EXIT=0"], 10);
}
