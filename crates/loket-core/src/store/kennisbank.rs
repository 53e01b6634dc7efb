//! The kennisbank's content signals: searches and flags, written as synced records, and the
//! figures editors and supervisors steer the content by.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};
use uuid::Uuid;

use super::{Store, parse_ts, ts};
use crate::domain::RecordMeta;
use crate::domain::kennisbank::{
    ArtikelMelding, KbStatistiek, MeldingRegel, MeldingSoort, Zoekactie, Zoeklog,
};

/// Log one search (its words left out when they look like personal data).
pub fn log_zoekactie(
    store: &mut Store,
    log: &Zoeklog,
    medewerker_id: Option<Uuid>,
    now: DateTime<Utc>,
) -> anyhow::Result<Zoekactie> {
    let mut rec = Zoekactie::nieuw(log, RecordMeta::new(now, store.desk_id()), medewerker_id);
    store.save(&mut rec, now)?;
    Ok(rec)
}

/// Flag an article for the editors.
pub fn meld(
    store: &mut Store,
    artikel: &str,
    soort: MeldingSoort,
    toelichting: &str,
    medewerker: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<ArtikelMelding> {
    let mut rec = ArtikelMelding {
        meta: RecordMeta::new(now, store.desk_id()),
        artikel: artikel.to_string(),
        soort,
        toelichting: toelichting.trim().to_string(),
        medewerker: medewerker.to_string(),
        status: "open".into(),
    };
    store.save(&mut rec, now)?;
    Ok(rec)
}

/// How often each article was opened from a search, by all desks (as far as synced).
pub fn geopend(conn: &Connection) -> rusqlite::Result<HashMap<String, u32>> {
    let mut st = conn.prepare(
        "SELECT artikel, count(*) FROM kennisbank_zoekactie
         WHERE artikel IS NOT NULL AND deleted = 0 GROUP BY artikel",
    )?;
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect()
}

/// At most this many rows per list.
pub const TOP: usize = 15;

/// The figures since `sinds` (all time when None).
pub fn statistiek(
    conn: &Connection,
    sinds: Option<DateTime<Utc>>,
) -> rusqlite::Result<KbStatistiek> {
    let sinds = sinds.map(ts).unwrap_or_default();
    let lijst = |sql: &str| -> rusqlite::Result<Vec<(String, u32)>> {
        let mut st = conn.prepare(sql)?;
        st.query_map(params![sinds, TOP as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect()
    };
    let zonder_resultaat = lijst(
        "SELECT vraag, count(*) AS n FROM kennisbank_zoekactie
         WHERE vraag IS NOT NULL AND aantal_treffers = 0 AND created_at >= ?1 AND deleted = 0
         GROUP BY vraag ORDER BY n DESC, vraag LIMIT ?2",
    )?;
    let meest_gezocht = lijst(
        "SELECT vraag, count(*) AS n FROM kennisbank_zoekactie
         WHERE vraag IS NOT NULL AND created_at >= ?1 AND deleted = 0
         GROUP BY vraag ORDER BY n DESC, vraag LIMIT ?2",
    )?;
    let meest_geopend = lijst(
        "SELECT artikel, count(*) AS n FROM kennisbank_zoekactie
         WHERE artikel IS NOT NULL AND created_at >= ?1 AND deleted = 0
         GROUP BY artikel ORDER BY n DESC, artikel LIMIT ?2",
    )?;
    let geopende_artikelen = {
        let mut st = conn.prepare(
            "SELECT DISTINCT artikel FROM kennisbank_zoekactie
             WHERE artikel IS NOT NULL AND created_at >= ?1 AND deleted = 0",
        )?;
        st.query_map([&sinds], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?
    };
    let (zoekacties, zonder): (i64, i64) = conn.query_row(
        "SELECT count(*), coalesce(sum(aantal_treffers = 0), 0) FROM kennisbank_zoekactie
         WHERE created_at >= ?1 AND deleted = 0",
        [&sinds],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(KbStatistiek {
        zoekacties: zoekacties as u32,
        zonder_treffers: zonder as u32,
        zonder_resultaat,
        meest_gezocht,
        meest_geopend,
        geopende_artikelen,
        meldingen: meldingen(conn)?,
    })
}

/// The open flags, newest first.
pub fn meldingen(conn: &Connection) -> rusqlite::Result<Vec<MeldingRegel>> {
    let mut st = conn.prepare(
        "SELECT created_at, artikel, soort, toelichting, medewerker FROM kennisbank_melding
         WHERE status = 'open' AND deleted = 0 ORDER BY created_at DESC",
    )?;
    st.query_map([], |r| {
        Ok(MeldingRegel {
            op: parse_ts(&r.get::<_, String>(0)?).unwrap_or_default(),
            artikel: r.get(1)?,
            soort: MeldingSoort::from_label(&r.get::<_, String>(2)?)
                .unwrap_or(MeldingSoort::KlopNiet),
            toelichting: r.get(3)?,
            medewerker: r.get(4)?,
        })
    })?
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db"), Uuid::now_v7()).unwrap();
        (dir, store)
    }

    fn log(q: &str, n: usize, artikel: Option<&str>) -> Zoeklog {
        Zoeklog {
            vraag: q.into(),
            aantal_treffers: n,
            artikel: artikel.map(String::from),
        }
    }

    #[test]
    fn searches_are_logged_with_an_outbox_entry_and_no_personal_data() {
        let (_d, mut store) = store();
        let now = Utc::now();
        let before = store.pending_outbox().unwrap();
        log_zoekactie(&mut store, &log("999901461", 0, None), None, now).unwrap();
        log_zoekactie(&mut store, &log("jan@example.nl", 0, None), None, now).unwrap();
        log_zoekactie(&mut store, &log("Paspoort", 5, Some("paspoort")), None, now).unwrap();
        assert_eq!(store.pending_outbox().unwrap(), before + 3);
        let stored: Vec<Option<String>> = store
            .conn()
            .prepare("SELECT vraag FROM kennisbank_zoekactie ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(stored, vec![None, None, Some("paspoort".into())]);
        let outbox: String = store
            .conn()
            .query_row("SELECT group_concat(payload) FROM outbox", [], |r| r.get(0))
            .unwrap();
        assert!(!outbox.contains("999901461") && !outbox.contains("jan@"));
    }

    #[test]
    fn statistics_count_misses_searches_opens_and_respect_since() {
        let (_d, mut store) = store();
        let oud = Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap();
        let nu = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        log_zoekactie(&mut store, &log("parkeerboete", 0, None), None, oud).unwrap();
        for _ in 0..3 {
            log_zoekactie(&mut store, &log("zwemles", 0, None), None, nu).unwrap();
        }
        log_zoekactie(&mut store, &log("Zwémles", 0, None), None, nu).unwrap();
        log_zoekactie(&mut store, &log("paspoort", 4, Some("paspoort")), None, nu).unwrap();
        log_zoekactie(&mut store, &log("id", 3, Some("id-kaart")), None, nu).unwrap();
        log_zoekactie(&mut store, &log("paspoort", 4, Some("paspoort")), None, nu).unwrap();
        meld(
            &mut store,
            "woz-waarde",
            MeldingSoort::Verouderd,
            "bedrag van 2025",
            "Sanne",
            nu,
        )
        .unwrap();

        let alles = statistiek(store.conn(), None).unwrap();
        assert_eq!(alles.zoekacties, 8);
        assert_eq!(alles.zonder_treffers, 5);
        assert_eq!(
            alles.zonder_resultaat,
            vec![("zwemles".to_string(), 4), ("parkeerboete".to_string(), 1)]
        );
        assert_eq!(alles.meest_gezocht[0], ("zwemles".to_string(), 4));
        assert_eq!(alles.meest_geopend[0], ("paspoort".to_string(), 2));
        assert_eq!(alles.meldingen.len(), 1);
        assert_eq!(alles.meldingen[0].soort, MeldingSoort::Verouderd);

        let recent = statistiek(
            store.conn(),
            Some(Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap()),
        )
        .unwrap();
        assert_eq!(recent.zoekacties, 7);
        assert!(
            !recent
                .zonder_resultaat
                .iter()
                .any(|(q, _)| q == "parkeerboete")
        );
        assert_eq!(geopend(store.conn()).unwrap().get("paspoort"), Some(&2));
    }
}
