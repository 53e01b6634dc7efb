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

#[test]
fn personal_questions_in_the_synced_search_log_are_scrubbed_by_the_upgrade_and_refused_on_arrival()
{
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    let desk = uuid::Uuid::now_v7();
    let zoekactie = |vraag: &str| serde_json::json!({ "id": uuid::Uuid::now_v7(), "vraag": vraag, "resultaten": 0 });
    rt().block_on(async {
        let mut c = client(&url).await;
        server::init(&mut c).await.unwrap();
        // What a server of schema 2 may hold: written by desks before the check knew `_` and
        // full-width digits.
        for (seq, vraag) in [(1i64, "999_990_019"), (2, "paspoort aanvragen"), (3, "１２３４５６７８９")] {
            let id = uuid::Uuid::now_v7();
            let p = zoekactie(vraag);
            c.execute(
                "INSERT INTO loket_record (tabel, record_id, hlc, desk_id, payload)
                 VALUES ('kennisbank_zoekactie', $1, '0', $2, $3)",
                &[&id, &desk, &p],
            )
            .await
            .unwrap();
            c.execute(
                "INSERT INTO loket_change (seq, tabel, record_id, desk_id, hlc, payload)
                 VALUES ($1, 'kennisbank_zoekactie', $2, $3, '0', $4)",
                &[&seq, &id, &desk, &p],
            )
            .await
            .unwrap();
        }
        c.batch_execute(
            "UPDATE loket_teller SET waarde = 3;
             UPDATE loket_meta SET value = '2' WHERE key = 'schema_version'",
        )
        .await
        .unwrap();
        assert_eq!(
            server::init(&mut c).await.unwrap(),
            (2, server::SERVER_SCHEMA)
        );
        let vragen = |tabel: &'static str| {
            let c = &c;
            async move {
                let rijen = c
                    .query(
                        &format!(
                            "SELECT payload->>'vraag' FROM {tabel} WHERE tabel = 'kennisbank_zoekactie' ORDER BY 1"
                        ),
                        &[],
                    )
                    .await
                    .unwrap();
                rijen.iter().map(|r| r.get::<_, Option<String>>(0)).collect::<Vec<_>>()
            }
        };
        let verwacht = vec![Some("paspoort aanvragen".to_string()), None, None];
        assert_eq!(vragen("loket_record").await, verwacht);
        assert_eq!(vragen("loket_change").await, verwacht);
        // A desk of an older version hands one in: the server does not keep the words.
        let record_id = uuid::Uuid::now_v7();
        let op = server::Operatie {
            op_seq: 1,
            op_id: uuid::Uuid::now_v7(),
            hlc: "0000000000001-00000-x".into(),
            tabel: "kennisbank_zoekactie".into(),
            record_id,
            payload: zoekactie("mijn bsn is 9999:01:461"),
            verwacht: None,
            besluit: None,
            basis: None,
            medewerker: None,
        };
        server::lever_in(&mut c, desk, &[op]).await.unwrap();
        for tabel in ["loket_record", "loket_change"] {
            let bewaard: Option<String> = c
                .query_one(
                    &format!("SELECT payload->>'vraag' FROM {tabel} WHERE record_id = $1"),
                    &[&record_id],
                )
                .await
                .unwrap()
                .get(0);
            assert_eq!(bewaard, None, "{tabel}");
        }
    });
}
