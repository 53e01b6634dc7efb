//! The floor view's figures from the store.

use chrono::Local;

use super::VloerMsg;
use crate::app::Action;
use crate::app::jobs::{Jobs, fout};

pub fn laad(normen: crate::domain::kpi::Normen, jobs: &Jobs) {
    jobs.run(move |store| {
        let nu = crate::sync::klok::nu();
        let dag = nu.with_timezone(&Local).date_naive();
        match crate::store::vloer::laad(store.conn(), dag, nu, &normen) {
            Ok(v) => Some(Action::Vloer(VloerMsg::Geladen(Box::new(v)))),
            Err(e) => fout("vloer laden", e),
        }
    })
}
