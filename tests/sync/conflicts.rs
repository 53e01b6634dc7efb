//! The server as judge: bookings, tickets, payments and check-ins decided once, the loser told.

use crate::common::{Desk, afspraak, init, rt, server_tel};
use crate::pg::Pg;
use chrono::{Duration, Utc};
use loket::sync;
use uuid::Uuid;

#[test]
fn two_desks_booking_the_same_slot_offline_one_is_confirmed_the_other_alerted() {
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    let a = Desk::new(pg.dir(), "a");
    let b = Desk::new(pg.dir(), "b");
    rt().block_on(async {
        init(&url).await;
        // A klant at A, known to the shared database.
        let mut klant = loket::domain::klant::NieuwePartij {
            meta: loket::domain::RecordMeta::new(Utc::now(), a.id),
            voornamen: "Jan".into(),
            voorvoegsel_achternaam: "de".into(),
            achternaam: "Vries".into(),
            zoeknaam: "jan de vries".into(),
        };
        a.store().save(&mut klant, Utc::now()).unwrap();
        a.ronde(&url).await.unwrap();
        // Both offline, both book Balie 1 at 10:00 (each desk's own database allows it).
        let mut eerste = afspraak("Balie 1", 10);
        eerste.partij_id = Some(klant.meta.id);
        loket::store::afspraken::boek(&mut a.store(), &mut eerste, Utc::now()).unwrap();
        let voorbehoud = || {
            loket::store::lookup::klantbeeld(a.store().conn(), klant.meta.id)
                .unwrap()
                .unwrap()
                .afspraken[0]
                .voorbehoud
        };
        assert!(voorbehoud(), "not yet confirmed: onder voorbehoud");
        let mut tweede = afspraak("Balie 1", 10);
        tweede.eind_op = tweede.begin_op + Duration::minutes(30);
        loket::store::afspraken::boek(&mut b.store(), &mut tweede, Utc::now()).unwrap();
        // An unrelated booking at another balie goes through for both.
        loket::store::afspraken::boek(&mut b.store(), &mut afspraak("Balie 2", 10), Utc::now())
            .unwrap();
        let ra = a.ronde(&url).await.unwrap();
        assert!(ra.geweigerd.is_empty());
        assert!(!voorbehoud(), "confirmed by the server");
        let rb = b.ronde(&url).await.unwrap();
        assert_eq!(rb.geweigerd.len(), 1, "{rb:?}");
        let tekst = sync::weigering_tekst(&rb.geweigerd[0].0, &rb.geweigerd[0].1);
        assert!(
            tekst.contains("niet bevestigd") && tekst.contains("dubbele boeking"),
            "{tekst}"
        );
        // B's afspraak no longer holds the time; A's confirmed one arrived at B.
        assert_eq!(
            b.tel(&format!(
                "SELECT count(*) FROM afspraak WHERE id = '{}' AND status = 'geweigerd'",
                tweede.meta.id
            )),
            1
        );
        assert_eq!(
            b.tel(&format!(
                "SELECT count(*) FROM afspraak WHERE id = '{}' AND status = 'gepland'",
                eerste.meta.id
            )),
            1
        );
        assert_eq!(b.tel("SELECT count(*) FROM sync_geweigerd"), 1);
        a.ronde(&url).await.unwrap();
        assert_eq!(
            a.tel("SELECT count(*) FROM afspraak WHERE status = 'gepland'"),
            2,
            "A has its own and B's Balie 2 booking, not B's refused one"
        );
        assert_eq!(
            server_tel(&url, "SELECT count(*) FROM loket_afspraak").await,
            2
        );
    });
}

#[test]
fn tickets_stay_unique_across_desks_when_a_burst_runs_past_the_leased_block_offline() {
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    let a = Desk::new(pg.dir(), "a");
    let b = Desk::new(pg.dir(), "b");
    for d in [&a, &b] {
        d.store()
            .conn()
            .execute(
                "INSERT INTO dienst (id, created_at, updated_at, desk_id, naam, vorm, duur_minuten, prefix)
                 VALUES (?1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', ?2, 'Ophalen', 'inloop', 5, 'S')",
                [Uuid::nil().to_string(), d.id.to_string()],
            )
            .unwrap();
    }
    let inchecken = |d: &Desk, n: usize| -> Vec<String> {
        let mut s = d.store();
        (0..n)
            .map(|_| {
                loket::store::klantgeleiding::inchecken(
                    &mut s,
                    "Stadskantoor",
                    "Ophalen",
                    "S",
                    None,
                    sync::klok::nu(),
                )
                .unwrap()
                .nummer
            })
            .collect()
    };
    rt().block_on(async {
        init(&url).await;
        // Online once: each desk leases a block of S numbers for today.
        a.ronde(&url).await.unwrap();
        b.ronde(&url).await.unwrap();
        // Offline: A hands out 60 (its block has 50), B 5.
        let van_a = inchecken(&a, 60);
        let van_b = inchecken(&b, 5);
        assert_eq!(van_a[0], "S-001");
        assert_eq!(van_a[49], "S-050");
        assert_eq!(
            van_a[50], "S1-001",
            "past the block: the desk's own numbers"
        );
        assert_eq!(van_b[0], "S-051");
        let ra = a.ronde(&url).await.unwrap();
        let rb = b.ronde(&url).await.unwrap();
        assert!(
            ra.geweigerd.is_empty() && rb.geweigerd.is_empty(),
            "{ra:?} {rb:?}"
        );
        assert_eq!(
            server_tel(&url, "SELECT count(DISTINCT nummer) FROM loket_ticket").await,
            65
        );
        // Back online, A leased a fresh block: its next ticket is from it again.
        let verder = inchecken(&a, 1);
        assert_eq!(verder[0], "S-101");
        // Both desks see all 66 tickets, none twice.
        a.ronde(&url).await.unwrap();
        b.ronde(&url).await.unwrap();
        for d in [&a, &b] {
            assert_eq!(d.tel("SELECT count(DISTINCT nummer) FROM bezoek"), 66);
            assert_eq!(d.tel("SELECT count(*) FROM bezoek"), 66);
        }
    });
}

#[test]
fn a_contactverzoek_status_only_moves_forward_and_a_contactmoment_is_never_rewritten() {
    use loket::domain::contact::{Contactmoment, Contactverzoek};
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    let a = Desk::new(pg.dir(), "a");
    let b = Desk::new(pg.dir(), "b");
    rt().block_on(async {
        init(&url).await;
        let nu = Utc::now();
        let mut cv = Contactverzoek {
            meta: loket::domain::RecordMeta::new(nu, a.id),
            contactmoment_id: None,
            partij_id: None,
            gevraagde_handeling: "terugbellen".into(),
            toelichting: "vraag over aanslag".into(),
            terugbelnummer: Some("0612345678".into()),
            emailadres: None,
            afdeling_id: None,
            groep_id: None,
            medewerker_id: None,
            status: "te_verwerken".into(),
            uiterlijk_op: nu + Duration::days(1),
            verwerkt_op: None,
            resultaat: None,
            verwerkt_door: None,
        };
        let mut cm = Contactmoment {
            meta: loket::domain::RecordMeta::new(nu, a.id),
            plaatsgevonden_op: nu,
            kanaal: loket::domain::Kanaal::Telefoon,
            onderwerp: "Belastingen".into(),
            inhoud: "vraag over aanslag".into(),
            notitie: String::new(),
            afhandeling: "contactverzoek".into(),
            partij_id: None,
            zaak_id: None,
            medewerker_id: None,
            afdeling_id: None,
            duur_seconden: 120,
            nawerk_seconden: 30,
            eerstelijns_afgehandeld: false,
            bronnen: Vec::new(),
            gesprek_id: None,
            ontvangen_op: None,
        };
        {
            let mut s = a.store();
            s.save(&mut cm, nu).unwrap();
            s.save(&mut cv, nu).unwrap();
        }
        a.ronde(&url).await.unwrap();
        b.ronde(&url).await.unwrap();
        // B calls back: verwerkt. A, later, edits the toelichting on its old copy (te_verwerken)
        // and also rewrites the contactmoment (which must not change).
        let mut op_b = cv.clone();
        op_b.status = "verwerkt".into();
        op_b.resultaat = Some("teruggebeld".into());
        b.store().save(&mut op_b, Utc::now()).unwrap();
        b.ronde(&url).await.unwrap();
        std::thread::sleep(std::time::Duration::from_millis(5));
        let mut op_a = cv.clone();
        op_a.toelichting = "vraag over aanslag 2026, klant is niet thuis voor 17:00".into();
        let mut cm_a = cm.clone();
        cm_a.inhoud = "herschreven".into();
        {
            let mut s = a.store();
            s.save(&mut op_a, Utc::now()).unwrap();
            s.save(&mut cm_a, Utc::now()).unwrap();
        }
        a.ronde(&url).await.unwrap();
        b.ronde(&url).await.unwrap();
        for d in [&a, &b] {
            let (status, toelichting, resultaat): (String, String, Option<String>) =
                rusqlite::Connection::open(&d.db)
                    .unwrap()
                    .query_row(
                        "SELECT status, toelichting, resultaat FROM contactverzoek",
                        [],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                    )
                    .unwrap();
            assert_eq!(status, "verwerkt", "the status never goes back");
            assert!(toelichting.contains("niet thuis"), "the later edit counts");
            assert_eq!(resultaat.as_deref(), Some("teruggebeld"));
            let inhoud: String = rusqlite::Connection::open(&d.db)
                .unwrap()
                .query_row("SELECT inhoud FROM contactmoment", [], |r| r.get(0))
                .unwrap();
            assert_eq!(
                inhoud, "vraag over aanslag",
                "a contactmoment is written once"
            );
        }
    });
}

/// Issue 15: two desks correct the same payment offline; the server books the first correction
/// and refuses the second, whose desk is told with both receipt numbers.
#[test]
fn a_payment_corrected_on_two_desks_offline_is_corrected_once_on_the_server() {
    use loket::domain::kas::Methode;
    use loket::store::kas::{NieuweBetaling, betaal};
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    let a = Desk::new(pg.dir(), "a");
    let b = Desk::new(pg.dir(), "b");
    let betaling = |balie: &str, cent: i64, correctie_van: Option<Uuid>| NieuweBetaling {
        balie: balie.into(),
        product: "Paspoort".into(),
        bedrag_cent: cent,
        methode: Methode::Pin,
        medewerker: "Tess Bakker".into(),
        bezoek_id: None,
        partij_id: None,
        correctie_van,
        reden: correctie_van.map(|_| "dubbel aangeslagen".into()),
    };
    let origineel = betaal(&mut a.store(), &betaling("Balie 1", 8035, None), Utc::now()).unwrap();
    rt().block_on(async {
        init(&url).await;
        a.ronde(&url).await.unwrap();
        b.ronde(&url).await.unwrap();
        // Both correct it while offline: each desk's own file allows one.
        let ca = betaal(
            &mut a.store(),
            &betaling("Balie 1", -8035, Some(origineel.meta.id)),
            Utc::now(),
        )
        .unwrap();
        let cb = betaal(
            &mut b.store(),
            &betaling("Balie 2", -8035, Some(origineel.meta.id)),
            Utc::now(),
        )
        .unwrap();
        assert!(a.ronde(&url).await.unwrap().geweigerd.is_empty());
        let r = b.ronde(&url).await.unwrap();
        let [(op, reden)] = r.geweigerd.as_slice() else {
            panic!("{:?}", r.geweigerd)
        };
        assert_eq!(op.record_id, cb.meta.id);
        assert_eq!(
            sync::weigering_tekst(op, reden),
            format!(
                "Bon {} niet geregistreerd: deze betaling is al gecorrigeerd met bon {}.",
                cb.bonnummer, ca.bonnummer
            )
        );
        let correcties = server_tel(
            &url,
            &format!(
                "SELECT count(*) FROM loket_record WHERE tabel = 'kas_betaling'
                 AND payload->>'correctie_van' = '{}'",
                origineel.meta.id
            ),
        )
        .await;
        assert_eq!(correcties, 1);
    });
}

/// Issue 15: a contactverzoek handled on one desk and, from an older copy, on another desk
/// offline: the server refuses the second result, that desk is told who handled it and takes
/// the server's version.
#[test]
fn a_contactverzoek_handled_on_two_desks_is_handled_once_and_the_second_is_told() {
    use loket::domain::contact::Contactverzoek;
    use loket::store::verzoeken;
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    let a = Desk::new(pg.dir(), "a");
    let b = Desk::new(pg.dir(), "b");
    let nu = Utc::now();
    let mut cv = Contactverzoek {
        meta: loket::domain::RecordMeta::new(nu, a.id),
        contactmoment_id: None,
        partij_id: None,
        gevraagde_handeling: "terugbellen".into(),
        toelichting: "vraag over aanslag".into(),
        terugbelnummer: Some("0612345678".into()),
        emailadres: None,
        afdeling_id: None,
        groep_id: None,
        medewerker_id: None,
        status: "te_verwerken".into(),
        uiterlijk_op: nu + Duration::days(1),
        verwerkt_op: None,
        resultaat: None,
        verwerkt_door: None,
    };
    a.store().save(&mut cv, nu).unwrap();
    let id = cv.meta.id;
    rt().block_on(async {
        init(&url).await;
        a.ronde(&url).await.unwrap();
        b.ronde(&url).await.unwrap();
        // Eva on A calls back (handled); Jan on B, not yet synced, records "doorgezet".
        verzoeken::afhandelen(&mut a.store(), id, 0, "", "Eva Bakker", Utc::now()).unwrap();
        verzoeken::afhandelen(&mut b.store(), id, 2, "", "Jan de Vries", Utc::now()).unwrap();
        assert!(a.ronde(&url).await.unwrap().geweigerd.is_empty());
        let r = b.ronde(&url).await.unwrap();
        let teksten: Vec<String> = r
            .geweigerd
            .iter()
            .map(|(op, reden)| sync::weigering_tekst(op, reden))
            .collect();
        assert_eq!(
            teksten,
            vec![
                "Uw resultaat is niet vastgelegd: dit contactverzoek is al afgehandeld door Eva Bakker."
                    .to_string()
            ]
        );
        for d in [&a, &b] {
            d.ronde(&url).await.unwrap();
            let (status, resultaat, door): (String, Option<String>, Option<String>) =
                rusqlite::Connection::open(&d.db)
                    .unwrap()
                    .query_row(
                        "SELECT status, resultaat, verwerkt_door FROM contactverzoek WHERE id = ?1",
                        [id.to_string()],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                    )
                    .unwrap();
            assert_eq!(
                (status.as_str(), resultaat.as_deref(), door.as_deref()),
                ("verwerkt", Some("klant teruggebeld, afgehandeld"), Some("Eva Bakker")),
                "both desks show the server's version"
            );
        }
    });
}

/// Issue 15: checking an afspraak in is claimed on the server too. Two receptie desks, each on
/// its own file, check the same klant in for the same afspraak before either hears from the
/// other (offline, or at the same moment): the server keeps one ticket, the second desk is
/// told, and no visitor waits for the refused ticket on that desk.
#[test]
fn an_afspraak_checked_in_at_two_desks_gives_one_ticket_and_the_second_is_told() {
    use chrono::TimeZone;
    use loket::domain::afspraken::Afspraak;
    use loket::domain::klantgeleiding::DagAfspraak;
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    let nu = chrono::Local
        .with_ymd_and_hms(2026, 11, 23, 9, 55, 0)
        .unwrap()
        .with_timezone(&Utc);
    let (a, b) = (Desk::new(pg.dir(), "a"), Desk::new(pg.dir(), "b"));
    let mut afspraak = Afspraak {
        meta: loket::domain::RecordMeta::new(nu - Duration::days(3), a.id),
        partij_id: None,
        product: "Aanvraag paspoort".into(),
        locatie: "Balie 3".into(),
        medewerker_id: None,
        begin_op: nu + Duration::minutes(5),
        eind_op: nu + Duration::minutes(20),
        status: "gepland".into(),
        bevestiging: None,
        reden: None,
        verzet_van: None,
    };
    loket::store::afspraken::boek(&mut a.store(), &mut afspraak, nu - Duration::days(3)).unwrap();
    rt().block_on(async {
        init(&url).await;
        a.ronde(&url).await.unwrap();
        b.ronde(&url).await.unwrap();
    });
    let dag = DagAfspraak {
        id: afspraak.meta.id,
        begin_op: afspraak.begin_op,
        eind_op: afspraak.eind_op,
        medewerker: None,
        product: afspraak.product.clone(),
        locatie: afspraak.locatie.clone(),
        partij_id: None,
        klant: "Jan de Vries".into(),
        status: "gepland".into(),
    };
    // Both check the klant in before hearing from the other.
    let ta =
        loket::store::klantgeleiding::afspraak_inchecken(&mut a.store(), "Stadskantoor", &dag, nu)
            .unwrap();
    let tb = loket::store::klantgeleiding::afspraak_inchecken(
        &mut b.store(),
        "Stadskantoor",
        &dag,
        nu + Duration::seconds(1),
    )
    .unwrap();
    let (ra, rb) = rt().block_on(async {
        let ra = a.ronde(&url).await.unwrap();
        let rb = b.ronde(&url).await.unwrap();
        a.ronde(&url).await.unwrap();
        (ra, rb)
    });
    assert!(ra.geweigerd.is_empty(), "{:?}", ra.geweigerd);
    let (op, reden) = rb
        .geweigerd
        .iter()
        .find(|(op, _)| op.record_id == tb.meta.id)
        .expect("the second ticket is refused");
    assert_eq!(reden, "deze afspraak is al ingecheckt aan een andere desk");
    assert_eq!(
        sync::weigering_tekst(op, reden),
        format!(
            "Ticket {} niet geregistreerd: deze afspraak is al ingecheckt aan een andere desk.",
            tb.nummer
        )
    );
    let sql = format!(
        "SELECT count(*) FROM bezoek WHERE afspraak_id = '{}' AND deleted = 0",
        afspraak.meta.id
    );
    assert_eq!(a.tel(&sql), 1, "desk a: its own ticket");
    assert_eq!(
        b.tel(&sql),
        1,
        "desk b: the server's ticket, not its refused one"
    );
    assert_eq!(
        b.tel(&format!(
            "SELECT count(*) FROM bezoek WHERE id = '{}' AND deleted = 0",
            ta.meta.id
        )),
        1
    );
    let server = rt().block_on(server_tel(
        &url,
        &format!(
            "SELECT count(*) FROM loket_record WHERE tabel = 'bezoek'
             AND payload->>'afspraak_id' = '{}' AND (payload->>'deleted')::int = 0",
            afspraak.meta.id
        ),
    ));
    assert_eq!(server, 1);
    // B's refused ticket went to the server as deleted (its outbox entry), so every desk has
    // the same row; it claimed no number there.
    let weg = format!(
        "SELECT count(*) FROM loket_record WHERE record_id = '{}' AND (payload->>'deleted')::int = 1",
        tb.meta.id
    );
    assert_eq!(rt().block_on(server_tel(&url, &weg)), 1);
    assert_eq!(
        a.tel(&format!(
            "SELECT count(*) FROM bezoek WHERE id = '{}' AND deleted = 1",
            tb.meta.id
        )),
        1
    );
    assert_eq!(
        rt().block_on(server_tel(&url, "SELECT count(*) FROM loket_ticket")),
        1
    );
}

#[test]
fn a_refused_booking_reaches_every_desk_as_geweigerd_through_the_outbox_and_waits_in_meldingen() {
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    let a = Desk::new(pg.dir(), "a");
    let b = Desk::new(pg.dir(), "b");
    rt().block_on(async {
        init(&url).await;
        let mut klant = loket::domain::klant::NieuwePartij {
            meta: loket::domain::RecordMeta::new(Utc::now(), b.id),
            voornamen: "Eva".into(),
            voorvoegsel_achternaam: String::new(),
            achternaam: "Bakker".into(),
            zoeknaam: "eva bakker".into(),
        };
        b.store().save(&mut klant, Utc::now()).unwrap();
        b.ronde(&url).await.unwrap();
        loket::store::afspraken::boek(&mut a.store(), &mut afspraak("Balie 1", 11), Utc::now())
            .unwrap();
        let mut tweede = afspraak("Balie 1", 11);
        tweede.partij_id = Some(klant.meta.id);
        loket::store::afspraken::boek(&mut b.store(), &mut tweede, Utc::now()).unwrap();
        a.ronde(&url).await.unwrap();
        let rb = b.ronde(&url).await.unwrap();
        assert_eq!(rb.geweigerd.len(), 1, "{rb:?}");
        // B's file: geweigerd, with an outbox entry that says so; the entry waits in its list.
        let status = format!(
            "SELECT count(*) FROM afspraak WHERE id = '{}' AND status = 'geweigerd'",
            tweede.meta.id
        );
        assert_eq!(b.tel(&status), 1);
        let lijst = sync::melding::open(b.store().conn()).unwrap();
        assert_eq!(lijst.len(), 1, "{lijst:?}");
        assert_eq!(lijst[0].klant, Some(klant.meta.id));
        assert_eq!(lijst[0].klant_naam.as_deref(), Some("Eva Bakker"));
        assert!(lijst[0].tekst.contains("niet bevestigd"), "{}", lijst[0].tekst);
        // The next round hands the consequence in; the server takes it (no time held) and A
        // gets the same row. Nothing is refused again, and the list still has its one entry.
        let rb = b.ronde(&url).await.unwrap();
        assert!(rb.geweigerd.is_empty(), "{rb:?}");
        assert_eq!(b.tel("SELECT count(*) FROM outbox WHERE uploaded_at IS NULL"), 0);
        a.ronde(&url).await.unwrap();
        assert_eq!(a.tel(&status), 1, "every desk has the refused booking as geweigerd");
        assert_eq!(
            server_tel(&url, "SELECT count(*) FROM loket_afspraak").await,
            1,
            "only the confirmed booking holds the time"
        );
        assert_eq!(
            server_tel(
                &url,
                &format!(
                    "SELECT count(*) FROM loket_record WHERE record_id = '{}' AND payload->>'status' = 'geweigerd'",
                    tweede.meta.id
                )
            )
            .await,
            1
        );
        assert_eq!(sync::melding::aantal_open(b.store().conn()).unwrap(), 1);
        assert_eq!(sync::melding::aantal_open(a.store().conn()).unwrap(), 0);
    });
}
