use super::*;
use crate::app::{Action, Session, keymap::BINDINGS, update};
use crate::domain::Rol;
use crate::store::overview::Overview;
use chrono::{Local, TimeZone};
use ratatui::{Terminal, backend::TestBackend, buffer::Buffer, style::Color};
use uuid::Uuid;

fn sample_state() -> State {
    let mut s = State::new(
        Session {
            gemeente: None,
            medewerker: Some(("Sietske Postma".into(), Rol::Medewerker)),
            desk_id: Uuid::parse_str("5bbd6c61-0000-4000-8000-000000000000").unwrap(),
            demo: true,
        },
        false,
        Local.with_ymd_and_hms(2026, 11, 23, 9, 41, 7).unwrap(),
    );
    update(&mut s, Action::StoreOpened { schema_version: 2 });
    update(
        &mut s,
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
    update(&mut s, Action::FocusPane(Pane::Kennisbank));
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
    update(&mut s, Action::ToggleHelp);
    let t = text(&render(&s, 200, 60, COLOR));
    for b in BINDINGS {
        assert!(t.contains(b.help), "help lacks '{}'", b.help);
        for k in b.keys {
            assert!(t.contains(&k.label()), "help lacks key {}", k.label());
        }
    }
}

#[test]
fn help_scrolls_at_80x24_until_the_last_line_is_shown() {
    let mut s = sample_state();
    update(&mut s, Action::ToggleHelp);
    let last = BINDINGS.last().unwrap().help;
    let first = text(&render(&s, 80, 24, COLOR));
    assert!(
        first.contains("↑/↓ voor meer"),
        "says there is more:\n{first}"
    );
    for _ in 0..40 {
        update(&mut s, Action::ScrollDown);
    }
    let scrolled = text(&render(&s, 80, 24, COLOR));
    assert!(
        scrolled.contains(last),
        "last binding reachable:\n{scrolled}"
    );
}

#[test]
fn zoomed_pane_fills_the_body() {
    let mut s = sample_state();
    update(&mut s, Action::FocusPane(Pane::ZaakKlant));
    update(&mut s, Action::Open);
    let t = text(&render(&s, 80, 24, COLOR));
    assert!(t.contains("Zaak/Klant"));
    assert!(!t.contains("Wachtrij"), "other panes hidden while zoomed");
}

#[test]
fn first_run_form_and_its_error_are_shown() {
    let mut s = sample_state();
    s.session.medewerker = None;
    s.profile_form = Some(crate::app::ProfileForm::default());
    update(&mut s, Action::FormSubmit);
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
