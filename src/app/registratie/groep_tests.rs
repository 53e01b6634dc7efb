use super::*;
use crate::domain::{MedewerkerRegel, Referentie};

#[test]
fn a_contactverzoek_can_go_to_a_groep_with_its_afdelings_deadline() {
    let afdeling = Uuid::now_v7();
    let groep = Uuid::now_v7();
    let refs = Referentie {
        afdelingen: vec![(afdeling, "Belastingen".into())],
        groepen: vec![(groep, "Team WOZ en bezwaar".into(), Some(afdeling))],
        medewerkers: vec![MedewerkerRegel {
            id: Uuid::now_v7(),
            naam: "Nina".into(),
            afdeling_id: Some(afdeling),
            afdeling: Some("Belastingen".into()),
            aanwezigheid: "beschikbaar".into(),
        }],
    };
    let now = Utc::now();
    let mut r = Registratie::new(Kanaal::Telefoon, None, None, now, now);
    r.toggle_verzoek();
    let termijn = |a: Uuid| if a == afdeling { 3 } else { 1 };
    r.option(true, &refs, &termijn); // afdeling
    r.option(true, &refs, &termijn); // groep
    assert_eq!(r.verzoek.as_ref().unwrap().aan, Some(Aan::Groep(groep)));
    assert_eq!(
        r.verzoek.as_ref().unwrap().werkdagen,
        3,
        "the groep's afdeling's deadline"
    );
    r.vragen[0].onderwerp = "WOZ".into();
    let vz = r.verzoek.as_mut().unwrap();
    vz.toelichting = "Bezwaar".into();
    vz.telefoon = "0612345678".into();
    let rec = r.build(now, Uuid::nil(), None, "Eva").unwrap();
    let (cv, _) = rec.verzoek.unwrap();
    assert_eq!(
        (cv.groep_id, cv.afdeling_id, cv.medewerker_id),
        (Some(groep), None, None)
    );
}
