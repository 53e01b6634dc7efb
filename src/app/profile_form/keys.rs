//! The keys of the first-run profile form, one a line: (mode, keys, action, what the help says, the hint
//! line's word: empty is not in the hint line). `keymap::alle` reads them with every other table.

use ratatui::crossterm::event::KeyCode;

use crate::app::Action;
use crate::app::keymap::{Binding, bindings, ctrl, key};
use crate::app::profile_form::ProfielMsg;
use crate::app::text_field::Edit;

pub static BINDINGS: &[Binding] = bindings! {
    (Formulier, [key(KeyCode::Tab), key(KeyCode::Down)], Action::Profiel(ProfielMsg::NextField), "Volgend veld", "veld"),
    (Formulier, [key(KeyCode::BackTab), key(KeyCode::Up)], Action::Profiel(ProfielMsg::PrevField), "Vorig veld", ""),
    (Formulier, [key(KeyCode::Right)], Action::Profiel(ProfielMsg::NextOption), "Cursor een teken verder", ""),
    (Formulier, [key(KeyCode::Left)], Action::Profiel(ProfielMsg::PrevOption), "Cursor een teken terug", ""),
    (Formulier, [key(KeyCode::Home)], Action::Profiel(ProfielMsg::Edit(Edit::Home)), "Cursor naar het begin", ""),
    (Formulier, [key(KeyCode::End)], Action::Profiel(ProfielMsg::Edit(Edit::End)), "Cursor naar het eind", ""),
    (Formulier, [key(KeyCode::Delete)], Action::Profiel(ProfielMsg::Edit(Edit::Delete)), "Teken onder de cursor wissen", ""),
    (Formulier, [ctrl('w')], Action::Profiel(ProfielMsg::Edit(Edit::DeleteWord)), "Woord voor de cursor wissen", ""),
    (Formulier, [key(KeyCode::Backspace)], Action::Profiel(ProfielMsg::Backspace), "Teken wissen", ""),
    (Formulier, [key(KeyCode::Esc)], Action::Quit, "Stoppen zonder opslaan (vraagt eerst bij ingevulde gegevens)", "stoppen"),
    (Formulier, [key(KeyCode::Enter)], Action::Profiel(ProfielMsg::Submit), "Opslaan", "opslaan"),
};
