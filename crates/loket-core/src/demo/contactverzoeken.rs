//! The contactverzoeken of terugbelverzoeken: most handled within the norm, recent ones still
//! open, a few old ones forgotten.

use chrono::Duration;
use rand::Rng;
use rusqlite::{Statement, params};

use super::contactmomenten::{Contact, Pools};
use super::{Generator, Summary, local_at};
use crate::domain::werkdagen;
use crate::store::ts;

impl Generator<'_> {
    /// The contactverzoek of a contact that ended in a terugbelverzoek.
    pub(super) fn terugbelverzoek(
        &mut self,
        ins_cv: &mut Statement,
        c: &Contact,
        pools: &Pools,
        summary: &mut Summary,
    ) -> anyhow::Result<()> {
        let Contact {
            id,
            day,
            at,
            ow,
            partij,
            ..
        } = *c;
        let vandaag_begin = pools.vandaag_begin;
        let deadline_day = werkdagen::plus_werkdagen(day + Duration::days(1), 0, &self.sluiting);
        let uiterlijk = local_at(deadline_day, 17 * 60);
        let werkdagen_oud = werkdagen::werkdagen_tussen(day, self.opts.today, &self.sluiting);
        // Most are answered within the norm; recent ones are still open, a few old ones forgotten.
        let open = werkdagen_oud <= 1 || (werkdagen_oud <= 4 && self.rng.random_bool(0.15));
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
        let tel = partij
            .and_then(|p| p.telefoon.clone())
            .unwrap_or_else(|| format!("06{:08}", self.rng.random_range(10_000_000..99_999_999)));
        ins_cv.execute(params![
            cv_id.to_string(),
            ts(at),
            ts(verwerkt.unwrap_or(at)),
            self.desk,
            id.to_string(),
            partij.map(|p| p.id.to_string()),
            format!("Terugbellen over {}: {}", ow.0.to_lowercase(), ow.3),
            tel,
            pools.gemeente.afdeling_id(&ow.1).to_string(),
            if open { "te_verwerken" } else { "verwerkt" },
            ts(uiterlijk),
            verwerkt.map(ts)
        ])?;
        if open {
            summary.contactverzoeken_open += 1;
        }
        Ok(())
    }
}
