//! Connecting to the shared database: the password from the url, a password file, `PGPASSWORD`
//! or `~/.pgpass` (files holding a password must be the owner's only), optional TLS, and the
//! notifications (LISTEN) forwarded to a channel.

use std::path::{Path, PathBuf};

use anyhow::Context;
use tokio::sync::mpsc;
use tokio_postgres::config::SslMode;
use tokio_postgres::{AsyncMessage, Client, Config, NoTls};

use crate::config::{SyncConfig, alleen_eigenaar};

/// The PostgreSQL connection settings for `cfg`, with the password found.
pub fn pg_config(cfg: &SyncConfig) -> anyhow::Result<Config> {
    let mut pg: Config = cfg.url.parse().context("[sync] url is ongeldig")?;
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
/// closes when the connection ends.
pub async fn verbind(cfg: &SyncConfig) -> anyhow::Result<(Client, mpsc::UnboundedReceiver<()>)> {
    let pg = pg_config(cfg)?;
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
