//! Asterisk Manager Interface: the call source for a municipality whose PBX is Asterisk.
//!
//! A TCP connection to the manager port: the banner line, `Login` (the secret from a file of
//! mode 0600 or an environment variable, never logged), then the queue state rebuilt with
//! `QueueStatus` and kept current from the queue events. Messages are blocks of `Key: Value`
//! lines ending in an empty line, `\r\n` line ends, split anywhere across TCP reads. Calls are
//! keyed by `Uniqueid`. Agent state changes are sent as `QueuePause`; hanging up as `Hangup` of
//! the agent's channel. Answering, holding and transferring happen on the phone itself.
//!
//! Only the configured queue counts: an event whose `Queue:` names another is ignored.
//! Asterisk 13 to 20 answer in slightly different ways, all read here: keys (and `Response`
//! and `Event` values) in any case; list responses with or without `EventList:`; a
//! `Response: Follows` whose command output (empty lines and `Key: value` lookalikes in it)
//! runs to `--END COMMAND--` is skipped whole; a login refusal without `Message:` or
//! `ActionID:`; the member as `Interface`, `Location` or `StateInterface`; the caller as
//! `CallerIDNum` or `CallerID`; the wait as `Wait` or `HoldTime`; channel variables as
//! `ChanVariable: NAME=value` (13 and later) or `ChanVariable(channel): NAME=value`.
//!
//! Nothing from the PBX is trusted: lines, blocks and command output are bounded, every number
//! is range-checked where it enters (a wait is 0 to one day; garbage is 0), ids and texts are
//! bounded, and at most [`MAX_GEVOLGD`] calls are followed at once. The banner and the answer
//! to `Login` must come within a deadline (a silent, garbling or dripping server is given up);
//! a lost connection is reported with its reason and the moment of the next attempt, and the
//! adapter reconnects with backoff and rebuilds its state. Unknown events are ignored;
//! malformed blocks are skipped and logged.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;

use super::{Bron, Lidmaatschap, TelCommand, TelEvent};
use crate::config::AmiConfig;
use crate::domain::telefonie::AgentStatus;

/// One AMI message: its fields in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bericht {
    pub velden: Vec<(String, String)>,
}

impl Bericht {
    /// The value of `key`, case-insensitively.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.velden
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }

    pub fn event(&self) -> Option<&str> {
        self.get("Event")
    }

    /// A channel variable (`channelvars` in manager.conf): `ChanVariable: NAME=value` as
    /// Asterisk 13 and later write it, `ChanVariable(channel): NAME=value` as older ones do,
    /// or `ChanVariable(NAME): value`.
    pub fn kanaalvariabele(&self, naam: &str) -> Option<&str> {
        self.velden.iter().find_map(|(k, v)| {
            let k = k.to_ascii_lowercase();
            if k == format!("chanvariable({})", naam.to_ascii_lowercase()) {
                return Some(v.trim());
            }
            if k == "chanvariable" || k.starts_with("chanvariable(") {
                let (n, w) = v.split_once('=')?;
                return n.trim().eq_ignore_ascii_case(naam).then_some(w.trim());
            }
            None
        })
    }
}

/// What the parser found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gelezen {
    Banner(String),
    Bericht(Bericht),
    /// A block with a line that is not `Key: Value`, or too long or too many; skipped (the
    /// count of fields read before is reported).
    Onleesbaar(usize),
}

/// Turns the byte stream into messages, however it is split across reads.
#[derive(Debug, Default)]
pub struct Parser {
    buffer: Vec<u8>,
    banner_gezien: bool,
    huidig: Bericht,
    fout: bool,
    /// Inside `Response: Follows`: the output lines skipped so far, up to `--END COMMAND--`.
    uitvoer: Option<usize>,
}

/// Longer lines than this are not AMI; the block is skipped.
pub const MAX_REGEL: usize = 16 * 1024;
/// More fields in one block than this are not AMI; the block is skipped.
pub const MAX_VELDEN: usize = 128;
/// Command output longer than this without its end marker: given up, the block skipped.
pub const MAX_UITVOER: usize = 10_000;
/// Calls followed at once (waiting, rung); a join beyond this is ignored.
pub const MAX_GEVOLGD: usize = 500;
/// The longest wait believed from the PBX, in seconds: a day.
pub const MAX_WACHT_S: i64 = 24 * 3600;
/// Asterisk's ids (Uniqueid, Linkedid) are at most 150 characters; a longer one is not an id.
const MAX_ID: usize = 150;
/// Numbers, names, channels and reasons from the PBX are cut to this many characters.
const MAX_TEKST: usize = 80;

impl Parser {
    pub fn new() -> Parser {
        Parser::default()
    }

    /// A whole first line arrived (the banner, or what came instead).
    pub fn eerste_regel_gezien(&self) -> bool {
        self.banner_gezien
    }

    /// Feed bytes; returns every complete message in them.
    pub fn voed(&mut self, bytes: &[u8]) -> Vec<Gelezen> {
        self.buffer.extend_from_slice(bytes);
        let mut uit = Vec::new();
        let mut start = 0;
        while let Some(pos) = self.buffer[start..].iter().position(|b| *b == b'\n') {
            let eind = start + pos;
            let mut regel = &self.buffer[start..eind];
            if regel.last() == Some(&b'\r') {
                regel = &regel[..regel.len() - 1];
            }
            let regel = String::from_utf8_lossy(regel).into_owned();
            start = eind + 1;
            self.regel(regel, &mut uit);
        }
        self.buffer.drain(..start);
        if self.buffer.len() > MAX_REGEL {
            self.buffer.clear();
            self.fout = true;
        }
        uit
    }

    fn regel(&mut self, regel: String, uit: &mut Vec<Gelezen>) {
        if regel.len() > MAX_REGEL {
            self.fout = true;
            return;
        }
        if !self.banner_gezien {
            self.banner_gezien = true;
            if regel.starts_with("Asterisk Call Manager") {
                uit.push(Gelezen::Banner(regel));
                return;
            }
        }
        if let Some(n) = self.uitvoer {
            // Command output: any line, empty ones too, up to the end marker (which may end the
            // output's last line); its own ActionID and Privilege come first.
            if regel.trim_end().ends_with("--END COMMAND--") {
                self.uitvoer = None;
                self.blok_af(uit);
            } else if n == 0
                && regel.split_once(':').is_some_and(|(k, _)| {
                    k.eq_ignore_ascii_case("ActionID") || k.eq_ignore_ascii_case("Privilege")
                })
            {
                self.veld(&regel);
            } else if n >= MAX_UITVOER {
                self.uitvoer = None;
                self.fout = true;
            } else {
                self.uitvoer = Some(n + 1);
            }
            return;
        }
        if regel.is_empty() {
            self.blok_af(uit);
            return;
        }
        // A second Event in one block: the empty line between two events was lost (seen in
        // public captures); the second starts a message of its own.
        if regel
            .split_once(':')
            .is_some_and(|(k, _)| k.eq_ignore_ascii_case("Event"))
            && self.huidig.get("Event").is_some()
        {
            self.blok_af(uit);
        }
        if !self.veld(&regel) {
            self.fout = true;
        }
    }

    /// A `Key: Value` line into the block; false when it is none.
    fn veld(&mut self, regel: &str) -> bool {
        match regel.split_once(':') {
            Some((k, v)) if !k.is_empty() && !k.contains(' ') => {
                if self.huidig.velden.len() >= MAX_VELDEN {
                    self.fout = true;
                    return true;
                }
                let v = v.trim_start();
                if k.eq_ignore_ascii_case("Response") && v.trim().eq_ignore_ascii_case("Follows") {
                    self.uitvoer = Some(0);
                }
                self.huidig.velden.push((k.to_string(), v.to_string()));
                true
            }
            _ => false,
        }
    }

    fn blok_af(&mut self, uit: &mut Vec<Gelezen>) {
        let b = std::mem::take(&mut self.huidig);
        if std::mem::take(&mut self.fout) {
            uit.push(Gelezen::Onleesbaar(b.velden.len()));
        } else if !b.velden.is_empty() {
            uit.push(Gelezen::Bericht(b));
        }
    }
}

/// An action as AMI wants it on the wire.
pub fn actie(velden: &[(&str, &str)]) -> String {
    let mut s = String::new();
    for (k, v) in velden {
        // A line break in a value would start a new field: not allowed.
        let v: String = v.chars().filter(|c| *c != '\r' && *c != '\n').collect();
        s.push_str(&format!("{k}: {v}\r\n"));
    }
    s.push_str("\r\n");
    s
}

/// Seconds as the PBX gives them, believed from 0 up to `max`; garbage (or nothing) is 0.
pub fn seconden(tekst: Option<&str>, max: i64) -> i64 {
    tekst
        .and_then(|t| t.trim().parse::<i64>().ok())
        .map_or(0, |s| s.clamp(0, max))
}

/// A text from the PBX, without control characters and at most `max` characters long.
fn begrensd(s: &str, max: usize) -> String {
    s.trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(max)
        .collect()
}

/// Turns AMI events into the desk's events, keeping what it needs per call.
#[derive(Debug)]
pub struct Vertaler {
    /// This desk's phone as a queue member, e.g. "PJSIP/2001".
    interface: String,
    /// The queue this desk takes calls from; events of other queues are ignored.
    wachtrij: String,
    /// Per Uniqueid: the member being rung (this desk's phone?, its name).
    gebeld: HashMap<String, (bool, String)>,
    wachtend: HashSet<String>,
    /// The agent-side channel of this desk's call (for Hangup). Kept across a reconnect while
    /// the PBX still has the agent in a call.
    pub kanaal: Option<String>,
    /// While `QueueStatus` rebuilds the state: what it lists.
    herbouw: Option<Herbouw>,
}

#[derive(Debug, Default)]
struct Herbouw {
    wachtend: Vec<String>,
    lid: Option<Lidmaatschap>,
    /// The configured queue's `QueueParams` came: the PBX knows the queue.
    wachtrij_gezien: bool,
}

impl Vertaler {
    pub fn new(interface: &str, wachtrij: &str) -> Vertaler {
        Vertaler {
            interface: interface.trim().to_string(),
            wachtrij: wachtrij.trim().to_string(),
            gebeld: HashMap::new(),
            wachtend: HashSet::new(),
            kanaal: None,
            herbouw: None,
        }
    }

    /// Calls followed now (for the bounds).
    pub fn gevolgd(&self) -> usize {
        self.wachtend.len() + self.gebeld.len()
    }

    /// The member in a message: its interface as the event names it.
    fn lid<'a>(&self, b: &'a Bericht) -> Option<&'a str> {
        ["Interface", "Location", "StateInterface", "MemberName"]
            .into_iter()
            .find_map(|k| b.get(k))
            .map(str::trim)
    }

    fn is_ik(&self, b: &Bericht) -> bool {
        ["Interface", "Location", "StateInterface", "MemberName"]
            .into_iter()
            .filter_map(|k| b.get(k))
            .any(|i| i.trim().eq_ignore_ascii_case(&self.interface))
    }

    /// The message names another queue than this desk's.
    fn andere_wachtrij(&self, b: &Bericht) -> bool {
        b.get("Queue")
            .is_some_and(|q| !q.trim().eq_ignore_ascii_case(&self.wachtrij))
    }

    /// Forget the calls (after a reconnect, before `QueueStatus`); the agent's channel stays
    /// until the rebuild says the agent is no longer in a call.
    pub fn reset(&mut self) {
        self.gebeld.clear();
        self.wachtend.clear();
        self.herbouw = Some(Herbouw::default());
    }

    pub fn vertaal(&mut self, b: &Bericht, nu: DateTime<Utc>) -> Vec<TelEvent> {
        let Some(ev) = b.event() else {
            return Vec::new();
        };
        if self.andere_wachtrij(b) {
            return Vec::new();
        }
        let id = b
            .get("Uniqueid")
            .or_else(|| b.get("Linkedid"))
            .map(str::trim)
            .filter(|i| !i.is_empty() && i.len() <= MAX_ID);
        let ev = ev.trim().to_ascii_lowercase();
        let mut uit = Vec::new();
        match (ev.as_str(), id) {
            ("queuecallerjoin" | "queueentry" | "join", Some(id)) => {
                if !self.wachtend.contains(id) && self.wachtend.len() >= MAX_GEVOLGD {
                    // More waiting than a queue holds: leaves were missed. One is forgotten
                    // (the rebuild after the next reconnect puts the truth back).
                    if let Some(oud) = self.wachtend.iter().next().cloned() {
                        self.wachtend.remove(&oud);
                    }
                }
                // QueueEntry (from QueueStatus) says how long the caller has waited already;
                // a day at most, whatever the PBX says.
                let wacht = seconden(b.get("Wait").or_else(|| b.get("HoldTime")), MAX_WACHT_S);
                let sinds = nu
                    .checked_sub_signed(TimeDelta::seconds(wacht))
                    .unwrap_or(nu);
                self.wachtend.insert(id.to_string());
                if let Some(h) = self.herbouw.as_mut()
                    && h.wachtend.len() < MAX_GEVOLGD
                    && !h.wachtend.iter().any(|w| w == id)
                {
                    h.wachtend.push(id.to_string());
                }
                let nummer = b
                    .get("CallerIDNum")
                    .or_else(|| b.get("CallerID"))
                    .map(|n| begrensd(n, MAX_TEKST))
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| "onbekend".into());
                // The keuzemenu option: the IVR's channel variable, else the queue's name.
                let keuze = b
                    .kanaalvariabele("LOKET_KEUZE")
                    .or_else(|| b.get("Queue"))
                    .map(|k| begrensd(k, MAX_TEKST))
                    .filter(|k| !k.is_empty())
                    .unwrap_or_else(|| "-".into());
                uit.push(TelEvent::Binnen {
                    id: id.to_string(),
                    linkedid: b
                        .get("Linkedid")
                        .map(str::trim)
                        .filter(|l| !l.is_empty() && l.len() <= MAX_ID)
                        .map(String::from),
                    nummer,
                    keuze,
                    terugval: b.kanaalvariabele("LOKET_TERUGVAL") == Some("1"),
                    sinds,
                });
            }
            ("queuecallerabandon", Some(id)) if self.wachtend.remove(id) => {
                self.gebeld.remove(id);
                uit.push(TelEvent::Weg {
                    id: id.to_string(),
                    aangenomen_door: None,
                    op: nu,
                });
            }
            // After an abandon the caller is gone already; otherwise it was answered, by the
            // member that was rung.
            ("queuecallerleave" | "leave", Some(id)) if self.wachtend.remove(id) => {
                let door = match self.gebeld.get(id) {
                    Some((true, _)) => None,
                    Some((false, naam)) => Some(naam.clone()),
                    None => Some("?".to_string()),
                };
                uit.push(TelEvent::Weg {
                    id: id.to_string(),
                    aangenomen_door: Some(door),
                    op: nu,
                });
            }
            ("agentcalled", Some(id)) => {
                let ik = self.is_ik(b);
                let naam = b
                    .get("MemberName")
                    .or_else(|| self.lid(b))
                    .map_or_else(|| "?".to_string(), |n| begrensd(n, MAX_TEKST));
                if !self.gebeld.contains_key(id) && self.gebeld.len() >= MAX_GEVOLGD {
                    // Endings were missed: who rang for which call is forgotten (only the
                    // name of a colleague who answers is lost).
                    self.gebeld.clear();
                }
                self.gebeld.insert(id.to_string(), (ik, naam));
                if ik {
                    uit.push(TelEvent::Aangeboden {
                        id: id.to_string(),
                        op: nu,
                    });
                }
            }
            ("agentringnoanswer", Some(id)) => {
                // RingTime is in milliseconds here (other times are seconds); not needed.
                self.gebeld.remove(id);
                if self.is_ik(b) {
                    uit.push(TelEvent::AanbodVervallen { id: id.to_string() });
                }
            }
            ("agentconnect", Some(id)) if self.is_ik(b) => {
                // The agent's side: DestChannel (13 and later), Channel before.
                self.kanaal = b
                    .get("DestChannel")
                    .or_else(|| b.get("Channel"))
                    .map(|k| begrensd(k, MAX_ID))
                    .filter(|k| !k.is_empty());
                uit.push(TelEvent::Verbonden {
                    id: id.to_string(),
                    op: nu,
                });
            }
            ("agentcomplete", Some(id)) => {
                self.gebeld.remove(id);
                if self.is_ik(b) {
                    self.kanaal = None;
                    uit.push(TelEvent::Beeindigd {
                        id: id.to_string(),
                        op: nu,
                    });
                } else {
                    uit.push(TelEvent::Klaar {
                        id: id.to_string(),
                        op: nu,
                    });
                }
            }
            ("queueparams", _) => {
                if let Some(h) = self.herbouw.as_mut() {
                    h.wachtrij_gezien = true;
                }
            }
            // Member state: paused, and the device state Asterisk reports (1 not in use, 2 in
            // use, 3 busy, 6 ringing, 7 ringing and in use; 4, 5 unavailable). This desk's own
            // is taken from QueueStatus after a (re)connect (live, the desk sends it itself);
            // colleagues' are followed for the floor.
            ("queuemember" | "queuememberstatus" | "queuememberpause" | "queuememberpaused", _) => {
                let gepauzeerd = b.get("Paused").is_some_and(|p| {
                    let p = p.trim();
                    p == "1" || p.eq_ignore_ascii_case("true")
                });
                let status = b.get("Status").map(str::trim);
                if self.is_ik(b) {
                    if ev == "queuemember"
                        && let Some(h) = self.herbouw.as_mut()
                    {
                        let in_gesprek = match b.get("InCall").map(str::trim) {
                            Some("1") => true,
                            Some("0") => false,
                            _ => matches!(status, Some("2" | "3" | "7")),
                        };
                        h.lid = Some(Lidmaatschap {
                            lid: true,
                            gepauzeerd,
                            reden: b
                                .get("PausedReason")
                                .or_else(|| b.get("Reason"))
                                .map(|r| begrensd(r, MAX_TEKST))
                                .filter(|r| !r.is_empty()),
                            in_gesprek,
                        });
                    }
                    return uit;
                }
                let naam = b
                    .get("MemberName")
                    .or_else(|| b.get("Name"))
                    .or_else(|| self.lid(b))
                    .map(|n| begrensd(n, MAX_TEKST))
                    .filter(|n| !n.is_empty());
                let status = match status {
                    _ if gepauzeerd => Some(AgentStatus::Pauze),
                    Some("1") => Some(AgentStatus::Beschikbaar),
                    Some("2" | "3" | "6" | "7") => Some(AgentStatus::InGesprek),
                    Some("4" | "5") => Some(AgentStatus::Afgemeld),
                    _ => None,
                };
                if let (Some(naam), Some(status)) = (naam, status) {
                    uit.push(TelEvent::Collega {
                        naam,
                        status,
                        op: nu,
                    });
                }
            }
            // The end of QueueStatus: who waits now, so calls that left meanwhile are closed,
            // and this agent's own membership (not listed: not a member).
            ("queuestatuscomplete", _) => {
                if let Some(h) = self.herbouw.take() {
                    let lid = if h.wachtrij_gezien {
                        Some(h.lid.unwrap_or_default())
                    } else {
                        crate::logboek::schrijf(&format!(
                            "AMI: QueueStatus noemt wachtrij {} niet; eigen status onbekend",
                            self.wachtrij
                        ));
                        None
                    };
                    if lid.as_ref().is_some_and(|l| !l.in_gesprek) {
                        self.kanaal = None;
                    }
                    uit.push(TelEvent::Herbouwd {
                        wachtend: h.wachtend,
                        lid,
                        op: nu,
                    });
                }
            }
            // Unknown events.
            _ => {}
        }
        uit
    }
}

/// The longest secret file read: a secret is a line, not a file's worth.
const MAX_SECRET: u64 = 4096;

/// The secret: from the file (a regular file of mode 0600, like the other secret files),
/// else from the environment variable. The error is Dutch for the desk; it never holds the
/// secret.
fn secret(cfg: &AmiConfig) -> Result<String, String> {
    if let Some(p) = &cfg.secret_bestand {
        crate::config::alleen_eigenaar(p).map_err(|e| format!("{e:#}"))?;
        let tekst = crate::bestand::lees_tekst(p, MAX_SECRET)
            .map_err(|g| format!("secret-bestand {} {}", p.display(), g.melding))?;
        let s = tekst.trim().to_string();
        if s.is_empty() {
            return Err(format!("secret-bestand {} is leeg", p.display()));
        }
        return Ok(s);
    }
    if let Some(v) = &cfg.secret_env {
        return std::env::var(v).map_err(|_| format!("omgevingsvariabele {v} is niet gezet"));
    }
    Err("geen secret_bestand of secret_env in [telefonie.ami]".into())
}

/// A plain or TLS connection.
trait Stroom: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Stroom for T {}

/// TLS on top of `tcp`, the server checked against the CA file.
async fn tls(cfg: &AmiConfig, tcp: TcpStream) -> Result<Box<dyn Stroom>, Einde> {
    use rustls_pki_types::ServerName;
    let Some(ca) = &cfg.ca_bestand else {
        return Err(Einde::geweigerd("tls zonder ca_bestand", ""));
    };
    let config = crate::tls::client_config(Some(ca))
        .map_err(|e| Einde::geweigerd("CA-bestand voor TLS onbruikbaar", &e))?;
    let naam = ServerName::try_from(cfg.host.clone())
        .map_err(|e| Einde::geweigerd("ongeldige hostnaam voor TLS", &e.to_string()))?;
    let stream = tokio_rustls::TlsConnector::from(Arc::new(config))
        .connect(naam, tcp)
        .await
        .map_err(|e| Einde::verbroken("TLS-verbinding mislukt", &e.to_string()))?;
    Ok(Box::new(stream))
}

/// Why a session ended: a short Dutch reason for the desk, the detail (the library's or the
/// PBX's own words) for the log only.
#[derive(Debug)]
enum Einde {
    /// The desk is gone.
    Klaar,
    Verbroken {
        reden: String,
        detail: String,
    },
    /// Login refused: retrying with the same secret will not help soon.
    Geweigerd {
        reden: String,
        detail: String,
    },
}

impl Einde {
    fn verbroken(reden: &str, detail: &str) -> Einde {
        Einde::Verbroken {
            reden: reden.into(),
            detail: detail.into(),
        }
    }
    fn geweigerd(reden: &str, detail: &str) -> Einde {
        Einde::Geweigerd {
            reden: reden.into(),
            detail: detail.into(),
        }
    }
}

/// How long the adapter waits for the PBX, and how it backs off between attempts.
#[derive(Debug, Clone, PartialEq)]
pub struct Tijden {
    /// TCP connect (and the TLS handshake).
    pub verbinden: Duration,
    /// From connected to the answer to `Login` (the banner included).
    pub aanmelden: Duration,
    /// The first wait after a failure; it doubles up to `max_wacht`, and starts again after
    /// a session that logged in.
    pub eerste_wacht: Duration,
    pub max_wacht: Duration,
    /// After a refused login or an unusable secret.
    pub na_weigering: Duration,
}

impl Default for Tijden {
    fn default() -> Self {
        Tijden {
            verbinden: Duration::from_secs(5),
            aanmelden: Duration::from_secs(10),
            eerste_wacht: Duration::from_secs(2),
            max_wacht: Duration::from_secs(30),
            na_weigering: Duration::from_secs(60),
        }
    }
}

/// Run the adapter as a tokio task.
pub fn start<F>(cfg: AmiConfig, _keuzemenu: Vec<String>, report: F) -> Bron
where
    F: Fn(DateTime<Utc>, Vec<TelEvent>) -> bool + Send + Sync + 'static,
{
    start_met(cfg, Tijden::default(), report)
}

/// Run the adapter with these waits (tests use short ones).
pub fn start_met<F>(cfg: AmiConfig, tijden: Tijden, report: F) -> Bron
where
    F: Fn(DateTime<Utc>, Vec<TelEvent>) -> bool + Send + Sync + 'static,
{
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<TelCommand>();
    tokio::spawn(async move {
        // Telephony is configured: the desk says so (connecting) before the PBX answers.
        if !report(Utc::now(), vec![TelEvent::Verbinding(false)]) {
            return;
        }
        let mut vertaler = Vertaler::new(&cfg.interface, &cfg.wachtrij);
        let mut wacht = tijden.eerste_wacht;
        loop {
            let mut ingelogd = false;
            let einde = sessie(
                &cfg,
                &tijden,
                &mut vertaler,
                &mut rx,
                &report,
                &mut ingelogd,
            )
            .await;
            if ingelogd {
                wacht = tijden.eerste_wacht;
            }
            let (reden, detail) = match einde {
                Einde::Klaar => return,
                Einde::Verbroken { reden, detail } => (reden, detail),
                Einde::Geweigerd { reden, detail } => {
                    wacht = wacht.max(tijden.na_weigering);
                    (reden, detail)
                }
            };
            crate::logboek::schrijf(&format!(
                "telefonie: {}:{}: {reden}{}{}; nieuwe poging over {} s",
                cfg.host,
                cfg.poort,
                if detail.is_empty() { "" } else { ": " },
                detail.chars().take(500).collect::<String>(),
                wacht.as_secs()
            ));
            let nu = Utc::now();
            let opnieuw_op = nu
                .checked_add_signed(TimeDelta::from_std(wacht).unwrap_or(TimeDelta::MAX))
                .unwrap_or(nu);
            if !report(
                nu,
                vec![
                    TelEvent::Verbinding(false),
                    TelEvent::Storing { reden, opnieuw_op },
                ],
            ) {
                return;
            }
            tokio::time::sleep(wacht).await;
            wacht = wacht.saturating_mul(2).min(tijden.max_wacht);
        }
    });
    tx
}

/// Unreadable blocks logged per session; more are counted, not written (garbage from the PBX
/// must not fill the log).
const MAX_ONLEESBAAR_GELOGD: usize = 10;

async fn sessie<F>(
    cfg: &AmiConfig,
    tijden: &Tijden,
    vertaler: &mut Vertaler,
    rx: &mut tokio::sync::mpsc::UnboundedReceiver<TelCommand>,
    report: &F,
    ingelogd: &mut bool,
) -> Einde
where
    F: Fn(DateTime<Utc>, Vec<TelEvent>) -> bool + Sync,
{
    // What the agent did while there was no connection is not sent later: the rebuilt state
    // of the PBX is the truth.
    loop {
        match rx.try_recv() {
            Ok(_) => {}
            Err(tokio::sync::mpsc::error::TryRecvError::Empty) => break,
            Err(tokio::sync::mpsc::error::TryRecvError::Disconnected) => return Einde::Klaar,
        }
    }
    let secret = match secret(cfg) {
        Ok(s) => s,
        Err(e) => return Einde::geweigerd(&e, ""),
    };
    let tcp = match tokio::time::timeout(
        tijden.verbinden,
        TcpStream::connect((cfg.host.as_str(), cfg.poort)),
    )
    .await
    {
        Ok(Ok(s)) => s,
        Ok(Err(e)) => return Einde::verbroken("centrale niet bereikbaar", &e.to_string()),
        Err(_) => return Einde::verbroken("centrale antwoordt niet", "connect timeout"),
    };
    let mut stream: Box<dyn Stroom> = if cfg.tls {
        match tokio::time::timeout(tijden.verbinden, tls(cfg, tcp)).await {
            Ok(Ok(s)) => s,
            Ok(Err(e)) => return e,
            Err(_) => return Einde::verbroken("TLS-verbinding mislukt", "handshake timeout"),
        }
    } else {
        Box::new(tcp)
    };
    let mut parser = Parser::new();
    let login = actie(&[
        ("Action", "Login"),
        ("ActionID", "login"),
        ("Username", &cfg.gebruiker),
        ("Secret", &secret),
        ("Events", "on"),
    ]);
    if let Err(e) = stream.write_all(login.as_bytes()).await {
        return Einde::verbroken("verbinding verbroken", &e.to_string());
    }
    let deadline = tokio::time::Instant::now() + tijden.aanmelden;
    // After the login, QueueStatus must be answered (its QueueStatusComplete) within the same
    // time: a PBX that talks nonsense, never ends a block, or sends fields without end would
    // otherwise leave the desk showing an empty queue for good.
    let mut status_deadline: Option<tokio::time::Instant> = None;
    let mut banner = false;
    let mut ontvangen = 0usize;
    let mut onleesbaar = 0usize;
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        tokio::select! {
            _ = tokio::time::sleep_until(deadline), if !*ingelogd => {
                let reden = if ontvangen == 0 {
                    "centrale antwoordt niet"
                } else if !parser.eerste_regel_gezien() {
                    "centrale antwoordt te traag"
                } else if !banner {
                    "onleesbaar antwoord, geen Asterisk"
                } else {
                    "geen antwoord op het aanmelden"
                };
                return Einde::verbroken(
                    reden,
                    &format!("{ontvangen} bytes in {} ms", tijden.aanmelden.as_millis()),
                );
            }
            _ = async {
                match status_deadline {
                    Some(d) => tokio::time::sleep_until(d).await,
                    None => std::future::pending().await,
                }
            }, if status_deadline.is_some() => {
                return Einde::verbroken(
                    "onleesbaar antwoord, geen wachtrijstatus",
                    &format!(
                        "no QueueStatusComplete within {} ms, {ontvangen} bytes, {onleesbaar} unreadable blocks",
                        tijden.aanmelden.as_millis()
                    ),
                );
            }
            n = stream.read(&mut buf) => {
                let n = match n {
                    Ok(0) => return Einde::verbroken("verbinding verbroken", "closed by peer"),
                    Ok(n) => n,
                    Err(e) => return Einde::verbroken("verbinding verbroken", &e.to_string()),
                };
                ontvangen = ontvangen.saturating_add(n);
                let nu = Utc::now();
                let mut events = Vec::new();
                for g in parser.voed(&buf[..n]) {
                    let b = match g {
                        Gelezen::Bericht(b) => b,
                        Gelezen::Onleesbaar(velden) => {
                            onleesbaar = onleesbaar.saturating_add(1);
                            if onleesbaar <= MAX_ONLEESBAAR_GELOGD {
                                crate::logboek::schrijf(&format!(
                                    "AMI {}: onleesbaar blok overgeslagen ({velden} velden ervoor){}",
                                    cfg.host,
                                    if onleesbaar == MAX_ONLEESBAAR_GELOGD {
                                        "; verdere worden niet meer gelogd"
                                    } else {
                                        ""
                                    }
                                ));
                            }
                            continue;
                        }
                        Gelezen::Banner(_) => {
                            banner = true;
                            continue;
                        }
                    };
                    if !*ingelogd {
                        // The answer to Login: the first response after Asterisk's banner
                        // (older versions may leave out ActionID and Message); events before
                        // it are not ours yet, and without the banner it is not Asterisk.
                        if !banner {
                            continue;
                        }
                        let Some(r) = b.get("Response") else { continue };
                        if b.get("ActionID").is_some_and(|a| a.trim() != "login") {
                            continue;
                        }
                        if r.trim().eq_ignore_ascii_case("success") {
                            *ingelogd = true;
                            status_deadline =
                                Some(tokio::time::Instant::now() + tijden.aanmelden);
                            vertaler.reset();
                            events.push(TelEvent::Verbinding(true));
                            let q = actie(&[
                                ("Action", "QueueStatus"),
                                ("ActionID", "status"),
                                ("Queue", &cfg.wachtrij),
                            ]);
                            if let Err(e) = stream.write_all(q.as_bytes()).await {
                                return Einde::verbroken("verbinding verbroken", &e.to_string());
                            }
                        } else {
                            return Einde::geweigerd(
                                "aanmelden geweigerd",
                                b.get("Message").unwrap_or("(zonder reden)"),
                            );
                        }
                        continue;
                    }
                    events.extend(vertaler.vertaal(&b, nu));
                }
                if events.iter().any(|e| matches!(e, TelEvent::Herbouwd { .. })) {
                    status_deadline = None;
                }
                if !events.is_empty() && !report(nu, events) {
                    return Einde::Klaar;
                }
            }
            cmd = rx.recv(), if *ingelogd => {
                let Some(cmd) = cmd else { return Einde::Klaar };
                let tekst = match cmd {
                    TelCommand::Status(s, reden) => {
                        let paused = if s == AgentStatus::Beschikbaar { "false" } else { "true" };
                        Some(actie(&[
                            ("Action", "QueuePause"),
                            ("Interface", &cfg.interface),
                            ("Queue", &cfg.wachtrij),
                            ("Paused", paused),
                            ("Reason", reden.as_deref().unwrap_or(s.as_str())),
                        ]))
                    }
                    TelCommand::Ophangen(_) => vertaler
                        .kanaal
                        .as_ref()
                        .map(|k| actie(&[("Action", "Hangup"), ("Channel", k)])),
                    _ => None,
                };
                if let Some(t) = tekst
                    && let Err(e) = stream.write_all(t.as_bytes()).await
                {
                    return Einde::verbroken("verbinding verbroken", &e.to_string());
                }
            }
        }
    }
}

/// A script of AMI traffic as `tests/data/ami/` keeps it: its parts (`### name`) in order,
/// each with `\r\n` line ends, comments (`## `) left out.
#[cfg(any(test, feature = "test-support"))]
pub fn script(tekst: &str) -> Vec<(String, String)> {
    let mut delen: Vec<(String, String)> = Vec::new();
    for regel in tekst.lines() {
        if regel.starts_with("## ") {
            continue;
        }
        if let Some(naam) = regel.strip_prefix("### ") {
            delen.push((naam.trim().to_string(), String::new()));
            continue;
        }
        if let Some((_, deel)) = delen.last_mut() {
            deel.push_str(regel);
            deel.push_str("\r\n");
        }
    }
    delen
}

/// The seed corpus: every script in `tests/data/ami/` (name, the PBX's whole side).
#[cfg(any(test, feature = "test-support"))]
pub fn corpus() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/ami");
    let mut uit: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let tekst = std::fs::read_to_string(&p).unwrap();
            let heel: String = script(&tekst).into_iter().map(|(_, d)| d).collect();
            (p.file_name().unwrap().to_string_lossy().into_owned(), heel)
        })
        .collect();
    uit.sort();
    uit
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const STROOM: &str = "Asterisk Call Manager/9.0.0\r\n\
        Response: Success\r\nActionID: login\r\nMessage: Authentication accepted\r\n\r\n\
        Event: QueueCallerJoin\r\nQueue: Burgerzaken\r\nUniqueid: 1700000000.1\r\nCallerIDNum: 0612345678\r\nPosition: 1\r\n\r\n\
        event: AgentCalled\r\ninterface: PJSIP/2001\r\nuniqueid: 1700000000.1\r\n\r\n\
        Event: QueueCallerLeave\r\nUniqueid: 1700000000.1\r\n\r\n\
        Event: AgentConnect\r\nInterface: PJSIP/2001\r\nUniqueid: 1700000000.1\r\nDestChannel: PJSIP/2001-0001\r\n\r\n";

    fn alles(p: &mut Parser, bytes: &[u8]) -> Vec<Gelezen> {
        p.voed(bytes)
    }

    #[test]
    fn banner_and_blocks_split_anywhere_give_the_same_messages() {
        let heel = alles(&mut Parser::new(), STROOM.as_bytes());
        assert_eq!(heel.len(), 6);
        assert!(matches!(&heel[0], Gelezen::Banner(b) if b.contains("9.0.0")));
        for knip in 1..STROOM.len() {
            let mut p = Parser::new();
            let mut uit = p.voed(&STROOM.as_bytes()[..knip]);
            uit.extend(p.voed(&STROOM.as_bytes()[knip..]));
            assert_eq!(uit, heel, "split at {knip}");
        }
    }

    #[test]
    fn events_become_the_desks_events_with_keys_in_any_case() {
        let nu = Utc::now();
        let mut v = Vertaler::new("PJSIP/2001", "Burgerzaken");
        let mut uit = Vec::new();
        for g in Parser::new().voed(STROOM.as_bytes()) {
            if let Gelezen::Bericht(b) = g {
                uit.extend(v.vertaal(&b, nu));
            }
        }
        assert!(
            matches!(&uit[0], TelEvent::Binnen { nummer, keuze, .. } if nummer == "0612345678" && keuze == "Burgerzaken")
        );
        assert!(matches!(&uit[1], TelEvent::Aangeboden { id, .. } if id == "1700000000.1"));
        assert!(matches!(
            &uit[2],
            TelEvent::Weg {
                aangenomen_door: Some(None),
                ..
            }
        ));
        assert!(matches!(&uit[3], TelEvent::Verbonden { .. }));
        assert_eq!(v.kanaal.as_deref(), Some("PJSIP/2001-0001"));
    }

    #[test]
    fn colleagues_member_state_is_followed_for_the_floor() {
        let mut v = Vertaler::new("PJSIP/2001", "kcc");
        let mut uit = Vec::new();
        for g in Parser::new().voed(
            b"Event: QueueMemberStatus\r\nMemberName: Fatima\r\nInterface: PJSIP/2002\r\nStatus: 2\r\nPaused: 0\r\n\r\n\
              Event: QueueMemberPause\r\nMemberName: Kees\r\nInterface: PJSIP/2003\r\nPaused: 1\r\n\r\n\
              Event: QueueMemberStatus\r\nMemberName: Ik\r\nInterface: PJSIP/2001\r\nStatus: 1\r\n\r\n",
        ) {
            if let Gelezen::Bericht(b) = g {
                uit.extend(v.vertaal(&b, Utc::now()));
            }
        }
        assert_eq!(uit.len(), 2, "not this desk's own: {uit:?}");
        assert!(
            matches!(&uit[0], TelEvent::Collega { naam, status: AgentStatus::InGesprek, .. } if naam == "Fatima")
        );
        assert!(
            matches!(&uit[1], TelEvent::Collega { naam, status: AgentStatus::Pauze, .. } if naam == "Kees")
        );
    }

    #[test]
    fn a_malformed_block_is_skipped_and_the_next_one_read() {
        let mut p = Parser::new();
        let uit = p.voed(
            b"Asterisk Call Manager/9.0.0\r\nEvent: X\r\nthis is no field\r\n\r\nEvent: Y\r\n\r\n",
        );
        assert_eq!(uit.len(), 3);
        assert_eq!(uit[1], Gelezen::Onleesbaar(1));
        assert!(matches!(&uit[2], Gelezen::Bericht(b) if b.event() == Some("Y")));
    }

    #[test]
    fn an_abandoned_caller_is_not_counted_as_answered_when_leave_follows() {
        let nu = Utc::now();
        let mut v = Vertaler::new("PJSIP/2001", "Q");
        let mut uit = Vec::new();
        for g in Parser::new().voed(
            b"Event: QueueCallerJoin\r\nUniqueid: 9\r\nCallerIDNum: 06\r\nQueue: Q\r\n\r\n\
              Event: QueueCallerAbandon\r\nUniqueid: 9\r\n\r\n\
              Event: QueueCallerLeave\r\nUniqueid: 9\r\n\r\n",
        ) {
            if let Gelezen::Bericht(b) = g {
                uit.extend(v.vertaal(&b, nu));
            }
        }
        assert_eq!(uit.len(), 2, "{uit:?}");
        assert!(matches!(
            &uit[1],
            TelEvent::Weg {
                aangenomen_door: None,
                ..
            }
        ));
    }

    #[test]
    fn after_a_reconnect_the_rebuilt_queue_says_who_waits_now() {
        let nu = Utc::now();
        let mut v = Vertaler::new("PJSIP/2001", "Q");
        let mut uit = Vec::new();
        v.reset();
        for g in Parser::new().voed(
            b"Event: QueueEntry\r\nQueue: Q\r\nUniqueid: 5.1\r\nWait: 3\r\n\r\n\
              Event: QueueMember\r\nMemberName: Fatima\r\nStatus: 1\r\n\r\n\
              Event: QueueStatusComplete\r\nEventList: Complete\r\n\r\n\
              Event: QueueStatusComplete\r\nEventList: Complete\r\n\r\n",
        ) {
            if let Gelezen::Bericht(b) = g {
                uit.extend(v.vertaal(&b, nu));
            }
        }
        let herbouwd: Vec<&TelEvent> = uit
            .iter()
            .filter(|e| matches!(e, TelEvent::Herbouwd { .. }))
            .collect();
        assert_eq!(
            herbouwd,
            vec![&TelEvent::Herbouwd {
                wachtend: vec!["5.1".into()],
                lid: None,
                op: nu
            }],
            "once per rebuild, with the callers it listed"
        );
    }

    #[test]
    fn actions_cannot_smuggle_a_field_in_a_value() {
        assert_eq!(
            actie(&[
                ("Action", "QueuePause"),
                ("Reason", "lunch\r\nAction: Hangup")
            ]),
            "Action: QueuePause\r\nReason: lunchAction: Hangup\r\n\r\n"
        );
    }

    fn vertaal_alles(v: &mut Vertaler, bytes: &[u8], nu: DateTime<Utc>) -> Vec<TelEvent> {
        let mut uit = Vec::new();
        for g in Parser::new().voed(bytes) {
            if let Gelezen::Bericht(b) = g {
                uit.extend(v.vertaal(&b, nu));
            }
        }
        uit
    }

    fn om(s: i64) -> DateTime<Utc> {
        use chrono::TimeZone;
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap() + TimeDelta::seconds(s)
    }

    fn wachtend_sinds(uit: &[TelEvent], id: &str) -> Option<DateTime<Utc>> {
        uit.iter().find_map(|e| match e {
            TelEvent::Binnen { id: i, sinds, .. } if i == id => Some(*sinds),
            _ => None,
        })
    }

    /// Issue 17: `Wait: 9000000000000` panicked on `DateTime - TimeDelta` and killed telephony
    /// for the day. A wait is believed from 0 to one day; garbage is 0.
    #[test]
    fn a_wait_out_of_range_is_clamped_where_it_enters_and_never_panics() {
        let grenzen = script(include_str!("../../../../tests/data/ami/grenzen.txt"));
        let status = &grenzen.iter().find(|(n, _)| n == "status").unwrap().1;
        let mut v = Vertaler::new("PJSIP/2001", "kcc");
        v.reset();
        let uit = vertaal_alles(&mut v, status.as_bytes(), om(0));
        assert_eq!(wachtend_sinds(&uit, "1700000000.21"), Some(om(-86_400)));
        assert_eq!(wachtend_sinds(&uit, "1700000000.22"), Some(om(0)));
        assert_eq!(wachtend_sinds(&uit, "1700000000.23"), Some(om(0)));
        assert!(
            !uit.iter()
                .any(|e| matches!(e, TelEvent::Binnen { id, .. } if id.len() > 150)),
            "an id longer than Asterisk's is not followed"
        );
        // At the edge of what a date can hold the wait cannot be subtracted: the moment stays.
        let mut v = Vertaler::new("PJSIP/2001", "kcc");
        let uit = vertaal_alles(
            &mut v,
            b"Event: QueueEntry\r\nQueue: kcc\r\nUniqueid: 1\r\nWait: 86400\r\n\r\n",
            DateTime::<Utc>::MIN_UTC,
        );
        assert_eq!(wachtend_sinds(&uit, "1"), Some(DateTime::<Utc>::MIN_UTC));
        assert_eq!(seconden(Some(" 42 "), MAX_WACHT_S), 42);
        assert_eq!(seconden(Some("-9223372036854775808"), MAX_WACHT_S), 0);
        assert_eq!(seconden(Some("99999999999999999999"), MAX_WACHT_S), 0);
    }

    #[test]
    fn only_the_configured_queue_counts() {
        let mut v = Vertaler::new("PJSIP/2001", "kcc");
        let uit = vertaal_alles(
            &mut v,
            b"Event: QueueCallerJoin\r\nQueue: sales\r\nUniqueid: 1\r\nCallerIDNum: 06\r\n\r\n\
              Event: AgentCalled\r\nQueue: sales\r\nInterface: PJSIP/2001\r\nUniqueid: 1\r\n\r\n\
              Event: AgentConnect\r\nQueue: sales\r\nInterface: PJSIP/2001\r\nUniqueid: 1\r\nDestChannel: PJSIP/2001-1\r\n\r\n\
              Event: QueueMemberStatus\r\nQueue: sales\r\nMemberName: Kees\r\nStatus: 2\r\n\r\n\
              Event: QueueCallerJoin\r\nQueue: KCC\r\nUniqueid: 2\r\nCallerIDNum: 07\r\n\r\n",
            om(0),
        );
        assert_eq!(uit.len(), 1, "{uit:?}");
        assert!(matches!(&uit[0], TelEvent::Binnen { id, .. } if id == "2"));
        assert_eq!(
            v.kanaal, None,
            "another queue's call is not this desk's to hang up"
        );
    }

    #[test]
    fn command_output_up_to_end_command_is_skipped_whole_however_it_looks() {
        let mut p = Parser::new();
        let uit = p.voed(
            b"Asterisk Call Manager/2.10.6\r\n\
              Response: Follows\r\nPrivilege: Command\r\nActionID: cmd\r\n\
              Name/username   Host\r\n\r\nEvent: AgentConnect\r\nUniqueid: 66\r\n\r\n\
              2 sip peers--END COMMAND--\r\n\r\n\
              Event: QueueCallerJoin\r\nUniqueid: 7\r\n\r\n",
        );
        assert_eq!(uit.len(), 3, "{uit:?}");
        assert!(
            matches!(&uit[1], Gelezen::Bericht(b) if b.get("Response") == Some("Follows") && b.get("ActionID") == Some("cmd") && b.event().is_none())
        );
        assert!(matches!(&uit[2], Gelezen::Bericht(b) if b.event() == Some("QueueCallerJoin")));
    }

    #[test]
    fn blocks_too_long_or_too_wide_are_skipped_and_the_next_one_read() {
        let mut bytes = b"Event: X\r\n".to_vec();
        for i in 0..MAX_VELDEN + 5 {
            bytes.extend(format!("K{i}: v\r\n").as_bytes());
        }
        bytes.extend(b"\r\nEvent: Y\r\n");
        bytes.extend(vec![b'x'; MAX_REGEL + 10]);
        bytes.extend(b"\r\n\r\nEvent: Z\r\n\r\n");
        let mut p = Parser::new();
        p.voed(b"Asterisk Call Manager/9.0.0\r\n");
        let uit: Vec<Gelezen> = bytes.chunks(1000).flat_map(|c| p.voed(c)).collect();
        assert_eq!(uit.len(), 3, "{uit:?}");
        assert!(matches!(uit[0], Gelezen::Onleesbaar(n) if n == MAX_VELDEN));
        assert!(matches!(uit[1], Gelezen::Onleesbaar(_)));
        assert!(matches!(&uit[2], Gelezen::Bericht(b) if b.event() == Some("Z")));
        let mut p = Parser::new();
        p.voed(&vec![b'y'; 10 * MAX_REGEL]);
        assert!(
            p.buffer.len() <= MAX_REGEL,
            "a line without an end is not kept whole"
        );
    }

    #[test]
    fn two_events_without_an_empty_line_between_are_two_messages() {
        let mut p = Parser::new();
        let uit = p.voed(
            b"Asterisk Call Manager/2.10.6\r\n\
              Event: QueueMember\r\nQueue: kcc\r\nLocation: PJSIP/2002\r\nActionID: s\r\n\
              Event: QueueMember\r\nQueue: kcc\r\nLocation: PJSIP/2001\r\n\r\n",
        );
        assert_eq!(uit.len(), 3, "{uit:?}");
        assert!(matches!(&uit[1], Gelezen::Bericht(b) if b.get("Location") == Some("PJSIP/2002")));
        assert!(matches!(&uit[2], Gelezen::Bericht(b) if b.get("Location") == Some("PJSIP/2001")));
    }

    #[test]
    fn channel_variables_in_every_form() {
        for (veld, waarde) in [
            ("ChanVariable", "LOKET_KEUZE=Belastingen"),
            (
                "ChanVariable(PJSIP/trunk-00000008)",
                "LOKET_KEUZE=Belastingen",
            ),
            ("chanvariable(loket_keuze)", "Belastingen"),
        ] {
            let b = Bericht {
                velden: vec![
                    ("ChanVariable".into(), "ANDERS=x".into()),
                    (veld.into(), waarde.into()),
                ],
            };
            assert_eq!(
                b.kanaalvariabele("LOKET_KEUZE"),
                Some("Belastingen"),
                "{veld}"
            );
        }
    }

    #[test]
    fn the_rebuild_says_this_agents_membership_pause_and_call_in_every_version() {
        for (velden, verwacht) in [
            // Asterisk 13 and later: InCall, PausedReason.
            (
                "Location: PJSIP/2001\r\nInCall: 1\r\nStatus: 2\r\nPaused: 1\r\nPausedReason: lunch\r\n",
                Lidmaatschap {
                    lid: true,
                    gepauzeerd: true,
                    reden: Some("lunch".into()),
                    in_gesprek: true,
                },
            ),
            // Older: no InCall, the device state says in use.
            (
                "Location: pjsip/2001\r\nStatus: 2\r\nPaused: 0\r\n",
                Lidmaatschap {
                    lid: true,
                    in_gesprek: true,
                    ..Lidmaatschap::default()
                },
            ),
            (
                "StateInterface: PJSIP/2001\r\nInCall: 0\r\nStatus: 2\r\nPaused: 0\r\n",
                Lidmaatschap {
                    lid: true,
                    ..Lidmaatschap::default()
                },
            ),
            // Not listed: not a member.
            (
                "Location: PJSIP/2009\r\nStatus: 1\r\n",
                Lidmaatschap::default(),
            ),
        ] {
            let mut v = Vertaler::new("PJSIP/2001", "kcc");
            v.kanaal = Some("PJSIP/2001-7".into());
            v.reset();
            let tekst = format!(
                "Event: QueueParams\r\nQueue: kcc\r\n\r\n\
                 Event: QueueMember\r\nQueue: kcc\r\n{velden}\r\n\
                 Event: QueueStatusComplete\r\n\r\n"
            );
            let uit = vertaal_alles(&mut v, tekst.as_bytes(), om(0));
            let lid = uit.iter().find_map(|e| match e {
                TelEvent::Herbouwd { lid, .. } => Some(lid.clone()),
                _ => None,
            });
            assert_eq!(lid, Some(Some(verwacht.clone())), "{velden}");
            assert_eq!(
                v.kanaal.is_some(),
                verwacht.in_gesprek,
                "the agent's channel is kept only while the PBX has the call"
            );
        }
        // The queue not in QueueStatus (a wrong `wachtrij`): the agent's state is not known.
        let mut v = Vertaler::new("PJSIP/2001", "kcc");
        v.reset();
        let uit = vertaal_alles(&mut v, b"Event: QueueStatusComplete\r\n\r\n", om(0));
        assert!(matches!(&uit[0], TelEvent::Herbouwd { lid: None, .. }));
    }

    #[test]
    fn the_calls_followed_are_capped_whatever_the_pbx_sends() {
        let mut v = Vertaler::new("PJSIP/2001", "kcc");
        let mut bytes = Vec::new();
        for i in 0..MAX_GEVOLGD * 3 {
            bytes.extend(
                format!("Event: QueueCallerJoin\r\nQueue: kcc\r\nUniqueid: {i}\r\n\r\nEvent: AgentCalled\r\nQueue: kcc\r\nInterface: PJSIP/2002\r\nUniqueid: x{i}\r\n\r\n")
                    .as_bytes(),
            );
        }
        v.reset();
        vertaal_alles(&mut v, &bytes, om(0));
        assert!(v.gevolgd() <= 2 * MAX_GEVOLGD, "{}", v.gevolgd());
        assert!(v.herbouw.as_ref().unwrap().wachtend.len() <= MAX_GEVOLGD);
        // Missed leaves never stop the desk: a new caller is still seen.
        let uit = vertaal_alles(
            &mut v,
            b"Event: QueueCallerJoin\r\nQueue: kcc\r\nUniqueid: nieuw\r\n\r\n",
            om(1),
        );
        assert!(matches!(&uit[..], [TelEvent::Binnen { id, .. }] if id == "nieuw"));
    }

    /// Every script of the seed corpus, whole and split at every 97th byte, through the
    /// parser and the translator: the same events either way, nothing from queue sales.
    #[test]
    fn the_seed_corpus_reads_the_same_however_it_is_split() {
        let corpus = corpus();
        assert!(corpus.len() >= 6, "{corpus:?}");
        for (naam, tekst) in corpus {
            let heel = {
                let mut v = Vertaler::new("PJSIP/2001", "kcc");
                v.reset();
                vertaal_alles(&mut v, tekst.as_bytes(), om(0))
            };
            let mut v = Vertaler::new("PJSIP/2001", "kcc");
            v.reset();
            let mut p = Parser::new();
            let mut delen = Vec::new();
            for stuk in tekst.as_bytes().chunks(97) {
                for g in p.voed(stuk) {
                    if let Gelezen::Bericht(b) = g {
                        delen.extend(v.vertaal(&b, om(0)));
                    }
                }
            }
            assert_eq!(heel, delen, "{naam}");
            assert!(
                !heel.iter().any(|e| matches!(e, TelEvent::Binnen { id, .. } if id == "1700000000.9" || id == "1700000000.5")),
                "{naam}: a call of queue sales"
            );
        }
    }

    /// Mutations of the corpus: bytes flipped, lines dropped or repeated, cut anywhere.
    fn gemuteerd() -> impl Strategy<Value = Vec<u8>> {
        let corpus: Vec<Vec<u8>> = corpus().into_iter().map(|(_, t)| t.into_bytes()).collect();
        (
            0..corpus.len(),
            proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..4), 0..40),
        )
            .prop_map(move |(i, mutaties)| {
                let mut b = corpus[i].clone();
                for (plek, byte, soort) in mutaties {
                    if b.is_empty() {
                        break;
                    }
                    let at = plek.index(b.len());
                    match soort {
                        0 => b[at] = byte,
                        1 => {
                            b.remove(at);
                        }
                        2 => b.insert(at, byte),
                        _ => {
                            // Repeat a stretch (a line or a block twice).
                            let eind = (at + usize::from(byte)).min(b.len());
                            let stuk = b[at..eind].to_vec();
                            b.splice(at..at, stuk);
                        }
                    }
                }
                b
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn mutated_traffic_never_panics_and_keeps_the_translator_bounded(
            bytes in gemuteerd(),
            knip in 1usize..64,
        ) {
            let mut v = Vertaler::new("PJSIP/2001", "kcc");
            v.reset();
            let mut p = Parser::new();
            for stuk in bytes.chunks(knip) {
                for g in p.voed(stuk) {
                    if let Gelezen::Bericht(b) = g {
                        for e in v.vertaal(&b, om(0)) {
                            if let TelEvent::Binnen { sinds, .. } = e {
                                prop_assert!(sinds <= om(0) && sinds >= om(-MAX_WACHT_S));
                            }
                        }
                    }
                }
            }
            prop_assert!(v.gevolgd() <= 2 * MAX_GEVOLGD);
            prop_assert!(p.buffer.len() <= MAX_REGEL);
        }
    }

    proptest! {
        #[test]
        fn the_parser_never_panics_and_splitting_changes_nothing(
            bytes in proptest::collection::vec(any::<u8>(), 0..2000),
            knip in 0usize..2000,
        ) {
            let heel = Parser::new().voed(&bytes);
            let knip = knip.min(bytes.len());
            let mut p = Parser::new();
            let mut delen = p.voed(&bytes[..knip]);
            delen.extend(p.voed(&bytes[knip..]));
            prop_assert_eq!(heel, delen);
        }

        #[test]
        fn translating_any_message_never_panics(
            velden in proptest::collection::vec(("[A-Za-z()_]{1,20}", "[ -~]{0,30}"), 0..8),
        ) {
            let b = Bericht { velden };
            let _ = Vertaler::new("PJSIP/2001", "kcc").vertaal(&b, Utc::now());
        }
    }
}
