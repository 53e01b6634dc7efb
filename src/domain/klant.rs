//! The klant as the desk sees it (Klantinteracties: partij with its identificatoren and
//! digitale adressen), the hits of a search, and the klantbeeld.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::zaak::ZaakRegel;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SoortPartij {
    Persoon,
    Organisatie,
}

/// One line in the search results: enough to tell people apart, no BSN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KlantTreffer {
    pub id: Uuid,
    pub soort: SoortPartij,
    pub naam: String,
    pub adres: String,
    /// Geboortedatum for a persoon, KvK-nummer for an organisatie.
    pub kenmerk: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigitaalAdres {
    pub soort: String,
    pub adres: String,
}

/// A contact in the klant's history, any channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRegel {
    pub id: Uuid,
    pub plaatsgevonden_op: DateTime<Utc>,
    pub kanaal: String,
    pub onderwerp: String,
    pub afhandeling: String,
    pub medewerker: Option<String>,
    pub zaak: Option<String>,
    /// An open contactverzoek hangs on this contact.
    pub open_contactverzoek: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactverzoekRegel {
    pub id: Uuid,
    pub aangemaakt_op: DateTime<Utc>,
    pub uiterlijk_op: DateTime<Utc>,
    pub toelichting: String,
    pub afdeling: Option<String>,
    pub status: String,
}

/// Everything the desk shows about one klant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Klantbeeld {
    pub id: Uuid,
    pub soort: SoortPartij,
    pub naam: String,
    pub geboortedatum: Option<NaiveDate>,
    /// Personal data: shown masked until revealed (and then audited).
    pub bsn: Option<String>,
    pub kvk_nummer: Option<String>,
    pub vestigingsnummer: Option<String>,
    pub adres: String,
    pub postcode_woonplaats: String,
    pub digitale_adressen: Vec<DigitaalAdres>,
    pub voorkeurskanaal: Option<String>,
    pub indicatie_geheimhouding: bool,
    pub zaken: Vec<ZaakRegel>,
    /// Newest first.
    pub contacten: Vec<ContactRegel>,
    pub contacten_totaal: i64,
    pub open_contactverzoeken: Vec<ContactverzoekRegel>,
}

impl Klantbeeld {
    pub fn telefoon(&self) -> Option<&str> {
        self.digitale_adressen
            .iter()
            .find(|d| d.soort == "telefoonnummer")
            .map(|d| d.adres.as_str())
    }

    pub fn email(&self) -> Option<&str> {
        self.digitale_adressen
            .iter()
            .find(|d| d.soort == "email")
            .map(|d| d.adres.as_str())
    }
}

/// "Jan de Vries" from its parts.
pub fn volledige_naam(
    voornamen: Option<&str>,
    voorvoegsel: Option<&str>,
    achternaam: Option<&str>,
) -> String {
    [voornamen, voorvoegsel, achternaam]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// "Dorpsstraat 12a".
pub fn adresregel(
    straat: Option<&str>,
    huisnummer: Option<i64>,
    toevoeging: Option<&str>,
) -> String {
    let mut s = straat.unwrap_or_default().to_string();
    if let Some(n) = huisnummer {
        s.push_str(&format!(" {n}"));
    }
    if let Some(t) = toevoeging.filter(|t| !t.is_empty()) {
        if t.len() > 1 {
            s.push('-');
        }
        s.push_str(t);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_addresses_read_naturally() {
        assert_eq!(
            volledige_naam(Some("Rianne"), Some("van der"), Some("Meer")),
            "Rianne van der Meer"
        );
        assert_eq!(
            volledige_naam(Some("Eva"), None, Some("Bakker")),
            "Eva Bakker"
        );
        assert_eq!(
            adresregel(Some("Dorpsstraat"), Some(12), Some("a")),
            "Dorpsstraat 12a"
        );
        assert_eq!(
            adresregel(Some("Dorpsstraat"), Some(12), Some("bis")),
            "Dorpsstraat 12-bis"
        );
        assert_eq!(
            adresregel(Some("Dorpsstraat"), Some(12), None),
            "Dorpsstraat 12"
        );
    }
}
