//! Signing in at a desk: with the shared database as the authority (the medewerker's own
//! PostgreSQL login, SCRAM or the directory through `pg_hba` `ldap`), offline on the last sign-in
//! the server accepted here, or on a desk without [sync] on its own accounts. Passwords are kept
//! only as salted argon2 hashes, in tables that never sync; the password itself is used to sign
//! in and then dropped.

use std::time::Duration;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use super::ServerRol;
use crate::store::ts;

/// How a medewerker came to be signed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wijze {
    /// The shared database checked the password.
    Server,
    /// The server was out of reach; the last sign-in it accepted here stood in.
    Offline,
    /// A desk without [sync]: its own accounts.
    Lokaal,
    /// `loket --demo`: signed in by itself as a demo person.
    Demo,
    /// `loket training`: signed in as the trainee.
    Training,
}

impl Wijze {
    pub fn as_str(self) -> &'static str {
        match self {
            Wijze::Server => "server",
            Wijze::Offline => "offline",
            Wijze::Lokaal => "lokaal",
            Wijze::Demo => "demo",
            Wijze::Training => "training",
        }
    }
}

/// The medewerker signed in at this desk, as the authority said at the moment of signing in.
#[derive(Clone, PartialEq)]
pub struct Aangemeld {
    pub login: String,
    pub medewerker_id: Uuid,
    pub naam: String,
    pub rol: ServerRol,
    pub afdeling: Option<String>,
    pub wijze: Wijze,
    /// This sign-in in the desk's `aanmelding` table.
    pub aanmelding: Uuid,
    /// The password's salted hash, to unlock the desk without the server (never the password).
    pub hash: String,
}

impl std::fmt::Debug for Aangemeld {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Aangemeld")
            .field("login", &self.login)
            .field("medewerker_id", &self.medewerker_id)
            .field("rol", &self.rol)
            .field("wijze", &self.wijze)
            .finish_non_exhaustive()
    }
}

/// Why a sign-in was refused, in Dutch for the person at the desk.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Weigering {
    #[error("gebruiker of wachtwoord onjuist")]
    Onjuist,
    #[error("login {0} is ingetrokken: vraag de beheerder")]
    Ingetrokken(String),
    #[error(
        "de gedeelde database is niet bereikbaar en uw laatste aanmelding op deze desk is ouder dan {0} uur: meld aan zodra de verbinding terug is"
    )]
    OfflineVerlopen(u32),
    #[error(
        "de gedeelde database is niet bereikbaar en u bent op deze desk nog niet aangemeld geweest: meld aan zodra de verbinding terug is"
    )]
    OfflineOnbekend,
    #[error("{0}")]
    Server(String),
    #[error("de database van de desk: {0}")]
    Opslag(String),
}

/// Longest login and password accepted at the keyboard (characters).
pub const MAX_LOGIN: usize = 63;
pub const MAX_WACHTWOORD: usize = 256;

/// A salted argon2id hash of `wachtwoord` (PHC string).
pub fn hash(wachtwoord: &str) -> String {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    argon2::Argon2::default()
        .hash_password(wachtwoord.as_bytes(), &salt)
        .map(|h| h.to_string())
        // Only a salt or output of the wrong size fails, and these are argon2's own defaults.
        .unwrap_or_default()
}

/// The hash of `wachtwoord` with a given salt: for the demo's public password only, so the
/// same seed gives the same demo database.
pub fn hash_met_zout(wachtwoord: &str, zout: &[u8; 16]) -> String {
    let Ok(salt) = SaltString::encode_b64(zout) else {
        return String::new();
    };
    argon2::Argon2::default()
        .hash_password(wachtwoord.as_bytes(), &salt)
        .map(|h| h.to_string())
        .unwrap_or_default()
}

/// Whether `wachtwoord` is the one `hash` was made of (false for an unreadable hash).
pub fn klopt(hash: &str, wachtwoord: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        argon2::Argon2::default()
            .verify_password(wachtwoord.as_bytes(), &h)
            .is_ok()
    })
}

/// An account of a desk without [sync].
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    pub login: String,
    pub medewerker_id: Uuid,
    pub naam: String,
    pub rol: ServerRol,
    pub afdeling: Option<String>,
    pub toegevoegd_op: String,
    pub ingetrokken_op: Option<String>,
}

/// A new account: without `medewerker_id` a new medewerker.
pub struct NieuwAccount<'a> {
    pub login: &'a str,
    pub naam: &'a str,
    pub rol: ServerRol,
    pub afdeling: Option<&'a str>,
    pub medewerker_id: Option<Uuid>,
}

fn lees_rol(s: String) -> rusqlite::Result<ServerRol> {
    ServerRol::lees(&s).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("onbekende rol {s}").into(),
        )
    })
}

fn lees_uuid(s: String) -> rusqlite::Result<Uuid> {
    s.parse().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Add an account with the hash of `wachtwoord` (made by the caller, see [`hash`]).
pub fn account_toevoegen(
    conn: &Connection,
    a: &NieuwAccount,
    wachtwoord_hash: &str,
    nu: DateTime<Utc>,
) -> Result<Uuid, Weigering> {
    super::beheer::controleer_login(a.login).map_err(|e| Weigering::Server(e.to_string()))?;
    let id = a.medewerker_id.unwrap_or_else(Uuid::now_v7);
    let n = conn
        .execute(
            "INSERT INTO lokaal_account (login, medewerker_id, naam, rol, afdeling, wachtwoord_hash, toegevoegd_op, gewijzigd_op)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) ON CONFLICT DO NOTHING",
            params![a.login, id.to_string(), a.naam, a.rol.as_str(), a.afdeling, wachtwoord_hash, ts(nu)],
        )
        .map_err(|e| Weigering::Opslag(crate::melding::sqlite(&e)))?;
    if n == 0 {
        return Err(Weigering::Server(format!(
            "login {} of medewerker {id} heeft al een account op deze desk",
            a.login
        )));
    }
    Ok(id)
}

/// Change an account; `None` leaves a field as it is. A changed password takes a new hash.
pub fn account_wijzigen(
    conn: &Connection,
    login: &str,
    naam: Option<&str>,
    rol: Option<ServerRol>,
    afdeling: Option<&str>,
    wachtwoord_hash: Option<&str>,
    nu: DateTime<Utc>,
) -> Result<(), Weigering> {
    let n = conn
        .execute(
            "UPDATE lokaal_account SET naam = coalesce(?2, naam), rol = coalesce(?3, rol),
                    afdeling = coalesce(?4, afdeling), wachtwoord_hash = coalesce(?5, wachtwoord_hash),
                    gewijzigd_op = ?6
              WHERE login = ?1",
            params![login, naam, rol.map(|r| r.as_str()), afdeling, wachtwoord_hash, ts(nu)],
        )
        .map_err(|e| Weigering::Opslag(crate::melding::sqlite(&e)))?;
    if n == 0 {
        return Err(Weigering::Server(format!(
            "login {login} heeft geen account op deze desk"
        )));
    }
    Ok(())
}

/// Revoke an account: it can no longer sign in (it stays listed, with the moment).
pub fn account_intrekken(
    conn: &Connection,
    login: &str,
    nu: DateTime<Utc>,
) -> Result<(), Weigering> {
    let n = conn
        .execute(
            "UPDATE lokaal_account SET ingetrokken_op = coalesce(ingetrokken_op, ?2) WHERE login = ?1",
            params![login, ts(nu)],
        )
        .map_err(|e| Weigering::Opslag(crate::melding::sqlite(&e)))?;
    if n == 0 {
        return Err(Weigering::Server(format!(
            "login {login} heeft geen account op deze desk"
        )));
    }
    Ok(())
}

pub fn accounts(conn: &Connection) -> rusqlite::Result<Vec<Account>> {
    let mut st = conn.prepare(
        "SELECT login, medewerker_id, naam, rol, afdeling, toegevoegd_op, ingetrokken_op
           FROM lokaal_account ORDER BY login",
    )?;
    st.query_map([], |r| {
        Ok(Account {
            login: r.get(0)?,
            medewerker_id: lees_uuid(r.get(1)?)?,
            naam: r.get(2)?,
            rol: lees_rol(r.get(3)?)?,
            afdeling: r.get(4)?,
            toegevoegd_op: r.get(5)?,
            ingetrokken_op: r.get(6)?,
        })
    })?
    .collect()
}

/// One login per role among this desk's accounts (login, rol), alphabetically first: what a
/// demo or training database offers to sign in with.
pub fn voorbeeld_logins(conn: &Connection) -> rusqlite::Result<Vec<(String, String)>> {
    let mut st = conn.prepare(
        "SELECT min(login), rol FROM lokaal_account WHERE ingetrokken_op IS NULL
          GROUP BY rol ORDER BY rol",
    )?;
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect()
}

/// Whether this desk has any account of its own (else the first-run form makes the first).
pub fn heeft_accounts(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row("SELECT EXISTS (SELECT 1 FROM lokaal_account)", [], |r| {
        r.get(0)
    })
}

/// What a sign-in was checked against, before it is recorded.
struct Gegevens {
    login: String,
    medewerker_id: Uuid,
    naam: String,
    rol: ServerRol,
    afdeling: Option<String>,
    hash: String,
}

/// The first five columns of an account or cached sign-in: medewerker_id, naam, rol, afdeling,
/// wachtwoord_hash.
fn lees_gegevens(r: &rusqlite::Row, login: &str) -> rusqlite::Result<Gegevens> {
    Ok(Gegevens {
        login: login.to_string(),
        medewerker_id: lees_uuid(r.get(0)?)?,
        naam: r.get(1)?,
        rol: lees_rol(r.get(2)?)?,
        afdeling: r.get(3)?,
        hash: r.get(4)?,
    })
}

/// Who a password belongs to, checked without signing in at the desk (a command such as
/// `loket rapport --per medewerker` or the wall screen asks who starts it).
#[derive(Debug, Clone, PartialEq)]
pub struct Wie {
    pub login: String,
    pub medewerker_id: Uuid,
    pub naam: String,
    pub rol: ServerRol,
}

impl From<Gegevens> for Wie {
    fn from(g: Gegevens) -> Wie {
        Wie {
            login: g.login,
            medewerker_id: g.medewerker_id,
            naam: g.naam,
            rol: g.rol,
        }
    }
}

/// Sign in on this desk's own accounts (a desk without [sync]).
pub fn lokaal_aanmelden(
    conn: &Connection,
    desk: Uuid,
    login: &str,
    wachtwoord: &str,
    nu: DateTime<Utc>,
) -> Result<Aangemeld, Weigering> {
    let g = lokaal(conn, login, wachtwoord)?;
    vastleggen(conn, desk, g, Wijze::Lokaal, None, nu)
}

/// Whose this password is on this desk's own accounts, without signing in.
pub fn lokaal_controleren(
    conn: &Connection,
    login: &str,
    wachtwoord: &str,
) -> Result<Wie, Weigering> {
    lokaal(conn, login, wachtwoord).map(Wie::from)
}

fn lokaal(conn: &Connection, login: &str, wachtwoord: &str) -> Result<Gegevens, Weigering> {
    let rij = conn
        .query_row(
            "SELECT medewerker_id, naam, rol, afdeling, wachtwoord_hash, ingetrokken_op
               FROM lokaal_account WHERE login = ?1",
            [login],
            |r| Ok((lees_gegevens(r, login)?, r.get::<_, Option<String>>(5)?)),
        )
        .optional()
        .map_err(|e| Weigering::Opslag(crate::melding::sqlite(&e)))?;
    let Some((g, ingetrokken)) = rij else {
        // The same work for an unknown login as for a wrong password: the time it takes does
        // not tell which logins exist.
        let _ = klopt(NEP_HASH, wachtwoord);
        return Err(Weigering::Onjuist);
    };
    if !klopt(&g.hash, wachtwoord) {
        return Err(Weigering::Onjuist);
    }
    if ingetrokken.is_some() {
        return Err(Weigering::Ingetrokken(login.to_string()));
    }
    Ok(g)
}

/// A hash of no password anybody has, verified for unknown logins.
const NEP_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$bG9rZXRsb2tldGxva2V0$0ftbC2sxIR9u3z1XkzUQXh8e5pXJ7n0cG1b0nNn1i0Y";

/// The longest an offline sign-in may stand (`[aanmelden] offline_uren` allows no more; the
/// server takes none older either).
pub const OFFLINE_MAX_UREN: i64 = 72;

/// Record a sign-in the shared database accepted: this desk's log, and (with `cache`) the
/// cache that lets the same medewerker sign in here offline for a while. `hash` is the
/// password's (see [`hash`]). Cached sign-ins past the longest offline time are dropped.
pub fn server_aanmelding_vastleggen(
    conn: &Connection,
    desk: Uuid,
    login: &str,
    a: &super::beheer::Aanmelding,
    hash: String,
    cache: bool,
    nu: DateTime<Utc>,
) -> Result<Aangemeld, Weigering> {
    let opslag = |e: rusqlite::Error| Weigering::Opslag(crate::melding::sqlite(&e));
    let oud = nu - chrono::Duration::hours(OFFLINE_MAX_UREN);
    conn.execute(
        "DELETE FROM aanmelding_cache WHERE aangemeld_op < ?1",
        [ts(oud)],
    )
    .map_err(opslag)?;
    if cache {
        conn.execute(
            "INSERT INTO aanmelding_cache (login, medewerker_id, naam, rol, afdeling, wachtwoord_hash, aangemeld_op, desk_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (login, desk_id) DO UPDATE SET medewerker_id = excluded.medewerker_id, naam = excluded.naam,
                 rol = excluded.rol, afdeling = excluded.afdeling, wachtwoord_hash = excluded.wachtwoord_hash,
                 aangemeld_op = excluded.aangemeld_op",
            params![login, a.medewerker_id.to_string(), a.naam, a.rol.as_str(), a.afdeling, hash, ts(nu), desk.to_string()],
        )
        .map_err(opslag)?;
    } else {
        cache_vergeten(conn, login).map_err(opslag)?;
    }
    let g = Gegevens {
        login: login.to_string(),
        medewerker_id: a.medewerker_id,
        naam: a.naam.clone(),
        rol: a.rol,
        afdeling: a.afdeling.clone(),
        hash,
    };
    vastleggen(conn, desk, g, Wijze::Server, Some(a.id), nu)
}

/// Sign in without the server: the last sign-in it accepted for `login` on this desk, when
/// the password matches and that sign-in is at most `geldig` old.
pub fn offline_aanmelden(
    conn: &Connection,
    desk: Uuid,
    login: &str,
    wachtwoord: &str,
    nu: DateTime<Utc>,
    geldig: Duration,
) -> Result<Aangemeld, Weigering> {
    let g = offline(conn, desk, login, wachtwoord, nu, geldig)?;
    vastleggen(conn, desk, g, Wijze::Offline, None, nu)
}

/// Whose this password is by the last sign-in the server accepted here, without signing in.
pub fn offline_controleren(
    conn: &Connection,
    desk: Uuid,
    login: &str,
    wachtwoord: &str,
    nu: DateTime<Utc>,
    geldig: Duration,
) -> Result<Wie, Weigering> {
    offline(conn, desk, login, wachtwoord, nu, geldig).map(Wie::from)
}

fn offline(
    conn: &Connection,
    desk: Uuid,
    login: &str,
    wachtwoord: &str,
    nu: DateTime<Utc>,
    geldig: Duration,
) -> Result<Gegevens, Weigering> {
    let rij = conn
        .query_row(
            "SELECT medewerker_id, naam, rol, afdeling, wachtwoord_hash, aangemeld_op
               FROM aanmelding_cache WHERE login = ?1 AND desk_id = ?2",
            params![login, desk.to_string()],
            |r| Ok((lees_gegevens(r, login)?, r.get::<_, String>(5)?)),
        )
        .optional()
        .map_err(|e| Weigering::Opslag(crate::melding::sqlite(&e)))?;
    let uren = u32::try_from(geldig.as_secs() / 3600).unwrap_or(u32::MAX);
    let Some((g, op)) = rij else {
        let _ = klopt(NEP_HASH, wachtwoord);
        return Err(Weigering::OfflineOnbekend);
    };
    if !klopt(&g.hash, wachtwoord) {
        return Err(Weigering::Onjuist);
    }
    let op = DateTime::parse_from_rfc3339(&op)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Weigering::OfflineVerlopen(uren))?;
    let geldig = chrono::Duration::from_std(geldig).unwrap_or(chrono::Duration::MAX);
    // A sign-in "from the future" (a clock set back) does not count either.
    if op > nu || op.checked_add_signed(geldig).is_none_or(|tot| tot < nu) {
        return Err(Weigering::OfflineVerlopen(uren));
    }
    Ok(g)
}

/// Sign in without a password: the demo person, or the trainee named for `loket training`.
pub fn zonder_wachtwoord(
    conn: &Connection,
    desk: Uuid,
    login: &str,
    medewerker_id: Uuid,
    naam: &str,
    wijze: Wijze,
    nu: DateTime<Utc>,
) -> Result<Aangemeld, Weigering> {
    let g = Gegevens {
        login: login.to_string(),
        medewerker_id,
        naam: naam.to_string(),
        rol: ServerRol::Medewerker,
        afdeling: Some("Publiekscentrum (KCC)".into()),
        // The demo and training unlock with the demo password.
        hash: hash(DEMO_WACHTWOORD),
    };
    vastleggen(conn, desk, g, wijze, None, nu)
}

/// What the shared database said to a sign-in.
#[derive(Debug)]
pub enum ServerAntwoord {
    /// Signed in (and recorded on the server).
    Aangemeld(super::beheer::Aanmelding),
    /// The server refused: a wrong password, a revoked login, a desk it does not know.
    Geweigerd(Weigering),
    /// The server could not be reached (or did not answer in time): offline sign-in may do.
    Onbereikbaar(String),
}

/// Sign `login` in at `desk` with the shared database as the authority: a connection with the
/// medewerker's own login and password (SCRAM, or the directory through `pg_hba` `ldap`), then
/// `loket_aanmelden`, which records the sign-in and gives the role. The connection closes here.
pub async fn server_aanmelden(
    cfg: &crate::config::SyncConfig,
    desk: Uuid,
    login: &str,
    wachtwoord: &str,
) -> ServerAntwoord {
    let client = match crate::sync::verbinding::verbind_als(cfg, login, wachtwoord).await {
        Ok(c) => c,
        Err(e) => return antwoord_op_fout(&e),
    };
    match super::beheer::aanmelden(&client, desk).await {
        Ok(a) => ServerAntwoord::Aangemeld(a),
        Err(super::beheer::BeheerFout::Ongeldig(m)) => {
            ServerAntwoord::Geweigerd(Weigering::Server(m))
        }
        Err(super::beheer::BeheerFout::Pg(e)) if e.code().is_none() => {
            ServerAntwoord::Onbereikbaar(crate::melding::postgres(&e))
        }
        Err(e) => ServerAntwoord::Geweigerd(Weigering::Server(e.to_string())),
    }
}

fn antwoord_op_fout(e: &anyhow::Error) -> ServerAntwoord {
    let pg = e
        .chain()
        .find_map(|o| o.downcast_ref::<tokio_postgres::Error>());
    match pg {
        // The server answered: it refused.
        Some(p) if p.code().is_some() => {
            use tokio_postgres::error::SqlState;
            // A wrong password: SCRAM's 28P01, or the directory's refusal through pg_hba
            // `ldap` (28000 with the server's "authentication failed").
            let onjuist = p.code() == Some(&SqlState::INVALID_PASSWORD)
                || p.as_db_error()
                    .is_some_and(|d| d.message().contains("authentication failed"));
            ServerAntwoord::Geweigerd(if onjuist {
                Weigering::Onjuist
            } else {
                Weigering::Server(crate::melding::postgres(p))
            })
        }
        Some(_) => ServerAntwoord::Onbereikbaar(crate::melding::tekst(e)),
        // Not a connection at all (a config that asks for TLS nowhere, a timeout).
        None if e.chain().any(|o| o.is::<tokio::time::error::Elapsed>()) => {
            ServerAntwoord::Onbereikbaar(crate::melding::tekst(e))
        }
        None => ServerAntwoord::Geweigerd(Weigering::Server(crate::melding::tekst(e))),
    }
}

/// The password of every medewerker in a database written by `loket demo`.
pub const DEMO_WACHTWOORD: &str = "demo";

fn vastleggen(
    conn: &Connection,
    desk: Uuid,
    g: Gegevens,
    wijze: Wijze,
    server_id: Option<i64>,
    nu: DateTime<Utc>,
) -> Result<Aangemeld, Weigering> {
    let id = Uuid::now_v7();
    // A sign-in left open (the desk was killed) ended at the latest now.
    conn.execute(
        "UPDATE aanmelding SET tot = ?1, gemeld = 0 WHERE desk_id = ?2 AND tot IS NULL",
        params![ts(nu), desk.to_string()],
    )
    .map_err(|e| Weigering::Opslag(crate::melding::sqlite(&e)))?;
    // A server sign-in is on the server already; the others are handed in by the sync.
    let gemeld = i64::from(matches!(wijze, Wijze::Server));
    conn.execute(
        "INSERT INTO aanmelding (id, login, medewerker_id, rol, wijze, server_id, van, gemeld, desk_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            id.to_string(),
            g.login,
            g.medewerker_id.to_string(),
            g.rol.as_str(),
            wijze.as_str(),
            server_id,
            ts(nu),
            gemeld,
            desk.to_string()
        ],
    )
    .map_err(|e| Weigering::Opslag(crate::melding::sqlite(&e)))?;
    Ok(Aangemeld {
        login: g.login,
        medewerker_id: g.medewerker_id,
        naam: g.naam,
        rol: g.rol,
        afdeling: g.afdeling,
        wijze,
        aanmelding: id,
        hash: g.hash,
    })
}

/// The medewerker signed out (or the desk closed): the sign-in ends now, and the sync tells
/// the server.
pub fn afmelden(conn: &Connection, aanmelding: Uuid, nu: DateTime<Utc>) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE aanmelding SET tot = ?2, gemeld = 0 WHERE id = ?1 AND tot IS NULL",
        params![aanmelding.to_string(), ts(nu)],
    )?;
    Ok(())
}

/// A sign-in of this desk the server must hear of: one made offline, one that ended, or the
/// open one (whose medewerker the server may have revoked since).
#[derive(Debug, Clone, PartialEq)]
pub struct TeMelden {
    pub id: Uuid,
    pub login: String,
    pub rol: String,
    pub server_id: Option<i64>,
    pub van: DateTime<Utc>,
    pub tot: Option<DateTime<Utc>>,
}

/// What the server must hear of this desk's sign-ins, oldest first: those it has not heard of
/// yet (at most `max`), or with `open` the ones still open that it has (to ask after them).
/// Only sign-ins the shared database knows the logins of: not a desk's own accounts, the demo
/// or training.
pub fn te_melden(
    conn: &Connection,
    desk: Uuid,
    open: bool,
    max: usize,
) -> rusqlite::Result<Vec<TeMelden>> {
    let mut st = conn.prepare(
        "SELECT id, login, rol, server_id, van, tot FROM aanmelding
          WHERE desk_id = ?3 AND wijze IN ('server', 'offline')
            AND CASE WHEN ?1 THEN gemeld = 1 AND tot IS NULL ELSE gemeld = 0 END
          ORDER BY van LIMIT ?2",
    )?;
    let tijd = |s: String| {
        DateTime::parse_from_rfc3339(&s)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    0,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })
    };
    st.query_map(params![open, max as i64, desk.to_string()], |r| {
        Ok(TeMelden {
            id: lees_uuid(r.get(0)?)?,
            login: r.get(1)?,
            rol: r.get(2)?,
            server_id: r.get(3)?,
            van: tijd(r.get(4)?)?,
            tot: r.get::<_, Option<String>>(5)?.map(tijd).transpose()?,
        })
    })?
    .collect()
}

/// The server heard of `m`: it is marked, unless it changed since it was read (signed out in
/// between: then it goes again next round).
pub fn gemeld(conn: &Connection, m: &TeMelden, server_id: Option<i64>) -> rusqlite::Result<()> {
    // The server's id is kept in any case: an end that came in between goes with it next time.
    conn.execute(
        "UPDATE aanmelding SET server_id = coalesce(server_id, ?2) WHERE id = ?1",
        params![m.id.to_string(), server_id],
    )?;
    conn.execute(
        "UPDATE aanmelding SET gemeld = 1 WHERE id = ?1 AND tot IS ?2",
        params![m.id.to_string(), m.tot.map(ts)],
    )?;
    Ok(())
}

/// The server took `login`'s sign-in away (revoked, or a lower role): the offline cache goes
/// too, so this desk no longer lets them in without the server.
pub fn cache_vergeten(conn: &Connection, login: &str) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM aanmelding_cache WHERE login = ?1", [login])?;
    Ok(())
}

/// How long the desk waits before it takes the next password after `mislukt` wrong ones in a
/// row: nothing for the first three, then 2, 4, 8 … up to 60 seconds (PostgreSQL itself does
/// not slow anybody down).
pub fn wachttijd(mislukt: u32) -> Duration {
    match mislukt {
        0..=2 => Duration::ZERO,
        n => Duration::from_secs(2u64.saturating_pow(n - 2).min(60)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The desk of these tests.
    const D: Uuid = Uuid::from_u128(0xd35c);

    fn db() -> Connection {
        let mut c = Connection::open_in_memory().unwrap();
        crate::store::migrate(&mut c, 0, crate::store::SCHEMA_VERSION).unwrap();
        c
    }

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn a_hash_holds_no_password_and_checks_only_the_right_one() {
        let h = hash("geheim wachtwoord");
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(!h.contains("geheim"));
        assert!(klopt(&h, "geheim wachtwoord"));
        assert!(!klopt(&h, "geheim wachtwoorD"));
        assert!(!klopt("geen hash", "x"));
        // Salted: the same password twice is two hashes.
        assert_ne!(h, hash("geheim wachtwoord"));
        assert!(!klopt(NEP_HASH, ""));
        // The stand-in for unknown logins is a real hash, so checking it costs the same time.
        assert!(PasswordHash::new(NEP_HASH).is_ok());
        let demo = hash_met_zout("demo", &[7; 16]);
        assert!(klopt(&demo, "demo"));
        assert_eq!(demo, hash_met_zout("demo", &[7; 16]));
    }

    #[test]
    fn a_local_account_signs_in_with_its_password_only_until_revoked() {
        let c = db();
        let nu = t("2026-03-02T09:00:00Z");
        let id = account_toevoegen(
            &c,
            &NieuwAccount {
                login: "s.postma",
                naam: "Sietske Postma",
                rol: ServerRol::Supervisor,
                afdeling: None,
                medewerker_id: None,
            },
            &hash("welkom01"),
            nu,
        )
        .unwrap();
        assert_eq!(
            lokaal_aanmelden(&c, D, "s.postma", "fout", nu).unwrap_err(),
            Weigering::Onjuist
        );
        assert_eq!(
            lokaal_aanmelden(&c, D, "niemand", "welkom01", nu).unwrap_err(),
            Weigering::Onjuist
        );
        let a = lokaal_aanmelden(&c, D, "s.postma", "welkom01", nu).unwrap();
        assert_eq!(
            (a.medewerker_id, a.rol, a.wijze),
            (id, ServerRol::Supervisor, Wijze::Lokaal)
        );
        // The password is nowhere in the database.
        let alles: String = c
            .query_row(
                "SELECT group_concat(wachtwoord_hash) FROM lokaal_account",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(!alles.contains("welkom01"));
        account_wijzigen(
            &c,
            "s.postma",
            None,
            Some(ServerRol::Medewerker),
            None,
            None,
            nu,
        )
        .unwrap();
        assert_eq!(
            lokaal_aanmelden(&c, D, "s.postma", "welkom01", nu)
                .unwrap()
                .rol,
            ServerRol::Medewerker
        );
        account_intrekken(&c, "s.postma", nu).unwrap();
        assert_eq!(
            lokaal_aanmelden(&c, D, "s.postma", "welkom01", nu).unwrap_err(),
            Weigering::Ingetrokken("s.postma".into())
        );
        assert!(account_wijzigen(&c, "niemand", Some("x"), None, None, None, nu).is_err());
    }

    #[test]
    fn an_offline_sign_in_stands_for_the_configured_time_and_not_a_second_longer() {
        let c = db();
        let op = t("2026-03-02T08:00:00Z");
        let server = super::super::beheer::Aanmelding {
            id: 7,
            medewerker_id: Uuid::from_u128(5),
            naam: "Eva Bakker".into(),
            rol: ServerRol::Trainer,
            afdeling: None,
        };
        let online =
            server_aanmelding_vastleggen(&c, D, "e.bakker", &server, hash("pw1"), true, op)
                .unwrap();
        assert_eq!(online.wijze, Wijze::Server);
        let twaalf = Duration::from_secs(12 * 3600);
        let binnen = t("2026-03-02T20:00:00Z");
        let a = offline_aanmelden(&c, D, "e.bakker", "pw1", binnen, twaalf).unwrap();
        assert_eq!(
            (a.wijze, a.rol, a.medewerker_id),
            (Wijze::Offline, ServerRol::Trainer, Uuid::from_u128(5))
        );
        assert_eq!(
            offline_aanmelden(&c, D, "e.bakker", "pw2", binnen, twaalf).unwrap_err(),
            Weigering::Onjuist
        );
        assert_eq!(
            offline_aanmelden(&c, D, "e.bakker", "pw1", t("2026-03-02T20:00:01Z"), twaalf)
                .unwrap_err(),
            Weigering::OfflineVerlopen(12)
        );
        // A clock set back does not make an old sign-in new.
        assert!(
            offline_aanmelden(&c, D, "e.bakker", "pw1", t("2026-03-02T07:00:00Z"), twaalf).is_err()
        );
        assert_eq!(
            offline_aanmelden(&c, D, "k.visser", "pw1", binnen, twaalf).unwrap_err(),
            Weigering::OfflineOnbekend
        );
        cache_vergeten(&c, "e.bakker").unwrap();
        assert_eq!(
            offline_aanmelden(&c, D, "e.bakker", "pw1", binnen, twaalf).unwrap_err(),
            Weigering::OfflineOnbekend
        );
        // The server has the online sign-in already; it waits to hear that it ended (the
        // offline one began), and of the offline one itself.
        let lijst = te_melden(&c, D, false, 100).unwrap();
        assert_eq!(lijst.len(), 2, "{lijst:?}");
        assert!(lijst[0].tot.is_some() && lijst[0].server_id == Some(7));
        assert!(lijst[1].tot.is_none() && lijst[1].server_id.is_none());
        assert_eq!(lijst[0].id, online.aanmelding);
        // Heard: the ended one is done; the open one stays asked after.
        for m in &lijst {
            gemeld(&c, m, Some(8)).unwrap();
        }
        assert!(te_melden(&c, D, false, 100).unwrap().is_empty());
        let lijst = te_melden(&c, D, true, 100).unwrap();
        assert_eq!(lijst.len(), 1);
        assert_eq!(lijst[0].server_id, Some(8));
        // A sign-out after it was read goes again (with the server's id): marked only as read.
        let gelezen = lijst[0].clone();
        afmelden(&c, gelezen.id, binnen).unwrap();
        gemeld(&c, &gelezen, None).unwrap();
        let lijst = te_melden(&c, D, false, 100).unwrap();
        assert_eq!(lijst[0].server_id, Some(8));
        assert_eq!(lijst.len(), 1);
        assert!(lijst[0].tot.is_some());
    }

    /// A password goes to a server beyond this machine only over TLS: a [sync] without it is
    /// refused before anything is sent (and said how to mend it), not tried in the clear.
    #[test]
    fn a_password_never_leaves_this_machine_without_tls() {
        let cfg = crate::config::SyncConfig {
            url: "postgres://loket_desk_x@db.gemeente.example/loket".into(),
            password_file: None,
            sslmode: Some("disable".into()),
            ca_file: None,
        };
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        match rt.block_on(server_aanmelden(&cfg, Uuid::nil(), "e.bakker", "geheim")) {
            ServerAntwoord::Geweigerd(Weigering::Server(t)) => {
                assert!(
                    t.contains("versleutelde verbinding") && t.contains("sslmode"),
                    "{t}"
                );
                assert!(!t.contains("geheim"));
            }
            ander => panic!("{ander:?}"),
        }
    }

    /// A hall on one database file: each desk has its own sign-ins. Signing in at one desk
    /// never ends the sign-in at another, and an offline sign-in stands only on the desk where
    /// the server accepted that medewerker.
    #[test]
    fn desks_sharing_one_file_keep_their_own_sign_ins() {
        let c = db();
        let e = Uuid::from_u128(0xe);
        let nu = t("2026-03-02T09:00:00Z");
        let server = super::super::beheer::Aanmelding {
            id: 1,
            medewerker_id: Uuid::from_u128(5),
            naam: "Eva Bakker".into(),
            rol: ServerRol::Medewerker,
            afdeling: None,
        };
        let eva =
            server_aanmelding_vastleggen(&c, D, "e.bakker", &server, hash("pw"), true, nu).unwrap();
        let sam = zonder_wachtwoord(
            &c,
            e,
            "s.jansen",
            Uuid::from_u128(6),
            "Sam",
            Wijze::Demo,
            nu,
        )
        .unwrap();
        let open: Vec<String> = c
            .prepare("SELECT id FROM aanmelding WHERE tot IS NULL ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(open.len(), 2, "both still signed in");
        assert!(
            open.contains(&eva.aanmelding.to_string())
                && open.contains(&sam.aanmelding.to_string())
        );
        // What desk D must hand in is its own.
        assert!(te_melden(&c, e, true, 100).unwrap().is_empty());
        assert_eq!(te_melden(&c, D, true, 100).unwrap().len(), 1);
        // Eva's cache is desk D's.
        let geldig = Duration::from_secs(3600);
        assert!(offline_aanmelden(&c, D, "e.bakker", "pw", nu, geldig).is_ok());
        assert_eq!(
            offline_aanmelden(&c, e, "e.bakker", "pw", nu, geldig).unwrap_err(),
            Weigering::OfflineOnbekend
        );
    }

    #[test]
    fn wrong_passwords_are_slowed_down_more_each_time() {
        assert_eq!(wachttijd(0), Duration::ZERO);
        assert_eq!(wachttijd(2), Duration::ZERO);
        assert_eq!(wachttijd(3), Duration::from_secs(2));
        assert_eq!(wachttijd(4), Duration::from_secs(4));
        assert_eq!(wachttijd(10), Duration::from_secs(60));
        assert_eq!(wachttijd(u32::MAX), Duration::from_secs(60));
    }
}
