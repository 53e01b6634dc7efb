//! The beheerder's work on the shared database: desks get a login of their own, medewerkers get
//! a login in the group role of their role, and both can be revoked. Run with a login that may
//! create roles (the owner of the tables, or a role with CREATEROLE).
//!
//! Passwords never travel in clear and are never printed: the SCRAM verifier is computed here
//! and only that reaches the server (as `psql`'s `\password` does).

use super::ServerRol;
use std::path::Path;
use tokio_postgres::Client;
use tokio_postgres::types::Type;
use uuid::Uuid;

#[derive(Debug, thiserror::Error)]
pub enum BeheerFout {
    #[error("{0}")]
    Ongeldig(String),
    #[error("login {0} bestaat al op deze PostgreSQL-server")]
    Bestaat(String),
    #[error("{0} is niet bekend op deze server")]
    Onbekend(String),
    #[error(
        "deze login mag geen logins maken of wijzigen (nodig: eigenaar van de tabellen of CREATEROLE)"
    )]
    GeenRecht,
    #[error(transparent)]
    Server(#[from] crate::sync::server::ServerFout),
    #[error(transparent)]
    Pg(tokio_postgres::Error),
}

impl From<tokio_postgres::Error> for BeheerFout {
    fn from(e: tokio_postgres::Error) -> BeheerFout {
        use tokio_postgres::error::SqlState;
        match e.code() {
            Some(c) if *c == SqlState::INSUFFICIENT_PRIVILEGE => BeheerFout::GeenRecht,
            _ => BeheerFout::Pg(e),
        }
    }
}

/// A login name as loket makes it: lowercase letters, digits, `.`, `_` and `-`, starting with a
/// letter, 2 to 63 characters, and not one of PostgreSQL's or loket's own (`pg_…`, `loket_…`).
pub fn controleer_login(login: &str) -> Result<(), BeheerFout> {
    let ok_teken = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c);
    let mut tekens = login.chars();
    let begin = tekens.next().is_some_and(|c| c.is_ascii_lowercase());
    if !begin || !(2..=63).contains(&login.len()) || !login.chars().all(ok_teken) {
        return Err(BeheerFout::Ongeldig(format!(
            "login {:?}: gebruik 2 tot 63 kleine letters, cijfers, '.', '_' of '-', beginnend met een letter",
            login.chars().take(70).collect::<String>()
        )));
    }
    if login.starts_with("pg_") || login.starts_with("loket_") || login == "postgres" {
        return Err(BeheerFout::Ongeldig(format!(
            "login {login}: namen die met pg_ of loket_ beginnen en 'postgres' zijn voorbehouden"
        )));
    }
    Ok(())
}

/// The password in the file at `pad` (one line; a final line break is not part of it). At most
/// 1 KiB, no NUL, not empty.
pub fn lees_wachtwoord(pad: &Path) -> Result<String, BeheerFout> {
    let tekst = crate::bestand::lees_tekst(pad, 1024)
        .map_err(|e| BeheerFout::Ongeldig(format!("{}: {}", pad.display(), e.melding)))?;
    let w = tekst.strip_suffix('\n').unwrap_or(&tekst);
    let w = w.strip_suffix('\r').unwrap_or(w);
    if w.is_empty() || w.contains(['\0', '\n']) {
        return Err(BeheerFout::Ongeldig(format!(
            "{}: het wachtwoord staat op één regel en is niet leeg",
            pad.display()
        )));
    }
    Ok(w.to_string())
}

/// A new random password (32 letters and digits, about 190 bits), for a desk's login.
pub fn nieuw_wachtwoord() -> String {
    use rand::Rng;
    const TEKENS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut r = rand::rng();
    (0..32)
        .map(|_| TEKENS[r.random_range(0..TEKENS.len())] as char)
        .collect()
}

/// Write `wachtwoord` to a new file at `pad`, readable by its owner only; an existing file is
/// never overwritten.
pub fn schrijf_wachtwoord(pad: &Path, wachtwoord: &str) -> Result<(), BeheerFout> {
    use std::io::Write;
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    let mut f = o.open(pad).map_err(|e| {
        BeheerFout::Ongeldig(format!(
            "{}: kan niet worden aangemaakt ({e})",
            pad.display()
        ))
    })?;
    writeln!(f, "{wachtwoord}")
        .and_then(|_| f.sync_all())
        .map_err(|e| BeheerFout::Ongeldig(format!("{}: {e}", pad.display())))
}

/// `PASSWORD '<SCRAM verifier>'`: the clause that sets a password without sending it.
fn wachtwoord_clausule(wachtwoord: &str) -> String {
    let v = postgres_protocol::password::scram_sha_256(wachtwoord.as_bytes());
    // The verifier is base64 with '$' and ':': never a quote, but it goes into SQL, so checked.
    debug_assert!(!v.contains('\''));
    format!("PASSWORD '{}'", v.replace('\'', ""))
}

/// The login role of a desk in `database` (its own in each loket database on a cluster).
pub fn desk_login(database: &str, desk: Uuid) -> String {
    format!("{database}_desk_{}", desk.simple())
}

/// The name of the database this connection is on (loket's group roles are named after it; the
/// server checked its form when it made them).
async fn database(c: &impl tokio_postgres::GenericClient) -> Result<String, BeheerFout> {
    Ok(c.query_typed_one("SELECT current_database()::text", &[])
        .await?
        .get(0))
}

async fn rol_bestaat(
    c: &impl tokio_postgres::GenericClient,
    login: &str,
) -> Result<bool, BeheerFout> {
    Ok(c.query_typed_one(
        "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)",
        &[(&login, Type::TEXT)],
    )
    .await?
    .get(0))
}

/// Register `desk` with a login of its own and this password. Returns the login name.
pub async fn desk_registreren(
    c: &mut Client,
    desk: Uuid,
    naam: &str,
    wachtwoord: &str,
) -> Result<String, BeheerFout> {
    crate::sync::server::controleer(&*c).await?;
    let db = database(&*c).await?;
    let login = desk_login(&db, desk);
    let tx = c.transaction().await?;
    let eerder: Option<Option<chrono::DateTime<chrono::Utc>>> = tx
        .query_typed_opt(
            "SELECT ingetrokken_op FROM loket_desk_login WHERE desk_id = $1",
            &[(&desk, Type::UUID)],
        )
        .await?
        .map(|r| r.get(0));
    if rol_bestaat(&tx, &login).await? {
        // Registered before (also after a revocation): a new password, the login back on.
        tx.batch_execute(&format!(
            "ALTER ROLE \"{login}\" LOGIN {}; GRANT \"{db}_desk\" TO \"{login}\"",
            wachtwoord_clausule(wachtwoord)
        ))
        .await?;
    } else {
        tx.batch_execute(&format!(
            "CREATE ROLE \"{login}\" LOGIN {} IN ROLE \"{db}_desk\"",
            wachtwoord_clausule(wachtwoord)
        ))
        .await?;
    }
    let naam = naam.chars().take(200).collect::<String>();
    if eerder.is_some() {
        tx.execute(
            "UPDATE loket_desk_login SET ingetrokken_op = NULL, naam = $2, login = $3 WHERE desk_id = $1",
            &[&desk, &naam, &login],
        )
        .await?;
    } else {
        tx.execute(
            "INSERT INTO loket_desk_login (desk_id, login, naam) VALUES ($1, $2, $3)",
            &[&desk, &login, &naam],
        )
        .await?;
    }
    tx.commit().await?;
    Ok(login)
}

/// Revoke a login (a desk's or a medewerker's) in this database: out of `groep`, so it has no
/// right here any more; no longer able to connect at all once it is in no other group (a
/// medewerker may also work in another loket database on this cluster); its open sessions are
/// ended where this login may end them.
async fn login_uit(c: &Client, login: &str, groep: &str) -> Result<(), BeheerFout> {
    c.batch_execute(&format!("REVOKE \"{groep}\" FROM \"{login}\""))
        .await?;
    let elders: bool = c
        .query_typed_one(
            "SELECT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member
                             WHERE r.rolname = $1)",
            &[(&login, Type::TEXT)],
        )
        .await?
        .get(0);
    if !elders {
        c.batch_execute(&format!("ALTER ROLE \"{login}\" NOLOGIN"))
            .await?;
    }
    // Ending sessions needs superuser or pg_signal_backend; without it the revoked login cannot
    // connect again, and a desk is refused at its next hand-in (its registration is revoked).
    let _ = c
        .query_typed(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1",
            &[(&login, Type::TEXT)],
        )
        .await;
    Ok(())
}

/// Revoke the registration of `desk`: its login can no longer connect or hand in.
pub async fn desk_intrekken(c: &Client, desk: Uuid) -> Result<(), BeheerFout> {
    crate::sync::server::controleer(c).await?;
    let login: Option<String> = c
        .query_typed_opt(
            "UPDATE loket_desk_login SET ingetrokken_op = coalesce(ingetrokken_op, now())
              WHERE desk_id = $1 RETURNING login::text",
            &[(&desk, Type::UUID)],
        )
        .await?
        .map(|r| r.get(0));
    let Some(login) = login else {
        return Err(BeheerFout::Onbekend(format!("desk {desk}")));
    };
    login_uit(c, &login, &format!("{}_desk", database(c).await?)).await
}

/// A registered desk as `loket server desk lijst` shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct DeskRegel {
    pub desk_id: Uuid,
    pub login: String,
    pub naam: String,
    pub geregistreerd_op: chrono::DateTime<chrono::Utc>,
    pub ingetrokken_op: Option<chrono::DateTime<chrono::Utc>>,
    pub laatst_gezien: Option<chrono::DateTime<chrono::Utc>>,
}

pub async fn desks(c: &Client) -> Result<Vec<DeskRegel>, BeheerFout> {
    crate::sync::server::controleer(c).await?;
    Ok(c
        .query_typed(
            "SELECT l.desk_id, l.login::text, l.naam, l.geregistreerd_op, l.ingetrokken_op, d.laatst_gezien
               FROM loket_desk_login l LEFT JOIN loket_desk d USING (desk_id)
              ORDER BY l.geregistreerd_op, l.desk_id",
            &[],
        )
        .await?
        .iter()
        .map(|r| DeskRegel {
            desk_id: r.get(0),
            login: r.get(1),
            naam: r.get(2),
            geregistreerd_op: r.get(3),
            ingetrokken_op: r.get(4),
            laatst_gezien: r.get(5),
        })
        .collect())
}

/// A medewerker with a login.
#[derive(Debug, Clone, PartialEq)]
pub struct MedewerkerLogin {
    pub login: String,
    pub medewerker_id: Uuid,
    pub naam: String,
    pub rol: ServerRol,
    pub afdeling: Option<String>,
    pub ingetrokken_op: Option<chrono::DateTime<chrono::Utc>>,
    pub laatst_aangemeld: Option<chrono::DateTime<chrono::Utc>>,
}

fn controleer_naam(naam: &str) -> Result<String, BeheerFout> {
    let n = naam.trim();
    if n.is_empty() || n.chars().count() > 200 || n.chars().any(char::is_control) {
        return Err(BeheerFout::Ongeldig(
            "--naam: een naam van 1 tot 200 tekens, zonder stuurtekens".into(),
        ));
    }
    Ok(n.to_string())
}

/// Give a medewerker a login in the group role of `rol`. Without a password the login can only
/// sign in through the directory (`pg_hba.conf` method `ldap`). `id` links the login to an
/// existing medewerker record (by default a new id). Returns the medewerker id.
pub async fn medewerker_toevoegen(
    c: &mut Client,
    login: &str,
    naam: &str,
    rol: ServerRol,
    afdeling: Option<&str>,
    wachtwoord: Option<&str>,
    id: Option<Uuid>,
) -> Result<Uuid, BeheerFout> {
    controleer_login(login)?;
    let naam = controleer_naam(naam)?;
    crate::sync::server::controleer(&*c).await?;
    let id = id.unwrap_or_else(Uuid::now_v7);
    let db = database(&*c).await?;
    let tx = c.transaction().await?;
    if rol_bestaat(&tx, login).await? {
        return Err(BeheerFout::Bestaat(login.into()));
    }
    let ww = wachtwoord.map(wachtwoord_clausule).unwrap_or_default();
    tx.batch_execute(&format!(
        "CREATE ROLE \"{login}\" LOGIN {ww} IN ROLE \"{}\"",
        rol.groep(&db)
    ))
    .await?;
    tx.execute(
        "INSERT INTO loket_medewerker_login (login, medewerker_id, naam, rol, afdeling)
         VALUES ($1, $2, $3, $4, $5)",
        &[&login, &id, &naam, &rol.as_str(), &afdeling],
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// What `loket server medewerker wijzigen` changes (None: leave as it is).
#[derive(Debug, Default)]
pub struct Wijziging<'a> {
    pub naam: Option<&'a str>,
    pub rol: Option<ServerRol>,
    /// Some(None) clears the afdeling.
    pub afdeling: Option<Option<&'a str>>,
    pub wachtwoord: Option<&'a str>,
}

pub async fn medewerker_wijzigen(
    c: &mut Client,
    login: &str,
    w: &Wijziging<'_>,
) -> Result<(), BeheerFout> {
    controleer_login(login)?;
    let naam = w.naam.map(controleer_naam).transpose()?;
    crate::sync::server::controleer(&*c).await?;
    let db = database(&*c).await?;
    let tx = c.transaction().await?;
    let oud: Option<String> = tx
        .query_typed_opt(
            "SELECT rol FROM loket_medewerker_login WHERE login = $1 FOR UPDATE",
            &[(&login, Type::TEXT)],
        )
        .await?
        .map(|r| r.get(0));
    let Some(oud) = oud.and_then(|o| ServerRol::lees(&o)) else {
        return Err(BeheerFout::Onbekend(format!("medewerker {login}")));
    };
    if let Some(rol) = w.rol.filter(|r| *r != oud) {
        tx.batch_execute(&format!(
            "GRANT \"{}\" TO \"{login}\"; REVOKE \"{}\" FROM \"{login}\"",
            rol.groep(&db),
            oud.groep(&db)
        ))
        .await?;
    }
    if let Some(ww) = w.wachtwoord {
        tx.batch_execute(&format!(
            "ALTER ROLE \"{login}\" {}",
            wachtwoord_clausule(ww)
        ))
        .await?;
    }
    tx.execute(
        "UPDATE loket_medewerker_login
            SET naam = coalesce($2, naam), rol = coalesce($3, rol),
                afdeling = CASE WHEN $4 THEN $5 ELSE afdeling END, gewijzigd_op = now()
          WHERE login = $1",
        &[
            &login,
            &naam,
            &w.rol.map(ServerRol::as_str),
            &w.afdeling.is_some(),
            &w.afdeling.flatten(),
        ],
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Revoke a medewerker: the login can no longer connect or sign in; listed as revoked.
pub async fn medewerker_intrekken(c: &Client, login: &str) -> Result<(), BeheerFout> {
    controleer_login(login)?;
    crate::sync::server::controleer(c).await?;
    let rol: Option<String> = c
        .query_typed_opt(
            "UPDATE loket_medewerker_login SET ingetrokken_op = coalesce(ingetrokken_op, now()),
                    gewijzigd_op = now()
              WHERE login = $1 RETURNING rol",
            &[(&login, Type::TEXT)],
        )
        .await?
        .map(|r| r.get(0));
    let Some(rol) = rol.and_then(|r| ServerRol::lees(&r)) else {
        return Err(BeheerFout::Onbekend(format!("medewerker {login}")));
    };
    login_uit(c, login, &rol.groep(&database(c).await?)).await
}

pub async fn medewerkers(c: &Client) -> Result<Vec<MedewerkerLogin>, BeheerFout> {
    crate::sync::server::controleer(c).await?;
    Ok(c.query_typed(
        "SELECT m.login::text, m.medewerker_id, m.naam, m.rol, m.afdeling, m.ingetrokken_op,
                    (SELECT max(a.van) FROM loket_aanmelding a WHERE a.login = m.login)
               FROM loket_medewerker_login m ORDER BY m.naam, m.login",
        &[],
    )
    .await?
    .iter()
    .map(|r| MedewerkerLogin {
        login: r.get(0),
        medewerker_id: r.get(1),
        naam: r.get(2),
        rol: ServerRol::lees(r.get(3)).unwrap_or(ServerRol::Medewerker),
        afdeling: r.get(4),
        ingetrokken_op: r.get(5),
        laatst_aangemeld: r.get(6),
    })
    .collect())
}

/// A sign-in the server recorded, with who the server says this is.
#[derive(Debug, Clone, PartialEq)]
pub struct Aanmelding {
    pub id: i64,
    pub medewerker_id: Uuid,
    pub naam: String,
    pub rol: ServerRol,
    pub afdeling: Option<String>,
}

/// Sign in at `desk` over a connection made with the medewerker's own login.
pub async fn aanmelden(c: &Client, desk: Uuid) -> Result<Aanmelding, BeheerFout> {
    let j: serde_json::Value = c
        .query_typed_one("SELECT loket_aanmelden($1)", &[(&desk, Type::UUID)])
        .await
        .map_err(|e| match e.as_db_error() {
            Some(d) if d.code() == &tokio_postgres::error::SqlState::INSUFFICIENT_PRIVILEGE => {
                BeheerFout::Ongeldig(d.message().to_string())
            }
            _ => BeheerFout::Pg(e),
        })?
        .get(0);
    let lees = || -> Option<Aanmelding> {
        Some(Aanmelding {
            id: j.get("aanmelding")?.as_i64()?,
            medewerker_id: j.get("medewerker_id")?.as_str()?.parse().ok()?,
            naam: j.get("naam")?.as_str()?.to_string(),
            rol: ServerRol::lees(j.get("rol")?.as_str()?)?,
            afdeling: j.get("afdeling").and_then(|a| a.as_str()).map(String::from),
        })
    };
    lees().ok_or(BeheerFout::Server(
        crate::sync::server::ServerFout::Antwoord,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_login_names_pass() {
        for goed in ["eva", "e.bakker", "kcc-01", "j_de_vries2"] {
            assert!(controleer_login(goed).is_ok(), "{goed}");
        }
        for fout in [
            "",
            "e",
            "Eva",
            "1eva",
            "eva bakker",
            "eva\"; DROP ROLE x; --",
            "loket_desk",
            "pg_monitor",
            "postgres",
            "é",
            &"a".repeat(64),
        ] {
            assert!(controleer_login(fout).is_err(), "{fout:?}");
        }
    }

    #[test]
    fn a_password_file_holds_one_line_and_never_ends_up_in_a_message() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("ww");
        std::fs::write(&p, "geheim123\n").unwrap();
        assert_eq!(lees_wachtwoord(&p).unwrap(), "geheim123");
        std::fs::write(&p, "geheim123\r\n").unwrap();
        assert_eq!(lees_wachtwoord(&p).unwrap(), "geheim123");
        for fout in ["", "\n", "twee\nregels\n", "nul\0teken"] {
            std::fs::write(&p, fout).unwrap();
            let e = lees_wachtwoord(&p).unwrap_err().to_string();
            assert!(!e.contains("regels") && !e.contains("teken"), "{e}");
        }
        std::fs::write(&p, "x".repeat(2000)).unwrap();
        assert!(lees_wachtwoord(&p).is_err());
    }

    #[test]
    fn a_new_password_file_is_the_owners_alone_and_never_overwritten() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("desk.wachtwoord");
        let w = nieuw_wachtwoord();
        assert_eq!(w.len(), 32);
        assert_ne!(w, nieuw_wachtwoord());
        schrijf_wachtwoord(&p, &w).unwrap();
        assert_eq!(lees_wachtwoord(&p).unwrap(), w);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        assert!(schrijf_wachtwoord(&p, "ander").is_err());
        assert_eq!(lees_wachtwoord(&p).unwrap(), w);
    }

    #[test]
    fn the_server_gets_a_verifier_never_the_password() {
        let c = wachtwoord_clausule("geheim123");
        assert!(c.starts_with("PASSWORD 'SCRAM-SHA-256$"), "{c}");
        assert!(!c.contains("geheim123"));
    }
}
