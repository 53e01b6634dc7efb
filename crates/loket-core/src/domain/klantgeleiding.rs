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

/// A balie's signed-in state, stored as it changes: one record per balie per day, its id
/// derived from location, balie and day ([`baliestand_id`]), so every desk that is that balie
/// writes the same record. A balie signed in counts as open (on the floor and in the expected
/// wait), also while nobody stands at it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baliestand {
    pub meta: RecordMeta,
    pub locatie: String,
    pub balie: String,
    pub dag: NaiveDate,
    pub aangemeld: bool,
    /// Since when it is signed in (or out).
    pub sinds: DateTime<Utc>,
    pub medewerker: Option<String>,
}

/// The one id of balie `balie` at `locatie` on `dag`.
pub fn baliestand_id(locatie: &str, balie: &str, dag: NaiveDate) -> Uuid {
    Uuid::new_v5(
        &Uuid::NAMESPACE_OID,
        format!("loket/baliestand/{locatie}/{balie}/{dag}").as_bytes(),
    )
}

/// What a desk saw of a bezoek before it changed it: the precondition of every step at the
/// counter. The store only makes the change when the stored bezoek still has this status at
/// this balie (a compare-and-set in one transaction); otherwise the step is lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verwacht {
    pub status: String,
    pub balie: Option<String>,
}

impl Verwacht {
    /// What `b` looks like now (before the change).
    pub fn van(b: &Bezoek) -> Verwacht {
        Verwacht {
            status: b.status.clone(),
            balie: b.balie.clone(),
        }
    }
}

/// A step at the counter that another desk beat: the visitor's number and where the stored
/// bezoek stands now (None: it is gone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verloren {
    pub nummer: String,
    pub nu: Option<(String, Option<String>)>,
}

impl Verloren {
    /// The notice for the balie that lost, in Dutch ("S-009 is al opgeroepen door Balie 2.").
    pub fn melding(&self) -> String {
        let n = &self.nummer;
        let Some((status, balie)) = &self.nu else {
            return format!("{n} bestaat niet meer.");
        };
        let aan = balie.as_deref().unwrap_or("een andere balie");
        match status.as_str() {
            OPGEROEPEN => format!("{n} is al opgeroepen door {aan}."),
            IN_BEHANDELING => format!("{n} wordt al geholpen aan {aan}."),
            GEPARKEERD => format!("{n} is geparkeerd aan {aan}."),
            KLAAR => format!("{n} is al afgerond."),
            NO_SHOW => format!("{n} is al als niet verschenen gemeld."),
            WACHTEND => format!("{n} wacht weer in de rij."),
            s => format!("{n} is intussen {s}."),
        }
    }
}

/// `b` as called to `balie` at `now` for the first time.
pub fn roep_op(b: &Bezoek, balie: &str, now: DateTime<Utc>) -> Bezoek {
    Bezoek {
        status: OPGEROEPEN.into(),
        oproepen: 1,
        opgeroepen_op: Some(now),
        balie: Some(balie.to_string()),
        ..b.clone()
    }
}

/// The order in which balie `balie` (serving `diensten`; empty: every walk-in dienst) calls
/// the waiting visitors at `now`: afspraken at this balie whose time has come (five minutes
/// early is fine) first, by their time; then walk-ins for its diensten and visitors sent on to
/// this balie, by arrival. The store claims the first that is still waiting.
pub fn volgorde<'a>(
    bezoeken: &'a [Bezoek],
    balie: &str,
    diensten: &[String],
    now: DateTime<Utc>,
) -> Vec<&'a Bezoek> {
    let bedient = |b: &Bezoek| diensten.is_empty() || diensten.contains(&b.dienst);
    let vroeg = now
        .checked_add_signed(chrono::Duration::minutes(5))
        .unwrap_or(now);
    let mut afspraken: Vec<&Bezoek> = bezoeken
        .iter()
        .filter(|b| b.status == WACHTEND && b.afspraak_id.is_some())
        .filter(|b| b.balie.as_deref() == Some(balie))
        .filter(|b| b.afspraak_op.is_some_and(|t| t <= vroeg))
        .collect();
    afspraken.sort_by_key(|b| (b.afspraak_op, b.aangekomen_op, b.volgnummer));
    // A visitor sent on to this balie counts as a walk-in here, whatever the dienst.
    let mut inloop: Vec<&Bezoek> = bezoeken
        .iter()
        .filter(|b| b.status == WACHTEND && b.afspraak_op.is_none())
        .filter(|b| match b.balie.as_deref() {
            Some(naar) => naar == balie,
            None => bedient(b),
        })
        .collect();
    inloop.sort_by_key(|b| (b.aangekomen_op, b.volgnummer));
    afspraken.extend(inloop);
    afspraken
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
