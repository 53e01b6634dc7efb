//! From the terminal to an action: a key for the mode in force (the overlay on top, or the pane
//! in focus), a character typed into a text field, and a paste.

use super::*;

/// Turn a terminal key event into an action for the current mode. Text typed into a form field
/// becomes `FormChar`; unbound keys become nothing.
pub fn key_to_action(state: &State, ev: &KeyEvent) -> Option<Action> {
    if ev.kind != KeyEventKind::Press {
        return None;
    }
    if state.too_small() {
        // Nothing is visible: only leaving works, so no key acts unseen.
        let quit = matches!(ev.code, KeyCode::Char('q'))
            || (ev.code == KeyCode::Char('c') && ev.modifiers.contains(KeyModifiers::CONTROL));
        return quit.then_some(Action::Quit);
    }
    let mode = state.mode();
    // In an open article every letter starts the next question (also q, b or p, which the
    // desk around it would take): typing a question never quits or changes the phone state.
    if mode == Mode::KbArtikel
        && let KeyCode::Char(c) = ev.code
        && c.is_alphabetic()
        && !ev
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        && keymap::lookup_eigen(mode, ev).is_none()
    {
        return Some(Action::Zk(ZkMsg::ZoekStart(c)));
    }
    if let Some(a) = keymap::lookup(mode, ev) {
        return Some(a);
    }
    if let KeyCode::Char(c) = ev.code
        && !ev
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return tekst_actie(mode, c);
    }
    None
}

/// A character typed (or pasted) as text in `mode`: the text field's own action, or None
/// where no text goes.
fn tekst_actie(mode: Mode, c: char) -> Option<Action> {
    keymap::tekst_invoer(mode).and_then(|t| (t.actie)(c))
}

/// The longest paste taken (characters); the rest is dropped and the agent told.
pub const MAX_PLAKKEN: usize = 4000;

/// A paste: text for the field in focus, character by character as if typed, with line breaks
/// and tabs as spaces (every field is one line). Never keys: a newline does not press Enter.
pub(super) fn plakken(
    state: &mut State,
    ctx: &Ctx,
    tekst: &str,
    mut effects: Vec<Effect>,
) -> Vec<Effect> {
    let mut n = 0usize;
    let mut vorige_spatie = false;
    let mut genomen = 0usize;
    for c in tekst.chars() {
        n += 1;
        if n > MAX_PLAKKEN {
            break;
        }
        let c = if c == '\r' || c == '\n' || c == '\t' {
            ' '
        } else {
            c
        };
        if c.is_control() {
            continue;
        }
        // "regel 1\r\nregel 2" becomes "regel 1 regel 2", not two spaces.
        if c == ' ' && vorige_spatie {
            continue;
        }
        vorige_spatie = c == ' ';
        // A choice field (kanaal, klant, 1e lijn, the role) takes no paste: a space or a digit
        // there would flip or pick it.
        let tekstveld = match state.mode() {
            Mode::Registratie => state.registratie.as_mut().is_some_and(|r| {
                r.veld == registratie::Veld::VerzoekAan || r.tekst_mut().is_some()
            }),
            _ => true,
        };
        let Some(actie) = tekst_actie(state.mode(), c).filter(|_| tekstveld) else {
            if genomen == 0 {
                state.notify("Plakken kan alleen in een tekstveld.".into(), true);
                return effects;
            }
            break;
        };
        genomen += 1;
        effects = update_inner(state, ctx, actie, effects);
    }
    if n > MAX_PLAKKEN {
        state.notify(
            format!("Alleen de eerste {MAX_PLAKKEN} tekens zijn geplakt."),
            true,
        );
    } else if genomen
        < tekst
            .chars()
            .filter(|c| !c.is_control() || c.is_whitespace())
            .count()
        && state.mode() == Mode::Registratie
    {
        // The field's limit cut the paste: said, not silent.
        state.notify(
            "De plaktekst is ingekort tot wat in het veld past.".into(),
            true,
        );
    }
    effects
}
