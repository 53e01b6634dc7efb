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

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}
const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}
const fn alt(c: char) -> Key {
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
        for b in BINDINGS
            .iter()
            .filter(|b| b.mode == m && !b.kort.is_empty())
        {
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
                || BINDINGS.iter().any(|o| {
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

/// Every key binding of loket.
pub static BINDINGS: &[Binding] = &[
    Binding {
        mode: Mode::Overal,
        keys: &[ctrl('c')],
        action: Action::Quit,
        help: "Afsluiten (vraagt eerst bij niet-opgeslagen invoer)",
        kort: "",
    },
    Binding {
        mode: Mode::Overal,
        keys: &[key(KeyCode::F(9))],
        action: Action::Vloer(VloerMsg::Toggle),
        help: "Vloer: telefoon, medewerkers, balie, afspraken, contactverzoeken tegen de normen (supervisor)",
        kort: "",
    },
    Binding {
        mode: Mode::Overal,
        keys: &[key(KeyCode::F(10))],
        action: Action::Training(TrainingMsg::Beoordeling),
        help: "Training: de beoordeling tot nu toe (loket training)",
        kort: "",
    },
    Binding {
        mode: Mode::TrainingBeoordeling,
        keys: &[key(KeyCode::Esc)],
        action: Action::Training(TrainingMsg::Beoordeling),
        help: "Beoordeling sluiten",
        kort: "sluiten",
    },
    Binding {
        mode: Mode::TrainingBeoordeling,
        keys: &[key(KeyCode::Down)],
        action: Action::Training(TrainingMsg::Scroll(1)),
        help: "Verder lezen",
        kort: "",
    },
    Binding {
        mode: Mode::TrainingBeoordeling,
        keys: &[key(KeyCode::Up)],
        action: Action::Training(TrainingMsg::Scroll(-1)),
        help: "Terug lezen",
        kort: "",
    },
    Binding {
        mode: Mode::Vloer,
        keys: &[key(KeyCode::Esc)],
        action: Action::Vloer(VloerMsg::Back),
        help: "Terug naar de tegels, of de vloer sluiten",
        kort: "terug",
    },
    Binding {
        mode: Mode::Vloer,
        keys: &[key(KeyCode::Right)],
        action: Action::Vloer(VloerMsg::Move(1, 0)),
        help: "Volgende tegel",
        kort: "",
    },
    Binding {
        mode: Mode::Vloer,
        keys: &[key(KeyCode::Left)],
        action: Action::Vloer(VloerMsg::Move(-1, 0)),
        help: "Vorige tegel",
        kort: "",
    },
    Binding {
        mode: Mode::Vloer,
        keys: &[key(KeyCode::Down)],
        action: Action::Vloer(VloerMsg::Move(0, 1)),
        help: "Tegel eronder",
        kort: "",
    },
    Binding {
        mode: Mode::Vloer,
        keys: &[key(KeyCode::Up)],
        action: Action::Vloer(VloerMsg::Move(0, -1)),
        help: "Tegel erboven",
        kort: "",
    },
    Binding {
        mode: Mode::Vloer,
        keys: &[key(KeyCode::Enter)],
        action: Action::Vloer(VloerMsg::Detail),
        help: "De regels achter de gekozen tegel (en terug)",
        kort: "details",
    },
    Binding {
        mode: Mode::Vloer,
        keys: &[ch('s')],
        action: Action::Vloer(VloerMsg::Sorteer),
        help: "Medewerkers sorteren: naam, status, gesprekken, bezetting",
        kort: "sorteren",
    },
    Binding {
        mode: Mode::Overal,
        keys: &[ctrl('o')],
        action: Action::Afspraak(AfspraakMsg::Opnieuw),
        help: "Geweigerde afspraak (een andere desk was eerder): de klant een ander tijdstip aanbieden",
        kort: "",
    },
    Binding {
        mode: Mode::Overal,
        keys: &[key(KeyCode::F(6))],
        action: Action::Tel(TelMsg::AannemenOphangen),
        help: "Telefoon: gesprek aannemen, of ophangen (opent de registratie, nawerk begint)",
        kort: "",
    },
    Binding {
        mode: Mode::Overal,
        keys: &[key(KeyCode::F(7))],
        action: Action::Tel(TelMsg::Wacht),
        help: "Telefoon: beller in de wacht zetten of terugnemen",
        kort: "",
    },
    Binding {
        mode: Mode::Overal,
        keys: &[key(KeyCode::F(8))],
        action: Action::Tel(TelMsg::Doorverbinden),
        help: "Telefoon: warm doorverbinden met een collega of afdeling",
        kort: "",
    },
    Binding {
        mode: Mode::Navigatie,
        keys: &[key(KeyCode::Tab)],
        action: Action::FocusNext,
        help: "Volgend paneel",
        kort: "paneel",
    },
    Binding {
        mode: Mode::Navigatie,
        keys: &[key(KeyCode::BackTab)],
        action: Action::FocusPrev,
        help: "Vorig paneel",
        kort: "",
    },
    Binding {
        mode: Mode::Navigatie,
        keys: &[key(KeyCode::F(1)), alt('1')],
        action: Action::FocusPane(Pane::Wachtrij),
        help: "Naar Wachtrij",
        kort: "",
    },
    Binding {
        mode: Mode::Navigatie,
        keys: &[key(KeyCode::F(2)), alt('2')],
        action: Action::FocusPane(Pane::Klantgeleiding),
        help: "Naar Klantgeleiding",
        kort: "",
    },
    Binding {
        mode: Mode::Navigatie,
        keys: &[key(KeyCode::F(3)), alt('3')],
        action: Action::FocusPane(Pane::Kennisbank),
        help: "Naar Kennisbank",
        kort: "",
    },
    Binding {
        mode: Mode::Navigatie,
        keys: &[key(KeyCode::F(4)), alt('4')],
        action: Action::FocusPane(Pane::ZaakKlant),
        help: "Naar Zaak/Klant",
        kort: "",
    },
    Binding {
        mode: Mode::Balie,
        keys: &[key(KeyCode::Enter)],
        action: Action::Open,
        help: "Paneel openen (schermvullend)",
        kort: "openen",
    },
    Binding {
        mode: Mode::Balie,
        keys: &[key(KeyCode::Esc)],
        action: Action::Back,
        help: "Terug naar alle panelen",
        kort: "terug",
    },
    Binding {
        mode: Mode::Balie,
        keys: &[ch('?')],
        action: Action::ToggleHelp,
        help: "Deze hulp tonen",
        kort: "help",
    },
    Binding {
        mode: Mode::Balie,
        keys: &[ch('q')],
        action: Action::Quit,
        help: "Afsluiten",
        kort: "stoppen",
    },
    Binding {
        mode: Mode::Balie,
        keys: &[ch('/')],
        action: Action::Zk(ZkMsg::ZoekActiveren),
        help: "Zoek klant of zaak (BSN, KvK, postcode + huisnummer, telefoon, e-mail, naam, zaaknummer)",
        kort: "zoeken",
    },
    Binding {
        mode: Mode::Zoeken,
        keys: &[key(KeyCode::Down)],
        action: Action::Zk(ZkMsg::Down),
        help: "Volgende treffer",
        kort: "",
    },
    Binding {
        mode: Mode::Zoeken,
        keys: &[key(KeyCode::Up)],
        action: Action::Zk(ZkMsg::Up),
        help: "Vorige treffer",
        kort: "",
    },
    Binding {
        mode: Mode::Zoeken,
        keys: &[key(KeyCode::Enter)],
        action: Action::Zk(ZkMsg::Open),
        help: "Treffer openen",
        kort: "openen",
    },
    Binding {
        mode: Mode::Zoeken,
        keys: &[key(KeyCode::Backspace)],
        action: Action::Zk(ZkMsg::ZoekBackspace),
        help: "Teken wissen",
        kort: "",
    },
    Binding {
        mode: Mode::Zoeken,
        keys: &[ctrl('u')],
        action: Action::Zk(ZkMsg::ZoekWissen),
        help: "Zoekveld leegmaken",
        kort: "leegmaken",
    },
    Binding {
        mode: Mode::Zoeken,
        keys: &[key(KeyCode::Esc)],
        action: Action::Zk(ZkMsg::Back),
        help: "Zoekveld leegmaken; nog eens: zoekveld verlaten",
        kort: "terug",
    },
    Binding {
        mode: Mode::Klantbeeld,
        keys: &[ctrl('k')],
        action: Action::ContactKoppelen,
        help: "Koppel deze klant aan het contact in behandeling (anders blijft het contact anoniem; nog eens: ontkoppelen)",
        kort: "koppelen",
    },
    Binding {
        mode: Mode::Klantbeeld,
        keys: &[ch('b')],
        action: Action::Zk(ZkMsg::BsnTonen),
        help: "BSN tonen of verbergen (tonen wordt gelogd)",
        kort: "BSN",
    },
    Binding {
        mode: Mode::Klantbeeld,
        keys: &[key(KeyCode::Down)],
        action: Action::Zk(ZkMsg::Down),
        help: "Volgende zaak",
        kort: "",
    },
    Binding {
        mode: Mode::Klantbeeld,
        keys: &[key(KeyCode::Up)],
        action: Action::Zk(ZkMsg::Up),
        help: "Vorige zaak",
        kort: "",
    },
    Binding {
        mode: Mode::Klantbeeld,
        keys: &[key(KeyCode::Enter)],
        action: Action::Zk(ZkMsg::Open),
        help: "Zaak openen",
        kort: "zaak",
    },
    Binding {
        mode: Mode::Klantbeeld,
        keys: &[key(KeyCode::Esc)],
        action: Action::Zk(ZkMsg::Back),
        help: "Terug naar de zoekresultaten",
        kort: "terug",
    },
    Binding {
        mode: Mode::Klantbeeld,
        keys: &[ch('/')],
        action: Action::Zk(ZkMsg::ZoekActiveren),
        help: "Nieuwe zoekvraag",
        // '/' searches from every pane (see the panes' hints); room here for c koppelen.
        kort: "",
    },
    Binding {
        mode: Mode::Klantbeeld,
        keys: &[ch('w')],
        action: Action::Zk(ZkMsg::KlantWijzigen),
        help: "Telefoonnummer of e-mailadres corrigeren",
        kort: "wijzigen",
    },
    Binding {
        mode: Mode::Klantbeeld,
        keys: &[ch('l')],
        action: Action::Zk(ZkMsg::AuditTonen),
        help: "Inzagelog: wie bekeek deze klant (supervisor)",
        kort: "",
    },
    Binding {
        mode: Mode::Zoeken,
        keys: &[ctrl('k')],
        action: Action::Zk(ZkMsg::KlantNieuw),
        help: "Nieuwe klant aanmaken (naam en telefoon of e-mail)",
        kort: "nieuwe klant",
    },
    Binding {
        mode: Mode::KbZoeken,
        keys: &[key(KeyCode::Down)],
        action: Action::Kb(KbMsg::Down),
        help: "Volgend artikel",
        kort: "",
    },
    Binding {
        mode: Mode::KbZoeken,
        keys: &[key(KeyCode::Up)],
        action: Action::Kb(KbMsg::Up),
        help: "Vorig artikel",
        kort: "",
    },
    Binding {
        mode: Mode::KbZoeken,
        keys: &[ctrl('p')],
        action: Action::Kb(KbMsg::VorigeVraag),
        help: "Vorige zoekvraag terughalen (ook van een eerder contact)",
        kort: "",
    },
    Binding {
        mode: Mode::KbZoeken,
        keys: &[key(KeyCode::Enter)],
        action: Action::Kb(KbMsg::Open),
        help: "Artikel openen (wordt bron van de registratie)",
        kort: "openen",
    },
    Binding {
        mode: Mode::KbZoeken,
        keys: &[key(KeyCode::Backspace)],
        action: Action::Kb(KbMsg::Backspace),
        help: "Teken wissen",
        kort: "",
    },
    Binding {
        mode: Mode::KbZoeken,
        keys: &[ctrl('u')],
        action: Action::Kb(KbMsg::Wissen),
        help: "Zoekveld leegmaken",
        kort: "",
    },
    Binding {
        mode: Mode::KbZoeken,
        keys: &[key(KeyCode::Esc)],
        action: Action::Kb(KbMsg::Back),
        help: "Zoekveld leegmaken; nog eens: zoekveld verlaten",
        kort: "terug",
    },
    Binding {
        mode: Mode::KbZoeken,
        keys: &[alt('s')],
        action: Action::Kb(KbMsg::Filter(false)),
        help: "Filter op soort (product, vac, werkinstructie, beslisboom, actueel; nog eens: volgende, daarna alles)",
        kort: "soort",
    },
    Binding {
        mode: Mode::KbZoeken,
        keys: &[alt('a')],
        action: Action::Kb(KbMsg::Filter(true)),
        help: "Filter op afdeling (nog eens: volgende, daarna alles)",
        kort: "afdeling",
    },
    Binding {
        mode: Mode::KbZoeken,
        keys: &[ctrl('r')],
        action: Action::Kb(KbMsg::Herladen),
        help: "Kennisbank opnieuw inlezen (gewijzigde bestanden)",
        kort: "",
    },
    Binding {
        mode: Mode::KbZoeken,
        keys: &[ctrl('g')],
        action: Action::Kb(KbMsg::StatistiekOpenen),
        help: "Zoekgedrag: zoektermen zonder resultaat, meest gezocht en geopend, meldingen (supervisor)",
        kort: "",
    },
    Binding {
        mode: Mode::KbArtikel,
        keys: &[alt('m')],
        action: Action::Kb(KbMsg::Melden),
        help: "Artikel melden aan de redactie (klopt niet, onvolledig, verouderd)",
        kort: "melden",
    },
    Binding {
        mode: Mode::KbMelden,
        keys: &[key(KeyCode::Down), key(KeyCode::Tab)],
        action: Action::Kb(KbMsg::MeldingSoort(1)),
        help: "Volgende reden",
        kort: "reden",
    },
    Binding {
        mode: Mode::KbMelden,
        keys: &[key(KeyCode::Up), key(KeyCode::BackTab)],
        action: Action::Kb(KbMsg::MeldingSoort(-1)),
        help: "Vorige reden",
        kort: "",
    },
    Binding {
        mode: Mode::KbMelden,
        keys: &[key(KeyCode::Backspace)],
        action: Action::Kb(KbMsg::MeldingBackspace),
        help: "Teken wissen",
        kort: "",
    },
    Binding {
        mode: Mode::KbMelden,
        keys: &[key(KeyCode::Enter)],
        action: Action::Kb(KbMsg::MeldingOpslaan),
        help: "Melding opslaan",
        kort: "opslaan",
    },
    Binding {
        mode: Mode::KbMelden,
        keys: &[key(KeyCode::Esc)],
        action: Action::Kb(KbMsg::MeldingAnnuleren),
        help: "Niet melden",
        kort: "annuleren",
    },
    Binding {
        mode: Mode::KbStatistiek,
        keys: &[key(KeyCode::Down)],
        action: Action::Kb(KbMsg::Down),
        help: "Omlaag scrollen",
        kort: "",
    },
    Binding {
        mode: Mode::KbStatistiek,
        keys: &[key(KeyCode::Up)],
        action: Action::Kb(KbMsg::Up),
        help: "Omhoog scrollen",
        kort: "",
    },
    Binding {
        mode: Mode::KbStatistiek,
        keys: &[key(KeyCode::Esc)],
        action: Action::Kb(KbMsg::Back),
        help: "Terug naar de kennisbank",
        kort: "terug",
    },
    Binding {
        mode: Mode::KbArtikel,
        keys: &[key(KeyCode::Down)],
        action: Action::Kb(KbMsg::Down),
        help: "Omlaag scrollen",
        kort: "",
    },
    Binding {
        mode: Mode::KbArtikel,
        keys: &[key(KeyCode::Up)],
        action: Action::Kb(KbMsg::Up),
        help: "Omhoog scrollen",
        kort: "",
    },
    Binding {
        mode: Mode::KbArtikel,
        keys: &[ch('1')],
        action: Action::Kb(KbMsg::Keuze(1)),
        help: "Beslisboom: keuze 1 (2-9 voor de volgende keuzes)",
        kort: "",
    },
    Binding {
        mode: Mode::KbArtikel,
        keys: &[ch('2')],
        action: Action::Kb(KbMsg::Keuze(2)),
        help: "Beslisboom: keuze 2",
        kort: "",
    },
    Binding {
        mode: Mode::KbArtikel,
        keys: &[ch('3')],
        action: Action::Kb(KbMsg::Keuze(3)),
        help: "Beslisboom: keuze 3",
        kort: "",
    },
    Binding {
        mode: Mode::KbArtikel,
        keys: &[ch('4')],
        action: Action::Kb(KbMsg::Keuze(4)),
        help: "Beslisboom: keuze 4",
        kort: "",
    },
    Binding {
        mode: Mode::KbArtikel,
        keys: &[ch('5')],
        action: Action::Kb(KbMsg::Keuze(5)),
        help: "Beslisboom: keuze 5",
        kort: "",
    },
    Binding {
        mode: Mode::KbArtikel,
        keys: &[ch('6')],
        action: Action::Kb(KbMsg::Keuze(6)),
        help: "Beslisboom: keuze 6",
        kort: "",
    },
    Binding {
        mode: Mode::KbArtikel,
        keys: &[ch('7')],
        action: Action::Kb(KbMsg::Keuze(7)),
        help: "Beslisboom: keuze 7",
        kort: "",
    },
    Binding {
        mode: Mode::KbArtikel,
        keys: &[ch('8')],
        action: Action::Kb(KbMsg::Keuze(8)),
        help: "Beslisboom: keuze 8",
        kort: "",
    },
    Binding {
        mode: Mode::KbArtikel,
        keys: &[ch('9')],
        action: Action::Kb(KbMsg::Keuze(9)),
        help: "Beslisboom: keuze 9",
        kort: "",
    },
    Binding {
        mode: Mode::KbArtikel,
        keys: &[key(KeyCode::Backspace)],
        action: Action::Kb(KbMsg::StapTerug),
        help: "Beslisboom: stap terug",
        kort: "",
    },
    Binding {
        mode: Mode::KbArtikel,
        keys: &[key(KeyCode::Esc)],
        action: Action::Kb(KbMsg::Back),
        help: "Terug naar de zoekresultaten",
        kort: "terug",
    },
    Binding {
        mode: Mode::KlantForm,
        keys: &[key(KeyCode::Tab), key(KeyCode::Down)],
        action: Action::Zk(ZkMsg::FormNext),
        help: "Volgend veld",
        kort: "",
    },
    Binding {
        mode: Mode::KlantForm,
        keys: &[key(KeyCode::BackTab), key(KeyCode::Up)],
        action: Action::Zk(ZkMsg::FormPrev),
        help: "Vorig veld",
        kort: "",
    },
    Binding {
        mode: Mode::KlantForm,
        keys: &[key(KeyCode::Backspace)],
        action: Action::Zk(ZkMsg::FormBackspace),
        help: "Teken wissen",
        kort: "",
    },
    Binding {
        mode: Mode::KlantForm,
        keys: &[key(KeyCode::Enter)],
        action: Action::Zk(ZkMsg::FormEnter),
        help: "Volgend veld; op het laatste veld: opslaan",
        kort: "",
    },
    Binding {
        mode: Mode::KlantForm,
        keys: &[ctrl('s')],
        action: Action::Zk(ZkMsg::FormSave),
        help: "Opslaan",
        kort: "opslaan",
    },
    Binding {
        mode: Mode::KlantForm,
        keys: &[key(KeyCode::Esc)],
        action: Action::Zk(ZkMsg::FormCancel),
        help: "Annuleren",
        kort: "annuleren",
    },
    Binding {
        mode: Mode::Zaak,
        keys: &[ctrl('k')],
        action: Action::ContactKoppelen,
        help: "Koppel deze zaak (en, zonder gekoppelde klant, de aanvrager) aan het contact (nog eens: ontkoppelen)",
        kort: "koppelen",
    },
    Binding {
        mode: Mode::Zaak,
        keys: &[ch('k')],
        action: Action::Zk(ZkMsg::AanvragerOpenen),
        help: "Klantbeeld van de aanvrager openen",
        kort: "klantbeeld aanvrager",
    },
    Binding {
        mode: Mode::Zaak,
        keys: &[key(KeyCode::Esc)],
        action: Action::Zk(ZkMsg::Back),
        help: "Terug (naar het klantbeeld of de zoekresultaten)",
        kort: "terug",
    },
    Binding {
        mode: Mode::Zaak,
        keys: &[ch('/')],
        action: Action::Zk(ZkMsg::ZoekActiveren),
        help: "Nieuwe zoekvraag",
        kort: "zoeken",
    },
    Binding {
        mode: Mode::Help,
        keys: &[key(KeyCode::Esc), ch('?'), ch('q')],
        action: Action::ToggleHelp,
        help: "Hulp sluiten",
        kort: "sluiten",
    },
    Binding {
        mode: Mode::Help,
        keys: &[key(KeyCode::Down)],
        action: Action::ScrollDown,
        help: "Omlaag scrollen",
        kort: "",
    },
    Binding {
        mode: Mode::Help,
        keys: &[key(KeyCode::Up)],
        action: Action::ScrollUp,
        help: "Omhoog scrollen",
        kort: "",
    },
    Binding {
        mode: Mode::Formulier,
        keys: &[key(KeyCode::Tab), key(KeyCode::Down)],
        action: Action::Profiel(ProfielMsg::NextField),
        help: "Volgend veld",
        kort: "veld",
    },
    Binding {
        mode: Mode::Formulier,
        keys: &[key(KeyCode::BackTab), key(KeyCode::Up)],
        action: Action::Profiel(ProfielMsg::PrevField),
        help: "Vorig veld",
        kort: "",
    },
    Binding {
        mode: Mode::Formulier,
        keys: &[key(KeyCode::Right)],
        action: Action::Profiel(ProfielMsg::NextOption),
        help: "Volgende keuze (bij een keuzeveld)",
        kort: "",
    },
    Binding {
        mode: Mode::Formulier,
        keys: &[key(KeyCode::Left)],
        action: Action::Profiel(ProfielMsg::PrevOption),
        help: "Vorige keuze (bij een keuzeveld)",
        kort: "",
    },
    Binding {
        mode: Mode::Formulier,
        keys: &[key(KeyCode::Backspace)],
        action: Action::Profiel(ProfielMsg::Backspace),
        help: "Teken wissen",
        kort: "",
    },
    Binding {
        mode: Mode::Formulier,
        keys: &[key(KeyCode::Esc)],
        action: Action::Quit,
        help: "Stoppen zonder opslaan (vraagt eerst bij ingevulde gegevens)",
        kort: "stoppen",
    },
    Binding {
        mode: Mode::Formulier,
        keys: &[key(KeyCode::Enter)],
        action: Action::Profiel(ProfielMsg::Submit),
        help: "Opslaan",
        kort: "opslaan",
    },
    Binding {
        mode: Mode::Bevestigen,
        keys: &[ch('j'), ch('y')],
        action: Action::ConfirmQuit,
        help: "Ja, afsluiten (invoer gaat verloren)",
        kort: "ja",
    },
    Binding {
        mode: Mode::Bevestigen,
        keys: &[ch('n'), key(KeyCode::Esc)],
        action: Action::CancelQuit,
        help: "Nee, terug naar het formulier",
        kort: "nee",
    },
    Binding {
        mode: Mode::Navigatie,
        keys: &[key(KeyCode::F(5)), alt('r')],
        action: Action::Reg(RegMsg::Open),
        help: "Contactmoment registreren: het contact in behandeling (zonder contact begint er een)",
        kort: "registreren",
    },
    Binding {
        mode: Mode::Registratie,
        keys: &[key(KeyCode::Tab), key(KeyCode::Down)],
        action: Action::Reg(RegMsg::NextField),
        help: "Volgend veld",
        kort: "",
    },
    Binding {
        mode: Mode::Registratie,
        keys: &[key(KeyCode::BackTab), key(KeyCode::Up)],
        action: Action::Reg(RegMsg::PrevField),
        help: "Vorig veld",
        kort: "",
    },
    Binding {
        mode: Mode::Registratie,
        keys: &[key(KeyCode::Right)],
        action: Action::Reg(RegMsg::NextOption),
        help: "Volgende keuze (kanaal, resultaat, afdeling, aan, termijn)",
        kort: "",
    },
    Binding {
        mode: Mode::Registratie,
        keys: &[key(KeyCode::Left)],
        action: Action::Reg(RegMsg::PrevOption),
        help: "Vorige keuze",
        kort: "",
    },
    Binding {
        mode: Mode::Registratie,
        keys: &[key(KeyCode::Backspace)],
        action: Action::Reg(RegMsg::Backspace),
        help: "Teken wissen",
        kort: "",
    },
    Binding {
        mode: Mode::Registratie,
        keys: &[ctrl('s')],
        action: Action::Reg(RegMsg::Save),
        help: "Registratie opslaan",
        kort: "opslaan",
    },
    Binding {
        mode: Mode::Registratie,
        keys: &[key(KeyCode::Enter)],
        action: Action::Reg(RegMsg::Enter),
        help: "Volgend veld; op het laatste veld: opslaan",
        kort: "",
    },
    Binding {
        mode: Mode::Registratie,
        keys: &[ctrl('n')],
        action: Action::Reg(RegMsg::VraagErbij),
        help: "Nog een vraag in hetzelfde contact",
        kort: "vraag erbij",
    },
    Binding {
        mode: Mode::Registratie,
        keys: &[ctrl('t')],
        action: Action::Reg(RegMsg::Verzoek),
        help: "Contactverzoek (terugbelverzoek) toevoegen of weghalen",
        kort: "contactverzoek",
    },
    Binding {
        mode: Mode::Registratie,
        keys: &[ctrl('a')],
        action: Action::Reg(RegMsg::Anoniem),
        help: "Klant of anoniem",
        kort: "anoniem",
    },
    Binding {
        mode: Mode::Registratie,
        keys: &[alt('a')],
        action: Action::Reg(RegMsg::Afspraak),
        help: "Afspraak maken voor de klant (komt in de notitie)",
        kort: "afspraak",
    },
    Binding {
        mode: Mode::Registratie,
        keys: &[alt('t')],
        action: Action::Reg(RegMsg::Kanaal(crate::domain::Kanaal::Telefoon)),
        help: "Kanaal telefoon",
        kort: "",
    },
    Binding {
        mode: Mode::Registratie,
        keys: &[alt('b')],
        action: Action::Reg(RegMsg::Kanaal(crate::domain::Kanaal::Balie)),
        help: "Kanaal balie",
        kort: "",
    },
    Binding {
        mode: Mode::Registratie,
        keys: &[alt('e')],
        action: Action::Reg(RegMsg::Kanaal(crate::domain::Kanaal::Email)),
        help: "Kanaal e-mail",
        kort: "",
    },
    Binding {
        mode: Mode::Registratie,
        keys: &[alt('c')],
        action: Action::Reg(RegMsg::Kanaal(crate::domain::Kanaal::Chat)),
        help: "Kanaal chat",
        kort: "",
    },
    Binding {
        mode: Mode::Registratie,
        keys: &[alt('s')],
        action: Action::Reg(RegMsg::Kanaal(crate::domain::Kanaal::SocialMedia)),
        help: "Kanaal social media",
        kort: "",
    },
    Binding {
        mode: Mode::Registratie,
        keys: &[alt('p')],
        action: Action::Reg(RegMsg::Kanaal(crate::domain::Kanaal::Post)),
        help: "Kanaal post",
        kort: "",
    },
    Binding {
        mode: Mode::Registratie,
        keys: &[key(KeyCode::Esc)],
        action: Action::Reg(RegMsg::Cancel),
        help: "Registratie annuleren (vraagt eerst bij ingevulde gegevens)",
        kort: "annuleren",
    },
    Binding {
        mode: Mode::Annuleren,
        keys: &[ch('j'), ch('y')],
        action: Action::Reg(RegMsg::CancelConfirmed(true)),
        help: "Ja, registratie weggooien",
        kort: "ja",
    },
    Binding {
        mode: Mode::Annuleren,
        keys: &[ch('n'), key(KeyCode::Esc)],
        action: Action::Reg(RegMsg::CancelConfirmed(false)),
        help: "Nee, verder met de registratie",
        kort: "nee",
    },
    Binding {
        mode: Mode::Concept,
        keys: &[ch('j'), ch('y'), key(KeyCode::Enter)],
        action: Action::Reg(RegMsg::ConceptHerstellen(true)),
        help: "Conceptregistratie herstellen",
        kort: "herstellen",
    },
    Binding {
        mode: Mode::Concept,
        keys: &[ch('n'), key(KeyCode::Esc)],
        action: Action::Reg(RegMsg::ConceptHerstellen(false)),
        help: "Concept weggooien",
        kort: "weggooien",
    },
    Binding {
        mode: Mode::Verzoeken,
        keys: &[key(KeyCode::Down)],
        action: Action::Vz(VzMsg::Down),
        help: "Volgend contactverzoek",
        kort: "",
    },
    Binding {
        mode: Mode::Verzoeken,
        keys: &[key(KeyCode::Up)],
        action: Action::Vz(VzMsg::Up),
        help: "Vorig contactverzoek",
        kort: "",
    },
    Binding {
        mode: Mode::Verzoeken,
        keys: &[key(KeyCode::Enter)],
        action: Action::Vz(VzMsg::Open),
        help: "Contactverzoek openen met logboek",
        kort: "openen",
    },
    Binding {
        mode: Mode::Verzoeken,
        keys: &[ch('a')],
        action: Action::Vz(VzMsg::Afhandelen),
        help: "Resultaat vastleggen (teruggebeld, niet bereikt, doorgezet)",
        kort: "afhandelen",
    },
    Binding {
        mode: Mode::Verzoeken,
        keys: &[ch('f')],
        action: Action::Vz(VzMsg::Filter),
        help: "Filter: alle open / aan mij / verwerkt",
        kort: "filter",
    },
    Binding {
        mode: Mode::Verzoeken,
        keys: &[ch('z')],
        action: Action::Vz(VzMsg::Zoeken),
        help: "Zoeken op klant, telefoonnummer of e-mail",
        kort: "zoeken",
    },
    Binding {
        mode: Mode::Verzoeken,
        keys: &[key(KeyCode::Esc)],
        action: Action::Vz(VzMsg::Back),
        help: "Terug naar de lijst; zoekopdracht wissen",
        kort: "terug",
    },
    Binding {
        mode: Mode::VerzoekZoeken,
        keys: &[key(KeyCode::Backspace)],
        action: Action::Vz(VzMsg::Backspace),
        help: "Teken wissen",
        kort: "",
    },
    Binding {
        mode: Mode::VerzoekZoeken,
        keys: &[key(KeyCode::Enter)],
        action: Action::Vz(VzMsg::Save),
        help: "Klaar met zoeken (terug naar de lijst)",
        kort: "klaar",
    },
    Binding {
        mode: Mode::VerzoekZoeken,
        keys: &[key(KeyCode::Esc)],
        action: Action::Vz(VzMsg::Back),
        help: "Zoekopdracht wissen",
        kort: "wissen",
    },
    Binding {
        mode: Mode::VerzoekAfhandelen,
        keys: &[key(KeyCode::Right)],
        action: Action::Vz(VzMsg::Cycle(true)),
        help: "Volgend resultaat",
        kort: "",
    },
    Binding {
        mode: Mode::VerzoekAfhandelen,
        keys: &[key(KeyCode::Left)],
        action: Action::Vz(VzMsg::Cycle(false)),
        help: "Vorig resultaat",
        kort: "",
    },
    Binding {
        mode: Mode::VerzoekAfhandelen,
        keys: &[key(KeyCode::Backspace)],
        action: Action::Vz(VzMsg::Backspace),
        help: "Teken wissen",
        kort: "",
    },
    Binding {
        mode: Mode::VerzoekAfhandelen,
        keys: &[key(KeyCode::Enter)],
        action: Action::Vz(VzMsg::Save),
        help: "Resultaat opslaan (met logboekregel)",
        kort: "opslaan",
    },
    Binding {
        mode: Mode::VerzoekAfhandelen,
        keys: &[key(KeyCode::Esc)],
        action: Action::Vz(VzMsg::Back),
        help: "Niet vastleggen",
        kort: "annuleren",
    },
    Binding {
        mode: Mode::Klantgeleiding,
        keys: &[ch('n')],
        action: Action::Kg(KgMsg::Inchecken),
        help: "Bezoeker inchecken: dienst kiezen, ticketnummer (Ctrl-K koppelt de open klant)",
        kort: "inchecken",
    },
    Binding {
        mode: Mode::Klantgeleiding,
        keys: &[ch('a')],
        action: Action::Kg(KgMsg::Afspraak),
        help: "Bezoeker met een afspraak inchecken (zoek op naam, tijd of balie)",
        kort: "afspraak",
    },
    Binding {
        mode: Mode::Klantgeleiding,
        keys: &[ch('v')],
        action: Action::Kg(KgMsg::Volgende),
        help: "Volgende bezoeker oproepen naar deze balie",
        kort: "volgende",
    },
    Binding {
        mode: Mode::Klantgeleiding,
        keys: &[ch('h')],
        action: Action::Kg(KgMsg::Stap('h')),
        help: "Nummer nog eens oproepen",
        kort: "herhalen",
    },
    Binding {
        mode: Mode::Klantgeleiding,
        keys: &[ch('s')],
        action: Action::Kg(KgMsg::Stap('s')),
        help: "Beginnen met helpen",
        kort: "start",
    },
    Binding {
        mode: Mode::Klantgeleiding,
        keys: &[ch('k')],
        action: Action::Kg(KgMsg::Stap('k')),
        help: "Klaar (opent de registratie, kanaal balie)",
        kort: "klaar",
    },
    Binding {
        mode: Mode::Klantgeleiding,
        keys: &[ch('x')],
        action: Action::Kg(KgMsg::Stap('x')),
        help: "Niet verschenen (na twee keer oproepen)",
        kort: "",
    },
    Binding {
        mode: Mode::Klantgeleiding,
        keys: &[ch('g')],
        action: Action::Kas(KasMsg::Open(VensterSoort::Gast)),
        help: "Bezoeker voor een medewerker registreren (geen klant): naam, voor wie, bedrijf",
        kort: "gast",
    },
    Binding {
        mode: Mode::Klantgeleiding,
        keys: &[ch('u')],
        action: Action::Kas(KasMsg::Open(VensterSoort::Gebouw)),
        help: "Wie is er in het gebouw; Enter meldt de gekozen bezoeker af (vertrokken)",
        kort: "in gebouw",
    },
    Binding {
        mode: Mode::Klantgeleiding,
        keys: &[ch('b')],
        action: Action::Kas(KasMsg::Open(VensterSoort::Betaling)),
        help: "Betaling aan de balie (product, bedrag, contant of pin; geeft een bonnummer)",
        kort: "betaling",
    },
    Binding {
        mode: Mode::Klantgeleiding,
        keys: &[ch('o')],
        action: Action::Kas(KasMsg::Open(VensterSoort::Kas)),
        help: "Kasopmaak: betalingen van vandaag, totalen, geteld bedrag en afsluiten",
        kort: "kas",
    },
    Binding {
        mode: Mode::KgVenster,
        keys: &[key(KeyCode::Down), key(KeyCode::Tab)],
        action: Action::Kas(KasMsg::Down),
        help: "Volgend veld of volgende regel",
        kort: "",
    },
    Binding {
        mode: Mode::KgVenster,
        keys: &[key(KeyCode::Up), key(KeyCode::BackTab)],
        action: Action::Kas(KasMsg::Up),
        help: "Vorig veld of vorige regel",
        kort: "",
    },
    Binding {
        mode: Mode::KgVenster,
        keys: &[key(KeyCode::Left), key(KeyCode::Right)],
        action: Action::Kas(KasMsg::Toggle),
        help: "Betaalwijze: contant of pin",
        kort: "",
    },
    Binding {
        mode: Mode::KgVenster,
        keys: &[key(KeyCode::Enter)],
        action: Action::Kas(KasMsg::Enter),
        help: "Volgend veld of opslaan; in de lijst: vertrokken; bij de kas: afsluiten (vraagt eerst)",
        kort: "verder",
    },
    Binding {
        mode: Mode::KgVenster,
        keys: &[alt('c')],
        action: Action::Kas(KasMsg::Correctie),
        help: "Bij de kas: correctie boeken op de gekozen betaling (met reden)",
        kort: "",
    },
    Binding {
        mode: Mode::KgVenster,
        keys: &[key(KeyCode::Backspace)],
        action: Action::Kas(KasMsg::Backspace),
        help: "Teken wissen",
        kort: "",
    },
    Binding {
        mode: Mode::KgVenster,
        keys: &[key(KeyCode::Esc)],
        action: Action::Kas(KasMsg::Close),
        help: "Sluiten (niets opgeslagen wat niet bevestigd is)",
        kort: "sluiten",
    },
    Binding {
        mode: Mode::Klantgeleiding,
        keys: &[ch('m')],
        action: Action::Kg(KgMsg::AfspraakMaken),
        help: "Afspraak maken voor de bezoeker (gekoppelde klant) of de open klant",
        kort: "afspraak maken",
    },
    Binding {
        mode: Mode::Klantgeleiding,
        keys: &[ch('d')],
        action: Action::Kg(KgMsg::Agenda),
        help: "Dagagenda per balie, spreekkamer en medewerker (niet verschenen markeren)",
        kort: "agenda",
    },
    Binding {
        mode: Mode::Agenda,
        keys: &[key(KeyCode::Down)],
        action: Action::Kg(KgMsg::AgendaDown),
        help: "Volgende afspraak",
        kort: "",
    },
    Binding {
        mode: Mode::Agenda,
        keys: &[key(KeyCode::Up)],
        action: Action::Kg(KgMsg::AgendaUp),
        help: "Vorige afspraak",
        kort: "",
    },
    Binding {
        mode: Mode::Agenda,
        keys: &[key(KeyCode::Right)],
        action: Action::Kg(KgMsg::AgendaBron(1)),
        help: "Volgende balie of medewerker",
        kort: "balie/medewerker",
    },
    Binding {
        mode: Mode::Agenda,
        keys: &[key(KeyCode::Left)],
        action: Action::Kg(KgMsg::AgendaBron(-1)),
        help: "Vorige balie of medewerker",
        kort: "",
    },
    Binding {
        mode: Mode::Agenda,
        keys: &[ch('+')],
        action: Action::Kg(KgMsg::AgendaDag(1)),
        help: "Volgende dag",
        kort: "dag",
    },
    Binding {
        mode: Mode::Agenda,
        keys: &[ch('-')],
        action: Action::Kg(KgMsg::AgendaDag(-1)),
        help: "Vorige dag",
        kort: "",
    },
    Binding {
        mode: Mode::Agenda,
        keys: &[ch('i')],
        action: Action::Kg(KgMsg::AgendaInchecken),
        help: "Deze afspraak inchecken (klant is er)",
        kort: "inchecken",
    },
    Binding {
        mode: Mode::Agenda,
        keys: &[ch('x')],
        action: Action::Kg(KgMsg::AgendaNoShow),
        help: "Niet verschenen (als de afspraak begonnen is)",
        kort: "niet verschenen",
    },
    Binding {
        mode: Mode::Agenda,
        keys: &[key(KeyCode::Esc)],
        action: Action::Kg(KgMsg::AgendaClose),
        help: "Agenda sluiten",
        kort: "sluiten",
    },
    Binding {
        mode: Mode::Klantgeleiding,
        keys: &[ch('t')],
        action: Action::Kg(KgMsg::Doorsturen),
        help: "Doorsturen naar een andere dienst of balie (houdt de aankomsttijd)",
        kort: "doorsturen",
    },
    Binding {
        mode: Mode::Klantgeleiding,
        keys: &[ctrl('z')],
        action: Action::Kg(KgMsg::Ongedaan),
        help: "Klaar of niet verschenen ongedaan maken (binnen 10 seconden)",
        kort: "",
    },
    Binding {
        mode: Mode::Registratie,
        keys: &[ctrl('z')],
        action: Action::Kg(KgMsg::Ongedaan),
        help: "Bezoeker toch niet klaar: terug in behandeling (binnen 10 seconden, registratie nog leeg)",
        kort: "",
    },
    Binding {
        mode: Mode::Klantgeleiding,
        keys: &[ch('p')],
        action: Action::Kg(KgMsg::Parkeren),
        help: "Bezoeker parkeren (haalt iets op); intussen de volgende oproepen",
        kort: "",
    },
    Binding {
        mode: Mode::Klantgeleiding,
        keys: &[ch('r')],
        action: Action::Kg(KgMsg::Hervatten),
        help: "Geparkeerde bezoeker weer helpen",
        kort: "",
    },
    Binding {
        mode: Mode::Inchecken,
        keys: &[key(KeyCode::Down)],
        action: Action::Kg(KgMsg::Down),
        help: "Volgende dienst",
        kort: "",
    },
    Binding {
        mode: Mode::Inchecken,
        keys: &[key(KeyCode::Up)],
        action: Action::Kg(KgMsg::Up),
        help: "Vorige dienst",
        kort: "",
    },
    Binding {
        mode: Mode::Inchecken,
        keys: &[key(KeyCode::Enter)],
        action: Action::Kg(KgMsg::Choose),
        help: "Inchecken voor deze dienst (geeft het ticketnummer)",
        kort: "inchecken",
    },
    Binding {
        mode: Mode::Inchecken,
        keys: &[ctrl('k')],
        action: Action::Kg(KgMsg::KlantKoppelen),
        help: "De klant open in Zaak/Klant aan dit ticket koppelen (of weer niet)",
        kort: "klant koppelen",
    },
    Binding {
        mode: Mode::Inchecken,
        keys: &[key(KeyCode::Backspace)],
        action: Action::Kg(KgMsg::Backspace),
        help: "Teken wissen",
        kort: "",
    },
    Binding {
        mode: Mode::Inchecken,
        keys: &[key(KeyCode::Esc)],
        action: Action::Kg(KgMsg::Back),
        help: "Niet inchecken",
        kort: "annuleren",
    },
    Binding {
        mode: Mode::Klantbeeld,
        keys: &[ch('a')],
        action: Action::Afspraak(AfspraakMsg::Nieuw),
        help: "Afspraak maken voor deze klant (dienst kiezen, vrije tijden, bevestiging)",
        kort: "afspraak",
    },
    Binding {
        mode: Mode::Afspraak,
        keys: &[key(KeyCode::Down)],
        action: Action::Afspraak(AfspraakMsg::Down),
        help: "Volgende dienst of tijd",
        kort: "",
    },
    Binding {
        mode: Mode::Afspraak,
        keys: &[key(KeyCode::Up)],
        action: Action::Afspraak(AfspraakMsg::Up),
        help: "Vorige dienst of tijd",
        kort: "",
    },
    Binding {
        mode: Mode::Afspraak,
        keys: &[ch(' ')],
        action: Action::Afspraak(AfspraakMsg::Toggle),
        help: "Dienst kiezen of weglaten (meer diensten: de duur telt op)",
        kort: "kiezen",
    },
    Binding {
        mode: Mode::Afspraak,
        keys: &[key(KeyCode::Enter)],
        action: Action::Afspraak(AfspraakMsg::Verder),
        help: "Vrije tijden zoeken; op een tijd: boeken; na de bevestiging: sluiten",
        kort: "verder",
    },
    Binding {
        mode: Mode::Afspraak,
        keys: &[ch('b')],
        action: Action::Afspraak(AfspraakMsg::Plek),
        help: "Bij de vrije tijden: alleen bij de volgende geschikte balie (na de laatste: elke)",
        kort: "balie",
    },
    Binding {
        mode: Mode::Afspraak,
        keys: &[ch('m')],
        action: Action::Afspraak(AfspraakMsg::Maand),
        help: "Bij de vrije tijden: maandoverzicht om een dag te kiezen (pijltjes, Enter)",
        kort: "maand",
    },
    Binding {
        mode: Mode::Afspraak,
        keys: &[key(KeyCode::Left)],
        action: Action::Afspraak(AfspraakMsg::Left),
        help: "In het maandoverzicht: dag terug",
        kort: "",
    },
    Binding {
        mode: Mode::Afspraak,
        keys: &[key(KeyCode::Right)],
        action: Action::Afspraak(AfspraakMsg::Right),
        help: "In het maandoverzicht: dag verder",
        kort: "",
    },
    Binding {
        mode: Mode::Afspraak,
        keys: &[ch('n')],
        action: Action::Afspraak(AfspraakMsg::Nieuwe),
        help: "Bij de afspraken van de klant: nieuwe afspraak",
        kort: "nieuw",
    },
    Binding {
        mode: Mode::Afspraak,
        keys: &[ch('v')],
        action: Action::Afspraak(AfspraakMsg::Verzetten),
        help: "Afspraak verzetten (nieuwe tijd voor dezelfde diensten; de oude blijft in de historie)",
        kort: "verzetten",
    },
    Binding {
        mode: Mode::Afspraak,
        keys: &[ch('x')],
        action: Action::Afspraak(AfspraakMsg::Annuleren),
        help: "Afspraak annuleren (met een reden)",
        kort: "annuleren",
    },
    Binding {
        mode: Mode::AfspraakReden,
        keys: &[key(KeyCode::Enter)],
        action: Action::Afspraak(AfspraakMsg::Verder),
        help: "Annuleren met deze reden",
        kort: "annuleren",
    },
    Binding {
        mode: Mode::AfspraakReden,
        keys: &[key(KeyCode::Backspace)],
        action: Action::Afspraak(AfspraakMsg::Backspace),
        help: "Teken wissen",
        kort: "",
    },
    Binding {
        mode: Mode::AfspraakReden,
        keys: &[key(KeyCode::Esc)],
        action: Action::Afspraak(AfspraakMsg::Back),
        help: "Niet annuleren",
        kort: "terug",
    },
    Binding {
        mode: Mode::Afspraak,
        keys: &[key(KeyCode::Esc)],
        action: Action::Afspraak(AfspraakMsg::Back),
        help: "Terug (van de tijden naar de diensten; anders sluiten)",
        kort: "terug",
    },
    Binding {
        mode: Mode::Verzoeken,
        keys: &[ch('b')],
        action: Action::Tel(TelMsg::Beschikbaar),
        help: "Telefoon: beschikbaar (aangemeld, gesprekken komen binnen)",
        kort: "beschikbaar",
    },
    Binding {
        mode: Mode::Verzoeken,
        keys: &[ch('p')],
        action: Action::Tel(TelMsg::Pauze),
        help: "Telefoon: pauze, met een reden",
        kort: "pauze",
    },
    Binding {
        mode: Mode::Verzoeken,
        keys: &[ch('x')],
        action: Action::Tel(TelMsg::Afmelden),
        help: "Telefoon: afmelden",
        kort: "",
    },
    Binding {
        mode: Mode::PauzeKiezen,
        keys: &[ch('1')],
        action: Action::Tel(TelMsg::PauzeReden(1)),
        help: "Pauze: koffie",
        kort: "koffie",
    },
    Binding {
        mode: Mode::PauzeKiezen,
        keys: &[ch('2')],
        action: Action::Tel(TelMsg::PauzeReden(2)),
        help: "Pauze: lunch",
        kort: "lunch",
    },
    Binding {
        mode: Mode::PauzeKiezen,
        keys: &[ch('3')],
        action: Action::Tel(TelMsg::PauzeReden(3)),
        help: "Pauze: overleg",
        kort: "overleg",
    },
    Binding {
        mode: Mode::PauzeKiezen,
        keys: &[ch('4')],
        action: Action::Tel(TelMsg::PauzeReden(4)),
        help: "Pauze: training",
        kort: "training",
    },
    Binding {
        mode: Mode::PauzeKiezen,
        keys: &[ch('5')],
        action: Action::Tel(TelMsg::PauzeReden(5)),
        help: "Pauze: overig",
        kort: "overig",
    },
    Binding {
        mode: Mode::PauzeKiezen,
        keys: &[key(KeyCode::Esc)],
        action: Action::Tel(TelMsg::PauzeReden(0)),
        help: "Geen pauze",
        kort: "annuleren",
    },
    Binding {
        mode: Mode::Doorverbinden,
        keys: &[key(KeyCode::Down)],
        action: Action::Tel(TelMsg::KiesDown),
        help: "Volgende collega of afdeling",
        kort: "",
    },
    Binding {
        mode: Mode::Doorverbinden,
        keys: &[key(KeyCode::Up)],
        action: Action::Tel(TelMsg::KiesUp),
        help: "Vorige collega of afdeling",
        kort: "",
    },
    Binding {
        mode: Mode::Doorverbinden,
        keys: &[key(KeyCode::Enter)],
        action: Action::Tel(TelMsg::Kies(false)),
        help: "Doorverbinden (warm: de beller wacht tot er wordt opgenomen)",
        kort: "doorverbinden",
    },
    Binding {
        mode: Mode::Doorverbinden,
        keys: &[ctrl('e')],
        action: Action::Tel(TelMsg::Kies(true)),
        help: "Erachter zetten: wachten op een collega die in gesprek is (letters zoeken in de lijst)",
        kort: "erachter",
    },
    Binding {
        mode: Mode::Doorverbinden,
        keys: &[key(KeyCode::Backspace)],
        action: Action::Tel(TelMsg::ZoekBackspace),
        help: "Zoekletter wissen",
        kort: "",
    },
    Binding {
        mode: Mode::Doorverbinden,
        keys: &[key(KeyCode::Esc)],
        action: Action::Tel(TelMsg::KiesBack),
        help: "Niet doorverbinden",
        kort: "annuleren",
    },
    Binding {
        mode: Mode::Fout,
        keys: &[ch('q'), key(KeyCode::Esc), key(KeyCode::Enter)],
        action: Action::Quit,
        help: "Afsluiten",
        kort: "stoppen",
    },
];

/// The action bound to `ev` in `mode` (or in [`Mode::Overal`]).
pub fn lookup(mode: Mode, ev: &KeyEvent) -> Option<Action> {
    std::iter::once(mode)
        .chain(mode.parents().iter().copied())
        .find_map(|m| {
            BINDINGS
                .iter()
                .filter(|b| b.mode == m)
                .find(|b| b.keys.iter().any(|k| k.matches(ev)))
        })
        .map(|b| b.action.clone())
}

/// The binding of a key in this mode itself, not in its parents.
pub fn lookup_eigen(mode: Mode, ev: &KeyEvent) -> Option<Action> {
    BINDINGS
        .iter()
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
        for mode in HELP_ORDER {
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
        for a in BINDINGS {
            for b in BINDINGS {
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
