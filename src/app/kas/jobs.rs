//! The receptie's bezoekersregistratie and the balie's till on the store.

use chrono::Local;

use super::{KasMsg, VensterEffect};
use crate::app::jobs::{Jobs, fout};
use crate::app::{Action, State};
use crate::store::{kas, klantgeleiding};

pub fn start(e: VensterEffect, state: &State, jobs: &Jobs) {
    let locatie = state.klantgeleiding.locatie.clone();
    let balie = state.klantgeleiding.balie.clone().unwrap_or_default();
    match e {
        VensterEffect::GastBinnen {
            naam,
            voor_wie,
            bedrijf,
        } => jobs.run(move |store| {
            let r = klantgeleiding::bezoeker_binnen(
                store,
                &locatie,
                &naam,
                &voor_wie,
                bedrijf.as_deref(),
                crate::sync::klok::nu(),
            );
            Some(Action::Kas(KasMsg::GastBinnen(
                r.map(Box::new).map_err(|e| crate::melding::tekst(&e)),
            )))
        }),
        VensterEffect::GastBuiten(b) => jobs.run(move |store| {
            let r = klantgeleiding::bezoeker_buiten(store, *b, crate::sync::klok::nu());
            Some(Action::Kas(KasMsg::GastBuiten(
                r.map(Box::new).map_err(|e| crate::melding::tekst(&e)),
            )))
        }),
        VensterEffect::LaadGebouw => {
            jobs.run(
                move |store| match klantgeleiding::in_gebouw(store.conn(), &locatie) {
                    Ok(v) => Some(Action::Kas(KasMsg::InGebouw(v))),
                    Err(e) => fout("bezoekers in het gebouw laden", e),
                },
            )
        }
        VensterEffect::Betaal(b) => jobs.run(move |store| {
            let r = kas::betaal(store, &b, crate::sync::klok::nu());
            Some(Action::Kas(KasMsg::Betaald(
                r.map(Box::new).map_err(|e| e.to_string()),
            )))
        }),
        VensterEffect::LaadKas => jobs.run(move |store| {
            match kas::kasdag(store.conn(), &balie, Local::now().date_naive()) {
                Ok(d) => Some(Action::Kas(KasMsg::Kasdag(Box::new(d)))),
                Err(e) => fout("kas laden", e),
            }
        }),
        VensterEffect::SluitKas { geteld_cent } => {
            let medewerker = state.medewerker_naam();
            jobs.run(move |store| {
                let r = kas::sluit_dag(
                    store,
                    &balie,
                    geteld_cent,
                    &medewerker,
                    crate::sync::klok::nu(),
                );
                Some(Action::Kas(KasMsg::KasGesloten(
                    r.map(Box::new).map_err(|e| e.to_string()),
                )))
            })
        }
    }
}
