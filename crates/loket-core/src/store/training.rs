//! The training database: its marker (a training database never syncs, and the desk in
//! training mode opens nothing else), what a trainee did in each case, and the reviews kept per
//! trainee.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use super::ts;
use crate::domain::training::{Beoordeling, Feiten};

/// The meta key that marks a training database.
const MARKER: &str = "training";

pub fn is_training(conn: &Connection) -> rusqlite::Result<bool> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [MARKER], |r| {
            r.get::<_, String>(0)
        })
        .optional()?
        .as_deref()
        == Some("1"))
}

pub fn markeer(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, '1')
         ON CONFLICT (key) DO UPDATE SET value = '1'",
        [MARKER],
    )?;
    Ok(())
}

/// A demo klant by full name ("Jan de Vries", "Albert Hoekstra"): id and telephone number.
pub fn klant(conn: &Connection, naam: &str) -> rusqlite::Result<Option<(Uuid, Option<String>)>> {
    let gevonden: Option<String> = conn
        .query_row(
            "SELECT id FROM partij
             WHERE soort_partij = 'persoon' AND deleted = 0
               AND trim(voornamen || ' ' || coalesce(nullif(voorvoegsel_achternaam, '') || ' ', '')
                        || achternaam) = ?1
             ORDER BY created_at LIMIT 1",
            [naam],
            |r| r.get(0),
        )
        .optional()?;
    let Some(id) = gevonden.and_then(|s| Uuid::parse_str(&s).ok()) else {
        return Ok(None);
    };
    // The voorkeur (the one rule, `VOORKEUR_VOLGORDE`).
    let telefoon = conn
        .query_row(
            &format!(
                "SELECT adres FROM digitaal_adres
                 WHERE partij_id = ?1 AND soort_digitaal_adres = 'telefoonnummer' AND deleted = 0
                 ORDER BY {} LIMIT 1",
                crate::domain::klant::VOORKEUR_VOLGORDE
            ),
            [id.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    Ok(Some((id, telefoon)))
}

/// Give a demo klant a mobile number when they have none (training only).
pub fn telefoon_zeker(conn: &Connection, naam: &str) -> rusqlite::Result<()> {
    if let Some((id, None)) = klant(conn, naam)? {
        let h = naam
            .bytes()
            .fold(17u64, |h, b| h.wrapping_mul(131).wrapping_add(u64::from(b)));
        let nu = ts(Utc::now());
        conn.execute(
            "INSERT INTO digitaal_adres (id, created_at, updated_at, desk_id, partij_id,
               soort_digitaal_adres, adres)
             VALUES (?1, ?2, ?2, 'training', ?3, 'telefoonnummer', ?4)",
            params![
                Uuid::now_v7().to_string(),
                nu,
                id.to_string(),
                format!("06{:08}", h % 100_000_000)
            ],
        )?;
    }
    Ok(())
}

/// What the trainee did in a case: the registered contactmoment, its contactverzoek, an
/// afspraak booked by this desk while the case ran, and the kennisbank searches of that time.
pub fn feiten(
    conn: &Connection,
    contactmoment: Uuid,
    desk: Uuid,
    van: DateTime<Utc>,
    tot: DateTime<Utc>,
) -> rusqlite::Result<Option<Feiten>> {
    let cm: Option<(String, String, String, i64)> = conn
        .query_row(
            "SELECT coalesce(bronnen, '[]'), onderwerp, afhandeling, duur_seconden + nawerk_seconden
             FROM contactmoment WHERE id = ?1",
            [contactmoment.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((bronnen, onderwerp, resultaat, seconden)) = cm else {
        return Ok(None);
    };
    let contactverzoek: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM contactverzoek WHERE contactmoment_id = ?1 AND deleted = 0)",
        [contactmoment.to_string()],
        |r| r.get(0),
    )?;
    // A little slack after the registration: the booking may be stored just after it.
    let tot = tot + chrono::Duration::seconds(5);
    let afspraak: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM afspraak
                        WHERE desk_id = ?1 AND created_at >= ?2 AND created_at <= ?3 AND deleted = 0)",
        params![desk.to_string(), ts(van), ts(tot)],
        |r| r.get(0),
    )?;
    let mut st = conn.prepare(
        "SELECT vraag FROM kennisbank_zoekactie
         WHERE desk_id = ?1 AND created_at >= ?2 AND created_at <= ?3 AND vraag IS NOT NULL
           AND deleted = 0
         ORDER BY created_at",
    )?;
    let mut zoektermen: Vec<String> = Vec::new();
    for v in st.query_map(params![desk.to_string(), ts(van), ts(tot)], |r| {
        r.get::<_, String>(0)
    })? {
        let v = v?;
        if !zoektermen.contains(&v) {
            zoektermen.push(v);
        }
    }
    Ok(Some(Feiten {
        bronnen: serde_json::from_str(&bronnen).unwrap_or_default(),
        onderwerp,
        resultaat,
        contactverzoek,
        afspraak,
        seconden,
        zoektermen,
    }))
}

/// Review a session from what was registered, and keep it under the session's id (asking
/// again replaces it).
pub fn beoordeel(
    store: &crate::store::Store,
    v: &crate::domain::training::BeoordeelVraag,
) -> anyhow::Result<Beoordeling> {
    use crate::domain::training::{GevalUitkomst, controleer};
    let mut gevallen = Vec::new();
    let titel = |id: &str| v.titels.get(id).cloned().unwrap_or_else(|| id.to_string());
    // Cases not reached are not judged and their words stay hidden; a case being handled is
    // judged once the session ends.
    for (i, (g, stand)) in v.scenario.gevallen.iter().zip(&v.gevallen).enumerate() {
        let feiten = match stand {
            Some((cm, van, tot)) => feiten(store.conn(), *cm, store.desk_id(), *van, *tot)?,
            None => None,
        };
        let bereikt = v.bereikt.get(i).copied().unwrap_or(true);
        let nog_niet = stand.is_none() && (!bereikt || !v.afgesloten);
        gevallen.push(GevalUitkomst {
            id: g.id.clone(),
            zegt: if bereikt {
                g.zegt.clone()
            } else {
                String::new()
            },
            controles: if nog_niet {
                Vec::new()
            } else {
                controleer(g, feiten.as_ref(), &titel)
            },
            feiten,
            nog_niet,
        });
    }
    let b = Beoordeling {
        trainee: v.trainee.clone(),
        scenario: v.scenario.naam.clone(),
        titel: v.scenario.titel.clone(),
        gestart_op: v.gestart,
        afgerond_op: Utc::now(),
        gevallen,
    };
    bewaar(store.conn(), v.sessie, &b)?;
    Ok(b)
}

/// Keep a review (local only: the training database never syncs).
pub fn bewaar(conn: &Connection, sessie: Uuid, b: &Beoordeling) -> anyhow::Result<()> {
    let (goed, totaal) = b.score();
    conn.execute(
        "INSERT OR REPLACE INTO training_review
           (id, trainee, scenario, gestart_op, afgerond_op, goed, totaal, inhoud)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            sessie.to_string(),
            b.trainee,
            b.scenario,
            ts(b.gestart_op),
            ts(b.afgerond_op),
            goed as i64,
            totaal as i64,
            serde_json::to_string(b)?
        ],
    )?;
    Ok(())
}

/// The reviews, oldest first; of one trainee, or of all.
pub fn reviews(conn: &Connection, trainee: Option<&str>) -> anyhow::Result<Vec<Beoordeling>> {
    let mut st = conn.prepare(
        "SELECT inhoud FROM training_review WHERE ?1 IS NULL OR lower(trainee) = lower(?1)
         ORDER BY afgerond_op, id",
    )?;
    let rows = st.query_map([trainee], |r| r.get::<_, String>(0))?;
    let mut uit = Vec::new();
    for r in rows {
        uit.push(serde_json::from_str(&r?)?);
    }
    Ok(uit)
}

/// The reviews before a reset, to keep them in the fresh training database.
pub fn alle_rijen(conn: &Connection) -> rusqlite::Result<Vec<[String; 8]>> {
    let mut st = conn.prepare(
        "SELECT id, trainee, scenario, gestart_op, afgerond_op, goed, totaal, inhoud
         FROM training_review",
    )?;
    st.query_map([], |r| {
        Ok([
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get::<_, i64>(5)?.to_string(),
            r.get::<_, i64>(6)?.to_string(),
            r.get(7)?,
        ])
    })?
    .collect()
}

pub fn zet_rijen(conn: &Connection, rijen: &[[String; 8]]) -> rusqlite::Result<()> {
    for r in rijen {
        conn.execute(
            "INSERT OR IGNORE INTO training_review
               (id, trainee, scenario, gestart_op, afgerond_op, goed, totaal, inhoud)
             VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS INTEGER), CAST(?7 AS INTEGER), ?8)",
            params![r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_training_database_is_marked_and_finds_the_personas() {
        let dir = tempfile::tempdir().unwrap();
        let pad = dir.path().join("t.db");
        crate::demo::klein(
            &pad,
            3,
            3,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        );
        let store = crate::store::Store::open(&pad, Uuid::now_v7()).unwrap();
        assert!(!is_training(store.conn()).unwrap());
        markeer(store.conn()).unwrap();
        assert!(is_training(store.conn()).unwrap());
        let (id, tel) = klant(store.conn(), "Jan de Vries")
            .unwrap()
            .expect("a persona");
        assert!(!id.is_nil());
        assert!(tel.is_some_and(|t| t.starts_with('0')));
        assert!(klant(store.conn(), "Albert Hoekstra").unwrap().is_some());
        assert!(klant(store.conn(), "Niemand Bestaat").unwrap().is_none());
        // A persona without a number gets one.
        let (id, _) = klant(store.conn(), "Albert Hoekstra").unwrap().unwrap();
        store
            .conn()
            .execute(
                "DELETE FROM digitaal_adres WHERE partij_id = ?1",
                [id.to_string()],
            )
            .unwrap();
        assert_eq!(
            klant(store.conn(), "Albert Hoekstra").unwrap().unwrap().1,
            None
        );
        telefoon_zeker(store.conn(), "Albert Hoekstra").unwrap();
        assert!(
            klant(store.conn(), "Albert Hoekstra")
                .unwrap()
                .unwrap()
                .1
                .is_some()
        );
    }
}
