//! How the first-run form answers its messages: typing, and handing in the first account.

use super::ProfielMsg;
use crate::app::aanmelden::AanmeldEffect;
use crate::app::{Ctx, DbState, Effect, State};

/// Apply a message of this feature; what has to happen outside goes into `effects`.
pub fn update(state: &mut State, _ctx: &Ctx, msg: ProfielMsg, effects: &mut Vec<Effect>) {
    let Some(form) = state.profile_form.as_mut() else {
        return;
    };
    match msg {
        ProfielMsg::Submit => {
            if let DbState::Failed(_) = state.db {
                form.error = Some(
                    "De database is niet beschikbaar; uw gegevens kunnen niet worden opgeslagen."
                        .into(),
                );
            } else if let Some(account) = form.submit() {
                effects.push(Effect::Aanmelden(AanmeldEffect::EersteAccount(Box::new(
                    account,
                ))));
            }
        }
        m => form.edit(&m),
    }
}
