//! The telephone's own records of the telefoon contacts (queue, answer, transfers), plus the
//! callers who hung up while waiting.

use chrono::Duration;
use rand::Rng;
use rusqlite::{Statement, params};
use uuid::Uuid;

use super::Generator;
use super::contactmomenten::Contact;
use crate::store::ts;

/// The telephone menu choice that leads to `afdeling`'s questions.
fn keuze_van(afdeling: &str) -> &'static str {
    match afdeling {
        "Burgerzaken" => "Burgerzaken",
        "Openbare Ruimte" => "Afval en openbare ruimte",
        "Belastingen" => "Belastingen",
        "Bouwen & Wonen" | "Vergunningen/APV" => "Bouwen en wonen",
        _ => "Overige vragen",
    }
}

impl Generator<'_> {
    /// The gesprek of a telefoon contact (and, sometimes, a caller in the same queue who gave
    /// up); returns the gesprek's id.
    pub(super) fn gesprek(
        &mut self,
        ins_gesprek: &mut Statement,
        c: &Contact,
    ) -> anyhow::Result<Uuid> {
        let Contact {
            id,
            at,
            drukte,
            ow,
            afhandeling,
            medewerker,
            nummer,
            ..
        } = *c;
        // Waiting time: exponential, its mean growing with the drukte.
        let gemiddeld = 8.0 + 25.0 * drukte * drukte;
        let wacht = (-gemiddeld * (1.0 - self.rng.random::<f64>()).ln()).min(600.0) as i64;
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
                    self.rng.random_range(45..240) + self.rng.random_range(0..240)
                )),
            None::<String>,
            medewerker.to_string(),
            serde_json::Value::Array(door).to_string(),
        ])?;
        // Some callers in the same queue gave up waiting.
        if self.rng.random_bool(0.03 + 0.07 * drukte) {
            let binnen = at - Duration::seconds(self.rng.random_range(0..300));
            let geduld = self.rng.random_range(8..150);
            let extern_id = format!("demo-weg-{id}");
            ins_gesprek.execute(params![
                crate::domain::telefonie::Gesprek::id_voor(&extern_id).to_string(),
                ts(binnen),
                self.desk,
                extern_id,
                format!("06{:08}", self.rng.random_range(10_000_000..99_999_999)),
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
        Ok(g)
    }
}
