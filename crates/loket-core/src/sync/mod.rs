//! Synchronisation with the shared PostgreSQL database. Until a `[sync]` section is configured the
//! desk works on its own, and the status bar says so.
//!
//! A round: hand in the outbox in order (in batches; the server applies each operation exactly
//! once under its rules and says what became of it), then read what changed since the cursor and
//! apply it with the new cursor in one SQLite transaction. The desk's sync task runs rounds when
//! the server notifies a change (LISTEN/NOTIFY: a hint), when the desk wrote something, when the
//! desk wakes it (a call waiting for the server's verdict), and every two seconds regardless
//! (the guarantee). Each report names the calls (call-next) the server accepted or refused.

pub mod controle;
pub mod desk;
pub mod klok;
pub mod melding;
pub mod server;
pub mod verbinding;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use tokio::sync::mpsc;
use tokio_postgres::Client;
use uuid::Uuid;

use crate::config::SyncConfig;

/// What the status bar shows about sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SyncIndicator {
    /// No shared database configured: this desk's data stays on this desk.
    #[default]
    Lokaal,
    /// Connecting or handing in.
    Bezig,
    /// Everything handed in and read.
    Gesynchroniseerd,
    /// The server cannot be reached: the desk works on, changes wait.
    Offline,
    /// The server (or this desk's file) answered with an error: it is reachable, but the
    /// changes do not go until the fault is fixed (`SyncBericht::fout` says it in Dutch).
    Fout,
}

impl SyncIndicator {
    pub fn label(self) -> &'static str {
        match self {
            SyncIndicator::Lokaal => "lokaal",
            SyncIndicator::Bezig => "bezig",
            SyncIndicator::Gesynchroniseerd => "gesynchroniseerd",
            SyncIndicator::Offline => "offline",
            SyncIndicator::Fout => "fout",
        }
    }
}

/// What the sync task reports to the desk.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SyncBericht {
    pub indicator: SyncIndicator,
    /// Changes of this desk not yet handed in.
    pub wachtend: i64,
    pub laatst_ok: Option<DateTime<Utc>>,
    /// Offline: why, in a few words ("server onbereikbaar"); a fault: the error in Dutch.
    pub fout: Option<String>,
    /// Refused by the server this round, in Dutch, for the medewerker.
    pub geweigerd: Vec<String>,
    /// Tables changed by other desks this round (the UI reloads what shows them).
    pub tabellen: Vec<String>,
    /// A refused afspraak to offer again: the klant and the product(s).
    pub opnieuw_aanbieden: Option<(Uuid, String)>,
    /// Visitors this desk called (`v`) whom the server gave to another desk first: the balie
    /// is told and simply calls the next.
    pub oproep_geweigerd: Vec<Uuid>,
    /// Visitors this desk called (`v`) whose call the server accepted this round: an online
    /// balie announces a call only now.
    pub oproep_toegepast: Vec<Uuid>,
    /// The server took a sign-in of this desk away (revoked, another role, an offline one it
    /// did not take): which one, and why. The desk signs that medewerker out, if still in.
    pub afgemeld: Option<(Uuid, String)>,
}

/// What one round did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rapport {
    pub verstuurd: usize,
    pub ontvangen: usize,
    pub geweigerd: Vec<(server::Operatie, String)>,
    pub toegepast: desk::Toegepast,
    /// Visitors this desk called (call-next) whose call the server applied this round.
    pub oproepen_toegepast: Vec<Uuid>,
    /// Calls the server took without effect (a later change of that visitor had already won):
    /// this desk now has the server's version, the call did not hold.
    pub oproepen_behouden: Vec<Uuid>,
    pub wachtend: i64,
    pub cursor: i64,
    /// Records repaired after a server restore (handed back to the server or taken from it).
    pub hersteld: usize,
    /// Edits of this desk that lost to another desk's, newly put in the medewerker's list.
    pub verloren: usize,
    /// The signed-in medewerker may no longer work here (see [`SyncBericht::afgemeld`]).
    pub ingetrokken: Option<(Uuid, String)>,
}

/// Open the desk's database for the sync task (its own connection beside the store's).
/// The desk's database for the sync: it must exist (the desk's store creates it; the sync
/// never makes an empty file that the store would then refuse as not its own).
pub fn open_db(pad: &Path) -> rusqlite::Result<Connection> {
    use rusqlite::OpenFlags as F;
    let c = Connection::open_with_flags(
        pad,
        F::SQLITE_OPEN_READ_WRITE | F::SQLITE_OPEN_URI | F::SQLITE_OPEN_NO_MUTEX,
    )?;
    c.busy_timeout(Duration::from_secs(10))?;
    // Everything the sync writes in the desk's file can be had from the server again: rows read
    // (with their cursor, in one transaction), answers (a resend gets its stored outcome) and the
    // bookkeeping around them. So its commits need not wait for the disk (NORMAL keeps the file
    // consistent; a power cut may only undo the last of them, which the next round redoes). The
    // desk's own work (the outbox) is written by the store with FULL.
    c.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(c)
}

/// The desk's database for the sync task: one connection (opened once, not per step), used
/// off the async threads.
#[derive(Clone)]
struct Db {
    conn: std::sync::Arc<std::sync::Mutex<Connection>>,
    /// This connection to the desk's file has asked the server for its lost edits once.
    verloren_gelezen: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

/// `sync_laatst_ok` in the desk's file is brought up to date when this many seconds behind.
const LAATST_OK_BIJWERKEN_S: i64 = 5;

impl Db {
    /// A training database is refused: practice data never reaches the shared database.
    fn open(pad: &Path) -> anyhow::Result<Db> {
        let c = open_db(pad)?;
        anyhow::ensure!(
            !crate::store::training::is_training(&c).unwrap_or(false),
            "{} is een trainingsdatabase: die wordt nooit gesynchroniseerd",
            pad.display()
        );
        // A desk that starts offline stamps by the clock offset it measured last.
        if klok::afwijking_ms() == 0
            && let Ok(Some(ms)) = desk::bewaarde_afwijking(&c)
        {
            klok::zet_afwijking(ms);
        }
        Ok(Db {
            conn: std::sync::Arc::new(std::sync::Mutex::new(c)),
            verloren_gelezen: Default::default(),
        })
    }

    /// Blocking SQLite work on the blocking pool.
    async fn met<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> anyhow::Result<T> {
        let c = self.conn.clone();
        Ok(tokio::task::spawn_blocking(move || {
            let mut c = c.lock().unwrap_or_else(|e| e.into_inner());
            f(&mut c)
        })
        .await??)
    }
}

/// Hand in at most this many operations per transaction on the server.
const BATCH: usize = 500;
/// Read at most this many changes per SQLite transaction.
const PAGINA: i64 = 2000;

/// Lease a new block of ticket numbers when fewer than this are left.
const TICKETS_MIN: i64 = 10;
const TICKETBLOK: i32 = 50;

/// One round of sync for the desk database at `db`; `locatie` is the building of its receptie
/// (ticket numbers are leased for it).
pub async fn ronde(
    client: &mut Client,
    db: &Path,
    desk_id: Uuid,
    locatie: Option<&str>,
) -> anyhow::Result<Rapport> {
    ronde_met(client, &Db::open(db)?, desk_id, locatie).await
}

async fn ronde_met(
    client: &mut Client,
    db: &Db,
    desk_id: Uuid,
    locatie: Option<&str>,
) -> anyhow::Result<Rapport> {
    // One round trip: the schema, the epoch and the server's clock.
    let voor = klok::eigen();
    let (epoch, server_tijd, verloren_max) = server::controleer_met_tijd(&*client, desk_id).await?;
    let na = klok::eigen();
    klok::zet_afwijking((server_tijd - (voor + (na - voor) / 2)).num_milliseconds());
    let afwijking = klok::afwijking_ms();
    let e = epoch.clone();
    let (anders, eerder, nummer_bekend) = db
        .met(move |c| {
            desk::corrigeer_stempels(c, afwijking)?;
            let (anders, eerder) = desk::epoch_anders(c, &e)?;
            Ok((anders, eerder, desk::meta(c, "desk_nummer")?.is_some()))
        })
        .await?;
    if anders || !nummer_bekend {
        let nummer = server::desk_nummer(&*client, desk_id).await?;
        db.met(move |c| desk::zet_meta(c, "desk_nummer", &nummer.to_string()))
            .await?;
    }
    if anders {
        // A new server, or one restored from a backup: read everything again; after a restore
        // hand in again what it no longer has.
        let laatste = if eerder {
            Some(server::laatste_op(&*client, desk_id).await?)
        } else {
            None
        };
        db.met(move |c| desk::nieuw_epoch(c, &epoch, laatste))
            .await?;
    }
    // The sign-ins first: an offline one is on the server before the work done under it, and
    // a revoked medewerker is signed out at this contact with the server.
    let mut rapport = Rapport {
        ingetrokken: aanmeldingen_melden(client, db, desk_id).await?,
        ..Rapport::default()
    };
    // Hand in; after a gap the desk resends from where the server says (a bounded number of
    // times: a server that keeps asking for the same number is an error, not a loop).
    let mut gaten = 0;
    loop {
        let ops = db.met(|c| desk::te_versturen(c, BATCH)).await?;
        if ops.is_empty() {
            break;
        }
        let antwoord = server::lever_in(client, desk_id, &ops).await?;
        if let Some(laatste) = antwoord.hernummeren {
            // This database was replaced: renumber what waits, and hand it in as new.
            db.met(move |c| desk::hernummer(c, laatste)).await?;
            gaten += 1;
            anyhow::ensure!(
                gaten < 5,
                "de server blijft operaties van deze desk herkennen"
            );
            continue;
        }
        // A change that lost to a later one, or was refused: take the server's version now (the
        // winning change may have gone by while this desk's own was waiting).
        let verloren: Vec<(String, Uuid)> = antwoord
            .uitkomsten
            .iter()
            .filter(|(_, u)| *u != server::Uitkomst::Toegepast)
            .filter_map(|(seq, _)| ops.iter().find(|o| o.op_seq == *seq))
            .map(|o| (o.tabel.clone(), o.record_id))
            .collect();
        for (seq, u) in &antwoord.uitkomsten {
            let Some(op) = ops
                .iter()
                .find(|o| o.op_seq == *seq)
                .filter(|o| is_oproep(o))
            else {
                continue;
            };
            match u {
                server::Uitkomst::Toegepast => rapport.oproepen_toegepast.push(op.record_id),
                server::Uitkomst::Behouden => rapport.oproepen_behouden.push(op.record_id),
                server::Uitkomst::Geweigerd(_) => {}
            }
        }
        let nu = crate::store::ts(klok::nu());
        let gat = antwoord.gat;
        let n = antwoord.uitkomsten.len();
        // The server's version of what lost is fetched first, so the desk's file goes from its
        // own claim to the server's state in one transaction (no moment in which a hall screen
        // on this file shows a refused call as handed in).
        let huidig = if verloren.is_empty() {
            Vec::new()
        } else {
            server::huidige(&*client, &verloren).await?
        };
        let geweigerd = db
            .met({
                let ops = ops.clone();
                move |c| desk::verwerk_antwoord_en_pas_toe(c, &ops, &antwoord, &nu, &huidig)
            })
            .await?;
        rapport.verstuurd += n;
        rapport.geweigerd.extend(geweigerd);
        if gat.is_some() {
            gaten += 1;
            anyhow::ensure!(gaten < 5, "de server blijft om operatie {gat:?} vragen");
        } else if n < ops.len() {
            break;
        }
    }
    // Read.
    loop {
        let cursor = db.met(|c| desk::cursor(c)).await?;
        let w = server::wijzigingen(&*client, cursor, PAGINA).await?;
        rapport.cursor = cursor;
        if w.is_empty() {
            break;
        }
        rapport.ontvangen += w.len();
        rapport.cursor = w.last().map_or(cursor, |x| x.seq);
        // A page that is not full was all there was (a change committed since wakes the desk
        // again): no second look.
        let laatste_pagina = (w.len() as i64) < PAGINA;
        let t = db.met(move |c| desk::pas_toe(c, &w)).await?;
        rapport.toegepast.voeg_toe(t);
        if laatste_pagina {
            break;
        }
    }
    // Edits of this desk that lost to another desk's: into the medewerker's list. Asked for when
    // the server has a loss for this desk past the desk's cursor (its number came with the
    // round's first look), when this desk's own edits may have lost on arrival, and once per
    // connection.
    let eerste = !db
        .verloren_gelezen
        .swap(true, std::sync::atomic::Ordering::Relaxed);
    let mut na = db.met(|c| melding::verloren_cursor(c)).await?;
    while eerste || rapport.verstuurd > 0 || verloren_max > na {
        let v = server::verloren(&*client, desk_id, na, PAGINA).await?;
        let Some(laatste) = v.last().map(|l| l.id) else {
            break;
        };
        na = na.max(laatste);
        rapport.verloren += db.met(move |c| melding::bewaar_verloren(c, &v)).await?;
        if !eerste {
            // One page per round after the first is plenty; more come next round.
            break;
        }
    }
    // Rows this file could not take before: tried again every round; and whether a repair
    // after a server restore is due (one look at the file for both).
    let herstel_nodig = db
        .met(|c| {
            let wacht: bool = c.query_row(
                "SELECT EXISTS (SELECT 1 FROM sync_niet_toegepast)",
                [],
                |r| r.get(0),
            )?;
            if wacht {
                desk::probeer_niet_toegepast(c)?;
            }
            Ok(desk::meta(c, "herstel_nodig")?.is_some())
        })
        .await?;
    if let Some(locatie) = locatie {
        tickets_leasen(client, db, desk_id, locatie).await?;
    }
    if herstel_nodig {
        let tabellen = controle::vergelijk(&*client, db, desk_id, true).await?;
        for t in &tabellen {
            rapport.hersteld += t.teruggegeven + t.opgehaald;
            if t.teruggegeven > 0 || t.opgehaald > 0 || !t.gelijk || !t.geweigerd.is_empty() {
                crate::logboek::schrijf(&format!(
                    "sync herstel {}: {} teruggegeven, {} opgehaald, {} geweigerd, gelijk: {}",
                    t.tabel,
                    t.teruggegeven,
                    t.opgehaald,
                    t.geweigerd.len(),
                    t.gelijk
                ));
            }
        }
        db.met(|c| c.execute("DELETE FROM meta WHERE key = 'herstel_nodig'", []))
            .await?;
    }
    let nu = klok::nu();
    rapport.wachtend = db
        .met(move |c| {
            // For `loket sync status`: kept to within a few seconds, not written every round
            // (with many desks a round follows every change in the hall).
            let bewaard = desk::meta(c, "sync_laatst_ok")?.and_then(|t| crate::store::parse_ts(&t));
            if bewaard.is_none_or(|t| (nu - t).num_seconds().abs() >= LAATST_OK_BIJWERKEN_S) {
                desk::zet_meta(c, "sync_laatst_ok", &crate::store::ts(nu))?;
            }
            desk::wachtend(c)
        })
        .await?;
    Ok(rapport)
}

/// Keep enough ticket numbers in hand for today's walk-in diensten (and afspraak check-ins).
async fn tickets_leasen(
    client: &mut Client,
    db: &Db,
    desk_id: Uuid,
    locatie: &str,
) -> anyhow::Result<()> {
    let dag = klok::nu().with_timezone(&chrono::Local).date_naive();
    let plaats = locatie.to_string();
    let krap: Vec<String> = db
        .met(move |c| {
            let mut prefixen: Vec<String> = c
                .prepare("SELECT DISTINCT prefix FROM dienst WHERE deleted = 0")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            prefixen.push("A".into());
            prefixen.sort();
            prefixen.dedup();
            let mut krap = Vec::new();
            for p in prefixen {
                if crate::store::klantgeleiding::ticket_ruimte(c, &plaats, dag, &p)? < TICKETS_MIN {
                    krap.push(p);
                }
            }
            Ok(krap)
        })
        .await?;
    for prefix in krap {
        let (dag, van, tot) =
            server::lease_blok(client, desk_id, locatie, dag, &prefix, TICKETBLOK).await?;
        let plaats = locatie.to_string();
        db.met(move |c| {
            c.execute(
                "INSERT OR IGNORE INTO ticket_blok (locatie, dag, prefix, van, tot) VALUES (?1, ?2, ?3, ?4, ?5)",
                rusqlite::params![plaats, dag.to_string(), prefix, van, tot],
            )
        })
        .await?;
    }
    Ok(())
}

/// Whether `op` is a balie calling a waiting visitor (call-next): a bezoek that was waiting
/// as the desk saw it and is called by this change.
fn is_oproep(op: &server::Operatie) -> bool {
    let status = |j: &serde_json::Value| j.get("status").and_then(|v| v.as_str()).map(String::from);
    op.tabel == "bezoek"
        && op.verwacht.as_ref().and_then(status).as_deref()
            == Some(crate::domain::klantgeleiding::WACHTEND)
        && status(&op.payload).as_deref() == Some(crate::domain::klantgeleiding::OPGEROEPEN)
}

/// A refusal in words for the medewerker; for an afspraak with who to call, at which number.
pub fn weigering_tekst(op: &server::Operatie, reden: &str) -> String {
    weigering_tekst_met(op, reden, None)
}

fn weigering_tekst_met(
    op: &server::Operatie,
    reden: &str,
    klant: Option<&(String, Option<String>)>,
) -> String {
    let p = &op.payload;
    let s = |k: &str| p.get(k).and_then(|v| v.as_str()).unwrap_or_default();
    let bel = match klant {
        Some((naam, Some(tel))) => format!("Bel {naam} ({tel})"),
        Some((naam, None)) => format!("Neem contact op met {naam}"),
        None => "Neem contact op met de klant".into(),
    };
    match op.tabel.as_str() {
        "afspraak" => format!(
            "Afspraak {} op {} bij {} niet bevestigd: {reden}. {bel}; Ctrl-O biedt een ander tijdstip aan.",
            s("product"),
            s("begin_op")
                .parse::<DateTime<Utc>>()
                .map(|t| t
                    .with_timezone(&chrono::Local)
                    .format("%d-%m %H:%M")
                    .to_string())
                .unwrap_or_default(),
            s("locatie")
        ),
        // A step at the counter another desk was first with: the reason names the visitor
        // and who has them; this desk's screen now shows the shared database's state.
        "bezoek" if op.verwacht.is_some() => format!("{reden} Uw stap is niet doorgevoerd."),
        "bezoek" => format!("Ticket {} niet geregistreerd: {reden}.", s("nummer")),
        "kas_betaling" => format!("Bon {} niet geregistreerd: {reden}.", s("bonnummer")),
        "contactverzoek" if op.verwacht.is_some() => {
            format!("Uw resultaat is niet vastgelegd: {reden}.")
        }
        t => format!("Wijziging in {t} geweigerd: {reden}."),
    }
}

/// Start the desk's sync task; reports arrive on the returned receiver.
pub fn start(
    cfg: SyncConfig,
    db: PathBuf,
    desk_id: Uuid,
    locatie: Option<String>,
) -> mpsc::UnboundedReceiver<SyncBericht> {
    start_met_wekker(cfg, db, desk_id, locatie, Default::default())
}

/// The wait before connecting again grows from [`WACHT_MIN`] to this at most (plus a little
/// jitter, so desks that lost the server together do not knock all at once).
pub const WACHT_MAX: Duration = Duration::from_millis(2500);
const WACHT_MIN: Duration = Duration::from_millis(250);
/// While the server is unreachable its address is tried this often (a TCP connect); when it
/// answers, the desk connects at once instead of waiting out the backoff.
pub const PROBE: Duration = Duration::from_secs(1);
/// A round that takes longer is given up and its connection dropped: a frozen link never
/// holds the desk's sync for longer.
pub const RONDE_DEADLINE: Duration = Duration::from_secs(30);
/// Connecting (the TCP connect has its own 5 s; this bounds the handshake after it, which a
/// server that accepts and then stays silent would otherwise hold for ever).
pub const VERBIND_DEADLINE: Duration = Duration::from_secs(10);
/// Without a wake, a round runs this often regardless (the guarantee behind the hints).
pub const TERUGVAL: Duration = Duration::from_secs(2);

/// Why a failure leaves the desk offline (the server cannot be reached, or went away), in a
/// few Dutch words for the status bar; None when the server (or this desk) answered with an
/// error: that is a fault to say, not an outage.
pub fn onbereikbaar(e: &anyhow::Error) -> Option<&'static str> {
    use std::error::Error;
    for oorzaak in e.chain() {
        if let Some(pg) = oorzaak.downcast_ref::<tokio_postgres::Error>() {
            if let Some(code) = pg.code() {
                // Connection exceptions (08…) and a server shutting down or starting (57P0…).
                let c = code.code();
                return (c.starts_with("08") || c.starts_with("57P"))
                    .then_some("server onbereikbaar");
            }
            if pg.is_closed() {
                return Some("verbinding verbroken");
            }
            if pg
                .source()
                .is_some_and(|s| s.downcast_ref::<std::io::Error>().is_some())
            {
                return Some("server onbereikbaar");
            }
            return pg
                .to_string()
                .starts_with("timeout")
                .then_some("server antwoordt niet");
        }
        if oorzaak.downcast_ref::<std::io::Error>().is_some() {
            return Some("server onbereikbaar");
        }
        if oorzaak
            .downcast_ref::<tokio::time::error::Elapsed>()
            .is_some()
        {
            return Some("server antwoordt niet");
        }
    }
    None
}

/// [`start`], and `wekker` starts a round at once: the store wakes it when it wrote changes
/// for the outbox, and a balie that called a visitor online waits for the server's verdict.
/// A wake during a round starts the next round as soon as this one is done (`notify_one`
/// keeps one wake for a task that is not waiting).
pub fn start_met_wekker(
    cfg: SyncConfig,
    db: PathBuf,
    desk_id: Uuid,
    locatie: Option<String>,
    wekker: std::sync::Arc<tokio::sync::Notify>,
) -> mpsc::UnboundedReceiver<SyncBericht> {
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        let bericht = |indicator, wachtend, laatst_ok, fout: Option<String>| SyncBericht {
            indicator,
            wachtend,
            laatst_ok,
            fout,
            ..Default::default()
        };
        // One connection to the desk's database for the task's whole life.
        let db = loop {
            match Db::open(&db) {
                Ok(d) => break d,
                Err(e) => {
                    // The store may still be creating it: look again soon.
                    let fout = Some(crate::melding::tekst(&e));
                    let _ = tx.send(bericht(SyncIndicator::Fout, 0, None, fout));
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        };
        let mut laatst_ok: Option<DateTime<Utc>> = db
            .met(|c| desk::meta(c, "sync_laatst_ok"))
            .await
            .ok()
            .flatten()
            .and_then(|t| crate::store::parse_ts(&t));
        // A failure kept in the file by an earlier run is cleared by the first success.
        let mut storing = Storing {
            bewaard: true,
            ..Storing::default()
        };
        let mut wacht = WACHT_MIN;
        loop {
            let verbonden = tokio::time::timeout(VERBIND_DEADLINE, async {
                let (client, meldingen) = verbinding::verbind(&cfg).await?;
                client.batch_execute("LISTEN loket_change").await?;
                anyhow::Ok((client, meldingen))
            })
            .await
            .unwrap_or_else(|e| Err(e.into()));
            let (mut client, mut meldingen) = match verbonden {
                Ok(v) => v,
                Err(e) => {
                    let b = storing.meld(&db, &e, laatst_ok).await;
                    let offline = b.indicator == SyncIndicator::Offline;
                    if tx.send(b).is_err() {
                        return;
                    }
                    wacht_of_bereikbaar(&cfg, wacht, offline).await;
                    wacht = volgende_wacht(wacht);
                    continue;
                }
            };
            // Whether the server went away (then its address is probed while waiting), rather
            // than answering with an error.
            let mut weg = true;
            loop {
                let ronde = tokio::time::timeout(
                    RONDE_DEADLINE,
                    ronde_met(&mut client, &db, desk_id, locatie.as_deref()),
                )
                .await;
                let r = match ronde {
                    Ok(Ok(r)) => r,
                    Ok(Err(e)) => {
                        let b = storing.meld(&db, &e, laatst_ok).await;
                        weg = b.indicator == SyncIndicator::Offline;
                        if tx.send(b).is_err() {
                            return;
                        }
                        break;
                    }
                    Err(verlopen) => {
                        // Dropping the client ends the connection; the next one is new.
                        let e = anyhow::Error::from(verlopen).context(format!(
                            "de server antwoordde niet binnen {} s: de verbinding wordt opnieuw \
                             opgebouwd",
                            RONDE_DEADLINE.as_secs()
                        ));
                        let b = storing.meld(&db, &e, laatst_ok).await;
                        if tx.send(b).is_err() {
                            return;
                        }
                        break;
                    }
                };
                wacht = WACHT_MIN;
                laatst_ok = Some(Utc::now());
                storing.hersteld(&db).await;
                if tx.send(rapport_bericht(&db, r, laatst_ok).await).is_err() {
                    return;
                }
                // Wait for a notification, a wake (a change of our own, or a call waiting for
                // its verdict), or the fallback timer. A notification that came during the
                // round may be of a change committed after its read: it is answered with one
                // more round (a burst of them with one), never dropped.
                let verbroken = tokio::select! {
                    m = meldingen.recv() => {
                        while meldingen.try_recv().is_ok() {}
                        m.is_none()
                    }
                    _ = wekker.notified() => false,
                    _ = tokio::time::sleep(TERUGVAL) => false,
                };
                if verbroken {
                    break;
                }
            }
            drop(client);
            wacht_of_bereikbaar(&cfg, wacht, weg).await;
            wacht = volgende_wacht(wacht);
        }
    });
    rx
}

/// Twice as long, at most [`WACHT_MAX`].
fn volgende_wacht(wacht: Duration) -> Duration {
    (wacht * 2).min(WACHT_MAX)
}

/// Wait `wacht` (plus up to a fifth as jitter) before connecting again; while the server was
/// unreachable (`proberen`), try its address every [`PROBE`] and stop waiting when it answers.
async fn wacht_of_bereikbaar(cfg: &SyncConfig, wacht: Duration, proberen: bool) {
    let jitter = rand::random_range(0..=wacht.as_millis() as u64 / 5);
    let tot = tokio::time::Instant::now() + wacht + Duration::from_millis(jitter);
    loop {
        let nu = tokio::time::Instant::now();
        if nu >= tot {
            return;
        }
        tokio::time::sleep((tot - nu).min(PROBE)).await;
        if proberen && tokio::time::Instant::now() < tot && verbinding::bereikbaar(cfg).await {
            return;
        }
    }
}

/// The last failure, said once (to the log and in the desk's file) and kept while it lasts.
#[derive(Default)]
struct Storing {
    /// A failure is kept in the desk's file (until a round succeeds).
    bewaard: bool,
    /// The failure in full (English included), to notice a new one.
    ruw: Option<String>,
    indicator: Option<SyncIndicator>,
    tekst: String,
}

impl Storing {
    /// The report for failure `e`: offline when the server cannot be reached, else a fault,
    /// in Dutch; a new failure goes to the log and into the desk's file (`loket sync status`).
    async fn meld(
        &mut self,
        db: &Db,
        e: &anyhow::Error,
        laatst_ok: Option<DateTime<Utc>>,
    ) -> SyncBericht {
        let ruw = format!("{e:#}");
        if self.ruw.as_deref() != Some(ruw.as_str()) {
            let nl = crate::melding::tekst(e);
            let (indicator, tekst) = match onbereikbaar(e) {
                Some(kort) => (SyncIndicator::Offline, kort.to_string()),
                None => (SyncIndicator::Fout, nl),
            };
            let bewaard = match indicator {
                SyncIndicator::Offline => format!("offline: {tekst}"),
                _ => format!("fout: {tekst}"),
            };
            let nu = crate::store::ts(Utc::now());
            let _ = db
                .met(move |c| {
                    desk::zet_meta(c, "sync_fout", &bewaard)?;
                    desk::zet_meta(c, "sync_fout_op", &nu)
                })
                .await;
            *self = Storing {
                bewaard: true,
                ruw: Some(ruw),
                indicator: Some(indicator),
                tekst,
            };
        }
        let wachtend = db.met(|c| desk::wachtend(c)).await.unwrap_or(0);
        SyncBericht {
            indicator: self.indicator.unwrap_or(SyncIndicator::Fout),
            wachtend,
            laatst_ok,
            fout: Some(self.tekst.clone()),
            ..Default::default()
        }
    }

    /// A round succeeded: the failure is over.
    async fn hersteld(&mut self, db: &Db) {
        self.ruw = None;
        if std::mem::take(&mut self.bewaard) {
            let _ = db
                .met(|c| {
                    c.execute(
                        "DELETE FROM meta WHERE key IN ('sync_fout', 'sync_fout_op')",
                        [],
                    )
                })
                .await;
        }
    }
}

/// What a successful round tells the desk.
/// Hand the desk's sign-ins to the server (offline ones, ended ones) until it has heard of all,
/// then ask after the open one: which sign-in of this desk must end, and why, if any.
async fn aanmeldingen_melden(
    client: &Client,
    db: &Db,
    desk_id: Uuid,
) -> anyhow::Result<Option<(Uuid, String)>> {
    use crate::identiteit::aanmelden as a;
    let mut afgemeld = None;
    // Unheard ones page by page (a long offline spell may hold many), a bounded number of
    // pages a round; then the open ones, once.
    for pagina in 0..=20 {
        let open = pagina == 20;
        let lijst = db.met(move |c| a::te_melden(c, desk_id, open, 100)).await?;
        let leeg = lijst.is_empty();
        for m in lijst {
            if let Some(uit) = aanmelding_melden(client, db, desk_id, m).await? {
                afgemeld = Some(uit);
            }
        }
        if leeg && !open {
            // All heard: straight on to the open ones.
            let lijst = db.met(move |c| a::te_melden(c, desk_id, true, 100)).await?;
            for m in lijst {
                if let Some(uit) = aanmelding_melden(client, db, desk_id, m).await? {
                    afgemeld = Some(uit);
                }
            }
            break;
        }
    }
    Ok(afgemeld)
}

/// One sign-in to the server; the sign-in to end and why, when it is the open one and the
/// server no longer lets its medewerker work (or did not take it offline).
async fn aanmelding_melden(
    client: &Client,
    db: &Db,
    desk_id: Uuid,
    m: crate::identiteit::aanmelden::TeMelden,
) -> anyhow::Result<Option<(Uuid, String)>> {
    use crate::identiteit::aanmelden as a;
    use tokio_postgres::types::Type;
    let antwoord: serde_json::Value = client
        .query_typed_one(
            "SELECT loket_aanmelding_melden($1, $2, $3, $4, $5, $6)",
            &[
                (&desk_id, Type::UUID),
                (&m.login, Type::NAME),
                (&m.server_id, Type::INT8),
                (&m.van, Type::TIMESTAMPTZ),
                (&m.tot, Type::TIMESTAMPTZ),
                (&m.id, Type::UUID),
            ],
        )
        .await?
        .get(0);
    let server_id = antwoord.get("aanmelding").and_then(|v| v.as_i64());
    let actief = antwoord.get("actief").and_then(|v| v.as_bool()) == Some(true);
    let erkend = antwoord.get("erkend").and_then(|v| v.as_bool()) != Some(false);
    let rol = antwoord
        .get("rol")
        .and_then(|v| v.as_str())
        .map(String::from);
    let reden = if !erkend {
        Some(format!(
            "De gedeelde database erkent de offline aanmelding van {} niet: meld opnieuw aan.",
            m.login
        ))
    } else if !actief {
        Some(format!(
            "Login {} is ingetrokken op de gedeelde database: u bent afgemeld.",
            m.login
        ))
    } else if rol.as_deref() != Some(m.rol.as_str()) {
        Some(format!(
            "Uw rol is gewijzigd (nu {}): meld opnieuw aan.",
            rol.as_deref().unwrap_or("onbekend")
        ))
    } else {
        None
    };
    let open = m.tot.is_none();
    let id = m.id;
    let login = m.login.clone();
    let vergeten = reden.is_some();
    db.met(move |c| {
        a::gemeld(c, &m, server_id)?;
        // The cache never lets in offline whom the server no longer lets in as they were.
        if vergeten {
            a::cache_vergeten(c, &login)?;
        }
        Ok(())
    })
    .await?;
    Ok(reden.filter(|_| open).map(|r| (id, r)))
}

async fn rapport_bericht(db: &Db, r: Rapport, laatst_ok: Option<DateTime<Utc>>) -> SyncBericht {
    let mut opnieuw_aanbieden = None;
    let mut geweigerd = Vec::new();
    let oproep_geweigerd = r
        .geweigerd
        .iter()
        .filter(|(op, _)| is_oproep(op))
        .map(|(op, _)| op.record_id)
        .chain(r.oproepen_behouden.iter().copied())
        .collect();
    for (op, reden) in &r.geweigerd {
        let partij = op
            .payload
            .get("partij_id")
            .and_then(|v| v.as_str())
            .map(String::from);
        let klant = match &partij {
            Some(p) if op.tabel == "afspraak" => {
                let p = p.clone();
                db.met(move |c| desk::klant_contact(c, &p))
                    .await
                    .ok()
                    .flatten()
            }
            _ => None,
        };
        if op.tabel == "afspraak"
            && let Some(id) = partij.and_then(|p| Uuid::parse_str(&p).ok())
        {
            let product = op
                .payload
                .get("product")
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string();
            opnieuw_aanbieden = Some((id, product));
        }
        geweigerd.push(weigering_tekst_met(op, reden, klant.as_ref()));
    }
    geweigerd.extend(
        r.toegepast
            .verdrongen
            .iter()
            .map(|a| format!("Afspraak {a} gaat niet door: een andere desk had die tijd eerder.")),
    );
    SyncBericht {
        indicator: SyncIndicator::Gesynchroniseerd,
        wachtend: r.wachtend,
        laatst_ok,
        geweigerd,
        tabellen: r.toegepast.tabellen,
        opnieuw_aanbieden,
        oproep_geweigerd,
        oproep_toegepast: r.oproepen_toegepast,
        afgemeld: r.ingetrokken,
        fout: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreachable_server_is_offline_and_an_answering_one_a_fault() {
        let io = |k| anyhow::Error::from(std::io::Error::from(k)).context("verbinden");
        assert_eq!(
            onbereikbaar(&io(std::io::ErrorKind::ConnectionRefused)),
            Some("server onbereikbaar")
        );
        let verlopen = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap()
            .block_on(async {
                tokio::time::timeout(Duration::ZERO, std::future::pending::<()>()).await
            })
            .unwrap_err();
        assert_eq!(
            onbereikbaar(&anyhow::Error::from(verlopen).context("ronde")),
            Some("server antwoordt niet")
        );
        assert_eq!(
            onbereikbaar(&anyhow::Error::from(server::ServerFout::NietIngericht)),
            None
        );
        assert_eq!(onbereikbaar(&anyhow::anyhow!("iets anders")), None);
    }

    #[test]
    fn the_sync_task_never_opens_a_training_database() {
        let dir = tempfile::tempdir().unwrap();
        let pad = dir.path().join("t.db");
        crate::demo::klein(
            &pad,
            2,
            2,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        );
        assert!(Db::open(&pad).is_ok(), "an ordinary desk database syncs");
        let store = crate::store::Store::open(&pad, Uuid::nil()).unwrap();
        crate::store::training::markeer(store.conn()).unwrap();
        drop(store);
        let fout = Db::open(&pad).err().expect("refused").to_string();
        assert!(fout.contains("trainingsdatabase"), "{fout}");
    }
}
