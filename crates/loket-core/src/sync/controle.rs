//! A desk compared with the server, table by table (issue 18): per table the number of records
//! and a checksum over (record id, updated_at), computed alike on both sides (PowerSync's
//! checksums were the model). Where they differ the desk repairs: it hands back records it holds
//! that the server lacks (symmetric repair: after a server restore, a desk that never came back
//! is not lost while another desk still holds its rows) and takes the server's version of what it
//! lacks or holds differently. Records with a change still waiting here are left to the round.

use std::collections::{HashMap, HashSet};

use md5::{Digest, Md5};
use rusqlite::Connection;
use serde_json::Value as Json;
use tokio_postgres::Client;
use uuid::Uuid;

use super::{Db, desk, server};

/// How many records and the sum of each record's 60-bit hash.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Controlegetal {
    pub aantal: i64,
    pub som: u128,
}

/// What the comparison of one table found and did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tabel {
    pub tabel: String,
    pub desk: Controlegetal,
    pub server: Controlegetal,
    /// Records handed back to the server (it lacked them).
    pub teruggegeven: usize,
    /// Records taken from the server (this desk lacked them or held another version).
    pub opgehaald: usize,
    /// Records handed back that a rule of the server refused, with why.
    pub geweigerd: Vec<String>,
    /// Records this desk holds that the server refused before (not handed back again).
    pub eerder_geweigerd: usize,
    /// The same on both sides after the repair.
    pub gelijk: bool,
}

/// The first 60 bits of md5("{id}|{updated_at}"), as the server's `loket_controlegetallen`.
fn hash60(id: &str, bijgewerkt: &str) -> u64 {
    let mut h = Md5::new();
    h.update(id.as_bytes());
    h.update(b"|");
    h.update(bijgewerkt.as_bytes());
    let d = h.finalize();
    let mut acht = [0u8; 8];
    acht.copy_from_slice(&d[..8]);
    u64::from_be_bytes(acht) >> 4
}

/// The desk's (id, updated_at) of every record of `tabel` (tombstones included, as on the
/// server).
fn sleutels_desk(conn: &Connection, tabel: &str) -> rusqlite::Result<HashMap<String, String>> {
    conn.prepare(&format!("SELECT id, coalesce(updated_at, '') FROM {tabel}"))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect()
}

fn getal<'a>(rijen: impl Iterator<Item = (&'a String, &'a String)>) -> Controlegetal {
    let mut g = Controlegetal::default();
    for (id, t) in rijen {
        g.aantal += 1;
        g.som += u128::from(hash60(id, t));
    }
    g
}

/// The desk's checksum of `tabel`.
pub fn controlegetal_desk(conn: &Connection, tabel: &str) -> rusqlite::Result<Controlegetal> {
    Ok(getal(sleutels_desk(conn, tabel)?.iter()))
}

/// Records of this desk with a change still waiting, and records whose change the server refused.
fn uitgezonderd(
    conn: &Connection,
    tabel: &str,
) -> rusqlite::Result<(HashSet<String>, HashSet<String>)> {
    let lees = |sql: &str| -> rusqlite::Result<HashSet<String>> {
        conn.prepare(sql)?
            .query_map([tabel], |r| r.get(0))?
            .collect()
    };
    Ok((
        lees("SELECT record_id FROM outbox WHERE uploaded_at IS NULL AND table_name = ?1")?,
        lees("SELECT record_id FROM sync_geweigerd WHERE tabel = ?1")?,
    ))
}

/// The rows `ids` of `tabel` as payloads (the outbox's shape: column name to value).
fn rijen_als_json(conn: &Connection, tabel: &str, ids: &[String]) -> rusqlite::Result<Vec<Json>> {
    let mut st = conn.prepare(&format!("SELECT * FROM {tabel} WHERE id = ?1"))?;
    let namen: Vec<String> = st.column_names().map(|s| s.to_string()).collect();
    let mut uit = Vec::new();
    for id in ids {
        let rij = st.query_row([id], |r| {
            let mut obj = serde_json::Map::new();
            for (i, n) in namen.iter().enumerate() {
                let v: rusqlite::types::Value = r.get(i)?;
                obj.insert(n.clone(), crate::store::kolom_json(&v));
            }
            Ok(Json::Object(obj))
        });
        match rij {
            Ok(j) => uit.push(j),
            Err(rusqlite::Error::QueryReturnedNoRows) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(uit)
}

/// The synced tables, each after the tables its rows refer to, so records handed back (and
/// read back by other desks in that order) never arrive before the record they point at.
const HERSTELVOLGORDE: [&str; 19] = [
    "medewerker",
    "partij",
    "digitaal_adres",
    "gesprek",
    "contactmoment",
    "contactmoment_vraag",
    "contactverzoek",
    "contactverzoek_logboek",
    "dienst",
    "plek",
    "afspraak",
    "bezoek",
    "bezoeker",
    "balie_stand",
    "agent_status",
    "kas_betaling",
    "kasopmaak",
    "kennisbank_zoekactie",
    "kennisbank_melding",
];

/// How many records a desk hands back per call.
const TERUG_PER_KEER: usize = 500;

/// Compare every synced table of the desk at `db` with the server; with `herstel`, repair what
/// differs. Run it after a round (so nothing of this desk waits).
pub(super) async fn vergelijk(
    client: &Client,
    db: &Db,
    desk_id: Uuid,
    herstel: bool,
) -> anyhow::Result<Vec<Tabel>> {
    let mut server_getallen = server::controlegetallen(client).await?;
    let mut uit = Vec::new();
    for tabel in HERSTELVOLGORDE {
        let t = tabel.to_string();
        let desk_getal = db.met(move |c| controlegetal_desk(c, &t)).await?;
        let server_getal = server_getallen.remove(tabel).unwrap_or_default();
        let mut r = Tabel {
            tabel: tabel.to_string(),
            desk: desk_getal,
            server: server_getal,
            gelijk: desk_getal == server_getal,
            ..Tabel::default()
        };
        if r.gelijk || !herstel {
            uit.push(r);
            continue;
        }
        let server_sleutels = server::sleutels(client, tabel).await?;
        let t = tabel.to_string();
        let (desk_sleutels, (wachtend, geweigerd)) = db
            .met(move |c| Ok((sleutels_desk(c, &t)?, uitgezonderd(c, &t)?)))
            .await?;
        let mut terug = Vec::new();
        for id in desk_sleutels.keys() {
            if server_sleutels.contains_key(id) || wachtend.contains(id) {
                continue;
            }
            if geweigerd.contains(id) {
                r.eerder_geweigerd += 1;
            } else {
                terug.push(id.clone());
            }
        }
        let ophalen: Vec<(String, Uuid)> = server_sleutels
            .iter()
            .filter(|(id, t)| desk_sleutels.get(*id) != Some(*t) && !wachtend.contains(*id))
            .filter_map(|(id, _)| Some((tabel.to_string(), Uuid::parse_str(id).ok()?)))
            .collect();
        for stuk in terug.chunks(TERUG_PER_KEER) {
            let (t, ids) = (tabel.to_string(), stuk.to_vec());
            let rijen = db.met(move |c| rijen_als_json(c, &t, &ids)).await?;
            let (n, weigeringen) = server::herstel(client, desk_id, tabel, &rijen).await?;
            r.teruggegeven += n;
            r.geweigerd.extend(weigeringen);
        }
        for stuk in ophalen.chunks(TERUG_PER_KEER) {
            let huidig = server::huidige(client, stuk).await?;
            let t = db.met(move |c| desk::pas_toe(c, &huidig)).await?;
            r.opgehaald += t.rijen;
        }
        let t = tabel.to_string();
        r.desk = db.met(move |c| controlegetal_desk(c, &t)).await?;
        uit.push(r);
    }
    // The server's checksums once more, after all repairs (one pass over its records, not one
    // per repaired table).
    if uit.iter().any(|r| !r.gelijk) {
        let mut na = server::controlegetallen(client).await?;
        for r in uit.iter_mut().filter(|r| !r.gelijk) {
            r.server = na.remove(&r.tabel).unwrap_or_default();
            r.gelijk = r.desk == r.server;
        }
    }
    Ok(uit)
}

/// Compare the desk at `pad` with the server (after a round) and, with `herstel`, repair.
pub async fn controle(
    client: &mut Client,
    pad: &std::path::Path,
    desk_id: Uuid,
    locatie: Option<&str>,
    herstel: bool,
) -> anyhow::Result<Vec<Tabel>> {
    let db = Db::open(pad)?;
    super::ronde_met(client, &db, desk_id, locatie).await?;
    vergelijk(client, &db, desk_id, herstel).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_repair_order_holds_every_synced_table_once() {
        let mut a = HERSTELVOLGORDE.to_vec();
        let mut b = desk::TABELLEN.to_vec();
        a.sort();
        b.sort();
        assert_eq!(a, b);
    }

    #[test]
    fn the_hash_is_the_first_60_bits_of_the_md5_as_on_the_server() {
        // md5("a|b") = 5e5b5e8b9a7ed8d5b4b0d1b6f4d9d5a0... computed independently below.
        let d = Md5::digest(b"a|b");
        let hex: String = d.iter().map(|b| format!("{b:02x}")).collect();
        let verwacht = u64::from_str_radix(&hex[..15], 16).unwrap();
        assert_eq!(hash60("a", "b"), verwacht);
    }
}
