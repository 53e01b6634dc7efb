//! Training on the store: the scenario's klanten looked up, the review computed and kept.

use super::{BeoordeelVraag, TrainingMsg};
use crate::app::Action;
use crate::app::jobs::{Jobs, fout};
use crate::store::training;

pub fn klanten(namen: Vec<String>, jobs: &Jobs) {
    jobs.run(move |store| {
        let mut uit = Vec::new();
        for n in namen {
            match training::klant(store.conn(), &n) {
                Ok(k) => uit.push((n, k)),
                Err(e) => return fout("trainingsklanten opzoeken", e),
            }
        }
        Some(Action::Training(TrainingMsg::Klanten(uit)))
    })
}

pub fn beoordeel(v: Box<BeoordeelVraag>, jobs: &Jobs) {
    jobs.run(move |store| match training::beoordeel(store, &v) {
        Ok(b) => Some(Action::Training(TrainingMsg::Beoordeeld(Box::new(b)))),
        Err(e) => fout("beoordeling maken", e),
    })
}
