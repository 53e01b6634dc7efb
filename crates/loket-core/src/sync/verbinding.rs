//! Connecting to the shared database: the password from the url, a password file, `PGPASSWORD`
//! or `~/.pgpass` (files holding a password must be the owner's only), optional TLS, and the
//! notifications (LISTEN) forwarded to a channel.
//!
//! A connection never hangs: it is given up after [`CONNECT_TIMEOUT`], TCP keepalives find a
//! dead link within about half a minute, and the server ends a statement after
//! [`STATEMENT_TIMEOUT_MS`] and a transaction left idle after [`IDLE_IN_TX_TIMEOUT_MS`] (so a
//! frozen desk never holds a lock for long). A url is shown only through [`zonder_geheim`].

use std::path::{Path, PathBuf};
use std::time::Duration;

use tokio::sync::mpsc;
use tokio_postgres::config::SslMode;
use tokio_postgres::{AsyncMessage, Client, Config, NoTls};

use crate::config::{SyncConfig, alleen_eigenaar};

/// The PostgreSQL connection settings for `cfg`, with the password found.
pub fn pg_config(cfg: &SyncConfig) -> anyhow::Result<Config> {
    // The parser's own message may quote a piece of the url (an unknown option's name, which a
    // password with an unescaped `&` turns into): only our words leave here.
    let mut pg: Config = cfg
        .url
        .parse()
        .map_err(|e: tokio_postgres::Error| anyhow::anyhow!("{}", url_fout(&e)))?;
    if pg.get_connect_timeout().is_none() {
        pg.connect_timeout(CONNECT_TIMEOUT);
    }
    pg.keepalives(true)
        .keepalives_idle(Duration::from_secs(10))
        .keepalives_interval(Duration::from_secs(5))
        .keepalives_retries(3);
    // Sent data not acknowledged within this time ends the connection (keepalives only probe
    // an idle link; this covers a link that froze mid-send).
    if pg.get_tcp_user_timeout().is_none() {
        pg.tcp_user_timeout(Duration::from_secs(20));
    }
    // Ours first: a `-c` the url gives itself comes later and wins.
    let eigen = pg.get_options().unwrap_or_default().to_string();
    pg.options(
        format!(
            "-c statement_timeout={STATEMENT_TIMEOUT_MS} \
             -c idle_in_transaction_session_timeout={IDLE_IN_TX_TIMEOUT_MS} {eigen}"
        )
        .trim_end(),
    );
    // Unless asked for (here or in the url), no TLS: "prefer" would check a server certificate
    // against the system's CAs that an installation may not have set up.
    if cfg.sslmode.is_none() && !cfg.url.contains("sslmode=") {
        pg.ssl_mode(SslMode::Disable);
    }
    if let Some(mode) = &cfg.sslmode {
        pg.ssl_mode(match mode.as_str() {
            "disable" => SslMode::Disable,
            "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            m => anyhow::bail!("[sync] sslmode {m:?}: kies disable, prefer of require"),
        });
    }
    if pg.get_password().is_none() {
        if let Some(pad) = &cfg.password_file {
            alleen_eigenaar(pad)?;
            let w = crate::bestand::lees_tekst(pad, MAX_GEHEIM)
                .map_err(|g| anyhow::anyhow!("{} {}", pad.display(), g.melding))?;
            pg.password(w.trim_end_matches(['\r', '\n']));
        } else if let Ok(w) = std::env::var("PGPASSWORD") {
            pg.password(w);
        } else if let Some(w) = pgpass(&pg)? {
            pg.password(w);
        }
    }
    Ok(pg)
}

/// Give up connecting after this long.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// The server ends a statement of the desk that runs longer (milliseconds).
pub const STATEMENT_TIMEOUT_MS: u64 = 15_000;
/// The server ends a desk's session that sits idle inside a transaction this long: a frozen
/// desk never keeps a lock (milliseconds).
pub const IDLE_IN_TX_TIMEOUT_MS: u64 = 10_000;

/// A url the parser refused, in Dutch, never quoting the url (a piece of it may be a password).
pub fn url_fout(e: &tokio_postgres::Error) -> String {
    use std::error::Error;
    let oorzaak = e.source().map(|s| s.to_string()).unwrap_or_default();
    // "invalid value for option `port`": the option's name is the library's own word.
    let optie = oorzaak
        .strip_prefix("invalid value for option `")
        .and_then(|r| r.strip_suffix('`'))
        .filter(|o| o.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
    match optie {
        Some(o) => format!("[sync] url is ongeldig: ongeldige waarde voor {o}"),
        None => "[sync] url is ongeldig; schrijf postgres://gebruiker@host/database".into(),
    }
}

/// The url (or key=value connection string) with every password replaced by `***`, for
/// showing and logging: `postgres://loket:***@db/loket`, `...?sslmode=require&password=***`,
/// `host=db password=***`. What it cannot read with certainty is hidden too: a user part
/// that holds url syntax, a query piece that is not key=value, the rest of a key=value string
/// from the first piece it cannot read.
pub fn zonder_geheim(url: &str) -> String {
    let klein = url.to_ascii_lowercase();
    match klein.find("://") {
        Some(s) => url_zonder_geheim(url, s + 3),
        None => kv_zonder_geheim(url),
    }
}

const VERBORGEN: &str = "***";

fn is_wachtwoord_sleutel(sleutel: &str) -> bool {
    procent_ontcijferd(sleutel.trim())
        .trim()
        .eq_ignore_ascii_case("password")
}

/// `pass%77ord` → `password` (a `%` not followed by two hex digits stays as it is).
fn procent_ontcijferd(s: &str) -> String {
    let b = s.as_bytes();
    let mut uit = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b[i], hex) {
            (b'%', Some(x)) => {
                uit.push(x);
                i += 3;
            }
            (c, _) => {
                uit.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&uit).into_owned()
}

fn url_zonder_geheim(url: &str, begin: usize) -> String {
    let (schema, rest) = url.split_at(begin);
    // The user part ends at the last `@` (a password may hold an unescaped `@`, `/` or `?`;
    // hiding too much is better than too little).
    let (gebruiker, rest) = match rest.rfind('@') {
        Some(a) => {
            let info = &rest[..a];
            let naam = info.split(':').next().unwrap_or_default();
            let heeft_geheim = info.contains(':');
            // A "user" holding url syntax means the `@` was elsewhere: show nothing of it.
            let vreemd = naam.contains(['/', '?', '&', '=', '#']);
            let naam = if vreemd { VERBORGEN } else { naam };
            let geheim = if heeft_geheim && !vreemd {
                format!(":{VERBORGEN}")
            } else {
                String::new()
            };
            (format!("{naam}{geheim}@"), &rest[a + 1..])
        }
        None => (String::new(), rest),
    };
    let (adres, vraag) = match rest.find('?') {
        Some(q) => (&rest[..q], Some(&rest[q + 1..])),
        None => (rest, None),
    };
    let mut uit = format!("{schema}{gebruiker}{adres}");
    if let Some(vraag) = vraag {
        let delen: Vec<String> = vraag
            .split('&')
            .map(|deel| match deel.split_once('=') {
                Some((k, _)) if is_wachtwoord_sleutel(k) => format!("{k}={VERBORGEN}"),
                Some(_) => deel.to_string(),
                // Not key=value: the rest of a password with an unescaped `&`, perhaps.
                None if deel.is_empty() => String::new(),
                None => VERBORGEN.to_string(),
            })
            .collect();
        uit.push('?');
        uit.push_str(&delen.join("&"));
    }
    uit
}

/// `host=db password='p w' user=loket` as libpq reads it (values bare or between single
/// quotes, `\` escapes the next character, spaces around `=`): passwords become `***`; from
/// anything it cannot read on, the rest is hidden.
fn kv_zonder_geheim(tekst: &str) -> String {
    let mut uit = String::new();
    let mut tekens = tekst.char_indices().peekable();
    loop {
        while tekens.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        let Some(&(begin, _)) = tekens.peek() else {
            break;
        };
        let mut eind = begin;
        while let Some((i, c)) = tekens.next_if(|(_, c)| !c.is_whitespace() && *c != '=') {
            eind = i + c.len_utf8();
        }
        let sleutel = &tekst[begin..eind];
        while tekens.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        if sleutel.is_empty() || tekens.next_if(|(_, c)| *c == '=').is_none() {
            // Not key=value: hide what follows.
            if !uit.is_empty() {
                uit.push(' ');
            }
            uit.push_str(VERBORGEN);
            break;
        }
        while tekens.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        let waarde_begin = tekens.peek().map_or(tekst.len(), |(i, _)| *i);
        let mut compleet = false;
        if tekens.next_if(|(_, c)| *c == '\'').is_some() {
            while let Some((_, c)) = tekens.next() {
                match c {
                    '\\' => {
                        tekens.next();
                    }
                    '\'' => {
                        compleet = true;
                        break;
                    }
                    _ => {}
                }
            }
        } else {
            while let Some((_, c)) = tekens.next_if(|(_, c)| !c.is_whitespace()) {
                if c == '\\' {
                    tekens.next();
                }
                compleet = true;
            }
        }
        let waarde_eind = tekens.peek().map_or(tekst.len(), |(i, _)| *i);
        if !uit.is_empty() {
            uit.push(' ');
        }
        uit.push_str(sleutel);
        uit.push('=');
        if is_wachtwoord_sleutel(sleutel) || !compleet {
            uit.push_str(VERBORGEN);
            if !compleet {
                break;
            }
        } else {
            uit.push_str(&tekst[waarde_begin..waarde_eind]);
        }
    }
    uit
}

/// Whether the server's address takes a connection now (a TCP connect, or the Unix socket):
/// cheap enough to ask every second while offline. Any of its hosts will do.
pub async fn bereikbaar(cfg: &SyncConfig) -> bool {
    let Ok(pg) = cfg.url.parse::<Config>() else {
        return false;
    };
    let poorten = pg.get_ports();
    let wacht = Duration::from_secs(1);
    for (i, host) in pg.get_hosts().iter().enumerate() {
        let poort = poorten.get(i).or(poorten.first()).copied().unwrap_or(5432);
        let gelukt = match host {
            tokio_postgres::config::Host::Tcp(h) => {
                tokio::time::timeout(wacht, tokio::net::TcpStream::connect((h.as_str(), poort)))
                    .await
                    .is_ok_and(|r| r.is_ok())
            }
            #[cfg(unix)]
            tokio_postgres::config::Host::Unix(dir) => {
                let pad = dir.join(format!(".s.PGSQL.{poort}"));
                tokio::time::timeout(wacht, tokio::net::UnixStream::connect(pad))
                    .await
                    .is_ok_and(|r| r.is_ok())
            }
        };
        if gelukt {
            return true;
        }
    }
    false
}

/// The largest password file or `.pgpass` read.
const MAX_GEHEIM: u64 = 64 * 1024;

fn pgpass_pad() -> Option<PathBuf> {
    std::env::var_os("PGPASSFILE")
        .map(PathBuf::from)
        .or_else(|| directories::BaseDirs::new().map(|b| b.home_dir().join(".pgpass")))
}

/// The password for this host, port, database and user from `~/.pgpass` (as libpq reads it:
/// `host:port:database:user:password`, `*` matches anything, `\:` and `\\` are escapes).
fn pgpass(pg: &Config) -> anyhow::Result<Option<String>> {
    let Some(pad) = pgpass_pad().filter(|p| p.exists()) else {
        return Ok(None);
    };
    alleen_eigenaar(&pad)?;
    let tekst = crate::bestand::lees_tekst(&pad, MAX_GEHEIM)
        .map_err(|g| anyhow::anyhow!("{} {}", pad.display(), g.melding))?;
    let host = match pg.get_hosts().first() {
        Some(tokio_postgres::config::Host::Tcp(h)) => h.clone(),
        _ => "localhost".to_string(),
    };
    let poort = pg.get_ports().first().copied().unwrap_or(5432).to_string();
    let db = pg.get_dbname().unwrap_or_default().to_string();
    let user = pg.get_user().unwrap_or_default().to_string();
    Ok(pgpass_zoek(&tekst, &[&host, &poort, &db, &user]))
}

fn pgpass_zoek(tekst: &str, gezocht: &[&str; 4]) -> Option<String> {
    for regel in tekst.lines() {
        if regel.starts_with('#') || regel.trim().is_empty() {
            continue;
        }
        let mut velden = Vec::new();
        let mut veld = String::new();
        let mut tekens = regel.chars();
        while let Some(c) = tekens.next() {
            match c {
                '\\' => veld.extend(tekens.next()),
                ':' if velden.len() < 4 => velden.push(std::mem::take(&mut veld)),
                c => veld.push(c),
            }
        }
        velden.push(veld);
        if velden.len() == 5
            && velden[..4]
                .iter()
                .zip(gezocht)
                .all(|(v, g)| v == "*" || v == g)
        {
            return velden.pop();
        }
    }
    None
}

/// Connect; notifications on `kanaal` (after LISTEN) arrive on the returned receiver, which
/// closes when the connection ends. A server that accepts the connection and then stays silent
/// is given up after [`super::VERBIND_DEADLINE`], for every caller (desk, status, beheerder).
pub async fn verbind(cfg: &SyncConfig) -> anyhow::Result<(Client, mpsc::UnboundedReceiver<()>)> {
    match tokio::time::timeout(super::VERBIND_DEADLINE, verbind_zonder_deadline(cfg)).await {
        Ok(verbonden) => verbonden,
        Err(e) => Err(anyhow::Error::new(e).context(format!(
            "de gedeelde database antwoordt niet (geen antwoord binnen {} s)",
            super::VERBIND_DEADLINE.as_secs()
        ))),
    }
}

/// Connect as another login than the desk's (a medewerker signing in): the same server, TLS
/// and deadline as [`verbind`], with `login` and `wachtwoord` instead of the desk's.
pub async fn verbind_als(
    cfg: &SyncConfig,
    login: &str,
    wachtwoord: &str,
) -> anyhow::Result<Client> {
    let mut pg = pg_config(cfg)?;
    pg.user(login);
    pg.password(wachtwoord);
    // A server may ask for the password itself (pg_hba `ldap`, `password`): beyond this machine
    // it travels only over TLS with the server's certificate checked, never in the clear.
    let lokaal = pg.get_hosts().iter().all(|h| match h {
        tokio_postgres::config::Host::Tcp(h) => {
            h == "localhost"
                || h.parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        }
        tokio_postgres::config::Host::Unix(_) => true,
    }) && pg.get_hostaddrs().iter().all(|ip| ip.is_loopback());
    if !lokaal {
        anyhow::ensure!(
            pg.get_ssl_mode() != SslMode::Disable,
            "aanmelden met een wachtwoord gaat alleen over een versleutelde verbinding: zet \
             sslmode = \"require\" in [sync] (en ca_file voor het certificaat van de server)"
        );
        pg.ssl_mode(SslMode::Require);
    }
    match tokio::time::timeout(super::VERBIND_DEADLINE, verbind_met(cfg, pg)).await {
        Ok(verbonden) => verbonden.map(|(c, _)| c),
        Err(e) => Err(anyhow::Error::new(e).context(format!(
            "de gedeelde database antwoordt niet (geen antwoord binnen {} s)",
            super::VERBIND_DEADLINE.as_secs()
        ))),
    }
}

async fn verbind_zonder_deadline(
    cfg: &SyncConfig,
) -> anyhow::Result<(Client, mpsc::UnboundedReceiver<()>)> {
    verbind_met(cfg, pg_config(cfg)?).await
}

async fn verbind_met(
    cfg: &SyncConfig,
    pg: Config,
) -> anyhow::Result<(Client, mpsc::UnboundedReceiver<()>)> {
    let (tx, rx) = mpsc::unbounded_channel();
    let client = if pg.get_ssl_mode() == SslMode::Disable {
        let (client, verbinding) = pg.connect(NoTls).await?;
        tokio::spawn(luister(verbinding, tx));
        client
    } else {
        let tls = crate::tls::client_config(cfg.ca_file.as_deref().map(Path::new))
            .map_err(anyhow::Error::msg)?;
        let (client, verbinding) = pg
            .connect(tokio_postgres_rustls::MakeRustlsConnect::new(tls))
            .await?;
        tokio::spawn(luister(verbinding, tx));
        client
    };
    Ok((client, rx))
}

async fn luister<S, T>(
    mut verbinding: tokio_postgres::Connection<S, T>,
    tx: mpsc::UnboundedSender<()>,
) where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
    T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    loop {
        match std::future::poll_fn(|cx| verbinding.poll_message(cx)).await {
            Some(Ok(AsyncMessage::Notification(_))) => {
                let _ = tx.send(());
            }
            Some(Ok(_)) => {}
            Some(Err(_)) | None => break,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every spelling of a password in a url or a key=value string, with what may show.
    const GEHEIME: &[(&str, &str)] = &[
        ("postgres://u:pw@h/db", "postgres://u:***@h/db"),
        (
            "postgresql://u:pw@h:5433/db",
            "postgresql://u:***@h:5433/db",
        ),
        ("POSTGRES://u:pw@h/db", "POSTGRES://u:***@h/db"),
        ("postgres://u:p%40w@h/db", "postgres://u:***@h/db"),
        ("postgres://u:p@w@h/db", "postgres://u:***@h/db"),
        ("postgres://u:p/w?x@h/db", "postgres://u:***@h/db"),
        ("postgres://u:@h/db", "postgres://u:***@h/db"),
        (
            "postgres://h/db?password=pw",
            "postgres://h/db?password=***",
        ),
        (
            "postgres://u@h/db?sslmode=require&password=pw",
            "postgres://u@h/db?sslmode=require&password=***",
        ),
        (
            "postgres://u@h/db?PASSWORD=pw&sslmode=require",
            "postgres://u@h/db?PASSWORD=***&sslmode=require",
        ),
        (
            "postgres://h/db?pass%77ord=pw",
            "postgres://h/db?pass%77ord=***",
        ),
        (
            "postgres://h/db?password=p%26w",
            "postgres://h/db?password=***",
        ),
        (
            "postgres://h/db?password=p&w&sslmode=disable",
            "postgres://h/db?password=***&***&sslmode=disable",
        ),
        ("postgres://h/db?password=p@w", "postgres://***@w"),
        ("host=h password=pw", "host=h password=***"),
        ("host=h PASSWORD=pw user=u", "host=h PASSWORD=*** user=u"),
        (
            "host=h password = pw dbname=d",
            "host=h password=*** dbname=d",
        ),
        ("password='p w' host=h", "password=*** host=h"),
        ("password='p\\' w' host=h", "password=*** host=h"),
        ("password=p\\ w host=h", "password=*** host=h"),
        ("host=h password='p w", "host=h password=***"),
        ("host=h password=", "host=h password=***"),
        ("host=h pw password=pw", "host=h ***"),
        ("host='h' password=pw", "host='h' password=***"),
    ];

    #[test]
    fn no_spelling_of_a_password_survives_and_the_rest_still_shows() {
        for (url, verwacht) in GEHEIME {
            let uit = zonder_geheim(url);
            assert_eq!(&uit, verwacht, "{url}");
            for geheim in ["pw", "p w", "p@w", "p%40w", "p%26w", "p/w"] {
                assert!(!uit.contains(geheim), "{url} -> {uit}");
            }
        }
        for zonder in [
            "postgres://loket@db.gemeente.local/loket?sslmode=require",
            "host=db user=loket dbname=loket",
        ] {
            assert_eq!(zonder_geheim(zonder), zonder);
        }
        // Unicode and odd input never panic.
        for raar in [
            "",
            "=",
            "'",
            "\\",
            "p=\\",
            "://",
            "://@",
            "x://ü:ö@é?=&",
            "é= 'ü",
        ] {
            let _ = zonder_geheim(raar);
        }
    }

    #[test]
    fn the_configs_debug_form_hides_the_password_too() {
        let cfg = SyncConfig {
            url: "postgres://loket:geheim@db/loket".into(),
            password_file: None,
            sslmode: None,
            ca_file: None,
        };
        let d = format!("{cfg:?}");
        assert!(!d.contains("geheim") && d.contains("loket:***@db"), "{d}");
    }

    #[test]
    fn a_url_the_parser_refuses_is_said_without_quoting_it() {
        for url in [
            "postgres://h/db?password=p&geheimdeel&sslmode=disable",
            "postgres://h/db?password=p&geheim=1",
            "postgres://h:geheim/db",
            "host=h password=p geheim",
        ] {
            let cfg = SyncConfig {
                url: url.into(),
                password_file: None,
                sslmode: None,
                ca_file: None,
            };
            let fout = format!("{:#}", pg_config(&cfg).unwrap_err());
            assert!(fout.contains("url is ongeldig"), "{fout}");
            assert!(!fout.contains("geheim"), "{url}: {fout}");
        }
    }

    #[test]
    fn the_connection_never_waits_for_ever() {
        let cfg = SyncConfig {
            url: "postgres://loket@db/loket?options=-c%20search_path%3Dx".into(),
            password_file: None,
            sslmode: None,
            ca_file: None,
        };
        let pg = pg_config(&cfg).unwrap();
        assert_eq!(pg.get_connect_timeout(), Some(&CONNECT_TIMEOUT));
        assert!(pg.get_keepalives());
        assert_eq!(pg.get_keepalives_idle(), Duration::from_secs(10));
        let opties = pg.get_options().unwrap();
        assert!(
            opties.starts_with(
                "-c statement_timeout=15000 -c idle_in_transaction_session_timeout=10000"
            ),
            "{opties}"
        );
        assert!(
            opties.ends_with("-c search_path=x"),
            "the url's own options come last: {opties}"
        );
    }

    #[test]
    fn pgpass_lines_match_like_libpq() {
        let tekst = "# comment\n\
                     db.gemeente.local:5432:loket:loket:geheim\\:1\n\
                     *:*:*:beheer:anders\n";
        let zoek = |h: &str, u: &str| pgpass_zoek(tekst, &[h, "5432", "loket", u]);
        assert_eq!(
            zoek("db.gemeente.local", "loket").as_deref(),
            Some("geheim:1")
        );
        assert_eq!(zoek("elders", "beheer").as_deref(), Some("anders"));
        assert_eq!(zoek("elders", "loket"), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_password_file_readable_by_others_is_refused_and_says_why() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let pad = dir.path().join("pw");
        std::fs::write(&pad, "geheim\n").unwrap();
        std::fs::set_permissions(&pad, std::fs::Permissions::from_mode(0o644)).unwrap();
        let cfg = SyncConfig {
            url: "postgres://loket@localhost/loket".into(),
            password_file: Some(pad.clone()),
            sslmode: None,
            ca_file: None,
        };
        let fout = pg_config(&cfg).unwrap_err().to_string();
        assert!(fout.contains("chmod 600"), "{fout}");
        std::fs::set_permissions(&pad, std::fs::Permissions::from_mode(0o600)).unwrap();
        let pg = pg_config(&cfg).unwrap();
        assert_eq!(pg.get_password(), Some(&b"geheim"[..]));
    }
}
