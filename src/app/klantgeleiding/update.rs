//! How the Klantgeleiding pane answers its messages: checking visitors in, calling the next one
//! and every step of a visit (h/s/k/x/t/p/r), the dagagenda, and what the store and the server
//! reported.

use super::KgMsg;
use crate::app::list_cursor::{ListCursor, Move};
use crate::app::{
    Action, Ctx, Effect, RegMsg, State, SyncIndicator, ZkEffect, aankomst_tekst, aankondigen,
    afspraak_openen, bezoeker_contact, klantcontact, klantgeleiding, registratie, zk,
};
use chrono::Utc;

/// Apply a message of this feature; what has to happen outside goes into `effects`.
pub fn update(state: &mut State, ctx: &Ctx, msg: KgMsg, effects: &mut Vec<Effect>) {
    match msg {
        KgMsg::Inchecken => {
            state.klantgeleiding.inchecken = Some(klantgeleiding::Inchecken::default());
            // The picker needs room: the pane goes full screen (Esc returns).
            state.zoomed = true;
        }
        KgMsg::Afspraak => {
            state.zoomed = true;
            state.klantgeleiding.inchecken = Some(klantgeleiding::Inchecken {
                afspraak: true,
                ..Default::default()
            });
            effects.push(Effect::Klantgeleiding(
                klantgeleiding::KgEffect::LaadAfspraken,
            ));
        }
        KgMsg::AfsprakenVandaag(v) => state.klantgeleiding.vandaag = v,
        KgMsg::PlekkenGeladen(p) => {
            state.klantgeleiding.plekken = p.iter().map(|(n, _)| n.clone()).collect();
            state.plekken = p;
        }
        KgMsg::Agenda => {
            let dag = state.now.date_naive();
            state.zoomed = true;
            state.klantgeleiding.agenda = Some(klantgeleiding::Agenda {
                dag,
                regels: None,
                bron: 0,
                selected: ListCursor::new(),
            });
            effects.push(Effect::Klantgeleiding(
                klantgeleiding::KgEffect::LaadAgenda(dag),
            ));
        }
        KgMsg::AgendaGeladen(dag, regels) => {
            if let Some(a) = state.klantgeleiding.agenda.as_mut()
                && a.dag == dag
            {
                a.regels = Some(regels);
                a.bron = a.bron.min(a.bronnen().len().saturating_sub(1));
                let n = a.getoond().len();
                a.selected.clamp(n);
            }
        }
        KgMsg::AgendaUp => agenda_bewegen(state, Move::Up),
        KgMsg::AgendaDown => agenda_bewegen(state, Move::Down),
        KgMsg::AgendaLijst(mv) => agenda_bewegen(state, mv),
        KgMsg::AgendaBron(stap) => {
            if let Some(a) = state.klantgeleiding.agenda.as_mut() {
                let n = a.bronnen().len().max(1) as i32;
                a.bron = (a.bron as i32 + stap).rem_euclid(n) as usize;
                a.selected.reset();
            }
        }
        KgMsg::AgendaDag(stap) => {
            if let Some(a) = state.klantgeleiding.agenda.as_mut() {
                a.dag += chrono::Duration::days(stap);
                a.regels = None;
                a.selected.reset();
                effects.push(Effect::Klantgeleiding(
                    klantgeleiding::KgEffect::LaadAgenda(a.dag),
                ));
            }
        }
        KgMsg::AgendaInchecken | KgMsg::AgendaNoShow => {
            let vandaag = state.now.date_naive();
            if let Some(a) = state.klantgeleiding.agenda.as_ref() {
                let r = if matches!(msg, KgMsg::AgendaInchecken) {
                    a.inchecken(vandaag)
                } else {
                    a.niet_verschenen(ctx.nu)
                };
                match r {
                    Ok(e) => effects.push(Effect::Klantgeleiding(e)),
                    Err(m) => state.notify(m, true),
                }
            }
        }
        KgMsg::AgendaClose => {
            state.klantgeleiding.agenda = None;
            state.zoomed = false;
        }
        KgMsg::AfspraakNietVerschenen(a) => {
            state.notify(
                format!(
                    "Niet verschenen: {} om {}.",
                    a.product,
                    a.begin_op.with_timezone(&chrono::Local).format("%H:%M")
                ),
                false,
            );
            if let Some(ag) = state.klantgeleiding.agenda.as_ref() {
                effects.push(Effect::Klantgeleiding(
                    klantgeleiding::KgEffect::LaadAgenda(ag.dag),
                ));
            }
        }
        KgMsg::Doorsturen => match state.klantgeleiding.huidig_bezoek() {
            _ if state.klantgeleiding.beslissing.is_some() => {
                if let Err(m) = state.klantgeleiding.niet_tijdens_beslissing() {
                    state.notify(m, true);
                }
            }
            Some(_) => {
                state.zoomed = true;
                state.klantgeleiding.inchecken = Some(klantgeleiding::Inchecken {
                    doorsturen: true,
                    ..Default::default()
                });
            }
            None => state.notify("Er is niemand opgeroepen om door te sturen.".into(), true),
        },
        KgMsg::Parkeren => match state.klantgeleiding.parkeren() {
            Ok(e) => {
                if let klantgeleiding::KgEffect::Bewaar(b, _) = &e {
                    state.notify(format!("{} geparkeerd; r hervat.", b.nummer), false);
                }
                effects.push(Effect::Klantgeleiding(e));
            }
            Err(m) => state.notify(m, true),
        },
        KgMsg::Hervatten => match state.klantgeleiding.hervatten(ctx.nu) {
            Ok(e) => {
                if let klantgeleiding::KgEffect::Bewaar(b, _) = &e {
                    bezoeker_contact(state, b, ctx.nu, effects);
                }
                effects.push(Effect::Klantgeleiding(e))
            }
            Err(m) => state.notify(m, true),
        },
        KgMsg::Ongedaan => {
            // The wrap-up a `k` opened goes too, when nothing was typed in it yet.
            let als_geopend = state
                .klantgeleiding
                .ongedaan
                .as_ref()
                .and_then(|o| o.registratie.as_deref());
            if state
                .registratie
                .as_ref()
                .is_some_and(|r| Some(r) != als_geopend)
            {
                state.notify(
                    "De registratie is al ingevuld: sla die op of annuleer haar (Esc) voor u klaar ongedaan maakt."
                        .into(),
                    true,
                );
                return;
            }
            match state.klantgeleiding.ongedaan_maken(ctx.nu) {
                Ok(e) => {
                    if state.registratie.take().is_some() {
                        effects.push(Effect::BewaarConcept(None));
                    }
                    if let klantgeleiding::KgEffect::Bewaar(b, _) = &e {
                        state.notify(
                            format!(
                                "{} is terug: {} (ongedaan gemaakt).",
                                b.nummer,
                                match b.status.as_str() {
                                    crate::domain::klantgeleiding::OPGEROEPEN => "opgeroepen",
                                    _ => "in behandeling",
                                }
                            ),
                            false,
                        );
                    }
                    effects.push(Effect::Klantgeleiding(e));
                }
                Err(m) => state.notify(m, true),
            }
        }
        KgMsg::KlantKoppelen => {
            let klant = state.zaak_klant.klant.as_ref().map(|k| k.naam.clone());
            match (state.klantgeleiding.inchecken.as_mut(), klant) {
                (Some(i), Some(naam)) if !i.afspraak && !i.doorsturen => {
                    i.klant_koppelen = !i.klant_koppelen;
                    let tekst = if i.klant_koppelen {
                        format!("Het ticket wordt gekoppeld aan {naam}.")
                    } else {
                        "Het ticket wordt niet aan een klant gekoppeld.".to_string()
                    };
                    state.notify(tekst, false);
                }
                (Some(_), None) => state.notify(
                    "Open eerst de klant in Zaak/Klant (F4) om het ticket te koppelen.".into(),
                    true,
                ),
                _ => {}
            }
        }
        KgMsg::Char(c) => inchecken_zoeken(state, |f| f.insert(c, 40)),
        KgMsg::Backspace => inchecken_zoeken(state, |f| f.backspace()),
        KgMsg::Edit(e) => inchecken_zoeken(state, |f| f.edit(e)),
        KgMsg::Up => inchecken_bewegen(state, Move::Up),
        KgMsg::Down => inchecken_bewegen(state, Move::Down),
        KgMsg::Lijst(mv) => inchecken_bewegen(state, mv),
        KgMsg::Back => state.klantgeleiding.inchecken = None,
        KgMsg::Choose
            if state
                .klantgeleiding
                .inchecken
                .as_ref()
                .is_some_and(|i| i.doorsturen) =>
        {
            let kg = &mut state.klantgeleiding;
            let sel = kg.inchecken.as_ref().map_or(0, |i| i.selected.index());
            match kg.doorstuur_keuzes(&state.diensten).get(sel).cloned() {
                Some(naar) => {
                    kg.inchecken = None;
                    match kg.doorsturen(naar.clone()) {
                        Ok(e) => {
                            if let klantgeleiding::KgEffect::Bewaar(b, _) = &e {
                                let waar = match naar {
                                    klantgeleiding::Bestemming::Dienst(d) => d,
                                    klantgeleiding::Bestemming::Balie(b) => b,
                                };
                                state.notify(
                                    format!(
                                        "{} doorgestuurd naar {waar}; wacht met de oorspronkelijke aankomsttijd.",
                                        b.nummer
                                    ),
                                    false,
                                );
                            }
                            effects.push(Effect::Klantgeleiding(e));
                        }
                        Err(m) => state.notify(m, true),
                    }
                }
                None => state.notify(
                    "Geen dienst of balie gevonden; pas de zoektekst aan.".into(),
                    true,
                ),
            }
        }
        KgMsg::Choose
            if state
                .klantgeleiding
                .inchecken
                .as_ref()
                .is_some_and(|i| i.afspraak) =>
        {
            let kg = &mut state.klantgeleiding;
            let sel = kg.inchecken.as_ref().map_or(0, |i| i.selected.index());
            match kg.afspraak_keuzes().get(sel).map(|a| (*a).clone()) {
                Some(a) => {
                    kg.inchecken = None;
                    effects.push(Effect::Klantgeleiding(
                        klantgeleiding::KgEffect::AfspraakInchecken(Box::new(a)),
                    ));
                }
                None => state.notify(
                    "Geen afspraak van vandaag gevonden; pas de zoektekst aan.".into(),
                    true,
                ),
            }
        }
        KgMsg::Choose => {
            let sel = state
                .klantgeleiding
                .inchecken
                .as_ref()
                .map_or(0, |i| i.selected.index());
            let keuze = state
                .klantgeleiding
                .keuzes(&state.diensten)
                .get(sel)
                .map(|d| (d.naam.clone(), d.prefix.clone()));
            match keuze {
                Some((dienst, prefix)) => {
                    // The klant open on screen only when the receptie linked them (Ctrl-K).
                    let koppelen = state
                        .klantgeleiding
                        .inchecken
                        .take()
                        .is_some_and(|i| i.klant_koppelen);
                    let partij = state
                        .zaak_klant
                        .klant
                        .as_ref()
                        .filter(|_| koppelen)
                        .map(|k| k.id);
                    effects.push(Effect::Klantgeleiding(
                        klantgeleiding::KgEffect::Inchecken {
                            dienst,
                            prefix,
                            partij,
                        },
                    ));
                }
                None => state.notify("Geen dienst gevonden; pas de zoektekst aan.".into(), true),
            }
        }
        KgMsg::Volgende => match state.klantgeleiding.volgende() {
            Ok(e) => effects.push(Effect::Klantgeleiding(e)),
            Err(m) => state.notify(m, true),
        },
        KgMsg::Opgeroepen(uitkomst) => {
            match uitkomst {
                Ok(o) => {
                    let o = *o;
                    // Whom another desk took first: said once, with their numbers.
                    let voor: Vec<String> = state
                        .klantgeleiding
                        .vooraf
                        .take()
                        .into_iter()
                        .chain(o.verloren.iter().map(|v| v.melding()))
                        .collect();
                    let voor = if voor.is_empty() {
                        String::new()
                    } else {
                        format!("{} ", voor.join(" "))
                    };
                    match o.bezoek {
                        // Online the server decides: the call is announced when it accepted
                        // it (or after SERVER_WACHT without an answer), not before.
                        Some(b) if state.sync == SyncIndicator::Gesynchroniseerd => {
                            match state.klantgeleiding.uitspraak_over(b.meta.id, ctx.nu) {
                                Some(true) => aankondigen(state, ctx, b, &voor, effects),
                                // Refused before this answer came: the next call is already
                                // under way (see Action::Sync) and says this with its own.
                                Some(false) => {
                                    state.klantgeleiding.vooraf =
                                        Some(voor.trim_end().to_string()).filter(|v| !v.is_empty());
                                }
                                None => {
                                    let id = b.meta.id;
                                    state.klantgeleiding.huidig = None;
                                    state.klantgeleiding.beslissing =
                                        Some(klantgeleiding::Beslissing { bezoek: b, voor });
                                    effects.push(Effect::SyncNu);
                                    effects.push(Effect::Later(
                                        klantgeleiding::SERVER_WACHT,
                                        Box::new(Action::Kg(KgMsg::ServerStil(id))),
                                    ));
                                }
                            }
                        }
                        Some(b) => aankondigen(state, ctx, b, &voor, effects),
                        None => state.notify(
                            format!("{voor}Er wacht niemand voor deze balie."),
                            !voor.is_empty(),
                        ),
                    }
                }
                Err(m) => {
                    state.klantgeleiding.vooraf = None;
                    state.notify(m, true);
                }
            }
            effects.push(Effect::Klantgeleiding(klantgeleiding::KgEffect::Laad));
        }
        KgMsg::ServerStil(id) => {
            // The server did not answer in time: the call stands from this desk's own file, as
            // offline; a refusal, should one come, is shown with the number and the next called.
            if let Some(w) = state
                .klantgeleiding
                .beslissing
                .take_if(|w| w.bezoek.meta.id == id)
            {
                let voor = format!("{}{} ", w.voor, klantgeleiding::SERVER_STIL);
                aankondigen(state, ctx, w.bezoek, &voor, effects);
                effects.push(Effect::Klantgeleiding(klantgeleiding::KgEffect::Laad));
            }
        }
        KgMsg::Verloren(m) => {
            state.notify(m, true);
            effects.push(Effect::Klantgeleiding(klantgeleiding::KgEffect::Laad));
        }
        KgMsg::Stap(c) => match state.klantgeleiding.stap(c, ctx.nu) {
            Ok(e) => {
                let al_geregistreerd = matches!(&e, klantgeleiding::KgEffect::Bewaar(b, _)
                    if state.klantgeleiding.geregistreerd == Some(b.meta.id));
                if let klantgeleiding::KgEffect::Bewaar(b, _) = &e
                    && b.status == crate::domain::klantgeleiding::KLAAR
                    && !al_geregistreerd
                {
                    // Finished at the balie: register the contact, prefilled. It is this
                    // visitor's contact (a call answered meanwhile had its own).
                    let dienst = b.dienst.clone();
                    let van_bezoeker = matches!(
                        state.contact.as_ref().map(|c| &c.aanleiding),
                        Some(klantcontact::Aanleiding::Bezoek { bezoek_id, .. }) if *bezoek_id == b.meta.id
                    );
                    if !van_bezoeker {
                        bezoeker_contact(state, b, ctx.nu, effects);
                    }
                    registratie::update(state, ctx, RegMsg::Open, effects);
                    if let Some(r) = state.registratie.as_mut() {
                        r.kanaal = crate::domain::Kanaal::Balie;
                        if r.vragen[0].onderwerp.is_empty() {
                            r.vragen[0].onderwerp = dienst.into();
                        }
                        if let Some(start) = b.geholpen_op {
                            r.begonnen_op = start;
                        }
                    }
                    if let Some(o) = state.klantgeleiding.ongedaan.as_mut() {
                        o.registratie = state.registratie.clone().map(Box::new);
                    }
                }
                if let klantgeleiding::KgEffect::Bewaar(b, _) = &e
                    && (b.status == crate::domain::klantgeleiding::KLAAR
                        || b.status == crate::domain::klantgeleiding::NO_SHOW)
                {
                    let wat = if b.status == crate::domain::klantgeleiding::KLAAR {
                        if al_geregistreerd {
                            "klaar (het contact is al geregistreerd)"
                        } else {
                            "klaar"
                        }
                    } else {
                        // Nobody came: no contact to register.
                        if matches!(
                            state.contact.as_ref().map(|c| &c.aanleiding),
                            Some(klantcontact::Aanleiding::Bezoek { bezoek_id, .. }) if *bezoek_id == b.meta.id
                        ) {
                            state.contact_eindigt();
                        }
                        "niet verschenen"
                    };
                    state.notify(
                        format!(
                            "{} {wat}. Ctrl-Z maakt dit ongedaan ({} s).",
                            b.nummer,
                            klantgeleiding::ONGEDAAN_S
                        ),
                        false,
                    );
                }
                effects.push(Effect::Klantgeleiding(e));
            }
            Err(m) => state.notify(m, true),
        },
        KgMsg::Ingecheckt(b) => {
            let tijd = b.afspraak_op.map_or(String::new(), |op| {
                format!(" · {}", aankomst_tekst(b.aangekomen_op, op))
            });
            state.notify(
                format!("Ticket {} voor {}{tijd}.", b.nummer, b.dienst),
                false,
            );
            state.klantgeleiding.laatste_ticket = Some((b.nummer.clone(), b.dienst.clone()));
            effects.push(Effect::Klantgeleiding(klantgeleiding::KgEffect::Laad));
            if let Some(ag) = state.klantgeleiding.agenda.as_ref() {
                effects.push(Effect::Klantgeleiding(
                    klantgeleiding::KgEffect::LaadAgenda(ag.dag),
                ));
            }
        }
        KgMsg::BezoekenGeladen(v, t, open) => {
            state.klantgeleiding.behandeltijden = t;
            state.klantgeleiding.open_balies = open;
            state.klantgeleiding.geladen(v);
            // A visitor this balie still has by the store (a desk restarted after a crash) with
            // no contact in hand: theirs is the contact again, linked as their ticket says.
            if state.contact.is_none()
                && state.registratie.is_none()
                && state.klantgeleiding.beslissing.is_none()
                && let Some(b) = state.klantgeleiding.huidig_bezoek().cloned()
                && state.klantgeleiding.geregistreerd != Some(b.meta.id)
            {
                let begin = b.geholpen_op.or(b.opgeroepen_op).unwrap_or_else(Utc::now);
                bezoeker_contact(state, &b, begin, effects);
            }
        }
        KgMsg::AfspraakMaken => {
            let bezoeker = state
                .klantgeleiding
                .huidig_bezoek()
                .and_then(|b| b.partij_id);
            match (bezoeker, state.zaak_klant.klant.as_ref()) {
                // The visitor at the balie is a known klant: their klantbeeld, then the form.
                (Some(id), k) if k.is_none_or(|k| k.id != id) => {
                    state.afspraak_na_laden = Some(id);
                    zk(effects, Some(ZkEffect::OpenKlant(id)));
                }
                (_, Some(k)) => afspraak_openen(state, k.id, k.naam.clone()),
                _ => state.notify(
                    "Zoek eerst de klant (F4) of koppel de bezoeker bij het inchecken.".into(),
                    true,
                ),
            }
        }
    }
}

/// The rows the check-in picker shows, by a key each (the dienst, the afspraak or where a
/// visitor is sent on to), to keep the chosen one when the search text changes.
fn inchecken_rijen(state: &State) -> Vec<String> {
    let kg = &state.klantgeleiding;
    match kg.inchecken.as_ref() {
        Some(i) if i.afspraak => kg
            .afspraak_keuzes()
            .iter()
            .map(|a| a.id.to_string())
            .collect(),
        Some(i) if i.doorsturen => kg
            .doorstuur_keuzes(&state.diensten)
            .iter()
            .map(|b| format!("{b:?}"))
            .collect(),
        _ => kg
            .keuzes(&state.diensten)
            .iter()
            .map(|d| d.naam.clone())
            .collect(),
    }
}

/// A change of the check-in's search text (`wijzig` says whether the text changed): the row
/// chosen stays chosen while it still fits, else the first that fits.
fn inchecken_zoeken(
    state: &mut State,
    wijzig: impl FnOnce(&mut crate::app::text_field::TextField) -> bool,
) {
    let voor = inchecken_rijen(state);
    let Some(i) = state.klantgeleiding.inchecken.as_mut() else {
        return;
    };
    if !wijzig(&mut i.filter) {
        return;
    }
    let na = inchecken_rijen(state);
    if let Some(i) = state.klantgeleiding.inchecken.as_mut() {
        let was = i.selected.get(&voor).cloned();
        i.selected.refilter(was, na);
    }
}

/// ↑/↓/PgUp/PgDn in the check-in picker (stopping at the ends).
fn inchecken_bewegen(state: &mut State, mv: Move) {
    let n = inchecken_rijen(state).len();
    if let Some(i) = state.klantgeleiding.inchecken.as_mut() {
        i.selected.apply(mv, n);
    }
}

/// ↑/↓/PgUp/PgDn/Home/End in the day agenda (stopping at the ends).
fn agenda_bewegen(state: &mut State, mv: Move) {
    if let Some(a) = state.klantgeleiding.agenda.as_mut() {
        let n = a.getoond().len();
        a.selected.apply(mv, n);
    }
}
