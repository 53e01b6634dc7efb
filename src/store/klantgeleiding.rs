//! Visitors at the counter: check-in with a ticket number (per dienst prefix, restarting each
//! day, never repeated at a location within a day), the day's list, and each step of a bezoek.

use chrono::{DateTime, Local, NaiveDate, Utc};
use rusqlite::{Connection, params};
use uuid::Uuid;

use super::{Store, parse_ts};
use crate::domain::RecordMeta;
use crate::domain::klantgeleiding::{Bezoek, WACHTEND, ticketnummer};

/// Check in a visitor for `dienst` (with its ticket `prefix`): the next number for that prefix
/// today at `locatie`, written with its outbox entry in one transaction.
pub fn inchecken(
    store: &mut Store,
    locatie: &str,
    dienst: &str,
    prefix: &str,
    partij_id: Option<Uuid>,
    now: DateTime<Utc>,
) -> anyhow::Result<Bezoek> {
    let dag = now.with_timezone(&Local).date_naive();
    let desk = store.desk_id();
    let mut batch = store.batch(now)?;
    let volgende: i64 = batch.conn().query_row(
        "SELECT coalesce(max(volgnummer), 0) + 1 FROM bezoek
         WHERE locatie = ?1 AND dag = ?2 AND nummer LIKE ?3",
        params![locatie, dag.to_string(), format!("{prefix}-%")],
        |r| r.get(0),
    )?;
    let mut b = Bezoek {
        meta: RecordMeta::new(now, desk),
        dag,
        locatie: locatie.to_string(),
        nummer: ticketnummer(prefix, volgende),
        volgnummer: volgende,
        dienst: dienst.to_string(),
        partij_id,
        aangekomen_op: now,
        opgeroepen_op: None,
        oproepen: 0,
        balie: None,
        geholpen_op: None,
        klaar_op: None,
        status: WACHTEND.into(),
    };
    batch.save(&mut b)?;
    batch.commit()?;
    Ok(b)
}

/// Save a bezoek's next step (called, helped, done, no-show).
pub fn bewaar(store: &mut Store, b: &mut Bezoek, now: DateTime<Utc>) -> anyhow::Result<()> {
    store.save(b, now)
}

fn ts_opt(s: Option<String>) -> Option<DateTime<Utc>> {
    s.as_deref().and_then(parse_ts)
}

/// Today's bezoeken at `locatie` that are not finished, in order of arrival.
pub fn open_bezoeken(
    conn: &Connection,
    locatie: &str,
    dag: NaiveDate,
) -> rusqlite::Result<Vec<Bezoek>> {
    let mut st = conn.prepare_cached(
        "SELECT id, created_at, updated_at, desk_id, dag, nummer, volgnummer, dienst, partij_id,
                aangekomen_op, opgeroepen_op, oproepen, balie, geholpen_op, klaar_op, status
         FROM bezoek
         WHERE locatie = ?1 AND dag = ?2 AND deleted = 0 AND status NOT IN ('klaar', 'no_show')
         ORDER BY aangekomen_op",
    )?;
    st.query_map(params![locatie, dag.to_string()], |r| {
        let id: String = r.get(0)?;
        let desk: String = r.get(3)?;
        Ok(Bezoek {
            meta: RecordMeta {
                id: Uuid::parse_str(&id).unwrap_or_default(),
                created_at: ts_opt(r.get(1)?).unwrap_or_default(),
                updated_at: ts_opt(r.get(2)?).unwrap_or_default(),
                desk_id: Uuid::parse_str(&desk).unwrap_or_default(),
                deleted: false,
            },
            dag,
            locatie: locatie.to_string(),
            nummer: r.get(5)?,
            volgnummer: r.get(6)?,
            dienst: r.get(7)?,
            partij_id: r
                .get::<_, Option<String>>(8)?
                .and_then(|s| Uuid::parse_str(&s).ok()),
            aangekomen_op: ts_opt(r.get(9)?).unwrap_or_default(),
            opgeroepen_op: ts_opt(r.get(10)?),
            oproepen: r.get(11)?,
            balie: r.get(12)?,
            geholpen_op: ts_opt(r.get(13)?),
            klaar_op: ts_opt(r.get(14)?),
            status: r.get(15)?,
        })
    })?
    .collect()
}

/// What the waiting-room display shows: the last numbers called (newest first) with their balie,
/// and how many wait per dienst. No names, ever: none are read.
pub fn oproepen(
    conn: &Connection,
    locatie: &str,
    dag: NaiveDate,
) -> rusqlite::Result<crate::domain::klantgeleiding::Oproepscherm> {
    let mut st = conn.prepare_cached(
        "SELECT nummer, coalesce(balie, ''), oproepen FROM bezoek
         WHERE locatie = ?1 AND dag = ?2 AND deleted = 0 AND opgeroepen_op IS NOT NULL
           AND status IN ('opgeroepen', 'in_behandeling')
         ORDER BY opgeroepen_op DESC LIMIT 6",
    )?;
    let opgeroepen = st
        .query_map(params![locatie, dag.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut st = conn.prepare_cached(
        "SELECT dienst, count(*) FROM bezoek
         WHERE locatie = ?1 AND dag = ?2 AND deleted = 0 AND status = 'wachtend'
         GROUP BY dienst ORDER BY dienst",
    )?;
    let wachtend = st
        .query_map(params![locatie, dag.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(crate::domain::klantgeleiding::Oproepscherm {
        opgeroepen,
        wachtend,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn numbers_count_up_per_prefix_restart_each_day_and_survive_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let pad = dir.path().join("t.db");
        let ochtend = Local
            .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
            .unwrap()
            .with_timezone(&Utc);
        {
            let mut store = Store::open(&pad, Uuid::now_v7()).unwrap();
            let a = inchecken(&mut store, "Stadskantoor", "Ophalen", "S", None, ochtend).unwrap();
            let b = inchecken(&mut store, "Stadskantoor", "Ophalen", "S", None, ochtend).unwrap();
            let c =
                inchecken(&mut store, "Stadskantoor", "Uittreksel", "U", None, ochtend).unwrap();
            assert_eq!(
                (a.nummer.as_str(), b.nummer.as_str(), c.nummer.as_str()),
                ("S-001", "S-002", "U-001")
            );
        }
        // After a restart the numbering goes on; another location has its own.
        let mut store = Store::open(&pad, Uuid::now_v7()).unwrap();
        let d = inchecken(&mut store, "Stadskantoor", "Ophalen", "S", None, ochtend).unwrap();
        assert_eq!(d.nummer, "S-003");
        let e = inchecken(&mut store, "Wijkpost", "Ophalen", "S", None, ochtend).unwrap();
        assert_eq!(e.nummer, "S-001");
        // The next day starts again at 1.
        let morgen = ochtend + chrono::Duration::days(1);
        let f = inchecken(&mut store, "Stadskantoor", "Ophalen", "S", None, morgen).unwrap();
        assert_eq!(f.nummer, "S-001");
        let open = open_bezoeken(
            store.conn(),
            "Stadskantoor",
            ochtend.with_timezone(&Local).date_naive(),
        )
        .unwrap();
        assert_eq!(open.len(), 4);
        assert_eq!(open[0].nummer, "S-001");
    }

    #[test]
    fn the_display_shows_called_numbers_newest_first_and_waiting_counts() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db"), Uuid::now_v7()).unwrap();
        let now = Utc::now();
        let mut a = inchecken(&mut store, "Stadskantoor", "Ophalen", "S", None, now).unwrap();
        let mut b = inchecken(&mut store, "Stadskantoor", "Ophalen", "S", None, now).unwrap();
        inchecken(&mut store, "Stadskantoor", "Uittreksel", "U", None, now).unwrap();
        a.status = "opgeroepen".into();
        a.oproepen = 1;
        a.balie = Some("Balie 5".into());
        a.opgeroepen_op = Some(now);
        bewaar(&mut store, &mut a, now).unwrap();
        b.status = "opgeroepen".into();
        b.oproepen = 2;
        b.balie = Some("Snelbalie 1".into());
        b.opgeroepen_op = Some(now + chrono::Duration::seconds(5));
        bewaar(&mut store, &mut b, now).unwrap();
        let o = oproepen(
            store.conn(),
            "Stadskantoor",
            now.with_timezone(&Local).date_naive(),
        )
        .unwrap();
        assert_eq!(
            o.opgeroepen,
            vec![
                ("S-002".to_string(), "Snelbalie 1".to_string(), 2),
                ("S-001".to_string(), "Balie 5".to_string(), 1)
            ]
        );
        assert_eq!(o.wachtend, vec![("Uittreksel".to_string(), 1)]);
    }

    #[test]
    fn two_receptie_desks_checking_in_at_once_never_share_a_number() {
        let dir = tempfile::tempdir().unwrap();
        let pad = dir.path().join("t.db");
        drop(Store::open(&pad, Uuid::now_v7()).unwrap());
        let now = Utc::now();
        let handles: Vec<_> = (0..2)
            .map(|_| {
                let pad = pad.clone();
                std::thread::spawn(move || {
                    let mut store = Store::open(&pad, Uuid::now_v7()).unwrap();
                    (0..25)
                        .map(|_| {
                            inchecken(&mut store, "Stadskantoor", "Ophalen", "S", None, now)
                                .unwrap()
                                .nummer
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut alle: Vec<String> = handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect();
        alle.sort();
        let n = alle.len();
        alle.dedup();
        assert_eq!(alle.len(), n, "a number was given twice");
        assert_eq!(alle.last().map(String::as_str), Some("S-050"));
    }
}
