//! The floor view's own state: which tile is chosen, whether its rows are shown, how the agents
//! are sorted. Used by the desk (F9, supervisors) and by `loket vloer`.

pub mod jobs;
pub mod keys;
mod update;
pub mod view;
pub use update::update;

/// What the floor view is told: F9, its keys, and its data.
#[derive(Debug, Clone, PartialEq)]
pub enum VloerMsg {
    /// F9: the floor view over the whole desk (supervisors only), and its data.
    Toggle,
    Geladen(Box<crate::store::vloer::Vloer>),
    /// In the floor view: choose a tile, show its rows, sort the agents.
    Move(i32, i32),
    /// Esc in the floor view: out of a tile's rows, else close it.
    Back,
    Detail,
    Sorteer,
}

/// Which tile is chosen, whether its rows are shown, and how the agents are sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Weergave {
    pub gekozen: usize,
    pub detail: bool,
    pub sortering: Sortering,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sortering {
    #[default]
    Naam,
    Status,
    Gesprekken,
    Bezetting,
}

pub const TEGELS: [&str; 7] = [
    "Telefoon",
    "Medewerkers",
    "Balie",
    "Afspraken vandaag",
    "Contactverzoeken",
    "Eerste lijn",
    "Kennisbank: zonder resultaat",
];

impl Weergave {
    /// Arrows: move the choice (`kolommen` tiles a row on screen).
    pub fn beweeg(&mut self, dx: i32, dy: i32, kolommen: i32) {
        let n = TEGELS.len() as i32;
        let i = self.gekozen as i32 + dx + dy * kolommen;
        self.gekozen = i.clamp(0, n - 1) as usize;
    }

    /// `s`: the next order for the agents.
    pub fn sorteer(&mut self) {
        self.sortering = match self.sortering {
            Sortering::Naam => Sortering::Status,
            Sortering::Status => Sortering::Gesprekken,
            Sortering::Gesprekken => Sortering::Bezetting,
            Sortering::Bezetting => Sortering::Naam,
        };
    }
}

/// Tiles a row at this width (a tile needs about 40 columns for its lines not to wrap).
pub fn kolommen(breedte: u16) -> i32 {
    match breedte {
        160.. => 4,
        110.. => 3,
        _ => 2,
    }
}
