//! Klantgeleiding on the store: check in, call the next visitor (claimed, so two balies never
//! call one), a visitor's next step (only when still as this desk saw it), the balie signed in
//! or out, and today's visitors and afspraken.

use chrono::{Local, NaiveDate};

use super::{KgEffect, KgMsg};
use crate::app::jobs::{Jobs, fout};
use crate::app::{Action, State};
use crate::store::{Store, klantgeleiding};

pub fn start(e: KgEffect, state: &State, jobs: &Jobs) {
    let locatie = state.klantgeleiding.locatie.clone();
    match e {
        KgEffect::Inchecken {
            dienst,
            prefix,
            partij,
        } => jobs.run(move |store| {
            match klantgeleiding::inchecken(
                store,
                &locatie,
                &dienst,
                &prefix,
                partij,
                crate::sync::klok::nu(),
            ) {
                Ok(b) => Some(Action::Kg(KgMsg::Ingecheckt(Box::new(b)))),
                Err(e) => fout("inchecken", e),
            }
        }),
        KgEffect::Bewaar(mut bezoek, verwacht) => jobs.run(move |store| {
            let (locatie, dag) = (bezoek.locatie.clone(), bezoek.dag);
            match klantgeleiding::overgang(store, &mut bezoek, &verwacht, crate::sync::klok::nu()) {
                Ok(Ok(())) => bezoeken(store, &locatie, dag),
                Ok(Err(v)) => Some(Action::Kg(KgMsg::Verloren(v.melding()))),
                Err(e) => fout("bezoek bijwerken", e),
            }
        }),
        KgEffect::Volgende { balie, diensten } => jobs.run(move |store| {
            match klantgeleiding::roep_volgende(
                store,
                &locatie,
                &balie,
                &diensten,
                crate::sync::klok::nu(),
            ) {
                Ok(o) => Some(Action::Kg(KgMsg::Opgeroepen(
                    o.map(Box::new).map_err(|e| e.to_string()),
                ))),
                Err(e) => fout("volgende oproepen", e),
            }
        }),
        KgEffect::Aanmelden(aangemeld) => {
            let balie = state.klantgeleiding.balie.clone().unwrap_or_default();
            let medewerker = state.session.medewerker.as_ref().map(|m| m.naam.clone());
            jobs.run(move |store| {
                let nu = crate::sync::klok::nu();
                match klantgeleiding::zet_balie(
                    store,
                    &locatie,
                    &balie,
                    aangemeld,
                    medewerker.as_deref(),
                    nu,
                ) {
                    Ok(_) => bezoeken(store, &locatie, nu.with_timezone(&Local).date_naive()),
                    Err(e) if aangemeld => fout("balie aanmelden", e),
                    Err(e) => fout("balie afmelden", e),
                }
            })
        }
        KgEffect::Laad => {
            jobs.run(move |store| bezoeken(store, &locatie, Local::now().date_naive()))
        }
        KgEffect::LaadAfspraken => jobs.run(|store| {
            match klantgeleiding::afspraken_vandaag(store.conn(), Local::now().date_naive()) {
                Ok(v) => Some(Action::Kg(KgMsg::AfsprakenVandaag(v))),
                Err(e) => fout("afspraken laden", e),
            }
        }),
        KgEffect::LaadAgenda(dag) => {
            jobs.run(
                move |store| match klantgeleiding::dagagenda(store.conn(), dag) {
                    Ok(regels) => Some(Action::Kg(KgMsg::AgendaGeladen(dag, regels))),
                    Err(e) => fout("dagagenda laden", e),
                },
            )
        }
        KgEffect::AfspraakNoShow(id) => jobs.run(move |store| {
            match crate::store::afspraken::wijzig_status(
                store,
                id,
                "no_show",
                None,
                crate::sync::klok::nu(),
            ) {
                Ok(a) => Some(Action::Kg(KgMsg::AfspraakNietVerschenen(Box::new(a)))),
                Err(e) => fout("niet verschenen markeren", e),
            }
        }),
        KgEffect::AfspraakInchecken(afspraak) => jobs.run(move |store| {
            match klantgeleiding::afspraak_inchecken(
                store,
                &locatie,
                &afspraak,
                crate::sync::klok::nu(),
            ) {
                Ok(b) => Some(Action::Kg(KgMsg::Ingecheckt(Box::new(b)))),
                Err(e) => fout("afspraak inchecken", e),
            }
        }),
    }
}

/// Today's visitors at `locatie`, with the handling times and the balies signed in.
fn bezoeken(store: &Store, locatie: &str, dag: NaiveDate) -> Option<Action> {
    match klantgeleiding::open_bezoeken(store.conn(), locatie, dag) {
        Ok(v) => Some(Action::Kg(KgMsg::BezoekenGeladen(
            v,
            klantgeleiding::behandeltijden(store.conn(), locatie, dag).unwrap_or_default(),
            klantgeleiding::aangemelde_balies(store.conn(), locatie, dag).unwrap_or_default(),
        ))),
        Err(e) => fout("bezoekers laden", e),
    }
}

/// At start: the plekken (balies, spreekkamers) and what each serves.
pub fn opstart(jobs: &Jobs) {
    jobs.run(|store| {
        crate::store::afspraken::plekken(store.conn(), Local::now().date_naive())
            .ok()
            .map(|p| {
                Action::Kg(KgMsg::PlekkenGeladen(
                    p.into_iter().map(|p| (p.naam, p.producten)).collect(),
                ))
            })
    });
}
