//! Synchronisation with the shared PostgreSQL database. Until a `[sync]` section is configured the
//! desk works on its own, and the status bar says so.

/// What the status bar shows about sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncIndicator {
    /// No shared database configured: this desk's data stays on this desk.
    Lokaal,
}

impl SyncIndicator {
    pub fn label(self) -> &'static str {
        match self {
            SyncIndicator::Lokaal => "lokaal",
        }
    }
}
