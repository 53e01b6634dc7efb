//! Contact registration (Klantinteracties: klantcontact with its vragen) and the contactverzoek
//! (interne taak / terugbelnotitie) that may follow from it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Kanaal, RecordMeta};

/// Longest onderwerp of a vraag (characters).
pub const MAX_ONDERWERP: usize = 200;
/// Longest vraag, notitie or toelichting (characters).
pub const MAX_TEKST: usize = 1000;

/// How a vraag ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Gespreksresultaat {
    #[default]
    Afgehandeld,
    Doorverbonden,
    Terugbelverzoek,
    AfspraakGemaakt,
    ZaakAangemaakt,
    DoorverwezenExtern,
    NietAfgehandeld,
}

impl Gespreksresultaat {
    pub const ALL: [Gespreksresultaat; 7] = [
        Gespreksresultaat::Afgehandeld,
        Gespreksresultaat::Doorverbonden,
        Gespreksresultaat::Terugbelverzoek,
        Gespreksresultaat::AfspraakGemaakt,
        Gespreksresultaat::ZaakAangemaakt,
        Gespreksresultaat::DoorverwezenExtern,
        Gespreksresultaat::NietAfgehandeld,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Gespreksresultaat::Afgehandeld => "afgehandeld",
            Gespreksresultaat::Doorverbonden => "doorverbonden",
            Gespreksresultaat::Terugbelverzoek => "terugbelverzoek",
            Gespreksresultaat::AfspraakGemaakt => "afspraak gemaakt",
            Gespreksresultaat::ZaakAangemaakt => "zaak aangemaakt",
            Gespreksresultaat::DoorverwezenExtern => "doorverwezen extern",
            Gespreksresultaat::NietAfgehandeld => "niet afgehandeld",
        }
    }

    /// Settled in the first line by this result (the 80% norm counts these).
    pub fn eerstelijns(self) -> bool {
        matches!(
            self,
            Gespreksresultaat::Afgehandeld
                | Gespreksresultaat::AfspraakGemaakt
                | Gespreksresultaat::ZaakAangemaakt
        )
    }
}

impl Kanaal {
    pub const ALL: [Kanaal; 6] = [
        Kanaal::Telefoon,
        Kanaal::Balie,
        Kanaal::Email,
        Kanaal::Chat,
        Kanaal::SocialMedia,
        Kanaal::Post,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Kanaal::Telefoon => "telefoon",
            Kanaal::Balie => "balie",
            Kanaal::Email => "e-mail",
            Kanaal::Chat => "chat",
            Kanaal::SocialMedia => "social media",
            Kanaal::Post => "post",
        }
    }
}

/// One registered contact. `onderwerp`, `inhoud` and `afhandeling` repeat the first vraag, so
/// lists can show a contact without reading its vragen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contactmoment {
    #[serde(flatten)]
    pub meta: RecordMeta,
    pub plaatsgevonden_op: DateTime<Utc>,
    pub kanaal: Kanaal,
    pub onderwerp: String,
    pub inhoud: String,
    pub notitie: String,
    pub afhandeling: String,
    /// The betrokkene; None: anoniem.
    pub partij_id: Option<Uuid>,
    /// The onderwerpobject.
    pub zaak_id: Option<Uuid>,
    pub medewerker_id: Option<Uuid>,
    pub afdeling_id: Option<Uuid>,
    pub duur_seconden: i64,
    pub nawerk_seconden: i64,
    pub eerstelijns_afgehandeld: bool,
    /// Kennisbank articles consulted.
    pub bronnen: Vec<String>,
    /// The telephone call this contact was (its record in `gesprek`).
    #[serde(default)]
    pub gesprek_id: Option<Uuid>,
    /// Written channels: the day the klant's message came in (the norm counts werkdagen from it).
    #[serde(default)]
    pub ontvangen_op: Option<NaiveDate>,
}

/// One vraag of a contactmoment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactmomentVraag {
    #[serde(flatten)]
    pub meta: RecordMeta,
    pub contactmoment_id: Uuid,
    pub volgnummer: i64,
    pub onderwerp: String,
    pub vraag: String,
    pub gespreksresultaat: Gespreksresultaat,
    pub afdeling_id: Option<Uuid>,
}

/// A callback request to an afdeling or a named medewerker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contactverzoek {
    #[serde(flatten)]
    pub meta: RecordMeta,
    pub contactmoment_id: Option<Uuid>,
    pub partij_id: Option<Uuid>,
    pub gevraagde_handeling: String,
    pub toelichting: String,
    pub terugbelnummer: Option<String>,
    pub emailadres: Option<String>,
    pub afdeling_id: Option<Uuid>,
    pub groep_id: Option<Uuid>,
    pub medewerker_id: Option<Uuid>,
    /// te_verwerken or verwerkt.
    pub status: String,
    pub uiterlijk_op: DateTime<Utc>,
    pub verwerkt_op: Option<DateTime<Utc>>,
    pub resultaat: Option<String>,
    pub verwerkt_door: Option<String>,
}

/// A line in a contactverzoek's logboek.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogboekRegel {
    #[serde(flatten)]
    pub meta: RecordMeta,
    pub contactverzoek_id: Uuid,
    pub medewerker: String,
    pub actie: String,
    pub toelichting: Option<String>,
}

/// At most this many contactverzoeken are listed.
pub const MAX_LIJST: usize = 200;

/// Which contactverzoeken the list shows. A medewerker sees those addressed to them or their
/// afdeling; a supervisor (and a trainer) sees all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    /// Open ones addressed to me by name, or that I wrote.
    AanMij,
    /// Open ones for my afdeling or one of its medewerkers.
    #[default]
    MijnAfdeling,
    /// Every open one (supervisor).
    AlleOpen,
    /// Handled ones, most recent first (a medewerker: mine and my afdeling's).
    Verwerkt,
}

impl Filter {
    pub fn label(self) -> &'static str {
        match self {
            Filter::AanMij => "van of aan mij",
            Filter::MijnAfdeling => "mijn afdeling",
            Filter::AlleOpen => "alle open",
            Filter::Verwerkt => "verwerkt",
        }
    }

    /// The filters a role may use, the first being its default.
    pub fn voor(rol: super::Rol) -> &'static [Filter] {
        match rol {
            super::Rol::Medewerker => &[Filter::MijnAfdeling, Filter::AanMij, Filter::Verwerkt],
            _ => &[
                Filter::AlleOpen,
                Filter::MijnAfdeling,
                Filter::AanMij,
                Filter::Verwerkt,
            ],
        }
    }

    /// The next filter for `rol` (f cycles through them).
    pub fn next(self, rol: super::Rol) -> Filter {
        let list = Filter::voor(rol);
        let i = list
            .iter()
            .position(|f| *f == self)
            .unwrap_or(list.len() - 1);
        list[(i + 1) % list.len()]
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerzoekRegel {
    pub id: Uuid,
    pub aangemaakt_op: DateTime<Utc>,
    pub uiterlijk_op: DateTime<Utc>,
    pub klant: Option<String>,
    pub telefoon: Option<String>,
    pub email: Option<String>,
    /// Afdeling or medewerker it is addressed to.
    pub aan: String,
    pub handeling: String,
    pub toelichting: String,
    pub status: String,
    pub resultaat: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogRegel {
    pub op: DateTime<Utc>,
    pub medewerker: String,
    pub actie: String,
    pub toelichting: Option<String>,
}

/// The outcomes a medewerker can record.
pub const RESULTATEN: [(&str, bool); 3] = [
    ("klant teruggebeld, afgehandeld", true),
    ("niet bereikt, opnieuw geprobeerd", false),
    ("doorgezet naar de vakafdeling", false),
];

/// Everything one registration writes, in one transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct RegistratieRecords {
    pub contactmoment: Contactmoment,
    pub vragen: Vec<ContactmomentVraag>,
    pub verzoek: Option<(Contactverzoek, LogboekRegel)>,
}

/// True when `s` is within `max` characters (limits count characters, not bytes).
pub fn begrensd(s: &str, max: usize) -> bool {
    s.chars().count() <= max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_line_results() {
        assert!(Gespreksresultaat::Afgehandeld.eerstelijns());
        assert!(Gespreksresultaat::AfspraakGemaakt.eerstelijns());
        assert!(!Gespreksresultaat::Terugbelverzoek.eerstelijns());
        assert!(!Gespreksresultaat::Doorverbonden.eerstelijns());
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        assert!(begrensd(&"é".repeat(200), MAX_ONDERWERP));
        assert!(!begrensd(&"a".repeat(201), MAX_ONDERWERP));
    }
}
