//! The shared PostgreSQL database: its schema (versioned like the desk's), and the two things a
//! desk does there: hand in its operations (applied under the server's rules, exactly once, in one
//! transaction per batch) and read what changed since its cursor.
//!
//! Ordering: every applied change gets the next number of a counter row that the applying
//! transaction updates and holds until it commits. Transactions that apply changes therefore
//! commit in number order, so a reader asking for `seq > cursor` never skips a number that
//! commits later (which a plain BIGSERIAL would allow).

use serde_json::Value as Json;
use tokio_postgres::types::Type;
use tokio_postgres::{Client, GenericClient};
use uuid::Uuid;

/// The server schema this program knows. A server at a higher version is refused.
pub const SERVER_SCHEMA: i32 = 8;

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
    // 4: the apply step as one server-side function per batch (issue 18).
    include_str!("sql/4_toepassen.sql"),
    // 5: a batch that only creates records is written as sets (in FUNCTIES; desks of schema 4
    // are asked to update). The index on tabel alone goes: the primary key (tabel, record_id)
    // serves every look by table, and each record written paid for both.
    "DROP INDEX IF EXISTS loket_record_tabel;",
    // 6: who is at the keyboard (issue 19): group roles, desk and medewerker logins, sign-ins.
    include_str!("sql/6_identiteit.sql"),
    // 7: sign-ins a desk accepted offline, handed in with its next round
    // (`loket_aanmelding_melden` in FUNCTIES), are marked as such and keyed by the desk's own
    // id for them (an answer lost never records one twice).
    "ALTER TABLE loket_aanmelding ADD COLUMN IF NOT EXISTS offline boolean NOT NULL DEFAULT false;
     ALTER TABLE loket_aanmelding ADD COLUMN IF NOT EXISTS desk_aanmelding uuid UNIQUE;
     DROP FUNCTION IF EXISTS loket_aanmelding_melden(uuid, name, bigint, timestamptz, timestamptz);",
    // 8: every view of personal data says why (doelbinding).
    "ALTER TABLE loket_inzage ADD COLUMN IF NOT EXISTS doel text;",
];

/// The server's functions, created again by every `loket server init` after the migrations. A
/// change here raises [`SERVER_SCHEMA`] (with a migration, if only `SELECT 1`), so desks know.
const FUNCTIES: &str = include_str!("sql/functies.sql");

/// Who may do what (grants and row-level security), run after [`FUNCTIES`] by every init.
const RECHTEN: &str = include_str!("sql/rechten.sql");

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
    #[error("de gedeelde database gaf een antwoord dat deze loket niet kan lezen")]
    Antwoord,
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
    tx.batch_execute(FUNCTIES).await?;
    tx.batch_execute(RECHTEN).await?;
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

/// Whether a server at schema `versie` (None: not set up) is one this program can use.
fn schema_oordeel(versie: Option<i32>) -> Result<(), ServerFout> {
    match versie {
        None | Some(0) => Err(ServerFout::NietIngericht),
        Some(v) if v > SERVER_SCHEMA => Err(ServerFout::Nieuwer {
            server: v,
            eigen: SERVER_SCHEMA,
        }),
        Some(v) if v < SERVER_SCHEMA => Err(ServerFout::Ouder {
            server: v,
            eigen: SERVER_SCHEMA,
        }),
        Some(_) => Ok(()),
    }
}

/// A desk may use this server: its schema is there and not newer than ours. Returns the epoch.
pub async fn controleer(c: &impl GenericClient) -> Result<String, ServerFout> {
    schema_oordeel(versie(c).await?)?;
    Ok(
        c.query_one("SELECT value FROM loket_meta WHERE key = 'epoch'", &[])
            .await?
            .get(0),
    )
}

/// [`controleer`], the server's clock and the number of this desk's last lost edit, in one round
/// trip (each sync round starts with it).
pub async fn controleer_met_tijd(
    c: &impl GenericClient,
    desk: Uuid,
) -> Result<(String, chrono::DateTime<chrono::Utc>, i64), ServerFout> {
    // The last lost edit of this desk comes along (one look at an index), so a round asks for
    // its lost edits only when there is one it has not seen.
    // Sent with its parameter's type: one round trip, where a prepared statement takes two (a
    // round follows every change in the hall, on every desk).
    let rij = match c
        .query_typed_one(
            "SELECT (SELECT value FROM loket_meta WHERE key = 'schema_version'),
                    (SELECT value FROM loket_meta WHERE key = 'epoch'),
                    clock_timestamp(),
                    (SELECT coalesce(max(id), 0) FROM loket_verloren WHERE desk_id = $1)",
            &[(&desk, Type::UUID)],
        )
        .await
    {
        Ok(r) => r,
        Err(e) if e.code() == Some(&tokio_postgres::error::SqlState::UNDEFINED_TABLE) => {
            return Err(ServerFout::NietIngericht);
        }
        Err(e) => return Err(e.into()),
    };
    let versie: Option<i32> = rij.get::<_, Option<String>>(0).and_then(|v| v.parse().ok());
    schema_oordeel(versie)?;
    let epoch: Option<String> = rij.get(1);
    Ok((
        epoch.ok_or(ServerFout::NietIngericht)?,
        rij.get(2),
        rij.get(3),
    ))
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
    /// A refusal this desk already had for this operation before the server was restored from a
    /// backup: the server keeps that decision instead of judging the operation again.
    pub besluit: Option<String>,
    /// The row as the desk had it before this change (the payload's shape), for a three-way
    /// merge per field; None for a new record (or from a desk too old to send it).
    pub basis: Option<Json>,
    /// The medewerker signed in at the desk when it was written (None: nobody was, as for the
    /// telephone's own records). The server accepts it only under a sign-in that stood.
    pub medewerker: Option<Uuid>,
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

/// The search log: a question that looks like personal data loses its words before it leaves.
fn schoon<'a>(tabel: &str, j: &'a Json) -> std::borrow::Cow<'a, Json> {
    let mut payload = std::borrow::Cow::Borrowed(j);
    if tabel == ZOEKLOG && payload.get("vraag").is_some_and(Json::is_string) {
        crate::domain::kennisbank::schoon_zoekactie(payload.to_mut());
    }
    payload
}

/// `s` as an SQL string literal (`E'...'`): quotes and backslashes escaped; a NUL, which
/// PostgreSQL text cannot hold, becomes U+FFFD.
fn sql_tekst(s: &str) -> String {
    let mut uit = String::with_capacity(s.len() + 3);
    uit.push_str("E'");
    for c in s.chars() {
        match c {
            '\'' => uit.push_str("''"),
            '\\' => uit.push_str("\\\\"),
            '\0' => uit.push('\u{FFFD}'),
            c => uit.push(c),
        }
    }
    uit.push('\'');
    uit
}

/// JSON text (as serde_json writes it) as an SQL string literal (`E'...'`), in one pass: quotes
/// and backslashes escaped, and `\u0000` (a NUL, which jsonb refuses) becomes `\ufffd`. An
/// escape is copied as a whole, so a written backslash followed by `u0000` stays as it was.
fn json_literal(json: &str) -> String {
    let mut uit = String::with_capacity(json.len() + json.len() / 8 + 3);
    uit.push_str("E'");
    let mut rest = json;
    while let Some(i) = rest.find(['\'', '\\', '\0']) {
        uit.push_str(&rest[..i]);
        let na = &rest[i..];
        if let Some(r) = na.strip_prefix('\'') {
            uit.push_str("''");
            rest = r;
        } else if let Some(r) = na.strip_prefix('\0') {
            uit.push('\u{FFFD}');
            rest = r;
        } else if let Some(r) = na.strip_prefix("\\u0000") {
            uit.push_str("\\\\ufffd");
            rest = r;
        } else {
            // The backslash and the character it escapes (never a quote: that is left to the
            // next step, so it is doubled whatever came before it).
            uit.push_str("\\\\");
            match na[1..].chars().next() {
                Some('\\') => {
                    uit.push_str("\\\\");
                    rest = &na[2..];
                }
                Some(c) if c != '\'' && c != '\0' => {
                    uit.push(c);
                    rest = &na[1 + c.len_utf8()..];
                }
                _ => rest = &na[1..],
            }
        }
    }
    uit.push_str(rest);
    uit.push('\'');
    uit
}

/// One statement's single text value, sent as one simple query: the server has the whole
/// statement before it starts, and commits as soon as it is done (nothing waits on this desk).
async fn een_waarde(c: &Client, sql: &str) -> Result<String, tokio_postgres::Error> {
    for m in c.simple_query(sql).await? {
        if let tokio_postgres::SimpleQueryMessage::Row(r) = m
            && let Some(v) = r.get(0)
        {
            return Ok(v.to_string());
        }
    }
    Ok(String::new())
}

/// Hand in `ops` of `desk` (sorted by op_seq) with one call of the server's apply function
/// (`loket_lever_in`): applied under the server's rules, exactly once, in one short server-side
/// step. A resent operation gets its stored outcome and changes nothing; a gap stops the batch
/// (what came before it is kept).
pub async fn lever_in(
    c: &mut Client,
    desk: Uuid,
    ops: &[Operatie],
) -> Result<Antwoord, ServerFout> {
    /// An operation as the apply function reads it; empty fields are left out.
    #[derive(serde::Serialize)]
    struct Uit<'a> {
        op_seq: i64,
        op_id: &'a Uuid,
        hlc: &'a str,
        tabel: &'a str,
        record_id: &'a Uuid,
        payload: std::borrow::Cow<'a, Json>,
        #[serde(skip_serializing_if = "Option::is_none")]
        verwacht: Option<&'a Json>,
        #[serde(skip_serializing_if = "Option::is_none")]
        basis: Option<std::borrow::Cow<'a, Json>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        besluit: Option<&'static str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        reden: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        m: Option<&'a Uuid>,
    }
    let lijst: Vec<Uit> = ops
        .iter()
        .map(|op| Uit {
            op_seq: op.op_seq,
            op_id: &op.op_id,
            hlc: &op.hlc,
            tabel: &op.tabel,
            record_id: &op.record_id,
            payload: schoon(&op.tabel, &op.payload),
            verwacht: op.verwacht.as_ref().filter(|v| !v.is_null()),
            basis: op
                .basis
                .as_ref()
                .filter(|b| !b.is_null())
                .map(|b| schoon(&op.tabel, b)),
            besluit: op.besluit.as_ref().map(|_| "geweigerd"),
            reden: op.besluit.as_deref(),
            m: op.medewerker.as_ref(),
        })
        .collect();
    let json = serde_json::to_string(&lijst).map_err(|_| ServerFout::Antwoord)?;
    let sql = format!(
        "SELECT loket_lever_in('{desk}'::uuid, {}::jsonb)::text",
        json_literal(&json)
    );
    let tekst = een_waarde(c, &sql).await?;
    lees_antwoord(&tekst).ok_or(ServerFout::Antwoord)
}

/// The apply function's answer: `{"uitkomsten": [[op_seq, uitkomst, reden]], "gat",
/// "hernummeren"}`.
fn lees_antwoord(tekst: &str) -> Option<Antwoord> {
    let j: Json = serde_json::from_str(tekst).ok()?;
    let uitkomsten = j
        .get("uitkomsten")?
        .as_array()?
        .iter()
        .map(|u| {
            let seq = u.get(0)?.as_i64()?;
            let uitkomst = u.get(1)?.as_str()?;
            let reden = u.get(2).and_then(Json::as_str).map(String::from);
            Some((seq, Uitkomst::lees(uitkomst, reden)))
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Antwoord {
        uitkomsten,
        gat: j.get("gat").and_then(Json::as_i64),
        hernummeren: j.get("hernummeren").and_then(Json::as_i64),
    })
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
    Ok(c.query_typed(
        "SELECT seq, tabel, record_id, desk_id, hlc, payload FROM loket_change
             WHERE seq > $1 ORDER BY seq LIMIT $2",
        &[(&cursor, Type::INT8), (&max, Type::INT8)],
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
    Ok(
        c.query_typed_one("SELECT loket_desk_nummer($1)", &[(&desk, Type::UUID)])
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
) -> Result<(chrono::NaiveDate, i32, i32), ServerFout> {
    let sql = format!(
        "SELECT array_to_string(loket_lease_blok('{desk}'::uuid, {}, '{dag}'::date, {}, {grootte}), ',')",
        sql_tekst(locatie),
        sql_tekst(prefix)
    );
    let tekst = een_waarde(c, &sql).await?;
    let mut delen = tekst.split(',').map(|d| d.parse::<i32>().ok());
    match (delen.next().flatten(), delen.next().flatten()) {
        (Some(van), Some(tot)) => Ok((dag, van, tot)),
        _ => Err(ServerFout::Antwoord),
    }
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

/// Per table: how many records the server holds and their checksum (see `sync::controle`).
pub async fn controlegetallen(
    c: &impl GenericClient,
) -> Result<std::collections::HashMap<String, super::controle::Controlegetal>, ServerFout> {
    let mut uit = std::collections::HashMap::new();
    for r in c
        .query(
            "SELECT tabel, aantal, som FROM loket_controlegetallen()",
            &[],
        )
        .await?
    {
        let som: String = r.get(2);
        uit.insert(
            r.get::<_, String>(0),
            super::controle::Controlegetal {
                aantal: r.get(1),
                som: som.parse().map_err(|_| ServerFout::Antwoord)?,
            },
        );
    }
    Ok(uit)
}

/// (record id, updated_at) of every record of `tabel` on the server.
pub async fn sleutels(
    c: &impl GenericClient,
    tabel: &str,
) -> Result<std::collections::HashMap<String, String>, tokio_postgres::Error> {
    Ok(c
        .query(
            "SELECT record_id::text, coalesce(payload->>'updated_at', '') FROM loket_record WHERE tabel = $1",
            &[&tabel],
        )
        .await?
        .into_iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect())
}

/// Hand back `rijen` of `tabel` that the server lacks (symmetric repair). Returns how many it
/// added and the refusals in Dutch.
pub async fn herstel(
    c: &Client,
    desk: Uuid,
    tabel: &str,
    rijen: &[Json],
) -> Result<(usize, Vec<String>), ServerFout> {
    let lijst: Vec<Json> = rijen
        .iter()
        .filter_map(|p| {
            Some(serde_json::json!({
                "tabel": tabel,
                "record_id": p.get("id")?.as_str()?,
                "payload": p,
            }))
        })
        .collect();
    let sql = format!(
        "SELECT loket_herstel('{desk}'::uuid, {}::jsonb)::text",
        json_literal(&Json::Array(lijst).to_string())
    );
    let j: Json =
        serde_json::from_str(&een_waarde(c, &sql).await?).map_err(|_| ServerFout::Antwoord)?;
    let n = j.get("toegevoegd").and_then(Json::as_u64).unwrap_or(0) as usize;
    let geweigerd = j
        .get("geweigerd")
        .and_then(Json::as_array)
        .map(|a| {
            a.iter()
                .map(|g| {
                    format!(
                        "{} {}: {}",
                        g.get(0).and_then(Json::as_str).unwrap_or_default(),
                        g.get(1).and_then(Json::as_str).unwrap_or_default(),
                        g.get(2).and_then(Json::as_str).unwrap_or_default()
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    Ok((n, geweigerd))
}

/// The edits of `desk` that lost to a concurrent edit of the same field at another desk, after
/// the server's number `na` (oldest first, at most `max`), for the medewerker's list.
pub async fn verloren(
    c: &impl GenericClient,
    desk: Uuid,
    na: i64,
    max: i64,
) -> Result<Vec<super::melding::Verloren>, tokio_postgres::Error> {
    Ok(c.query_typed(
        "SELECT v.id, v.tabel, v.record_id, v.veld, v.eigen, v.winnaar,
                    coalesce(v.door_desk, '00000000-0000-0000-0000-000000000000'::uuid),
                    CASE WHEN loket_hlc_ms(v.door_hlc) IS NULL THEN v.ontstaan
                         ELSE to_timestamp(loket_hlc_ms(v.door_hlc) / 1000.0) END
             FROM loket_verloren v WHERE v.desk_id = $1 AND v.id > $2 ORDER BY v.id LIMIT $3",
        &[(&desk, Type::UUID), (&na, Type::INT8), (&max, Type::INT8)],
    )
    .await?
    .into_iter()
    .map(|r| super::melding::Verloren {
        id: r.get(0),
        tabel: r.get(1),
        record_id: r.get(2),
        veld: r.get(3),
        eigen: r.get::<_, Option<Json>>(4).unwrap_or(Json::Null),
        winnaar: r.get::<_, Option<Json>>(5).unwrap_or(Json::Null),
        door_desk: r.get(6),
        door: None,
        op: r.get(7),
    })
    .collect())
}

/// The server's audit log of one klant: every desk's views of their record and of `zaken`
/// (their zaken by id), newest first, with the zaak's id where one was seen (a reading on the
/// server has no desk: "server"). Readable with the privacy officer's login only (anyone else:
/// insufficient privilege); the reading is logged too, as looked at or (`export`) exported.
pub async fn inzage_van_klant(
    c: &impl GenericClient,
    partij: Uuid,
    zaken: &[Uuid],
    export: bool,
) -> Result<Vec<crate::domain::klant::AuditRegel>, ServerFout> {
    controleer(c).await?;
    let zaken = zaken.to_vec();
    let handeling = if export {
        "auditlog geëxporteerd"
    } else {
        "auditlog bekeken"
    };
    Ok(c.query_typed(
        "SELECT tijdstip, coalesce(desk_id::text, 'server'), medewerker, partij_id::text, zaak_id::text, handeling, doel
           FROM loket_inzage_van_klant($1, $2, $3)",
        &[
            (&partij, Type::UUID),
            (&zaken, Type::UUID_ARRAY),
            (&handeling, Type::TEXT),
        ],
    )
    .await?
    .iter()
    .map(|r| crate::domain::klant::AuditRegel {
        at: r.get(0),
        desk_id: r.get(1),
        medewerker: r.get(2),
        partij_id: r.get(3),
        zaak: r.get(4),
        reden: r.get(5),
        doel: r.get(6),
    })
    .collect())
}

/// Under which login a desk connects, as the server sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeskLogin {
    /// The login registered for this desk: as it should be.
    Eigen(String),
    /// The owner of the tables (or a superuser): it works, but a desk should have its own.
    Eigenaar(String),
    /// Any other login: its hand-ins are refused.
    Anders(String),
}

pub async fn desk_login(c: &impl GenericClient, desk: Uuid) -> Result<DeskLogin, ServerFout> {
    let r = c
        .query_typed_one(
            "SELECT session_user::text, loket_eigen_desk() IS NOT DISTINCT FROM $1,
                    pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'loket_record'::regclass), 'MEMBER')",
            &[(&desk, Type::UUID)],
        )
        .await?;
    let login: String = r.get(0);
    Ok(match (r.get::<_, bool>(1), r.get::<_, bool>(2)) {
        (true, _) => DeskLogin::Eigen(login),
        (false, true) => DeskLogin::Eigenaar(login),
        (false, false) => DeskLogin::Anders(login),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What PostgreSQL reads from an `E'...'` literal.
    fn lees_literal(l: &str) -> String {
        let binnen = l.strip_prefix("E'").unwrap().strip_suffix('\'').unwrap();
        let mut uit = String::new();
        let mut tekens = binnen.chars();
        while let Some(c) = tekens.next() {
            match c {
                '\\' => uit.push(tekens.next().unwrap()),
                '\'' => {
                    assert_eq!(
                        tekens.next(),
                        Some('\''),
                        "a lone quote ends the literal: {l}"
                    );
                    uit.push('\'');
                }
                c => uit.push(c),
            }
        }
        uit
    }

    #[test]
    fn json_literal_keeps_every_string_and_replaces_nul() {
        for s in [
            "gewoon",
            "O'Brien",
            "''",
            "a\\b",
            "\\'",
            "\\\\'",
            "\\u0000",
            "\0",
            "x\0y\u{1}\n\t\"'",
            "é ✓ 𝄞",
            "'); DROP TABLE loket_record; --",
        ] {
            let j = serde_json::json!({ "naam": s, "lijst": [s, 1, null] });
            let l = json_literal(&j.to_string());
            let terug: Json = serde_json::from_str(&lees_literal(&l)).unwrap();
            let verwacht = s.replace('\0', "\u{FFFD}");
            assert_eq!(terug["naam"], Json::from(verwacht.clone()), "{s:?} as {l}");
            assert_eq!(terug["lijst"][0], Json::from(verwacht));
        }
    }
}
