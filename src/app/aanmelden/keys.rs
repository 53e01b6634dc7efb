//! The keys of the sign-in and lock screen, and the two that reach it from the desk (Ctrl-L
//! locks, Ctrl-X signs out), one a line as every feature's table (`keymap::alle` reads them).

use ratatui::crossterm::event::KeyCode;

use crate::app::Action;
use crate::app::aanmelden::AanmeldMsg;
use crate::app::keymap::{Binding, bindings, ctrl, key};
// Ctrl-C (stop) and Ctrl-X (sign out) come from Overal: the sign-in screen's only parent.
use crate::app::text_field::Edit;

pub static BINDINGS: &[Binding] = bindings! {
    (Aanmelden, [key(KeyCode::Tab), key(KeyCode::BackTab), key(KeyCode::Down), key(KeyCode::Up)], Action::Aanmelden(AanmeldMsg::Veld), "Ander veld (login, wachtwoord)", "veld"),
    (Aanmelden, [key(KeyCode::Enter)], Action::Aanmelden(AanmeldMsg::Submit), "Aanmelden (vergrendeld: ontgrendelen)", "aanmelden"),
    (Aanmelden, [key(KeyCode::Left)], Action::Aanmelden(AanmeldMsg::Edit(Edit::Left)), "Cursor een teken terug", ""),
    (Aanmelden, [key(KeyCode::Right)], Action::Aanmelden(AanmeldMsg::Edit(Edit::Right)), "Cursor een teken verder", ""),
    (Aanmelden, [key(KeyCode::Home)], Action::Aanmelden(AanmeldMsg::Edit(Edit::Home)), "Cursor naar het begin", ""),
    (Aanmelden, [key(KeyCode::End)], Action::Aanmelden(AanmeldMsg::Edit(Edit::End)), "Cursor naar het eind", ""),
    (Aanmelden, [key(KeyCode::Delete)], Action::Aanmelden(AanmeldMsg::Edit(Edit::Delete)), "Teken onder de cursor wissen", ""),
    (Aanmelden, [ctrl('w')], Action::Aanmelden(AanmeldMsg::Edit(Edit::DeleteWord)), "Woord voor de cursor wissen", ""),
    (Aanmelden, [key(KeyCode::Backspace)], Action::Aanmelden(AanmeldMsg::Backspace), "Teken wissen", ""),
    (Aanmelden, [key(KeyCode::Esc)], Action::Aanmelden(AanmeldMsg::Stoppen), "Stoppen (niet vanuit het slot)", "stoppen"),
    (Overal, [ctrl('l')], Action::Aanmelden(AanmeldMsg::Vergrendel), "Vergrendelen: het scherm verbergt alles tot uw wachtwoord (concept en contact blijven)", ""),
    (Overal, [ctrl('x')], Action::Aanmelden(AanmeldMsg::Afmelden), "Afmelden: een ander kan aanmelden (na het afronden van het contact)", ""),
};
