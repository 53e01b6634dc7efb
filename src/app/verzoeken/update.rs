//! How the contactverzoeken list answers its messages: moving, opening, filtering, searching,
//! taking one to handle, and what the store reported.

use super::VzMsg;
use crate::app::{Ctx, Effect, Pane, State};

/// Apply a message of this feature; what has to happen outside goes into `effects`.
pub fn update(state: &mut State, ctx: &Ctx, msg: VzMsg, effects: &mut Vec<Effect>) {
    match msg {
        VzMsg::Up => state.verzoeken.up(),
        VzMsg::Down => state.verzoeken.down(),
        VzMsg::Lijst(mv) => state.verzoeken.lijst(mv),
        VzMsg::Open => {
            if let Some(e) = state.verzoeken.open() {
                effects.push(Effect::Verzoeken(e));
            }
        }
        VzMsg::Afhandelen => match state.verzoeken.start_afhandelen() {
            Ok(e) => effects.extend(e.map(Effect::Verzoeken)),
            Err(msg) => state.notify(msg.into(), true),
        },
        VzMsg::Filter => {
            let rol = ctx.rol();
            effects.push(Effect::Verzoeken(state.verzoeken.next_filter(rol)));
        }
        VzMsg::Zoeken => state.verzoeken.zoeken = true,
        VzMsg::Char(c) => effects.extend(state.verzoeken.type_char(c).map(Effect::Verzoeken)),
        VzMsg::Backspace => effects.extend(state.verzoeken.backspace().map(Effect::Verzoeken)),
        VzMsg::Edit(e) => effects.extend(state.verzoeken.edit(e).map(Effect::Verzoeken)),
        VzMsg::Back => {
            let was_detail =
                state.verzoeken.detail.is_some() && state.verzoeken.afhandelen.is_none();
            effects.extend(state.verzoeken.back().map(Effect::Verzoeken));
            if was_detail {
                state.zoomed = false;
            }
        }
        VzMsg::Cycle(forward) => state.verzoeken.option(forward),
        VzMsg::Save => {
            if state.verzoeken.zoeken && state.verzoeken.afhandelen.is_none() {
                state.verzoeken.zoeken = false;
            } else {
                effects.extend(state.verzoeken.submit().map(Effect::Verzoeken));
            }
        }
        VzMsg::Loaded { seq, regels } => state.verzoeken.loaded(seq, regels),
        VzMsg::DetailLoaded(d) => {
            state.verzoeken.detail_loaded(*d);
            state.focus = Pane::Wachtrij;
            state.zoomed = true;
        }
        VzMsg::Afgehandeld(id) => {
            state.notify(
                "Contactverzoek bijgewerkt; het logboek is aangevuld.".into(),
                false,
            );
            effects.extend(
                state
                    .verzoeken
                    .afgehandeld(id)
                    .into_iter()
                    .map(Effect::Verzoeken),
            );
            effects.push(Effect::LoadOverview);
        }
    }
}
