//! The trainers' demo dataset: a deterministic generator for the fictitious Gemeente Lindewaard.
//! The same seed and reference date always give the same database.
//!
//! The generated data stands for the shared truth a desk downloads, so it is bulk-loaded without
//! outbox entries (downloaded changes never enter the outbox).

mod afspraken;
mod bezoeken;
mod contactmomenten;
mod contactverzoeken;
mod gemeente;
mod gesprekken;
mod klanten;
mod plekken;
pub mod sources;
mod zaken;

use std::path::Path;

use anyhow::{Context, bail};
use chrono::{DateTime, Duration, Local, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::{Transaction, params};
use uuid::Uuid;

use crate::domain::werkdagen;
use crate::store::{Store, sibling};
use afspraken::Bezetting;
use sources::Sources;

/// The fewest persons a demo has: room for the personas, and for every kind of klant.
pub const PERSONEN_MIN: u32 = 50;
/// The most persons a demo generates (a bound on time and memory).
pub const PERSONEN_MAX: u32 = 200_000;

/// The most days of history a demo generates (about two million contactmomenten; a bound on
/// time, memory and date arithmetic).
pub const DAGEN_MAX: u32 = 10_000;

/// What to generate.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub seed: u64,
    /// Days of contact history before `today`.
    pub days: u32,
    /// The reference date: history ends the day before, appointments start on it.
    pub today: NaiveDate,
    /// Number of persons (klanten that are people). The test-BSN range (9999…) holds about 9,000
    /// valid numbers; persons beyond 8,000 get no BSN.
    pub personen: u32,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            seed: 2026,
            days: 90,
            today: Local::now().date_naive(),
            personen: 2000,
        }
    }
}

/// What was generated, for the CLI's report.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// One login per role (login, rol): every demo medewerker signs in with password `demo`.
    pub logins: Vec<(String, String)>,
    pub personen: usize,
    pub organisaties: usize,
    pub medewerkers: usize,
    pub zaken: usize,
    pub contactmomenten: usize,
    pub contactverzoeken_open: usize,
    pub afspraken: usize,
}

/// The desk id under which the demo data is written (the "server" of the demo).
pub fn demo_desk_id(seed: u64) -> Uuid {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x6465_736b);
    uuid::Builder::from_random_bytes(rng.random()).into_uuid()
}

/// Write a demo database to `path`. Refuses an existing file unless `force`. The database is
/// built in a temporary file beside `path` and moved into place when complete.
pub fn generate(path: &Path, opts: &DemoOptions, force: bool) -> anyhow::Result<Summary> {
    // The personas (the trainers' stories) are the first persons; there must be room for them.
    anyhow::ensure!(
        (PERSONEN_MIN..=PERSONEN_MAX).contains(&opts.personen),
        "het aantal personen moet tussen {PERSONEN_MIN} en {PERSONEN_MAX} liggen (gevraagd: {})",
        opts.personen
    );
    anyhow::ensure!(
        opts.days <= DAGEN_MAX,
        "het aantal dagen geschiedenis mag hoogstens {DAGEN_MAX} zijn (gevraagd: {})",
        opts.days
    );
    // --force replaces a database file, never a device, a pipe or a folder (as root,
    // `--db /dev/null --force` replaced the system's /dev/null with a file).
    if let Ok(meta) = std::fs::symlink_metadata(path)
        && !meta.is_file()
    {
        bail!(
            "{} is geen gewoon bestand (een map, apparaat, pipe of koppeling); kies een ander pad",
            path.display()
        );
    }
    if path.exists() && !force {
        bail!(
            "{} bestaat al; gebruik --force om het te overschrijven",
            path.display()
        );
    }
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
    {
        crate::bestand::maak_map(dir)
            .with_context(|| format!("kan map {} niet aanmaken", dir.display()))?;
    }
    let tmp = sibling(path, ".tmp");
    remove_db_files(&tmp)?;
    let desk = demo_desk_id(opts.seed);
    let summary = {
        let mut store = Store::open(&tmp, desk)?;
        let conn = store.conn_mut();
        // A half-written demo file is simply made again: no need to sync every page.
        conn.pragma_update(None, "synchronous", "OFF")?;
        let tx = conn.transaction()?;
        let summary = Generator::new(opts, desk).run(&tx)?;
        tx.commit()?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA optimize;")?;
        summary
    };
    if force {
        remove_db_files(path)?;
    }
    std::fs::rename(&tmp, path).with_context(|| {
        format!(
            "kan {} niet naar {} verplaatsen",
            tmp.display(),
            path.display()
        )
    })?;
    Ok(summary)
}

fn remove_db_files(path: &Path) -> anyhow::Result<()> {
    for p in [
        path.to_path_buf(),
        sibling(path, "-wal"),
        sibling(path, "-shm"),
    ] {
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(e).with_context(|| format!("kan {} niet verwijderen", p.display()));
            }
        }
    }
    Ok(())
}

/// Pick one of `items` uniformly.
fn pick<'b, T>(rng: &mut ChaCha8Rng, items: &'b [T]) -> &'b T {
    &items[rng.random_range(0..items.len())]
}

/// Pick an index with probability proportional to `weights`.
fn weighted(rng: &mut ChaCha8Rng, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    let mut x = rng.random_range(0..total);
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

struct Generator<'a> {
    opts: &'a DemoOptions,
    desk: String,
    rng: ChaCha8Rng,
    src: Sources,
    sluiting: werkdagen::Sluitingsdagen,
}

/// Local wall-clock time on `date` at `minutes` after midnight, as UTC.
fn local_at(date: NaiveDate, minutes: u32) -> DateTime<Utc> {
    let naive = NaiveDateTime::new(
        date,
        NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0).expect("valid time"),
    );
    Local
        .from_local_datetime(&naive)
        .earliest()
        .unwrap_or_else(|| Local.from_utc_datetime(&naive))
        .with_timezone(&Utc)
}

impl<'a> Generator<'a> {
    fn new(opts: &'a DemoOptions, desk: Uuid) -> Self {
        Generator {
            opts,
            desk: desk.to_string(),
            rng: ChaCha8Rng::seed_from_u64(opts.seed),
            src: Sources::load(),
            sluiting: werkdagen::Sluitingsdagen::default(),
        }
    }

    /// A UUID v7 for a record created at `at`, drawn from the seeded generator.
    fn id(&mut self, at: DateTime<Utc>) -> Uuid {
        let random: [u8; 10] = self.rng.random();
        uuid::Builder::from_unix_timestamp_millis(at.timestamp_millis() as u64, &random).into_uuid()
    }

    /// Generate the whole dataset. The phases run in this order, each drawing from the one seeded
    /// generator, so the same seed and reference date always give the same database: reorder
    /// nothing here (or inside a phase) without accepting a different dataset.
    fn run(mut self, tx: &Transaction) -> anyhow::Result<Summary> {
        let mut summary = Summary::default();
        let epoch = local_at(self.opts.today - Duration::days(400), 8 * 60);
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('gemeente', ?1), ('demo_seed', ?2), ('demo_datum', ?3)",
            params![
                self.src.gemeente,
                self.opts.seed.to_string(),
                self.opts.today.to_string()
            ],
        )?;
        let gemeente = self.gemeente(tx, epoch, &mut summary)?;
        let klanten = self.klanten(tx, epoch)?;
        summary.personen = klanten.personen.len();
        summary.organisaties = klanten.organisaties.len();
        let zaaktype_ids = self.zaaktypen(tx, epoch, &gemeente)?;
        let zaken_van = self.zaken(tx, &zaaktype_ids, &gemeente, &klanten, &mut summary)?;
        self.contactmomenten(tx, &gemeente, &klanten, &zaken_van, &mut summary)?;
        let bezetting = Bezetting::new(&gemeente, self.opts.today);
        self.afspraken(tx, &bezetting, &klanten.personen, &mut summary)?;
        self.diensten(tx)?;
        self.plekken(tx, &bezetting)?;
        Ok(summary)
    }
}

/// A small demo database for tests (50 persons): `days` of history up to `today`, afspraken
/// for the four weeks after.
#[cfg(test)]
pub fn klein(pad: &Path, seed: u64, days: u32, today: NaiveDate) {
    generate(
        pad,
        &DemoOptions {
            seed,
            days,
            today,
            personen: 50,
        },
        false,
    )
    .unwrap();
}

#[cfg(test)]
mod tests {
    use super::klanten::postcode_letters;

    #[test]
    fn postcode_letters_avoid_forbidden_pairs() {
        for n in 0..676 {
            let l = postcode_letters(n);
            assert_eq!(l.len(), 2);
            assert!(!matches!(l.as_str(), "SA" | "SD" | "SS"), "{l}");
        }
    }
}

#[cfg(test)]
mod grenzen {
    use super::*;

    #[test]
    fn too_few_or_too_many_persons_are_refused_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        for personen in [0, 1, PERSONEN_MIN - 1, PERSONEN_MAX + 1] {
            let opts = DemoOptions {
                personen,
                days: 1,
                ..DemoOptions::default()
            };
            let err = generate(&dir.path().join("d.db"), &opts, false).unwrap_err();
            assert!(err.to_string().contains("aantal personen"), "{err}");
        }
    }
}
