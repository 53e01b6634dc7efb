//! The first-run form of a desk without [sync]: the first account (name, login and password).
//! Its role is medewerker; the beheerder gives other roles with `loket medewerker wijzigen`. A
//! role is never asked here.

use uuid::Uuid;

use crate::app::text_field::{Edit, TextField};
use crate::config::MedewerkerProfiel;
use crate::identiteit::aanmelden::{MAX_LOGIN, MAX_WACHTWOORD};

pub mod jobs;
pub mod keys;
mod update;
pub mod view;
pub use update::update;

/// What the form is told: its keys.
#[derive(Debug, Clone, PartialEq)]
pub enum ProfielMsg {
    Char(char),
    Backspace,
    /// Moving or deleting in a field (Home, End, Delete, Ctrl-W).
    Edit(Edit),
    NextField,
    PrevField,
    /// →: the cursor one on.
    NextOption,
    /// ←: the cursor one back.
    PrevOption,
    Submit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProfileField {
    #[default]
    Naam,
    Login,
    Wachtwoord,
    Herhaal,
}

impl ProfileField {
    const ALLE: [ProfileField; 4] = [
        ProfileField::Naam,
        ProfileField::Login,
        ProfileField::Wachtwoord,
        ProfileField::Herhaal,
    ];
}

#[derive(Clone, PartialEq, Default)]
pub struct ProfileForm {
    pub naam: TextField,
    pub login: TextField,
    pub wachtwoord: TextField,
    pub herhaal: TextField,
    pub field: ProfileField,
    /// The medewerker record this account is (a config from before sign-in had one).
    pub id: Option<Uuid>,
    /// Shown under the form, in Dutch; the input stays as typed.
    pub error: Option<String>,
    /// Submitted and waiting for the store.
    pub saving: bool,
}

impl std::fmt::Debug for ProfileForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProfileForm")
            .field("naam", &self.naam.as_str())
            .field("login", &self.login.as_str())
            .field("field", &self.field)
            .field("error", &self.error)
            .field("saving", &self.saving)
            .finish_non_exhaustive()
    }
}

/// Longest name accepted (characters).
const MAX_NAAM: usize = 80;
/// Shortest password accepted for a desk's own account (characters).
pub const MIN_WACHTWOORD: usize = 8;

/// The first account as the form gives it.
#[derive(Clone, PartialEq)]
pub struct EersteAccount {
    pub naam: String,
    pub login: String,
    pub wachtwoord: crate::app::aanmelden::Wachtwoord,
    pub id: Option<Uuid>,
}

impl std::fmt::Debug for EersteAccount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EersteAccount")
            .field("naam", &self.naam)
            .field("login", &self.login)
            .finish_non_exhaustive()
    }
}

impl ProfileForm {
    /// The form for this desk: a config from before sign-in names its medewerker, who keeps
    /// their id (and so their history).
    pub fn voor(eerder: Option<&MedewerkerProfiel>) -> ProfileForm {
        let mut f = ProfileForm::default();
        if let Some(m) = eerder {
            f.naam.set(&m.naam);
            f.id = Some(m.id);
        }
        f
    }

    pub fn is_dirty(&self) -> bool {
        !self.naam.trim().is_empty() || !self.login.is_empty() || !self.wachtwoord.is_empty()
    }

    fn veld(&mut self) -> (&mut TextField, usize) {
        match self.field {
            ProfileField::Naam => (&mut self.naam, MAX_NAAM),
            ProfileField::Login => (&mut self.login, MAX_LOGIN),
            ProfileField::Wachtwoord => (&mut self.wachtwoord, MAX_WACHTWOORD),
            ProfileField::Herhaal => (&mut self.herhaal, MAX_WACHTWOORD),
        }
    }

    pub fn edit(&mut self, msg: &ProfielMsg) {
        if self.saving {
            return;
        }
        let login = self.field == ProfileField::Login;
        let (veld, max) = self.veld();
        match msg {
            ProfielMsg::Char(c) if login => {
                if !c.is_whitespace() {
                    veld.insert(c.to_ascii_lowercase(), max);
                }
            }
            ProfielMsg::Char(c) => {
                veld.insert(*c, max);
            }
            ProfielMsg::Backspace => {
                veld.backspace();
            }
            ProfielMsg::Edit(e) => {
                veld.edit(*e);
            }
            ProfielMsg::NextOption => {
                veld.edit(Edit::Right);
            }
            ProfielMsg::PrevOption => {
                veld.edit(Edit::Left);
            }
            ProfielMsg::NextField | ProfielMsg::PrevField => {
                let i = ProfileField::ALLE
                    .iter()
                    .position(|f| *f == self.field)
                    .unwrap_or(0);
                let n = ProfileField::ALLE.len();
                let j = if *msg == ProfielMsg::NextField {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                };
                self.field = ProfileField::ALLE[j];
            }
            ProfielMsg::Submit => return,
        }
        self.error = None;
    }

    fn fout(&mut self, veld: ProfileField, tekst: &str) -> Option<EersteAccount> {
        self.field = veld;
        self.error = Some(tekst.into());
        None
    }

    /// Validate; on success mark the form as saving and return the account to make. The
    /// password fields are emptied: the password goes to be hashed, and nowhere else.
    pub fn submit(&mut self) -> Option<EersteAccount> {
        let naam = self.naam.split_whitespace().collect::<Vec<_>>().join(" ");
        if naam.is_empty() {
            return self.fout(ProfileField::Naam, "Vul uw naam in.");
        }
        if naam.chars().count() < 2 {
            return self.fout(ProfileField::Naam, "Een naam heeft minstens twee tekens.");
        }
        if let Err(e) = crate::identiteit::beheer::controleer_login(&self.login) {
            return self.fout(ProfileField::Login, &format!("Login: {e}."));
        }
        if self.wachtwoord.chars().count() < MIN_WACHTWOORD {
            return self.fout(
                ProfileField::Wachtwoord,
                &format!("Een wachtwoord heeft minstens {MIN_WACHTWOORD} tekens."),
            );
        }
        if self.wachtwoord.as_str() != self.herhaal.as_str() {
            self.herhaal.clear();
            return self.fout(
                ProfileField::Herhaal,
                "De twee wachtwoorden verschillen: typ het nog eens.",
            );
        }
        let wachtwoord = crate::app::aanmelden::Wachtwoord(self.wachtwoord.to_string());
        self.wachtwoord.clear();
        self.herhaal.clear();
        self.error = None;
        self.saving = true;
        Some(EersteAccount {
            naam,
            login: self.login.to_string(),
            wachtwoord,
            id: self.id,
        })
    }
}
