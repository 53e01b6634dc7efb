//! How the profile form answers its messages: typing the name, choosing the rol, saving, and
//! the stored profile.

use super::ProfielMsg;
use crate::app::{Ctx, DbState, Effect, State};

/// Apply a message of this feature; what has to happen outside goes into `effects`.
pub fn update(state: &mut State, _ctx: &Ctx, msg: ProfielMsg, effects: &mut Vec<Effect>) {
    match msg {
        ProfielMsg::Char(_)
        | ProfielMsg::Backspace
        | ProfielMsg::Edit(_)
        | ProfielMsg::NextField
        | ProfielMsg::PrevField
        | ProfielMsg::NextOption
        | ProfielMsg::PrevOption => {
            if let Some(form) = state.profile_form.as_mut() {
                form.edit(&msg);
            }
        }
        ProfielMsg::Submit => {
            if let Some(form) = state.profile_form.as_mut() {
                if let DbState::Failed(_) = state.db {
                    form.error = Some(
                        "De database is niet beschikbaar; uw gegevens kunnen niet worden opgeslagen."
                            .into(),
                    );
                } else if let Some(profile) = form.submit() {
                    effects.push(Effect::SaveProfile(profile));
                }
            }
        }
        ProfielMsg::MedewerkerStored(profile) => effects.push(Effect::WriteProfile(*profile)),
        ProfielMsg::Saved(profile) => {
            state.session.medewerker = Some((*profile).clone());
            state.profile_form = None;
            state.notify(
                format!("Welkom, {}. Uw gegevens zijn opgeslagen.", profile.naam),
                false,
            );
            effects.push(Effect::LoadOverview);
        }
    }
}
