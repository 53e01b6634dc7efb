//! The feature list. A feature that registers itself lives in its own folder (`app/<feature>/`:
//! state, messages, update, keys, window, jobs, tests) and is listed here once: its message,
//! effect and state, and its [`Feature`] entry with its keys and window. The hubs (the key
//! table, the overlay stack, the drawing, the runtime) read this list; they need no change for a
//! new feature.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::jobs::Jobs;
use super::keymap::{Binding, TekstInvoer};
use super::{Ctx, Effect, State};
use crate::ui::Theme;

// The registered features, each in its own folder beside this file.
#[path = "meldingen/mod.rs"]
pub mod meldingen;
#[path = "notitieblok/mod.rs"]
pub mod notitieblok;

/// What a feature brings to the hubs.
pub struct Feature {
    /// Its name; also the title of its keys in the help and the name of its mode and window.
    pub naam: &'static str,
    /// Its key bindings: in its own mode (`Mode::Feature(naam)`, while its window is on top) or in
    /// the desk's modes (to open it).
    pub bindings: &'static [Binding],
    /// What a typed character becomes in its mode (none: characters are not taken).
    pub tekst: Option<TekstInvoer>,
    /// Whether its window is open.
    pub open: fn(&State) -> bool,
    /// Its window's layer (see `Overlay::laag`): it lies over the windows of lower layers.
    pub laag: u8,
    /// Draw its window over `area`.
    pub teken: fn(&mut Frame, Rect, &State, &Theme),
    /// Runs after every update, to follow what happened elsewhere (a contact that ended).
    pub na_update: Option<fn(&mut State, &mut Vec<Effect>)>,
}

/// Every registered feature.
pub static FEATURES: &[&Feature] = &[&notitieblok::FEATURE, &meldingen::FEATURE];

/// The feature named `naam`.
pub fn feature(naam: &str) -> Option<&'static Feature> {
    FEATURES.iter().copied().find(|f| f.naam == naam)
}

/// The registered features' messages.
#[derive(Debug, Clone, PartialEq)]
pub enum FeatureMsg {
    Notitieblok(notitieblok::NotitieMsg),
    Meldingen(meldingen::MeldingMsg),
}

/// The registered features' effects.
#[derive(Debug, Clone, PartialEq)]
pub enum FeatureEffect {
    Notitieblok(notitieblok::NotitieEffect),
    Meldingen(meldingen::MeldingEffect),
}

/// The registered features' state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeatureState {
    pub notitieblok: notitieblok::Notitieblok,
    pub meldingen: meldingen::Meldingen,
}

pub fn update(state: &mut State, ctx: &Ctx, msg: FeatureMsg, effects: &mut Vec<Effect>) {
    match msg {
        FeatureMsg::Notitieblok(m) => notitieblok::update(state, ctx, m, effects),
        FeatureMsg::Meldingen(m) => meldingen::update(state, ctx, m, effects),
    }
}

/// Let each feature follow what the update changed.
pub fn na_update(state: &mut State, effects: &mut Vec<Effect>) {
    for f in FEATURES {
        if let Some(volg) = f.na_update {
            volg(state, effects);
        }
    }
}

/// A feature's effect, handed to its jobs.
pub fn start(e: FeatureEffect, state: &State, jobs: &Jobs) {
    match e {
        FeatureEffect::Notitieblok(e) => notitieblok::jobs::start(e, state, jobs),
        FeatureEffect::Meldingen(e) => meldingen::jobs::start(e, state, jobs),
    }
}

/// What the features load when the store opens.
pub fn opstart(jobs: &Jobs) {
    // (The notes are the medewerker's: read once somebody signs in, `jobs::na_aanmelden`.)
    meldingen::jobs::opstart(jobs);
}
