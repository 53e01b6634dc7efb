//! Asterisk Manager Interface: the call source for a municipality whose PBX is Asterisk.
//!
//! A TCP connection to the manager port: the banner line, `Login` (the secret from a file or an
//! environment variable, never logged), then the queue state rebuilt with `QueueStatus` and kept
//! current from the queue events. Messages are blocks of `Key: Value` lines ending in an empty
//! line, `\r\n` line ends, split anywhere across TCP reads; keys are matched case-insensitively.
//! Calls are keyed by `Uniqueid`. Agent state changes are sent as `QueuePause`; hanging up as
//! `Hangup` of the agent's channel. Answering, holding and transferring happen on the phone
//! itself. On a lost connection the desk is told ("Telefonie niet verbonden"), and the adapter
//! reconnects with backoff and rebuilds its state. Unknown events are ignored; malformed blocks
//! are skipped.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use std::sync::Arc;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;

use super::{Bron, TelCommand, TelEvent};
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
}

/// What the parser found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gelezen {
    Banner(String),
    Bericht(Bericht),
    /// A block with a line that is not `Key: Value`; skipped (the count is reported).
    Onleesbaar(usize),
}

/// Turns the byte stream into messages, however it is split across reads.
#[derive(Debug, Default)]
pub struct Parser {
    buffer: Vec<u8>,
    banner_gezien: bool,
    huidig: Bericht,
    fout: bool,
}

/// Longer lines than this are not AMI; the block is skipped.
const MAX_REGEL: usize = 64 * 1024;

impl Parser {
    pub fn new() -> Parser {
        Parser::default()
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
        if !self.banner_gezien {
            self.banner_gezien = true;
            if regel.starts_with("Asterisk Call Manager") {
                uit.push(Gelezen::Banner(regel));
                return;
            }
        }
        if regel.is_empty() {
            let b = std::mem::take(&mut self.huidig);
            if std::mem::take(&mut self.fout) {
                uit.push(Gelezen::Onleesbaar(b.velden.len()));
            } else if !b.velden.is_empty() {
                uit.push(Gelezen::Bericht(b));
            }
            return;
        }
        match regel.split_once(':') {
            Some((k, v)) if !k.is_empty() && !k.contains(' ') => self
                .huidig
                .velden
                .push((k.to_string(), v.trim_start().to_string())),
            _ => self.fout = true,
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

/// Turns AMI events into the desk's events, keeping what it needs per call.
#[derive(Debug)]
pub struct Vertaler {
    /// This desk's phone as a queue member, e.g. "PJSIP/2001".
    interface: String,
    /// Per Uniqueid: the member being rung, and whether the call was abandoned.
    gebeld: HashMap<String, String>,
    wachtend: HashMap<String, ()>,
    /// The agent-side channel of this desk's call (for Hangup).
    pub kanaal: Option<String>,
    /// While `QueueStatus` rebuilds the state: the callers it lists.
    herbouw: Option<Vec<String>>,
}

impl Vertaler {
    pub fn new(interface: &str) -> Vertaler {
        Vertaler {
            interface: interface.to_string(),
            gebeld: HashMap::new(),
            wachtend: HashMap::new(),
            kanaal: None,
            herbouw: None,
        }
    }

    fn is_ik(&self, b: &Bericht) -> bool {
        b.get("Interface")
            .or_else(|| b.get("MemberName"))
            .is_some_and(|i| i.eq_ignore_ascii_case(&self.interface))
    }

    /// Forget everything (after a reconnect, before `QueueStatus`).
    pub fn reset(&mut self) {
        self.gebeld.clear();
        self.wachtend.clear();
        self.kanaal = None;
        self.herbouw = Some(Vec::new());
    }

    pub fn vertaal(&mut self, b: &Bericht, nu: DateTime<Utc>) -> Vec<TelEvent> {
        let Some(ev) = b.event() else {
            return Vec::new();
        };
        let id = b.get("Uniqueid").or_else(|| b.get("Linkedid"));
        let ev = ev.to_ascii_lowercase();
        let mut uit = Vec::new();
        match (ev.as_str(), id) {
            ("queuecallerjoin" | "queueentry", Some(id)) => {
                // QueueEntry (from QueueStatus) says how long the caller has waited already.
                let wacht = b
                    .get("Wait")
                    .and_then(|w| w.trim().parse::<i64>().ok())
                    .unwrap_or(0);
                self.wachtend.insert(id.to_string(), ());
                if let Some(h) = self.herbouw.as_mut() {
                    h.push(id.to_string());
                }
                uit.push(TelEvent::Binnen {
                    id: id.to_string(),
                    linkedid: b.get("Linkedid").map(String::from),
                    nummer: b.get("CallerIDNum").unwrap_or("onbekend").to_string(),
                    keuze: b.get("Queue").unwrap_or("-").to_string(),
                    terugval: b.get("ChanVariable(LOKET_TERUGVAL)") == Some("1"),
                    sinds: nu - chrono::Duration::seconds(wacht),
                });
            }
            ("queuecallerabandon", Some(id)) if self.wachtend.remove(id).is_some() => {
                self.gebeld.remove(id);
                uit.push(TelEvent::Weg {
                    id: id.to_string(),
                    aangenomen_door: None,
                    op: nu,
                });
            }
            // After an abandon the caller is gone already; otherwise it was answered, by the
            // member that was rung.
            ("queuecallerleave", Some(id)) if self.wachtend.remove(id).is_some() => {
                let door = self.gebeld.get(id).cloned();
                let ik = door
                    .as_deref()
                    .is_some_and(|d| d.eq_ignore_ascii_case(&self.interface));
                uit.push(TelEvent::Weg {
                    id: id.to_string(),
                    aangenomen_door: Some(if ik { None } else { door }),
                    op: nu,
                });
            }
            ("agentcalled", Some(id)) => {
                let member = b
                    .get("Interface")
                    .or_else(|| b.get("MemberName"))
                    .unwrap_or("?")
                    .to_string();
                self.gebeld.insert(id.to_string(), member);
                if self.is_ik(b) {
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
                self.kanaal = b
                    .get("DestChannel")
                    .or_else(|| b.get("Channel"))
                    .map(String::from);
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
            // Colleagues' state, for the floor: paused, or the device state Asterisk reports
            // (1 not in use, 2 in use, 3 busy, 6 ringing, 7 ringing and in use; 4, 5 unavailable).
            ("queuememberstatus" | "queuememberpause" | "queuemember", _) if !self.is_ik(b) => {
                let naam = b.get("MemberName").or_else(|| b.get("Interface"));
                let gepauzeerd = b.get("Paused").is_some_and(|p| p.trim() == "1");
                let status = match b.get("Status").map(str::trim) {
                    _ if gepauzeerd => Some(AgentStatus::Pauze),
                    Some("1") => Some(AgentStatus::Beschikbaar),
                    Some("2" | "3" | "6" | "7") => Some(AgentStatus::InGesprek),
                    Some("4" | "5") => Some(AgentStatus::Afgemeld),
                    _ => None,
                };
                if let (Some(naam), Some(status)) = (naam, status) {
                    uit.push(TelEvent::Collega {
                        naam: naam.to_string(),
                        status,
                        op: nu,
                    });
                }
            }
            // The end of QueueStatus: who waits now, so calls that left meanwhile are closed.
            ("queuestatuscomplete", _) => {
                if let Some(wachtend) = self.herbouw.take() {
                    uit.push(TelEvent::Herbouwd { wachtend, op: nu });
                }
            }
            // Unknown events, and this desk's own member state (which it sends itself).
            _ => {}
        }
        uit
    }
}

/// The secret: from the file, else from the environment variable.
fn secret(cfg: &AmiConfig) -> Result<String, String> {
    if let Some(p) = &cfg.secret_bestand {
        return std::fs::read_to_string(p)
            .map(|s| s.trim().to_string())
            .map_err(|e| format!("kan {} niet lezen: {e}", p.display()));
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
        return Err(Einde::Geweigerd("tls zonder ca_bestand".into()));
    };
    let config = crate::tls::client_config(Some(ca)).map_err(Einde::Geweigerd)?;
    let naam = ServerName::try_from(cfg.host.clone())
        .map_err(|e| Einde::Geweigerd(format!("{}: {e}", cfg.host)))?;
    let stream = tokio_rustls::TlsConnector::from(Arc::new(config))
        .connect(naam, tcp)
        .await
        .map_err(|e| Einde::Verbroken(format!("TLS: {e}")))?;
    Ok(Box::new(stream))
}

/// Why a session ended.
#[derive(Debug)]
enum Einde {
    /// The desk is gone.
    Klaar,
    Verbroken(String),
    /// Login refused: retrying with the same secret will not help soon.
    Geweigerd(String),
}

/// Run the adapter as a tokio task.
pub fn start<F>(cfg: AmiConfig, _keuzemenu: Vec<String>, report: F) -> Bron
where
    F: Fn(DateTime<Utc>, Vec<TelEvent>) -> bool + Send + Sync + 'static,
{
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<TelCommand>();
    tokio::spawn(async move {
        let mut wacht = Duration::from_secs(1);
        loop {
            let einde = sessie(&cfg, &mut rx, &report).await;
            let reden = match &einde {
                Einde::Klaar => return,
                Einde::Verbroken(r) => format!("verbinding met {} verbroken: {r}", cfg.host),
                Einde::Geweigerd(r) => {
                    wacht = Duration::from_secs(60);
                    format!("aanmelden bij {} geweigerd: {r}", cfg.host)
                }
            };
            crate::logboek::schrijf(&format!("telefonie: {reden}"));
            if !report(
                Utc::now(),
                vec![TelEvent::Verbinding(false), TelEvent::Storing(reden)],
            ) {
                return;
            }
            tokio::time::sleep(wacht).await;
            wacht = (wacht * 2).min(Duration::from_secs(30));
        }
    });
    tx
}

async fn sessie<F>(
    cfg: &AmiConfig,
    rx: &mut tokio::sync::mpsc::UnboundedReceiver<TelCommand>,
    report: &F,
) -> Einde
where
    F: Fn(DateTime<Utc>, Vec<TelEvent>) -> bool + Sync,
{
    let secret = match secret(cfg) {
        Ok(s) => s,
        Err(e) => return Einde::Geweigerd(e),
    };
    let tcp = match tokio::time::timeout(
        Duration::from_secs(5),
        TcpStream::connect((cfg.host.as_str(), cfg.poort)),
    )
    .await
    {
        Ok(Ok(s)) => s,
        Ok(Err(e)) => return Einde::Verbroken(e.to_string()),
        Err(_) => return Einde::Verbroken("timeout".into()),
    };
    let mut stream: Box<dyn Stroom> = if cfg.tls {
        match tls(cfg, tcp).await {
            Ok(s) => s,
            Err(e) => return e,
        }
    } else {
        Box::new(tcp)
    };
    let mut parser = Parser::new();
    let mut vertaler = Vertaler::new(&cfg.interface);
    let login = actie(&[
        ("Action", "Login"),
        ("ActionID", "login"),
        ("Username", &cfg.gebruiker),
        ("Secret", &secret),
        ("Events", "on"),
    ]);
    if let Err(e) = stream.write_all(login.as_bytes()).await {
        return Einde::Verbroken(e.to_string());
    }
    let mut ingelogd = false;
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        tokio::select! {
            n = stream.read(&mut buf) => {
                let n = match n {
                    Ok(0) => return Einde::Verbroken("verbinding gesloten".into()),
                    Ok(n) => n,
                    Err(e) => return Einde::Verbroken(e.to_string()),
                };
                let nu = Utc::now();
                let mut events = Vec::new();
                for g in parser.voed(&buf[..n]) {
                    let b = match g {
                        Gelezen::Bericht(b) => b,
                        Gelezen::Onleesbaar(velden) => {
                            crate::logboek::schrijf(&format!(
                                "AMI {}: onleesbaar blok overgeslagen ({velden} velden ervoor)",
                                cfg.host
                            ));
                            continue;
                        }
                        Gelezen::Banner(_) => continue,
                    };
                    if !ingelogd && b.get("ActionID") == Some("login") {
                        if b.get("Response").is_some_and(|r| r.eq_ignore_ascii_case("success")) {
                            ingelogd = true;
                            vertaler.reset();
                            events.push(TelEvent::Verbinding(true));
                            let q = actie(&[("Action", "QueueStatus"), ("ActionID", "status")]);
                            if let Err(e) = stream.write_all(q.as_bytes()).await {
                                return Einde::Verbroken(e.to_string());
                            }
                        } else {
                            return Einde::Geweigerd(
                                b.get("Message").unwrap_or("login geweigerd").to_string(),
                            );
                        }
                        continue;
                    }
                    events.extend(vertaler.vertaal(&b, nu));
                }
                if !events.is_empty() && !report(nu, events) {
                    return Einde::Klaar;
                }
            }
            cmd = rx.recv() => {
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
                    return Einde::Verbroken(e.to_string());
                }
            }
        }
    }
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
        let mut v = Vertaler::new("PJSIP/2001");
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
        let mut v = Vertaler::new("PJSIP/2001");
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
        let mut v = Vertaler::new("PJSIP/2001");
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
        let mut v = Vertaler::new("PJSIP/2001");
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
            let _ = Vertaler::new("PJSIP/2001").vertaal(&b, Utc::now());
        }
    }
}
