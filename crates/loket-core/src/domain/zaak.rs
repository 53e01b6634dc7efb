//! Zaken as the desk shows them for status information (ZGW Zaken API names).

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::werkdagen::{self, Sluitingsdagen};

/// ZGW vertrouwelijkheidaanduiding, from least to most confidential.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Vertrouwelijkheid {
    Openbaar,
    BeperktOpenbaar,
    Intern,
    Zaakvertrouwelijk,
    Vertrouwelijk,
    Confidentieel,
    Geheim,
    ZeerGeheim,
}

impl Vertrouwelijkheid {
    pub fn parse(s: &str) -> Vertrouwelijkheid {
        match s {
            "openbaar" => Vertrouwelijkheid::Openbaar,
            "beperkt_openbaar" => Vertrouwelijkheid::BeperktOpenbaar,
            "intern" => Vertrouwelijkheid::Intern,
            "zaakvertrouwelijk" => Vertrouwelijkheid::Zaakvertrouwelijk,
            "vertrouwelijk" => Vertrouwelijkheid::Vertrouwelijk,
            "confidentieel" => Vertrouwelijkheid::Confidentieel,
            "geheim" => Vertrouwelijkheid::Geheim,
            // Unknown values are treated as the strictest: never show too much.
            _ => Vertrouwelijkheid::ZeerGeheim,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Vertrouwelijkheid::Openbaar => "openbaar",
            Vertrouwelijkheid::BeperktOpenbaar => "beperkt openbaar",
            Vertrouwelijkheid::Intern => "intern",
            Vertrouwelijkheid::Zaakvertrouwelijk => "zaakvertrouwelijk",
            Vertrouwelijkheid::Vertrouwelijk => "vertrouwelijk",
            Vertrouwelijkheid::Confidentieel => "confidentieel",
            Vertrouwelijkheid::Geheim => "geheim",
            Vertrouwelijkheid::ZeerGeheim => "zeer geheim",
        }
    }

    /// Above "zaakvertrouwelijk" a medewerker sees only zaaktype and status.
    pub fn beperkt_voor_medewerker(self) -> bool {
        self > Vertrouwelijkheid::Zaakvertrouwelijk
    }
}

/// A zaak in a list (klantbeeld, search results).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZaakRegel {
    pub id: Uuid,
    pub identificatie: String,
    pub zaaktype: String,
    pub status: String,
    pub startdatum: NaiveDate,
    pub einddatum: Option<NaiveDate>,
    pub uiterlijke_einddatum_afdoening: Option<NaiveDate>,
    pub vertrouwelijkheid: Vertrouwelijkheid,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusRegel {
    pub statustype: String,
    pub datum_status_gezet: DateTime<Utc>,
    pub statustoelichting: Option<String>,
}

/// Everything status information needs about one zaak.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZaakDetail {
    pub id: Uuid,
    pub identificatie: String,
    pub zaaktype: String,
    pub omschrijving: String,
    pub vertrouwelijkheid: Vertrouwelijkheid,
    /// Oldest first; the last is the current status.
    pub statussen: Vec<StatusRegel>,
    pub startdatum: NaiveDate,
    pub einddatum_gepland: Option<NaiveDate>,
    pub uiterlijke_einddatum_afdoening: Option<NaiveDate>,
    pub einddatum: Option<NaiveDate>,
    pub behandelaar: Option<String>,
    pub afdeling: Option<String>,
    pub aanvrager: Option<String>,
    pub aanvrager_id: Option<Uuid>,
    /// Contactmomenten about this zaak, newest first.
    pub contacten: Vec<super::klant::ContactRegel>,
}

/// Whether a zaak is (or was) finished within its uiterlijke einddatum afdoening.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Termijn {
    /// No deadline known.
    Onbekend,
    OpTijd,
    /// Past the deadline by this many werkdagen.
    TeLaat(u32),
}

impl Termijn {
    /// Judge a zaak on `vandaag`: a closed zaak by its einddatum, an open one by today.
    pub fn bepaal(
        uiterlijk: Option<NaiveDate>,
        einddatum: Option<NaiveDate>,
        vandaag: NaiveDate,
        sluiting: &Sluitingsdagen,
    ) -> Termijn {
        let Some(uiterlijk) = uiterlijk else {
            return Termijn::Onbekend;
        };
        let peildatum = einddatum.unwrap_or(vandaag);
        if peildatum <= uiterlijk {
            Termijn::OpTijd
        } else {
            match werkdagen::werkdagen_tussen(uiterlijk, peildatum, sluiting) {
                0 => Termijn::OpTijd,
                n => Termijn::TeLaat(n),
            }
        }
    }

    pub fn label(self) -> String {
        match self {
            Termijn::Onbekend => "geen termijn bekend".into(),
            Termijn::OpTijd => "op tijd".into(),
            Termijn::TeLaat(1) => "te laat (1 werkdag)".into(),
            Termijn::TeLaat(n) => format!("te laat ({n} werkdagen)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn confidentiality_is_ordered_and_unknown_is_strict() {
        assert!(!Vertrouwelijkheid::parse("zaakvertrouwelijk").beperkt_voor_medewerker());
        assert!(!Vertrouwelijkheid::parse("openbaar").beperkt_voor_medewerker());
        assert!(Vertrouwelijkheid::parse("vertrouwelijk").beperkt_voor_medewerker());
        assert!(Vertrouwelijkheid::parse("geheim").beperkt_voor_medewerker());
        assert!(Vertrouwelijkheid::parse("iets anders").beperkt_voor_medewerker());
    }

    #[test]
    fn termijn_counts_werkdagen_past_the_deadline() {
        let s = Sluitingsdagen::default();
        // Deadline Friday 20 Nov; today Monday 23 Nov: one werkdag late.
        assert_eq!(
            Termijn::bepaal(Some(d(11, 20)), None, d(11, 23), &s),
            Termijn::TeLaat(1)
        );
        // Deadline Saturday, today Monday: the first werkdag after is Monday -> 1 late.
        assert_eq!(
            Termijn::bepaal(Some(d(11, 21)), None, d(11, 23), &s),
            Termijn::TeLaat(1)
        );
        // Deadline Saturday, today Sunday: no werkdag missed.
        assert_eq!(
            Termijn::bepaal(Some(d(11, 21)), None, d(11, 22), &s),
            Termijn::OpTijd
        );
        assert_eq!(
            Termijn::bepaal(Some(d(11, 30)), None, d(11, 23), &s),
            Termijn::OpTijd
        );
        // Closed before its deadline: on time, whatever today is.
        assert_eq!(
            Termijn::bepaal(Some(d(11, 1)), Some(d(10, 30)), d(11, 23), &s),
            Termijn::OpTijd
        );
        assert_eq!(
            Termijn::bepaal(None, None, d(11, 23), &s),
            Termijn::Onbekend
        );
        assert_eq!(Termijn::TeLaat(3).label(), "te laat (3 werkdagen)");
    }
}
