//! Who is at the keyboard, on the server (issue 19): a desk with a login of its own hands in only
//! as itself and writes no table; a medewerker signs in with their own login and gets the role
//! the server holds; a revoked login is out.

use crate::common::{Desk, client, init, rt};
use crate::pg::Pg;
use loket::identiteit::{ServerRol, beheer};
use loket::sync::{self, desk, server};
use tokio_postgres::error::SqlState;

async fn verbind(url: &str) -> anyhow::Result<tokio_postgres::Client> {
    Ok(sync::verbinding::verbind(&crate::common::cfg(url)).await?.0)
}

/// The SQLSTATE of a statement that failed (None when it did not fail).
async fn weigering(c: &tokio_postgres::Client, sql: &str) -> Option<SqlState> {
    match c.batch_execute(sql).await {
        Ok(()) => None,
        Err(e) => Some(e.code().cloned().unwrap_or(SqlState::INTERNAL_ERROR)),
    }
}

#[test]
fn a_desk_with_its_own_login_hands_in_only_as_itself_and_writes_no_table() {
    let Some(pg) = Pg::start() else { return };
    pg.wachtwoorden_verplicht();
    let url = pg.database("loket");
    let a = Desk::new(pg.dir(), "a");
    let b = Desk::new(pg.dir(), "b");
    rt().block_on(async {
        init(&url).await;
        let mut beheerder = client(&url).await;
        let login_a = beheer::desk_registreren(&mut beheerder, a.id, "Balie A", "ww-a-123")
            .await
            .unwrap();
        let login_b = beheer::desk_registreren(&mut beheerder, b.id, "Balie B", "ww-b-456")
            .await
            .unwrap();
        let url_a = pg.url_als("loket", &login_a, "ww-a-123");
        let url_b = pg.url_als("loket", &login_b, "ww-b-456");
        assert!(
            verbind(&pg.url_als("loket", &login_a, "ww-b-456"))
                .await
                .is_err(),
            "a wrong password is refused"
        );

        // Each desk syncs over its own login.
        a.gast("Kim Peters");
        a.ronde(&url_a).await.unwrap();
        b.ronde(&url_b).await.unwrap();
        assert_eq!(
            b.tel("SELECT count(*) FROM bezoeker WHERE naam = 'Kim Peters'"),
            1
        );

        // Each knows under which login it connects (`loket sync status` says so).
        let ca = verbind(&url_a).await.unwrap();
        assert_eq!(
            server::desk_login(&ca, a.id).await.unwrap(),
            server::DeskLogin::Eigen(login_a.clone())
        );
        assert_eq!(
            server::desk_login(&ca, b.id).await.unwrap(),
            server::DeskLogin::Anders(login_a.clone())
        );
        assert_eq!(
            server::desk_login(&beheerder, a.id).await.unwrap(),
            server::DeskLogin::Eigenaar("loket".into())
        );

        // No table is written directly, not even the change log.
        for sql in [
            "INSERT INTO loket_change (seq, tabel, record_id, desk_id, hlc, payload)
             VALUES (999999, 'contactmoment', gen_random_uuid(), gen_random_uuid(), '9', '{}')",
            "UPDATE loket_record SET payload = '{}'",
            "DELETE FROM loket_op",
            "UPDATE loket_teller SET waarde = 0",
            "UPDATE loket_meta SET value = 'x' WHERE key = 'epoch'",
            "INSERT INTO loket_desk_login (desk_id, login) VALUES (gen_random_uuid(), 'x')",
            "UPDATE loket_medewerker_login SET rol = 'beheerder'",
            "SELECT * FROM loket_medewerker_login",
            "SELECT * FROM loket_aanmelding",
            "CREATE TABLE eigen (x int)",
        ] {
            assert_eq!(
                weigering(&ca, sql).await,
                Some(SqlState::INSUFFICIENT_PRIVILEGE),
                "{sql}"
            );
        }
        // Nor as another desk: B's operations handed in over A's login are refused, and so are
        // a ticket block and a repair in B's name.
        b.gast("Bo de Wit");
        let ops_b = desk::te_versturen(&sync::open_db(&b.db).unwrap(), 100).unwrap();
        let mut ca = ca;
        let e = server::lever_in(&mut ca, b.id, &ops_b).await.unwrap_err();
        let e = loket::melding::tekst(&e.into());
        assert_eq!(
            e,
            format!("login {login_a} mag niet schrijven als desk {}", b.id),
            "said in Dutch, without the library's words"
        );
        assert!(
            server::lease_blok(
                &mut ca,
                b.id,
                "Stadskantoor",
                chrono::Utc::now().date_naive(),
                "Z",
                10
            )
            .await
            .is_err()
        );
        assert!(server::herstel(&ca, b.id, "bezoeker", &[]).await.is_err());
        // It sees its own row among the desks and its own lost edits only.
        let n: i64 = ca
            .query_one("SELECT count(*) FROM loket_desk", &[])
            .await
            .unwrap()
            .get(0);
        assert_eq!(n, 1);
        beheerder
            .batch_execute(&format!(
                "INSERT INTO loket_verloren (desk_id, tabel, record_id, veld, door_hlc)
                 VALUES ('{}', 'partij', gen_random_uuid(), 'achternaam', '1')",
                b.id
            ))
            .await
            .unwrap();
        let n: i64 = ca
            .query_one("SELECT count(*) FROM loket_verloren", &[])
            .await
            .unwrap()
            .get(0);
        assert_eq!(n, 0, "B's lost edit is not A's to read");
        // B's own login hands B's operations in.
        b.ronde(&url_b).await.unwrap();
        a.ronde(&url_a).await.unwrap();
        assert_eq!(
            a.tel("SELECT count(*) FROM bezoeker WHERE naam = 'Bo de Wit'"),
            1
        );

        // Revoked: no connection, and a session still open is ended or refused.
        a.gast("Voor intrekken");
        let ops_a = desk::te_versturen(&sync::open_db(&a.db).unwrap(), 100).unwrap();
        beheer::desk_intrekken(&beheerder, a.id).await.unwrap();
        assert!(verbind(&url_a).await.is_err());
        assert!(server::lever_in(&mut ca, a.id, &ops_a).await.is_err());
        a.gast("Na intrekken");
        assert!(a.ronde(&url_a).await.is_err());
        let lijst = beheer::desks(&beheerder).await.unwrap();
        assert_eq!(lijst.len(), 2);
        assert!(
            lijst
                .iter()
                .any(|d| d.desk_id == a.id && d.ingetrokken_op.is_some())
        );
        assert!(
            lijst
                .iter()
                .any(|d| d.desk_id == b.id && d.ingetrokken_op.is_none())
        );
        // Registered again: a new password, back on.
        beheer::desk_registreren(&mut beheerder, a.id, "Balie A", "nieuw-ww-789")
            .await
            .unwrap();
        a.ronde(&pg.url_als("loket", &login_a, "nieuw-ww-789"))
            .await
            .unwrap();
    });
}

#[test]
fn a_medewerker_signs_in_with_their_own_login_and_gets_the_role_the_server_holds() {
    let Some(pg) = Pg::start() else { return };
    pg.wachtwoorden_verplicht();
    let url = pg.database("loket");
    let a = Desk::new(pg.dir(), "a");
    rt().block_on(async {
        init(&url).await;
        let mut beheerder = client(&url).await;
        beheer::desk_registreren(&mut beheerder, a.id, "Balie A", "ww-a-123")
            .await
            .unwrap();
        let eva = beheer::medewerker_toevoegen(
            &mut beheerder,
            "e.bakker",
            "Eva Bakker",
            ServerRol::Medewerker,
            Some("Burgerzaken"),
            Some("eva-geheim"),
            None,
        )
        .await
        .unwrap();
        beheer::medewerker_toevoegen(
            &mut beheerder,
            "s.jansen",
            "Sam Jansen",
            ServerRol::Supervisor,
            None,
            Some("sam-geheim"),
            None,
        )
        .await
        .unwrap();
        assert!(matches!(
            beheer::medewerker_toevoegen(
                &mut beheerder,
                "e.bakker",
                "Eva B",
                ServerRol::Beheerder,
                None,
                None,
                None
            )
            .await,
            Err(beheer::BeheerFout::Bestaat(_))
        ));
        assert!(
            verbind(&pg.url_als("loket", "e.bakker", "sam-geheim"))
                .await
                .is_err()
        );
        let url_eva = pg.url_als("loket", "e.bakker", "eva-geheim");
        let c = verbind(&url_eva).await.unwrap();
        let aan = beheer::aanmelden(&c, a.id).await.unwrap();
        assert_eq!(
            (aan.medewerker_id, aan.naam.as_str(), aan.rol, aan.afdeling.as_deref()),
            (eva, "Eva Bakker", ServerRol::Medewerker, Some("Burgerzaken"))
        );
        // At a desk whose registration was revoked: refused, in Dutch.
        let ander = uuid::Uuid::now_v7();
        beheer::desk_registreren(&mut beheerder, ander, "Oude balie", "ww-oud-123")
            .await
            .unwrap();
        beheer::desk_intrekken(&beheerder, ander).await.unwrap();
        let fout = beheer::aanmelden(&c, ander).await.unwrap_err().to_string();
        assert!(fout.contains("ingetrokken"), "{fout}");
        // A medewerker's login writes nothing and reads nothing of the sync directly, and does not
        // hand in: that is the desk's.
        for sql in [
            "SELECT count(*) FROM loket_change",
            "SELECT count(*) FROM loket_record",
            "INSERT INTO loket_aanmelding (login, medewerker_id, desk_id) VALUES ('x', gen_random_uuid(), gen_random_uuid())",
            "UPDATE loket_medewerker_login SET rol = 'beheerder' WHERE login = 'e.bakker'",
            "SELECT loket_lever_in(gen_random_uuid(), '[]'::jsonb)",
        ] {
            assert_eq!(
                weigering(&c, sql).await,
                Some(SqlState::INSUFFICIENT_PRIVILEGE),
                "{sql}"
            );
        }
        drop(c);

        // The role is the server's: changed there, the next sign-in has it.
        beheer::medewerker_wijzigen(
            &mut beheerder,
            "e.bakker",
            &beheer::Wijziging {
                rol: Some(ServerRol::Supervisor),
                afdeling: Some(None),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let c = verbind(&url_eva).await.unwrap();
        let aan = beheer::aanmelden(&c, a.id).await.unwrap();
        assert_eq!((aan.rol, aan.afdeling), (ServerRol::Supervisor, None));
        let groepen: Vec<String> = beheerder
            .query(
                "SELECT b.rolname::text FROM pg_auth_members m
                   JOIN pg_roles b ON b.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
                  WHERE u.rolname = 'e.bakker'",
                &[],
            )
            .await
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert_eq!(groepen, ["loket_supervisor"]);
        drop(c);

        // The server keeps every sign-in: who, which desk, when.
        let n: i64 = beheerder
            .query_one(
                "SELECT count(*) FROM loket_aanmelding WHERE login = 'e.bakker' AND desk_id = $1",
                &[&a.id],
            )
            .await
            .unwrap()
            .get(0);
        assert_eq!(n, 2);
        let lijst = beheer::medewerkers(&beheerder).await.unwrap();
        let e = lijst.iter().find(|m| m.login == "e.bakker").unwrap();
        assert!(e.laatst_aangemeld.is_some() && e.ingetrokken_op.is_none());
        let s = lijst.iter().find(|m| m.login == "s.jansen").unwrap();
        assert!(s.laatst_aangemeld.is_none());

        // Revoked: signing in is over, and the list says since when.
        beheer::medewerker_intrekken(&beheerder, "e.bakker")
            .await
            .unwrap();
        assert!(verbind(&url_eva).await.is_err());
        let lijst = beheer::medewerkers(&beheerder).await.unwrap();
        assert!(
            lijst
                .iter()
                .any(|m| m.login == "e.bakker" && m.ingetrokken_op.is_some())
        );
    });
}

#[test]
fn the_beheerder_registers_a_desk_from_the_command_line_without_printing_its_password() {
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    rt().block_on(init(&url));
    let dir = tempfile::tempdir().unwrap();
    let bestand = dir.path().join("balie3.wachtwoord");
    let desk = uuid::Uuid::now_v7();
    let loket = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_loket"))
            .args(args)
            .output()
            .unwrap()
    };
    let out = loket(&[
        "server",
        "desk",
        "registreren",
        "--url",
        &url,
        "--desk-id",
        &desk.to_string(),
        "--naam",
        "Balie 3",
        "--wachtwoord-bestand",
        bestand.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    let tekst =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    let wachtwoord = beheer::lees_wachtwoord(&bestand).unwrap();
    assert!(!tekst.contains(&wachtwoord), "{tekst}");
    assert!(
        tekst.contains(&beheer::desk_login("loket", desk)),
        "{tekst}"
    );
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&bestand).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let out = loket(&["server", "desk", "lijst", "--url", &url]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Balie 3"),
        "{out:?}"
    );
    // A medewerker with a role that does not exist: a clear message, nothing made.
    let toevoegen = |rol: &str| {
        loket(&[
            "server",
            "medewerker",
            "toevoegen",
            "--url",
            &url,
            "--login",
            "eva",
            "--naam",
            "Eva",
            "--rol",
            rol,
        ])
    };
    let out = toevoegen("baas");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--rol baas"),
        "{out:?}"
    );
    let out = toevoegen("privacy");
    assert!(out.status.success(), "{out:?}");
    let out = loket(&["server", "medewerker", "lijst", "--url", &url]);
    let lijst = String::from_utf8_lossy(&out.stdout);
    assert!(
        lijst.contains("eva") && lijst.contains("privacy"),
        "{lijst}"
    );
}

#[test]
fn every_view_of_a_klant_reaches_the_servers_audit_log_and_only_the_privacy_officer_reads_it() {
    use loket::store::lookup::{self, AuditReden, Kijker};
    let Some(pg) = Pg::start() else { return };
    pg.wachtwoorden_verplicht();
    let url = pg.database("loket");
    let a = Desk::new(pg.dir(), "a");
    let b = Desk::new(pg.dir(), "b");
    let klant = uuid::Uuid::now_v7();
    let zaak = uuid::Uuid::now_v7();
    rt().block_on(async {
        init(&url).await;
        let mut beheerder = client(&url).await;
        let login_a = beheer::desk_registreren(&mut beheerder, a.id, "Balie A", "ww-a-123")
            .await
            .unwrap();
        let login_b = beheer::desk_registreren(&mut beheerder, b.id, "Balie B", "ww-b-456")
            .await
            .unwrap();
        for (login, rol) in [("p.officier", ServerRol::Privacy), ("s.jansen", ServerRol::Supervisor)] {
            beheer::medewerker_toevoegen(&mut beheerder, login, login, rol, None, Some("geheim-1"), None)
                .await
                .unwrap();
        }
        let url_a = pg.url_als("loket", &login_a, "ww-a-123");
        let url_b = pg.url_als("loket", &login_b, "ww-b-456");

        // Eva opens the klant at A; Sam shows the BSN and opens a zaak of theirs at B.
        let eva = Kijker {
            medewerker_id: Some(uuid::Uuid::now_v7()),
            naam: "Eva Bakker".into(),
            doel: "klantcontact telefoon".into(),
        };
        let sam = Kijker {
            medewerker_id: Some(uuid::Uuid::now_v7()),
            naam: "Sam Jansen".into(),
            doel: "zonder klantcontact".into(),
        };
        lookup::inzage(&mut a.store(), &eva, Some(klant), None, AuditReden::Klantbeeld).unwrap();
        lookup::inzage(&mut b.store(), &sam, Some(klant), None, AuditReden::BsnGetoond).unwrap();
        lookup::inzage(&mut b.store(), &sam, None, Some(zaak), AuditReden::Zaak).unwrap();
        a.ronde(&url_a).await.unwrap();
        b.ronde(&url_b).await.unwrap();
        a.ronde(&url_a).await.unwrap();

        // On the server, once each, in the name of the desk that handed it in; never in the
        // change log, so no other desk gets it.
        let rijen = beheerder
            .query(
                "SELECT desk_id, medewerker, handeling, partij_id, zaak_id FROM loket_inzage ORDER BY tijdstip",
                &[],
            )
            .await
            .unwrap();
        type Rij = (uuid::Uuid, String, String, Option<uuid::Uuid>, Option<uuid::Uuid>);
        let rijen: Vec<Rij> = rijen
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4)))
            .collect();
        assert_eq!(
            rijen,
            [
                (a.id, "Eva Bakker".into(), "klantbeeld".into(), Some(klant), None),
                (b.id, "Sam Jansen".into(), "BSN getoond".into(), Some(klant), None),
                (b.id, "Sam Jansen".into(), "zaak".into(), None, Some(zaak)),
            ]
        );
        let n: i64 = beheerder
            .query_one("SELECT count(*) FROM loket_change WHERE tabel = 'audit_log'", &[])
            .await
            .unwrap()
            .get(0);
        assert_eq!(n, 0);
        assert_eq!(a.tel("SELECT count(*) FROM audit_log"), 1, "A keeps only its own");
        assert_eq!(a.tel("SELECT count(*) FROM outbox WHERE uploaded_at IS NULL"), 0);

        // Nobody but the privacy officer reads it: not a desk, not a supervisor.
        for url in [url_a.clone(), pg.url_als("loket", "s.jansen", "geheim-1")] {
            let c = verbind(&url).await.unwrap();
            assert_eq!(
                weigering(&c, "SELECT * FROM loket_inzage").await,
                Some(SqlState::INSUFFICIENT_PRIVILEGE)
            );
        }
        let privacy = pg.url_als("loket", "p.officier", "geheim-1");
        let c = verbind(&privacy).await.unwrap();
        let log = server::inzage_van_klant(&c, klant, &[zaak], false)
            .await
            .unwrap();
        assert_eq!(log.len(), 3);
        assert_eq!(log[0].reden, "zaak", "newest first");
        assert_eq!(log[0].zaak.as_deref(), Some(zaak.to_string().as_str()));
        // Reading the log is itself in it, by the privacy officer, on the server.
        let zonder_zaak = server::inzage_van_klant(&c, klant, &[], false)
            .await
            .unwrap();
        assert_eq!(zonder_zaak.len(), 3);
        assert_eq!(
            (
                zonder_zaak[0].reden.as_str(),
                zonder_zaak[0].medewerker.as_str(),
                zonder_zaak[0].desk_id.as_str()
            ),
            ("auditlog bekeken", "p.officier", "server")
        );
        assert_eq!(
            weigering(&c, "SELECT * FROM loket_inzage").await,
            Some(SqlState::INSUFFICIENT_PRIVILEGE),
            "read only through the function that logs the reading"
        );

        // The privacy officer's export, from the command line.
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_loket"))
            .args([
                "audit",
                "--klant",
                &klant.to_string(),
                "--url",
                &privacy,
                "--formaat",
                "csv",
                "--db",
                a.db.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let csv = String::from_utf8_lossy(&out.stdout);
        let regels: Vec<&str> = csv.lines().collect();
        // The names of the VNG Verwerkingenlogging standard where they fit; why each view
        // happened (doelbinding) in verwerkingNaam.
        assert_eq!(
            regels[0],
            "tijdstip;gebruiker;systeem;handelingNaam;verwerkingNaam;objecttype;objectId"
        );
        assert!(
            regels.iter().any(|r| r.contains(";Eva Bakker;")
                && r.contains(";klantbeeld;klantcontact telefoon;klant;")),
            "{csv}"
        );
        assert!(
            regels
                .iter()
                .any(|r| r.contains(";BSN getoond;zonder klantcontact;klant;")),
            "{csv}"
        );
        // The two views of the klant (A's file does not know the zaak) and the two readings
        // before this export.
        assert_eq!(regels.len(), 5, "{csv}");
        let n: i64 = beheerder
            .query_one(
                "SELECT count(*) FROM loket_inzage WHERE handeling = 'auditlog geëxporteerd' AND desk_id IS NULL",
                &[],
            )
            .await
            .unwrap()
            .get(0);
        assert_eq!(n, 1);
        assert!(csv.contains("Eva Bakker") && csv.contains(&a.id.to_string()), "{csv}");
        assert!(!csv.contains("ww-") && !csv.contains("geheim"), "{csv}");
    });
}

#[test]
fn a_directory_password_checked_by_postgresql_through_ldap_signs_in_over_tls_only() {
    use crate::ldap::{MENSEN, Slapd};
    let Some(ldap) = Slapd::start(&[("e.bakker", "dir-geheim-1")]) else {
        return;
    };
    let Some(pg) = Pg::start_tls() else { return };
    let url = pg.database("loket");
    let met_tls = |url: String| loket::config::SyncConfig {
        url,
        password_file: None,
        sslmode: Some("require".into()),
        ca_file: Some(pg.dir().join("ca.crt")),
    };
    let a = Desk::new(pg.dir(), "a");
    rt().block_on(async {
        let (mut beheerder, _) = sync::verbinding::verbind(&met_tls(url.clone()))
            .await
            .unwrap();
        server::init(&mut beheerder).await.unwrap();
        beheer::desk_registreren(&mut beheerder, a.id, "Balie A", "ww-a-123")
            .await
            .unwrap();
        // No password of its own: the directory's is the only one.
        beheer::medewerker_toevoegen(
            &mut beheerder,
            "e.bakker",
            "Eva Bakker",
            ServerRol::Medewerker,
            None,
            None,
            None,
        )
        .await
        .unwrap();
        // As a gemeente's pg_hba.conf has it: medewerkers through the directory, over TLS only.
        pg.pg_hba(&format!(
            "local all all trust\n\
             host all loket 127.0.0.1/32 trust\n\
             hostssl all +loket_medewerker 127.0.0.1/32 ldap ldapserver=127.0.0.1 ldapport={} ldapprefix=\"uid=\" ldapsuffix=\",{MENSEN}\"\n",
            ldap.port
        ));
        let eva = pg.url_als("loket", "e.bakker", "dir-geheim-1");
        let (c, _) = sync::verbinding::verbind(&met_tls(eva.clone()))
            .await
            .unwrap();
        let aan = beheer::aanmelden(&c, a.id).await.unwrap();
        assert_eq!((aan.naam.as_str(), aan.rol), ("Eva Bakker", ServerRol::Medewerker));
        // A wrong directory password, and the right one without TLS: refused.
        let fout = sync::verbinding::verbind(&met_tls(pg.url_als(
            "loket",
            "e.bakker",
            "dir-fout",
        )))
        .await
        .unwrap_err();
        assert!(
            loket::melding::tekst(&fout).contains("wachtwoord onjuist"),
            "{fout:#}"
        );
        let zonder_tls = loket::config::SyncConfig {
            sslmode: Some("disable".into()),
            ..met_tls(eva)
        };
        assert!(sync::verbinding::verbind(&zonder_tls).await.is_err());
        // The desk's own sign-in (its [sync] names the desk's login; Eva types hers): through the
        // directory, over TLS, with a wrong password told apart from a server out of reach.
        use loket::identiteit::aanmelden::{self as aan, ServerAntwoord, Weigering};
        let desk_cfg = met_tls(pg.url_voor("loket", "loket_desk_x"));
        match aan::server_aanmelden(&desk_cfg, a.id, "e.bakker", "dir-geheim-1").await {
            ServerAntwoord::Aangemeld(x) => {
                assert_eq!((x.naam.as_str(), x.rol), ("Eva Bakker", ServerRol::Medewerker))
            }
            ander => panic!("{ander:?}"),
        }
        let fout = aan::server_aanmelden(&desk_cfg, a.id, "e.bakker", "dir-fout").await;
        assert!(
            matches!(fout, ServerAntwoord::Geweigerd(Weigering::Onjuist)),
            "{fout:?}"
        );
    });
}

#[test]
fn a_desk_cannot_borrow_another_desks_name_or_the_future_nor_take_a_giant_ticket_block() {
    let Some(pg) = Pg::start() else { return };
    pg.wachtwoorden_verplicht();
    let url = pg.database("loket");
    let a = Desk::new(pg.dir(), "a");
    let b = Desk::new(pg.dir(), "b");
    rt().block_on(async {
        init(&url).await;
        let mut beheerder = client(&url).await;
        let login_a = beheer::desk_registreren(&mut beheerder, a.id, "Balie A", "ww-a-123")
            .await
            .unwrap();
        let mut ca = verbind(&pg.url_als("loket", &login_a, "ww-a-123"))
            .await
            .unwrap();
        let vreemd = [
            // In B's name, well formed and now.
            format!(
                "{:013}-00000-{}",
                chrono::Utc::now().timestamp_millis(),
                b.id.simple()
            ),
            // Not a stamp loket makes, sorting above every real one.
            format!("9-99999-{}", b.id.simple()),
            // Its own name, a year ahead.
            format!(
                "{:013}-00000-{}",
                (chrono::Utc::now() + chrono::Duration::days(365)).timestamp_millis(),
                a.id.simple()
            ),
        ];
        // Once as a batch of new records only (written as sets), once with an edit among them
        // (a step per operation).
        let mut toegepast = 0;
        for ronde in 0..2 {
            for i in 0..3 {
                a.gast(&format!("Ronde {ronde} gast {i}"));
            }
            if ronde == 1 {
                let mut s = a.store();
                let g = loket::store::klantgeleiding::in_gebouw(s.conn(), "Stadskantoor")
                    .unwrap()
                    .into_iter()
                    .find(|g| g.naam == "Ronde 1 gast 0")
                    .unwrap();
                loket::store::klantgeleiding::bezoeker_buiten(&mut s, g, chrono::Utc::now())
                    .unwrap();
            }
            let mut ops = desk::te_versturen(&sync::open_db(&a.db).unwrap(), 100).unwrap();
            for (op, h) in ops.iter_mut().zip(&vreemd) {
                op.hlc = h.clone();
            }
            if ronde == 0 {
                // A payload that is JSON null: refused or kept as the step per operation keeps
                // it, never a failed batch.
                ops[2].payload = serde_json::Value::Null;
            }
            let antwoord = server::lever_in(&mut ca, a.id, &ops).await.unwrap();
            assert_eq!(antwoord.uitkomsten.len(), ops.len());
            toegepast += antwoord
                .uitkomsten
                .iter()
                .filter(|u| u.1 == server::Uitkomst::Toegepast)
                .count();
            let mut s = sync::open_db(&a.db).unwrap();
            desk::verwerk_antwoord(&mut s, &ops, &antwoord, &loket::store::ts(chrono::Utc::now()))
                .unwrap();
        }
        let eigen = a.id.simple().to_string();
        let rijen = beheerder
            .query(
                "SELECT hlc, split_part(hlc, '-', 1)::bigint <= (extract(epoch FROM now()) * 1000)::bigint + 600000
                   FROM loket_change WHERE desk_id = $1",
                &[&a.id],
            )
            .await
            .unwrap();
        // (An edit may be 'applied' without a change of its own: here the create before it got
        // the server's later time, so the desk's own earlier-stamped edit already lost to it.)
        assert!(toegepast >= 6 && rijen.len() >= 6, "{toegepast} {}", rijen.len());
        for r in &rijen {
            let hlc: String = r.get(0);
            assert!(hlc.ends_with(&eigen), "stamped in A's own name: {hlc}");
            assert!(r.get::<_, bool>(1), "not ahead of the server: {hlc}");
        }
        // A ticket block of a size no desk asks for: refused, nothing leased.
        let e = server::lease_blok(&mut ca, a.id, "Stadskantoor", chrono::Utc::now().date_naive(), "Z", -1000)
            .await
            .unwrap_err();
        assert!(loket::melding::tekst(&e.into()).contains("1 tot 1000"));
        // A repair hands back what the server lacks, but never later than now and never an
        // audit row.
        let id = uuid::Uuid::now_v7();
        let (n, geweigerd) = server::herstel(
            &ca,
            a.id,
            "bezoeker",
            &[serde_json::json!({
                "id": id.to_string(), "created_at": "2099-01-01T00:00:00.000Z",
                "updated_at": "2099-01-01T00:00:00.000Z", "desk_id": b.id.to_string(),
                "deleted": 0, "locatie": "Stadskantoor", "dag": "2099-01-01", "naam": "Uit de toekomst",
                "voor_wie": "Team", "bedrijf": null, "binnen_op": "2099-01-01T00:00:00.000Z",
                "buiten_op": null
            })],
        )
        .await
        .unwrap();
        assert_eq!((n, geweigerd.len()), (1, 0));
        let later: bool = beheerder
            .query_one(
                "SELECT split_part(hlc, '-', 1)::bigint > (extract(epoch FROM now()) * 1000)::bigint
                   FROM loket_record WHERE record_id = $1",
                &[&id],
            )
            .await
            .unwrap()
            .get(0);
        assert!(!later);
        let (n, geweigerd) = server::herstel(
            &ca,
            a.id,
            "audit_log",
            &[serde_json::json!({"id": uuid::Uuid::now_v7().to_string(), "reden": "klantbeeld"})],
        )
        .await
        .unwrap();
        assert_eq!((n, geweigerd.len()), (0, 1));
        let n: i64 = beheerder
            .query_one("SELECT count(*) FROM loket_inzage", &[])
            .await
            .unwrap()
            .get(0);
        assert_eq!(n, 0);
    });
}

#[test]
fn a_login_of_one_loket_database_has_no_right_in_another_on_the_same_cluster() {
    let Some(pg) = Pg::start() else { return };
    pg.wachtwoorden_verplicht();
    let eerste = pg.database("loket");
    let tweede = pg.database("tweede");
    let a = Desk::new(pg.dir(), "a");
    rt().block_on(async {
        init(&eerste).await;
        init(&tweede).await;
        let mut beheerder = client(&eerste).await;
        let login = beheer::desk_registreren(&mut beheerder, a.id, "Balie A", "ww-a-123")
            .await
            .unwrap();
        assert_eq!(login, beheer::desk_login("loket", a.id));
        beheer::medewerker_toevoegen(
            &mut beheerder,
            "p.officier",
            "P. Officier",
            ServerRol::Privacy,
            None,
            Some("geheim-1"),
            None,
        )
        .await
        .unwrap();
        assert!(verbind(&pg.url_als("loket", &login, "ww-a-123")).await.is_ok());
        assert!(verbind(&pg.url_als("loket", "p.officier", "geheim-1")).await.is_ok());
        for (l, w) in [(login.as_str(), "ww-a-123"), ("p.officier", "geheim-1")] {
            assert!(
                verbind(&pg.url_als("tweede", l, w)).await.is_err(),
                "{l} connects to the other database"
            );
        }
        // The other database's groups are its own.
        let groepen: i64 = beheerder
            .query_one(
                "SELECT count(*) FROM pg_roles WHERE rolname IN ('tweede_desk', 'tweede_privacy', 'loket_desk', 'loket_privacy')",
                &[],
            )
            .await
            .unwrap()
            .get(0);
        assert_eq!(groepen, 4);
    });
}

#[test]
fn an_owner_without_the_right_to_make_roles_is_told_what_init_needs() {
    let Some(pg) = Pg::start() else { return };
    rt().block_on(async {
        let su = client(&pg.url("postgres")).await;
        for sql in [
            "CREATE ROLE eigenaar LOGIN",
            "CREATE DATABASE eigen OWNER eigenaar",
        ] {
            su.batch_execute(sql).await.unwrap();
        }
        // (The extension for the afspraken rule is one a database owner may add.)
        let url = pg.url_voor("eigen", "eigenaar");
        let fout = server::init(&mut verbind(&url).await.unwrap())
            .await
            .map_err(anyhow::Error::from)
            .unwrap_err();
        assert_eq!(
            loket::melding::tekst(&fout),
            "loket server init maakt de groepsrollen van deze database (eigen_desk …): daarvoor heeft login eigenaar het recht CREATEROLE nodig (ALTER ROLE eigenaar CREATEROLE), of laat een superuser init één keer doen"
        );
        su.batch_execute("ALTER ROLE eigenaar CREATEROLE").await.unwrap();
        let mut c = verbind(&url).await.unwrap();
        server::init(&mut c).await.unwrap();
        let a = uuid::Uuid::now_v7();
        beheer::desk_registreren(&mut c, a, "Balie A", "ww-a-123")
            .await
            .unwrap();
    });
}

/// The beheerder's commands on a server that accepts and then says nothing: given up with a
/// Dutch message, not a hang.
#[test]
fn a_silent_server_does_not_hold_the_beheerders_command() {
    let stil = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let poort = stil.local_addr().unwrap().port();
    let vast = std::thread::spawn(move || {
        let mut open = Vec::new();
        for s in stil.incoming().take(3) {
            open.push(s);
        }
        std::thread::sleep(std::time::Duration::from_secs(30));
    });
    let t0 = std::time::Instant::now();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_loket"))
        .args([
            "server",
            "desk",
            "lijst",
            "--url",
            &format!("postgres://loket@127.0.0.1:{poort}/loket"),
        ])
        .output()
        .unwrap();
    let duur = t0.elapsed();
    assert!(!out.status.success());
    let fout = String::from_utf8_lossy(&out.stderr);
    assert!(fout.contains("antwoordt niet"), "{fout}");
    assert!(duur < sync::VERBIND_DEADLINE * 2, "{duur:?}");
    drop(vast);
}

/// A fresh server with desk A registered under a login of its own (password ww-a-123) and Eva
/// Bakker as medewerker (password eva-geheim): the beheerder's connection, the desk's login and
/// url, and Eva's medewerker id.
async fn desk_en_eva(
    pg: &Pg,
    url: &str,
    desk: &Desk,
) -> (tokio_postgres::Client, String, String, uuid::Uuid) {
    init(url).await;
    let mut beheerder = client(url).await;
    let login = beheer::desk_registreren(&mut beheerder, desk.id, "Balie A", "ww-a-123")
        .await
        .unwrap();
    let url_desk = pg.url_als("loket", &login, "ww-a-123");
    let eva = beheer::medewerker_toevoegen(
        &mut beheerder,
        "e.bakker",
        "Eva Bakker",
        ServerRol::Medewerker,
        None,
        Some("eva-geheim"),
        None,
    )
    .await
    .unwrap();
    (beheerder, login, url_desk, eva)
}

/// Signing in at a desk with the shared database as the authority: the sign-in is recorded
/// there; with the server out of reach the cache stands in ("offline"), and that sign-in is
/// handed in with the next round, before the work done under it; the end of a sign-in reaches
/// the server; a medewerker revoked on the server is signed out at the desk's next round and can
/// no longer sign in there, offline neither.
#[test]
fn a_revoked_medewerker_is_signed_out_at_the_next_round_and_offline_sign_ins_are_handed_in() {
    use loket::identiteit::aanmelden::{self as a, ServerAntwoord, Weigering, Wijze};
    let Some(pg) = Pg::start() else { return };
    pg.wachtwoorden_verplicht();
    let url = pg.database("loket");
    let desk = Desk::new(pg.dir(), "a");
    let twaalf = std::time::Duration::from_secs(12 * 3600);
    rt().block_on(async {
        let (beheerder, login, url_desk, _) = desk_en_eva(&pg, &url, &desk).await;
        // The desk's config names the desk's login; the sign-in uses the medewerker's own.
        let cfg = crate::common::cfg(&pg.url_voor("loket", &login));
        let fout = a::server_aanmelden(&cfg, desk.id, "e.bakker", "fout").await;
        assert!(
            matches!(fout, ServerAntwoord::Geweigerd(Weigering::Onjuist)),
            "{fout:?}"
        );
        let ServerAntwoord::Aangemeld(aan) =
            a::server_aanmelden(&cfg, desk.id, "e.bakker", "eva-geheim").await
        else {
            panic!("no sign-in")
        };
        let store = desk.store();
        let nu = chrono::Utc::now();
        let online =
            a::server_aanmelding_vastleggen(store.conn(), desk.id, "e.bakker", &aan, a::hash("eva-geheim"), true, nu)
                .unwrap();
        assert_eq!((online.wijze, online.rol), (Wijze::Server, ServerRol::Medewerker));
        let r = desk.ronde(&url_desk).await.unwrap();
        assert_eq!(r.ingetrokken, None);
        // Offline (the server out of reach): the cache lets Eva in; that sign-in and the end of
        // the first reach the server at the next round.
        let onbereikbaar = crate::common::cfg("postgres://e.bakker@127.0.0.1:1/loket");
        assert!(matches!(
            a::server_aanmelden(&onbereikbaar, desk.id, "e.bakker", "eva-geheim").await,
            ServerAntwoord::Onbereikbaar(_)
        ));
        let offline = a::offline_aanmelden(store.conn(), desk.id, "e.bakker", "eva-geheim", nu, twaalf).unwrap();
        assert_eq!(offline.wijze, Wijze::Offline);
        let r = desk.ronde(&url_desk).await.unwrap();
        assert_eq!(r.ingetrokken, None);
        let server = client(&url).await;
        let rijen = server
            .query(
                "SELECT offline, tot IS NOT NULL FROM loket_aanmelding WHERE login = 'e.bakker' AND desk_id = $1 ORDER BY van, id",
                &[&desk.id],
            )
            .await
            .unwrap();
        let rijen: Vec<(bool, bool)> = rijen.iter().map(|r| (r.get(0), r.get(1))).collect();
        assert_eq!(rijen, [(false, true), (true, false)], "the first ended, the offline one open");
        // Revoked on the server: the next round signs Eva out, and the cache is gone.
        beheer::medewerker_intrekken(&beheerder, "e.bakker").await.unwrap();
        let r = desk.ronde(&url_desk).await.unwrap();
        assert!(
            r.ingetrokken
                .as_ref()
                .is_some_and(|(id, t)| *id == offline.aanmelding && t.contains("ingetrokken")),
            "{:?}",
            r.ingetrokken
        );
        assert_eq!(
            a::offline_aanmelden(store.conn(), desk.id, "e.bakker", "eva-geheim", nu, twaalf).unwrap_err(),
            Weigering::OfflineOnbekend
        );
        assert!(matches!(
            a::server_aanmelden(&cfg, desk.id, "e.bakker", "eva-geheim").await,
            ServerAntwoord::Geweigerd(_)
        ));
    });
}

/// Every operation carries the medewerker signed in at the desk when it was written, and the
/// server takes it only under a sign-in of theirs that stood on that desk then: work written
/// in the name of a colleague who never signed in there is refused, and so is a contactmoment
/// that names another medewerker than the one who wrote it.
#[test]
fn work_is_accepted_only_in_the_name_of_a_medewerker_signed_in_at_that_desk_then() {
    use loket::identiteit::aanmelden::{self as a, ServerAntwoord};
    let Some(pg) = Pg::start() else { return };
    pg.wachtwoorden_verplicht();
    let url = pg.database("loket");
    let desk = Desk::new(pg.dir(), "a");
    rt().block_on(async {
        init(&url).await;
        let mut beheerder = client(&url).await;
        let login = beheer::desk_registreren(&mut beheerder, desk.id, "Balie A", "ww-a-123")
            .await
            .unwrap();
        let url_desk = pg.url_als("loket", &login, "ww-a-123");
        for (l, n, w) in [
            ("e.bakker", "Eva Bakker", "eva-geheim"),
            ("s.jansen", "Sam Jansen", "sam-geheim"),
        ] {
            beheer::medewerker_toevoegen(
                &mut beheerder,
                l,
                n,
                ServerRol::Medewerker,
                None,
                Some(w),
                None,
            )
            .await
            .unwrap();
        }
        let sam: uuid::Uuid = client(&url)
            .await
            .query_one(
                "SELECT medewerker_id FROM loket_medewerker_login WHERE login = 's.jansen'",
                &[],
            )
            .await
            .unwrap()
            .get(0);
        let cfg = crate::common::cfg(&pg.url_voor("loket", &login));
        let ServerAntwoord::Aangemeld(aan) =
            a::server_aanmelden(&cfg, desk.id, "e.bakker", "eva-geheim").await
        else {
            panic!("no sign-in")
        };
        a::server_aanmelding_vastleggen(
            desk.store().conn(),
            desk.id,
            "e.bakker",
            &aan,
            a::hash("eva-geheim"),
            true,
            chrono::Utc::now(),
        )
        .unwrap();
        // Eva's own work: carried in her name, accepted.
        desk.gast("Kim Peters");
        assert_eq!(
            desk.tel(&format!(
                "SELECT count(*) FROM outbox WHERE medewerker_id = '{}'",
                aan.medewerker_id
            )),
            1
        );
        let r = desk.ronde(&url_desk).await.unwrap();
        assert!(r.geweigerd.is_empty(), "{:?}", r.geweigerd);
        // The same desk writing in Sam's name (who never signed in here): refused, with why.
        desk.gast("Piet Smit");
        rusqlite::Connection::open(&desk.db)
            .unwrap()
            .execute(
                "UPDATE outbox SET medewerker_id = ?1 WHERE uploaded_at IS NULL",
                [sam.to_string()],
            )
            .unwrap();
        let r = desk.ronde(&url_desk).await.unwrap();
        assert_eq!(r.geweigerd.len(), 1, "{:?}", r.geweigerd);
        assert!(
            r.geweigerd[0].1.contains("niet aangemeld"),
            "{:?}",
            r.geweigerd
        );
        let server = client(&url).await;
        let piet: i64 = server
            .query_one(
                "SELECT count(*) FROM loket_record WHERE payload->>'naam' = 'Piet Smit'",
                &[],
            )
            .await
            .unwrap()
            .get(0);
        assert_eq!(piet, 0, "nothing of it on the server");
        // A contactmoment that names Sam while Eva wrote it: refused as well.
        let op = serde_json::json!({
            "tabel": "contactmoment",
            "payload": {"medewerker_id": sam.to_string()},
            "m": aan.medewerker_id.to_string(),
            "hlc": format!("{}-0000-{}", chrono::Utc::now().timestamp_millis(), desk.id.simple()),
        });
        let klopt: bool = server
            .query_one("SELECT loket_namens_wie_klopt($1, $2)", &[&desk.id, &op])
            .await
            .unwrap()
            .get(0);
        assert!(!klopt);
        let mut eigen = op.clone();
        eigen["payload"]["medewerker_id"] = serde_json::json!(aan.medewerker_id.to_string());
        let klopt: bool = server
            .query_one("SELECT loket_namens_wie_klopt($1, $2)", &[&desk.id, &eigen])
            .await
            .unwrap()
            .get(0);
        assert!(klopt);
    });
}

/// An offline sign-in counts only where the server itself checked that login's password on that
/// desk shortly before, is recorded once however often it is handed in, and a new sign-in at a
/// desk ends whatever was still open there (a desk that never heard its answer).
#[test]
fn an_offline_sign_in_counts_only_after_a_checked_one_and_is_recorded_once() {
    use loket::identiteit::aanmelden::{self as a, ServerAntwoord};
    let Some(pg) = Pg::start() else { return };
    pg.wachtwoorden_verplicht();
    let url = pg.database("loket");
    let desk = Desk::new(pg.dir(), "a");
    let twaalf = std::time::Duration::from_secs(12 * 3600);
    rt().block_on(async {
        let (_beheerder, login, url_desk, eva) = desk_en_eva(&pg, &url, &desk).await;
        // A cache the server never filled (a desk file edited by hand): its offline sign-in
        // is not taken, and the desk hears so.
        let store = desk.store();
        let nu = chrono::Utc::now();
        let verzonnen = beheer::Aanmelding {
            id: 999_999,
            medewerker_id: eva,
            naam: "Eva Bakker".into(),
            rol: ServerRol::Medewerker,
            afdeling: None,
        };
        let c = store.conn();
        a::server_aanmelding_vastleggen(
            c,
            desk.id,
            "e.bakker",
            &verzonnen,
            a::hash("eva-geheim"),
            true,
            nu,
        )
        .unwrap();
        c.execute(
            "UPDATE aanmelding SET tot = ?1, gemeld = 1",
            [loket::store::ts(nu)],
        )
        .unwrap();
        let offline =
            a::offline_aanmelden(c, desk.id, "e.bakker", "eva-geheim", nu, twaalf).unwrap();
        let r = desk.ronde(&url_desk).await.unwrap();
        let (id, reden) = r.ingetrokken.expect("signed out");
        assert_eq!(id, offline.aanmelding);
        assert!(reden.contains("erkent"), "{reden}");
        let server = client(&url).await;
        let tel = |sql: &'static str| {
            let server = &server;
            async move { server.query_one(sql, &[]).await.unwrap().get::<_, i64>(0) }
        };
        assert_eq!(tel("SELECT count(*) FROM loket_aanmelding").await, 0);
        // Checked by the server, then offline: taken, and once only, however often handed in.
        let cfg = crate::common::cfg(&pg.url_voor("loket", &login));
        let ServerAntwoord::Aangemeld(_) =
            a::server_aanmelden(&cfg, desk.id, "e.bakker", "eva-geheim").await
        else {
            panic!("no sign-in")
        };
        let desk_c = verbind(&url_desk).await.unwrap();
        let eigen = uuid::Uuid::now_v7();
        for _ in 0..2 {
            let j: serde_json::Value = desk_c
                .query_one(
                    "SELECT loket_aanmelding_melden($1, 'e.bakker', NULL, now(), NULL, $2)",
                    &[&desk.id, &eigen],
                )
                .await
                .unwrap()
                .get(0);
            assert_eq!(j["erkend"], serde_json::json!(true), "{j}");
        }
        assert_eq!(
            tel("SELECT count(*) FROM loket_aanmelding WHERE offline").await,
            1
        );
        // The offline one ended the server's one before it; a new server sign-in ends it.
        assert_eq!(
            tel("SELECT count(*) FROM loket_aanmelding WHERE tot IS NULL").await,
            1
        );
        let ServerAntwoord::Aangemeld(_) =
            a::server_aanmelden(&cfg, desk.id, "e.bakker", "eva-geheim").await
        else {
            panic!("no sign-in")
        };
        assert_eq!(
            tel("SELECT count(*) FROM loket_aanmelding WHERE tot IS NULL").await,
            1
        );
        assert_eq!(
            tel("SELECT count(*) FROM loket_aanmelding WHERE tot IS NULL AND NOT offline").await,
            1
        );
    });
}
