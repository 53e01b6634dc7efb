//! The key bindings: the modes, the desk's own keys, and [`alle`], which reads every feature's
//! table (`app/<feature>/keys.rs`, and the registered features'). The input handler looks keys
//! up through it and the help overlay and hint line are generated from it, so they can never
//! disagree.

use crate::app::afspraken::AfspraakMsg;
use crate::app::kennisbank::KbMsg;
use crate::app::klantgeleiding::KgMsg;
use crate::app::profile_form::ProfielMsg;
use crate::app::registratie::RegMsg;
use crate::app::telefonie::TelMsg;
use crate::app::verzoeken::VzMsg;
use crate::app::zaak_klant::ZkMsg;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::kas::KasMsg;
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
    /// Signing in, or the lock: nothing of the desk is on screen.
    Aanmelden,
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
            Mode::Aanmelden => "Aanmelden en slot",
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
        Mode::Aanmelden => (
            |c| Some(Action::Aanmelden(super::aanmelden::AanmeldMsg::Char(c))),
            veld,
        ),
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
/// The mode is a `Mode` variant's name (`Overal`), or `Feature(NAAM)` for a registered feature.
macro_rules! bindings {
    ($(($mode:ident $(($arg:expr))?, [$($key:expr),* $(,)?], $action:expr, $help:expr, $kort:expr $(,)?)),* $(,)?) => {
        &[$($crate::app::keymap::Binding {
            mode: $crate::app::keymap::Mode::$mode $(($arg))?,
            keys: &[$($key),*],
            action: $action,
            help: $help,
            kort: $kort,
        }),*]
    };
}

pub(crate) use bindings;

/// The help of PgUp/PgDn/Home/End in every list (one README line names them all).
pub const PAGINA_OP: &str = "Een pagina omhoog in de lijst";
pub const PAGINA_NEER: &str = "Een pagina omlaag in de lijst";
pub const LIJST_BEGIN: &str = "Naar het begin van de lijst";
pub const LIJST_EIND: &str = "Naar het eind van de lijst";

/// The desk's own keys (moving between panes, help, quitting), one a line: (mode, keys, action,
/// what the help says, the hint line's word: empty is not in the hint line). Each feature keeps
/// its keys in its folder (`app/<feature>/keys.rs`).
pub static BINDINGS: &[Binding] = bindings! {
    (Overal, [ctrl('c')], Action::Quit, "Afsluiten (vraagt eerst bij niet-opgeslagen invoer)", ""),
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
    (Help, [key(KeyCode::Esc), ch('?'), ch('q')], Action::ToggleHelp, "Hulp sluiten", "sluiten"),
    (Help, [key(KeyCode::Down)], Action::ScrollDown, "Omlaag scrollen", ""),
    (Help, [key(KeyCode::Up)], Action::ScrollUp, "Omhoog scrollen", ""),
    (Bevestigen, [ch('j'), ch('y')], Action::ConfirmQuit, "Ja, afsluiten (invoer gaat verloren)", "ja"),
    (Bevestigen, [ch('n'), key(KeyCode::Esc)], Action::CancelQuit, "Nee, terug naar het formulier", "nee"),
    (Fout, [ch('q'), key(KeyCode::Esc), key(KeyCode::Enter)], Action::Quit, "Afsluiten", "stoppen"),
};

/// Each feature's own keys (`app/<feature>/keys.rs`), in the order the help lists them.
static FEATURE_KEYS: &[&[Binding]] = &[
    super::vloer::keys::BINDINGS,
    super::training::keys::BINDINGS,
    super::afspraken::keys::BINDINGS,
    super::telefonie::keys::BINDINGS,
    super::zaak_klant::keys::BINDINGS,
    super::kennisbank::keys::BINDINGS,
    super::aanmelden::keys::BINDINGS,
    super::profile_form::keys::BINDINGS,
    super::registratie::keys::BINDINGS,
    super::verzoeken::keys::BINDINGS,
    super::klantgeleiding::keys::BINDINGS,
    super::kas::keys::BINDINGS,
];

/// Every binding: the desk's own (below), each feature's, then those of the registered features.
pub fn alle() -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .chain(FEATURE_KEYS.iter().flat_map(|t| t.iter()))
        .chain(
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
pub const HELP_ORDER: [Mode; 32] = [
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
    Mode::Aanmelden,
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
