//! The keys of the telephone, one a line: (mode, keys, action, what the help says, the hint
//! line's word: empty is not in the hint line). `keymap::alle` reads them with every other table.

use ratatui::crossterm::event::KeyCode;

use crate::app::Action;
use crate::app::keymap::{Binding, PAGINA_NEER, PAGINA_OP, bindings, ch, ctrl, key};
use crate::app::list_cursor::Move;
use crate::app::telefonie::TelMsg;
use crate::app::text_field::Edit;

pub static BINDINGS: &[Binding] = bindings! {
    (Overal, [key(KeyCode::F(6))], Action::Tel(TelMsg::AannemenOphangen), "Telefoon: gesprek aannemen, of ophangen (opent de registratie, nawerk begint)", ""),
    (Overal, [key(KeyCode::F(7))], Action::Tel(TelMsg::Wacht), "Telefoon: beller in de wacht zetten of terugnemen", ""),
    (Overal, [key(KeyCode::F(8))], Action::Tel(TelMsg::Doorverbinden), "Telefoon: warm doorverbinden met een collega of afdeling", ""),
    (PauzeKiezen, [ch('1')], Action::Tel(TelMsg::PauzeReden(1)), "Pauze: koffie", "koffie"),
    (PauzeKiezen, [ch('2')], Action::Tel(TelMsg::PauzeReden(2)), "Pauze: lunch", "lunch"),
    (PauzeKiezen, [ch('3')], Action::Tel(TelMsg::PauzeReden(3)), "Pauze: overleg", "overleg"),
    (PauzeKiezen, [ch('4')], Action::Tel(TelMsg::PauzeReden(4)), "Pauze: training", "training"),
    (PauzeKiezen, [ch('5')], Action::Tel(TelMsg::PauzeReden(5)), "Pauze: overig", "overig"),
    (PauzeKiezen, [key(KeyCode::Esc)], Action::Tel(TelMsg::PauzeReden(0)), "Geen pauze", "annuleren"),
    (Doorverbinden, [key(KeyCode::Down)], Action::Tel(TelMsg::KiesDown), "Volgende collega of afdeling", ""),
    (Doorverbinden, [key(KeyCode::Up)], Action::Tel(TelMsg::KiesUp), "Vorige collega of afdeling", ""),
    (Doorverbinden, [key(KeyCode::PageUp)], Action::Tel(TelMsg::KiesLijst(Move::PageUp)), PAGINA_OP, ""),
    (Doorverbinden, [key(KeyCode::PageDown)], Action::Tel(TelMsg::KiesLijst(Move::PageDown)), PAGINA_NEER, ""),
    (Doorverbinden, [key(KeyCode::Enter)], Action::Tel(TelMsg::Kies(false)), "Doorverbinden (warm: de beller wacht tot er wordt opgenomen)", "doorverbinden"),
    (Doorverbinden, [ctrl('e')], Action::Tel(TelMsg::Kies(true)), "Erachter zetten: wachten op een collega die in gesprek is (letters zoeken in de lijst)", "erachter"),
    (Doorverbinden, [key(KeyCode::Backspace)], Action::Tel(TelMsg::ZoekBackspace), "Zoekletter wissen", ""),
    (Doorverbinden, [key(KeyCode::Left)], Action::Tel(TelMsg::ZoekEdit(Edit::Left)), "Cursor een teken terug", ""),
    (Doorverbinden, [key(KeyCode::Right)], Action::Tel(TelMsg::ZoekEdit(Edit::Right)), "Cursor een teken verder", ""),
    (Doorverbinden, [key(KeyCode::Home)], Action::Tel(TelMsg::ZoekEdit(Edit::Home)), "Cursor naar het begin", ""),
    (Doorverbinden, [key(KeyCode::End)], Action::Tel(TelMsg::ZoekEdit(Edit::End)), "Cursor naar het eind", ""),
    (Doorverbinden, [key(KeyCode::Delete)], Action::Tel(TelMsg::ZoekEdit(Edit::Delete)), "Teken onder de cursor wissen", ""),
    (Doorverbinden, [ctrl('w')], Action::Tel(TelMsg::ZoekEdit(Edit::DeleteWord)), "Woord voor de cursor wissen", ""),
    (Doorverbinden, [key(KeyCode::Esc)], Action::Tel(TelMsg::KiesBack), "Niet doorverbinden", "annuleren"),
};
