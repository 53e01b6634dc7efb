//! The features' jobs on a real store thread: each answers with its feature's own message, a
//! failure goes back to the form that asked, and the start-up jobs come in their order.

use super::*;
use crate::app::jobs::{Herkomst, Jobs};
use crate::app::verzoeken::VzMsg;
use crate::store::{Store, worker};

/// Run `werk` on a store thread over a fresh database; the actions that came back, in order.
pub(crate) fn draai(werk: impl FnOnce(&Jobs, &State)) -> Vec<Action> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    let (tx, rx) = std::sync::mpsc::channel();
    let jobs: Jobs = worker::spawn(
        move || Store::open(&path, Uuid::nil()).map_err(|e| Action::StoreFailed(e.to_string())),
        crate::app::telefonie::jobs::bij_stoppen,
        move |a| {
            let _ = tx.send(a);
        },
        crate::app::jobs::paniek,
    );
    werk(&jobs, &ready());
    jobs.shutdown();
    rx.try_iter().collect()
}

#[test]
fn the_store_opens_first_and_the_start_up_loads_follow() {
    let acties = draai(|jobs, _| crate::app::jobs::opstart(jobs));
    assert!(
        matches!(acties.first(), Some(Action::StoreOpened { schema_version }) if *schema_version > 0),
        "{acties:?}"
    );
    assert!(
        acties
            .iter()
            .any(|a| matches!(a, Action::ReferentieLoaded(_))),
        "{acties:?}"
    );
    assert!(
        !acties
            .iter()
            .any(|a| matches!(a, Action::SaveFailed { .. })),
        "{acties:?}"
    );
}

/// A desk without [sync]: no accounts yet asks the first; the first account signs in, with a
/// medewerker record; the same login again is refused, and its password only is accepted.
#[test]
fn the_first_account_is_made_signed_in_and_then_the_only_way_in() {
    use crate::app::aanmelden::{AanmeldEffect, AanmeldMsg, Wachtwoord, jobs as aj};
    let (_tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    let omgeving = aj::Omgeving {
        sync: None,
        desk: Uuid::nil(),
        offline_geldig: std::time::Duration::from_secs(3600),
    };
    let eerste = |login: &str| {
        AanmeldEffect::EersteAccount(Box::new(crate::app::profile_form::EersteAccount {
            naam: "Eva Bakker".into(),
            login: login.into(),
            wachtwoord: Wachtwoord("lang genoeg".into()),
            id: None,
        }))
    };
    let acties = draai(|jobs, _| {
        aj::start(AanmeldEffect::Soort, jobs, &omgeving, &_tx);
        aj::start(eerste("e.bakker"), jobs, &omgeving, &_tx);
        aj::start(AanmeldEffect::Soort, jobs, &omgeving, &_tx);
        aj::start(eerste("e.bakker"), jobs, &omgeving, &_tx);
        for ww in ["fout", "lang genoeg"] {
            aj::start(
                AanmeldEffect::Aanmelden {
                    login: "e.bakker".into(),
                    wachtwoord: Wachtwoord(ww.into()),
                },
                jobs,
                &omgeving,
                &_tx,
            );
        }
        jobs.run(|store| {
            let n: i64 = store
                .conn()
                .query_row(
                    "SELECT count(*) FROM medewerker WHERE naam = 'Eva Bakker'",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            Some(Action::Melding(format!("records {n}")))
        });
    });
    let [
        Action::Aanmelden(AanmeldMsg::Klaar {
            eerste_account: true,
        }),
        Action::Aanmelden(AanmeldMsg::Uitslag(Ok(a))),
        Action::Aanmelden(AanmeldMsg::Klaar {
            eerste_account: false,
        }),
        Action::Aanmelden(AanmeldMsg::Uitslag(Err(dubbel))),
        Action::Aanmelden(AanmeldMsg::Uitslag(Err(onjuist))),
        Action::Aanmelden(AanmeldMsg::Uitslag(Ok(b))),
        Action::Melding(records),
    ] = acties.as_slice()
    else {
        panic!("{acties:?}")
    };
    assert_eq!(
        (a.login.as_str(), a.rol),
        ("e.bakker", crate::identiteit::ServerRol::Medewerker)
    );
    assert!(dubbel.to_string().contains("al een account"), "{dubbel}");
    assert_eq!(*onjuist, crate::identiteit::aanmelden::Weigering::Onjuist);
    assert_eq!(b.medewerker_id, a.medewerker_id);
    assert_eq!(records, "records 1");
}

#[test]
fn a_failed_job_goes_back_to_the_form_that_asked() {
    let acties = draai(|jobs, state| {
        crate::app::verzoeken::jobs::start(
            VzEffect::Afhandelen {
                id: Uuid::now_v7(),
                resultaat: 0,
                toelichting: "teruggebeld".into(),
            },
            state,
            jobs,
        )
    });
    match acties.as_slice() {
        [Action::SaveFailed { what, herkomst, .. }] => {
            assert_eq!(what, "contactverzoek afhandelen");
            assert_eq!(*herkomst, Herkomst::Contactverzoek);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_burst_of_list_searches_answers_the_newest_at_least() {
    let acties = draai(|jobs, state| {
        for seq in 1..=20 {
            crate::app::verzoeken::jobs::start(
                VzEffect::Laad {
                    seq,
                    filter: Default::default(),
                    zoek: String::new(),
                },
                state,
                jobs,
            );
        }
    });
    let seqs: Vec<u64> = acties
        .iter()
        .filter_map(|a| match a {
            Action::Vz(VzMsg::Loaded { seq, .. }) => Some(*seq),
            _ => None,
        })
        .collect();
    assert_eq!(seqs.last(), Some(&20), "{acties:?}");
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "{seqs:?}");
}

/// Issue 19: a draft is kept under the medewerker signed in when it was written, and comes back
/// to them only, never to the next medewerker at the same desk.
#[test]
fn a_draft_is_the_medewerkers_own_and_never_the_next_ones() {
    use crate::identiteit::aanmelden::{Wijze, zonder_wachtwoord};
    let aanmelden = |login: &'static str, id: u128| {
        move |store: &mut Store| {
            let desk = store.desk_id();
            zonder_wachtwoord(
                store.conn(),
                desk,
                login,
                Uuid::from_u128(id),
                login,
                Wijze::Demo,
                chrono::Utc::now(),
            )
            .unwrap();
            None
        }
    };
    let acties = draai(|jobs, _| {
        jobs.run(aanmelden("anna", 1));
        crate::app::jobs::bewaar_concept("registratie", "concept", Some("van Anna".into()), jobs);
        jobs.run(aanmelden("bert", 2));
        crate::app::jobs::lees_concept("registratie", Action::Melding, jobs);
        jobs.run(aanmelden("anna", 1));
        crate::app::jobs::lees_concept("registratie", Action::Melding, jobs);
    });
    assert_eq!(acties, [Action::Melding("van Anna".into())]);
}
