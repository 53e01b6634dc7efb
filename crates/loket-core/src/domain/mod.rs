//! Domain types: the words of the KCC and of the Dutch standards (Klantinteracties, ZGW).
//! Nothing here does I/O.

pub mod afspraken;
pub mod bsn;
pub mod contact;
pub mod erlang;
pub mod kas;
pub mod kennisbank;
pub mod klant;
pub mod klantgeleiding;
pub mod kpi;
mod record;
pub mod telefonie;
pub mod training;
pub mod werkdagen;
pub mod zaak;
pub mod zoekvraag;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use record::RecordMeta;

/// What a medewerker may do at this desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Rol {
    /// Medewerker dienstverlening (1e or 2e lijn).
    #[default]
    Medewerker,
    /// Floor manager / teamleider.
    Supervisor,
    /// Trainer / coach.
    Trainer,
}

impl Rol {
    pub const ALL: [Rol; 3] = [Rol::Medewerker, Rol::Supervisor, Rol::Trainer];

    pub fn as_str(self) -> &'static str {
        match self {
            Rol::Medewerker => "medewerker",
            Rol::Supervisor => "supervisor",
            Rol::Trainer => "trainer",
        }
    }

    pub fn parse(s: &str) -> Option<Rol> {
        Rol::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl std::fmt::Display for Rol {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Presence of a colleague, as shown before a warm transfer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aanwezigheid {
    Beschikbaar,
    InGesprek,
    Afwezig,
    Thuiswerk,
    Ziek,
    Verlof,
}

impl Aanwezigheid {
    pub const ALL: [Aanwezigheid; 6] = [
        Aanwezigheid::Beschikbaar,
        Aanwezigheid::InGesprek,
        Aanwezigheid::Afwezig,
        Aanwezigheid::Thuiswerk,
        Aanwezigheid::Ziek,
        Aanwezigheid::Verlof,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Aanwezigheid::Beschikbaar => "beschikbaar",
            Aanwezigheid::InGesprek => "in_gesprek",
            Aanwezigheid::Afwezig => "afwezig",
            Aanwezigheid::Thuiswerk => "thuiswerk",
            Aanwezigheid::Ziek => "ziek",
            Aanwezigheid::Verlof => "verlof",
        }
    }

    /// The stored value (`as_str`); None for anything else.
    pub fn lees(tekst: &str) -> Option<Aanwezigheid> {
        Aanwezigheid::ALL.into_iter().find(|a| a.as_str() == tekst)
    }

    /// As every picker shows it (the one source of presence for F8, Ctrl-T and the floor).
    pub fn label(self) -> &'static str {
        match self {
            Aanwezigheid::Beschikbaar => "beschikbaar",
            Aanwezigheid::InGesprek => "in gesprek",
            Aanwezigheid::Afwezig => "afwezig",
            Aanwezigheid::Thuiswerk => "thuiswerk",
            Aanwezigheid::Ziek => "ziek",
            Aanwezigheid::Verlof => "met verlof",
        }
    }

    /// Working today (at the office or at home): a transfer or a callback can reach them.
    pub fn bereikbaar(self) -> bool {
        matches!(
            self,
            Aanwezigheid::Beschikbaar | Aanwezigheid::InGesprek | Aanwezigheid::Thuiswerk
        )
    }
}

impl MedewerkerRegel {
    /// Their presence; an unknown stored value counts as afwezig.
    pub fn aanwezig(&self) -> Aanwezigheid {
        Aanwezigheid::lees(&self.aanwezigheid).unwrap_or(Aanwezigheid::Afwezig)
    }
}

/// A problem in a file that editors or trainers write (an article, a scenario): where, and
/// what, in Dutch; shown as `file:line: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fout {
    pub bestand: String,
    pub regel: usize,
    pub melding: String,
}

impl std::fmt::Display for Fout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.bestand, self.regel, self.melding)
    }
}

/// The channel a contact came in on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kanaal {
    Telefoon,
    Balie,
    Email,
    Chat,
    SocialMedia,
    Post,
}

impl Kanaal {
    /// E-mail, post and social media: answered later, against a norm in werkdagen from the
    /// day the message came in.
    pub fn schriftelijk(self) -> bool {
        matches!(self, Kanaal::Email | Kanaal::Post | Kanaal::SocialMedia)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kanaal::Telefoon => "telefoon",
            Kanaal::Balie => "balie",
            Kanaal::Email => "email",
            Kanaal::Chat => "chat",
            Kanaal::SocialMedia => "social_media",
            Kanaal::Post => "post",
        }
    }
}

/// A staff member known to the desks (synced, so colleagues see each other's presence).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Medewerker {
    #[serde(flatten)]
    pub meta: RecordMeta,
    pub naam: String,
    pub rol: Rol,
    pub functie: String,
    pub afdeling_id: Option<Uuid>,
    pub aanwezigheid: Aanwezigheid,
    pub telefoon: Option<String>,
}

/// A colleague as pickers show them: with afdeling and presence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MedewerkerRegel {
    pub id: Uuid,
    pub naam: String,
    pub afdeling_id: Option<Uuid>,
    pub afdeling: Option<String>,
    pub aanwezigheid: String,
}

/// The lists forms pick from: afdelingen and medewerkers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Referentie {
    pub afdelingen: Vec<(Uuid, String)>,
    /// Groepen (teams): id, naam, afdeling.
    pub groepen: Vec<(Uuid, String, Option<Uuid>)>,
    pub medewerkers: Vec<MedewerkerRegel>,
}
