//! Klantgeleiding at the counter: a visitor's bezoek from check-in (a ticket number per dienst,
//! restarting each day) through being called at a balie to being helped.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::RecordMeta;

/// Where a bezoek stands.
pub const WACHTEND: &str = "wachtend";
pub const OPGEROEPEN: &str = "opgeroepen";
pub const IN_BEHANDELING: &str = "in_behandeling";
pub const KLAAR: &str = "klaar";
pub const NO_SHOW: &str = "no_show";
/// Set aside at the balie (the visitor fetches a document); resumed later by the same balie.
pub const GEPARKEERD: &str = "geparkeerd";

/// A visitor at the counter: their ticket, dienst and progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bezoek {
    pub meta: RecordMeta,
    /// The local day; numbers restart each day.
    pub dag: NaiveDate,
    /// The building (one numbering per location).
    pub locatie: String,
    /// "S-014": the dienst's prefix and the day's number for it.
    pub nummer: String,
    pub volgnummer: i64,
    pub dienst: String,
    pub partij_id: Option<Uuid>,
    pub aangekomen_op: DateTime<Utc>,
    pub opgeroepen_op: Option<DateTime<Utc>>,
    /// How often the number was called (no-show after two).
    pub oproepen: i64,
    pub balie: Option<String>,
    pub geholpen_op: Option<DateTime<Utc>>,
    pub klaar_op: Option<DateTime<Utc>>,
    pub status: String,
    /// For a visitor with an afspraak: which, and its time (called at that time, first).
    #[serde(default)]
    pub afspraak_id: Option<Uuid>,
    #[serde(default)]
    pub afspraak_op: Option<DateTime<Utc>>,
}

/// An afspraak of one day with its klant's name and medewerker: for the receptie to check in,
/// and for the day agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DagAfspraak {
    pub id: Uuid,
    pub begin_op: DateTime<Utc>,
    pub eind_op: DateTime<Utc>,
    /// The medewerker's name, when one is set.
    pub medewerker: Option<String>,
    pub product: String,
    pub locatie: String,
    pub partij_id: Option<Uuid>,
    pub klant: String,
    pub status: String,
}

/// What the waiting-room display shows (never names).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Oproepscherm {
    /// (ticket, balie, times called), newest call first.
    pub opgeroepen: Vec<(String, String, i64)>,
    /// (dienst, waiting).
    pub wachtend: Vec<(String, i64)>,
}

/// Bezoekersregistratie: someone visiting staff (a supplier, a job applicant, a colleague from
/// elsewhere), not a klant at the counter. Registered at the receptie with in and out time, so
/// the receptie knows who is in the building.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bezoeker {
    pub meta: RecordMeta,
    pub locatie: String,
    pub dag: NaiveDate,
    pub naam: String,
    /// The medewerker or afdeling visited.
    pub voor_wie: String,
    pub bedrijf: Option<String>,
    pub binnen_op: DateTime<Utc>,
    /// None while in the building.
    pub buiten_op: Option<DateTime<Utc>>,
}

/// The ticket number: prefix, dash, three digits ("S-014").
pub fn ticketnummer(prefix: &str, volgnummer: i64) -> String {
    format!("{prefix}-{volgnummer:03}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn ticket_numbers_have_a_prefix_and_three_digits() {
        assert_eq!(super::ticketnummer("S", 14), "S-014");
        assert_eq!(super::ticketnummer("P", 1234), "P-1234");
    }
}
