//! Training mode around the desk: which scenario, what it may refer to, and the training
//! database (a fresh copy of the demo dataset, marked so it never syncs and never mixes with
//! the production database).

use std::path::{Path, PathBuf};

use crate::domain::training::{self, Bekend, Fout, Scenario};

/// What the built-in scenarios and the files trainers write may refer to: the built-in
/// kennisbank, the standard keuzemenu, the walk-in diensten and the demo's personas.
pub fn bekend() -> Bekend {
    let src = crate::demo::sources::Sources::load();
    let kb = crate::kennisbank::ingebouwd();
    Bekend {
        artikelen: kb.artikelen.iter().map(|a| a.id.clone()).collect(),
        keuzemenu: crate::config::standaard_keuzemenu(),
        diensten: src
            .diensten
            .iter()
            .filter(|d| d.1 == "inloop")
            .map(|d| d.0.clone())
            .collect(),
        klanten: src
            .persona
            .iter()
            .map(|(v, tussen, a)| {
                [v.as_str(), tussen.as_str(), a.as_str()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect(),
    }
}

/// A scenario by the name of a built-in one ("eerste-dag") or the path of a file.
pub fn laad(naam: &str) -> anyhow::Result<Scenario> {
    let bekend = bekend();
    let (bestand, tekst) = match training::INGEBOUWD.iter().find(|(n, _)| *n == naam) {
        Some((n, t)) => (format!("{n}.toml"), t.to_string()),
        None => {
            let pad = Path::new(naam);
            let tekst = std::fs::read_to_string(pad).map_err(|e| {
                anyhow::anyhow!(
                    "scenario \"{naam}\": geen ingebouwd scenario ({}) en geen leesbaar bestand: {e}",
                    namen().join(", ")
                )
            })?;
            (pad.display().to_string(), tekst)
        }
    };
    training::parse(&bestand, &tekst, &bekend).map_err(|fouten| {
        anyhow::anyhow!(
            "{}",
            fouten
                .iter()
                .map(|f| f.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
}

pub fn namen() -> Vec<&'static str> {
    training::INGEBOUWD.iter().map(|(n, _)| *n).collect()
}

/// `loket training --check [PAD…]`: every scenario file (the built-in ones without paths; a
/// folder means its *.toml files), with every problem as `file:line: message`.
pub fn check(paden: &[PathBuf]) -> anyhow::Result<(usize, Vec<Fout>)> {
    let bekend = bekend();
    let mut bestanden: Vec<(String, String)> = Vec::new();
    if paden.is_empty() {
        for (n, t) in training::INGEBOUWD {
            bestanden.push((format!("{n}.toml"), t.to_string()));
        }
    }
    for p in paden {
        use anyhow::Context;
        if p.is_dir() {
            let mut lijst: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("{} kan niet worden gelezen", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect();
            lijst.sort();
            for f in lijst {
                let tekst = std::fs::read_to_string(&f)
                    .with_context(|| format!("{} kan niet worden gelezen", f.display()))?;
                bestanden.push((f.display().to_string(), tekst));
            }
        } else {
            let tekst = std::fs::read_to_string(p)
                .with_context(|| format!("{} kan niet worden gelezen", p.display()))?;
            bestanden.push((p.display().to_string(), tekst));
        }
    }
    let mut fouten = Vec::new();
    for (naam, tekst) in &bestanden {
        if let Err(f) = training::parse(naam, tekst, &bekend) {
            fouten.extend(f);
        }
    }
    Ok((bestanden.len(), fouten))
}

/// Where the training database lives by default: beside the production database, never the
/// same file.
pub fn standaard_pad() -> anyhow::Result<PathBuf> {
    let d = crate::config::default_paths()?;
    Ok(d.database.with_file_name("training.db"))
}

/// Make the training database ready: a fresh copy of the demo dataset when there is none (or
/// with `reset`; the reviews are kept), marked as training. A file that is not a training
/// database is refused and left untouched, so training never writes to production data.
pub fn voorbereiden(pad: &Path, reset: bool) -> anyhow::Result<()> {
    let bestaat = pad.exists();
    let mut bewaard = Vec::new();
    if bestaat {
        let store = crate::store::Store::open(pad, uuid::Uuid::nil())?;
        anyhow::ensure!(
            crate::store::training::is_training(store.conn())?,
            "{} is geen trainingsdatabase; training gebruikt alleen een eigen database (laat --db weg, of kies een nieuw bestand)",
            pad.display()
        );
        if !reset {
            return Ok(());
        }
        bewaard = crate::store::training::alle_rijen(store.conn())?;
    }
    if let Some(dir) = pad.parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)?;
    }
    // Write the fresh copy beside it, then put it in place.
    let nieuw = pad.with_extension("db.nieuw");
    let _ = std::fs::remove_file(&nieuw);
    crate::demo::generate(&nieuw, &crate::demo::DemoOptions::default(), false)?;
    {
        let store = crate::store::Store::open(&nieuw, uuid::Uuid::nil())?;
        crate::store::training::markeer(store.conn())?;
        crate::store::training::zet_rijen(store.conn(), &bewaard)?;
        // Every persona a scenario can name calls from a number of their own, so the screen
        // pop finds them.
        for naam in bekend().klanten {
            crate::store::training::telefoon_zeker(store.conn(), &naam)?;
        }
    }
    for ext in ["db-wal", "db-shm"] {
        let _ = std::fs::remove_file(pad.with_extension(ext));
    }
    std::fs::rename(&nieuw, pad)?;
    Ok(())
}

/// Is the file at `pad` a training database? (Read only; false when it cannot be read.)
pub fn is_trainingsdatabase(pad: &Path) -> bool {
    rusqlite::Connection::open_with_flags(pad, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .ok()
        .and_then(|c| crate::store::training::is_training(&c).ok())
        .unwrap_or(false)
}
