//! Issue 16: every text field draws its cursor where it is, not at the end of the text.

use super::*;
use crate::app::text_field::Edit;

fn msg(s: &mut State, a: Action) {
    update(s, &Ctx::nu(), a);
}

#[test]
fn the_profile_name_draws_its_cursor_where_it_is() {
    let mut s = sample_state();
    s.session.medewerker = None;
    s.profile_form = Some(crate::app::ProfileForm::default());
    for c in "Jan Vries".chars() {
        msg(&mut s, Action::Profiel(ProfielMsg::Char(c)));
    }
    msg(&mut s, Action::Profiel(ProfielMsg::Edit(Edit::Home)));
    for _ in 0..4 {
        msg(&mut s, Action::Profiel(ProfielMsg::NextOption));
    }
    let t = text(&render(&s, 80, 24, NO_COLOR));
    assert!(t.contains("Naam: Jan ▏Vries"), "{t}");
}
