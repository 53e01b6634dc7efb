//! Klant and zaak lookup against a generated demo database: every kind of search finds the klant
//! it should, the klantbeeld and zaak views are complete, and every lookup is audited.

use chrono::{NaiveDate, Utc};
use loket::demo::{self, DemoOptions};
use loket::domain::zoekvraag::{Zoekvraag, herken};
use loket::store::Store;
use loket::store::lookup::{self, AuditEntry, AuditReden, Treffer};
use uuid::Uuid;

fn demo_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    demo::generate(
        &path,
        &DemoOptions {
            seed: 11,
            days: 10,
            today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            personen: 2000,
        },
        false,
    )
    .unwrap();
    let store = Store::open(&path, Uuid::nil()).unwrap();
    (dir, store)
}

fn klant_ids(hits: &[Treffer]) -> Vec<Uuid> {
    hits.iter()
        .filter_map(|t| match t {
            Treffer::Klant(k) => Some(k.id),
            Treffer::Zaak(_) => None,
        })
        .collect()
}

fn row(store: &Store, sql: &str) -> Vec<Option<String>> {
    store
        .conn()
        .query_row(sql, [], |r| {
            (0..r.as_ref().column_count())
                .map(|i| r.get::<_, Option<String>>(i))
                .collect()
        })
        .unwrap()
}

#[test]
fn every_kind_of_search_finds_the_klant() {
    let (_dir, store) = demo_store();
    let conn = store.conn();
    let find = |q: &str| klant_ids(&lookup::zoek(conn, &herken(q)).unwrap());

    // A person with a phone number and an e-mail address.
    let r = row(
        &store,
        "SELECT p.id, p.bsn, p.postcode, CAST(p.huisnummer AS TEXT), p.huisnummertoevoeging, t.adres, e.adres
         FROM partij p JOIN digitaal_adres t ON t.partij_id = p.id AND t.soort_digitaal_adres = 'telefoonnummer'
         JOIN digitaal_adres e ON e.partij_id = p.id AND e.soort_digitaal_adres = 'email'
         WHERE p.soort_partij = 'persoon' AND p.huisnummertoevoeging IS NULL LIMIT 1",
    );
    let id = Uuid::parse_str(r[0].as_deref().unwrap()).unwrap();
    let bsn = r[1].clone().unwrap();
    assert!(matches!(herken(&bsn), Zoekvraag::Bsn(_)));
    assert_eq!(find(&bsn), vec![id], "by BSN");
    let postcode = r[2].clone().unwrap();
    assert!(
        find(&format!("{postcode} {}", r[3].as_deref().unwrap())).contains(&id),
        "by postcode"
    );
    assert!(
        find(&format!(
            "{}{}",
            postcode.replace(' ', "").to_lowercase(),
            r[3].as_deref().unwrap()
        ))
        .contains(&id),
        "by postcode without space, lowercase"
    );
    let tel = r[5].clone().unwrap();
    assert!(
        find(&format!("{}-{}", &tel[..2], &tel[2..])).contains(&id),
        "by phone with a dash"
    );
    assert!(
        find(&r[6].clone().unwrap().to_uppercase()).contains(&id),
        "by e-mail, any case"
    );

    // A company by KvK and vestigingsnummer.
    let r = row(
        &store,
        "SELECT id, kvk_nummer, vestigingsnummer FROM partij WHERE soort_partij = 'organisatie' LIMIT 1",
    );
    let org = Uuid::parse_str(r[0].as_deref().unwrap()).unwrap();
    assert_eq!(find(r[1].as_deref().unwrap()), vec![org], "by KvK");
    assert_eq!(
        find(r[2].as_deref().unwrap()),
        vec![org],
        "by vestigingsnummer"
    );

    // Names: with or without voorvoegsel, any case, without diacritics.
    let jan = find("de vries");
    assert!(!jan.is_empty());
    assert_eq!(find("DE VRIES"), jan);
    assert!(find("vries").len() >= jan.len());
    let persona = row(
        &store,
        "SELECT id FROM partij WHERE voornamen = 'Jan' AND achternaam = 'Vries'",
    );
    let persona = Uuid::parse_str(persona[0].as_deref().unwrap()).unwrap();
    assert!(jan.contains(&persona));
    assert!(
        find("vries jan").contains(&persona),
        "achternaam then voornaam"
    );
    assert!(
        find("jan de vries").contains(&persona),
        "voornaam then achternaam"
    );
    let muller = row(
        &store,
        "SELECT CAST(count(*) AS TEXT) FROM partij WHERE achternaam = 'Müller'",
    );
    if muller[0].as_deref() != Some("0") {
        assert!(!find("muller").is_empty(), "muller finds Müller");
    }

    // An invalid BSN is not searched; nonsense finds nothing.
    assert!(matches!(herken("999999991"), Zoekvraag::OngeldigBsn(_)));
    assert!(lookup::zoek(conn, &herken("999999991")).unwrap().is_empty());
    assert!(find("xyzzy").is_empty());
}

#[test]
fn zaken_are_found_by_number_and_last_digits() {
    let (_dir, store) = demo_store();
    let r = row(&store, "SELECT id, identificatie FROM zaak LIMIT 1");
    let id = Uuid::parse_str(r[0].as_deref().unwrap()).unwrap();
    let nummer = r[1].clone().unwrap();
    let zaak_ids = |q: &str| -> Vec<Uuid> {
        lookup::zoek(store.conn(), &herken(q))
            .unwrap()
            .into_iter()
            .filter_map(|t| match t {
                Treffer::Zaak(z) => Some(z.id),
                Treffer::Klant(_) => None,
            })
            .collect()
    };
    assert_eq!(zaak_ids(&nummer.to_lowercase()), vec![id]);
    let last = nummer
        .trim_start_matches(|c: char| !c.is_ascii_digit() || c == '0')
        .to_string();
    let tail = &nummer[nummer.len() - 5..];
    assert!(
        zaak_ids(&format!("#{tail}")).contains(&id),
        "by last digits #{tail} ({last})"
    );
}

#[test]
fn klantbeeld_and_zaak_hold_what_status_information_needs() {
    let (_dir, store) = demo_store();
    let conn = store.conn();
    // A klant with zaken and contacts.
    let r = row(
        &store,
        "SELECT z.initiator_partij_id, z.id FROM zaak z
         WHERE EXISTS (SELECT 1 FROM contactmoment c WHERE c.zaak_id = z.id)
         AND z.initiator_partij_id IN (SELECT id FROM partij WHERE soort_partij = 'persoon') LIMIT 1",
    );
    let klant = Uuid::parse_str(r[0].as_deref().unwrap()).unwrap();
    let zaak = Uuid::parse_str(r[1].as_deref().unwrap()).unwrap();
    let kb = lookup::klantbeeld(conn, klant)
        .unwrap()
        .expect("klant exists");
    assert!(kb.bsn.is_some());
    assert!(kb.zaken.iter().any(|z| z.id == zaak));
    assert!(!kb.contacten.is_empty());
    assert!(
        kb.contacten
            .windows(2)
            .all(|w| w[0].plaatsgevonden_op >= w[1].plaatsgevonden_op),
        "newest first"
    );
    let z = lookup::zaak(conn, zaak).unwrap().expect("zaak exists");
    assert_eq!(
        z.statussen.first().map(|s| s.statustype.as_str()),
        Some("ontvangen")
    );
    assert!(z.behandelaar.is_some() && z.afdeling.is_some());
    assert_eq!(z.aanvrager_id, Some(klant));
    assert!(!z.contacten.is_empty(), "linked contactmomenten");
    assert!(
        z.contacten
            .iter()
            .all(|c| c.plaatsgevonden_op.date_naive() >= z.startdatum),
        "no contact about a zaak before it started"
    );
    assert!(lookup::klantbeeld(conn, Uuid::nil()).unwrap().is_none());
}

#[test]
fn lookups_are_audited_and_listed_per_klant() {
    let (_dir, store) = demo_store();
    let conn = store.conn();
    let r = row(
        &store,
        "SELECT initiator_partij_id, id FROM zaak WHERE initiator_partij_id IS NOT NULL LIMIT 1",
    );
    let klant = Uuid::parse_str(r[0].as_deref().unwrap()).unwrap();
    let zaak = Uuid::parse_str(r[1].as_deref().unwrap()).unwrap();
    let who = Uuid::now_v7();
    for (partij, zaak_id, reden) in [
        (Some(klant), None, AuditReden::Klantbeeld),
        (Some(klant), None, AuditReden::BsnGetoond),
        (None, Some(zaak), AuditReden::Zaak),
    ] {
        lookup::write_audit(
            conn,
            store.desk_id(),
            &AuditEntry {
                at: Utc::now(),
                medewerker_id: Some(who),
                medewerker: "Sietske Postma".into(),
                partij_id: partij,
                zaak_id,
                reden,
                doel: "klantcontact telefoon".into(),
            },
        )
        .unwrap();
    }
    let log = lookup::audit_van_klant(conn, klant).unwrap();
    let redenen: Vec<&str> = log.iter().map(|l| l.reden.as_str()).collect();
    assert_eq!(log.len(), 3, "{redenen:?}");
    for r in ["klantbeeld", "BSN getoond", "zaak"] {
        assert!(redenen.contains(&r), "{r} missing in {redenen:?}");
    }
    assert!(log.iter().all(|l| l.medewerker == "Sietske Postma"));
    assert!(
        log.iter()
            .all(|l| l.doel.as_deref() == Some("klantcontact telefoon"))
    );
    assert!(
        lookup::audit_van_klant(conn, Uuid::now_v7())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn contactverzoeken_are_listed_searched_and_handled_with_a_logboek() {
    use loket::store::verzoeken::{self, Filter};
    let (_dir, mut store) = demo_store();
    let alles = verzoeken::Wie {
        alles: true,
        ..Default::default()
    };
    let open = verzoeken::lijst(store.conn(), Filter::AlleOpen, "", &alles).unwrap();
    assert!(!open.is_empty());
    assert!(
        open.windows(2)
            .all(|w| w[0].uiterlijk_op <= w[1].uiterlijk_op),
        "oldest deadline first"
    );
    let first = open[0].clone();
    let tel = first.telefoon.clone().unwrap();
    let found = verzoeken::lijst(
        store.conn(),
        Filter::AlleOpen,
        &format!("{} {}", &tel[..2], &tel[2..]),
        &alles,
    )
    .unwrap();
    assert!(
        found.iter().any(|r| r.id == first.id),
        "found by phone number with a space"
    );

    // Not reached: still open, but the attempt is in the logboek.
    verzoeken::afhandelen(
        &mut store,
        first.id,
        1,
        "voicemail",
        "Eva Bakker",
        Utc::now(),
    )
    .unwrap();
    let (r, log) = verzoeken::detail(store.conn(), first.id).unwrap().unwrap();
    assert_eq!(r.status, "te_verwerken");
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].toelichting.as_deref(), Some("voicemail"));
    // Called back: handled, who and when recorded.
    verzoeken::afhandelen(&mut store, first.id, 0, "", "Eva Bakker", Utc::now()).unwrap();
    let (r, log) = verzoeken::detail(store.conn(), first.id).unwrap().unwrap();
    assert_eq!(r.status, "verwerkt");
    assert_eq!(
        r.resultaat.as_deref(),
        Some("klant teruggebeld, afgehandeld")
    );
    assert_eq!(log.len(), 2);
    let verwerkt = verzoeken::lijst(store.conn(), Filter::Verwerkt, "", &alles).unwrap();
    assert_eq!(verwerkt[0].id, first.id, "most recently handled first");
    let door: String = store
        .conn()
        .query_row(
            "SELECT verwerkt_door FROM contactverzoek WHERE id = ?1",
            [first.id.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(door, "Eva Bakker");
    // A colleague who took the same verzoek from an older list is told, and nothing is written.
    let fout = verzoeken::afhandelen(&mut store, first.id, 2, "", "Jan de Vries", Utc::now())
        .unwrap_err()
        .to_string();
    assert!(
        fout.starts_with("dit contactverzoek is al afgehandeld door Eva Bakker om "),
        "{fout}"
    );
    let (r, log) = verzoeken::detail(store.conn(), first.id).unwrap().unwrap();
    assert_eq!(
        (r.resultaat.as_deref(), log.len()),
        (Some("klant teruggebeld, afgehandeld"), 2)
    );
    let ops: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        ops, 4,
        "two updates and two logboek lines, each with its outbox entry"
    );
}

#[test]
fn a_medewerker_sees_their_own_and_their_afdelings_contactverzoeken_a_supervisor_all() {
    use loket::store::verzoeken::{self, Filter, Wie};
    let (_dir, store) = demo_store();
    let conn = store.conn();
    let (afdeling, total): (String, i64) = conn
        .query_row(
            "SELECT afdeling_id, (SELECT count(*) FROM contactverzoek WHERE status = 'te_verwerken')
             FROM contactverzoek WHERE status = 'te_verwerken' GROUP BY afdeling_id ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let afdeling = Uuid::parse_str(&afdeling).unwrap();
    let medewerker = Wie {
        medewerker: Some(Uuid::now_v7()),
        afdeling: Some(afdeling),
        alles: false,
    };
    let mijn = verzoeken::lijst(conn, Filter::MijnAfdeling, "", &medewerker).unwrap();
    assert!(
        !mijn.is_empty() && (mijn.len() as i64) < total,
        "{} of {total}",
        mijn.len()
    );
    // Asking for "alle open" without the right gives only one's own afdeling.
    let geprobeerd = verzoeken::lijst(conn, Filter::AlleOpen, "", &medewerker).unwrap();
    assert_eq!(geprobeerd.len(), mijn.len());
    let supervisor = Wie {
        alles: true,
        ..medewerker
    };
    let alle = verzoeken::lijst(conn, Filter::AlleOpen, "", &supervisor).unwrap();
    assert_eq!(alle.len() as i64, total.min(200));
    assert!(
        verzoeken::lijst(conn, Filter::AanMij, "", &medewerker)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn the_contactverzoeken_search_folds_case_diacritics_and_voorvoegsels() {
    use loket::store::verzoeken::{self, Filter, Wie};
    let (_dir, store) = demo_store();
    let conn = store.conn();
    let alles = Wie {
        alles: true,
        ..Default::default()
    };
    let open = verzoeken::lijst(conn, Filter::AlleOpen, "", &alles).unwrap();
    let with_name = open.iter().find(|r| r.klant.is_some()).unwrap();
    let naam = with_name.klant.clone().unwrap();
    for q in [naam.to_uppercase(), naam.to_lowercase()] {
        let hits = verzoeken::lijst(conn, Filter::AlleOpen, &q, &alles).unwrap();
        assert!(hits.iter().any(|r| r.id == with_name.id), "{q}");
    }
    // Digits mixed into a word are not a phone search.
    let tel = with_name.telefoon.clone().unwrap();
    let hits = verzoeken::lijst(conn, Filter::AlleOpen, &tel[tel.len() - 4..], &alles).unwrap();
    assert!(hits.iter().any(|r| r.id == with_name.id));
    assert!(hits.iter().all(|r| {
        r.telefoon
            .as_deref()
            .unwrap_or_default()
            .contains(&tel[tel.len() - 4..])
    }));
    let hits = verzoeken::lijst(conn, Filter::AlleOpen, "xq78", &alles).unwrap();
    assert!(hits.is_empty(), "no phone match for a word with digits");
}
