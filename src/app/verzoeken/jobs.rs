//! The contactverzoeken list's work on the store: the list (newest question wins), one
//! verzoek with its logboek, and handling one.

use super::{VzEffect, VzMsg};
use crate::app::jobs::{Herkomst, Jobs, fout, mislukt};
use crate::app::{Action, State};
use crate::domain::Rol;
use crate::store::verzoeken;

pub fn start(e: VzEffect, state: &State, jobs: &Jobs) {
    match e {
        VzEffect::Laad { seq, filter, zoek } => {
            let wie = wie(state);
            jobs.run_newest(
                "contactverzoeken laden",
                move |store| match verzoeken::lijst(store.conn(), filter, &zoek, &wie) {
                    Ok(regels) => Some(Action::Vz(VzMsg::Loaded { seq, regels })),
                    Err(e) => fout("contactverzoeken laden", e),
                },
            )
        }
        VzEffect::Detail(id) => jobs.run(move |store| match verzoeken::detail(store.conn(), id) {
            Ok(Some(d)) => Some(Action::Vz(VzMsg::DetailLoaded(Box::new(d)))),
            Ok(None) => Some(Action::Zk(crate::app::ZkMsg::NietGevonden(
                "contactverzoek".into(),
            ))),
            Err(e) => fout("contactverzoek laden", e),
        }),
        VzEffect::Afhandelen {
            id,
            resultaat,
            toelichting,
        } => {
            let medewerker = state.medewerker_naam();
            jobs.run(move |store| {
                match verzoeken::afhandelen(
                    store,
                    id,
                    resultaat,
                    &toelichting,
                    &medewerker,
                    crate::sync::klok::nu(),
                ) {
                    Ok(()) => Some(Action::Vz(VzMsg::Afgehandeld(id))),
                    Err(e) => mislukt("contactverzoek afhandelen", e, Herkomst::Contactverzoek),
                }
            })
        }
    }
}

/// Whose list it is: the medewerker's own and their afdeling's; a supervisor sees all.
fn wie(state: &State) -> verzoeken::Wie {
    let medewerker = state.session.medewerker.as_ref();
    verzoeken::Wie {
        medewerker: medewerker.map(|m| m.id),
        afdeling: medewerker
            .and_then(|m| m.afdeling.as_deref())
            .and_then(|naam| state.referentie.afdelingen.iter().find(|a| a.1 == naam))
            .map(|a| a.0),
        alles: state.rol() != Rol::Medewerker,
    }
}
