//! Meldingen: the desk's list of what the medewerker must act on after sync (issue 18): a change
//! the server refused, an edit that lost to another desk's, a change of another desk this desk
//! could not take. The list lives in the desk's database (`sync::melding`) until each entry is
//! handled, so a notice that goes loses nothing. It shows in the Wachtrij pane (the count in the
//! pane's title); `m` there opens it, and each entry has its one-key way to act.
//!
//! A registered feature (see `app/features.rs`): everything it is lives in this folder.

pub mod jobs;
pub mod view;

use chrono::{DateTime, Utc};
use ratatui::crossterm::event::KeyCode;

use crate::app::afspraken::AfspraakMsg;
use crate::app::features::{Feature, FeatureEffect, FeatureMsg};
use crate::app::keymap::{Binding, bindings, ch, key};
use crate::app::{Action, Ctx, Effect, Pane, State, ZkEffect};
use crate::sync::melding::{Melding, Soort};

/// Its name: the title of its keys in the help and of the list.
pub const NAAM: &str = "Meldingen";

/// The open entries (newest first), which one is chosen, whether the list has the keys.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meldingen {
    /// The list has the keys (drawn in the Wachtrij pane).
    pub open: bool,
    pub regels: Vec<Melding>,
    pub gekozen: usize,
    /// The sync round last seen: a new round may have added entries.
    pub gezien_ronde: Option<DateTime<Utc>>,
    /// Whether the pane was zoomed before the list opened (the list fills the body).
    pub was_zoomed: bool,
}

impl Meldingen {
    pub fn huidige(&self) -> Option<&Melding> {
        self.regels.get(self.gekozen)
    }
}

/// What the list is told.
#[derive(Debug, Clone, PartialEq)]
pub enum MeldingMsg {
    /// `m` in the Wachtrij: open the list.
    Openen,
    Sluiten,
    Op,
    Neer,
    /// Enter: open the klant's klantbeeld.
    Klant,
    /// `o`: offer the klant of a refused afspraak another time.
    AnderTijdstip,
    /// `w`: write this desk's lost value again, as a new edit.
    OpnieuwOpslaan,
    /// `a`: akkoord, handled.
    Afgehandeld,
    /// From the store: the open entries.
    Geladen(Vec<Melding>),
}

/// Its work on the store.
#[derive(Debug, Clone, PartialEq)]
pub enum MeldingEffect {
    Laad,
    Afhandelen(i64),
    OpnieuwOpslaan(i64),
}

const fn msg(m: MeldingMsg) -> Action {
    Action::Feature(FeatureMsg::Meldingen(m))
}

fn effect(e: MeldingEffect) -> Effect {
    Effect::Feature(FeatureEffect::Meldingen(e))
}

static BINDINGS: &[Binding] = bindings! {
    (Verzoeken, [ch('m')], msg(MeldingMsg::Openen), "Meldingen van de sync: geweigerd, overschreven, niet verwerkt (het aantal staat in de titel)", ""),
    (Feature(NAAM), [key(KeyCode::Down), ch('j')], msg(MeldingMsg::Neer), "Volgende melding", ""),
    (Feature(NAAM), [key(KeyCode::Up), ch('k')], msg(MeldingMsg::Op), "Vorige melding", ""),
    (Feature(NAAM), [key(KeyCode::Enter)], msg(MeldingMsg::Klant), "Klantbeeld van de klant van deze melding openen", "klant"),
    (Feature(NAAM), [ch('o')], msg(MeldingMsg::AnderTijdstip), "Geweigerde afspraak: de klant een ander tijdstip aanbieden", "ander tijdstip"),
    (Feature(NAAM), [ch('w')], msg(MeldingMsg::OpnieuwOpslaan), "Overschreven wijziging: mijn waarde opnieuw opslaan (een nieuwe wijziging)", "mijn waarde"),
    (Feature(NAAM), [ch('a')], msg(MeldingMsg::Afgehandeld), "Akkoord: melding afgehandeld (verdwijnt uit de lijst)", "akkoord"),
    (Feature(NAAM), [key(KeyCode::Esc)], msg(MeldingMsg::Sluiten), "Terug naar de contactverzoeken", "terug"),
};

/// The list as the hubs see it.
pub static FEATURE: Feature = Feature {
    naam: NAAM,
    bindings: BINDINGS,
    tekst: None,
    open: |s| s.features.meldingen.open,
    // Part of the Wachtrij pane: under every window.
    laag: 0,
    // Drawn by the Wachtrij pane (`ui/wachtrij.rs` calls `view::render`).
    teken: |_, _, _, _| {},
    na_update: Some(volg),
};

/// After every update: a new sync round may have added entries (reload); the list gives up the
/// keys when the Wachtrij pane does.
fn volg(state: &mut State, effects: &mut Vec<Effect>) {
    if state.features.meldingen.open && state.focus != Pane::Wachtrij {
        sluit(state);
    }
    if state.sync_laatst.is_some() && state.sync_laatst != state.features.meldingen.gezien_ronde {
        state.features.meldingen.gezien_ronde = state.sync_laatst;
        effects.push(effect(MeldingEffect::Laad));
    }
}

/// Close the list; the pane is zoomed as it was before.
fn sluit(state: &mut State) {
    let m = &mut state.features.meldingen;
    if m.open {
        m.open = false;
        state.zoomed = m.was_zoomed;
    }
}

pub fn update(state: &mut State, ctx: &Ctx, msg: MeldingMsg, effects: &mut Vec<Effect>) {
    let m = &mut state.features.meldingen;
    match msg {
        MeldingMsg::Openen => {
            m.open = true;
            m.gekozen = 0;
            m.was_zoomed = state.zoomed;
            // The whole body: at 80x24 a quarter pane holds one entry's text at most.
            state.zoomed = true;
            state.focus = Pane::Wachtrij;
            effects.push(effect(MeldingEffect::Laad));
        }
        MeldingMsg::Sluiten => sluit(state),
        MeldingMsg::Op => m.gekozen = m.gekozen.saturating_sub(1),
        MeldingMsg::Neer => {
            if m.gekozen + 1 < m.regels.len() {
                m.gekozen += 1;
            }
        }
        MeldingMsg::Geladen(regels) => {
            // The same entry stays chosen when it is still there.
            let was = m.huidige().map(|r| r.id);
            m.regels = regels;
            m.gekozen = was
                .and_then(|id| m.regels.iter().position(|r| r.id == id))
                .unwrap_or(m.gekozen)
                .min(m.regels.len().saturating_sub(1));
        }
        MeldingMsg::Klant => match m.huidige().and_then(|r| r.klant) {
            Some(id) => {
                sluit(state);
                state.focus = Pane::ZaakKlant;
                effects.push(Effect::ZaakKlant(ZkEffect::OpenKlant(id)));
            }
            None => state.notify("Bij deze melding hoort geen klant.".into(), true),
        },
        MeldingMsg::AnderTijdstip => {
            let aanbod = m
                .huidige()
                .filter(|r| r.soort == Soort::Geweigerd && r.tabel == "afspraak")
                .and_then(|r| Some((r.klant?, r.product.clone()?)));
            match aanbod {
                Some(o) => {
                    sluit(state);
                    state.afspraak_opnieuw = Some(o);
                    crate::app::afspraken::update(state, ctx, AfspraakMsg::Opnieuw, effects);
                }
                None => state.notify(
                    "Een ander tijdstip aanbieden kan bij een geweigerde afspraak van een klant."
                        .into(),
                    true,
                ),
            }
        }
        MeldingMsg::OpnieuwOpslaan => match m.huidige() {
            Some(r) if r.soort == Soort::Verloren && r.eigen.is_some() => {
                effects.push(effect(MeldingEffect::OpnieuwOpslaan(r.id)));
            }
            _ => state.notify(
                "Opnieuw opslaan kan bij een overschreven wijziging.".into(),
                true,
            ),
        },
        MeldingMsg::Afgehandeld => {
            if let Some(r) = m.huidige() {
                effects.push(effect(MeldingEffect::Afhandelen(r.id)));
            }
        }
    }
}

#[cfg(test)]
mod tests;
