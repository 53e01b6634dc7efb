//! The afspraken for today and the next four weeks, and who works at which plek.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use rand::Rng;
use rusqlite::{Transaction, params};
use uuid::Uuid;

use super::gemeente::Gemeente;
use super::klanten::Persoon;
use super::{Generator, Summary, local_at};
use crate::domain::werkdagen;
use crate::store::ts;

/// The plek (index into the afspraak locaties) whose medewerker takes leave: Balie 2.
pub(super) const MET_VERLOF: usize = 1;

/// Who works at which plek: each plek has its own medewerker; the one at Balie 2 is on leave
/// from the Monday after next until that Wednesday (no afspraken then, and no free slots there).
pub(super) struct Bezetting {
    burgerzaken: Vec<Uuid>,
    belastingen: Vec<Uuid>,
    /// The leave of Balie 2's medewerker: first and last day.
    pub(super) verlof: (NaiveDate, NaiveDate),
}

impl Bezetting {
    pub(super) fn new(gemeente: &Gemeente, today: NaiveDate) -> Self {
        let burgerzaken = gemeente.staff_of(gemeente.afdeling_id("Burgerzaken"));
        let belastingen = gemeente.staff_of(gemeente.afdeling_id("Belastingen"));
        let verlof_van = {
            let mut d = today + Duration::days(8);
            while d.weekday() != Weekday::Mon {
                d += Duration::days(1);
            }
            d
        };
        let verlof = (verlof_van, verlof_van + Duration::days(2));
        Bezetting {
            burgerzaken,
            belastingen,
            verlof,
        }
    }

    /// The medewerker of plek number `li` at `locatie`.
    pub(super) fn medewerker(&self, li: usize, locatie: &str) -> Uuid {
        let staff = if locatie.starts_with("Spreekkamer 2") {
            &self.belastingen
        } else {
            &self.burgerzaken
        };
        staff[li % staff.len()]
    }
}

impl Generator<'_> {
    /// Afspraken for today and the next four weeks; each location has back-to-back slots, so no
    /// two afspraken at one location overlap.
    pub(super) fn afspraken(
        &mut self,
        tx: &Transaction,
        bezetting: &Bezetting,
        personen: &[Persoon],
        summary: &mut Summary,
    ) -> anyhow::Result<()> {
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
                let medewerker = bezetting.medewerker(li, locatie);
                if li == MET_VERLOF && bezetting.verlof.0 <= day && day <= bezetting.verlof.1 {
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
                            let booked = (begin - ahead).min(local_at(self.opts.today, 0) - eerder);
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
        Ok(())
    }
}
