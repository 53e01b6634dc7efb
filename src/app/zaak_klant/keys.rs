//! The keys of the Zaak/Klant pane, one a line: (mode, keys, action, what the help says, the hint
//! line's word: empty is not in the hint line). `keymap::alle` reads them with every other table.

use ratatui::crossterm::event::KeyCode;

use crate::app::Action;
use crate::app::afspraken::AfspraakMsg;
use crate::app::keymap::{
    Binding, LIJST_BEGIN, LIJST_EIND, PAGINA_NEER, PAGINA_OP, bindings, ch, ctrl, key,
};
use crate::app::list_cursor::Move;
use crate::app::text_field::Edit;
use crate::app::zaak_klant::ZkMsg;

pub static BINDINGS: &[Binding] = bindings! {
    (Balie, [ch('/')], Action::Zk(ZkMsg::ZoekActiveren), "Zoek klant of zaak (BSN, KvK, postcode + huisnummer, telefoon, e-mail, naam, zaaknummer)", "zoeken"),
    (Zoeken, [key(KeyCode::Down)], Action::Zk(ZkMsg::Down), "Volgende treffer", ""),
    (Zoeken, [key(KeyCode::Up)], Action::Zk(ZkMsg::Up), "Vorige treffer", ""),
    (Zoeken, [key(KeyCode::PageUp)], Action::Zk(ZkMsg::Lijst(Move::PageUp)), PAGINA_OP, ""),
    (Zoeken, [key(KeyCode::PageDown)], Action::Zk(ZkMsg::Lijst(Move::PageDown)), PAGINA_NEER, ""),
    (Zoeken, [key(KeyCode::Enter)], Action::Zk(ZkMsg::Open), "Treffer openen", "openen"),
    (Zoeken, [key(KeyCode::Backspace)], Action::Zk(ZkMsg::ZoekBackspace), "Teken wissen", ""),
    (Zoeken, [ctrl('u')], Action::Zk(ZkMsg::ZoekWissen), "Zoekveld leegmaken", "leegmaken"),
    (Zoeken, [key(KeyCode::Left)], Action::Zk(ZkMsg::Edit(Edit::Left)), "Cursor een teken terug", ""),
    (Zoeken, [key(KeyCode::Right)], Action::Zk(ZkMsg::Edit(Edit::Right)), "Cursor een teken verder", ""),
    (Zoeken, [key(KeyCode::Home)], Action::Zk(ZkMsg::Edit(Edit::Home)), "Cursor naar het begin", ""),
    (Zoeken, [key(KeyCode::End)], Action::Zk(ZkMsg::Edit(Edit::End)), "Cursor naar het eind", ""),
    (Zoeken, [key(KeyCode::Delete)], Action::Zk(ZkMsg::Edit(Edit::Delete)), "Teken onder de cursor wissen", ""),
    (Zoeken, [ctrl('w')], Action::Zk(ZkMsg::Edit(Edit::DeleteWord)), "Woord voor de cursor wissen", ""),
    (Zoeken, [key(KeyCode::Esc)], Action::Zk(ZkMsg::Back), "Zoekveld leegmaken; nog eens: zoekveld verlaten", "terug"),
    (Klantbeeld, [ctrl('k')], Action::ContactKoppelen, "Koppel deze klant aan het contact in behandeling (anders blijft het contact anoniem; nog eens: ontkoppelen)", "koppelen"),
    (Klantbeeld, [ch('b')], Action::Zk(ZkMsg::BsnTonen), "BSN tonen of verbergen (tonen wordt gelogd)", "BSN"),
    (Klantbeeld, [key(KeyCode::Down)], Action::Zk(ZkMsg::Down), "Volgende zaak", ""),
    (Klantbeeld, [key(KeyCode::Up)], Action::Zk(ZkMsg::Up), "Vorige zaak", ""),
    (Klantbeeld, [key(KeyCode::PageUp)], Action::Zk(ZkMsg::Lijst(Move::PageUp)), PAGINA_OP, ""),
    (Klantbeeld, [key(KeyCode::PageDown)], Action::Zk(ZkMsg::Lijst(Move::PageDown)), PAGINA_NEER, ""),
    (Klantbeeld, [key(KeyCode::Home)], Action::Zk(ZkMsg::Lijst(Move::First)), LIJST_BEGIN, ""),
    (Klantbeeld, [key(KeyCode::End)], Action::Zk(ZkMsg::Lijst(Move::Last)), LIJST_EIND, ""),
    (Klantbeeld, [key(KeyCode::Enter)], Action::Zk(ZkMsg::Open), "Zaak openen", "zaak"),
    (Klantbeeld, [key(KeyCode::Esc)], Action::Zk(ZkMsg::Back), "Terug naar de zoekresultaten", "terug"),
    // '/' searches from every pane (see the panes' hints); room in the hint line for Ctrl-K.
    (Klantbeeld, [ch('/')], Action::Zk(ZkMsg::ZoekActiveren), "Nieuwe zoekvraag", ""),
    (Klantbeeld, [ch('w')], Action::Zk(ZkMsg::KlantWijzigen), "Telefoonnummer of e-mailadres corrigeren", "wijzigen"),
    (Klantbeeld, [ch('l')], Action::Zk(ZkMsg::AuditTonen), "Inzagelog: wie bekeek deze klant (supervisor, privacy officer; dit lezen wordt ook gelogd)", ""),
    (Zoeken, [ctrl('k')], Action::Zk(ZkMsg::KlantNieuw), "Nieuwe klant aanmaken (naam en telefoon of e-mail)", "nieuwe klant"),
    (KlantForm, [key(KeyCode::Tab), key(KeyCode::Down)], Action::Zk(ZkMsg::FormNext), "Volgend veld", ""),
    (KlantForm, [key(KeyCode::BackTab), key(KeyCode::Up)], Action::Zk(ZkMsg::FormPrev), "Vorig veld", ""),
    (KlantForm, [key(KeyCode::Backspace)], Action::Zk(ZkMsg::FormBackspace), "Teken wissen", ""),
    (KlantForm, [key(KeyCode::Left)], Action::Zk(ZkMsg::FormEdit(Edit::Left)), "Cursor een teken terug", ""),
    (KlantForm, [key(KeyCode::Right)], Action::Zk(ZkMsg::FormEdit(Edit::Right)), "Cursor een teken verder", ""),
    (KlantForm, [key(KeyCode::Home)], Action::Zk(ZkMsg::FormEdit(Edit::Home)), "Cursor naar het begin", ""),
    (KlantForm, [key(KeyCode::End)], Action::Zk(ZkMsg::FormEdit(Edit::End)), "Cursor naar het eind", ""),
    (KlantForm, [key(KeyCode::Delete)], Action::Zk(ZkMsg::FormEdit(Edit::Delete)), "Teken onder de cursor wissen", ""),
    (KlantForm, [ctrl('w')], Action::Zk(ZkMsg::FormEdit(Edit::DeleteWord)), "Woord voor de cursor wissen", ""),
    (KlantForm, [key(KeyCode::Enter)], Action::Zk(ZkMsg::FormEnter), "Volgend veld; op het laatste veld: opslaan", ""),
    (KlantForm, [ctrl('s')], Action::Zk(ZkMsg::FormSave), "Opslaan", "opslaan"),
    (KlantForm, [key(KeyCode::Esc)], Action::Zk(ZkMsg::FormCancel), "Annuleren", "annuleren"),
    (Zaak, [ctrl('k')], Action::ContactKoppelen, "Koppel deze zaak (en, zonder gekoppelde klant, de aanvrager) aan het contact (nog eens: ontkoppelen)", "koppelen"),
    (Zaak, [ch('k')], Action::Zk(ZkMsg::AanvragerOpenen), "Klantbeeld van de aanvrager openen", "klantbeeld aanvrager"),
    (Zaak, [key(KeyCode::Esc)], Action::Zk(ZkMsg::Back), "Terug (naar het klantbeeld of de zoekresultaten)", "terug"),
    (Zaak, [ch('/')], Action::Zk(ZkMsg::ZoekActiveren), "Nieuwe zoekvraag", "zoeken"),
    (Klantbeeld, [ch('a')], Action::Afspraak(AfspraakMsg::Nieuw), "Afspraak maken voor deze klant (dienst kiezen, vrije tijden, bevestiging)", "afspraak"),
};
