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
    /// The live ones, per soort the voorkeur first ([`VOORKEUR_VOLGORDE`]).
    pub digitale_adressen: Vec<DigitaalAdres>,
    pub voorkeurskanaal: Option<String>,
    pub indicatie_geheimhouding: bool,
    pub zaken: Vec<ZaakRegel>,
    /// Newest first.
    pub contacten: Vec<ContactRegel>,
    pub contacten_totaal: i64,
    pub open_contactverzoeken: Vec<ContactverzoekRegel>,
    /// Afspraken from today on that still hold, earliest first.
    pub afspraken: Vec<KlantAfspraak>,
}

/// One of a klant's coming afspraken.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct KlantAfspraak {
    pub begin_op: DateTime<Utc>,
    pub eind_op: DateTime<Utc>,
    pub id: Uuid,
    pub product: String,
    pub locatie: String,
    /// Booked on this desk and not yet confirmed by the shared database (sync configured).
    pub voorbehoud: bool,
}

impl Klantbeeld {
    /// The voorkeur telefoonnummer (the first of its soort, see `digitale_adressen`).
    pub fn telefoon(&self) -> Option<&str> {
        self.digitale_adressen
            .iter()
            .find(|d| d.soort == "telefoonnummer")
            .map(|d| d.adres.as_str())
    }

    /// The voorkeur e-mailadres.
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

/// A digitaal adres as a synced record (Klantinteracties: digitaal adres of a partij).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DigitaalAdresRecord {
    #[serde(flatten)]
    pub meta: crate::domain::RecordMeta,
    pub partij_id: Uuid,
    pub soort_digitaal_adres: String,
    pub adres: String,
}

/// The namespace of the ids of digitale adressen derived from their natural key ("loket-digadres"
/// in ASCII, then 1).
const DIGITAAL_ADRES_NS: Uuid = Uuid::from_u128(0x6c6f_6b65_742d_6469_6761_6472_6573_0001);

/// The voorkeur among a klant's live digitale adressen of one soort: the newest, i.e. the one
/// written last (added, revived or chosen again; `updated_at`), the larger id on a tie. The same
/// rule as [`DigitaalAdresRecord::voorkeur`], for an `ORDER BY` over `digitaal_adres`: every
/// reader (the klantbeeld, the klant in a refusal notice, the training) takes the first row.
pub const VOORKEUR_VOLGORDE: &str = "updated_at DESC, id DESC";

/// The spelling of a contact detail its natural key is made of. A telefoonnummer: a Dutch number
/// in national form (`+31 6 1234 5678`, `0031 6…` and `06-1234 5678` are all `0612345678`), any
/// other its digits, a leading `+` written as `00` (`+32 2 …` and `0032 2 …` are one). An e-mail
/// address (or any other soort): trimmed and lowercased.
pub fn sleutelwaarde(soort: &str, adres: &str) -> String {
    if soort != "telefoonnummer" {
        return adres.trim().to_lowercase();
    }
    if let Ok(nationaal) = telefoon_normaal(adres) {
        return nationaal;
    }
    let t = adres.trim();
    let cijfers: String = t.chars().filter(char::is_ascii_digit).collect();
    if t.starts_with('+') {
        format!("00{cijfers}")
    } else {
        cijfers
    }
}

impl DigitaalAdresRecord {
    /// The id of a klant's contact detail, derived from its natural key: UUID v5 of the partij,
    /// the soort and the [`sleutelwaarde`]. Two desks adding the same value get the same record.
    pub fn id_voor(partij: Uuid, soort: &str, adres: &str) -> Uuid {
        let naam = format!("{partij}\n{soort}\n{}", sleutelwaarde(soort, adres));
        Uuid::new_v5(&DIGITAAL_ADRES_NS, naam.as_bytes())
    }

    /// This record's natural key value.
    pub fn sleutel(&self) -> String {
        sleutelwaarde(&self.soort_digitaal_adres, &self.adres)
    }

    /// The voorkeur of `soort` among `adressen` (see [`VOORKEUR_VOLGORDE`]); ended ones never.
    pub fn voorkeur<'a>(
        adressen: &'a [DigitaalAdresRecord],
        soort: &str,
    ) -> Option<&'a DigitaalAdresRecord> {
        adressen
            .iter()
            .filter(|a| !a.meta.deleted && a.soort_digitaal_adres == soort)
            .max_by_key(|a| (a.meta.updated_at, a.meta.id))
    }
}

/// A klant created at the desk with minimal data (a persoon).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NieuwePartij {
    #[serde(flatten)]
    pub meta: crate::domain::RecordMeta,
    pub voornamen: String,
    pub voorvoegsel_achternaam: String,
    pub achternaam: String,
    pub zoeknaam: String,
}

/// A Dutch telephone number in national form (`0612345678`), or why it is not one.
pub fn telefoon_normaal(s: &str) -> Result<String, String> {
    let compact: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect();
    let national = if let Some(rest) = compact
        .strip_prefix("+31")
        .or_else(|| compact.strip_prefix("0031"))
    {
        format!("0{}", rest.strip_prefix('0').unwrap_or(rest))
    } else {
        compact
    };
    if national.len() == 10
        && national.starts_with('0')
        && national.chars().all(|c| c.is_ascii_digit())
    {
        Ok(national)
    } else {
        Err(format!(
            "\"{}\" is geen geldig telefoonnummer (10 cijfers, bijvoorbeeld 06 12345678).",
            s.trim()
        ))
    }
}

/// A plausible e-mail address, lowercased, or why it is not one.
pub fn email_normaal(s: &str) -> Result<String, String> {
    let t = s.trim().to_lowercase();
    let ok = match t.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !t.contains(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    };
    if ok {
        Ok(t)
    } else {
        Err(format!("\"{}\" is geen geldig e-mailadres.", s.trim()))
    }
}

#[cfg(test)]
mod contact_tests {
    use super::*;

    #[test]
    fn phone_numbers_are_normalised_or_refused_in_dutch() {
        assert_eq!(telefoon_normaal("06-12 34 56 78").unwrap(), "0612345678");
        assert_eq!(telefoon_normaal("+31 6 1234 5678").unwrap(), "0612345678");
        assert_eq!(telefoon_normaal("+31 (0)58 3201000").unwrap(), "0583201000");
        assert!(
            telefoon_normaal("12345")
                .unwrap_err()
                .contains("geen geldig telefoonnummer")
        );
        assert!(telefoon_normaal("06123456789").is_err());
    }

    #[test]
    fn a_contact_detail_has_one_key_however_it_is_spelled() {
        let tel = |s| sleutelwaarde("telefoonnummer", s);
        for s in [
            "0612345678",
            "06-12 34 56 78",
            "+31 6 1234 5678",
            "0031612345678",
        ] {
            assert_eq!(tel(s), "0612345678", "{s}");
        }
        assert_eq!(tel("+31 (0)58 3201000"), "0583201000");
        assert_eq!(tel("+32 2 123 45 67"), "003221234567");
        assert_eq!(tel("0032 2 123 45 67"), "003221234567");
        assert_eq!(
            sleutelwaarde("email", " Eva@Voorbeeld.NL "),
            "eva@voorbeeld.nl"
        );
        let p = Uuid::from_u128(7);
        let id = DigitaalAdresRecord::id_voor;
        assert_eq!(
            id(p, "telefoonnummer", "+31 6 1234 5678"),
            id(p, "telefoonnummer", "0612345678")
        );
        assert_eq!(
            id(p, "email", "EVA@voorbeeld.nl"),
            id(p, "email", "eva@voorbeeld.nl")
        );
        assert_eq!(id(p, "email", "x").get_version_num(), 5);
        // Another klant, soort or value: another record.
        assert_ne!(
            id(p, "telefoonnummer", "0612345678"),
            id(Uuid::from_u128(8), "telefoonnummer", "0612345678")
        );
        assert_ne!(
            id(p, "telefoonnummer", "0612345678"),
            id(p, "email", "0612345678")
        );
        assert_ne!(
            id(p, "telefoonnummer", "0612345678"),
            id(p, "telefoonnummer", "0612345679")
        );
        // Pinned: desks of every version must derive the same id.
        assert_eq!(
            id(p, "telefoonnummer", "06 12345678").to_string(),
            "002b6498-ac82-54d0-acd4-a514bd7b708a"
        );
    }

    #[test]
    fn email_addresses_are_checked() {
        assert_eq!(
            email_normaal(" Eva@Voorbeeld.NL ").unwrap(),
            "eva@voorbeeld.nl"
        );
        for bad in [
            "eva",
            "eva@",
            "@voorbeeld.nl",
            "eva@voorbeeld",
            "eva @x.nl",
            "a@b@c.nl",
        ] {
            assert!(email_normaal(bad).is_err(), "{bad}");
        }
    }
}

/// At most this many hits are listed.
pub const MAX_TREFFERS: usize = 50;

/// A hit in the one search field: a klant or a zaak.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Treffer {
    Klant(KlantTreffer),
    Zaak(crate::domain::zaak::ZaakRegel),
}

/// One row of the audit listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRegel {
    pub at: DateTime<Utc>,
    pub desk_id: String,
    pub medewerker: String,
    pub partij_id: Option<String>,
    pub zaak: Option<String>,
    pub reden: String,
    /// Why (doelbinding); none for a view logged before loket asked.
    pub doel: Option<String>,
}

/// Voorvoegsels of Dutch achternamen, longest first.
const VOORVOEGSELS: &[&str] = &[
    "van der", "van den", "van de", "van het", "van 't", "in 't", "op de", "uit den", "van", "de",
    "den", "der", "het", "'t", "ter", "ten", "te",
];

/// Tidy an achternaam typed at the desk: a voorvoegsel typed in front is split off (lowercase),
/// and the name itself starts with a capital. ("van der berg" -> ("van der", "Berg")).
pub fn achternaam_netjes(typed: &str) -> (String, String) {
    let t = typed.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = t.to_lowercase();
    let (vv, rest) = VOORVOEGSELS
        .iter()
        .find_map(|v| {
            lower
                .strip_prefix(v)
                .filter(|r| r.starts_with(' ') && r.trim().len() > 1)
                // Lowercasing may change byte lengths (the Kelvin sign): cut `t` only where
                // it has a character boundary.
                .and_then(|_| Some((v.to_string(), t.get(v.len()..)?.trim().to_string())))
        })
        .unwrap_or_else(|| (String::new(), t.clone()));
    (vv, hoofdletter(&rest))
}

/// First letter in capitals, the rest as typed ("berg" -> "Berg", "El Amrani" stays).
pub fn hoofdletter(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod naam_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        /// Fuzz: any typed achternaam, including letters whose lowercase is shorter or longer
        /// in bytes, is tidied without a panic.
        #[test]
        fn tidying_any_typed_name_never_panics(
            naam in "(\\PC|[KİẞΣ ]|van |de |ter ){0,12}",
        ) {
            let _ = achternaam_netjes(&naam);
        }
    }

    #[test]
    fn a_typed_achternaam_is_tidied() {
        assert_eq!(
            achternaam_netjes("van der berg"),
            ("van der".into(), "Berg".into())
        );
        assert_eq!(achternaam_netjes("De Vries"), ("de".into(), "Vries".into()));
        assert_eq!(achternaam_netjes("bakker"), ("".into(), "Bakker".into()));
        assert_eq!(
            achternaam_netjes("El Amrani"),
            ("".into(), "El Amrani".into())
        );
        assert_eq!(
            achternaam_netjes("Vandenberg"),
            ("".into(), "Vandenberg".into())
        );
        assert_eq!(
            achternaam_netjes("de"),
            ("".into(), "De".into()),
            "a lone word is the name"
        );
    }
}
