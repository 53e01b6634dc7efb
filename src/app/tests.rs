use super::*;
use crate::app::afspraken::AfspraakMsg;
use crate::app::kennisbank::KbMsg;
use crate::app::klantgeleiding::KgMsg;
use crate::app::profile_form::ProfielMsg;
use crate::app::registratie::RegMsg;
use crate::app::telefonie::TelMsg;
use crate::app::zaak_klant::ZkMsg;
use chrono::TimeZone;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn state(ask_profile: bool) -> State {
    State::new(
        Session {
            gemeente: None,
            medewerker: None,
            desk_id: Uuid::nil(),
            demo: false,
            termijnen: Default::default(),
        },
        ask_profile,
        Local.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap(),
    )
}

/// A desk whose database is open.
fn ready() -> State {
    let mut s = state(false);
    update(
        &mut s,
        &Ctx::nu(),
        Action::StoreOpened { schema_version: 3 },
    );
    s
}

fn press(s: &mut State, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
    match key_to_action(s, &KeyEvent::new(code, mods)) {
        Some(a) => update(s, &Ctx::nu(), a),
        None => Vec::new(),
    }
}

fn typ(s: &mut State, text: &str) {
    for c in text.chars() {
        press(s, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

#[test]
fn tab_and_shift_tab_cycle_through_the_four_panes() {
    let mut s = state(false);
    let mut seen = vec![s.focus];
    for _ in 0..4 {
        press(&mut s, KeyCode::Tab, KeyModifiers::NONE);
        seen.push(s.focus);
    }
    assert_eq!(
        seen,
        vec![
            Pane::Wachtrij,
            Pane::Klantgeleiding,
            Pane::Kennisbank,
            Pane::ZaakKlant,
            Pane::Wachtrij
        ]
    );
    press(&mut s, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(s.focus, Pane::ZaakKlant);
}

#[test]
fn function_keys_jump_and_enter_escape_zoom() {
    let mut s = state(false);
    press(&mut s, KeyCode::F(3), KeyModifiers::NONE);
    assert_eq!(s.focus, Pane::Kennisbank);
    press(&mut s, KeyCode::Char('2'), KeyModifiers::ALT);
    assert_eq!(s.focus, Pane::Klantgeleiding);
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert!(s.zoomed);
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert!(!s.zoomed);
}

#[test]
fn q_quits_at_once_without_unsaved_input() {
    let mut s = state(false);
    press(&mut s, KeyCode::Char('q'), KeyModifiers::NONE);
    assert!(s.quit);
}

#[test]
fn quitting_with_a_filled_form_asks_first_and_no_keeps_the_input() {
    let mut s = state(true);
    typ(&mut s, "Sietske q");
    assert_eq!(
        s.profile_form.as_ref().unwrap().naam,
        "Sietske q",
        "q is text here"
    );
    assert!(!s.quit);
    press(&mut s, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(s.confirm_quit && !s.quit);
    press(&mut s, KeyCode::Char('n'), KeyModifiers::NONE);
    assert!(!s.confirm_quit && !s.quit);
    assert_eq!(s.profile_form.as_ref().unwrap().naam, "Sietske q");
    press(&mut s, KeyCode::Char('c'), KeyModifiers::CONTROL);
    press(&mut s, KeyCode::Char('j'), KeyModifiers::NONE);
    assert!(s.quit);
}

#[test]
fn ctrl_c_on_an_empty_form_quits_without_asking() {
    let mut s = state(true);
    press(&mut s, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(s.quit && !s.confirm_quit);
}

#[test]
fn terminate_leaves_even_with_unsaved_input() {
    let mut s = state(true);
    typ(&mut s, "Eva");
    update(&mut s, &Ctx::nu(), Action::Terminate);
    assert!(s.quit);
}

#[test]
fn empty_name_is_refused_in_dutch_and_nothing_is_saved() {
    let mut s = state(true);
    s.db = DbState::Ready;
    typ(&mut s, "   ");
    let effects = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert!(effects.is_empty());
    assert_eq!(
        s.profile_form.as_ref().unwrap().error.as_deref(),
        Some("Vul uw naam in.")
    );
}

#[test]
fn the_profile_is_saved_to_the_store_then_the_config() {
    let mut s = state(true);
    s.db = DbState::Ready;
    typ(&mut s, "Rianne  van der Meer");
    press(&mut s, KeyCode::Tab, KeyModifiers::NONE);
    press(&mut s, KeyCode::Right, KeyModifiers::NONE);
    let effects = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    let [Effect::SaveProfile(p)] = effects.as_slice() else {
        panic!("expected one SaveProfile, got {effects:?}")
    };
    assert_eq!(p.naam, "Rianne van der Meer", "spaces are tidied");
    assert_eq!(p.rol, Rol::Supervisor);
    assert!(s.profile_form.as_ref().unwrap().saving);

    let effects = update(
        &mut s,
        &Ctx::nu(),
        Action::Profiel(ProfielMsg::MedewerkerStored(Box::new(p.clone()))),
    );
    assert_eq!(effects, vec![Effect::WriteProfile(p.clone())]);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Profiel(ProfielMsg::Saved(Box::new(p.clone()))),
    );
    assert!(s.profile_form.is_none());
    let m = s.session.medewerker.as_ref().unwrap();
    assert_eq!(
        (m.naam.as_str(), m.rol),
        ("Rianne van der Meer", Rol::Supervisor)
    );
}

#[test]
fn a_failed_save_keeps_the_form_and_says_why() {
    let mut s = state(true);
    s.db = DbState::Ready;
    typ(&mut s, "Jan de Vries");
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    update(
        &mut s,
        &Ctx::nu(),
        Action::SaveFailed {
            what: "configuratie".into(),
            error: "schijf vol".into(),
        },
    );
    let form = s.profile_form.as_ref().expect("form kept");
    assert_eq!(form.naam, "Jan de Vries");
    assert!(!form.saving, "the user can try again");
    assert!(form.error.as_deref().unwrap().contains("schijf vol"));
    // Trying again produces a new save.
    let effects = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert!(matches!(effects.as_slice(), [Effect::SaveProfile(_)]));
}

#[test]
fn store_open_loads_the_overview_and_ticks_refresh_it() {
    let mut s = state(false);
    let effects = update(
        &mut s,
        &Ctx::nu(),
        Action::StoreOpened { schema_version: 2 },
    );
    assert_eq!(effects[0], Effect::LoadOverview);
    assert!(matches!(
        effects[1],
        Effect::Verzoeken(VzEffect::Laad { .. })
    ));
    let mut loads = 0;
    for i in 0..120 {
        let now = s.now + chrono::Duration::seconds(i);
        loads += update(&mut s, &Ctx::nu(), Action::Tick(now))
            .iter()
            .filter(|e| **e == Effect::LoadOverview)
            .count();
    }
    assert_eq!(loads, 2, "once a minute");
}

#[test]
fn a_refused_database_switches_to_the_error_mode() {
    let mut s = state(false);
    update(&mut s, &Ctx::nu(), Action::StoreFailed("kapot".into()));
    assert_eq!(s.mode(), Mode::Fout);
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert!(s.quit);
}

#[test]
fn a_refused_database_on_first_run_takes_precedence_over_the_form() {
    let mut s = state(true);
    typ(&mut s, "Eva");
    update(&mut s, &Ctx::nu(), Action::StoreFailed("beschadigd".into()));
    assert_eq!(s.mode(), Mode::Fout);
    press(&mut s, KeyCode::Char('q'), KeyModifiers::NONE);
    assert!(s.quit, "nothing can be saved, so q leaves without asking");
}

#[test]
fn gemeente_comes_from_config_then_database() {
    let mut s = state(false);
    assert_eq!(s.gemeente(), "loket");
    update(
        &mut s,
        &Ctx::nu(),
        Action::OverviewLoaded(Box::new(Overview {
            gemeente: Some("Gemeente Lindewaard".into()),
            ..Overview::default()
        })),
    );
    assert_eq!(s.gemeente(), "Gemeente Lindewaard");
    s.session.gemeente = Some("Gemeente Elders".into());
    assert_eq!(s.gemeente(), "Gemeente Elders");
}

mod zaak_klant {
    use super::*;
    use crate::domain::klant::{KlantTreffer, Klantbeeld, SoortPartij};
    use crate::store::lookup::Treffer;

    fn treffer(naam: &str) -> Treffer {
        Treffer::Klant(KlantTreffer {
            id: Uuid::now_v7(),
            soort: SoortPartij::Persoon,
            naam: naam.into(),
            adres: "Dorpsstraat 1, 5830 AA".into(),
            kenmerk: "geb. 01-01-1980".into(),
        })
    }

    pub(super) fn klantbeeld(id: Uuid, geheim: bool) -> Klantbeeld {
        Klantbeeld {
            id,
            soort: SoortPartij::Persoon,
            naam: "Jan de Vries".into(),
            geboortedatum: None,
            bsn: Some("999901461".into()),
            kvk_nummer: None,
            vestigingsnummer: None,
            adres: "Tuinstraat 168".into(),
            postcode_woonplaats: "5834 JM  Lindewaard".into(),
            digitale_adressen: Vec::new(),
            voorkeurskanaal: None,
            indicatie_geheimhouding: geheim,
            zaken: Vec::new(),
            contacten: Vec::new(),
            contacten_totaal: 0,
            open_contactverzoeken: Vec::new(),
            afspraken: Vec::new(),
        }
    }

    fn searches(effects: &[Effect]) -> Vec<u64> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::ZaakKlant(ZkEffect::Zoek { seq, .. }) => Some(*seq),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn f4_puts_the_cursor_in_the_search_field_and_q_is_text_there() {
        let mut s = ready();
        press(&mut s, KeyCode::F(4), KeyModifiers::NONE);
        assert_eq!(s.mode(), Mode::Zoeken);
        let mut all = Vec::new();
        for c in "q?".chars() {
            all.extend(press(&mut s, KeyCode::Char(c), KeyModifiers::NONE));
        }
        assert!(!s.quit && s.help.is_none());
        assert_eq!(s.zaak_klant.query, "q?");
        assert_eq!(searches(&all), vec![1, 2], "a search per keystroke");
    }

    #[test]
    fn answers_to_older_searches_are_dropped() {
        let mut s = ready();
        press(&mut s, KeyCode::F(4), KeyModifiers::NONE);
        typ(&mut s, "bak");
        update(
            &mut s,
            &Ctx::nu(),
            Action::Zk(ZkMsg::Zoekresultaat {
                seq: 2,
                treffers: vec![treffer("Oud")],
            }),
        );
        assert!(s.zaak_klant.treffers.is_empty(), "answer to 'ba' ignored");
        update(
            &mut s,
            &Ctx::nu(),
            Action::Zk(ZkMsg::Zoekresultaat {
                seq: 3,
                treffers: vec![treffer("Eva Bakker"), treffer("Jan Bakker")],
            }),
        );
        assert_eq!(s.zaak_klant.treffers.len(), 2);
        press(&mut s, KeyCode::Down, KeyModifiers::NONE);
        let effects = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
        let Treffer::Klant(second) = &s.zaak_klant.treffers[1] else {
            panic!()
        };
        assert_eq!(
            effects,
            vec![Effect::ZaakKlant(ZkEffect::OpenKlant(second.id))]
        );
    }

    #[test]
    fn an_invalid_bsn_says_so_and_does_not_search() {
        let mut s = ready();
        press(&mut s, KeyCode::F(4), KeyModifiers::NONE);
        typ(&mut s, "12345678");
        let effects = press(&mut s, KeyCode::Char('9'), KeyModifiers::NONE);
        assert!(searches(&effects).is_empty());
        assert!(
            s.zaak_klant
                .melding
                .as_deref()
                .unwrap()
                .contains("geen geldig BSN")
        );
    }

    #[test]
    fn a_single_hit_on_a_bsn_opens_directly_but_a_name_waits_for_enter() {
        let mut s = ready();
        press(&mut s, KeyCode::F(4), KeyModifiers::NONE);
        typ(&mut s, "999901461");
        let seq = s.zaak_klant.seq;
        let hit = treffer("Jan de Vries");
        let effects = update(
            &mut s,
            &Ctx::nu(),
            Action::Zk(ZkMsg::Zoekresultaat {
                seq,
                treffers: vec![hit.clone()],
            }),
        );
        assert!(matches!(
            effects.as_slice(),
            [Effect::ZaakKlant(ZkEffect::OpenKlant(_))]
        ));

        let mut s = ready();
        press(&mut s, KeyCode::F(4), KeyModifiers::NONE);
        typ(&mut s, "de vr");
        let seq = s.zaak_klant.seq;
        let effects = update(
            &mut s,
            &Ctx::nu(),
            Action::Zk(ZkMsg::Zoekresultaat {
                seq,
                treffers: vec![hit],
            }),
        );
        assert!(effects.is_empty(), "typing may go on");
    }

    #[test]
    fn the_bsn_is_shown_only_after_the_audit_entry_is_written() {
        let mut s = ready();
        let id = Uuid::now_v7();
        update(
            &mut s,
            &Ctx::nu(),
            Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(klantbeeld(id, false)))),
        );
        assert_eq!(s.mode(), Mode::Klantbeeld);
        assert!(s.zoomed, "the klantbeeld gets the whole screen");
        let effects = press(&mut s, KeyCode::Char('b'), KeyModifiers::NONE);
        assert_eq!(effects, vec![Effect::ZaakKlant(ZkEffect::ToonBsn(id))]);
        assert!(!s.zaak_klant.bsn_zichtbaar, "not before the log is written");
        update(&mut s, &Ctx::nu(), Action::Zk(ZkMsg::BsnVrijgegeven(id)));
        assert!(s.zaak_klant.bsn_zichtbaar);
        let effects = press(&mut s, KeyCode::Char('b'), KeyModifiers::NONE);
        assert!(
            effects.is_empty() && !s.zaak_klant.bsn_zichtbaar,
            "hiding needs no log"
        );
    }

    #[test]
    fn escape_steps_back_one_level_at_a_time() {
        let mut s = ready();
        press(&mut s, KeyCode::F(4), KeyModifiers::NONE);
        typ(&mut s, "vries");
        update(
            &mut s,
            &Ctx::nu(),
            Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(klantbeeld(
                Uuid::now_v7(),
                false,
            )))),
        );
        press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!((s.zaak_klant.view, s.mode()), (View::Zoeken, Mode::Zoeken));
        assert_eq!(s.zaak_klant.query, "vries", "the search is kept");
        assert!(!s.zoomed);
        press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(s.zaak_klant.query, "");
        press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(
            s.mode(),
            Mode::Balie,
            "out of the field: q and ? work again"
        );
        press(&mut s, KeyCode::Char('q'), KeyModifiers::NONE);
        assert!(s.quit);
    }

    #[test]
    fn slash_starts_a_search_from_any_pane() {
        let mut s = ready();
        press(&mut s, KeyCode::F(2), KeyModifiers::NONE);
        press(&mut s, KeyCode::Char('/'), KeyModifiers::NONE);
        assert_eq!((s.focus, s.mode()), (Pane::ZaakKlant, Mode::Zoeken));
    }
}

#[test]
fn a_notice_gives_way_to_the_key_hints_after_a_few_seconds() {
    let mut s = state(false);
    s.notify("Welkom".into(), false);
    let now = s.now;
    for i in 0..5 {
        update(
            &mut s,
            &Ctx::nu(),
            Action::Tick(now + chrono::Duration::seconds(i)),
        );
    }
    assert!(s.notice.is_some());
    update(&mut s, &Ctx::nu(), Action::Tick(now));
    assert!(s.notice.is_none());
}

#[test]
fn keys_do_nothing_unseen_while_the_window_is_too_small() {
    let mut s = state(false);
    update(&mut s, &Ctx::nu(), Action::Resize(70, 20));
    assert_eq!(
        key_to_action(&s, &KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE)),
        None
    );
    assert_eq!(
        key_to_action(&s, &KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)),
        None
    );
    assert_eq!(
        key_to_action(&s, &KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE)),
        Some(Action::Quit)
    );
    update(&mut s, &Ctx::nu(), Action::Resize(80, 24));
    assert_eq!(
        key_to_action(&s, &KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE)),
        Some(Action::ToggleHelp)
    );
}

#[test]
fn escape_in_the_first_run_form_leaves_but_asks_when_filled() {
    let mut s = state(true);
    typ(&mut s, "Eva");
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert!(s.confirm_quit && !s.quit);
    let mut s = state(true);
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert!(s.quit);
}

mod registratie_flow {
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
            },
        );
        let r = s.registratie.as_ref().expect("the form stays");
        assert!(!r.bezig && r.fout.as_deref().unwrap().contains("schijf vol"));
        assert_eq!(r.vragen[0].onderwerp, "Afvalkalender");
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
}

mod klant_form {
    use super::zaak_klant::klantbeeld;
    use super::*;
    use crate::app::zaak_klant::KlantWijziging;

    #[test]
    fn contact_details_are_validated_in_dutch_and_normalised() {
        let mut s = ready();
        let id = Uuid::now_v7();
        update(
            &mut s,
            &Ctx::nu(),
            Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(klantbeeld(id, false)))),
        );
        press(&mut s, KeyCode::Char('w'), KeyModifiers::NONE);
        assert_eq!(s.mode(), Mode::KlantForm);
        typ(&mut s, "123");
        let effects = press(&mut s, KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert!(effects.is_empty());
        let f = s.zaak_klant.form.as_ref().unwrap();
        assert!(
            f.fout
                .as_deref()
                .unwrap()
                .contains("geen geldig telefoonnummer")
        );
        for _ in 0..3 {
            press(&mut s, KeyCode::Backspace, KeyModifiers::NONE);
        }
        typ(&mut s, "06 1234 5678");
        press(&mut s, KeyCode::Tab, KeyModifiers::NONE);
        typ(&mut s, "Jan@Voorbeeld.NL");
        let effects = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(
            effects,
            vec![Effect::ZaakKlant(ZkEffect::Wijzig(
                KlantWijziging::Contact {
                    partij: id,
                    nieuw: ["0612345678".into(), "jan@voorbeeld.nl".into()]
                }
            ))]
        );
    }

    #[test]
    fn a_new_klant_needs_an_achternaam_and_one_contact_detail() {
        let mut s = ready();
        press(&mut s, KeyCode::F(4), KeyModifiers::NONE);
        typ(&mut s, "Zwart");
        press(&mut s, KeyCode::Char('k'), KeyModifiers::CONTROL);
        assert_eq!(s.mode(), Mode::KlantForm);
        let f = s.zaak_klant.form.as_ref().unwrap();
        assert_eq!(
            f.velden[2].1, "Zwart",
            "the search text starts the achternaam"
        );
        let effects = press(&mut s, KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert!(effects.is_empty());
        assert_eq!(
            s.zaak_klant.form.as_ref().unwrap().fout.as_deref(),
            Some("Vul een telefoonnummer of e-mailadres in.")
        );
        assert_eq!(
            s.zaak_klant.form.as_ref().unwrap().veld,
            3,
            "cursor on Telefoon"
        );
        press(&mut s, KeyCode::Tab, KeyModifiers::NONE);
        typ(&mut s, "piet@zwart.nl");
        let effects = press(&mut s, KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert!(matches!(
            effects.as_slice(),
            [Effect::ZaakKlant(ZkEffect::Wijzig(
                KlantWijziging::Nieuw { .. }
            ))]
        ));
    }

    #[test]
    fn the_audit_log_is_for_supervisors_only() {
        let mut s = ready();
        let id = Uuid::now_v7();
        update(
            &mut s,
            &Ctx::nu(),
            Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(klantbeeld(id, false)))),
        );
        let effects = press(&mut s, KeyCode::Char('l'), KeyModifiers::NONE);
        assert!(effects.is_empty());
        assert!(
            s.notice
                .as_ref()
                .unwrap()
                .text
                .contains("alleen voor een supervisor")
        );
        s.session.medewerker = Some(crate::config::MedewerkerProfiel {
            id: Uuid::nil(),
            naam: "Hendrik".into(),
            rol: Rol::Supervisor,
            afdeling: None,
        });
        let effects = press(&mut s, KeyCode::Char('l'), KeyModifiers::NONE);
        assert_eq!(effects, vec![Effect::ZaakKlant(ZkEffect::Audit(id))]);
        update(
            &mut s,
            &Ctx::nu(),
            Action::Zk(ZkMsg::AuditLoaded(id, Vec::new())),
        );
        assert!(s.zaak_klant.audit.is_some());
        press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
        assert!(s.zaak_klant.audit.is_none(), "Esc closes the log first");
        assert_eq!(s.mode(), Mode::Klantbeeld);
    }
}

mod contact_context {
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
}

mod kennisbank_flow {
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
}

mod telefonie_flow {
    use super::*;
    use crate::app::telefonie::TelEffect;
    use crate::domain::telefonie::AgentStatus;
    use crate::telefonie::{TelCommand, TelEvent};

    fn t(s: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap() + chrono::Duration::seconds(s)
    }

    fn ev(s: &mut State, at: i64, events: Vec<TelEvent>) -> Vec<Effect> {
        update(
            s,
            &Ctx::nu(),
            Action::Tel(TelMsg::Events { nu: t(at), events }),
        )
    }

    fn binnen(id: &str, nummer: &str, at: i64) -> TelEvent {
        TelEvent::Binnen {
            id: id.into(),
            linkedid: None,
            nummer: nummer.into(),
            keuze: "Burgerzaken".into(),
            terugval: false,
            sinds: t(at),
        }
    }

    fn commands(effects: &[Effect]) -> Vec<TelCommand> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Telefonie(TelEffect::Command(c)) => Some(c.clone()),
                _ => None,
            })
            .collect()
    }

    fn gesprekken(effects: &[Effect]) -> Vec<crate::domain::telefonie::Gesprek> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Telefonie(TelEffect::BewaarGesprek(g)) => Some((**g).clone()),
                _ => None,
            })
            .collect()
    }

    fn statussen(effects: &[Effect]) -> Vec<AgentStatus> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Telefonie(TelEffect::BewaarStatus(s)) => Some(s.status),
                _ => None,
            })
            .collect()
    }

    /// The re-trial of issue 15: a TIC desk killed while beschikbaar came back afgemeld, but the
    /// floor went on counting the agent as beschikbaar (its last stored status).
    #[test]
    fn a_desk_whose_telephony_starts_records_the_agent_afgemeld() {
        let mut s = ready();
        let eff = ev(&mut s, 0, vec![TelEvent::Verbinding(true)]);
        assert_eq!(statussen(&eff), vec![AgentStatus::Afgemeld]);
        assert_eq!(s.telefonie.status, AgentStatus::Afgemeld);
        // Once: the next events record nothing new.
        assert!(statussen(&ev(&mut s, 1, vec![])).is_empty());
    }

    #[test]
    fn the_simulated_floor_is_recorded_but_a_pbx_colleague_is_not() {
        let mut s = ready();
        let collega = |s: &mut State| {
            ev(
                s,
                1,
                vec![TelEvent::Collega {
                    naam: "Kees de Boer".into(),
                    status: AgentStatus::InGesprek,
                    op: t(1),
                }],
            )
        };
        let effects = collega(&mut s);
        assert!(effects.iter().any(|e| matches!(
            e,
            Effect::Telefonie(TelEffect::BewaarCollega { naam, status: AgentStatus::InGesprek, .. })
                if naam == "Kees de Boer"
        )));
        // With Asterisk every colleague's own desk records them.
        s.telefonie.op_toestel = true;
        let effects = collega(&mut s);
        assert!(
            !effects
                .iter()
                .any(|e| matches!(e, Effect::Telefonie(TelEffect::BewaarCollega { .. })))
        );
    }

    #[test]
    fn leaving_the_desk_signs_the_agent_out() {
        let mut s = ready();
        ev(&mut s, 0, vec![TelEvent::Verbinding(true)]);
        press(&mut s, KeyCode::Char('b'), KeyModifiers::NONE);
        let effects = update(&mut s, &Ctx::nu(), Action::Quit);
        assert!(s.quit);
        assert_eq!(statussen(&effects), vec![AgentStatus::Afgemeld]);
    }

    #[test]
    fn offered_accepted_with_screen_pop_hung_up_wrapped_up_and_available_again() {
        let mut s = ready();
        let jan = Uuid::from_u128(7);
        let effects = ev(
            &mut s,
            0,
            vec![TelEvent::Verbinding(true), binnen("c1", "0612345678", 0)],
        );
        assert!(effects.contains(&Effect::Telefonie(TelEffect::HerkenNummer(
            "0612345678".into()
        ))));
        update(
            &mut s,
            &Ctx::nu(),
            Action::Tel(TelMsg::NummerHerkend {
                nummer: "0612345678".into(),
                beller: Some((jan, "Jan de Vries".into())),
            }),
        );
        // b in the Wachtrij pane: beschikbaar, told to the source and recorded.
        let effects = press(&mut s, KeyCode::Char('b'), KeyModifiers::NONE);
        assert_eq!(statussen(&effects), vec![AgentStatus::Beschikbaar]);
        assert_eq!(
            commands(&effects),
            vec![TelCommand::Status(AgentStatus::Beschikbaar, None)]
        );
        ev(
            &mut s,
            5,
            vec![TelEvent::Aangeboden {
                id: "c1".into(),
                op: t(5),
            }],
        );
        assert!(s.notice.as_ref().unwrap().text.contains("Jan de Vries"));
        let effects = press(&mut s, KeyCode::F(6), KeyModifiers::NONE);
        assert_eq!(commands(&effects), vec![TelCommand::Aannemen("c1".into())]);
        let effects = ev(
            &mut s,
            8,
            vec![
                TelEvent::Weg {
                    id: "c1".into(),
                    aangenomen_door: Some(None),
                    op: t(8),
                },
                TelEvent::Verbonden {
                    id: "c1".into(),
                    op: t(8),
                },
            ],
        );
        // Screen pop: the known klant's klantbeeld (audited by the store).
        assert!(
            effects.contains(&Effect::ZaakKlant(ZkEffect::OpenKlant(jan))),
            "{effects:?}"
        );
        assert_eq!(statussen(&effects), vec![AgentStatus::InGesprek]);
        // The agent goes to the kennisbank before the klantbeeld arrives: it waits in its
        // pane and does not take the keys they type.
        press(&mut s, KeyCode::F(3), KeyModifiers::NONE);
        let kb = super::zaak_klant::klantbeeld(jan, false);
        update(
            &mut s,
            &Ctx::nu(),
            Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(kb))),
        );
        assert_eq!(s.focus, Pane::Kennisbank);
        assert!(
            s.notice
                .as_ref()
                .unwrap()
                .text
                .contains("staat klaar in Zaak/Klant")
        );
        assert_eq!(s.telefonie.vandaag.len(), 1);
        assert_eq!(s.telefonie.vandaag[0].0.wachttijd(), Some(8));
        let k = s.telefonie.kpi(&s.normen);
        assert_eq!((k.beantwoord, k.servicelevel), (1, Some(100.0)));
        assert_eq!(k.gemiddelde_afhandeltijd, None, "still talking");
        // Hold and resume.
        let effects = press(&mut s, KeyCode::F(7), KeyModifiers::NONE);
        assert_eq!(
            commands(&effects),
            vec![TelCommand::Wacht("c1".into(), true)]
        );
        press(&mut s, KeyCode::F(7), KeyModifiers::NONE);
        assert!(!s.telefonie.gesprek.as_ref().unwrap().in_wacht);
        // Hang up: nawerk, the call recorded, the wrap-up opened and prefilled.
        let effects = press(&mut s, KeyCode::F(6), KeyModifiers::NONE);
        assert_eq!(commands(&effects), vec![TelCommand::Ophangen("c1".into())]);
        let effects = ev(
            &mut s,
            128,
            vec![TelEvent::Beeindigd {
                id: "c1".into(),
                op: t(128),
            }],
        );
        assert_eq!(statussen(&effects), vec![AgentStatus::Nawerk]);
        let g = gesprekken(&effects);
        assert_eq!(g.len(), 1);
        assert_eq!(
            g[0].meta.id,
            crate::domain::telefonie::Gesprek::id_voor("c1")
        );
        assert_eq!(g[0].wachttijd(), Some(8));
        assert_eq!(g[0].gespreksduur(), Some(120));
        let r = s.registratie.as_ref().expect("wrap-up opened");
        assert_eq!(r.kanaal, crate::domain::Kanaal::Telefoon);
        assert_eq!(r.gesprek_id, Some(g[0].meta.id));
        assert_eq!(r.beller.as_deref(), Some("0612345678"));
        assert_eq!(
            (r.geopend_op - r.begonnen_op).num_seconds(),
            120,
            "talk time"
        );
        typ(&mut s, "Paspoort");
        let effects = press(&mut s, KeyCode::Char('s'), KeyModifiers::CONTROL);
        let Some(Effect::Registreer(rec)) = effects.first() else {
            panic!("{effects:?}")
        };
        assert_eq!(rec.contactmoment.gesprek_id, Some(g[0].meta.id));
        assert_eq!(rec.contactmoment.duur_seconden, 120);
        let effects = update(
            &mut s,
            &Ctx::nu(),
            Action::Reg(RegMsg::Geregistreerd {
                contactmoment: Box::new(rec.contactmoment.clone()),
                verzoek: None,
            }),
        );
        assert_eq!(
            statussen(&effects),
            vec![AgentStatus::Beschikbaar],
            "nawerk ends"
        );
        // The desk's AHT now has talk and the registered nawerk, as the floor will read it.
        let k = s.telefonie.kpi(&s.normen);
        assert_eq!(
            k.gemiddelde_afhandeltijd,
            Some((120 + rec.contactmoment.nawerk_seconden) as f64)
        );
        assert_eq!(k.afgehandeld, 1);
    }

    /// Call c1 from `nummer` (known as `beller`) joins at 0 s, is offered at 3 s and answered
    /// with F6 at 4 s.
    fn opnemen(s: &mut State, nummer: &str, beller: crate::app::telefonie::Beller) {
        ev(s, 0, vec![binnen("c1", nummer, 0)]);
        update(
            s,
            &Ctx::nu(),
            Action::Tel(TelMsg::NummerHerkend {
                nummer: nummer.into(),
                beller,
            }),
        );
        ev(
            s,
            3,
            vec![TelEvent::Aangeboden {
                id: "c1".into(),
                op: t(3),
            }],
        );
        press(s, KeyCode::F(6), KeyModifiers::NONE);
        ev(
            s,
            4,
            vec![TelEvent::Verbonden {
                id: "c1".into(),
                op: t(4),
            }],
        );
    }

    #[test]
    fn an_unknown_caller_after_looking_at_another_klant_is_saved_anonymous_with_the_number() {
        let mut s = ready();
        // Before the call the agent looked up Jan (say, for an e-mail).
        let jan = Uuid::from_u128(7);
        update(
            &mut s,
            &Ctx::nu(),
            Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(
                super::zaak_klant::klantbeeld(jan, false),
            ))),
        );
        opnemen(&mut s, "0616169760", None);
        let c = s
            .contact
            .as_ref()
            .expect("an answered call is the contact in hand");
        assert_eq!(c.regel(), "Contact: beller 0616169760 · klant: — · zaak: —");
        assert!(
            s.zaak_klant.klant.is_none(),
            "the new contact starts from an empty klant search"
        );
        // During the call the agent opens Jan again, only to look: still not linked.
        update(
            &mut s,
            &Ctx::nu(),
            Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(
                super::zaak_klant::klantbeeld(jan, false),
            ))),
        );
        assert!(s.contact.as_ref().unwrap().klant.is_none());
        ev(
            &mut s,
            64,
            vec![TelEvent::Beeindigd {
                id: "c1".into(),
                op: t(64),
            }],
        );
        let r = s.registratie.as_ref().expect("wrap-up opened");
        assert!(r.klant.is_none() && r.anoniem, "{:?}", r.klant);
        assert_eq!(r.beller.as_deref(), Some("0616169760"));
        typ(&mut s, "Afvalkalender");
        // A callback goes to the caller's number, not to Jan's.
        press(&mut s, KeyCode::Char('t'), KeyModifiers::CONTROL);
        assert_eq!(
            s.registratie
                .as_ref()
                .unwrap()
                .verzoek
                .as_ref()
                .unwrap()
                .telefoon,
            "0616169760"
        );
        press(&mut s, KeyCode::Char('t'), KeyModifiers::CONTROL);
        let effects = press(&mut s, KeyCode::Char('s'), KeyModifiers::CONTROL);
        let Some(Effect::Registreer(rec)) = effects.first() else {
            panic!("{effects:?}")
        };
        assert_eq!(rec.contactmoment.partij_id, None, "saved anonymous");
        assert!(rec.contactmoment.gesprek_id.is_some());
        update(
            &mut s,
            &Ctx::nu(),
            Action::Reg(RegMsg::Geregistreerd {
                contactmoment: Box::new(rec.contactmoment.clone()),
                verzoek: None,
            }),
        );
        assert!(s.contact.is_none());
    }

    #[test]
    fn a_new_call_starts_with_an_empty_question_and_ctrl_p_brings_the_last_one_back() {
        let mut s = ready();
        press(&mut s, KeyCode::F(3), KeyModifiers::NONE);
        typ(&mut s, "paspoort verlopen");
        // Looked up for someone before: a klant on screen, a question in the kennisbank.
        update(
            &mut s,
            &Ctx::nu(),
            Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(
                super::zaak_klant::klantbeeld(Uuid::from_u128(8), false),
            ))),
        );
        opnemen(&mut s, "0611111111", None);
        assert_eq!(
            s.kennisbank.query, "",
            "the new contact's question starts empty"
        );
        assert_eq!(
            s.zaak_klant.query, "0611111111",
            "the klant search holds the number only"
        );
        assert!(s.zaak_klant.klant.is_none());
        press(&mut s, KeyCode::F(3), KeyModifiers::NONE);
        assert_eq!(s.mode(), Mode::KbZoeken);
        press(&mut s, KeyCode::Char('p'), KeyModifiers::CONTROL);
        assert_eq!(s.kennisbank.query, "paspoort verlopen");
        // Again: nothing older, so it stays (said once).
        press(&mut s, KeyCode::Char('p'), KeyModifiers::CONTROL);
        assert_eq!(s.kennisbank.query, "paspoort verlopen");
    }

    #[test]
    fn after_a_restart_the_desk_counts_todays_calls_of_its_queue_from_the_store() {
        let mut s = ready();
        let desk = s.session.desk_id;
        s.telefonie.simulator_run = Some(Uuid::from_u128(5));
        // The first event asks for today's calls of this desk's queue.
        let effects = ev(&mut s, 0, vec![binnen("c9", "0612000000", 0)]);
        assert!(effects.contains(&Effect::Telefonie(
            crate::app::telefonie::TelEffect::LaadVandaag(Some(desk))
        )));
        // Before the restart: one answered within the norm, one abandoned after 40 s, one
        // still open (it does not count until it leaves the queue).
        let mut beantwoord = crate::domain::telefonie::Gesprek::uit_tijden(
            t(-300),
            Some(t(-290)),
            Some(t(-200)),
            None,
        );
        beantwoord.meta.id = Uuid::from_u128(1);
        let mut verlaten =
            crate::domain::telefonie::Gesprek::uit_tijden(t(-100), None, None, Some(t(-60)));
        verlaten.meta.id = Uuid::from_u128(2);
        let mut open = crate::domain::telefonie::Gesprek::uit_tijden(t(-10), None, None, None);
        open.meta.id = Uuid::from_u128(3);
        let geladen = vec![(beantwoord, Some(30)), (verlaten, None), (open, None)];
        update(
            &mut s,
            &Ctx::nu(),
            Action::Tel(TelMsg::GesprekkenVandaag(geladen.clone())),
        );
        let k = s.telefonie.kpi(&crate::domain::kpi::Normen::default());
        assert_eq!((k.beantwoord, k.verlaten, k.aangeboden), (1, 1, 2));
        assert_eq!(k.servicelevel, Some(50.0));
        // Loaded twice (a second start of the source): counted once.
        update(
            &mut s,
            &Ctx::nu(),
            Action::Tel(TelMsg::GesprekkenVandaag(geladen)),
        );
        let k = s.telefonie.kpi(&crate::domain::kpi::Normen::default());
        assert_eq!(k.aangeboden, 2);
    }

    #[test]
    fn a_known_caller_is_linked_by_the_screen_pop_and_the_wrap_up_says_so() {
        let mut s = ready();
        let jan = Uuid::from_u128(7);
        opnemen(&mut s, "0612345678", Some((jan, "Jan de Vries".into())));
        let k = s.contact.as_ref().unwrap().klant.as_ref().unwrap();
        assert_eq!((k.klant.id, k.via), (jan, klantcontact::Via::ScreenPop));
        // Looking at another klant during the call changes nothing.
        let eva = Uuid::from_u128(8);
        update(
            &mut s,
            &Ctx::nu(),
            Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(
                super::zaak_klant::klantbeeld(eva, false),
            ))),
        );
        ev(
            &mut s,
            40,
            vec![TelEvent::Beeindigd {
                id: "c1".into(),
                op: t(40),
            }],
        );
        let r = s.registratie.as_ref().unwrap();
        assert_eq!(r.klant.as_ref().map(|k| k.id), Some(jan));
        assert_eq!(r.via, Some(klantcontact::Via::ScreenPop));
    }

    #[test]
    fn an_unknown_number_prefills_the_klant_search_and_an_abandoned_caller_is_recorded() {
        let mut s = ready();
        ev(
            &mut s,
            0,
            vec![binnen("c1", "0687654321", 0), binnen("c2", "0611111111", 0)],
        );
        update(
            &mut s,
            &Ctx::nu(),
            Action::Tel(TelMsg::NummerHerkend {
                nummer: "0687654321".into(),
                beller: None,
            }),
        );
        let effects = ev(
            &mut s,
            95,
            vec![TelEvent::Weg {
                id: "c2".into(),
                aangenomen_door: None,
                op: t(95),
            }],
        );
        let g = gesprekken(&effects);
        assert_eq!(g[0].verlaten_op, Some(t(95)));
        assert_eq!(g[0].wachttijd(), Some(95));
        assert_eq!(
            s.telefonie.kpi(&s.normen).servicelevel,
            Some(0.0),
            "an abandoned call counts against"
        );
        ev(
            &mut s,
            100,
            vec![TelEvent::Aangeboden {
                id: "c1".into(),
                op: t(100),
            }],
        );
        press(&mut s, KeyCode::F(6), KeyModifiers::NONE);
        let effects = ev(
            &mut s,
            101,
            vec![TelEvent::Verbonden {
                id: "c1".into(),
                op: t(101),
            }],
        );
        assert_eq!(s.focus, Pane::ZaakKlant);
        assert_eq!(s.zaak_klant.query, "0687654321");
        assert!(
            effects
                .iter()
                .any(|e| matches!(e, Effect::ZaakKlant(ZkEffect::Zoek { .. }))),
            "{effects:?}"
        );
    }

    #[test]
    fn a_transfer_that_is_not_picked_up_comes_back_and_a_busy_colleague_needs_erachter() {
        let mut s = ready();
        update(
            &mut s,
            &Ctx::nu(),
            Action::ReferentieLoaded(Box::new(crate::domain::Referentie {
                afdelingen: vec![(Uuid::from_u128(1), "Burgerzaken".into())],
                groepen: vec![],
                medewerkers: vec![crate::domain::MedewerkerRegel {
                    id: Uuid::from_u128(2),
                    naam: "Piet Bakker".into(),
                    afdeling_id: None,
                    afdeling: None,
                    aanwezigheid: "in_gesprek".into(),
                }],
            })),
        );
        ev(&mut s, 0, vec![binnen("c1", "0612345678", 0)]);
        ev(
            &mut s,
            1,
            vec![TelEvent::Aangeboden {
                id: "c1".into(),
                op: t(1),
            }],
        );
        press(&mut s, KeyCode::F(6), KeyModifiers::NONE);
        ev(
            &mut s,
            2,
            vec![TelEvent::Verbonden {
                id: "c1".into(),
                op: t(2),
            }],
        );
        press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
        press(&mut s, KeyCode::F(8), KeyModifiers::NONE);
        assert_eq!(s.mode(), Mode::Doorverbinden);
        // Letters find a colleague; none of them is an action (e used to put the caller
        // erachter at whoever was selected).
        typ(&mut s, "piet");
        assert!(
            s.telefonie
                .gesprek
                .as_ref()
                .unwrap()
                .doorverbinden
                .is_none()
        );
        let doelen = crate::app::doorverbind_doelen(&s);
        assert_eq!(doelen.len(), 1, "{doelen:?}");
        assert_eq!(doelen[0].0, "Piet Bakker");
        // Piet is in gesprek: Enter asks for erachter zetten, Ctrl-E does it.
        let effects = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
        assert!(commands(&effects).is_empty());
        assert!(s.notice.as_ref().unwrap().text.contains("erachter"));
        let effects = press(&mut s, KeyCode::Char('e'), KeyModifiers::CONTROL);
        assert_eq!(
            commands(&effects),
            vec![TelCommand::Doorverbinden {
                id: "c1".into(),
                naar: "Piet Bakker".into(),
                aanwezigheid: "in_gesprek".into(),
                erachter: true,
            }]
        );
        assert!(s.telefonie.gesprek.as_ref().unwrap().in_wacht);
        ev(
            &mut s,
            60,
            vec![TelEvent::Doorverbonden {
                id: "c1".into(),
                naar: "Piet Bakker".into(),
                gelukt: false,
                sinds: t(35),
                op: t(60),
            }],
        );
        let g = s
            .telefonie
            .gesprek
            .as_ref()
            .expect("the call is back with this agent");
        assert!(!g.in_wacht && g.doorverbinden.is_none());
        assert!(s.notice.as_ref().unwrap().text.contains("contactverzoek"));
        // The contactverzoek is prefilled from the call: the caller's number, addressed to the
        // colleague who did not pick up, saying so.
        press(&mut s, KeyCode::F(5), KeyModifiers::NONE);
        press(&mut s, KeyCode::Char('t'), KeyModifiers::CONTROL);
        let r = s.registratie.as_ref().unwrap();
        let vz = r.verzoek.as_ref().unwrap();
        assert_eq!(vz.telefoon, "0612345678");
        assert_eq!(
            vz.aan,
            Some(crate::app::registratie::Aan::Medewerker(Uuid::from_u128(2)))
        );
        assert!(
            vz.toelichting
                .contains("Doorverbinden met Piet Bakker lukte niet")
        );
        assert_eq!(r.beller.as_deref(), Some("0612345678"));
        // A second transfer, to the afdeling, is picked up: the call ends here.
        press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
        press(&mut s, KeyCode::F(8), KeyModifiers::NONE);
        press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
        let effects = ev(
            &mut s,
            90,
            vec![TelEvent::Doorverbonden {
                id: "c1".into(),
                naar: "Burgerzaken".into(),
                gelukt: true,
                sinds: t(78),
                op: t(90),
            }],
        );
        assert!(s.telefonie.gesprek.is_none());
        // The wrap-up says so: doorverbonden, to the afdeling.
        let r = s.registratie.as_ref().expect("wrap-up");
        assert_eq!(
            r.vragen[0].resultaat,
            crate::domain::contact::Gespreksresultaat::Doorverbonden
        );
        assert_eq!(r.vragen[0].afdeling, Some(Uuid::from_u128(1)));
        assert_eq!(r.notitie, "Doorverbonden met Burgerzaken.");
        let g = gesprekken(&effects);
        assert_eq!(
            g[0].doorverbindingen,
            vec![
                crate::domain::telefonie::Doorverbinding {
                    naar: "Piet Bakker".into(),
                    gelukt: false,
                    seconden: 25
                },
                crate::domain::telefonie::Doorverbinding {
                    naar: "Burgerzaken".into(),
                    gelukt: true,
                    seconden: 12
                }
            ]
        );
        assert_eq!(statussen(&effects), vec![AgentStatus::Nawerk]);
    }

    #[test]
    fn quitting_during_a_call_asks_first_and_articles_from_before_are_not_its_bronnen() {
        let mut s = ready();
        s.voorwerk.bronnen.push("hondenbelasting".into());
        ev(&mut s, 0, vec![binnen("c1", "0612345678", 0)]);
        ev(
            &mut s,
            1,
            vec![TelEvent::Aangeboden {
                id: "c1".into(),
                op: t(1),
            }],
        );
        press(&mut s, KeyCode::Char('q'), KeyModifiers::NONE);
        assert!(
            s.confirm_quit && !s.quit,
            "a ringing call is not left silently"
        );
        press(&mut s, KeyCode::Char('n'), KeyModifiers::NONE);
        press(&mut s, KeyCode::F(6), KeyModifiers::NONE);
        ev(
            &mut s,
            2,
            vec![TelEvent::Verbonden {
                id: "c1".into(),
                op: t(2),
            }],
        );
        assert!(s.bronnen().is_empty());
        ev(
            &mut s,
            30,
            vec![TelEvent::Beeindigd {
                id: "c1".into(),
                op: t(30),
            }],
        );
        assert!(
            s.notice.as_ref().unwrap().text.starts_with("Nawerk"),
            "{:?}",
            s.notice
        );
        // Cancelling the wrap-up leaves nawerk with a way out; F5 brings the call back.
        press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
        assert!(s.registratie.is_none());
        assert!(s.notice.as_ref().unwrap().text.contains("b in de Wachtrij"));
        press(&mut s, KeyCode::F(5), KeyModifiers::NONE);
        let r = s.registratie.as_ref().unwrap();
        assert_eq!(r.beller.as_deref(), Some("0612345678"));
        assert_eq!((r.geopend_op - r.begonnen_op).num_seconds(), 28);
    }

    #[test]
    fn pause_needs_a_reason_and_an_unanswered_offer_pauses_the_agent() {
        let mut s = ready();
        ev(&mut s, 0, vec![binnen("c1", "0612345678", 0)]);
        press(&mut s, KeyCode::Char('p'), KeyModifiers::NONE);
        assert_eq!(s.mode(), Mode::PauzeKiezen);
        let effects = press(&mut s, KeyCode::Char('2'), KeyModifiers::NONE);
        assert_eq!(statussen(&effects), vec![AgentStatus::Pauze]);
        assert_eq!(s.telefonie.pauze_reden.as_deref(), Some("lunch"));
        press(&mut s, KeyCode::Char('b'), KeyModifiers::NONE);
        ev(
            &mut s,
            5,
            vec![TelEvent::Aangeboden {
                id: "c1".into(),
                op: t(5),
            }],
        );
        let effects = ev(
            &mut s,
            20,
            vec![TelEvent::AanbodVervallen { id: "c1".into() }],
        );
        assert_eq!(statussen(&effects), vec![AgentStatus::Pauze]);
        assert!(s.telefonie.aangeboden.is_none());
        assert!(s.notice.as_ref().unwrap().is_error);
    }
}

mod afspraak_flow {
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
        let [Effect::Afspraak(AfspraakEffect::ZoekSlots { diensten, .. })] = effects.as_slice()
        else {
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
                wachtend: 0,
                laatst_ok: Some(Utc::now()),
                fout: None,
                geweigerd: vec!["Afspraak Aanvraag rijbewijs op 27-11 10:00 bij Balie 3 niet bevestigd: dubbele boeking. Bel Jan de Vries (0612345678); Ctrl-O biedt een ander tijdstip aan.".into()],
                tabellen: vec!["afspraak".into()],
                opnieuw_aanbieden: Some((id, "Aanvraag rijbewijs".into())),
                oproep_geweigerd: Vec::new(),
                oproep_toegepast: Vec::new(),
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
            notitie.contains(
                "Afspraak geboekt: Aanvraag paspoort of ID-kaart 27-11 11:00 bij Balie 2"
            ),
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
            &Ctx::nu(),
            Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(
                super::zaak_klant::klantbeeld(id, false),
            ))),
        );
        press(&mut s, KeyCode::Char('a'), KeyModifiers::NONE);
        press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
        let plek_van = |effects: &[Effect]| match effects {
            [Effect::Afspraak(AfspraakEffect::ZoekSlots { plek, .. })] => plek.clone(),
            other => panic!("{other:?}"),
        };
        // b: Balie 1, Balie 2 (the spreekkamer does not serve it), then any again.
        let b = KeyCode::Char('b');
        assert_eq!(
            plek_van(&press(&mut s, b, KeyModifiers::NONE)).as_deref(),
            Some("Balie 1")
        );
        assert_eq!(
            plek_van(&press(&mut s, b, KeyModifiers::NONE)).as_deref(),
            Some("Balie 2")
        );
        assert_eq!(plek_van(&press(&mut s, b, KeyModifiers::NONE)), None);
        press(&mut s, b, KeyModifiers::NONE);
        // m: the month of today, at Balie 1.
        let vandaag = s.now.date_naive();
        let effects = press(&mut s, KeyCode::Char('m'), KeyModifiers::NONE);
        let [Effect::Afspraak(AfspraakEffect::ZoekMaand { maand, plek, .. })] = effects.as_slice()
        else {
            panic!("{effects:?}")
        };
        assert_eq!(*maand, crate::app::afspraken::maand_van(vandaag));
        assert_eq!(plek.as_deref(), Some("Balie 1"));
        // Not before today; five weeks on is another month, looked up.
        assert!(press(&mut s, KeyCode::Left, KeyModifiers::NONE).is_empty());
        let mut volgende_maand = None;
        for _ in 0..5 {
            for e in press(&mut s, KeyCode::Down, KeyModifiers::NONE) {
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
            &Ctx::nu(),
            Action::Afspraak(AfspraakMsg::MaandGeladen(*maand, vec![(vandaag, 3)])),
        );
        assert!(matches!(
            s.afspraak.as_ref().unwrap().stap,
            Stap::Maand { vrij: None, .. }
        ));
        // Enter: the free times from that day, at that balie.
        let effects = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
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
        let [Effect::Afspraak(AfspraakEffect::ZoekSlots { diensten, .. })] = effects.as_slice()
        else {
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
}

mod klantgeleiding_flow {
    use super::*;
    use crate::app::klantgeleiding::KgEffect;
    use crate::domain::afspraken::Dienst;
    use crate::domain::klantgeleiding::{Bezoek, KLAAR, NO_SHOW, OPGEROEPEN, WACHTEND};

    fn bezoek(nummer: &str, dienst: &str, minuten_geleden: i64) -> Bezoek {
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
    fn calling_a_known_visitor_brings_up_their_klantbeeld_without_taking_the_balie_keys() {
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
    fn a_receptie_with_a_klant_open_links_no_walk_in_unless_asked() {
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
                [Effect::Klantgeleiding(KgEffect::Inchecken { partij, .. })] => {
                    partijen.push(*partij)
                }
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
    fn a_balie_calling_an_anonymous_ticket_after_booking_for_a_klant_saves_it_anonymous() {
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
    fn klaar_and_niet_verschenen_can_be_undone_for_ten_seconds() {
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
    fn a_balie_restarted_with_its_visitor_has_their_contact_back() {
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
    fn in_behandeling(s: &mut State, nummer: &str) -> Vec<Bezoek> {
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

    fn opslaan(s: &mut State) {
        let effects = press(s, KeyCode::Char('s'), KeyModifiers::CONTROL);
        let Some(Effect::Registreer(rec)) =
            effects.iter().find(|e| matches!(e, Effect::Registreer(_)))
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
    fn one_visit_is_registered_once_and_a_saved_klaar_is_not_undone() {
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
    fn a_no_show_ends_the_visitors_contact() {
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
    fn a_visitor_55_minutes_early_is_told_early() {
        let afspraak = Utc.with_ymd_and_hms(2026, 11, 23, 10, 30, 0).unwrap();
        let tekst = |min: i64| {
            crate::app::aankomst_tekst(afspraak + chrono::Duration::minutes(min), afspraak)
        };
        assert!(tekst(-55).ends_with("55 min te vroeg"), "{}", tekst(-55));
        assert!(tekst(-3).ends_with("op tijd"));
        assert!(tekst(7).ends_with("7 min te laat"));
    }

    #[test]
    fn an_afspraak_whose_time_has_come_is_called_before_an_earlier_walk_in() {
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

    fn vervang(lijst: &mut [Bezoek], b: &Bezoek) {
        if let Some(x) = lijst.iter_mut().find(|x| x.nummer == b.nummer) {
            *x = b.clone();
        }
    }

    /// Press `v` and answer as the store does (`roep_volgende` claims the first of the same
    /// `volgorde`): the visitor called, and the effects of the answer.
    fn druk_v(s: &mut State) -> (Option<Bezoek>, Vec<Effect>) {
        let effects = press(s, KeyCode::Char('v'), KeyModifiers::NONE);
        let [Effect::Klantgeleiding(KgEffect::Volgende { balie, diensten })] = effects.as_slice()
        else {
            return (None, effects);
        };
        assert_eq!(Some(balie), s.klantgeleiding.balie.as_ref());
        let now = Utc::now();
        let gekozen = crate::domain::klantgeleiding::volgorde(
            &s.klantgeleiding.bezoeken,
            balie,
            diensten,
            now,
        )
        .first()
        .map(|b| crate::domain::klantgeleiding::roep_op(b, balie, now));
        let antwoord = update(
            s,
            &Ctx::nu(),
            Action::Kg(KgMsg::Opgeroepen(Ok(Box::new(
                crate::store::klantgeleiding::Oproep {
                    bezoek: gekozen.clone(),
                    verloren: Vec::new(),
                },
            )))),
        );
        (gekozen, antwoord)
    }

    fn bewaard(effects: &[Effect]) -> Bezoek {
        // The contact in hand is kept as it changes; here only the counter's effect counts.
        let effects: Vec<Effect> = effects
            .iter()
            .filter(|e| !matches!(e, Effect::BewaarContact(_)))
            .cloned()
            .collect();
        match effects.as_slice() {
            [Effect::Klantgeleiding(KgEffect::Bewaar(b, _))] => (**b).clone(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_call_the_shared_database_gave_to_another_balie_is_said_and_the_next_is_called() {
        let mut s = ready();
        s.klantgeleiding.balie = Some("Balie 1".into());
        let s2 = bezoek("S-002", "Ophalen", 5);
        update(
            &mut s,
            &Ctx::nu(),
            Action::Kg(KgMsg::BezoekenGeladen(
                vec![bezoek("S-001", "Ophalen", 10), s2.clone()],
                Vec::new(),
                Vec::new(),
            )),
        );
        press(&mut s, KeyCode::F(2), KeyModifiers::NONE);
        let b = druk_v(&mut s).0.expect("called from the desk's own file");
        assert_eq!(b.nummer, "S-001");
        // The sync round: the server gave S-001 to Balie 2 first.
        let effects = update(
            &mut s,
            &Ctx::nu(),
            Action::Sync(Box::new(crate::sync::SyncBericht {
                indicator: crate::sync::SyncIndicator::Gesynchroniseerd,
                wachtend: 0,
                laatst_ok: Some(Utc::now()),
                fout: None,
                geweigerd: vec![
                    "S-001 is al opgeroepen door Balie 2. Uw stap is niet doorgevoerd.".into(),
                ],
                tabellen: Vec::new(),
                opnieuw_aanbieden: None,
                oproep_geweigerd: vec![b.meta.id],
                oproep_toegepast: Vec::new(),
            })),
        );
        assert!(
            effects.contains(&Effect::Klantgeleiding(KgEffect::Volgende {
                balie: "Balie 1".into(),
                diensten: Vec::new(),
            })),
            "the balie simply calls the next: {effects:?}"
        );
        let volgende = crate::domain::klantgeleiding::roep_op(&s2, "Balie 1", Utc::now());
        update(
            &mut s,
            &Ctx::nu(),
            Action::Kg(KgMsg::Opgeroepen(Ok(Box::new(
                crate::store::klantgeleiding::Oproep {
                    bezoek: Some(volgende),
                    verloren: Vec::new(),
                },
            )))),
        );
        // That round succeeded, so the desk is online now: the next call waits for its verdict.
        assert_eq!(s.klantgeleiding.huidig, None);
        update(
            &mut s,
            &Ctx::nu(),
            sync_bericht(
                crate::sync::SyncIndicator::Gesynchroniseerd,
                &[],
                Vec::new(),
                vec![s2.meta.id],
            ),
        );
        assert_eq!(
            s.notice.as_ref().map(|n| n.text.as_str()),
            Some(
                "S-001 is al opgeroepen door Balie 2. Uw stap is niet doorgevoerd. \
                 Opgeroepen: S-002 naar Balie 1."
            )
        );
        assert_eq!(s.klantgeleiding.huidig, Some(s2.meta.id));
    }

    /// A sync report: the indicator, refusals in words, and the server's verdicts on calls.
    fn sync_bericht(
        indicator: crate::sync::SyncIndicator,
        geweigerd: &[&str],
        oproep_geweigerd: Vec<Uuid>,
        oproep_toegepast: Vec<Uuid>,
    ) -> Action {
        Action::Sync(Box::new(crate::sync::SyncBericht {
            indicator,
            wachtend: 0,
            laatst_ok: Some(Utc::now()),
            fout: (indicator == crate::sync::SyncIndicator::Offline)
                .then(|| "connection refused".into()),
            geweigerd: geweigerd.iter().map(|g| g.to_string()).collect(),
            tabellen: Vec::new(),
            opnieuw_aanbieden: None,
            oproep_geweigerd,
            oproep_toegepast,
        }))
    }

    /// A balie with [sync] whose last round succeeded, with S-001 and S-002 waiting.
    fn online_balie() -> (State, Bezoek, Bezoek) {
        let mut s = ready();
        s.klantgeleiding.balie = Some("Balie 1".into());
        let (s1, s2) = (
            bezoek("S-001", "Ophalen", 10),
            bezoek("S-002", "Ophalen", 5),
        );
        update(
            &mut s,
            &Ctx::nu(),
            Action::Kg(KgMsg::BezoekenGeladen(
                vec![s1.clone(), s2.clone()],
                Vec::new(),
                Vec::new(),
            )),
        );
        update(
            &mut s,
            &Ctx::nu(),
            sync_bericht(
                crate::sync::SyncIndicator::Gesynchroniseerd,
                &[],
                Vec::new(),
                Vec::new(),
            ),
        );
        press(&mut s, KeyCode::F(2), KeyModifiers::NONE);
        (s, s1, s2)
    }

    fn melding(s: &State) -> &str {
        s.notice.as_ref().map_or("", |n| n.text.as_str())
    }

    #[test]
    fn online_a_call_is_announced_only_when_the_server_accepted_it() {
        let (mut s, s1, _) = online_balie();
        let (b, effects) = druk_v(&mut s);
        let b = b.expect("claimed in the desk's own file");
        assert_eq!(b.nummer, "S-001");
        // Not announced: the pane waits, the sync task is woken, and the wait is bounded.
        assert!(!melding(&s).contains("Opgeroepen"), "{}", melding(&s));
        assert_eq!(s.klantgeleiding.huidig, None);
        assert!(s.klantgeleiding.beslissing.is_some());
        assert!(effects.contains(&Effect::SyncNu), "{effects:?}");
        assert!(
            effects.contains(&Effect::Later(
                crate::app::klantgeleiding::SERVER_WACHT,
                Box::new(Action::Kg(KgMsg::ServerStil(s1.meta.id))),
            )),
            "{effects:?}"
        );
        // The counter's keys wait for the verdict.
        for toets in ['v', 'h', 's', 'k', 'x', 'p', 'r'] {
            let effects = press(&mut s, KeyCode::Char(toets), KeyModifiers::NONE);
            assert!(effects.is_empty(), "{toets}: {effects:?}");
            assert!(
                melding(&s).starts_with("Even geduld"),
                "{toets}: {}",
                melding(&s)
            );
        }
        // The desk's own file already says S-001 is called here; still not in hand.
        let mut hier = b.clone();
        hier.balie = Some("Balie 1".into());
        update(
            &mut s,
            &Ctx::nu(),
            Action::Kg(KgMsg::BezoekenGeladen(vec![hier], Vec::new(), Vec::new())),
        );
        assert_eq!(s.klantgeleiding.huidig, None);
        // The server accepted it: announced now.
        update(
            &mut s,
            &Ctx::nu(),
            sync_bericht(
                crate::sync::SyncIndicator::Gesynchroniseerd,
                &[],
                Vec::new(),
                vec![s1.meta.id],
            ),
        );
        assert_eq!(melding(&s), "Opgeroepen: S-001 naar Balie 1.");
        assert_eq!(s.klantgeleiding.huidig, Some(s1.meta.id));
        assert!(s.klantgeleiding.beslissing.is_none());
        assert!(
            s.contact.is_some(),
            "the visitor's contact starts at the announcement"
        );
        // The bound passing later changes nothing.
        let effects = update(
            &mut s,
            &Ctx::nu(),
            Action::Kg(KgMsg::ServerStil(s1.meta.id)),
        );
        assert!(effects.is_empty());
        assert_eq!(melding(&s), "Opgeroepen: S-001 naar Balie 1.");
    }

    #[test]
    fn online_a_refused_call_is_never_announced_and_the_next_is_called_and_announced_with_the_number()
     {
        let (mut s, s1, s2) = online_balie();
        druk_v(&mut s).0.expect("claimed");
        // The server gave S-001 to Balie 2 first.
        let effects = update(
            &mut s,
            &Ctx::nu(),
            sync_bericht(
                crate::sync::SyncIndicator::Gesynchroniseerd,
                &["S-001 is al opgeroepen door Balie 2. Uw stap is niet doorgevoerd."],
                vec![s1.meta.id],
                Vec::new(),
            ),
        );
        assert!(
            effects.contains(&Effect::Klantgeleiding(KgEffect::Volgende {
                balie: "Balie 1".into(),
                diensten: Vec::new(),
            })),
            "the balie simply calls the next: {effects:?}"
        );
        assert!(melding(&s).starts_with("S-001 is al opgeroepen door Balie 2"));
        assert!(!melding(&s).contains("Opgeroepen:"), "{}", melding(&s));
        // The store claims S-002 in the desk's file: online, that one waits for its verdict too.
        let volgende = crate::domain::klantgeleiding::roep_op(&s2, "Balie 1", Utc::now());
        let effects = update(
            &mut s,
            &Ctx::nu(),
            Action::Kg(KgMsg::Opgeroepen(Ok(Box::new(
                crate::store::klantgeleiding::Oproep {
                    bezoek: Some(volgende),
                    verloren: Vec::new(),
                },
            )))),
        );
        assert!(effects.contains(&Effect::SyncNu));
        assert!(!melding(&s).contains("Opgeroepen:"), "{}", melding(&s));
        assert_eq!(s.klantgeleiding.huidig, None);
        // The bound of the first call passing does not announce it.
        update(
            &mut s,
            &Ctx::nu(),
            Action::Kg(KgMsg::ServerStil(s1.meta.id)),
        );
        assert!(!melding(&s).contains("Opgeroepen:"), "{}", melding(&s));
        // Accepted: only S-002 is announced, after the loss with its number.
        update(
            &mut s,
            &Ctx::nu(),
            sync_bericht(
                crate::sync::SyncIndicator::Gesynchroniseerd,
                &[],
                Vec::new(),
                vec![s2.meta.id],
            ),
        );
        assert_eq!(
            melding(&s),
            "S-001 is al opgeroepen door Balie 2. Uw stap is niet doorgevoerd. \
             Opgeroepen: S-002 naar Balie 1."
        );
        assert_eq!(s.klantgeleiding.huidig, Some(s2.meta.id));
    }

    #[test]
    fn online_without_a_verdict_in_time_the_call_stands_from_this_desk_and_says_so() {
        let (mut s, s1, s2) = online_balie();
        druk_v(&mut s).0.expect("claimed");
        // An older bound (another call) does not end this wait.
        update(
            &mut s,
            &Ctx::nu(),
            Action::Kg(KgMsg::ServerStil(Uuid::now_v7())),
        );
        assert!(s.klantgeleiding.beslissing.is_some());
        update(
            &mut s,
            &Ctx::nu(),
            Action::Kg(KgMsg::ServerStil(s1.meta.id)),
        );
        assert_eq!(
            melding(&s),
            "Server antwoordt niet: opgeroepen vanaf deze desk; een weigering volgt later. \
             Opgeroepen: S-001 naar Balie 1."
        );
        assert_eq!(s.klantgeleiding.huidig, Some(s1.meta.id));
        // The refusal comes later: told with the number, and the next is called (as offline).
        let effects = update(
            &mut s,
            &Ctx::nu(),
            sync_bericht(
                crate::sync::SyncIndicator::Gesynchroniseerd,
                &["S-001 is al opgeroepen door Balie 2. Uw stap is niet doorgevoerd."],
                vec![s1.meta.id],
                Vec::new(),
            ),
        );
        assert!(melding(&s).starts_with("S-001 is al opgeroepen door Balie 2"));
        assert!(
            effects
                .iter()
                .any(|e| matches!(e, Effect::Klantgeleiding(KgEffect::Volgende { .. })))
        );
        assert_eq!(s.klantgeleiding.huidig, None);
        let _ = s2;

        // The server going away while a balie waits: the same fallback, at once.
        let (mut s, s1, _) = online_balie();
        druk_v(&mut s).0.expect("claimed");
        update(
            &mut s,
            &Ctx::nu(),
            sync_bericht(
                crate::sync::SyncIndicator::Offline,
                &[],
                Vec::new(),
                Vec::new(),
            ),
        );
        assert!(
            melding(&s).starts_with("Server antwoordt niet")
                && melding(&s).ends_with("Opgeroepen: S-001 naar Balie 1."),
            "{}",
            melding(&s)
        );
        assert_eq!(s.klantgeleiding.huidig, Some(s1.meta.id));
        // Offline now: the next call is announced at once, without waiting.
        update(
            &mut s,
            &Ctx::nu(),
            Action::Kg(KgMsg::Opgeroepen(Err("Rond eerst S-001 af".into()))),
        );
        s.klantgeleiding.huidig = None;
        s.klantgeleiding
            .bezoeken
            .retain(|b| b.meta.id != s1.meta.id);
        let (b, effects) = druk_v(&mut s);
        assert_eq!(b.map(|b| b.nummer).as_deref(), Some("S-002"));
        assert!(!effects.contains(&Effect::SyncNu), "{effects:?}");
        assert_eq!(melding(&s), "Opgeroepen: S-002 naar Balie 1.");
    }

    #[test]
    fn online_a_verdict_that_arrives_before_the_stores_answer_is_kept() {
        let (mut s, s1, _) = online_balie();
        // The sync task handed the claim in and heard back before the store's answer arrived.
        update(
            &mut s,
            &Ctx::nu(),
            sync_bericht(
                crate::sync::SyncIndicator::Gesynchroniseerd,
                &[],
                Vec::new(),
                vec![s1.meta.id],
            ),
        );
        let (b, effects) = druk_v(&mut s);
        assert_eq!(b.map(|b| b.meta.id), Some(s1.meta.id));
        assert!(!effects.contains(&Effect::SyncNu), "{effects:?}");
        assert_eq!(melding(&s), "Opgeroepen: S-001 naar Balie 1.");
        assert_eq!(s.klantgeleiding.huidig, Some(s1.meta.id));
    }

    #[test]
    fn online_a_verdict_on_an_older_call_of_the_same_visitor_does_not_count() {
        let (mut s, s1, _) = online_balie();
        // S-001 was refused to this balie long ago (then sent back to the queue, say).
        s.klantgeleiding.uitspraak(
            s1.meta.id,
            false,
            Utc::now() - chrono::Duration::seconds(30),
        );
        let (b, effects) = druk_v(&mut s);
        assert_eq!(b.map(|b| b.meta.id), Some(s1.meta.id));
        assert!(
            effects.contains(&Effect::SyncNu),
            "waits for this call's verdict"
        );
        assert!(s.klantgeleiding.beslissing.is_some());
        update(
            &mut s,
            &Ctx::nu(),
            sync_bericht(
                crate::sync::SyncIndicator::Gesynchroniseerd,
                &[],
                Vec::new(),
                vec![s1.meta.id],
            ),
        );
        assert_eq!(melding(&s), "Opgeroepen: S-001 naar Balie 1.");
        assert!(
            s.klantgeleiding.uitspraken.is_empty(),
            "the verdict was used"
        );
    }

    #[test]
    fn a_balie_desk_signs_its_balie_in_when_the_store_opens_and_out_when_leaving() {
        let mut s = state(false);
        s.klantgeleiding.balie = Some("Balie 2".into());
        let effects = update(
            &mut s,
            &Ctx::nu(),
            Action::StoreOpened { schema_version: 3 },
        );
        assert!(effects.contains(&Effect::Klantgeleiding(KgEffect::Aanmelden(true))));
        // Opened again (a reconnect) does not sign in twice.
        let effects = update(
            &mut s,
            &Ctx::nu(),
            Action::StoreOpened { schema_version: 3 },
        );
        assert!(!effects.contains(&Effect::Klantgeleiding(KgEffect::Aanmelden(true))));
        let effects = update(&mut s, &Ctx::nu(), Action::Quit);
        assert!(s.quit);
        assert!(effects.contains(&Effect::Klantgeleiding(KgEffect::Aanmelden(false))));
        // A desk that is no balie signs nothing in.
        let mut s = state(false);
        let effects = update(
            &mut s,
            &Ctx::nu(),
            Action::StoreOpened { schema_version: 3 },
        );
        assert!(
            !effects
                .iter()
                .any(|e| matches!(e, Effect::Klantgeleiding(KgEffect::Aanmelden(_))))
        );
    }

    #[test]
    fn check_in_by_typing_then_call_the_longest_waiting_repeat_and_no_show_after_two_calls() {
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
        assert!(effects.iter().any(
            |e| matches!(e, Effect::Klantgeleiding(KgEffect::Bewaar(b, _)) if b.status == KLAAR)
        ));
        let r = s.registratie.as_ref().expect("registration opened");
        assert_eq!(r.kanaal, crate::domain::Kanaal::Balie);
        assert_eq!(r.vragen[0].onderwerp, "Ophalen reisdocument");
    }

    fn inloop(naam: &str, prefix: &str) -> Dienst {
        Dienst {
            naam: naam.into(),
            vorm: "inloop".into(),
            duur_minuten: 5,
            prefix: prefix.into(),
            artikel: None,
        }
    }

    /// Call the next visitor at balie `balie` and return them, with the list updated.
    fn roep(s: &mut State, balie: &str, diensten: &[&str]) -> Option<Bezoek> {
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
    fn a_visitor_sent_to_another_dienst_keeps_the_arrival_time_and_a_balie_transfer_is_for_that_balie_only()
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
    fn park_a_visitor_call_the_next_and_resume_the_parked_one() {
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
    fn the_agenda_marks_a_begun_afspraak_not_come_and_checks_in_only_todays() {
        let mut s = ready();
        press(&mut s, KeyCode::F(2), KeyModifiers::NONE);
        let effects = press(&mut s, KeyCode::Char('d'), KeyModifiers::NONE);
        let vandaag = s.now.date_naive();
        assert_eq!(
            effects,
            vec![Effect::Klantgeleiding(KgEffect::LaadAgenda(vandaag))]
        );
        assert_eq!(s.mode(), Mode::Agenda);
        let regel =
            |n: u128, minuten: i64, status: &str| crate::domain::klantgeleiding::DagAfspraak {
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
    fn the_afspraak_picker_checks_in_the_chosen_afspraak_not_a_walk_in() {
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
}

mod vloer_in_de_desk {
    use super::*;

    #[test]
    fn only_a_supervisor_opens_the_floor_view_and_it_refreshes_every_second() {
        let mut s = ready();
        assert!(press(&mut s, KeyCode::F(9), KeyModifiers::NONE).is_empty());
        assert!(!s.vloer_open);
        assert!(
            s.notice.as_ref().unwrap().is_error,
            "a medewerker is told why"
        );
        s.session.medewerker = Some(crate::config::MedewerkerProfiel {
            id: Uuid::nil(),
            naam: "Rianne van der Meer".into(),
            rol: Rol::Supervisor,
            afdeling: None,
        });
        assert_eq!(
            press(&mut s, KeyCode::F(9), KeyModifiers::NONE),
            vec![Effect::LaadVloer]
        );
        assert_eq!(s.mode(), Mode::Vloer);
        let nu = s.now;
        let effects = update(&mut s, &Ctx::nu(), Action::Tick(nu));
        assert!(effects.contains(&Effect::LaadVloer));
        press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
        assert!(!s.vloer_open);
        let effects = update(&mut s, &Ctx::nu(), Action::Tick(nu));
        assert!(
            !effects.contains(&Effect::LaadVloer),
            "closed: no more loading"
        );
    }
}
