//! The Zaak/Klant pane's work on the store: search, open a klant or zaak, reveal a BSN (each
//! view audited), and change or add a klant.

use chrono::Utc;

use super::{KlantWijziging, ZkEffect, ZkMsg};
use crate::app::jobs::{Herkomst, Jobs, fout, mislukt};
use crate::app::{Action, State};
use crate::domain::RecordMeta;
use crate::store::lookup::{self, AuditReden, Kijker};

pub fn start(e: ZkEffect, state: &State, jobs: &Jobs) {
    let kijker = state.kijker();
    match e {
        ZkEffect::Zoek { seq, vraag } => jobs.run_newest("klant zoeken", move |store| {
            match lookup::zoek(store.conn(), &vraag) {
                Ok(treffers) => Some(Action::Zk(ZkMsg::Zoekresultaat { seq, treffers })),
                Err(e) => fout("zoeken", e),
            }
        }),
        ZkEffect::OpenKlant(id) => jobs.run(move |store| {
            let loaded = lookup::inzage(store, &kijker, Some(id), None, AuditReden::Klantbeeld)
                .and_then(|()| Ok(lookup::klantbeeld(store.conn(), id)?));
            match loaded {
                Ok(Some(k)) => Some(Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(k)))),
                Ok(None) => niet_gevonden("klant"),
                Err(e) => fout("klantbeeld laden", e),
            }
        }),
        ZkEffect::ToonBsn(id) => jobs.run(move |store| {
            match lookup::inzage(store, &kijker, Some(id), None, AuditReden::BsnGetoond) {
                Ok(()) => Some(Action::Zk(ZkMsg::BsnVrijgegeven(id))),
                Err(e) => fout("BSN tonen", e),
            }
        }),
        ZkEffect::OpenZaak(id) => jobs.run(move |store| {
            let loaded = lookup::inzage(store, &kijker, None, Some(id), AuditReden::Zaak)
                .and_then(|()| Ok(lookup::zaak(store.conn(), id)?));
            match loaded {
                Ok(Some(z)) => Some(Action::Zk(ZkMsg::ZaakLoaded(Box::new(z)))),
                Ok(None) => niet_gevonden("zaak"),
                Err(e) => fout("zaak laden", e),
            }
        }),
        // Reading who looked is a view of personal data too: logged first, then read (so the
        // list shows this reading as well).
        ZkEffect::Audit(id) => jobs.run(move |store| {
            let rows = lookup::inzage(store, &kijker, Some(id), None, AuditReden::Inzagelog)
                .and_then(|()| Ok(lookup::audit_van_klant(store.conn(), id)?));
            match rows {
                Ok(rows) => Some(Action::Zk(ZkMsg::AuditLoaded(id, rows))),
                Err(e) => fout("inzagelog laden", e),
            }
        }),
        ZkEffect::Wijzig(KlantWijziging::Contact { partij, nieuw }) => jobs.run(move |store| {
            let result = crate::store::klanten::wijzig_contact(
                store,
                partij,
                [nieuw[0].as_str(), nieuw[1].as_str()],
                crate::sync::klok::nu(),
            )
            .and_then(|n| Ok((n, lookup::klantbeeld(store.conn(), partij)?)));
            match result {
                Ok((n, Some(k))) => Some(Action::Zk(ZkMsg::ContactGewijzigd(Box::new(k), n))),
                Ok((_, None)) => niet_gevonden("klant"),
                Err(e) => mislukt("contactgegevens opslaan", e, Herkomst::Klantgegevens),
            }
        }),
        ZkEffect::Wijzig(KlantWijziging::Nieuw {
            voornamen,
            voorvoegsel,
            achternaam,
            contact,
        }) => {
            let partij = crate::domain::klant::NieuwePartij {
                meta: RecordMeta::new(Utc::now(), state.session.desk_id),
                zoeknaam: crate::domain::zoekvraag::naam_sleutel(&achternaam),
                voornamen,
                voorvoegsel_achternaam: voorvoegsel,
                achternaam,
            };
            jobs.run(move |store| nieuwe_klant(store, partij, contact, &kijker))
        }
    }
}

fn niet_gevonden(wat: &str) -> Option<Action> {
    Some(Action::Zk(ZkMsg::NietGevonden(wat.to_string())))
}

/// Add the klant, then open them (an audited view, as any other).
fn nieuwe_klant(
    store: &mut crate::store::Store,
    partij: crate::domain::klant::NieuwePartij,
    contact: [String; 2],
    kijker: &Kijker,
) -> Option<Action> {
    let result = crate::store::klanten::nieuwe_klant(
        store,
        partij,
        [contact[0].as_str(), contact[1].as_str()],
        crate::sync::klok::nu(),
    )
    .and_then(|id| {
        lookup::inzage(store, kijker, Some(id), None, AuditReden::Klantbeeld)?;
        Ok(lookup::klantbeeld(store.conn(), id)?)
    });
    match result {
        Ok(Some(k)) => Some(Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(k)))),
        Ok(None) => niet_gevonden("klant"),
        Err(e) => mislukt("klant aanmaken", e, Herkomst::Klantgegevens),
    }
}
