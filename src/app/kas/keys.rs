//! The keys of the bezoekers and till window, one a line: (mode, keys, action, what the help says, the hint
//! line's word: empty is not in the hint line). `keymap::alle` reads them with every other table.

use ratatui::crossterm::event::KeyCode;

use crate::app::Action;
use crate::app::kas::KasMsg;
use crate::app::keymap::{Binding, PAGINA_NEER, PAGINA_OP, alt, bindings, ctrl, key};
use crate::app::list_cursor::Move;
use crate::app::text_field::Edit;

pub static BINDINGS: &[Binding] = bindings! {
    (KgVenster, [key(KeyCode::Down), key(KeyCode::Tab)], Action::Kas(KasMsg::Down), "Volgend veld of volgende regel", ""),
    (KgVenster, [key(KeyCode::Up), key(KeyCode::BackTab)], Action::Kas(KasMsg::Up), "Vorig veld of vorige regel", ""),
    (KgVenster, [key(KeyCode::PageUp)], Action::Kas(KasMsg::Lijst(Move::PageUp)), PAGINA_OP, ""),
    (KgVenster, [key(KeyCode::PageDown)], Action::Kas(KasMsg::Lijst(Move::PageDown)), PAGINA_NEER, ""),
    (KgVenster, [key(KeyCode::Left), key(KeyCode::Right)], Action::Kas(KasMsg::Toggle), "Betaalwijze: contant of pin", ""),
    (KgVenster, [key(KeyCode::Enter)], Action::Kas(KasMsg::Enter), "Volgend veld of opslaan; in de lijst: vertrokken; bij de kas: afsluiten (vraagt eerst)", "verder"),
    (KgVenster, [alt('c')], Action::Kas(KasMsg::Correctie), "Bij de kas: correctie boeken op de gekozen betaling (met reden)", ""),
    (KgVenster, [key(KeyCode::Backspace)], Action::Kas(KasMsg::Backspace), "Teken wissen", ""),
    (KgVenster, [key(KeyCode::Home)], Action::Kas(KasMsg::Edit(Edit::Home)), "Cursor naar het begin", ""),
    (KgVenster, [key(KeyCode::End)], Action::Kas(KasMsg::Edit(Edit::End)), "Cursor naar het eind", ""),
    (KgVenster, [key(KeyCode::Delete)], Action::Kas(KasMsg::Edit(Edit::Delete)), "Teken onder de cursor wissen", ""),
    (KgVenster, [ctrl('w')], Action::Kas(KasMsg::Edit(Edit::DeleteWord)), "Woord voor de cursor wissen", ""),
    (KgVenster, [key(KeyCode::Esc)], Action::Kas(KasMsg::Close), "Sluiten (niets opgeslagen wat niet bevestigd is)", "sluiten"),
};
