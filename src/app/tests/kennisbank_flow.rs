use super::*;

fn kb() -> crate::kennisbank::Kennisbank {
    let art = |id: &str, titel: &str| {
        (
            format!("{id}.md"),
            format!(
                "+++\nid = \"{id}\"\ntitel = \"{titel}\"\nsoort = \"product\"\nafdeling = \"Burgerzaken\"\n\
                 knip = \"1e lijn direct\"\nafhandeling = \"Direct beantwoorden\"\n+++\n## Antwoord\nTekst.\n## Onderwatertekst\nIntern.\n"
            ),
        )
    };
    crate::kennisbank::laad(&[
        art("paspoort", "Paspoort aanvragen"),
        art("afval", "Afvalkalender"),
    ])
}

#[test]
fn a_consulted_article_becomes_a_bron_and_suggests_the_onderwerp() {
    let mut s = ready();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kb(KbMsg::Geladen(Box::new(kb()))),
    );
    press(&mut s, KeyCode::F(3), KeyModifiers::NONE);
    assert_eq!(s.mode(), Mode::KbZoeken);
    typ(&mut s, "afval");
    assert_eq!(s.kennisbank.treffers, vec!["afval".to_string()]);
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(s.mode(), Mode::KbArtikel);
    assert_eq!(s.bronnen(), ["afval".to_string()]);
    press(&mut s, KeyCode::F(5), KeyModifiers::NONE);
    let r = s.registratie.as_ref().unwrap();
    assert_eq!(r.bronnen, vec!["afval".to_string()]);
    assert_eq!(r.vragen[0].onderwerp, "Afvalkalender");
    let effects = press(&mut s, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let [Effect::Registreer(rec)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(rec.contactmoment.bronnen, vec!["afval".to_string()]);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Reg(RegMsg::Geregistreerd {
            contactmoment: Box::new(rec.contactmoment.clone()),
            verzoek: None,
        }),
    );
    assert!(
        s.bronnen().is_empty(),
        "the next contact has its own bronnen"
    );
}

#[test]
fn typing_in_the_kennisbank_pane_searches_it() {
    let mut s = state(false);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kb(KbMsg::Geladen(Box::new(kb()))),
    );
    press(&mut s, KeyCode::F(3), KeyModifiers::NONE);
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(s.mode(), Mode::Balie);
    typ(&mut s, "pas");
    assert_eq!(s.kennisbank.query, "pas");
    assert_eq!(s.kennisbank.treffers, vec!["paspoort".to_string()]);
}

fn logs(effects: &[Effect]) -> Vec<crate::domain::kennisbank::Zoeklog> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Kennisbank(KbEffect::Log(l)) => Some(l.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_search_is_logged_when_an_article_is_opened_or_the_search_is_given_up() {
    let mut s = ready();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kb(KbMsg::Geladen(Box::new(kb()))),
    );
    press(&mut s, KeyCode::F(3), KeyModifiers::NONE);
    typ(&mut s, "zwemles");
    assert!(s.kennisbank.treffers.is_empty());
    // Typing logs nothing; clearing the field ends the search without an article.
    let effects = press(&mut s, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(
        logs(&effects),
        vec![crate::domain::kennisbank::Zoeklog {
            vraag: "zwemles".into(),
            aantal_treffers: 0,
            artikel: None
        }]
    );
    typ(&mut s, "pasp");
    let effects = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        logs(&effects),
        vec![crate::domain::kennisbank::Zoeklog {
            vraag: "pasp".into(),
            aantal_treffers: 1,
            artikel: Some("paspoort".into())
        }]
    );
    assert_eq!(s.kennisbank.geopend.get("paspoort"), Some(&1));
    // Back to the hits and away to another pane: already logged, nothing more.
    let mut effects = press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    effects.extend(press(&mut s, KeyCode::F(4), KeyModifiers::NONE));
    assert!(logs(&effects).is_empty(), "{effects:?}");
    // A search left behind by switching panes is logged once.
    press(&mut s, KeyCode::F(3), KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typ(&mut s, "afv");
    let effects = press(&mut s, KeyCode::F(4), KeyModifiers::NONE);
    assert_eq!(logs(&effects).len(), 1);
    assert_eq!(logs(&effects)[0].vraag, "afv");
}

#[test]
fn an_actueel_message_about_the_question_comes_first() {
    let mut s = ready();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kb(KbMsg::Geladen(Box::new(crate::kennisbank::ingebouwd()))),
    );
    press(&mut s, KeyCode::F(3), KeyModifiers::NONE);
    typ(&mut s, "paspoort verlopen");
    assert_eq!(s.kennisbank.treffers[0], "actueel-storing-reisdocumenten");
    assert_eq!(s.kennisbank.treffers[1], "paspoort");
    press(&mut s, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typ(&mut s, "hondenbelasting");
    assert_eq!(
        s.kennisbank.treffers[0], "hondenbelasting",
        "no storing about dogs"
    );
}

#[test]
fn filters_cycle_through_soort_and_afdeling_and_back_to_all() {
    let mut s = ready();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kb(KbMsg::Geladen(Box::new(kb()))),
    );
    press(&mut s, KeyCode::F(3), KeyModifiers::NONE);
    assert_eq!(s.kennisbank.treffers.len(), 2);
    press(&mut s, KeyCode::Char('s'), KeyModifiers::ALT);
    assert_eq!(s.kennisbank.filter_soort, Some(0), "product");
    assert_eq!(s.kennisbank.treffers.len(), 2);
    press(&mut s, KeyCode::Char('s'), KeyModifiers::ALT);
    assert!(s.kennisbank.treffers.is_empty(), "no vac articles");
    for _ in 0..4 {
        press(&mut s, KeyCode::Char('s'), KeyModifiers::ALT);
    }
    assert_eq!(s.kennisbank.filter_soort, None, "after the last: all");
    press(&mut s, KeyCode::Char('a'), KeyModifiers::ALT);
    assert!(s.kennisbank.treffers.is_empty(), "none of the KCC's own");
    press(&mut s, KeyCode::Char('a'), KeyModifiers::ALT);
    assert_eq!(s.kennisbank.treffers.len(), 2, "Burgerzaken");
    assert_eq!(s.kennisbank.query, "", "filter keys are not typed");
}

#[test]
fn flagging_an_article_needs_a_note_and_keeps_the_form_when_saving_fails() {
    let mut s = ready();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kb(KbMsg::Geladen(Box::new(kb()))),
    );
    press(&mut s, KeyCode::F(3), KeyModifiers::NONE);
    typ(&mut s, "afval");
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    // A letter in an open article starts a new question: it does not flag, and q does not
    // quit (nor does the hint line offer it).
    assert_eq!(s.mode(), Mode::KbArtikel);
    let hints = crate::app::keymap::hints(Mode::KbArtikel);
    assert!(!hints.iter().any(|(k, _)| k == "q"), "{hints:?}");
    assert!(hints.iter().any(|(k, _)| k == "Alt-m"), "{hints:?}");
    press(&mut s, KeyCode::Char('q'), KeyModifiers::NONE);
    assert!(!s.quit && !s.confirm_quit);
    assert_eq!(s.mode(), Mode::KbZoeken);
    assert_eq!(s.kennisbank.query, "q");
    press(&mut s, KeyCode::Backspace, KeyModifiers::NONE);
    typ(&mut s, "afval");
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('m'), KeyModifiers::NONE);
    assert_eq!(s.mode(), Mode::KbZoeken);
    assert_eq!(s.kennisbank.query, "m");
    assert!(s.kennisbank.open.is_none());
    press(&mut s, KeyCode::Backspace, KeyModifiers::NONE);
    typ(&mut s, "afval");
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    // F3 on the Kennisbank goes back to its search field as well.
    press(&mut s, KeyCode::F(3), KeyModifiers::NONE);
    assert_eq!(s.mode(), Mode::KbZoeken);
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(s.mode(), Mode::KbArtikel);
    press(&mut s, KeyCode::Char('m'), KeyModifiers::ALT);
    assert_eq!(s.mode(), Mode::KbMelden);
    let effects = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert!(effects.is_empty());
    assert!(s.kennisbank.melding.as_ref().unwrap().fout.is_some());
    press(&mut s, KeyCode::Down, KeyModifiers::NONE);
    press(&mut s, KeyCode::Down, KeyModifiers::NONE);
    typ(&mut s, "GFT-dag is veranderd");
    let effects = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        effects,
        vec![Effect::Kennisbank(KbEffect::Melding {
            artikel: "afval".into(),
            soort: crate::domain::kennisbank::MeldingSoort::Verouderd,
            toelichting: "GFT-dag is veranderd".into(),
        })]
    );
    update(
        &mut s,
        &Ctx::nu(),
        Action::SaveFailed {
            what: "melding opslaan".into(),
            error: "database is locked".into(),
            herkomst: crate::app::jobs::Herkomst::Melding,
        },
    );
    let form = s.kennisbank.melding.as_ref().expect("form kept");
    assert_eq!(form.toelichting, "GFT-dag is veranderd");
    assert!(form.fout.as_ref().unwrap().contains("database is locked"));
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kb(KbMsg::Gemeld("afval".into())),
    );
    assert!(s.kennisbank.melding.is_none());
    assert_eq!(s.mode(), Mode::KbArtikel);
    assert!(s.notice.as_ref().unwrap().text.contains("verouderd"));
}

#[test]
fn only_a_supervisor_opens_the_search_statistics() {
    let mut s = ready();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kb(KbMsg::Geladen(Box::new(kb()))),
    );
    press(&mut s, KeyCode::F(3), KeyModifiers::NONE);
    let effects = press(&mut s, KeyCode::Char('g'), KeyModifiers::CONTROL);
    assert!(effects.is_empty());
    assert!(s.kennisbank.statistiek.is_none());
    s.session.medewerker = Some(crate::config::MedewerkerProfiel {
        id: Uuid::nil(),
        naam: "Rianne".into(),
        rol: Rol::Supervisor,
        afdeling: None,
    });
    let effects = press(&mut s, KeyCode::Char('g'), KeyModifiers::CONTROL);
    assert_eq!(
        effects,
        vec![Effect::Kennisbank(KbEffect::Statistiek { dagen: 30 })]
    );
    assert_eq!(s.mode(), Mode::KbStatistiek);
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(s.mode(), Mode::KbZoeken);
}

#[test]
fn a_reloaded_kennisbank_keeps_the_question_and_says_so() {
    let mut s = ready();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kb(KbMsg::Geladen(Box::new(kb()))),
    );
    press(&mut s, KeyCode::F(3), KeyModifiers::NONE);
    typ(&mut s, "afval");
    let effects = press(&mut s, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(effects, vec![Effect::Kennisbank(KbEffect::Herladen)]);
    let nieuw = crate::kennisbank::laad(
        &[(
            "afval.md".to_string(),
            "+++\nid = \"afval\"\ntitel = \"Afvalkalender 2027\"\nsoort = \"product\"\nafdeling = \"Burgerzaken\"\nknip = \"1e lijn direct\"\nafhandeling = \"x\"\n+++\n## Antwoord\nNieuw.\n## Onderwatertekst\n\n".to_string(),
        )],
    );
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kb(KbMsg::Geladen(Box::new(nieuw))),
    );
    assert_eq!(s.kennisbank.query, "afval");
    assert_eq!(s.kennisbank.treffers, vec!["afval".to_string()]);
    let kb = s.kennisbank.kb.as_ref().unwrap();
    assert_eq!(kb.artikel("afval").unwrap().titel, "Afvalkalender 2027");
    assert!(
        s.notice
            .as_ref()
            .unwrap()
            .text
            .contains("Kennisbank bijgewerkt")
    );
}

/// Issue 16: the flag's note has the text fields' cursor keys; ↑/↓ still choose the reason.
#[test]
fn a_flag_note_is_mended_at_its_cursor() {
    let mut s = ready();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kb(KbMsg::Geladen(Box::new(kb()))),
    );
    press(&mut s, KeyCode::F(3), KeyModifiers::NONE);
    typ(&mut s, "afval");
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('m'), KeyModifiers::ALT);
    assert_eq!(s.mode(), Mode::KbMelden);
    typ(&mut s, "GFT-dag veranderd");
    for _ in 0..10 {
        press(&mut s, KeyCode::Left, KeyModifiers::NONE);
    }
    typ(&mut s, " is");
    press(&mut s, KeyCode::Home, KeyModifiers::NONE);
    press(&mut s, KeyCode::Delete, KeyModifiers::NONE);
    press(&mut s, KeyCode::Delete, KeyModifiers::NONE);
    press(&mut s, KeyCode::Delete, KeyModifiers::NONE);
    update(&mut s, &Ctx::nu(), Action::Plakken("De gft".into()));
    press(&mut s, KeyCode::End, KeyModifiers::NONE);
    typ(&mut s, " sinds");
    press(&mut s, KeyCode::Char('w'), KeyModifiers::CONTROL);
    press(&mut s, KeyCode::Right, KeyModifiers::NONE);
    press(&mut s, KeyCode::Down, KeyModifiers::NONE);
    let f = s.kennisbank.melding.as_ref().unwrap();
    assert_eq!(f.toelichting, "De gft-dag is veranderd ");
    assert_eq!(f.soort, crate::domain::kennisbank::MeldingSoort::Onvolledig);
}

#[test]
fn a_kennisbank_folder_that_cannot_be_read_is_named_not_counted_as_a_file() {
    let mut s = ready();
    let kb = crate::kennisbank::lees(Some(std::path::Path::new("/bestaat/niet/kb")))
        .unwrap_or_else(|e| {
            crate::kennisbank::Kennisbank::onleesbaar(
                "/bestaat/niet/kb".into(),
                crate::melding::tekst(&e),
            )
        });
    update(&mut s, &Ctx::nu(), Action::Kb(KbMsg::Geladen(Box::new(kb))));
    let melding = &s.notice.as_ref().unwrap().text;
    assert!(
        melding.contains("/bestaat/niet/kb") && melding.contains("bestaat niet"),
        "{melding}"
    );
    assert!(!melding.contains("overgeslagen"), "{melding}");
}
