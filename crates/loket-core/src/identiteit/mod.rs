//! Who is at the keyboard (issue 19). PostgreSQL is the authority: a desk has a login of its own
//! and hands in only under its own desk id; a medewerker signs in with their own login, and their
//! role comes from the server, never from a desk's config.
//!
//! - `beheer`: what the beheerder does on the server (`loket server desk …`, `loket server
//!   medewerker …`): logins, roles, revocations.
//! - `aanmelden`: signing in at a desk (server, offline, or the desk's own accounts).

pub mod aanmelden;
pub mod beheer;

/// A role on the server: each is a PostgreSQL group role (`<database>_<rol>`) a medewerker's
/// login is a member of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerRol {
    Medewerker,
    Supervisor,
    Trainer,
    Beheerder,
    /// The privacy officer: may read the audit log.
    Privacy,
}

impl ServerRol {
    pub const ALLE: [ServerRol; 5] = [
        ServerRol::Medewerker,
        ServerRol::Supervisor,
        ServerRol::Trainer,
        ServerRol::Beheerder,
        ServerRol::Privacy,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ServerRol::Medewerker => "medewerker",
            ServerRol::Supervisor => "supervisor",
            ServerRol::Trainer => "trainer",
            ServerRol::Beheerder => "beheerder",
            ServerRol::Privacy => "privacy",
        }
    }

    pub fn lees(s: &str) -> Option<ServerRol> {
        ServerRol::ALLE.into_iter().find(|r| r.as_str() == s)
    }

    /// The PostgreSQL group role in `database` (roles belong to the whole cluster, so loket
    /// names its groups after the database: `loket_medewerker` in a database called loket).
    pub fn groep(self, database: &str) -> String {
        format!("{database}_{}", self.as_str())
    }
}
