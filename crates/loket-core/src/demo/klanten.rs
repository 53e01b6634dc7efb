//! The klanten: personen (the personas first) and organisaties, with addresses and digitale
//! adressen.

use std::collections::HashSet;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::Rng;
use rusqlite::{Statement, Transaction, params};
use uuid::Uuid;

use super::{Generator, pick, sources, weighted};
use crate::domain::bsn;
use crate::store::ts;

/// Test BSNs handed out at most (of the ~9,090 valid numbers starting 9999).
const MAX_TEST_BSNS: usize = 8000;

/// A klant as the later phases need it: who, and the telephone number they call from.
pub(super) struct Persoon {
    pub(super) id: Uuid,
    pub(super) telefoon: Option<String>,
}

/// The generated klanten. Indexes into "all klanten" count the personen first.
pub(super) struct Klanten {
    pub(super) personen: Vec<Persoon>,
    pub(super) organisaties: Vec<Persoon>,
}

/// The house addresses handed out so far: (street index, huisnummer, toevoeging).
type Adressen = HashSet<(usize, u32, Option<String>)>;

impl Generator<'_> {
    /// Personen (the personas first) and organisaties.
    pub(super) fn klanten(
        &mut self,
        tx: &Transaction,
        epoch: DateTime<Utc>,
    ) -> anyhow::Result<Klanten> {
        let mut adressen = HashSet::new();
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
        let personen = self.personen(&mut ins_partij, &mut ins_adres, epoch, &mut adressen)?;
        let organisaties =
            self.organisaties(&mut ins_partij, &mut ins_adres, epoch, &mut adressen)?;
        Ok(Klanten {
            personen,
            organisaties,
        })
    }

    /// The personen: the personas, then random names; a test BSN while they last.
    fn personen(
        &mut self,
        ins_partij: &mut Statement,
        ins_adres: &mut Statement,
        epoch: DateTime<Utc>,
        adressen: &mut Adressen,
    ) -> anyhow::Result<Vec<Persoon>> {
        let mut personen: Vec<Persoon> = Vec::new();
        let mut bsns = HashSet::new();
        let personas = self.src.persona.clone();
        for i in 0..self.opts.personen as usize {
            let (voornaam, voorvoegsel, achternaam) = if let Some(p) = personas.get(i) {
                p.clone()
            } else {
                let v = pick(&mut self.rng, &self.src.voornamen).clone();
                let (vv, a) =
                    sources::split_achternaam(pick(&mut self.rng, &self.src.achternamen).as_str());
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
            let (straat, nr, toev, postcode) = self.adres(adressen);
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
            self.digitale_adressen(ins_adres, id, epoch, [tel.as_deref(), mail.as_deref()])?;
            personen.push(Persoon { id, telefoon: tel });
        }
        Ok(personen)
    }

    /// 200 organisaties (companies with a KvK number).
    fn organisaties(
        &mut self,
        ins_partij: &mut Statement,
        ins_adres: &mut Statement,
        epoch: DateTime<Utc>,
        adressen: &mut Adressen,
    ) -> anyhow::Result<Vec<Persoon>> {
        let mut organisaties: Vec<Persoon> = Vec::new();
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
            let (straat, nr, toev, postcode) = self.adres(adressen);
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
            self.digitale_adressen(ins_adres, id, epoch, [Some(&tel), Some(&mail)])?;
            organisaties.push(Persoon {
                id,
                telefoon: Some(tel),
            });
        }
        Ok(organisaties)
    }

    /// Insert a partij's telefoonnummer and e-mail address (either may be absent).
    fn digitale_adressen(
        &mut self,
        ins: &mut Statement,
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
    fn adres(&mut self, used: &mut Adressen) -> (String, u32, Option<String>, String) {
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
pub(super) fn postcode_letters(n: u32) -> String {
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
