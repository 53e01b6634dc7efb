//! Application state and its one update function. State is plain data; `update` changes it in
//! answer to an [`Action`] and returns the [`Effect`]s (I/O) the runtime must carry out. Nothing in
//! here touches the terminal, the disk or the network.

pub mod keymap;
mod profile_form;

use chrono::{DateTime, Local};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use uuid::Uuid;

use crate::domain::Rol;
use crate::store::overview::Overview;
use crate::sync::SyncIndicator;
pub use keymap::Mode;
pub use profile_form::{ProfileField, ProfileForm};

/// The four panes of the desk, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Wachtrij,
    Klantgeleiding,
    Kennisbank,
    ZaakKlant,
}

impl Pane {
    pub const ALL: [Pane; 4] = [
        Pane::Wachtrij,
        Pane::Klantgeleiding,
        Pane::Kennisbank,
        Pane::ZaakKlant,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Wachtrij => "Wachtrij",
            Pane::Klantgeleiding => "Klantgeleiding",
            Pane::Kennisbank => "Kennisbank",
            Pane::ZaakKlant => "Zaak/Klant",
        }
    }

    /// The function key that jumps here (F1..F4).
    pub fn number(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0) + 1
    }

    fn offset(self, by: isize) -> Pane {
        let n = Pane::ALL.len() as isize;
        let i = (self.number() as isize - 1 + by).rem_euclid(n);
        Pane::ALL[i as usize]
    }
}

/// Everything that can happen: keys (through the keymap), ticks, and results of background work.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    FocusNext,
    FocusPrev,
    FocusPane(Pane),
    Open,
    Back,
    ToggleHelp,
    ScrollUp,
    ScrollDown,
    Quit,
    ConfirmQuit,
    CancelQuit,
    FormChar(char),
    FormBackspace,
    FormNextField,
    FormPrevField,
    FormOptionNext,
    FormOptionPrev,
    FormSubmit,
    /// Once a second: the clock.
    Tick(DateTime<Local>),
    /// The terminal was resized; redraw.
    Resize,
    /// SIGTERM or SIGHUP: leave now, without questions.
    Terminate,
    StoreOpened {
        schema_version: i32,
    },
    StoreFailed(String),
    OverviewLoaded(Box<Overview>),
    /// The medewerker record is in the database; the config file is next.
    MedewerkerStored(Box<crate::config::MedewerkerProfiel>),
    /// Both the record and the config file are written.
    ProfileSaved(Box<crate::config::MedewerkerProfiel>),
    SaveFailed {
        what: String,
        error: String,
    },
}

/// I/O for the runtime to carry out; its outcome comes back as an [`Action`].
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    LoadOverview,
    /// Write the medewerker record through the store.
    SaveProfile(crate::config::MedewerkerProfiel),
    /// Remember the profile in the config file.
    WriteProfile(crate::config::MedewerkerProfiel),
}

/// Where the database stands.
#[derive(Debug, Clone, PartialEq)]
pub enum DbState {
    /// Being opened (or, in demo mode, generated).
    Opening,
    Ready,
    /// Refused or unreadable; the message says why, in Dutch.
    Failed(String),
}

/// A line for the bottom bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

/// Who is working at this desk, for the status bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// From the config; else the database's; else none yet.
    pub gemeente: Option<String>,
    pub medewerker: Option<(String, Rol)>,
    pub desk_id: Uuid,
    pub demo: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub session: Session,
    pub focus: Pane,
    /// The focused pane fills the screen (Enter), until Esc.
    pub zoomed: bool,
    pub help: Option<u16>,
    pub confirm_quit: bool,
    pub profile_form: Option<ProfileForm>,
    pub db: DbState,
    pub overview: Option<Overview>,
    pub sync: SyncIndicator,
    pub now: DateTime<Local>,
    pub notice: Option<Notice>,
    pub quit: bool,
    ticks: u32,
}

/// Reload the overview this often (in ticks of a second), so "te laat" counts stay true.
const OVERVIEW_REFRESH_TICKS: u32 = 60;

impl State {
    pub fn new(session: Session, ask_profile: bool, now: DateTime<Local>) -> State {
        State {
            session,
            focus: Pane::Wachtrij,
            zoomed: false,
            help: None,
            confirm_quit: false,
            profile_form: ask_profile.then(ProfileForm::default),
            db: DbState::Opening,
            overview: None,
            sync: SyncIndicator::Lokaal,
            now,
            notice: None,
            quit: false,
            ticks: 0,
        }
    }

    /// The mode whose bindings apply now.
    pub fn mode(&self) -> Mode {
        if self.confirm_quit {
            Mode::Bevestigen
        } else if self.help.is_some() {
            Mode::Help
        } else if matches!(self.db, DbState::Failed(_)) {
            Mode::Fout
        } else if self.profile_form.is_some() {
            Mode::Formulier
        } else {
            Mode::Balie
        }
    }

    /// True when leaving now would lose typed input.
    /// (With a refused database nothing can be saved, so there is nothing to keep.)
    pub fn has_unsaved_input(&self) -> bool {
        !matches!(self.db, DbState::Failed(_))
            && self
                .profile_form
                .as_ref()
                .is_some_and(ProfileForm::is_dirty)
    }

    /// The gemeente name to show.
    pub fn gemeente(&self) -> &str {
        self.session
            .gemeente
            .as_deref()
            .or(self.overview.as_ref().and_then(|o| o.gemeente.as_deref()))
            .unwrap_or("loket")
    }
}

/// Turn a terminal key event into an action for the current mode. Text typed into a form field
/// becomes `FormChar`; unbound keys become nothing.
pub fn key_to_action(state: &State, ev: &KeyEvent) -> Option<Action> {
    if ev.kind != KeyEventKind::Press {
        return None;
    }
    let mode = state.mode();
    if let Some(a) = keymap::lookup(mode, ev) {
        return Some(a);
    }
    if mode == Mode::Formulier
        && let KeyCode::Char(c) = ev.code
        && !ev
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return Some(Action::FormChar(c));
    }
    None
}

/// Apply `action` to `state`; return the I/O to carry out.
pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    match action {
        Action::FocusNext => state.focus = state.focus.offset(1),
        Action::FocusPrev => state.focus = state.focus.offset(-1),
        Action::FocusPane(p) => state.focus = p,
        Action::Open => state.zoomed = true,
        Action::Back => state.zoomed = false,
        Action::ToggleHelp => {
            state.help = match state.help {
                Some(_) => None,
                None => Some(0),
            }
        }
        Action::ScrollDown => {
            if let Some(off) = state.help.as_mut() {
                *off = off.saturating_add(1);
            }
        }
        Action::ScrollUp => {
            if let Some(off) = state.help.as_mut() {
                *off = off.saturating_sub(1);
            }
        }
        Action::Quit => {
            if state.has_unsaved_input() {
                state.confirm_quit = true;
            } else {
                state.quit = true;
            }
        }
        Action::ConfirmQuit | Action::Terminate => state.quit = true,
        Action::CancelQuit => state.confirm_quit = false,
        Action::FormChar(_)
        | Action::FormBackspace
        | Action::FormNextField
        | Action::FormPrevField
        | Action::FormOptionNext
        | Action::FormOptionPrev => {
            if let Some(form) = state.profile_form.as_mut() {
                form.edit(&action);
            }
        }
        Action::FormSubmit => {
            if let Some(form) = state.profile_form.as_mut() {
                if let DbState::Failed(_) = state.db {
                    form.error = Some(
                        "De database is niet beschikbaar; uw gegevens kunnen niet worden opgeslagen."
                            .into(),
                    );
                } else if let Some(profile) = form.submit() {
                    effects.push(Effect::SaveProfile(profile));
                }
            }
        }
        Action::Tick(now) => {
            state.now = now;
            state.ticks = state.ticks.wrapping_add(1);
            if state.db == DbState::Ready && state.ticks.is_multiple_of(OVERVIEW_REFRESH_TICKS) {
                effects.push(Effect::LoadOverview);
            }
        }
        Action::Resize => {}
        Action::StoreOpened { .. } => {
            state.db = DbState::Ready;
            effects.push(Effect::LoadOverview);
        }
        Action::StoreFailed(msg) => state.db = DbState::Failed(msg),
        Action::OverviewLoaded(o) => state.overview = Some(*o),
        Action::MedewerkerStored(profile) => effects.push(Effect::WriteProfile(*profile)),
        Action::ProfileSaved(profile) => {
            state.session.medewerker = Some((profile.naam.clone(), profile.rol));
            state.profile_form = None;
            state.notice = Some(Notice {
                text: format!("Welkom, {}. Uw gegevens zijn opgeslagen.", profile.naam),
                is_error: false,
            });
            effects.push(Effect::LoadOverview);
        }
        Action::SaveFailed { what, error } => {
            let text = format!("Opslaan mislukt ({what}): {error}");
            if let Some(form) = state.profile_form.as_mut() {
                form.saving = false;
                form.error = Some(text.clone());
            }
            state.notice = Some(Notice {
                text,
                is_error: true,
            });
        }
    }
    effects
}

#[cfg(test)]
mod tests;
