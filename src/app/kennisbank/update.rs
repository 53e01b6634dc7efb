//! How the kennisbank pane answers its messages: the search, the article, the beslisboom,
//! flagging an article, its statistics, and what the store reported.

use super::KbMsg;
use crate::app::{Ctx, Effect, KbEffect, Rol, State, kennisbank};

/// Apply a message of this feature; what has to happen outside goes into `effects`.
pub fn update(state: &mut State, ctx: &Ctx, msg: KbMsg, effects: &mut Vec<Effect>) {
    match msg {
        KbMsg::Edit(e) => {
            let dag = state.now.date_naive();
            state.kennisbank.edit(e, dag);
        }
        KbMsg::Char(c) => {
            let dag = state.now.date_naive();
            state.kennisbank.type_char(c, dag);
        }
        KbMsg::Backspace => {
            let dag = state.now.date_naive();
            state.kennisbank.backspace(dag);
        }
        KbMsg::Wissen => {
            let dag = state.now.date_naive();
            state.kennisbank.clear(dag);
        }
        KbMsg::Keuze(n) => {
            if let Some(id) = state.kennisbank.kies(n as usize) {
                state.bron_geraadpleegd(id, ctx.nu);
            }
        }
        KbMsg::StapTerug => state.kennisbank.stap_terug(),
        KbMsg::Filter(afdeling) => {
            let dag = state.now.date_naive();
            state.kennisbank.volgend_filter(afdeling, dag);
        }
        KbMsg::Herladen => effects.push(Effect::Kennisbank(KbEffect::Herladen)),
        KbMsg::StatistiekOpenen => {
            if ctx.rol() == Rol::Supervisor {
                let dagen = 30;
                state.kennisbank.zoom_voor_artikel = state.zoomed;
                state.kennisbank.statistiek = Some(kennisbank::StatistiekView {
                    dagen,
                    ..Default::default()
                });
                state.zoomed = true;
                effects.push(Effect::Kennisbank(KbEffect::Statistiek { dagen }));
            } else {
                state.notify(
                    "Het zoekgedrag van de kennisbank is alleen voor supervisors.".into(),
                    true,
                );
            }
        }
        KbMsg::StatistiekGeladen(data) => {
            if let Some(v) = state.kennisbank.statistiek.as_mut() {
                v.data = Some(*data);
            }
        }
        KbMsg::Geopend(geopend) => {
            state.kennisbank.geopend = geopend;
        }
        KbMsg::Melden => state.kennisbank.melden(),
        KbMsg::MeldingSoort(stap) => {
            if let Some(f) = state.kennisbank.melding.as_mut() {
                f.volgende_soort(stap as isize);
            }
        }
        KbMsg::MeldingChar(c) => {
            if let Some(f) = state.kennisbank.melding.as_mut()
                && !f.bezig
            {
                f.toelichting.insert(c, kennisbank::MAX_TOELICHTING);
            }
        }
        KbMsg::MeldingBackspace => {
            if let Some(f) = state.kennisbank.melding.as_mut().filter(|f| !f.bezig) {
                f.toelichting.backspace();
            }
        }
        KbMsg::MeldingEdit(e) => {
            if let Some(f) = state.kennisbank.melding.as_mut().filter(|f| !f.bezig) {
                f.toelichting.edit(e);
            }
        }
        KbMsg::MeldingOpslaan => {
            if let Some(f) = state.kennisbank.melding.as_mut().filter(|f| !f.bezig)
                && f.klaar()
            {
                effects.push(Effect::Kennisbank(KbEffect::Melding {
                    artikel: f.artikel.clone(),
                    soort: f.soort,
                    toelichting: f.toelichting.trim().to_string(),
                }));
            }
        }
        KbMsg::MeldingAnnuleren => state.kennisbank.melding = None,
        KbMsg::Gemeld(artikel) => {
            if let Some(f) = state.kennisbank.melding.take() {
                state.notify(
                    format!(
                        "Melding \"{}\" over {artikel} opgeslagen voor de redactie.",
                        f.soort.label()
                    ),
                    false,
                );
            }
        }
        KbMsg::Up => state.kennisbank.up(),
        KbMsg::Down => state.kennisbank.down(),
        KbMsg::Lijst(mv) => state.kennisbank.lijst(mv),
        KbMsg::Open => {
            let zoom = state.zoomed;
            if let Some(id) = state.kennisbank.open_selected() {
                state.kennisbank.zoom_voor_artikel = zoom;
                state.bron_geraadpleegd(id, ctx.nu);
                state.zoomed = true;
            }
        }
        KbMsg::Back => {
            let was_open = state.kennisbank.open.is_some() || state.kennisbank.statistiek.is_some();
            let dag = state.now.date_naive();
            state.kennisbank.back(dag);
            if was_open {
                state.zoomed = false;
            }
        }
        KbMsg::Geladen(kb) => {
            let n = kb.fouten.len();
            let dag = state.now.date_naive();
            // The folder itself could not be read (missing, not a folder): that, not "a file
            // skipped", is what the agent is told.
            let map_fout = kb.onleesbaar.as_ref().map(|m| format!("Kennisbank: {m}"));
            if state.kennisbank.kb.is_some() {
                let aantal = kb.artikelen.len();
                state.kennisbank.reloaded(*kb, dag);
                state.notify(
                    format!(
                        "Kennisbank bijgewerkt: {aantal} artikelen{}.",
                        if n > 0 {
                            format!(", {n} met fouten (loket kennisbank check)")
                        } else {
                            String::new()
                        }
                    ),
                    n > 0,
                );
            } else {
                state.kennisbank.loaded(*kb, dag);
            }
            if let Some(m) = map_fout {
                state.notify(m, true);
            } else if n > 0 && state.notice.is_none() {
                state.notify(
                    format!(
                        "Kennisbank: {n} {} met fouten overgeslagen of gemeld (loket kennisbank check).",
                        if n == 1 { "bestand" } else { "bestanden" }
                    ),
                    true,
                );
            }
        }
        KbMsg::VorigeVraag => {
            let dag = state.now.date_naive();
            if !state.kennisbank.vorige_vraag(dag) {
                let tekst = if state.kennisbank.eerdere.is_empty() {
                    "Nog geen eerdere zoekvraag."
                } else {
                    "Geen oudere zoekvraag."
                };
                state.notify(tekst.into(), false);
            }
        }
    }
}
