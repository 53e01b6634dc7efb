//! What the features' jobs share. A feature's `jobs.rs` turns its effect into work for the store
//! thread (`store::worker`), and that work answers with the feature's own message. A failure
//! goes back to the form that asked ([`Herkomst`]).

use chrono::{DateTime, Duration, Local, NaiveTime, TimeZone, Utc};

use super::{Action, State};
use crate::store::lookup::{CONCEPT_CONTACT, Kijker, concept_sleutel};

/// The store thread's queue, answering with the desk's actions.
pub type Jobs = crate::store::worker::Jobs<Action>;

/// Which form a job came from, so that its failure goes back to that form only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Herkomst {
    Registratie,
    Klantgegevens,
    Melding,
    Contactverzoek,
    Profiel,
    /// Loading or background work: no form waits for it.
    Overig,
}

/// A job that failed, told to the form that asked (and on the notice line): in Dutch, the
/// library's own words to the log (`melding::tekst`).
pub fn mislukt(what: &str, error: impl Into<anyhow::Error>, herkomst: Herkomst) -> Option<Action> {
    Some(Action::SaveFailed {
        what: what.into(),
        error: crate::melding::tekst(&error.into()),
        herkomst,
    })
}

/// A job that panicked (a bug in loket): the store thread gave it up and goes on; the agent is
/// told it did not happen (the place is in loket.log).
pub fn paniek() -> Action {
    Action::SaveFailed {
        what: "een opdracht".into(),
        error: "fout in loket zelf; zie loket.log, de desk werkt door".into(),
        herkomst: Herkomst::Overig,
    }
}

/// A load or background job that failed: only the notice line tells.
pub fn fout(what: &str, error: impl Into<anyhow::Error>) -> Option<Action> {
    mislukt(what, error, Herkomst::Overig)
}

impl State {
    /// Who is looking, for the audit log.
    pub fn kijker(&self) -> Kijker {
        use crate::app::klantcontact::Aanleiding;
        // Doelbinding: within a contact with this klant (by its channel), or without one.
        let doel = match self.contact.as_ref().map(|c| &c.aanleiding) {
            Some(Aanleiding::Gesprek { .. }) => "klantcontact telefoon",
            Some(Aanleiding::Bezoek { .. }) => "klantcontact balie",
            Some(Aanleiding::Handmatig) => "klantcontact",
            None => "zonder klantcontact",
        };
        Kijker {
            medewerker_id: self.session.medewerker.as_ref().map(|m| m.id),
            naam: self.medewerker_naam(),
            doel: doel.into(),
        }
    }
}

/// The jobs a desk runs as soon as its store is open, in this order: it is open; then what the
/// features load to begin with; the contact in hand and the draft a stopped desk left.
pub fn opstart(jobs: &Jobs) {
    jobs.run(|store| {
        Some(Action::StoreOpened {
            schema_version: store.schema_version().unwrap_or(0),
        })
    });
    super::telefonie::jobs::opstart(jobs);
    super::kennisbank::jobs::opstart(jobs);
    super::afspraken::jobs::opstart(jobs);
    super::klantgeleiding::jobs::opstart(jobs);
    jobs.run(
        |store| match crate::store::lookup::referentie(store.conn()) {
            Ok(r) => Some(Action::ReferentieLoaded(Box::new(r))),
            Err(e) => fout("afdelingen en medewerkers laden", e),
        },
    );
    super::features::opstart(jobs);
}

/// Once somebody signed in: what they left on this desk (the contact in hand, the wrap-up's
/// draft, the notes), never what the medewerker before them left.
pub fn na_aanmelden(jobs: &Jobs) {
    lees_concept(CONCEPT_CONTACT, Action::ContactGevonden, jobs);
    super::registratie::jobs::opstart(jobs);
    super::features::notitieblok::jobs::opstart(jobs);
}

/// The desk overview of the local day of `nu`.
pub fn overzicht(nu: DateTime<Local>, jobs: &Jobs) {
    let (day_start, day_end) = local_day_bounds(nu);
    jobs.run(move |store| {
        match crate::store::overview::load(store.conn(), day_start, day_end, Utc::now()) {
            Ok(o) => Some(Action::OverviewLoaded(Box::new(o))),
            Err(e) => fout("overzicht laden", e),
        }
    })
}

/// Keep the contact in hand (JSON), or none.
pub fn bewaar_contact(payload: Option<String>, jobs: &Jobs) {
    bewaar_concept(CONCEPT_CONTACT, "contact bewaren", payload, jobs)
}

/// Keep (Some) or drop (None) this desk's draft of `soort` in the concept table (the contact in
/// hand, the wrap-up, a note); `wat` names it when that fails.
pub fn bewaar_concept(
    soort: &'static str,
    wat: &'static str,
    payload: Option<String>,
    jobs: &Jobs,
) {
    jobs.run(move |store| {
        crate::store::lookup::bewaar_concept(
            store.conn(),
            &concept_sleutel(store, soort),
            payload.as_deref(),
            crate::sync::klok::nu(),
        )
        .err()
        .and_then(|e| fout(wat, e))
    })
}

/// At start: this desk's draft of `soort`, if it kept one, as the message `bericht` makes of it.
pub fn lees_concept(soort: &'static str, bericht: fn(String) -> Action, jobs: &Jobs) {
    jobs.run(move |store| {
        crate::store::lookup::concept(store.conn(), &concept_sleutel(store, soort))
            .ok()
            .flatten()
            .map(bericht)
    })
}

/// The UTC bounds of the local calendar day of `now`.
fn local_day_bounds(now: DateTime<Local>) -> (DateTime<Utc>, DateTime<Utc>) {
    let day = now.date_naive();
    let start = |d: chrono::NaiveDate| {
        Local
            .from_local_datetime(&d.and_time(NaiveTime::MIN))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_else(|| Utc.from_utc_datetime(&d.and_time(NaiveTime::MIN)))
    };
    (start(day), start(day + Duration::days(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_bounds_cover_one_local_day() {
        let now = Local.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap();
        let (s, e) = local_day_bounds(now);
        assert_eq!(e - s, Duration::hours(24));
        assert!(s <= now.with_timezone(&Utc) && now.with_timezone(&Utc) < e);
    }
}
