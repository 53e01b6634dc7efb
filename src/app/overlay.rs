//! The overlays: windows that lie over the panes (the wrap-up, a picker, a question, the floor,
//! help). One stack says which lies on top. The keys go to the top one and drawing goes from the
//! bottom up, both from [`State::overlays`], so what the agent sees on top is always what their
//! keys act on (a draft's question hidden under the training review could be answered unseen).
//!
//! An overlay's data stays with its feature (`State::registratie`, `State::afspraak`, …); the
//! stack keeps the order in which they were opened.

use super::{DbState, State};

/// A window over the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Choosing a pause reason.
    Pauze,
    /// Choosing where to transfer a caller (F8).
    Doorverbinden,
    /// The medewerker's profile, asked on first start.
    Profiel,
    /// The wrap-up of a contact.
    Registratie,
    /// Booking an afspraak (also from the wrap-up).
    Afspraak,
    /// The floor view (F9): it covers the desk's forms until closed.
    Vloer,
    /// The training session's review.
    TrainingBeoordeling,
    /// A draft from an earlier run, offered for recovery.
    Concept,
    /// "Registratie annuleren?"
    Annuleren,
    /// The database failed: nothing can be saved.
    Fout,
    /// The key help.
    Help,
    /// "Stoppen?"
    Stoppen,
    /// A registered feature's window (see [`super::features`]).
    Feature(&'static str),
}

impl Overlay {
    /// Every overlay, by layer; within a layer, those opened at the same moment stack in this
    /// order.
    pub const ALL: [Overlay; 12] = [
        Overlay::Pauze,
        Overlay::Doorverbinden,
        Overlay::Profiel,
        Overlay::Registratie,
        Overlay::Afspraak,
        Overlay::Vloer,
        Overlay::TrainingBeoordeling,
        Overlay::Concept,
        Overlay::Annuleren,
        Overlay::Fout,
        Overlay::Help,
        Overlay::Stoppen,
    ];

    /// What it may cover: an overlay of a higher layer lies over one of a lower layer, whatever
    /// was opened first (an afspraak booked from the wrap-up lies over it; the quit question
    /// over everything). Among overlays of one layer the one opened last is on top.
    pub fn laag(self) -> u8 {
        match self {
            Overlay::Pauze => 0,
            Overlay::Doorverbinden => 1,
            Overlay::Profiel => 2,
            Overlay::Registratie => 3,
            Overlay::Afspraak => 4,
            Overlay::Vloer => 5,
            Overlay::TrainingBeoordeling | Overlay::Concept | Overlay::Annuleren => 6,
            Overlay::Fout => 7,
            Overlay::Help => 8,
            Overlay::Stoppen => 9,
            Overlay::Feature(naam) => super::features::feature(naam).map_or(0, |f| f.laag),
        }
    }

    /// Whether it is open in `s`.
    fn open(self, s: &State) -> bool {
        match self {
            Overlay::Pauze => s.telefonie.pauze_kiezen,
            Overlay::Doorverbinden => s.telefonie.doorverbind_keuze.is_some(),
            Overlay::Profiel => s.profile_form.is_some(),
            Overlay::Registratie => s.registratie.is_some(),
            Overlay::Afspraak => s.afspraak.is_some(),
            Overlay::Vloer => s.vloer_open,
            Overlay::TrainingBeoordeling => s.training.as_ref().is_some_and(|t| t.beoordeling_open),
            Overlay::Concept => s.concept_aanbod.is_some(),
            Overlay::Annuleren => s.confirm_cancel,
            Overlay::Fout => matches!(s.db, DbState::Failed(_)),
            Overlay::Help => s.help.is_some(),
            Overlay::Stoppen => s.confirm_quit,
            Overlay::Feature(naam) => super::features::feature(naam).is_some_and(|f| (f.open)(s)),
        }
    }
}

impl State {
    /// The open overlays, bottom to top: the stack as last kept, without those closed since,
    /// with those opened since on top, ordered by layer.
    pub fn overlays(&self) -> Vec<Overlay> {
        let mut stapel: Vec<Overlay> = self
            .overlay_stapel
            .iter()
            .copied()
            .filter(|o| o.open(self))
            .collect();
        let features = super::features::FEATURES
            .iter()
            .map(|f| Overlay::Feature(f.naam));
        for o in Overlay::ALL.into_iter().chain(features) {
            if o.open(self) && !stapel.contains(&o) {
                stapel.push(o);
            }
        }
        // Stable: within a layer the order of opening stays.
        stapel.sort_by_key(|o| o.laag());
        stapel
    }

    /// The overlay on top, which takes the keys.
    pub fn bovenste_overlay(&self) -> Option<Overlay> {
        self.overlays().last().copied()
    }

    /// Keep the order in which the open overlays were opened (after every update).
    pub(super) fn bewaar_overlays(&mut self) {
        self.overlay_stapel = self.overlays();
    }
}
