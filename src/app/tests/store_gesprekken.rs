//! The store's calls as the desk's telephone queue writes them: the records come from the
//! app's `Telefonie`, so these tests live with the app (the store never imports it).

use crate::app::telefonie::{TelEffect, Telefonie};
use crate::domain::telefonie::Gesprek;
use crate::store::Store;
use crate::store::gesprekken::*;
use crate::telefonie::TelEvent;
use chrono::{DateTime, Utc};
use chrono::{Local, TimeZone};
use uuid::Uuid;

/// Monday 2 March 2026, 10:00 local: a pinned moment, nothing else in the database.
fn om(s: i64) -> DateTime<Utc> {
    Local
        .with_ymd_and_hms(2026, 3, 2, 10, 0, 0)
        .unwrap()
        .with_timezone(&Utc)
        + chrono::Duration::seconds(s)
}

fn desk(n: u128) -> Uuid {
    Uuid::from_u128(0x0190_a0b0_0000_7000_8000_0000_0000_0000 + n)
}

/// What a desk's telephone state asks to record for `events`.
fn records(tel: &mut Telefonie, desk: Uuid, events: Vec<TelEvent>) -> Vec<Gesprek> {
    let mut uit = Vec::new();
    for e in events {
        for eff in tel.event(e, desk, None, "Agent").effects {
            if let TelEffect::BewaarGesprek(g) = eff {
                uit.push(*g);
            }
        }
    }
    uit
}

fn binnen(id: &str, at: i64) -> TelEvent {
    TelEvent::Binnen {
        id: id.into(),
        linkedid: None,
        nummer: "0612345678".into(),
        keuze: "Burgerzaken".into(),
        terugval: false,
        sinds: om(at),
    }
}

fn vloer(store: &Store, nu: DateTime<Utc>) -> crate::store::vloer::Vloer {
    crate::store::vloer::laad(
        store.conn(),
        nu.with_timezone(&Local).date_naive(),
        nu,
        &crate::domain::kpi::Normen::default(),
    )
    .unwrap()
}

#[test]
fn a_call_is_stored_waiting_from_the_moment_it_joins_and_the_floor_sees_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("loket.db"), desk(1)).unwrap();
    let mut tel = Telefonie {
        nu: om(0),
        ..Telefonie::default()
    };
    for g in records(
        &mut tel,
        desk(1),
        vec![binnen("1700000000.1", 0), binnen("1700000000.2", 20)],
    ) {
        bewaar(&mut store, &mut g.clone(), om(20)).unwrap();
    }
    // Nobody answered yet: both are in the database as waiting.
    let g = lees(store.conn(), Gesprek::id_voor("1700000000.1"))
        .unwrap()
        .unwrap();
    assert!(g.open() && g.aangenomen_op.is_none());
    let v = vloer(&store, om(50));
    assert_eq!((v.telefoon.wachtend, v.telefoon.langste_nu), (2, 50));
    assert_eq!(v.wachtrijen.len(), 1);
    assert_eq!(
        (
            v.wachtrijen[0].naam.as_str(),
            v.wachtrijen[0].wachtend,
            v.wachtrijen[0].langste_s
        ),
        ("telefooncentrale", 2, 50)
    );
    assert_eq!(
        v.binnen_30_min, 2,
        "the staffing advice counts the live calls"
    );
    // Offered and answered by this agent: stored at each step, no longer waiting.
    tel.nu = om(60);
    let stappen = records(
        &mut tel,
        desk(1),
        vec![
            TelEvent::Aangeboden {
                id: "1700000000.1".into(),
                op: om(55),
            },
            TelEvent::Weg {
                id: "1700000000.1".into(),
                aangenomen_door: Some(None),
                op: om(60),
            },
            TelEvent::Verbonden {
                id: "1700000000.1".into(),
                op: om(60),
            },
        ],
    );
    assert_eq!(stappen.len(), 2, "offer and answer each write the record");
    for mut g in stappen {
        bewaar(&mut store, &mut g, om(60)).unwrap();
    }
    let v = vloer(&store, om(70));
    assert_eq!((v.telefoon.wachtend, v.telefoon.langste_nu), (1, 50));
    let open_wachtend: u32 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM gesprek WHERE beeindigd_op IS NULL AND verlaten_op IS NULL
             AND afgebroken_op IS NULL AND aangenomen_op IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(v.telefoon.wachtend, open_wachtend);
    assert_eq!(v.wachtrijen[0].wachtend, open_wachtend);
    // On hold, then the end: stored; the record is complete.
    let mut eff = crate::app::telefonie::Gevolg::default();
    tel.nu = om(100);
    tel.wacht("1700000000.1", true, &mut eff);
    let Some(TelEffect::BewaarGesprek(g)) = eff.effects.pop() else {
        panic!("hold is recorded")
    };
    assert_eq!(g.in_wacht_sinds, Some(om(100)));
    bewaar(&mut store, &mut g.clone(), om(100)).unwrap();
    for mut g in records(
        &mut tel,
        desk(1),
        vec![TelEvent::Beeindigd {
            id: "1700000000.1".into(),
            op: om(300),
        }],
    ) {
        bewaar(&mut store, &mut g, om(300)).unwrap();
    }
    let g = lees(store.conn(), Gesprek::id_voor("1700000000.1"))
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            g.aangeboden_op,
            g.aangenomen_op,
            g.beeindigd_op,
            g.in_wacht_sinds
        ),
        (Some(om(55)), Some(om(60)), Some(om(300)), None)
    );
    assert!(
        !tel.lopend.contains_key("1700000000.1"),
        "an ended call is let go"
    );
}

#[test]
fn two_simulator_runs_with_the_same_seed_on_two_desks_never_overwrite_each_others_calls() {
    let dir = tempfile::tempdir().unwrap();
    let pad = dir.path().join("loket.db");
    let mut alle = Vec::new();
    // Desk 1 runs twice (a restart), desk 2 once: the same seed, so the same `sim-7-n` ids.
    for (d, run) in [(1, 1u128), (1, 2), (2, 3)] {
        let mut store = Store::open(&pad, desk(d)).unwrap();
        let mut tel = Telefonie {
            simulator_run: Some(Uuid::from_u128(
                0x0190_0000_0000_7000_8000_0000_0000_0000 + run,
            )),
            ..Telefonie::default()
        };
        let mut sim = crate::telefonie::simulator::Simulator::new(
            crate::telefonie::simulator::SimConfig::demo(7, crate::config::standaard_keuzemenu()),
            om(0),
        );
        let mut events = sim.begin();
        events.extend(sim.advance(om(1800)));
        tel.nu = om(1800);
        let mut deze_run = std::collections::HashSet::new();
        for mut g in records(&mut tel, desk(d), events) {
            assert_eq!(
                g.simulator_desk,
                Some(desk(d)),
                "marked as this desk's demo PBX"
            );
            deze_run.insert(g.meta.id);
            bewaar(&mut store, &mut g, om(1800)).unwrap();
        }
        alle.push(deze_run.len());
    }
    assert_eq!(alle[0], alle[2], "the same seed: the same calls");
    let rijen: i64 = Store::open(&pad, desk(9))
        .unwrap()
        .conn()
        .query_row("SELECT count(*) FROM gesprek", [], |r| r.get(0))
        .unwrap();
    assert!(rijen > 30, "half an hour of calls per run, {rijen}");
    assert_eq!(
        rijen as usize,
        alle.iter().sum::<usize>(),
        "every run's calls kept apart"
    );
    let per_desk: Vec<(String, i64)> = Store::open(&pad, desk(9))
        .unwrap()
        .conn()
        .prepare(
            "SELECT simulator_desk, count(DISTINCT extern_id) FROM gesprek GROUP BY 1 ORDER BY 1",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(per_desk.len(), 2);
    assert!(
        per_desk[0].1 > per_desk[1].1,
        "desk 1 ran twice: {per_desk:?}"
    );
}

#[test]
fn a_restart_closes_the_calls_this_desk_left_open_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let pad = dir.path().join("loket.db");
    let wachtend = |extern_id: &str, desk_id: Uuid, sim: Option<Uuid>| {
        let mut g = Gesprek::uit_tijden(om(0), None, None, None);
        g.meta = crate::domain::RecordMeta {
            id: Gesprek::id_voor(extern_id),
            ..crate::domain::RecordMeta::new(om(0), desk_id)
        };
        g.extern_id = extern_id.into();
        g.simulator_desk = sim;
        g
    };
    {
        let mut a = Store::open(&pad, desk(1)).unwrap();
        bewaar(
            &mut a,
            &mut wachtend("sim:r1:sim-7-1", desk(1), Some(desk(1))),
            om(0),
        )
        .unwrap();
        bewaar(&mut a, &mut wachtend("1700000000.5", desk(1), None), om(0)).unwrap();
        let mut klaar = wachtend("1700000000.6", desk(1), None);
        klaar.verlaten_op = Some(om(30));
        bewaar(&mut a, &mut klaar, om(30)).unwrap();
        let mut b = Store::open(&pad, desk(2)).unwrap();
        bewaar(
            &mut b,
            &mut wachtend("sim:r2:sim-7-1", desk(2), Some(desk(2))),
            om(0),
        )
        .unwrap();
        bewaar(&mut b, &mut wachtend("1700000000.7", desk(2), None), om(0)).unwrap();
    }
    let store = Store::open(&pad, desk(9)).unwrap();
    assert_eq!(vloer(&store, om(60)).telefoon.wachtend, 4);
    drop(store);
    // Desk 1 starts again (after kill -9): its two open calls are closed, desk 2's not.
    let mut a = Store::open(&pad, desk(1)).unwrap();
    assert_eq!(sluit_open(&mut a, om(120), REDEN_HERSTART).unwrap(), 2);
    for id in ["sim:r1:sim-7-1", "1700000000.5"] {
        let g = lees(a.conn(), Gesprek::id_voor(id)).unwrap().unwrap();
        assert_eq!(g.afgebroken_op, Some(om(120)), "{id}");
        assert_eq!(
            g.afgebroken_reden.as_deref(),
            Some("afgebroken: desk herstart")
        );
        assert!(!g.open());
    }
    let g = lees(a.conn(), Gesprek::id_voor("1700000000.6"))
        .unwrap()
        .unwrap();
    assert_eq!(
        (g.verlaten_op, g.afgebroken_op),
        (Some(om(30)), None),
        "ended calls stay"
    );
    for id in ["sim:r2:sim-7-1", "1700000000.7"] {
        assert!(
            lees(a.conn(), Gesprek::id_voor(id))
                .unwrap()
                .unwrap()
                .open(),
            "{id}"
        );
    }
    let outbox: i64 = a
        .conn()
        .query_row(
            "SELECT count(*) FROM outbox WHERE table_name = 'gesprek' AND payload LIKE '%desk herstart%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(outbox, 2, "the closing syncs like any change");
    let v = vloer(&a, om(130));
    assert_eq!(v.telefoon.wachtend, 2, "no ghosts on the floor");
    // The abandoned call counts; the two closed ones are no outcome and are left out.
    assert_eq!(v.telefoon.aangeboden + v.telefoon.kort_opgehangen, 1);
    let dag = om(0).with_timezone(&Local).date_naive();
    let r = crate::store::rapport::maak(
        a.conn(),
        dag,
        dag,
        crate::store::rapport::Per::Kanaal,
        &crate::domain::kpi::Normen::default(),
        om(130),
    )
    .unwrap();
    assert_eq!(
        r.telefoon_aangeboden, v.telefoon.aangeboden,
        "the report leaves them out as well"
    );
    // A second start finds nothing left to close.
    assert_eq!(sluit_open(&mut a, om(140), REDEN_HERSTART).unwrap(), 0);
}

#[test]
fn a_desk_reads_back_todays_calls_of_its_own_queue_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("loket.db"), desk(1)).unwrap();
    let weg = |extern_id: &str, sim: Option<Uuid>| {
        let mut g = Gesprek::uit_tijden(om(0), None, None, Some(om(20)));
        g.meta = crate::domain::RecordMeta {
            id: Gesprek::id_voor(extern_id),
            ..crate::domain::RecordMeta::new(om(0), desk(1))
        };
        g.extern_id = extern_id.into();
        g.simulator_desk = sim;
        g
    };
    for (id, sim) in [
        ("sim:r1:1", Some(desk(1))),
        ("sim:r1:2", Some(desk(1))),
        ("sim:r2:1", Some(desk(2))),
        ("1700000000.1", None),
    ] {
        bewaar(&mut store, &mut weg(id, sim), om(20)).unwrap();
    }
    let dag = om(0).with_timezone(&chrono::Local).date_naive();
    let (van, tot) = crate::store::vloer::dag_grenzen(dag);
    let lees = |w| {
        let mut ids: Vec<Uuid> =
            crate::store::vloer::gesprekken_van(store.conn(), &van, &tot, om(60), w)
                .unwrap()
                .into_iter()
                .map(|(g, _)| g.meta.id)
                .collect();
        ids.sort();
        ids
    };
    let mut eigen = vec![Gesprek::id_voor("sim:r1:1"), Gesprek::id_voor("sim:r1:2")];
    eigen.sort();
    assert_eq!(lees(Some(Some(desk(1)))), eigen);
    assert_eq!(lees(Some(None)), vec![Gesprek::id_voor("1700000000.1")]);
    assert_eq!(lees(None).len(), 4);
}

#[test]
fn two_desks_writing_the_same_asterisk_call_converge_on_one_record() {
    let dir = tempfile::tempdir().unwrap();
    let pad = dir.path().join("loket.db");
    let mut a = Store::open(&pad, desk(1)).unwrap();
    let mut b = Store::open(&pad, desk(2)).unwrap();
    let mut tel_a = Telefonie::default();
    let mut tel_b = Telefonie::default();
    let join = TelEvent::Binnen {
        id: "1764842400.31".into(),
        linkedid: Some("1764842400.30".into()),
        nummer: "0611122233".into(),
        keuze: "Afval".into(),
        terugval: false,
        sinds: om(0),
    };
    // Both desks see the caller join, interleaved writes; desk B's agent answers and ends
    // it; desk A sees a colleague answer and the call end.
    let mut ga = records(&mut tel_a, desk(1), vec![join.clone()]);
    let mut gb = records(&mut tel_b, desk(2), vec![join]);
    bewaar(&mut a, &mut ga[0], om(1)).unwrap();
    bewaar(&mut b, &mut gb[0], om(1)).unwrap();
    let wegb = records(
        &mut tel_b,
        desk(2),
        vec![
            TelEvent::Aangeboden {
                id: "1764842400.31".into(),
                op: om(10),
            },
            TelEvent::Weg {
                id: "1764842400.31".into(),
                aangenomen_door: Some(None),
                op: om(12),
            },
            TelEvent::Verbonden {
                id: "1764842400.31".into(),
                op: om(12),
            },
        ],
    );
    for mut g in wegb {
        bewaar(&mut b, &mut g, om(12)).unwrap();
    }
    for mut g in records(
        &mut tel_a,
        desk(1),
        vec![TelEvent::Weg {
            id: "1764842400.31".into(),
            aangenomen_door: Some(Some("PJSIP/2002".into())),
            op: om(13),
        }],
    ) {
        bewaar(&mut a, &mut g, om(13)).unwrap();
    }
    for mut g in records(
        &mut tel_b,
        desk(2),
        vec![TelEvent::Beeindigd {
            id: "1764842400.31".into(),
            op: om(200),
        }],
    ) {
        bewaar(&mut b, &mut g, om(200)).unwrap();
    }
    // Desk A writes last (the colleague's call ended) without knowing the offer.
    for mut g in records(
        &mut tel_a,
        desk(1),
        vec![TelEvent::Klaar {
            id: "1764842400.31".into(),
            op: om(201),
        }],
    ) {
        bewaar(&mut a, &mut g, om(201)).unwrap();
    }
    let n: i64 = a
        .conn()
        .query_row("SELECT count(*) FROM gesprek", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1, "one record for one PBX call");
    let g = lees(a.conn(), Gesprek::id_voor("1764842400.31"))
        .unwrap()
        .unwrap();
    assert_eq!(g.linkedid.as_deref(), Some("1764842400.30"));
    assert_eq!(
        g.aangeboden_op,
        Some(om(10)),
        "desk B's offer survives A's later write"
    );
    assert_eq!(g.aangenomen_op, Some(om(12)));
    assert_eq!(g.beeindigd_op, Some(om(200)));
    assert_eq!(g.simulator_desk, None);
    assert!(!g.open());
}

#[test]
fn the_floor_shows_one_queue_per_simulating_desk_and_the_pbx_once_and_the_halls_visitors() {
    let dir = tempfile::tempdir().unwrap();
    let pad = dir.path().join("loket.db");
    let mut store = Store::open(&pad, desk(1)).unwrap();
    // Desk 2's medewerker names its demo queue.
    let mut m = crate::domain::Medewerker {
        meta: crate::domain::RecordMeta::new(om(0), desk(2)),
        naam: "Kees de Boer".into(),
        rol: crate::domain::Rol::Medewerker,
        functie: "klantcontactmedewerker".into(),
        afdeling_id: None,
        aanwezigheid: crate::domain::Aanwezigheid::Beschikbaar,
        telefoon: None,
    };
    store.save(&mut m, om(0)).unwrap();
    let mut s = crate::domain::telefonie::StatusWissel {
        meta: crate::domain::RecordMeta::new(om(0), desk(2)),
        medewerker_id: Some(m.meta.id),
        status: crate::domain::telefonie::AgentStatus::Beschikbaar,
        reden: None,
        op: om(0),
    };
    // Saved by desk 2 itself (the record's desk is the writer's).
    Store::open(&pad, desk(2))
        .unwrap()
        .save(&mut s, om(0))
        .unwrap();
    let mut tel_pbx = Telefonie::default();
    let mut tel_2 = Telefonie {
        simulator_run: Some(Uuid::now_v7()),
        ..Telefonie::default()
    };
    let mut tel_3 = Telefonie {
        simulator_run: Some(Uuid::now_v7()),
        ..Telefonie::default()
    };
    let mut alle = records(&mut tel_pbx, desk(1), vec![binnen("1772441000.1", 0)]);
    // The same PBX call seen by desk 2 as well: recorded once.
    alle.extend(records(
        &mut Telefonie::default(),
        desk(2),
        vec![binnen("1772441000.1", 0)],
    ));
    // Both simulators start with the same ids (same seed): two queues all the same.
    alle.extend(records(
        &mut tel_2,
        desk(2),
        vec![binnen("sim-7-1", 10), binnen("sim-7-2", 30)],
    ));
    alle.extend(records(&mut tel_3, desk(3), vec![binnen("sim-7-1", 40)]));
    for mut g in alle {
        bewaar(&mut store, &mut g, om(40)).unwrap();
    }
    let v = vloer(&store, om(100));
    let rijen: Vec<(String, u32, i64)> = v
        .wachtrijen
        .iter()
        .map(|q| (q.naam.clone(), q.wachtend, q.langste_s))
        .collect();
    assert_eq!(
        rijen,
        vec![
            ("telefooncentrale".to_string(), 1, 100),
            ("demo Kees de Boer".to_string(), 2, 90),
            ("demo desk 00000003".to_string(), 1, 60),
        ]
    );
    assert_eq!(v.telefoon.wachtend, 4, "in total, each call once");

    // The hall screen and the floor read the same visitors waiting per dienst.
    let dag = om(0).with_timezone(&Local).date_naive();
    for (dienst, prefix) in [("Paspoort", "P"), ("Paspoort", "P"), ("Uittreksel", "U")] {
        crate::store::klantgeleiding::inchecken(
            &mut store,
            "Stadskantoor",
            dienst,
            prefix,
            None,
            om(0),
        )
        .unwrap();
    }
    let hal = crate::store::klantgeleiding::oproepen(store.conn(), "Stadskantoor", dag).unwrap();
    let v = vloer(&store, om(100));
    let op_vloer: Vec<(String, u32)> = v
        .balie_wachtend
        .iter()
        .map(|(d, n, _, _)| (d.clone(), *n))
        .collect();
    assert_eq!(
        hal.wachtend,
        vec![("Paspoort".to_string(), 2), ("Uittreksel".to_string(), 1)]
    );
    assert_eq!(
        op_vloer,
        hal.wachtend
            .iter()
            .map(|(d, n)| (d.clone(), *n as u32))
            .collect::<Vec<_>>()
    );
}

#[test]
fn a_caller_gone_while_the_pbx_connection_was_down_is_closed_when_the_queue_is_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("loket.db"), desk(1)).unwrap();
    let mut tel = Telefonie {
        nu: om(0),
        ..Telefonie::default()
    };
    let mut alle = records(
        &mut tel,
        desk(1),
        vec![binnen("1772441000.21", 0), binnen("1772441000.22", 5)],
    );
    // The connection drops; after the reconnect the PBX lists only the second caller.
    alle.extend(records(
        &mut tel,
        desk(1),
        vec![
            TelEvent::Verbinding(false),
            TelEvent::Verbinding(true),
            binnen("1772441000.22", 5),
            TelEvent::Herbouwd {
                wachtend: vec!["1772441000.22".into()],
                lid: None,
                op: om(90),
            },
        ],
    ));
    for mut g in alle {
        bewaar(&mut store, &mut g, om(90)).unwrap();
    }
    let weg = lees(store.conn(), Gesprek::id_voor("1772441000.21"))
        .unwrap()
        .unwrap();
    assert_eq!(weg.afgebroken_op, Some(om(90)));
    assert_eq!(
        weg.afgebroken_reden.as_deref(),
        Some(crate::telefonie::REDEN_WEG_BIJ_HERVERBINDEN)
    );
    assert!(!tel.lopend.contains_key("1772441000.21"));
    assert_eq!(tel.wachtenden.len(), 1);
    let v = vloer(&store, om(100));
    assert_eq!((v.telefoon.wachtend, v.telefoon.langste_nu), (1, 95));
}

#[test]
fn desks_writing_the_same_calls_at_once_on_one_file_lose_no_step() {
    // Four desks on one SQLite file, each its own connection and thread, each writing its
    // part of the same 40 PBX calls at the same time: every step survives in one record.
    let dir = tempfile::tempdir().unwrap();
    let pad = dir.path().join("loket.db");
    drop(Store::open(&pad, desk(9)).unwrap());
    let draden: Vec<_> = (0..4u128)
        .map(|k| {
            let pad = pad.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&pad, desk(k)).unwrap();
                for i in 0..40 {
                    // Each desk in its own order.
                    let i = (i * 7 + k as i64 * 11) % 40;
                    let uniqueid = format!("1772442000.{i}");
                    let mut g = Gesprek::uit_tijden(om(i), None, None, None);
                    g.meta = crate::domain::RecordMeta {
                        id: Gesprek::id_voor(&uniqueid),
                        ..crate::domain::RecordMeta::new(om(i), desk(k))
                    };
                    g.extern_id = uniqueid;
                    match k {
                        0 => g.aangeboden_op = Some(om(i + 5)),
                        1 => g.aangenomen_op = Some(om(i + 8)),
                        2 => g.beeindigd_op = Some(om(i + 200)),
                        _ => g.linkedid = Some(format!("link-{i}")),
                    }
                    bewaar(&mut store, &mut g, om(i + 300)).unwrap();
                }
            })
        })
        .collect();
    for d in draden {
        d.join().unwrap();
    }
    let store = Store::open(&pad, desk(9)).unwrap();
    let n: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM gesprek", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 40);
    for i in 0..40 {
        let g = lees(store.conn(), Gesprek::id_voor(&format!("1772442000.{i}")))
            .unwrap()
            .unwrap();
        assert_eq!(
            (g.aangeboden_op, g.aangenomen_op, g.beeindigd_op),
            (Some(om(i + 5)), Some(om(i + 8)), Some(om(i + 200))),
            "call {i}"
        );
        assert_eq!(g.linkedid, Some(format!("link-{i}")));
    }
    let outbox: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM outbox WHERE table_name = 'gesprek'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(outbox, 160, "every write with its outbox entry");
}
