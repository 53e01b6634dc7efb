//! How the telephone queue answers its messages: the call source's events (a call joins,
//! rings, is answered, ends) and the agent's keys (answer, hold, transfer, pause).

use super::{TelEffect, TelMsg};
use crate::app::list_cursor::Move;
use crate::app::registratie::RegMsg;
use crate::app::{
    Ctx, Effect, Pane, State, ZkEffect, doorverbind_doelen, klantcontact, registratie, telefonie,
    vul_nawerk, zk,
};
use chrono::{DateTime, Utc};

/// The telephone queue: the source's events and the agent's keys.
pub fn update(state: &mut State, ctx: &Ctx, msg: TelMsg, effects: &mut Vec<Effect>) {
    use crate::domain::telefonie::{AgentStatus, PAUZE_REDENEN};
    use crate::telefonie::TelCommand;
    if let TelMsg::Telefoonnummers(n) = msg {
        // The numbers of known klanten, for the source's caller recognition.
        effects.push(Effect::Telefonie(TelEffect::Command(
            TelCommand::BekendeNummers(n),
        )));
        return;
    }
    let desk = state.session.desk_id;
    let medewerker = ctx.medewerker_id();
    let naam = ctx.medewerker_naam().to_string();
    let mut g = telefonie::Gevolg::default();
    let status_voor = state.telefonie.status;
    let tel = &mut state.telefonie;
    if !tel.actief {
        if !matches!(msg, TelMsg::Events { .. }) {
            state.notify("Er is geen telefonie gekoppeld aan deze desk.".into(), true);
            return;
        }
        tel.actief = true;
        if let TelMsg::Events { nu, .. } = &msg {
            tel.begin(*nu, desk, medewerker, &mut g);
        }
        // The figures of today so far, also from before a restart (the queue's stored calls).
        let wachtrij = tel.simulator_run.map(|_| desk);
        g.effects.push(telefonie::TelEffect::LaadVandaag(wachtrij));
    }
    match msg {
        TelMsg::Events { nu, events } => {
            if tel.status_sinds == DateTime::<Utc>::MIN_UTC {
                tel.status_sinds = nu;
            }
            tel.nu = nu;
            for e in events {
                let mut g2 = tel.event(e, desk, medewerker, &naam);
                g.effects.append(&mut g2.effects);
                g.melding = g2.melding.or(g.melding);
                g.screen_pop = g2.screen_pop.or(g.screen_pop);
                g.nawerk = g2.nawerk.or(g.nawerk);
            }
        }
        TelMsg::NummerHerkend { nummer, beller } => {
            tel.bellers.insert(nummer, beller);
        }
        TelMsg::GesprekkenVandaag(v) => tel.vandaag_geladen(v),
        TelMsg::AannemenOphangen if !tel.verbonden && tel.gesprek.is_some() => {
            // No PBX to tell: the desk ends the call on the agent's word, so the wrap-up
            // opens and the call is recorded (the phone is hung up by hand).
            tel.nu = tel.nu.max(ctx.nu);
            tel.ophangen_zonder_verbinding(desk, medewerker, &mut g);
        }
        TelMsg::Beschikbaar | TelMsg::Pauze | TelMsg::PauzeReden(_) | TelMsg::Afmelden
            if tel.op_toestel && !tel.verbonden =>
        {
            tel.pauze_kiezen = false;
            g.melding = Some((
                "Geen verbinding met de centrale: uw status kan weer worden gewijzigd zodra die terug is.".into(),
                true,
            ));
        }
        TelMsg::AannemenOphangen => {
            if tel.op_toestel && tel.gesprek.is_none() && tel.aangeboden.is_some() {
                g.melding = Some(("Neem op met uw toestel.".into(), false));
            } else if let Some(a) = &tel.gesprek {
                g.effects
                    .push(telefonie::TelEffect::Command(TelCommand::Ophangen(
                        a.id.clone(),
                    )));
            } else if let Some(id) = &tel.aangeboden {
                g.effects
                    .push(telefonie::TelEffect::Command(TelCommand::Aannemen(
                        id.clone(),
                    )));
            } else {
                g.melding = Some((
                    "Er is geen gesprek om aan te nemen of op te hangen.".into(),
                    true,
                ));
            }
        }
        TelMsg::Wacht | TelMsg::Doorverbinden if tel.op_toestel => {
            g.melding = Some((
                "In de wacht zetten en doorverbinden gaan via uw toestel.".into(),
                false,
            ));
        }
        TelMsg::Wacht => match tel.gesprek.as_mut() {
            Some(a) => {
                a.in_wacht = !a.in_wacht;
                let (id, aan) = (a.id.clone(), a.in_wacht);
                g.effects
                    .push(telefonie::TelEffect::Command(TelCommand::Wacht(
                        id.clone(),
                        aan,
                    )));
                tel.wacht(&id, aan, &mut g);
            }
            None => g.melding = Some(("Er is geen gesprek om in de wacht te zetten.".into(), true)),
        },
        TelMsg::Doorverbinden => {
            if tel
                .gesprek
                .as_ref()
                .is_some_and(|a| a.doorverbinden.is_none())
            {
                tel.doorverbind_keuze = Some(telefonie::DoorverbindKeuze::default());
            } else {
                g.melding = Some(("Doorverbinden kan alleen tijdens een gesprek.".into(), true));
            }
        }
        TelMsg::KiesUp => return kies_bewegen(state, Move::Up),
        TelMsg::KiesDown => return kies_bewegen(state, Move::Down),
        TelMsg::KiesLijst(mv) => return kies_bewegen(state, mv),
        TelMsg::KiesBack => tel.doorverbind_keuze = None,
        TelMsg::ZoekChar(c) => return kies_zoeken(state, |f| f.insert(c, 40)),
        TelMsg::ZoekBackspace => return kies_zoeken(state, |f| f.backspace()),
        TelMsg::ZoekEdit(e) => return kies_zoeken(state, |f| f.edit(e)),
        TelMsg::Kies(erachter) => {
            let doelen = doorverbind_doelen(state);
            let tel = &mut state.telefonie;
            if let (Some(k), Some(a)) = (tel.doorverbind_keuze.take(), tel.gesprek.as_mut())
                && let Some((naar, aanwezigheid, _)) = k.selected.get(&doelen)
            {
                if aanwezigheid == "in_gesprek" && !erachter {
                    tel.doorverbind_keuze = Some(k);
                    g.melding = Some((
                        format!(
                            "{naar} is in gesprek: Ctrl-E zet de beller erachter, of kies een ander."
                        ),
                        true,
                    ));
                } else {
                    a.doorverbinden = Some(naar.clone());
                    a.in_wacht = true;
                    let id = a.id.clone();
                    g.effects
                        .push(telefonie::TelEffect::Command(TelCommand::Doorverbinden {
                            id: id.clone(),
                            naar: naar.clone(),
                            aanwezigheid: aanwezigheid.clone(),
                            erachter,
                        }));
                    tel.wacht(&id, true, &mut g);
                    g.melding = Some((
                        format!(
                            "Doorverbinden met {naar}{}… de beller staat in de wacht.",
                            if erachter { " (erachter gezet)" } else { "" }
                        ),
                        false,
                    ));
                }
            }
        }
        TelMsg::Beschikbaar => {
            if tel.gesprek.is_some() {
                g.melding = Some(("U bent in gesprek.".into(), true));
            } else {
                tel.zet_status(AgentStatus::Beschikbaar, None, desk, medewerker, &mut g);
            }
        }
        TelMsg::Afmelden => {
            if tel.gesprek.is_some() {
                g.melding = Some(("U bent in gesprek: eerst ophangen (F6).".into(), true));
            } else {
                tel.zet_status(AgentStatus::Afgemeld, None, desk, medewerker, &mut g);
            }
        }
        TelMsg::Pauze => {
            if tel.gesprek.is_some() {
                g.melding = Some(("U bent in gesprek: eerst ophangen (F6).".into(), true));
            } else {
                tel.pauze_kiezen = true;
            }
        }
        TelMsg::PauzeReden(n) => {
            tel.pauze_kiezen = false;
            if let Some(r) = (n as usize)
                .checked_sub(1)
                .and_then(|i| PAUZE_REDENEN.get(i))
            {
                tel.zet_status(
                    AgentStatus::Pauze,
                    Some(r.to_string()),
                    desk,
                    medewerker,
                    &mut g,
                );
            }
        }
        _ => {}
    }
    effects.extend(g.effects.into_iter().map(Effect::Telefonie));
    let eigen_melding = g.melding.is_some();
    if let Some((text, fout)) = g.melding {
        state.notify(text, fout);
    }
    if let Some(nummer) = g.screen_pop {
        // A new contact: nothing consulted before the call is its bron.
        let begin = state.telefonie.nu;
        state.contact_begint(
            klantcontact::Aanleiding::Gesprek {
                nummer: nummer.clone(),
            },
            begin,
        );
        // Screen pop: a number of exactly one klant links them (and opens their klantbeeld);
        // an unknown number fills the klant search and links nobody.
        let bekend = state.telefonie.beller(&nummer).cloned();
        if let (Some((id, naam)), Some(c)) = (&bekend, state.contact.as_mut()) {
            c.koppel(
                registratie::Betrokkene {
                    id: *id,
                    naam: naam.clone(),
                    telefoon: Some(nummer.clone()),
                    email: None,
                },
                klantcontact::Via::ScreenPop,
            );
        }
        match bekend.map(|b| b.0) {
            Some(id) => {
                state.zaak_klant.laden = true;
                state.screen_pop_focus = Some(state.focus);
                effects.push(Effect::ZaakKlant(ZkEffect::OpenKlant(id)));
            }
            None if nummer.is_empty() => {}
            None => {
                state.zaak_klant.new_search();
                state.focus = Pane::ZaakKlant;
                state.zoomed = false;
                for c in nummer.chars() {
                    zk(effects, state.zaak_klant.type_char(c));
                }
            }
        }
    }
    if let Some(n) = g.nawerk {
        registratie::update(state, ctx, RegMsg::Open, effects);
        vul_nawerk(state, &n);
        state.telefonie.nawerk = Some(n);
    }
    if status_voor != state.telefonie.status && !eigen_melding {
        // Say where the agent stands now, so an older message does not linger.
        let tekst = match state.telefonie.status {
            AgentStatus::Beschikbaar if state.telefonie.aangeboden.is_none() => {
                Some("Beschikbaar: het volgende gesprek komt binnen.".to_string())
            }
            AgentStatus::Nawerk => Some(
                "Nawerk: registreer het gesprek (Ctrl-S slaat op; daarna bent u weer beschikbaar)."
                    .to_string(),
            ),
            AgentStatus::Pauze => Some(format!(
                "Pauze{}. Druk b in de Wachtrij voor beschikbaar.",
                state
                    .telefonie
                    .pauze_reden
                    .as_ref()
                    .map_or(String::new(), |r| format!(" ({r})"))
            )),
            AgentStatus::Afgemeld => Some("Afgemeld bij de telefonie.".to_string()),
            _ => None,
        };
        if let Some(t) = tekst {
            state.notify(t, false);
        }
    }
}

/// ↑/↓/PgUp/PgDn in the transfer picker (stopping at the ends).
fn kies_bewegen(state: &mut State, mv: Move) {
    let n = doorverbind_doelen(state).len();
    if let Some(k) = state.telefonie.doorverbind_keuze.as_mut() {
        k.selected.apply(mv, n);
    }
}

/// A change of the transfer picker's letters (`wijzig` says whether the text changed): the
/// colleague or afdeling chosen stays chosen while it still fits, else the first that fits.
fn kies_zoeken(
    state: &mut State,
    wijzig: impl FnOnce(&mut crate::app::text_field::TextField) -> bool,
) {
    let namen = |state: &State| -> Vec<String> {
        doorverbind_doelen(state)
            .into_iter()
            .map(|(naam, _, _)| naam)
            .collect()
    };
    let voor = namen(state);
    let Some(k) = state.telefonie.doorverbind_keuze.as_mut() else {
        return;
    };
    if !wijzig(&mut k.filter) {
        return;
    }
    let na = namen(state);
    if let Some(k) = state.telefonie.doorverbind_keuze.as_mut() {
        let was = k.selected.get(&voor).cloned();
        k.selected.refilter(was, na);
    }
}
