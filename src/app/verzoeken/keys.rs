//! The keys of the contactverzoeken list, one a line: (mode, keys, action, what the help says, the hint
//! line's word: empty is not in the hint line). `keymap::alle` reads them with every other table.

use ratatui::crossterm::event::KeyCode;

use crate::app::Action;
use crate::app::keymap::{
    Binding, LIJST_BEGIN, LIJST_EIND, PAGINA_NEER, PAGINA_OP, bindings, ch, ctrl, key,
};
use crate::app::list_cursor::Move;
use crate::app::telefonie::TelMsg;
use crate::app::text_field::Edit;
use crate::app::verzoeken::VzMsg;

pub static BINDINGS: &[Binding] = bindings! {
    (Verzoeken, [key(KeyCode::Down)], Action::Vz(VzMsg::Down), "Volgend contactverzoek", ""),
    (Verzoeken, [key(KeyCode::Up)], Action::Vz(VzMsg::Up), "Vorig contactverzoek", ""),
    (Verzoeken, [key(KeyCode::PageUp)], Action::Vz(VzMsg::Lijst(Move::PageUp)), PAGINA_OP, ""),
    (Verzoeken, [key(KeyCode::PageDown)], Action::Vz(VzMsg::Lijst(Move::PageDown)), PAGINA_NEER, ""),
    (Verzoeken, [key(KeyCode::Home)], Action::Vz(VzMsg::Lijst(Move::First)), LIJST_BEGIN, ""),
    (Verzoeken, [key(KeyCode::End)], Action::Vz(VzMsg::Lijst(Move::Last)), LIJST_EIND, ""),
    (Verzoeken, [key(KeyCode::Enter)], Action::Vz(VzMsg::Open), "Contactverzoek openen met logboek", "openen"),
    (Verzoeken, [ch('a')], Action::Vz(VzMsg::Afhandelen), "Resultaat vastleggen (teruggebeld, niet bereikt, doorgezet)", "afhandelen"),
    (Verzoeken, [ch('f')], Action::Vz(VzMsg::Filter), "Filter: alle open / aan mij / verwerkt", "filter"),
    (Verzoeken, [ch('z')], Action::Vz(VzMsg::Zoeken), "Zoeken op klant, telefoonnummer of e-mail", "zoeken"),
    (Verzoeken, [key(KeyCode::Esc)], Action::Vz(VzMsg::Back), "Terug naar de lijst; zoekopdracht wissen", "terug"),
    (VerzoekZoeken, [key(KeyCode::Backspace)], Action::Vz(VzMsg::Backspace), "Teken wissen", ""),
    (VerzoekZoeken, [key(KeyCode::Left)], Action::Vz(VzMsg::Edit(Edit::Left)), "Cursor een teken terug", ""),
    (VerzoekZoeken, [key(KeyCode::Right)], Action::Vz(VzMsg::Edit(Edit::Right)), "Cursor een teken verder", ""),
    (VerzoekZoeken, [key(KeyCode::Home)], Action::Vz(VzMsg::Edit(Edit::Home)), "Cursor naar het begin", ""),
    (VerzoekZoeken, [key(KeyCode::End)], Action::Vz(VzMsg::Edit(Edit::End)), "Cursor naar het eind", ""),
    (VerzoekZoeken, [key(KeyCode::Delete)], Action::Vz(VzMsg::Edit(Edit::Delete)), "Teken onder de cursor wissen", ""),
    (VerzoekZoeken, [ctrl('w')], Action::Vz(VzMsg::Edit(Edit::DeleteWord)), "Woord voor de cursor wissen", ""),
    (VerzoekZoeken, [key(KeyCode::Enter)], Action::Vz(VzMsg::Save), "Klaar met zoeken (terug naar de lijst)", "klaar"),
    (VerzoekZoeken, [key(KeyCode::Esc)], Action::Vz(VzMsg::Back), "Zoekopdracht wissen", "wissen"),
    (VerzoekAfhandelen, [key(KeyCode::Right)], Action::Vz(VzMsg::Cycle(true)), "Volgend resultaat", ""),
    (VerzoekAfhandelen, [key(KeyCode::Left)], Action::Vz(VzMsg::Cycle(false)), "Vorig resultaat", ""),
    (VerzoekAfhandelen, [key(KeyCode::Backspace)], Action::Vz(VzMsg::Backspace), "Teken wissen", ""),
    (VerzoekAfhandelen, [key(KeyCode::Home)], Action::Vz(VzMsg::Edit(Edit::Home)), "Cursor naar het begin", ""),
    (VerzoekAfhandelen, [key(KeyCode::End)], Action::Vz(VzMsg::Edit(Edit::End)), "Cursor naar het eind", ""),
    (VerzoekAfhandelen, [key(KeyCode::Delete)], Action::Vz(VzMsg::Edit(Edit::Delete)), "Teken onder de cursor wissen", ""),
    (VerzoekAfhandelen, [ctrl('w')], Action::Vz(VzMsg::Edit(Edit::DeleteWord)), "Woord voor de cursor wissen", ""),
    (VerzoekAfhandelen, [key(KeyCode::Enter)], Action::Vz(VzMsg::Save), "Resultaat opslaan (met logboekregel)", "opslaan"),
    (VerzoekAfhandelen, [key(KeyCode::Esc)], Action::Vz(VzMsg::Back), "Niet vastleggen", "annuleren"),
    (Verzoeken, [ch('b')], Action::Tel(TelMsg::Beschikbaar), "Telefoon: beschikbaar (aangemeld, gesprekken komen binnen)", "beschikbaar"),
    (Verzoeken, [ch('p')], Action::Tel(TelMsg::Pauze), "Telefoon: pauze, met een reden", "pauze"),
    (Verzoeken, [ch('x')], Action::Tel(TelMsg::Afmelden), "Telefoon: afmelden", ""),
};
