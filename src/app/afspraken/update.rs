//! How the afspraak form answers its messages: choosing diensten, a day in the month, a time,
//! the klant's details, booking, moving and cancelling, and what the store reported.

use super::AfspraakMsg;
use crate::app::{
    Ctx, Effect, State, SyncIndicator, ZkEffect, afspraak_direct_zoeken, afspraak_openen,
    afspraken, kas, klantgeleiding, zk,
};
use chrono::Local;

/// Apply a message of this feature; what has to happen outside goes into `effects`.
pub fn update(state: &mut State, ctx: &Ctx, msg: AfspraakMsg, effects: &mut Vec<Effect>) {
    match msg {
        AfspraakMsg::DienstenGeladen(d) => {
            state.diensten = d;
            effects.push(Effect::Klantgeleiding(klantgeleiding::KgEffect::Laad));
            effects.push(Effect::Venster(kas::VensterEffect::LaadGebouw));
        }
        AfspraakMsg::Opnieuw => match state.afspraak_opnieuw.take() {
            Some((id, product)) => {
                state.afspraak_product = Some(product);
                match state.zaak_klant.klant.as_ref() {
                    Some(k) if k.id == id => {
                        let naam = k.naam.clone();
                        afspraak_openen(state, id, naam);
                        afspraak_direct_zoeken(state, ctx, effects);
                    }
                    _ => {
                        state.afspraak_na_laden = Some(id);
                        zk(effects, Some(ZkEffect::OpenKlant(id)));
                    }
                }
            }
            None => state.notify(
                "Er is geen geweigerde afspraak om opnieuw aan te bieden.".into(),
                true,
            ),
        },
        AfspraakMsg::Nieuw => match state.zaak_klant.klant.as_ref() {
            Some(k) => afspraak_openen(state, k.id, k.naam.clone()),
            None => state.notify("Open eerst een klant.".into(), true),
        },
        AfspraakMsg::Up | AfspraakMsg::Down | AfspraakMsg::Left | AfspraakMsg::Right => {
            let vandaag = state.now.date_naive();
            if let Some(f) = state.afspraak.as_mut() {
                let maand = matches!(f.stap, afspraken::Stap::Maand { .. });
                let e = match msg {
                    // In the month view up and down move a week.
                    AfspraakMsg::Up if maand => f.verschuif(-7, vandaag),
                    AfspraakMsg::Down if maand => f.verschuif(7, vandaag),
                    AfspraakMsg::Left => f.verschuif(-1, vandaag),
                    AfspraakMsg::Right => f.verschuif(1, vandaag),
                    AfspraakMsg::Up => {
                        f.op();
                        None
                    }
                    _ => {
                        f.neer();
                        None
                    }
                };
                if let Some(e) = e {
                    effects.push(Effect::Afspraak(e));
                }
            }
        }
        AfspraakMsg::Lijst(mv) => {
            if let Some(f) = state.afspraak.as_mut() {
                f.lijst(mv);
            }
        }
        AfspraakMsg::Plek => {
            if let Some(e) = state
                .afspraak
                .as_mut()
                .and_then(|f| f.volgende_plek(ctx.nu))
            {
                effects.push(Effect::Afspraak(e));
            }
        }
        AfspraakMsg::Maand => {
            let vandaag = state.now.date_naive();
            if let Some(e) = state.afspraak.as_mut().and_then(|f| f.maand(vandaag)) {
                effects.push(Effect::Afspraak(e));
            }
        }
        AfspraakMsg::MaandGeladen(maand, per_dag) => {
            if let Some(f) = state.afspraak.as_mut() {
                f.maand_geladen(maand, per_dag);
            }
        }
        AfspraakMsg::Toggle => {
            if let Some(f) = state.afspraak.as_mut() {
                f.wissel();
            }
        }
        AfspraakMsg::Verder => {
            let kb = state.kennisbank.kb.clone();
            let diensten = state.diensten.clone();
            let meenemen = move |dienst: &str| -> Vec<String> {
                diensten
                    .iter()
                    .find(|d| d.naam == dienst)
                    .and_then(|d| d.artikel.as_deref())
                    .and_then(|id| kb.as_ref()?.artikel(id).map(|a| a.meenemen.clone()))
                    .unwrap_or_default()
            };
            let desk = state.session.desk_id;
            let mw = ctx.medewerker_id();
            if let Some(f) = state.afspraak.as_mut() {
                if matches!(f.stap, afspraken::Stap::Bevestigd(_)) {
                    state.afspraak = None;
                } else if let Some(e) = f.verder(ctx.nu, desk, mw, &meenemen) {
                    effects.push(Effect::Afspraak(e));
                }
            }
        }
        AfspraakMsg::Nieuwe => {
            if let Some(f) = state.afspraak.as_mut() {
                f.nieuw();
            }
        }
        AfspraakMsg::Verzetten => {
            if let Some(e) = state.afspraak.as_mut().and_then(|f| f.verzetten(ctx.nu)) {
                effects.push(Effect::Afspraak(e));
            }
        }
        AfspraakMsg::Annuleren => {
            if let Some(f) = state.afspraak.as_mut() {
                f.annuleren();
            }
        }
        AfspraakMsg::Char(c) => {
            if let Some(f) = state.afspraak.as_mut() {
                f.typ(c);
            }
        }
        AfspraakMsg::Backspace => {
            if let Some(f) = state.afspraak.as_mut() {
                f.wis();
            }
        }
        AfspraakMsg::Edit(e) => {
            if let Some(f) = state.afspraak.as_mut() {
                f.bewerk(e);
            }
        }
        AfspraakMsg::Geannuleerd(a) => {
            state.afspraak = None;
            if let Some(k) = state.zaak_klant.klant.as_mut() {
                k.afspraken.retain(|x| x.id != a.meta.id);
            }
            state.notify(
                format!(
                    "Afspraak van {} geannuleerd ({}).",
                    a.begin_op.with_timezone(&Local).format("%d-%m %H:%M"),
                    a.reden.clone().unwrap_or_default()
                ),
                false,
            );
        }
        AfspraakMsg::Back => {
            state.afspraak = state
                .afspraak
                .take()
                .and_then(afspraken::AfspraakForm::terug);
            // Back from the month view: the free times again.
            if let Some(f) = state.afspraak.as_mut()
                && matches!(f.stap, afspraken::Stap::Tijden { slots: None, .. })
                && !f.bezig
            {
                let e = f.zoek(ctx.nu);
                effects.push(Effect::Afspraak(e));
            }
        }
        AfspraakMsg::SlotsGevonden(slots) => {
            if let Some(f) = state.afspraak.as_mut()
                && let afspraken::Stap::Tijden { slots: s, gekozen } = &mut f.stap
            {
                if slots.is_empty() {
                    f.fout = Some(
                        "Geen vrije tijden in de acht weken hierna; b een andere balie, m een andere maand."
                            .into(),
                    );
                }
                *s = Some(slots);
                gekozen.reset();
            }
        }
        AfspraakMsg::Geboekt(a) => {
            if let Some(f) = state.afspraak.as_mut() {
                f.bezig = false;
                f.fout = None;
                f.stap = afspraken::Stap::Bevestigd(a.bevestiging.clone().unwrap_or_default());
            }
            if let Some(k) = state
                .zaak_klant
                .klant
                .as_mut()
                .filter(|k| Some(k.id) == a.partij_id)
            {
                // A rescheduled one leaves the list; the new one joins it.
                k.afspraken.retain(|x| Some(x.id) != a.verzet_van);
                k.afspraken.push(crate::domain::klant::KlantAfspraak {
                    begin_op: a.begin_op,
                    eind_op: a.eind_op,
                    id: a.meta.id,
                    product: a.product.clone(),
                    locatie: a.locatie.clone(),
                    // Confirmed by the shared database only once handed in.
                    voorbehoud: state.sync != SyncIndicator::Lokaal,
                });
                k.afspraken.sort();
            }
            let tekst = format!(
                "Afspraak geboekt: {} {} bij {}.",
                a.product,
                a.begin_op.with_timezone(&Local).format("%d-%m %H:%M"),
                a.locatie
            );
            // Booked from the wrap-up: the registration says so.
            if let Some(r) = state.registratie.as_mut() {
                let notitie = if r.notitie.is_empty() {
                    tekst.clone()
                } else {
                    format!("{} {tekst}", r.notitie)
                };
                r.notitie.set(&notitie);
            }
            state.notify(tekst, false);
        }
        AfspraakMsg::BoekenGeweigerd(melding) => {
            // Someone else took the slot: say so and show the free slots as they are now.
            if let Some(f) = state.afspraak.as_mut() {
                f.bezig = false;
                let e = f.zoek(ctx.nu);
                f.fout = Some(format!("{melding}."));
                effects.push(Effect::Afspraak(e));
            }
        }
    }
}
