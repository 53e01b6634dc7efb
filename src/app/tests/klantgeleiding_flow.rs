use super::balie_claims::*;
use super::*;
use crate::app::klantgeleiding::KgEffect;
use crate::domain::afspraken::Dienst;
use crate::domain::klantgeleiding::{Bezoek, KLAAR, NO_SHOW, OPGEROEPEN, WACHTEND};

pub(super) fn bezoek(nummer: &str, dienst: &str, minuten_geleden: i64) -> Bezoek {
    let now = Utc::now();
    Bezoek {
        meta: crate::domain::RecordMeta::new(now, Uuid::nil()),
        dag: now.date_naive(),
        locatie: "Stadskantoor".into(),
        nummer: nummer.into(),
        volgnummer: 1,
        dienst: dienst.into(),
        partij_id: None,
        aangekomen_op: now - chrono::Duration::minutes(minuten_geleden),
        opgeroepen_op: None,
        oproepen: 0,
        balie: None,
        geholpen_op: None,
        klaar_op: None,
        status: WACHTEND.into(),
        afspraak_id: None,
        afspraak_op: None,
    }
}

#[test]
pub(super) fn calling_a_known_visitor_brings_up_their_klantbeeld_without_taking_the_balie_keys() {
    let mut s = ready();
    s.klantgeleiding.balie = Some("Snelbalie 1".into());
    let jan = Uuid::from_u128(77);
    let mut b = bezoek("S-001", "Ophalen reisdocument", 5);
    b.partij_id = Some(jan);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(vec![b], Vec::new(), Vec::new())),
    );
    press(&mut s, KeyCode::F(2), KeyModifiers::NONE);
    let (_, effects) = druk_v(&mut s);
    assert!(
        effects.contains(&Effect::ZaakKlant(
            crate::app::zaak_klant::ZkEffect::OpenKlant(jan)
        )),
        "{effects:?}"
    );
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(
            super::zaak_klant::klantbeeld(jan, false),
        ))),
    );
    assert_eq!(s.focus, Pane::Klantgeleiding, "s and k stay with the balie");
    assert_eq!(s.zaak_klant.klant.as_ref().map(|k| k.id), Some(jan));
    // Their contact is linked through their own ticket; the name came with the klantbeeld.
    let k = s.contact.as_ref().unwrap().klant.as_ref().unwrap();
    assert_eq!((k.klant.id, k.via), (jan, klantcontact::Via::Ticket));
    assert_eq!(k.klant.naam, "Jan de Vries");
}

#[test]
pub(super) fn a_receptie_with_a_klant_open_links_no_walk_in_unless_asked() {
    let mut s = ready();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Afspraak(AfspraakMsg::DienstenGeladen(vec![inloop(
            "Uittreksel",
            "U",
        )])),
    );
    let jan = Uuid::from_u128(77);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(
            super::zaak_klant::klantbeeld(jan, false),
        ))),
    );
    press(&mut s, KeyCode::F(2), KeyModifiers::NONE);
    let mut partijen = Vec::new();
    for _ in 0..3 {
        press(&mut s, KeyCode::Char('n'), KeyModifiers::NONE);
        press(&mut s, KeyCode::Char('u'), KeyModifiers::NONE);
        match press(&mut s, KeyCode::Enter, KeyModifiers::NONE).as_slice() {
            [Effect::Klantgeleiding(KgEffect::Inchecken { partij, .. })] => partijen.push(*partij),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(partijen, vec![None, None, None], "nobody linked silently");
    // Asked with Ctrl-K: that one ticket is Jan's, the next is not.
    press(&mut s, KeyCode::Char('n'), KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('k'), KeyModifiers::CONTROL);
    press(&mut s, KeyCode::Char('u'), KeyModifiers::NONE);
    let effects = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Klantgeleiding(KgEffect::Inchecken { partij: Some(p), .. })] if *p == jan
    ));
    press(&mut s, KeyCode::Char('n'), KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('u'), KeyModifiers::NONE);
    let effects = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Klantgeleiding(KgEffect::Inchecken {
            partij: None,
            ..
        })]
    ));
}

#[test]
pub(super) fn a_balie_calling_an_anonymous_ticket_after_booking_for_a_klant_saves_it_anonymous() {
    let mut s = ready();
    s.klantgeleiding.balie = Some("Balie 2".into());
    // The balie had Jan open (booked an afspraak for him) and linked him to that contact.
    let jan = Uuid::from_u128(77);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(
            super::zaak_klant::klantbeeld(jan, false),
        ))),
    );
    press(&mut s, KeyCode::Char('k'), KeyModifiers::CONTROL);
    assert!(s.contact.as_ref().unwrap().klant.is_some());
    // Then calls the next ticket: anonymous, a contact of its own.
    let anoniem = bezoek("S-002", "Ophalen reisdocument", 9);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(
            vec![anoniem.clone()],
            Vec::new(),
            Vec::new(),
        )),
    );
    press(&mut s, KeyCode::F(2), KeyModifiers::NONE);
    let b = druk_v(&mut s).0.expect("called");
    assert_eq!(b.nummer, "S-002");
    let c = s.contact.as_ref().unwrap();
    assert!(c.klant.is_none(), "Jan is not this visitor");
    assert!(c.regel().starts_with("Contact: bezoeker S-002 · klant: —"));
    let mut lijst = vec![b];
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(
            lijst.clone(),
            Vec::new(),
            Vec::new(),
        )),
    );
    let b = bewaard(&press(&mut s, KeyCode::Char('s'), KeyModifiers::NONE));
    vervang(&mut lijst, &b);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(lijst, Vec::new(), Vec::new())),
    );
    press(&mut s, KeyCode::Char('k'), KeyModifiers::NONE);
    let r = s.registratie.as_ref().expect("registration opened");
    assert!(r.klant.is_none() && r.anoniem);
    assert_eq!(r.kanaal, crate::domain::Kanaal::Balie);
    let effects = press(&mut s, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let Some(Effect::Registreer(rec)) = effects.first() else {
        panic!("{effects:?}")
    };
    assert_eq!(rec.contactmoment.partij_id, None);
}

#[test]
pub(super) fn klaar_and_niet_verschenen_can_be_undone_for_ten_seconds() {
    let mut s = ready();
    s.klantgeleiding.balie = Some("Snelbalie 1".into());
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(
            vec![bezoek("S-001", "Ophalen reisdocument", 9)],
            Vec::new(),
            Vec::new(),
        )),
    );
    press(&mut s, KeyCode::F(2), KeyModifiers::NONE);
    let b = druk_v(&mut s).0.unwrap();
    let mut lijst = vec![b];
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(
            lijst.clone(),
            Vec::new(),
            Vec::new(),
        )),
    );
    let b = bewaard(&press(&mut s, KeyCode::Char('s'), KeyModifiers::NONE));
    vervang(&mut lijst, &b);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(
            lijst.clone(),
            Vec::new(),
            Vec::new(),
        )),
    );
    // k by mistake: the wrap-up opens; Ctrl-Z there brings the visitor back and closes it.
    let klaar = bewaard(
        &press(&mut s, KeyCode::Char('k'), KeyModifiers::NONE)
            .into_iter()
            .filter(|e| matches!(e, Effect::Klantgeleiding(_)))
            .collect::<Vec<_>>(),
    );
    assert_eq!(klaar.status, KLAAR);
    assert!(s.notice.as_ref().unwrap().text.contains("Ctrl-Z"));
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(Vec::new(), Vec::new(), Vec::new())),
    );
    assert_eq!(s.mode(), Mode::Registratie);
    let effects = press(&mut s, KeyCode::Char('z'), KeyModifiers::CONTROL);
    let terug = effects
        .iter()
        .find_map(|e| match e {
            Effect::Klantgeleiding(KgEffect::Bewaar(b, verwacht)) => Some((b, verwacht)),
            _ => None,
        })
        .expect("saved back");
    assert_eq!(
        terug.0.status,
        crate::domain::klantgeleiding::IN_BEHANDELING
    );
    assert_eq!(terug.0.klaar_op, None);
    assert_eq!(
        terug.1.status, KLAAR,
        "a compare-and-set on the state k left them in"
    );
    assert!(s.registratie.is_none(), "the empty wrap-up closed");
    assert_eq!(s.klantgeleiding.huidig, Some(klaar.meta.id));
    // Only once, and not after ten seconds.
    assert!(press(&mut s, KeyCode::Char('z'), KeyModifiers::CONTROL).is_empty());
    let mut o = s.klantgeleiding.clone();
    o.huidig = None;
    o.ongedaan = Some(crate::app::klantgeleiding::Ongedaan {
        voor: klaar.clone(),
        na: crate::domain::klantgeleiding::Verwacht::van(&klaar),
        tot: Utc::now() - chrono::Duration::seconds(1),
        registratie: None,
    });
    assert!(
        o.ongedaan_maken(Utc::now())
            .unwrap_err()
            .contains("niet meer")
    );
}

#[test]
pub(super) fn a_balie_restarted_with_its_visitor_has_their_contact_back() {
    let mut s = ready();
    s.klantgeleiding.balie = Some("Snelbalie 2".into());
    let jan = Uuid::from_u128(77);
    let mut b = bezoek("U-001", "Uittreksel", 4);
    b.status = crate::domain::klantgeleiding::IN_BEHANDELING.into();
    b.balie = Some("Snelbalie 2".into());
    b.partij_id = Some(jan);
    b.geholpen_op = Some(Utc::now() - chrono::Duration::minutes(2));
    // The store's list after the restart: this balie is helping U-001.
    let effects = update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(
            vec![b.clone()],
            Vec::new(),
            Vec::new(),
        )),
    );
    let c = s.contact.as_ref().expect("the visitor's contact is back");
    assert_eq!(c.begonnen_op, b.geholpen_op.unwrap());
    assert!(c.regel().starts_with("Contact: bezoeker U-001 · klant: "));
    assert_eq!(c.klant.as_ref().unwrap().via, klantcontact::Via::Ticket);
    assert!(effects.contains(&Effect::ZaakKlant(
        crate::app::zaak_klant::ZkEffect::OpenKlant(jan)
    )));
    // A reload later changes nothing.
    let voor = s.contact.clone();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(vec![b], Vec::new(), Vec::new())),
    );
    assert_eq!(s.contact, voor);
}

/// A visitor called and being helped at Snelbalie 1, with the store's list in step.
pub(super) fn in_behandeling(s: &mut State, nummer: &str) -> Vec<Bezoek> {
    s.klantgeleiding.balie = Some("Snelbalie 1".into());
    update(
        s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(
            vec![bezoek(nummer, "Uittreksel", 3)],
            Vec::new(),
            Vec::new(),
        )),
    );
    press(s, KeyCode::F(2), KeyModifiers::NONE);
    let b = druk_v(s).0.unwrap();
    let mut lijst = vec![b];
    update(
        s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(
            lijst.clone(),
            Vec::new(),
            Vec::new(),
        )),
    );
    let b = bewaard(&press(s, KeyCode::Char('s'), KeyModifiers::NONE));
    vervang(&mut lijst, &b);
    update(
        s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(
            lijst.clone(),
            Vec::new(),
            Vec::new(),
        )),
    );
    lijst
}

pub(super) fn opslaan(s: &mut State) {
    let effects = press(s, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let Some(Effect::Registreer(rec)) = effects.iter().find(|e| matches!(e, Effect::Registreer(_)))
    else {
        panic!("{effects:?}")
    };
    let cm = rec.contactmoment.clone();
    update(
        s,
        &Ctx::nu(),
        Action::Reg(RegMsg::Geregistreerd {
            contactmoment: Box::new(cm),
            verzoek: None,
        }),
    );
}

#[test]
pub(super) fn one_visit_is_registered_once_and_a_saved_klaar_is_not_undone() {
    // Registered with F5 during the visit: k finishes without a second wrap-up.
    let mut s = ready();
    let lijst = in_behandeling(&mut s, "I-007");
    press(&mut s, KeyCode::F(5), KeyModifiers::NONE);
    typ(&mut s, "Vraag over paspoort");
    opslaan(&mut s);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(lijst, Vec::new(), Vec::new())),
    );
    assert!(s.contact.is_none(), "the visit's contact is registered");
    press(&mut s, KeyCode::Char('k'), KeyModifiers::NONE);
    assert!(s.registratie.is_none(), "no second wrap-up for I-007");
    assert!(s.notice.as_ref().unwrap().text.contains("al geregistreerd"));
    // k, the wrap-up saved: Ctrl-Z no longer brings the visitor back.
    let mut s = ready();
    in_behandeling(&mut s, "I-002");
    press(&mut s, KeyCode::Char('k'), KeyModifiers::NONE);
    opslaan(&mut s);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(Vec::new(), Vec::new(), Vec::new())),
    );
    let effects = press(&mut s, KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::Klantgeleiding(_))),
        "{effects:?}"
    );
}

#[test]
pub(super) fn a_no_show_ends_the_visitors_contact() {
    let mut s = ready();
    s.klantgeleiding.balie = Some("Snelbalie 1".into());
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(
            vec![bezoek("S-009", "Ophalen", 3)],
            Vec::new(),
            Vec::new(),
        )),
    );
    press(&mut s, KeyCode::F(2), KeyModifiers::NONE);
    let b = druk_v(&mut s).0.unwrap();
    let mut lijst = vec![b];
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(
            lijst.clone(),
            Vec::new(),
            Vec::new(),
        )),
    );
    let b = bewaard(&press(&mut s, KeyCode::Char('h'), KeyModifiers::NONE));
    vervang(&mut lijst, &b);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(lijst, Vec::new(), Vec::new())),
    );
    assert!(s.contact.is_some());
    press(&mut s, KeyCode::Char('x'), KeyModifiers::NONE);
    assert!(s.contact.is_none(), "nobody came: no contact in hand");
}

#[test]
pub(super) fn a_visitor_55_minutes_early_is_told_early() {
    let afspraak = Utc.with_ymd_and_hms(2026, 11, 23, 10, 30, 0).unwrap();
    let tekst =
        |min: i64| crate::app::aankomst_tekst(afspraak + chrono::Duration::minutes(min), afspraak);
    assert!(tekst(-55).ends_with("55 min te vroeg"), "{}", tekst(-55));
    assert!(tekst(-3).ends_with("op tijd"));
    assert!(tekst(7).ends_with("7 min te laat"));
}

#[test]
pub(super) fn an_afspraak_whose_time_has_come_is_called_before_an_earlier_walk_in() {
    let mut s = ready();
    s.klantgeleiding.balie = Some("Balie 2".into());
    let mut met_afspraak = bezoek("P-001", "Aanvraag paspoort", 1);
    met_afspraak.afspraak_id = Some(Uuid::from_u128(9));
    met_afspraak.balie = Some("Balie 2".into());
    met_afspraak.afspraak_op = Some(Utc::now() + chrono::Duration::minutes(2));
    let mut later = met_afspraak.clone();
    later.nummer = "P-002".into();
    later.afspraak_op = Some(Utc::now() + chrono::Duration::hours(1));
    let mut elders = met_afspraak.clone();
    elders.nummer = "P-003".into();
    elders.balie = Some("Balie 1".into());
    elders.afspraak_op = Some(Utc::now() - chrono::Duration::minutes(10));
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(
            vec![bezoek("S-001", "Ophalen", 20), later, elders, met_afspraak],
            Vec::new(),
            Vec::new(),
        )),
    );
    press(&mut s, KeyCode::F(2), KeyModifiers::NONE);
    let b = druk_v(&mut s).0.expect("someone called");
    assert_eq!(
        b.nummer, "P-001",
        "its time has come (within five minutes), at this balie"
    );
}

#[test]
pub(super) fn check_in_by_typing_then_call_the_longest_waiting_repeat_and_no_show_after_two_calls()
{
    let mut s = ready();
    s.klantgeleiding.balie = Some("Snelbalie 1".into());
    s.klantgeleiding.balie_diensten = vec!["Ophalen reisdocument".into()];
    update(
        &mut s,
        &Ctx::nu(),
        Action::Afspraak(AfspraakMsg::DienstenGeladen(vec![
            Dienst {
                naam: "Ophalen reisdocument".into(),
                vorm: "inloop".into(),
                duur_minuten: 5,
                prefix: "S".into(),
                artikel: None,
            },
            Dienst {
                naam: "Uittreksel".into(),
                vorm: "inloop".into(),
                duur_minuten: 10,
                prefix: "U".into(),
                artikel: None,
            },
        ])),
    );
    press(&mut s, KeyCode::F(2), KeyModifiers::NONE);
    assert_eq!(s.mode(), Mode::Klantgeleiding);
    // Three keystrokes: n, a letter, Enter.
    press(&mut s, KeyCode::Char('n'), KeyModifiers::NONE);
    assert!(s.zoomed, "the picker gets the whole screen");
    press(&mut s, KeyCode::Char('u'), KeyModifiers::NONE);
    let effects = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        effects,
        vec![Effect::Klantgeleiding(KgEffect::Inchecken {
            dienst: "Uittreksel".into(),
            prefix: "U".into(),
            partij: None,
        })]
    );
    // The store's list: this balie only serves Ophalen; S-002 waited longest among those.
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(
            vec![
                bezoek("U-001", "Uittreksel", 30),
                bezoek("S-001", "Ophalen reisdocument", 5),
                bezoek("S-002", "Ophalen reisdocument", 12),
            ],
            Vec::new(),
            Vec::new(),
        )),
    );
    let b = druk_v(&mut s).0.expect("someone called");
    assert_eq!(b.nummer, "S-002");
    assert_eq!((b.status.as_str(), b.oproepen), (OPGEROEPEN, 1));
    assert_eq!(b.balie.as_deref(), Some("Snelbalie 1"));
    let mut lijst = s.klantgeleiding.bezoeken.clone();
    vervang(&mut lijst, &b);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(
            lijst.clone(),
            Vec::new(),
            Vec::new(),
        )),
    );
    // Not yet a no-show after one call; v refuses while someone is called.
    assert!(press(&mut s, KeyCode::Char('x'), KeyModifiers::NONE).is_empty());
    assert!(press(&mut s, KeyCode::Char('v'), KeyModifiers::NONE).is_empty());
    let b = bewaard(&press(&mut s, KeyCode::Char('h'), KeyModifiers::NONE));
    assert_eq!(b.oproepen, 2);
    vervang(&mut lijst, &b);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(
            lijst.clone(),
            Vec::new(),
            Vec::new(),
        )),
    );
    let b = bewaard(&press(&mut s, KeyCode::Char('x'), KeyModifiers::NONE));
    assert_eq!(b.status, NO_SHOW);
    lijst.retain(|x| x.nummer != "S-002");
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(lijst, Vec::new(), Vec::new())),
    );
    // Next: S-001, started and finished; finishing opens the registration at the balie.
    let b = druk_v(&mut s).0.expect("someone called");
    assert_eq!(b.nummer, "S-001");
    let mut lijst = s.klantgeleiding.bezoeken.clone();
    vervang(&mut lijst, &b);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(
            lijst.clone(),
            Vec::new(),
            Vec::new(),
        )),
    );
    let b = bewaard(&press(&mut s, KeyCode::Char('s'), KeyModifiers::NONE));
    vervang(&mut lijst, &b);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(lijst, Vec::new(), Vec::new())),
    );
    let effects = press(&mut s, KeyCode::Char('k'), KeyModifiers::NONE);
    assert!(
        effects.iter().any(
            |e| matches!(e, Effect::Klantgeleiding(KgEffect::Bewaar(b, _)) if b.status == KLAAR)
        )
    );
    let r = s.registratie.as_ref().expect("registration opened");
    assert_eq!(r.kanaal, crate::domain::Kanaal::Balie);
    assert_eq!(r.vragen[0].onderwerp, "Ophalen reisdocument");
}

pub(super) fn inloop(naam: &str, prefix: &str) -> Dienst {
    Dienst {
        naam: naam.into(),
        vorm: "inloop".into(),
        duur_minuten: 5,
        prefix: prefix.into(),
        artikel: None,
    }
}

/// Call the next visitor at balie `balie` and return them, with the list updated.
pub(super) fn roep(s: &mut State, balie: &str, diensten: &[&str]) -> Option<Bezoek> {
    s.klantgeleiding.balie = Some(balie.into());
    s.klantgeleiding.balie_diensten = diensten.iter().map(|d| d.to_string()).collect();
    s.klantgeleiding.huidig = None;
    let b = druk_v(s).0?;
    let mut lijst = s.klantgeleiding.bezoeken.clone();
    vervang(&mut lijst, &b);
    update(
        s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(lijst, Vec::new(), Vec::new())),
    );
    Some(b)
}

#[test]
pub(super) fn a_visitor_sent_to_another_dienst_keeps_the_arrival_time_and_a_balie_transfer_is_for_that_balie_only()
 {
    let mut s = ready();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Afspraak(AfspraakMsg::DienstenGeladen(vec![
            inloop("Ophalen reisdocument", "S"),
            inloop("Uittreksel", "U"),
        ])),
    );
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::PlekkenGeladen(vec![("Balie 3".into(), Vec::new())])),
    );
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(
            vec![
                bezoek("S-001", "Ophalen reisdocument", 40),
                bezoek("U-001", "Uittreksel", 10),
            ],
            Vec::new(),
            Vec::new(),
        )),
    );
    press(&mut s, KeyCode::F(2), KeyModifiers::NONE);
    let b = roep(&mut s, "Snelbalie 1", &["Ophalen reisdocument"]).unwrap();
    assert_eq!(b.nummer, "S-001");
    // t: the picker offers diensten and balies; "uit" narrows to Uittreksel.
    press(&mut s, KeyCode::Char('t'), KeyModifiers::NONE);
    assert_eq!(s.mode(), Mode::Inchecken);
    let keuzes = s.klantgeleiding.doorstuur_keuzes(&s.diensten);
    assert!(
        keuzes.contains(&crate::app::klantgeleiding::Bestemming::Balie(
            "Balie 3".into()
        ))
    );
    assert!(
        !keuzes.contains(&crate::app::klantgeleiding::Bestemming::Balie(
            "Snelbalie 1".into()
        )),
        "not to itself"
    );
    for c in "uit".chars() {
        press(&mut s, KeyCode::Char(c), KeyModifiers::NONE);
    }
    let b = bewaard(&press(&mut s, KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(
        (b.dienst.as_str(), b.status.as_str(), b.oproepen),
        ("Uittreksel", WACHTEND, 0)
    );
    let mut lijst = s.klantgeleiding.bezoeken.clone();
    vervang(&mut lijst, &b);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(lijst, Vec::new(), Vec::new())),
    );
    // At the Uittreksel balie, S-001 (arrived 40 minutes ago) comes before U-001 (10).
    let b = roep(&mut s, "Snelbalie 2", &["Uittreksel"]).unwrap();
    assert_eq!(b.nummer, "S-001", "the original arrival time counts");
    // Sent on to Balie 3: only Balie 3 calls it, whatever diensten it serves.
    press(&mut s, KeyCode::Char('t'), KeyModifiers::NONE);
    for c in "balie 3".chars() {
        press(&mut s, KeyCode::Char(c), KeyModifiers::NONE);
    }
    let b = bewaard(&press(&mut s, KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(b.balie.as_deref(), Some("Balie 3"));
    let mut lijst = s.klantgeleiding.bezoeken.clone();
    vervang(&mut lijst, &b);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(lijst, Vec::new(), Vec::new())),
    );
    let b = roep(&mut s, "Snelbalie 2", &["Uittreksel"]).unwrap();
    assert_eq!(b.nummer, "U-001", "S-001 now waits for Balie 3");
    let b = roep(&mut s, "Balie 3", &["Aanvraag paspoort"]).unwrap();
    assert_eq!(b.nummer, "S-001");
}

#[test]
pub(super) fn park_a_visitor_call_the_next_and_resume_the_parked_one() {
    let mut s = ready();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(
            vec![
                bezoek("S-001", "Ophalen", 20),
                bezoek("S-002", "Ophalen", 10),
            ],
            Vec::new(),
            Vec::new(),
        )),
    );
    press(&mut s, KeyCode::F(2), KeyModifiers::NONE);
    let b = roep(&mut s, "Snelbalie 1", &[]).unwrap();
    assert_eq!(b.nummer, "S-001");
    let b = bewaard(&press(&mut s, KeyCode::Char('p'), KeyModifiers::NONE));
    assert_eq!(b.status, crate::domain::klantgeleiding::GEPARKEERD);
    let mut lijst = s.klantgeleiding.bezoeken.clone();
    vervang(&mut lijst, &b);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(lijst, Vec::new(), Vec::new())),
    );
    // Parked is not waiting: the next call is S-002; resuming waits until it is done.
    let b = druk_v(&mut s).0.expect("someone called");
    assert_eq!(b.nummer, "S-002");
    let mut lijst = s.klantgeleiding.bezoeken.clone();
    vervang(&mut lijst, &b);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(
            lijst.clone(),
            Vec::new(),
            Vec::new(),
        )),
    );
    assert!(press(&mut s, KeyCode::Char('r'), KeyModifiers::NONE).is_empty());
    let b = bewaard(&press(&mut s, KeyCode::Char('k'), KeyModifiers::NONE));
    s.registratie = None;
    lijst.retain(|x| x.nummer != b.nummer);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(lijst, Vec::new(), Vec::new())),
    );
    let b = bewaard(&press(&mut s, KeyCode::Char('r'), KeyModifiers::NONE));
    assert_eq!(
        (b.nummer.as_str(), b.status.as_str()),
        ("S-001", crate::domain::klantgeleiding::IN_BEHANDELING)
    );
    // Another balie does not see it as its own parked visitor.
    s.klantgeleiding.balie = Some("Snelbalie 2".into());
    assert!(s.klantgeleiding.geparkeerd().is_empty());
}

#[test]
pub(super) fn the_agenda_marks_a_begun_afspraak_not_come_and_checks_in_only_todays() {
    let mut s = ready();
    press(&mut s, KeyCode::F(2), KeyModifiers::NONE);
    let effects = press(&mut s, KeyCode::Char('d'), KeyModifiers::NONE);
    let vandaag = s.now.date_naive();
    assert_eq!(
        effects,
        vec![Effect::Klantgeleiding(KgEffect::LaadAgenda(vandaag))]
    );
    assert_eq!(s.mode(), Mode::Agenda);
    let regel = |n: u128, minuten: i64, status: &str| crate::domain::klantgeleiding::DagAfspraak {
        id: Uuid::from_u128(n),
        begin_op: Utc::now() + chrono::Duration::minutes(minuten),
        eind_op: Utc::now() + chrono::Duration::minutes(minuten + 15),
        medewerker: None,
        product: "Aanvraag paspoort".into(),
        locatie: "Balie 1".into(),
        partij_id: None,
        klant: "J. de Vries".into(),
        status: status.into(),
    };
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::AgendaGeladen(
            vandaag,
            vec![
                regel(1, -20, "gepland"),
                regel(2, 30, "gepland"),
                regel(3, -60, "aanwezig"),
            ],
        )),
    );
    // Begun twenty minutes ago and nobody came: x marks it.
    let effects = press(&mut s, KeyCode::Char('x'), KeyModifiers::NONE);
    assert_eq!(
        effects,
        vec![Effect::Klantgeleiding(KgEffect::AfspraakNoShow(
            Uuid::from_u128(1)
        ))]
    );
    // Still to come: refused, with the time.
    press(&mut s, KeyCode::Down, KeyModifiers::NONE);
    assert!(press(&mut s, KeyCode::Char('x'), KeyModifiers::NONE).is_empty());
    assert!(s.notice.as_ref().unwrap().text.starts_with("Nog niet"));
    // It can be checked in from the agenda.
    let effects = press(&mut s, KeyCode::Char('i'), KeyModifiers::NONE);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Klantgeleiding(KgEffect::AfspraakInchecken(a))] if a.id == Uuid::from_u128(2)
    ));
    // Already aanwezig: neither.
    press(&mut s, KeyCode::Down, KeyModifiers::NONE);
    assert!(press(&mut s, KeyCode::Char('x'), KeyModifiers::NONE).is_empty());
    assert!(press(&mut s, KeyCode::Char('i'), KeyModifiers::NONE).is_empty());
    // Tomorrow: loaded anew; nothing to check in there today.
    let effects = press(&mut s, KeyCode::Char('+'), KeyModifiers::NONE);
    let morgen = vandaag + chrono::Duration::days(1);
    assert_eq!(
        effects,
        vec![Effect::Klantgeleiding(KgEffect::LaadAgenda(morgen))]
    );
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::AgendaGeladen(
            morgen,
            vec![regel(4, 24 * 60, "gepland")],
        )),
    );
    assert!(press(&mut s, KeyCode::Char('i'), KeyModifiers::NONE).is_empty());
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(s.mode(), Mode::Klantgeleiding);
}

#[test]
pub(super) fn the_afspraak_picker_checks_in_the_chosen_afspraak_not_a_walk_in() {
    let mut s = ready();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Afspraak(AfspraakMsg::DienstenGeladen(vec![inloop("Ophalen", "S")])),
    );
    press(&mut s, KeyCode::F(2), KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('a'), KeyModifiers::NONE);
    let vandaag = |klant: &str, n: u128| crate::domain::klantgeleiding::DagAfspraak {
        id: Uuid::from_u128(n),
        begin_op: Utc::now(),
        eind_op: Utc::now(),
        medewerker: None,
        product: "Aanvraag paspoort".into(),
        locatie: "Balie 2".into(),
        partij_id: None,
        klant: klant.into(),
        status: "gepland".into(),
    };
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::AfsprakenVandaag(vec![
            vandaag("J. de Vries", 1),
            vandaag("P. Jansen", 2),
        ])),
    );
    for c in "jans".chars() {
        press(&mut s, KeyCode::Char(c), KeyModifiers::NONE);
    }
    let effects = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    match effects.as_slice() {
        [Effect::Klantgeleiding(KgEffect::AfspraakInchecken(a))] => {
            assert_eq!(a.id, Uuid::from_u128(2))
        }
        other => panic!("{other:?}"),
    }
    assert!(s.klantgeleiding.inchecken.is_none());
}

/// Issue 16: the check-in's search has the text fields' cursor keys; ↑/↓ still choose.
#[test]
pub(super) fn the_check_in_search_is_mended_at_its_cursor() {
    let mut s = ready();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Afspraak(AfspraakMsg::DienstenGeladen(vec![
            inloop("Uittreksel", "U"),
            inloop("Rijbewijs", "R"),
        ])),
    );
    press(&mut s, KeyCode::F(2), KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('n'), KeyModifiers::NONE);
    assert_eq!(s.mode(), Mode::Inchecken);
    typ(&mut s, "ritbewijs");
    assert!(s.klantgeleiding.keuzes(&s.diensten).is_empty());
    press(&mut s, KeyCode::Home, KeyModifiers::NONE);
    press(&mut s, KeyCode::Right, KeyModifiers::NONE);
    press(&mut s, KeyCode::Right, KeyModifiers::NONE);
    press(&mut s, KeyCode::Delete, KeyModifiers::NONE);
    typ(&mut s, "j");
    assert_eq!(
        s.klantgeleiding.inchecken.as_ref().unwrap().filter,
        "rijbewijs"
    );
    press(&mut s, KeyCode::End, KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('w'), KeyModifiers::CONTROL);
    update(&mut s, &Ctx::nu(), Action::Plakken("rijb".into()));
    press(&mut s, KeyCode::Left, KeyModifiers::NONE);
    press(&mut s, KeyCode::Left, KeyModifiers::NONE);
    press(&mut s, KeyCode::Left, KeyModifiers::NONE);
    press(&mut s, KeyCode::Left, KeyModifiers::NONE);
    update(&mut s, &Ctx::nu(), Action::Plakken("x".into()));
    press(&mut s, KeyCode::Home, KeyModifiers::NONE);
    press(&mut s, KeyCode::Delete, KeyModifiers::NONE);
    assert_eq!(s.klantgeleiding.inchecken.as_ref().unwrap().filter, "rijb");
    match press(&mut s, KeyCode::Enter, KeyModifiers::NONE).as_slice() {
        [Effect::Klantgeleiding(KgEffect::Inchecken { dienst, .. })] => {
            assert_eq!(dienst, "Rijbewijs")
        }
        other => panic!("{other:?}"),
    }
}
