//! The figures the desk shows before any pane is put to work: what is in the database and what is
//! waiting today. All queries use indexes, so they stay fast with a million contactmomenten.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

use super::ts;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overview {
    /// Display name of the municipality stored in the database (the demo sets one).
    pub gemeente: Option<String>,
    pub klanten: i64,
    pub zaken: i64,
    pub contactmomenten_vandaag: i64,
    pub open_contactverzoeken: i64,
    pub contactverzoeken_te_laat: i64,
    pub afspraken_vandaag: i64,
    pub medewerkers: i64,
    pub medewerkers_beschikbaar: i64,
    /// Outbox entries not yet uploaded (the sync issue will act on them).
    pub wijzigingen_wachtend: i64,
}

/// Load the overview for the local day `[day_start, day_end)` at time `now`.
pub fn load(
    conn: &Connection,
    day_start: DateTime<Utc>,
    day_end: DateTime<Utc>,
    now: DateTime<Utc>,
) -> rusqlite::Result<Overview> {
    let count = |sql: &str, params: &[&dyn rusqlite::ToSql]| -> rusqlite::Result<i64> {
        conn.query_row(sql, params, |r| r.get(0))
    };
    let (start, end, now) = (ts(day_start), ts(day_end), ts(now));
    Ok(Overview {
        gemeente: conn
            .query_row("SELECT value FROM meta WHERE key = 'gemeente'", [], |r| {
                r.get(0)
            })
            .optional()?,
        klanten: count("SELECT count(*) FROM partij WHERE deleted = 0", &[])?,
        zaken: count("SELECT count(*) FROM zaak WHERE deleted = 0", &[])?,
        contactmomenten_vandaag: count(
            "SELECT count(*) FROM contactmoment
             WHERE plaatsgevonden_op >= ?1 AND plaatsgevonden_op < ?2 AND deleted = 0",
            &[&start, &end],
        )?,
        open_contactverzoeken: count(
            "SELECT count(*) FROM contactverzoek WHERE status = 'te_verwerken' AND deleted = 0",
            &[],
        )?,
        contactverzoeken_te_laat: count(
            "SELECT count(*) FROM contactverzoek
             WHERE status = 'te_verwerken' AND uiterlijk_op < ?1 AND deleted = 0",
            &[&now],
        )?,
        afspraken_vandaag: count(
            "SELECT count(*) FROM afspraak
             WHERE begin_op >= ?1 AND begin_op < ?2 AND deleted = 0 AND status <> 'geannuleerd'",
            &[&start, &end],
        )?,
        medewerkers: count("SELECT count(*) FROM medewerker WHERE deleted = 0", &[])?,
        medewerkers_beschikbaar: count(
            "SELECT count(*) FROM medewerker WHERE aanwezigheid = 'beschikbaar' AND deleted = 0",
            &[],
        )?,
        wijzigingen_wachtend: count("SELECT count(*) FROM outbox WHERE uploaded_at IS NULL", &[])?,
    })
}
