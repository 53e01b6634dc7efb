//! Signing in for a command that shows what only some roles may see (`loket rapport --per
//! medewerker`, `loket audit`, the names on `loket vloer`): checked as at the desk (the shared
//! database with [sync], offline its last sign-in here, else the desk's own accounts), never by
//! what config.toml says. The password comes from a file or is asked on the terminal, not shown.

use std::path::Path;

use loket_core::identiteit::aanmelden::{self as a, ServerAntwoord, Weigering, Wie};

use crate::config::Config;

/// `--login` and `--wachtwoord-bestand` of a command that asks who starts it.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct AanmeldArgs {
    /// Your login (the role comes from the shared database, or from this desk's accounts).
    #[arg(long)]
    pub login: Option<String>,
    /// A file holding your password (else it is asked on the terminal).
    #[arg(long, value_name = "PAD")]
    pub wachtwoord_bestand: Option<std::path::PathBuf>,
}

/// Who `args.login` is, by their password, on the database `db` with the config `cfg`.
pub fn wie(args: &AanmeldArgs, db: &Path, cfg: Option<&Config>) -> anyhow::Result<Wie> {
    let Some(login) = args.login.as_deref() else {
        anyhow::bail!("meld u aan met --login (en --wachtwoord-bestand, of typ het wachtwoord)");
    };
    let wachtwoord = match &args.wachtwoord_bestand {
        Some(p) => loket_core::identiteit::beheer::lees_wachtwoord(p)?,
        None => vraag_wachtwoord(login)?,
    };
    let uitslag = controleer(login, &wachtwoord, db, cfg);
    if let Err(Weigering::Onjuist) = &uitslag {
        // As at the desk, a wrong password costs time: guessing from a script is slow.
        std::thread::sleep(std::time::Duration::from_secs(2));
    }
    Ok(uitslag?)
}

fn controleer(
    login: &str,
    wachtwoord: &str,
    db: &Path,
    cfg: Option<&Config>,
) -> Result<Wie, Weigering> {
    let opslag = |e: crate::store::OpenError| Weigering::Opslag(e.to_string());
    let oefendata = crate::training::is_trainingsdatabase(db);
    match cfg
        .and_then(|c| c.sync.as_ref().map(|s| (c, s)))
        .filter(|_| !oefendata)
    {
        Some((c, sync)) => {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| Weigering::Server(e.to_string()))?;
            match rt.block_on(a::server_aanmelden(sync, c.desk_id, login, wachtwoord)) {
                ServerAntwoord::Aangemeld(x) => Ok(Wie {
                    login: login.to_string(),
                    medewerker_id: x.medewerker_id,
                    naam: x.naam,
                    rol: x.rol,
                }),
                ServerAntwoord::Geweigerd(w) => Err(w),
                ServerAntwoord::Onbereikbaar(_) => {
                    let store = crate::store::Store::open_alleen_lezen(db).map_err(opslag)?;
                    let uren = c.aanmelden.clone().unwrap_or_default().offline_uren;
                    a::offline_controleren(
                        store.conn(),
                        c.desk_id,
                        login,
                        wachtwoord,
                        chrono::Utc::now(),
                        std::time::Duration::from_secs(u64::from(uren) * 3600),
                    )
                }
            }
        }
        None => {
            let store = crate::store::Store::open_alleen_lezen(db).map_err(opslag)?;
            a::lokaal_controleren(store.conn(), login, wachtwoord)
        }
    }
}

/// The password, typed on the terminal without being shown.
fn vraag_wachtwoord(login: &str) -> anyhow::Result<String> {
    use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
    use std::io::{IsTerminal, Write};
    anyhow::ensure!(
        std::io::stdin().is_terminal(),
        "geen terminal om het wachtwoord te vragen: geef --wachtwoord-bestand"
    );
    eprint!("Wachtwoord voor {login}: ");
    let _ = std::io::stderr().flush();
    ratatui::crossterm::terminal::enable_raw_mode()?;
    let mut w = String::new();
    let gelezen = loop {
        match event::read() {
            Ok(Event::Key(k)) if k.kind == KeyEventKind::Press => match k.code {
                KeyCode::Enter => break Ok(()),
                KeyCode::Esc => break Err(anyhow::anyhow!("afgebroken")),
                KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    break Err(anyhow::anyhow!("afgebroken"));
                }
                KeyCode::Backspace => {
                    w.pop();
                }
                KeyCode::Char(c) if w.chars().count() < a::MAX_WACHTWOORD => w.push(c),
                _ => {}
            },
            Ok(_) => {}
            Err(e) => break Err(e.into()),
        }
    };
    let _ = ratatui::crossterm::terminal::disable_raw_mode();
    eprintln!();
    gelezen.map(|()| w)
}
