use super::*;
use crate::app::kas::{KasMsg, VensterSoort};
use crate::app::kennisbank::KbMsg;
use crate::app::klantgeleiding::KgMsg;
use crate::app::profile_form::ProfielMsg;
use crate::app::registratie::RegMsg;
use crate::app::telefonie::TelMsg;
use crate::app::training::TrainingMsg;
use crate::app::vloer::VloerMsg;
use crate::app::zaak_klant::ZkMsg;
use crate::app::{Action, Ctx, Session, keymap::alle, update};
use crate::domain::Rol;
use crate::store::overview::Overview;
use chrono::{Local, TimeZone};
use ratatui::{Terminal, backend::TestBackend, buffer::Buffer, style::Color};
use uuid::Uuid;

fn sample_state() -> State {
    let mut s = State::new(
        Session {
            gemeente: None,
            medewerker: Some(crate::config::MedewerkerProfiel {
                id: Uuid::nil(),
                naam: "Sietske Postma".into(),
                rol: Rol::Medewerker,
                afdeling: None,
            }),
            desk_id: Uuid::parse_str("5bbd6c61-0000-4000-8000-000000000000").unwrap(),
            demo: true,
            termijnen: Default::default(),
        },
        crate::app::aanmelden::Fase::Aangemeld,
        Local.with_ymd_and_hms(2026, 11, 23, 9, 41, 7).unwrap(),
    );
    update(
        &mut s,
        &Ctx::nu(),
        Action::StoreOpened { schema_version: 2 },
    );
    update(
        &mut s,
        &Ctx::nu(),
        Action::OverviewLoaded(Box::new(Overview {
            gemeente: Some("Gemeente Lindewaard".into()),
            klanten: 2200,
            zaken: 5000,
            contactmomenten_vandaag: 17,
            open_contactverzoeken: 39,
            contactverzoeken_te_laat: 4,
            afspraken_vandaag: 123,
            medewerkers: 40,
            medewerkers_beschikbaar: 20,
            wijzigingen_wachtend: 0,
        })),
    );
    s
}

pub(crate) fn render(state: &State, w: u16, h: u16, theme: Theme) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| draw(f, state, &theme)).unwrap();
    terminal.backend().buffer().clone()
}

pub(crate) fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

const COLOR: Theme = Theme { color: true };
const NO_COLOR: Theme = Theme { color: false };

#[test]
fn the_desk_at_80x24() {
    let buf = render(&sample_state(), 80, 24, COLOR);
    let t = text(&buf);
    for title in ["Wachtrij", "Klantgeleiding", "Kennisbank", "Zaak/Klant"] {
        assert!(t.contains(title), "{title} missing:\n{t}");
    }
    for part in [
        "Gemeente Lindewaard",
        "Sietske Postma (medewerker)",
        "desk 5bbd6c61",
        "lokaal",
        "09:41:07",
    ] {
        let bar: String = t.lines().take(2).collect();
        assert!(bar.contains(part), "status bar lacks {part}:\n{t}");
    }
    insta::assert_snapshot!("desk_80x24", t);
}

#[test]
fn the_contact_in_hand_has_a_line_of_its_own_and_the_wrap_up_says_how_the_klant_was_linked() {
    use crate::app::klantcontact::{Aanleiding, Klantcontact, Via};
    let mut s = sample_state();
    let t0 = chrono::Utc
        .with_ymd_and_hms(2026, 11, 23, 8, 40, 0)
        .unwrap();
    s.contact = Some(Klantcontact::new(
        Aanleiding::Gesprek {
            nummer: "0616169760".into(),
        },
        t0,
    ));
    let t = text(&render(&s, 80, 24, COLOR));
    let regels: Vec<&str> = t.lines().collect();
    assert!(
        regels[22].starts_with("Contact: beller 0616169760 · klant: — · zaak: —"),
        "the line above the hints:\n{t}"
    );
    insta::assert_snapshot!("desk_80x24_contact", t);
    // Linked by the agent: the wrap-up names the klant and how.
    s.contact.as_mut().unwrap().koppel(
        crate::app::registratie::Betrokkene {
            id: Uuid::from_u128(1),
            naam: "Jan de Vries".into(),
            telefoon: None,
            email: None,
        },
        Via::DoorU,
    );
    update(&mut s, &Ctx::nu(), Action::Reg(RegMsg::Open));
    let t = text(&render(&s, 120, 40, COLOR));
    assert!(
        t.contains("Jan de Vries, door u gekoppeld (Ctrl-A: anoniem)"),
        "{t}"
    );
    assert!(
        t.contains("Contact: beller 0616169760 · klant: Jan de Vries (door u gekoppeld)"),
        "{t}"
    );
}

#[test]
fn the_desk_at_200x60() {
    let t = text(&render(&sample_state(), 200, 60, COLOR));
    for title in [
        "Wachtrij [F1]",
        "Klantgeleiding [F2]",
        "Kennisbank [F3]",
        "Zaak/Klant [F4]",
    ] {
        assert!(t.contains(title), "{title} missing");
    }
    assert!(t.contains("Nog geen telefonie gekoppeld."));
    assert!(t.contains("2.200"), "klanten count with Dutch separator");
    insta::assert_snapshot!("desk_200x60", t);
}

#[test]
fn below_80x24_only_the_too_small_message_is_shown() {
    for (w, h) in [(79, 24), (80, 23), (40, 10)] {
        let t = text(&render(&sample_state(), w, h, COLOR));
        assert!(t.contains(TOO_SMALL), "{w}x{h}:\n{t}");
        assert!(!t.contains("Wachtrij"), "{w}x{h} must not draw panes");
    }
}

#[test]
fn focus_is_visible_without_colour() {
    let mut s = sample_state();
    update(&mut s, &Ctx::nu(), Action::FocusPane(Pane::Kennisbank));
    let buf = render(&s, 80, 24, NO_COLOR);
    let t = text(&buf);
    assert!(
        t.contains("▶ Kennisbank"),
        "marker on the focused pane:\n{t}"
    );
    assert!(!t.contains("▶ Wachtrij"));
    assert!(t.contains('┏'), "thick border on the focused pane");
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset, "NO_COLOR: no foreground colours");
        assert_eq!(cell.bg, Color::Reset, "NO_COLOR: no background colours");
    }
}

#[test]
fn help_overlay_lists_every_binding() {
    let mut s = sample_state();
    update(&mut s, &Ctx::nu(), Action::ToggleHelp);
    // Scroll through the whole overlay, collecting what is shown.
    let mut seen = String::new();
    for _ in 0..400 {
        seen.push_str(&text(&render(&s, 200, 60, COLOR)));
        update(&mut s, &Ctx::nu(), Action::ScrollDown);
    }
    for b in alle() {
        assert!(seen.contains(b.help), "help lacks '{}'", b.help);
        for k in b.keys {
            assert!(seen.contains(&k.label()), "help lacks key {}", k.label());
        }
    }
    // Every mode says how it takes typed text, as the key handling does.
    for mode in crate::app::keymap::help_volgorde() {
        if let Some(t) = crate::app::keymap::tekst_invoer(mode) {
            assert!(seen.contains(t.help), "help lacks the text of {mode:?}");
        }
    }
    assert!(seen.contains("tekens"));
}

#[test]
fn help_scrolls_at_80x24_until_the_last_line_is_shown() {
    let mut s = sample_state();
    update(&mut s, &Ctx::nu(), Action::ToggleHelp);
    let last = alle().last().unwrap().help;
    let first = text(&render(&s, 80, 24, COLOR));
    assert!(
        first.contains("↓ voor meer"),
        "says there is more:\n{first}"
    );
    for _ in 0..400 {
        update(&mut s, &Ctx::nu(), Action::ScrollDown);
    }
    let scrolled = text(&render(&s, 80, 24, COLOR));
    assert!(
        scrolled.contains(last),
        "last binding reachable:\n{scrolled}"
    );
    assert!(!scrolled.contains("voor meer"), "nothing more at the end");
}

#[test]
fn zoomed_pane_fills_the_body() {
    let mut s = sample_state();
    update(&mut s, &Ctx::nu(), Action::FocusPane(Pane::ZaakKlant));
    update(&mut s, &Ctx::nu(), Action::Open);
    let t = text(&render(&s, 80, 24, COLOR));
    assert!(t.contains("Zaak/Klant"));
    assert!(!t.contains("Wachtrij"), "other panes hidden while zoomed");
}

#[test]
fn first_run_form_and_its_error_are_shown() {
    let mut s = sample_state();
    s.session.medewerker = None;
    s.aanmelden.fase = crate::app::aanmelden::Fase::EersteAccount;
    s.profile_form = Some(crate::app::ProfileForm::default());
    update(&mut s, &Ctx::nu(), Action::Profiel(ProfielMsg::Submit));
    let t = text(&render(&s, 80, 24, COLOR));
    assert!(t.contains("Eerste keer: uw account"));
    assert!(t.contains("Vul uw naam in."), "{t}");
    assert!(
        !t.contains("Wachtrij"),
        "nothing of the desk behind it:\n{t}"
    );
    insta::assert_snapshot!("first_run_80x24", t);
}

#[test]
fn a_refused_database_is_explained() {
    let mut s = sample_state();
    update(
        &mut s,
        &Ctx::nu(),
        Action::StoreFailed("/tmp/x.db heeft schemaversie 9, nieuwer dan deze versie".into()),
    );
    let t = text(&render(&s, 80, 24, COLOR));
    assert!(t.contains("De database kan niet worden geopend"));
    assert!(t.contains("schemaversie 9"));
}

#[test]
fn the_search_field_draws_its_cursor_where_it_is() {
    use crate::app::text_field::Edit;
    let mut s = sample_state();
    update(
        &mut s,
        &Ctx::nu(),
        Action::FocusPane(crate::app::Pane::ZaakKlant),
    );
    for c in "Jan Vries".chars() {
        update(&mut s, &Ctx::nu(), Action::Zk(ZkMsg::ZoekChar(c)));
    }
    for _ in 0..5 {
        update(&mut s, &Ctx::nu(), Action::Zk(ZkMsg::Edit(Edit::Left)));
    }
    let t = text(&render(&s, 120, 40, NO_COLOR));
    assert!(t.contains("Zoek: Jan ▏Vries"), "{t}");
}

#[test]
fn readme_key_table_covers_every_binding() {
    let readme = include_str!("../../../README.md");
    for b in alle() {
        assert!(
            readme.contains(b.help),
            "README.md lacks the key '{}'",
            b.help
        );
    }
}

mod text_fields;
mod zaak_klant;

#[test]
fn the_registration_form_shows_counters_required_marks_and_the_deadline() {
    let mut s = sample_state();
    s.now = Local.with_ymd_and_hms(2026, 11, 20, 10, 0, 0).unwrap(); // a Friday
    update(&mut s, &Ctx::nu(), Action::Reg(RegMsg::Open));
    for c in "Paspoort aanvragen".chars() {
        update(&mut s, &Ctx::nu(), Action::Reg(RegMsg::Char(c)));
    }
    update(&mut s, &Ctx::nu(), Action::Reg(RegMsg::Verzoek));
    let t = text(&render(&s, 80, 24, COLOR));
    assert!(t.contains("Contactmoment registreren"), "{t}");
    assert!(t.contains("Onderwerp*:") && t.contains("18/200"), "{t}");
    assert!(t.contains("Toelichting*:"), "{t}");
    let t = text(&render(&s, 120, 40, COLOR));
    // Friday + 1 werkdag = Monday, 17:00.
    assert!(t.contains("uiterlijk ma"), "{t}");
    assert!(t.contains("17:00"), "{t}");
}

#[test]
fn a_kennisbank_article_marks_its_onderwatertekst_as_staff_only() {
    let mut s = sample_state();
    let kb = crate::kennisbank::laad(&[(
        "paspoort.md".into(),
        "+++\nid = \"paspoort\"\ntitel = \"Paspoort aanvragen\"\nsoort = \"product\"\nafdeling = \"Burgerzaken\"\n\
         knip = \"2e lijn op afspraak\"\nafhandeling = \"Afspraak maken\"\nkosten = \"€ 84,95 (voorbeeldbedrag)\"\n+++\n\
         ## Antwoord\nU maakt een afspraak.\n## Onderwatertekst\nAltijd op afspraak.\n"
            .into(),
    )]);
    update(&mut s, &Ctx::nu(), Action::Kb(KbMsg::Geladen(Box::new(kb))));
    update(&mut s, &Ctx::nu(), Action::FocusPane(Pane::Kennisbank));
    for c in "pasp".chars() {
        update(&mut s, &Ctx::nu(), Action::Kb(KbMsg::Char(c)));
    }
    update(&mut s, &Ctx::nu(), Action::Kb(KbMsg::Open));
    let t = text(&render(&s, 80, 24, COLOR));
    assert!(t.contains("Paspoort aanvragen"), "{t}");
    assert!(t.contains("ANTWOORD (voor de klant)"));
    assert!(
        t.contains("ONDERWATERTEKST — alleen voor medewerkers"),
        "{t}"
    );
    assert!(t.contains("│ Altijd op afspraak."));
    assert!(t.contains("voorbeeldbedrag"));
}

#[test]
fn a_beslisboom_is_walked_forward_and_back_to_an_afhandeling() {
    let mut s = sample_state();
    let tree = format!(
        "+++\nid = \"bb-verhuizing\"\ntitel = \"Beslisboom: verhuizing\"\nsoort = \"beslisboom\"\nafdeling = \"Burgerzaken\"\n\
         knip = \"1e lijn direct\"\nafhandeling = \"Volg de boom\"\nstart = \"a\"\n\n{}+++\n## Antwoord\nKies.\n## Onderwatertekst\nIntern.\n",
        crate::kennisbank::tests_support::GOEDE_BOOM
    );
    let paspoort = "+++\nid = \"paspoort\"\ntitel = \"Paspoort aanvragen\"\nsoort = \"product\"\nafdeling = \"Burgerzaken\"\n\
        knip = \"2e lijn op afspraak\"\nafhandeling = \"Afspraak\"\n+++\n## Antwoord\nTekst.\n## Onderwatertekst\nIntern.\n";
    let kb = crate::kennisbank::laad(&[
        ("bb-verhuizing.md".into(), tree),
        ("paspoort.md".into(), paspoort.into()),
    ]);
    assert!(kb.fouten.is_empty(), "{:?}", kb.fouten);
    update(&mut s, &Ctx::nu(), Action::Kb(KbMsg::Geladen(Box::new(kb))));
    update(&mut s, &Ctx::nu(), Action::FocusPane(Pane::Kennisbank));
    for c in "verhuiz".chars() {
        update(&mut s, &Ctx::nu(), Action::Kb(KbMsg::Char(c)));
    }
    update(&mut s, &Ctx::nu(), Action::Kb(KbMsg::Open));
    let t = text(&render(&s, 80, 24, COLOR));
    assert!(
        t.contains("Waarheen?") && t.contains("1 Binnen") && t.contains("2 Buitenland"),
        "{t}"
    );
    update(&mut s, &Ctx::nu(), Action::Kb(KbMsg::Keuze(1)));
    let t = text(&render(&s, 80, 24, COLOR));
    assert!(t.contains("1. Waarheen? → Binnen"), "path shown:\n{t}");
    assert!(t.contains("Wanneer?"), "{t}");
    update(&mut s, &Ctx::nu(), Action::Kb(KbMsg::StapTerug));
    let t = text(&render(&s, 80, 24, COLOR));
    assert!(
        t.contains("Waarheen?") && !t.contains("→ Binnen"),
        "went back:\n{t}"
    );
    update(&mut s, &Ctx::nu(), Action::Kb(KbMsg::Keuze(2)));
    let t = text(&render(&s, 80, 24, COLOR));
    assert!(
        t.contains("Afhandeling") && t.contains("Uitschrijven via de snelbalie"),
        "{t}"
    );
    // Ending on an article opens it and records it as a bron.
    update(&mut s, &Ctx::nu(), Action::Kb(KbMsg::StapTerug));
    update(&mut s, &Ctx::nu(), Action::Kb(KbMsg::Keuze(1)));
    let effects = update(&mut s, &Ctx::nu(), Action::Kb(KbMsg::Keuze(1)));
    let t = text(&render(&s, 80, 24, COLOR));
    assert!(
        t.contains("Paspoort aanvragen") && t.contains("Via Beslisboom: verhuizing"),
        "{t}"
    );
    assert_eq!(
        s.bronnen(),
        ["bb-verhuizing".to_string(), "paspoort".to_string()],
        "the beslisboom and the article it ended on are bronnen"
    );
    // And the article counts as opened in the content signals (not as a search of its own).
    assert_eq!(s.kennisbank.geopend.get("paspoort"), Some(&1));
    assert!(effects.iter().any(|e| matches!(
        e,
        crate::app::Effect::Kennisbank(crate::app::KbEffect::Log(l))
            if l.artikel.as_deref() == Some("paspoort") && l.vraag.is_empty() && l.aantal_treffers > 0
    )));
}

#[test]
fn a_deep_beslisboom_keeps_the_current_question_in_view_at_80x24() {
    let mut s = sample_state();
    // A chain of 40 questions, each with two keuzes: on to the next, or an afhandeling.
    let mut knopen = String::new();
    for i in 0..40 {
        let verder = if i == 39 {
            "afhandeling = \"Klaar\"".to_string()
        } else {
            format!("naar = \"k{}\"", i + 1)
        };
        knopen.push_str(&format!(
            "[[knoop]]\nid = \"k{i}\"\nvraag = \"Vraag nummer {i}?\"\nkeuzes = [\n  {{ tekst = \"Verder {i}\", {verder} }},\n  {{ tekst = \"Stop {i}\", afhandeling = \"Gestopt\" }},\n]\n\n"
        ));
    }
    let boom = format!(
        "+++\nid = \"bb-diep\"\ntitel = \"Beslisboom: diep\"\nsoort = \"beslisboom\"\nafdeling = \"Burgerzaken\"\n\
         knip = \"1e lijn direct\"\nafhandeling = \"Volg de boom\"\nstart = \"k0\"\n\n{knopen}+++\n## Antwoord\nKies.\n## Onderwatertekst\nIntern.\n"
    );
    let kb = crate::kennisbank::laad(&[("bb-diep.md".into(), boom)]);
    assert!(kb.fouten.is_empty(), "{:?}", kb.fouten);
    update(&mut s, &Ctx::nu(), Action::Kb(KbMsg::Geladen(Box::new(kb))));
    update(&mut s, &Ctx::nu(), Action::FocusPane(Pane::Kennisbank));
    for c in "diep".chars() {
        update(&mut s, &Ctx::nu(), Action::Kb(KbMsg::Char(c)));
    }
    update(&mut s, &Ctx::nu(), Action::Kb(KbMsg::Open));
    for _ in 0..35 {
        update(&mut s, &Ctx::nu(), Action::Kb(KbMsg::Keuze(1)));
    }
    let t = text(&render(&s, 80, 24, COLOR));
    assert!(
        t.contains("Vraag nummer 35?") && t.contains("1 Verder 35") && t.contains("2 Stop 35"),
        "the current question is out of view:\n{t}"
    );
    assert!(t.contains("eerdere stappen"), "{t}");
    assert!(
        t.contains("35. Vraag nummer 34? → Verder 34"),
        "the last step is shown:\n{t}"
    );
}

fn paspoort_kb() -> crate::kennisbank::Kennisbank {
    crate::kennisbank::laad(&[
        (
            "paspoort.md".into(),
            "+++\nid = \"paspoort\"\ntitel = \"Paspoort aanvragen\"\nsoort = \"product\"\nafdeling = \"Burgerzaken\"\n\
             knip = \"2e lijn op afspraak\"\nafhandeling = \"Afspraak maken\"\n+++\n\
             ## Antwoord\nU maakt een afspraak.\n## Onderwatertekst\nAltijd op afspraak.\n"
                .into(),
        ),
        (
            "afval.md".into(),
            "+++\nid = \"afval\"\ntitel = \"Afvalkalender\"\nsoort = \"product\"\nafdeling = \"Openbare Ruimte\"\n\
             knip = \"1e lijn direct\"\nafhandeling = \"Direct\"\n+++\n## Antwoord\nDe kalender.\n## Onderwatertekst\nIntern.\n"
                .into(),
        ),
    ])
}

#[test]
fn kennisbank_hits_show_soort_knip_afdeling_and_a_preview_of_the_selection() {
    let mut s = sample_state();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kb(KbMsg::Geladen(Box::new(paspoort_kb()))),
    );
    update(&mut s, &Ctx::nu(), Action::FocusPane(Pane::Kennisbank));
    update(&mut s, &Ctx::nu(), Action::Open);
    for c in "pasp".chars() {
        update(&mut s, &Ctx::nu(), Action::Kb(KbMsg::Char(c)));
    }
    let t = text(&render(&s, 120, 40, COLOR));
    assert!(
        t.contains("product · 2e lijn op afspraak · Burgerzaken"),
        "{t}"
    );
    assert!(t.contains("U maakt een afspraak."), "preview:\n{t}");
    update(&mut s, &Ctx::nu(), Action::Kb(KbMsg::Filter(true)));
    let t = text(&render(&s, 120, 40, COLOR));
    assert!(t.contains("Filter: afdeling Publiekscentrum (KCC)"), "{t}");
    assert!(t.contains("niets gevonden"), "{t}");
}

#[test]
fn the_flag_form_shows_the_reasons_the_note_and_its_error() {
    let mut s = sample_state();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kb(KbMsg::Geladen(Box::new(paspoort_kb()))),
    );
    update(&mut s, &Ctx::nu(), Action::FocusPane(Pane::Kennisbank));
    for c in "pasp".chars() {
        update(&mut s, &Ctx::nu(), Action::Kb(KbMsg::Char(c)));
    }
    update(&mut s, &Ctx::nu(), Action::Kb(KbMsg::Open));
    update(&mut s, &Ctx::nu(), Action::Kb(KbMsg::Melden));
    update(&mut s, &Ctx::nu(), Action::Kb(KbMsg::MeldingOpslaan));
    let t = text(&render(&s, 80, 24, COLOR));
    assert!(
        t.contains("Artikel melden aan de redactie: Paspoort aanvragen"),
        "{t}"
    );
    assert!(
        t.contains("(•) klopt niet") && t.contains("( ) verouderd"),
        "{t}"
    );
    assert!(t.contains("Schrijf kort op wat er niet klopt"), "{t}");
}

#[test]
fn the_search_statistics_list_misses_opens_never_opened_and_flags() {
    let mut s = sample_state();
    s.session.medewerker.as_mut().unwrap().rol = Rol::Supervisor;
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kb(KbMsg::Geladen(Box::new(paspoort_kb()))),
    );
    update(&mut s, &Ctx::nu(), Action::FocusPane(Pane::Kennisbank));
    let supervisor = Ctx::nu().met(s.session.medewerker.clone());
    update(&mut s, &supervisor, Action::Kb(KbMsg::StatistiekOpenen));
    let t = text(&render(&s, 120, 40, COLOR));
    assert!(t.contains("Wordt geladen"), "{t}");
    use crate::domain::kennisbank::{KbStatistiek, MeldingRegel, MeldingSoort};
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kb(KbMsg::StatistiekGeladen(Box::new(KbStatistiek {
            zoekacties: 40,
            zonder_treffers: 10,
            zonder_resultaat: vec![("zwemles".into(), 7)],
            meest_gezocht: vec![("paspoort".into(), 12)],
            meest_geopend: vec![("paspoort".into(), 9)],
            geopende_artikelen: vec!["paspoort".into()],
            meldingen: vec![MeldingRegel {
                op: chrono::Utc::now(),
                artikel: "paspoort".into(),
                soort: MeldingSoort::Verouderd,
                toelichting: "leges 2027".into(),
                medewerker: "Sanne".into(),
            }],
        }))),
    );
    let t = text(&render(&s, 120, 40, COLOR));
    for want in [
        "40 zoekacties, 10 zonder resultaat (25%)",
        "7×  zwemles",
        "12×  paspoort",
        "9×  Paspoort aanvragen",
        "Nooit geopend (1)",
        "Afvalkalender",
        "Paspoort aanvragen · verouderd: leges 2027 (Sanne)",
    ] {
        assert!(t.contains(want), "missing {want:?}:\n{t}");
    }
}

#[test]
fn the_queue_shows_waiting_times_against_the_norm_with_symbols_known_callers_and_fallback() {
    use crate::telefonie::TelEvent;
    let mut s = sample_state();
    // The desk's own (pinned) clock: the view reads times at the later of it and the source's.
    let nu = s.now.with_timezone(&chrono::Utc);
    let binnen = |id: &str, nummer: &str, secs: i64, terugval: bool| TelEvent::Binnen {
        id: id.into(),
        linkedid: None,
        nummer: nummer.into(),
        keuze: "Burgerzaken".into(),
        terugval,
        sinds: nu - chrono::Duration::seconds(secs),
    };
    update(
        &mut s,
        &Ctx::nu(),
        Action::Tel(TelMsg::Events {
            nu,
            events: vec![
                TelEvent::Verbinding(true),
                binnen("a", "0611111111", 45, false),
                binnen("b", "0622222222", 20, true),
                binnen("c", "0633333333", 5, false),
            ],
        }),
    );
    update(
        &mut s,
        &Ctx::nu(),
        Action::Tel(TelMsg::NummerHerkend {
            nummer: "0622222222".into(),
            beller: Some((Uuid::nil(), "Jan de Vries".into())),
        }),
    );
    update(&mut s, &Ctx::nu(), Action::Tel(TelMsg::Beschikbaar));
    for (w, h) in [(80, 24), (120, 40)] {
        let t = text(&render(&s, w, h, NO_COLOR));
        assert!(
            t.contains("☎ 3 wachtend · langste 00:45 ✖"),
            "{w}x{h}:\n{t}"
        );
        assert!(t.contains("SL - ≤30s"), "{w}x{h}:\n{t}");
        assert!(
            t.contains("00:45 ✖") && t.contains("00:20 ▲ ↩") && t.contains("00:05 ✓"),
            "{t}"
        );
        assert!(t.contains("☎ beschikbaar"), "status bar:\n{t}");
        if w >= 120 {
            assert!(t.contains("Jan de Vries"), "{t}");
        }
    }
}

fn dag_afspraak(
    uur: u32,
    product: &str,
    klant: &str,
    balie: &str,
    medewerker: &str,
    status: &str,
) -> crate::domain::klantgeleiding::DagAfspraak {
    let begin = Local
        .with_ymd_and_hms(2026, 11, 23, uur, 0, 0)
        .unwrap()
        .with_timezone(&chrono::Utc);
    crate::domain::klantgeleiding::DagAfspraak {
        id: Uuid::from_u128(u128::from(uur)),
        begin_op: begin,
        eind_op: begin + chrono::Duration::minutes(15),
        medewerker: Some(medewerker.into()),
        product: product.into(),
        locatie: balie.into(),
        partij_id: None,
        klant: klant.into(),
        status: status.into(),
    }
}

#[test]
fn the_day_agenda_fits_80_columns_and_switches_between_balies_and_medewerkers() {
    let mut s = sample_state();
    update(&mut s, &Ctx::nu(), Action::FocusPane(Pane::Klantgeleiding));
    update(&mut s, &Ctx::nu(), Action::Kg(KgMsg::Agenda));
    let dag = s.now.date_naive();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::AgendaGeladen(
            dag,
            vec![
                dag_afspraak(
                    9,
                    "Aanvraag paspoort of ID-kaart",
                    "Jan de Vries",
                    "Balie 1",
                    "Tess Bakker",
                    "aanwezig",
                ),
                dag_afspraak(
                    10,
                    "Aanvraag rijbewijs",
                    "Fatima el Amrani",
                    "Balie 1",
                    "Tess Bakker",
                    "gepland",
                ),
                dag_afspraak(
                    11,
                    "Kwijtschelding en betalingsregeling",
                    "Piet Jansen",
                    "Spreekkamer 2",
                    "Tess Bakker",
                    "no_show",
                ),
            ],
        )),
    );
    let t = text(&render(&s, 80, 24, NO_COLOR));
    assert!(t.contains("Dagagenda ma 23-11-2026 · Balie 1 (1/3)"), "{t}");
    assert!(t.contains("09:00–09:15"), "{t}");
    assert!(t.contains("aanwezig ✓"), "{t}");
    // At 80 columns long names are cut with …; 10:00 is still to come at 09:41: plain "gepland".
    assert!(t.contains("Fatima el A…") && t.contains("gepland "), "{t}");
    assert!(!t.contains("Piet Jansen"), "another balie's afspraak: {t}");
    // → Spreekkamer 2, → the medewerker: all three, with where they are.
    update(&mut s, &Ctx::nu(), Action::Kg(KgMsg::AgendaBron(1)));
    let t = text(&render(&s, 80, 24, NO_COLOR));
    assert!(
        t.contains("Piet Jansen") && t.contains("niet gekomen ✖"),
        "{t}"
    );
    update(&mut s, &Ctx::nu(), Action::Kg(KgMsg::AgendaBron(1)));
    let t = text(&render(&s, 80, 24, NO_COLOR));
    assert!(t.contains("medewerker Tess Bakker"), "{t}");
    assert!(t.contains("Spreekkamer 2") && t.contains("Balie 1"), "{t}");
    // Every row stays within the pane: the status is not cut off at 80 columns.
    assert!(t.contains("niet gekomen ✖"), "{t}");
}

#[test]
fn the_till_window_lists_payments_totals_and_asks_before_closing_at_80x24() {
    use crate::domain::kas::{Betaling, Methode};
    let mut s = sample_state();
    s.klantgeleiding.balie = Some("Snelbalie 1".into());
    update(&mut s, &Ctx::nu(), Action::FocusPane(Pane::Klantgeleiding));
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kas(KasMsg::Open(VensterSoort::Kas)),
    );
    let dag = s.now.date_naive();
    let betaling = |n: i64, product: &str, cent: i64, methode: Methode| Betaling {
        meta: crate::domain::RecordMeta::new(chrono::Utc::now(), Uuid::nil()),
        balie: "Snelbalie 1".into(),
        dag,
        volgnummer: n,
        bonnummer: crate::domain::kas::bonnummer("Snelbalie 1", dag, n),
        product: product.into(),
        bedrag_cent: cent,
        methode,
        medewerker: "Sietske Postma".into(),
        bezoek_id: None,
        partij_id: None,
        correctie_van: None,
        reden: None,
    };
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kas(KasMsg::Kasdag(Box::new(crate::store::kas::Kasdag {
            betalingen: vec![
                betaling(1, "Paspoort", 8035, Methode::Pin),
                betaling(2, "Uittreksel BRP", 1530, Methode::Contant),
            ],
            opmaak: None,
        }))),
    );
    let t = text(&render(&s, 80, 24, NO_COLOR));
    assert!(t.contains("Kas Snelbalie 1"), "{t}");
    assert!(
        t.contains("001") && t.contains("€ 80,35") && t.contains("pin"),
        "{t}"
    );
    assert!(
        t.contains("Totaal: contant € 15,30 · pin € 80,35 · 2 regels"),
        "{t}"
    );
    for c in "15".chars() {
        update(&mut s, &Ctx::nu(), Action::Kas(KasMsg::Char(c)));
    }
    update(&mut s, &Ctx::nu(), Action::Kas(KasMsg::Enter));
    let t = text(&render(&s, 80, 24, NO_COLOR));
    assert!(t.contains("Verschil -€ 0,30"), "{t}");
    // A payment form: the method shown in brackets, switched with the arrows.
    update(&mut s, &Ctx::nu(), Action::Kas(KasMsg::Close));
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kas(KasMsg::Open(VensterSoort::Betaling)),
    );
    update(&mut s, &Ctx::nu(), Action::Kas(KasMsg::Toggle));
    let t = text(&render(&s, 80, 24, NO_COLOR));
    assert!(t.contains("Betaling · Snelbalie 1"), "{t}");
    assert!(t.contains("[contant]  pin"), "{t}");
}

#[test]
fn a_call_waiting_for_the_servers_verdict_shows_no_number_at_80x24() {
    let mut s = sample_state();
    s.klantgeleiding.balie = Some("Balie 2".into());
    update(&mut s, &Ctx::nu(), Action::FocusPane(Pane::Klantgeleiding));
    let nu = chrono::Utc::now();
    let b = crate::domain::klantgeleiding::Bezoek {
        meta: crate::domain::RecordMeta::new(nu, Uuid::nil()),
        dag: nu.date_naive(),
        locatie: "Stadskantoor".into(),
        nummer: "S-009".into(),
        volgnummer: 9,
        dienst: "Ophalen".into(),
        partij_id: None,
        aangekomen_op: nu,
        opgeroepen_op: Some(nu),
        oproepen: 1,
        balie: Some("Balie 2".into()),
        geholpen_op: None,
        klaar_op: None,
        status: crate::domain::klantgeleiding::OPGEROEPEN.into(),
        afspraak_id: None,
        afspraak_op: None,
    };
    s.klantgeleiding.beslissing = Some(crate::app::klantgeleiding::Beslissing {
        bezoek: b.clone(),
        voor: String::new(),
    });
    let t = text(&render(&s, 80, 24, NO_COLOR));
    assert!(t.contains("Oproepen… de server beslist"), "{t}");
    assert!(
        !t.contains("S-009"),
        "not announced before the verdict: {t}"
    );
    // Once accepted the pane shows the visitor in hand.
    s.klantgeleiding.beslissing = None;
    s.klantgeleiding.opgeroepen(b);
    let t = text(&render(&s, 80, 24, NO_COLOR));
    assert!(t.contains("Opgeroepen: S-009"), "{t}");
    assert!(!t.contains("de server beslist"), "{t}");
}

#[test]
fn visitors_in_the_building_are_listed_with_company_and_host() {
    let mut s = sample_state();
    update(&mut s, &Ctx::nu(), Action::FocusPane(Pane::Klantgeleiding));
    let bezoeker = crate::domain::klantgeleiding::Bezoeker {
        meta: crate::domain::RecordMeta::new(chrono::Utc::now(), Uuid::nil()),
        locatie: "Stadskantoor".into(),
        dag: s.now.date_naive(),
        naam: "Kim Peters".into(),
        voor_wie: "Team ICT".into(),
        bedrijf: Some("Storingsdienst BV".into()),
        binnen_op: chrono::Utc::now(),
        buiten_op: None,
    };
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kas(KasMsg::InGebouw(vec![bezoeker])),
    );
    let t = text(&render(&s, 80, 24, NO_COLOR));
    assert!(t.contains("In het gebouw: 1 (u)"), "{t}");
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kas(KasMsg::Open(VensterSoort::Gebouw)),
    );
    let t = text(&render(&s, 80, 24, NO_COLOR));
    assert!(
        t.contains("Kim Peters (Storingsdienst BV) → Team ICT"),
        "{t}"
    );
}

fn sync_bericht(
    indicator: crate::sync::SyncIndicator,
    wachtend: i64,
    laatst_ok: Option<chrono::DateTime<chrono::Utc>>,
    fout: Option<&str>,
) -> Action {
    Action::Sync(Box::new(crate::sync::SyncBericht {
        indicator,
        wachtend,
        laatst_ok,
        fout: fout.map(String::from),
        ..Default::default()
    }))
}

/// The status bar tells the truth at 80x24: waiting changes, the last success, offline only
/// when the server cannot be reached, and a fault in Dutch when it refuses.
#[test]
fn the_sync_state_fits_the_status_bar_at_80_columns() {
    use crate::sync::SyncIndicator as I;
    let mut s = sample_state();
    let nu = s.now.with_timezone(&chrono::Utc);
    let twee_min = Some(nu - chrono::Duration::minutes(2));
    let bar = |s: &State| {
        let t = text(&render(s, 80, 24, NO_COLOR));
        t.lines().take(2).collect::<Vec<_>>().join("\n")
    };
    update(
        &mut s,
        &Ctx::nu(),
        sync_bericht(I::Offline, 12, twee_min, Some("server onbereikbaar")),
    );
    let t = bar(&s);
    assert!(
        t.contains("offline: server onbereikbaar, 12 wachtend (laatst 2 min)"),
        "{t}"
    );
    // Reachable but refusing: the fault, not "offline"; what waits comes first, a long
    // message is cut to the bar.
    update(
        &mut s,
        &Ctx::nu(),
        sync_bericht(
            I::Fout,
            3,
            twee_min,
            Some("de gedeelde database is niet (bij)gewerkt: loket server init (SQLSTATE 42883)"),
        ),
    );
    let t = bar(&s);
    assert!(t.contains("fout, 3 wachtend: de gedeelde database"), "{t}");
    assert!(!t.contains("offline"), "{t}");
    assert!(t.lines().all(|r| r.chars().count() <= 80), "{t}");
    // A round succeeded but changes made meanwhile wait: never "gesynchroniseerd".
    update(
        &mut s,
        &Ctx::nu(),
        sync_bericht(
            I::Gesynchroniseerd,
            3,
            Some(nu - chrono::Duration::seconds(4)),
            None,
        ),
    );
    let t = bar(&s);
    assert!(t.contains("3 wachtend (laatst 4 s)"), "{t}");
    assert!(!t.contains("gesynchroniseerd"), "{t}");
    update(
        &mut s,
        &Ctx::nu(),
        sync_bericht(
            I::Gesynchroniseerd,
            0,
            Some(nu - chrono::Duration::seconds(3)),
            None,
        ),
    );
    assert!(bar(&s).contains("gesynchroniseerd 3 s"), "{}", bar(&s));
}

mod vloer;

/// `--demo`: once the demo person signed out, the sign-in screen says which logins there are
/// (all with password demo), so a trainer is never stuck at it.
#[test]
fn the_demos_sign_in_screen_names_its_logins() {
    let mut s = sample_state();
    s.aanmelden.fase = crate::app::aanmelden::Fase::Aanmelden;
    update(
        &mut s,
        &Ctx::nu(),
        Action::Aanmelden(crate::app::aanmelden::AanmeldMsg::Voorbeelden(vec![
            ("h.bos".into(), "medewerker".into()),
            ("e.vanleeuwen".into(), "supervisor".into()),
        ])),
    );
    let t = text(&render(&s, 80, 24, NO_COLOR));
    assert!(
        t.contains("Demo: wachtwoord demo, bijv. h.bos (medewerker),"),
        "{t}"
    );
    assert!(
        t.contains("e.vanleeuwen") && t.contains("(supervisor)"),
        "{t}"
    );
}
