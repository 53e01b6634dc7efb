//! The telephone queue's work on the store: calls and status changes recorded, today's calls
//! loaded, a caller's number recognised, the simulated colleagues (demo, training) recorded.

use chrono::Utc;

use super::{TelEffect, TelMsg};
use crate::app::jobs::{Jobs, fout};
use crate::app::{Action, State};
use crate::domain::telefonie::StatusWissel;
use crate::domain::{Aanwezigheid, Medewerker, RecordMeta, Rol};
use crate::store::{Store, gesprekken, lookup};

/// The namespace of the simulated colleagues' medewerker ids (UUID v5 of their name).
const SIM_COLLEGA_NS: uuid::Uuid = uuid::Uuid::from_u128(0x6c6f_6b65_742d_7369_6d2d_636f_6c00_0001);

/// The store's part of a telephony effect; a command for the exchange is not (it goes to the
/// call source).
pub fn start(e: TelEffect, state: &State, jobs: &Jobs) {
    match e {
        TelEffect::Command(_) => {}
        TelEffect::BewaarGesprek(mut g) => jobs.run(move |store| {
            gesprekken::bewaar(store, &mut g, crate::sync::klok::nu())
                .err()
                .and_then(|e| fout("gesprek vastleggen", e))
        }),
        TelEffect::BewaarStatus(mut s) => jobs.run(move |store| {
            store
                .save(&mut *s, crate::sync::klok::nu())
                .err()
                .and_then(|e| fout("status vastleggen", e))
        }),
        TelEffect::LaadVandaag(wachtrij) => jobs.run(move |store| {
            let nu = Utc::now();
            let dag = nu.with_timezone(&chrono::Local).date_naive();
            let (van, tot) = crate::store::vloer::dag_grenzen(dag);
            match crate::store::vloer::gesprekken_van(store.conn(), &van, &tot, nu, Some(wachtrij))
            {
                Ok(v) => Some(Action::Tel(TelMsg::GesprekkenVandaag(v))),
                Err(e) => fout("gesprekken van vandaag laden", e),
            }
        }),
        TelEffect::HerkenNummer(nummer) => jobs.run(move |store| {
            let beller = lookup::klant_met_telefoon(store.conn(), &nummer).unwrap_or(None);
            Some(Action::Tel(TelMsg::NummerHerkend { nummer, beller }))
        }),
        // Only the demo's and training's simulated floor: never in a production database.
        TelEffect::BewaarCollega { naam, status, op }
            if state.session.demo || state.training.is_some() =>
        {
            let desk = state.session.desk_id;
            let id = uuid::Uuid::new_v5(&SIM_COLLEGA_NS, naam.as_bytes());
            let mut meta = RecordMeta::new(op, desk);
            meta.id = id;
            let mut collega = Medewerker {
                meta,
                naam,
                rol: Rol::Medewerker,
                functie: "medewerker dienstverlening (gesimuleerd)".into(),
                afdeling_id: None,
                aanwezigheid: Aanwezigheid::Beschikbaar,
                telefoon: None,
            };
            let mut wissel = StatusWissel {
                meta: RecordMeta::new(op, desk),
                medewerker_id: Some(id),
                status,
                reden: None,
                op,
            };
            jobs.run(move |store| crate::app::profile_form::jobs::zeker(store, &mut collega));
            jobs.run(move |store| {
                store
                    .save(&mut wissel, crate::sync::klok::nu())
                    .err()
                    .and_then(|e| fout("status vastleggen", e))
            })
        }
        TelEffect::BewaarCollega { .. } => {}
    }
}

/// At start: calls this desk left open when it stopped (killed, crashed) are closed, since
/// nobody follows them any more and the floor must not count them as waiting; and the known
/// numbers are loaded for the screen pop.
pub fn opstart(jobs: &Jobs) {
    jobs.run(|store| {
        gesprekken::sluit_open(store, crate::sync::klok::nu(), gesprekken::REDEN_HERSTART)
            .err()
            .and_then(|e| fout("open gesprekken afsluiten", e))
    });
    jobs.run(|store| {
        lookup::telefoonnummers(store.conn(), 1000)
            .ok()
            .map(|n| Action::Tel(TelMsg::Telefoonnummers(n)))
    });
}

/// When the desk stops: its simulator's callers go with it, and nobody here follows the PBX's
/// calls any more (a desk that still does opens them again).
pub fn bij_stoppen(store: &mut Store) {
    if let Err(e) =
        gesprekken::sluit_open(store, crate::sync::klok::nu(), gesprekken::REDEN_GESTOPT)
    {
        crate::logboek::schrijf(&format!("open gesprekken afsluiten: {e}"));
    }
}
