//! The counter's tickets of the balie contacts: walk-in visitors for the snelbalie's diensten.

use std::collections::HashMap;

use chrono::Duration;
use rand::Rng;
use rusqlite::{Statement, params};

use super::Generator;
use super::contactmomenten::Contact;
use crate::store::ts;

impl Generator<'_> {
    /// The bezoek of a balie contact at `locatie`; `volgnummers` counts the day's tickets per
    /// prefix.
    pub(super) fn bezoek(
        &mut self,
        ins_bezoek: &mut Statement,
        c: &Contact,
        locatie: &str,
        volgnummers: &mut HashMap<&'static str, u32>,
    ) -> anyhow::Result<()> {
        let Contact {
            day,
            at,
            drukte,
            ow,
            partij,
            ..
        } = *c;
        // A walk-in ticket for the snelbalie's dienst, called after a wait.
        let (dienst, prefix) = match ow.0.as_str() {
            "Paspoort en ID-kaart" | "Rijbewijs" => ("Ophalen reisdocument of rijbewijs", "S"),
            "Uittreksel BRP" => ("Uittreksel en verklaringen", "U"),
            _ => ("Informatie en overige vragen", "I"),
        };
        let n = volgnummers.entry(prefix).or_default();
        *n += 1;
        let minuten = (-(3.0 + 9.0 * drukte) * (1.0 - self.rng.random::<f64>()).ln()).min(60.0);
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
        Ok(())
    }
}
