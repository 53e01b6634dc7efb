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
use crate::app::{Action, Ctx, Session, keymap::BINDINGS, update};
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
        false,
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

fn render(state: &State, w: u16, h: u16, theme: Theme) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| draw(f, state, &theme)).unwrap();
    terminal.backend().buffer().clone()
}

fn text(buf: &Buffer) -> String {
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
    for b in BINDINGS {
        assert!(seen.contains(b.help), "help lacks '{}'", b.help);
        for k in b.keys {
            assert!(seen.contains(&k.label()), "help lacks key {}", k.label());
        }
    }
}

#[test]
fn help_scrolls_at_80x24_until_the_last_line_is_shown() {
    let mut s = sample_state();
    update(&mut s, &Ctx::nu(), Action::ToggleHelp);
    let last = BINDINGS.last().unwrap().help;
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
    s.profile_form = Some(crate::app::ProfileForm::default());
    update(&mut s, &Ctx::nu(), Action::Profiel(ProfielMsg::Submit));
    let t = text(&render(&s, 80, 24, COLOR));
    assert!(t.contains("nog niet aangemeld"));
    assert!(t.contains("Eerste keer: uw gegevens"));
    assert!(t.contains("Vul uw naam in."), "{t}");
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
fn readme_key_table_covers_every_binding() {
    let readme = include_str!("../../README.md");
    for b in BINDINGS {
        assert!(
            readme.contains(b.help),
            "README.md lacks the key '{}'",
            b.help
        );
    }
}

mod zaak_klant {
    use super::*;
    use crate::domain::klant::{ContactRegel, KlantTreffer, Klantbeeld, SoortPartij};
    use crate::domain::zaak::{StatusRegel, Vertrouwelijkheid, ZaakDetail};
    use crate::store::lookup::Treffer;
    use chrono::{NaiveDate, Utc};

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
                begin_op: chrono::Utc
                    .with_ymd_and_hms(2026, 11, 26, 9, 15, 0)
                    .unwrap(),
                eind_op: chrono::Utc
                    .with_ymd_and_hms(2026, 11, 26, 9, 30, 0)
                    .unwrap(),
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
}

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
    update(&mut s, &Ctx::nu(), Action::Kb(KbMsg::StatistiekOpenen));
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
    let nu = chrono::Utc::now();
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

#[test]
fn the_sync_state_fits_the_status_bar_at_80_columns() {
    let mut s = sample_state();
    let nu = s.now.with_timezone(&chrono::Utc);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Sync(Box::new(crate::sync::SyncBericht {
            indicator: crate::sync::SyncIndicator::Offline,
            wachtend: 12,
            laatst_ok: Some(nu - chrono::Duration::minutes(2)),
            fout: Some("connection refused".into()),
            geweigerd: Vec::new(),
            tabellen: Vec::new(),
            opnieuw_aanbieden: None,
            oproep_geweigerd: Vec::new(),
            oproep_toegepast: Vec::new(),
        })),
    );
    let t = text(&render(&s, 80, 24, NO_COLOR));
    assert!(
        t.contains("offline - 12 wijzigingen wachten (laatst 2 min geleden)"),
        "{t}"
    );
    update(
        &mut s,
        &Ctx::nu(),
        Action::Sync(Box::new(crate::sync::SyncBericht {
            indicator: crate::sync::SyncIndicator::Gesynchroniseerd,
            wachtend: 0,
            laatst_ok: Some(nu - chrono::Duration::seconds(3)),
            fout: None,
            geweigerd: Vec::new(),
            tabellen: Vec::new(),
            opnieuw_aanbieden: None,
            oproep_geweigerd: Vec::new(),
            oproep_toegepast: Vec::new(),
        })),
    );
    let t = text(&render(&s, 80, 24, NO_COLOR));
    assert!(t.contains("gesynchroniseerd 3 s"), "{t}");
}

fn vloer_voorbeeld() -> crate::store::vloer::Vloer {
    let nu = Local
        .with_ymd_and_hms(2026, 11, 23, 10, 30, 0)
        .unwrap()
        .with_timezone(&chrono::Utc);
    let mut v = crate::store::vloer::Vloer {
        binnen_30_min: 60,
        agents: vec![crate::store::vloer::Agent {
            naam: "Eva Bakker".into(),
            status: "in_gesprek".into(),
            sinds: nu - chrono::Duration::seconds(95),
            gesprekken: 14,
            contacten: 17,
            aht: Some(310.0),
            bezetting: Some(82.0),
        }],
        balie_wachtend: vec![("Ophalen reisdocument".into(), 3, 1200, 900)],
        verzoeken: vec![("Belastingen".into(), 10, 2, 4)],
        doorverbindingen: vec![
            ("Belastingen".into(), 3, 1, 40.0),
            ("Piet Bakker".into(), 1, 0, 12.0),
        ],
        terugval: 2,
        fcr_vandaag: Some(84.0),
        fcr_maand: Some(76.0),
        top_onderwerpen: vec![("Paspoort".into(), 12)],
        zonder_resultaat: vec![("parkeervergunning".into(), 3)],
        te_laat: vec![(
            "Belastingen".into(),
            "terugbellen over aanslag".into(),
            nu - chrono::Duration::hours(26),
        )],
        ..Default::default()
    };
    v.telefoon.aangeboden = 40;
    v.telefoon.beantwoord = 36;
    v.telefoon.verlaten = 4;
    v.telefoon.servicelevel = Some(65.0);
    v.telefoon.verlaten_pct = Some(10.0);
    v.telefoon.gemiddelde_wachttijd = Some(41.0);
    v.telefoon.gemiddelde_afhandeltijd = Some(300.0);
    v.telefoon.langste_wachttijd = 75;
    v.telefoon.langste_nu = 75;
    v.telefoon.wachtend = 5;
    v.telefoon.per_uur[9] = 30;
    v.telefoon.per_uur[10] = 10;
    v
}

fn vloer_tekst(w: u16, h: u16) -> String {
    vloer_tekst_van(&vloer_voorbeeld(), w, h)
}

fn vloer_tekst_van(v: &crate::store::vloer::Vloer, w: u16, h: u16) -> String {
    let nu = Local
        .with_ymd_and_hms(2026, 11, 23, 10, 30, 0)
        .unwrap()
        .with_timezone(&chrono::Utc);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| {
            crate::ui::vloer::render(
                f,
                f.area(),
                v,
                &crate::ui::vloer::Normen::default(),
                &Default::default(),
                "Gemeente Lindewaard",
                nu,
                &NO_COLOR,
            )
        })
        .unwrap();
    text(terminal.backend().buffer())
}

#[test]
fn the_floor_shows_each_queue_apart_when_several_desks_run_a_simulator() {
    use crate::store::gesprekken::Wachtrij;
    let q = |naam: &str, desk: Option<u128>, wachtend: u32, langste_s: i64| Wachtrij {
        simulator_desk: desk.map(uuid::Uuid::from_u128),
        naam: naam.into(),
        wachtend,
        langste_s,
    };
    let mut v = vloer_voorbeeld();
    // One queue: the total line says it all.
    v.wachtrijen = vec![q("telefooncentrale", None, 5, 75)];
    assert!(!vloer_tekst_van(&v, 200, 60).contains("telefooncentrale"));
    v.wachtrijen = vec![
        q("demo Kees de Boer", Some(2), 3, 75),
        q("demo Linda Smit", Some(3), 2, 12),
    ];
    let t = vloer_tekst_van(&v, 200, 60);
    assert!(t.contains("demo Kees de Boer: 3 · 01:15"), "{t}");
    assert!(t.contains("demo Linda Smit: 2 · 00:12"), "{t}");
    // At 80x24 the tile has room for the total and the longest-waiting queue; it says how
    // many lines more there are rather than cutting them off silently.
    let t = vloer_tekst_van(&v, 80, 24);
    assert!(t.contains("demo Kees de Boer: 3 · 01:15"), "{t}");
    assert!(t.contains("meer"), "{t}");
}

#[test]
fn the_floor_view_shows_every_tile_with_its_norm_and_the_staffing_advice() {
    for (w, h) in [(80, 24), (200, 60)] {
        let t = vloer_tekst(w, h);
        for tegel in [
            "Telefoon",
            "Medewerkers",
            "Balie",
            "Afspraken vandaag",
            "Contactverzoeken",
            "Eerste lijn",
            "Kennisbank",
        ] {
            assert!(t.contains(tegel), "{w}x{h} lacks {tegel}:\n{t}");
        }
        // 65% against 80% within 30 s: breached, said in the banner with its norm; on a narrow
        // screen how many, never a breach cut in half.
        if w >= 200 {
            assert!(
                t.contains("✖ servicelevel 65% < norm 80% (≤ 30 s) · 4 contactverzoeken te laat"),
                "{t}"
            );
        } else {
            assert!(t.contains("✖ 3 normen overschreden"), "{t}");
        }
        let alarm = crate::ui::vloer::overschreden(
            &vloer_voorbeeld(),
            &crate::ui::vloer::Normen::default(),
        );
        assert_eq!(
            alarm,
            vec![
                "servicelevel 65% < norm 80% (≤ 30 s)".to_string(),
                "4 contactverzoeken te laat".to_string(),
                "balie Ophalen reisdocument: 20 min wachten".to_string()
            ]
        );
        // 120 calls an hour of 300 s = 10 Erlangs: 14 needed for 80/30, 1 logged in.
        assert!(
            t.contains("Advies: 13 medewerkers extra op telefoon tot 11:00"),
            "{t}"
        );
        assert!(t.contains("te laat 4 ✖"), "{t}");
    }
    let groot = vloer_tekst(200, 60);
    assert!(
        groot.contains("Servicelevel 65% ✖ (norm 80% ≤ 30 s)"),
        "{groot}"
    );
    assert!(
        groot.contains("Eva Bakker · in gesprek 01:35 · 14 gespr · 82%"),
        "{groot}"
    );
    assert!(
        groot.contains("Vandaag 84% ✓ · maand 76% ▲ (norm 80%)"),
        "{groot}"
    );
    // The back office's pick-up of transfers: (3 × 40 + 12) / 4 = 33 s.
    assert!(
        groot.contains("Doorverbonden 4 · opname gem. 00:33"),
        "{groot}"
    );
    assert!(groot.contains("Niet opgenomen 1 · terugval 2"), "{groot}");
    assert!(
        groot.contains("Ophalen reisdocument: 3 · 20:00 ✖ · verw. 15:00"),
        "{groot}"
    );
}

#[test]
fn a_chosen_tile_shows_its_rows_and_the_agents_sort() {
    let mut s = sample_state();
    s.session.medewerker = Some(crate::config::MedewerkerProfiel {
        id: Uuid::nil(),
        naam: "Rianne van der Meer".into(),
        rol: Rol::Supervisor,
        afdeling: None,
    });
    update(&mut s, &Ctx::nu(), Action::Resize(80, 24));
    // Opened in the middle of a wrap-up: the floor lies over the form until it is closed.
    update(&mut s, &Ctx::nu(), Action::Reg(RegMsg::Open));
    assert!(s.registratie.is_some());
    update(&mut s, &Ctx::nu(), Action::Vloer(VloerMsg::Toggle));
    let mut v = vloer_voorbeeld();
    v.agents.push(crate::store::vloer::Agent {
        naam: "Adam Yilmaz".into(),
        status: "beschikbaar".into(),
        sinds: chrono::Utc::now(),
        gesprekken: 3,
        contacten: 5,
        aht: None,
        bezetting: Some(20.0),
    });
    update(
        &mut s,
        &Ctx::nu(),
        Action::Vloer(VloerMsg::Geladen(Box::new(v))),
    );
    let t = text(&render(&s, 80, 24, NO_COLOR));
    assert!(
        t.contains("▶ Telefoon · Enter"),
        "the first tile is chosen:\n{t}"
    );
    assert!(!t.contains("Contactmoment registreren"), "{t}");
    // Two columns at 80: down twice is Contactverzoeken; Enter shows the overdue ones.
    update(&mut s, &Ctx::nu(), Action::Vloer(VloerMsg::Move(0, 1)));
    update(&mut s, &Ctx::nu(), Action::Vloer(VloerMsg::Move(0, 1)));
    update(&mut s, &Ctx::nu(), Action::Vloer(VloerMsg::Detail));
    let t = text(&render(&s, 80, 24, NO_COLOR));
    assert!(t.contains("Contactverzoeken · Enter of Esc terug"), "{t}");
    assert!(
        t.contains("Belastingen") && t.contains("u te laat  terugbellen over aanslag"),
        "{t}"
    );
    // The agents: by name first, by calls after two presses of s.
    update(&mut s, &Ctx::nu(), Action::Vloer(VloerMsg::Detail));
    update(&mut s, &Ctx::nu(), Action::Vloer(VloerMsg::Move(0, -2)));
    update(&mut s, &Ctx::nu(), Action::Vloer(VloerMsg::Move(1, 0)));
    update(&mut s, &Ctx::nu(), Action::Vloer(VloerMsg::Detail));
    let t = text(&render(&s, 80, 24, NO_COLOR));
    assert!(
        t.find("Adam Yilmaz").unwrap() < t.find("Eva Bakker").unwrap(),
        "{t}"
    );
    update(&mut s, &Ctx::nu(), Action::Vloer(VloerMsg::Sorteer));
    update(&mut s, &Ctx::nu(), Action::Vloer(VloerMsg::Sorteer));
    let t = text(&render(&s, 80, 24, NO_COLOR));
    assert!(t.contains("s sorteert (gesprekken)"), "{t}");
    assert!(
        t.find("Eva Bakker").unwrap() < t.find("Adam Yilmaz").unwrap(),
        "{t}"
    );
    // Closing the floor brings the wrap-up back as it was.
    update(&mut s, &Ctx::nu(), Action::Vloer(VloerMsg::Toggle));
    let t = text(&render(&s, 80, 24, NO_COLOR));
    assert!(t.contains("Contactmoment registreren"), "{t}");
}

#[test]
fn training_shows_its_badge_the_words_of_the_case_and_the_review() {
    let mut s = sample_state();
    let scenario = crate::domain::training::parse(
        "eerste-dag.toml",
        crate::domain::training::INGEBOUWD[0].1,
        &Default::default(),
    )
    .unwrap();
    let mut tr = crate::app::training::Training::new(scenario, "Sanne".into());
    tr.klanten_gevonden(&[], chrono::Utc::now());
    tr.verbonden("training-paspoort-verlopen", chrono::Utc::now());
    s.training = Some(tr);
    for (w, h) in [(80, 24), (120, 40)] {
        let t = text(&render(&s, w, h, NO_COLOR));
        assert!(t.contains("TRAINING 0/3"), "{t}");
        assert!(t.contains("Jan de Vries zegt"), "{t}");
        assert!(t.contains("paspoort is verlopen"), "{t}");
    }
    let b = crate::domain::training::Beoordeling {
        trainee: "Sanne".into(),
        scenario: "eerste-dag".into(),
        titel: "Eerste dag".into(),
        gestart_op: chrono::Utc::now(),
        afgerond_op: chrono::Utc::now(),
        gevallen: vec![],
    };
    update(
        &mut s,
        &Ctx::nu(),
        Action::Training(TrainingMsg::Beoordeeld(Box::new(b))),
    );
    assert_eq!(s.mode(), crate::app::keymap::Mode::TrainingBeoordeling);
    let t = text(&render(&s, 80, 24, NO_COLOR));
    assert!(
        t.contains("Beoordeling") && t.contains("Nog niets te beoordelen"),
        "{t}"
    );
    update(
        &mut s,
        &Ctx::nu(),
        Action::Training(TrainingMsg::Beoordeling),
    );
    let t = text(&render(&s, 80, 24, NO_COLOR));
    assert!(!t.contains("Nog niets te beoordelen"), "closed:\n{t}");
}

/// Issue 16: a draft's question that arrived under the training review was drawn beneath it but
/// took its keys, so the Esc meant for the review threw the draft away. The overlay on top takes
/// the keys and is drawn on top, in whichever order they open.
#[test]
fn the_overlay_on_top_is_the_one_drawn_on_top_and_the_one_the_keys_reach() {
    use crate::app::keymap::Mode;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let scenario = crate::domain::training::parse(
        "eerste-dag.toml",
        crate::domain::training::INGEBOUWD[0].1,
        &Default::default(),
    )
    .unwrap();
    let beoordeling = || {
        Box::new(crate::domain::training::Beoordeling {
            trainee: "Sanne".into(),
            scenario: "eerste-dag".into(),
            titel: "Eerste dag".into(),
            gestart_op: chrono::Utc::now(),
            afgerond_op: chrono::Utc::now(),
            gevallen: vec![],
        })
    };
    let concept = || {
        let nu = chrono::Utc::now();
        let mut r = crate::app::registratie::Registratie::new(
            crate::domain::Kanaal::Telefoon,
            None,
            None,
            nu,
            nu,
        );
        r.vragen[0].onderwerp = "Verhuizing doorgeven".into();
        Action::Reg(RegMsg::ConceptGevonden(serde_json::to_string(&r).unwrap()))
    };
    let esc = |s: &mut State| {
        let a = crate::app::key_to_action(s, &KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        if let Some(a) = a {
            update(s, &Ctx::nu(), a);
        }
    };
    let bovenop = |s: &State| {
        let t = text(&render(s, 100, 30, NO_COLOR));
        (
            t.contains("Conceptregistratie herstellen?"),
            t.contains("Nog niets te beoordelen"),
        )
    };
    let mut tr = crate::app::training::Training::new(scenario, "Sanne".into());
    tr.klanten_gevonden(&[], chrono::Utc::now());

    // The review is open when the draft's question arrives: the question lies on top.
    let mut s = sample_state();
    s.training = Some(tr.clone());
    update(
        &mut s,
        &Ctx::nu(),
        Action::Training(TrainingMsg::Beoordeeld(beoordeling())),
    );
    update(&mut s, &Ctx::nu(), concept());
    assert_eq!(s.mode(), Mode::Concept);
    assert!(bovenop(&s).0, "the question is seen");

    // The question is open when the review opens: Esc closes the review, the draft stays.
    let mut s = sample_state();
    s.training = Some(tr);
    update(&mut s, &Ctx::nu(), concept());
    update(
        &mut s,
        &Ctx::nu(),
        Action::Training(TrainingMsg::Beoordeeld(beoordeling())),
    );
    assert_eq!(s.mode(), Mode::TrainingBeoordeling);
    let t = text(&render(&s, 100, 30, NO_COLOR));
    assert!(
        t.contains("Nog niets te beoordelen"),
        "the review is on top:\n{t}"
    );
    esc(&mut s);
    assert!(
        s.concept_aanbod.is_some(),
        "Esc closed the review, not the draft"
    );
    assert_eq!(s.mode(), Mode::Concept);
    assert_eq!(bovenop(&s), (true, false), "now the question is seen");
}

/// Issue 15 §4: the desk showed SL 56% while the floor showed 74% from the same calls. One set
/// of calls, fed to the desk as its call source's events and recorded as the desk records them,
/// gives the same figures on the desk, on the floor and in the report, and they show them alike.
#[test]
fn one_set_of_calls_gives_the_same_figures_on_the_desk_the_floor_and_the_report() {
    use crate::app::telefonie::{TelEffect, Telefonie};
    use crate::domain::kpi::Normen;
    use crate::domain::telefonie::Gesprek;
    use crate::telefonie::TelEvent;
    use chrono::{Duration, NaiveDate, Utc};
    let dir = tempfile::tempdir().unwrap();
    let desk = Uuid::now_v7();
    let mut store = crate::store::Store::open(&dir.path().join("l.db"), desk).unwrap();
    let dag = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let om = |s: i64| {
        Local
            .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
            + Duration::seconds(s)
    };
    let mut t = Telefonie {
        actief: true,
        verbonden: true,
        ..Telefonie::default()
    };
    let mut bewaard: Vec<Gesprek> = Vec::new();
    let mut stuur = |t: &mut Telefonie, at: i64, e: TelEvent| {
        t.nu = om(at);
        for eff in t.event(e, desk, None, "Eva Bakker").effects {
            if let TelEffect::BewaarGesprek(g) = eff {
                // Saved at every step; the stored record is its latest version.
                match bewaard.iter_mut().find(|x| x.meta.id == g.meta.id) {
                    Some(x) => *x = *g,
                    None => bewaard.push(*g),
                }
            }
        }
    };
    let binnen = |id: &str, at: i64| TelEvent::Binnen {
        id: id.into(),
        nummer: format!("06{id}"),
        keuze: "Burgerzaken".into(),
        terugval: false,
        sinds: om(at),
        linkedid: None,
    };
    let weg = |id: &str, at: i64, door: Option<Option<String>>| TelEvent::Weg {
        id: id.into(),
        aangenomen_door: door,
        op: om(at),
    };
    let collega = || Some(Some("Piet Bakker".to_string()));
    let klaar = |id: &str, at: i64| TelEvent::Klaar {
        id: id.into(),
        op: om(at),
    };
    // c1 answered by a colleague after 10 s, 200 s talk; c2 after 45 s (late), 100 s talk; c3
    // hangs up after 3 s (short: apart); c4 hangs up after 60 s; c5 answered here after
    // exactly the norm, 120 s talk and 40 s nawerk.
    stuur(&mut t, 0, binnen("c1", 0));
    stuur(&mut t, 10, weg("c1", 10, collega()));
    stuur(&mut t, 100, binnen("c2", 100));
    stuur(&mut t, 145, weg("c2", 145, collega()));
    stuur(&mut t, 200, binnen("c3", 200));
    stuur(&mut t, 203, weg("c3", 203, None));
    stuur(&mut t, 210, klaar("c1", 210));
    stuur(&mut t, 245, klaar("c2", 245));
    stuur(&mut t, 300, binnen("c4", 300));
    stuur(&mut t, 360, weg("c4", 360, None));
    stuur(&mut t, 400, binnen("c5", 400));
    stuur(&mut t, 430, weg("c5", 430, Some(None)));
    stuur(
        &mut t,
        430,
        TelEvent::Verbonden {
            id: "c5".into(),
            op: om(430),
        },
    );
    stuur(
        &mut t,
        550,
        TelEvent::Beeindigd {
            id: "c5".into(),
            op: om(550),
        },
    );
    assert_eq!(bewaard.len(), 5, "every call recorded, one record each");
    for g in bewaard.iter_mut() {
        let at = g.beeindigd_op.or(g.verlaten_op).unwrap();
        store.save(g, at).unwrap();
    }
    // The wrap-up of c5, registered at this desk with 40 s nawerk.
    let c5 = Gesprek::id_voor("c5");
    let mut cm = crate::domain::contact::Contactmoment {
        meta: crate::domain::RecordMeta::new(om(590), desk),
        plaatsgevonden_op: om(430),
        kanaal: crate::domain::Kanaal::Telefoon,
        onderwerp: "Paspoort".into(),
        inhoud: String::new(),
        notitie: String::new(),
        afhandeling: "afgehandeld".into(),
        partij_id: None,
        zaak_id: None,
        medewerker_id: None,
        afdeling_id: None,
        duur_seconden: 120,
        nawerk_seconden: 40,
        eerstelijns_afgehandeld: true,
        bronnen: Vec::new(),
        gesprek_id: Some(c5),
        ontvangen_op: None,
    };
    store.save(&mut cm, om(590)).unwrap();
    t.nawerk_geregistreerd(c5, 40);
    t.nu = om(600);

    let normen = Normen::default();
    let bureau = t.kpi(&normen);
    let vloer = crate::store::vloer::laad(store.conn(), dag, om(600), &normen).unwrap();
    let rapport = crate::store::rapport::maak(
        store.conn(),
        dag,
        dag,
        crate::store::rapport::Per::Kanaal,
        &normen,
        om(600),
    )
    .unwrap();

    // The figures by hand: offered 4 (three answered, c4), c3 apart.
    assert_eq!(
        (
            bureau.aangeboden,
            bureau.beantwoord,
            bureau.verlaten,
            bureau.kort_opgehangen,
            bureau.binnen_norm
        ),
        (4, 3, 1, 1, 2)
    );
    assert_eq!(
        bureau.servicelevel,
        Some(50.0),
        "the old desk said 2 of the 5 that left the queue: 40%"
    );
    assert_eq!(bureau.verlaten_pct, Some(25.0));
    assert_eq!(
        bureau.gemiddelde_wachttijd,
        Some((10.0 + 45.0 + 30.0) / 3.0)
    );
    assert_eq!(
        bureau.gemiddelde_afhandeltijd,
        Some((200.0 + 100.0 + 120.0 + 40.0) / 3.0)
    );
    // The floor: the same, to the last field.
    assert_eq!(vloer.telefoon, bureau);
    // The report: the same figures and counts.
    assert_eq!(
        (
            rapport.telefoon_aangeboden,
            rapport.telefoon_beantwoord,
            rapport.telefoon_verlaten_aantal,
            rapport.telefoon_kort_opgehangen,
            rapport.telefoon_binnen_norm,
            rapport.telefoon_afgehandeld,
        ),
        (
            bureau.aangeboden,
            bureau.beantwoord,
            bureau.verlaten,
            bureau.kort_opgehangen,
            bureau.binnen_norm,
            bureau.afgehandeld,
        )
    );
    assert_eq!(rapport.telefoon_servicelevel, bureau.servicelevel);
    assert_eq!(rapport.telefoon_verlaten, bureau.verlaten_pct);
    assert_eq!(
        rapport.telefoon_gemiddelde_wachttijd,
        bureau.gemiddelde_wachttijd
    );
    assert_eq!(
        rapport.telefoon_gemiddelde_afhandeltijd,
        bureau.gemiddelde_afhandeltijd
    );

    // And as the three show it: the desk's summary, the floor's tile, the report's text.
    let mut s = sample_state();
    s.telefonie = t;
    let bureau_tekst = text(&render(&s, 200, 60, NO_COLOR));
    assert!(bureau_tekst.contains("SL 50% ✖ ≤30s"), "{bureau_tekst}");
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    terminal
        .draw(|f| {
            crate::ui::vloer::render(
                f,
                f.area(),
                &vloer,
                &normen,
                &Default::default(),
                "Gemeente Lindewaard",
                om(600),
                &NO_COLOR,
            )
        })
        .unwrap();
    let vloer_tekst = text(terminal.backend().buffer());
    assert!(vloer_tekst.contains("Servicelevel 50% ✖"), "{vloer_tekst}");
    assert!(
        vloer_tekst.contains("Aangeb. 4 · beantw. 3 · opgehangen 1 (25%)"),
        "{vloer_tekst}"
    );
    assert!(
        vloer_tekst.contains("Kort opgehangen (< 5 s) 1"),
        "{vloer_tekst}"
    );
    assert!(
        vloer_tekst.contains("ASA 00:28 · AHT 02:33"),
        "{vloer_tekst}"
    );
    let md = crate::store::rapport::markdown(&rapport);
    assert!(md.contains("Servicelevel (≤ 30 s): 2 van 4, 50,0%"), "{md}");
    assert!(
        md.contains("kort opgehangen (korter dan 5 s, apart geteld): 1"),
        "{md}"
    );
}

/// A tile that cannot show all its rows says how many more there are (issue 15 §4), and
/// keeps its fixed lines (the counter's totals) below the list.
#[test]
fn a_floor_tile_with_more_rows_than_fit_says_how_many_more() {
    let mut v = vloer_voorbeeld();
    v.zonder_resultaat = (1..=12)
        .map(|i| (format!("zoekterm {i:02}"), 20 - i))
        .collect();
    v.balie_wachtend = (1..=9)
        .map(|i| (format!("Dienst {i}"), i, 60 * i64::from(i), 120))
        .collect();
    let nu = Local
        .with_ymd_and_hms(2026, 11, 23, 10, 30, 0)
        .unwrap()
        .with_timezone(&chrono::Utc);
    let teken = |w: u16, h: u16| {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal
            .draw(|f| {
                crate::ui::vloer::render(
                    f,
                    f.area(),
                    &v,
                    &crate::ui::vloer::Normen::default(),
                    &Default::default(),
                    "Gemeente Lindewaard",
                    nu,
                    &NO_COLOR,
                )
            })
            .unwrap();
        text(terminal.backend().buffer())
    };
    let t = teken(80, 24);
    insta::assert_snapshot!("vloer_meer_80x24", t);
    // How many are hidden is told, and what is shown plus that adds up to all of them.
    let getoond = |t: &str, prefix: &str| t.matches(prefix).count();
    let meer: Vec<usize> = t
        .match_indices(" meer")
        .filter_map(|(i, _)| {
            let voor = &t[..i];
            let plus = voor.rfind('+')?;
            voor[plus + 1..].parse().ok()
        })
        .collect();
    assert!(!meer.is_empty(), "{t}");
    let kb = getoond(&t, "zoekterm ");
    assert!(
        meer.contains(&(12 - kb)),
        "{kb} shown of 12, {meer:?}:\n{t}"
    );
    let diensten = getoond(&t, "Dienst ");
    assert!(
        meer.contains(&(9 - diensten)),
        "{diensten} shown of 9, {meer:?}:\n{t}"
    );
    assert!(t.contains("Open 0 · geholpen 0"), "the totals stay:\n{t}");
    // On a large screen everything fits: no "meer" at all.
    let groot = teken(200, 60);
    assert!(!groot.contains(" meer"), "{groot}");
    assert_eq!(getoond(&groot, "zoekterm "), 12);
}

#[test]
fn fitting_a_tile_counts_wrapped_rows_and_keeps_its_fixed_lines() {
    use ratatui::text::Line;
    let lijst: Vec<Line> = (0..10).map(|i| Line::raw(format!("regel {i}"))).collect();
    let uit = crate::ui::vloer::passend(
        vec![Line::raw("kop")],
        lijst.clone(),
        vec![Line::raw("voet")],
        6,
        20,
        &NO_COLOR,
    );
    let tekst: Vec<String> = uit.iter().map(|l| l.to_string()).collect();
    assert_eq!(
        tekst,
        vec!["kop", "regel 0", "regel 1", "regel 2", "+7 meer", "voet"]
    );
    // Everything fits: unchanged.
    let uit = crate::ui::vloer::passend(Vec::new(), lijst.clone(), Vec::new(), 10, 20, &NO_COLOR);
    assert_eq!(uit.len(), 10);
    // A line that wraps over two rows takes two.
    let lang = vec![
        Line::raw("een twee drie vier vijf zes"),
        Line::raw("kort"),
        Line::raw("kort"),
    ];
    let uit = crate::ui::vloer::passend(Vec::new(), lang, Vec::new(), 3, 15, &NO_COLOR);
    let tekst: Vec<String> = uit.iter().map(|l| l.to_string()).collect();
    assert_eq!(tekst, vec!["een twee drie vier vijf zes", "+2 meer"]);
}
