//! The wrap-up on the store: the registration saved in one transaction, its draft kept as it
//! is typed, and at start the draft a stopped desk left.

use super::RegMsg;
use crate::app::Action;
use crate::app::jobs::{Herkomst, Jobs, fout, mislukt};
use crate::domain::contact::RegistratieRecords;
use crate::store::lookup::{self, CONCEPT_REGISTRATIE, concept_sleutel};

pub fn registreer(records: RegistratieRecords, jobs: &Jobs) {
    jobs.run(
        move |store| match crate::store::registratie::registreer(store, records) {
            Ok(r) => Some(Action::Reg(RegMsg::Geregistreerd {
                contactmoment: Box::new(r.contactmoment),
                verzoek: r.verzoek.map(|(cv, _)| Box::new(cv)),
            })),
            Err(e) => mislukt("registratie opslaan", e, Herkomst::Registratie),
        },
    )
}

/// Keep (Some) or drop (None) the draft.
pub fn bewaar_concept(payload: Option<String>, jobs: &Jobs) {
    jobs.run(move |store| {
        lookup::bewaar_concept(
            store.conn(),
            &concept_sleutel(store, CONCEPT_REGISTRATIE),
            payload.as_deref(),
            crate::sync::klok::nu(),
        )
        .err()
        .and_then(|e| fout("concept bewaren", e))
    })
}

/// At start: the draft this desk left when it stopped.
pub fn opstart(jobs: &Jobs) {
    jobs.run(|store| {
        lookup::concept(store.conn(), &concept_sleutel(store, CONCEPT_REGISTRATIE))
            .ok()
            .flatten()
            .map(|c| Action::Reg(RegMsg::ConceptGevonden(c)))
    });
}
