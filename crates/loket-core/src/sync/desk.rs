//! The desk's side of sync, on its SQLite file: which operations to hand in, what the server
//! said of them, and applying what other desks changed (with the new cursor, in one
//! transaction). Rows written here never enter the outbox: they came from the server; only the
//! local consequence of a refusal does (see [`verwerk_antwoord_in`]), so every desk gets it too.
//! Whatever the medewerker must act on goes into the desk's list ([`super::melding`]).

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value as Json;
use uuid::Uuid;

use super::melding;
use super::server::{Antwoord, Operatie, Uitkomst, Wijziging};

/// The tables that sync (every `SyncRecord` type's table). Anything else from the server is
/// ignored, so a newer desk's table cannot reach into this one.
pub const TABELLEN: [&str; 19] = [
    "medewerker",
    "contactmoment",
    "contactmoment_vraag",
    "contactverzoek",
    "contactverzoek_logboek",
    "digitaal_adres",
    "partij",
    "kennisbank_zoekactie",
    "kennisbank_melding",
    "gesprek",
    "agent_status",
    "afspraak",
    "bezoek",
    "bezoeker",
    "balie_stand",
    "kas_betaling",
    "kasopmaak",
    "dienst",
    "plek",
];

pub fn meta(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()
}

pub fn zet_meta(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// The next operations to hand in, oldest first.
pub fn te_versturen(conn: &Connection, max: usize) -> rusqlite::Result<Vec<Operatie>> {
    let mut st = conn.prepare_cached(
        "SELECT o.op_seq, o.op_id, o.hlc, o.table_name, o.record_id, o.payload, o.verwacht, g.reden,
                o.basis, o.medewerker_id
         FROM outbox o LEFT JOIN sync_geweigerd g ON g.op_id = o.op_id
         WHERE o.uploaded_at IS NULL ORDER BY o.op_seq LIMIT ?1",
    )?;
    // A JSON object, or nothing: a base the server could not read as a row is no base.
    let json = |v: Option<String>| {
        v.and_then(|v| serde_json::from_str::<Json>(&v).ok())
            .filter(Json::is_object)
    };
    st.query_map([max as i64], |r| {
        let payload: String = r.get(5)?;
        Ok(Operatie {
            op_seq: r.get(0)?,
            op_id: Uuid::parse_str(&r.get::<_, String>(1)?).unwrap_or_default(),
            hlc: r.get(2)?,
            tabel: r.get(3)?,
            record_id: Uuid::parse_str(&r.get::<_, String>(4)?).unwrap_or_default(),
            payload: serde_json::from_str(&payload).unwrap_or(Json::Null),
            verwacht: r
                .get::<_, Option<String>>(6)?
                .and_then(|v| serde_json::from_str(&v).ok()),
            besluit: r.get(7)?,
            basis: json(r.get(8)?),
            medewerker: r
                .get::<_, Option<String>>(9)?
                .and_then(|m| Uuid::parse_str(&m).ok()),
        })
    })?
    .collect()
}

pub fn wachtend(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT count(*) FROM outbox WHERE uploaded_at IS NULL",
        [],
        |r| r.get(0),
    )
}

/// What the server refused and the medewerker has not seen yet: (reden, tabel, record).
pub fn geweigerd(conn: &Connection) -> rusqlite::Result<Vec<(String, String, String)>> {
    let mut st = conn.prepare_cached(
        "SELECT reden, tabel, record_id FROM sync_geweigerd WHERE gezien = 0 ORDER BY op_seq",
    )?;
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect()
}

/// Record the server's answer: handed-in operations are marked uploaded; a refused one is kept
/// for the medewerker (and a refused afspraak no longer holds its time here); after a gap the
/// operations from the server's expected number are sent again. Returns the refusals.
pub fn verwerk_antwoord(
    conn: &mut Connection,
    ops: &[Operatie],
    antwoord: &Antwoord,
    nu: &str,
) -> rusqlite::Result<Vec<(Operatie, String)>> {
    verwerk_antwoord_en_pas_toe(conn, ops, antwoord, nu, &[])
}

/// [`verwerk_antwoord`] and then [`pas_toe`] of the server's current version of what lost (or
/// was refused), in one transaction: the file goes from the desk's own claim to the server's
/// state in one step, so no reader (a hall screen) sees a refused claim as handed in.
pub fn verwerk_antwoord_en_pas_toe(
    conn: &mut Connection,
    ops: &[Operatie],
    antwoord: &Antwoord,
    nu: &str,
    huidig: &[Wijziging],
) -> rusqlite::Result<Vec<(Operatie, String)>> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let geweigerd = verwerk_antwoord_in(&tx, ops, antwoord, nu, huidig)?;
    if !huidig.is_empty() {
        pas_toe_in(&tx, huidig)?;
    }
    tx.commit()?;
    Ok(geweigerd)
}

/// A refusal's local consequence (a refused afspraak is `geweigerd` with the reason; a refused new
/// ticket is deleted) is written with its outbox entry, so the server and every desk end up with
/// the same row; the server holds no time for a `geweigerd` afspraak and claims no number for a
/// deleted ticket, so that entry is never refused in its turn. A record the server has (in
/// `huidig`) takes the server's version instead. Each new refusal becomes an entry in the list.
fn verwerk_antwoord_in(
    tx: &Connection,
    ops: &[Operatie],
    antwoord: &Antwoord,
    nu: &str,
    huidig: &[Wijziging],
) -> rusqlite::Result<Vec<(Operatie, String)>> {
    let moment = crate::store::parse_ts(nu).unwrap_or_else(super::klok::nu);
    let mut geweigerd = Vec::new();
    for (seq, u) in &antwoord.uitkomsten {
        tx.execute(
            "UPDATE outbox SET uploaded_at = ?2 WHERE op_seq = ?1",
            params![seq, nu],
        )?;
        if let Uitkomst::Geweigerd(reden) = u
            && let Some(op) = ops.iter().find(|o| o.op_seq == *seq)
        {
            let nieuw = tx.execute(
                "INSERT INTO sync_geweigerd (op_id, op_seq, tabel, record_id, reden, op)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
                params![
                    op.op_id.to_string(),
                    op.op_seq,
                    op.tabel,
                    op.record_id.to_string(),
                    reden,
                    op.payload.to_string()
                ],
            )?;
            if nieuw == 0 {
                // Seen before (a resent answer): its consequence and entry are there already.
                continue;
            }
            let record = op.record_id.to_string();
            let op_server = huidig
                .iter()
                .any(|w| w.tabel == op.tabel && w.record_id == op.record_id);
            let s = |k: &str| op.payload.get(k).and_then(Json::as_str).map(String::from);
            // This desk's id, as on its refused operation (none: no consequence to hand in).
            let desk_id: Option<String> = tx
                .query_row(
                    "SELECT desk_id FROM outbox WHERE op_seq = ?1",
                    [op.op_seq],
                    |r| r.get(0),
                )
                .optional()?;
            // A consequence itself refused (bad data) is not followed by another.
            if let Some(desk_id) = &desk_id
                && op.tabel == "afspraak"
                && !op_server
                && s("status").as_deref() != Some("geweigerd")
            {
                let n = tx.execute(
                    "UPDATE afspraak SET status = 'geweigerd', reden = ?2 WHERE id = ?1",
                    params![record, reden],
                )?;
                if n > 0 {
                    melding::naar_outbox(
                        tx,
                        "afspraak",
                        &record,
                        Some(&op.payload),
                        desk_id,
                        moment,
                    )?;
                }
            }
            // A new ticket the server refused (its afspraak was checked in at another desk, its
            // number taken): no visitor waits for it here either.
            let verwijderd = op.payload.get("deleted").and_then(Json::as_i64) == Some(1);
            if let Some(desk_id) = &desk_id
                && op.tabel == "bezoek"
                && op.verwacht.is_none()
                && !op_server
                && !verwijderd
            {
                let n = tx.execute(
                    "UPDATE bezoek SET deleted = 1 WHERE id = ?1 AND status = 'wachtend'",
                    [&record],
                )?;
                if n > 0 {
                    melding::naar_outbox(
                        tx,
                        "bezoek",
                        &record,
                        Some(&op.payload),
                        desk_id,
                        moment,
                    )?;
                }
            }
            let klant = melding::klant_van(tx, &op.tabel, &record, Some(&op.payload))?;
            let contact = match &klant {
                Some(k) => klant_contact(tx, k)?,
                None => None,
            };
            melding::bewaar(
                tx,
                &melding::Nieuw {
                    sleutel: format!("geweigerd:{}", op.op_id),
                    op: nu,
                    soort: melding::Soort::Geweigerd.code(),
                    tabel: &op.tabel,
                    record_id: record.clone(),
                    tekst: super::weigering_tekst_met(op, reden, contact.as_ref()),
                    klant,
                    product: (op.tabel == "afspraak").then(|| s("product")).flatten(),
                    ..Default::default()
                },
            )?;
            geweigerd.push((op.clone(), reden.clone()));
        }
    }
    if let Some(gat) = antwoord.gat {
        tx.execute(
            "UPDATE outbox SET uploaded_at = NULL WHERE op_seq >= ?1",
            [gat],
        )?;
    }
    Ok(geweigerd)
}

/// A change of the measured clock offset smaller than this is noise (the round trip), not a
/// clock that was wrong.
const KLOK_DREMPEL_MS: i64 = 2000;
/// The kept offset follows the measured one once they differ by this much, so it stays the
/// offset the waiting changes were stamped with.
const KLOK_BIJHOUDEN_MS: i64 = 100;

/// The clock offset (server minus this desk) the desk last measured, kept so a desk that starts
/// offline still stamps by the server's time.
pub fn bewaarde_afwijking(conn: &Connection) -> rusqlite::Result<Option<i64>> {
    Ok(meta(conn, "klok_afwijking_ms")?.and_then(|v| v.parse().ok()))
}

/// `stempel` (`{millis:013}-{counter:05}-{desk}`) moved by `ms`; None when unreadable.
fn verschuif_stempel(stempel: &str, ms: i64) -> Option<String> {
    let (millis, rest) = stempel.split_once('-')?;
    let millis: i64 = millis.parse().ok()?;
    let nieuw = millis.checked_add(ms)?.max(0);
    Some(format!("{nieuw:013}-{rest}"))
}

fn verschuif_tijd(tekst: &str, ms: i64) -> Option<String> {
    let t = crate::store::parse_ts(tekst)?;
    Some(crate::store::ts(
        t.checked_add_signed(chrono::Duration::milliseconds(ms))?,
    ))
}

/// The desk now knows its clock is `afwijking` ms off the server's. Changes still waiting were
/// stamped with the offset known then (the kept one, or none): move their stamps and times by
/// the difference, so an edit made offline on a wrong clock keeps its real place in time (it
/// neither wins over a later edit elsewhere nor is stored as tomorrow). The order of this desk's
/// own changes is kept (all move alike). Returns how many changes moved.
pub fn corrigeer_stempels(conn: &mut Connection, afwijking: i64) -> rusqlite::Result<usize> {
    let bewaard = bewaarde_afwijking(conn)?;
    let oud = bewaard.unwrap_or(0);
    let verschil = afwijking.saturating_sub(oud);
    if bewaard.is_some() && verschil.abs() < KLOK_BIJHOUDEN_MS {
        // Nothing to move, nothing to write (every round passes here).
        return Ok(0);
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let mut n = 0;
    if verschil.abs() >= KLOK_DREMPEL_MS {
        let wachtend: Vec<(i64, String, String, String, String)> = tx
            .prepare(
                "SELECT op_seq, hlc, table_name, record_id, payload FROM outbox
                 WHERE uploaded_at IS NULL",
            )?
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (op_seq, hlc, tabel, record, payload) in wachtend {
            let Some(hlc) = verschuif_stempel(&hlc, verschil) else {
                continue;
            };
            let mut p: Json = serde_json::from_str(&payload).unwrap_or(Json::Null);
            let oud_tijd = p.get("updated_at").and_then(Json::as_str).map(String::from);
            let nieuw_tijd = oud_tijd
                .as_deref()
                .and_then(|t| verschuif_tijd(t, verschil));
            if let (Some(t), Some(obj)) = (&nieuw_tijd, p.as_object_mut()) {
                obj.insert("updated_at".into(), Json::String(t.clone()));
            }
            tx.execute(
                "UPDATE outbox SET hlc = ?2, payload = ?3 WHERE op_seq = ?1",
                params![op_seq, hlc, p.to_string()],
            )?;
            // The row itself, when it still is this version.
            if let (Some(oud_tijd), Some(nieuw_tijd)) = (oud_tijd, nieuw_tijd)
                && TABELLEN.contains(&tabel.as_str())
            {
                tx.execute(
                    &format!(
                        "UPDATE {tabel} SET updated_at = ?3 WHERE id = ?1 AND updated_at = ?2"
                    ),
                    params![record, oud_tijd, nieuw_tijd],
                )?;
            }
            n += 1;
        }
    }
    zet_meta(&tx, "klok_afwijking_ms", &afwijking.to_string())?;
    tx.commit()?;
    Ok(n)
}

/// Whether the server's epoch differs from the one this desk last synced with: (changed, this
/// desk had synced before).
pub fn epoch_anders(conn: &Connection, epoch: &str) -> rusqlite::Result<(bool, bool)> {
    let oud = meta(conn, "sync_epoch")?;
    Ok((oud.as_deref() != Some(epoch), oud.is_some()))
}

/// Take the server's (new) epoch, in one transaction: read everything again from the start and,
/// after a restore, hand in again what the server no longer has (after `laatste_op`). The epoch
/// is written last, so an interrupted switch is done again next round.
pub fn nieuw_epoch(
    conn: &mut Connection,
    epoch: &str,
    laatste_op: Option<i64>,
) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    if let Some(laatste) = laatste_op {
        tx.execute(
            "UPDATE outbox SET uploaded_at = NULL WHERE op_seq > ?1",
            [laatste],
        )?;
    }
    zet_meta(&tx, "sync_cursor", "0")?;
    // The server's numbering of lost edits starts again with its restored state.
    tx.execute("DELETE FROM meta WHERE key = 'verloren_cursor'", [])?;
    if meta(&tx, "sync_epoch")?.is_some() {
        // A restored (or new) server: after the round, compare table by table and hand back
        // what it lacks (records of desks that may never come back).
        zet_meta(&tx, "herstel_nodig", "1")?;
    }
    zet_meta(&tx, "sync_epoch", epoch)?;
    tx.commit()
}

/// The server knows this desk's operations up to `laatste` under other ids: this database was
/// replaced (deleted, or restored from an older backup). Renumber the operations not yet handed
/// in to follow the server's, so none of them is taken for an old one.
pub fn hernummer(conn: &mut Connection, laatste: i64) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let eerste: Option<i64> = tx.query_row(
        "SELECT min(op_seq) FROM outbox WHERE uploaded_at IS NULL",
        [],
        |r| r.get(0),
    )?;
    let hoogste_verstuurd: i64 = tx.query_row(
        "SELECT coalesce(max(op_seq), 0) FROM outbox WHERE uploaded_at IS NOT NULL",
        [],
        |r| r.get(0),
    )?;
    if let Some(eerste) = eerste.filter(|e| *e <= laatste) {
        let verschuiving = laatste.max(hoogste_verstuurd) + 1 - eerste;
        // Through negative numbers, so no two rows ever share one on the way.
        tx.execute(
            "UPDATE outbox SET op_seq = -op_seq WHERE uploaded_at IS NULL",
            [],
        )?;
        tx.execute(
            "UPDATE outbox SET op_seq = -op_seq + ?1 WHERE op_seq < 0",
            [verschuiving],
        )?;
    }
    tx.commit()
}

pub fn cursor(conn: &Connection) -> rusqlite::Result<i64> {
    Ok(meta(conn, "sync_cursor")?
        .and_then(|c| c.parse().ok())
        .unwrap_or(0))
}

/// The columns of a synced table.
pub(super) fn kolommen(conn: &Connection, tabel: &str) -> rusqlite::Result<Vec<String>> {
    let mut st = conn.prepare_cached(&format!("PRAGMA table_info({tabel})"))?;
    st.query_map([], |r| r.get::<_, String>(1))?.collect()
}

pub(crate) fn sqlite_waarde(j: &Json) -> rusqlite::types::Value {
    use rusqlite::types::Value;
    match j {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(i64::from(*b)),
        Json::Number(n) => n
            .as_i64()
            .map(Value::Integer)
            .or_else(|| n.as_f64().map(Value::Real))
            .unwrap_or(Value::Null),
        Json::String(s) => Value::Text(s.clone()),
        other => Value::Text(other.to_string()),
    }
}

fn schrijf(conn: &Connection, w: &Wijziging) -> rusqlite::Result<()> {
    let Some(obj) = w.payload.as_object() else {
        return Ok(());
    };
    let bekend = kolommen(conn, &w.tabel)?;
    let (cols, vals): (Vec<&String>, Vec<rusqlite::types::Value>) = obj
        .iter()
        .filter(|(k, _)| bekend.iter().any(|b| b == *k))
        .map(|(k, v)| (k, sqlite_waarde(v)))
        .unzip();
    if !cols.iter().any(|c| *c == "id") {
        return Ok(());
    }
    let plaats: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
    let updates: Vec<String> = cols
        .iter()
        .filter(|c| **c != "id")
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT (id) DO UPDATE SET {}",
        w.tabel,
        cols.iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        plaats.join(", "),
        updates.join(", ")
    );
    conn.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(vals))?;
    Ok(())
}

/// What applying a page of changes did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Toegepast {
    pub rijen: usize,
    /// Changes of records with a local change still to hand in: the server's answer to that
    /// change comes later and decides.
    pub overgeslagen: usize,
    /// Local afspraken that lost their slot to one the server had confirmed.
    pub verdrongen: Vec<String>,
    /// Rows this database refused (a local rule): kept in `sync_niet_toegepast` and tried again
    /// each round, listed for the medewerker and written to loket.log once, so one bad row never
    /// stops the desk from reading on and is never skipped silently.
    pub mislukt: usize,
    /// The tables that changed (for the UI to reload).
    pub tabellen: Vec<String>,
}

impl Toegepast {
    /// Add what another application of changes did (each table named once).
    pub fn voeg_toe(&mut self, t: Toegepast) {
        self.rijen += t.rijen;
        self.overgeslagen += t.overgeslagen;
        self.mislukt += t.mislukt;
        self.verdrongen.extend(t.verdrongen);
        for tabel in t.tabellen {
            if !self.tabellen.contains(&tabel) {
                self.tabellen.push(tabel);
            }
        }
    }
}

/// Apply `wijzigingen` (in seq order) and move the cursor past them, in one transaction. Rows
/// kept from earlier rounds (this file could not take them) are tried again first.
pub fn pas_toe(conn: &mut Connection, wijzigingen: &[Wijziging]) -> rusqlite::Result<Toegepast> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let mut uit = opnieuw_in(&tx)?;
    let t = pas_toe_in(&tx, wijzigingen)?;
    tx.commit()?;
    uit.voeg_toe(t);
    Ok(uit)
}

/// At most this many incoming rows this file refused are kept to try again; beyond it the
/// oldest goes (and loket.log says so).
pub const MAX_NIET_TOEGEPAST: i64 = 1000;

/// Try again the incoming rows this file could not take in an earlier round (oldest first);
/// call once a round. A row that now applies leaves the store and its entry is handled.
pub fn probeer_niet_toegepast(conn: &mut Connection) -> rusqlite::Result<Toegepast> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let uit = opnieuw_in(&tx)?;
    tx.commit()?;
    Ok(uit)
}

/// How many incoming rows are kept because this file could not take them.
pub fn niet_toegepast(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT count(*) FROM sync_niet_toegepast", [], |r| r.get(0))
}

fn opnieuw_in(tx: &Connection) -> rusqlite::Result<Toegepast> {
    let mut uit = Toegepast::default();
    let mut st = tx.prepare(
        "SELECT tabel, record_id, seq, hlc, desk_id, payload FROM sync_niet_toegepast
         ORDER BY sinds, rowid",
    )?;
    let rijen: Vec<Wijziging> = st
        .query_map([], |r| {
            Ok(Wijziging {
                tabel: r.get(0)?,
                record_id: Uuid::parse_str(&r.get::<_, String>(1)?).unwrap_or_default(),
                seq: r.get(2)?,
                hlc: r.get(3)?,
                desk_id: Uuid::parse_str(&r.get::<_, String>(4)?).unwrap_or_default(),
                payload: serde_json::from_str(&r.get::<_, String>(5)?).unwrap_or(Json::Null),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    drop(st);
    for w in rijen {
        let wacht: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM outbox WHERE record_id = ?1 AND uploaded_at IS NULL)",
            [w.record_id.to_string()],
            |r| r.get(0),
        )?;
        if wacht {
            // This desk's own change of it goes first; the server's answer decides.
            continue;
        }
        tx.execute_batch("SAVEPOINT rij")?;
        match schrijf(tx, &w) {
            Ok(()) => {
                tx.execute_batch("RELEASE rij")?;
                toegepast_na_weigering(tx, &w)?;
                uit.rijen += 1;
                if !uit.tabellen.contains(&w.tabel) {
                    uit.tabellen.push(w.tabel.clone());
                }
            }
            Err(_) => {
                tx.execute_batch("ROLLBACK TO rij; RELEASE rij")?;
                uit.mislukt += 1;
            }
        }
    }
    Ok(uit)
}

/// A row this file took after all: it is no longer kept, and its entry needs no action.
fn toegepast_na_weigering(tx: &Connection, w: &Wijziging) -> rusqlite::Result<()> {
    let record = w.record_id.to_string();
    let weg = tx.execute(
        "DELETE FROM sync_niet_toegepast WHERE tabel = ?1 AND record_id = ?2",
        params![w.tabel, record],
    )?;
    if weg > 0 {
        tx.execute(
            "UPDATE sync_melding SET afgehandeld_op = ?3
             WHERE soort = 'niet_toegepast' AND tabel = ?1 AND record_id = ?2
               AND afgehandeld_op IS NULL",
            params![w.tabel, record, crate::store::ts(super::klok::nu())],
        )?;
    }
    Ok(())
}

/// Keep an incoming row this file refused, to try again each round; the first time it is
/// written to loket.log and listed for the medewerker. A newer version of the same record
/// replaces the one kept.
fn niet_toegepast_bewaren(tx: &Connection, w: &Wijziging, fout: &str) -> rusqlite::Result<()> {
    let record = w.record_id.to_string();
    let nu = crate::store::ts(super::klok::nu());
    tx.execute(
        "INSERT INTO sync_niet_toegepast (tabel, record_id, seq, hlc, desk_id, payload, reden, sinds)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (tabel, record_id) DO UPDATE SET seq = excluded.seq, hlc = excluded.hlc,
             desk_id = excluded.desk_id, payload = excluded.payload, reden = excluded.reden",
        params![
            w.tabel,
            record,
            w.seq,
            w.hlc,
            w.desk_id.to_string(),
            w.payload.to_string(),
            fout,
            nu
        ],
    )?;
    let klant = melding::klant_van(tx, &w.tabel, &record, Some(&w.payload))?;
    let nieuw = melding::bewaar(
        tx,
        &melding::Nieuw {
            sleutel: format!("niet_toegepast:{}:{record}:{}", w.tabel, w.hlc),
            op: &nu,
            soort: melding::Soort::NietToegepast.code(),
            tabel: &w.tabel,
            record_id: record.clone(),
            tekst: format!(
                "Een wijziging van een andere desk ({} {record}) kon hier niet worden verwerkt: \
                 {fout}. Deze desk probeert het elke ronde opnieuw; meld het aan de beheerder als \
                 het blijft staan.",
                tabel_woord(&w.tabel)
            ),
            klant,
            ..Default::default()
        },
    )?;
    if nieuw {
        crate::logboek::schrijf(&format!(
            "sync: wijziging {} ({} {}) niet toegepast, bewaard om opnieuw te proberen: {fout}",
            w.seq, w.tabel, w.record_id
        ));
    }
    // Bounded: the oldest beyond the limit goes, and the log says which.
    let mut st = tx.prepare(
        "SELECT rowid, tabel, record_id FROM sync_niet_toegepast ORDER BY sinds, rowid
         LIMIT max(0, (SELECT count(*) FROM sync_niet_toegepast) - ?1)",
    )?;
    let teveel: Vec<(i64, String, String)> = st
        .query_map([MAX_NIET_TOEGEPAST], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    drop(st);
    for (rowid, tabel, record) in teveel {
        tx.execute("DELETE FROM sync_niet_toegepast WHERE rowid = ?1", [rowid])?;
        crate::logboek::schrijf(&format!(
            "sync: meer dan {MAX_NIET_TOEGEPAST} niet-toegepaste wijzigingen bewaard; de oudste ({tabel} {record}) wordt niet meer opnieuw geprobeerd"
        ));
    }
    Ok(())
}

/// A table in a Dutch word, for the list.
fn tabel_woord(tabel: &str) -> String {
    match tabel {
        "partij" => "klant".into(),
        "digitaal_adres" => "adres van een klant".into(),
        "bezoek" => "ticket".into(),
        "kas_betaling" => "betaling".into(),
        t => t.replace('_', " "),
    }
}

fn pas_toe_in(tx: &Connection, wijzigingen: &[Wijziging]) -> rusqlite::Result<Toegepast> {
    let mut uit = Toegepast::default();
    let mut hlc_max = meta(tx, "hlc_gezien")?.unwrap_or_default();
    // Whether rows are kept that a newer version may now replace (a cheap test, once a page).
    let mut bewaard = niet_toegepast(tx)? > 0;
    for w in wijzigingen {
        if !TABELLEN.contains(&w.tabel.as_str()) {
            continue;
        }
        let wacht: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM outbox WHERE record_id = ?1 AND uploaded_at IS NULL)",
            [w.record_id.to_string()],
            |r| r.get(0),
        )?;
        if wacht {
            // Still take in its stamp: this desk's next change of it then comes later.
            if w.hlc > hlc_max {
                hlc_max = w.hlc.clone();
            }
            uit.overgeslagen += 1;
            continue;
        }
        tx.execute_batch("SAVEPOINT rij")?;
        match schrijf(tx, w) {
            Ok(()) => tx.execute_batch("RELEASE rij")?,
            Err(e) if w.tabel == "afspraak" && e.to_string().contains("dubbele boeking") => {
                // Back to the savepoint but keep it: giving way and writing are one step.
                tx.execute_batch("ROLLBACK TO rij")?;
                // The server confirmed this afspraak: a local one on the same time and plek
                // (booked here, not yet confirmed) gave way. Say so; never drop it silently.
                let p = &w.payload;
                let s = |k: &str| {
                    p.get(k)
                        .and_then(Json::as_str)
                        .unwrap_or_default()
                        .to_string()
                };
                let mut st = tx.prepare(
                    "SELECT id, product, begin_op FROM afspraak
                     WHERE locatie = ?1 AND id <> ?2 AND deleted = 0
                       AND status NOT IN ('geannuleerd', 'verzet', 'geweigerd')
                       AND begin_op < ?4 AND eind_op > ?3",
                )?;
                let wijkend: Vec<(String, String, String)> = st
                    .query_map(
                        params![
                            s("locatie"),
                            w.record_id.to_string(),
                            s("begin_op"),
                            s("eind_op")
                        ],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                    )?
                    .collect::<rusqlite::Result<_>>()?;
                drop(st);
                let mut namen = Vec::new();
                let nu = crate::store::ts(super::klok::nu());
                for (id, product, begin) in wijkend {
                    tx.execute(
                        "UPDATE afspraak SET status = 'geweigerd',
                           reden = 'tijd al geboekt door een andere desk' WHERE id = ?1",
                        [&id],
                    )?;
                    namen.push(format!("{product} {begin}"));
                    // Booked here and still to hand in: the server's refusal of it comes and is
                    // listed then (with its reason), once.
                    let wacht: bool = tx.query_row(
                        "SELECT EXISTS (SELECT 1 FROM outbox WHERE record_id = ?1 AND uploaded_at IS NULL)",
                        [&id],
                        |r| r.get(0),
                    )?;
                    if wacht {
                        continue;
                    }
                    let klant = melding::klant_van(tx, "afspraak", &id, None)?;
                    let contact = match &klant {
                        Some(k) => klant_contact(tx, k)?,
                        None => None,
                    };
                    let bel = match &contact {
                        Some((naam, Some(tel))) => format!("Bel {naam} ({tel})"),
                        Some((naam, None)) => format!("Neem contact op met {naam}"),
                        None => "Neem contact op met de klant".into(),
                    };
                    melding::bewaar(
                        tx,
                        &melding::Nieuw {
                            sleutel: format!("verdrongen:{id}"),
                            op: &nu,
                            soort: melding::Soort::Geweigerd.code(),
                            tabel: "afspraak",
                            record_id: id.clone(),
                            tekst: format!(
                                "Afspraak {product} {begin} gaat niet door: een andere desk had \
                                 die tijd eerder. {bel} en bied een ander tijdstip aan."
                            ),
                            klant,
                            product: Some(product.clone()),
                            ..Default::default()
                        },
                    )?;
                }
                match schrijf(tx, w) {
                    Ok(()) => {
                        tx.execute_batch("RELEASE rij")?;
                        uit.verdrongen.extend(namen);
                    }
                    Err(e) => {
                        tx.execute_batch("ROLLBACK TO rij; RELEASE rij")?;
                        niet_toegepast_bewaren(tx, w, &e.to_string())?;
                        bewaard = true;
                        uit.mislukt += 1;
                        continue;
                    }
                }
            }
            Err(e) => {
                tx.execute_batch("ROLLBACK TO rij; RELEASE rij")?;
                niet_toegepast_bewaren(tx, w, &e.to_string())?;
                bewaard = true;
                uit.mislukt += 1;
                continue;
            }
        }
        if bewaard {
            toegepast_na_weigering(tx, w)?;
        }
        uit.rijen += 1;
        if !uit.tabellen.contains(&w.tabel) {
            uit.tabellen.push(w.tabel.clone());
        }
        if w.hlc > hlc_max {
            hlc_max = w.hlc.clone();
        }
    }
    // A page from the change log moves the cursor; current versions (seq 0) do not.
    if let Some(laatste) = wijzigingen.last().filter(|w| w.seq > 0) {
        zet_meta(tx, "sync_cursor", &laatste.seq.to_string())?;
    }
    if !hlc_max.is_empty() {
        zet_meta(tx, "hlc_gezien", &hlc_max)?;
    }
    Ok(uit)
}

/// A klant's name and telephone number, for the message about a refused afspraak.
pub fn klant_contact(
    conn: &Connection,
    partij: &str,
) -> rusqlite::Result<Option<(String, Option<String>)>> {
    let naam = conn
        .query_row(
            "SELECT soort_partij, voornamen, voorvoegsel_achternaam, achternaam, statutaire_naam
             FROM partij WHERE id = ?1",
            [partij],
            |r| {
                Ok(
                    if r.get::<_, Option<String>>(0)?.as_deref() == Some("organisatie") {
                        r.get::<_, Option<String>>(4)?.unwrap_or_default()
                    } else {
                        crate::domain::klant::volledige_naam(
                            r.get::<_, Option<String>>(1)?.as_deref(),
                            r.get::<_, Option<String>>(2)?.as_deref(),
                            r.get::<_, Option<String>>(3)?.as_deref(),
                        )
                    },
                )
            },
        )
        .optional()?;
    let Some(naam) = naam else { return Ok(None) };
    // The voorkeur (the one rule, `VOORKEUR_VOLGORDE`).
    let tel = conn
        .query_row(
            &format!(
                "SELECT adres FROM digitaal_adres WHERE partij_id = ?1 AND deleted = 0
                   AND soort_digitaal_adres = 'telefoonnummer' ORDER BY {} LIMIT 1",
                crate::domain::klant::VOORKEUR_VOLGORDE
            ),
            [partij],
            |r| r.get(0),
        )
        .optional()?;
    Ok(Some((naam, tel)))
}
