//! The notitieblok on the store: the note kept per desk in the `concept` table (as the contact
//! in hand is), and found again at start.

use super::{NotitieEffect, NotitieMsg};
use crate::app::Action;
use crate::app::State;
use crate::app::features::FeatureMsg;
use crate::app::jobs::{self, Jobs};

/// Its key in the `concept` table (per desk).
const SOORT: &str = "notitie";

pub fn start(e: NotitieEffect, _state: &State, jobs: &Jobs) {
    match e {
        NotitieEffect::Bewaar(payload) => {
            jobs::bewaar_concept(SOORT, "notitie bewaren", payload, jobs)
        }
    }
}

/// At start: the note this desk kept.
pub fn opstart(jobs: &Jobs) {
    jobs::lees_concept(
        SOORT,
        |n| Action::Feature(FeatureMsg::Notitieblok(NotitieMsg::Gevonden(n))),
        jobs,
    );
}
