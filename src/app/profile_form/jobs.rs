//! The medewerker record of the one signed in (or a simulated colleague): made sure of, so the
//! desk's records name a medewerker it has.

use crate::app::Action;
use crate::app::jobs::{Herkomst, Jobs, mislukt};
use crate::config::MedewerkerProfiel;
use crate::domain::{Aanwezigheid, Medewerker, RecordMeta, Rol};
use crate::store::Store;

/// Make sure the medewerker has a record; an existing record is left as it is.
pub fn zeker_stellen(mut m: Medewerker, jobs: &Jobs) {
    jobs.run(move |store| zeker(store, &mut m))
}

pub(crate) fn zeker(store: &mut Store, m: &mut Medewerker) -> Option<Action> {
    let exists = store
        .conn()
        .query_row(
            "SELECT count(*) FROM medewerker WHERE id = ?1",
            [m.meta.id.to_string()],
            |r| r.get::<_, i64>(0),
        )
        .map(|n| n > 0);
    let saved = match exists {
        Ok(true) => return None,
        Ok(false) => store.save(m, crate::sync::klok::nu()).map(|_| ()),
        Err(e) => Err(e.into()),
    };
    saved
        .err()
        .and_then(|e| mislukt("medewerker vastleggen", e, Herkomst::Profiel))
}

/// The medewerker record of a desk's profile.
pub fn medewerker_record(profile: &MedewerkerProfiel, desk: uuid::Uuid) -> Medewerker {
    let mut meta = RecordMeta::new(chrono::Utc::now(), desk);
    meta.id = profile.id;
    Medewerker {
        meta,
        naam: profile.naam.clone(),
        rol: profile.rol,
        functie: match profile.rol {
            Rol::Medewerker => "medewerker dienstverlening",
            Rol::Supervisor => "teamleider dienstverlening",
            Rol::Trainer => "trainer / kwaliteitsmedewerker",
        }
        .into(),
        afdeling_id: None,
        aanwezigheid: Aanwezigheid::Beschikbaar,
        telefoon: None,
    }
}
