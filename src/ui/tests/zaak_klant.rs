use super::*;
use crate::domain::klant::{ContactRegel, KlantTreffer, Klantbeeld, SoortPartij};
use crate::domain::zaak::{StatusRegel, Vertrouwelijkheid, ZaakDetail};
use crate::store::lookup::Treffer;
use chrono::{NaiveDate, Utc};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn klantbeeld(geheim: bool) -> Klantbeeld {
    Klantbeeld {
        id: Uuid::nil(),
        soort: SoortPartij::Persoon,
        naam: "Jan de Vries".into(),
        geboortedatum: NaiveDate::from_ymd_opt(1990, 9, 22),
        bsn: Some("999901461".into()),
        kvk_nummer: None,
        vestigingsnummer: None,
        adres: "Tuinstraat 168".into(),
        postcode_woonplaats: "5834 JM  Lindewaard".into(),
        digitale_adressen: vec![crate::domain::klant::DigitaalAdres {
            soort: "telefoonnummer".into(),
            adres: "0635378257".into(),
        }],
        voorkeurskanaal: Some("telefoon".into()),
        indicatie_geheimhouding: geheim,
        zaken: Vec::new(),
        contacten: vec![ContactRegel {
            id: Uuid::nil(),
            plaatsgevonden_op: Local
                .with_ymd_and_hms(2026, 11, 20, 10, 15, 0)
                .unwrap()
                .with_timezone(&Utc),
            kanaal: "telefoon".into(),
            onderwerp: "Paspoort en ID-kaart".into(),
            afhandeling: "contactverzoek".into(),
            medewerker: None,
            zaak: None,
            open_contactverzoek: true,
        }],
        contacten_totaal: 1,
        open_contactverzoeken: Vec::new(),
        afspraken: vec![crate::domain::klant::KlantAfspraak {
            // Local times, as the desk shows them (the test passes in any time zone).
            begin_op: Local
                .with_ymd_and_hms(2026, 11, 26, 9, 15, 0)
                .unwrap()
                .with_timezone(&chrono::Utc),
            eind_op: Local
                .with_ymd_and_hms(2026, 11, 26, 9, 30, 0)
                .unwrap()
                .with_timezone(&chrono::Utc),
            id: Uuid::nil(),
            product: "Aanvraag paspoort of ID-kaart".into(),
            locatie: "Balie 2".into(),
            voorbehoud: true,
        }],
    }
}

fn zaak(v: Vertrouwelijkheid) -> ZaakDetail {
    ZaakDetail {
        id: Uuid::nil(),
        identificatie: "ZAAK-2026-0001234".into(),
        zaaktype: "Naturalisatie".into(),
        omschrijving: "Naturalisatie, ingediend aan de balie".into(),
        vertrouwelijkheid: v,
        statussen: vec![StatusRegel {
            statustype: "in behandeling".into(),
            datum_status_gezet: Utc::now(),
            statustoelichting: Some("In behandeling genomen.".into()),
        }],
        startdatum: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
        einddatum_gepland: NaiveDate::from_ymd_opt(2026, 10, 1),
        uiterlijke_einddatum_afdoening: NaiveDate::from_ymd_opt(2026, 11, 16),
        einddatum: None,
        behandelaar: Some("Nina Lammers".into()),
        afdeling: Some("Burgerzaken".into()),
        aanvrager: Some("Jan de Vries".into()),
        aanvrager_id: Some(Uuid::nil()),
        contacten: Vec::new(),
    }
}

#[test]
fn search_hits_are_listed_with_the_selection_marked() {
    let mut s = sample_state();
    update(&mut s, &Ctx::nu(), Action::FocusPane(Pane::ZaakKlant));
    for c in "vries".chars() {
        update(&mut s, &Ctx::nu(), Action::Zk(ZkMsg::ZoekChar(c)));
    }
    let seq = s.zaak_klant.seq;
    let hits = ["Anna de Vries", "Jan de Vries"]
        .map(|n| {
            Treffer::Klant(KlantTreffer {
                id: Uuid::now_v7(),
                soort: SoortPartij::Persoon,
                naam: n.into(),
                adres: "Tuinstraat 168, 5834 JM".into(),
                kenmerk: "geb. 22-09-1990".into(),
            })
        })
        .to_vec();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::Zoekresultaat {
            seq,
            treffers: hits,
        }),
    );
    update(&mut s, &Ctx::nu(), Action::Zk(ZkMsg::Down));
    let t = text(&render(&s, 120, 40, COLOR));
    assert!(t.contains("Zoek: vries"), "{t}");
    assert!(t.contains("2 treffers"));
    assert!(t.contains("▶ Jan de Vries"), "second hit selected:\n{t}");
}

#[test]
fn klantbeeld_masks_the_bsn_and_shows_geheimhouding() {
    let mut s = sample_state();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(klantbeeld(true)))),
    );
    let t = text(&render(&s, 80, 24, COLOR));
    assert!(
        t.contains("Geheimhouding: geen gegevens verstrekken aan derden"),
        "{t}"
    );
    assert!(t.contains("*****1461"), "{t}");
    assert!(!t.contains("999901461"), "BSN must be masked:\n{t}");
    assert!(
        t.contains("! verzoek open"),
        "open contactverzoek highlighted:\n{t}"
    );
    let groot = text(&render(&s, 120, 40, COLOR));
    assert!(
        groot.contains("Afspraak (onder voorbehoud) 26-11-2026 09:15")
            && groot.contains("Aanvraag paspoort of ID-kaart (Balie 2)"),
        "coming afspraak, not yet confirmed by the shared database:\n{groot}"
    );
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::BsnVrijgegeven(Uuid::nil())),
    );
    let t = text(&render(&s, 80, 24, COLOR));
    assert!(t.contains("999901461"));
    insta::assert_snapshot!("klantbeeld_80x24", t);
}

#[test]
fn a_confidential_zaak_shows_only_type_and_status_to_a_medewerker() {
    let mut s = sample_state();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::ZaakLoaded(Box::new(zaak(Vertrouwelijkheid::Geheim)))),
    );
    let t = text(&render(&s, 120, 40, COLOR));
    assert!(t.contains("Naturalisatie") && t.contains("in behandeling"));
    assert!(!t.contains("Nina Lammers"), "behandelaar hidden:\n{t}");
    assert!(t.contains("alleen zaaktype en status"));

    s.session.medewerker.as_mut().unwrap().rol = Rol::Supervisor;
    let t = text(&render(&s, 120, 40, COLOR));
    assert!(t.contains("Nina Lammers (Burgerzaken)"), "{t}");
    assert!(
        t.contains("te laat (5 werkdagen)"),
        "verdict in werkdagen:\n{t}"
    );
}

/// Issue 19: the lock (Ctrl-L, or idle) hides every personal datum: the klantbeeld, the BSN's
/// last digits, the caller's number; the contact in hand stays for after the password.
#[test]
fn the_lock_hides_every_personal_datum_and_keeps_the_work() {
    use crate::app::aanmelden::{AanmeldMsg, Fase};
    let mut s = sample_state();
    s.aanmelden.vergrendel_na = Some(chrono::Duration::minutes(15));
    s.aanmelden.wie = Some(crate::identiteit::aanmelden::Aangemeld {
        login: "s.postma".into(),
        medewerker_id: Uuid::nil(),
        naam: "Sietske Postma".into(),
        rol: crate::identiteit::ServerRol::Medewerker,
        afdeling: None,
        wijze: crate::identiteit::aanmelden::Wijze::Lokaal,
        aanmelding: Uuid::nil(),
        hash: String::new(),
    });
    let t0 = Utc::now();
    update(
        &mut s,
        &Ctx::op(t0).door_toets(),
        Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(klantbeeld(false)))),
    );
    let open = text(&render(&s, 120, 40, COLOR));
    assert!(
        open.contains("Jan de Vries") && open.contains("Tuinstraat 168"),
        "{open}"
    );
    // Fourteen minutes without a key: still open.
    update(
        &mut s,
        &Ctx::op(t0 + chrono::Duration::minutes(14)),
        Action::Tick(Local::now()),
    );
    assert_eq!(s.aanmelden.fase, Fase::Aangemeld);
    // Fifteen: locked.
    update(
        &mut s,
        &Ctx::op(t0 + chrono::Duration::minutes(15)),
        Action::Tick(Local::now()),
    );
    assert_eq!(s.aanmelden.fase, Fase::Vergrendeld);
    for (w, h) in [(80, 24), (120, 40)] {
        let t = text(&render(&s, w, h, COLOR));
        for persoonlijk in [
            "Jan de Vries",
            "Tuinstraat",
            "1461",
            "0635378257",
            "Lindewaard  ",
        ] {
            assert!(
                !t.contains(persoonlijk),
                "{persoonlijk} visible while locked:\n{t}"
            );
        }
        assert!(t.contains("Vergrendeld"), "{t}");
    }
    insta::assert_snapshot!("vergrendeld_80x24", text(&render(&s, 80, 24, COLOR)));
    // Keys reach only the lock: q does not quit, a letter goes into the password.
    let effects = crate::app::tests::press(&mut s, KeyCode::Char('q'), KeyModifiers::NONE);
    assert!(effects.is_empty() && !s.quit);
    assert_eq!(s.aanmelden.wachtwoord, "q");
    // Nothing of the desk behind the lock answers: not the phone (F6 would hang up a call),
    // not the floor, not leaving with Ctrl-C.
    for (k, m) in [
        (KeyCode::F(6), KeyModifiers::NONE),
        (KeyCode::F(9), KeyModifiers::NONE),
        (KeyCode::Char('n'), KeyModifiers::ALT),
        (KeyCode::Char('c'), KeyModifiers::CONTROL),
    ] {
        let effects = crate::app::tests::press(&mut s, k, m);
        assert!(effects.is_empty() && !s.quit, "{k:?}: {effects:?}");
        assert_eq!(s.aanmelden.fase, Fase::Vergrendeld);
    }
    // A late answer for another sign-in does not unlock.
    update(
        &mut s,
        &Ctx::nu(),
        Action::Aanmelden(AanmeldMsg::Ontgrendeld {
            aanmelding: Uuid::from_u128(1),
            ok: true,
        }),
    );
    assert_eq!(s.aanmelden.fase, Fase::Vergrendeld);
    // The right password opens it again, with the klantbeeld still there.
    update(
        &mut s,
        &Ctx::nu(),
        Action::Aanmelden(AanmeldMsg::Ontgrendeld {
            aanmelding: Uuid::nil(),
            ok: true,
        }),
    );
    let weer = text(&render(&s, 120, 40, COLOR));
    assert!(weer.contains("Jan de Vries"), "{weer}");
    // Ctrl-L locks at once.
    crate::app::tests::press(&mut s, KeyCode::Char('l'), KeyModifiers::CONTROL);
    assert_eq!(s.aanmelden.fase, Fase::Vergrendeld);
}
