//! The till: payments with a receipt number unique across balies and days, a balie's day with
//! its totals, and the cash-up that closes the day. The database refuses a payment on a closed
//! day and any change to a payment or a closed day (migration 9); the checks here come first to
//! say why in Dutch.

use chrono::{DateTime, Local, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use super::{Store, parse_ts};
use crate::domain::RecordMeta;
use crate::domain::kas::{Betaling, Kasopmaak, Methode, Totalen, bonnummer};

#[derive(Debug, thiserror::Error)]
pub enum KasFout {
    #[error("de kasdag van {0} is al afgesloten; een correctie boekt u op een open dag")]
    DagGesloten(String),
    #[error("de betaling die u corrigeert bestaat niet")]
    OnbekendeBetaling,
    #[error("geef een reden voor de correctie")]
    RedenNodig,
    #[error("vul een product in")]
    ProductNodig,
    #[error("een betaling van nul euro wordt niet geboekt")]
    Nul,
    #[error("alleen een correctie mag een negatief bedrag hebben")]
    Negatief,
    /// Another correction of the same payment came first (bon number of that correction).
    #[error("deze betaling is al gecorrigeerd met bon {0}; een tweede correctie is niet geboekt")]
    AlGecorrigeerd(String),
    #[error(transparent)]
    Opslag(#[from] anyhow::Error),
}

impl From<rusqlite::Error> for KasFout {
    fn from(e: rusqlite::Error) -> Self {
        KasFout::Opslag(e.into())
    }
}

/// What is asked to be paid.
#[derive(Debug, Clone, PartialEq)]
pub struct NieuweBetaling {
    pub balie: String,
    pub product: String,
    pub bedrag_cent: i64,
    pub methode: Methode,
    pub medewerker: String,
    pub bezoek_id: Option<Uuid>,
    pub partij_id: Option<Uuid>,
    pub correctie_van: Option<Uuid>,
    pub reden: Option<String>,
}

fn gesloten(conn: &Connection, balie: &str, dag: NaiveDate) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT count(*) FROM kasopmaak WHERE balie = ?1 AND dag = ?2",
        params![balie, dag.to_string()],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n > 0)
}

/// Register a payment (or a correction) today at the balie: the next receipt number, written
/// with its outbox entry in one transaction.
pub fn betaal(
    store: &mut Store,
    nieuw: &NieuweBetaling,
    now: DateTime<Utc>,
) -> Result<Betaling, KasFout> {
    if nieuw.product.trim().is_empty() {
        return Err(KasFout::ProductNodig);
    }
    if nieuw.bedrag_cent == 0 {
        return Err(KasFout::Nul);
    }
    let reden = nieuw
        .reden
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    match (nieuw.correctie_van, reden) {
        (Some(_), None) => return Err(KasFout::RedenNodig),
        (None, _) if nieuw.bedrag_cent < 0 => return Err(KasFout::Negatief),
        _ => {}
    }
    let dag = now.with_timezone(&Local).date_naive();
    let desk = store.desk_id();
    let mut batch = store.batch(now)?;
    if gesloten(batch.conn(), &nieuw.balie, dag)? {
        return Err(KasFout::DagGesloten(dag.format("%d-%m-%Y").to_string()));
    }
    if let Some(id) = nieuw.correctie_van {
        let bestaat: Option<i64> = batch
            .conn()
            .query_row(
                "SELECT 1 FROM kas_betaling WHERE id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        if bestaat.is_none() {
            return Err(KasFout::OnbekendeBetaling);
        }
        // One correction per payment, claimed inside this write transaction (two balies
        // correcting the same payment at once: the second is told).
        let eerder: Option<String> = batch
            .conn()
            .query_row(
                "SELECT bonnummer FROM kas_betaling
                 WHERE correctie_van = ?1 AND deleted = 0 ORDER BY created_at LIMIT 1",
                [id.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(bon) = eerder {
            return Err(KasFout::AlGecorrigeerd(bon));
        }
    }
    let volgnummer: i64 = batch.conn().query_row(
        "SELECT coalesce(max(volgnummer), 0) + 1 FROM kas_betaling WHERE balie = ?1 AND dag = ?2",
        params![nieuw.balie, dag.to_string()],
        |r| r.get(0),
    )?;
    let mut b = Betaling {
        meta: RecordMeta::new(now, desk),
        balie: nieuw.balie.clone(),
        dag,
        volgnummer,
        bonnummer: bonnummer(&nieuw.balie, dag, volgnummer),
        product: nieuw.product.trim().to_string(),
        bedrag_cent: nieuw.bedrag_cent,
        methode: nieuw.methode,
        medewerker: nieuw.medewerker.clone(),
        bezoek_id: nieuw.bezoek_id,
        partij_id: nieuw.partij_id,
        correctie_van: nieuw.correctie_van,
        reden: reden.map(String::from),
    };
    batch.save(&mut b)?;
    batch.commit()?;
    Ok(b)
}

/// A balie's day: its payments in order and, once closed, the cash-up.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Kasdag {
    pub betalingen: Vec<Betaling>,
    pub opmaak: Option<Kasopmaak>,
}

impl Kasdag {
    pub fn totalen(&self) -> Totalen {
        Totalen::van(&self.betalingen)
    }
}

fn uuid(s: Option<String>) -> Option<Uuid> {
    s.and_then(|s| Uuid::parse_str(&s).ok())
}

fn meta(r: &rusqlite::Row) -> rusqlite::Result<RecordMeta> {
    Ok(RecordMeta {
        id: uuid(r.get(0)?).unwrap_or_default(),
        created_at: parse_ts(&r.get::<_, String>(1)?).unwrap_or_default(),
        updated_at: parse_ts(&r.get::<_, String>(2)?).unwrap_or_default(),
        desk_id: uuid(r.get(3)?).unwrap_or_default(),
        deleted: false,
    })
}

pub fn kasdag(conn: &Connection, balie: &str, dag: NaiveDate) -> rusqlite::Result<Kasdag> {
    let mut st = conn.prepare_cached(
        "SELECT id, created_at, updated_at, desk_id, volgnummer, bonnummer, product, bedrag_cent,
                methode, medewerker, bezoek_id, partij_id, correctie_van, reden
         FROM kas_betaling WHERE balie = ?1 AND dag = ?2 AND deleted = 0 ORDER BY volgnummer",
    )?;
    let betalingen = st
        .query_map(params![balie, dag.to_string()], |r| {
            Ok(Betaling {
                meta: meta(r)?,
                balie: balie.to_string(),
                dag,
                volgnummer: r.get(4)?,
                bonnummer: r.get(5)?,
                product: r.get(6)?,
                bedrag_cent: r.get(7)?,
                methode: Methode::parse(&r.get::<_, String>(8)?).unwrap_or(Methode::Pin),
                medewerker: r.get(9)?,
                bezoek_id: uuid(r.get(10)?),
                partij_id: uuid(r.get(11)?),
                correctie_van: uuid(r.get(12)?),
                reden: r.get(13)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let opmaak = conn
        .query_row(
            "SELECT id, created_at, updated_at, desk_id, contant_verwacht_cent, contant_geteld_cent,
                    pin_cent, verschil_cent, betalingen, medewerker, gesloten_op
             FROM kasopmaak WHERE balie = ?1 AND dag = ?2",
            params![balie, dag.to_string()],
            |r| {
                Ok(Kasopmaak {
                    meta: meta(r)?,
                    balie: balie.to_string(),
                    dag,
                    contant_verwacht_cent: r.get(4)?,
                    contant_geteld_cent: r.get(5)?,
                    pin_cent: r.get(6)?,
                    verschil_cent: r.get(7)?,
                    betalingen: r.get(8)?,
                    medewerker: r.get(9)?,
                    gesloten_op: parse_ts(&r.get::<_, String>(10)?).unwrap_or_default(),
                })
            },
        )
        .optional()?;
    Ok(Kasdag { betalingen, opmaak })
}

/// Close today's day at the balie: the totals computed inside the closing transaction (a
/// payment a moment earlier counts), the counted cash and the difference, signed by name.
pub fn sluit_dag(
    store: &mut Store,
    balie: &str,
    contant_geteld_cent: i64,
    medewerker: &str,
    now: DateTime<Utc>,
) -> Result<Kasopmaak, KasFout> {
    let dag = now.with_timezone(&Local).date_naive();
    let desk = store.desk_id();
    let mut batch = store.batch(now)?;
    if gesloten(batch.conn(), balie, dag)? {
        return Err(KasFout::DagGesloten(dag.format("%d-%m-%Y").to_string()));
    }
    let t = kasdag(batch.conn(), balie, dag)?.totalen();
    let mut k = Kasopmaak {
        meta: RecordMeta::new(now, desk),
        balie: balie.to_string(),
        dag,
        contant_verwacht_cent: t.contant_cent,
        contant_geteld_cent,
        pin_cent: t.pin_cent,
        verschil_cent: contant_geteld_cent.saturating_sub(t.contant_cent),
        betalingen: t.aantal,
        medewerker: medewerker.to_string(),
        gesloten_op: now,
    };
    batch.save(&mut k)?;
    batch.commit()?;
    Ok(k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nieuw(product: &str, cent: i64, methode: Methode) -> NieuweBetaling {
        NieuweBetaling {
            balie: "Snelbalie 1".into(),
            product: product.into(),
            bedrag_cent: cent,
            methode,
            medewerker: "Tess Bakker".into(),
            bezoek_id: None,
            partij_id: None,
            correctie_van: None,
            reden: None,
        }
    }

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(&dir.path().join("t.db"), Uuid::now_v7()).unwrap();
        (dir, s)
    }

    #[test]
    fn two_balies_correcting_the_same_payment_at_once_book_one_correction() {
        let dir = tempfile::tempdir().unwrap();
        let pad = dir.path().join("t.db");
        let now = Utc::now();
        let a = betaal(
            &mut Store::open(&pad, Uuid::now_v7()).unwrap(),
            &nieuw("Paspoort", 8035, Methode::Pin),
            now,
        )
        .unwrap();
        let start = std::sync::Arc::new(std::sync::Barrier::new(4));
        let uitkomsten: Vec<Result<Betaling, KasFout>> = (0..4)
            .map(|n| {
                let (pad, start) = (pad.clone(), start.clone());
                let id = a.meta.id;
                std::thread::spawn(move || {
                    let mut s = Store::open(&pad, Uuid::now_v7()).unwrap();
                    let mut c = nieuw("Paspoort", -8035, Methode::Pin);
                    c.balie = format!("Balie {n}");
                    c.correctie_van = Some(id);
                    c.reden = Some("dubbel aangeslagen".into());
                    start.wait();
                    betaal(&mut s, &c, now)
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|h| h.join().unwrap())
            .collect();
        let geboekt: Vec<&Betaling> = uitkomsten.iter().filter_map(|u| u.as_ref().ok()).collect();
        assert_eq!(geboekt.len(), 1, "{uitkomsten:?}");
        for u in &uitkomsten {
            if let Err(e) = u {
                assert!(matches!(e, KasFout::AlGecorrigeerd(bon) if *bon == geboekt[0].bonnummer));
                assert!(e.to_string().contains("al gecorrigeerd met bon"));
            }
        }
    }

    #[test]
    fn payments_get_receipt_numbers_and_the_cash_up_closes_the_day_for_good() {
        let (_d, mut s) = store();
        let now = Utc::now();
        let a = betaal(&mut s, &nieuw("Paspoort", 8035, Methode::Pin), now).unwrap();
        let b = betaal(
            &mut s,
            &nieuw("Uittreksel BRP", 1530, Methode::Contant),
            now,
        )
        .unwrap();
        assert!(a.bonnummer.starts_with("SNELBALIE1-") && a.bonnummer.ends_with("-001"));
        assert!(b.bonnummer.ends_with("-002"));
        // Another balie numbers on its own, and its receipts never equal these.
        let mut elders = nieuw("Uittreksel BRP", 1530, Methode::Pin);
        elders.balie = "Balie 2".into();
        let c = betaal(&mut s, &elders, now).unwrap();
        assert!(c.bonnummer.ends_with("-001") && c.bonnummer != a.bonnummer);
        // Wrong amount on a: corrected by a new entry with a reason, never by changing a.
        let mut fout = nieuw("Paspoort", -8035, Methode::Pin);
        assert!(matches!(betaal(&mut s, &fout, now), Err(KasFout::Negatief)));
        fout.correctie_van = Some(a.meta.id);
        assert!(matches!(
            betaal(&mut s, &fout, now),
            Err(KasFout::RedenNodig)
        ));
        fout.reden = Some("verkeerd product aangeslagen".into());
        let correctie = betaal(&mut s, &fout, now).unwrap();
        // Corrected a second time (another balie, the same form twice): refused, not booked.
        match betaal(&mut s, &fout, now) {
            Err(KasFout::AlGecorrigeerd(bon)) => assert_eq!(bon, correctie.bonnummer),
            other => panic!("{other:?}"),
        }
        // Cash-up: expected cash 15,30, counted 15,00: 0,30 short.
        let k = sluit_dag(&mut s, "Snelbalie 1", 1500, "Tess Bakker", now).unwrap();
        assert_eq!(
            (
                k.contant_verwacht_cent,
                k.pin_cent,
                k.verschil_cent,
                k.betalingen
            ),
            (1530, 0, -30, 3)
        );
        // Closed: no more payments, no second cash-up, no changes, also not in raw SQL.
        assert!(matches!(
            betaal(&mut s, &nieuw("Paspoort", 100, Methode::Pin), now),
            Err(KasFout::DagGesloten(_))
        ));
        assert!(matches!(
            sluit_dag(&mut s, "Snelbalie 1", 0, "Tess Bakker", now),
            Err(KasFout::DagGesloten(_))
        ));
        let conn = s.conn();
        assert!(
            conn.execute(
                "UPDATE kas_betaling SET bedrag_cent = 1 WHERE id = ?1",
                [a.meta.id.to_string()]
            )
            .is_err()
        );
        assert!(conn.execute("DELETE FROM kas_betaling", []).is_err());
        assert!(
            conn.execute("UPDATE kasopmaak SET contant_geteld_cent = 1530", [])
                .is_err()
        );
        assert!(conn.execute("DELETE FROM kasopmaak", []).is_err());
        let dag = kasdag(conn, "Snelbalie 1", now.with_timezone(&Local).date_naive()).unwrap();
        assert_eq!(dag.betalingen.len(), 3);
        assert_eq!(dag.opmaak.as_ref().map(|k| k.verschil_cent), Some(-30));
        // Balie 2's day is still open.
        betaal(&mut s, &elders, now).unwrap();
        // Every payment went out with its outbox entry.
        let n: i64 = s
            .conn()
            .query_row(
                "SELECT count(*) FROM outbox WHERE table_name IN ('kas_betaling', 'kasopmaak')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 6);
    }

    #[test]
    fn a_correction_must_point_at_a_real_payment_and_nothing_is_zero() {
        let (_d, mut s) = store();
        let mut c = nieuw("Paspoort", -100, Methode::Pin);
        c.correctie_van = Some(Uuid::now_v7());
        c.reden = Some("x".into());
        assert!(matches!(
            betaal(&mut s, &c, Utc::now()),
            Err(KasFout::OnbekendeBetaling)
        ));
        assert!(matches!(
            betaal(&mut s, &nieuw("Paspoort", 0, Methode::Pin), Utc::now()),
            Err(KasFout::Nul)
        ));
        assert!(matches!(
            betaal(&mut s, &nieuw("  ", 100, Methode::Pin), Utc::now()),
            Err(KasFout::ProductNodig)
        ));
    }
}
