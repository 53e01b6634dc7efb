//! Sync against a real PostgreSQL (a throwaway cluster per test, on 127.0.0.1): convergence,
//! exactly once through crashes, restarts, replays and gaps, commit-ordered change numbers under
//! concurrent uploads, the server as judge of double bookings, tickets and receipts.

#[path = "../pg/ldap.rs"]
mod ldap;
#[path = "../pg/mod.rs"]
mod pg;

mod balies;
mod common;
mod conflicts;
mod connection;
mod convergence;
mod delivery;
mod identiteit;
mod sleutels;
mod status;
mod telefonie;
mod velden;
