//! Saving a wrap-up: the contactmoment, its vragen and a contactverzoek with its first log line,
//! in one transaction that also clears the desk's draft.

use super::Store;
use super::lookup::{CONCEPT_REGISTRATIE, concept_sleutel};
use crate::domain::contact::RegistratieRecords;

/// Write the registration; the records come back as saved (with their stamps).
pub fn registreer(
    store: &mut Store,
    mut r: RegistratieRecords,
) -> anyhow::Result<RegistratieRecords> {
    let sleutel = concept_sleutel(store, CONCEPT_REGISTRATIE);
    let mut batch = store.batch(crate::sync::klok::nu())?;
    batch.save(&mut r.contactmoment)?;
    for v in &mut r.vragen {
        batch.save(v)?;
    }
    if let Some((cv, log)) = r.verzoek.as_mut() {
        batch.save(cv)?;
        batch.save(log)?;
    }
    batch.concept(&sleutel, None)?;
    batch.commit()?;
    Ok(r)
}
