//! The interactive desk: terminal set-up and restore, the event loop, and the background work
//! (store thread, config writes) whose results come back as actions. Keys are handled as they
//! arrive; nothing here waits on disk.

pub mod aanmelden;
mod effects;
mod scherm;

use effects::run_effect;
pub use scherm::{run_oproepscherm, run_vloer};

use crate::app::kennisbank::KbMsg;
use crate::app::telefonie::TelMsg;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Local, Utc};
use ratatui::crossterm::event::{self, Event};
use tokio::sync::mpsc;

use crate::app::{self, Action, DbState, Effect, KbEffect, Session, State};
use crate::config::{self, Config, MedewerkerProfiel};
use crate::demo::{self, DemoOptions};
use crate::domain::Rol;
use crate::store::{Store, worker};
use crate::ui::{self, Theme};

#[derive(Debug, Clone, Default)]
pub struct DeskOptions {
    pub demo: bool,
    pub db: Option<PathBuf>,
    pub config: Option<PathBuf>,
    /// `loket training`: the scenario, on the training database.
    pub training: Option<TrainingStart>,
}

#[derive(Debug, Clone)]
pub struct TrainingStart {
    pub scenario: crate::domain::training::Scenario,
    pub trainee: Option<String>,
    pub reset: bool,
}

/// Where this run's data lives.
struct Setup {
    config: Config,
    db_path: PathBuf,
    /// What signing in needs of this desk (set once the sync is decided).
    aanmelden: app::aanmelden::jobs::Omgeving,
    /// Keeps the demo's temporary folder alive until the desk closes.
    _demo_dir: Option<tempfile::TempDir>,
    /// The running call source, when telephony is on.
    tel: Option<crate::telefonie::Bron>,
    /// Wakes the sync task for a round now (with `[sync]`).
    sync_wekker: Option<std::sync::Arc<tokio::sync::Notify>>,
    /// The one kennisbank loader (Ctrl-R asks it; it never runs two loads at once).
    kennisbank: Option<crate::kennisbank::lader::Lader>,
}

/// The database a non-interactive command works on: `--db`, else the config's `database`,
/// else the default. Never creates a config file.
pub fn resolve_db_path(db: Option<PathBuf>, config: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    if let Some(p) = db {
        return Ok(p);
    }
    let defaults = config::default_paths();
    let config_path = match (config, &defaults) {
        (Some(p), _) => p,
        (None, Ok(d)) => d.config.clone(),
        (None, Err(e)) => anyhow::bail!("{e}; geef --db op"),
    };
    if config_path.exists() {
        let (cfg, _) = Config::load_or_create(&config_path)?;
        if let Some(p) = cfg.database {
            return Ok(p);
        }
    }
    match defaults {
        Ok(d) => Ok(d.database),
        Err(e) => anyhow::bail!("{e}; geef --db op"),
    }
}

/// The config (which must exist) and database for a command about this desk (sync).
pub fn resolve_desk(
    db: Option<PathBuf>,
    config: Option<PathBuf>,
) -> anyhow::Result<(Config, PathBuf)> {
    let config_path = match config {
        Some(p) => p,
        None => config::default_paths()?.config,
    };
    anyhow::ensure!(
        config_path.exists(),
        "{} bestaat niet: start de desk eerst, of geef --config",
        config_path.display()
    );
    let (cfg, _) = Config::load_or_create(&config_path)?;
    let db = match (db, &cfg.database) {
        (Some(p), _) => p,
        (None, Some(p)) => p.clone(),
        (None, None) => config::default_paths()?.database,
    };
    Ok((cfg, db))
}

fn setup(opts: &DeskOptions) -> anyhow::Result<Setup> {
    if opts.demo {
        let dir = tempfile::Builder::new().prefix("loket-demo-").tempdir()?;
        let mut cfg = Config::new();
        cfg.medewerker = Some(MedewerkerProfiel {
            id: uuid::Uuid::now_v7(),
            naam: "Demo Medewerker".into(),
            rol: Rol::Medewerker,
            afdeling: Some("Publiekscentrum (KCC)".into()),
        });
        return Ok(Setup {
            aanmelden: omgeving(&cfg),
            config: cfg,
            db_path: dir.path().join("loket.db"),
            _demo_dir: Some(dir),
            tel: None,
            sync_wekker: None,
            kennisbank: None,
        });
    }
    if let Some(t) = &opts.training {
        return training_setup(opts, t);
    }
    let defaults = config::default_paths();
    let config_path = match (&opts.config, &defaults) {
        (Some(p), _) => p.clone(),
        (None, Ok(d)) => d.config.clone(),
        (None, Err(e)) => anyhow::bail!("{e}; geef --config op"),
    };
    let (cfg, _created) = Config::load_or_create(&config_path)?;
    let db_path = match (&opts.db, &cfg.database, &defaults) {
        (Some(p), _, _) => p.clone(),
        (None, Some(p), _) => p.clone(),
        (None, None, Ok(d)) => d.database.clone(),
        (None, None, Err(e)) => anyhow::bail!("{e}; geef --db op"),
    };
    if let Some(dir) = db_path.parent()
        && !dir.as_os_str().is_empty()
    {
        loket_core::bestand::maak_map(dir)?;
    }
    Ok(Setup {
        aanmelden: omgeving(&cfg),
        config: cfg,
        db_path,
        _demo_dir: None,
        tel: None,
        sync_wekker: None,
        kennisbank: None,
    })
}

/// Training: the training database (prepared, never the desk's own), the medewerker from the
/// config (read, never written), and nothing else of the config: no [sync], no own kennisbank.
fn training_setup(opts: &DeskOptions, t: &TrainingStart) -> anyhow::Result<Setup> {
    let defaults = config::default_paths().ok();
    let config_path = opts
        .config
        .clone()
        .or_else(|| defaults.as_ref().map(|d| d.config.clone()));
    let eigen = match &config_path {
        Some(p) if p.exists() => Some(Config::load_or_create(p)?.0),
        _ => None,
    };
    let db_path = match &opts.db {
        Some(p) => p.clone(),
        None => crate::training::standaard_pad()?,
    };
    let productie = [
        eigen.as_ref().and_then(|c| c.database.clone()),
        defaults.as_ref().map(|d| d.database.clone()),
    ];
    anyhow::ensure!(
        !productie.iter().flatten().any(|p| p == &db_path),
        "{} is de database van de desk; training gebruikt altijd een eigen database",
        db_path.display()
    );
    crate::training::voorbereiden(&db_path, t.reset)?;
    let mut cfg = Config::new();
    if let Some(e) = &eigen {
        cfg.desk_id = e.desk_id;
        cfg.gemeente = e.gemeente.clone();
    }
    // The trainee's work is theirs: a trainee named with --trainee (a trainer's config, a
    // shared training pc) gets a medewerker id of their own, the same in every session;
    // without --trainee the config's medewerker is the trainee.
    let config_medewerker = eigen.as_ref().and_then(|e| e.medewerker.as_ref());
    let (id, naam) = match (t.trainee.clone(), config_medewerker) {
        (Some(naam), Some(m)) if m.naam == naam => (m.id, naam),
        (Some(naam), _) => (trainee_id(&naam), naam),
        (None, Some(m)) => (m.id, m.naam.clone()),
        (None, None) => (trainee_id("trainee"), "trainee".to_string()),
    };
    cfg.medewerker = Some(MedewerkerProfiel {
        id,
        naam,
        rol: Rol::Medewerker,
        afdeling: Some("Publiekscentrum (KCC)".into()),
    });
    Ok(Setup {
        aanmelden: omgeving(&cfg),
        config: cfg,
        db_path,
        _demo_dir: None,
        tel: None,
        sync_wekker: None,
        kennisbank: None,
    })
}

/// Signing in on this desk: the shared database decides when the desk syncs (set in
/// `run_desk`, which knows whether it will).
fn omgeving(cfg: &Config) -> app::aanmelden::jobs::Omgeving {
    let uren = cfg.aanmelden.clone().unwrap_or_default().offline_uren;
    app::aanmelden::jobs::Omgeving {
        sync: None,
        desk: cfg.desk_id,
        offline_geldig: std::time::Duration::from_secs(u64::from(uren) * 3600),
    }
}

/// The namespace of trainees' medewerker ids in the training database (UUID v5 of the name).
const TRAINEE_NS: uuid::Uuid = uuid::Uuid::from_u128(0x6c6f_6b65_742d_7472_6169_6e65_6500_0001);

/// The medewerker id of a trainee named on the command line: stable, and never the trainer's.
pub fn trainee_id(naam: &str) -> uuid::Uuid {
    uuid::Uuid::new_v5(&TRAINEE_NS, naam.trim().to_lowercase().as_bytes())
}

/// Open the store on its own thread. In demo mode it first generates the demo database.
/// `wekker` wakes the sync task when a job wrote changes for the outbox.
fn spawn_store(
    setup: &Setup,
    demo_mode: bool,
    tx: mpsc::UnboundedSender<Action>,
    wekker: std::sync::Arc<tokio::sync::Notify>,
) -> app::jobs::Jobs {
    let path = setup.db_path.clone();
    let desk = setup.config.desk_id;
    let jobs = worker::spawn_met_wekker(
        move || {
            if demo_mode {
                demo::generate(&path, &DemoOptions::default(), false)
                    .map_err(|e| Action::StoreFailed(crate::melding::tekst(&e)))?;
            }
            Store::open(&path, desk).map_err(|e| {
                crate::logboek::schrijf(&format!("database openen: {e:?}"));
                Action::StoreFailed(e.to_string())
            })
        },
        app::telefonie::jobs::bij_stoppen,
        move |action| {
            let _ = tx.send(action);
        },
        app::jobs::paniek,
        move || wekker.notify_one(),
    );
    app::jobs::opstart(&jobs);
    jobs
}

/// A screen command needs a terminal on both ends; checked before anything is opened.
fn terminal_nodig() -> anyhow::Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        anyhow::bail!(
            "loket heeft een terminal nodig: invoer of uitvoer is omgeleid (start het in een \
             terminalvenster, of gebruik een opdracht als `loket rapport`)"
        );
    }
    Ok(())
}

/// Raw mode and the alternate screen, with ratatui's panic hook that restores the terminal
/// before the panic message is printed. Without a terminal (input or output redirected, no
/// tty) it says so in Dutch instead of panicking.
pub(crate) fn terminal_starten() -> anyhow::Result<ratatui::DefaultTerminal> {
    terminal_nodig()?;
    log_panics();
    match ratatui::try_init() {
        Ok(t) => Ok(t),
        Err(e) => {
            let _ = ratatui::try_restore();
            crate::logboek::schrijf(&format!("terminal starten: {e}"));
            anyhow::bail!("loket kan de terminal niet in schermmodus zetten (details in loket.log)")
        }
    }
}

/// Run the desk until the user quits. Returns the exit code: failure when the database was refused.
pub fn run_desk(opts: DeskOptions) -> anyhow::Result<ExitCode> {
    let mut setup = setup(&opts)?;
    terminal_nodig()?;
    if let Some(dir) = setup.db_path.parent() {
        crate::logboek::naar(dir.join("loket.log"));
    }
    // Nobody is at the keyboard until somebody signs in (the demo and training do it
    // themselves); a config from before sign-in only offers its medewerker to the first account.
    let session = Session {
        gemeente: setup.config.gemeente.clone(),
        medewerker: None,
        desk_id: setup.config.desk_id,
        demo: opts.demo,
        termijnen: setup.config.contactverzoek_termijn.clone(),
    };
    let mut state = State::new(session, app::aanmelden::Fase::Laden, Local::now());
    state.aanmelden.eerder = setup.config.medewerker.clone();
    let theme = Theme::from_env();

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let (tx, rx) = mpsc::unbounded_channel::<Action>();
    // Wakes the sync task (when there is one): the store after writing changes, a balie
    // waiting for the server's verdict.
    let wekker = std::sync::Arc::new(tokio::sync::Notify::new());
    let store = spawn_store(&setup, opts.demo, tx.clone(), wekker.clone());
    // The kennisbank loads on a thread of its own; the desk does not wait for it. A folder of
    // articles is watched: changed files are picked up while the desk runs.
    setup.kennisbank = {
        let tx = tx.clone();
        crate::kennisbank::lader::Lader::start(setup.config.kennisbank.clone(), true, move |kb| {
            tx.send(Action::Kb(KbMsg::Geladen(Box::new(kb)))).is_ok()
        })
        .ok()
    };
    // Sync with the shared database, when configured (never for the demo's throwaway data, and
    // never a training database, also when opened as a desk with --db).
    let oefendata = opts.demo
        || opts.training.is_some()
        || crate::training::is_trainingsdatabase(&setup.db_path);
    if setup.config.sync.is_some() && oefendata && !opts.demo {
        state.notify(
            "Trainingsdatabase: [sync] wordt genegeerd, er gaat niets naar de gedeelde database."
                .into(),
            false,
        );
    }
    if let Some(sync_cfg) = setup.config.sync.clone().filter(|_| !oefendata) {
        state.sync = crate::sync::SyncIndicator::Bezig;
        let _guard = rt.enter();
        let locatie = Some(
            setup
                .config
                .balie
                .as_ref()
                .map_or("Stadskantoor".to_string(), |b| b.locatie.clone()),
        );
        setup.sync_wekker = Some(wekker.clone());
        let mut berichten = crate::sync::start_met_wekker(
            sync_cfg,
            setup.db_path.clone(),
            setup.config.desk_id,
            locatie,
            wekker,
        );
        let tx = tx.clone();
        rt.spawn(async move {
            while let Some(b) = berichten.recv().await {
                if tx.send(Action::Sync(Box::new(b))).is_err() {
                    break;
                }
            }
        });
    }
    // Who is at the keyboard: the shared database decides on a synced desk; a desk of its own
    // has its own accounts (or makes the first); the demo and training sign in by themselves.
    let aanmelden_cfg = setup.config.aanmelden.clone().unwrap_or_default();
    state.aanmelden.met_server = setup.config.sync.is_some() && !oefendata;
    state.aanmelden.vergrendel_na = (!oefendata)
        .then(|| chrono::Duration::minutes(i64::from(aanmelden_cfg.vergrendel_minuten)));
    if state.aanmelden.met_server {
        setup.aanmelden.sync = setup.config.sync.clone();
    }
    let desk = setup.config.desk_id;
    match (&setup.config.medewerker, opts.demo, &opts.training) {
        (Some(m), true, _) => app::aanmelden::jobs::zonder_wachtwoord(
            &store,
            "demo".into(),
            m.id,
            m.naam.clone(),
            crate::identiteit::aanmelden::Wijze::Demo,
            desk,
        ),
        (Some(m), _, Some(_)) => app::aanmelden::jobs::zonder_wachtwoord(
            &store,
            "trainee".into(),
            m.id,
            m.naam.clone(),
            crate::identiteit::aanmelden::Wijze::Training,
            desk,
        ),
        _ if state.aanmelden.met_server => {
            app::update(
                &mut state,
                &app::Ctx::nu(),
                Action::Aanmelden(app::aanmelden::AanmeldMsg::Klaar {
                    eerste_account: false,
                }),
            );
        }
        _ => app::aanmelden::jobs::start(
            app::aanmelden::AanmeldEffect::Soort,
            &store,
            &setup.aanmelden,
            &tx,
        ),
    }

    let mut terminal = terminal_starten()?;
    // Bracketed paste: a paste arrives as one text, never as keys (a newline in it would
    // otherwise be Enter and save a form early).
    let _ = ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::event::EnableBracketedPaste
    );
    if let Ok(size) = terminal.size() {
        app::update(
            &mut state,
            &app::Ctx::nu(),
            Action::Resize(size.width, size.height),
        );
    }
    // The call source: the simulator (demo, or configured), or Asterisk.
    let oefenen = opts.demo || opts.training.is_some();
    let tel_cfg = setup
        .config
        .telefonie
        .clone()
        .or_else(|| oefenen.then(crate::config::TelefonieConfig::demo))
        .map(|mut t| {
            if let Some(tr) = &opts.training {
                t.seed = Some(tr.scenario.seed);
                t.snelheid = tr.scenario.snelheid;
            }
            t
        });
    if let Some(tr) = &opts.training {
        let trainee = setup
            .config
            .medewerker
            .as_ref()
            .map_or("trainee".to_string(), |m| m.naam.clone());
        state.training = Some(app::training::Training::new(tr.scenario.clone(), trainee));
    }
    let balie = setup
        .config
        .balie
        .clone()
        .or_else(|| oefenen.then(crate::config::BalieConfig::demo))
        .unwrap_or(crate::config::BalieConfig {
            locatie: "Stadskantoor".into(),
            naam: None,
            diensten: Vec::new(),
        });
    state.klantgeleiding.locatie = balie.locatie;
    state.klantgeleiding.balie = balie.naam;
    state.klantgeleiding.balie_diensten = balie.diensten;
    // [normen] judges the floor view; without it the telephone's own norm still counts.
    state.normen = match &setup.config.normen {
        Some(n) => n.normen(),
        None => crate::domain::kpi::Normen {
            telefoon_s: tel_cfg.as_ref().map_or(30, |t| t.servicenorm_seconden),
            ..Default::default()
        },
    };
    if let Some(t) = &tel_cfg {
        // One norm for the desk's waiting callers and the floor's: [normen] when given.
        state.telefonie.norm_s = state.normen.telefoon_s;
        state.telefonie.nawerk_max_s = t.nawerk_seconden;
        state.telefonie.automatisch_aannemen = t.automatisch_aannemen;
        state.telefonie.op_toestel = t.bron == crate::config::TelBron::Ami;
        // Each run of the simulator is a demo PBX of its own: its calls are recorded under this
        // run, so a restart or another desk with the same seed never overwrites them.
        if t.bron == crate::config::TelBron::Simulator {
            state.telefonie.simulator_run = Some(uuid::Uuid::now_v7());
        }
    }
    setup.tel = tel_cfg.and_then(|t| {
        let _guard = rt.enter();
        let tx = tx.clone();
        let report = move |nu, events| tx.send(Action::Tel(TelMsg::Events { nu, events })).is_ok();
        match t.bron {
            crate::config::TelBron::Uit => None,
            crate::config::TelBron::Simulator => {
                let mut cfg = crate::telefonie::simulator::SimConfig::demo(
                    t.seed.unwrap_or_else(rand::random),
                    t.keuzemenu.clone(),
                );
                if !t.vaardigheden.is_empty() {
                    cfg.vaardigheden = t.vaardigheden.clone();
                }
                if let Some(n) = t.per_dag {
                    cfg.per_dag = n;
                }
                if let Some(tr) = &opts.training {
                    // The scenario's callers per hour (the simulator's Monday 10:00 carries
                    // 1.3 × 15% of a day's calls), and the queue it starts with.
                    cfg.per_dag = tr.scenario.bellers_per_uur / (1.3 * 0.15);
                    cfg.al_wachtend = tr.scenario.al_wachtend;
                    // A trainee reads the klant's words first: the phone rings longer.
                    cfg.bel_s = 40;
                }
                Some(crate::telefonie::start_simulator(cfg, t.snelheid, report))
            }
            crate::config::TelBron::Ami => t
                .ami
                .clone()
                .map(|a| crate::telefonie::ami::start(a, t.keuzemenu.clone(), report)),
        }
    });
    let result = rt.block_on(event_loop(
        &mut terminal,
        &mut state,
        &theme,
        &store,
        &setup,
        tx,
        rx,
    ));
    // try_restore: when the terminal is already gone (window closed, SIGHUP) there is nobody to
    // tell, and printing about it would only fail again.
    let _ = ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::event::DisableBracketedPaste
    );
    if ratatui::try_restore().is_err() {
        // The terminal is gone: dropping `terminal` would try to show the cursor on it and
        // report the failure on the (equally gone) stderr, which aborts the process before the
        // demo folder is cleaned up.
        std::mem::forget(terminal);
    }
    // Leaving ends the sign-in (the sync tells the server, now or at the next start).
    if let Some(w) = &state.aanmelden.wie {
        let id = w.aanmelding;
        store.run(move |s| {
            let _ = crate::identiteit::aanmelden::afmelden(s.conn(), id, chrono::Utc::now());
            None
        });
    }
    store.shutdown();
    // Leaving wrote the last changes (the balie and the agent signed out): hand them in now, so
    // the floor and the other desks see the balie closed. A server that does not answer within
    // three seconds gets them at the next start.
    if let Some(sync_cfg) = setup.config.sync.clone().filter(|_| !oefendata)
        && state.db == DbState::Ready
    {
        let locatie = setup
            .config
            .balie
            .as_ref()
            .map_or("Stadskantoor".to_string(), |b| b.locatie.clone());
        // The timer is made inside the runtime (it needs its clock).
        let _ = rt.block_on(async {
            tokio::time::timeout(std::time::Duration::from_secs(3), async {
                let (mut c, _) = crate::sync::verbinding::verbind(&sync_cfg).await?;
                crate::sync::ronde(&mut c, &setup.db_path, setup.config.desk_id, Some(&locatie))
                    .await
            })
            .await
        });
    }
    result?;
    if let DbState::Failed(msg) = &state.db {
        let _ = writeln!(std::io::stderr(), "loket: {msg}");
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}

async fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    state: &mut State,
    theme: &Theme,
    store: &app::jobs::Jobs,
    setup: &Setup,
    tx: mpsc::UnboundedSender<Action>,
    mut rx: mpsc::UnboundedReceiver<Action>,
) -> anyhow::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};

    // Terminal input arrives on its own thread, so a slow read never stalls the loop.
    let (input_tx, mut input_rx) = mpsc::unbounded_channel::<Event>();
    std::thread::Builder::new()
        .name("loket-input".into())
        .spawn(move || {
            while let Ok(ev) = event::read() {
                if input_tx.send(ev).is_err() {
                    break;
                }
            }
        })?;
    let mut sigterm = signal(SignalKind::terminate())?;
    let mut sighup = signal(SignalKind::hangup())?;
    let mut sigint = signal(SignalKind::interrupt())?;
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);

    let test_paniek_aan = cfg!(debug_assertions) && std::env::var_os("LOKET_TEST_PANIEK").is_some();
    loop {
        let getekend = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            terminal.draw(|f| ui::draw(f, state, theme)).map(|_| ())
        }));
        match getekend {
            Ok(r) => r?,
            Err(_) => return Err(noodstop(state, store)),
        }
        let eerste = tokio::select! {
            Some(ev) = input_rx.recv() => Binnen::Invoer(ev),
            Some(a) = rx.recv() => Binnen::Actie(a),
            _ = tick.tick() => Binnen::Actie(Action::Tick(Local::now())),
            _ = sigterm.recv() => Binnen::Actie(Action::Terminate),
            _ = sighup.recv() => Binnen::Actie(Action::Terminate),
            _ = sigint.recv() => Binnen::Actie(Action::Quit),
        };
        // What else is already waiting is handled before the next draw (at most a bound's
        // worth): a flood of keys (a paste without bracketed paste, a key held down) costs one
        // draw, not one per key, and the desk keeps answering.
        let mut binnen = vec![eerste];
        while binnen.len() < MAX_PER_TEKENING {
            match input_rx.try_recv() {
                Ok(ev) => binnen.push(Binnen::Invoer(ev)),
                Err(_) => match rx.try_recv() {
                    Ok(a) => binnen.push(Binnen::Actie(a)),
                    Err(_) => break,
                },
            }
        }
        for b in binnen {
            // Keys become actions in order, each in the mode the previous one left.
            let van_toetsenbord = matches!(b, Binnen::Invoer(Event::Key(_) | Event::Paste(_)));
            let (action, test_paniek) = match b {
                Binnen::Invoer(ev) => {
                    let paniek = test_paniek_aan && is_test_paniek_toets(&ev);
                    let action = match ev {
                        Event::Key(k) => app::key_to_action(state, &k),
                        Event::Paste(tekst) => Some(Action::Plakken(tekst)),
                        Event::Resize(w, h) => Some(Action::Resize(w, h)),
                        _ => None,
                    };
                    (action, paniek)
                }
                Binnen::Actie(a) => (Some(a), false),
            };
            // A bug in loket itself must not cost the agent their work: the panic is caught
            // here, the draft is written, and the desk stops with a Dutch message (the hook has
            // already restored the terminal and logged where it happened).
            let stap = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                if test_paniek {
                    panic!("testpaniek (LOKET_TEST_PANIEK)");
                }
                let Some(action) = action else { return };
                // The moment and who is at the keyboard, read once for this action.
                let ctx = app::Ctx::nu().met(state.session.medewerker.clone());
                let ctx = if van_toetsenbord {
                    ctx.door_toets()
                } else {
                    ctx
                };
                for effect in app::update(state, &ctx, action) {
                    run_effect(effect, state, store, setup, &tx);
                }
            }));
            if stap.is_err() {
                return Err(noodstop(state, store));
            }
            if state.quit {
                return Ok(());
            }
        }
    }
}

/// The most waiting events handled between two draws.
const MAX_PER_TEKENING: usize = 256;

/// What the event loop takes in: terminal input, or an action from a background task.
enum Binnen {
    Invoer(Event),
    Actie(Action),
}

/// After a panic: keep the wrap-up form as a draft (the contact in hand is kept as it
/// changes), and say so. The store thread writes it before the desk exits (`shutdown` waits).
fn noodstop(state: &State, store: &app::jobs::Jobs) -> anyhow::Error {
    let concept = state
        .registratie
        .as_ref()
        .filter(|r| r.is_dirty())
        .and_then(|r| serde_json::to_string(r).ok());
    let bewaard = concept.is_some();
    if concept.is_some() {
        app::registratie::jobs::bewaar_concept(concept, store);
    }
    anyhow::anyhow!(
        "loket is onverwacht gestopt door een fout in loket zelf{}; start het opnieuw en geef \
         loket.log door aan de beheerder",
        if bewaard {
            " (de registratie in bewerking is bewaard als concept)"
        } else {
            ""
        }
    )
}

/// The panic's place and (cut) message go to the log; the English panic text and backtrace are
/// printed only for developers (`RUST_BACKTRACE` set). ratatui's hook, installed after this
/// one, restores the terminal first.
fn log_panics() {
    let vorige = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let waar = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let wat = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let wat: String = wat.chars().take(300).collect();
        crate::logboek::schrijf(&format!("paniek bij {waar}: {wat}"));
        if std::env::var_os("RUST_BACKTRACE").is_some() {
            vorige(info);
        }
    }));
}

/// A debug build's way for the end-to-end tests to reach the panic path: with
/// `LOKET_TEST_PANIEK=1` (read once, at start), F12 panics while its action is handled.
/// Release builds have no such key.
fn is_test_paniek_toets(ev: &Event) -> bool {
    matches!(ev, Event::Key(k) if k.code == ratatui::crossterm::event::KeyCode::F(12))
}
