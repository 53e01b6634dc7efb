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
        let wachtend = Verwacht::van(&a);
        a.status = "opgeroepen".into();
        a.oproepen = 1;
        a.balie = Some("Balie 5".into());
        a.opgeroepen_op = Some(now);
        overgang(&mut store, &mut a, &wachtend, now)
            .unwrap()
            .unwrap();
        b.status = "opgeroepen".into();
        b.oproepen = 2;
        b.balie = Some("Snelbalie 1".into());
        b.opgeroepen_op = Some(now + chrono::Duration::seconds(5));
        overgang(&mut store, &mut b, &wachtend, now)
            .unwrap()
            .unwrap();
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
    fn online_the_hall_screen_shows_a_call_once_the_server_took_it_or_the_bound_passed() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db"), Uuid::now_v7()).unwrap();
        let nu = ochtend();
        let dag = nu.with_timezone(&Local).date_naive();
        let ingecheckt = inchecken(&mut store, "Stadskantoor", "Ophalen", "S", None, nu).unwrap();
        let o = roep_volgende(&mut store, "Stadskantoor", "Balie 2", &[], nu)
            .unwrap()
            .unwrap();
        assert_eq!(o.bezoek.map(|b| b.meta.id), Some(ingecheckt.meta.id));
        let getoond = |t: DateTime<Utc>| {
            oproepen_op(store.conn(), "Stadskantoor", dag, t)
                .unwrap()
                .opgeroepen
                .into_iter()
                .map(|(n, _, _)| n)
                .collect::<Vec<String>>()
        };
        let half = nu + chrono::Duration::milliseconds(500);
        // A desk without sync (or never synced) shows its calls at once.
        assert_eq!(getoond(half), vec!["S-001"]);
        // Offline (the last round a minute ago): at once, too.
        let zet = |t: DateTime<Utc>| {
            store
                .conn()
                .execute(
                    "INSERT INTO meta (key, value) VALUES ('sync_laatst_ok', ?1)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [crate::store::ts(t)],
                )
                .unwrap();
        };
        zet(nu - chrono::Duration::minutes(1));
        assert_eq!(getoond(half), vec!["S-001"]);
        // Online: held back while the server has not taken the claim, up to the bound.
        zet(nu - chrono::Duration::seconds(1));
        assert!(getoond(half).is_empty());
        assert_eq!(
            getoond(nu + chrono::Duration::milliseconds(2500)),
            vec!["S-001"],
            "the bound passed: shown from this desk's file, as the balie announces it"
        );
        // The server took it (handed in): shown.
        store
            .conn()
            .execute(
                "UPDATE outbox SET uploaded_at = ?1 WHERE record_id = ?2",
                params![crate::store::ts(half), ingecheckt.meta.id.to_string()],
            )
            .unwrap();
        assert_eq!(getoond(half), vec!["S-001"]);
    }

    #[test]
    fn an_afspraak_checked_in_gets_a_ticket_for_its_balie_and_is_marked_aanwezig() {
        let dir = tempfile::tempdir().unwrap();
        let pad = dir.path().join("demo.db");
        // A Monday: the demo books afspraken on werkdagen.
        let vandaag = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let nu = Local
            .with_ymd_and_hms(2026, 11, 23, 9, 5, 0)
            .unwrap()
            .with_timezone(&Utc);
        crate::demo::klein(&pad, 7, 2, vandaag);
        let mut store = Store::open(&pad, Uuid::now_v7()).unwrap();
        let lijst = afspraken_vandaag(store.conn(), vandaag).unwrap();
        assert!(lijst.len() > 10, "the demo books afspraken on a Monday");
        let a = &lijst[0];
        assert!(!a.klant.is_empty());
        let b = afspraak_inchecken(&mut store, "Stadskantoor", a, nu).unwrap();
        assert_eq!(b.balie.as_deref(), Some(a.locatie.as_str()));
        assert_eq!(b.afspraak_op, Some(a.begin_op));
        assert_eq!(b.dienst, a.product);
        let status: String = store
            .conn()
            .query_row(
                "SELECT status FROM afspraak WHERE id = ?1",
                [a.id.to_string()],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(status, "aanwezig");
        assert!(
            !afspraken_vandaag(store.conn(), vandaag)
                .unwrap()
                .iter()
                .any(|x| x.id == a.id)
        );
        let open = open_bezoeken(store.conn(), "Stadskantoor", vandaag).unwrap();
        assert_eq!(open[0].afspraak_id, Some(a.id));
        // Checked in again from another desk's older list: told, and no second ticket.
        let fout = afspraak_inchecken(&mut store, "Stadskantoor", a, nu)
            .unwrap_err()
            .to_string();
        assert_eq!(
            fout,
            format!("deze afspraak is al ingecheckt (ticket {})", b.nummer)
        );
        let tickets: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM bezoek WHERE afspraak_id = ?1",
                [a.id.to_string()],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tickets, 1);
    }

    #[test]
    fn the_day_agenda_keeps_arrived_and_no_shows_leaves_out_cancelled_and_names_the_medewerker() {
        let dir = tempfile::tempdir().unwrap();
        let pad = dir.path().join("demo.db");
        let vandaag = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        crate::demo::klein(&pad, 7, 2, vandaag);
        let mut store = Store::open(&pad, Uuid::now_v7()).unwrap();
        let voor = dagagenda(store.conn(), vandaag).unwrap();
        assert!(
            voor.iter().all(|r| r.medewerker.is_some()),
            "the demo sets one"
        );
        let (gekomen, weg, geannuleerd) = (voor[0].id, voor[1].id, voor[2].id);
        let nu = Utc::now();
        afspraak_inchecken(&mut store, "Stadskantoor", &voor[0], nu).unwrap();
        super::super::afspraken::wijzig_status(&mut store, weg, "no_show", None, nu).unwrap();
        super::super::afspraken::wijzig_status(
            &mut store,
            geannuleerd,
            "geannuleerd",
            Some("ziek"),
            nu,
        )
        .unwrap();
        let na = dagagenda(store.conn(), vandaag).unwrap();
        let status = |id| na.iter().find(|r| r.id == id).map(|r| r.status.clone());
        assert_eq!(status(gekomen).as_deref(), Some("aanwezig"));
        assert_eq!(status(weg).as_deref(), Some("no_show"));
        assert_eq!(status(geannuleerd), None);
        assert_eq!(na.len(), voor.len() - 1);
        assert!(na.windows(2).all(|w| w[0].begin_op <= w[1].begin_op));
        // The receptie's check-in list has only those still to come.
        let te_komen = afspraken_vandaag(store.conn(), vandaag).unwrap();
        assert_eq!(te_komen.len(), voor.len() - 3);
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

    #[test]
    fn visitors_for_staff_are_in_the_building_until_they_leave() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db"), Uuid::now_v7()).unwrap();
        let now = Utc::now();
        assert!(bezoeker_binnen(&mut store, "Stadskantoor", " ", "ICT", None, now).is_err());
        assert!(bezoeker_binnen(&mut store, "Stadskantoor", "Kim", "", None, now).is_err());
        let a = bezoeker_binnen(
            &mut store,
            "Stadskantoor",
            "Kim Peters",
            "Team ICT",
            Some("Storingsdienst BV"),
            now,
        )
        .unwrap();
        bezoeker_binnen(
            &mut store,
            "Stadskantoor",
            "Ali Yilmaz",
            "Sollicitatie P&O",
            Some(" "),
            now,
        )
        .unwrap();
        bezoeker_binnen(&mut store, "Wijkpost Noord", "Els", "Wijkteam", None, now).unwrap();
        let binnen = in_gebouw(store.conn(), "Stadskantoor").unwrap();
        assert_eq!(binnen.len(), 2, "the other location is not this building");
        assert_eq!(binnen[0].bedrijf.as_deref(), Some("Storingsdienst BV"));
        assert_eq!(binnen[1].bedrijf, None, "blank company is none");
        bezoeker_buiten(&mut store, a, now).unwrap();
        let binnen = in_gebouw(store.conn(), "Stadskantoor").unwrap();
        assert_eq!(
            binnen.iter().map(|b| b.naam.as_str()).collect::<Vec<_>>(),
            ["Ali Yilmaz"]
        );
    }

    /// A fixed morning (a Monday), so no demo or other test data of "today" can interfere.
    fn ochtend() -> DateTime<Utc> {
        Local
            .with_ymd_and_hms(2026, 11, 23, 10, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn many_balies_pressing_call_next_at_once_on_one_file_call_every_visitor_exactly_once() {
        let dir = tempfile::tempdir().unwrap();
        let pad = dir.path().join("t.db");
        let now = ochtend();
        let mut ids = Vec::new();
        {
            let mut store = Store::open(&pad, Uuid::now_v7()).unwrap();
            for i in 0..40 {
                let t = now + chrono::Duration::seconds(i);
                ids.push(
                    inchecken(&mut store, "Stadskantoor", "Ophalen", "S", None, t)
                        .unwrap()
                        .meta
                        .id,
                );
            }
        }
        let balies = 6;
        let start = std::sync::Arc::new(std::sync::Barrier::new(balies));
        let handles: Vec<_> = (0..balies)
            .map(|n| {
                let pad = pad.clone();
                let start = start.clone();
                std::thread::spawn(move || {
                    let balie = format!("Balie {n}");
                    let mut store = Store::open(&pad, Uuid::now_v7()).unwrap();
                    let mut geroepen = Vec::new();
                    start.wait();
                    loop {
                        let o = roep_volgende(&mut store, "Stadskantoor", &balie, &[], now)
                            .unwrap()
                            .unwrap();
                        let Some(mut b) = o.bezoek else { break };
                        assert_eq!(b.balie.as_deref(), Some(balie.as_str()));
                        // Calling again before finishing is refused by the store itself.
                        assert_eq!(
                            roep_volgende(&mut store, "Stadskantoor", &balie, &[], now).unwrap(),
                            Err(NietOproepen::BalieBezet(b.nummer.clone()))
                        );
                        geroepen.push(b.meta.id);
                        let verwacht = Verwacht::van(&b);
                        b.status = crate::domain::klantgeleiding::KLAAR.into();
                        b.klaar_op = Some(now);
                        overgang(&mut store, &mut b, &verwacht, now)
                            .unwrap()
                            .unwrap();
                        // Helping a visitor takes a moment; the others call meanwhile.
                        std::thread::sleep(std::time::Duration::from_millis(10));
                    }
                    geroepen
                })
            })
            .collect();
        let mut alle: Vec<Uuid> = Vec::new();
        let mut per_balie = Vec::new();
        for h in handles {
            let g = h.join().unwrap();
            per_balie.push(g.len());
            alle.extend(g);
        }
        let n = alle.len();
        alle.sort();
        alle.dedup();
        assert_eq!(alle.len(), n, "a visitor was called twice");
        ids.sort();
        assert_eq!(alle, ids, "every visitor called exactly once");
        let store = Store::open(&pad, Uuid::now_v7()).unwrap();
        // Each visitor called once: one outbox entry for the call, one for finishing.
        for id in &ids {
            let (oproepen, klaar): (i64, i64) = store
                .conn()
                .query_row(
                    "SELECT coalesce(sum(payload LIKE '%\"status\":\"opgeroepen\"%'), 0),
                            coalesce(sum(payload LIKE '%\"status\":\"klaar\"%'), 0)
                     FROM outbox WHERE record_id = ?1",
                    [id.to_string()],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            assert_eq!((oproepen, klaar), (1, 1), "{id}");
        }
        assert!(
            per_balie.iter().filter(|n| **n > 0).count() > 1,
            "the balies shared the work: {per_balie:?}"
        );
    }

    #[test]
    fn a_step_on_a_visitor_another_balie_has_is_refused_and_says_who_has_them() {
        let dir = tempfile::tempdir().unwrap();
        let pad = dir.path().join("t.db");
        let now = ochtend();
        let mut een = Store::open(&pad, Uuid::now_v7()).unwrap();
        let mut twee = Store::open(&pad, Uuid::now_v7()).unwrap();
        let s9 = inchecken(&mut een, "Stadskantoor", "Ophalen", "S", None, now).unwrap();
        // Balie 2 saw S-001 waiting (its list is old) and wants to call it directly.
        let gezien = s9.clone();
        let o = roep_volgende(&mut een, "Stadskantoor", "Balie 1", &[], now)
            .unwrap()
            .unwrap();
        assert_eq!(o.bezoek.as_ref().map(|b| b.nummer.as_str()), Some("S-001"));
        let mut poging = roep_op(&gezien, "Balie 2", now);
        let verloren = overgang(&mut twee, &mut poging, &Verwacht::van(&gezien), now)
            .unwrap()
            .unwrap_err();
        assert_eq!(verloren.melding(), "S-001 is al opgeroepen door Balie 1.");
        // Nothing was written for the loser: the row is Balie 1's, with one call.
        let nu = bezoek(een.conn(), s9.meta.id).unwrap().unwrap();
        assert_eq!(
            (nu.status.as_str(), nu.balie.as_deref(), nu.oproepen),
            (OPGEROEPEN, Some("Balie 1"), 1)
        );
        let uitgaand: i64 = twee
            .conn()
            .query_row(
                "SELECT count(*) FROM outbox WHERE record_id = ?1 AND desk_id = ?2",
                params![s9.meta.id.to_string(), twee.desk_id().to_string()],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(uitgaand, 0, "no outbox entry for a lost step");
        // Balie 2 pressing v is simply told nobody waits for it.
        let o = roep_volgende(&mut twee, "Stadskantoor", "Balie 2", &[], now)
            .unwrap()
            .unwrap();
        assert_eq!(o.bezoek, None);
        // Finished by Balie 1, a late no-show from a stale screen is refused too.
        let mut b = nu.clone();
        let verwacht = Verwacht::van(&b);
        b.status = crate::domain::klantgeleiding::KLAAR.into();
        overgang(&mut een, &mut b, &verwacht, now).unwrap().unwrap();
        let mut x = nu.clone();
        x.status = crate::domain::klantgeleiding::NO_SHOW.into();
        let v = overgang(&mut twee, &mut x, &verwacht, now)
            .unwrap()
            .unwrap_err();
        assert_eq!(v.melding(), "S-001 is al afgerond.");
    }

    #[test]
    fn a_balie_restarted_after_a_crash_has_its_visitor_back_and_can_finish_them() {
        use crate::app::klantgeleiding::{KgEffect, KlantgeleidingPane};
        use crate::domain::klantgeleiding::GEPARKEERD;
        let dir = tempfile::tempdir().unwrap();
        let pad = dir.path().join("t.db");
        let now = ochtend();
        let dag = now.with_timezone(&Local).date_naive();
        let desk = Uuid::now_v7();
        {
            let mut store = Store::open(&pad, desk).unwrap();
            for i in 0..3 {
                let t = now + chrono::Duration::seconds(i);
                inchecken(&mut store, "Stadskantoor", "Ophalen", "S", None, t).unwrap();
            }
            let roep = |store: &mut Store, status: &str| {
                let mut b = roep_volgende(store, "Stadskantoor", "Balie 1", &[], now)
                    .unwrap()
                    .unwrap()
                    .bezoek
                    .unwrap();
                let verwacht = Verwacht::van(&b);
                b.status = status.into();
                b.geholpen_op = Some(now);
                overgang(store, &mut b, &verwacht, now).unwrap().unwrap();
            };
            // S-001 fetches a document (parked); S-002 is being helped.
            roep(&mut store, GEPARKEERD);
            roep(&mut store, IN_BEHANDELING);
            // The process is killed here: nothing in memory survives.
        }
        let mut store = Store::open(&pad, desk).unwrap();
        let mut kg = KlantgeleidingPane {
            balie: Some("Balie 1".into()),
            ..Default::default()
        };
        kg.geladen(open_bezoeken(store.conn(), "Stadskantoor", dag).unwrap());
        assert_eq!(
            kg.huidig_bezoek().map(|b| b.nummer.as_str()),
            Some("S-002"),
            "the visitor in hand is back"
        );
        assert_eq!(
            kg.geparkeerd()
                .iter()
                .map(|b| b.nummer.as_str())
                .collect::<Vec<_>>(),
            ["S-001"],
            "and the parked one"
        );
        // Another balie's pane does not take them as its own.
        let mut ander = KlantgeleidingPane {
            balie: Some("Balie 2".into()),
            ..Default::default()
        };
        ander.geladen(open_bezoeken(store.conn(), "Stadskantoor", dag).unwrap());
        assert_eq!(ander.huidig, None);
        assert!(ander.geparkeerd().is_empty());
        assert!(kg.volgende().is_err(), "v first asks to finish S-002");
        let Ok(KgEffect::Bewaar(mut b, verwacht)) = kg.stap('k', now) else {
            panic!("k works on the restored visitor")
        };
        overgang(&mut store, &mut b, &verwacht, now)
            .unwrap()
            .unwrap();
        kg.geladen(open_bezoeken(store.conn(), "Stadskantoor", dag).unwrap());
        assert_eq!(kg.huidig, None);
        // r resumes the visitor parked before the crash.
        let Ok(KgEffect::Bewaar(mut b, verwacht)) = kg.hervatten(now) else {
            panic!("r works on the visitor parked before the crash")
        };
        assert_eq!(b.nummer, "S-001");
        overgang(&mut store, &mut b, &verwacht, now)
            .unwrap()
            .unwrap();
        kg.geladen(open_bezoeken(store.conn(), "Stadskantoor", dag).unwrap());
        assert_eq!(kg.huidig_bezoek().map(|b| b.nummer.as_str()), Some("S-001"));
        assert_eq!(
            kg.bezoeken
                .iter()
                .map(|b| b.nummer.as_str())
                .collect::<Vec<_>>(),
            ["S-001", "S-003"]
        );
    }

    mod interleavings {
        use super::*;
        use crate::app::klantgeleiding::{Bestemming, KgEffect, KlantgeleidingPane};
        use crate::domain::klantgeleiding::{GEPARKEERD, KLAAR, NO_SHOW};
        use proptest::prelude::*;
        use std::collections::HashMap;

        const BALIES: usize = 2;
        const BEZOEKERS: i64 = 6;

        /// Where every visitor stands in the store: id -> (status, balie).
        fn stand(conn: &Connection) -> HashMap<String, (String, Option<String>)> {
            let mut st = conn
                .prepare("SELECT id, status, balie FROM bezoek WHERE deleted = 0")
                .unwrap();
            st.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        }

        fn toegestaan(van: &str, naar: &str) -> bool {
            van == naar
                || matches!(
                    (van, naar),
                    (WACHTEND, OPGEROEPEN)
                        | (OPGEROEPEN, IN_BEHANDELING)
                        | (OPGEROEPEN | IN_BEHANDELING, KLAAR)
                        | (OPGEROEPEN, NO_SHOW)
                        | (OPGEROEPEN | IN_BEHANDELING, WACHTEND)
                        | (OPGEROEPEN | IN_BEHANDELING, GEPARKEERD)
                        | (GEPARKEERD, IN_BEHANDELING)
                )
        }

        /// One key at one balie, as the desk does it: the pane (its own, possibly old list)
        /// proposes, the store decides; the pane reloads after its own write.
        fn druk(
            store: &mut Store,
            kg: &mut KlantgeleidingPane,
            toets: char,
            naar_balie: bool,
            antwoord: bool,
            now: DateTime<Utc>,
        ) {
            let dag = now.with_timezone(&Local).date_naive();
            let effect = match toets {
                'v' => kg.volgende(),
                'h' | 's' | 'k' | 'x' => kg.stap(toets, now),
                't' => {
                    let naar = if naar_balie {
                        let ander = if kg.balie.as_deref() == Some("Balie 0") {
                            "Balie 1"
                        } else {
                            "Balie 0"
                        };
                        Bestemming::Balie(ander.into())
                    } else {
                        Bestemming::Dienst("Ophalen".into())
                    };
                    kg.doorsturen(naar)
                }
                'p' => kg.parkeren(),
                'r' => kg.hervatten(now),
                _ => Err(String::new()),
            };
            match effect {
                Ok(KgEffect::Volgende { balie, diensten }) => {
                    if let Ok(o) =
                        roep_volgende(store, "Stadskantoor", &balie, &diensten, now).unwrap()
                        && let Some(b) = o.bezoek
                    {
                        kg.opgeroepen(b);
                    }
                }
                Ok(KgEffect::Bewaar(mut b, verwacht)) => {
                    // A lost step is allowed here: it must simply change nothing.
                    let _ = overgang(store, &mut b, &verwacht, now).unwrap();
                }
                _ => {}
            }
            // The store's answer (a fresh list) may come after the next key is pressed.
            if antwoord || toets == 'l' {
                kg.geladen(open_bezoeken(store.conn(), "Stadskantoor", dag).unwrap());
            }
        }

        fn stappen() -> impl Strategy<Value = Vec<(usize, char, bool, bool)>> {
            proptest::collection::vec(
                (
                    0..BALIES,
                    proptest::sample::select(vec!['v', 'h', 's', 'k', 'x', 't', 'p', 'r', 'l']),
                    any::<bool>(),
                    proptest::bool::weighted(0.5),
                ),
                1..60,
            )
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(128))]
            #[test]
            fn every_visitor_stays_in_exactly_one_state_whatever_the_balies_press(
                stappen in stappen()
            ) {
                let dir = tempfile::tempdir().unwrap();
                let pad = dir.path().join("t.db");
                let now = ochtend();
                let dag = now.with_timezone(&Local).date_naive();
                let mut stores: Vec<Store> =
                    (0..BALIES).map(|_| Store::open(&pad, Uuid::now_v7()).unwrap()).collect();
                for i in 0..BEZOEKERS {
                    let t = now + chrono::Duration::seconds(i);
                    inchecken(&mut stores[0], "Stadskantoor", "Ophalen", "S", None, t).unwrap();
                }
                let mut panes: Vec<KlantgeleidingPane> = (0..BALIES)
                    .map(|n| KlantgeleidingPane {
                        balie: Some(format!("Balie {n}")),
                        bezoeken: open_bezoeken(stores[n].conn(), "Stadskantoor", dag).unwrap(),
                        ..Default::default()
                    })
                    .collect();
                let mut voor = stand(stores[0].conn());
                for (n, toets, naar_balie, antwoord) in stappen {
                    druk(&mut stores[n], &mut panes[n], toets, naar_balie, antwoord, now);
                    let na = stand(stores[0].conn());
                    // Every visitor still there exactly once, in one known state.
                    prop_assert_eq!(na.len() as i64, BEZOEKERS);
                    for (id, (status, balie)) in &na {
                        let (was, _) = &voor[id];
                        prop_assert!(
                            toegestaan(was, status),
                            "{} went from {} to {} after {} at Balie {}", id, was, status, toets, n
                        );
                        if [OPGEROEPEN, IN_BEHANDELING, GEPARKEERD].contains(&status.as_str()) {
                            prop_assert!(balie.is_some(), "{} is {} at no balie", id, status);
                        }
                    }
                    // A balie serves at most one visitor at a time.
                    for b in 0..BALIES {
                        let naam = format!("Balie {b}");
                        let bezig = na
                            .values()
                            .filter(|(s, bl)| {
                                (s == OPGEROEPEN || s == IN_BEHANDELING)
                                    && bl.as_deref() == Some(naam.as_str())
                            })
                            .count();
                        prop_assert!(bezig <= 1, "{} serves {} at once", naam, bezig);
                    }
                    // The balie that pressed and heard back holds what the store says it has.
                    if (antwoord || toets == 'l') && let Some(id) = panes[n].huidig {
                        let (s, bl) = &na[&id.to_string()];
                        prop_assert!(s == OPGEROEPEN || s == IN_BEHANDELING);
                        prop_assert_eq!(bl.as_deref(), panes[n].balie.as_deref());
                    }
                    voor = na;
                }
            }
        }
    }
}
