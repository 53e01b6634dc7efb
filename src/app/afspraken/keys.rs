//! The keys of the afspraak form, one a line: (mode, keys, action, what the help says, the hint
//! line's word: empty is not in the hint line). `keymap::alle` reads them with every other table.

use ratatui::crossterm::event::KeyCode;

use crate::app::Action;
use crate::app::afspraken::AfspraakMsg;
use crate::app::keymap::{
    Binding, LIJST_BEGIN, LIJST_EIND, PAGINA_NEER, PAGINA_OP, bindings, ch, ctrl, key,
};
use crate::app::list_cursor::Move;
use crate::app::text_field::Edit;

pub static BINDINGS: &[Binding] = bindings! {
    (Overal, [ctrl('o')], Action::Afspraak(AfspraakMsg::Opnieuw), "Geweigerde afspraak (een andere desk was eerder): de klant een ander tijdstip aanbieden", ""),
    (Afspraak, [key(KeyCode::Down)], Action::Afspraak(AfspraakMsg::Down), "Volgende dienst of tijd", ""),
    (Afspraak, [key(KeyCode::Up)], Action::Afspraak(AfspraakMsg::Up), "Vorige dienst of tijd", ""),
    (Afspraak, [key(KeyCode::PageUp)], Action::Afspraak(AfspraakMsg::Lijst(Move::PageUp)), PAGINA_OP, ""),
    (Afspraak, [key(KeyCode::PageDown)], Action::Afspraak(AfspraakMsg::Lijst(Move::PageDown)), PAGINA_NEER, ""),
    (Afspraak, [key(KeyCode::Home)], Action::Afspraak(AfspraakMsg::Lijst(Move::First)), LIJST_BEGIN, ""),
    (Afspraak, [key(KeyCode::End)], Action::Afspraak(AfspraakMsg::Lijst(Move::Last)), LIJST_EIND, ""),
    (Afspraak, [ch(' ')], Action::Afspraak(AfspraakMsg::Toggle), "Dienst kiezen of weglaten (meer diensten: de duur telt op)", "kiezen"),
    (Afspraak, [key(KeyCode::Enter)], Action::Afspraak(AfspraakMsg::Verder), "Vrije tijden zoeken; op een tijd: boeken; na de bevestiging: sluiten", "verder"),
    (Afspraak, [ch('b')], Action::Afspraak(AfspraakMsg::Plek), "Bij de vrije tijden: alleen bij de volgende geschikte balie (na de laatste: elke)", "balie"),
    (Afspraak, [ch('m')], Action::Afspraak(AfspraakMsg::Maand), "Bij de vrije tijden: maandoverzicht om een dag te kiezen (pijltjes, Enter)", "maand"),
    (Afspraak, [key(KeyCode::Left)], Action::Afspraak(AfspraakMsg::Left), "In het maandoverzicht: dag terug", ""),
    (Afspraak, [key(KeyCode::Right)], Action::Afspraak(AfspraakMsg::Right), "In het maandoverzicht: dag verder", ""),
    (Afspraak, [ch('n')], Action::Afspraak(AfspraakMsg::Nieuwe), "Bij de afspraken van de klant: nieuwe afspraak", "nieuw"),
    (Afspraak, [ch('v')], Action::Afspraak(AfspraakMsg::Verzetten), "Afspraak verzetten (nieuwe tijd voor dezelfde diensten; de oude blijft in de historie)", "verzetten"),
    (Afspraak, [ch('x')], Action::Afspraak(AfspraakMsg::Annuleren), "Afspraak annuleren (met een reden)", "annuleren"),
    (AfspraakReden, [key(KeyCode::Enter)], Action::Afspraak(AfspraakMsg::Verder), "Annuleren met deze reden", "annuleren"),
    (AfspraakReden, [key(KeyCode::Backspace)], Action::Afspraak(AfspraakMsg::Backspace), "Teken wissen", ""),
    (AfspraakReden, [key(KeyCode::Left)], Action::Afspraak(AfspraakMsg::Edit(Edit::Left)), "Cursor een teken terug", ""),
    (AfspraakReden, [key(KeyCode::Right)], Action::Afspraak(AfspraakMsg::Edit(Edit::Right)), "Cursor een teken verder", ""),
    (AfspraakReden, [key(KeyCode::Home)], Action::Afspraak(AfspraakMsg::Edit(Edit::Home)), "Cursor naar het begin", ""),
    (AfspraakReden, [key(KeyCode::End)], Action::Afspraak(AfspraakMsg::Edit(Edit::End)), "Cursor naar het eind", ""),
    (AfspraakReden, [key(KeyCode::Delete)], Action::Afspraak(AfspraakMsg::Edit(Edit::Delete)), "Teken onder de cursor wissen", ""),
    (AfspraakReden, [ctrl('w')], Action::Afspraak(AfspraakMsg::Edit(Edit::DeleteWord)), "Woord voor de cursor wissen", ""),
    (AfspraakReden, [key(KeyCode::Esc)], Action::Afspraak(AfspraakMsg::Back), "Niet annuleren", "terug"),
    (Afspraak, [key(KeyCode::Esc)], Action::Afspraak(AfspraakMsg::Back), "Terug (van de tijden naar de diensten; anders sluiten)", "terug"),
};
