//! Asterisk Manager Interface: the call source for a municipality whose PBX is Asterisk.

use chrono::{DateTime, Utc};

use super::{Bron, TelEvent};
use crate::config::AmiConfig;

pub fn start<F>(_cfg: AmiConfig, _keuzemenu: Vec<String>, report: F) -> Bron
where
    F: Fn(DateTime<Utc>, Vec<TelEvent>) -> bool + Send + 'static,
{
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    report(Utc::now(), vec![TelEvent::Verbinding(false)]);
    tx
}
