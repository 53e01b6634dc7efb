//! The kennisbank's work on the store: the search log (without personal data), a melding on an
//! article, the search statistics, and at start how often each article was opened.

use chrono::Utc;

use super::{KbEffect, KbMsg};
use crate::app::jobs::{Herkomst, Jobs, fout, mislukt};
use crate::app::{Action, State};
use crate::store::kennisbank;

/// The store's part of a kennisbank effect; reading the folder again is not (the runtime's
/// kennisbank loader does that).
pub fn start(e: KbEffect, state: &State, jobs: &Jobs) {
    match e {
        KbEffect::Log(log) => {
            let medewerker_id = state.session.medewerker.as_ref().map(|m| m.id);
            jobs.run(move |store| {
                kennisbank::log_zoekactie(store, &log, medewerker_id, crate::sync::klok::nu())
                    .err()
                    .and_then(|e| fout("zoekactie vastleggen", e))
            })
        }
        KbEffect::Melding {
            artikel,
            soort,
            toelichting,
        } => {
            let medewerker = state.medewerker_naam();
            jobs.run(move |store| {
                match kennisbank::meld(
                    store,
                    &artikel,
                    soort,
                    &toelichting,
                    &medewerker,
                    crate::sync::klok::nu(),
                ) {
                    Ok(m) => Some(Action::Kb(KbMsg::Gemeld(m.artikel))),
                    Err(e) => mislukt("melding opslaan", e, Herkomst::Melding),
                }
            })
        }
        KbEffect::Statistiek { dagen } => {
            let sinds = Utc::now() - chrono::Duration::days(dagen);
            jobs.run(
                move |store| match kennisbank::statistiek(store.conn(), Some(sinds)) {
                    Ok(s) => Some(Action::Kb(KbMsg::StatistiekGeladen(Box::new(s)))),
                    Err(e) => fout("zoekgedrag laden", e),
                },
            )
        }
        KbEffect::Herladen => {}
    }
}

/// At start: how often each article was opened (it weighs the search).
pub fn opstart(jobs: &Jobs) {
    jobs.run(|store| {
        kennisbank::geopend(store.conn())
            .ok()
            .map(|g| Action::Kb(KbMsg::Geopend(g)))
    });
}
