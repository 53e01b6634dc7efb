//! The desk's configuration file (`config.toml`): who works here and how this desk is set up.
//! First run creates it with a fresh desk id; the medewerker's name and role are asked in the UI.

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
    /// The medewerker working at this desk; asked on first run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medewerker: Option<MedewerkerProfiel>,
    /// Deadline of a contactverzoek in werkdagen, per afdeling name (default 1).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub contactverzoek_termijn: BTreeMap<String, u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MedewerkerProfiel {
    /// The medewerker record this desk writes as (created on first run).
    pub id: Uuid,
    pub naam: String,
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
        }
    }

    /// Read the config at `path`, or create a new one (with a fresh desk id) when it does not exist.
    /// Returns the config and whether it was created.
    pub fn load_or_create(path: &Path) -> anyhow::Result<(Config, bool)> {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let cfg = toml::from_str(&text).with_context(|| {
                    format!("configuratiebestand {} is ongeldig", path.display())
                })?;
                Ok((cfg, false))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let cfg = Config::new();
                cfg.save(path)?;
                Ok((cfg, true))
            }
            Err(e) => Err(e).with_context(|| format!("kan {} niet lezen", path.display())),
        }
    }

    /// Write atomically: a temporary file beside it, then rename.
    pub fn save(&self, path: &Path) -> anyhow::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("kan map {} niet aanmaken", dir.display()))?;
        }
        let text = format!(
            "# loket: instellingen van deze werkplek.\n\
             # desk_id: identiteit van deze werkplek in alle gegevens; nooit wijzigen.\n\
             # gemeente = \"...\": naam in de statusbalk. database = \"...\": ander databasebestand.\n\
             # [medewerker]: wie hier werkt (rol: medewerker, supervisor of trainer).\n{}",
            toml::to_string_pretty(self)?
        );
        let tmp = path.with_extension("toml.tmp");
        std::fs::write(&tmp, text)
            .with_context(|| format!("kan {} niet schrijven", tmp.display()))?;
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
}
