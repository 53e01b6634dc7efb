//! The keys of the floor view, one a line: (mode, keys, action, what the help says, the hint
//! line's word: empty is not in the hint line). `keymap::alle` reads them with every other table.

use ratatui::crossterm::event::KeyCode;

use crate::app::Action;
use crate::app::keymap::{Binding, bindings, ch, key};
use crate::app::vloer::VloerMsg;

pub static BINDINGS: &[Binding] = bindings! {
    (Overal, [key(KeyCode::F(9))], Action::Vloer(VloerMsg::Toggle), "Vloer: telefoon, medewerkers, balie, afspraken, contactverzoeken tegen de normen (supervisor)", ""),
    (Vloer, [key(KeyCode::Esc)], Action::Vloer(VloerMsg::Back), "Terug naar de tegels, of de vloer sluiten", "terug"),
    (Vloer, [key(KeyCode::Right)], Action::Vloer(VloerMsg::Move(1, 0)), "Volgende tegel", ""),
    (Vloer, [key(KeyCode::Left)], Action::Vloer(VloerMsg::Move(-1, 0)), "Vorige tegel", ""),
    (Vloer, [key(KeyCode::Down)], Action::Vloer(VloerMsg::Move(0, 1)), "Tegel eronder", ""),
    (Vloer, [key(KeyCode::Up)], Action::Vloer(VloerMsg::Move(0, -1)), "Tegel erboven", ""),
    (Vloer, [key(KeyCode::Enter)], Action::Vloer(VloerMsg::Detail), "De regels achter de gekozen tegel (en terug)", "details"),
    (Vloer, [ch('s')], Action::Vloer(VloerMsg::Sorteer), "Medewerkers sorteren: naam, status, gesprekken, bezetting", "sorteren"),
};
