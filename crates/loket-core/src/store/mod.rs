//! The local SQLite store: opening (with refusal of foreign, newer or corrupt files), migrations,
//! the one write path for synced records (row + outbox entry in one transaction), and the queries
//! the panes need. Nothing here knows about the terminal.

pub mod afspraken;
pub mod gesprekken;
mod hlc;
pub mod kas;
pub mod kennisbank;
pub mod klanten;
pub mod klantgeleiding;
pub mod lookup;
mod migrations;
pub mod overview;
pub mod rapport;
pub mod records;
pub mod registratie;
pub mod training;
pub mod verzoeken;
pub mod vloer;
pub mod worker;

use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};
use uuid::Uuid;

pub use crate::domain::RecordMeta;
pub use hlc::Hlc;
pub use migrations::MIGRATIONS;
pub use records::SyncRecord;

/// `PRAGMA application_id` of every loket database: the bytes "LKET".
pub const APPLICATION_ID: i32 = 0x4C4B_4554;

/// The schema version this binary writes and understands.
pub const SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

/// Why a database file was refused. The file is left exactly as it was.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("{path} is geen loket-database; het bestand is niet aangeraakt")]
    NotLoket { path: PathBuf, found: i32 },
    #[error(
        "{path} heeft schemaversie {found}, nieuwer dan deze versie van loket (tot en met {supported}); \
         werk loket bij. Het bestand is niet aangeraakt"
    )]
    Newer {
        path: PathBuf,
        found: i32,
        supported: i32,
    },
    /// `detail` holds SQLite's own (English) words, for developers; the agent sees the Dutch text.
    #[error("{path} is beschadigd of geen databasebestand; het bestand is niet aangeraakt")]
    Corrupt { path: PathBuf, detail: String },
    /// `reden` in Dutch for the user; `detail` the library's own words, for the log.
    #[error("{path} kan niet worden geopend: {reden}")]
    Io {
        path: PathBuf,
        reden: String,
        detail: String,
    },
    /// A command that only reads was pointed at a file that is not there, or empty: it says so
    /// rather than answer from an empty database (a privacy officer with a typo must not hear
    /// "nobody looked").
    #[error("{path} bestaat niet of is leeg: er is niets te lezen; het bestand is niet aangemaakt")]
    Ontbreekt { path: PathBuf },
    /// A file that exists but is empty (zero bytes, or another program's empty database):
    /// loket only initialises a file it created itself.
    #[error(
        "{path} bestaat al maar is leeg; loket neemt alleen een bestand over dat het zelf heeft \
         aangemaakt. Verwijder het of kies een ander pad. Het bestand is niet aangeraakt"
    )]
    Leeg { path: PathBuf },
    /// A desk database others can read (as ssh refuses a private key others can read): it holds
    /// personal data. Said with the fix.
    #[error(
        "{path} is leesbaar voor anderen (rechten {mode:03o}); loket opent het niet, want het bevat \
         persoonsgegevens. Herstel: chmod 600 {path}"
    )]
    LeesbaarVoorAnderen { path: PathBuf, mode: u32 },
    #[error(
        "{path} heeft schemaversie {found}, ouder dan deze versie van loket ({supported}); start er \
         eerst een desk mee om hem bij te werken. Het bestand is niet aangeraakt"
    )]
    Ouder {
        path: PathBuf,
        found: i32,
        supported: i32,
    },
}

/// What a file on disk turned out to be, before anything is written to it.
#[derive(Debug, PartialEq, Eq)]
enum FileState {
    /// No file: loket creates it.
    Absent,
    /// A file of zero bytes, or an SQLite database without tables: not loket's (loket never
    /// leaves one behind, see [`Store::open`]), so not taken over.
    Empty,
    /// A loket database at this schema version.
    Loket { version: i32 },
}

/// Format a UTC timestamp the way every table stores it: fixed width, so text order is time order.
pub fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Parse a timestamp written by [`ts`].
pub fn parse_ts(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Create a new loket database at `path`: built beside it and moved into place complete, so a
/// crash never leaves an empty or half-made file under the real name (which the next start
/// would rightly refuse as not loket's).
fn maak_nieuw(path: &Path) -> Result<(), OpenError> {
    let io = |e: rusqlite::Error| OpenError::Io {
        path: path.into(),
        reden: crate::melding::sqlite(&e),
        detail: e.to_string(),
    };
    let fs = |e: std::io::Error| OpenError::Io {
        path: path.into(),
        reden: crate::melding::io(&e),
        detail: e.to_string(),
    };
    // A name of its own: desks starting together on one new shared file each build one.
    let tmp = sibling(path, &format!(".nieuw-{}", Uuid::new_v4().simple()));
    let weg = |tmp: &Path| {
        for f in [
            tmp.to_path_buf(),
            sibling(tmp, "-wal"),
            sibling(tmp, "-shm"),
        ] {
            let _ = std::fs::remove_file(f);
        }
    };
    let gebouwd = (|| {
        // Readable by its owner only, from the first byte: it will hold personal data (SQLite
        // gives its -wal and -shm files the same rights).
        let mut o = std::fs::OpenOptions::new();
        o.write(true).create_new(true);
        std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
        o.open(&tmp).map_err(fs)?;
        let mut conn = Connection::open(&tmp).map_err(io)?;
        configure(&conn).map_err(io)?;
        migrate(&mut conn, 0, SCHEMA_VERSION).map_err(io)?;
        // Closing the last connection checkpoints the WAL into the file and removes it.
        conn.close().map_err(|(_, e)| io(e))
    })();
    if let Err(e) = gebouwd {
        weg(&tmp);
        return Err(e);
    }
    // A hard link appears only if nothing has the name yet: when another desk was first, its
    // database stays and ours is dropped (a rename would replace a file already in use).
    let gelinkt = std::fs::hard_link(&tmp, path);
    weg(&tmp);
    match gelinkt {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(fs(e)),
    }
}

/// Inspect a database file read-only. Refuses anything that is not (or not yet) a loket database.
/// Refuse a loket database that anyone but its owner may read or write.
fn alleen_eigenaar(path: &Path) -> Result<(), OpenError> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)
        .map(|m| m.permissions().mode() & 0o777)
        .unwrap_or(0o600);
    if mode & 0o077 != 0 {
        return Err(OpenError::LeesbaarVoorAnderen {
            path: path.into(),
            mode,
        });
    }
    Ok(())
}

fn inspect(path: &Path) -> Result<FileState, OpenError> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileState::Absent),
        Err(e) => {
            return Err(OpenError::Io {
                path: path.into(),
                reden: crate::melding::io(&e),
                detail: e.to_string(),
            });
        }
    };
    if !meta.is_file() {
        return Err(OpenError::NotLoket {
            path: path.into(),
            found: 0,
        });
    }
    if meta.len() == 0 {
        return Ok(FileState::Empty);
    }
    let corrupt = |e: rusqlite::Error| OpenError::Corrupt {
        path: path.into(),
        detail: e.to_string(),
    };
    let conn = open_lezend(path).map_err(corrupt)?;
    // Reading the schema forces SQLite to parse the header and the first page.
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(corrupt)?;
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(corrupt)?;
    let version: i32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(corrupt)?;
    if app_id == 0 && tables == 0 && version == 0 {
        return Ok(FileState::Empty);
    }
    if app_id != APPLICATION_ID {
        return Err(OpenError::NotLoket {
            path: path.into(),
            found: app_id,
        });
    }
    if version > SCHEMA_VERSION {
        return Err(OpenError::Newer {
            path: path.into(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(FileState::Loket { version })
}

/// Open `path` only to read it. Without a WAL file beside it (no desk has it open) it is opened
/// as immutable: SQLite then reads only the main file and creates no -wal or -shm files next to a
/// file we may refuse or must not change.
fn open_lezend(path: &Path) -> rusqlite::Result<Connection> {
    if sibling(path, "-wal").exists() {
        Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
    } else {
        Connection::open_with_flags(
            immutable_uri(path),
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )
    }
}

/// `path` with `suffix` appended to its file name (`loket.db` -> `loket.db-wal`).
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// An SQLite URI that opens `path` read-only as immutable (characters that mean something in a
/// URI are percent-encoded).
fn immutable_uri(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::from("file:");
    for c in abs.to_string_lossy().chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out.push_str("?immutable=1");
    out
}

/// Apply the connection settings every loket connection uses.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // FULL: a registration the UI reported as saved survives a power cut.
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

/// Bring `conn` from schema version `from` to `to` in one transaction.
pub fn migrate(conn: &mut Connection, from: i32, to: i32) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for (i, sql) in MIGRATIONS.iter().enumerate() {
        let version = i as i32 + 1;
        if version > from && version <= to {
            tx.execute_batch(sql)?;
            if version == migrations::ZOEKLOG_SCHOON {
                migrations::schoon_zoeklog(&tx)?;
            }
        }
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", to)?;
    tx.commit()
}

/// The local database of one desk.
pub struct Store {
    conn: Connection,
    desk_id: Uuid,
    hlc: Hlc,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("desk_id", &self.desk_id)
            .finish()
    }
}

impl Store {
    /// Open (creating when absent) the database at `path` for the desk `desk_id`, refusing files
    /// that are not loket databases, that have a newer schema, or that are corrupt.
    pub fn open(path: &Path, desk_id: Uuid) -> Result<Store, OpenError> {
        let io = |e: rusqlite::Error| OpenError::Io {
            path: path.into(),
            reden: crate::melding::sqlite(&e),
            detail: e.to_string(),
        };
        let state = match inspect(path)? {
            FileState::Empty => return Err(OpenError::Leeg { path: path.into() }),
            FileState::Absent => {
                maak_nieuw(path)?;
                FileState::Loket {
                    version: SCHEMA_VERSION,
                }
            }
            s => {
                alleen_eigenaar(path)?;
                s
            }
        };
        let mut conn = Connection::open(path).map_err(io)?;
        configure(&conn).map_err(io)?;
        // A WAL left by a crash may hold a newer version than the main file showed.
        let from: i32 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(io)?;
        if from > SCHEMA_VERSION {
            return Err(OpenError::Newer {
                path: path.into(),
                found: from,
                supported: SCHEMA_VERSION,
            });
        }
        if let FileState::Loket { version } = state {
            debug_assert!(version <= from);
        }
        if from < SCHEMA_VERSION {
            migrate(&mut conn, from, SCHEMA_VERSION).map_err(io)?;
        }
        let last_hlc: Option<String> = conn
            .query_row("SELECT max(hlc) FROM outbox", [], |r| r.get(0))
            .map_err(io)?;
        Ok(Store {
            conn,
            desk_id,
            hlc: Hlc::resume(last_hlc.as_deref()),
            path: path.into(),
        })
    }

    /// Open an existing loket database only to read it (audit, rapport, statistics): nothing
    /// is created, migrated or written, and a missing, empty, foreign, corrupt, older or newer
    /// file is refused with the reason.
    pub fn open_alleen_lezen(path: &Path) -> Result<Store, OpenError> {
        if !path.exists() {
            return Err(OpenError::Ontbreekt { path: path.into() });
        }
        if !path.is_file() {
            return Err(OpenError::NotLoket {
                path: path.into(),
                found: 0,
            });
        }
        match inspect(path)? {
            FileState::Absent | FileState::Empty => Err(OpenError::Ontbreekt { path: path.into() }),
            FileState::Loket { version } if version < SCHEMA_VERSION => Err(OpenError::Ouder {
                path: path.into(),
                found: version,
                supported: SCHEMA_VERSION,
            }),
            FileState::Loket { .. } => {
                alleen_eigenaar(path)?;
                let io = |e: rusqlite::Error| OpenError::Io {
                    path: path.into(),
                    reden: crate::melding::sqlite(&e),
                    detail: e.to_string(),
                };
                let conn = open_lezend(path).map_err(io)?;
                conn.busy_timeout(std::time::Duration::from_secs(5))
                    .map_err(io)?;
                Ok(Store {
                    conn,
                    desk_id: Uuid::nil(),
                    hlc: Hlc::resume(None),
                    path: path.into(),
                })
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn desk_id(&self) -> Uuid {
        self.desk_id
    }

    /// The raw connection, for bulk loaders (the demo generator) and queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    pub fn schema_version(&self) -> rusqlite::Result<i32> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
    }

    pub fn meta(&self, key: &str) -> rusqlite::Result<Option<String>> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
    }

    pub fn set_meta(&self, key: &str, value: &str) -> rusqlite::Result<()> {
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    /// Insert or update a synced record and append its outbox entry, in one transaction.
    /// Sets `updated_at` and `desk_id` to this write. Either both rows are written or neither.
    pub fn save<R: SyncRecord>(&mut self, rec: &mut R, now: DateTime<Utc>) -> anyhow::Result<()> {
        let mut batch = self.batch(now)?;
        batch.save(rec)?;
        batch.commit()
    }

    /// Start a transaction in which several records are saved together (a contactmoment with its
    /// vragen and contactverzoek): all of them, with their outbox entries, or none.
    pub fn batch(&mut self, now: DateTime<Utc>) -> rusqlite::Result<Batch<'_>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        Ok(Batch {
            tx,
            desk_id: self.desk_id,
            hlc: &mut self.hlc,
            now,
        })
    }

    /// Operations not yet uploaded, oldest first.
    pub fn pending_outbox(&self) -> rusqlite::Result<i64> {
        self.conn.query_row(
            "SELECT count(*) FROM outbox WHERE uploaded_at IS NULL",
            [],
            |r| r.get(0),
        )
    }
}

/// A column value as JSON (the outbox payload).
pub fn kolom_json(v: &rusqlite::types::Value) -> serde_json::Value {
    use rusqlite::types::Value;
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Integer(i) => (*i).into(),
        Value::Real(f) => (*f).into(),
        Value::Text(t) => t.clone().into(),
        Value::Blob(b) => b
            .iter()
            .map(|x| format!("{x:02x}"))
            .collect::<String>()
            .into(),
    }
}

/// Writes in one transaction; dropped without `commit` it rolls everything back.
pub struct Batch<'a> {
    tx: rusqlite::Transaction<'a>,
    desk_id: Uuid,
    hlc: &'a mut Hlc,
    now: DateTime<Utc>,
}

impl Batch<'_> {
    /// Read inside the transaction (e.g. the next number before writing it).
    pub fn conn(&self) -> &rusqlite::Connection {
        &self.tx
    }

    /// Upsert `rec` (tombstoned: a delete) and append its outbox entry.
    pub fn save<R: SyncRecord>(&mut self, rec: &mut R) -> anyhow::Result<()> {
        self.save_onder(rec, None)
    }

    /// As [`Batch::save`], with the precondition the change was made under (e.g. the status
    /// the desk saw, `{"status": "wachtend", "balie": null}`): it travels with the outbox
    /// operation, and the shared database refuses the operation when its record no longer
    /// matches it (another desk was first).
    pub fn save_onder<R: SyncRecord>(
        &mut self,
        rec: &mut R,
        verwacht: Option<&serde_json::Value>,
    ) -> anyhow::Result<()> {
        let meta = rec.meta_mut();
        meta.updated_at = self.now;
        meta.desk_id = self.desk_id;
        let operation = if meta.deleted { "delete" } else { "upsert" };
        let meta = rec.meta().clone();
        let mut values: Vec<rusqlite::types::Value> = vec![
            meta.id.to_string().into(),
            ts(meta.created_at).into(),
            ts(meta.updated_at).into(),
            meta.desk_id.to_string().into(),
            i64::from(meta.deleted).into(),
        ];
        values.extend(rec.values());
        let mut columns: Vec<&str> = vec!["id", "created_at", "updated_at", "desk_id", "deleted"];
        columns.extend_from_slice(R::COLUMNS);
        assert_eq!(
            columns.len(),
            values.len(),
            "{} values do not match its columns",
            R::TABLE
        );
        let placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
        let updates: Vec<String> = columns
            .iter()
            .skip(1)
            .filter(|c| **c != "created_at")
            .map(|c| format!("{c} = excluded.{c}"))
            .collect();
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT (id) DO UPDATE SET {}",
            R::TABLE,
            columns.join(", "),
            placeholders.join(", "),
            updates.join(", ")
        );
        // The payload is the row itself, column by column: what another desk (or the server)
        // needs to write the same row, whatever the record type.
        let payload = serde_json::Value::Object(
            columns
                .iter()
                .zip(&values)
                .map(|(c, v)| (c.to_string(), kolom_json(v)))
                .collect(),
        )
        .to_string();
        // Never stamp below a change already seen from another desk (hybrid logical clock).
        if let Some(gezien) = self
            .tx
            .query_row("SELECT value FROM meta WHERE key = 'hlc_gezien'", [], |r| {
                r.get::<_, String>(0)
            })
            .optional()?
        {
            self.hlc.observe(&gezien);
        }
        let hlc = self.hlc.tick(self.now, self.desk_id);
        // The row as this desk had it before this write (None for a new record): the base the
        // shared database merges a concurrent edit against, per field. One read by primary key.
        let basis: Option<String> = self
            .tx
            .prepare_cached(&format!(
                "SELECT {} FROM {} WHERE id = ?1",
                columns.join(", "),
                R::TABLE
            ))?
            .query_row([&values[0]], |r| {
                let mut rij = serde_json::Map::with_capacity(columns.len());
                for (i, c) in columns.iter().enumerate() {
                    rij.insert(c.to_string(), kolom_json(&r.get(i)?));
                }
                Ok(serde_json::Value::Object(rij).to_string())
            })
            .optional()?;
        self.tx
            .prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(values))?;
        self.outbox_toevoegen(
            &hlc,
            R::TABLE,
            meta.id,
            operation,
            &payload,
            verwacht.map(|v| v.to_string()),
            basis,
        )?;
        Ok(())
    }

    /// The one way an operation enters the outbox: the next op_seq, a new op_id, this batch's
    /// desk and time, and the medewerker signed in at this desk now (none: nobody is; the
    /// shared database checks the sign-in).
    #[allow(clippy::too_many_arguments)]
    fn outbox_toevoegen(
        &self,
        hlc: &str,
        tabel: &str,
        record_id: Uuid,
        operation: &str,
        payload: &str,
        verwacht: Option<String>,
        basis: Option<String>,
    ) -> rusqlite::Result<()> {
        self.tx.execute(
            "INSERT INTO outbox (op_seq, op_id, hlc, desk_id, table_name, record_id, operation, payload, created_at, verwacht, basis, medewerker_id)
             VALUES ((SELECT coalesce(max(op_seq), 0) + 1 FROM outbox), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,
                     (SELECT medewerker_id FROM aanmelding WHERE desk_id = ?3 AND tot IS NULL ORDER BY van DESC LIMIT 1))",
            params![
                Uuid::now_v7().to_string(),
                hlc,
                self.desk_id.to_string(),
                tabel,
                record_id.to_string(),
                operation,
                payload,
                ts(self.now),
                verwacht,
                basis,
            ],
        )?;
        Ok(())
    }

    /// Append an outbox entry for a row that goes to the shared database only and never comes
    /// down to other desks (the audit log: who looked at what). The row itself is written by the
    /// caller, in this transaction.
    pub fn alleen_naar_server(
        &mut self,
        tabel: &'static str,
        id: Uuid,
        payload: &serde_json::Value,
    ) -> rusqlite::Result<()> {
        let hlc = self.hlc.tick(self.now, self.desk_id);
        self.outbox_toevoegen(&hlc, tabel, id, "upsert", &payload.to_string(), None, None)
    }

    /// Store (Some) or remove (None) a local draft in the same transaction.
    pub fn concept(&mut self, key: &str, payload: Option<&str>) -> rusqlite::Result<()> {
        lookup::bewaar_concept(&self.tx, key, payload, self.now)
    }

    /// Make every write of the batch durable (synchronous=FULL: on disk when this returns).
    pub fn commit(self) -> anyhow::Result<()> {
        self.tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
