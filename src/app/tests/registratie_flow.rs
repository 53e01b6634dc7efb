use super::zaak_klant::klantbeeld;
use super::*;

#[test]
fn f5_saves_on_the_klant_linked_with_c_never_on_the_one_merely_on_screen() {
    let mut s = ready();
    let id = Uuid::now_v7();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(klantbeeld(id, false)))),
    );
    let bekeken = s.voorwerk.begin.expect("looking up a klant is work");
    // Only looked at: F5 starts a contact of its own, anonymous.
    press(&mut s, KeyCode::F(5), KeyModifiers::NONE);
    assert_eq!(s.mode(), Mode::Registratie);
    let r = s.registratie.as_ref().unwrap();
    assert!(r.klant.is_none() && r.anoniem, "{r:?}");
    let c = s
        .contact
        .as_ref()
        .expect("F5 with nothing in hand starts a contact");
    assert_eq!(c.aanleiding, klantcontact::Aanleiding::Handmatig);
    assert_eq!(
        c.begonnen_op, bekeken,
        "it began when the agent started looking"
    );
    // Dropped unchanged: no contact in hand any more.
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert!(s.registratie.is_none() && s.contact.is_none());
    // Ctrl-K in the klantbeeld links them; now the wrap-up is theirs and says how.
    assert_eq!(s.mode(), Mode::Klantbeeld);
    press(&mut s, KeyCode::Char('k'), KeyModifiers::CONTROL);
    let k = s.contact.as_ref().unwrap().klant.as_ref().unwrap();
    assert_eq!((k.klant.id, k.via), (id, klantcontact::Via::DoorU));
    press(&mut s, KeyCode::F(5), KeyModifiers::NONE);
    let r = s.registratie.as_ref().unwrap();
    assert_eq!(r.klant.as_ref().map(|k| k.id), Some(id));
    assert_eq!(r.via, Some(klantcontact::Via::DoorU));
    assert!(!r.anoniem);
    // q and ? are text in the form
    typ(&mut s, "q?");
    assert_eq!(s.registratie.as_ref().unwrap().vragen[0].onderwerp, "q?");
}

#[test]
fn ctrl_s_saves_only_a_valid_form_and_a_failure_keeps_it() {
    let mut s = ready();
    press(&mut s, KeyCode::F(5), KeyModifiers::NONE);
    let effects = press(&mut s, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(effects.is_empty());
    assert!(s.registratie.as_ref().unwrap().fout.is_some());
    typ(&mut s, "Afvalkalender");
    let effects = press(&mut s, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(matches!(effects.as_slice(), [Effect::Registreer(_)]));
    assert!(s.registratie.as_ref().unwrap().bezig);
    update(
        &mut s,
        &Ctx::nu(),
        Action::SaveFailed {
            what: "registratie opslaan".into(),
            error: "schijf vol".into(),
            herkomst: crate::app::jobs::Herkomst::Registratie,
        },
    );
    let r = s.registratie.as_ref().expect("the form stays");
    assert!(!r.bezig && r.fout.as_deref().unwrap().contains("schijf vol"));
    assert_eq!(r.vragen[0].onderwerp, "Afvalkalender");

    // Issue 16: a failure goes back to the form that asked. Another form's failure (a
    // contactverzoek, a search) leaves the wrap-up waiting for its own save's answer.
    let effects = press(&mut s, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(matches!(effects.as_slice(), [Effect::Registreer(_)]));
    for herkomst in [
        crate::app::jobs::Herkomst::Contactverzoek,
        crate::app::jobs::Herkomst::Overig,
    ] {
        update(
            &mut s,
            &Ctx::nu(),
            Action::SaveFailed {
                what: "contactverzoek afhandelen".into(),
                error: "database is locked".into(),
                herkomst,
            },
        );
        let r = s.registratie.as_ref().unwrap();
        assert!(
            r.bezig && r.fout.is_none(),
            "{herkomst:?} is not the wrap-up's"
        );
    }
}

#[test]
fn a_saved_registration_closes_the_form_and_the_next_contact_starts_empty() {
    let mut s = ready();
    let id = Uuid::now_v7();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(klantbeeld(id, false)))),
    );
    press(&mut s, KeyCode::Char('k'), KeyModifiers::CONTROL);
    press(&mut s, KeyCode::F(5), KeyModifiers::NONE);
    assert_eq!(
        s.registratie.as_ref().unwrap().klant.as_ref().map(|k| k.id),
        Some(id)
    );
    typ(&mut s, "Paspoort");
    let effects = press(&mut s, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let [Effect::Registreer(records)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    update(
        &mut s,
        &Ctx::nu(),
        Action::Reg(RegMsg::Geregistreerd {
            contactmoment: Box::new(records.contactmoment.clone()),
            verzoek: None,
        }),
    );
    assert!(s.registratie.is_none());
    assert!(
        s.contact.is_none() && s.voorwerk.begin.is_none(),
        "the next contact starts fresh"
    );
    assert!(
        s.zaak_klant.klant.is_none(),
        "no klant carried into the next contact"
    );
    assert_eq!(s.zaak_klant.view, View::Zoeken);
    assert!(s.notice.as_ref().unwrap().text.contains("geregistreerd"));
    // The next registration starts anonymous.
    press(&mut s, KeyCode::F(5), KeyModifiers::NONE);
    let r = s.registratie.as_ref().unwrap();
    assert!(r.klant.is_none() && r.anoniem && r.zaak.is_none());
}

#[test]
fn a_multi_line_paste_is_text_for_the_field_never_keys() {
    let mut s = ready();
    press(&mut s, KeyCode::F(5), KeyModifiers::NONE);
    typ(&mut s, "Afvalkalender");
    s.registratie.as_mut().unwrap().veld = crate::app::registratie::Veld::Notitie;
    let effects = update(
        &mut s,
        &Ctx::nu(),
        Action::Plakken("regel 1\r\nregel 2\n\tq?\u{7}".into()),
    );
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::Registreer(_))),
        "a newline in a paste never saves the form: {effects:?}"
    );
    let r = s.registratie.as_ref().expect("the form is still open");
    assert_eq!(r.notitie, "regel 1 regel 2 q?");
    assert_eq!(r.veld, crate::app::registratie::Veld::Notitie);
    assert_eq!(s.mode(), Mode::Registratie);
    // A huge paste is cut at the field's limit, and the desk says so.
    update(&mut s, &Ctx::nu(), Action::Plakken("x".repeat(100_000)));
    assert_eq!(
        s.registratie.as_ref().unwrap().notitie.chars().count(),
        crate::domain::contact::MAX_TEKST
    );
    assert!(s.notice.as_ref().unwrap().text.contains("eerste"));
    // Where no text goes, a paste does nothing but say so.
    let mut s = ready();
    press(&mut s, KeyCode::F(2), KeyModifiers::NONE);
    let effects = update(&mut s, &Ctx::nu(), Action::Plakken("\n\n".into()));
    assert!(effects.is_empty());
    assert_eq!(s.mode(), Mode::Klantgeleiding);
}

/// Issue 16: the wrap-up's text fields have the cursor keys. ←/→ move the cursor in a text
/// field and still choose on a choice field; Home, End, Delete and Ctrl-W do nothing there.
#[test]
fn a_wrap_up_text_field_is_mended_at_its_cursor_and_arrows_still_choose() {
    let mut s = ready();
    press(&mut s, KeyCode::F(5), KeyModifiers::NONE);
    typ(&mut s, "paspoort aanvragen");
    press(&mut s, KeyCode::Home, KeyModifiers::NONE);
    press(&mut s, KeyCode::Delete, KeyModifiers::NONE);
    typ(&mut s, "P");
    press(&mut s, KeyCode::End, KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('w'), KeyModifiers::CONTROL);
    typ(&mut s, "verlengen");
    for _ in 0..9 {
        press(&mut s, KeyCode::Left, KeyModifiers::NONE);
    }
    update(&mut s, &Ctx::nu(), Action::Plakken("en ID-kaart\n".into()));
    let r = s.registratie.as_ref().unwrap();
    assert_eq!(r.vragen[0].onderwerp, "Paspoort en ID-kaart verlengen");
    assert_eq!(
        r.vragen[0].onderwerp.cursor(),
        21,
        "the paste went in at the cursor"
    );
    // On a choice field the arrows choose, and the edit keys leave it alone.
    let kanaal = r.kanaal;
    for _ in 0..6 {
        press(&mut s, KeyCode::Up, KeyModifiers::NONE);
    }
    let r = s.registratie.as_ref().unwrap();
    assert_eq!(r.veld, registratie::Veld::Kanaal);
    press(&mut s, KeyCode::Right, KeyModifiers::NONE);
    press(&mut s, KeyCode::Delete, KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('w'), KeyModifiers::CONTROL);
    let r = s.registratie.as_ref().unwrap();
    assert_ne!(r.kanaal, kanaal, "→ chooses the next kanaal");
    assert_eq!(r.vragen[0].onderwerp, "Paspoort en ID-kaart verlengen");
}

#[test]
fn a_paste_never_flips_a_choice_field() {
    let mut s = ready();
    press(&mut s, KeyCode::F(5), KeyModifiers::NONE);
    let voor = s.registratie.clone().unwrap();
    for veld in [
        crate::app::registratie::Veld::Kanaal,
        crate::app::registratie::Veld::EersteLijn,
        crate::app::registratie::Veld::Betrokkene,
    ] {
        s.registratie.as_mut().unwrap().veld = veld;
        update(&mut s, &Ctx::nu(), Action::Plakken("tel 06 3\na b".into()));
        let mut na = s.registratie.clone().unwrap();
        na.veld = voor.veld;
        assert_eq!(na, voor, "{veld:?} changed by a paste");
        assert!(s.notice.as_ref().unwrap().text.contains("tekstveld"));
    }
}

#[test]
fn ctrl_k_again_unlinks_and_a_zaak_of_someone_else_is_said() {
    let mut s = ready();
    let jan = Uuid::now_v7();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(klantbeeld(jan, false)))),
    );
    press(&mut s, KeyCode::Char('k'), KeyModifiers::CONTROL);
    assert!(s.contact.as_ref().unwrap().klant.is_some());
    press(&mut s, KeyCode::Char('k'), KeyModifiers::CONTROL);
    assert!(s.contact.as_ref().unwrap().klant.is_none());
    assert!(
        s.notice
            .as_ref()
            .unwrap()
            .text
            .contains("niet meer gekoppeld")
    );
    // Letters typed in a klantbeeld never link anyone.
    typ(&mut s, "cornelia");
    assert!(s.contact.as_ref().unwrap().klant.is_none());
}

#[test]
fn the_form_is_autosaved_while_it_changes_and_offered_after_a_crash() {
    let mut s = ready();
    press(&mut s, KeyCode::F(5), KeyModifiers::NONE);
    typ(&mut s, "Kapvergunning");
    let now = s.now;
    let mut saved = Vec::new();
    for i in 0..6 {
        for e in update(
            &mut s,
            &Ctx::nu(),
            Action::Tick(now + chrono::Duration::seconds(i)),
        ) {
            if let Effect::BewaarConcept(Some(json)) = e {
                saved.push(json);
            }
        }
    }
    assert_eq!(saved.len(), 1, "saved once, then nothing changed");
    // The next start finds it.
    let mut s2 = ready();
    update(
        &mut s2,
        &Ctx::nu(),
        Action::Reg(RegMsg::ConceptGevonden(saved[0].clone())),
    );
    assert_eq!(s2.mode(), Mode::Concept);
    press(&mut s2, KeyCode::Char('j'), KeyModifiers::NONE);
    assert_eq!(
        s2.registratie.as_ref().unwrap().vragen[0].onderwerp,
        "Kapvergunning"
    );
}

#[test]
fn escape_asks_before_discarding_and_discarding_drops_the_draft() {
    let mut s = ready();
    press(&mut s, KeyCode::F(5), KeyModifiers::NONE);
    typ(&mut s, "Hondenbelasting");
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(s.mode(), Mode::Annuleren);
    press(&mut s, KeyCode::Char('n'), KeyModifiers::NONE);
    assert!(s.registratie.is_some());
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    let effects = press(&mut s, KeyCode::Char('j'), KeyModifiers::NONE);
    assert!(s.registratie.is_none());
    // The draft goes, and so does the contact F5 started (nothing else in hand).
    assert_eq!(
        effects,
        vec![Effect::BewaarConcept(None), Effect::BewaarContact(None)]
    );
    assert!(s.contact.is_none());
}

#[test]
fn the_contact_in_hand_is_kept_and_comes_back_after_a_crash() {
    let mut s = ready();
    let jan = Uuid::now_v7();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(klantbeeld(jan, false)))),
    );
    let effects = press(&mut s, KeyCode::Char('k'), KeyModifiers::CONTROL);
    let Some(Effect::BewaarContact(Some(json))) = effects
        .iter()
        .find(|e| matches!(e, Effect::BewaarContact(_)))
    else {
        panic!("the linked contact is kept: {effects:?}")
    };
    // The desk dies; the next start gets the kept contact back, with what was linked.
    let begonnen = s.contact.as_ref().unwrap().begonnen_op;
    let mut na = ready();
    na.now = begonnen.with_timezone(&chrono::Local);
    update(&mut na, &Ctx::nu(), Action::ContactGevonden(json.clone()));
    assert_eq!(na.contact, s.contact);
    assert!(
        na.notice
            .as_ref()
            .unwrap()
            .text
            .contains("Van voor de herstart: Contact: ")
    );
    // One of another day is not taken back.
    let mut oud: klantcontact::Klantcontact = serde_json::from_str(json).unwrap();
    oud.begonnen_op -= chrono::Duration::days(1);
    let mut morgen = ready();
    morgen.now = begonnen.with_timezone(&chrono::Local);
    update(
        &mut morgen,
        &Ctx::nu(),
        Action::ContactGevonden(serde_json::to_string(&oud).unwrap()),
    );
    assert!(morgen.contact.is_none());
}

#[test]
fn quitting_with_a_filled_form_keeps_it_as_a_draft() {
    let mut s = ready();
    press(&mut s, KeyCode::F(5), KeyModifiers::NONE);
    typ(&mut s, "WOZ");
    press(&mut s, KeyCode::Char('c'), KeyModifiers::CONTROL);
    let effects = press(&mut s, KeyCode::Char('j'), KeyModifiers::NONE);
    assert!(s.quit);
    assert!(matches!(
        effects.as_slice(),
        [Effect::BewaarConcept(Some(_))]
    ));
}

#[test]
fn the_wrap_up_is_saved_in_the_name_of_whoever_the_context_says_is_at_the_keyboard() {
    // The desk's state names nobody; the runtime's context names Eva (as a sign-in will).
    let mut s = ready();
    let eva = crate::config::MedewerkerProfiel {
        id: Uuid::now_v7(),
        naam: "Eva de Wit".into(),
        rol: Rol::Medewerker,
        afdeling: None,
    };
    let ctx = Ctx::nu().met(Some(eva.clone()));
    for a in [Action::Reg(RegMsg::Open)].into_iter().chain(
        "Afvalkalender"
            .chars()
            .map(|c| Action::Reg(RegMsg::Char(c))),
    ) {
        update(&mut s, &ctx, a);
    }
    let effects = update(&mut s, &ctx, Action::Reg(RegMsg::Save));
    let [Effect::Registreer(records)] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(records.contactmoment.medewerker_id, Some(eva.id));
}
