//! Application state and its one update function. State is plain data; `update` changes it in
//! answer to an [`Action`] and returns the [`Effect`]s (I/O) the runtime must carry out. Nothing in
//! here touches the terminal, the disk or the network.

pub mod keymap;
mod profile_form;
pub mod zaak_klant;

use chrono::{DateTime, Local};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use uuid::Uuid;

use crate::config::MedewerkerProfiel;
use crate::domain::Rol;
use crate::store::overview::Overview;
use crate::sync::SyncIndicator;
pub use keymap::Mode;
pub use profile_form::{ProfileField, ProfileForm};
pub use zaak_klant::{View, ZaakKlant, ZkEffect};

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
    /// Zaak/Klant pane.
    ZoekChar(char),
    ZoekBackspace,
    ZoekWissen,
    ZoekActiveren,
    Omhoog,
    Omlaag,
    Openen,
    Terug,
    BsnTonen,
    AanvragerOpenen,
    /// Once a second: the clock.
    Tick(DateTime<Local>),
    /// The terminal is now this size (width, height); redraw.
    Resize(u16, u16),
    /// SIGTERM or SIGHUP: leave now, without questions.
    Terminate,
    StoreOpened {
        schema_version: i32,
    },
    StoreFailed(String),
    OverviewLoaded(Box<Overview>),
    Zoekresultaat {
        seq: u64,
        treffers: Vec<crate::store::lookup::Treffer>,
    },
    KlantbeeldLoaded(Box<crate::domain::klant::Klantbeeld>),
    BsnVrijgegeven(Uuid),
    ZaakLoaded(Box<crate::domain::zaak::ZaakDetail>),
    NietGevonden(String),
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
    /// Work for the Zaak/Klant pane (search, open, reveal: all audited by the store).
    ZaakKlant(ZkEffect),
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
    pub medewerker: Option<MedewerkerProfiel>,
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
    pub zaak_klant: ZaakKlant,
    pub db: DbState,
    pub overview: Option<Overview>,
    pub sync: SyncIndicator,
    pub now: DateTime<Local>,
    pub notice: Option<Notice>,
    /// Seconds until the notice gives way to the key hints again.
    notice_ttl: u32,
    /// Terminal size, for refusing keys while the window is too small.
    pub size: (u16, u16),
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
            zaak_klant: ZaakKlant::default(),
            db: DbState::Opening,
            overview: None,
            sync: SyncIndicator::Lokaal,
            now,
            notice: None,
            notice_ttl: 0,
            size: (u16::MAX, u16::MAX),
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
        } else if self.focus == Pane::ZaakKlant && self.db == DbState::Ready {
            match self.zaak_klant.view {
                View::Zoeken if self.zaak_klant.input_active => Mode::Zoeken,
                View::Zoeken => Mode::Balie,
                View::Klant => Mode::Klantbeeld,
                View::Zaak => Mode::Zaak,
            }
        } else {
            Mode::Balie
        }
    }

    /// The role of the medewerker at this desk (medewerker until known).
    pub fn rol(&self) -> Rol {
        self.session
            .medewerker
            .as_ref()
            .map_or(Rol::Medewerker, |m| m.rol)
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

    /// Show a message in the bottom line for a while (errors a little longer).
    pub fn notify(&mut self, text: String, is_error: bool) {
        self.notice_ttl = if is_error { 15 } else { 6 };
        self.notice = Some(Notice { text, is_error });
    }

    /// The window is below the 80x24 the desk needs.
    pub fn too_small(&self) -> bool {
        self.size.0 < crate::ui::MIN_WIDTH || self.size.1 < crate::ui::MIN_HEIGHT
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
    if state.too_small() {
        // Nothing is visible: only leaving works, so no key acts unseen.
        let quit = matches!(ev.code, KeyCode::Char('q'))
            || (ev.code == KeyCode::Char('c') && ev.modifiers.contains(KeyModifiers::CONTROL));
        return quit.then_some(Action::Quit);
    }
    let mode = state.mode();
    if let Some(a) = keymap::lookup(mode, ev) {
        return Some(a);
    }
    if let KeyCode::Char(c) = ev.code
        && !ev
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        match mode {
            Mode::Formulier => return Some(Action::FormChar(c)),
            Mode::Zoeken => return Some(Action::ZoekChar(c)),
            _ => {}
        }
    }
    None
}

/// Move focus; entering the Zaak/Klant pane puts the cursor in its search field.
fn focus(state: &mut State, pane: Pane) {
    if state.focus != pane {
        state.zoomed = false;
    }
    state.focus = pane;
    if pane == Pane::ZaakKlant && state.zaak_klant.view == View::Zoeken {
        state.zaak_klant.input_active = true;
    }
}

fn zk(effects: &mut Vec<Effect>, e: Option<ZkEffect>) {
    if let Some(e) = e {
        effects.push(Effect::ZaakKlant(e));
    }
}

/// Apply `action` to `state`; return the I/O to carry out.
pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    match action {
        Action::FocusNext => focus(state, state.focus.offset(1)),
        Action::FocusPrev => focus(state, state.focus.offset(-1)),
        Action::FocusPane(p) => focus(state, p),
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
        Action::ZoekChar(c) => zk(&mut effects, state.zaak_klant.type_char(c)),
        Action::ZoekBackspace => zk(&mut effects, state.zaak_klant.backspace()),
        Action::ZoekWissen => state.zaak_klant.clear(),
        Action::ZoekActiveren => {
            state.zaak_klant.new_search();
            state.focus = Pane::ZaakKlant;
            state.zoomed = false;
        }
        Action::Omhoog => state.zaak_klant.up(),
        Action::Omlaag => state.zaak_klant.down(),
        Action::Openen => zk(&mut effects, state.zaak_klant.open_selected()),
        Action::Terug => {
            state.zaak_klant.back();
            if state.zaak_klant.view == View::Zoeken {
                state.zoomed = false;
            }
        }
        Action::BsnTonen => zk(&mut effects, state.zaak_klant.toggle_bsn()),
        Action::AanvragerOpenen => zk(&mut effects, state.zaak_klant.open_aanvrager()),
        Action::Zoekresultaat { seq, treffers } => {
            zk(&mut effects, state.zaak_klant.hits(seq, treffers));
        }
        Action::KlantbeeldLoaded(k) => {
            state.zaak_klant.klant_loaded(*k);
            state.focus = Pane::ZaakKlant;
            state.zoomed = true;
        }
        Action::BsnVrijgegeven(id) => state.zaak_klant.bsn_logged(id),
        Action::ZaakLoaded(z) => {
            state.zaak_klant.zaak_loaded(*z);
            state.focus = Pane::ZaakKlant;
            state.zoomed = true;
        }
        Action::NietGevonden(wat) => {
            state.zaak_klant.laden = false;
            state.notify(format!("De {wat} is niet (meer) gevonden."), true);
        }
        Action::Tick(now) => {
            state.now = now;
            if state.notice_ttl > 0 {
                state.notice_ttl -= 1;
                if state.notice_ttl == 0 {
                    state.notice = None;
                }
            }
            state.ticks = state.ticks.wrapping_add(1);
            if state.db == DbState::Ready && state.ticks.is_multiple_of(OVERVIEW_REFRESH_TICKS) {
                effects.push(Effect::LoadOverview);
            }
        }
        Action::Resize(w, h) => state.size = (w, h),
        Action::StoreOpened { .. } => {
            state.db = DbState::Ready;
            effects.push(Effect::LoadOverview);
        }
        Action::StoreFailed(msg) => state.db = DbState::Failed(msg),
        Action::OverviewLoaded(o) => state.overview = Some(*o),
        Action::MedewerkerStored(profile) => effects.push(Effect::WriteProfile(*profile)),
        Action::ProfileSaved(profile) => {
            state.session.medewerker = Some((*profile).clone());
            state.profile_form = None;
            state.notify(
                format!("Welkom, {}. Uw gegevens zijn opgeslagen.", profile.naam),
                false,
            );
            effects.push(Effect::LoadOverview);
        }
        Action::SaveFailed { what, error } => {
            let text = format!("Opslaan mislukt ({what}): {error}");
            if let Some(form) = state.profile_form.as_mut() {
                form.saving = false;
                form.error = Some(text.clone());
            }
            state.notify(text, true);
        }
    }
    effects
}

#[cfg(test)]
mod tests;
