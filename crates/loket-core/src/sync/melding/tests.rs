//! The list of what the medewerker must act on: lost edits, refusals (their consequence through
//! the outbox) and incoming rows this file could not take. Dates are pinned.

use chrono::{DateTime, Local, TimeZone, Utc};
use serde_json::json;
use uuid::Uuid;

use super::*;
use crate::domain::RecordMeta;
use crate::domain::afspraken::Afspraak;
use crate::domain::klant::{DigitaalAdresRecord, NieuwePartij};
use crate::store::Store;
use crate::sync::desk;
use crate::sync::server::{Antwoord, Operatie, Uitkomst, Wijziging};

const DESK: Uuid = Uuid::from_u128(0xd1);
const ANDER: Uuid = Uuid::from_u128(0xd2);

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap()
}

/// A desk file with klant Eva Bakker and her telephone number 06-1111.
fn desk_met_eva(dir: &tempfile::TempDir) -> (Store, Uuid, Uuid) {
    let mut store = Store::open(&dir.path().join("desk.db"), DESK).unwrap();
    let mut eva = NieuwePartij {
        meta: RecordMeta::new(t0(), DESK),
        voornamen: "Eva".into(),
        voorvoegsel_achternaam: String::new(),
        achternaam: "Bakker".into(),
        zoeknaam: "bakker eva".into(),
    };
    store.save(&mut eva, t0()).unwrap();
    let mut tel = DigitaalAdresRecord {
        meta: RecordMeta::new(t0(), DESK),
        partij_id: eva.meta.id,
        soort_digitaal_adres: "telefoonnummer".into(),
        adres: "06-2222".into(),
    };
    store.save(&mut tel, t0()).unwrap();
    // Everything handed in: only what the tests write is waiting.
    store
        .conn()
        .execute("UPDATE outbox SET uploaded_at = 'x'", [])
        .unwrap();
    (store, eva.meta.id, tel.meta.id)
}

fn verloren(id: i64, tel: Uuid) -> Verloren {
    Verloren {
        id,
        tabel: "digitaal_adres".into(),
        record_id: tel,
        veld: "adres".into(),
        eigen: json!("06-1111"),
        winnaar: json!("06-2222"),
        door_desk: ANDER,
        door: Some("Jan de Vries".into()),
        op: Utc.with_ymd_and_hms(2026, 11, 23, 9, 42, 0).unwrap(),
    }
}

fn wachtend(store: &Store) -> Vec<(String, String, serde_json::Value)> {
    let mut st = store
        .conn()
        .prepare("SELECT table_name, record_id, payload FROM outbox WHERE uploaded_at IS NULL ORDER BY op_seq")
        .unwrap();
    st.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            serde_json::from_str(&r.get::<_, String>(2)?).unwrap(),
        ))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

#[test]
fn a_lost_edit_is_listed_once_with_the_klant_and_in_dutch_words() {
    let dir = tempfile::tempdir().unwrap();
    let (store, eva, tel) = desk_met_eva(&dir);
    let c = store.conn();
    assert_eq!(bewaar_verloren(c, &[verloren(7, tel)]).unwrap(), 1);
    // Idempotent on the server's number; the cursor follows the highest.
    assert_eq!(
        bewaar_verloren(c, &[verloren(7, tel), verloren(3, tel)]).unwrap(),
        1
    );
    assert_eq!(verloren_cursor(c).unwrap(), 7);
    let lijst = open(c).unwrap();
    assert_eq!(lijst.len(), 2);
    let m = lijst.iter().find(|m| m.tekst.contains("06-1111")).unwrap();
    let om = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 42, 0)
        .unwrap()
        .with_timezone(&Local);
    assert_eq!(
        m.tekst,
        format!(
            "Uw wijziging van het telefoonnummer van Eva Bakker is overschreven door Jan de Vries \
             (andere desk) om {} op {}: 06-1111 werd 06-2222.",
            om.format("%H:%M"),
            om.format("%d-%m")
        )
    );
    assert_eq!(m.soort, Soort::Verloren);
    assert_eq!(m.klant, Some(eva));
    assert_eq!(m.klant_naam.as_deref(), Some("Eva Bakker"));
    assert_eq!(m.klant_telefoon.as_deref(), Some("06-2222"));
    assert_eq!(m.veld.as_deref(), Some("adres"));
    assert_eq!(m.eigen, Some(json!("06-1111")));
    // A name field of the klant itself, by an unknown medewerker.
    let naam = Verloren {
        id: 9,
        tabel: "partij".into(),
        record_id: eva,
        veld: "achternaam".into(),
        eigen: json!("Bakker-de Wit"),
        winnaar: json!("Bakker"),
        door: None,
        ..verloren(9, tel)
    };
    bewaar_verloren(c, &[naam]).unwrap();
    let m = &open(c).unwrap()[0];
    assert!(
        m.tekst.starts_with(
            "Uw wijziging van de achternaam van Eva Bakker is overschreven door een andere desk om"
        ),
        "{}",
        m.tekst
    );
    assert_eq!(m.klant, Some(eva));
}

#[test]
fn entries_survive_reopening_the_store_until_handled() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _, tel) = desk_met_eva(&dir);
    bewaar_verloren(store.conn(), &[verloren(1, tel), verloren(2, tel)]).unwrap();
    drop(store);
    let store = Store::open(&dir.path().join("desk.db"), DESK).unwrap();
    let lijst = open(store.conn()).unwrap();
    assert_eq!(lijst.len(), 2, "nothing is lost by a restart");
    // Newest first.
    assert!(lijst[0].id > lijst[1].id);
    assert!(afhandelen(store.conn(), lijst[0].id, t0()).unwrap());
    assert!(!afhandelen(store.conn(), lijst[0].id, t0()).unwrap());
    drop(store);
    let store = Store::open(&dir.path().join("desk.db"), DESK).unwrap();
    assert_eq!(aantal_open(store.conn()).unwrap(), 1);
    assert_eq!(open(store.conn()).unwrap()[0].id, lijst[1].id);
}

#[test]
fn my_value_again_is_a_new_edit_through_the_outbox() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, eva, tel) = desk_met_eva(&dir);
    bewaar_verloren(store.conn(), &[verloren(1, tel)]).unwrap();
    let id = open(store.conn()).unwrap()[0].id;
    let later = t0() + chrono::Duration::minutes(20);
    opnieuw_opslaan(&mut store, id, later).unwrap();
    let adres: String = store
        .conn()
        .query_row(
            "SELECT adres FROM digitaal_adres WHERE id = ?1",
            [tel.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(adres, "06-1111");
    let w = wachtend(&store);
    assert_eq!(w.len(), 1, "one new edit waits to be handed in");
    assert_eq!(w[0].0, "digitaal_adres");
    assert_eq!(w[0].2["adres"], "06-1111");
    assert_eq!(w[0].2["updated_at"], crate::store::ts(later));
    assert_eq!(w[0].2["desk_id"], DESK.to_string());
    assert_eq!(
        aantal_open(store.conn()).unwrap(),
        0,
        "the entry is handled"
    );
    // The store's own next write comes after it (stamp and number).
    let mut nog = DigitaalAdresRecord {
        meta: RecordMeta::new(later, DESK),
        partij_id: eva,
        soort_digitaal_adres: "email".into(),
        adres: "eva@example.nl".into(),
    };
    store.save(&mut nog, t0()).unwrap();
    let hlc: Vec<String> = store
        .conn()
        .prepare("SELECT hlc FROM outbox WHERE uploaded_at IS NULL ORDER BY op_seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(hlc[0] < hlc[1], "{hlc:?}");
    // An entry without a value of its own cannot be saved again.
    assert!(opnieuw_opslaan(&mut store, 999, later).is_err());
}

fn afspraak(store: &mut Store, klant: Uuid) -> Afspraak {
    let mut a = Afspraak {
        meta: RecordMeta::new(t0(), DESK),
        partij_id: Some(klant),
        product: "Aanvraag rijbewijs".into(),
        locatie: "Balie 3".into(),
        medewerker_id: None,
        begin_op: Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap(),
        eind_op: Utc.with_ymd_and_hms(2026, 11, 27, 9, 15, 0).unwrap(),
        status: "gepland".into(),
        bevestiging: None,
        reden: None,
        verzet_van: None,
    };
    store.save(&mut a, t0()).unwrap();
    a
}

#[test]
fn a_refused_afspraak_is_geweigerd_through_the_outbox_and_listed_with_the_klant() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, eva, _) = desk_met_eva(&dir);
    let a = afspraak(&mut store, eva);
    let ops = desk::te_versturen(store.conn(), 10).unwrap();
    assert_eq!(ops.len(), 1);
    let antwoord = Antwoord {
        uitkomsten: vec![(ops[0].op_seq, Uitkomst::Geweigerd("dubbele boeking".into()))],
        gat: None,
        hernummeren: None,
    };
    let nu = crate::store::ts(t0() + chrono::Duration::seconds(5));
    let uit =
        desk::verwerk_antwoord_en_pas_toe(store.conn_mut(), &ops, &antwoord, &nu, &[]).unwrap();
    assert_eq!(uit.len(), 1);
    let (status, reden): (String, String) = store
        .conn()
        .query_row(
            "SELECT status, reden FROM afspraak WHERE id = ?1",
            [a.meta.id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (status.as_str(), reden.as_str()),
        ("geweigerd", "dubbele boeking")
    );
    let w = wachtend(&store);
    assert_eq!(w.len(), 1, "the consequence goes to the server too");
    assert_eq!(w[0].1, a.meta.id.to_string());
    assert_eq!(w[0].2["status"], "geweigerd");
    assert_eq!(w[0].2["reden"], "dubbele boeking");
    let lijst = open(store.conn()).unwrap();
    assert_eq!(lijst.len(), 1);
    let m = &lijst[0];
    assert_eq!(m.soort, Soort::Geweigerd);
    assert_eq!(m.klant, Some(eva));
    assert_eq!(m.klant_naam.as_deref(), Some("Eva Bakker"));
    assert_eq!(m.product.as_deref(), Some("Aanvraag rijbewijs"));
    assert!(m.tekst.contains("Bel Eva Bakker (06-2222)"), "{}", m.tekst);
    // The same answer again (after a crash) adds nothing.
    let uit =
        desk::verwerk_antwoord_en_pas_toe(store.conn_mut(), &ops, &antwoord, &nu, &[]).unwrap();
    assert!(uit.is_empty());
    assert_eq!(wachtend(&store).len(), 1);
    assert_eq!(aantal_open(store.conn()).unwrap(), 1);
    // The consequence itself refused (bad data) is listed, but not followed by another.
    let ops = desk::te_versturen(store.conn(), 10).unwrap();
    let antwoord = Antwoord {
        uitkomsten: vec![(
            ops[0].op_seq,
            Uitkomst::Geweigerd("ongeldige gegevens".into()),
        )],
        gat: None,
        hernummeren: None,
    };
    desk::verwerk_antwoord_en_pas_toe(store.conn_mut(), &ops, &antwoord, &nu, &[]).unwrap();
    assert!(wachtend(&store).is_empty());
    assert_eq!(aantal_open(store.conn()).unwrap(), 2);
}

#[test]
fn a_refused_change_of_a_record_the_server_has_takes_the_servers_version() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, eva, _) = desk_met_eva(&dir);
    let a = afspraak(&mut store, eva);
    let ops = desk::te_versturen(store.conn(), 10).unwrap();
    let mut server = ops[0].payload.clone();
    server["begin_op"] = json!("2026-11-27T08:00:00.000Z");
    server["eind_op"] = json!("2026-11-27T08:15:00.000Z");
    let huidig = [Wijziging {
        seq: 0,
        tabel: "afspraak".into(),
        record_id: a.meta.id,
        desk_id: ANDER,
        hlc: "0000000000001-00000-x".into(),
        payload: server,
    }];
    let antwoord = Antwoord {
        uitkomsten: vec![(ops[0].op_seq, Uitkomst::Geweigerd("dubbele boeking".into()))],
        gat: None,
        hernummeren: None,
    };
    desk::verwerk_antwoord_en_pas_toe(
        store.conn_mut(),
        &ops,
        &antwoord,
        "2026-11-23T09:31:00.000Z",
        &huidig,
    )
    .unwrap();
    let (status, begin): (String, String) = store
        .conn()
        .query_row(
            "SELECT status, begin_op FROM afspraak WHERE id = ?1",
            [a.meta.id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(status, "gepland", "the server's confirmed version stands");
    assert_eq!(begin, "2026-11-27T08:00:00.000Z");
    assert!(wachtend(&store).is_empty(), "nothing to tell the server");
    assert_eq!(
        aantal_open(store.conn()).unwrap(),
        1,
        "but the medewerker is told"
    );
}

#[test]
fn a_refused_new_ticket_is_deleted_through_the_outbox() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _, _) = desk_met_eva(&dir);
    let id = Uuid::now_v7().to_string();
    let payload = json!({
        "id": id, "created_at": "2026-11-23T09:30:00.000Z", "updated_at": "2026-11-23T09:30:00.000Z",
        "desk_id": DESK.to_string(), "deleted": 0, "locatie": "Stadhuis", "dag": "2026-11-23",
        "nummer": "A-001", "volgnummer": 1, "status": "wachtend", "dienst": "Paspoort",
        "aangekomen_op": "2026-11-23T09:30:00.000Z"
    });
    let c = store.conn();
    let rij: Vec<(&String, &serde_json::Value)> = payload.as_object().unwrap().iter().collect();
    let sql = format!(
        "INSERT INTO bezoek ({}) VALUES ({})",
        rij.iter()
            .map(|(k, _)| k.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        (1..=rij.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    c.execute(
        &sql,
        rusqlite::params_from_iter(rij.iter().map(|(_, v)| desk::sqlite_waarde(v))),
    )
    .unwrap();
    let op = Operatie {
        op_seq: 900,
        op_id: Uuid::now_v7(),
        hlc: "0000000000001-00000-x".into(),
        tabel: "bezoek".into(),
        record_id: Uuid::parse_str(&id).unwrap(),
        payload,
        verwacht: None,
        besluit: None,
        basis: None,
        medewerker: None,
    };
    c.execute(
        "INSERT INTO outbox (op_seq, op_id, hlc, desk_id, table_name, record_id, operation, payload, created_at)
         VALUES (900, ?1, 'x', ?2, 'bezoek', ?3, 'upsert', '{}', 'x')",
        rusqlite::params![op.op_id.to_string(), DESK.to_string(), id],
    )
    .unwrap();
    let antwoord = Antwoord {
        uitkomsten: vec![(900, Uitkomst::Geweigerd("ticketnummer bestaat al".into()))],
        gat: None,
        hernummeren: None,
    };
    desk::verwerk_antwoord_en_pas_toe(
        store.conn_mut(),
        &[op],
        &antwoord,
        "2026-11-23T09:31:00.000Z",
        &[],
    )
    .unwrap();
    let w = wachtend(&store);
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].2["deleted"], 1);
    assert_eq!(w[0].2["nummer"], "A-001");
    let op: String = store
        .conn()
        .query_row(
            "SELECT operation FROM outbox WHERE uploaded_at IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(op, "delete");
    assert_eq!(aantal_open(store.conn()).unwrap(), 1);
}

fn medewerker(id: Uuid, rol: &str, seq: i64) -> Wijziging {
    Wijziging {
        seq,
        tabel: "medewerker".into(),
        record_id: id,
        desk_id: ANDER,
        hlc: format!("{:013}-00000-x", 1_700_000_000_000i64 + seq),
        payload: json!({
            "id": id.to_string(), "created_at": "2026-11-23T09:30:00.000Z",
            "updated_at": "2026-11-23T09:30:00.000Z", "desk_id": ANDER.to_string(), "deleted": 0,
            "naam": "Piet", "rol": rol, "functie": "KCC", "aanwezigheid": "aanwezig"
        }),
    }
}

#[test]
fn an_incoming_row_this_file_refuses_is_kept_listed_and_tried_again() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _, _) = desk_met_eva(&dir);
    let piet = Uuid::now_v7();
    // A newer desk's role this file's rule does not know.
    let t = desk::pas_toe(store.conn_mut(), &[medewerker(piet, "beheerder", 5)]).unwrap();
    assert_eq!(t.mislukt, 1);
    assert_eq!(desk::cursor(store.conn()).unwrap(), 5, "reading goes on");
    assert_eq!(desk::niet_toegepast(store.conn()).unwrap(), 1);
    let lijst = open(store.conn()).unwrap();
    assert_eq!(lijst.len(), 1);
    assert_eq!(lijst[0].soort, Soort::NietToegepast);
    assert!(
        lijst[0].tekst.contains("kon hier niet worden verwerkt"),
        "{}",
        lijst[0].tekst
    );
    // Tried again each round: still refused, listed once.
    let t = desk::probeer_niet_toegepast(store.conn_mut()).unwrap();
    assert_eq!((t.rijen, t.mislukt), (0, 1));
    assert_eq!(aantal_open(store.conn()).unwrap(), 1);
    // The rule no longer refuses (an upgraded desk, here: the rule is lifted): it applies, the
    // kept row goes and its entry needs no action any more.
    store
        .conn()
        .execute_batch("PRAGMA ignore_check_constraints = ON;")
        .unwrap();
    let t = desk::probeer_niet_toegepast(store.conn_mut()).unwrap();
    assert_eq!((t.rijen, t.mislukt), (1, 0));
    assert_eq!(t.tabellen, vec!["medewerker".to_string()]);
    assert_eq!(desk::niet_toegepast(store.conn()).unwrap(), 0);
    assert_eq!(aantal_open(store.conn()).unwrap(), 0);
    store
        .conn()
        .execute_batch("PRAGMA ignore_check_constraints = OFF;")
        .unwrap();
    // A newer version of a kept record that applies replaces it.
    let klaas = Uuid::now_v7();
    desk::pas_toe(store.conn_mut(), &[medewerker(klaas, "beheerder", 6)]).unwrap();
    assert_eq!(desk::niet_toegepast(store.conn()).unwrap(), 1);
    desk::pas_toe(store.conn_mut(), &[medewerker(klaas, "medewerker", 7)]).unwrap();
    assert_eq!(desk::niet_toegepast(store.conn()).unwrap(), 0);
    assert_eq!(aantal_open(store.conn()).unwrap(), 0);
}

#[test]
fn kept_rows_are_bounded_oldest_first() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _, _) = desk_met_eva(&dir);
    let rijen: Vec<Wijziging> = (1..=desk::MAX_NIET_TOEGEPAST + 3)
        .map(|i| medewerker(Uuid::from_u128(1000 + i as u128), "beheerder", i))
        .collect();
    desk::pas_toe(store.conn_mut(), &rijen).unwrap();
    assert_eq!(
        desk::niet_toegepast(store.conn()).unwrap(),
        desk::MAX_NIET_TOEGEPAST
    );
    let oudste: bool = store
        .conn()
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM sync_niet_toegepast WHERE record_id = ?1)",
            [Uuid::from_u128(1001).to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!oudste, "the oldest went");
}

#[test]
fn a_local_booking_that_gives_way_is_listed_once() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, eva, _) = desk_met_eva(&dir);
    let eigen = afspraak(&mut store, eva);
    // The server confirmed another desk's booking of the same time and plek.
    let id = Uuid::now_v7();
    let ops = desk::te_versturen(store.conn(), 10).unwrap();
    let mut ander = ops[0].payload.clone();
    ander["id"] = json!(id.to_string());
    ander["partij_id"] = serde_json::Value::Null;
    ander["desk_id"] = json!(ANDER.to_string());
    let w = Wijziging {
        seq: 4,
        tabel: "afspraak".into(),
        record_id: id,
        desk_id: ANDER,
        hlc: "0000000000001-00000-x".into(),
        payload: ander,
    };
    // Still to hand in here: its refusal will be listed when it comes, not now.
    let t = desk::pas_toe(store.conn_mut(), std::slice::from_ref(&w)).unwrap();
    assert_eq!(t.verdrongen.len(), 1, "{t:?}");
    assert_eq!(aantal_open(store.conn()).unwrap(), 0);
    // Handed in before (an odd state): listed now, with the klant.
    store
        .conn()
        .execute("DELETE FROM afspraak WHERE id = ?1", [id.to_string()])
        .unwrap();
    store
        .conn()
        .execute(
            "UPDATE afspraak SET status = 'gepland' WHERE id = ?1",
            [eigen.meta.id.to_string()],
        )
        .unwrap();
    store
        .conn()
        .execute("UPDATE outbox SET uploaded_at = 'x'", [])
        .unwrap();
    desk::pas_toe(store.conn_mut(), &[Wijziging { seq: 5, ..w }]).unwrap();
    let lijst = open(store.conn()).unwrap();
    assert_eq!(lijst.len(), 1);
    assert_eq!(lijst[0].klant, Some(eva));
    assert_eq!(lijst[0].product.as_deref(), Some("Aanvraag rijbewijs"));
    assert!(
        lijst[0].tekst.contains("Bel Eva Bakker (06-2222)"),
        "{}",
        lijst[0].tekst
    );
}
