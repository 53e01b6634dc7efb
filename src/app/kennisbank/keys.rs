//! The keys of the kennisbank, one a line: (mode, keys, action, what the help says, the hint
//! line's word: empty is not in the hint line). `keymap::alle` reads them with every other table.

use ratatui::crossterm::event::KeyCode;

use crate::app::Action;
use crate::app::kennisbank::KbMsg;
use crate::app::keymap::{Binding, PAGINA_NEER, PAGINA_OP, alt, bindings, ch, ctrl, key};
use crate::app::list_cursor::Move;
use crate::app::text_field::Edit;

pub static BINDINGS: &[Binding] = bindings! {
    (KbZoeken, [key(KeyCode::Down)], Action::Kb(KbMsg::Down), "Volgend artikel", ""),
    (KbZoeken, [key(KeyCode::Up)], Action::Kb(KbMsg::Up), "Vorig artikel", ""),
    (KbZoeken, [key(KeyCode::PageUp)], Action::Kb(KbMsg::Lijst(Move::PageUp)), PAGINA_OP, ""),
    (KbZoeken, [key(KeyCode::PageDown)], Action::Kb(KbMsg::Lijst(Move::PageDown)), PAGINA_NEER, ""),
    (KbZoeken, [ctrl('p')], Action::Kb(KbMsg::VorigeVraag), "Vorige zoekvraag terughalen (ook van een eerder contact)", ""),
    (KbZoeken, [key(KeyCode::Enter)], Action::Kb(KbMsg::Open), "Artikel openen (wordt bron van de registratie)", "openen"),
    (KbZoeken, [key(KeyCode::Backspace)], Action::Kb(KbMsg::Backspace), "Teken wissen", ""),
    (KbZoeken, [ctrl('u')], Action::Kb(KbMsg::Wissen), "Zoekveld leegmaken", ""),
    (KbZoeken, [key(KeyCode::Left)], Action::Kb(KbMsg::Edit(Edit::Left)), "Cursor een teken terug", ""),
    (KbZoeken, [key(KeyCode::Right)], Action::Kb(KbMsg::Edit(Edit::Right)), "Cursor een teken verder", ""),
    (KbZoeken, [key(KeyCode::Home)], Action::Kb(KbMsg::Edit(Edit::Home)), "Cursor naar het begin", ""),
    (KbZoeken, [key(KeyCode::End)], Action::Kb(KbMsg::Edit(Edit::End)), "Cursor naar het eind", ""),
    (KbZoeken, [key(KeyCode::Delete)], Action::Kb(KbMsg::Edit(Edit::Delete)), "Teken onder de cursor wissen", ""),
    (KbZoeken, [ctrl('w')], Action::Kb(KbMsg::Edit(Edit::DeleteWord)), "Woord voor de cursor wissen", ""),
    (KbZoeken, [key(KeyCode::Esc)], Action::Kb(KbMsg::Back), "Zoekveld leegmaken; nog eens: zoekveld verlaten", "terug"),
    (KbZoeken, [alt('s')], Action::Kb(KbMsg::Filter(false)), "Filter op soort (product, vac, werkinstructie, beslisboom, actueel; nog eens: volgende, daarna alles)", "soort"),
    (KbZoeken, [alt('a')], Action::Kb(KbMsg::Filter(true)), "Filter op afdeling (nog eens: volgende, daarna alles)", "afdeling"),
    (KbZoeken, [ctrl('r')], Action::Kb(KbMsg::Herladen), "Kennisbank opnieuw inlezen (gewijzigde bestanden)", ""),
    (KbZoeken, [ctrl('g')], Action::Kb(KbMsg::StatistiekOpenen), "Zoekgedrag: zoektermen zonder resultaat, meest gezocht en geopend, meldingen (supervisor)", ""),
    (KbArtikel, [alt('m')], Action::Kb(KbMsg::Melden), "Artikel melden aan de redactie (klopt niet, onvolledig, verouderd)", "melden"),
    (KbMelden, [key(KeyCode::Down), key(KeyCode::Tab)], Action::Kb(KbMsg::MeldingSoort(1)), "Volgende reden", "reden"),
    (KbMelden, [key(KeyCode::Up), key(KeyCode::BackTab)], Action::Kb(KbMsg::MeldingSoort(-1)), "Vorige reden", ""),
    (KbMelden, [key(KeyCode::Backspace)], Action::Kb(KbMsg::MeldingBackspace), "Teken wissen", ""),
    (KbMelden, [key(KeyCode::Left)], Action::Kb(KbMsg::MeldingEdit(Edit::Left)), "Cursor een teken terug", ""),
    (KbMelden, [key(KeyCode::Right)], Action::Kb(KbMsg::MeldingEdit(Edit::Right)), "Cursor een teken verder", ""),
    (KbMelden, [key(KeyCode::Home)], Action::Kb(KbMsg::MeldingEdit(Edit::Home)), "Cursor naar het begin", ""),
    (KbMelden, [key(KeyCode::End)], Action::Kb(KbMsg::MeldingEdit(Edit::End)), "Cursor naar het eind", ""),
    (KbMelden, [key(KeyCode::Delete)], Action::Kb(KbMsg::MeldingEdit(Edit::Delete)), "Teken onder de cursor wissen", ""),
    (KbMelden, [ctrl('w')], Action::Kb(KbMsg::MeldingEdit(Edit::DeleteWord)), "Woord voor de cursor wissen", ""),
    (KbMelden, [key(KeyCode::Enter)], Action::Kb(KbMsg::MeldingOpslaan), "Melding opslaan", "opslaan"),
    (KbMelden, [key(KeyCode::Esc)], Action::Kb(KbMsg::MeldingAnnuleren), "Niet melden", "annuleren"),
    (KbStatistiek, [key(KeyCode::Down)], Action::Kb(KbMsg::Down), "Omlaag scrollen", ""),
    (KbStatistiek, [key(KeyCode::Up)], Action::Kb(KbMsg::Up), "Omhoog scrollen", ""),
    (KbStatistiek, [key(KeyCode::Esc)], Action::Kb(KbMsg::Back), "Terug naar de kennisbank", "terug"),
    (KbArtikel, [key(KeyCode::Down)], Action::Kb(KbMsg::Down), "Omlaag scrollen", ""),
    (KbArtikel, [key(KeyCode::Up)], Action::Kb(KbMsg::Up), "Omhoog scrollen", ""),
    (KbArtikel, [ch('1')], Action::Kb(KbMsg::Keuze(1)), "Beslisboom: keuze 1 (2-9 voor de volgende keuzes)", ""),
    (KbArtikel, [ch('2')], Action::Kb(KbMsg::Keuze(2)), "Beslisboom: keuze 2", ""),
    (KbArtikel, [ch('3')], Action::Kb(KbMsg::Keuze(3)), "Beslisboom: keuze 3", ""),
    (KbArtikel, [ch('4')], Action::Kb(KbMsg::Keuze(4)), "Beslisboom: keuze 4", ""),
    (KbArtikel, [ch('5')], Action::Kb(KbMsg::Keuze(5)), "Beslisboom: keuze 5", ""),
    (KbArtikel, [ch('6')], Action::Kb(KbMsg::Keuze(6)), "Beslisboom: keuze 6", ""),
    (KbArtikel, [ch('7')], Action::Kb(KbMsg::Keuze(7)), "Beslisboom: keuze 7", ""),
    (KbArtikel, [ch('8')], Action::Kb(KbMsg::Keuze(8)), "Beslisboom: keuze 8", ""),
    (KbArtikel, [ch('9')], Action::Kb(KbMsg::Keuze(9)), "Beslisboom: keuze 9", ""),
    (KbArtikel, [key(KeyCode::Backspace)], Action::Kb(KbMsg::StapTerug), "Beslisboom: stap terug", ""),
    (KbArtikel, [key(KeyCode::Esc)], Action::Kb(KbMsg::Back), "Terug naar de zoekresultaten", "terug"),
};
