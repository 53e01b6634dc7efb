//! The keys of the wrap-up, one a line: (mode, keys, action, what the help says, the hint
//! line's word: empty is not in the hint line). `keymap::alle` reads them with every other table.

use ratatui::crossterm::event::KeyCode;

use crate::app::Action;
use crate::app::keymap::{Binding, alt, bindings, ch, ctrl, key};
use crate::app::klantgeleiding::KgMsg;
use crate::app::registratie::RegMsg;
use crate::app::text_field::Edit;

pub static BINDINGS: &[Binding] = bindings! {
    (Navigatie, [key(KeyCode::F(5)), alt('r')], Action::Reg(RegMsg::Open), "Contactmoment registreren: het contact in behandeling (zonder contact begint er een)", "registreren"),
    (Registratie, [key(KeyCode::Tab), key(KeyCode::Down)], Action::Reg(RegMsg::NextField), "Volgend veld", ""),
    (Registratie, [key(KeyCode::BackTab), key(KeyCode::Up)], Action::Reg(RegMsg::PrevField), "Vorig veld", ""),
    (Registratie, [key(KeyCode::Right)], Action::Reg(RegMsg::NextOption), "Volgende keuze (kanaal, resultaat, afdeling, aan, termijn); in een tekstveld: cursor een teken verder", ""),
    (Registratie, [key(KeyCode::Left)], Action::Reg(RegMsg::PrevOption), "Vorige keuze; in een tekstveld: cursor een teken terug", ""),
    (Registratie, [key(KeyCode::Home)], Action::Reg(RegMsg::Edit(Edit::Home)), "In een tekstveld: cursor naar het begin", ""),
    (Registratie, [key(KeyCode::End)], Action::Reg(RegMsg::Edit(Edit::End)), "In een tekstveld: cursor naar het eind", ""),
    (Registratie, [key(KeyCode::Delete)], Action::Reg(RegMsg::Edit(Edit::Delete)), "In een tekstveld: teken onder de cursor wissen", ""),
    (Registratie, [ctrl('w')], Action::Reg(RegMsg::Edit(Edit::DeleteWord)), "In een tekstveld: woord voor de cursor wissen", ""),
    (Registratie, [key(KeyCode::Backspace)], Action::Reg(RegMsg::Backspace), "Teken wissen", ""),
    (Registratie, [ctrl('s')], Action::Reg(RegMsg::Save), "Registratie opslaan", "opslaan"),
    (Registratie, [key(KeyCode::Enter)], Action::Reg(RegMsg::Enter), "Volgend veld; op het laatste veld: opslaan", ""),
    (Registratie, [ctrl('n')], Action::Reg(RegMsg::VraagErbij), "Nog een vraag in hetzelfde contact", "vraag erbij"),
    (Registratie, [ctrl('t')], Action::Reg(RegMsg::Verzoek), "Contactverzoek (terugbelverzoek) toevoegen of weghalen", "contactverzoek"),
    (Registratie, [ctrl('a')], Action::Reg(RegMsg::Anoniem), "Klant of anoniem", "anoniem"),
    (Registratie, [alt('a')], Action::Reg(RegMsg::Afspraak), "Afspraak maken voor de klant (komt in de notitie)", "afspraak"),
    (Registratie, [alt('t')], Action::Reg(RegMsg::Kanaal(crate::domain::Kanaal::Telefoon)), "Kanaal telefoon", ""),
    (Registratie, [alt('b')], Action::Reg(RegMsg::Kanaal(crate::domain::Kanaal::Balie)), "Kanaal balie", ""),
    (Registratie, [alt('e')], Action::Reg(RegMsg::Kanaal(crate::domain::Kanaal::Email)), "Kanaal e-mail", ""),
    (Registratie, [alt('c')], Action::Reg(RegMsg::Kanaal(crate::domain::Kanaal::Chat)), "Kanaal chat", ""),
    (Registratie, [alt('s')], Action::Reg(RegMsg::Kanaal(crate::domain::Kanaal::SocialMedia)), "Kanaal social media", ""),
    (Registratie, [alt('p')], Action::Reg(RegMsg::Kanaal(crate::domain::Kanaal::Post)), "Kanaal post", ""),
    (Registratie, [key(KeyCode::Esc)], Action::Reg(RegMsg::Cancel), "Registratie annuleren (vraagt eerst bij ingevulde gegevens)", "annuleren"),
    (Annuleren, [ch('j'), ch('y')], Action::Reg(RegMsg::CancelConfirmed(true)), "Ja, registratie weggooien", "ja"),
    (Annuleren, [ch('n'), key(KeyCode::Esc)], Action::Reg(RegMsg::CancelConfirmed(false)), "Nee, verder met de registratie", "nee"),
    (Concept, [ch('j'), ch('y'), key(KeyCode::Enter)], Action::Reg(RegMsg::ConceptHerstellen(true)), "Conceptregistratie herstellen", "herstellen"),
    (Concept, [ch('n'), key(KeyCode::Esc)], Action::Reg(RegMsg::ConceptHerstellen(false)), "Concept weggooien", "weggooien"),
    (Registratie, [ctrl('z')], Action::Kg(KgMsg::Ongedaan), "Bezoeker toch niet klaar: terug in behandeling (binnen 10 seconden, registratie nog leeg)", ""),
};
