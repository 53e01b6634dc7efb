//! The gemeente's own organisation: afdelingen, medewerkers (with roles and presence) and groepen.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::{Transaction, params};
use uuid::Uuid;

use super::{Generator, Summary, pick, weighted};
use crate::store::ts;

/// The afdelingen and their medewerkers, as the later phases look them up.
pub(super) struct Gemeente {
    afdelingen: Vec<(String, Uuid)>,
    /// Per afdeling (in the order of the source list, the KCC first): its medewerkers.
    medewerkers: Vec<(Uuid, Vec<Uuid>)>,
}

impl Gemeente {
    /// The id of the afdeling called `naam` (the source lists name them).
    pub(super) fn afdeling_id(&self, naam: &str) -> Uuid {
        self.afdelingen
            .iter()
            .find(|(n, _)| n == naam)
            .map(|(_, id)| *id)
            .unwrap_or_else(|| panic!("unknown afdeling {naam} in bronnen.toml"))
    }

    /// The medewerkers of afdeling `afd` (none for an unknown one).
    pub(super) fn staff_of(&self, afd: Uuid) -> Vec<Uuid> {
        self.medewerkers
            .iter()
            .find(|(a, _)| *a == afd)
            .map(|(_, ids)| ids.clone())
            .unwrap_or_default()
    }

    /// The KCC's medewerkers (the first afdeling): they take the contacts.
    pub(super) fn kcc(&self) -> Vec<Uuid> {
        self.medewerkers[0].1.clone()
    }
}

impl Generator<'_> {
    /// Afdelingen, then medewerkers, then groepen.
    pub(super) fn gemeente(
        &mut self,
        tx: &Transaction,
        epoch: DateTime<Utc>,
        summary: &mut Summary,
    ) -> anyhow::Result<Gemeente> {
        let mut gemeente = Gemeente {
            afdelingen: self.afdelingen(tx, epoch)?,
            medewerkers: Vec::new(),
        };
        gemeente.medewerkers = self.medewerkers(tx, epoch, &gemeente, summary)?;
        self.groepen(tx, epoch, &gemeente)?;
        Ok(gemeente)
    }

    fn afdelingen(
        &mut self,
        tx: &Transaction,
        epoch: DateTime<Utc>,
    ) -> anyhow::Result<Vec<(String, Uuid)>> {
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
        Ok(afdelingen)
    }

    /// Medewerkers: per afdeling, with presence. Two teamleiders (supervisor) and two trainers in
    /// the KCC.
    fn medewerkers(
        &mut self,
        tx: &Transaction,
        epoch: DateTime<Utc>,
        gemeente: &Gemeente,
        summary: &mut Summary,
    ) -> anyhow::Result<Vec<(Uuid, Vec<Uuid>)>> {
        let mut medewerkers_per_afdeling: Vec<(Uuid, Vec<Uuid>)> = Vec::new();
        let mut used_names = HashSet::new();
        let mut kcc_index = 0;
        // Every demo medewerker can sign in with the password `demo`. The password is public, so
        // one hash serves them all (argon2 is slow by design: one per person would cost seconds
        // for every demo database), salted with the demo desk id so a seed gives one database.
        let zout = self
            .desk
            .parse::<Uuid>()
            .map(|u| *u.as_bytes())
            .unwrap_or([0; 16]);
        let demo_hash = crate::identiteit::aanmelden::hash_met_zout(
            crate::identiteit::aanmelden::DEMO_WACHTWOORD,
            &zout,
        );
        let mut logins = HashSet::new();
        for (afdeling, functie, aantal) in self.src.medewerkers.clone() {
            let afd = gemeente.afdeling_id(&afdeling);
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
                let login = demo_login(&naam, &mut logins);
                tx.execute(
                    "INSERT INTO lokaal_account (login, medewerker_id, naam, rol, afdeling, wachtwoord_hash, toegevoegd_op, gewijzigd_op)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                    params![login, id.to_string(), naam, rol, afdeling, demo_hash, ts(epoch)],
                )?;
                if !summary.logins.iter().any(|(_, r)| r == rol) {
                    summary.logins.push((login, rol.to_string()));
                }
                ids.push(id);
            }
            summary.medewerkers += ids.len();
            medewerkers_per_afdeling.push((afd, ids));
        }
        Ok(medewerkers_per_afdeling)
    }

    /// Groepen (teams). Their ids come from a generator of their own, so adding them left the
    /// rest of the dataset as it was for a seed.
    fn groepen(
        &mut self,
        tx: &Transaction,
        epoch: DateTime<Utc>,
        gemeente: &Gemeente,
    ) -> anyhow::Result<()> {
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
                    gemeente.afdeling_id(&afdeling).to_string()
                ],
            )?;
        }
        Ok(())
    }
}

/// A demo medewerker's login: the first letter of the first name, a dot and the rest of the
/// name in plain lowercase letters ("Sietske van der Meer" → s.vandermeer), numbered when taken.
fn demo_login(naam: &str, genomen: &mut HashSet<String>) -> String {
    let plat = deunicode::deunicode(naam).to_lowercase();
    let mut woorden = plat.split_whitespace();
    let eerste = woorden
        .next()
        .and_then(|w| w.chars().find(|c| c.is_ascii_lowercase()))
        .unwrap_or('m');
    let rest: String = woorden
        .flat_map(|w| w.chars())
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        .take(40)
        .collect();
    let basis = format!("{eerste}.{rest}");
    let mut login = basis.clone();
    let mut n = 1;
    while !genomen.insert(login.clone()) {
        n += 1;
        login = format!("{basis}{n}");
    }
    login
}
