//! The notitieblok: keys, the note kept with the contact in hand, its window, the store.

use chrono::TimeZone;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::*;
use crate::app::keymap::Mode;
use crate::app::klantcontact::Aanleiding;
use crate::app::tests::jobs::draai;
use crate::app::tests::{press as druk, ready as desk, typ};

fn bewaard(effects: &[Effect]) -> Vec<Option<String>> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Feature(FeatureEffect::Notitieblok(NotitieEffect::Bewaar(p))) => {
                Some(p.clone())
            }
            _ => None,
        })
        .collect()
}

fn gesprek(s: &mut State, nummer: &str, minuut: u32) {
    s.contact_begint(
        Aanleiding::Gesprek {
            nummer: nummer.into(),
        },
        Utc.with_ymd_and_hms(2026, 11, 23, 9, minuut, 0).unwrap(),
    );
}

fn notitie(s: &State) -> String {
    s.features
        .notitieblok
        .voor(contact_in_hand(s))
        .map(|t| t.to_string())
        .unwrap_or_default()
}

#[test]
fn alt_n_opens_the_notitieblok_over_everything_and_its_keys_reach_it() {
    let mut s = desk();
    gesprek(&mut s, "0616169760", 1);
    druk(&mut s, KeyCode::Char('n'), KeyModifiers::ALT);
    assert_eq!(s.mode(), Mode::Feature(NAAM));
    let effects = typ(&mut s, "bel terug 0612345678");
    assert_eq!(notitie(&s), "bel terug 0612345678");
    // Every keystroke keeps the note, so a crash loses nothing.
    let laatste = bewaard(&effects).pop().flatten().expect("kept");
    assert!(laatste.contains("bel terug 0612345678"), "{laatste}");
    // The cursor mends a digit in the middle.
    for _ in 0..4 {
        druk(&mut s, KeyCode::Left, KeyModifiers::NONE);
    }
    druk(&mut s, KeyCode::Backspace, KeyModifiers::NONE);
    typ(&mut s, "9");
    assert_eq!(notitie(&s), "bel terug 0612395678");
    druk(&mut s, KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(notitie(&s), "bel terug 5678");
    druk(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert_ne!(s.mode(), Mode::Feature(NAAM));
    // Open again: the note is still there; Alt-N also closes it.
    druk(&mut s, KeyCode::Char('n'), KeyModifiers::ALT);
    assert_eq!(notitie(&s), "bel terug 5678");
    druk(&mut s, KeyCode::Char('n'), KeyModifiers::ALT);
    assert!(!s.features.notitieblok.open);
}

#[test]
fn a_new_contact_starts_with_an_empty_page() {
    let mut s = desk();
    gesprek(&mut s, "0616169760", 1);
    druk(&mut s, KeyCode::Char('n'), KeyModifiers::ALT);
    typ(&mut s, "BSN nagaan");
    druk(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    gesprek(&mut s, "0201234567", 9);
    assert_eq!(
        notitie(&s),
        "",
        "the earlier contact's note is not this one's"
    );
    let effects = druk(&mut s, KeyCode::Char('n'), KeyModifiers::ALT);
    assert_eq!(
        bewaard(&effects),
        [None],
        "the earlier note is dropped from the store"
    );
    assert_eq!(notitie(&s), "");
}

#[test]
fn over_the_wrap_up_the_keys_go_to_the_note_not_the_form() {
    let mut s = desk();
    gesprek(&mut s, "0616169760", 1);
    druk(&mut s, KeyCode::F(5), KeyModifiers::NONE);
    assert_eq!(s.mode(), Mode::Registratie, "the wrap-up is open");
    druk(&mut s, KeyCode::Char('n'), KeyModifiers::ALT);
    assert_eq!(
        s.bovenste_overlay(),
        Some(crate::app::overlay::Overlay::Feature(NAAM))
    );
    let voor = format!("{:?}", s.registratie);
    typ(&mut s, "06");
    assert_eq!(notitie(&s), "06");
    assert_eq!(
        format!("{:?}", s.registratie),
        voor,
        "the form did not change"
    );
    druk(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(
        s.mode(),
        Mode::Registratie,
        "Esc closed the note, not the form"
    );
}

#[test]
fn the_note_kept_at_a_restart_comes_back_with_its_contact() {
    let mut s = desk();
    gesprek(&mut s, "0616169760", 1);
    druk(&mut s, KeyCode::Char('n'), KeyModifiers::ALT);
    let json = bewaard(&typ(&mut s, "0612")).pop().flatten().expect("kept");
    let mut na = desk();
    gesprek(&mut na, "0616169760", 1);
    crate::app::update(
        &mut na,
        &Ctx::nu(),
        Action::Feature(FeatureMsg::Notitieblok(NotitieMsg::Gevonden(json))),
    );
    assert_eq!(notitie(&na), "0612");
    assert!(!na.features.notitieblok.open, "it comes back closed");
    // What another program left there is refused with a notice; the page starts empty.
    crate::app::update(
        &mut na,
        &Ctx::nu(),
        Action::Feature(FeatureMsg::Notitieblok(NotitieMsg::Gevonden(
            "{kapot".into(),
        ))),
    );
    assert_eq!(notitie(&na), "0612");
    // Nor is a note longer than the notitieblok takes (5 MB).
    let lang = serde_json::json!({"tekst": "9".repeat(5_000_000), "contact": null}).to_string();
    crate::app::update(
        &mut na,
        &Ctx::nu(),
        Action::Feature(FeatureMsg::Notitieblok(NotitieMsg::Gevonden(lang))),
    );
    assert_eq!(notitie(&na), "0612");
    assert!(
        na.notice
            .as_ref()
            .is_some_and(|n| n.text.contains("notitie van de vorige keer")),
        "{:?}",
        na.notice
    );
}

#[test]
fn the_window_shows_the_contact_the_note_and_its_cursor() {
    let mut s = desk();
    gesprek(&mut s, "0616169760", 1);
    druk(&mut s, KeyCode::Char('n'), KeyModifiers::ALT);
    typ(&mut s, "0612345678");
    druk(&mut s, KeyCode::Home, KeyModifiers::NONE);
    druk(&mut s, KeyCode::Right, KeyModifiers::NONE);
    let backend = ratatui::backend::TestBackend::new(100, 30);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal
        .draw(|f| crate::ui::draw(f, &s, &crate::ui::Theme { color: false }))
        .unwrap();
    let scherm: String = terminal
        .backend()
        .buffer()
        .content()
        .chunks(100)
        .map(|r| r.iter().map(|c| c.symbol()).collect::<String>() + "\n")
        .collect();
    assert!(scherm.contains("Notitieblok (Alt-N)"), "{scherm}");
    assert!(scherm.contains("0▏612345678"), "{scherm}");
    assert!(scherm.contains("beller 0616169760"), "{scherm}");
    assert!(scherm.contains("10/500"), "{scherm}");
}

#[test]
fn the_note_goes_through_the_store_and_back() {
    let acties = draai(|jobs, s| {
        jobs::start(NotitieEffect::Bewaar(Some("{\"x\":1}".into())), s, jobs);
        jobs::opstart(jobs);
        jobs::start(NotitieEffect::Bewaar(None), s, jobs);
        jobs::opstart(jobs);
    });
    assert_eq!(
        acties,
        [Action::Feature(FeatureMsg::Notitieblok(
            NotitieMsg::Gevonden("{\"x\":1}".into())
        ))],
        "kept, found; dropped, not found"
    );
}

#[test]
fn the_note_leaves_the_desk_database_when_its_contact_ends() {
    let mut s = desk();
    let nu = s.now;
    gesprek(&mut s, "0616169760", 1);
    druk(&mut s, KeyCode::Char('n'), KeyModifiers::ALT);
    typ(&mut s, "BSN 999901461 nagaan");
    druk(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    // Nothing happens to the note while its contact lasts.
    let effects = crate::app::update(&mut s, &Ctx::nu(), Action::Tick(nu));
    assert!(bewaard(&effects).is_empty(), "{effects:?}");
    // The contact ends (registered, or its draft dropped): the next update drops the note.
    s.contact_eindigt();
    let effects = crate::app::update(&mut s, &Ctx::nu(), Action::Tick(nu));
    assert_eq!(bewaard(&effects), [None]);
    assert_eq!(notitie(&s), "");
    // Once: the next update has nothing more to drop.
    let effects = crate::app::update(&mut s, &Ctx::nu(), Action::Tick(nu));
    assert!(bewaard(&effects).is_empty(), "{effects:?}");
}
