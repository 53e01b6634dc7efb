//! loket's core: everything but the terminal. The desk (the `loket` crate) draws and takes keys;
//! this crate knows the work and the outside world, and never imports ratatui or crossterm.
//!
//! - `domain`: the words of the work (BSN, werkdagen, contact, klant, zaak, the KPI
//!   definitions); no I/O.
//! - `store`: the local SQLite database, its migrations, each feature's queries and the one
//!   write path with its outbox; the store thread.
//! - `sync`: the link to the shared PostgreSQL database.
//! - `identiteit`: who is at the keyboard: desk and medewerker logins, roles from the server.
//! - `telefonie`: the call sources (simulator, Asterisk AMI) behind one seam.
//! - `kennisbank`: reading, checking and searching the kennisbank.
//! - `demo`: the trainers' demo dataset generator; `training`: the training database.
//! - `bestand`: reading a file from outside (regular files only, bounded, UTF-8).
//! - `config`: the desk's config file; `logboek`: the technical log (never personal data);
//!   `melding`: failures in Dutch for the user, the library's words to the log;
//!   `tls`: certificates for the connections.

pub mod bestand;
pub mod config;
pub mod demo;
pub mod domain;
pub mod identiteit;
pub mod kennisbank;
pub mod logboek;
pub mod melding;
pub mod store;
pub mod sync;
pub mod telefonie;
pub mod tls;
pub mod training;
