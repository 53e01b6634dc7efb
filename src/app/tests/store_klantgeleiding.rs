//! The store's counter claims as the balie's pane drives them (these tests use the app, so
//! they live with it: the store never imports the app).

use crate::domain::klantgeleiding::{IN_BEHANDELING, OPGEROEPEN, Verwacht, WACHTEND};
use crate::store::Store;
use crate::store::klantgeleiding::*;
use chrono::{DateTime, Local, TimeZone, Utc};
use rusqlite::Connection;
use uuid::Uuid;

/// A fixed morning (a Monday), so no demo or other test data of "today" can interfere.
fn ochtend() -> DateTime<Utc> {
    Local
        .with_ymd_and_hms(2026, 11, 23, 10, 0, 0)
        .unwrap()
        .with_timezone(&Utc)
}

#[test]
fn a_balie_restarted_after_a_crash_has_its_visitor_back_and_can_finish_them() {
    use crate::app::klantgeleiding::{KgEffect, KlantgeleidingPane};
    use crate::domain::klantgeleiding::GEPARKEERD;
    let dir = tempfile::tempdir().unwrap();
    let pad = dir.path().join("t.db");
    let now = ochtend();
    let dag = now.with_timezone(&Local).date_naive();
    let desk = Uuid::now_v7();
    {
        let mut store = Store::open(&pad, desk).unwrap();
        for i in 0..3 {
            let t = now + chrono::Duration::seconds(i);
            inchecken(&mut store, "Stadskantoor", "Ophalen", "S", None, t).unwrap();
        }
        let roep = |store: &mut Store, status: &str| {
            let mut b = roep_volgende(store, "Stadskantoor", "Balie 1", &[], now)
                .unwrap()
                .unwrap()
                .bezoek
                .unwrap();
            let verwacht = Verwacht::van(&b);
            b.status = status.into();
            b.geholpen_op = Some(now);
            overgang(store, &mut b, &verwacht, now).unwrap().unwrap();
        };
        // S-001 fetches a document (parked); S-002 is being helped.
        roep(&mut store, GEPARKEERD);
        roep(&mut store, IN_BEHANDELING);
        // The process is killed here: nothing in memory survives.
    }
    let mut store = Store::open(&pad, desk).unwrap();
    let mut kg = KlantgeleidingPane {
        balie: Some("Balie 1".into()),
        ..Default::default()
    };
    kg.geladen(open_bezoeken(store.conn(), "Stadskantoor", dag).unwrap());
    assert_eq!(
        kg.huidig_bezoek().map(|b| b.nummer.as_str()),
        Some("S-002"),
        "the visitor in hand is back"
    );
    assert_eq!(
        kg.geparkeerd()
            .iter()
            .map(|b| b.nummer.as_str())
            .collect::<Vec<_>>(),
        ["S-001"],
        "and the parked one"
    );
    // Another balie's pane does not take them as its own.
    let mut ander = KlantgeleidingPane {
        balie: Some("Balie 2".into()),
        ..Default::default()
    };
    ander.geladen(open_bezoeken(store.conn(), "Stadskantoor", dag).unwrap());
    assert_eq!(ander.huidig, None);
    assert!(ander.geparkeerd().is_empty());
    assert!(kg.volgende().is_err(), "v first asks to finish S-002");
    let Ok(KgEffect::Bewaar(mut b, verwacht)) = kg.stap('k', now) else {
        panic!("k works on the restored visitor")
    };
    overgang(&mut store, &mut b, &verwacht, now)
        .unwrap()
        .unwrap();
    kg.geladen(open_bezoeken(store.conn(), "Stadskantoor", dag).unwrap());
    assert_eq!(kg.huidig, None);
    // r resumes the visitor parked before the crash.
    let Ok(KgEffect::Bewaar(mut b, verwacht)) = kg.hervatten(now) else {
        panic!("r works on the visitor parked before the crash")
    };
    assert_eq!(b.nummer, "S-001");
    overgang(&mut store, &mut b, &verwacht, now)
        .unwrap()
        .unwrap();
    kg.geladen(open_bezoeken(store.conn(), "Stadskantoor", dag).unwrap());
    assert_eq!(kg.huidig_bezoek().map(|b| b.nummer.as_str()), Some("S-001"));
    assert_eq!(
        kg.bezoeken
            .iter()
            .map(|b| b.nummer.as_str())
            .collect::<Vec<_>>(),
        ["S-001", "S-003"]
    );
}

mod interleavings {
    use super::*;
    use crate::app::klantgeleiding::{Bestemming, KgEffect, KlantgeleidingPane};
    use crate::domain::klantgeleiding::{GEPARKEERD, KLAAR, NO_SHOW};
    use proptest::prelude::*;
    use std::collections::HashMap;

    const BALIES: usize = 2;
    const BEZOEKERS: i64 = 6;

    /// Where every visitor stands in the store: id -> (status, balie).
    fn stand(conn: &Connection) -> HashMap<String, (String, Option<String>)> {
        let mut st = conn
            .prepare("SELECT id, status, balie FROM bezoek WHERE deleted = 0")
            .unwrap();
        st.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    fn toegestaan(van: &str, naar: &str) -> bool {
        van == naar
            || matches!(
                (van, naar),
                (WACHTEND, OPGEROEPEN)
                    | (OPGEROEPEN, IN_BEHANDELING)
                    | (OPGEROEPEN | IN_BEHANDELING, KLAAR)
                    | (OPGEROEPEN, NO_SHOW)
                    | (OPGEROEPEN | IN_BEHANDELING, WACHTEND)
                    | (OPGEROEPEN | IN_BEHANDELING, GEPARKEERD)
                    | (GEPARKEERD, IN_BEHANDELING)
            )
    }

    /// One key at one balie, as the desk does it: the pane (its own, possibly old list)
    /// proposes, the store decides; the pane reloads after its own write.
    fn druk(
        store: &mut Store,
        kg: &mut KlantgeleidingPane,
        toets: char,
        naar_balie: bool,
        antwoord: bool,
        now: DateTime<Utc>,
    ) {
        let dag = now.with_timezone(&Local).date_naive();
        let effect = match toets {
            'v' => kg.volgende(),
            'h' | 's' | 'k' | 'x' => kg.stap(toets, now),
            't' => {
                let naar = if naar_balie {
                    let ander = if kg.balie.as_deref() == Some("Balie 0") {
                        "Balie 1"
                    } else {
                        "Balie 0"
                    };
                    Bestemming::Balie(ander.into())
                } else {
                    Bestemming::Dienst("Ophalen".into())
                };
                kg.doorsturen(naar)
            }
            'p' => kg.parkeren(),
            'r' => kg.hervatten(now),
            _ => Err(String::new()),
        };
        match effect {
            Ok(KgEffect::Volgende { balie, diensten }) => {
                if let Ok(o) = roep_volgende(store, "Stadskantoor", &balie, &diensten, now).unwrap()
                    && let Some(b) = o.bezoek
                {
                    kg.opgeroepen(b);
                }
            }
            Ok(KgEffect::Bewaar(mut b, verwacht)) => {
                // A lost step is allowed here: it must simply change nothing.
                let _ = overgang(store, &mut b, &verwacht, now).unwrap();
            }
            _ => {}
        }
        // The store's answer (a fresh list) may come after the next key is pressed.
        if antwoord || toets == 'l' {
            kg.geladen(open_bezoeken(store.conn(), "Stadskantoor", dag).unwrap());
        }
    }

    fn stappen() -> impl Strategy<Value = Vec<(usize, char, bool, bool)>> {
        proptest::collection::vec(
            (
                0..BALIES,
                proptest::sample::select(vec!['v', 'h', 's', 'k', 'x', 't', 'p', 'r', 'l']),
                any::<bool>(),
                proptest::bool::weighted(0.5),
            ),
            1..60,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]
        #[test]
        fn every_visitor_stays_in_exactly_one_state_whatever_the_balies_press(
            stappen in stappen()
        ) {
            let dir = tempfile::tempdir().unwrap();
            let pad = dir.path().join("t.db");
            let now = ochtend();
            let dag = now.with_timezone(&Local).date_naive();
            let mut stores: Vec<Store> =
                (0..BALIES).map(|_| Store::open(&pad, Uuid::now_v7()).unwrap()).collect();
            for i in 0..BEZOEKERS {
                let t = now + chrono::Duration::seconds(i);
                inchecken(&mut stores[0], "Stadskantoor", "Ophalen", "S", None, t).unwrap();
            }
            let mut panes: Vec<KlantgeleidingPane> = (0..BALIES)
                .map(|n| KlantgeleidingPane {
                    balie: Some(format!("Balie {n}")),
                    bezoeken: open_bezoeken(stores[n].conn(), "Stadskantoor", dag).unwrap(),
                    ..Default::default()
                })
                .collect();
            let mut voor = stand(stores[0].conn());
            for (n, toets, naar_balie, antwoord) in stappen {
                druk(&mut stores[n], &mut panes[n], toets, naar_balie, antwoord, now);
                let na = stand(stores[0].conn());
                // Every visitor still there exactly once, in one known state.
                prop_assert_eq!(na.len() as i64, BEZOEKERS);
                for (id, (status, balie)) in &na {
                    let (was, _) = &voor[id];
                    prop_assert!(
                        toegestaan(was, status),
                        "{} went from {} to {} after {} at Balie {}", id, was, status, toets, n
                    );
                    if [OPGEROEPEN, IN_BEHANDELING, GEPARKEERD].contains(&status.as_str()) {
                        prop_assert!(balie.is_some(), "{} is {} at no balie", id, status);
                    }
                }
                // A balie serves at most one visitor at a time.
                for b in 0..BALIES {
                    let naam = format!("Balie {b}");
                    let bezig = na
                        .values()
                        .filter(|(s, bl)| {
                            (s == OPGEROEPEN || s == IN_BEHANDELING)
                                && bl.as_deref() == Some(naam.as_str())
                        })
                        .count();
                    prop_assert!(bezig <= 1, "{} serves {} at once", naam, bezig);
                }
                // The balie that pressed and heard back holds what the store says it has.
                if (antwoord || toets == 'l') && let Some(id) = panes[n].huidig {
                    let (s, bl) = &na[&id.to_string()];
                    prop_assert!(s == OPGEROEPEN || s == IN_BEHANDELING);
                    prop_assert_eq!(bl.as_deref(), panes[n].balie.as_deref());
                }
                voor = na;
            }
        }
    }
}
