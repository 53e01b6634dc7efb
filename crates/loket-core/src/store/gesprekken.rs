//! Calls as records, live: saved at every step from joining the queue to the end, merged with
//! what other desks wrote of the same call (one record per PBX call), and closed with a reason
//! when the desk that followed them restarts.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use uuid::Uuid;

use super::records::{SyncRecord, gesprek_uit_kolommen};
use super::{Store, kolom_json, ts};
use crate::domain::telefonie::Gesprek;

/// Why a call this desk left open (killed, crashed) is closed at its next start.
pub const REDEN_HERSTART: &str = "afgebroken: desk herstart";
/// Why a call this desk still followed is closed when the desk stops.
pub const REDEN_GESTOPT: &str = "afgebroken: desk gestopt";

/// The calls whose outcome counts in the figures (a SQL condition on `gesprek`): all but those
/// closed after a restart before anyone answered them (no outcome at all). A call closed while
/// connected counts as ended then: read `coalesce(beeindigd_op, afgebroken_op)`.
pub const TELT_MEE: &str = "NOT (afgebroken_op IS NOT NULL AND aangenomen_op IS NULL
    AND verlaten_op IS NULL AND beeindigd_op IS NULL)";

fn kolommen() -> Vec<&'static str> {
    let mut c = vec!["id", "created_at", "updated_at", "desk_id", "deleted"];
    c.extend_from_slice(Gesprek::COLUMNS);
    c
}

/// The stored call with record id `id`.
pub fn lees(conn: &Connection, id: Uuid) -> rusqlite::Result<Option<Gesprek>> {
    let kolommen = kolommen();
    let sql = format!("SELECT {} FROM gesprek WHERE id = ?1", kolommen.join(", "));
    let rij = conn
        .prepare_cached(&sql)?
        .query_row([id.to_string()], |r| {
            let mut obj = serde_json::Map::new();
            for (i, k) in kolommen.iter().enumerate() {
                let v: rusqlite::types::Value = r.get(i)?;
                obj.insert(k.to_string(), kolom_json(&v));
            }
            Ok(serde_json::Value::Object(obj))
        })
        .optional()?;
    Ok(rij.as_ref().and_then(gesprek_uit_kolommen))
}

/// Save this desk's version of a call, merged with the stored one (another desk's, or an
/// earlier step), in one transaction with its outbox entry. `g` becomes what was stored.
pub fn bewaar(store: &mut Store, g: &mut Gesprek, nu: DateTime<Utc>) -> anyhow::Result<()> {
    let mut batch = store.batch(nu)?;
    if let Some(oud) = lees(batch.conn(), g.meta.id)? {
        *g = Gesprek::samenvoegen(&oud, g);
    }
    batch.save(g)?;
    batch.commit()
}

/// Close the calls this desk left open (its simulator's, and the PBX calls it wrote last) with
/// `reden`, so the floor never shows a caller who is no longer there. Returns how many.
pub fn sluit_open(store: &mut Store, nu: DateTime<Utc>, reden: &str) -> anyhow::Result<usize> {
    let desk = store.desk_id().to_string();
    let mut batch = store.batch(nu)?;
    let ids: Vec<String> = batch
        .conn()
        .prepare(
            "SELECT id FROM gesprek
             WHERE beeindigd_op IS NULL AND verlaten_op IS NULL AND afgebroken_op IS NULL
               AND deleted = 0
               AND (simulator_desk = ?1 OR (simulator_desk IS NULL AND desk_id = ?1))",
        )?
        .query_map([&desk], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut n = 0;
    for id in ids {
        let Ok(id) = Uuid::parse_str(&id) else {
            continue;
        };
        let Some(mut g) = lees(batch.conn(), id)? else {
            continue;
        };
        g.afgebroken_op = Some(nu);
        g.afgebroken_reden = Some(reden.to_string());
        g.in_wacht_sinds = None;
        batch.save(&mut g)?;
        n += 1;
    }
    batch.commit()?;
    Ok(n)
}

/// One queue as the floor shows it: the real PBX's (every desk writes its calls, recorded
/// once), or one desk's simulator.
#[derive(Debug, Clone, PartialEq)]
pub struct Wachtrij {
    /// None: the PBX; Some: the desk whose simulator it is.
    pub simulator_desk: Option<Uuid>,
    /// "telefooncentrale", or "demo <name of the desk's medewerker>".
    pub naam: String,
    /// Callers waiting now.
    pub wachtend: u32,
    /// The longest wait of those waiting now, seconds.
    pub langste_s: i64,
}

/// The queues waiting now, from the open calls that have not been answered (arrived before
/// `nu` and within the last 12 hours: older open calls are left-overs, not callers).
pub fn wachtrijen(conn: &Connection, nu: DateTime<Utc>) -> rusqlite::Result<Vec<Wachtrij>> {
    let mut st = conn.prepare_cached(
        "SELECT g.simulator_desk, count(*), min(g.binnen_op),
                (SELECT m.naam FROM agent_status s JOIN medewerker m ON m.id = s.medewerker_id
                 WHERE s.desk_id = g.simulator_desk AND s.deleted = 0 ORDER BY s.op DESC LIMIT 1)
         FROM gesprek g
         WHERE g.beeindigd_op IS NULL AND g.verlaten_op IS NULL AND g.afgebroken_op IS NULL
           AND g.aangenomen_op IS NULL AND g.deleted = 0
           AND g.binnen_op <= ?1 AND g.binnen_op > ?2
         GROUP BY g.simulator_desk",
    )?;
    let mut rijen = st
        .query_map([ts(nu), ts(nu - chrono::Duration::hours(12))], |r| {
            let desk: Option<String> = r.get(0)?;
            let desk = desk.and_then(|d| Uuid::parse_str(&d).ok());
            let eerste = r
                .get::<_, Option<String>>(2)?
                .as_deref()
                .and_then(super::parse_ts)
                .unwrap_or(nu);
            let naam: Option<String> = r.get(3)?;
            Ok(Wachtrij {
                simulator_desk: desk,
                naam: match (desk, naam) {
                    (None, _) => "telefooncentrale".into(),
                    (Some(_), Some(n)) => format!("demo {n}"),
                    (Some(d), None) => {
                        let hex = d.simple().to_string();
                        format!("demo desk {}", &hex[hex.len() - 8..])
                    }
                },
                wachtend: r.get(1)?,
                langste_s: (nu - eerste).num_seconds().max(0),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // The PBX first, then the demo queues by name.
    rijen.sort_by(|a, b| {
        (a.simulator_desk.is_some(), &a.naam).cmp(&(b.simulator_desk.is_some(), &b.naam))
    });
    Ok(rijen)
}
