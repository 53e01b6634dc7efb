//! The list on the store: read the open entries, mark one handled, write a lost value again
//! (through the outbox, as any edit). Each answers with the list as it now is.

use super::{MeldingEffect, MeldingMsg};
use crate::app::Action;
use crate::app::State;
use crate::app::features::FeatureMsg;
use crate::app::jobs::{Jobs, fout};
use crate::store::Store;
use crate::sync::melding;

fn geladen(store: &Store) -> Option<Action> {
    match melding::open(store.conn()) {
        Ok(r) => Some(Action::Feature(FeatureMsg::Meldingen(MeldingMsg::Geladen(
            r,
        )))),
        Err(e) => fout("meldingen laden", e),
    }
}

pub fn start(e: MeldingEffect, state: &State, jobs: &Jobs) {
    let nu = state.now.with_timezone(&chrono::Utc);
    match e {
        MeldingEffect::Laad => jobs.run_newest("meldingen laden", |store| geladen(store)),
        MeldingEffect::Afhandelen(id) => {
            jobs.run(
                move |store| match melding::afhandelen(store.conn(), id, nu) {
                    Ok(_) => geladen(store),
                    Err(e) => fout("melding afhandelen", e),
                },
            )
        }
        MeldingEffect::OpnieuwOpslaan(id) => {
            jobs.run(move |store| match melding::opnieuw_opslaan(store, id, nu) {
                Ok(()) => geladen(store),
                Err(e) => fout("waarde opnieuw opslaan", e),
            })
        }
    }
}

/// At start: the entries kept from before.
pub fn opstart(jobs: &Jobs) {
    jobs.run(|store| geladen(store));
}
