//! The desk's configuration file (`config.toml`): who works here and how this desk is set up.
//! First run creates it with a fresh desk id; who works at the desk comes from signing in.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::Rol;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Identifies this desk in every record it writes. Generated on first run; never change it.
    pub desk_id: Uuid,
    /// Name shown in the status bar. When absent, the name stored in the database is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gemeente: Option<String>,
    /// Override the database location (same as `--db`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database: Option<PathBuf>,
    /// A folder of kennisbank articles to use instead of the built-in ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kennisbank: Option<PathBuf>,
    /// From before sign-in: the medewerker who worked here. Only a first account on a desk
    /// without [sync] uses it (it keeps this id, so their history stays theirs); who works at
    /// the desk, and their role, comes from signing in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medewerker: Option<MedewerkerProfiel>,
    /// Deadline of a contactverzoek in werkdagen, per afdeling name (default 1).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub contactverzoek_termijn: BTreeMap<String, u32>,
    /// The telephone queue. Without it: no telephony, except the simulator with `--demo`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telefonie: Option<TelefonieConfig>,
    /// This desk at the counter: its location, and the balie it is (when it calls visitors).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balie: Option<BalieConfig>,
    /// The shared PostgreSQL database. Without it the desk works on its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync: Option<SyncConfig>,
    /// The service norms the floor view judges by (defaults from the seeds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normen: Option<NormenConfig>,
    /// Signing in: how long an offline sign-in stands, when the desk locks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aanmelden: Option<AanmeldenConfig>,
    /// The floor's wall screen (`loket vloer`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vloer: Option<VloerConfig>,
}

/// The floor's wall screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VloerConfig {
    /// Never show the agents' names (a screen the whole floor sees), also when a supervisor
    /// started it.
    #[serde(default)]
    pub anoniem: bool,
}

/// Signing in and the lock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AanmeldenConfig {
    /// Without the shared database, the last sign-in it accepted on this desk stands this many
    /// hours (default 12; 0: no offline sign-in).
    #[serde(default = "offline_uren")]
    pub offline_uren: u32,
    /// The desk locks after this many minutes without a key (default 15).
    #[serde(default = "vergrendel_minuten")]
    pub vergrendel_minuten: u32,
}

fn offline_uren() -> u32 {
    12
}
fn vergrendel_minuten() -> u32 {
    15
}

impl Default for AanmeldenConfig {
    fn default() -> Self {
        AanmeldenConfig {
            offline_uren: offline_uren(),
            vergrendel_minuten: vergrendel_minuten(),
        }
    }
}

/// Servicenormen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NormenConfig {
    /// Telephone: answered within this many seconds…
    #[serde(default = "norm_telefoon")]
    pub telefoon_seconden: i64,
    /// …in this share of the calls (percent).
    #[serde(default = "norm_tachtig")]
    pub servicelevel_procent: f64,
    /// First-contact resolution (percent).
    #[serde(default = "norm_tachtig")]
    pub eerste_lijn_procent: f64,
    /// A walk-in visitor helped within this many minutes.
    #[serde(default = "norm_balie")]
    pub balie_minuten: i64,
    /// Written channels: answered within this many werkdagen of the day the message came in.
    #[serde(default = "norm_email")]
    pub email_werkdagen: u32,
    #[serde(default = "norm_post")]
    pub post_werkdagen: u32,
    #[serde(default = "norm_social_media")]
    pub social_media_werkdagen: u32,
    /// A caller who hangs up within fewer seconds than this is "kort opgehangen": shown apart,
    /// left out of the service level and the abandon rate.
    #[serde(default = "norm_kort_opgehangen")]
    pub kort_opgehangen_seconden: i64,
    /// `loket vloer` rings the terminal bell when a norm is newly breached.
    #[serde(default)]
    pub bel: bool,
}

impl NormenConfig {
    pub fn normen(&self) -> crate::domain::kpi::Normen {
        crate::domain::kpi::Normen {
            telefoon_s: self.telefoon_seconden,
            servicelevel_pct: self.servicelevel_procent,
            fcr_pct: self.eerste_lijn_procent,
            balie_s: self.balie_minuten * 60,
            email_werkdagen: self.email_werkdagen,
            post_werkdagen: self.post_werkdagen,
            social_media_werkdagen: self.social_media_werkdagen,
            kort_opgehangen_s: self.kort_opgehangen_seconden,
            ..Default::default()
        }
    }

    /// Norms a figure can be judged by, or what is wrong, in Dutch for the user.
    pub fn check(&self) -> Result<(), String> {
        let procent = |naam: &str, p: f64| {
            if (0.0..=100.0).contains(&p) {
                Ok(())
            } else {
                Err(format!("[normen] {naam} = {p}: kies 0 tot en met 100"))
            }
        };
        procent("servicelevel_procent", self.servicelevel_procent)?;
        procent("eerste_lijn_procent", self.eerste_lijn_procent)?;
        if !(1..=3600).contains(&self.telefoon_seconden) {
            return Err(format!(
                "[normen] telefoon_seconden = {}: kies 1 tot en met 3600",
                self.telefoon_seconden
            ));
        }
        if !(1..=24 * 60).contains(&self.balie_minuten) {
            return Err(format!(
                "[normen] balie_minuten = {}: kies 1 tot en met 1440",
                self.balie_minuten
            ));
        }
        for (naam, dagen) in [
            ("email_werkdagen", self.email_werkdagen),
            ("post_werkdagen", self.post_werkdagen),
            ("social_media_werkdagen", self.social_media_werkdagen),
        ] {
            if !(1..=60).contains(&dagen) {
                return Err(format!("[normen] {naam} = {dagen}: kies 1 tot en met 60"));
            }
        }
        if !(0..=60).contains(&self.kort_opgehangen_seconden)
            || self.kort_opgehangen_seconden >= self.telefoon_seconden
        {
            return Err(format!(
                "[normen] kort_opgehangen_seconden = {}: kies 0 tot en met 60, en korter dan telefoon_seconden ({})",
                self.kort_opgehangen_seconden, self.telefoon_seconden
            ));
        }
        Ok(())
    }
}

fn norm_kort_opgehangen() -> i64 {
    crate::domain::kpi::KORT_OPGEHANGEN_S
}

fn norm_email() -> u32 {
    3
}
fn norm_post() -> u32 {
    5
}
fn norm_social_media() -> u32 {
    1
}

fn norm_telefoon() -> i64 {
    30
}
fn norm_tachtig() -> f64 {
    80.0
}
fn norm_balie() -> i64 {
    15
}

/// Sync with the shared database. (Its Debug form shows the url without a password.)
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyncConfig {
    /// `postgres://loket@db.gemeente.local/loket` (`?sslmode=require` allowed here too).
    pub url: String,
    /// A file holding the password (mode 0600). Else `PGPASSWORD`, else `~/.pgpass`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_file: Option<PathBuf>,
    /// disable, prefer or require (default: as in the url, else disable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sslmode: Option<String>,
    /// The CA that signed the server's certificate (default: the system's certificates).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_file: Option<PathBuf>,
}

impl std::fmt::Debug for SyncConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncConfig")
            .field("url", &crate::sync::verbinding::zonder_geheim(&self.url))
            .field("password_file", &self.password_file)
            .field("sslmode", &self.sslmode)
            .field("ca_file", &self.ca_file)
            .finish()
    }
}

/// A TOML error in Dutch: where (regel, kolom), the line itself, and what is wrong
/// ([`crate::melding::toml`]).
pub fn toml_melding(tekst: &str, e: &toml::de::Error) -> String {
    let plek = e.span().map(|span| {
        let voor = tekst.get(..span.start).unwrap_or(tekst);
        let regel = voor.matches('\n').count() + 1;
        let kolom = voor.rsplit('\n').next().map_or(0, |r| r.chars().count()) + 1;
        let inhoud = tekst.lines().nth(regel - 1).unwrap_or("").trim();
        // A line with a connection string is shown without its password.
        let klein = inhoud.to_ascii_lowercase();
        let inhoud = if klein.contains("://") || klein.contains("password") {
            crate::sync::verbinding::zonder_geheim(inhoud)
        } else {
            inhoud.to_string()
        };
        (regel, kolom, kort(&inhoud))
    });
    let soort = crate::melding::toml(e.message());
    match plek {
        Some((regel, kolom, inhoud)) => {
            format!("regel {regel}, kolom {kolom}: {soort} (\"{inhoud}\")")
        }
        None => soort,
    }
}

/// A file that holds a password must be readable by its owner only.
#[cfg(unix)]
pub fn alleen_eigenaar(pad: &Path) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(pad)
        .with_context(|| format!("kan {} niet lezen", pad.display()))?
        .permissions()
        .mode();
    if mode & 0o077 != 0 {
        anyhow::bail!(
            "{} bevat een wachtwoord maar is leesbaar voor anderen (modus {:o}); zet het op 0600: chmod 600 {}",
            pad.display(),
            mode & 0o777,
            pad.display()
        );
    }
    Ok(())
}

#[cfg(not(unix))]
pub fn alleen_eigenaar(_pad: &Path) -> anyhow::Result<()> {
    Ok(())
}

/// A desk at the counter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BalieConfig {
    /// The building; ticket numbers are unique per location and day.
    #[serde(default = "standaard_locatie")]
    pub locatie: String,
    /// The balie this desk is ("Snelbalie 1"); without it the desk checks visitors in only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub naam: Option<String>,
    /// The diensten this balie calls visitors for (default: every walk-in dienst).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diensten: Vec<String>,
}

pub fn standaard_locatie() -> String {
    "Stadskantoor".into()
}

impl BalieConfig {
    /// The demo desk: receptie and Snelbalie 1 at the Stadskantoor.
    pub fn demo() -> BalieConfig {
        BalieConfig {
            locatie: standaard_locatie(),
            naam: Some("Snelbalie 1".into()),
            diensten: Vec::new(),
        }
    }
}

/// Where calls come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TelBron {
    Simulator,
    Ami,
    Uit,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TelefonieConfig {
    pub bron: TelBron,
    /// The IVR's keuzemenu, at most 5 options.
    #[serde(default = "standaard_keuzemenu")]
    pub keuzemenu: Vec<String>,
    /// The options this agent takes (default: all).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vaardigheden: Vec<String>,
    /// Servicenorm: answered within this many seconds.
    #[serde(default = "standaard_norm")]
    pub servicenorm_seconden: i64,
    /// After-call work longer than this is flagged.
    #[serde(default = "standaard_nawerk")]
    pub nawerk_seconden: i64,
    #[serde(default)]
    pub automatisch_aannemen: bool,
    /// Simulator: speed factor (1..20) and seed.
    #[serde(default = "een")]
    pub snelheid: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Simulator: calls on an average werkdag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_dag: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ami: Option<AmiConfig>,
}

/// An Asterisk Manager Interface connection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmiConfig {
    pub host: String,
    #[serde(default = "ami_poort")]
    pub poort: u16,
    pub gebruiker: String,
    /// The secret is read from this file, or else from the environment variable `secret_env`;
    /// never from this config.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_bestand: Option<PathBuf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_env: Option<String>,
    /// The queue and this agent's interface (e.g. "PJSIP/2001") as Asterisk knows them.
    pub wachtrij: String,
    pub interface: String,
    /// TLS to the manager port, checked against the CA certificate(s) in `ca_bestand` (PEM).
    #[serde(default)]
    pub tls: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_bestand: Option<PathBuf>,
}

/// The keuzemenu of the seeds' KCC: five options.
pub fn standaard_keuzemenu() -> Vec<String> {
    [
        "Burgerzaken",
        "Afval en openbare ruimte",
        "Belastingen",
        "Bouwen en wonen",
        "Overige vragen",
    ]
    .map(String::from)
    .to_vec()
}
fn standaard_norm() -> i64 {
    30
}
fn standaard_nawerk() -> i64 {
    60
}
fn een() -> u32 {
    1
}
fn ami_poort() -> u16 {
    5038
}

impl TelefonieConfig {
    /// The simulator, as `--demo` uses it without a `[telefonie]` section.
    pub fn demo() -> TelefonieConfig {
        TelefonieConfig {
            bron: TelBron::Simulator,
            keuzemenu: standaard_keuzemenu(),
            vaardigheden: Vec::new(),
            servicenorm_seconden: standaard_norm(),
            nawerk_seconden: standaard_nawerk(),
            automatisch_aannemen: false,
            snelheid: 1,
            seed: None,
            per_dag: None,
            ami: None,
        }
    }

    /// Problems a user must fix, in Dutch for stderr. Every number is range-checked here, where
    /// it enters: the simulator and the queue trust what passed.
    pub fn check(&self) -> Result<(), String> {
        if self.keuzemenu.is_empty() || self.keuzemenu.len() > 5 {
            return Err(format!(
                "[telefonie] keuzemenu heeft {} keuzes; 1 tot en met 5 mogen",
                self.keuzemenu.len()
            ));
        }
        if let Some(k) = self
            .keuzemenu
            .iter()
            .find(|k| k.trim().is_empty() || k.chars().count() > MAX_NAAM)
        {
            return Err(format!(
                "[telefonie] keuzemenu: \"{}\" moet 1 tot en met {MAX_NAAM} tekens zijn",
                kort(k)
            ));
        }
        if let Some((i, k)) = self
            .keuzemenu
            .iter()
            .enumerate()
            .find(|(i, k)| self.keuzemenu[..*i].contains(k))
        {
            return Err(format!(
                "[telefonie] keuzemenu: \"{}\" staat er twee keer in (keuze {})",
                kort(k),
                i + 1
            ));
        }
        if let Some(v) = self
            .vaardigheden
            .iter()
            .find(|v| !self.keuzemenu.contains(v))
        {
            return Err(format!(
                "[telefonie] vaardigheden: \"{}\" staat niet in het keuzemenu",
                kort(v)
            ));
        }
        if !(1..=20).contains(&self.snelheid) {
            return Err(format!(
                "[telefonie] snelheid = {}: kies 1 tot en met 20",
                self.snelheid
            ));
        }
        if !(1..=3600).contains(&self.servicenorm_seconden) {
            return Err(format!(
                "[telefonie] servicenorm_seconden = {}: kies 1 tot en met 3600",
                self.servicenorm_seconden
            ));
        }
        if !(1..=3600).contains(&self.nawerk_seconden) {
            return Err(format!(
                "[telefonie] nawerk_seconden = {}: kies 1 tot en met 3600",
                self.nawerk_seconden
            ));
        }
        if let Some(n) = self.per_dag
            && !(1.0..=MAX_PER_DAG).contains(&n)
        {
            return Err(format!(
                "[telefonie] per_dag = {n}: kies 1 tot en met {MAX_PER_DAG} gesprekken per werkdag"
            ));
        }
        if self.bron == TelBron::Ami && self.ami.is_none() {
            return Err("[telefonie] bron = \"ami\" heeft een [telefonie.ami]-sectie nodig".into());
        }
        if let Some(a) = &self.ami {
            for (naam, waarde) in [
                ("host", &a.host),
                ("gebruiker", &a.gebruiker),
                ("wachtrij", &a.wachtrij),
                ("interface", &a.interface),
            ] {
                if waarde.trim().is_empty() || waarde.chars().count() > MAX_NAAM {
                    return Err(format!(
                        "[telefonie.ami] {naam} moet 1 tot en met {MAX_NAAM} tekens zijn"
                    ));
                }
            }
            if a.tls && a.ca_bestand.is_none() {
                return Err(
                    "[telefonie.ami] tls = true heeft ca_bestand nodig (het CA-certificaat, PEM)"
                        .into(),
                );
            }
        }
        Ok(())
    }
}

/// The most calls a simulated werkdag may have (a large KCC takes a few thousand).
pub const MAX_PER_DAG: f64 = 20_000.0;
/// The longest name in the config (a keuze, a balie, a location, a host).
pub const MAX_NAAM: usize = 80;
/// The longest deadline of a contactverzoek, in werkdagen.
pub const MAX_TERMIJN: u32 = 60;
/// The largest config file read (a real one is a few KB).
pub const MAX_BESTAND: u64 = 256 * 1024;

/// A value from the file, cut for a message.
fn kort(s: &str) -> String {
    let k: String = s.chars().take(40).collect();
    if k.len() < s.len() {
        format!("{k}…")
    } else {
        k
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MedewerkerProfiel {
    /// The medewerker record this desk writes as (created on first run).
    pub id: Uuid,
    pub naam: String,
    /// In a config.toml from before sign-in this is ignored: the role comes from the sign-in.
    #[serde(default)]
    pub rol: Rol,
    /// The afdeling (by name, as in the database) whose contactverzoeken are "mijn afdeling".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub afdeling: Option<String>,
}

impl Config {
    pub fn new() -> Config {
        Config {
            desk_id: Uuid::new_v4(),
            gemeente: None,
            database: None,
            kennisbank: None,
            medewerker: None,
            contactverzoek_termijn: BTreeMap::new(),
            telefonie: None,
            balie: None,
            sync: None,
            normen: None,
            aanmelden: None,
            vloer: None,
        }
    }

    /// Read the config at `path`, or create a new one (with a fresh desk id) when it does not exist.
    /// Returns the config and whether it was created.
    pub fn load_or_create(path: &Path) -> anyhow::Result<(Config, bool)> {
        // Only a name with nothing behind it is a first run; a dangling link is not.
        let bestaat = std::fs::symlink_metadata(path).is_ok();
        let gelezen = if bestaat {
            crate::bestand::lees_tekst(path, MAX_BESTAND).map_err(|g| {
                anyhow::anyhow!("configuratiebestand {} {}", path.display(), g.melding)
            })
        } else {
            Err(anyhow::anyhow!("ontbreekt"))
        };
        match gelezen {
            Ok(text) => {
                let cfg: Config = toml::from_str(&text).map_err(|e| {
                    anyhow::anyhow!(
                        "configuratiebestand {} is ongeldig: {}",
                        path.display(),
                        toml_melding(&text, &e)
                    )
                })?;
                cfg.check().map_err(|e| {
                    anyhow::anyhow!("configuratiebestand {} is ongeldig: {e}", path.display())
                })?;
                if let Some(n) = &cfg.normen {
                    n.check().map_err(|e| {
                        anyhow::anyhow!("configuratiebestand {} is ongeldig: {e}", path.display())
                    })?;
                }
                if let Some(t) = &cfg.telefonie {
                    t.check().map_err(|e| {
                        anyhow::anyhow!("configuratiebestand {} is ongeldig: {e}", path.display())
                    })?;
                }
                if let Some(s) = &cfg.sync {
                    let url: tokio_postgres::Config = s.url.parse().map_err(|e| {
                        // Never the parser's words: they may quote a piece of a password.
                        crate::logboek::schrijf(&crate::sync::verbinding::url_fout(&e));
                        anyhow::anyhow!(
                            "configuratiebestand {}: [sync] url is ongeldig; schrijf \
                             postgres://gebruiker@host/database",
                            path.display()
                        )
                    })?;
                    if url.get_password().is_some() {
                        alleen_eigenaar(path)?;
                    }
                }
                Ok((cfg, false))
            }
            Err(_) if !bestaat => {
                let cfg = Config::new();
                cfg.save(path)?;
                Ok((cfg, true))
            }
            Err(e) => Err(e),
        }
    }

    /// What the sections without a check of their own must hold: names that fit on screen,
    /// deadlines a werkdag count can reach.
    fn check(&self) -> Result<(), String> {
        if let Some(a) = &self.aanmelden {
            if a.offline_uren > 72 {
                return Err(format!(
                    "[aanmelden] offline_uren = {}: kies 0 tot en met 72",
                    a.offline_uren
                ));
            }
            if !(1..=240).contains(&a.vergrendel_minuten) {
                return Err(format!(
                    "[aanmelden] vergrendel_minuten = {}: kies 1 tot en met 240",
                    a.vergrendel_minuten
                ));
            }
        }
        if let Some(g) = &self.gemeente
            && (g.trim().is_empty() || g.chars().count() > MAX_NAAM)
        {
            return Err(format!("gemeente moet 1 tot en met {MAX_NAAM} tekens zijn"));
        }
        for (afdeling, dagen) in &self.contactverzoek_termijn {
            if *dagen > MAX_TERMIJN {
                return Err(format!(
                    "[contactverzoek_termijn] \"{}\" = {dagen}: kies 0 tot en met {MAX_TERMIJN} werkdagen",
                    kort(afdeling)
                ));
            }
        }
        if let Some(b) = &self.balie {
            for (naam, waarde) in [("locatie", Some(&b.locatie)), ("naam", b.naam.as_ref())] {
                if let Some(w) = waarde
                    && (w.trim().is_empty() || w.chars().count() > MAX_NAAM)
                {
                    return Err(format!(
                        "[balie] {naam} moet 1 tot en met {MAX_NAAM} tekens zijn"
                    ));
                }
            }
        }
        if let Some(m) = &self.medewerker
            && (m.naam.trim().is_empty() || m.naam.chars().count() > MAX_NAAM)
        {
            return Err(format!(
                "[medewerker] naam moet 1 tot en met {MAX_NAAM} tekens zijn"
            ));
        }
        Ok(())
    }

    /// Write atomically: a temporary file beside it, then rename.
    pub fn save(&self, path: &Path) -> anyhow::Result<()> {
        if let Some(dir) = path.parent() {
            crate::bestand::maak_map(dir)
                .with_context(|| format!("kan map {} niet aanmaken", dir.display()))?;
        }
        let text = format!(
            "# loket: instellingen van deze werkplek.\n\
             # desk_id: identiteit van deze werkplek in alle gegevens; nooit wijzigen.\n\
             # gemeente = \"...\": naam in de statusbalk. database = \"...\": ander databasebestand.\n\
             # Wie hier werkt en in welke rol volgt uit het aanmelden, niet uit dit bestand.\n{}",
            toml::to_string_pretty(self)?
        );
        let tmp = path.with_extension("toml.tmp");
        std::fs::write(&tmp, text)
            .with_context(|| format!("kan {} niet schrijven", tmp.display()))?;
        // Keep a config that is readable by its owner only that way (it may hold a password).
        #[cfg(unix)]
        if let Ok(m) = std::fs::metadata(path) {
            let _ = std::fs::set_permissions(&tmp, m.permissions());
        }
        std::fs::rename(&tmp, path)
            .with_context(|| format!("kan {} niet opslaan", path.display()))?;
        Ok(())
    }
}

impl Default for Config {
    fn default() -> Self {
        Config::new()
    }
}

/// Where loket keeps its files by default (the platform's data and config directories).
pub struct DefaultPaths {
    pub database: PathBuf,
    pub config: PathBuf,
}

pub fn default_paths() -> anyhow::Result<DefaultPaths> {
    let dirs = directories::ProjectDirs::from("nl", "loket", "loket")
        .context("kan de thuismap niet bepalen (HOME is niet gezet)")?;
    Ok(DefaultPaths {
        database: dirs.data_dir().join("loket.db"),
        config: dirs.config_dir().join("config.toml"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_load_creates_and_second_load_remembers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/config.toml");
        let (mut cfg, created) = Config::load_or_create(&path).unwrap();
        assert!(created);
        cfg.medewerker = Some(MedewerkerProfiel {
            id: Uuid::now_v7(),
            naam: "Sietske Postma".into(),
            rol: Rol::Supervisor,
            afdeling: None,
        });
        cfg.database = Some(dir.path().join("elders.db"));
        cfg.contactverzoek_termijn.insert("Belastingen".into(), 3);
        cfg.save(&path).unwrap();
        let (again, created) = Config::load_or_create(&path).unwrap();
        assert!(!created);
        assert_eq!(again, cfg);
    }

    #[test]
    fn unknown_keys_are_refused_with_the_file_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(
            &path,
            "desk_id = \"0190a0b0-0000-7000-8000-000000000000\"\nkleur = 3\n",
        )
        .unwrap();
        let err = format!("{:#}", Config::load_or_create(&path).unwrap_err());
        assert!(err.contains("config.toml"), "{err}");
        assert!(err.contains("kleur"), "{err}");
    }

    /// A full config, as the fuzzer's seed.
    const VOL: &str = "desk_id = \"0190a0b0-0000-7000-8000-000000000000\"\ngemeente = \"Lindewaard\"\n\
        [contactverzoek_termijn]\nBelastingen = 3\n[telefonie]\nbron = \"ami\"\nper_dag = 800.0\n\
        servicenorm_seconden = 30\n[telefonie.ami]\nhost = \"pbx\"\ngebruiker = \"loket\"\n\
        secret_env = \"AMI\"\nwachtrij = \"kcc\"\ninterface = \"PJSIP/2001\"\n\
        [balie]\nlocatie = \"Stadskantoor\"\nnaam = \"Snelbalie 1\"\n\
        [normen]\nservicelevel_procent = 80.0\ntelefoon_seconden = 30\n";

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        /// Fuzz: any bytes in config.toml, and the real config with one line changed, give a
        /// config or a Dutch message, never a panic.
        #[test]
        fn loading_any_config_never_panics(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400),
            regel in 0usize..20,
            vervanging in "\\PC{0,30}|[a-z_]{1,12} = (-?[0-9e.]{1,25}|nan|inf|\"\\PC{0,10}\"|\\[\\])",
        ) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("config.toml");
            std::fs::write(&path, &bytes).unwrap();
            let _ = Config::load_or_create(&path);
            let mut regels: Vec<String> = VOL.lines().map(String::from).collect();
            let i = regel % regels.len();
            regels[i] = vervanging;
            std::fs::write(&path, regels.join("\n")).unwrap();
            if let Ok((cfg, _)) = Config::load_or_create(&path) {
                // What passed is usable: the norms and the telephony are in range.
                if let Some(t) = &cfg.telefonie {
                    proptest::prop_assert!(t.check().is_ok());
                }
            }
        }
    }

    #[test]
    fn the_fuzz_seed_is_a_valid_config() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, VOL).unwrap();
        Config::load_or_create(&path).unwrap();
    }

    #[test]
    fn toml_mistakes_are_told_in_dutch_with_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let kop = "desk_id = \"0190a0b0-0000-7000-8000-000000000000\"\n";
        for (tekst, verwacht) in [
            (
                "desk_id = 12\n".to_string(),
                "regel 1, kolom 11: geen geldige id (een UUID",
            ),
            (
                "[telefonie\nx=1".to_string(),
                "regel 1, kolom 11: dit is geen geldige TOML",
            ),
            (
                format!("{kop}kleur = 3\n"),
                "regel 2, kolom 1: onbekend veld `kleur`, kies uit `desk_id`",
            ),
            (
                format!("{kop}[telefonie]\nbron = \"fax\"\n"),
                "onbekende waarde `fax`, kies uit `simulator`, `ami`, `uit`",
            ),
            (
                format!("{kop}[telefonie]\nsnelheid = 2\n"),
                "ontbrekend veld `bron`",
            ),
        ] {
            std::fs::write(&path, &tekst).unwrap();
            let fout = format!("{:#}", Config::load_or_create(&path).unwrap_err());
            assert!(fout.contains(verwacht), "{tekst:?}: {fout}");
            for engels in ["expected", "invalid", "unknown", "missing", "parse error"] {
                assert!(!fout.contains(engels), "{tekst:?}: {fout}");
            }
        }
    }

    #[test]
    fn numbers_and_names_from_the_config_are_range_checked_where_they_enter() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let kop = "desk_id = \"0190a0b0-0000-7000-8000-000000000000\"\n";
        for (deel, verwacht) in [
            (
                "[telefonie]\nbron = \"simulator\"\nper_dag = 1e9\n",
                "per_dag = 1000000000",
            ),
            (
                "[telefonie]\nbron = \"simulator\"\nper_dag = nan\n",
                "per_dag = NaN",
            ),
            (
                "[telefonie]\nbron = \"simulator\"\nper_dag = -5.0\n",
                "per_dag = -5",
            ),
            (
                "[telefonie]\nbron = \"simulator\"\nservicenorm_seconden = -1\n",
                "servicenorm_seconden = -1",
            ),
            (
                "[telefonie]\nbron = \"simulator\"\nnawerk_seconden = 99999999\n",
                "nawerk_seconden",
            ),
            (
                "[telefonie]\nbron = \"simulator\"\nkeuzemenu = [\"\"]\n",
                "keuzemenu",
            ),
            (
                "[telefonie]\nbron = \"simulator\"\nkeuzemenu = [\"a\", \"a\"]\n",
                "\"a\" staat er twee keer in",
            ),
            (
                "[contactverzoek_termijn]\nBelastingen = 4000000000\n",
                "kies 0 tot en met 60 werkdagen",
            ),
            (
                "[normen]\nservicelevel_procent = nan\n",
                "servicelevel_procent = NaN",
            ),
            (
                "[normen]\neerste_lijn_procent = -3.0\n",
                "eerste_lijn_procent = -3",
            ),
            ("[balie]\nlocatie = \"\"\n", "[balie] locatie"),
        ] {
            std::fs::write(&path, format!("{kop}{deel}")).unwrap();
            let fout = format!("{:#}", Config::load_or_create(&path).unwrap_err());
            assert!(fout.contains(verwacht), "{deel:?}: {fout}");
        }
        std::fs::write(
            &path,
            format!("{kop}[telefonie]\nbron = \"simulator\"\nper_dag = 3000.0\n"),
        )
        .unwrap();
        assert!(Config::load_or_create(&path).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_config_that_is_not_a_regular_file_is_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("config.toml");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        let fout = format!("{:#}", Config::load_or_create(&fifo).unwrap_err());
        assert!(fout.contains("named pipe (FIFO), geen bestand"), "{fout}");
        let groot = dir.path().join("groot.toml");
        std::fs::write(&groot, vec![b'#'; 300 * 1024]).unwrap();
        let fout = format!("{:#}", Config::load_or_create(&groot).unwrap_err());
        assert!(
            fout.contains("te groot (300 KiB); hoogstens 256 KiB"),
            "{fout}"
        );
        let bom = dir.path().join("bom.toml");
        std::fs::write(
            &bom,
            "\u{feff}desk_id = \"0190a0b0-0000-7000-8000-000000000000\"\n",
        )
        .unwrap();
        assert!(Config::load_or_create(&bom).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_config_with_a_password_in_the_sync_url_must_be_the_owners_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let (cfg, _) = Config::load_or_create(&path).unwrap();
        let mut tekst = std::fs::read_to_string(&path).unwrap();
        tekst.push_str("\n[sync]\nurl = \"postgres://loket:geheim@db.gemeente.local/loket\"\n");
        std::fs::write(&path, &tekst).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let fout = Config::load_or_create(&path).unwrap_err().to_string();
        assert!(fout.contains("chmod 600"), "{fout}");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        let (geladen, _) = Config::load_or_create(&path).unwrap();
        assert_eq!(geladen.desk_id, cfg.desk_id);
        // Saving keeps it the owner's only.
        geladen.save(&path).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        // A mistake on the url's line is shown without the password.
        std::fs::write(
            &path,
            tekst
                .replace("loket\"\n", "loket\n")
                .replace("[sync]", "[sync]\nsslmode = 1"),
        )
        .unwrap();
        let fout = Config::load_or_create(&path).unwrap_err().to_string();
        assert!(
            fout.contains("postgres://loket:***@") && !fout.contains("geheim"),
            "{fout}"
        );
        // Without a password in the url any mode is fine.
        let zonder = tekst.replace("loket:geheim@", "loket@");
        std::fs::write(&path, zonder).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(Config::load_or_create(&path).is_ok());
    }

    #[test]
    fn norms_out_of_range_are_refused_in_dutch_and_the_short_abandon_threshold_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let kop = "desk_id = \"0190a0b0-0000-7000-8000-000000000000\"\n[normen]\n";
        std::fs::write(&path, format!("{kop}kort_opgehangen_seconden = 8\n")).unwrap();
        let (cfg, _) = Config::load_or_create(&path).unwrap();
        assert_eq!(cfg.normen.unwrap().normen().kort_opgehangen_s, 8);
        std::fs::write(&path, format!("{kop}telefoon_seconden = 20\n")).unwrap();
        let (cfg, _) = Config::load_or_create(&path).unwrap();
        assert_eq!(
            cfg.normen.unwrap().normen().kort_opgehangen_s,
            crate::domain::kpi::KORT_OPGEHANGEN_S,
            "the default"
        );
        for (regel, woord) in [
            ("kort_opgehangen_seconden = -1", "kort_opgehangen_seconden"),
            ("kort_opgehangen_seconden = 61", "kort_opgehangen_seconden"),
            (
                "telefoon_seconden = 10\nkort_opgehangen_seconden = 10",
                "korter dan telefoon_seconden",
            ),
            ("servicelevel_procent = 120", "servicelevel_procent"),
            ("servicelevel_procent = nan", "servicelevel_procent"),
            ("telefoon_seconden = 0", "telefoon_seconden"),
            ("balie_minuten = 0", "balie_minuten"),
            ("post_werkdagen = 0", "post_werkdagen"),
        ] {
            std::fs::write(&path, format!("{kop}{regel}\n")).unwrap();
            let fout = format!("{:#}", Config::load_or_create(&path).unwrap_err());
            assert!(
                fout.contains(woord) && fout.contains("kies"),
                "{regel}: {fout}"
            );
            assert!(fout.contains("config.toml"), "{fout}");
        }
    }
}
