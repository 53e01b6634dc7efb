//! The one table of key bindings. The input handler looks keys up here and the help overlay is
//! generated from it, so the two can never disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Action, Pane};

/// Which set of bindings is active. The first mode listed in [`Mode::stack`] that binds a key wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Everywhere, whatever is open.
    Overal,
    /// The four panes.
    Balie,
    /// The help overlay.
    Help,
    /// A form with text fields (first-run profile).
    Formulier,
    /// The "really quit?" question.
    Bevestigen,
    /// The database could not be opened.
    Fout,
}

impl Mode {
    pub fn title(self) -> &'static str {
        match self {
            Mode::Overal => "Overal",
            Mode::Balie => "Panelen",
            Mode::Help => "Help",
            Mode::Formulier => "Formulier",
            Mode::Bevestigen => "Afsluiten bevestigen",
            Mode::Fout => "Foutmelding",
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
}

/// Every key binding of loket.
pub static BINDINGS: &[Binding] = &[
    Binding {
        mode: Mode::Overal,
        keys: &[ctrl('c')],
        action: Action::Quit,
        help: "Afsluiten (vraagt eerst bij niet-opgeslagen invoer)",
    },
    Binding {
        mode: Mode::Balie,
        keys: &[key(KeyCode::Tab)],
        action: Action::FocusNext,
        help: "Volgend paneel",
    },
    Binding {
        mode: Mode::Balie,
        keys: &[key(KeyCode::BackTab)],
        action: Action::FocusPrev,
        help: "Vorig paneel",
    },
    Binding {
        mode: Mode::Balie,
        keys: &[key(KeyCode::F(1)), alt('1')],
        action: Action::FocusPane(Pane::Wachtrij),
        help: "Naar Wachtrij",
    },
    Binding {
        mode: Mode::Balie,
        keys: &[key(KeyCode::F(2)), alt('2')],
        action: Action::FocusPane(Pane::Klantgeleiding),
        help: "Naar Klantgeleiding",
    },
    Binding {
        mode: Mode::Balie,
        keys: &[key(KeyCode::F(3)), alt('3')],
        action: Action::FocusPane(Pane::Kennisbank),
        help: "Naar Kennisbank",
    },
    Binding {
        mode: Mode::Balie,
        keys: &[key(KeyCode::F(4)), alt('4')],
        action: Action::FocusPane(Pane::ZaakKlant),
        help: "Naar Zaak/Klant",
    },
    Binding {
        mode: Mode::Balie,
        keys: &[key(KeyCode::Enter)],
        action: Action::Open,
        help: "Paneel openen (schermvullend)",
    },
    Binding {
        mode: Mode::Balie,
        keys: &[key(KeyCode::Esc)],
        action: Action::Back,
        help: "Terug naar alle panelen",
    },
    Binding {
        mode: Mode::Balie,
        keys: &[ch('?')],
        action: Action::ToggleHelp,
        help: "Deze hulp tonen",
    },
    Binding {
        mode: Mode::Balie,
        keys: &[ch('q')],
        action: Action::Quit,
        help: "Afsluiten",
    },
    Binding {
        mode: Mode::Help,
        keys: &[key(KeyCode::Esc), ch('?'), ch('q')],
        action: Action::ToggleHelp,
        help: "Hulp sluiten",
    },
    Binding {
        mode: Mode::Help,
        keys: &[key(KeyCode::Down)],
        action: Action::ScrollDown,
        help: "Omlaag scrollen",
    },
    Binding {
        mode: Mode::Help,
        keys: &[key(KeyCode::Up)],
        action: Action::ScrollUp,
        help: "Omhoog scrollen",
    },
    Binding {
        mode: Mode::Formulier,
        keys: &[key(KeyCode::Tab), key(KeyCode::Down)],
        action: Action::FormNextField,
        help: "Volgend veld",
    },
    Binding {
        mode: Mode::Formulier,
        keys: &[key(KeyCode::BackTab), key(KeyCode::Up)],
        action: Action::FormPrevField,
        help: "Vorig veld",
    },
    Binding {
        mode: Mode::Formulier,
        keys: &[key(KeyCode::Right)],
        action: Action::FormOptionNext,
        help: "Volgende keuze (bij een keuzeveld)",
    },
    Binding {
        mode: Mode::Formulier,
        keys: &[key(KeyCode::Left)],
        action: Action::FormOptionPrev,
        help: "Vorige keuze (bij een keuzeveld)",
    },
    Binding {
        mode: Mode::Formulier,
        keys: &[key(KeyCode::Backspace)],
        action: Action::FormBackspace,
        help: "Teken wissen",
    },
    Binding {
        mode: Mode::Formulier,
        keys: &[key(KeyCode::Enter)],
        action: Action::FormSubmit,
        help: "Opslaan",
    },
    Binding {
        mode: Mode::Bevestigen,
        keys: &[ch('j'), ch('y')],
        action: Action::ConfirmQuit,
        help: "Ja, afsluiten (invoer gaat verloren)",
    },
    Binding {
        mode: Mode::Bevestigen,
        keys: &[ch('n'), key(KeyCode::Esc)],
        action: Action::CancelQuit,
        help: "Nee, terug naar het formulier",
    },
    Binding {
        mode: Mode::Fout,
        keys: &[ch('q'), key(KeyCode::Esc), key(KeyCode::Enter)],
        action: Action::Quit,
        help: "Afsluiten",
    },
];

/// The action bound to `ev` in `mode` (or in [`Mode::Overal`]).
pub fn lookup(mode: Mode, ev: &KeyEvent) -> Option<Action> {
    BINDINGS
        .iter()
        .filter(|b| b.mode == mode || b.mode == Mode::Overal)
        .find(|b| b.keys.iter().any(|k| k.matches(ev)))
        .map(|b| b.action.clone())
}

/// The modes in the order the help overlay lists them.
pub const HELP_ORDER: [Mode; 6] = [
    Mode::Balie,
    Mode::Overal,
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
