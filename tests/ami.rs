//! The Asterisk adapter against a scripted AMI peer on 127.0.0.1 that speaks as Asterisk does:
//! banner line, `\r\n` line ends, blocks split across TCP writes, a `QueueStatus` list with
//! `EventList: start` and `...Complete`, refused logins and a connection dropped mid-event.
//! The scripts of `tests/data/ami/` play a day in the styles of Asterisk 13 to 20; a peer
//! that is silent, garbles or drips one byte at a time must hit the login deadline; a drop
//! in the middle of a call is rebuilt from `QueueStatus`. Waits are short (`Tijden`), and
//! every test waits on what it expects, not on the clock.

use std::time::Duration;

use chrono::{DateTime, Utc};
use loket::config::AmiConfig;
use loket::domain::telefonie::AgentStatus;
use loket::telefonie::{TelCommand, TelEvent, ami};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

/// Short waits, so a test of a deadline or a backoff takes milliseconds.
fn tijden() -> ami::Tijden {
    ami::Tijden {
        verbinden: Duration::from_secs(2),
        aanmelden: Duration::from_millis(300),
        eerste_wacht: Duration::from_millis(50),
        max_wacht: Duration::from_millis(200),
        na_weigering: Duration::from_millis(400),
    }
}

/// The secret file as an administrator makes it: mode 0600.
fn secret_bestand(dir: &std::path::Path, tekst: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let pad = dir.join("ami.secret");
    std::fs::write(&pad, tekst).unwrap();
    std::fs::set_permissions(&pad, std::fs::Permissions::from_mode(0o600)).unwrap();
    pad
}

fn config(poort: u16, secret: &std::path::Path) -> AmiConfig {
    AmiConfig {
        host: "127.0.0.1".into(),
        poort,
        gebruiker: "loket".into(),
        secret_bestand: Some(secret.to_path_buf()),
        secret_env: None,
        wachtrij: "kcc".into(),
        interface: "PJSIP/2001".into(),
        tls: false,
        ca_bestand: None,
    }
}

/// Read one action (up to the empty line).
async fn lees_actie<S: AsyncRead + Unpin>(s: &mut S) -> String {
    let mut uit = Vec::new();
    let mut b = [0u8; 1];
    while !uit.ends_with(b"\r\n\r\n") {
        if s.read(&mut b).await.unwrap() == 0 {
            break;
        }
        uit.push(b[0]);
    }
    String::from_utf8(uit).unwrap()
}

/// Write `tekst` in small pieces, so blocks arrive split across reads.
async fn schrijf_in_stukjes<S: AsyncWrite + Unpin>(s: &mut S, tekst: &str) {
    for stuk in tekst.as_bytes().chunks(7) {
        s.write_all(stuk).await.unwrap();
        s.flush().await.unwrap();
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
}

async fn login_en_status<S: AsyncRead + AsyncWrite + Unpin>(s: &mut S) {
    s.write_all(b"Asterisk Call Manager/9.0.0\r\n")
        .await
        .unwrap();
    let login = lees_actie(s).await;
    assert!(login.contains("Action: Login\r\n"), "{login}");
    assert!(login.contains("Username: loket\r\n") && login.contains("Secret: geheim\r\n"));
    schrijf_in_stukjes(
        s,
        "Response: Success\r\nActionID: login\r\nMessage: Authentication accepted\r\n\r\n",
    )
    .await;
    let status = lees_actie(s).await;
    assert!(status.contains("Action: QueueStatus"), "{status}");
    schrijf_in_stukjes(
        s,
        "Response: Success\r\nActionID: status\r\nEventList: start\r\nMessage: Queue status will follow\r\n\r\n\
         Event: QueueParams\r\nQueue: kcc\r\nMax: 0\r\nCalls: 1\r\n\r\n\
         Event: QueueEntry\r\nQueue: kcc\r\nPosition: 1\r\nUniqueid: 1700000000.7\r\nCallerIDNum: 0611111111\r\nWait: 42\r\n\r\n\
         Event: QueueStatusComplete\r\nActionID: status\r\nEventList: Complete\r\nListItems: 2\r\n\r\n",
    )
    .await;
}

type Ontvangen = mpsc::UnboundedReceiver<(DateTime<Utc>, Vec<TelEvent>)>;

async fn volgende(rx: &mut Ontvangen, pred: impl Fn(&TelEvent) -> bool) -> TelEvent {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let (_, evs) = tokio::time::timeout_at(deadline, rx.recv())
            .await
            .expect("timed out waiting for an event")
            .expect("adapter gone");
        if let Some(e) = evs.into_iter().find(&pred) {
            return e;
        }
    }
}

#[tokio::test]
async fn state_is_rebuilt_events_are_followed_pause_is_sent_and_a_dropped_connection_reconnects() {
    let dir = tempfile::tempdir().unwrap();
    let secret = secret_bestand(dir.path(), "geheim\n");
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let poort = listener.local_addr().unwrap().port();
    let (tx, mut rx) = mpsc::unbounded_channel();
    let bron = ami::start_met(config(poort, &secret), tijden(), move |nu, evs| {
        tx.send((nu, evs)).is_ok()
    });

    let (mut s, _) = listener.accept().await.unwrap();
    login_en_status(&mut s).await;
    volgende(&mut rx, |e| *e == TelEvent::Verbinding(true)).await;
    let TelEvent::Binnen {
        id, nummer, sinds, ..
    } = volgende(&mut rx, |e| matches!(e, TelEvent::Binnen { .. })).await
    else {
        unreachable!()
    };
    assert_eq!(
        (id.as_str(), nummer.as_str()),
        ("1700000000.7", "0611111111")
    );
    assert!((Utc::now() - sinds).num_seconds() >= 41, "Wait: 42 is kept");

    // A caller joins and is offered to this desk's phone; it answers on the phone.
    schrijf_in_stukjes(
        &mut s,
        "Event: QueueCallerJoin\r\nQueue: kcc\r\nUniqueid: 1700000000.8\r\nLinkedid: 1700000000.5\r\nCallerIDNum: 0622222222\r\nChanVariable(LOKET_TERUGVAL): 1\r\n\r\n\
         Event: AgentCalled\r\nInterface: PJSIP/2001\r\nUniqueid: 1700000000.8\r\n\r\n\
         Event: AgentRingNoAnswer\r\nInterface: PJSIP/2001\r\nUniqueid: 1700000000.8\r\nRingTime: 15000\r\n\r\n\
         Event: AgentCalled\r\nInterface: PJSIP/2001\r\nUniqueid: 1700000000.8\r\n\r\n\
         Event: QueueCallerLeave\r\nUniqueid: 1700000000.8\r\n\r\n\
         Event: AgentConnect\r\nInterface: PJSIP/2001\r\nUniqueid: 1700000000.8\r\nDestChannel: PJSIP/2001-00000002\r\nHoldTime: 9\r\n\r\n\
         Event: SomethingNew\r\nFoo: bar\r\n\r\n",
    )
    .await;
    let b = volgende(
        &mut rx,
        |e| matches!(e, TelEvent::Binnen { id, .. } if id == "1700000000.8"),
    )
    .await;
    assert!(
        matches!(b, TelEvent::Binnen { terugval: true, .. }),
        "{b:?}"
    );
    assert!(
        matches!(&b, TelEvent::Binnen { linkedid: Some(l), .. } if l == "1700000000.5"),
        "the PBX's Linkedid is kept beside its Uniqueid: {b:?}"
    );
    volgende(&mut rx, |e| matches!(e, TelEvent::AanbodVervallen { .. })).await;
    volgende(&mut rx, |e| {
        matches!(
            e,
            TelEvent::Weg {
                aangenomen_door: Some(None),
                ..
            }
        )
    })
    .await;
    volgende(&mut rx, |e| matches!(e, TelEvent::Verbonden { .. })).await;

    // Hanging up at the desk hangs up the agent's channel; pause is a QueuePause.
    bron.send(TelCommand::Ophangen("1700000000.8".into()))
        .unwrap();
    let a = lees_actie(&mut s).await;
    assert!(
        a.contains("Action: Hangup\r\nChannel: PJSIP/2001-00000002\r\n"),
        "{a}"
    );
    bron.send(TelCommand::Status(AgentStatus::Pauze, Some("lunch".into())))
        .unwrap();
    let a = lees_actie(&mut s).await;
    assert!(
        a.contains("Action: QueuePause\r\nInterface: PJSIP/2001\r\nQueue: kcc\r\nPaused: true\r\nReason: lunch\r\n"),
        "{a}"
    );
    schrijf_in_stukjes(
        &mut s,
        "Event: AgentComplete\r\nInterface: PJSIP/2001\r\nUniqueid: 1700000000.8\r\nTalkTime: 95\r\nReason: agent\r\n\r\n",
    )
    .await;
    volgende(&mut rx, |e| matches!(e, TelEvent::Beeindigd { .. })).await;

    // The connection drops in the middle of an event: the desk hears it, the adapter comes back.
    s.write_all(b"Event: QueueCallerJoin\r\nQueue: Burg")
        .await
        .unwrap();
    drop(s);
    assert_eq!(
        volgende(&mut rx, |e| matches!(e, TelEvent::Verbinding(_))).await,
        TelEvent::Verbinding(false)
    );
    let (mut s, _) = tokio::time::timeout(Duration::from_secs(10), listener.accept())
        .await
        .expect("reconnects")
        .unwrap();
    login_en_status(&mut s).await;
    volgende(&mut rx, |e| *e == TelEvent::Verbinding(true)).await;
    volgende(
        &mut rx,
        |e| matches!(e, TelEvent::Binnen { id, .. } if id == "1700000000.7"),
    )
    .await;
}

#[tokio::test]
async fn a_refused_login_says_not_connected() {
    let dir = tempfile::tempdir().unwrap();
    let secret = secret_bestand(dir.path(), "fout");
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let poort = listener.local_addr().unwrap().port();
    let (tx, mut rx) = mpsc::unbounded_channel();
    let _bron = ami::start_met(config(poort, &secret), tijden(), move |nu, evs| {
        tx.send((nu, evs)).is_ok()
    });
    let (mut s, _) = listener.accept().await.unwrap();
    s.write_all(b"Asterisk Call Manager/9.0.0\r\n")
        .await
        .unwrap();
    let login = lees_actie(&mut s).await;
    assert!(login.contains("Secret: fout"));
    s.write_all(b"Response: Error\r\nActionID: login\r\nMessage: Authentication failed\r\n\r\n")
        .await
        .unwrap();
    let TelEvent::Storing { reden, .. } =
        volgende(&mut rx, |e| matches!(e, TelEvent::Storing { .. })).await
    else {
        unreachable!()
    };
    assert_eq!(
        reden, "aanmelden geweigerd",
        "Dutch; the PBX's words go to the log"
    );
}

fn tls_acceptor() -> tokio_rustls::TlsAcceptor {
    use rustls_pki_types::pem::PemObject;
    use rustls_pki_types::{CertificateDer, PrivateKeyDer};
    use tokio_rustls::rustls;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ami-tls");
    let certs: Vec<CertificateDer> = CertificateDer::pem_file_iter(dir.join("server.pem"))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let key = PrivateKeyDer::from_pem_file(dir.join("server.key")).unwrap();
    let cfg = rustls::ServerConfig::builder_with_provider(std::sync::Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(certs, key)
    .unwrap();
    tokio_rustls::TlsAcceptor::from(std::sync::Arc::new(cfg))
}

#[tokio::test]
async fn tls_to_the_manager_port_is_checked_against_the_ca_file() {
    let dir = tempfile::tempdir().unwrap();
    let secret = secret_bestand(dir.path(), "geheim");
    let ca = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ami-tls/ca.pem");
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let poort = listener.local_addr().unwrap().port();
    let acceptor = tls_acceptor();

    // Trusted: the session runs over TLS.
    let mut cfg = config(poort, &secret);
    cfg.tls = true;
    cfg.ca_bestand = Some(ca.clone());
    let (tx, mut rx) = mpsc::unbounded_channel();
    let _bron = ami::start(cfg, Vec::new(), move |nu, evs| tx.send((nu, evs)).is_ok());
    let (tcp, _) = listener.accept().await.unwrap();
    let mut s = acceptor.accept(tcp).await.unwrap();
    login_en_status(&mut s).await;
    volgende(&mut rx, |e| *e == TelEvent::Verbinding(true)).await;
    volgende(&mut rx, |e| matches!(e, TelEvent::Binnen { .. })).await;

    // A server the CA did not sign (its own certificate as the only trusted one): refused.
    let mut cfg = config(poort, &secret);
    cfg.tls = true;
    let eigen = dir.path().join("ander.pem");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ami-tls/server.pem"),
        &eigen,
    )
    .unwrap();
    cfg.ca_bestand = Some(eigen);
    let (tx, mut rx) = mpsc::unbounded_channel();
    let _bron = ami::start(cfg, Vec::new(), move |nu, evs| tx.send((nu, evs)).is_ok());
    let (tcp, _) = listener.accept().await.unwrap();
    let _ = acceptor.accept(tcp).await;
    let TelEvent::Storing { reden, .. } =
        volgende(&mut rx, |e| matches!(e, TelEvent::Storing { .. })).await
    else {
        unreachable!()
    };
    assert!(reden.contains("TLS"), "{reden}");
    assert!(!reden.contains("geheim"), "the secret never shows");
}

// ---------------------------------------------------------------------------------------
// The scripted peer: the scripts of tests/data/ami/ played as the PBX.

/// The parts of a script (`### banner`, `### login`, `### status`, `### events`).
fn script(naam: &str) -> Vec<(String, String)> {
    let pad = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/ami")
        .join(naam);
    ami::script(&std::fs::read_to_string(&pad).unwrap())
}

fn deel<'a>(delen: &'a [(String, String)], naam: &str) -> &'a str {
    &delen.iter().find(|(n, _)| n == naam).unwrap().1
}

/// Play the PBX's side of a session: banner, the answer to Login, the answer to
/// QueueStatus (which must ask for this desk's queue), then `events`.
async fn speel<S: AsyncRead + AsyncWrite + Unpin>(
    s: &mut S,
    delen: &[(String, String)],
    status: &str,
    events: &str,
) {
    schrijf_in_stukjes(s, deel(delen, "banner")).await;
    let login = lees_actie(s).await;
    assert!(login.contains("Action: Login\r\n"), "{login}");
    schrijf_in_stukjes(s, deel(delen, "login")).await;
    let q = lees_actie(s).await;
    assert!(
        q.contains("Action: QueueStatus\r\n") && q.contains("Queue: kcc\r\n"),
        "{q}"
    );
    schrijf_snel_in_stukjes(s, status).await;
    schrijf_snel_in_stukjes(s, events).await;
}

/// Write a long script in pieces of 53 bytes (blocks still arrive split), without pausing.
async fn schrijf_snel_in_stukjes<S: AsyncWrite + Unpin>(s: &mut S, tekst: &str) {
    for stuk in tekst.as_bytes().chunks(53) {
        s.write_all(stuk).await.unwrap();
        s.flush().await.unwrap();
        tokio::task::yield_now().await;
    }
}

struct Adapter {
    listener: TcpListener,
    rx: Ontvangen,
    bron: loket::telefonie::Bron,
    _dir: tempfile::TempDir,
}

async fn adapter() -> Adapter {
    let dir = tempfile::tempdir().unwrap();
    let secret = secret_bestand(dir.path(), "geheim");
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let poort = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::unbounded_channel();
    let bron = ami::start_met(config(poort, &secret), tijden(), move |nu, evs| {
        tx.send((nu, evs)).is_ok()
    });
    Adapter {
        listener,
        rx,
        bron,
        _dir: dir,
    }
}

/// Everything reported until (and with) the first event that `pred` matches.
async fn tot(
    rx: &mut Ontvangen,
    pred: impl Fn(&TelEvent) -> bool,
) -> Vec<(DateTime<Utc>, TelEvent)> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    let mut alles = Vec::new();
    loop {
        let (nu, evs) = tokio::time::timeout_at(deadline, rx.recv())
            .await
            .unwrap_or_else(|_| panic!("timed out; so far: {alles:?}"))
            .expect("adapter gone");
        for e in evs {
            let klaar = pred(&e);
            alles.push((nu, e));
            if klaar {
                return alles;
            }
        }
    }
}

/// The same day in the styles of Asterisk 13, 16, 18 and 20 and of older managers' quirks
/// (lower-case keys, no EventList, a login answer without ActionID, Response: Follows with
/// look-alike fields in its output, HoldTime for Wait, the old ChanVariable form): the desk is
/// told the same things, and nothing of queue `sales`.
#[tokio::test]
async fn every_asterisk_version_style_tells_the_desk_the_same_day() {
    for naam in [
        "asterisk13.txt",
        "asterisk16.txt",
        "asterisk18.txt",
        "asterisk20.txt",
        "eigenaardigheden.txt",
    ] {
        let delen = script(naam);
        let mut a = adapter().await;
        let (mut s, _) = a.listener.accept().await.unwrap();
        let start = Utc::now();
        speel(
            &mut s,
            &delen,
            deel(&delen, "status"),
            deel(&delen, "events"),
        )
        .await;
        let alles = tot(&mut a.rx, |e| matches!(e, TelEvent::Beeindigd { .. })).await;
        let events: Vec<&TelEvent> = alles.iter().map(|(_, e)| e).collect();
        let binnen: Vec<(&str, &str, &str)> = events
            .iter()
            .filter_map(|e| match e {
                TelEvent::Binnen {
                    id, nummer, keuze, ..
                } => Some((id.as_str(), nummer.as_str(), keuze.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(
            binnen,
            vec![
                ("1700000000.7", "0611111111", "kcc"),
                ("1700000000.8", "0622222222", "Belastingen")
            ],
            "{naam}: only queue kcc, the keuze from the IVR's channel variable"
        );
        let Some(TelEvent::Binnen { sinds, .. }) = events
            .iter()
            .find(|e| matches!(e, TelEvent::Binnen { id, .. } if id == "1700000000.7"))
        else {
            unreachable!()
        };
        let gewacht = (start - *sinds).num_seconds();
        // Wait: 42 counts back from when the adapter read it, a moment after `start`.
        assert!((38..=42).contains(&gewacht), "{naam}: waited {gewacht} s");
        let herbouwd: Vec<&TelEvent> = events
            .iter()
            .copied()
            .filter(|e| matches!(e, TelEvent::Herbouwd { .. }))
            .collect();
        assert!(
            matches!(
                herbouwd.as_slice(),
                [TelEvent::Herbouwd { wachtend, lid: Some(lid), .. }]
                    if wachtend == &vec!["1700000000.7".to_string()]
                        && lid.lid && !lid.gepauzeerd && !lid.in_gesprek
            ),
            "{naam}: {herbouwd:?}"
        );
        assert!(
            events.iter().any(|e| matches!(e, TelEvent::Collega { naam, status: AgentStatus::InGesprek, .. } if naam == "Fatima")),
            "{naam}: {events:?}"
        );
        let volgorde: Vec<&str> = events
            .iter()
            .filter_map(|e| match e {
                TelEvent::Aangeboden { id, .. } if id == "1700000000.8" => Some("aangeboden"),
                TelEvent::Weg {
                    id,
                    aangenomen_door: Some(None),
                    ..
                } if id == "1700000000.8" => Some("aangenomen"),
                TelEvent::Verbonden { id, .. } if id == "1700000000.8" => Some("verbonden"),
                TelEvent::Weg {
                    id,
                    aangenomen_door: None,
                    ..
                } if id == "1700000000.7" => Some("opgehangen"),
                TelEvent::Beeindigd { id, .. } if id == "1700000000.8" => Some("beeindigd"),
                TelEvent::Aangeboden { .. } | TelEvent::Verbonden { .. } | TelEvent::Weg { .. } => {
                    Some("iets anders")
                }
                _ => None,
            })
            .collect();
        assert_eq!(
            volgorde,
            [
                "aangeboden",
                "aangenomen",
                "verbonden",
                "opgehangen",
                "beeindigd"
            ],
            "{naam}"
        );
        drop(a.bron);
    }
}

/// Issue 17: the connection dropped during a call left the desk "in gesprek" for good, F6
/// dead and the call never saved. Now: while the PBX still has the agent in the call, the
/// desk stays in it and F6 hangs up the same channel; when the PBX no longer has it, the call
/// is closed with a record and its reason, and nawerk opens so it is registered.
#[tokio::test]
async fn a_connection_dropped_mid_call_is_rebuilt_and_the_ended_call_closed_with_a_record() {
    use loket::app::telefonie::{TelEffect, Telefonie};
    let delen = script("asterisk20.txt");
    let lid = |in_call: u8| {
        format!(
            "Response: Success\r\nActionID: status\r\nEventList: start\r\n\r\n\
             Event: QueueParams\r\nQueue: kcc\r\nCalls: 0\r\nActionID: status\r\n\r\n\
             Event: QueueMember\r\nQueue: kcc\r\nName: Sietske Postma\r\nLocation: PJSIP/2001\r\nStateInterface: PJSIP/2001\r\nInCall: {in_call}\r\nStatus: {}\r\nPaused: 0\r\nPausedReason: \r\nActionID: status\r\n\r\n\
             Event: QueueStatusComplete\r\nActionID: status\r\nEventList: Complete\r\nListItems: 2\r\n\r\n",
            if in_call == 1 { 2 } else { 1 }
        )
    };
    let gesprek = "Event: QueueCallerJoin\r\nQueue: kcc\r\nChannel: PJSIP/trunk-00000031\r\nCallerIDNum: 0644444444\r\nUniqueid: 1700000000.31\r\nLinkedid: 1700000000.31\r\n\r\n\
        Event: AgentCalled\r\nQueue: kcc\r\nUniqueid: 1700000000.31\r\nInterface: PJSIP/2001\r\nMemberName: Sietske Postma\r\nDestChannel: PJSIP/2001-00000031\r\n\r\n\
        Event: QueueCallerLeave\r\nQueue: kcc\r\nUniqueid: 1700000000.31\r\n\r\n\
        Event: AgentConnect\r\nQueue: kcc\r\nUniqueid: 1700000000.31\r\nInterface: PJSIP/2001\r\nMemberName: Sietske Postma\r\nDestChannel: PJSIP/2001-00000031\r\nHoldTime: 4\r\n\r\n";
    let mut a = adapter().await;
    let desk = uuid::Uuid::from_u128(1);
    let mut tel = Telefonie {
        op_toestel: true,
        actief: true,
        ..Telefonie::default()
    };
    let mut effecten = Vec::new();
    let mut nawerk = None;
    let mut volg = |tel: &mut Telefonie, alles: Vec<(DateTime<Utc>, TelEvent)>| {
        for (nu, e) in alles {
            tel.nu = nu;
            let g = tel.event(e, desk, None, "Sietske Postma");
            effecten.extend(g.effects);
            if g.nawerk.is_some() {
                nawerk = g.nawerk;
            }
        }
        (effecten.clone(), nawerk.clone())
    };

    // In a call; the connection drops.
    let (mut s, _) = a.listener.accept().await.unwrap();
    speel(&mut s, &delen, &lid(0), gesprek).await;
    volg(
        &mut tel,
        tot(&mut a.rx, |e| matches!(e, TelEvent::Verbonden { .. })).await,
    );
    assert_eq!(tel.status, AgentStatus::InGesprek);
    drop(s);
    volg(
        &mut tel,
        tot(&mut a.rx, |e| matches!(e, TelEvent::Storing { .. })).await,
    );
    assert!(!tel.verbonden && tel.gesprek.is_some());

    // Back; the PBX still has the agent in the call: still in gesprek, and F6 hangs up the
    // agent's channel as before the drop.
    let (mut s, _) = a.listener.accept().await.unwrap();
    speel(&mut s, &delen, &lid(1), "").await;
    let (_, nawerk) = volg(
        &mut tel,
        tot(&mut a.rx, |e| matches!(e, TelEvent::Herbouwd { .. })).await,
    );
    assert_eq!(tel.status, AgentStatus::InGesprek);
    assert!(tel.gesprek.is_some() && nawerk.is_none());
    a.bron
        .send(TelCommand::Ophangen("1700000000.31".into()))
        .unwrap();
    let actie = lees_actie(&mut s).await;
    assert!(
        actie.contains("Action: Hangup\r\nChannel: PJSIP/2001-00000031\r\n"),
        "{actie}"
    );

    // Dropped again; meanwhile the call ended. Rebuilt: closed with a record, nawerk opens.
    drop(s);
    volg(
        &mut tel,
        tot(&mut a.rx, |e| matches!(e, TelEvent::Storing { .. })).await,
    );
    let (mut s, _) = a.listener.accept().await.unwrap();
    speel(&mut s, &delen, &lid(0), "").await;
    let (effecten, nawerk) = volg(
        &mut tel,
        tot(&mut a.rx, |e| matches!(e, TelEvent::Herbouwd { .. })).await,
    );
    assert!(tel.gesprek.is_none(), "F6 is not dead: no call is held");
    assert_eq!(tel.status, AgentStatus::Nawerk);
    assert!(nawerk.is_some(), "the wrap-up opens");
    let record = effecten
        .iter()
        .rev()
        .find_map(|e| match e {
            TelEffect::BewaarGesprek(g) if g.extern_id == "1700000000.31" => Some(g.clone()),
            _ => None,
        })
        .expect("the call is saved");
    assert_eq!(
        record.afgebroken_reden.as_deref(),
        Some(loket::telefonie::REDEN_GESPREK_WEG_BIJ_HERVERBINDEN)
    );
    assert!(record.aangenomen_op.is_some() && !record.open());
    assert!(!tel.lopend.contains_key("1700000000.31"));
}

/// What a failure says, and when the next attempt comes, for a peer that behaves badly.
async fn storing_bij<F, Fut>(peer: F) -> (DateTime<Utc>, String, DateTime<Utc>)
where
    F: FnOnce(tokio::net::TcpStream) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let mut a = adapter().await;
    let (s, _) = a.listener.accept().await.unwrap();
    let speler = tokio::spawn(peer(s));
    let alles = tot(&mut a.rx, |e| matches!(e, TelEvent::Storing { .. })).await;
    speler.abort();
    let (nu, TelEvent::Storing { reden, opnieuw_op }) = alles.last().unwrap().clone() else {
        unreachable!()
    };
    (nu, reden, opnieuw_op)
}

/// Issue 17: a silent server, garbage before login or a one-byte-per-second server all showed
/// "Nog geen telefonie gekoppeld." for good. Each now hits the login deadline (300 ms here,
/// 10 s in the desk) and says why, in Dutch.
#[tokio::test]
async fn silence_garbage_and_a_drip_hit_the_login_deadline_with_their_reason() {
    let begin = std::time::Instant::now();
    let (_, reden, _) = storing_bij(|mut s| async move {
        let _ = lees_actie(&mut s).await;
        tokio::time::sleep(Duration::from_secs(30)).await;
    })
    .await;
    assert_eq!(reden, "centrale antwoordt niet");

    let (_, reden, _) = storing_bij(|mut s| async move {
        // Garbage, lines and all, and never a banner or an answer.
        loop {
            if s.write_all(b"\x00\xff\xfeGET / HTTP/1.1\r\nxx\r\n\r\n")
                .await
                .is_err()
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await;
    assert_eq!(reden, "onleesbaar antwoord, geen Asterisk");

    let (_, reden, _) = storing_bij(|mut s| async move {
        // A login answer without Asterisk's banner: not believed.
        s.write_all(b"Response: Success\r\nActionID: login\r\n\r\n")
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_secs(30)).await;
    })
    .await;
    assert_eq!(reden, "onleesbaar antwoord, geen Asterisk");

    let (_, reden, _) = storing_bij(|mut s| async move {
        // A correct banner and login answer, one byte at a time: too slow.
        for b in b"Asterisk Call Manager/9.0.0\r\nResponse: Success\r\nActionID: login\r\n\r\n" {
            if s.write_all(&[*b]).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(40)).await;
        }
        tokio::time::sleep(Duration::from_secs(30)).await;
    })
    .await;
    assert_eq!(reden, "centrale antwoordt te traag");

    let (_, reden, _) = storing_bij(|mut s| async move {
        // The banner, then no answer to Login.
        s.write_all(b"Asterisk Call Manager/9.0.0\r\n")
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_secs(30)).await;
    })
    .await;
    assert_eq!(reden, "geen antwoord op het aanmelden");
    assert!(
        begin.elapsed() < Duration::from_secs(5),
        "{:?}",
        begin.elapsed()
    );
}

/// A PBX that logs in and then talks nonsense (garbage, a block without end, fields without
/// end) never answers QueueStatus: the desk must not show an empty queue for good, but say so
/// and connect again.
#[tokio::test]
async fn nonsense_after_the_login_is_no_queue_status_and_is_said_so() {
    for nonsense in [
        &b"\x00\xff\xfeGET / HTTP/1.1\r\nxx\r\n\r\n"[..],
        &b"Event: QueueEntry\r\nQueue: kcc\r\nUniqueid: 1\r\n"[..],
        &b"K: v\r\n"[..],
    ] {
        let (_, reden, _) = storing_bij(move |mut s| async move {
            s.write_all(
                b"Asterisk Call Manager/9.0.0\r\nResponse: Success\r\nActionID: login\r\n\r\n",
            )
            .await
            .unwrap();
            loop {
                if s.write_all(nonsense).await.is_err() {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        })
        .await;
        assert_eq!(reden, "onleesbaar antwoord, geen wachtrijstatus");
    }
}

/// A login refused with a bare `Response: Error` (no Message, no ActionID, as older managers
/// answer) is a refusal, not garbage; the next attempt waits longer.
#[tokio::test]
async fn a_bare_response_error_is_a_refused_login_and_the_retry_waits_longer() {
    let (nu, reden, opnieuw_op) = storing_bij(|mut s| async move {
        s.write_all(b"Asterisk Call Manager/2.10.3\r\n")
            .await
            .unwrap();
        let _ = lees_actie(&mut s).await;
        s.write_all(b"Response: Error\r\n\r\n").await.unwrap();
        tokio::time::sleep(Duration::from_secs(30)).await;
    })
    .await;
    assert_eq!(reden, "aanmelden geweigerd");
    let wacht = (opnieuw_op - nu).num_milliseconds();
    assert!((350..=450).contains(&wacht), "{wacht} ms");
}

/// Reconnecting backs off (doubling up to its cap), and every failure reports the moment of
/// the next attempt, so the desk's countdown is true.
#[tokio::test]
async fn reconnecting_backs_off_and_reports_the_next_attempt() {
    let mut a = adapter().await;
    let accepteer = tokio::spawn(async move {
        loop {
            let Ok((s, _)) = a.listener.accept().await else {
                return;
            };
            drop(s);
        }
    });
    let mut wachten = Vec::new();
    while wachten.len() < 4 {
        let alles = tot(&mut a.rx, |e| matches!(e, TelEvent::Storing { .. })).await;
        let (nu, TelEvent::Storing { reden, opnieuw_op }) = alles.last().unwrap().clone() else {
            unreachable!()
        };
        assert_eq!(reden, "verbinding verbroken");
        wachten.push((opnieuw_op - nu).num_milliseconds());
    }
    accepteer.abort();
    let verwacht = [50, 100, 200, 200];
    for (w, v) in wachten.iter().zip(verwacht) {
        assert!((v - 5..=v + 20).contains(w), "{wachten:?} vs {verwacht:?}");
    }
}

#[tokio::test]
async fn an_unreachable_pbx_is_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let secret = secret_bestand(dir.path(), "geheim");
    let poort = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let (tx, mut rx) = mpsc::unbounded_channel();
    let _bron = ami::start_met(config(poort, &secret), tijden(), move |nu, evs| {
        tx.send((nu, evs)).is_ok()
    });
    let alles = tot(&mut rx, |e| matches!(e, TelEvent::Storing { .. })).await;
    assert_eq!(
        alles[0].1,
        TelEvent::Verbinding(false),
        "configured: connecting"
    );
    assert!(
        matches!(&alles.last().unwrap().1, TelEvent::Storing { reden, .. } if reden == "centrale niet bereikbaar")
    );
}

/// The AMI secret file must be 0600 like the other secret files; refused with the reason,
/// which never holds the secret, and nothing is sent to the PBX.
#[tokio::test]
async fn a_secret_file_others_can_read_is_refused_without_showing_the_secret() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let secret = secret_bestand(dir.path(), "zeergeheim");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let poort = listener.local_addr().unwrap().port();
    let (tx, mut rx) = mpsc::unbounded_channel();
    let _bron = ami::start_met(config(poort, &secret), tijden(), move |nu, evs| {
        tx.send((nu, evs)).is_ok()
    });
    let alles = tot(&mut rx, |e| matches!(e, TelEvent::Storing { .. })).await;
    let TelEvent::Storing { reden, .. } = &alles.last().unwrap().1 else {
        unreachable!()
    };
    assert!(
        reden.contains("chmod 600") && reden.contains("ami.secret"),
        "{reden}"
    );
    assert!(!reden.contains("zeergeheim"));
    assert!(
        tokio::time::timeout(Duration::from_millis(200), listener.accept())
            .await
            .is_err(),
        "not even a connection is made"
    );
}
