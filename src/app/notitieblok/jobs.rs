//! The notitieblok on the store: the note kept per desk in the `concept` table (as the contact
//! in hand is), and found again at start.

use super::{NotitieEffect, NotitieMsg};
use crate::app::Action;
use crate::app::State;
use crate::app::features::FeatureMsg;
use crate::app::jobs::{Jobs, fout};
use crate::store::lookup::{self, concept_sleutel};

/// Its key in the `concept` table (per desk).
const SOORT: &str = "notitie";

pub fn start(e: NotitieEffect, _state: &State, jobs: &Jobs) {
    match e {
        NotitieEffect::Bewaar(payload) => jobs.run(move |store| {
            lookup::bewaar_concept(
                store.conn(),
                &concept_sleutel(store, SOORT),
                payload.as_deref(),
                crate::sync::klok::nu(),
            )
            .err()
            .and_then(|e| fout("notitie bewaren", e))
        }),
    }
}

/// At start: the note this desk kept.
pub fn opstart(jobs: &Jobs) {
    jobs.run(|store| {
        lookup::concept(store.conn(), &concept_sleutel(store, SOORT))
            .ok()
            .flatten()
            .map(|n| Action::Feature(FeatureMsg::Notitieblok(NotitieMsg::Gevonden(n))))
    });
}
