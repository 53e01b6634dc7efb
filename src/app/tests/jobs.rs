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

#[test]
fn a_saved_profile_comes_back_to_the_profile_form() {
    let profiel = crate::config::MedewerkerProfiel {
        id: Uuid::now_v7(),
        naam: "Eva".into(),
        rol: crate::domain::Rol::Trainer,
        afdeling: Some("KCC".into()),
    };
    let p = profiel.clone();
    let acties =
        draai(move |jobs, _| crate::app::profile_form::jobs::bewaar(&p, Uuid::nil(), jobs));
    assert_eq!(
        acties,
        [Action::Profiel(ProfielMsg::MedewerkerStored(Box::new(
            crate::config::MedewerkerProfiel {
                afdeling: None,
                ..profiel
            }
        )))]
    );
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
