//! How the wrap-up answers its messages: opening it on the contact in hand, typing, choosing,
//! saving, cancelling, the draft kept across a restart, and the saved contactmoment.

use super::RegMsg;
use crate::app::{
    Ctx, DbState, Effect, Registratie, State, afspraak_openen, agent_status, klantcontact,
    registratie, vul_nawerk,
};
use chrono::Local;

/// Apply a message of the wrap-up; what has to happen outside goes into `effects`.
pub fn update(state: &mut State, ctx: &Ctx, msg: RegMsg, effects: &mut Vec<Effect>) {
    if let RegMsg::Geregistreerd { contactmoment, .. } = &msg {
        effects.push(Effect::Verzoeken(state.verzoeken.reload()));
        if let Some(gesprek) = contactmoment.gesprek_id {
            state
                .telefonie
                .nawerk_geregistreerd(gesprek, contactmoment.nawerk_seconden);
        }
    }
    let annuleren = matches!(msg, RegMsg::Cancel | RegMsg::CancelConfirmed(true));
    apply(state, ctx, msg, effects);
    // A draft dropped with the call over and no visitor at the balie: the contact ends
    // (a call or visitor still in hand keeps theirs).
    if annuleren
        && state.registratie.is_none()
        && state.telefonie.gesprek.is_none()
        && state.telefonie.status != crate::domain::telefonie::AgentStatus::Nawerk
        && state.klantgeleiding.huidig_bezoek().is_none()
    {
        state.contact_eindigt();
    }
    if annuleren
        && state.registratie.is_none()
        && state.telefonie.status == crate::domain::telefonie::AgentStatus::Nawerk
    {
        state.notify(
            "Nawerk loopt nog: F5 registreert het gesprek alsnog; b in de Wachtrij maakt u beschikbaar."
                .into(),
            false,
        );
    }
}

/// The wrap-up form: open, edit, save, cancel, autosaved drafts.
fn apply(state: &mut State, ctx: &Ctx, msg: RegMsg, effects: &mut Vec<Effect>) {
    let now = ctx.nu;
    match msg {
        RegMsg::Afspraak => match state.registratie.as_ref().and_then(|r| r.klant.clone()) {
            Some(k) => afspraak_openen(state, k.id, k.naam),
            None => state.notify(
                "Een afspraak is voor een klant: kies eerst de klant (Ctrl-A).".into(),
                true,
            ),
        },
        RegMsg::Open => {
            if state.registratie.is_some() || state.db != DbState::Ready {
                return;
            }
            // The contact in hand, or one the agent starts now (with what they looked up
            // before as its bronnen). Its klant and zaak only as linked: what happens to be on
            // screen is never the klant of a registration.
            state.contact_in_hand(now);
            let Some(c) = state.contact.as_ref() else {
                return;
            };
            // A contact the agent started at a desk without telephony is a counter contact.
            let kanaal = match c.aanleiding {
                klantcontact::Aanleiding::Handmatig if !state.telefonie.actief => {
                    crate::domain::Kanaal::Balie
                }
                _ => c.kanaal(),
            };
            let mut r = Registratie::new(
                kanaal,
                c.klant.as_ref().map(|k| k.klant.clone()),
                c.zaak.clone(),
                c.begonnen_op,
                now,
            );
            r.via = c.klant.as_ref().map(|k| k.via);
            if let klantcontact::Aanleiding::Gesprek { nummer } = &c.aanleiding
                && !nummer.is_empty()
            {
                r.beller = Some(nummer.clone());
            }
            // During a call: the caller's number and the call itself.
            if let Some(g) = &state.telefonie.gesprek {
                r.beller = Some(g.nummer.clone());
                r.niet_bereikt = g.niet_opgenomen.clone();
                r.gesprek_id = Some(state.telefonie.record_id(&g.id));
                r.begonnen_op = g.aangenomen_op;
                r.geopend_op = state.telefonie.nu.max(g.aangenomen_op);
            }
            // The articles consulted are the bronnen; the last one suggests the onderwerp.
            r.bronnen = state.bronnen().to_vec();
            if let Some(a) = state
                .bronnen()
                .last()
                .and_then(|id| state.kennisbank.kb.as_ref()?.artikel(id).cloned())
            {
                r.vragen[0].onderwerp = a
                    .titel
                    .chars()
                    .take(crate::domain::contact::MAX_ONDERWERP)
                    .collect::<String>()
                    .into();
            }
            state.registratie = Some(r);
            // Reopened during nawerk (after a cancel): it is still that call's wrap-up.
            if state.telefonie.gesprek.is_none()
                && state.telefonie.status == crate::domain::telefonie::AgentStatus::Nawerk
                && let Some(n) = state.telefonie.nawerk.clone()
            {
                vul_nawerk(state, &n);
            }
            state.concept_versie = 0;
            state.concept_bewaard = 0;
            state.help = None;
        }
        RegMsg::ConceptGevonden(json) => match serde_json::from_str::<Registratie>(&json) {
            Ok(r) => state.concept_aanbod = Some(r),
            Err(_) => {
                state.notify(
                    "Een oude conceptregistratie kon niet worden gelezen en is verwijderd.".into(),
                    true,
                );
                effects.push(Effect::BewaarConcept(None));
            }
        },
        RegMsg::ConceptHerstellen(ja) => {
            if let Some(r) = state.concept_aanbod.take() {
                if ja {
                    state.registratie = Some(r);
                    state.concept_versie = 1;
                    state.concept_bewaard = 1;
                } else {
                    effects.push(Effect::BewaarConcept(None));
                }
            }
        }
        RegMsg::CancelConfirmed(ja) => {
            state.confirm_cancel = false;
            if ja {
                state.registratie = None;
                effects.push(Effect::BewaarConcept(None));
            }
        }
        RegMsg::Geregistreerd {
            contactmoment,
            verzoek,
        } => {
            state.registratie = None;
            // Saving the wrap-up ends nawerk: the next call may come.
            if state.telefonie.status == crate::domain::telefonie::AgentStatus::Nawerk {
                agent_status(
                    state,
                    ctx,
                    crate::domain::telefonie::AgentStatus::Beschikbaar,
                    effects,
                );
            }
            // A visitor's contact registered (F5 during the visit, or k): k does not open a
            // second wrap-up for them, and klaar can no longer be undone.
            if let Some(klantcontact::Aanleiding::Bezoek { bezoek_id, .. }) =
                state.contact.as_ref().map(|c| &c.aanleiding)
            {
                state.klantgeleiding.geregistreerd = Some(*bezoek_id);
            }
            state.klantgeleiding.ongedaan = None;
            // The contact is done: the next one starts from an empty search, not this klant.
            state.contact_eindigt();
            state.lege_klantzoekvraag();
            state.zoomed = false;
            let mut text = format!(
                "Contactmoment geregistreerd: {} ({}).",
                contactmoment.onderwerp,
                contactmoment.kanaal.label()
            );
            if let Some(v) = &verzoek {
                text.push_str(&format!(
                    " Contactverzoek uiterlijk {}.",
                    v.uiterlijk_op.with_timezone(&Local).format("%d-%m %H:%M")
                ));
            }
            state.notify(text, false);
            effects.push(Effect::LoadOverview);
        }
        other => {
            let Some(r) = state.registratie.as_mut() else {
                return;
            };
            if r.bezig {
                return; // saving: the form waits for the store
            }
            let termijnen = &state.session.termijnen;
            let afdelingen = &state.referentie.afdelingen;
            let termijn = |afdeling: uuid::Uuid| {
                afdelingen
                    .iter()
                    .find(|a| a.0 == afdeling)
                    .and_then(|a| termijnen.get(&a.1).copied())
                    .unwrap_or(1)
            };
            match other {
                RegMsg::Char(c) if r.veld == registratie::Veld::VerzoekAan => {
                    r.aan_zoeken(Some(c), &state.referentie, &termijn)
                }
                RegMsg::Backspace if r.veld == registratie::Veld::VerzoekAan => {
                    r.aan_zoeken(None, &state.referentie, &termijn)
                }
                RegMsg::Char(c) => r.type_char(c),
                RegMsg::Backspace => r.backspace(),
                RegMsg::Edit(e) => {
                    if !r.edit(e) {
                        return; // the cursor moved: no new draft
                    }
                }
                RegMsg::NextField => r.next_field(),
                RegMsg::PrevField => r.prev_field(),
                RegMsg::NextOption => r.option(true, &state.referentie, &termijn),
                RegMsg::PrevOption => r.option(false, &state.referentie, &termijn),
                RegMsg::VraagErbij => r.add_vraag(),
                RegMsg::Verzoek => r.toggle_verzoek_met(&state.referentie, &termijn),
                RegMsg::Anoniem => r.toggle_anoniem(),
                RegMsg::Kanaal(k) => r.kanaal = k,
                RegMsg::Cancel => {
                    if r.is_dirty() {
                        state.confirm_cancel = true;
                    } else {
                        state.registratie = None;
                        effects.push(Effect::BewaarConcept(None));
                    }
                    return;
                }
                RegMsg::Enter if !r.on_last_field() => r.next_field(),
                RegMsg::Enter | RegMsg::Save => {
                    match r.build(
                        now,
                        state.session.desk_id,
                        ctx.medewerker_id(),
                        ctx.medewerker_naam(),
                    ) {
                        Ok(records) => {
                            r.bezig = true;
                            r.fout = None;
                            effects.push(Effect::Registreer(Box::new(records)));
                        }
                        Err(e) => r.fout = Some(e),
                    }
                    return;
                }
                _ => return,
            }
            state.concept_versie += 1;
        }
    }
}
