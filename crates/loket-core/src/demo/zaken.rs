//! The zaaktypen, and the zaken with their status histories.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rand::Rng;
use rusqlite::{Transaction, params};
use uuid::Uuid;

use super::gemeente::Gemeente;
use super::klanten::Klanten;
use super::{Generator, Summary, local_at, pick, weighted};
use crate::store::ts;

/// Per klant (the personen first, then the organisaties): their zaken with start dates.
pub(super) type ZakenVan = Vec<Vec<(Uuid, NaiveDate)>>;

impl Generator<'_> {
    /// The zaaktypen from the source list; returns their ids in that order.
    pub(super) fn zaaktypen(
        &mut self,
        tx: &Transaction,
        epoch: DateTime<Utc>,
        gemeente: &Gemeente,
    ) -> anyhow::Result<Vec<Uuid>> {
        let zaaktypen = self.src.zaaktypen.clone();
        let mut zaaktype_ids = Vec::new();
        for zt in &zaaktypen {
            let id = self.id(epoch);
            tx.execute(
                "INSERT INTO zaaktype (id, created_at, updated_at, desk_id, identificatie, omschrijving, afdeling_id, knip,
                   doorlooptijd_dagen, vertrouwelijkheidaanduiding)
                 VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![id.to_string(), ts(epoch), self.desk, zt.0, zt.1, gemeente.afdeling_id(&zt.2).to_string(), zt.3, zt.4, zt.5],
            )?;
            zaaktype_ids.push(id);
        }
        Ok(zaaktype_ids)
    }

    /// 5,000 zaken over the past year, each with its status history up to the reference date.
    pub(super) fn zaken(
        &mut self,
        tx: &Transaction,
        zaaktype_ids: &[Uuid],
        gemeente: &Gemeente,
        klanten: &Klanten,
        summary: &mut Summary,
    ) -> anyhow::Result<ZakenVan> {
        let zaaktypen = self.src.zaaktypen.clone();
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
        let mut zaken_van: ZakenVan =
            vec![Vec::new(); klanten.personen.len() + klanten.organisaties.len()];
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
                let i = self.rng.random_range(0..klanten.organisaties.len());
                (klanten.personen.len() + i, klanten.organisaties[i].id)
            } else if self.rng.random_bool(0.005) {
                // The personas get a few zaken each, so trainers have stories to tell.
                let i = self.rng.random_range(0..self.src.persona.len());
                (i, klanten.personen[i].id)
            } else {
                let i = self.rng.random_range(0..klanten.personen.len());
                (i, klanten.personen[i].id)
            };
            let staff = gemeente.staff_of(gemeente.afdeling_id(&zt.2));
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
        Ok(zaken_van)
    }
}
