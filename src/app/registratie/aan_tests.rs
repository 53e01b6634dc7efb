use super::*;
use crate::domain::{MedewerkerRegel, Referentie};

fn mens(n: u128, naam: &str, afdeling: Uuid, aanwezigheid: &str) -> MedewerkerRegel {
    MedewerkerRegel {
        id: Uuid::from_u128(n),
        naam: naam.into(),
        afdeling_id: Some(afdeling),
        afdeling: Some("Burgerzaken".into()),
        aanwezigheid: aanwezigheid.into(),
    }
}

fn refs(afdeling: Uuid) -> Referentie {
    Referentie {
        afdelingen: vec![(afdeling, "Burgerzaken".into())],
        groepen: vec![],
        medewerkers: vec![
            mens(1, "Fenna Dijkstra", afdeling, "beschikbaar"),
            mens(2, "Femke Jansen", afdeling, "ziek"),
            mens(3, "Éric Smit", afdeling, "beschikbaar"),
        ],
    }
}

#[test]
fn letters_on_aan_find_a_colleague_and_arrows_go_through_what_matches() {
    let afdeling = Uuid::from_u128(9);
    let refs = refs(afdeling);
    let now = Utc::now();
    let mut r = Registratie::new(Kanaal::Telefoon, None, None, now, now);
    r.toggle_verzoek();
    assert_eq!(r.veld, Veld::VerzoekAan);
    let termijn = |_: Uuid| 2;
    for c in "fem".chars() {
        r.aan_zoeken(Some(c), &refs, &termijn);
    }
    let aan = |r: &Registratie| r.verzoek.as_ref().unwrap().aan;
    assert_eq!(aan(&r), Some(Aan::Medewerker(Uuid::from_u128(2))));
    assert_eq!(r.verzoek.as_ref().unwrap().werkdagen, 2);
    // One letter back: "fe" matches Fenna and Femke; → goes between them only.
    r.aan_zoeken(None, &refs, &termijn);
    assert_eq!(aan(&r), Some(Aan::Medewerker(Uuid::from_u128(1))));
    r.option(true, &refs, &termijn);
    assert_eq!(aan(&r), Some(Aan::Medewerker(Uuid::from_u128(2))));
    r.option(true, &refs, &termijn);
    assert_eq!(aan(&r), Some(Aan::Medewerker(Uuid::from_u128(1))));
    // Without diacritics; nobody found says so and keeps the choice.
    r.aan_filter.clear();
    r.aan_zoeken(Some('e'), &refs, &termijn);
    r.aan_zoeken(Some('r'), &refs, &termijn);
    r.aan_zoeken(Some('i'), &refs, &termijn);
    assert_eq!(aan(&r), Some(Aan::Medewerker(Uuid::from_u128(3))));
    r.aan_zoeken(Some('x'), &refs, &termijn);
    assert!(r.fout.as_deref().unwrap().contains("Niemand gevonden"));
    assert_eq!(aan(&r), Some(Aan::Medewerker(Uuid::from_u128(3))));
}

#[test]
fn a_callback_after_a_failed_transfer_to_a_sick_colleague_goes_to_their_afdeling() {
    let afdeling = Uuid::from_u128(9);
    let refs = refs(afdeling);
    let now = Utc::now();
    let mut r = Registratie::new(Kanaal::Telefoon, None, None, now, now);
    r.beller = Some("0612345678".into());
    r.niet_bereikt = Some("Femke Jansen".into());
    r.toggle_verzoek_met(&refs, &|_| 1);
    assert_eq!(
        r.verzoek.as_ref().unwrap().aan,
        Some(Aan::Afdeling(afdeling))
    );
    assert_eq!(
        r.fout.as_deref(),
        Some("Femke Jansen is ziek: het contactverzoek gaat naar Burgerzaken.")
    );
    // One source of presence: the same word the transfer list shows.
    assert_eq!(refs.medewerkers[1].aanwezig().label(), "ziek");
    // A colleague at work gets it themselves.
    let mut r = Registratie::new(Kanaal::Telefoon, None, None, now, now);
    r.niet_bereikt = Some("Fenna Dijkstra".into());
    r.toggle_verzoek_met(&refs, &|_| 1);
    assert_eq!(
        r.verzoek.as_ref().unwrap().aan,
        Some(Aan::Medewerker(Uuid::from_u128(1)))
    );
}
