//! The contact history: about 300 contactmomenten per werkdag over the last `days` days, each
//! with what it brings (a gesprek, a bezoek, a contactverzoek).

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use rand::Rng;
use rusqlite::{Statement, Transaction, params};
use uuid::Uuid;

use super::gemeente::Gemeente;
use super::klanten::{Klanten, Persoon};
use super::{Generator, Summary, local_at, pick, weighted};
use crate::domain::werkdagen;
use crate::store::ts;

/// Share of the day's contacts per half hour from 08:30 to 17:00: a morning peak.
const HALFUUR_WEIGHTS: [u32; 17] = [6, 9, 11, 11, 10, 9, 7, 6, 6, 7, 7, 6, 5, 4, 4, 3, 2];

/// What the contacts are drawn from: the source lists with their weights, and the klanten,
/// zaken and KCC medewerkers generated before.
pub(super) struct Pools<'a> {
    pub(super) gemeente: &'a Gemeente,
    klanten: &'a Klanten,
    zaken_van: &'a [Vec<(Uuid, NaiveDate)>],
    kcc: Vec<Uuid>,
    onderwerpen: Vec<(String, String, u32, String)>,
    ow_weights: Vec<u32>,
    kanalen: Vec<(String, u32)>,
    kanaal_weights: Vec<u32>,
    afhandelingen: Vec<(String, u32)>,
    afh_weights: Vec<u32>,
    /// The counter's location of the balie contacts' tickets.
    locatie: String,
    /// A callback is processed before the reference date begins: the demo never reads the wall
    /// clock, so the same seed and date give the same database at any hour.
    pub(super) vandaag_begin: DateTime<Utc>,
}

/// The prepared inserts of the contact history.
struct Inserts<'t> {
    cm: Statement<'t>,
    /// The telephone's own records of those calls (queue, answer, transfers), plus the callers
    /// who hung up while waiting.
    gesprek: Statement<'t>,
    /// The counter's tickets of the balie contacts.
    bezoek: Statement<'t>,
    cv: Statement<'t>,
}

/// One contact as drawn, for the records it brings along.
#[derive(Clone, Copy)]
pub(super) struct Contact<'p> {
    pub(super) id: Uuid,
    pub(super) day: NaiveDate,
    pub(super) at: DateTime<Utc>,
    /// How busy its half hour is (1.0 at the morning peak): waits grow with it.
    pub(super) drukte: f64,
    /// The onderwerp: (naam, afdeling, weight, inhoud).
    pub(super) ow: &'p (String, String, u32, String),
    pub(super) afhandeling: &'p str,
    pub(super) partij: Option<&'p Persoon>,
    pub(super) medewerker: Uuid,
    /// The number the klant calls from.
    pub(super) nummer: &'p str,
}

impl Generator<'_> {
    /// Contact history: about 300 contactmomenten per werkdag over the last `days` days.
    pub(super) fn contactmomenten(
        &mut self,
        tx: &Transaction,
        gemeente: &Gemeente,
        klanten: &Klanten,
        zaken_van: &[Vec<(Uuid, NaiveDate)>],
        summary: &mut Summary,
    ) -> anyhow::Result<()> {
        let onderwerpen = self.src.onderwerpen.clone();
        let ow_weights: Vec<u32> = onderwerpen.iter().map(|o| o.2).collect();
        let kanalen = self.src.kanalen.clone();
        let kanaal_weights: Vec<u32> = kanalen.iter().map(|k| k.1).collect();
        let afhandelingen = self.src.afhandelingen.clone();
        let afh_weights: Vec<u32> = afhandelingen.iter().map(|a| a.1).collect();
        let pools = Pools {
            gemeente,
            klanten,
            zaken_van,
            kcc: gemeente.kcc(),
            onderwerpen,
            ow_weights,
            kanalen,
            kanaal_weights,
            afhandelingen,
            afh_weights,
            locatie: crate::config::standaard_locatie(),
            vandaag_begin: local_at(self.opts.today, 0),
        };
        let mut ins = Inserts {
            cm: tx.prepare(
                "INSERT INTO contactmoment (id, created_at, updated_at, desk_id, plaatsgevonden_op, kanaal, onderwerp, inhoud,
                   afhandeling, partij_id, zaak_id, medewerker_id, duur_seconden, nawerk_seconden, eerstelijns_afgehandeld,
                   gesprek_id, ontvangen_op, afdeling_id)
                 VALUES (?1, ?2, ?2, ?3, ?2, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,
                         ?7 IN ('afgehandeld', 'afspraak gemaakt'), ?13, ?14, ?15)",
            )?,
            gesprek: tx.prepare(
                "INSERT INTO gesprek (id, created_at, updated_at, desk_id, extern_id, nummer, keuze, terugval,
                   binnen_op, aangeboden_op, aangenomen_op, beeindigd_op, verlaten_op, medewerker_id, doorverbindingen)
                 VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?2, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?,
            bezoek: tx.prepare(
                "INSERT INTO bezoek (id, created_at, updated_at, desk_id, dag, locatie, nummer, volgnummer, dienst,
                   partij_id, aangekomen_op, opgeroepen_op, oproepen, balie, geholpen_op, klaar_op, status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?2, ?11, 1, ?12, ?11, ?3, 'klaar')",
            )?,
            cv: tx.prepare(
                "INSERT INTO contactverzoek (id, created_at, updated_at, desk_id, contactmoment_id, partij_id, toelichting,
                   terugbelnummer, afdeling_id, status, uiterlijk_op, verwerkt_op)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?,
        };
        let first = self.opts.today - Duration::days(i64::from(self.opts.days));
        let mut day = first;
        while day < self.opts.today {
            if !werkdagen::is_werkdag(day, &self.sluiting) {
                day += Duration::days(1);
                continue;
            }
            self.contactdag(&mut ins, &pools, day, summary)?;
            day += Duration::days(1);
        }
        Ok(())
    }

    /// One werkdag: how many contacts (by weekday), at what times (a morning peak), then each.
    fn contactdag(
        &mut self,
        ins: &mut Inserts,
        pools: &Pools,
        day: NaiveDate,
        summary: &mut Summary,
    ) -> anyhow::Result<()> {
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
                    + weighted(&mut self.rng, &HALFUUR_WEIGHTS) as u32 * 30
                    + self.rng.random_range(0..30)
            })
            .collect();
        times.sort_unstable();
        let mut volgnummers: HashMap<&str, u32> = Default::default();
        for minute in times {
            self.contactmoment(ins, pools, day, minute, &mut volgnummers, summary)?;
        }
        Ok(())
    }

    /// One contactmoment at `minute` on `day`: kanaal, onderwerp, afhandeling, klant and zaak,
    /// with its gesprek (telefoon), bezoek (balie) or date received (written channels), and the
    /// contactverzoek of a terugbelverzoek.
    fn contactmoment(
        &mut self,
        ins: &mut Inserts,
        pools: &Pools,
        day: NaiveDate,
        minute: u32,
        volgnummers: &mut HashMap<&'static str, u32>,
        summary: &mut Summary,
    ) -> anyhow::Result<()> {
        let (personen, organisaties) = (&pools.klanten.personen, &pools.klanten.organisaties);
        // How busy this half hour is (1.0 at the morning peak): waits grow with it.
        let drukte = f64::from(
            HALFUUR_WEIGHTS[((minute.saturating_sub(8 * 60 + 30)) / 30).min(16) as usize],
        ) / 11.0;
        let at = local_at(day, minute) + Duration::seconds(self.rng.random_range(0..60));
        let kanaal = pools.kanalen[weighted(&mut self.rng, &pools.kanaal_weights)]
            .0
            .as_str();
        let ow = &pools.onderwerpen[weighted(&mut self.rng, &pools.ow_weights)];
        let afhandeling = pools.afhandelingen[weighted(&mut self.rng, &pools.afh_weights)]
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
                let z: Vec<Uuid> = pools.zaken_van[i]
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
        let medewerker = *pick(&mut self.rng, &pools.kcc);
        let nummer = partij
            .and_then(|p| p.telefoon.clone())
            .unwrap_or_else(|| format!("06{:08}", self.rng.random_range(10_000_000..99_999_999)));
        let contact = Contact {
            id,
            day,
            at,
            drukte,
            ow,
            afhandeling,
            partij,
            medewerker,
            nummer: &nummer,
        };
        let mut gesprek_id = None;
        let mut ontvangen_op = None;
        match kanaal {
            "telefoon" => {
                gesprek_id = Some(self.gesprek(&mut ins.gesprek, &contact)?);
            }
            "balie" => {
                self.bezoek(&mut ins.bezoek, &contact, &pools.locatie, volgnummers)?;
            }
            "email" | "post" | "social_media" => {
                // Answered on the day it came in or a few werkdagen later.
                let terug = [0, 0, 0, 1, 1, 1, 2, 2, 3, 4][self.rng.random_range(0..10)];
                ontvangen_op = Some(werkdagen::min_werkdagen(day, terug, &self.sluiting));
            }
            _ => {}
        }
        ins.cm.execute(params![
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
            pools.gemeente.afdeling_id(&ow.1).to_string()
        ])?;
        summary.contactmomenten += 1;
        if afhandeling == "terugbelverzoek" {
            self.terugbelverzoek(&mut ins.cv, &contact, pools, summary)?;
        }
        Ok(())
    }
}
