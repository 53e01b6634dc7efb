use super::zaak_klant::klantbeeld;
use super::*;
use crate::domain::zaak::{Vertrouwelijkheid, ZaakDetail};

fn zaak(aanvrager: Option<Uuid>) -> ZaakDetail {
    ZaakDetail {
        id: Uuid::now_v7(),
        identificatie: "ZAAK-2026-0001234".into(),
        zaaktype: "Melding openbare ruimte".into(),
        omschrijving: String::new(),
        vertrouwelijkheid: Vertrouwelijkheid::Openbaar,
        statussen: Vec::new(),
        startdatum: chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        einddatum_gepland: None,
        uiterlijke_einddatum_afdoening: None,
        einddatum: None,
        behandelaar: None,
        afdeling: None,
        aanvrager: Some("Bloemenhuis Bosch V.O.F.".into()),
        aanvrager_id: aanvrager,
        contacten: Vec::new(),
    }
}

#[test]
fn a_zaak_found_by_number_replaces_the_klant_shown_before() {
    let mut s = ready();
    let jan = Uuid::now_v7();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(klantbeeld(jan, false)))),
    );
    press(&mut s, KeyCode::Char('/'), KeyModifiers::NONE);
    let bloemist = Uuid::now_v7();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::ZaakLoaded(Box::new(zaak(Some(bloemist))))),
    );
    // Jan was only looked at; Ctrl-K on the zaak links it and its aanvrager.
    press(&mut s, KeyCode::Char('k'), KeyModifiers::CONTROL);
    press(&mut s, KeyCode::F(5), KeyModifiers::NONE);
    let r = s.registratie.as_ref().unwrap();
    assert_eq!(
        r.klant.as_ref().map(|k| k.id),
        Some(bloemist),
        "the aanvrager, not Jan"
    );
    assert_eq!(
        r.zaak.as_ref().map(|z| z.1.as_str()),
        Some("ZAAK-2026-0001234")
    );
    // The zaak can be taken off the registration.
    s.registratie.as_mut().unwrap().veld = crate::app::registratie::Veld::Zaak;
    press(&mut s, KeyCode::Char(' '), KeyModifiers::NONE);
    assert!(s.registratie.as_ref().unwrap().zaak.is_none());
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    // Esc from the zaak goes back to the search, not to Jan.
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(s.zaak_klant.view, View::Zoeken);
}

#[test]
fn with_the_search_field_on_screen_nothing_is_prefilled() {
    let mut s = ready();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(klantbeeld(
            Uuid::now_v7(),
            false,
        )))),
    );
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    press(&mut s, KeyCode::F(5), KeyModifiers::NONE);
    assert!(s.registratie.as_ref().unwrap().klant.is_none());
}

#[test]
fn a_pasted_invalid_bsn_is_reported_even_when_an_older_answer_arrives_late() {
    let mut s = ready();
    press(&mut s, KeyCode::F(4), KeyModifiers::NONE);
    typ(&mut s, "99990146");
    let older = s.zaak_klant.seq;
    typ(&mut s, "2");
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::Zoekresultaat {
            seq: older,
            treffers: Vec::new(),
        }),
    );
    let m = s.zaak_klant.melding.as_deref().unwrap();
    assert!(m.contains("geen geldig BSN"), "{m}");
}

#[test]
fn a_half_typed_email_does_not_open_the_klantbeeld() {
    let mut s = ready();
    press(&mut s, KeyCode::F(4), KeyModifiers::NONE);
    typ(&mut s, "jan.vries78@voorbeeld.n");
    let seq = s.zaak_klant.seq;
    let hit = crate::domain::klant::Treffer::Klant(crate::domain::klant::KlantTreffer {
        id: Uuid::now_v7(),
        soort: crate::domain::klant::SoortPartij::Persoon,
        naam: "Jan de Vries".into(),
        adres: String::new(),
        kenmerk: String::new(),
    });
    let effects = update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::Zoekresultaat {
            seq,
            treffers: vec![hit],
        }),
    );
    assert!(effects.is_empty(), "waits for Enter");
    assert_eq!(
        s.mode(),
        Mode::Zoeken,
        "further keys still go into the field"
    );
}
