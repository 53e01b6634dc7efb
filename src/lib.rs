//! loket: a keyboard-first desk application for a Dutch municipal contact centre (KCC).
//!
//! - `domain`: the words of the work (BSN, werkdagen, medewerker, kanaal); no I/O.
//! - `store`: the local SQLite database, its migrations and the one write path with its outbox.
//! - `demo`: the trainers' demo dataset generator.
//! - `telefonie`: the call sources (simulator, Asterisk AMI) behind one seam.
//! - `sync`: the link to the shared database (for now: the "lokaal" indicator).
//! - `app`: state, actions, the keymap and `update`; no I/O.
//! - `ui`: drawing, one module per pane; a pure function of the state.
//! - `logboek`: the technical log file beside the database (never personal data).
//! - `runtime`: the terminal, the event loop and the background tasks that do the I/O.
//! - `cli`: command-line parsing and the non-interactive subcommands.
//! - `usage`: usage errors and command-line numbers in Dutch.

// The core (no terminal), under the names the desk has always used.
pub use loket_core::{
    config, demo, domain, identiteit, kennisbank, logboek, melding, store, sync, telefonie, tls,
    training,
};

pub mod app;
pub mod cli;
pub mod runtime;
pub mod ui;
pub mod usage;
