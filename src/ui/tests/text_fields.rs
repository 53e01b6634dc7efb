//! Issue 16: every text field draws its cursor where it is, not at the end of the text.

use super::*;
use crate::app::afspraken::AfspraakMsg;
use crate::app::text_field::Edit;

fn msg(s: &mut State, a: Action) {
    update(s, &Ctx::nu(), a);
}

#[test]
fn the_profile_name_draws_its_cursor_where_it_is() {
    let mut s = sample_state();
    s.session.medewerker = None;
    s.aanmelden.fase = crate::app::aanmelden::Fase::EersteAccount;
    s.profile_form = Some(crate::app::ProfileForm::default());
    for c in "Jan Vries".chars() {
        msg(&mut s, Action::Profiel(ProfielMsg::Char(c)));
    }
    msg(&mut s, Action::Profiel(ProfielMsg::Edit(Edit::Home)));
    for _ in 0..4 {
        msg(&mut s, Action::Profiel(ProfielMsg::NextOption));
    }
    let t = text(&render(&s, 80, 24, NO_COLOR));
    assert!(t.contains("Jan ▏Vries"), "{t}");
    // A password shows as dots, never as typed.
    msg(&mut s, Action::Profiel(ProfielMsg::NextField));
    msg(&mut s, Action::Profiel(ProfielMsg::NextField));
    for c in "geheim!1".chars() {
        msg(&mut s, Action::Profiel(ProfielMsg::Char(c)));
    }
    let t = text(&render(&s, 80, 24, NO_COLOR));
    assert!(t.contains("••••••••▏") && !t.contains("geheim"), "{t}");
}

#[test]
fn a_wrap_up_field_draws_its_cursor_where_it_is_also_when_the_text_is_cut() {
    let mut s = sample_state();
    msg(&mut s, Action::Reg(RegMsg::Open));
    for c in "Paspoort verlengen".chars() {
        msg(&mut s, Action::Reg(RegMsg::Char(c)));
    }
    for _ in 0..9 {
        msg(&mut s, Action::Reg(RegMsg::PrevOption));
    }
    let t = text(&render(&s, 120, 40, NO_COLOR));
    assert!(t.contains("Paspoort ▏verlengen"), "{t}");
    // A text longer than the field: at the start the start shows, cut at the end.
    msg(&mut s, Action::Reg(RegMsg::NextField));
    for _ in 0..30 {
        for c in "woonplaats ".chars() {
            msg(&mut s, Action::Reg(RegMsg::Char(c)));
        }
    }
    let t = text(&render(&s, 120, 40, NO_COLOR));
    assert!(
        t.contains("Vraag:         …woonplaats"),
        "cut at the start: {t}"
    );
    assert!(
        t.contains("woonplaats woonplaats ▏ 330/1000"),
        "at the end: {t}"
    );
    msg(&mut s, Action::Reg(RegMsg::Edit(Edit::Home)));
    let t = text(&render(&s, 120, 40, NO_COLOR));
    let regel = t.lines().find(|l| l.contains("Vraag:")).unwrap();
    assert!(
        regel.contains("Vraag:         ▏woonplaats woonplaats"),
        "{regel}"
    );
    assert!(regel.contains("… 330/"), "{regel}");
}

#[test]
fn the_contactverzoek_search_draws_its_cursor_where_it_is() {
    use crate::app::verzoeken::VzMsg;
    let mut s = sample_state();
    msg(&mut s, Action::FocusPane(crate::app::Pane::Wachtrij));
    msg(&mut s, Action::Vz(VzMsg::Zoeken));
    for c in "Jan Vries".chars() {
        msg(&mut s, Action::Vz(VzMsg::Char(c)));
    }
    for _ in 0..5 {
        msg(&mut s, Action::Vz(VzMsg::Edit(Edit::Left)));
    }
    let t = text(&render(&s, 120, 40, NO_COLOR));
    assert!(t.contains("Zoek: Jan ▏Vries"), "{t}");
}

#[test]
fn the_flag_note_draws_its_cursor_where_it_is() {
    let mut s = sample_state();
    msg(&mut s, Action::Kb(KbMsg::Geladen(Box::new(paspoort_kb()))));
    msg(&mut s, Action::FocusPane(crate::app::Pane::Kennisbank));
    for c in "pasp".chars() {
        msg(&mut s, Action::Kb(KbMsg::Char(c)));
    }
    msg(&mut s, Action::Kb(KbMsg::Open));
    msg(&mut s, Action::Kb(KbMsg::Melden));
    for c in "leges 2027".chars() {
        msg(&mut s, Action::Kb(KbMsg::MeldingChar(c)));
    }
    for _ in 0..5 {
        msg(&mut s, Action::Kb(KbMsg::MeldingEdit(Edit::Left)));
    }
    let t = text(&render(&s, 120, 40, NO_COLOR));
    assert!(t.contains("Toelichting: leges▏ 2027"), "{t}");
}

#[test]
fn the_check_in_search_draws_its_cursor_where_it_is() {
    let mut s = sample_state();
    msg(&mut s, Action::FocusPane(crate::app::Pane::Klantgeleiding));
    msg(&mut s, Action::Kg(KgMsg::Inchecken));
    for c in "rijbewijs".chars() {
        msg(&mut s, Action::Kg(KgMsg::Char(c)));
    }
    msg(&mut s, Action::Kg(KgMsg::Edit(Edit::Home)));
    for _ in 0..3 {
        msg(&mut s, Action::Kg(KgMsg::Edit(Edit::Right)));
    }
    let t = text(&render(&s, 120, 40, NO_COLOR));
    assert!(t.contains("rij▏bewijs"), "{t}");
}

#[test]
fn the_visitor_form_draws_its_cursor_where_it_is() {
    let mut s = sample_state();
    msg(&mut s, Action::FocusPane(crate::app::Pane::Klantgeleiding));
    msg(&mut s, Action::Kas(KasMsg::Open(VensterSoort::Gast)));
    for c in "Kim Peters".chars() {
        msg(&mut s, Action::Kas(KasMsg::Char(c)));
    }
    msg(&mut s, Action::Kas(KasMsg::Edit(Edit::Home)));
    let t = text(&render(&s, 120, 40, NO_COLOR));
    assert!(t.contains("▏Kim Peters"), "{t}");
}

#[test]
fn the_cancel_reason_draws_its_cursor_where_it_is() {
    use crate::app::afspraken::{AfspraakForm, Stap};
    let mut s = sample_state();
    let mut f = AfspraakForm::new(
        Uuid::nil(),
        "Jan de Vries".into(),
        &[],
        Vec::new(),
        Vec::new(),
    );
    f.stap = Stap::Annuleren {
        reden: "klant verhuisd".into(),
    };
    s.afspraak = Some(f);
    for _ in 0..8 {
        msg(&mut s, Action::Afspraak(AfspraakMsg::Edit(Edit::Left)));
    }
    let t = text(&render(&s, 120, 40, NO_COLOR));
    assert!(t.contains("Reden van annuleren: klant ▏verhuisd"), "{t}");
}

#[test]
fn the_transfer_search_draws_its_cursor_where_it_is() {
    let mut s = sample_state();
    // (Without telephony the desk takes no telephone keys: the field is given its cursor.)
    let mut filter = crate::app::text_field::TextField::from("piet");
    filter.edit(Edit::Left);
    s.telefonie.doorverbind_keuze = Some(crate::app::telefonie::DoorverbindKeuze {
        selected: Default::default(),
        filter,
    });
    let t = text(&render(&s, 120, 40, NO_COLOR));
    assert!(t.contains("Zoek: pie▏t · Enter"), "{t}");
}
