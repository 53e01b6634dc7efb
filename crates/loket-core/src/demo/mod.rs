//! The trainers' demo dataset: a deterministic generator for the fictitious Gemeente Lindewaard.
//! The same seed and reference date always give the same database.
//!
//! The generated data stands for the shared truth a desk downloads, so it is bulk-loaded without
//! outbox entries (downloaded changes never enter the outbox).

pub mod sources;

use std::collections::HashSet;
use std::path::Path;

use anyhow::{Context, bail};
use chrono::{
    DateTime, Datelike, Duration, Local, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc,
    Weekday,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::{Transaction, params};
use uuid::Uuid;

use crate::domain::{bsn, werkdagen};
use crate::store::{Store, sibling, ts};
use sources::Sources;

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
    if path.exists() && !force {
        bail!(
            "{} bestaat al; gebruik --force om het te overschrijven",
            path.display()
        );
    }
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)
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

/// Test BSNs handed out at most (of the ~9,090 valid numbers starting 9999).
const MAX_TEST_BSNS: usize = 8000;

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

struct Persoon {
    id: Uuid,
    telefoon: Option<String>,
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

        // Afdelingen.
        let mut afdelingen: Vec<(String, Uuid)> = Vec::new();
        for (naam, tel) in self.src.afdelingen.clone() {
            let id = self.id(epoch);
            tx.execute(
                "INSERT INTO afdeling (id, created_at, updated_at, desk_id, naam, telefoon)
                 VALUES (?1, ?2, ?2, ?3, ?4, ?5)",
                params![id.to_string(), ts(epoch), self.desk, naam, tel],
            )?;
            afdelingen.push((naam, id));
        }
        let afdeling_id = |naam: &str| -> Uuid {
            afdelingen
                .iter()
                .find(|(n, _)| n == naam)
                .map(|(_, id)| *id)
                .unwrap_or_else(|| panic!("unknown afdeling {naam} in bronnen.toml"))
        };

        // Medewerkers: per afdeling, with presence. Two teamleiders (supervisor) and two trainers in the KCC.
        let mut medewerkers_per_afdeling: Vec<(Uuid, Vec<Uuid>)> = Vec::new();
        let mut used_names = HashSet::new();
        let mut kcc_index = 0;
        for (afdeling, functie, aantal) in self.src.medewerkers.clone() {
            let afd = afdeling_id(&afdeling);
            let mut ids = Vec::new();
            for _ in 0..aantal {
                let naam = loop {
                    let v = pick(&mut self.rng, &self.src.voornamen).clone();
                    let a = pick(&mut self.rng, &self.src.achternamen).clone();
                    let n = format!("{v} {a}");
                    if used_names.insert(n.clone()) {
                        break n;
                    }
                };
                let (rol, functie) = if afdeling.contains("KCC") {
                    kcc_index += 1;
                    match kcc_index {
                        1 | 2 => ("supervisor", "teamleider dienstverlening".to_string()),
                        3 | 4 => ("trainer", "trainer / kwaliteitsmedewerker".to_string()),
                        _ => ("medewerker", functie.clone()),
                    }
                } else {
                    ("medewerker", functie.clone())
                };
                let aanwezigheid = [
                    "beschikbaar",
                    "in_gesprek",
                    "afwezig",
                    "thuiswerk",
                    "ziek",
                    "verlof",
                ][weighted(&mut self.rng, &[45, 20, 10, 15, 4, 6])];
                let id = self.id(epoch);
                let tel = format!(
                    "0583 20 {:02} {:02}",
                    self.rng.random_range(10..99),
                    self.rng.random_range(10..99)
                );
                tx.execute(
                    "INSERT INTO medewerker (id, created_at, updated_at, desk_id, naam, rol, functie, afdeling_id, aanwezigheid, telefoon)
                     VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    params![id.to_string(), ts(epoch), self.desk, naam, rol, functie, afd.to_string(), aanwezigheid, tel],
                )?;
                ids.push(id);
            }
            summary.medewerkers += ids.len();
            medewerkers_per_afdeling.push((afd, ids));
        }
        let kcc = medewerkers_per_afdeling[0].1.clone();
        let staff_of = |afd: Uuid| -> Vec<Uuid> {
            medewerkers_per_afdeling
                .iter()
                .find(|(a, _)| *a == afd)
                .map(|(_, ids)| ids.clone())
                .unwrap_or_default()
        };

        // Groepen (teams). Their ids come from a generator of their own, so adding them left the
        // rest of the dataset as it was for a seed.
        let mut groep_rng = ChaCha8Rng::seed_from_u64(self.opts.seed ^ 0x0067_726f_6570);
        for (naam, afdeling) in self.src.groepen.clone() {
            let random: [u8; 10] = groep_rng.random();
            let id =
                uuid::Builder::from_unix_timestamp_millis(epoch.timestamp_millis() as u64, &random)
                    .into_uuid();
            tx.execute(
                "INSERT INTO groep (id, created_at, updated_at, desk_id, naam, afdeling_id)
                 VALUES (?1, ?2, ?2, ?3, ?4, ?5)",
                params![
                    id.to_string(),
                    ts(epoch),
                    self.desk,
                    naam,
                    afdeling_id(&afdeling).to_string()
                ],
            )?;
        }

        // Personen (the personas first) and organisaties.
        let mut personen: Vec<Persoon> = Vec::new();
        let mut organisaties: Vec<Persoon> = Vec::new();
        let mut bsns = HashSet::new();
        let mut adressen = HashSet::new();
        {
            let mut ins_partij = tx.prepare(
                "INSERT INTO partij (id, created_at, updated_at, desk_id, soort_partij, voornamen, voorvoegsel_achternaam,
                   achternaam, geboortedatum, statutaire_naam, bsn, kvk_nummer, vestigingsnummer, straatnaam, huisnummer,
                   huisnummertoevoeging, postcode, woonplaats, voorkeurskanaal, indicatie_geheimhouding, zoeknaam)
                 VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
            )?;
            let mut ins_adres = tx.prepare(
                "INSERT INTO digitaal_adres (id, created_at, updated_at, desk_id, partij_id, soort_digitaal_adres, adres)
                 VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let personas = self.src.persona.clone();
            for i in 0..self.opts.personen as usize {
                let (voornaam, voorvoegsel, achternaam) = if let Some(p) = personas.get(i) {
                    p.clone()
                } else {
                    let v = pick(&mut self.rng, &self.src.voornamen).clone();
                    let (vv, a) = sources::split_achternaam(
                        pick(&mut self.rng, &self.src.achternamen).as_str(),
                    );
                    (v, vv, a)
                };
                let bsn = (bsns.len() < MAX_TEST_BSNS).then(|| {
                    loop {
                        let first8 = format!("9999{:04}", self.rng.random_range(0..10_000));
                        if let Some(d) = bsn::check_digit(&first8) {
                            let n = format!("{first8}{d}");
                            if bsns.insert(n.clone()) {
                                break n;
                            }
                        }
                    }
                });
                let geboren = NaiveDate::from_ymd_opt(1935, 1, 1).expect("date")
                    + Duration::days(self.rng.random_range(0..(365 * 72)));
                let (straat, nr, toev, postcode) = self.adres(&mut adressen);
                let id = self.id(epoch);
                let heeft_tel = self.rng.random_bool(0.9);
                let heeft_mail = self.rng.random_bool(0.7);
                let tel = heeft_tel
                    .then(|| format!("06{:08}", self.rng.random_range(10_000_000..99_999_999)));
                let mail = heeft_mail.then(|| {
                    let local: String = format!("{}.{}", voornaam, achternaam)
                        .to_lowercase()
                        .chars()
                        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
                        .collect();
                    format!("{local}{}@voorbeeld.nl", self.rng.random_range(1..99))
                });
                let voorkeur = match (&tel, &mail) {
                    (Some(_), Some(_)) => {
                        ["telefoon", "email", "post"][weighted(&mut self.rng, &[5, 4, 1])]
                    }
                    (Some(_), None) => "telefoon",
                    (None, Some(_)) => "email",
                    (None, None) => "post",
                };
                let geheim = self.rng.random_bool(0.02);
                let zoeknaam = sources::zoeknaam(&achternaam);
                ins_partij.execute(params![
                    id.to_string(),
                    ts(epoch),
                    self.desk,
                    "persoon",
                    voornaam,
                    none_if_empty(&voorvoegsel),
                    achternaam,
                    geboren.to_string(),
                    None::<String>,
                    bsn,
                    None::<String>,
                    None::<String>,
                    straat,
                    nr,
                    toev,
                    postcode,
                    self.src.woonplaats,
                    voorkeur,
                    geheim,
                    zoeknaam
                ])?;
                self.digitale_adressen(
                    &mut ins_adres,
                    id,
                    epoch,
                    [tel.as_deref(), mail.as_deref()],
                )?;
                personen.push(Persoon { id, telefoon: tel });
            }
            let mut kvks = HashSet::new();
            for _ in 0..200 {
                let soort = pick(&mut self.rng, &self.src.bedrijf_soort).clone();
                let (_, achternaam) =
                    sources::split_achternaam(pick(&mut self.rng, &self.src.achternamen).as_str());
                let vorm = pick(&mut self.rng, &self.src.bedrijf_vorm).clone();
                let naam = format!("{soort} {achternaam}{vorm}");
                let kvk = loop {
                    let k = format!("{:08}", self.rng.random_range(60_000_000..69_999_999));
                    if kvks.insert(k.clone()) {
                        break k;
                    }
                };
                let vestiging = format!(
                    "{:012}",
                    self.rng.random_range(1_000_000_000u64..99_999_999_999)
                );
                let (straat, nr, toev, postcode) = self.adres(&mut adressen);
                let id = self.id(epoch);
                let tel = format!("0583{:06}", self.rng.random_range(100_000..999_999));
                let mail = format!(
                    "info@{}.nl",
                    naam.to_lowercase()
                        .chars()
                        .filter(|c| c.is_ascii_alphanumeric())
                        .collect::<String>()
                );
                ins_partij.execute(params![
                    id.to_string(),
                    ts(epoch),
                    self.desk,
                    "organisatie",
                    None::<String>,
                    None::<String>,
                    None::<String>,
                    None::<String>,
                    naam,
                    None::<String>,
                    kvk,
                    vestiging,
                    straat,
                    nr,
                    toev,
                    postcode,
                    self.src.woonplaats,
                    "email",
                    false,
                    sources::zoeknaam(&naam)
                ])?;
                self.digitale_adressen(&mut ins_adres, id, epoch, [Some(&tel), Some(&mail)])?;
                organisaties.push(Persoon {
                    id,
                    telefoon: Some(tel),
                });
            }
        }
        summary.personen = personen.len();
        summary.organisaties = organisaties.len();

        // Zaaktypen and zaken with status histories.
        let zaaktypen = self.src.zaaktypen.clone();
        let mut zaaktype_ids = Vec::new();
        for zt in &zaaktypen {
            let id = self.id(epoch);
            tx.execute(
                "INSERT INTO zaaktype (id, created_at, updated_at, desk_id, identificatie, omschrijving, afdeling_id, knip,
                   doorlooptijd_dagen, vertrouwelijkheidaanduiding)
                 VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![id.to_string(), ts(epoch), self.desk, zt.0, zt.1, afdeling_id(&zt.2).to_string(), zt.3, zt.4, zt.5],
            )?;
            zaaktype_ids.push(id);
        }
        let weights: Vec<u32> = zaaktypen.iter().map(|z| z.6).collect();
        let mut zaak_starts: Vec<(NaiveDate, usize)> = (0..5000)
            .map(|_| {
                // More recent zaken are more common; the oldest are a year back.
                let back = (self.rng.random::<f64>().powf(1.6) * 365.0) as i64;
                let zt = weighted(&mut self.rng, &weights);
                (self.opts.today - Duration::days(back + 1), zt)
            })
            .collect();
        zaak_starts.sort();
        let mut zaken_van: Vec<Vec<(Uuid, NaiveDate)>> =
            vec![Vec::new(); personen.len() + organisaties.len()];
        {
            let mut ins_zaak = tx.prepare(
                "INSERT INTO zaak (id, created_at, updated_at, desk_id, identificatie, zaaktype_id, omschrijving, startdatum,
                   einddatum_gepland, uiterlijke_einddatum_afdoening, einddatum, vertrouwelijkheidaanduiding,
                   initiator_partij_id, behandelaar_medewerker_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?;
            let mut ins_status = tx.prepare(
                "INSERT INTO zaak_status (id, created_at, updated_at, desk_id, zaak_id, statustype, datum_status_gezet, statustoelichting)
                 VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?2, ?6)",
            )?;
            let mut seq_year = (0, 0u32);
            for (start, zt_index) in zaak_starts {
                let zt = &zaaktypen[zt_index];
                if seq_year.0 != start.year() {
                    seq_year = (start.year(), 0);
                }
                seq_year.1 += 1;
                let identificatie = format!("ZAAK-{}-{:07}", start.year(), 1000 + seq_year.1 * 3);
                let (partij_index, partij) = if zt.7 == "organisatie" {
                    let i = self.rng.random_range(0..organisaties.len());
                    (personen.len() + i, organisaties[i].id)
                } else if self.rng.random_bool(0.005) {
                    // The personas get a few zaken each, so trainers have stories to tell.
                    let i = self.rng.random_range(0..self.src.persona.len());
                    (i, personen[i].id)
                } else {
                    let i = self.rng.random_range(0..personen.len());
                    (i, personen[i].id)
                };
                let staff = staff_of(afdeling_id(&zt.2));
                let behandelaar = *pick(&mut self.rng, &staff);
                let doorloop = zt.4 as i64;
                let gepland = start + Duration::days(doorloop);
                let uiterlijk = start + Duration::days(doorloop + doorloop / 2);
                // How long this zaak really takes: most on time, some late.
                let factor = if self.rng.random_bool(0.12) {
                    1.6
                } else {
                    0.5 + self.rng.random::<f64>() * 0.5
                };
                let real = ((doorloop as f64) * factor).max(1.0) as i64;
                let steps = [
                    ("ontvangen", 0, "Aanvraag ontvangen."),
                    (
                        "in behandeling",
                        (real / 5).max(1),
                        "In behandeling genomen door de vakafdeling.",
                    ),
                    (
                        "besluit genomen",
                        (real * 4 / 5).max(1),
                        "Besluit genomen; de klant ontvangt bericht.",
                    ),
                    ("afgehandeld", real, "Zaak afgehandeld."),
                ];
                let created = local_at(start, 9 * 60 + self.rng.random_range(0..8 * 60));
                let id = self.id(created);
                let mut last = created;
                let mut einddatum = None;
                let mut statussen = Vec::new();
                for (status, offset, toelichting) in steps {
                    let day = start + Duration::days(offset);
                    if day >= self.opts.today {
                        break;
                    }
                    let at = if offset == 0 {
                        created
                    } else {
                        local_at(day, 9 * 60 + self.rng.random_range(0..8 * 60))
                    };
                    last = at;
                    if status == "afgehandeld" {
                        einddatum = Some(day.to_string());
                    }
                    statussen.push((status, at, toelichting));
                }
                ins_zaak.execute(params![
                    id.to_string(),
                    ts(created),
                    ts(last),
                    self.desk,
                    identificatie,
                    zaaktype_ids[zt_index].to_string(),
                    format!(
                        "{}, ingediend {}",
                        zt.1,
                        ["aan de balie", "via het e-loket", "per post"]
                            [weighted(&mut self.rng, &[3, 6, 1])]
                    ),
                    start.to_string(),
                    gepland.to_string(),
                    uiterlijk.to_string(),
                    einddatum,
                    zt.5,
                    partij.to_string(),
                    behandelaar.to_string()
                ])?;
                for (status, at, toelichting) in statussen {
                    let sid = self.id(at);
                    ins_status.execute(params![
                        sid.to_string(),
                        ts(at),
                        self.desk,
                        id.to_string(),
                        status,
                        toelichting
                    ])?;
                }
                zaken_van[partij_index].push((id, start));
                summary.zaken += 1;
            }
        }

        // Contact history: about 300 contactmomenten per werkdag over the last `days` days.
        let onderwerpen = self.src.onderwerpen.clone();
        let ow_weights: Vec<u32> = onderwerpen.iter().map(|o| o.2).collect();
        let kanalen = self.src.kanalen.clone();
        let kanaal_weights: Vec<u32> = kanalen.iter().map(|k| k.1).collect();
        let afhandelingen = self.src.afhandelingen.clone();
        let afh_weights: Vec<u32> = afhandelingen.iter().map(|a| a.1).collect();
        // Share of the day's contacts per half hour from 08:30 to 17:00: a morning peak.
        let halfuur_weights: [u32; 17] = [6, 9, 11, 11, 10, 9, 7, 6, 6, 7, 7, 6, 5, 4, 4, 3, 2];
        // A callback is processed before the reference date begins: the demo never reads the wall
        // clock, so the same seed and date give the same database at any hour.
        let vandaag_begin = local_at(self.opts.today, 0);
        {
            let mut ins_cm = tx.prepare(
                "INSERT INTO contactmoment (id, created_at, updated_at, desk_id, plaatsgevonden_op, kanaal, onderwerp, inhoud,
                   afhandeling, partij_id, zaak_id, medewerker_id, duur_seconden, nawerk_seconden, eerstelijns_afgehandeld,
                   gesprek_id, ontvangen_op, afdeling_id)
                 VALUES (?1, ?2, ?2, ?3, ?2, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,
                         ?7 IN ('afgehandeld', 'afspraak gemaakt'), ?13, ?14, ?15)",
            )?;
            // The telephone's own records of those calls (queue, answer, transfers), plus the
            // callers who hung up while waiting; and the counter's tickets of the balie contacts.
            let mut ins_gesprek = tx.prepare(
                "INSERT INTO gesprek (id, created_at, updated_at, desk_id, extern_id, nummer, keuze, terugval,
                   binnen_op, aangeboden_op, aangenomen_op, beeindigd_op, verlaten_op, medewerker_id, doorverbindingen)
                 VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?2, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?;
            let mut ins_bezoek = tx.prepare(
                "INSERT INTO bezoek (id, created_at, updated_at, desk_id, dag, locatie, nummer, volgnummer, dienst,
                   partij_id, aangekomen_op, opgeroepen_op, oproepen, balie, geholpen_op, klaar_op, status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?2, ?11, 1, ?12, ?11, ?3, 'klaar')",
            )?;
            let locatie = crate::config::standaard_locatie();
            let keuze_van = |afdeling: &str| match afdeling {
                "Burgerzaken" => "Burgerzaken",
                "Openbare Ruimte" => "Afval en openbare ruimte",
                "Belastingen" => "Belastingen",
                "Bouwen & Wonen" | "Vergunningen/APV" => "Bouwen en wonen",
                _ => "Overige vragen",
            };
            let mut ins_cv = tx.prepare(
                "INSERT INTO contactverzoek (id, created_at, updated_at, desk_id, contactmoment_id, partij_id, toelichting,
                   terugbelnummer, afdeling_id, status, uiterlijk_op, verwerkt_op)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?;
            let first = self.opts.today - Duration::days(i64::from(self.opts.days));
            let mut day = first;
            while day < self.opts.today {
                if !werkdagen::is_werkdag(day, &self.sluiting) {
                    day += Duration::days(1);
                    continue;
                }
                let weekday_factor = match day.weekday() {
                    Weekday::Mon => 1.2,
                    Weekday::Tue => 1.05,
                    Weekday::Wed => 1.0,
                    Weekday::Thu => 0.95,
                    _ => 0.8,
                };
                let n = (300.0 * weekday_factor * (0.9 + self.rng.random::<f64>() * 0.2)) as usize;
                let mut times: Vec<u32> = (0..n)
                    .map(|_| {
                        8 * 60
                            + 30
                            + weighted(&mut self.rng, &halfuur_weights) as u32 * 30
                            + self.rng.random_range(0..30)
                    })
                    .collect();
                times.sort_unstable();
                let mut volgnummers: std::collections::HashMap<&str, u32> = Default::default();
                for minute in times {
                    // How busy this half hour is (1.0 at the morning peak): waits grow with it.
                    let drukte = f64::from(
                        halfuur_weights
                            [((minute.saturating_sub(8 * 60 + 30)) / 30).min(16) as usize],
                    ) / 11.0;
                    let at =
                        local_at(day, minute) + Duration::seconds(self.rng.random_range(0..60));
                    let kanaal = kanalen[weighted(&mut self.rng, &kanaal_weights)].0.as_str();
                    let ow = &onderwerpen[weighted(&mut self.rng, &ow_weights)];
                    let afhandeling = afhandelingen[weighted(&mut self.rng, &afh_weights)]
                        .0
                        .as_str();
                    let (partij_index, partij) = if self.rng.random_bool(0.65) {
                        if self.rng.random_bool(0.08) {
                            let i = self.rng.random_range(0..organisaties.len());
                            (Some(personen.len() + i), Some(&organisaties[i]))
                        } else {
                            let i = self.rng.random_range(0..personen.len());
                            (Some(i), Some(&personen[i]))
                        }
                    } else {
                        (None, None)
                    };
                    let zaak = match partij_index {
                        Some(i) if ow.0 == "Status zaak" || self.rng.random_bool(0.1) => {
                            // Only a zaak that existed on the day of the contact.
                            let z: Vec<Uuid> = zaken_van[i]
                                .iter()
                                .filter(|(_, start)| *start <= day)
                                .map(|(id, _)| *id)
                                .collect();
                            (!z.is_empty()).then(|| z[self.rng.random_range(0..z.len())])
                        }
                        _ => None,
                    };
                    let (duur, nawerk) = match kanaal {
                        "telefoon" => (
                            self.rng.random_range(45..240) + self.rng.random_range(0..240),
                            self.rng.random_range(20..110),
                        ),
                        "balie" => (
                            self.rng.random_range(120..420) + self.rng.random_range(0..360),
                            self.rng.random_range(20..150),
                        ),
                        _ => (
                            self.rng.random_range(90..400),
                            self.rng.random_range(10..90),
                        ),
                    };
                    let id = self.id(at);
                    let medewerker = *pick(&mut self.rng, &kcc);
                    let nummer = partij.and_then(|p| p.telefoon.clone()).unwrap_or_else(|| {
                        format!("06{:08}", self.rng.random_range(10_000_000..99_999_999))
                    });
                    let mut gesprek_id = None;
                    let mut ontvangen_op = None;
                    match kanaal {
                        "telefoon" => {
                            // Waiting time: exponential, its mean growing with the drukte.
                            let gemiddeld = 8.0 + 25.0 * drukte * drukte;
                            let wacht = (-gemiddeld * (1.0 - self.rng.random::<f64>()).ln())
                                .min(600.0) as i64;
                            let binnen = at - Duration::seconds(wacht);
                            let mut door = Vec::new();
                            if afhandeling == "doorverbonden" {
                                if self.rng.random_bool(0.15) {
                                    door.push(serde_json::json!({
                                        "naar": ow.1, "gelukt": false,
                                        "seconden": self.rng.random_range(20..35)
                                    }));
                                }
                                door.push(serde_json::json!({
                                    "naar": ow.1, "gelukt": true,
                                    "seconden": self.rng.random_range(4..40)
                                }));
                            }
                            let extern_id = format!("demo-{id}");
                            let g = crate::domain::telefonie::Gesprek::id_voor(&extern_id);
                            ins_gesprek.execute(params![
                                g.to_string(),
                                ts(binnen),
                                self.desk,
                                extern_id,
                                nummer,
                                keuze_van(&ow.1),
                                self.rng.random_bool(0.03),
                                // Offered two seconds before the answer, never before the
                                // caller joined the queue.
                                ts((at - Duration::seconds(2)).max(binnen)),
                                ts(at),
                                ts(at
                                    + Duration::seconds(
                                        self.rng.random_range(45..240)
                                            + self.rng.random_range(0..240)
                                    )),
                                None::<String>,
                                medewerker.to_string(),
                                serde_json::Value::Array(door).to_string(),
                            ])?;
                            gesprek_id = Some(g);
                            // Some callers in the same queue gave up waiting.
                            if self.rng.random_bool(0.03 + 0.07 * drukte) {
                                let binnen = at - Duration::seconds(self.rng.random_range(0..300));
                                let geduld = self.rng.random_range(8..150);
                                let extern_id = format!("demo-weg-{id}");
                                ins_gesprek.execute(params![
                                    crate::domain::telefonie::Gesprek::id_voor(&extern_id)
                                        .to_string(),
                                    ts(binnen),
                                    self.desk,
                                    extern_id,
                                    format!(
                                        "06{:08}",
                                        self.rng.random_range(10_000_000..99_999_999)
                                    ),
                                    keuze_van(&ow.1),
                                    false,
                                    None::<String>,
                                    None::<String>,
                                    None::<String>,
                                    ts(binnen + Duration::seconds(geduld)),
                                    None::<String>,
                                    "[]",
                                ])?;
                            }
                        }
                        "balie" => {
                            // A walk-in ticket for the snelbalie's dienst, called after a wait.
                            let (dienst, prefix) = match ow.0.as_str() {
                                "Paspoort en ID-kaart" | "Rijbewijs" => {
                                    ("Ophalen reisdocument of rijbewijs", "S")
                                }
                                "Uittreksel BRP" => ("Uittreksel en verklaringen", "U"),
                                _ => ("Informatie en overige vragen", "I"),
                            };
                            let n = volgnummers.entry(prefix).or_default();
                            *n += 1;
                            let minuten = (-(3.0 + 9.0 * drukte)
                                * (1.0 - self.rng.random::<f64>()).ln())
                            .min(60.0);
                            let aangekomen = at - Duration::seconds((minuten * 60.0) as i64);
                            ins_bezoek.execute(params![
                                self.id(aangekomen).to_string(),
                                ts(aangekomen),
                                ts(at + Duration::minutes(8)),
                                self.desk,
                                day.to_string(),
                                locatie,
                                format!("{prefix}{:03}", *n),
                                *n,
                                dienst,
                                partij.map(|p| p.id.to_string()),
                                ts(at),
                                format!("Snelbalie {}", self.rng.random_range(1..4)),
                            ])?;
                        }
                        "email" | "post" | "social_media" => {
                            // Answered on the day it came in or a few werkdagen later.
                            let terug =
                                [0, 0, 0, 1, 1, 1, 2, 2, 3, 4][self.rng.random_range(0..10)];
                            ontvangen_op =
                                Some(werkdagen::min_werkdagen(day, terug, &self.sluiting));
                        }
                        _ => {}
                    }
                    ins_cm.execute(params![
                        id.to_string(),
                        ts(at),
                        self.desk,
                        kanaal,
                        ow.0,
                        ow.3,
                        afhandeling,
                        partij.map(|p| p.id.to_string()),
                        zaak.map(|z| z.to_string()),
                        medewerker.to_string(),
                        duur,
                        nawerk,
                        gesprek_id.map(|g| g.to_string()),
                        ontvangen_op.map(|d| d.to_string()),
                        afdeling_id(&ow.1).to_string()
                    ])?;
                    summary.contactmomenten += 1;
                    if afhandeling == "terugbelverzoek" {
                        let deadline_day =
                            werkdagen::plus_werkdagen(day + Duration::days(1), 0, &self.sluiting);
                        let uiterlijk = local_at(deadline_day, 17 * 60);
                        let werkdagen_oud =
                            werkdagen::werkdagen_tussen(day, self.opts.today, &self.sluiting);
                        // Most are answered within the norm; recent ones are still open, a few old ones forgotten.
                        let open = werkdagen_oud <= 1
                            || (werkdagen_oud <= 4 && self.rng.random_bool(0.15));
                        let verwerkt = (!open).then(|| {
                            let hours = if self.rng.random_bool(0.9) {
                                self.rng.random_range(1..24)
                            } else {
                                self.rng.random_range(24..60)
                            };
                            let verwerkt = at + Duration::hours(hours);
                            if verwerkt < vandaag_begin {
                                verwerkt
                            } else {
                                // Late that working day (or soon after the contact if later).
                                local_at(day, 17 * 60 + 30).max(at + Duration::minutes(20))
                            }
                        });
                        let cv_id = self.id(at);
                        let tel = partij.and_then(|p| p.telefoon.clone()).unwrap_or_else(|| {
                            format!("06{:08}", self.rng.random_range(10_000_000..99_999_999))
                        });
                        ins_cv.execute(params![
                            cv_id.to_string(),
                            ts(at),
                            ts(verwerkt.unwrap_or(at)),
                            self.desk,
                            id.to_string(),
                            partij.map(|p| p.id.to_string()),
                            format!("Terugbellen over {}: {}", ow.0.to_lowercase(), ow.3),
                            tel,
                            afdeling_id(&ow.1).to_string(),
                            if open { "te_verwerken" } else { "verwerkt" },
                            ts(uiterlijk),
                            verwerkt.map(ts)
                        ])?;
                        if open {
                            summary.contactverzoeken_open += 1;
                        }
                    }
                }
                day += Duration::days(1);
            }
        }

        // Afspraken for today and the next four weeks; each location has back-to-back slots,
        // so no two afspraken at one location overlap.
        let burgerzaken = staff_of(afdeling_id("Burgerzaken"));
        let belastingen = staff_of(afdeling_id("Belastingen"));
        // Each plek has its own medewerker; the one at Balie 2 is on leave from the Monday after
        // next until that Wednesday (no afspraken then, and no free slots there).
        let plek_medewerker = |li: usize, locatie: &str| {
            let staff = if locatie.starts_with("Spreekkamer 2") {
                &belastingen
            } else {
                &burgerzaken
            };
            staff[li % staff.len()]
        };
        let verlof_van = {
            let mut d = self.opts.today + Duration::days(8);
            while d.weekday() != Weekday::Mon {
                d += Duration::days(1);
            }
            d
        };
        let verlof = (verlof_van, verlof_van + Duration::days(2));
        let met_verlof = 1; // Balie 2
        {
            let mut ins = tx.prepare(
                "INSERT INTO afspraak (id, created_at, updated_at, desk_id, partij_id, product, locatie, medewerker_id,
                   begin_op, eind_op, status)
                 VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'gepland')",
            )?;
            let locaties = self.src.afspraak_locaties.clone();
            for offset in 0..28 {
                let day = self.opts.today + Duration::days(offset);
                if !werkdagen::is_werkdag(day, &self.sluiting) {
                    continue;
                }
                // Fuller in the coming days than further ahead.
                let fill = 0.85 - offset as f64 * 0.015;
                for (li, (locatie, product, duur)) in locaties.iter().enumerate() {
                    let medewerker = plek_medewerker(li, locatie);
                    if li == met_verlof && verlof.0 <= day && day <= verlof.1 {
                        continue;
                    }
                    // The plek's openingstijden (stored below): a lunch break, Thursday evening,
                    // Spreekkamer 2 closed on Friday afternoon.
                    let mut blocks = vec![(9 * 60, 12 * 60 + 30)];
                    if !(day.weekday() == Weekday::Fri && locatie == "Spreekkamer 2") {
                        blocks.push((13 * 60, 16 * 60 + 30));
                    }
                    if day.weekday() == Weekday::Thu {
                        blocks.push((18 * 60, 20 * 60)); // avondopenstelling
                    }
                    for (from, to) in blocks {
                        let mut m = from;
                        while m + duur <= to {
                            if self.rng.random_bool(fill) {
                                let begin = local_at(day, m);
                                let eind = local_at(day, m + duur);
                                // Booked one to thirty days ahead, but never after the
                                // reference date (the demo knows no future).
                                let ahead = Duration::days(self.rng.random_range(1..30));
                                let eerder = Duration::minutes(self.rng.random_range(30..4000));
                                let booked =
                                    (begin - ahead).min(local_at(self.opts.today, 0) - eerder);
                                let id = self.id(booked);
                                let p = &personen[self.rng.random_range(0..personen.len())];
                                ins.execute(params![
                                    id.to_string(),
                                    ts(booked),
                                    self.desk,
                                    p.id.to_string(),
                                    product,
                                    locatie,
                                    medewerker.to_string(),
                                    ts(begin),
                                    ts(eind)
                                ])?;
                                summary.afspraken += 1;
                            }
                            m += duur;
                        }
                    }
                }
            }
        }
        // The diensten and plekken those afspraken are for (plus the snelbalie's walk-in
        // diensten), so the desk can find free slots and book more.
        {
            let at = local_at(self.opts.today, 8 * 60);
            let mut dienst = tx.prepare(
                "INSERT INTO dienst (id, created_at, updated_at, desk_id, naam, vorm, duur_minuten, prefix, artikel)
                 VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for (naam, vorm, duur, prefix, artikel) in self.src.diensten.clone() {
                let id = self.id(at);
                dienst.execute(params![
                    id.to_string(),
                    ts(at),
                    self.desk,
                    naam,
                    vorm,
                    duur,
                    prefix,
                    (!artikel.is_empty()).then_some(artikel)
                ])?;
            }
            let mut plek = tx.prepare(
                "INSERT INTO plek (id, created_at, updated_at, desk_id, naam, soort, diensten, medewerker_id,
                   openingstijden)
                 VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            // Weekdays 9:00-12:30 and 13:00-16:30, Thursday also the evening; Spreekkamer 2
            // (belastingen) not on Friday afternoon.
            let werkdag = "09:00-12:30 13:00-16:30";
            let open = |naam: &str| {
                let vrijdag = if naam == "Spreekkamer 2" {
                    "09:00-12:30"
                } else {
                    werkdag
                };
                serde_json::json!([
                    werkdag,
                    werkdag,
                    werkdag,
                    format!("{werkdag} 18:00-20:00"),
                    vrijdag,
                    "",
                    ""
                ])
                .to_string()
            };
            let mut per_plek: Vec<(String, Vec<String>)> = Vec::new();
            for (locatie, product, _) in &self.src.afspraak_locaties {
                match per_plek.iter_mut().find(|(l, _)| l == locatie) {
                    Some((_, p)) => p.push(product.clone()),
                    None => per_plek.push((locatie.clone(), vec![product.clone()])),
                }
            }
            for (naam, diensten) in per_plek {
                let li = self
                    .src
                    .afspraak_locaties
                    .iter()
                    .position(|(l, _, _)| *l == naam)
                    .unwrap_or(0);
                let medewerker = plek_medewerker(li, &naam);
                if li == met_verlof {
                    tx.execute(
                        "INSERT INTO afwezigheid (id, created_at, updated_at, desk_id, medewerker_id, van, tot, reden)
                         VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, 'verlof')",
                        params![
                            self.id(at).to_string(),
                            ts(at),
                            self.desk,
                            medewerker.to_string(),
                            verlof.0.to_string(),
                            verlof.1.to_string()
                        ],
                    )?;
                }
                let id = self.id(at);
                let soort = if naam.starts_with("Spreekkamer") {
                    "spreekkamer"
                } else {
                    "balie"
                };
                plek.execute(params![
                    id.to_string(),
                    ts(at),
                    self.desk,
                    naam,
                    soort,
                    serde_json::to_string(&diensten).unwrap_or_else(|_| "[]".into()),
                    medewerker.to_string(),
                    open(&naam)
                ])?;
            }
        }
        Ok(summary)
    }

    /// Insert a partij's telefoonnummer and e-mail address (either may be absent).
    fn digitale_adressen(
        &mut self,
        ins: &mut rusqlite::Statement,
        partij: Uuid,
        at: DateTime<Utc>,
        [tel, mail]: [Option<&str>; 2],
    ) -> rusqlite::Result<()> {
        for (soort, adres) in [("telefoonnummer", tel), ("email", mail)] {
            if let Some(a) = adres {
                let id = self.id(at);
                ins.execute(params![
                    id.to_string(),
                    ts(at),
                    self.desk,
                    partij.to_string(),
                    soort,
                    a
                ])?;
            }
        }
        Ok(())
    }

    /// An address in Lindewaard, unique while the streets have room: (straat, huisnummer,
    /// toevoeging, postcode).
    fn adres(
        &mut self,
        used: &mut HashSet<(usize, u32, Option<String>)>,
    ) -> (String, u32, Option<String>, String) {
        // Large datasets get longer streets; after a few tries a used address is shared (a household).
        let max_nr = 180u32.max(self.opts.personen / 80);
        let mut tries = 0;
        loop {
            tries += 1;
            let si = self.rng.random_range(0..self.src.straten.len());
            let nr = self.rng.random_range(1..max_nr);
            let toev = self
                .rng
                .random_bool(0.08)
                .then(|| ["a", "b", "c", "bis"][self.rng.random_range(0..4)].to_string());
            if used.insert((si, nr, toev.clone())) || tries > 20 {
                let span = self.src.postcode_tot - self.src.postcode_van + 1;
                let cijfers = self.src.postcode_van + (si as u32 % span);
                // Letters per street and block of house numbers, avoiding the combinations PostNL does not use.
                let letters = postcode_letters(si as u32 * 7 + nr / 20);
                return (
                    self.src.straten[si].clone(),
                    nr,
                    toev,
                    format!("{cijfers} {letters}"),
                );
            }
        }
    }
}

fn none_if_empty(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

/// Two postcode letters for block number `n`, skipping SA, SD and SS.
fn postcode_letters(n: u32) -> String {
    let alphabet: Vec<char> = ('A'..='Z').collect();
    let mut k = n;
    loop {
        let a = alphabet[(k / 26 % 26) as usize];
        let b = alphabet[(k % 26) as usize];
        let pair = format!("{a}{b}");
        if !matches!(pair.as_str(), "SA" | "SD" | "SS") {
            return pair;
        }
        k += 1;
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
    use super::*;

    #[test]
    fn postcode_letters_avoid_forbidden_pairs() {
        for n in 0..676 {
            let l = postcode_letters(n);
            assert_eq!(l.len(), 2);
            assert!(!matches!(l.as_str(), "SA" | "SD" | "SS"), "{l}");
        }
    }
}
