//! Booking afspraken. The one rule that matters most is in the database: a locatie never holds
//! two overlapping afspraken (triggers of schema version 6), so a second desk booking the same
//! slot at the same moment gets a clear refusal, never a double booking.

use chrono::{DateTime, Local, NaiveDateTime, TimeZone, Utc};
use rusqlite::{Connection, params};

use super::{Store, parse_ts, ts};
use crate::domain::afspraken::{
    Afspraak, Dienst, Geboekt, Openingstijden, Plek, Slot, Zoekopdracht, vrije_slots,
};
use crate::domain::werkdagen::Sluitingsdagen;

/// Change an afspraak's status (geannuleerd with a reason, verzet, no-show), keeping the row:
/// the history stays. Returns the changed afspraak.
pub fn wijzig_status(
    store: &mut Store,
    id: uuid::Uuid,
    status: &str,
    reden: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<Afspraak> {
    let mut a = lees(store.conn(), id)?;
    a.status = status.to_string();
    if reden.is_some() {
        a.reden = reden.map(String::from);
    }
    store.save(&mut a, now)?;
    Ok(a)
}

/// Reschedule: the old afspraak becomes "verzet" and the new one (pointing at it) is booked, in
/// one transaction; refused as a whole when the new slot is taken.
pub fn verzet(
    store: &mut Store,
    oud: uuid::Uuid,
    nieuw: &mut Afspraak,
    now: DateTime<Utc>,
) -> Result<(), BoekFout> {
    let mut a = lees(store.conn(), oud).map_err(|e| BoekFout::Opslag(crate::melding::tekst(&e)))?;
    a.status = "verzet".into();
    nieuw.verzet_van = Some(oud);
    boek_samen(store, &mut [&mut a, nieuw], now)
}

/// The medewerker of a balie or spreekkamer: whoever works there is the afspraak's medewerker,
/// not the colleague who booked it.
fn plek_medewerker(conn: &Connection, plek: &str) -> rusqlite::Result<Option<uuid::Uuid>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT medewerker_id FROM plek WHERE naam = ?1 AND deleted = 0",
            [plek],
            |r| r.get::<_, Option<String>>(0),
        )
        .optional()?
        .flatten()
        .and_then(|s| uuid::Uuid::parse_str(&s).ok()))
}

fn lees(conn: &Connection, id: uuid::Uuid) -> anyhow::Result<Afspraak> {
    let u = |s: Option<String>| s.and_then(|s| uuid::Uuid::parse_str(&s).ok());
    Ok(conn.query_row(
        "SELECT id, created_at, updated_at, desk_id, partij_id, product, locatie, medewerker_id,
                begin_op, eind_op, status, bevestiging, reden, verzet_van
         FROM afspraak WHERE id = ?1",
        [id.to_string()],
        |r| {
            Ok(Afspraak {
                meta: crate::domain::RecordMeta {
                    id,
                    created_at: parse_ts(&r.get::<_, String>(1)?).unwrap_or_default(),
                    updated_at: parse_ts(&r.get::<_, String>(2)?).unwrap_or_default(),
                    desk_id: u(r.get(3)?).unwrap_or_default(),
                    deleted: false,
                },
                partij_id: u(r.get(4)?),
                product: r.get(5)?,
                locatie: r.get(6)?,
                medewerker_id: u(r.get(7)?),
                begin_op: parse_ts(&r.get::<_, String>(8)?).unwrap_or_default(),
                eind_op: parse_ts(&r.get::<_, String>(9)?).unwrap_or_default(),
                status: r.get(10)?,
                bevestiging: r.get(11)?,
                reden: r.get(12)?,
                verzet_van: u(r.get(13)?),
            })
        },
    )?)
}

/// The diensten on offer, by naam.
pub fn diensten(conn: &Connection) -> rusqlite::Result<Vec<Dienst>> {
    let mut st = conn.prepare(
        "SELECT naam, vorm, duur_minuten, prefix, artikel FROM dienst WHERE deleted = 0 ORDER BY naam",
    )?;
    st.query_map([], |r| {
        Ok(Dienst {
            naam: r.get(0)?,
            vorm: r.get(1)?,
            duur_minuten: r.get(2)?,
            prefix: r.get(3)?,
            artikel: r.get(4)?,
        })
    })?
    .collect()
}

/// The balies and spreekkamers with their diensten and openingstijden (the gemeente's default
/// hours when none are stored, or when the stored ones cannot be read). A plek's medewerker has
/// no slots on the days of their afwezigheid (leave, training), nor today when marked afwezig.
pub fn plekken(conn: &Connection, vandaag: chrono::NaiveDate) -> rusqlite::Result<Vec<Plek>> {
    let mut st = conn.prepare(
        "SELECT p.naam, p.diensten, m.aanwezigheid, p.openingstijden, p.medewerker_id FROM plek p
         LEFT JOIN medewerker m ON m.id = p.medewerker_id
         WHERE p.deleted = 0 ORDER BY p.naam",
    )?;
    let mut afwezig_st = conn.prepare_cached(
        "SELECT van, tot FROM afwezigheid
         WHERE medewerker_id = ?1 AND deleted = 0 AND tot >= ?2 ORDER BY van",
    )?;
    let rijen = st
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut uit = Vec::new();
    for (naam, diensten, aanwezigheid, open, medewerker) in rijen {
        let mut afwezig: Vec<(chrono::NaiveDate, chrono::NaiveDate)> = Vec::new();
        // Not in today (afwezig, ziek, met verlof): no slots today; the same presence as the
        // pickers show.
        use crate::domain::Aanwezigheid as A;
        if aanwezigheid
            .as_deref()
            .and_then(A::lees)
            .is_some_and(|a| matches!(a, A::Afwezig | A::Ziek | A::Verlof))
        {
            afwezig.push((vandaag, vandaag));
        }
        if let Some(m) = medewerker {
            for r in afwezig_st.query_map(params![m, vandaag.to_string()], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })? {
                let (van, tot) = r?;
                if let (Ok(van), Ok(tot)) = (van.parse(), tot.parse()) {
                    afwezig.push((van, tot));
                }
            }
        }
        let open = open
            .and_then(|o| serde_json::from_str::<Vec<String>>(&o).ok())
            .and_then(|d| Openingstijden::lees(&d).ok())
            .unwrap_or_else(Openingstijden::gemeente);
        uit.push(Plek {
            naam,
            producten: serde_json::from_str(&diensten).unwrap_or_default(),
            open,
            afwezig,
        });
    }
    Ok(uit)
}

fn lokaal(t: DateTime<Utc>) -> NaiveDateTime {
    t.with_timezone(&Local).naive_local()
}

/// The first `aantal` free slots from `vanaf` (eight weeks ahead) for these diensten together,
/// at `plek` or any plek that serves them all.
pub fn slots(
    conn: &Connection,
    diensten_namen: &[String],
    vanaf: DateTime<Utc>,
    aantal: usize,
    plek: Option<&str>,
) -> rusqlite::Result<Vec<Slot>> {
    let alle = diensten(conn)?;
    let producten: Vec<(&str, u32)> = diensten_namen
        .iter()
        .filter_map(|n| alle.iter().find(|d| &d.naam == n))
        .map(|d| (d.naam.as_str(), d.duur_minuten))
        .collect();
    let plekken = plekken(conn, lokaal(vanaf).date())?;
    let tot = vanaf + chrono::Duration::weeks(8);
    let mut st = conn.prepare_cached(
        "SELECT locatie, begin_op, eind_op FROM afspraak
         WHERE deleted = 0 AND status NOT IN ('geannuleerd', 'verzet', 'geweigerd')
           AND eind_op > ?1 AND begin_op < ?2",
    )?;
    let geboekt: Vec<Geboekt> = st
        .query_map([ts(vanaf), ts(tot)], |r| {
            let b: String = r.get(1)?;
            let e: String = r.get(2)?;
            Ok((r.get::<_, String>(0)?, b, e))
        })?
        .filter_map(Result::ok)
        .filter_map(|(plek, b, e)| {
            Some(Geboekt {
                plek,
                begin: lokaal(parse_ts(&b)?),
                eind: lokaal(parse_ts(&e)?),
            })
        })
        .collect();
    let duur: u32 = producten.iter().map(|(_, d)| d).sum();
    let alle = vrije_slots(
        &plekken,
        &geboekt,
        &Sluitingsdagen::default(),
        &Zoekopdracht {
            producten: &producten,
            vanaf: lokaal(vanaf),
            aantal: aantal * 12,
            dagen: 56,
            plek,
            stap_min: 5,
        },
    );
    // Offer distinct choices: at one plek, slots at least the duration apart (not 14:40,
    // 14:45, 14:50 …), while a gap right after a booking is still offered.
    // The slots come earliest first, so the last one taken at a plek is the nearest.
    let mut uit: Vec<Slot> = Vec::new();
    let mut laatste: std::collections::HashMap<String, NaiveDateTime> = Default::default();
    for s in alle {
        let dicht_bij = laatste
            .get(&s.plek)
            .is_some_and(|k| (s.begin - *k).num_minutes().abs() < i64::from(duur));
        if !dicht_bij {
            laatste.insert(s.plek.clone(), s.begin);
            uit.push(s);
            if uit.len() == aantal {
                break;
            }
        }
    }
    Ok(uit)
}

/// For the month view: how many distinct free times each day of `maand` (its first day) has
/// for these diensten together, from `nu` on (days without any are left out).
pub fn vrij_per_dag(
    conn: &Connection,
    diensten_namen: &[String],
    maand: chrono::NaiveDate,
    nu: DateTime<Utc>,
    plek: Option<&str>,
) -> rusqlite::Result<Vec<(chrono::NaiveDate, usize)>> {
    let begin = Local
        .from_local_datetime(&maand.and_time(chrono::NaiveTime::MIN))
        .earliest()
        .map_or(nu, |l| l.with_timezone(&Utc))
        .max(nu);
    let volgende = maand
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(maand);
    let mut per_dag: Vec<(chrono::NaiveDate, usize)> = Vec::new();
    for s in slots(conn, diensten_namen, begin, 5_000, plek)? {
        let dag = s.begin.date();
        if dag >= volgende {
            break;
        }
        match per_dag.last_mut() {
            Some((d, n)) if *d == dag => *n += 1,
            _ => per_dag.push((dag, 1)),
        }
    }
    Ok(per_dag)
}

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
    boek_samen(store, &mut [afspraak], now)
}

/// Two afspraken back to back at two plekken (diensten no single plek serves together): both
/// are booked in one transaction or neither (a double booking of either refuses both).
pub fn boek_aansluitend(
    store: &mut Store,
    eerst: &mut Afspraak,
    daarna: &mut Afspraak,
    now: DateTime<Utc>,
) -> Result<(), BoekFout> {
    boek_samen(store, &mut [eerst, daarna], now)
}

/// Book `afspraken` in one transaction, each for its plek's medewerker.
fn boek_samen(
    store: &mut Store,
    afspraken: &mut [&mut Afspraak],
    now: DateTime<Utc>,
) -> Result<(), BoekFout> {
    let fout = |e: anyhow::Error| {
        if format!("{e:#}").contains("dubbele boeking") {
            BoekFout::Dubbel
        } else {
            BoekFout::Opslag(crate::melding::tekst(&e))
        }
    };
    let mut batch = store
        .batch(now)
        .map_err(|e| BoekFout::Opslag(crate::melding::tekst(&e.into())))?;
    for a in afspraken.iter_mut() {
        a.medewerker_id = plek_medewerker(batch.conn(), &a.locatie)
            .map_err(|e| BoekFout::Opslag(crate::melding::tekst(&e.into())))?;
        batch.save(&mut **a).map_err(fout)?;
    }
    batch.commit().map_err(fout)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::RecordMeta;
    use chrono::{Datelike, TimeZone};
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
            bevestiging: None,
            reden: None,
            verzet_van: None,
        }
    }

    #[test]
    fn two_afspraken_back_to_back_are_booked_both_or_neither() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db"), Uuid::now_v7()).unwrap();
        let now = Utc::now();
        // Another desk took Balie 3 at 8:15.
        boek(&mut store, &mut afspraak("Balie 3", 15, 30), now).unwrap();
        let (mut a, mut b) = (afspraak("Balie 1", 0, 15), afspraak("Balie 3", 15, 30));
        assert!(matches!(
            boek_aansluitend(&mut store, &mut a, &mut b, now),
            Err(BoekFout::Dubbel)
        ));
        let n: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM afspraak WHERE locatie = 'Balie 1'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 0, "the first part is not kept without the second");
        let (mut a, mut b) = (afspraak("Balie 1", 0, 15), afspraak("Balie 3", 30, 45));
        boek_aansluitend(&mut store, &mut a, &mut b, now).unwrap();
        let n: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM afspraak", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 3);
    }

    #[test]
    fn the_afspraak_is_for_the_plek_s_medewerker_not_for_whoever_booked_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db"), Uuid::now_v7()).unwrap();
        let aan_balie = Uuid::from_u128(0xba1e);
        for (id, naam) in [
            (aan_balie, "Ruud aan de balie"),
            (Uuid::from_u128(0xb00c), "Receptie"),
        ] {
            store
                .conn()
                .execute(
                    "INSERT INTO medewerker (id, created_at, updated_at, desk_id, naam, rol, functie, aanwezigheid)
                     VALUES (?1, '2026-11-01T08:00:00.000Z', '2026-11-01T08:00:00.000Z', ?2, ?3, 'medewerker', 'balie', 'beschikbaar')",
                    params![id.to_string(), Uuid::nil().to_string(), naam],
                )
                .unwrap();
        }
        store
            .conn()
            .execute(
                "INSERT INTO plek (id, created_at, updated_at, desk_id, naam, soort, diensten, medewerker_id)
                 VALUES (?1, '2026-11-01T08:00:00.000Z', '2026-11-01T08:00:00.000Z', ?2, 'Balie 3', 'balie', '[]', ?3)",
                params![Uuid::now_v7().to_string(), Uuid::nil().to_string(), aan_balie.to_string()],
            )
            .unwrap();
        let mut a = afspraak("Balie 3", 0, 15);
        a.medewerker_id = Some(Uuid::from_u128(0xb00c)); // the receptie that booked it
        boek(&mut store, &mut a, Utc::now()).unwrap();
        assert_eq!(a.medewerker_id, Some(aan_balie));
        assert_eq!(
            lees(store.conn(), a.meta.id).unwrap().medewerker_id,
            Some(aan_balie)
        );
        // Rescheduled to a plek without a medewerker: nobody in particular.
        let mut nieuw = afspraak("Spreekkamer 9", 30, 45);
        nieuw.medewerker_id = Some(Uuid::from_u128(0xb00c));
        verzet(&mut store, a.meta.id, &mut nieuw, Utc::now()).unwrap();
        assert_eq!(nieuw.medewerker_id, None);
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
        assert_eq!(kb.afspraken[0].locatie, "Balie 1");
    }

    #[test]
    fn slots_from_the_demo_diensten_skip_booked_times_and_are_spread() {
        let dir = tempfile::tempdir().unwrap();
        let pad = dir.path().join("demo.db");
        let vandaag = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        crate::demo::klein(&pad, 2026, 2, vandaag);
        let store = Store::open(&pad, Uuid::now_v7()).unwrap();
        let d = diensten(store.conn()).unwrap();
        assert!(
            d.iter()
                .any(|d| d.naam == "Aanvraag paspoort of ID-kaart" && d.vorm == "afspraak")
        );
        assert!(d.iter().any(|d| d.vorm == "inloop"));
        let vanaf = vandaag
            .and_hms_opt(7, 0, 0)
            .unwrap()
            .and_local_timezone(Local)
            .unwrap()
            .with_timezone(&Utc);
        let s = slots(
            store.conn(),
            &["Aanvraag paspoort of ID-kaart".to_string()],
            vanaf,
            10,
            None,
        )
        .unwrap();
        assert_eq!(s.len(), 10);
        assert!(
            s.iter().all(|x| x.plek == "Balie 1" || x.plek == "Balie 2"),
            "{s:?}"
        );
        for (i, a) in s.iter().enumerate() {
            for b in &s[i + 1..] {
                if a.plek == b.plek {
                    assert!((b.begin - a.begin).num_minutes().abs() >= 15, "{a:?} {b:?}");
                }
            }
        }
        // Each offered slot can really be booked.
        let mut store = store;
        let eerste = &s[0];
        let mut a = afspraak(&eerste.plek, 0, 15);
        a.begin_op = eerste
            .begin
            .and_local_timezone(Local)
            .unwrap()
            .with_timezone(&Utc);
        a.eind_op = eerste
            .eind
            .and_local_timezone(Local)
            .unwrap()
            .with_timezone(&Utc);
        boek(&mut store, &mut a, Utc::now()).unwrap();
    }

    #[test]
    fn the_month_view_counts_free_times_per_day_without_weekends_holidays_or_the_past() {
        let dir = tempfile::tempdir().unwrap();
        let pad = dir.path().join("demo.db");
        let vandaag = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        crate::demo::klein(&pad, 7, 2, vandaag);
        let store = Store::open(&pad, Uuid::now_v7()).unwrap();
        let nu = vandaag
            .and_hms_opt(12, 0, 0)
            .unwrap()
            .and_local_timezone(Local)
            .unwrap()
            .with_timezone(&Utc);
        let paspoort = ["Aanvraag paspoort of ID-kaart".to_string()];
        let december = vrij_per_dag(store.conn(), &paspoort, vandaag, nu, None).unwrap();
        let dag = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        let telling = |d: u32| december.iter().find(|(x, _)| *x == dag(d)).map(|(_, n)| *n);
        // Saturday 5 December and Christmas have no times; a plain weekday in the future does.
        assert_eq!(telling(5), None);
        assert_eq!(telling(25), None);
        assert!(telling(15).is_some_and(|n| n > 0), "{december:?}");
        assert!(december.iter().all(|(d, _)| d.month() == 12));
        // Today counts only from noon: fewer than a later empty day.
        assert!(
            telling(1).unwrap_or(0) < telling(29).unwrap(),
            "{december:?}"
        );
        // One balie only: never more times than at any balie.
        let balie1 = vrij_per_dag(store.conn(), &paspoort, vandaag, nu, Some("Balie 1")).unwrap();
        let som = |v: &[(chrono::NaiveDate, usize)]| v.iter().map(|(_, n)| n).sum::<usize>();
        assert!(som(&balie1) > 0 && som(&balie1) < som(&december));
    }

    #[test]
    fn stored_hours_and_a_medewerkers_leave_shape_the_free_slots() {
        let dir = tempfile::tempdir().unwrap();
        let pad = dir.path().join("demo.db");
        // A Monday; the demo puts Balie 2's medewerker on leave from the Monday after next.
        let vandaag = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        crate::demo::klein(&pad, 3, 2, vandaag);
        let store = Store::open(&pad, Uuid::now_v7()).unwrap();
        let verlof: (String, String) = store
            .conn()
            .query_row("SELECT van, tot FROM afwezigheid", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!(verlof, ("2026-12-07".into(), "2026-12-09".into()));
        let dag = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        let nu = vandaag
            .and_hms_opt(8, 0, 0)
            .unwrap()
            .and_local_timezone(Local)
            .unwrap()
            .with_timezone(&Utc);
        let paspoort = ["Aanvraag paspoort of ID-kaart".to_string()];
        let balie2 = vrij_per_dag(store.conn(), &paspoort, dag(1), nu, Some("Balie 2")).unwrap();
        let op = |v: &[(chrono::NaiveDate, usize)], d: u32| v.iter().any(|(x, _)| *x == dag(d));
        assert!(
            !op(&balie2, 7) && !op(&balie2, 8) && !op(&balie2, 9),
            "{balie2:?}"
        );
        assert!(op(&balie2, 10), "back on Thursday: {balie2:?}");
        let balie1 = vrij_per_dag(store.conn(), &paspoort, dag(1), nu, Some("Balie 1")).unwrap();
        assert!(op(&balie1, 8), "a colleague's leave is not Balie 1's");
        // Spreekkamer 2 is closed on Friday afternoon: no slot from 12:30 on a Friday.
        let vrijdag = dag(4)
            .and_hms_opt(7, 0, 0)
            .unwrap()
            .and_local_timezone(Local)
            .unwrap()
            .with_timezone(&Utc);
        let s = slots(
            store.conn(),
            &["Kwijtschelding en betalingsregeling".to_string()],
            vrijdag,
            40,
            Some("Spreekkamer 2"),
        )
        .unwrap();
        assert!(
            s.iter()
                .filter(|x| x.begin.date() == dag(4))
                .all(|x| x.eind.time() <= chrono::NaiveTime::from_hms_opt(12, 30, 0).unwrap()),
            "{s:?}"
        );
        assert!(s.iter().any(|x| x.begin.date() == dag(4)), "{s:?}");
    }

    #[test]
    fn rescheduling_keeps_the_old_one_as_verzet_and_a_cancel_keeps_its_reason() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db"), Uuid::now_v7()).unwrap();
        let now = Utc::now();
        let mut oud = afspraak("Balie 1", 0, 15);
        boek(&mut store, &mut oud, now).unwrap();
        let mut bezet = afspraak("Balie 1", 60, 75);
        boek(&mut store, &mut bezet, now).unwrap();
        // Into a taken slot: refused as a whole, the old one untouched.
        let mut nieuw = afspraak("Balie 1", 65, 80);
        assert!(matches!(
            verzet(&mut store, oud.meta.id, &mut nieuw, now),
            Err(BoekFout::Dubbel)
        ));
        assert_eq!(lees(store.conn(), oud.meta.id).unwrap().status, "gepland");
        // Into a free one, even overlapping its own old time.
        let mut nieuw = afspraak("Balie 1", 5, 20);
        verzet(&mut store, oud.meta.id, &mut nieuw, now).unwrap();
        assert_eq!(lees(store.conn(), oud.meta.id).unwrap().status, "verzet");
        assert_eq!(
            lees(store.conn(), nieuw.meta.id).unwrap().verzet_van,
            Some(oud.meta.id)
        );
        let a = wijzig_status(&mut store, bezet.meta.id, "geannuleerd", Some("ziek"), now).unwrap();
        assert_eq!(
            (a.status.as_str(), a.reden.as_deref()),
            ("geannuleerd", Some("ziek"))
        );
        assert_eq!(
            lees(store.conn(), bezet.meta.id).unwrap().reden.as_deref(),
            Some("ziek")
        );
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
