//! The desk's list of what the medewerker must act on (issue 18): each change the server refused,
//! each edit of this desk that lost to another desk's edit of the same field, and each incoming
//! row this desk's file could not take. An entry keeps when, what kind, the klant (name and
//! number) where there is one, the table and record, a Dutch text that is never cut, and whether
//! it was handled; it is kept in table `sync_melding` until handled, so a restart loses nothing.
//!
//! Also here: writing the local consequence of a refusal (and "mijn waarde opnieuw opslaan")
//! with an outbox entry in the same transaction, so the server and every desk get the same row.

use chrono::{DateTime, Local, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value as Json;
use uuid::Uuid;

use super::desk;

/// At most this many open entries are read for the desk at once (newest first).
pub const MAX_OPEN: usize = 500;
/// Handled entries beyond this many are forgotten, oldest first.
const MAX_BEWAARD: i64 = 5000;

/// What kind of entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Soort {
    /// The server refused a change of this desk.
    Geweigerd,
    /// An edit of this desk lost to another desk's edit of the same field.
    Verloren,
    /// A change from another desk that this desk's file could not take (kept, tried again).
    NietToegepast,
}

impl Soort {
    pub fn code(self) -> &'static str {
        match self {
            Soort::Geweigerd => "geweigerd",
            Soort::Verloren => "verloren",
            Soort::NietToegepast => "niet_toegepast",
        }
    }

    fn lees(s: &str) -> Soort {
        match s {
            "verloren" => Soort::Verloren,
            "niet_toegepast" => Soort::NietToegepast,
            _ => Soort::Geweigerd,
        }
    }

    /// The kind in a word, for the list.
    pub fn label(self) -> &'static str {
        match self {
            Soort::Geweigerd => "geweigerd",
            Soort::Verloren => "overschreven",
            Soort::NietToegepast => "niet verwerkt",
        }
    }
}

/// One entry of the list.
#[derive(Debug, Clone, PartialEq)]
pub struct Melding {
    pub id: i64,
    pub op: DateTime<Utc>,
    pub soort: Soort,
    pub klant: Option<Uuid>,
    pub klant_naam: Option<String>,
    pub klant_telefoon: Option<String>,
    pub tabel: String,
    pub record_id: String,
    /// In Dutch, whole (the screen wraps it).
    pub tekst: String,
    /// A lost edit: the field and this desk's value that lost.
    pub veld: Option<String>,
    pub eigen: Option<Json>,
    /// A refused afspraak: the product(s), to offer another time.
    pub product: Option<String>,
    pub afgehandeld: bool,
}

/// An edit of this desk that lost to a concurrent edit of the same field at another desk.
#[derive(Debug, Clone, PartialEq)]
pub struct Verloren {
    /// The server's number for this loss (increasing; the desk keeps a cursor).
    pub id: i64,
    pub tabel: String,
    pub record_id: Uuid,
    /// Column name, e.g. "achternaam" or "adres".
    pub veld: String,
    /// This desk's value that lost.
    pub eigen: Json,
    /// The value that is now on the server.
    pub winnaar: Json,
    /// The desk whose edit won.
    pub door_desk: Uuid,
    /// Its medewerker's name, when known.
    pub door: Option<String>,
    /// When the winning edit was made.
    pub op: DateTime<Utc>,
}

/// A new entry, before it is stored.
#[derive(Debug, Clone, Default)]
pub(crate) struct Nieuw<'a> {
    /// Makes storing idempotent: an entry with this key is kept once.
    pub sleutel: String,
    pub op: &'a str,
    pub soort: &'static str,
    pub tabel: &'a str,
    pub record_id: String,
    pub tekst: String,
    pub klant: Option<String>,
    pub veld: Option<&'a str>,
    pub eigen: Option<&'a Json>,
    pub product: Option<String>,
}

/// Store an entry (once per key), with the klant's name and number as this desk knows them now.
/// Whether it is new.
pub(crate) fn bewaar(conn: &Connection, n: &Nieuw) -> rusqlite::Result<bool> {
    let contact = match &n.klant {
        Some(k) => desk::klant_contact(conn, k)?,
        None => None,
    };
    let (naam, tel) = contact.map_or((None, None), |(n, t)| (Some(n), t));
    let nieuw = conn.execute(
        "INSERT INTO sync_melding (sleutel, op, soort, klant_id, klant_naam, klant_telefoon,
             tabel, record_id, tekst, veld, eigen, product)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (sleutel) DO NOTHING",
        params![
            n.sleutel,
            n.op,
            n.soort,
            n.klant,
            naam,
            tel,
            n.tabel,
            n.record_id,
            n.tekst,
            n.veld,
            n.eigen.map(|e| e.to_string()),
            n.product,
        ],
    )? > 0;
    if nieuw {
        // Bounded: handled entries beyond the limit go, oldest first; open ones never.
        conn.execute(
            "DELETE FROM sync_melding WHERE id IN (
                 SELECT id FROM sync_melding WHERE afgehandeld_op IS NOT NULL ORDER BY id
                 LIMIT max(0, (SELECT count(*) FROM sync_melding) - ?1))",
            [MAX_BEWAARD],
        )?;
    }
    Ok(nieuw)
}

/// The open entries, newest first (at most [`MAX_OPEN`]).
pub fn open(conn: &Connection) -> rusqlite::Result<Vec<Melding>> {
    let mut st = conn.prepare_cached(
        "SELECT id, op, soort, klant_id, klant_naam, klant_telefoon, tabel, record_id, tekst,
                veld, eigen, product, afgehandeld_op
         FROM sync_melding WHERE afgehandeld_op IS NULL ORDER BY id DESC LIMIT ?1",
    )?;
    st.query_map([MAX_OPEN as i64], |r| {
        Ok(Melding {
            id: r.get(0)?,
            op: crate::store::parse_ts(&r.get::<_, String>(1)?).unwrap_or_default(),
            soort: Soort::lees(&r.get::<_, String>(2)?),
            klant: r
                .get::<_, Option<String>>(3)?
                .and_then(|k| Uuid::parse_str(&k).ok()),
            klant_naam: r.get(4)?,
            klant_telefoon: r.get(5)?,
            tabel: r.get(6)?,
            record_id: r.get(7)?,
            tekst: r.get(8)?,
            veld: r.get(9)?,
            eigen: r
                .get::<_, Option<String>>(10)?
                .and_then(|e| serde_json::from_str(&e).ok()),
            product: r.get(11)?,
            afgehandeld: r.get::<_, Option<String>>(12)?.is_some(),
        })
    })?
    .collect()
}

/// How many entries are open.
pub fn aantal_open(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT count(*) FROM sync_melding WHERE afgehandeld_op IS NULL",
        [],
        |r| r.get(0),
    )
}

/// Mark entry `id` handled; whether it was open.
pub fn afhandelen(conn: &Connection, id: i64, nu: DateTime<Utc>) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "UPDATE sync_melding SET afgehandeld_op = ?2 WHERE id = ?1 AND afgehandeld_op IS NULL",
        params![id, crate::store::ts(nu)],
    )? > 0)
}

/// The highest loss number this desk has stored (0: none): the cursor for asking the server.
pub fn verloren_cursor(conn: &Connection) -> rusqlite::Result<i64> {
    Ok(desk::meta(conn, "verloren_cursor")?
        .and_then(|c| c.parse().ok())
        .unwrap_or(0))
}

/// Store each lost edit as an entry (idempotent on its `id`) and move the cursor; how many were
/// new.
pub fn bewaar_verloren(conn: &Connection, v: &[Verloren]) -> rusqlite::Result<usize> {
    let mut nieuw = 0;
    let mut cursor = verloren_cursor(conn)?;
    let nu = crate::store::ts(super::klok::nu());
    for l in v {
        let record = l.record_id.to_string();
        let klant = klant_van(conn, &l.tabel, &record, None)?;
        let naam = match &klant {
            Some(k) => desk::klant_contact(conn, k)?.map(|(n, _)| n),
            None => None,
        };
        let tekst = verloren_tekst(conn, l, naam.as_deref())?;
        if bewaar(
            conn,
            &Nieuw {
                sleutel: format!("verloren:{}", l.id),
                op: &nu,
                soort: Soort::Verloren.code(),
                tabel: &l.tabel,
                record_id: record,
                tekst,
                klant,
                veld: Some(&l.veld),
                eigen: Some(&l.eigen),
                product: None,
            },
        )? {
            nieuw += 1;
        }
        cursor = cursor.max(l.id);
    }
    desk::zet_meta(conn, "verloren_cursor", &cursor.to_string())?;
    Ok(nieuw)
}

/// A field in Dutch words; for a digitaal adres its kind (telefoonnummer, e-mailadres).
fn veld_woord(conn: &Connection, l: &Verloren) -> rusqlite::Result<String> {
    if l.tabel == "digitaal_adres" && l.veld == "adres" {
        let soort: Option<String> = conn
            .query_row(
                "SELECT soort_digitaal_adres FROM digitaal_adres WHERE id = ?1",
                [l.record_id.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        return Ok(match soort.as_deref() {
            Some("telefoonnummer") => "het telefoonnummer",
            Some("email") | Some("e-mail") | Some("emailadres") => "het e-mailadres",
            _ => "het adres",
        }
        .into());
    }
    Ok(match l.veld.as_str() {
        "achternaam" => "de achternaam".into(),
        "voornamen" => "de voornamen".into(),
        "voorvoegsel_achternaam" => "het tussenvoegsel".into(),
        "statutaire_naam" | "zoeknaam" => "de naam".into(),
        "soort_digitaal_adres" => "de soort van het adres".into(),
        "telefoon" => "het telefoonnummer".into(),
        "email" => "het e-mailadres".into(),
        veld => format!("het veld {}", veld.replace('_', " ")),
    })
}

/// A value as the medewerker reads it.
fn waarde(j: &Json) -> String {
    match j {
        Json::Null => "(leeg)".into(),
        Json::String(s) if s.is_empty() => "(leeg)".into(),
        Json::String(s) => s.clone(),
        j => j.to_string(),
    }
}

/// "Uw wijziging van het telefoonnummer van Eva Bakker is overschreven door Jan de Vries (andere
/// desk) om 10:42 op 04-12: 06-1111 werd 06-2222."
fn verloren_tekst(
    conn: &Connection,
    l: &Verloren,
    klant: Option<&str>,
) -> rusqlite::Result<String> {
    let veld = veld_woord(conn, l)?;
    let van = klant.map(|k| format!(" van {k}")).unwrap_or_default();
    let door = match &l.door {
        Some(n) => format!("{n} (andere desk)"),
        None => "een andere desk".into(),
    };
    let t = l.op.with_timezone(&Local);
    Ok(format!(
        "Uw wijziging van {veld}{van} is overschreven door {door} om {} op {}: {} werd {}.",
        t.format("%H:%M"),
        t.format("%d-%m"),
        waarde(&l.eigen),
        waarde(&l.winnaar)
    ))
}

/// The klant a record belongs to: a `partij` is the klant itself; a record with a `partij_id`
/// (in `payload`, or in this desk's row) belongs to that klant.
pub fn klant_van(
    conn: &Connection,
    tabel: &str,
    record_id: &str,
    payload: Option<&Json>,
) -> rusqlite::Result<Option<String>> {
    if tabel == "partij" {
        return Ok(Some(record_id.to_string()));
    }
    if let Some(p) = payload
        .and_then(|p| p.get("partij_id"))
        .and_then(Json::as_str)
    {
        return Ok(Some(p.to_string()));
    }
    if !desk::TABELLEN.contains(&tabel)
        || !desk::kolommen(conn, tabel)?
            .iter()
            .any(|k| k == "partij_id")
    {
        return Ok(None);
    }
    conn.query_row(
        &format!("SELECT partij_id FROM {tabel} WHERE id = ?1"),
        [record_id],
        |r| r.get::<_, Option<String>>(0),
    )
    .optional()
    .map(Option::flatten)
}

/// Append the outbox entry for the row `record_id` of `tabel` as it now is in this file, after
/// stamping it as this desk's write at `nu` (the caller changed it in the same transaction). The
/// payload has the columns of `vorm` (the record's last outbox payload: what the other desks and
/// the server know of it), or every column of the table.
pub(crate) fn naar_outbox(
    tx: &Connection,
    tabel: &str,
    record_id: &str,
    vorm: Option<&Json>,
    desk_id: &str,
    nu: DateTime<Utc>,
) -> rusqlite::Result<()> {
    if !desk::TABELLEN.contains(&tabel) {
        return Ok(());
    }
    let ts = crate::store::ts(nu);
    tx.execute(
        &format!("UPDATE {tabel} SET updated_at = ?2, desk_id = ?3 WHERE id = ?1"),
        params![record_id, ts, desk_id],
    )?;
    let alle = desk::kolommen(tx, tabel)?;
    let cols: Vec<String> = match vorm.and_then(Json::as_object) {
        Some(o) => alle.into_iter().filter(|c| o.contains_key(c)).collect(),
        None => alle,
    };
    let rij: Option<Vec<rusqlite::types::Value>> = tx
        .query_row(
            &format!("SELECT {} FROM {tabel} WHERE id = ?1", cols.join(", ")),
            [record_id],
            |r| (0..cols.len()).map(|i| r.get(i)).collect(),
        )
        .optional()?;
    let Some(rij) = rij else { return Ok(()) };
    let payload = Json::Object(
        cols.iter()
            .zip(&rij)
            .map(|(c, v)| (c.clone(), crate::store::kolom_json(v)))
            .collect(),
    );
    let deleted = payload.get("deleted").and_then(Json::as_i64) == Some(1);
    // The next stamp of this desk: after its own last and after every stamp seen from others.
    let laatste: Option<String> = tx.query_row("SELECT max(hlc) FROM outbox", [], |r| r.get(0))?;
    let mut hlc = crate::store::Hlc::resume(laatste.as_deref());
    if let Some(gezien) = desk::meta(tx, "hlc_gezien")? {
        hlc.observe(&gezien);
    }
    let desk = Uuid::parse_str(desk_id).unwrap_or_default();
    let stempel = hlc.tick(nu, desk);
    let op_seq: i64 = tx.query_row("SELECT coalesce(max(op_seq), 0) + 1 FROM outbox", [], |r| {
        r.get(0)
    })?;
    tx.execute(
        "INSERT INTO outbox (op_seq, op_id, hlc, desk_id, table_name, record_id, operation, payload, created_at, medewerker_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,
                 (SELECT medewerker_id FROM aanmelding WHERE desk_id = ?4 AND tot IS NULL ORDER BY van DESC LIMIT 1))",
        params![
            op_seq,
            Uuid::now_v7().to_string(),
            stempel,
            desk_id,
            tabel,
            record_id,
            if deleted { "delete" } else { "upsert" },
            payload.to_string(),
            ts,
        ],
    )?;
    // The store's clock (another connection) takes this stamp in before its next write.
    desk::zet_meta(tx, "hlc_gezien", &stempel)?;
    Ok(())
}

/// "Mijn waarde opnieuw opslaan": write this desk's value of lost-edit entry `id` again, as a new
/// edit through the outbox, and mark the entry handled, in one transaction. An error in Dutch
/// when the entry is not a lost edit or its record is gone.
pub fn opnieuw_opslaan(
    store: &mut crate::store::Store,
    id: i64,
    nu: DateTime<Utc>,
) -> anyhow::Result<()> {
    let desk_id = store.desk_id().to_string();
    let tx = store
        .conn_mut()
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let rij: Option<(String, String, Option<String>, Option<String>)> = tx
        .query_row(
            "SELECT tabel, record_id, veld, eigen FROM sync_melding WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((tabel, record, Some(veld), Some(eigen))) = rij else {
        anyhow::bail!("deze melding heeft geen eigen waarde om opnieuw op te slaan");
    };
    anyhow::ensure!(
        desk::TABELLEN.contains(&tabel.as_str())
            && desk::kolommen(&tx, &tabel)?.contains(&veld)
            && !["id", "created_at", "updated_at", "desk_id", "deleted"].contains(&veld.as_str()),
        "het veld {veld} kan hier niet worden opgeslagen"
    );
    let eigen: Json = serde_json::from_str(&eigen)?;
    let n = tx.execute(
        &format!("UPDATE {tabel} SET {veld} = ?2 WHERE id = ?1 AND deleted = 0"),
        params![record, desk::sqlite_waarde(&eigen)],
    )?;
    anyhow::ensure!(n > 0, "het gegeven bestaat niet meer op deze desk");
    let vorm: Option<Json> = tx
        .query_row(
            "SELECT payload FROM outbox WHERE record_id = ?1 ORDER BY op_seq DESC LIMIT 1",
            [&record],
            |r| r.get::<_, String>(0),
        )
        .optional()?
        .and_then(|p| serde_json::from_str(&p).ok());
    naar_outbox(&tx, &tabel, &record, vorm.as_ref(), &desk_id, nu)?;
    afhandelen(&tx, id, nu)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests;
