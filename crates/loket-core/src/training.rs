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
            let tekst = lees(pad).map_err(|f| {
                anyhow::anyhow!(
                    "scenario \"{naam}\": geen ingebouwd scenario ({}), en het bestand {}",
                    namen().join(", "),
                    f.melding
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

/// The most scenario files one check reads from a folder.
pub const MAX_BESTANDEN: usize = 1000;

/// A scenario file's text: only a regular file, at most [`training::MAX_BYTES`], UTF-8.
fn lees(pad: &Path) -> Result<String, Fout> {
    crate::bestand::lees_tekst(pad, training::MAX_BYTES).map_err(|g| Fout {
        bestand: pad.display().to_string(),
        regel: g.regel.max(1),
        melding: g.melding,
    })
}

/// `loket training --check [PAD…]`: every scenario file (the built-in ones without paths; a
/// folder means its *.toml files), with every problem as `file:line: message`. A file that
/// cannot be read (not a regular file, too big, not UTF-8, a broken symlink) is one of those
/// problems; the other files are still checked. The count is of the files looked at.
pub fn check(paden: &[PathBuf]) -> anyhow::Result<(usize, Vec<Fout>)> {
    let bekend = bekend();
    // In the order given: a file's text, or why it could not be read.
    let mut bestanden: Vec<Result<(String, String), Fout>> = Vec::new();
    let mut fouten = Vec::new();
    let mut geteld = 0usize;
    if paden.is_empty() {
        for (n, t) in training::INGEBOUWD {
            bestanden.push(Ok((format!("{n}.toml"), t.to_string())));
        }
        geteld = bestanden.len();
    }
    let fout = |p: &Path, melding: String| Fout {
        bestand: p.display().to_string(),
        regel: 1,
        melding,
    };
    for p in paden {
        let lijst: Vec<PathBuf> = if p.is_dir() {
            let entries = match std::fs::read_dir(p) {
                Ok(e) => e,
                Err(e) => {
                    crate::logboek::schrijf(&format!("scenariomap {} lezen: {e}", p.display()));
                    fouten.push(fout(
                        p,
                        "de map kan niet worden gelezen (zie het logboek)".into(),
                    ));
                    continue;
                }
            };
            let mut lijst = Vec::new();
            for e in entries {
                match e {
                    Ok(e) if e.path().extension().is_some_and(|x| x == "toml") => {
                        lijst.push(e.path())
                    }
                    Ok(_) => {}
                    Err(e) => {
                        crate::logboek::schrijf(&format!("scenariomap {} lezen: {e}", p.display()));
                        fouten.push(fout(
                            p,
                            "een bestand in de map kan niet worden opgesomd (zie het logboek)"
                                .into(),
                        ));
                    }
                }
            }
            lijst.sort();
            if lijst.len() > MAX_BESTANDEN {
                fouten.push(fout(
                    p,
                    format!(
                        "de map heeft {} scenario's; alleen de eerste {MAX_BESTANDEN} zijn gecontroleerd",
                        lijst.len()
                    ),
                ));
                lijst.truncate(MAX_BESTANDEN);
            }
            lijst
        } else {
            vec![p.clone()]
        };
        for f in lijst {
            geteld += 1;
            bestanden.push(lees(&f).map(|tekst| (f.display().to_string(), tekst)));
        }
    }
    for b in bestanden {
        match b {
            Ok((naam, tekst)) => {
                if let Err(f) = training::parse(&naam, &tekst, &bekend) {
                    fouten.extend(f);
                }
            }
            Err(f) => fouten.push(f),
        }
    }
    Ok((geteld, fouten))
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
        crate::bestand::maak_map(dir)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_that_are_not_files_are_reported_and_the_others_still_checked() {
        let dir = tempfile::tempdir().unwrap();
        let p = |n: &str| dir.path().join(n);
        let goed = training::INGEBOUWD[0].1;
        std::fs::write(p("a-goed.toml"), format!("\u{feff}{goed}")).unwrap();
        let gemaakt = std::process::Command::new("mkfifo")
            .arg(p("fifo.toml"))
            .status()
            .unwrap();
        assert!(gemaakt.success());
        std::fs::write(p("latin.toml"), b"titel = \"Caf\xe9\"\n").unwrap();
        std::os::unix::fs::symlink(p("lus.toml"), p("lus.toml")).unwrap();
        std::fs::create_dir(p("sub.toml")).unwrap();
        std::fs::write(
            p("z-kapot.toml"),
            goed.replacen("snelheid = 1", "snelheid = 0", 1),
        )
        .unwrap();
        let d = dir.path().to_path_buf();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(check(&[d]).unwrap());
        });
        // A FIFO is never opened: the check answers at once.
        let (n, fouten) = rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("the check finishes");
        assert_eq!(n, 6);
        let naam = |n: &str| p(n).display().to_string();
        let fouten: Vec<String> = fouten.iter().map(|f| f.to_string()).collect();
        assert_eq!(
            fouten,
            vec![
                format!(
                    "{}:1: is een named pipe (FIFO), geen bestand; niet gelezen",
                    naam("fifo.toml")
                ),
                format!(
                    "{}:1: is geen UTF-8-tekst; sla het bestand op als UTF-8 (Unicode)",
                    naam("latin.toml")
                ),
                format!(
                    "{}:1: is een snelkoppeling die nergens of in een kring heen wijst; niet gelezen",
                    naam("lus.toml")
                ),
                format!("{}:1: is een map, geen bestand", naam("sub.toml")),
                format!(
                    "{}:5: snelheid 0 ligt niet tussen 1 en 20",
                    naam("z-kapot.toml")
                ),
            ]
        );
    }
}
