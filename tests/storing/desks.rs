//! A case's world: its own throwaway PostgreSQL cluster and database, desks on their own SQLite
//! files (each behind its own fault proxy), the real `loket` binary as a desk process, and the
//! row-by-row comparison every case ends with.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use loket::config::SyncConfig;
use loket::store::Store;
use loket::sync::{self, desk::TABELLEN};
use serde_json::Value as Json;
use uuid::Uuid;

use crate::pg::Pg;
use crate::proxy::Proxy;

pub const BIN: &str = env!("CARGO_BIN_EXE_loket");

/// One case: a cluster of its own (a case may crash it) and a database named after the case.
pub struct Geval {
    pub pg: Pg,
    pub db: String,
    /// The server without a proxy (for the case itself, never for a desk).
    pub url: String,
}

impl Geval {
    /// None (skip, loudly) without PostgreSQL, unless LOKET_REQUIRE_PG is set.
    pub fn start(db: &str) -> Option<Geval> {
        let pg = Pg::start()?;
        let url = pg.database(db);
        Some(Geval {
            pg,
            db: db.into(),
            url,
        })
    }

    pub fn desk(&self, naam: &str) -> Desk {
        Desk::new(self, naam)
    }

    pub fn dir(&self) -> &Path {
        self.pg.dir()
    }
}

pub fn cfg(url: &str) -> SyncConfig {
    SyncConfig {
        url: url.into(),
        password_file: None,
        sslmode: None,
        ca_file: None,
    }
}

pub struct Desk {
    pub naam: String,
    pub db: PathBuf,
    pub id: Uuid,
    pub proxy: Proxy,
    /// The desk's config file (its id, its database, [sync] through its proxy), for the binary.
    pub config: PathBuf,
    db_naam: String,
}

impl Desk {
    fn new(g: &Geval, naam: &str) -> Desk {
        let db = g.dir().join(format!("{naam}.db"));
        let id = Uuid::now_v7();
        drop(Store::open(&db, id).unwrap());
        let proxy = Proxy::start(g.pg.port);
        let config = g.dir().join(format!("{naam}.toml"));
        std::fs::write(
            &config,
            format!(
                "desk_id = \"{id}\"\ndatabase = \"{}\"\n\n[sync]\nurl = \"{}\"\n",
                db.display(),
                proxy.url(&g.db)
            ),
        )
        .unwrap();
        Desk {
            naam: naam.into(),
            db,
            id,
            proxy,
            config,
            db_naam: g.db.clone(),
        }
    }

    /// The server's url through this desk's proxy.
    pub fn url(&self) -> String {
        self.proxy.url(&self.db_naam)
    }

    pub fn store(&self) -> Store {
        Store::open(&self.db, self.id).unwrap()
    }

    /// One round of sync in this process, through the proxy.
    pub async fn ronde(&self) -> anyhow::Result<sync::Rapport> {
        let (mut c, _) = sync::verbinding::verbind(&cfg(&self.url())).await?;
        sync::ronde(&mut c, &self.db, self.id, Some("Stadskantoor")).await
    }

    /// A round that must succeed within `max` (a hang is a failure, not a stuck test).
    pub async fn ronde_binnen(&self, max: Duration) -> sync::Rapport {
        match tokio::time::timeout(max, self.ronde()).await {
            Ok(Ok(r)) => r,
            Ok(Err(e)) => panic!("desk {}: ronde mislukt: {e:#}", self.naam),
            Err(_) => panic!("desk {}: ronde hing langer dan {max:?}", self.naam),
        }
    }

    /// `loket sync --once` for this desk, as a child process (not yet started).
    pub fn sync_kind(&self) -> Command {
        let mut c = Command::new(BIN);
        c.args(["sync", "--once", "--config", self.config.to_str().unwrap()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        c
    }

    /// `loket sync --once` run to its end: (success, stdout + stderr).
    pub fn sync_proces(&self, env: &[(&str, String)]) -> (bool, String) {
        let mut c = self.sync_kind();
        for (k, v) in env {
            c.env(k, v);
        }
        let out = c.output().unwrap();
        let tekst = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.success(), tekst)
    }

    pub fn tel(&self, sql: &str) -> i64 {
        rusqlite::Connection::open(&self.db)
            .unwrap()
            .query_row(sql, [], |r| r.get(0))
            .unwrap()
    }

    pub fn wachtend(&self) -> i64 {
        self.tel("SELECT count(*) FROM outbox WHERE uploaded_at IS NULL")
    }

    pub fn cursor(&self) -> i64 {
        sync::desk::cursor(&sync::open_db(&self.db).unwrap()).unwrap()
    }

    /// The next operations this desk will hand in (their ids travel in the upload).
    pub fn eerste_wachtende(&self) -> (Uuid, Uuid) {
        let c = sync::open_db(&self.db).unwrap();
        let ops = sync::desk::te_versturen(&c, 1).unwrap();
        let op = ops.first().expect("er wacht een wijziging");
        (op.op_id, op.record_id)
    }

    /// A visitor signed in (a change of its own: one record, one outbox row).
    pub fn gast(&self, naam: &str) -> Uuid {
        loket::store::klantgeleiding::bezoeker_binnen(
            &mut self.store(),
            "Stadskantoor",
            naam,
            "Team ICT",
            None,
            Utc::now(),
        )
        .unwrap()
        .meta
        .id
    }

    /// `n` visitors in one store (faster than a store per change).
    pub fn gasten(&self, voorvoegsel: &str, n: usize) {
        let mut s = self.store();
        for i in 0..n {
            loket::store::klantgeleiding::bezoeker_binnen(
                &mut s,
                "Stadskantoor",
                &format!("{voorvoegsel} {i}"),
                "Team ICT",
                None,
                Utc::now(),
            )
            .unwrap();
        }
    }

    /// A klant (persoon) with a telephone number; returns its partij id.
    pub fn klant(&self, voornaam: &str, achternaam: &str, tel: &str, nu: DateTime<Utc>) -> Uuid {
        loket::store::klanten::nieuwe_klant(
            &mut self.store(),
            loket::domain::klant::NieuwePartij {
                meta: loket::domain::RecordMeta::new(nu, self.id),
                voornamen: voornaam.into(),
                voorvoegsel_achternaam: String::new(),
                achternaam: achternaam.into(),
                zoeknaam: achternaam.to_lowercase(),
            },
            [tel, ""],
            nu,
        )
        .unwrap()
    }
}

impl Desk {
    /// The klant's live telefoonnummers on this desk, the voorkeur (newest) first.
    pub fn telefoons(&self, partij: Uuid) -> Vec<String> {
        let c = rusqlite::Connection::open(&self.db).unwrap();
        c.prepare(
            "SELECT adres FROM digitaal_adres WHERE partij_id = ?1 AND deleted = 0
               AND soort_digitaal_adres = 'telefoonnummer' ORDER BY updated_at DESC, id DESC",
        )
        .unwrap()
        .query_map([partij.to_string()], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    }
}

/// An edit made concurrently with another desk's: after sync the server must hold `waarde` in
/// `veld` of the record, or the desk must have the loss in its list ([`verloren_op`]).
pub struct Gelijktijdig<'a> {
    pub desk: &'a Desk,
    pub tabel: &'static str,
    pub record: Uuid,
    pub veld: &'static str,
    pub waarde: Json,
}

/// A refusal or lost edit the desk knows of (the medewerker's list).
#[derive(Debug, Clone, PartialEq)]
pub struct Verloren {
    pub tabel: String,
    pub record_id: String,
    pub reden: String,
}

/// What the desk tells its medewerker was refused or lost: its list (`sync_melding`, the
/// Meldingen in the Wachtrij pane), handled or not.
pub fn verloren_op(desk: &Desk) -> Vec<Verloren> {
    let c = rusqlite::Connection::open(&desk.db).unwrap();
    let mut st = c
        .prepare("SELECT tabel, record_id, tekst FROM sync_melding ORDER BY id")
        .unwrap();
    st.query_map([], |r| {
        Ok(Verloren {
            tabel: r.get(0)?,
            record_id: r.get(1)?,
            reden: r.get(2)?,
        })
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

/// A row as column -> value, values as the outbox payload writes them.
type Rij = BTreeMap<String, Json>;

fn desk_rijen(db: &Path) -> BTreeMap<(String, String), Rij> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut uit = BTreeMap::new();
    for tabel in TABELLEN {
        let mut st = c.prepare(&format!("SELECT * FROM {tabel}")).unwrap();
        let namen: Vec<String> = st.column_names().map(|s| s.to_string()).collect();
        let rijen = st
            .query_map([], |r| {
                let mut rij = Rij::new();
                for (i, n) in namen.iter().enumerate() {
                    let v: rusqlite::types::Value = r.get(i)?;
                    rij.insert(n.clone(), loket::store::kolom_json(&v));
                }
                Ok(rij)
            })
            .unwrap();
        for rij in rijen {
            let rij = rij.unwrap();
            let id = rij
                .get("id")
                .and_then(Json::as_str)
                .unwrap_or_default()
                .to_string();
            uit.insert((tabel.to_string(), id), rij);
        }
    }
    uit
}

/// A payload value as the desk stores it (booleans as 0/1, objects as their text).
fn als_desk(v: &Json) -> Json {
    match v {
        Json::Bool(b) => Json::from(i64::from(*b)),
        Json::Array(_) | Json::Object(_) => Json::String(v.to_string()),
        v => v.clone(),
    }
}

fn gelijk(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// Columns whose values legitimately differ between a desk and the server. None today: every
/// column the payload carries must be equal; columns a desk has that the payload does not carry
/// (local-only) are not compared, and are printed so a reader sees what was left out.
const VERSCHILLEN_MAG: &[(&str, &str)] = &[];

pub struct ServerStand {
    pub records: BTreeMap<(String, String), Json>,
    pub op_ids: BTreeSet<String>,
    /// Operations the server took without effect: a later change had already won.
    pub behouden: BTreeSet<String>,
}

pub async fn server_stand(url: &str) -> ServerStand {
    let (c, _) = sync::verbinding::verbind(&cfg(url)).await.unwrap();
    let mut records = BTreeMap::new();
    for r in c
        .query(
            "SELECT tabel, record_id::text, payload FROM loket_record",
            &[],
        )
        .await
        .unwrap()
    {
        records.insert((r.get(0), r.get(1)), r.get(2));
    }
    let op_ids = c
        .query("SELECT op_id::text FROM loket_op", &[])
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    let behouden = c
        .query(
            "SELECT op_id::text FROM loket_op WHERE uitkomst = 'behouden'",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    ServerStand {
        records,
        op_ids,
        behouden,
    }
}

/// Every desk against the server, row by row; returns every problem found (empty: equal).
///
/// - nothing waits on a desk (the case synced to the end);
/// - every server record is on every desk with the same contents (every column the payload
///   carries), and every desk row is on the server, unless the server refused it and the desk
///   says so ([`verloren_op`]);
/// - every operation a desk marked as handed in is on the server (nothing lost in transit), and
///   one the server took without effect (`behouden`: a later change had won) is on the desk's
///   list;
/// - no duplicates of a natural key on the server (a contact detail, a ticket, a booked slot);
/// - each concurrent edit either holds on the server or is in its desk's lost list.
pub async fn vergelijk(
    url: &str,
    desks: &[&Desk],
    gelijktijdig: &[Gelijktijdig<'_>],
) -> Vec<String> {
    let server = server_stand(url).await;
    let mut fouten = Vec::new();
    let mut niet_vergeleken: BTreeSet<(String, String)> = BTreeSet::new();
    for d in desks {
        let wacht = d.wachtend();
        if wacht > 0 {
            fouten.push(format!("{}: {wacht} wijzigingen wachten nog", d.naam));
        }
        let rijen = desk_rijen(&d.db);
        let verloren = verloren_op(d);
        for (sleutel, payload) in &server.records {
            let Some(rij) = rijen.get(sleutel) else {
                fouten.push(format!(
                    "{}: mist {} {} die de server heeft",
                    d.naam, sleutel.0, sleutel.1
                ));
                continue;
            };
            let Some(obj) = payload.as_object() else {
                fouten.push(format!(
                    "server: {} {} heeft geen object",
                    sleutel.0, sleutel.1
                ));
                continue;
            };
            for (k, v) in obj {
                if VERSCHILLEN_MAG.contains(&(sleutel.0.as_str(), k.as_str())) {
                    continue;
                }
                let Some(dv) = rij.get(k) else { continue };
                if !gelijk(dv, &als_desk(v)) {
                    fouten.push(format!(
                        "{}: {} {} veld {k}: desk {dv} ≠ server {v}",
                        d.naam, sleutel.0, sleutel.1
                    ));
                }
            }
            for k in rij.keys() {
                if !obj.contains_key(k) {
                    niet_vergeleken.insert((sleutel.0.clone(), k.clone()));
                }
            }
        }
        for sleutel in rijen.keys() {
            if server.records.contains_key(sleutel) {
                continue;
            }
            let gemeld = verloren
                .iter()
                .any(|v| v.tabel == sleutel.0 && v.record_id == sleutel.1);
            if !gemeld {
                fouten.push(format!(
                    "{}: heeft {} {} die de server mist (en geen weigering)",
                    d.naam, sleutel.0, sleutel.1
                ));
            }
        }
        let c = rusqlite::Connection::open(&d.db).unwrap();
        let verstuurd: Vec<(String, String, String)> = c
            .prepare(
                "SELECT op_id, table_name, record_id FROM outbox WHERE uploaded_at IS NOT NULL",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let kwijt = verstuurd
            .iter()
            .filter(|(o, _, _)| !server.op_ids.contains(o))
            .count();
        // An edit the server kept its own version over lost: the desk must know.
        for (op, tabel, record) in &verstuurd {
            if server.behouden.contains(op)
                && !verloren
                    .iter()
                    .any(|v| &v.tabel == tabel && &v.record_id == record)
            {
                fouten.push(format!(
                    "{}: wijziging van {tabel} {record} verloor (uitkomst behouden) en staat niet \
                     in de lijst van de desk",
                    d.naam
                ));
            }
        }
        if kwijt > 0 {
            fouten.push(format!(
                "{}: {kwijt} van {} verstuurde operaties staan niet op de server",
                d.naam,
                verstuurd.len()
            ));
        }
    }
    fouten.extend(dubbelen(&server));
    for g in gelijktijdig {
        let op_server = server
            .records
            .get(&(g.tabel.to_string(), g.record.to_string()))
            .and_then(|p| p.get(g.veld))
            .cloned()
            .unwrap_or(Json::Null);
        if gelijk(&op_server, &g.waarde) {
            continue;
        }
        let gemeld = verloren_op(g.desk)
            .iter()
            .any(|v| v.tabel == g.tabel && v.record_id == g.record.to_string());
        if !gemeld {
            fouten.push(format!(
                "{}: wijziging van {} {} veld {} naar {} stil overschreven (server: {op_server}; \
                 niet in de lijst van de desk)",
                g.desk.naam, g.tabel, g.record, g.veld, g.waarde
            ));
        }
    }
    if !niet_vergeleken.is_empty() {
        eprintln!("niet vergeleken (alleen op de desk, niet in de payload): {niet_vergeleken:?}");
    }
    fouten
}

/// Natural keys that must be unique on the server among live records.
fn dubbelen(server: &ServerStand) -> Vec<String> {
    let mut fouten = Vec::new();
    let levend = |p: &Json| {
        !matches!(p.get("deleted"), Some(Json::Bool(true)))
            && p.get("deleted") != Some(&Json::from(1))
    };
    let s = |p: &Json, k: &str| p.get(k).map(|v| v.to_string()).unwrap_or_default();
    let mut gezien: BTreeMap<(String, String), String> = BTreeMap::new();
    for ((tabel, id), p) in &server.records {
        if !levend(p) {
            continue;
        }
        let sleutel = match tabel.as_str() {
            "digitaal_adres" => format!(
                "{}|{}|{}",
                s(p, "partij_id"),
                s(p, "soort_digitaal_adres"),
                s(p, "adres").to_lowercase()
            ),
            "bezoek" if p.get("nummer").is_some() => {
                format!("{}|{}|{}", s(p, "locatie"), s(p, "dag"), s(p, "nummer"))
            }
            _ => continue,
        };
        if let Some(ander) = gezien.insert((tabel.clone(), sleutel.clone()), id.clone()) {
            fouten.push(format!(
                "server: {tabel} dubbel ({sleutel}): {ander} en {id}"
            ));
        }
    }
    // Live afspraken on one plek may not overlap.
    let afspraken: Vec<(&String, &Json)> = server
        .records
        .iter()
        .filter(|((t, _), p)| {
            t == "afspraak"
                && levend(p)
                && !["geannuleerd", "verzet", "geweigerd"]
                    .contains(&p.get("status").and_then(Json::as_str).unwrap_or_default())
        })
        .map(|((_, id), p)| (id, p))
        .collect();
    for (i, (a, pa)) in afspraken.iter().enumerate() {
        for (b, pb) in &afspraken[i + 1..] {
            if s(pa, "locatie") == s(pb, "locatie")
                && s(pa, "begin_op") < s(pb, "eind_op")
                && s(pb, "begin_op") < s(pa, "eind_op")
            {
                fouten.push(format!("server: afspraken {a} en {b} overlappen"));
            }
        }
    }
    fouten
}

/// [`vergelijk`], and fail the case with every problem listed.
pub async fn assert_gelijk(url: &str, desks: &[&Desk], gelijktijdig: &[Gelijktijdig<'_>]) {
    let fouten = vergelijk(url, desks, gelijktijdig).await;
    let server = server_stand(url).await;
    eprintln!(
        "vergeleken: {} desks met {} records op de server",
        desks.len(),
        server.records.len()
    );
    assert!(
        fouten.is_empty(),
        "{} verschil(len) tussen de desks en de server:\n  {}",
        fouten.len(),
        fouten.join("\n  ")
    );
}

/// Wait until `klaar` holds, looking every 20 ms; panics after `max` naming `wat`.
pub async fn wacht_tot<F: FnMut() -> bool>(max: Duration, wat: &str, mut klaar: F) {
    let tot = Instant::now() + max;
    while !klaar() {
        assert!(Instant::now() < tot, "niet binnen {max:?}: {wat}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

pub async fn client(url: &str) -> tokio_postgres::Client {
    sync::verbinding::verbind(&cfg(url)).await.unwrap().0
}

pub async fn init(url: &str) {
    sync::server::init(&mut client(url).await).await.unwrap();
}

pub async fn server_tel(url: &str, sql: &str) -> i64 {
    client(url).await.query_one(sql, &[]).await.unwrap().get(0)
}

pub fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}
