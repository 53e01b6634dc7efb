//! The one table of key bindings. The input handler looks keys up here and the help overlay is
//! generated from it, so the two can never disagree.

use crate::app::afspraken::AfspraakMsg;
use crate::app::kennisbank::KbMsg;
use crate::app::klantgeleiding::KgMsg;
use crate::app::profile_form::ProfielMsg;
use crate::app::registratie::RegMsg;
use crate::app::telefonie::TelMsg;
use crate::app::training::TrainingMsg;
use crate::app::verzoeken::VzMsg;
use crate::app::vloer::VloerMsg;
use crate::app::zaak_klant::ZkMsg;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::kas::{KasMsg, VensterSoort};
use super::list_cursor::Move;
use super::text_field::Edit;
use super::{Action, Pane};

/// Which set of bindings is active. A key is looked up in the mode itself, then in its
/// [`Mode::parents`] in order; the first binding found wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Everywhere, whatever is open.
    Overal,
    /// Moving between panes: works in the panes, also while typing in a search field.
    Navigatie,
    /// The four panes.
    Balie,
    /// Typing in the search field of Zaak/Klant.
    Zoeken,
    /// A klantbeeld is open.
    Klantbeeld,
    /// A zaak is open.
    Zaak,
    /// Correcting contact details or creating a klant.
    KlantForm,
    /// Typing in the Kennisbank search field.
    KbZoeken,
    /// A kennisbank article is open.
    KbArtikel,
    /// Flagging a kennisbank article.
    KbMelden,
    /// The supervisors' kennisbank statistics.
    KbStatistiek,
    /// Booking an afspraak.
    Afspraak,
    /// Typing why an afspraak is cancelled.
    AfspraakReden,
    /// The Klantgeleiding pane: check-in and calling at the balie.
    Klantgeleiding,
    /// Choosing the dienst for a walk-in visitor.
    Inchecken,
    /// The day agenda per balie and medewerker.
    Agenda,
    /// Bezoekersregistratie, who is in the building, a payment, or the till's day.
    KgVenster,
    /// The floor view over the desk (supervisors).
    Vloer,
    /// Training: the review over the desk.
    TrainingBeoordeling,
    /// Choosing a pause reason.
    PauzeKiezen,
    /// Choosing where to transfer a call.
    Doorverbinden,
    /// The help overlay.
    Help,
    /// A form with text fields (first-run profile).
    Formulier,
    /// The "really quit?" question.
    Bevestigen,
    /// The database could not be opened.
    Fout,
    /// The contact registration (wrap-up) form.
    Registratie,
    /// "Registratie annuleren?"
    Annuleren,
    /// "Conceptregistratie herstellen?"
    Concept,
    /// The contactverzoeken list (Wachtrij pane).
    Verzoeken,
    /// Typing a search in the contactverzoeken list.
    VerzoekZoeken,
    /// Recording the result of a contactverzoek.
    VerzoekAfhandelen,
    /// A registered feature's window is on top (see [`super::features`]).
    Feature(&'static str),
}

impl Mode {
    /// Where a key not bound in this mode is looked up next, in order.
    pub fn parents(self) -> &'static [Mode] {
        match self {
            Mode::Balie | Mode::Zoeken | Mode::KbZoeken => &[Mode::Navigatie, Mode::Overal],
            Mode::KbArtikel | Mode::KbStatistiek | Mode::Klantgeleiding => {
                &[Mode::Balie, Mode::Navigatie, Mode::Overal]
            }
            Mode::Klantbeeld | Mode::Zaak | Mode::Verzoeken => {
                &[Mode::Balie, Mode::Navigatie, Mode::Overal]
            }
            Mode::VerzoekZoeken => &[Mode::Navigatie, Mode::Overal],
            Mode::Overal => &[],
            _ => &[Mode::Overal],
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Mode::Feature(naam) => naam,
            Mode::Overal => "Overal",
            Mode::Navigatie => "Panelen wisselen",
            Mode::Balie => "Panelen",
            Mode::Zoeken => "Zaak/Klant: zoeken",
            Mode::Klantbeeld => "Zaak/Klant: klantbeeld",
            Mode::Zaak => "Zaak/Klant: zaak",
            Mode::KlantForm => "Zaak/Klant: klantgegevens",
            Mode::KbZoeken => "Kennisbank: zoeken",
            Mode::KbArtikel => "Kennisbank: artikel",
            Mode::KbMelden => "Kennisbank: artikel melden",
            Mode::KbStatistiek => "Kennisbank: zoekgedrag (supervisor)",
            Mode::PauzeKiezen => "Telefonie: pauze",
            Mode::Afspraak => "Afspraak maken",
            Mode::AfspraakReden => "Afspraak annuleren",
            Mode::Klantgeleiding => "Klantgeleiding",
            Mode::Inchecken => "Klantgeleiding: inchecken",
            Mode::Agenda => "Klantgeleiding: dagagenda",
            Mode::KgVenster => "Klantgeleiding: bezoekers en kas",
            Mode::Vloer => "Vloer (supervisor)",
            Mode::TrainingBeoordeling => "Training: beoordeling",
            Mode::Doorverbinden => "Telefonie: doorverbinden",
            Mode::Help => "Help",
            Mode::Formulier => "Formulier",
            Mode::Bevestigen => "Afsluiten bevestigen",
            Mode::Fout => "Foutmelding",
            Mode::Registratie => "Contactmoment registreren",
            Mode::Annuleren => "Registratie annuleren",
            Mode::Concept => "Conceptregistratie herstellen",
            Mode::Verzoeken => "Wachtrij: contactverzoeken",
            Mode::VerzoekZoeken => "Wachtrij: contactverzoek zoeken",
            Mode::VerzoekAfhandelen => "Wachtrij: contactverzoek afhandelen",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

pub const fn key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}
pub const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}
pub const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}
pub const fn alt(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::ALT,
    }
}

impl Key {
    /// How the key is written in the help overlay.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "Shift-Tab".to_string(),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Backspace => "Backspace".to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(' ') => "Spatie".to_string(),
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{}", base.to_uppercase())
        } else if self.mods.contains(KeyModifiers::ALT) {
            format!("Alt-{base}")
        } else {
            base
        }
    }

    /// Does a key event from the terminal match this binding? Shift on characters is part of the
    /// character itself (`?` arrives as Shift+`?` on some terminals), so it is ignored there.
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        let mut mods = ev.modifiers;
        if matches!(ev.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        ev.code == self.code && mods == self.mods
    }
}

pub struct Binding {
    pub mode: Mode,
    pub keys: &'static [Key],
    pub action: Action,
    /// What the key does, in the words of the help overlay.
    pub help: &'static str,
    /// One or two words for the hint line at the bottom; empty: not shown there.
    pub kort: &'static str,
}

/// The hints for the bottom line in `mode`: (first key, short text), own bindings first.
pub fn hints(mode: Mode) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for m in std::iter::once(mode).chain(mode.parents().iter().copied()) {
        for b in alle().filter(|b| b.mode == m && !b.kort.is_empty()) {
            // In an open article a letter starts the next question: the desk's letter keys
            // around it do not apply there.
            let letter = |k: &Key| {
                matches!(k.code, KeyCode::Char(c) if c.is_alphabetic())
                    && !k.mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            };
            if mode == Mode::KbArtikel && m != mode && b.keys.iter().all(letter) {
                continue;
            }
            // A child's binding for the same key hides the parent's.
            if out.iter().any(|(_, k)| *k == b.kort)
                || alle().any(|o| {
                    o.mode == mode && o.mode != m && o.keys.iter().any(|k| b.keys.contains(k))
                })
            {
                continue;
            }
            out.push((b.keys[0].label(), b.kort));
        }
    }
    out
}

/// How a mode takes typed characters that no binding claims: the action a character becomes
/// (none: the character is not taken), and what the help says of it.
pub struct TekstInvoer {
    pub actie: fn(char) -> Option<Action>,
    pub help: &'static str,
}

/// The text a mode takes. Every mode declares it here, beside its bindings, so the help shows
/// it and the key handling uses it (a letter in a text field is text, never a key).
pub fn tekst_invoer(mode: Mode) -> Option<TekstInvoer> {
    let veld = "typt in het veld (plakken kan ook)";
    let (actie, help): (fn(char) -> Option<Action>, &'static str) = match mode {
        Mode::Formulier => (|c| Some(Action::Profiel(ProfielMsg::Char(c))), veld),
        Mode::Zoeken => (|c| Some(Action::Zk(ZkMsg::ZoekChar(c))), veld),
        Mode::Registratie => (|c| Some(Action::Reg(RegMsg::Char(c))), veld),
        Mode::VerzoekZoeken | Mode::VerzoekAfhandelen => {
            (|c| Some(Action::Vz(VzMsg::Char(c))), veld)
        }
        Mode::KlantForm => (|c| Some(Action::Zk(ZkMsg::FormChar(c))), veld),
        Mode::KbZoeken => (|c| Some(Action::Kb(KbMsg::Char(c))), veld),
        Mode::KbMelden => (|c| Some(Action::Kb(KbMsg::MeldingChar(c))), veld),
        Mode::Inchecken => (|c| Some(Action::Kg(KgMsg::Char(c))), veld),
        Mode::KgVenster => (|c| Some(Action::Kas(KasMsg::Char(c))), veld),
        Mode::AfspraakReden => (|c| Some(Action::Afspraak(AfspraakMsg::Char(c))), veld),
        Mode::Doorverbinden => (
            |c| Some(Action::Tel(TelMsg::ZoekChar(c))),
            "letters zoeken in de lijst",
        ),
        // Typing a name or number in a pane without a text field starts a search; in an
        // open article a letter starts a new question (digits walk a beslisboom).
        Mode::Balie | Mode::Verzoeken => (
            |c| {
                c.is_alphanumeric()
                    .then_some(Action::Zk(ZkMsg::ZoekStart(c)))
            },
            "een naam, nummer of postcode typen begint een zoekvraag",
        ),
        Mode::KbArtikel => (
            |c| c.is_alphabetic().then_some(Action::Zk(ZkMsg::ZoekStart(c))),
            "een letter begint een nieuwe vraag",
        ),
        Mode::Feature(naam) => {
            let t = super::features::feature(naam)?.tekst.as_ref()?;
            (t.actie, t.help)
        }
        _ => return None,
    };
    Some(TekstInvoer { actie, help })
}

/// Builds the binding table from one line per binding: `(mode, [keys], action, help, kort)`.
macro_rules! bindings {
    ($(($mode:ident, [$($key:expr),* $(,)?], $action:expr, $help:expr, $kort:expr $(,)?)),* $(,)?) => {
        &[$(Binding {
            mode: Mode::$mode,
            keys: &[$($key),*],
            action: $action,
            help: $help,
            kort: $kort,
        }),*]
    };
}

/// The help of PgUp/PgDn/Home/End in every list (one README line names them all).
const PAGINA_OP: &str = "Een pagina omhoog in de lijst";
const PAGINA_NEER: &str = "Een pagina omlaag in de lijst";
const LIJST_BEGIN: &str = "Naar het begin van de lijst";
const LIJST_EIND: &str = "Naar het eind van de lijst";

/// Every key binding of loket, one a line: (mode, keys, action, what the help says, the hint
/// line's word: empty is not in the hint line).
pub static BINDINGS: &[Binding] = bindings! {
    (Overal, [ctrl('c')], Action::Quit, "Afsluiten (vraagt eerst bij niet-opgeslagen invoer)", ""),
    (Overal, [key(KeyCode::F(9))], Action::Vloer(VloerMsg::Toggle), "Vloer: telefoon, medewerkers, balie, afspraken, contactverzoeken tegen de normen (supervisor)", ""),
    (Overal, [key(KeyCode::F(10))], Action::Training(TrainingMsg::Beoordeling), "Training: de beoordeling tot nu toe (loket training)", ""),
    (TrainingBeoordeling, [key(KeyCode::Esc)], Action::Training(TrainingMsg::Beoordeling), "Beoordeling sluiten", "sluiten"),
    (TrainingBeoordeling, [key(KeyCode::Down)], Action::Training(TrainingMsg::Scroll(1)), "Verder lezen", ""),
    (TrainingBeoordeling, [key(KeyCode::Up)], Action::Training(TrainingMsg::Scroll(-1)), "Terug lezen", ""),
    (Vloer, [key(KeyCode::Esc)], Action::Vloer(VloerMsg::Back), "Terug naar de tegels, of de vloer sluiten", "terug"),
    (Vloer, [key(KeyCode::Right)], Action::Vloer(VloerMsg::Move(1, 0)), "Volgende tegel", ""),
    (Vloer, [key(KeyCode::Left)], Action::Vloer(VloerMsg::Move(-1, 0)), "Vorige tegel", ""),
    (Vloer, [key(KeyCode::Down)], Action::Vloer(VloerMsg::Move(0, 1)), "Tegel eronder", ""),
    (Vloer, [key(KeyCode::Up)], Action::Vloer(VloerMsg::Move(0, -1)), "Tegel erboven", ""),
    (Vloer, [key(KeyCode::Enter)], Action::Vloer(VloerMsg::Detail), "De regels achter de gekozen tegel (en terug)", "details"),
    (Vloer, [ch('s')], Action::Vloer(VloerMsg::Sorteer), "Medewerkers sorteren: naam, status, gesprekken, bezetting", "sorteren"),
    (Overal, [ctrl('o')], Action::Afspraak(AfspraakMsg::Opnieuw), "Geweigerde afspraak (een andere desk was eerder): de klant een ander tijdstip aanbieden", ""),
    (Overal, [key(KeyCode::F(6))], Action::Tel(TelMsg::AannemenOphangen), "Telefoon: gesprek aannemen, of ophangen (opent de registratie, nawerk begint)", ""),
    (Overal, [key(KeyCode::F(7))], Action::Tel(TelMsg::Wacht), "Telefoon: beller in de wacht zetten of terugnemen", ""),
    (Overal, [key(KeyCode::F(8))], Action::Tel(TelMsg::Doorverbinden), "Telefoon: warm doorverbinden met een collega of afdeling", ""),
    (Navigatie, [key(KeyCode::Tab)], Action::FocusNext, "Volgend paneel", "paneel"),
    (Navigatie, [key(KeyCode::BackTab)], Action::FocusPrev, "Vorig paneel", ""),
    (Navigatie, [key(KeyCode::F(1)), alt('1')], Action::FocusPane(Pane::Wachtrij), "Naar Wachtrij", ""),
    (Navigatie, [key(KeyCode::F(2)), alt('2')], Action::FocusPane(Pane::Klantgeleiding), "Naar Klantgeleiding", ""),
    (Navigatie, [key(KeyCode::F(3)), alt('3')], Action::FocusPane(Pane::Kennisbank), "Naar Kennisbank", ""),
    (Navigatie, [key(KeyCode::F(4)), alt('4')], Action::FocusPane(Pane::ZaakKlant), "Naar Zaak/Klant", ""),
    (Balie, [key(KeyCode::Enter)], Action::Open, "Paneel openen (schermvullend)", "openen"),
    (Balie, [key(KeyCode::Esc)], Action::Back, "Terug naar alle panelen", "terug"),
    (Balie, [ch('?')], Action::ToggleHelp, "Deze hulp tonen", "help"),
    (Balie, [ch('q')], Action::Quit, "Afsluiten", "stoppen"),
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
    (Klantbeeld, [ch('l')], Action::Zk(ZkMsg::AuditTonen), "Inzagelog: wie bekeek deze klant (supervisor)", ""),
    (Zoeken, [ctrl('k')], Action::Zk(ZkMsg::KlantNieuw), "Nieuwe klant aanmaken (naam en telefoon of e-mail)", "nieuwe klant"),
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
    (Help, [key(KeyCode::Esc), ch('?'), ch('q')], Action::ToggleHelp, "Hulp sluiten", "sluiten"),
    (Help, [key(KeyCode::Down)], Action::ScrollDown, "Omlaag scrollen", ""),
    (Help, [key(KeyCode::Up)], Action::ScrollUp, "Omhoog scrollen", ""),
    (Formulier, [key(KeyCode::Tab), key(KeyCode::Down)], Action::Profiel(ProfielMsg::NextField), "Volgend veld", "veld"),
    (Formulier, [key(KeyCode::BackTab), key(KeyCode::Up)], Action::Profiel(ProfielMsg::PrevField), "Vorig veld", ""),
    (Formulier, [key(KeyCode::Right)], Action::Profiel(ProfielMsg::NextOption), "Volgende keuze (bij een keuzeveld); in een tekstveld: cursor een teken verder", ""),
    (Formulier, [key(KeyCode::Left)], Action::Profiel(ProfielMsg::PrevOption), "Vorige keuze (bij een keuzeveld); in een tekstveld: cursor een teken terug", ""),
    (Formulier, [key(KeyCode::Home)], Action::Profiel(ProfielMsg::Edit(Edit::Home)), "Cursor naar het begin", ""),
    (Formulier, [key(KeyCode::End)], Action::Profiel(ProfielMsg::Edit(Edit::End)), "Cursor naar het eind", ""),
    (Formulier, [key(KeyCode::Delete)], Action::Profiel(ProfielMsg::Edit(Edit::Delete)), "Teken onder de cursor wissen", ""),
    (Formulier, [ctrl('w')], Action::Profiel(ProfielMsg::Edit(Edit::DeleteWord)), "Woord voor de cursor wissen", ""),
    (Formulier, [key(KeyCode::Backspace)], Action::Profiel(ProfielMsg::Backspace), "Teken wissen", ""),
    (Formulier, [key(KeyCode::Esc)], Action::Quit, "Stoppen zonder opslaan (vraagt eerst bij ingevulde gegevens)", "stoppen"),
    (Formulier, [key(KeyCode::Enter)], Action::Profiel(ProfielMsg::Submit), "Opslaan", "opslaan"),
    (Bevestigen, [ch('j'), ch('y')], Action::ConfirmQuit, "Ja, afsluiten (invoer gaat verloren)", "ja"),
    (Bevestigen, [ch('n'), key(KeyCode::Esc)], Action::CancelQuit, "Nee, terug naar het formulier", "nee"),
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
    (Registratie, [ctrl('z')], Action::Kg(KgMsg::Ongedaan), "Bezoeker toch niet klaar: terug in behandeling (binnen 10 seconden, registratie nog leeg)", ""),
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
    (Klantbeeld, [ch('a')], Action::Afspraak(AfspraakMsg::Nieuw), "Afspraak maken voor deze klant (dienst kiezen, vrije tijden, bevestiging)", "afspraak"),
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
    (Verzoeken, [ch('b')], Action::Tel(TelMsg::Beschikbaar), "Telefoon: beschikbaar (aangemeld, gesprekken komen binnen)", "beschikbaar"),
    (Verzoeken, [ch('p')], Action::Tel(TelMsg::Pauze), "Telefoon: pauze, met een reden", "pauze"),
    (Verzoeken, [ch('x')], Action::Tel(TelMsg::Afmelden), "Telefoon: afmelden", ""),
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
    (Fout, [ch('q'), key(KeyCode::Esc), key(KeyCode::Enter)], Action::Quit, "Afsluiten", "stoppen"),
};

/// Every binding: the table below, then those of the registered features.
pub fn alle() -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().chain(
        super::features::FEATURES
            .iter()
            .flat_map(|f| f.bindings.iter()),
    )
}

/// The modes in the order the help lists them: the table's, then the registered features'.
pub fn help_volgorde() -> impl Iterator<Item = Mode> {
    HELP_ORDER.into_iter().chain(
        super::features::FEATURES
            .iter()
            .map(|f| Mode::Feature(f.naam)),
    )
}

/// The action bound to `ev` in `mode` (or in [`Mode::Overal`]).
pub fn lookup(mode: Mode, ev: &KeyEvent) -> Option<Action> {
    std::iter::once(mode)
        .chain(mode.parents().iter().copied())
        .find_map(|m| {
            alle()
                .filter(|b| b.mode == m)
                .find(|b| b.keys.iter().any(|k| k.matches(ev)))
        })
        .map(|b| b.action.clone())
}

/// The binding of a key in this mode itself, not in its parents.
pub fn lookup_eigen(mode: Mode, ev: &KeyEvent) -> Option<Action> {
    alle()
        .filter(|b| b.mode == mode)
        .find(|b| b.keys.iter().any(|k| k.matches(ev)))
        .map(|b| b.action.clone())
}

/// The modes in the order the help overlay lists them.
pub const HELP_ORDER: [Mode; 31] = [
    Mode::Navigatie,
    Mode::Balie,
    Mode::Overal,
    Mode::Zoeken,
    Mode::Klantbeeld,
    Mode::Zaak,
    Mode::KlantForm,
    Mode::Afspraak,
    Mode::AfspraakReden,
    Mode::Klantgeleiding,
    Mode::Inchecken,
    Mode::Agenda,
    Mode::KgVenster,
    Mode::Vloer,
    Mode::TrainingBeoordeling,
    Mode::KbZoeken,
    Mode::KbArtikel,
    Mode::KbMelden,
    Mode::KbStatistiek,
    Mode::Registratie,
    Mode::Annuleren,
    Mode::Concept,
    Mode::Verzoeken,
    Mode::PauzeKiezen,
    Mode::Doorverbinden,
    Mode::VerzoekZoeken,
    Mode::VerzoekAfhandelen,
    Mode::Help,
    Mode::Formulier,
    Mode::Bevestigen,
    Mode::Fout,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn pane_keys_and_alt_digits_map_to_the_same_pane() {
        let f3 = lookup(Mode::Balie, &ev(KeyCode::F(3), KeyModifiers::NONE));
        let alt3 = lookup(Mode::Balie, &ev(KeyCode::Char('3'), KeyModifiers::ALT));
        assert_eq!(f3, Some(Action::FocusPane(Pane::Kennisbank)));
        assert_eq!(f3, alt3);
    }

    #[test]
    fn ctrl_c_quits_in_every_mode_but_q_only_outside_forms() {
        for mode in help_volgorde() {
            assert_eq!(
                lookup(mode, &ev(KeyCode::Char('c'), KeyModifiers::CONTROL)),
                Some(Action::Quit),
                "{mode:?}"
            );
        }
        assert_eq!(
            lookup(Mode::Formulier, &ev(KeyCode::Char('q'), KeyModifiers::NONE)),
            None,
            "q is text in a form"
        );
    }

    #[test]
    fn typing_modes_do_not_inherit_q_and_question_mark() {
        for mode in [Mode::Zoeken, Mode::Formulier] {
            for c in ['q', '?', 'b', '/'] {
                assert_eq!(
                    lookup(mode, &ev(KeyCode::Char(c), KeyModifiers::NONE)),
                    None,
                    "{c} must be text in {mode:?}"
                );
            }
        }
        assert_eq!(
            lookup(Mode::Zoeken, &ev(KeyCode::Tab, KeyModifiers::NONE)),
            Some(Action::FocusNext),
            "Tab still leaves the search field"
        );
    }

    #[test]
    fn a_mode_overrides_its_parents() {
        assert_eq!(
            lookup(Mode::Klantbeeld, &ev(KeyCode::Enter, KeyModifiers::NONE)),
            Some(Action::Zk(ZkMsg::Open))
        );
        assert_eq!(
            lookup(Mode::Balie, &ev(KeyCode::Enter, KeyModifiers::NONE)),
            Some(Action::Open)
        );
        assert_eq!(
            lookup(
                Mode::Klantbeeld,
                &ev(KeyCode::Char('q'), KeyModifiers::NONE)
            ),
            Some(Action::Quit)
        );
    }

    #[test]
    fn shifted_question_mark_opens_help() {
        assert_eq!(
            lookup(Mode::Balie, &ev(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            Some(Action::ToggleHelp)
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_mode() {
        for a in alle() {
            for b in alle() {
                if std::ptr::eq(a, b) {
                    continue;
                }
                let overlap = a.mode == b.mode || a.mode == Mode::Overal || b.mode == Mode::Overal;
                if overlap {
                    for k in a.keys {
                        assert!(
                            !b.keys.contains(k),
                            "{} bound twice ({:?} / {:?})",
                            k.label(),
                            a.mode,
                            b.mode
                        );
                    }
                }
            }
        }
    }
}
