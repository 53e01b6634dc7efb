//! The shared PostgreSQL database: its schema (versioned like the desk's), and the two things a
//! desk does there: hand in its operations (applied under the server's rules, exactly once, in one
//! transaction per batch) and read what changed since its cursor.
//!
//! Ordering: every applied change gets the next number of a counter row that the applying
//! transaction updates and holds until it commits. Transactions that apply changes therefore
//! commit in number order, so a reader asking for `seq > cursor` never skips a number that
//! commits later (which a plain BIGSERIAL would allow).

use serde_json::Value as Json;
use tokio_postgres::{Client, GenericClient, error::SqlState};
use uuid::Uuid;

/// The server schema this program knows. A server at a higher version is refused.
pub const SERVER_SCHEMA: i32 = 3;

/// The kennisbank search log on the server: the table whose questions may not hold personal data.
const ZOEKLOG: &str = "kennisbank_zoekactie";

const MIGRATIES: &[&str] = &[
    // 1: the change log and its counter, the desks with their last applied operation, the outcome
    // of every operation (for replays), the current state per record, and the server's rules:
    // no overlapping afspraken at one plek, unique ticket and receipt numbers, one cash-up per
    // balie and day.
    r#"
CREATE TABLE loket_meta (
    key    text PRIMARY KEY,
    value  text NOT NULL
);
CREATE SEQUENCE loket_desk_nummer;
CREATE TABLE loket_desk (
    desk_id        uuid PRIMARY KEY,
    nummer         int NOT NULL DEFAULT nextval('loket_desk_nummer') UNIQUE,
    last_op_seq    bigint NOT NULL DEFAULT 0,
    laatst_gezien  timestamptz NOT NULL DEFAULT now()
);
-- Ticket numbers are leased to desks in blocks per location, day and prefix.
CREATE TABLE loket_ticketblok (
    locatie  text NOT NULL,
    dag      date NOT NULL,
    prefix   text NOT NULL,
    van      int NOT NULL,
    tot      int NOT NULL,
    desk_id  uuid NOT NULL,
    PRIMARY KEY (locatie, dag, prefix, van)
);
CREATE TABLE loket_op (
    desk_id     uuid NOT NULL,
    op_seq      bigint NOT NULL,
    op_id       uuid NOT NULL UNIQUE,
    uitkomst    text NOT NULL,
    reden       text,
    change_seq  bigint,
    ontvangen   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (desk_id, op_seq)
);
CREATE TABLE loket_teller (
    id      int PRIMARY KEY CHECK (id = 1),
    waarde  bigint NOT NULL
);
INSERT INTO loket_teller VALUES (1, 0);
CREATE TABLE loket_change (
    seq        bigint PRIMARY KEY,
    tabel      text NOT NULL,
    record_id  uuid NOT NULL,
    desk_id    uuid NOT NULL,
    hlc        text NOT NULL,
    payload    jsonb NOT NULL
);
CREATE TABLE loket_record (
    tabel      text NOT NULL,
    record_id  uuid NOT NULL,
    hlc        text NOT NULL,
    desk_id    uuid NOT NULL,
    payload    jsonb NOT NULL,
    PRIMARY KEY (tabel, record_id)
);
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE loket_afspraak (
    record_id  uuid PRIMARY KEY,
    locatie    text NOT NULL,
    periode    tstzrange NOT NULL,
    EXCLUDE USING gist (locatie WITH =, periode WITH &&)
);
CREATE TABLE loket_ticket (
    record_id  uuid PRIMARY KEY,
    locatie    text NOT NULL,
    dag        date NOT NULL,
    nummer     text NOT NULL,
    UNIQUE (locatie, dag, nummer)
);
CREATE TABLE loket_bon (
    record_id  uuid PRIMARY KEY,
    bonnummer  text NOT NULL UNIQUE
);
CREATE TABLE loket_kasdag (
    record_id  uuid PRIMARY KEY,
    balie      text NOT NULL,
    dag        date NOT NULL,
    UNIQUE (balie, dag)
);
"#,
    // 2: an afspraak is checked in once (issue 15): two receptie desks checking the same klant
    // in, offline or at the same moment, make one ticket; the second is refused.
    r#"
CREATE TABLE loket_afspraak_bezoek (
    afspraak_id  uuid PRIMARY KEY,
    record_id    uuid NOT NULL UNIQUE
);
"#,
    // 3: questions in the search log that look like personal data (a BSN written with `_` or
    // full-width digits slipped through older desks) lose their words: `schoon_zoeklog` runs
    // after this step, in the same transaction.
    r#"
CREATE INDEX IF NOT EXISTS loket_record_tabel ON loket_record (tabel);
"#,
];

/// Drop the words of every synced search that looks like personal data, in the records and in
/// the change log (desks that download again get the clean copy). Returns how many rows.
pub async fn schoon_zoeklog(c: &impl GenericClient) -> Result<u64, tokio_postgres::Error> {
    let mut n = 0;
    for tabel in ["loket_record", "loket_change"] {
        let sleutel = if tabel == "loket_record" {
            "record_id"
        } else {
            "seq"
        };
        let rijen = c
            .query(
                &format!(
                    "SELECT {sleutel}::text, payload FROM {tabel}
                     WHERE tabel = $1 AND payload ? 'vraag' AND jsonb_typeof(payload->'vraag') = 'string'"
                ),
                &[&ZOEKLOG],
            )
            .await?;
        for r in rijen {
            let id: String = r.get(0);
            let mut payload: Json = r.get(1);
            if crate::domain::kennisbank::schoon_zoekactie(&mut payload) {
                n += c
                    .execute(
                        &format!(
                            "UPDATE {tabel} SET payload = $2 WHERE tabel = $3 AND {sleutel}::text = $1"
                        ),
                        &[&id, &payload, &ZOEKLOG],
                    )
                    .await?;
            }
        }
    }
    Ok(n)
}

#[derive(Debug, thiserror::Error)]
pub enum ServerFout {
    #[error(
        "de gedeelde database heeft schemaversie {server}, deze loket kent tot {eigen}: werk loket bij"
    )]
    Nieuwer { server: i32, eigen: i32 },
    #[error("de gedeelde database is nog niet ingericht: loket server init --url ...")]
    NietIngericht,
    #[error(
        "de gedeelde database heeft schemaversie {server}, deze loket heeft {eigen} nodig: werk haar bij met loket server init --url ..."
    )]
    Ouder { server: i32, eigen: i32 },
    #[error(transparent)]
    Pg(#[from] tokio_postgres::Error),
}

async fn versie(c: &impl GenericClient) -> Result<Option<i32>, tokio_postgres::Error> {
    let bestaat: bool = c
        .query_one("SELECT to_regclass('loket_meta') IS NOT NULL", &[])
        .await?
        .get(0);
    if !bestaat {
        return Ok(None);
    }
    let rij = c
        .query_opt(
            "SELECT value FROM loket_meta WHERE key = 'schema_version'",
            &[],
        )
        .await?;
    Ok(rij.and_then(|r| r.get::<_, String>(0).parse().ok()))
}

/// Create or migrate the shared schema. Refuses a server that is newer than this program.
/// Returns (version before, version now).
pub async fn init(c: &mut Client) -> Result<(i32, i32), ServerFout> {
    let tx = c.transaction().await?;
    // One initialiser at a time.
    tx.execute("SELECT pg_advisory_xact_lock(4242001)", &[])
        .await?;
    let van = versie(&tx).await?.unwrap_or(0);
    if van > SERVER_SCHEMA {
        return Err(ServerFout::Nieuwer {
            server: van,
            eigen: SERVER_SCHEMA,
        });
    }
    for (i, sql) in MIGRATIES.iter().enumerate().skip(van as usize) {
        tx.batch_execute(sql).await?;
        let v = (i + 1).to_string();
        tx.execute(
            "INSERT INTO loket_meta (key, value) VALUES ('schema_version', $1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&v],
        )
        .await?;
    }
    if van < 3 {
        schoon_zoeklog(&tx).await?;
    }
    tx.execute(
        "INSERT INTO loket_meta (key, value) VALUES ('epoch', $1) ON CONFLICT DO NOTHING",
        &[&Uuid::new_v4().to_string()],
    )
    .await?;
    tx.commit().await?;
    Ok((van, SERVER_SCHEMA))
}

/// After restoring a backup: a new epoch tells every desk to read everything again and to hand
/// in again what the restored server lacks.
pub async fn nieuw_epoch(c: &Client) -> Result<String, ServerFout> {
    controleer(c).await?;
    let e = Uuid::new_v4().to_string();
    c.execute(
        "UPDATE loket_meta SET value = $1 WHERE key = 'epoch'",
        &[&e],
    )
    .await?;
    Ok(e)
}

/// A desk may use this server: its schema is there and not newer than ours. Returns the epoch.
pub async fn controleer(c: &impl GenericClient) -> Result<String, ServerFout> {
    match versie(c).await? {
        None | Some(0) => Err(ServerFout::NietIngericht),
        Some(v) if v > SERVER_SCHEMA => Err(ServerFout::Nieuwer {
            server: v,
            eigen: SERVER_SCHEMA,
        }),
        Some(v) if v < SERVER_SCHEMA => Err(ServerFout::Ouder {
            server: v,
            eigen: SERVER_SCHEMA,
        }),
        Some(_) => Ok(c
            .query_one("SELECT value FROM loket_meta WHERE key = 'epoch'", &[])
            .await?
            .get(0)),
    }
}

/// One operation from a desk's outbox.
#[derive(Debug, Clone, PartialEq)]
pub struct Operatie {
    pub op_seq: i64,
    pub op_id: Uuid,
    pub hlc: String,
    pub tabel: String,
    pub record_id: Uuid,
    pub payload: Json,
    /// The precondition the desk changed the record under (for a bezoek: the status and balie
    /// it saw). When the server's record no longer matches, the operation is refused.
    pub verwacht: Option<Json>,
}

/// What became of an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Uitkomst {
    /// Applied (possibly merged under the table's rule); the change has this number.
    Toegepast,
    /// Accepted, but a later change of the same record had already won (last writer wins), or an
    /// append-only record was already there: nothing changed.
    Behouden,
    /// Refused by a rule of the server (a double booking, a ticket or receipt number taken).
    Geweigerd(String),
}

impl Uitkomst {
    fn tekst(&self) -> (&'static str, Option<&str>) {
        match self {
            Uitkomst::Toegepast => ("toegepast", None),
            Uitkomst::Behouden => ("behouden", None),
            Uitkomst::Geweigerd(r) => ("geweigerd", Some(r)),
        }
    }

    fn lees(uitkomst: &str, reden: Option<String>) -> Uitkomst {
        match uitkomst {
            "toegepast" => Uitkomst::Toegepast,
            "behouden" => Uitkomst::Behouden,
            _ => Uitkomst::Geweigerd(reden.unwrap_or_default()),
        }
    }
}

/// The answer to a batch.
#[derive(Debug, Clone, PartialEq)]
pub struct Antwoord {
    /// Per handed-in operation (in op_seq order, up to a gap): its outcome.
    pub uitkomsten: Vec<(i64, Uitkomst)>,
    /// The server expected this op_seq next and got a later one: resend from here.
    pub gat: Option<i64>,
    /// An op_seq the server already has under another operation id: the desk's database was
    /// replaced. The server's last op_seq for this desk; nothing of the batch was applied.
    pub hernummeren: Option<i64>,
}

/// Records written once and never changed: corrections are new records that point at them.
const ALLEEN_TOEVOEGEN: [&str; 5] = [
    "contactmoment",
    "contactmoment_vraag",
    "contactverzoek_logboek",
    "kas_betaling",
    "kasopmaak",
];

/// Records with a rule of their own (constraint or merge): applied one by one under a savepoint.
const MET_REGEL: [&str; 6] = [
    "afspraak",
    "bezoek",
    "kas_betaling",
    "kasopmaak",
    "contactverzoek",
    "gesprek",
];

/// Last writer wins in one statement: the record (only when this stamp is not older), the next
/// change number from the counter row, and the change, or nothing when an older stamp lost.
const SQL_LWW: &str = "
WITH r AS (
    INSERT INTO loket_record (tabel, record_id, hlc, desk_id, payload) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (tabel, record_id) DO UPDATE
    SET hlc = excluded.hlc, desk_id = excluded.desk_id, payload = excluded.payload
    WHERE loket_record.hlc <= excluded.hlc
    RETURNING 1
), t AS (
    UPDATE loket_teller SET waarde = waarde + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM r)
    RETURNING waarde
)
INSERT INTO loket_change (seq, tabel, record_id, desk_id, hlc, payload)
SELECT waarde, $1, $2, $4, $3, $5 FROM t
RETURNING seq";

/// Append-only in one statement: written once, a later version of the same record is kept out.
const SQL_TOEVOEGEN: &str = "
WITH r AS (
    INSERT INTO loket_record (tabel, record_id, hlc, desk_id, payload) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (tabel, record_id) DO NOTHING
    RETURNING 1
), t AS (
    UPDATE loket_teller SET waarde = waarde + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM r)
    RETURNING waarde
)
INSERT INTO loket_change (seq, tabel, record_id, desk_id, hlc, payload)
SELECT waarde, $1, $2, $4, $3, $5 FROM t
RETURNING seq";

/// Stamps further ahead of the server's clock than this are set back to the server's time.
const MAX_VOORSPRONG_MS: i64 = 10 * 60 * 1000;

fn hlc_millis(hlc: &str) -> Option<i64> {
    hlc.split('-').next()?.parse().ok()
}

fn tekst<'a>(j: &'a Json, veld: &str) -> Option<&'a str> {
    j.get(veld).and_then(Json::as_str)
}

/// Hand in `ops` of `desk` (sorted by op_seq) in one transaction. A resent operation gets its
/// stored outcome and changes nothing; a gap stops the batch (what came before it is kept).
pub async fn lever_in(
    c: &mut Client,
    desk: Uuid,
    ops: &[Operatie],
) -> Result<Antwoord, ServerFout> {
    let tx = c.transaction().await?;
    tx.execute(
        "INSERT INTO loket_desk (desk_id)
         SELECT $1 WHERE NOT EXISTS (SELECT 1 FROM loket_desk WHERE desk_id = $1)
         ON CONFLICT DO NOTHING",
        &[&desk],
    )
    .await?;
    // The counter row first, before any record: every applying transaction takes its locks in
    // that order (no deadlocks between desks editing the same records), and holds the counter
    // until it commits (commit-ordered change numbers).
    tx.execute(
        "SELECT waarde FROM loket_teller WHERE id = 1 FOR UPDATE",
        &[],
    )
    .await?;
    let mut laatste: i64 = tx
        .query_one(
            "SELECT last_op_seq FROM loket_desk WHERE desk_id = $1 FOR UPDATE",
            &[&desk],
        )
        .await?
        .get(0);
    let server_ms: i64 = tx
        .query_one(
            "SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint",
            &[],
        )
        .await?
        .get(0);
    let mut antwoord = Antwoord {
        uitkomsten: Vec::new(),
        gat: None,
        hernummeren: None,
    };
    let mut iets_veranderd = false;
    // Prepared once per batch: each statement then costs one round trip.
    let lww = tx.prepare(SQL_LWW).await?;
    let toevoegen = tx.prepare(SQL_TOEVOEGEN).await?;
    // The outcomes column by column, stored together after the loop.
    let (mut op_seqs, mut op_ids) = (Vec::<i64>::new(), Vec::<Uuid>::new());
    let (mut op_uitkomsten, mut op_redenen) = (Vec::<&str>::new(), Vec::<Option<String>>::new());
    for op in ops {
        if op.op_seq <= laatste {
            let rij = tx
                .query_opt(
                    "SELECT uitkomst, reden, op_id FROM loket_op WHERE desk_id = $1 AND op_seq = $2",
                    &[&desk, &op.op_seq],
                )
                .await?;
            match rij {
                Some(r) if r.get::<_, Uuid>(2) != op.op_id => {
                    // Not a resend: another operation under a number already used.
                    return Ok(Antwoord {
                        uitkomsten: Vec::new(),
                        gat: None,
                        hernummeren: Some(laatste),
                    });
                }
                rij => {
                    let u = rij.map_or(Uitkomst::Behouden, |r| Uitkomst::lees(r.get(0), r.get(1)));
                    antwoord.uitkomsten.push((op.op_seq, u));
                }
            }
            continue;
        }
        if op.op_seq != laatste + 1 {
            antwoord.gat = Some(laatste + 1);
            break;
        }
        let mut hlc = op.hlc.clone();
        if hlc_millis(&hlc).is_none_or(|m| m > server_ms + MAX_VOORSPRONG_MS) {
            // A desk clock far ahead: the server's time counts (ordering never uses wall time).
            hlc = format!("{server_ms:013}-00000-{}", desk.simple());
        }
        let uitkomst = if MET_REGEL.contains(&op.tabel.as_str()) {
            tx.batch_execute("SAVEPOINT op").await?;
            match pas_toe(&tx, desk, op, &hlc).await {
                Ok(u) => {
                    tx.batch_execute("RELEASE SAVEPOINT op").await?;
                    u
                }
                Err(e) => {
                    tx.batch_execute("ROLLBACK TO SAVEPOINT op").await?;
                    match weigering(&e) {
                        Some(reden) => Uitkomst::Geweigerd(reden),
                        None => return Err(e.into()),
                    }
                }
            }
        } else {
            let stmt = if ALLEEN_TOEVOEGEN.contains(&op.tabel.as_str()) {
                &toevoegen
            } else {
                &lww
            };
            // A desk of an older version may still send a personal question: it is not kept.
            let mut payload = std::borrow::Cow::Borrowed(&op.payload);
            if op.tabel == ZOEKLOG && payload.get("vraag").is_some_and(Json::is_string) {
                crate::domain::kennisbank::schoon_zoekactie(payload.to_mut());
            }
            let rijen = tx
                .query(stmt, &[&op.tabel, &op.record_id, &hlc, &desk, &*payload])
                .await?;
            if rijen.is_empty() {
                Uitkomst::Behouden
            } else {
                Uitkomst::Toegepast
            }
        };
        iets_veranderd |= uitkomst == Uitkomst::Toegepast;
        let (u, reden) = uitkomst.tekst();
        op_seqs.push(op.op_seq);
        op_ids.push(op.op_id);
        op_uitkomsten.push(u);
        op_redenen.push(reden.map(String::from));
        antwoord.uitkomsten.push((op.op_seq, uitkomst));
        laatste = op.op_seq;
    }
    // The outcomes, for replays, in one statement.
    tx.execute(
        "INSERT INTO loket_op (desk_id, op_seq, op_id, uitkomst, reden)
         SELECT $1, * FROM unnest($2::bigint[], $3::uuid[], $4::text[], $5::text[])",
        &[&desk, &op_seqs, &op_ids, &op_uitkomsten, &op_redenen],
    )
    .await?;
    tx.execute(
        "UPDATE loket_desk SET last_op_seq = $2, laatst_gezien = now() WHERE desk_id = $1",
        &[&desk, &laatste],
    )
    .await?;
    if iets_veranderd {
        // Delivered at commit; a wake-up hint for the other desks, never the guarantee.
        tx.batch_execute("NOTIFY loket_change").await?;
    }
    tx.commit().await?;
    Ok(antwoord)
}

/// A rule of the server said no: why, in Dutch. Other errors are not a refusal.
fn weigering(e: &tokio_postgres::Error) -> Option<String> {
    let db = e.as_db_error()?;
    let constraint = db.constraint().unwrap_or_default();
    if *db.code() == SqlState::EXCLUSION_VIOLATION {
        Some("dubbele boeking: op deze plek is die tijd al door een andere desk geboekt".into())
    } else if *db.code() == SqlState::UNIQUE_VIOLATION {
        Some(match constraint {
            c if c.starts_with("loket_ticket") => {
                "ticketnummer bestaat al op deze locatie en dag".into()
            }
            c if c.starts_with("loket_bon") => "bonnummer bestaat al".into(),
            c if c.starts_with("loket_afspraak_bezoek") => {
                "deze afspraak is al ingecheckt aan een andere desk".into()
            }
            c if c.starts_with("loket_kasdag") => "deze kasdag is al afgesloten".into(),
            _ => format!("niet uniek ({constraint})"),
        })
    } else if db.code().code().starts_with("22") || db.code().code().starts_with("23") {
        // Data the server cannot take (a bad date, a missing field): refused with the reason,
        // so one bad operation never blocks the ones after it.
        Some(format!("ongeldige gegevens: {}", db.message()))
    } else {
        None
    }
}

/// Why the server's record `oud` no longer is as the desk saw it (`verwacht`), in Dutch; None
/// when it still is. For a bezoek: its status and balie ("S-009 is al opgeroepen door Balie 2.");
/// for a contactverzoek: not handled yet.
fn voorwaarde_faalt(tabel: &str, verwacht: &Json, oud: &Json) -> Option<String> {
    if tabel == "contactverzoek" {
        // Handled is handled: a result recorded on an open copy is refused.
        let al = tekst(oud, "status") == Some("verwerkt")
            && tekst(verwacht, "status") != Some("verwerkt");
        return al.then(|| {
            format!(
                "dit contactverzoek is al afgehandeld door {}",
                tekst(oud, "verwerkt_door").unwrap_or("een collega")
            )
        });
    }
    if tabel != "bezoek" {
        return None;
    }
    let status = tekst(oud, "status").unwrap_or_default();
    let balie = tekst(oud, "balie");
    if tekst(verwacht, "status") == Some(status) && tekst(verwacht, "balie") == balie {
        return None;
    }
    Some(
        crate::domain::klantgeleiding::Verloren {
            nummer: tekst(oud, "nummer").unwrap_or_default().to_string(),
            nu: Some((status.to_string(), balie.map(String::from))),
        }
        .melding(),
    )
}

/// Apply one operation under its table's rule; returns its outcome. Errors from a rule's
/// constraint roll back to the savepoint in the caller and become a refusal.
async fn pas_toe(
    tx: &tokio_postgres::Transaction<'_>,
    desk: Uuid,
    op: &Operatie,
    hlc: &str,
) -> Result<Uitkomst, tokio_postgres::Error> {
    let bestaand = tx
        .query_opt(
            "SELECT hlc, payload FROM loket_record WHERE tabel = $1 AND record_id = $2 FOR UPDATE",
            &[&op.tabel, &op.record_id],
        )
        .await?
        .map(|r| (r.get::<_, String>(0), r.get::<_, Json>(1)));
    let tabel = op.tabel.as_str();
    // A compare-and-set from a desk: only when the record is still as that desk saw it.
    if let (Some(verwacht), Some((_, oud))) = (&op.verwacht, &bestaand)
        && let Some(reden) = voorwaarde_faalt(tabel, verwacht, oud)
    {
        return Ok(Uitkomst::Geweigerd(reden));
    }
    let mut nieuw = op.payload.clone();
    let mut hlc = hlc.to_string();
    if let Some((oud_hlc, oud)) = &bestaand {
        if ALLEEN_TOEVOEGEN.contains(&tabel) {
            return Ok(Uitkomst::Behouden);
        }
        if tabel == "contactverzoek" {
            // Status only moves forward; the other fields: last writer wins.
            let verwerkt = |j: &Json| tekst(j, "status") == Some("verwerkt");
            let (winnaar, verliezer) = if *oud_hlc > hlc {
                (oud.clone(), &nieuw)
            } else {
                (nieuw.clone(), oud)
            };
            let mut samen = winnaar;
            if verwerkt(verliezer) && !verwerkt(&samen) {
                for veld in ["status", "verwerkt_op", "resultaat", "verwerkt_door"] {
                    if let Some(v) = verliezer.get(veld) {
                        samen[veld] = v.clone();
                    }
                }
            }
            if samen == *oud {
                return Ok(Uitkomst::Behouden);
            }
            nieuw = samen;
            // The merged record carries the later stamp, so last-writer-wins stays monotone.
            if oud_hlc.as_str() > hlc.as_str() {
                hlc = oud_hlc.clone();
            }
        } else if tabel == "gesprek" {
            // One PBX call, written by every desk that sees it: a call only moves forward
            // (every moment either desk knew is kept), see `Gesprek::samenvoegen`. The later
            // stamp is the newer version.
            let (o, n) = if *oud_hlc > hlc {
                (&nieuw, oud)
            } else {
                (oud, &nieuw)
            };
            if let (Some(o), Some(n)) = (
                crate::store::records::gesprek_uit_kolommen(o),
                crate::store::records::gesprek_uit_kolommen(n),
            ) {
                let samen = crate::store::records::kolommen_json(
                    &crate::domain::telefonie::Gesprek::samenvoegen(&o, &n),
                );
                if samen == *oud {
                    return Ok(Uitkomst::Behouden);
                }
                nieuw = samen;
            } else if *oud_hlc > hlc {
                return Ok(Uitkomst::Behouden);
            }
            if oud_hlc.as_str() > hlc.as_str() {
                hlc = oud_hlc.clone();
            }
        } else if *oud_hlc > hlc {
            return Ok(Uitkomst::Behouden);
        }
    }
    match tabel {
        "afspraak" => {
            let actief = !matches!(
                tekst(&nieuw, "status"),
                Some("geannuleerd" | "verzet" | "geweigerd")
            ) && nieuw.get("deleted").and_then(Json::as_i64) != Some(1);
            if actief {
                let begin = tekst(&nieuw, "begin_op").unwrap_or_default();
                let eind = tekst(&nieuw, "eind_op").unwrap_or_default();
                tx.execute(
                    "INSERT INTO loket_afspraak (record_id, locatie, periode)
                     VALUES ($1, $2, tstzrange($3::text::timestamptz, $4::text::timestamptz))
                     ON CONFLICT (record_id) DO UPDATE SET locatie = excluded.locatie, periode = excluded.periode",
                    &[&op.record_id, &tekst(&nieuw, "locatie").unwrap_or_default(), &begin, &eind],
                )
                .await?;
            } else {
                tx.execute(
                    "DELETE FROM loket_afspraak WHERE record_id = $1",
                    &[&op.record_id],
                )
                .await?;
            }
        }
        // A ticket the desk deleted after the server refused it claims no number.
        "bezoek"
            if bestaand.is_none() && nieuw.get("deleted").and_then(Json::as_i64) != Some(1) =>
        {
            tx.execute(
                "INSERT INTO loket_ticket (record_id, locatie, dag, nummer)
                 VALUES ($1, $2, $3::text::date, $4)",
                &[
                    &op.record_id,
                    &tekst(&nieuw, "locatie").unwrap_or_default(),
                    &tekst(&nieuw, "dag").unwrap_or_default(),
                    &tekst(&nieuw, "nummer").unwrap_or_default(),
                ],
            )
            .await?;
            // A visitor with an afspraak: that afspraak is checked in once, by one desk.
            if let Some(afspraak) = tekst(&nieuw, "afspraak_id") {
                tx.execute(
                    "INSERT INTO loket_afspraak_bezoek (afspraak_id, record_id)
                     VALUES ($1::text::uuid, $2)",
                    &[&afspraak, &op.record_id],
                )
                .await?;
            }
        }
        "kas_betaling" => {
            // A payment is corrected once, also by desks that corrected it offline: the
            // original's record is locked so two corrections are judged one after the other.
            if let Some(origineel) = tekst(&nieuw, "correctie_van") {
                tx.query_opt(
                    "SELECT 1 FROM loket_record
                     WHERE tabel = 'kas_betaling' AND record_id = $1::text::uuid FOR UPDATE",
                    &[&origineel],
                )
                .await?;
                let eerder = tx
                    .query_opt(
                        "SELECT payload->>'bonnummer' FROM loket_record
                         WHERE tabel = 'kas_betaling' AND payload->>'correctie_van' = $1
                           AND record_id <> $2",
                        &[&origineel, &op.record_id],
                    )
                    .await?;
                if let Some(r) = eerder {
                    return Ok(Uitkomst::Geweigerd(format!(
                        "deze betaling is al gecorrigeerd met bon {}",
                        r.get::<_, Option<String>>(0).unwrap_or_default()
                    )));
                }
            }
            tx.execute(
                "INSERT INTO loket_bon (record_id, bonnummer) VALUES ($1, $2)",
                &[
                    &op.record_id,
                    &tekst(&nieuw, "bonnummer").unwrap_or_default(),
                ],
            )
            .await?;
        }
        "kasopmaak" => {
            tx.execute(
                "INSERT INTO loket_kasdag (record_id, balie, dag) VALUES ($1, $2, $3::text::date)",
                &[
                    &op.record_id,
                    &tekst(&nieuw, "balie").unwrap_or_default(),
                    &tekst(&nieuw, "dag").unwrap_or_default(),
                ],
            )
            .await?;
        }
        _ => {}
    }
    tx.execute(
        "INSERT INTO loket_record (tabel, record_id, hlc, desk_id, payload) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tabel, record_id) DO UPDATE
         SET hlc = excluded.hlc, desk_id = excluded.desk_id, payload = excluded.payload",
        &[&op.tabel, &op.record_id, &hlc, &desk, &nieuw],
    )
    .await?;
    // The next number, from the counter row this transaction now holds until it commits.
    let seq: i64 = tx
        .query_one(
            "UPDATE loket_teller SET waarde = waarde + 1 WHERE id = 1 RETURNING waarde",
            &[],
        )
        .await?
        .get(0);
    tx.execute(
        "INSERT INTO loket_change (seq, tabel, record_id, desk_id, hlc, payload) VALUES ($1, $2, $3, $4, $5, $6)",
        &[&seq, &op.tabel, &op.record_id, &desk, &hlc, &nieuw],
    )
    .await?;
    Ok(Uitkomst::Toegepast)
}

/// A change as a desk reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Wijziging {
    pub seq: i64,
    pub tabel: String,
    pub record_id: Uuid,
    pub desk_id: Uuid,
    pub hlc: String,
    pub payload: Json,
}

/// Changes after `cursor`, oldest first, at most `max`.
pub async fn wijzigingen(
    c: &impl GenericClient,
    cursor: i64,
    max: i64,
) -> Result<Vec<Wijziging>, tokio_postgres::Error> {
    Ok(c.query(
        "SELECT seq, tabel, record_id, desk_id, hlc, payload FROM loket_change
             WHERE seq > $1 ORDER BY seq LIMIT $2",
        &[&cursor, &max],
    )
    .await?
    .into_iter()
    .map(|r| Wijziging {
        seq: r.get(0),
        tabel: r.get(1),
        record_id: r.get(2),
        desk_id: r.get(3),
        hlc: r.get(4),
        payload: r.get(5),
    })
    .collect())
}

/// The server's view of a desk: the last operation it applied.
pub async fn laatste_op(c: &impl GenericClient, desk: Uuid) -> Result<i64, tokio_postgres::Error> {
    Ok(c.query_opt(
        "SELECT last_op_seq FROM loket_desk WHERE desk_id = $1",
        &[&desk],
    )
    .await?
    .map_or(0, |r| r.get(0)))
}

/// The desk's number on this server (for its fallback ticket prefix, "S2-001"); registers the
/// desk when new.
pub async fn desk_nummer(c: &impl GenericClient, desk: Uuid) -> Result<i32, tokio_postgres::Error> {
    c.execute(
        "INSERT INTO loket_desk (desk_id)
         SELECT $1 WHERE NOT EXISTS (SELECT 1 FROM loket_desk WHERE desk_id = $1)
         ON CONFLICT DO NOTHING",
        &[&desk],
    )
    .await?;
    Ok(
        c.query_one("SELECT nummer FROM loket_desk WHERE desk_id = $1", &[&desk])
            .await?
            .get(0),
    )
}

/// Lease the next block of `grootte` ticket numbers for `prefix` at `locatie` on `dag` (the
/// desk's day by its clock corrected to the server's) to `desk`. Returns (day, from, to).
pub async fn lease_blok(
    c: &mut Client,
    desk: Uuid,
    locatie: &str,
    dag: chrono::NaiveDate,
    prefix: &str,
    grootte: i32,
) -> Result<(chrono::NaiveDate, i32, i32), tokio_postgres::Error> {
    let tx = c.transaction().await?;
    let sleutel = format!("{locatie}|{prefix}");
    tx.execute("SELECT pg_advisory_xact_lock(hashtext($1))", &[&sleutel])
        .await?;
    let rij = tx
        .query_one(
            "SELECT coalesce(max(tot), 0) FROM loket_ticketblok
             WHERE locatie = $1 AND prefix = $2 AND dag = $3",
            &[&locatie, &prefix, &dag],
        )
        .await?;
    let van: i32 = rij.get::<_, i32>(0) + 1;
    let tot = van + grootte - 1;
    tx.execute(
        "INSERT INTO loket_ticketblok (locatie, dag, prefix, van, tot, desk_id) VALUES ($1, $2, $3, $4, $5, $6)",
        &[&locatie, &dag, &prefix, &van, &tot, &desk],
    )
    .await?;
    tx.commit().await?;
    Ok((dag, van, tot))
}

/// The server's current version of these records (seq 0: not from the change log), for a desk
/// whose change lost to a later one it may not have read yet.
pub async fn huidige(
    c: &impl GenericClient,
    records: &[(String, Uuid)],
) -> Result<Vec<Wijziging>, tokio_postgres::Error> {
    let mut uit = Vec::new();
    for (tabel, id) in records {
        if let Some(r) = c
            .query_opt(
                "SELECT desk_id, hlc, payload FROM loket_record WHERE tabel = $1 AND record_id = $2",
                &[tabel, id],
            )
            .await?
        {
            uit.push(Wijziging {
                seq: 0,
                tabel: tabel.clone(),
                record_id: *id,
                desk_id: r.get(0),
                hlc: r.get(1),
                payload: r.get(2),
            });
        }
    }
    Ok(uit)
}
