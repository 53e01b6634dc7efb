//! Issue 16: every text field is one TextField. Each editor moves its cursor and is mended in
//! the middle with the same keys; a paste goes in at the cursor.

use super::*;
use crate::app::verzoeken::{VzEffect, VzMsg};
use crate::store::verzoeken::VerzoekRegel;

fn verzoek() -> VerzoekRegel {
    VerzoekRegel {
        id: Uuid::now_v7(),
        aangemaakt_op: Utc::now(),
        uiterlijk_op: Utc::now(),
        klant: Some("Jan de Vries".into()),
        telefoon: Some("0612345678".into()),
        email: None,
        aan: "Burgerzaken".into(),
        handeling: "Terugbellen".into(),
        toelichting: "Bellen".into(),
        status: "te_verwerken".into(),
        resultaat: None,
    }
}

/// The search text the last reload of the contactverzoeken asked for.
fn gezocht(effects: &[Effect]) -> Option<&str> {
    effects.iter().rev().find_map(|e| match e {
        Effect::Verzoeken(VzEffect::Laad { zoek, .. }) => Some(zoek.as_str()),
        _ => None,
    })
}

#[test]
fn the_contactverzoek_search_and_toelichting_are_mended_at_their_cursor() {
    let mut s = ready();
    press(&mut s, KeyCode::F(1), KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('z'), KeyModifiers::NONE);
    assert_eq!(s.mode(), Mode::VerzoekZoeken);
    typ(&mut s, "Jan Vries");
    for _ in 0..5 {
        press(&mut s, KeyCode::Left, KeyModifiers::NONE);
    }
    typ(&mut s, "de ");
    assert_eq!(s.verzoeken.zoek, "Jan de Vries");
    press(&mut s, KeyCode::Home, KeyModifiers::NONE);
    let e = press(&mut s, KeyCode::Delete, KeyModifiers::NONE);
    assert_eq!(
        gezocht(&e),
        Some("an de Vries"),
        "a changed search runs again"
    );
    assert!(
        press(&mut s, KeyCode::Right, KeyModifiers::NONE).is_empty(),
        "moving the cursor does not search"
    );
    let e = press(&mut s, KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(gezocht(&e), Some("n de Vries"));
    let e = update(&mut s, &Ctx::nu(), Action::Plakken("Ja".into()));
    assert_eq!(gezocht(&e), Some("Jan de Vries"));
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);

    // The result form: Home, End, Delete and Ctrl-W in the toelichting; ←/→ choose the result.
    let r = verzoek();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Vz(VzMsg::DetailLoaded(Box::new((r, Vec::new())))),
    );
    press(&mut s, KeyCode::Char('a'), KeyModifiers::NONE);
    assert_eq!(s.mode(), Mode::VerzoekAfhandelen);
    typ(&mut s, "voicemail");
    press(&mut s, KeyCode::Home, KeyModifiers::NONE);
    update(&mut s, &Ctx::nu(), Action::Plakken("Twee keer ".into()));
    press(&mut s, KeyCode::End, KeyModifiers::NONE);
    typ(&mut s, " ingesproken");
    press(&mut s, KeyCode::Right, KeyModifiers::NONE);
    let a = s.verzoeken.afhandelen.as_ref().unwrap();
    assert_eq!(a.toelichting, "Twee keer voicemail ingesproken");
    assert_eq!(a.resultaat, 1, "→ still chooses the result");
    press(&mut s, KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(
        s.verzoeken.afhandelen.as_ref().unwrap().toelichting,
        "Twee keer voicemail "
    );
}

#[test]
fn a_visitor_and_a_payment_are_mended_at_their_cursor_and_arrows_keep_the_method() {
    use crate::app::kas::{Venster, VensterEffect};
    use crate::domain::kas::Methode;
    let mut s = ready();
    s.klantgeleiding.balie = Some("Balie 1".into());
    press(&mut s, KeyCode::F(2), KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('g'), KeyModifiers::NONE);
    assert_eq!(s.mode(), Mode::KgVenster);
    typ(&mut s, "Kim Petrs");
    press(&mut s, KeyCode::Home, KeyModifiers::NONE);
    press(&mut s, KeyCode::Delete, KeyModifiers::NONE);
    typ(&mut s, "T");
    press(&mut s, KeyCode::End, KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('w'), KeyModifiers::CONTROL);
    update(&mut s, &Ctx::nu(), Action::Plakken("Peters".into()));
    press(&mut s, KeyCode::Home, KeyModifiers::NONE);
    press(&mut s, KeyCode::Delete, KeyModifiers::NONE);
    typ(&mut s, "K");
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    typ(&mut s, "Team ICT");
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    let e = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        e,
        vec![Effect::Venster(VensterEffect::GastBinnen {
            naam: "Kim Peters".into(),
            voor_wie: "Team ICT".into(),
            bedrijf: None,
        })]
    );

    // A payment: ←/→ still switch contant and pin; Home and Delete mend the amount.
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('b'), KeyModifiers::NONE);
    typ(&mut s, "Uittreksel");
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    typ(&mut s, "815,50");
    press(&mut s, KeyCode::Home, KeyModifiers::NONE);
    press(&mut s, KeyCode::Delete, KeyModifiers::NONE);
    press(&mut s, KeyCode::Left, KeyModifiers::NONE);
    let Some(Venster::Betaling(f)) = &s.klantgeleiding.venster else {
        panic!("{:?}", s.klantgeleiding.venster)
    };
    assert_eq!((f.bedrag.as_str(), f.methode), ("15,50", Methode::Contant));
}
