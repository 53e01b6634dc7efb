//! The diensten and plekken the afspraken are for (plus the snelbalie's walk-in diensten), so
//! the desk can find free slots and book more; and the leave of Balie 2's medewerker.

use rusqlite::{Transaction, params};

use super::afspraken::{Bezetting, MET_VERLOF};
use super::{Generator, local_at};
use crate::store::ts;

impl Generator<'_> {
    /// The diensten from the source list.
    pub(super) fn diensten(&mut self, tx: &Transaction) -> anyhow::Result<()> {
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
        Ok(())
    }

    /// The plekken with their diensten, medewerker and openingstijden; the afwezigheid of the
    /// medewerker on leave goes just before their plek.
    pub(super) fn plekken(
        &mut self,
        tx: &Transaction,
        bezetting: &Bezetting,
    ) -> anyhow::Result<()> {
        let at = local_at(self.opts.today, 8 * 60);
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
            let medewerker = bezetting.medewerker(li, &naam);
            if li == MET_VERLOF {
                tx.execute(
                    "INSERT INTO afwezigheid (id, created_at, updated_at, desk_id, medewerker_id, van, tot, reden)
                     VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, 'verlof')",
                    params![
                        self.id(at).to_string(),
                        ts(at),
                        self.desk,
                        medewerker.to_string(),
                        bezetting.verlof.0.to_string(),
                        bezetting.verlof.1.to_string()
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
        Ok(())
    }
}
