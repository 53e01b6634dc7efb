//! The fault matrix (issue 18): desks on their own SQLite files, each behind its own TCP fault
//! proxy (`proxy.rs`), against a real throwaway PostgreSQL (a cluster per case, a database
//! named after it). Every case ends with a row-by-row comparison of every desk with the
//! server (`desks::vergelijk`): nothing lost, duplicated or silently overwritten.
//!
//! Cases that fail on today's code are meant to: they assert what issue 18 asks for, and are
//! `#[ignore]`d with the fix they wait for named (`grep -n 'ignore = "issue 18' tests/storing`).
//! Run them all: `cargo test --test storing -- --include-ignored`.

#[path = "../pg/mod.rs"]
mod pg;

mod conflicten;
mod desks;
mod herstel;
mod netwerk;
mod proxy;
