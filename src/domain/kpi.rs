//! The floor's telephone figures from the call records, with their definitions in one place
//! (issue 9 groundwork):
//! - a call belongs to the day it arrived (local time), also when it ends after midnight;
//! - a call is counted once, however often it was transferred;
//! - offered = answered + abandoned; a caller who hangs up within 5 seconds ("kort
//!   opgehangen") is not counted as offered (they did not really wait);
//! - service level = answered within the norm (waiting time <= norm) / offered;
//! - average speed of answer = mean waiting time of the answered calls;
//! - average handling time = mean talk time plus after-call work of the answered calls.

use chrono::{DateTime, Local, NaiveDate, Timelike, Utc};

use super::telefonie::Gesprek;

/// The servicenormen every verdict is judged against (from `[normen]` in config.toml; the
/// defaults are the seeds').
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Normen {
    /// Telephone: answered within this many seconds…
    pub telefoon_s: i64,
    /// …in this share of the calls (percent).
    pub servicelevel_pct: f64,
    /// First-contact resolution (percent).
    pub fcr_pct: f64,
    /// A walk-in visitor is helped within this many seconds.
    pub balie_s: i64,
    /// Written channels: answered within this many werkdagen of the day the message came in.
    pub email_werkdagen: u32,
    pub post_werkdagen: u32,
    pub social_media_werkdagen: u32,
    /// Communicated norms must be met in this share of the cases (percent).
    pub gehaald_pct: f64,
}

impl Default for Normen {
    fn default() -> Self {
        Normen {
            telefoon_s: 30,
            servicelevel_pct: 80.0,
            fcr_pct: 80.0,
            balie_s: 15 * 60,
            email_werkdagen: 3,
            post_werkdagen: 5,
            social_media_werkdagen: 1,
            gehaald_pct: 95.0,
        }
    }
}

impl Normen {
    /// The norm in werkdagen of a written channel (None for telefoon, balie and chat).
    pub fn werkdagen(&self, kanaal: super::Kanaal) -> Option<u32> {
        match kanaal {
            super::Kanaal::Email => Some(self.email_werkdagen),
            super::Kanaal::Post => Some(self.post_werkdagen),
            super::Kanaal::SocialMedia => Some(self.social_media_werkdagen),
            _ => None,
        }
    }
}

/// Callers who hang up within this many seconds are not counted as offered.
pub const KORT_OPGEHANGEN_S: i64 = 5;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TelefoonKpi {
    pub aangeboden: u32,
    pub beantwoord: u32,
    pub verlaten: u32,
    pub kort_opgehangen: u32,
    /// Still waiting now.
    pub wachtend: u32,
    pub binnen_norm: u32,
    /// Percent (0..100), None without offered calls.
    pub servicelevel: Option<f64>,
    pub verlaten_pct: Option<f64>,
    /// Seconds.
    pub gemiddelde_wachttijd: Option<f64>,
    pub gemiddelde_afhandeltijd: Option<f64>,
    /// The longest wait today, answered, abandoned or still waiting (seconds).
    pub langste_wachttijd: i64,
    /// The longest wait of the callers waiting now (0 when nobody waits).
    pub langste_nu: i64,
    /// Calls arrived per hour of the day (0..24).
    pub per_uur: [u32; 24],
}

/// Figures for `dag` from the calls (and per call its after-call work in seconds, when known),
/// against `norm_s`; `nu` for the calls still waiting.
pub fn telefoon(
    gesprekken: &[(Gesprek, Option<i64>)],
    dag: NaiveDate,
    norm_s: i64,
    nu: DateTime<Utc>,
) -> TelefoonKpi {
    telefoon_periode(gesprekken, dag, dag, norm_s, nu)
}

/// The same figures for the days `van` to `tot` inclusive (for the reports).
pub fn telefoon_periode(
    gesprekken: &[(Gesprek, Option<i64>)],
    van: NaiveDate,
    tot: NaiveDate,
    norm_s: i64,
    nu: DateTime<Utc>,
) -> TelefoonKpi {
    let mut k = TelefoonKpi::default();
    let (mut wacht_som, mut aht_som, mut aht_n) = (0i64, 0i64, 0u32);
    for (g, nawerk) in gesprekken {
        let binnen = g.binnen_op.with_timezone(&Local);
        if binnen.date_naive() < van || binnen.date_naive() > tot {
            continue;
        }
        k.per_uur[binnen.hour() as usize] += 1;
        match (g.aangenomen_op, g.verlaten_op) {
            (Some(aan), _) => {
                let wacht = (aan - g.binnen_op).num_seconds().max(0);
                k.aangeboden += 1;
                k.beantwoord += 1;
                wacht_som += wacht;
                k.langste_wachttijd = k.langste_wachttijd.max(wacht);
                if wacht <= norm_s {
                    k.binnen_norm += 1;
                }
                if let Some(praat) = g.gespreksduur() {
                    aht_som += praat + nawerk.unwrap_or(0);
                    aht_n += 1;
                }
            }
            (None, Some(weg)) => {
                let wacht = (weg - g.binnen_op).num_seconds().max(0);
                k.langste_wachttijd = k.langste_wachttijd.max(wacht);
                if wacht < KORT_OPGEHANGEN_S {
                    k.kort_opgehangen += 1;
                } else {
                    k.aangeboden += 1;
                    k.verlaten += 1;
                }
            }
            (None, None) => {
                k.wachtend += 1;
                let wacht = (nu - g.binnen_op).num_seconds().max(0);
                k.langste_wachttijd = k.langste_wachttijd.max(wacht);
                k.langste_nu = k.langste_nu.max(wacht);
            }
        }
    }
    let pct = |teller: u32, noemer: u32| {
        (noemer > 0).then(|| f64::from(teller) * 100.0 / f64::from(noemer))
    };
    k.servicelevel = pct(k.binnen_norm, k.aangeboden);
    k.verlaten_pct = pct(k.verlaten, k.aangeboden);
    k.gemiddelde_wachttijd = (k.beantwoord > 0).then(|| wacht_som as f64 / f64::from(k.beantwoord));
    k.gemiddelde_afhandeltijd = (aht_n > 0).then(|| aht_som as f64 / f64::from(aht_n));
    k
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn om(u: u32, m: u32, s: u32) -> DateTime<Utc> {
        Local
            .with_ymd_and_hms(2026, 11, 23, u, m, s)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn gesprek(binnen: DateTime<Utc>, wacht: Option<i64>, weg: Option<i64>, praat: i64) -> Gesprek {
        Gesprek::uit_tijden(
            binnen,
            wacht.map(|w| binnen + Duration::seconds(w)),
            wacht.map(|w| binnen + Duration::seconds(w + praat)),
            weg.map(|w| binnen + Duration::seconds(w)),
        )
    }

    #[test]
    fn answered_at_exactly_the_norm_is_within_it_and_a_short_hang_up_is_not_offered() {
        let dag = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let calls = vec![
            (gesprek(om(9, 0, 0), Some(30), None, 120), Some(60)),
            (gesprek(om(9, 5, 0), Some(31), None, 200), None),
            (gesprek(om(9, 10, 0), None, Some(5), 0), None),
            (gesprek(om(9, 11, 0), None, Some(4), 0), None),
            (gesprek(om(10, 0, 0), None, None, 0), None),
        ];
        let k = telefoon(&calls, dag, 30, om(10, 2, 0));
        assert_eq!((k.aangeboden, k.beantwoord, k.verlaten), (3, 2, 1));
        assert_eq!((k.kort_opgehangen, k.wachtend, k.binnen_norm), (1, 1, 1));
        assert!((k.servicelevel.unwrap() - 100.0 / 3.0).abs() < 1e-9);
        assert!((k.verlaten_pct.unwrap() - 100.0 / 3.0).abs() < 1e-9);
        assert_eq!(k.gemiddelde_wachttijd, Some(30.5));
        // (120 + 60) and (200 + 0): after-call work counts where known.
        assert_eq!(k.gemiddelde_afhandeltijd, Some(190.0));
        assert_eq!(k.langste_wachttijd, 120, "the caller still waiting");
        assert_eq!(k.langste_nu, 120);
        assert_eq!((k.per_uur[9], k.per_uur[10]), (4, 1));
    }

    #[test]
    fn a_call_spanning_midnight_belongs_to_the_day_it_arrived_and_a_transfer_counts_once() {
        let dag = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut laat = gesprek(om(23, 59, 50), Some(20), None, 600);
        let door = |naar: &str| crate::domain::telefonie::Doorverbinding {
            naar: naar.into(),
            gelukt: true,
            seconden: 10,
        };
        laat.doorverbindingen = vec![door("Belastingen"), door("Burgerzaken")];
        let volgende_dag = gesprek(om(23, 59, 50) + Duration::seconds(30), Some(5), None, 60);
        let k = telefoon(
            &[(laat, None), (volgende_dag, None)],
            dag,
            30,
            om(23, 59, 59),
        );
        assert_eq!((k.aangeboden, k.beantwoord, k.binnen_norm), (1, 1, 1));
        assert_eq!(k.per_uur[23], 1);
        let k = telefoon(&[], dag, 30, om(9, 0, 0));
        assert_eq!((k.servicelevel, k.gemiddelde_wachttijd), (None, None));
    }
}
