//! The Asterisk adapter against a scripted AMI peer on 127.0.0.1 that speaks as Asterisk does:
//! banner line, `\r\n` line ends, blocks split across TCP writes, a `QueueStatus` list with
//! `EventList: start` and `...Complete`, refused logins and a connection dropped mid-event.

use std::time::Duration;

use chrono::{DateTime, Utc};
use loket::config::AmiConfig;
use loket::domain::telefonie::AgentStatus;
use loket::telefonie::{TelCommand, TelEvent, ami};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

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
         Event: QueueEntry\r\nQueue: Burgerzaken\r\nPosition: 1\r\nUniqueid: 1700000000.7\r\nCallerIDNum: 0611111111\r\nWait: 42\r\n\r\n\
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
    let secret = dir.path().join("ami.secret");
    std::fs::write(&secret, "geheim\n").unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let poort = listener.local_addr().unwrap().port();
    let (tx, mut rx) = mpsc::unbounded_channel();
    let bron = ami::start(config(poort, &secret), Vec::new(), move |nu, evs| {
        tx.send((nu, evs)).is_ok()
    });

    let (mut s, _) = listener.accept().await.unwrap();
    login_en_status(&mut s).await;
    assert_eq!(
        volgende(&mut rx, |e| matches!(e, TelEvent::Verbinding(_))).await,
        TelEvent::Verbinding(true)
    );
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
        "Event: QueueCallerJoin\r\nQueue: Belastingen\r\nUniqueid: 1700000000.8\r\nLinkedid: 1700000000.5\r\nCallerIDNum: 0622222222\r\nChanVariable(LOKET_TERUGVAL): 1\r\n\r\n\
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
    assert_eq!(
        volgende(&mut rx, |e| matches!(e, TelEvent::Verbinding(_))).await,
        TelEvent::Verbinding(true)
    );
    volgende(
        &mut rx,
        |e| matches!(e, TelEvent::Binnen { id, .. } if id == "1700000000.7"),
    )
    .await;
}

#[tokio::test]
async fn a_refused_login_says_not_connected() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("ami.secret");
    std::fs::write(&secret, "fout").unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let poort = listener.local_addr().unwrap().port();
    let (tx, mut rx) = mpsc::unbounded_channel();
    let _bron = ami::start(config(poort, &secret), Vec::new(), move |nu, evs| {
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
    assert_eq!(
        volgende(&mut rx, |e| matches!(e, TelEvent::Verbinding(_))).await,
        TelEvent::Verbinding(false)
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
    let secret = dir.path().join("ami.secret");
    std::fs::write(&secret, "geheim").unwrap();
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
    assert_eq!(
        volgende(&mut rx, |e| matches!(e, TelEvent::Verbinding(_))).await,
        TelEvent::Verbinding(true)
    );
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
    let TelEvent::Storing(reden) = volgende(&mut rx, |e| matches!(e, TelEvent::Storing(_))).await
    else {
        unreachable!()
    };
    assert!(reden.contains("TLS"), "{reden}");
    assert!(!reden.contains("geheim"), "the secret never shows");
}
