//! The command line (clap). Without a subcommand loket opens the desk.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use uuid::Uuid;

use crate::demo::{self, DemoOptions};
use crate::runtime::{self, DeskOptions};

/// A line on stdout. A closed pipe (`loket kennisbank stats | head`) ends the command quietly
/// instead of panicking as `println!` does: `main` treats it as done.
macro_rules! uit {
    ($($arg:tt)*) => {
        std::io::Write::write_fmt(&mut std::io::stdout(), format_args!("{}\n", format_args!($($arg)*)))?
    };
}

/// A line on stderr; a closed stderr is not worth a panic (as `eprintln!` would).
macro_rules! melden {
    ($($arg:tt)*) => {{
        let _ = std::io::Write::write_fmt(&mut std::io::stderr(), format_args!("{}\n", format_args!($($arg)*)));
    }};
}

/// The lines of a check on stdout. A reader that stops early (`… | head`) ends the printing,
/// not the verdict: the exit code still says whether the check found problems.
fn regels_van_check<T: std::fmt::Display>(regels: &[T]) -> std::io::Result<()> {
    use std::io::Write;
    let mut uit = std::io::stdout().lock();
    for r in regels {
        match writeln!(uit, "{r}") {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
            other => other?,
        }
    }
    Ok(())
}

#[derive(Debug, Parser)]
#[command(
    name = "loket",
    version,
    about = "Balie- en telefoonwerkplek voor het klantcontactcentrum (KCC) van een gemeente",
    long_about = "loket opens the desk of a KCC agent: call queue (Wachtrij), Klantgeleiding, \
Kennisbank and Zaak/Klant in one keyboard-driven terminal screen. Data lives in a local SQLite \
file, so the desk keeps working without network.\n\n\
Without a subcommand loket opens the desk on your own database (created on first run). \
Use --demo to try it on a freshly generated demo database instead."
)]
pub struct Cli {
    /// Open the desk on a freshly generated demo database (the trainers' dataset) in a temporary
    /// folder; nothing of yours is read or written.
    #[arg(long, conflicts_with_all = ["db", "config"])]
    pub demo: bool,

    /// Database file to open (default: loket.db in the platform's data directory).
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Configuration file (default: config.toml in the platform's config directory).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct TrainingArgs {
    /// A built-in scenario (eerste-dag, maandag-afvalstoring, belastingpiek, verhuisseizoen,
    /// baliedag) or the path of a scenario file.
    #[arg(long, default_value = "eerste-dag")]
    pub scenario: String,
    /// Speed factor 1..20 (default: the scenario's): callers arrive, wait and give up this many
    /// times as fast; the trainee's own work runs in real time.
    #[arg(long, allow_hyphen_values = true, value_parser = crate::usage::tussen::<1, 20>)]
    pub snelheid: Option<u32>,
    /// Restore the training database to a fresh copy of the demo dataset (reviews are kept).
    #[arg(long)]
    pub reset: bool,
    /// Check scenario files (the built-in ones without PATH; a folder means its *.toml) and
    /// print every problem as file:line: message; exit code 1 on problems.
    #[arg(long, value_name = "PATH", num_args = 0..)]
    pub check: Option<Vec<PathBuf>>,
    /// The trainee's name (default: the medewerker in the config, else "trainee").
    #[arg(long)]
    pub trainee: Option<String>,
    /// Training database (default: training.db beside the desk's database; never the desk's own).
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Configuration file (only the medewerker's name is used; [sync] never is).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub review: Option<TrainingCommand>,
}

#[derive(Debug, Subcommand)]
pub enum TrainingCommand {
    /// The reviews kept for the coach: every session of the trainee with its score (progress
    /// over the days) and the latest one in full.
    Review {
        /// md (Markdown) or tekst.
        #[arg(long, default_value = "tekst")]
        formaat: String,
        /// Only this trainee (default: everyone).
        #[arg(long)]
        trainee: Option<String>,
        /// Training database (default: as for loket training).
        #[arg(long, value_name = "PATH")]
        db: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a demo database (the trainers' dataset for the fictitious Gemeente Lindewaard) and
    /// exit. The same seed and date always give the same data.
    Demo(DemoArgs),
    /// Kennisbank tools.
    #[command(subcommand)]
    Kennisbank(KennisbankCommand),
    /// List who looked at a klant's personal data and zaken (audit log), newest first.
    /// For supervisors and privacy officers.
    Audit(AuditArgs),
    /// The accounts of a desk without [sync]: who may sign in here, and in which role. (With
    /// [sync] the shared database decides: `loket server medewerker`.)
    Medewerker(LokaalMedewerkerArgs),
    /// The shared PostgreSQL database (for the beheerder).
    #[command(subcommand)]
    Server(ServerCommand),
    /// Sync this desk with the shared database: `loket sync status`, or `loket sync --once`.
    Sync(SyncArgs),
    /// The management report over a period against the norms: contacts per channel (or
    /// onderwerp, afdeling, medewerker, dag, uur), first-contact resolution, the telephone's
    /// service level, contactverzoeken on time per afdeling, afspraken and no-shows, the most
    /// asked onderwerpen and kennisbank searches without result.
    Rapport {
        /// First day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        van: NaiveDate,
        /// Last day, included (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        tot: NaiveDate,
        /// md (to read), csv (Dutch Excel) or json.
        #[arg(long, default_value = "md")]
        formaat: String,
        /// How the contacts are grouped; per medewerker only for a supervisor, who signs in
        /// with --login.
        #[arg(long, value_enum, default_value = "kanaal")]
        per: crate::store::rapport::Per,
        /// Database file (default: as for the desk).
        #[arg(long, value_name = "PATH")]
        db: Option<PathBuf>,
        /// Configuration file (default: as for the desk).
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
        #[command(flatten)]
        aanmelden: crate::runtime::aanmelden::AanmeldArgs,
    },
    /// The floor manager's view for a wall screen: telephone, agents, counter, afspraken,
    /// contactverzoeken, first-contact resolution and kennisbank misses against the norms, with
    /// staffing advice (Erlang C). Refreshes every second; q closes it.
    /// The agents' names show only when a supervisor started it (--login) and [vloer] anoniem
    /// is not set; otherwise they are numbered.
    Vloer {
        /// Database file (default: as for the desk).
        #[arg(long, value_name = "PATH")]
        db: Option<PathBuf>,
        /// Configuration file (its [normen]; default: as for the desk).
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
        #[command(flatten)]
        aanmelden: crate::runtime::aanmelden::AanmeldArgs,
    },
    /// Training: the desk on its own training database (a fresh copy of the demo dataset that
    /// never syncs), driven by a scenario of callers and visitors, with a review per case.
    Training(TrainingArgs),
    /// The waiting-room display: the numbers called and their balie, in large letters, the
    /// number waiting per dienst and the Actueel messages. Never shows names. q closes it.
    Oproepscherm {
        /// Database file (default: as for the desk).
        #[arg(long, value_name = "PATH")]
        db: Option<PathBuf>,
        /// Configuration file (its [balie] locatie says which building; default: as for the desk).
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ServerCommand {
    /// Create or migrate the shared schema (idempotent). A server with a newer schema is refused.
    /// The password comes from PGPASSWORD or ~/.pgpass.
    Init {
        /// postgres://user@host/database
        #[arg(long, value_name = "URL")]
        url: String,
        /// After restoring a backup: give the server a new epoch, so every desk reads everything
        /// again and hands in what the restored server lacks.
        #[arg(long)]
        nieuw_epoch: bool,
    },
    /// Desks and their own logins: a desk hands in only under its own desk id.
    #[command(subcommand)]
    Desk(DeskCommand),
    /// Medewerkers and their logins; the role comes from here, never from a desk's config.
    #[command(subcommand)]
    Medewerker(MedewerkerCommand),
}

#[derive(Debug, Subcommand)]
pub enum DeskCommand {
    /// Give a desk a login of its own (loket_desk_<id>). The password is read from
    /// --wachtwoord-bestand; when that file does not exist, a new password is written to it
    /// (readable by its owner only). The password is never printed.
    Registreren {
        #[arg(long, value_name = "URL")]
        url: String,
        /// The desk's id (desk_id in its config.toml).
        #[arg(long, value_name = "UUID")]
        desk_id: Uuid,
        /// A name for the list ("Balie 2", "TIC 4").
        #[arg(long, default_value = "")]
        naam: String,
        #[arg(long, value_name = "PAD")]
        wachtwoord_bestand: PathBuf,
    },
    /// Revoke a desk's login: it can no longer connect or hand in.
    Intrekken {
        #[arg(long, value_name = "URL")]
        url: String,
        #[arg(long, value_name = "UUID")]
        desk_id: Uuid,
    },
    /// The registered desks.
    Lijst {
        #[arg(long, value_name = "URL")]
        url: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum MedewerkerCommand {
    /// Give a medewerker a login in the group role of their role. Without --wachtwoord-bestand
    /// the login signs in through the directory only (pg_hba.conf method ldap).
    Toevoegen {
        #[arg(long, value_name = "URL")]
        url: String,
        #[arg(long)]
        login: String,
        #[arg(long)]
        naam: String,
        /// medewerker, supervisor, trainer, beheerder or privacy.
        #[arg(long)]
        rol: String,
        #[arg(long)]
        afdeling: Option<String>,
        #[arg(long, value_name = "PAD")]
        wachtwoord_bestand: Option<PathBuf>,
        /// The medewerker record this login is (by default a new one).
        #[arg(long, value_name = "UUID")]
        id: Option<Uuid>,
    },
    /// Change a medewerker's name, role, afdeling or password.
    Wijzigen {
        #[arg(long, value_name = "URL")]
        url: String,
        #[arg(long)]
        login: String,
        #[arg(long)]
        naam: Option<String>,
        #[arg(long)]
        rol: Option<String>,
        /// The new afdeling; an empty value clears it.
        #[arg(long)]
        afdeling: Option<String>,
        #[arg(long, value_name = "PAD")]
        wachtwoord_bestand: Option<PathBuf>,
    },
    /// Revoke a medewerker's login: no more connecting or signing in.
    Intrekken {
        #[arg(long, value_name = "URL")]
        url: String,
        #[arg(long)]
        login: String,
    },
    /// The medewerkers with a login, their role and their last sign-in.
    Lijst {
        #[arg(long, value_name = "URL")]
        url: String,
    },
}

#[derive(Debug, Args)]
pub struct LokaalMedewerkerArgs {
    #[command(subcommand)]
    pub command: LokaalMedewerkerCommand,
    /// Database file (default: as for the desk).
    #[arg(long, value_name = "PATH", global = true)]
    pub db: Option<PathBuf>,
    /// Configuration file (default: as for the desk).
    #[arg(long, value_name = "PATH", global = true)]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum LokaalMedewerkerCommand {
    /// Give a medewerker an account on this desk. The password is read from
    /// --wachtwoord-bestand; when that file does not exist, a new password is written to it
    /// (readable by its owner only). The password is never printed.
    Toevoegen {
        #[arg(long)]
        login: String,
        #[arg(long)]
        naam: String,
        /// medewerker, supervisor, trainer, beheerder or privacy.
        #[arg(long)]
        rol: String,
        #[arg(long)]
        afdeling: Option<String>,
        #[arg(long, value_name = "PAD")]
        wachtwoord_bestand: PathBuf,
        /// The medewerker record this account is (by default a new one).
        #[arg(long, value_name = "UUID")]
        id: Option<Uuid>,
    },
    /// Change an account's name, role, afdeling or password.
    Wijzigen {
        #[arg(long)]
        login: String,
        #[arg(long)]
        naam: Option<String>,
        #[arg(long)]
        rol: Option<String>,
        #[arg(long)]
        afdeling: Option<String>,
        #[arg(long, value_name = "PAD")]
        wachtwoord_bestand: Option<PathBuf>,
    },
    /// Revoke an account: it can no longer sign in.
    Intrekken {
        #[arg(long)]
        login: String,
    },
    /// The accounts of this desk and their role.
    Lijst,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    #[command(subcommand)]
    pub command: Option<SyncCommand>,
    /// Sync once (hand in, read) and exit; exit code 1 when it failed.
    #[arg(long)]
    pub once: bool,
    /// Database file (default: as for the desk).
    #[arg(long, value_name = "PATH", global = true)]
    pub db: Option<PathBuf>,
    /// Configuration file with the [sync] section (default: as for the desk).
    #[arg(long, value_name = "PATH", global = true)]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Connection, changes waiting, last successful sync, cursor, refused changes.
    Status,
    /// Compare this desk with the server table by table (count and checksum) and repair what
    /// differs: records the server lacks are handed back, records this desk lacks or holds
    /// differently are taken from the server. Exit code 1 when a difference remains.
    Controle {
        /// Only compare and report; change nothing.
        #[arg(long)]
        alleen_kijken: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum KennisbankCommand {
    /// Check every article file (front matter, sections, links); exit code 1 when any has a
    /// problem. Without DIR the built-in articles are checked.
    Check {
        /// Folder with the article files (*.md).
        dir: Option<PathBuf>,
    },
    /// Search the kennisbank as the desk does and print the ranked results (id, titel, soort,
    /// knip), for editors and scripts.
    Zoek {
        /// The question or keywords.
        query: String,
        /// At most this many results.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Folder with the article files (default: the built-in ones).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Rank equal hits by how often colleagues opened them, from this database.
        #[arg(long, value_name = "PATH")]
        db: Option<PathBuf>,
    },
    /// What agents searched for: zoektermen zonder resultaat, most searched, most opened, never
    /// opened, and the open flags (melding) on articles, for the editors.
    Stats {
        /// Only searches from this day on (YYYY-MM-DD); default: all.
        #[arg(long, value_name = "DATE")]
        since: Option<NaiveDate>,
        /// Database file (default: as for the desk).
        #[arg(long, value_name = "PATH")]
        db: Option<PathBuf>,
        /// Configuration file (default: as for the desk).
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
        /// Folder with the article files (default: the built-in ones).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        /// For a supervisor, signed in.
        #[command(flatten)]
        aanmelden: crate::runtime::aanmelden::AanmeldArgs,
    },
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// The klant (partij) id, as shown in the klantbeeld.
    #[arg(long, value_name = "ID")]
    pub klant: uuid::Uuid,

    /// Database file (default: as for the desk).
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Configuration file (default: as for the desk).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Read the shared database's audit log (every desk) with this url: the privacy officer's
    /// own login (password from PGPASSWORD or ~/.pgpass). Without it: this desk's own log.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// Without --url: who reads this desk's log signs in (supervisor or privacy officer).
    #[command(flatten)]
    pub aanmelden: crate::runtime::aanmelden::AanmeldArgs,

    /// tabel (default) or csv (for the privacy officer's export).
    #[arg(long, value_name = "FORMAAT")]
    pub formaat: Option<String>,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where to write the database.
    #[arg(long, value_name = "PATH")]
    pub db: PathBuf,

    /// Seed of the generator: the same seed gives the same data.
    #[arg(long, default_value_t = 2026, allow_hyphen_values = true)]
    pub seed: u64,

    /// Days of contact history before the reference date (about 300 contactmomenten per
    /// werkdag; 4700 days gives about a million), at most 10000.
    #[arg(long, default_value_t = 90, allow_hyphen_values = true,
          value_parser = crate::usage::tussen::<0, { crate::demo::DAGEN_MAX as u64 }>)]
    pub days: u32,

    /// Number of persons among the klanten (plus 200 organisations), 50 to 200000.
    #[arg(long, default_value_t = 2000, allow_hyphen_values = true,
          value_parser = crate::usage::tussen::<{ crate::demo::PERSONEN_MIN as u64 }, { crate::demo::PERSONEN_MAX as u64 }>)]
    pub personen: u32,

    /// Reference date (YYYY-MM-DD) the history ends on and appointments start from
    /// (default: today).
    #[arg(long, value_name = "DATE")]
    pub datum: Option<NaiveDate>,

    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// A command line that parses but asks for something impossible (`--van` after `--tot`): a
/// usage error, which exits 2 as clap's own do.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Gebruiksfout(pub String);

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Some(Command::Demo(args)) => {
            let opts = DemoOptions {
                seed: args.seed,
                days: args.days,
                personen: args.personen,
                today: args
                    .datum
                    .unwrap_or_else(|| chrono::Local::now().date_naive()),
            };
            let started = std::time::Instant::now();
            let s = demo::generate(&args.db, &opts, args.force)?;
            melden!(
                "demodatabase geschreven naar {} in {:.1} s: {} personen, {} organisaties, {} medewerkers, \
                 {} zaken, {} contactmomenten, {} open contactverzoeken, {} afspraken",
                args.db.display(),
                started.elapsed().as_secs_f64(),
                s.personen,
                s.organisaties,
                s.medewerkers,
                s.zaken,
                s.contactmomenten,
                s.contactverzoeken_open,
                s.afspraken
            );
            melden!(
                "aanmelden: elke demo-medewerker met wachtwoord {}, bijvoorbeeld {} (`loket medewerker lijst --db {}` toont ze allemaal)",
                crate::identiteit::aanmelden::DEMO_WACHTWOORD,
                s.logins
                    .iter()
                    .map(|(l, r)| format!("{l} ({r})"))
                    .collect::<Vec<_>>()
                    .join(", "),
                args.db.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Kennisbank(KennisbankCommand::Check { dir })) => {
            let kb = crate::kennisbank::lees(dir.as_deref())?;
            regels_van_check(&kb.fouten)?;
            regels_van_check(&[format!(
                "{} artikelen geladen, {} {}",
                kb.artikelen.len(),
                kb.fouten.len(),
                if kb.fouten.len() == 1 {
                    "fout"
                } else {
                    "fouten"
                }
            )])?;
            Ok(if kb.fouten.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Some(Command::Kennisbank(KennisbankCommand::Zoek {
            query,
            limit,
            json,
            dir,
            db,
        })) => {
            let kb = crate::kennisbank::lees(dir.as_deref())?;
            let geopend = match &db {
                Some(p) => {
                    let store = crate::store::Store::open_alleen_lezen(p)?;
                    crate::store::kennisbank::geopend(store.conn())?
                }
                None => Default::default(),
            };
            let vandaag = chrono::Local::now().date_naive();
            let hits: Vec<_> =
                crate::kennisbank::zoek_met(&kb, &query, vandaag, &geopend, |_| true)
                    .into_iter()
                    .take(limit)
                    .collect();
            if json {
                let rows: Vec<serde_json::Value> = hits
                    .iter()
                    .map(|a| {
                        serde_json::json!({
                            "id": a.id, "titel": a.titel, "soort": a.soort,
                            "knip": a.knip, "afdeling": a.afdeling
                        })
                    })
                    .collect();
                uit!("{}", serde_json::to_string_pretty(&rows)?);
            } else {
                let kort = |s: &str, n: usize| -> String {
                    if s.chars().count() > n {
                        format!("{}…", s.chars().take(n - 1).collect::<String>())
                    } else {
                        s.to_string()
                    }
                };
                for (i, a) in hits.iter().enumerate() {
                    uit!(
                        "{:>2}. {:<34} {:<44} {:<14} {:<20} {}",
                        i + 1,
                        kort(&a.id, 34),
                        kort(&a.titel, 44),
                        a.soort,
                        a.knip,
                        a.afdeling
                    );
                }
            }
            if hits.is_empty() {
                let _ = writeln!(std::io::stderr(), "geen resultaten voor \"{query}\"");
                return Ok(ExitCode::FAILURE);
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Kennisbank(KennisbankCommand::Stats {
            since,
            db,
            config,
            dir,
            aanmelden,
        })) => {
            let kb = crate::kennisbank::lees(dir.as_deref())?;
            let cfg = config_als_die_er_is(config.clone())?;
            let db = runtime::resolve_db_path(db, config)?;
            let store = crate::store::Store::open_alleen_lezen(&db)?;
            // What agents searched for is the supervisors' (as in the desk, F3 then s).
            let wie = runtime::aanmelden::wie(&aanmelden, &db, cfg.as_ref())?;
            anyhow::ensure!(
                wie.rol == crate::identiteit::ServerRol::Supervisor,
                "het zoekgedrag van de kennisbank is voor supervisors; {} heeft de rol {}",
                wie.login,
                wie.rol.as_str()
            );

            let sinds = since
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .and_then(|t| t.and_local_timezone(chrono::Local).earliest())
                .map(|t| t.with_timezone(&chrono::Utc));
            let s = crate::store::kennisbank::statistiek(store.conn(), sinds)?;
            let titel = |id: &str| kb.artikel(id).map_or(id.to_string(), |a| a.titel.clone());
            match since {
                Some(d) => uit!("Zoekgedrag kennisbank sinds {d}"),
                None => uit!("Zoekgedrag kennisbank (alles)"),
            }
            uit!(
                "{} zoekacties, {} zonder resultaat",
                s.zoekacties,
                s.zonder_treffers
            );
            let kop = |k: &str| -> std::io::Result<()> {
                uit!("\n{k}");
                Ok(())
            };
            kop("Zoektermen zonder resultaat")?;
            for (q, n) in &s.zonder_resultaat {
                uit!("{n:>6}  {q}");
            }
            kop("Meest gezocht")?;
            for (q, n) in &s.meest_gezocht {
                uit!("{n:>6}  {q}");
            }
            kop("Meest geopend")?;
            for (id, n) in &s.meest_geopend {
                uit!("{n:>6}  {id:<36} {}", titel(id));
            }
            let nooit: Vec<_> = kb
                .artikelen
                .iter()
                .filter(|a| !s.geopende_artikelen.contains(&a.id))
                .collect();
            kop(&format!("Nooit geopend ({})", nooit.len()))?;
            for a in nooit {
                uit!("        {:<36} {}", a.id, a.titel);
            }
            kop(&format!("Meldingen ({} open)", s.meldingen.len()))?;
            for m in &s.meldingen {
                uit!(
                    "{}  {:<36} {:<11} {} ({})",
                    m.op.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M"),
                    m.artikel,
                    m.soort.label(),
                    m.toelichting,
                    m.medewerker
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Oproepscherm { db, config }) => runtime::run_oproepscherm(db, config),
        Some(Command::Vloer {
            db,
            config,
            aanmelden,
        }) => runtime::run_vloer(db, config, &aanmelden),
        Some(Command::Rapport {
            van,
            tot,
            formaat,
            per,
            db,
            config,
            aanmelden,
        }) => {
            if van > tot {
                return Err(Gebruiksfout("--van ligt na --tot".into()).into());
            }
            // The configuration, when there is one: the norms, and where a sign-in is checked.
            let cfg = config_als_die_er_is(config.clone())?;
            let db = runtime::resolve_db_path(db, config)?;
            let store = crate::store::Store::open_alleen_lezen(&db)?;
            if per == crate::store::rapport::Per::Medewerker {
                // Per-medewerker figures are for supervisors only: who asks signs in, and the
                // role is the one the shared database (or this desk's accounts) holds.
                let wie = runtime::aanmelden::wie(&aanmelden, &db, cfg.as_ref())?;
                anyhow::ensure!(
                    wie.rol == crate::identiteit::ServerRol::Supervisor,
                    "--per medewerker is alleen voor de rol supervisor; {} heeft de rol {}",
                    wie.login,
                    wie.rol.as_str()
                );
            }
            let normen = cfg
                .and_then(|c| c.normen)
                .map_or_else(crate::domain::kpi::Normen::default, |n| n.normen());

            let r = crate::store::rapport::maak(
                store.conn(),
                van,
                tot,
                per,
                &normen,
                chrono::Utc::now(),
            )?;
            let uit = match formaat.as_str() {
                "md" => crate::store::rapport::markdown(&r),
                "csv" => crate::store::rapport::csv(&r),
                "json" => serde_json::to_string_pretty(&r)? + "\n",
                f => {
                    return Err(Gebruiksfout(format!("--formaat {f}: kies md, csv of json")).into());
                }
            };
            std::io::stdout().write_all(uit.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Server(ServerCommand::Init { url, nieuw_epoch })) => {
            let rt = tokio::runtime::Runtime::new()?;
            rt.block_on(async {
                let mut c = beheer_verbinding(&url).await?;
                // A migration of a large server may take longer than a desk's statements may.
                c.batch_execute("SET statement_timeout = 0").await?;
                let (van, naar) = crate::sync::server::init(&mut c).await?;
                if van == naar {
                    uit!("schema is al op versie {naar}");
                } else {
                    uit!("schema van versie {van} naar {naar}");
                }
                if nieuw_epoch {
                    let e = crate::sync::server::nieuw_epoch(&c).await?;
                    uit!("nieuw epoch {e}: de desks lezen alles opnieuw");
                }
                Ok(ExitCode::SUCCESS)
            })
        }
        Some(Command::Server(ServerCommand::Desk(d))) => desk_beheer(d),
        Some(Command::Server(ServerCommand::Medewerker(m))) => medewerker_beheer(m),
        Some(Command::Sync(args)) => sync_opdracht(args),
        Some(Command::Audit(args)) => audit_opdracht(args),
        Some(Command::Medewerker(args)) => lokaal_medewerker(args),
        Some(Command::Training(args)) => training_opdracht(args),
        None => runtime::run_desk(DeskOptions {
            demo: cli.demo,
            db: cli.db,
            config: cli.config,
            training: None,
        }),
    }
}

fn training_opdracht(args: TrainingArgs) -> anyhow::Result<ExitCode> {
    if let Some(TrainingCommand::Review {
        formaat,
        trainee,
        db,
    }) = args.review
    {
        if formaat != "md" && formaat != "tekst" {
            return Err(Gebruiksfout(format!("--formaat {formaat}: kies md of tekst")).into());
        }
        let pad = match db {
            Some(p) => p,
            None => crate::training::standaard_pad()?,
        };
        anyhow::ensure!(
            pad.exists(),
            "er is nog geen trainingsdatabase ({}): start eerst loket training",
            pad.display()
        );
        let store = crate::store::Store::open(&pad, uuid::Uuid::nil())?;
        anyhow::ensure!(
            crate::store::training::is_training(store.conn())?,
            "{} is geen trainingsdatabase",
            pad.display()
        );
        let reviews = crate::store::training::reviews(store.conn(), trainee.as_deref())?;
        let Some(laatste) = reviews.last() else {
            melden!(
                "Nog geen beoordelingen{}.",
                trainee.map_or(String::new(), |t| format!(" voor {t}"))
            );
            return Ok(ExitCode::from(1));
        };
        if formaat == "md" {
            uit!("# Voortgang\n\n| datum | trainee | scenario | goed |\n|---|---|---|---:|");
        } else {
            uit!("Voortgang:");
        }
        for r in &reviews {
            let (goed, totaal) = r.score();
            let (af, alle) = r.gevallen_behandeld();
            // A session left halfway says so, so it does not read as a relapse.
            let deel = if af < alle {
                format!(" (afgebroken: {af} van {alle} gevallen)")
            } else {
                String::new()
            };
            let datum = r
                .afgerond_op
                .with_timezone(&chrono::Local)
                .format("%d-%m-%Y %H:%M");
            if formaat == "md" {
                uit!(
                    "| {datum} | {} | {} | {goed}/{totaal}{deel} |",
                    r.trainee,
                    r.scenario
                );
            } else {
                uit!(
                    "  {datum}  {:<20} {:<22} {goed}/{totaal}{deel}",
                    r.trainee,
                    r.scenario
                );
            }
        }
        let md = crate::domain::training::markdown(laatste);
        if formaat == "md" {
            // Under "# Voortgang": the review one level down, its cases one further.
            uit!(
                "\n{}",
                md.replace("\n## ", "\n### ").replacen("# ", "## ", 1)
            );
        } else {
            uit!("\nLaatste beoordeling:\n");
            for regel in md.lines() {
                uit!(
                    "{}",
                    regel.trim_start_matches('#').trim_start().replace("**", "")
                );
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(paden) = args.check {
        let (n, fouten) = crate::training::check(&paden)?;
        regels_van_check(&fouten)?;
        melden!(
            "{n} {} gecontroleerd, {} {}",
            if n == 1 { "scenario" } else { "scenario's" },
            fouten.len(),
            if fouten.len() == 1 { "fout" } else { "fouten" }
        );
        return Ok(if fouten.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    let mut scenario = crate::training::laad(&args.scenario)?;
    if let Some(s) = args.snelheid {
        scenario.snelheid = s;
    }
    runtime::run_desk(DeskOptions {
        demo: false,
        db: args.db,
        config: args.config,
        training: Some(runtime::TrainingStart {
            scenario,
            trainee: args.trainee,
            reset: args.reset,
        }),
    })
}

fn sync_opdracht(args: SyncArgs) -> anyhow::Result<ExitCode> {
    let (cfg, db) = runtime::resolve_desk(args.db, args.config)?;
    let Some(sync_cfg) = cfg.sync.clone() else {
        anyhow::bail!(
            "er is geen [sync] in het configuratiebestand: deze desk werkt alleen lokaal"
        );
    };
    anyhow::ensure!(db.exists(), "{} bestaat niet", db.display());
    // Refuse a corrupt or newer database before touching it, and a training database always.
    let store = crate::store::Store::open(&db, cfg.desk_id)?;
    anyhow::ensure!(
        !crate::store::training::is_training(store.conn())?,
        "{} is een trainingsdatabase: die wordt nooit gesynchroniseerd",
        db.display()
    );
    drop(store);
    let rt = tokio::runtime::Runtime::new()?;
    match (args.command, args.once) {
        (Some(SyncCommand::Status), _) => rt.block_on(async {
            // The same facts as the desk's status bar: reachable or not, a fault in Dutch,
            // what waits, the last success and the last failure the desk's sync task saw. A
            // url is never shown with its password, and no library message is echoed raw.
            let c = crate::sync::open_db(&db)?;
            let meta = |k: &str| crate::sync::desk::meta(&c, k).ok().flatten();
            let wachtend = crate::sync::desk::wachtend(&c)?;
            uit!("desk        {}", cfg.desk_id);
            uit!(
                "server      {}",
                crate::sync::verbinding::zonder_geheim(&sync_cfg.url)
            );
            let verbonden = tokio::time::timeout(crate::sync::VERBIND_DEADLINE, async {
                let (client, _) = crate::sync::verbinding::verbind(&sync_cfg).await?;
                let epoch = crate::sync::server::controleer(&client).await?;
                let laatste = crate::sync::server::laatste_op(&client, cfg.desk_id).await?;
                let max: Option<i64> = client
                    .query_one("SELECT max(seq) FROM loket_change", &[])
                    .await?
                    .get(0);
                let login = crate::sync::server::desk_login(&client, cfg.desk_id).await?;
                anyhow::Ok((epoch, laatste, max, login))
            })
            .await
            .unwrap_or_else(|e| Err(e.into()));
            let toestand = match verbonden {
                Ok((epoch, laatste, max, login)) => {
                    uit!("verbinding  ok (epoch {epoch})");
                    use crate::sync::server::DeskLogin;
                    match login {
                        DeskLogin::Eigen(l) => uit!("login       {l} (de eigen login van deze desk)"),
                        DeskLogin::Eigenaar(l) => uit!(
                            "login       {l}: de eigenaar van de tabellen, niet een eigen login van deze desk; registreer haar met loket server desk registreren --desk-id {}",
                            cfg.desk_id
                        ),
                        DeskLogin::Anders(l) => uit!(
                            "login       {l}: niet geregistreerd voor deze desk; de server weigert wat zij inlevert"
                        ),
                    }
                    uit!(
                        "server heeft van deze desk t/m operatie {laatste}; laatste wijziging {}",
                        max.unwrap_or(0)
                    );
                    if wachtend > 0 {
                        format!("{wachtend} wachtend")
                    } else {
                        "gesynchroniseerd".to_string()
                    }
                }
                Err(e) => match crate::sync::onbereikbaar(&e) {
                    Some(waarom) => {
                        uit!("verbinding  offline: {waarom}");
                        format!("offline: {waarom}, {wachtend} wachtend")
                    }
                    None => {
                        let fout = crate::melding::tekst(&e);
                        uit!("verbinding  fout: {fout}");
                        format!("fout, {wachtend} wachtend: {fout}")
                    }
                },
            };
            uit!("toestand    {toestand}");
            uit!("wachtend    {wachtend} wijzigingen");
            let laatst = meta("sync_laatst_ok");
            let geleden = |t: &str| {
                crate::store::parse_ts(t)
                    .map(|t| {
                        let s = (chrono::Utc::now() - t).num_seconds().max(0);
                        match s {
                            0..60 => format!(" ({s} s geleden)"),
                            60..3600 => format!(" ({} min geleden)", s / 60),
                            _ => format!(" ({} u geleden)", s / 3600),
                        }
                    })
                    .unwrap_or_default()
            };
            match &laatst {
                Some(t) => uit!("laatste sync {t}{}", geleden(t)),
                None => uit!("laatste sync nog nooit"),
            }
            if let Some(fout) = meta("sync_fout") {
                let op = meta("sync_fout_op").unwrap_or_default();
                uit!("laatste fout {fout}, sinds {op}{}", geleden(&op));
            }
            uit!("cursor      {}", crate::sync::desk::cursor(&c)?);
            let geweigerd = crate::sync::desk::geweigerd(&c)?;
            uit!("geweigerd   {}", geweigerd.len());
            for (reden, tabel, id) in geweigerd {
                uit!("  {tabel} {id}: {reden}");
            }
            Ok(ExitCode::SUCCESS)
        }),
        (Some(SyncCommand::Controle { alleen_kijken }), _) => rt.block_on(async {
            let (mut client, _) = crate::sync::verbinding::verbind(&sync_cfg).await?;
            let locatie = cfg
                .balie
                .as_ref()
                .map_or("Stadskantoor".to_string(), |b| b.locatie.clone());
            let tabellen = crate::sync::controle::controle(
                &mut client,
                &db,
                cfg.desk_id,
                Some(&locatie),
                !alleen_kijken,
            )
            .await?;
            uit!("{:<24} {:>8} {:>8}  uitkomst", "tabel", "desk", "server");
            let mut verschil = 0;
            for t in &tabellen {
                let mut uitkomst = if t.gelijk {
                    "gelijk".to_string()
                } else {
                    verschil += 1;
                    "VERSCHILLEND".to_string()
                };
                if t.teruggegeven > 0 {
                    uitkomst.push_str(&format!(", {} teruggegeven aan de server", t.teruggegeven));
                }
                if t.opgehaald > 0 {
                    uitkomst.push_str(&format!(", {} van de server gehaald", t.opgehaald));
                }
                if t.eerder_geweigerd > 0 {
                    uitkomst.push_str(&format!(
                        ", {} eerder geweigerd (alleen op deze desk)",
                        t.eerder_geweigerd
                    ));
                }
                uit!(
                    "{:<24} {:>8} {:>8}  {uitkomst}",
                    t.tabel,
                    t.desk.aantal,
                    t.server.aantal
                );
                for g in &t.geweigerd {
                    uit!("  geweigerd: {g}");
                }
            }
            Ok(if verschil == 0 {
                ExitCode::SUCCESS
            } else {
                uit!("{verschil} tabel(len) verschillen nog");
                ExitCode::from(1)
            })
        }),
        (None, true) => rt.block_on(async {
            let (mut client, _) = crate::sync::verbinding::verbind(&sync_cfg).await?;
            let locatie = cfg
                .balie
                .as_ref()
                .map_or("Stadskantoor".to_string(), |b| b.locatie.clone());
            let r = crate::sync::ronde(&mut client, &db, cfg.desk_id, Some(&locatie)).await?;
            uit!(
                "verstuurd {}, ontvangen {}, toegepast {}, geweigerd {}, wachtend {}, cursor {}",
                r.verstuurd,
                r.ontvangen,
                r.toegepast.rijen,
                r.geweigerd.len(),
                r.wachtend,
                r.cursor
            );
            for (op, reden) in &r.geweigerd {
                uit!("  {}", crate::sync::weigering_tekst(op, reden));
            }
            Ok(ExitCode::SUCCESS)
        }),
        (None, false) => {
            anyhow::bail!("geef een opdracht: loket sync status, of loket sync --once")
        }
    }
}

/// A connection for the beheerder's commands (password from PGPASSWORD or ~/.pgpass).
async fn beheer_verbinding(url: &str) -> anyhow::Result<tokio_postgres::Client> {
    let cfg = crate::config::SyncConfig {
        url: url.to_string(),
        password_file: None,
        sslmode: None,
        ca_file: None,
    };
    Ok(crate::sync::verbinding::verbind(&cfg).await?.0)
}

fn tijd_of(t: Option<chrono::DateTime<chrono::Utc>>, leeg: &str) -> String {
    t.map_or(leeg.to_string(), |t| {
        t.with_timezone(&chrono::Local)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    })
}

fn desk_beheer(d: DeskCommand) -> anyhow::Result<ExitCode> {
    use crate::identiteit::beheer;
    let rt = tokio::runtime::Runtime::new()?;
    rt.block_on(async {
        match d {
            DeskCommand::Registreren {
                url,
                desk_id,
                naam,
                wachtwoord_bestand,
            } => {
                // The file first: a password that exists nowhere but on the server helps no one.
                let nieuw = !wachtwoord_bestand.exists();
                let wachtwoord = if nieuw {
                    let w = beheer::nieuw_wachtwoord();
                    beheer::schrijf_wachtwoord(&wachtwoord_bestand, &w)?;
                    w
                } else {
                    beheer::lees_wachtwoord(&wachtwoord_bestand)?
                };
                let mut c = beheer_verbinding(&url).await?;
                let login = beheer::desk_registreren(&mut c, desk_id, &naam, &wachtwoord).await?;
                uit!("desk {desk_id} geregistreerd met login {login}");
                if nieuw {
                    uit!(
                        "het wachtwoord staat in {} (alleen voor de eigenaar leesbaar): zet het op de desk en verwijs ernaar met password_file in [sync]",
                        wachtwoord_bestand.display()
                    );
                }
                uit!("zet in de url van de desk: user={login}");
            }
            DeskCommand::Intrekken { url, desk_id } => {
                let c = beheer_verbinding(&url).await?;
                beheer::desk_intrekken(&c, desk_id).await?;
                uit!("desk {desk_id} ingetrokken: haar login kan niet meer verbinden of inleveren");
            }
            DeskCommand::Lijst { url } => {
                let c = beheer_verbinding(&url).await?;
                let desks = beheer::desks(&c).await?;
                if desks.is_empty() {
                    melden!("nog geen desks geregistreerd");
                }
                uit!(
                    "{:<36}  {:<20}  {:<16}  {:<16}  login",
                    "desk",
                    "naam",
                    "laatst gezien",
                    "ingetrokken"
                );
                for d in desks {
                    uit!(
                        "{:<36}  {:<20}  {:<16}  {:<16}  {}",
                        d.desk_id,
                        d.naam.chars().take(20).collect::<String>(),
                        tijd_of(d.laatst_gezien, "-"),
                        tijd_of(d.ingetrokken_op, "-"),
                        d.login
                    );
                }
            }
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// The configuration (`--config`, else the default), when there is one; never created. One that
/// cannot be read is refused, not silently left out (its norms and [sync] count).
fn config_als_die_er_is(config: Option<PathBuf>) -> anyhow::Result<Option<crate::config::Config>> {
    match config
        .or_else(|| crate::config::default_paths().ok().map(|d| d.config))
        .filter(|p| p.exists())
    {
        Some(p) => Ok(Some(crate::config::Config::load_or_create(&p)?.0)),
        None => Ok(None),
    }
}

/// `loket medewerker …`: the accounts of a desk without [sync], in its own database.
fn lokaal_medewerker(args: LokaalMedewerkerArgs) -> anyhow::Result<ExitCode> {
    use crate::identiteit::aanmelden as a;
    use crate::identiteit::beheer;
    let db = crate::runtime::resolve_db_path(args.db, args.config)?;
    if let Some(dir) = db.parent()
        && !dir.as_os_str().is_empty()
    {
        loket_core::bestand::maak_map(dir)?;
    }
    let store = crate::store::Store::open(&db, uuid::Uuid::nil())?;
    let conn = store.conn();
    let nu = chrono::Utc::now();
    match args.command {
        LokaalMedewerkerCommand::Toevoegen {
            login,
            naam,
            rol,
            afdeling,
            wachtwoord_bestand,
            id,
        } => {
            let rol = server_rol(&rol)?;
            beheer::controleer_login(&login)?;
            let nieuw = !wachtwoord_bestand.exists();
            let wachtwoord = if nieuw {
                let w = beheer::nieuw_wachtwoord();
                beheer::schrijf_wachtwoord(&wachtwoord_bestand, &w)?;
                w
            } else {
                beheer::lees_wachtwoord(&wachtwoord_bestand)?
            };
            let id = a::account_toevoegen(
                conn,
                &a::NieuwAccount {
                    login: &login,
                    naam: &naam,
                    rol,
                    afdeling: afdeling.as_deref(),
                    medewerker_id: id,
                },
                &a::hash(&wachtwoord),
                nu,
            )?;
            uit!(
                "medewerker {login} kan aanmelden op deze desk als {} (id {id})",
                rol.as_str()
            );
            if nieuw {
                uit!(
                    "het wachtwoord staat in {} (alleen voor de eigenaar leesbaar)",
                    wachtwoord_bestand.display()
                );
            }
        }
        LokaalMedewerkerCommand::Wijzigen {
            login,
            naam,
            rol,
            afdeling,
            wachtwoord_bestand,
        } => {
            let rol = rol.as_deref().map(server_rol).transpose()?;
            let hash = wachtwoord_bestand
                .as_deref()
                .map(beheer::lees_wachtwoord)
                .transpose()?
                .map(|w| a::hash(&w));
            a::account_wijzigen(
                conn,
                &login,
                naam.as_deref(),
                rol,
                afdeling.as_deref(),
                hash.as_deref(),
                nu,
            )?;
            uit!("medewerker {login} gewijzigd");
        }
        LokaalMedewerkerCommand::Intrekken { login } => {
            a::account_intrekken(conn, &login, nu)?;
            uit!("medewerker {login} ingetrokken: aanmelden op deze desk kan niet meer");
        }
        LokaalMedewerkerCommand::Lijst => {
            let lijst = a::accounts(conn)?;
            if lijst.is_empty() {
                melden!("nog geen medewerkers met een account op deze desk");
            }
            uit!(
                "{:<20}  {:<28}  {:<10}  {:<10}  afdeling",
                "login",
                "naam",
                "rol",
                "ingetrokken"
            );
            for m in lijst {
                uit!(
                    "{:<20}  {:<28}  {:<10}  {:<10}  {}",
                    m.login,
                    m.naam.chars().take(28).collect::<String>(),
                    m.rol.as_str(),
                    m.ingetrokken_op
                        .as_deref()
                        .map_or("-", |t| t.get(..10).unwrap_or(t)),
                    m.afdeling.as_deref().unwrap_or("-")
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn server_rol(rol: &str) -> anyhow::Result<crate::identiteit::ServerRol> {
    crate::identiteit::ServerRol::lees(rol).ok_or_else(|| {
        Gebruiksfout(format!(
            "--rol {}: kies medewerker, supervisor, trainer, beheerder of privacy",
            rol.chars().take(40).collect::<String>()
        ))
        .into()
    })
}

fn medewerker_beheer(m: MedewerkerCommand) -> anyhow::Result<ExitCode> {
    use crate::identiteit::beheer;
    let rt = tokio::runtime::Runtime::new()?;
    rt.block_on(async {
        match m {
            MedewerkerCommand::Toevoegen {
                url,
                login,
                naam,
                rol,
                afdeling,
                wachtwoord_bestand,
                id,
            } => {
                let rol = server_rol(&rol)?;
                let ww = wachtwoord_bestand
                    .as_deref()
                    .map(beheer::lees_wachtwoord)
                    .transpose()?;
                let mut c = beheer_verbinding(&url).await?;
                let id = beheer::medewerker_toevoegen(
                    &mut c,
                    &login,
                    &naam,
                    rol,
                    afdeling.as_deref(),
                    ww.as_deref(),
                    id,
                )
                .await?;
                uit!("medewerker {login} toegevoegd als {} (id {id})", rol.as_str());
                if ww.is_none() {
                    uit!("zonder wachtwoord: aanmelden kan alleen via de directory (pg_hba.conf methode ldap)");
                }
            }
            MedewerkerCommand::Wijzigen {
                url,
                login,
                naam,
                rol,
                afdeling,
                wachtwoord_bestand,
            } => {
                let rol = rol.as_deref().map(server_rol).transpose()?;
                let ww = wachtwoord_bestand
                    .as_deref()
                    .map(beheer::lees_wachtwoord)
                    .transpose()?;
                let w = beheer::Wijziging {
                    naam: naam.as_deref(),
                    rol,
                    afdeling: afdeling.as_deref().map(|a| Some(a.trim()).filter(|a| !a.is_empty())),
                    wachtwoord: ww.as_deref(),
                };
                let mut c = beheer_verbinding(&url).await?;
                beheer::medewerker_wijzigen(&mut c, &login, &w).await?;
                uit!("medewerker {login} gewijzigd");
            }
            MedewerkerCommand::Intrekken { url, login } => {
                let c = beheer_verbinding(&url).await?;
                beheer::medewerker_intrekken(&c, &login).await?;
                uit!("medewerker {login} ingetrokken: aanmelden kan niet meer");
            }
            MedewerkerCommand::Lijst { url } => {
                let c = beheer_verbinding(&url).await?;
                let lijst = beheer::medewerkers(&c).await?;
                if lijst.is_empty() {
                    melden!("nog geen medewerkers met een login");
                }
                uit!(
                    "{:<20}  {:<28}  {:<10}  {:<16}  {:<16}  afdeling",
                    "login",
                    "naam",
                    "rol",
                    "laatst aangemeld",
                    "ingetrokken"
                );
                for m in lijst {
                    uit!(
                        "{:<20}  {:<28}  {:<10}  {:<16}  {:<16}  {}",
                        m.login,
                        m.naam.chars().take(28).collect::<String>(),
                        m.rol.as_str(),
                        tijd_of(m.laatst_aangemeld, "-"),
                        tijd_of(m.ingetrokken_op, "-"),
                        m.afdeling.unwrap_or_default()
                    );
                }
            }
        }
        Ok(ExitCode::SUCCESS)
    })
}

fn audit_opdracht(args: AuditArgs) -> anyhow::Result<ExitCode> {
    use crate::store::lookup;
    let csv = match args.formaat.as_deref() {
        None | Some("tabel") => false,
        Some("csv") => true,
        Some(f) => {
            return Err(Gebruiksfout(format!(
                "--formaat {}: kies tabel of csv",
                f.chars().take(40).collect::<String>()
            ))
            .into());
        }
    };
    let rows = match &args.url {
        Some(url) => {
            // The desk's file, where there is one here, knows the klant's zaken by their
            // identificatie; the server knows them by id.
            let lokaal = runtime::resolve_db_path(args.db, args.config)
                .ok()
                .and_then(|db| crate::store::Store::open_alleen_lezen(&db).ok());
            let zaken = match &lokaal {
                Some(s) => lookup::zaken_van_klant(s.conn(), args.klant)?,
                None => Vec::new(),
            };
            let ids: Vec<uuid::Uuid> = zaken.iter().map(|z| z.0).collect();
            let rt = tokio::runtime::Runtime::new()?;
            let mut rows = rt.block_on(async {
                let c = beheer_verbinding(url).await?;
                anyhow::Ok(crate::sync::server::inzage_van_klant(&c, args.klant, &ids, csv).await?)
            })?;
            for r in &mut rows {
                if let Some(z) = zaken.iter().find(|z| Some(z.0.to_string()) == r.zaak) {
                    r.zaak = Some(z.1.clone());
                }
            }
            rows
        }
        None => {
            let db = runtime::resolve_db_path(args.db, args.config.clone())?;
            // The desk's own log: for a supervisor or the privacy officer, signed in.
            let cfg = config_als_die_er_is(args.config.clone())?;
            let store = crate::store::Store::open_alleen_lezen(&db)?;
            let wie = runtime::aanmelden::wie(&args.aanmelden, &db, cfg.as_ref())?;
            anyhow::ensure!(
                matches!(
                    wie.rol,
                    crate::identiteit::ServerRol::Supervisor
                        | crate::identiteit::ServerRol::Privacy
                ),
                "het inzagelog is voor een supervisor of de privacy officer; {} heeft de rol {}",
                wie.login,
                wie.rol.as_str()
            );
            lookup::audit_van_klant(store.conn(), args.klant)?
        }
    };
    if rows.is_empty() {
        melden!("geen inzage van klant {} gevonden", args.klant);
    }
    if csv {
        use crate::store::rapport::csv_veld;
        // The column names of the VNG Verwerkingenlogging standard (a Verwerkingsactie and its
        // Verwerkt object), where they fit: gebruiker (who), systeem (which desk, or the
        // server), handelingNaam (what was seen), verwerkingNaam (why: the doelbinding),
        // objecttype and objectId (the klant by record id, or the zaak by its identificatie).
        uit!("tijdstip;gebruiker;systeem;handelingNaam;verwerkingNaam;objecttype;objectId");
        for r in rows {
            let (soort, object) = match (&r.zaak, &r.partij_id) {
                (Some(z), _) => ("zaak", z.clone()),
                (None, Some(p)) => ("klant", p.clone()),
                (None, None) => ("klant", args.klant.to_string()),
            };
            uit!(
                "{};{};{};{};{};{};{}",
                r.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                csv_veld(&r.medewerker),
                csv_veld(&r.desk_id),
                csv_veld(&r.reden),
                csv_veld(r.doel.as_deref().unwrap_or_default()),
                soort,
                csv_veld(&object)
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    uit!(
        "{:<19}  {:<28}  {:<8}  {:<12}  {:<22}  zaak",
        "wanneer",
        "medewerker",
        "desk",
        "reden",
        "doel"
    );
    for r in rows {
        uit!(
            "{:<19}  {:<28}  {:<8}  {:<12}  {:<22}  {}",
            r.at.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M:%S"),
            r.medewerker,
            r.desk_id.get(..8).unwrap_or(&r.desk_id),
            r.reden,
            r.doel.as_deref().unwrap_or("-"),
            r.zaak.unwrap_or_default()
        );
    }
    Ok(ExitCode::SUCCESS)
}
