use super::*;

#[test]
fn the_klants_afspraken_can_be_cancelled_with_a_reason_or_rescheduled() {
    let mut s = ready();
    let id = Uuid::from_u128(42);
    let oud = Uuid::from_u128(77);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Afspraak(AfspraakMsg::DienstenGeladen(vec![dienst(
            "Aanvraag paspoort of ID-kaart",
            15,
        )])),
    );
    let mut kb = super::zaak_klant::klantbeeld(id, false);
    let t = Utc::now() + chrono::Duration::days(2);
    kb.afspraken.push(crate::domain::klant::KlantAfspraak {
        begin_op: t,
        eind_op: t + chrono::Duration::minutes(15),
        id: oud,
        product: "Aanvraag paspoort of ID-kaart".into(),
        locatie: "Balie 1".into(),
        voorbehoud: false,
    });
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(kb))),
    );
    press(&mut s, KeyCode::Char('a'), KeyModifiers::NONE);
    assert!(matches!(s.afspraak.as_ref().unwrap().stap, Stap::Overzicht));
    // Cancel: a reason is required.
    press(&mut s, KeyCode::Char('x'), KeyModifiers::NONE);
    assert_eq!(s.mode(), Mode::AfspraakReden);
    assert!(press(&mut s, KeyCode::Enter, KeyModifiers::NONE).is_empty());
    typ(&mut s, "klant is verhuisd");
    let effects = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        effects,
        vec![Effect::Afspraak(AfspraakEffect::Annuleer {
            id: oud,
            reden: "klant is verhuisd".into()
        })]
    );
    // Or reschedule instead: the same diensten, and the new one points at the old.
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    s.afspraak.as_mut().unwrap().bezig = false;
    s.afspraak.as_mut().unwrap().stap = Stap::Overzicht;
    let effects = press(&mut s, KeyCode::Char('v'), KeyModifiers::NONE);
    let [Effect::Afspraak(AfspraakEffect::ZoekSlots { diensten, .. })] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(diensten, &vec!["Aanvraag paspoort of ID-kaart".to_string()]);
    let dag = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Afspraak(AfspraakMsg::SlotsGevonden(vec![Slot {
            plek: "Balie 2".into(),
            begin: dag.and_hms_opt(11, 0, 0).unwrap(),
            eind: dag.and_hms_opt(11, 15, 0).unwrap(),
            aansluitend: None,
        }])),
    );
    let effects = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    let [Effect::Afspraak(AfspraakEffect::Boek(a))] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(a.verzet_van, Some(oud));
    update(
        &mut s,
        &Ctx::nu(),
        Action::Afspraak(AfspraakMsg::Geboekt(a.clone())),
    );
    let k = s.zaak_klant.klant.as_ref().unwrap();
    assert_eq!(k.afspraken.len(), 1, "the old one left the list");
    assert_eq!(k.afspraken[0].locatie, "Balie 2");
}
use crate::app::afspraken::{AfspraakEffect, Stap};
use crate::domain::afspraken::{Dienst, Slot};

#[test]
fn a_refused_afspraak_is_announced_and_ctrl_o_offers_the_klant_the_next_free_times() {
    let mut s = ready();
    let id = Uuid::from_u128(42);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Afspraak(AfspraakMsg::DienstenGeladen(vec![
            dienst("Aanvraag paspoort of ID-kaart", 15),
            dienst("Aanvraag rijbewijs", 15),
        ])),
    );
    update(
        &mut s, &Ctx::nu(),
        Action::Sync(Box::new(crate::sync::SyncBericht {
            indicator: crate::sync::SyncIndicator::Gesynchroniseerd,
            laatst_ok: Some(Utc::now()),
            geweigerd: vec!["Afspraak Aanvraag rijbewijs op 27-11 10:00 bij Balie 3 niet bevestigd: dubbele boeking. Bel Jan de Vries (0612345678); Ctrl-O biedt een ander tijdstip aan.".into()],
            tabellen: vec!["afspraak".into()],
            opnieuw_aanbieden: Some((id, "Aanvraag rijbewijs".into())),
            ..Default::default()
        })),
    );
    let n = s.notice.as_ref().unwrap();
    assert!(n.is_error && n.text.contains("0612345678"), "{}", n.text);
    let effects = press(&mut s, KeyCode::Char('o'), KeyModifiers::CONTROL);
    assert_eq!(
        effects,
        vec![Effect::ZaakKlant(
            crate::app::zaak_klant::ZkEffect::OpenKlant(id)
        )]
    );
    let effects = update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(
            super::zaak_klant::klantbeeld(id, false),
        ))),
    );
    let f = s.afspraak.as_ref().expect("the form opened");
    assert_eq!(f.gekozen(), vec!["Aanvraag rijbewijs".to_string()]);
    assert!(effects.iter().any(|e| matches!(
        e,
        Effect::Afspraak(AfspraakEffect::ZoekSlots { diensten, .. }) if diensten == &vec!["Aanvraag rijbewijs".to_string()]
    )));
    // Once offered, Ctrl-O has nothing more to do.
    s.afspraak = None;
    assert!(press(&mut s, KeyCode::Char('o'), KeyModifiers::CONTROL).is_empty());
}

#[test]
fn book_from_the_wrap_up_and_the_registration_notes_it() {
    let mut s = ready();
    let id = Uuid::from_u128(42);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Afspraak(AfspraakMsg::DienstenGeladen(vec![dienst(
            "Aanvraag paspoort of ID-kaart",
            15,
        )])),
    );
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(
            super::zaak_klant::klantbeeld(id, false),
        ))),
    );
    press(&mut s, KeyCode::Char('k'), KeyModifiers::CONTROL);
    press(&mut s, KeyCode::F(5), KeyModifiers::NONE);
    assert_eq!(s.mode(), Mode::Registratie);
    press(&mut s, KeyCode::Char('a'), KeyModifiers::ALT);
    assert_eq!(s.mode(), Mode::Afspraak, "the form opens over the wrap-up");
    assert_eq!(s.afspraak.as_ref().unwrap().partij_id, id);
    let effects = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Afspraak(AfspraakEffect::ZoekSlots { .. })]
    ));
    let dag = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Afspraak(AfspraakMsg::SlotsGevonden(vec![Slot {
            plek: "Balie 2".into(),
            begin: dag.and_hms_opt(11, 0, 0).unwrap(),
            eind: dag.and_hms_opt(11, 15, 0).unwrap(),
            aansluitend: None,
        }])),
    );
    let effects = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    let [Effect::Afspraak(AfspraakEffect::Boek(a))] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    update(
        &mut s,
        &Ctx::nu(),
        Action::Afspraak(AfspraakMsg::Geboekt(a.clone())),
    );
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(s.mode(), Mode::Registratie, "back in the wrap-up");
    let notitie = &s.registratie.as_ref().unwrap().notitie;
    assert!(
        notitie.contains("Afspraak geboekt: Aanvraag paspoort of ID-kaart 27-11 11:00 bij Balie 2"),
        "{notitie}"
    );
}

#[test]
fn book_for_the_visitor_at_the_balie_opens_their_klantbeeld_then_the_form() {
    let mut s = ready();
    let id = Uuid::from_u128(42);
    let now = Utc::now();
    let bezoek = crate::domain::klantgeleiding::Bezoek {
        meta: crate::domain::RecordMeta::new(now, Uuid::nil()),
        dag: now.date_naive(),
        locatie: "Stadskantoor".into(),
        nummer: "S-001".into(),
        volgnummer: 1,
        dienst: "Ophalen".into(),
        partij_id: Some(id),
        aangekomen_op: now,
        opgeroepen_op: Some(now),
        oproepen: 1,
        balie: Some("Snelbalie 1".into()),
        geholpen_op: Some(now),
        klaar_op: None,
        status: crate::domain::klantgeleiding::IN_BEHANDELING.into(),
        afspraak_id: None,
        afspraak_op: None,
    };
    // This balie helps S-001: the store's list says so.
    s.klantgeleiding.balie = Some("Snelbalie 1".into());
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(vec![bezoek], Vec::new(), Vec::new())),
    );
    assert_eq!(
        s.klantgeleiding.huidig,
        Some(s.klantgeleiding.bezoeken[0].meta.id)
    );
    press(&mut s, KeyCode::F(2), KeyModifiers::NONE);
    let effects = press(&mut s, KeyCode::Char('m'), KeyModifiers::NONE);
    assert_eq!(
        effects,
        vec![Effect::ZaakKlant(
            crate::app::zaak_klant::ZkEffect::OpenKlant(id)
        )]
    );
    assert!(s.afspraak.is_none());
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(
            super::zaak_klant::klantbeeld(id, false),
        ))),
    );
    assert_eq!(s.afspraak.as_ref().map(|f| f.partij_id), Some(id));
    // Without a linked visitor or open klant it says what to do.
    let mut s = ready();
    press(&mut s, KeyCode::F(2), KeyModifiers::NONE);
    assert!(press(&mut s, KeyCode::Char('m'), KeyModifiers::NONE).is_empty());
    assert!(s.notice.as_ref().unwrap().is_error);
}

#[test]
fn choose_a_balie_then_a_day_in_the_month_view_and_see_the_times_from_that_day() {
    let mut s = ready();
    // Everything at the desk's own pinned moment (2026-11-23), so the month view and the free
    // times agree on "today" whatever the date the test runs.
    let ctx = Ctx::op(s.now.with_timezone(&Utc));
    let druk = |s: &mut State, code: KeyCode, mods: KeyModifiers| match key_to_action(
        s,
        &KeyEvent::new(code, mods),
    ) {
        Some(a) => update(s, &ctx, a),
        None => Vec::new(),
    };
    let id = Uuid::from_u128(42);
    update(
        &mut s,
        &ctx,
        Action::Afspraak(AfspraakMsg::DienstenGeladen(vec![dienst(
            "Aanvraag paspoort of ID-kaart",
            15,
        )])),
    );
    update(
        &mut s,
        &ctx,
        Action::Kg(KgMsg::PlekkenGeladen(vec![
            (
                "Balie 1".into(),
                vec!["Aanvraag paspoort of ID-kaart".into()],
            ),
            ("Spreekkamer 2".into(), vec!["Belastingen".into()]),
            (
                "Balie 2".into(),
                vec!["Aanvraag paspoort of ID-kaart".into()],
            ),
        ])),
    );
    update(
        &mut s,
        &ctx,
        Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(
            super::zaak_klant::klantbeeld(id, false),
        ))),
    );
    druk(&mut s, KeyCode::Char('a'), KeyModifiers::NONE);
    druk(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    let plek_van = |effects: &[Effect]| match effects {
        [Effect::Afspraak(AfspraakEffect::ZoekSlots { plek, .. })] => plek.clone(),
        other => panic!("{other:?}"),
    };
    // b: Balie 1, Balie 2 (the spreekkamer does not serve it), then any again.
    let b = KeyCode::Char('b');
    assert_eq!(
        plek_van(&druk(&mut s, b, KeyModifiers::NONE)).as_deref(),
        Some("Balie 1")
    );
    assert_eq!(
        plek_van(&druk(&mut s, b, KeyModifiers::NONE)).as_deref(),
        Some("Balie 2")
    );
    assert_eq!(plek_van(&druk(&mut s, b, KeyModifiers::NONE)), None);
    druk(&mut s, b, KeyModifiers::NONE);
    // m: the month of today, at Balie 1.
    let vandaag = s.now.date_naive();
    let effects = druk(&mut s, KeyCode::Char('m'), KeyModifiers::NONE);
    let [Effect::Afspraak(AfspraakEffect::ZoekMaand { maand, plek, .. })] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(*maand, crate::app::afspraken::maand_van(vandaag));
    assert_eq!(plek.as_deref(), Some("Balie 1"));
    // Not before today; five weeks on is another month, looked up.
    assert!(druk(&mut s, KeyCode::Left, KeyModifiers::NONE).is_empty());
    let mut volgende_maand = None;
    for _ in 0..5 {
        for e in druk(&mut s, KeyCode::Down, KeyModifiers::NONE) {
            if let Effect::Afspraak(AfspraakEffect::ZoekMaand { maand, .. }) = e {
                volgende_maand = Some(maand);
            }
        }
    }
    let gekozen = vandaag + chrono::Duration::days(35);
    assert_eq!(
        volgende_maand,
        Some(crate::app::afspraken::maand_van(gekozen))
    );
    // A late answer for the earlier month is not shown for this one.
    update(
        &mut s,
        &ctx,
        Action::Afspraak(AfspraakMsg::MaandGeladen(*maand, vec![(vandaag, 3)])),
    );
    assert!(matches!(
        s.afspraak.as_ref().unwrap().stap,
        Stap::Maand { vrij: None, .. }
    ));
    // Enter: the free times from that day, at that balie.
    let effects = druk(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    let [Effect::Afspraak(AfspraakEffect::ZoekSlots { vanaf, plek, .. })] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(vanaf.with_timezone(&chrono::Local).date_naive(), gekozen);
    assert_eq!(plek.as_deref(), Some("Balie 1"));
}

fn dienst(naam: &str, duur: u32) -> Dienst {
    Dienst {
        naam: naam.into(),
        vorm: "afspraak".into(),
        duur_minuten: duur,
        prefix: "P".into(),
        artikel: None,
    }
}

#[test]
fn book_from_the_klantbeeld_choose_diensten_a_slot_and_get_a_confirmation() {
    let mut s = ready();
    let id = Uuid::from_u128(42);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Afspraak(AfspraakMsg::DienstenGeladen(vec![
            dienst("Aanvraag paspoort of ID-kaart", 15),
            dienst("Aanvraag rijbewijs", 15),
            Dienst {
                vorm: "inloop".into(),
                ..dienst("Ophalen reisdocument", 5)
            },
        ])),
    );
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(
            super::zaak_klant::klantbeeld(id, false),
        ))),
    );
    press(&mut s, KeyCode::Char('a'), KeyModifiers::NONE);
    assert_eq!(s.mode(), Mode::Afspraak);
    assert_eq!(
        s.afspraak.as_ref().unwrap().diensten.len(),
        2,
        "walk-in diensten are not booked"
    );
    // Both diensten: the durations add up.
    press(&mut s, KeyCode::Char(' '), KeyModifiers::NONE);
    press(&mut s, KeyCode::Down, KeyModifiers::NONE);
    press(&mut s, KeyCode::Char(' '), KeyModifiers::NONE);
    let effects = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    let [Effect::Afspraak(AfspraakEffect::ZoekSlots { diensten, .. })] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(diensten.len(), 2);
    let dag = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let slot = |h: u32, m: u32| Slot {
        plek: "Balie 1".into(),
        begin: dag.and_hms_opt(h, m, 0).unwrap(),
        eind: dag.and_hms_opt(h, m, 0).unwrap() + chrono::Duration::minutes(30),
        aansluitend: None,
    };
    update(
        &mut s,
        &Ctx::nu(),
        Action::Afspraak(AfspraakMsg::SlotsGevonden(vec![slot(9, 0), slot(10, 0)])),
    );
    press(&mut s, KeyCode::Down, KeyModifiers::NONE);
    let effects = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    let [Effect::Afspraak(AfspraakEffect::Boek(a))] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(a.partij_id, Some(id));
    assert_eq!(
        a.product,
        "Aanvraag paspoort of ID-kaart + Aanvraag rijbewijs"
    );
    assert_eq!(a.locatie, "Balie 1");
    assert_eq!((a.eind_op - a.begin_op).num_minutes(), 30);
    let tekst = a.bevestiging.clone().unwrap();
    assert!(
        tekst.contains("dinsdag 24 november om 10:00 uur bij Balie 1"),
        "{tekst}"
    );
    // Someone else was faster: the form says so and looks again.
    let effects = update(
        &mut s,
        &Ctx::nu(),
        Action::Afspraak(AfspraakMsg::BoekenGeweigerd(
            "dit tijdstip is net door een ander geboekt".into(),
        )),
    );
    assert!(matches!(
        effects.as_slice(),
        [Effect::Afspraak(AfspraakEffect::ZoekSlots { .. })]
    ));
    assert!(
        s.afspraak
            .as_ref()
            .unwrap()
            .fout
            .as_ref()
            .unwrap()
            .contains("ander")
    );
    update(
        &mut s,
        &Ctx::nu(),
        Action::Afspraak(AfspraakMsg::SlotsGevonden(vec![slot(10, 30)])),
    );
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Afspraak(AfspraakMsg::Geboekt(a.clone())),
    );
    assert!(matches!(
        s.afspraak.as_ref().unwrap().stap,
        Stap::Bevestigd(_)
    ));
    assert_eq!(s.zaak_klant.klant.as_ref().unwrap().afspraken.len(), 1);
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert!(s.afspraak.is_none());
    assert_eq!(s.mode(), Mode::Klantbeeld);
}

/// Issue 16: the reason for cancelling has the text fields' cursor keys.
#[test]
fn a_cancel_reason_is_mended_at_its_cursor() {
    let mut s = ready();
    let oud = Uuid::from_u128(77);
    let mut kb = super::zaak_klant::klantbeeld(Uuid::from_u128(42), false);
    let t = Utc::now() + chrono::Duration::days(2);
    kb.afspraken.push(crate::domain::klant::KlantAfspraak {
        begin_op: t,
        eind_op: t + chrono::Duration::minutes(15),
        id: oud,
        product: "Aanvraag paspoort of ID-kaart".into(),
        locatie: "Balie 1".into(),
        voorbehoud: false,
    });
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(kb))),
    );
    press(&mut s, KeyCode::Char('a'), KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('x'), KeyModifiers::NONE);
    assert_eq!(s.mode(), Mode::AfspraakReden);
    typ(&mut s, "klant verhuisd");
    for _ in 0..8 {
        press(&mut s, KeyCode::Left, KeyModifiers::NONE);
    }
    typ(&mut s, "is ");
    press(&mut s, KeyCode::Home, KeyModifiers::NONE);
    press(&mut s, KeyCode::Delete, KeyModifiers::NONE);
    update(&mut s, &Ctx::nu(), Action::Plakken("De k".into()));
    press(&mut s, KeyCode::End, KeyModifiers::NONE);
    typ(&mut s, " naar");
    press(&mut s, KeyCode::Char('w'), KeyModifiers::CONTROL);
    press(&mut s, KeyCode::Right, KeyModifiers::NONE);
    let effects = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        effects,
        vec![Effect::Afspraak(AfspraakEffect::Annuleer {
            id: oud,
            reden: "De klant is verhuisd".into()
        })]
    );
}
