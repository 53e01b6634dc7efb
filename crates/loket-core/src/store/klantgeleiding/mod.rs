//! Visitors at the counter: check-in with a ticket number (per dienst prefix, restarting each
//! day, never repeated at a location within a day), the day's list, and each step of a bezoek.

use chrono::{DateTime, Local, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use super::{Store, parse_ts};
use crate::domain::RecordMeta;
use crate::domain::klantgeleiding::{
    Baliestand, Bezoek, Bezoeker, DagAfspraak, IN_BEHANDELING, OPGEROEPEN, Verloren, Verwacht,
    WACHTEND, baliestand_id, roep_op, ticketnummer, volgorde,
};

/// The next ticket for `prefix` today at `locatie`: the prefix to print and the number (read
/// inside the writing transaction; the unique index refuses a number given twice).
///
/// A desk that syncs takes numbers from the blocks the shared database leased to it for this
/// location, day and prefix, so desks never hand out the same number, also offline. When its
/// blocks are used up and no new one could be leased (offline), it falls back to numbers of its
/// own: the prefix with the desk's number ("S2-001"). A desk on its own counts on from the
/// highest number of the day.
fn volgend_nummer(
    conn: &Connection,
    locatie: &str,
    dag: NaiveDate,
    prefix: &str,
) -> rusqlite::Result<(String, i64)> {
    let hoogste = |p: &str, van: i64, tot: i64| -> rusqlite::Result<i64> {
        conn.query_row(
            "SELECT coalesce(max(volgnummer), 0) FROM bezoek
             WHERE locatie = ?1 AND dag = ?2 AND nummer LIKE ?3 AND volgnummer BETWEEN ?4 AND ?5",
            params![locatie, dag.to_string(), format!("{p}-%"), van, tot],
            |r| r.get(0),
        )
    };
    let desk_nummer: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'desk_nummer'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let Some(desk_nummer) = desk_nummer else {
        return Ok((prefix.to_string(), hoogste(prefix, 0, i64::MAX)? + 1));
    };
    let mut st = conn.prepare_cached(
        "SELECT van, tot FROM ticket_blok WHERE locatie = ?1 AND dag = ?2 AND prefix = ?3
         ORDER BY van",
    )?;
    let blokken: Vec<(i64, i64)> = st
        .query_map(params![locatie, dag.to_string(), prefix], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (van, tot) in blokken {
        let n = hoogste(prefix, van, tot)?.max(van - 1) + 1;
        if n <= tot {
            return Ok((prefix.to_string(), n));
        }
    }
    let eigen = format!("{prefix}{desk_nummer}");
    Ok((eigen.clone(), hoogste(&eigen, 0, i64::MAX)? + 1))
}

/// How many numbers this desk has left in its leased blocks for `prefix` (for the sync task,
/// which leases a new block before they run out).
pub fn ticket_ruimte(
    conn: &Connection,
    locatie: &str,
    dag: NaiveDate,
    prefix: &str,
) -> rusqlite::Result<i64> {
    let mut st = conn.prepare_cached(
        "SELECT van, tot FROM ticket_blok WHERE locatie = ?1 AND dag = ?2 AND prefix = ?3",
    )?;
    let blokken: Vec<(i64, i64)> = st
        .query_map(params![locatie, dag.to_string(), prefix], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut ruimte = 0;
    for (van, tot) in blokken {
        let hoogste: i64 = conn.query_row(
            "SELECT coalesce(max(volgnummer), 0) FROM bezoek
             WHERE locatie = ?1 AND dag = ?2 AND nummer LIKE ?3 AND volgnummer BETWEEN ?4 AND ?5",
            params![locatie, dag.to_string(), format!("{prefix}-%"), van, tot],
            |r| r.get(0),
        )?;
        ruimte += tot - hoogste.max(van - 1);
    }
    Ok(ruimte)
}

/// A visitor just arrived: waiting, with ticket `prefix`-`volgnummer`.
fn nieuw_bezoek(
    meta: RecordMeta,
    locatie: &str,
    dag: NaiveDate,
    prefix: &str,
    volgnummer: i64,
    dienst: &str,
    partij_id: Option<Uuid>,
) -> Bezoek {
    Bezoek {
        aangekomen_op: meta.created_at,
        meta,
        dag,
        locatie: locatie.to_string(),
        nummer: ticketnummer(prefix, volgnummer),
        volgnummer,
        dienst: dienst.to_string(),
        partij_id,
        opgeroepen_op: None,
        oproepen: 0,
        balie: None,
        geholpen_op: None,
        klaar_op: None,
        status: WACHTEND.into(),
        afspraak_id: None,
        afspraak_op: None,
    }
}

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
    let (prefix, volgende) = volgend_nummer(batch.conn(), locatie, dag, prefix)?;
    let mut b = nieuw_bezoek(
        RecordMeta::new(now, desk),
        locatie,
        dag,
        &prefix,
        volgende,
        dienst,
        partij_id,
    );
    batch.save(&mut b)?;
    batch.commit()?;
    Ok(b)
}

/// Check in a visitor with an afspraak: a ticket (the dienst's prefix, else "A"), placed at
/// the afspraak's balie at its time, and the afspraak marked aanwezig, in one transaction.
pub fn afspraak_inchecken(
    store: &mut Store,
    locatie: &str,
    afspraak: &DagAfspraak,
    now: DateTime<Utc>,
) -> anyhow::Result<Bezoek> {
    let prefix: String = store
        .conn()
        .query_row(
            "SELECT prefix FROM dienst WHERE naam = ?1 AND deleted = 0",
            [&afspraak.product],
            |r| r.get(0),
        )
        .unwrap_or_else(|_| "A".into());
    let dag = now.with_timezone(&Local).date_naive();
    let desk = store.desk_id();
    let mut batch = store.batch(now)?;
    // Claimed, not assumed: only a planned afspraak is checked in, once (two receptie desks
    // checking in the same klant at once: the second is told and no second ticket is made).
    let gepland = batch.conn().execute(
        "UPDATE afspraak SET status = 'aanwezig' WHERE id = ?1 AND status = 'gepland' AND deleted = 0",
        [afspraak.id.to_string()],
    )?;
    if gepland == 0 {
        let ticket: Option<String> = batch
            .conn()
            .query_row(
                "SELECT nummer FROM bezoek WHERE afspraak_id = ?1 AND deleted = 0 LIMIT 1",
                [afspraak.id.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        let status: Option<String> = batch
            .conn()
            .query_row(
                "SELECT status FROM afspraak WHERE id = ?1",
                [afspraak.id.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        anyhow::bail!(match (ticket, status) {
            (Some(t), _) => format!("deze afspraak is al ingecheckt (ticket {t})"),
            (None, Some(s)) => format!("deze afspraak is niet meer gepland (nu: {s})"),
            (None, None) => "deze afspraak bestaat niet".to_string(),
        });
    }
    let mut a: crate::domain::afspraken::Afspraak = {
        let conn = batch.conn();
        conn.query_row(
            "SELECT id, created_at, desk_id, partij_id, product, locatie, medewerker_id, begin_op,
                    eind_op, bevestiging FROM afspraak WHERE id = ?1",
            [afspraak.id.to_string()],
            |r| {
                let uuid = |s: String| Uuid::parse_str(&s).unwrap_or_default();
                Ok(crate::domain::afspraken::Afspraak {
                    meta: RecordMeta {
                        id: uuid(r.get(0)?),
                        created_at: ts_opt(r.get(1)?).unwrap_or_default(),
                        updated_at: now,
                        desk_id: uuid(r.get(2)?),
                        deleted: false,
                    },
                    partij_id: r.get::<_, Option<String>>(3)?.map(uuid),
                    product: r.get(4)?,
                    locatie: r.get(5)?,
                    medewerker_id: r.get::<_, Option<String>>(6)?.map(uuid),
                    begin_op: ts_opt(r.get(7)?).unwrap_or_default(),
                    eind_op: ts_opt(r.get(8)?).unwrap_or_default(),
                    status: "aanwezig".into(),
                    bevestiging: r.get(9)?,
                    reden: None,
                    verzet_van: None,
                })
            },
        )?
    };
    let (prefix, volgende) = volgend_nummer(batch.conn(), locatie, dag, &prefix)?;
    let mut b = Bezoek {
        balie: Some(afspraak.locatie.clone()),
        afspraak_id: Some(afspraak.id),
        afspraak_op: Some(afspraak.begin_op),
        ..nieuw_bezoek(
            RecordMeta::new(now, desk),
            locatie,
            dag,
            &prefix,
            volgende,
            &afspraak.product,
            afspraak.partij_id,
        )
    };
    batch.save(&mut b)?;
    batch.save(&mut a)?;
    batch.commit()?;
    Ok(b)
}

/// Today's afspraken that are still to come in (gepland), with the klant's name, by time.
pub fn afspraken_vandaag(conn: &Connection, dag: NaiveDate) -> rusqlite::Result<Vec<DagAfspraak>> {
    afspraken_op(conn, dag, true)
}

/// The day agenda: every afspraak of `dag` (cancelled and rescheduled ones left out), by time.
pub fn dagagenda(conn: &Connection, dag: NaiveDate) -> rusqlite::Result<Vec<DagAfspraak>> {
    afspraken_op(conn, dag, false)
}

fn afspraken_op(
    conn: &Connection,
    dag: NaiveDate,
    alleen_gepland: bool,
) -> rusqlite::Result<Vec<DagAfspraak>> {
    let van = dag
        .and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(Local).earliest())
        .map(|t| super::ts(t.with_timezone(&Utc)))
        .unwrap_or_default();
    let tot = (dag + chrono::Duration::days(1))
        .and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(Local).earliest())
        .map(|t| super::ts(t.with_timezone(&Utc)))
        .unwrap_or_default();
    let mut st = conn.prepare_cached(
        "SELECT a.id, a.begin_op, a.product, a.locatie, a.partij_id, a.status,
                p.soort_partij, p.voornamen, p.voorvoegsel_achternaam, p.achternaam, p.statutaire_naam,
                a.eind_op, m.naam
         FROM afspraak a LEFT JOIN partij p ON p.id = a.partij_id
         LEFT JOIN medewerker m ON m.id = a.medewerker_id
         WHERE a.begin_op >= ?1 AND a.begin_op < ?2 AND a.deleted = 0
           AND (a.status = 'gepland' OR (?3 = 0 AND a.status NOT IN ('geannuleerd', 'verzet', 'geweigerd')))
         ORDER BY a.begin_op, a.locatie",
    )?;
    st.query_map(rusqlite::params![van, tot, alleen_gepland], |r| {
        let klant = if r.get::<_, Option<String>>(6)?.as_deref() == Some("organisatie") {
            r.get::<_, Option<String>>(10)?.unwrap_or_default()
        } else {
            crate::domain::klant::volledige_naam(
                r.get::<_, Option<String>>(7)?.as_deref(),
                r.get::<_, Option<String>>(8)?.as_deref(),
                r.get::<_, Option<String>>(9)?.as_deref(),
            )
        };
        Ok(DagAfspraak {
            id: Uuid::parse_str(&r.get::<_, String>(0)?).unwrap_or_default(),
            begin_op: ts_opt(r.get(1)?).unwrap_or_default(),
            eind_op: ts_opt(r.get(11)?).unwrap_or_default(),
            medewerker: r.get(12)?,
            product: r.get(2)?,
            locatie: r.get(3)?,
            partij_id: r
                .get::<_, Option<String>>(4)?
                .and_then(|s| Uuid::parse_str(&s).ok()),
            klant,
            status: r.get(5)?,
        })
    })?
    .collect()
}

/// Register a visitor for staff (not a klant): in the building from now.
pub fn bezoeker_binnen(
    store: &mut Store,
    locatie: &str,
    naam: &str,
    voor_wie: &str,
    bedrijf: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<Bezoeker> {
    let naam = naam.trim();
    let voor_wie = voor_wie.trim();
    anyhow::ensure!(!naam.is_empty(), "vul de naam van de bezoeker in");
    anyhow::ensure!(!voor_wie.is_empty(), "vul in voor wie de bezoeker komt");
    let mut b = Bezoeker {
        meta: RecordMeta::new(now, store.desk_id()),
        locatie: locatie.to_string(),
        dag: now.with_timezone(&Local).date_naive(),
        naam: naam.to_string(),
        voor_wie: voor_wie.to_string(),
        bedrijf: bedrijf
            .map(str::trim)
            .filter(|b| !b.is_empty())
            .map(String::from),
        binnen_op: now,
        buiten_op: None,
    };
    store.save(&mut b, now)?;
    Ok(b)
}

/// The visitor left: their out time.
pub fn bezoeker_buiten(
    store: &mut Store,
    mut b: Bezoeker,
    now: DateTime<Utc>,
) -> anyhow::Result<Bezoeker> {
    b.buiten_op = Some(now);
    store.save(&mut b, now)?;
    Ok(b)
}

/// Who is in the building at `locatie` (not signed out, also from an earlier day), by arrival.
pub fn in_gebouw(conn: &Connection, locatie: &str) -> rusqlite::Result<Vec<Bezoeker>> {
    let mut st = conn.prepare_cached(
        "SELECT id, created_at, updated_at, desk_id, dag, naam, voor_wie, bedrijf, binnen_op
         FROM bezoeker WHERE locatie = ?1 AND buiten_op IS NULL AND deleted = 0
         ORDER BY binnen_op",
    )?;
    st.query_map([locatie], |r| {
        Ok(Bezoeker {
            meta: RecordMeta {
                id: Uuid::parse_str(&r.get::<_, String>(0)?).unwrap_or_default(),
                created_at: ts_opt(r.get(1)?).unwrap_or_default(),
                updated_at: ts_opt(r.get(2)?).unwrap_or_default(),
                desk_id: Uuid::parse_str(&r.get::<_, String>(3)?).unwrap_or_default(),
                deleted: false,
            },
            locatie: locatie.to_string(),
            dag: r
                .get::<_, String>(4)?
                .parse()
                .unwrap_or_else(|_| Local::now().date_naive()),
            naam: r.get(5)?,
            voor_wie: r.get(6)?,
            bedrijf: r.get(7)?,
            binnen_op: ts_opt(r.get(8)?).unwrap_or_default(),
            buiten_op: None,
        })
    })?
    .collect()
}

fn ts_opt(s: Option<String>) -> Option<DateTime<Utc>> {
    s.as_deref().and_then(parse_ts)
}

/// The columns [`bezoek_uit_rij`] reads, in its order.
const BEZOEK_KOLOMMEN: &str =
    "id, created_at, updated_at, desk_id, dag, nummer, volgnummer, dienst,
    partij_id, aangekomen_op, opgeroepen_op, oproepen, balie, geholpen_op, klaar_op, status,
    afspraak_id, afspraak_op, locatie";

fn bezoek_uit_rij(r: &rusqlite::Row<'_>) -> rusqlite::Result<Bezoek> {
    let uuid = |s: Option<String>| s.and_then(|s| Uuid::parse_str(&s).ok());
    Ok(Bezoek {
        meta: RecordMeta {
            id: uuid(r.get(0)?).unwrap_or_default(),
            created_at: ts_opt(r.get(1)?).unwrap_or_default(),
            updated_at: ts_opt(r.get(2)?).unwrap_or_default(),
            desk_id: uuid(r.get(3)?).unwrap_or_default(),
            deleted: false,
        },
        dag: r
            .get::<_, String>(4)?
            .parse()
            .unwrap_or_else(|_| Local::now().date_naive()),
        locatie: r.get(18)?,
        nummer: r.get(5)?,
        volgnummer: r.get(6)?,
        dienst: r.get(7)?,
        partij_id: uuid(r.get(8)?),
        aangekomen_op: ts_opt(r.get(9)?).unwrap_or_default(),
        opgeroepen_op: ts_opt(r.get(10)?),
        oproepen: r.get(11)?,
        balie: r.get(12)?,
        geholpen_op: ts_opt(r.get(13)?),
        klaar_op: ts_opt(r.get(14)?),
        status: r.get(15)?,
        afspraak_id: uuid(r.get(16)?),
        afspraak_op: ts_opt(r.get(17)?),
    })
}

/// Today's bezoeken at `locatie` that are not finished, in order of arrival.
pub fn open_bezoeken(
    conn: &Connection,
    locatie: &str,
    dag: NaiveDate,
) -> rusqlite::Result<Vec<Bezoek>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {BEZOEK_KOLOMMEN} FROM bezoek
         WHERE locatie = ?1 AND dag = ?2 AND deleted = 0 AND status NOT IN ('klaar', 'no_show')
         ORDER BY aangekomen_op"
    ))?;
    st.query_map(params![locatie, dag.to_string()], bezoek_uit_rij)?
        .collect()
}

/// One bezoek as stored now (also a finished one), or None.
pub fn bezoek(conn: &Connection, id: Uuid) -> rusqlite::Result<Option<Bezoek>> {
    conn.query_row(
        &format!("SELECT {BEZOEK_KOLOMMEN} FROM bezoek WHERE id = ?1 AND deleted = 0"),
        [id.to_string()],
        bezoek_uit_rij,
    )
    .optional()
}

/// What call-next did: the visitor this balie now calls (None: nobody waits for it), and the
/// visitors it tried first that another desk had just claimed (their numbers, for the notice).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Oproep {
    pub bezoek: Option<Bezoek>,
    pub verloren: Vec<Verloren>,
}

/// Why call-next did not call anyone although someone may wait.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NietOproepen {
    /// The store says this balie still serves a visitor (also after a restart).
    #[error("Rond eerst {0} af: k klaar, of x niet verschenen na twee keer oproepen.")]
    BalieBezet(String),
}

/// Compare-and-set on a bezoek's stored state, inside `batch`: the row changes to `b` only when
/// it still has the status and balie the desk saw (`UPDATE … WHERE status = ? AND balie IS ?`,
/// and the row count checked). On a loss nothing is written and the caller drops the batch.
fn claim(
    batch: &mut super::Batch<'_>,
    b: &mut Bezoek,
    verwacht: &Verwacht,
) -> anyhow::Result<Result<(), Verloren>> {
    let n = batch.conn().execute(
        "UPDATE bezoek SET status = ?2, balie = ?3
         WHERE id = ?1 AND deleted = 0 AND status = ?4 AND balie IS ?5",
        params![
            b.meta.id.to_string(),
            b.status,
            b.balie,
            verwacht.status,
            verwacht.balie
        ],
    )?;
    if n != 1 {
        let nu = bezoek(batch.conn(), b.meta.id)?.map(|x| (x.status, x.balie));
        return Ok(Err(Verloren {
            nummer: b.nummer.clone(),
            nu,
        }));
    }
    // A balie serves one visitor at a time, also as the stored rows say (a desk whose list was
    // stale resuming a parked visitor while it still had another): the step is refused, and
    // the caller's transaction rolls back.
    if (b.status == OPGEROEPEN || b.status == IN_BEHANDELING)
        && let Some(balie) = b.balie.as_deref()
    {
        let ander: Option<(String, String)> = batch
            .conn()
            .query_row(
                "SELECT nummer, status FROM bezoek
                 WHERE balie = ?1 AND id <> ?2 AND deleted = 0
                   AND status IN ('opgeroepen', 'in_behandeling') AND dag = ?3",
                params![balie, b.meta.id.to_string(), b.dag.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((nummer, status)) = ander {
            return Ok(Err(Verloren {
                nummer,
                nu: Some((status, Some(balie.to_string()))),
            }));
        }
    }
    // The precondition travels with the operation: the shared database judges it again.
    let voorwaarde = serde_json::json!({ "status": verwacht.status, "balie": verwacht.balie });
    batch.save_onder(b, Some(&voorwaarde))?;
    Ok(Ok(()))
}

/// Call the next visitor for balie `balie` at `locatie`: the store decides, not the desk's
/// list. In one IMMEDIATE transaction it reads who waits now, orders them as
/// [`volgorde`] says and claims the first with a compare-and-set on `status = 'wachtend'`
/// (the row and its outbox entry in the same transaction); a visitor another desk claimed
/// first is skipped and reported in `verloren`, and the next one is tried. Refused while the
/// stored state says this balie still serves someone.
pub fn roep_volgende(
    store: &mut Store,
    locatie: &str,
    balie: &str,
    diensten: &[String],
    now: DateTime<Utc>,
) -> anyhow::Result<Result<Oproep, NietOproepen>> {
    let dag = now.with_timezone(&Local).date_naive();
    let mut batch = store.batch(now)?;
    let open = open_bezoeken(batch.conn(), locatie, dag)?;
    if let Some(h) = open.iter().find(|b| {
        b.balie.as_deref() == Some(balie) && (b.status == OPGEROEPEN || b.status == IN_BEHANDELING)
    }) {
        return Ok(Err(NietOproepen::BalieBezet(h.nummer.clone())));
    }
    let mut verloren = Vec::new();
    for kandidaat in volgorde(&open, balie, diensten, now) {
        let verwacht = Verwacht::van(kandidaat);
        let mut b = roep_op(kandidaat, balie, now);
        match claim(&mut batch, &mut b, &verwacht)? {
            Ok(()) => {
                batch.commit()?;
                return Ok(Ok(Oproep {
                    bezoek: Some(b),
                    verloren,
                }));
            }
            Err(v) => verloren.push(v),
        }
    }
    Ok(Ok(Oproep {
        bezoek: None,
        verloren,
    }))
}

/// Save a bezoek's next step (recall, start, finish, no-show, send on, park, resume) only when
/// the stored bezoek still is as the desk saw it (`verwacht`): a compare-and-set with its
/// outbox entry in one transaction. Lost: nothing written, and where it stands now.
pub fn overgang(
    store: &mut Store,
    b: &mut Bezoek,
    verwacht: &Verwacht,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<(), Verloren>> {
    let mut batch = store.batch(now)?;
    let uitkomst = claim(&mut batch, b, verwacht)?;
    if uitkomst.is_ok() {
        batch.commit()?;
    }
    Ok(uitkomst)
}

/// Sign balie `balie` at `locatie` in (or out) as of `now`: its one record of the day, written
/// with its outbox entry. Signing in again keeps the record (and its first `created_at`).
pub fn zet_balie(
    store: &mut Store,
    locatie: &str,
    balie: &str,
    aangemeld: bool,
    medewerker: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<Baliestand> {
    let dag = now.with_timezone(&Local).date_naive();
    let mut meta = RecordMeta::new(now, store.desk_id());
    meta.id = baliestand_id(locatie, balie, dag);
    let mut b = Baliestand {
        meta,
        locatie: locatie.to_string(),
        balie: balie.to_string(),
        dag,
        aangemeld,
        sinds: now,
        medewerker: medewerker.map(String::from),
    };
    store.save(&mut b, now)?;
    Ok(b)
}

/// The balies signed in at `locatie` on `dag`, by name.
pub fn aangemelde_balies(
    conn: &Connection,
    locatie: &str,
    dag: NaiveDate,
) -> rusqlite::Result<Vec<String>> {
    let mut st = conn.prepare_cached(
        "SELECT DISTINCT balie FROM balie_stand
         WHERE locatie = ?1 AND dag = ?2 AND aangemeld = 1 AND deleted = 0 ORDER BY balie",
    )?;
    st.query_map(params![locatie, dag.to_string()], |r| r.get(0))?
        .collect()
}

/// Per dienst, the time a visitor was helped today (seconds), from finished bezoeken, by
/// `kpi::behandeltijd` (handlings of 0 s left out); a dienst with only those is not listed.
pub fn behandeltijden(
    conn: &Connection,
    locatie: &str,
    dag: NaiveDate,
) -> rusqlite::Result<Vec<(String, i64)>> {
    let mut st = conn.prepare_cached(
        "SELECT dienst, (julianday(klaar_op) - julianday(geholpen_op)) * 86400.0
         FROM bezoek
         WHERE locatie = ?1 AND dag = ?2 AND deleted = 0 AND status = 'klaar'
           AND geholpen_op IS NOT NULL AND klaar_op IS NOT NULL
         ORDER BY dienst",
    )?;
    let rijen: Vec<(String, f64)> = st
        .query_map(params![locatie, dag.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut uit: Vec<(String, i64)> = Vec::new();
    let mut i = 0;
    while i < rijen.len() {
        let dienst = &rijen[i].0;
        let duren: Vec<i64> = rijen[i..]
            .iter()
            .take_while(|(d, _)| d == dienst)
            .map(|(_, s)| s.round() as i64)
            .collect();
        i += duren.len();
        if let Some(t) = crate::domain::kpi::behandeltijd(&duren) {
            uit.push((dienst.clone(), t));
        }
    }
    Ok(uit)
}

/// What the waiting-room display shows: the last numbers called (newest first) with their balie,
/// and how many wait per dienst. No names, ever: none are read. See [`oproepen_op`].
pub fn oproepen(
    conn: &Connection,
    locatie: &str,
    dag: NaiveDate,
) -> rusqlite::Result<crate::domain::klantgeleiding::Oproepscherm> {
    oproepen_op(conn, locatie, dag, Utc::now())
}

/// How long the hall screen holds back a call the server has not judged yet (as the balie
/// waits for its verdict before it announces the call).
const OPROEP_ONBESLIST: chrono::TimeDelta = chrono::TimeDelta::seconds(2);
/// A file whose last sync round succeeded this recently counts as online.
const ONLINE: chrono::TimeDelta = chrono::TimeDelta::seconds(5);

/// [`oproepen`] as of `nu`. On a synced desk's file that is online (its last round succeeded
/// within a few seconds), a call whose claim is still in the outbox is not shown until the
/// server accepted it (the claim handed in) or `OPROEP_ONBESLIST` has passed (the balie then
/// announces it from its own file too): so the hall never shows a call the server refuses,
/// except for the moment between the verdict and the server's state in the file. A file that
/// never synced, or is offline, shows its calls at once.
pub fn oproepen_op(
    conn: &Connection,
    locatie: &str,
    dag: NaiveDate,
    nu: DateTime<Utc>,
) -> rusqlite::Result<crate::domain::klantgeleiding::Oproepscherm> {
    let mut st = conn.prepare_cached(
        "SELECT nummer, coalesce(balie, ''), oproepen FROM bezoek
         WHERE locatie = ?1 AND dag = ?2 AND deleted = 0 AND opgeroepen_op IS NOT NULL
           AND status IN ('opgeroepen', 'in_behandeling')
           AND NOT (
             EXISTS (SELECT 1 FROM meta WHERE key = 'sync_laatst_ok' AND value >= ?3)
             AND EXISTS (
               SELECT 1 FROM outbox o
               WHERE o.uploaded_at IS NULL AND o.table_name = 'bezoek'
                 AND o.record_id = bezoek.id
                 AND json_extract(o.verwacht, '$.status') = 'wachtend'
                 AND o.created_at > ?4 AND o.created_at < ?5))
         ORDER BY opgeroepen_op DESC LIMIT 6",
    )?;
    let online_sinds = super::ts(nu - ONLINE);
    let (van, tot) = (
        super::ts(nu - OPROEP_ONBESLIST),
        super::ts(nu + OPROEP_ONBESLIST),
    );
    let opgeroepen = st
        .query_map(
            params![locatie, dag.to_string(), online_sinds, van, tot],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?
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
mod tests;
