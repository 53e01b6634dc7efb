//! Booking afspraken. The one rule that matters most is in the database: a locatie never holds
//! two overlapping afspraken (triggers of schema version 6), so a second desk booking the same
//! slot at the same moment gets a clear refusal, never a double booking.

use chrono::{DateTime, Utc};

use super::Store;
use crate::domain::afspraken::Afspraak;

#[derive(Debug, thiserror::Error)]
pub enum BoekFout {
    #[error("dit tijdstip is net door een ander geboekt; kies een ander tijdstip")]
    Dubbel,
    #[error("afspraak opslaan mislukt: {0}")]
    Opslag(String),
}

/// Save `afspraak` (new, rescheduled or with a new status) with its outbox entry, or refuse it
/// when it would overlap another at its locatie.
pub fn boek(
    store: &mut Store,
    afspraak: &mut Afspraak,
    now: DateTime<Utc>,
) -> Result<(), BoekFout> {
    store.save(afspraak, now).map_err(|e| {
        if format!("{e:#}").contains("dubbele boeking") {
            BoekFout::Dubbel
        } else {
            BoekFout::Opslag(format!("{e:#}"))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::RecordMeta;
    use chrono::TimeZone;
    use uuid::Uuid;

    fn afspraak(locatie: &str, van_min: i64, tot_min: i64) -> Afspraak {
        let t0 = Utc.with_ymd_and_hms(2026, 11, 24, 8, 0, 0).unwrap();
        Afspraak {
            meta: RecordMeta::new(Utc::now(), Uuid::nil()),
            partij_id: None,
            product: "Aanvraag paspoort of ID-kaart".into(),
            locatie: locatie.into(),
            medewerker_id: None,
            begin_op: t0 + chrono::Duration::minutes(van_min),
            eind_op: t0 + chrono::Duration::minutes(tot_min),
            status: "gepland".into(),
        }
    }

    #[test]
    fn an_overlapping_afspraak_is_refused_a_touching_or_cancelled_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db"), Uuid::now_v7()).unwrap();
        let now = Utc::now();
        boek(&mut store, &mut afspraak("Balie 1", 0, 15), now).unwrap();
        assert!(matches!(
            boek(&mut store, &mut afspraak("Balie 1", 10, 25), now),
            Err(BoekFout::Dubbel)
        ));
        // Back to back, or at another balie: fine.
        boek(&mut store, &mut afspraak("Balie 1", 15, 30), now).unwrap();
        boek(&mut store, &mut afspraak("Balie 2", 10, 25), now).unwrap();
        // Cancel the first; its time is free again.
        let mut eerste: Afspraak = {
            let mut a = afspraak("Balie 1", 40, 55);
            boek(&mut store, &mut a, now).unwrap();
            a
        };
        assert!(boek(&mut store, &mut afspraak("Balie 1", 45, 50), now).is_err());
        eerste.status = "geannuleerd".into();
        boek(&mut store, &mut eerste, now).unwrap();
        boek(&mut store, &mut afspraak("Balie 1", 45, 50), now).unwrap();
        // Rescheduling into a taken slot is refused as well, and nothing half-written stays.
        let mut verzet = afspraak("Balie 2", 100, 115);
        boek(&mut store, &mut verzet, now).unwrap();
        let outbox_voor = store.pending_outbox().unwrap();
        verzet.begin_op = afspraak("Balie 2", 12, 20).begin_op;
        verzet.eind_op = afspraak("Balie 2", 12, 20).eind_op;
        assert!(matches!(
            boek(&mut store, &mut verzet, now),
            Err(BoekFout::Dubbel)
        ));
        assert_eq!(
            store.pending_outbox().unwrap(),
            outbox_voor,
            "no outbox entry for a refusal"
        );
    }

    #[test]
    fn the_klantbeeld_lists_the_klants_coming_afspraken_but_not_cancelled_ones() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db"), Uuid::now_v7()).unwrap();
        let now = Utc::now();
        let mut p = crate::domain::klant::NieuwePartij {
            meta: RecordMeta::new(now, Uuid::nil()),
            voornamen: "Jan".into(),
            voorvoegsel_achternaam: "de".into(),
            achternaam: "Vries".into(),
            zoeknaam: "vries".into(),
        };
        store.save(&mut p, now).unwrap();
        let morgen = now + chrono::Duration::days(1);
        let mut a = afspraak("Balie 1", 0, 15);
        a.partij_id = Some(p.meta.id);
        a.begin_op = morgen;
        a.eind_op = morgen + chrono::Duration::minutes(15);
        boek(&mut store, &mut a, now).unwrap();
        let mut weg = a.clone();
        weg.meta = RecordMeta::new(now, Uuid::nil());
        weg.begin_op = morgen + chrono::Duration::hours(2);
        weg.eind_op = weg.begin_op + chrono::Duration::minutes(15);
        weg.status = "geannuleerd".into();
        boek(&mut store, &mut weg, now).unwrap();
        let kb = crate::store::lookup::klantbeeld(store.conn(), p.meta.id)
            .unwrap()
            .unwrap();
        assert_eq!(kb.afspraken.len(), 1);
        assert_eq!(kb.afspraken[0].2, "Balie 1");
    }

    #[test]
    fn two_desks_booking_the_same_slot_at_once_never_both_succeed() {
        let dir = tempfile::tempdir().unwrap();
        let pad = dir.path().join("t.db");
        drop(Store::open(&pad, Uuid::now_v7()).unwrap());
        for ronde in 0..20 {
            let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
            let handles: Vec<_> = (0..2)
                .map(|_| {
                    let pad = pad.clone();
                    let barrier = barrier.clone();
                    std::thread::spawn(move || {
                        let mut store = Store::open(&pad, Uuid::now_v7()).unwrap();
                        let mut a = afspraak("Balie 1", ronde * 30, ronde * 30 + 20);
                        barrier.wait();
                        boek(&mut store, &mut a, Utc::now())
                    })
                })
                .collect();
            let uitkomsten: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
            let gelukt = uitkomsten.iter().filter(|u| u.is_ok()).count();
            assert_eq!(gelukt, 1, "round {ronde}: {uitkomsten:?}");
            assert!(
                uitkomsten
                    .iter()
                    .any(|u| matches!(u, Err(BoekFout::Dubbel)))
            );
        }
    }
}
