use super::*;
use chrono::TimeZone;

#[test]
fn numbers_count_up_per_prefix_restart_each_day_and_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let pad = dir.path().join("t.db");
    let ochtend = Local
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    {
        let mut store = Store::open(&pad, Uuid::now_v7()).unwrap();
        let a = inchecken(&mut store, "Stadskantoor", "Ophalen", "S", None, ochtend).unwrap();
        let b = inchecken(&mut store, "Stadskantoor", "Ophalen", "S", None, ochtend).unwrap();
        let c = inchecken(&mut store, "Stadskantoor", "Uittreksel", "U", None, ochtend).unwrap();
        assert_eq!(
            (a.nummer.as_str(), b.nummer.as_str(), c.nummer.as_str()),
            ("S-001", "S-002", "U-001")
        );
    }
    // After a restart the numbering goes on; another location has its own.
    let mut store = Store::open(&pad, Uuid::now_v7()).unwrap();
    let d = inchecken(&mut store, "Stadskantoor", "Ophalen", "S", None, ochtend).unwrap();
    assert_eq!(d.nummer, "S-003");
    let e = inchecken(&mut store, "Wijkpost", "Ophalen", "S", None, ochtend).unwrap();
    assert_eq!(e.nummer, "S-001");
    // The next day starts again at 1.
    let morgen = ochtend + chrono::Duration::days(1);
    let f = inchecken(&mut store, "Stadskantoor", "Ophalen", "S", None, morgen).unwrap();
    assert_eq!(f.nummer, "S-001");
    let open = open_bezoeken(
        store.conn(),
        "Stadskantoor",
        ochtend.with_timezone(&Local).date_naive(),
    )
    .unwrap();
    assert_eq!(open.len(), 4);
    assert_eq!(open[0].nummer, "S-001");
}

#[test]
fn the_display_shows_called_numbers_newest_first_and_waiting_counts() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.db"), Uuid::now_v7()).unwrap();
    let now = Utc::now();
    let mut a = inchecken(&mut store, "Stadskantoor", "Ophalen", "S", None, now).unwrap();
    let mut b = inchecken(&mut store, "Stadskantoor", "Ophalen", "S", None, now).unwrap();
    inchecken(&mut store, "Stadskantoor", "Uittreksel", "U", None, now).unwrap();
    let wachtend = Verwacht::van(&a);
    a.status = "opgeroepen".into();
    a.oproepen = 1;
    a.balie = Some("Balie 5".into());
    a.opgeroepen_op = Some(now);
    overgang(&mut store, &mut a, &wachtend, now)
        .unwrap()
        .unwrap();
    b.status = "opgeroepen".into();
    b.oproepen = 2;
    b.balie = Some("Snelbalie 1".into());
    b.opgeroepen_op = Some(now + chrono::Duration::seconds(5));
    overgang(&mut store, &mut b, &wachtend, now)
        .unwrap()
        .unwrap();
    let o = oproepen(
        store.conn(),
        "Stadskantoor",
        now.with_timezone(&Local).date_naive(),
    )
    .unwrap();
    assert_eq!(
        o.opgeroepen,
        vec![
            ("S-002".to_string(), "Snelbalie 1".to_string(), 2),
            ("S-001".to_string(), "Balie 5".to_string(), 1)
        ]
    );
    assert_eq!(o.wachtend, vec![("Uittreksel".to_string(), 1)]);
}

#[test]
fn online_the_hall_screen_shows_a_call_once_the_server_took_it_or_the_bound_passed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.db"), Uuid::now_v7()).unwrap();
    let nu = ochtend();
    let dag = nu.with_timezone(&Local).date_naive();
    let ingecheckt = inchecken(&mut store, "Stadskantoor", "Ophalen", "S", None, nu).unwrap();
    let o = roep_volgende(&mut store, "Stadskantoor", "Balie 2", &[], nu)
        .unwrap()
        .unwrap();
    assert_eq!(o.bezoek.map(|b| b.meta.id), Some(ingecheckt.meta.id));
    let getoond = |t: DateTime<Utc>| {
        oproepen_op(store.conn(), "Stadskantoor", dag, t)
            .unwrap()
            .opgeroepen
            .into_iter()
            .map(|(n, _, _)| n)
            .collect::<Vec<String>>()
    };
    let half = nu + chrono::Duration::milliseconds(500);
    // A desk without sync (or never synced) shows its calls at once.
    assert_eq!(getoond(half), vec!["S-001"]);
    // Offline (the last round a minute ago): at once, too.
    let zet = |t: DateTime<Utc>| {
        store
            .conn()
            .execute(
                "INSERT INTO meta (key, value) VALUES ('sync_laatst_ok', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [crate::store::ts(t)],
            )
            .unwrap();
    };
    zet(nu - chrono::Duration::minutes(1));
    assert_eq!(getoond(half), vec!["S-001"]);
    // Online: held back while the server has not taken the claim, up to the bound.
    zet(nu - chrono::Duration::seconds(1));
    assert!(getoond(half).is_empty());
    assert_eq!(
        getoond(nu + chrono::Duration::milliseconds(2500)),
        vec!["S-001"],
        "the bound passed: shown from this desk's file, as the balie announces it"
    );
    // The server took it (handed in): shown.
    store
        .conn()
        .execute(
            "UPDATE outbox SET uploaded_at = ?1 WHERE record_id = ?2",
            params![crate::store::ts(half), ingecheckt.meta.id.to_string()],
        )
        .unwrap();
    assert_eq!(getoond(half), vec!["S-001"]);
}

#[test]
fn an_afspraak_checked_in_gets_a_ticket_for_its_balie_and_is_marked_aanwezig() {
    let dir = tempfile::tempdir().unwrap();
    let pad = dir.path().join("demo.db");
    // A Monday: the demo books afspraken on werkdagen.
    let vandaag = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let nu = Local
        .with_ymd_and_hms(2026, 11, 23, 9, 5, 0)
        .unwrap()
        .with_timezone(&Utc);
    crate::demo::klein(&pad, 7, 2, vandaag);
    let mut store = Store::open(&pad, Uuid::now_v7()).unwrap();
    let lijst = afspraken_vandaag(store.conn(), vandaag).unwrap();
    assert!(lijst.len() > 10, "the demo books afspraken on a Monday");
    let a = &lijst[0];
    assert!(!a.klant.is_empty());
    let b = afspraak_inchecken(&mut store, "Stadskantoor", a, nu).unwrap();
    assert_eq!(b.balie.as_deref(), Some(a.locatie.as_str()));
    assert_eq!(b.afspraak_op, Some(a.begin_op));
    assert_eq!(b.dienst, a.product);
    let status: String = store
        .conn()
        .query_row(
            "SELECT status FROM afspraak WHERE id = ?1",
            [a.id.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(status, "aanwezig");
    assert!(
        !afspraken_vandaag(store.conn(), vandaag)
            .unwrap()
            .iter()
            .any(|x| x.id == a.id)
    );
    let open = open_bezoeken(store.conn(), "Stadskantoor", vandaag).unwrap();
    assert_eq!(open[0].afspraak_id, Some(a.id));
    // Checked in again from another desk's older list: told, and no second ticket.
    let fout = afspraak_inchecken(&mut store, "Stadskantoor", a, nu)
        .unwrap_err()
        .to_string();
    assert_eq!(
        fout,
        format!("deze afspraak is al ingecheckt (ticket {})", b.nummer)
    );
    let tickets: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM bezoek WHERE afspraak_id = ?1",
            [a.id.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tickets, 1);
}

#[test]
fn the_day_agenda_keeps_arrived_and_no_shows_leaves_out_cancelled_and_names_the_medewerker() {
    let dir = tempfile::tempdir().unwrap();
    let pad = dir.path().join("demo.db");
    let vandaag = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    crate::demo::klein(&pad, 7, 2, vandaag);
    let mut store = Store::open(&pad, Uuid::now_v7()).unwrap();
    let voor = dagagenda(store.conn(), vandaag).unwrap();
    assert!(
        voor.iter().all(|r| r.medewerker.is_some()),
        "the demo sets one"
    );
    let (gekomen, weg, geannuleerd) = (voor[0].id, voor[1].id, voor[2].id);
    let nu = Utc::now();
    afspraak_inchecken(&mut store, "Stadskantoor", &voor[0], nu).unwrap();
    super::super::afspraken::wijzig_status(&mut store, weg, "no_show", None, nu).unwrap();
    super::super::afspraken::wijzig_status(
        &mut store,
        geannuleerd,
        "geannuleerd",
        Some("ziek"),
        nu,
    )
    .unwrap();
    let na = dagagenda(store.conn(), vandaag).unwrap();
    let status = |id| na.iter().find(|r| r.id == id).map(|r| r.status.clone());
    assert_eq!(status(gekomen).as_deref(), Some("aanwezig"));
    assert_eq!(status(weg).as_deref(), Some("no_show"));
    assert_eq!(status(geannuleerd), None);
    assert_eq!(na.len(), voor.len() - 1);
    assert!(na.windows(2).all(|w| w[0].begin_op <= w[1].begin_op));
    // The receptie's check-in list has only those still to come.
    let te_komen = afspraken_vandaag(store.conn(), vandaag).unwrap();
    assert_eq!(te_komen.len(), voor.len() - 3);
}

#[test]
fn two_receptie_desks_checking_in_at_once_never_share_a_number() {
    let dir = tempfile::tempdir().unwrap();
    let pad = dir.path().join("t.db");
    drop(Store::open(&pad, Uuid::now_v7()).unwrap());
    let now = Utc::now();
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let pad = pad.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&pad, Uuid::now_v7()).unwrap();
                (0..25)
                    .map(|_| {
                        inchecken(&mut store, "Stadskantoor", "Ophalen", "S", None, now)
                            .unwrap()
                            .nummer
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut alle: Vec<String> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    alle.sort();
    let n = alle.len();
    alle.dedup();
    assert_eq!(alle.len(), n, "a number was given twice");
    assert_eq!(alle.last().map(String::as_str), Some("S-050"));
}

#[test]
fn visitors_for_staff_are_in_the_building_until_they_leave() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.db"), Uuid::now_v7()).unwrap();
    let now = Utc::now();
    assert!(bezoeker_binnen(&mut store, "Stadskantoor", " ", "ICT", None, now).is_err());
    assert!(bezoeker_binnen(&mut store, "Stadskantoor", "Kim", "", None, now).is_err());
    let a = bezoeker_binnen(
        &mut store,
        "Stadskantoor",
        "Kim Peters",
        "Team ICT",
        Some("Storingsdienst BV"),
        now,
    )
    .unwrap();
    bezoeker_binnen(
        &mut store,
        "Stadskantoor",
        "Ali Yilmaz",
        "Sollicitatie P&O",
        Some(" "),
        now,
    )
    .unwrap();
    bezoeker_binnen(&mut store, "Wijkpost Noord", "Els", "Wijkteam", None, now).unwrap();
    let binnen = in_gebouw(store.conn(), "Stadskantoor").unwrap();
    assert_eq!(binnen.len(), 2, "the other location is not this building");
    assert_eq!(binnen[0].bedrijf.as_deref(), Some("Storingsdienst BV"));
    assert_eq!(binnen[1].bedrijf, None, "blank company is none");
    bezoeker_buiten(&mut store, a, now).unwrap();
    let binnen = in_gebouw(store.conn(), "Stadskantoor").unwrap();
    assert_eq!(
        binnen.iter().map(|b| b.naam.as_str()).collect::<Vec<_>>(),
        ["Ali Yilmaz"]
    );
}

/// A fixed morning (a Monday), so no demo or other test data of "today" can interfere.
fn ochtend() -> DateTime<Utc> {
    Local
        .with_ymd_and_hms(2026, 11, 23, 10, 0, 0)
        .unwrap()
        .with_timezone(&Utc)
}

#[test]
fn many_balies_pressing_call_next_at_once_on_one_file_call_every_visitor_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let pad = dir.path().join("t.db");
    let now = ochtend();
    let mut ids = Vec::new();
    {
        let mut store = Store::open(&pad, Uuid::now_v7()).unwrap();
        for i in 0..40 {
            let t = now + chrono::Duration::seconds(i);
            ids.push(
                inchecken(&mut store, "Stadskantoor", "Ophalen", "S", None, t)
                    .unwrap()
                    .meta
                    .id,
            );
        }
    }
    let balies = 6;
    let start = std::sync::Arc::new(std::sync::Barrier::new(balies));
    let handles: Vec<_> = (0..balies)
        .map(|n| {
            let pad = pad.clone();
            let start = start.clone();
            std::thread::spawn(move || {
                let balie = format!("Balie {n}");
                let mut store = Store::open(&pad, Uuid::now_v7()).unwrap();
                let mut geroepen = Vec::new();
                start.wait();
                loop {
                    let o = roep_volgende(&mut store, "Stadskantoor", &balie, &[], now)
                        .unwrap()
                        .unwrap();
                    let Some(mut b) = o.bezoek else { break };
                    assert_eq!(b.balie.as_deref(), Some(balie.as_str()));
                    // Calling again before finishing is refused by the store itself.
                    assert_eq!(
                        roep_volgende(&mut store, "Stadskantoor", &balie, &[], now).unwrap(),
                        Err(NietOproepen::BalieBezet(b.nummer.clone()))
                    );
                    geroepen.push(b.meta.id);
                    let verwacht = Verwacht::van(&b);
                    b.status = crate::domain::klantgeleiding::KLAAR.into();
                    b.klaar_op = Some(now);
                    overgang(&mut store, &mut b, &verwacht, now)
                        .unwrap()
                        .unwrap();
                    // Helping a visitor takes a moment; the others call meanwhile.
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                geroepen
            })
        })
        .collect();
    let mut alle: Vec<Uuid> = Vec::new();
    let mut per_balie = Vec::new();
    for h in handles {
        let g = h.join().unwrap();
        per_balie.push(g.len());
        alle.extend(g);
    }
    let n = alle.len();
    alle.sort();
    alle.dedup();
    assert_eq!(alle.len(), n, "a visitor was called twice");
    ids.sort();
    assert_eq!(alle, ids, "every visitor called exactly once");
    let store = Store::open(&pad, Uuid::now_v7()).unwrap();
    // Each visitor called once: one outbox entry for the call, one for finishing.
    for id in &ids {
        let (oproepen, klaar): (i64, i64) = store
            .conn()
            .query_row(
                "SELECT coalesce(sum(payload LIKE '%\"status\":\"opgeroepen\"%'), 0),
                        coalesce(sum(payload LIKE '%\"status\":\"klaar\"%'), 0)
                 FROM outbox WHERE record_id = ?1",
                [id.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((oproepen, klaar), (1, 1), "{id}");
    }
    assert!(
        per_balie.iter().filter(|n| **n > 0).count() > 1,
        "the balies shared the work: {per_balie:?}"
    );
}

#[test]
fn a_step_on_a_visitor_another_balie_has_is_refused_and_says_who_has_them() {
    let dir = tempfile::tempdir().unwrap();
    let pad = dir.path().join("t.db");
    let now = ochtend();
    let mut een = Store::open(&pad, Uuid::now_v7()).unwrap();
    let mut twee = Store::open(&pad, Uuid::now_v7()).unwrap();
    let s9 = inchecken(&mut een, "Stadskantoor", "Ophalen", "S", None, now).unwrap();
    // Balie 2 saw S-001 waiting (its list is old) and wants to call it directly.
    let gezien = s9.clone();
    let o = roep_volgende(&mut een, "Stadskantoor", "Balie 1", &[], now)
        .unwrap()
        .unwrap();
    assert_eq!(o.bezoek.as_ref().map(|b| b.nummer.as_str()), Some("S-001"));
    let mut poging = roep_op(&gezien, "Balie 2", now);
    let verloren = overgang(&mut twee, &mut poging, &Verwacht::van(&gezien), now)
        .unwrap()
        .unwrap_err();
    assert_eq!(verloren.melding(), "S-001 is al opgeroepen door Balie 1.");
    // Nothing was written for the loser: the row is Balie 1's, with one call.
    let nu = bezoek(een.conn(), s9.meta.id).unwrap().unwrap();
    assert_eq!(
        (nu.status.as_str(), nu.balie.as_deref(), nu.oproepen),
        (OPGEROEPEN, Some("Balie 1"), 1)
    );
    let uitgaand: i64 = twee
        .conn()
        .query_row(
            "SELECT count(*) FROM outbox WHERE record_id = ?1 AND desk_id = ?2",
            params![s9.meta.id.to_string(), twee.desk_id().to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(uitgaand, 0, "no outbox entry for a lost step");
    // Balie 2 pressing v is simply told nobody waits for it.
    let o = roep_volgende(&mut twee, "Stadskantoor", "Balie 2", &[], now)
        .unwrap()
        .unwrap();
    assert_eq!(o.bezoek, None);
    // Finished by Balie 1, a late no-show from a stale screen is refused too.
    let mut b = nu.clone();
    let verwacht = Verwacht::van(&b);
    b.status = crate::domain::klantgeleiding::KLAAR.into();
    overgang(&mut een, &mut b, &verwacht, now).unwrap().unwrap();
    let mut x = nu.clone();
    x.status = crate::domain::klantgeleiding::NO_SHOW.into();
    let v = overgang(&mut twee, &mut x, &verwacht, now)
        .unwrap()
        .unwrap_err();
    assert_eq!(v.melding(), "S-001 is al afgerond.");
}
