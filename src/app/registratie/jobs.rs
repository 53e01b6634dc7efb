//! The wrap-up on the store: the registration saved in one transaction, its draft kept as it
//! is typed, and at start the draft a stopped desk left.

use super::RegMsg;
use crate::app::Action;
use crate::app::jobs::{self, Herkomst, Jobs, mislukt};
use crate::domain::contact::RegistratieRecords;
use crate::store::lookup::CONCEPT_REGISTRATIE;

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
    jobs::bewaar_concept(CONCEPT_REGISTRATIE, "concept bewaren", payload, jobs)
}

/// At start: the draft this desk left when it stopped.
pub fn opstart(jobs: &Jobs) {
    jobs::lees_concept(
        CONCEPT_REGISTRATIE,
        |c| Action::Reg(RegMsg::ConceptGevonden(c)),
        jobs,
    );
}
