//! Connecting: the server's schema version is checked, and TLS trusts only the server's CA.

use crate::common::{Desk, client, rt};
use crate::pg::Pg;
use loket::config::SyncConfig;
use loket::sync::{self, server};

#[test]
fn init_is_versioned_and_a_newer_server_is_refused() {
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    rt().block_on(async {
        let mut c = client(&url).await;
        assert!(matches!(
            server::controleer(&c).await,
            Err(server::ServerFout::NietIngericht)
        ));
        assert_eq!(
            server::init(&mut c).await.unwrap(),
            (0, server::SERVER_SCHEMA)
        );
        assert_eq!(
            server::init(&mut c).await.unwrap(),
            (server::SERVER_SCHEMA, server::SERVER_SCHEMA),
            "a second init changes nothing"
        );
        c.execute(
            "UPDATE loket_meta SET value = '99' WHERE key = 'schema_version'",
            &[],
        )
        .await
        .unwrap();
        let fout = server::controleer(&c).await.unwrap_err().to_string();
        assert!(fout.contains("schemaversie 99"), "{fout}");
        assert!(server::init(&mut c).await.is_err());
    });
}

#[test]
fn tls_with_the_servers_ca_connects_encrypted_and_another_ca_is_refused() {
    let Some(pg) = Pg::start_tls() else { return };
    let url = pg.database("loket");
    let met = |ca: &str| SyncConfig {
        url: url.clone(),
        password_file: None,
        sslmode: Some("require".into()),
        ca_file: Some(pg.dir().join(ca)),
    };
    rt().block_on(async {
        let (mut c, _) = sync::verbinding::verbind(&met("ca.crt")).await.unwrap();
        server::init(&mut c).await.unwrap();
        let versleuteld: bool = c
            .query_one(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                &[],
            )
            .await
            .unwrap()
            .get(0);
        assert!(versleuteld);
        let fout = sync::verbinding::verbind(&met("ander-ca.crt"))
            .await
            .expect_err("a server certificate from another CA is refused");
        assert!(
            format!("{fout:#}").to_lowercase().contains("certificate"),
            "{fout:#}"
        );
        // A desk syncs over TLS.
        let a = Desk::new(pg.dir(), "a");
        a.gast("Kim Peters");
        let (mut c, _) = sync::verbinding::verbind(&met("ca.crt")).await.unwrap();
        let r = sync::ronde(&mut c, &a.db, a.id, None).await.unwrap();
        assert_eq!(r.verstuurd, 1);
    });
}
