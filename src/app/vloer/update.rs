//! How the floor view answers its messages: opening and closing it (F9), moving between its
//! tiles, the detail and sorting, and its data.

use super::VloerMsg;
use crate::app::{Ctx, Effect, Rol, State, vloer};

/// Apply a message of this feature; what has to happen outside goes into `effects`.
pub fn update(state: &mut State, ctx: &Ctx, msg: VloerMsg, effects: &mut Vec<Effect>) {
    match msg {
        VloerMsg::Toggle => {
            if state.vloer_open {
                state.vloer_open = false;
            } else if ctx.rol() == Rol::Supervisor {
                state.vloer_open = true;
                effects.push(Effect::LaadVloer);
            } else {
                // Per-agent figures are not for the medewerker role.
                state.notify("De vloer is alleen voor supervisors.".into(), true);
            }
        }
        VloerMsg::Geladen(v) => state.vloer = Some(v),
        VloerMsg::Move(dx, dy) => {
            let k = vloer::kolommen(state.size.0);
            state.vloer_weergave.beweeg(dx, dy, k);
        }
        VloerMsg::Detail => state.vloer_weergave.detail = !state.vloer_weergave.detail,
        VloerMsg::Back => {
            if state.vloer_weergave.detail {
                state.vloer_weergave.detail = false;
            } else {
                state.vloer_open = false;
            }
        }
        VloerMsg::Sorteer => state.vloer_weergave.sorteer(),
    }
}
