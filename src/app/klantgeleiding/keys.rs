//! The keys of the Klantgeleiding pane, one a line: (mode, keys, action, what the help says, the hint
//! line's word: empty is not in the hint line). `keymap::alle` reads them with every other table.

use ratatui::crossterm::event::KeyCode;

use crate::app::Action;
use crate::app::kas::KasMsg;
use crate::app::kas::VensterSoort;
use crate::app::keymap::{
    Binding, LIJST_BEGIN, LIJST_EIND, PAGINA_NEER, PAGINA_OP, bindings, ch, ctrl, key,
};
use crate::app::klantgeleiding::KgMsg;
use crate::app::list_cursor::Move;
use crate::app::text_field::Edit;

pub static BINDINGS: &[Binding] = bindings! {
    (Klantgeleiding, [ch('n')], Action::Kg(KgMsg::Inchecken), "Bezoeker inchecken: dienst kiezen, ticketnummer (Ctrl-K koppelt de open klant)", "inchecken"),
    (Klantgeleiding, [ch('a')], Action::Kg(KgMsg::Afspraak), "Bezoeker met een afspraak inchecken (zoek op naam, tijd of balie)", "afspraak"),
    (Klantgeleiding, [ch('v')], Action::Kg(KgMsg::Volgende), "Volgende bezoeker oproepen naar deze balie", "volgende"),
    (Klantgeleiding, [ch('h')], Action::Kg(KgMsg::Stap('h')), "Nummer nog eens oproepen", "herhalen"),
    (Klantgeleiding, [ch('s')], Action::Kg(KgMsg::Stap('s')), "Beginnen met helpen", "start"),
    (Klantgeleiding, [ch('k')], Action::Kg(KgMsg::Stap('k')), "Klaar (opent de registratie, kanaal balie)", "klaar"),
    (Klantgeleiding, [ch('x')], Action::Kg(KgMsg::Stap('x')), "Niet verschenen (na twee keer oproepen)", ""),
    (Klantgeleiding, [ch('g')], Action::Kas(KasMsg::Open(VensterSoort::Gast)), "Bezoeker voor een medewerker registreren (geen klant): naam, voor wie, bedrijf", "gast"),
    (Klantgeleiding, [ch('u')], Action::Kas(KasMsg::Open(VensterSoort::Gebouw)), "Wie is er in het gebouw; Enter meldt de gekozen bezoeker af (vertrokken)", "in gebouw"),
    (Klantgeleiding, [ch('b')], Action::Kas(KasMsg::Open(VensterSoort::Betaling)), "Betaling aan de balie (product, bedrag, contant of pin; geeft een bonnummer)", "betaling"),
    (Klantgeleiding, [ch('o')], Action::Kas(KasMsg::Open(VensterSoort::Kas)), "Kasopmaak: betalingen van vandaag, totalen, geteld bedrag en afsluiten", "kas"),
    (Klantgeleiding, [ch('m')], Action::Kg(KgMsg::AfspraakMaken), "Afspraak maken voor de bezoeker (gekoppelde klant) of de open klant", "afspraak maken"),
    (Klantgeleiding, [ch('d')], Action::Kg(KgMsg::Agenda), "Dagagenda per balie, spreekkamer en medewerker (niet verschenen markeren)", "agenda"),
    (Agenda, [key(KeyCode::Down)], Action::Kg(KgMsg::AgendaDown), "Volgende afspraak", ""),
    (Agenda, [key(KeyCode::Up)], Action::Kg(KgMsg::AgendaUp), "Vorige afspraak", ""),
    (Agenda, [key(KeyCode::PageUp)], Action::Kg(KgMsg::AgendaLijst(Move::PageUp)), PAGINA_OP, ""),
    (Agenda, [key(KeyCode::PageDown)], Action::Kg(KgMsg::AgendaLijst(Move::PageDown)), PAGINA_NEER, ""),
    (Agenda, [key(KeyCode::Home)], Action::Kg(KgMsg::AgendaLijst(Move::First)), LIJST_BEGIN, ""),
    (Agenda, [key(KeyCode::End)], Action::Kg(KgMsg::AgendaLijst(Move::Last)), LIJST_EIND, ""),
    (Agenda, [key(KeyCode::Right)], Action::Kg(KgMsg::AgendaBron(1)), "Volgende balie of medewerker", "balie/medewerker"),
    (Agenda, [key(KeyCode::Left)], Action::Kg(KgMsg::AgendaBron(-1)), "Vorige balie of medewerker", ""),
    (Agenda, [ch('+')], Action::Kg(KgMsg::AgendaDag(1)), "Volgende dag", "dag"),
    (Agenda, [ch('-')], Action::Kg(KgMsg::AgendaDag(-1)), "Vorige dag", ""),
    (Agenda, [ch('i')], Action::Kg(KgMsg::AgendaInchecken), "Deze afspraak inchecken (klant is er)", "inchecken"),
    (Agenda, [ch('x')], Action::Kg(KgMsg::AgendaNoShow), "Niet verschenen (als de afspraak begonnen is)", "niet verschenen"),
    (Agenda, [key(KeyCode::Esc)], Action::Kg(KgMsg::AgendaClose), "Agenda sluiten", "sluiten"),
    (Klantgeleiding, [ch('t')], Action::Kg(KgMsg::Doorsturen), "Doorsturen naar een andere dienst of balie (houdt de aankomsttijd)", "doorsturen"),
    (Klantgeleiding, [ctrl('z')], Action::Kg(KgMsg::Ongedaan), "Klaar of niet verschenen ongedaan maken (binnen 10 seconden)", ""),
    (Klantgeleiding, [ch('p')], Action::Kg(KgMsg::Parkeren), "Bezoeker parkeren (haalt iets op); intussen de volgende oproepen", ""),
    (Klantgeleiding, [ch('r')], Action::Kg(KgMsg::Hervatten), "Geparkeerde bezoeker weer helpen", ""),
    (Inchecken, [key(KeyCode::Down)], Action::Kg(KgMsg::Down), "Volgende dienst", ""),
    (Inchecken, [key(KeyCode::Up)], Action::Kg(KgMsg::Up), "Vorige dienst", ""),
    (Inchecken, [key(KeyCode::PageUp)], Action::Kg(KgMsg::Lijst(Move::PageUp)), PAGINA_OP, ""),
    (Inchecken, [key(KeyCode::PageDown)], Action::Kg(KgMsg::Lijst(Move::PageDown)), PAGINA_NEER, ""),
    (Inchecken, [key(KeyCode::Enter)], Action::Kg(KgMsg::Choose), "Inchecken voor deze dienst (geeft het ticketnummer)", "inchecken"),
    (Inchecken, [ctrl('k')], Action::Kg(KgMsg::KlantKoppelen), "De klant open in Zaak/Klant aan dit ticket koppelen (of weer niet)", "klant koppelen"),
    (Inchecken, [key(KeyCode::Backspace)], Action::Kg(KgMsg::Backspace), "Teken wissen", ""),
    (Inchecken, [key(KeyCode::Left)], Action::Kg(KgMsg::Edit(Edit::Left)), "Cursor een teken terug", ""),
    (Inchecken, [key(KeyCode::Right)], Action::Kg(KgMsg::Edit(Edit::Right)), "Cursor een teken verder", ""),
    (Inchecken, [key(KeyCode::Home)], Action::Kg(KgMsg::Edit(Edit::Home)), "Cursor naar het begin", ""),
    (Inchecken, [key(KeyCode::End)], Action::Kg(KgMsg::Edit(Edit::End)), "Cursor naar het eind", ""),
    (Inchecken, [key(KeyCode::Delete)], Action::Kg(KgMsg::Edit(Edit::Delete)), "Teken onder de cursor wissen", ""),
    (Inchecken, [ctrl('w')], Action::Kg(KgMsg::Edit(Edit::DeleteWord)), "Woord voor de cursor wissen", ""),
    (Inchecken, [key(KeyCode::Esc)], Action::Kg(KgMsg::Back), "Niet inchecken", "annuleren"),
};
