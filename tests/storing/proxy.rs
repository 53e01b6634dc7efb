//! A small TCP fault proxy in front of PostgreSQL, one per desk: it listens on 127.0.0.1:0,
//! forwards to the server, and is switched at run time (all its connections at once):
//!
//! - `doorlaten`: forward both ways;
//! - `weigeren`: cut every connection and close new ones at once (the desk is offline);
//! - `afsnijden`: close the connections open now (new ones go as the mode says);
//! - `bevriezen`: forward nothing, either way, and keep the sockets open (a half-open link);
//! - `vertragen(ms)`: forward every chunk after `ms`;
//! - `client_vasthouden_vanaf(p)`: the client's bytes from the chunk holding one of the byte
//!   patterns `p` on are held (not forwarded); the server's still pass (the desk waits on it);
//! - `antwoord_vasthouden_na(p)`: forward the client's bytes; after a client chunk holding one
//!   of `p` has gone through, the server's bytes are held (the server did it, the desk never
//!   hears);
//! - `antwoord_na_commit_weggooien()`: the same after the client sent a COMMIT (the patterns in
//!   [`COMMIT`]), but the server's bytes are dropped and the connection is then cut;
//! - `bevriezen_na(p)`: forward until a client chunk holding one of `p` has gone through, then
//!   freeze that connection both ways (frozen mid-transaction, its locks held on the server).
//!
//! `zet_verbinding(nr, …)` switches one connection alone. Whether a pattern has been seen is
//! `getriggerd()`, to wait on (no sleeps in the cases).
//! The proxy runs on its own thread and runtime, so a case can block on a desk while it works.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

/// What the desk sends to commit its upload. Today the upload is a transaction that ends with
/// `COMMIT`; when the apply step becomes one server-side function call in autocommit, add its
/// name here (the answer to that call is then the answer after the commit).
pub const COMMIT: &[&[u8]] = &[b"COMMIT", b"loket_lever_in("];

/// How many bytes of earlier chunks are kept to find a pattern split over two chunks.
const STAART: usize = 64;

#[derive(Debug, Clone, PartialEq)]
pub enum Stand {
    Doorlaten,
    Weigeren,
    Bevriezen,
    Vertragen(u64),
    ClientVasthoudenVanaf(Vec<Vec<u8>>),
    AntwoordVasthoudenNa(Vec<Vec<u8>>),
    AntwoordWeggooienNa(Vec<Vec<u8>>),
    BevriezenNa(Vec<Vec<u8>>),
}

struct Gedeeld {
    stand: Mutex<Stand>,
    /// A mode for one connection (by its number, from 0 in accept order) over the proxy's.
    per_verbinding: Mutex<std::collections::BTreeMap<u64, Stand>>,
    /// Bumped on every switch: a held chunk looks again.
    versie: watch::Sender<u64>,
    /// Bumped by `afsnijden`: open connections end.
    snit: watch::Sender<u64>,
    getriggerd: AtomicBool,
    open: AtomicUsize,
    totaal: AtomicU64,
}

pub struct Proxy {
    pub adres: SocketAddr,
    gedeeld: Arc<Gedeeld>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    draad: Option<std::thread::JoinHandle<()>>,
}

impl Proxy {
    /// A proxy forwarding to `doel` (127.0.0.1:port), in mode `doorlaten`.
    pub fn start(doel: u16) -> Proxy {
        let gedeeld = Arc::new(Gedeeld {
            stand: Mutex::new(Stand::Doorlaten),
            per_verbinding: Mutex::new(Default::default()),
            versie: watch::channel(0).0,
            snit: watch::channel(0).0,
            getriggerd: AtomicBool::new(false),
            open: AtomicUsize::new(0),
            totaal: AtomicU64::new(0),
        });
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let adres = listener.local_addr().unwrap();
        let (stop, mut gestopt) = tokio::sync::oneshot::channel::<()>();
        let g = gedeeld.clone();
        let draad = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = TcpListener::from_std(listener).unwrap();
                loop {
                    tokio::select! {
                        _ = &mut gestopt => break,
                        a = listener.accept() => {
                            let Ok((client, _)) = a else { continue };
                            if *g.stand.lock().unwrap() == Stand::Weigeren {
                                drop(client);
                                continue;
                            }
                            let nr = g.totaal.fetch_add(1, Ordering::SeqCst);
                            tokio::spawn(verbinding(g.clone(), client, doel, nr));
                        }
                    }
                }
            });
        });
        Proxy {
            adres,
            gedeeld,
            stop: Some(stop),
            draad: Some(draad),
        }
    }

    pub fn poort(&self) -> u16 {
        self.adres.port()
    }

    /// The url of database `db` through this proxy.
    pub fn url(&self, db: &str) -> String {
        format!("postgres://loket@127.0.0.1:{}/{db}", self.poort())
    }

    fn zet(&self, stand: Stand) {
        *self.gedeeld.stand.lock().unwrap() = stand;
        self.gedeeld.getriggerd.store(false, Ordering::SeqCst);
        self.gedeeld.versie.send_modify(|v| *v += 1);
    }

    pub fn doorlaten(&self) {
        self.zet(Stand::Doorlaten);
    }

    pub fn weigeren(&self) {
        self.zet(Stand::Weigeren);
        self.afsnijden();
    }

    pub fn afsnijden(&self) {
        self.gedeeld.snit.send_modify(|v| *v += 1);
    }

    pub fn bevriezen(&self) {
        self.zet(Stand::Bevriezen);
    }

    pub fn vertragen(&self, ms: u64) {
        self.zet(Stand::Vertragen(ms));
    }

    pub fn client_vasthouden_vanaf(&self, p: Vec<Vec<u8>>) {
        self.zet(Stand::ClientVasthoudenVanaf(p));
    }

    pub fn antwoord_vasthouden_na(&self, p: Vec<Vec<u8>>) {
        self.zet(Stand::AntwoordVasthoudenNa(p));
    }

    pub fn antwoord_na_commit_weggooien(&self) {
        self.zet(Stand::AntwoordWeggooienNa(
            COMMIT.iter().map(|p| p.to_vec()).collect(),
        ));
    }

    pub fn bevriezen_na(&self, p: Vec<Vec<u8>>) {
        self.zet(Stand::BevriezenNa(p));
    }

    /// Switch connection `nr` (numbered from 0 in the order they came) alone; `None` gives it
    /// the proxy's mode again.
    pub fn zet_verbinding(&self, nr: u64, stand: Option<Stand>) {
        {
            let mut m = self.gedeeld.per_verbinding.lock().unwrap();
            match stand {
                Some(s) => m.insert(nr, s),
                None => m.remove(&nr),
            };
        }
        self.gedeeld.versie.send_modify(|v| *v += 1);
    }

    /// How many connections came in so far (the next one gets this number).
    pub fn verbindingen(&self) -> u64 {
        self.gedeeld.totaal.load(Ordering::SeqCst)
    }

    /// Whether a pattern of the current mode went by (since the mode was set).
    pub fn getriggerd(&self) -> bool {
        self.gedeeld.getriggerd.load(Ordering::SeqCst)
    }

    /// Connections open now.
    pub fn open(&self) -> usize {
        self.gedeeld.open.load(Ordering::SeqCst)
    }

    /// Wait until a pattern went by; panics after `max` with `wat` in the message.
    pub fn wacht_op_trigger(&self, max: Duration, wat: &str) {
        let tot = Instant::now() + max;
        while !self.getriggerd() {
            assert!(
                Instant::now() < tot,
                "de proxy zag binnen {max:?} niet: {wat}"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        self.afsnijden();
        // Open connections end with the runtime.
        if let Some(d) = self.draad.take() {
            let _ = d.join();
        }
    }
}

/// Patterns for a UUID as it may travel: 16 bytes (binary parameters) or its text forms.
pub fn uuid_patronen(id: uuid::Uuid) -> Vec<Vec<u8>> {
    vec![
        id.as_bytes().to_vec(),
        id.hyphenated().to_string().into_bytes(),
        id.simple().to_string().into_bytes(),
    ]
}

pub fn commit_patronen() -> Vec<Vec<u8>> {
    COMMIT.iter().map(|p| p.to_vec()).collect()
}

fn bevat(staart: &[u8], chunk: &[u8], patronen: &[Vec<u8>]) -> bool {
    let mut hooi = Vec::with_capacity(staart.len() + chunk.len());
    hooi.extend_from_slice(staart);
    hooi.extend_from_slice(chunk);
    patronen
        .iter()
        .any(|p| !p.is_empty() && hooi.windows(p.len()).any(|w| w == p.as_slice()))
}

async fn verbinding(g: Arc<Gedeeld>, client: TcpStream, doel: u16, nr: u64) {
    let Ok(server) = TcpStream::connect(("127.0.0.1", doel)).await else {
        return;
    };
    let _ = client.set_nodelay(true);
    let _ = server.set_nodelay(true);
    g.open.fetch_add(1, Ordering::SeqCst);
    let (cr, cw) = client.into_split();
    let (sr, sw) = server.into_split();
    // This connection's own trigger: its pattern went by.
    let eigen = Arc::new(AtomicBool::new(false));
    let mut snit = g.snit.subscribe();
    snit.mark_unchanged();
    tokio::select! {
        _ = pomp(g.clone(), eigen.clone(), cr, sw, true, nr) => {}
        _ = pomp(g.clone(), eigen.clone(), sr, cw, false, nr) => {}
        _ = snit.changed() => {}
    }
    g.open.fetch_sub(1, Ordering::SeqCst);
}

/// What to do with a chunk now.
enum Doe {
    Door,
    Wacht,
    Weg,
    Sluit,
}

async fn pomp(
    g: Arc<Gedeeld>,
    eigen: Arc<AtomicBool>,
    mut van: tokio::net::tcp::OwnedReadHalf,
    mut naar: tokio::net::tcp::OwnedWriteHalf,
    van_client: bool,
    nr: u64,
) {
    let mut buf = vec![0u8; 64 * 1024];
    let mut staart: Vec<u8> = Vec::new();
    let mut versie = g.versie.subscribe();
    loop {
        let n = match van.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        let chunk = &buf[..n];
        let mut treft_na = false;
        loop {
            let eigen_stand = g.per_verbinding.lock().unwrap().get(&nr).cloned();
            let stand = eigen_stand.unwrap_or_else(|| g.stand.lock().unwrap().clone());
            let getriggerd = eigen.load(Ordering::SeqCst);
            let (doe, vertraag) = match (&stand, van_client) {
                (Stand::Doorlaten, _) => (Doe::Door, 0),
                (Stand::Weigeren, _) => (Doe::Sluit, 0),
                (Stand::Bevriezen, _) => (Doe::Wacht, 0),
                (Stand::Vertragen(ms), _) => (Doe::Door, *ms),
                (Stand::ClientVasthoudenVanaf(p), true) => {
                    if getriggerd || bevat(&staart, chunk, p) {
                        eigen.store(true, Ordering::SeqCst);
                        g.getriggerd.store(true, Ordering::SeqCst);
                        (Doe::Wacht, 0)
                    } else {
                        (Doe::Door, 0)
                    }
                }
                (Stand::ClientVasthoudenVanaf(_), false) => (Doe::Door, 0),
                (
                    Stand::AntwoordVasthoudenNa(p)
                    | Stand::AntwoordWeggooienNa(p)
                    | Stand::BevriezenNa(p),
                    true,
                ) => {
                    if getriggerd && matches!(stand, Stand::BevriezenNa(_)) {
                        (Doe::Wacht, 0)
                    } else {
                        treft_na = bevat(&staart, chunk, p);
                        (Doe::Door, 0)
                    }
                }
                (Stand::AntwoordVasthoudenNa(_) | Stand::BevriezenNa(_), false) => {
                    if getriggerd {
                        (Doe::Wacht, 0)
                    } else {
                        (Doe::Door, 0)
                    }
                }
                (Stand::AntwoordWeggooienNa(_), false) => {
                    if getriggerd {
                        (Doe::Weg, 0)
                    } else {
                        (Doe::Door, 0)
                    }
                }
            };
            match doe {
                Doe::Door => {
                    if vertraag > 0 {
                        tokio::time::sleep(Duration::from_millis(vertraag)).await;
                    }
                    if naar.write_all(chunk).await.is_err() {
                        return;
                    }
                    if treft_na {
                        eigen.store(true, Ordering::SeqCst);
                        g.getriggerd.store(true, Ordering::SeqCst);
                    }
                    break;
                }
                Doe::Wacht => {
                    if versie.changed().await.is_err() {
                        return;
                    }
                }
                // The server's answer after the commit never reaches the desk; then the line
                // goes dead.
                Doe::Weg => return,
                Doe::Sluit => return,
            }
        }
        staart.extend_from_slice(chunk);
        if staart.len() > STAART {
            staart.drain(..staart.len() - STAART);
        }
    }
}

/// The proxy itself, against a small echo server (no PostgreSQL needed).
#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    /// An echo server on 127.0.0.1: every byte back. Returns its port.
    fn echo() -> u16 {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let poort = l.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for s in l.incoming() {
                let Ok(mut s) = s else { return };
                std::thread::spawn(move || {
                    let mut buf = [0u8; 4096];
                    while let Ok(n) = s.read(&mut buf) {
                        if n == 0 || s.write_all(&buf[..n]).is_err() {
                            return;
                        }
                    }
                });
            }
        });
        poort
    }

    fn verbind(p: &Proxy) -> std::net::TcpStream {
        let s = std::net::TcpStream::connect(p.adres).unwrap();
        s.set_read_timeout(Some(Duration::from_millis(300)))
            .unwrap();
        s
    }

    /// Read exactly `n` bytes, or None when nothing came within the read timeout or it closed.
    fn lees(s: &mut std::net::TcpStream, n: usize) -> Option<Vec<u8>> {
        let mut buf = vec![0u8; n];
        s.read_exact(&mut buf).ok().map(|_| buf)
    }

    #[test]
    fn de_proxy_laat_door_bevriest_vertraagt_houdt_vast_en_snijdt_af() {
        let p = Proxy::start(echo());
        let mut s = verbind(&p);
        s.write_all(b"hallo").unwrap();
        assert_eq!(lees(&mut s, 5).as_deref(), Some(&b"hallo"[..]));
        // Frozen: nothing comes back, the socket stays open; thawed, the held bytes arrive.
        p.bevriezen();
        s.write_all(b"stil").unwrap();
        assert_eq!(lees(&mut s, 4), None);
        assert_eq!(p.open(), 1, "the frozen link stays open");
        p.doorlaten();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        assert_eq!(lees(&mut s, 4).as_deref(), Some(&b"stil"[..]));
        // Delayed: each chunk waits, there and back.
        p.vertragen(150);
        let begin = Instant::now();
        s.write_all(b"traag").unwrap();
        assert_eq!(lees(&mut s, 5).as_deref(), Some(&b"traag"[..]));
        assert!(begin.elapsed() >= Duration::from_millis(300));
        // The client's bytes from a pattern on are held.
        p.client_vasthouden_vanaf(vec![b"COMMIT".to_vec()]);
        s.write_all(b"eerst").unwrap();
        assert_eq!(lees(&mut s, 5).as_deref(), Some(&b"eerst"[..]));
        assert!(!p.getriggerd());
        s.set_read_timeout(Some(Duration::from_millis(300)))
            .unwrap();
        s.write_all(b"COMMIT").unwrap();
        assert_eq!(lees(&mut s, 6), None, "held");
        assert!(p.getriggerd());
        // Refused: the open link is cut and a new one closes at once.
        p.weigeren();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut buf = [0u8; 8];
        assert!(matches!(s.read(&mut buf), Ok(0) | Err(_)), "cut");
        let mut t = verbind(&p);
        t.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let _ = t.write_all(b"x");
        assert!(matches!(t.read(&mut buf), Ok(0) | Err(_)), "refused");
    }

    #[test]
    fn een_verbinding_apart_bevroren_de_andere_gaat_door() {
        let p = Proxy::start(echo());
        let mut eerste = verbind(&p);
        eerste.write_all(b"a").unwrap();
        assert_eq!(lees(&mut eerste, 1).as_deref(), Some(&b"a"[..]));
        let mut tweede = verbind(&p);
        tweede.write_all(b"b").unwrap();
        assert_eq!(lees(&mut tweede, 1).as_deref(), Some(&b"b"[..]));
        assert_eq!(p.verbindingen(), 2);
        p.zet_verbinding(0, Some(Stand::Bevriezen));
        eerste.write_all(b"x").unwrap();
        tweede.write_all(b"y").unwrap();
        assert_eq!(lees(&mut tweede, 1).as_deref(), Some(&b"y"[..]));
        assert_eq!(lees(&mut eerste, 1), None, "only the first is frozen");
        p.zet_verbinding(0, None);
        eerste
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        assert_eq!(lees(&mut eerste, 1).as_deref(), Some(&b"x"[..]));
    }

    #[test]
    fn na_een_commit_komt_het_antwoord_niet_aan_en_gaat_de_verbinding_dicht() {
        let p = Proxy::start(echo());
        let mut s = verbind(&p);
        p.antwoord_na_commit_weggooien();
        s.write_all(b"BEGIN").unwrap();
        assert_eq!(lees(&mut s, 5).as_deref(), Some(&b"BEGIN"[..]));
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        // The pattern split over two chunks is still found.
        s.write_all(b"COM").unwrap();
        assert_eq!(lees(&mut s, 3).as_deref(), Some(&b"COM"[..]));
        s.write_all(b"MIT").unwrap();
        let mut buf = [0u8; 8];
        assert!(
            matches!(s.read(&mut buf), Ok(0) | Err(_)),
            "no answer, then closed"
        );
        assert!(p.getriggerd());
        // Frozen after a pattern: the answer to it is held, both ways stop.
        p.bevriezen_na(vec![b"klaar".to_vec()]);
        let mut t = verbind(&p);
        t.write_all(b"klaar").unwrap();
        assert_eq!(lees(&mut t, 5), None);
        assert!(p.getriggerd());
    }
}
