//! Who is at the keyboard: the sign-in screen, the lock (idle or Ctrl-L) and signing out. Until
//! somebody is signed in, and while the desk is locked, the screen shows nothing but this
//! form: no klant, no zaak, no name of a caller. The checking itself (the shared database, the
//! offline cache, a desk's own accounts) is `loket_core::identiteit::aanmelden`, run by
//! [`jobs`] in the background.

use chrono::{DateTime, Utc};

use crate::app::text_field::{Edit, TextField};
use crate::identiteit::aanmelden::{Aangemeld, MAX_LOGIN, MAX_WACHTWOORD, Weigering};

pub mod jobs;
pub mod keys;
pub mod update;
pub mod view;
pub use update::update;

/// Where the desk is with its medewerker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Fase {
    /// The database is opening: is there anybody who can sign in here?
    #[default]
    Laden,
    /// A desk without [sync] and without accounts: the first-run form makes the first.
    EersteAccount,
    /// Login and password asked.
    Aanmelden,
    /// Signed in: the desk is open.
    Aangemeld,
    /// Locked (idle, or Ctrl-L): the signed-in medewerker's password opens it again.
    Vergrendeld,
}

/// The field with the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Veld {
    #[default]
    Login,
    Wachtwoord,
}

/// A password on its way to be checked: never shown, never in a debug print or a log.
#[derive(Clone, PartialEq)]
pub struct Wachtwoord(pub String);

impl std::fmt::Debug for Wachtwoord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Wachtwoord(***)")
    }
}

/// A password's salted hash on its way: not a password, but not for a debug print either.
#[derive(Clone, PartialEq)]
pub struct Hash(pub String);

impl std::fmt::Debug for Hash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Hash(***)")
    }
}

/// The sign-in and lock state.
#[derive(Clone, PartialEq, Default)]
pub struct Aanmelden {
    pub fase: Fase,
    pub login: TextField,
    pub wachtwoord: TextField,
    pub veld: Veld,
    /// What went wrong, in Dutch, under the form.
    pub fout: Option<String>,
    /// What the screen says above the form ("Afgemeld.", "Uw login is ingetrokken").
    pub bericht: Option<String>,
    /// Sent for checking; the answer is awaited.
    pub bezig: bool,
    /// Wrong passwords in a row (the next attempt waits longer).
    pub mislukt: u32,
    /// No attempt is taken before this moment.
    pub wacht_tot: Option<DateTime<Utc>>,
    /// Who is signed in (also while locked).
    pub wie: Option<Aangemeld>,
    /// The last key or paste: the idle lock counts from here.
    pub laatste_activiteit: Option<DateTime<Utc>>,
    /// Lock after this long without a key (None: never, as for the demo's screenshots).
    pub vergrendel_na: Option<chrono::Duration>,
    /// This desk signs in against the shared database (else its own accounts).
    pub met_server: bool,
    /// The medewerker of a config.toml from before sign-in: offered to the first account.
    pub eerder: Option<crate::config::MedewerkerProfiel>,
    /// `--demo` and training: one login per role of the demo medewerkers (password demo), for
    /// whoever signs in after the demo person signed out.
    pub voorbeelden: Vec<(String, String)>,
}

impl std::fmt::Debug for Aanmelden {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Aanmelden")
            .field("fase", &self.fase)
            .field("login", &self.login.as_str())
            .field("veld", &self.veld)
            .field("fout", &self.fout)
            .field("bezig", &self.bezig)
            .field("mislukt", &self.mislukt)
            .field("wie", &self.wie)
            .finish_non_exhaustive()
    }
}

/// What the sign-in screen is told.
#[derive(Debug, Clone, PartialEq)]
pub enum AanmeldMsg {
    Char(char),
    Backspace,
    Edit(Edit),
    /// Tab: the other field.
    Veld,
    Submit,
    /// Esc or Ctrl-C on the sign-in screen: leave (the lock screen does not leave).
    Stoppen,
    /// Ctrl-L: lock now.
    Vergrendel,
    /// Ctrl-X: sign out (the next medewerker can sign in).
    Afmelden,
    /// The database is open: whether the desk has anybody who can sign in.
    /// The demo's logins, one per role (see [`Aanmelden::voorbeelden`]).
    Voorbeelden(Vec<(String, String)>),
    Klaar {
        eerste_account: bool,
    },
    /// The shared database accepted the password: recorded here next (with the password's
    /// salted hash, for the lock and the offline sign-in).
    ServerAkkoord {
        login: String,
        aanmelding: Box<crate::identiteit::beheer::Aanmelding>,
        hash: Hash,
    },
    /// The shared database refused: said as any refusal, and this desk forgets what it had
    /// cached for the login (a changed or revoked password no longer works offline here).
    ServerGeweigerd {
        login: String,
        weigering: Weigering,
    },
    /// The shared database could not be reached: the offline sign-in is tried next.
    ServerOnbereikbaar {
        login: String,
        wachtwoord: Wachtwoord,
    },
    /// The check's answer.
    Uitslag(Result<Box<Aangemeld>, Weigering>),
    /// The lock's password was (not) right, for this sign-in.
    Ontgrendeld {
        aanmelding: uuid::Uuid,
        ok: bool,
    },
    /// The shared database took the sign-in away (a revoked login): signed out at once.
    Ingetrokken(String),
}

/// The work of signing in, done in the background.
#[derive(Debug, Clone, PartialEq)]
pub enum AanmeldEffect {
    /// Whether this desk has accounts (a desk without [sync]); answers `Klaar`.
    Soort,
    /// Check `login` and `wachtwoord` (the server, else offline, or the desk's accounts).
    Aanmelden {
        login: String,
        wachtwoord: Wachtwoord,
    },
    /// A desk without [sync] makes its first account and signs it in.
    EersteAccount(Box<crate::app::profile_form::EersteAccount>),
    /// Record a sign-in the shared database accepted.
    Vastleggen {
        login: String,
        aanmelding: Box<crate::identiteit::beheer::Aanmelding>,
        hash: Hash,
    },
    /// Forget the offline cache of a login the server refused.
    Vergeten(String),
    /// Sign in on the last sign-in the server accepted here.
    Offline {
        login: String,
        wachtwoord: Wachtwoord,
    },
    /// Check the lock's password against the sign-in's hash.
    Ontgrendelen {
        aanmelding: uuid::Uuid,
        hash: Hash,
        wachtwoord: Wachtwoord,
    },
    /// The sign-in ended now.
    Afmelden(uuid::Uuid),
    /// Signed in: what this medewerker left on the desk (contact, draft, notes) comes back.
    EigenWerk,
}

impl Aanmelden {
    /// Signed in and not locked: the desk may show what it holds.
    pub fn open(&self) -> bool {
        self.fase == Fase::Aangemeld
    }

    pub fn edit(&mut self, msg: &AanmeldMsg) {
        if self.bezig {
            return;
        }
        // Locked, only the password is asked: the login is the signed-in medewerker's.
        if self.fase == Fase::Vergrendeld {
            self.veld = Veld::Wachtwoord;
        }
        let (veld, max) = match self.veld {
            Veld::Login => (&mut self.login, MAX_LOGIN),
            Veld::Wachtwoord => (&mut self.wachtwoord, MAX_WACHTWOORD),
        };
        match msg {
            AanmeldMsg::Char(c) => {
                // A login is typed as the beheerder made it: lowercase, without spaces.
                let c = if self.veld == Veld::Login {
                    c.to_ascii_lowercase()
                } else {
                    *c
                };
                if self.veld == Veld::Login && c.is_whitespace() {
                    return;
                }
                veld.insert(c, max);
            }
            AanmeldMsg::Backspace => {
                veld.backspace();
            }
            AanmeldMsg::Edit(e) => {
                veld.edit(*e);
            }
            AanmeldMsg::Veld if self.fase != Fase::Vergrendeld => {
                self.veld = match self.veld {
                    Veld::Login => Veld::Wachtwoord,
                    Veld::Wachtwoord => Veld::Login,
                };
            }
            _ => return,
        }
        self.fout = None;
    }
}
