//! The effect interpreter: what `update` asked for, carried out in the background, never on the
//! key path. Work on the store goes to the feature's own jobs (`app/<feature>/jobs.rs`); the
//! rest goes to the call source, the sync task, the kennisbank loader or the config file.

use super::*;

pub(super) fn run_effect(
    effect: Effect,
    state: &State,
    store: &app::jobs::Jobs,
    setup: &Setup,
    tx: &mpsc::UnboundedSender<Action>,
) {
    match effect {
        Effect::SyncNu => {
            if let Some(w) = &setup.sync_wekker {
                w.notify_one();
            }
        }
        Effect::Later(na, action) => {
            let tx = tx.clone();
            tokio::spawn(async move {
                tokio::time::sleep(na).await;
                let _ = tx.send(*action);
            });
        }
        Effect::LoadOverview => app::jobs::overzicht(state.now, store),
        Effect::Aanmelden(e) => app::aanmelden::jobs::start(e, store, &setup.aanmelden, tx),
        Effect::ZaakKlant(e) => app::zaak_klant::jobs::start(e, state, store),
        Effect::Registreer(records) => app::registratie::jobs::registreer(*records, store),
        Effect::Verzoeken(e) => app::verzoeken::jobs::start(e, state, store),
        Effect::BewaarConcept(payload) => app::registratie::jobs::bewaar_concept(payload, store),
        Effect::BewaarContact(payload) => app::jobs::bewaar_contact(payload, store),
        Effect::Telefonie(app::telefonie::TelEffect::Command(c)) => {
            if let Some(t) = &setup.tel {
                let _ = t.send(c);
            }
        }
        Effect::Telefonie(e) => app::telefonie::jobs::start(e, state, store),
        Effect::TrainingKlanten(namen) => app::training::jobs::klanten(namen, store),
        Effect::TrainingBeoordeel(v) => app::training::jobs::beoordeel(v, store),
        Effect::LaadVloer => app::vloer::jobs::laad(state.normen, store),
        Effect::Venster(e) => app::kas::jobs::start(e, state, store),
        Effect::Klantgeleiding(e) => app::klantgeleiding::jobs::start(e, state, store),
        Effect::Afspraak(e) => app::afspraken::jobs::start(e, store),
        Effect::Kennisbank(KbEffect::Herladen) => match &setup.kennisbank {
            Some(lader) if setup.config.kennisbank.is_some() => {
                if lader.herlaad() != crate::kennisbank::lader::Verzoek::Gestart {
                    let _ = tx.send(Action::Melding(
                        "De kennisbank wordt al ingelezen; de wijzigingen komen mee.".into(),
                    ));
                }
            }
            _ => {
                let _ = tx.send(Action::Melding(
                    "De ingebouwde kennisbank is in gebruik; zet kennisbank = \"map\" in config.toml om artikelen als bestanden te bewerken.".into(),
                ));
            }
        },
        Effect::Kennisbank(e) => app::kennisbank::jobs::start(e, state, store),
        Effect::Feature(e) => app::features::start(e, state, store),
    }
}
