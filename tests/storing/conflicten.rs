//! Two desks changing the same thing while apart: the same field of a klant, different fields of
//! one klant, the same contact detail created twice, the same slot booked twice. Nothing may be
//! lost silently: a losing edit is on its desk's list (`verloren_op`).

use std::time::Duration;

use chrono::{Duration as Tijd, Utc};
use loket::domain::klant::NieuwePartij;
use serde_json::json;
use uuid::Uuid;

use crate::desks::{Desk, Gelijktijdig, Geval, assert_gelijk, init, rt, server_tel};

const T: Duration = Duration::from_secs(30);

/// A klant made on `desk` (with a phone number, or none), synced; returns its partij record.
fn klant(desk: &Desk, tel: &str, email: &str) -> NieuwePartij {
    let nu = Utc::now();
    let partij = NieuwePartij {
        meta: loket::domain::RecordMeta::new(nu, desk.id),
        voornamen: "Eva".into(),
        voorvoegsel_achternaam: String::new(),
        achternaam: "Bakker".into(),
        zoeknaam: "bakker".into(),
    };
    loket::store::klanten::nieuwe_klant(&mut desk.store(), partij.clone(), [tel, email], nu)
        .unwrap();
    partij
}

/// The id of the klant's live contact detail of `soort` on `desk`.
fn adres_id(desk: &Desk, partij: Uuid, soort: &str) -> Uuid {
    let c = rusqlite::Connection::open(&desk.db).unwrap();
    let id: String = c
        .query_row(
            "SELECT id FROM digitaal_adres WHERE partij_id = ?1 AND soort_digitaal_adres = ?2
               AND deleted = 0",
            [partij.to_string(), soort.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    Uuid::parse_str(&id).unwrap()
}

/// Both correct Eva's phone number apart. A phone number is a record of its own under its
/// natural key: a correction ends the old one and adds the new, so both new numbers are kept
/// (nothing lost), the old one is ended everywhere, and the newest is the voorkeur on every desk.
#[test]
fn gelijktijdig_hetzelfde_telefoonnummer_gecorrigeerd_beide_blijven_de_nieuwste_is_voorkeur() {
    let Some(g) = Geval::start("zelfde_tel") else {
        return;
    };
    let a = g.desk("a");
    let b = g.desk("b");
    rt().block_on(async {
        init(&g.url).await;
        let eva = klant(&a, "0611111111", "");
        a.ronde_binnen(T).await;
        b.ronde_binnen(T).await;
        let t = Utc::now();
        loket::store::klanten::wijzig_contact(&mut a.store(), eva.meta.id, ["0622222222", ""], t)
            .unwrap();
        loket::store::klanten::wijzig_contact(
            &mut b.store(),
            eva.meta.id,
            ["0633333333", ""],
            t + Tijd::seconds(1),
        )
        .unwrap();
        a.ronde_binnen(T).await;
        b.ronde_binnen(T).await;
        a.ronde_binnen(T).await;
        assert_gelijk(&g.url, &[&a, &b], &[]).await;
        for d in [&a, &b] {
            assert_eq!(
                d.telefoons(eva.meta.id),
                vec!["0633333333".to_string(), "0622222222".to_string()],
                "{}: both kept, B's (newest) is the voorkeur, the old one ended",
                d.naam
            );
        }
    });
}

/// Both change Eva's surname apart: one wins (the later), the other desk is told.
#[test]
fn gelijktijdig_hetzelfde_veld_een_wint_de_ander_hoort_het() {
    let Some(g) = Geval::start("zelfde_veld") else {
        return;
    };
    let a = g.desk("a");
    let b = g.desk("b");
    rt().block_on(async {
        init(&g.url).await;
        let eva = klant(&a, "0611111111", "");
        a.ronde_binnen(T).await;
        b.ronde_binnen(T).await;
        let t = Utc::now();
        let mut op_a = eva.clone();
        op_a.achternaam = "Jansen".into();
        op_a.zoeknaam = "jansen".into();
        a.store().save(&mut op_a, t).unwrap();
        let mut op_b = eva.clone();
        op_b.achternaam = "Pietersen".into();
        op_b.zoeknaam = "pietersen".into();
        b.store().save(&mut op_b, t + Tijd::seconds(1)).unwrap();
        a.ronde_binnen(T).await;
        b.ronde_binnen(T).await;
        a.ronde_binnen(T).await;
        assert_gelijk(
            &g.url,
            &[&a, &b],
            &[
                Gelijktijdig {
                    desk: &a,
                    tabel: "partij",
                    record: eva.meta.id,
                    veld: "achternaam",
                    waarde: json!("Jansen"),
                },
                Gelijktijdig {
                    desk: &b,
                    tabel: "partij",
                    record: eva.meta.id,
                    veld: "achternaam",
                    waarde: json!("Pietersen"),
                },
            ],
        )
        .await;
        assert_eq!(
            server_tel(
                &g.url,
                &format!(
                    "SELECT count(*) FROM loket_record WHERE record_id = '{}' AND payload->>'achternaam' = 'Pietersen'",
                    eva.meta.id
                )
            )
            .await,
            1,
            "the later edit won"
        );
    });
}

#[test]
fn gelijktijdig_verschillende_velden_van_een_klant_blijven_allebei() {
    let Some(g) = Geval::start("andere_velden") else {
        return;
    };
    let a = g.desk("a");
    let b = g.desk("b");
    rt().block_on(async {
        init(&g.url).await;
        let eva = klant(&a, "0611111111", "");
        a.ronde_binnen(T).await;
        b.ronde_binnen(T).await;
        // Apart: A corrects her first name, B her surname (one partij record, two fields);
        // A adds an e-mail address while B corrects the phone (two records).
        let mut op_a = eva.clone();
        op_a.voornamen = "Eva-Marie".into();
        a.store().save(&mut op_a, Utc::now()).unwrap();
        let mut op_b = eva.clone();
        op_b.achternaam = "Bakker-de Wit".into();
        op_b.zoeknaam = "bakker-de wit".into();
        b.store()
            .save(&mut op_b, Utc::now() + Tijd::milliseconds(5))
            .unwrap();
        loket::store::klanten::wijzig_contact(
            &mut a.store(),
            eva.meta.id,
            ["0611111111", "eva@voorbeeld.nl"],
            Utc::now(),
        )
        .unwrap();
        loket::store::klanten::wijzig_contact(
            &mut b.store(),
            eva.meta.id,
            ["0644444444", ""],
            Utc::now(),
        )
        .unwrap();
        let tel = adres_id(&b, eva.meta.id, "telefoonnummer");
        a.ronde_binnen(T).await;
        b.ronde_binnen(T).await;
        a.ronde_binnen(T).await;
        assert_gelijk(
            &g.url,
            &[&a, &b],
            &[
                Gelijktijdig {
                    desk: &a,
                    tabel: "partij",
                    record: eva.meta.id,
                    veld: "voornamen",
                    waarde: json!("Eva-Marie"),
                },
                Gelijktijdig {
                    desk: &b,
                    tabel: "partij",
                    record: eva.meta.id,
                    veld: "achternaam",
                    waarde: json!("Bakker-de Wit"),
                },
                Gelijktijdig {
                    desk: &b,
                    tabel: "digitaal_adres",
                    record: tel,
                    veld: "adres",
                    waarde: json!("0644444444"),
                },
            ],
        )
        .await;
        // Per field, both edits hold (a loss on the list would still be a loss of data here).
        let c = crate::desks::client(&g.url).await;
        let p: serde_json::Value = c
            .query_one(
                "SELECT payload FROM loket_record WHERE tabel = 'partij' AND record_id = $1",
                &[&eva.meta.id],
            )
            .await
            .unwrap()
            .get(0);
        assert_eq!(
            (p["voornamen"].as_str(), p["achternaam"].as_str()),
            (Some("Eva-Marie"), Some("Bakker-de Wit")),
            "verschillende velden worden samengevoegd, niet het hele record vervangen"
        );
    });
}

#[test]
fn gelijktijdig_hetzelfde_contactgegeven_aangemaakt_wordt_een_record() {
    let Some(g) = Geval::start("zelfde_gegeven") else {
        return;
    };
    let a = g.desk("a");
    let b = g.desk("b");
    rt().block_on(async {
        init(&g.url).await;
        let eva = klant(&a, "", "eva@voorbeeld.nl");
        a.ronde_binnen(T).await;
        b.ronde_binnen(T).await;
        // Apart, both add the same phone number for Eva (she has none yet).
        for d in [&a, &b] {
            loket::store::klanten::wijzig_contact(
                &mut d.store(),
                eva.meta.id,
                ["0612345678", "eva@voorbeeld.nl"],
                Utc::now(),
            )
            .unwrap();
        }
        a.ronde_binnen(T).await;
        b.ronde_binnen(T).await;
        a.ronde_binnen(T).await;
        assert_gelijk(&g.url, &[&a, &b], &[]).await;
        assert_eq!(
            server_tel(
                &g.url,
                "SELECT count(*) FROM loket_record WHERE tabel = 'digitaal_adres'
                   AND payload->>'adres' = '0612345678' AND payload->>'deleted' IN ('0', 'false')"
            )
            .await,
            1
        );
    });
}

fn afspraak(uur: u32) -> loket::domain::afspraken::Afspraak {
    let begin = (Utc::now() + Tijd::days(3))
        .date_naive()
        .and_hms_opt(uur, 0, 0)
        .unwrap()
        .and_utc();
    loket::domain::afspraken::Afspraak {
        meta: loket::domain::RecordMeta::new(Utc::now(), Uuid::nil()),
        partij_id: None,
        product: "Aanvraag paspoort of ID-kaart".into(),
        locatie: "Balie 1".into(),
        medewerker_id: None,
        begin_op: begin,
        eind_op: begin + Tijd::minutes(15),
        status: "gepland".into(),
        bevestiging: None,
        reden: None,
        verzet_van: None,
    }
}

/// Both desks book Balie 1 at 10:00 while apart; returns (A's, B's) afspraak ids. A syncs first.
pub async fn zelfde_tijdslot(a: &Desk, b: &Desk) -> (Uuid, Uuid) {
    let eva = klant(a, "0611111111", "");
    a.ronde_binnen(T).await;
    b.ronde_binnen(T).await;
    let mut eerste = afspraak(10);
    eerste.partij_id = Some(eva.meta.id);
    loket::store::afspraken::boek(&mut a.store(), &mut eerste, Utc::now()).unwrap();
    let mut tweede = afspraak(10);
    tweede.partij_id = Some(eva.meta.id);
    loket::store::afspraken::boek(&mut b.store(), &mut tweede, Utc::now()).unwrap();
    (eerste.meta.id, tweede.meta.id)
}

#[test]
fn hetzelfde_tijdslot_offline_op_twee_desks_geboekt() {
    let Some(g) = Geval::start("tijdslot") else {
        return;
    };
    let a = g.desk("a");
    let b = g.desk("b");
    rt().block_on(async {
        init(&g.url).await;
        let (eerste, tweede) = zelfde_tijdslot(&a, &b).await;
        a.ronde_binnen(T).await;
        let rb = b.ronde_binnen(T).await;
        assert_eq!(
            rb.geweigerd.len(),
            1,
            "B hoort dat zijn boeking niet doorgaat"
        );
        a.ronde_binnen(T).await;
        assert_gelijk(&g.url, &[&a, &b], &[]).await;
        let status = |d: &Desk, id: Uuid| {
            d.tel(&format!(
                "SELECT count(*) FROM afspraak WHERE id = '{id}' AND status = 'gepland'"
            ))
        };
        assert_eq!((status(&a, eerste), status(&b, eerste)), (1, 1));
        assert_eq!(status(&b, tweede), 0);
        assert!(
            crate::desks::verloren_op(&b)
                .iter()
                .any(|v| v.record_id == tweede.to_string())
        );
    });
}
