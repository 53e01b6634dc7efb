//! Booking afspraken on the store: free times, the month view, booking (also two back to back,
//! or moving one), cancelling. A refused booking comes back as the form's own message.

use super::{AfspraakEffect, AfspraakMsg};
use crate::app::Action;
use crate::app::jobs::{Jobs, fout};
use crate::store::afspraken;

pub fn start(e: AfspraakEffect, jobs: &Jobs) {
    match e {
        AfspraakEffect::ZoekSlots {
            diensten,
            vanaf,
            plek,
        } => jobs.run(move |store| {
            match afspraken::slots(store.conn(), &diensten, vanaf, 10, plek.as_deref()) {
                Ok(s) => Some(Action::Afspraak(AfspraakMsg::SlotsGevonden(s))),
                Err(e) => fout("vrije tijden zoeken", e),
            }
        }),
        AfspraakEffect::ZoekMaand {
            diensten,
            maand,
            plek,
        } => jobs.run(move |store| {
            match afspraken::vrij_per_dag(
                store.conn(),
                &diensten,
                maand,
                crate::sync::klok::nu(),
                plek.as_deref(),
            ) {
                Ok(per_dag) => Some(Action::Afspraak(AfspraakMsg::MaandGeladen(maand, per_dag))),
                Err(e) => fout("maandoverzicht", e),
            }
        }),
        AfspraakEffect::Boek(mut a) => jobs.run(move |store| {
            let nu = crate::sync::klok::nu();
            let geboekt = match a.verzet_van {
                Some(oud) => afspraken::verzet(store, oud, &mut a, nu),
                None => afspraken::boek(store, &mut a, nu),
            };
            Some(Action::Afspraak(match geboekt {
                Ok(()) => AfspraakMsg::Geboekt(a),
                Err(e) => AfspraakMsg::BoekenGeweigerd(e.to_string()),
            }))
        }),
        AfspraakEffect::BoekAansluitend(ab) => jobs.run(move |store| {
            let (mut a, mut b) = *ab;
            Some(Action::Afspraak(
                match afspraken::boek_aansluitend(store, &mut a, &mut b, crate::sync::klok::nu()) {
                    Ok(()) => AfspraakMsg::Geboekt(Box::new(a)),
                    Err(e) => AfspraakMsg::BoekenGeweigerd(e.to_string()),
                },
            ))
        }),
        AfspraakEffect::Annuleer { id, reden } => jobs.run(move |store| {
            match afspraken::wijzig_status(
                store,
                id,
                "geannuleerd",
                Some(&reden),
                crate::sync::klok::nu(),
            ) {
                Ok(a) => Some(Action::Afspraak(AfspraakMsg::Geannuleerd(Box::new(a)))),
                Err(e) => fout("afspraak annuleren", e),
            }
        }),
    }
}

/// At start: the diensten one can book.
pub fn opstart(jobs: &Jobs) {
    jobs.run(|store| {
        afspraken::diensten(store.conn())
            .ok()
            .map(|d| Action::Afspraak(AfspraakMsg::DienstenGeladen(d)))
    });
}
