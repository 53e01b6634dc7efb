//! The read-only wall screens: the waiting-room display (`loket oproepscherm`) and the floor
//! view (`loket vloer`), each drawing the newest data a thread of its own reads.

use super::*;

/// The database, the config (when there is one) and the gemeente's name of a read-only screen
/// command.
fn scherm_instellingen(
    db: Option<PathBuf>,
    config: Option<PathBuf>,
) -> anyhow::Result<(crate::store::Store, Option<Config>, String)> {
    let db_path = resolve_db_path(db, config.clone())?;
    // A wall screen only shows what desks wrote: a missing file is a wrong path, not a new hall.
    if !db_path.exists() {
        return Err(crate::store::OpenError::Ontbreekt { path: db_path }.into());
    }
    let cfg = config
        .or_else(|| config::default_paths().ok().map(|d| d.config))
        .filter(|p| p.exists())
        .map(|p| Config::load_or_create(&p).map(|(c, _)| c))
        .transpose()?;
    let store = crate::store::Store::open(&db_path, uuid::Uuid::nil())?;
    let gemeente = cfg
        .as_ref()
        .and_then(|c| c.gemeente.clone())
        .or_else(|| store.meta("gemeente").ok().flatten())
        .unwrap_or_else(|| "Gemeente".into());
    Ok((store, cfg, gemeente))
}

/// `loket oproepscherm`: the waiting-room display. Reads the database every 400 ms on a thread
/// of its own and redraws; `q` or Esc closes it.
pub fn run_oproepscherm(db: Option<PathBuf>, config: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let (store, cfg, gemeente) = scherm_instellingen(db, config)?;
    let locatie = cfg
        .as_ref()
        .and_then(|c| c.balie.as_ref())
        .map_or_else(|| "Stadskantoor".to_string(), |b| b.locatie.clone());
    let vandaag = Local::now().date_naive();
    let actueel: Vec<String> =
        crate::kennisbank::lees(cfg.as_ref().and_then(|c| c.kennisbank.as_deref()))
            .map(|kb| kb.actueel(vandaag).map(|a| a.titel.clone()).collect())
            .unwrap_or_default();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("loket-oproepscherm".into())
        .spawn(move || {
            loop {
                let dag = Local::now().date_naive();
                if let Ok(d) = crate::store::klantgeleiding::oproepen(store.conn(), &locatie, dag)
                    && tx.send(d).is_err()
                {
                    return;
                }
                std::thread::sleep(std::time::Duration::from_millis(400));
            }
        })?;
    let theme = Theme::from_env();
    toon_tot_q(
        rx,
        100,
        |_| false,
        |f, data| ui::oproepscherm::render(f, data, &actueel, &gemeente, &theme),
    )
}

/// `loket vloer`: the floor view, read from the database every second on a thread of its own.
pub fn run_vloer(
    db: Option<PathBuf>,
    config: Option<PathBuf>,
    aanmelden: &super::aanmelden::AanmeldArgs,
) -> anyhow::Result<ExitCode> {
    let db_pad = resolve_db_path(db.clone(), config.clone())?;
    let (store, cfg, gemeente) = scherm_instellingen(db, config)?;
    // Names only for a supervisor who signed in, and not on a screen set to stay anonymous.
    let namen = match &aanmelden.login {
        Some(_) => {
            let wie = super::aanmelden::wie(aanmelden, &db_pad, cfg.as_ref())?;
            wie.rol == crate::identiteit::ServerRol::Supervisor
        }
        None => false,
    } && !cfg
        .as_ref()
        .and_then(|c| c.vloer.as_ref())
        .is_some_and(|v| v.anoniem);
    let normen = cfg
        .as_ref()
        .and_then(|c| c.normen.as_ref())
        .map_or_else(ui::vloer::Normen::default, |n| n.normen());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("loket-vloer".into())
        .spawn(move || {
            loop {
                let nu = Utc::now();
                if let Ok(mut v) = crate::store::vloer::laad(
                    store.conn(),
                    nu.with_timezone(&Local).date_naive(),
                    nu,
                    &normen,
                ) {
                    if !namen {
                        v.anoniem();
                    }
                    if tx.send(v).is_err() {
                        return;
                    }
                }
                std::thread::sleep(std::time::Duration::from_secs(1));
            }
        })?;
    let bel = cfg
        .as_ref()
        .and_then(|c| c.normen.as_ref())
        .is_some_and(|n| n.bel);
    let theme = Theme::from_env();
    let mut eerder = 0;
    let weergave = std::cell::Cell::new(app::vloer::Weergave::default());
    let breedte = std::cell::Cell::new(80u16);
    let toets = |k: ratatui::crossterm::event::KeyCode| {
        use ratatui::crossterm::event::KeyCode;
        let mut w = weergave.get();
        let kol = app::vloer::kolommen(breedte.get());
        match k {
            KeyCode::Right => w.beweeg(1, 0, kol),
            KeyCode::Left => w.beweeg(-1, 0, kol),
            KeyCode::Down => w.beweeg(0, 1, kol),
            KeyCode::Up => w.beweeg(0, -1, kol),
            KeyCode::Enter => w.detail = !w.detail,
            // Esc in a tile's rows goes back to the tiles; on the tiles it closes.
            KeyCode::Esc if w.detail => w.detail = false,
            KeyCode::Char('s') => w.sorteer(),
            _ => return false,
        }
        weergave.set(w);
        true
    };
    toon_tot_q(rx, 250, toets, |f, data| {
        breedte.set(f.area().width);
        let w = weergave.get();
        ui::vloer::render(
            f,
            f.area(),
            data,
            &normen,
            &w,
            &gemeente,
            Utc::now(),
            &theme,
        );
        // The bell when a norm is newly breached (not on every redraw).
        let nu = ui::vloer::overschreden(data, &normen).len();
        if bel && nu > eerder {
            use std::io::Write;
            let _ = std::io::stdout().write_all(b"\x07");
        }
        eerder = nu;
    })
}

/// A read-only full-screen view (oproepscherm, vloer): draw the newest data from `rx` until q,
/// Esc or Ctrl-C (unless `toets` took the key: it says so), polling keys every `ms`
/// milliseconds; the terminal is restored either way.
fn toon_tot_q<T: Default>(
    rx: std::sync::mpsc::Receiver<T>,
    ms: u64,
    mut toets: impl FnMut(ratatui::crossterm::event::KeyCode) -> bool,
    mut tekenen: impl FnMut(&mut ratatui::Frame, &T),
) -> anyhow::Result<ExitCode> {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    let mut terminal = terminal_starten()?;
    let mut data = T::default();
    let result = (|| -> anyhow::Result<()> {
        loop {
            while let Ok(d) = rx.try_recv() {
                data = d;
            }
            terminal.draw(|f| tekenen(f, &data))?;
            if event::poll(std::time::Duration::from_millis(ms))?
                && let Event::Key(k) = event::read()?
            {
                let ctrl_c =
                    k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL);
                // The screen's own keys first (Esc may go back a level), then leaving.
                if !ctrl_c && k.kind == event::KeyEventKind::Press && toets(k.code) {
                    continue;
                }
                if matches!(k.code, KeyCode::Char('q') | KeyCode::Esc) || ctrl_c {
                    return Ok(());
                }
            }
        }
    })();
    ratatui::restore();
    result?;
    Ok(ExitCode::SUCCESS)
}
