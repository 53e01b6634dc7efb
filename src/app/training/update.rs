//! How training mode answers its messages: the scenario's klanten found (the clock starts),
//! opening, reading and closing the review.

use super::TrainingMsg;
use crate::app::{Ctx, Effect, State, training_effect};

/// Apply a message of this feature; what has to happen outside goes into `effects`.
pub fn update(state: &mut State, ctx: &Ctx, msg: TrainingMsg, effects: &mut Vec<Effect>) {
    match msg {
        TrainingMsg::Klanten(gevonden) => {
            if let Some(tr) = state.training.as_mut() {
                tr.klanten_gevonden(&gevonden, ctx.nu);
                let titel = tr.scenario.titel.clone();
                state.notify(
                    format!("Training gestart: {titel}. F10 toont de beoordeling."),
                    false,
                );
            }
        }
        TrainingMsg::Beoordeling => match state.training.as_mut() {
            None => state.notify("Alleen in training (loket training).".into(), true),
            Some(tr) if tr.beoordeling_open => tr.beoordeling_open = false,
            Some(tr) => {
                let v = tr.beoordeel(ctx.nu);
                training_effect(state, v, effects);
            }
        },
        TrainingMsg::Beoordeeld(b) => {
            if let Some(tr) = state.training.as_mut() {
                tr.beoordeling = Some(b);
                tr.beoordeling_open = true;
                tr.scroll = 0;
            }
        }
        TrainingMsg::Scroll(d) => {
            if let Some(tr) = state.training.as_mut() {
                tr.scroll = tr.scroll.saturating_add_signed(d);
            }
        }
    }
}
